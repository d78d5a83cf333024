/**
 * The site's data files, described once and written once: `tulisDataSitus` makes every file the
 * pages load from the scoring output (loaders/publish/hasil.ts), the settings and the reference
 * tables, into the site's own data folder, src/data/ (and the internal build's per-person files
 * into src/internal/data/), in one process with one reading of each table. Framework finds them
 * there as ordinary files: it runs no data loader and its cache holds none of them, so each file has
 * this one producer. `deno task build` and `deno task dev` call it; the folder is the build's, not
 * the engine's (nothing is written beside the scores).
 *
 * A key is the file's path under `src/` as Framework serves it; `[kode]` and `[instansi]` stand
 * for the code of each instansi the file is made for.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { inList } from "../duck.ts";
import { moduleGraph } from "../modules.ts";
import { ROOT } from "../paths.ts";
import { REFERENCE_DIR, type Wilayah } from "../reference.ts";
import { bacaSitus, type Situs } from "../situs.ts";
import { kolomTabel } from "../../src/keluaran.ts";
import { Hasil, MANIFEST_SITUS, TAMBAHAN_PROFIL } from "./hasil.ts";
import {
  selisihOf,
  unitGainsOf,
  unitRoutes,
  unitsOf,
  worklist,
  worklistPeriod,
} from "./internal.ts";
import { celahOf, KOLOM_CELAH } from "./bukuKerja.ts";
import { duckdbApi } from "./duckdbApi.ts";
import { type Cakupan, cakupanDari, instansiData, unitData } from "./scope.ts";
import {
  berandaUnit,
  DINAMIS,
  entitas,
  indeks,
  irisan,
  KOLOM_UNIT,
  metodeNyata,
  peluang,
  rapor,
  raporUnit,
  rekonsiliasi,
  seri,
  seriWilayah,
} from "./halaman.ts";
import {
  baris,
  csvTabel,
  instansiSql,
  kanregSql,
  parquet,
  peluangSql,
  provinsiSql,
  publikasi,
  reference,
  ringkasan,
  selisihSql,
  type TabelSitus,
  toCsv,
  unitSql,
  varianSql,
} from "./site.ts";

/** The site's source root: the data files go to its data/ (and internal/data/) folders. */
export const SRC = join(ROOT, "src");
/** What the writer wrote and from what, in the data folder it owns. */
const CATATAN = "data/.ipasn-data.json";
/** What observablehq.config.js reads: the title, footer, report-card routes (not served). */
export const RUTE = "data/.rute.json";

type Isi = string | Uint8Array;

