// Internal only: one instansi's worklist (NIP, name, missing or zero indicator, points it would add).
import { muat } from "../../../../loaders/publish/muatan.ts";

await muat("internal/data/daftar/[instansi].csv");
