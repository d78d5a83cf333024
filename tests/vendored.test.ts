/**
 * Files copied from elsewhere into data/reference/ (the idn-area-data 4.0.1 data files) stay byte
 * for byte what was copied: data/reference/README.md lists `sha256  file` lines, and each listed
 * file must hash to its sum. A changed byte (an edit, a line-ending conversion) fails here, before
 * it silently changes the generated national reference.
 */
import assert from "node:assert/strict";
import { basename, join } from "node:path";
import { SUMBER } from "../scripts/wilayah.ts";

const REFERENCE = new URL("../data/reference/", import.meta.url).pathname;

async function sha256(path: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", Deno.readFileSync(path));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

Deno.test("vendored reference files match the SHA-256 sums data/reference/README.md gives", async () => {
  const readme = Deno.readTextFileSync(join(REFERENCE, "README.md"));
  const sums = new Map(
    [...readme.matchAll(/^([0-9a-f]{64}) {2}(\S+)$/gm)].map((m) => [m[2], m[1]]),
  );
  // The generator's two files and the data licence, under the prefix it reads (the version).
  const vendored = [...Deno.readDirSync(REFERENCE)].map((e) => e.name)
    .filter((f) => f.startsWith("idn-area-data-")).sort();
  const prefix = basename(SUMBER);
  assert.deepEqual(
    vendored,
    ["LICENSE.md", "provinces.csv", "regencies.csv"].map((f) => prefix + f),
  );
  assert.deepEqual([...sums.keys()].sort(), vendored, "README's sums and the vendored files");
  for (const [file, sum] of sums) {
    assert.equal(await sha256(join(REFERENCE, file)), sum, `${file} differs from what was copied`);
  }
});
