/**
 * Official results through the whole pipeline: BKN's result workbook (a title block above the
 * header, no instansi column) in a folder with nothing else, and the SIASN web service's per-NIP
 * values beside raw exports where a few people differ on purpose. Means are checked against a
 * hand computation.
 */
import assert from "node:assert/strict";
import ExcelJS from "exceljs";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { runPipeline } from "../loaders/engine/pipeline.ts";
import { nip, queryOut, tempDir, writePeriod } from "./helpers/fixture.ts";

const near = (a: unknown, b: number) => assert.ok(Math.abs(Number(a) - b) < 1e-9, `${a} ≠ ${b}`);

Deno.test("a folder with only BKN's result workbook produces method 'resmi' at every level", async () => {
  const root = await tempDir("ipasn-resmi-");
  const dir = join(root, "raw", "2024-Q3");
  Deno.mkdirSync(dir, { recursive: true });
  Deno.writeTextFileSync(join(dir, "meta.json"), JSON.stringify({ kode_instansi: "6474" }));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Hasil");
  ws.addRow(["HASIL PENGUKURAN INDEKS PROFESIONALITAS ASN"]);
  ws.addRow(["PEMERINTAH KOTA BONTANG"]);
  ws.addRow(["Periode: Triwulan III 2024"]);
  ws.addRow([]);
  ws.addRow([
    "No",
    "NIP",
    "Nama",
    "Nama Jabatan",
    "Satuan Kerja",
    "Kualifikasi",
    "Kompetensi",
    "Kinerja",
    "Disiplin",
    "Total",
  ]);
  const people: [number, string, number, number, number, number, number][] = [
    // no, satuan kerja, kualifikasi, kompetensi, kinerja, disiplin, total
    [1, "Dinas Pendidikan", 15, 40, 30, 5, 90],
    [2, "Dinas Pendidikan", 15, 25, 25, 5, 70],
    [3, "Dinas Kesehatan", 20, 10, 30, 5, 65],
    [4, "Dinas Kesehatan", 15, 40, 25, 5, 86], // total 86 ≠ 85: quarantined
    [5, "Dinas Kesehatan", 26, 40, 25, 5, 96], // kualifikasi above 25: quarantined
  ];
  for (const [no, sk, a, b, c, d, t] of people) {
    ws.addRow([no, nip(no), `Pegawai ${no}`, "Pelaksana", sk, a, b, c, d, t]);
  }
  await wb.xlsx.writeFile(join(dir, "resmi.xlsx"));
  const out = join(root, "out");
  await runPipeline({ raw: join(root, "raw"), out, maxQuarantineShare: 0.5 });
  const acc = JSON.parse(Deno.readTextFileSync(join(out, "accounting.json")))["2024-Q3"];
  assert.deepEqual([acc.resmi.read, acc.resmi.used, acc.resmi.quarantined], [5, 3, 2]);
  assert.ok(acc.resmi.notes.some((n: string) => /meta\.json/.test(n)), acc.resmi.notes.join("; "));
  const q = await queryOut<{ line: number; reason: string }>(
    out,
    "SELECT line, reason FROM read_csv('{out}/quarantine.csv') WHERE tabel = 'resmi' ORDER BY line",
  );
  // The header is row 5, so person 4 is on line 9 and person 5 on line 10.
  assert.deepEqual(q.map((r) => r.line), [9, 10]);
  const inst = await queryOut(
    out,
    `SELECT n_asn, kualifikasi, kompetensi, kinerja, disiplin, nilai, kategori, peringkat
     FROM read_csv('{out}/instansi.csv', types = {'kode_instansi': 'VARCHAR'}) WHERE metode = 'resmi'`,
  );
  assert.equal(inst.length, 1);
  // (15 + 15 + 20) / 3, (40 + 25 + 10) / 3, (30 + 25 + 30) / 3, 5; total (90 + 70 + 65) / 3 = 75
  near(inst[0].kualifikasi, 50 / 3);
  near(inst[0].kompetensi, 25);
  near(inst[0].kinerja, 85 / 3);
  near(inst[0].disiplin, 5);
  near(inst[0].nilai, 75);
  assert.equal(inst[0].n_asn, 3);
  assert.equal(inst[0].kategori, "Sedang");
  // Units from the Satuan Kerja names: two, with stable derived codes.
  const units = await queryOut<{ nama_unit: string; kode_unit: string; n_asn: number }>(
    out,
    `SELECT nama_unit, kode_unit, n_asn FROM read_csv('{out}/unit.csv', types = {'kode_unit': 'VARCHAR'})
     WHERE metode = 'resmi' ORDER BY nama_unit`,
  );
  assert.deepEqual(units.map((u) => [u.nama_unit, u.n_asn]), [
    ["Dinas Kesehatan", 1],
    ["Dinas Pendidikan", 2],
  ]);
  assert.match(units[0].kode_unit, /^SK-[0-9a-f]{8}$/);
  const manifest = JSON.parse(Deno.readTextFileSync(join(out, "manifest.json")));
  assert.ok(manifest.metode.some((m: { id: string }) => m.id === "resmi"));
  // A plan on official values without local data: the gaps to the maximum, kualifikasi aside.
  // Person 2: kompetensi 25 → 40 (+15), kinerja 25 → 30 (+5); person 3: kompetensi 10 → 40 (+30).
  const gains = await queryOut(
    out,
    `SELECT intervensi, poin, n_asn FROM read_csv('{out}/peluang_instansi.csv') WHERE metode = 'resmi' ORDER BY ALL`,
  );
  assert.deepEqual(gains, [
    { intervensi: "resmi:kinerja:maks", poin: 5, n_asn: 1 },
    { intervensi: "resmi:kompetensi:maks", poin: 15, n_asn: 1 },
    { intervensi: "resmi:kompetensi:maks", poin: 30, n_asn: 1 },
  ]);
  // No computed method has anyone to score: only official rows.
  const methods = await queryOut<{ metode: string }>(
    out,
    "SELECT DISTINCT metode FROM read_csv('{out}/instansi.csv')",
  );
  assert.deepEqual(methods.map((m) => m.metode), ["resmi"]);
});

