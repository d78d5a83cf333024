/**
 * The site's scope, from the data and data/situs.json: which instansi the computed outputs hold,
 * and therefore what the site is (one BKD, one province, one Kantor Regional, several provinces or
 * the country), what its pages call it and which comparisons exist. Every region name or count a
 * page shows comes from here, never from text typed into a page.
 */
import { csvParse } from "d3";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../paths.ts";
import { INSTANSI_PUSAT, WILAYAH_NASIONAL } from "../reference.ts";
import { publikasi } from "./site.ts";
import type { Hasil } from "./hasil.ts";
import { bacaSitus, type JenisCakupan, type Situs } from "../situs.ts";
import { tanpaPemerintah } from "../../src/kosakata.ts";

export const KANREG_PROVINSI = join(ROOT, "data/reference/kanreg-provinsi.csv");
/** Provinces in the Kalimantan tile layout (peta.ts); a scope of only these keeps that layout. */
export const KALIMANTAN = ["61", "62", "63", "64", "65"];

export interface InstansiData {
  kode_instansi: string;
  nama_instansi: string;
  jenis_instansi: string;
  kode_provinsi: string;
  provinsi: string;
}

export interface Cakupan {
  jenis: JenisCakupan;
  /** Full name: "Kantor Regional VIII", "Provinsi Kalimantan Timur", "Pemerintah Kota Bontang", "Instansi Pusat". */
  nama: string;
  /** Short name for labels: "Kanreg VIII", "Kalimantan Timur", "Kota Bontang", "nasional". */
  singkat: string;
  /** The provinces covered, as a phrase ("Kalimantan Selatan, Tengah, Timur dan Utara"); "" for one BKD or only central agencies. */
  wilayah: string;
  /** The site's title (every page's <title>): short, "IP ASN Kanreg VIII". */
  judul: string;
  /** The home page's heading: "IP ASN Kantor Regional VIII". */
  judul_beranda: string;
  /** The footer, as plain text. */
  kaki: string;
  penerbit: string | null;
  kontak: string | null;
  /** What the pages rank and compare: instansi, or the unit kerja of the one instansi. */
  entitas: "instansi" | "unit";
  /** Label of the engine's overall aggregate (kanreg.csv): the average of everything in the data. */
  rata: string;
  /** "vs province" exists only when the data spans more than one province. */
  banding_provinsi: boolean;
  /** "vs Kantor Regional" of an instansi exists only when the overall aggregate is its Kanreg. */
  banding_kanreg: boolean;
  /** Every instansi is a regional government (then pages say "pemerintah daerah"). */
  semua_daerah: boolean;
  jumlah_instansi: number;
  /** The provinces of the regional governments (central agencies have none). */
  provinsi: { kode_provinsi: string; provinsi: string; kanreg: string }[];
  /** The provinces all sit in the Kalimantan tile layout (and there is at least one). */
  kalimantan: boolean;
  /** How many central agencies (kementerian / lembaga, no province) the data holds. */
  pusat: number;
  /** Instansi for the pages' defaults (a report-card example, the first trend lines). */
  contoh: string[];
  /** The small-cell threshold (data/publikasi.json), for the pages' explanations. */
  ambang_sel_kecil: number;
  /** Instansi in the data that the national reference does not know, shown under their code. */
  di_luar_referensi: { kode_instansi: string; nama_instansi: string }[];
}

