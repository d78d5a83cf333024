import assert from "node:assert/strict";
import { Db, lit } from "../loaders/duck.ts";
import { cleanView } from "../loaders/engine/derive.ts";
import { emptyRawTable } from "../loaders/engine/ingest.ts";
import type { TableName } from "../loaders/engine/contract.ts";

/** The notes of `cleanView` on a raw table holding `rows` (column → values, in that order). */
async function habits(table: TableName, rows: Record<string, (string | null)[]>) {
  const db = await Db.open();
  try {
    await emptyRawTable(db, table);
    const cols = Object.keys(rows);
    const n = Math.max(...cols.map((c) => rows[c].length));
    for (let i = 0; i < n; i++) {
      await db.run(
        `INSERT INTO raw_${table} (_file, _line, ${cols.join(", ")}) VALUES (0, ${i + 2}, ${
          cols.map((c) => lit(rows[c][i] ?? null)).join(", ")
        })`,
      );
    }
    return await cleanView(db, table);
  } finally {
    db.close();
  }
}

// Columns whose least and greatest values leave no room for a habit are not counted: a habit must
// be found wherever its values sort among the column's, the least, the greatest or between.
Deno.test("an office habit is found wherever its values sort among the column's", async () => {
  const wrapped = '="198811112012121004"';
  assert.deepEqual(await habits("pegawai", { nip: [wrapped] }), [
    `1 nip cell(s) saved as ="…" (Excel's keep-as-text) read without the wrapper`,
  ]);
  assert.deepEqual(
    await habits("pegawai", { nip: ["198811112012121005", wrapped, "Z"] }),
    [`1 nip cell(s) saved as ="…" (Excel's keep-as-text) read without the wrapper`],
  );
  // The bound itself: a cell that is only the wrapper's opening.
  assert.deepEqual(await habits("pegawai", { nip: ['="', "1"] }), [
    `1 nip cell(s) saved as ="…" (Excel's keep-as-text) read without the wrapper`,
  ]);
  assert.deepEqual(await habits("hukdis", { akhir: ["0000-00-00"] }), [
    "1 zero date(s) 0000-00-00 in akhir (an empty date saved by MySQL) read as empty",
  ]);
  assert.deepEqual(await habits("hukdis", { akhir: ["2024-01-01", "00/00/0000", null] }), [
    "1 zero date(s) 0000-00-00 in akhir (an empty date saved by MySQL) read as empty",
  ]);
  assert.deepEqual(await habits("kinerja", { tahun: ["2023.0", "2024"] }), [
    "1 tahun value(s) written as a decimal (2023.0) read as the whole number",
  ]);
  assert.deepEqual(await habits("pegawai", { kode_instansi: ["64.74", "6474"] }), [
    "1 kode_instansi written in Kemendagri's dotted notation (64.74) read without the dot",
  ]);
});

Deno.test("values just outside a habit's range are no habit", async () => {
  // '=' followed by '#' sorts right after '="'; '1…' right after '0…'; both are ordinary values.
  assert.deepEqual(await habits("pegawai", { nip: ["=#1", "=!1", "198811112012121005"] }), []);
  assert.deepEqual(await habits("hukdis", { akhir: ["1000-00-00", "/0"] }), []);
  assert.deepEqual(await habits("pegawai", { nip: [null] }), []);
});
