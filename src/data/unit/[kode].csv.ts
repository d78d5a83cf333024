// Public unit kerja table of one instansi (small cells suppressed), for its report card.
import { parseArgs } from "node:util";
import { emit, toCsv, unitRowsOf } from "../../../loaders/publish/site.ts";

const { values } = parseArgs({ args: Deno.args, options: { kode: { type: "string" } } });
await emit(toCsv(await unitRowsOf(values.kode!)));
