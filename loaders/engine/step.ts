/**
 * One period, in the same four steps every time: load the raw tables → validate them → score
 * every profile and aggregate → write the period's files. The pipeline runs this for each new or
 * changed period, then combines the periods' files (combine.ts).
 */
import { basename, join } from "node:path";
import { Db, ident, inList, lit, valuesTable } from "../duck.ts";
import { aggregateSql, profileSumsSql, unitSumsSql } from "./aggregate.ts";
import { type InputTable, mapHeader, TABLE_NAMES, type TableName } from "./contract.ts";
import { copyCsv } from "./csv.ts";
import { gainCountRollUpSql, gainCountSql, gainSql, gainTableSql } from "./gain.ts";
import {
  emptyRawTable,
  type FileLoad,
  findTables,
  type LoadResult,
  loadTable,
  type SourceFile,
} from "./ingest.ts";
import type { MethodProfile } from "./method.ts";
import { parsePeriod, type Period } from "./period.ts";
import { kodeProvinsi, type Wilayah } from "../reference.ts";
import {
  RESMI,
  resmiGainSql,
  resmiProfile,
  resmiSkorSql,
  selisihAsnSql,
  selisihInstansiSql,
  validateResmi,
} from "./resmi.ts";
import {
  categorySql,
  factsSql,
  FAKTA_ASN,
  itemSlots,
  scoreColumnsSql,
  scorePointsSql,
  skorAsnSql,
} from "./score.ts";
import type { Aliases } from "./aliases.ts";
import { GAPS } from "./gaps.ts";
import { prepare } from "./lookup.ts";
import { validateTable } from "./validate.ts";
import { laneSettings } from "./budget.ts";

export type PipelineEvent =
  | { type: "start"; periods: string[]; methods: string[] }
  | { type: "period"; periode: string; recompute: boolean }
  | {
    type: "table";
    periode: string;
    table: InputTable;
    read: number;
    used: number;
    quarantined: number;
    gaps: Record<string, number>;
    notes: string[];
  }
  | { type: "scored"; periode: string; metode: string; n: number }
  | { type: "done"; periode: string; ms: number }
  | { type: "finish"; out: string; recomputed: string[]; reused: string[] };

export interface TableAccounting {
  /** The table's first file (see `files` for a table in several files). */
  file: string;
  /** Records read (blank records aside): read = used + quarantined. */
  read: number;
  used: number;
  quarantined: number;
  /** Of the used rows, exact duplicates of an earlier line (a repeated sync), counted once. */
  duplicates: number;
  /**
   * Of the quarantined rows, those dated after the period (a later export holds them): set aside,
   * not errors.
   */
  after_period?: number;
  /**
   * Of the used rows, per column, how many lack a value the method scores as absent: data gaps,
   * not errors (gaps.ts).
   */
  gaps: Record<string, number>;
  /** Blank records (only delimiters or spaces), skipped and reported, in no other count. */
  blank: number;
  notes: string[];
  /** Of the quarantined rows, how many per reason code (checks.ts), after_period aside. */
  errors: Record<string, number>;
  /** Per file of the table: its path, records read, rejected by the reader and blank, errors by code. */
  files: {
    file: string;
    read: number;
    rejected: number;
    blank: number;
    errors: Record<string, number>;
  }[];
}
/** Every scored table of a period, and the official results where the folder has them. */
export type PeriodAccounting = Record<TableName, TableAccounting> & { resmi?: TableAccounting };

/** A period's per-person files: written only when asked (PipelineOptions.perAsn). */
export const PER_ASN_FILES = [
  "skor_asn.parquet",
  "peluang_asn.parquet",
  "selisih_asn.parquet",
  "celah_asn.parquet",
];

