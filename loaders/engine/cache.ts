/**
 * The period cache's key: a content hash of a period's files and of everything else that decides
 * its results (the engine's code, DuckDB's version, the profiles, aliases and reference), so a
 * rebuild recomputes only new or changed periods and never serves a stale one.
 */
import { createHash } from "node:crypto";
import { Db } from "../duck.ts";
import { moduleGraph } from "../modules.ts";
import { ROOT } from "../paths.ts";
import { periodInputFiles } from "./ingest.ts";

async function sha256File(path: string, h = createHash("sha256")): Promise<void> {
  const f = await Deno.open(path);
  for await (const chunk of f.readable) h.update(chunk);
}

/**
 * Hash of everything besides the raw files that decides the results: the engine's code (the
 * pipeline and every project module it imports), the DuckDB library and the configuration files.
 */
export async function configHash(files: string[]): Promise<string> {
  const h = createHash("sha256");
  const db = await Db.open();
  try {
    h.update((await db.one<{ v: string }>("SELECT library_version AS v FROM pragma_version()")).v);
  } finally {
    db.close();
  }
  for (const f of [...moduleGraph(new URL("./pipeline.ts", import.meta.url).pathname), ...files]) {
    h.update(f.replace(ROOT, "") + "\0");
    await sha256File(f, h);
  }
  return h.digest("hex");
}

/**
 * Hash of a period folder under a configuration: the name and content of every file the ingest
 * reads for it (tables in several files or in a folder, symlinks followed, meta.json), so the
 * cache and the ingest can never disagree on what a period is made of.
 */
export async function periodHash(dir: string, config: string): Promise<string> {
  const h = createHash("sha256").update(config);
  for (const f of periodInputFiles(dir)) {
    h.update(f.slice(dir.length) + "\0");
    await sha256File(f, h);
  }
  return h.digest("hex");
}
