/**
 * Every rule of both shipped method profiles, pinned with hand-computed cases. One person per
 * case, scored in period 2024-Q3 (window 2024-01-01 … 2024-09-30) under bkn-2019 and bkn-2024.
 * Expected values are [kualifikasi, kompetensi, kinerja, disiplin]; null = not counted.
 */
import assert from "node:assert/strict";
import { loadProfiles, ProfileError } from "../loaders/engine/method.ts";
import { join } from "node:path";
import { ROOT } from "../loaders/paths.ts";
import {
  type Export,
  nip,
  type Row,
  scoreAndQuery,
  tempDir,
  writePeriod,
} from "./helpers/fixture.ts";

type Dims = [number, number, number, number] | null;
interface Case {
  name: string;
  pegawai?: Row;
  diklat?: Row[];
  kinerja?: Row[];
  hukdis?: Row[];
  "bkn-2019": Dims;
  "bkn-2024": Dims;
}

const T = (jp: number, selesai: string, jenis = "TEKNIS", mulai?: string): Row => ({
  jenis,
  jp,
  tanggal_mulai: mulai ?? selesai,
  tanggal_selesai: selesai,
});
const PIM = (jenjang: string, date = "2010-05-01"): Row => ({
  jenis: "STRUKTURAL",
  jenjang,
  tanggal_mulai: date,
});
const SKP = (tahun: number, predikat: string): Row => ({ tahun, predikat });
const HUK = (tingkat: string, tmt: string, akhir?: string): Row => ({ tingkat, tmt, akhir });