export interface PeriodStep {
  /** The period's id (`2024-Q3`) and its raw folder. */
  periode: string;
  dir: string;
  /** Where the period's files go (a folder of the staging output). */
  target: string;
  profiles: MethodProfile[];
  /** Every category name of every profile of the run (the same columns in every period's files). */
  categories: string[];
  /** meta.json's kode_instansi: the instansi of a `resmi` file without an instansi column. */
  kodeInstansi: string | null;
  /**
   * Profiles computed for sensitivity only (the variants a run did not ask for by name): their
   * means, never their gains or per-person rows.
   */
  sensitivity?: ReadonlySet<string>;
  /** The profile that is the default for this period (`metode_baku`), if any. */
  baku: string | null;
  /** Write the per-person files (PER_ASN_FILES) of this period. */
  perAsn: boolean;
  /** DuckDB's memory budget for this period (its share of the run's: budget.ts). */
  memoryLimit: string;
  /** DuckDB's threads for this period (its share of the cores: budget.ts). */
  threads: number;
  aliases: Aliases;
  wilayah: Wilayah[];
  log: (e: PipelineEvent) => void;
}

/** Scores one period into `o.target`; returns its accounting (also written as accounting.json). */
export async function runPeriod(o: PeriodStep): Promise<PeriodAccounting> {
  const period = parsePeriod(o.periode);
  const tmp = join(o.target, ".tmp");
  Deno.mkdirSync(tmp);
  // A bounded memory budget: DuckDB spills to the period's temp folder beyond it (national
  // scale would otherwise take 80% of the machine).
  const db = await Db.open(":memory:", {
    temp_directory: tmp,
    preserve_insertion_order: "true",
    ...laneSettings(o.dir, o),
    // No automatic checkpoint: the database lives for one period in memory, and once its tables
    // pass the threshold (16 MB) a statement that writes waits for a checkpoint of every table
    // (0.4 s of the first gain table per period on the kanreg8 demo). Data and results unchanged.
    checkpoint_threshold: "1TB",
  });
  try {
    const accounting = await loadAndValidate(db, { ...o, listGaps: o.perAsn }, period, tmp);
    Deno.writeTextFileSync(
      join(o.target, "accounting.json"),
      JSON.stringify(accounting, null, 2) + "\n",
    );
    const withResmi = await score(db, o, period);
    await write(db, o);
    // The methods this period's files hold (the pipeline's cache and combine read it).
    const metode = [...o.profiles.map((p) => p.id), ...(withResmi ? [RESMI] : [])];
    Deno.writeTextFileSync(join(o.target, "metode.json"), JSON.stringify(metode) + "\n");
    return accounting;
  } finally {
    db.close();
    Deno.removeSync(tmp, { recursive: true });
  }
}

/** What loading and validating a period needs (the dry run `periksa` gives just this). */
export type LoadStep =
  & Pick<
    PeriodStep,
    "periode" | "dir" | "profiles" | "baku" | "aliases" | "wilayah" | "kodeInstansi" | "log"
  >
  & { /** List each row with a data gap (the per-person file celah_asn). */ listGaps?: boolean };

/** Looks into each table on its way (the dry run `periksa` reports from these). */
export interface TableHooks {
  /** `raw_<table>` is loaded and not yet validated (validation drops it). */
  loaded?: (table: InputTable, load: LoadResult) => Promise<void>;
  /** The table is validated; `quarantine` holds its rows set aside. */
  validated?: (
    table: InputTable,
    acc: TableAccounting,
    load: LoadResult,
    src: SourceFile,
  ) => Promise<void>;
}

/**
 * Instansi codes in pegawai that the reference lacks are kept under their code, never dropped
 * (#18): a well-formed code (2 or 4 digits) joins this run's reference with its code as its name
 * and its province from its first two digits (none for a central agency's 10xx–40xx), and the
 * note names it. The pipeline
 * lists them in the manifest (`di_luar_referensi`); a malformed code is still quarantined.
 */
