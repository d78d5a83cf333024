// The instansi of the reference table (code, name, kind, province).
import { loadWilayah } from "../../loaders/engine/reference.ts";
import { emit } from "../../loaders/publish/site.ts";

await emit(JSON.stringify(await loadWilayah()));
