/**
 * Repeated rows and repeated keys, found by sorted hashes. Exact duplicates of history rows (a
 * repeated SIASN sync: every column equal to an earlier line's) are collapsed into their first
 * line; a NIP repeated in pegawai, or a NIP and year repeated in kinerja, is quarantined after its
 * first line. Both are looked up only where a hash repeats: a repeating hash is one equal to its
 * neighbour once the hashes are sorted, and sorting 8-byte keys is cheaper than a hash aggregate
 * over millions of distinct ones (the 11.5 M national trainings: 1.98 -> 1.27 s, measured alone).
 * Row order is `_ord`: (file << 40) + line.
 */
import { columns, type TableName } from "./contract.ts";
import { type Db, ident } from "../duck.ts";

/** The hashes of `key` that repeat in `src`: `_h`, one row per repeat. */
function repeating(src: string, key: string): string {
  return `SELECT _h FROM (
      SELECT _h, lag(_h) OVER (ORDER BY _h) AS _prev FROM (SELECT hash(${key}) AS _h FROM ${src})
    ) WHERE _h = _prev`;
}

/**
 * `rep_<table>`: the hashes of the keys that repeat (the NIP, or the NIP and year), found once:
 * rows equal in every column have equal keys, so the exact duplicates are among their rows too
 * (national SKP: one sort of 6 M hashes instead of two, 0.7 + 0.8 -> 0.5 + 0.3 + 0.2 s).
 */
export async function repeatingKeys(
  db: Db,
  table: TableName,
  src: string,
  key: string,
): Promise<void> {
  await db.run(`CREATE OR REPLACE TEMP TABLE rep_${table} AS ${repeating(src, key)}`);
}

/**
 * `dup_<table>`: each exact duplicate's `_ord` and the `_ord` of its first line (`_dup_of`).
 * Rows are grouped by a hash of their columns first: only the few rows whose hash repeats (or,
 * with a key, whose key's hash repeats) are compared column by column (a window over every column
 * of every row cost more than all the checks). Returns `ordered` with `_dup_of` (its own `_ord`
 * for a row that is no duplicate).
 */
export async function exactDuplicates(
  db: Db,
  table: TableName,
  src: string,
  ordered: string,
  key: string | null,
): Promise<string> {
  const rawCols = columns(table).map((c) => ident(c.name)).join(", ");
  const candidates = key
    ? `hash(${key}) IN (SELECT _h FROM rep_${table})`
    : `hash(${rawCols}) IN (${repeating(src, rawCols)})`;
  await db.run(`CREATE OR REPLACE TEMP TABLE dup_${table} AS
      SELECT _ord, _dup_of FROM (
        SELECT _ord, min(_ord) OVER (PARTITION BY ${rawCols}) AS _dup_of FROM ${ordered}
        WHERE ${candidates})
      WHERE _dup_of < _ord`);
  return await isEmpty(db, `dup_${table}`)
    ? `(SELECT *, _ord AS _dup_of FROM ${ordered})`
    : `(SELECT s.*, coalesce(d._dup_of, s._ord) AS _dup_of FROM ${ordered} s LEFT JOIN dup_${table} d USING (_ord))`;
}

/**
 * `first_<table>`: the first line of each key that repeats, among the rows that pass the row
 * checks (`rowIndex` is NULL for them) and are `keyed`, so a bad row never makes a good one a
 * duplicate. `rows`
 * are the parsed rows of the keys that repeat (`rep_<table>`). A hash that repeats by collision
 * brings a key of one row, which HAVING drops, as it drops a key whose other rows fail their
 * checks: a key of one passing row is its own first line. Returns the SQL of a row's first line,
 * correlated on alias `x`.
 */
export async function firstLines(
  db: Db,
  table: TableName,
  o: { keys: string[]; rows: string; rowIndex: string; keyed: string },
): Promise<string> {
  await db.run(`CREATE OR REPLACE TEMP TABLE first_${table} AS
      SELECT ${o.keys.join(", ")}, min(_ord) AS _first_line FROM (
        SELECT *, ${o.rowIndex} AS _row FROM (${o.rows})) WHERE _row IS NULL AND ${o.keyed} GROUP BY ALL HAVING count(*) > 1`);
  const same = o.keys.map((k) => `f.${k} IS NOT DISTINCT FROM x.${k}`).join(" AND ");
  return await isEmpty(db, `first_${table}`)
    ? "_ord"
    : `coalesce((SELECT f._first_line FROM first_${table} f WHERE ${same}), _ord)`;
}

/** How many rows of `dup_<table>` are exact duplicates. */
export async function countDuplicates(db: Db, table: TableName): Promise<number> {
  return Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM dup_${table}`)).n);
}

/**
 * The run's note on exact duplicates, naming the first 20 (only those are sorted: an ordered
 * string_agg over every row sorted all 11.5 M national diklat rows for it, 2.2 s).
 */
export async function duplicateNote(
  db: Db,
  table: TableName,
  n: number,
  lineOf: (o: string) => string,
): Promise<string> {
  const { lines } = await db.one<{ lines: string | null }>(
    `SELECT string_agg(${lineOf("_ord")} || ' (= ' || ${
      lineOf("_dup_of")
    } || ')', ', ' ORDER BY _ord) AS lines
      FROM (SELECT _ord, _dup_of FROM dup_${table} ORDER BY _ord LIMIT 20)`,
  );
  return `${n} exact duplicate row${
    n > 1 ? "s" : ""
  } (every column equal to an earlier line) collapsed into the first: line ${lines}${
    n > 20 ? ", …" : ""
  }`;
}

export async function isEmpty(db: Db, table: string): Promise<boolean> {
  return (await db.all(`SELECT 1 FROM ${table} LIMIT 1`)).length === 0;
}
