/**
 * The raw export contract (input v1), as zod schemas. This file is the single source of truth
 * for table names, column names, header aliases, which columns are required and what kind of
 * value each holds; ingest and validation SQL are generated from it.
 */
import { z } from "zod";
import KOLOM from "../../data/aliases/kolom.json" with { type: "json" };

export type AliasKind =
  | "jenis_pegawai"
  | "jenis_jabatan"
  | "pendidikan"
  | "jenis_diklat"
  | "jenjang"
  | "predikat"
  | "tingkat_hukdis";

export type ColumnKind = "nip" | "text" | "code" | "date" | "number" | "year" | "kode_instansi";

export interface ColumnMeta {
  kind: ColumnKind;
  /**
   * "yes": column and value required (an empty value quarantines the row); "column": the column
   * must exist, an empty value is a data gap the method scores as absent (gaps.ts); "no": optional.
   */
  required: "yes" | "column" | "no";
  aliases?: string[];
  code?: AliasKind;
  /** Dates: may lie after the period (a punishment that ends years later). */
  future?: true;
  /** Personal data: never leaves the private zone. */
  personal?: boolean;
  /**
   * Source-only column: not part of the contract's output, read only so that validation can derive
   * a contract column from it (SIASN's `eselon` gives jenis_jabatan, `KuadranKinerjaNilai` gives
   * predikat, `instansiKerjaNama` gives kode_instansi). Never required; its header aliases live in
   * data/aliases/kolom.json.
   */
  sumberSaja?: true;
  /**
   * Source-only columns that can stand in for this column when the file lacks it: the header
   * check accepts any of them instead, and validation fills the value from the first non-empty one.
   */
  dari?: string[];
  description: string;
}

const column = (meta: ColumnMeta) => z.string().nullable().meta(meta as never);
/** A source-only column (see ColumnMeta.sumberSaja). */
const source = (description: string) =>
  column({ kind: "text", required: "no", sumberSaja: true, description });
const meta = (schema: z.ZodType) => z.globalRegistry.get(schema) as unknown as ColumnMeta;

/** The person's NIP and name: the same columns in pegawai and in BKN's official results. */
const nip = column({
  kind: "nip",
  required: "yes",
  aliases: ["nip_baru", "nip_asn", "nip18"],
  description: "NIP, 18 digits",
});
const nama = column({
  kind: "text",
  required: "no",
  aliases: ["nama_pegawai", "nama_lengkap", "nama_asn"],
  personal: true,
  description: "Name (personal data)",
});

export const pegawai = z.object({
  nip,
  nama,
  jenis_pegawai: column({
    kind: "code",
    code: "jenis_pegawai",
    required: "yes",
    // Not kedudukan_pegawai: kedudukan is Aktif / CLTN / Tugas Belajar, not PNS or PPPK (#16).
    aliases: ["status_pegawai", "jenis_asn", "status_asn"],
    dari: ["jenis_pegawai_nama", "kedudukan_hukum_id"],
    description: "PNS or PPPK",
  }),
  kode_instansi: column({
    kind: "kode_instansi",
    required: "yes",
    aliases: ["kd_instansi", "instansi_kode", "kode_pemda", "instansi_id"],
    dari: ["nama_instansi", "nama_instansi_induk"],
    description: "Kemendagri region code of the instansi",
  }),
  kode_unit: column({
    kind: "text",
    required: "yes",
    aliases: ["kd_unit", "unit_kerja_id", "kode_unor", "unor_id", "kode_opd"],
    description: "Unit kerja (OPD) code",
  }),
  nama_unit: column({
    kind: "text",
    required: "yes",
    aliases: ["unit_kerja", "nama_unor", "unor_nama", "nama_opd", "opd"],
    description: "Unit kerja name",
  }),
  jenis_jabatan: column({
    kind: "code",
    code: "jenis_jabatan",
    required: "column",
    aliases: ["jabatan_jenis", "jenis_jabatan_nama"],
    dari: ["jenis_jabatan_id", "eselon", "eselon_id"],
    description: "JPT, ADMINISTRATOR, PENGAWAS, FUNGSIONAL, PELAKSANA",
  }),
  nama_jabatan: column({
    kind: "text",
    required: "no",
    aliases: ["jabatan", "jabatan_nama"],
    description: "Position name (for exempt functional positions)",
  }),
  pendidikan: column({
    kind: "code",
    code: "pendidikan",
    required: "column",
    aliases: ["tingkat_pendidikan", "pendidikan_terakhir", "tk_pendidikan", "jenjang_pendidikan"],
    dari: ["pendidikan_id"],
    description: "Highest formal education",
  }),
  jenis_pegawai_nama: source(
    "SIASN jenisPegawaiNama: PNS / PPPK kind, when jenis_pegawai is empty",
  ),
  kedudukan_hukum_id: source("SIASN kedudukanPnsId: 71, 72, 101 are PPPK"),
  pendidikan_id: source("SIASN tkPendidikanTerakhirId 05-50, when pendidikan is empty"),
  jenis_jabatan_id: source("SIASN jenisJabatanId 1/2/4, when jenis_jabatan is empty"),
  eselon: source(
    "Eselon (II.b, III.a, IV.a, ...): turns Jabatan Struktural into JPT/ADMINISTRATOR/PENGAWAS",
  ),
  eselon_id: source("SIASN eselonId (21, 22, 31, ...), as eselon"),
  nama_instansi: source(
    "Instansi name (SIASN instansiKerjaNama): gives kode_instansi through the reference",
  ),
  nama_instansi_induk: source("SIASN instansiIndukNama: as nama_instansi, when that is empty"),
});

