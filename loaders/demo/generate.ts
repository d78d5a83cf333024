/**
 * The demo-data generator: synthetic raw exports in exactly the input contract, for the 46 instansi
 * of Kantor Regional VIII over 2019–2025 (calibrated to the reported figures) or, for benchmarks, a
 * national-scale single period written instansi by instansi.
 */
import { join } from "node:path";
import { Db, lit } from "../duck.ts";
import { HEADERS_OF, type TableName } from "./tables.ts";
import { loadProfiles } from "../engine/method.ts";
import { comparePeriods, parsePeriod } from "../engine/period.ts";
import {
  loadWilayah,
  Official,
  readReference,
  REFERENCE_DIR,
  type Wilayah,
} from "../engine/reference.ts";
import {
  calibrate,
  csvCell,
  floorBy,
  type InstansiSpec,
  type Method,
  type PeriodSinks,
  Population,
  records,
  type Thresholds,
  thresholds,
} from "./model.ts";
import { Rng } from "./random.ts";
import { Sink } from "./sink.ts";
import { DEMO_PERIODS, makeTargets, PPPK_WAVES } from "./targets.ts";
import ExcelJS from "exceljs";

export type Scale = "kanreg8" | "national";
export type Format = "csv" | "parquet" | "xlsx";
export interface GenerateOptions {
  out: string;
  scale?: Scale;
  seed?: number;
  format?: Format;
  /** Only these instansi (kanreg8 scale; calibration still plans for all 46). */
  only?: string[];
  /** National scale: multiply every instansi's size (benchmarks use small slices). */
  sizeFactor?: number;
  log?: (msg: string) => void;
}

export interface CalibrationRow {
  kode_instansi: string;
  periode: string;
  metode: Method;
  target: number;
  expected: number;
  q: number;
}

const TABLES: TableName[] = ["pegawai", "diklat", "kinerja", "hukdis"];
const ROOT = new URL("../../", import.meta.url).pathname;

function csvLine(cells: string[]): string {
  return cells.map(csvCell).join(",") + "\n";
}

/**
 * CSV writers, one per (period, table). Each call's lines are encoded and written at once: keeping
 * ~4 MB of text per file buffered (52 files) held hundreds of MB of string pieces on the heap, and
 * the garbage collector marking them plus joining them was half the generator's time.
 */
class Writers {
  private readonly files = new Map<string, Deno.FsFile>();
  private readonly enc = new TextEncoder();
  constructor(private readonly dir: string) {}
  async open(periode: string, table: TableName): Promise<void> {
    Deno.mkdirSync(join(this.dir, periode), { recursive: true });
    const file = await Deno.create(join(this.dir, periode, `${table}.csv`));
    this.files.set(`${periode}/${table}`, file);
    await this.write(periode, table, csvLine(HEADERS_OF[table]));
  }
  /** Append CSV lines (each ending in a newline) to a file. */
  async write(periode: string, table: TableName, lines: string | Uint8Array): Promise<void> {
    const file = this.files.get(`${periode}/${table}`)!;
    const bytes = typeof lines === "string" ? this.enc.encode(lines) : lines;
    for (let off = 0; off < bytes.length;) off += await file.write(bytes.subarray(off));
  }
  /** Write what each sink holds to its table's file and empty the sinks; returns rows written. */
  async drain(periode: string, sinks: PeriodSinks, rows: Record<TableName, number>): Promise<void> {
    for (const t of TABLES) {
      await this.write(periode, t, sinks[t].view());
      rows[t] += sinks[t].rows;
      sinks[t].reset();
    }
  }
  close(): void {
    for (const file of this.files.values()) file.close();
  }
}

async function exemptWords(): Promise<string[]> {
  const profiles = await loadProfiles(join(ROOT, "data/methods"));
  const p = profiles.find((x) => x.id === "bkn-2019");
  const item = p?.kompetensi.komponen.find((k) => k.jenis === "diklat_fungsional");
  return item && item.jenis === "diklat_fungsional" ? item.dikecualikan : [];
}

/** Sizes: Pemprov Kalimantan Selatan ≈ 13,000; the rest 1,500–11,000 by kind. */
function kanreg8Specs(wilayah: Wilayah[], seed: number): InstansiSpec[] {
  const rng = new Rng(seed, "sizes");
  const known: Record<string, number> = {
    "63": 13000,
    "64": 9800,
    "62": 8200,
    "65": 4800,
    "6472": 6900,
    "6371": 6400,
    "6471": 5900,
    "6402": 7400,
    "6271": 4300,
    "6571": 3400,
    "6372": 2900,
    "6474": 2700,
  };
  return wilayah.map((w) => ({
    kode: w.kode_instansi,
    jenis: w.jenis,
    size: known[w.kode_instansi] ??
      (w.jenis === "kota" ? rng.int(2500, 4500) : rng.int(1500, 4200)),
    waves: PPPK_WAVES[w.kode_instansi],
  }));
}

