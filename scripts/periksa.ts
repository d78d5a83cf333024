/**
 * `deno task periksa [--raw data/raw] [--max-quarantine SHARE] [--profiles DIR] [--json]`
 * A dry run: what a scoring run would do with every file of every period folder, without scoring
 * or writing anything. Exit code 0 when a real run would succeed, 1 when it would fail, 2 for a
 * wrong command line.
 */
import { command, main, profilesOption } from "../loaders/cli.ts";
import { formatReport, periksa } from "../loaders/engine/periksa.ts";

export const PERIKSA = command({
  name: "deno task periksa",
  summary:
    `Reads every period folder of --raw the way \`deno task score\` does and prints, per file:
the header dialect recognised, each source column and the contract column it is read as, the
columns ignored or refused, the coded values not recognised (count, first line), the share of dates
that parse, the rows that would be used or quarantined and the most frequent quarantine reasons;
then one summary line. Nothing is written.`,
  options: {
    raw: {
      type: "string",
      arg: "DIR",
      default: "data/raw",
      help: "the raw data: one folder per period",
    },
    "max-quarantine": {
      type: "share",
      help: "the share of a table's rows quarantined as errors above which a real run fails, " +
        "as `score --max-quarantine` (default: no share limit; a mis-read file always fails)",
    },
    profiles: {
      type: "string",
      arg: "DIR",
      help: "the folder of method profiles a period's meta.json `metode` is checked against " +
        "(default: data/methods)",
    },
    json: { type: "boolean", help: "print the same report as one JSON document" },
  },
  notes:
    "Exit code: 0 when a real run would succeed, 1 when it would fail (an unreadable file, a " +
    "file mis-read — one check failing on most of its rows — or a table over --max-quarantine), " +
    "2 a wrong command line.",
});

if (import.meta.main) {
  await main(PERIKSA, async ({ values }) => {
    const report = await periksa({
      raw: values.raw,
      // Not given: the engine's own rule, so the dry run predicts what `score` without it does.
      maxQuarantineShare: values["max-quarantine"],
      methodsDir: profilesOption(values.profiles),
    });
    console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
    Deno.exit(report.ok ? 0 : 1);
  });
}
