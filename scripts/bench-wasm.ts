/**
 * The engine's own scoring SQL (a profile compiled by loaders/score.ts, then the aggregation) run on
 * the same validated tables in native DuckDB and in @duckdb/duckdb-wasm under Deno.
 */
import {
  ConsoleLogger,
  createDuckDB,
  DuckDBDataProtocol,
  NODE_RUNTIME,
} from "@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs";
import { join } from "node:path";
import { aggregateSql } from "../loaders/engine/aggregate.ts";
import { TABLE_NAMES } from "../loaders/engine/contract.ts";
import { Db, lit } from "../loaders/duck.ts";
import { findTables, loadTable } from "../loaders/engine/ingest.ts";
import { loadProfiles } from "../loaders/engine/method.ts";
import { parsePeriod } from "../loaders/engine/period.ts";
import { factsSql, scoreSql } from "../loaders/engine/score.ts";
import { loadAliases } from "../loaders/engine/aliases.ts";
import { prepare } from "../loaders/engine/lookup.ts";
import { validateTable } from "../loaders/engine/validate.ts";

const ROOT = new URL("../", import.meta.url).pathname;

/** Validate a period folder once (native) and keep the typed tables as Parquet. */
export async function typedTables(
  periodDir: string,
  wilayahCsv: string,
  out: string,
): Promise<void> {
  Deno.mkdirSync(out, { recursive: true });
  const db = await Db.open();
  try {
    const codes = (await db.all<{ k: string }>(
      `SELECT kode_instansi AS k FROM read_csv(${lit(wilayahCsv)}, all_varchar = true)`,
    )).map((r) => r.k);
    await prepare(db, await loadAliases(join(ROOT, "data/aliases/kode.json")), codes);
    const tables = await findTables(periodDir);
    const period = parsePeriod(periodDir.split("/").at(-1)!);
    for (const t of TABLE_NAMES) {
      await loadTable(db, tables[t], out);
      await validateTable(db, t, tables[t].path, period);
      await db.run(`COPY ${t} TO ${lit(join(out, `${t}.csv`))} (HEADER)`);
    }
    await db.run(
      `COPY (SELECT kode_instansi, substr(kode_instansi, 1, 2) AS kode_provinsi FROM read_csv(${
        lit(wilayahCsv)
      }, all_varchar = true)) TO ${lit(join(out, "ref_wilayah.csv"))} (HEADER)`,
    );
  } finally {
    db.close();
  }
}

async function statements(periode: string, method: string): Promise<string[]> {
  const profile = (await loadProfiles(join(ROOT, "data/methods"))).find((p) => p.id === method)!;
  const period = parsePeriod(periode);
  return [
    ...factsSql([profile], period),
    `CREATE OR REPLACE TABLE skor_semua AS SELECT *, FALSE AS luar FROM (${
      scoreSql(profile, period)
    })`,
    ...aggregateSql([profile], profile.id),
  ];
}

const LOAD = [...TABLE_NAMES, "ref_wilayah"];
/**
 * Codes stay text and the NIP key a BIGINT; dates and numbers are detected. (CSV, not Parquet:
 * duckdb-wasm would download its Parquet extension.)
 */
const TEXT: Record<string, string[]> = {
  pegawai: ["nip", "kode_instansi", "kode_unit", "nama_jabatan", "pendidikan"],
  diklat: ["jenjang"],
  kinerja: [],
  hukdis: [],
  ref_wilayah: ["kode_instansi", "kode_provinsi"],
};
const readTable = (t: string, file: string) =>
  `CREATE TABLE ${t} AS SELECT * FROM read_csv('${file}', header = true, types = {${
    [
      ...TEXT[t].map((c) => `'${c}': 'VARCHAR'`),
      ...(t === "ref_wilayah" ? [] : ["'nip_kunci': 'BIGINT'"]),
    ].join(", ")
  }})`;

/** Seconds for the scoring SQL alone, and for reading the CSV files plus the SQL (the same job as the arquero path). */
export async function nativeSeconds(
  dir: string,
  periode: string,
  method: string,
): Promise<{ sql: number; csvAndSql: number }> {
  const sql = await statements(periode, method);
  const db = await Db.open();
  try {
    const tLoad = performance.now();
    for (const t of LOAD) await db.run(readTable(t, join(dir, `${t}.csv`)));
    const load = (performance.now() - tLoad) / 1000;
    const t0 = performance.now();
    for (const s of sql) await db.run(s);
    await db.all("SELECT count(*) FROM agg_instansi");
    const run = (performance.now() - t0) / 1000;
    return { sql: run, csvAndSql: load + run };
  } finally {
    db.close();
  }
}

export async function wasmSeconds(dir: string, periode: string, method: string): Promise<number> {
  const sql = await statements(periode, method);
  const dist = join(ROOT, "node_modules/@duckdb/duckdb-wasm/dist/");
  const db = await createDuckDB(
    {
      mvp: { mainModule: dist + "duckdb-mvp.wasm", mainWorker: "" },
      eh: { mainModule: dist + "duckdb-eh.wasm", mainWorker: "" },
    },
    new ConsoleLogger(1),
    NODE_RUNTIME,
  );
  await db.instantiate();
  const c = db.connect();
  try {
    for (const t of LOAD) {
      db.registerFileURL(`${t}.csv`, join(dir, `${t}.csv`), DuckDBDataProtocol.NODE_FS, false);
      c.query(readTable(t, `${t}.csv`));
    }
    const t0 = performance.now();
    for (const s of sql) c.query(s);
    c.query("SELECT count(*) FROM agg_instansi");
    return (performance.now() - t0) / 1000;
  } finally {
    c.close();
  }
}