export const diklat = z.object({
  nip: column({
    kind: "nip",
    required: "yes",
    aliases: ["nip_baru", "nip_asn"],
    description: "NIP of the ASN",
  }),
  jenis: column({
    kind: "code",
    code: "jenis_diklat",
    required: "yes",
    aliases: ["jenis_diklat", "jenis_kompetensi", "jenis_pengembangan", "jenis_kegiatan"],
    dari: [
      "jenis_diklat_id",
      "jenis_kursus_sertifikat",
      "latihan_struktural",
      "latihan_struktural_id",
    ],
    description: "Type of development",
  }),
  jenjang: column({
    kind: "code",
    code: "jenjang",
    required: "no",
    aliases: ["jenjang_diklat", "tingkat_diklat", "jenjang_kepemimpinan"],
    dari: ["latihan_struktural", "latihan_struktural_id"],
    description: "Leadership training level",
  }),
  nama: column({
    kind: "text",
    required: "no",
    aliases: ["nama_diklat", "nama_kursus", "nama_kegiatan"],
    description: "Name of the training",
  }),
  jp: column({
    kind: "number",
    required: "no",
    aliases: ["jumlah_jp", "jumlah_jam", "jam_pelajaran", "durasi_jp", "durasi"],
    description: "Jam pelajaran",
  }),
  tanggal_mulai: column({
    kind: "date",
    required: "column",
    aliases: ["tgl_mulai", "mulai", "tanggal_awal"],
    dari: ["tanggal_kursus", "tanggal_diklat"],
    description: "Start date",
  }),
  tanggal_selesai: column({
    kind: "date",
    required: "no",
    aliases: ["tgl_selesai", "selesai", "tanggal_akhir"],
    dari: ["tanggal_selesai_kursus"],
    description: "End date",
  }),
  jenis_diklat_id: source("SIASN jenisDiklatId 1-25 (rw-kursus), when jenis is empty"),
  jenis_kursus_sertifikat: source("SIASN jenisKursusSertifikat (T, F), when jenis is empty"),
  latihan_struktural: source(
    "SIASN latihanStrukturalNama (rw-diklat): a leadership training, gives jenis STRUKTURAL and jenjang",
  ),
  latihan_struktural_id: source("SIASN latihanStrukturalId 1-8, as latihan_struktural"),
  tanggal_kursus: source("SIASN tanggalKursus (rw-kursus), when tanggal_mulai is empty"),
  tanggal_selesai_kursus: source("SIASN tanggalSelesaiKursus, when tanggal_selesai is empty"),
  tanggal_diklat: source("SIASN tanggal (rw-diklat), when tanggal_mulai is empty"),
  nomor_sertifikat: source(
    "SIASN nomor / noSertipikat (rw-diklat): the certificate number, which often names the leadership level",
  ),
});

