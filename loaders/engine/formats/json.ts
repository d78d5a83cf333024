/**
 * JSON tables as the SIASN web service and the integrations around it save them: an array of
 * records, one record per line (NDJSON), or the service's envelope `{"data": [...]}` /
 * `{"data": {...}}` (the response body; consumers read `response.data.data`, e.g.
 * taufiqurrohmansuwarto/rumahASN controller/siasn.controller.js `res.json(result?.data?.data)`).
 * Numbers keep their source text (an 18-digit NIP written as a JSON number is not rounded), so
 * the line number of each record is the line where it starts in the file.
 * The file is parsed whole, in memory: files above 256 MB belong in NDJSON chunks, CSV or Parquet.
 */
import { type InputTable, mapHeader } from "../contract.ts";
import { InputError } from "../../errors.ts";
import { cleanHeaderCell } from "./text.ts";
import type { RowSink, TableRead } from "./read.ts";

const MAX_BYTES = 256 * 1024 * 1024;

/** JSON.parse keeping each number's source text (V8's JSON.parse source text access). */
function parse(text: string): unknown {
  return JSON.parse(
    text,
    function (_k: string, v: unknown, ctx?: { source?: string }) {
      return typeof v === "number" && ctx?.source !== undefined ? { $n: ctx.source } : v;
    } as (this: unknown, k: string, v: unknown) => unknown,
  );
}

function valueText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return String(v);
  if (typeof v === "object" && v !== null && "$n" in v && Object.keys(v).length === 1) {
    return String((v as { $n: string }).$n);
  }
  return JSON.stringify(v, (_k, x) => (x && typeof x === "object" && "$n" in x ? Number(x.$n) : x));
}

/** Line where each element of the records array starts, for `depth` 1 (a top-level array) or 2 (an envelope). */
function elementLines(text: string, depth: number): number[] {
  const lines: number[] = [];
  let line = 1, d = 0, inStr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inStr) {
      if (c === 92) i++; // backslash
      else if (c === 34) inStr = false;
      else if (c === 10) line++;
      continue;
    }
    if (c === 10) line++;
    else if (c === 34) inStr = true;
    else if (c === 123 || c === 91) {
      if (d === depth) lines.push(line);
      d++;
    } else if (c === 125 || c === 93) d--;
  }
  return lines;
}

export async function readJson(path: string, table: InputTable, sink: RowSink): Promise<TableRead> {
  const size = (await Deno.stat(path)).size;
  if (size > MAX_BYTES) {
    throw new InputError(
      path,
      `the JSON file is ${
        Math.round(size / 1048576)
      } MB; JSON files are read whole and the limit is 256 MB`,
      "split it into several files in a folder named after the table, or export the table as CSV or Parquet",
    );
  }
  const text = new TextDecoder().decode(await Deno.readFile(path)).replace(/^\uFEFF/, "");
  if (!text.trim()) {
    throw new InputError(path, "the file is empty", "export the table again");
  }
  const notes: string[] = [];
  const rejects: TableRead["rejects"] = [];
  let records: { line: number; value: unknown }[];
  let whole: unknown;
  let wholeError: Error | null = null;
  try {
    whole = parse(text);
  } catch (e) {
    wholeError = e as Error;
  }
  if (!wholeError) {
    let list: unknown[];
    let depth = 1;
    if (Array.isArray(whole)) list = whole;
    else if (whole && typeof whole === "object" && "data" in whole) {
      const data = (whole as { data: unknown }).data;
      depth = Array.isArray(data) ? 2 : 1;
      list = Array.isArray(data) ? data : data && typeof data === "object" ? [data] : [];
      notes.push('records read from the "data" field (the SIASN web service envelope)');
      if (!Array.isArray(data) && !(data && typeof data === "object")) {
        notes.push(`"data" holds no records (${JSON.stringify(valueText(data)).slice(0, 60)})`);
      }
    } else (list = [whole]), (depth = 0);
    const starts = elementLines(text, depth);
    const exact = Array.isArray(whole) || (depth === 2 && starts.length === list.length);
    if (!exact && list.length > 1) {
      notes.push("line numbers are record numbers (1 = the first record)");
    }
    records = list.map((value, i) => ({
      line: exact && starts.length === list.length
        ? starts[i]
        : list.length === 1
        ? (starts[0] ?? 1)
        : i + 1,
      value,
    }));
  } else {
    // One record per line (NDJSON); a line that is not JSON is quarantined, the others read.
    const lines = text.split(/\r?\n/);
    if (
      !lines.filter((l) => l.trim()).every((l) => /^\s*[{[]/.test(l)) ||
      lines.filter((l) => l.trim()).length < 2
    ) {
      throw new InputError(
        path,
        `not valid JSON (${wholeError.message.split("\n")[0].slice(0, 200)})`,
        "export the table again as JSON, or as CSV",
      );
    }
    records = [];
    for (const [i, l] of lines.entries()) {
      if (!l.trim()) continue;
      try {
        records.push({ line: i + 1, value: parse(l) });
      } catch (e) {
        records.push({
          line: i + 1,
          value: new Error((e as Error).message.split("\n")[0].slice(0, 120)),
        });
      }
    }
    notes.push("one record per line (NDJSON)");
  }
  // The header: every key, in the order first seen.
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    if (
      r.value && typeof r.value === "object" && !Array.isArray(r.value) &&
      !(r.value instanceof Error)
    ) {
      for (const k of Object.keys(r.value)) if (!seen.has(k)) (seen.add(k), keys.push(k));
    }
  }
  const header = keys.map(cleanHeaderCell);
  let mapping = new Map<number, string>();
  let ignored: string[] = [];
  if (records.length) {
    const m = mapHeader(table, header);
    if (!m.ok) throw new InputError(path, m.problem, m.fix);
    (mapping = m.mapping), (ignored = m.ignored);
  } else notes.push("no records");
  let count = 0, blank = 0;
  for (const r of records) {
    const v = r.value;
    if (v instanceof Error) {
      count++;
      rejects.push({ line: r.line, column: null, reason: `not valid JSON: ${v.message}` });
      continue;
    }
    if (!v || typeof v !== "object" || Array.isArray(v)) {
      count++;
      rejects.push({
        line: r.line,
        column: null,
        reason: "not a record (a JSON object with named fields)",
      });
      continue;
    }
    const o = v as Record<string, unknown>;
    const cells = keys.map((k) => valueText(o[k]));
    if (cells.every((c) => c.trim() === "")) {
      blank++;
      continue;
    }
    count++;
    sink(r.line, cells);
  }
  return { width: keys.length, header, mapping, ignored, records: count, blank, rejects, notes };
}
