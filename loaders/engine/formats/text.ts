/**
 * Delimited text files (CSV, TSV, semicolon): the physical record count of a file, counted here
 * from its bytes and independently of DuckDB's parser, and a normalised copy for files DuckDB
 * cannot read as they are.
 *
 * One pass over the bytes (`scanText`) splits records the way RFC 4180 does (a quote opens a
 * quoted field only at the start of a field; `""` inside it is a quote) and finds everything that
 * makes a file unsafe to hand to DuckDB directly: an unclosed quote, invalid UTF-8, NUL bytes,
 * line endings that are CR-only or switch between CRLF and LF, a `sep=` first line, blank records.
 * A clean file (nearly every export) is read by DuckDB from disk and its record count checked
 * against this one; any other file is rewritten by the same pass (`write`) into a canonical CSV
 * whose first column is the record's line number, with the records this pass rejects left out
 * and reported. The cost of the extra pass on a clean file is one read of its bytes with
 * `indexOf` per line; lines holding quotes are walked byte by byte.
 */
import { InputError } from "../../errors.ts";

const Q = 0x22, LF = 0x0a, CR = 0x0d, SP = 0x20, TAB = 0x09;
/** Longest record accepted, as DuckDB's `max_line_size` in the direct path. */
export const MAX_RECORD = 8 * 1024 * 1024;

/** A physical line of the file: its bytes without the line ending. */
interface PLine {
  bytes: Uint8Array;
  /** "\n", "\r\n", "\r" or "" (the last line of a file without a final line break). */
  eol: string;
  /** Physical line number, 1-based. */
  no: number;
}

/** A rejected record: the reason goes to the quarantine with the record's line number. */
export interface Reject {
  line: number;
  reason: string;
  /** The reason's code in the quarantine (default `unreadable_record`). */
  code?: string;
}

export interface TextScan {
  delim: string;
  /** Header cells, cleaned of zero-width characters and NBSP. */
  header: string[];
  /** Record number of the header (2 after an Excel `sep=` line). */
  headerLine: number;
  /** Data records that are not blank: `read` of the accounting. */
  records: number;
  /** Records holding only delimiters and spaces: skipped, counted here, never quarantined. */
  blank: number;
  /** Records this pass rejects (unclosed quote, longer than 8 MB, and in a copy: ragged rows). */
  rejects: Reject[];
  /** Whether DuckDB may read the file as it is (header on line 1, UTF-8, one kind of line end, no blank or rejected record). */
  clean: boolean;
  notes: string[];
}

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
/** Header cells as office tools leave them: zero-width spaces, BOMs and NBSPs removed. */
export function cleanHeaderCell(s: string): string {
  return s.replace(ZERO_WIDTH, "").replace(/\u00A0/g, " ").trim();
}

const utf8Strict = new TextDecoder("utf-8", { fatal: true });
const cp1252 = new TextDecoder("windows-1252");

/** Split one decoded record into fields, RFC 4180 style; `bad` when text follows a closing quote. */
export function splitRecord(text: string, delim: string): { fields: string[]; bad: boolean } {
  const fields: string[] = [];
  let cur = "";
  let quoted = false, atStart = true, closed = false, bad = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') (quoted = false), (closed = true);
      else cur += ch;
    } else if (ch === delim) {
      fields.push(cur);
      (cur = ""), (atStart = true), (closed = false);
    } else if (ch === '"' && atStart) (quoted = true), (atStart = false);
    else {
      if (closed && ch !== " " && ch !== "\r") bad = true;
      cur += ch;
      atStart = false;
    }
  }
  fields.push(cur);
  return { fields, bad };
}

/**
 * Record assembler over physical lines. A record whose quoted field runs over line breaks is
 * kept only if it closes with the header's number of fields and within 8 MB; otherwise its first
 * line held an unclosed quote: that line alone is rejected and reading goes on with the next
 * line, so one stray quote never swallows the rows after it.
 */
