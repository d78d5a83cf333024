// Periods, methods, their default per period, and whether the data is synthetic.
import { muat } from "../../loaders/publish/muatan.ts";

await muat("data/manifest.json");
