// Internal only: one instansi's simulator gain tables per unit kerja.
import { muat } from "../../../../loaders/publish/muatan.ts";

await muat("internal/data/peluang-unit/[instansi].csv");
