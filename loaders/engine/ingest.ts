/**
 * Ingest: find the four tables of a period folder and load each, as text, into a DuckDB table
 * `raw_<table>` with the file's line number (`_line`) and the contract's canonical column names.
 * Records the CSV parser cannot split are quarantined here; value checks happen in validate.ts.
 */
import ExcelJS from "exceljs";
import { basename, extname, join } from "node:path";
import { columns, mapHeader, TABLE_NAMES, type TableName } from "./contract.ts";
import { type Db, ident, lit } from "../duck.ts";
import { InputError } from "../errors.ts";

export type Format = "csv" | "xlsx" | "parquet";
export interface SourceFile {
  table: TableName;
  path: string;
  format: Format;
}

const FORMATS: Record<string, Format> = {
  ".csv": "csv",
  ".txt": "csv",
  ".tsv": "csv",
  ".xlsx": "xlsx",
  ".parquet": "parquet",
};
const IGNORED = new Set(["meta.json"]);

/** The four table files of a period folder; anything else there stops the run. */
export async function findTables(dir: string): Promise<Record<TableName, SourceFile>> {
  const found = new Map<TableName, SourceFile>();
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) if (e.isFile) names.push(e.name);
  for (const name of names.sort()) {
    if (name.startsWith(".") || IGNORED.has(name.toLowerCase())) continue;
    const path = join(dir, name);
    const ext = extname(name).toLowerCase();
    const format = FORMATS[ext];
    if (!format) {
      throw new InputError(
        path,
        `unsupported file type "${ext || "(none)"}"`,
        "save the table as .csv, .xlsx or .parquet, or move the file out of the period folder",
      );
    }
    const table = basename(name, extname(name)).trim().toLowerCase() as TableName;
    if (!TABLE_NAMES.includes(table)) {
      throw new InputError(
        path,
        `"${basename(name, extname(name))}" is not a table name of the export contract`,
        `rename the file to one of ${
          TABLE_NAMES.map((t) => t + ext).join(", ")
        }, or move it out of the period folder`,
      );
    }
    const prev = found.get(table);
    if (prev) {
      throw new InputError(
        path,
        `a second file for table "${table}" (the first is ${basename(prev.path)})`,
        "keep exactly one file per table",
      );
    }
    found.set(table, { table, path, format });
  }
  const missing = TABLE_NAMES.filter((t) => !found.has(t));
  if (missing.length) {
    throw new InputError(
      dir,
      `missing table${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`,
      `add ${
        missing.map((t) => t + ".csv").join(", ")
      } (a file with only the header row is fine when a table has no rows)`,
    );
  }
  return Object.fromEntries(found) as Record<TableName, SourceFile>;
}

export interface LoadResult {
  /** Records read (data rows, header excluded). */
  read: number;
  notes: string[];
}

/** Create `raw_<table>` and `quarantine` entries for parser-level rejects. */
export async function loadTable(db: Db, src: SourceFile, tmpDir: string): Promise<LoadResult> {
  const target = `raw_${src.table}`;
  const cols = columns(src.table);
  await db.run(
    `CREATE OR REPLACE TABLE ${target} (_line BIGINT, ${
      cols.map((c) => `${ident(c.name)} VARCHAR`).join(", ")
    })`,
  );
  if (src.format === "parquet") return await loadParquet(db, src, target);
  const notes: string[] = [];
  let csvPath = src.path;
  let lineColumn = false;
  if (src.format === "xlsx") {
    csvPath = join(tmpDir, `${src.table}.from-xlsx.csv`);
    notes.push(...await xlsxToCsv(src, csvPath));
    lineColumn = true;
  } else {
    const enc = await ensureUtf8(src.path, join(tmpDir, `${src.table}.utf8.csv`));
    csvPath = enc.path;
    if (enc.note) notes.push(enc.note);
  }
  return await loadCsv(db, src, csvPath, target, lineColumn, notes);
}

// ---------------------------------------------------------------- encodings

