/**
 * Validation: turn `raw_<table>` (text) into typed tables, one reason per rejected row in
 * `quarantine`. The checks are generated from the contract's column kinds; the code columns are
 * normalised through the alias tables in data/aliases/.
 */
import { type AliasKind, columns, type ColumnSpec, type TableName } from "./contract.ts";
import { type Db, ident, lit } from "../duck.ts";
import type { Period } from "./period.ts";

export type Aliases = Record<AliasKind, Record<string, string[]>>;

/** The normalisation used on both sides of an alias match: upper case, no dots, punctuation as one space. */
export function normaliseCode(s: string): string {
  return s.toUpperCase().replaceAll(".", "").replace(/[^A-Z0-9]+/g, " ").trim();
}

export async function loadAliases(path: string): Promise<Aliases> {
  const json = JSON.parse(await Deno.readTextFile(path));
  delete json.$comment;
  return json as Aliases;
}

/** Macros and lookup tables the checks use. */
export async function prepare(db: Db, aliases: Aliases, kodeInstansi: string[]): Promise<void> {
  await db.run(`
    CREATE OR REPLACE MACRO norm_code(x) AS trim(regexp_replace(upper(replace(x, '.', '')), '[^A-Z0-9]+', ' ', 'g'));
    CREATE OR REPLACE MACRO date_shape(x) AS CASE
      WHEN regexp_full_match(x, '\\d{4}-\\d{1,2}-\\d{1,2}') THEN '%Y-%m-%d'
      WHEN regexp_full_match(x, '\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?') THEN 'ISO'
      WHEN regexp_full_match(x, '\\d{1,2}-\\d{1,2}-\\d{4}') THEN '%d-%m-%Y'
      WHEN regexp_full_match(x, '\\d{1,2}/\\d{1,2}/\\d{4}') THEN '%d/%m/%Y'
    END;
    CREATE OR REPLACE TABLE alias (kind VARCHAR, key VARCHAR, code VARCHAR);
    CREATE OR REPLACE TABLE ref_instansi (kode_instansi VARCHAR PRIMARY KEY);
    CREATE OR REPLACE TABLE quarantine (tabel VARCHAR, file VARCHAR, line BIGINT, "column" VARCHAR, reason VARCHAR);
  `);
  const rows: string[] = [];
  for (const [kind, codes] of Object.entries(aliases)) {
    const seen = new Map<string, string>();
    for (const [code, spellings] of Object.entries(codes)) {
      for (const s of [code, ...spellings]) {
        const key = normaliseCode(s);
        const prev = seen.get(key);
        if (prev && prev !== code) {
          throw new Error(`alias "${s}" of ${kind} means both ${prev} and ${code}`);
        }
        if (!prev) rows.push(`(${lit(kind)}, ${lit(key)}, ${lit(code)})`);
        seen.set(key, code);
      }
    }
  }
  await db.run(`INSERT INTO alias VALUES ${rows.join(", ")}`);
  await db.run(
    `INSERT INTO ref_instansi VALUES ${kodeInstansi.map((k) => `(${lit(k)})`).join(", ")}`,
  );
}

interface Check {
  column: string;
  /** SQL that is true when the row fails. */
  fails: string;
  /** SQL string expression: the reason. */
  reason: string;
}

const q = (s: string) => lit(s);
const code = (c: ColumnSpec) => `${c.name}__code`;

