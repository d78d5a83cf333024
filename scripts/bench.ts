/**
 * `deno task bench [--quick]`: the benchmark suite. Writes bench/results.json (full run) or
 * bench/results-quick.json, and prints a table. Every figure is the median of several runs; targets
 * are reported next to the figures, never asserted.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { command, parseArgsOrExit } from "../loaders/cli.ts";
import { generate } from "../loaders/demo/generate.ts";
import { Db, lit } from "../loaders/duck.ts";
import { launch } from "../tests/helpers/browser.ts";
import { serve } from "../tests/helpers/serve.ts";
import { projectCopy } from "../tests/helpers/project.ts";
import { runPipeline } from "../loaders/engine/pipeline.ts";
import { arqueroInstansiMeans } from "./bench-arquero.ts";
import { compareWithEngine, pandasMissing, pandasVersion, PEER, PYTHON } from "./bench-pandas.ts";
import { nativeSeconds, typedTables, wasmSeconds } from "./bench-wasm.ts";
import { nationalSite } from "./bench-national.ts";
import { type Floor, ioFloor } from "./bench-floor.ts";
import { pageFigures, ukurHalaman } from "./bench-halaman.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const BENCH = command({
  name: "deno task bench",
  summary: `The benchmark suite: writes bench/results.json (full run) or bench/results-quick.json
(--quick) and prints a table. Every figure is the median of several runs; targets are reported
next to the figures, never asserted.`,
  options: {
    quick: {
      type: "boolean",
      help: "3 instansi instead of 46 and fewer runs, into bench/results-quick.json",
    },
    only: {
      type: "string",
      list: true,
      arg: "SECTION,...",
      values: ["demo", "scoring", "engines", "peers", "builds", "pages", "national-site"],
      help: "rerun only these sections (demo, scoring, engines, peers, builds, pages, " +
        "national-site) and keep the others from the last results file",
    },
    "build-runs": {
      type: "integer",
      min: 1,
      help: "builds of the national site per kind (cold, warm); each takes minutes " +
        "(default: 2, or 1 with --quick)",
    },
  },
});
const { values } = parseArgsOrExit(BENCH);
const QUICK = values.quick;
const ONLY: string[] | undefined = values.only;
const part = (name: string) => !ONLY || ONLY.includes(name);
const TMP = join(ROOT, "bench/tmp", QUICK ? "quick" : "full");
Deno.mkdirSync(TMP, { recursive: true });
const DENO = Deno.execPath();
const log = (m: string) => console.error(`[bench] ${m}`);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

interface Run {
  seconds: number;
  peakRssMb: number;
  ok: boolean;
  stderr: string;
}

/**
 * Run a command (Deno by default), sampling its peak resident memory (VmHWM) until it exits;
 * `stdoutFile` keeps what it prints.
 */
async function measure(
  args: string[],
  env: Record<string, string> = {},
  o: { cmd?: string; stdoutFile?: string; cwd?: string } = {},
): Promise<Run> {
  const t0 = performance.now();
  const child = new Deno.Command(o.cmd ?? DENO, {
    args,
    cwd: o.cwd ?? ROOT,
    stdout: o.stdoutFile ? "piped" : "null",
    stderr: "piped",
    env: { CI: "true", ...env },
  }).spawn();
  let peak = 0;
  const poll = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(Deno.readTextFileSync(`/proc/${child.pid}/status`));
      if (m) peak = Math.max(peak, Number(m[1]) / 1024);
    } catch { /* exited */ }
  }, 50);
  const out = await child.output();
  clearInterval(poll);
  if (o.stdoutFile) Deno.writeFileSync(o.stdoutFile, out.stdout);
  return {
    seconds: (performance.now() - t0) / 1000,
    peakRssMb: Math.round(peak),
    ok: out.success,
    stderr: new TextDecoder().decode(out.stderr),
  };
}

async function repeat(
  n: number,
  f: () => Promise<Run>,
): Promise<{ median_s: number; runs_s: number[]; peak_rss_mb: number }> {
  const runs: Run[] = [];
  for (let i = 0; i < n; i++) {
    const r = await f();
    if (!r.ok) throw new Error(`benchmark step failed:\n${r.stderr.slice(-2000)}`);
    runs.push(r);
  }
  return {
    median_s: round(median(runs.map((r) => r.seconds))),
    runs_s: runs.map((r) => round(r.seconds)),
    peak_rss_mb: Math.max(...runs.map((r) => r.peakRssMb)),
  };
}
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function target(value: number, limit: number, unit: string, lowerIsBetter = true) {
  const met = lowerIsBetter ? value <= limit : value >= limit;
  return { target: `${lowerIsBetter ? "≤" : "≥"} ${limit} ${unit}`, met };
}

