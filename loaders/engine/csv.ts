/** CSV output that is safe to open in a spreadsheet. */
import { type Db, ident, lit } from "../duck.ts";
import { POLA_RUMUS } from "../../src/kosakata.ts";

/**
 * Text cells a spreadsheet would run as a formula (= + - @ tab or CR first) are prefixed with ',
 * the rule every CSV of the project follows (src/kosakata.ts csvAman).
 */
export const CSV_SAFE_MACRO = `CREATE OR REPLACE MACRO csv_safe(x) AS
  CASE WHEN regexp_matches(x, ${lit(POLA_RUMUS)}) THEN '''' || x ELSE x END`;

/** COPY a query to CSV, neutralising every text column. */
export async function copyCsv(db: Db, query: string, path: string): Promise<void> {
  await db.run(CSV_SAFE_MACRO);
  const cols = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE ${query}`);
  const select = cols.map((c) =>
    c.column_type === "VARCHAR"
      ? `csv_safe(${ident(c.column_name)}) AS ${ident(c.column_name)}`
      : ident(c.column_name)
  );
  await db.run(
    `COPY (SELECT ${select.join(", ")} FROM (${query})) TO ${lit(path)} (HEADER, DELIMITER ',')`,
  );
}
