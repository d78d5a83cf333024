// The instansi of the reference table (code, name, kind, province).
import { loadWilayah } from "../../loaders/reference.ts";
import { emit } from "../../loaders/site.ts";

await emit(JSON.stringify(await loadWilayah()));
