/**
 * Validation: turn `raw_<table>` (text) into typed tables, one reason per rejected row in
 * `quarantine`. The checks are generated from the contract's column kinds; the code columns are
 * normalised through the alias tables in data/aliases/ (kode.json, and siasn.json for SIASN's
 * coded values). Source-only columns of a dialect (SIASN's eselon, KuadranKinerjaNilai,
 * instansiKerjaNama, ...) are turned into contract values first, in `src_<table>`.
 */
import { type AliasKind, columns, type ColumnSpec, type TableName } from "./contract.ts";
import { caseMap, dateLit, type Db, ident, inList, lit, valuesTable } from "../duck.ts";
import { InputError } from "../errors.ts";
import type { Period } from "./period.ts";
import { loadReferensi } from "../reference.ts";
import SIASN from "../../data/aliases/siasn.json" with { type: "json" };

/** Alias kinds of the contract's code columns plus the ones that feed derivations. */
export type Kind =
  | AliasKind
  | "eselon"
  | "jabatan_struktural"
  | "kedudukan_hukum"
  | "kuadran";
export type Aliases = Partial<Record<Kind, Record<string, string[]>>>;

/** The file a user extends with a spelling of their own (quarantine reasons name it). */
export const ALIAS_FILE = "data/aliases/kode.json";

/** PP 46/2011 bands of the legacy numeric SKP (data/aliases/siasn.json). */
export const PITA_PP46 = (SIASN as unknown as {
  $pita_nilai_prestasi_kerja: { maks: number; pita: { min: number; predikat: string }[] };
}).$pita_nilai_prestasi_kerja;

/** Spreadsheet error values: a formula that failed, cached as text; never read as a value. */
export const SPREADSHEET_ERRORS = [
  "#N/A",
  "#REF!",
  "#VALUE!",
  "#DIV/0!",
  "#NAME?",
  "#NULL!",
  "#NUM!",
  "#SPILL!",
  "#CALC!",
  "#GETTING_DATA",
];

/** The normalisation used on both sides of an alias match: upper case, no dots, punctuation as one space. */
export function normaliseCode(s: string): string {
  return s.toUpperCase().replaceAll(".", "").replace(/[^A-Z0-9]+/g, " ").trim();
}

/** Drop the `$` keys (comments, sources) of an alias file, at both levels. */
function stripMeta(json: Record<string, unknown>): Aliases {
  const out: Record<string, Record<string, string[]>> = {};
  for (const [kind, codes] of Object.entries(json)) {
    if (kind.startsWith("$")) continue;
    out[kind] = Object.fromEntries(
      Object.entries(codes as Record<string, string[]>).filter(([k]) => !k.startsWith("$")),
    );
  }
  return out as Aliases;
}

/**
 * The alias tables: the file at `path` (data/aliases/kode.json by default) merged with SIASN's
 * coded values (data/aliases/siasn.json, imported so that the period cache keys on it).
 */
export async function loadAliases(path: string): Promise<Aliases> {
  const own = stripMeta(JSON.parse(await Deno.readTextFile(path)));
  const siasn = stripMeta(SIASN as unknown as Record<string, unknown>);
  const merged: Aliases = { ...own };
  for (const [kind, codes] of Object.entries(siasn) as [Kind, Record<string, string[]>][]) {
    const into = merged[kind] = { ...(merged[kind] ?? {}) };
    for (const [code, list] of Object.entries(codes)) into[code] = [...(into[code] ?? []), ...list];
  }
  return merged;
}

/** An instansi of the reference: its Kemendagri code and, to read SIASN's names, its name. */
export type Instansi = string | { kode_instansi: string; nama_instansi: string };

/**
 * Whether text `x` is exactly `n` ASCII digits: the regex \d{n} (ASCII digits too) as a GLOB, at
 * about half its cost on every NIP of every table.
 */
export function digits(x: string, n: number): string {
  return `(${x} GLOB '${"[0-9]".repeat(n)}')`;
}

/**
 * Whether text `x` starts with one or two ASCII digits and a `-` or `/`: true of every value the
 * day/month regexes `^\d{1,2}[-/]…` can match, so that they need run on no other value.
 */
export function startsDayMonth(x: string): string {
  return `(${
    ["[0-9]/*", "[0-9]-*", "[0-9][0-9]/*", "[0-9][0-9]-*"].map((g) => `${x} GLOB '${g}'`)
      .join(" OR ")
  })`;
}

/** The number in text `x`, a decimal comma read as a point (replace() copies: only where needed). */
export function parseNumber(x: string): string {
  return `CASE WHEN contains(${x}, ',') THEN try_cast(replace(${x}, ',', '.') AS DOUBLE) ELSE try_cast(${x} AS DOUBLE) END`;
}

/**
 * The DATE of text `x` whose date_shape is `shape` (NULL when it is not a date). Year first is
 * read by DuckDB's cast, which gives exactly what try_strptime(x, '%Y-%m-%d') gives on all 121 M
 * strings \d{4}-\d{1,2}-\d{1,2} (checked once; tests/parse-sql.test.ts holds a sample) at
 * about a third of its cost. Day and month are in the order of the file (`monthFirst`).
 */
