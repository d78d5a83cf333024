// Public unit table (all periods, all methods), as Parquet.
import { emitBytes, toParquet, unitRows } from "../../loaders/publish/site.ts";

await emitBytes(await toParquet(await unitRows()));
