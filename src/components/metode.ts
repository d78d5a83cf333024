/**
 * Methods as a reader sees them: by name, BKN's official results apart from the site's own
 * computations. No dependency, so that a page that only names methods loads nothing else.
 */
import { RESMI, RESMI_NAMA } from "../kosakata.js";

/** A method as the site lists it (indeks.json): its id, its profile's name, BKN's own results. */
export interface Metode {
  id: string;
  nama: string;
  resmi?: boolean;
}

/**
 * A method by its name: BKN's own figures are named as such, every other method is a computation
 * of this site ("hitungan situs"), so no page passes one for the other.
 */
export function namaMetode(id: string, daftar: readonly Metode[] = []): string {
  const m = daftar.find((x) => x.id === id);
  if (id === RESMI || m?.resmi) return RESMI_NAMA;
  return `${m?.nama ?? id} (hitungan situs)`;
}

/** The options of a method choice: the page's default first, then every method by its name. */
export function opsiMetode(
  metode: readonly Metode[],
  bakuLabel = "Metode baku periode itu (Resmi BKN bila ada)",
): { value: string; label: string }[] {
  return [
    { value: "baku", label: bakuLabel },
    ...metode.map((m) => ({ value: m.id, label: namaMetode(m.id, metode) })),
  ];
}
