// Internal only: one instansi's people whose official BKN value differs from the computed one,
// with the likely cause (loaders/publish/internal.ts).
import { parseArgs } from "node:util";
import { kolomTabel } from "../../../keluaran.ts";
import { selisihOf } from "../../../../loaders/publish/internal.ts";
import { emit, toCsv } from "../../../../loaders/publish/site.ts";

const { values } = parseArgs({ args: Deno.args, options: { instansi: { type: "string" } } });
const rows = await selisihOf(values.instansi!);
await emit(rows.length ? toCsv(rows) : kolomTabel("selisih_asn", []).join(",") + "\n");
