/**
 * src/components/plot.js, the site's own cut of Observable Plot (scripts/plot.ts): what the script
 * writes from the locked node_modules, and holding every member the charts call.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { ANGGOTA, bundelPlot, KELUARAN } from "../scripts/plot.ts";

const ROOT = new URL("../", import.meta.url).pathname;

Deno.test("src/components/plot.js is what scripts/plot.ts writes (run it after a Plot upgrade or a new mark)", async () => {
  assert.ok(
    Deno.readTextFileSync(KELUARAN) === await bundelPlot(),
    "stale: deno run -A scripts/plot.ts",
  );
});

Deno.test("every Plot member a chart calls is in the site's cut of Plot, and typed", async () => {
  const dipakai = new Set<string>();
  for (const e of Deno.readDirSync(join(ROOT, "src/components"))) {
    if (!e.name.endsWith(".ts") || e.name.endsWith(".d.ts")) continue;
    const text = Deno.readTextFileSync(join(ROOT, "src/components", e.name));
    assert.doesNotMatch(text, /from "@observablehq\/plot"/, `${e.name} imports the whole of Plot`);
    for (const m of text.matchAll(/\bPlot\.([a-z]\w*)\s*\(/g)) dipakai.add(m[1]);
  }
  assert.ok(dipakai.size >= 10, [...dipakai].join(" "));
  assert.deepEqual([...dipakai].filter((x) => !(ANGGOTA as readonly string[]).includes(x)), []);
  const mod = await import(KELUARAN);
  assert.deepEqual(Object.keys(mod).sort(), [...ANGGOTA].sort());
  const dts = Deno.readTextFileSync(join(ROOT, "src/components/plot.d.ts"));
  for (const a of ANGGOTA) assert.match(dts, new RegExp(`\\b${a},`), `${a} is typed in plot.d.ts`);
});