async function keepUnknownInstansi(db: Db, codes: string): Promise<string[]> {
  await db.run(
    "CREATE TABLE IF NOT EXISTS instansi_luar (kode_instansi VARCHAR, n_asn BIGINT)",
  );
  const luar = await db.all<{ kode_instansi: string; n_asn: number }>(
    `SELECT kode_instansi, count(*) AS n_asn FROM (${codes}) c(kode_instansi)
     WHERE regexp_full_match(kode_instansi, '[0-9]{2}([0-9]{2})?')
       AND kode_instansi NOT IN (SELECT kode_instansi FROM ref_instansi)
     GROUP BY ALL ORDER BY ALL`,
  );
  if (!luar.length) return [];
  const rows = valuesTable(["kode_instansi", "n_asn"], luar.map((l) => [l.kode_instansi, l.n_asn]));
  await db.run(`INSERT INTO instansi_luar SELECT * FROM ${rows}`);
  await db.run(`INSERT INTO ref_instansi
    SELECT kode_instansi, 'Instansi ' || kode_instansi, NULL FROM ${rows}`);
  // Its province from its first two digits, unless those are no province (a central agency's).
  await db.run(
    `INSERT INTO ref_wilayah SELECT kode_instansi, CASE WHEN ${
      inList("left(kode_instansi, 2)", [...kodeProvinsi()])
    } THEN left(kode_instansi, 2) END FROM ${rows}`,
  );
  return [
    `instansi not in the reference, kept under their code: ${
      luar.map((l) => `${l.kode_instansi} (${l.n_asn} rows)`).join(", ")
    }; to name ${
      luar.length > 1 ? "them" : "it"
    }, add a row per instansi to a wilayah.csv beside the period folders (columns kode_instansi, nama_instansi, jenis, kode_provinsi, provinsi; see data/reference/wilayah-nasional.csv), or check the code: the reference is Kemendagri's (a central agency uses BKN's 4-digit code)`,
  ];
}

/**
 * How a file in another dialect was read, for the run's log: "read as siasn-rw-kursus
 * (jumlahJam → jp, …)"; null for the contract's own names.
 */
function readAs(t: InputTable, f: FileLoad): string | null {
  const m = mapHeader(t, f.header);
  if (!m.ok || m.dialect === "kontrak") return null;
  const renamed = [...m.mapping].filter(([i, c]) => f.header[i] !== c)
    .map(([i, c]) => `${f.header[i]} → ${c}`);
  return `${basename(f.file)} read as ${m.dialect}${
    renamed.length ? ` (${renamed.slice(0, 8).join(", ")}${renamed.length > 8 ? ", …" : ""})` : ""
  }`;
}

/**
 * The share of a table's records quarantined as errors: rows dated after the period are set
 * aside, not errors (an export pulled later holds them). Above --max-quarantine, a run fails.
 */
export function errorShare(a: TableAccounting): number {
  return a.read > 0 ? (a.quarantined - (a.after_period ?? 0)) / a.read : 0;
}

/**
 * The failure limit catches a mis-read file, not a dirty one: a file fails when ONE check fails on
 * more than half of its records (and on at least `min` of them): a NIP column read as numbers, a
 * date column in a format nothing reads, a header matched to the wrong column, codes of a dialect
 * no alias knows. Ordinary gaps are not errors (gaps.ts), and errors spread over many reasons are
 * a dirty file, which is scored with its errors quarantined. The demo's 13 periods quarantine no
 * row; the SIASN fixtures and the bad-input corpus (tests/fixtures/bad) have at most one failing
 * row per check in files of 3 to 30 records; a mis-read file fails one check on every row.
 * `--max-quarantine` adds a stricter limit on the share of all errors of a table.
 */
export const MISREAD = { share: 0.5, min: 10 };

