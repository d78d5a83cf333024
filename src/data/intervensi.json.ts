// The simulator's interventions per method, from the method profiles; where the data holds BKN's
// official results, the fixes a plan on official values counts on (loaders/engine/resmi.ts).
import { muat } from "../../loaders/publish/muatan.ts";

await muat("data/intervensi.json");