class Records {
  width = 0;
  private delim = 0x2c;
  private stack: PLine[] = [];
  private pending: PLine[] = [];
  private pendingBytes = 0;
  private inQ = false;
  private atStart = true;
  private fields = 0;
  private content = false;
  private recordNo = 0;

  constructor(
    private onRecord: (no: number, lines: PLine[], blank: boolean) => void,
    private onUnclosed: (no: number, line: PLine) => void,
  ) {}

  setDelim(d: string): void {
    this.delim = d.charCodeAt(0);
  }

  feed(line: PLine): void {
    this.stack.push(line);
    while (this.stack.length) this.step(this.stack.pop()!);
  }

  end(): void {
    while (this.pending.length) {
      this.unclosed();
      while (this.stack.length) this.step(this.stack.pop()!);
    }
  }

  private unclosed(): void {
    const [first, ...rest] = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    this.inQ = false;
    this.onUnclosed(++this.recordNo, first);
    for (let i = rest.length - 1; i >= 0; i--) this.stack.push(rest[i]);
  }

  private step(l: PLine): void {
    const b = l.bytes;
    const D = this.delim;
    if (!this.pending.length) {
      if (b.indexOf(Q) < 0) {
        this.onRecord(++this.recordNo, [l], blankBytes(b, D));
        return;
      }
      (this.atStart = true), (this.fields = 0), (this.inQ = false), (this.content = false);
    }
    let inQ = this.inQ, atStart = this.atStart, fields = this.fields, content = this.content;
    for (let i = 0; i < b.length; i++) {
      const c = b[i];
      if (inQ) {
        if (c === Q) {
          if (b[i + 1] === Q) (i++), (content = true);
          else inQ = false;
        } else if (c !== SP && c !== TAB) content = true;
      } else if (c === D) (fields++), (atStart = true);
      else if (c === Q && atStart) (inQ = true), (atStart = false);
      else {
        atStart = false;
        if (c !== SP && c !== TAB && c !== CR) content = true;
      }
    }
    (this.inQ = inQ), (this.atStart = atStart), (this.fields = fields), (this.content = content);
    if (!inQ && !this.pending.length) {
      this.onRecord(++this.recordNo, [l], !content);
      return;
    }
    // Lines are views into the read buffer: a record that goes on keeps copies.
    this.pending.push({ ...l, bytes: b.slice() });
    this.pendingBytes += b.length + 1;
    if (inQ) {
      if (this.pendingBytes > MAX_RECORD) this.unclosed();
      return;
    }
    const lines = this.pending;
    if (lines.length > 1 && this.width > 0 && fields + 1 !== this.width) {
      this.unclosed();
      return;
    }
    this.pending = [];
    this.pendingBytes = 0;
    this.onRecord(++this.recordNo, lines, !content);
  }
}

function blankBytes(b: Uint8Array, D: number): boolean {
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c !== D && c !== SP && c !== TAB && c !== CR) return false;
  }
  return true;
}

