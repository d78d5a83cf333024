/**
 * `deno task build [--audience public|internal]`: pipeline + site into dist/.
 *
 * 1. Raw data: data/raw/ when it holds period folders, else the embedded demo data (generated into
 *    data/demo/raw/ when missing or when the generator changed).
 * 2. The scoring pipeline into data/computed/ (only new or changed periods are recomputed).
 * 3. Observable Framework, offline: npm versions seeded, loader outputs refreshed, built into
 *    dist.tmp/, given its Indonesian shell, checked for personal data, then swapped into dist/.
 * A failure at any step leaves the previous dist/ and data/computed/ in place.
 *
 * `--require-real-data` (or `"wajib_data_nyata": true` in data/situs.json), the production setting:
 * the build refuses, before anything is written, to fall back to the demo or to publish any period
 * whose export says it is synthetic, instead of silently publishing made-up figures.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { generate } from "../loaders/demo/generate.ts";
import { Db, lit } from "../loaders/duck.ts";
import { InputError, UsageError, UserError } from "../loaders/errors.ts";
import { moduleGraph } from "../loaders/modules.ts";
import { methodsDir } from "../loaders/engine/method.ts";
import {
  freshStaging,
  guardOutput,
  lockOutput,
  MARKER,
  markOutput,
  recoverOutput,
  removeOwn,
  swapIn,
} from "../loaders/output.ts";
import { runPipeline } from "../loaders/engine/pipeline.ts";
import { unitRoutes } from "../loaders/publish/internal.ts";
import { nameSet, scanDir } from "../loaders/publish/privacy.ts";
import { localiseHtml } from "../loaders/publish/shell.ts";
import { tulisSitus } from "../loaders/publish/scope.ts";
import { bacaSitus } from "../loaders/publish/situs.ts";
import { ProgressReporter } from "./progress.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const { values } = parseArgs({
  args: Deno.args,
  options: {
    audience: { type: "string", default: "public" },
    raw: { type: "string" },
    /** Build from the demo data even when data/raw/ holds an export. */
    demo: { type: "boolean", default: false },
    /** Where the pipeline writes (default data/computed). */
    computed: { type: "string" },
    /** Default: dist/ (public) or dist-internal/ (internal). */
    out: { type: "string" },
    /** A folder of method profiles instead of data/methods/. */
    methods: { type: "string" },
    /** Refuse synthetic data: never fall back to the demo, never publish a synthetic period. */
    "require-real-data": { type: "boolean", default: false },
  },
});
if (values.methods) Deno.env.set("IPASN_METHODS", resolve(values.methods));
const AUDIENCES = ["public", "internal"];
if (!AUDIENCES.includes(values.audience!)) {
  console.error(`--audience ${values.audience}: use one of ${AUDIENCES.join(", ")}`);
  Deno.exit(2);
}
const internal = values.audience === "internal";
let settings: ReturnType<typeof bacaSitus>;
try {
  settings = bacaSitus();
} catch (e) {
  console.error(`error: ${(e as Error).message}`);
  Deno.exit(1);
}
const requireReal = values["require-real-data"] || settings.wajib_data_nyata;
const t0 = performance.now();
const step = (msg: string) =>
  console.error(`[build ${((performance.now() - t0) / 1000).toFixed(1)} s] ${msg}`);

function hasPeriods(dir: string): boolean {
  return existsSync(dir) &&
    [...Deno.readDirSync(dir)].some((e) => e.isDirectory && /^\d{4}(-Q[1-4])?$/.test(e.name));
}

/** The demo data is regenerated when the generator or its reference inputs change. */
async function demoVersion(): Promise<string> {
  const h = createHash("sha256");
  const files = [
    ...moduleGraph(join(ROOT, "loaders/demo/generate.ts")),
    join(ROOT, "data/reference/official-ipasn.csv"),
    join(ROOT, "data/reference/wilayah-kanreg8.csv"),
  ];
  for (const f of files.sort()) h.update(await Deno.readFile(f));
  return h.digest("hex");
}

