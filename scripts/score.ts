/**
 * `deno task score --raw DIR --out DIR [--method ID]... [--methods DIR] [--max-quarantine 0.1]`
 * Scores every period folder of DIR under every method profile and writes the output tables.
 */
import { parseArgs } from "node:util";
import { UserError } from "../loaders/errors.ts";
import {
  PER_ASN,
  type PerAsn,
  type PipelineEvent,
  runPipeline,
} from "../loaders/engine/pipeline.ts";
import { ProgressReporter } from "./progress.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    raw: { type: "string", default: "data/raw" },
    out: { type: "string", default: "data/computed" },
    method: { type: "string", multiple: true },
    methods: { type: "string" },
    "max-quarantine": { type: "string", default: "0.1" },
    "per-asn": { type: "string", default: "all" },
    variants: { type: "string", default: "latest" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log(
    `Usage: deno task score [--raw data/raw] [--out data/computed] [--method bkn-2024]... [--max-quarantine 0.1] [--per-asn all] [--variants latest]

Reads one folder per period (YYYY or YYYY-Qn) under --raw, each holding pegawai, diklat, kinerja
and hukdis (.csv, .xlsx or .parquet), and writes to --out: instansi.csv, unit.csv, provinsi.csv,
kanreg.csv (and .parquet), skor_asn.parquet (private), quarantine.csv, accounting.json.
--methods names the folder of method profiles (default data/methods).
--per-asn all|latest|none: which periods get the private per-person files skor_asn.parquet and
  peluang_asn.parquet (default all; the public build writes none, the internal build the latest).
--variants latest|all|none: which periods the variant profiles (alternatives to an assumed rule)
  are computed for (default latest: what the sensitivity table compares; each costs a profile).
Only new or changed periods are recomputed.`,
  );
  Deno.exit(0);
}
const perAsn = values["per-asn"] as PerAsn;
if (!PER_ASN.includes(perAsn)) {
  console.error(`--per-asn must be one of ${PER_ASN.join(", ")}, not ${perAsn}`);
  Deno.exit(2);
}
const variants = values.variants as PerAsn;
if (!PER_ASN.includes(variants)) {
  console.error(`--variants must be one of ${PER_ASN.join(", ")}, not ${variants}`);
  Deno.exit(2);
}
const maxShare = Number(values["max-quarantine"]);
if (!(maxShare >= 0 && maxShare <= 1)) {
  console.error("--max-quarantine must be a share between 0 and 1, e.g. 0.05");
  Deno.exit(2);
}

const progress = new ProgressReporter();
try {
  const result = await runPipeline({
    raw: values.raw!,
    out: values.out!,
    methods: values.method,
    methodsDir: values.methods,
    maxQuarantineShare: maxShare,
    perAsn,
    variants,
    log: (e: PipelineEvent) => progress.event(e),
  });
  progress.summary(result);
} catch (err) {
  progress.stop();
  if (err instanceof UserError) {
    console.error(`\nerror: ${err.message}`);
    console.error("The previous outputs were left in place.");
    Deno.exit(err.exitCode);
  }
  throw err;
}
