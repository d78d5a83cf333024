// The method profiles themselves: the methodology page is rendered from them.
import { loadProfiles, methodsDir } from "../../loaders/engine/method.ts";

const profiles = await loadProfiles(methodsDir());
console.log(JSON.stringify(profiles));
