/**
 * The privacy check of a public build: no NIP-like number, no name from the raw exports, no
 * per-person table. It scans every file of the output folder and reports what it finds; a
 * spreadsheet (.xlsx, compressed) sheet by sheet, as its cells read.
 */
import { join, relative } from "node:path";
import { KOLOM, KOLOM_PRIBADI, type NamaKolom } from "../../src/keluaran.ts";
import { bacaLembar } from "./xlsx.ts";

/** 18 digits whose first 8 form a plausible birth date (19xx/20xx, month 01-12, day 01-31). */
const NIP_RE =
  /(?<![0-9])(19[4-9][0-9]|20[0-2][0-9])(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{10}(?![0-9])/;
/**
 * Per-person fields: a public CSV must not carry one in its header (the output catalogue's
 * per-person columns, plus spellings of a name column from raw exports). A public JSON must not
 * have a NIP key: aggregate JSON uses `nama` for categories and `resmi` for reported figures, so
 * only the person's identifier marks per-person JSON.
 */
const PERSON_FIELDS = new Set([...KOLOM_PRIBADI, "nama_pegawai", "nama_asn"]);
const PERSON_KEY_RE = /"(nip|nip_baru|nipbaru|nama_pegawai|nama_asn)"\s*:/i;

function personField(file: string, text: string): string | null {
  if (/\.(csv|tsv)$/i.test(file)) {
    const header = text.slice(0, text.search(/\r?\n|$/)).replace(/^\uFEFF/, "");
    const cells = header.split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, "").toLowerCase());
    return cells.find((c) => PERSON_FIELDS.has(c)) ?? null;
  }
  if (/\.json$/i.test(file)) return PERSON_KEY_RE.exec(text)?.[1] ?? null;
  return null;
}

/** A spreadsheet's header holds labels: a per-person column's Indonesian label ("NIP", "Nama") marks it too. */
const PERSON_HEADERS = new Set([
  ...PERSON_FIELDS,
  ...KOLOM_PRIBADI.map((n) => KOLOM[n as NamaKolom].label.toLowerCase()),
]);

export interface Finding {
  file: string;
  problem: string;
}

const TEXT = /\.(html|js|css|json|csv|tsv|txt|md|svg|xml|map)$/i;

/** Lower-cased names of at least two words; one-word names are too common to search for. */
export function nameSet(names: Iterable<string | null>): Set<string> {
  const out = new Set<string>();
  for (const n of names) {
    const words = (n ?? "").toLowerCase().normalize("NFKC").split(/[^\p{L}']+/u).filter(Boolean);
    if (words.length >= 2) out.add(words.join(" "));
  }
  return out;
}

/** The first words of the names: a phrase is built only from a word that starts one. */
const FIRST_WORDS = new WeakMap<Set<string>, Set<string>>();
function firstWords(names: Set<string>): Set<string> {
  let first = FIRST_WORDS.get(names);
  if (!first) FIRST_WORDS.set(names, first = new Set([...names].map((n) => n.split(" ")[0])));
  return first;
}

function findName(text: string, names: Set<string>, longest: number): string | null {
  const words = text.toLowerCase().normalize("NFKC").split(/[^\p{L}']+/u).filter(Boolean);
  const first = firstWords(names);
  for (let i = 0; i < words.length; i++) {
    if (!first.has(words[i])) continue;
    let phrase = words[i];
    for (let n = 2; n <= longest && i + n <= words.length; n++) {
      phrase += " " + words[i + n - 1];
      if (names.has(phrase)) return phrase;
    }
  }
  return null;
}

export function scanText(file: string, text: string, names: Set<string>, longest = 4): Finding[] {
  const found: Finding[] = [];
  const nip = NIP_RE.exec(text);
  if (nip) found.push({ file, problem: `NIP-like number ${nip[0].slice(0, 8)}… ` });
  const field = personField(file, text);
  if (field) found.push({ file, problem: `per-person field "${field}"` });
  const name = names.size ? findName(text, names, longest) : null;
  if (name) {
    found.push({ file, problem: `a name from the raw exports ("${name.split(" ")[0]} …")` });
  }
  return found;
}

/**
 * One sheet's rows of cell texts: NIP-like numbers and names anywhere, a per-person column in its
 * header (the first row of two or more filled cells; a source line above it fills one).
 */
export function scanSheet(
  file: string,
  rows: string[][],
  names: Set<string>,
  longest = 4,
): Finding[] {
  const found = scanText(file, rows.map((r) => r.join("\t")).join("\n"), names, longest);
  const header = rows.find((r) => r.filter((c) => c.trim()).length >= 2) ?? [];
  const field = header.map((c) => c.trim().toLowerCase()).find((c) => PERSON_HEADERS.has(c));
  if (field) found.push({ file, problem: `per-person field "${field}"` });
  return found;
}

export async function scanDir(dir: string, names: Set<string>): Promise<Finding[]> {
  const longest = Math.max(2, ...[...names].slice(0, 50000).map((n) => n.split(" ").length));
  const found: Finding[] = [];
  const walk = async (d: string) => {
    for await (const e of Deno.readDir(d)) {
      const path = join(d, e.name);
      if (e.isDirectory) await walk(path);
      else if (e.isFile && TEXT.test(e.name)) {
        found.push(...scanText(relative(dir, path), await Deno.readTextFile(path), names, longest));
      } else if (e.isFile && /\.xlsx$/i.test(e.name)) {
        for await (const sheet of bacaLembar(path)) {
          found.push(
            ...scanSheet(`${relative(dir, path)}#${sheet.nama}`, sheet.baris, names, longest),
          );
        }
      } else if (e.isFile && /\.parquet$/i.test(e.name)) {
        found.push(
          ...scanText(
            relative(dir, path),
            new TextDecoder("latin1").decode(await Deno.readFile(path)),
            names,
            longest,
          ),
        );
      }
    }
  };
  await walk(dir);
  return found;
}
