/**
 * The site's settings file, data/situs.json: what the site is called, who publishes it, which scope
 * it covers and whether a build may publish synthetic data. Every field is optional; a missing
 * field takes the default below, and the scope is detected from the data (loaders/publish/scope.ts).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { InputError } from "./errors.ts";
import { ROOT } from "./paths.ts";

export const SITUS = join(ROOT, "data/situs.json");

export const JENIS_CAKUPAN = ["bkd", "pusat", "provinsi", "kanreg", "nasional"] as const;
export type JenisCakupan = typeof JENIS_CAKUPAN[number];

export const Situs = z.object({
  $comment: z.string().optional(),
  /** Site title; default "IP ASN <scope name>". */
  judul: z.string().min(3).max(80).optional(),
  /** Who publishes the site (footer); default: none named. */
  penerbit: z.string().min(3).max(200).optional(),
  /** Contact shown in the footer: an e-mail address or a web address. */
  kontak: z.union([z.string().email(), z.string().url()]).optional(),
  /**
   * "otomatis" (default): the smallest scope covering the instansi in the data: one instansi → a
   * BKD site whose entities are its unit kerja; only central agencies ("pusat"); one province; one
   * Kantor Regional; else national.
   */
  cakupan: z.enum(["otomatis", ...JENIS_CAKUPAN]).default("otomatis"),
  /**
   * The instansi reference every command scores with, relative to the project folder (default
   * data/reference/wilayah-nasional.csv, every regional government of the country). A
   * wilayah.csv beside the raw data still overrides it.
   */
  referensi: z.string().min(1).optional(),
  /** Refuse to build from synthetic data (the production setting; also `--require-real-data`). */
  wajib_data_nyata: z.boolean().default(false),
  /**
   * An internal build writes one static page per unit kerja only up to this many units; above it
   * (a national internal build: tens of thousands) a unit's worklist opens inside its instansi page.
   */
  halaman_unit_internal_maks: z.number().int().min(0).default(2000),
}).strict();
export type Situs = z.infer<typeof Situs>;

/** The settings, validated; the defaults when the file does not exist. */
export function bacaSitus(file = SITUS): Situs {
  if (!existsSync(file)) return Situs.parse({});
  let json: unknown;
  try {
    json = JSON.parse(Deno.readTextFileSync(file));
  } catch (e) {
    throw new InputError(file, `is not valid JSON (${(e as Error).message})`, "correct the JSON");
  }
  const r = Situs.safeParse(json);
  if (!r.success) {
    throw new InputError(
      file,
      r.error.issues.map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`).join("; "),
      'see README "Satu berkas pengaturan" for the fields and their values',
    );
  }
  return r.data;
}