export function limitProblem(
  a: TableAccounting,
  maxShare: number | undefined,
): { file: string; problem: string; fix: string } | null {
  for (const f of a.files) {
    const [code, n] = Object.entries(f.errors).sort((x, y) => y[1] - x[1])[0] ?? ["", 0];
    if (n >= MISREAD.min && n > MISREAD.share * f.read) {
      return {
        file: f.file,
        problem: `${n} of ${f.read} records (${
          (100 * n / f.read).toFixed(1)
        }%) fail the same check (${code}): the file looks mis-read, not merely incomplete`,
        fix:
          "read the reasons in quarantine.csv (npx deno task periksa shows them): a column read as the wrong one, a number format that lost digits, dates in a format not accepted or codes of a dialect not known; fix the export and run again",
      };
    }
  }
  const share = errorShare(a);
  if (maxShare !== undefined && share > maxShare) {
    return {
      file: a.file,
      problem: `${Math.round(share * a.read)} of ${a.read} rows (${
        (100 * share).toFixed(1)
      }%) were quarantined as errors, above the limit of ${(100 * maxShare).toFixed(1)}%`,
      fix: "read the reasons in quarantine.csv, fix the file, or raise --max-quarantine",
    };
  }
  return null;
}

/** Per file of a table, its quarantined rows by reason code (rows after the period aside). */
async function errorsByFile(
  db: Db,
  table: InputTable,
): Promise<Map<string, Record<string, number>>> {
  const rows = await db.all<{ file: string; code: string; n: number }>(
    `SELECT file, code, count(*) AS n FROM quarantine WHERE tabel = ${
      lit(table)
    } AND code <> 'after_period' GROUP BY ALL ORDER BY ALL`,
  );
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) out.set(r.file, { ...out.get(r.file), [r.code]: Number(r.n) });
  return out;
}

/** The accounting's per-file entries and the table's errors by code. */
async function fileAccounting(db: Db, table: InputTable, loaded: LoadResult) {
  const byFile = await errorsByFile(db, table);
  const files = loaded.files.map((f) => ({
    file: f.file,
    read: f.read,
    rejected: f.rejected,
    blank: f.blank,
    errors: byFile.get(f.file) ?? {},
  }));
  const errors: Record<string, number> = {};
  for (const f of files) {
    for (const [c, n] of Object.entries(f.errors)) errors[c] = (errors[c] ?? 0) + n;
  }
  return { files, errors };
}

/** Load → validate: every table into `raw_<table>`, checked into typed tables and `quarantine`. */
export async function loadAndValidate(
  db: Db,
  o: LoadStep,
  period: Period,
  tmp: string,
  hooks: TableHooks = {},
): Promise<PeriodAccounting> {
  const tables = await findTables(o.dir);
  await prepare(db, o.aliases, o.wilayah);
  // Typed: a reference of central agencies only would leave kode_provinsi all NULL, not text.
  await db.run("CREATE TABLE ref_wilayah (kode_instansi VARCHAR, kode_provinsi VARCHAR)");
  await db.run(
    `INSERT INTO ref_wilayah SELECT * FROM ${
      valuesTable(
        ["kode_instansi", "kode_provinsi"],
        // A central agency has no province (NULL): it is its own group, outside agg_provinsi.
        o.wilayah.map((w) => [w.kode_instansi, w.kode_provinsi || null]),
      )
    }`,
  );
  const acc = {} as PeriodAccounting;
  for (const t of TABLE_NAMES) {
    if (!tables[t]) {
      // Only BKN's official results in this folder: the four tables are empty, not missing.
      await emptyRawTable(db, t);
      if (t === "pegawai") await keepUnknownInstansi(db, "SELECT kode_instansi FROM raw_pegawai");
      await validateTable(db, t, [join(o.dir, t)], period);
      acc[t] = {
        file: "",
        read: 0,
        used: 0,
        quarantined: 0,
        duplicates: 0,
        gaps: {},
        blank: 0,
        notes: ["no file: the folder holds only BKN's official results"],
        errors: {},
        files: [],
      };
      continue;
    }
    const loaded = await loadTable(db, tables[t], tmp);
    await hooks.loaded?.(t, loaded);
    if (t === "pegawai") {
      loaded.notes.push(...await keepUnknownInstansi(db, "SELECT kode_instansi FROM raw_pegawai"));
    }
    loaded.notes.unshift(...loaded.files.map((f) => readAs(t, f)).filter((n) => n !== null));
    const files = loaded.files.map((f) => f.file);
    // Rows dated after the period (an SKP of the next year) count in no score: quarantined as such.
    const v = await validateTable(db, t, files, period, { listGaps: o.listGaps });
    if (loaded.read !== v.used + v.quarantined) {
      throw new Error(
        `internal accounting error in ${
          tables[t].path
        }: read ${loaded.read} ≠ used ${v.used} + quarantined ${v.quarantined}`,
      );
    }
    acc[t] = {
      file: tables[t].path,
      read: loaded.read,
      used: v.used,
      quarantined: v.quarantined,
      duplicates: v.duplicates,
      after_period: (await db.one<{ n: number }>(
        `SELECT count(*) AS n FROM quarantine WHERE tabel = ${lit(t)} AND code = 'after_period'`,
      )).n,
      gaps: v.gaps,
      blank: loaded.blank,
      notes: [...loaded.notes, ...v.notes],
      ...await fileAccounting(db, t, loaded),
    };
    await hooks.validated?.(t, acc[t], loaded, tables[t]);
    o.log({ type: "table", periode: o.periode, table: t, ...acc[t] });
  }
  await loadResmi(db, o, tables.resmi, acc, tmp, hooks);
  return acc;
}

