// Public provinsi table (all periods, all methods), as CSV.
import { emit, provinsiRows, toCsv } from "../../loaders/publish/site.ts";

await emit(toCsv(await provinsiRows()));
