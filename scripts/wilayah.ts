/**
 * `deno run -A scripts/wilayah.ts [--check]`: writes data/reference/wilayah-nasional.csv, the
 * national instansi reference (one row per provincial and kabupaten/kota government), from
 *
 * - the data files provinces.csv and regencies.csv of the npm package idn-area-data 4.0.1 (its data
 *   follows the Kemendagri decree on administrative codes, Kepmendagri 300.2.2-2138/2025 judging by
 *   the renames it carries; data licensed ODbL, github.com/fityannugroho/idn-area-data), vendored
 *   byte for byte as data/reference/idn-area-data-4.0.1-*.csv (data/reference/README.md says why
 *   and how to re-check them): the package declares Node >= 22 and only these files were ever used,
 *   and
 * - data/reference/kanreg-provinsi.csv, our own table of the Kantor Regional of each province with
 *   a source per row; a province without a source keeps an empty kanreg.
 *
 * The file is generated, never edited by hand; `--check` exits 1 when the committed file differs
 * from what the vendored files and the table give (a test runs it).
 */
import { csvFormat, csvParse } from "d3";
import { join } from "node:path";
import { command, parseArgsOrExit } from "../loaders/cli.ts";
import { InputError, UserError } from "../loaders/errors.ts";

const ROOT = new URL("../", import.meta.url).pathname;
/** Prefix of the vendored idn-area-data files: `${SUMBER}provinces.csv`, `${SUMBER}regencies.csv`. */
export const SUMBER = join(ROOT, "data/reference/idn-area-data-4.0.1-");
export const KANREG_PROVINSI = join(ROOT, "data/reference/kanreg-provinsi.csv");
export const KELUARAN = join(ROOT, "data/reference/wilayah-nasional.csv");

/**
 * Jakarta's five kota administrasi and one kabupaten administrasi are not autonomous regions
 * (UU 29/2007, kept by UU 2/2024): they have no government, hence no instansi, of their own; their
 * ASN belong to Pemerintah Provinsi DKI Jakarta. Codes as in idn-area-data.
 */
export const BUKAN_DAERAH_OTONOM = new Set(["31.01", "31.71", "31.72", "31.73", "31.74", "31.75"]);

export interface BarisWilayah {
  kode_instansi: string;
  nama_instansi: string;
  jenis: "provinsi" | "kabupaten" | "kota";
  kode_provinsi: string;
  provinsi: string;
  kanreg: string;
}

/** The national reference rows, provinces first then their kabupaten/kota, in code order. */
export function wilayahNasional(
  provinces: { code: string; name: string }[],
  regencies: { code: string; province_code: string; name: string }[],
  kanreg: { kode_provinsi: string; kanreg: string }[],
): BarisWilayah[] {
  const kanregOf = new Map(kanreg.map((k) => [k.kode_provinsi, k.kanreg]));
  const nama = new Map(provinces.map((p) => [p.code, p.name]));
  const rows: BarisWilayah[] = [];
  for (const p of provinces) {
    rows.push({
      kode_instansi: p.code,
      nama_instansi: `Pemerintah Provinsi ${p.name}`,
      jenis: "provinsi",
      kode_provinsi: p.code,
      provinsi: p.name,
      kanreg: kanregOf.get(p.code) ?? "",
    });
  }
  for (const r of regencies) {
    if (BUKAN_DAERAH_OTONOM.has(r.code)) continue;
    const provinsi = nama.get(r.province_code);
    if (!provinsi) throw new Error(`regency ${r.code}: unknown province ${r.province_code}`);
    rows.push({
      kode_instansi: r.code.replace(".", ""),
      nama_instansi: `Pemerintah ${r.name}`,
      // Kota codes are xx.71 and above in Kemendagri's numbering; the name says the same.
      jenis: r.name.startsWith("Kota ") ? "kota" : "kabupaten",
      kode_provinsi: r.province_code,
      provinsi,
      kanreg: kanregOf.get(r.province_code) ?? "",
    });
  }
  return rows.sort((a, b) =>
    a.kode_provinsi.localeCompare(b.kode_provinsi) ||
    a.kode_instansi.length - b.kode_instansi.length ||
    a.kode_instansi.localeCompare(b.kode_instansi)
  );
}

export function bacaPaket(prefix = SUMBER, kanregFile = KANREG_PROVINSI) {
  const read = (f: string) => {
    try {
      return csvParse(Deno.readTextFileSync(f));
    } catch {
      throw new InputError(
        f,
        "cannot be read",
        "restore it from git (`git checkout -- data/reference`): the idn-area-data files are vendored there",
      );
    }
  };
  return wilayahNasional(
    read(`${prefix}provinces.csv`) as never,
    read(`${prefix}regencies.csv`) as never,
    read(kanregFile) as never,
  );
}

export function csvWilayah(rows: BarisWilayah[]): string {
  return csvFormat(rows, [
    "kode_instansi",
    "nama_instansi",
    "jenis",
    "kode_provinsi",
    "provinsi",
    "kanreg",
  ]) + "\n";
}

if (import.meta.main) {
  const { values } = parseArgsOrExit(command({
    name: "deno run -A scripts/wilayah.ts",
    summary: "Writes the national instansi reference from the pinned idn-area-data package and " +
      "our table of the Kantor Regional of each province.",
    options: { check: { type: "boolean", help: "exit 1 when the committed file differs" } },
  }));
  try {
    const text = csvWilayah(bacaPaket());
    if (values.check) {
      let now = "";
      try {
        now = Deno.readTextFileSync(KELUARAN);
      } catch { /* missing counts as different */ }
      if (now !== text) {
        console.error(
          `${KELUARAN} differs from the vendored files and kanreg-provinsi.csv; run deno run -A scripts/wilayah.ts`,
        );
        Deno.exit(1);
      }
    } else {
      Deno.writeTextFileSync(KELUARAN, text);
      console.error(`${KELUARAN}: ${text.trim().split("\n").length - 1} instansi`);
    }
  } catch (e) {
    if (e instanceof UserError) {
      console.error(`error: ${e.message}`);
      Deno.exit(e.exitCode);
    }
    throw e;
  }
}