export function parseDate(x: string, shape: string, monthFirst: boolean): string {
  const [dm, ds] = monthFirst ? ["%m-%d-%Y", "%m/%d/%Y"] : ["%d-%m-%Y", "%d/%m/%Y"];
  return `CASE ${shape} WHEN '%Y-%m-%d' THEN TRY_CAST(${x} AS DATE) WHEN 'ISO' THEN TRY_CAST(left(${x}, 10) AS DATE)
        WHEN '%d-%m-%Y' THEN CAST(try_strptime(${x}, ${
    lit(dm)
  }) AS DATE) WHEN '%d/%m/%Y' THEN CAST(try_strptime(${x}, ${lit(ds)}) AS DATE) END`;
}

/**
 * Macros and lookup tables the checks use. `instansi` is the reference: rows with names let an
 * export that names its instansi (SIASN's instansiKerjaNama) be read; plain codes are looked up in
 * the default reference for their names.
 */
export async function prepare(db: Db, aliases: Aliases, instansi: Instansi[]): Promise<void> {
  await db.run(`
    -- Digits a to a + len - 1 (from 1) of an 18-digit number, and whether integers make a date of
    -- the Gregorian calendar: the NIP structure checks (tableChecks says why not try_strptime).
    CREATE OR REPLACE MACRO nip_digits(n, a, len) AS
      n // CAST(10 ** (19 - a - len) AS BIGINT) % CAST(10 ** len AS BIGINT);
    CREATE OR REPLACE MACRO valid_date(y, m, d) AS m BETWEEN 1 AND 12 AND d BETWEEN 1 AND
      [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m]
      + CAST(m = 2 AND y % 4 = 0 AND (y % 100 <> 0 OR y % 400 = 0) AS INTEGER);
    CREATE OR REPLACE MACRO norm_code(x) AS trim(regexp_replace(upper(replace(x, '.', '')), '[^A-Z0-9]+', ' ', 'g'));
    -- The GLOB is the common case of the first regex, at about half its cost.
    CREATE OR REPLACE MACRO date_shape(x) AS CASE
      WHEN x GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN '%Y-%m-%d'
      WHEN regexp_full_match(x, '\\d{4}-\\d{1,2}-\\d{1,2}') THEN '%Y-%m-%d'
      WHEN regexp_full_match(x, '\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?') THEN 'ISO'
      WHEN regexp_full_match(x, '\\d{1,2}-\\d{1,2}-\\d{4}') THEN '%d-%m-%Y'
      WHEN regexp_full_match(x, '\\d{1,2}/\\d{1,2}/\\d{4}') THEN '%d/%m/%Y'
    END;
    -- An instansi name reduced to its kind and proper name: "Pemerintah Kab. Balangan",
    -- "Pemkab Balangan" and "Kabupaten Balangan" all become "KABUPATEN BALANGAN".
    CREATE OR REPLACE MACRO instansi_key(x) AS trim(regexp_replace(
      regexp_replace(regexp_replace(regexp_replace(regexp_replace(
        ' ' || regexp_replace(upper(x), '[^A-Z0-9]+', ' ', 'g') || ' ',
        ' (PEMERINTAH|PEMDA) ', ' ', 'g'),
        ' (PEMKAB|KAB|KABUPATEN) ', ' KABUPATEN ', 'g'),
        ' (PEMKOT|KOTA) ', ' KOTA ', 'g'),
        ' (PEMPROV|PEMPROP|PROV|PROP|PROPINSI|PROVINSI) ', ' PROVINSI ', 'g'),
      ' +', ' ', 'g'));
    CREATE OR REPLACE TABLE alias (kind VARCHAR, key VARCHAR, code VARCHAR);
    CREATE OR REPLACE TABLE ref_instansi (kode_instansi VARCHAR PRIMARY KEY, nama_instansi VARCHAR, kunci VARCHAR);
    CREATE OR REPLACE TABLE quarantine (tabel VARCHAR, file VARCHAR, line BIGINT, "column" VARCHAR, reason VARCHAR);
  `);
  const rows: (string | null)[][] = [];
  for (const [kind, codes] of Object.entries(aliases)) {
    const seen = new Map<string, string>();
    for (const [code, spellings] of Object.entries(codes ?? {})) {
      for (const s of [code, ...spellings]) {
        const key = normaliseCode(s);
        const prev = seen.get(key);
        if (prev && prev !== code) {
          throw new Error(`alias "${s}" of ${kind} means both ${prev} and ${code}`);
        }
        if (!prev) rows.push([kind, key, code]);
        seen.set(key, code);
      }
    }
  }
  if (rows.length) {
    await db.run(`INSERT INTO alias SELECT * FROM ${valuesTable(["kind", "key", "code"], rows)}`);
  }
  const named = await withNames(instansi);
  if (named.length) {
    await db.run(
      `INSERT INTO ref_instansi SELECT k, n, instansi_key(n) FROM ${
        valuesTable(["k", "n"], named.map((w) => [w.kode_instansi, w.nama_instansi]))
      }`,
    );
  }
}

/** Reference rows with names; bare codes take their names from the default reference (if there). */
async function withNames(
  instansi: Instansi[],
): Promise<{ kode_instansi: string; nama_instansi: string | null }[]> {
  if (instansi.every((i) => typeof i !== "string")) {
    return instansi as { kode_instansi: string; nama_instansi: string }[];
  }
  const names = new Map((await loadReferensi()).map((w) => [w.kode_instansi, w.nama_instansi]));
  return instansi.map((i) =>
    typeof i === "string" ? { kode_instansi: i, nama_instansi: names.get(i) ?? null } : i
  );
}

