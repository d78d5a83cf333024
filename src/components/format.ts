/**
 * Indonesian number and period formatting, in one place: comma decimals and dot thousands
 * (81,73; 13.000), and periods the way BKN writes them ("Triwulan III Tahun 2024"). Every page and
 * chart formats through here.
 */
import { formatLocale } from "d3-format";
import { tanpaPemerintah } from "../kosakata.js";

export const locale = formatLocale({
  decimal: ",",
  thousands: ".",
  grouping: [3],
  currency: ["Rp", ""],
  minus: "−",
  percent: "%",
});

const f2 = locale.format(",.2f");
const f1 = locale.format(",.1f");
const f0 = locale.format(",.0f");
const fs2 = locale.format("+,.2f");
const pct = locale.format(".1%");

/** 81,73 (two decimals, the way IP ASN values are published). */
export function nilai(x: number | null | undefined): string {
  return x == null || Number.isNaN(x) ? "–" : f2(x);
}
export function satuDesimal(x: number | null | undefined): string {
  return x == null || Number.isNaN(x) ? "–" : f1(x);
}
/** 13.000 */
export function bilangan(x: number | null | undefined): string {
  return x == null || Number.isNaN(x) ? "–" : f0(x);
}
/** +1,25 / −0,80 */
export function selisih(x: number | null | undefined): string {
  if (x == null || Number.isNaN(x)) return "–";
  // −0,004 rounds to zero: "0,00", not "−0,00" or "+0,00" (issue #21).
  const s = fs2(x);
  return /^[+−-]0,00$/.test(s) ? "0,00" : s;
}
const fsTick = locale.format("+,.2~f");
/** Axis ticks of a difference: "−1,5", "0", "+0,5" (a fixed "+,.0f" printed "−1 −1 +0 +1 +1"). */
export function selisihSumbu(x: number): string {
  const s = fsTick(x);
  return /^[+−-]0$/.test(s) ? "0" : s;
}
/** 12,5% */
export function persen(x: number | null | undefined): string {
  return x == null || Number.isNaN(x) ? "–" : pct(x);
}

/**
 * Periods the way BKN writes them ("Triwulan III Tahun 2024"), from the vocabulary (kosakata.ts):
 * `periode` is its `labelPeriode`, the name every page calls.
 */
export {
  akhirPeriode,
  labelPeriode as periode,
  periodeSingkat,
  urutPeriode,
  WARNA_KATEGORI,
} from "../kosakata.js";

/** A file size the way a reader says it: "850 B", "357 KB", "9,2 MB" (not "9.187 KB"). */
export function ukuranBerkas(bytes: number | null | undefined): string {
  if (bytes == null || Number.isNaN(bytes)) return "–";
  if (bytes < 1024) return `${f0(bytes)} B`;
  if (bytes < 1024 * 1024) return `${f0(Math.round(bytes / 1024))} KB`;
  if (bytes < 1024 ** 3) return `${f1(bytes / 1024 ** 2)} MB`;
  return `${f1(bytes / 1024 ** 3)} GB`;
}

/** "Pemerintah Kabupaten Paser" → "Kabupaten Paser", for chart labels (kosakata.ts). */
export { tanpaPemerintah as namaSingkat } from "../kosakata.js";

/**
 * A code identifier as readable text for public pages: "SANGAT_BAIK" → "Sangat Baik",
 * "PIM_II/PKN_II" → "PIM II/PKN II", "BUTUH_PERBAIKAN" → "Butuh Perbaikan". Known acronyms,
 * Roman numerals and education levels (S1, D4) stay in capitals.
 */
const AKRONIM = new Set(
  [
    ...["ASN", "PNS", "PPPK", "PIM", "PKN", "PKA", "PKP", "JPT", "JF", "JP", "SKP", "TMT", "BKN"],
    ...["SMA", "SMP", "SD", "SLTA", "SLTP"],
  ],
);
export function kodeTerbaca(kode: string): string {
  return kode.replace(
    /[A-Z][A-Z0-9_]*/g,
    (token) =>
      token.split("_").filter(Boolean).map((w) =>
        /^[IVX]+$/.test(w) || /\d/.test(w) || AKRONIM.has(w) ? w : w[0] + w.slice(1).toLowerCase()
      ).join(" "),
  );
}

/** Below this width a chart is on a phone: shorter axis labels, a narrower label margin. */
const LEBAR_SEMPIT = 500;

/**
 * The width a chart is drawn at: `width` (640 when unknown), never narrower than a chart's
 * margins. Framework's `width` is 0 while a page is not laid out yet, and a chart drawn then ran
 * its range backwards: the browser logged its bars' negative widths. The page draws the chart
 * again once the width is known.
 */
export const lebarGambar = (width: number | undefined) => Math.max(width ?? 640, 320);

/** Whether a chart given Framework's `width` is drawn on a phone (at `lebarGambar`'s width). */
export const layarSempit = (width: number | undefined) => lebarGambar(width) < LEBAR_SEMPIT;

/**
 * An entity's name for the axis of a chart on a phone: "Kabupaten X" → "Kab. X", "Provinsi X" →
 * "Prov. X", and anything still longer than `max` characters cut with "…" (the full name stays in
 * the tooltip and the table below).
 */
export function labelSempit(nama: string, max = 24): string {
  const s = tanpaPemerintah(nama).replace(/^Kabupaten /, "Kab. ")
    .replace(/^Provinsi /, "Prov. ");
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}

/**
 * The label margin and tick format of a chart's name axis: as before on a wide chart (its
 * snapshots unchanged), on a phone shortened names in a margin that leaves the marks room.
 */
export function sumbuNama(
  width: number | undefined,
  lebar: number,
): { marginLeft: number; tickFormat?: (d: string) => string } {
  const w = lebarGambar(width);
  if (!layarSempit(width)) return { marginLeft: Math.min(lebar, Math.max(100, w - 220)) };
  return { marginLeft: Math.min(150, Math.round(w * 0.45)), tickFormat: (d) => labelSempit(d) };
}
