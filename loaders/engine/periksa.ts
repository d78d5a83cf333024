/**
 * Periksa ("check"): a dry run of the pipeline's load → validate steps over every period folder,
 * reporting what a real run would do with each file before anything is scored or written: the
 * header dialect recognised, each source column's contract column, the columns ignored or refused,
 * the coded values not recognised, how many dates parse, and the rows that would be used or
 * quarantined, with the same limit (`--max-quarantine`) that makes a real run fail.
 *
 * It runs the real run's own load → validate step (step.ts loadAndValidate, with the same wilayah,
 * alias files and meta.json checks as pipeline.ts) and looks into each table through its hooks,
 * so its read / used / quarantined equal the accounting.json a real run writes (tests/periksa.test.ts
 * holds that), and the official results (`resmi`) are reported like the other tables. It writes nothing but DuckDB's spill files, in a
 * temp folder it removes.
 */
import { basename, join, resolve } from "node:path";
import { Db, ident, inList, lit } from "../duck.ts";
import { InputError, UserError } from "../errors.ts";
import { ROOT } from "../paths.ts";
import { columns, type InputTable, mapHeader } from "./contract.ts";
import { loadProfiles, methodsDir } from "./method.ts";
import { duckdbMemory, memoryBudget, periodMemory } from "./budget.ts";
import { parsePeriod } from "./period.ts";
import {
  baku as defaultMethod,
  listPeriods,
  type PeriodMeta,
  readPeriodMeta,
  wilayahPathFor,
} from "./periods.ts";
import { loadReferensi } from "../reference.ts";
import { errorShare, limitProblem, loadAndValidate, type LoadStep } from "./step.ts";
import { loadAliases } from "./aliases.ts";
import { parseDate } from "./parse-sql.ts";

export interface PeriksaOptions {
  raw: string;
  /** A table whose quarantined share is above this makes a real run fail (default 0.1). */
  maxQuarantineShare?: number;
  aliasesPath?: string;
  wilayahPath?: string;
  methodsDir?: string;
}

/** One source column and the contract column it is read as (and, for a source-only column, what it fills). */
export interface ColumnMap {
  source: string;
  column: string;
  /** Contract columns a source-only column stands in for (`eselon` → jenis_jabatan). */
  fills?: string[];
}

export interface UnknownValue {
  column: string;
  value: string;
  count: number;
  /** First line of the file holding it. */
  line: number;
}

export interface DateRate {
  column: string;
  /** Non-empty values, and of them how many parse as a date (the validation's formats and order). */
  values: number;
  parsed: number;
  /** parsed / values, null without values. */
  rate: number | null;
}

export interface FileReport {
  file: string;
  format: string;
  /** The dialect most matched columns come from ("kontrak" = the contract's own names); null when the header could not be read back. */
  dialect: string | null;
  columns: ColumnMap[];
  /** Columns read as nothing (refused ones aside). */
  ignored: string[];
  /** Columns left out on purpose, with the reason (SIASN's kode cepat, hasilKinerja, ...). */
  refused: { header: string; reason: string }[];
  read: number;
  used: number;
  quarantined: number;
  blank: number;
  unknown: UnknownValue[];
  dates: DateRate[];
}

export interface ReasonCount {
  /** The reason's code (checks.ts) and the column it is about: like rows group. */
  code: string;
  column: string | null;
  count: number;
  /** One full reason, its file and line. */
  example: string;
  file: string;
  line: number;
}

export interface TableReport {
  table: InputTable;
  read: number;
  used: number;
  quarantined: number;
  duplicates: number;
  /**
   * Of the quarantined rows, those dated after the period (an export pulled later holds them):
   * set aside, not errors (as step.ts and pipeline.ts).
   */
  after_period: number;
  /** Of the used rows, per column, how many lack a value scored as absent (data gaps). */
  gaps: Record<string, number>;
  /** Quarantined rows by reason code. */
  errors: Record<string, number>;
  blank: number;
  /** Rows quarantined as errors (quarantined − after_period) / read; 0 for an empty table. */
  share: number;
  /** Over the failure limit (step.ts limitProblem): a real run stops here, with this problem. */
  overLimit: boolean;
  limit: string | null;
  notes: string[];
  reasons: ReasonCount[];
  files: FileReport[];
}

