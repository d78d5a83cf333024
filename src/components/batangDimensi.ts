/**
 * A few rows' totals split into the four dimensions, as stacked bars on a 0–100 scale, in plain SVG
 * (no Plot): the report cards compare one instansi or unit with its averages, three rows at most,
 * and load no chart library for it. The same picture as dimensi.ts draws with Plot for many rows.
 */
import { lebarGambar, nilai, sumbuNama } from "./format.js";
import { DIMENSI, type Dimensi, LABEL_DIMENSI, WARNA_DIMENSI } from "../kosakata.js";

const NS = "http://www.w3.org/2000/svg";

export interface BarisDimensi {
  label: string;
  kualifikasi: number;
  kompetensi: number;
  kinerja: number;
  disiplin: number;
}

export function batangDimensi(
  rows: BarisDimensi[],
  o: {
    maks: Record<Dimensi, number>;
    width?: number;
    document?: Document;
    /** The chart's accessible name. */
    judul?: string;
  },
): SVGSVGElement {
  const doc = o.document ?? document;
  const width = lebarGambar(o.width);
  const sumbu = sumbuNama(width, 220);
  const m = { top: 34, right: 16, bottom: 36, left: sumbu.marginLeft };
  const bar = 24;
  const height = m.top + bar * rows.length + m.bottom;
  const x = (v: number) => m.left + (Math.max(0, v) / 100) * (width - m.left - m.right);
  const el = (tag: string, attrs: Record<string, string | number>, text?: string) => {
    const e = doc.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const judul = o.judul ?? "Skor per dimensi";
  const svg = el("svg", {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: "img",
    "aria-label": judul,
    "font-size": 10,
    "font-family": "system-ui, sans-serif",
  }) as SVGSVGElement;
  svg.append(el("title", {}, judul));
  // The legend: the dimensions in their order, each with its colour.
  let lx = 4;
  for (const d of DIMENSI) {
    svg.append(el("rect", { x: lx, y: 8, width: 12, height: 12, fill: WARNA_DIMENSI[d] }));
    const t = el("text", { x: lx + 16, y: 18, fill: "currentColor" }, LABEL_DIMENSI[d]);
    svg.append(t);
    lx += 22 + 6 * LABEL_DIMENSI[d].length;
  }
  // The scale: a line every 20 points, labelled underneath.
  const sumbuX = el("g", { "data-mark": "x-axis tick label" });
  for (let v = 0; v <= 100; v += 20) {
    svg.append(el("line", {
      x1: x(v),
      x2: x(v),
      y1: m.top - 4,
      y2: height - m.bottom,
      stroke: "currentColor",
      "stroke-opacity": v ? 0.1 : 0.6,
    }));
    sumbuX.append(el("text", {
      x: x(v),
      y: height - m.bottom + 14,
      "text-anchor": "middle",
      fill: "currentColor",
    }, String(v)));
  }
  svg.append(sumbuX);
  svg.append(el("text", {
    x: width - m.right,
    y: height - 6,
    "text-anchor": "end",
    fill: "currentColor",
  }, "Skor (maksimum 100) →"));
  const sumbuY = el("g", { "data-mark": "y-axis tick label" });
  rows.forEach((r, i) => {
    const top = m.top + i * bar;
    sumbuY.append(el("text", {
      x: m.left - 6,
      y: top + bar / 2,
      "text-anchor": "end",
      "dominant-baseline": "middle",
      fill: "currentColor",
    }, sumbu.tickFormat ? sumbu.tickFormat(r.label) : r.label));
    let from = 0;
    for (const d of DIMENSI) {
      const v = Number(r[d]) || 0;
      const rect = el("rect", {
        x: x(from).toFixed(1),
        y: top + 3,
        width: Math.max(0, x(from + v) - x(from)).toFixed(1),
        height: bar - 6,
        fill: WARNA_DIMENSI[d],
      });
      rect.append(el("title", {}, `${r.label}\n${d}: ${nilai(v)} dari ${o.maks[d]}`));
      svg.append(rect);
      from += v;
    }
  });
  svg.append(sumbuY);
  return svg;
}
