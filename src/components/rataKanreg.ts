/**
 * The average of each Kantor Regional, for a site wider than one Kanreg (national, or several
 * Kanreg in the data): rolled up from the province rows, weighting each province's mean by its
 * ASN (`nilai` and the dimensions are means over ASN, so the Kanreg mean is Σ mean × n / Σ n,
 * exactly what the engine would compute from the people). A province counts where the settings'
 * reference names its Kanreg (data/reference/kanreg-provinsi.csv, only where a source was read);
 * a Kanreg average says how many of its provinces the data holds.
 */
// Only the table verbs and the aggregate ops: arquero's index also pulls in its file readers, which
// import node:fs and fail in the browser (Framework's bundler ignores the package's "browser" map).
import { from } from "arquero/src/table/index.js";
import { opApi as op } from "arquero/src/op/op-api.js";

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
  const peta = from(kanregProvinsi.filter((k) => k.kanreg)).select("kode_provinsi", "kanreg");
  const baris = provinsi.filter((r) => r.nilai != null && r.n_asn > 0)
    .map((r) => ({
      periode: r.periode,
      metode: r.metode,
      kode_provinsi: r.kode_provinsi,
      n_asn: r.n_asn,
      bobot: r.nilai! * r.n_asn,
    }));
  if (!baris.length || !peta.numRows()) return [];
  return from(baris)
    .join(peta, "kode_provinsi")
    .groupby("periode", "metode", "kanreg")
    .rollup({
      n_asn: op.sum("n_asn"),
      jumlah_provinsi: op.count(),
      bobot: op.sum("bobot"),
    })
    .derive({ nilai: (d: { bobot: number; n_asn: number }) => d.bobot / d.n_asn })
    .select("periode", "metode", "kanreg", "n_asn", "jumlah_provinsi", "nilai")
    .orderby("periode", "metode", "kanreg")
    .objects() as RataKanreg[];
}
