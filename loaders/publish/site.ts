/**
 * The public data of the site, read from the pipeline's outputs. Only aggregates leave here:
 * units below the small-cell threshold are suppressed, with complementary suppression.
 */
import { csvFormat, csvParse } from "d3";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { categoryNames, slug } from "../engine/aggregate.ts";
import { csvSafe } from "../engine/csv.ts";
import { Db, lit } from "../duck.ts";
import { loadProfiles, type MethodProfile, methodsDir } from "../engine/method.ts";
import {
  Distribusi,
  Official,
  readReference,
  REFERENCE_DIR,
  Target,
  WILAYAH_NASIONAL,
} from "../reference.ts";
import { ROOT } from "../paths.ts";
import { RESMI, resmiProfile } from "../engine/resmi.ts";
import { KOLOM_TEKS, kolomTabel, KUNCI_UNIT, type NamaTabel } from "../../src/keluaran.ts";

export const COMPUTED = Deno.env.get("IPASN_COMPUTED") ?? join(ROOT, "data/computed");

export const Publikasi = z.object({ ambang_sel_kecil: z.number().int().min(1) });
export function publikasi(): z.infer<typeof Publikasi> {
  const json = JSON.parse(Deno.readTextFileSync(join(ROOT, "data/publikasi.json")));
  return Publikasi.parse(json);
}

export interface Manifest {
  periode: string[];
  metode: { id: string; versi: string; nama: string }[];
  metode_baku: Record<string, string | null>;
  sintetis: boolean;
  sumber: string[];
}

export function manifest(dir = COMPUTED): Manifest {
  const file = join(dir, "manifest.json");
  if (!existsSync(file)) {
    throw new Error(
      `${file} does not exist: run \`npx deno task build\` (or \`deno task score\`) first`,
    );
  }
  return JSON.parse(Deno.readTextFileSync(file));
}

/** The identifying columns of a unit row: what small-cell suppression leaves visible. */
const UNIT_KEYS = new Set<string>([...KUNCI_UNIT, "disembunyikan"]);

/** Columns of a computed table, with measures rounded to 4 decimals (ample for display) to keep files small. */
async function read(
  name: NamaTabel,
  cols: string[],
  rest = "",
): Promise<Record<string, unknown>[]> {
  const db = await Db.open();
  try {
    const types = new Map(
      (await db.all<{ column_name: string; column_type: string }>(
        `DESCRIBE SELECT * FROM ${computedCsv(name)}`,
      )).map((c) => [c.column_name, c.column_type]),
    );
    const select = cols.map((c) => (types.get(c) === "DOUBLE" ? `round(${c}, 4) AS ${c}` : c));
    return await db.all(`SELECT ${select.join(", ")} FROM ${computedCsv(name)} ${rest}`);
  } finally {
    db.close();
  }
}

async function categorySlugs(profiles?: MethodProfile[]): Promise<string[]> {
  const ps = profiles ?? await loadProfiles(methodsDir());
  return categoryNames(ps).map(slug);
}

/**
 * A computed table's CSV as a DuckDB table expression, its text columns (from the output
 * catalogue) read as text: "63" is a code, not a number.
 */
export function computedCsv(name: NamaTabel, dir = COMPUTED): string {
  const types = kolomTabel(name, []).filter((c) => KOLOM_TEKS.has(c))
    .map((c) => `${lit(c)}: 'VARCHAR'`).join(", ");
  return `read_csv(${lit(join(dir, `${name}.csv`))}, header = true, types = {${types}})`;
}

export async function instansiRows(): Promise<Record<string, unknown>[]> {
  return await read("instansi", kolomTabel("instansi", await categorySlugs()));
}
export async function provinsiRows(): Promise<Record<string, unknown>[]> {
  return await read("provinsi", kolomTabel("provinsi", await categorySlugs()));
}

