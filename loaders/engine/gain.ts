/**
 * Points to win: for every scored ASN, each intervention that would raise their score and by how
 * much, computed from the same profile as the score. One row per (ASN, intervention) with a gain:
 * the internal worklist, and (summed per gain value) the gain tables the simulator runs on.
 *
 * A missing record is assumed filled with the value most common among colleagues: SKP with the
 * instansi's most common predikat, education with the most common level of the same jenis jabatan
 * in the instansi (the instansi's, when no colleague of that kind has one).
 */
import { lit } from "../duck.ts";
import type { KompetensiItem, MethodProfile } from "./method.ts";
import { dasarPoints, itemColumn, itemSql, kinerjaPoints, kualifikasiPoints } from "./score.ts";

export interface Intervensi {
  id: string;
  label: string;
  dimensi: "kualifikasi" | "kompetensi" | "kinerja" | "disiplin";
}

/** The interventions a profile offers, in the order pages show them. */
export function interventions(profile: MethodProfile): Intervensi[] {
  return [
    { id: "skp", label: "SKP yang kosong diisi", dimensi: "kinerja" },
    { id: "pendidikan", label: "Data pendidikan yang kosong dilengkapi", dimensi: "kualifikasi" },
    ...profile.kompetensi.komponen.filter((it) => it.jenis !== "dari_predikat").map((it) => ({
      id: `kompetensi:${it.id}`,
      label: it.label,
      dimensi: "kompetensi" as const,
    })),
    { id: "disiplin", label: "Masa hukuman disiplin berakhir", dimensi: "disiplin" },
  ];
}

/**
 * Gains add up exactly only when no ASN can hit the kompetensi cap: the largest points of all
 * kompetensi items for any jabatan sum to at most the dimension maximum. True for both shipped
 * profiles; a custom profile that breaks it gets an approximate simulator, and the page says so.
 */
export function gainsAreAdditive(profile: MethodProfile): boolean {
  const jabatan = ["JPT", "ADMINISTRATOR", "PENGAWAS", "FUNGSIONAL", "PELAKSANA"] as const;
  const itemMax = (it: KompetensiItem, j: string): number => {
    if (it.jenis === "dari_predikat") return Math.max(...Object.values(it.poin_predikat));
    if (typeof it.poin === "number") return it.poin;
    return (it.poin as Record<string, number>)[j] ?? 0;
  };
  return jabatan.every((j) =>
    profile.kompetensi.komponen.reduce((s, it) => s + itemMax(it, j), 0) <=
      profile.dimensi.kompetensi.maks
  );
}

/** One intervention's gain for an ASN of `s p`: applies `when`, after `joins`. */
interface GainRule {
  id: string;
  asumsi: string;
  poin: string;
  when: string;
  joins: string;
}

/**
 * The gains of `profile` as rules over `s p` (the period's `skor` rows of the profile), after the
 * `WITH` that defines `s` and the colleagues' modes they assume.
 */
