/**
 * `deno task build [--audience public|internal]`: pipeline + site into dist/.
 *
 * 1. Raw data: data/raw/ when it holds period folders, else the embedded demo data (generated into
 *    data/demo/raw/ when missing or when the generator changed).
 * 2. The scoring pipeline into data/computed/ (only new or changed periods are recomputed).
 *    `--computed DIR` without `--raw` (or `--demo`) skips it and builds from that scoring output.
 * 3. The site's data files, written once from the scores into src/data/ (loaders/publish/muatan.ts:
 *    only when their inputs changed).
 * 4. Observable Framework, offline: npm versions seeded, built into dist.tmp/, given its Indonesian
 *    shell, checked for personal data, then swapped into dist/.
 * A failure at any step leaves the previous dist/ and data/computed/ in place.
 *
 * `--require-real-data` (or `"wajib_data_nyata": true` in data/situs.json), the production setting:
 * the build refuses, before anything is written, to fall back to the demo or to publish any period
 * whose export says it is synthetic, instead of silently publishing made-up figures.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { generate } from "../loaders/demo/generate.ts";
import { Db, lit } from "../loaders/duck.ts";
import { command, main, profilesOption, RUN_OPTIONS, type Values } from "../loaders/cli.ts";
import { InputError, UsageError, UserError } from "../loaders/errors.ts";
import { moduleGraph } from "../loaders/modules.ts";
import { perPersonPeriods } from "../loaders/paths.ts";
import {
  freshStaging,
  guardOutput,
  lockOutput,
  MARKER,
  markOutput,
  ownOutput,
  recoverOutput,
  removeOwn,
  swapIn,
} from "../loaders/output.ts";
import { runPipeline } from "../loaders/engine/pipeline.ts";
import { nameSet, scanDir } from "../loaders/publish/privacy.ts";
import { terbitkanData } from "../loaders/publish/terbuka.ts";
import {
  type Kerangka,
  kerangkaSitus,
  localiseHtml,
  pasangKerangka,
  pasangToc,
} from "../loaders/publish/shell.ts";
import { RUTE, salinDinamis, SRC, tulisDataSitus } from "../loaders/publish/muatan.ts";
import type { Cakupan } from "../loaders/publish/scope.ts";
import { POLA_PERIODE } from "../src/kosakata.ts";
import { bacaSitus } from "../loaders/situs.ts";
import { ProgressReporter } from "./progress.ts";

const ROOT = new URL("../", import.meta.url).pathname;

export const BUILD = command({
  name: "deno task build",
  summary: `Raw data → scores → site. The raw data is data/raw/ when it holds period folders
(YYYY or YYYY-Qn), else the synthetic demo data; it is scored into data/computed/ (only new or
changed periods are recomputed), then Observable Framework builds the site, offline, checks the
public build for personal data and swaps it into dist/. A failure leaves the previous outputs.`,
  options: {
    audience: {
      type: "string",
      values: ["public", "internal"],
      default: "public",
      help: "public: the site to publish; internal: also per-unit worklists with NIPs and " +
        "names, never to be published",
    },
    raw: {
      type: "string",
      arg: "DIR",
      help: "score this raw folder (default: data/raw/ when it holds period folders, else the " +
        "demo data)",
    },
    demo: {
      type: "boolean",
      help: "build from the demo data even when data/raw/ holds an export",
    },
    computed: {
      type: "string",
      arg: "DIR",
      help: "where the scores go (default: data/computed); without --raw or --demo, build the " +
        "site from this existing scoring output without scoring again",
    },
    out: {
      type: "string",
      arg: "DIR",
      help: "where the site goes (default: dist for public, dist-internal for internal)",
    },
    ...RUN_OPTIONS,
    "require-real-data": {
      type: "boolean",
      help: "refuse synthetic data: never fall back to the demo, never publish a synthetic " +
        "period (also wajib_data_nyata in data/situs.json)",
    },
  },
  notes: "Exit code: 0 done (or nothing changed), 1 a problem with the data or settings (the " +
    "message names the file and the fix), 2 a wrong command line.",
});
type BuildValues = Values<typeof BUILD.options>;

const t0 = performance.now();
const step = (msg: string) =>
  console.error(`[build ${((performance.now() - t0) / 1000).toFixed(1)} s] ${msg}`);

function hasPeriods(dir: string): boolean {
  return existsSync(dir) &&
    [...Deno.readDirSync(dir)].some((e) => e.isDirectory && POLA_PERIODE.test(e.name));
}

/** The demo data is regenerated when the generator or its reference inputs change. */
async function demoVersion(): Promise<string> {
  const h = createHash("sha256");
  const files = [
    ...moduleGraph(join(ROOT, "loaders/demo/generate.ts")),
    join(ROOT, "data/reference/official-ipasn.csv"),
    join(ROOT, "loaders/demo/wilayah-kanreg8.csv"),
  ];
  for (const f of files.sort()) h.update(await Deno.readFile(f));
  return h.digest("hex");
}

