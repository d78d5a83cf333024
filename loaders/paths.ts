/** The project's folders, resolved once from this file's place (loaders/ is one level below the root). */
import { join } from "node:path";

export const ROOT = new URL("../", import.meta.url).pathname;
export const DATA = join(ROOT, "data");
