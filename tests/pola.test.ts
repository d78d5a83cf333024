/**
 * data/aliases/pola.json: every test string of each pattern list gives its expected value when the
 * compiled SQL (loaders/engine/pola.ts) runs in DuckDB, so a pattern edit that breaks a real
 * course name, certificate number or punishment name fails here. Every pattern names a source.
 */
import assert from "node:assert/strict";
import { Db, lit } from "../loaders/duck.ts";
import {
  jenjangFromLatihanId,
  jenjangFromName,
  jenjangFromNomor,
  POLA_FILE,
  tingkatFromName,
} from "../loaders/engine/pola.ts";

async function values(sql: (x: string) => string, inputs: string[]): Promise<(string | null)[]> {
  const db = await Db.open();
  try {
    const rows = await db.all<{ v: string | null }>(
      `SELECT nullif(${sql("x")}, '') AS v FROM (VALUES ${
        inputs.map((s, i) => `(${i}, ${lit(s)})`).join(", ")
      }) t(i, x) ORDER BY i`,
    );
    return rows.map((r) => r.v);
  } finally {
    db.close();
  }
}

Deno.test("leadership levels from course names: every test string of pola.json", async () => {
  const uji = POLA_FILE.jenjang.uji;
  assert.ok(uji.length >= 50);
  const got = await values(jenjangFromName, uji.map((u) => u.nama));
  uji.forEach((u, i) => assert.equal(got[i], u.jenjang, u.nama));
});

Deno.test("leadership levels from certificate numbers", async () => {
  const uji = POLA_FILE.jenjang.uji_nomor;
  const got = await values(jenjangFromNomor, uji.map((u) => u.nomor));
  uji.forEach((u, i) => assert.equal(got[i], u.jenjang, u.nomor));
});

Deno.test("punishment levels from their names (PP 94/2021, PP 53/2010)", async () => {
  const uji = POLA_FILE.tingkat_hukdis.uji;
  const got = await values(tingkatFromName, uji.map((u) => u.nama));
  uji.forEach((u, i) => assert.equal(got[i], u.tingkat, u.nama));
});

Deno.test("latihanStrukturalId: 2-5 give PIM IV to I, 1/6/7 give no level, 8 and unknown ids read on", async () => {
  const db = await Db.open();
  try {
    const rows = await db.all<{ v: string | null }>(
      `SELECT ${
        jenjangFromLatihanId("x")
      } AS v FROM (VALUES (1, '2'), (2, '5'), (3, '1'), (4, '7'), (5, '8'), (6, '99')) t(i, x) ORDER BY i`,
    );
    assert.deepEqual(rows.map((r) => r.v), ["PIM_IV", "PIM_I", "", "", null, null]);
  } finally {
    db.close();
  }
});

Deno.test("every pattern names its source, and every source is described", () => {
  const lists = [
    ...POLA_FILE.jenjang.pola,
    ...POLA_FILE.jenjang.pola_nomor,
    ...POLA_FILE.tingkat_hukdis.pola,
  ];
  for (const p of lists) {
    for (const s of p.sumber) assert.ok(POLA_FILE.$sumber[s], `source ${s} of ${p.pola}`);
  }
});
