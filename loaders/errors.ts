/**
 * The errors a user can cause and fix. Every script catches `UserError` alone, prints its message
 * (what is wrong and the fix) without a stack trace and exits with its code; anything else is a
 * bug in ipasn and keeps its stack trace.
 */
export class UserError extends Error {
  /** 1: the data or a setting must change; 2: the command line must change. */
  readonly exitCode: number = 1;
}

/** A problem with an input file or folder that stops the run: it names the file, the problem and the fix. */
export class InputError extends UserError {
  constructor(readonly file: string, readonly problem: string, readonly fix: string) {
    super(`${file}: ${problem}.\n  Fix: ${fix}.`);
    this.name = "InputError";
  }
}

/**
 * A wrong command-line option or value (or environment variable), in one line: the problem, then
 * the fix ("unknown option --raws; did you mean --raw?").
 */
export class UsageError extends UserError {
  override readonly exitCode = 2;
  constructor(readonly problem: string, readonly fix: string) {
    super(`${problem}; ${fix}${/[.?!)]$/.test(fix) ? "" : "."}`);
    this.name = "UsageError";
  }
}
