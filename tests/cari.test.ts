/**
 * Finding an instansi by a short form (src/components/cari.ts), checked against every name of the
 * national reference: each form must find the government people mean and nothing it should not.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { csvParse } from "d3-dsv";
import { bentukSingkatan, cocokNama, singkatanDari } from "../src/components/cari.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const names = csvParse(
  Deno.readTextFileSync(join(ROOT, "data/reference/wilayah-nasional.csv")),
).map((r) => r.nama_instansi!);
const found = (q: string) =>
  names.filter((n) => singkatanDari(q, n)).map((n) =>
    n.replace(/^Pemerintah (Provinsi|Kabupaten|Kota) /, "")
  );

Deno.test("a short form is a piece from the start of every word, in order", () => {
  assert.deepEqual(found("Kukar"), ["Kutai Kartanegara"]);
  assert.deepEqual(found("Kubar"), ["Kutai Barat"]);
  assert.deepEqual(found("PPU"), ["Penajam Paser Utara"]);
  assert.deepEqual(found("HSS"), ["Hulu Sungai Selatan"]);
  assert.deepEqual(found("HST"), ["Hulu Sungai Tengah"]);
  assert.deepEqual(found("Kaltim"), ["Kalimantan Timur"]);
  assert.deepEqual(found("kalsel"), ["Kalimantan Selatan"]);
  assert.deepEqual(found("Jateng"), ["Jawa Tengah"]);
  assert.deepEqual(found("NTT"), ["Nusa Tenggara Timur"]);
  assert.deepEqual(found("Gumas"), ["Gunung Mas"]);
});

Deno.test("a vowel may drop from the start of a word, 'Kepulauan' may be left out", () => {
  assert.deepEqual(found("Kaltara"), ["Kalimantan Utara"]);
  assert.deepEqual(found("Babel"), ["Kepulauan Bangka Belitung"]);
  assert.deepEqual(found("Kepri"), ["Kepulauan Riau"]);
  assert.deepEqual(found("DIY"), ["Daerah Istimewa Yogyakarta"]);
  // A single letter from a word without its vowel would make HST find Hulu Sungai (u)Tara too.
  assert.ok(!singkatanDari("HST", "Pemerintah Kabupaten Hulu Sungai Utara"));
});

Deno.test("every word must give a piece; an ambiguous form finds every government it fits", () => {
  assert.ok(!singkatanDari("Kukar", "Pemerintah Kabupaten Kutai Barat"));
  assert.ok(!singkatanDari("Ku", "Pemerintah Kabupaten Kutai Kartanegara Raya"));
  assert.deepEqual(found("Sumbar"), ["Sumatera Barat", "Sumbawa Barat", "Sumba Barat"]);
  assert.deepEqual(found("Mura"), ["Musi Rawas", "Murung Raya"]);
  // One-word names: a short form would be a prefix, which the plain search finds.
  assert.deepEqual(found("Balik"), []);
});

Deno.test("a name matches part of itself, a short form of itself, or an empty query", () => {
  const n = "Pemerintah Kabupaten Kutai Kartanegara";
  assert.ok(cocokNama(n, ""));
  assert.ok(cocokNama(n, "kartanegara"));
  assert.ok(cocokNama(n, "  KUTAI   kart"));
  assert.ok(cocokNama(n, "Kukar"));
  assert.ok(!cocokNama(n, "Kutim"));
  assert.ok(cocokNama("Pemerintah Kota Balikpapan", "balikpapan"));
});

Deno.test("the search index gets the initials and the two-word short forms", () => {
  const f = bentukSingkatan("Pemerintah Kabupaten Kutai Kartanegara");
  assert.ok(f.includes("kk") && f.includes("kukar") && f.includes("kutakart"));
  assert.deepEqual(bentukSingkatan("Pemerintah Kabupaten Penajam Paser Utara"), ["ppu"]);
  assert.deepEqual(bentukSingkatan("Pemerintah Kota Balikpapan"), []);
  // Every form it indexes is one the filter rule accepts.
  for (const n of names) {
    for (const s of bentukSingkatan(n)) assert.ok(singkatanDari(s, n), `${s} ${n}`);
  }
});
