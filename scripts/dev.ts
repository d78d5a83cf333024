/**
 * `deno task dev`: the analyst's notebook. Scores the raw data (or the demo data) like a build,
 * then starts Observable Framework's preview server with live reload. Pages under src/ that read
 * src/data/* loaders see data/computed/; rerun `deno task score` (or restart) after new data.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

const ROOT = new URL("../", import.meta.url).pathname;
const deno = Deno.execPath();

if (!existsSync(join(ROOT, "data/computed/manifest.json"))) {
  console.error(
    "No computed data yet: running the build's pipeline first (demo data if data/raw/ is empty)…",
  );
  const b = await new Deno.Command(deno, {
    args: ["run", "-A", join(ROOT, "scripts/build.ts")],
    cwd: ROOT,
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (!b.success) Deno.exit(1);
}
const { versions } = JSON.parse(Deno.readTextFileSync(join(ROOT, "framework-offline.json")));
for (const [name, version] of Object.entries(versions)) {
  Deno.mkdirSync(join(ROOT, "src/.observablehq/cache/_npm", `${name}@${version}`), {
    recursive: true,
  });
}
// `--audience internal` serves the internal pages too (their loaders refuse to run otherwise).
const audienceAt = Deno.args.indexOf("--audience");
const audience = audienceAt >= 0 ? Deno.args[audienceAt + 1] : "public";
const args = audienceAt >= 0 ? Deno.args.toSpliced(audienceAt, 2) : [...Deno.args];
const p = new Deno.Command(deno, {
  args: [
    "run",
    "-A",
    join(ROOT, "node_modules/@observablehq/framework/dist/bin/observable.js"),
    "preview",
    ...args,
  ],
  cwd: ROOT,
  env: {
    OBSERVABLE_TELEMETRY_DISABLE: "true",
    IPASN_COMPUTED: join(ROOT, "data/computed"),
    IPASN_AUDIENCE: audience,
  },
  stdout: "inherit",
  stderr: "inherit",
}).spawn();
Deno.exit((await p.status).code);