export async function kanregRows(): Promise<Record<string, unknown>[]> {
  return await read("kanreg", kolomTabel("kanreg", await categorySlugs()));
}

/**
 * Units with their small cells suppressed. Within each instansi, period and method, every unit
 * below the threshold is hidden; if the hidden group is then a single unit or still smaller than
 * the threshold, the next smallest units are hidden too, so the instansi total minus the shown units
 * never reveals a small group. Computed once per change of its inputs and kept beside the outputs:
 * unit.csv, unit.parquet and every report card's loader read the same rows.
 */
export async function unitRows(): Promise<Record<string, unknown>[]> {
  const file = join(COMPUTED, ".site", "unit-publik.json");
  const settings = Deno.readTextFileSync(join(ROOT, "data/publikasi.json"));
  const stamp = `${Deno.statSync(join(COMPUTED, "unit.csv")).mtime?.getTime()}|${settings}`;
  try {
    const cached = JSON.parse(Deno.readTextFileSync(file));
    if (cached.stamp === stamp) return cached.rows;
  } catch { /* not yet written */ }
  const cols = kolomTabel("unit_publik", []).filter((c) => c !== "disembunyikan");
  const rows = suppress(
    await read("unit", cols, "ORDER BY periode, metode, kode_instansi, n_asn, kode_unit"),
    publikasi().ambang_sel_kecil,
  );
  Deno.mkdirSync(join(COMPUTED, ".site"), { recursive: true });
  const tmp = `${file}.${Deno.pid}`;
  Deno.writeTextFileSync(tmp, JSON.stringify({ stamp, rows }));
  Deno.renameSync(tmp, file);
  return rows;
}

