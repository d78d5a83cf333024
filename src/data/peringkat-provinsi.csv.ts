// The province means of Peringkat's national tile map (loaders/publish/site.ts).
import { muat } from "../../loaders/publish/muatan.ts";

await muat("data/peringkat-provinsi.csv");
