-- bkn-2019-teknis-karier 1.0.0, period 2024-Q3: facts, score, category of a value, gains

CREATE OR REPLACE TEMP TABLE fakta_diklat AS SELECT nip_kunci,
  sum(d.jp) FILTER (WHERE d.tanggal BETWEEN DATE '2024-01-01' AND DATE '2024-09-30') AS jp_jendela,
  count(*) FILTER (WHERE d.tanggal BETWEEN DATE '2024-01-01' AND DATE '2024-09-30') AS n_pengembangan_jendela,
  min(CASE d.jenjang WHEN 'PIM_I' THEN 1 WHEN 'PIM_II' THEN 2 WHEN 'PIM_III' THEN 3 WHEN 'PIM_IV' THEN 4 WHEN 'PKN_I' THEN 1 WHEN 'PKN_II' THEN 2 WHEN 'PKA' THEN 3 WHEN 'PKP' THEN 4 ELSE NULL END) FILTER (WHERE d.jenis = 'STRUKTURAL' AND (d.tanggal IS NULL OR d.tanggal <= DATE '2024-09-30')) AS "level__kepemimpinan#1d524aad",
  bool_or(d.jenis = 'FUNGSIONAL' AND (d.tanggal IS NULL OR d.tanggal <= DATE '2024-09-30')) AS "ada__fungsional#414fc0cd",
  sum(d.jp) FILTER (WHERE d.tanggal <= DATE '2024-09-30' AND list_contains(['TEKNIS'], d.jenis)) AS "jp__teknis#88320089",
  sum(d.jp) FILTER (WHERE d.tanggal BETWEEN DATE '2024-01-01' AND DATE '2024-09-30' AND list_contains(['TEKNIS'], d.jenis)) AS "jp__teknis_pelaksana#29f29ec9",
  bool_or(d.tanggal BETWEEN DATE '2024-01-01' AND DATE '2024-09-30' AND list_contains(['SEMINAR', 'WORKSHOP', 'KURSUS', 'MAGANG'], d.jenis)) AS "ada__seminar#d24568da"
FROM diklat d GROUP BY nip_kunci;

CREATE OR REPLACE TEMP TABLE fakta_skp AS SELECT nip_kunci,
  arg_max(predikat, tahun) FILTER (WHERE predikat IS NOT NULL AND tahun BETWEEN 2023 AND 2024) AS "predikat#1a348fb6",
  max(tahun) FILTER (WHERE predikat IS NOT NULL AND tahun BETWEEN 2023 AND 2024) AS "tahun_skp#34cc3df1"
FROM kinerja d GROUP BY nip_kunci;

CREATE OR REPLACE TEMP TABLE fakta_hukdis AS SELECT nip_kunci,
  max(CASE tingkat WHEN 'BERAT' THEN 3 WHEN 'SEDANG' THEN 2 WHEN 'RINGAN' THEN 1 END) FILTER (WHERE tmt <= DATE '2024-09-30' AND coalesce(akhir, make_date(year(tmt), 12, 31)) >= DATE '2024-01-01') AS "tingkat_berlaku#51c62d88"
FROM hukdis d GROUP BY nip_kunci;

CREATE OR REPLACE TABLE fakta_asn AS
SELECT p.*, CASE WHEN p.jenis_jabatan = 'FUNGSIONAL' THEN coalesce(regexp_matches(lower(p.nama_jabatan), 'guru|dokter|dokter gigi|perawat|bidan|apoteker|psikolog|asesor'), FALSE) ELSE FALSE END AS "dikecualikan__fungsional#1a6ae3ea", t.* EXCLUDE (nip_kunci), s.* EXCLUDE (nip_kunci), h.* EXCLUDE (nip_kunci)
FROM pegawai p
LEFT JOIN fakta_diklat t USING (nip_kunci)
LEFT JOIN fakta_skp s USING (nip_kunci)
LEFT JOIN fakta_hukdis h USING (nip_kunci);

DROP TABLE fakta_diklat; DROP TABLE fakta_skp; DROP TABLE fakta_hukdis;

