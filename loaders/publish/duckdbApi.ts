/**
 * The part of @duckdb/duckdb-wasm's browser API that Eksplorasi uses (AsyncDuckDB, VoidLogger),
 * bundled with apache-arrow into one module the site serves itself. Framework's own import of the
 * package ships all of its exports, among them a helper that builds the URLs of a CDN's copy of
 * the library: never called, but a published page should carry no code that can reach another host.
 * esbuild (a dependency for this; Framework bundles with it too) keeps only what the two exports
 * need, and the library's copy of its package.json is cut to the name and version it reads (the
 * rest lists CDN fields and repository URLs).
 */
import * as esbuild from "esbuild";
import { ROOT } from "../paths.ts";

/** Hosts a module of the site must not name (tests/architecture.test.ts checks the sources too). */
export const CDN =
  /jsdelivr|unpkg|esm\.sh|cdnjs\.cloudflare\.com|cdn\.skypack\.dev|extensions\.duckdb\.org/;

/**
 * `code` with the object literal that starts `{name:"@duckdb/duckdb-wasm",version:"…"` (the
 * package.json the library embeds) reduced to its name and version; unchanged when absent.
 */
export function packageToNameVersion(code: string): string {
  const m = /\{name:"@duckdb\/duckdb-wasm",version:"([^"\\]+)"/.exec(code);
  if (!m) return code;
  // The literal's end: the brace that closes it, strings skipped.
  let depth = 0, end = -1;
  for (let i = m.index; i < code.length && end < 0; i++) {
    const c = code[i];
    if (c === '"') {
      for (i++; i < code.length && code[i] !== '"'; i++) if (code[i] === "\\") i++;
    } else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) end = i + 1;
  }
  if (end < 0) return code;
  return `${code.slice(0, m.index)}{name:"@duckdb/duckdb-wasm",version:"${m[1]}"}${
    code.slice(end)
  }`;
}

export async function duckdbApi(): Promise<Uint8Array> {
  try {
    const r = await esbuild.build({
      stdin: {
        contents: 'export { AsyncDuckDB, VoidLogger } from "@duckdb/duckdb-wasm";',
        resolveDir: ROOT,
        loader: "js",
      },
      bundle: true,
      format: "esm",
      platform: "browser",
      minify: true,
      legalComments: "none",
      write: false,
      logLevel: "error",
    });
    const code = packageToNameVersion(r.outputFiles[0].text);
    const host = CDN.exec(code);
    if (host) throw new Error(`the bundled DuckDB API still names ${host[0]}`);
    return new TextEncoder().encode(code);
  } finally {
    await esbuild.stop();
  }
}
