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

/** Per-ASN gains under `profile`, from the period's `skor` table. */
export function gainSql(profile: MethodProfile): string {
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
  const cols =
    "p.periode, p.metode, p.nip, p.nama, p.kode_instansi, p.kode_unit, p.nama_unit, p.jenis_jabatan, p.nama_jabatan";
  const itemGains = items.filter((it) => it.jenis !== "dari_predikat").map((it) =>
    `SELECT ${cols}, ${lit(`kompetensi:${it.id}`)} AS intervensi, NULL AS asumsi,
      ${kompetensiPlus(`${itemSql(it).potential} - ${item(it.id)}`)} - p.kompetensi AS poin
    FROM s p`
  );
  // `s` is not materialized: every branch reads only its own columns of `skor`, where a
  // materialized CTE copied all of them once (national: 1.81 → 1.46 s for bkn-2019's gains, with
  // the education branch below joining the modes directly instead of `s` with itself by nip).
  return `
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
),
gains AS (
  SELECT ${cols}, 'skp' AS intervensi, m.predikat AS asumsi,
    ${kinerjaOf("m.predikat")} - p.kinerja + ${kompetensiPlus(dasarDelta)} - p.kompetensi AS poin
  FROM s p JOIN modus_skp m USING (kode_instansi) WHERE p.skp_kosong
  UNION ALL
  SELECT ${cols}, 'pendidikan', ${filled}, ${kualifikasiOf(filled)} - p.kualifikasi
  FROM s p
  LEFT JOIN modus_pendidikan mj USING (kode_instansi, jenis_jabatan)
  LEFT JOIN modus_pendidikan_instansi mi USING (kode_instansi)
  WHERE p.pendidikan_kosong AND ${filled} IS NOT NULL
  ${itemGains.map((q) => `UNION ALL ${q}`).join("\n  ")}
  UNION ALL
  SELECT ${cols}, 'disiplin', NULL, ${lit(varian.bersih)} - p.disiplin
  FROM s p WHERE p.hukdis_berlaku IS NOT NULL
)
SELECT * REPLACE (CAST(poin AS DOUBLE) AS poin) FROM gains WHERE poin > 1e-9`;
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