async function dataset(name: string, make: (dir: string) => Promise<void>): Promise<string> {
  const dir = join(TMP, name);
  if (!existsSync(join(dir, ".ready"))) {
    if (existsSync(dir)) Deno.removeSync(dir, { recursive: true });
    log(`generating ${name}…`);
    await make(dir);
    Deno.writeTextFileSync(join(dir, ".ready"), "");
  }
  return dir;
}

/** The kanreg8 demo (quick: 3 instansi), generated once into bench/tmp. */
const kanreg8 = () =>
  dataset(
    "kanreg8",
    (d) => generate({ out: d, only: QUICK ? QUICK_INSTANSI : undefined }).then(() => {}),
  );
const QUICK_INSTANSI = ["6474", "65", "6501"];

/** The engine's CLI on `raw` doing the peer's job: both profiles, means only, from cold. */
const ENGINE_AS_PEER = [
  "--method",
  "bkn-2019",
  "--method",
  "bkn-2024",
  "--per-asn",
  "none",
  "--variants",
  "none",
];

/**
 * The engine's CLI and the pandas peer on the same raw folder, in turn, each from cold and in a
 * process of its own (interpreter start-up included on both sides); then how far their means are
 * apart. A peer that cannot run (no pandas) or fails is reported as such, never fails the bench.
 */
async function engineVsPandas(
  raw: string,
  name: string,
  engineExtra: string[] = ENGINE_AS_PEER,
  times = 5,
) {
  const out = join(TMP, `out-${name}-engine`);
  const engine = await repeat(RUNS, async () => {
    if (existsSync(out)) Deno.removeSync(out, { recursive: true });
    return await measure([
      "run",
      "-A",
      "scripts/score.ts",
      "--raw",
      raw,
      "--out",
      out,
      ...engineExtra,
    ]);
  });
  const rows = countRows(out);
  const engineFig = {
    args: engineExtra.join(" "),
    median_s: engine.median_s,
    runs_s: engine.runs_s,
    peak_rss_mb: engine.peak_rss_mb,
  };
  const missing = await pandasMissing();
  if (missing) {
    log(`pandas peer skipped: ${missing}`);
    return { rows_read: rows, engine: engineFig, pandas: { skipped: missing } };
  }
  const csv = join(TMP, `out-${name}-pandas.csv`);
  try {
    const pandas = await repeat(
      RUNS,
      () => measure([PEER, raw], {}, { cmd: PYTHON, stdoutFile: csv }),
    );
    return {
      rows_read: rows,
      engine: engineFig,
      pandas: {
        version: await pandasVersion(),
        median_s: pandas.median_s,
        runs_s: pandas.runs_s,
        peak_rss_mb: pandas.peak_rss_mb,
        agreement: await compareWithEngine(out, csv),
      },
      pandas_over_engine: round(pandas.median_s / engine.median_s),
      ...(!QUICK
        ? {
          target: target(
            pandas.median_s / engine.median_s,
            times,
            "× (pandas time / engine time)",
            false,
          ),
        }
        : {}),
    };
  } catch (e) {
    log(`pandas peer failed: ${(e as Error).message.slice(0, 500)}`);
    return {
      rows_read: rows,
      engine: engineFig,
      pandas: { failed: (e as Error).message.slice(0, 2000) },
    };
  }
}

function countRows(dir: string): number {
  const acc = JSON.parse(Deno.readTextFileSync(join(dir, "accounting.json")));
  return Object.values(acc).flatMap((t) => Object.values(t as Record<string, { read: number }>))
    .reduce((s, a) => s + a.read, 0);
}

/** The machine's load averages (1, 5, 15 minutes): others' work moves every timing. */
const load = () => Deno.loadavg().map((x) => round(x));

const resultsFile = join(ROOT, "bench", values.quick ? "results-quick.json" : "results.json");
const results: Record<string, unknown> = ONLY && existsSync(resultsFile)
  ? JSON.parse(Deno.readTextFileSync(resultsFile))
  : {};
