/** Tiny raw exports written from plain objects, for tests whose answers are computed by hand. */
import { join } from "node:path";
import { Db } from "../../loaders/duck.ts";
import { type PipelineOptions, runPipeline } from "../../loaders/engine/pipeline.ts";

export type Row = Record<string, string | number | null | undefined>;
export interface Export {
  pegawai: Row[];
  diklat?: Row[];
  kinerja?: Row[];
  hukdis?: Row[];
}

export const HEADERS = {
  pegawai: [
    "nip",
    "nama",
    "jenis_pegawai",
    "kode_instansi",
    "kode_unit",
    "nama_unit",
    "jenis_jabatan",
    "nama_jabatan",
    "pendidikan",
  ],
  diklat: ["nip", "jenis", "jenjang", "nama", "jp", "tanggal_mulai", "tanggal_selesai"],
  kinerja: ["nip", "tahun", "predikat"],
  hukdis: ["nip", "tingkat", "jenis", "tmt", "akhir"],
};

let counter = 0;
/** A valid PNS NIP: born 1980-01-01, TMT 2005-01, male, sequence n. */
export function nip(n = ++counter, birth = "19800101", tmt = "200501", sex = "1"): string {
  return `${birth}${tmt}${sex}${String(n).padStart(3, "0")}`;
}

export function toCsv(header: string[], rows: Row[], delim = ","): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? "" : String(v);
    return /[",;\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [header.join(delim), ...rows.map((r) => header.map((h) => cell(r[h])).join(delim))].join(
    "\n",
  ) + "\n";
}

export const pegawaiDefaults = {
  nama: "Uji",
  jenis_pegawai: "PNS",
  kode_instansi: "6474",
  kode_unit: "U1",
  nama_unit: "Dinas Uji",
  jenis_jabatan: "PELAKSANA",
  nama_jabatan: "Pengadministrasi",
  pendidikan: "S1",
};

export function writePeriod(raw: string, periode: string, data: Export): string {
  const dir = join(raw, periode);
  Deno.mkdirSync(dir, { recursive: true });
  const pegawai = data.pegawai.map((p) => ({ ...pegawaiDefaults, ...p }));
  Deno.writeTextFileSync(join(dir, "pegawai.csv"), toCsv(HEADERS.pegawai, pegawai));
  for (const t of ["diklat", "kinerja", "hukdis"] as const) {
    Deno.writeTextFileSync(join(dir, `${t}.csv`), toCsv(HEADERS[t], data[t] ?? []));
  }
  return dir;
}

/** Every folder tempDir made in this test process: removed when the process ends. */
const made: string[] = [];
globalThis.addEventListener("unload", () => {
  for (const dir of made) {
    // A test may have removed its own already.
    try {
      Deno.removeSync(dir, { recursive: true });
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
  }
});

/**
 * A fresh folder under the system's temporary folder, removed when the test process ends (a full
 * suite made about 1.8 GB of them, left behind run after run).
 */
export async function tempDir(prefix = "ipasn-test-"): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix });
  made.push(dir);
  return dir;
}

/** Run the pipeline on `raw` and read a query over its outputs (`{out}` is replaced by the output folder). */
export async function scoreAndQuery<T = Record<string, unknown>>(
  raw: string,
  query: string,
  options: Partial<PipelineOptions> = {},
): Promise<T[]> {
  const out = join(raw, "..", "out");
  await runPipeline({ raw, out, maxQuarantineShare: 1, ...options });
  return await queryOut<T>(out, query);
}

export async function queryOut<T = Record<string, unknown>>(
  out: string,
  query: string,
): Promise<T[]> {
  const db = await Db.open();
  try {
    return await db.all<T>(query.replaceAll("{out}", out));
  } finally {
    db.close();
  }
}
