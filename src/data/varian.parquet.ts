// The public varian table as Parquet, for downloads and the in-browser SQL page.
import { muat } from "../../loaders/publish/muatan.ts";

await muat("data/varian.parquet");
