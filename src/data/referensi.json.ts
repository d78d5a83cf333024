// Reported official figures, targets and the reported 2024-Q3 distribution, with their sources.
import { reference } from "../../loaders/publish/site.ts";

console.log(JSON.stringify(await reference()));
