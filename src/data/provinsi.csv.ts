// Public provinsi table (all periods, all methods), as CSV.
import { emit, provinsiRows, toCsv } from "../../loaders/site.ts";

await emit(toCsv(await provinsiRows()));
