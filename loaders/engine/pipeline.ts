/**
 * The pipeline: raw period folders → validated tables → scores under every profile → aggregates →
 * output files. Each period is computed on its own and cached by a content hash of its files and
 * of the engine's configuration, so a rebuild recomputes only new or changed periods. Outputs are
 * written to a staging folder and swapped in at the end: a failed run leaves the last good outputs.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { aggregateSql, categoryNames, slug } from "./aggregate.ts";
import { TABLE_NAMES, type TableName } from "./contract.ts";
import { copyCsv } from "./csv.ts";
import { Db, lit } from "../duck.ts";
import { InputError } from "../errors.ts";
import { gainSql, gainTableSql } from "./gain.ts";
import {
  freshStaging,
  guardOutput,
  markOutput,
  recoverOutput,
  removeOwn,
  swapIn,
} from "../output.ts";
import { findTables, loadTable } from "./ingest.ts";
import { defaultProfileFor, loadProfiles, type MethodProfile, methodsDir } from "./method.ts";
import { comparePeriods, isPeriodId, parsePeriod } from "./period.ts";
import { loadWilayah, REFERENCE_DIR, type Wilayah } from "./reference.ts";
import { componentSql, outsideScoreSql, variantSql } from "./rekonsiliasi.ts";
import { factsSql, itemSlots, scoreSql, skorAsnSql } from "./score.ts";
import { loadAliases, prepare, validateTable } from "./validate.ts";
import { moduleGraph } from "../modules.ts";
import { ROOT } from "../paths.ts";


export interface PipelineOptions {
  raw: string;
  out: string;
  methodsDir?: string;
  aliasesPath?: string;
  /** Reference of instansi; default: `<raw>/wilayah.csv` if present, else data/reference/wilayah-kanreg8.csv. */
  wilayahPath?: string;
  /** Compute only these profiles (default: all). */
  methods?: string[];
  /** A table whose quarantined share is above this fails the run. */
  maxQuarantineShare?: number;
  log?: (e: PipelineEvent) => void;
}

export type PipelineEvent =
  | { type: "start"; periods: string[]; methods: string[] }
  | { type: "period"; periode: string; recompute: boolean }
  | {
    type: "table";
    periode: string;
    table: TableName;
    read: number;
    used: number;
    quarantined: number;
    notes: string[];
  }
  | { type: "scored"; periode: string; metode: string; n: number }
  | { type: "done"; periode: string; ms: number }
  | { type: "finish"; out: string; recomputed: string[]; reused: string[] };

export interface TableAccounting {
  file: string;
  read: number;
  used: number;
  quarantined: number;
  notes: string[];
}
export type Accounting = Record<string, Record<TableName, TableAccounting>>;

export interface PipelineResult {
  out: string;
  periods: string[];
  recomputed: string[];
  reused: string[];
  accounting: Accounting;
}

/** Optional `meta.json` of a period folder. */
export const PeriodMeta = z.object({
  sumber: z.string().optional(),
  tanggal_ekspor: z.string().optional(),
  /** Synthetic data: every page of the site says so. */
  sintetis: z.boolean().optional(),
  /** Method profile that is the default (metode_baku) for this period, instead of the profiles' own rule. */
  metode: z.string().optional(),
}).passthrough();
export type PeriodMeta = z.infer<typeof PeriodMeta>;

function readMeta(dir: string): PeriodMeta {
  const file = join(dir, "meta.json");
  if (!existsSync(file)) return {};
  let json;
  try {
    json = JSON.parse(Deno.readTextFileSync(file));
  } catch (err) {
    throw new InputError(
      file,
      `not valid JSON (${(err as Error).message})`,
      "fix the syntax or delete the file",
    );
  }
  const r = PeriodMeta.safeParse(json);
  if (!r.success) {
    throw new InputError(
      file,
      r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
      'see README, "Raw data"',
    );
  }
  return r.data;
}

async function sha256File(path: string, h = createHash("sha256")): Promise<void> {
  const f = await Deno.open(path);
  for await (const chunk of f.readable) h.update(chunk);
}

/**
 * Hash of everything besides the raw files that decides the results: the engine's code (this
 * module and every project module it imports), the DuckDB library and the configuration files.
 */
