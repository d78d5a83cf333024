// Public unit kerja table of one instansi (small cells suppressed), for its report card.
import { muat } from "../../../loaders/publish/muatan.ts";

await muat("data/unit/[kode].csv");
