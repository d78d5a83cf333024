/** The demo generator: determinism, formats that the ingest reads identically. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { generate } from "../loaders/demo/generate.ts";
import { csvCell } from "../loaders/demo/model.ts";
import { hash, hashOn, hashSN } from "../loaders/demo/random.ts";
import { Sink } from "../loaders/demo/sink.ts";
import { runPipeline } from "../loaders/engine/pipeline.ts";
import { queryOut, tempDir } from "./helpers/fixture.ts";

async function digest(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (
    const p of [...Deno.readDirSync(dir)].filter((e) => e.isDirectory).map((e) => e.name).sort()
  ) {
    for (const f of [...Deno.readDirSync(join(dir, p))].map((e) => e.name).sort()) {
      const bytes = await Deno.readFile(join(dir, p, f));
      out[`${p}/${f}`] = Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)))
        .map((b) => b.toString(16).padStart(2, "0")).join("");
    }
  }
  return out;
}

Deno.test("the same seed gives byte-identical files; another seed does not", async () => {
  const root = await tempDir();
  const only = ["6474", "6504"];
  await generate({ out: `${root}/a`, only });
  await generate({ out: `${root}/b`, only });
  await generate({ out: `${root}/c`, only, seed: 7 });
  const [a, b, c] = await Promise.all([
    digest(`${root}/a`),
    digest(`${root}/b`),
    digest(`${root}/c`),
  ]);
  assert.equal(Object.keys(a).length, 13 * 5);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a["2024-Q3/pegawai.csv"], c["2024-Q3/pegawai.csv"]);
});

Deno.test("the files do not depend on how many threads write them", async () => {
  // The periods are split over workers, each redrawing the people and rerunning the calibration;
  // one thread and three must give the same bytes (13 periods: shares of 5, 4 and 4).
  const root = await tempDir();
  const only = ["6474", "6504"];
  await generate({ out: `${root}/one`, only, workers: 1 });
  await generate({ out: `${root}/three`, only, workers: 3 });
  const [one, three] = [await digest(`${root}/one`), await digest(`${root}/three`)];
  assert.equal(Object.keys(one).length, 13 * 5);
  assert.deepEqual(three, one);
});

Deno.test("hash prefixes continue to the full hash; the byte sink writes what TextEncoder does", () => {
  // The generator hashes (seed, nip) once per person and continues from there.
  const h0 = hash(20241, "197001011990031001");
  assert.equal(hashOn(h0, ["jp-date", 2024]), hash(20241, "197001011990031001", "jp-date", 2024));
  assert.equal(hashSN(h0, "hukdis", 2023), hash(20241, "197001011990031001", "hukdis", 2023));
  assert.notEqual(hashSN(h0, "hukdis", 2023), hashSN(h0, "hukdis", 2024));
  const s = new Sink();
  s.text("Dinas Pendidikan,");
  s.int(7);
  s.int(2024);
  s.text("Sri Wahyuni Ñ ä €");
  s.bytes(new TextEncoder().encode(", a longer piece of at least 32 bytes\n"));
  assert.equal(
    new TextDecoder().decode(s.view()),
    "Dinas Pendidikan,72024Sri Wahyuni Ñ ä €, a longer piece of at least 32 bytes\n",
  );
  assert.deepEqual(
    s.view(),
    new TextEncoder().encode(
      "Dinas Pendidikan,72024Sri Wahyuni Ñ ä €, a longer piece of at least 32 bytes\n",
    ),
  );
  s.reset();
  assert.equal(s.view().length, 0);
  // Quoted only when a quote, comma or line break is in the cell, quotes doubled.
  assert.equal(csvCell("Guru Ahli Muda"), "Guru Ahli Muda");
  assert.equal(csvCell('Kepala "UPT", Dinas'), '"Kepala ""UPT"", Dinas"');
});

Deno.test("CSV, Parquet and XLSX output of the generator score identically", async () => {
  const root = await tempDir();
  const only = ["6504"];
  for (const format of ["csv", "parquet", "xlsx"] as const) {
    await generate({ out: `${root}/${format}`, only, format });
    for (
      const p of [...Deno.readDirSync(`${root}/${format}`)].filter((e) => e.isDirectory).map((e) =>
        e.name
      )
    ) {
      if (!["2023", "2024-Q3"].includes(p)) {
        Deno.removeSync(`${root}/${format}/${p}`, { recursive: true });
      }
    }
    await runPipeline({ raw: `${root}/${format}`, out: `${root}/out-${format}` });
  }
  const q =
    "SELECT periode, metode, kode_instansi, n_asn, nilai, kualifikasi, kompetensi, kinerja, disiplin FROM read_csv('{out}/instansi.csv', all_varchar = true) WHERE metode IN ('bkn-2019', 'bkn-2024') ORDER BY ALL";
  const csv = await queryOut(`${root}/out-csv`, q);
  assert.equal(csv.length, 4);
  assert.deepEqual(await queryOut(`${root}/out-parquet`, q), csv);
  assert.deepEqual(await queryOut(`${root}/out-xlsx`, q), csv);
});
