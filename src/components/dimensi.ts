/** Each instansi's total split into its four dimensions, against the maxima. */
import * as Plot from "./plot.js";
import { lebarGambar, nilai, sumbuNama } from "./format.js";
import { DIMENSI, type Dimensi, WARNA_DIMENSI as WARNA } from "../kosakata.js";

export { DIMENSI, type Dimensi };

/** The dimensions' colours in their order (kosakata.ts), as Plot's colour range. */
export const WARNA_DIMENSI = DIMENSI.map((d) => WARNA[d]);

export interface DimensiRow {
  label: string;
  kualifikasi: number;
  kompetensi: number;
  kinerja: number;
  disiplin: number;
  nilai?: number;
}

export function dimensi(
  rows: DimensiRow[],
  o: { maks: Record<Dimensi, number>; width?: number; document?: Document },
): SVGSVGElement | HTMLElement {
  const long = rows.flatMap((r) =>
    DIMENSI.map((d) => ({ label: r.label, dimensi: d, skor: r[d] }))
  );
  return Plot.plot({
    document: o.document,
    width: lebarGambar(o.width),
    height: 24 * rows.length + 60,
    // Labels take what a narrow screen can spare; on a phone, shortened names (format.ts).
    marginLeft: sumbuNama(o.width, 220).marginLeft,
    x: { domain: [0, 100], label: "Skor (maksimum 100)", grid: true },
    y: {
      domain: rows.map((r) => r.label),
      label: null,
      tickFormat: sumbuNama(o.width, 220).tickFormat,
    },
    color: { domain: [...DIMENSI], range: WARNA_DIMENSI, legend: true },
    marks: [
      Plot.barX(
        long,
        Plot.stackX({
          x: "skor",
          y: "label",
          fill: "dimensi",
          order: [...DIMENSI],
          title: (d) =>
            `${d.label}\n${d.dimensi}: ${nilai(d.skor)} dari ${o.maks[d.dimensi as Dimensi]}`,
        }),
      ),
      Plot.ruleX([0]),
    ],
  });
}
