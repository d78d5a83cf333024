/**
 * The project modules a module depends on, found by following its relative imports (packages are
 * pinned by the lockfile). Caches key on these files' content, so a new module can never be left
 * out of a hand-kept list and serve stale results.
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}\/[^"']+)["']/g;

/** `entries` and every project module they import, directly or not, sorted. */
export function moduleGraph(...entries: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of Deno.readTextFileSync(file).matchAll(IMPORT)) {
      const to = resolve(dirname(file), m[1]);
      // The site's components import each other as `.js` (Framework serves them so); Deno reads
      // the `.ts` file (deno.json: sloppy imports).
      visit(!existsSync(to) && to.endsWith(".js") ? to.slice(0, -3) + ".ts" : to);
    }
  };
  for (const e of entries) visit(resolve(e));
  return [...seen].sort();
}
