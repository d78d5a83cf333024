/**
 * The command line of every task (loaders/cli.ts), spawned as a user runs it: `--help` prints the
 * usage and exits 0; a mistyped option or a malformed value is one line on stderr naming the
 * option (and the nearest known one), exit code 2, never a stack trace. `build --computed` without
 * scores and an `--out` the process cannot write are refused, naming the folder and the fix,
 * before anything is written.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { command, nearestOption, parse, usage } from "../loaders/cli.ts";
import { InputError, UsageError } from "../loaders/errors.ts";
import {
  freshStaging,
  guardOutput,
  lockOutput,
  MARKER,
  markOutput,
  ownOutput,
  writeProbe,
} from "../loaders/output.ts";
import { nip, tempDir, writePeriod } from "./helpers/fixture.ts";
import { projectCopy } from "./helpers/project.ts";

const ROOT = new URL("../", import.meta.url).pathname.replace(/\/$/, "");
const decode = (b: Uint8Array) => new TextDecoder().decode(b);
/** A line of a stack trace as Deno prints it. */
const STACK = / {4}at /;

interface Ran {
  code: number;
  out: string;
  err: string;
  /** The non-empty lines of stderr. */
  lines: string[];
}

function ran(r: Deno.CommandOutput): Ran {
  const err = decode(r.stderr);
  return { code: r.code, out: decode(r.stdout), err, lines: err.split("\n").filter((l) => l) };
}

function taskArgs(task: string, args: string[], root = ROOT): string[] {
  return ["run", "-A", join(root, "scripts", `${task}.ts`), ...args];
}

