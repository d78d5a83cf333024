/**
 * Finding an instansi (or unit kerja) by what people type: part of its name ("kartanegara"), or
 * the short form Indonesians write for it. Short forms are not typed in as a list (no source keeps
 * one for 600 governments); they follow how they are made: a piece from the start of each word of
 * the name, in order, leaving out "Pemerintah", "Kabupaten", "Kota", "Provinsi". So "Kukar" is
 * KUtai KARtanegara, "PPU" Penajam Paser Utara, "HSS" Hulu Sungai Selatan, "Kaltim" KALimantan
 * TIMur, "Kotim" KOtawaringin TIMur, "DIY" Daerah Istimewa Yogyakarta; a word starting with a vowel
 * may lose it ("Kaltara" is KALimantan uTARA), and "Kepulauan" may be left out ("Babel"). Every other
 * word must give a piece, so "Kukar" does not find Kutai Barat.
 */

/**
 * Lower case, accents and repeated spaces gone: the form names and queries are compared in
 * ("PALANGKA raya" and "Palangká Raya" both match "palangka raya").
 */
export function kunciCari(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

/** Words a short form leaves out. */
const UMUM = new Set(["pemerintah", "kabupaten", "kab", "kota", "provinsi", "prov"]);

/** The words of a name a short form is made from. */
export function kataSingkatan(nama: string): string[] {
  return kunciCari(nama).replace(/[^a-z0-9 ]/g, " ").split(" ").filter((w) => w && !UMUM.has(w));
}

/** Whether `q` is a short form of `nama`: one non-empty piece from the start of each word, in order. */
export function singkatanDari(q: string, nama: string): boolean {
  const s = kunciCari(q).replace(/[^a-z0-9]/g, "");
  const kata = kataSingkatan(nama);
  // "Kepulauan" may be left out: Babel is Kepulauan BAngka BELitung (Kepri keeps it).
  if (kata[0] === "kepulauan" && singkatanKata(s, kata.slice(1))) return true;
  return singkatanKata(s, kata);
}

function singkatanKata(s: string, kata: string[]): boolean { // A short form of one word is a prefix, which the plain search already finds.
  if (s.length < 2 || kata.length < 2 || s.length > kata.join("").length) return false;
  const bisa = (i: number, w: number): boolean => {
    if (w === kata.length) return i === s.length;
    if (i === s.length) return false;
    // A word that starts with a vowel may lose it, for a piece of two letters or more.
    const starts = /^[aeiou]/.test(kata[w]) ? [[kata[w], 1], [kata[w].slice(1), 2]] as const : [
      [kata[w], 1],
    ] as const;
    for (const [word, min] of starts) {
      for (let n = Math.min(word.length, s.length - i); n >= min; n--) {
        if (s.startsWith(word.slice(0, n), i) && bisa(i + n, w + 1)) return true;
      }
    }
    return false;
  };
  return bisa(0, 0);
}

/** A name matches a query that is part of it or a short form of it; an empty query matches all. */
export function cocokNama(nama: string, q: string): boolean {
  const key = kunciCari(q);
  return !key || kunciCari(nama).includes(key) || singkatanDari(key, nama);
}

/**
 * Short forms to put beside a name in the site search's index (which matches words, not this
 * rule): the initials of a name of two words or more ("PPU", "HSS") and, for a name of two words,
 * every pair of 2–4-letter starts ("Kukar", "Kaltim", "Kalteng"). Longer forms are left to the
 * filters on the pages, which apply the rule itself.
 */
export function bentukSingkatan(nama: string): string[] {
  const kata = kataSingkatan(nama);
  if (kata.length < 2) return [];
  const out = new Set([kata.map((w) => w[0]).join("")]);
  if (kata.length === 2) {
    for (let a = 2; a <= Math.min(4, kata[0].length); a++) {
      for (let b = 2; b <= Math.min(4, kata[1].length); b++) {
        out.add(kata[0].slice(0, a) + kata[1].slice(0, b));
      }
    }
  }
  return [...out];
}