/**
 * BKN's official results, when the folder has them: checked into `resmi` like any table (an empty
 * `resmi` otherwise, so what reads it needs no special case). The instansi comes from the file,
 * meta.json or pegawai, and the accounting's notes say which.
 */
async function loadResmi(
  db: Db,
  o: LoadStep,
  src: SourceFile | undefined,
  acc: PeriodAccounting,
  tmp: string,
  hooks: TableHooks,
): Promise<void> {
  const loaded = src ? await loadTable(db, src, tmp) : null;
  if (loaded) await hooks.loaded?.("resmi", loaded);
  if (!loaded) await emptyRawTable(db, "resmi");
  const luar = await keepUnknownInstansi(
    db,
    `SELECT coalesce(kode_instansi, ${lit(o.kodeInstansi)}) FROM raw_resmi`,
  );
  loaded?.notes.push(...luar);
  const base = o.profiles.find((p) => p.id === o.baku) ?? o.profiles[0];
  const files = loaded?.files.map((f) => f.file) ?? [];
  const v = await validateResmi(db, {
    files,
    maks: maksOf(base),
    withPegawai: (await db.one<{ n: number }>("SELECT count(*) AS n FROM pegawai")).n > 0,
    kodeInstansi: o.kodeInstansi,
  });
  if (!src || !loaded) return;
  const rejected = loaded.files.reduce((n, f) => n + f.rejected, 0);
  if (loaded.read !== v.used + v.quarantined) {
    throw new Error(
      `internal accounting error in ${src.path}: read ${loaded.read} ≠ used ${v.used} + quarantined ${v.quarantined} (${rejected} by the reader)`,
    );
  }
  acc.resmi = {
    file: src.path,
    read: loaded.read,
    used: v.used,
    quarantined: v.quarantined,
    duplicates: 0,
    gaps: {},
    blank: loaded.blank,
    notes: [...loaded.notes, `instansi ${v.instansi}`],
    ...await fileAccounting(db, "resmi", loaded),
  };
  await hooks.validated?.("resmi", acc.resmi, loaded, src);
  o.log({ type: "table", periode: o.periode, table: "resmi", ...acc.resmi });
}

const maksOf = (p: MethodProfile) => ({
  kualifikasi: p.dimensi.kualifikasi.maks,
  kompetensi: p.dimensi.kompetensi.maks,
  kinerja: p.dimensi.kinerja.maks,
  disiplin: p.dimensi.disiplin.maks,
});