export const kinerja = z.object({
  nip: column({
    kind: "nip",
    required: "yes",
    aliases: ["nip_baru", "nip_asn"],
    description: "NIP of the ASN",
  }),
  tahun: column({
    kind: "year",
    required: "yes",
    aliases: ["tahun_skp", "periode_skp", "tahun_penilaian"],
    description: "SKP year",
  }),
  predikat: column({
    kind: "code",
    code: "predikat",
    required: "column",
    // Not hasil_kinerja: SIASN's hasilKinerja is the result rating (above / as / below
    // expectation), one of the two axes of the kuadran; the predikat is the kuadran itself.
    aliases: ["predikat_kinerja", "nilai_predikat", "predikat_skp"],
    dari: ["kuadran_nilai", "nilai_prestasi_kerja"],
    description: "SKP predikat",
  }),
  kuadran_nilai: source("SIASN KuadranKinerjaNilai 1-5 (rw-skp22), when predikat is empty"),
  nilai_prestasi_kerja: source(
    "Legacy SKP score 0-100 (SIASN rw-skp nilaiPrestasiKerja): predikat by the PP 46/2011 bands",
  ),
});

export const hukdis = z.object({
  nip: column({
    kind: "nip",
    required: "yes",
    aliases: ["nip_baru", "nip_asn"],
    description: "NIP of the ASN",
  }),
  tingkat: column({
    kind: "code",
    code: "tingkat_hukdis",
    required: "column",
    aliases: ["tingkat_hukuman", "tingkat_hukdis", "tingkat_hukuman_disiplin"],
    description: "RINGAN, SEDANG, BERAT",
  }),
  jenis: column({
    kind: "text",
    required: "no",
    aliases: ["jenis_hukuman", "jenis_hukdis"],
    dari: ["jenis_hukuman_nama"],
    description: "Type of punishment",
  }),
  tmt: column({
    kind: "date",
    required: "yes",
    aliases: ["tmt_hukuman", "tmt_hukdis", "tanggal_mulai_hukuman"],
    description: "Start of the punishment",
  }),
  akhir: column({
    kind: "date",
    required: "no",
    future: true,
    aliases: ["akhir_hukuman", "tmt_akhir", "tanggal_akhir", "tanggal_akhir_hukuman"],
    description: "End of the punishment",
  }),
  jenis_hukuman_nama: source("SIASN jenisHukumanNama: the punishment's name, when jenis is empty"),
});

/**
 * BKN's own per-person results (optional fifth table): the result workbook (No, NIP, Nama, Nama
 * Jabatan, Satuan Kerja, Kualifikasi, Kompetensi, Kinerja, Disiplin, Total, below a title block)
 * or the SIASN web service's `pns/nilaiipasn` (kualifikasi, kompetensi, kinerja, disiplin,
 * subtotal, created_at per nipBaru). Checked and aggregated by loaders/engine/resmi.ts.
 */
export const resmi = z.object({
  nip,
  nama,
  nama_jabatan: column({
    kind: "text",
    required: "no",
    aliases: ["jabatan", "jabatan_nama"],
    description: "Position",
  }),
  kode_instansi: column({
    kind: "text",
    required: "no",
    aliases: ["kd_instansi", "instansi_kode", "kode_pemda"],
    description: "Kemendagri code of the instansi (the workbook has none: meta.json or pegawai)",
  }),
  kode_unit: column({
    kind: "text",
    required: "no",
    aliases: ["unor_id", "kode_satker", "kd_unit"],
    description: "Unit kerja code (else derived from the Satuan Kerja name)",
  }),
  nama_unit: column({
    kind: "text",
    required: "no",
    aliases: ["satuan_kerja", "satker", "unit_kerja", "unor_nama", "opd", "satuan_kerja_nama"],
    description: "Satuan Kerja / unit kerja name",
  }),
  kualifikasi: column({ kind: "number", required: "yes", description: "Official kualifikasi" }),
  kompetensi: column({ kind: "number", required: "yes", description: "Official kompetensi" }),
  kinerja: column({ kind: "number", required: "yes", description: "Official kinerja" }),
  disiplin: column({ kind: "number", required: "yes", description: "Official disiplin" }),
  total: column({
    kind: "number",
    required: "no",
    aliases: ["subtotal", "nilai_total", "total_nilai", "ip_asn", "nilai_ip_asn"],
    description: "Official total (the sum of the four, as published)",
  }),
});

