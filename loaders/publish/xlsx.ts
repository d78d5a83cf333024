/**
 * Spreadsheets (exceljs, streamed: a national unit table is written and read back row by row,
 * never held whole): a workbook of sheets that each open with a source line, a header row of
 * Indonesian labels and typed cells (numbers as numbers, text as text: a NIP or a region code stays
 * text, never a rounded number), frozen under the header and filterable. The privacy scan reads
 * the sheets back (`bacaLembar`), since an .xlsx is compressed and a byte search finds nothing.
 */
import ExcelJS from "exceljs";
import { inflateRawSync } from "node:zlib";

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

/** An .xlsx is a zip archive: its parts by name, inflated on demand (node:zlib, native). */
function bagianZip(bytes: Uint8Array): Map<string, () => Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("not a zip archive (no end-of-central-directory record)");
  const n = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const parts = new Map<string, () => Uint8Array>();
  const dec = new TextDecoder();
  for (let k = 0; k < n; k++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error("a damaged zip directory");
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const [nameLen, extraLen, commentLen] = [28, 30, 32].map((o) => view.getUint16(at + o, true));
    const local = view.getUint32(at + 42, true);
    const name = dec.decode(bytes.subarray(at + 46, at + 46 + nameLen));
    if (size === 0xffffffff || local === 0xffffffff) throw new Error(`${name}: zip64 is not read`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = bytes.subarray(start, start + size);
    parts.set(name, () => (method === 0 ? raw : new Uint8Array(inflateRawSync(raw))));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return parts;
}

const ENTITAS: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
function teksXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] !== "#") return ENTITAS[e] ?? m;
    return String.fromCodePoint(/^#x/i.test(e) ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });
}
/** One pattern per attribute name: a pattern compiled per call was most of a sheet's read. */
const POLA_ATRIBUT = new Map<string, RegExp>();
const atribut = (tag: string, name: string) => {
  let re = POLA_ATRIBUT.get(name);
  if (!re) POLA_ATRIBUT.set(name, re = new RegExp(`\\s${name.replace(":", "\\:")}="([^"]*)"`));
  return re.exec(tag)?.[1];
};
/** The text of every <t> inside (a rich or inline string is split into runs). */
const teksT = (xml: string) =>
  [...xml.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((m) => teksXml(m[1])).join("");

/** A cell reference's column number (B3 → 2). */
function kolomRef(ref: string | undefined): number | null {
  const m = ref ? /^([A-Z]+)/.exec(ref) : null;
  if (!m) return null;
  let n = 0;
  for (const ch of m[1]) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/**
 * The sheets of an .xlsx, by name, each as rows of cell texts (numbers and booleans as their
 * text): what the privacy scan reads. Read from the archive's XML directly (shared or inline
 * strings, values): exceljs's streaming reader took 5 s for the kanreg8 demo's unit workbook
 * (23,000 rows), and names a sheet only when the workbook part precedes it, which a streamed
 * writer puts last.
 */
export async function* bacaLembar(
  file: string,
): AsyncGenerator<{ nama: string; baris: string[][] }> {
  const parts = bagianZip(await Deno.readFile(file));
  const dec = new TextDecoder();
  const part = (name: string) => {
    const f = parts.get(name);
    return f ? dec.decode(f()) : "";
  };
  const shared = [...part("xl/sharedStrings.xml").matchAll(/<si>([\s\S]*?)<\/si>/g)]
    .map((m) => teksT(m[1]));
  const rels = new Map(
    [...part("xl/_rels/workbook.xml.rels").matchAll(/<Relationship\s[^>]*>/g)].map((m) => [
      atribut(m[0], "Id"),
      (atribut(m[0], "Target") ?? "").replace(/^\/?(xl\/)?/, "xl/"),
    ]),
  );
  for (const m of part("xl/workbook.xml").matchAll(/<sheet\s[^>]*>/g)) {
    const nama = teksXml(atribut(m[0], "name") ?? "");
    const xml = part(rels.get(atribut(m[0], "r:id")) ?? "");
    const baris: string[][] = [];
    for (const r of xml.matchAll(/<row(?:\s[^>]*?)?(?:\/>|>([\s\S]*?)<\/row>)/g)) {
      const row: string[] = [];
      for (const c of (r[1] ?? "").matchAll(/<c(\s[^>]*?)?(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const attrs = c[1] ?? "", body = c[2] ?? "";
        const t = atribut(attrs, "t");
        const v = /<v>([^<]*)<\/v>/.exec(body)?.[1];
        const text = t === "s"
          ? shared[Number(v)] ?? ""
          : t === "inlineStr"
          ? teksT(body)
          : v === undefined
          ? ""
          : teksXml(v);
        const at = kolomRef(atribut(attrs, "r"));
        if (at) row[at - 1] = text;
        else row.push(text);
      }
      baris.push(Array.from(row, (x) => x ?? ""));
    }
    yield { nama, baris };
  }
}
