/**
 * The benchmark's page budgets: every page of a built site opened from cold in Chromium, with
 * what it transferred (bytes as served over loopback, uncompressed, until the network is idle),
 * its JavaScript and requests, and the time to its first chart or table. Budgets: a report card
 * 400 KB, every other page but Eksplorasi (the in-browser DuckDB, 35 MB by design) 600 KB, Beranda
 * its own 350 KB; the first chart within 1 s on loopback. Used by scripts/bench.ts on the demo
 * site (`pages`) and on the national site (`national-site`).
 */
import type { Browser } from "playwright-core";
import type { Served } from "../tests/helpers/serve.ts";

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
function target(value: number, limit: number, unit: string) {
  return { target: `≤ ${limit} ${unit}`, met: value <= limit };
}

/**
 * A page of a served site opened from cold in a fresh browser context, `runs` times: the bytes it
 * transferred (uncompressed, until the network is idle), its JavaScript, its requests, and the
 * median time from navigation to the first `selector` inside the page's main element.
 */
export async function pageFigures(
  site: Served,
  browser: Browser,
  path: string,
  selector: string,
  runs: number,
) {
  const times: number[] = [];
  let bytes = 0, js = 0, requests = 0;
  for (let i = 0; i < runs; i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    site.log.length = 0;
    await page.goto(site.url + path, { waitUntil: "commit" });
    await page.waitForSelector(`#observablehq-main ${selector}`, { timeout: 60000 });
    times.push(await page.evaluate(() => performance.now()));
    await page.waitForLoadState("networkidle");
    bytes = site.log.reduce((s, r) => s + r.bytes, 0);
    js = site.log.filter((r) => r.path.endsWith(".js")).reduce((s, r) => s + r.bytes, 0);
    requests = site.log.length;
    await ctx.close();
  }
  return {
    kb_transferred: Math.round(bytes / 1024),
    kb_javascript: Math.round(js / 1024),
    requests,
    first_chart_ms: Math.round(median(times)),
  };
}

/** The pages measured, with what marks their first chart or table and their byte budget. */
export function halamanUkur(
  rapor: string,
): { nama: string; path: string; pilih: string; kb: number | null }[] {
  return [
    { nama: "beranda", path: "/", pilih: "svg", kb: 350 },
    { nama: "peringkat", path: "/peringkat", pilih: "table.tabel-data tbody tr", kb: 600 },
    { nama: "tren", path: "/tren", pilih: "svg", kb: 600 },
    { nama: "dimensi", path: "/dimensi", pilih: "svg", kb: 600 },
    { nama: "rapor_instansi", path: rapor, pilih: "svg", kb: 400 },
    { nama: "daftar_rapor", path: "/instansi/", pilih: "table.tabel-data tbody tr", kb: 600 },
    { nama: "simulasi", path: "/simulasi", pilih: "svg", kb: 600 },
    { nama: "perbandingan", path: "/perbandingan", pilih: "svg", kb: 600 },
    { nama: "rekonsiliasi", path: "/rekonsiliasi", pilih: "table.tabel-data tbody tr", kb: 600 },
    { nama: "metodologi", path: "/metodologi", pilih: "table.tabel-data", kb: 600 },
    { nama: "data", path: "/data", pilih: "table.tabel-data", kb: 600 },
    // The in-browser SQL engine is the page: its bytes are reported, not budgeted.
    { nama: "eksplorasi", path: "/eksplorasi", pilih: "table.tabel-data tbody tr", kb: null },
  ];
}

/** Every page of `halamanUkur` with its figures and, but Eksplorasi, its targets. */
export async function ukurHalaman(
  site: Served,
  browser: Browser,
  rapor: string,
  runs: number,
  dengan_target = true,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const h of halamanUkur(rapor)) {
    const f = await pageFigures(site, browser, h.path, h.pilih, h.nama === "eksplorasi" ? 1 : runs);
    out[h.nama] = {
      path: h.path,
      ...f,
      ...(dengan_target && h.kb !== null
        ? {
          size_target: target(f.kb_transferred, h.kb, "KB"),
          time_target: target(f.first_chart_ms, 1000, "ms"),
        }
        : {}),
    };
  }
  return out;
}
