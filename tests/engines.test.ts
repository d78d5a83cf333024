/**
 * One Node.js version, stated and checked. package.json's `engines.node` (">=X.Y.Z") is the
 * project's minimum; .nvmrc holds its major and is what the CI workflow installs. This fails when a
 * dependency declares an `engines.node` range that the stated minimum does not satisfy (what
 * `npm ci` reports as EBADENGINE) — every package installed under node_modules, at any depth, and
 * every package of the lockfile, which also lists those of other platforms that are never installed
 * here — or when the workflow, .nvmrc and package.json disagree.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";

const ROOT = new URL("../", import.meta.url).pathname;

type Version = [number, number, number];
/** A version with its missing or wildcard parts left null: "14" → [14, null, null]. */
type Partial = [number | null, number | null, number | null];

function partial(text: string, range: string): Partial {
  const core = text.replace(/^[v=]+/, "").replace(/[-+].*$/, "");
  const parts = core.split(".");
  if (parts.length > 3 || parts.some((p) => !/^(\d+|[xX*])$/.test(p))) {
    throw new Error(`cannot read version "${text}" in range "${range}"`);
  }
  const n = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : null));
  // A wildcard makes every later part a wildcard too ("1.x.3" means 1.x).
  const firstWild = n.indexOf(null);
  const out: Partial = [null, null, null];
  for (let i = 0; i < 3; i++) out[i] = firstWild >= 0 && i >= firstWild ? null : n[i] ?? null;
  return out;
}

const cmp = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
const floor = (p: Partial): Version => [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0];
/** The first version above everything the partial version covers: 14 → 15.0.0, 14.17 → 14.18.0. */
function ceil(p: Partial): Version {
  if (p[0] === null) return [Infinity, 0, 0];
  if (p[1] === null) return [p[0] + 1, 0, 0];
  if (p[2] === null) return [p[0], p[1] + 1, 0];
  return [p[0], p[1], p[2] + 1];
}

/** Whether `v` satisfies one comparator ("^14.17", ">= 0.4", "18.x", "<=20", …). */
function comparator(v: Version, token: string, range: string): boolean {
  const m = /^(>=|<=|>|<|=|\^|~>?)?(.+)$/.exec(token);
  if (!m) throw new Error(`cannot read "${token}" in range "${range}"`);
  const op = m[1] ?? "", p = partial(m[2], range);
  const lo = floor(p), hi = ceil(p);
  switch (op) {
    case "":
    case "=":
      return cmp(v, lo) >= 0 && cmp(v, hi) < 0;
    case ">=":
      return cmp(v, lo) >= 0;
    case ">":
      return cmp(v, hi) >= 0;
    case "<":
      return cmp(v, lo) < 0;
    case "<=":
      return cmp(v, hi) < 0;
    case "^": {
      // The first non-zero part given may not change: ^14.2 < 15, ^0.4 < 0.5, ^0.0.3 < 0.0.4.
      const top: Version = p[0] !== 0 || p[1] === null
        ? [lo[0] + 1, 0, 0]
        : p[1] !== 0 || p[2] === null
        ? [0, lo[1] + 1, 0]
        : [0, 0, lo[2] + 1];
      return cmp(v, lo) >= 0 && cmp(v, top) < 0;
    }
    default: { // "~" and "~>": the minor may not change when given, else the major.
      const top: Version = p[1] === null ? [lo[0] + 1, 0, 0] : [lo[0], lo[1] + 1, 0];
      return cmp(v, lo) >= 0 && cmp(v, top) < 0;
    }
  }
}

/** npm's range grammar (node-semver) for `engines.node`: `||` alternatives of comparator sets. */
function satisfies(version: string, range: string): boolean {
  const v = floor(partial(version, version));
  return range.split("||").some((alternative) => {
    const set = alternative.trim().replace(/(>=|<=|>|<|=|\^|~>?)\s+/g, "$1");
    if (set === "" || set === "*" || set === "x" || set === "X") return true;
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(set);
    if (hyphen) {
      return cmp(v, floor(partial(hyphen[1], range))) >= 0 &&
        cmp(v, ceil(partial(hyphen[2], range))) < 0;
    }
    return set.split(/\s+/).every((token) => comparator(v, token, range));
  });
}

/** `engines.node` of a package.json, when it has one in the form npm checks. */
function enginesNode(pkg: { engines?: unknown }): string | undefined {
  const e = pkg.engines;
  if (e && typeof e === "object" && !Array.isArray(e)) {
    const node = (e as Record<string, unknown>).node;
    if (typeof node === "string") return node;
  }
  return undefined;
}

