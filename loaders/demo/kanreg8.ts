/**
 * The kanreg8 demo, one share of its periods at a time: every share draws the same people and runs
 * the same calibration over all periods (about a second; the calibration of a period depends on the
 * ones before it), and writes the files of its own periods only. `generate` runs one share itself
 * and the others in workers, so the same seed gives the same bytes whatever the number of shares.
 */
import { join } from "node:path";
import { HEADERS_OF, type TableName } from "./tables.ts";
import { loadProfiles } from "../engine/method.ts";
import { parsePeriod } from "../engine/period.ts";
import { loadWilayah, Official, readReference, REFERENCE_DIR, type Wilayah } from "../reference.ts";
import {
  calibrate,
  csvCell,
  type InstansiSpec,
  type Method,
  type PeriodSinks,
  Population,
  records,
  type Thresholds,
} from "./model.ts";
import { Rng } from "./random.ts";
import { Sink } from "./sink.ts";
import { DEMO_PERIODS, makeTargets, PPPK_WAVES } from "./targets.ts";

export interface CalibrationRow {
  kode_instansi: string;
  periode: string;
  metode: Method;
  target: number;
  expected: number;
  q: number;
}

export const TABLES: TableName[] = ["pegawai", "diklat", "kinerja", "hukdis"];
const ROOT = new URL("../../", import.meta.url).pathname;

export function csvLine(cells: string[]): string {
  return cells.map(csvCell).join(",") + "\n";
}

/**
 * CSV writers, one per (period, table). Each call's lines are encoded and written at once: keeping
 * ~4 MB of text per file buffered (52 files) held hundreds of MB of string pieces on the heap, and
 * the garbage collector marking them plus joining them was half the generator's time.
 */
export class Writers {
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

export async function exemptWords(): Promise<string[]> {
  const profiles = await loadProfiles(join(ROOT, "data/methods"));
  const p = profiles.find((x) => x.id === "bkn-2019");
  const item = p?.kompetensi.komponen.find((k) => k.jenis === "diklat_fungsional");
  return item && item.jenis === "diklat_fungsional" ? item.dikecualikan : [];
}

/** The demo's instansi: the 46 governments of Kanreg VIII, with Kemendagri codes. */
export const DEMO_WILAYAH = join(ROOT, "loaders/demo/wilayah-kanreg8.csv");

/**
 * Eight Kalimantan Tengah regencies were first numbered in BPS's order; their Kemendagri codes
 * differ. Their synthetic people are still drawn from the first codes, so each keeps its figures
 * under its corrected code: Kemendagri code → the code its people are drawn from.
 */
const BENIH: Record<string, string> = {
  "6206": "6209", // Katingan
  "6207": "6208", // Seruyan
  "6208": "6206", // Sukamara
  "6209": "6207", // Lamandau
  "6210": "6211", // Gunung Mas
  "6211": "6210", // Pulang Pisau
  "6212": "6213", // Murung Raya
  "6213": "6212", // Barito Timur
};

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
    benih: BENIH[w.kode_instansi],
    jenis: w.jenis,
    size: known[w.kode_instansi] ??
      (w.jenis === "kota" ? rng.int(2500, 4500) : rng.int(1500, 4200)),
    waves: PPPK_WAVES[w.kode_instansi],
  }));
}

/** One share of the kanreg8 demo: which periods it writes, into which folder. */
export interface Kanreg8Job {
  csvDir: string;
  seed: number;
  only?: string[];
  /** The periods whose files this share writes. */
  mine: string[];
  log?: (msg: string) => void;
}

/** Rows written per table, and the calibration of every (instansi, period). */
export async function kanreg8Share(
  job: Kanreg8Job,
): Promise<{ rows: Record<TableName, number>; calibration: CalibrationRow[] }> {
  const seed = job.seed;
  const periods = [...DEMO_PERIODS];
  const mine = new Set(job.mine);
  const exempt = await exemptWords();
  const rows: Record<TableName, number> = { pegawai: 0, diklat: 0, kinerja: 0, hukdis: 0 };
  const calibration: CalibrationRow[] = [];
  const writers = new Writers(job.csvDir);
  const sinks: PeriodSinks = {
    pegawai: new Sink(),
    diklat: new Sink(),
    kinerja: new Sink(),
    hukdis: new Sink(),
  };
  const nips = new Set<string>();
  const wilayah = await loadWilayah(DEMO_WILAYAH);
  const official = await readReference(`${REFERENCE_DIR}official-ipasn.csv`, Official);
  const targets = makeTargets(wilayah, official, seed);
  for (const p of periods) if (mine.has(p)) { for (const t of TABLES) await writers.open(p, t); }
  for (
    const spec of kanreg8Specs(wilayah, seed).filter((s) => !job.only || job.only.includes(s.kode))
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
      if (mine.has(periode)) {
        records(pop, periode, c.t, [...byQuarter, c.t], prevYear, sinks);
        await writers.drain(periode, sinks, rows);
      }
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
    }
    if (!byQuarter.length) prevYear = null;
    job.log?.(`${spec.kode}: ${pop.people.length} people`);
  }
  writers.close();
  return { rows, calibration };
}
