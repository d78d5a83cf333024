/**
 * A light line chart in plain SVG (no Plot, no d3 scales) for the home page, which must load at
 * once: one line per series over periods on a true time axis (each point at its period's end).
 *
 * The same honest axis as tren.ts (issue #21): ticks on 1 January with each year's label under the
 * middle of its year; a line breaks where `metode` changes within a series, with a dashed rule and
 * a note; a stable colour per series; labels at the line ends; hovering a period shows every
 * series at that period.
 *
 * A series of one point is a filled dot (a one-point path draws nothing); when the whole chart is
 * one period (a first export) each dot carries its value and the page says when a line appears
 * (components/pesan.ts). No rows: an empty frame that says so.
 *
 * The report cards draw with it too (light, like the home page): reported official figures as black
 * diamonds linked to their source, a target as a dashed red rule across its year, and the
 * categories' lower bounds as faint rules, as tren.ts does with Plot.
 */
import { akhirPeriode, lebarGambar, nilai, periode } from "./format.js";
import { warnaSeri } from "./warna.js";

export interface GarisRow {
  periode: string;
  nilai: number;
  seri: string;
  /** When present, the line breaks where it changes within a series. */
  metode?: string;
}

const NS = "http://www.w3.org/2000/svg";

export function garis(
  rows: GarisRow[],
  o: {
    width?: number;
    height?: number;
    document?: Document;
    /** The chart's accessible name (default "Tren IP ASN"). */
    judul?: string;
    warna?: Record<string, string>;
    /** Reported official figures: black diamonds, each linked to its source. */
    resmi?: { periode: string; nilai: number; label: string; url?: string }[];
    /** Targets, each for a whole year. */
    target?: { tahun: number; target: number; label: string }[];
    /** The categories' lower bounds (from the method profiles), drawn where they fall. */
    batas?: number[];
  } = {},
): SVGSVGElement {
  const doc = o.document ?? document;
  rows = rows.filter((r) => r.nilai != null && Number.isFinite(r.nilai));
  const resmi = (o.resmi ?? []).filter((r) => r.nilai != null);
  const target = o.target ?? [];
  const width = lebarGambar(o.width), height = o.height ?? 260;
  const series = [...new Set(rows.map((r) => r.seri))];
  const warna = { ...warnaSeri(series), ...(o.warna ?? {}) };
  const t = rows.map((r) => akhirPeriode(r.periode).getTime());
  const last = Math.max(...t);
  const years = [
    ...rows.map((r) => akhirPeriode(r.periode).getUTCFullYear()),
    ...(rows.length ? resmi.map((r) => akhirPeriode(r.periode).getUTCFullYear()) : []),
    ...(rows.length ? target.map((t) => t.tahun) : []),
  ];
  const ya = Math.min(...years), yb = Math.max(...years);
  // Labels of series that end at the last period go right of their end: room for the longest.
  const endRight = series.filter((s) =>
    Math.max(...rows.filter((r) => r.seri === s).map((r) => akhirPeriode(r.periode).getTime())) ===
      last
  );
  const right = 8 + Math.min(130, 5.6 * Math.max(0, ...endRight.map((s) => s.length)));
  const m = { top: 20, right, bottom: 28, left: 36 };
  const el = <K extends string>(tag: K, attrs: Record<string, string | number>, text?: string) => {
    const e = doc.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const x0 = Date.UTC(ya, 0, 1), x1 = Date.UTC(yb + 1, 0, 1);
  const vals = [
    ...rows.map((r) => r.nilai),
    ...(rows.length ? [...resmi.map((r) => r.nilai), ...target.map((t) => t.target)] : []),
  ];
  let y0 = Math.floor(Math.min(...vals) / 5) * 5, y1 = Math.ceil(Math.max(...vals) / 5) * 5;
  // One period (a first export): a band of 5 either side, so its dot and value sit inside.
  const satu = new Set(t).size === 1;
  if (satu) (y0 -= 5), (y1 += 5);
  const x = (v: number) => m.left + ((v - x0) / (x1 - x0 || 1)) * (width - m.left - m.right);
  const y = (v: number) =>
    height - m.bottom - ((v - y0) / (y1 - y0 || 1)) * (height - m.top - m.bottom);
  const judul = o.judul ?? "Tren IP ASN";
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
  if (!rows.length) {
    svg.append(el("text", {
      x: width / 2,
      y: height / 2,
      "text-anchor": "middle",
      fill: "currentColor",
    }, "Belum ada nilai yang dapat digambar."));
    return svg;
  }
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
  for (let yr = ya; yr <= yb + 1; yr++) {
    const xv = x(Date.UTC(yr, 0, 1));
    svg.append(el("line", {
      x1: xv,
      x2: xv,
      y1: height - m.bottom,
      y2: height - m.bottom + 5,
      stroke: "currentColor",
    }));
    if (yr <= yb) {
      svg.append(el("text", {
        x: x(Date.UTC(yr, 6, 2)),
        y: height - 8,
        "text-anchor": "middle",
        fill: "currentColor",
      }, String(yr)));
    }
  }
  // Category bounds inside the chart's range, faint (the categories' names are on the page).
  for (const b of o.batas ?? []) {
    if (b <= y0 || b >= y1) continue;
    svg.append(el("line", {
      x1: m.left,
      x2: width - m.right,
      y1: y(b),
      y2: y(b),
      stroke: "currentColor",
      "stroke-opacity": 0.25,
      "stroke-dasharray": "1,3",
      class: "garis-batas",
    }));
  }
  const time = (p: GarisRow) => akhirPeriode(p.periode).getTime();
  const breaks: { x: number; note: string }[] = [];
  series.forEach((s) => {
    const pts = rows.filter((r) => r.seri === s).sort((a, b) => time(a) - time(b));
    const color = warna[s];
    // A new sub-path ("M") where the method changes: no line joins two methods.
    let d = "";
    pts.forEach((p, j) => {
      const prev = pts[j - 1];
      const cut = prev?.metode && p.metode && prev.metode !== p.metode;
      if (cut) {
        breaks.push({
          x: (x(time(prev)) + x(time(p))) / 2,
          note: `Metode berganti: ${prev.metode} → ${p.metode}`,
        });
      }
      d += `${j && !cut ? "L" : "M"}${x(time(p)).toFixed(1)},${y(p.nilai).toFixed(1)}`;
    });
    svg.append(el("path", { d, fill: "none", stroke: color, "stroke-width": 1.5 }));
    const sendiri = pts.length === 1;
    for (const p of pts) {
      const c = el("circle", {
        cx: x(time(p)).toFixed(1),
        cy: y(p.nilai).toFixed(1),
        r: sendiri ? 5 : 3,
        fill: sendiri ? color : "white",
        stroke: sendiri ? "white" : color,
      });
      c.append(el("title", {}, `${s}: ${periode(p.periode)} ${nilai(p.nilai)}`));
      svg.append(c);
      if (satu) {
        svg.append(el("text", {
          x: x(time(p)),
          y: y(p.nilai) - 10,
          "text-anchor": "middle",
          fill: "currentColor",
          "font-weight": "bold",
          "font-size": 12,
        }, nilai(p.nilai)));
      }
    }
    const end = pts.at(-1)!;
    const atRight = time(end) === last;
    svg.append(
      el("text", {
        x: x(time(end)) + (atRight ? 6 : 0),
        y: y(end.nilai) + (atRight ? 0 : -8),
        "text-anchor": atRight ? "start" : "end",
        "dominant-baseline": atRight ? "middle" : "auto",
        fill: color,
        "font-weight": "bold",
      }, s),
    );
  });
  for (const b of breaks) {
    svg.append(el("line", {
      x1: b.x,
      x2: b.x,
      y1: m.top,
      y2: height - m.bottom,
      stroke: "currentColor",
      "stroke-opacity": 0.5,
      "stroke-dasharray": "3,3",
    }));
    const note = el("text", {
      x: b.x,
      y: m.top - 6,
      "text-anchor": "middle",
      fill: "currentColor",
    }, "metode berganti");
    note.append(el("title", {}, b.note));
    svg.append(note);
  }
  // A target is for a whole year: a dashed rule across that year.
  for (const t of target) {
    const line = el("line", {
      x1: x(Date.UTC(t.tahun - 1, 11, 31)),
      x2: x(Date.UTC(t.tahun, 11, 31)),
      y1: y(t.target),
      y2: y(t.target),
      stroke: "#b3261e",
      "stroke-width": 2,
      "stroke-dasharray": "4,3",
    });
    line.append(el("title", {}, `Target ${t.tahun}: ${nilai(t.target)}`));
    svg.append(line);
  }
  // One hover column per period: its title lists every series there.
  const times = [...new Set(t)].sort((a, b) => a - b);
  times.forEach((tv, i) => {
    const at = rows.filter((r) => time(r) === tv);
    const left = i ? (x(times[i - 1]) + x(tv)) / 2 : m.left;
    const rightX = i < times.length - 1 ? (x(times[i + 1]) + x(tv)) / 2 : width - m.right;
    const r = el("rect", {
      x: left.toFixed(1),
      y: m.top,
      width: (rightX - left).toFixed(1),
      height: height - m.top - m.bottom,
      fill: "transparent",
      class: "garis-kolom",
    });
    r.append(el(
      "title",
      {},
      `${periode(at[0].periode)}\n${at.map((a) => `${a.seri}: ${nilai(a.nilai)}`).join("\n")}`,
    ));
    svg.append(r);
  });
  // Reported figures over the lines and the hover columns, each a link to its source.
  for (const r of resmi) {
    const cx = x(akhirPeriode(r.periode).getTime()), cy = y(r.nilai);
    const d = el("path", {
      d: `M${cx.toFixed(1)},${(cy - 6).toFixed(1)}l6,6l-6,6l-6,-6z`,
      fill: "black",
      stroke: "white",
    });
    d.append(el(
      "title",
      {},
      `Nilai resmi yang dilaporkan: ${r.label} ${nilai(r.nilai)} (${periode(r.periode)})`,
    ));
    if (r.url) {
      const a = el("a", { href: r.url, target: "_blank", rel: "noopener" });
      a.append(d);
      svg.append(a);
    } else svg.append(d);
  }
  return svg;
}
