// Public unit table (all periods, all methods), as Parquet.
import { muat } from "../../loaders/publish/muatan.ts";

await muat("data/unit.parquet");
