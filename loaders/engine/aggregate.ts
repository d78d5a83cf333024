/**
 * Aggregation: from the per-ASN scores of one period (all profiles) to unit kerja, instansi,
 * province and Kantor Regional. Every level is the unweighted mean over its counted ASN, so the
 * four dimension means add up to the total at every level.
 */
import { caseMap, ident, inList, lit } from "../duck.ts";
import { DIMENSI as DIMENSIONS, slug } from "../../src/kosakata.ts";
import type { MethodProfile } from "./method.ts";
import type { Period } from "./period.ts";
import {
  categorySql,
  computable,
  factOf,
  FAKTA_ASN,
  fromDimensionsSql,
  pointsSql,
} from "./score.ts";
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

/** The SELECT of `jumlah_rinci`'s rows from `source`, rows of every scored ASN as `skor_semua`. */
export function unitSumsSql(categories: string[], source: string): string {
  return `SELECT periode, metode, kode_instansi, kode_unit, jenis_pegawai,
    NOT (${FLAGS.join(" OR ")}) AS lengkap, luar, min(nama_unit) AS nama_unit, ${
    unitSums(categories).map((c) => `${c.sql} AS ${c.name}`).join(",\n    ")
  }
  FROM ${source}
  GROUP BY periode, metode, kode_instansi, kode_unit, jenis_pegawai, lengkap, luar`;
}

/**
 * `jumlah_rinci`'s rows for `profiles`, the same as `unitSumsSql` over their branches of
 * `skor_semua`, in one pass over `fakta_asn` instead of one per profile. Each ASN's row carries
 * every profile's points and category; they are summed per unit kerja, jenis pegawai and the
 * empty records that decide completeness, then each profile's sums are taken from those, with its
 * completeness and population (`lengkap`, `luar`). A variant changes one rule, so most of its
 * columns are its default profile's, computed and summed once (an expression is a column once,
 * however many profiles read it). Nationally the nine shipped profiles' 40 M rows through one
 * hash aggregate took 13.0–14.6 s; this, 7.9–9.2 s. Points in halves keep the sums exact
 * whatever their order, as for the roll-ups.
 */
