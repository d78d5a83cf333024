/**
 * Ingest: load each table of a period folder, as text, into a DuckDB table `raw_<table>` with the
 * file it came from (`_file`, the index in the table's file list), the record's line number in
 * that file (`_line`) and the contract's canonical column names. Records that cannot be split
 * into fields are quarantined here; value checks happen in validate.ts.
 *
 * `read` is each file's physical record count, counted from its bytes independently of DuckDB's
 * parser (formats/text.ts), so `read = used + quarantined` holds against the file itself. Blank
 * records (only delimiters; empty spreadsheet rows; `{}`) are neither read nor quarantined: they
 * are counted in `blank` and named in the notes.
 */
import { basename, join } from "node:path";
import { columns, type InputTable, mapHeader } from "./contract.ts";
import { type Db, ident, lit, valuesTable } from "../duck.ts";
import { InputError } from "../errors.ts";
import { findTables as findTablesSync, type InputFile, type SourceFile } from "./files.ts";
import {
  cleanHeaderCell,
  CsvWriter,
  normaliseText,
  plainHeader,
  type Reject,
  scanPlain,
  scanText,
  sniffNotCsv,
  type TextScan,
} from "./formats/text.ts";
import { readJson } from "./formats/json.ts";

export type { Format, InputFile, SourceFile } from "./files.ts";
export { periodInputFiles, tableOf } from "./files.ts";

/** The tables of a period folder (see files.ts); all four must be there. */
export function findTables(dir: string): Promise<Record<InputTable, SourceFile>> {
  try {
    return Promise.resolve(findTablesSync(dir));
  } catch (e) {
    return Promise.reject(e);
  }
}

/** A rejected record with the contract column it failed on, if any. */
export interface IngestReject extends Reject {
  column?: string | null;
}

export interface FileLoad {
  file: string;
  /** The file's header as read (cleaned): what the contract's columns were matched against. */
  header: string[];
  /** Records of the file (data rows, header and blank records excluded). */
  read: number;
  /** Records quarantined here, before validation. */
  rejected: number;
  blank: number;
  notes: string[];
}

export interface LoadResult {
  /** Records read over all files of the table (data rows, header and blank records excluded). */
  read: number;
  /** Blank records skipped, over all files. */
  blank: number;
  notes: string[];
  /** One entry per file, in the order of `_file`. */
  files: FileLoad[];
}

/** An empty `raw_<table>` (the table has no file in this period: a folder with only `resmi`). */
export async function emptyRawTable(db: Db, table: InputTable): Promise<void> {
  await db.run(
    `CREATE OR REPLACE TABLE raw_${table} (_file SMALLINT, _line BIGINT, ${
      columns(table).map((c) => `${ident(c.name)} VARCHAR`).join(", ")
    })`,
  );
}

/**
 * Drop `raw_<table>`: a table, or the view over a clean CSV's rows as DuckDB read them
 * (`raw_<table>_rows`, see readDirect).
 */
export async function dropRawTable(db: Db, table: InputTable): Promise<void> {
  const { view } = await db.one<{ view: boolean }>(
    `SELECT count(*) > 0 AS view FROM duckdb_views() WHERE view_name = ${lit(`raw_${table}`)}`,
  );
  await db.run(
    view ? `DROP VIEW raw_${table}; DROP TABLE raw_${table}_rows` : `DROP TABLE raw_${table}`,
  );
}

/** Create `raw_<table>` from every file of the table, and `quarantine` entries for records that cannot be read. */
export async function loadTable(db: Db, src: SourceFile, tmpDir: string): Promise<LoadResult> {
  const cols = columns(src.table);
  await db.run(
    `CREATE OR REPLACE TABLE raw_${src.table} (_file SMALLINT, _line BIGINT, ${
      cols.map((c) => `${ident(c.name)} VARCHAR`).join(", ")
    })`,
  );
  const files = src.files ?? [{ path: src.path, format: src.format }];
  const loads: FileLoad[] = [];
  for (const [i, f] of files.entries()) {
    loads.push(await loadFile(db, src.table, f, i, tmpDir, files.length === 1));
  }
  const notes = [...(src.notes ?? [])];
  for (const l of loads) {
    notes.push(...(files.length > 1 ? l.notes.map((n) => `${basename(l.file)}: ${n}`) : l.notes));
  }
  return {
    read: loads.reduce((s, l) => s + l.read, 0),
    blank: loads.reduce((s, l) => s + l.blank, 0),
    notes,
    files: loads,
  };
}