export async function generate(
  o: GenerateOptions,
): Promise<{ files: number; rows: Record<TableName, number>; calibration: CalibrationRow[] }> {
  const seed = o.seed ?? 20241;
  const format = o.format ?? "csv";
  const log = o.log ?? (() => {});
  const out = o.out;
  const csvDir = format === "csv" ? out : await Deno.makeTempDir({ prefix: "ipasn-demo-" });
  Deno.mkdirSync(out, { recursive: true });
  const exempt = await exemptWords();
  const rows: Record<TableName, number> = { pegawai: 0, diklat: 0, kinerja: 0, hukdis: 0 };
  const calibration: CalibrationRow[] = [];
  const writers = new Writers(csvDir);
  const sinks: PeriodSinks = {
    pegawai: new Sink(),
    diklat: new Sink(),
    kinerja: new Sink(),
    hukdis: new Sink(),
  };
  const nips = new Set<string>();
  let periods: string[];
  if ((o.scale ?? "kanreg8") === "kanreg8") {
    periods = [...DEMO_PERIODS];
    const wilayah = await loadWilayah();
    const official = await readReference(`${REFERENCE_DIR}official-ipasn.csv`, Official);
    const targets = makeTargets(wilayah, official, seed);
    for (const p of periods) for (const t of TABLES) await writers.open(p, t);
    for (
      const spec of kanreg8Specs(wilayah, seed).filter((s) => !o.only || o.only.includes(s.kode))
    ) {
      const pop = new Population(spec, seed, exempt, nips);
      let eduFloor = 0;
      let yearFloor: Partial<Thresholds> = {};
      let byQuarter: Thresholds[] = [];
      let prevYear: Thresholds | null = null;
      let year = 0;
      for (const periode of periods) {
        const per = parsePeriod(periode);
        if (per.year !== year) {
          if (byQuarter.length) prevYear = byQuarter.at(-1)!;
          year = per.year;
          yearFloor = {};
          byQuarter = [];
        }
        const method: Method = per.year <= 2022 ? "bkn-2019" : "bkn-2024";
        const active = pop.active(per.end);
        const target = targets.get(spec.kode)!.get(periode)!;
        const c = calibrate(active, target, method, per.quarter, per.end, {
          ...yearFloor,
          edu: eduFloor,
        });
        calibration.push({
          kode_instansi: spec.kode,
          periode,
          metode: method,
          target,
          expected: c.expected,
          q: c.q,
        });
        records(pop, periode, c.t, [...byQuarter, c.t], prevYear, sinks);
        if (!per.quarter) prevYear = c.t;
        else byQuarter.push(c.t);
        eduFloor = c.t.edu;
        // Within a year nothing once on record disappears: later quarters keep at least these shares.
        yearFloor = {
          jp: c.t.jp,
          sem: c.t.sem,
          baruJp: c.t.baruJp,
          ...(per.quarter && per.quarter < 3
            ? { skp: c.t.skp, sb: c.t.sb, baruSkp: c.t.baruSkp }
            : {}),
        };
        await writers.drain(periode, sinks, rows);
      }
      if (!byQuarter.length) prevYear = null;
      log(`${spec.kode}: ${pop.people.length} people`);
    }
  } else {
    periods = ["2024-Q4"];
    const specs = nationalSpecs(seed).map((x) => ({
      ...x,
      size: Math.max(20, Math.round(x.size * (o.sizeFactor ?? 1))),
    }));
    Deno.writeTextFileSync(
      join(out, "wilayah.csv"),
      "kode_instansi,nama_instansi,jenis,kode_provinsi,provinsi\n" +
        specs.map((s) => csvLine([s.kode, s.nama, s.jenis, s.kode.slice(0, 2), s.provinsi])).join(
          "",
        ),
    );
    for (const t of TABLES) await writers.open("2024-Q4", t);
    const per = parsePeriod("2024-Q4");
    let done = 0;
    for (const spec of specs) {
      const pop = new Population(spec, seed, exempt, nips);
      const q = new Rng(seed, spec.kode, "q").next() * 0.7 + 0.25;
      const t = thresholds(q, per.quarter);
      const prev = thresholds(q * 0.9, null);
      records(
        pop,
        "2024-Q4",
        t,
        [
          floorBy(thresholds(q, 1), {}),
          floorBy(thresholds(q, 2), {}),
          floorBy(thresholds(q, 3), {}),
          t,
        ],
        prev,
        sinks,
      );
      await writers.drain("2024-Q4", sinks, rows);
      if (++done % 50 === 0) {
        log(`${done}/${specs.length} instansi, ${rows.pegawai.toLocaleString("en-US")} ASN`);
      }
    }
  }
  writers.close();
  for (const p of periods) {
    Deno.mkdirSync(join(out, p), { recursive: true });
    Deno.writeTextFileSync(
      join(out, p, "meta.json"),
      JSON.stringify(
        {
          sumber: "Data contoh sintetis dari generator ipasn (bukan data pegawai sungguhan)",
          sintetis: true,
          benih: seed,
          skala: o.scale ?? "kanreg8",
        },
        null,
        2,
      ) + "\n",
    );
  }
  if (format !== "csv") {
    for (const p of periods) {
      for (const t of TABLES) {
        const src = join(csvDir, p, `${t}.csv`);
        if (format === "parquet") await csvToParquet(src, join(out, p, `${t}.parquet`));
        else await csvToXlsx(src, join(out, p, `${t}.xlsx`), t);
      }
    }
    Deno.removeSync(csvDir, { recursive: true });
  }
  if (calibration.length) {
    Deno.writeTextFileSync(
      join(out, ".kalibrasi.json"),
      JSON.stringify(calibration, null, 1) + "\n",
    );
  }
  return {
    files: periods.length * 4,
    rows,
    calibration: calibration.sort((a, b) => comparePeriods(a.periode, b.periode)),
  };
}

