/**
 * The dialect derivations: `src_<table>` is the raw table with the contract columns a dialect
 * leaves empty filled from its source-only columns (SIASN's eselon, KuadranKinerjaNilai,
 * instansiKerjaNama, latihanStrukturalNama, …), and what reading them needs to know about the
 * whole file (month-first dates, an instansi name that resolves nowhere).
 */
import { columns, type TableName } from "./contract.ts";
import { caseMap, type Db, ident, inList, lit } from "../duck.ts";
import { InputError } from "../errors.ts";
import { PITA_PP46 } from "./aliases.ts";
import { aliasPairs } from "./lookup.ts";
import { startsDayMonth } from "./parse-sql.ts";
import {
  jenjangFromLatihanId,
  jenjangFromName,
  jenjangFromNomor,
  tingkatFromName,
} from "./pola.ts";

/**
 * Office habits that would otherwise stop a row, read as what they mean (each with a note): a cell
 * saved as `="…"` (Excel's keep-as-text trick) without the wrapper; a whole number written as a
 * decimal, `2023.0` (pandas writes floats in a column with gaps, and Parquet or a workbook keeps
 * them), as the whole number, in a year, a code or an id; a Kemendagri code in Kemendagri's own
 * dotted notation, `64.74`, without the dot; MySQL's zero date `0000-00-00` as an empty date in an
 * optional date column (in a required one it is quarantined as such, checks.ts). One pass counts
 * each habit per column; only the columns that have one are rewritten, so a clean file costs the
 * count alone.
 */
const WRAPPED = ["nip", "kode_instansi", "kode_unit", "tahun", "jp"];
const WHOLE = ["tahun", "kode_instansi"];
/** Whether text `x` is a whole number written as a decimal (2023.0), or a dotted code (64.74). */
const wholeDecimal = (x: string) =>
  `(contains(${x}, '.') AND regexp_full_match(${x}, '\\d+\\.0+'))`;
const dotted = (x: string) =>
  `(contains(${x}, '.') AND regexp_full_match(${x}, '\\d{2}\\.\\d{2}'))`;
/** Whether text `x` is a zero date. */
const zeroDate = (x: string) =>
  `(regexp_matches(${x}, '^0{4}-0{2}-0{2}') OR ${x} IN ('00-00-0000', '00/00/0000'))`;

