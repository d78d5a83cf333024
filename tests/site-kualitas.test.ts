/**
 * The site as readers meet it (issue #21), in Chromium at 1366×900 and 390×844, on every page of
 * the public site (top pages, report-card index and cards, unit pages when built, 404): no console
 * error or foreign request at either size; every chart's download holds the chart (PNG of its
 * size, SVG with its marks, title and source) with a link and an embed beside it; no code
 * identifier in public text; SQL results in the query's order; phones (no sideways scroll,
 * nothing covering the content, zoom allowed, the menu closing, tap targets); tables (sticky
 * header, sort arrow kept in the URL, a message when empty); the shell's accessibility (skip link,
 * labelled search, named charts); axe-core's WCAG A/AA checks, colour contrast included; sharing
 * (the copied link keeps the state and opens at the chart) and printing a report card on A4.
 *
 * It reads a built site: $IPASN_SITE, else dist/ as tests/build.test.ts leaves it (the test
 * runner runs that file first); with neither, it builds the demo site into a temporary folder.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { existsSync } from "node:fs";
import { build, projectCopy } from "./helpers/project.ts";
import type { Browser, Page } from "playwright-core";
import { watch, withSite } from "./helpers/browser.ts";
import { tempDir } from "./helpers/fixture.ts";
import { builtPages } from "./helpers/kunjungan.ts";
import { HALAMAN } from "../src/kosakata.ts";
import { CDN } from "../loaders/publish/duckdbApi.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const AXE = join(ROOT, "node_modules/axe-core/axe.min.js");

/**
 * The demo site: $IPASN_SITE when given, else built here from the demo data in a throw-away copy
 * of the project (its own Framework cache, computed outputs and dist), so that it never races the
 * other builds the test suite runs at the same time in the working tree.
 */
async function site(): Promise<string> {
  const given = Deno.env.get("IPASN_SITE");
  if (given) return given;
  // The copy with its computed outputs and site is about 0.9 GB: gone when the tests end.
  const dir = await tempDir("ipasn-site-");
  const b = await build(projectCopy(dir), "--demo", dir);
  assert.ok(b.ok, b.log.slice(-2000));
  return b.out;
}
const SITE = await site();

const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

/** The built pages in a folder of the site ("" for the top), as paths ("/", "/tren", …). */
function built(folder: string): string[] {
  const dir = join(SITE, folder);
  if (!existsSync(dir)) return [];
  return [...Deno.readDirSync(dir)].filter((e) => e.isFile && e.name.endsWith(".html"))
    .map((e) => e.name.replace(/\.html$/, "")).sort()
    .map((n) => `${folder ? `/${folder}` : ""}/${n === "index" ? "" : n}`);
}

/**
 * Every page of the public site: the top pages, the report-card index and two cards, the unit
 * pages when the build has them, and the 404 page.
 */
const PAGES = (() => {
  const top = built("");
  // Every page of the menu that is not a folder of report cards, the home page and the 404 page.
  const expected = [
    "/",
    ...HALAMAN.map((h) => h.path).filter((p) => !p.endsWith("/")),
    "/404",
  ];
  for (const p of expected) assert.ok(top.includes(p), `${p} is built (${top.join(" ")})`);
  const kartu = built("instansi").filter((p) => p !== "/instansi/");
  assert.ok(built("instansi").includes("/instansi/") && kartu.length, "report cards are built");
  const unit = built("unit");
  const unitKartu = unit.filter((p) => p !== "/unit/");
  return [
    ...top,
    "/instansi/",
    ...kartu.slice(0, 2),
    ...(unit.includes("/unit/") ? ["/unit/"] : []),
    ...unitKartu.slice(0, 1),
  ];
})();

/** Every page of the built site (every report card and unit card too), and the 404 page. */
const SEMUA = [...builtPages(SITE), "/404"];

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(bytes: Uint8Array): { w: number; h: number } {
  const v = new DataView(bytes.buffer, bytes.byteOffset);
  assert.equal(v.getUint32(0), 0x89504e47, "a PNG signature");
  return { w: v.getUint32(16), h: v.getUint32(20) };
}