async function configHash(files: string[]): Promise<string> {
  const h = createHash("sha256");
  const db = await Db.open();
  try {
    h.update((await db.one<{ v: string }>("SELECT library_version AS v FROM pragma_version()")).v);
  } finally {
    db.close();
  }
  for (const f of [...moduleGraph(new URL(import.meta.url).pathname), ...files]) {
    h.update(f.replace(ROOT, "") + "\0");
    await sha256File(f, h);
  }
  return h.digest("hex");
}

async function periodHash(dir: string, config: string): Promise<string> {
  const h = createHash("sha256").update(config);
  const names = [...Deno.readDirSync(dir)].filter((e) => e.isFile && !e.name.startsWith(".")).map((
    e,
  ) => e.name).sort();
  for (const n of names) {
    h.update(n + "\0");
    await sha256File(join(dir, n), h);
  }
  return h.digest("hex");
}

export function listPeriods(raw: string): string[] {
  if (!existsSync(raw)) {
    throw new InputError(
      raw,
      "the raw data folder does not exist",
      "create it with one folder per period, e.g. data/raw/2024-Q3/",
    );
  }
  const periods: string[] = [];
  for (const e of Deno.readDirSync(raw)) {
    if (
      e.name.startsWith(".") ||
      (e.isFile && ["wilayah.csv", "readme.md"].includes(e.name.toLowerCase()))
    ) continue;
    const isDir = e.isDirectory || (e.isSymlink && Deno.statSync(join(raw, e.name)).isDirectory);
    if (!isDir || !isPeriodId(e.name)) {
      throw new InputError(
        join(raw, e.name),
        `"${e.name}" is not a period folder`,
        "name period folders YYYY (annual) or YYYY-Qn (quarterly, e.g. 2024-Q3), and keep other files outside the raw folder",
      );
    }
    periods.push(e.name);
  }
  if (!periods.length) {
    throw new InputError(
      raw,
      "no period folders",
      "add a folder per period, e.g. 2024-Q3/, holding pegawai, diklat, kinerja and hukdis",
    );
  }
  return periods.sort(comparePeriods);
}

/** Put back the last good output if a previous run died in the middle of the swap. */
export function recover(out: string): void {
  recoverOutput(out, "computed");
}

