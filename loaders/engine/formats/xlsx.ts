/**
 * Excel workbooks as offices make them: the table may start below a title block and right of
 * column A, on a sheet other than the first, with empty rows and columns around it, numbers
 * stored as text, NIPs and dates stored as numbers, and formulas with or without a cached value.
 * The whole workbook is read into memory: ExcelJS's streaming reader fails on workbooks whose
 * workbook.xml comes after the sheets. Exports too large for that belong in CSV or Parquet.
 */
import ExcelJS from "exceljs";
import { columns, type InputTable, mapHeader } from "../contract.ts";
import { InputError } from "../../errors.ts";
import { cleanHeaderCell } from "./text.ts";
import type { RowSink, TableRead } from "./read.ts";

/** Rows searched for the header row. */
const HEADER_ROWS = 30;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

type Cell = { text: string } | { problem: string };
type Kind = "date" | "nip" | "other";

function colName(n: number): string {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Whole numbers in full (never with an exponent), others as JavaScript writes them. */
function numberText(v: number): string {
  return Number.isInteger(v) && Math.abs(v) >= 1e21 ? BigInt(v).toString() : String(v);
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function cellText(v: ExcelJS.CellValue, kind: Kind): Cell {
  if (v === null || v === undefined) return { text: "" };
  if (v instanceof Date) return { text: isoDay(v.getTime()) };
  if (typeof v === "number") {
    if (kind === "date") {
      // 20240301 typed as a number is a date written YYYYMMDD, not serial day 20,240,301.
      if (Number.isInteger(v) && v >= 19000101 && v <= 29991231) {
        const s = String(v);
        return { text: `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` };
      }
      // Excel serial days (1 = 1900-01-01, with Excel's 1900 leap-year bug absorbed by the epoch).
      if (v >= 1 && v < 2958466) return { text: isoDay(EXCEL_EPOCH + Math.round(v) * 86400000) };
      return { text: numberText(v) };
    }
    // Excel keeps 15 significant digits: an 18-digit NIP typed as a number has lost its last
    // digits. The marker lets validation quarantine it with that reason; the digits stay readable.
    if (kind === "nip") return { text: `#EXCEL_NUMBER:${numberText(v)}` };
    return { text: numberText(v) };
  }
  if (typeof v === "boolean") return { text: String(v) };
  if (typeof v === "string") return { text: v };
  if ("error" in v) return { problem: `spreadsheet error ${v.error}` };
  if ("richText" in v) return { text: v.richText.map((t) => t.text).join("") };
  if ("formula" in v || "sharedFormula" in v) {
    const result = (v as { result?: ExcelJS.CellValue }).result;
    if (result === undefined || result === null) {
      return { problem: "formula without a computed value" };
    }
    return cellText(result as ExcelJS.CellValue, kind);
  }
  if ("text" in v) {
    const t = (v as { text: unknown }).text;
    if (typeof t === "string") return { text: t };
    return cellText(t as ExcelJS.CellValue, kind);
  }
  return { problem: "a cell value that is not text, a number or a date" };
}

function plain(v: ExcelJS.CellValue): string {
  const c = cellText(v, "other");
  return "text" in c ? c.text : "";
}

interface Found {
  sheet: ExcelJS.Worksheet;
  row: number;
  first: number;
  header: string[];
  mapping: Map<number, string>;
  ignored: string[];
}

export async function readXlsx(path: string, table: InputTable, sink: RowSink): Promise<TableRead> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (err) {
    throw new InputError(
      path,
      `cannot read the workbook (${(err as Error).message})`,
      "open it in a spreadsheet program and save it again as .xlsx, or export the table as CSV UTF-8",
    );
  }
  const visible = wb.worksheets.filter((w) => w.state !== "hidden" && w.state !== "veryHidden");
  const sheets = visible.length ? visible : wb.worksheets;
  let found: Found | null = null;
  let closest: { sheet: string; row: number; cells: number; problem: string; fix: string } | null =
    null;
  search: for (const sheet of sheets) {
    const last = Math.min(HEADER_ROWS, sheet.rowCount);
    for (let r = 1; r <= last; r++) {
      const row = sheet.getRow(r);
      if (!row.hasValues) continue;
      const texts: string[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) {
        texts.push(cleanHeaderCell(plain(row.getCell(c).value)));
      }
      const first = texts.findIndex((t) => t !== "");
      if (first < 0) continue;
      let end = texts.length;
      while (end > first && texts[end - 1] === "") end--;
      const header = texts.slice(first, end);
      const m = mapHeader(table, header);
      if (m.ok) {
        found = { sheet, row: r, first: first + 1, header, mapping: m.mapping, ignored: m.ignored };
        break search;
      }
      const cells = header.filter((t) => t !== "").length;
      if (!closest || cells > closest.cells) {
        closest = { sheet: sheet.name, row: r, cells, problem: m.problem, fix: m.fix };
      }
    }
  }
  if (!found) {
    if (!closest) {
      throw new InputError(
        path,
        "the workbook is empty (no header row on any sheet)",
        "put the table with its header row on a sheet",
      );
    }
    throw new InputError(
      path,
      `no header row matches the contract in the first ${HEADER_ROWS} rows of any sheet; closest: row ${closest.row} of sheet "${closest.sheet}": ${closest.problem}`,
      closest.fix,
    );
  }
  const { sheet, row: headerRow, first, header, mapping } = found;
  const notes: string[] = [];
  const index = wb.worksheets.indexOf(sheet);
  if (wb.worksheets.length > 1) {
    notes.push(
      index === 0 || sheet === sheets[0]
        ? `read the first of ${wb.worksheets.length} sheets ("${sheet.name}")`
        : `read sheet "${sheet.name}" (sheet ${
          index + 1
        } of ${wb.worksheets.length}), the first whose header matches the contract`,
    );
  }
  if (headerRow > 1 || first > 1) {
    notes.push(
      `header on row ${headerRow}${
        first > 1 ? `, from column ${colName(first)}` : ""
      } of sheet "${sheet.name}"${
        headerRow > 1
          ? ` (the ${headerRow - 1} row${
            headerRow > 2 ? "s" : ""
          } above it skipped: a title, not data)`
          : ""
      }`,
    );
  }
  const spec = columns(table);
  const kinds: Kind[] = header.map((_, i) => {
    const k = spec.find((c) => c.name === mapping.get(i))?.kind;
    return k === "date" ? "date" : k === "nip" ? "nip" : "other";
  });
  // The table ends at its last row holding a value; empty rows before it are blank records.
  let lastRow = headerRow;
  for (let r = sheet.rowCount; r > headerRow; r--) {
    const row = sheet.getRow(r);
    if (
      row.hasValues &&
      header.some((_, i) =>
        plain(row.getCell(first + i).value).trim() !== "" || isProblem(row.getCell(first + i).value)
      )
    ) {
      lastRow = r;
      break;
    }
  }
  let records = 0, blank = 0;
  const rejects: TableRead["rejects"] = [];
  for (let r = headerRow + 1; r <= lastRow; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    let reject: TableRead["rejects"][number] | null = null;
    let empty = true;
    for (let i = 0; i < header.length; i++) {
      const cell = row.getCell(first + i);
      const c = cellText(cell.value, kinds[i]);
      if ("problem" in c) {
        empty = false;
        cells.push("");
        const col = mapping.get(i);
        if (col && !reject) {
          const why = c.problem === "formula without a computed value"
            ? "; the workbook was saved without calculating it: open it in Excel, let it calculate, and save it again"
            : "; correct the formula or type the value";
          reject = {
            line: r,
            column: col,
            code: "spreadsheet_error",
            reason: `${c.problem} in ${col} (cell ${cell.address})${why}`,
          };
        }
        continue;
      }
      if (c.text.trim() !== "") empty = false;
      cells.push(mapping.has(i) ? c.text : "");
    }
    if (empty) {
      blank++;
      continue;
    }
    records++;
    if (reject) rejects.push(reject);
    else sink(r, cells);
  }
  return {
    width: header.length,
    header,
    mapping,
    ignored: found.ignored.filter((x) => x !== ""),
    records,
    blank,
    rejects,
    notes,
  };
}

function isProblem(v: ExcelJS.CellValue): boolean {
  return "problem" in cellText(v, "other");
}
