// The method profiles themselves: the methodology page is rendered from them. Where the data holds
// BKN's official results, a profile for them ("Resmi BKN") is added: categories and maxima of the
// latest period's default profile, which are BKN's; it has no rules of its own.
import { loadProfiles, methodsDir } from "../../loaders/engine/method.ts";
import { RESMI, resmiProfile } from "../../loaders/engine/resmi.ts";
import { manifest } from "../../loaders/publish/site.ts";

const profiles = await loadProfiles(methodsDir());
const m = manifest();
const latest = m.metode_baku[m.periode.at(-1)!];
const base = profiles.find((p) => p.id === latest) ?? profiles[0];
const resmi = m.metode.some((x) => x.id === RESMI) ? [{ ...resmiProfile(base), resmi: true }] : [];
console.log(JSON.stringify([...profiles, ...resmi]));
