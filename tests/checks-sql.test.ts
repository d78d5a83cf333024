/**
 * Compiler snapshots of the contract's checks, without DuckDB: every check of every table (its
 * column, its reason code, the SQL that fails a row, the reason) as the validation compiles them, stored under
 * tests/snapshots/checks/<table>.sql and compared as text, so a change to a check shows as a
 * readable diff. UPDATE_SNAPSHOTS=1 rewrites them after an intended change.
 */
import assert from "node:assert/strict";
import { sesuaiSnapshot } from "./helpers/snapshot.ts";
import { TABLE_NAMES } from "../loaders/engine/contract.ts";
import { parsePeriod } from "../loaders/engine/period.ts";
import { checksOf } from "../loaders/engine/checks.ts";

const DIR = new URL("./snapshots/checks/", import.meta.url);

for (const table of TABLE_NAMES) {
  Deno.test(`compiled checks of ${table} match tests/snapshots/checks/${table}.sql`, () => {
    const checks = checksOf(table, parsePeriod("2024-Q3"), ["JABATAN STRUKTURAL"]);
    assert.ok(checks.length > 0);
    for (const c of checks) {
      assert.ok(c.column && c.code && c.fails && c.reason, JSON.stringify(c));
      assert.match(c.code, /^[a-z][a-z0-9_]*$/, "a reason code is snake_case");
    }
    const sql = checks.map((c, i) =>
      `-- ${i + 1}. ${c.column} [${c.code}]${
        c.duplicate ? " (duplicate)" : ""
      }\nWHEN ${c.fails}\nTHEN ${c.reason}`
    ).join("\n\n") + "\n";
    sesuaiSnapshot(new URL(`${table}.sql`, DIR), sql, `the checks of ${table}`);
  });
}
