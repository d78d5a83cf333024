// Public instansi table (all periods, all methods), as CSV.
import { emit, instansiRows, toCsv } from "../../loaders/publish/site.ts";

await emit(toCsv(await instansiRows()));
