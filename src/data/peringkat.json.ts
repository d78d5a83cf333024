// Peringkat's index: periods, methods, default methods and each instansi's name once (loaders/publish/site.ts).
import { muat } from "../../loaders/publish/muatan.ts";

await muat("data/peringkat.json");