const CASES: Case[] = [
  // Kualifikasi (same in both profiles); default person: PELAKSANA, no training, no SKP, clean.
  {
    name: "S3",
    pegawai: { pendidikan: "S3" },
    "bkn-2019": [25, 0, 0, 5],
    "bkn-2024": [25, 0, 0, 5],
  },
  {
    name: "S2 as Magister",
    pegawai: { pendidikan: "Magister" },
    "bkn-2019": [20, 0, 0, 5],
    "bkn-2024": [20, 0, 0, 5],
  },
  {
    name: "S1 as S-1",
    pegawai: { pendidikan: "S-1" },
    "bkn-2019": [15, 0, 0, 5],
    "bkn-2024": [15, 0, 0, 5],
  },
  {
    name: "D4 as D-IV",
    pegawai: { pendidikan: "D-IV" },
    "bkn-2019": [15, 0, 0, 5],
    "bkn-2024": [15, 0, 0, 5],
  },
  {
    name: "D3",
    pegawai: { pendidikan: "D3" },
    "bkn-2019": [10, 0, 0, 5],
    "bkn-2024": [10, 0, 0, 5],
  },
  { name: "D2", pegawai: { pendidikan: "D2" }, "bkn-2019": [5, 0, 0, 5], "bkn-2024": [5, 0, 0, 5] },
  { name: "D1", pegawai: { pendidikan: "D1" }, "bkn-2019": [5, 0, 0, 5], "bkn-2024": [5, 0, 0, 5] },
  {
    name: "SLTA as SMK",
    pegawai: { pendidikan: "SMK" },
    "bkn-2019": [5, 0, 0, 5],
    "bkn-2024": [5, 0, 0, 5],
  },
  {
    name: "SLTP",
    pegawai: { pendidikan: "SLTP" },
    "bkn-2019": [1, 0, 0, 5],
    "bkn-2024": [1, 0, 0, 5],
  },
  { name: "SD", pegawai: { pendidikan: "SD" }, "bkn-2019": [1, 0, 0, 5], "bkn-2024": [1, 0, 0, 5] },
  {
    name: "pendidikan missing",
    pegawai: { pendidikan: "" },
    "bkn-2019": [0, 0, 0, 5],
    "bkn-2024": [0, 0, 0, 5],
  },

  // Population: PPPK only under bkn-2024.
  { name: "PPPK", pegawai: { jenis_pegawai: "PPPK" }, "bkn-2019": null, "bkn-2024": [15, 0, 0, 5] },

  // bkn-2019 leadership training, matched to the jenjang held (ever attended up to the window's end).
  {
    name: "JPT with PIM II",
    pegawai: { jenis_jabatan: "JPT Pratama" },
    diklat: [PIM("PIM II")],
    "bkn-2019": [15, 15, 0, 5],
    "bkn-2024": [15, 0, 0, 5],
  },
  {
    name: "JPT with PKN I",
    pegawai: { jenis_jabatan: "JPT" },
    diklat: [PIM("PKN_I")],
    "bkn-2019": [15, 15, 0, 5],
    "bkn-2024": [15, 0, 0, 5],
  },
  {
    name: "JPT with only PIM III",
    pegawai: { jenis_jabatan: "JPT" },
    diklat: [PIM("PIM III")],
    "bkn-2019": [15, 0, 0, 5],
    "bkn-2024": [15, 0, 0, 5],
  },
  {
    name: "ADMINISTRATOR with higher PIM II",
    pegawai: { jenis_jabatan: "ADMINISTRATOR" },
    diklat: [PIM("Diklatpim Tk. II")],
    "bkn-2019": [15, 15, 0, 5],
    "bkn-2024": [15, 0, 0, 5],
  },
  {
    name: "ADMINISTRATOR with PKA",
    pegawai: { jenis_jabatan: "Eselon III" },
    diklat: [PIM("PKA")],
    "bkn-2019": [15, 15, 0, 5],
    "bkn-2024": [15, 0, 0, 5],
  },
  {
    name: "ADMINISTRATOR with lower PIM IV",
    pegawai: { jenis_jabatan: "ADMINISTRATOR" },
    diklat: [PIM("PIM IV")],
    "bkn-2019": [15, 0, 0, 5],
    "bkn-2024": [15, 0, 0, 5],
  },
  {
    name: "PENGAWAS with PKP",
    pegawai: { jenis_jabatan: "PENGAWAS" },
    diklat: [PIM("Pelatihan Kepemimpinan Pengawas")],
    "bkn-2019": [15, 15, 0, 5],
    "bkn-2024": [15, 0, 0, 5],
  },
  {
    name: "PENGAWAS with PIM IV after the window",
    pegawai: { jenis_jabatan: "PENGAWAS" },
    diklat: [PIM("PIM IV", "2024-10-01")],
    "bkn-2019": [15, 0, 0, 5],
    "bkn-2024": [15, 0, 0, 5],
  },
  {
    name: "PENGAWAS with PIM IV ending on the window's last day",
    pegawai: { jenis_jabatan: "PENGAWAS" },
    diklat: [PIM("PIM IV", "2024-09-30")],
    "bkn-2019": [15, 15, 0, 5],
    "bkn-2024": [15, 0, 0, 5],
  },
  {
    name: "PELAKSANA with PIM IV gets nothing for it",
    diklat: [PIM("PIM IV")],
    "bkn-2019": [15, 0, 0, 5],
    "bkn-2024": [15, 0, 0, 5],
  },

  // bkn-2019 functional training and the exempt positions.
  {
    name: "FUNGSIONAL with diklat fungsional",
    pegawai: { jenis_jabatan: "JF", nama_jabatan: "Analis Kebijakan" },
    diklat: [{ jenis: "FUNGSIONAL", tanggal_mulai: "2012-03-01" }],
    "bkn-2019": [15, 15, 0, 5],
    "bkn-2024": [15, 0, 0, 5],
  },
  {
    name: "FUNGSIONAL without it",
    pegawai: { jenis_jabatan: "FUNGSIONAL", nama_jabatan: "Analis Kebijakan" },
    "bkn-2019": [15, 0, 0, 5],
    "bkn-2024": [15, 0, 0, 5],
  },
  {
    name: "FUNGSIONAL exempt: guru",
    pegawai: { jenis_jabatan: "FUNGSIONAL", nama_jabatan: "Guru Ahli Pertama" },
    "bkn-2019": [15, 15, 0, 5],
    "bkn-2024": [15, 0, 0, 5],
  },
  {
    name: "FUNGSIONAL exempt: DOKTER GIGI (case)",
    pegawai: { jenis_jabatan: "FUNGSIONAL", nama_jabatan: "DOKTER GIGI MUDA" },
    "bkn-2019": [15, 15, 0, 5],
    "bkn-2024": [15, 0, 0, 5],
  },
  {
    name: "PELAKSANA named guru is not exempt",
    pegawai: { nama_jabatan: "Pengadministrasi Guru" },
    "bkn-2019": [15, 0, 0, 5],
    "bkn-2024": [15, 0, 0, 5],
  },

  // JP thresholds: bkn-2019 counts TEKNIS only, bkn-2024 every jenis; 19 fails, 20 passes.
  {
    name: "PELAKSANA teknis 19 JP",
    diklat: [T(19, "2024-03-01")],
    "bkn-2019": [15, 0, 0, 5],
    "bkn-2024": [15, 0, 0, 5],
  },
  {
    name: "PELAKSANA teknis 20 JP",
    diklat: [T(20, "2024-03-01")],
    "bkn-2019": [15, 22.5, 0, 5],
    "bkn-2024": [15, 15, 0, 5],
  },
  {
    name: "FUNGSIONAL teknis 10 + 10 JP",
    pegawai: { jenis_jabatan: "FUNGSIONAL", nama_jabatan: "Analis" },
    diklat: [T(10, "2024-01-05"), T(10, "2024-09-30")],
    "bkn-2019": [15, 15, 0, 5],
    "bkn-2024": [15, 15, 0, 5],
  },
  {
    name: "teknis 20 JP before the window",
    diklat: [T(20, "2023-12-31")],
    "bkn-2019": [15, 0, 0, 5],
    "bkn-2024": [15, 0, 0, 5],
  },
  {
    name: "teknis 20 JP after the window",
    diklat: [T(20, "2024-10-01")],
    "bkn-2019": [15, 0, 0, 5],
    "bkn-2024": [15, 0, 0, 5],
  },
  {
    name: "teknis dated by its end: Dec 2023 to Jan 2024",
    diklat: [T(20, "2024-01-02", "TEKNIS", "2023-12-20")],
    "bkn-2019": [15, 22.5, 0, 5],
    "bkn-2024": [15, 15, 0, 5],
  },
  {
    name: "seminar 20 JP: seminar item in 2019, JP in 2024",
    diklat: [T(20, "2024-05-01", "SEMINAR")],
    "bkn-2019": [15, 17.5, 0, 5],
    "bkn-2024": [15, 15, 0, 5],
  },
  {
    name: "JPT seminar without JP",
    pegawai: { jenis_jabatan: "JPT" },
    diklat: [{ jenis: "WORKSHOP", tanggal_mulai: "2024-02-02" }],
    "bkn-2019": [15, 10, 0, 5],
    "bkn-2024": [15, 0, 0, 5],
  },
  {
    name: "magang after the window",
    diklat: [{ jenis: "MAGANG", tanggal_mulai: "2024-10-01" }],
    "bkn-2019": [15, 0, 0, 5],
    "bkn-2024": [15, 0, 0, 5],
  },
  {
    name: "JPT all three items",
    pegawai: { jenis_jabatan: "JPT" },
    diklat: [PIM("PIM II"), T(24, "2024-04-01"), { jenis: "KURSUS", tanggal_mulai: "2024-02-02" }],
    "bkn-2019": [15, 40, 0, 5],
    "bkn-2024": [15, 15, 0, 5],
  },
  {
    name: "PELAKSANA both items",
    diklat: [T(20, "2024-04-01"), { jenis: "SEMINAR", tanggal_mulai: "2024-02-02" }],
    "bkn-2019": [15, 40, 0, 5],
    "bkn-2024": [15, 15, 0, 5],
  },

  // Kinerja buckets and the SKP year: YYYY, else YYYY−1, older is missing.
  {
    name: "SKP Sangat Baik 2024",
    kinerja: [SKP(2024, "SANGAT_BAIK")],
    "bkn-2019": [15, 0, 30, 5],
    "bkn-2024": [15, 25, 30, 5],
  },
  {
    name: "SKP Baik",
    kinerja: [SKP(2024, "baik")],
    "bkn-2019": [15, 0, 25, 5],
    "bkn-2024": [15, 20, 25, 5],
  },
  {
    name: "SKP Cukup",
    kinerja: [SKP(2024, "Cukup")],
    "bkn-2019": [15, 0, 15, 5],
    "bkn-2024": [15, 15, 20, 5],
  },
  {
    name: "SKP Butuh Perbaikan",
    kinerja: [SKP(2024, "Butuh Perbaikan")],
    "bkn-2019": [15, 0, 15, 5],
    "bkn-2024": [15, 15, 20, 5],
  },
  {
    name: "SKP Kurang",
    kinerja: [SKP(2024, "KURANG")],
    "bkn-2019": [15, 0, 10, 5],
    "bkn-2024": [15, 10, 15, 5],
  },
  {
    name: "SKP Sangat Kurang",
    kinerja: [SKP(2024, "sangat kurang")],
    "bkn-2019": [15, 0, 5, 5],
    "bkn-2024": [15, 5, 10, 5],
  },
  {
    name: "SKP Buruk",
    kinerja: [SKP(2024, "Buruk")],
    "bkn-2019": [15, 0, 5, 5],
    "bkn-2024": [15, 5, 10, 5],
  },
  {
    name: "SKP only last year",
    kinerja: [SKP(2023, "BAIK")],
    "bkn-2019": [15, 0, 25, 5],
    "bkn-2024": [15, 20, 25, 5],
  },
  {
    name: "SKP two years old is missing",
    kinerja: [SKP(2022, "SANGAT_BAIK")],
    "bkn-2019": [15, 0, 0, 5],
    "bkn-2024": [15, 0, 0, 5],
  },
  {
    name: "SKP of this year wins over last year",
    kinerja: [SKP(2023, "SANGAT_BAIK"), SKP(2024, "KURANG")],
    "bkn-2019": [15, 0, 10, 5],
    "bkn-2024": [15, 10, 15, 5],
  },
  {
    name: "SKP of next year is not used",
    kinerja: [SKP(2025, "SANGAT_BAIK")],
    "bkn-2019": [15, 0, 0, 5],
    "bkn-2024": [15, 0, 0, 5],
  },
  {
    name: "bkn-2024 cap at 40",
    kinerja: [SKP(2024, "SANGAT_BAIK")],
    diklat: [T(40, "2024-02-01")],
    "bkn-2019": [15, 22.5, 30, 5],
    "bkn-2024": [15, 40, 30, 5],
  },

  // Disiplin: in force at any time inside the window; without akhir until 31 Dec of the tmt year.
  {
    name: "ringan in force",
    hukdis: [HUK("RINGAN", "2024-02-01", "2024-08-01")],
    "bkn-2019": [15, 0, 0, 3],
    "bkn-2024": [15, 0, 0, 3],
  },
  // Sedang is 2 since profile version 1.1.0 (three implementations agree; see its perubahan).
  {
    name: "sedang in force",
    hukdis: [HUK("Hukuman Disiplin Sedang", "2024-02-01", "2025-02-01")],
    "bkn-2019": [15, 0, 0, 2],
    "bkn-2024": [15, 0, 0, 2],
  },
  {
    name: "berat in force",
    hukdis: [HUK("berat", "2022-01-01", "2026-01-01")],
    "bkn-2019": [15, 0, 0, 0],
    "bkn-2024": [15, 0, 0, 0],
  },
  {
    name: "ended before the window",
    hukdis: [HUK("BERAT", "2022-01-01", "2023-12-31")],
    "bkn-2019": [15, 0, 0, 5],
    "bkn-2024": [15, 0, 0, 5],
  },
  {
    name: "across the window's start",
    hukdis: [HUK("SEDANG", "2023-06-01", "2024-01-01")],
    "bkn-2019": [15, 0, 0, 2],
    "bkn-2024": [15, 0, 0, 2],
  },
  {
    name: "starts after the window",
    hukdis: [HUK("BERAT", "2024-10-01", "2025-10-01")],
    "bkn-2019": [15, 0, 0, 5],
    "bkn-2024": [15, 0, 0, 5],
  },
  {
    name: "no akhir, tmt last year: over by 31 Dec",
    hukdis: [HUK("BERAT", "2023-05-01")],
    "bkn-2019": [15, 0, 0, 5],
    "bkn-2024": [15, 0, 0, 5],
  },
  {
    name: "no akhir, tmt this year: in force",
    hukdis: [HUK("RINGAN", "2024-09-30")],
    "bkn-2019": [15, 0, 0, 3],
    "bkn-2024": [15, 0, 0, 3],
  },
  {
    name: "the most severe counts",
    hukdis: [
      HUK("RINGAN", "2024-02-01", "2024-03-01"),
      HUK("BERAT", "2024-05-01", "2024-06-01"),
      HUK("SEDANG", "2024-01-01", "2024-12-01"),
    ],
    "bkn-2019": [15, 0, 0, 0],
    "bkn-2024": [15, 0, 0, 0],
  },
];

