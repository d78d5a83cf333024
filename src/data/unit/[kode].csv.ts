// Public unit kerja table of one instansi (small cells suppressed), for its report card.
import { parseArgs } from "node:util";
import { emit, toCsv, unitRows } from "../../../loaders/site.ts";

const { values } = parseArgs({ args: Deno.args, options: { kode: { type: "string" } } });
const rows = (await unitRows()).filter((r) => r.kode_instansi === values.kode);
await emit(toCsv(rows));