export async function runPipeline(o: PipelineOptions): Promise<PipelineResult> {
  const log = o.log ?? (() => {});
  const out = resolve(o.out);
  const raw = resolve(o.raw);
  const profileDir = o.methodsDir ?? methodsDir();
  const aliasesPath = o.aliasesPath ?? join(ROOT, "data/aliases/kode.json");
  const wilayahPath = o.wilayahPath ??
    (existsSync(join(raw, "wilayah.csv"))
      ? join(raw, "wilayah.csv")
      : join(REFERENCE_DIR, "wilayah-kanreg8.csv"));
  // Before anything is written: the swap below replaces `out`, so it must be a folder this tool wrote.
  guardOutput({
    out,
    option: "--out",
    kind: "computed",
    inputs: [raw, profileDir, aliasesPath, wilayahPath],
  });
  recover(out);
  let profiles = await loadProfiles(profileDir);
  if (o.methods?.length) {
    const unknown = o.methods.filter((m) => !profiles.some((p) => p.id === m));
    if (unknown.length) {
      throw new InputError(
        profileDir,
        `no method profile ${unknown.join(", ")}`,
        `use one of ${profiles.map((p) => p.id).join(", ")}`,
      );
    }
    profiles = profiles.filter((p) => o.methods!.includes(p.id));
  }
  const aliases = await loadAliases(aliasesPath);
  const wilayah = await loadWilayah(wilayahPath);
  const periods = listPeriods(raw);
  const profileFiles = [...Deno.readDirSync(profileDir)].filter((e) => e.name.endsWith(".json"))
    .map((e) => join(profileDir, e.name)).sort();
  const config = await configHash([...profileFiles, aliasesPath, wilayahPath]) +
    profiles.map((p) => p.id).join(",");
  log({ type: "start", periods, methods: profiles.map((p) => p.id) });

  const staging = `${out}.tmp`;
  freshStaging(staging, "computed");
  Deno.mkdirSync(join(staging, "periode"));
  const recomputed: string[] = [];
  const reused: string[] = [];
  const accounting: Accounting = {};
  const metas: Record<string, PeriodMeta> = {};
  try {
    for (const p of periods) {
      const dir = join(raw, p);
      const meta = metas[p] = readMeta(dir);
      if (meta.metode && !profiles.some((x) => x.id === meta.metode)) {
        throw new InputError(
          join(dir, "meta.json"),
          `metode "${meta.metode}" is not a method profile`,
          `use one of ${profiles.map((x) => x.id).join(", ")}`,
        );
      }
      const hash = await periodHash(dir, config);
      const cached = join(out, "periode", p);
      const target = join(staging, "periode", p);
      Deno.mkdirSync(target);
      const fresh = existsSync(join(cached, "hash.txt")) &&
        Deno.readTextFileSync(join(cached, "hash.txt")) === hash;
      log({ type: "period", periode: p, recompute: !fresh });
      if (fresh) {
        for (const e of Deno.readDirSync(cached)) {
          Deno.linkSync(join(cached, e.name), join(target, e.name));
        }
        reused.push(p);
      } else {
        const t0 = performance.now();
        await computePeriod(
          p,
          dir,
          target,
          profiles,
          aliases,
          wilayah,
          log,
        );
        Deno.writeTextFileSync(join(target, "hash.txt"), hash);
        recomputed.push(p);
        log({ type: "done", periode: p, ms: performance.now() - t0 });
      }
      accounting[p] = JSON.parse(Deno.readTextFileSync(join(target, "accounting.json")));
      checkQuarantineShare(
        accounting[p],
        o.maxQuarantineShare ?? 0.1,
        `${out}.failed/periode/${p}/quarantine.csv`,
      );
    }
    await combine(staging, periods, profiles, wilayah, accounting, metas);
  } catch (err) {
    // Keep what explains the failure next to the output, and leave the last good output alone.
    const failed = `${out}.failed`;
    removeOwn(failed, "computed");
    Deno.renameSync(staging, failed);
    throw err;
  }
  // `.site/` holds what the site's loaders derive from these outputs later.
  markOutput(staging, "computed", [".site"]);
  swapIn(staging, out, "computed");
  removeOwn(`${out}.failed`, "computed");
  log({ type: "finish", out, recomputed, reused });
  return { out, periods, recomputed, reused, accounting };
}

