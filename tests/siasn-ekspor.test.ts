/**
 * A SIASN export with the gaps of a real one, in two layouts that hold the same people and records:
 * tests/fixtures/siasn-ekspor/ ("Export Data ASN": upper-case headers with spaces, `;`, one file
 * per record kind: data-utama, rw-kursus, rw-diklat, rw-skp22, rw-hukdis) and tests/fixtures/siasn-ws/
 * (web-service camelCase keys, comma CSV and the JSON envelope `{"data": [...]}` for rw-kursus and
 * rw-skp22). Scored with the defaults (no share limit): a value the method can treat as absent is
 * used and counted as a gap; only rows that cannot be used are quarantined.
 *
 * Instansi: INSTANSI KERJA NAMA "Pemerintah Kab. Banyumas" → 3302 (data/reference/wilayah-nasional.csv),
 * 20 ASN in four unit kerja (BKPSDM, Dinas Kesehatan, Dinas Pendidikan dan Kebudayaan, Sekretariat
 * Daerah). Period 2024, window 2024-01-01 … 2024-12-31. Points: data/methods/bkn-2019.json and
 * bkn-2024.json. Per person [kualifikasi, kompetensi, kinerja, disiplin] = total. bkn-2019
 * kompetensi = kepemimpinan 15 (JPT ≤ PIM II, ADMINISTRATOR ≤ PIM III/PKA, PENGAWAS ≤ PIM IV/PKP,
 * ever attended) or fungsional 15 (ever, or exempt title) + teknis ≥ 20 JP in the window 15 (22.5
 * PELAKSANA) + seminar/workshop/kursus/magang in the window 10 (17.5 PELAKSANA). bkn-2024 kompetensi
 * = predikat base (SB 25, B 20, BP 15, K 10, SK 5) + 15 for ≥ 20 JP of any jenis in the window,
 * capped at 40; kinerja SB 30, B 25, BP 20, K 15, SK 10 (bkn-2019: 30, 25, 15, 10, 5). Disiplin:
 * clean 5, RINGAN 3, SEDANG 2, BERAT 0 while in force in the window. "JP" sums below count window
 * rows only.
 *
 * P01 196805121994031005 JPT (II.b, ESELON ID 22), S-2 → S2 20. rw-diklat id 4 PIM II (2019);
 *     kursus teknis 32 JP (2024). SKP 2024 SANGAT BAIK.
 *     bkn-2019: 20, 15 (PIM II = level 2 ≤ 2) + 15 (32 ≥ 20) + 0 = 30, 30, 5 → 85
 *     bkn-2024: 20, 25 + 15 (32) = 40, 30, 5 → 95
 * P02 197502082000121002 ADMINISTRATOR (31), S1 15. The leadership training as a course: rw-kursus
 *     JENIS DIKLAT ID 1, NAMA KURSUS "PELATIHAN KEPEMIMPINAN ADMINISTRATOR ANGKATAN II" (2022) → PKA
 *     from the course name; teknis 2024 with JP empty (gap: adds 0); seminar 8 JP 2024. SKP BAIK.
 *     bkn-2019: 15, 15 (PKA = level 3 ≤ 3) + 0 (0 JP teknis) + 10 (seminar) = 25, 25, 5 → 70
 *     bkn-2024: 15, 20 + 0 (0 + 8 = 8 < 20) = 20, 25, 5 → 65
 * P03 198109172006042011 PENGAWAS (41), Diploma IV → D4 15. rw-diklat id 8 "Diklat Struktural
 *     Lainnya" (2021), NOMOR "00003654/PKP/6900/012/LAN-PEMPROV JATENG/2021" → PKP from the number;
 *     teknis 24 JP 2024. SKP BAIK.
 *     bkn-2019: 15, 15 (PKP = level 4 ≤ 4) + 15 (24) + 0 = 30, 25, 5 → 75
 *     bkn-2024: 15, 20 + 15 (24) = 35, 25, 5 → 80
 * P04 198310252009011003 PENGAWAS (42), S1 15. rw-diklat id 8 with NOMOR "47677": level not known
 *     (gap jenjang, no leadership points); teknis 30 JP in 2023 (outside); workshop 16 JP 2024.
 *     SKP BUTUH PERBAIKAN.
 *     bkn-2019: 15, 0 + 0 + 10 (workshop) = 10, 15, 5 → 45
 *     bkn-2024: 15, 15 + 0 (16 < 20) = 15, 20, 5 → 55
 * P05 197207141998031007 ADMINISTRATOR (32), S2 20. rw-diklat id 3 PIM III with no date, no number
 *     and no JP (gaps tanggal and jp: ever attended, in no window); teknis 20 JP 2024. SKP SB.
 *     bkn-2019: 20, 15 (PIM III, ever) + 15 (20 ≥ 20) + 0 = 30, 30, 5 → 85
 *     bkn-2024: 20, 25 + 15 (20) = 40, 30, 5 → 95
 * P06 198012302005011004 JENIS JABATAN ID 1 "Jabatan Struktural" with ESELON ID empty (gap
 *     jenis_jabatan: no jabatan-specific item), S1 15. PIM IV (2016); teknis 24 JP and seminar 4 JP
 *     in 2024. SKP BAIK.
 *     bkn-2019: 15, 0, 25, 5 → 45
 *     bkn-2024: 15, 20 + 15 (24 + 4 = 28) = 35, 25, 5 → 80
 * P07 199001142014022001 PELAKSANA (JENIS JABATAN ID 4), TINGKAT PENDIDIKAN ID and NAMA empty (gap
 *     pendidikan) → 0. E-Learning (id 16 → TEKNIS) 24 JP 2024. SKP BAIK.
 *     bkn-2019: 0, 22.5 (24 ≥ 20) + 0 = 22.5, 25, 5 → 52.5
 *     bkn-2024: 0, 20 + 15 (24) = 35, 25, 5 → 65
 * P08 199203152023212012 PPPK (KEDUDUKAN HUKUM ID 71, STATUS CPNS PNS empty), Guru Ahli Pertama, S1
 *     15. Workshop 2024 with JP empty (gap); teknis 12 JP 2024. SKP SB.
 *     bkn-2019: not counted (PNS only)
 *     bkn-2024: 15, 25 + 0 (0 + 12 = 12 < 20) = 25, 30, 5 → 75
 * P09 198707072010012015 FUNGSIONAL Guru Ahli Muda (exempt: "guru"), S1 15. Teknis 2024 with JP
 *     empty (gap). SKP 2023 BAIK, and a 2024 row with KUADRAN KINERJA and its NILAI empty (gap
 *     predikat: as if absent, so 2023's BAIK applies, tahun_mundur 1).
 *     bkn-2019: 15, 15 (exempt) + 0 + 0 = 15, 25, 5 → 60
 *     bkn-2024: 15, 20 + 0 = 20, 25, 5 → 65
 * P10 198511222010011006 FUNGSIONAL Analis SDM Aparatur (not exempt), S2 20. Fungsional (id 2, 2021);
 *     teknis 8 + 16 JP 2024. Only SKP: TAHUN "2023.0" (read 2023) SANGAT BAIK.
 *     bkn-2019: 20, 15 (fungsional) + 15 (8 + 16 = 24) + 0 = 30, 30, 5 → 85
 *     bkn-2024: 20, 25 + 15 (24) = 40, 30, 5 → 95
 * P11 198504132018122546 written ="198504132018122546" in data-utama (read without the formula).
 *     PELAKSANA, SLTA 5. E-Learning 10 JP and Sosialisasi (id 7 → SEMINAR) 3 JP 2024. SKP BAIK.
 *     bkn-2019: 5, 0 (10 < 20) + 17.5 (sosialisasi) = 17.5, 25, 5 → 52.5
 *     bkn-2024: 5, 20 + 0 (10 + 3 = 13 < 20) = 20, 25, 5 → 55
 * P12 197912012007011009 PELAKSANA, Diploma III/Sarjana Muda → D3 10. No training. SKP BUTUH
 *     PERBAIKAN. Punishment with JENIS TINGKAT HUKUMAN ID empty, named "Pemotongan tunjangan kinerja
 *     sebesar 25% selama 6 bulan" → SEDANG (pola.json tingkat_hukdis, PP 94/2021), 2024-04 … 2024-09.
 *     bkn-2019: 10, 0, 15, 2 → 27
 *     bkn-2024: 10, 15 + 0 = 15, 20, 2 → 47
 * P13 199205052017081002 FUNGSIONAL Perawat (exempt), S1 15. Teknis 30 JP 2024; seminar 2023 with JP
 *     empty (gap, outside). SKP BAIK. Punishment "Penurunan pangkat" with tingkat empty: the name has
 *     no duration, so no level (gap tingkat) and it is not counted → 5.
 *     bkn-2019: 15, 15 (exempt) + 15 (30) + 0 = 30, 25, 5 → 75
 *     bkn-2024: 15, 20 + 15 (30) = 35, 25, 5 → 80
 * P14 198806192011012008 PELAKSANA, S1 15. Seminar 8 JP 2024. SKP SB. Teguran tertulis (R) from
 *     2024-02-05 with AKHIR HUKUM TANGGAL 0000-00-00 (read empty: in force to 2024-12-31) → 3.
 *     bkn-2019: 15, 0 + 17.5 (seminar) = 17.5, 30, 3 → 65.5
 *     bkn-2024: 15, 25 + 0 (8 < 20) = 25, 30, 3 → 73
 * P15 199402282019031003 FUNGSIONAL Pranata Komputer (not exempt, no diklat fungsional), S1 15.
 *     Teknis 24 JP from 2024-06-10 with TANGGAL SELESAI KURSUS 0000-00-00 (read empty: dated by its
 *     start). SKP BAIK.
 *     bkn-2019: 15, 0 + 15 (24) + 0 = 15, 25, 5 → 60
 *     bkn-2024: 15, 20 + 15 (24) = 35, 25, 5 → 80
 * P16 196911031995121001 JPT (II.a, 21), S-3/Doktor → S3 25. PIM III (2010) only: level 3 > 2, no
 *     points; teknis 40 JP and kursus (id 11) 16 JP 2024. SKP SB.
 *     bkn-2019: 25, 0 + 15 (40) + 10 (kursus) = 25, 30, 5 → 85
 *     bkn-2024: 25, 25 + 15 (40 + 16 = 56) = 40, 30, 5 → 100
 * P17 199807172024061001 CPNS (STATUS CPNS PNS C → PNS), PELAKSANA, S1 15. Pelatihan Dasar (teknis)
 *     2024 with JP empty (gap). No SKP.
 *     bkn-2019: 15, 0 + 0 = 0, 0, 5 → 20
 *     bkn-2024: 15, 0 + 0 = 0, 0, 5 → 20
 * P18 198202112008012006 PENGAWAS (41), S1 15. PIM IV (2015); teknis 2019 with JP empty (gap,
 *     outside). SKP 2024 KUADRAN KINERJA empty, NILAI 4 → KURANG (not a gap). Punishment B
 *     2022-01-03 … 2023-01-03: over before the window → 5.
 *     bkn-2019: 15, 15 (PIM IV) + 0 + 0 = 15, 10, 5 → 45
 *     bkn-2024: 15, 10 + 0 = 10, 15, 5 → 45
 * P19 198908302012122003 FUNGSIONAL Bidan (exempt), D4 15. Workshop 2024 and teknis 2022, both with
 *     JP empty (gaps). SKP SANGAT KURANG. Punishment B 2023-09-01 … 2024-08-31, in force → 0.
 *     bkn-2019: 15, 15 (exempt) + 0 + 10 (workshop) = 25, 5, 0 → 45
 *     bkn-2024: 15, 5 + 0 = 5, 10, 0 → 30
 * P20 198704042015031002 FUNGSIONAL Dokter (exempt), S1 15. Magang (id 10) 2024 with JP empty (gap);
 *     teknis 20 JP 2024. SKP BAIK.
 *     bkn-2019: 15, 15 (exempt) + 15 (20) + 10 (magang) = 40, 25, 5 → 85
 *     bkn-2024: 15, 20 + 15 (0 + 20 = 20) = 35, 25, 5 → 80
 *
 * Instansi 3302: bkn-2019 counts the 19 PNS (P08 aside): 85 + 70 + 75 + 45 + 85 + 45 + 52.5 + 60 +
 * 85 + 52.5 + 27 + 75 + 65.5 + 60 + 85 + 20 + 45 + 45 + 85 = 1162.5, mean 1162.5 / 19 = 61.18…;
 * bkn-2024 the 20 ASN: 95 + 65 + 80 + 55 + 95 + 80 + 65 + 75 + 65 + 95 + 55 + 47 + 80 + 73 + 80 + 100
 * + 20 + 45 + 30 + 80 = 1380, mean 1380 / 20 = 69.
 *
 * Accounting (read = used + quarantined; gaps = used rows lacking the value):
 * - pegawai 20 = 20 + 0; gaps pendidikan 1 (P07), jenis_jabatan 1 (P06).
 * - diklat 40 (rw-kursus 33, rw-diklat 7) = 38 + 2. Quarantined: rw-kursus line 12 (NIP of 17
 *   digits) and line 23 (NIP 198612062011011004, not in data-utama). Gaps: jp 10 (rw-kursus lines
 *   4, 14, 16, 24, 29, 30, 31, 32, 33 and rw-diklat line 5: every used row without JP, whatever its
 *   jenis), jenjang 1 (rw-diklat line 4, P04), tanggal 1 (rw-diklat line 5, P05).
 * - kinerja 21 = 20 + 1. Quarantined: rw-skp22 line 14 (the same unknown NIP). Gaps: predikat 1
 *   (line 11, P09 2024).
 * - hukdis 5 = 5 + 0; gaps tingkat 1 (P13).
 *
 * Were the gap rows quarantined instead, P02, P03, P05, P06, P10, P11, P12, P14 and P15 would score
 * otherwise; P04, P09, P13 and P17-P20 score the same either way (their gap rows add nothing), so
 * only the accounting tells the two apart for them.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { runPipeline } from "../loaders/engine/pipeline.ts";
import { queryOut, tempDir } from "./helpers/fixture.ts";

const EKSPOR = new URL("./fixtures/siasn-ekspor/raw/", import.meta.url).pathname;
const WS = new URL("./fixtures/siasn-ws/raw/", import.meta.url).pathname;
const KODE = "3302";

type Dims = [number, number, number, number];
const EXPECTED: Record<string, { nip: string; "bkn-2019": Dims | null; "bkn-2024": Dims }> = {
  P01: { nip: "196805121994031005", "bkn-2019": [20, 30, 30, 5], "bkn-2024": [20, 40, 30, 5] },
  P02: { nip: "197502082000121002", "bkn-2019": [15, 25, 25, 5], "bkn-2024": [15, 20, 25, 5] },
  P03: { nip: "198109172006042011", "bkn-2019": [15, 30, 25, 5], "bkn-2024": [15, 35, 25, 5] },
  P04: { nip: "198310252009011003", "bkn-2019": [15, 10, 15, 5], "bkn-2024": [15, 15, 20, 5] },
  P05: { nip: "197207141998031007", "bkn-2019": [20, 30, 30, 5], "bkn-2024": [20, 40, 30, 5] },
  P06: { nip: "198012302005011004", "bkn-2019": [15, 0, 25, 5], "bkn-2024": [15, 35, 25, 5] },
  P07: { nip: "199001142014022001", "bkn-2019": [0, 22.5, 25, 5], "bkn-2024": [0, 35, 25, 5] },
  P08: { nip: "199203152023212012", "bkn-2019": null, "bkn-2024": [15, 25, 30, 5] },
  P09: { nip: "198707072010012015", "bkn-2019": [15, 15, 25, 5], "bkn-2024": [15, 20, 25, 5] },
  P10: { nip: "198511222010011006", "bkn-2019": [20, 30, 30, 5], "bkn-2024": [20, 40, 30, 5] },
  P11: { nip: "198504132018122546", "bkn-2019": [5, 17.5, 25, 5], "bkn-2024": [5, 20, 25, 5] },
  P12: { nip: "197912012007011009", "bkn-2019": [10, 0, 15, 2], "bkn-2024": [10, 15, 20, 2] },
  P13: { nip: "199205052017081002", "bkn-2019": [15, 30, 25, 5], "bkn-2024": [15, 35, 25, 5] },
  P14: { nip: "198806192011012008", "bkn-2019": [15, 17.5, 30, 3], "bkn-2024": [15, 25, 30, 3] },
  P15: { nip: "199402282019031003", "bkn-2019": [15, 15, 25, 5], "bkn-2024": [15, 35, 25, 5] },
  P16: { nip: "196911031995121001", "bkn-2019": [25, 25, 30, 5], "bkn-2024": [25, 40, 30, 5] },
  P17: { nip: "199807172024061001", "bkn-2019": [15, 0, 0, 5], "bkn-2024": [15, 0, 0, 5] },
  P18: { nip: "198202112008012006", "bkn-2019": [15, 15, 10, 5], "bkn-2024": [15, 10, 15, 5] },
  P19: { nip: "198908302012122003", "bkn-2019": [15, 25, 5, 0], "bkn-2024": [15, 5, 10, 0] },
  P20: { nip: "198704042015031002", "bkn-2019": [15, 40, 25, 5], "bkn-2024": [15, 35, 25, 5] },
};
const MEAN = { "bkn-2019": { n: 19, nilai: 1162.5 / 19 }, "bkn-2024": { n: 20, nilai: 1380 / 20 } };

interface TableAcc {
  read: number;
  used: number;
  quarantined: number;
  gaps?: Record<string, number>;
  notes: string[];
}
interface Skor {
  metode: string;
  nip: string;
  kode_instansi: string;
  kualifikasi: number;
  kompetensi: number;
  kinerja: number;
  disiplin: number;
}
interface Run {
  out: string;
  accounting: Record<string, TableAcc>;
  skor: Skor[];
  instansi: { metode: string; nilai: number; n_asn: number }[];
}

/** One run per layout, with the defaults (no share limit, the built-in reference), shared by the tests. */
const runs = new Map<string, Promise<Run>>();
function run(raw: string): Promise<Run> {
  if (!runs.has(raw)) {
    runs.set(
      raw,
      (async () => {
        const out = join(await tempDir(), "out");
        await runPipeline({ raw, out });
        // accounting.json as written (the file a user reads), not the in-memory result.
        const accounting = JSON.parse(Deno.readTextFileSync(join(out, "accounting.json")))["2024"];
        const skor = await queryOut<Skor>(
          out,
          "SELECT metode, nip, kode_instansi, kualifikasi, kompetensi, kinerja, disiplin FROM '{out}/periode/*/skor_asn.parquet' WHERE metode IN ('bkn-2019', 'bkn-2024') ORDER BY metode, nip",
        );
        const instansi = await queryOut<{ metode: string; nilai: number; n_asn: number }>(
          out,
          `SELECT metode, nilai, n_asn FROM '{out}/instansi.parquet' WHERE kode_instansi = '${KODE}' AND metode IN ('bkn-2019', 'bkn-2024') ORDER BY metode`,
        );
        return { out, accounting, skor, instansi };
      })(),
    );
  }
  return runs.get(raw)!;
}