export interface ErrorReport {
  file: string | null;
  problem: string;
  fix: string | null;
  message: string;
}

export interface PeriodReport {
  periode: string;
  tables: TableReport[];
  /** An input error that stops a real run in this period (tables after it are not inspected). */
  error?: ErrorReport;
}

export interface PeriksaReport {
  raw: string;
  wilayah: string;
  aliases: string;
  /** The optional share limit (--max-quarantine); null: only the mis-read-file rule. */
  maxQuarantineShare: number | null;
  /** A real run would succeed. */
  ok: boolean;
  summary: string;
  /** An input error outside any period (the raw folder, the reference, the aliases, the profiles). */
  error?: ErrorReport;
  periods: PeriodReport[];
}

/** How many reasons and unknown values a table or file reports (the JSON and the text alike). */
const TOP = 10;

export async function periksa(o: PeriksaOptions): Promise<PeriksaReport> {
  const raw = resolve(o.raw);
  const max = o.maxQuarantineShare;
  // The same choices as pipeline.ts runPipeline.
  const aliasesPath = o.aliasesPath ?? join(ROOT, "data/aliases/kode.json");
  const wilayahPath = o.wilayahPath ?? wilayahPathFor(raw);
  const report: PeriksaReport = {
    raw,
    wilayah: wilayahPath,
    aliases: aliasesPath,
    maxQuarantineShare: max ?? null,
    ok: true,
    summary: "",
    periods: [],
  };
  let periods: string[];
  let aliases, wilayah, profiles;
  try {
    profiles = await loadProfiles(o.methodsDir ?? methodsDir());
    aliases = await loadAliases(aliasesPath);
    wilayah = await loadReferensi(wilayahPath);
    periods = listPeriods(raw);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    report.error = errorReport(err);
    return finish(report);
  }
  for (const p of periods) {
    const pr: PeriodReport = { periode: p, tables: [] };
    report.periods.push(pr);
    const dir = join(raw, p);
    try {
      const meta = readPeriodMeta(dir, profiles);
      await inspectPeriod(dir, p, { profiles, aliases, wilayah, log: () => {} }, meta, max, pr);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      pr.error = errorReport(err);
    }
  }
  return finish(report);
}

function errorReport(err: UserError): ErrorReport {
  return err instanceof InputError
    ? { file: err.file, problem: err.problem, fix: err.fix, message: err.message }
    : { file: null, problem: err.message, fix: null, message: err.message };
}

/** ok and the one summary line. */
function finish(r: PeriksaReport): PeriksaReport {
  const failures: string[] = [];
  if (r.error) failures.push(`${r.error.file ?? ""}${r.error.file ? ": " : ""}${r.error.problem}`);
  for (const p of r.periods) {
    for (const t of p.tables) {
      if (t.overLimit) {
        failures.push(`${p.periode}/${t.table}: ${t.limit}`);
      }
    }
    if (p.error) failures.push(`${p.periode}: ${p.error.file ?? ""}: ${p.error.problem}`);
  }
  r.ok = failures.length === 0;
  const tables = r.periods.flatMap((p) => p.tables);
  const total = (t: TableReport, k: "read" | "used" | "quarantined" | "gaps") =>
    k === "gaps" ? Object.values(t.gaps).reduce((s, n) => s + n, 0) : t[k];
  const sum = (k: "read" | "used" | "quarantined" | "gaps") =>
    tables.reduce((s, t) => s + total(t, k), 0).toLocaleString("en-US");
  if (r.ok) {
    r.summary = `OK: a real run would succeed: ${r.periods.length} period${
      r.periods.length === 1 ? "" : "s"
    }, ${sum("read")} rows read, ${sum("used")} would be used, ${sum("quarantined")} quarantined, ${
      sum("gaps")
    } data gaps${
      r.maxQuarantineShare === null ? "" : ` (limit ${pct(r.maxQuarantineShare)} per table)`
    }`;
  } else {
    r.summary = `FAIL: a real run would stop: ${failures[0]}${
      failures.length > 1
        ? ` (and ${failures.length - 1} more problem${failures.length > 2 ? "s" : ""})`
        : ""
    }`;
  }
  return r;
}

