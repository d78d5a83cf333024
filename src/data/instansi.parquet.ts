// Public instansi table (all periods, all methods), as Parquet.
import { emitBytes, instansiRows, toParquet } from "../../loaders/publish/site.ts";

await emitBytes(await toParquet(await instansiRows()));