async function download(page: Page, button: ReturnType<Page["getByRole"]>): Promise<Uint8Array> {
  const [d] = await Promise.all([page.waitForEvent("download"), button.click()]);
  return Deno.readFileSync(await d.path());
}

async function ready(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: "networkidle" });
  await page.waitForSelector("#observablehq-main h1");
}

/** Lets late cells (DuckDB, charts drawn after data) finish before a page is judged. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(
    () => !document.querySelector("#observablehq-main observablehq-loading"),
    null,
    {
      timeout: 30_000,
    },
  ).catch(() => {});
}

Deno.test("no file the site serves names a CDN or DuckDB's extension host (the engine's binary aside)", () => {
  // duckdb-eh.wasm is DuckDB compiled: its default extension repository is in the binary, and
  // Eksplorasi turns extension loading and external access off before a reader's query runs.
  const named: string[] = [];
  const walk = (dir: string) => {
    for (const e of Deno.readDirSync(dir)) {
      const p = join(dir, e.name);
      if (e.isDirectory) walk(p);
      else if (!e.name.endsWith(".wasm")) {
        const hit = CDN.exec(new TextDecoder().decode(Deno.readFileSync(p)));
        if (hit) named.push(`${p.slice(SITE.length)}: ${hit[0]}`);
      }
    }
  };
  walk(SITE);
  assert.deepEqual(named, []);
});

function browserTest(name: string, fn: (url: string, browser: Browser) => Promise<void>) {
  Deno.test({
    name,
    sanitizeResources: false,
    sanitizeOps: false,
    fn: () => withSite(SITE, (url, browser) => fn(url, browser)),
  });
}

browserTest(
  "downloads: the picture is the chart with title, source and notes; CSV with source and Indonesian headers",
  async (url, browser) => {
    const page = await browser.newPage({ viewport: DESKTOP, acceptDownloads: true });
    const w = watch(page, url);
    await ready(page, `${url}/perbandingan?periode=2024-Q3`);
    // The dot plot (second chart): Plot's figure starts with 15×15 legend swatches.
    const chart = page.locator("#observablehq-main figure").filter({
      has: page.locator('circle[r="4"]'),
    });
    const size = await chart.evaluate((f) => {
      const svgs = [...f.querySelectorAll("svg")];
      const main = svgs.reduce((
        a,
        b,
      ) => (+b.getAttribute("width")! > +a.getAttribute("width")! ? b : a));
      return {
        first: +svgs[0].getAttribute("width")!,
        w: +main.getAttribute("width")!,
        h: +main.getAttribute("height")!,
      };
    });
    assert.equal(size.first, 15, "the figure's first SVG is a legend swatch");
    const bar = page.locator(".unduh").nth(1);
    const svg = new TextDecoder().decode(
      await download(page, bar.getByRole("button", { name: /^Unduh SVG/ })),
    );
    assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.equal(
      svg.match(/<circle[^>]*r="4"/g)?.length,
      92,
      "a pair of dots for each of 46 instansi",
    );
    // The methods by their names (the profiles' `nama`), not their ids.
    assert.match(
      svg,
      /<title>IP ASN per instansi: Peraturan BKN No. 8\/2019 dan Surat BKN No. 4190\/B-BM.02.01\/SD\/K\/2024<\/title>/,
    );
    assert.match(svg, />Triwulan III Tahun 2024</);
    assert.match(svg, />Sumber: IP ASN/);
    assert.match(svg, />Data contoh sintetis/);
    const png = pngSize(await download(page, bar.getByRole("button", { name: /^Unduh PNG/ })));
    assert.equal(png.w, 2 * size.w, "twice the chart's width");
    assert.ok(png.h > 2 * size.h + 80, `header and footer above and below the chart: ${png.h}`);

    const csv = new TextDecoder().decode(
      await download(page, bar.getByRole("button", { name: /^Unduh CSV \(judul Indonesia\)/ })),
    ).replace(/^\uFEFF/, "").split("\n");
    assert.match(csv[0], /^# Sumber: IP ASN/);
    assert.equal(csv[1], "Kode instansi,Instansi,bkn-2019,bkn-2024,Selisih (B − A)");
    assert.equal(csv.length, 2 + 46);

    // A page that passes no options (Tren): the chart, framed, with the heading above it as title.
    await ready(page, `${url}/tren`);
    const trenSvg = new TextDecoder().decode(
      await download(page, page.getByRole("button", { name: /^Unduh SVG/ }).first()),
    );
    assert.match(trenSvg, /data-mark="line"/);
    assert.match(trenSvg, />Sumber: /);
    assert.deepEqual(w.errors, []);
    await page.close();
  },
);

const MARKS = /<(?:circle|rect|path|line|polyline|polygon)\b/g;

browserTest(
  "every page at 1366×900: no console error or foreign request, no code identifier in the text; every chart's PNG has the chart's size, its SVG the chart's marks; a link and an embed for each chart",
  async (url, browser) => {
    const context = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
    const page = await context.newPage();
    const w = watch(page, url);
    const problems: string[] = [];
    let charts = 0;
    for (const path of PAGES) {
      await ready(page, url + path);
      await settle(page);
      const bars = page.locator(".unduh").filter({
        has: page.getByRole("button", { name: /^Unduh SVG/ }),
      });
      const n = await bars.count();
      for (let i = 0; i < n; i++) {
        const bar = bars.nth(i);
        await bar.scrollIntoViewIfNeeded();
        await page.waitForFunction((b) => !!b?.dataset.grafik, await bar.elementHandle());
        const c = await bar.evaluate((b) => {
          const chart = document.getElementById(b.dataset.grafik!)!;
          const svgs = [chart, ...chart.querySelectorAll("svg")].filter((e) =>
            e.tagName.toLowerCase() === "svg"
          );
          const main = svgs.reduce((a, x) =>
            +x.getAttribute("width")! * +x.getAttribute("height")! >
                +a.getAttribute("width")! * +a.getAttribute("height")!
              ? x
              : a
          );
          return {
            id: chart.id,
            w: +main.getAttribute("width")!,
            h: +main.getAttribute("height")!,
            marks: main.querySelectorAll("circle, rect, path, line, polyline, polygon").length,
          };
        });
        const where = `${path} ${c.id}`;
        charts++;
        if (c.marks < 2) problems.push(`${where}: the chart has ${c.marks} marks`);
        const svg = new TextDecoder().decode(
          await download(page, bar.getByRole("button", { name: /^Unduh SVG/ })),
        );
        const marks = svg.match(MARKS)?.length ?? 0;
        // The frame adds a background and legend swatches; the chart's own marks are all there.
        if (marks < c.marks) problems.push(`${where}: SVG has ${marks} marks of ${c.marks}`);
        if (!svg.includes(`width="${c.w}"`)) problems.push(`${where}: SVG lacks the chart`);
        const png = pngSize(
          await download(page, bar.getByRole("button", { name: /^Unduh PNG/ })),
        );
        if (png.w !== 2 * Math.max(320, Math.round(c.w)) || png.h < 2 * c.h) {
          problems.push(`${where}: PNG ${png.w}×${png.h} for a chart of ${c.w}×${c.h}`);
        }
        for (const name of ["Salin tautan", "Sematkan"]) {
          if (!(await bar.getByRole("button", { name: new RegExp(`^${name}: .`) }).count())) {
            problems.push(`${where}: no "${name}" button`);
          }
        }
      }
      // Code identifiers (SANGAT_BAIK, PIM_II) are words on a public page; the Data page's data
      // dictionary and Eksplorasi's SQL are about the stored values and name them as stored.
      if (!["/data", "/eksplorasi"].includes(path)) {
        const codes = await page.evaluate(() =>
          (document.getElementById("observablehq-main")!.textContent ?? "")
            .match(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/g) ?? []
        );
        if (codes.length) problems.push(`${path}: codes in the text: ${[...new Set(codes)]}`);
      }
      for (const e of w.errors.splice(0)) problems.push(`${path}: console error ${e}`);
      for (const f of w.foreign.splice(0)) problems.push(`${path}: request to ${f}`);
    }
    assert.deepEqual(problems, []);
    assert.ok(charts >= 12, `charts with downloads on the site: ${charts}`);
    await context.close();
  },
);

browserTest(
  "share: 'Salin tautan' copies the page's URL with its state and the chart's anchor, which opens at the chart; 'Sematkan' gives an iframe of it, from the keyboard",
  async (url, browser) => {
    const context = await browser.newContext({
      viewport: DESKTOP,
      permissions: ["clipboard-read", "clipboard-write"],
    });
    const page = await context.newPage();
    const w = watch(page, url);
    await ready(page, `${url}/dimensi?periode=2024-Q3`);
    // A control changed on the page: its state is in the link too.
    await page.getByRole("combobox", { name: "Urutkan menurut" }).selectOption("kinerja");
    await page.waitForFunction(() => location.search.includes("urut=kinerja"));
    const bar = page.locator(".unduh").filter({
      has: page.getByRole("button", { name: /Salin tautan/ }),
    })
      .nth(1);
    await bar.getByRole("button", { name: /Salin tautan/ }).click();
    await bar.getByRole("status").filter({ hasText: "disalin" }).waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    const id = await bar.getAttribute("data-grafik");
    assert.ok(id, "the bar names its chart");
    assert.match(link, /^http:\/\/[^/]+\/dimensi\?/);
    assert.match(link, /periode=2024-Q3/);
    assert.match(link, /urut=kinerja/);
    assert.ok(link.endsWith(`#${id}`), link);

    // Sematkan, from the keyboard: Enter opens the snippet, which points at the same link.
    const sematkan = bar.getByRole("button", { name: /Sematkan/ });
    await sematkan.focus();
    await page.keyboard.press("Enter");
    assert.equal(await sematkan.getAttribute("aria-expanded"), "true");
    const kode = await bar.getByRole("textbox", { name: /Kode sematan/ }).inputValue();
    const src = /<iframe src="([^"]+)" title="([^"]+)"/.exec(kode);
    assert.ok(src, kode);
    assert.equal(src[1].replaceAll("&amp;", "&"), link);
    await sematkan.focus();
    await page.keyboard.press("Enter");
    assert.equal(await sematkan.getAttribute("aria-expanded"), "false");

    // The link opens the page in that state, scrolled to the chart.
    const other = await context.newPage();
    await other.goto(link, { waitUntil: "networkidle" });
    await other.waitForFunction((id) => {
      const r = document.getElementById(id)?.getBoundingClientRect();
      return r && r.top < innerHeight && r.bottom > 0 && scrollY > 100;
    }, id);
    assert.equal(
      await other.getByRole("combobox", { name: "Urutkan menurut" }).inputValue(),
      "kinerja",
    );
    // Embedded, the page shows no menu.
    await other.setContent(
      `<!doctype html><iframe src="${link}" width="900" height="700"></iframe>`,
    );
    const frame = other.frameLocator("iframe");
    await frame.locator("#observablehq-main h1").waitFor();
    assert.equal(await frame.locator("#observablehq-sidebar").isVisible(), false);
    assert.deepEqual(w.errors, []);
    await context.close();
  },
);

browserTest(
  "print: a report card prints without the menu, search, controls or buttons, within an A4 page's width, with its URL",
  async (url, browser) => {
    const card = PAGES.find((p) => /^\/instansi\/./.test(p))!;
    const page = await browser.newPage({ viewport: DESKTOP });
    const w = watch(page, url);
    await ready(page, url + card);
    await settle(page);
    await page.emulateMedia({ media: "print" });
    // An A4 page less Chromium's default margins, at 96 px per inch.
    await page.setViewportSize({ width: 718, height: 1000 });
    await page.waitForTimeout(300);
    const m = await page.evaluate(() => {
      const shown = (sel: string) =>
        [...document.querySelectorAll<HTMLElement>(sel)].filter((e) =>
          e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden"
        ).length;
      const main = document.getElementById("observablehq-main")!.getBoundingClientRect();
      const wide =
        [...document.querySelectorAll("#observablehq-main svg, #observablehq-main table")]
          .map((e) => e.getBoundingClientRect()).filter((r) =>
            r.width > 0 && r.right > main.right + 1
          )
          .length;
      return {
        sidebar: shown(
          "#observablehq-sidebar, #observablehq-sidebar-toggle, label[for='observablehq-sidebar-toggle']",
        ),
        search: shown("#observablehq-search"),
        controls: shown(
          "#observablehq-main select, #observablehq-main input, #observablehq-main button",
        ),
        banner: document.querySelector(".banner-sintetis")?.getBoundingClientRect().height ?? 0,
        scroll: document.documentElement.scrollWidth,
        wide,
        url: [...document.querySelectorAll<HTMLElement>(".url-cetak")].filter((e) =>
          e.getClientRects().length > 0
        ).map((e) => e.textContent ?? ""),
        href: location.href,
      };
    });
    assert.equal(m.sidebar, 0, "no menu");
    assert.equal(m.search, 0, "no search box");
    assert.equal(m.controls, 0, "no controls or buttons");
    assert.ok(m.banner < 30, `the banner is one short line: ${m.banner}px`);
    assert.ok(m.scroll <= 718, `fits the width: ${m.scroll}`);
    assert.equal(m.wide, 0, "no chart or table wider than the page");
    assert.equal(m.url.length, 1);
    assert.ok(m.url[0].includes(m.href), m.url[0]);
    const pdf = await page.pdf({ format: "A4" });
    assert.equal(new TextDecoder().decode(pdf.slice(0, 5)), "%PDF-");
    assert.deepEqual(w.errors, []);
    await page.close();
  },
);

browserTest(
  "Eksplorasi SQL: the result table and its chart keep ORDER BY, the chart downloads; a period in words gets the stored code",
  async (url, browser) => {
    const page = await browser.newPage({ viewport: DESKTOP, acceptDownloads: true });
    const w = watch(page, url);
    await ready(page, `${url}/eksplorasi`);
    await page.getByText(/DuckDB siap/).waitFor({ timeout: 60_000 });
    const sql = page.getByRole("textbox", { name: "SQL" });
    // Names first and values ascending: a table re-sorted by its first column would be alphabetical.
    await sql.fill(
      "SELECT nama_instansi, nilai FROM instansi WHERE metode_baku AND periode = '2024-Q3' ORDER BY nilai LIMIT 8",
    );
    await page.getByRole("button", { name: /Jalankan/ }).click();
    await page.getByText("8 baris").waitFor();
    const rows = await page.locator("table.tabel-data tbody tr").evaluateAll((trs) =>
      trs.map((
        tr,
      ) => [tr.children[0].textContent!, Number(tr.children[1].textContent!.replace(",", "."))])
    );
    assert.equal(rows.length, 8);
    const values = rows.map((r) => r[1] as number);
    assert.deepEqual(values, [...values].sort((a, b) => a - b), "in the query's order");
    const names = rows.map((r) => r[0] as string);
    assert.notDeepEqual(names, [...names].sort(), "not re-sorted by name");
    assert.equal(
      await page.locator("th[aria-sort='ascending'], th[aria-sort='descending']").count(),
      0,
    );
    // The quick chart of the result: its bars in the same order, and downloads that hold them.
    const chart = page.locator("#observablehq-main svg[aria-label='Hasil kueri SQL']");
    await chart.waitFor();
    const ticks = await chart.locator(
      "[data-mark='y-axis tick label'] text, [aria-label='y-axis tick label'] text",
    )
      .allTextContents();
    assert.deepEqual(ticks, names, "the chart in the query's order");
    const bar = page.locator(".unduh").filter({
      has: page.getByRole("button", { name: /^Unduh SVG/ }),
    });
    const svg = new TextDecoder().decode(
      await download(page, bar.getByRole("button", { name: /^Unduh SVG/ })),
    );
    assert.ok((svg.match(/<rect\b/g)?.length ?? 0) >= 8, "eight bars in the SVG");
    assert.match(svg, />Hasil kueri SQL</);
    const w0 = Number(await chart.getAttribute("width"));
    const png = pngSize(await download(page, bar.getByRole("button", { name: /^Unduh PNG/ })));
    assert.equal(png.w, 2 * Math.max(320, Math.round(w0)));

    await sql.fill("SELECT * FROM instansi WHERE periode = '2025 Triwulan IV'");
    await page.getByRole("button", { name: /Jalankan/ }).click();
    await page.getByText("0 baris").waitFor();
    await page.getByText("Periode disimpan sebagai kode seperti '2025-Q4'").waitFor();
    assert.match(await page.locator("td.tabel-kosong").textContent() ?? "", /Tidak ada baris/);
    // A query that would need the network (an extension, a URL) is refused on the page, and no
    // request leaves for another host.
    for (const q of ["LOAD spatial", "SELECT * FROM read_csv('https://example.org/a.csv')"]) {
      await sql.fill(q);
      await page.getByRole("button", { name: /Jalankan/ }).click();
      await page.locator(".galat-sql").waitFor();
    }
    assert.deepEqual(w.foreign, []);
    assert.deepEqual(w.errors, []);
    await page.close();
  },
);

browserTest(
  "every page at 390×844, every report card included: no console error, no sideways scroll, nothing over the content, axis labels whole and apart, zoom allowed, the menu closes, tap targets",
  async (url, browser) => {
    const page = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    const w = watch(page, url);
    const problems: string[] = [];
    for (const path of SEMUA) {
      await ready(page, url + path);
      await settle(page);
      for (const e of w.errors.splice(0)) problems.push(`${path}: console error ${e}`);
      for (const f of w.foreign.splice(0)) problems.push(`${path}: request to ${f}`);
      const m = await page.evaluate(() => {
        const h1 = document.querySelector("#observablehq-main h1")!;
        const r = h1.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + 5, r.top + r.height / 2);
        const small = [...document.querySelectorAll<HTMLElement>(
          "#observablehq-main button, #observablehq-main select, #observablehq-main input, #observablehq-main summary, #observablehq-main th[tabindex], #observablehq-footer nav a",
        )].filter((e) => e.offsetParent !== null).map((e) => ({
          e,
          // A checkbox or slider inside its label is tapped anywhere on the label.
          r: (e.tagName === "INPUT" && e.closest("label") || e).getBoundingClientRect(),
        }))
          .filter(({ r }) => r.height < 24 || r.width < 24)
          .map(({ e, r }) =>
            `${e.tagName.toLowerCase()} "${(e.textContent ?? "").trim().slice(0, 20)}" ${
              Math.round(r.width)
            }×${Math.round(r.height)}`
          );
        // Axis labels on a phone: inside their chart (not clipped) and not on top of each other
        // (the Dimensi heat table's column headers overlapped; long names were cut at the left).
        const labels: string[] = [];
        for (const svg of document.querySelectorAll<SVGSVGElement>("#observablehq-main svg")) {
          const box = svg.getBoundingClientRect();
          if (box.width < 100) continue;
          const name = svg.getAttribute("aria-label") ?? "chart";
          for (
            const g of svg.querySelectorAll("[data-mark$='tick label'], [aria-label$='tick label']")
          ) {
            const rs = [...g.querySelectorAll("text")].map((t) => t.getBoundingClientRect())
              .filter((r) => r.width > 0);
            if (rs.some((r) => r.left < box.left - 1 || r.right > box.right + 1)) {
              labels.push(`${name}: an axis label cut at the chart's edge`);
            }
            // Slanted labels' boxes overlap where their letters do not: only level ones count.
            const slanted = /rotate/.test(
              [...g.querySelectorAll("text")].map((t) => t.getAttribute("transform")).join(" "),
            );
            const overlap = !slanted &&
              rs.some((a, i) =>
                rs.slice(i + 1).some((b) =>
                  a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 &&
                  b.top < a.bottom - 1
                )
              );
            if (overlap) labels.push(`${name}: axis labels on top of each other`);
          }
        }
        return {
          labels: [...new Set(labels)],
          scroll: document.documentElement.scrollWidth,
          inner: innerWidth,
          covered: !hit || !h1.contains(hit),
          viewport: document.querySelector('meta[name="viewport"]')!.getAttribute("content")!,
          small,
        };
      });
      // Against the phone's width: a mobile browser widens its layout viewport (innerWidth) to a
      // page that overflows, so the page's own innerWidth hid Rekonsiliasi's 508 px.
      if (m.scroll > PHONE.width) {
        problems.push(
          `${path}: scrolls sideways (${m.scroll} > ${PHONE.width}; innerWidth ${m.inner})`,
        );
      }
      if (m.covered) problems.push(`${path}: the h1 is covered`);
      if (/maximum-scale|user-scalable=no/.test(m.viewport)) problems.push(`${path}: zoom off`);
      for (const s of m.small) problems.push(`${path}: tap target ${s}`);
      for (const l of m.labels) problems.push(`${path}: ${l}`);
    }
    // Open the menu, choose a page: the next page opens with the menu closed.
    await ready(page, `${url}/data`);
    await page.locator("#observablehq-sidebar-toggle").click();
    await page.locator("#observablehq-sidebar").getByRole("link", { name: "Perbandingan metode" })
      .click();
    await page.waitForURL(/perbandingan/);
    await page.waitForSelector("#observablehq-main h1");
    const open = await page.locator("#observablehq-sidebar").evaluate((s) =>
      getComputedStyle(s).visibility
    );
    if (open !== "hidden") problems.push("the menu stays open after choosing a page");
    assert.deepEqual(problems, []);
    assert.deepEqual(w.errors, []);
    await page.close();
  },
);

browserTest(
  "tables and the shell: sticky header, sort arrow kept in the URL, skip link, labelled search, named charts, 404",
  async (url, browser) => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await ready(page, `${url}/perbandingan?periode=2024-Q3`);
    const table = page.locator("table.tabel-data").last();
    assert.equal(
      await table.locator("th").first().evaluate((th) => getComputedStyle(th).position),
      "sticky",
    );
    const th = table.locator("th", { hasText: "B − A" });
    assert.equal(await th.getAttribute("aria-sort"), "descending");
    assert.match(await th.textContent() ?? "", /▼/);
    const nama = table.locator("th", { hasText: "Instansi" });
    await nama.click();
    assert.equal(await nama.getAttribute("aria-sort"), "ascending");
    assert.match(await nama.textContent() ?? "", /▲/);
    await page.waitForFunction(() => location.search.includes("urut=nama_instansi"));
    assert.match(page.url(), /periode=2024-Q3/, "the page's own state stays in the URL");
    await page.reload({ waitUntil: "networkidle" });
    assert.equal(
      await page.locator("table.tabel-data").last().locator("th", { hasText: "Instansi" })
        .getAttribute("aria-sort"),
      "ascending",
    );
    // Every chart on the page has an accessible name.
    const unnamed = await page.locator("#observablehq-main svg[width]").evaluateAll((svgs) =>
      svgs.filter((s) => +s.getAttribute("width")! > 100 && !s.getAttribute("aria-label")).length
    );
    assert.equal(unnamed, 0);
    // The first tab stop is the skip link; the search box has a name.
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Langsung ke isi");
    assert.ok(await page.getByRole("searchbox", { name: "Cari di situs ini" }).count());
    assert.ok(
      await page.locator('meta[property="og:title"][content="Perbandingan metode"]').count(),
    );
    await ready(page, `${url}/404`);
    assert.equal(
      await page.locator("#observablehq-main h1").textContent(),
      "Halaman tidak ditemukan",
    );
    await page.close();
  },
);

browserTest(
  "axe-core: no violation of colour contrast or the other WCAG A/AA rules on these pages, at both sizes",
  async (url, browser) => {
    const problems: string[] = [];
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await browser.newPage({ viewport });
      for (const path of PAGES) {
        await ready(page, url + path);
        await page.addScriptTag({ path: AXE });
        const violations = await page.evaluate(async () => {
          // deno-lint-ignore no-explicit-any
          const axe = (globalThis as any).axe;
          const r = await axe.run(document, {
            runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"] },
          });
          // deno-lint-ignore no-explicit-any
          return r.violations.map((v: any) =>
            `${v.id} ×${v.nodes.length}: ${
              v.nodes.slice(0, 3).map((n: { target: string[] }) => n.target.join(" ")).join(" | ")
            }`
          );
        });
        for (const v of violations) problems.push(`${viewport.width}px ${path}: ${v}`);
      }
      await page.close();
    }
    assert.deepEqual(problems, []);
  },
);
