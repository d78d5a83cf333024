/**
 * Method profiles: the IP ASN method as versioned, declarative data. Every rule carries its tag
 * (sumber / sebagian / asumsi) and a note, so the site can render the methodology from the profile
 * itself. Profiles live in `data/methods/*.json`; a profile may `extends` another and override parts.
 */
import { z } from "zod";
import { comparePeriods } from "./period.ts";
import { UserError } from "../errors.ts";
import { join } from "node:path";
import { DATA } from "../paths.ts";
import { GAPS } from "./gaps.ts";

export const Tag = z.enum(["sumber", "sebagian", "asumsi"]);
export type Tag = z.infer<typeof Tag>;

const Rule = { tag: Tag, catatan: z.string().default("") };
const JABATAN = ["JPT", "ADMINISTRATOR", "PENGAWAS", "FUNGSIONAL", "PELAKSANA"] as const;
export const Jabatan = z.enum(JABATAN);
export type Jabatan = z.infer<typeof Jabatan>;
const PENDIDIKAN = ["S3", "S2", "S1", "D4", "D3", "D2", "D1", "SLTA", "SLTP", "SD"] as const;
const PREDIKAT = [
  "SANGAT_BAIK",
  "BAIK",
  "CUKUP",
  "BUTUH_PERBAIKAN",
  "KURANG",
  "SANGAT_KURANG",
  "BURUK",
] as const;
const JENIS_DIKLAT = [
  "STRUKTURAL",
  "FUNGSIONAL",
  "TEKNIS",
  "SEMINAR",
  "WORKSHOP",
  "KURSUS",
  "MAGANG",
  "LAINNYA",
] as const;
const JENJANG = ["PIM_I", "PIM_II", "PIM_III", "PIM_IV", "PKN_I", "PKN_II", "PKA", "PKP"] as const;
const Points = z.number().min(0).max(100);
/** Points for every jabatan (a number) or per jabatan (missing jabatan: the item does not apply). */
const PointsByJabatan = z.union([Points, z.partialRecord(Jabatan, Points)]);
/**
 * Which diklat rows an item counts: "periode" = the measurement window (1 January of the period's
 * year to the period's end); `{tahun: n}` = from 1 January n − 1 years before the period's year to
 * its end (silka-server counts seminars "dalam 2 tahun terakhir"); "karier" = every row up to the
 * period's end (silka-server sums technical training over the whole career).
 */
const ItemJendela = z.union([
  z.literal("periode"),
  z.literal("karier"),
  z.object({ tahun: z.number().int().min(1).max(40) }),
]).default("periode");
export type ItemJendela = z.infer<typeof ItemJendela>;

const Kompetensi = z.discriminatedUnion("jenis", [
  z.object({
    id: z.string(),
    jenis: z.literal("kepemimpinan"),
    label: z.string(),
    poin: PointsByJabatan,
    /** Highest (numerically largest) level that still matches each jabatan; 1 = PIM I / PKN I. */
    level_maks: z.partialRecord(Jabatan, z.number().int().min(1).max(4)),
    level_jenjang: z.record(z.enum(JENJANG), z.number().int().min(1).max(4)),
    ...Rule,
  }),
  z.object({
    id: z.string(),
    jenis: z.literal("diklat_fungsional"),
    label: z.string(),
    poin: PointsByJabatan,
    /** Words in nama_jabatan (case-insensitive) that exempt a position from diklat fungsional. */
    dikecualikan: z.array(z.string().min(2)),
    tag_dikecualikan: Tag,
    ...Rule,
  }),
  z.object({
    id: z.string(),
    jenis: z.literal("jp_minimal"),
    label: z.string(),
    poin: PointsByJabatan,
    /** Which jenis count towards the JP sum; "*" = all. */
    jenis_diklat: z.union([z.literal("*"), z.array(z.enum(JENIS_DIKLAT)).min(1)]),
    ambang_jp: z.number().min(0),
    jendela: ItemJendela,
    ...Rule,
  }),
  z.object({
    id: z.string(),
    jenis: z.literal("ada_dalam_jendela"),
    label: z.string(),
    poin: PointsByJabatan,
    jenis_diklat: z.array(z.enum(JENIS_DIKLAT)).min(1),
    jendela: ItemJendela,
    ...Rule,
  }),
  z.object({
    id: z.string(),
    jenis: z.literal("dari_predikat"),
    label: z.string(),
    poin_predikat: z.record(z.enum(PREDIKAT), Points),
    ...Rule,
  }),
]);
export type KompetensiItem = z.infer<typeof Kompetensi>;