async function ensureUtf8(
  path: string,
  converted: string,
): Promise<{ path: string; note?: string }> {
  const file = await Deno.open(path);
  try {
    const head = new Uint8Array(65536);
    const n = (await file.read(head)) ?? 0;
    const start = head.subarray(0, n);
    if (n === 0) {
      throw new InputError(
        path,
        "the file is empty (not even a header row)",
        "export the table again with its header row",
      );
    }
    if ((start[0] === 0xff && start[1] === 0xfe) || (start[0] === 0xfe && start[1] === 0xff)) {
      const enc = start[0] === 0xff ? "utf-16le" : "utf-16be";
      await transcode(path, converted, enc);
      return { path: converted, note: `converted from ${enc.toUpperCase()} to UTF-8` };
    }
    if (start.includes(0)) {
      throw new InputError(
        path,
        "the file contains NUL bytes: it is not a text CSV file (binary, or UTF-16 without a byte-order mark)",
        "save it again as CSV UTF-8",
      );
    }
  } finally {
    file.close();
  }
  if (await isValidUtf8(path)) return { path };
  await transcode(path, converted, "windows-1252");
  return { path: converted, note: "not valid UTF-8: read as Windows-1252 and converted to UTF-8" };
}

async function isValidUtf8(path: string): Promise<boolean> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const file = await Deno.open(path);
  try {
    for await (const chunk of file.readable) decoder.decode(chunk, { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

async function transcode(from: string, to: string, encoding: string): Promise<void> {
  const src = await Deno.open(from);
  await src.readable
    .pipeThrough(new TextDecoderStream(encoding))
    .pipeThrough(new TextEncoderStream())
    .pipeTo((await Deno.create(to)).writable);
}

// ---------------------------------------------------------------- CSV

/** Read the first record (the header) of a UTF-8 CSV file and detect its delimiter. */
async function readHeader(path: string): Promise<{ cells: string[]; delim: string }> {
  const file = await Deno.open(path);
  const decoder = new TextDecoder();
  let text = "";
  let end = -1;
  try {
    const buf = new Uint8Array(65536);
    while (end < 0) {
      const n = await file.read(buf);
      if (n === null) break;
      text += decoder.decode(buf.subarray(0, n), { stream: true });
      end = recordEnd(text);
      if (end < 0 && text.length > 16 * 1024 * 1024) {
        throw new InputError(
          path,
          "the header row is longer than 16 MB",
          "check that the file is a CSV table with one header row",
        );
      }
    }
  } finally {
    file.close();
  }
  const line = (end < 0 ? text : text.slice(0, end)).replace(/^\uFEFF/, "").replace(/\r$/, "");
  if (!line.trim()) {
    throw new InputError(
      path,
      "the first line is empty: no header row",
      "put the column names in the first line",
    );
  }
  const counts = [",", ";", "\t"].map((d) => [d, splitRecord(line, d).length] as const);
  const delim = counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  return { cells: splitRecord(line, delim).map((c) => c.trim()), delim };
}

function recordEnd(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === "\n" && !quoted) return i;
  }
  return -1;
}

function splitRecord(line: string, delim: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delim) (out.push(cur), (cur = ""));
    else cur += ch;
  }
  out.push(cur);
  return out;
}

const REJECT_REASONS: Record<string, string> = {
  "MISSING COLUMNS": "row has fewer fields than the header",
  "TOO MANY COLUMNS": "row has more fields than the header",
  "UNQUOTED VALUE": "badly quoted field",
  "LINE SIZE OVER MAXIMUM": "row longer than 8 MB",
  "INVALID UNICODE": "invalid characters (not UTF-8)",
};

let seq = 0;

