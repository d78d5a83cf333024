/**
 * The cheap forms the validation uses on every cell give exactly what the plain forms give: the
 * GLOB for 18 digits against the regex \d{18}, DuckDB's date cast against try_strptime, the
 * date_shape macro's GLOB against its regexes, the decimal comma, the guard in front of the
 * month-first probe, one regex of words against a `contains` per word, the NIP's dates as integer
 * arithmetic against try_strptime on its digits. Each is compared on values
 * chosen to sit at the edges (other scripts' digits, wildcards, impossible dates), so a cheaper
 * form that reads one value differently fails here, not in a user's quarantine.
 */
import assert from "node:assert/strict";
import { Db, lit } from "../loaders/duck.ts";
import { ALIAS_FILE, loadAliases } from "../loaders/engine/aliases.ts";
import { checksOf } from "../loaders/engine/checks.ts";
import { prepare } from "../loaders/engine/lookup.ts";
import { digits, parseDate, parseNumber, startsDayMonth } from "../loaders/engine/parse-sql.ts";
import { containsAny } from "../loaders/engine/score.ts";
import { parsePeriod } from "../loaders/engine/period.ts";

async function withDb(f: (db: Db) => Promise<void>): Promise<void> {
  const db = await Db.open();
  try {
    await prepare(db, await loadAliases(ALIAS_FILE), []);
    await f(db);
  } finally {
    db.close();
  }
}

const values = (xs: readonly string[]) =>
  `(VALUES ${xs.map((x) => `(${lit(x)})`).join(", ")}) v(x)`;

/** The cheap form and the plain one (SQL over a text column `x`) for each of `xs`, in order. */
async function both<T>(
  xs: readonly string[],
  cheap: string,
  plain: string,
): Promise<{ x: string; cheap: T; plain: T }[]> {
  let rows: { x: string; cheap: T; plain: T }[] = [];
  await withDb(async (db) => {
    rows = await db.all(`SELECT x, ${cheap} AS cheap, ${plain} AS plain FROM ${values(xs)}`);
  });
  assert.equal(rows.length, xs.length);
  return rows;
}

Deno.test("18 digits: the GLOB says what the regex says", async () => {
  const d = "196501011990031001";
  const odd = [
    d,
    d.slice(1),
    d + "1",
    "",
    "19650101199003100a",
    "1965010119900310 1",
    "*",
    "?",
    "[0-9]",
    "1965010119900310?",
    "196501011990031*",
    "١٩٦٥٠١٠١١٩٩٠٠٣١٠٠١", // Arabic-Indic digits
    "１９６５０１０１１９９００３１００１", // fullwidth digits
    "19650101199003100١",
    "+96501011990031001",
    "-96501011990031001",
    "1.6501011990031001",
    "1e6501011990031001",
    "0x6501011990031001",
    "000000000000000000",
    "999999999999999999",
  ];
  const rows = await both<boolean>(odd, digits("x", 18), "regexp_full_match(x, '\\d{18}')");
  for (const r of rows) assert.equal(r.cheap, r.plain, r.x);
  assert.equal(rows.filter((r) => r.cheap).length, 3); // d and the two all-0 / all-9
});

