/**
 * The site's vocabulary, said once: the four dimensions, how a period is written and named, which
 * method a page shows by default, how a government's name is shortened, the slug of a category,
 * the spreadsheet-safe text rule and the list of pages. The pages (Framework serves only its source
 * root, so this lives in src/, like keluaran.ts), the publishing side (loaders/publish/) and the
 * tests import it; nothing of it is typed again elsewhere.
 *
 * What varies with a method profile (each dimension's maximum, the category bands) is not here: it
 * comes from the profiles the outputs were computed under, recorded in manifest.json.
 */

/**
 * The four dimensions of IP ASN, in the regulation's order (PermenPANRB 38/2018, Peraturan BKN
 * 8/2019). A profile sets their maxima; it cannot add or remove one.
 */
export const DIMENSI = ["kualifikasi", "kompetensi", "kinerja", "disiplin"] as const;
export type Dimensi = typeof DIMENSI[number];

/** A dimension as a reader sees it. */
export const LABEL_DIMENSI: Record<Dimensi, string> = {
  kualifikasi: "Kualifikasi",
  kompetensi: "Kompetensi",
  kinerja: "Kinerja",
  disiplin: "Disiplin",
};

/** One colour per dimension, the same on every chart (Tableau 10, colour-blind-safe). */
export const WARNA_DIMENSI: Record<Dimensi, string> = {
  kualifikasi: "#4e79a7",
  kompetensi: "#59a14f",
  kinerja: "#f28e2b",
  disiplin: "#b07aa1",
};

/** The categories' colours, highest category first (a profile's bands are ordered that way). */
export const WARNA_KATEGORI = ["#0072b2", "#56b4e9", "#e69f00", "#d55e00", "#8c2d04"];

/** A period's code: `YYYY` (annual) or `YYYY-Qn` (quarterly). */
export const POLA_PERIODE = /^(\d{4})(?:-Q([1-4]))?$/;
/** Roman numerals of the quarters, as BKN writes them ("Triwulan IV"). */
export const ROMAWI = ["I", "II", "III", "IV"] as const;

/** A period's year and quarter (null for an annual period); null when `id` is no period. */
export function bagianPeriode(id: string): { tahun: number; triwulan: number | null } | null {
  const m = POLA_PERIODE.exec(id);
  return m ? { tahun: Number(m[1]), triwulan: m[2] ? Number(m[2]) : null } : null;
}

/** "Triwulan III Tahun 2024" (BKN's own wording in its quarterly releases) or "2023". */
export function labelPeriode(id: string): string {
  const b = bagianPeriode(id);
  if (!b) return id;
  return b.triwulan ? `Triwulan ${ROMAWI[b.triwulan - 1]} Tahun ${b.tahun}` : String(b.tahun);
}

/** Short form for axes: "2024-III" / "2023". */
export function periodeSingkat(id: string): string {
  const b = bagianPeriode(id);
  if (!b) return id;
  return b.triwulan ? `${b.tahun}-${ROMAWI[b.triwulan - 1]}` : String(b.tahun);
}

/** The last day of a period (an annual one ends on 31 December), for a true time axis. */
export function akhirPeriode(id: string): Date {
  const b = bagianPeriode(id)!;
  return new Date(Date.UTC(b.tahun, (b.triwulan ?? 4) * 3, 0));
}

/** Periods in time order (an annual period before a Q4 that ends on the same day). */
export function urutPeriode(a: string, b: string): number {
  return akhirPeriode(a).getTime() - akhirPeriode(b).getTime() || a.length - b.length;
}

/** The method id of BKN's official results, and how a reader sees it. */
export const RESMI = "resmi";
export const RESMI_NAMA = "Resmi BKN";

/**
 * The method a page shows for a period unless the reader chooses another: BKN's official results
 * where the period has them (the figure a BKD is judged on), else the period's default method
 * (`baku`, the computed method reconciliation and simulation compare against).
 */
export function metodeUtama(
  baku: string | null | undefined,
  metodePeriode: Iterable<string>,
): string | null | undefined {
  for (const m of metodePeriode) if (m === RESMI) return RESMI;
  return baku;
}

/** "Pemerintah Kabupaten Paser" → "Kabupaten Paser": a government's name on charts and menus. */
export function tanpaPemerintah(nama: string): string {
  return String(nama).replace(/^Pemerintah /, "");
}

/** "Pemerintah Kabupaten Paser" → "Paser": the name itself, for examples and tile labels. */
export function namaInti(nama: string): string {
  return String(nama).replace(/^Pemerintah (?:Provinsi |Kabupaten |Kota )?/, "");
}

/** A category's name as a column suffix: "Sangat Tinggi" → "sangat_tinggi" (`asn_sangat_tinggi`). */
export function slug(name: string): string {
  return name.toLowerCase().normalize("NFD").replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
}

/**
 * A text cell a spreadsheet would run as a formula (= + - @ tab or CR first) gets an apostrophe in
 * front: every CSV the site publishes or a reader downloads is safe to open. The pattern is also
 * what the build's SQL applies to the tables it writes with DuckDB.
 */
export const POLA_RUMUS = "^[=+\\-@\\t\\r]";
const RUMUS = new RegExp(POLA_RUMUS);
export function csvAman(s: string): string {
  return RUMUS.test(s) ? `'${s}` : s;
}

export interface Halaman {
  /** The menu's name. */
  nama: string;
  path: string;
  /** Only on a site whose entities are unit kerja (one BKD). */
  hanyaUnit?: true;
}

/** The site's pages, in the menu's order (Beranda is the home page, outside the list). */
export const HALAMAN: readonly Halaman[] = [
  { nama: "Peringkat", path: "/peringkat" },
  { nama: "Tren", path: "/tren" },
  { nama: "Dimensi", path: "/dimensi" },
  { nama: "Rapor instansi", path: "/instansi/" },
  { nama: "Rapor unit kerja", path: "/unit/", hanyaUnit: true },
  { nama: "Simulasi", path: "/simulasi" },
  { nama: "Perbandingan metode", path: "/perbandingan" },
  { nama: "Rekonsiliasi", path: "/rekonsiliasi" },
  { nama: "Eksplorasi SQL", path: "/eksplorasi" },
  { nama: "Metodologi", path: "/metodologi" },
  { nama: "Data", path: "/data" },
];