/** "a", "a dan b", "a, b dan c". */
export function daftarKata(xs: string[]): string {
  return xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} dan ${xs.at(-1)}`;
}

/**
 * Province names as one phrase, a shared first word said once: "Kalimantan Selatan, Tengah, Timur
 * dan Utara"; "Aceh, Bali dan Papua" when they share none.
 */
export function frasaProvinsi(names: string[]): string {
  const sorted = [...new Set(names)].sort((a, b) => a.localeCompare(b, "id"));
  const first = sorted.map((n) => n.split(" ")[0]);
  if (
    sorted.length > 1 && first.every((w) => w === first[0]) && sorted.every((n) => n.includes(" "))
  ) {
    return `${first[0]} ${daftarKata(sorted.map((n) => n.slice(first[0].length + 1)))}`;
  }
  return daftarKata(sorted);
}

/** A central agency (kementerian / lembaga): no province, a group of its own. */
export function isPusat(i: { jenis_instansi: string }): boolean {
  return i.jenis_instansi === "pusat";
}

/**
 * The smallest scope covering the instansi: one instansi, only central agencies, one province, one
 * Kanreg, else national (regional governments with central agencies are national too).
 */
export function deteksiCakupan(
  instansi: InstansiData[],
  kanregOf: Map<string, string>,
): JenisCakupan {
  const kode = new Set(instansi.map((i) => i.kode_instansi));
  if (kode.size === 1) return "bkd";
  if (instansi.every(isPusat)) return "pusat";
  if (instansi.some(isPusat)) return "nasional";
  const prov = new Set(instansi.map((i) => i.kode_provinsi));
  if (prov.size === 1) return "provinsi";
  const kanreg = new Set([...prov].map((p) => kanregOf.get(p) ?? ""));
  if (kanreg.size === 1 && !kanreg.has("")) return "kanreg";
  return "nasional";
}

export function cakupan(
  instansi: InstansiData[],
  o: {
    situs: Situs;
    kanreg: { kode_provinsi: string; kanreg: string }[];
    /** Codes of the national reference; an instansi outside it is listed. */
    referensi: Set<string>;
    /** Number of provinces in the country (the national reference's). */
    provinsiNasional: number;
    ambang: number;
  },
): Cakupan {
  if (instansi.length === 0) throw new Error("no instansi in the computed outputs");
  const kanregOf = new Map(
    o.kanreg.filter((k) => k.kanreg).map((k) => [k.kode_provinsi, k.kanreg]),
  );
  const byKode = new Map(instansi.map((i) => [i.kode_instansi, i]));
  const list = [...byKode.values()].sort((a, b) => a.kode_instansi.localeCompare(b.kode_instansi));
  const jenis = o.situs.cakupan === "otomatis" ? deteksiCakupan(list, kanregOf) : o.situs.cakupan;
  const pusat = list.filter(isPusat).length;
  const provMap = new Map(
    list.filter((i) => !isPusat(i)).map((i) => [i.kode_provinsi, i.provinsi]),
  );
  const provinsi = [...provMap].sort().map(([kode_provinsi, provinsi]) => ({
    kode_provinsi,
    provinsi,
    kanreg: kanregOf.get(kode_provinsi) ?? "",
  }));
  const wilayah = frasaProvinsi(provinsi.map((p) => p.provinsi));
  const first = list[0];
  let nama: string, singkat: string;
  if (jenis === "bkd") {
    nama = first.nama_instansi;
    singkat = tanpaPemerintah(first.nama_instansi);
  } else if (jenis === "provinsi") {
    nama = `Provinsi ${first.provinsi}`;
    singkat = first.provinsi;
  } else if (jenis === "kanreg") {
    const k = kanregOf.get(first.kode_provinsi) ?? "";
    nama = k ? `Kantor Regional ${k}` : "Kantor Regional";
    singkat = k ? `Kanreg ${k}` : "Kanreg";
  } else if (jenis === "pusat") {
    nama = "Instansi Pusat";
    singkat = "instansi pusat";
  } else if (provinsi.length >= o.provinsiNasional) {
    nama = "Indonesia";
    singkat = "nasional";
  } else {
    nama = `${provinsi.length} provinsi${pusat ? " dan instansi pusat" : ""}`;
    singkat = nama;
  }
  const judul = o.situs.judul ?? `IP ASN ${jenis === "kanreg" ? singkat : nama}`;
  const penerbit = o.situs.penerbit ?? null;
  const kontak = o.situs.kontak ?? null;
  const bagian = [
    "Indeks Profesionalitas ASN",
    jenis === "kanreg"
      ? `${nama} BKN (${wilayah})`
      : jenis === "bkd" || jenis === "pusat"
      ? nama
      : `${nama}${provinsi.length > 1 && nama !== "Indonesia" ? ` (${wilayah})` : ""}`,
    ...(penerbit ? [`diterbitkan oleh ${penerbit}`] : []),
    ...(kontak ? [`kontak: ${kontak}`] : []),
  ];
  return {
    jenis,
    nama,
    singkat,
    wilayah: jenis === "bkd" || jenis === "pusat" ? "" : wilayah,
    judul,
    judul_beranda: o.situs.judul ?? `IP ASN ${nama}`,
    kaki: bagian.join(" · ") + ".",
    penerbit,
    kontak,
    entitas: jenis === "bkd" ? "unit" : "instansi",
    rata: jenis === "bkd"
      ? `Rata-rata ${singkat}`
      : jenis === "nasional" && nama === "Indonesia"
      ? "Rata-rata nasional"
      : `Rata-rata ${singkat}`,
    banding_provinsi: provinsi.length > 1,
    banding_kanreg: jenis === "kanreg",
    semua_daerah: list.every((i) => ["provinsi", "kabupaten", "kota"].includes(i.jenis_instansi)),
    jumlah_instansi: list.length,
    provinsi,
    kalimantan: provinsi.length > 0 && provinsi.every((p) => KALIMANTAN.includes(p.kode_provinsi)),
    pusat,
    contoh: contoh(list),
    ambang_sel_kecil: o.ambang,
    di_luar_referensi: list.filter((i) => !o.referensi.has(i.kode_instansi)).map((i) => ({
      kode_instansi: i.kode_instansi,
      nama_instansi: i.nama_instansi,
    })),
  };
}

/** Up to three instansi for defaults: the first province government, then the first kota, then the next. */
function contoh(list: InstansiData[]): string[] {
  const pick = [
    list.find((i) => i.jenis_instansi === "provinsi"),
    list.find((i) => i.jenis_instansi === "kota"),
    ...list,
  ].filter((i): i is InstansiData => !!i).map((i) => i.kode_instansi);
  return [...new Set(pick)].slice(0, 3);
}

/** The distinct instansi of the scoring output's instansi table, by code. */
export async function instansiData(h: Hasil): Promise<InstansiData[]> {
  return await h.query<InstansiData>(`
    SELECT kode_instansi, first(nama_instansi) AS nama_instansi,
      first(jenis_instansi) AS jenis_instansi, coalesce(first(kode_provinsi), '') AS kode_provinsi,
      coalesce(first(provinsi), '') AS provinsi
    FROM ${h.tabel("instansi")} GROUP BY kode_instansi ORDER BY kode_instansi`);
}

/** The scope of the outputs in `h`, with the project's settings and reference tables. */
export async function cakupanDari(h: Hasil, situs = bacaSitus()): Promise<Cakupan> {
  const kanreg = csvParse(Deno.readTextFileSync(KANREG_PROVINSI)) as unknown as {
    kode_provinsi: string;
    kanreg: string;
  }[];
  const nasional = existsSync(WILAYAH_NASIONAL)
    ? csvParse(Deno.readTextFileSync(WILAYAH_NASIONAL))
    : [];
  const pusat = csvParse(Deno.readTextFileSync(INSTANSI_PUSAT));
  return cakupan(await instansiData(h), {
    situs,
    kanreg,
    referensi: new Set([...nasional, ...pusat].map((r) => r.kode_instansi!)),
    provinsiNasional: kanreg.length,
    ambang: publikasi().ambang_sel_kecil,
  });
}

/**
 * Unit kerja of a BKD site with their names, for report-card routes. A unit whose values are hidden
 * (small cells) gets a card too, which says so and shows none: its name is public on the unit list.
 */
export async function unitData(h: Hasil): Promise<{ kode_unit: string; nama_unit: string }[]> {
  return await h.query(`
    SELECT kode_unit, first(nama_unit) AS nama_unit FROM ${h.tabel("unit")}
    GROUP BY kode_unit ORDER BY kode_unit`);
}