const cpu = /model name\s*:\s*(.*)/.exec(Deno.readTextFileSync("/proc/cpuinfo"))?.[1] ?? "unknown";
/**
 * Seconds to write 1 GB of memory a process has just been given. On a virtual machine whose host
 * backs guest memory lazily this varies from run to run and between hosts, and every figure below
 * that allocates gigabytes moves with it: it is reported so that two results files can be compared.
 */
async function freshMemorySeconds(): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const out = await new Deno.Command(DENO, {
      args: [
        "eval",
        "const t = performance.now(); new Uint8Array(2 ** 30).fill(1); console.log(performance.now() - t)",
      ],
      stdout: "piped",
    }).output();
    times.push(Number(new TextDecoder().decode(out.stdout)) / 1000);
  }
  return round(median(times));
}

// A rerun of some sections keeps the machine the other sections were measured on, and records its
// own beside it: the fresh-memory figure moves between runs and the README quotes it.
const machine = {
  cores: navigator.hardwareConcurrency,
  memory_gb: round(Deno.systemMemoryInfo().total / 1024 ** 3, 1),
  cpu,
  fresh_memory_s_per_gb: await freshMemorySeconds(),
  deno: Deno.version.deno,
  os: Deno.build.os,
};
if (ONLY && results.machine) {
  // One entry per rerun; a section rerun again leaves the entry it was in (an entry left with no
  // section goes).
  type Rerun = { sections: string[] } & Record<string, unknown>;
  const before = (results.machine_reruns ??
    (results.machine_rerun ? [results.machine_rerun] : [])) as Rerun[];
  delete results.machine_rerun;
  results.machine_reruns = [
    ...before.map((e) => ({ ...e, sections: e.sections.filter((x) => !ONLY.includes(x)) }))
      .filter((e) => e.sections.length),
    { sections: ONLY, load_avg: load(), ...machine },
  ];
} else {
  results.machine = machine;
  delete results.machine_rerun;
  delete results.machine_reruns;
}
results.mode = QUICK ? "quick" : "full";
const RUNS = QUICK ? 2 : 3;

