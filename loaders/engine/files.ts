/**
 * Which files of a period folder hold which table. A table may be one file (`pegawai.csv`),
 * several files named by a prefix (`diklat-kursus.csv`, `diklat_2.xlsx`), SIASN's own record-kind
 * names (`rw-kursus.json`, `rw-diklat.json`; see data/aliases/tabel.json) or a folder per table
 * (`diklat/`). Each file keeps its own name and line numbers through quarantine and accounting.
 */
import { basename, extname, join } from "node:path";
import { INPUT_TABLE_NAMES, type InputTable, TABLE_NAMES } from "./contract.ts";
import { InputError } from "../errors.ts";
import { ROOT } from "../paths.ts";

export type Format = "csv" | "xlsx" | "parquet" | "json";

export interface InputFile {
  path: string;
  format: Format;
}

export interface SourceFile {
  table: InputTable;
  /** The table's only file; with several files, the first (the accounting's `file` until it lists files). */
  path: string;
  format: Format;
  /** Every file of the table, in name order. */
  files: InputFile[];
  /** Things skipped on the way (an Excel lock file), reported in the table's notes. */
  notes: string[];
}

export const FORMATS: Record<string, Format> = {
  ".csv": "csv",
  ".txt": "csv",
  ".tsv": "csv",
  ".xlsx": "xlsx",
  ".parquet": "parquet",
  ".json": "json",
  ".ndjson": "json",
  ".jsonl": "json",
};
/** Files that are never data: the period's metadata and what operating systems leave behind. */
const IGNORED = new Set(["meta.json", "thumbs.db", "desktop.ini"]);

const TABEL_JSON = join(ROOT, "data/aliases/tabel.json");
let names: [string, InputTable][] | null = null;

/** Name → table, longest first so `rw-skp22` wins over `rw-skp`. */
function tableNames(): [string, InputTable][] {
  if (names) return names;
  const json = JSON.parse(Deno.readTextFileSync(TABEL_JSON)) as Record<string, unknown>;
  const list: [string, InputTable][] = INPUT_TABLE_NAMES.map((t) => [t, t]);
  for (const t of INPUT_TABLE_NAMES) {
    for (const n of Object.keys((json[t] ?? {}) as Record<string, string>)) {
      list.push([n.toLowerCase(), t]);
    }
  }
  return (names = list.sort((a, b) => b[0].length - a[0].length));
}

/** The table a file or folder name (without extension) belongs to, or null. */
export function tableOf(stem: string): InputTable | null {
  const s = stem.trim().toLowerCase();
  for (const [n, t] of tableNames()) {
    if (s === n || (s.startsWith(n) && /^[-_ .0-9]/.test(s.slice(n.length)))) return t;
  }
  return null;
}

interface Entry {
  name: string;
  path: string;
  dir: boolean;
}