/** Physical lines of a file, split on LF, CRLF and lone CR, in chunks; NUL bytes stop the run. */
async function eachLine(
  path: string,
  fn: (l: PLine) => void,
): Promise<{ lf: number; crlf: number; cr: number; utf8: boolean }> {
  const counts = { lf: 0, crlf: 0, cr: 0, utf8: true };
  const strict = new TextDecoder("utf-8", { fatal: true });
  const file = await Deno.open(path);
  let no = 0;
  let carry: Uint8Array[] = [];
  let offset = 0;
  const emit = (bytes: Uint8Array, eol: string) => {
    no++;
    // A lone CR inside the line is a line break too (old Mac files, or a CR-only file).
    let from = 0;
    for (let k = bytes.indexOf(CR); k >= 0; k = bytes.indexOf(CR, from)) {
      counts.cr++;
      fn({ bytes: bytes.subarray(from, k), eol: "\r", no });
      no++;
      from = k + 1;
    }
    fn({ bytes: from ? bytes.subarray(from) : bytes, eol, no });
  };
  try {
    const buf = new Uint8Array(1 << 20);
    for (;;) {
      const n = await file.read(buf);
      if (n === null) break;
      const chunk = buf.subarray(0, n);
      const nul = chunk.indexOf(0);
      if (nul >= 0) {
        const before = concat([...carry, chunk.subarray(0, nul)]);
        let line = no + 1;
        for (const c of before) if (c === LF) line++;
        throw nulError(path, line, offset + nul);
      }
      if (counts.utf8) {
        try {
          strict.decode(chunk, { stream: true });
        } catch {
          counts.utf8 = false;
        }
      }
      offset += n;
      let start = 0;
      for (let k = chunk.indexOf(LF); k >= 0; k = chunk.indexOf(LF, start)) {
        let bytes = carry.length
          ? concat([...carry, chunk.subarray(start, k)])
          : chunk.subarray(start, k);
        carry = [];
        let eol = "\n";
        if (bytes.length && bytes[bytes.length - 1] === CR) {
          bytes = bytes.subarray(0, bytes.length - 1);
          eol = "\r\n";
          counts.crlf++;
        } else counts.lf++;
        emit(bytes, eol);
        start = k + 1;
      }
      if (start < n) carry.push(chunk.slice(start));
    }
    if (counts.utf8) {
      try {
        strict.decode();
      } catch {
        counts.utf8 = false;
      }
    }
    if (carry.length) {
      let bytes = concat(carry);
      if (bytes.length && bytes[bytes.length - 1] === CR) {
        bytes = bytes.subarray(0, bytes.length - 1);
        counts.cr++;
      }
      if (bytes.length) emit(bytes, "");
    }
  } finally {
    file.close();
  }
  return counts;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0].slice();
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) (out.set(p, o)), (o += p.length);
  return out;
}

function nulError(path: string, line: number, byte: number): InputError {
  if (line <= 1) {
    return new InputError(
      path,
      "the file contains NUL bytes: it is not a text CSV file (binary, or UTF-16 without a byte-order mark)",
      "save it again as CSV UTF-8",
    );
  }
  return new InputError(
    path,
    `truncated or corrupted file: NUL bytes from line ${line} on (byte ${byte}), where text was expected; an interrupted copy or download leaves files like this`,
    "copy or export the file again and check that it ends with the last ASN",
  );
}

/** What the first bytes say about a file that is not a CSV export at all. */
export async function sniffNotCsv(path: string): Promise<void> {
  const f = await Deno.open(path);
  const head = new Uint8Array(65536);
  let n = 0;
  try {
    n = (await f.read(head)) ?? 0;
  } finally {
    f.close();
  }
  if (n === 0) {
    throw new InputError(
      path,
      "the file is empty (not even a header row)",
      "export the table again with its header row",
    );
  }
  const bytes = head.subarray(0, n);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4) {
    throw new InputError(
      path,
      "the file is an Excel workbook (.xlsx) with a text-file name",
      "rename it to end in .xlsx, or save it from Excel as CSV UTF-8",
    );
  }
  const text = new TextDecoder("windows-1252").decode(bytes).replace(
    /^\uFEFF|^\u00EF\u00BB\u00BF/,
    "",
  )
    .trimStart().toLowerCase();
  if (
    text.startsWith("<!doctype html") || text.startsWith("<html") ||
    (text.startsWith("<") && /<(head|body|title|meta|script)[\s>]/.test(text))
  ) {
    const login = /type\s*=\s*["']?password|login|log in|sign in|masuk/.test(text);
    throw new InputError(
      path,
      `the file is a web page (HTML), not a CSV export${
        login
          ? ": it looks like a login page, saved when the application's session had expired"
          : ""
      }`,
      "log in to the application again and download the export, then check that the file opens as a table",
    );
  }
}