// ---------------------------------------------------------------- demo generation
if (part("demo")) {
  log("demo generation…");
  const times: number[] = [];
  let rows: Record<string, number> = {};
  for (let i = 0; i < RUNS; i++) {
    const dir = Deno.makeTempDirSync({ prefix: "ipasn-bench-demo-" });
    try {
      const t0 = performance.now();
      const r = await generate({ out: dir, only: QUICK ? QUICK_INSTANSI : undefined });
      times.push((performance.now() - t0) / 1000);
      rows = r.rows;
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  }
  results.demo = {
    data: QUICK ? "3 instansi of the kanreg8 demo" : "kanreg8 demo (46 instansi, 13 periods)",
    note: "generate() in this process: CSV files of every period, calibration included",
    rows: Object.values(rows).reduce((s, n) => s + n, 0),
    median_s: round(median(times)),
    runs_s: times.map((x) => round(x)),
  };
}

// ---------------------------------------------------------------- scoring at scale
if (part("scoring")) {
  const factor = QUICK ? 0.01 : 1;
  const csv = await dataset(
    "national-csv",
    (d) => generate({ out: d, scale: "national", sizeFactor: factor }).then(() => {}),
  );
  const pq = await dataset(
    "national-parquet",
    (d) =>
      generate({ out: d, scale: "national", sizeFactor: factor, format: "parquet" }).then(() => {}),
  );
  // The README's command as a user runs it (no flags: every profile, the variants as means for
  // the latest period, the latest period's per-person files), and beside it the means-only job
  // (both profiles, no per-person files, no variants).
  const JOBS: Record<string, { args: string[]; wall: Record<string, number> }> = {
    default: { args: [], wall: { csv: 45, parquet: 30 } },
    means_only: { args: ENGINE_AS_PEER, wall: { csv: 45, parquet: 15 } },
  };
  const scale: Record<string, unknown> = {
    jobs: Object.fromEntries(
      Object.entries(JOBS).map((
        [k, j],
      ) => [k, `scripts/score.ts --raw DIR --out DIR ${j.args.join(" ")}`.trim()]),
    ),
  };
  for (const [fmt, raw] of [["csv", csv], ["parquet", pq]] as const) {
    const out = join(TMP, `out-${fmt}`);
    const runs: Record<string, unknown> = {};
    let rows = 0;
    let floor: Record<string, unknown> = {};
    for (const [job, j] of Object.entries(JOBS)) {
      log(`scoring ${fmt}, ${job}…`);
      const r = await repeat(RUNS, async () => {
        if (existsSync(out)) Deno.removeSync(out, { recursive: true });
        return await measure([
          "run",
          "-A",
          "scripts/score.ts",
          "--raw",
          raw,
          "--out",
          out,
          ...j.args,
        ]);
      });
      rows = countRows(out);
      if (job === "default") {
        // The floor, from the files the default run just wrote (see bench-floor.ts).
        log(`scoring ${fmt}, the input and output floor…`);
        const tmp = Deno.makeTempDirSync({ dir: TMP, prefix: "floor-" });
        const floors: Floor[] = [];
        try {
          for (let i = 0; i < RUNS; i++) {
            floors.push(await ioFloor(join(raw, "2024-Q4"), join(out, "periode", "2024-Q4"), tmp));
          }
        } finally {
          Deno.removeSync(tmp, { recursive: true });
        }
        const read = median(floors.map((f) => f.typed_read_s));
        const write = median(floors.map((f) => f.per_person_write_s));
        floor = {
          typed_read_s: round(read),
          per_person_write_s: round(write),
          sum_s: round(read + write),
          runs: floors.map((f) => ({
            typed_read_s: round(f.typed_read_s),
            per_person_write_s: round(f.per_person_write_s),
          })),
          default_over_floor: round(r.median_s / (read + write)),
        };
      }
      runs[job] = {
        wall_s: r.median_s,
        runs_s: r.runs_s,
        rows_per_s: Math.round(rows / r.median_s),
        peak_rss_mb: r.peak_rss_mb,
        ...(!QUICK
          ? {
            wall_target: target(r.median_s, j.wall[fmt], "s"),
            ...(job === "default" ? { rss_target: target(r.peak_rss_mb, 4608, "MB") } : {}),
          }
          : {}),
      };
    }
    const db = await Db.open();
    // The table function is a parameter of the query, never patched into it afterwards.
    const read = (f: string) =>
      fmt === "csv" ? `read_csv(${lit(f)}, header = true)` : `read_parquet(${lit(f)})`;
    const asn = (await db.one<{ n: number }>(
      `SELECT count(*) AS n FROM ${read(join(raw, "2024-Q4", `pegawai.${fmt}`))}`,
    )).n;
    // Near the limit: a bare scan that only reads every input file.
    const files = [...Deno.readDirSync(join(raw, "2024-Q4"))].filter((e) =>
      e.name.endsWith(`.${fmt}`)
    ).map((e) => join(raw, "2024-Q4", e.name));
    // count(*) alone would read only a Parquet footer, and count(column) its statistics: hash
    // every value of every column so that every value is decoded.
    const scanSql = files.map((f) =>
      fmt === "csv"
        ? `SELECT min(hash(COLUMNS(*))) FROM read_csv(${lit(f)}, all_varchar = true, header = true)`
        : `SELECT min(hash(COLUMNS(*))) FROM read_parquet(${lit(f)})`
    );
    const scanTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      for (const sql of scanSql) await db.all(sql);
      scanTimes.push((performance.now() - t0) / 1000);
    }
    db.close();
    const scan = median(scanTimes);
    const wall = (job: string) => (runs[job] as { wall_s: number }).wall_s;
    scale[fmt] = {
      asn,
      rows_read: rows,
      bare_scan_s: round(scan),
      ...runs,
      io_floor: floor,
      default_over_means_only: round(wall("default") / wall("means_only")),
      times_bare_scan: round(wall("means_only") / scan),
    };
  }
  results.scoring_at_scale = scale;
}