export function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

/** One period: the steps of step.ts loadAndValidate, with the facts a real run does not keep. */
async function inspectPeriod(
  dir: string,
  periode: string,
  step: Omit<LoadStep, "periode" | "dir" | "baku" | "kodeInstansi">,
  meta: PeriodMeta,
  max: number | undefined,
  pr: PeriodReport,
): Promise<void> {
  const period = parsePeriod(periode);
  const tmp = await Deno.makeTempDir({ prefix: "ipasn-periksa-" });
  const db = await Db.open(":memory:", {
    temp_directory: tmp,
    preserve_insertion_order: "true",
    ...periodMemory(dir, duckdbMemory(memoryBudget())),
  });
  // The dates of a table as read, taken before validation drops raw_<table>.
  let dates: Awaited<ReturnType<typeof dateCounts>> = [];
  try {
    // Exactly the real run's load → validate (step.ts), looking into each table on the way.
    await loadAndValidate(
      db,
      {
        ...step,
        periode,
        dir,
        baku: defaultMethod(periode, step.profiles, meta),
        kodeInstansi: meta.kode_instansi ?? null,
      },
      period,
      tmp,
      {
        loaded: async (t) => {
          dates = t === "resmi" ? [] : await dateCounts(db, t);
        },
        validated: async (t, acc, loaded, src) => {
          const monthFirst = acc.notes.some((n) => n.startsWith("dates read month-first"));
          const perFile = await quarantineByFile(db, t);
          const unknown = await unknownValues(db, t);
          const files: FileReport[] = loaded.files.map((f, i) => {
            const m = mapHeader(t, f.header);
            const mapped = m.ok ? m : null;
            const q = perFile.get(f.file) ?? 0;
            return {
              file: f.file,
              format: (src.files[i] ?? src).format,
              dialect: mapped?.dialect ?? null,
              columns: mapped
                ? [...mapped.mapping].map(([i, c]) => columnMap(t, f.header[i], c))
                : [],
              ignored: mapped
                ? mapped.ignored.filter((h) =>
                  h.trim() !== "" && !mapped.refused.some((r) => r.header === h)
                )
                : [],
              refused: mapped?.refused ?? [],
              read: f.read,
              used: f.read - q,
              quarantined: q,
              blank: f.blank,
              unknown: unknown.filter((u) => u.file === f.file).slice(0, TOP).map((u) => ({
                column: u.column,
                value: u.value,
                count: u.count,
                line: u.line,
              })),
              dates: dates.filter((d) => d.file === i).map((d) => {
                const parsed = monthFirst ? d.monthFirst : d.dayFirst;
                return {
                  column: d.column,
                  values: d.values,
                  parsed,
                  rate: d.values ? parsed / d.values : null,
                };
              }),
            };
          });
          const limit = limitProblem(acc, max);
          pr.tables.push({
            table: t,
            read: acc.read,
            used: acc.used,
            quarantined: acc.quarantined,
            duplicates: acc.duplicates,
            after_period: acc.after_period ?? 0,
            gaps: acc.gaps,
            errors: acc.errors,
            blank: acc.blank,
            share: errorShare(acc),
            overLimit: limit !== null,
            limit: limit && `${shortName(limit.file, dir)}: ${limit.problem}`,
            notes: acc.notes,
            reasons: await topReasons(db, t),
            files,
          });
        },
      },
    );
  } finally {
    db.close();
    await Deno.remove(tmp, { recursive: true });
  }
}

function columnMap(table: InputTable, source: string, column: string): ColumnMap {
  const spec = columns(table);
  if (!spec.find((c) => c.name === column)?.sumberSaja) return { source, column };
  const fills = spec.filter((c) => (c.dari ?? []).includes(column)).map((c) => c.name);
  // Derivations that are not a plain `dari` (validate.ts deriveView).
  if (!fills.length && column === "latihan_struktural_id") fills.push("jenis", "jenjang");
  return fills.length ? { source, column, fills } : { source, column };
}

