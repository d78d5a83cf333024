// The site's scope and names (loaders/publish/scope.ts): what every page calls the region and its averages.
import { cakupanDari } from "../../loaders/publish/scope.ts";
import { COMPUTED, emit } from "../../loaders/publish/site.ts";

await emit(JSON.stringify(cakupanDari(COMPUTED)));
