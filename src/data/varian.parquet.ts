// The public varian table as Parquet, for downloads and the in-browser SQL page.
import { emitBytes, toParquet, varianRows } from "../../loaders/publish/site.ts";

await emitBytes(await toParquet(await varianRows()));