async function computePeriod(
  p: string,
  dir: string,
  target: string,
  profiles: MethodProfile[],
  aliases: Awaited<ReturnType<typeof loadAliases>>,
  wilayah: Wilayah[],
  log: (e: PipelineEvent) => void,
): Promise<void> {
  const period = parsePeriod(p);
  const tables = await findTables(dir);
  const tmp = join(target, ".tmp");
  Deno.mkdirSync(tmp);
  // A bounded memory budget: DuckDB spills to the period's temp folder beyond it (national
  // scale would otherwise take 80% of the machine).
  const db = await Db.open(":memory:", {
    temp_directory: tmp,
    preserve_insertion_order: "true",
    memory_limit: Deno.env.get("IPASN_MEMORY_LIMIT") ?? "3GB",
  });
  try {
    await prepare(db, aliases, wilayah.map((w) => w.kode_instansi));
    await db.run(
      `CREATE TABLE ref_wilayah AS SELECT * FROM (VALUES ${
        wilayah.map((w) => `(${lit(w.kode_instansi)}, ${lit(w.kode_provinsi)})`).join(", ")
      }) v(kode_instansi, kode_provinsi)`,
    );
    const acc = {} as Record<TableName, TableAccounting>;
    for (const t of TABLE_NAMES) {
      const loaded = await loadTable(db, tables[t], tmp);
      const { used, quarantined } = await validateTable(db, t, tables[t].path, period);
      if (loaded.read !== used + quarantined) {
        throw new Error(
          `internal accounting error in ${
            tables[t].path
          }: read ${loaded.read} ≠ used ${used} + quarantined ${quarantined}`,
        );
      }
      acc[t] = { file: tables[t].path, read: loaded.read, used, quarantined, notes: loaded.notes };
      log({ type: "table", periode: p, table: t, ...acc[t] });
    }
    Deno.writeTextFileSync(join(target, "accounting.json"), JSON.stringify(acc, null, 2) + "\n");
    await db.run(
      `COPY (SELECT * FROM quarantine ORDER BY tabel, line) TO ${
        lit(join(target, "quarantine.parquet"))
      } (FORMAT parquet)`,
    );
    await copyCsv(
      db,
      "SELECT * FROM quarantine ORDER BY tabel, line",
      join(target, "quarantine.csv"),
    );
    const def = profiles.find((x) => x.id === baku(p, profiles, readMeta(dir)));
    for (const s of factsSql(profiles, period)) await db.run(s);
    let first = true;
    for (const profile of profiles) {
      await db.run(
        `${first ? "CREATE OR REPLACE TABLE skor AS" : "INSERT INTO skor"} ${
          scoreSql(profile, period, { slots: itemSlots(profiles) })
        }`,
      );
      first = false;
      const { n } = await db.one<{ n: number }>(
        `SELECT count(*) AS n FROM skor WHERE metode = ${lit(profile.id)}`,
      );
      log({ type: "scored", periode: p, metode: profile.id, n });
    }
    await db.run(aggregateSql(profiles, def?.id));
    for (const [i, profile] of profiles.entries()) {
      await db.run(
        `${i ? "INSERT INTO peluang" : "CREATE OR REPLACE TABLE peluang AS"} ${gainSql(profile)}`,
      );
    }
    for (const s of outsideScoreSql(profiles, period)) await db.run(s);
    const periodFiles: Record<string, string> = {
      // Per-person files keep the engine's row order: sorting millions of wide rows costs more than
      // the rest of their write, and every reader filters and sorts what it needs.
      peluang_asn: "SELECT * FROM peluang",
      peluang_unit: gainTableSql("peluang", ["kode_instansi", "kode_unit"]) + " ORDER BY ALL",
      peluang_instansi: gainTableSql("peluang", ["kode_instansi"]) + " ORDER BY ALL",
      komponen_instansi: componentSql + " ORDER BY ALL",
    };
    for (const [name, sql] of Object.entries(periodFiles)) {
      await db.run(`COPY (${sql}) TO ${lit(join(target, `${name}.parquet`))} (FORMAT parquet)`);
    }
    await db.run(
      `COPY (${skorAsnSql(profiles)}) TO ${lit(join(target, "skor_asn.parquet"))} (FORMAT parquet)`,
    );
    for (const t of ["agg_unit", "agg_instansi", "agg_provinsi", "agg_kanreg"]) {
      await db.run(
        `COPY (SELECT * FROM ${t} ORDER BY ALL) TO ${
          lit(join(target, `${t}.parquet`))
        } (FORMAT parquet)`,
      );
    }
  } finally {
    db.close();
    Deno.removeSync(tmp, { recursive: true });
  }
}

function baku(p: string, profiles: MethodProfile[], meta: PeriodMeta): string | null {
  return meta.metode ?? defaultProfileFor(p, profiles)?.id ?? null;
}

function checkQuarantineShare(
  acc: Record<TableName, TableAccounting>,
  maxShare: number,
  where: string,
): void {
  for (const a of Object.values(acc)) {
    if (a.read > 0 && a.quarantined / a.read > maxShare) {
      throw new InputError(
        a.file,
        `${a.quarantined} of ${a.read} rows (${
          (100 * a.quarantined / a.read).toFixed(1)
        }%) were quarantined, above the limit of ${(100 * maxShare).toFixed(1)}%`,
        `read the reasons in ${where}, fix the file, or raise --max-quarantine`,
      );
    }
  }
}