/** Every package directory under a node_modules folder, nested node_modules included. */
function installed(dir: string, out: string[] = []): string[] {
  for (const entry of Deno.readDirSync(dir)) {
    if (entry.name.startsWith(".") || !(entry.isDirectory || entry.isSymlink)) continue;
    const path = join(dir, entry.name);
    if (entry.name.startsWith("@")) {
      installed(path, out);
      continue;
    }
    if (existsSync(join(path, "package.json"))) out.push(path);
    if (existsSync(join(path, "node_modules"))) installed(join(path, "node_modules"), out);
  }
  return out;
}

const readJson = (path: string) => JSON.parse(Deno.readTextFileSync(path));

/** The project's stated minimum: package.json `engines.node`, which must be ">=X[.Y[.Z]]". */
function statedMinimum(): string {
  const range = enginesNode(readJson(join(ROOT, "package.json")));
  assert.ok(range, "package.json states no engines.node");
  const m = /^>=\s*v?(\d+(?:\.\d+){0,2})$/.exec(range);
  assert.ok(m, `package.json engines.node "${range}" is not of the form ">=X.Y.Z"`);
  return m[1];
}

Deno.test("the range check reads npm's grammar", () => {
  const yes: [string, string][] = [
    ["20.19.0", ">=20.19.0"],
    ["20.19.0", ">= 0.4"],
    ["20.19.0", ">=v12.22.7"],
    ["20.19.0", "*"],
    ["20.19.0", "^10 || ^12.20.0 || ^14.13.0 || >=15.0.0"],
    ["20.19.0", ">=16 || 14 >=14.17"],
    ["20.19.0", "^20.5.0"],
    ["20.19.0", "20.x"],
    ["20.19.0", "18 - 20"],
    ["20.19.0", "~20.19"],
    ["20.19.0", ">18 <=20"],
  ];
  const no: [string, string][] = [
    ["20.19.0", ">=22.0.0"],
    ["20.18.9", ">=20.19.0"],
    ["20.19.0", "^18"],
    ["20.19.0", "<20.19"],
    ["20.19.0", ">20"],
    ["20.19.0", "~20.18"],
    ["20.19.0", "^10 || ^12.20.0 || ^14.13.0"],
    ["20.19.0", "21 - 22"],
    ["0.5.0", "^0.4"],
  ];
  for (const [v, r] of yes) assert.equal(satisfies(v, r), true, `${v} should satisfy ${r}`);
  for (const [v, r] of no) assert.equal(satisfies(v, r), false, `${v} should not satisfy ${r}`);
  // A range it cannot read fails loudly rather than passing.
  assert.throws(() => satisfies("20.19.0", "latest"), /cannot read/);
});

Deno.test("every dependency accepts the project's stated Node.js minimum", () => {
  const min = statedMinimum();
  const refused: string[] = [];
  const dirs = installed(join(ROOT, "node_modules"));
  assert.ok(dirs.length > 100, `only ${dirs.length} packages found under node_modules: run npm ci`);
  for (const dir of dirs) {
    const pkg = readJson(join(dir, "package.json"));
    const range = enginesNode(pkg);
    if (range && !satisfies(min, range)) {
      refused.push(`${dir.slice(ROOT.length)} (${pkg.name}@${pkg.version}): node ${range}`);
    }
  }
  // The lockfile also lists the packages npm installs only on other platforms.
  const lock = readJson(join(ROOT, "package-lock.json"));
  for (
    const [path, entry] of Object.entries(lock.packages as Record<string, { engines?: unknown }>)
  ) {
    const range = path === "" ? undefined : enginesNode(entry);
    if (range && !satisfies(min, range)) refused.push(`package-lock.json ${path}: node ${range}`);
  }
  assert.deepEqual(
    refused,
    [],
    `Node.js ${min} (package.json engines.node) is refused by:\n${refused.join("\n")}`,
  );
});

Deno.test("the CI workflow installs the Node.js major that package.json states", () => {
  const major = statedMinimum().split(".")[0];
  const nvmrc = Deno.readTextFileSync(join(ROOT, ".nvmrc")).trim();
  assert.equal(nvmrc, major, `.nvmrc says "${nvmrc}", package.json engines.node says ${major}`);
  const workflow = Deno.readTextFileSync(join(ROOT, ".github/workflows/site.yml"));
  assert.match(
    workflow,
    /uses: actions\/setup-node@[^\n]*\n\s+with:\n\s+node-version-file: \.nvmrc\n/,
  );
  assert.doesNotMatch(workflow, /node-version:/, "the workflow pins its own Node.js version");
});
