/** Gap to each dimension's maximum, per entity: a heat table. */
import * as Plot from "./plot.js";
import { DIMENSI, type Dimensi, type DimensiRow } from "./dimensi.js";
import { layarSempit, lebarGambar, nilai, sumbuNama } from "./format.js";

const SINGKATAN: Record<Dimensi, string> = {
  kualifikasi: "kualif.",
  kompetensi: "kompet.",
  kinerja: "kinerja",
  disiplin: "disiplin",
};

/** Gap to the maximum per dimension, as a heat table. */
export function petaCelah(
  rows: DimensiRow[],
  o: { maks: Record<Dimensi, number>; width?: number; document?: Document },
): SVGSVGElement | HTMLElement {
  const maks = o.maks;
  const long = rows.flatMap((r) =>
    DIMENSI.map((d) => ({
      label: r.label,
      dimensi: d,
      celah: maks[d] - r[d],
      persen: (maks[d] - r[d]) / maks[d],
    }))
  );
  return Plot.plot({
    document: o.document,
    width: Math.min(lebarGambar(o.width), 640),
    height: 22 * rows.length + 60,
    // Labels take what a narrow screen can spare; on a phone, shortened names (format.ts).
    marginLeft: sumbuNama(o.width, 220).marginLeft,
    x: {
      domain: [...DIMENSI],
      label: null,
      axis: "top",
      // On a phone the four column headers overlapped: short forms (full names in the table).
      tickFormat: layarSempit(o.width) ? (d: string) => SINGKATAN[d as Dimensi] ?? d : undefined,
    },
    y: {
      domain: rows.map((r) => r.label),
      label: null,
      tickFormat: sumbuNama(o.width, 220).tickFormat,
    },
    color: {
      type: "linear",
      scheme: "oranges",
      domain: [0, 0.6],
      label: "Celah terhadap maksimum (bagian)",
      legend: true,
      tickFormat: ".0%",
    },
    marks: [
      Plot.cell(long, {
        x: "dimensi",
        y: "label",
        fill: "persen",
        title: (d) => `${d.label}\n${d.dimensi}: kurang ${nilai(d.celah)} poin dari maksimum`,
      }),
      // Light text on the darker cells, so every label keeps its contrast.
      Plot.text(long, {
        x: "dimensi",
        y: "label",
        text: (d) => nilai(d.celah),
        fill: (d) => (d.persen > 0.35 ? "white" : "black"),
        fontSize: 10,
      }),
    ],
  });
}