function checksFor(table: TableName, period: Period, parse: Map<string, string>): Check[] {
  const checks: Check[] = [];
  const latest = `DATE '${period.year + 1}-12-31'`;
  for (const c of columns(table)) {
    const col = ident(c.name);
    const required = c.required === "yes"
      ? "TRUE"
      : typeof c.required === "object"
      ? `${
        code(columns(table).find((x) => x.name === (c.required as { when: string }).when)!)
      } IN (${c.required.in.map(q).join(", ")})`
      : "FALSE";
    if (c.required !== "no" && c.required !== "column") {
      checks.push({
        column: c.name,
        fails: `${col} IS NULL AND (${required})`,
        reason: q(`${c.name} is empty`) +
          (typeof c.required === "object"
            ? ` || ${q(` (required when ${c.required.when} is ${c.required.in.join("/")})`)}`
            : ""),
      });
    }
    switch (c.kind) {
      case "nip": {
        checks.push(
          {
            column: c.name,
            fails: `starts_with(${col}, '#EXCEL_NUMBER:')`,
            reason: q(
              "NIP is stored as a number in Excel, which keeps only 15 digits; format the column as text and enter the NIP again",
            ),
          },
          {
            column: c.name,
            fails: `NOT regexp_full_match(${parse.get(c.name)}, '\\d{18}')`,
            reason: `'NIP must be 18 digits, got "' || left(${col}, 40) || '" (' || length(${
              parse.get(c.name)
            }) || ' characters)'`,
          },
        );
        break;
      }
      case "code":
        checks.push({
          column: c.name,
          fails: `${col} IS NOT NULL AND ${code(c)} IS NULL`,
          reason: `'unknown ${c.name} "' || left(${col}, 60) || '"; use one of: ${
            codeList(c.code!)
          } (or an alias in data/aliases/kode.json)'`,
        });
        break;
      case "kode_instansi":
        checks.push({
          column: c.name,
          fails: `${col} IS NOT NULL AND ${col} NOT IN (SELECT kode_instansi FROM ref_instansi)`,
          reason:
            `'kode_instansi "' || left(${col}, 20) || '" is not in the instansi reference table'`,
        });
        break;
      case "date":
        checks.push(
          {
            column: c.name,
            fails: `${col} IS NOT NULL AND ${ident(c.name + "__shape")} IS NULL`,
            reason:
              `'unreadable date "' || left(${col}, 40) || '"; use YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY'`,
          },
          {
            column: c.name,
            fails: `${col} IS NOT NULL AND ${ident(c.name + "__date")} IS NULL`,
            reason: `'impossible date "' || left(${col}, 40) || '"'`,
          },
          {
            column: c.name,
            fails: `${ident(c.name + "__date")} < DATE '1950-01-01'`,
            reason: `'date before 1950: "' || ${col} || '"'`,
          },
          {
            column: c.name,
            fails: c.future ? "FALSE" : `${ident(c.name + "__date")} > ${latest}`,
            reason: `'date in the future: "' || ${col} || '" is after ${period.year + 1}-12-31'`,
          },
        );
        break;
      case "number":
        checks.push(
          {
            column: c.name,
            fails: `${col} IS NOT NULL AND ${ident(c.name + "__num")} IS NULL`,
            reason: `'not a number: "' || left(${col}, 40) || '"'`,
          },
          {
            column: c.name,
            fails: `${ident(c.name + "__num")} < 0`,
            reason: `'negative ${c.name}: ' || ${col}`,
          },
          {
            column: c.name,
            fails: `NOT isfinite(${ident(c.name + "__num")})`,
            reason: `'not a finite number: ' || ${col}`,
          },
        );
        break;
      case "year":
        checks.push({
          column: c.name,
          fails:
            `${col} IS NOT NULL AND NOT (regexp_full_match(${col}, '\\d{4}') AND CAST(${col} AS INTEGER) BETWEEN 1990 AND ${
              period.year + 1
            })`,
          reason: `'${c.name} must be a year between 1990 and ${
            period.year + 1
          }, got "' || left(${col}, 20) || '"'`,
        });
        break;
      case "text":
        break;
    }
  }
  return checks;
}

function codeList(kind: AliasKind): string {
  return ({
    jenis_pegawai: "PNS, PPPK",
    jenis_jabatan: "JPT, ADMINISTRATOR, PENGAWAS, FUNGSIONAL, PELAKSANA",
    pendidikan: "S3, S2, S1, D4, D3, D2, D1, SLTA, SLTP, SD",
    jenis_diklat: "STRUKTURAL, FUNGSIONAL, TEKNIS, SEMINAR, WORKSHOP, KURSUS, MAGANG, LAINNYA",
    jenjang: "PIM_I, PIM_II, PIM_III, PIM_IV, PKN_I, PKN_II, PKA, PKP",
    predikat: "SANGAT_BAIK, BAIK, CUKUP, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG, BURUK",
    tingkat_hukdis: "RINGAN, SEDANG, BERAT",
  } as Record<AliasKind, string>)[kind];
}

