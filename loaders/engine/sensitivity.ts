/**
 * Sensitivity of the results to the method's assumptions: for every variant profile (one whose
 * `alternatif` names the profile it departs from and the rule it replaces), what switching from
 * the base to the variant does to every instansi, per period. Pure: it reads instansi output rows
 * and profiles and returns the table the site shows and `sensitivitas.csv` holds.
 */
import type { MethodProfile, Tag } from "./method.ts";
import { requiredColumns } from "./method.ts";

/** The instansi output columns this needs (instansi.csv / agg rows). */
export interface InstansiRow {
  periode: string;
  metode: string;
  kode_instansi: string;
  nilai: number;
  kategori: string;
  peringkat: number;
}

export interface SensitivityRow {
  periode: string;
  /** The variant's id, its base and the rule it replaces. */
  metode: string;
  dari: string;
  aturan: string;
  label: string;
  /** The base profile's tag for that rule. */
  tag: Tag | null;
  /** Whether the variant has results in this period (false: it needs a column the data lacks). */
  dapat_dihitung: boolean;
  catatan: string;
  /** Instansi present under both methods. */
  n_instansi: number;
  /** The change (variant − base) of largest size, with its sign; null when not computable. */
  selisih_terbesar: number | null;
  /** Mean change over the instansi, with sign. */
  selisih_rata: number | null;
  /** Mean size of the change. */
  selisih_mutlak_rata: number | null;
  /** Instansi whose category differs between the two. */
  n_ganti_kategori: number | null;
  /** Instansi whose rank differs between the two. */
  n_ganti_peringkat: number | null;
}

/**
 * The tag of the rule at `path` in a profile: the deepest `tag` met on the way down. Path parts
 * that name an item of a list match its `id` (kompetensi.komponen.seminar.jendela).
 */
export function ruleTag(profile: MethodProfile, path: string): Tag | null {
  let node: unknown = profile;
  let tag: Tag | null = null;
  for (const part of path.split(".")) {
    if (node && typeof node === "object" && "tag" in node) tag = (node as { tag: Tag }).tag;
    if (Array.isArray(node)) node = node.find((x) => x && x.id === part);
    else if (node && typeof node === "object") node = (node as Record<string, unknown>)[part];
    else break;
  }
  if (node && typeof node === "object" && "tag" in node) tag = (node as { tag: Tag }).tag;
  return tag;
}

/** One row per (period where the base has results, variant), ordered by period then variant. */
export function sensitivity(rows: InstansiRow[], profiles: MethodProfile[]): SensitivityRow[] {
  const byKey = new Map<string, Map<string, InstansiRow>>();
  for (const r of rows) {
    const k = `${r.periode}|${r.metode}`;
    if (!byKey.has(k)) byKey.set(k, new Map());
    byKey.get(k)!.set(r.kode_instansi, r);
  }
  const periods = [...new Set(rows.map((r) => r.periode))].sort();
  const ids = new Set(profiles.map((p) => p.id));
  const out: SensitivityRow[] = [];
  for (const v of [...profiles].sort((a, b) => a.id.localeCompare(b.id))) {
    const alt = v.alternatif;
    if (!alt || !ids.has(alt.dari)) continue;
    const base = profiles.find((p) => p.id === alt.dari)!;
    const needs = requiredColumns(v).pegawai;
    for (const periode of periods) {
      const b = byKey.get(`${periode}|${base.id}`);
      if (!b) continue;
      const w = byKey.get(`${periode}|${v.id}`);
      const row: SensitivityRow = {
        periode,
        metode: v.id,
        dari: base.id,
        aturan: alt.aturan,
        label: alt.label,
        tag: alt.tag ?? ruleTag(base, alt.aturan),
        dapat_dihitung: !!w,
        catatan: w
          ? ""
          : needs.length
          ? `tidak dapat dihitung: kolom ${needs.join(", ")} tidak ada di data pegawai`
          : "tidak dapat dihitung: varian tidak punya hasil pada periode ini",
        n_instansi: 0,
        selisih_terbesar: null,
        selisih_rata: null,
        selisih_mutlak_rata: null,
        n_ganti_kategori: null,
        n_ganti_peringkat: null,
      };
      if (w) {
        const pairs = [...b.values()].filter((r) => w.has(r.kode_instansi)).map((r) => ({
          b: r,
          w: w.get(r.kode_instansi)!,
        }));
        const d = pairs.map((x) => x.w.nilai - x.b.nilai);
        row.n_instansi = pairs.length;
        if (pairs.length) {
          row.selisih_terbesar = d.reduce((m, x) => (Math.abs(x) > Math.abs(m) ? x : m), 0);
          row.selisih_rata = d.reduce((s, x) => s + x, 0) / d.length;
          row.selisih_mutlak_rata = d.reduce((s, x) => s + Math.abs(x), 0) / d.length;
        }
        row.n_ganti_kategori = pairs.filter((x) => x.w.kategori !== x.b.kategori).length;
        row.n_ganti_peringkat = pairs.filter((x) => x.w.peringkat !== x.b.peringkat).length;
      }
      out.push(row);
    }
  }
  return out.sort((a, b) => a.periode.localeCompare(b.periode) || a.metode.localeCompare(b.metode));
}
