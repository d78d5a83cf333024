/**
 * A colour per entity, the same on every chart and whatever else is selected (issue #21: series
 * colours were reassigned when the selection changed). No Plot here: Beranda's light chart uses it.
 */

/** Colour-blind-safe categorical palette (Observable's "observable10", Plot's default). */
export const PALET = [
  "#4269d0",
  "#efb118",
  "#ff725c",
  "#6cc5b0",
  "#3ca951",
  "#ff8ab7",
  "#a463f2",
  "#97bbf5",
  "#9c6b4e",
  "#9498a0",
];

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * A colour per series that depends on the series' own name, not on what else is selected: adding
 * Kota Tarakan does not recolour Kota Bontang. Two names whose colours collide in one chart are
 * separated by taking the next free colour, in name order (the only case a colour depends on the
 * selection).
 */
export function warnaSeri(keys: readonly string[], palet = PALET): Record<string, string> {
  const out: Record<string, string> = {};
  const used = new Set<number>();
  for (const k of [...new Set(keys)].sort()) {
    let i = hash(k) % palet.length;
    for (let n = 0; used.has(i) && n < palet.length; n++) i = (i + 1) % palet.length;
    used.add(i);
    out[k] = palet[i];
  }
  return out;
}
