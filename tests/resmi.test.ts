/**
 * Official results (`resmi`): the checks, the instansi source, the rows as a method, and the
 * person-by-person reconciliation, on tiny tables whose answers are computed by hand.
 */
import assert from "node:assert/strict";
import { Db, valuesTable } from "../loaders/duck.ts";
import { resmiChecks, selisihAsnSql, validateResmi } from "../loaders/engine/resmi.ts";

const MAKS = { kualifikasi: 25, kompetensi: 40, kinerja: 30, disiplin: 5 };
const RAW_COLUMNS = [
  "_line",
  "nip",
  "nama",
  "kode_instansi",
  "kode_unit",
  "nama_unit",
  "kualifikasi",
  "kompetensi",
  "kinerja",
  "disiplin",
  "total",
];
const A = "198001012005011001";
const B = "198001012005011002";
const C = "198001012005011003";
const D = "198001012005011004";

async function withRaw(
  rows: (string | null)[][],
  pegawai: [string, string][] | null,
  f: (db: Db) => Promise<void>,
): Promise<void> {
  const db = await Db.open();
  try {
    await db.run(
      `CREATE TABLE quarantine (tabel VARCHAR, file VARCHAR, line BIGINT, "column" VARCHAR, code VARCHAR, value VARCHAR, reason VARCHAR)`,
    );
    await db.run(
      `CREATE TABLE ref_wilayah AS SELECT * FROM (VALUES ('6474', '64'), ('6302', '63')) v(kode_instansi, kode_provinsi)`,
    );
    await db.run(
      `CREATE TABLE raw_resmi (_file SMALLINT, _line BIGINT, ${
        RAW_COLUMNS.slice(1).map((c) => `${c} VARCHAR`).join(", ")
      })`,
    );
    await db.run(`INSERT INTO raw_resmi SELECT 0, * FROM ${valuesTable(RAW_COLUMNS, rows)}`);
    if (pegawai) {
      await db.run(
        `CREATE TABLE pegawai AS SELECT nip, kode_instansi, 'U1' AS kode_unit, 'Dinas Satu' AS nama_unit, 'PNS' AS jenis_pegawai FROM ${
          valuesTable(["nip", "kode_instansi"], pegawai)
        }`,
      );
    }
    await f(db);
  } finally {
    db.close();
  }
}

const row = (
  line: number,
  nip: string,
  k: string,
  ko: string,
  ki: string,
  d: string,
  t: string | null,
) => [
  String(line),
  nip,
  "Nama",
  null,
  null,
  "Dinas Pendidikan",
  k,
  ko,
  ki,
  d,
  t,
];

Deno.test("resmi checks: range, number, total = sum within rounding, duplicate NIP", async () => {
  await withRaw(
    [
      row(8, A, "20", "30,5", "25", "5", "80,5"), // ok (decimal comma)
      row(9, B, "26", "30", "25", "5", "86"), // kualifikasi above 25
      row(10, C, "20", "30", "25", "5", "81"), // total 81 ≠ 80
      row(11, A, "20", "30", "25", "5", "80"), // duplicate of line 8
      row(12, D, "15", "10", "x", "5", null), // kinerja not a number
      row(13, "12345", "15", "10", "20", "5", null), // bad NIP
      row(14, D, "15.004", "10", "20", "4.99", "50.02"), // 50.004 vs 50.02: within 0.03
    ],
    null,
    async (db) => {
      const r = await validateResmi(db, {
        files: ["resmi.xlsx"],
        maks: MAKS,
        withPegawai: false,
        kodeInstansi: "6474",
      });
      assert.deepEqual([r.used, r.quarantined], [2, 5]);
      assert.match(r.instansi, /meta\.json/);
      const q = await db.all<{ line: number; column: string; reason: string }>(
        `SELECT line, "column", reason FROM quarantine ORDER BY line`,
      );
      assert.deepEqual(q, [
        { line: 9, column: "kualifikasi", reason: "kualifikasi 26 is outside 0–25" },
        {
          line: 10,
          column: "total",
          reason: "total 81 is not the sum of the four dimensions (80.0)",
        },
        { line: 11, column: "nip", reason: "duplicate nip (first on line 8)" },
        { line: 12, column: "kinerja", reason: 'kinerja "x" is not a number' },
        { line: 13, column: "nip", reason: 'nip "12345" is not 18 digits' },
      ]);
      const ok = await db.all<{ nip: string; kompetensi: number; kode_instansi: string }>(
        "SELECT nip, kompetensi, kode_instansi FROM resmi ORDER BY nip",
      );
      assert.deepEqual(ok, [
        { nip: A, kompetensi: 30.5, kode_instansi: "6474" },
        { nip: D, kompetensi: 10, kode_instansi: "6474" },
      ]);
    },
  );
});

