/**
 * Line chart of values over periods on a true time axis. Plain function: data and options in,
 * element out.
 *
 * Honest time axes (issue #21):
 * - a line breaks where the method changes (rows carrying a different `metode` than the point
 *   before in the same series), with a dashed rule and a note: a jump across a method change is
 *   not progress;
 * - the year's label sits under the middle of its year, between ticks on 1 January, so 2024's
 *   quarters are read under "2024" (a tick on 31 December put them under "2023");
 * - a series keeps its colour whatever else is selected (`warnaSeri`), is labelled at its end,
 *   and the tooltip lists every series at the hovered period.
 *
 * At the smallest scale (a first export): a point with no neighbour in its line (one period, or
 * the first period after a method change) is a filled dot, which a line's marker alone is not;
 * when the whole chart is one period each dot carries its value and the caption says a trend
 * appears with the next period; with no data at all it is a sentence, not an empty frame.
 */
import * as Plot from "./plot.js";
import { akhirPeriode, lebarGambar, locale, namaSingkat, nilai, periode } from "./format.js";
import { satuPeriode } from "./pesan.js";

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
  /** A colour per series key (default: `warnaSeri`, the same colour for an entity on every page). */
  warna?: Record<string, string> | ((seri: string) => string);
  /** Break lines where `metode` changes within a series (default true). */
  putusMetode?: boolean;
  /** The chart's accessible name. */
  judul?: string;
}
export interface TrenRow {
  periode: string;
  nilai: number;
  metode?: string;
  [k: string]: unknown;
}

export { PALET, warnaSeri } from "./warna.js";
import { warnaSeri } from "./warna.js";

/** Where a series changes method: the periods just after a change, per series. */
export function putusanMetode(
  rows: { periode: string; metode?: string; s: string; t: Date }[],
): { s: string; sebelum: Date; sesudah: Date; dari: string; ke: string }[] {
  const out = [];
  const bySeri = new Map<string, typeof rows>();
  for (const r of rows) bySeri.set(r.s, [...(bySeri.get(r.s) ?? []), r]);
  for (const [s, list] of bySeri) {
    list.sort((a, b) => a.t.getTime() - b.t.getTime());
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1], b = list[i];
      if (a.metode && b.metode && a.metode !== b.metode) {
        out.push({ s, sebelum: a.t, sesudah: b.t, dari: a.metode, ke: b.metode });
      }
    }
  }
  return out;
}

