/**
 * The code alias tables: data/aliases/kode.json (our codes, the file a user extends) merged with
 * SIASN's coded values (data/aliases/siasn.json, imported so that the period cache keys on it).
 */
import SIASN from "../../data/aliases/siasn.json" with { type: "json" };
import type { AliasKind } from "./contract.ts";

/** Alias kinds of the contract's code columns plus the ones that feed derivations. */
export type Kind =
  | AliasKind
  | "eselon"
  | "jabatan_struktural"
  | "kedudukan_hukum"
  | "kuadran";
export type Aliases = Partial<Record<Kind, Record<string, string[]>>>;

/** The file a user extends with a spelling of their own (quarantine reasons name it). */
export const ALIAS_FILE = "data/aliases/kode.json";

/** PP 46/2011 bands of the legacy numeric SKP (data/aliases/siasn.json). */
export const PITA_PP46 = (SIASN as unknown as {
  $pita_nilai_prestasi_kerja: { maks: number; pita: { min: number; predikat: string }[] };
}).$pita_nilai_prestasi_kerja;

/** The normalisation used on both sides of an alias match: upper case, no dots, punctuation as one space. */
export function normaliseCode(s: string): string {
  return s.toUpperCase().replaceAll(".", "").replace(/[^A-Z0-9]+/g, " ").trim();
}

/** Drop the `$` keys (comments, sources) of an alias file, at both levels. */
function stripMeta(json: Record<string, unknown>): Aliases {
  const out: Record<string, Record<string, string[]>> = {};
  for (const [kind, codes] of Object.entries(json)) {
    if (kind.startsWith("$")) continue;
    out[kind] = Object.fromEntries(
      Object.entries(codes as Record<string, string[]>).filter(([k]) => !k.startsWith("$")),
    );
  }
  return out as Aliases;
}

/**
 * The alias tables: the file at `path` (data/aliases/kode.json by default) merged with SIASN's
 * coded values (data/aliases/siasn.json, imported so that the period cache keys on it).
 */
export async function loadAliases(path: string): Promise<Aliases> {
  const own = stripMeta(JSON.parse(await Deno.readTextFile(path)));
  const siasn = stripMeta(SIASN as unknown as Record<string, unknown>);
  const merged: Aliases = { ...own };
  for (const [kind, codes] of Object.entries(siasn) as [Kind, Record<string, string[]>][]) {
    const into = merged[kind] = { ...(merged[kind] ?? {}) };
    for (const [code, list] of Object.entries(codes)) into[code] = [...(into[code] ?? []), ...list];
  }
  return merged;
}
