/**
 * The checks of a table as data (`{column, fails, reason}`), compiled from the contract's column
 * kinds: row checks, checks across the table (duplicates, unknown NIPs, the NIP's structure), end
 * dates and the period. Pure: `checksOf` is snapshot-tested (tests/snapshots/checks/), and the
 * runner (validate.ts) evaluates them in one pass.
 */
import { type AliasKind, columns, type ColumnSpec, type TableName } from "./contract.ts";
import { dateLit, ident, inList, lit } from "../duck.ts";
import type { Period } from "./period.ts";
import { ALIAS_FILE } from "./aliases.ts";
import { digits, nipClean } from "./parse-sql.ts";

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

export interface Check {
  column: string;
  /**
   * The reason's code (`nip_length`, `unknown_code`, …): what periksa, the worklists, the failure
   * limit and the tests read; the sentence is for people.
   */
  code: string;
  /** SQL that is true when the row fails. */
  fails: string;
  /** SQL string expression: the reason. */
  reason: string;
  /** SQL of the value the reason is about (default: the check's column). */
  value?: string;
  /** Counted apart in the accounting (exact duplicates). */
  duplicate?: true;
  /**
   * Fails only where `column` starts with '#' (a spreadsheet error): left out of a run in which no
   * value of the column does (`columnsWithHash`).
   */
  hashOnly?: true;
}

export const code = (c: ColumnSpec) => `${c.name}__code`;
/** The contract's own columns (source-only columns are read to derive these). */
export const contractColumns = (table: TableName) => columns(table).filter((c) => !c.sumberSaja);
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