export interface Check {
  column: string;
  /** SQL that is true when the row fails. */
  fails: string;
  /** SQL string expression: the reason. */
  reason: string;
  /** Counted apart in the accounting (exact duplicates). */
  duplikat?: true;
  /**
   * Fails only where `column` starts with '#' (a spreadsheet error): left out of a run in which no
   * value of the column does (`columnsWithHash`).
   */
  hashOnly?: true;
}

const code = (c: ColumnSpec) => `${c.name}__code`;
/** A NIP cell without its spaces ("19800101 200501 1 001" is a common print form). */
const nipClean = (ref: string) => `regexp_replace(${ref}, '\\s', '', 'g')`;
/**
 * The same on every row: the regular expression runs only on the cells that hold whitespace (RE2's
 * `\s`: space, tab, LF, FF, CR), so a NIP as exported costs a few byte searches.
 */
const nipCleanFast = (ref: string) =>
  `CASE WHEN ${
    ["' '", "chr(9)", "chr(10)", "chr(12)", "chr(13)"].map((w) => `contains(${ref}, ${w})`).join(
      " OR ",
    )
  } THEN ${nipClean(ref)} ELSE ${ref} END`;
/** The contract's own columns (source-only columns are read to derive these). */
const contractColumns = (table: TableName) => columns(table).filter((c) => !c.sumberSaja);

/** Options of one table's validation. */
export interface ValidateOptions {
  /**
   * History rows dated after the period's year (an SKP of the next year, a training or a
   * punishment starting next year): "quarantine" sets them aside as "after the period";
   * "note" keeps them (they count in no score) and says how many in a note.
   */
  afterPeriod?: "quarantine" | "note";
}

export interface ValidateResult {
  /**
   * Rows kept: in the typed table, or collapsed into an identical earlier line (`duplikat`), so
   * that read = used + quarantined holds and a repeated SIASN sync is not an error.
   */
  used: number;
  quarantined: number;
  /** Of the used rows, how many are exact duplicates collapsed into an earlier line. */
  duplikat: number;
  /** What the run should say about the file (month-first dates, rows after the period, ...). */
  notes: string[];
}

/**
 * Every check of a table as data, in the order a row meets them (row checks with every column of
 * the contract present, then checks across the table, then the period): what the compiler makes
 * of the contract, for snapshot tests that show a rule change as a readable diff.
 */
export function checksOf(table: TableName, period: Period, struktural: string[] = []): Check[] {
  const present = new Set(columns(table).map((c) => c.name));
  const after = afterPeriod(table, period);
  return [
    ...checksFor(table, period, present, struktural),
    ...tableChecks(table, period, "_first_line"),
    ...endChecks(table),
    ...(after ? [after] : []),
  ];
}

