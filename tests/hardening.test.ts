/**
 * Hostile and broken inputs: every case of tests/fixtures/bad/ gets exactly its expected outcome
 * (a fatal message naming the file and the fix, or these rows quarantined with these reasons),
 * the accounting invariant holds, and no case crashes, hangs or balloons in memory.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { InputError } from "../loaders/errors.ts";
import { runPipeline } from "../loaders/engine/pipeline.ts";
import { queryOut, tempDir } from "./helpers/fixture.ts";

const CORPUS = new URL("./fixtures/bad/", import.meta.url).pathname;

interface Expected {
  description: string;
  fatal?: string;
  quarantine?: [string, number, string | null, string, string?][];
  used?: Record<string, number>;
  read?: Record<string, number>;
  notes?: Record<string, string>;
  gaps?: Record<string, Record<string, number>>;
  recipe?: string;
}

function copyDir(from: string, to: string): void {
  Deno.mkdirSync(to, { recursive: true });
  for (const e of Deno.readDirSync(from)) {
    if (e.isDirectory) copyDir(join(from, e.name), join(to, e.name));
    else Deno.copyFileSync(join(from, e.name), join(to, e.name));
  }
}

/** The two cases too large to commit are made here. */
async function applyRecipe(recipe: string, period: string): Promise<void> {
  const file = join(period, "pegawai.csv");
  const text = Deno.readTextFileSync(file);
  if (recipe === "huge-field") {
    const f = await Deno.open(file, { append: true });
    const chunk = new TextEncoder().encode("x".repeat(1 << 20));
    await f.write(new TextEncoder().encode("198811112012121004,Dodi,PNS,6474,U1,"));
    for (let i = 0; i < 50; i++) await f.write(chunk);
    await f.write(new TextEncoder().encode(",PELAKSANA,Staf,S1\n"));
    f.close();
  } else if (recipe === "ten-thousand-columns") {
    const extra = (n: number, v: (i: number) => string) =>
      Array.from({ length: n }, (_, i) => v(i)).join(",");
    const lines = text.trim().split("\n");
    const n = 10000 - 9;
    Deno.writeTextFileSync(
      file,
      [
        lines[0] + "," + extra(n, (i) => `kolom_${i}`),
        ...lines.slice(1).map((l) => l + "," + extra(n, (i) => String(i % 7))),
      ].join("\n") + "\n",
    );
  } else if (recipe === "nul-padding") {
    // An interrupted copy: 100 KB of rows (lines 1-1004), then NUL bytes where the rest should be.
    const row =
      "198811112012121004,Pegawai Contoh Dengan Nama Cukup Panjang,PNS,6474,U1,Dinas,PELAKSANA,Staf,S1\n";
    Deno.writeTextFileSync(file, text + row.repeat(1000));
    const f = await Deno.open(file, { append: true });
    await f.write(new Uint8Array(16384));
    f.close();
  } else throw new Error(`unknown recipe ${recipe}`);
}

const cases = [...Deno.readDirSync(CORPUS)].filter((e) => e.isDirectory).map((e) => e.name).sort();

Deno.test("the bad-input corpus has at least 40 cases", () => {
  assert.ok(cases.length >= 40, `${cases.length} cases`);
});

for (const name of cases) {
  const expected: Expected = JSON.parse(Deno.readTextFileSync(join(CORPUS, name, "expected.json")));
  Deno.test(`bad input: ${name} (${expected.description})`, async () => {
    let raw = join(CORPUS, name, "raw");
    if (expected.recipe) {
      const tmp = await tempDir();
      copyDir(raw, join(tmp, "raw"));
      raw = join(tmp, "raw");
      await applyRecipe(expected.recipe, join(raw, "2024-Q3"));
    }
    const out = join(await tempDir(), "out");
    const t0 = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = runPipeline({ raw, out, maxQuarantineShare: 1 });
    const hang = new Promise<never>((
      _,
      reject,
    ) => (timer = setTimeout(() => reject(new Error(`${name}: no answer within 120 s`)), 120_000)));
    try {
      if (expected.fatal) {
        await assert.rejects(Promise.race([run, hang]), (e: Error) => {
          assert.ok(e instanceof InputError, `${name}: expected an input error, got ${e.stack}`);
          assert.match(e.message, new RegExp(expected.fatal!, "s"));
          assert.match(e.message, /\n {2}Fix: /);
          return true;
        });
        return;
      }
      const r = await Promise.race([run, hang]);
      const acc = r.accounting["2024-Q3"];
      for (const [t, a] of Object.entries(acc)) {
        assert.equal(a.read, a.used + a.quarantined, `${name}: accounting of ${t}`);
      }
      const q = await queryOut<
        { tabel: string; file: string; line: string; column: string | null; reason: string }
      >(
        out,
        `SELECT tabel, file, line, "column", reason FROM read_csv('{out}/quarantine.csv', all_varchar = true) ORDER BY tabel, CAST(line AS BIGINT)`,
      );
      const want = expected.quarantine ?? [];
      assert.equal(q.length, want.length, `${name}: quarantined ${JSON.stringify(q)}`);
      want.forEach(([tabel, line, column, reason, file], i) => {
        assert.equal(q[i].tabel, tabel, name);
        if (file) assert.match(q[i].file, new RegExp(`(^|/)${file}$`), `${name}: file`);
        assert.equal(Number(q[i].line), line, `${name}: line`);
        assert.equal(q[i].column ?? null, column, `${name}: column`);
        assert.match(q[i].reason, new RegExp(reason), name);
      });
      for (const [t, n] of Object.entries(expected.used ?? {})) {
        assert.equal(acc[t as keyof typeof acc]!.used, n, `${name}: used ${t}`);
      }
      for (const [t, n] of Object.entries(expected.read ?? {})) {
        assert.equal(acc[t as keyof typeof acc]!.read, n, `${name}: read ${t}`);
      }
      for (const [t, cols] of Object.entries(expected.gaps ?? {})) {
        for (const [c, n] of Object.entries(cols)) {
          assert.equal(acc[t as keyof typeof acc]!.gaps[c], n, `${name}: gaps ${t}.${c}`);
        }
      }
      for (const [t, re] of Object.entries(expected.notes ?? {})) {
        assert.ok(
          acc[t as keyof typeof acc]!.notes.some((x) => new RegExp(re).test(x)),
          `${name}: notes of ${t}: ${acc[t as keyof typeof acc]!.notes}`,
        );
      }
    } finally {
      clearTimeout(timer);
    }
    assert.ok(Deno.memoryUsage().rss < 4 * 1024 ** 3, `${name}: memory ${Deno.memoryUsage().rss}`);
    assert.ok(performance.now() - t0 < 120_000);
  });
}
