// The method profiles themselves: the methodology page is rendered from them.
import { loadProfiles } from "../../loaders/method.ts";

const profiles = await loadProfiles(new URL("../../data/methods", import.meta.url).pathname);
console.log(JSON.stringify(profiles));
