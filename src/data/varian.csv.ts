// Instansi means by counted population and data completeness, for reconciliation.
import { emit, toCsv, varianRows } from "../../loaders/publish/site.ts";

await emit(toCsv(await varianRows()));