/**
 * Scan a UTF-8 (or mostly UTF-8) text table. With `write`, also write the canonical copy:
 * `line,field1,…,fieldN` per kept record, every record with exactly the header's fields.
 */
export async function scanText(
  path: string,
  opts: { write?: (line: number, fields: string[]) => void; displayPath?: string } = {},
): Promise<TextScan> {
  const shown = opts.displayPath ?? path;
  const notes: string[] = [];
  const rejects: Reject[] = [];
  let header: string[] | null = null;
  let headerLine = 0;
  let delim = ",";
  let sepLine = false;
  let records = 0, blank = 0;
  const cp1252Lines: number[] = [];
  // Decoded line by line: only the lines that are not UTF-8 are read as Windows-1252, so one
  // name typed on an old PC never turns the rest of a UTF-8 file into mojibake.
  const decodeLine = (l: PLine): string => {
    try {
      return utf8Strict.decode(l.bytes);
    } catch {
      cp1252Lines.push(l.no);
      return cp1252.decode(l.bytes);
    }
  };
  const decode = (lines: PLine[]) =>
    lines.map((l, i) => decodeLine(l) + (i < lines.length - 1 ? "\n" : "")).join("");

  const rec = new Records(
    (no, lines, isBlank) => {
      if (!header) {
        let text = decode(lines).replace(/^\uFEFF/, "");
        const sep = /^\s*"?sep=(.)"?[,;\t|]*\s*$/i.exec(text);
        if (no === 1 && sep) {
          delim = sep[1];
          rec.setDelim(delim);
          sepLine = true;
          notes.push(`first line "sep=${delim}" (Excel's delimiter hint): honoured and skipped`);
          return;
        }
        if (!text.trim() || isBlank) {
          throw new InputError(
            shown,
            `${no === 1 ? "the first line is empty" : `line ${no} is empty`}: no header row`,
            "put the column names in the first line",
          );
        }
        text = text.replace(/\r$/, "");
        if (!sepLine) {
          const counts = [",", ";", "\t", "|"].map((d) =>
            [d, splitRecord(text, d).fields.length] as const
          );
          delim = counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
          rec.setDelim(delim);
        }
        header = splitRecord(text, delim).fields.map(cleanHeaderCell);
        headerLine = no;
        rec.width = header.length;
        return;
      }
      if (isBlank) {
        blank++;
        return;
      }
      const size = lines.reduce((s, l) => s + l.bytes.length + 1, 0);
      if (size > MAX_RECORD) {
        records++;
        rejects.push({ line: no, reason: "row longer than 8 MB" });
        return;
      }
      if (!opts.write) {
        records++;
        return;
      }
      const { fields, bad } = splitRecord(decode(lines), delim);
      records++;
      if (bad) rejects.push({ line: no, reason: "badly quoted field" });
      else if (fields.length < header.length) {
        rejects.push({ line: no, reason: "row has fewer fields than the header" });
      } else if (fields.length > header.length) {
        rejects.push({ line: no, reason: "row has more fields than the header" });
      } else opts.write(no, fields);
    },
    (no, line) => {
      if (!header) {
        throw new InputError(
          shown,
          `the header row (line ${no}) has a quote that is never closed`,
          "remove the stray quote from the header",
        );
      }
      records++;
      const start = decodeLine(line);
      const at = start.indexOf('"');
      rejects.push({
        line: no,
        reason: `unclosed quote: the field starting ${start.slice(at, at + 40)}${
          start.length > at + 40 ? "…" : ""
        } has no closing quote; the next line was read as the next record`,
      });
    },
  );
  rec.setDelim(delim);
  // First pass to learn the encoding when writing: a copy decodes per line only if the file is not all UTF-8.
  const counts = await eachLine(path, (l) => rec.feed(l)).catch((e) => {
    if (e instanceof InputError && e.file === path && shown !== path) {
      throw new InputError(shown, e.problem, e.fix);
    }
    throw e;
  });
  rec.end();
  if (!header) {
    throw new InputError(
      shown,
      "the first line is empty: no header row",
      "put the column names in the first line",
    );
  }
  if (!counts.utf8) {
    const lines = [...new Set(cp1252Lines)];
    notes.push(
      opts.write
        ? `not valid UTF-8 on ${lines.length} line${lines.length > 1 ? "s" : ""} (${
          lines.slice(0, 10).join(", ")
        }${lines.length > 10 ? ", …" : ""}): those lines read as Windows-1252, the rest as UTF-8`
        : "not valid UTF-8",
    );
  }
  const mixed = counts.crlf > 0 && counts.lf > 0;
  if (counts.cr > 0 && counts.lf + counts.crlf === 0) {
    notes.push("line endings are CR only (old Mac style): read as line breaks");
  } else if (mixed || counts.cr > 0) {
    notes.push(
      `line endings switch between ${
        [counts.crlf && "CRLF", counts.lf && "LF", counts.cr && "CR"].filter(Boolean).join(", ")
      }: all read as line breaks`,
    );
  }
  if (blank) {
    notes.push(`${blank} blank record${blank > 1 ? "s" : ""} skipped (only delimiters or spaces)`);
  }
  if (delim !== ",") notes.push(`delimiter ${delim === "\t" ? "tab" : `"${delim}"`}`);
  const clean = counts.utf8 && !mixed && counts.cr === 0 && !sepLine && blank === 0 &&
    rejects.length === 0;
  return {
    delim,
    header: header!,
    headerLine,
    records,
    blank,
    rejects,
    clean,
    notes,
  };
}

