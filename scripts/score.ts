/**
 * `deno task score [--raw DIR] [--out DIR] [--method ID]... [--profiles DIR] [--max-quarantine SHARE]`
 * Scores every period folder of DIR under every method profile and writes the output tables.
 */
import { command, main, profilesOption, RUN_OPTIONS } from "../loaders/cli.ts";
import { PER_ASN, type PipelineEvent, runPipeline } from "../loaders/engine/pipeline.ts";
import { ProgressReporter } from "./progress.ts";

export const SCORE = command({
  name: "deno task score",
  summary: `Reads one folder per period (YYYY or YYYY-Qn) under --raw, each holding pegawai, diklat,
kinerja and hukdis (.csv, .xlsx, .parquet or .json), and writes to --out: instansi.csv, unit.csv,
provinsi.csv, kanreg.csv (and .parquet), quarantine.csv, accounting.json, and the private
per-person files of the latest period in periode/<p>/ (skor_asn, peluang_asn, celah_asn). Only
new or changed periods are recomputed.`,
  options: {
    raw: {
      type: "string",
      arg: "DIR",
      default: "data/raw",
      help: "the raw data: one folder per period",
    },
    out: {
      type: "string",
      arg: "DIR",
      default: "data/computed",
      help: "where the output tables go",
    },
    method: {
      type: "string",
      arg: "ID",
      multiple: true,
      help: "compute only this method profile, e.g. bkn-2024; repeat it for several " +
        "(default: every profile in --profiles)",
    },
    ...RUN_OPTIONS,
    "per-asn": {
      type: "string",
      values: PER_ASN,
      default: "latest",
      help: "which periods get the private per-person files (skor_asn, peluang_asn, celah_asn, " +
        "selisih_asn in periode/<p>/); the public build writes none",
    },
    variants: {
      type: "string",
      values: PER_ASN,
      default: "latest",
      help: "which periods the variant profiles (alternatives to an assumed rule) are computed " +
        "for; latest is what the sensitivity table compares (their means only)",
    },
  },
  notes: "Exit code: 0 done, 1 a problem with the data or settings (the message names the file " +
    "and the fix; the previous outputs are left in place), 2 a wrong command line.",
});

if (import.meta.main) {
  await main(SCORE, async ({ values }) => {
    const progress = new ProgressReporter();
    try {
      const result = await runPipeline({
        raw: values.raw,
        out: values.out,
        methods: values.method,
        methodsDir: profilesOption(values.profiles),
        maxQuarantineShare: values["max-quarantine"],
        perAsn: values["per-asn"],
        variants: values.variants,
        log: (e: PipelineEvent) => progress.event(e),
      });
      progress.summary(result);
    } catch (err) {
      progress.stop();
      throw err;
    }
  }, { afterError: "The previous outputs were left in place." });
}