// ---------------------------------------------------------------- engines side by side
if (part("engines")) {
  log("engines side by side…");
  const slice = await dataset(
    "slice",
    (d) =>
      generate({ out: d, scale: "national", sizeFactor: QUICK ? 0.005 : 0.045 }).then(() => {}),
  );
  const sliceOut = join(TMP, "out-slice");
  // Both engines are timed in this process, from the same CSV files to instansi means.
  const nativeTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    if (existsSync(sliceOut)) Deno.removeSync(sliceOut, { recursive: true });
    const t0 = performance.now();
    await runPipeline({ raw: slice, out: sliceOut, methods: ["bkn-2024"] });
    nativeTimes.push((performance.now() - t0) / 1000);
  }
  const native = { median_s: round(median(nativeTimes)) };
  const arqueroTimes: number[] = [];
  let agree = true;
  const nativeMeans = new Map((await (async () => {
    const db = await Db.open();
    const rows = await db.all<{ kode_instansi: string; nilai: number }>(
      `SELECT kode_instansi, nilai FROM read_csv(${
        lit(join(sliceOut, "instansi.csv"))
      }, types = {'kode_instansi': 'VARCHAR'})`,
    );
    db.close();
    return rows;
  })()).map((r) => [r.kode_instansi, r.nilai]));
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const means = await arqueroInstansiMeans(join(slice, "2024-Q4"), "2024-Q4");
    arqueroTimes.push((performance.now() - t0) / 1000);
    for (const [k, v] of means) if (Math.abs(v - (nativeMeans.get(k) ?? NaN)) > 1e-6) agree = false;
  }
  const pegawaiSlice =
    (await Deno.readTextFile(join(slice, "2024-Q4", "pegawai.csv"))).split("\n").length - 2;
  const arq = median(arqueroTimes);
  // The same SQL (bkn-2024 scoring + aggregation) on the same validated tables, native vs wasm.
  const typed = join(TMP, "slice-typed");
  await typedTables(join(slice, "2024-Q4"), join(slice, "wilayah.csv"), typed);
  const sqlNative: number[] = [], sqlWasm: number[] = [], sameJob: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const n = await nativeSeconds(typed, "2024-Q4", "bkn-2024");
    sqlNative.push(n.sql);
    sameJob.push(n.csvAndSql);
    sqlWasm.push(await wasmSeconds(typed, "2024-Q4", "bkn-2024"));
  }
  const [sn, sw, sj] = [median(sqlNative), median(sqlWasm), median(sameJob)];
  log("engine vs the pandas peer on the slice…");
  const pandasSlice = await engineVsPandas(slice, "slice");
  results.engines = {
    asn: pegawaiSlice,
    method: "bkn-2024",
    csv_to_means: {
      note:
        "in-process, CSV files to instansi means (native: the full pipeline, with validation, quarantine and every output file; arquero: scoring only)",
      native_duckdb_s: native.median_s,
      arquero_s: round(arq),
      arquero_agrees_with_native: agree,
      arquero_over_native: round(arq / native.median_s),
    },
    same_job: {
      note:
        "CSV files to instansi means for one profile, no validation: native DuckDB (the engine's SQL on the same rows, read from CSV) vs arquero",
      native_duckdb_s: round(sj, 3),
      arquero_s: round(arq),
      arquero_over_native: round(arq / sj),
      ...(!QUICK ? { target: target(arq / sj, 10, "× (arquero time / native time)", false) } : {}),
    },
    same_sql: {
      note: "the engine's compiled scoring and aggregation SQL on the same validated tables",
      native_duckdb_s: round(sn, 3),
      duckdb_wasm_s: round(sw, 3),
      wasm_over_native: round(sw / sn),
      ...(!QUICK ? { target: target(sw / sn, 3, "× (wasm time / native time)", false) } : {}),
    },
    pandas_same_files: {
      note:
        "the same CSV files, both profiles, means only: the engine's CLI (validation included; no per-person files, no variants) vs the pandas peer (no validation), each a process of its own",
      ...pandasSlice,
    },
  };
}

// ---------------------------------------------------------------- engine vs the pandas peer
if (part("peers")) {
  log("engine vs the pandas peer on three kanreg8 periods…");
  const demo = await kanreg8();
  const periods = [...Deno.readDirSync(demo)].filter((e) => e.isDirectory).map((e) => e.name)
    .sort().slice(-3);
  const raw = join(TMP, "peers-raw");
  if (existsSync(raw)) Deno.removeSync(raw, { recursive: true });
  Deno.mkdirSync(raw);
  for (const p of periods) Deno.symlinkSync(join(demo, p), join(raw, p));
  // The README's command with its defaults against the peer, and the means-only job beside it.
  const defaults = await engineVsPandas(raw, "peers-default", [], 3);
  const same = await engineVsPandas(raw, "peers");
  results.peers = {
    data: `${periods.join(", ")} of the ${
      QUICK ? "3-instansi" : "kanreg8"
    } demo (CSV), both profiles`,
    note:
      "engine: scripts/score.ts as the README runs it (default) and with --method bkn-2019 --method bkn-2024 --per-asn none --variants none (means only; validation, quarantine and accounting included either way); pandas: ../shared/peers/ipasn_pandas.py with /usr/bin/python3 (no validation, writes only the means); each from cold in a process of its own",
    ...same,
    default: defaults,
  };
}

