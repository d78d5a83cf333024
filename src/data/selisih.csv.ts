// BKN's official results against the computed methods, per instansi and dimension (small cells
// hidden): loaders/publish/site.ts.
import { muat } from "../../loaders/publish/muatan.ts";

await muat("data/selisih.csv");
