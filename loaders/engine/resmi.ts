/**
 * BKN's own per-person results (the `resmi` table): checked like every table, aggregated as one
 * more method (`metode = "resmi"`) through the same `skor` → aggregate path, and reconciled person
 * by person against every computed method.
 *
 * The table comes in two layouts: BKN's result workbook (No, NIP, Nama, Nama Jabatan, Satuan
 * Kerja, Kualifikasi, Kompetensi, Kinerja, Disiplin, Total, below a title block) and the SIASN web
 * service's `pns/nilaiipasn` values per NIP (kualifikasi, kompetensi, kinerja, disiplin, subtotal,
 * created_at). Neither carries an instansi code: it comes from the file's own column when there is
 * one, else from meta.json, else from `pegawai` by NIP (see `instansiSource`).
 */
import type { Check } from "./checks.ts";
import { caseMap, type Db, ident, lit } from "../duck.ts";
import type { MethodProfile } from "./method.ts";

/** The reserved method id of official results (no profile may take it), its name, the dimensions. */
export { DIMENSI, RESMI, RESMI_NAMA } from "../../src/kosakata.ts";
import { DIMENSI, RESMI, RESMI_NAMA } from "../../src/kosakata.ts";

/**
 * Total and the four dimensions are each published rounded to two decimals, so they can disagree
 * by up to 5 × 0.005; a larger gap means a misplaced or mistyped value.
 */
export const TOTAL_TOLERANCE = 0.03;

/**
 * The method profile official results are categorised under: the period's default profile (its
 * maxima and category bands are BKN's), under the reserved id. Its rules are never used.
 */
export function resmiProfile(base: MethodProfile): MethodProfile {
  return { ...base, id: RESMI, nama: RESMI_NAMA, baku_untuk: null };
}

const num = (c: string) => `TRY_CAST(replace(${ident(c)}, ',', '.') AS DOUBLE)`;

/** The row checks of `raw_resmi`, in order; the first that fails names the row's reason. */
export function resmiChecks(maks: Record<(typeof DIMENSI)[number], number>): Check[] {
  const checks: Check[] = [
    {
      column: "nip",
      code: "empty",
      fails: "nip IS NULL",
      reason: lit("nip is empty"),
    },
    {
      column: "nip",
      code: "nip_length",
      fails: "NOT regexp_full_match(nip, '[0-9]{18}')",
      reason: `'nip "' || nip || '" is not 18 digits'`,
    },
  ];
  for (const d of DIMENSI) {
    checks.push(
      {
        column: d,
        code: "not_a_number",
        fails: `${ident(d)} IS NULL OR ${num(d)} IS NULL`,
        reason: `'${d} "' || coalesce(${ident(d)}, '') || '" is not a number'`,
      },
      {
        column: d,
        code: "resmi_out_of_range",
        fails: `${num(d)} < 0 OR ${num(d)} > ${lit(maks[d])}`,
        reason: `'${d} ' || ${ident(d)} || ' is outside 0–${maks[d]}'`,
      },
    );
  }
  const sum = DIMENSI.map(num).join(" + ");
  checks.push(
    {
      column: "total",
      code: "not_a_number",
      fails: `total IS NOT NULL AND ${num("total")} IS NULL`,
      reason: `'total "' || total || '" is not a number'`,
    },
    {
      column: "total",
      code: "resmi_total",
      fails: `abs(${num("total")} - (${sum})) > ${TOTAL_TOLERANCE}`,
      reason:
        `'total ' || total || ' is not the sum of the four dimensions (' || round(${sum}, 2) || ')'`,
    },
  );
  return checks;
}

export interface ResmiValidation {
  /** The table's files, in the order of `_file` (none: an empty table). */
  files: string[];
  maks: Record<(typeof DIMENSI)[number], number>;
  /** The period has a `pegawai` table: a NIP it does not hold is quarantined. */
  withPegawai: boolean;
  /** The instansi when the file has no column for it (from meta.json). */
  kodeInstansi: string | null;
}

