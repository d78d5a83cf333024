/**
 * The demo-data generator: synthetic raw exports in exactly the input contract, for the 46 instansi
 * of Kantor Regional VIII over 2019–2025 (calibrated to the reported figures) or, for benchmarks, a
 * national-scale single period written instansi by instansi.
 */
import { join } from "node:path";
import { Db, lit } from "../duck.ts";
import { HEADERS_OF, type TableName } from "./tables.ts";
import { comparePeriods, parsePeriod } from "../engine/period.ts";
import {
  floorBy,
  type InstansiSpec,
  type PeriodSinks,
  Population,
  records,
  thresholds,
} from "./model.ts";
import { Rng } from "./random.ts";
import { Sink } from "./sink.ts";
import { DEMO_PERIODS } from "./targets.ts";
import {
  type CalibrationRow,
  csvLine,
  DEMO_WILAYAH,
  exemptWords,
  kanreg8Share,
  TABLES,
  Writers,
} from "./kanreg8.ts";
// The worker's module is loaded by URL; this type import also keeps it in the module graph that
// the build's demo cache key hashes (loaders/modules.ts follows `from` imports).
import type { WorkerReply } from "./worker.ts";
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
  /**
   * Kanreg8 scale: how many threads write the periods (default: the cores, at most 4). Each share
   * redraws the people and reruns the calibration (about a second) and writes its own periods'
   * files, so the bytes do not depend on this number.
   */
  workers?: number;
}

export type { CalibrationRow };

/** Split `xs` into `n` runs of consecutive items whose lengths differ by at most one. */
function chunks<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0, from = 0; i < n; i++) {
    const to = from + Math.floor(xs.length / n) + (i < xs.length % n ? 1 : 0);
    out.push(xs.slice(from, to));
    from = to;
  }
  return out.filter((c) => c.length);
}

/** Run one share of the kanreg8 periods in a worker; resolves with its row counts. */
function inWorker(job: { csvDir: string; seed: number; only?: string[]; mine: string[] }) {
  return new Promise<Record<TableName, number>>((resolve, reject) => {
    const w = new Worker(new URL("./worker.ts", import.meta.url).href, { type: "module" });
    w.onmessage = (e: MessageEvent<WorkerReply>) => {
      w.terminate();
      if ("error" in e.data) reject(new Error(`demo worker: ${e.data.error}`));
      else resolve(e.data.rows as Record<TableName, number>);
    };
    w.onerror = (e) => {
      e.preventDefault();
      w.terminate();
      reject(new Error(`demo worker: ${e.message}`));
    };
    w.postMessage(job);
  });
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
  const rows: Record<TableName, number> = { pegawai: 0, diklat: 0, kinerja: 0, hukdis: 0 };
  let calibration: CalibrationRow[] = [];
  let periods: string[];
  if ((o.scale ?? "kanreg8") === "kanreg8") {
    periods = [...DEMO_PERIODS];
    // Periods are split into consecutive runs (years share their stratified draws); this thread
    // writes the first, workers the others. On 2 cores: ~12 s in one thread, ~7 s in two.
    const n = Math.max(1, o.workers ?? Math.min(4, navigator.hardwareConcurrency || 1));
    const [first, ...rest] = chunks(periods, n);
    const job = { csvDir, seed, only: o.only };
    const others = rest.map((mine) => inWorker({ ...job, mine }));
    // The demo's own instansi reference beside its periods (a wilayah.csv in the raw folder is
    // what every command reads): the 46 governments with the names the demo was calibrated under.
    Deno.copyFileSync(DEMO_WILAYAH, join(out, "wilayah.csv"));
    const own = await kanreg8Share({ ...job, mine: first, log });
    calibration = own.calibration;
    for (const r of [own.rows, ...await Promise.all(others)]) {
      for (const t of TABLES) rows[t] += r[t];
    }
  } else {
    const exempt = await exemptWords();
    const writers = new Writers(csvDir);
    const sinks: PeriodSinks = {
      pegawai: new Sink(),
      diklat: new Sink(),
      kinerja: new Sink(),
      hukdis: new Sink(),
    };
    const nips = new Set<string>();
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
    writers.close();
  }
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
