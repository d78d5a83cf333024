/**
 * The what-if simulator, headless: from an instansi's (or unit's) current mean and the engine's
 * gain table, the projected mean when a share of each gap is closed. For a share s of the N ASN an
 * intervention could help, the round(s·N) ASN with the largest gain are taken (the cheapest points
 * first), so the projection equals a full recomputation with those ASN's records changed.
 */

export interface Gain {
  intervensi: string;
  poin: number;
  n_asn: number;
}

export interface Band {
  nama: string;
  min: number;
}

export interface PerIntervensi {
  intervensi: string;
  /** ASN the intervention could help, and how many of them the share takes. */
  n_peluang: number;
  n_dipilih: number;
  /** Points added to the sum of scores, and to the mean. */
  tambahan_jumlah: number;
  kenaikan: number;
  /** Raise of the mean if every one of them were helped. */
  kenaikan_maks: number;
}

export interface Proyeksi {
  n_asn: number;
  nilai_awal: number;
  nilai: number;
  kenaikan: number;
  rincian: PerIntervensi[];
}

/** Sum of the `k` largest gains of one intervention's table (rows of any order). */
export function topGain(rows: Gain[], k: number): number {
  let left = k, sum = 0;
  for (const r of [...rows].sort((a, b) => b.poin - a.poin)) {
    if (left <= 0) break;
    const take = Math.min(left, r.n_asn);
    sum += take * r.poin;
    left -= take;
  }
  return sum;
}

export function chosen(n: number, share: number): number {
  return Math.round(Math.min(1, Math.max(0, share)) * n);
}

export function simulate(
  base: { n_asn: number; nilai: number },
  gains: Gain[],
  shares: Record<string, number>,
  order: string[] = [...new Set(gains.map((g) => g.intervensi))],
): Proyeksi {
  const rincian = order.map((id) => {
    const rows = gains.filter((g) => g.intervensi === id);
    const n = rows.reduce((s, r) => s + r.n_asn, 0);
    const k = chosen(n, shares[id] ?? 0);
    const tambahan = topGain(rows, k);
    return {
      intervensi: id,
      n_peluang: n,
      n_dipilih: k,
      tambahan_jumlah: tambahan,
      kenaikan: tambahan / base.n_asn,
      kenaikan_maks: topGain(rows, n) / base.n_asn,
    };
  });
  const added = rincian.reduce((s, r) => s + r.tambahan_jumlah, 0);
  const nilai = (base.nilai * base.n_asn + added) / base.n_asn;
  return {
    n_asn: base.n_asn,
    nilai_awal: base.nilai,
    nilai,
    kenaikan: nilai - base.nilai,
    rincian,
  };
}

/** The category of a mean, rounded as the profile rounds before comparing with its bands. */
export function kategoriOf(nilai: number, batas: Band[], pembulatan: number): string {
  const f = 10 ** pembulatan;
  const r = Math.round(nilai * f) / f;
  return (batas.find((b) => r >= b.min) ?? batas.at(-1)!).nama;
}

/** Rank among the others (unchanged) by the engine's rule: higher mean first, ties by code. */
export function peringkatOf(
  kode: string,
  nilai: number,
  others: { kode_instansi: string; nilai: number | null }[],
): number {
  return 1 + others.filter((o) =>
    o.kode_instansi !== kode && o.nilai !== null &&
    (o.nilai > nilai || (o.nilai === nilai && o.kode_instansi < kode))
  ).length;
}

/**
 * The smallest equal share of every gap that reaches `target`, to a whole percent; null when even
 * closing every gap falls short.
 */
export function shareForTarget(
  base: { n_asn: number; nilai: number },
  gains: Gain[],
  target: number,
): number | null {
  if (base.nilai >= target) return 0;
  const ids = [...new Set(gains.map((g) => g.intervensi))];
  const at = (p: number) =>
    simulate(base, gains, Object.fromEntries(ids.map((i) => [i, p / 100]))).nilai;
  if (at(100) < target) return null;
  let lo = 0, hi = 100;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (at(mid) >= target) hi = mid;
    else lo = mid;
  }
  return hi;
}