/** Score: per-person scores under every profile, aggregates, gains and reconciliation parts. */
async function score(db: Db, o: PeriodStep, period: Period): Promise<boolean> {
  for (const s of factsSql(o.profiles, period)) await db.run(s);
  // Pegawai and the history tables are read only through `fakta_asn` from here: dropping them
  // frees their memory for the scoring (nationally most of a 3 GB budget, and what passes the
  // budget spills to disk).
  await db.run("DROP TABLE diklat; DROP TABLE kinerja; DROP TABLE hukdis; DROP TABLE pegawai");
  const slots = itemSlots(o.profiles);
  // Each profile's scores are a view over `fakta_asn` (`skor_<i>`, every ASN, see
  // `scorePointsSql`), and `skor_semua` is the view of their full rows, one branch per method: it
  // also holds the ASN each profile does not count (`luar`), for reconciliation; `skor`, the view
  // everything else reads, only the counted. Nothing is stored per profile: each read computes
  // the columns it needs from the facts, cheaper nationally than storing 4.4 M rows per profile
  // (5–8 s each, and spilled past the memory budget).
  const options = { slots, pribadi: o.perAsn, luar: true };
  const branches: string[] = [];
  for (const [i, profile] of o.profiles.entries()) {
    await db.run(
      `CREATE OR REPLACE VIEW skor_${i} AS ${scorePointsSql(profile, period, options)}`,
    );
    branches.push(scoreColumnsSql(profile, period, `skor_${i}`, options));
    const { n } = await db.one<{ n: number }>(
      `SELECT count(*) AS n FROM (${branches[i]}) WHERE NOT luar`,
    );
    o.log({ type: "scored", periode: o.periode, metode: profile.id, n });
  }
  // Official results are one more method: rows of skor, categorised under the period's default
  // profile's bands (BKN's), aggregated like the others.
  const { n: nResmi } = await db.one<{ n: number }>("SELECT count(*) AS n FROM resmi");
  const resmiP = resmiProfile(o.profiles.find((p) => p.id === o.baku) ?? o.profiles[0]);
  if (nResmi) {
    await db.run(
      `CREATE OR REPLACE TABLE skor_resmi AS ${
        resmiSkorSql(o.periode, (v) => categorySql(resmiP, v))
      }`,
    );
    branches.push("SELECT *, FALSE AS luar FROM skor_resmi");
    o.log({ type: "scored", periode: o.periode, metode: RESMI, n: nResmi });
  }
  await db.run(`CREATE OR REPLACE VIEW skor_semua AS ${await unionAs(db, branches)};
    CREATE OR REPLACE VIEW skor AS SELECT * EXCLUDE (luar) FROM skor_semua WHERE NOT luar`);
  // The names, for the privacy scan of the public build (nama.parquet).
  await db.run(`CREATE OR REPLACE TEMP TABLE nama_asn AS SELECT DISTINCT nama FROM (
      SELECT nama FROM ${FAKTA_ASN} UNION ALL SELECT nama FROM resmi) WHERE nama IS NOT NULL`);
  const aggregated = nResmi ? [...o.profiles, resmiP] : o.profiles;
  // The unit sums: the profiles' in one pass over the facts; official results from their rows.
  const sums = [
    profileSumsSql(o.profiles, period, o.categories),
    ...(nResmi
      ? [unitSumsSql(o.categories, `(FROM skor_semua WHERE metode = ${lit(RESMI)})`)]
      : []),
  ].join("\nUNION ALL\n");
  for (const s of aggregateSql(aggregated, o.baku ?? undefined, o.categories, sums)) {
    await db.run(s);
  }
  // Person by person: official against computed (empty without official results).
  await db.run(
    `CREATE OR REPLACE TABLE selisih_asn AS SELECT * FROM (${selisihAsnSql(o.periode)}) WHERE ${
      nResmi ? "TRUE" : "FALSE"
    }`,
  );
  // `peluang`: with the per-person file, a view of a row per ASN and gain, computed once as that
  // file is written, and the gain tables are counted from the file (write). Stored as a table
  // first, nationally the rows took 9.4–10.8 s to make and 3.2–3.7 s more to write, against
  // 10.1–10.4 s written straight, and held 1 GB of the memory budget. Without the file the gains
  // are only counted, per unit and then per instansi: `peluang` holds the unit counts, made without
  // a row per gain (gainCountSql), and the instansi counts are their sums.
  const gainRows = (sql: string) =>
    o.perAsn ? sql : gainTableSql(`(${sql})`, ["kode_instansi", "kode_unit"]);
  // A variant (an alternative to one assumed rule) is sensitivity: its means, never its gains
  // or its people. The first profile's gains give the columns, none of them kept for a
  // variant-only run.
  const meansOnly = (p: MethodProfile) => o.sensitivity?.has(p.id) ?? false;
  const gains = o.profiles.flatMap((profile, i) =>
    i > 0 && meansOnly(profile) ? [] : [
      `SELECT * FROM (${
        o.perAsn ? gainSql(profile) : gainCountSql(profile, ["kode_instansi", "kode_unit"])
      }) WHERE ${meansOnly(profile) ? "FALSE" : "TRUE"}`,
    ]
  );
  // A plan on official values: the SIASN fixes and, without local data, the upper bounds.
  if (nResmi) gains.push(gainRows(resmiGainSql(o.baku, maksOf(resmiP))));
  await db.run(
    `CREATE OR REPLACE ${o.perAsn ? "VIEW" : "TABLE"} peluang AS ${await unionAs(db, gains)}`,
  );
  return nResmi > 0;
}

