/**
 * The pipeline: raw period folders → validated tables → scores under every profile → aggregates →
 * output files. Each period is computed on its own (step.ts) and cached by a content hash of its
 * files and of the engine's configuration (cache.ts), so a rebuild recomputes only new or changed
 * periods; the periods are then combined into the output tables (combine.ts). Outputs are written
 * to a staging folder and swapped in at the end: a failed run leaves the last good outputs.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { InputError } from "../errors.ts";
import {
  freshStaging,
  guardOutput,
  lockOutput,
  markOutput,
  recoverOutput,
  removeOwn,
  swapIn,
} from "../output.ts";
import { ROOT } from "../paths.ts";
import { periodLanes } from "./budget.ts";
import { configHash, periodHash } from "./cache.ts";
import { categoryNames } from "./aggregate.ts";
import { combine } from "./combine.ts";
import { loadProfiles, methodsDir } from "./method.ts";
import {
  baku as defaultMethod,
  listPeriods,
  type PeriodMeta,
  readPeriodMeta,
  wilayahPathFor,
} from "./periods.ts";
import { INSTANSI_PUSAT, loadReferensi } from "../reference.ts";
import { RESMI } from "./resmi.ts";
import {
  limitProblem,
  PER_ASN_FILES,
  type PeriodAccounting,
  type PipelineEvent,
  runPeriod,
} from "./step.ts";
import { loadAliases } from "./aliases.ts";

export type { PeriodAccounting, PipelineEvent, TableAccounting } from "./step.ts";
export { listPeriods, PeriodMeta } from "./periods.ts";

export interface PipelineOptions {
  raw: string;
  out: string;
  methodsDir?: string;
  aliasesPath?: string;
  /** Reference of instansi; default: periods.ts wilayahPathFor (raw folder, settings, national). */
  wilayahPath?: string;
  /** Compute only these profiles (default: all). */
  methods?: string[];
  /**
   * A table whose share of rows quarantined as errors is above this fails the run (default: no
   * share limit; a mis-read file always fails: step.ts MISREAD).
   */
  maxQuarantineShare?: number;
  /**
   * Which periods get the per-person files (skor_asn, peluang_asn, celah_asn, selisih_asn, each in
   * its period's folder): the latest (default: what the internal build's worklists read), every
   * period, or none (the public build needs none; writing them is a large share of a national run).
   */
  perAsn?: PerAsn;
  /**
   * Which periods the variant profiles (those with `alternatif`) are computed for: the latest
   * (default; what the sensitivity table compares), every period, or none. Each profile costs
   * about as much as the whole scoring of a period, and the shipped variants are seven. A variant
   * named in `methods` is computed for every period.
   */
  variants?: PerAsn;
  log?: (e: PipelineEvent) => void;
}

export type Accounting = Record<string, PeriodAccounting>;
export type PerAsn = "all" | "latest" | "none";
export const PER_ASN: readonly PerAsn[] = ["all", "latest", "none"];

export interface PipelineResult {
  out: string;
  periods: string[];
  recomputed: string[];
  reused: string[];
  accounting: Accounting;
}

/** The profiles a cached period was computed under (none for a period cached before this was kept). */
function computedProfiles(dir: string): string[] {
  try {
    return JSON.parse(Deno.readTextFileSync(join(dir, "metode.json")));
  } catch {
    return [];
  }
}

/** Put back the last good output if a previous run died in the middle of the swap. */
export function recover(out: string): void {
  recoverOutput(out, "computed");
}

