/** Thin helpers over the native DuckDB client. */
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";

export type Row = Record<string, unknown>;

/**
 * IPASN_TRACE=1 prints every statement that takes longer than 0.5 s, for performance work;
 * IPASN_TRACE=MS (a number above 1) sets the threshold in milliseconds.
 */
const TRACE_ENV = Number(Deno.env.get("IPASN_TRACE") ?? 0);
const TRACE = TRACE_ENV > 0;
const TRACE_MS = TRACE_ENV > 1 ? TRACE_ENV : 500;
/**
 * IPASN_PROFILE=DIR writes, for every statement, its SQL (N.sql) and DuckDB's query tree with each
 * operator's time and rows (N.txt), N counting statements from 1 in this process. Operator times
 * are summed over threads. Costs a SET per statement: for performance work only.
 */
const PROFILE_DIR = Deno.env.get("IPASN_PROFILE");
// The folder is made here, so that a folder that does not exist yet is not a stack trace later.
if (PROFILE_DIR) Deno.mkdirSync(PROFILE_DIR, { recursive: true });
let profiled = 0;

export class Db {
  private constructor(readonly instance: DuckDBInstance, readonly conn: DuckDBConnection) {}

  static async open(path = ":memory:", options: Record<string, string> = {}): Promise<Db> {
    const instance = await DuckDBInstance.create(path, {
      autoinstall_known_extensions: "false",
      autoload_known_extensions: "false",
      ...options,
    });
    return new Db(instance, await instance.connect());
  }

  async run(sql: string): Promise<void> {
    if (PROFILE_DIR) await this.profile(sql);
    const t0 = TRACE ? performance.now() : 0;
    await this.conn.run(sql);
    if (TRACE && performance.now() - t0 > TRACE_MS) {
      const first = sql.replace(/\s+/g, " ").trim().slice(0, 110);
      console.error(`[trace] ${((performance.now() - t0) / 1000).toFixed(1)} s  ${first}`);
    }
  }

  /**
   * `run`, interrupted when `stop` resolves true before the statement ends (the call then throws).
   * DuckDB ignores an interrupt that comes when no statement runs (tests/architecture.test.ts).
   */
  async runUnless(sql: string, stop: Promise<boolean>): Promise<void> {
    let running = true;
    stop.then((yes) => {
      if (yes && running) this.conn.interrupt();
    }, () => {});
    try {
      await this.run(sql);
    } finally {
      running = false;
    }
  }

  /** Rows as plain JS objects; BIGINT becomes number when it is safe, DATE an ISO string. */
  async all<T = Row>(sql: string): Promise<T[]> {
    if (PROFILE_DIR) await this.profile(sql);
    const reader = await this.conn.runAndReadAll(sql);
    return reader.getRowObjectsJS().map((r) => {
      const o: Row = {};
      for (const [k, v] of Object.entries(r)) o[k] = plain(v);
      return o as T;
    });
  }

  async one<T = Row>(sql: string): Promise<T> {
    const rows = await this.all<T>(sql);
    if (rows.length !== 1) {
      throw new Error(`expected one row, got ${rows.length}: ${sql.slice(0, 200)}`);
    }
    return rows[0];
  }

  private async profile(sql: string): Promise<void> {
    const n = ++profiled;
    Deno.writeTextFileSync(`${PROFILE_DIR}/${n}.sql`, sql);
    await this.conn.run(
      `SET enable_profiling = 'query_tree'; SET profiling_output = ${
        lit(`${PROFILE_DIR}/${n}.txt`)
      }`,
    );
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

function plain(v: unknown): unknown {
  if (typeof v === "bigint") return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

// The SQL toolkit: every compiler builds literals, identifiers and lists through these, so
// escaping lives in one place and no generated SQL is patched afterwards with string replaces.

/** SQL literal: a string (quotes doubled), a finite number, or NULL. */
export function lit(s: string | number | null): string {
  if (s === null) return "NULL";
  if (typeof s === "number") {
    if (!Number.isFinite(s)) throw new Error(`not a finite number: ${s}`);
    return String(s);
  }
  return `'${s.replaceAll("'", "''")}'`;
}

/** SQL identifier. */
export function ident(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}

/** A DATE literal from an ISO date (YYYY-MM-DD), checked. */
export function dateLit(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`not an ISO date: ${iso}`);
  return `DATE ${lit(iso)}`;
}

/**
 * Whether `expr` is one of the values (NULL when it is NULL, as `IN`); an empty list is FALSE.
 * Written `list_contains(['a', 'b'], expr)`, not `expr IN ('a', 'b')`: DuckDB plans an IN list
 * of constants as a join that computes `expr` for every row of the table, even inside a CASE
 * branch that almost no row reaches. Measured on the national data: `norm_code(jenis_jabatan)`
 * in a CASE reached by no row cost pegawai 0.6 s of its 3.2 s, and the spreadsheet-error lists
 * behind `starts_with(x, '#')` cost the 11.5 M trainings 0.7 s of 7.1 s. `list_contains` is an
 * ordinary function, evaluated only on the rows that reach it, and no slower on every row.
 * Unlike IN it does not cast: the values must have the type of `expr`.
 */
export function inList(expr: string, values: readonly (string | number)[]): string {
  return values.length ? `list_contains([${values.map(lit).join(", ")}], ${expr})` : "FALSE";
}

/**
 * `CASE expr WHEN k THEN v … ELSE otherwise END` from pairs; values are SQL expressions (use
 * `lit` for constants). With no pairs it is just `otherwise`.
 */
export function caseMap(
  expr: string,
  pairs: readonly (readonly [string | number, string])[],
  otherwise = "NULL",
): string {
  if (!pairs.length) return otherwise;
  return `CASE ${expr} ${
    pairs.map(([k, v]) => `WHEN ${lit(k)} THEN ${v}`).join(" ")
  } ELSE ${otherwise} END`;
}

/**
 * An inline table: `(VALUES (…), (…)) v(col, …)`. Cells are literals; with no rows it is an empty
 * typed-as-text table of those columns.
 */
export function valuesTable(
  columns: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
  alias = "v",
): string {
  const cols = columns.map(ident).join(", ");
  if (!rows.length) {
    return `(SELECT ${
      columns.map((c) => `NULL::VARCHAR AS ${ident(c)}`).join(", ")
    } WHERE FALSE) ${alias}`;
  }
  return `(VALUES ${rows.map((r) => `(${r.map(lit).join(", ")})`).join(", ")}) ${alias}(${cols})`;
}
