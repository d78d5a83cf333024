/**
 * Reconciliation, headless: a reported figure against our computed value, and the difference
 * split into method, counted population and data completeness.
 *
 * Every instansi mean is known under each method × population (PNS / PNS and PPPK) × data (all ASN
 * / only ASN with complete data). Our value uses the period's default method on its own population
 * and all ASN. The variant nearest the reported figure says which choices come closest to it; the
 * move from ours to that variant is split among the three choices by Shapley values (the average
 * of each choice's effect over every order of switching them), so the parts add up exactly and do
 * not depend on an arbitrary order. What remains is the part our data cannot explain.
 */

export type Populasi = "PNS" | "PNS_PPPK";
export type Data = "semua" | "lengkap";
export interface Varian {
  metode: string;
  populasi: Populasi;
  data: Data;
  nilai: number | null;
}
export interface Pilihan {
  metode: string;
  populasi: Populasi;
  data: Data;
}

export interface Rekonsiliasi {
  resmi: number;
  hitung: number;
  selisih: number;
  dasar: Pilihan;
  terdekat: Pilihan & { nilai: number };
  /** Shapley parts of (nearest − ours); they add up to it. */
  metode: number;
  populasi: number;
  kelengkapan: number;
  /** resmi − nearest: what method, population and completeness do not explain. */
  sisa: number;
}

const FACTORS = ["metode", "populasi", "data"] as const;

export function rekonsiliasi(
  resmi: number,
  varian: Varian[],
  dasar: Pilihan,
): Rekonsiliasi | null {
  const value = (c: Pilihan) =>
    varian.find((v) => v.metode === c.metode && v.populasi === c.populasi && v.data === c.data)
      ?.nilai ?? null;
  const hitung = value(dasar);
  if (hitung === null) return null;
  const known = varian.filter((v) => v.nilai !== null) as (Varian & { nilai: number })[];
  // Nearest variant; ties go to the one that changes fewer choices (then the listed order).
  const changes = (v: Pilihan) => FACTORS.filter((f) => v[f] !== dasar[f]).length;
  const terdekat =
    [...known].sort((a, b) =>
      Math.abs(resmi - a.nilai) - Math.abs(resmi - b.nilai) || changes(a) - changes(b)
    )[0];
  const target = { metode: terdekat.metode, populasi: terdekat.populasi, data: terdekat.data };
  const at = (switched: Set<string>) =>
    value({
      metode: switched.has("metode") ? target.metode : dasar.metode,
      populasi: switched.has("populasi") ? target.populasi : dasar.populasi,
      data: switched.has("data") ? target.data : dasar.data,
    });
  const shapley = (f: typeof FACTORS[number]) => {
    const others = FACTORS.filter((x) => x !== f);
    const weight = [1 / 3, 1 / 6, 1 / 3];
    let sum = 0;
    for (let mask = 0; mask < 4; mask++) {
      const s = new Set(others.filter((_, i) => mask & (1 << i)));
      const without = at(s), withF = at(new Set([...s, f]));
      // A variant missing from the table (a population with no ASN) contributes nothing.
      if (without === null || withF === null) continue;
      sum += weight[s.size] * (withF - without);
    }
    return sum;
  };
  return {
    resmi,
    hitung,
    selisih: resmi - hitung,
    dasar,
    terdekat: { ...target, nilai: terdekat.nilai },
    metode: shapley("metode"),
    populasi: shapley("populasi"),
    kelengkapan: shapley("data"),
    sisa: resmi - terdekat.nilai,
  };
}
