// Peringkat's rows: every period and method, fetched only when a method other than the default is chosen.
import { muat } from "../../loaders/publish/muatan.ts";

await muat("data/peringkat.csv");
