// Peringkat's rows: tier "terbaru" (loaders/publish/site.ts, peringkatData).
import { muat } from "../../loaders/publish/muatan.ts";

await muat("data/peringkat-terbaru.csv");
