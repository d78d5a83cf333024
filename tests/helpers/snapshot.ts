/**
 * A snapshot test's comparison, in one place: the text must equal the stored file. With
 * UPDATE_SNAPSHOTS=1 the file is (re)written instead, after an intended change, so the diff shows in
 * review. A missing snapshot fails: written silently, a deleted snapshot would make the test pass.
 */
import assert from "node:assert/strict";
import { dirname } from "node:path";

export const UPDATE_SNAPSHOTS = Deno.env.get("UPDATE_SNAPSHOTS") === "1";

export function sesuaiSnapshot(file: URL | string, text: string, what: string): void {
  const path = typeof file === "string" ? file : file.pathname;
  if (UPDATE_SNAPSHOTS) {
    Deno.mkdirSync(dirname(path), { recursive: true });
    Deno.writeTextFileSync(path, text);
    return;
  }
  let stored: string;
  try {
    stored = Deno.readTextFileSync(path);
  } catch {
    throw new Error(`no snapshot ${path}: run with UPDATE_SNAPSHOTS=1 and review the new file`);
  }
  assert.equal(text, stored, `${what} changed: review the diff, then UPDATE_SNAPSHOTS=1`);
}
