/**
 * `deno task test`: runs every test under tests/ with Deno's runner and ends with the line
 * `N passed, N failed` that CI reads. Extra arguments are passed to `deno test` (e.g. a filter);
 * its own options are Deno's, so this task declares none and checks none (only --help is its own).
 */
if (Deno.args.length === 1 && ["--help", "-h"].includes(Deno.args[0])) {
  console.log(`Usage: deno task test [FILE...] [deno test options]

Runs the tests (every file under tests/ unless files are named) with \`deno test -A --parallel\`
and ends with the line "N passed, N failed" that CI reads. Every argument is passed to \`deno test\`
(e.g. --filter NAME); \`deno test --help\` lists its options. Exit code: 0 when every test passed.`);
  Deno.exit(0);
}
const args = ["test", "-A", "--parallel", ...Deno.args];
if (!Deno.args.some((a) => !a.startsWith("-"))) args.push("tests/");
const child = new Deno.Command(Deno.execPath(), {
  args,
  stdout: "piped",
  stderr: "inherit",
  env: { OBSERVABLE_TELEMETRY_DISABLE: "true", DENO_JOBS: "2" },
}).spawn();

// deno-lint-ignore no-control-regex
const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, "");

let passed = 0, failed = 0, seen = false;
const decoder = new TextDecoder();
let pending = "";
for await (const chunk of child.stdout) {
  await Deno.stdout.write(chunk);
  pending += decoder.decode(chunk, { stream: true });
  const lines = pending.split("\n");
  pending = lines.pop() ?? "";
  for (const line of lines) {
    // Deno's summary: "ok | 12 passed (3 steps) | 0 failed (1s)" (colour codes stripped).
    const m = /(\d+) passed.*\| (\d+) failed/.exec(stripAnsi(line));
    if (m) (passed = Number(m[1])), (failed = Number(m[2])), (seen = true);
  }
}
const { code } = await child.status;
if (!seen && code !== 0) failed = Math.max(failed, 1);
console.log(`\n${passed} passed, ${failed} failed`);
Deno.exit(code === 0 && failed === 0 ? 0 : 1);
