/**
 * The engine's output folder, the site's only input besides the settings (data/publikasi.json,
 * data/situs.json) and the reference tables: its manifest, which records what the outputs were
 * computed under (each period's methods and default, every method profile whole with the
 * simulator's interventions), and its tables, read from their Parquet copies with DuckDB: typed as
 * the engine wrote them, never a CSV typed again. Nothing here imports the engine.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { Db, lit } from "../duck.ts";
import { InputError } from "../errors.ts";
import { DIMENSI, slug } from "../../src/kosakata.ts";
import type { NamaTabel } from "../../src/keluaran.ts";

/** A method profile as the manifest records it: the resolved profile whole, and what the site adds. */
export const Profil = z.looseObject({
  id: z.string(),
  nama: z.string(),
  versi: z.string(),
  baku_untuk: z.object({ dari: z.string().nullable(), sampai: z.string().nullable() }).nullable(),
  alternatif: z.looseObject({ dari: z.string(), aturan: z.string() }).nullable().optional(),
  resmi: z.literal(true).optional(),
  dimensi: z.object(
    Object.fromEntries(DIMENSI.map((d) => [d, z.looseObject({ maks: z.number() })])) as Record<
      (typeof DIMENSI)[number],
      z.ZodObject<{ maks: z.ZodNumber }>
    >,
  ),
  kategori: z.looseObject({
    batas: z.array(z.looseObject({ nama: z.string(), min: z.number() })),
  }),
  populasi: z.looseObject({ jenis_pegawai: z.array(z.string()) }),
  intervensi: z.array(z.object({ id: z.string(), label: z.string(), dimensi: z.enum(DIMENSI) })),
  tambahan_tepat: z.boolean(),
});
export type Profil = z.infer<typeof Profil>;

export const Manifest = z.looseObject({
  periode: z.array(z.string()),
  metode: z.array(z.object({ id: z.string(), versi: z.string(), nama: z.string() })),
  metode_baku: z.record(z.string(), z.string().nullable()),
  metode_periode: z.record(z.string(), z.array(z.string())),
  profil: z.array(Profil),
  sintetis: z.boolean(),
  sumber: z.array(z.string()),
});
export type Manifest = z.infer<typeof Manifest>;

/** The keys of manifest.json the site serves as data/manifest.json (the profiles go to metode.json). */
export const MANIFEST_SITUS = [
  "periode",
  "metode",
  "metode_baku",
  "wilayah",
  "di_luar_referensi",
  "sintetis",
  "sumber",
] as const;
/** What the manifest adds to a profile; data/metode.json carries the profiles without it. */
export const TAMBAHAN_PROFIL = ["intervensi", "tambahan_tepat"] as const;

/** One scoring output folder, read once per process. */
export class Hasil {
  #manifest?: { parsed: Manifest; raw: Record<string, unknown> };
  constructor(readonly dir: string) {}

  /**
   * manifest.json, checked; `raw` is the file as written (its key order is kept in what the site
   * serves from it).
   */
  manifestMentah(): { parsed: Manifest; raw: Record<string, unknown> } {
    if (this.#manifest) return this.#manifest;
    const file = join(this.dir, "manifest.json");
    if (!existsSync(file)) {
      throw new InputError(
        file,
        "does not exist: the folder holds no scoring output",
        "score first: npx deno task build (or deno task score)",
      );
    }
    const raw = JSON.parse(Deno.readTextFileSync(file));
    const r = Manifest.safeParse(raw);
    if (!r.success) {
      throw new InputError(
        file,
        `does not record what the site needs (${
          r.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`)
            .join("; ")
        }): it was written by an older ipasn`,
        "score again into that folder (npx deno task build, or deno task score)",
      );
    }
    return this.#manifest = { parsed: r.data, raw };
  }

  get manifest(): Manifest {
    return this.manifestMentah().parsed;
  }

  /** The profiles as written in the manifest (key order kept), by id. */
  profilMentah(): Record<string, unknown>[] {
    return this.manifestMentah().raw.profil as Record<string, unknown>[];
  }

  /** Every category name of the profiles, in their order, once (the engine's column order). */
  kategori(): string[] {
    return [
      ...new Set(
        this.manifest.profil.filter((p) => !p.resmi).flatMap((p) =>
          p.kategori.batas.map((b) => b.nama)
        ),
      ),
    ];
  }

  /** The slugs of the per-category columns (`asn_<slug>`, `instansi_<slug>`). */
  slugKategori(): string[] {
    return this.kategori().map(slug);
  }

  /** Whether the output holds a table (an older output may lack a newer one). */
  ada(name: NamaTabel): boolean {
    return existsSync(join(this.dir, `${name}.parquet`));
  }

  /** A table as a DuckDB table expression over its Parquet copy. */
  tabel(name: NamaTabel): string {
    return `read_parquet(${lit(join(this.dir, `${name}.parquet`))})`;
  }

  /** Rows of a query, in a DuckDB of its own. */
  async query<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    const db = await Db.open();
    try {
      return await db.all<T>(sql);
    } finally {
      db.close();
    }
  }

  /**
   * A query's result as column names and rows of values (the pages' table format): far quicker
   * than rows as objects for the unit table's hundreds of thousands of rows.
   */
  async tabelDari(sql: string): Promise<{ kolom: string[]; baris: unknown[][] }> {
    const db = await Db.open();
    try {
      const reader = await db.conn.runAndReadAll(sql);
      const biasa = (v: unknown) =>
        typeof v === "bigint" ? (Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()) : v;
      return {
        kolom: reader.columnNames(),
        baris: reader.getRowsJS().map((r) => r.map(biasa)),
      };
    } finally {
      db.close();
    }
  }

  /** Runs statements (COPY …) in a DuckDB of its own. */
  async run(...sql: string[]): Promise<void> {
    const db = await Db.open();
    try {
      for (const s of sql) await db.run(s);
    } finally {
      db.close();
    }
  }
}