async function csvToParquet(src: string, dst: string): Promise<void> {
  const db = await Db.open();
  try {
    await db.run(
      `COPY (SELECT * FROM read_csv(${
        lit(src)
      }, all_varchar = true, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
      columns = {${
        (await db.all<{ column_name: string }>(
          `DESCRIBE SELECT * FROM read_csv(${lit(src)}, all_varchar = true)`,
        )).map((c) => `'${c.column_name}': 'VARCHAR'`).join(", ")
      }}))
      TO ${lit(dst)} (FORMAT parquet)`,
    );
  } finally {
    db.close();
  }
}

async function csvToXlsx(src: string, dst: string, table: TableName): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: dst,
    useSharedStrings: false,
    useStyles: false,
  });
  const ws = wb.addWorksheet(table);
  const db = await Db.open();
  try {
    const data = await db.all<Record<string, string>>(
      `SELECT * FROM read_csv(${lit(src)}, all_varchar = true)`,
    );
    ws.addRow(HEADERS_OF[table]).commit();
    for (const r of data) ws.addRow(HEADERS_OF[table].map((h) => r[h] ?? null)).commit();
  } finally {
    db.close();
  }
  ws.commit();
  await wb.commit();
}

interface NationalSpec extends InstansiSpec {
  nama: string;
  provinsi: string;
}

/** About 550 synthetic instansi in 38 provinces, about 4.5 million ASN in all. */
function nationalSpecs(seed: number): NationalSpec[] {
  const rng = new Rng(seed, "national");
  const provinces = [
    11,
    12,
    13,
    14,
    15,
    16,
    17,
    18,
    19,
    21,
    31,
    32,
    33,
    34,
    35,
    36,
    51,
    52,
    53,
    61,
    62,
    63,
    64,
    65,
    71,
    72,
    73,
    74,
    75,
    76,
    81,
    82,
    91,
    92,
    93,
    94,
    95,
    96,
  ];
  const specs: NationalSpec[] = [];
  for (const p of provinces) {
    const provinsi = `Provinsi Sintetis ${p}`;
    specs.push({
      kode: String(p),
      jenis: "provinsi",
      size: rng.int(9000, 16000),
      nama: `Pemerintah ${provinsi}`,
      provinsi,
    });
    const n = rng.int(10, 19);
    for (let i = 1; i <= n; i++) {
      const kota = i > n - 2;
      const kode = `${p}${String(kota ? 70 + i - (n - 2) : i).padStart(2, "0")}`;
      specs.push({
        kode,
        jenis: kota ? "kota" : "kabupaten",
        size: rng.int(3000, 11000),
        nama: `Pemerintah ${kota ? "Kota" : "Kabupaten"} Sintetis ${kode}`,
        provinsi,
      });
    }
  }
  return specs;
}