async function loadCsv(
  db: Db,
  src: SourceFile,
  path: string,
  target: string,
  lineColumn: boolean,
  notes: string[],
): Promise<LoadResult> {
  const { cells, delim } = await readHeader(path);
  const header = lineColumn ? cells.slice(1) : cells;
  const mapped = mapHeader(src.table, header);
  if (!mapped.ok) throw new InputError(src.path, mapped.problem, mapped.fix);
  if (mapped.ignored.length) {
    notes.push(
      `ignored column${mapped.ignored.length > 1 ? "s" : ""} not in the contract: ${
        mapped.ignored.slice(0, 10).join(", ")
      }${mapped.ignored.length > 10 ? ` and ${mapped.ignored.length - 10} more` : ""}`,
    );
  }
  if (delim !== ",") notes.push(`delimiter ${delim === "\t" ? "tab" : `"${delim}"`}`);
  const width = cells.length;
  const id = `${src.table}_${++seq}`;
  const colSpec = `{${Array.from({ length: width }, (_, i) => `'c${i}': 'VARCHAR'`).join(", ")}}`;
  await db.run(
    `CREATE OR REPLACE TEMP TABLE csv_${id} AS SELECT * FROM read_csv(${lit(path)},
    header = false, skip = 1, delim = ${
      lit(delim)
    }, quote = '"', escape = '"', columns = ${colSpec},
    auto_detect = false, ignore_errors = true, store_rejects = true, rejects_table = 'rej_${id}',
    rejects_scan = 'rejscan_${id}', max_line_size = 8388608, null_padding = false, parallel = true)`,
  );
  // Line numbers: DuckDB counts records (the header is line 1). Accepted rows do not carry theirs,
  // so each gets it back from its place among the accepted rows plus the rejected records before it.
  const rejects = await db.all<
    { line: number; column_idx: number | null; error_type: string; error_message: string }
  >(
    `SELECT line, min(column_idx) AS column_idx, min(error_type) AS error_type, min(error_message) AS error_message
     FROM rej_${id} GROUP BY line ORDER BY line`,
  );
  const off = lineColumn ? 1 : 0;
  const sel = [...mapped.mapping].map(([i, name]) =>
    `nullif(trim(c${i + off}), '') AS ${ident(name)}`
  );
  const lineExpr = lineColumn
    ? "CAST(c0 AS BIGINT)"
    : rejects.length
    ? "_rn + 1 + coalesce(r.shift, 0)"
    : "_rn + 1";
  // With insertion order preserved, a table's rowid is the record's place in the file.
  const rows = `(SELECT rowid + 1 AS _rn, * FROM csv_${id})`;
  const from = lineColumn || !rejects.length ? rows : `${rows} ASOF LEFT JOIN (
      SELECT line - i - 1 AS before, max(i) AS shift FROM (SELECT line, row_number() OVER (ORDER BY line) AS i FROM (SELECT DISTINCT line FROM rej_${id})) GROUP BY before
    ) r ON _rn > r.before`;
  await db.run(`INSERT INTO ${target} (_line, ${[...mapped.mapping.values()].map(ident).join(", ")})
    SELECT ${lineExpr}, ${sel.join(", ")} FROM ${from}`);
  if (rejects.length) {
    await db.run(
      `INSERT INTO quarantine SELECT ${lit(src.table)}, ${
        lit(src.path)
      }, line, NULL, reason FROM (VALUES ${
        rejects.map((r) =>
          `(${r.line}, ${lit(REJECT_REASONS[r.error_type] ?? r.error_type.toLowerCase())})`
        ).join(", ")
      }) v(line, reason)`,
    );
  }
  const accepted = (await db.one<{ n: number }>(`SELECT count(*) AS n FROM csv_${id}`)).n;
  await db.run(
    `DROP TABLE csv_${id}; DROP TABLE IF EXISTS rej_${id}; DROP TABLE IF EXISTS rejscan_${id}`,
  );
  return { read: accepted + rejects.length, notes };
}

