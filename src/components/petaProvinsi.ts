/**
 * A schematic tile map of Indonesia's 38 provinces (no external map service): one square per
 * province at a rough geographic place, west to east, coloured by the province average; the
 * Kantor Regional of each province (where data/reference/kanreg-provinsi.csv has a source) is
 * written under its short name and the tiles of one Kanreg share a border colour. A click opens the
 * province's own instansi (the drill-down, peta.ts).
 */
import * as Plot from "./plot.js";
import { lebarGambar, nilai, WARNA_KATEGORI } from "./format.js";

export interface PetakProvinsi {
  kode_provinsi: string;
  provinsi: string;
  nilai: number | null;
  kategori: string | null;
  /** Roman numeral, or "" when no source gives it. */
  kanreg: string;
}

/**
 * Column, row and short label per Kemendagri province code: Sumatra left, then Java and the
 * Nusa Tenggara along the bottom, Kalimantan, Sulawesi, Maluku and Papua to the right.
 */
export const GRID: Record<string, [number, number, string]> = {
  "11": [0, 0, "ACEH"],
  "12": [1, 1, "SUMUT"],
  "13": [1, 2, "SUMBAR"],
  "14": [2, 2, "RIAU"],
  "21": [3, 1, "KEPRI"],
  "15": [2, 3, "JAMBI"],
  "17": [1, 3, "BKL"],
  "16": [2, 4, "SUMSEL"],
  "19": [3, 3, "BABEL"],
  "18": [2, 5, "LPG"],
  "36": [3, 6, "BTN"],
  "31": [4, 5, "DKI"],
  "32": [4, 6, "JABAR"],
  "33": [5, 6, "JATENG"],
  "34": [5, 7, "DIY"],
  "35": [6, 6, "JATIM"],
  "51": [7, 7, "BALI"],
  "52": [8, 7, "NTB"],
  "53": [9, 7, "NTT"],
  "61": [5, 2, "KALBAR"],
  "62": [6, 3, "KALTENG"],
  "63": [7, 4, "KALSEL"],
  "64": [7, 2, "KALTIM"],
  "65": [7, 1, "KALTARA"],
  "75": [9, 1, "GTLO"],
  "71": [10, 1, "SULUT"],
  "72": [9, 2, "SULTENG"],
  "76": [8, 3, "SULBAR"],
  "73": [9, 3, "SULSEL"],
  "74": [10, 4, "SULTRA"],
  "82": [11, 1, "MALUT"],
  "81": [11, 3, "MALUKU"],
  "96": [12, 2, "PBD"],
  "92": [13, 2, "PB"],
  "94": [14, 3, "PTENG"],
  "91": [15, 2, "PAPUA"],
  "95": [15, 3, "PPEG"],
  "93": [15, 4, "PSEL"],
};

/** Border colours of the Kanreg groups, in order of first appearance; none for an unknown Kanreg. */
const GARIS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d"];

export function petaProvinsi(
  rows: PetakProvinsi[],
  o: {
    warna: "kategori" | "nilai";
    kategori: string[];
    width?: number;
    href?: (r: PetakProvinsi) => string;
    document?: Document;
  },
): SVGSVGElement | HTMLElement {
  // A province the grid does not know (a code outside Kemendagri's list) goes to a row of its own.
  let extra = 0;
  const tiles = rows.map((r) => {
    const g = GRID[r.kode_provinsi] ?? [extra++, 9, r.kode_provinsi];
    return { ...r, col: g[0], row: g[1], singkat: g[2] };
  });
  const kanregs = [...new Set(tiles.map((t) => t.kanreg).filter(Boolean))].sort();
  const garis = (k: string) => (k ? GARIS[kanregs.indexOf(k) % GARIS.length] : "white");
  const fill = o.warna === "kategori" ? "kategori" : "nilai";
  return Plot.plot({
    document: o.document,
    width: Math.min(lebarGambar(o.width ?? 800), 800),
    height: 420,
    padding: 0.08,
    x: { axis: null, domain: [...Array(16).keys()] },
    y: { axis: null, domain: [...Array(10).keys()] },
    color: o.warna === "kategori" ? { domain: o.kategori, range: WARNA_KATEGORI, legend: true } : {
      type: "linear",
      scheme: "blues",
      domain: [60, 90],
      legend: true,
      label: "IP ASN",
    },
    marks: [
      Plot.cell(tiles, {
        x: "col",
        y: "row",
        fill: (d) => d[fill] ?? null,
        stroke: (d) => garis(d.kanreg),
        strokeWidth: 3,
        href: o.href,
        title: (d) =>
          `${d.provinsi}${d.kanreg ? ` · Kanreg ${d.kanreg}` : ""}\nIP ASN ${nilai(d.nilai)} (${
            d.kategori ?? "–"
          })`,
        ariaLabel: (d) => `${d.provinsi}: ${nilai(d.nilai)}`,
      }),
      Plot.text(tiles, {
        x: "col",
        y: "row",
        text: (d) => (d.kanreg ? `${d.singkat}\n${d.kanreg}` : d.singkat),
        fontSize: 8,
        pointerEvents: "none",
      }),
    ],
  });
}
