// Reported official figures, targets and the reported 2024-Q3 distribution, with their sources.
import { reference } from "../../loaders/site.ts";

console.log(JSON.stringify(await reference()));
