/**
 * The public data of the site, read from the engine's output folder (loaders/publish/hasil.ts).
 * Only aggregates leave here: units below the small-cell threshold are suppressed, with
 * complementary suppression. Each public table is one SQL query over the engine's Parquet: its
 * rows become the CSV (formula-safe text) and the same query is copied to the site's Parquet.
 */
import { csvFormat, csvParse } from "d3";
import { join } from "node:path";
import { z } from "zod";
import { ident, lit } from "../duck.ts";
import {
  Distribusi,
  Official,
  readReference,
  REFERENCE_DIR,
  Target,
  WILAYAH_NASIONAL,
} from "../reference.ts";
import { ROOT } from "../paths.ts";
import { kolomTabel, KUNCI_UNIT, type NamaTabel } from "../../src/keluaran.ts";
import {
  csvAman,
  DIMENSI,
  metodeUtama,
  POLA_RUMUS,
  RESMI,
  RESMI_NAMA,
  slug,
} from "../../src/kosakata.ts";
import type { Hasil } from "./hasil.ts";

export const Publikasi = z.object({ ambang_sel_kecil: z.number().int().min(1) });
export function publikasi(): z.infer<typeof Publikasi> {
  const json = JSON.parse(Deno.readTextFileSync(join(ROOT, "data/publikasi.json")));
  return Publikasi.parse(json);
}

type Baris = Record<string, unknown>;

/**
 * The SELECT of some columns of an engine table, measures rounded to 4 decimals (ample for
 * display, and it keeps the files small).
 */
async function pilih(h: Hasil, name: NamaTabel, cols: string[], rest = ""): Promise<string> {
  const types = new Map(
    (await h.query<{ column_name: string; column_type: string }>(
      `DESCRIBE SELECT * FROM ${h.tabel(name)}`,
    )).map((c) => [c.column_name, c.column_type]),
  );
  const select = cols.map((c) =>
    types.get(c) === "DOUBLE" ? `round(${ident(c)}, 4) AS ${ident(c)}` : ident(c)
  );
  return `SELECT ${select.join(", ")} FROM ${h.tabel(name)} ${rest}`;
}

/** A public table: the query that makes it, for its rows (CSV, JSON) and its Parquet copy. */
export interface TabelSitus {
  sql: string;
  /** The table's columns, for a header when it has no rows. */
  kolom: string[];
}

export async function instansiSql(h: Hasil): Promise<TabelSitus> {
  const kolom = kolomTabel("instansi", h.slugKategori());
  return { sql: await pilih(h, "instansi", kolom), kolom };
}
export async function provinsiSql(h: Hasil): Promise<TabelSitus> {
  const kolom = kolomTabel("provinsi", h.slugKategori());
  return { sql: await pilih(h, "provinsi", kolom), kolom };
}
export async function kanregSql(h: Hasil): Promise<TabelSitus> {
  const kolom = kolomTabel("kanreg", h.slugKategori());
  return { sql: await pilih(h, "kanreg", kolom), kolom };
}

/**
 * Units with their small cells suppressed. Within each instansi, period and method (units by size,
 * then code), every unit below the threshold `k` is hidden; if the hidden group is then a single
 * unit or still smaller than `k`, the next smallest unit is hidden too, so the instansi total minus
 * the shown units never reveals a small group. A hidden unit keeps its identifying columns.
 */
export async function unitSql(h: Hasil, k: number): Promise<TabelSitus> {
  const kolom = kolomTabel("unit_publik", []);
  const baca = kolom.filter((c) => c !== "disembunyikan");
  const kunci = new Set<string>(KUNCI_UNIT);
  const dasar = await pilih(h, "unit", baca);
  const sql = `WITH u AS (${dasar}),
    r AS (SELECT *, n_asn AS _n,
        row_number() OVER (PARTITION BY periode, metode, kode_instansi ORDER BY n_asn, kode_unit) AS _urut,
        count(*) FILTER (WHERE n_asn < ${k}) OVER g AS _n_kecil,
        sum(n_asn) FILTER (WHERE n_asn < ${k}) OVER g AS _jumlah_kecil
      FROM u WINDOW g AS (PARTITION BY periode, metode, kode_instansi)),
    s AS (SELECT *, (n_asn < ${k} OR (_n_kecil > 0 AND (_n_kecil = 1 OR _jumlah_kecil < ${k})
        AND _urut = _n_kecil + 1)) AS _sembunyi FROM r)
    SELECT ${
    baca.map((c) =>
      kunci.has(c) ? ident(c) : `CASE WHEN _sembunyi THEN NULL ELSE ${ident(c)} END AS ${ident(c)}`
    )
      .join(", ")
  }, _sembunyi AS disembunyikan
    FROM s ORDER BY periode, metode, kode_instansi, _n, kode_unit`;
  return { sql, kolom };
}

/**
 * The simulator's gain tables per instansi. A (gain, count) cell of fewer ASN than the small-cell
 * threshold is pooled with the intervention's other small cells at their mean gain; a pool still
 * under the threshold is left out. Totals stay exact; only the order within a pool is averaged.
 */