let seq = 0;

async function loadFile(
  db: Db,
  table: InputTable,
  f: InputFile,
  index: number,
  tmpDir: string,
  /** The table's only file: a clean CSV then becomes `raw_<table>` itself (see readDirect). */
  sole: boolean,
): Promise<FileLoad> {
  const tmp = join(tmpDir, `${table}.${index}.${++seq}`);
  if (f.format === "parquet") return await loadParquet(db, table, f.path, index);
  if (f.format === "xlsx" || f.format === "json") {
    const file = await Deno.open(`${tmp}.csv`, { write: true, create: true, truncate: true });
    const w = new CsvWriter(file);
    let r;
    try {
      // ExcelJS is loaded only for a workbook (its load alone is a tenth of a second).
      r = f.format === "xlsx"
        ? await (await import("./formats/xlsx.ts")).readXlsx(
          f.path,
          table,
          (line, cells) => w.row(line, cells),
        )
        : await readJson(f.path, table, (line, cells) => w.row(line, cells));
    } finally {
      w.close();
    }
    const notes = [...r.notes, ...ignoredNote(r.ignored)];
    if (r.blank) {
      notes.push(`${r.blank} blank record${r.blank > 1 ? "s" : ""} skipped (empty rows)`);
    }
    await insertRejects(db, table, f.path, r.rejects);
    const kept = await loadCanonical(db, table, index, `${tmp}.csv`, r.width, r.mapping);
    if (kept + r.rejects.length !== r.records) {
      throw new Error(`internal: ${f.path}: ${kept} + ${r.rejects.length} ≠ ${r.records}`);
    }
    return {
      file: f.path,
      header: r.header,
      read: r.records,
      rejected: r.rejects.length,
      blank: r.blank,
      notes,
    };
  }
  return await loadText(db, table, f.path, index, tmp, sole);
}

function ignoredNote(ignored: string[]): string[] {
  if (!ignored.length) return [];
  return [
    `ignored column${ignored.length > 1 ? "s" : ""} not in the contract: ${
      ignored.slice(0, 10).join(", ")
    }${ignored.length > 10 ? ` and ${ignored.length - 10} more` : ""}`,
  ];
}

async function insertRejects(
  db: Db,
  table: InputTable,
  file: string,
  rejects: IngestReject[],
): Promise<void> {
  for (let i = 0; i < rejects.length; i += 1000) {
    const part = rejects.slice(i, i + 1000);
    await db.run(
      `INSERT INTO quarantine SELECT ${lit(table)}, ${
        lit(file)
      }, CAST(line AS BIGINT), "column", code, NULL, reason FROM ${
        valuesTable(
          ["line", "column", "code", "reason"],
          part.map((r) => [r.line, r.column ?? null, r.code ?? "unreadable_record", r.reason]),
        )
      }`,
    );
  }
}

/** A canonical CSV (line number, then exactly `width` fields) into `raw_<table>`. */
async function loadCanonical(
  db: Db,
  table: InputTable,
  index: number,
  path: string,
  width: number,
  mapping: Map<number, string>,
): Promise<number> {
  if (!mapping.size) return 0;
  const spec = `{'l': 'BIGINT', ${
    Array.from({ length: width }, (_, i) => `'c${i}': 'VARCHAR'`).join(", ")
  }}`;
  const before = await count(db, table);
  await db.run(
    `INSERT INTO raw_${table} (_file, _line, ${[...mapping.values()].map(ident).join(", ")})
     SELECT ${index}, l, ${
      [...mapping.keys()].map((i) => `nullif(trim(c${i}), '')`).join(", ")
    } FROM read_csv(${lit(path)}, header = false, delim = ',', quote = '"', escape = '"',
      columns = ${spec}, auto_detect = false, max_line_size = 67108864, null_padding = false,
      strict_mode = true)`,
  );
  return (await count(db, table)) - before;
}

async function count(db: Db, table: InputTable): Promise<number> {
  return (await db.one<{ n: number }>(`SELECT count(*) AS n FROM raw_${table}`)).n;
}

