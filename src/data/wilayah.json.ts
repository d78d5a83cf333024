// The instansi of the reference table (code, name, kind, province).
import { muat } from "../../loaders/publish/muatan.ts";

await muat("data/wilayah.json");
