/**
 * Facts the pages read from the method profiles (the build's summary of each, in indeks.json or a
 * report card's file: loaders/publish/halaman.ts) rather than typing them: a custom profile with
 * other maxima or other category bands is drawn with its own.
 */
import { periode } from "./format.js";
import { DIMENSI, type Dimensi } from "../kosakata.js";

export { DIMENSI, type Dimensi };

export interface ProfilRingkas {
  id: string;
  nama?: string;
  maks: Record<string, number>;
  batas: { nama: string; min: number }[];
  baku_untuk: { dari: string | null; sampai: string | null } | null;
}

/** The maximum of each dimension under one profile. */
export function maksDimensi(p: Pick<ProfilRingkas, "maks">): Record<Dimensi, number> {
  return Object.fromEntries(DIMENSI.map((d) => [d, p.maks[d]])) as Record<Dimensi, number>;
}

/** The lower bounds of the categories of the given profiles (the open bottom band has none). */
export function batasKategori(ps: Pick<ProfilRingkas, "batas">[]): number[] {
  const mins = ps.flatMap((p) => p.batas.map((b) => b.min)).filter((m) => m >= 0);
  return [...new Set(mins)].sort((a, b) => a - b);
}

/**
 * "Peraturan BKN No. 8/2019 sampai Triwulan IV Tahun 2022, Surat BKN … mulai Triwulan I Tahun
 * 2023": which profile is the default for which periods, each by its name.
 */
export function teksMetodeBaku(ps: Pick<ProfilRingkas, "id" | "nama" | "baku_untuk">[]): string {
  return ps.filter((p) => p.baku_untuk)
    .sort((a, b) =>
      String(a.baku_untuk!.dari ?? "").localeCompare(String(b.baku_untuk!.dari ?? ""))
    )
    .map((p) => {
      const dari = p.baku_untuk!.dari && periode(p.baku_untuk!.dari);
      const sampai = p.baku_untuk!.sampai && periode(p.baku_untuk!.sampai);
      const nama = p.nama ?? p.id;
      if (dari && sampai) return `${nama} ${dari} sampai ${sampai}`;
      if (sampai) return `${nama} sampai ${sampai}`;
      if (dari) return `${nama} mulai ${dari}`;
      return `${nama} untuk semua periode`;
    })
    .join(", ");
}