Deno.test("every rule of bkn-2019 and bkn-2024 on hand-computed cases", async () => {
  const root = await tempDir();
  const data: Required<Export> = { pegawai: [], diklat: [], kinerja: [], hukdis: [] };
  const ids = new Map<string, Case>();
  CASES.forEach((c, i) => {
    const id = nip(i + 1);
    ids.set(id, c);
    data.pegawai.push({ nip: id, ...c.pegawai });
    for (const t of ["diklat", "kinerja", "hukdis"] as const) {
      for (const r of c[t] ?? []) data[t].push({ nip: id, ...r });
    }
  });
  writePeriod(`${root}/raw`, "2024-Q3", data);
  const rows = await scoreAndQuery<
    {
      metode: string;
      nip: string;
      kualifikasi: number;
      kompetensi: number;
      kinerja: number;
      disiplin: number;
      nilai: number;
    }
  >(
    `${root}/raw`,
    "SELECT metode, nip, kualifikasi, kompetensi, kinerja, disiplin, nilai FROM '{out}/periode/*/skor_asn.parquet'",
  );
  const accounting = JSON.parse(Deno.readTextFileSync(`${root}/out/accounting.json`));
  for (const t of ["pegawai", "diklat", "hukdis"]) {
    assert.equal(accounting["2024-Q3"][t].quarantined, 0, t);
  }
  // The one SKP of the year after the period ("SKP of next year is not used") is set aside as such.
  assert.equal(accounting["2024-Q3"].kinerja.quarantined, 1);
  assert.match(Deno.readTextFileSync(`${root}/out/quarantine.csv`), /kinerja,.*after the period/);
  const failures: string[] = [];
  for (const [id, c] of ids) {
    for (const metode of ["bkn-2019", "bkn-2024"] as const) {
      const row = rows.find((r) => r.nip === id && r.metode === metode);
      const got: Dims = row ? [row.kualifikasi, row.kompetensi, row.kinerja, row.disiplin] : null;
      if (JSON.stringify(got) !== JSON.stringify(c[metode])) {
        failures.push(
          `${c.name} (${metode}): expected ${JSON.stringify(c[metode])}, got ${
            JSON.stringify(got)
          }`,
        );
      }
      if (row) {
        assert.equal(row.nilai, row.kualifikasi + row.kompetensi + row.kinerja + row.disiplin);
      }
    }
  }
  assert.deepEqual(failures, []);
});