/** Merge every period into the output tables, adding the change against the previous period. */
async function combine(
  staging: string,
  periods: string[],
  profiles: MethodProfile[],
  wilayah: Wilayah[],
  accounting: Accounting,
  metas: Record<string, PeriodMeta>,
): Promise<void> {
  const db = await Db.open();
  try {
    const files = (name: string) =>
      `[${periods.map((p) => lit(join(staging, "periode", p, `${name}.parquet`))).join(", ")}]`;
    await db.run(
      `CREATE TABLE urutan AS SELECT * FROM (VALUES ${
        periods.map((p, i) => `(${lit(p)}, ${i})`).join(", ")
      }) v(periode, urutan)`,
    );
    await db.run(
      `CREATE TABLE wilayah AS SELECT * FROM (VALUES ${
        wilayah.map((w) =>
          `(${
            [w.kode_instansi, w.nama_instansi, w.jenis, w.kode_provinsi, w.provinsi].map(lit).join(
              ", ",
            )
          })`
        ).join(", ")
      }) v(kode_instansi, nama_instansi, jenis_instansi, kode_provinsi, provinsi)`,
    );
    await db.run(`CREATE TABLE provinsi AS SELECT DISTINCT kode_provinsi, provinsi FROM wilayah`);
    const cats = categoryNames(profiles).map((c) => slug(c));
    const change =
      "a.nilai - lag(a.nilai) OVER w AS selisih, lag(a.periode) OVER w AS periode_sebelumnya";
    const win = (keys: string) => `WINDOW w AS (PARTITION BY metode, ${keys} ORDER BY urutan)`;
    const tables: Record<string, string> = {
      instansi:
        `SELECT a.periode, a.metode, a.metode_baku, a.kode_instansi, w.nama_instansi, w.jenis_instansi, a.kode_provinsi, w.provinsi,
          a.n_asn, a.n_pns, a.n_pppk, a.kualifikasi, a.kompetensi, a.kinerja, a.disiplin, a.nilai, a.kategori,
          a.peringkat, a.jumlah_instansi, a.peringkat_provinsi, ${change},
          lag(a.peringkat) OVER w - a.peringkat AS naik_peringkat,
          ${cats.map((c) => `a.asn_${c}`).join(", ")},
          a.share_pendidikan_kosong, a.share_skp_kosong, a.share_pengembangan_kosong, a.share_data_lengkap,
          a.potensi_kualifikasi, a.potensi_kompetensi, a.potensi_kinerja, a.potensi_disiplin
        FROM read_parquet(${
          files("agg_instansi")
        }) a JOIN urutan USING (periode) JOIN wilayah w USING (kode_instansi)
        ${win("a.kode_instansi")} ORDER BY urutan, a.metode, a.peringkat`,
      unit:
        `SELECT a.periode, a.metode, a.metode_baku, a.kode_instansi, w.nama_instansi, a.kode_unit, a.nama_unit,
          a.n_asn, a.n_pns, a.n_pppk, a.kualifikasi, a.kompetensi, a.kinerja, a.disiplin, a.nilai, a.kategori,
          a.peringkat_instansi, ${change},
          ${cats.map((c) => `a.asn_${c}`).join(", ")},
          a.share_pendidikan_kosong, a.share_skp_kosong, a.share_pengembangan_kosong, a.share_data_lengkap,
          a.potensi_kualifikasi, a.potensi_kompetensi, a.potensi_kinerja, a.potensi_disiplin
        FROM read_parquet(${
          files("agg_unit")
        }) a JOIN urutan USING (periode) JOIN wilayah w USING (kode_instansi)
        ${
          win("a.kode_instansi, a.kode_unit")
        } ORDER BY urutan, a.metode, a.kode_instansi, a.peringkat_instansi`,
      provinsi: `SELECT a.periode, a.metode, a.metode_baku, a.kode_provinsi, pr.provinsi,
          a.n_asn, a.n_pns, a.n_pppk, a.kualifikasi, a.kompetensi, a.kinerja, a.disiplin, a.nilai, a.kategori,
          a.jumlah_instansi, ${change},
          ${cats.map((c) => `a.asn_${c}, a.instansi_${c}`).join(", ")},
          a.share_pendidikan_kosong, a.share_skp_kosong, a.share_pengembangan_kosong, a.share_data_lengkap,
          a.potensi_kualifikasi, a.potensi_kompetensi, a.potensi_kinerja, a.potensi_disiplin
        FROM read_parquet(${
        files("agg_provinsi")
      }) a JOIN urutan USING (periode) JOIN provinsi pr USING (kode_provinsi)
        ${win("a.kode_provinsi")} ORDER BY urutan, a.metode, a.kode_provinsi`,
      kanreg: `SELECT a.periode, a.metode, a.metode_baku,
          a.n_asn, a.n_pns, a.n_pppk, a.kualifikasi, a.kompetensi, a.kinerja, a.disiplin, a.nilai, a.kategori,
          a.jumlah_instansi, ${change},
          ${cats.map((c) => `a.asn_${c}, a.instansi_${c}`).join(", ")},
          a.share_pendidikan_kosong, a.share_skp_kosong, a.share_pengembangan_kosong, a.share_data_lengkap,
          a.potensi_kualifikasi, a.potensi_kompetensi, a.potensi_kinerja, a.potensi_disiplin
        FROM read_parquet(${files("agg_kanreg")}) a JOIN urutan USING (periode)
        ${win("'kanreg'")} ORDER BY urutan, a.metode`,
    };
    for (const [name, sql] of Object.entries(tables)) {
      await copyCsv(db, sql, join(staging, `${name}.csv`));
      await db.run(`COPY (${sql}) TO ${lit(join(staging, `${name}.parquet`))} (FORMAT parquet)`);
    }
    const perPeriod = (name: string, order: string) =>
      `SELECT t.* FROM read_parquet(${
        files(name)
      }) t JOIN urutan USING (periode) ORDER BY urutan, ${order}`;
    const gainTables: Record<string, string> = {
      peluang_instansi: perPeriod(
        "peluang_instansi",
        "metode, kode_instansi, intervensi, poin DESC",
      ),
      peluang_unit: perPeriod(
        "peluang_unit",
        "metode, kode_instansi, kode_unit, intervensi, poin DESC",
      ),
      varian_instansi: `SELECT v.* FROM (${
        variantSql(`read_parquet(${files("komponen_instansi")})`)
      }) v JOIN urutan USING (periode) ORDER BY urutan, v.metode, v.kode_instansi, v.populasi, v.data`,
    };
    for (const [name, sql] of Object.entries(gainTables)) {
      await copyCsv(db, sql, join(staging, `${name}.csv`));
      await db.run(`COPY (${sql}) TO ${lit(join(staging, `${name}.parquet`))} (FORMAT parquet)`);
    }
    // Per-person files: the periods' files one after another (DuckDB keeps the file order); one
    // period's file is already the whole table, and a copy skips decoding and encoding it again.
    for (const name of ["peluang_asn", "skor_asn"]) {
      if (periods.length === 1) {
        Deno.copyFileSync(
          join(staging, "periode", periods[0], `${name}.parquet`),
          join(staging, `${name}.parquet`),
        );
        continue;
      }
      await db.run(
        `COPY (SELECT * FROM read_parquet(${files(name)})) TO ${
          lit(join(staging, `${name}.parquet`))
        } (FORMAT parquet)`,
      );
    }
    await copyCsv(
      db,
      `SELECT q.periode, q.tabel, q.file, q.line, q."column", q.reason FROM (
        SELECT regexp_extract(filename, '/periode/([^/]+)/', 1) AS periode, * FROM read_parquet(${
        files("quarantine")
      }, filename = true)
      ) q JOIN urutan USING (periode) ORDER BY urutan, q.tabel, q.line`,
      join(staging, "quarantine.csv"),
    );
    Deno.writeTextFileSync(
      join(staging, "accounting.json"),
      JSON.stringify(accounting, null, 2) + "\n",
    );
    const manifest = {
      periode: periods,
      metode: profiles.map((p) => ({ id: p.id, versi: p.versi, nama: p.nama })),
      metode_baku: Object.fromEntries(periods.map((p) => [p, baku(p, profiles, metas[p])])),
      wilayah: wilayah.length,
      sintetis: periods.some((p) => metas[p].sintetis === true),
      sumber: [...new Set(periods.map((p) => metas[p].sumber).filter(Boolean))],
    };
    Deno.writeTextFileSync(
      join(staging, "manifest.json"),
      JSON.stringify(manifest, null, 2) + "\n",
    );
  } finally {
    db.close();
  }
}
