// The public varian table as Parquet, for downloads and the in-browser SQL page.
import { emitBytes, varianRows, toParquet } from "../../loaders/site.ts";

await emitBytes(await toParquet(await varianRows()));
