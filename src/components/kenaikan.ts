/** The simulator's picture: per intervention, the points the chosen share adds and what all of it would add. */
import * as Plot from "./plot.js";
import { layarSempit, lebarGambar, locale, nilai } from "./format.js";

const potong = (s: string) => (s.length > 48 ? `${s.slice(0, 46)}…` : s);

export interface KenaikanRow {
  label: string;
  kenaikan: number;
  kenaikan_maks: number;
}

export function kenaikan(
  rows: KenaikanRow[],
  o: { width?: number; document?: Document } = {},
): SVGSVGElement | HTMLElement {
  const max = Math.max(1, ...rows.map((r) => r.kenaikan_maks));
  // On a phone the step names were cut at the chart's left edge: there they wrap onto up to three
  // lines beside taller rows (as before on a wide screen).
  const sempit = layarSempit(o.width);
  const width = lebarGambar(o.width);
  return Plot.plot({
    document: o.document,
    width,
    height: (sempit ? 46 : 30) * rows.length + 50,
    // Labels take what a narrow screen can spare (a phone left the bars no width at all).
    marginLeft: sempit ? 130 : Math.min(300, Math.max(100, width - 220)),
    marginRight: 50,
    x: {
      domain: [0, max],
      label: "Tambahan poin rata-rata IP ASN",
      grid: true,
      tickFormat: locale.format(",.1f"),
    },
    y: {
      domain: rows.map((r) => r.label),
      label: null,
      tickFormat: potong,
      ...(sempit ? { axis: null } : {}),
    },
    marks: [
      ...(sempit ? [Plot.axisY({ tickFormat: potong, lineWidth: 12, fontSize: 10 })] : []),
      Plot.barX(rows, {
        x: "kenaikan_maks",
        y: "label",
        fill: "#dde3ea",
        title: (d: KenaikanRow) =>
          `${d.label}\nbila semua celah ditutup: +${nilai(d.kenaikan_maks)}`,
      }),
      Plot.barX(rows, {
        x: "kenaikan",
        y: "label",
        fill: "#0072b2",
        title: (d: KenaikanRow) => `${d.label}\nsimulasi: +${nilai(d.kenaikan)}`,
      }),
      Plot.text(rows, {
        x: "kenaikan",
        y: "label",
        text: (d: KenaikanRow) => `+${nilai(d.kenaikan)}`,
        dx: 4,
        textAnchor: "start",
      }),
      Plot.ruleX([0]),
    ],
  });
}
