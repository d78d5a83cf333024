/**
 * The benchmark's pandas peer: `../shared/peers/ipasn_pandas.py` (next to this repository), a
 * vectorised pandas implementation of both profiles the way a BKD analyst would write it, with no
 * validation; it writes one line per (periode, metode, kode_instansi) with the four component
 * means to stdout. It runs on Debian's pandas (`apt-get install -y python3-pandas`) with
 * `/usr/bin/python3`: another python3 on the PATH may not see Debian's packages (see
 * /work/shared/notes/platform.md, "Added in the second turn").
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Db, ident, inList, lit } from "../loaders/duck.ts";
import { DIMENSI } from "../src/kosakata.ts";

const ROOT = new URL("../", import.meta.url).pathname;
export const PYTHON = "/usr/bin/python3";
export const PEER = join(ROOT, "../shared/peers/ipasn_pandas.py");

/** Why the peer cannot run here, or null when it can (python3 with pandas and the script exist). */
export async function pandasMissing(): Promise<string | null> {
  if (!existsSync(PEER)) return `the peer script ${PEER} is not there`;
  if (!existsSync(PYTHON)) return `${PYTHON} is not installed`;
  try {
    const out = await new Deno.Command(PYTHON, {
      args: ["-c", "import pandas, numpy"],
      stdout: "null",
      stderr: "null",
    }).output();
    return out.success
      ? null
      : `${PYTHON} cannot import pandas (apt-get install -y python3-pandas installs Debian's)`;
  } catch (e) {
    return `${PYTHON} does not run: ${(e as Error).message}`;
  }
}

/** The pandas and numpy versions the peer runs with, for the results file. */
export async function pandasVersion(): Promise<string> {
  const out = await new Deno.Command(PYTHON, {
    args: [
      "-c",
      "import pandas, numpy; print(f'pandas {pandas.__version__}, numpy {numpy.__version__}')",
    ],
    stdout: "piped",
    stderr: "null",
  }).output();
  return new TextDecoder().decode(out.stdout).trim();
}

/**
 * How far the peer's means are from the engine's on the same files: the largest absolute difference
 * over every (periode, metode, kode_instansi) both wrote, for n_asn and each component mean, and how
 * many rows each side has that the other lacks (the engine may also write variant profiles, which
 * the peer does not compute: only bkn-2019 and bkn-2024 rows are compared).
 */
export async function compareWithEngine(
  engineOut: string,
  pandasCsv: string,
): Promise<{
  rows: number;
  max_abs_diff: Record<string, number>;
  only_engine: number;
  only_pandas: number;
}> {
  const db = await Db.open();
  try {
    const cols = ["n_asn", ...DIMENSI, "nilai"];
    const read = (f: string) =>
      `(SELECT periode, metode, kode_instansi, ${
        cols.map((c) => `CAST(${ident(c)} AS DOUBLE) AS ${ident(c)}`).join(", ")
      } FROM read_csv(${lit(f)}, all_varchar = true, header = true) WHERE ${
        inList("metode", ["bkn-2019", "bkn-2024"])
      })`;
    const e = read(join(engineOut, "instansi.csv")), p = read(pandasCsv);
    const joined = `${e} e JOIN ${p} p USING (periode, metode, kode_instansi)`;
    const r = await db.one<Record<string, number | null>>(
      `SELECT
        (SELECT count(*) FROM ${joined})::INTEGER AS rows,
        ${
        cols.map((c) =>
          `(SELECT max(abs(e.${ident(c)} - p.${ident(c)})) FROM ${joined}) AS ${ident(`d_${c}`)}`
        ).join(",\n        ")
      },
        (SELECT count(*) FROM ${e} e ANTI JOIN ${p} p USING (periode, metode, kode_instansi))::INTEGER AS oe,
        (SELECT count(*) FROM ${p} p ANTI JOIN ${e} e USING (periode, metode, kode_instansi))::INTEGER AS op`,
    );
    return {
      rows: r.rows ?? 0,
      // The peer prints six decimals, so agreement shows as differences below 5e-7.
      max_abs_diff: Object.fromEntries(cols.map((c) => [c, r[`d_${c}`] ?? NaN])),
      only_engine: r.oe ?? 0,
      only_pandas: r.op ?? 0,
    };
  } finally {
    db.close();
  }
}