Deno.test("a binary disiplin variant selected by a profile that extends bkn-2024", async () => {
  const root = await tempDir();
  Deno.mkdirSync(`${root}/methods`);
  for (const f of ["bkn-2019.json", "bkn-2024.json"]) {
    Deno.copyFileSync(`data/methods/${f}`, `${root}/methods/${f}`);
  }
  Deno.writeTextFileSync(
    `${root}/methods/lokal.json`,
    JSON.stringify({
      id: "lokal-biner",
      extends: "bkn-2024",
      nama: "Varian lokal",
      baku_untuk: null,
      disiplin: { varian_aktif: "biner" },
    }),
  );
  const a = nip(901), b = nip(902);
  writePeriod(`${root}/raw`, "2024-Q3", {
    pegawai: [{ nip: a }, { nip: b }],
    hukdis: [{ nip: a, tingkat: "RINGAN", tmt: "2024-02-01", akhir: "2024-03-01" }],
  });
  const rows = await scoreAndQuery<{ metode: string; nip: string; disiplin: number }>(
    `${root}/raw`,
    "SELECT metode, nip, disiplin FROM '{out}/periode/*/skor_asn.parquet' ORDER BY metode, nip",
    { methodsDir: `${root}/methods` },
  );
  const get = (m: string, n: string) => rows.find((r) => r.metode === m && r.nip === n)?.disiplin;
  assert.equal(get("bkn-2024", a), 3);
  assert.equal(get("lokal-biner", a), 0);
  assert.equal(get("lokal-biner", b), 5);
});