/**
 * `queries` as one UNION ALL with the first one's columns and types: a later query's column is
 * matched by name, cast to the first one's type, and NULL when it has none, as an INSERT BY NAME
 * into a table made from the first one would store it.
 */
async function unionAs(db: Db, queries: string[]): Promise<string> {
  const describe = async (q: string) =>
    new Map(
      (await db.all<{ column_name: string; column_type: string }>(`DESCRIBE ${q}`)).map((
        c,
      ) => [c.column_name, c.column_type]),
    );
  const first = await describe(queries[0]);
  const rest = [];
  for (const q of queries.slice(1)) rest.push(await describe(q));
  return [
    queries[0],
    ...rest.map((has, i) =>
      `SELECT ${
        [...first].map(([name, type]) =>
          has.get(name) === type
            ? ident(name)
            : `CAST(${has.has(name) ? ident(name) : "NULL"} AS ${type}) AS ${ident(name)}`
        ).join(", ")
      } FROM (${queries[i + 1]})`
    ),
  ].join("\nUNION ALL\n");
}

/**
 * The worklist of data gaps (celah_asn): each row that lacks a value, with the person and the
 * SIASN field to fill, written straight from `celah` and the facts (stored first as a table, the
 * national 1.9 M rows took 1.6–3.0 s before their 1.3 s write).
 */
function celahAsnSql(periode: string): string {
  const gaps = valuesTable(
    ["tabel", "kolom", "kurang", "isi_di_siasn"],
    GAPS.map((g) => [g.table, g.column, g.label, g.siasn]),
    "g",
  );
  return `SELECT ${
    lit(periode)
  } AS periode, p.nip, p.nama, p.kode_instansi, p.kode_unit, p.nama_unit,
    c.tabel, c.kolom, g.kurang, g.isi_di_siasn, c.keterangan, c.file, c.line
  FROM celah c JOIN ${FAKTA_ASN} p ON p.nip_kunci = c.nip_kunci JOIN ${gaps} USING (tabel, kolom)`;
}