async function rawFolder(): Promise<string> {
  if (values.raw) return values.raw;
  const real = join(ROOT, "data/raw");
  if (hasPeriods(real) && !values.demo) return real;
  if (requireReal) {
    throw values.demo
      ? new UsageError(
        "--demo builds from synthetic data, which --require-real-data (or wajib_data_nyata in data/situs.json) refuses",
        "drop --demo, or drop --require-real-data for a demonstration site",
      )
      : new InputError(
        real,
        "holds no period folder (YYYY or YYYY-Qn), and this build refuses to fall back to the synthetic demo data",
        "put the raw exports there (in CI: check out the private data repository or fetch the files into data/raw/ first)",
      );
  }
  const demo = join(ROOT, "data/demo/raw");
  const version = await demoVersion();
  const stamp = join(demo, ".versi");
  // Two builds at once (tests run in parallel) must not generate into the same staging folder:
  // the second waits for the first and then finds the data current.
  Deno.mkdirSync(join(ROOT, "data/demo"), { recursive: true });
  const lock = await Deno.open(join(ROOT, "data/demo/.kunci"), { create: true, write: true });
  await lock.lock(true);
  try {
    await generateDemo(demo, stamp, version);
  } finally {
    await lock.unlock();
    lock.close();
  }
  return demo;
}

async function generateDemo(demo: string, stamp: string, version: string): Promise<void> {
  if (!existsSync(stamp) || Deno.readTextFileSync(stamp) !== version) {
    step("no real export in data/raw/: generating the synthetic demo data into data/demo/raw/");
    guardOutput({ out: demo, option: "the demo folder", kind: "demo" });
    using _lock = lockOutput(demo, "the demo folder");
    const tmp = `${demo}.tmp`;
    freshStaging(tmp, "demo");
    await generate({ out: tmp, scale: "kanreg8" });
    Deno.writeTextFileSync(join(tmp, ".versi"), version);
    markOutput(tmp, "demo");
    swapIn(tmp, demo, "demo");
  }
}

/** Framework resolves versions for npm: specifiers in its client bundle; answer from a file, not the network. */
function seedFrameworkCache(): void {
  const { versions } = JSON.parse(Deno.readTextFileSync(join(ROOT, "framework-offline.json")));
  for (const [name, version] of Object.entries(versions)) {
    Deno.mkdirSync(join(ROOT, "src/.observablehq/cache/_npm", `${name}@${version}`), {
      recursive: true,
    });
  }
}

/**
 * Loader outputs depend on data/computed, the publication settings, the profiles and the loader
 * library, which Framework's cache does not know about: drop them when those changed, keep them
 * otherwise (a warm rebuild).
 */
async function refreshLoaderCache(computed: string): Promise<string> {
  const h = createHash("sha256");
  const inputs = [
    // Every output table (no list kept by hand: a new table is covered by being written).
    ...[...Deno.readDirSync(computed)].filter((e) => e.isFile && !e.name.startsWith("."))
      .map((e) => join(computed, e.name)).sort(),
    join(ROOT, "data/publikasi.json"),
    join(computed, ".site/situs.json"),
    ...[...Deno.readDirSync(methodsDir())].map((e) => join(methodsDir(), e.name)).sort(),
    // Framework reruns a loader when its own file changes, not when a module it imports does.
    ...moduleGraph(join(ROOT, "loaders/publish/muatan.ts")),
    ...[...Deno.readDirSync(join(ROOT, "data/reference"))].map((e) =>
      join(ROOT, "data/reference", e.name)
    ).sort(),
  ];
  for (const f of inputs) h.update(f + "\0").update(await Deno.readFile(f));
  const stamp = h.digest("hex");
  const cache = join(ROOT, "src/.observablehq/cache");
  const stampFile = join(cache, "ipasn-data.stamp");
  if (existsSync(stampFile) && Deno.readTextFileSync(stampFile) === stamp) return stamp;
  // Every loader output (data/, internal/…); Framework's module caches (_npm, _node…) stay.
  if (existsSync(cache)) {
    for (const e of Deno.readDirSync(cache)) {
      if (e.isDirectory && !e.name.startsWith("_")) {
        Deno.removeSync(join(cache, e.name), { recursive: true });
      }
    }
  }
  Deno.mkdirSync(cache, { recursive: true });
  Deno.writeTextFileSync(stampFile, stamp);
  return stamp;
}

/** Where a built site records what it was built from (see `siteInputs`). */
const INPUTS_FILE = ".ipasn-masukan";

function filesUnder(dir: string, out: string[] = []): string[] {
  for (const e of Deno.readDirSync(dir)) {
    if (e.name === ".observablehq") continue; // Framework's own cache and log
    const path = join(dir, e.name);
    if (e.isDirectory) filesUnder(path, out);
    else out.push(path);
  }
  return out.sort();
}

/**
 * A hash of everything a site is built from: the data files' inputs (`dataStamp`), the pages and
 * components, Framework's configuration and version, this script and what it imports (the shell,
 * the privacy check), the audience. Equal to the one recorded in the last site, and that site
 * still whole: nothing to do (a rebuild with no change takes the scoring check, not a Framework
 * build).
 */
