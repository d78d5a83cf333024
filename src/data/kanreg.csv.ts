// Public kanreg table (all periods, all methods), as CSV.
import { emit, kanregRows, toCsv } from "../../loaders/site.ts";

await emit(toCsv(await kanregRows()));
