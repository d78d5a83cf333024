// @ts-check
/**
 * Observable Framework configuration (JavaScript, not TypeScript: a .ts config makes Framework
 * load tsx, whose module hooks break CommonJS JSON requires under Deno in `preview`). Read at build time under Deno: the page list, the dynamic
 * report-card routes (one per instansi in the computed data, and one per unit kerja on a BKD site),
 * the title and footer (the scope, from the data and data/situs.json) and the synthetic-data banner
 * all come from the computed outputs, through `.site/situs.json` that scripts/build.ts and
 * scripts/dev.ts write (loaders/publish/scope.ts).
 */
import { bentukSingkatan } from "./src/components/cari.ts";

const root = new URL(".", import.meta.url).pathname;
const computed = Deno.env.get("IPASN_COMPUTED") ?? `${root}data/computed`;
/** The internal build adds per-unit worklist pages; the public build never lists them. */
const internal = Deno.env.get("IPASN_AUDIENCE") === "internal";

/**
 * @returns {{cakupan: {judul: string, kaki: string, entitas: string}, instansi: string[][], unit: string[][]}}
 */
function situs() {
  try {
    return JSON.parse(Deno.readTextFileSync(`${computed}/.site/situs.json`));
  } catch {
    // Not yet written (no scoring run yet): a bare site; the build always writes it first.
    return {
      cakupan: { judul: "IP ASN", kaki: "Indeks Profesionalitas ASN.", entitas: "instansi" },
      instansi: [],
      unit: [],
    };
  }
}
const s = situs();
/** @returns {string[][]} code and name of every instansi in the computed data */
const instansi = () => s.instansi;
/** @param {string} t */
const esc = (t) => t.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * @returns {{kode_instansi: string, kode_unit: string}[]} written by scripts/build.ts: empty above
 * the settings' halaman_unit_internal_maks, when a unit's worklist opens inside its instansi page.
 */
function unitRoutes() {
  try {
    return JSON.parse(Deno.readTextFileSync(`${computed}/.site/rute-internal.json`));
  } catch {
    return []; // the preview server (deno task dev) serves any unit without a list
  }
}

/** @returns {boolean} */
function synthetic() {
  try {
    return JSON.parse(Deno.readTextFileSync(`${computed}/manifest.json`)).sintetis === true;
  } catch {
    return false;
  }
}

const banner = synthetic()
  ? `<div class="banner-sintetis" role="note"><strong>Data contoh sintetis.</strong> Angka pada situs ini dihitung dari data pegawai buatan (bukan data sungguhan) yang dikalibrasi ke nilai yang pernah dilaporkan. Nilai resmi yang dilaporkan ditandai terpisah beserta sumbernya.</div>`
  : "";

export default {
  title: s.cakupan.judul,
  root: "src",
  output: Deno.env.get("IPASN_OUTPUT") ?? "dist",
  style: "style.css",
  globalStylesheets: [],
  interpreters: { ".ts": [Deno.execPath(), "run", "-A"] },
  search: {
    // Report cards are pages with a parameter, which Framework's search does not index by itself:
    // each instansi is found by its name (with or without "Pemerintah"), its code and its short
    // forms (src/components/cari.ts: "PPU", "Kukar", "Kaltim").
    async *index() {
      for (const [k, n] of instansi()) {
        yield {
          path: `/instansi/${k}`,
          title: `Rapor: ${n}`,
          text: `${n} ${k}`,
          keywords: `${n.replace(/^Pemerintah /, "")} ${k} ${bentukSingkatan(n).join(" ")}`,
        };
      }
    },
  },
  toc: { label: "Isi halaman" },
  head: '<link rel="icon" href="data:,">',
  header: banner,
  footer: `${
    esc(s.cakupan.kaki)
  } Angka dihitung oleh mesin skor ipasn; metodenya di halaman <a href="./metodologi">Metodologi</a>.`,
  pages: [
    { name: "Peringkat", path: "/peringkat" },
    { name: "Tren", path: "/tren" },
    { name: "Dimensi", path: "/dimensi" },
    { name: "Rapor instansi", path: "/instansi/" },
    ...(s.cakupan.entitas === "unit" ? [{ name: "Rapor unit kerja", path: "/unit/" }] : []),
    { name: "Simulasi", path: "/simulasi" },
    { name: "Perbandingan metode", path: "/perbandingan" },
    { name: "Rekonsiliasi", path: "/rekonsiliasi" },
    { name: "Eksplorasi SQL", path: "/eksplorasi" },
    { name: "Metodologi", path: "/metodologi" },
    { name: "Data", path: "/data" },
    ...(internal
      ? [{
        name: "Internal: daftar kerja",
        open: false,
        pages: instansi().map(([k, n]) => ({
          name: n.replace(/^Pemerintah /, ""),
          path: `/internal/${k}`,
        })),
      }]
      : []),
  ],
  dynamicPaths: [
    ...instansi().map(([k]) => `/instansi/${k}`),
    ...s.unit.map(([k]) => `/unit/${encodeURIComponent(k)}`),
    ...(internal
      ? [
        ...instansi().map(([k]) => `/internal/${k}`),
        ...unitRoutes().map((u) => `/internal/${u.kode_instansi}/${u.kode_unit}`),
      ]
      : []),
  ],
};