function gainRules(profile: MethodProfile): { cte: string; rules: GainRule[] } {
  const maks = lit(profile.dimensi.kompetensi.maks);
  const items = profile.kompetensi.komponen;
  const dasar = items.find((it) => it.jenis === "dari_predikat");
  // The points CASEs are the scoring's own (score.ts), so a gain and a score never disagree. With
  // kualifikasi.syarat_jabatan the filled education is scored by the table alone: the skor table
  // does not carry the requirement (an approximation, for a variant that needs an optional column).
  const kinerjaOf = (e: string) => kinerjaPoints(profile, e);
  const kualifikasiOf = (e: string) => kualifikasiPoints(profile, e);
  const item = (id: string) =>
    `coalesce(p.${itemColumn(items.findIndex((it) => it.id === id))}, 0)`;
  /** Kompetensi after adding `delta` points to the raw item sum, capped. */
  const kompetensiPlus = (delta: string) => `least(${maks}, p.kompetensi + ${delta})`;
  const dasarDelta = dasar && dasar.jenis === "dari_predikat"
    ? `${dasarPoints(dasar, "m.predikat")} - ${item(dasar.id)}`
    : "0";
  const varian = profile.disiplin.varian[profile.disiplin.varian_aktif];
  /** The education assumed for an ASN without one: colleagues of the same jabatan, else the instansi. */
  const filled = "coalesce(mj.pendidikan, mi.pendidikan)";
  const rules: GainRule[] = [
    {
      id: "skp",
      asumsi: "m.predikat",
      poin: `${kinerjaOf("m.predikat")} - p.kinerja + ${kompetensiPlus(dasarDelta)} - p.kompetensi`,
      // An instansi where nobody has an SKP has no mode to assume (modes are never NULL).
      when: "p.skp_kosong AND m.predikat IS NOT NULL",
      joins: "LEFT JOIN modus_skp m USING (kode_instansi)",
    },
    {
      id: "pendidikan",
      asumsi: filled,
      poin: `${kualifikasiOf(filled)} - p.kualifikasi`,
      when: `p.pendidikan_kosong AND ${filled} IS NOT NULL`,
      joins: `LEFT JOIN modus_pendidikan mj USING (kode_instansi, jenis_jabatan)
  LEFT JOIN modus_pendidikan_instansi mi USING (kode_instansi)`,
    },
    ...items.filter((it) => it.jenis !== "dari_predikat").map((it) => ({
      id: `kompetensi:${it.id}`,
      asumsi: "NULL",
      poin: `${kompetensiPlus(`${itemSql(it).potential} - ${item(it.id)}`)} - p.kompetensi`,
      when: "TRUE",
      joins: "",
    })),
    {
      id: "disiplin",
      asumsi: "NULL",
      poin: `${lit(varian.bersih)} - p.disiplin`,
      when: "p.hukdis_berlaku IS NOT NULL",
      joins: "",
    },
  ];
  // `s` is not materialized: every branch reads only its own columns of `skor`, where a
  // materialized CTE copied all of them once (national: 1.81 → 1.46 s for bkn-2019's gains, with
  // the education branch joining the modes directly instead of `s` with itself by nip).
  const cte = `
WITH
s AS NOT MATERIALIZED (SELECT * FROM skor WHERE metode = ${lit(profile.id)}),
modus_skp AS (
  SELECT kode_instansi, predikat FROM (
    SELECT kode_instansi, predikat_dipakai AS predikat,
      row_number() OVER (PARTITION BY kode_instansi ORDER BY count(*) DESC, predikat_dipakai) AS r
    FROM s WHERE predikat_dipakai IS NOT NULL GROUP BY kode_instansi, predikat_dipakai
  ) WHERE r = 1
),
modus_pendidikan AS (
  SELECT kode_instansi, jenis_jabatan, pendidikan FROM (
    SELECT kode_instansi, jenis_jabatan, pendidikan,
      row_number() OVER (PARTITION BY kode_instansi, jenis_jabatan ORDER BY count(*) DESC, pendidikan) AS r
    FROM s WHERE pendidikan IS NOT NULL GROUP BY kode_instansi, jenis_jabatan, pendidikan
  ) WHERE r = 1
),
modus_pendidikan_instansi AS (
  SELECT kode_instansi, pendidikan FROM (
    SELECT kode_instansi, pendidikan,
      row_number() OVER (PARTITION BY kode_instansi ORDER BY count(*) DESC, pendidikan) AS r
    FROM s WHERE pendidikan IS NOT NULL GROUP BY kode_instansi, pendidikan
  ) WHERE r = 1
)`;
  return { cte, rules };
}

/**
 * One row per ASN of `s p` with each rule's gain as a column (`g_<i>`, NULL where the rule does not
 * apply, so that no row comes of it) and, with `asumsi`, what the rule assumes (`a_<i>`): every
 * rule in one pass over the profile's scores, which `s` computes anew on each read.
 */
