// The simulator's interventions per method, from the method profiles.
import { gainsAreAdditive, interventions } from "../../loaders/engine/gain.ts";
import { loadProfiles, methodsDir } from "../../loaders/engine/method.ts";

const profiles = await loadProfiles(methodsDir());
console.log(JSON.stringify(Object.fromEntries(profiles.map((p) => [
  p.id,
  { tepat: gainsAreAdditive(p), intervensi: interventions(p) },
]))));
