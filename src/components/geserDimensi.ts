/** The shift between two methods split by dimension, per instansi: a stacked bar chart. */
import * as Plot from "./plot.js";
import { DIMENSI, WARNA_DIMENSI } from "./dimensi.js";
import { lebarGambar, namaSingkat, selisih, selisihSumbu, sumbuNama } from "./format.js";
import type { Pasangan } from "./perbandingan.js";

/** The shift of every instansi split by dimension (positive to the right, negative to the left). */
export function geserDimensi(
  rows: Pasangan[],
  o: { width?: number; document?: Document },
): SVGSVGElement | HTMLElement {
  const long = rows.flatMap((r) =>
    DIMENSI.map((d) => ({ nama: r.nama_instansi, dimensi: d, geser: r[d] }))
  );
  return Plot.plot({
    document: o.document,
    width: lebarGambar(o.width),
    height: 18 * rows.length + 70,
    // Labels take what a narrow screen can spare; on a phone, shortened names (format.ts).
    marginLeft: sumbuNama(o.width, 200).marginLeft,
    x: { label: "Pergeseran per dimensi (poin)", grid: true, tickFormat: selisihSumbu },
    y: {
      domain: rows.map((r) => r.nama_instansi),
      label: null,
      tickFormat: sumbuNama(o.width, 200).tickFormat ?? namaSingkat,
    },
    color: { domain: [...DIMENSI], range: WARNA_DIMENSI, legend: true },
    marks: [
      Plot.barX(
        long,
        Plot.stackX({
          x: "geser",
          y: "nama",
          fill: "dimensi",
          order: [...DIMENSI],
          title: (d: { nama: string; dimensi: string; geser: number }) =>
            `${d.nama}\n${d.dimensi}: ${selisih(d.geser)}`,
        }),
      ),
      Plot.ruleX([0]),
    ],
  });
}
