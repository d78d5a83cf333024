// Internal only: one instansi's worklist (NIP, name, missing or zero indicator, points it would add).
import { parseArgs } from "node:util";
import { worklist } from "../../../../loaders/publish/internal.ts";
import { emit, toCsv } from "../../../../loaders/publish/site.ts";

const { values } = parseArgs({ args: Deno.args, options: { instansi: { type: "string" } } });
const kode = values.instansi!;
await emit(toCsv(await worklist(kode)));