SELECT
  '2024-Q3' AS periode, 'bkn-2019-teknis-karier' AS metode,
  nip, nama, jenis_pegawai, kode_instansi, kode_unit,
  nama_unit, jenis_jabatan, nama_jabatan, pendidikan,
  kualifikasi, kompetensi, kinerja, disiplin,
  kualifikasi + kompetensi + kinerja + disiplin AS nilai,
  (CASE WHEN round(kualifikasi + kompetensi + kinerja + disiplin, 2) >= 91 THEN 'Sangat Tinggi' WHEN round(kualifikasi + kompetensi + kinerja + disiplin, 2) >= 81 THEN 'Tinggi' WHEN round(kualifikasi + kompetensi + kinerja + disiplin, 2) >= 71 THEN 'Sedang' WHEN round(kualifikasi + kompetensi + kinerja + disiplin, 2) >= 61 THEN 'Rendah' ELSE 'Sangat Rendah' END) AS kategori,
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
  komponen_1, komponen_2, komponen_3, komponen_4, komponen_5
FROM (
WITH
counted AS (
  SELECT p.*, p."dikecualikan__fungsional#1a6ae3ea" AS "dikecualikan__fungsional",
    p."level__kepemimpinan#1d524aad" AS "level__kepemimpinan",
    p."ada__fungsional#414fc0cd" AS "ada__fungsional",
    p."jp__teknis#88320089" AS "jp__teknis",
    p."jp__teknis_pelaksana#29f29ec9" AS "jp__teknis_pelaksana",
    p."ada__seminar#d24568da" AS "ada__seminar",
    p."predikat#1a348fb6" AS "predikat",
    p."tahun_skp#34cc3df1" AS "tahun_skp",
    p."tingkat_berlaku#51c62d88" AS "tingkat_berlaku"
  FROM fakta_asn p WHERE list_contains(['PNS'], p.jenis_pegawai)
),
item_scores AS (
  SELECT p.*,
    coalesce(p."jp__teknis", 0) AS jp_dihitung,
    p."level__kepemimpinan" AS level_kepemimpinan,
    coalesce(p."ada__fungsional", FALSE) AS diklat_fungsional_ada,
    "dikecualikan__fungsional" AS dikecualikan_fungsional,
    CAST((CASE p.pendidikan WHEN 'S3' THEN 25 WHEN 'S2' THEN 20 WHEN 'S1' THEN 15 WHEN 'D4' THEN 15 WHEN 'D3' THEN 10 WHEN 'D2' THEN 5 WHEN 'D1' THEN 5 WHEN 'SLTA' THEN 5 WHEN 'SLTP' THEN 1 WHEN 'SD' THEN 1 ELSE 0 END) AS DOUBLE) AS kualifikasi,
    CAST(least(40, (CASE WHEN p."level__kepemimpinan" <= (CASE p.jenis_jabatan WHEN 'JPT' THEN 2 WHEN 'ADMINISTRATOR' THEN 3 WHEN 'PENGAWAS' THEN 4 ELSE NULL END) THEN (CASE p.jenis_jabatan WHEN 'JPT' THEN 15 WHEN 'ADMINISTRATOR' THEN 15 WHEN 'PENGAWAS' THEN 15 ELSE 0 END) ELSE 0 END) + (CASE WHEN coalesce(p."ada__fungsional", FALSE) OR p."dikecualikan__fungsional" THEN (CASE p.jenis_jabatan WHEN 'FUNGSIONAL' THEN 15 ELSE 0 END) ELSE 0 END) + (CASE WHEN coalesce(p."jp__teknis", 0) >= 20 THEN (CASE p.jenis_jabatan WHEN 'JPT' THEN 15 WHEN 'ADMINISTRATOR' THEN 15 WHEN 'PENGAWAS' THEN 15 WHEN 'FUNGSIONAL' THEN 15 ELSE 0 END) ELSE 0 END) + (CASE WHEN coalesce(p."jp__teknis_pelaksana", 0) >= 20 THEN (CASE p.jenis_jabatan WHEN 'PELAKSANA' THEN 22.5 ELSE 0 END) ELSE 0 END) + (CASE WHEN coalesce(p."ada__seminar", FALSE) THEN (CASE p.jenis_jabatan WHEN 'JPT' THEN 10 WHEN 'ADMINISTRATOR' THEN 10 WHEN 'PENGAWAS' THEN 10 WHEN 'FUNGSIONAL' THEN 10 WHEN 'PELAKSANA' THEN 17.5 ELSE 0 END) ELSE 0 END)) AS DOUBLE) AS kompetensi,
    CAST(least(40, (CASE WHEN (CASE WHEN p."level__kepemimpinan" <= (CASE p.jenis_jabatan WHEN 'JPT' THEN 2 WHEN 'ADMINISTRATOR' THEN 3 WHEN 'PENGAWAS' THEN 4 ELSE NULL END) THEN (CASE p.jenis_jabatan WHEN 'JPT' THEN 15 WHEN 'ADMINISTRATOR' THEN 15 WHEN 'PENGAWAS' THEN 15 ELSE 0 END) ELSE 0 END) = 0 THEN (CASE p.jenis_jabatan WHEN 'JPT' THEN 15 WHEN 'ADMINISTRATOR' THEN 15 WHEN 'PENGAWAS' THEN 15 ELSE 0 END) ELSE (CASE WHEN p."level__kepemimpinan" <= (CASE p.jenis_jabatan WHEN 'JPT' THEN 2 WHEN 'ADMINISTRATOR' THEN 3 WHEN 'PENGAWAS' THEN 4 ELSE NULL END) THEN (CASE p.jenis_jabatan WHEN 'JPT' THEN 15 WHEN 'ADMINISTRATOR' THEN 15 WHEN 'PENGAWAS' THEN 15 ELSE 0 END) ELSE 0 END) END) + (CASE WHEN (CASE WHEN coalesce(p."ada__fungsional", FALSE) OR p."dikecualikan__fungsional" THEN (CASE p.jenis_jabatan WHEN 'FUNGSIONAL' THEN 15 ELSE 0 END) ELSE 0 END) = 0 THEN (CASE p.jenis_jabatan WHEN 'FUNGSIONAL' THEN 15 ELSE 0 END) ELSE (CASE WHEN coalesce(p."ada__fungsional", FALSE) OR p."dikecualikan__fungsional" THEN (CASE p.jenis_jabatan WHEN 'FUNGSIONAL' THEN 15 ELSE 0 END) ELSE 0 END) END) + (CASE WHEN (CASE WHEN coalesce(p."jp__teknis", 0) >= 20 THEN (CASE p.jenis_jabatan WHEN 'JPT' THEN 15 WHEN 'ADMINISTRATOR' THEN 15 WHEN 'PENGAWAS' THEN 15 WHEN 'FUNGSIONAL' THEN 15 ELSE 0 END) ELSE 0 END) = 0 THEN (CASE p.jenis_jabatan WHEN 'JPT' THEN 15 WHEN 'ADMINISTRATOR' THEN 15 WHEN 'PENGAWAS' THEN 15 WHEN 'FUNGSIONAL' THEN 15 ELSE 0 END) ELSE (CASE WHEN coalesce(p."jp__teknis", 0) >= 20 THEN (CASE p.jenis_jabatan WHEN 'JPT' THEN 15 WHEN 'ADMINISTRATOR' THEN 15 WHEN 'PENGAWAS' THEN 15 WHEN 'FUNGSIONAL' THEN 15 ELSE 0 END) ELSE 0 END) END) + (CASE WHEN (CASE WHEN coalesce(p."jp__teknis_pelaksana", 0) >= 20 THEN (CASE p.jenis_jabatan WHEN 'PELAKSANA' THEN 22.5 ELSE 0 END) ELSE 0 END) = 0 THEN (CASE p.jenis_jabatan WHEN 'PELAKSANA' THEN 22.5 ELSE 0 END) ELSE (CASE WHEN coalesce(p."jp__teknis_pelaksana", 0) >= 20 THEN (CASE p.jenis_jabatan WHEN 'PELAKSANA' THEN 22.5 ELSE 0 END) ELSE 0 END) END) + (CASE WHEN (CASE WHEN coalesce(p."ada__seminar", FALSE) THEN (CASE p.jenis_jabatan WHEN 'JPT' THEN 10 WHEN 'ADMINISTRATOR' THEN 10 WHEN 'PENGAWAS' THEN 10 WHEN 'FUNGSIONAL' THEN 10 WHEN 'PELAKSANA' THEN 17.5 ELSE 0 END) ELSE 0 END) = 0 THEN (CASE p.jenis_jabatan WHEN 'JPT' THEN 10 WHEN 'ADMINISTRATOR' THEN 10 WHEN 'PENGAWAS' THEN 10 WHEN 'FUNGSIONAL' THEN 10 WHEN 'PELAKSANA' THEN 17.5 ELSE 0 END) ELSE (CASE WHEN coalesce(p."ada__seminar", FALSE) THEN (CASE p.jenis_jabatan WHEN 'JPT' THEN 10 WHEN 'ADMINISTRATOR' THEN 10 WHEN 'PENGAWAS' THEN 10 WHEN 'FUNGSIONAL' THEN 10 WHEN 'PELAKSANA' THEN 17.5 ELSE 0 END) ELSE 0 END) END)) AS DOUBLE) AS kompetensi_terisi,
    CAST((CASE WHEN p."level__kepemimpinan" <= (CASE p.jenis_jabatan WHEN 'JPT' THEN 2 WHEN 'ADMINISTRATOR' THEN 3 WHEN 'PENGAWAS' THEN 4 ELSE NULL END) THEN (CASE p.jenis_jabatan WHEN 'JPT' THEN 15 WHEN 'ADMINISTRATOR' THEN 15 WHEN 'PENGAWAS' THEN 15 ELSE 0 END) ELSE 0 END) AS DOUBLE) AS komponen_1, CAST((CASE WHEN coalesce(p."ada__fungsional", FALSE) OR p."dikecualikan__fungsional" THEN (CASE p.jenis_jabatan WHEN 'FUNGSIONAL' THEN 15 ELSE 0 END) ELSE 0 END) AS DOUBLE) AS komponen_2, CAST((CASE WHEN coalesce(p."jp__teknis", 0) >= 20 THEN (CASE p.jenis_jabatan WHEN 'JPT' THEN 15 WHEN 'ADMINISTRATOR' THEN 15 WHEN 'PENGAWAS' THEN 15 WHEN 'FUNGSIONAL' THEN 15 ELSE 0 END) ELSE 0 END) AS DOUBLE) AS komponen_3, CAST((CASE WHEN coalesce(p."jp__teknis_pelaksana", 0) >= 20 THEN (CASE p.jenis_jabatan WHEN 'PELAKSANA' THEN 22.5 ELSE 0 END) ELSE 0 END) AS DOUBLE) AS komponen_4, CAST((CASE WHEN coalesce(p."ada__seminar", FALSE) THEN (CASE p.jenis_jabatan WHEN 'JPT' THEN 10 WHEN 'ADMINISTRATOR' THEN 10 WHEN 'PENGAWAS' THEN 10 WHEN 'FUNGSIONAL' THEN 10 WHEN 'PELAKSANA' THEN 17.5 ELSE 0 END) ELSE 0 END) AS DOUBLE) AS komponen_5,
    CAST((CASE p."predikat" WHEN 'SANGAT_BAIK' THEN 30 WHEN 'BAIK' THEN 25 WHEN 'CUKUP' THEN 15 WHEN 'BUTUH_PERBAIKAN' THEN 15 WHEN 'KURANG' THEN 10 WHEN 'BURUK' THEN 5 WHEN 'SANGAT_KURANG' THEN 5 ELSE 0 END) AS DOUBLE) AS kinerja,
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
  komponen_1, komponen_2, komponen_3, komponen_4, komponen_5
FROM item_scores);

(CASE WHEN round(v, 2) >= 91 THEN 'Sangat Tinggi' WHEN round(v, 2) >= 81 THEN 'Tinggi' WHEN round(v, 2) >= 71 THEN 'Sedang' WHEN round(v, 2) >= 61 THEN 'Rendah' ELSE 'Sangat Rendah' END);

WITH
s AS NOT MATERIALIZED (SELECT * FROM skor WHERE metode = 'bkn-2019-teknis-karier'),
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
    CASE WHEN p.skp_kosong AND m.predikat IS NOT NULL THEN (CASE m.predikat WHEN 'SANGAT_BAIK' THEN 30 WHEN 'BAIK' THEN 25 WHEN 'CUKUP' THEN 15 WHEN 'BUTUH_PERBAIKAN' THEN 15 WHEN 'KURANG' THEN 10 WHEN 'BURUK' THEN 5 WHEN 'SANGAT_KURANG' THEN 5 ELSE 0 END) - p.kinerja + least(40, p.kompetensi + 0) - p.kompetensi END AS g_0,
    CASE WHEN p.pendidikan_kosong AND coalesce(mj.pendidikan, mi.pendidikan) IS NOT NULL THEN (CASE coalesce(mj.pendidikan, mi.pendidikan) WHEN 'S3' THEN 25 WHEN 'S2' THEN 20 WHEN 'S1' THEN 15 WHEN 'D4' THEN 15 WHEN 'D3' THEN 10 WHEN 'D2' THEN 5 WHEN 'D1' THEN 5 WHEN 'SLTA' THEN 5 WHEN 'SLTP' THEN 1 WHEN 'SD' THEN 1 ELSE 0 END) - p.kualifikasi END AS g_1,
    least(40, p.kompetensi + (CASE p.jenis_jabatan WHEN 'JPT' THEN 15 WHEN 'ADMINISTRATOR' THEN 15 WHEN 'PENGAWAS' THEN 15 ELSE 0 END) - coalesce(p.komponen_1, 0)) - p.kompetensi AS g_2,
    least(40, p.kompetensi + (CASE p.jenis_jabatan WHEN 'FUNGSIONAL' THEN 15 ELSE 0 END) - coalesce(p.komponen_2, 0)) - p.kompetensi AS g_3,
    least(40, p.kompetensi + (CASE p.jenis_jabatan WHEN 'JPT' THEN 15 WHEN 'ADMINISTRATOR' THEN 15 WHEN 'PENGAWAS' THEN 15 WHEN 'FUNGSIONAL' THEN 15 ELSE 0 END) - coalesce(p.komponen_3, 0)) - p.kompetensi AS g_4,
    least(40, p.kompetensi + (CASE p.jenis_jabatan WHEN 'PELAKSANA' THEN 22.5 ELSE 0 END) - coalesce(p.komponen_4, 0)) - p.kompetensi AS g_5,
    least(40, p.kompetensi + (CASE p.jenis_jabatan WHEN 'JPT' THEN 10 WHEN 'ADMINISTRATOR' THEN 10 WHEN 'PENGAWAS' THEN 10 WHEN 'FUNGSIONAL' THEN 10 WHEN 'PELAKSANA' THEN 17.5 ELSE 0 END) - coalesce(p.komponen_5, 0)) - p.kompetensi AS g_6,
    CASE WHEN p.hukdis_berlaku IS NOT NULL THEN 5 - p.disiplin END AS g_7,
    m.predikat AS a_0,
    coalesce(mj.pendidikan, mi.pendidikan) AS a_1,
    NULL AS a_2,
    NULL AS a_3,
    NULL AS a_4,
    NULL AS a_5,
    NULL AS a_6,
    NULL AS a_7
  FROM s p
  LEFT JOIN modus_skp m USING (kode_instansi)
  LEFT JOIN modus_pendidikan mj USING (kode_instansi, jenis_jabatan)
  LEFT JOIN modus_pendidikan_instansi mi USING (kode_instansi)
)
SELECT * FROM (
  SELECT periode, metode, nip, nama, kode_instansi, kode_unit, nama_unit, jenis_jabatan, nama_jabatan, unnest(['skp', 'pendidikan', 'kompetensi:kepemimpinan', 'kompetensi:fungsional', 'kompetensi:teknis', 'kompetensi:teknis_pelaksana', 'kompetensi:seminar', 'disiplin']) AS intervensi,
    unnest([a_0, a_1, a_2, a_3, a_4, a_5, a_6, a_7]) AS asumsi, CAST(unnest([g_0, g_1, g_2, g_3, g_4, g_5, g_6, g_7]) AS DOUBLE) AS poin
  FROM per_asn
) WHERE poin > 1e-9;

