/**
 * periksa: the dry run reports what a real run would do, and its numbers are the real run's.
 * Small exports written with tests/helpers/fixture.ts, and the SIASN-layout fixture
 * (tests/fixtures/siasn/, described in tests/siasn.test.ts). Line numbers: the header is line 1,
 * the first data row line 2.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { runPipeline, type TableAccounting } from "../loaders/engine/pipeline.ts";
import {
  formatReport,
  periksa,
  type PeriksaReport,
  type TableReport,
} from "../loaders/engine/periksa.ts";
import ExcelJS from "exceljs";
import { Db, lit } from "../loaders/duck.ts";
import { ROOT } from "../loaders/paths.ts";
import { nip, tempDir, toCsv, writePeriod } from "./helpers/fixture.ts";

const SIASN = join(ROOT, "tests/fixtures/siasn/raw");

function table(r: PeriksaReport, periode: string, t: string): TableReport {
  const p = r.periods.find((x) => x.periode === periode);
  assert.ok(p, `period ${periode} in the report`);
  const found = p.tables.find((x) => x.table === t);
  assert.ok(found, `table ${t} of ${periode} in the report`);
  return found;
}

/** Every file under a folder with its size, to show that periksa wrote nothing there. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of Deno.readDirSync(d)) {
      const p = join(d, e.name);
      if (e.isDirectory) walk(p);
      else out.push(`${p} ${Deno.statSync(p).size}`);
    }
  };
  walk(dir);
  return out.sort();
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(ROOT, "scripts/periksa.ts"), ...args],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: r.code, stdout: dec.decode(r.stdout), stderr: dec.decode(r.stderr) };
}

Deno.test("SIASN fixture: the mapping of camelCase files, refused columns and source-only columns", async () => {
  const before = listing(SIASN);
  const r = await periksa({ raw: SIASN, maxQuarantineShare: 1 });
  assert.deepEqual(listing(SIASN), before, "periksa writes nothing into the raw folder");
  const kinerja = table(r, "2024", "kinerja").files[0];
  assert.equal(kinerja.dialect, "siasn-rw-skp22");
  // Header: nipBaru,tahun,kuadranKinerja,KuadranKinerjaNilai,hasilKinerja,nilaiPrestasiKerja
  assert.deepEqual(kinerja.columns, [
    { source: "nipBaru", column: "nip" },
    { source: "tahun", column: "tahun" },
    { source: "kuadranKinerja", column: "predikat" },
    { source: "KuadranKinerjaNilai", column: "kuadran_nilai", fills: ["predikat"] },
    { source: "nilaiPrestasiKerja", column: "nilai_prestasi_kerja", fills: ["predikat"] },
  ]);
  assert.deepEqual(kinerja.refused.map((x) => x.header), ["hasilKinerja"]);
  assert.deepEqual(kinerja.ignored, [], "a refused column is listed once, as refused");
  const pegawai = table(r, "2024", "pegawai").files[0];
  assert.equal(pegawai.dialect, "siasn-data-utama");
  assert.deepEqual(pegawai.refused.map((x) => x.header), ["instansiKerjaKodeCepat"]);
  assert.ok(pegawai.columns.some((c) => c.source === "nipBaru" && c.column === "nip"));
  assert.deepEqual(
    pegawai.columns.find((c) => c.source === "instansiKerjaNama"),
    { source: "instansiKerjaNama", column: "nama_instansi", fills: ["kode_instansi"] },
  );
  const hukdis = table(r, "2024", "hukdis").files[0];
  assert.deepEqual(hukdis.ignored, ["masaTahun"]);
  assert.deepEqual(hukdis.dates, [
    { column: "tmt", values: 3, parsed: 3, rate: 1 },
    { column: "akhir", values: 3, parsed: 3, rate: 1 },
  ]);
  // 8 pegawai rows, line 9 holds #N/A in tkPendidikanTerakhir; diklat's line 8 repeats line 7.
  const p = table(r, "2024", "pegawai");
  assert.deepEqual([p.read, p.used, p.quarantined], [8, 7, 1]);
  assert.equal(p.reasons[0].count, 1);
  assert.equal(p.reasons[0].line, 9);
  const d = table(r, "2024", "diklat");
  assert.deepEqual([d.read, d.used, d.quarantined, d.duplicates], [10, 10, 0, 1]);
  assert.ok(r.ok);
  const text = formatReport(r);
  assert.ok(text.includes("KuadranKinerjaNilai → kuadran_nilai (→ predikat)"), text);
  assert.ok(text.split("\n").slice(0, -1).every((l) => l.length <= 100), "lines fit 100 columns");
});

Deno.test("an unknown code value is reported with its count and first line; date parse rates", async () => {
  const raw = join(await tempDir(), "raw");
  const [a, b, c, d] = [nip(), nip(), nip(), nip()];
  writePeriod(raw, "2024", {
    pegawai: [
      { nip: a }, // line 2
      { nip: b, pendidikan: "Sarjana Hukum Adat" }, // line 3
      { nip: c }, // line 4
      { nip: d, pendidikan: "Sarjana Hukum Adat" }, // line 5
    ],
    diklat: [
      { nip: a, jenis: "TEKNIS", jp: 10, tanggal_mulai: "2024-01-15" }, // parses
      { nip: a, jenis: "TEKNIS", jp: 10, tanggal_mulai: "15/01/2024" }, // parses (day first)
      { nip: a, jenis: "TEKNIS", jp: 10, tanggal_mulai: "2024-13-01" }, // month 13
      { nip: a, jenis: "TEKNIS", jp: 10, tanggal_mulai: "kemarin" }, // no date
    ],
  });
  const r = await periksa({ raw, maxQuarantineShare: 1 });
  const peg = table(r, "2024", "pegawai").files[0];
  assert.equal(peg.dialect, "kontrak");
  assert.deepEqual(peg.unknown, [
    { column: "pendidikan", value: "Sarjana Hukum Adat", count: 2, line: 3 },
  ]);
  const dik = table(r, "2024", "diklat");
  assert.deepEqual(dik.files[0].dates, [
    { column: "tanggal_mulai", values: 4, parsed: 2, rate: 0.5 },
  ]);
  assert.deepEqual([dik.read, dik.used, dik.quarantined], [4, 2, 2]);
  const text = formatReport(r);
  assert.ok(text.includes('pendidikan "Sarjana Hukum Adat" ×2 (line 3)'), text);
  assert.ok(text.includes("tanggal_mulai 50.0% of 4"), text);
  assert.deepEqual(table(r, "2024", "pegawai").errors, { unknown_code: 2 });
  // 2 of 4 pegawai quarantined: no limit by default (a dirty file, not a mis-read one), 50% is
  // over a --max-quarantine of 10%.
  assert.equal((await periksa({ raw })).ok, true);
  const strict = await periksa({ raw, maxQuarantineShare: 0.1 });
  assert.equal(strict.ok, false);
  assert.equal(table(strict, "2024", "pegawai").overLimit, true);
});

Deno.test("the failure limit: one check failing on most rows of a file stops the run, ordinary errors do not", async () => {
  const raw = join(await tempDir(), "raw");
  // 12 pegawai whose NIPs lost a digit (read as numbers somewhere): every row fails nip_length.
  const nips = Array.from({ length: 12 }, () => nip());
  writePeriod(raw, "2024", { pegawai: nips.map((n) => ({ nip: n.slice(0, 17) })) });
  const r = await periksa({ raw });
  assert.equal(r.ok, false);
  const peg = table(r, "2024", "pegawai");
  assert.equal(peg.overLimit, true);
  assert.match(
    peg.limit!,
    /pegawai\.csv: 12 of 12 records \(100\.0%\) fail the same check \(nip_length\)/,
  );
  assert.match(r.summary, /FAIL: a real run would stop: 2024\/pegawai: pegawai\.csv: 12 of 12/);
  // The same failure in a real run is an input error naming the file.
  await assert.rejects(
    () => runPipeline({ raw, out: join(raw, "..", "out") }),
    /pegawai\.csv: 12 of 12 records .* fail the same check \(nip_length\).*mis-read/s,
  );
  // 9 bad rows of 12 (under the minimum of 10 failing rows), or 6 of 12 (not over half): dirty, scored.
  for (const bad of [9, 6]) {
    const raw2 = join(await tempDir(), "raw");
    writePeriod(raw2, "2024", {
      pegawai: nips.map((n, i) => ({ nip: i < bad ? n.slice(0, 17) : n })),
    });
    assert.equal((await periksa({ raw: raw2 })).ok, true, `${bad} of 12`);
  }
});

Deno.test("rows dated after the period are set aside but do not fail the check, as in a real run", async () => {
  const raw = join(await tempDir(), "raw");
  const a = nip();
  writePeriod(raw, "2023", {
    pegawai: [{ nip: a }],
    kinerja: [{ nip: a, tahun: 2023, predikat: "BAIK" }, { nip: a, tahun: 2024, predikat: "BAIK" }],
  });
  const r = await periksa({ raw });
  const k = table(r, "2023", "kinerja");
  // 1 of 2 rows quarantined (50%), but as dated after the period: 0% as errors.
  assert.deepEqual([k.read, k.used, k.quarantined, k.after_period, k.share], [2, 1, 1, 1, 0]);
  assert.equal(r.ok, true, r.summary);
  const out = join(raw, "..", "out");
  await runPipeline({ raw, out, variants: "none" }); // the real run succeeds too
});

Deno.test("CLI: exit 1 with one summary line over the limit, 0 under it, 2 for a wrong command line; --json carries the same numbers", async () => {
  const fail = await cli(["--raw", SIASN, "--max-quarantine", "0.1"]);
  assert.equal(fail.code, 1, fail.stderr);
  const lines = fail.stdout.trimEnd().split("\n");
  // pegawai: 1 of 8 rows (line 9, #N/A) quarantined = 12.5% > 10%.
  assert.equal(
    lines.at(-1),
    "periksa: FAIL: a real run would stop: 2024/pegawai: pegawai.csv: 1 of 8 rows (12.5%) were quarantined as errors, above the limit of 10.0%",
  );
  assert.equal(lines.filter((l) => l.startsWith("periksa: ")).length, 1);

  const ok = await cli(["--raw", SIASN]);
  assert.equal(ok.code, 0, ok.stderr);
  // 8 + 10 + 7 + 3 rows, 1 quarantined; gaps: one education, three leadership trainings without JP.
  assert.equal(
    ok.stdout.trimEnd().split("\n").at(-1),
    "periksa: OK: a real run would succeed: 1 period, 28 rows read, 27 would be used, 1 quarantined, 4 data gaps",
  );

  assert.equal((await cli(["--raw", SIASN, "--max-quarantine", "lots"])).code, 2);
  assert.equal((await cli(["--nonsense"])).code, 2);

  const json = await cli(["--raw", SIASN, "--json"]);
  assert.equal(json.code, 0, json.stderr);
  const report = JSON.parse(json.stdout) as PeriksaReport;
  assert.equal(report.ok, true);
  // The human report's table lines, parsed back, against the JSON document.
  const human = new Map<string, number[]>();
  for (const l of ok.stdout.split("\n")) {
    const m = /^(\w+): (\d+) read, (\d+) would be used, (\d+) quarantined/.exec(l);
    if (m) human.set(m[1], [Number(m[2]), Number(m[3]), Number(m[4])]);
  }
  assert.deepEqual(
    new Map(report.periods[0].tables.map((t) => [t.table, [t.read, t.used, t.quarantined]])),
    human,
  );
  assert.equal(human.size, 4);
  assert.ok(ok.stdout.includes(`periksa: ${report.summary}`));
});

Deno.test("CLI: a file that cannot be read prints the input error, no stack trace, exit 1", async () => {
  const raw = join(await tempDir(), "raw");
  const dir = writePeriod(raw, "2024", { pegawai: [{ nip: nip() }] });
  Deno.writeTextFileSync(
    join(dir, "kinerja.csv"),
    toCsv(["nomor_induk", "tahun_skp", "nilai"], [{ nomor_induk: nip(), tahun_skp: 2024 }]),
  );
  const r = await cli(["--raw", raw]);
  assert.equal(r.code, 1, r.stderr);
  assert.ok(
    r.stdout.includes(`error: ${join(dir, "kinerja.csv")}: missing required column`),
    r.stdout,
  );
  assert.ok(r.stdout.includes("Fix: add"), r.stdout);
  assert.ok(!/\n\s+at /.test(r.stdout + r.stderr), "no stack trace");
  assert.match(
    r.stdout.trimEnd().split("\n").at(-1)!,
    /^periksa: FAIL: a real run would stop: 2024: .*kinerja\.csv: missing required column/,
  );
  // The tables before it were inspected as a real run reads them.
  const report = await periksa({ raw });
  assert.deepEqual(report.periods[0].tables.map((t) => t.table), ["pegawai", "diklat"]);
  assert.equal(report.periods[0].error?.file, join(dir, "kinerja.csv"));
});

Deno.test("read, used and quarantined per table equal what a real run writes to accounting.json", async () => {
  const base = await tempDir();
  const raw = join(base, "raw");
  const [a, b, c] = [nip(), nip(), nip()];
  const stranger = nip();
  writePeriod(raw, "2023", {
    pegawai: [{ nip: a }, { nip: b, jenis_jabatan: "KEPALA" }, { nip: c }, { nip: a }],
    diklat: [
      { nip: a, jenis: "TEKNIS", jp: 20, tanggal_mulai: "2023-02-01" },
      { nip: a, jenis: "TEKNIS", jp: 20, tanggal_mulai: "2023-02-01" }, // duplicate
      { nip: stranger, jenis: "TEKNIS", jp: 20, tanggal_mulai: "2023-02-01" }, // not in pegawai
      { nip: b, jenis: "TEKNIS", jp: -3, tanggal_mulai: "2023-02-01" },
    ],
    kinerja: [
      { nip: a, tahun: 2023, predikat: "BAIK" },
      { nip: c, tahun: 2024, predikat: "BAIK" }, // after the period
      { nip: b, tahun: 2023, predikat: "LUMAYAN" },
    ],
    hukdis: [{ nip: c, tingkat: "RINGAN", tmt: "2023-03-01", akhir: "2023-01-01" }],
  });
  writePeriod(raw, "2024", {
    pegawai: [{ nip: a }, { nip: b }],
    kinerja: [{ nip: a, tahun: 2024, predikat: "SANGAT BAIK" }],
  });
  const r = await periksa({ raw, maxQuarantineShare: 1 });
  const out = join(base, "out");
  const run = await runPipeline({ raw, out, maxQuarantineShare: 1, variants: "none" });
  let compared = 0;
  for (const p of ["2023", "2024"]) {
    const acc = JSON.parse(
      Deno.readTextFileSync(join(out, "periode", p, "accounting.json")),
    ) as Record<string, TableAccounting>;
    assert.deepEqual(run.accounting[p], acc);
    for (const t of ["pegawai", "diklat", "kinerja", "hukdis"]) {
      const mine = table(r, p, t);
      const real = acc[t];
      assert.deepEqual(
        [mine.read, mine.used, mine.quarantined, mine.duplicates, mine.blank, mine.after_period],
        [real.read, real.used, real.quarantined, real.duplicates, real.blank, real.after_period],
        `${p}/${t}`,
      );
      assert.deepEqual(
        mine.files.map((f) => [f.file, f.read]),
        real.files.map((f) => [f.file, f.read]),
      );
      compared++;
    }
  }
  assert.equal(compared, 8);
  // Hand count of 2023: pegawai 4 read, the second row of a (line 5) a duplicate NIP and b's
  // KEPALA unknown → 2 used; diklat 4 read, 1 collapsed duplicate used, stranger and -3 JP
  // quarantined → 2 used; kinerja 2024 after the period 2023 and LUMAYAN unknown → 1 used; hukdis
  // akhir before tmt → 0 used.
  const counts = ["pegawai", "diklat", "kinerja", "hukdis"].map((t) => {
    const x = table(r, "2023", t);
    return [x.read, x.used, x.quarantined];
  });
  assert.deepEqual(counts, [[4, 2, 2], [4, 2, 2], [3, 1, 2], [1, 0, 1]]);
  assert.equal(table(r, "2023", "kinerja").after_period, 1);
  // Errors alone count against the limit: kinerja 1 of 3 (33.3%), not 2 of 3.
  assert.equal(table(r, "2023", "kinerja").share, 1 / 3);
});

Deno.test("the SIASN fixture: periksa's numbers equal the real run's accounting", async () => {
  const out = join(await tempDir(), "out");
  const run = await runPipeline({ raw: SIASN, out, maxQuarantineShare: 1, variants: "none" });
  const r = await periksa({ raw: SIASN, maxQuarantineShare: 1 });
  for (const t of ["pegawai", "diklat", "kinerja", "hukdis"] as const) {
    const real = (run.accounting["2024"] as Record<string, TableAccounting>)[t];
    const mine = table(r, "2024", t);
    assert.deepEqual(
      [mine.read, mine.used, mine.quarantined, mine.duplicates],
      [real.read, real.used, real.quarantined, real.duplicates],
      t,
    );
  }
});

Deno.test("the mapping is reported for Parquet, JSON (SIASN envelope) and XLSX (title rows) too", async () => {
  const src = join(SIASN, "2024");
  const raw = join(await tempDir(), "raw");
  const dir = join(raw, "2024");
  Deno.mkdirSync(dir, { recursive: true });
  Deno.copyFileSync(join(src, "hukdis.csv"), join(dir, "rw-hukdis.csv"));
  const db = await Db.open();
  try {
    await db.run(
      `COPY (SELECT * FROM read_csv(${lit(join(src, "pegawai.csv"))}, all_varchar = true)) TO ${
        lit(join(dir, "pegawai.parquet"))
      } (FORMAT parquet)`,
    );
    const kinerja = await db.all(
      `SELECT * FROM read_csv(${lit(join(src, "kinerja.csv"))}, all_varchar = true)`,
    );
    Deno.writeTextFileSync(join(dir, "rw-skp22.json"), JSON.stringify({ data: kinerja }, null, 1));
  } finally {
    db.close();
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Riwayat");
  ws.addRow(["Riwayat diklat"]);
  ws.addRow([]);
  for (const l of Deno.readTextFileSync(join(src, "diklat.csv")).trim().split("\n")) {
    ws.addRow(l.split(","));
  }
  await wb.xlsx.writeFile(join(dir, "diklat.xlsx"));
  const r = await periksa({ raw, maxQuarantineShare: 1 });
  assert.ok(r.ok, r.summary);
  const f = (t: string) => table(r, "2024", t).files[0];
  assert.deepEqual(
    ["pegawai", "diklat", "kinerja", "hukdis"].map((t) => [f(t).format, f(t).dialect]),
    [
      ["parquet", "siasn-data-utama"],
      ["xlsx", "siasn-rw-kursus"],
      ["json", "siasn-rw-skp22"],
      ["csv", "siasn-rw-hukdis"],
    ],
  );
  assert.deepEqual(f("kinerja").columns[3], {
    source: "KuadranKinerjaNilai",
    column: "kuadran_nilai",
    fills: ["predikat"],
  });
  assert.deepEqual(f("diklat").columns[0], { source: "nipBaru", column: "nip" });
  assert.deepEqual(f("pegawai").refused.map((x) => x.header), ["instansiKerjaKodeCepat"]);
  // The same rows as the CSV fixture: 8 / 10 / 7 / 3 read.
  assert.deepEqual(["pegawai", "diklat", "kinerja", "hukdis"].map((t) => f(t).read), [8, 10, 7, 3]);
});
