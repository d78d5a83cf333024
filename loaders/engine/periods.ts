/**
 * The raw folder's periods: which folders are periods, each period's optional `meta.json`, and
 * the method that is the default for a period.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { InputError } from "../errors.ts";
import { defaultProfileFor, type MethodProfile } from "./method.ts";
import { comparePeriods, isPeriodId } from "./period.ts";
import { WILAYAH_NASIONAL } from "../reference.ts";
import { bacaSitus } from "../situs.ts";
import { ROOT } from "../paths.ts";

/** Optional `meta.json` of a period folder. */
export const PeriodMeta = z.object({
  sumber: z.string().optional(),
  tanggal_ekspor: z.string().optional(),
  /** Synthetic data: every page of the site says so. */
  sintetis: z.boolean().optional(),
  /** Method profile that is the default (metode_baku) for this period, instead of the profiles' own rule. */
  metode: z.string().optional(),
  /** The instansi of a `resmi` file that has no instansi column (BKN's result workbook has none). */
  kode_instansi: z.string().regex(/^\d{2}(\d{2})?$/, "a 2- or 4-digit Kemendagri code").optional(),
}).passthrough();
export type PeriodMeta = z.infer<typeof PeriodMeta>;

export function readMeta(dir: string): PeriodMeta {
  const file = join(dir, "meta.json");
  if (!existsSync(file)) return {};
  let json;
  try {
    // Notepad saves UTF-8 with a byte-order mark.
    json = JSON.parse(Deno.readTextFileSync(file).replace(/^\uFEFF/, ""));
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

/**
 * The instansi reference of every command (score, periksa, build, dev) on `raw`: a wilayah.csv
 * beside its period folders, else the settings' `referensi` (data/situs.json), else the national
 * Kemendagri reference (every provincial and kabupaten/kota government). Central agencies join
 * whichever it is (reference.ts loadReferensi).
 */
export function wilayahPathFor(raw: string): string {
  if (existsSync(join(raw, "wilayah.csv"))) return join(raw, "wilayah.csv");
  const referensi = bacaSitus().referensi;
  return referensi ? resolve(ROOT, referensi) : WILAYAH_NASIONAL;
}

/** A period's meta.json, its `metode` checked against the run's profiles. */
export function readPeriodMeta(dir: string, profiles: MethodProfile[]): PeriodMeta {
  const meta = readMeta(dir);
  if (meta.metode && !profiles.some((x) => x.id === meta.metode)) {
    throw new InputError(
      join(dir, "meta.json"),
      `metode "${meta.metode}" is not a method profile`,
      `use one of ${profiles.map((x) => x.id).join(", ")}`,
    );
  }
  return meta;
}

/** The default method of a period: its meta.json's choice, else the profiles' own rule. */
export function baku(p: string, profiles: MethodProfile[], meta: PeriodMeta): string | null {
  return meta.metode ?? defaultProfileFor(p, profiles)?.id ?? null;
}