/**
 * Checks `raw_resmi` into `resmi` (typed, one row per NIP) and `quarantine`; returns rows used
 * and quarantined. A duplicated NIP keeps its first row. Without an instansi column, the instansi
 * comes from meta.json, else from `pegawai` by NIP; a row with neither, or with an instansi the
 * reference (`ref_wilayah`) lacks, is quarantined.
 */
export async function validateResmi(
  db: Db,
  o: ResmiValidation,
): Promise<{ used: number; quarantined: number; instansi: string }> {
  const checks = resmiChecks(o.maks);
  const file = o.files.length > 1
    ? caseMap("_file", o.files.map((f, i) => [i, lit(f)]))
    : lit(o.files[0] ?? "");
  const first = `CASE ${checks.map((c, i) => `WHEN ${c.fails} THEN ${i}`).join(" ")} END`;
  await db.run(`CREATE OR REPLACE TEMP TABLE resmi_cek AS
    SELECT *, ${first} AS gagal FROM raw_resmi`);
  const pegawaiUnit = o.withPegawai
    ? `LEFT JOIN (SELECT nip, kode_instansi AS p_instansi, kode_unit AS p_unit, nama_unit AS p_nama_unit, jenis_pegawai FROM pegawai) p USING (nip)`
    : `LEFT JOIN (SELECT NULL::VARCHAR AS nip, NULL::VARCHAR AS p_instansi, NULL::VARCHAR AS p_unit, NULL::VARCHAR AS p_nama_unit, NULL::VARCHAR AS jenis_pegawai WHERE FALSE) p USING (nip)`;
  // The instansi: the file's column, meta.json, pegawai by NIP; for a NIP pegawai lacks, the one
  // instansi of pegawai when it holds one (a BKD's export), so it is listed under it.
  const soleInstansi = o.withPegawai
    ? "(SELECT CASE WHEN count(DISTINCT kode_instansi) = 1 THEN min(kode_instansi) END FROM pegawai)"
    : "NULL";
  const instansiExpr = `coalesce(r.kode_instansi, ${
    lit(o.kodeInstansi)
  }, p.p_instansi, ${soleInstansi})`;
  // Rows that pass the row checks, with the reason (if any) the whole table gives them: a NIP seen
  // before, a NIP pegawai lacks (when pegawai exists), no instansi, an instansi not in the reference.
  const notInPegawai = o.withPegawai ? "p.p_instansi IS NULL" : "FALSE";
  await db.run(`CREATE OR REPLACE TEMP TABLE resmi_lolos AS
    SELECT *, CASE
        WHEN ke > 1 THEN 'duplicate nip (first on line ' || baris_pertama || ')'
        WHEN tanpa_pegawai THEN 'nip ' || nip || ' is not in pegawai'
        WHEN instansi_final IS NULL THEN 'no instansi: add kode_instansi to the file or to meta.json'
        WHEN instansi_final NOT IN (SELECT kode_instansi FROM ref_wilayah)
          THEN 'instansi ' || instansi_final || ' is not in the instansi reference'
      END AS alasan, CASE
        WHEN ke > 1 THEN 'duplicate_nip'
        WHEN tanpa_pegawai THEN 'nip_not_in_pegawai'
        WHEN instansi_final IS NULL THEN 'instansi_missing'
        WHEN instansi_final NOT IN (SELECT kode_instansi FROM ref_wilayah) THEN 'instansi_unknown'
      END AS kode_alasan
    FROM (
      SELECT r.*, ${instansiExpr} AS instansi_final, p.p_instansi, p.p_unit, p.p_nama_unit,
        p.jenis_pegawai, ${notInPegawai} AS tanpa_pegawai,
        row_number() OVER (PARTITION BY r.nip ORDER BY r._file, r._line) AS ke,
        first(r._line ORDER BY r._file, r._line) OVER (PARTITION BY r.nip) AS baris_pertama
      FROM resmi_cek r ${pegawaiUnit} WHERE r.gagal IS NULL
    )`);
  const reasons = checks.map((c, i) => [i, c.reason] as const);
  await db.run(`INSERT INTO quarantine
    SELECT 'resmi', ${file}, _line, ${
    caseMap("gagal", checks.map((c, i) => [i, lit(c.column)]))
  }, ${caseMap("gagal", checks.map((c, i) => [i, lit(c.code)]))}, ${
    caseMap("gagal", checks.map((c, i) => [i, `left(CAST(${ident(c.column)} AS VARCHAR), 200)`]))
  }, ${caseMap("gagal", reasons.map(([i, r]) => [i, r]))}
    FROM resmi_cek WHERE gagal IS NOT NULL`);
  await db.run(`INSERT INTO quarantine
    SELECT 'resmi', ${file}, _line, CASE WHEN kode_alasan LIKE 'instansi%'
      THEN 'kode_instansi' ELSE 'nip' END, kode_alasan,
      CASE WHEN kode_alasan LIKE 'instansi%' THEN instansi_final ELSE nip END, alasan
    FROM resmi_lolos WHERE alasan IS NOT NULL`);
  // The unit: the file's own code, else a stable code from the Satuan Kerja name, else pegawai's.
  const unitCode = `coalesce(kode_unit,
    CASE WHEN nama_unit IS NOT NULL THEN 'SK-' || substr(md5(lower(trim(nama_unit))), 1, 8) END,
    p_unit, 'SK-tanpa-unit')`;
  await db.run(`CREATE OR REPLACE TABLE resmi AS
    SELECT nip, nama, instansi_final AS kode_instansi, ${unitCode} AS kode_unit,
      coalesce(nama_unit, p_nama_unit, 'Tanpa satuan kerja') AS nama_unit, jenis_pegawai,
      ${DIMENSI.map((d) => `${num(d)} AS ${d}`).join(", ")}, _line
    FROM resmi_lolos WHERE alasan IS NULL`);
  const { used } = await db.one<{ used: number }>("SELECT count(*) AS used FROM resmi");
  const { quarantined } = await db.one<{ quarantined: number }>(
    "SELECT count(*) AS quarantined FROM quarantine WHERE tabel = 'resmi'",
  );
  const src = await db.one<{ kolom: number; pegawai: number }>(
    `SELECT count(*) FILTER (WHERE kode_instansi IS NOT NULL) AS kolom,
       count(*) FILTER (WHERE kode_instansi IS NULL AND p_instansi IS NOT NULL) AS pegawai
     FROM resmi_lolos`,
  );
  const instansi = src.kolom
    ? "from the file's kode_instansi column"
    : o.kodeInstansi
    ? `from meta.json (kode_instansi ${o.kodeInstansi})`
    : src.pegawai
    ? "from pegawai, by NIP"
    : "not found";
  return { used, quarantined, instansi };
}