export async function cleanView(db: Db, table: TableName): Promise<string[]> {
  const cols = columns(table);
  const has = new Set(cols.map((c) => c.name));
  const ids = cols.filter((c) => c.sumberSaja && /(_id|_nilai)$/.test(c.name)).map((c) => c.name);
  const wrapped = [...WRAPPED, ...ids].filter((c) => has.has(c));
  const whole = [...WHOLE, ...ids].filter((c) => has.has(c));
  // The dates whose zero date is read as empty: every date but a required one (tmt).
  const dates = cols.filter((c) =>
    (c.kind === "date" && c.required !== "yes") || /^tanggal_/.test(c.name) && c.sumberSaja
  ).map((c) => c.name);
  // Each habit with the byte range [from, below) that holds every value it can match: a column
  // whose least and greatest values leave that range empty (or that is empty) has none, and is
  // not counted. DuckDB compares text by bytes. Nationally the counts cost the 11.5 M trainings
  // 0.83 s, a min and max of each column 0.25 s, and few columns are left to count.
  const digit = { from: "0", below: ":" };
  const probes = [
    ...wrapped.map((c) => ({
      key: `w_${c}`,
      column: c,
      match: `starts_with(${ident(c)}, '="')`,
      from: '="',
      below: "=#",
    })),
    ...whole.map((c) => ({ key: `f_${c}`, column: c, match: wholeDecimal(ident(c)), ...digit })),
    ...(has.has("kode_instansi")
      ? [{
        key: "d_kode_instansi",
        column: "kode_instansi",
        match: dotted(ident("kode_instansi")),
        ...digit,
      }]
      : []),
    ...dates.map((c) => ({
      key: `z_${c}`,
      column: c,
      match: `starts_with(${ident(c)}, '0') AND ${zeroDate(ident(c))}`,
      from: "0",
      below: "1",
    })),
  ];
  const possible = await db.one<Record<string, boolean>>(
    `SELECT ${
      probes.map((p) =>
        `coalesce(min(${ident(p.column)}) < ${lit(p.below)} AND max(${ident(p.column)}) >= ${
          lit(p.from)
        }, FALSE) AS ${ident(p.key)}`
      ).join(", ")
    } FROM raw_${table}`,
  );
  const counted = probes.filter((p) => possible[p.key]);
  const counts: Record<string, number> = counted.length
    ? await db.one<Record<string, number>>(
      `SELECT ${
        counted.map((p) => `count(*) FILTER (WHERE ${p.match}) AS ${ident(p.key)}`).join(", ")
      } FROM raw_${table}`,
    )
    : {};
  const n = (k: string) => Number(counts[k] ?? 0);
  const notes: string[] = [];
  const expr = new Map<string, string>();
  const get = (c: string) => expr.get(c) ?? ident(c);
  for (const c of wrapped.filter((c) => n(`w_${c}`))) {
    expr.set(
      c,
      `CASE WHEN starts_with(${get(c)}, '="') AND ends_with(${get(c)}, '"') THEN substr(${
        get(c)
      }, 3, length(${get(c)}) - 3) ELSE ${get(c)} END`,
    );
    notes.push(
      `${n(`w_${c}`)} ${c} cell(s) saved as ="…" (Excel's keep-as-text) read without the wrapper`,
    );
  }
  if (n("d_kode_instansi")) {
    expr.set(
      "kode_instansi",
      `CASE WHEN ${dotted(get("kode_instansi"))} THEN replace(${
        get("kode_instansi")
      }, '.', '') ELSE ${get("kode_instansi")} END`,
    );
    notes.push(
      `${
        n("d_kode_instansi")
      } kode_instansi written in Kemendagri's dotted notation (64.74) read without the dot`,
    );
  }
  for (const c of whole.filter((c) => n(`f_${c}`))) {
    expr.set(
      c,
      `CASE WHEN ${wholeDecimal(get(c))} THEN split_part(${get(c)}, '.', 1) ELSE ${get(c)} END`,
    );
    notes.push(
      `${n(`f_${c}`)} ${c} value(s) written as a decimal (2023.0) read as the whole number`,
    );
  }
  for (const c of dates.filter((c) => n(`z_${c}`))) {
    expr.set(c, `CASE WHEN ${zeroDate(get(c))} THEN NULL ELSE ${get(c)} END`);
    notes.push(
      `${n(`z_${c}`)} zero date(s) 0000-00-00 in ${c} (an empty date saved by MySQL) read as empty`,
    );
  }
  const repl = [...expr].map(([c, e]) => `${e} AS ${ident(c)}`);
  await db.run(
    `CREATE OR REPLACE TEMP VIEW clean_${table} AS SELECT *${
      repl.length ? ` REPLACE (${repl.join(", ")})` : ""
    } FROM raw_${table}`,
  );
  return notes;
}

/**
 * `src_<table>`: the raw table with the contract columns a dialect leaves empty filled from its
 * source-only columns (only those present in the file, so a contract-dialect file costs nothing).
 * Values stay text: the checks then treat a derived value like a typed one, and a value that
 * derives to nothing known is quarantined naming what the source said.
 */