/** Per file and date column (contract and source-only): values, and how many parse day-first and month-first. */
async function dateCounts(
  db: Db,
  table: InputTable,
): Promise<
  { file: number; column: string; values: number; dayFirst: number; monthFirst: number }[]
> {
  const present = new Set(
    (await db.all<{ c: string }>(
      `SELECT column_name AS c FROM information_schema.columns WHERE table_name = ${
        lit(`raw_${table}`)
      }`,
    )).map((r) => r.c),
  );
  const spec = columns(table);
  const dateCols = spec.filter((c) => c.kind === "date").map((c) => c.name);
  // Source-only columns that stand in for a date column (tanggalKursus for tanggal_mulai).
  for (const c of spec) {
    if (c.kind === "date") dateCols.push(...(c.dari ?? []));
  }
  const out = [];
  for (const name of dateCols.filter((c) => present.has(c))) {
    const x = ident(name);
    // The formats of validate.ts and either order of day and month.
    const parse = (monthFirst: boolean) => parseDate(x, `date_shape(${x})`, monthFirst);
    const rows = await db.all<
      { file: number; values: number; day: number; month: number }
    >(
      `SELECT _file AS file, count(${x}) AS values,
        count(${parse(false)}) AS day,
        count(${parse(true)}) AS month
      FROM raw_${table} GROUP BY _file HAVING count(${x}) > 0 ORDER BY _file`,
    );
    for (const r of rows) {
      out.push({
        file: Number(r.file),
        column: name,
        values: Number(r.values),
        dayFirst: Number(r.day),
        monthFirst: Number(r.month),
      });
    }
  }
  return out;
}

async function quarantineByFile(db: Db, table: InputTable): Promise<Map<string, number>> {
  const rows = await db.all<{ file: string; n: number }>(
    `SELECT file, count(*) AS n FROM quarantine WHERE tabel = ${lit(table)} GROUP BY file`,
  );
  return new Map(rows.map((r) => [r.file, Number(r.n)]));
}

/**
 * Coded values not recognised, by their reason codes: a code no alias knows, the instansi code or
 * name not in the reference, an eselon that is not known.
 */
const UNKNOWN_CODES = [
  "unknown_code",
  "instansi_unknown",
  "instansi_name_unknown",
  "eselon_unknown",
];

async function unknownValues(
  db: Db,
  table: InputTable,
): Promise<(UnknownValue & { file: string })[]> {
  const rows = await db.all<UnknownValue & { file: string }>(
    `SELECT file, "column", value, count(*) AS count, min(line) AS line
    FROM quarantine WHERE tabel = ${lit(table)} AND ${inList("code", UNKNOWN_CODES)}
    GROUP BY ALL ORDER BY file, count DESC, "column", value`,
  );
  return rows.map((r) => ({ ...r, count: Number(r.count), line: Number(r.line) }));
}

/** The quarantine's reasons by code and column, most frequent first, with one full example. */
async function topReasons(db: Db, table: InputTable): Promise<ReasonCount[]> {
  const rows = await db.all<ReasonCount>(
    `SELECT code, "column", count(*) AS count, arg_min(reason, line) AS example,
      arg_min(file, line) AS file, min(line) AS line
    FROM quarantine WHERE tabel = ${
      lit(table)
    } GROUP BY ALL ORDER BY count DESC, code, "column" LIMIT ${TOP}`,
  );
  return rows.map((r) => ({ ...r, count: Number(r.count), line: Number(r.line) }));
}

export function shortName(file: string, raw: string): string {
  const r = resolve(raw) + "/";
  return file.startsWith(r) ? file.slice(r.length) : basename(file);
}

const WIDTH = 100;

