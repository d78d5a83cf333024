/**
 * Crash safety: the scoring CLI is killed with SIGKILL at random moments, 20 times. After each
 * kill the published outputs are complete (the previous good ones, or the new ones if the run
 * had finished), never partial; and the next run completes and equals a clean run. Two runs on one
 * output never overlap.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { generate } from "../loaders/demo/generate.ts";
import { recover, runPipeline } from "../loaders/engine/pipeline.ts";
import { Rng } from "../loaders/demo/random.ts";
import { InputError } from "../loaders/errors.ts";
import { nip, tempDir, writePeriod } from "./helpers/fixture.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const PUBLISHED = [
  "instansi.csv",
  "unit.csv",
  "provinsi.csv",
  "kanreg.csv",
  "quarantine.csv",
  "accounting.json",
  "manifest.json",
];

function snapshot(out: string): string {
  return PUBLISHED.map((f) => `${f}:${Deno.readTextFileSync(join(out, f))}`).join("\n");
}

Deno.test({
  name:
    "SIGKILL at random points, 20 times: outputs stay whole and the next run equals a clean one",
  sanitizeResources: false,
  fn: async () => {
    const root = await tempDir("ipasn-crash-");
    const demo = join(root, "demo");
    await generate({ out: demo, only: ["6474", "6504", "65"] });
    const raw = join(root, "raw");
    Deno.mkdirSync(raw);
    const link = (p: string) => Deno.symlinkSync(join(demo, p), join(raw, p));
    ["2023", "2024-Q1", "2024-Q2"].forEach(link);
    const out = join(root, "out");
    await runPipeline({ raw, out });
    const states = new Map([[snapshot(out), "A"]]);
    // B: one more period. Its clean reference is computed from the same raw folder (outputs name the files).
    const cleanB = join(root, "clean-b");
    link("2024-Q3");
    const t0 = performance.now();
    await runPipeline({ raw, out: cleanB });
    const full = performance.now() - t0 + 1500; // plus the CLI's start-up
    states.set(snapshot(cleanB), "B");
    Deno.removeSync(join(raw, "2024-Q3"));

    const rng = new Rng(42, "kill");
    let completed = 0;
    for (let i = 0; i < 20; i++) {
      // Alternate the target so every kill interrupts a run that would change the outputs.
      const target = i % 2 === 0 ? "2024-Q3" : null;
      if (target && !existsSync(join(raw, target))) link(target);
      if (!target && existsSync(join(raw, "2024-Q3"))) Deno.removeSync(join(raw, "2024-Q3"));
      const child = new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", join(ROOT, "scripts/score.ts"), "--raw", raw, "--out", out],
        stdout: "null",
        stderr: "null",
        env: { CI: "true" },
      }).spawn();
      const delay = Math.floor(rng.next() * full);
      const killer = setTimeout(() => {
        try {
          child.kill("SIGKILL");
        } catch { /* already finished */ }
      }, delay);
      const status = await child.status;
      clearTimeout(killer);
      if (status.success) completed++;
      // What a reader finds (after the same recovery every run starts with) is one whole state.
      recover(out);
      const state = states.get(snapshot(out));
      assert.ok(
        state,
        `kill ${i} after ${delay} ms left outputs that are neither the previous nor the new ones`,
      );
      if (status.success) assert.equal(state, target ? "B" : "A");
    }
    // The next run completes and equals a clean run.
    if (!existsSync(join(raw, "2024-Q3"))) link("2024-Q3");
    await runPipeline({ raw, out });
    assert.equal(snapshot(out), snapshot(cleanB));
    assert.ok(completed < 20, "no run was actually interrupted");
  },
});

Deno.test("one run at a time per output: a second is refused, a killed run's lock is taken over, a stranger's file kept", async () => {
  const root = await tempDir("ipasn-lock-");
  const raw = join(root, "raw");
  writePeriod(raw, "2024-Q3", { pegawai: [{ nip: nip(1) }, { nip: nip(2) }] });
  const out = join(root, "out");
  const lock = `${out}.lock`;
  const refused = (pid: number) => (e: unknown) =>
    e instanceof InputError && e.message.includes(`another ipasn run (process ${pid},`) &&
    e.message.includes(`delete ${lock}`);

  // Started while the first holds the output: without the lock it would delete the first one's
  // staging folder, and the first would fail in its swap.
  const first = runPipeline({ raw, out });
  await assert.rejects(runPipeline({ raw, out }), refused(Deno.pid));
  await first;
  assert.ok(existsSync(join(out, "instansi.csv")));
  assert.ok(!existsSync(lock), "the lock is released when the run ends");

  // A lock whose process still runs is respected; once that process is gone it is taken over.
  const other = new Deno.Command("sleep", { args: ["30"] }).spawn();
  Deno.writeTextFileSync(
    lock,
    JSON.stringify({ alat: "ipasn", pid: other.pid, sejak: "2026-11-26T08:00:00.000Z" }),
  );
  await assert.rejects(runPipeline({ raw, out }), refused(other.pid));
  other.kill("SIGKILL");
  await other.status;
  await runPipeline({ raw, out });
  assert.ok(!existsSync(lock));

  // An output in folders that do not exist yet: they are made, as before the lock.
  const deep = join(root, "new", "deeper", "out");
  await runPipeline({ raw, out: deep });
  assert.ok(existsSync(join(deep, "instansi.csv")));
  assert.ok(!existsSync(`${deep}.lock`));

  // A file of that name that ipasn did not write is never deleted.
  Deno.writeTextFileSync(lock, "notes\n");
  await assert.rejects(
    runPipeline({ raw, out }),
    (e: unknown) => e instanceof InputError && e.message.includes("ipasn did not write it"),
  );
  assert.equal(Deno.readTextFileSync(lock), "notes\n");
});
