/** The sensitivity table on a tiny hand-made instansi table, with answers computed by hand. */
import assert from "node:assert/strict";
import { loadProfiles, type MethodProfile } from "../loaders/engine/method.ts";
import { type InstansiRow, ruleTag, sensitivity } from "../loaders/engine/sensitivity.ts";

const shipped = await loadProfiles("data/methods");
const base = shipped.find((p) => p.id === "bkn-2024")!;
const variant: MethodProfile = {
  ...base,
  id: "v",
  baku_untuk: null,
  alternatif: { dari: "bkn-2024", aturan: "disiplin.jendela", label: "Lima tahun" },
};
const needsColumn = shipped.find((p) => p.id === "bkn-2024-kualifikasi-syarat")!;

const r = (
  periode: string,
  metode: string,
  kode: string,
  nilai: number,
  kategori: string,
  peringkat: number,
): InstansiRow => ({ periode, metode, kode_instansi: kode, nilai, kategori, peringkat });

Deno.test("largest and mean change, category and rank moves, per period and variant", () => {
  const rows = [
    // 2024: A 80.50 → 81.25 (Sedang → Tinggi), B 82.00 → 81.50, C 70.00 → 70.00.
    // Ranks: base B 1, A 2, C 3; variant A 1, B 2, C 3 → A and B move.
    r("2024", "bkn-2024", "A", 80.5, "Sedang", 2),
    r("2024", "bkn-2024", "B", 82, "Tinggi", 1),
    r("2024", "bkn-2024", "C", 70, "Rendah", 3),
    r("2024", "v", "A", 81.25, "Tinggi", 1),
    r("2024", "v", "B", 81.5, "Tinggi", 2),
    r("2024", "v", "C", 70, "Rendah", 3),
    // 2023: the variant has no results at all.
    r("2023", "bkn-2024", "A", 75, "Sedang", 1),
  ];
  const t = sensitivity(rows, [base, variant, needsColumn]);
  const y2024 = t.find((x) => x.periode === "2024" && x.metode === "v")!;
  // Changes: +0.75, −0.5, 0 → largest +0.75; mean 0.25/3; mean size 1.25/3.
  assert.equal(y2024.n_instansi, 3);
  assert.equal(y2024.selisih_terbesar, 0.75);
  assert.ok(Math.abs(y2024.selisih_rata! - 0.25 / 3) < 1e-12);
  assert.ok(Math.abs(y2024.selisih_mutlak_rata! - 1.25 / 3) < 1e-12);
  assert.equal(y2024.n_ganti_kategori, 1);
  assert.equal(y2024.n_ganti_peringkat, 2);
  assert.equal(y2024.tag, "asumsi"); // disiplin's own tag: no finer one given
  const y2023 = t.find((x) => x.periode === "2023" && x.metode === "v")!;
  assert.equal(y2023.dapat_dihitung, false);
  assert.equal(y2023.selisih_terbesar, null);
  // A variant that needs a missing column says so, in every period its base has results.
  const syarat = t.filter((x) => x.metode === "bkn-2024-kualifikasi-syarat");
  assert.deepEqual(syarat.map((x) => x.periode), ["2023", "2024"]);
  assert.match(syarat[0].catatan, /kolom syarat_pendidikan tidak ada/);
  // Order: period, then variant.
  assert.deepEqual(t.map((x) => `${x.periode} ${x.metode}`), [
    "2023 bkn-2024-kualifikasi-syarat",
    "2023 v",
    "2024 bkn-2024-kualifikasi-syarat",
    "2024 v",
  ]);
});

Deno.test("a rule's tag is the deepest tag on its path; list parts match item ids", () => {
  const b19 = shipped.find((p) => p.id === "bkn-2019")!;
  assert.equal(ruleTag(b19, "kompetensi.komponen.seminar.jendela"), "sebagian");
  assert.equal(ruleTag(b19, "kategori.aturan"), "sumber");
  assert.equal(ruleTag(b19, "disiplin.jendela"), "asumsi");
  assert.equal(ruleTag(b19, "disiplin.varian.bertingkat.BERAT"), "sebagian");
  // A finer tag given by the variant wins (berat 0 is the assumption inside a sebagian rule).
  const v321 = shipped.find((p) => p.id === "bkn-2024-disiplin-321")!;
  assert.equal(v321.alternatif?.tag, "asumsi");
});