/** The four tables every period is scored from. */
export const TABLES = { pegawai, diklat, kinerja, hukdis } as const;
export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];
/** Every table a period folder may hold: the four, and BKN's official results. */
export const INPUT_TABLES = { ...TABLES, resmi } as const;
export type InputTable = keyof typeof INPUT_TABLES;
export const INPUT_TABLE_NAMES = Object.keys(INPUT_TABLES) as InputTable[];

export interface ColumnSpec extends ColumnMeta {
  name: string;
}

export function columns(table: InputTable): ColumnSpec[] {
  return Object.entries(INPUT_TABLES[table].shape).map((
    [name, schema],
  ) => ({ name, ...meta(schema as z.ZodType) }));
}

/**
 * Header normalisation of the contract: camelCase split into words (`nipBaru` → `nip_baru`,
 * `KuadranKinerjaNilai` → `kuadran_kinerja_nilai`, `NIPBaru` → `nip_baru`), then case-insensitive,
 * trimmed, with spaces, dashes and dots read as `_`.
 */
export function normaliseHeader(header: string): string {
  return header.replace(/^\uFEFF/, "").trim()
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase().replace(/[\s\-.]+/g, "_").replace(/_+/g, "_").replace(/^_|_$/g, "");
}

/** One header dialect of data/aliases/kolom.json. */
export interface Dialect {
  name: string;
  /** A table name, or "*" for spellings used in any table that has the target column. */
  tabel: InputTable | "*";
  sumber: string[];
  /** Source header (as spelled in the source) → contract or source-only column. */
  kolom: Record<string, string>;
}

interface KolomFile {
  $sumber: Record<string, string>;
  dialek: Record<string, Omit<Dialect, "name">>;
  tidak_dipakai: Record<string, string>;
}

export const DIALECTS: Dialect[] = Object.entries((KOLOM as unknown as KolomFile).dialek).map((
  [name, d],
) => ({ name, ...d }));
/** Normalised header → why it must never be read as a contract column. */
export const NEVER: Map<string, string> = new Map(
  Object.entries((KOLOM as unknown as KolomFile).tidak_dipakai).map(([k, why]) => [
    normaliseHeader(k),
    why,
  ]),
);

export interface Spelling {
  column: string;
  /** "kontrak" for the contract's own names and aliases, else the dialect. */
  dialect: string;
}

/**
 * Every accepted spelling of a table's columns, normalised: the contract's names and aliases,
 * then the dialects' spellings. A spelling that means two different columns is a bug in the alias
 * data and throws.
 */
export function spellings(table: InputTable): Map<string, Spelling[]> {
  const cached = spellingCache.get(table);
  if (cached) return cached;
  const names = new Set(columns(table).map((c) => c.name));
  const lookup = new Map<string, Spelling[]>();
  const add = (raw: string, column: string, dialect: string) => {
    const key = normaliseHeader(raw);
    const prev = lookup.get(key);
    if (prev && prev[0].column !== column) {
      throw new Error(
        `header "${raw}" of ${table} means both ${prev[0].column} (${
          prev[0].dialect
        }) and ${column} (${dialect}) in data/aliases/kolom.json or contract.ts`,
      );
    }
    if (NEVER.has(key)) {
      throw new Error(`header "${raw}" of ${table} is both accepted and listed in tidak_dipakai`);
    }
    if (!prev) lookup.set(key, [{ column, dialect }]);
    else if (!prev.some((p) => p.dialect === dialect)) prev.push({ column, dialect });
  };
  for (const c of columns(table)) {
    if (!c.sumberSaja) add(c.name, c.name, "kontrak");
    for (const a of c.aliases ?? []) add(a, c.name, "kontrak");
  }
  for (const d of DIALECTS) {
    if (d.tabel !== "*" && d.tabel !== table) continue;
    for (const [raw, column] of Object.entries(d.kolom)) {
      if (!names.has(column)) {
        if (d.tabel === "*") continue;
        throw new Error(
          `data/aliases/kolom.json: ${d.name} maps "${raw}" to ${column}, not a column of ${table}`,
        );
      }
      add(raw, column, d.name);
    }
  }
  spellingCache.set(table, lookup);
  return lookup;
}
const spellingCache = new Map<InputTable, Map<string, Spelling[]>>();