function assertScores(r: Run, layout: string) {
  for (const s of r.skor) {
    assert.equal(s.kode_instansi, KODE, `${layout}: instansi by INSTANSI KERJA NAMA`);
  }
  for (const [who, e] of Object.entries(EXPECTED)) {
    for (const metode of ["bkn-2019", "bkn-2024"] as const) {
      const s = r.skor.find((x) => x.nip === e.nip && x.metode === metode);
      const got = s ? [s.kualifikasi, s.kompetensi, s.kinerja, s.disiplin] : null;
      assert.deepEqual(got, e[metode], `${layout} ${who} ${e.nip} ${metode}`);
    }
  }
  assert.equal(r.skor.length, 19 + 20, `${layout}: nobody else is scored`);
  assert.deepEqual(r.instansi.map((i) => [i.metode, Number(i.n_asn)]), [
    ["bkn-2019", MEAN["bkn-2019"].n],
    ["bkn-2024", MEAN["bkn-2024"].n],
  ]);
  for (const i of r.instansi) {
    const want = MEAN[i.metode as keyof typeof MEAN].nilai;
    assert.ok(
      Math.abs(i.nilai - want) < 1e-9,
      `${layout} ${i.metode} mean ${i.nilai}, want ${want}`,
    );
  }
}

const ACCOUNTING = {
  pegawai: { read: 20, used: 20, quarantined: 0, gaps: { pendidikan: 1, jenis_jabatan: 1 } },
  diklat: { read: 40, used: 38, quarantined: 2, gaps: { jp: 10, jenjang: 1, tanggal: 1 } },
  kinerja: { read: 21, used: 20, quarantined: 1, gaps: { predikat: 1 } },
  hukdis: { read: 5, used: 5, quarantined: 0, gaps: { tingkat: 1 } },
};

