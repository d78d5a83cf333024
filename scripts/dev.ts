/**
 * `deno task dev`: the analyst's notebook. Scores the raw data (or the demo data) like a build,
 * then starts Observable Framework's preview server with live reload. Pages under src/ that read
 * src/data/* loaders see data/computed/; rerun `deno task score` (or restart) after new data.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { tulisSitus } from "../loaders/publish/scope.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const deno = Deno.execPath();

/** Takes `--name value` out of the arguments passed on to Framework. */
function option(args: string[], name: string): [string | undefined, string[]] {
  const at = args.indexOf(name);
  return at >= 0 ? [args[at + 1], args.toSpliced(at, 2)] : [undefined, args];
}
// `--audience internal` serves the internal pages too (their loaders refuse to run otherwise);
// `--methods DIR` reads the method profiles from DIR, as `build --methods DIR` scored them.
const [audience = "public", rest] = option(Deno.args, "--audience");
const [methods, args] = option(rest, "--methods");

if (!existsSync(join(ROOT, "data/computed/manifest.json"))) {
  console.error(
    "No computed data yet: running the build's pipeline first (demo data if data/raw/ is empty)…",
  );
  const b = await new Deno.Command(deno, {
    args: ["run", "-A", join(ROOT, "scripts/build.ts"), ...(methods ? ["--methods", methods] : [])],
    cwd: ROOT,
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (!b.success) Deno.exit(1);
}
// The scope, title and report-card routes the config reads (the build writes them after scoring).
tulisSitus(join(ROOT, "data/computed"));
const { versions } = JSON.parse(Deno.readTextFileSync(join(ROOT, "framework-offline.json")));
for (const [name, version] of Object.entries(versions)) {
  Deno.mkdirSync(join(ROOT, "src/.observablehq/cache/_npm", `${name}@${version}`), {
    recursive: true,
  });
}

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
    ...(methods ? { IPASN_METHODS: resolve(methods) } : {}),
  },
  stdout: "inherit",
  stderr: "inherit",
}).spawn();
// A terminal's Ctrl-C reaches the preview server itself; a supervisor's or a test's signal reaches
// only this process, and would leave the server running without it.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.addSignalListener(signal, () => p.kill(signal));
}
Deno.exit((await p.status).code);
