/**
 * Aggregation on a tiny hand-computed table: the scores are read once into sums per unit kerja,
 * jenis pegawai, completeness and `luar`; unit kerja means count only the ASN a profile counts,
 * the reconciliation components every ASN it scored.
 */
import assert from "node:assert/strict";
import { Db } from "../loaders/duck.ts";
import { loadProfiles } from "../loaders/engine/method.ts";
import { aggregateSql } from "../loaders/engine/aggregate.ts";

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
