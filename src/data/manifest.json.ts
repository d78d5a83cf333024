// Periods, methods, their default per period, and whether the data is synthetic.
import { manifest } from "../../loaders/publish/site.ts";

console.log(JSON.stringify(manifest()));