export function peluangSql(h: Hasil, k: number): TabelSitus {
  return {
    kolom: ["periode", "metode", "kode_instansi", "intervensi", "poin", "n_asn", "gabungan"],
    sql: `
      WITH t AS (SELECT * FROM ${h.tabel("peluang_instansi")})
      SELECT periode, metode, kode_instansi, intervensi, round(poin, 4) AS poin, n_asn, false AS gabungan
      FROM t WHERE n_asn >= ${k}
      UNION ALL
      SELECT periode, metode, kode_instansi, intervensi, round(sum(poin * n_asn) / sum(n_asn), 4), sum(n_asn), true
      FROM t WHERE n_asn < ${k} GROUP BY periode, metode, kode_instansi, intervensi HAVING sum(n_asn) >= ${k}
      ORDER BY periode, metode, kode_instansi, intervensi, poin DESC`,
  };
}

/** Every instansi mean by counted population and data completeness (reconciliation); small groups hidden. */
export async function varianSql(h: Hasil, k: number): Promise<TabelSitus> {
  const kolom = kolomTabel("varian_instansi", []);
  const dasar = await pilih(h, "varian_instansi", kolom);
  return {
    kolom,
    sql: `SELECT ${
      kolom.map((c) =>
        c === "nilai" ? `CASE WHEN n_asn < ${k} THEN NULL ELSE nilai END AS nilai` : c
      )
        .join(", ")
    } FROM (${dasar})`,
  };
}

/**
 * BKN's official results against the computed methods, per instansi and dimension; a count of
 * fewer ASN than the small-cell threshold is hidden with the mean difference it carries. Null when
 * the output holds no official results.
 */
export async function selisihSql(h: Hasil, k: number): Promise<TabelSitus | null> {
  const kolom = kolomTabel("selisih_instansi", []);
  if (!h.ada("selisih_instansi")) return null;
  const dasar = await pilih(h, "selisih_instansi", kolom);
  const kecil = (c: string) => `CASE WHEN ${c} < ${k} THEN NULL ELSE ${c} END AS ${c}`;
  return {
    kolom,
    sql: `SELECT ${
      kolom.map((c) =>
        c === "n_beda"
          ? kecil("n_beda")
          : c === "selisih_rata"
          ? `CASE WHEN n_beda < ${k} THEN NULL ELSE selisih_rata END AS selisih_rata`
          : ["n_hanya_resmi", "n_hanya_hitungan"].includes(c)
          ? kecil(c)
          : c
      ).join(", ")
    } FROM (${dasar})`,
  };
}

/** A public table's rows. */
export async function baris(h: Hasil, t: TabelSitus): Promise<Baris[]> {
  return await h.query(t.sql);
}

/**
 * A public table as CSV, DuckDB's COPY of the table's own query with every text cell made
 * spreadsheet-safe (`csvAman`'s rule): the unit table is hundreds of thousands of rows nationally,
 * which DuckDB writes in a fraction of a second. Numbers as DuckDB writes them ("25.0", "1e-05").
 */
