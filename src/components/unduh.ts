/**
 * Downloads under every chart: its data as CSV, the picture as SVG and PNG.
 *
 * A Plot chart with a legend is a <figure> whose first <svg> is a 15×15 legend swatch, so "the
 * first svg" downloaded the swatch (issue #21). The picture is now the chart's largest <svg>,
 * framed the way OWID's grapher exports it: title, subtitle, legend, chart, notes and a source
 * line, so a downloaded image still says what it shows and where it comes from.
 *
 * This module is imported by Beranda, whose budget is 350 KB: it must not import Plot or the
 * output catalogue (pages pass Indonesian column labels in `label`).
 */
import { csvFormat } from "d3-dsv";
import { csvAman } from "../kosakata.js";

/** What a download says about its chart or table; every field optional. */
export interface UnduhOptions {
  /** The chart's title (default: the figure's own title, else the heading above the chart). */
  judul?: string;
  subjudul?: string;
  /** Source line, e.g. "ipasn, dihitung dari data SIASN". Written into the CSV too (first line, after "#"). */
  sumber?: string;
  /** Notes printed under the chart (method change, synthetic data, …). */
  catatan?: string | string[];
  /** Indonesian column headers: offered as a second CSV ("judul kolom Indonesia"). */
  label?: Record<string, string> | ((kolom: string) => string | undefined);
}

/** Text cells that a spreadsheet would run as a formula are prefixed with an apostrophe. */
export function amanCsv(
  rows: Record<string, unknown>[],
  o: { sumber?: string; label?: UnduhOptions["label"] } = {},
): string {
  const name = (k: string) => (typeof o.label === "function" ? o.label(k) : o.label?.[k]) ?? k;
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const headers = keys.map(name);
  // Two columns with the same label would collapse into one: keep the code for the second.
  const unique = headers.map((h, i) => (headers.indexOf(h) === i ? h : keys[i]));
  const body = csvFormat(
    rows.map((r) =>
      Object.fromEntries(
        keys.map((k, i) => {
          const v = r[k];
          return [unique[i], typeof v === "string" ? csvAman(v) : v ?? ""];
        }),
      )
    ) as never,
    unique,
  );
  // The source as a comment line: pandas (comment="#"), DuckDB (comment = '#') and readr skip it.
  return o.sumber ? `# ${o.sumber.replace(/[\r\n]+/g, " ")}\n${body}` : body;
}

