/**
 * Output safety: the tool replaces only folders it wrote. Every dangerous `--out` is refused
 * through the CLI with one message and no stack trace, before anything is written, and the
 * user's files are byte for byte where they were.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { MARKER } from "../loaders/output.ts";
import { nip, tempDir, writePeriod } from "./helpers/fixture.ts";

const ROOT = new URL("../", import.meta.url).pathname.replace(/\/$/, "");

async function cli(script: string, args: string[], cwd = ROOT, env: Record<string, string> = {}) {
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(ROOT, "scripts", script), ...args],
    cwd,
    env: { CI: "true", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: r.code, err: new TextDecoder().decode(r.stderr) };
}

/** Every file under `dir` with its content, to prove nothing moved. */
function tree(dir: string, base = dir, out: Record<string, string> = {}): Record<string, string> {
  for (const e of Deno.readDirSync(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory) tree(p, base, out);
    else out[p.slice(base.length)] = Deno.readTextFileSync(p);
  }
  return out;
}

async function rawFolder(): Promise<{ root: string; raw: string }> {
  const root = await tempDir("ipasn-out-");
  const raw = join(root, "raw");
  writePeriod(raw, "2024-Q3", { pegawai: [{ nip: nip(1) }, { nip: nip(2) }] });
  return { root, raw };
}

function refused(r: { code: number; err: string }, words: RegExp): void {
  assert.equal(r.code, 1, r.err);
  assert.match(r.err, words);
  assert.match(r.err, /Fix: /);
  assert.doesNotMatch(r.err, /^\s+at /m, "a stack trace");
}

Deno.test("score --out equal to --raw is refused and the raw folder is untouched", async () => {
  const { raw } = await rawFolder();
  const before = tree(raw);
  refused(await cli("score.ts", ["--raw", raw, "--out", raw]), /input folder/);
  assert.deepEqual(tree(raw), before);
  assert.ok(!existsSync(`${raw}.tmp`) && !existsSync(`${raw}.failed`));
});

Deno.test("score --out inside --raw, or around it, is refused", async () => {
  const { root, raw } = await rawFolder();
  const before = tree(root);
  refused(await cli("score.ts", ["--raw", raw, "--out", join(raw, "hasil")]), /input folder/);
  refused(await cli("score.ts", ["--raw", raw, "--out", root]), /input folder/);
  assert.deepEqual(tree(root), before);
});

Deno.test("score --out an existing folder with a user's file is refused; the file stays", async () => {
  const { root, raw } = await rawFolder();
  const docs = join(root, "Dokumen");
  Deno.mkdirSync(docs);
  Deno.writeTextFileSync(join(docs, "laporan.docx"), "penting");
  refused(
    await cli("score.ts", ["--raw", raw, "--out", docs]),
    /did not write \(laporan\.docx\)/,
  );
  assert.equal(Deno.readTextFileSync(join(docs, "laporan.docx")), "penting");
  assert.deepEqual([...Deno.readDirSync(docs)].map((e) => e.name), ["laporan.docx"]);
});

Deno.test("score --out . is refused in the project folder and in a folder of the user's", async () => {
  const { root, raw } = await rawFolder();
  refused(await cli("score.ts", ["--raw", raw, "--out", "."]), /project folder/);
  Deno.writeTextFileSync(join(root, "catatan.txt"), "x");
  refused(await cli("score.ts", ["--raw", raw, "--out", "."], root), /input folder|did not write/);
  assert.ok(existsSync(join(root, "catatan.txt")));
  const home = join(root, "home");
  Deno.mkdirSync(home);
  refused(await cli("score.ts", ["--raw", raw, "--out", home], ROOT, { HOME: home }), /home/);
});

Deno.test("a previous output is replaced, an empty folder is used, a user's file inside an output stops the run", async () => {
  const { root, raw } = await rawFolder();
  const out = join(root, "hasil");
  Deno.mkdirSync(out);
  let r = await cli("score.ts", ["--raw", raw, "--out", out]);
  assert.equal(r.code, 0, r.err);
  assert.ok(existsSync(join(out, MARKER)) && existsSync(join(out, "instansi.csv")));
  r = await cli("score.ts", ["--raw", raw, "--out", out]);
  assert.equal(r.code, 0, r.err);
  Deno.writeTextFileSync(join(out, "catatan-saya.txt"), "jangan dihapus");
  refused(await cli("score.ts", ["--raw", raw, "--out", out]), /catatan-saya\.txt/);
  assert.equal(Deno.readTextFileSync(join(out, "catatan-saya.txt")), "jangan dihapus");
  assert.ok(existsSync(join(out, "instansi.csv")), "the previous output stays");
  // A user's folder where the swap keeps its staging or backup is not deleted either.
  Deno.removeSync(join(out, "catatan-saya.txt"));
  Deno.mkdirSync(`${out}.old`);
  Deno.writeTextFileSync(join(`${out}.old`, "arsip.xlsx"), "arsip");
  refused(await cli("score.ts", ["--raw", raw, "--out", out]), /backup folder.*arsip\.xlsx/);
  assert.equal(Deno.readTextFileSync(join(`${out}.old`, "arsip.xlsx")), "arsip");
});

Deno.test("an output written before outputs were marked is still recognised and replaced", async () => {
  const { root, raw } = await rawFolder();
  const out = join(root, "hasil");
  assert.equal((await cli("score.ts", ["--raw", raw, "--out", out])).code, 0);
  Deno.removeSync(join(out, MARKER));
  const r = await cli("score.ts", ["--raw", raw, "--out", out]);
  assert.equal(r.code, 0, r.err);
  assert.ok(existsSync(join(out, MARKER)));
});

Deno.test("build and demo-data refuse an --out that is not theirs before writing anything", async () => {
  const { root } = await rawFolder();
  refused(await cli("build.ts", ["--out", "."]), /project folder/);
  refused(await cli("build.ts", ["--out", "src"]), /input folder|did not write/);
  const docs = join(root, "docs");
  Deno.mkdirSync(docs);
  Deno.writeTextFileSync(join(docs, "a.pdf"), "a");
  refused(await cli("build.ts", ["--out", docs]), /a\.pdf/);
  refused(await cli("demo-data.ts", ["--out", docs]), /a\.pdf/);
  assert.deepEqual(tree(docs), { "/a.pdf": "a" });
});