async function cli(task: string, args: string[], o: { root?: string } = {}): Promise<Ran> {
  const r = await new Deno.Command(Deno.execPath(), {
    args: taskArgs(task, args, o.root),
    cwd: o.root ?? ROOT,
    env: { CI: "true", NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  return ran(r);
}

function noStack(r: Ran, label: string): void {
  assert.doesNotMatch(r.out, STACK, `${label}: a stack trace on stdout`);
  assert.doesNotMatch(r.err, STACK, `${label}: a stack trace on stderr:\n${r.err}`);
}

/** Exit code 2, nothing on stdout, exactly one line on stderr matching `words`. */
function usageError(r: Ran, words: RegExp, label: string): void {
  noStack(r, label);
  assert.equal(r.code, 2, `${label}: ${r.err}`);
  assert.equal(r.lines.length, 1, `${label}: one line, got\n${r.err}`);
  assert.match(r.lines[0], /^error: /, label);
  assert.match(r.lines[0], words, label);
  assert.equal(r.out, "", label);
}

/** Every task, with a mistyped option and the option it should be taken for. */
const TASKS = [
  { task: "build", typo: "--raws", meant: "--raw" },
  { task: "score", typo: "--per-asm", meant: "--per-asn" },
  { task: "periksa", typo: "--jsn", meant: "--json" },
  { task: "demo-data", typo: "--seeds", meant: "--seed" },
  { task: "dev", typo: "--audiense", meant: "--audience" },
  { task: "bench", typo: "--quik", meant: "--quick" },
];

for (const { task, typo, meant } of TASKS) {
  Deno.test(`${task} --help prints its usage; ${typo} is one line naming ${meant}`, async () => {
    for (const flag of ["--help", "-h"]) {
      const help = await cli(task, [flag]);
      noStack(help, `${task} ${flag}`);
      assert.equal(help.code, 0, help.err);
      assert.match(help.out, new RegExp(`^Usage: deno task ${task} \\[options\\]`));
      assert.match(help.out, /^ {2}-h, --help +print this help and exit$/m);
      // Nothing started: dev would announce its build, bench its data sets.
      assert.equal(help.err, "", `${task} ${flag} wrote to stderr`);
    }
    const unknown = await cli(task, [typo, "x"]);
    usageError(
      unknown,
      new RegExp(`unknown option ${typo}; did you mean ${meant}\\?`),
      `${task} ${typo}`,
    );
    // Every option the usage lists is one the parser takes (nearest of itself: accepted).
    const listed = [...(await cli(task, ["--help"])).out.matchAll(/^ {2}(?:-h, )?--([a-z-]+)/gm)]
      .map((m) => m[1]);
    assert.ok(listed.includes(meant.slice(2)), `${task}: --help lists ${meant}`);
  });
}

Deno.test("a malformed value is one line naming the option, exit code 2", async () => {
  const cases: [string, string[], RegExp][] = [
    ["score", ["--per-asn", "some"], /--per-asn some is not allowed; use all, latest or none/],
    ["score", ["--max-quarantine", "2"], /--max-quarantine 2 is not a share; give a number/],
    ["score", ["--max-quarantine", "lots"], /--max-quarantine lots is not a share/],
    ["score", ["--raw"], /--raw needs a value; write --raw DIR/],
    ["score", ["--raw", "--out", "x"], /--raw needs a value/],
    ["score", ["data/raw"], /unexpected argument "data\/raw"/],
    [
      "score",
      ["--methods", "data/methods"],
      /unknown option --methods; it is now called --profiles/,
    ],
    [
      "build",
      ["--audience", "everyone"],
      /--audience everyone is not allowed; use public or internal/,
    ],
    ["build", ["--max-quarantine", "-0.1"], /--max-quarantine -0\.1 is not a share/],
    ["build", ["--demo=yes"], /--demo takes no value/],
    ["build", ["--", "x"], /unexpected arguments after --: x/],
    ["periksa", ["--max-quarantine", "1.5"], /--max-quarantine 1\.5 is not a share/],
    ["demo-data", ["--format", "pdf"], /--format pdf is not allowed; use csv, parquet or xlsx/],
    ["demo-data", ["--seed", "1.5"], /--seed 1\.5 is not allowed; give a whole number/],
    ["dev", ["--port", "http"], /--port http is not allowed; give a whole number from 0 to 65535/],
    ["dev", ["--audience", "semua"], /--audience semua is not allowed/],
    [
      "bench",
      ["--only", "scoring,everything"],
      /--only scoring,everything: everything is not known/,
    ],
  ];
  for (const [task, args, words] of cases) {
    usageError(await cli(task, args), words, `${task} ${args.join(" ")}`);
  }
});

Deno.test("test --help prints its usage without running the tests", async () => {
  const r = await cli("test", ["--help"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Usage: deno task test /);
  assert.doesNotMatch(r.out, /^\d+ passed, \d+ failed$/m);
});

// --- the parser itself ---

const DEMO = command({
  name: "deno task contoh",
  summary: "An example.",
  options: {
    raw: { type: "string", arg: "DIR", default: "data/raw", help: "the raw data" },
    method: { type: "string", arg: "ID", multiple: true, help: "a profile" },
    share: { type: "share", help: "a share" },
    n: { type: "integer", min: 1, default: 2, help: "a count" },
    json: { type: "boolean", help: "JSON" },
    mode: { type: "string", values: ["a", "b"], default: "a", help: "a mode" },
    "max-quarantine": { type: "share", help: "the limit" },
  },
});

Deno.test("parse: defaults, both value forms, repeats, allowed values", () => {
  const d = parse(DEMO, []);
  assert.deepEqual(d.values, {
    raw: "data/raw",
    method: [],
    share: undefined,
    n: 2,
    json: false,
    mode: "a",
    "max-quarantine": undefined,
  });
  const p = parse(DEMO, [
    "--raw=x y",
    "--method",
    "a",
    "--method=b",
    "--share",
    "0.25",
    "--n",
    "3",
    "--json",
    "--mode",
    "b",
  ]);
  assert.deepEqual(
    [p.values.raw, p.values.method, p.values.share, p.values.n, p.values.json, p.values.mode],
    ["x y", ["a", "b"], 0.25, 3, true, "b"],
  );
  // Given twice, the last one counts (a wrapper appends its own to a default command).
  assert.equal(parse(DEMO, ["--raw", "a", "--raw", "b"]).values.raw, "b");
  assert.equal(parse(DEMO, ["--share", "0"]).values.share, 0);
  assert.equal(parse(DEMO, ["--share", "1"]).values.share, 1);
  for (
    const bad of [["--share", ""], ["--share", "1e3"], ["--n", "0"], ["--mode", "c"], ["--raw="]]
  ) {
    assert.throws(() => parse(DEMO, bad), UsageError, bad.join(" "));
  }
  // --help wins over anything wrong beside it.
  assert.equal(parse(DEMO, ["--nonsense", "-h"]).help, true);
  // A value that starts with a single dash is a value (a negative number, a file named -x).
  assert.throws(
    () => parse(DEMO, ["--n", "-1"]),
    /--n -1 is not allowed; give a whole number of at least 1/,
  );
});

Deno.test("parse: positionals and what follows -- only where a command declares them", () => {
  assert.throws(
    () => parse(DEMO, ["x"]),
    /unexpected argument "x"; deno task contoh takes options only/,
  );
  assert.throws(() => parse(DEMO, ["--", "--port", "1"]), /unexpected arguments after --/);
  assert.deepEqual(parse(DEMO, ["--json", "--"]).rest, []);
  const open = command({
    ...DEMO,
    positionals: { arg: "FILE", help: "files" },
    rest: { arg: "ARGS", help: "passed on" },
  });
  const p = parse(open, ["a.csv", "--json", "b.csv", "--", "--port", "1", "x"]);
  assert.deepEqual([p.positionals, p.rest, p.values.json], [["a.csv", "b.csv"], [
    "--port",
    "1",
    "x",
  ], true]);
});

Deno.test("parse: the nearest option of a typo, a prefix, a short form", () => {
  const known = ["raw", "out", "method", "profiles", "max-quarantine", "help"];
  assert.equal(nearestOption("raws", known), "raw");
  assert.equal(nearestOption("max", known), "max-quarantine");
  assert.equal(nearestOption("profile", known), "profiles");
  assert.throws(() => parse(DEMO, ["-json"]), /unknown option -json; did you mean --json\?/);
  assert.throws(
    () => parse(DEMO, ["--max=0.1"]),
    /unknown option --max; did you mean --max-quarantine\?/,
  );
  // A renamed option points to its new name only where the command has it.
  assert.throws(() => parse(DEMO, ["--methods", "x"]), /did you mean --method\?/);
});

Deno.test("usage: every option with its value, default and help, from the table", () => {
  const text = usage(DEMO);
  assert.match(text, /^Usage: deno task contoh \[options\]\n\nAn example\.\n\nOptions:\n/);
  for (
    const line of [
      /^ {2}--raw DIR +the raw data \(default: data\/raw\)$/m,
      /^ {2}--method ID +a profile$/m,
      /^ {2}--share SHARE +a share$/m,
      /^ {2}--n N +a count \(default: 2\)$/m,
      /^ {2}--json +JSON$/m,
      /^ {2}--mode a\|b +a mode \(default: a\)$/m,
      /^ {2}-h, --help +print this help and exit$/m,
    ]
  ) assert.match(text, line);
  for (const l of text.split("\n")) assert.ok(l.length <= 100, l);
});

Deno.test("main: a user's error is one message and its exit code; a bug keeps its stack trace", async () => {
  const dir = await tempDir("ipasn-cli-main-");
  const cli = new URL("../loaders/cli.ts", import.meta.url).href;
  const errors = new URL("../loaders/errors.ts", import.meta.url).href;
  const script = (body: string) => {
    const f = join(dir, `s${Math.random().toString(36).slice(2)}.ts`);
    Deno.writeTextFileSync(
      f,
      `import { command, main } from "${cli}";
import { InputError, UsageError } from "${errors}";
await main(command({ name: "deno task x", summary: "x", options: {} }), () => { ${body} },
  { afterError: "The previous outputs were left in place." });`,
    );
    return f;
  };
  const run = async (body: string) =>
    ran(
      await new Deno.Command(Deno.execPath(), {
        // Outside the project: its configuration resolves the npm packages cli.ts imports.
        args: ["run", "-A", "--config", join(ROOT, "deno.json"), script(body)],
        env: { NO_COLOR: "1" },
        stdout: "piped",
        stderr: "piped",
      }).output(),
    );
  const input = await run(`throw new InputError("data/raw/2024/pegawai.csv", "is odd", "fix it");`);
  assert.equal(input.code, 1);
  assert.deepEqual(input.lines, [
    "error: data/raw/2024/pegawai.csv: is odd.",
    "  Fix: fix it.",
    "The previous outputs were left in place.",
  ]);
  const usageErr = await run(`throw new UsageError("--x is wrong", "write --y");`);
  assert.equal(usageErr.code, 2);
  assert.deepEqual(usageErr.lines, ["error: --x is wrong; write --y."]);
  const bug = await run(`throw new TypeError("a bug");`);
  assert.equal(bug.code, 1);
  assert.match(bug.err, /TypeError: a bug/);
  assert.match(bug.err, STACK, "a bug keeps its stack trace");
});

// --- build --computed without scores ---

/** A tiny raw export, scored into `computed` by the score task. */
async function scored(root: string, extra: string[] = []): Promise<string> {
  const raw = join(root, "raw");
  writePeriod(raw, "2024-Q3", {
    pegawai: Array.from({ length: 12 }, (_, i) => ({ nip: nip(i + 1) })),
  });
  const computed = join(root, "computed");
  const r = await cli("score", ["--raw", raw, "--out", computed, ...extra]);
  assert.equal(r.code, 0, r.err);
  return computed;
}

Deno.test("build --computed without scores, synthetic scores, or no per-person files: refused, nothing written", async () => {
  const root = await tempDir("ipasn-cli-computed-");
  const site = join(root, "site");
  const empty = join(root, "kosong");
  Deno.mkdirSync(empty);
  for (const folder of [empty, join(root, "tidak-ada")]) {
    const r = await cli("build", ["--computed", folder, "--out", site]);
    noStack(r, folder);
    assert.equal(r.code, 1, r.err);
    assert.equal(r.lines.filter((l) => l.startsWith("error: ")).length, 1, r.err);
    assert.ok(r.err.includes(`--computed ${folder}:`), r.err);
    assert.match(r.err, /Fix: score into it first/);
  }
  // Scores of a synthetic export, refused by --require-real-data; the public build needs no
  // per-person file, the internal one does.
  const computed = await scored(root, ["--per-asn", "none"]);
  const manifest = join(computed, "manifest.json");
  Deno.writeTextFileSync(
    manifest,
    JSON.stringify({ ...JSON.parse(Deno.readTextFileSync(manifest)), sintetis: true }),
  );
  const fake = await cli("build", ["--computed", computed, "--out", site, "--require-real-data"]);
  assert.equal(fake.code, 1, fake.err);
  assert.ok(fake.err.includes(`${manifest}: says the scores come from synthetic data`), fake.err);
  const internal = await cli("build", [
    "--computed",
    computed,
    "--out",
    site,
    "--audience",
    "internal",
  ]);
  assert.equal(internal.code, 1, internal.err);
  assert.match(internal.err, /holds no per-person files \(periode\/<p>\/peluang_asn\.parquet\)/);
  for (const r of [fake, internal]) noStack(r, "build --computed");
  for (const f of [site, `${site}.tmp`, `${site}.lock`]) assert.ok(!existsSync(f), f);
  assert.ok(!existsSync(join(computed, ".site")), "the scores were not written to");
  assert.ok(ownOutput(computed, "computed", "manifest.json"));
  assert.ok(!ownOutput(empty, "computed", "manifest.json"));
});

Deno.test({
  name:
    "build --computed DIR without --raw builds the site from those scores without scoring again",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const root = await tempDir("ipasn-cli-from-scores-");
    const computed = await scored(root, ["--per-asn", "none"]);
    const before = Deno.readTextFileSync(join(computed, "instansi.csv"));
    // A copy of the project: Framework's cache is per project, and other tests build at once.
    const copy = projectCopy(root);
    const site = join(root, "site");
    const r = await cli("build", ["--computed", computed, "--out", site], { root: copy });
    assert.equal(r.code, 0, r.err.slice(-3000));
    assert.match(r.err, /building from the scores in .* \(not scoring again\)/);
    assert.doesNotMatch(r.err, /\[build [\d.]+ s\] scoring /);
    assert.ok(existsSync(join(site, "index.html")));
    assert.equal(Deno.readTextFileSync(join(computed, "instansi.csv")), before);
    assert.ok(!existsSync(`${computed}.lock`), "the lock on the scores is released");
  },
});

// --- an output the process cannot write ---

Deno.test("an --out the probe finds unwritable is refused by guardOutput, naming the folder and the fix", async () => {
  const root = await tempDir("ipasn-cli-probe-");
  const out = join(root, "baru", "hasil");
  const asked: string[] = [];
  assert.throws(
    () =>
      guardOutput({
        out,
        option: "--out",
        kind: "computed",
        probe: (dir) => (asked.push(dir), "Permission denied (os error 13)"),
      }),
    (e: Error) => {
      assert.ok(e instanceof InputError);
      assert.equal(
        e.message,
        `--out ${out}: cannot be written: ${root} is read-only or owned by another user (Permission denied (os error 13)).\n  Fix: choose a folder you can write, or fix its permissions.`,
      );
      return true;
    },
  );
  // The nearest folder that exists is the one the run would create the output in.
  assert.deepEqual(asked, [root]);
  assert.ok(!existsSync(join(root, "baru")));
  // An existing output is probed too: the run empties it when it replaces it.
  Deno.mkdirSync(out, { recursive: true });
  asked.length = 0;
  guardOutput({ out, option: "--out", kind: "computed", probe: (d) => (asked.push(d), null) });
  assert.deepEqual(asked, [join(root, "baru"), out]);
  // The real probe leaves nothing behind.
  assert.equal(writeProbe(root), null);
  assert.deepEqual([...Deno.readDirSync(root)].map((e) => e.name), ["baru"]);
});

Deno.test("an --out under a file is refused before anything is written", async () => {
  const root = await tempDir("ipasn-cli-file-");
  const file = join(root, "catatan.txt");
  Deno.writeTextFileSync(file, "x");
  const raw = join(root, "raw");
  writePeriod(raw, "2024-Q3", { pegawai: [{ nip: nip(1) }] });
  for (
    const [task, args] of [
      ["score", ["--raw", raw, "--out", join(file, "hasil")]],
      ["demo-data", ["--out", join(file, "demo")]],
    ] as const
  ) {
    const r = await cli(task, [...args]);
    noStack(r, task);
    assert.equal(r.code, 1, r.err);
    assert.ok(r.err.includes(`cannot be created: ${file} is a file, not a folder`), r.err);
    assert.match(r.err, /Fix: choose a folder you can write, or fix its permissions/);
  }
  // Past the guard, the lock is the first file written: its failure names the option as well.
  assert.throws(() => lockOutput(join(file, "hasil"), "--out"), (e: Error) => {
    assert.ok(e instanceof InputError);
    assert.match(e.message, /^--out .*catatan\.txt\/hasil: cannot be written \(/);
    assert.match(e.message, /Fix: choose a folder you can write, or fix its permissions\./);
    return true;
  });
  assert.equal(Deno.readTextFileSync(file), "x");
});

Deno.test("an output's marker is renamed into place, never rewritten in it: a run killed while writing it leaves a folder the next run may replace", async () => {
  const root = await tempDir("ipasn-cli-marker-");
  const out = join(root, "out");
  const staging = `${out}.tmp`;
  const names = (dir: string) => [...Deno.readDirSync(dir)].map((e) => e.name).sort();
  freshStaging(staging, "computed");
  Deno.mkdirSync(join(staging, "periode", "2024-Q3"), { recursive: true });
  Deno.writeTextFileSync(join(staging, "periode", "2024-Q3", "accounting.json"), "{}\n");
  const first = Deno.statSync(join(staging, MARKER)).ino;
  markOutput(staging, "computed");
  // Rewritten in place, a marker cut short by a kill made every file of a finished staging folder
  // look foreign, and the next run refused the output (tests/safety.test.ts met it).
  assert.notEqual(Deno.statSync(join(staging, MARKER)).ino, first, "the marker is a new file");
  assert.deepEqual(names(staging), [MARKER, "periode"]);
  // What a kill in the middle of the write leaves: the whole previous marker, and the new one cut
  // short beside it. The folder is still the tool's.
  const cut = `${MARKER}.baru`;
  Deno.writeTextFileSync(join(staging, cut), '{"alat": "ip');
  guardOutput({ out, option: "--out", kind: "computed" });
  assert.ok(ownOutput(staging, "computed", "periode/2024-Q3/accounting.json"));
  // A kill before the first marker was whole: a new folder holding only the one cut short.
  freshStaging(staging, "computed");
  Deno.removeSync(join(staging, MARKER));
  Deno.writeTextFileSync(join(staging, cut), '{"al');
  guardOutput({ out, option: "--out", kind: "computed" });
  freshStaging(staging, "computed");
  assert.deepEqual(names(staging), [MARKER]);
  // Anything else in a folder without a marker is still refused.
  Deno.removeSync(join(staging, MARKER));
  Deno.writeTextFileSync(join(staging, "catatan.txt"), "x");
  assert.throws(
    () => guardOutput({ out, option: "--out", kind: "computed" }),
    /holds files that ipasn did not write \(catatan\.txt\)/,
  );
});

/** `args` for Deno, run in a mount namespace of its own where `dir` is a read-only bind mount. */
function inReadOnlyMount(dir: string, args: string[], cmd = Deno.execPath()): Deno.Command {
  const ro = 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" "$1" && shift && exec "$@"';
  return new Deno.Command("unshare", {
    args: ["-m", "sh", "-c", ro, "sh", dir, cmd, ...args],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  });
}

/**
 * How this test makes a folder read-only: chmod 555 for a normal user; for root, whom modes do not
 * stop, a read-only bind mount that only the child process sees; null when neither works (root
 * without the right to mount).
 */
const READ_ONLY: "chmod" | "mount" | null = (() => {
  if (Deno.uid() !== 0) return "chmod";
  const dir = Deno.makeTempDirSync({ prefix: "ipasn-cli-mount-" });
  try {
    // The mount works, and under it root really cannot write.
    const r = inReadOnlyMount(dir, ["-c", `! touch "${dir}/probe" 2>/dev/null`], "sh")
      .outputSync();
    return r.success && !existsSync(join(dir, "probe")) ? "mount" : null;
  } catch {
    return null; // no unshare
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
})();

Deno.test({
  name: `score, build and demo-data refuse an --out in a read-only folder${
    READ_ONLY
      ? ""
      : " (SKIPPED: running as root, whom chmod does not stop, without the right to mount a read-only folder)"
  }`,
  ignore: !READ_ONLY,
  fn: async () => {
    const root = await tempDir("ipasn-cli-ro-");
    const raw = join(root, "raw");
    writePeriod(raw, "2024-Q3", { pegawai: [{ nip: nip(1) }] });
    const ro = join(root, "ro");
    Deno.mkdirSync(ro);
    if (READ_ONLY === "chmod") Deno.chmodSync(ro, 0o555);
    try {
      for (
        const [task, args] of [
          ["score", ["--raw", raw, "--out", join(ro, "hasil")]],
          ["build", [
            "--raw",
            raw,
            "--computed",
            join(root, "computed"),
            "--out",
            join(ro, "site"),
          ]],
          ["demo-data", ["--out", join(ro, "demo")]],
        ] as const
      ) {
        const argv = taskArgs(task, [...args]);
        const r = ran(
          await (READ_ONLY === "mount"
            ? inReadOnlyMount(ro, argv)
            : new Deno.Command(Deno.execPath(), {
              args: argv,
              cwd: ROOT,
              stdout: "piped",
              stderr: "piped",
            })).output(),
        );
        noStack(r, task);
        assert.equal(r.code, 1, `${task}: ${r.err}`);
        assert.ok(
          r.err.includes(
            `--out ${args.at(-1)}: cannot be written: ${ro} is read-only or owned by another user`,
          ),
          `${task}: ${r.err}`,
        );
        assert.match(r.err, /Fix: choose a folder you can write, or fix its permissions\./);
      }
      assert.deepEqual([...Deno.readDirSync(ro)], []);
      assert.ok(!existsSync(join(root, "computed")));
    } finally {
      Deno.chmodSync(ro, 0o755);
    }
  },
});
