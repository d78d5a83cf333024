// Internal only: one instansi's simulator gain tables per unit kerja.
import { parseArgs } from "node:util";
import { unitGainsOf } from "../../../../loaders/publish/internal.ts";
import { emit, toCsv } from "../../../../loaders/publish/site.ts";

const { values } = parseArgs({ args: Deno.args, options: { instansi: { type: "string" } } });
const kode = values.instansi!;
await emit(toCsv(await unitGainsOf(kode)));
