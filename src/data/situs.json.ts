// The site's scope and names (loaders/publish/scope.ts): what every page calls the region and its averages.
import { muat } from "../../loaders/publish/muatan.ts";

await muat("data/situs.json");