/** Write: the period's files, which combine.ts merges across periods. */
async function write(db: Db, o: PeriodStep): Promise<void> {
  const to = (name: string) => lit(join(o.target, name));
  await db.run(
    `COPY (SELECT * FROM quarantine ORDER BY tabel, line) TO ${
      to("quarantine.parquet")
    } (FORMAT parquet)`,
  );
  await copyCsv(
    db,
    "SELECT * FROM quarantine ORDER BY tabel, line",
    join(o.target, "quarantine.csv"),
  );
  // The per-person gains first: the gain tables are counted from their file (see `score`).
  const gainFile = `read_parquet(${to("peluang_asn.parquet")})`;
  if (o.perAsn) {
    await personFile(db, to("peluang_asn.parquet"), "SELECT * FROM peluang");
    await db.run("DROP VIEW peluang");
  }
  const periodFiles: Record<string, string> = {
    peluang_unit:
      (o.perAsn ? gainTableSql(gainFile, ["kode_instansi", "kode_unit"]) : "FROM peluang") +
      " ORDER BY ALL",
    peluang_instansi:
      (o.perAsn
        ? gainTableSql(gainFile, ["kode_instansi"])
        : gainCountRollUpSql("peluang", ["kode_instansi"])) + " ORDER BY ALL",
    komponen_instansi: "SELECT * FROM komponen_instansi ORDER BY ALL",
    agg_unit: "SELECT * FROM agg_unit ORDER BY ALL",
    agg_instansi: "SELECT * FROM agg_instansi ORDER BY ALL",
    agg_provinsi: "SELECT * FROM agg_provinsi ORDER BY ALL",
    agg_kanreg: "SELECT * FROM agg_kanreg ORDER BY ALL",
    selisih_instansi: `${selisihInstansiSql} ORDER BY ALL`,
    instansi_luar: "SELECT * FROM instansi_luar",
    // The names of the period's ASN, for the public build's privacy scan (which looks for them).
    nama: "SELECT nama FROM nama_asn ORDER BY nama",
  };
  const personFiles: Record<string, string> = o.perAsn
    ? {
      selisih_asn: "SELECT * FROM selisih_asn",
      celah_asn: celahAsnSql(o.periode),
      skor_asn: skorAsnSql(
        o.profiles.filter((p) => !o.sensitivity?.has(p.id)),
        itemSlots(o.profiles),
      ),
    }
    : {};
  // A table is dropped once its last file is written: skor_asn, the largest, is written last and
  // computed from the facts, with the memory the others held (nationally the per-gain rows alone
  // are 1 GB of the budget, and what passes the budget spills to disk).
  const lastReader: Record<string, string[]> = {
    peluang_instansi: o.perAsn ? [] : ["peluang"],
    komponen_instansi: ["komponen_instansi"],
    agg_unit: ["agg_unit"],
    agg_instansi: ["agg_instansi"],
    agg_provinsi: ["agg_provinsi"],
    agg_kanreg: ["agg_kanreg"],
    selisih_asn: ["selisih_asn"],
    celah_asn: ["celah"],
  };
  for (const [name, sql] of Object.entries(periodFiles)) {
    await db.run(`COPY (${sql}) TO ${to(`${name}.parquet`)} (FORMAT parquet)`);
    for (const t of lastReader[name] ?? []) await db.run(`DROP TABLE ${t}`);
  }
  for (const [name, sql] of Object.entries(personFiles)) {
    await personFile(db, to(`${name}.parquet`), sql);
    for (const t of lastReader[name] ?? []) await db.run(`DROP TABLE ${t}`);
  }
}

/**
 * A per-person file, written in no particular order: sorting millions of wide rows costs more
 * than the rest of their write, every reader filters and sorts what it needs, and the engine's
 * order was never the same from run to run (its joins run in parallel). Unordered, each thread
 * writes row groups of its own: nationally skor_asn's 8.4 M rows from memory take 6.8-7.6 s
 * instead of 8.8 s.
 */
async function personFile(db: Db, to: string, sql: string): Promise<void> {
  await db.run("SET preserve_insertion_order = false");
  try {
    await db.run(`COPY (${sql}) TO ${to} (FORMAT parquet)`);
  } finally {
    await db.run("SET preserve_insertion_order = true");
  }
}