Deno.test("resmi: the instansi comes from pegawai by NIP; a NIP pegawai lacks is quarantined", async () => {
  await withRaw(
    [row(2, A, "20", "30", "25", "5", "80"), row(3, B, "20", "30", "25", "5", "80")],
    [[A, "6302"]],
    async (db) => {
      const r = await validateResmi(db, {
        files: ["resmi.csv"],
        maks: MAKS,
        withPegawai: true,
        kodeInstansi: null,
      });
      assert.deepEqual([r.used, r.quarantined], [1, 1]);
      assert.match(r.instansi, /pegawai/);
      assert.deepEqual(
        await db.all(`SELECT line, reason FROM quarantine`),
        [{ line: 3, reason: `nip ${B} is not in pegawai` }],
      );
      assert.deepEqual(await db.all(`SELECT nip, kode_instansi, jenis_pegawai FROM resmi`), [{
        nip: A,
        kode_instansi: "6302",
        jenis_pegawai: "PNS",
      }]);
    },
  );
});

Deno.test("every check has a column and a reason", () => {
  for (const c of resmiChecks(MAKS)) assert.ok(c.column && c.fails && c.reason);
});

Deno.test("person by person: selisih = hitungan − resmi per dimension, one-sided ASN listed", async () => {
  await withRaw(
    [
      row(2, A, "20", "25", "25", "5", "75"), // computed kompetensi 40: +15, training not in SIASN
      row(3, B, "20", "40", "25", "5", "90"), // computed kinerja 15: −10 is local data lacking
      row(4, C, "20", "40", "30", "5", "95"), // not in pegawai: only official
    ],
    [[A, "6474"], [B, "6474"], [D, "6474"]],
    async (db) => {
      await validateResmi(db, { files: ["r"], maks: MAKS, withPegawai: true, kodeInstansi: null });
      await db.run(`CREATE TABLE skor AS SELECT * FROM (VALUES
        ('bkn-2024', '${A}', 'A', '6474', 'U1', 'Dinas Satu', 'S1', 20.0, 'BAIK', NULL, 20.0, 40.0, 25.0, 5.0, 90.0),
        ('bkn-2024', '${B}', 'B', '6474', 'U1', 'Dinas Satu', 'S1', 20.0, 'KURANG', NULL, 20.0, 40.0, 15.0, 5.0, 80.0),
        ('bkn-2024', '${D}', 'D', '6474', 'U1', 'Dinas Satu', 'S1', 0.0, 'BAIK', NULL, 20.0, 0.0, 25.0, 5.0, 50.0)
      ) s(metode, nip, nama, kode_instansi, kode_unit, nama_unit, pendidikan, jp_dihitung, predikat_dipakai,
          hukdis_berlaku, kualifikasi, kompetensi, kinerja, disiplin, nilai)`);
      const rows = await db.all<
        { nip: string; dimensi: string; selisih: number | null; sisi: string; sebab: string | null }
      >(
        `SELECT nip, dimensi, selisih, sisi, sebab FROM (${
          selisihAsnSql("2024-Q3")
        }) WHERE dimensi IN ('kompetensi', 'kinerja', 'total') ORDER BY nip, dimensi`,
      );
      assert.deepEqual(rows, [
        { nip: A, dimensi: "kinerja", selisih: 0, sisi: "keduanya", sebab: null },
        {
          nip: A,
          dimensi: "kompetensi",
          selisih: 15,
          sisi: "keduanya",
          sebab: "Pelatihan belum tercatat di SIASN",
        },
        {
          nip: A,
          dimensi: "total",
          selisih: 15,
          sisi: "keduanya",
          sebab: "Jumlah keempat dimensi",
        },
        {
          nip: B,
          dimensi: "kinerja",
          selisih: -10,
          sisi: "keduanya",
          sebab: "Data lokal kurang lengkap dibanding SIASN",
        },
        { nip: B, dimensi: "kompetensi", selisih: 0, sisi: "keduanya", sebab: null },
        {
          nip: B,
          dimensi: "total",
          selisih: -10,
          sisi: "keduanya",
          sebab: "Data lokal kurang lengkap dibanding SIASN",
        },
        { nip: C, dimensi: "kinerja", selisih: null, sisi: "hanya_resmi", sebab: null },
        { nip: C, dimensi: "kompetensi", selisih: null, sisi: "hanya_resmi", sebab: null },
        { nip: C, dimensi: "total", selisih: null, sisi: "hanya_resmi", sebab: null },
        { nip: D, dimensi: "kinerja", selisih: null, sisi: "hanya_hitungan", sebab: null },
        { nip: D, dimensi: "kompetensi", selisih: null, sisi: "hanya_hitungan", sebab: null },
        { nip: D, dimensi: "total", selisih: null, sisi: "hanya_hitungan", sebab: null },
      ]);
    },
  );
});
