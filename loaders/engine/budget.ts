/**
 * How a run shares the machine: DuckDB's memory budget, and how many periods are computed at once.
 *
 * A period of a few hundred thousand ASN is hundreds of short statements that each keep the cores
 * only partly busy (the kanreg8 demo's quarters: 1.3 of 2 cores on average), so such periods side
 * by side, each in its own DuckDB, finish sooner than one after the other. A national period
 * keeps every core busy in each statement and needs the whole memory budget: it runs alone.
 */
import { UsageError } from "../errors.ts";
import { periodInputFiles } from "./ingest.ts";

/**
 * The budget without `IPASN_MEMORY_LIMIT`: half the machine's memory, at most 3.5 GB. A national
 * period's tables need about 7 GB at their peak, and what passes the budget spills to disk. Its
 * cost is small: the national default `score` (2 cores, Parquet) took 118.6 s at 3.5 GB (peak RSS
 * 4.46 GB) and 119–125 s at 5 GB (5.7 GB); the means-only job 36.6 s at 3 GB and 33.4 s at 5.5 GB.
 * 3.5 GB keeps a national run inside 4.5 GB; half leaves a small machine the rest.
 */
export function defaultBudget(total = machineMemory()): number {
  return Math.min(3.5e9, Math.floor(total / 2));
}

/** Control-group memory limits (v2, then v1): a container's own limit, below the host's memory. */
const CGROUP_LIMITS = [
  "/sys/fs/cgroup/memory.max",
  "/sys/fs/cgroup/memory/memory.limit_in_bytes",
];

/**
 * The memory this process may use: the machine's, or its container's limit when that is lower (a
 * container sees the host's memory in /proc/meminfo, and a budget taken from it could pass the
 * container's limit and be killed instead of spilling to disk).
 */
export function machineMemory(): number {
  const limits: string[] = [];
  for (const f of CGROUP_LIMITS) {
    try {
      limits.push(Deno.readTextFileSync(f));
    } catch {
      // No such control group here.
    }
  }
  return lowestLimit(Deno.systemMemoryInfo().total, limits);
}

/** `total`, or the lowest of the control-group limit files' numbers below it ("max": none). */
export function lowestLimit(total: number, limits: string[]): number {
  const numbers = limits.map((t) => t.trim()).filter((t) => /^\d+$/.test(t)).map(Number);
  return Math.min(total, ...numbers);
}

/** DuckDB's memory budget for a run (`IPASN_MEMORY_LIMIT`, e.g. "3GB"), in bytes. */
export function memoryBudget(): number {
  const set = Deno.env.get("IPASN_MEMORY_LIMIT");
  if (!set) return defaultBudget();
  const m = set.trim().match(/^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)?$/i);
  if (!m) {
    throw new UsageError(
      `IPASN_MEMORY_LIMIT=${set} is not a size`,
      "write a size such as 3GB or 4096MB, or unset it for the default (half the memory, at most 3.5GB)",
    );
  }
  const unit: Record<string, number> = {
    B: 1,
    KB: 1e3,
    MB: 1e6,
    GB: 1e9,
    TB: 1e12,
    KIB: 2 ** 10,
    MIB: 2 ** 20,
    GIB: 2 ** 30,
    TIB: 2 ** 40,
  };
  return Math.floor(Number(m[1]) * unit[(m[2] ?? "B").toUpperCase()]);
}

/** A byte count as DuckDB's memory_limit setting. */
export const duckdbMemory = (bytes: number) => `${Math.max(1, Math.floor(bytes / 1e6))}MB`;

/**
 * Input bytes of a period above which it runs alone: its statements are long enough to keep both
 * cores busy, and half the budget would make it spill. The kanreg8 demo's quarters are 65 MB of
 * CSV; a national one is 1.3 GB of CSV or 230 MB of Parquet.
 */
export const ALONE_ABOVE = 150e6;

/**
 * How many periods to compute at once (`lanes`), and each one's memory budget and DuckDB threads:
 * up to three lanes when there are two cores or more and every period to compute is small
 * (`ALONE_ABOVE`), else one. Three, not two, on two cores: with three periods, two lanes leave the
 * last to run alone on cores it keeps only partly busy; a third lane costs each kanreg8 quarter's
 * lane about 50 MB. The lanes share the cores: each takes its part, rounded up. Three lanes of two
 * threads on two cores contend for them: the kanreg8 demo's last three quarters took 23 s of CPU
 * and 12.6 s against 18.5 s and 11.1 s with one thread each.
 * `IPASN_PERIOD_LANES` sets the number (1 computes one period at a time).
 */
export function periodLanes(
  dirs: string[],
): { lanes: number; memoryLimit: string; threads: number } {
  const budget = memoryBudget();
  const set = Deno.env.get("IPASN_PERIOD_LANES");
  if (set && !/^[1-9][0-9]*$/.test(set.trim())) {
    throw new UsageError(
      `IPASN_PERIOD_LANES=${set} is not a number of periods`,
      "write 1 to compute one period at a time, 2 for two, or unset it for the default",
    );
  }
  const cores = Math.max(1, navigator.hardwareConcurrency);
  const small = dirs.every((d) => periodBytes(d) <= ALONE_ABOVE);
  const lanes = Math.max(
    1,
    Math.min(dirs.length, set ? Number(set) : small && cores >= 2 ? 3 : 1),
  );
  return {
    lanes,
    memoryLimit: duckdbMemory(budget / lanes),
    threads: Math.ceil(cores / lanes),
  };
}

/** The input bytes of a period folder: its tables' files. */
export function periodBytes(dir: string): number {
  return periodInputFiles(dir).reduce((n, f) => n + Deno.statSync(f).size, 0);
}

/**
 * The memory settings of a period's DuckDB: its budget, and for a period above `ALONE_ABOVE` the
 * block allocator kept at that budget. A national period's statements take and free gigabytes of
 * blocks; handed back to the system, each block is faulted in again by the next statement. Kept,
 * the national default `score` (Parquet, 2 cores) spends 3–4 s less in the kernel and about 3 s
 * less in all, at the same peak RSS (about 4 GB). The kanreg8 quarters gain nothing from it, and
 * their three lanes' peak RSS doubles (0.8 to 1.7 GB): a small period returns its blocks.
 */
export function periodMemory(dir: string, memoryLimit: string): Record<string, string> {
  return {
    memory_limit: memoryLimit,
    ...(periodBytes(dir) > ALONE_ABOVE ? { block_allocator_memory: memoryLimit } : {}),
  };
}

/** A period's DuckDB settings in its lane (`periodLanes`): its memory, and its share of the cores. */
export function laneSettings(
  dir: string,
  lane: { memoryLimit: string; threads: number },
): Record<string, string> {
  return { ...periodMemory(dir, lane.memoryLimit), threads: String(lane.threads) };
}
