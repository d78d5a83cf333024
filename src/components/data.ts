/** Parsing the site's public CSV files: codes and periods stay text, measures become numbers. */
import { csvParse } from "d3-dsv";
import { KOLOM_BOOL, KOLOM_TEKS } from "../keluaran.js";
import { metodeUtama, RESMI } from "../kosakata.js";

// Which columns are text or booleans comes from the output catalogue; everything else is a number.
const TEXT = KOLOM_TEKS;
const BOOL = KOLOM_BOOL;

export type Baris = Record<string, string | number | boolean | null> & {
  periode: string;
  metode: string;
  nilai: number | null;
};

export function bacaCsv(text: string): Baris[] {
  return csvParse(text, (row) => {
    const out: Record<string, string | number | boolean | null> = {};
    for (const [k, v] of Object.entries(row)) {
      if (TEXT.has(k)) out[k] = v ?? "";
      else if (BOOL.has(k)) out[k] = v === "true";
      else out[k] = v === "" || v === undefined ? null : Number(v);
    }
    return out as Baris;
  });
}

export { RESMI };

/**
 * The periods and methods present, and the method a page shows by default for each period:
 * BKN's official results where the period has them (the figure a BKD is judged on), else the
 * period's default method (`bakuHitung`, which reconciliation and simulation compare against).
 */
export function daftar(rows: Baris[]) {
  const periode = [...new Set(rows.map((r) => r.periode))];
  const metode = [...new Set(rows.map((r) => r.metode))].sort((a, b) =>
    a === RESMI ? -1 : b === RESMI ? 1 : a.localeCompare(b)
  );
  const bakuHitung = new Map(rows.filter((r) => r.metode_baku).map((r) => [r.periode, r.metode]));
  const diPeriode = new Map<string, Set<string>>(periode.map((p) => [p, new Set()]));
  for (const r of rows) diPeriode.get(r.periode)!.add(r.metode);
  const baku = new Map(periode.map((p) => [p, metodeUtama(bakuHitung.get(p), diPeriode.get(p)!)]));
  return { periode, metode, baku, bakuHitung };
}

/** Whether a row is the one a page shows by default for its period (see `daftar`). */
export function diBaku(baku: Map<string, string | null | undefined>): (r: Baris) => boolean {
  return (r) => baku.get(r.periode) === r.metode;
}

/** Naming a method: components/metode.ts (no CSV parser for a page that only names methods). */
export { type Metode, namaMetode, opsiMetode } from "./metode.js";
