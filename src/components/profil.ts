/**
 * Facts the pages read from the method profiles (src/data/metode.json) rather than typing them:
 * a custom profile with other maxima or other category bands is drawn with its own.
 */
import { periode } from "./format.js";
import { DIMENSI, type Dimensi } from "../kosakata.js";

export { DIMENSI, type Dimensi };

export interface ProfilRingkas {
  id: string;
  dimensi: Record<Dimensi, { maks: number }>;
  kategori: { batas: { nama: string; min: number }[] };
  baku_untuk: { dari: string | null; sampai: string | null } | null;
}

/** The maximum of each dimension under one profile. */
export function maksDimensi(p: ProfilRingkas): Record<Dimensi, number> {
  return Object.fromEntries(DIMENSI.map((d) => [d, p.dimensi[d].maks])) as Record<
    Dimensi,
    number
  >;
}

/** The lower bounds of the categories of the given profiles (the open bottom band has none). */
export function batasKategori(ps: ProfilRingkas[]): number[] {
  const mins = ps.flatMap((p) => p.kategori.batas.map((b) => b.min)).filter((m) => m >= 0);
  return [...new Set(mins)].sort((a, b) => a - b);
}

/** "bkn-2019 sampai 2022 Triwulan IV, bkn-2024 mulai 2023 Triwulan I": which profile is the default for which periods. */
export function teksMetodeBaku(ps: Pick<ProfilRingkas, "id" | "baku_untuk">[]): string {
  return ps.filter((p) => p.baku_untuk)
    .sort((a, b) =>
      String(a.baku_untuk!.dari ?? "").localeCompare(String(b.baku_untuk!.dari ?? ""))
    )
    .map((p) => {
      const dari = p.baku_untuk!.dari && periode(p.baku_untuk!.dari);
      const sampai = p.baku_untuk!.sampai && periode(p.baku_untuk!.sampai);
      if (dari && sampai) return `${p.id} ${dari} sampai ${sampai}`;
      if (sampai) return `${p.id} sampai ${sampai}`;
      if (dari) return `${p.id} mulai ${dari}`;
      return `${p.id} untuk semua periode`;
    })
    .join(", ");
}
