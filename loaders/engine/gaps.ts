/**
 * Data gaps: a used row that lacks a value the method can score as absent. Incompleteness is the
 * normal state of SIASN data (the IP ASN campaign is about filling it), so such a row is kept and
 * scored as the profiles say an absent value scores (`data_kosong` in every profile, with its
 * tag), counted per table and column in the accounting, and listed per person for the internal
 * worklists with the SIASN field to fill. Quarantine stays for rows that cannot be used.
 *
 * `kosong` is SQL on the typed table (validate.ts TYPED): true when the row lacks the value.
 */
import type { TableName } from "./contract.ts";
import { type Db, lit } from "../duck.ts";

export interface Gap {
  table: TableName;
  /** The typed column that is empty: the key of the accounting's `gaps` and of `data_kosong`. */
  column: string;
  kosong: string;
  /** What the worklist says is missing (Indonesian). */
  label: string;
  /**
   * The SIASN record and field to fill (web-service keys: kanekescom/laravel-siasn-simpeg
   * migrations, black-coffee04/ws-siasn-php examples; see data/aliases/kolom.json's legend).
   */
  siasn: string;
}

export const GAPS: readonly Gap[] = [
  {
    table: "pegawai",
    column: "pendidikan",
    kosong: "pendidikan IS NULL",
    label: "tingkat pendidikan kosong",
    siasn: "data utama: tkPendidikanTerakhirId",
  },
  {
    table: "pegawai",
    column: "jenis_jabatan",
    kosong: "jenis_jabatan IS NULL",
    label: "jenis jabatan kosong (atau jabatan struktural tanpa eselon)",
    siasn: "data utama: jenisJabatanId, eselonId",
  },
  {
    table: "diklat",
    column: "jp",
    kosong: "jp IS NULL",
    label: "JP kosong",
    siasn: "riwayat kursus / diklat: jumlahJam",
  },
  {
    table: "diklat",
    column: "jenjang",
    kosong: "jenis = 'STRUKTURAL' AND jenjang IS NULL",
    label: "jenjang diklat kepemimpinan tidak diketahui",
    siasn: "riwayat diklat: latihanStrukturalId",
  },
  {
    table: "diklat",
    column: "tanggal",
    kosong: "tanggal IS NULL",
    label: "tanggal pelatihan kosong",
    siasn: "riwayat kursus: tanggalKursus / riwayat diklat: tanggal",
  },
  {
    table: "kinerja",
    column: "predikat",
    kosong: "predikat IS NULL",
    label: "predikat SKP kosong",
    siasn: "riwayat SKP 2022: kuadranKinerja",
  },
  {
    table: "hukdis",
    column: "tingkat",
    kosong: "tingkat IS NULL",
    label: "tingkat hukuman disiplin tidak diketahui",
    siasn: "riwayat hukuman disiplin: jenisTingkatHukumanId",
  },
];

export const gapsOf = (table: TableName) => GAPS.filter((g) => g.table === table);

/** Per gap column of `table`, how many rows of the typed table (named after it) lack the value. */
export async function countGaps(db: Db, table: TableName): Promise<Record<string, number>> {
  const gaps = gapsOf(table);
  if (!gaps.length) return {};
  const row = await db.one<Record<string, number>>(
    `SELECT ${
      gaps.map((g) => `count(*) FILTER (WHERE ${g.kosong}) AS ${lit(g.column)}`).join(", ")
    } FROM ${table}`,
  );
  return Object.fromEntries(gaps.map((g) => [g.column, Number(row[g.column])]));
}

/**
 * The rows with a gap, one row per gap, into `celah` (`tabel, kolom, file, line, nip_kunci,
 * keterangan`): what the worklist lists. `typed` holds `_ord` and the typed columns; `raw` the
 * row's text (for `keterangan`: the training's name, the SKP's year, the punishment's name).
 */
export function gapRowsSql(
  table: TableName,
  o: { typed: string; raw: string; fileOf: string; lineOf: string },
): string | null {
  const gaps = gapsOf(table);
  if (!gaps.length) return null;
  const keterangan = table === "diklat"
    ? "left(nama, 120)"
    : table === "kinerja"
    ? "'SKP ' || tahun"
    : table === "hukdis"
    ? "left(jenis, 120)"
    : "CAST(NULL AS VARCHAR)";
  return gaps.map((g) =>
    `SELECT ${lit(table)} AS tabel, ${
      lit(g.column)
    } AS kolom, ${o.fileOf} AS file, ${o.lineOf} AS line,
      t.nip_kunci, ${keterangan} AS keterangan
    FROM (SELECT _ord, nip_kunci FROM ${o.typed} WHERE ${g.kosong}) t
    JOIN ${o.raw} r USING (_ord)`
  ).join("\nUNION ALL\n");
}
