/**
 * A throw-away copy of the project to build a site in, node_modules linked: Framework keeps its
 * cache in src/.observablehq and the settings live in data/situs.json, so builds in the working
 * tree and in tests running at the same time would otherwise overwrite each other's. Nothing of
 * the working tree's data, outputs or caches is copied.
 */
import { cpSync } from "node:fs";
import { join } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");

/** A copy of the project to build in: its own Framework cache and settings. */
export function projectCopy(dir: string, situs?: Record<string, unknown>): string {
  const copy = join(dir, "proyek");
  const skip = [
    "/.git",
    "/node_modules",
    "/dist",
    "/dist-internal",
    "/data/computed",
    "/data/demo",
    "/data/raw",
    "/bench",
    "/scratch",
    "/tests",
    "/src/.observablehq",
    // The site's data files, written by the build from its own scores.
    "/src/data",
    "/src/internal/data",
  ];
  cpSync(ROOT, copy, {
    recursive: true,
    filter: (src) =>
      !skip.some((s) => src === join(ROOT, s) || src.startsWith(join(ROOT, s) + "/")),
  });
  Deno.symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"));
  if (situs) Deno.writeTextFileSync(join(copy, "data/situs.json"), JSON.stringify(situs));
  return copy;
}

/** Builds a site in `copy` from `raw` (or the demo data: "--demo") into `dir`/site. */
export async function build(
  copy: string,
  raw: string,
  dir: string,
): Promise<{ ok: boolean; log: string; out: string }> {
  const out = join(dir, "site");
  const r = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      join(copy, "scripts/build.ts"),
      ...(raw === "--demo" ? ["--demo"] : ["--raw", raw]),
      "--computed",
      join(dir, "computed"),
      "--out",
      out,
    ],
    cwd: copy,
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    ok: r.success,
    log: new TextDecoder().decode(r.stdout) + new TextDecoder().decode(r.stderr),
    out,
  };
}
