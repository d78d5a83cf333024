/**
 * The what-if simulator: its arithmetic by hand, the engine's gains on a tiny export by hand, and
 * the projection against a full recomputation with the chosen ASN's records changed.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { generate } from "../loaders/demo/generate.ts";
import { Db, lit } from "../loaders/duck.ts";
import { loadProfiles, type MethodProfile, requiredColumns } from "../loaders/engine/method.ts";
import { runPipeline } from "../loaders/engine/pipeline.ts";
import { parsePeriod } from "../loaders/engine/period.ts";
import {
  chosen,
  type Gain,
  kategoriOf,
  peringkatOf,
  shareForTarget,
  simulate,
  topGain,
} from "../src/components/simulasi.ts";
import { nip, queryOut, scoreAndQuery, tempDir, writePeriod } from "./helpers/fixture.ts";

const ROOT = new URL("../", import.meta.url).pathname;

Deno.test("simulator arithmetic, by hand", () => {
  const gains: Gain[] = [
    { intervensi: "skp", poin: 45, n_asn: 2 },
    { intervensi: "skp", poin: 30, n_asn: 2 },
    { intervensi: "disiplin", poin: 2, n_asn: 1 },
  ];
  assert.equal(topGain(gains.filter((g) => g.intervensi === "skp"), 3), 45 + 45 + 30);
  assert.equal(chosen(4, 0.5), 2);
  assert.equal(chosen(3, 0.5), 2); // round half up: 1.5 → 2
  // 10 ASN at 70: half of the SKP gaps (the two worth 45) and the punishment.
  const p = simulate({ n_asn: 10, nilai: 70 }, gains, { skp: 0.5, disiplin: 1 });
  assert.equal(p.nilai, (700 + 90 + 2) / 10);
  assert.deepEqual(p.rincian.map((r) => [r.intervensi, r.n_dipilih, r.kenaikan]), [
    ["skp", 2, 9],
    ["disiplin", 1, 0.2],
  ]);
  assert.equal(p.rincian[0].kenaikan_maks, 15);
  const batas = [{ nama: "Tinggi", min: 81 }, { nama: "Sedang", min: 71 }, {
    nama: "Rendah",
    min: 0,
  }];
  assert.equal(kategoriOf(80.996, batas, 2), "Tinggi"); // rounds to 81,00 first
  assert.equal(kategoriOf(80.994, batas, 2), "Sedang");
  const others = [{ kode_instansi: "63", nilai: 80 }, { kode_instansi: "6474", nilai: 75 }];
  assert.equal(peringkatOf("6401", 79.2, others), 2);
  assert.equal(peringkatOf("6401", 80, others), 2); // tie: the lower code first
  assert.equal(peringkatOf("62", 80, others), 1);
  // The smallest equal share that reaches a target: checked against its neighbour below.
  assert.equal(shareForTarget({ n_asn: 10, nilai: 70 }, gains, 70), 0);
  assert.equal(shareForTarget({ n_asn: 10, nilai: 70 }, gains, 99), null);
  const s = shareForTarget({ n_asn: 10, nilai: 70 }, gains, 74)!;
  const at = (x: number) =>
    simulate({ n_asn: 10, nilai: 70 }, gains, { skp: x / 100, disiplin: x / 100 }).nilai;
  assert.ok(at(s) >= 74 && at(s - 1) < 74, `share ${s}`);
});

Deno.test("engine gains on a tiny export, by hand (bkn-2024, 2024-Q3)", async () => {
  const root = await tempDir();
  const [a, b, c, d] = [nip(), nip(), nip(), nip()];
  writePeriod(join(root, "raw"), "2024-Q3", {
    pegawai: [
      { nip: a, kode_instansi: "6474", jenis_jabatan: "PELAKSANA", pendidikan: "SLTA" },
      { nip: b, kode_instansi: "6474", jenis_jabatan: "PELAKSANA", pendidikan: "SLTA" },
      { nip: c, kode_instansi: "6474", jenis_jabatan: "PELAKSANA", pendidikan: "" },
      { nip: d, kode_instansi: "6474", jenis_jabatan: "FUNGSIONAL", pendidikan: "S1" },
    ],
    kinerja: [
      { nip: a, tahun: 2024, predikat: "BAIK" },
      { nip: b, tahun: 2024, predikat: "BAIK" },
      { nip: c, tahun: 2024, predikat: "SANGAT_BAIK" },
    ],
    diklat: [{ nip: a, jenis: "TEKNIS", jp: 24, tanggal_mulai: "2024-02-01" }],
    hukdis: [{ nip: b, tingkat: "SEDANG", jenis: "Penundaan kenaikan gaji", tmt: "2024-01-10" }],
  });
  const rows = await scoreAndQuery<
    { nip: string; intervensi: string; asumsi: string; poin: number }
  >(
    join(root, "raw"),
    `SELECT nip, intervensi, asumsi, poin FROM '{out}/periode/*/peluang_asn.parquet'
     WHERE metode = 'bkn-2024' ORDER BY nip, intervensi`,
  );
  const got = rows.map((r) =>
    `${r.nip === a ? "a" : r.nip === b ? "b" : r.nip === c ? "c" : "d"} ${r.intervensi} ${
      r.asumsi ?? "-"
    } ${r.poin}`
  )
    .sort();
  assert.deepEqual(got, [
    // d has no SKP: BAIK is the most common predikat → kinerja 25 + kompetensi base 20.
    "b disiplin - 3", // bertingkat: SEDANG gives 2 (profiles 1.1.0), a clean record 5
    "b kompetensi:pengembangan - 15",
    "c kompetensi:pengembangan - 15",
    // c has no education: the most common level among PELAKSANA colleagues is SLTA (5 points).
    "c pendidikan SLTA 5",
    "d kompetensi:pengembangan - 15",
    "d skp BAIK 45",
  ]);
  const table = await queryOut<{ intervensi: string; poin: number; n_asn: bigint }>(
    join(root, "out"),
    `SELECT intervensi, poin, n_asn FROM read_csv('{out}/peluang_instansi.csv')
     WHERE metode = 'bkn-2024' AND intervensi = 'kompetensi:pengembangan'`,
  );
  assert.deepEqual(table.map((r) => [r.poin, Number(r.n_asn)]), [[15, 3]]);
});

/** The records that close one ASN's gap, as the engine assumes them. */
function fix(
  profile: MethodProfile,
  periode: string,
  w: { nip: string; intervensi: string; asumsi: string | null; jenis_jabatan: string },
) {
  const end = parsePeriod(periode).end;
  if (w.intervensi === "skp") return { kinerja: [w.nip, parsePeriod(periode).year, w.asumsi] };
  if (w.intervensi === "pendidikan") return { pendidikan: [w.nip, w.asumsi] };
  if (w.intervensi === "disiplin") return { hapusHukdis: w.nip };
  const item = profile.kompetensi.komponen.find((i) => `kompetensi:${i.id}` === w.intervensi)!;
  switch (item.jenis) {
    case "jp_minimal": {
      const jenis = item.jenis_diklat === "*" ? "TEKNIS" : item.jenis_diklat[0];
      return { diklat: [w.nip, jenis, null, item.ambang_jp, end] };
    }
    case "ada_dalam_jendela":
      return { diklat: [w.nip, item.jenis_diklat[0], null, 4, end] };
    case "diklat_fungsional":
      return { diklat: [w.nip, "FUNGSIONAL", null, 30, end] };
    case "kepemimpinan": {
      const level = item.level_maks[w.jenis_jabatan as keyof typeof item.level_maks]!;
      const jenjang = Object.entries(item.level_jenjang).find(([, l]) => l === level)![0];
      return { diklat: [w.nip, "STRUKTURAL", jenjang, null, end] };
    }
    default:
      throw new Error(item.jenis);
  }
}

Deno.test({
  name: "simulator equals a full recomputation with the chosen ASN's records changed",
  sanitizeResources: false,
  fn: async () => {
    const root = await tempDir();
    const all = join(root, "all");
    await generate({ out: all, scale: "kanreg8", only: ["6474", "6472"], sizeFactor: 0.1 });
    const periode = "2024-Q3";
    const raw = join(root, "raw");
    Deno.mkdirSync(raw);
    Deno.renameSync(join(all, periode), join(raw, periode));
    const base = join(root, "base");
    // Every profile that can score this export (a variant needing an optional column it lacks
    // scores nobody and has no gains to simulate), the variants named so that they have gains.
    const semua = await loadProfiles(join(ROOT, "data/methods"));
    await runPipeline({ raw, out: base, methods: semua.map((p) => p.id) });
    const profiles = semua.filter((p) => requiredColumns(p).pegawai.length === 0);
    const shares = [0.37, 1, 0.5, 0.8, 0.25, 0.6, 1];
    for (const profile of profiles) {
      for (const kode of ["6474", "6472"]) {
        const gains = await queryOut<Gain>(
          base,
          `SELECT intervensi, poin, CAST(n_asn AS INTEGER) AS n_asn FROM read_csv('{out}/peluang_instansi.csv', types = {'kode_instansi': 'VARCHAR'})
           WHERE metode = ${lit(profile.id)} AND kode_instansi = ${lit(kode)}`,
        );
        const ids = [...new Set(gains.map((g) => g.intervensi))].sort();
        assert.ok(ids.length >= 4, `${profile.id} ${kode}: ${ids}`);
        const share = Object.fromEntries(ids.map((id, i) => [id, shares[i % shares.length]]));
        const [now] = await queryOut<{ n_asn: number; nilai: number }>(
          base,
          `SELECT CAST(n_asn AS INTEGER) AS n_asn, nilai FROM read_csv('{out}/instansi.csv', types = {'kode_instansi': 'VARCHAR'})
           WHERE metode = ${lit(profile.id)} AND periode = ${lit(periode)} AND kode_instansi = ${
            lit(kode)
          }`,
        );
        const projected = simulate(now, gains, share);
        assert.ok(projected.kenaikan > 1, `${profile.id} ${kode}: a visible change`);

        // The same choice, person by person, from the worklist: the largest gains first.
        const picked = [];
        for (const id of ids) {
          const list = await queryOut<
            { nip: string; intervensi: string; asumsi: string | null; jenis_jabatan: string }
          >(
            base,
            `SELECT nip, intervensi, asumsi, jenis_jabatan FROM '{out}/periode/*/peluang_asn.parquet'
             WHERE metode = ${lit(profile.id)} AND kode_instansi = ${lit(kode)} AND intervensi = ${
              lit(id)
            } ORDER BY poin DESC, nip`,
          );
          picked.push(...list.slice(0, chosen(list.length, share[id])));
        }
        const changed = join(root, `raw-${profile.id}-${kode}`, periode);
        Deno.mkdirSync(changed, { recursive: true });
        const db = await Db.open();
        try {
          const src = (t: string) => lit(join(raw, periode, `${t}.csv`));
          const dst = (t: string) => lit(join(changed, `${t}.csv`));
          const fixes = picked.map((w) => fix(profile, periode, w));
          const values = (xs: unknown[][]) =>
            xs.map((x) => `(${x.map((v) => v === null ? "NULL" : lit(v as string)).join(", ")})`)
              .join(", ");
          await db.run(
            `CREATE TABLE p AS SELECT * FROM read_csv(${src("pegawai")}, all_varchar = true)`,
          );
          const edu = fixes.flatMap((f) => f.pendidikan ? [f.pendidikan] : []);
          if (edu.length) {
            await db.run(
              `UPDATE p SET pendidikan = e.v FROM (VALUES ${
                values(edu)
              }) e(n, v) WHERE p.nip = e.n`,
            );
          }
          await db.run(`COPY p TO ${dst("pegawai")} (HEADER)`);
          const skp = fixes.flatMap((f) => f.kinerja ? [f.kinerja] : []);
          await db.run(
            `COPY (SELECT * FROM read_csv(${src("kinerja")}, all_varchar = true)${
              skp.length ? ` UNION ALL SELECT * FROM (VALUES ${values(skp)})` : ""
            }) TO ${dst("kinerja")} (HEADER)`,
          );
          const trainings = fixes.flatMap((f) => f.diklat ? [f.diklat] : []);
          await db.run(
            `COPY (SELECT nip, jenis, jenjang, nama, jp, tanggal_mulai, tanggal_selesai FROM read_csv(${
              src("diklat")
            }, all_varchar = true)${
              trainings.length
                ? ` UNION ALL SELECT n, j, g, 'Pelatihan simulasi', p, d, NULL FROM (VALUES ${
                  values(trainings)
                }) v(n, j, g, p, d)`
                : ""
            }) TO ${dst("diklat")} (HEADER)`,
          );
          const expired = fixes.flatMap((f) => f.hapusHukdis ? [f.hapusHukdis] : []);
          await db.run(
            `COPY (SELECT * FROM read_csv(${src("hukdis")}, all_varchar = true) WHERE nip NOT IN (${
              ["''", ...expired.map(lit)].join(", ")
            })) TO ${dst("hukdis")} (HEADER)`,
          );
        } finally {
          db.close();
        }
        Deno.copyFileSync(join(raw, periode, "meta.json"), join(changed, "meta.json"));
        const out = join(root, `out-${profile.id}-${kode}`);
        await runPipeline({ raw: join(changed, ".."), out });
        const [after] = await queryOut<{ n_asn: number; nilai: number }>(
          out,
          `SELECT CAST(n_asn AS INTEGER) AS n_asn, nilai FROM read_csv('{out}/instansi.csv', types = {'kode_instansi': 'VARCHAR'})
           WHERE metode = ${lit(profile.id)} AND kode_instansi = ${lit(kode)}`,
        );
        assert.equal(after.n_asn, now.n_asn);
        assert.ok(
          Math.abs(after.nilai - projected.nilai) < 1e-9,
          `${profile.id} ${kode}: recomputed ${after.nilai}, simulated ${projected.nilai}`,
        );
      }
    }
  },
});