/** Each table read once per run, when a file first needs it. */
class Sumber {
  constructor(
    readonly h: Hasil,
    readonly ambang: number,
    readonly situs: Situs,
    readonly internal: boolean,
    /** A short stamp of the data, for the pages' fetches of files named by a choice. */
    readonly versi: string,
  ) {}
  #memo = new Map<string, Promise<unknown>>();
  sekali<T>(key: string, f: () => Promise<T>): Promise<T> {
    if (!this.#memo.has(key)) this.#memo.set(key, f());
    return this.#memo.get(key) as Promise<T>;
  }
  tabel(name: "instansi" | "provinsi" | "kanreg" | "unit" | "peluang" | "varian") {
    return this.sekali(`sql:${name}`, async (): Promise<TabelSitus> => {
      const h = this.h, k = this.ambang;
      switch (name) {
        case "instansi":
          return await instansiSql(h);
        case "provinsi":
          return await provinsiSql(h);
        case "kanreg":
          return await kanregSql(h);
        case "unit":
          return await unitSql(h, k);
        case "peluang":
          return peluangSql(h, k);
        case "varian":
          return await varianSql(h, k);
      }
    });
  }
  baris(name: Parameters<Sumber["tabel"]>[0]) {
    return this.sekali(`baris:${name}`, async () => baris(this.h, await this.tabel(name)));
  }
  async csv(name: Parameters<Sumber["tabel"]>[0]): Promise<string> {
    return await csvTabel(this.h, await this.tabel(name));
  }
  /**
   * The report cards' units: the public unit table's rows under the real methods, in the columns a
   * card shows (read as arrays: nationally the table has hundreds of thousands of rows).
   */
  unitKartu() {
    return this.sekali("unitKartu", async () => {
      const nyata = metodeNyata(this.h).map((p) => p.id);
      const t = await this.h.tabelDari(
        `SELECT periode, metode, kode_instansi, ${KOLOM_UNIT.join(", ")} FROM (${
          (await this.tabel("unit")).sql
        }) WHERE ${inList("metode", nyata)}`,
      );
      return t.baris.map((r) => Object.fromEntries(t.kolom.map((k, i) => [k, r[i]])));
    });
  }
  async parquet(name: Parameters<Sumber["tabel"]>[0]): Promise<Uint8Array> {
    return await parquet(this.h, await this.tabel(name));
  }
  /** The entities the pages compare (instansi, or a BKD's unit kerja) and their rows. */
  entitas() {
    return this.sekali("entitas", async () =>
      entitas(await this.cakupan(), {
        instansi: await this.baris("instansi"),
        unit: (await this.cakupan()).entitas === "unit" ? await this.baris("unit") : [],
      }));
  }
  /** The reported figures and targets of the data's instansi. */
  referensi() {
    return this.sekali("referensi", async () => await reference(await this.baris("instansi")));
  }
  cakupan(): Promise<Cakupan> {
    return this.sekali("cakupan", () => cakupanDari(this.h, this.situs));
  }
  /**
   * The instansi of the data and no other, as the engine named them (a national run's reference
   * is not the built-in one: 6206 is Katingan there, Sukamara in wilayah-kanreg8.csv). A site
   * carries only its own region: a BKD's site does not ship the 46 Kalimantan governments of the
   * built-in reference.
   */
  wilayah(): Promise<Wilayah[]> {
    return this.sekali("wilayah", async () =>
      (await instansiData(this.h)).map((i) => ({
        kode_instansi: i.kode_instansi,
        nama_instansi: i.nama_instansi,
        jenis: i.jenis_instansi as Wilayah["jenis"],
        kode_provinsi: i.kode_provinsi,
        provinsi: i.provinsi,
      })));
  }
}

interface Berkas {
  /** The route parameter the file is made per instansi for. */
  param?: "kode" | "instansi";
  /** Per-person data: only in the internal build (the functions refuse otherwise). */
  internal?: boolean;
  buat: (s: Sumber, kode: string) => Promise<Isi>;
}

/** A file a loader printed with console.log ended with a newline; kept byte for byte. */
const json = (x: unknown) => JSON.stringify(x) + "\n";
const DUCKDB = join(ROOT, "node_modules/@duckdb/duckdb-wasm/dist");

export const BERKAS: Record<string, Berkas> = {
  "data/instansi.csv": { buat: (s) => s.csv("instansi") },
  "data/instansi.parquet": { buat: (s) => s.parquet("instansi") },
  "data/provinsi.csv": { buat: (s) => s.csv("provinsi") },
  "data/provinsi.parquet": { buat: (s) => s.parquet("provinsi") },
  "data/kanreg.csv": { buat: (s) => s.csv("kanreg") },
  "data/kanreg.parquet": { buat: (s) => s.parquet("kanreg") },
  "data/unit.csv": { buat: (s) => s.csv("unit") },
  "data/unit.parquet": { buat: (s) => s.parquet("unit") },
  // The gain, variant and reconciliation tables whole: for the downloads and the data package
  // (src/components/paketData.ts); no page reads them.
  "data/peluang.csv": { buat: (s) => s.csv("peluang") },
  "data/peluang.parquet": { buat: (s) => s.parquet("peluang") },
  "data/varian.csv": { buat: (s) => s.csv("varian") },
  "data/varian.parquet": { buat: (s) => s.parquet("varian") },
  "data/selisih.csv": {
    buat: async (s) => {
      const t = await selisihSql(s.h, s.ambang);
      return t ? await csvTabel(s.h, t) : kolomTabel("selisih_instansi", []).join(",") + "\n";
    },
  },
  // As the engine wrote it (an output from before the table existed: the header alone).
  "data/sensitivitas.csv": {
    buat: (s) => {
      const file = join(s.h.dir, "sensitivitas.csv");
      return Promise.resolve(
        existsSync(file) ? Deno.readTextFileSync(file) : toCsv([], kolomTabel("sensitivitas", [])),
      );
    },
  },
  // The manifest's facts for the pages; the profiles go to metode.json and intervensi.json.
  "data/manifest.json": {
    buat: (s) => {
      const raw = s.h.manifestMentah().raw;
      return Promise.resolve(json(Object.fromEntries(
        Object.entries(raw).filter(([k]) => (MANIFEST_SITUS as readonly string[]).includes(k)),
      )));
    },
  },
  "data/ringkasan.json": {
    buat: async (s) => {
      const r = ringkasan(s.h, {
        instansi: await s.baris("instansi"),
        kanreg: await s.baris("kanreg"),
        provinsi: await s.baris("provinsi"),
      });
      // A BKD site compares its unit kerja: their counts and largest moves, made here.
      const unit = (await s.cakupan()).entitas === "unit"
        ? berandaUnit(await s.baris("unit"), {
          periode: r.periode,
          metode: r.metode,
          kategori: r.kategori.map((k) => k.nama),
        })
        : null;
      return JSON.stringify({ ...r, unit });
    },
  },
  "data/referensi.json": { buat: async (s) => json(await s.referensi()) },
  "data/indeks.json": {
    buat: async (s) =>
      JSON.stringify(
        indeks(s.h, await s.cakupan(), await s.entitas(), s.versi, await s.baris("kanreg")),
      ),
  },
  "data/seri-wilayah.json": {
    buat: async (s) => JSON.stringify(seriWilayah(s.h, { provinsi: await s.baris("provinsi") })),
  },
  "data/rekonsiliasi.json": {
    buat: async (s) => {
      const t = await selisihSql(s.h, s.ambang);
      const ref = await s.referensi();
      return JSON.stringify(rekonsiliasi(s.h, {
        resmi: ref.resmi,
        varian: await s.baris("varian"),
        selisih: t ? await baris(s.h, t) : [],
        nama: new Map((await s.wilayah()).map((w) => [w.kode_instansi, w.nama_instansi])),
      }));
    },
  },
  "data/situs.json": { buat: async (s) => JSON.stringify(await s.cakupan()) },
  "data/wilayah.json": { buat: async (s) => JSON.stringify(await s.wilayah()) },
  "data/peers.json": { buat: () => Deno.readTextFile(join(REFERENCE_DIR, "peers-ipasn.json")) },
  // The method profiles the scores were computed under, whole: the Metodologi page prints their
  // rules. Where the data holds BKN's official results, a profile for them ("Resmi BKN").
  "data/metode.json": {
    buat: (s) =>
      Promise.resolve(json(
        s.h.profilMentah().map((p) =>
          Object.fromEntries(
            Object.entries(p).filter(([k]) => !(TAMBAHAN_PROFIL as readonly string[]).includes(k)),
          )
        ),
      )),
  },
  // The simulator's interventions per method, and whether their gains add up exactly.
  "data/intervensi.json": {
    buat: (s) =>
      Promise.resolve(json(Object.fromEntries(
        s.h.manifest.profil.map((
          p,
        ) => [p.id, { tepat: p.tambahan_tepat, intervensi: p.intervensi }]),
      ))),
  },
  // The in-browser SQL engine's files, served by the site itself (no CDN).
  "data/duckdb.js": { buat: duckdbApi },
  "data/duckdb-eh.wasm": { buat: () => Deno.readFile(join(DUCKDB, "duckdb-eh.wasm")) },
  "data/duckdb-eh.worker.js": {
    buat: () => Deno.readFile(join(DUCKDB, "duckdb-browser-eh.worker.js")),
  },
  // What observablehq.config.js needs (it is plain JavaScript and reads JSON): the title and
  // footer, the report-card routes from the data, the internal build's unit pages.
  [RUTE]: {
    buat: async (s) => {
      const c = await s.cakupan();
      const instansi = (await s.wilayah()).map((w) => [w.kode_instansi, w.nama_instansi]);
      const unit = c.entitas === "unit"
        ? (await unitData(s.h)).map((u) => [u.kode_unit, u.nama_unit])
        : [];
      // One static page per unit only while that stays small; nationally (tens of thousands of
      // units) a unit's worklist opens inside its instansi page instead.
      const units = s.internal ? await unitRoutes(s.h) : [];
      return JSON.stringify({
        cakupan: { judul: c.judul, kaki: c.kaki, entitas: c.entitas },
        sintetis: s.h.manifest.sintetis,
        instansi,
        unit,
        internal: units.length <= s.situs.halaman_unit_internal_maks ? units : [],
      });
    },
  },
  "internal/data/daftar/[instansi].csv": {
    param: "instansi",
    internal: true,
    buat: async (s, k) => toCsv(await worklist(s.h, k)),
  },
  "internal/data/peluang-unit/[instansi].csv": {
    param: "instansi",
    internal: true,
    buat: async (s, k) => toCsv(await unitGainsOf(s.h, k)),
  },
  "internal/data/unit/[instansi].csv": {
    param: "instansi",
    internal: true,
    buat: async (s, k) => toCsv(await unitsOf(s.h, k)),
  },
  "internal/data/celah/[instansi].csv": {
    param: "instansi",
    internal: true,
    buat: async (s, k) =>
      toCsv(await celahOf(s.h, k, worklistPeriod(s.h).periode), [...KOLOM_CELAH]),
  },
  "internal/data/selisih/[instansi].csv": {
    param: "instansi",
    internal: true,
    buat: async (s, k) => toCsv(await selisihOf(s.h, k), kolomTabel("selisih_asn", [])),
  },
};

/**
 * Families of files, one per entity, per period and method, or per unit kerja, made together from
 * the same tables (loaders/publish/halaman.ts).
 */
export const KELUARGA: Record<string, (s: Sumber) => Promise<Map<string, unknown>>> = {
  "data/irisan/[periode]/[metode].json": async (s) => {
    const e = await s.entitas();
    return irisan(s.h, await s.cakupan(), {
      entitas: e.baris,
      instansi: await s.baris("instansi"),
      provinsi: await s.baris("provinsi"),
      kanreg: await s.baris("kanreg"),
      varian: await s.baris("varian"),
    });
  },
  "data/seri/[kode].json": async (s) => seri(s.h, (await s.entitas()).baris),
  "data/peluang/[kode].json": async (s) => peluang(s.h, await s.baris("peluang")),
  "data/rapor/[kode].json, data/unit/[kode].json": async (s) => {
    const ref = await s.referensi();
    return rapor(s.h, await s.cakupan(), {
      instansi: await s.baris("instansi"),
      provinsi: await s.baris("provinsi"),
      kanreg: await s.baris("kanreg"),
      unit: await s.unitKartu(),
      resmi: ref.resmi,
      target: ref.target,
    }, s.versi);
  },
  "data/rapor-unit/[kode_unit].json": async (s) =>
    (await s.cakupan()).entitas === "unit"
      ? raporUnit(s.h, { unit: (await s.entitas()).baris, kanreg: await s.baris("kanreg") })
      : new Map(),
};

interface Catatan {
  stamp: string;
  /** Paths under src/ this writer wrote: the only files it ever replaces or removes. */
  berkas: string[];
  /** Those a page fetches by a name its reader's choice makes (the build copies them into the site). */
  dinamis: string[];
}

function bacaCatatan(src: string): Catatan | null {
  try {
    return JSON.parse(Deno.readTextFileSync(join(src, CATATAN)));
  } catch {
    return null;
  }
}

function* semuaBerkas(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const e of Deno.readDirSync(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory) yield* semuaBerkas(p);
    else if (e.isFile && !e.name.startsWith(".")) yield p;
  }
}

