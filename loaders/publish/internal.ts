/**
 * Per-person data for the internal build only: worklists of whose records are missing or short,
 * per unit kerja, with the points each fix would add. Every function refuses to run unless the
 * build was started with `--audience internal`, so a public build cannot produce these files even
 * if a page asked for them.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { caseMap, lit } from "../duck.ts";
import type { Hasil } from "./hasil.ts";

export function assertInternal(): void {
  if (Deno.env.get("IPASN_AUDIENCE") !== "internal") {
    throw new Error(
      "per-person data is only built with `npx deno task build --audience internal` (or `deno task dev --audience internal`)",
    );
  }
}

/** The worklist's period and method: the latest period under its default method. */
export function worklistPeriod(h: Hasil): { periode: string; metode: string } {
  const m = h.manifest;
  const periode = m.periode.at(-1)!;
  return { periode, metode: m.metode_baku[periode] ?? m.metode[0].id };
}

/** One instansi's worklist: every ASN × intervention with a gain, largest gains first per unit. */
export async function worklist(h: Hasil, kode: string): Promise<Record<string, unknown>[]> {
  assertInternal();
  const { periode, metode } = worklistPeriod(h);
  // The steps' labels as the profile the scores were computed under names them (manifest.json).
  const labels = h.manifest.profil.find((p) => p.id === metode)?.intervensi ?? [];
  const label = caseMap("intervensi", labels.map((i) => [i.id, lit(i.label)]));
  return await h.query(`
    SELECT kode_unit, nama_unit, nip, nama, jenis_jabatan, nama_jabatan, intervensi,
      ${label} AS langkah,
      CASE WHEN intervensi = 'skp' THEN 'diasumsikan ' || asumsi
           WHEN intervensi = 'pendidikan' THEN 'diasumsikan ' || asumsi END AS asumsi,
      round(poin, 4) AS poin
    FROM read_parquet(${lit(join(h.dir, "periode", periode, "peluang_asn.parquet"))})
    WHERE periode = ${lit(periode)} AND metode = ${lit(metode)} AND kode_instansi = ${lit(kode)}
    ORDER BY kode_unit, poin DESC, nip, intervensi`);
}

/** One instansi's units, every period and method, without small-cell suppression. */
export async function unitsOf(h: Hasil, kode: string): Promise<Record<string, unknown>[]> {
  assertInternal();
  return await h.query(`
    SELECT periode, metode, metode_baku, kode_unit, nama_unit, n_asn, kualifikasi, kompetensi, kinerja,
      disiplin, nilai, kategori, peringkat_instansi, selisih, share_data_lengkap
    FROM ${h.tabel("unit")}
    WHERE kode_instansi = ${lit(kode)}
    ORDER BY periode, metode, peringkat_instansi`);
}

/** One instansi's gain tables per unit, every period and method. */
export async function unitGainsOf(h: Hasil, kode: string): Promise<Record<string, unknown>[]> {
  assertInternal();
  return await h.query(`
    SELECT periode, metode, kode_unit, intervensi, poin, n_asn
    FROM ${h.tabel("peluang_unit")}
    WHERE kode_instansi = ${lit(kode)}
    ORDER BY periode, metode, kode_unit, intervensi, poin DESC`);
}

/** Units of the worklist period, for the internal build's routes. */
export async function unitRoutes(
  h: Hasil,
): Promise<{ kode_instansi: string; kode_unit: string }[]> {
  const { periode, metode } = worklistPeriod(h);
  return await h.query(`
    SELECT DISTINCT kode_instansi, kode_unit
    FROM ${h.tabel("unit")}
    WHERE periode = ${lit(periode)} AND metode = ${lit(metode)}
    ORDER BY ALL`) as { kode_instansi: string; kode_unit: string }[];
}

/**
 * One instansi's people whose official value differs from the computed one, latest period, under
 * the period's default method, per dimension with the likely cause (official below computed: a
 * record SIASN lacks; above: the local export lacks one), and the people on one side only. The
 * worklist of data to fix in SIASN; empty without official results.
 */
export async function selisihOf(h: Hasil, kode: string): Promise<Record<string, unknown>[]> {
  assertInternal();
  const { periode, metode } = worklistPeriod(h);
  // Per-person files are in their period's folder (loaders/paths.ts, perPersonFiles).
  const file = join(h.dir, "periode", periode, "selisih_asn.parquet");
  if (!existsSync(file)) return [];
  return await h.query(`
    SELECT kode_unit, nama_unit, nip, nama, dimensi, resmi, hitungan, round(selisih, 4) AS selisih,
      sisi, sebab, pendidikan, jp_dihitung, predikat_dipakai, hukdis_berlaku
    FROM read_parquet(${lit(file)})
    WHERE periode = ${lit(periode)} AND metode = ${lit(metode)} AND kode_instansi = ${lit(kode)}
      AND (sisi <> 'keduanya' AND dimensi = 'total' OR abs(selisih) > 0.005 AND dimensi <> 'total')
    ORDER BY sisi, sebab, kode_unit, selisih DESC, nip, dimensi`);
}