const DisiplinVarian = z.object({
  label: z.string(),
  bersih: Points,
  RINGAN: Points,
  SEDANG: Points,
  BERAT: Points,
  ...Rule,
});

/**
 * How a rule treats a value SIASN lacks (a data gap, gaps.ts): one entry per gap the engine counts,
 * keyed `<table>.<column>`, with its tag. The engine's treatment is fixed; the profile states it
 * so that the Metodologi page shows it beside the rules, with its source or as an assumption.
 */
const DataKosong = z.object(
  Object.fromEntries(
    GAPS.map((
      g,
    ) => [`${g.table}.${g.column}`, z.object({ perlakuan: z.string().min(10), ...Rule })]),
  ),
).strict();

/** One entry of a profile's change log: what changed in a version and why. */
const Perubahan = z.object({ versi: z.string(), tanggal: z.string(), alasan: z.string().min(10) });

export const MethodProfile = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  versi: z.string(),
  /** Change log, newest first: every change to a rule's numbers says why. */
  perubahan: z.array(Perubahan).default([]),
  /**
   * A variant: the profile it departs from and the rule it replaces (a path into the profile, as
   * the Metodologi page names it). The sensitivity table compares it with `dari`.
   */
  alternatif: z.object({
    dari: z.string(),
    aturan: z.string(),
    label: z.string(),
    /** The base's tag for what is replaced, when finer than the tag on the rule's path. */
    tag: Tag.optional(),
  }).nullable().default(null),
  nama: z.string(),
  deskripsi: z.string(),
  dasar_hukum: z.array(z.object({ judul: z.string(), url: z.string().optional() })),
  /** Periods for which this profile is the default (metode_baku); null ends are open. */
  baku_untuk: z.object({ dari: z.string().nullable(), sampai: z.string().nullable() }).nullable(),
  populasi: z.object({ jenis_pegawai: z.array(z.enum(["PNS", "PPPK"])).min(1), ...Rule }),
  dimensi: z.object({
    kualifikasi: z.object({ maks: Points, ...Rule }),
    kompetensi: z.object({ maks: Points, ...Rule }),
    kinerja: z.object({ maks: Points, ...Rule }),
    disiplin: z.object({ maks: Points, ...Rule }),
  }),
  kualifikasi: z.object({
    poin: z.array(
      z.object({ pendidikan: z.array(z.enum(PENDIDIKAN)).min(1), poin: Points, ...Rule }),
    ),
    kosong: z.object({ poin: Points, ...Rule }),
    /**
     * Scoring against the position's required education: an ASN whose education scores at least
     * as many table points as `syarat_pendidikan` (an optional pegawai column) gets `poin_memenuhi`,
     * otherwise the table's points. Without that column the profile cannot be computed and scores
     * nobody (see `requiredColumns`).
     */
    syarat_jabatan: z.object({ poin_memenuhi: Points, ...Rule }).nullable().default(null),
  }),
  kompetensi: z.object({ komponen: z.array(Kompetensi).min(1), ...Rule }),
  kinerja: z.object({
    poin: z.array(z.object({ predikat: z.array(z.enum(PREDIKAT)).min(1), poin: Points, ...Rule })),
    kosong: z.object({ poin: Points, ...Rule }),
    /** SKP of the period's year, else up to this many years back. */
    tahun_mundur: z.number().int().min(0).max(5),
    tag_tahun: Tag,
  }),
  disiplin: z.object({
    varian: z.record(z.string(), DisiplinVarian),
    varian_aktif: z.string(),
    /** Punishment without an end date: in force until 31 December of its tmt year. */
    tanpa_akhir: z.literal("akhir_tahun_tmt"),
    /**
     * null: punishments in force during the measurement window. n: punishments whose tmt falls
     * from 1 January n − 1 years before the period's year to the period's end, whatever their end
     * date (silka-server: "dalam waktu 5 tahun terakhir").
     */
    jendela_tahun_tmt: z.number().int().min(1).max(10).nullable().default(null),
    ...Rule,
  }),
  jendela: z.object({ ...Rule }),
  kategori: z.object({
    pembulatan: z.number().int().min(0).max(4),
    /**
     * "min_dibulatkan": the value rounded to `pembulatan` decimals is at least a band's `min`.
     * "lebih_dari": the unrounded value is above a band's `lebih_dari` (silka-server: > 60, > 70,
     * > 80, > 90); every band but the last needs one.
     */
    aturan: z.enum(["min_dibulatkan", "lebih_dari"]).default("min_dibulatkan"),
    batas: z.array(
      z.object({ nama: z.string(), min: z.number(), lebih_dari: z.number().optional() }),
    )
      .min(2),
    ...Rule,
  }),
  agregasi: z.object({ ...Rule }),
  data_kosong: DataKosong,
}).superRefine((p, ctx) => {
  const total = Object.values(p.dimensi).reduce((s, d) => s + d.maks, 0);
  if (Math.abs(total - 100) > 1e-9) {
    ctx.addIssue({
      code: "custom",
      message: `dimension maxima add up to ${total}, not 100`,
      path: ["dimensi"],
    });
  }
  // Kompetensi is capped at its maximum; the other dimensions take a rule's points as they are.
  const above = (path: (string | number)[], points: number, dim: keyof typeof p.dimensi) => {
    if (points > p.dimensi[dim].maks) {
      ctx.addIssue({
        code: "custom",
        message: `${points} points, above the ${dim} maximum of ${p.dimensi[dim].maks}`,
        path,
      });
    }
  };
  p.kualifikasi.poin.forEach((r, i) => above(["kualifikasi", "poin", i], r.poin, "kualifikasi"));
  above(["kualifikasi", "kosong"], p.kualifikasi.kosong.poin, "kualifikasi");
  p.kinerja.poin.forEach((r, i) => above(["kinerja", "poin", i], r.poin, "kinerja"));
  above(["kinerja", "kosong"], p.kinerja.kosong.poin, "kinerja");
  for (const [id, v] of Object.entries(p.disiplin.varian)) {
    for (const k of ["bersih", "RINGAN", "SEDANG", "BERAT"] as const) {
      above(["disiplin", "varian", id, k], v[k], "disiplin");
    }
  }
  if (!(p.disiplin.varian_aktif in p.disiplin.varian)) {
    ctx.addIssue({
      code: "custom",
      message: `varian_aktif "${p.disiplin.varian_aktif}" is not in varian`,
      path: ["disiplin"],
    });
  }
  if (
    p.kategori.aturan === "lebih_dari" &&
    p.kategori.batas.slice(0, -1).some((b) => b.lebih_dari === undefined)
  ) {
    ctx.addIssue({
      code: "custom",
      message: 'kategori.aturan "lebih_dari" needs lebih_dari on every band but the last',
      path: ["kategori", "batas"],
    });
  }
  if (p.kualifikasi.syarat_jabatan) {
    above(
      ["kualifikasi", "syarat_jabatan"],
      p.kualifikasi.syarat_jabatan.poin_memenuhi,
      "kualifikasi",
    );
  }
  const mins = p.kategori.batas.map((b) => b.min);
  if (mins.some((m, i) => i > 0 && m >= mins[i - 1])) {
    ctx.addIssue({
      code: "custom",
      message: "kategori.batas must be ordered from the highest min down",
      path: ["kategori"],
    });
  }
});
export type MethodProfile = z.infer<typeof MethodProfile>;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Objects merge key by key; arrays and scalars replace. */
function deepMerge(base: Json, over: Json): Json {
  if (
    base && over && typeof base === "object" && typeof over === "object" && !Array.isArray(base) &&
    !Array.isArray(over)
  ) {
    const out: { [k: string]: Json } = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = k in base ? deepMerge(base[k], v) : v;
    return out;
  }
  return over;
}

