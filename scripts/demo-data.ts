/**
 * `deno task demo-data [--scale kanreg8|national] [--seed N] [--format csv|parquet|xlsx] [--out DIR]`
 * Writes synthetic raw exports in the input contract (see README, "Demo data").
 */
import { command, main } from "../loaders/cli.ts";
import { type Format, generate, type Scale } from "../loaders/demo/generate.ts";
import { freshStaging, guardOutput, lockOutput, markOutput, swapIn } from "../loaders/output.ts";

export const DEMO_DATA = command({
  name: "deno task demo-data",
  summary: `Writes synthetic raw exports in the input contract, one folder per period.

kanreg8: the 46 instansi of BKN Kantor Regional VIII, periods 2019–2023 and 2024-Q1 … 2025-Q4,
calibrated to the reported figures in data/reference/official-ipasn.csv.

national: about 4.5 million ASN in about 550 synthetic instansi, one period (2024-Q4), for benchmarks.`,
  options: {
    scale: {
      type: "string",
      values: ["kanreg8", "national"] as const satisfies readonly Scale[],
      default: "kanreg8",
      help: "how much data",
    },
    seed: {
      type: "integer",
      default: 20241,
      help: "the random seed; the same seed gives the same data",
    },
    format: {
      type: "string",
      values: ["csv", "parquet", "xlsx"] as const satisfies readonly Format[],
      default: "csv",
      help: "the file format of the tables",
    },
    out: {
      type: "string",
      arg: "DIR",
      help: "where to write (default: data/demo/raw for kanreg8, data/demo/national for " +
        "national); a new or empty folder, or demo data written before",
    },
  },
});

if (import.meta.main) {
  await main(DEMO_DATA, async ({ values }) => {
    const { scale, seed, format } = values;
    const out = values.out ?? (scale === "kanreg8" ? "data/demo/raw" : "data/demo/national");
    const t0 = performance.now();
    // The demo replaces `out` whole, so `out` must be new, empty or demo data written before.
    const staging = `${out}.tmp`;
    guardOutput({ out, option: "--out", kind: "demo", inputs: ["data/raw"] });
    using _lock = lockOutput(out, "--out");
    freshStaging(staging, "demo");
    const r = await generate({
      out: staging,
      scale,
      seed,
      format,
      log: (m) => Deno.env.get("CI") || scale === "national" ? console.error(m) : undefined,
    });
    markOutput(staging, "demo");
    swapIn(staging, out, "demo");
    const worst = r.calibration.reduce(
      (w, c) => Math.max(w, Math.abs(c.expected - c.target)),
      0,
    );
    console.error(
      `Wrote ${r.files} files to ${out} in ${((performance.now() - t0) / 1000).toFixed(1)} s: ` +
        Object.entries(r.rows).map(([t, n]) => `${t} ${n.toLocaleString("en-US")}`).join(", ") +
        (r.calibration.length
          ? `; calibration: largest |expected − target| ${worst.toFixed(3)}`
          : ""),
    );
  });
}
