/**
 * Properties over generated valid exports (fast-check): scores within bounds, dimension means that
 * add up, results independent of row order, file format and alias spellings, and a training record
 * that never lowers a score.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import ExcelJS from "exceljs";
import { join } from "node:path";
import { Db } from "../loaders/duck.ts";
import { runPipeline } from "../loaders/engine/pipeline.ts";
import { HEADERS, queryOut, type Row, tempDir, toCsv } from "./helpers/fixture.ts";

const JABATAN = ["JPT", "ADMINISTRATOR", "PENGAWAS", "FUNGSIONAL", "PELAKSANA"];
const PENDIDIKAN = ["S3", "S2", "S1", "D4", "D3", "D2", "D1", "SLTA", "SLTP", "SD", ""];
const JENIS = [
  "STRUKTURAL",
  "FUNGSIONAL",
  "TEKNIS",
  "SEMINAR",
  "WORKSHOP",
  "KURSUS",
  "MAGANG",
  "LAINNYA",
];
const JENJANG = ["PIM_I", "PIM_II", "PIM_III", "PIM_IV", "PKN_I", "PKN_II", "PKA", "PKP"];
const PREDIKAT = [
  "SANGAT_BAIK",
  "BAIK",
  "CUKUP",
  "BUTUH_PERBAIKAN",
  "KURANG",
  "SANGAT_KURANG",
  "BURUK",
];
/** Alias spellings per table and column (a value's alias depends on what the column holds). */
const ALIAS: Record<string, Record<string, Record<string, string>>> = {
  pegawai: {
    jenis_pegawai: { PNS: "Pegawai Negeri Sipil", PPPK: "P3K" },
    jenis_jabatan: {
      PELAKSANA: "Pelaksana/JFU",
      FUNGSIONAL: "Jabatan Fungsional",
      JPT: "JPT Pratama",
    },
    pendidikan: { S1: "Strata 1", SLTA: "SMA", D4: "D-IV", S2: "Magister" },
  },
  diklat: {
    jenis: {
      TEKNIS: "Diklat Teknis",
      FUNGSIONAL: "Diklat Fungsional",
      STRUKTURAL: "Diklat Kepemimpinan",
    },
    jenjang: { PIM_IV: "Diklatpim Tk. IV", PKP: "Pelatihan Kepemimpinan Pengawas" },
  },
  kinerja: { predikat: { SANGAT_BAIK: "sangat baik", BUTUH_PERBAIKAN: "Butuh Perbaikan" } },
  hukdis: { tingkat: { RINGAN: "Hukuman Disiplin Ringan" } },
};

const date = fc.integer({ min: 0, max: 365 * 3 }).map((d) =>
  new Date(Date.UTC(2022, 0, 1) + d * 86400000).toISOString().slice(0, 10)
);

const exportArb = fc.integer({ min: 1, max: 25 }).chain((n) => {
  const nips = Array.from(
    { length: n },
    (_, i) => `19800101200501${i % 2 ? "1" : "2"}${String(i + 1).padStart(3, "0")}`,
  );
  const nip = fc.constantFrom(...nips);
  return fc.record({
    pegawai: fc.tuple(...nips.map((id) =>
      fc.record({
        nip: fc.constant(id),
        nama: fc.constant("Uji"),
        jenis_pegawai: fc.constantFrom("PNS", "PPPK"),
        kode_instansi: fc.constantFrom("6474", "63"),
        kode_unit: fc.constantFrom("U1", "U2"),
        nama_unit: fc.constant("Dinas"),
        jenis_jabatan: fc.constantFrom(...JABATAN),
        nama_jabatan: fc.constantFrom("Guru Ahli", "Analis", "Perawat", "Staf"),
        pendidikan: fc.constantFrom(...PENDIDIKAN),
      })
    )),
    diklat: fc.array(
      fc.record({
        nip,
        jenis: fc.constantFrom(...JENIS),
        jenjang: fc.constantFrom(...JENJANG),
        nama: fc.constant("x"),
        jp: fc.integer({ min: 0, max: 40 }),
        tanggal_mulai: date,
        tanggal_selesai: fc.constant(""),
      }),
      { maxLength: 40 },
    ),
    kinerja: fc.uniqueArray(
      fc.record({
        nip,
        tahun: fc.integer({ min: 2022, max: 2024 }),
        predikat: fc.constantFrom(...PREDIKAT),
      }),
      { maxLength: 30, selector: (r) => `${r.nip}|${r.tahun}` },
    ),
    hukdis: fc.array(
      fc.record({
        nip,
        tingkat: fc.constantFrom("RINGAN", "SEDANG", "BERAT"),
        jenis: fc.constant("x"),
        tmt: date,
        akhir: fc.constant(""),
      }),
      { maxLength: 6 },
    ),
  });
});
type Export = { pegawai: Row[]; diklat: Row[]; kinerja: Row[]; hukdis: Row[] };