export async function csvTabel(h: Hasil, t: TabelSitus): Promise<string> {
  const cols = await h.query<{ column_name: string; column_type: string }>(`DESCRIBE ${t.sql}`);
  const aman = (c: string) =>
    `CASE WHEN regexp_matches(${ident(c)}, ${lit(POLA_RUMUS)}) THEN ${lit("'")} || ${
      ident(c)
    } ELSE ${ident(c)} END AS ${ident(c)}`;
  const select = cols.map((c) =>
    c.column_type === "VARCHAR" ? aman(c.column_name) : ident(c.column_name)
  );
  const dir = await Deno.makeTempDir({ prefix: "ipasn-csv-" });
  try {
    const file = join(dir, "out.csv");
    await h.run(
      `COPY (SELECT ${select.join(", ")} FROM (${t.sql})) TO ${lit(file)} (HEADER, DELIMITER ',')`,
    );
    return Deno.readTextFileSync(file);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

/** A public table as Parquet (DuckDB's COPY of the table's own query), for downloads and SQL. */
export async function parquet(h: Hasil, t: TabelSitus): Promise<Uint8Array> {
  const dir = await Deno.makeTempDir({ prefix: "ipasn-parquet-" });
  try {
    const file = join(dir, "out.parquet");
    await h.run(`COPY (${t.sql}) TO ${lit(file)} (FORMAT parquet)`);
    return Deno.readFileSync(file);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

/** Beranda: the latest period at a glance, small enough to load at once. */
export function ringkasan(
  h: Hasil,
  t: { instansi: Baris[]; kanreg: Baris[]; provinsi: Baris[] },
) {
  const m = h.manifest;
  const latest = m.periode.at(-1)!;
  const utama = (p: string) => metodeUtama(m.metode_baku[p], m.metode_periode[p] ?? [])!;
  const metode = utama(latest);
  const kanreg = t.kanreg.filter((r) => r.metode === utama(String(r.periode)));
  const inst = t.instansi.filter((r) => r.periode === latest && r.metode === metode);
  const movers = inst.filter((r) => r.selisih !== null).sort((a, b) =>
    Number(b.selisih) - Number(a.selisih)
  );
  const pick = (r: Baris) => ({
    kode_instansi: r.kode_instansi,
    nama_instansi: r.nama_instansi,
    nilai: r.nilai,
    selisih: r.selisih,
    kategori: r.kategori,
    peringkat: r.peringkat,
  });
  const profil = m.profil.find((p) => p.id === metode);
  return {
    periode: latest,
    metode,
    metode_nama: metode === RESMI ? RESMI_NAMA : profil?.nama ?? metode,
    /** The method's categories, highest first, with the column counting instansi in each. */
    kategori: (profil?.kategori.batas ?? []).map((b) => ({
      nama: b.nama,
      kolom: `instansi_${slug(b.nama)}`,
    })),
    /** Which profile is the default for which periods. */
    baku: m.profil.filter((p) => !p.resmi && p.baku_untuk).map((p) => ({
      id: p.id,
      nama: p.nama,
      baku_untuk: p.baku_untuk,
    })),
    sintetis: m.sintetis,
    kanreg: kanreg.find((r) => r.periode === latest),
    tren: kanreg.map((r) => ({ periode: r.periode, metode: r.metode, nilai: r.nilai })),
    naik: movers.filter((r) => Number(r.selisih) > 0).slice(0, 5).map(pick),
    turun: movers.filter((r) => Number(r.selisih) < 0).slice(-5).reverse().map(pick),
    teratas: [...inst].sort((a, b) => Number(a.peringkat) - Number(b.peringkat)).slice(0, 5).map(
      pick,
    ),
    provinsi: t.provinsi.filter((r) => r.periode === latest && r.metode === metode).map(
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
  ...DIMENSI,
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

/** Peringkat's index and tiers from the instansi table's rows. */
export function peringkatData(h: Hasil, rows: Baris[]) {
  const m = h.manifest;
  const urut = new Map(m.periode.map((p, i) => [p, i]));
  const at = (r: Baris) => urut.get(String(r.periode)) ?? -1;
  rows = [...rows].sort((a, b) =>
    at(a) - at(b) || String(a.metode).localeCompare(String(b.metode)) ||
    Number(a.peringkat) - Number(b.peringkat) ||
    String(a.kode_instansi).localeCompare(String(b.kode_instansi))
  );
  const periode = [...new Set(rows.map((r) => String(r.periode)))]
    .sort((a, b) => (urut.get(a) ?? 0) - (urut.get(b) ?? 0));
  const metode = [...new Set(rows.map((r) => String(r.metode)))]
    .sort((a, b) => (a === RESMI ? -1 : b === RESMI ? 1 : a.localeCompare(b)));
  const bakuHitung: Record<string, string> = {};
  for (const r of rows) if (r.metode_baku) bakuHitung[String(r.periode)] = String(r.metode);
  const diPeriode = new Map(periode.map((p) => [p, new Set<string>()]));
  for (const r of rows) diPeriode.get(String(r.periode))!.add(String(r.metode));
  const baku: Record<string, string> = {};
  for (const p of periode) {
    const u = metodeUtama(bakuHitung[p], diPeriode.get(p)!);
    if (u) baku[p] = u;
  }
  const terbaru = periode.at(-1) ?? "";
  // Each instansi once, as named in the latest period it appears in (rows are in period order).
  const instansi = new Map<string, unknown[]>();
  for (const r of rows) {
    instansi.set(String(r.kode_instansi), KOLOM_PERINGKAT_INSTANSI.map((k) => r[k]));
  }
  const pick = (rs: Baris[]) =>
    rs.map((r) => Object.fromEntries(KOLOM_PERINGKAT.map((k) => [k, r[k]])));
  const diBaku = (r: Baris) => baku[String(r.periode)] === r.metode;
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
export function peringkatProvinsi(rows: Baris[]): Baris[] {
  const cols = ["periode", "metode", "kode_provinsi", "provinsi", "nilai", "kategori"];
  return rows.map((r) => Object.fromEntries(cols.map((k) => [k, r[k]])));
}

/** CSV with formula-safe text cells; a table with no rows is its header alone. */
export function toCsv(rows: Baris[], kolom?: string[]): string {
  if (!rows.length && kolom) return kolom.join(",") + "\n";
  return csvFormat(
    rows.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k, typeof v === "string" ? csvAman(v) : v ?? ""]),
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
export async function reference(instansi: Baris[]) {
  const ref = (f: string) => `${REFERENCE_DIR}${f}`;
  // BKN's per-person results in the data are reported figures too: their instansi means, beside
  // the figures published in the news (`berkas`: from a file of the data, not a web source).
  const dariBerkas = instansi.filter((r) => r.metode === RESMI).map((r) => ({
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
    ...Object.fromEntries(DIMENSI.map((d) => [d, r[d]])),
    berkas: true,
  }));
  // Only the figures of instansi in the data: the reference holds figures of others too.
  const ada = new Set(instansi.map((r) => String(r.kode_instansi)));
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
