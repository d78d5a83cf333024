-- bkn-2024-kategori-lebih-dari 1.0.0, period 2024-Q3: facts, score, category of a value, gains

CREATE OR REPLACE TEMP TABLE fakta_diklat AS SELECT nip_kunci,
  sum(d.jp) FILTER (WHERE d.tanggal BETWEEN DATE '2024-01-01' AND DATE '2024-09-30') AS jp_jendela,
  count(*) FILTER (WHERE d.tanggal BETWEEN DATE '2024-01-01' AND DATE '2024-09-30') AS n_pengembangan_jendela,
  sum(d.jp) FILTER (WHERE d.tanggal BETWEEN DATE '2024-01-01' AND DATE '2024-09-30') AS "jp__pengembangan#963c6820"
FROM diklat d GROUP BY nip_kunci;

CREATE OR REPLACE TEMP TABLE fakta_skp AS SELECT nip_kunci,
  arg_max(predikat, tahun) FILTER (WHERE predikat IS NOT NULL AND tahun BETWEEN 2023 AND 2024) AS "predikat#1a348fb6",
  max(tahun) FILTER (WHERE predikat IS NOT NULL AND tahun BETWEEN 2023 AND 2024) AS "tahun_skp#34cc3df1"
FROM kinerja d GROUP BY nip_kunci;

CREATE OR REPLACE TEMP TABLE fakta_hukdis AS SELECT nip_kunci,
  max(CASE tingkat WHEN 'BERAT' THEN 3 WHEN 'SEDANG' THEN 2 WHEN 'RINGAN' THEN 1 END) FILTER (WHERE tmt <= DATE '2024-09-30' AND coalesce(akhir, make_date(year(tmt), 12, 31)) >= DATE '2024-01-01') AS "tingkat_berlaku#51c62d88"
FROM hukdis d GROUP BY nip_kunci;

CREATE OR REPLACE TABLE fakta_asn AS
SELECT p.*, t.* EXCLUDE (nip_kunci), s.* EXCLUDE (nip_kunci), h.* EXCLUDE (nip_kunci)
FROM pegawai p
LEFT JOIN fakta_diklat t USING (nip_kunci)
LEFT JOIN fakta_skp s USING (nip_kunci)
LEFT JOIN fakta_hukdis h USING (nip_kunci);

DROP TABLE fakta_diklat; DROP TABLE fakta_skp; DROP TABLE fakta_hukdis;

SELECT
  '2024-Q3' AS periode, 'bkn-2024-kategori-lebih-dari' AS metode,
  nip, nama, jenis_pegawai, kode_instansi, kode_unit,
  nama_unit, jenis_jabatan, nama_jabatan, pendidikan,
  kualifikasi, kompetensi, kinerja, disiplin,
  kualifikasi + kompetensi + kinerja + disiplin AS nilai,
  (CASE WHEN kualifikasi + kompetensi + kinerja + disiplin > 90 THEN 'Sangat Tinggi' WHEN kualifikasi + kompetensi + kinerja + disiplin > 80 THEN 'Tinggi' WHEN kualifikasi + kompetensi + kinerja + disiplin > 70 THEN 'Sedang' WHEN kualifikasi + kompetensi + kinerja + disiplin > 60 THEN 'Rendah' ELSE 'Sangat Rendah' END) AS kategori,
  jp_jendela, jp_dihitung, level_kepemimpinan, diklat_fungsional_ada, dikecualikan_fungsional,
  predikat_dipakai, tahun_skp,
  CASE tingkat_berlaku WHEN 3 THEN 'BERAT' WHEN 2 THEN 'SEDANG' WHEN 1 THEN 'RINGAN' END AS hukdis_berlaku,
  CAST(NULL AS MAP(VARCHAR, DOUBLE)) AS kompetensi_rincian,
  pendidikan IS NULL AS pendidikan_kosong,
  predikat_dipakai IS NULL AS skp_kosong,
  pengembangan_kosong,
  CASE WHEN kualifikasi = 0 THEN 25 ELSE 0 END AS potensi_kualifikasi,
  potensi_kompetensi,
  CASE WHEN kinerja = 0 THEN 30 ELSE 0 END AS potensi_kinerja,
  CASE WHEN disiplin = 0 THEN 5 ELSE 0 END AS potensi_disiplin,
  komponen_1, komponen_2
