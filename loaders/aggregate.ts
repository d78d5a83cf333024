/**
 * Aggregation: from the per-ASN `skor` table of one period (all profiles) to unit kerja, instansi,
 * province and Kantor Regional. Every level is the unweighted mean over its counted ASN, so the
 * four dimension means add up to the total at every level.
 */
import { lit } from "./duck.ts";
import type { MethodProfile } from "./method.ts";
import { categorySql } from "./score.ts";

export function slug(name: string): string {
  return name.toLowerCase().normalize("NFD").replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
}

export function categoryNames(profiles: MethodProfile[]): string[] {
  return [...new Set(profiles.flatMap((p) => p.kategori.batas.map((b) => b.nama)))];
}

/** Measures shared by every level, over the ASN rows of a group. */
function measures(categories: string[], profiles: MethodProfile[]): string {
  return `count(*) AS n_asn,
    count(*) FILTER (WHERE jenis_pegawai = 'PNS') AS n_pns,
    count(*) FILTER (WHERE jenis_pegawai = 'PPPK') AS n_pppk,
    avg(kualifikasi) AS kualifikasi, avg(kompetensi) AS kompetensi, avg(kinerja) AS kinerja, avg(disiplin) AS disiplin,
    avg(nilai) AS nilai,
    ${categoryByMethod(profiles, "avg(nilai)")} AS kategori,
    ${
    categories.map((c) => `count(*) FILTER (WHERE kategori = ${lit(c)}) AS asn_${slug(c)}`).join(
      ",\n    ",
    )
  },
    avg(CAST(pendidikan_kosong AS DOUBLE)) AS share_pendidikan_kosong,
    avg(CAST(skp_kosong AS DOUBLE)) AS share_skp_kosong,
    avg(CAST(pengembangan_kosong AS DOUBLE)) AS share_pengembangan_kosong,
    avg(CAST(NOT (pendidikan_kosong OR skp_kosong OR pengembangan_kosong) AS DOUBLE)) AS share_data_lengkap,
    avg(potensi_kualifikasi) AS potensi_kualifikasi, avg(potensi_kompetensi) AS potensi_kompetensi,
    avg(potensi_kinerja) AS potensi_kinerja, avg(potensi_disiplin) AS potensi_disiplin`;
}

function categoryByMethod(profiles: MethodProfile[], value: string): string {
  return `CASE metode ${
    profiles.map((p) => `WHEN ${lit(p.id)} THEN ${categorySql(p, value)}`).join(" ")
  } END`;
}

/** SQL statements creating agg_unit, agg_instansi, agg_provinsi and agg_kanreg from `skor` and `ref_wilayah`. */
export function aggregateSql(profiles: MethodProfile[], defaultId: string | undefined): string {
  const categories = categoryNames(profiles);
  const m = measures(categories, profiles);
  const baku = `metode = ${lit(defaultId ?? "")} AS metode_baku`;
  const instansiCounts = categories.map((c) =>
    `count(*) FILTER (WHERE i.kategori = ${lit(c)}) AS instansi_${slug(c)}`
  ).join(", ");
  return `
-- A view, not a copy: every level reads skor once through a join with the small region table.
CREATE OR REPLACE VIEW skor_wilayah AS
  SELECT s.*, r.kode_provinsi FROM skor s JOIN ref_wilayah r USING (kode_instansi);

CREATE OR REPLACE TABLE agg_unit AS
  SELECT periode, metode, ${baku}, kode_instansi, kode_unit, min(nama_unit) AS nama_unit, ${m}
  FROM skor_wilayah GROUP BY periode, metode, kode_instansi, kode_unit;

CREATE OR REPLACE TABLE agg_instansi AS
  SELECT periode, metode, ${baku}, kode_instansi, any_value(kode_provinsi) AS kode_provinsi, ${m}
  FROM skor_wilayah GROUP BY periode, metode, kode_instansi;

CREATE OR REPLACE TABLE agg_provinsi AS
  SELECT periode, metode, ${baku}, kode_provinsi, ${m}
  FROM skor_wilayah GROUP BY periode, metode, kode_provinsi;

CREATE OR REPLACE TABLE agg_kanreg AS
  SELECT periode, metode, ${baku}, ${m}
  FROM skor_wilayah GROUP BY periode, metode;

-- Ranks: unrounded mean, descending; ties broken by code.
CREATE OR REPLACE TABLE agg_instansi AS
  SELECT *,
    row_number() OVER (PARTITION BY periode, metode ORDER BY nilai DESC, kode_instansi) AS peringkat,
    count(*) OVER (PARTITION BY periode, metode) AS jumlah_instansi,
    row_number() OVER (PARTITION BY periode, metode, kode_provinsi ORDER BY nilai DESC, kode_instansi) AS peringkat_provinsi
  FROM agg_instansi;
CREATE OR REPLACE TABLE agg_unit AS
  SELECT *, row_number() OVER (PARTITION BY periode, metode, kode_instansi ORDER BY nilai DESC, kode_unit) AS peringkat_instansi
  FROM agg_unit;
CREATE OR REPLACE TABLE agg_provinsi AS
  SELECT a.*, ${instansiCounts}, count(i.kode_instansi) AS jumlah_instansi
  FROM agg_provinsi a JOIN agg_instansi i USING (periode, metode, kode_provinsi)
  GROUP BY ALL;
CREATE OR REPLACE TABLE agg_kanreg AS
  SELECT a.*, ${instansiCounts}, count(i.kode_instansi) AS jumlah_instansi
  FROM agg_kanreg a JOIN agg_instansi i USING (periode, metode)
  GROUP BY ALL;
DROP VIEW skor_wilayah;
`;
}
