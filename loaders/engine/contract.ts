/**
 * The raw export contract (input v1), as zod schemas. This file is the single source of truth
 * for table names, column names, header aliases, which columns are required and what kind of
 * value each holds; ingest and validation SQL are generated from it.
 */
import { z } from "zod";

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
  /** "yes": column and value required; "column": the column must exist, the value may be empty;
   * "no": optional; "when": required when another column has one of the given values. */
  required: "yes" | "column" | "no" | { when: string; in: string[] };
  aliases?: string[];
  code?: AliasKind;
  /** Dates: may lie after the period (a punishment that ends years later). */
  future?: true;
  /** Personal data: never leaves the private zone. */
  personal?: boolean;
  description: string;
}

const column = (meta: ColumnMeta) => z.string().nullable().meta(meta as never);
const meta = (schema: z.ZodType) => z.globalRegistry.get(schema) as unknown as ColumnMeta;

export const pegawai = z.object({
  nip: column({
    kind: "nip",
    required: "yes",
    aliases: ["nip_baru", "nip_asn", "nip18"],
    description: "NIP, 18 digits",
  }),
  nama: column({
    kind: "text",
    required: "no",
    aliases: ["nama_pegawai", "nama_lengkap", "nama_asn"],
    personal: true,
    description: "Name (personal data)",
  }),
  jenis_pegawai: column({
    kind: "code",
    code: "jenis_pegawai",
    required: "yes",
    aliases: ["status_pegawai", "jenis_asn", "status_asn", "kedudukan_pegawai"],
    description: "PNS or PPPK",
  }),
  kode_instansi: column({
    kind: "kode_instansi",
    required: "yes",
    aliases: ["kd_instansi", "instansi_kode", "kode_pemda", "instansi_id"],
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
    required: "yes",
    aliases: ["jabatan_jenis", "jenis_jabatan_nama"],
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
    description: "Highest formal education",
  }),
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
    description: "Type of development",
  }),
  jenjang: column({
    kind: "code",
    code: "jenjang",
    required: { when: "jenis", in: ["STRUKTURAL"] },
    aliases: ["jenjang_diklat", "tingkat_diklat", "jenjang_kepemimpinan"],
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
    required: { when: "jenis", in: ["TEKNIS"] },
    aliases: ["jumlah_jp", "jumlah_jam", "jam_pelajaran", "durasi_jp", "durasi"],
    description: "Jam pelajaran",
  }),
  tanggal_mulai: column({
    kind: "date",
    required: "yes",
    aliases: ["tgl_mulai", "mulai", "tanggal_awal"],
    description: "Start date",
  }),
  tanggal_selesai: column({
    kind: "date",
    required: "no",
    aliases: ["tgl_selesai", "selesai", "tanggal_akhir"],
    description: "End date",
  }),
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
    required: "yes",
    aliases: ["predikat_kinerja", "hasil_kinerja", "nilai_predikat", "predikat_skp"],
    description: "SKP predikat",
  }),
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
    required: "yes",
    aliases: ["tingkat_hukuman", "tingkat_hukdis", "tingkat_hukuman_disiplin"],
    description: "RINGAN, SEDANG, BERAT",
  }),
  jenis: column({
    kind: "text",
    required: "no",
    aliases: ["jenis_hukuman", "jenis_hukdis"],
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
});

export const TABLES = { pegawai, diklat, kinerja, hukdis } as const;
export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

export interface ColumnSpec extends ColumnMeta {
  name: string;
}

export function columns(table: TableName): ColumnSpec[] {
  return Object.entries(TABLES[table].shape).map(([name, schema]) => ({ name, ...meta(schema) }));
}

/** Header normalisation of the contract: case-insensitive, trimmed, spaces and dashes read as `_`. */
export function normaliseHeader(header: string): string {
  return header.replace(/^\uFEFF/, "").trim().toLowerCase().replace(/[\s\-.]+/g, "_")
    .replace(/_+/g, "_").replace(/^_|_$/g, "");
}

export type HeaderMapping =
  | { ok: true; mapping: Map<number, string>; ignored: string[] }
  | { ok: false; problem: string; fix: string };

/** Map a file's header cells to the contract's canonical column names. */
export function mapHeader(table: TableName, header: string[]): HeaderMapping {
  const lookup = new Map<string, string>();
  for (const c of columns(table)) {
    lookup.set(c.name, c.name);
    for (const a of c.aliases ?? []) lookup.set(normaliseHeader(a), c.name);
  }
  const mapping = new Map<number, string>();
  const seen = new Map<string, string>();
  const ignored: string[] = [];
  for (const [i, raw] of header.entries()) {
    const canonical = lookup.get(normaliseHeader(raw));
    if (!canonical) {
      ignored.push(raw);
    } else if (seen.has(canonical)) {
      return {
        ok: false,
        problem: `columns "${seen.get(canonical)}" and "${raw}" both mean "${canonical}"`,
        fix: "keep one of them and delete or rename the other",
      };
    } else {
      seen.set(canonical, raw);
      mapping.set(i, canonical);
    }
  }
  const missing = columns(table).filter((c) =>
    (c.required === "yes" || c.required === "column") && !seen.has(c.name)
  );
  if (missing.length) {
    const names = missing.map((c) => c.name).join(", ");
    return {
      ok: false,
      problem: `missing required column${missing.length > 1 ? "s" : ""} ${names}`,
      fix: `add ${names} to the header (accepted names: ${
        missing.map((c) => [c.name, ...(c.aliases ?? [])].join(" / ")).join("; ")
      })`,
    };
  }
  return { ok: true, mapping, ignored };
}