FROM (
WITH
counted AS (
  SELECT p.*, p."jp__pengembangan#963c6820" AS "jp__pengembangan",
    p."predikat#1a348fb6" AS "predikat",
    p."tahun_skp#34cc3df1" AS "tahun_skp",
    p."tingkat_berlaku#51c62d88" AS "tingkat_berlaku"
  FROM fakta_asn p WHERE list_contains(['PNS', 'PPPK'], p.jenis_pegawai)
),
item_scores AS (
  SELECT p.*,
    coalesce(p."jp__pengembangan", 0) AS jp_dihitung,
    NULL AS level_kepemimpinan,
    NULL AS diklat_fungsional_ada,
    NULL AS dikecualikan_fungsional,
    CAST((CASE p.pendidikan WHEN 'S3' THEN 25 WHEN 'S2' THEN 20 WHEN 'S1' THEN 15 WHEN 'D4' THEN 15 WHEN 'D3' THEN 10 WHEN 'D2' THEN 5 WHEN 'D1' THEN 5 WHEN 'SLTA' THEN 5 WHEN 'SLTP' THEN 1 WHEN 'SD' THEN 1 ELSE 0 END) AS DOUBLE) AS kualifikasi,
    CAST(least(40, coalesce(CASE p."predikat" WHEN 'SANGAT_BAIK' THEN 25 WHEN 'BAIK' THEN 20 WHEN 'CUKUP' THEN 15 WHEN 'BUTUH_PERBAIKAN' THEN 15 WHEN 'KURANG' THEN 10 WHEN 'SANGAT_KURANG' THEN 5 WHEN 'BURUK' THEN 5 ELSE NULL END, 0) + (CASE WHEN coalesce(p."jp__pengembangan", 0) >= 20 THEN 15 ELSE 0 END)) AS DOUBLE) AS kompetensi,
    CAST(least(40, (CASE WHEN coalesce(CASE p."predikat" WHEN 'SANGAT_BAIK' THEN 25 WHEN 'BAIK' THEN 20 WHEN 'CUKUP' THEN 15 WHEN 'BUTUH_PERBAIKAN' THEN 15 WHEN 'KURANG' THEN 10 WHEN 'SANGAT_KURANG' THEN 5 WHEN 'BURUK' THEN 5 ELSE NULL END, 0) = 0 THEN 25 ELSE coalesce(CASE p."predikat" WHEN 'SANGAT_BAIK' THEN 25 WHEN 'BAIK' THEN 20 WHEN 'CUKUP' THEN 15 WHEN 'BUTUH_PERBAIKAN' THEN 15 WHEN 'KURANG' THEN 10 WHEN 'SANGAT_KURANG' THEN 5 WHEN 'BURUK' THEN 5 ELSE NULL END, 0) END) + (CASE WHEN (CASE WHEN coalesce(p."jp__pengembangan", 0) >= 20 THEN 15 ELSE 0 END) = 0 THEN 15 ELSE (CASE WHEN coalesce(p."jp__pengembangan", 0) >= 20 THEN 15 ELSE 0 END) END)) AS DOUBLE) AS kompetensi_terisi,
    CAST(coalesce(CASE p."predikat" WHEN 'SANGAT_BAIK' THEN 25 WHEN 'BAIK' THEN 20 WHEN 'CUKUP' THEN 15 WHEN 'BUTUH_PERBAIKAN' THEN 15 WHEN 'KURANG' THEN 10 WHEN 'SANGAT_KURANG' THEN 5 WHEN 'BURUK' THEN 5 ELSE NULL END, 0) AS DOUBLE) AS komponen_1, CAST((CASE WHEN coalesce(p."jp__pengembangan", 0) >= 20 THEN 15 ELSE 0 END) AS DOUBLE) AS komponen_2,
    CAST((CASE p."predikat" WHEN 'SANGAT_BAIK' THEN 30 WHEN 'BAIK' THEN 25 WHEN 'BUTUH_PERBAIKAN' THEN 20 WHEN 'CUKUP' THEN 20 WHEN 'KURANG' THEN 15 WHEN 'SANGAT_KURANG' THEN 10 WHEN 'BURUK' THEN 10 ELSE 0 END) AS DOUBLE) AS kinerja,
    CAST(CASE p."tingkat_berlaku" WHEN 3 THEN 0 WHEN 2 THEN 2 WHEN 1 THEN 3 ELSE 5 END AS DOUBLE) AS disiplin
  FROM counted p
)
SELECT
  nip, nama, jenis_pegawai, kode_instansi, kode_unit, nama_unit, jenis_jabatan, nama_jabatan, pendidikan,
  kualifikasi, kompetensi, kinerja, disiplin,
  coalesce(jp_jendela, 0) AS jp_jendela, jp_dihitung, level_kepemimpinan, diklat_fungsional_ada, dikecualikan_fungsional,
  predikat AS predikat_dipakai, tahun_skp, tingkat_berlaku,
  coalesce(n_pengembangan_jendela, 0) = 0 AS pengembangan_kosong,
  kompetensi_terisi - kompetensi AS potensi_kompetensi,
  komponen_1, komponen_2
FROM item_scores);