export async function deriveView(db: Db, table: TableName, present: Set<string>): Promise<void> {
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
    // A structural position takes its level from its eselon; without an eselon its jenis_jabatan
    // is unknown: a data gap (gaps.ts), not an error. An eselon that is not known is quarantined.
    const es = ["eselon", "eselon_id"].filter(has).map(r);
    const struk = (await aliasPairs(db, "jabatan_struktural")).map(([k]) => k);
    // The structural spellings among the file's distinct values, so that the view tests each row
    // with a hash lookup: norm_code's regex on every row, in each of the view's scans, cost 2 s
    // of a national period. The distinct values are a list filtered after it is made: a WHERE
    // over SELECT DISTINCT is pushed below it, and ran the regex on every row (4.4 M national
    // pegawai: 0.56 s, against 0.06 s).
    await db.run(`CREATE OR REPLACE TEMP TABLE struktural_pegawai AS
      SELECT unnest(list_filter(list(DISTINCT ${jab}), v -> ${
      inList("norm_code(v)", struk)
    })) AS v FROM clean_pegawai r`);
    const isStruk = `${jab} IN (SELECT v FROM struktural_pegawai)`;
    if (es.length) {
      const esCode = caseMap(
        `norm_code(${coalesce(...es)})`,
        (await aliasPairs(db, "eselon")).map(([k, v]) => [k, lit(v)]),
      );
      replace.set(
        "jenis_jabatan",
        `CASE WHEN ${esCode} IS NOT NULL AND (${jab} IS NULL OR ${isStruk}) THEN ${esCode} WHEN ${isStruk} AND ${
          coalesce(...es)
        } IS NULL THEN NULL ELSE ${jab} END`,
      );
    } else if (struk.length) {
      replace.set("jenis_jabatan", `CASE WHEN ${isStruk} THEN NULL ELSE ${jab} END`);
    }
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
    // jenjang: a leadership training's level is read after the code mapping (jenjangSql), where
    // the row is known to be STRUKTURAL.
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
    // Else the level its name states (PP 94/2021 art. 8, PP 53/2010 art. 7: data/aliases/pola.json).
    replace.set(
      "tingkat",
      `coalesce(${
        r("tingkat")
      }, CASE WHEN upper(trim(${jenis})) IN ('R', 'S', 'B') THEN upper(trim(${jenis})) WHEN ${jenis} IS NOT NULL THEN nullif(${
        tingkatFromName(jenis)
      }, '') END)`,
    );
  }
  if (!extra.some((e) => e.endsWith("_kode_dari_nama"))) {
    extra.push("CAST(NULL AS VARCHAR) AS _kode_dari_nama");
  }
  const repl = [...replace].map(([c, e]) => `${e} AS ${ident(c)}`);
  await db.run(
    `CREATE OR REPLACE TEMP VIEW src_${table} AS SELECT r.*${
      repl.length ? ` REPLACE (${repl.join(", ")})` : ""
    }, ${extra.join(", ")} FROM clean_${table} r`,
  );
}

/**
 * The jenjang of a STRUKTURAL training whose jenjang column is empty (SIASN's rw-diklat, or a
 * rw-kursus "Diklat Struktural"): from latihanStrukturalId, then latihanStrukturalNama (an alias
 * of data/aliases/kode.json or siasn.json, else a pattern), then the course name, then the
 * certificate number (patterns of data/aliases/pola.json). '' (recognised, no level: SEPADA,
 * SESPIM) stops the search; nothing found is a data gap, "jenjang tidak diketahui". Only the
 * STRUKTURAL rows without a jenjang run the patterns. `t` is the row, `jenis` its mapped jenis.
 */
export async function jenjangSql(db: Db, jenis: string, mapped: string): Promise<string> {
  const alias = caseMap(
    "norm_code(t.latihan_struktural)",
    (await aliasPairs(db, "jenjang")).map(([k, v]) => [k, lit(v)]),
  );
  const chain = [
    jenjangFromLatihanId("t.latihan_struktural_id"),
    alias,
    jenjangFromName("t.latihan_struktural"),
    jenjangFromName("t.nama"),
    jenjangFromNomor("t.nomor_sertifikat"),
  ];
  return `CASE WHEN t.jenjang IS NOT NULL THEN ${mapped} WHEN ${jenis} = 'STRUKTURAL' THEN nullif(coalesce(${
    chain.join(", ")
  }), '') END`;
}

/**
 * Month-first dates (3/14/2024) in a file: read month-first when some date has a second field
 * above 12 and none a first field above 12 (returns the note); otherwise day-first. A file with
 * both kinds is read day-first and its month-first dates are quarantined as impossible, with the
 * hint. Dates whose fields are both 12 or less are never guessed one by one.
 */
export async function detectMonthFirst(
  db: Db,
  src: string,
  dates: string[],
): Promise<string | null> {
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
export async function refuseUnresolvedInstansi(db: Db, file: string): Promise<void> {
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
