/**
 * Aggregation: from the per-ASN scores of one period (all profiles) to unit kerja, instansi,
 * province and Kantor Regional. Every level is the unweighted mean over its counted ASN, so the
 * four dimension means add up to the total at every level.
 */
import { caseMap, lit } from "../duck.ts";
import { DIMENSI as DIMENSIONS, slug } from "../../src/kosakata.ts";
import type { MethodProfile } from "./method.ts";
import { categorySql } from "./score.ts";
import { componentSql } from "./rekonsiliasi.ts";

export { slug };

export function categoryNames(profiles: MethodProfile[]): string[] {
  return [...new Set(profiles.flatMap((p) => p.kategori.batas.map((b) => b.nama)))];
}

const FLAGS = ["pendidikan_kosong", "skp_kosong", "pengembangan_kosong"];

/**
 * Sums over the ASN rows of a unit kerja, from which every level's means are rolled up: each
 * column's name and aggregate, and whether it counts ASN.
 */
function unitSums(categories: string[]): { name: string; sql: string; count: boolean }[] {
  const count = (name: string, where?: string) => ({
    name,
    sql: where ? `count(*) FILTER (WHERE ${where})` : "count(*)",
    count: true,
  });
  // A count whose condition is one of jumlah_rinci's group keys: the group's count or none, not
  // a filtered count per row.
  const countByKey = (name: string, key: string) => ({
    name,
    sql: `CASE WHEN ${key} THEN count(*) ELSE 0 END`,
    count: true,
  });
  const sum = (name: string, of = name) => ({ name, sql: `sum(${of})`, count: false });
  return [
    count("n_asn"),
    countByKey("n_pns", "jenis_pegawai = 'PNS'"),
    countByKey("n_pppk", "jenis_pegawai = 'PPPK'"),
    ...[...DIMENSIONS, "nilai"].map((d) => sum(d)),
    ...categories.map((c) => count(`asn_${slug(c)}`, `kategori = ${lit(c)}`)),
    ...FLAGS.map((f) => count(f, f)),
    countByKey("data_lengkap", "lengkap"),
    ...DIMENSIONS.map((d) => sum(`potensi_${d}`)),
  ];
}

/**
 * The unit sums rolled up from finer sums. Points in halves keep a sum exact whatever the order of
 * addition; a count is cast back to the BIGINT that count(*) gives.
 */
function rolledUp(categories: string[]): string {
  return unitSums(categories).map((c) =>
    c.count ? `CAST(sum(${c.name}) AS BIGINT) AS ${c.name}` : `sum(${c.name}) AS ${c.name}`
  ).join(",\n      ");
}

/**
 * Measures shared by every level, over the unit sums of a group: means over its ASN. Points in
 * halves (both shipped profiles) make every sum exact, so a rolled-up mean is bit for bit the mean
 * over the ASN rows; other points differ from it by rounding error only.
 */
function measures(categories: string[], profiles: MethodProfile[]): string {
  const mean = (x: string) => `sum(${x}) / sum(n_asn)`;
  return [
    ...["n_asn", "n_pns", "n_pppk"].map((n) => `CAST(sum(${n}) AS BIGINT) AS ${n}`),
    ...[...DIMENSIONS, "nilai"].map((d) => `${mean(d)} AS ${d}`),
    `${categoryByMethod(profiles, mean("nilai"))} AS kategori`,
    ...categories.map((c) => `CAST(sum(asn_${slug(c)}) AS BIGINT) AS asn_${slug(c)}`),
    ...[...FLAGS, "data_lengkap"].map((f) => `${mean(f)} AS share_${f}`),
    ...DIMENSIONS.map((d) => `${mean(`potensi_${d}`)} AS potensi_${d}`),
  ].join(",\n    ");
}

function categoryByMethod(profiles: MethodProfile[], value: string): string {
  return caseMap("metode", profiles.map((p) => [p.id, categorySql(p, value)]));
}

/**
 * The statements creating agg_unit, agg_instansi, agg_provinsi, agg_kanreg and
 * komponen_instansi from `source` (every scored ASN with `luar`, true for those the profile does
 * not count: the `skor_semua` view) and `ref_wilayah`, in order. The scores are read once, into
 * sums per unit kerja, jenis pegawai, completeness and `luar` (`jumlah_rinci`): the levels are
 * rolled up from its counted rows, the reconciliation components from all of them (nationally
 * the second read of nine profiles' scores cost 3.5 s). Ranks use the unrounded mean,
 * descending, ties broken by code.
 */
