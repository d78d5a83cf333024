// The public peluang table as Parquet, for downloads and the in-browser SQL page.
import { emitBytes, peluangRows, toParquet } from "../../loaders/publish/site.ts";

await emitBytes(await toParquet(await peluangRows()));
