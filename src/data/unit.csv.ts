// Public unit table (all periods, all methods), as CSV.
import { muat } from "../../loaders/publish/muatan.ts";

await muat("data/unit.csv");
