/**
 * Spreadsheets (exceljs, streamed: a national unit table is written and read back row by row,
 * never held whole): a workbook of sheets that each open with a source line, a header row of
 * Indonesian labels and typed cells (numbers as numbers, text as text: a NIP or a region code stays
 * text, never a rounded number), frozen under the header and filterable. The privacy scan reads
 * the sheets back (`bacaLembar`), since an .xlsx is compressed and a byte search finds nothing.
 */
import ExcelJS from "exceljs";

export type TipeSel = "teks" | "angka" | "bool";

export interface KolomXlsx {
  /** The row's key. */
  nama: string;
  /** The header (Indonesian). */
  judul: string;
  tipe: TipeSel;
  /** Excel number format, e.g. "0.00", "0.0%", "#,##0". */
  format?: string;
  lebar?: number;
}

export interface Lembar {
  nama: string;
  /** The first row, across the sheet: who published it, from what, under which licence, when. */
  sumber: string;
  kolom: KolomXlsx[];
  baris: Iterable<Record<string, unknown>>;
}

/** A CSV cell (or a value from DuckDB) as a typed spreadsheet value; missing is an empty cell. */
export function nilaiSel(v: unknown, tipe: TipeSel): string | number | boolean | null {
  if (v === null || v === undefined || v === "") return null;
  if (tipe === "angka") {
    const n = typeof v === "number" ? v : Number(v);
    return Number.isFinite(n) ? n : null;
  }
  if (tipe === "bool") return v === true || v === "true" || v === "1";
  return String(v);
}

/**
 * A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ], not "History", unique
 * in the workbook (case-insensitive; a repeat gets " (2)", " (3)"…).
 */
export function namaLembar(nama: string, dipakai: Set<string>): string {
  let base = nama.replace(/[:\\/?*[\]]/g, " ").replace(/\s+/g, " ").trim().replace(/^'+|'+$/g, "");
  if (!base || base.toLowerCase() === "history") base = `Lembar ${dipakai.size + 1}`;
  let out = base.slice(0, 31).trim();
  for (let i = 2; dipakai.has(out.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    out = base.slice(0, 31 - suffix.length).trim() + suffix;
  }
  dipakai.add(out.toLowerCase());
  return out;
}

/** Column letters of a 1-based column number (1 → A, 27 → AA). */
function huruf(n: number): string {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * Writes `file` (a new file) with the given sheets. Each sheet: the source line in row 1 (merged
 * across the columns), the header in row 2, the rows from row 3; frozen below the header, with a
 * filter on it.
 */
export async function tulisBuku(
  file: string,
  lembar: Lembar[],
  o: { judul: string; pembuat: string; tanggal: Date },
): Promise<{ lembar: number; baris: number }> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: true,
    // Inline strings: the shared-string table would hold every distinct text in memory.
    useSharedStrings: false,
  });
  wb.creator = o.pembuat;
  wb.title = o.judul;
  wb.created = o.tanggal;
  wb.modified = o.tanggal;
  let baris = 0;
  for (const l of lembar) {
    const ws = wb.addWorksheet(l.nama, { views: [{ state: "frozen", ySplit: 2 }] });
    const n = Math.max(1, l.kolom.length);
    ws.columns = l.kolom.map((k) => ({
      key: k.nama,
      width: k.lebar ?? Math.min(40, Math.max(10, k.judul.length + 2)),
      style: k.format ? { numFmt: k.format } : {},
    }));
    ws.mergeCells(1, 1, 1, n);
    const sumber = ws.getRow(1);
    sumber.getCell(1).value = l.sumber;
    sumber.getCell(1).font = { italic: true };
    sumber.commit();
    const header = ws.getRow(2);
    l.kolom.forEach((k, i) => {
      const c = header.getCell(i + 1);
      c.value = k.judul;
      c.font = { bold: true };
      c.border = { bottom: { style: "thin" } };
      c.alignment = { wrapText: true, vertical: "top" };
    });
    header.commit();
    for (const r of l.baris) {
      ws.addRow(l.kolom.map((k) => nilaiSel(r[k.nama], k.tipe))).commit();
      baris++;
    }
    if (l.kolom.length) ws.autoFilter = `A2:${huruf(n)}2`;
    ws.commit();
  }
  await wb.commit();
  return { lembar: lembar.length, baris };
}

/**
 * The sheets of an .xlsx, each as rows of cell texts (numbers and booleans as text), streamed:
 * what the privacy scan reads. A sheet is labelled by its number ("lembar 2"): the streaming
 * reader knows a sheet's name only when xl/workbook.xml precedes it in the archive, which a
 * streamed writer puts last.
 */
export async function* bacaLembar(
  file: string,
): AsyncGenerator<{ nama: string; baris: string[][] }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    worksheets: "emit",
  });
  for await (const sheet of reader) {
    const ws = sheet as unknown as AsyncIterable<ExcelJS.Row> & {
      id: string | number;
      name: string;
    };
    const id = String(ws.id);
    const baris: string[][] = [];
    for await (const row of ws) {
      const values = (row.values as unknown[]).slice(1);
      baris.push(values.map((v) => teksSel(v)));
    }
    yield { nama: `lembar ${id}`, baris };
  }
}

function teksSel(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") {
    const o = v as { text?: string; richText?: { text: string }[]; result?: unknown };
    if (o.richText) return o.richText.map((t) => t.text).join("");
    if (typeof o.text === "string") return o.text;
    if (o.result !== undefined) return String(o.result);
    if (v instanceof Date) return v.toISOString();
  }
  return String(v);
}
