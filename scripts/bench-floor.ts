/**
 * The input and output floor of a national `score`: what DuckDB alone takes for the two parts of
 * the default job that no implementation can skip, under the settings (memory, threads) of the
 * engine's national period. Reading: every column of the period's input files into the
 * contract's types (a NIP as a number, a date as a DATE, a number or a year as a number), trimmed,
 * with no check and no quarantine. Writing: the per-person files the default run wrote, copied
 * from memory to Parquet as the engine writes them (no order kept). What the engine spends beyond
 * the sum of the two is validation, facts, scoring, aggregation and gains.
 */
import { join } from "node:path";
import { Db, ident, lit } from "../loaders/duck.ts";
import { columns, TABLE_NAMES } from "../loaders/engine/contract.ts";
import { findTables } from "../loaders/engine/ingest.ts";
import { laneSettings, periodLanes } from "../loaders/engine/budget.ts";
import { PER_ASN_FILES } from "../loaders/engine/step.ts";

export interface Floor {
  /** Reading every input file into typed columns. */
  typed_read_s: number;
  /** Writing the default per-person files from memory. */
  per_person_write_s: number;
}

const CAST: Record<string, string> = {
  nip: "BIGINT",
  date: "DATE",
  number: "DOUBLE",
  year: "INTEGER",
};

/** One run: each input table read into typed columns, then each per-person file written. */
export async function ioFloor(
  periodDir: string,
  perPersonDir: string,
  tmp: string,
): Promise<Floor> {
  const found = await findTables(periodDir);
  const db = await Db.open(":memory:", {
    ...laneSettings(periodDir, periodLanes([periodDir])),
    temp_directory: tmp,
    preserve_insertion_order: "false",
  });
  const seconds = async (sql: string) => {
    const t0 = performance.now();
    await db.run(sql);
    return (performance.now() - t0) / 1000;
  };
  try {
    let read = 0, write = 0;
    for (const t of TABLE_NAMES) {
      const kinds = new Map(columns(t).map((c) => [c.name, c.kind as string]));
      for (const [i, f] of found[t].files.entries()) {
        if (f.format !== "parquet" && f.format !== "csv") {
          throw new Error(`the floor reads CSV and Parquet, not ${f.path}`);
        }
        const from = f.format === "parquet"
          ? `read_parquet(${lit(f.path)})`
          : `read_csv(${lit(f.path)}, header = true, all_varchar = true)`;
        const names = (await db.all<{ column_name: string }>(`DESCRIBE SELECT * FROM ${from}`))
          .map((c) => c.column_name);
        read += await seconds(`CREATE TABLE floor_${t}_${i} AS SELECT ${
          names.map((name) => {
            const text = `nullif(trim(CAST(${ident(name)} AS VARCHAR)), '')`;
            const type = CAST[kinds.get(name) ?? "text"];
            return `${type ? `TRY_CAST(${text} AS ${type})` : text} AS ${ident(name)}`;
          }).join(", ")
        } FROM ${from}`);
      }
    }
    // Held together until every file is read, as the engine holds its typed tables.
    for (const t of TABLE_NAMES) {
      for (const i of found[t].files.keys()) await db.run(`DROP TABLE floor_${t}_${i}`);
    }
    for (const f of PER_ASN_FILES) {
      await db.run(
        `CREATE TABLE floor_out AS SELECT * FROM read_parquet(${lit(join(perPersonDir, f))})`,
      );
      write += await seconds(`COPY floor_out TO ${lit(join(tmp, f))} (FORMAT parquet)`);
      await db.run("DROP TABLE floor_out");
      Deno.removeSync(join(tmp, f));
    }
    return { typed_read_s: read, per_person_write_s: write };
  } finally {
    db.close();
  }
}