/** A method profile that does not validate: the message names the file and the field to fix. */
export class ProfileError extends UserError {}

/**
 * The folder of method profiles: `data/methods/`, or the folder that `--methods` names (passed on
 * to the site's data loaders as IPASN_METHODS). Read at call time so a script can set it first.
 */
export function methodsDir(): string {
  return Deno.env.get("IPASN_METHODS") ?? join(DATA, "methods");
}

/** Load every profile of a folder, resolving `extends`, validated; sorted by id. */
export async function loadProfiles(dir: string): Promise<MethodProfile[]> {
  const raw = new Map<string, { file: string; json: { [k: string]: Json } }>();
  for await (const e of Deno.readDir(dir)) {
    if (!e.isFile || !e.name.endsWith(".json")) continue;
    const file = `${dir}/${e.name}`;
    let json;
    try {
      json = JSON.parse(await Deno.readTextFile(file));
    } catch (err) {
      throw new ProfileError(`${file}: not valid JSON (${(err as Error).message}); fix the syntax`);
    }
    const id = String(json.id ?? e.name.replace(/\.json$/, ""));
    if (raw.has(id)) {
      throw new ProfileError(`${file}: profile id "${id}" is already used by ${raw.get(id)!.file}`);
    }
    raw.set(id, { file, json });
  }
  const resolved = new Map<string, Json>();
  const resolve = (id: string, chain: string[]): Json => {
    if (resolved.has(id)) return resolved.get(id)!;
    const entry = raw.get(id);
    if (!entry) {
      throw new ProfileError(
        `profile "${chain.at(-1)}" extends "${id}", which does not exist in ${dir}`,
      );
    }
    if (chain.includes(id)) {
      throw new ProfileError(`profiles extend each other in a loop: ${[...chain, id].join(" → ")}`);
    }
    const { extends: parent, ...own } = entry.json;
    const merged = parent ? deepMerge(resolve(String(parent), [...chain, id]), own) : own;
    resolved.set(id, merged);
    return merged;
  };
  const out: MethodProfile[] = [];
  for (const [id, { file }] of raw) {
    const parsed = MethodProfile.safeParse(resolve(id, []));
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) =>
        `  ${i.path.join(".") || "(root)"}: ${i.message}`
      ).join("\n");
      throw new ProfileError(
        `${file}: invalid method profile\n${issues}\nFix these fields (see data/methods/bkn-2024.json for a complete example).`,
      );
    }
    out.push(parsed.data);
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** The profile that is the default (metode_baku) for a period. */
export function defaultProfileFor(
  period: string,
  profiles: MethodProfile[],
): MethodProfile | undefined {
  return profiles.find((p) =>
    p.baku_untuk &&
    (p.baku_untuk.dari === null || comparePeriods(period, p.baku_untuk.dari) >= 0) &&
    (p.baku_untuk.sampai === null || comparePeriods(period, p.baku_untuk.sampai) <= 0)
  );
}

export function pointsFor(
  poin: number | Partial<Record<Jabatan, number>>,
  j: Jabatan,
): number | undefined {
  return typeof poin === "number" ? poin : poin[j];
}

export const JABATAN_LIST = JABATAN;

/**
 * Optional input columns a profile needs, per table. A profile whose columns are missing cannot be
 * computed: it scores nobody rather than guessing (the pegawai contract does not have
 * `syarat_pendidikan` yet).
 */
export function requiredColumns(p: MethodProfile): { pegawai: string[] } {
  return { pegawai: p.kualifikasi.syarat_jabatan ? ["syarat_pendidikan"] : [] };
}