export async function runPipeline(o: PipelineOptions): Promise<PipelineResult> {
  const log = o.log ?? (() => {});
  const out = resolve(o.out);
  const raw = resolve(o.raw);
  const profileDir = o.methodsDir ?? methodsDir();
  const aliasesPath = o.aliasesPath ?? join(ROOT, "data/aliases/kode.json");
  const wilayahPath = o.wilayahPath ?? wilayahPathFor(raw);
  // Before anything is written: the swap below replaces `out`, so it must be a folder this tool wrote.
  guardOutput({
    out,
    option: "--out",
    kind: "computed",
    inputs: [raw, profileDir, aliasesPath, wilayahPath],
  });
  using _lock = lockOutput(out, "--out");
  recover(out);
  let profiles = await loadProfiles(profileDir);
  if (o.methods?.length) {
    const unknown = o.methods.filter((m) => !profiles.some((p) => p.id === m));
    if (unknown.length) {
      throw new InputError(
        profileDir,
        `no method profile ${unknown.join(", ")}`,
        `use one of ${profiles.map((p) => p.id).join(", ")}`,
      );
    }
    profiles = profiles.filter((p) => o.methods!.includes(p.id));
  }
  const aliases = await loadAliases(aliasesPath);
  const wilayah = await loadReferensi(wilayahPath);
  const periods = listPeriods(raw);
  const profileFiles = [...Deno.readDirSync(profileDir)].filter((e) => e.name.endsWith(".json"))
    .map((e) => join(profileDir, e.name)).sort();
  // A variant named in --method is a full method (gains, per-person rows): part of the key.
  const named = profiles.filter((p) => p.alternatif && o.methods?.includes(p.id)).map((p) => p.id);
  const config = await configHash([...profileFiles, aliasesPath, wilayahPath, INSTANSI_PUSAT]) +
    (named.length ? `|${named.sort().join(",")}` : "");
  const variantsFor = (p: string) =>
    o.variants === "all" || (o.variants !== "none" && p === periods.at(-1));
  const profilesFor = (p: string) =>
    profiles.filter((x) => !x.alternatif || o.methods?.includes(x.id) || variantsFor(p));
  log({ type: "start", periods, methods: profiles.map((p) => p.id) });

  const staging = `${out}.tmp`;
  freshStaging(staging, "computed");
  Deno.mkdirSync(join(staging, "periode"));
  const recomputed: string[] = [];
  const reused: string[] = [];
  const accounting: Accounting = {};
  const metas: Record<string, PeriodMeta> = {};
  const baku: Record<string, string | null> = {};
  const metodeFor: Record<string, string[]> = {};
  try {
    // What each period needs, and whether its cached copy serves. The hash of a period's files
    // decides only where a cached copy could serve; elsewhere it is needed only for the hash.txt
    // written beside the results, so it is computed while the period is (one period at a time:
    // 8 MiB in flight). The national CSV period (1.3 GB) hashes in 1.0–1.2 s.
    const plan = [];
    let hashing: Promise<unknown> = Promise.resolve();
    for (const p of periods) {
      const dir = join(raw, p);
      const meta = metas[p] = readPeriodMeta(dir, profiles);
      baku[p] = defaultMethod(p, profiles, meta);
      const needed = profilesFor(p).map((x) => x.id);
      metodeFor[p] = needed;
      const cached = join(out, "periode", p);
      const target = join(staging, "periode", p);
      Deno.mkdirSync(target);
      const perAsn = o.perAsn === "none" ? false : o.perAsn === "all" ? true : p === periods.at(-1);
      // A cached period serves if it was computed from the same files and configuration, under at
      // least the profiles this run needs (a period that was the latest keeps its variants; combine
      // leaves out what a run does not ask for), with the per-person files this run needs.
      const servable = existsSync(join(cached, "hash.txt")) &&
        computedProfiles(cached).length > 0 &&
        needed.every((m) => computedProfiles(cached).includes(m)) &&
        (!perAsn || PER_ASN_FILES.every((f) => existsSync(join(cached, f))));
      const hash = servable
        ? Promise.resolve(await periodHash(dir, config))
        : hashing.then(() => periodHash(dir, config));
      hashing = hash;
      // Awaited when the period's results are written; a failure is reported there, not as an
      // unhandled rejection while another period is computed.
      hash.catch(() => {});
      const fresh = servable &&
        Deno.readTextFileSync(join(cached, "hash.txt")) === await hash;
      plan.push({ p, dir, meta, hash, cached, target, perAsn, fresh });
    }
    // A period's accounting, once its files are in staging; above --max-quarantine it fails the run.
    const accounted = new Map<string, PeriodAccounting>();
    const accepted = (p: string) => {
      const a: PeriodAccounting = JSON.parse(
        Deno.readTextFileSync(join(staging, "periode", p, "accounting.json")),
      );
      accounted.set(p, a);
      checkQuarantineShare(
        a,
        o.maxQuarantineShare,
        `${out}.failed/periode/${p}/quarantine.csv`,
      );
    };
    for (const x of plan.filter((x) => x.fresh)) {
      log({ type: "period", periode: x.p, recompute: false });
      for (const e of Deno.readDirSync(x.cached)) {
        if (!x.perAsn && PER_ASN_FILES.includes(e.name)) continue;
        Deno.linkSync(join(x.cached, e.name), join(x.target, e.name));
      }
      accepted(x.p);
      reused.push(x.p);
    }
    const compute = plan.filter((x) => !x.fresh);
    const lanes = periodLanes(compute.map((x) => x.dir));
    // Each period is checked as soon as it is done: after a failure no further period starts, and
    // the error of the earliest failing period is the one reported (as one lane would).
    const failures = new Map<string, unknown>();
    const settle = async (x: typeof compute[number]) => {
      log({ type: "period", periode: x.p, recompute: true });
      const t0 = performance.now();
      await runPeriod({
        periode: x.p,
        dir: x.dir,
        target: x.target,
        profiles: profilesFor(x.p),
        sensitivity: new Set(
          profiles.filter((p) => p.alternatif && !o.methods?.includes(p.id)).map((p) => p.id),
        ),
        categories: categoryNames(profiles),
        baku: baku[x.p],
        kodeInstansi: x.meta.kode_instansi ?? null,
        perAsn: x.perAsn,
        aliases,
        wilayah,
        memoryLimit: lanes.memoryLimit,
        threads: lanes.threads,
        log,
      });
      Deno.writeTextFileSync(join(x.target, "hash.txt"), await x.hash);
      log({ type: "done", periode: x.p, ms: performance.now() - t0 });
      accepted(x.p);
    };
    let next = 0;
    await Promise.all(Array.from({ length: lanes.lanes }, async () => {
      while (next < compute.length && !failures.size) {
        const x = compute[next++];
        try {
          await settle(x);
          recomputed.push(x.p);
        } catch (err) {
          failures.set(x.p, err);
        }
      }
    }));
    const failed = periods.find((p) => failures.has(p));
    if (failed) throw failures.get(failed);
    recomputed.sort((a, b) => periods.indexOf(a) - periods.indexOf(b));
    for (const p of periods) {
      const target = join(staging, "periode", p);
      accounting[p] = accounted.get(p)!; // in period order: accounting.json lists them so
      // The official results (method "resmi") go wherever the period has them.
      if (computedProfiles(target).includes(RESMI)) metodeFor[p] = [...metodeFor[p], RESMI];
    }
    await combine({ staging, periods, profiles, wilayah, accounting, metas, baku, metodeFor });
  } catch (err) {
    // Keep what explains the failure next to the output, and leave the last good output alone.
    const failed = `${out}.failed`;
    removeOwn(failed, "computed");
    Deno.renameSync(staging, failed);
    throw err;
  }
  // `.site/` holds what the site's loaders derive from these outputs later.
  markOutput(staging, "computed", [".site"]);
  swapIn(staging, out, "computed");
  removeOwn(`${out}.failed`, "computed");
  log({ type: "finish", out, recomputed, reused });
  return { out, periods, recomputed, reused, accounting };
}

function checkQuarantineShare(
  acc: PeriodAccounting,
  maxShare: number | undefined,
  where: string,
): void {
  for (const a of Object.values(acc)) {
    const problem = a && limitProblem(a, maxShare);
    if (problem) {
      throw new InputError(problem.file, problem.problem, `${problem.fix} (${where})`);
    }
  }
}
