/**
 * The project modules the site reaches: `moduleGraph` (loaders/modules.ts) for the pages, which are
 * Markdown with JavaScript cells, and for components imported as `./x.js` while their source is
 * `x.ts` (Framework serves one for the other). Used by tests/architecture.test.ts.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}\/[^"']+)["']/g;

/** The file a relative import names: itself, or its `.ts` source for a `.js` name. */
function berkas(from: string, spec: string): string {
  const p = resolve(dirname(from), spec);
  if (!existsSync(p) && p.endsWith(".js") && existsSync(p.slice(0, -3) + ".ts")) {
    return p.slice(0, -3) + ".ts";
  }
  return p;
}

/** `entries` and every project file they import, directly or not (pages and modules), sorted. */
export function grafSitus(entries: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!existsSync(file)) return; // named but missing: listed, so a test can say so
    for (const m of Deno.readTextFileSync(file).matchAll(IMPORT)) {
      visit(berkas(file, m[1]));
    }
  };
  for (const e of entries) visit(resolve(e));
  return [...seen].sort();
}

/** Files under `dir` whose names end with one of `exts`, outside hidden and generated folders. */
export function berkasDi(dir: string, exts: string[], skip: string[] = []): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of Deno.readDirSync(d)) {
      const p = join(d, e.name);
      if (e.name.startsWith(".") || skip.includes(p)) continue;
      if (e.isDirectory) walk(p);
      else if (exts.some((x) => e.name.endsWith(x))) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}