Deno.test("a year-first date: the cast gives what try_strptime gives, for every month and day text", async () => {
  // Every month and day text of one or two digits (00 to 99) for years at the edges; the whole
  // range 0000-9999 (121 M strings) was compared once when the cast replaced try_strptime.
  const years = ["0000", "0001", "1582", "1900", "1950", "2000", "2023", "2024", "2100", "9999"];
  await withDb(async (db) => {
    const r = await db.one<{ n: number; dates: number; differ: number; example: string | null }>(`
      WITH md AS (SELECT CAST(i AS VARCHAR) AS s FROM range(10) t(i)
                  UNION ALL SELECT lpad(CAST(i AS VARCHAR), 2, '0') FROM range(100) t(i)),
        y AS (SELECT unnest([${years.map(lit).join(", ")}]) AS s),
        x AS (SELECT y.s || '-' || m.s || '-' || d.s AS x FROM y, md m, md d
              UNION ALL SELECT y.s || '-' || m.s || '-' || d.s || ' 10:20:30' FROM y, md m, md d
              WHERE length(m.s) = 2 AND length(d.s) = 2),
        pair AS (SELECT x, ${parseDate("x", "date_shape(x)", false)} AS engine,
          CAST(CASE WHEN regexp_full_match(x, '\\d{4}-\\d{1,2}-\\d{1,2}')
                    THEN try_strptime(x, '%Y-%m-%d')
                    ELSE try_strptime(left(x, 10), '%Y-%m-%d') END AS DATE) AS plain FROM x)
      SELECT count(*) AS n, count(engine) AS dates,
        count(*) FILTER (WHERE engine IS DISTINCT FROM plain) AS differ,
        any_value(x) FILTER (WHERE engine IS DISTINCT FROM plain) AS example FROM pair`);
    assert.equal(r.n, 10 * 110 * 110 + 10 * 100 * 100);
    assert.equal(r.differ, 0, `first difference: ${r.example}`);
    // And the dates it reads are the calendar's (proleptic Gregorian, as DuckDB's), counted here.
    const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const days = (y: number, m: number) =>
      m === 2 ? (leap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
    const spellings = (n: number) => (n < 10 ? 2 : 1); // "5" and "05"; "12"
    let expected = 0;
    for (const y of years.map(Number)) {
      for (let m = 1; m <= 12; m++) {
        for (let d = 1; d <= days(y, m); d++) expected += spellings(m) * spellings(d) + 1; // + ISO
      }
    }
    assert.equal(r.dates, expected);
  });
});

Deno.test("NIP structure: the integer arithmetic gives try_strptime's verdicts on the digits", async () => {
  // The four structure checks of a PNS NIP as compiled, against their plain forms (substr and
  // try_strptime, as they were written first), for 2024: every birth MMDD text (0000-9999) in
  // years at the edges of the calendar and of the check, every TMT year-month text (000000-999999),
  // every sex digit. All 10^8 birth date texts were compared once when the arithmetic came in.
  const checks = checksOf("pegawai", parsePeriod("2024-Q3")).filter((c) =>
    /birth date|birth year|year-month|sex/.test(c.reason)
  );
  assert.equal(checks.length, 4);
  const plain = [
    "try_strptime(substr(x, 1, 8), '%Y%m%d') IS NULL",
    "NOT (CAST(substr(x, 1, 4) AS INTEGER) BETWEEN 1940 AND 2009)",
    "(try_strptime(substr(x, 9, 6) || '01', '%Y%m%d') IS NULL OR CAST(substr(x, 9, 4) AS INTEGER) NOT BETWEEN 1960 AND 2025)",
    "substr(x, 15, 1) NOT IN ('1', '2')",
  ];
  const years = ["0000", "1582", "1900", "1939", "1940", "1996", "2000", "2009", "2010", "2100"];
  await withDb(async (db) => {
    const r = await db.all<{ i: number; n: number; fail: number; differ: number; example: string }>(
      `
      WITH nips AS (
        SELECT y || lpad(CAST(i AS VARCHAR), 4, '0') || '2005011001' AS x
        FROM unnest([${years.map(lit).join(", ")}]) t(y), range(10000) r(i)
        UNION ALL SELECT '19800101' || lpad(CAST(i AS VARCHAR), 6, '0') || '1001' FROM range(1000000) r(i)
        UNION ALL SELECT '19800101200501' || CAST(i AS VARCHAR) || '001' FROM range(10) r(i)),
      verdicts AS (
        SELECT x, ${
        checks.map((c, i) =>
          `coalesce(${c.fails}, FALSE) AS cheap_${i}, coalesce(${plain[i]}, FALSE) AS plain_${i}`
        ).join(", ")
      }
        FROM (SELECT x, x AS nip__clean, CAST(x AS BIGINT) AS nip__angka, 'PNS' AS jenis_pegawai__code FROM nips))
      ${
        checks.map((_, i) =>
          `SELECT ${i} AS i, count(*) AS n, count(*) FILTER (WHERE plain_${i}) AS fail,
          count(*) FILTER (WHERE cheap_${i} <> plain_${i}) AS differ,
          coalesce(any_value(x) FILTER (WHERE cheap_${i} <> plain_${i}), '') AS example FROM verdicts`
        ).join(" UNION ALL ")
      } ORDER BY i`,
    );
    for (const c of r) {
      assert.equal(c.n, 10 * 10000 + 1000000 + 10);
      assert.ok(c.fail > 0, `check ${c.i} fails no NIP here: the comparison would prove nothing`);
      assert.equal(c.differ, 0, `check ${c.i}: first difference ${c.example}`);
    }
  });
});

Deno.test("date_shape: the GLOB in front of the regexes changes no shape", async () => {
  const odd = [
    "2024-01-05",
    "2024-1-5",
    "2024-01-5",
    "2024-13-45",
    "0000-00-00",
    "2024-01-05 10:20",
    "2024-01-05T10:20:30.5",
    "05-01-2024",
    "5/1/2024",
    "2024/01/05",
    "2024-01-05x",
    "x2024-01-05",
    "2024-01-0*",
    "2024-01-0?",
    "2024-01-[5]",
    "２０２４-01-05",
    "2024-0١-05",
    "20240105",
    "",
  ];
  const rows = await both<string | null>(
    odd,
    "date_shape(x)",
    `CASE
      WHEN regexp_full_match(x, '\\d{4}-\\d{1,2}-\\d{1,2}') THEN '%Y-%m-%d'
      WHEN regexp_full_match(x, '\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?') THEN 'ISO'
      WHEN regexp_full_match(x, '\\d{1,2}-\\d{1,2}-\\d{4}') THEN '%d-%m-%Y'
      WHEN regexp_full_match(x, '\\d{1,2}/\\d{1,2}/\\d{4}') THEN '%d/%m/%Y' END`,
  );
  for (const r of rows) assert.equal(r.cheap, r.plain, r.x);
});

Deno.test("numbers: a decimal comma is a point, and only a comma is replaced", async () => {
  const odd = ["12", "12,5", "12.5", "1,234.5", "1.234,5", ",5", "5,", "abc", "1e3", "", " 7 "];
  const rows = await both<number | null>(
    odd,
    parseNumber("x"),
    "try_cast(replace(x, ',', '.') AS DOUBLE)",
  );
  for (const r of rows) assert.equal(r.cheap, r.plain, r.x);
  assert.equal(rows.find((r) => r.x === "12,5")?.cheap, 12.5);
});

Deno.test("the month-first probe's guard lets through every value its regexes match", async () => {
  const odd = [
    "1/2/2024",
    "12-31-2024",
    "01/02/2024",
    "1-2-2024",
    "3/14/2024",
    "31/12/1999",
    "1/2/24",
    "1-/2",
    "a1/2/2024",
    "123/4/2024",
    "-1/2/2024",
    " 1/2/2024",
    "2024-01-02",
    "2024/01/02",
    "١/٢/٢٠٢٤",
    "１/2/2024",
    "1\\2\\2024",
    "1.2.2024",
    "*/2/2024",
    "?/2/2024",
    "[0-9]/2/2024",
    "12/31/2024 10:00",
    "",
    "1",
    "12",
    "12/",
    "9-",
  ];
  const rows = (await both<boolean>(
    odd,
    startsDayMonth("x"),
    "regexp_matches(x, '^(\\d{1,2})[-/]\\d{1,2}[-/]\\d{4}$')",
  )).map((r) => ({ x: r.x, guard: r.cheap, re: r.plain }));
  const matched = rows.filter((r) => r.re).map((r) => r.x);
  assert.deepEqual(matched, [
    "1/2/2024",
    "12-31-2024",
    "01/02/2024",
    "1-2-2024",
    "3/14/2024",
    "31/12/1999",
  ]);
  assert.deepEqual(
    rows.filter((r) => r.re && !r.guard).map((r) => r.x),
    [],
    "a match the guard stops",
  );
  // The guard is not the regex: it lets through cells the regex then rejects, and stops the rest.
  assert.deepEqual(
    rows.filter((r) => r.guard && !r.re).map((r) => r.x),
    ["1/2/24", "1-/2", "12/31/2024 10:00", "12/", "9-"],
  );
});

Deno.test("containsAny says what a contains per word says, whatever the words hold", async () => {
  const words = ["guru", "dokter gigi", "a.b", "c++", "(x)", "[y]", "$z", "^w", "1|2", "\\d", "é"];
  const titles = [
    "guru",
    "Guru Madya",
    "dokter",
    "dokter gigi",
    "dokter  gigi",
    "axb",
    "a.b",
    "c",
    "c++ dev",
    "(x)",
    "x",
    "[y]",
    "y",
    "$z",
    "z",
    "^w",
    "w",
    "1|2",
    "1",
    "2",
    "\\d",
    "7",
    "é",
    "e",
    "É",
    "",
  ];
  for (const ws of [words, words.slice(0, 2), ["ü"], []]) {
    const plain = ws.length ? ws.map((w) => `contains(x, ${lit(w)})`).join(" OR ") : "FALSE";
    const rows = await both<boolean>(titles, containsAny("x", ws), plain);
    assert.deepEqual(rows.filter((r) => r.cheap !== r.plain).map((r) => r.x), [], ws.join(" "));
  }
  const hits = await both<boolean>(titles, containsAny("x", words), "NULL");
  assert.deepEqual(hits.filter((r) => r.cheap).map((r) => r.x), [
    "guru",
    "dokter gigi",
    "a.b",
    "c++ dev",
    "(x)",
    "[y]",
    "$z",
    "^w",
    "1|2",
    "\\d",
    "é",
  ]);
});
