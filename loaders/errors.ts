/** A problem with an input file that stops the run: it names the file, the problem and the fix. */
export class InputError extends Error {
  constructor(readonly file: string, readonly problem: string, readonly fix: string) {
    super(`${file}: ${problem}.\n  Fix: ${fix}.`);
    this.name = "InputError";
  }
}