(CASE WHEN v > 90 THEN 'Sangat Tinggi' WHEN v > 80 THEN 'Tinggi' WHEN v > 70 THEN 'Sedang' WHEN v > 60 THEN 'Rendah' ELSE 'Sangat Rendah' END);

WITH
s AS NOT MATERIALIZED (SELECT * FROM skor WHERE metode = 'bkn-2024-kategori-lebih-dari'),
modus_skp AS (
  SELECT kode_instansi, predikat FROM (
    SELECT kode_instansi, predikat_dipakai AS predikat,
      row_number() OVER (PARTITION BY kode_instansi ORDER BY count(*) DESC, predikat_dipakai) AS r
    FROM s WHERE predikat_dipakai IS NOT NULL GROUP BY kode_instansi, predikat_dipakai
  ) WHERE r = 1
),
modus_pendidikan AS (
  SELECT kode_instansi, jenis_jabatan, pendidikan FROM (
    SELECT kode_instansi, jenis_jabatan, pendidikan,
      row_number() OVER (PARTITION BY kode_instansi, jenis_jabatan ORDER BY count(*) DESC, pendidikan) AS r
    FROM s WHERE pendidikan IS NOT NULL GROUP BY kode_instansi, jenis_jabatan, pendidikan
  ) WHERE r = 1
),
modus_pendidikan_instansi AS (
  SELECT kode_instansi, pendidikan FROM (
    SELECT kode_instansi, pendidikan,
      row_number() OVER (PARTITION BY kode_instansi ORDER BY count(*) DESC, pendidikan) AS r
    FROM s WHERE pendidikan IS NOT NULL GROUP BY kode_instansi, pendidikan
  ) WHERE r = 1
),
per_asn AS (
  SELECT p.periode, p.metode, p.nip, p.nama, p.kode_instansi, p.kode_unit, p.nama_unit, p.jenis_jabatan, p.nama_jabatan,
    CASE WHEN p.skp_kosong AND m.predikat IS NOT NULL THEN (CASE m.predikat WHEN 'SANGAT_BAIK' THEN 30 WHEN 'BAIK' THEN 25 WHEN 'BUTUH_PERBAIKAN' THEN 20 WHEN 'CUKUP' THEN 20 WHEN 'KURANG' THEN 15 WHEN 'SANGAT_KURANG' THEN 10 WHEN 'BURUK' THEN 10 ELSE 0 END) - p.kinerja + least(40, p.kompetensi + coalesce(CASE m.predikat WHEN 'SANGAT_BAIK' THEN 25 WHEN 'BAIK' THEN 20 WHEN 'CUKUP' THEN 15 WHEN 'BUTUH_PERBAIKAN' THEN 15 WHEN 'KURANG' THEN 10 WHEN 'SANGAT_KURANG' THEN 5 WHEN 'BURUK' THEN 5 ELSE NULL END, 0) - coalesce(p.komponen_1, 0)) - p.kompetensi END AS g_0,
    CASE WHEN p.pendidikan_kosong AND coalesce(mj.pendidikan, mi.pendidikan) IS NOT NULL THEN (CASE coalesce(mj.pendidikan, mi.pendidikan) WHEN 'S3' THEN 25 WHEN 'S2' THEN 20 WHEN 'S1' THEN 15 WHEN 'D4' THEN 15 WHEN 'D3' THEN 10 WHEN 'D2' THEN 5 WHEN 'D1' THEN 5 WHEN 'SLTA' THEN 5 WHEN 'SLTP' THEN 1 WHEN 'SD' THEN 1 ELSE 0 END) - p.kualifikasi END AS g_1,
    least(40, p.kompetensi + 15 - coalesce(p.komponen_2, 0)) - p.kompetensi AS g_2,
    CASE WHEN p.hukdis_berlaku IS NOT NULL THEN 5 - p.disiplin END AS g_3,
    m.predikat AS a_0,
    coalesce(mj.pendidikan, mi.pendidikan) AS a_1,
    NULL AS a_2,
    NULL AS a_3
  FROM s p
  LEFT JOIN modus_skp m USING (kode_instansi)
  LEFT JOIN modus_pendidikan mj USING (kode_instansi, jenis_jabatan)
  LEFT JOIN modus_pendidikan_instansi mi USING (kode_instansi)
)
SELECT * FROM (
  SELECT periode, metode, nip, nama, kode_instansi, kode_unit, nama_unit, jenis_jabatan, nama_jabatan, unnest(['skp', 'pendidikan', 'kompetensi:pengembangan', 'disiplin']) AS intervensi,
    unnest([a_0, a_1, a_2, a_3]) AS asumsi, CAST(unnest([g_0, g_1, g_2, g_3]) AS DOUBLE) AS poin
  FROM per_asn
) WHERE poin > 1e-9;

