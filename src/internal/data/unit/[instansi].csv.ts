// Internal only: one instansi's units without small-cell suppression.
import { muat } from "../../../../loaders/publish/muatan.ts";

await muat("internal/data/unit/[instansi].csv");
