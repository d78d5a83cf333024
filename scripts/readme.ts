/**
 * `deno run -A scripts/readme.ts [--check]`: writes the README's generated sections, each between
 * its markers, from what the code holds, so the manual cannot drift from it:
 *
 * - `tasks`: every task's options, from the option tables the tasks parse with (loaders/cli.ts);
 * - `codes`: the accepted spellings of every coded column, from data/aliases/kode.json and
 *   siasn.json (the alias tables validation reads).
 *
 * `--check` exits 1 when a section differs from what the code gives (tests/readme.test.ts runs it).
 * The benchmark table has its own generator (scripts/bench-readme.ts), from bench/results.json.
 */
import { join } from "node:path";
import { type Command, type Options, parseArgsOrExit } from "../loaders/cli.ts";
import { type Kind, loadAliases } from "../loaders/engine/aliases.ts";
import { ROOT } from "../loaders/paths.ts";
import { SCORE } from "./score.ts";
import { BUILD } from "./build.ts";
import { PERIKSA } from "./periksa.ts";
import { DEMO_DATA } from "./demo-data.ts";
import { DEV } from "./dev.ts";

export const README = join(ROOT, "README.md");

/** One row per option: `--name ARG` and its help, with the default. */
function optionRows(cmd: Command<Options>): string[] {
  return Object.entries(cmd.options).map(([name, o]) => {
    const arg = o.type === "boolean" ? "" : ` ${
      o.arg ??
        (o.type === "string" && o.values
          ? o.values.join("\\|")
          : o.type === "share"
          ? "SHARE"
          : o.type === "integer"
          ? "N"
          : "VALUE")
    }`;
    const dflt = o.type !== "boolean" && o.default !== undefined
      ? ` (default \`${o.default}\`)`
      : "";
    return `| \`--${name}${arg}\` | ${o.help.replaceAll("|", "\\|")}${dflt} |`;
  });
}

export function tasksSection(): string {
  const tasks: Command<Options>[] = [SCORE, BUILD, PERIKSA, DEV, DEMO_DATA] as never;
  return tasks.map((t) =>
    [
      `**\`npx ${t.name}\`**: ${t.summary.split(/\n\s*\n/)[0].replace(/\s+/g, " ").trim()}`,
      "",
      "| option | meaning |",
      "|---|---|",
      ...optionRows(t),
    ].join("\n")
  ).join("\n\n");
}

/** The coded columns, in the order a user meets them, and the alias kind each reads. */
const CODED: [string, Kind][] = [
  ["pegawai.jenis_pegawai", "jenis_pegawai"],
  ["pegawai.jenis_jabatan", "jenis_jabatan"],
  ["pegawai.pendidikan", "pendidikan"],
  ["diklat.jenis", "jenis_diklat"],
  ["diklat.jenjang", "jenjang"],
  ["kinerja.predikat", "predikat"],
  ["hukdis.tingkat", "tingkat_hukdis"],
];

export async function codesSection(): Promise<string> {
  const aliases = await loadAliases(join(ROOT, "data/aliases/kode.json"));
  const rows = CODED.map(([column, kind]) =>
    `| \`${column}\` | ${
      Object.entries(aliases[kind] ?? {}).map(([code, spellings]) =>
        `**${code}**: ${[...new Set(spellings)].join(", ")}`
      ).join("; ").replaceAll("|", "\\|")
    } |`
  );
  return [
    "| column | each code, then the other spellings accepted for it |",
    "|---|---|",
    ...rows,
  ].join("\n");
}

/** The README with every generated section replaced. */
export async function renderReadme(text: string): Promise<string> {
  const sections: Record<string, string> = {
    tasks: tasksSection(),
    codes: await codesSection(),
  };
  for (const [name, body] of Object.entries(sections)) {
    const [a, b] = [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`];
    const i = text.indexOf(a), j = text.indexOf(b);
    if (i < 0 || j < i) throw new Error(`README.md has no ${a} … ${b} markers`);
    text = `${text.slice(0, i + a.length)}\n${body}\n${text.slice(j)}`;
  }
  return text;
}

if (import.meta.main) {
  const { values } = parseArgsOrExit({
    name: "deno run -A scripts/readme.ts",
    summary: "Writes the README's generated sections (task options, accepted codes).",
    options: { check: { type: "boolean", help: "exit 1 when README.md is not current" } },
  }, Deno.args);
  const now = Deno.readTextFileSync(README);
  const next = await renderReadme(now);
  if (values.check) {
    if (now !== next) {
      console.error("README.md's generated sections are stale: run deno run -A scripts/readme.ts");
      Deno.exit(1);
    }
  } else {
    Deno.writeTextFileSync(README, next);
    console.error("README.md: generated sections written");
  }
}
