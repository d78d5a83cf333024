/**
 * `deno run -A scripts/banding-situs.ts SITE_A SITE_B`: whether two built sites serve the same
 * data, for a change that must move no number. Every data file under `_file/` is matched by its
 * name without Framework's content hash; JSON and CSV files must be equal byte for byte, Parquet
 * files must hold the same rows (compared as sorted multisets, so a different writer or row group
 * layout does not count). Prints one line per file that differs or exists on one side only, and
 * exits 1 when any does.
 */
import { join, relative } from "node:path";
import { Db, lit } from "../loaders/duck.ts";

function* files(dir: string): Generator<string> {
  for (const e of Deno.readDirSync(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory) yield* files(p);
    else yield p;
  }
}

/** `_file/data/instansi.9ff7bb9a.csv` → `_file/data/instansi.csv`. */
export function tanpaHash(path: string): string {
  return path.replace(/\.[0-9a-f]{8}(\.[a-z]+)$/, "$1");
}

function petakan(site: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of files(join(site, "_file"))) out.set(tanpaHash(relative(site, f)), f);
  return out;
}

async function barisParquet(db: Db, file: string): Promise<string[]> {
  const rows = await db.all(`SELECT * FROM read_parquet(${lit(file)})`);
  // Values as JSON (a number is a number whether the file typed it BIGINT or DOUBLE).
  return rows.map((r) => JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b))))
    .sort();
}

export async function bandingkan(a: string, b: string): Promise<string[]> {
  const fa = petakan(a), fb = petakan(b);
  const beda: string[] = [];
  const db = await Db.open();
  try {
    for (const name of [...new Set([...fa.keys(), ...fb.keys()])].sort()) {
      const x = fa.get(name), y = fb.get(name);
      if (!x || !y) {
        beda.push(`${name}: only in ${x ? a : b}`);
        continue;
      }
      if (name.endsWith(".parquet")) {
        const [rx, ry] = [await barisParquet(db, x), await barisParquet(db, y)];
        const sama = rx.length === ry.length && rx.every((r, i) => r === ry[i]);
        if (!sama) beda.push(`${name}: rows differ (${rx.length} vs ${ry.length} rows)`);
        continue;
      }
      const [bx, by] = [Deno.readFileSync(x), Deno.readFileSync(y)];
      if (bx.length !== by.length || bx.some((v, i) => v !== by[i])) {
        beda.push(`${name}: bytes differ (${bx.length} vs ${by.length} bytes)`);
      }
    }
  } finally {
    db.close();
  }
  return beda;
}

if (import.meta.main) {
  const [a, b] = Deno.args;
  if (!a || !b) {
    console.error("usage: deno run -A scripts/banding-situs.ts SITE_A SITE_B");
    Deno.exit(2);
  }
  const beda = await bandingkan(a, b);
  for (const l of beda) console.log(l);
  console.log(beda.length ? `${beda.length} file(s) differ` : "every data file is the same");
  Deno.exit(beda.length ? 1 : 0);
}
