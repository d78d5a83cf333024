/**
 * Output folders. The tool writes every output into a staging folder and swaps it in at the end,
 * which means removing the previous output. It only ever removes a folder it wrote itself: each
 * output folder carries a marker file listing the files the tool put there, and a folder is
 * replaced only when it holds the marker and nothing else than those files. Anything else (the raw
 * folder, the project, a user's documents) is refused before a single file is written.
 */
import { existsSync, realpathSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { z } from "zod";
import { InputError } from "./errors.ts";

const ROOT = resolve(new URL("../", import.meta.url).pathname);

/** Written last into every output folder; its presence is what allows the folder to be replaced. */
export const MARKER = ".ipasn-keluaran.json";
/**
 * The marker being written: it becomes the marker by a rename, so that a run killed while writing
 * it leaves the previous marker whole (a marker cut short in place made a finished staging folder
 * look foreign, and the next run refused it). The tool's own, wherever it is found.
 */
const MARKER_BARU = `${MARKER}.baru`;

const Marker = z.object({
  alat: z.literal("ipasn"),
  jenis: z.string(),
  /** Every file the tool wrote, relative to the folder. */
  berkas: z.array(z.string()),
  /** Sub-folders whose whole content the tool writes later (derived caches). */
  folder_milik: z.array(z.string()).default([]),
});
type Marker = z.infer<typeof Marker>;

export type OutputKind = "computed" | "site" | "demo";

/** Resolved, with symlinks followed as far as the path exists (so a link to raw/ counts as raw/). */
function real(path: string): string {
  let p = resolve(path);
  const rest: string[] = [];
  while (!existsSync(p) && dirname(p) !== p) {
    rest.unshift(p.slice(dirname(p).length + 1));
    p = dirname(p);
  }
  try {
    p = realpathSync(p);
  } catch { /* unreadable: keep the resolved path */ }
  return join(p, ...rest);
}

const inside = (child: string, parent: string) =>
  child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);

function walk(dir: string, base = dir, out: string[] = []): string[] {
  for (const e of Deno.readDirSync(dir)) {
    const path = join(dir, e.name);
    if (e.isDirectory) walk(path, base, out);
    else out.push(relative(base, path));
  }
  return out;
}

function readMarker(dir: string): Marker | null {
  const file = join(dir, MARKER);
  if (!existsSync(file)) return null;
  try {
    return Marker.parse(JSON.parse(Deno.readTextFileSync(file)));
  } catch {
    return null;
  }
}

/**
 * Outputs of versions before the marker existed: a scoring output (its manifest.json names periods
 * and methods, and it holds only tables, `periode/` and `.site/`), a Framework site (its
 * `_observablehq/` folder and index.html), or demo data (only synthetic period folders).
 */
function legacyOwned(dir: string, kind: OutputKind): boolean {
  const entries = [...Deno.readDirSync(dir)].map((e) => e.name);
  if (kind === "computed") {
    try {
      const m = JSON.parse(Deno.readTextFileSync(join(dir, "manifest.json")));
      if (!Array.isArray(m.periode) || !Array.isArray(m.metode)) return false;
    } catch {
      return false;
    }
    return entries.every((n) =>
      /\.(csv|parquet|json)$/.test(n) || n === "periode" || n === ".site"
    );
  }
  if (kind === "site") {
    return existsSync(join(dir, "_observablehq")) && existsSync(join(dir, "index.html"));
  }
  // Demo data: period folders whose meta.json says synthetic, the generator's reference and stamps.
  return entries.every((n) => {
    if ([".versi", ".kalibrasi.json", "wilayah.csv"].includes(n)) return true;
    try {
      return JSON.parse(Deno.readTextFileSync(join(dir, n, "meta.json"))).sintetis === true;
    } catch {
      return false;
    }
  });
}

/** Files in an existing output folder that the tool did not write (empty when it may be replaced). */
function foreignFiles(dir: string, kind: OutputKind): string[] | "legacy" {
  const marker = readMarker(dir);
  const files = walk(dir).filter((f) => f !== MARKER_BARU);
  if (!marker) return legacyOwned(dir, kind) ? "legacy" : files.slice(0, 5);
  const own = new Set([...marker.berkas, MARKER]);
  return files.filter((f) =>
    !own.has(f) && !marker.folder_milik.some((d) => inside(join(dir, f), join(dir, d)))
  );
}

export interface OutputTarget {
  /** The output folder, as given (resolved). */
  out: string;
  /** The command-line option that named it, for the message. */
  option: string;
  kind: OutputKind;
  /** Folders the run reads: the output may be none of them, nor inside or around one. */
  inputs?: string[];
  /** How writability is tested (tests replace it: a root user writes through any mode). */
  probe?: WriteProbe;
}

/** Why the process cannot create entries in the existing folder `dir`, or null when it can. */
export type WriteProbe = (dir: string) => string | null;

