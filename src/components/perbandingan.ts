/**
 * Two methods side by side: per instansi, the mean under method A and under method B, the shift per
 * dimension, and the share of the shift that comes from who is counted rather than from the rules.
 */
import * as Plot from "./plot.js";
import { lebarGambar, locale, namaSingkat, nilai, sumbuNama } from "./format.js";

type Row = Record<string, unknown>;

export interface Pasangan {
  kode_instansi: string;
  nama_instansi: string;
  a: number;
  b: number;
  selisih: number;
  kualifikasi: number;
  kompetensi: number;
  kinerja: number;
  disiplin: number;
  /** Part of the shift from counting B's population instead of A's (null when not known). */
  populasi: number | null;
  /** Part of the shift from B's rules on A's population. */
  aturan: number | null;
}

/**
 * Pair every instansi's rows of one period under methods A and B. `varian` rows (from the
 * reconciliation table) give B's mean on A's population; `populasiA` says which population A counts.
 */
export function pasangkan(
  rows: Row[],
  varian: Row[],
  periode: string,
  a: string,
  b: string,
  populasiA: "PNS" | "PNS_PPPK",
): Pasangan[] {
  const of = (m: string) =>
    new Map(
      rows.filter((r) => r.periode === periode && r.metode === m).map((r) => [r.kode_instansi, r]),
    );
  const ra = of(a), rb = of(b);
  const bOnA = new Map(
    varian.filter((v) =>
      v.periode === periode && v.metode === b && v.populasi === populasiA && v.data === "semua"
    ).map((v) => [v.kode_instansi, v.nilai as number | null]),
  );
  const out: Pasangan[] = [];
  for (const [kode, x] of ra) {
    const y = rb.get(kode);
    if (!y || x.nilai === null || y.nilai === null) continue;
    const mid = bOnA.get(kode) ?? null;
    const d = (k: string) => (y[k] as number) - (x[k] as number);
    out.push({
      kode_instansi: kode as string,
      nama_instansi: x.nama_instansi as string,
      a: x.nilai as number,
      b: y.nilai as number,
      selisih: d("nilai"),
      kualifikasi: d("kualifikasi"),
      kompetensi: d("kompetensi"),
      kinerja: d("kinerja"),
      disiplin: d("disiplin"),
      aturan: mid === null ? null : mid - (x.nilai as number),
      populasi: mid === null ? null : (y.nilai as number) - mid,
    });
  }
  return out.sort((p, q) =>
    q.selisih - p.selisih || p.kode_instansi.localeCompare(q.kode_instansi)
  );
}

/** Each instansi as two dots joined by a line: A (hollow) to B (filled). */
export function perbandingan(
  rows: Pasangan[],
  o: { a: string; b: string; width?: number; document?: Document },
): SVGSVGElement | HTMLElement {
  const long = rows.flatMap((r) => [
    { nama: r.nama_instansi, metode: o.a, nilai: r.a },
    { nama: r.nama_instansi, metode: o.b, nilai: r.b },
  ]);
  return Plot.plot({
    document: o.document,
    width: lebarGambar(o.width),
    height: 18 * rows.length + 70,
    // Labels take what a narrow screen can spare; on a phone, shortened names (format.ts).
    marginLeft: sumbuNama(o.width, 200).marginLeft,
    x: { label: "IP ASN", grid: true, tickFormat: locale.format(",.0f") },
    y: {
      domain: rows.map((r) => r.nama_instansi),
      label: null,
      tickFormat: sumbuNama(o.width, 200).tickFormat ?? namaSingkat,
    },
    color: { domain: [o.a, o.b], range: ["#999999", "#0072b2"], legend: true },
    marks: [
      Plot.link(rows, {
        x1: "a",
        x2: "b",
        y1: "nama_instansi",
        y2: "nama_instansi",
        stroke: "#bbbbbb",
      }),
      Plot.dot(long, {
        x: "nilai",
        y: "nama",
        fill: "metode",
        r: 4,
        title: (d: { nama: string; metode: string; nilai: number }) =>
          `${d.nama}\n${d.metode}: ${nilai(d.nilai)}`,
      }),
    ],
  });
}