WITH
s AS NOT MATERIALIZED (SELECT * FROM skor WHERE metode = 'bkn-2019-teknis-karier'),
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
    CASE WHEN p.skp_kosong AND m.predikat IS NOT NULL THEN (CASE m.predikat WHEN 'SANGAT_BAIK' THEN 30 WHEN 'BAIK' THEN 25 WHEN 'CUKUP' THEN 15 WHEN 'BUTUH_PERBAIKAN' THEN 15 WHEN 'KURANG' THEN 10 WHEN 'BURUK' THEN 5 WHEN 'SANGAT_KURANG' THEN 5 ELSE 0 END) - p.kinerja + least(40, p.kompetensi + 0) - p.kompetensi END AS g_0,
    CASE WHEN p.pendidikan_kosong AND coalesce(mj.pendidikan, mi.pendidikan) IS NOT NULL THEN (CASE coalesce(mj.pendidikan, mi.pendidikan) WHEN 'S3' THEN 25 WHEN 'S2' THEN 20 WHEN 'S1' THEN 15 WHEN 'D4' THEN 15 WHEN 'D3' THEN 10 WHEN 'D2' THEN 5 WHEN 'D1' THEN 5 WHEN 'SLTA' THEN 5 WHEN 'SLTP' THEN 1 WHEN 'SD' THEN 1 ELSE 0 END) - p.kualifikasi END AS g_1,
    least(40, p.kompetensi + (CASE p.jenis_jabatan WHEN 'JPT' THEN 15 WHEN 'ADMINISTRATOR' THEN 15 WHEN 'PENGAWAS' THEN 15 ELSE 0 END) - coalesce(p.komponen_1, 0)) - p.kompetensi AS g_2,
    least(40, p.kompetensi + (CASE p.jenis_jabatan WHEN 'FUNGSIONAL' THEN 15 ELSE 0 END) - coalesce(p.komponen_2, 0)) - p.kompetensi AS g_3,
    least(40, p.kompetensi + (CASE p.jenis_jabatan WHEN 'JPT' THEN 15 WHEN 'ADMINISTRATOR' THEN 15 WHEN 'PENGAWAS' THEN 15 WHEN 'FUNGSIONAL' THEN 15 ELSE 0 END) - coalesce(p.komponen_3, 0)) - p.kompetensi AS g_4,
    least(40, p.kompetensi + (CASE p.jenis_jabatan WHEN 'PELAKSANA' THEN 22.5 ELSE 0 END) - coalesce(p.komponen_4, 0)) - p.kompetensi AS g_5,
    least(40, p.kompetensi + (CASE p.jenis_jabatan WHEN 'JPT' THEN 10 WHEN 'ADMINISTRATOR' THEN 10 WHEN 'PENGAWAS' THEN 10 WHEN 'FUNGSIONAL' THEN 10 WHEN 'PELAKSANA' THEN 17.5 ELSE 0 END) - coalesce(p.komponen_5, 0)) - p.kompetensi AS g_6,
    CASE WHEN p.hukdis_berlaku IS NOT NULL THEN 5 - p.disiplin END AS g_7
  FROM s p
  LEFT JOIN modus_skp m USING (kode_instansi)
  LEFT JOIN modus_pendidikan mj USING (kode_instansi, jenis_jabatan)
  LEFT JOIN modus_pendidikan_instansi mi USING (kode_instansi)
),
sama AS (SELECT periode, metode, kode_instansi, kode_unit, g_0, g_1, g_2, g_3, g_4, g_5, g_6, g_7, count(*) AS n FROM per_asn GROUP BY ALL)
SELECT periode, metode, kode_instansi, kode_unit, intervensi, poin, CAST(sum(n) AS BIGINT) AS n_asn FROM (
  SELECT periode, metode, kode_instansi, kode_unit, n, unnest(['skp', 'pendidikan', 'kompetensi:kepemimpinan', 'kompetensi:fungsional', 'kompetensi:teknis', 'kompetensi:teknis_pelaksana', 'kompetensi:seminar', 'disiplin']) AS intervensi,
    CAST(unnest([g_0, g_1, g_2, g_3, g_4, g_5, g_6, g_7]) AS DOUBLE) AS poin
  FROM sama
) WHERE poin > 1e-9 GROUP BY periode, metode, kode_instansi, kode_unit, intervensi, poin;

