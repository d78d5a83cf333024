// The method profiles themselves: the methodology page is rendered from them. Where the data holds
// BKN's official results, a profile for them ("Resmi BKN") is added: categories and maxima of the
// latest period's default profile, which are BKN's; it has no rules of its own.
import { muat } from "../../loaders/publish/muatan.ts";

await muat("data/metode.json");
