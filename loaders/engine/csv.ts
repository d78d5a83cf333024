/** CSV output that is safe to open in a spreadsheet. */
import { type Db, ident, lit } from "../duck.ts";

/** Text cells starting with = + - @ tab or CR are prefixed with ' so spreadsheets never run them as formulas. */
export const CSV_SAFE_MACRO = `CREATE OR REPLACE MACRO csv_safe(x) AS
  CASE WHEN regexp_matches(x, '^[=+\\-@\\t\\r]') THEN '''' || x ELSE x END`;

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

/** The same rule for CSV written from TypeScript. */
export function csvSafe(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
