// Sensitivity of instansi results to each assumption (variant vs its base, per period), as the
// pipeline wrote it to data/computed/sensitivitas.csv (loaders/engine/sensitivity.ts). An output
// folder from before the table existed gives an empty table with the same header, not an error.
import { muat } from "../../loaders/publish/muatan.ts";

await muat("data/sensitivitas.csv");