export type HeaderMapping =
  | {
    ok: true;
    mapping: Map<number, string>;
    ignored: string[];
    /** The dialect most of the matched columns come from ("kontrak" for the contract's own). */
    dialect: string;
    /** Columns left out on purpose, with the reason (e.g. SIASN's kode cepat). */
    refused: { header: string; reason: string }[];
  }
  | { ok: false; problem: string; fix: string };

/** Edit distance (Levenshtein), for the nearest known spelling of a header that matched nothing. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** The nearest known spelling of a header of `table`, with the column it means. */
export function nearestSpelling(
  table: InputTable,
  header: string,
): { spelling: string; column: string } {
  const h = normaliseHeader(header);
  // Ties go to the spelling sharing the longest start with the header (tglKursus → tanggal_kursus).
  const prefix = (a: string, b: string) => {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return i;
  };
  let best = { spelling: "", column: "", d: Infinity, p: 0 };
  for (const [key, [s]] of spellings(table)) {
    const d = editDistance(h, key);
    const p = prefix(h, key);
    if (d < best.d || (d === best.d && (p > best.p || (p === best.p && key < best.spelling)))) {
      best = { spelling: key, column: s.column, d, p };
    }
  }
  return { spelling: best.spelling, column: best.column };
}

/** Map a file's header cells to the contract's canonical (and source-only) column names. */
export function mapHeader(table: InputTable, header: string[]): HeaderMapping {
  const lookup = spellings(table);
  const mapping = new Map<number, string>();
  const seen = new Map<string, string>();
  const ignored: string[] = [];
  const refused: { header: string; reason: string }[] = [];
  const votes = new Map<string, number>();
  for (const [i, raw] of header.entries()) {
    const key = normaliseHeader(raw);
    const found = lookup.get(key);
    const canonical = found?.[0].column;
    if (!canonical) {
      ignored.push(raw);
      const why = NEVER.get(key);
      if (why) refused.push({ header: raw, reason: why });
    } else if (seen.has(canonical)) {
      return {
        ok: false,
        problem: `columns "${seen.get(canonical)}" and "${raw}" both mean "${canonical}"`,
        fix: "keep one of them and delete or rename the other",
      };
    } else {
      seen.set(canonical, raw);
      mapping.set(i, canonical);
      for (const f of found!) votes.set(f.dialect, (votes.get(f.dialect) ?? 0) + 1);
    }
  }
  const missing = columns(table).filter((c) =>
    (c.required === "yes" || c.required === "column") && !seen.has(c.name) &&
    !(c.dari ?? []).some((d) => seen.has(d))
  );
  if (missing.length) {
    const names = missing.map((c) => c.name).join(", ");
    const unmatched = ignored.filter((h) => h.trim() !== "");
    const near = unmatched.slice(0, 8).map((h) => {
      const n = nearestSpelling(table, h);
      return `"${h}" (nearest known: ${n.spelling}${
        n.spelling !== n.column ? ` = ${n.column}` : ""
      })`;
    });
    return {
      ok: false,
      problem: `missing required column${missing.length > 1 ? "s" : ""} ${names}${
        unmatched.length
          ? `; columns not recognised: ${near.join(", ")}${
            unmatched.length > 8 ? ` and ${unmatched.length - 8} more` : ""
          }`
          : ""
      }`,
      fix: `add ${names} to the header (accepted names: ${
        missing.map((c) => acceptedNames(table, c.name)).join("; ")
      })`,
    };
  }
  const dialect = [...votes].sort((a, b) => b[1] - a[1] || (a[0] === "kontrak" ? -1 : 1))[0]?.[0] ??
    "kontrak";
  return { ok: true, mapping, ignored, dialect, refused };
}

/** The accepted spellings of a column (and of the source-only columns that can stand in for it). */
function acceptedNames(table: InputTable, column: string): string {
  const c = columns(table).find((x) => x.name === column)!;
  const targets = new Set([column, ...(c.dari ?? [])]);
  const out = [c.name, ...(c.aliases ?? [])];
  for (const d of DIALECTS) {
    if (d.tabel !== "*" && d.tabel !== table) continue;
    for (const [raw, col] of Object.entries(d.kolom)) if (targets.has(col)) out.push(raw);
  }
  return [...new Set(out)].join(" / ");
}