/** Checks that need the whole table or another table (duplicates, unknown NIPs, NIP structure). */
function tableChecks(table: TableName, period: Period): Check[] {
  const nip = "nip__clean";
  const nipStructure: Check[] = [
    {
      column: "nip",
      fails: `jenis_pegawai__code = 'PNS' AND try_strptime(substr(${nip}, 1, 8), '%Y%m%d') IS NULL`,
      reason: `'NIP ' || ${nip} || ': digits 1-8 are not a valid birth date (YYYYMMDD)'`,
    },
    {
      column: "nip",
      fails:
        `jenis_pegawai__code = 'PNS' AND NOT (CAST(substr(${nip}, 1, 4) AS INTEGER) BETWEEN 1940 AND ${
          period.year - 15
        })`,
      reason: `'NIP ' || ${nip} || ': birth year ' || substr(${nip}, 1, 4) || ' is not plausible'`,
    },
    {
      column: "nip",
      fails:
        `jenis_pegawai__code = 'PNS' AND (try_strptime(substr(${nip}, 9, 6) || '01', '%Y%m%d') IS NULL OR CAST(substr(${nip}, 9, 4) AS INTEGER) NOT BETWEEN 1960 AND ${
          period.year + 1
        })`,
      reason: `'NIP ' || ${nip} || ': digits 9-14 are not a valid year-month'`,
    },
    {
      column: "nip",
      fails: `jenis_pegawai__code = 'PNS' AND substr(${nip}, 15, 1) NOT IN ('1', '2')`,
      reason: `'NIP ' || ${nip} || ': digit 15 (sex) must be 1 or 2'`,
    },
  ];
  switch (table) {
    case "pegawai":
      return [
        ...nipStructure,
        {
          column: "nip",
          fails: `_first_line < _line`,
          reason:
            `'duplicate NIP ' || ${nip} || ' (first at line ' || _first_line || '); keep one row per ASN'`,
        },
      ];
    case "kinerja":
      return [
        {
          column: "nip",
          fails: `${nip} NOT IN (SELECT nip FROM pegawai)`,
          reason: `'NIP ' || ${nip} || ' is not in pegawai'`,
        },
        {
          column: "tahun",
          fails: `_first_line < _line`,
          reason:
            `'second SKP for NIP ' || ${nip} || ' and year ' || tahun || ' (first at line ' || _first_line || '); keep one'`,
        },
      ];
    default:
      return [{
        column: "nip",
        fails: `${nip} NOT IN (SELECT nip FROM pegawai)`,
        reason: `'NIP ' || ${nip} || ' is not in pegawai'`,
      }];
  }
}

/** An end before its start, checked last: on rows whose dates are otherwise valid. */
function endChecks(table: TableName): Check[] {
  if (table === "diklat") {
    return [{
      column: "tanggal_selesai",
      fails: "tanggal_selesai__date < tanggal_mulai__date",
      reason:
        `'tanggal_selesai ' || tanggal_selesai || ' is before tanggal_mulai ' || tanggal_mulai`,
    }];
  }
  if (table === "hukdis") {
    return [{
      column: "akhir",
      fails: "akhir__date < tmt__date",
      reason: `'akhir ' || akhir || ' is before tmt ' || tmt`,
    }];
  }
  return [];
}

const TYPED: Record<TableName, string> = {
  pegawai:
    `nip__clean AS nip, nama, jenis_pegawai__code AS jenis_pegawai, kode_instansi, kode_unit, nama_unit,
    jenis_jabatan__code AS jenis_jabatan, nama_jabatan, pendidikan__code AS pendidikan`,
  diklat: `nip__clean AS nip, jenis__code AS jenis, jenjang__code AS jenjang, nama,
    jp__num AS jp, tanggal_mulai__date AS tanggal_mulai, tanggal_selesai__date AS tanggal_selesai,
    coalesce(tanggal_selesai__date, tanggal_mulai__date) AS tanggal`,
  kinerja: `nip__clean AS nip, TRY_CAST(tahun AS INTEGER) AS tahun, predikat__code AS predikat`,
  hukdis:
    `nip__clean AS nip, tingkat__code AS tingkat, jenis, tmt__date AS tmt, akhir__date AS akhir`,
};

/**
 * Validate one table into its typed table (named after the table). Order matters: pegawai first,
 * since the history tables check their NIPs against it. Returns rows used and quarantined.
 */
