// Public provinsi table (all periods, all methods), as Parquet.
import { emitBytes, provinsiRows, toParquet } from "../../loaders/publish/site.ts";

await emitBytes(await toParquet(await provinsiRows()));