WITH
s AS NOT MATERIALIZED (SELECT * FROM skor WHERE metode = 'bkn-2024-kategori-lebih-dari'),
modus_skp AS (
  SELECT kode_instansi, predikat FROM (
    SELECT kode_instansi, predikat_dipakai AS predikat,
      row_number() OVER (PARTITION BY kode_instansi ORDER BY count(*) DESC, predikat_dipakai) AS r
    FROM s WHERE predikat_dipakai IS NOT NULL GROUP BY kode_instansi, predikat_dipakai
  ) WHERE r = 1
),
modus_pendidikan AS (
  SELECT kode_instansi, jenis_jabatan, pendidikan FROM (
    SELECT kode_instansi, jenis_jabatan, pendidikan,
      row_number() OVER (PARTITION BY kode_instansi, jenis_jabatan ORDER BY count(*) DESC, pendidikan) AS r
    FROM s WHERE pendidikan IS NOT NULL GROUP BY kode_instansi, jenis_jabatan, pendidikan
  ) WHERE r = 1
),
modus_pendidikan_instansi AS (
  SELECT kode_instansi, pendidikan FROM (
    SELECT kode_instansi, pendidikan,
      row_number() OVER (PARTITION BY kode_instansi ORDER BY count(*) DESC, pendidikan) AS r
    FROM s WHERE pendidikan IS NOT NULL GROUP BY kode_instansi, pendidikan
  ) WHERE r = 1
),
per_asn AS (
  SELECT p.periode, p.metode, p.kode_instansi, p.kode_unit,
    CASE WHEN p.skp_kosong AND m.predikat IS NOT NULL THEN (CASE m.predikat WHEN 'SANGAT_BAIK' THEN 30 WHEN 'BAIK' THEN 25 WHEN 'BUTUH_PERBAIKAN' THEN 20 WHEN 'CUKUP' THEN 20 WHEN 'KURANG' THEN 15 WHEN 'SANGAT_KURANG' THEN 10 WHEN 'BURUK' THEN 10 ELSE 0 END) - p.kinerja + least(40, p.kompetensi + coalesce(CASE m.predikat WHEN 'SANGAT_BAIK' THEN 25 WHEN 'BAIK' THEN 20 WHEN 'CUKUP' THEN 15 WHEN 'BUTUH_PERBAIKAN' THEN 15 WHEN 'KURANG' THEN 10 WHEN 'SANGAT_KURANG' THEN 5 WHEN 'BURUK' THEN 5 ELSE NULL END, 0) - coalesce(p.komponen_1, 0)) - p.kompetensi END AS g_0,
    CASE WHEN p.pendidikan_kosong AND coalesce(mj.pendidikan, mi.pendidikan) IS NOT NULL THEN (CASE coalesce(mj.pendidikan, mi.pendidikan) WHEN 'S3' THEN 25 WHEN 'S2' THEN 20 WHEN 'S1' THEN 15 WHEN 'D4' THEN 15 WHEN 'D3' THEN 10 WHEN 'D2' THEN 5 WHEN 'D1' THEN 5 WHEN 'SLTA' THEN 5 WHEN 'SLTP' THEN 1 WHEN 'SD' THEN 1 ELSE 0 END) - p.kualifikasi END AS g_1,
    least(40, p.kompetensi + 15 - coalesce(p.komponen_2, 0)) - p.kompetensi AS g_2,
    CASE WHEN p.hukdis_berlaku IS NOT NULL THEN 5 - p.disiplin END AS g_3
  FROM s p
  LEFT JOIN modus_skp m USING (kode_instansi)
  LEFT JOIN modus_pendidikan mj USING (kode_instansi, jenis_jabatan)
  LEFT JOIN modus_pendidikan_instansi mi USING (kode_instansi)
),
sama AS (SELECT periode, metode, kode_instansi, kode_unit, g_0, g_1, g_2, g_3, count(*) AS n FROM per_asn GROUP BY ALL)
SELECT periode, metode, kode_instansi, kode_unit, intervensi, poin, CAST(sum(n) AS BIGINT) AS n_asn FROM (
  SELECT periode, metode, kode_instansi, kode_unit, n, unnest(['skp', 'pendidikan', 'kompetensi:pengembangan', 'disiplin']) AS intervensi,
    CAST(unnest([g_0, g_1, g_2, g_3]) AS DOUBLE) AS poin
  FROM sama
) WHERE poin > 1e-9 GROUP BY periode, metode, kode_instansi, kode_unit, intervensi, poin;