// ---------------------------------------------------------------- text (CSV, TSV)

/** UTF-16 with a byte-order mark becomes UTF-8 first (the scan works on bytes of UTF-8 or 8-bit text). */
async function utf16ToUtf8(path: string, converted: string): Promise<string | null> {
  const f = await Deno.open(path);
  const head = new Uint8Array(2);
  let n = 0;
  try {
    n = (await f.read(head)) ?? 0;
  } finally {
    f.close();
  }
  if (n < 2) return null;
  const enc = head[0] === 0xff && head[1] === 0xfe
    ? "utf-16le"
    : head[0] === 0xfe && head[1] === 0xff
    ? "utf-16be"
    : null;
  if (!enc) return null;
  const src = await Deno.open(path);
  await src.readable
    .pipeThrough(new TextDecoderStream(enc))
    .pipeThrough(new TextEncoderStream())
    .pipeTo((await Deno.create(converted)).writable);
  return enc;
}

const REJECT_REASONS: Record<string, string> = {
  "MISSING COLUMNS": "row has fewer fields than the header",
  "TOO MANY COLUMNS": "row has more fields than the header",
  "UNQUOTED VALUE": "badly quoted field",
  "LINE SIZE OVER MAXIMUM": "row longer than 8 MB",
  "INVALID UNICODE": "invalid characters (not UTF-8)",
};

async function loadText(
  db: Db,
  table: InputTable,
  original: string,
  index: number,
  tmp: string,
  sole: boolean,
): Promise<FileLoad> {
  await sniffNotCsv(original);
  const notes: string[] = [];
  let path = original;
  const enc = await utf16ToUtf8(original, `${tmp}.utf8.csv`);
  if (enc) {
    path = `${tmp}.utf8.csv`;
    notes.push(`converted from ${enc.toUpperCase()} to UTF-8`);
  }
  // A file that looks plain from its first MiB is read by DuckDB while `scanPlain` counts its
  // records on this thread (the national CSV: validation ends ~1.8 s sooner). Should the count find
  // it is not plain after all, the read is stopped and the file takes the full scan below, as if
  // it had not been tried.
  let scan: TextScan | null;
  let direct: { rejected: number } | null = null;
  let triedDirect = false;
  const read = (delim: string, width: number, m: Map<number, string>, n: Promise<number | null>) =>
    readDirect(db, table, original, path, index, delim, width, m, n, sole);
  const head = await plainHeader(path);
  const early = head && mapHeader(table, head.header);
  if (!head || !early?.ok) scan = await scanPlain(path);
  else {
    const counting = scanPlain(path);
    direct = await read(
      head.delim,
      head.header.length,
      early.mapping,
      counting.then((s) => s?.records ?? null),
    );
    scan = await counting;
    triedDirect = scan !== null;
  }
  scan ??= await scanText(path, { displayPath: original });
  const mapped = mapHeader(table, scan.header);
  if (!mapped.ok) throw new InputError(original, mapped.problem, mapped.fix);
  if (scan.clean) {
    if (!triedDirect) {
      direct = await read(
        scan.delim,
        scan.header.length,
        mapped.mapping,
        Promise.resolve(scan.records),
      );
    }
    if (direct) {
      return {
        file: original,
        header: scan.header,
        read: scan.records,
        rejected: direct.rejected,
        blank: 0,
        notes: [...notes, ...ignoredNote(mapped.ignored), ...scan.notes],
      };
    }
    notes.push(
      "read through a normalised copy (DuckDB split the file into a different number of records)",
    );
  }
  const copy = await normaliseText(path, `${tmp}.norm.csv`, original);
  await insertRejects(db, table, original, copy.rejects);
  const kept = await loadCanonical(
    db,
    table,
    index,
    `${tmp}.norm.csv`,
    copy.header.length,
    mapped.mapping,
  );
  if (kept + copy.rejects.length !== copy.records) {
    throw new Error(`internal: ${original}: ${kept} + ${copy.rejects.length} ≠ ${copy.records}`);
  }
  return {
    file: original,
    header: scan.header,
    read: copy.records,
    rejected: copy.rejects.length,
    blank: copy.blank,
    notes: [...notes, ...ignoredNote(mapped.ignored), ...copy.notes],
  };
}

