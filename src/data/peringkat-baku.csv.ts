// Peringkat's rows: tier "baku" (loaders/publish/site.ts, peringkatData).
import { muat } from "../../loaders/publish/muatan.ts";

await muat("data/peringkat-baku.csv");
