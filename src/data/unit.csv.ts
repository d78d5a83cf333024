// Public unit table (all periods, all methods), as CSV.
import { emit, toCsv, unitRows } from "../../loaders/publish/site.ts";

await emit(toCsv(await unitRows()));
