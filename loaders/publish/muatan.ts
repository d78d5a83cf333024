/**
 * The site's data files, described once. Every Framework data loader under `src/` is one line,
 * `await muat("data/instansi.csv")`, naming its entry here; `scripts/build.ts` runs `isiCache` in
 * one process first, which writes every entry into Framework's loader cache, so a build starts no
 * Deno process (each with its own DuckDB) per file. Measured on the kanreg8 demo: 70 loader runs
 * took 44.8 s in Framework; nationally the per-report-card loader alone would run 600 times.
 * Framework still runs a loader itself for any file the cache lacks (`deno task dev`, or an entry
 * this table does not know), and the loader writes the same bytes, because both come from here.
 *
 * A key is the file's path under `src/` as Framework serves it; `[kode]` and `[instansi]` stand
 * for the report card's code, given to a loader as `--kode X` / `--instansi X`.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { gainsAreAdditive, interventions } from "../engine/gain.ts";
import { loadProfiles, methodsDir } from "../engine/method.ts";
import { REFERENCE_DIR, type Wilayah } from "../reference.ts";
import { RESMI, RESMI_INTERVENSI, resmiProfile } from "../engine/resmi.ts";
import { kolomTabel } from "../../src/keluaran.ts";
import { selisihOf, unitGainsOf, unitsOf, worklist } from "./internal.ts";
import { cakupanDari, instansiData } from "./scope.ts";
import {
  COMPUTED,
  instansiRows,
  kanregRows,
  manifest,
  peluangRows,
  peringkatData,
  peringkatProvinsi,
  provinsiRows,
  reference,
  ringkasan,
  selisihRows,
  toCsv,
  toParquet,
  unitRows,
  varianRows,
} from "./site.ts";

type Isi = string | Uint8Array;
interface Berkas {
  /** The route parameter the file is made per instansi for. */
  param?: "kode" | "instansi";
  /** Per-person data: only in the internal build (the functions refuse otherwise). */
  internal?: boolean;
  buat: (kode: string) => Promise<Isi>;
}

const ROOT = new URL("../../", import.meta.url).pathname;

/** Each table is read once per process: the CSV, the Parquet and the report cards share it. */
function sekali<T>(f: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => p ??= f();
}
const instansi = sekali(instansiRows);
const provinsi = sekali(provinsiRows);
const kanreg = sekali(kanregRows);
const unit = sekali(unitRows);
const peluang = sekali(peluangRows);
const varian = sekali(varianRows);
/** Peringkat's index and tiers (site.ts, peringkatData), from the instansi rows read once. */
const peringkat = sekali(async () => peringkatData(await instansi()));
/** A report card's units, grouped once (600 report cards nationally). */
const unitPerInstansi = sekali(async () =>
  Map.groupBy(await unit(), (r) => String(r.kode_instansi))
);
/**
 * Instansi names for pages that name an instansi by its code (Rekonsiliasi's reported figures, the
 * Data page, the internal worklists): the data's instansi and no other, as the engine named them
 * (a national run's reference is not the built-in one: 6206 is Katingan there, Sukamara in
 * wilayah-kanreg8.csv). A site carries only its own region: a BKD's site does not ship the 46
 * Kalimantan governments of the built-in reference.
 */
export function wilayahSitus(computed = COMPUTED): Wilayah[] {
  return instansiData(computed)
    .sort((a, b) => a.kode_instansi.localeCompare(b.kode_instansi))
    .map((i) => ({
      kode_instansi: i.kode_instansi,
      nama_instansi: i.nama_instansi,
      jenis: i.jenis_instansi as Wilayah["jenis"],
      kode_provinsi: i.kode_provinsi,
      provinsi: i.provinsi,
    }));
}
/** A loader that printed with console.log ended its output with a newline; kept byte for byte. */
const json = (x: unknown) => JSON.stringify(x) + "\n";
const csvOrHeader = (rows: Record<string, unknown>[], table: Parameters<typeof kolomTabel>[0]) =>
  rows.length ? toCsv(rows) : kolomTabel(table, []).join(",") + "\n";