/** A plain file's header: its first line, when that is one (see `scanPlain`); `end` is where the records start. */
function headerOf(chunk: Uint8Array): { header: string[]; delim: string; end: number } | null {
  const k = chunk.indexOf(LF);
  if (k < 0) return null;
  const bytes = chunk.subarray(0, k);
  let text: string;
  try {
    text = utf8Strict.decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return null;
  }
  if (!text.trim() || /^\s*"?sep=/i.test(text) || blankBytes(bytes, 0x2c)) return null;
  const counts = [",", ";", "\t", "|"].map((d) => [d, splitRecord(text, d).fields.length] as const);
  const delim = counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  if (blankBytes(bytes, delim.charCodeAt(0))) return null;
  return { header: splitRecord(text, delim).fields.map(cleanHeaderCell), delim, end: k + 1 };
}

/**
 * The header `scanPlain` would find, from the file's first MiB alone (null when that MiB already
 * shows the file is not plain), so that DuckDB can read the file while `scanPlain` counts its
 * records. Whenever `scanPlain` returns a scan, its header and delimiter are these: both take
 * them from the same first line with `headerOf`.
 */
export async function plainHeader(
  path: string,
): Promise<{ header: string[]; delim: string } | null> {
  using file = await Deno.open(path);
  const buf = new Uint8Array(1 << 20);
  const n = await file.read(buf);
  if (n === null) return null;
  const chunk = buf.subarray(0, n);
  if (chunk.indexOf(Q) >= 0 || chunk.indexOf(CR) >= 0 || chunk.indexOf(0) >= 0) return null;
  return headerOf(chunk);
}

/**
 * `scanText` for the file nearly every export is: no quote character, no CR, no NUL byte, valid
 * UTF-8, no blank record and no `sep=` line. Its records are then its lines, counted with one
 * `indexOf` per line and no per-line objects. Returns null as soon as the file is anything else;
 * the caller then scans it in full (which finds and words every problem).
 */
export async function scanPlain(path: string): Promise<TextScan | null> {
  const strict = new TextDecoder("utf-8", { fatal: true });
  const file = await Deno.open(path);
  try {
    const buf = new Uint8Array(1 << 20);
    let header: string[] | null = null;
    let delim = ",";
    let D = 0x2c;
    let records = 0;
    // Bytes of the current line before this chunk (a line that runs over a chunk boundary).
    let carry = 0;
    let carryBlank = true;
    let open = false;
    for (;;) {
      const n = await file.read(buf);
      if (n === null) break;
      const chunk = buf.subarray(0, n);
      if (chunk.indexOf(Q) >= 0 || chunk.indexOf(CR) >= 0 || chunk.indexOf(0) >= 0) return null;
      // UTF-8 is checked only where a byte is not ASCII (decoding every byte cost more than the
      // rest of the scan), and in the chunk after one that ends inside a multi-byte character.
      if (open || !ascii(chunk)) {
        try {
          strict.decode(chunk, { stream: true });
        } catch {
          return null;
        }
        open = !ascii(chunk.subarray(Math.max(0, n - 3)));
      }
      let start = 0;
      if (!header) {
        const head = headerOf(chunk);
        if (!head) return null;
        ({ header, delim } = head);
        D = delim.charCodeAt(0);
        start = head.end;
      }
      for (let k = chunk.indexOf(LF, start); k >= 0; k = chunk.indexOf(LF, start)) {
        const len = carry + k - start;
        if (len > MAX_RECORD) return null;
        const c = chunk[start];
        const blank = carry ? carryBlank && blankBytes(chunk.subarray(start, k), D) : k === start ||
          ((c === D || c === SP || c === TAB) && blankBytes(chunk.subarray(start, k), D));
        if (blank) return null;
        records++;
        carry = 0;
        carryBlank = true;
        start = k + 1;
      }
      if (start < n) {
        carryBlank = carryBlank && blankBytes(chunk.subarray(start), D);
        carry += n - start;
        if (carry > MAX_RECORD) return null;
      }
    }
    try {
      strict.decode();
    } catch {
      return null;
    }
    if (!header) return null;
    if (carry) {
      if (carryBlank) return null;
      records++;
    }
    return {
      delim,
      header,
      headerLine: 1,
      records,
      blank: 0,
      rejects: [],
      clean: true,
      notes: delim !== "," ? [`delimiter ${delim === "\t" ? "tab" : `"${delim}"`}`] : [],
    };
  } finally {
    file.close();
  }
}

/** Whether every byte is below 0x80 (read four at a time where the view is aligned). */
function ascii(b: Uint8Array): boolean {
  const words = b.byteOffset % 4 === 0 ? b.length >> 2 : 0;
  let or = 0;
  if (words) {
    const w = new Uint32Array(b.buffer, b.byteOffset, words);
    for (let i = 0; i < words; i++) or |= w[i];
  }
  for (let i = words * 4; i < b.length; i++) or |= b[i];
  return (or & 0x80808080) === 0;
}

/** Write the canonical copy of a text table (see scanText) to `out`. */
export async function normaliseText(
  path: string,
  out: string,
  displayPath: string,
): Promise<TextScan> {
  const file = await Deno.open(out, { write: true, create: true, truncate: true });
  const w = new CsvWriter(file);
  try {
    return await scanText(path, {
      displayPath,
      write: (line, fields) => w.row(line, fields),
    });
  } finally {
    w.close();
  }
}

/** Buffered writer of canonical CSV rows: the line number, then the fields, quoted when needed. */
export class CsvWriter {
  private parts: string[] = [];
  private size = 0;
  private enc = new TextEncoder();
  constructor(private file: Deno.FsFile) {}

  row(line: number, cells: string[]): void {
    const s = line + "," + cells.map(csvCell).join(",") + "\n";
    this.parts.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) this.flushSync();
  }

  private flushSync(): void {
    const data = this.enc.encode(this.parts.join(""));
    this.parts = [];
    this.size = 0;
    let o = 0;
    while (o < data.length) o += this.file.writeSync(data.subarray(o));
  }

  close(): void {
    this.flushSync();
    this.file.close();
  }
}

export function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