// ---------------------------------------------------------------- builds
if (part("builds") || part("pages")) {
  log("builds…");
  const demo = await kanreg8();
  const periods = [...Deno.readDirSync(demo)].filter((e) => e.isDirectory).map((e) => e.name)
    .sort();
  const rawB = join(TMP, "build-raw");
  if (existsSync(rawB)) Deno.removeSync(rawB, { recursive: true });
  Deno.mkdirSync(rawB);
  for (const p of periods.slice(0, -1)) Deno.symlinkSync(join(demo, p), join(rawB, p));
  const computed = join(TMP, "build-computed"), dist = join(TMP, "build-dist");
  const build = () =>
    measure([
      "run",
      "-A",
      "scripts/build.ts",
      "--raw",
      rawB,
      "--computed",
      computed,
      "--out",
      dist,
    ]);
  const BUILD_RUNS = QUICK ? 1 : RUNS;
  if (part("builds")) {
    const cold = await repeat(BUILD_RUNS, async () => {
      for (const d of [computed, join(ROOT, "src/.observablehq/cache/data")]) {
        if (existsSync(d)) Deno.removeSync(d, { recursive: true });
      }
      const stamp = join(ROOT, "src/.observablehq/cache/ipasn-data.stamp");
      if (existsSync(stamp)) Deno.removeSync(stamp);
      return await build();
    });
    const warm = await repeat(BUILD_RUNS, build);
    let newPeriod = { median_s: 0, runs_s: [] as number[], peak_rss_mb: 0 };
    let recomputedOnly = "";
    {
      const runs: number[] = [];
      for (let i = 0; i < BUILD_RUNS; i++) {
        if (existsSync(join(rawB, periods.at(-1)!))) Deno.removeSync(join(rawB, periods.at(-1)!));
        const back = await build(); // back to the state without the last period
        if (!back.ok) throw new Error(back.stderr);
        Deno.symlinkSync(join(demo, periods.at(-1)!), join(rawB, periods.at(-1)!));
        const r = await build();
        if (!r.ok) throw new Error(r.stderr);
        runs.push(r.seconds);
        recomputedOnly = /(\d+) period\(s\) computed, (\d+) reused/.exec(r.stderr)?.[0] ?? "";
      }
      newPeriod = {
        median_s: round(median(runs)),
        runs_s: runs.map((x) => round(x)),
        peak_rss_mb: 0,
      };
    }
    // What a newcomer waits for: `npx deno task build` in a fresh copy of the project (no demo data,
    // no outputs, no Framework cache): generating the demo, scoring all 13 periods, the site.
    // The quick run skips it (it is the full demo whatever the mode).
    let fresh: Awaited<ReturnType<typeof repeat>> | undefined;
    if (!QUICK) {
      const work = Deno.makeTempDirSync({ prefix: "ipasn-bench-fresh-" });
      try {
        fresh = await repeat(BUILD_RUNS, async () => {
          const copy = join(work, "proyek");
          if (existsSync(copy)) Deno.removeSync(copy, { recursive: true });
          projectCopy(work);
          return await measure(["run", "-A", "scripts/build.ts"], {}, { cwd: copy });
        });
      } finally {
        Deno.removeSync(work, { recursive: true });
      }
    }
    results.builds = {
      data: QUICK ? "3 instansi of the kanreg8 demo" : "kanreg8 demo (46 instansi, 13 periods)",
      note:
        "first_build: npx deno task build in a fresh copy of the project (demo generated, 13 periods scored, site built); cold: 12 periods scored and the site built with no outputs and no Framework data cache; warm: nothing changed; new_period: the 13th period added to the 12",
      ...(fresh ? { first_build_s: fresh.median_s, first_build_runs_s: fresh.runs_s } : {}),
      cold_s: cold.median_s,
      warm_no_change_s: warm.median_s,
      warm_runs_s: warm.runs_s,
      new_period_s: newPeriod.median_s,
      new_period_runs_s: newPeriod.runs_s,
      new_period_pipeline: recomputedOnly,
      ...(!QUICK
        ? {
          ...(fresh ? { first_build_target: target(fresh.median_s, 60, "s") } : {}),
          warm_target: target(warm.median_s, 10, "s"),
          new_period_target: target(newPeriod.median_s, 20, "s"),
        }
        : {}),
    };
  }

  // ---------------------------------------------------------------- pages
  if (part("pages")) {
    log("pages…");
    // The demo site of all 13 periods (the builds section leaves it so; alone, one build makes it).
    if (!existsSync(join(rawB, periods.at(-1)!))) {
      Deno.symlinkSync(join(demo, periods.at(-1)!), join(rawB, periods.at(-1)!));
    }
    const b = await build();
    if (!b.ok) throw new Error(b.stderr);
    const site = serve(dist);
    const browser = await launch();
    try {
      results.pages = {
        note:
          "every page opened from cold in Chromium: uncompressed bytes served over loopback until the network is idle (no gzip), its JavaScript and requests, the median time to its first chart or table; targets: a report card 400 KB, Beranda 350 KB, every other page but Eksplorasi 600 KB, the first chart 1 s",
        ...await ukurHalaman(site, browser, `/instansi/${QUICK ? "6474" : "63"}`, RUNS, !QUICK),
      };
    } finally {
      await browser.close();
      await site.close();
    }
  }
}