export function checksFor(
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
      code: "spreadsheet_error",
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
    if (
      c.kind === "kode_instansi" &&
      (present.has("nama_instansi") || present.has("nama_instansi_induk"))
    ) {
      checks.push({
        column: c.name,
        code: "instansi_name_unknown",
        value: "coalesce(nama_instansi, nama_instansi_induk)",
        fails: `${col} IS NULL AND coalesce(nama_instansi, nama_instansi_induk) IS NOT NULL`,
        reason:
          `'no kode_instansi, and the instansi name "' || left(coalesce(nama_instansi, nama_instansi_induk), 80) || '" is not in the instansi reference; add a kode_instansi column with the Kemendagri code (never SIASN''s kode cepat), or spell the name as the reference does (e.g. "Pemerintah Kabupaten Balangan")'`,
      });
      checks.push({
        column: c.name,
        code: "instansi_name_mismatch",
        fails: `_kode_dari_nama IS NOT NULL AND ${col} <> _kode_dari_nama`,
        reason:
          `'kode_instansi ' || ${col} || ' does not match the instansi name "' || left(coalesce(nama_instansi, nama_instansi_induk), 80) || '" (' || _kode_dari_nama || ' in the reference); kode_instansi is the Kemendagri code, not SIASN''s kode cepat'`,
      });
    }
    if (c.required === "yes") {
      checks.push({
        column: c.name,
        code: "empty",
        fails: `${col} IS NULL`,
        reason: lit(`${c.name} is empty`),
      });
    }
    switch (c.kind) {
      case "nip": {
        const clean = `${c.name}__clean`;
        checks.push(
          {
            column: c.name,
            code: "nip_excel_number",
            hashOnly: true,
            fails: `starts_with(${col}, '#EXCEL_NUMBER:')`,
            reason: lit(
              "NIP is stored as a number in Excel, which keeps only 15 digits; format the column as text and enter the NIP again",
            ),
          },
          {
            column: c.name,
            code: "nip_length",
            fails: `NOT ${digits(clean, 18)}`,
            reason:
              `'NIP must be 18 digits, got "' || left(${col}, 40) || '" (' || length(${clean}) || ' characters)'`,
          },
          // Digits 16-18 are a sequence number from 001: a NIP ending in 000 is one that went
          // through a floating-point number (Excel keeps 15 significant digits). Guessing the
          // digits back could give one person's record to another, so the row is set aside.
          {
            column: c.name,
            code: "nip_lost_digits",
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
        // A structural position whose eselon is empty is a data gap (derive.ts empties its
        // jenis_jabatan); one whose eselon is not known is an unknown code.
        if (c.code === "jenis_jabatan" && struktural.length) {
          checks.push({
            column: c.name,
            code: "eselon_unknown",
            value: "coalesce(eselon, eselon_id)",
            fails: `CASE WHEN ${col} IS NOT NULL AND ${code(c)} IS NULL THEN ${
              inList(`norm_code(${col})`, struktural)
            } ELSE FALSE END`,
            reason:
              `'jenis_jabatan "' || left(${col}, 60) || '" needs its eselon to say JPT, ADMINISTRATOR or PENGAWAS, and eselon "' || coalesce(eselon, eselon_id, '') || '" is not known (add it to the eselon aliases in data/aliases/siasn.json)'`,
          });
        }
        checks.push({
          column: c.name,
          code: "unknown_code",
          fails: `${col} IS NOT NULL AND ${code(c)} IS NULL`,
          reason: `'unknown ${c.name} "' || left(${col}, 60) || '"; use one of: ${
            codeList(c.code!)
          } (or add an alias in ${ALIAS_FILE})'`,
        });
        break;
      case "kode_instansi":
        checks.push({
          column: c.name,
          code: "instansi_unknown",
          fails: `${col} IS NOT NULL AND ${col} NOT IN (SELECT kode_instansi FROM ref_instansi)`,
          reason:
            `'kode_instansi "' || left(${col}, 20) || '" is not in the instansi reference table'`,
        });
        break;
      case "date":
        // MySQL's zero date in a required date (an optional one is read as empty: derive.ts).
        if (c.required === "yes") {
          checks.push({
            column: c.name,
            code: "zero_date",
            fails: `starts_with(${col}, '0000-00-00')`,
            reason: lit(
              `${c.name} is the zero date 0000-00-00 (an empty date saved by MySQL), and ${c.name} is required: enter the real date`,
            ),
          });
        }
        checks.push(
          {
            column: c.name,
            code: "date_unreadable",
            fails: `${col} IS NOT NULL AND ${ident(c.name + "__shape")} IS NULL`,
            reason:
              `'unreadable date "' || left(${col}, 40) || '"; use YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY'`,
          },
          {
            column: c.name,
            code: "date_impossible",
            fails: `${col} IS NOT NULL AND ${ident(c.name + "__date")} IS NULL`,
            reason:
              `'impossible date "' || left(${col}, 40) || '"' || CASE WHEN TRY_CAST(regexp_extract(${col}, '^\\d{1,2}[-/](\\d{1,2})[-/]\\d{4}$', 1) AS INTEGER) > 12 THEN ' (month first? this file also has dates whose first field is above 12, so it mixes both orders: write every date as YYYY-MM-DD)' ELSE '' END`,
          },
          {
            column: c.name,
            code: "date_before_1950",
            fails: `${ident(c.name + "__date")} < DATE '1950-01-01'`,
            reason: `'date before 1950: "' || ${col} || '"'`,
          },
          {
            column: c.name,
            code: "date_future",
            fails: c.future ? "FALSE" : `${ident(c.name + "__date")} > ${latest}`,
            reason: `'date in the future: "' || ${col} || '" is after ${period.year + 1}-12-31'`,
          },
        );
        break;
      case "number":
        checks.push(
          {
            column: c.name,
            code: "not_a_number",
            fails: `${col} IS NOT NULL AND ${ident(c.name + "__num")} IS NULL`,
            reason: `'not a number: "' || left(${col}, 40) || '"'`,
          },
          {
            column: c.name,
            code: "negative",
            fails: `${ident(c.name + "__num")} < 0`,
            reason: `'negative ${c.name}: ' || ${col}`,
          },
          {
            column: c.name,
            code: "not_finite",
            fails: `NOT isfinite(${ident(c.name + "__num")})`,
            reason: `'not a finite number: ' || ${col}`,
          },
        );
        break;
      case "year":
        checks.push({
          column: c.name,
          code: "year_out_of_range",
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
export function tableChecks(table: TableName, period: Period, firstAt: string): Check[] {
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
      code: "nip_birth_date",
      fails: `jenis_pegawai__code = 'PNS' AND NOT valid_date(${year}, ${month}, ${day})`,
      reason: `'NIP ' || ${nip} || ': digits 1-8 are not a valid birth date (YYYYMMDD)'`,
    },
    {
      column: "nip",
      code: "nip_birth_year",
      fails: `jenis_pegawai__code = 'PNS' AND NOT (${year} BETWEEN 1940 AND ${period.year - 15})`,
      reason: `'NIP ' || ${nip} || ': birth year ' || substr(${nip}, 1, 4) || ' is not plausible'`,
    },
    {
      column: "nip",
      code: "nip_tmt",
      fails:
        `jenis_pegawai__code = 'PNS' AND (NOT (${tmtMonth} BETWEEN 1 AND 12) OR ${tmtYear} NOT BETWEEN 1960 AND ${
          period.year + 1
        })`,
      reason: `'NIP ' || ${nip} || ': digits 9-14 are not a valid year-month'`,
    },
    {
      column: "nip",
      code: "nip_sex",
      fails: `jenis_pegawai__code = 'PNS' AND ${nipDigits(15, 1)} NOT IN (1, 2)`,
      reason: `'NIP ' || ${nip} || ': digit 15 (sex) must be 1 or 2'`,
    },
  ];
  // By the NIP as a number, which every row that reaches a table check has (the 18-digit check
  // comes first): national trainings 3.47 -> 3.34 s against the text.
  const notInPegawai: Check = {
    column: "nip",
    code: "nip_not_in_pegawai",
    fails: "nip__angka NOT IN (SELECT nip_kunci FROM pegawai)",
    reason: `'NIP ' || ${nip} || ' is not in pegawai'`,
  };
  switch (table) {
    case "pegawai":
      return [
        ...nipStructure,
        {
          column: "nip",
          code: "duplicate_nip",
          fails: `_first_line < _ord`,
          reason:
            `'duplicate NIP ' || ${nip} || ' (first at line ' || ${firstAt} || '); keep one row per ASN'`,
        },
      ];
    case "kinerja":
      return [
        notInPegawai,
        // Only SKPs with a predikat have a first line: one without is a data gap, never a second.
        {
          column: "tahun",
          code: "second_skp",
          fails: `predikat__code IS NOT NULL AND _first_line < _ord`,
          reason:
            `'second SKP for NIP ' || ${nip} || ' and year ' || tahun || ' (first at line ' || ${firstAt} || '); keep one'`,
        },
      ];
    default:
      return [notInPegawai];
  }
}

/** An end before its start, checked last: on rows whose dates are otherwise valid. */
export function endChecks(table: TableName): Check[] {
  if (table === "diklat") {
    return [{
      column: "tanggal_selesai",
      code: "end_before_start",
      fails: "tanggal_selesai__date < tanggal_mulai__date",
      reason:
        `'tanggal_selesai ' || tanggal_selesai || ' is before tanggal_mulai ' || tanggal_mulai`,
    }];
  }
  if (table === "hukdis") {
    return [{
      column: "akhir",
      code: "end_before_start",
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
export function afterPeriod(table: TableName, period: Period): Check | null {
  const next = `DATE '${period.year + 1}-01-01'`;
  const what = `' is after the period ${period.id}: it counts in no score of this period'`;
  switch (table) {
    case "diklat":
      return {
        column: "tanggal_mulai",
        code: "after_period",
        fails: `coalesce(tanggal_selesai__date, tanggal_mulai__date) >= ${next}`,
        reason:
          `'after the period: the training of ' || coalesce(tanggal_selesai, tanggal_mulai) || ${what}`,
      };
    case "kinerja":
      return {
        column: "tahun",
        code: "after_period",
        fails: `TRY_CAST(tahun AS INTEGER) > ${period.year}`,
        reason: `'after the period: the SKP of ' || tahun || ${what}`,
      };
    case "hukdis":
      return {
        column: "tmt",
        code: "after_period",
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
export const duplicate = (dupAt: string): Check => ({
  column: "nip",
  code: "exact_duplicate",
  fails: "_dup_of < _ord",
  reason: `'exact duplicate of line ' || ${dupAt} || ' (every column equal): collapsed into it'`,
  duplicate: true,
});

/**
 * The first failing check of a row, as its number (`index`, NULL when none fails), computed once
 * for every row; its reason and column are then read from the number only for the failing rows.
 * A check whose SQL is NULL (e.g. a comparison with an empty value) does not fire.
 */
export function caseOf(checks: Check[], from = 1): {
  index: string;
  reason: string;
  column: string;
  code: string;
  value: string;
} {
  const none = "CAST(NULL AS VARCHAR)";
  if (!checks.length) {
    return { index: "CAST(NULL AS INTEGER)", reason: none, column: none, code: none, value: none };
  }
  const by = (f: (c: Check) => string) =>
    `CASE _check ${checks.map((c, i) => `WHEN ${i + from} THEN ${f(c)}`).join(" ")} END`;
  return {
    index: `CASE ${
      checks.map((c, i) => `WHEN coalesce(${c.fails}, FALSE) THEN ${i + from}`).join(" ")
    } END`,
    reason: by((c) => c.reason),
    column: by((c) => lit(c.column)),
    code: by((c) => lit(c.code)),
    value: by((c) => `left(CAST(${c.value ?? ident(c.column)} AS VARCHAR), 200)`),
  };
}
