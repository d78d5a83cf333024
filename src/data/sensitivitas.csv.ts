// Sensitivity of instansi results to each assumption (variant vs its base, per period), as the
// pipeline wrote it to data/computed/sensitivitas.csv (loaders/engine/sensitivity.ts). An output
// folder from before the table existed gives an empty table with the same header, not an error.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { kolomTabel } from "../keluaran.ts";
import { COMPUTED, emit } from "../../loaders/publish/site.ts";

const file = join(COMPUTED, "sensitivitas.csv");
await emit(
  existsSync(file) ? Deno.readTextFileSync(file) : kolomTabel("sensitivitas", []).join(",") + "\n",
);