function perAsnSql(rules: GainRule[], columns: string[], asumsi: boolean): string {
  const joins = rules.map((r) => r.joins).filter(Boolean).join("\n  ");
  const when = (r: GainRule, x: string) =>
    r.when === "TRUE" ? x : `CASE WHEN ${r.when} THEN ${x} END`;
  return `SELECT ${columns.map((c) => `p.${c}`).join(", ")},
    ${rules.map((r, i) => `${when(r, r.poin)} AS g_${i}`).join(",\n    ")}${
    asumsi ? rules.map((r, i) => `,\n    ${r.asumsi} AS a_${i}`).join("") : ""
  }
  FROM s p
  ${joins}`;
}

/** `[x_0, x_1, …]` over the rules: a list the rows of `per_asn` are unnested by. */
const listOf = (rules: GainRule[], x: string) => `[${rules.map((_, i) => `${x}_${i}`).join(", ")}]`;
/** The rules' intervention ids as a list, unnested beside `listOf`. */
const idsOf = (rules: GainRule[]) => `[${rules.map((r) => lit(r.id)).join(", ")}]`;

/**
 * Per-ASN gains under `profile`, from the period's `skor` table: a row per ASN and gain. Each
 * ASN's gains are computed in one pass over the profile's scores and unnested into rows; a query
 * per rule would compute the scores once per rule (national bkn-2019, seven rules: 4.3–5.6 s
 * against 5.3–7.0 s; bkn-2024's four rules: the same either way).
 */
export function gainSql(profile: MethodProfile): string {
  const { cte, rules } = gainRules(profile);
  const cols =
    "periode metode nip nama kode_instansi kode_unit nama_unit jenis_jabatan nama_jabatan"
      .split(" ");
  return `${cte},
per_asn AS (
  ${perAsnSql(rules, cols, true)}
)
SELECT * FROM (
  SELECT ${cols.join(", ")}, unnest(${idsOf(rules)}) AS intervensi,
    unnest(${listOf(rules, "a")}) AS asumsi, CAST(unnest(${listOf(rules, "g")}) AS DOUBLE) AS poin
  FROM per_asn
) WHERE poin > 1e-9`;
}

/**
 * `gainTableSql` over `gainSql`, without a row per ASN and gain: each ASN's gains are columns of
 * one row, the rows are counted per group and set of gains, and only those counts are unfolded
 * into a row per gain. Equal to it row for row (tests/resmi-pipeline.test.ts).
 */
export function gainCountSql(profile: MethodProfile, keys: string[]): string {
  const { cte, rules } = gainRules(profile);
  const k = keys.join(", ");
  const g = rules.map((_, i) => `g_${i}`).join(", ");
  return `${cte},
per_asn AS (
  ${perAsnSql(rules, ["periode", "metode", ...keys], false)}
),
sama AS (SELECT periode, metode, ${k}, ${g}, count(*) AS n FROM per_asn GROUP BY ALL)
SELECT periode, metode, ${k}, intervensi, poin, CAST(sum(n) AS BIGINT) AS n_asn FROM (
  SELECT periode, metode, ${k}, n, unnest(${idsOf(rules)}) AS intervensi,
    CAST(unnest(${listOf(rules, "g")}) AS DOUBLE) AS poin
  FROM sama
) WHERE poin > 1e-9 GROUP BY periode, metode, ${k}, intervensi, poin`;
}

/** Gain tables: how many ASN would gain how many points from each intervention, per group. */
export function gainTableSql(source: string, keys: string[]): string {
  const k = keys.join(", ");
  return `SELECT periode, metode, ${k}, intervensi, poin, count(*) AS n_asn
    FROM ${source} GROUP BY periode, metode, ${k}, intervensi, poin`;
}

/**
 * A gain table from a finer one (`gainTableSql` over more keys): the same counts, summed. Equal to
 * `gainTableSql` over the gain rows with `keys`, column for column and type for type.
 */
export function gainCountRollUpSql(source: string, keys: string[]): string {
  const k = keys.join(", ");
  return `SELECT periode, metode, ${k}, intervensi, poin, CAST(sum(n_asn) AS BIGINT) AS n_asn
    FROM ${source} GROUP BY periode, metode, ${k}, intervensi, poin`;
}
