// Public kanreg table (all periods, all methods), as Parquet.
import { emitBytes, kanregRows, toParquet } from "../../loaders/publish/site.ts";

await emitBytes(await toParquet(await kanregRows()));
