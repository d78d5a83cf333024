/**
 * The average of each Kantor Regional, for a site wider than one Kanreg (national, or several
 * Kanreg in the data): rolled up from the province rows, weighting each province's mean by its
 * ASN (`nilai` and the dimensions are means over ASN, so the Kanreg mean is Σ mean × n / Σ n,
 * exactly what the engine would compute from the people). A province counts where the settings'
 * reference names its Kanreg (data/reference/kanreg-provinsi.csv, only where a source was read);
 * a Kanreg average says how many of its provinces the data holds. Plain arrays: the build computes
 * it for each report card (loaders/publish/halaman.ts); no page needs a table library for it.
 */
export interface BarisProvinsi {
  periode: string;
  metode: string;
  kode_provinsi: string;
  n_asn: number;
  nilai: number | null;
  [k: string]: unknown;
}

export interface RataKanreg {
  periode: string;
  metode: string;
  kanreg: string;
  n_asn: number;
  jumlah_provinsi: number;
  nilai: number;
}

export function rataKanreg(
  provinsi: BarisProvinsi[],
  kanregProvinsi: { kode_provinsi: string; kanreg: string }[],
): RataKanreg[] {
  const kanregOf = new Map(
    kanregProvinsi.filter((k) => k.kanreg).map((k) => [k.kode_provinsi, k.kanreg]),
  );
  const grup = new Map<string, RataKanreg & { bobot: number }>();
  for (const r of provinsi) {
    const kanreg = kanregOf.get(r.kode_provinsi);
    if (!kanreg || r.nilai == null || !(r.n_asn > 0)) continue;
    const k = `${r.periode}\0${r.metode}\0${kanreg}`;
    const g = grup.get(k) ??
      {
        periode: r.periode,
        metode: r.metode,
        kanreg,
        n_asn: 0,
        jumlah_provinsi: 0,
        nilai: 0,
        bobot: 0,
      };
    g.n_asn += r.n_asn;
    g.jumlah_provinsi++;
    g.bobot += r.nilai * r.n_asn;
    grup.set(k, g);
  }
  const urut = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...grup.values()]
    .map(({ bobot, ...g }) => ({ ...g, nilai: bobot / g.n_asn }))
    .sort((a, b) =>
      urut(a.periode, b.periode) || urut(a.metode, b.metode) || urut(a.kanreg, b.kanreg)
    );
}