/**
 * What the data files are made from: the scoring output, the publication settings, the site
 * settings, the reference tables, this writer's code and the in-browser engine's version, and the
 * audience. Equal to the last run's: nothing to write.
 */
async function stempel(computed: string, internal: boolean, situs: Situs): Promise<string> {
  const h = createHash("sha256").update(`${internal ? "internal" : "public"}\0`)
    .update(JSON.stringify(situs));
  const files = [
    // Every output table (no list kept by hand: a new table is covered by being written).
    ...[...semuaBerkas(computed)].sort(),
    join(ROOT, "data/publikasi.json"),
    ...[...semuaBerkas(join(ROOT, "data/reference"))].sort(),
    ...moduleGraph(new URL(import.meta.url).pathname),
    join(ROOT, "node_modules/@duckdb/duckdb-wasm/package.json"),
  ];
  for (const f of files) h.update(f + "\0").update(await Deno.readFile(f));
  return h.digest("hex");
}

/** Writes `isi` to `file` unless it already holds exactly that (its time stays: no reload). */
function tulis(file: string, isi: Isi): boolean {
  const bytes = typeof isi === "string" ? new TextEncoder().encode(isi) : isi;
  try {
    const ada = Deno.readFileSync(file);
    if (ada.length === bytes.length && ada.every((b, i) => b === bytes[i])) return false;
  } catch { /* not there yet */ }
  Deno.mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${Deno.pid}.tmp`;
  Deno.writeFileSync(tmp, bytes);
  Deno.renameSync(tmp, file);
  return true;
}

export interface HasilTulis {
  /** The inputs' stamp. */
  stamp: string;
  /** Nothing changed since the last run: no file was read or written. */
  tetap: boolean;
  ditulis: number;
  sama: number;
  dihapus: number;
}

/**
 * Writes every data file the site loads, for the scoring output in `computed`, into `src` (by
 * default the project's src/): the per-person files only when `internal`. A file whose content is
 * unchanged is left as it is; a file this writer wrote before that the new set lacks (a report card
 * of an instansi no longer in the data, the per-person files after an internal build) is removed;
 * no other file is touched.
 */
export async function tulisDataSitus(o: {
  computed: string;
  internal: boolean;
  situs?: Situs;
  src?: string;
}): Promise<HasilTulis> {
  const src = o.src ?? SRC;
  const situs = o.situs ?? bacaSitus();
  const h = new Hasil(o.computed);
  h.manifest; // a missing or older manifest is the user's to fix, before anything is written
  const stamp = await stempel(o.computed, o.internal, situs);
  const lama = bacaCatatan(src);
  if (lama?.stamp === stamp && lama.berkas.every((f) => existsSync(join(src, f)))) {
    return { stamp, tetap: true, ditulis: 0, sama: lama.berkas.length, dihapus: 0 };
  }
  if (o.internal) Deno.env.set("IPASN_AUDIENCE", "internal");
  const s = new Sumber(h, publikasi().ambang_sel_kecil, situs, o.internal, stamp.slice(0, 12));
  const kode = (await s.wilayah()).map((w) => w.kode_instansi);
  let ditulis = 0, sama = 0;
  const baru: string[] = [];
  // IPASN_TRACE=1 (as for the engine's statements) prints what each file or family took.
  const jejak = Deno.env.get("IPASN_TRACE")
    ? (k: string, t0: number) =>
      console.error(`[trace] ${((performance.now() - t0) / 1000).toFixed(2)} s  ${k}`)
    : () => {};
  for (const [kunci, b] of Object.entries(BERKAS)) {
    const t0 = performance.now();
    if (b.internal && !o.internal) continue;
    const targets = b.param
      ? kode.map((k) => [kunci.replace(`[${b.param}]`, k), k] as const)
      : [[kunci, ""] as const];
    for (const [path, k] of targets) {
      if (tulis(join(src, path), await b.buat(s, k))) ditulis++;
      else sama++;
      baru.push(path);
    }
    jejak(kunci, t0);
  }
  for (const [kunci, buat] of Object.entries(KELUARGA)) {
    const t0 = performance.now();
    for (const [path, isi] of await buat(s)) {
      if (tulis(join(src, path), JSON.stringify(isi))) ditulis++;
      else sama++;
      baru.push(path);
    }
    jejak(kunci, t0);
  }
  // Only what this writer wrote before, and only what the new set lacks.
  const tetap = new Set(baru);
  let dihapus = 0;
  for (const f of lama?.berkas ?? []) {
    if (!tetap.has(f) && existsSync(join(src, f))) {
      Deno.removeSync(join(src, f));
      dihapus++;
    }
  }
  const dinamis = baru.filter((f) => DINAMIS.some((re) => re.test(f))).sort();
  tulis(
    join(src, CATATAN),
    JSON.stringify({ stamp, berkas: baru.sort(), dinamis } satisfies Catatan),
  );
  return { stamp, tetap: false, ditulis, sama, dihapus };
}

/** The files the writer owns, relative to the project (for the project copies of the tests). */
export function berkasMilik(src = SRC): string[] {
  return (bacaCatatan(src)?.berkas ?? []).map((f) => relative(ROOT, join(src, f)));
}

/**
 * Copies the files pages fetch by a name the reader's choice makes into a built site, where the
 * pages look for them (`_file/` plus their path under src/, as Framework's preview serves them):
 * Framework copies only the files a page names literally. Returns how many were copied.
 */
export function salinDinamis(site: string, src = SRC): number {
  const c = bacaCatatan(src);
  for (const f of c?.dinamis ?? []) {
    const to = join(site, "_file", f);
    Deno.mkdirSync(dirname(to), { recursive: true });
    Deno.copyFileSync(join(src, f), to);
  }
  return c?.dinamis?.length ?? 0;
}
