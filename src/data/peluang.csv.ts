// Simulator gain tables per instansi (all periods, all methods), small cells pooled.
import { muat } from "../../loaders/publish/muatan.ts";

await muat("data/peluang.csv");