export async function validateTable(
  db: Db,
  table: TableName,
  file: string,
  period: Period,
): Promise<{ used: number; quarantined: number }> {
  const cols = columns(table);
  const parse = new Map(
    cols.filter((c) => c.kind === "nip").map((
      c,
    ) => [c.name, `regexp_replace(${ident(c.name)}, '\\s', '', 'g')`]),
  );
  // Each code column: its distinct values mapped once through the alias table, then joined.
  const codes = cols.filter((c) => c.kind === "code");
  for (const c of codes) {
    await db.run(`CREATE OR REPLACE TEMP TABLE map_${c.name} AS
      SELECT raw, (SELECT code FROM alias WHERE kind = ${
      lit(c.code!)
    } AND key = norm_code(raw)) AS code
      FROM (SELECT DISTINCT ${ident(c.name)} AS raw FROM raw_${table} WHERE ${
      ident(c.name)
    } IS NOT NULL)`);
  }
  // Every parse happens once, in a column the checks and the typed table reuse.
  const dates = cols.filter((c) => c.kind === "date");
  const shaped = dates.map((c) => `date_shape(t.${ident(c.name)}) AS ${ident(c.name + "__shape")}`);
  const parsed = [
    ...dates.map((c) => {
      const [x, sh] = [ident(c.name), ident(c.name + "__shape")];
      return `CAST(CASE ${sh} WHEN '%Y-%m-%d' THEN try_strptime(${x}, '%Y-%m-%d') WHEN 'ISO' THEN try_strptime(left(${x}, 10), '%Y-%m-%d')
        WHEN '%d-%m-%Y' THEN try_strptime(${x}, '%d-%m-%Y') WHEN '%d/%m/%Y' THEN try_strptime(${x}, '%d/%m/%Y') END AS DATE) AS ${
        ident(c.name + "__date")
      }`;
    }),
    ...cols.filter((c) => c.kind === "number").map((c) =>
      `try_cast(replace(${ident(c.name)}, ',', '.') AS DOUBLE) AS ${ident(c.name + "__num")}`
    ),
  ];
  // Duplicates: the first line of each NIP (and year, for SKP) among rows that pass the row checks.
  const duplicateKey = table === "pegawai"
    ? "nip__clean"
    : table === "kinerja"
    ? "nip__clean, tahun"
    : null;
  // Rows of `source` (the raw table, or its failing rows) with their parsed columns.
  const parsedFrom = (source: string) =>
    `SELECT *${parsed.length ? ", " + parsed.join(", ") : ""} FROM (
      SELECT t.*, ${parse.get("nip")!.replace(/"nip"/, "t.nip")} AS nip__clean${
      shaped.length ? ", " + shaped.join(", ") : ""
    }${codes.map((c) => `, m_${c.name}.code AS ${code(c)}`).join("")} FROM ${source} t${
      codes.map((c) =>
        ` LEFT JOIN map_${c.name} m_${c.name} ON t.${ident(c.name)} = m_${c.name}.raw`
      ).join("")
    })`;
  const rowChecks = checksFor(table, period, parse);
  const later = [...tableChecks(table, period), ...endChecks(table)];
  const all = caseOf([...rowChecks, ...later]);
  // One pass: the first failing check, row checks before table checks. With a duplicate check,
  // the later checks see only rows that passed the row checks, so a bad row never makes a good
  // one a duplicate.
  const checks = duplicateKey
    ? `SELECT * EXCLUDE (_row), CASE WHEN _row IS NOT NULL THEN _row ELSE ${
      caseOf(later, rowChecks.length + 1).index
    } END AS _check FROM (
        SELECT *, min(CASE WHEN _row IS NULL THEN _line END) OVER (PARTITION BY ${duplicateKey}) AS _first_line
        FROM (SELECT *, ${caseOf(rowChecks).index} AS _row FROM (${parsedFrom(`raw_${table}`)})))`
    : `SELECT *, ${all.index} AS _check FROM (${parsedFrom(`raw_${table}`)})`;
  const firstLine = duplicateKey ? "_first_line" : "CAST(NULL AS BIGINT) AS _first_line";
  // Only the typed columns are kept, with each row's failing check; the failing rows are parsed
  // again from the raw table to word their reasons. Copying the wide raw and parsed columns of
  // every row cost more than the checks themselves.
  await db.run(`CREATE OR REPLACE TABLE ${table} AS
    SELECT _line, ${TYPED[table]}, _check, ${firstLine} FROM (${checks})`);
  const failing = `(SELECT r.*, f._check, f._first_line FROM raw_${table} r
    JOIN (SELECT _line, _check, _first_line FROM ${table} WHERE _check IS NOT NULL) f USING (_line))`;
  await db.run(
    `INSERT INTO quarantine SELECT ${lit(table)}, ${
      lit(file)
    }, _line, ${all.column}, ${all.reason} FROM (${parsedFrom(failing)});
    DELETE FROM ${table} WHERE _check IS NOT NULL;
    ALTER TABLE ${table} DROP COLUMN _check;
    ALTER TABLE ${table} DROP COLUMN _first_line;
    DROP TABLE raw_${table};
  `,
  );
  const { used } = await db.one<{ used: number }>(`SELECT count(*) AS used FROM ${table}`);
  const { quarantined } = await db.one<{ quarantined: number }>(
    `SELECT count(*) AS quarantined FROM quarantine WHERE tabel = ${lit(table)}`,
  );
  return { used, quarantined };
}

/**
 * The first failing check of a row, as its number (`index`, NULL when none fails), computed once
 * for every row; its reason and column are then read from the number only for the failing rows.
 * A check whose SQL is NULL (e.g. a comparison with an empty value) does not fire.
 */
function caseOf(
  checks: Check[],
  from = 1,
): { index: string; reason: string; column: string } {
  if (!checks.length) {
    return {
      index: "CAST(NULL AS INTEGER)",
      reason: "CAST(NULL AS VARCHAR)",
      column: "CAST(NULL AS VARCHAR)",
    };
  }
  return {
    index: `CASE ${
      checks.map((c, i) => `WHEN coalesce(${c.fails}, FALSE) THEN ${i + from}`).join(" ")
    } END`,
    reason: `CASE _check ${
      checks.map((c, i) => `WHEN ${i + from} THEN ${c.reason}`).join(" ")
    } END`,
    column: `CASE _check ${
      checks.map((c, i) => `WHEN ${i + from} THEN ${lit(c.column)}`).join(" ")
    } END`,
  };
}
