/** Thin helpers over the native DuckDB client. */
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";

export type Row = Record<string, unknown>;

/** IPASN_TRACE=1 prints every statement that takes longer than 0.5 s, for performance work. */
const TRACE = Deno.env.get("IPASN_TRACE") === "1";

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
    const t0 = TRACE ? performance.now() : 0;
    await this.conn.run(sql);
    if (TRACE && performance.now() - t0 > 500) {
      const first = sql.replace(/\s+/g, " ").trim().slice(0, 110);
      console.error(`[trace] ${((performance.now() - t0) / 1000).toFixed(1)} s  ${first}`);
    }
  }

  /** Rows as plain JS objects; BIGINT becomes number when it is safe, DATE an ISO string. */
  async all<T = Row>(sql: string): Promise<T[]> {
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

/** SQL string literal. */
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