Deno.test("a profile whose maxima move is refused while a rule still gives more than its dimension's maximum", async () => {
  const root = await tempDir();
  for (const f of ["bkn-2019.json", "bkn-2024.json"]) {
    Deno.copyFileSync(`data/methods/${f}`, `${root}/${f}`);
  }
  const lokal = {
    id: "lokal",
    extends: "bkn-2024",
    nama: "Varian lokal",
    baku_untuk: null,
    dimensi: { kinerja: { maks: 25 }, kompetensi: { maks: 45 } },
  };
  Deno.writeTextFileSync(`${root}/lokal.json`, JSON.stringify(lokal));
  await assert.rejects(
    () => loadProfiles(root),
    (e: Error) =>
      e instanceof ProfileError && /lokal\.json: invalid method profile/.test(e.message) &&
      /kinerja\.poin\.0: 30 points, above the kinerja maximum of 25/.test(e.message),
  );
  // Rescaling the SKP points makes it valid.
  const base = (await loadProfiles("data/methods")).find((p) => p.id === "bkn-2024")!;
  Deno.writeTextFileSync(
    `${root}/lokal.json`,
    JSON.stringify({
      ...lokal,
      kinerja: { poin: base.kinerja.poin.map((r) => ({ ...r, poin: r.poin - 5 })) },
    }),
  );
  const p = (await loadProfiles(root)).find((x) => x.id === "lokal")!;
  assert.equal(p.dimensi.kinerja.maks, 25);
  assert.equal(p.kinerja.poin[0].poin, 25);
});