async function rawFolder(values: BuildValues, requireReal: boolean): Promise<string> {
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
 * Loader outputs an earlier version of this build put into Framework's cache (the data files were
 * made by loaders then, the per-person ones included): the site no longer reads them, and stale
 * per-person files should not linger there.
 */
function dropOldLoaderOutputs(): void {
  const cache = join(ROOT, "src/.observablehq/cache");
  for (const f of ["data", "internal", "ipasn-data.stamp"]) {
    if (existsSync(join(cache, f))) Deno.removeSync(join(cache, f), { recursive: true });
  }
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
 * A hash of everything a site is built from: the pages, components and data files under src/
 * (the data files' own inputs as `dataStamp`), Framework's configuration and version, this script
 * and what it imports (the shell, the privacy check), the audience. Equal to the one recorded in
 * the last site, and that site still whole: nothing to do (a rebuild with no change takes the
 * scoring check, not a Framework build).
 */
async function siteInputs(audience: string, dataStamp: string): Promise<string> {
  const h = createHash("sha256").update(`${audience}\0${dataStamp}\0`);
  const files = [
    ...filesUnder(SRC),
    join(ROOT, "observablehq.config.js"),
    join(ROOT, "package-lock.json"),
    join(ROOT, "framework-offline.json"),
    ...moduleGraph(join(ROOT, "scripts/build.ts")),
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

/** Every built page with its Indonesian shell and the site's head, header and footer. */
async function localise(site: string, kerangka: Kerangka, dir = site): Promise<void> {
  for await (const e of Deno.readDir(dir)) {
    const path = join(dir, e.name);
    if (e.isDirectory && !e.name.startsWith("_")) await localise(site, kerangka, path);
    else if (e.isFile && e.name.endsWith(".html")) {
      const html = await Deno.readTextFile(path);
      await Deno.writeTextFile(
        path,
        localiseHtml(pasangToc(pasangKerangka(html, relative(site, path), kerangka))),
      );
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

/**
 * The scoring output a build without `--raw` reads (`--computed DIR`): one ipasn wrote, with what
 * the audience needs, and real data when the build requires it; checked before anything is written.
 */
function existingScores(computed: string, internal: boolean, requireReal: boolean): void {
  if (!ownOutput(computed, "computed", "manifest.json")) {
    throw new InputError(
      `--computed ${computed}`,
      existsSync(computed)
        ? "holds no scoring output written by ipasn (no manifest.json listed in its .ipasn-keluaran.json)"
        : "does not exist",
      "score into it first (deno task score --raw DIR --out that folder), add --raw DIR to score and build in one go, or drop --computed to build from data/computed",
    );
  }
  const manifest = JSON.parse(Deno.readTextFileSync(join(computed, "manifest.json")));
  if (requireReal && manifest.sintetis === true) {
    throw new InputError(
      join(computed, "manifest.json"),
      'says the scores come from synthetic data ("sintetis": true), and this build refuses to publish synthetic data',
      "score the real exports into it, or drop --require-real-data / wajib_data_nyata for a demonstration site",
    );
  }
  if (internal && !perPersonPeriods(computed, "peluang_asn").length) {
    throw new InputError(
      `--computed ${computed}`,
      "holds no per-person files (periode/<p>/peluang_asn.parquet), which the internal build's worklists read",
      "score it with --per-asn latest (the default) or all, or add --raw DIR to score again",
    );
  }
}

async function build(values: BuildValues): Promise<void> {
  const internal = values.audience === "internal";
  // Without --raw or --demo, a named --computed folder is built from as it is.
  const scoring = values.raw !== undefined || values.demo || values.computed === undefined;
  if (values.raw !== undefined && values.demo) {
    throw new UsageError(
      "--raw and --demo both name the raw data",
      "give --raw DIR to score an export, or --demo for the synthetic data",
    );
  }
  const computed = values.computed ? resolve(values.computed) : join(ROOT, "data/computed");
  const out = resolve(ROOT, values.out ?? (internal ? "dist-internal" : "dist"));
  if (internal && out === resolve(ROOT, "dist")) {
    throw new UsageError(
      "--audience internal with --out dist: the internal build holds personal data and must not be written to dist/, the public site",
      "drop --out (the internal build goes to dist-internal/) or name another folder",
    );
  }
  const profiles = profilesOption(values.profiles);
  if (profiles) Deno.env.set("IPASN_METHODS", profiles);
  const settings = bacaSitus();
  const requireReal = values["require-real-data"] || settings.wajib_data_nyata;
  // Framework empties its output folder first, so it builds into a sub-folder of the marked
  // staging folder: whatever a crash leaves there is still recognisably the tool's own.
  const staging = `${out}.tmp`;
  const site = join(staging, "site");
  // Before anything is written: the swap at the end replaces `out`, so it must be a folder this
  // tool wrote (a previous site), a new folder or an empty one.
  guardOutput({
    out,
    option: "--out",
    kind: "site",
    inputs: [computed, join(ROOT, "src"), ...(values.raw ? [values.raw] : [])],
  });
  if (!scoring) existingScores(computed, internal, requireReal);
  using _lock = lockOutput(out, "--out");
  // A build from existing scores holds them while it reads them: a score run into the same
  // folder waits instead of swapping them out under the build.
  using _scores = scoring ? undefined : lockOutput(computed, "--computed");
  recoverOutput(out, "site");
  if (scoring) {
    const raw = await rawFolder(values, requireReal);
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
    try {
      const result = await runPipeline({
        raw,
        out: computed,
        log: (e) => progress.event(e),
        // The public site needs no per-person file; the internal worklists read the latest period's.
        perAsn: internal ? "latest" : "none",
        maxQuarantineShare: values["max-quarantine"],
      });
      progress.summary(result);
    } catch (err) {
      progress.stop();
      throw err;
    }
  } else step(`building from the scores in ${computed} (not scoring again)`);
  // The site's data files, from the scores (only when their inputs changed).
  const t = performance.now();
  const data = await tulisDataSitus({ computed, internal, situs: settings });
  const scope: Cakupan = JSON.parse(Deno.readTextFileSync(join(SRC, "data/situs.json")));
  step(`scope: ${scope.jenis} (${scope.nama}), ${scope.jumlah_instansi} instansi`);
  if (scope.di_luar_referensi.length) {
    step(
      `${scope.di_luar_referensi.length} instansi not in data/reference/wilayah-nasional.csv, shown under their code: ${
        scope.di_luar_referensi.slice(0, 10).map((i) => i.kode_instansi).join(", ")
      }`,
    );
  }
  step(
    `data files: ${data.ditulis} made, ${data.sama} unchanged${
      data.dihapus ? `, ${data.dihapus} removed` : ""
    } (${((performance.now() - t) / 1000).toFixed(1)} s)`,
  );
  seedFrameworkCache();
  dropOldLoaderOutputs();
  const inputs = await siteInputs(values.audience, data.stamp);
  if (siteCurrent(out, inputs)) {
    step(`nothing changed since the last build: ${out} is current`);
    return;
  }
  step(`building the ${values.audience} site (Observable Framework, offline)`);
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
      IPASN_AUDIENCE: values.audience,
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
    // Most often a page or component under src/ that does not compile: the user's to fix.
    throw new UserError(
      "Observable Framework build failed (full log: src/.observablehq/build.log)",
    );
  }
  // The files pages fetch by a name the reader's choice makes (one period and method, one
  // instansi): Framework copied only the files the pages name.
  salinDinamis(site);
  await localise(site, kerangkaSitus(JSON.parse(Deno.readTextFileSync(join(SRC, RUTE)))));
  // Open data (stable links, spreadsheets, datapackage.json) before the scan, which covers them.
  step(await terbitkanData({ site, computed, audience: values.audience }));

  if (!internal) {
    step("checking the public build for personal data");
    const findings = await scanDir(site, await personalNames(computed));
    if (findings.length) {
      for (const f of findings.slice(0, 20)) console.error(`  ${f.file}: ${f.problem}`);
      throw new UserError(
        `privacy check failed: ${findings.length} finding(s)`,
      );
    }
  }
  Deno.writeTextFileSync(join(site, INPUTS_FILE), inputs);
  markOutput(site, "site");
  swapIn(site, out, "site");
  removeOwn(staging, "site");
  step(`done: ${out}`);
}

if (import.meta.main) {
  await main(BUILD, ({ values }) => build(values), {
    afterError: "The previous outputs were left in place.",
  });
}