/**
 * DuckDB reads a clean file from disk. Returns null (nothing inserted) when its record count
 * differs from the byte-level count (`records`, null when the file turned out not to be plain:
 * the read is then stopped), or it fails: the caller then scans or normalises the file.
 */
async function readDirect(
  db: Db,
  table: InputTable,
  original: string,
  path: string,
  index: number,
  delim: string,
  width: number,
  mapping: Map<number, string>,
  records: Promise<number | null>,
  sole: boolean,
): Promise<{ rejected: number } | null> {
  const id = `${table}_${++seq}`;
  const colSpec = `{${Array.from({ length: width }, (_, i) => `'c${i}': 'VARCHAR'`).join(", ")}}`;
  const read = `read_csv(${lit(path)},
      header = false, skip = 1, delim = ${
    lit(delim)
  }, quote = '"', escape = '"', columns = ${colSpec},
      auto_detect = false, ignore_errors = true, store_rejects = true, rejects_table = 'rej_${id}',
      rejects_scan = 'rejscan_${id}', max_line_size = 8388608, null_padding = false, parallel = true)`;
  let kept = false;
  const drop = () =>
    db.run(
      `${
        kept ? "" : `DROP TABLE IF EXISTS csv_${id}; `
      }DROP TABLE IF EXISTS rej_${id}; DROP TABLE IF EXISTS rejscan_${id}`,
    );
  const sel = [...mapping].map(([i, name]) => `nullif(trim(c${i}), '') AS ${ident(name)}`);
  const cols = [...mapping.values()].map(ident).join(", ");
  // DuckDB reads the file into a table of its accepted records, trimmed, in file order (insertion
  // order is preserved, so a row's rowid is its place among them); each record's line number
  // comes from its place. Numbering while reading (WITH ORDINALITY) doubled the read: 6.0 s
  // against 4.0 s for the 4.4 M national pegawai records. The table's only file, with nothing
  // rejected, is `raw_<table>` as it was read: a view that numbers the lines. Copied into
  // `raw_<table>` instead, the national trainings took 5.8 s to read and copy against 4.1 s.
  try {
    await db.runUnless(
      `CREATE OR REPLACE TEMP TABLE csv_${id} AS SELECT ${
        mapping.size ? sel.join(", ") : "*"
      } FROM ${read}`,
      records.then((n) => n === null),
    );
  } catch {
    await records; // the count holds the file open: it ends before the caller goes on
    await drop();
    return null;
  }
  try {
    const counted = await records;
    if (counted === null) return null;
    const rejects = await db.all<{ line: number; error_type: string }>(
      `SELECT line, min(error_type) AS error_type FROM rej_${id} GROUP BY line ORDER BY line`,
    );
    const accepted = (await db.one<{ n: number }>(`SELECT count(*) AS n FROM csv_${id}`)).n;
    if (accepted + rejects.length !== counted) return null;
    if (mapping.size && !rejects.length && sole) {
      // Nothing rejected: the n-th accepted record is on line n + 1 (the header is line 1).
      const named = new Set(mapping.values());
      await db.run(
        `DROP TABLE raw_${table};
        ALTER TABLE csv_${id} RENAME TO raw_${table}_rows;
        CREATE TEMP VIEW raw_${table} AS SELECT CAST(${index} AS SMALLINT) AS _file, rowid + 2 AS _line, ${
          columns(table).map((c) =>
            named.has(c.name) ? ident(c.name) : `CAST(NULL AS VARCHAR) AS ${ident(c.name)}`
          ).join(", ")
        } FROM raw_${table}_rows`,
      );
      kept = true;
    } else if (mapping.size && !rejects.length) {
      await db.run(
        `INSERT INTO raw_${table} (_file, _line, ${cols})
        SELECT ${index}, rowid + 2, ${cols} FROM csv_${id}`,
      );
    } else if (mapping.size) {
      // Line numbers: DuckDB counts records (the header is line 1). Accepted rows do not carry
      // theirs, so each gets it back from its place among the accepted rows plus the rejected
      // records before it.
      const rows = `(SELECT rowid + 1 AS _rn, * FROM csv_${id})`;
      await db.run(
        `INSERT INTO raw_${table} (_file, _line, ${cols})
        SELECT ${index}, _rn + 1 + coalesce(r.shift, 0), ${cols} FROM ${rows} ASOF LEFT JOIN (
          SELECT line - i - 1 AS before, max(i) AS shift FROM (SELECT line, row_number() OVER (ORDER BY line) AS i FROM (SELECT DISTINCT line FROM rej_${id})) GROUP BY before
        ) r ON _rn > r.before`,
      );
    }
    await insertRejects(
      db,
      table,
      original,
      rejects.map((r) => ({
        line: r.line,
        reason: REJECT_REASONS[r.error_type] ?? r.error_type.toLowerCase(),
      })),
    );
    return { rejected: rejects.length };
  } finally {
    await drop();
  }
}