async function score(
  data: Export,
  opts: { format?: "csv" | "xlsx" | "parquet"; alias?: boolean; shuffle?: number } = {},
) {
  const root = await tempDir("ipasn-prop-");
  const dir = join(root, "raw", "2024-Q3");
  Deno.mkdirSync(dir, { recursive: true });
  for (const t of ["pegawai", "diklat", "kinerja", "hukdis"] as const) {
    let rows = data[t].map((r) => ({ ...r }));
    if (opts.shuffle) {
      rows = rows.map((r, i) => [((i + 1) * opts.shuffle!) % 9973, r] as const).sort((a, b) =>
        a[0] - b[0]
      ).map(([, r]) => r);
    }
    if (opts.alias) {
      rows = rows.map((r) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [k, typeof v === "string" ? ALIAS[t][k]?.[v] ?? v : v]),
        )
      );
    }
    const header = opts.alias && t === "pegawai"
      ? [
        "NIP Baru",
        "Nama Lengkap",
        "Status Pegawai",
        "KD Instansi",
        "Kode Unor",
        "Unit Kerja",
        "Jenis Jabatan",
        "Jabatan",
        "Pendidikan Terakhir",
      ]
      : HEADERS[t];
    const text = toCsv(HEADERS[t], rows).replace(/^[^\n]*/, header.join(","));
    if (!opts.format || opts.format === "csv") Deno.writeTextFileSync(join(dir, `${t}.csv`), text);
    else if (opts.format === "parquet") {
      Deno.writeTextFileSync(join(root, `${t}.csv`), text);
      const db = await Db.open();
      await db.run(
        `COPY (SELECT * FROM read_csv('${
          join(root, `${t}.csv`)
        }', all_varchar = true, header = true, columns = {${
          HEADERS[t].map((h) => `'${h}': 'VARCHAR'`).join(", ")
        }}, auto_detect = false)) TO '${join(dir, `${t}.parquet`)}' (FORMAT parquet)`,
      );
      db.close();
    } else {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet(t);
      ws.addRow(HEADERS[t]);
      for (const r of rows) {
        ws.addRow(HEADERS[t].map((h) => (r[h] === "" || r[h] == null ? null : String(r[h]))));
      }
      await wb.xlsx.writeFile(join(dir, `${t}.xlsx`));
    }
  }
  const out = join(root, "out");
  const r = await runPipeline({ raw: join(root, "raw"), out, maxQuarantineShare: 1 });
  const people = await queryOut<
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
    out,
    "SELECT metode, nip, kualifikasi, kompetensi, kinerja, disiplin, nilai FROM '{out}/periode/*/skor_asn.parquet' ORDER BY metode, nip",
  );
  const inst = await queryOut<
    {
      metode: string;
      kode_instansi: string;
      kualifikasi: number;
      kompetensi: number;
      kinerja: number;
      disiplin: number;
      nilai: number;
    }
  >(
    out,
    "SELECT metode, kode_instansi, kualifikasi, kompetensi, kinerja, disiplin, nilai FROM read_csv('{out}/instansi.csv', types = {'kode_instansi': 'VARCHAR'}) ORDER BY ALL",
  );
  Deno.removeSync(root, { recursive: true });
  return { people, inst, acc: r.accounting["2024-Q3"] };
}

const RUNS = { numRuns: 15, endOnFailure: true };

Deno.test("every score within its bounds, dimension means add up, nothing quarantined", async () => {
  await fc.assert(
    fc.asyncProperty(exportArb, async (data) => {
      const { people, inst, acc } = await score(data);
      for (const a of Object.values(acc)) assert.equal(a.quarantined, 0);
      for (const p of people) {
        assert.ok(
          p.kualifikasi >= 0 && p.kualifikasi <= 25 && p.kompetensi >= 0 && p.kompetensi <= 40 &&
            p.kinerja >= 0 && p.kinerja <= 30 && p.disiplin >= 0 && p.disiplin <= 5,
          JSON.stringify(p),
        );
        assert.ok(p.nilai >= 0 && p.nilai <= 100);
      }
      for (const i of inst) {
        assert.ok(Math.abs(i.kualifikasi + i.kompetensi + i.kinerja + i.disiplin - i.nilai) < 1e-9);
      }
    }),
    RUNS,
  );
});

Deno.test("results do not depend on row order or on alias spellings", async () => {
  await fc.assert(
    fc.asyncProperty(exportArb, fc.integer({ min: 2, max: 9000 }), async (data, k) => {
      const a = await score(data);
      assert.deepEqual((await score(data, { shuffle: k })).people, a.people);
      const aliased = await score(data, { alias: true });
      for (const x of Object.values(aliased.acc)) {
        assert.equal(x.quarantined, 0, "every alias spelling is accepted");
      }
      assert.deepEqual(aliased.people, a.people);
    }),
    { ...RUNS, numRuns: 10 },
  );
});

Deno.test("CSV, XLSX and Parquet give identical results", async () => {
  await fc.assert(
    fc.asyncProperty(exportArb, async (data) => {
      const a = await score(data);
      assert.deepEqual((await score(data, { format: "xlsx" })).people, a.people);
      assert.deepEqual((await score(data, { format: "parquet" })).people, a.people);
    }),
    { ...RUNS, numRuns: 6 },
  );
});

Deno.test("adding a training record never lowers anyone's score", async () => {
  const extra = fc.record({
    jenis: fc.constantFrom(...JENIS),
    jenjang: fc.constantFrom(...JENJANG),
    nama: fc.constant("y"),
    jp: fc.integer({ min: 0, max: 40 }),
    tanggal_mulai: date,
    tanggal_selesai: fc.constant(""),
  });
  await fc.assert(
    fc.asyncProperty(exportArb, extra, fc.nat(), async (data, row, pick) => {
      const before = await score(data);
      const target = data.pegawai[pick % data.pegawai.length].nip;
      const after = await score({ ...data, diklat: [...data.diklat, { ...row, nip: target }] });
      for (const b of before.people) {
        const a = after.people.find((x) => x.metode === b.metode && x.nip === b.nip)!;
        assert.ok(a.nilai >= b.nilai - 1e-9, `${b.metode} ${b.nip}: ${b.nilai} → ${a.nilai}`);
      }
    }),
    RUNS,
  );
});
