// Peer implementations' values for the method's rules (data/reference/peers-ipasn.json), for the
// Metodologi page: each value with the repository and path it was read from.
import { join } from "node:path";
import { REFERENCE_DIR } from "../../loaders/engine/reference.ts";
import { emit } from "../../loaders/publish/site.ts";

await emit(Deno.readTextFileSync(join(REFERENCE_DIR, "peers-ipasn.json")));
