/**
 * The pages' side of the data shaped per page (loaders/publish/halaman.ts): tables arrive as
 * column names and rows of values, and a file whose name depends on the reader's choice (one
 * period and method, one instansi) is fetched when the choice is made. Those files are served at
 * `_file/data/…` beside the files Framework copies (the build puts them there; the preview server
 * serves them from src/data/), with the data's stamp as a query so a new build is never read from
 * a stale cache.
 */

export interface Tabel {
  kolom: string[];
  baris: unknown[][];
}

/** A table's rows as objects. */
export function barisDari<T = Record<string, unknown>>(t: Tabel | null | undefined): T[] {
  if (!t) return [];
  return t.baris.map((r) => Object.fromEntries(t.kolom.map((k, i) => [k, r[i]])) as T);
}

/** What indeks.json says of an entity (instansi, or a BKD site's unit kerja). */
export interface Entitas {
  kode: string;
  nama: string;
  jenis: string;
  kode_provinsi: string;
  provinsi: string;
}

export interface Indeks {
  versi: string;
  entitas: "instansi" | "unit";
  periode: string[];
  terbaru: string;
  metode: { id: string; nama: string; resmi?: boolean }[];
  varian: { id: string; nama: string; dari: string }[];
  metode_periode: Record<string, string[]>;
  semua_metode_periode: Record<string, string[]>;
  baku: Record<string, string>;
  baku_hitung: Record<string, string>;
  profil: Record<string, Profil>;
  /** The overall mean over time under every method. */
  keseluruhan: Tabel;
  kolom_entitas: string[];
  daftar: string[][];
  /** Each province's name by its code. */
  provinsi: Record<string, string>;
}

export interface Profil {
  id: string;
  nama: string;
  maks: Record<string, number>;
  batas: { nama: string; min: number }[];
  populasi: "PNS" | "PNS_PPPK";
  baku_untuk: { dari: string | null; sampai: string | null } | null;
  intervensi: { id: string; label: string }[];
  tepat: boolean;
  alternatif?: { dari: string; aturan: string };
  resmi?: boolean;
}

/** The entities of indeks.json by code. */
export function petaEntitas(ix: Indeks): Map<string, Entitas> {
  return new Map(ix.daftar.map((v) => {
    const e = Object.fromEntries(ix.kolom_entitas.map((k, i) => [k, v[i]])) as unknown as Entitas;
    e.provinsi = ix.provinsi[e.kode_provinsi] ?? "";
    return [e.kode, e];
  }));
}

/**
 * Rows of an entity table with each entity's name, kind and province, under the names the charts
 * read too (`kode_instansi`, `nama_instansi`, `jenis_instansi` on an instansi site).
 */
export function lengkapi<T extends { kode: string; nama?: unknown }>(
  rows: T[],
  entitas: Map<string, Entitas>,
): (T & Entitas & Record<string, unknown>)[] {
  return rows.map((r) => {
    const e = entitas.get(r.kode);
    const nama = e?.nama ?? (typeof r.nama === "string" ? r.nama : r.kode);
    return {
      ...e!,
      ...r,
      nama,
      kode_instansi: r.kode,
      nama_instansi: nama,
      jenis_instansi: e?.jenis ?? "",
    };
  });
}

/**
 * A fetcher of the files named by a choice. `href` is the address of any data file the page
 * attaches (`FileAttachment("data/indeks.json").href`): the site's `_file/` folder is where it
 * lies, in a build (under a hashed name) and in the preview server alike.
 */
export function pengambil(href: string, versi: string): <T>(path: string) => Promise<T> {
  const abs = new URL(href, location.href).href;
  const i = abs.indexOf("/_file/");
  const dasar = abs.slice(0, i + "/_file/".length);
  const memo = new Map<string, Promise<unknown>>();
  return <T>(path: string) => {
    if (!memo.has(path)) {
      memo.set(
        path,
        fetch(`${dasar}${path}?v=${encodeURIComponent(versi)}`).then((r) => {
          if (!r.ok) throw new Error(`${path}: ${r.status}`);
          return r.json();
        }),
      );
    }
    return memo.get(path) as Promise<T>;
  };
}

/** One period under one method, as data/irisan/<periode>/<metode>.json holds it. */
export interface Irisan extends Tabel {
  periode: string;
  metode: string;
  periode_tahun_lalu: string | null;
  periode_sebelumnya: string | null;
  jumlah: number;
  provinsi: Tabel;
  keseluruhan: Record<string, number | null> | null;
  /** On a BKD site (whose entities are its unit kerja): the instansi itself. */
  instansi?: Tabel;
}

/** The path of one period's slice under one method. */
export function pathIrisan(periode: string, metode: string): string {
  return `data/irisan/${periode}/${metode}.json`;
}