/** Entries of a folder with symbolic links followed; a broken link stops the run. */
function entries(dir: string): Entry[] {
  const out: Entry[] = [];
  for (const e of Deno.readDirSync(dir)) {
    const path = join(dir, e.name);
    let isDir = e.isDirectory, isFile = e.isFile;
    if (e.isSymlink) {
      try {
        const st = Deno.statSync(path);
        (isDir = st.isDirectory), (isFile = st.isFile);
      } catch {
        if (e.name.startsWith(".")) continue;
        throw new InputError(
          path,
          "a link to a file that does not exist",
          "replace the link with the file itself, or remove it",
        );
      }
    }
    if (isDir || isFile) out.push({ name: e.name, path, dir: isDir });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Every file a period's results depend on (for the period cache): the tables' files and meta.json. */
export function periodInputFiles(dir: string): string[] {
  const tables = findTables(dir, { requireAll: false });
  const files = Object.values(tables).flatMap((s) => s.files.map((f) => f.path));
  const meta = join(dir, "meta.json");
  try {
    if (Deno.statSync(meta).isFile) files.push(meta);
  } catch { /* no meta.json */ }
  return files.sort();
}

/**
 * The tables of a period folder. Every file must belong to a table; by default all four tables
 * must be there (a file with only the header row is fine for an empty table).
 */
export function findTables(
  dir: string,
  o: { requireAll?: boolean } = {},
): Record<InputTable, SourceFile> {
  const found = new Map<InputTable, SourceFile>();
  const lockNotes: [InputTable | null, string][] = [];
  const add = (table: InputTable, path: string, format: Format) => {
    const src = found.get(table);
    if (!src) found.set(table, { table, path, format, files: [{ path, format }], notes: [] });
    else {
      // The same name with another extension is the same table saved twice, not a second part.
      const stem = basename(path, extname(path)).toLowerCase();
      const twin = src.files.find((f) =>
        basename(f.path, extname(f.path)).toLowerCase() === stem &&
        join(f.path, "..") === join(path, "..")
      );
      if (twin) {
        throw new InputError(
          path,
          `a second file for table "${table}" with the same name (the first is ${
            basename(twin.path)
          })`,
          "keep one of them: two files with one name are the same table saved twice",
        );
      }
      src.files.push({ path, format });
    }
  };
  const file = (e: Entry, table: InputTable | null) => {
    const ext = extname(e.name).toLowerCase();
    const stem = basename(e.name, extname(e.name));
    if (e.name.startsWith("~$")) {
      lockNotes.push([
        table ?? tableOf(stem.slice(2)),
        `skipped ${e.name}: an Excel lock file (Excel leaves it while the workbook is open), not data`,
      ]);
      return;
    }
    const format = FORMATS[ext];
    if (!format) {
      throw new InputError(
        e.path,
        `unsupported file type "${ext || "(none)"}"`,
        "save the table as .csv, .xlsx, .parquet or .json, or move the file out of the period folder",
      );
    }
    const t = table ?? tableOf(stem);
    if (!t) {
      throw new InputError(
        e.path,
        `"${stem}" is not a table name of the export contract`,
        `rename the file to one of ${
          TABLE_NAMES.map((t) => t + ext).join(", ")
        } (or a name starting with one, e.g. diklat-2024${ext}, or a SIASN name such as rw-kursus${ext}), or move it out of the period folder`,
      );
    }
    add(t, e.path, format);
  };
  for (const e of entries(dir)) {
    if (e.name.startsWith(".") || IGNORED.has(e.name.toLowerCase())) continue;
    if (!e.dir) {
      file(e, null);
      continue;
    }
    const t = tableOf(e.name);
    if (!t) {
      throw new InputError(
        e.path,
        `"${e.name}" is a folder that is not a table name of the export contract`,
        `name a folder of table files after its table (${
          TABLE_NAMES.join("/, ")
        }/), or move it out of the period folder`,
      );
    }
    for (const f of entries(e.path)) {
      if (f.name.startsWith(".") || IGNORED.has(f.name.toLowerCase())) continue;
      if (f.dir) {
        throw new InputError(
          f.path,
          "a folder inside a table folder",
          "put the table's files directly in the table folder",
        );
      }
      file(f, t);
    }
  }
  for (const [t, note] of lockNotes) {
    for (const src of t ? [found.get(t)].filter(Boolean) : [...found.values()].slice(0, 1)) {
      src!.notes.push(note);
    }
  }
  // A folder with BKN's official results alone (a BKD with nothing else) is a period too: the
  // four tables are then empty.
  const missing = TABLE_NAMES.filter((t) => !found.has(t));
  if (missing.length && o.requireAll !== false && !found.has("resmi")) {
    const seen = TABLE_NAMES.filter((t) => found.has(t)).map((t) => found.get(t)!).map((s) =>
      `${s.table} ← ${s.files.map((f) => basename(f.path)).join(", ")}`
    );
    throw new InputError(
      dir,
      `missing table${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (found: ${
        seen.length ? seen.join("; ") : "no table files"
      })`,
      `add ${
        missing.map((t) => t + ".csv").join(", ")
      } (a file with only the header row is fine when a table has no rows)`,
    );
  }
  return Object.fromEntries(found) as Record<InputTable, SourceFile>;
}
