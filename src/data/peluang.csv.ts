// Simulator gain tables per instansi (all periods, all methods), small cells pooled.
import { emit, peluangRows, toCsv } from "../../loaders/publish/site.ts";

await emit(toCsv(await peluangRows()));
