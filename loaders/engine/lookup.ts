/**
 * What validation looks values up in, inside the period's database: the SQL macros the checks
 * use, the alias table (normalised spelling → code) and the instansi reference with its name keys.
 */
import { type Db, lit, valuesTable } from "../duck.ts";
import { loadReferensi } from "../reference.ts";
import { type Aliases, type Kind, normaliseCode } from "./aliases.ts";

/** An instansi of the reference: its Kemendagri code and, to read SIASN's names, its name. */
export type Instansi = string | { kode_instansi: string; nama_instansi: string };
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
    -- An instansi name reduced to its kind and proper name, without spaces: "Pemerintah Kab.
    -- Balangan", "Pemkab Balangan" and "Kabupaten Balangan" all become "KABUPATENBALANGAN", and
    -- "Kota Palangka Raya" and "Kota Palangkaraya" both "KOTAPALANGKARAYA".
    CREATE OR REPLACE MACRO instansi_key(x) AS trim(regexp_replace(
      regexp_replace(regexp_replace(regexp_replace(regexp_replace(
        ' ' || regexp_replace(upper(x), '[^A-Z0-9]+', ' ', 'g') || ' ',
        ' (PEMERINTAH|PEMDA) ', ' ', 'g'),
        ' (PEMKAB|KAB|KABUPATEN) ', ' KABUPATEN ', 'g'),
        ' (PEMKOT|KOTA) ', ' KOTA ', 'g'),
        ' (PEMPROV|PEMPROP|PROV|PROP|PROPINSI|PROVINSI) ', ' PROVINSI ', 'g'),
      ' +', '', 'g'));
    CREATE OR REPLACE TABLE alias (kind VARCHAR, key VARCHAR, code VARCHAR);
    CREATE OR REPLACE TABLE ref_instansi (kode_instansi VARCHAR PRIMARY KEY, nama_instansi VARCHAR, kunci VARCHAR);
    CREATE OR REPLACE TABLE quarantine (tabel VARCHAR, file VARCHAR, line BIGINT, "column" VARCHAR, code VARCHAR, value VARCHAR, reason VARCHAR);
    CREATE OR REPLACE TABLE celah (tabel VARCHAR, kolom VARCHAR, file VARCHAR, line BIGINT, nip_kunci BIGINT, keterangan VARCHAR);
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
/** Alias rows of one kind as (normalised spelling, code) pairs, for CASE maps. */
export async function aliasPairs(db: Db, kind: Kind): Promise<[string, string][]> {
  return (await db.all<{ key: string; code: string }>(
    `SELECT key, code FROM alias WHERE kind = ${lit(kind)} ORDER BY key`,
  )).map((r) => [r.key, r.code]);
}