// ---------------------------------------------------------------- national site
if (part("national-site")) {
  // Issue #18 item 4 / #20 item 4: the public site of the whole country (a report card per
  // instansi, 13 periods), built in a throw-away copy of the project (its own Framework cache and
  // settings: nobody else's build in the working tree is touched), then Peringkat in Chromium.
  log("national site…");
  const loadBefore = load();
  const provinsi = QUICK ? ["64", "65"] : undefined;
  const asn = QUICK ? 20 : 40;
  let made: Awaited<ReturnType<typeof nationalSite>> | undefined;
  const raw = await dataset("national-site", async (d) => {
    made = await nationalSite({ out: d, asn, provinsi });
    Deno.writeTextFileSync(join(d, ".counts.json"), JSON.stringify(made));
  });
  made ??= JSON.parse(Deno.readTextFileSync(join(raw, ".counts.json")));
  // Outside the project: a copy of the project cannot live inside it.
  const work = Deno.makeTempDirSync({ prefix: "ipasn-bench-national-" });
  try {
    const copy = projectCopy(work);
    const computed = join(work, "computed"), dist = join(work, "dist");
    const build = () =>
      measure(
        ["run", "-A", "scripts/build.ts", "--raw", raw, "--computed", computed, "--out", dist],
        {},
        { cwd: copy },
      );
    /** Seconds into the build at which it started Framework, from its own step lines. */
    const phases: { scoring_s: number; framework_s: number }[] = [];
    const phase = (stderr: string) => {
      const at = (re: RegExp) => Number(re.exec(stderr)?.[1] ?? NaN);
      const site = at(/\[build ([\d.]+) s\] building the public site/);
      const scan = at(/\[build ([\d.]+) s\] checking the public build/);
      phases.push({ scoring_s: site, framework_s: round(scan - site, 1) });
    };
    const BUILD_RUNS = values["build-runs"] ?? (QUICK ? 1 : 2);
    const cold = await repeat(BUILD_RUNS, async () => {
      // The built site too: with it in place a build whose inputs did not change stops after the
      // scoring (the second cold run measured 20 s of scoring and no Framework).
      for (const d of [computed, dist, join(copy, "src/.observablehq/cache")]) {
        if (existsSync(d)) Deno.removeSync(d, { recursive: true });
      }
      const r = await build();
      phase(r.stderr);
      return r;
    });
    const warm = await repeat(BUILD_RUNS, build);
    // What the build wrote: its pages (Framework's 404 aside) and its bytes.
    let pagesBuilt = 0, bytes = 0, wasm = 0;
    const walk = (dir: string) => {
      for (const e of Deno.readDirSync(dir)) {
        const f = join(dir, e.name);
        if (e.isDirectory) walk(f);
        else {
          const n = Deno.statSync(f).size;
          bytes += n;
          if (/duckdb-eh\.[0-9a-f]+\.(wasm|worker\.js)$/.test(e.name)) wasm += n;
          if (e.name.endsWith(".html") && e.name !== "404.html") pagesBuilt++;
        }
      }
    };
    walk(dist);
    const cards = existsSync(join(dist, "instansi"))
      ? [...Deno.readDirSync(join(dist, "instansi"))].filter((e) =>
        e.name.endsWith(".html") && e.name !== "index.html"
      ).length
      : 0;

    log("national site: Peringkat in Chromium…");
    const site = serve(dist);
    const browser = await launch();
    let peringkat: Record<string, unknown>;
    let halaman: Record<string, unknown> = {};
    try {
      const first = await pageFigures(
        site,
        browser,
        "/peringkat",
        "table.tabel-data tbody tr",
        RUNS,
      );
      // Choosing the earliest period under its default method, then another method: what each
      // choice transfers on top of the first view, and how long until the table shows it.
      const choose = async (label: string, value: string) => {
        const times: number[] = [];
        let kb = 0;
        for (let i = 0; i < RUNS; i++) {
          const ctx = await browser.newContext();
          const page = await ctx.newPage();
          await page.goto(site.url + "/peringkat", { waitUntil: "networkidle" });
          const row = () => page.locator("table.tabel-data tbody tr").first().textContent();
          const before = await row();
          site.log.length = 0;
          const t0 = await page.evaluate(() => performance.now());
          await page.getByRole("combobox", { name: label, exact: true }).selectOption(value);
          await page.waitForFunction(
            (b) => document.querySelector("table.tabel-data tbody tr")?.textContent !== b,
            before,
            { timeout: 60000 },
          );
          times.push(await page.evaluate(() => performance.now()) - t0);
          await page.waitForLoadState("networkidle");
          kb = Math.round(site.log.reduce((s, r) => s + r.bytes, 0) / 1024);
          await ctx.close();
        }
        return { kb_transferred: kb, table_ms: Math.round(median(times)) };
      };
      const index = JSON.parse(
        Deno.readTextFileSync(
          [...Deno.readDirSync(join(dist, "_file/data"))]
            .map((e) => join(dist, "_file/data", e.name))
            .find((f) => /\/indeks\.[0-9a-f]+\.json$/.test(f))!,
        ),
      );
      const other = (index.metode as { id: string }[]).map((m) => m.id)
        .find((m) => m !== index.baku[index.terbaru])!;
      peringkat = {
        path: "/peringkat",
        ...first,
        ...(!QUICK
          ? {
            size_target: target(first.kb_transferred, 600, "KB"),
            time_target: target(first.first_chart_ms, 1000, "ms"),
          }
          : {}),
        earliest_period: {
          periode: index.periode[0],
          ...await choose("Periode", index.periode[0]),
        },
        other_method: { metode: other, ...await choose("Metode", other) },
      };
      // Every page of the national site, a report card of a large province's government among them.
      halaman = await ukurHalaman(site, browser, `/instansi/${QUICK ? "64" : "35"}`, RUNS, !QUICK);
    } finally {
      await browser.close();
      await site.close();
    }
    results.national_site = {
      data: `${made!.instansi} instansi: ${made!.instansi - (made!.pusat ?? 0)} regional in ${
        made!.provinsi
      } provinces (data/reference/wilayah-nasional.csv) and ${
        made!.pusat ?? 0
      } central agencies (data/reference/instansi-pusat.csv), ${
        made!.periods
      } periods, about ${asn} synthetic ASN per instansi`,
      note:
        "scripts/build.ts (public) in a copy of the project; cold: no computed outputs and no Framework cache; warm: nothing changed. A page's weight and Framework's work follow instansi × periods × methods, not the ASN (national scoring at full size is scoring_at_scale). Peringkat: uncompressed bytes over loopback until the network is idle, time to the first table row; earliest_period / other_method: what choosing them transfers on top, and the time until the table shows it",
      asn_rows: made!.rows.pegawai,
      cold_s: cold.median_s,
      cold_runs_s: cold.runs_s,
      cold_phases: phases,
      warm_s: warm.median_s,
      warm_runs_s: warm.runs_s,
      peak_rss_mb: Math.max(cold.peak_rss_mb, warm.peak_rss_mb),
      pages: pagesBuilt,
      report_cards: cards,
      dist_mb: round(bytes / 1024 ** 2, 1),
      dist_mb_without_duckdb: round((bytes - wasm) / 1024 ** 2, 1),
      peringkat,
      halaman,
      ...(!QUICK ? { build_target: target(cold.median_s, 90, "s") } : {}),
      load_avg: { before: loadBefore, after: load() },
    };
  } finally {
    Deno.removeSync(work, { recursive: true });
  }
}

const file = resultsFile;
Deno.writeTextFileSync(file, JSON.stringify(results, null, 2) + "\n");
console.log(JSON.stringify(results, null, 2));
log(`wrote ${file}`);
if (!QUICK) await import("./bench-readme.ts");
