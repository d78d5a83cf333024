/** Line chart of values over periods on a true time axis. Plain function: data and options in, element out. */
import * as Plot from "@observablehq/plot";
import { akhirPeriode, locale, nilai, periode } from "./format.js";

export interface TrenOptions {
  width?: number;
  height?: number;
  /** Series key per row (e.g. instansi name); one line per series. */
  seri?: (d: TrenRow) => string;
  /** Reported official values, drawn as distinct marks. */
  resmi?: { periode: string; nilai: number; label: string; url?: string }[];
  target?: { tahun: number; target: number; label: string }[];
  yDomain?: [number, number];
  /** Category lower bounds, drawn as faint rules (from the method profiles). */
  batas?: number[];
  /** For rendering outside a browser (tests). */
  document?: Document;
}
export interface TrenRow {
  periode: string;
  nilai: number;
  [k: string]: unknown;
}

export function tren(data: TrenRow[], o: TrenOptions = {}): SVGSVGElement | HTMLElement {
  const seri = o.seri ?? (() => "");
  const rows = data.map((d) => ({ ...d, t: akhirPeriode(d.periode), s: seri(d) }));
  const marks: Plot.Markish[] = [
    Plot.ruleY(o.batas ?? [], { stroke: "currentColor", strokeOpacity: 0.12 }),
    Plot.lineY(rows, { x: "t", y: "nilai", stroke: "s", marker: "circle-stroke", curve: "linear" }),
    Plot.tip(
      rows,
      Plot.pointerX({
        x: "t",
        y: "nilai",
        stroke: "s",
        title: (d) => `${d.s ? d.s + "\n" : ""}${periode(d.periode)}: ${nilai(d.nilai)}`,
      }),
    ),
  ];
  if (o.resmi?.length) {
    const r = o.resmi.map((d) => ({ ...d, t: akhirPeriode(d.periode) }));
    marks.push(
      Plot.dot(r, {
        x: "t",
        y: "nilai",
        symbol: "diamond",
        r: 6,
        fill: "black",
        href: "url",
        target: "_blank",
        title: (d) =>
          `Nilai resmi yang dilaporkan: ${d.label} ${nilai(d.nilai)} (${periode(d.periode)})`,
      }),
    );
  }
  if (o.target?.length) {
    // A target is for a whole year: a dashed rule across that year.
    const t = o.target.map((d) => ({
      ...d,
      x1: new Date(Date.UTC(d.tahun - 1, 11, 31)),
      x2: new Date(Date.UTC(d.tahun, 11, 31)),
    }));
    marks.push(
      Plot.ruleY(t, {
        y: "target",
        x1: "x1",
        x2: "x2",
        stroke: "#b3261e",
        strokeDasharray: "4,3",
        strokeWidth: 2,
        title: (d) => `Target ${d.tahun}: ${nilai(d.target)}`,
      }),
    );
  }
  // Each point sits at the end of its period; a year's tick marks 31 December of that year.
  const years = rows.map((d) => d.t.getUTCFullYear());
  const ticks = [];
  for (let y = Math.min(...years); y <= Math.max(...years); y++) {
    ticks.push(new Date(Date.UTC(y, 11, 31)));
  }
  return Plot.plot({
    document: o.document,
    width: o.width,
    height: o.height ?? 320,
    marginLeft: 40,
    marginRight: 20,
    x: {
      type: "utc",
      label: "akhir periode →",
      ticks,
      tickFormat: (d: Date) => String(d.getUTCFullYear()),
      labelAnchor: "right",
    },
    y: {
      label: "IP ASN",
      domain: o.yDomain,
      grid: false,
      tickFormat: (x: number) => locale.format(",.0f")(x),
    },
    color: { legend: !!o.seri },
    marks,
  });
}
