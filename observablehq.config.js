// @ts-check
/**
 * Observable Framework configuration (JavaScript, not TypeScript: a .ts config makes Framework
 * load tsx, whose module hooks break CommonJS JSON requires under Deno in `preview`). Read at build time under Deno: the page list, the dynamic
 * report-card routes (one per instansi of the reference table) and the synthetic-data banner all
 * come from the project's own files.
 */
const root = new URL(".", import.meta.url).pathname;
const computed = Deno.env.get("IPASN_COMPUTED") ?? `${root}data/computed`;

/** @returns {string[]} */
function instansiCodes() {
  const [, ...rows] = Deno.readTextFileSync(`${root}data/reference/wilayah-kanreg8.csv`).trim()
    .split("\n");
  return rows.map((r) => r.split(",")[0]);
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
  title: "IP ASN Kanreg VIII",
  root: "src",
  output: Deno.env.get("IPASN_OUTPUT") ?? "dist",
  style: "style.css",
  globalStylesheets: [],
  interpreters: { ".ts": [Deno.execPath(), "run", "-A"] },
  search: true,
  toc: { label: "Isi halaman" },
  head: '<link rel="icon" href="data:,">',
  header: banner,
  footer:
    `Indeks Profesionalitas ASN · Kantor Regional VIII BKN (Kalimantan Selatan, Tengah, Timur, Utara). Angka dihitung oleh mesin skor ipasn; metodenya di halaman <a href="./metodologi">Metodologi</a>.`,
  pages: [
    { name: "Peringkat", path: "/peringkat" },
    { name: "Tren", path: "/tren" },
    { name: "Dimensi", path: "/dimensi" },
    { name: "Rapor instansi", path: "/instansi/" },
    { name: "Simulasi", path: "/simulasi" },
    { name: "Perbandingan metode", path: "/perbandingan" },
    { name: "Rekonsiliasi", path: "/rekonsiliasi" },
    { name: "Eksplorasi SQL", path: "/eksplorasi" },
    { name: "Metodologi", path: "/metodologi" },
    { name: "Data", path: "/data" },
  ],
  dynamicPaths: instansiCodes().map((k) => `/instansi/${k}`),
};
