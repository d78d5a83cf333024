/** The project's folders, resolved once from this file's place (loaders/ is one level below the root). */
import { existsSync } from "node:fs";
import { join } from "node:path";

export const ROOT = new URL("../", import.meta.url).pathname;
export const DATA = join(ROOT, "data");

/**
 * The periods' files of a per-person table in an output folder (`skor_asn`, `peluang_asn`,
 * `selisih_asn`, `celah_asn`): written once, in each period's folder, for the periods that have
 * them (`score --per-asn`). A DuckDB glob: `FROM read_parquet(<this>)` reads them as one table;
 * `perPersonPeriods` says which periods have one.
 */
export function perPersonFiles(out: string, name: string): string {
  return join(out, "periode", "*", `${name}.parquet`);
}

export function perPersonPeriods(out: string, name: string): string[] {
  try {
    return [...Deno.readDirSync(join(out, "periode"))]
      .filter((e) => e.isDirectory && existsSync(join(out, "periode", e.name, `${name}.parquet`)))
      .map((e) => e.name).sort();
  } catch {
    return [];
  }
}
