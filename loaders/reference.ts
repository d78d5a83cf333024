/** Reference tables (real facts with sources), validated with zod at load. */
import { csvParse } from "d3";
import { z } from "zod";
import { POLA_PERIODE } from "../src/kosakata.ts";
import { join } from "node:path";
import { DATA } from "./paths.ts";
import { InputError } from "./errors.ts";

const Kode = z.string().regex(/^\d{2}(\d{2})?$/, "a 2- or 4-digit Kemendagri code");
const Periode = z.string().regex(POLA_PERIODE, "a period: YYYY or YYYY-Qn");
const Url = z.string().url();
const num = z.coerce.number();
const optionalInt = z.string().transform((s, ctx) => {
  if (s.trim() === "") return null;
  const n = Number(s);
  if (!Number.isInteger(n)) ctx.addIssue({ code: "custom", message: `not a whole number: ${s}` });
  return n;
});

/**
 * An instansi of the reference. A regional government has its Kemendagri code and its province; a
 * central agency (jenis "pusat", kementerian / lembaga) has BKN's own 4-digit instansi code and no
 * province: its kode_provinsi and provinsi are empty, and it forms a group of its own (#18).
 */
export const Wilayah = z.object({
  kode_instansi: Kode,
  nama_instansi: z.string().min(3),
  jenis: z.enum(["provinsi", "kabupaten", "kota", "pusat"]),
  kode_provinsi: z.string().regex(/^(\d{2})?$/, "2 digits, or empty for a central agency"),
  provinsi: z.string(),
}).refine(
  (w) =>
    w.jenis === "pusat"
      ? w.kode_provinsi === "" && w.provinsi === "" && w.kode_instansi.length === 4
      : w.kode_provinsi !== "" && w.provinsi.length >= 3 &&
        w.kode_instansi.startsWith(w.kode_provinsi),
  "kode_instansi must start with kode_provinsi, and provinsi be named; a central agency (jenis pusat) has a 4-digit code and an empty kode_provinsi and provinsi",
);
export type Wilayah = z.infer<typeof Wilayah>;

/**
 * A central agency of data/reference/instansi-pusat.csv: BKN's instansi code (the SAPK scheme:
 * 1xxx coordinating ministries, 2xxx and 30xx ministries, 40xx agencies), its name as SIASN spells
 * it, and where the pair was read.
 */
export const InstansiPusat = z.object({
  kode_instansi: z.string().regex(/^[1-4]\d{3}$/, "BKN's 4-digit code of a central agency"),
  nama_instansi: z.string().min(3),
  sumber_url: z.union([Url, z.literal("")]),
  catatan: z.string().min(10),
});
export type InstansiPusat = z.infer<typeof InstansiPusat>;

/** An optional number column: empty or absent is null. */
const optionalNum = z.string().optional().transform((s, ctx) => {
  if (s === undefined || s.trim() === "") return null;
  const n = Number(s);
  if (!Number.isFinite(n)) ctx.addIssue({ code: "custom", message: `not a number: ${s}` });
  return n;
});
const optionalCount = optionalNum.refine(
  (n) => n === null || Number.isInteger(n),
  "a whole number",
);

export const Official = z.object({
  kode_instansi: Kode,
  periode: Periode,
  nilai: num,
  perkiraan: z.enum(["true", "false"]).transform((s) => s === "true"),
  jenis: z.enum(["resmi", "mandiri"]),
  peringkat: optionalInt,
  dari: optionalInt,
  kategori: z.string(),
  metode: z.string(),
  sumber_url: Url,
  catatan: z.string(),
  // Optional columns (an older file without them still reads): which population the figure is
  // for (ASN = everyone the method counts; PNS or PPPK when a source splits them), whether it is
  // provisional (nilai sementara), how many ASN were measured, and the dimension means where
  // published (Kota Bima 2023: 21.37 / 26.16 / 25.72 / 5). Figures may be for any instansi, inside
  // Kanreg VIII or not.
  populasi: z.preprocess((s) => (s ?? "") === "" ? "ASN" : s, z.enum(["ASN", "PNS", "PPPK"])),
  sementara: z.preprocess(
    (s) => (s ?? "") === "" ? "false" : s,
    z.enum(["true", "false"]).transform((s) => s === "true"),
  ),
  n_asn: optionalCount,
  kualifikasi: optionalNum,
  kompetensi: optionalNum,
  kinerja: optionalNum,
  disiplin: optionalNum,
});
export type Official = z.infer<typeof Official>;

export const Target = z.object({
  kode_instansi: Kode,
  tahun: z.coerce.number().int(),
  target: num,
  sumber_url: Url,
  catatan: z.string(),
});
export type Target = z.infer<typeof Target>;