/** `items` joined by `sep`, wrapped at WIDTH with every line after the first indented by `indent`. */
function wrap(first: string, items: string[], indent: string, sep = ", "): string[] {
  const lines: string[] = [];
  let line = first;
  for (const [i, item] of items.entries()) {
    const piece = item + (i < items.length - 1 ? sep.trimEnd() : "");
    if (line.length > indent.length && line.length + 1 + piece.length > WIDTH) {
      lines.push(line);
      line = indent + piece;
    } else line += (line.endsWith(" ") ? "" : " ") + piece;
  }
  lines.push(line);
  return lines;
}

/** The human report (English, at most about 100 columns): per period, table and file; then the summary line. */
export function formatReport(r: PeriksaReport): string {
  const out: string[] = [];
  const n = (x: number) => x.toLocaleString("en-US");
  out.push(`periksa ${r.raw}`);
  out.push(`  reference ${r.wilayah}`);
  out.push(`  aliases   ${r.aliases}`);
  if (r.error) out.push("", `error: ${r.error.message}`);
  for (const p of r.periods) {
    out.push("", `== ${p.periode} ${"=".repeat(Math.max(3, WIDTH - 5 - p.periode.length))}`);
    for (const t of p.tables) {
      out.push(
        `${t.table}: ${n(t.read)} read, ${n(t.used)} would be used, ${
          n(t.quarantined)
        } quarantined${t.after_period ? ` (${n(t.after_period)} dated after the period)` : ""} (${
          pct(t.share)
        } as errors)${t.duplicates ? `, ${n(t.duplicates)} duplicates` : ""}${
          t.blank ? `, ${n(t.blank)} blank records` : ""
        }${t.overLimit ? "  OVER THE LIMIT" : ""}`,
      );
      const gaps = Object.entries(t.gaps).filter(([, x]) => x > 0);
      if (gaps.length) {
        out.push(
          ...wrap(
            "  data gaps (used, scored as absent):",
            gaps.map(([c, x]) => `${c} ${n(x)}`),
            "      ",
          ),
        );
      }
      for (const f of t.files) {
        out.push(
          `  ${shortName(f.file, join(r.raw, p.periode))} [${f.format}] dialect ${
            f.dialect ?? "?"
          }: ${n(f.read)} read, ${n(f.used)} used, ${n(f.quarantined)} quarantined${
            f.blank ? `, ${n(f.blank)} blank` : ""
          }`,
        );
        if (f.columns.length) {
          out.push(
            ...wrap(
              "    columns:",
              f.columns.map((c) =>
                c.source === c.column && !c.fills
                  ? c.column
                  : `${c.source} → ${c.column}${c.fills ? ` (→ ${c.fills.join("/")})` : ""}`
              ),
              "      ",
            ),
          );
        } else if (f.dialect === null) out.push("    columns: (header not read back)");
        if (f.ignored.length) out.push(...wrap("    ignored:", f.ignored, "      "));
        for (const x of f.refused) {
          out.push(...wrap(`    refused: ${x.header}:`, x.reason.split(" "), "      ", " "));
        }
        if (f.unknown.length) {
          out.push(
            ...wrap(
              "    not recognised:",
              f.unknown.map((u) => `${u.column} "${u.value}" ×${n(u.count)} (line ${u.line})`),
              "      ",
            ),
          );
        }
        if (f.dates.length) {
          out.push(
            ...wrap(
              "    dates parse:",
              f.dates.map((d) =>
                `${d.column} ${d.rate === null ? "-" : pct(d.rate)} of ${n(d.values)}`
              ),
              "      ",
            ),
          );
        }
      }
      if (t.reasons.length) out.push("  quarantine reasons:");
      for (const q of t.reasons) {
        out.push(
          ...wrap(
            `    ${n(q.count).padStart(6)} ×`,
            `${q.code}${q.column ? ` (${q.column})` : ""}: ${q.example} (e.g. ${
              shortName(q.file, join(r.raw, p.periode))
            } line ${q.line})`
              .split(" "),
            "             ",
            " ",
          ),
        );
      }
      for (const note of t.notes) out.push(...wrap("  note:", note.split(" "), "        ", " "));
    }
    if (p.error) out.push(`error: ${p.error.message}`);
  }
  out.push("", `periksa: ${r.summary}`);
  return out.join("\n");
}