/**
 * Official results as rows of `skor` under the method `resmi` (columns by name; the facts a
 * computed method has stay empty). Categories and aggregation then work as for any method.
 */
export function resmiSkorSql(periode: string, kategori: (value: string) => string): string {
  const total = "kualifikasi + kompetensi + kinerja + disiplin";
  // jenis_pegawai is known only through pegawai; without it the ASN is counted in n_asn only.
  return `SELECT ${lit(periode)} AS periode, ${lit(RESMI)} AS metode, nip, nama,
    kode_instansi, kode_unit, nama_unit, jenis_pegawai,
    kualifikasi, kompetensi, kinerja, disiplin, ${total} AS nilai, ${kategori(total)} AS kategori,
    false AS pendidikan_kosong, false AS skp_kosong, false AS pengembangan_kosong,
    0.0 AS potensi_kualifikasi, 0.0 AS potensi_kompetensi, 0.0 AS potensi_kinerja, 0.0 AS potensi_disiplin
  FROM resmi`;
}

/** Why an official value is below the computed one: the record BKN lacks, per dimension. */
export const SEBAB: Record<(typeof DIMENSI)[number] | "total", string> = {
  kualifikasi: "Pendidikan belum diperbarui di SIASN",
  kompetensi: "Pelatihan belum tercatat di SIASN",
  kinerja: "SKP tidak ada atau berbeda di SIASN",
  disiplin: "Hukuman disiplin tercatat berbeda",
  total: "Jumlah keempat dimensi",
};
/** An official value above the computed one: the local export lacks what SIASN has. */
export const SEBAB_LOKAL = "Data lokal kurang lengkap dibanding SIASN";