export const Distribusi = z.object({
  periode: Periode,
  sangat_tinggi: z.coerce.number().int(),
  tinggi: z.coerce.number().int(),
  sedang: z.coerce.number().int(),
  rendah: z.coerce.number().int(),
  sangat_rendah: z.coerce.number().int(),
  jumlah_instansi: z.coerce.number().int(),
  sumber_url: Url,
});
export type Distribusi = z.infer<typeof Distribusi>;

/**
 * Read a reference CSV; a bad row stops the run naming the file, the line and the column (a raw
 * folder's own wilayah.csv is a user's file, so this is an input error, never a stack trace).
 */
export async function readReference<T extends z.ZodType>(
  path: string,
  schema: T,
  fix = "correct the value",
): Promise<z.infer<T>[]> {
  const rows = csvParse((await Deno.readTextFile(path)).replace(/^\uFEFF/, ""));
  return rows.map((row, i) => {
    const r = schema.safeParse(row);
    if (!r.success) {
      const issue = r.error.issues[0];
      const column = issue.path.join(".");
      const value = column ? (row as Record<string, string | undefined>)[column] : undefined;
      const missing = column && !rows.columns.includes(column);
      throw new InputError(
        path,
        missing
          ? `no column ${column} (the header has ${rows.columns.join(", ") || "nothing"})`
          : `line ${i + 2}${column ? `, column ${column}` : ""}: ${issue.message}${
            value !== undefined ? ` (value "${value}")` : ""
          }`,
        fix,
      );
    }
    return r.data;
  });
}

export const REFERENCE_DIR = join(DATA, "reference") + "/";
export const INSTANSI_PUSAT = `${REFERENCE_DIR}instansi-pusat.csv`;
export const WILAYAH_NASIONAL = `${REFERENCE_DIR}wilayah-nasional.csv`;

let provinsiKemendagri: Set<string> | undefined;
/**
 * The 38 Kemendagri province codes (of wilayah-nasional.csv, generated from idn-area-data). A
 * regional government's code always starts with its province's; a 4-digit code that starts with
 * none (10xx, 20xx, 30xx, 40xx: BKN's central agencies) is no regional government.
 */
export function kodeProvinsi(): Set<string> {
  return provinsiKemendagri ??= new Set(
    csvParse(Deno.readTextFileSync(WILAYAH_NASIONAL)).map((r) => r.kode_provinsi!),
  );
}

/**
 * Whether a code the reference lacks is a central agency's: 4 digits, the first two no province.
 * Its province is then none (it is kept, like any unknown code, under its code).
 */
export function kodePusat(kode: string): boolean {
  return /^\d{4}$/.test(kode) && !kodeProvinsi().has(kode.slice(0, 2));
}

export async function loadWilayah(path = WILAYAH_NASIONAL): Promise<Wilayah[]> {
  const fix =
    "a wilayah.csv in the raw folder replaces the instansi reference (the central agencies of data/reference/instansi-pusat.csv still join it): it needs the columns kode_instansi, nama_instansi, jenis (provinsi/kabupaten/kota, or pusat for a central agency, whose kode_provinsi and provinsi stay empty), kode_provinsi and provinsi, like data/reference/wilayah-nasional.csv; correct it, or remove it to use the national reference";
  const rows = await readReference(path, Wilayah, fix);
  const dup = rows.findIndex((r, i) =>
    rows.findIndex((x) => x.kode_instansi === r.kode_instansi) !== i
  );
  if (dup >= 0) {
    throw new InputError(
      path,
      `line ${dup + 2}: kode_instansi ${rows[dup].kode_instansi} appears twice`,
      fix,
    );
  }
  return rows;
}

/**
 * The instansi a run scores with: the regional table (built-in, the settings' or a raw folder's
 * wilayah.csv) and the central agencies of instansi-pusat.csv, which every table shares so that a
 * ministry's SIASN export ("Kementerian Keuangan") is recognised whatever the regional table. A
 * code the regional table lists itself keeps that table's row.
 */
export async function loadReferensi(path?: string): Promise<Wilayah[]> {
  const wilayah = await loadWilayah(path);
  const known = new Set(wilayah.map((w) => w.kode_instansi));
  const pusat = await readReference(INSTANSI_PUSAT, InstansiPusat);
  return [
    ...wilayah,
    ...pusat.filter((p) => !known.has(p.kode_instansi)).map((p): Wilayah => ({
      kode_instansi: p.kode_instansi,
      nama_instansi: p.nama_instansi,
      jenis: "pusat",
      kode_provinsi: "",
      provinsi: "",
    })),
  ];
}
