/**
 * `deno task periksa [--raw data/raw] [--max-quarantine 0.1] [--methods DIR] [--json]`
 * A dry run: what a scoring run would do with every file of every period folder, without scoring
 * or writing anything. Exit code 0 when a real run would succeed, 1 when it would fail, 2 for a
 * wrong command line.
 */
import { parseArgs } from "node:util";
import { formatReport, periksa } from "../loaders/engine/periksa.ts";

const USAGE =
  "Usage: deno task periksa [--raw data/raw] [--max-quarantine 0.1] [--methods DIR] [--json]";

let values;
try {
  values = parseArgs({
    args: Deno.args,
    options: {
      raw: { type: "string", default: "data/raw" },
      "max-quarantine": { type: "string", default: "0.1" },
      methods: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  }).values;
} catch (err) {
  console.error(`${(err as Error).message}\n${USAGE}`);
  Deno.exit(2);
}
if (values.help) {
  console.log(`${USAGE}

Reads every period folder of --raw the way \`deno task score\` does and prints, per file: the
header dialect recognised, each source column and the contract column it is read as, the columns
ignored or refused, the coded values not recognised (count, first line), the share of dates that
parse, the rows that would be used or quarantined and the most frequent quarantine reasons; then
one summary line. Nothing is written. --json prints the same report as one JSON document.
Exit code: 0 when a real run would succeed, 1 when it would fail (an unreadable file, or a table
with more than --max-quarantine of its rows quarantined), 2 for a wrong command line.`);
  Deno.exit(0);
}
const maxShare = Number(values["max-quarantine"]);
if (!(maxShare >= 0 && maxShare <= 1)) {
  console.error(`--max-quarantine must be a share between 0 and 1, e.g. 0.05\n${USAGE}`);
  Deno.exit(2);
}

const report = await periksa({
  raw: values.raw!,
  maxQuarantineShare: maxShare,
  methodsDir: values.methods,
});
console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
Deno.exit(report.ok ? 0 : 1);