export function profileSumsSql(
  profiles: MethodProfile[],
  period: Period,
  categories: string[],
): string {
  // Every column at most once, named by its place: the same text is the same value.
  const layer = () => {
    const names = new Map<string, string>();
    const prefix = `c${layers++}_`;
    return {
      col: (expr: string) => {
        if (!names.has(expr)) names.set(expr, `${prefix}${names.size}`);
        return names.get(expr)!;
      },
      select: () => [...names].map(([expr, name]) => `${expr} AS ${name}`),
    };
  };
  let layers = 0;
  const own = layer(); // over fakta_asn: points and the empty SKP
  const derived = layer(); // over those: total, category, potentials
  const sums = layer(); // the aggregates
  const perProfile = profiles.map((p) => {
    const ref = factOf(p, period);
    const points = pointsSql(p, ref);
    const dims = {
      kualifikasi: own.col(points.kualifikasi),
      kompetensi: own.col(points.kompetensi),
      kinerja: own.col(points.kinerja),
      disiplin: own.col(points.disiplin),
    };
    const terisi = own.col(`${points.kompetensiTerisi} - ${points.kompetensi}`);
    const skpKosong = own.col(`${ref("predikat")} IS NULL`);
    const of = fromDimensionsSql(p, dims);
    const nilai = derived.col(of.nilai);
    const kategori = derived.col(of.kategori);
    const potensi = (d: "kualifikasi" | "kinerja" | "disiplin") => derived.col(of.potensi[d]);
    const bands = new Set(p.kategori.batas.map((b) => b.nama));
    return {
      p,
      skpKosong,
      sum: {
        kualifikasi: sums.col(`sum(${derived.col(dims.kualifikasi)})`),
        kompetensi: sums.col(`sum(${derived.col(dims.kompetensi)})`),
        kinerja: sums.col(`sum(${derived.col(dims.kinerja)})`),
        disiplin: sums.col(`sum(${derived.col(dims.disiplin)})`),
        nilai: sums.col(`sum(${nilai})`),
        potensi_kualifikasi: sums.col(`sum(${potensi("kualifikasi")})`),
        potensi_kompetensi: sums.col(`sum(${derived.col(terisi)})`),
        potensi_kinerja: sums.col(`sum(${potensi("kinerja")})`),
        potensi_disiplin: sums.col(`sum(${potensi("disiplin")})`),
      } as Record<string, string>,
      // count_if, not a filtered count: with some forty side by side, each filter selects the
      // rows anew (nationally 7.6–8.7 s for the sums against 4.4–6.3 s).
      kategori: new Map(
        categories.filter((c) => bands.has(c)).map((c) =>
          [c, sums.col(`count_if(${kategori} = ${lit(c)})`)] as const
        ),
      ),
    };
  });
  // The empty records that decide each profile's completeness (profiles differ in the SKP years).
  const empty = [
    "pendidikan_kosong",
    "pengembangan_kosong",
    ...new Set(perProfile.map((x) => x.skpKosong)),
  ];
  const keys = ["kode_instansi", "kode_unit", "jenis_pegawai", ...empty];
  const lebar = `SELECT ${keys.join(", ")}, min(nama_unit) AS nama_unit, count(*) AS n, ${
    sums.select().join(",\n    ")
  }
  FROM (
    SELECT ${keys.join(", ")}, nama_unit, ${derived.select().join(",\n      ")}
    FROM (
      SELECT kode_instansi, kode_unit, jenis_pegawai, nama_unit,
        p.pendidikan IS NULL AS pendidikan_kosong,
        coalesce(p.n_pengembangan_jendela, 0) = 0 AS pengembangan_kosong, ${
    own.select().join(",\n        ")
  }
      FROM ${FAKTA_ASN} p))
  GROUP BY ${keys.join(", ")}`;
  // One profile's unit sums from the rows of `lebar`, as unitSums names and types them.
  const rows = perProfile.map(({ p, skpKosong, sum, kategori }) => {
    const n = "CAST(sum(n) AS BIGINT)";
    const countWhere = (where: string) =>
      `CAST(coalesce(sum(n) FILTER (WHERE ${where}), 0) AS BIGINT)`;
    const column = (c: { name: string }) => {
      if (c.name === "n_asn") return n;
      if (c.name === "n_pns" || c.name === "n_pppk") {
        return `CASE WHEN jenis_pegawai = ${
          lit(c.name === "n_pns" ? "PNS" : "PPPK")
        } THEN ${n} ELSE 0 END`;
      }
      if (c.name === "data_lengkap") return `CASE WHEN lengkap THEN ${n} ELSE 0 END`;
      if (c.name === "skp_kosong") return countWhere(skpKosong);
      if (FLAGS.includes(c.name)) return countWhere(c.name);
      if (c.name.startsWith("asn_")) {
        const band = categories.find((k) => `asn_${slug(k)}` === c.name)!;
        return kategori.has(band)
          ? `CAST(sum(${kategori.get(band)}) AS BIGINT)`
          : "CAST(0 AS BIGINT)";
      }
      return `sum(${sum[c.name]})`;
    };
    return `SELECT ${lit(period.id)} AS periode, ${lit(p.id)} AS metode, kode_instansi, kode_unit,
    jenis_pegawai, NOT (pendidikan_kosong OR ${skpKosong} OR pengembangan_kosong) AS lengkap,
    NOT ${
      inList("jenis_pegawai", p.populasi.jenis_pegawai)
    } AS luar, min(nama_unit) AS nama_unit, ${
      unitSums(categories).map((c) => `${column(c)} AS ${ident(c.name)}`).join(",\n    ")
    }
  FROM lebar WHERE ${[...computable(p), "TRUE"].join(" AND ")}
  GROUP BY kode_instansi, kode_unit, jenis_pegawai, lengkap, luar`;
  });
  return `WITH lebar AS MATERIALIZED (${lebar})\n${rows.join("\nUNION ALL\n")}`;
}

/**
 * The statements creating agg_unit, agg_instansi, agg_provinsi, agg_kanreg and
 * komponen_instansi from `sums` (over every scored ASN with `luar`, true for those the profile
 * does not count: by default the `skor_semua` view) and `ref_wilayah`, in order. The scores are
 * read once, into sums per unit kerja, jenis pegawai, completeness and `luar` (`jumlah_rinci`):
 * the levels are rolled up from its counted rows, the reconciliation components from all of them
 * (nationally the second read of nine profiles' scores cost 3.5 s). Ranks use the unrounded
 * mean, descending, ties broken by code.
 */
export function aggregateSql(
  profiles: MethodProfile[],
  defaultId: string | undefined,
  categories = categoryNames(profiles),
  /** The SELECT of `jumlah_rinci`'s rows: by default `unitSumsSql` over `skor_semua`. */
  sums = unitSumsSql(categories, "skor_semua"),
): string[] {
  const m = measures(categories, profiles);
  const baku = `metode = ${lit(defaultId ?? "")} AS metode_baku`;
  const instansiCounts = categories.map((c) =>
    `count(*) FILTER (WHERE i.kategori = ${lit(c)}) AS instansi_${slug(c)}`
  ).join(", ");
  return [
    `CREATE OR REPLACE TEMP TABLE jumlah_rinci AS ${sums}`,
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