export const BERKAS: Record<string, Berkas> = {
  "data/instansi.csv": { buat: async () => toCsv(await instansi()) },
  "data/instansi.parquet": { buat: async () => await toParquet(await instansi()) },
  "data/peringkat.json": { buat: async () => JSON.stringify((await peringkat()).indeks) },
  "data/peringkat-terbaru.csv": { buat: async () => toCsv((await peringkat()).tingkat.terbaru) },
  "data/peringkat-baku.csv": { buat: async () => toCsv((await peringkat()).tingkat.baku) },
  "data/peringkat.csv": { buat: async () => toCsv((await peringkat()).tingkat.semua) },
  "data/peringkat-provinsi.csv": { buat: async () => toCsv(peringkatProvinsi(await provinsi())) },
  "data/provinsi.csv": { buat: async () => toCsv(await provinsi()) },
  "data/provinsi.parquet": { buat: async () => await toParquet(await provinsi()) },
  "data/kanreg.csv": { buat: async () => toCsv(await kanreg()) },
  "data/kanreg.parquet": { buat: async () => await toParquet(await kanreg()) },
  "data/unit.csv": { buat: async () => toCsv(await unit()) },
  "data/unit.parquet": { buat: async () => await toParquet(await unit()) },
  "data/peluang.csv": { buat: async () => toCsv(await peluang()) },
  "data/peluang.parquet": { buat: async () => await toParquet(await peluang()) },
  "data/varian.csv": { buat: async () => toCsv(await varian()) },
  "data/varian.parquet": { buat: async () => await toParquet(await varian()) },
  "data/selisih.csv": {
    buat: async () => csvOrHeader(await selisihRows(), "selisih_instansi"),
  },
  "data/sensitivitas.csv": {
    buat: () => {
      const file = join(COMPUTED, "sensitivitas.csv");
      return Promise.resolve(
        existsSync(file)
          ? Deno.readTextFileSync(file)
          : kolomTabel("sensitivitas", []).join(",") + "\n",
      );
    },
  },
  "data/manifest.json": { buat: () => Promise.resolve(json(manifest())) },
  "data/ringkasan.json": { buat: async () => JSON.stringify(await ringkasan()) },
  "data/referensi.json": { buat: async () => json(await reference()) },
  "data/situs.json": { buat: () => Promise.resolve(JSON.stringify(cakupanDari(COMPUTED))) },
  "data/wilayah.json": { buat: () => Promise.resolve(JSON.stringify(wilayahSitus())) },
  "data/peers.json": {
    buat: () => Deno.readTextFile(join(REFERENCE_DIR, "peers-ipasn.json")),
  },
  "data/metode.json": {
    buat: async () => {
      const profiles = await loadProfiles(methodsDir());
      const m = manifest();
      const latest = m.metode_baku[m.periode.at(-1)!];
      const base = profiles.find((p) => p.id === latest) ?? profiles[0];
      const resmi = m.metode.some((x) => x.id === RESMI)
        ? [{ ...resmiProfile(base), resmi: true }]
        : [];
      return json([...profiles, ...resmi]);
    },
  },
  "data/intervensi.json": {
    buat: async () => {
      const profiles = await loadProfiles(methodsDir());
      const resmi = manifest().metode.some((m) => m.id === RESMI)
        ? [[RESMI, { tepat: true, intervensi: RESMI_INTERVENSI }]]
        : [];
      return json(Object.fromEntries([
        ...profiles.map((
          p,
        ) => [p.id, { tepat: gainsAreAdditive(p), intervensi: interventions(p) }]),
        ...resmi,
      ]));
    },
  },
  // The in-browser SQL engine's files, served from node_modules (no CDN).
  "data/duckdb-eh.wasm": {
    buat: () => Deno.readFile(join(ROOT, "node_modules/@duckdb/duckdb-wasm/dist/duckdb-eh.wasm")),
  },
  "data/duckdb-eh.worker.js": {
    buat: () =>
      Deno.readFile(
        join(ROOT, "node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js"),
      ),
  },
  // A report card's units (small cells suppressed).
  "data/unit/[kode].csv": {
    param: "kode",
    buat: async (k) => toCsv((await unitPerInstansi()).get(k) ?? []),
  },
  "internal/data/daftar/[instansi].csv": {
    param: "instansi",
    internal: true,
    buat: async (k) => toCsv(await worklist(k)),
  },
  "internal/data/peluang-unit/[instansi].csv": {
    param: "instansi",
    internal: true,
    buat: async (k) => toCsv(await unitGainsOf(k)),
  },
  "internal/data/unit/[instansi].csv": {
    param: "instansi",
    internal: true,
    buat: async (k) => toCsv(await unitsOf(k)),
  },
  "internal/data/selisih/[instansi].csv": {
    param: "instansi",
    internal: true,
    buat: async (k) => csvOrHeader(await selisihOf(k), "selisih_asn"),
  },
};