/** read, used, quarantined and the non-zero gaps of each table. */
function counts(acc: Record<string, TableAcc>) {
  return Object.fromEntries(
    Object.keys(ACCOUNTING).map((t) => {
      const a = acc[t];
      const gaps = Object.fromEntries(Object.entries(a.gaps ?? {}).filter(([, n]) => n > 0));
      return [t, { read: a.read, used: a.used, quarantined: a.quarantined, gaps }];
    }),
  );
}

Deno.test("an Export Data ASN with a real export's gaps scores with the defaults as computed by hand", async () => {
  assertScores(await run(EKSPOR), "ekspor");
});

Deno.test("its accounting uses the gaps, counts them, and quarantines only rows it cannot use", async () => {
  const r = await run(EKSPOR);
  assert.deepEqual(counts(r.accounting), ACCOUNTING);
  const q = await queryOut<
    { tabel: string; file: string; line: string; column: string; reason: string; code: string }
  >(
    r.out,
    `SELECT tabel, regexp_extract(file, '[^/]+$') AS file, line, "column", reason, code
     FROM read_csv('{out}/quarantine.csv', all_varchar = true) ORDER BY tabel, file, CAST(line AS INTEGER)`,
  );
  assert.deepEqual(q.map((x) => [x.tabel, x.file, Number(x.line), x.column]), [
    ["diklat", "rw-kursus.csv", 12, "nip"],
    ["diklat", "rw-kursus.csv", 23, "nip"],
    ["kinerja", "rw-skp22.csv", 14, "nip"],
  ]);
  assert.match(q[0].reason, /18 digits/);
  assert.match(q[1].reason, /198612062011011004 is not in pegawai/);
  assert.match(q[2].reason, /198612062011011004 is not in pegawai/);
  for (const x of q) assert.ok(x.code, `quarantine line ${x.line} has a code`);
  // The office habits are read, and said so.
  const said = (t: string, re: RegExp) =>
    assert.ok(
      r.accounting[t].notes.some((n) => re.test(n)),
      `${t} notes: ${r.accounting[t].notes}`,
    );
  said("pegawai", /="|Excel/);
  said("diklat", /0000-00-00/);
  said("hukdis", /0000-00-00/);
});

Deno.test("the web-service layout of the same records gives the same scores and accounting", async () => {
  const ws = await run(WS);
  assertScores(ws, "ws");
  const ekspor = await run(EKSPOR);
  assert.deepEqual(ws.skor, ekspor.skor, "the layout changes no score");
  assert.deepEqual(ws.instansi, ekspor.instansi);
  assert.deepEqual(counts(ws.accounting), counts(ekspor.accounting));
});
