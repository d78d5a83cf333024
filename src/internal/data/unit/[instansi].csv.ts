// Internal only: one instansi's units without small-cell suppression.
import { parseArgs } from "node:util";
import { unitsOf } from "../../../../loaders/publish/internal.ts";
import { emit, toCsv } from "../../../../loaders/publish/site.ts";

const { values } = parseArgs({ args: Deno.args, options: { instansi: { type: "string" } } });
const kode = values.instansi!;
await emit(toCsv(await unitsOf(kode)));