Deno.test("raw exports beside per-NIP official values: reconciled person by person", async () => {
  const root = await tempDir("ipasn-resmi-");
  const raw = join(root, "raw");
  // Two people, S1 (15 points), no SKP, no training, no punishment: computed bkn-2024 = 15 + 0 + 0 + 5.
  const dir = writePeriod(raw, "2024-Q3", {
    pegawai: [{ nip: nip(1) }, { nip: nip(2) }, { nip: nip(3) }],
  });
  // BKN: person 1 as computed; person 2 with kinerja 25 (an SKP BKN has and the export lacks);
  // person 4 unknown to pegawai; person 3 missing from BKN's file.
  const official = [
    { nipBaru: nip(1), kualifikasi: 15, kompetensi: 0, kinerja: 0, disiplin: 5, subtotal: 20 },
    { nipBaru: nip(2), kualifikasi: 15, kompetensi: 0, kinerja: 25, disiplin: 5, subtotal: 45 },
    { nipBaru: nip(4), kualifikasi: 20, kompetensi: 0, kinerja: 0, disiplin: 5, subtotal: 25 },
  ].map((r) => ({ ...r, created_at: "2024-10-01 08:00:00" }));
  Deno.writeTextFileSync(join(dir, "nilaiipasn.json"), JSON.stringify({ data: official }));
  const out = join(root, "out");
  await runPipeline({ raw, out, maxQuarantineShare: 0.5 });
  const acc = JSON.parse(Deno.readTextFileSync(join(out, "accounting.json")))["2024-Q3"];
  assert.deepEqual([acc.resmi.read, acc.resmi.used, acc.resmi.quarantined], [3, 2, 1]);
  assert.ok(acc.resmi.notes.some((n: string) => /pegawai/.test(n)));
  const inst = await queryOut(
    out,
    `SELECT metode, nilai, kinerja, n_asn FROM read_csv('{out}/instansi.csv') WHERE metode IN ('resmi', 'bkn-2024') ORDER BY metode`,
  );
  // bkn-2024: three people at 20. resmi: (20 + 45) / 2 = 32.5, kinerja 12.5.
  assert.equal(inst[0].metode, "bkn-2024");
  near(inst[0].nilai, 20);
  assert.equal(inst[1].metode, "resmi");
  near(inst[1].nilai, 32.5);
  near(inst[1].kinerja, 12.5);
  const selisih = await queryOut<
    { nip: string; dimensi: string; selisih: number | null; sisi: string; sebab: string | null }
  >(
    out,
    `SELECT nip, dimensi, selisih, sisi, sebab FROM '{out}/periode/*/selisih_asn.parquet'
     WHERE metode = 'bkn-2024' AND dimensi IN ('kinerja', 'total') ORDER BY nip, dimensi`,
  );
  assert.deepEqual(selisih, [
    { nip: nip(1), dimensi: "kinerja", selisih: 0, sisi: "keduanya", sebab: null },
    { nip: nip(1), dimensi: "total", selisih: 0, sisi: "keduanya", sebab: null },
    {
      nip: nip(2),
      dimensi: "kinerja",
      selisih: -25,
      sisi: "keduanya",
      sebab: "Data lokal kurang lengkap dibanding SIASN",
    },
    {
      nip: nip(2),
      dimensi: "total",
      selisih: -25,
      sisi: "keduanya",
      sebab: "Data lokal kurang lengkap dibanding SIASN",
    },
    { nip: nip(3), dimensi: "kinerja", selisih: null, sisi: "hanya_hitungan", sebab: null },
    { nip: nip(3), dimensi: "total", selisih: null, sisi: "hanya_hitungan", sebab: null },
    { nip: nip(4), dimensi: "kinerja", selisih: null, sisi: "hanya_resmi", sebab: null },
    { nip: nip(4), dimensi: "total", selisih: null, sisi: "hanya_resmi", sebab: null },
  ]);
  const agg = await queryOut(
    out,
    `SELECT n_asn, n_beda, selisih_rata, n_hanya_resmi, n_hanya_hitungan FROM read_csv('{out}/selisih_instansi.csv')
     WHERE metode = 'bkn-2024' AND dimensi = 'kinerja'`,
  );
  assert.deepEqual(agg, [{
    n_asn: 2,
    n_beda: 1,
    selisih_rata: -12.5,
    n_hanya_resmi: 1,
    n_hanya_hitungan: 1,
  }]);
});

