// Reported official figures, targets and the reported 2024-Q3 distribution, with their sources.
import { muat } from "../../loaders/publish/muatan.ts";

await muat("data/referensi.json");