export function aggregateSql(
  profiles: MethodProfile[],
  defaultId: string | undefined,
  categories = categoryNames(profiles),
  source = "skor_semua",
): string[] {
  const m = measures(categories, profiles);
  const baku = `metode = ${lit(defaultId ?? "")} AS metode_baku`;
  const instansiCounts = categories.map((c) =>
    `count(*) FILTER (WHERE i.kategori = ${lit(c)}) AS instansi_${slug(c)}`
  ).join(", ");
  return [
    `CREATE OR REPLACE TEMP TABLE jumlah_rinci AS
  SELECT periode, metode, kode_instansi, kode_unit, jenis_pegawai,
    NOT (${FLAGS.join(" OR ")}) AS lengkap, luar, min(nama_unit) AS nama_unit, ${
      unitSums(categories).map((c) => `${c.sql} AS ${c.name}`).join(",\n    ")
    }
  FROM ${source}
  GROUP BY periode, metode, kode_instansi, kode_unit, jenis_pegawai, lengkap, luar`,
    `CREATE OR REPLACE TEMP TABLE jumlah_unit AS
  SELECT u.*, r.kode_provinsi FROM (
    SELECT periode, metode, kode_instansi, kode_unit, min(nama_unit) AS nama_unit, ${
      rolledUp(categories)
    }
    FROM jumlah_rinci WHERE NOT luar GROUP BY periode, metode, kode_instansi, kode_unit
  ) u JOIN ref_wilayah r USING (kode_instansi)`,
    `CREATE OR REPLACE TABLE komponen_instansi AS ${componentSql("jumlah_rinci")}`,
    `CREATE OR REPLACE TABLE agg_unit AS
  SELECT periode, metode, ${baku}, kode_instansi, kode_unit, any_value(nama_unit) AS nama_unit, ${m}
  FROM jumlah_unit GROUP BY periode, metode, kode_instansi, kode_unit`,
    `CREATE OR REPLACE TABLE agg_instansi AS
  SELECT periode, metode, ${baku}, kode_instansi, any_value(kode_provinsi) AS kode_provinsi, ${m}
  FROM jumlah_unit GROUP BY periode, metode, kode_instansi`,
    `CREATE OR REPLACE TABLE agg_provinsi AS
  SELECT periode, metode, ${baku}, kode_provinsi, ${m}
  FROM jumlah_unit GROUP BY periode, metode, kode_provinsi`,
    `CREATE OR REPLACE TABLE agg_kanreg AS
  SELECT periode, metode, ${baku}, ${m}
  FROM jumlah_unit GROUP BY periode, metode`,
    `CREATE OR REPLACE TABLE agg_instansi AS
  SELECT *,
    row_number() OVER (PARTITION BY periode, metode ORDER BY nilai DESC, kode_instansi) AS peringkat,
    count(*) OVER (PARTITION BY periode, metode) AS jumlah_instansi,
    row_number() OVER (PARTITION BY periode, metode, kode_provinsi ORDER BY nilai DESC, kode_instansi) AS peringkat_provinsi
  FROM agg_instansi`,
    `CREATE OR REPLACE TABLE agg_unit AS
  SELECT *, row_number() OVER (PARTITION BY periode, metode, kode_instansi ORDER BY nilai DESC, kode_unit) AS peringkat_instansi
  FROM agg_unit`,
    `CREATE OR REPLACE TABLE agg_provinsi AS
  SELECT a.*, ${instansiCounts}, count(i.kode_instansi) AS jumlah_instansi
  FROM agg_provinsi a JOIN agg_instansi i USING (periode, metode, kode_provinsi)
  GROUP BY ALL`,
    `CREATE OR REPLACE TABLE agg_kanreg AS
  SELECT a.*, ${instansiCounts}, count(i.kode_instansi) AS jumlah_instansi
  FROM agg_kanreg a JOIN agg_instansi i USING (periode, metode)
  GROUP BY ALL`,
    "DROP TABLE jumlah_unit; DROP TABLE jumlah_rinci",
  ];
}