Deno.test("a plan on official values counts the SIASN fixes the local data shows", async () => {
  const root = await tempDir("ipasn-resmi-");
  const raw = join(root, "raw");
  // S1 gives 15 under bkn-2024; BKN scored 5 (SIASN still holds SLTA): fixing it adds 10.
  const dir = writePeriod(raw, "2024-Q3", { pegawai: [{ nip: nip(1) }, { nip: nip(2) }] });
  Deno.writeTextFileSync(
    join(dir, "resmi.csv"),
    `nip,kualifikasi,kompetensi,kinerja,disiplin,total\n${nip(1)},5,0,0,5,10\n${
      nip(2)
    },15,0,0,5,20\n`,
  );
  const out = join(root, "out");
  await runPipeline({ raw, out });
  const gains = await queryOut(
    out,
    `SELECT intervensi, poin, n_asn FROM read_csv('{out}/peluang_instansi.csv') WHERE metode = 'resmi'`,
  );
  assert.deepEqual(gains, [{ intervensi: "resmi:kualifikasi", poin: 10, n_asn: 1 }]);
});

Deno.test("the gain tables are the same with and without per-person files (official results too)", async () => {
  const root = await tempDir("ipasn-resmi-gains-");
  const raw = join(root, "raw");
  // No training for anyone: gains under both profiles. Person 2's SKP is the instansi's mode,
  // assumed for 1 and 3 (an SKP gain); person 3 has no education (a pendidikan gain); person 1 a
  // punishment in force (a disiplin gain); person 4 is in another instansi with no SKP at all
  // (no mode to assume: no SKP gain); persons 5 and 6 are alike in every gain (counted together).
  // Official values for two of them (the SIASN gains of `resmi`).
  const dir = writePeriod(raw, "2024-Q3", {
    pegawai: [
      { nip: nip(1) },
      { nip: nip(2) },
      { nip: nip(3), pendidikan: "" },
      { nip: nip(4), kode_instansi: "6472", kode_unit: "U9" },
      { nip: nip(5) },
      { nip: nip(6) },
    ],
    kinerja: [{ nip: nip(2), tahun: 2024, predikat: "BAIK" }],
    hukdis: [{ nip: nip(1), tingkat: "RINGAN", tmt: "2024-02-01", akhir: "2024-12-31" }],
  });
  // Person 1's official kualifikasi is 0 where the export has S1 (15): a SIASN fix to count.
  const official = [
    { nipBaru: nip(1), kualifikasi: 0, kompetensi: 0, kinerja: 0, disiplin: 5, subtotal: 5 },
    { nipBaru: nip(2), kualifikasi: 15, kompetensi: 0, kinerja: 25, disiplin: 5, subtotal: 45 },
  ].map((r) => ({ ...r, created_at: "2024-10-01 08:00:00" }));
  Deno.writeTextFileSync(join(dir, "nilaiipasn.json"), JSON.stringify({ data: official }));
  const all = join(root, "all"), none = join(root, "none");
  await runPipeline({ raw, out: all, perAsn: "all", maxQuarantineShare: 0.5 });
  await runPipeline({ raw, out: none, perAsn: "none", maxQuarantineShare: 0.5 });
  for (const f of ["peluang_unit.parquet", "peluang_instansi.parquet"]) {
    const file = (o: string) => Deno.readFileSync(join(o, "periode/2024-Q3", f));
    assert.deepEqual(file(none), file(all), f);
  }
  const metode = (await queryOut<{ metode: string }>(
    none,
    "SELECT DISTINCT metode FROM read_parquet('{out}/periode/2024-Q3/peluang_instansi.parquet')",
  )).map((m) => m.metode);
  for (const m of ["bkn-2019", "bkn-2024", "resmi"]) assert.ok(metode.includes(m), m);
  const counted = await queryOut<{ intervensi: string; n: bigint }>(
    none,
    `SELECT intervensi, sum(n_asn) AS n FROM read_parquet('{out}/periode/2024-Q3/peluang_instansi.parquet')
    WHERE metode = 'bkn-2024' AND intervensi IN ('skp', 'pendidikan', 'disiplin') GROUP BY ALL ORDER BY ALL`,
  );
  assert.deepEqual(counted.map((r) => [r.intervensi, Number(r.n)]), [
    ["disiplin", 1],
    ["pendidikan", 1],
    ["skp", 4],
  ]);
  assert.ok(!existsSync(join(none, "periode/2024-Q3/peluang_asn.parquet")));
});
