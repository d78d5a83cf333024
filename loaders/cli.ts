/**
 * The command line of every task (build, score, periksa, demo-data, dev, bench, wilayah): each
 * declares its options once, as a table (name, type, default, one line of help, allowed values),
 * and this module parses against it, writes the usage text from it and reports a wrong command
 * line the same way everywhere: `--help` prints the usage and exits 0; an unknown option, a
 * missing or malformed value, or an argument the task does not take is one line on stderr naming
 * the option (and the nearest known one) with exit code 2, never a stack trace.
 *
 * Hand-written rather than node:util parseArgs: its strict mode throws a TypeError whose text
 * names no fix, it takes `--raw --out` as a value for --raw, and it knows no allowed values.
 */
import { resolve } from "node:path";
import { editDistance } from "./engine/contract.ts";
import { InputError, UsageError, UserError } from "./errors.ts";

interface Described {
  /** One line: what the option does. */
  help: string;
  /** The value's placeholder in the usage text (`DIR`, `ID`, `SHARE`…). */
  arg?: string;
}

/** A flag: present or not; never takes a value. */
export interface BooleanOption extends Described {
  type: "boolean";
  short?: string;
}

/** A text value, optionally one of a fixed list; `multiple`: repeatable, collected in order. */
export interface StringOption extends Described {
  type: "string";
  default?: string;
  values?: readonly string[];
  multiple?: boolean;
  /** A comma-separated list whose every item must be one of `values`. */
  list?: boolean;
}

/** A share: a number from 0 to 1 (0.05 is 5%). */
export interface ShareOption extends Described {
  type: "share";
  default?: number;
}

/** A whole number, at least `min` and at most `max` when given. */
export interface IntegerOption extends Described {
  type: "integer";
  default?: number;
  min?: number;
  max?: number;
}

export type Option = BooleanOption | StringOption | ShareOption | IntegerOption;
export type Options = Record<string, Option>;

export interface Command<O extends Options> {
  /** How the task is started, e.g. "deno task build". */
  name: string;
  /** What the task does, shown under the usage line; a blank line starts a new paragraph. */
  summary: string;
  options: O;
  /** Text shown after the option table (exit codes, what a default means…). */
  notes?: string;
  /** Positional arguments the task takes (none unless declared): their placeholder and help. */
  positionals?: { arg: string; help: string };
  /** Arguments after `--`, handed on untouched (none unless declared): their placeholder and help. */
  rest?: { arg: string; help: string };
}

type ValueOf<T extends Option> = T extends BooleanOption ? boolean
  : T extends { multiple: true } ? string[]
  : T extends { list: true; values: readonly (infer V)[] } ? V[] | undefined
  : T extends ShareOption | IntegerOption ? (T extends { default: number } ? number
      : number | undefined)
  : T extends { values: readonly (infer V)[] } ? (T extends { default: string } ? V : V | undefined)
  : T extends { default: string } ? string
  : string | undefined;

export type Values<O extends Options> = { -readonly [K in keyof O]: ValueOf<O[K]> };

export interface Parsed<O extends Options> {
  values: Values<O>;
  /** Positional arguments (only when the command declares them). */
  positionals: string[];
  /** Everything after `--` (only when the command declares `rest`). */
  rest: string[];
  /** `--help` or `-h` was given. */
  help: boolean;
}

/** Declares a command; `const` keeps the allowed values as literal types. */
export function command<const O extends Options>(c: Command<O>): Command<O> {
  return c;
}

const HELP: BooleanOption = { type: "boolean", short: "h", help: "print this help and exit" };

/** Options that were renamed: the old name gets the new one, not its nearest look-alike. */
const RENAMED: Record<string, string> = {
  // `--methods DIR` looked like `--method ID` (compute only that profile).
  methods: "profiles",
};

/** The option the user most likely meant by `name` (without its dashes). */
export function nearestOption(name: string, known: string[]): string {
  let best = known[0];
  let bestD = Infinity;
  for (const k of [...known].sort()) {
    // A prefix ("--max" for "--max-quarantine") is as near as a one-letter slip.
    const d = k.startsWith(name) && name.length >= 2 ? 1 : editDistance(name, k);
    if (d < bestD) (best = k), (bestD = d);
  }
  return best;
}

