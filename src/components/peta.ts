/**
 * A schematic tile-grid map of the instansi: one square per instansi, grouped by province (no
 * external map service). Colour by value or by category. The four provinces of the island of
 * Kalimantan (codes 62–65) keep their roughly geographic layout; any other set of provinces (a province's
 * drill-down from the national map, petaProvinsi.ts) is laid out block under block in code order,
 * the central agencies (no province) in a last block of their own.
 */
import * as Plot from "./plot.js";
import { lebarGambar, nilai, WARNA_KATEGORI } from "./format.js";
import { namaInti } from "../kosakata.js";

/** The category colours dark enough to need white text. */
const GELAP = new Set([0, 3, 4]);

export interface PetakRow {
  kode_instansi: string;
  nama_instansi: string;
  kode_provinsi: string;
  provinsi: string;
  nilai: number | null;
  kategori: string | null;
}

/** Top-left corner and columns of each province's block (Kalimantan, west to east). */
const BLOK: Record<string, { x: number; y: number; kolom: number }> = {
  "65": { x: 5, y: 0, kolom: 3 },
  "64": { x: 5, y: 3, kolom: 4 },
  "62": { x: 0, y: 3, kolom: 4 },
  "63": { x: 5, y: 7, kolom: 4 },
};

/** Columns of a province's block outside the Kalimantan layout. */
const KOLOM_UMUM = 8;

/** A tile's block: its province, or the central agencies' own (they have none), drawn last. */
const PUSAT = "pusat";
const kelompok = (r: PetakRow) => r.kode_provinsi || PUSAT;
const labelKelompok = (r: PetakRow) => r.provinsi || "Instansi pusat";

function perProvinsi(rows: PetakRow[]): Map<string, PetakRow[]> {
  const byProv = new Map<string, PetakRow[]>();
  for (const r of [...rows].sort((a, b) => a.kode_instansi.localeCompare(b.kode_instansi))) {
    byProv.set(kelompok(r), [...(byProv.get(kelompok(r)) ?? []), r]);
  }
  return byProv;
}

/** Each province's block: the Kalimantan layout when every province has one there, else stacked. */
export function blokProvinsi(
  rows: PetakRow[],
): Record<string, { x: number; y: number; kolom: number }> {
  const byProv = perProvinsi(rows);
  if ([...byProv.keys()].every((k) => k in BLOK)) return BLOK;
  const out: Record<string, { x: number; y: number; kolom: number }> = {};
  let y = 1; // a row above each block for its label
  for (const [prov, list] of [...byProv].sort(([a], [b]) => a.localeCompare(b))) {
    out[prov] = { x: 0, y, kolom: KOLOM_UMUM };
    y += Math.ceil(list.length / KOLOM_UMUM) + 1;
  }
  return out;
}

export function tataLetak(
  rows: PetakRow[],
): (PetakRow & { col: number; row: number; singkat: string })[] {
  const byProv = perProvinsi(rows);
  const blok = blokProvinsi(rows);
  const out: (PetakRow & { col: number; row: number; singkat: string })[] = [];
  for (const [prov, list] of byProv) {
    const b = blok[prov];
    list.forEach((r, i) =>
      out.push({
        ...r,
        col: b.x + (i % b.kolom),
        row: b.y + Math.floor(i / b.kolom),
        singkat: singkat(r.nama_instansi),
      })
    );
  }
  return out;
}

function singkat(nama: string): string {
  const n = namaInti(nama);
  const words = n.split(" ");
  return words.length > 1 ? words.map((w) => w[0]).join("").slice(0, 4) : n.slice(0, 4);
}

export function peta(
  rows: PetakRow[],
  o: {
    warna: "kategori" | "nilai";
    /** The method's category names, highest first (the profile's kategori.batas). */
    kategori: string[];
    width?: number;
    href?: (r: PetakRow) => string;
    document?: Document;
  },
): SVGSVGElement | HTMLElement {
  const tiles = tataLetak(rows);
  const blok = blokProvinsi(rows);
  const kalimantan = blok === BLOK;
  // Outside Kalimantan the grid grows with the data: 8 columns, as many rows as the blocks need.
  const nx = kalimantan ? 9 : KOLOM_UMUM;
  const ny = kalimantan ? 11 : Math.max(1, ...tiles.map((t) => t.row + 1));
  const fill = o.warna === "kategori" ? "kategori" : "nilai";
  return Plot.plot({
    document: o.document,
    width: Math.min(lebarGambar(o.width), 640),
    height: kalimantan ? 440 : Math.max(120, ny * 40 + 40),
    padding: 0.06,
    x: { axis: null, domain: [...Array(nx).keys()] },
    y: { axis: null, domain: [...Array(ny).keys()] },
    color: o.warna === "kategori" ? { domain: o.kategori, range: WARNA_KATEGORI, legend: true } : {
      type: "linear",
      scheme: "blues",
      domain: [60, 90],
      legend: true,
      label: "IP ASN",
      tickFormat: (x: number) => nilai(x).replace(",00", ""),
    },
    marks: [
      Plot.cell(tiles, {
        x: "col",
        y: "row",
        fill: (d) => (d[fill] ?? null),
        stroke: "white",
        href: o.href,
        title: (d) =>
          `${d.nama_instansi}\n${labelKelompok(d)}\nIP ASN ${nilai(d.nilai)} (${
            d.kategori ?? "–"
          })`,
        ariaLabel: (d) => `${d.nama_instansi}: ${nilai(d.nilai)}`,
      }),
      Plot.text(tiles, {
        x: "col",
        y: "row",
        text: "singkat",
        fill: (d) =>
          (o.warna === "nilai" && (d.nilai ?? 0) > 78) ||
            (o.warna === "kategori" && GELAP.has(o.kategori.indexOf(d.kategori ?? "")))
            ? "white"
            : "black",
        fontSize: 10,
        pointerEvents: "none",
      }),
      Plot.text(Object.entries(blok).filter(([k]) => rows.some((r) => kelompok(r) === k)), {
        x: ([, b]) => b.x,
        y: ([, b]) => b.y,
        dy: kalimantan ? -14 : -24,
        dx: -18,
        textAnchor: "start",
        text: ([k]) => {
          const r = rows.find((r) => kelompok(r) === k);
          return r ? labelKelompok(r) : k;
        },
        fontWeight: "bold",
        fontSize: 11,
      }),
    ],
  });
}
