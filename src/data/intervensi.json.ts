// The simulator's interventions per method, from the method profiles; where the data holds BKN's
// official results, the fixes a plan on official values counts on (loaders/engine/resmi.ts).
import { gainsAreAdditive, interventions } from "../../loaders/engine/gain.ts";
import { loadProfiles, methodsDir } from "../../loaders/engine/method.ts";
import { RESMI, RESMI_INTERVENSI } from "../../loaders/engine/resmi.ts";
import { manifest } from "../../loaders/publish/site.ts";

const profiles = await loadProfiles(methodsDir());
const resmi = manifest().metode.some((m) => m.id === RESMI)
  ? [[RESMI, { tepat: true, intervensi: RESMI_INTERVENSI }]]
  : [];
console.log(JSON.stringify(Object.fromEntries([
  ...profiles.map((p) => [p.id, { tepat: gainsAreAdditive(p), intervensi: interventions(p) }]),
  ...resmi,
])));