/**
 * Person by person, every computed method against the official values, per dimension and total:
 * `selisih = hitungan − resmi`. ASN on one side only are listed with `sisi` saying which (the
 * official rows whose NIP pegawai lacks come from the validation's `resmi_lolos`). Needs `skor`
 * (computed methods), `resmi` and `resmi_lolos`.
 */
export function selisihAsnSql(periode: string): string {
  const dims = [...DIMENSI, "total"] as const;
  const cause = caseMap("dimensi", Object.entries(SEBAB).map(([k, v]) => [k, lit(v)]));
  const num = (d: string) => `TRY_CAST(replace(${d}, ',', '.') AS DOUBLE)`;
  const perDimension = dims.map((d) => {
    const col = d === "total" ? "nilai" : d;
    return `SELECT metode, nip, nama, kode_instansi, kode_unit, nama_unit, sisi, ${
      lit(d)
    } AS dimensi,
      r_${col} AS resmi, h_${col} AS hitungan, pendidikan, jp_dihitung, predikat_dipakai, hukdis_berlaku
    FROM pasangan`;
  }).join("\n  UNION ALL ");
  return `
WITH hitung AS (
  SELECT metode, nip, nama, kode_instansi, kode_unit, nama_unit, pendidikan, jp_dihitung,
    predikat_dipakai, hukdis_berlaku, kualifikasi, kompetensi, kinerja, disiplin, nilai
  FROM skor WHERE metode <> ${lit(RESMI)}
),
resmi_semua AS (
  SELECT nip, nama, kode_instansi, kode_unit, nama_unit, kualifikasi, kompetensi, kinerja, disiplin,
    kualifikasi + kompetensi + kinerja + disiplin AS nilai
  FROM resmi
  UNION ALL
  -- Official rows for a NIP pegawai lacks: quarantined from the aggregates, listed here.
  SELECT nip, nama, instansi_final, kode_unit, nama_unit, ${DIMENSI.map(num).join(", ")},
    ${DIMENSI.map(num).join(" + ")}
  FROM resmi_lolos WHERE ke = 1 AND tanpa_pegawai
),
orang AS (
  SELECT m.metode, r.nip FROM (SELECT DISTINCT metode FROM hitung) m CROSS JOIN resmi_semua r
  UNION
  SELECT metode, nip FROM hitung
),
pasangan AS (
  SELECT o.metode, o.nip, coalesce(h.nama, r.nama) AS nama,
    coalesce(h.kode_instansi, r.kode_instansi) AS kode_instansi,
    coalesce(h.kode_unit, r.kode_unit) AS kode_unit, coalesce(h.nama_unit, r.nama_unit) AS nama_unit,
    CASE WHEN h.nip IS NULL THEN 'hanya_resmi' WHEN r.nip IS NULL THEN 'hanya_hitungan' ELSE 'keduanya' END AS sisi,
    h.pendidikan, h.jp_dihitung, h.predikat_dipakai, h.hukdis_berlaku,
    ${
    ["kualifikasi", "kompetensi", "kinerja", "disiplin", "nilai"].map((c) =>
      `r.${c} AS r_${c}, h.${c} AS h_${c}`
    ).join(", ")
  }
  FROM orang o LEFT JOIN hitung h USING (metode, nip) LEFT JOIN resmi_semua r USING (nip)
)
SELECT ${lit(periode)} AS periode, metode, nip, nama, kode_instansi, kode_unit, nama_unit, dimensi,
  resmi, hitungan, hitungan - resmi AS selisih, sisi,
  CASE WHEN hitungan - resmi > 0.005 THEN ${cause}
       WHEN hitungan - resmi < -0.005 THEN ${lit(SEBAB_LOKAL)} END AS sebab,
  pendidikan, jp_dihitung, predikat_dipakai, hukdis_berlaku
FROM (${perDimension})`;
}

/**
 * Per instansi, computed method and dimension: how many ASN differ from BKN's value and by how
 * much on average (over the ASN on both sides), and how many are on one side only. Aggregates of
 * `selisih_asn`; the site suppresses small cells.
 */