// ---------------------------------------------------------------- XLSX

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function cellText(v: ExcelJS.CellValue, isDate: boolean, isNip: boolean): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "number") {
    if (isDate) return new Date(EXCEL_EPOCH + Math.round(v) * 86400000).toISOString().slice(0, 10);
    if (isNip) return `#EXCEL_NUMBER:${v}`;
    return String(v);
  }
  if (typeof v === "boolean") return String(v);
  if (typeof v === "string") return v;
  if ("richText" in v) return v.richText.map((t) => t.text).join("");
  if ("result" in v) return cellText(v.result as ExcelJS.CellValue, isDate, isNip);
  if ("text" in v) return String(v.text);
  if ("error" in v) return "";
  return String(v);
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * First worksheet (in tab order) to a UTF-8 CSV whose first column is the Excel row number.
 * The whole workbook is read into memory: ExcelJS's streaming reader fails on workbooks whose
 * workbook.xml comes after the sheets. Exports too large for that belong in CSV or Parquet.
 */
async function xlsxToCsv(src: SourceFile, out: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(src.path);
  } catch (err) {
    throw new InputError(
      src.path,
      `cannot read the workbook (${(err as Error).message})`,
      "open it in a spreadsheet program and save it again as .xlsx, or export the table as CSV UTF-8",
    );
  }
  const sheet = wb.worksheets.find((w) => w.state !== "hidden" && w.state !== "veryHidden") ??
    wb.worksheets[0];
  const notes = wb.worksheets.length > 1
    ? [`read the first of ${wb.worksheets.length} sheets ("${sheet.name}")`]
    : [];
  let header: string[] | null = null;
  let kinds: { date: boolean; nip: boolean }[] = [];
  const lines: string[] = [];
  sheet?.eachRow({ includeEmpty: false }, (row) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    if (!header) {
      header = values.map((v) => cellText(v, false, false).trim());
      const mapped = mapHeader(src.table, header);
      if (!mapped.ok) {
        throw new InputError(
          src.path,
          `${mapped.problem} (header taken from row ${row.number} of sheet "${sheet.name}")`,
          mapped.fix,
        );
      }
      kinds = header.map((_, i) => {
        const col = columns(src.table).find((c) => c.name === mapped.mapping.get(i));
        return { date: col?.kind === "date", nip: col?.kind === "nip" };
      });
      lines.push(["_line", ...header].map(csvCell).join(","));
      return;
    }
    const cells = header.map((_, i) => cellText(values[i], kinds[i].date, kinds[i].nip));
    if (cells.every((c) => c === "")) return;
    lines.push([String(row.number), ...cells].map(csvCell).join(","));
  });
  if (!header) {
    throw new InputError(
      src.path,
      "the first sheet is empty (no header row)",
      "put the table with its header row on the first sheet",
    );
  }
  await Deno.writeTextFile(out, lines.join("\n") + "\n");
  return notes;
}

// ---------------------------------------------------------------- Parquet

async function loadParquet(db: Db, src: SourceFile, target: string): Promise<LoadResult> {
  let names: string[];
  try {
    names = (await db.all<{ column_name: string }>(
      `DESCRIBE SELECT * FROM read_parquet(${lit(src.path)})`,
    )).map((r) => r.column_name);
  } catch (err) {
    throw new InputError(
      src.path,
      `cannot read the Parquet file (${(err as Error).message.split("\n")[0]})`,
      "write the file again, or export the table as CSV",
    );
  }
  const mapped = mapHeader(src.table, names);
  if (!mapped.ok) throw new InputError(src.path, mapped.problem, mapped.fix);
  const sel = [...mapped.mapping].map(([i, name]) =>
    `nullif(trim(CAST(${ident(names[i])} AS VARCHAR)), '') AS ${ident(name)}`
  );
  await db.run(`INSERT INTO ${target} (_line, ${[...mapped.mapping.values()].map(ident).join(", ")})
    SELECT file_row_number + 1, ${sel.join(", ")} FROM read_parquet(${
    lit(src.path)
  }, file_row_number = true)`);
  const read = (await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${target}`)).n;
  return {
    read,
    notes: mapped.ignored.length
      ? [`ignored columns not in the contract: ${mapped.ignored.join(", ")}`]
      : [],
  };
}
