/**
 * Aggregation on a tiny hand-computed table: the scores are read once into sums per unit kerja,
 * jenis pegawai, completeness and `luar`; unit kerja means count only the ASN a profile counts,
 * the reconciliation components every ASN it scored.
 */
import assert from "node:assert/strict";
import { Db, lit } from "../loaders/duck.ts";
import { loadProfiles } from "../loaders/engine/method.ts";
import {
  aggregateSql,
  categoryNames,
  profileSumsSql,
  unitSumsSql,
} from "../loaders/engine/aggregate.ts";
import { parsePeriod } from "../loaders/engine/period.ts";
import { factsSql, itemSlots, scoreColumnsSql, scorePointsSql } from "../loaders/engine/score.ts";

const profile = (await loadProfiles("data/methods")).find((p) => p.id === "bkn-2024")!;

// Unit U1: two counted PNS (60 and 80.5, the second lacking SKP) and one PPPK the profile leaves
// out (luar, 40); unit U2: one counted PPPK (90).
const ROWS: [string, string, number, boolean, boolean][] = [
  ["U1", "PNS", 60, false, false],
  ["U1", "PNS", 80.5, true, false],
  ["U1", "PPPK", 40, false, true],
  ["U2", "PPPK", 90, false, false],
];

Deno.test("unit means count only the counted ASN; components hold every scored ASN by jenis and completeness", async () => {
  const db = await Db.open();
  try {
    await db.run(
      `CREATE TABLE ref_wilayah AS SELECT '6401' AS kode_instansi, '64' AS kode_provinsi`,
    );
    await db.run(
      `CREATE TABLE skor_semua AS SELECT * FROM (VALUES ${
        ROWS.map(([unit, jenis, nilai, skpKosong, luar]) =>
          `('2024', 'bkn-2024', '6401', '${unit}', 'Unit ${unit}', '${jenis}', ${nilai / 4}, ${
            nilai / 4
          }, ${nilai / 4}, ${
            nilai / 4
          }, ${nilai}, 'Sangat Rendah', FALSE, ${skpKosong}, FALSE, 25, 40, 30, 5, ${luar})`
        ).join(", ")
      }) t(periode, metode, kode_instansi, kode_unit, nama_unit, jenis_pegawai, kualifikasi, kompetensi,
      kinerja, disiplin, nilai, kategori, pendidikan_kosong, skp_kosong, pengembangan_kosong,
      potensi_kualifikasi, potensi_kompetensi, potensi_kinerja, potensi_disiplin, luar)`,
    );
    for (const s of aggregateSql([profile], "bkn-2024")) await db.run(s);
    const unit = await db.all(
      `SELECT kode_unit, n_asn, n_pns, n_pppk, nilai, share_skp_kosong FROM agg_unit ORDER BY kode_unit`,
    );
    assert.deepEqual(unit, [
      { kode_unit: "U1", n_asn: 2, n_pns: 2, n_pppk: 0, nilai: 70.25, share_skp_kosong: 0.5 },
      { kode_unit: "U2", n_asn: 1, n_pns: 0, n_pppk: 1, nilai: 90, share_skp_kosong: 0 },
    ]);
    const instansi = await db.one(`SELECT n_asn, nilai FROM agg_instansi`);
    assert.deepEqual(instansi, { n_asn: 3, nilai: (60 + 80.5 + 90) / 3 });
    const komponen = await db.all(
      `SELECT jenis_pegawai, data_lengkap, n_asn, jumlah_nilai FROM komponen_instansi ORDER BY ALL`,
    );
    assert.deepEqual(komponen, [
      { jenis_pegawai: "PNS", data_lengkap: false, n_asn: 1, jumlah_nilai: 80.5 },
      { jenis_pegawai: "PNS", data_lengkap: true, n_asn: 1, jumlah_nilai: 60 },
      { jenis_pegawai: "PPPK", data_lengkap: true, n_asn: 2, jumlah_nilai: 130 },
    ]);
    // The sums it was rolled up from are dropped with the unit sums.
    const left = await db.all(
      `SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'jumlah%'`,
    );
    assert.deepEqual(left, []);
  } finally {
    db.close();
  }
});

// Every shipped profile, and one that looks back no further than the period's own year (its
// empty SKP, and so its completeness, differs from the others').
const profiles = [
  ...await loadProfiles("data/methods"),
  { ...profile, id: "tahun-ini", kinerja: { ...profile.kinerja, tahun_mundur: 0 } },
];
const period = parsePeriod("2024-Q4");

/**
 * 600 ASN in three instansi and six units, with every kind of record the profiles read, spread by
 * a hash of their number: some without education, SKP of this year, last year or none, trainings
 * of every kind in and out of the window, punishments of every level.
 */