async function siteInputs(dataStamp: string, computed: string): Promise<string> {
  const h = createHash("sha256").update(`${values.audience}\0${dataStamp}\0`);
  const files = [
    ...filesUnder(join(ROOT, "src")),
    join(ROOT, "observablehq.config.js"),
    join(ROOT, "package-lock.json"),
    join(ROOT, "framework-offline.json"),
    ...moduleGraph(join(ROOT, "scripts/build.ts")),
    // What this script writes for the site; not the loaders' own caches kept beside them.
    ...["situs.json", "rute-internal.json"].map((f) => join(computed, ".site", f))
      .filter((f) => existsSync(f)),
  ];
  for (const f of files) h.update(f + "\0").update(await Deno.readFile(f));
  return h.digest("hex");
}

/** The site in `out` was built from `inputs` and none of its files is missing. */
function siteCurrent(out: string, inputs: string): boolean {
  try {
    if (Deno.readTextFileSync(join(out, INPUTS_FILE)) !== inputs) return false;
    const marker = JSON.parse(Deno.readTextFileSync(join(out, MARKER)));
    return (marker.berkas as string[]).every((f) => existsSync(join(out, f)));
  } catch {
    return false;
  }
}

/**
 * Every data file the site loads, made in one process before Framework starts
 * (loaders/publish/muatan.ts): Framework then finds them fresh in its cache instead of starting a
 * Deno process, each with its own DuckDB, per file (44.8 s for the demo's 70 files; one per report
 * card nationally). A file left out is still made by its loader, with the same bytes.
 */
async function fillLoaderCache(computed: string): Promise<void> {
  const t = performance.now();
  const r = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      join(ROOT, "loaders/publish/muatan.ts"),
      "--cache",
      join(ROOT, "src/.observablehq/cache"),
      ...(internal ? ["--internal"] : []),
    ],
    env: { IPASN_COMPUTED: computed, IPASN_AUDIENCE: values.audience! },
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!r.success) {
    throw new Error(new TextDecoder().decode(r.stderr).trim().split("\n").slice(-20).join("\n"));
  }
  const { ditulis, ada } = JSON.parse(new TextDecoder().decode(r.stdout));
  step(
    `data files: ${ditulis} made, ${ada} unchanged (${
      ((performance.now() - t) / 1000).toFixed(1)
    } s)`,
  );
}

async function personalNames(computed: string): Promise<Set<string>> {
  const db = await Db.open();
  try {
    const rows = await db.all<{ nama: string }>(
      `SELECT DISTINCT nama FROM read_parquet(${
        lit(join(computed, "nama.parquet"))
      }) WHERE nama IS NOT NULL`,
    );
    return nameSet(rows.map((r) => r.nama));
  } finally {
    db.close();
  }
}

async function localise(dir: string): Promise<void> {
  for await (const e of Deno.readDir(dir)) {
    const path = join(dir, e.name);
    if (e.isDirectory && !e.name.startsWith("_")) await localise(path);
    else if (e.isFile && e.name.endsWith(".html")) {
      await Deno.writeTextFile(path, localiseHtml(await Deno.readTextFile(path)));
    }
  }
}

/** Periods of `raw` whose meta.json says the export is synthetic (the demo generator writes it). */
function syntheticPeriods(raw: string): string[] {
  if (!existsSync(raw)) return [];
  return [...Deno.readDirSync(raw)].filter((e) => e.isDirectory).map((e) => e.name).filter((p) => {
    try {
      return JSON.parse(Deno.readTextFileSync(join(raw, p, "meta.json"))).sintetis === true;
    } catch {
      return false; // no meta.json: an export from a real system
    }
  }).sort();
}