async function tulisStdout(isi: Isi): Promise<void> {
  const bytes = typeof isi === "string" ? new TextEncoder().encode(isi) : isi;
  // A single write call may write only part of it.
  for (let off = 0; off < bytes.length;) off += await Deno.stdout.write(bytes.subarray(off));
}

/** A data loader's whole body: make the named file and write it to stdout. */
export async function muat(kunci: keyof typeof BERKAS, args = Deno.args): Promise<void> {
  const b = BERKAS[kunci];
  let kode = "";
  if (b.param) {
    const { values } = parseArgs({ args, options: { [b.param]: { type: "string" } } });
    kode = String(values[b.param] ?? "");
    if (!kode) throw new Error(`${kunci}: the loader needs --${b.param}`);
  }
  await tulisStdout(await b.buat(kode));
}

/**
 * Write every file of the table that the cache lacks into Framework's loader cache `cache`
 * (`src/.observablehq/cache`), each atomically (a temp file renamed), for the instansi codes
 * `kode` of the report cards; per-person files only when `internal`. Returns how many were
 * written and how many were already there. Framework takes a cached file as fresh when it is
 * newer than its loader, which a file written now is.
 */
export async function isiCache(
  cache: string,
  o: { kode: string[]; internal: boolean },
): Promise<{ ditulis: number; ada: number }> {
  let ditulis = 0, ada = 0;
  for (const [kunci, b] of Object.entries(BERKAS)) {
    if (b.internal && !o.internal) continue;
    const targets = b.param
      ? o.kode.map((k) => [kunci.replace(`[${b.param}]`, k), k] as const)
      : [[kunci, ""] as const];
    for (const [path, kode] of targets) {
      const file = join(cache, path);
      if (existsSync(file)) {
        ada++;
        continue;
      }
      const isi = await b.buat(kode);
      Deno.mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${Deno.pid}`;
      if (typeof isi === "string") Deno.writeTextFileSync(tmp, isi);
      else Deno.writeFileSync(tmp, isi);
      Deno.renameSync(tmp, file);
      ditulis++;
    }
  }
  return { ditulis, ada };
}

// `deno run -A loaders/publish/muatan.ts --cache DIR [--internal]`, with IPASN_COMPUTED set: what
// scripts/build.ts runs before Framework (a process of its own, so COMPUTED is the build's).
if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: { cache: { type: "string" }, internal: { type: "boolean", default: false } },
  });
  const situs = JSON.parse(Deno.readTextFileSync(join(COMPUTED, ".site/situs.json")));
  const kode = (situs.instansi as string[][]).map(([k]) => k);
  const r = await isiCache(values.cache!, { kode, internal: values.internal! });
  console.log(JSON.stringify(r));
}
