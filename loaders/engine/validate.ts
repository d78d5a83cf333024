/**
 * Validation, the runner: turn `raw_<table>` (text) into its typed table, one reason per rejected
 * row in `quarantine`. The pieces: the dialect derivations (derive.ts) make `src_<table>`; the
 * code columns are mapped once per distinct value through the alias table (lookup.ts); every
 * check (checks.ts) is evaluated in one pass over the parsed columns (parse-sql.ts); exact
 * duplicates and repeated keys are found by sorted hashes; the failing rows are then worded.
 */
import { columns, type TableName } from "./contract.ts";
import { caseMap, type Db, ident, lit } from "../duck.ts";
import type { Period } from "./period.ts";
import {
  afterPeriod,
  caseOf,
  type Check,
  checksFor,
  code,
  contractColumns,
  duplicate,
  endChecks,
  tableChecks,
} from "./checks.ts";
import {
  cleanView,
  deriveView,
  detectMonthFirst,
  jenjangSql,
  refuseUnresolvedInstansi,
} from "./derive.ts";
import { countGaps, gapRowsSql } from "./gaps.ts";
import { aliasPairs } from "./lookup.ts";
import {
  countDuplicates,
  duplicateNote,
  exactDuplicates,
  firstLines,
  repeatingKeys,
} from "./duplicates.ts";
import { nipCleanFast, parseDate, parseNumber } from "./parse-sql.ts";
import { dropRawTable } from "./ingest.ts";

export interface ValidateResult {
  /**
   * Rows kept: in the typed table, or collapsed into an identical earlier line (`duplicates`), so
   * that read = used + quarantined holds and a repeated SIASN sync is not an error.
   */
  used: number;
  quarantined: number;
  /** Of the used rows, how many are exact duplicates collapsed into an earlier line. */
  duplicates: number;
  /** Of the used rows, per column, how many lack a value the method scores as absent (gaps.ts). */
  gaps: Record<string, number>;
  /** What the run should say about the file (month-first dates, rows after the period, ...). */
  notes: string[];
}
//
// `nip_kunci` is the NIP as a number, the key the facts are joined to pegawai by: every row kept
// has an 18-digit NIP, so the number names one NIP exactly. Nationally, measured alone: the
// trainings' facts 1.26 -> 1.10 s, bkn-2019's scores 3.75 -> 3.27 s. The history tables keep no
// NIP text (the quarantine words its reasons from the raw rows).
const TYPED: Record<TableName, string> = {
  pegawai:
    `nip__clean AS nip, nip__angka AS nip_kunci, nama, jenis_pegawai__code AS jenis_pegawai, kode_instansi, kode_unit, nama_unit,
    jenis_jabatan__code AS jenis_jabatan, nama_jabatan, pendidikan__code AS pendidikan`,
  // Only what the facts read (score.ts factsSql): a training's name and its two dates are checked
  // here and then never read again; writing them cost 1.5 s of the national run's 11.5 M rows.
  diklat: `nip__angka AS nip_kunci, jenis__code AS jenis, jenjang__code AS jenjang, jp__num AS jp,
    coalesce(tanggal_selesai__date, tanggal_mulai__date) AS tanggal`,
  kinerja:
    `nip__angka AS nip_kunci, TRY_CAST(tahun AS INTEGER) AS tahun, predikat__code AS predikat`,
  hukdis:
    `nip__angka AS nip_kunci, tingkat__code AS tingkat, jenis, tmt__date AS tmt, akhir__date AS akhir`,
};

/**
 * The columns of `checks` in which some value of `src` starts with '#'. Such a value sorts before
 * '$' (DuckDB compares text by bytes, and '#' is the byte before '$'), so a column whose least
 * value is '$' or after, or that is empty, holds none, and its spreadsheet checks cannot fail: one
 * min() per column instead of a starts_with per cell in each pass (the 11.5 M national trainings:
 * their seven columns' checks cost about 0.6 s of the typed table's 4.3 s, the min()s 0.25 s).
 */
