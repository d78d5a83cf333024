// Internal only: one instansi's people whose official BKN value differs from the computed one,
// with the likely cause (loaders/publish/internal.ts).
import { muat } from "../../../../loaders/publish/muatan.ts";

await muat("internal/data/selisih/[instansi].csv");