/**
 * The shipped variants (data/methods/*-*.json with `alternatif`), each on hand-computed people in
 * 2024-Q3, beside its base. Default person: PELAKSANA, S1 (15), no training, no SKP, clean.
 */
Deno.test("each shipped variant departs from its base exactly where its rule says", async () => {
  const root = await tempDir();
  const p = (i: number) => nip(800 + i);
  writePeriod(`${root}/raw`, "2024-Q3", {
    pegawai: [
      { nip: p(1) }, // berat in force
      { nip: p(2) }, // berat imposed 2020, over since 2021
      { nip: p(3) }, // berat imposed 2019: outside five calendar years
      { nip: p(4) }, // seminar last year
      { nip: p(5), jenis_jabatan: "FUNGSIONAL", nama_jabatan: "Analis Kebijakan" }, // teknis 2015
      { nip: p(6) }, // pelaksana, teknis 2015
      { nip: p(7) }, // SKP Kurang
      { nip: p(8) }, // SKP Buruk
    ],
    hukdis: [
      { nip: p(1), tingkat: "BERAT", tmt: "2024-01-10", akhir: "2027-01-10" },
      { nip: p(2), tingkat: "BERAT", tmt: "2020-03-01", akhir: "2021-03-01" },
      { nip: p(3), tingkat: "BERAT", tmt: "2019-12-31", akhir: "2020-12-31" },
    ],
    diklat: [
      { nip: p(4), jenis: "SEMINAR", jp: 4, tanggal_mulai: "2023-05-01" },
      { nip: p(5), jenis: "TEKNIS", jp: 20, tanggal_mulai: "2015-05-01" },
      { nip: p(6), jenis: "TEKNIS", jp: 20, tanggal_mulai: "2015-05-01" },
    ],
    kinerja: [
      { nip: p(7), tahun: 2024, predikat: "KURANG" },
      { nip: p(8), tahun: 2024, predikat: "BURUK" },
    ],
  });
  const rows = await scoreAndQuery<
    { metode: string; nip: string; kompetensi: number; kinerja: number; disiplin: number }
  >(
    `${root}/raw`,
    "SELECT metode, nip, kompetensi, kinerja, disiplin FROM '{out}/periode/*/skor_asn.parquet'",
    // Variants named by --method are full methods, with per-person rows (else: means only).
    { methods: (await loadProfiles(join(ROOT, "data/methods"))).map((p) => p.id) },
  );
  const get = (m: string, i: number, col: "kompetensi" | "kinerja" | "disiplin") =>
    rows.find((r) => r.metode === m && r.nip === p(i))?.[col];
  // Disiplin: base berat 0; 3/2/1 gives 1; the five-year TMT window also counts ended ones.
  assert.deepEqual([1, 2, 3].map((i) => get("bkn-2024", i, "disiplin")), [0, 5, 5]);
  assert.deepEqual([1, 2, 3].map((i) => get("bkn-2024-disiplin-321", i, "disiplin")), [1, 5, 5]);
  assert.deepEqual(
    [1, 2, 3].map((i) => get("bkn-2024-disiplin-321-5thn", i, "disiplin")),
    [1, 1, 5],
  );
  // Seminar last year: 0 in the period's year, 17.5 (pelaksana) over two years.
  assert.equal(get("bkn-2019", 4, "kompetensi"), 0);
  assert.equal(get("bkn-2019-seminar-2thn", 4, "kompetensi"), 17.5);
  // Teknis in 2015: career-long for a JF (15), still the window for a pelaksana (0).
  assert.equal(get("bkn-2019", 5, "kompetensi"), 0);
  assert.equal(get("bkn-2019-teknis-karier", 5, "kompetensi"), 15);
  assert.equal(get("bkn-2019-teknis-karier", 6, "kompetensi"), 0);
  // Kinerja lower bands: 10 / 5 against 5 / 1.
  assert.deepEqual([get("bkn-2019", 7, "kinerja"), get("bkn-2019", 8, "kinerja")], [10, 5]);
  assert.deepEqual(
    [get("bkn-2019-kinerja-5-1", 7, "kinerja"), get("bkn-2019-kinerja-5-1", 8, "kinerja")],
    [5, 1],
  );
  // Without a syarat_pendidikan column the requirement variant scores nobody rather than guess.
  assert.equal(rows.filter((r) => r.metode === "bkn-2024-kualifikasi-syarat").length, 0);
  assert.equal(rows.filter((r) => r.metode === "bkn-2024").length, 8);
});
