/**
 * `deno task dev`: the analyst's notebook. Scores the raw data (or the demo data) like a build when
 * there are no scores yet, writes the site's data files from data/computed/ into src/data/ (the
 * same writer as the build), then starts Observable Framework's preview server with live reload.
 * While it runs, new scores (`deno task score`) are written into the data files again, and the
 * pages that read them reload.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { command, main, profilesOption } from "../loaders/cli.ts";
import { tulisDataSitus } from "../loaders/publish/muatan.ts";

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
no scores yet (the demo data if data/raw/ is empty), writes the site's data files from them into
src/data/, then starts Observable Framework's preview server with live reload on the pages under
src/. New scores (\`deno task score\`) reach the open pages while it runs.`,
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
    // The data files, with the scope, title and report-card routes the config reads.
    const computed = join(ROOT, "data/computed");
    const internal = values.audience === "internal";
    await tulisDataSitus({ computed, internal });
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
    // New scores (a score run swaps in a new folder, manifest last): the data files are written
    // again; Framework's preview reloads the pages whose files changed.
    const stempel = () => {
      try {
        return Deno.statSync(join(computed, "manifest.json")).mtime?.getTime() ?? 0;
      } catch {
        return 0;
      }
    };
    let terakhir = stempel();
    const jaga = setInterval(async () => {
      const kini = stempel();
      if (!kini || kini === terakhir) return;
      terakhir = kini;
      try {
        const r = await tulisDataSitus({ computed, internal });
        if (!r.tetap) console.error(`[dev] new scores: ${r.ditulis} data file(s) written`);
      } catch (e) {
        console.error(`[dev] the new scores could not be written into src/data: ${e}`);
      }
    }, 2000);
    p.status.then(() => clearInterval(jaga));
    Deno.exit((await p.status).code);
  });
}