/**
 * Creates and removes an empty folder in `dir`: the one test that agrees with what the run will
 * do, whatever decides it (mode bits, owner, ACLs, a read-only mount, root). Mode bits alone are
 * wrong both ways (node:fs accessSync under Deno reads them: root writes into a 555 folder, nobody
 * writes into a read-only mount). An empty folder, if a kill left one, lists no file, so it never
 * makes an output look foreign (`foreignFiles` lists files).
 */
export const writeProbe: WriteProbe = (dir) => {
  try {
    Deno.removeSync(Deno.makeTempDirSync({ dir, prefix: ".ipasn-uji-tulis-" }));
    return null;
  } catch (err) {
    // "Permission denied (os error 13): tmpdir '/x/.ipasn-uji-tulis-…'": the cause is enough.
    return (err as Error).message.replace(/: tmpdir\b.*$/s, "");
  }
};

const WRITABLE = "choose a folder you can write, or fix its permissions";

/**
 * Refuses an output the process cannot write, before anything is written: the run creates the
 * staging folder and the lock beside `out` (in its nearest existing ancestor) and empties `out`
 * itself when it replaces it.
 */
function guardWritable(t: OutputTarget, out: string): void {
  const refuse = (problem: string) => {
    throw new InputError(`${t.option} ${t.out}`, problem, WRITABLE);
  };
  let parent = dirname(out);
  while (!existsSync(parent) && dirname(parent) !== parent) parent = dirname(parent);
  if (!Deno.statSync(parent).isDirectory) {
    refuse(`cannot be created: ${parent} is a file, not a folder`);
  }
  for (const dir of existsSync(out) ? [parent, out] : [parent]) {
    const why = (t.probe ?? writeProbe)(dir);
    if (why) refuse(`cannot be written: ${dir} is read-only or owned by another user (${why})`);
  }
}

/**
 * Whether `dir` is an output of `kind` that ipasn wrote (its marker, or an earlier version's
 * recognised layout), holding `file` when given: e.g. a scoring output with its manifest.json.
 */
export function ownOutput(dir: string, kind: OutputKind, file?: string): boolean {
  if (!existsSync(dir) || !Deno.statSync(dir).isDirectory) return false;
  const marker = readMarker(dir);
  if (marker) return marker.jenis === kind && (!file || marker.berkas.includes(file));
  return legacyOwned(dir, kind) && (!file || existsSync(join(dir, file)));
}

/**
 * Refuses an output folder whose replacement could delete anything the tool did not write: the
 * filesystem root, the home folder, the project, an input folder (or one inside or around any of
 * them), an existing file, and an existing folder that is neither empty nor a previous output.
 * Also checks the staging, backup and failure folders the swap uses beside it, and that the
 * process can write there (`guardWritable`).
 */
export function guardOutput(t: OutputTarget): void {
  const out = real(t.out);
  const refuse = (problem: string, fix: string) => {
    throw new InputError(`${t.option} ${t.out}`, problem, fix);
  };
  const home = Deno.env.get("HOME");
  const pick = "choose a new or empty folder for the outputs, e.g. data/computed";
  if (out === sep) refuse("is the filesystem root", pick);
  if (home && inside(real(home), out)) {
    refuse("is the home folder or a folder that contains it", pick);
  }
  if (inside(real(ROOT), out)) {
    refuse(
      "is the project folder or a folder that contains it; replacing it would delete the project",
      pick,
    );
  }
  for (const input of t.inputs ?? []) {
    const i = real(input);
    if (inside(out, i) || inside(i, out)) {
      refuse(
        `is, contains or lies inside the input folder ${input}; the outputs would replace the data they are computed from`,
        "write the outputs outside the input folder, e.g. data/computed",
      );
    }
  }
  for (
    const [dir, role] of [
      [out, "the output folder"],
      [`${out}.tmp`, "the staging folder beside the output"],
      [`${out}.old`, "the backup folder beside the output"],
      [`${out}.failed`, "the folder that keeps a failed run beside the output"],
    ] as const
  ) {
    if (!existsSync(dir)) continue;
    if (!Deno.statSync(dir).isDirectory) {
      refuse(
        `${role} ${dir} is a file, not a folder`,
        dir === out ? pick : "move that file away",
      );
    }
    const foreign = foreignFiles(dir, t.kind);
    if (foreign !== "legacy" && foreign.length) {
      refuse(
        `${dir === out ? "" : `${role} ${dir} `}holds files that ipasn did not write (${
          foreign.slice(0, 3).join(", ")
        }${foreign.length > 3 ? ", …" : ""}); ipasn never deletes them`,
        dir === out ? `move those files out of ${dir}, or ${pick}` : `move ${dir} away, or ${pick}`,
      );
    }
  }
  guardWritable(t, out);
}

/** Writes the marker into a finished staging folder (last, so a half-written folder has none). */
export function markOutput(dir: string, kind: OutputKind, folderMilik: string[] = []): void {
  const berkas = walk(dir).filter((f) => f !== MARKER && f !== MARKER_BARU).sort();
  writeMarker(dir, { alat: "ipasn", jenis: kind, berkas, folder_milik: folderMilik }, 1);
}

