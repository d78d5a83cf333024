/** Parsing the site's public CSV files: codes and periods stay text, measures become numbers. */
import { csvParse } from "d3-dsv";
import { KOLOM_BOOL, KOLOM_TEKS } from "../keluaran.js";

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

/** The periods and methods present, and the default method of each period. */
export function daftar(rows: Baris[]) {
  const periode = [...new Set(rows.map((r) => r.periode))];
  const metode = [...new Set(rows.map((r) => r.metode))].sort();
  const baku = new Map(rows.filter((r) => r.metode_baku).map((r) => [r.periode, r.metode]));
  return { periode, metode, baku };
}
