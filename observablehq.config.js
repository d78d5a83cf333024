// @ts-check
/**
 * Observable Framework configuration (JavaScript, not TypeScript: a .ts config makes Framework
 * load tsx, whose module hooks break CommonJS JSON requires under Deno in `preview`). Read at build
 * time under Deno: the page list (src/kosakata.ts), the dynamic report-card routes (one per
 * instansi in the data, and one per unit kerja on a BKD site), the title and footer (the scope,
 * from the data and data/situs.json) and the synthetic-data banner all come from the data, through
 * `src/data/.rute.json`, which the data-file writer makes beside the site's other data files
 * (loaders/publish/muatan.ts) before `deno task build` or `deno task dev` starts Framework.
 */
import { bentukSingkatan } from "./src/components/cari.ts";
import { HALAMAN, tanpaPemerintah } from "./src/kosakata.ts";
import { kerangkaSitus } from "./loaders/publish/shell.ts";

const root = new URL(".", import.meta.url).pathname;
/** The internal build adds per-unit worklist pages; the public build never lists them. */
const internal = Deno.env.get("IPASN_AUDIENCE") === "internal";

/**
 * @returns {{cakupan: {judul: string, kaki: string, entitas: string}, sintetis: boolean, instansi: string[][], unit: string[][], internal: {kode_instansi: string, kode_unit: string}[]}}
 */
function rute() {
  try {
    return JSON.parse(Deno.readTextFileSync(`${root}src/data/.rute.json`));
  } catch {
    // Not yet written (no data files yet): a bare site; build and dev always write it first.
    return {
      cakupan: { judul: "IP ASN", kaki: "Indeks Profesionalitas ASN.", entitas: "instansi" },
      sintetis: false,
      instansi: [],
      unit: [],
      internal: [],
    };
  }
}
const s = rute();
/** @returns {string[][]} code and name of every instansi in the data */
const instansi = () => s.instansi;
/**
 * The site's head, header (the synthetic-data banner) and footer. In a build (scripts/build.ts sets
 * IPASN_OUTPUT) the build puts them into every page itself after Framework (loaders/publish/
 * shell.ts): Framework parses each with jsdom twice per page, most of a national build's time.
 */
const kerangka = kerangkaSitus(s);
const dibangun = Deno.env.has("IPASN_OUTPUT");

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
          keywords: `${tanpaPemerintah(n)} ${k} ${bentukSingkatan(n).join(" ")}`,
        };
      }
    },
  },
  toc: { label: "Isi halaman" },
  head: dibangun ? null : kerangka.head,
  header: dibangun ? null : kerangka.header,
  footer: dibangun ? null : kerangka.footer,
  pages: [
    ...HALAMAN.filter((h) => !h.hanyaUnit || s.cakupan.entitas === "unit").map((h) => ({
      name: h.nama,
      path: h.path,
    })),
    ...(internal
      ? [{
        name: "Internal: daftar kerja",
        open: false,
        pages: instansi().map(([k, n]) => ({
          name: tanpaPemerintah(n),
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
        ...s.internal.map((u) => `/internal/${u.kode_instansi}/${u.kode_unit}`),
      ]
      : []),
  ],
};