const listed = (xs: readonly string[]) =>
  xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} or ${xs.at(-1)}`;

/** A value as the user typed it, quoted only when it would not read as one word. */
const shown = (raw: string) => /^[^\s"']+$/.test(raw) ? raw : JSON.stringify(raw);

/** Checks and converts one option's value; a wrong one is a UsageError naming the option. */
function convert(name: string, o: Option, raw: string): unknown {
  const given = `--${name} ${shown(raw)}`;
  switch (o.type) {
    case "boolean":
      throw new UsageError(`--${name} takes no value`, `write --${name} alone`);
    case "share": {
      const x = raw.trim() === "" ? NaN : Number(raw);
      if (!(x >= 0 && x <= 1)) {
        throw new UsageError(
          `${given} is not a share`,
          "give a number between 0 and 1, e.g. 0.05 for 5%",
        );
      }
      return x;
    }
    case "integer": {
      const x = /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
      if (
        !Number.isSafeInteger(x) || (o.min !== undefined && x < o.min) ||
        (o.max !== undefined && x > o.max)
      ) {
        const range = o.min !== undefined && o.max !== undefined
          ? ` from ${o.min} to ${o.max}`
          : o.min !== undefined
          ? ` of at least ${o.min}`
          : "";
        throw new UsageError(`${given} is not allowed`, `give a whole number${range}`);
      }
      return x;
    }
    case "string": {
      if (raw === "") {
        throw new UsageError(`--${name} is empty`, `write --${name} ${usageArg(name, o)}`);
      }
      if (!o.values) return raw;
      const items = o.list ? raw.split(",").map((s) => s.trim()) : [raw];
      const wrong = items.filter((i) => !o.values!.includes(i));
      if (wrong.length) {
        throw new UsageError(
          o.list
            ? `${given}: ${wrong.map(shown).join(", ")} ${
              wrong.length > 1 ? "are" : "is"
            } not known`
            : `${given} is not allowed`,
          `use ${o.list ? "a comma-separated list of " : ""}${listed(o.values)}`,
        );
      }
      return o.list ? items : raw;
    }
  }
}

/**
 * Parses `args` against the command's option table. Throws UsageError for anything the table does
 * not allow; returns `help: true` (and the rest unchecked) when --help or -h is among the options.
 */
export function parse<O extends Options>(cmd: Command<O>, args: string[]): Parsed<O> {
  const options: Options = cmd.options;
  const end = args.indexOf("--");
  const before = end < 0 ? args : args.slice(0, end);
  if (before.includes("--help") || before.includes("-h")) {
    return { values: {} as Values<O>, positionals: [], rest: [], help: true };
  }
  const seen = new Map<string, unknown>();
  const positionals: string[] = [];
  const known = [...Object.keys(options), "help"];
  const shorts = new Map(
    Object.entries(options).flatMap(([n, o]) =>
      o.type === "boolean" && o.short ? [[o.short, n]] : []
    ),
  );
  for (let i = 0; i < before.length; i++) {
    const token = before[i];
    if (!token.startsWith("-") || token === "-") {
      if (!cmd.positionals) {
        throw new UsageError(
          `unexpected argument ${JSON.stringify(token)}`,
          `${cmd.name} takes options only, each starting with -- (${cmd.name} --help lists them)`,
        );
      }
      positionals.push(token);
      continue;
    }
    const eq = token.indexOf("=");
    const long = token.startsWith("--");
    const name = long
      ? token.slice(2, eq < 0 ? undefined : eq)
      : shorts.get(token.slice(1)) ?? token.slice(1);
    const o = Object.hasOwn(options, name) && (long || shorts.has(token.slice(1)))
      ? options[name]
      : undefined;
    if (!o) {
      const shown = long ? `--${name}` : token;
      const renamed = RENAMED[name];
      if (long && renamed && Object.hasOwn(options, renamed)) {
        throw new UsageError(`unknown option ${shown}`, `it is now called --${renamed}`);
      }
      throw new UsageError(
        `unknown option ${shown}`,
        `did you mean --${
          nearestOption(name.replace(/^-+/, ""), known)
        }? (${cmd.name} --help lists every option)`,
      );
    }
    let value: unknown;
    if (o.type === "boolean") {
      if (eq >= 0) convert(name, o, token.slice(eq + 1)); // throws: a flag takes no value
      value = true;
    } else {
      let raw: string;
      if (eq >= 0) raw = token.slice(eq + 1);
      else {
        const next = before[i + 1];
        // `--raw --out x` forgot the folder: the next option is not taken for it.
        if (next === undefined || next.startsWith("--")) {
          throw new UsageError(
            `--${name} needs a value`,
            `write --${name} ${usageArg(name, o)}`,
          );
        }
        raw = next;
        i++;
      }
      value = convert(name, o, raw);
    }
    if (o.type === "string" && o.multiple) {
      seen.set(name, [...(seen.get(name) as string[] ?? []), value]);
    } else {
      // The last one counts, as in most tools: a wrapper appends its own to a default command.
      seen.set(name, value);
    }
  }
  const rest = end < 0 ? [] : args.slice(end + 1);
  if (rest.length && !cmd.rest) {
    throw new UsageError(
      `unexpected arguments after --: ${rest.join(" ")}`,
      `${cmd.name} passes nothing on: write its options without the -- before them`,
    );
  }
  const values: Record<string, unknown> = {};
  for (const [name, o] of Object.entries(options)) {
    values[name] = seen.has(name)
      ? seen.get(name)
      : o.type === "boolean"
      ? false
      : o.type === "string" && o.multiple
      ? []
      : o.default;
  }
  return { values: values as Values<O>, positionals, rest, help: false };
}

function usageArg(name: string, o: Option): string {
  if (o.type === "boolean") return "";
  if (o.arg) return o.arg;
  if (o.type === "string" && o.values) return o.values.join(o.list ? "," : "|");
  return o.type === "share" ? "SHARE" : o.type === "integer" ? "N" : name.toUpperCase();
}

/** Words of `text` in lines of at most `width` characters, each after `indent`. */
function wrap(text: string, indent: number, width = 100): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The usage text, generated from the option table. */
export function usage<O extends Options>(cmd: Command<O>): string {
  const rows: [string, string][] = Object.entries({ ...cmd.options, help: HELP } as Options).map(
    ([name, o]) => {
      const short = o.type === "boolean" && o.short ? `-${o.short}, ` : "";
      const arg = usageArg(name, o);
      let help = o.help;
      if (o.type !== "boolean" && o.default !== undefined) help += ` (default: ${o.default})`;
      return [`${short}--${name}${arg ? ` ${arg}` : ""}`, help];
    },
  );
  if (cmd.positionals) rows.unshift([cmd.positionals.arg, cmd.positionals.help]);
  if (cmd.rest) rows.push([`-- ${cmd.rest.arg}`, cmd.rest.help]);
  // The help column starts after the longest label that is not much longer than the others.
  const col = Math.max(...rows.map(([l]) => l.length).filter((n) => n <= 30)) + 4;
  const table = rows.flatMap(([label, help]) => {
    const text = wrap(help, col);
    const first = label.length + 2 <= col - 2
      ? [`  ${label.padEnd(col - 2)}${text[0] ?? ""}`]
      : [`  ${label}`, `${" ".repeat(col)}${text[0] ?? ""}`];
    return [...first, ...text.slice(1).map((l) => " ".repeat(col) + l)];
  });
  const synopsis = [
    cmd.name,
    "[options]",
    ...(cmd.positionals ? [`[${cmd.positionals.arg}...]`] : []),
    ...(cmd.rest ? [`[-- ${cmd.rest.arg}]`] : []),
  ].join(" ");
  // Paragraphs (split by a blank line) are refilled to the width.
  const text = (t: string) =>
    t.trim().split(/\n\s*\n/).flatMap((p, i) => [...(i ? [""] : []), ...wrap(p, 0)]);
  return [
    `Usage: ${synopsis}`,
    "",
    ...text(cmd.summary),
    "",
    "Options:",
    ...table,
    ...(cmd.notes ? ["", ...text(cmd.notes)] : []),
  ].join("\n");
}

/**
 * The folder an option names, resolved; one that does not exist is an InputError naming the
 * option (instead of a failure deep in the run), e.g. `--profiles`.
 */
export function existingFolder(option: string, path: string, fix: string): string {
  let stat: Deno.FileInfo | undefined;
  try {
    stat = Deno.statSync(path);
  } catch { /* missing or unreadable: refused below */ }
  if (!stat?.isDirectory) {
    throw new InputError(
      `${option} ${path}`,
      stat ? "is a file, not a folder" : "does not exist",
      fix,
    );
  }
  return resolve(path);
}

/** The options `score` and `build` share, as both describe them in --help and the README. */
export const RUN_OPTIONS = {
  profiles: {
    type: "string",
    arg: "DIR",
    help: "the folder of method profiles (default: data/methods)",
  },
  "max-quarantine": {
    type: "share",
    help: "fail the run when more than this share of a table's rows is quarantined as errors, " +
      "e.g. 0.05 (default: no share limit)",
  },
} as const satisfies Options;

/** `--profiles DIR` (build, score, periksa, dev), resolved and checked; undefined when not given. */
export function profilesOption(path: string | undefined): string | undefined {
  return path === undefined ? undefined : existingFolder(
    "--profiles",
    path,
    "name the folder of method profiles (JSON files such as data/methods/bkn-2024.json), or drop --profiles for data/methods",
  );
}

/** A wrong command line, in one line on stderr. */
function printError(err: UserError): void {
  console.error(`error: ${err.message}`);
}

/**
 * Parses the process's arguments: prints the usage and exits 0 on --help, prints a wrong command
 * line in one line and exits 2. For scripts whose body is not wrapped in `main` (bench, wilayah).
 */
export function parseArgsOrExit<O extends Options>(
  cmd: Command<O>,
  args: string[] = Deno.args,
): Parsed<O> {
  let parsed: Parsed<O>;
  try {
    parsed = parse(cmd, args);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    printError(err);
    Deno.exit(err.exitCode);
  }
  if (parsed.help) {
    console.log(usage(cmd));
    Deno.exit(0);
  }
  return parsed;
}

/**
 * A task's entry point: parses its command line (`parseArgsOrExit`), runs `body`, and reports a
 * `UserError` (a problem the user can fix) as `error: …` without a stack trace, exiting with its
 * code; `afterError` is a line added under an error of the data or settings (e.g. "The previous
 * outputs were left in place."). Any other error is a bug in ipasn and is rethrown, so Deno
 * prints it with its stack trace.
 */
export async function main<O extends Options>(
  cmd: Command<O>,
  body: (args: Parsed<O>) => Promise<void> | void,
  o: { afterError?: string; args?: string[] } = {},
): Promise<void> {
  const args = parseArgsOrExit(cmd, o.args ?? Deno.args);
  try {
    await body(args);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    printError(err);
    if (o.afterError && !(err instanceof UsageError)) console.error(o.afterError);
    Deno.exit(err.exitCode);
  }
}
