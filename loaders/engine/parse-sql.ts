/**
 * SQL that reads a text cell as a value: digits, dates in the shapes the contract accepts, numbers
 * with a decimal comma, a NIP without its spaces. Pure functions of SQL text, tested against
 * DuckDB on every shape they accept (tests/parse-sql.test.ts).
 */
import { lit } from "../duck.ts";

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

/** A NIP cell without its spaces ("19800101 200501 1 001" is a common print form). */
export const nipClean = (ref: string) => `regexp_replace(${ref}, '\\s', '', 'g')`;
/**
 * The same on every row: the regular expression runs only on the cells that hold whitespace (RE2's
 * `\s`: space, tab, LF, FF, CR), so a NIP as exported costs a few byte searches.
 */
export const nipCleanFast = (ref: string) =>
  `CASE WHEN ${
    ["' '", "chr(9)", "chr(10)", "chr(12)", "chr(13)"].map((w) => `contains(${ref}, ${w})`).join(
      " OR ",
    )
  } THEN ${nipClean(ref)} ELSE ${ref} END`;
/** The contract's own columns (source-only columns are read to derive these). */