export function suppress(
  rows: Record<string, unknown>[],
  threshold: number,
): Record<string, unknown>[] {
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const r of rows) {
    const k = `${r.periode}|${r.metode}|${r.kode_instansi}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const hidden = new Set<Record<string, unknown>>();
  for (const g of groups.values()) {
    const sorted = [...g].sort((a, b) => Number(a.n_asn) - Number(b.n_asn));
    let n = 0, count = 0;
    for (const r of sorted) {
      const small = Number(r.n_asn) < threshold;
      if (!small && (count === 0 || (count >= 2 && n >= threshold))) break;
      hidden.add(r);
      n += Number(r.n_asn);
      count++;
    }
  }
  return rows.map((r) => {
    if (!hidden.has(r)) return { ...r, disembunyikan: false };
    const out: Record<string, unknown> = { ...r, disembunyikan: true };
    for (const k of Object.keys(r)) if (!UNIT_KEYS.has(k)) out[k] = null;
    return out;
  });
}

/**
 * The simulator's gain tables per instansi. A (gain, count) cell of fewer ASN than the small-cell
 * threshold is pooled with the intervention's other small cells at their mean gain; a pool still
 * under the threshold is left out. Totals stay exact; only the order within a pool is averaged.
 */
export async function peluangRows(): Promise<Record<string, unknown>[]> {
  const k = publikasi().ambang_sel_kecil;
  const db = await Db.open();
  try {
    return await db.all(`
      WITH t AS (SELECT * FROM ${computedCsv("peluang_instansi")})
      SELECT periode, metode, kode_instansi, intervensi, round(poin, 4) AS poin, n_asn, false AS gabungan
      FROM t WHERE n_asn >= ${k}
      UNION ALL
      SELECT periode, metode, kode_instansi, intervensi, round(sum(poin * n_asn) / sum(n_asn), 4), sum(n_asn), true
      FROM t WHERE n_asn < ${k} GROUP BY periode, metode, kode_instansi, intervensi HAVING sum(n_asn) >= ${k}
      ORDER BY periode, metode, kode_instansi, intervensi, poin DESC`);
  } finally {
    db.close();
  }
}

/** Every instansi mean by counted population and data completeness (reconciliation); small groups hidden. */
export async function varianRows(): Promise<Record<string, unknown>[]> {
  const k = publikasi().ambang_sel_kecil;
  return (await read("varian_instansi", kolomTabel("varian_instansi", []))).map((r) =>
    Number(r.n_asn) < k ? { ...r, nilai: null } : r
  );
}

/**
 * BKN's official results against the computed methods, per instansi and dimension; a count of
 * fewer ASN than the small-cell threshold is hidden with the mean difference it carries.
 */
export async function selisihRows(): Promise<Record<string, unknown>[]> {
  const k = publikasi().ambang_sel_kecil;
  if (!existsSync(join(COMPUTED, "selisih_instansi.csv"))) return [];
  return (await read("selisih_instansi", kolomTabel("selisih_instansi", []))).map((r) => {
    const out = { ...r };
    if (Number(r.n_beda) < k) (out.n_beda = null), (out.selisih_rata = null);
    for (const c of ["n_hanya_resmi", "n_hanya_hitungan"]) if (Number(r[c]) < k) out[c] = null;
    return out;
  });
}

/** Rows as a Parquet file (via DuckDB), for downloads and the in-browser SQL page. */
export async function toParquet(rows: Record<string, unknown>[]): Promise<Uint8Array> {
  const dir = await Deno.makeTempDir({ prefix: "ipasn-parquet-" });
  try {
    const json = join(dir, "rows.json");
    Deno.writeTextFileSync(json, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
    const db = await Db.open();
    try {
      await db.run(
        `COPY (SELECT * FROM read_json(${
          lit(json)
        }, format = 'newline_delimited', sample_size = -1)) TO ${
          lit(join(dir, "out.parquet"))
        } (FORMAT parquet)`,
      );
    } finally {
      db.close();
    }
    return Deno.readFileSync(join(dir, "out.parquet"));
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

/** Beranda: the latest period at a glance, small enough to load at once. */
export async function ringkasan() {
  const m = manifest();
  const latest = m.periode.at(-1)!;
  const all = await instansiRows();
  // BKN's official results where the period has them, else the period's default method.
  const utama = (p: string) =>
    all.some((r) => r.periode === p && r.metode === RESMI) ? RESMI : m.metode_baku[p]!;
  const metode = utama(latest);
  const kanreg = (await kanregRows()).filter((r) => r.metode === utama(String(r.periode)));
  const inst = all.filter((r) => r.periode === latest && r.metode === metode);
  const movers = inst.filter((r) => r.selisih !== null).sort((a, b) =>
    Number(b.selisih) - Number(a.selisih)
  );
  const pick = (r: Record<string, unknown>) => ({
    kode_instansi: r.kode_instansi,
    nama_instansi: r.nama_instansi,
    nilai: r.nilai,
    selisih: r.selisih,
    kategori: r.kategori,
    peringkat: r.peringkat,
  });
  const profiles = await loadProfiles(methodsDir());
  const bakuProfile = profiles.find((p) => p.id === m.metode_baku[latest]) ?? profiles[0];
  const profile = metode === RESMI
    ? resmiProfile(bakuProfile)
    : profiles.find((p) => p.id === metode);
  return {
    periode: latest,
    metode,
    /** The method's categories, highest first, with the column counting instansi in each. */
    kategori: (profile?.kategori.batas ?? []).map((b) => ({
      nama: b.nama,
      kolom: `instansi_${slug(b.nama)}`,
    })),
    /** Which profile is the default for which periods. */
    baku: profiles.map((p) => ({ id: p.id, baku_untuk: p.baku_untuk })),
    sintetis: m.sintetis,
    kanreg: kanreg.find((r) => r.periode === latest),
    tren: kanreg.map((r) => ({ periode: r.periode, metode: r.metode, nilai: r.nilai })),
    naik: movers.filter((r) => Number(r.selisih) > 0).slice(0, 5).map(pick),
    turun: movers.filter((r) => Number(r.selisih) < 0).slice(-5).reverse().map(pick),
    teratas: [...inst].sort((a, b) => Number(a.peringkat) - Number(b.peringkat)).slice(0, 5).map(
      pick,
    ),
    provinsi: (await provinsiRows()).filter((r) => r.periode === latest && r.metode === metode).map(
      (r) => ({
        kode_provinsi: r.kode_provinsi,
        provinsi: r.provinsi,
        nilai: r.nilai,
        kategori: r.kategori,
        jumlah_instansi: r.jumlah_instansi,
      }),
    ),
  };
}

/**
 * Peringkat's data, in tiers so that what a reader downloads does not grow with the number of
 * periods and method variants. The whole instansi table is 600 instansi × 13 periods × every
 * method: about 4 MB nationally, most of it columns Peringkat never shows. Peringkat loads
 *
 * - `peringkat.json`: the periods, the methods, each period's default method, the latest period,
 *   and each instansi's name, kind and province once (the CSV tiers carry only its code);
 * - `peringkat-terbaru.csv`: the latest period under its default method (the first view);
 * - `peringkat-baku.csv`: every period under its default method, when another period is chosen;
 * - `peringkat.csv`: every period and method, only when a method other than the default is chosen;
 * - `peringkat-provinsi.csv`: the province means of the national tile map.
 *
 * The rows are those of `instansi` (same values, same 4 decimals); only columns are left out.
 */
export const KOLOM_PERINGKAT = [
  "periode",
  "metode",
  "kode_instansi",
  "peringkat",
  "nilai",
  "kategori",
  "selisih",
  "selisih_tahunan",
  "periode_tahun_lalu",
  "kualifikasi",
  "kompetensi",
  "kinerja",
  "disiplin",
  "n_asn",
] as const;
/** The instansi columns Peringkat shows beside its code, sent once per instansi. */
export const KOLOM_PERINGKAT_INSTANSI = [
  "kode_instansi",
  "nama_instansi",
  "jenis_instansi",
  "kode_provinsi",
  "provinsi",
] as const;
export type TingkatPeringkat = "terbaru" | "baku" | "semua";

/** Peringkat's index and tiers from the instansi table's rows (`instansiRows`). */
export function peringkatData(rows: Record<string, unknown>[]) {
  const m = manifest();
  const urut = new Map(m.periode.map((p, i) => [p, i]));
  const at = (r: Record<string, unknown>) => urut.get(String(r.periode)) ?? -1;
  rows = [...rows].sort((a, b) =>
    at(a) - at(b) || String(a.metode).localeCompare(String(b.metode)) ||
    Number(a.peringkat) - Number(b.peringkat) ||
    String(a.kode_instansi).localeCompare(String(b.kode_instansi))
  );
  const periode = [...new Set(rows.map((r) => String(r.periode)))]
    .sort((a, b) => (urut.get(a) ?? 0) - (urut.get(b) ?? 0));
  const metode = [...new Set(rows.map((r) => String(r.metode)))]
    .sort((a, b) => (a === RESMI ? -1 : b === RESMI ? 1 : a.localeCompare(b)));
  // As the pages' `daftar`: BKN's official results where a period has them, else its default method.
  const bakuHitung: Record<string, string> = {};
  for (const r of rows) if (r.metode_baku) bakuHitung[String(r.periode)] = String(r.metode);
  const baku: Record<string, string> = { ...bakuHitung };
  for (const r of rows) if (r.metode === RESMI) baku[String(r.periode)] = RESMI;
  const terbaru = periode.at(-1) ?? "";
  // Each instansi once, as named in the latest period it appears in (rows are in period order).
  const instansi = new Map<string, unknown[]>();
  for (const r of rows) {
    instansi.set(String(r.kode_instansi), KOLOM_PERINGKAT_INSTANSI.map((k) => r[k]));
  }
  const pick = (rs: Record<string, unknown>[]) =>
    rs.map((r) => Object.fromEntries(KOLOM_PERINGKAT.map((k) => [k, r[k]])));
  const diBaku = (r: Record<string, unknown>) => baku[String(r.periode)] === r.metode;
  return {
    indeks: {
      periode,
      metode,
      baku,
      baku_hitung: bakuHitung,
      terbaru,
      kolom_instansi: KOLOM_PERINGKAT_INSTANSI,
      instansi: [...instansi.values()].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    },
    tingkat: {
      terbaru: pick(rows.filter((r) => r.periode === terbaru && diBaku(r))),
      baku: pick(rows.filter(diBaku)),
      semua: pick(rows),
    } satisfies Record<TingkatPeringkat, unknown>,
  };
}

/** The province means Peringkat's national tile map colours: nothing else of `provinsi`. */
export function peringkatProvinsi(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const cols = ["periode", "metode", "kode_provinsi", "provinsi", "nilai", "kategori"];
  return rows.map((r) => Object.fromEntries(cols.map((k) => [k, r[k]])));
}

/** CSV with formula-safe text cells. */
export function toCsv(rows: Record<string, unknown>[]): string {
  return csvFormat(
    rows.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k, typeof v === "string" ? csvSafe(v) : v ?? ""]),
      )
    ) as never,
  );
}

/**
 * The instansi data/reference/distribusi-kanreg8.csv describes: its reported category counts are
 * of Kanreg VIII's 46 governments, the national reference's rows whose province's Kanreg is VIII.
 */
export function distribusiInstansi(): Set<string> {
  return new Set(
    csvParse(Deno.readTextFileSync(WILAYAH_NASIONAL)).filter((r) => r.kanreg === "VIII")
      .map((r) => r.kode_instansi!),
  );
}

/**
 * Whether the data's instansi are exactly those a reported distribution describes: a distribution
 * of other governments (or of more of them) says nothing about this site.
 */
export function distribusiBerlaku(data: Set<string>, dijelaskan: Set<string>): boolean {
  return data.size === dijelaskan.size && [...data].every((k) => dijelaskan.has(k));
}

/**
 * The reported figures a site carries: only its own instansi's (the reference holds figures of
 * others too), and the reported category distribution only on a site of the instansi it counts.
 */
export async function reference() {
  const ref = (f: string) => `${REFERENCE_DIR}${f}`;
  // BKN's per-person results in the data are reported figures too: their instansi means, beside
  // the figures published in the news (`berkas`: from a file of the data, not a web source).
  const dariBerkas = (await instansiRows()).filter((r) => r.metode === RESMI).map((r) => ({
    kode_instansi: r.kode_instansi,
    periode: r.periode,
    nilai: r.nilai,
    perkiraan: false,
    jenis: "resmi",
    peringkat: null,
    dari: null,
    kategori: r.kategori,
    metode: RESMI,
    sumber_url: "",
    catatan: "Rata-rata hasil resmi BKN per ASN, dari berkas resmi dalam data",
    populasi: "ASN",
    sementara: false,
    n_asn: r.n_asn,
    kualifikasi: r.kualifikasi,
    kompetensi: r.kompetensi,
    kinerja: r.kinerja,
    disiplin: r.disiplin,
    berkas: true,
  }));
  // Only the figures of instansi in the data: the reference holds figures of others too.
  const ada = new Set((await instansiRows()).map((r) => String(r.kode_instansi)));
  const diData = <T extends { kode_instansi: string }>(rows: T[]) =>
    rows.filter((r) => ada.has(r.kode_instansi));
  const dijelaskan = distribusiInstansi();
  return {
    resmi: [...diData(await readReference(ref("official-ipasn.csv"), Official)), ...dariBerkas],
    target: diData(await readReference(ref("target-ipasn.csv"), Target)),
    distribusi: distribusiBerlaku(ada, dijelaskan)
      ? await readReference(ref("distribusi-kanreg8.csv"), Distribusi)
      : [],
  };
}