function save(name: string, blob: Blob): void {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

const SVG_NS = "http://www.w3.org/2000/svg";

function ukuran(svg: Element): { w: number; h: number } {
  const w = Number(svg.getAttribute("width")), h = Number(svg.getAttribute("height"));
  if (w > 0 && h > 0) return { w, h };
  const vb = (svg.getAttribute("viewBox") ?? "").split(/[\s,]+/).map(Number);
  if (vb.length === 4 && vb[2] > 0 && vb[3] > 0) return { w: vb[2], h: vb[3] };
  const r = (svg as SVGGraphicsElement).getBoundingClientRect?.();
  return { w: r?.width ?? 0, h: r?.height ?? 0 };
}

/** The chart itself: the largest <svg> of the element (not a legend swatch or colour ramp). */
export function svgUtama(chart: Element): SVGSVGElement | null {
  const all = [
    ...(chart.tagName.toLowerCase() === "svg" ? [chart] : []),
    ...chart.querySelectorAll("svg"),
  ];
  let best: Element | null = null, area = 0;
  for (const s of all) {
    const { w, h } = ukuran(s);
    if (w * h > area) (best = s), (area = w * h);
  }
  return best as SVGSVGElement | null;
}

/** A Plot swatch legend as (colour, label) pairs. */
function swatches(chart: Element): { warna: string; label: string }[] {
  return [...chart.querySelectorAll('[class$="-swatch"]')].map((s) => {
    const shape = s.querySelector("svg rect, svg circle, svg path, svg");
    const warna = shape?.getAttribute("fill") ?? s.querySelector("svg")?.getAttribute("fill") ??
      "currentColor";
    return { warna, label: (s.textContent ?? "").trim() };
  }).filter((s) => s.label);
}

/** Other <svg> legends (Plot's colour ramp) to draw above the chart. */
function legendaLain(chart: Element, utama: Element): Element[] {
  return [...chart.querySelectorAll("svg")].filter((s) =>
    s !== utama && !s.closest('[class$="-swatch"]') && ukuran(s).w > 40
  );
}

/** Words into lines of at most `max` characters (a width estimate: no layout engine needed). */
function bungkus(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) (lines.push(line), (line = word));
    else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The heading nearest above an element in the page, for a chart's default title. */
export function judulTerdekat(el: Element): string | null {
  for (let node: Element | null = el; node; node = node.parentElement) {
    for (let s = node.previousElementSibling; s; s = s.previousElementSibling) {
      if (/^H[1-4]$/.test(s.tagName)) return (s.textContent ?? "").trim() || null;
      const hs = s.querySelectorAll("h1, h2, h3, h4");
      if (hs.length) return (hs[hs.length - 1].textContent ?? "").trim() || null;
    }
    if (node.id === "observablehq-main") break;
  }
  return null;
}

/**
 * The chart as a standalone SVG: title, subtitle, legend, the chart's own SVG, notes and source,
 * on white. Pure DOM (works in linkedom for tests).
 */
export function bingkaiGrafik(
  chart: Element,
  o: UnduhOptions = {},
  doc: Document = chart.ownerDocument,
): SVGSVGElement | null {
  const svg = svgUtama(chart);
  if (!svg) return null;
  const { w, h } = ukuran(svg);
  const W = Math.max(320, Math.round(w)), pad = 12;
  const figTitle = chart.querySelector("figure > h2, h2")?.textContent?.trim();
  const figSub = chart.querySelector("figure > h3, h3")?.textContent?.trim();
  const judul = o.judul ?? figTitle ?? svg.getAttribute("aria-label") ?? undefined;
  const subjudul = o.subjudul ?? figSub;
  const catatan = typeof o.catatan === "string" ? [o.catatan] : o.catatan ?? [];
  const out = doc.createElementNS(SVG_NS, "svg") as SVGSVGElement;
  out.setAttribute("xmlns", SVG_NS);
  out.setAttribute(
    "font-family",
    "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
  );
  out.setAttribute("style", "color:#1b1e23;background:white");
  const add = (tag: string, attrs: Record<string, string | number>, text?: string) => {
    const e = doc.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    out.append(e);
    return e;
  };
  const bg = add("rect", { x: 0, y: 0, width: W, fill: "white" });
  let y = pad;
  const teks = (text: string, size: number, extra: Record<string, string | number> = {}) => {
    for (const line of bungkus(text, Math.floor((W - 2 * pad) / (size * 0.55)))) {
      y += size * 1.3;
      add("text", { x: pad, y, "font-size": size, fill: "currentColor", ...extra }, line);
    }
  };
  if (judul) (out.setAttribute("aria-label", judul), add("title", {}, judul));
  if (judul) teks(judul, 16, { "font-weight": 700 });
  if (subjudul) teks(subjudul, 12, { fill: "#555" });
  const sw = swatches(chart);
  if (sw.length) {
    y += 10;
    let x = pad;
    for (const s of sw) {
      const tw = s.label.length * 6.6 + 26;
      if (x + tw > W - pad && x > pad) (x = pad, (y += 18));
      add("rect", { x, y: y - 5, width: 12, height: 12, fill: s.warna });
      add("text", { x: x + 16, y: y + 5, "font-size": 12, fill: "currentColor" }, s.label);
      x += tw;
    }
    y += 8;
  }
  for (const l of legendaLain(chart, svg)) {
    const c = l.cloneNode(true) as Element;
    const u = ukuran(l);
    c.setAttribute("x", String(pad));
    c.setAttribute("y", String(y + 4));
    c.setAttribute("width", String(u.w));
    c.setAttribute("height", String(u.h));
    out.append(c);
    y += u.h + 4;
  }
  y += 8;
  const c = svg.cloneNode(true) as SVGSVGElement;
  c.setAttribute("x", "0");
  c.setAttribute("y", String(y));
  c.setAttribute("width", String(w));
  c.setAttribute("height", String(h));
  out.append(c);
  y += h + 4;
  for (const n of catatan) teks(n, 11, { fill: "#444" });
  if (o.sumber) teks(o.sumber, 11, { fill: "#444" });
  y += pad;
  const H = Math.ceil(y);
  bg.setAttribute("height", String(H));
  out.setAttribute("width", String(W));
  out.setAttribute("height", String(H));
  out.setAttribute("viewBox", `0 0 ${W} ${H}`);
  return out;
}

/** The default notes of a page: the synthetic-data banner, when there is one. */
function catatanHalaman(): string[] {
  return document.querySelector(".banner-sintetis")
    ? ["Data contoh sintetis: bukan data pegawai sungguhan."]
    : [];
}

function sumberBawaan(): string {
  const site = document.title.split(" | ").at(-1)?.trim();
  return `Sumber: ${site || "IP ASN"}, ${location.href}`;
}

/** Name a chart for screen readers from its title when it has none (role="img", aria-label). */
export function beriNama(chart: Element, judul: string, keterangan?: string): void {
  const svg = svgUtama(chart);
  if (!svg) return;
  // One image (role="img"): Plot's aria-label on each mark group is a name their role does not
  // allow (axe-core: aria-prohibited-attr). Kept as data-mark.
  for (const g of svg.querySelectorAll("g[aria-label]")) {
    g.setAttribute("data-mark", g.getAttribute("aria-label")!);
    g.removeAttribute("aria-label");
  }
  if (svg.getAttribute("aria-label")) return;
  // A picture holding links (the tile map's instansi; Plot writes xlink:href, which a[href] does
  // not match) is a group: an image's children are presentational, and links inside one are
  // unreachable to screen readers (axe: nested-interactive).
  svg.setAttribute("role", svg.querySelector("a, [tabindex]") ? "group" : "img");
  svg.setAttribute("aria-label", judul);
  const doc = svg.ownerDocument;
  if (!svg.querySelector(":scope > title")) {
    const t = doc.createElementNS(SVG_NS, "title");
    t.textContent = judul;
    svg.prepend(t);
  }
  if (keterangan && !svg.querySelector(":scope > desc")) {
    const d = doc.createElementNS(SVG_NS, "desc");
    d.textContent = keterangan;
    svg.querySelector(":scope > title")!.after(d);
  }
}

/** "Susunan nilai per instansi" → "susunan-nilai-per-instansi": an anchor from a chart's title. */
export function slug(text: string): string {
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "grafik";
}

/**
 * The chart's anchor: its own id, else "grafik-<slug of its title>" (unique on the page). A link
 * to the page with this anchor opens at the chart, with the page's state from the URL.
 */
export function jangkar(chart: Element, judul: string | null | undefined): string {
  if (chart.id) return chart.id;
  const base = `grafik-${slug(judul ?? "")}`;
  let id = base;
  for (let i = 2; chart.ownerDocument.getElementById(id); i++) id = `${base}-${i}`;
  chart.id = id;
  return id;
}

/** The page's address with its state (the query string) and the chart's anchor. */
export function tautanGrafik(href: string, id: string): string {
  return `${href.replace(/#.*$/, "")}#${id}`;
}

/** The embed snippet for a chart: the same page and anchor in an <iframe>. */
export function kodeSematan(link: string, judul: string, tinggi: number): string {
  const attr = (t: string) =>
    t.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  return `<iframe src="${attr(link)}" title="${attr(judul)}" width="100%" height="${
    Math.max(300, Math.round(tinggi))
  }" style="border:0" loading="lazy"></iframe>`;
}

/** Copies text to the clipboard; false when the browser refuses (no secure context, no permission). */
async function salin(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

// A page opened inside an <iframe> (an embedded chart) shows its content without the site's menu
// and footer (style.css: .tersemat).
const bingkai = globalThis as unknown as { self?: unknown; top?: unknown };
if (typeof document !== "undefined" && bingkai.top && bingkai.self !== bingkai.top) {
  document.documentElement.classList.add("tersemat");
}

export function unduh(
  name: string,
  rows: Record<string, unknown>[],
  chart?: Element,
  o: UnduhOptions = {},
): HTMLElement {
  const bar = document.createElement("div");
  bar.className = "unduh";
  const button = (label: string, act: () => void) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", act);
    bar.append(b);
  };
  const csv = (label?: UnduhOptions["label"]) =>
    new Blob(["\uFEFF" + amanCsv(rows, { sumber: o.sumber, label })], {
      type: "text/csv;charset=utf-8",
    });
  button("Unduh CSV", () => save(`${name}.csv`, csv()));
  if (o.label) {
    button("Unduh CSV (judul Indonesia)", () => save(`${name}-id.csv`, csv(o.label)));
  }
  // Every button names what it downloads or shares (a page has several "Unduh CSV"): the visible
  // label first, then the title of the chart or table (WCAG 2.5.3, label in name).
  requestAnimationFrame(() => {
    const j = o.judul ?? judulTerdekat(bar);
    if (!j) return;
    for (const b of bar.querySelectorAll(":scope > button")) {
      b.setAttribute("aria-label", `${b.textContent}: ${j}`);
    }
  });
  const meta = (): UnduhOptions => ({
    ...o,
    judul: o.judul ?? (chart ? judulTerdekat(bar) ?? undefined : undefined),
    sumber: o.sumber ?? sumberBawaan(),
    catatan: [
      ...(typeof o.catatan === "string" ? [o.catatan] : o.catatan ?? []),
      ...catatanHalaman(),
    ],
  });
  if (chart && svgUtama(chart)) {
    // Once on the page, a chart with no name takes the heading above it as its accessible name,
    // and an anchor; a link to that anchor (from "Salin tautan") scrolls to the chart once drawn.
    requestAnimationFrame(() => {
      const j = o.judul ?? judulTerdekat(bar);
      if (j) beriNama(chart, j, o.subjudul);
      const id = jangkar(chart, j);
      bar.dataset.grafik = id;
      if (location.hash === `#${id}`) chart.scrollIntoView();
    });
    const gambar = () => {
      const framed = bingkaiGrafik(chart, meta(), document)!;
      return { framed, text: new XMLSerializer().serializeToString(framed) };
    };
    button(
      "Unduh SVG",
      () => save(`${name}.svg`, new Blob([gambar().text], { type: "image/svg+xml" })),
    );
    button("Unduh PNG", () => {
      const { framed, text } = gambar();
      const { w, h } = ukuran(framed);
      const img = new Image();
      img.onload = () => {
        const canvas = document.createElement("canvas");
        canvas.width = Math.ceil(w * 2);
        canvas.height = Math.ceil(h * 2);
        const ctx = canvas.getContext("2d")!;
        ctx.fillStyle = "white";
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
        canvas.toBlob((b) => b && save(`${name}.png`, b), "image/png");
      };
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
    });
    bagikan(bar, chart, o);
  }
  return bar;
}

/**
 * "Salin tautan" and "Sematkan" beside a chart's downloads: the link is the page's address at the
 * moment of the click (every control keeps its state in the query string) with the chart's anchor;
 * the embed snippet is an <iframe> of that link. Where the clipboard is refused (a site served
 * over plain http on an office network is not a secure context), the link is shown selected for
 * Ctrl+C instead.
 */
function bagikan(bar: HTMLElement, chart: Element, o: UnduhOptions): void {
  const status = document.createElement("span");
  status.className = "unduh-status";
  status.setAttribute("role", "status");
  const panel = document.createElement("div");
  panel.className = "sematan";
  panel.hidden = true;
  const judul = () => o.judul ?? judulTerdekat(bar) ?? document.title;
  const link = () => tautanGrafik(location.href, jangkar(chart, judul()));
  const tampil = (label: string, text: string) => {
    panel.replaceChildren();
    const l = document.createElement("label");
    l.textContent = label;
    const area = document.createElement("textarea");
    area.readOnly = true;
    area.rows = text.length > 120 ? 3 : 1;
    area.value = text;
    l.append(area);
    panel.append(l);
    panel.hidden = false;
    area.focus();
    area.select();
    return area;
  };
  const b = (label: string, act: () => void) => {
    const e = document.createElement("button");
    e.type = "button";
    e.textContent = label;
    e.addEventListener("click", act);
    bar.append(e);
    return e;
  };
  const salinTautan = b("Salin tautan", async () => {
    const t = link();
    salinTautan.dataset.tautan = t;
    if (await salin(t)) {
      status.textContent = "Tautan grafik disalin.";
      if (sematkan.getAttribute("aria-expanded") !== "true") panel.hidden = true;
    } else {
      tampil("Salin tautan ini (Ctrl+C):", t);
      status.textContent = "";
    }
  });
  const sematkan = b("Sematkan", () => {
    const open = sematkan.getAttribute("aria-expanded") === "true";
    sematkan.setAttribute("aria-expanded", String(!open));
    if (open) {
      panel.hidden = true;
      return;
    }
    const { h } = ukuran(svgUtama(chart) ?? chart);
    const kode = kodeSematan(link(), judul(), h + 160);
    const area = tampil("Kode sematan (tempel di halaman web Anda):", kode);
    const salinKode = document.createElement("button");
    salinKode.type = "button";
    salinKode.textContent = "Salin kode";
    salinKode.addEventListener("click", async () => {
      area.select();
      status.textContent = (await salin(kode))
        ? "Kode sematan disalin."
        : "Tekan Ctrl+C untuk menyalin kode yang terpilih.";
    });
    panel.append(salinKode);
  });
  sematkan.setAttribute("aria-expanded", "false");
  bar.append(status, panel);
}