async function columnsWithHash(db: Db, src: string, checks: Check[]): Promise<Set<string>> {
  const cols = [...new Set(checks.map((c) => c.column))];
  if (!cols.length) return new Set();
  const row = await db.one<Record<string, boolean>>(
    `SELECT ${
      cols.map((c) => `coalesce(min(${ident(c)}) < '$', FALSE) AS ${ident(c)}`).join(", ")
    } FROM ${src}`,
  );
  return new Set(cols.filter((c) => row[c]));
}

/**
 * Validate one table into its typed table (named after the table). Order matters: pegawai first,
 * since the history tables check their NIPs against it. Returns rows used and quarantined.
 */
export async function validateTable(
  db: Db,
  table: TableName,
  file: string | string[],
  period: Period,
  /** List each row with a data gap into `celah` (the internal worklists read it). */
  o: { listGaps?: boolean } = {},
): Promise<ValidateResult> {
  const notes: string[] = [];
  // A table may come from several files: `_file` (their index) then takes part in every line key.
  const files = typeof file === "string" ? [file] : file;
  const { multi } = await db.one<{ multi: number }>(
    `SELECT count(*) AS multi FROM information_schema.columns WHERE table_name = ${
      lit(`raw_${table}`)
    } AND column_name = '_file'`,
  );
  // One BIGINT that orders records by file, then line: (file << 40) + line.
  const ord = Number(multi) ? "(CAST(_file AS BIGINT) << 40) + _line" : "_line";
  const lineOf = (o: string) => `(${o} & 1099511627775)`;
  const fileOf = (o: string) =>
    files.length > 1
      ? caseMap(`(${o} >> 40)`, files.map((f, i) => [i, lit(f)]), lit(files[0]))
      : lit(files[0]);
  const where = (o: string) =>
    files.length > 1
      ? ` || CASE WHEN (${o} >> 40) <> (_ord >> 40) THEN ' of ' || ${fileOf(o)} ELSE '' END`
      : "";
  const cols = contractColumns(table);
  const source = columns(table).filter((c) => c.sumberSaja);
  // Which source-only columns the file filled: only those are derived from.
  const present = new Set<string>();
  if (source.length) {
    const counts = await db.one<Record<string, number>>(
      `SELECT ${
        source.map((c) => `count(${ident(c.name)}) AS ${ident(c.name)}`).join(", ")
      } FROM raw_${table}`,
    );
    for (const c of source) if (Number(counts[c.name]) > 0) present.add(c.name);
  }
  notes.push(...await cleanView(db, table));
  await deriveView(db, table, present);
  const src = `src_${table}`;
  if (table === "pegawai" && (present.has("nama_instansi") || present.has("nama_instansi_induk"))) {
    await refuseUnresolvedInstansi(db, files.join(", "));
  }
  // Each code column: its distinct values mapped once through the alias table, then joined.
  const codes = cols.filter((c) => c.kind === "code");
  for (const c of codes) {
    await db.run(`CREATE OR REPLACE TEMP TABLE map_${c.name} AS
      SELECT raw, (SELECT code FROM alias WHERE kind = ${
      lit(c.code!)
    } AND key = norm_code(raw)) AS code
      FROM (SELECT DISTINCT ${ident(c.name)} AS raw FROM ${src} WHERE ${
      ident(c.name)
    } IS NOT NULL)`);
  }
  const dates = cols.filter((c) => c.kind === "date");
  const monthFirst = await detectMonthFirst(db, src, dates.map((c) => c.name));
  if (monthFirst) notes.push(monthFirst);
  // Every parse happens once, in a column the checks and the typed table reuse.
  const shaped = dates.map((c) => `date_shape(t.${ident(c.name)}) AS ${ident(c.name + "__shape")}`);
  const parsed = [
    ...dates.map((c) =>
      `${parseDate(ident(c.name), ident(c.name + "__shape"), !!monthFirst)} AS ${
        ident(c.name + "__date")
      }`
    ),
    ...cols.filter((c) => c.kind === "number").map((c) =>
      `${parseNumber(ident(c.name))} AS ${ident(c.name + "__num")}`
    ),
    // The NIP as a number: for the NIP structure checks (see nipDigits), and kept as `nip_kunci`.
    "TRY_CAST(nip__clean AS BIGINT) AS nip__angka",
  ];
  // Duplicates: the first line of each NIP (and year, for SKP) among rows that pass the row checks.
  const duplicateKey = table === "pegawai"
    ? "nip__clean"
    : table === "kinerja"
    ? "nip__clean, tahun"
    : null;
  const history = table !== "pegawai";
  // A code column's value: its mapping, or what derive.ts reads for it once the others are mapped.
  const mapped = new Map(codes.map((c) => [c.name, `m_${c.name}.code`]));
  if (table === "diklat") {
    mapped.set("jenjang", await jenjangSql(db, "m_jenis.code", "m_jenjang.code"));
  }
  // Rows of `source` (the derived raw table, or its failing rows) with their parsed columns.
  const parsedFrom = (from: string) =>
    `SELECT *${parsed.length ? ", " + parsed.join(", ") : ""} FROM (
      SELECT t.*, ${nipCleanFast("t.nip")} AS nip__clean${
      shaped.length ? ", " + shaped.join(", ") : ""
    }${codes.map((c) => `, ${mapped.get(c.name)} AS ${code(c)}`).join("")} FROM ${from} t${
      codes.map((c) =>
        ` LEFT JOIN map_${c.name} m_${c.name} ON t.${ident(c.name)} = m_${c.name}.raw`
      ).join("")
    })`;
  const struktural = (await aliasPairs(db, "jabatan_struktural")).map(([k]) => k);
  const after = afterPeriod(table, period);
  const contract = checksFor(table, period, present, struktural);
  const withHash = await columnsWithHash(db, src, contract.filter((c) => c.hashOnly));
  const rowChecks = [
    ...(history ? [duplicate(`${lineOf("_dup_of")}${where("_dup_of")}`)] : []),
    ...contract.filter((c) => !c.hashOnly || withHash.has(c.column)),
  ];
  const later = [
    ...tableChecks(table, period, `${lineOf("_first_line")}${where("_first_line")}`),
    ...endChecks(table),
    ...(after ? [after] : []),
  ];
  const all = caseOf([...rowChecks, ...later]);
  const ordered = `(SELECT *, ${ord} AS _ord FROM ${src})`;
  const keys = duplicateKey?.split(", ") ?? [];
  const rawKey = (t: string) =>
    keys.map((k) => k === "nip__clean" ? nipCleanFast(`${t}nip`) : `${t}${k}`).join(", ");
  if (duplicateKey) await repeatingKeys(db, table, src, rawKey(""));
  const base = history
    ? await exactDuplicates(db, table, src, ordered, duplicateKey ? rawKey("") : null)
    : ordered;
  // One pass: the first failing check, row checks before table checks. With a duplicate check,
  // the later checks see only rows that passed the row checks, so a bad row never makes a good
  // one a duplicate (duplicates.ts, firstLines).
  let checks = `SELECT *, ${all.index} AS _check FROM (${parsedFrom(base)})`;
  // A row's first line of its key (correlated on alias x), for the reasons of the failing rows.
  let firstOf = "CAST(NULL AS BIGINT)";
  if (duplicateKey) {
    firstOf = await firstLines(db, table, {
      keys,
      rows: parsedFrom(
        `(SELECT b.* FROM ${base} b WHERE hash(${rawKey("b.")}) IN (SELECT _h FROM rep_${table}))`,
      ),
      rowIndex: caseOf(rowChecks).index,
      // An SKP without predikat is a data gap: it is never the first of its NIP and year.
      keyed: table === "kinerja" ? "predikat__code IS NOT NULL" : "TRUE",
    });
    checks = `SELECT * EXCLUDE (_row), CASE WHEN _row IS NOT NULL THEN _row ELSE ${
      caseOf(later, rowChecks.length + 1).index
    } END AS _check FROM (
        SELECT *, CASE WHEN _row IS NULL THEN ${firstOf} END AS _first_line
        FROM (SELECT *, ${caseOf(rowChecks).index} AS _row FROM (${parsedFrom(base)})) x)`;
  }
  // Only the typed columns are kept, with each row's failing check; the failing rows are parsed
  // again from the raw table to word their reasons, with their first lines looked up again
  // (duplicate keys, exact duplicates). Copying the wide raw and parsed columns of every row cost
  // more than the checks themselves; writing the first lines and a line column beside the order
  // key cost nationally 0.35 s of the 11.5 M trainings' 4.2 s.
  await db.run(`CREATE OR REPLACE TABLE ${table} AS
    SELECT _ord, ${TYPED[table]}, _check FROM (${checks})`);
  const failing = `(SELECT r.*, f._check, ${
    history ? `coalesce(d._dup_of, r._ord)` : "CAST(NULL AS BIGINT)"
  } AS _dup_of FROM (SELECT *, ${ord} AS _ord FROM ${src}) r
    JOIN (SELECT _ord, _check FROM ${table} WHERE _check IS NOT NULL) f USING (_ord)${
    history ? ` LEFT JOIN dup_${table} d USING (_ord)` : ""
  })`;
  const dupIndex = history ? 1 : -1;
  // Exact duplicates are the rows of dup_<table>: the duplicate check comes first. The note names
  // the first 20: only those are sorted (an ordered string_agg over every row sorted all 11.5 M
  // national diklat rows for it, 2.2 s).
  const duplicates = history ? await countDuplicates(db, table) : 0;
  const dupNote = duplicates > 0 ? await duplicateNote(db, table, duplicates, lineOf) : null;
  const gapRows = o.listGaps
    ? gapRowsSql(table, {
      typed: `(SELECT * FROM ${table} WHERE _check IS NULL)`,
      raw: `(SELECT *, ${ord} AS _ord FROM ${src})`,
      fileOf: fileOf("_ord"),
      lineOf: lineOf("_ord"),
    })
    : null;
  if (gapRows) await db.run(`INSERT INTO celah ${gapRows}`);
  await db.run(
    `INSERT INTO quarantine SELECT ${lit(table)}, ${
      fileOf("_ord")
    }, _line, ${all.column}, ${all.code}, ${all.value}, ${all.reason} FROM (
      SELECT *, ${firstOf} AS _first_line FROM (${parsedFrom(failing)}) x
    ) WHERE _check <> ${dupIndex};
    DELETE FROM ${table} WHERE _check IS NOT NULL;
    ALTER TABLE ${table} DROP COLUMN _check;
    ALTER TABLE ${table} DROP COLUMN _ord;
    DROP VIEW src_${table};
    DROP VIEW clean_${table};
    DROP TABLE IF EXISTS dup_${table};
    DROP TABLE IF EXISTS first_${table};
    DROP TABLE IF EXISTS rep_${table};
  `,
  );
  await dropRawTable(db, table);
  // A duplicate is read and kept, collapsed into its first line: counted in `used` (and apart in
  // `duplicates`), so read = used + quarantined holds and a repeated sync is not an error.
  const used = Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)).n) +
    Number(duplicates);
  const { quarantined } = await db.one<{ quarantined: number }>(
    `SELECT count(*) AS quarantined FROM quarantine WHERE tabel = ${lit(table)}`,
  );
  if (dupNote) notes.push(dupNote);
  return { used, quarantined, duplicates: duplicates, gaps: await countGaps(db, table), notes };
}
