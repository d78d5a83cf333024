/**
 * A light line chart in plain SVG (no Plot, no d3 scales) for the home page, which must load at
 * once: one line per series over periods on a true time axis (each point at its period's end).
 */
import { akhirPeriode, nilai, periode } from "./format.js";

export interface GarisRow {
  periode: string;
  nilai: number;
  seri: string;
}

const NS = "http://www.w3.org/2000/svg";
const WARNA = ["#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#3ca951"];

export function garis(
  rows: GarisRow[],
  o: { width?: number; height?: number; document?: Document } = {},
): SVGSVGElement {
  const doc = o.document ?? document;
  const width = Math.max(320, o.width ?? 640), height = o.height ?? 260;
  const m = { top: 20, right: 16, bottom: 28, left: 36 };
  const el = <K extends string>(tag: K, attrs: Record<string, string | number>, text?: string) => {
    const e = doc.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const t = rows.map((r) => akhirPeriode(r.periode).getTime());
  const years = rows.map((r) => akhirPeriode(r.periode).getUTCFullYear());
  const x0 = Date.UTC(Math.min(...years) - 1, 11, 31), x1 = Math.max(...t);
  const vals = rows.map((r) => r.nilai);
  const y0 = Math.floor(Math.min(...vals) / 5) * 5, y1 = Math.ceil(Math.max(...vals) / 5) * 5;
  const x = (v: number) => m.left + ((v - x0) / (x1 - x0 || 1)) * (width - m.left - m.right);
  const y = (v: number) =>
    height - m.bottom - ((v - y0) / (y1 - y0 || 1)) * (height - m.top - m.bottom);
  const svg = el("svg", {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: "img",
    "font-size": 10,
    "font-family": "system-ui, sans-serif",
  }) as SVGSVGElement;
  svg.append(el("title", {}, "Tren IP ASN"));
  for (let v = y0; v <= y1; v += 5) {
    svg.append(
      el("line", {
        x1: m.left,
        x2: width - m.right,
        y1: y(v),
        y2: y(v),
        stroke: "currentColor",
        "stroke-opacity": 0.1,
      }),
    );
    svg.append(
      el("text", {
        x: m.left - 6,
        y: y(v),
        "text-anchor": "end",
        "dominant-baseline": "middle",
        fill: "currentColor",
      }, String(v)),
    );
  }
  for (let yr = Math.min(...years); yr <= Math.max(...years); yr++) {
    const xv = x(Date.UTC(yr, 11, 31));
    svg.append(
      el(
        "text",
        { x: xv, y: height - 8, "text-anchor": "middle", fill: "currentColor" },
        String(yr),
      ),
    );
  }
  const series = [...new Set(rows.map((r) => r.seri))];
  series.forEach((s, i) => {
    const pts = rows.filter((r) => r.seri === s).sort((a, b) =>
      akhirPeriode(a.periode).getTime() - akhirPeriode(b.periode).getTime()
    );
    const color = WARNA[i % WARNA.length];
    svg.append(
      el("path", {
        d: pts.map((p, j) =>
          `${j ? "L" : "M"}${x(akhirPeriode(p.periode).getTime()).toFixed(1)},${
            y(p.nilai).toFixed(1)
          }`
        ).join(""),
        fill: "none",
        stroke: color,
        "stroke-width": 1.5,
      }),
    );
    for (const p of pts) {
      const c = el("circle", {
        cx: x(akhirPeriode(p.periode).getTime()).toFixed(1),
        cy: y(p.nilai).toFixed(1),
        r: 3,
        fill: "white",
        stroke: color,
      });
      c.append(el("title", {}, `${s}: ${periode(p.periode)} ${nilai(p.nilai)}`));
      svg.append(c);
    }
    svg.append(
      el("text", { x: m.left + 4 + i * 150, y: 10, fill: color, "font-weight": "bold" }, s),
    );
  });
  return svg;
}