function checksFor(
  table: TableName,
  period: Period,
  present: Set<string>,
  struktural: string[],
): Check[] {
  const checks: Check[] = [];
  const latest = dateLit(`${period.year + 1}-12-31`);
  const cols = contractColumns(table);
  // A spreadsheet error cached as text is never a value: not an empty education, not a code.
  for (const c of [...cols, ...columns(table).filter((x) => x.sumberSaja && present.has(x.name))]) {
    checks.push({
      column: c.name,
      hashOnly: true,
      // Looked up only in cells starting with '#' (inList says why that holds).
      fails: `CASE WHEN starts_with(${ident(c.name)}, '#') THEN ${
        inList(ident(c.name), SPREADSHEET_ERRORS)
      } ELSE FALSE END`,
      reason: `'spreadsheet error ' || ${
        ident(c.name)
      } || ' in ${c.name} (a formula that failed in Excel, saved as its error); fix the formula or type the value'`,
    });
  }
  for (const c of cols) {
    const col = ident(c.name);
    const required = c.required === "yes" ? "TRUE" : typeof c.required === "object"
      ? inList(
        code(cols.find((x) => x.name === (c.required as { when: string }).when)!),
        c.required.in,
      )
      : "FALSE";
    if (
      c.kind === "kode_instansi" &&
      (present.has("nama_instansi") || present.has("nama_instansi_induk"))
    ) {
      checks.push({
        column: c.name,
        fails: `${col} IS NULL AND coalesce(nama_instansi, nama_instansi_induk) IS NOT NULL`,
        reason:
          `'no kode_instansi, and the instansi name "' || left(coalesce(nama_instansi, nama_instansi_induk), 80) || '" is not in the instansi reference; add a kode_instansi column with the Kemendagri code (never SIASN''s kode cepat), or spell the name as the reference does (e.g. "Pemerintah Kabupaten Balangan")'`,
      });
      checks.push({
        column: c.name,
        fails: `_kode_dari_nama IS NOT NULL AND ${col} <> _kode_dari_nama`,
        reason:
          `'kode_instansi ' || ${col} || ' does not match the instansi name "' || left(coalesce(nama_instansi, nama_instansi_induk), 80) || '" (' || _kode_dari_nama || ' in the reference); kode_instansi is the Kemendagri code, not SIASN''s kode cepat'`,
      });
    }
    if (c.required !== "no" && c.required !== "column") {
      checks.push({
        column: c.name,
        fails: `${col} IS NULL AND (${required})`,
        reason: lit(`${c.name} is empty`) +
          (typeof c.required === "object"
            ? ` || ${lit(` (required when ${c.required.when} is ${c.required.in.join("/")})`)}`
            : ""),
      });
    }
    switch (c.kind) {
      case "nip": {
        const clean = `${c.name}__clean`;
        checks.push(
          {
            column: c.name,
            hashOnly: true,
            fails: `starts_with(${col}, '#EXCEL_NUMBER:')`,
            reason: lit(
              "NIP is stored as a number in Excel, which keeps only 15 digits; format the column as text and enter the NIP again",
            ),
          },
          {
            column: c.name,
            fails: `NOT ${digits(clean, 18)}`,
            reason:
              `'NIP must be 18 digits, got "' || left(${col}, 40) || '" (' || length(${clean}) || ' characters)'`,
          },
          // Digits 16-18 are a sequence number from 001: a NIP ending in 000 is one that went
          // through a floating-point number (Excel keeps 15 significant digits). Guessing the
          // digits back could give one person's record to another, so the row is set aside.
          {
            column: c.name,
            fails: `ends_with(${clean}, '000')`,
            reason:
              `'NIP ' || ${clean} || ' ends in 000: its last digits were lost when it was stored as a number (15 significant digits)' || ${
                table === "pegawai"
                  ? `CASE WHEN (SELECT count(*) FROM raw_pegawai x WHERE left(${
                    nipClean("x.nip")
                  }, 15) = left(${clean}, 15)) > 1 THEN '; ' || (SELECT count(*) FROM raw_pegawai x WHERE left(${
                    nipClean("x.nip")
                  }, 15) = left(${clean}, 15)) || ' rows of pegawai share its first 15 digits, so different people may have been merged' ELSE '' END`
                  : "''"
              } || '; export the NIP column as text'`,
          },
        );
        break;
      }
      case "code":
        if (c.code === "jenis_jabatan" && struktural.length) {
          checks.push({
            column: c.name,
            fails: `CASE WHEN ${col} IS NOT NULL AND ${code(c)} IS NULL THEN ${
              inList(`norm_code(${col})`, struktural)
            } ELSE FALSE END`,
            reason:
              `'jenis_jabatan "' || left(${col}, 60) || '" needs its eselon to say JPT, ADMINISTRATOR or PENGAWAS' || CASE WHEN coalesce(eselon, eselon_id) IS NULL THEN ', and the eselon is empty' ELSE ', and eselon "' || coalesce(eselon, eselon_id) || '" is not known (add it to the eselon aliases in data/aliases/siasn.json)' END`,
          });
        }
        checks.push({
          column: c.name,
          fails: `${col} IS NOT NULL AND ${code(c)} IS NULL`,
          reason: `'unknown ${c.name} "' || left(${col}, 60) || '"; use one of: ${
            codeList(c.code!)
          } (or add an alias in ${ALIAS_FILE})'`,
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
            reason:
              `'impossible date "' || left(${col}, 40) || '"' || CASE WHEN TRY_CAST(regexp_extract(${col}, '^\\d{1,2}[-/](\\d{1,2})[-/]\\d{4}$', 1) AS INTEGER) > 12 THEN ' (month first? this file also has dates whose first field is above 12, so it mixes both orders: write every date as YYYY-MM-DD)' ELSE '' END`,
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

/**
 * Digits `from`..`from + len - 1` (1-based) of an 18-digit NIP, from the NIP as a number
 * (`nip__angka`; the macros are in `prepare`). These checks run after the 18-digit
 * check, so every NIP they see is a number.
 */
const nipDigits = (from: number, len: number) => `nip_digits(nip__angka, ${from}, ${len})`;

/** Checks that need the whole table or another table (duplicates, unknown NIPs, NIP structure). */
function tableChecks(table: TableName, period: Period, firstAt: string): Check[] {
  const nip = "nip__clean";
  // The NIP's dates as integer arithmetic on the NIP as a number: the same verdicts as
  // try_strptime on its digits (compared on all 10^8 eight-digit birth dates, every six-digit
  // year-month and every sex digit), at a third of the cost (the national 4.45 M NIPs: 0.97 ->
  // 0.35 s alone, four substr and two strptime per row before).
  const [year, month, day] = [nipDigits(1, 4), nipDigits(5, 2), nipDigits(7, 2)];
  const [tmtYear, tmtMonth] = [nipDigits(9, 4), nipDigits(13, 2)];
  const nipStructure: Check[] = [
    {
      column: "nip",
      fails: `jenis_pegawai__code = 'PNS' AND NOT valid_date(${year}, ${month}, ${day})`,
      reason: `'NIP ' || ${nip} || ': digits 1-8 are not a valid birth date (YYYYMMDD)'`,
    },
    {
      column: "nip",
      fails: `jenis_pegawai__code = 'PNS' AND NOT (${year} BETWEEN 1940 AND ${period.year - 15})`,
      reason: `'NIP ' || ${nip} || ': birth year ' || substr(${nip}, 1, 4) || ' is not plausible'`,
    },
    {
      column: "nip",
      fails:
        `jenis_pegawai__code = 'PNS' AND (NOT (${tmtMonth} BETWEEN 1 AND 12) OR ${tmtYear} NOT BETWEEN 1960 AND ${
          period.year + 1
        })`,
      reason: `'NIP ' || ${nip} || ': digits 9-14 are not a valid year-month'`,
    },
    {
      column: "nip",
      fails: `jenis_pegawai__code = 'PNS' AND ${nipDigits(15, 1)} NOT IN (1, 2)`,
      reason: `'NIP ' || ${nip} || ': digit 15 (sex) must be 1 or 2'`,
    },
  ];
  // By the NIP as a number, which every row that reaches a table check has (the 18-digit check
  // comes first): national trainings 3.47 -> 3.34 s against the text.
  const notInPegawai = "nip__angka NOT IN (SELECT nip_kunci FROM pegawai)";
  switch (table) {
    case "pegawai":
      return [
        ...nipStructure,
        {
          column: "nip",
          fails: `_first_line < _ord`,
          reason:
            `'duplicate NIP ' || ${nip} || ' (first at line ' || ${firstAt} || '); keep one row per ASN'`,
        },
      ];
    case "kinerja":
      return [
        {
          column: "nip",
          fails: notInPegawai,
          reason: `'NIP ' || ${nip} || ' is not in pegawai'`,
        },
        {
          column: "tahun",
          fails: `_first_line < _ord`,
          reason:
            `'second SKP for NIP ' || ${nip} || ' and year ' || tahun || ' (first at line ' || ${firstAt} || '); keep one'`,
        },
      ];
    default:
      return [{
        column: "nip",
        fails: notInPegawai,
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

/**
 * History rows dated after the period's year: an SKP of the next year, a training or a punishment
 * that starts next year. They can count in no score of this period. Rows later in the same year as
 * a quarterly period are not flagged: an export pulled after the quarter's end carries them, and
 * the window leaves them out.
 */
function afterPeriod(table: TableName, period: Period): Check | null {
  const next = `DATE '${period.year + 1}-01-01'`;
  const what = `' is after the period ${period.id}: it counts in no score of this period'`;
  switch (table) {
    case "diklat":
      return {
        column: "tanggal_mulai",
        fails: `coalesce(tanggal_selesai__date, tanggal_mulai__date) >= ${next}`,
        reason:
          `'after the period: the training of ' || coalesce(tanggal_selesai, tanggal_mulai) || ${what}`,
      };
    case "kinerja":
      return {
        column: "tahun",
        fails: `TRY_CAST(tahun AS INTEGER) > ${period.year}`,
        reason: `'after the period: the SKP of ' || tahun || ${what}`,
      };
    case "hukdis":
      return {
        column: "tmt",
        fails: `tmt__date >= ${next}`,
        reason: `'after the period: the punishment from ' || tmt || ${what}`,
      };
    default:
      return null;
  }
}

/**
 * Exact duplicates of history rows (a repeated SIASN sync): every column equal to an earlier
 * line's. `dupAt` is the SQL naming that line (and its file, when the table has several).
 */
const duplicate = (dupAt: string): Check => ({
  column: "nip",
  fails: "_dup_of < _ord",
  reason: `'exact duplicate of line ' || ${dupAt} || ' (every column equal): collapsed into it'`,
  duplikat: true,
});

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

/** Alias rows of one kind as (normalised spelling, code) pairs, for CASE maps. */
async function aliasPairs(db: Db, kind: Kind): Promise<[string, string][]> {
  return (await db.all<{ key: string; code: string }>(
    `SELECT key, code FROM alias WHERE kind = ${lit(kind)} ORDER BY key`,
  )).map((r) => [r.key, r.code]);
}

/**
 * `src_<table>`: the raw table with the contract columns a dialect leaves empty filled from its
 * source-only columns (only those present in the file, so a contract-dialect file costs nothing).
 * Values stay text: the checks then treat a derived value like a typed one, and a value that
 * derives to nothing known is quarantined naming what the source said.
 */
async function deriveView(db: Db, table: TableName, present: Set<string>): Promise<void> {
  const r = (c: string) => `r.${ident(c)}`;
  const has = (c: string) => present.has(c);
  const coalesce = (...xs: string[]) => xs.length > 1 ? `coalesce(${xs.join(", ")})` : xs[0];
  const replace = new Map<string, string>();
  const extra: string[] = [];
  const generic = (col: string) => {
    const from = (columns(table).find((c) => c.name === col)!.dari ?? []).filter(has);
    if (from.length) replace.set(col, coalesce(r(col), ...from.map(r)));
  };
  if (table === "pegawai") {
    const base = coalesce(
      r("jenis_pegawai"),
      ...(has("jenis_pegawai_nama") ? [r("jenis_pegawai_nama")] : []),
    );
    if (has("kedudukan_hukum_id")) {
      const kh = caseMap(
        `norm_code(${r("kedudukan_hukum_id")})`,
        (await aliasPairs(db, "kedudukan_hukum")).map(([k, v]) => [k, lit(v)]),
      );
      replace.set("jenis_pegawai", `CASE WHEN ${kh} = 'PPPK' THEN 'PPPK' ELSE ${base} END`);
    } else if (has("jenis_pegawai_nama")) replace.set("jenis_pegawai", base);
    generic("pendidikan");
    const jab = coalesce(
      r("jenis_jabatan"),
      ...(has("jenis_jabatan_id") ? [r("jenis_jabatan_id")] : []),
    );
    const es = ["eselon", "eselon_id"].filter(has).map(r);
    if (es.length) {
      const esCode = caseMap(
        `norm_code(${coalesce(...es)})`,
        (await aliasPairs(db, "eselon")).map(([k, v]) => [k, lit(v)]),
      );
      const struk = (await aliasPairs(db, "jabatan_struktural")).map(([k]) => k);
      replace.set(
        "jenis_jabatan",
        `CASE WHEN ${esCode} IS NOT NULL AND (${jab} IS NULL OR ${
          inList(`norm_code(${jab})`, struk)
        }) THEN ${esCode} ELSE ${jab} END`,
      );
    } else if (has("jenis_jabatan_id")) replace.set("jenis_jabatan", jab);
    const names = ["nama_instansi", "nama_instansi_induk"].filter(has);
    if (names.length) {
      const byName = (n: string) =>
        `(SELECT CASE WHEN count(*) = 1 THEN min(i.kode_instansi) END FROM ref_instansi i WHERE i.kunci = instansi_key(${
          r(n)
        }))`;
      const fromName = coalesce(...names.map(byName));
      replace.set("kode_instansi", coalesce(r("kode_instansi"), fromName));
      extra.push(`${fromName} AS _kode_dari_nama`);
    }
  } else if (table === "diklat") {
    const latihan = ["latihan_struktural", "latihan_struktural_id"].filter(has).map(r);
    const jenis = ["jenis_diklat_id", "jenis_kursus_sertifikat"].filter(has).map(r);
    if (latihan.length) {
      jenis.push(`CASE WHEN ${coalesce(...latihan)} IS NOT NULL THEN 'STRUKTURAL' END`);
    }
    if (jenis.length) replace.set("jenis", coalesce(r("jenis"), ...jenis));
    generic("jenjang");
    generic("tanggal_mulai");
    generic("tanggal_selesai");
  } else if (table === "kinerja") {
    const from: string[] = [];
    if (has("kuadran_nilai")) {
      const k = r("kuadran_nilai");
      from.push(
        `CASE WHEN ${k} IS NOT NULL THEN coalesce(${
          caseMap(`norm_code(${k})`, (await aliasPairs(db, "kuadran")).map(([a, b]) => [a, lit(b)]))
        }, 'KuadranKinerjaNilai ' || ${k}) END`,
      );
    }
    if (has("nilai_prestasi_kerja")) {
      const x = r("nilai_prestasi_kerja");
      const v = `TRY_CAST(replace(${x}, ',', '.') AS DOUBLE)`;
      from.push(
        `CASE WHEN ${x} IS NULL THEN NULL WHEN ${v} IS NULL OR NOT isfinite(${v}) THEN 'nilai_prestasi_kerja ' || ${x}
        WHEN ${v} < 0 OR ${v} > ${
          lit(PITA_PP46.maks)
        } THEN 'nilai_prestasi_kerja ' || ${x} || ' (outside 0-${PITA_PP46.maks})'
        ${
          PITA_PP46.pita.map((p) => `WHEN ${v} >= ${lit(p.min)} THEN ${lit(p.predikat)}`).join(" ")
        } END`,
      );
    }
    if (from.length) replace.set("predikat", coalesce(r("predikat"), ...from));
  } else if (table === "hukdis") {
    generic("jenis");
    // rw-hukdis sometimes carries the level R/S/B in jenisHukuman itself.
    const jenis = replace.get("jenis") ?? r("jenis");
    replace.set(
      "tingkat",
      `coalesce(${
        r("tingkat")
      }, CASE WHEN upper(trim(${jenis})) IN ('R', 'S', 'B') THEN upper(trim(${jenis})) END)`,
    );
  }
  if (!extra.some((e) => e.endsWith("_kode_dari_nama"))) {
    extra.push("CAST(NULL AS VARCHAR) AS _kode_dari_nama");
  }
  const repl = [...replace].map(([c, e]) => `${e} AS ${ident(c)}`);
  await db.run(
    `CREATE OR REPLACE TEMP VIEW src_${table} AS SELECT r.*${
      repl.length ? ` REPLACE (${repl.join(", ")})` : ""
    }, ${extra.join(", ")} FROM raw_${table} r`,
  );
}

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
  options: ValidateOptions = {},
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
  // Rows of `source` (the derived raw table, or its failing rows) with their parsed columns.
  const parsedFrom = (from: string) =>
    `SELECT *${parsed.length ? ", " + parsed.join(", ") : ""} FROM (
      SELECT t.*, ${nipCleanFast("t.nip")} AS nip__clean${
      shaped.length ? ", " + shaped.join(", ") : ""
    }${codes.map((c) => `, m_${c.name}.code AS ${code(c)}`).join("")} FROM ${from} t${
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
    ...(after && options.afterPeriod === "quarantine" ? [after] : []),
  ];
  const all = caseOf([...rowChecks, ...later]);
  // The first line of a group of identical history rows (every raw column equal). Rows are
  // grouped by a hash of their columns first: only the few rows whose hash repeats are compared
  // column by column (a window over every column of every row cost more than all the checks). A
  // repeating hash is one equal to its neighbour once the hashes are sorted: sorting 8-byte keys
  // is cheaper than a hash aggregate over millions of distinct ones (the 11.5 M national
  // trainings: 1.98 -> 1.27 s, measured alone).
  const rawCols = columns(table).map((c) => ident(c.name)).join(", ");
  const repeating = (key: string) =>
    `SELECT _h FROM (
      SELECT _h, lag(_h) OVER (ORDER BY _h) AS _prev FROM (SELECT hash(${key}) AS _h FROM ${src})
    ) WHERE _h = _prev`;
  const ordered = `(SELECT *, ${ord} AS _ord FROM ${src})`;
  const keys = duplicateKey?.split(", ") ?? [];
  const rawKey = (t: string) =>
    keys.map((k) => k === "nip__clean" ? nipCleanFast(`${t}nip`) : `${t}${k}`).join(", ");
  // The hashes of the keys that repeat (see the first lines below), found once: rows equal in
  // every column have equal keys, so the exact duplicates are among their rows too (national SKP:
  // one sort of 6 M hashes instead of two, 0.7 + 0.8 -> 0.5 + 0.3 + 0.2 s).
  if (duplicateKey) {
    await db.run(`CREATE OR REPLACE TEMP TABLE rep_${table} AS ${repeating(rawKey(""))}`);
  }
  const candidates = duplicateKey
    ? `hash(${rawKey("")}) IN (SELECT _h FROM rep_${table})`
    : `hash(${rawCols}) IN (${repeating(rawCols)})`;
  let base = ordered;
  if (history) {
    await db.run(`CREATE OR REPLACE TEMP TABLE dup_${table} AS
      SELECT _ord, _dup_of FROM (
        SELECT _ord, min(_ord) OVER (PARTITION BY ${rawCols}) AS _dup_of FROM ${ordered}
        WHERE ${candidates})
      WHERE _dup_of < _ord`);
    base = await isEmpty(db, `dup_${table}`)
      ? `(SELECT *, _ord AS _dup_of FROM ${ordered})`
      : `(SELECT s.*, coalesce(d._dup_of, s._ord) AS _dup_of FROM ${ordered} s LEFT JOIN dup_${table} d USING (_ord))`;
  }
  // One pass: the first failing check, row checks before table checks. With a duplicate check,
  // the later checks see only rows that passed the row checks, so a bad row never makes a good
  // one a duplicate. The first line of a key is looked up only for the keys that repeat: the
  // rows of those keys are checked first, apart, and their first passing line kept. A key repeats
  // where its hash does (sorted, as above: national SKP 0.91 -> 0.67 s alone); a hash that
  // repeats by collision brings a key of one row, which HAVING drops, as it drops a key whose
  // other rows fail their checks: a key of one passing row is its own first line.
  let checks = `SELECT *, ${all.index} AS _check FROM (${parsedFrom(base)})`;
  // A row's first line of its key (correlated on alias x), for the reasons of the failing rows.
  let firstOf = "CAST(NULL AS BIGINT)";
  if (duplicateKey) {
    const same = (a: string, b: string) =>
      keys.map((k) => `${a}.${k} IS NOT DISTINCT FROM ${b}.${k}`).join(" AND ");
    await db.run(`CREATE OR REPLACE TEMP TABLE first_${table} AS
      SELECT ${duplicateKey}, min(_ord) AS _first_line FROM (
        SELECT *, ${caseOf(rowChecks).index} AS _row FROM (${
      parsedFrom(
        `(SELECT b.* FROM ${base} b WHERE hash(${rawKey("b.")}) IN (SELECT _h FROM rep_${table}))`,
      )
    })) WHERE _row IS NULL GROUP BY ALL HAVING count(*) > 1`);
    firstOf = await isEmpty(db, `first_${table}`)
      ? "_ord"
      : `coalesce((SELECT f._first_line FROM first_${table} f WHERE ${same("f", "x")}), _ord)`;
    checks = `SELECT * EXCLUDE (_row), CASE WHEN _row IS NOT NULL THEN _row ELSE ${
      caseOf(later, rowChecks.length + 1).index
    } END AS _check FROM (
        SELECT *, CASE WHEN _row IS NULL THEN ${firstOf} END AS _first_line
        FROM (SELECT *, ${caseOf(rowChecks).index} AS _row FROM (${parsedFrom(base)})) x)`;
  }
  // A row that passes but is dated after the period is kept, and counted: check 0.
  const afterCheck = after && options.afterPeriod !== "quarantine"
    ? `coalesce(_check, CASE WHEN coalesce(${after.fails}, FALSE) THEN 0 END)`
    : "_check";
  // Only the typed columns are kept, with each row's failing check; the failing rows are parsed
  // again from the raw table to word their reasons, with their first lines looked up again
  // (duplicate keys, exact duplicates). Copying the wide raw and parsed columns of every row cost
  // more than the checks themselves; writing the first lines and a line column beside the order
  // key cost nationally 0.35 s of the 11.5 M trainings' 4.2 s.
  await db.run(`CREATE OR REPLACE TABLE ${table} AS
    SELECT _ord, ${TYPED[table]}, ${afterCheck} AS _check FROM (${checks})`);
  const failing = `(SELECT r.*, f._check, ${
    history ? `coalesce(d._dup_of, r._ord)` : "CAST(NULL AS BIGINT)"
  } AS _dup_of FROM (SELECT *, ${ord} AS _ord FROM ${src}) r
    JOIN (SELECT _ord, _check FROM ${table} WHERE _check > 0) f USING (_ord)${
    history ? ` LEFT JOIN dup_${table} d USING (_ord)` : ""
  })`;
  const dupIndex = history ? 1 : -1;
  // Exact duplicates are the rows of dup_<table>: the duplicate check comes first. The note names
  // the first 20: only those are sorted (an ordered string_agg over every row sorted all 11.5 M
  // national diklat rows for it, 2.2 s).
  const { later_rows } = await db.one<{ later_rows: number }>(
    `SELECT count(*) FILTER (WHERE _check = 0) AS later_rows FROM ${table}`,
  );
  const { duplikat, dup_lines } = history
    ? await db.one<{ duplikat: number; dup_lines: string | null }>(
      `SELECT (SELECT count(*) FROM dup_${table}) AS duplikat,
        (SELECT string_agg(${lineOf("_ord")} || ' (= ' || ${
        lineOf("_dup_of")
      } || ')', ', ' ORDER BY _ord)
          FROM (SELECT _ord, _dup_of FROM dup_${table} ORDER BY _ord LIMIT 20)) AS dup_lines`,
    )
    : { duplikat: 0, dup_lines: null };
  if (Number(later_rows) > 0) {
    notes.push(
      `${later_rows} row${
        Number(later_rows) > 1 ? "s are" : " is"
      } dated after the period's year (${period.year + 1} or later): kept, but ${
        Number(later_rows) > 1 ? "they count" : "it counts"
      } in no score of ${period.id}`,
    );
  }
  await db.run(
    `INSERT INTO quarantine SELECT ${lit(table)}, ${
      fileOf("_ord")
    }, _line, ${all.column}, ${all.reason} FROM (
      SELECT *, ${firstOf} AS _first_line FROM (${parsedFrom(failing)}) x
    ) WHERE _check <> ${dupIndex};
    DELETE FROM ${table} WHERE _check > 0;
    ALTER TABLE ${table} DROP COLUMN _check;
    ALTER TABLE ${table} DROP COLUMN _ord;
    DROP VIEW src_${table};
    DROP TABLE IF EXISTS dup_${table};
    DROP TABLE IF EXISTS first_${table};
    DROP TABLE IF EXISTS rep_${table};
    DROP TABLE raw_${table};
  `,
  );
  // A duplicate is read and kept, collapsed into its first line: counted in `used` (and apart in
  // `duplikat`), so read = used + quarantined holds and a repeated sync is not an error.
  const used = Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)).n) +
    Number(duplikat);
  const { quarantined } = await db.one<{ quarantined: number }>(
    `SELECT count(*) AS quarantined FROM quarantine WHERE tabel = ${lit(table)}`,
  );
  if (Number(duplikat) > 0) {
    notes.push(
      `${duplikat} exact duplicate row${
        Number(duplikat) > 1 ? "s" : ""
      } (every column equal to an earlier line) collapsed into the first: line ${
        String(dup_lines).split(", ").slice(0, 20).join(", ")
      }${Number(duplikat) > 20 ? ", …" : ""}`,
    );
  }
  return { used, quarantined, duplikat: Number(duplikat), notes };
}

async function isEmpty(db: Db, table: string): Promise<boolean> {
  return (await db.all(`SELECT 1 FROM ${table} LIMIT 1`)).length === 0;
}

/**
 * Month-first dates (3/14/2024) in a file: read month-first when some date has a second field
 * above 12 and none a first field above 12 (returns the note); otherwise day-first. A file with
 * both kinds is read day-first and its month-first dates are quarantined as impossible, with the
 * hint. Dates whose fields are both 12 or less are never guessed one by one.
 */
async function detectMonthFirst(db: Db, src: string, dates: string[]): Promise<string | null> {
  if (!dates.length) return null;
  // The regexes run only on cells that start with one or two digits and a separator, which every
  // cell they match does: a year-first date never reaches them (national trainings, ISO dates:
  // 0.91 → 0.31 s; day-first dates 1.96 s either way). One branch per column, not an unnest.
  const r = await db.one<{ first: number; second: number; n: number }>(`
    SELECT count(*) FILTER (WHERE a > 12) AS first, count(*) FILTER (WHERE b > 12) AS second, count(*) AS n
    FROM (${
    dates.map((d) => `
      SELECT TRY_CAST(regexp_extract(x, '^(\\d{1,2})[-/]\\d{1,2}[-/]\\d{4}$', 1) AS INTEGER) AS a,
        TRY_CAST(regexp_extract(x, '^\\d{1,2}[-/](\\d{1,2})[-/]\\d{4}$', 1) AS INTEGER) AS b
      FROM (SELECT ${ident(d)} AS x FROM ${src} WHERE ${startsDayMonth(ident(d))})`).join(`
      UNION ALL`)
  })
    WHERE a IS NOT NULL`);
  if (Number(r.second) > 0 && Number(r.first) === 0) {
    return `dates read month-first (M/D/YYYY): ${r.second} of ${r.n} day/month dates have a second field above 12 and none a first field above 12`;
  }
  return null;
}

/** A pegawai file that names its instansi, and no row of which resolves: one clear message. */
async function refuseUnresolvedInstansi(db: Db, file: string): Promise<void> {
  const r = await db.one<{ resolved: number; named: number; example: string | null }>(`
    SELECT count(*) FILTER (WHERE kode_instansi IS NOT NULL) AS resolved,
      count(*) FILTER (WHERE coalesce(nama_instansi, nama_instansi_induk) IS NOT NULL) AS named,
      min(coalesce(nama_instansi, nama_instansi_induk)) AS example
    FROM src_pegawai`);
  if (Number(r.resolved) === 0 && Number(r.named) > 0) {
    throw new InputError(
      file,
      `no row has a kode_instansi, and no instansi name resolves through the instansi reference (e.g. "${r.example}")`,
      "add a kode_instansi column with the Kemendagri code (SIASN's instansiKerjaKodeCepat is BKN's own code and is never used), or spell instansiKerjaNama as the reference does (e.g. \"Pemerintah Kabupaten Balangan\"), or add the instansi to the reference (wilayah.csv in the raw folder)",
    );
  }
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
