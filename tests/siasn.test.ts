/**
 * A SIASN-layout export (tests/fixtures/siasn/): web-service keys (data-utama, rw-kursus and
 * rw-diklat in one diklat file, rw-skp22 and a legacy rw-skp nilaiPrestasiKerja, rw-hukdis), one
 * instansi named the SIASN way, scored end to end under both profiles with hand-computed answers.
 *
 * Period 2024 (window 2024-01-01 … 2024-12-31). Points: data/methods/bkn-2019.json and
 * bkn-2024.json. Per person [kualifikasi, kompetensi, kinerja, disiplin]:
 *
 * 001 S-1/Sarjana → S1 15. Jabatan Struktural + III.a → ADMINISTRATOR. rw-diklat PIM III (2015),
 *     rw-kursus jenisDiklatId 3 (Diklat Teknis) 24 JP in 2024. kuadranKinerja SANGAT BAIK 2024.
 *     bkn-2019: 15, 15 (PIM III matches) + 15 (24 ≥ 20 JP teknis) + 0 (no seminar) = 30, 30, 5 → 80
 *     bkn-2024: 15, 25 (base SB) + 15 (24 ≥ 20 JP) = 40, 30, 5 → 90
 * 002 tkPendidikanTerakhirId 45 (name empty) → S2 20. Struktural + II.b → JPT. latihanStrukturalId
 *     4 (PIM II, 2018). KuadranKinerjaNilai 2 → BAIK. Hukdis R (Mar–Sep 2024) in force → 3.
 *     bkn-2019: 20, 15 + 0 + 0 = 15, 25, 3 → 63
 *     bkn-2024: 20, 20 + 0 = 20, 25, 3 → 68
 * 003 Diploma III/Sarjana Muda → D3 10. Jabatan Fungsional Tertentu → FUNGSIONAL (Analis, not
 *     exempt). jenisDiklatId 2 (fungsional, 2020), 9 (seminar, 8 JP, 2024). No 2024 SKP: the 2023
 *     legacy nilaiPrestasiKerja 88.5 → BAIK (76 ≤ 88.5 < 91, PP 46/2011). Hukdis S in force → 2
 *     (disiplin SEDANG is 2 since profiles 1.1.0).
 *     bkn-2019: 10, 15 (fungsional ever) + 0 (no teknis) + 10 (seminar in window) = 25, 25, 2 → 62
 *     bkn-2024: 10, 20 + 0 (8 < 20 JP) = 20, 25, 2 → 57
 * 004 SLTA 5. Jabatan Fungsional Umum → PELAKSANA. jenisDiklatId 16 (E-Learning → TEKNIS) 12 JP,
 *     twice, identical: the copy is an exact duplicate, so 12 JP, not 24. BUTUH PERBAIKAN.
 *     Hukdis B (2023-06 … 2026-06) in force → 0.
 *     bkn-2019: 5, 0 (12 < 20) + 0 = 0, 15, 0 → 20
 *     bkn-2024: 5, 15 + 0 = 15, 20, 0 → 40
 * 005 PPPK by kedudukanPnsId 71 (statusPegawai empty). S1 15. Fungsional (Guru). Workshop
 *     (jenisDiklatId 4) 20 JP. kuadranKinerja BAIK.
 *     bkn-2019: not counted (PNS only)
 *     bkn-2024: 15, 20 + 15 (20 ≥ 20 JP) = 35, 25, 5 → 80
 * 006 statusPegawai C (CPNS → PNS). Education empty → 0. PELAKSANA, no training.
 *     KuadranKinerjaNilai 5 → SANGAT_KURANG.
 *     bkn-2019: 0, 0, 5, 5 → 10
 *     bkn-2024: 0, 5 + 0 = 5, 10, 5 → 20
 * 007 S-3/Doktor → S3 25. Struktural + IV.a → PENGAWAS. PIM IV (SEPALA/ADUM, 2012); kursus
 *     (jenisDiklatId 11) 10 JP in 2024. Legacy 2023 nilaiPrestasiKerja 91 → SANGAT_BAIK.
 *     bkn-2019: 25, 15 + 0 + 10 (kursus in window) = 25, 30, 5 → 85
 *     bkn-2024: 25, 25 + 0 (10 < 20) = 25, 30, 5 → 85
 * 008 tkPendidikanTerakhir "#N/A" (an Excel lookup that failed): quarantined, not scored as empty.
 *
 * Instansi means: bkn-2019 (six PNS) (80 + 63 + 62 + 20 + 10 + 85) / 6 = 320 / 6;
 * bkn-2024 (seven ASN) (90 + 68 + 57 + 40 + 80 + 20 + 85) / 7 = 440 / 7.
 * instansiKerjaNama "Pemerintah Kab. Balangan" → 6311; the kode cepat column says 6309 (another
 * regency's Kemendagri code) and must be ignored.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { runPipeline } from "../loaders/engine/pipeline.ts";
import { queryOut, tempDir } from "./helpers/fixture.ts";

const RAW = new URL("./fixtures/siasn/raw/", import.meta.url).pathname;
const NIP = (n: number) => `19800101200501100${n}`;
const PPPK = "199001012024211005";

type Dims = [number, number, number, number];
const EXPECTED: Record<string, { "bkn-2019": Dims | null; "bkn-2024": Dims }> = {
  [NIP(1)]: { "bkn-2019": [15, 30, 30, 5], "bkn-2024": [15, 40, 30, 5] },
  [NIP(2)]: { "bkn-2019": [20, 15, 25, 3], "bkn-2024": [20, 20, 25, 3] },
  [NIP(3)]: { "bkn-2019": [10, 25, 25, 2], "bkn-2024": [10, 20, 25, 2] },
  [NIP(4)]: { "bkn-2019": [5, 0, 15, 0], "bkn-2024": [5, 15, 20, 0] },
  [PPPK]: { "bkn-2019": null, "bkn-2024": [15, 35, 25, 5] },
  [NIP(6)]: { "bkn-2019": [0, 0, 5, 5], "bkn-2024": [0, 5, 10, 5] },
  [NIP(7)]: { "bkn-2019": [25, 25, 30, 5], "bkn-2024": [25, 25, 30, 5] },
};

Deno.test("a SIASN-layout export scores as computed by hand under both profiles", async () => {
  const out = join(await tempDir(), "out");
  const result = await runPipeline({ raw: RAW, out, maxQuarantineShare: 0.5 });
  const acc = result.accounting["2024"];
  // Every row used or quarantined: 008's #N/A is quarantined; 004's duplicate E-Learning row is
  // used, collapsed into line 7, and named in the notes.
  assert.deepEqual(
    Object.fromEntries(Object.entries(acc).map(([t, a]) => [t, [a.read, a.used, a.quarantined]])),
    { pegawai: [8, 7, 1], diklat: [10, 10, 0], kinerja: [7, 7, 0], hukdis: [3, 3, 0] },
  );
  const q = await queryOut<{ tabel: string; line: number; column: string; reason: string }>(
    out,
    `SELECT tabel, line, "column", reason FROM read_csv('{out}/quarantine.csv', all_varchar = true) ORDER BY tabel, line`,
  );
  assert.equal(q.length, 1);
  assert.equal(q[0].tabel, "pegawai");
  assert.equal(Number(q[0].line), 9);
  assert.equal(q[0].column, "pendidikan");
  assert.match(q[0].reason, /spreadsheet error #N\/A in pendidikan/);

  const rows = await queryOut<
    {
      metode: string;
      nip: string;
      kode_instansi: string;
      kualifikasi: number;
      kompetensi: number;
      kinerja: number;
      disiplin: number;
    }
  >(
    out,
    "SELECT metode, nip, kode_instansi, kualifikasi, kompetensi, kinerja, disiplin FROM '{out}/periode/*/skor_asn.parquet' ORDER BY metode, nip",
  );
  for (const r of rows) assert.equal(r.kode_instansi, "6311", "instansi by name, never kode cepat");
  for (const [nip, e] of Object.entries(EXPECTED)) {
    for (const metode of ["bkn-2019", "bkn-2024"] as const) {
      const r = rows.find((x) => x.nip === nip && x.metode === metode);
      const got = r ? [r.kualifikasi, r.kompetensi, r.kinerja, r.disiplin] : null;
      if (e[metode] === null) {
        assert.equal(got, null, `${nip} is not counted under ${metode}`);
      } else {
        assert.deepEqual(got, e[metode], `${nip} ${metode}`);
      }
    }
  }
  const inst = await queryOut<{ metode: string; nilai: number; n_asn: number }>(
    out,
    "SELECT metode, nilai, n_asn FROM '{out}/instansi.parquet' WHERE kode_instansi = '6311' AND metode IN ('bkn-2019', 'bkn-2024') ORDER BY metode",
  );
  assert.equal(inst.length, 2);
  assert.equal(inst[0].metode, "bkn-2019");
  assert.equal(Number(inst[0].n_asn), 6);
  assert.ok(Math.abs(inst[0].nilai - 320 / 6) < 1e-9, `bkn-2019 mean ${inst[0].nilai}`);
  assert.equal(inst[1].metode, "bkn-2024");
  assert.equal(Number(inst[1].n_asn), 7);
  assert.ok(Math.abs(inst[1].nilai - 440 / 7) < 1e-9, `bkn-2024 mean ${inst[1].nilai}`);
});