// ---------------------------------------------------------------- Parquet

async function loadParquet(
  db: Db,
  table: InputTable,
  path: string,
  index: number,
): Promise<FileLoad> {
  let cols: { column_name: string; column_type: string }[];
  try {
    cols = await db.all(`DESCRIBE SELECT * FROM read_parquet(${lit(path)})`);
  } catch (err) {
    throw new InputError(
      path,
      `cannot read the Parquet file (${(err as Error).message.split("\n")[0]})`,
      "write the file again, or export the table as CSV",
    );
  }
  const mapped = mapHeader(table, cols.map((c) => cleanHeaderCell(c.column_name)));
  if (!mapped.ok) throw new InputError(path, mapped.problem, mapped.fix);
  // A timestamp with time zone is an instant; the contract wants the date it was in the office.
  // Every instansi of the reference lies in WIB, so Asia/Jakarta is the local zone (an instansi in
  // WITA or WIT would see an instant after 16:00 or 15:00 UTC a day later here, not earlier).
  const text = (c: { column_name: string; column_type: string }) =>
    c.column_type === "TIMESTAMP WITH TIME ZONE"
      ? `strftime(timezone('Asia/Jakarta', ${ident(c.column_name)}), '%Y-%m-%d')`
      : `CAST(${ident(c.column_name)} AS VARCHAR)`;
  const sel = [...mapped.mapping].map(([i, name]) =>
    `nullif(trim(${text(cols[i])}), '') AS ${ident(name)}`
  );
  // Blank records (every column empty) are taken in, then deleted: found by the values just
  // trimmed, not by trimming every cell a second time in a filter (0.9 s of the 3.3 s read of
  // the 11.5 M national trainings). A column the contract does not read must be empty too.
  const src = `read_parquet(${lit(path)}, file_row_number = true)`;
  const before = await count(db, table);
  await db.run(
    `INSERT INTO raw_${table} (_file, _line, ${[...mapped.mapping.values()].map(ident).join(", ")})
    SELECT ${index}, file_row_number + 1, ${sel.join(", ")} FROM ${src}`,
  );
  const unread = cols.filter((_, i) => !mapped.mapping.has(i));
  await db.run(
    `DELETE FROM raw_${table} WHERE _file = ${index} AND ${
      [...mapped.mapping.values()].map((c) => `${ident(c)} IS NULL`).join(" AND ")
    }${
      unread.length
        ? ` AND _line NOT IN (SELECT file_row_number + 1 FROM ${src} WHERE NOT (${
          unread.map((c) => `coalesce(trim(${text(c)}), '') = ''`).join(" AND ")
        }))`
        : ""
    }`,
  );
  const read = (await count(db, table)) - before;
  const { n } = await db.one<{ n: number }>(`SELECT count(*) AS n FROM read_parquet(${lit(path)})`);
  const blank = n - read;
  const notes = ignoredNote(mapped.ignored);
  if (cols.some((c, i) => mapped.mapping.has(i) && c.column_type === "TIMESTAMP WITH TIME ZONE")) {
    notes.push("timestamps with time zone read as the date in Asia/Jakarta (WIB)");
  }
  if (blank) {
    notes.push(`${blank} blank record${blank > 1 ? "s" : ""} skipped (every column empty)`);
  }
  return {
    file: path,
    header: cols.map((c) => cleanHeaderCell(c.column_name)),
    read,
    rejected: 0,
    blank,
    notes,
  };
}