export function tren(data: TrenRow[], o: TrenOptions = {}): SVGSVGElement | HTMLElement {
  data = data.filter((d) => d.nilai != null && Number.isFinite(d.nilai));
  if (!data.length) {
    const p = (o.document ?? document).createElement("p");
    p.className = "sumber";
    p.textContent = "Belum ada nilai yang dapat digambar untuk pilihan ini.";
    return p;
  }
  const seri = o.seri ?? (() => "");
  const base = data.map((d) => ({ ...d, t: akhirPeriode(d.periode), s: seri(d) }));
  const keys = [...new Set(base.map((d) => d.s))];
  const warna = typeof o.warna === "function"
    ? Object.fromEntries(keys.map((k) => [k, (o.warna as (s: string) => string)(k)]))
    : { ...warnaSeri(keys), ...(o.warna ?? {}) };
  const breaks = o.putusMetode === false ? [] : putusanMetode(base);
  // A segment number per series that grows at each method change: Plot draws one line per z.
  const seg = (d: { s: string; t: Date }) =>
    `${d.s}\u0000${breaks.filter((b) => b.s === d.s && d.t >= b.sesudah).length}`;
  const rows = base.map((d) => ({ ...d, z: seg(d) }));
  const times = [...new Set(rows.map((d) => d.t.getTime()))].sort((a, b) => a - b);
  const multi = keys.length > 1 || keys[0] !== "";
  const width = lebarGambar(o.width);
  // Labels at the line ends when there is room; on a phone a legend above instead.
  const label = (s: string) => {
    const n = namaSingkat(s);
    return n.length > 24 ? `${n.slice(0, 23)}…` : n;
  };
  const endLabels = multi && width >= 480;
  const marginRight = endLabels
    ? Math.min(180, 12 + 6.2 * Math.max(...keys.map((k) => label(k).length)))
    : 20;
  const ujung = keys.map((k) => {
    const list = rows.filter((d) => d.s === k);
    return list.reduce((a, b) => (b.t > a.t ? b : a));
  });
  // Every series at a period, for the tooltip.
  const perPeriode = times.map((t) => {
    const at = rows.filter((d) => d.t.getTime() === t);
    return {
      t: new Date(t),
      nilai: Math.max(...at.map((d) => d.nilai)),
      title: `${periode(at[0].periode)}\n` +
        at.sort((a, b) => b.nilai - a.nilai).map((d) =>
          `${d.s ? `${label(d.s)}: ` : ""}${nilai(d.nilai)}${d.metode ? ` (${d.metode})` : ""}`
        ).join("\n"),
    };
  });
  const pecah = [
    ...new Map(breaks.map((b) => [b.sesudah.getTime(), b])).values(),
  ].map((b) => ({
    x: new Date((b.sebelum.getTime() + b.sesudah.getTime()) / 2),
    catatan: `Metode berganti: ${b.dari} → ${b.ke}`,
  }));
  const colorOf = (s: string) => warna[s] ?? "currentColor";
  // Points alone in their line segment: drawn as dots (a one-point line has no visible stroke).
  const perZ = new Map<string, number>();
  for (const d of rows) perZ.set(d.z, (perZ.get(d.z) ?? 0) + 1);
  const sendiri = rows.filter((d) => perZ.get(d.z) === 1);
  const satu = times.length === 1;
  const marks: Plot.Markish[] = [
    Plot.ruleY(o.batas ?? [], { stroke: "currentColor", strokeOpacity: 0.12 }),
    Plot.ruleX(pecah, {
      x: "x",
      stroke: "currentColor",
      strokeOpacity: 0.5,
      strokeDasharray: "3,3",
      title: "catatan",
    }),
    Plot.text(pecah, {
      x: "x",
      frameAnchor: "top",
      dy: -2,
      text: () => "metode berganti",
      fontSize: 10,
      fill: "currentColor",
      fillOpacity: 0.7,
      textAnchor: "middle",
    }),
    Plot.lineY(rows, {
      x: "t",
      y: "nilai",
      z: "z",
      stroke: (d) => colorOf(d.s),
      marker: "circle-stroke",
      curve: "linear",
    }),
    Plot.dot(sendiri, { x: "t", y: "nilai", r: 5, fill: (d) => colorOf(d.s), stroke: "white" }),
    ...(satu
      ? [
        Plot.text(rows, {
          x: "t",
          y: "nilai",
          text: (d) => nilai(d.nilai),
          dy: -12,
          fill: (d) => colorOf(d.s),
          fontSize: 12,
          fontWeight: 600,
        }),
      ]
      : []),
    Plot.ruleX(perPeriode, Plot.pointerX({ x: "t", stroke: "currentColor", strokeOpacity: 0.3 })),
    Plot.tip(perPeriode, Plot.pointerX({ x: "t", y: "nilai", title: "title" })),
  ];
  if (endLabels) {
    marks.push(
      Plot.text(ujung, {
        x: "t",
        y: "nilai",
        text: (d) => label(d.s),
        fill: (d) => colorOf(d.s),
        textAnchor: "start",
        dx: 6,
        fontWeight: 600,
      }),
    );
  }
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
  // Ticks on 1 January (a year's boundaries); each year's label under the middle of its year.
  const years = rows.map((d) => d.t.getUTCFullYear());
  const y0 = Math.min(...years), y1 = Math.max(...years);
  const batasTahun = [], tengah = [];
  for (let y = y0; y <= y1 + 1; y++) batasTahun.push(new Date(Date.UTC(y, 0, 1)));
  for (let y = y0; y <= y1; y++) tengah.push(new Date(Date.UTC(y, 6, 2)));
  marks.push(
    Plot.axisX(batasTahun, { tickFormat: () => "", tickSize: 6, label: null }),
    Plot.axisX(tengah, {
      tickSize: 0,
      tickFormat: (d: Date) => String(d.getUTCFullYear()),
      label: "periode (titik di akhir periode) →",
      labelAnchor: "right",
    }),
  );
  // One value and no category bands: a domain of one number has no ticks; five points either side.
  const ys = [...rows.map((d) => d.nilai), ...(o.batas ?? [])];
  const yDomain = o.yDomain ??
    (Math.min(...ys) === Math.max(...ys) ? [ys[0] - 5, ys[0] + 5] as [number, number] : undefined);
  const plot = Plot.plot({
    document: o.document,
    caption: satu ? satuPeriode(rows[0].periode) : undefined,
    width,
    height: o.height ?? 320,
    marginLeft: 40,
    marginRight,
    marginTop: pecah.length ? 24 : 20,
    x: {
      type: "utc",
      domain: [batasTahun[0], batasTahun.at(-1)!],
    },
    y: {
      label: "IP ASN",
      domain: yDomain,
      grid: false,
      tickFormat: (x: number) => locale.format(",.0f")(x),
    },
    color: multi && !endLabels
      ? { legend: true, domain: keys, range: keys.map(colorOf) }
      : undefined,
    marks,
  });
  // With a legend Plot returns a <figure>: the chart is its own child <svg>, not a swatch's.
  const svg = plot.tagName.toLowerCase() === "svg" ? plot : plot.querySelector(":scope > svg");
  // The picture is one image (role="img"): Plot's aria-label on each mark group is a name the
  // group's role does not allow, which axe-core reports (aria-prohibited-attr). Kept as data-mark.
  if (svg) {
    for (const g of svg.querySelectorAll("g[aria-label]")) {
      g.setAttribute("data-mark", g.getAttribute("aria-label")!);
      g.removeAttribute("aria-label");
    }
  }
  if (svg && o.judul) {
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", o.judul);
  }
  if (pecah.length && svg) {
    // The note is in the picture's accessible description too, not only in a hover title.
    const doc = o.document ?? document;
    const desc = doc.createElementNS("http://www.w3.org/2000/svg", "desc");
    desc.textContent = `Garis terputus di pergantian metode (${
      pecah.map((p) => p.catatan).join("; ")
    }): nilai sebelum dan sesudahnya dihitung dengan aturan berbeda dan tidak dapat dibandingkan langsung.`;
    svg.prepend(desc);
  }
  return plot;
}
