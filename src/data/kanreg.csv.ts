// Public kanreg table (all periods, all methods), as CSV.
import { muat } from "../../loaders/publish/muatan.ts";

await muat("data/kanreg.csv");
