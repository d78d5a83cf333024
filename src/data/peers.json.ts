// Peer implementations' values for the method's rules (data/reference/peers-ipasn.json), for the
// Metodologi page: each value with the repository and path it was read from.
import { muat } from "../../loaders/publish/muatan.ts";

await muat("data/peers.json");