async function facts(db: Db, syarat: boolean): Promise<void> {
  const pick = (list: string[], salt: number) =>
    `[${list.map((x) => lit(x)).join(", ")}][1 + (hash(i * ${salt}) % ${list.length})::INTEGER]`;
  await db.run(`CREATE OR REPLACE TABLE pegawai AS SELECT
    '19800101200501' || lpad(i::VARCHAR, 4, '0') AS nip, 198001012005010000 + i AS nip_kunci,
    'Nama ' || i AS nama, ${pick(["PNS", "PNS", "PPPK"], 3)} AS jenis_pegawai,
    '640' || (i % 3) AS kode_instansi, 'U' || (i % 6) AS kode_unit, 'Unit ' || (i % 6) AS nama_unit,
    ${pick(["PELAKSANA", "FUNGSIONAL", "PENGAWAS", "ADMINISTRATOR", "JPT"], 5)} AS jenis_jabatan,
    ${pick(["Guru Ahli", "Analis", "Dokter", "Perencana"], 7)} AS nama_jabatan,
    CASE WHEN i % 9 = 0 THEN NULL ELSE ${
    pick(["S3", "S2", "S1", "D3", "SLTA"], 11)
  } END AS pendidikan,
    ${syarat ? pick(["S2", "S1", "D3"], 13) : "CAST(NULL AS VARCHAR)"} AS syarat_pendidikan
    FROM range(600) t(i)`);
  await db.run(
    `CREATE OR REPLACE TABLE diklat AS SELECT 198001012005010000 + (i % 600) AS nip_kunci,
    ${pick(["STRUKTURAL", "FUNGSIONAL", "TEKNIS", "SEMINAR", "WORKSHOP"], 17)} AS jenis,
    ${pick(["PIM_II", "PIM_III", "PKA", "PKP"], 19)} AS jenjang,
    CASE WHEN i % 13 = 0 THEN NULL ELSE (hash(i * 23) % 30)::INTEGER END AS jp,
    DATE '2021-06-01' + (hash(i * 29) % 1400)::INTEGER AS tanggal
    FROM range(1500) t(i) WHERE i % 600 % 10 <> 3`,
  );
  await db.run(
    `CREATE OR REPLACE TABLE kinerja AS SELECT 198001012005010000 + (i % 600) AS nip_kunci,
    2024 - (i // 600)::INTEGER AS tahun,
    CASE WHEN hash(i * 31) % 5 = 0 THEN NULL ELSE ${
      pick(["SANGAT_BAIK", "BAIK", "CUKUP", "BUTUH_PERBAIKAN"], 37)
    } END AS predikat
    FROM range(1200) t(i) WHERE hash(i * 41) % 3 <> 0`,
  );
  await db.run(
    `CREATE OR REPLACE TABLE hukdis AS SELECT 198001012005010000 + (i * 7 % 600) AS nip_kunci,
    ${pick(["RINGAN", "SEDANG", "BERAT"], 43)} AS tingkat, 'teguran' AS jenis,
    DATE '2020-01-01' + (hash(i * 47) % 1800)::INTEGER AS tmt, CAST(NULL AS DATE) AS akhir
    FROM range(60) t(i)`,
  );
  for (const s of factsSql(profiles, period)) await db.run(s);
  // Every ASN under every profile, as the engine's skor_semua view (step.ts).
  const options = { slots: itemSlots(profiles), pribadi: false, luar: true };
  await db.run(
    `CREATE OR REPLACE VIEW skor_semua AS ${
      profiles.map((p) =>
        scoreColumnsSql(p, period, `(${scorePointsSql(p, period, options)})`, options)
      ).join(" UNION ALL ")
    }`,
  );
}

for (const syarat of [true, false]) {
  Deno.test(
    `the profiles' unit sums in one pass are each profile's own sums (syarat_pendidikan ${
      syarat ? "filled" : "empty: a profile that needs it scores nobody"
    })`,
    async () => {
      const db = await Db.open();
      try {
        await facts(db, syarat);
        const categories = categoryNames(profiles);
        await db.run(`CREATE TABLE own AS ${unitSumsSql(categories, "skor_semua")}`);
        await db.run(`CREATE TABLE one_pass AS ${profileSumsSql(profiles, period, categories)}`);
        const { a, b } = await db.one<{ a: number; b: number }>(
          `SELECT (SELECT count(*) FROM (FROM own EXCEPT ALL FROM one_pass)) AS a,
        (SELECT count(*) FROM (FROM one_pass EXCEPT ALL FROM own)) AS b`,
        );
        assert.deepEqual({ a, b }, { a: 0, b: 0 });
        // The rows hold what the comparison is about: ASN outside a population, incomplete records
        // that differ between profiles, variants whose sums differ from their default's.
        const seen = await db.one(`SELECT bool_or(luar) AS luar, count(DISTINCT lengkap) AS lengkap,
        count(DISTINCT metode) AS metode, count(DISTINCT (metode, nilai)) > count(DISTINCT metode) AS beda,
        (SELECT count(DISTINCT skp_kosong) > 1 FROM (SELECT kode_unit, jenis_pegawai, sum(skp_kosong) AS skp_kosong
          FROM one_pass WHERE metode IN ('bkn-2024', 'tahun-ini') GROUP BY ALL)) AS skp
        FROM one_pass`);
        assert.deepEqual(seen, {
          luar: true,
          lengkap: 2,
          metode: syarat ? profiles.length : profiles.length - 1,
          beda: true,
          skp: true,
        });
      } finally {
        db.close();
      }
    },
  );
}
