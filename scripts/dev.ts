/**
 * `deno task dev`: the analyst's notebook. Scores the raw data (or the demo data) like a build,
 * then starts Observable Framework's preview server with live reload. Pages under src/ that read
 * src/data/* loaders see data/computed/; rerun `deno task score` (or restart) after new data.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { command, main, profilesOption } from "../loaders/cli.ts";
import { tulisSitus } from "../loaders/publish/scope.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const deno = Deno.execPath();

/**
 * Framework's preview options are declared here too (rather than passed through unchecked), so a
 * typo is caught with the same message as any other and `--help` lists them; anything else of
 * Framework's goes after `--`. Its --root and --config are not offered: the project fixes both.
 */
export const DEV = command({
  name: "deno task dev",
  summary:
    `The analyst's notebook: scores the data like \`deno task build\` when data/computed/ holds
no scores yet (the demo data if data/raw/ is empty), then starts Observable Framework's preview
server with live reload on the pages under src/. Rerun \`deno task score\` after new data.`,
  options: {
    audience: {
      type: "string",
      values: ["public", "internal"],
      default: "public",
      help: "internal: serve the internal pages too, with per-person data, never to be exposed",
    },
    profiles: {
      type: "string",
      arg: "DIR",
      help: "the folder of method profiles (default: data/methods), as `build --profiles DIR` " +
        "scored them",
    },
    host: {
      type: "string",
      arg: "HOST",
      help: "Framework's preview: the server host; 0.0.0.0 accepts external connections " +
        "(default: 127.0.0.1)",
    },
    port: {
      type: "integer",
      min: 0,
      max: 65535,
      help: "Framework's preview: the server port (default: 3000, or higher if taken)",
    },
    "no-open": { type: "boolean", help: "Framework's preview: do not open a browser" },
    cors: {
      type: "boolean",
      help: "Framework's preview: allow cross-origin requests from every origin",
    },
    "allow-origin": {
      type: "string",
      arg: "ORIGIN",
      multiple: true,
      help: "Framework's preview: allow cross-origin requests from this origin; repeatable",
    },
  },
  rest: {
    arg: "ARGS",
    help: "passed unchecked to Framework's `observable preview` (its own --help lists them)",
  },
});

if (import.meta.main) {
  await main(DEV, async ({ values, rest }) => {
    const profiles = profilesOption(values.profiles);
    if (!existsSync(join(ROOT, "data/computed/manifest.json"))) {
      console.error(
        "No computed data yet: running the build's pipeline first (demo data if data/raw/ is empty)…",
      );
      const b = await new Deno.Command(deno, {
        args: [
          "run",
          "-A",
          join(ROOT, "scripts/build.ts"),
          ...(profiles ? ["--profiles", profiles] : []),
        ],
        cwd: ROOT,
        stdout: "inherit",
        stderr: "inherit",
      }).output();
      if (!b.success) Deno.exit(b.code || 1);
    }
    // The scope, title and report-card routes the config reads (the build writes them after
    // scoring).
    tulisSitus(join(ROOT, "data/computed"));
    const { versions } = JSON.parse(Deno.readTextFileSync(join(ROOT, "framework-offline.json")));
    for (const [name, version] of Object.entries(versions)) {
      Deno.mkdirSync(join(ROOT, "src/.observablehq/cache/_npm", `${name}@${version}`), {
        recursive: true,
      });
    }
    const preview = [
      ...(values.host !== undefined ? ["--host", values.host] : []),
      ...(values.port !== undefined ? ["--port", String(values.port)] : []),
      ...(values["no-open"] ? ["--no-open"] : []),
      ...(values.cors ? ["--cors"] : []),
      ...values["allow-origin"].flatMap((o) => ["--allow-origin", o]),
      ...rest,
    ];
    const p = new Deno.Command(deno, {
      args: [
        "run",
        "-A",
        join(ROOT, "node_modules/@observablehq/framework/dist/bin/observable.js"),
        "preview",
        ...preview,
      ],
      cwd: ROOT,
      env: {
        OBSERVABLE_TELEMETRY_DISABLE: "true",
        IPASN_COMPUTED: join(ROOT, "data/computed"),
        IPASN_AUDIENCE: values.audience,
        ...(profiles ? { IPASN_METHODS: profiles } : {}),
      },
      stdout: "inherit",
      stderr: "inherit",
    }).spawn();
    // A terminal's Ctrl-C reaches the preview server itself; a supervisor's or a test's signal
    // reaches only this process, and would leave the server running without it.
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      Deno.addSignalListener(signal, () => p.kill(signal));
    }
    Deno.exit((await p.status).code);
  });
}
