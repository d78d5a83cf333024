/**
 * `deno task demo-data [--scale kanreg8|national] [--seed N] [--format csv|parquet|xlsx] [--out DIR]`
 * Writes synthetic raw exports in the input contract (see README, "Demo data").
 */
import { parseArgs } from "node:util";
import { type Format, generate, type Scale } from "../loaders/demo/generate.ts";
import { UserError } from "../loaders/errors.ts";
import { freshStaging, guardOutput, lockOutput, markOutput, swapIn } from "../loaders/output.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    scale: { type: "string", default: "kanreg8" },
    seed: { type: "string", default: "20241" },
    format: { type: "string", default: "csv" },
    out: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log(
    `Usage: deno task demo-data [--scale kanreg8|national] [--seed N] [--format csv|parquet|xlsx] [--out DIR]

kanreg8 (default): the 46 instansi of BKN Kantor Regional VIII, periods 2019–2023 and 2024-Q1 … 2025-Q4,
  calibrated to the reported figures in data/reference/official-ipasn.csv. Default --out data/demo/raw.
national: about 4.5 million ASN in about 550 synthetic instansi, one period (2024-Q4), for benchmarks.
  Default --out data/demo/national.`,
  );
  Deno.exit(0);
}
const scale = values.scale as Scale;
const format = values.format as Format;
if (!["kanreg8", "national"].includes(scale)) {
  throw new Error(`--scale must be kanreg8 or national, not ${scale}`);
}
if (!["csv", "parquet", "xlsx"].includes(format)) {
  throw new Error(`--format must be csv, parquet or xlsx, not ${format}`);
}
const seed = Number(values.seed);
if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, not ${values.seed}`);
const out = values.out ?? (scale === "kanreg8" ? "data/demo/raw" : "data/demo/national");

const t0 = performance.now();
// The demo replaces `out` whole, so `out` must be new, empty or demo data written before.
const staging = `${out}.tmp`;
let r;
try {
  guardOutput({ out, option: "--out", kind: "demo", inputs: ["data/raw"] });
  using _lock = lockOutput(out, "--out");
  freshStaging(staging, "demo");
  r = await generate({
    out: staging,
    scale,
    seed,
    format,
    log: (m) => Deno.env.get("CI") || scale === "national" ? console.error(m) : undefined,
  });
  markOutput(staging, "demo");
  swapIn(staging, out, "demo");
} catch (err) {
  if (!(err instanceof UserError)) throw err;
  console.error(`error: ${err.message}`);
  Deno.exit(err.exitCode);
}
const worst = r.calibration.reduce((w, c) => Math.max(w, Math.abs(c.expected - c.target)), 0);
console.error(
  `Wrote ${r.files} files to ${out} in ${((performance.now() - t0) / 1000).toFixed(1)} s: ` +
    Object.entries(r.rows).map(([t, n]) => `${t} ${n.toLocaleString("en-US")}`).join(", ") +
    (r.calibration.length ? `; calibration: largest |expected − target| ${worst.toFixed(3)}` : ""),
);