const computed = values.computed ? resolve(values.computed) : join(ROOT, "data/computed");
const out = resolve(ROOT, values.out ?? (internal ? "dist-internal" : "dist"));
if (internal && out === resolve(ROOT, "dist")) {
  console.error(
    "error: the internal build holds personal data and must not be written to dist/, the public site",
  );
  Deno.exit(2);
}
// Framework empties its output folder first, so it builds into a sub-folder of the marked staging
// folder: whatever a crash leaves there is still recognisably the tool's own.
const staging = `${out}.tmp`;
const site = join(staging, "site");
try {
  // Before anything is written: the swap at the end replaces `out`, so it must be a folder this
  // tool wrote (a previous site), a new folder or an empty one.
  guardOutput({
    out,
    option: "--out",
    kind: "site",
    inputs: [computed, join(ROOT, "src"), ...(values.raw ? [values.raw] : [])],
  });
  using lock = lockOutput(out, "--out");
  recoverOutput(out, "site");
  const raw = await rawFolder();
  if (requireReal) {
    const fake = syntheticPeriods(raw);
    if (fake.length) {
      throw new InputError(
        join(raw, fake[0], "meta.json"),
        `says the export is synthetic ("sintetis": true; ${fake.length} period(s): ${
          fake.join(", ")
        }), and this build refuses to publish synthetic data`,
        "build from the real exports, or drop --require-real-data / wajib_data_nyata for a demonstration site",
      );
    }
  }
  step(`scoring ${raw}`);
  const progress = new ProgressReporter();
  // The settings' reference applies unless a wilayah.csv beside the raw data overrides it.
  const wilayahPath = settings.referensi && !existsSync(join(raw, "wilayah.csv"))
    ? resolve(ROOT, settings.referensi)
    : undefined;
  const result = await runPipeline({
    raw,
    out: computed,
    log: (e) => progress.event(e),
    // The public site needs no per-person file; the internal worklists read the latest period's.
    perAsn: internal ? "latest" : "none",
    ...(wilayahPath ? { wilayahPath } : {}),
  });
  progress.summary(result);
  const scope = tulisSitus(computed, settings);
  step(`scope: ${scope.jenis} (${scope.nama}), ${scope.jumlah_instansi} instansi`);
  if (scope.di_luar_referensi.length) {
    step(
      `${scope.di_luar_referensi.length} instansi not in data/reference/wilayah-nasional.csv, shown under their code: ${
        scope.di_luar_referensi.slice(0, 10).map((i) => i.kode_instansi).join(", ")
      }`,
    );
  }

  if (internal) {
    Deno.mkdirSync(join(computed, ".site"), { recursive: true });
    // One static page per unit only while that stays small; nationally (tens of thousands of
    // units) a unit's worklist opens inside its instansi page instead.
    const routes = await unitRoutes(computed);
    Deno.writeTextFileSync(
      join(computed, ".site/rute-internal.json"),
      JSON.stringify(routes.length <= settings.halaman_unit_internal_maks ? routes : []),
    );
  }
  seedFrameworkCache();
  const inputs = await siteInputs(await refreshLoaderCache(computed), computed);
  if (siteCurrent(out, inputs)) {
    step(`nothing changed since the last build: ${out} is current`);
    lock[Symbol.dispose](); // Deno.exit leaves without releasing what `using` holds
    Deno.exit(0);
  }
  step(`building the ${values.audience} site (Observable Framework, offline)`);
  await fillLoaderCache(computed);
  freshStaging(staging, "site");
  const fw = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      join(ROOT, "node_modules/@observablehq/framework/dist/bin/observable.js"),
      "build",
    ],
    cwd: ROOT,
    env: {
      OBSERVABLE_TELEMETRY_DISABLE: "true",
      IPASN_OUTPUT: site,
      IPASN_COMPUTED: computed,
      IPASN_AUDIENCE: values.audience!,
      NO_COLOR: "1",
    },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const log = new TextDecoder().decode(fw.stdout) + new TextDecoder().decode(fw.stderr);
  Deno.writeTextFileSync(join(ROOT, "src/.observablehq/build.log"), log);
  if (!fw.success) {
    console.error(
      log.split("\n").filter((l) => !/^(build|load|copy) \//.test(l)).slice(-40).join("\n"),
    );
    throw new Error("Observable Framework build failed (full log: src/.observablehq/build.log)");
  }
  await localise(site);

  if (!internal) {
    step("checking the public build for personal data");
    const findings = await scanDir(site, await personalNames(computed));
    if (findings.length) {
      for (const f of findings.slice(0, 20)) console.error(`  ${f.file}: ${f.problem}`);
      throw new Error(
        `privacy check failed: ${findings.length} finding(s); the previous dist/ is left in place`,
      );
    }
  }
  Deno.writeTextFileSync(join(site, INPUTS_FILE), inputs);
  markOutput(site, "site");
  swapIn(site, out, "site");
  removeOwn(staging, "site");
  step(`done: ${out}`);
} catch (err) {
  if (err instanceof UserError) {
    console.error(`\nerror: ${err.message}\nThe previous outputs were left in place.`);
    Deno.exit(err.exitCode);
  }
  console.error(`\nerror: ${(err as Error).message}`);
  Deno.exit(1);
}
