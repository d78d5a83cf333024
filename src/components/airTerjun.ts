/** From the computed value to the reported figure in steps (method, population, data, rest): a waterfall. */
import * as Plot from "./plot.js";
import { layarSempit, lebarGambar, locale, nilai, selisih } from "./format.js";
import type { Rekonsiliasi } from "./rekonsiliasi.js";

/** Steps from our value to the reported figure, as a waterfall. */
export function airTerjun(
  r: Rekonsiliasi,
  o: { width?: number; document?: Document; label?: { hitung: string; resmi: string } } = {},
): SVGSVGElement | HTMLElement {
  const parts: [string, number][] = [
    ["Metode", r.metode],
    ["Populasi", r.populasi],
    ["Kelengkapan data", r.kelengkapan],
    ["Tidak terjelaskan", r.sisa],
  ];
  const steps: { label: string; y1: number; y2: number; jenis: string }[] = [
    { label: o.label?.hitung ?? "Hitungan situs", y1: 0, y2: r.hitung, jenis: "total" },
  ];
  let at = r.hitung;
  for (const [label, d] of parts) {
    steps.push({ label, y1: at, y2: at + d, jenis: d >= 0 ? "naik" : "turun" });
    at += d;
  }
  steps.push({ label: o.label?.resmi ?? "Angka dilaporkan", y1: 0, y2: r.resmi, jenis: "total" });
  const lo = Math.min(
    ...steps.filter((s) => s.jenis !== "total").flatMap((s) => [s.y1, s.y2]),
    r.hitung,
    r.resmi,
  );
  const hi = Math.max(...steps.flatMap((s) => [s.y1, s.y2]));
  const sempit = layarSempit(o.width);
  return Plot.plot({
    document: o.document,
    width: lebarGambar(o.width),
    height: 300,
    // On a phone the six step names overlapped side by side: slanted there (as before when wide).
    ...(sempit ? { marginLeft: 60, marginBottom: 80 } : {}),
    x: {
      domain: steps.map((s) => s.label),
      label: null,
      padding: 0.3,
      ...(sempit ? { tickRotate: -45 } : {}),
    },
    y: {
      domain: [Math.max(0, Math.floor(lo - 3)), Math.ceil(hi + 2)],
      label: "IP ASN",
      grid: true,
      tickFormat: locale.format(",.0f"),
    },
    color: {
      domain: ["total", "naik", "turun"],
      range: ["#5a6b7b", "#0072b2", "#d55e00"],
    },
    marks: [
      Plot.barY(steps, {
        x: "label",
        y1: "y1",
        y2: "y2",
        fill: "jenis",
        clip: true,
        title: (s: { label: string; y1: number; y2: number; jenis: string }) =>
          s.jenis === "total"
            ? `${s.label}: ${nilai(s.y2)}`
            : `${s.label}: ${selisih(s.y2 - s.y1)}`,
      }),
      Plot.text(steps, {
        x: "label",
        y: "y2",
        text: (s: { y1: number; y2: number; jenis: string }) =>
          s.jenis === "total" ? nilai(s.y2) : selisih(s.y2 - s.y1),
        dy: -8,
      }),
    ],
  });
}