export const selisihInstansiSql = `
SELECT periode, metode, kode_instansi, dimensi,
  count(*) FILTER (WHERE sisi = 'keduanya') AS n_asn,
  count(*) FILTER (WHERE sisi = 'keduanya' AND abs(selisih) > 0.005) AS n_beda,
  avg(selisih) FILTER (WHERE sisi = 'keduanya') AS selisih_rata,
  count(*) FILTER (WHERE sisi = 'hanya_resmi') AS n_hanya_resmi,
  count(*) FILTER (WHERE sisi = 'hanya_hitungan') AS n_hanya_hitungan
FROM selisih_asn GROUP BY ALL`;

/**
 * The fixes a plan on official values can count on, as interventions of the method `resmi`: where
 * a computed value is above the official one, correcting SIASN's record to the local one (exactly
 * that difference); for an ASN with no computed counterpart, the gap to the maximum of kompetensi,
 * kinerja and disiplin (an upper bound: what development, an SKP or an expired punishment could
 * add; kualifikasi cannot rise past the education a person holds, so it is left out).
 */
export const RESMI_INTERVENSI = [
  {
    id: "resmi:kualifikasi",
    dimensi: "kualifikasi",
    label: "Pendidikan di SIASN diperbarui sesuai data lokal",
  },
  {
    id: "resmi:kompetensi",
    dimensi: "kompetensi",
    label: "Pelatihan dicatat di SIASN sesuai data lokal",
  },
  { id: "resmi:kinerja", dimensi: "kinerja", label: "SKP di SIASN disesuaikan dengan data lokal" },
  {
    id: "resmi:disiplin",
    dimensi: "disiplin",
    label: "Hukuman disiplin di SIASN disesuaikan dengan data lokal",
  },
  {
    id: "resmi:kompetensi:maks",
    dimensi: "kompetensi",
    label: "Kompetensi sampai maksimum (batas atas; ASN tanpa data lokal)",
  },
  {
    id: "resmi:kinerja:maks",
    dimensi: "kinerja",
    label: "SKP dengan predikat tertinggi (batas atas; ASN tanpa data lokal)",
  },
  {
    id: "resmi:disiplin:maks",
    dimensi: "disiplin",
    label: "Tanpa hukuman disiplin (ASN tanpa data lokal)",
  },
] as const;

/** Per-ASN gains on official values (see RESMI_INTERVENSI), shaped like `peluang`'s rows. */
export function resmiGainSql(
  baku: string | null,
  maks: Record<(typeof DIMENSI)[number], number>,
): string {
  const cols = "periode, nip, nama, kode_instansi, kode_unit, nama_unit";
  const computed = baku
    ? `SELECT ${cols}, 'resmi:' || dimensi AS intervensi, selisih AS poin FROM selisih_asn
       WHERE metode = ${lit(baku)} AND sisi = 'keduanya' AND dimensi <> 'total' AND selisih > 1e-9`
    : `SELECT ${cols}, NULL AS intervensi, NULL::DOUBLE AS poin FROM selisih_asn WHERE FALSE`;
  const own = baku ? `SELECT nip FROM skor WHERE metode = ${lit(baku)}` : "SELECT NULL WHERE FALSE";
  const upTo = (["kompetensi", "kinerja", "disiplin"] as const).map((d) =>
    `SELECT periode, nip, nama, kode_instansi, kode_unit, nama_unit, ${lit(`resmi:${d}:maks`)},
       ${lit(maks[d])} - ${d} FROM skor
     WHERE metode = ${lit(RESMI)} AND ${d} < ${lit(maks[d])} AND nip NOT IN (${own})`
  ).join(" UNION ALL ");
  return `SELECT periode, ${lit(RESMI)} AS metode, nip, nama, kode_instansi, kode_unit, nama_unit,
    NULL::VARCHAR AS jenis_jabatan, NULL::VARCHAR AS nama_jabatan, intervensi, NULL::VARCHAR AS asumsi,
    CAST(poin AS DOUBLE) AS poin
  FROM (${computed} UNION ALL ${upTo}) g(periode, nip, nama, kode_instansi, kode_unit, nama_unit, intervensi, poin)`;
}
