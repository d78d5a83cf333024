/**
 * Values read from free text by the patterns of data/aliases/pola.json: the level of a leadership
 * training from its course name or certificate number, SIASN's latihanStrukturalId, and the level
 * of a punishment from its name. Each pattern carries its source there; a list is compiled to one
 * CASE whose first matching pattern decides. A pattern whose result is null ("recognised, gives
 * no value") yields '' so that a chain of lists (`coalesce`) stops at it; `nullif(…, '')` then
 * makes it the data gap it is.
 */
import { z } from "zod";
import POLA from "../../data/aliases/pola.json" with { type: "json" };
import { caseMap, lit } from "../duck.ts";

const Pola = z.object({
  pola: z.string().min(1),
  sumber: z.array(z.string()).min(1),
  catatan: z.string().optional(),
});
const PolaJenjang = Pola.extend({ jenjang: z.string().nullable() });
const PolaTingkat = Pola.extend({ tingkat: z.enum(["RINGAN", "SEDANG", "BERAT"]).nullable() });

export const PolaFile = z.object({
  $sumber: z.record(z.string(), z.string()),
  normalisasi: z.string(),
  jenjang: z.object({
    pola: z.array(PolaJenjang).min(1),
    pola_nomor: z.array(PolaJenjang).min(1),
    uji: z.array(z.object({ nama: z.string(), jenjang: z.string().nullable() })),
    uji_nomor: z.array(z.object({ nomor: z.string(), jenjang: z.string().nullable() })),
  }),
  latihan_struktural: z.object({
    daftar: z.array(
      z.object({ latihanStrukturalId: z.string(), jenjang: z.string().nullable() }).passthrough(),
    ).min(1),
  }),
  tingkat_hukdis: z.object({
    pola: z.array(PolaTingkat).min(1),
    uji: z.array(z.object({ nama: z.string(), tingkat: z.string().nullable() })),
  }),
});
export const POLA_FILE = PolaFile.parse(POLA);

/** The text as the patterns read it: upper case, every run of other characters one space. */
export const normalised = (x: string) =>
  `trim(regexp_replace(upper(${x}), '[^A-Z0-9]+', ' ', 'g'))`;

/** The first pattern of `list` that matches text `x`: its value, '' for a null one, else NULL. */
function firstMatch(list: { pola: string; value: string | null }[], x: string): string {
  const n = normalised(x);
  return `CASE ${
    list.map((p) => `WHEN regexp_matches(${n}, ${lit(p.pola)}) THEN ${lit(p.value ?? "")}`)
      .join(" ")
  } END`;
}

/** The jenjang a course name states (`pola`), or a certificate number (`pola_nomor`). */
export function jenjangFromName(x: string): string {
  return firstMatch(POLA_FILE.jenjang.pola.map((p) => ({ pola: p.pola, value: p.jenjang })), x);
}
export function jenjangFromNomor(x: string): string {
  return firstMatch(
    POLA_FILE.jenjang.pola_nomor.map((p) => ({ pola: p.pola, value: p.jenjang })),
    x,
  );
}

/**
 * The jenjang of SIASN's latihanStrukturalId: 2–5 PIM IV … I; 1 SEPADA, 6 SESPIM and 7 SESPATI
 * give none (''); 8 "Diklat Struktural Lainnya" and an id not in the list give NULL, so the name
 * and the certificate number are read next.
 */
export function jenjangFromLatihanId(x: string): string {
  return `(${
    caseMap(
      `trim(${x})`,
      POLA_FILE.latihan_struktural.daftar.filter((d) =>
        d.jenjang !== null || d.latihanStrukturalId !== "8"
      )
        .map((d) => [d.latihanStrukturalId, lit(d.jenjang ?? "")] as const),
    )
  })`;
}

/** The tingkat a punishment's name states. */
export function tingkatFromName(x: string): string {
  return firstMatch(
    POLA_FILE.tingkat_hukdis.pola.map((p) => ({ pola: p.pola, value: p.tingkat })),
    x,
  );
}