/** The marker of `dir`, written beside it and renamed over it (see MARKER_BARU). */
function writeMarker(dir: string, marker: Marker, indent?: number): void {
  Deno.writeTextFileSync(join(dir, MARKER_BARU), JSON.stringify(marker, null, indent) + "\n");
  Deno.renameSync(join(dir, MARKER_BARU), join(dir, MARKER));
}

/** Removes a folder only if the tool wrote it (a marker or a recognised earlier output). */
export function removeOwn(dir: string, kind: OutputKind): void {
  if (!existsSync(dir)) return;
  const foreign = foreignFiles(dir, kind);
  if (foreign !== "legacy" && foreign.length) {
    throw new InputError(
      dir,
      `holds files that ipasn did not write (${foreign.slice(0, 3).join(", ")}); not deleted`,
      "move those files elsewhere and run again",
    );
  }
  Deno.removeSync(dir, { recursive: true });
}

/**
 * A new staging folder, marked as wholly the tool's while it is being written (so what a crash
 * leaves behind can be cleared by the next run); `markOutput` lists its files once it is complete.
 */
export function freshStaging(dir: string, kind: OutputKind): void {
  removeOwn(dir, kind);
  Deno.mkdirSync(dir, { recursive: true });
  writeMarker(dir, { alat: "ipasn", jenis: kind, berkas: [], folder_milik: ["."] });
}

/**
 * Swaps a finished, marked staging folder in as `out`: the previous output is renamed aside and
 * removed only after the new one is in place; `recoverOutput` finishes a swap a crash interrupted.
 */
export function swapIn(staging: string, out: string, kind: OutputKind): void {
  Deno.mkdirSync(dirname(out), { recursive: true });
  const old = `${out}.old`;
  if (existsSync(out)) {
    if (existsSync(old)) removeOwn(old, kind);
    Deno.renameSync(out, old);
  }
  Deno.renameSync(staging, out);
  removeOwn(old, kind);
}

const Lock = z.object({ alat: z.literal("ipasn"), pid: z.number().int(), sejak: z.string() });

/**
 * Holds `<out>.lock` while a run writes `out` and the staging, backup and failure folders beside
 * it (`using lock = lockOutput(…)` releases it however the run ends). Without it a second run on
 * the same output deletes the first one's staging folder (`freshStaging`) and the first fails in
 * the middle of its swap: two CI jobs triggered by the same data, or a build started twice. A lock
 * whose process is gone (a run that was killed) is taken over; a file of that name that is not
 * such a lock is refused, never deleted.
 */
export function lockOutput(out: string, option: string): Disposable {
  const file = `${resolve(out)}.lock`;
  const mine = JSON.stringify({ alat: "ipasn", pid: Deno.pid, sejak: new Date().toISOString() });
  // guardOutput has tested the folder; what it could not see (a parent that cannot even be
  // listed) surfaces here, still before anything is written: the output's place is the user's.
  const unwritable = (err: unknown) =>
    new InputError(`${option} ${out}`, `cannot be written (${(err as Error).message})`, WRITABLE);
  try {
    Deno.mkdirSync(dirname(file), { recursive: true }); // an output in new folders is fine
  } catch (err) {
    throw unwritable(err);
  }
  for (;;) {
    try {
      Deno.writeTextFileSync(file, mine + "\n", { createNew: true });
      break;
    } catch (err) {
      if (!(err instanceof Deno.errors.AlreadyExists)) throw unwritable(err);
    }
    let held: z.infer<typeof Lock> | null = null;
    try {
      held = Lock.parse(JSON.parse(Deno.readTextFileSync(file)));
    } catch {
      // Not a lock this tool wrote (or one half-written): refused below.
    }
    if (!held) {
      throw new InputError(
        file,
        "is in the way of the lock file that guards the output, and ipasn did not write it",
        "move that file away and run again",
      );
    }
    if (running(held.pid)) {
      throw new InputError(
        `${option} ${out}`,
        `another ipasn run (process ${held.pid}, started ${held.sejak}) is writing this output`,
        `wait for it to finish, or write elsewhere; if no run is going, delete ${file}`,
      );
    }
    Deno.removeSync(file); // its run is gone
  }
  return {
    [Symbol.dispose]() {
      try {
        if (Deno.readTextFileSync(file).trim() === mine) Deno.removeSync(file);
      } catch {
        // Already gone: nothing to release.
      }
    },
  };
}

/** Whether process `pid` is running; where that cannot be known, it is taken to be. */
function running(pid: number): boolean {
  if (pid === Deno.pid) return true;
  if (Deno.build.os !== "linux") return true;
  return existsSync(`/proc/${pid}`);
}

/** Puts back the last good output if a previous run died in the middle of the swap. */
export function recoverOutput(out: string, kind: OutputKind): void {
  const old = `${out}.old`;
  if (!existsSync(old)) return;
  if (existsSync(out)) removeOwn(old, kind);
  else Deno.renameSync(old, out);
}
