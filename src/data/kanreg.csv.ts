// Public kanreg table (all periods, all methods), as CSV.
import { emit, kanregRows, toCsv } from "../../loaders/publish/site.ts";

await emit(toCsv(await kanregRows()));
