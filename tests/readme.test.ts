/**
 * The README is the user's manual: its generated sections (every task's options, the accepted
 * codes) equal what the code holds, and it stays a manual a new user reads (600 lines at most).
 */
import assert from "node:assert/strict";
import { README, renderReadme } from "../scripts/readme.ts";

Deno.test("the README's generated sections are current (deno run -A scripts/readme.ts)", async () => {
  const text = Deno.readTextFileSync(README);
  assert.equal(await renderReadme(text), text);
});

Deno.test("the README is at most 600 lines and names the commands a user runs", () => {
  const text = Deno.readTextFileSync(README);
  assert.ok(text.split("\n").length <= 601, `${text.split("\n").length} lines`);
  for (
    const c of ["npm ci", "npx deno task build", "npx deno task test", "npx deno task periksa"]
  ) {
    assert.ok(text.includes(c), c);
  }
});
