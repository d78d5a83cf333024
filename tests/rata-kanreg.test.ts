/**
 * The Kanreg average on a site wider than one Kanreg (src/components/rataKanreg.ts), on a table
 * small enough to compute by hand.
 */
import assert from "node:assert/strict";
import { rataKanreg } from "../src/components/rataKanreg.ts";

const prov = (kode_provinsi: string, n_asn: number, nilai: number | null, periode = "2025-Q4") => ({
  periode,
  metode: "bkn-2024",
  kode_provinsi,
  n_asn,
  nilai,
});
const kanreg = [
  { kode_provinsi: "73", kanreg: "IV" },
  { kode_provinsi: "74", kanreg: "IV" },
  { kode_provinsi: "64", kanreg: "VIII" },
  { kode_provinsi: "31", kanreg: "" }, // no source read: no Kanreg
];

Deno.test("a Kanreg's mean weights each province's mean by its ASN", () => {
  // IV: (60 × 100 + 70 × 300) / 400 = (6000 + 21000) / 400 = 67.5; VIII: 80 alone.
  const r = rataKanreg([prov("73", 100, 60), prov("74", 300, 70), prov("64", 50, 80)], kanreg);
  assert.deepEqual(r.map((x) => [x.kanreg, x.n_asn, x.jumlah_provinsi, x.nilai]), [
    ["IV", 400, 2, 67.5],
    ["VIII", 50, 1, 80],
  ]);
});

Deno.test("provinces without a Kanreg or without a value are left out; periods stay apart", () => {
  const r = rataKanreg([
    prov("31", 1000, 90),
    prov("73", 10, null),
    prov("74", 20, 50),
    prov("74", 20, 55, "2025-Q3"),
  ], kanreg);
  assert.deepEqual(r.map((x) => [x.periode, x.kanreg, x.jumlah_provinsi, x.nilai]), [
    ["2025-Q3", "IV", 1, 55],
    ["2025-Q4", "IV", 1, 50],
  ]);
  assert.deepEqual(rataKanreg([prov("31", 10, 70)], kanreg), []);
});
