/**
 * Reconciliation, headless: a reported figure against our computed value, and the difference
 * split into method, counted population and data completeness.
 *
 * Every instansi mean is known under each method × population (PNS / PNS and PPPK) × data (all ASN
 * / only ASN with complete data). Our value uses the period's default method on its own population
 * and all ASN. The variant nearest the reported figure says which choices come closest to it; the
 * move from ours to that variant is split among the three choices by Shapley values (the average
 * of each choice's effect over every order of switching them), so the parts add up exactly and do
 * not depend on an arbitrary order. What remains is the part our data cannot explain.
 */
import * as Plot from "@observablehq/plot";
import { locale, nilai, selisih } from "./format.js";

export type Populasi = "PNS" | "PNS_PPPK";
export type Data = "semua" | "lengkap";
export interface Varian {
  metode: string;
  populasi: Populasi;
  data: Data;
  nilai: number | null;
}
export interface Pilihan {
  metode: string;
  populasi: Populasi;
  data: Data;
}

export interface Rekonsiliasi {
  resmi: number;
  hitung: number;
  selisih: number;
  dasar: Pilihan;
  terdekat: Pilihan & { nilai: number };
  /** Shapley parts of (nearest − ours); they add up to it. */
  metode: number;
  populasi: number;
  kelengkapan: number;
  /** resmi − nearest: what method, population and completeness do not explain. */
  sisa: number;
}

const FACTORS = ["metode", "populasi", "data"] as const;

export function rekonsiliasi(
  resmi: number,
  varian: Varian[],
  dasar: Pilihan,
): Rekonsiliasi | null {
  const value = (c: Pilihan) =>
    varian.find((v) => v.metode === c.metode && v.populasi === c.populasi && v.data === c.data)
      ?.nilai ?? null;
  const hitung = value(dasar);
  if (hitung === null) return null;
  const known = varian.filter((v) => v.nilai !== null) as (Varian & { nilai: number })[];
  // Nearest variant; ties go to the one that changes fewer choices (then the listed order).
  const changes = (v: Pilihan) => FACTORS.filter((f) => v[f] !== dasar[f]).length;
  const terdekat =
    [...known].sort((a, b) =>
      Math.abs(resmi - a.nilai) - Math.abs(resmi - b.nilai) || changes(a) - changes(b)
    )[0];
  const target = { metode: terdekat.metode, populasi: terdekat.populasi, data: terdekat.data };
  const at = (switched: Set<string>) =>
    value({
      metode: switched.has("metode") ? target.metode : dasar.metode,
      populasi: switched.has("populasi") ? target.populasi : dasar.populasi,
      data: switched.has("data") ? target.data : dasar.data,
    });
  const shapley = (f: typeof FACTORS[number]) => {
    const others = FACTORS.filter((x) => x !== f);
    const weight = [1 / 3, 1 / 6, 1 / 3];
    let sum = 0;
    for (let mask = 0; mask < 4; mask++) {
      const s = new Set(others.filter((_, i) => mask & (1 << i)));
      const without = at(s), withF = at(new Set([...s, f]));
      // A variant missing from the table (a population with no ASN) contributes nothing.
      if (without === null || withF === null) continue;
      sum += weight[s.size] * (withF - without);
    }
    return sum;
  };
  return {
    resmi,
    hitung,
    selisih: resmi - hitung,
    dasar,
    terdekat: { ...target, nilai: terdekat.nilai },
    metode: shapley("metode"),
    populasi: shapley("populasi"),
    kelengkapan: shapley("data"),
    sisa: resmi - terdekat.nilai,
  };
}

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
  return Plot.plot({
    document: o.document,
    width: o.width,
    height: 300,
    x: { domain: steps.map((s) => s.label), label: null, padding: 0.3 },
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
