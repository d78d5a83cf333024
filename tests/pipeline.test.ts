/** Aggregation identities, an independent recomputation, incremental runs and failed-run safety. */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { tahunLalu } from "../loaders/engine/combine.ts";
import {
  defaultBudget,
  duckdbMemory,
  laneSettings,
  lowestLimit,
  periodLanes,
  periodMemory,
} from "../loaders/engine/budget.ts";
import { periodHash } from "../loaders/engine/cache.ts";
import { Db } from "../loaders/duck.ts";
import { runPipeline } from "../loaders/engine/pipeline.ts";
import { loadProfiles } from "../loaders/engine/method.ts";
import { join } from "node:path";
import { ROOT } from "../loaders/paths.ts";
import { PER_ASN_FILES } from "../loaders/engine/step.ts";
import { nip, queryOut, type Row, tempDir, writePeriod } from "./helpers/fixture.ts";

/** Two instansi in two provinces, three units, a mix that exercises every dimension. */
function sample(seed: number) {
  const pegawai: Row[] = [], diklat: Row[] = [], kinerja: Row[] = [], hukdis: Row[] = [];
  const edu = ["S2", "S1", "D3", "SLTA", ""];
  const jab = ["PELAKSANA", "FUNGSIONAL", "PENGAWAS", "PELAKSANA", "ADMINISTRATOR"];
  const pred = ["SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", null];
  for (let i = 1; i <= 40; i++) {
    const id = nip(seed * 100 + i);
    const k = (i * 7 + seed) % 11;
    pegawai.push({
      nip: id,
      jenis_pegawai: i % 9 === 0 ? "PPPK" : "PNS",
      kode_instansi: i % 3 === 0 ? "63" : "6474",
      kode_unit: `U${i % 3 === 0 ? 1 : 1 + (i % 2)}`,
      nama_unit: i % 2 ? "Dinas Satu" : "Dinas Dua",
      jenis_jabatan: jab[k % 5],
      nama_jabatan: k % 4 === 0 ? "Guru" : "Analis",
      pendidikan: edu[k % 5],
    });
    if (k % 2) {
      diklat.push({ nip: id, jenis: "TEKNIS", jp: 10 + k * 2, tanggal_mulai: "2024-03-01" });
    }
    if (k % 3 === 0) {
      diklat.push({
        nip: id,
        jenis: "STRUKTURAL",
        jenjang: "PIM_III",
        tanggal_mulai: "2015-03-01",
      });
    }
    if (k % 4 === 1) diklat.push({ nip: id, jenis: "SEMINAR", tanggal_mulai: "2024-05-01" });
    const p = pred[k % 4];
    if (p) kinerja.push({ nip: id, tahun: 2024, predikat: p });
    if (k === 5) {
      hukdis.push({ nip: id, tingkat: "SEDANG", tmt: "2024-01-01", akhir: "2024-12-31" });
    }
  }
  return { pegawai, diklat, kinerja, hukdis };
}

type Num = Record<string, number | string | boolean>;

Deno.test("dimension means add up to the total at every level, and levels agree", async () => {
  const root = await tempDir();
  writePeriod(`${root}/raw`, "2024-Q3", sample(1));
  writePeriod(`${root}/raw`, "2024-Q4", sample(2));
  const { out } = await runPipeline({ raw: `${root}/raw`, out: `${root}/out` });
  for (const level of ["unit", "instansi", "provinsi", "kanreg"]) {
    const rows = await queryOut<Num>(out, `SELECT * FROM read_csv('{out}/${level}.csv')`);
    assert.ok(rows.length > 0, level);
    for (const r of rows) {
      const sum = Number(r.kualifikasi) + Number(r.kompetensi) + Number(r.kinerja) +
        Number(r.disiplin);
      assert.ok(Math.abs(sum - Number(r.nilai)) < 1e-9, `${level}: ${sum} vs ${r.nilai}`);
    }
  }
  // unit → instansi → kanreg: weighted means and counts agree.
  const check = await queryOut<{ d_inst: number; d_kanreg: number; n_diff: number }>(
    out,
    `
    WITH u AS (SELECT periode, metode, kode_instansi, sum(n_asn * nilai) / sum(n_asn) AS m, sum(n_asn) AS n FROM read_csv('{out}/unit.csv', types = {'kode_instansi': 'VARCHAR'}) GROUP BY ALL),
         i AS (SELECT * FROM read_csv('{out}/instansi.csv', types = {'kode_instansi': 'VARCHAR'})),
         k AS (SELECT * FROM read_csv('{out}/kanreg.csv')),
         ik AS (SELECT periode, metode, sum(n_asn * nilai) / sum(n_asn) AS m FROM i GROUP BY ALL)
    SELECT max(abs(u.m - i.nilai)) AS d_inst, (SELECT max(abs(ik.m - k.nilai)) FROM ik JOIN k USING (periode, metode)) AS d_kanreg,
           max(abs(u.n - i.n_asn)) AS n_diff
    FROM u JOIN i USING (periode, metode, kode_instansi)`,
  );
  assert.ok(
    check[0].d_inst < 1e-9 && check[0].d_kanreg < 1e-9 && check[0].n_diff === 0,
    JSON.stringify(check),
  );
});

Deno.test("instansi.csv equals an independent per-person computation, with ranks and change", async () => {
  const root = await tempDir();
  writePeriod(`${root}/raw`, "2024-Q3", sample(1));
  writePeriod(`${root}/raw`, "2024-Q4", sample(3));
  const { out } = await runPipeline({ raw: `${root}/raw`, out: `${root}/out`, perAsn: "all" });
  // Independent aggregation in TypeScript from the per-ASN scores (the variants, computed for
  // sensitivity, have means and no per-person rows: checked against their bases in rules.test.ts).
  const people = await queryOut<
    { periode: string; metode: string; kode_instansi: string; nilai: number }
  >(out, "SELECT periode, metode, kode_instansi, nilai FROM '{out}/periode/*/skor_asn.parquet'");
  const groups = new Map<string, number[]>();
  for (const p of people) {
    const k = `${p.periode}|${p.metode}|${p.kode_instansi}`;
    groups.set(k, [...(groups.get(k) ?? []), p.nilai]);
  }
  const rows = await queryOut<Num>(
    out,
    "SELECT * FROM read_csv('{out}/instansi.csv', types = {'kode_instansi': 'VARCHAR'})",
  );
  const variants = new Set(
    (await loadProfiles(join(ROOT, "data/methods"))).filter((p) => p.alternatif).map((p) => p.id),
  );
  assert.equal(rows.filter((r) => !variants.has(String(r.metode))).length, groups.size);
  for (const r of rows) {
    const vals = groups.get(`${r.periode}|${r.metode}|${r.kode_instansi}`);
    if (vals) {
      assert.equal(r.n_asn, vals.length);
      assert.ok(Math.abs(vals.reduce((a, b) => a + b, 0) / vals.length - Number(r.nilai)) < 1e-6);
    } else assert.ok(variants.has(String(r.metode)), `${r.metode}: no per-person rows`);
    const peers = rows.filter((x) => x.periode === r.periode && x.metode === r.metode);
    const better = peers.filter((x) =>
      Number(x.nilai) > Number(r.nilai) ||
      (x.nilai === r.nilai && String(x.kode_instansi) < String(r.kode_instansi))
    );
    assert.equal(r.peringkat, better.length + 1);
    const prev = rows.find((x) =>
      x.periode === "2024-Q3" && x.metode === r.metode && x.kode_instansi === r.kode_instansi
    );
    if (r.periode === "2024-Q4" && prev) {
      assert.ok(Math.abs(Number(r.selisih) - (Number(r.nilai) - Number(prev.nilai))) < 1e-9);
    } else assert.equal(r.selisih, null);
    // Variant profiles are computed for the latest period only (README, "Scoring CLI").
    if (!prev) {
      assert.ok(r.periode === "2024-Q4" && !["bkn-2019", "bkn-2024"].includes(String(r.metode)));
    }
    assert.equal(r.metode_baku, r.metode === "bkn-2024");
  }
});

Deno.test("the period key sees every byte of a file larger than one hashed chunk", async () => {
  // The key hashes 1 MiB chunks separately: a change in a later chunk, a byte added at the end, a
  // file exactly two chunks long, and bytes moved from one file to the next all change it.
  const dir = await tempDir();
  const big = new Uint8Array(2 * (1 << 20) + 12345).map((_, i) => 97 + (i % 26));
  const write = (pegawai: Uint8Array, diklat: Uint8Array) => {
    Deno.writeFileSync(`${dir}/pegawai.csv`, pegawai);
    Deno.writeFileSync(`${dir}/diklat.csv`, diklat);
  };
  const key = () => periodHash(dir, "config");
  write(big, new Uint8Array([1, 2, 3]));
  const first = await key();
  assert.equal(await key(), first, "the same bytes, the same key");
  assert.notEqual(await periodHash(dir, "other config"), first);
  const flipped = big.slice();
  flipped[(1 << 20) + 777] ^= 1;
  write(flipped, new Uint8Array([1, 2, 3]));
  assert.notEqual(await key(), first, "a byte in the second chunk");
  flipped[(1 << 20) + 777] ^= 1;
  flipped[flipped.length - 1] ^= 1;
  write(flipped, new Uint8Array([1, 2, 3]));
  assert.notEqual(await key(), first, "the last byte");
  write(new Uint8Array([...big, 10]), new Uint8Array([1, 2, 3]));
  assert.notEqual(await key(), first, "a byte added");
  write(big.subarray(0, 2 << 20), new Uint8Array([1, 2, 3]));
  const even = await key();
  assert.notEqual(even, first, "two whole chunks");
  write(big, new Uint8Array([1, 2, 3]));
  assert.equal(await key(), first, "back as it was");
  write(big.subarray(0, big.length - 1), new Uint8Array([big[big.length - 1], 1, 2, 3]));
  assert.notEqual(await key(), first, "a byte moved from one file to the next");
});

Deno.test("only new or changed periods are recomputed; an unchanged run recomputes nothing", async () => {
  const root = await tempDir();
  const raw = `${root}/raw`, out = `${root}/out`;
  writePeriod(raw, "2023", sample(1));
  writePeriod(raw, "2024-Q1", sample(2));
  let r = await runPipeline({ raw, out });
  assert.deepEqual([r.recomputed, r.reused], [["2023", "2024-Q1"], []]);
  const before = Deno.readTextFileSync(`${out}/instansi.csv`);
  r = await runPipeline({ raw, out });
  assert.deepEqual([r.recomputed, r.reused], [[], ["2023", "2024-Q1"]]);
  assert.equal(Deno.readTextFileSync(`${out}/instansi.csv`), before);
  writePeriod(raw, "2024-Q2", sample(3));
  r = await runPipeline({ raw, out });
  assert.deepEqual([r.recomputed, r.reused], [["2024-Q2"], ["2023", "2024-Q1"]]);
  const kinerja = `${raw}/2023/kinerja.csv`;
  Deno.writeTextFileSync(kinerja, Deno.readTextFileSync(kinerja).replace("SANGAT_BAIK", "KURANG"));
  r = await runPipeline({ raw, out });
  assert.deepEqual([r.recomputed, r.reused], [["2023"], ["2024-Q1", "2024-Q2"]]);
  const periods = await queryOut<{ periode: string }>(
    out,
    "SELECT DISTINCT periode FROM read_csv('{out}/instansi.csv', all_varchar = true) ORDER BY 1",
  );
  assert.deepEqual(periods.map((p) => p.periode), ["2023", "2024-Q1", "2024-Q2"]);
});

Deno.test("a failed run leaves the previous outputs untouched and says why", async () => {
  const root = await tempDir();
  const raw = `${root}/raw`, out = `${root}/out`;
  writePeriod(raw, "2024-Q1", sample(1));
  await runPipeline({ raw, out });
  const snapshot = () =>
    [...Deno.readDirSync(out)].filter((e) => e.isFile).map((e) =>
      `${e.name}:${Deno.readFileSync(`${out}/${e.name}`).length}`
    ).sort().join(",");
  const before = snapshot();
  const good = Deno.readTextFileSync(`${out}/instansi.csv`);
  writePeriod(raw, "2024-Q2", sample(2));
  Deno.writeTextFileSync(`${raw}/2024-Q2/pegawai.csv`, "nip,nama\n1,x\n");
  await assert.rejects(runPipeline({ raw, out }), /missing required columns/);
  assert.equal(snapshot(), before);
  assert.equal(Deno.readTextFileSync(`${out}/instansi.csv`), good);
  assert.ok(!existsSync(`${out}.tmp`));
  // Too many quarantined rows fail the run too, and the reasons are kept beside the outputs.
  writePeriod(raw, "2024-Q2", {
    ...sample(2),
    pegawai: sample(2).pegawai.map((p, i) => (i % 2 ? { ...p, nip: "123" } : p)),
  });
  await assert.rejects(
    runPipeline({ raw, out, maxQuarantineShare: 0.2 }),
    /quarantined as errors, above the limit of 20\.0%/,
  );
  assert.equal(Deno.readTextFileSync(`${out}/instansi.csv`), good);
  assert.match(
    Deno.readTextFileSync(`${out}.failed/periode/2024-Q2/quarantine.csv`),
    /NIP must be 18 digits/,
  );
});

/** Every file under `dir` (relative path → bytes). */
function files(dir: string, at = ""): Map<string, Uint8Array> {
  const m = new Map<string, Uint8Array>();
  for (const e of Deno.readDirSync(`${dir}${at}`)) {
    const p = `${at}/${e.name}`;
    if (e.isDirectory) { for (const [k, v] of files(dir, p)) m.set(k, v); }
    else m.set(p, Deno.readFileSync(`${dir}${p}`));
  }
  return m;
}

/** Runs with IPASN_PERIOD_LANES set, as a user would. */
async function withLanes<T>(lanes: string, f: () => Promise<T>): Promise<T> {
  Deno.env.set("IPASN_PERIOD_LANES", lanes);
  try {
    return await f();
  } finally {
    Deno.env.delete("IPASN_PERIOD_LANES");
  }
}

Deno.test("two periods at a time give the files of one at a time, and a partly cached rerun those of a clean run", async () => {
  const root = await tempDir();
  const raw = `${root}/raw`;
  for (const [i, p] of ["2023", "2024-Q1", "2024-Q2"].entries()) writePeriod(raw, p, sample(i + 1));
  const one = await withLanes("1", () => runPipeline({ raw, out: `${root}/one` }));
  const two = await withLanes("2", () => runPipeline({ raw, out: `${root}/two` }));
  assert.deepEqual(two.recomputed, ["2023", "2024-Q1", "2024-Q2"]);
  // Every file byte for byte, but the per-person files row for row in any order: their row order
  // was never fixed (DuckDB's threads), and no reader relies on it.
  const same = async (x: string, y: string) => {
    const [a, b] = [files(x), files(y)];
    assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort());
    for (const [k, v] of a) {
      if (!PER_ASN_FILES.some((f) => k.endsWith(`/${f}`))) assert.deepEqual(b.get(k), v, k);
      else {
        const rows = (d: string) =>
          queryOut(d, `SELECT * FROM read_parquet('{out}${k}') ORDER BY ALL`);
        assert.deepEqual(await rows(y), await rows(x), k);
      }
    }
  };
  await same(one.out, two.out);
  // A rerun that reuses two periods and recomputes the one between them: the same files as a
  // clean run (accounting.json lists the periods in their order, not in the order they were done).
  writePeriod(raw, "2024-Q1", sample(7));
  const mixed = await withLanes("2", () => runPipeline({ raw, out: `${root}/two` }));
  assert.deepEqual([mixed.recomputed, mixed.reused], [["2024-Q1"], ["2023", "2024-Q2"]]);
  await same(
    mixed.out,
    (await withLanes("1", () => runPipeline({ raw, out: `${root}/clean` }))).out,
  );
});

Deno.test("two at a time, the earliest failing period is the one reported, and no later period starts", async () => {
  const root = await tempDir();
  const raw = `${root}/raw`, out = `${root}/out`;
  const bad = (seed: number) => ({
    ...sample(seed),
    pegawai: sample(seed).pegawai.map((p, i) => (i % 2 ? { ...p, nip: "123" } : p)),
  });
  writePeriod(raw, "2023", sample(1));
  writePeriod(raw, "2024-Q1", bad(2));
  writePeriod(raw, "2024-Q2", bad(3));
  writePeriod(raw, "2024-Q3", sample(4));
  const started: string[] = [];
  await withLanes("2", () =>
    assert.rejects(
      runPipeline({
        raw,
        out,
        maxQuarantineShare: 0.2,
        log: (e) => e.type === "period" && started.push(e.periode),
      }),
      (err: Error) =>
        err.message.includes("2024-Q1/pegawai.csv") && /above the limit/.test(err.message),
    ));
  assert.ok(!started.includes("2024-Q3"), started.join(", "));
  assert.ok(!existsSync(out));
});

Deno.test("a period over 150 MB of input runs alone; small ones up to three at a time (with two cores), sharing the cores", async () => {
  const root = await tempDir();
  const small = writePeriod(`${root}/raw`, "2024-Q1", sample(1));
  const big = writePeriod(`${root}/raw`, "2024-Q2", sample(2));
  // A sparse file: 200 MB to stat, nothing on disk.
  const f = await Deno.open(`${big}/diklat.csv`, { write: true });
  await f.truncate(200e6);
  f.close();
  const cores = navigator.hardwareConcurrency;
  const whole = duckdbMemory(defaultBudget());
  // Each lane's threads: its share of the cores, rounded up (two cores, three lanes: one each).
  const share = (lanes: number) => Math.ceil(cores / lanes);
  assert.deepEqual(periodLanes([small, small]), {
    lanes: cores >= 2 ? 2 : 1,
    memoryLimit: cores >= 2 ? duckdbMemory(defaultBudget() / 2) : whole,
    threads: share(cores >= 2 ? 2 : 1),
  });
  assert.deepEqual(periodLanes([small, small, small, small]), {
    lanes: cores >= 2 ? 3 : 1,
    memoryLimit: cores >= 2 ? duckdbMemory(defaultBudget() / 3) : whole,
    threads: share(cores >= 2 ? 3 : 1),
  });
  assert.deepEqual(periodLanes([small, big]), { lanes: 1, memoryLimit: whole, threads: cores });
  assert.deepEqual(periodLanes([small]), { lanes: 1, memoryLimit: whole, threads: cores });
  assert.equal(
    await withLanes("2", () => Promise.resolve(periodLanes([small, small, small]).threads)),
    share(2),
  );
  // A period that runs alone keeps its budget of blocks; a small one returns them.
  assert.deepEqual(periodMemory(big, "100MB"), {
    memory_limit: "100MB",
    block_allocator_memory: "100MB",
  });
  assert.deepEqual(periodMemory(small, "100MB"), { memory_limit: "100MB" });
  const lane = await Db.open(":memory:", laneSettings(small, { memoryLimit: "100MB", threads: 1 }));
  try {
    const t = await lane.one<{ t: number }>("SELECT current_setting('threads') AS t");
    assert.equal(Number(t.t), 1);
  } finally {
    lane.close();
  }
  const db = await Db.open(":memory:", periodMemory(big, "100MB"));
  try {
    const kept = await db.one<{ b: string }>(
      "SELECT current_setting('block_allocator_memory') AS b",
    );
    assert.match(String(kept.b), /^(95\.3 MiB|100\.0 MB|100000000)/);
  } finally {
    db.close();
  }
  // The default budget: half the machine's memory, at most 3.5 GB.
  assert.deepEqual([2e9, 6e9, 8e9, 24e9].map((total) => defaultBudget(total)), [
    1e9,
    3e9,
    3.5e9,
    3.5e9,
  ]);
  // A container's limit counts where it is lower; "max" and v1's huge "unlimited" do not.
  assert.equal(lowestLimit(24e9, ["4294967296\n"]), 4294967296);
  assert.equal(lowestLimit(24e9, ["max\n", "9223372036854771712\n"]), 24e9);
  assert.equal(lowestLimit(8e9, []), 8e9);
  assert.equal(await withLanes("1", () => Promise.resolve(periodLanes([small, small]).lanes)), 1);
  // A mistyped setting is a usage error that says what to write, not a silent default.
  await withLanes(
    "two",
    () =>
      Promise.resolve(
        assert.throws(() => periodLanes([small, small]), /IPASN_PERIOD_LANES=two is not a number/),
      ),
  );
});

Deno.test("CSV files the CLI writes neutralise cells a spreadsheet would run as formulas", async () => {
  const root = await tempDir();
  const s = sample(1);
  s.pegawai = s.pegawai.map((
    p,
    i,
  ) => (i < 20
    ? { ...p, kode_unit: "X1", nama_unit: "=cmd|' /C calc'!A0" }
    : { ...p, kode_unit: "X2", nama_unit: "@SUM(1+1)" })
  );
  s.pegawai.push({ ...s.pegawai[0], nip: "123", nama_unit: "+62 Dinas" });
  writePeriod(`${root}/raw`, "2024-Q3", s);
  const { out } = await runPipeline({
    raw: `${root}/raw`,
    out: `${root}/out`,
    maxQuarantineShare: 1,
  });
  const unit = Deno.readTextFileSync(`${out}/unit.csv`);
  assert.match(unit, /,'=cmd\|' \/C calc'!A0,/);
  assert.match(unit, /,'@SUM\(1\+1\),/);
  assert.doesNotMatch(unit, /,=cmd/);
  assert.match(unit, /,-?\d+\.\d+/, "numbers, negative ones included, are left alone");
  const q = Deno.readTextFileSync(`${out}/quarantine.csv`);
  assert.match(q, /NIP must be 18 digits/);
});

Deno.test("an instansi the reference lacks is kept under its code and listed, never dropped", async () => {
  const root = await tempDir();
  const raw = `${root}/raw`, out = `${root}/out`;
  writePeriod(raw, "2024-Q3", {
    pegawai: [{ nip: nip(1) }, { nip: nip(2), kode_instansi: "3171" }, {
      nip: nip(3),
      kode_instansi: "3171",
    }],
  });
  await runPipeline({ raw, out });
  const acc = JSON.parse(Deno.readTextFileSync(`${out}/accounting.json`))["2024-Q3"];
  assert.equal(acc.pegawai.quarantined, 0);
  assert.ok(acc.pegawai.notes.some((n: string) => n.includes("3171 (2 rows)")));
  const rows = await queryOut<Num>(
    out,
    `SELECT kode_instansi, nama_instansi, jenis_instansi, kode_provinsi, provinsi, n_asn
     FROM read_csv('{out}/instansi.csv', types = {'kode_instansi': 'VARCHAR', 'kode_provinsi': 'VARCHAR'})
     WHERE metode = 'bkn-2024' AND kode_instansi = '3171'`,
  );
  assert.deepEqual(rows, [{
    kode_instansi: "3171",
    nama_instansi: "Instansi 3171",
    jenis_instansi: "kota",
    kode_provinsi: "31",
    provinsi: "Daerah Khusus Ibukota Jakarta",
    n_asn: 2,
  }]);
  const manifest = JSON.parse(Deno.readTextFileSync(`${out}/manifest.json`));
  assert.deepEqual(manifest.di_luar_referensi, [
    { kode_instansi: "3171", baris: 2, periode: ["2024-Q3"] },
  ]);
});

Deno.test("the ASN a profile does not count are scored for reconciliation, and only there", async () => {
  // bkn-2019 counts PNS only; bkn-2024 PNS and PPPK. No training, SKP or punishment: each score is
  // kualifikasi + disiplin 5, by hand: S1 15 + 5 = 20, S2 20 + 5 = 25, S3 25 + 5 = 30.
  const root = await tempDir();
  const raw = `${root}/raw`, out = `${root}/out`;
  writePeriod(raw, "2024-Q3", {
    pegawai: [
      { nip: nip(1), pendidikan: "S1" },
      { nip: nip(2), pendidikan: "S2" },
      { nip: nip(3), pendidikan: "S3", jenis_pegawai: "PPPK" },
    ],
  });
  await runPipeline({ raw, out, perAsn: "all", methods: ["bkn-2019", "bkn-2024"] });
  const instansi = await queryOut<Num>(
    out,
    `SELECT metode, n_asn, nilai FROM read_csv('{out}/instansi.csv') ORDER BY metode`,
  );
  assert.deepEqual(instansi, [
    { metode: "bkn-2019", n_asn: 2, nilai: 22.5 },
    { metode: "bkn-2024", n_asn: 3, nilai: 25 },
  ]);
  const perPerson = await queryOut<Num>(
    out,
    `SELECT metode, count(*) AS n FROM '{out}/periode/*/skor_asn.parquet' GROUP BY ALL ORDER BY ALL`,
  );
  assert.deepEqual(perPerson, [{ metode: "bkn-2019", n: 2 }, { metode: "bkn-2024", n: 3 }]);
  const varian = await queryOut<Num>(
    out,
    `SELECT populasi, n_asn, nilai FROM read_csv('{out}/varian_instansi.csv')
     WHERE metode = 'bkn-2019' AND data = 'semua' ORDER BY populasi`,
  );
  assert.deepEqual(varian, [
    { populasi: "PNS", n_asn: 2, nilai: 22.5 },
    { populasi: "PNS_PPPK", n_asn: 3, nilai: 25 },
  ]);
});

Deno.test("year-on-year change: the same quarter a year earlier, else that year's annual figure", async () => {
  assert.equal(tahunLalu("2025-Q3", ["2023", "2024-Q3", "2025-Q3"]), "2024-Q3");
  assert.equal(tahunLalu("2024-Q3", ["2023", "2024-Q3", "2025-Q3"]), "2023");
  assert.equal(tahunLalu("2023", ["2022", "2023"]), "2022");
  assert.equal(tahunLalu("2024-Q1", ["2024-Q1"]), null);
  const root = await tempDir();
  const raw = `${root}/raw`, out = `${root}/out`;
  // One ASN, S1 (15) + clean disiplin (5); the SKP grows the score: 2023 no SKP, 2024-Q3 BAIK.
  writePeriod(raw, "2023", { pegawai: [{ nip: nip(1) }] });
  writePeriod(raw, "2024-Q2", { pegawai: [{ nip: nip(1) }] });
  writePeriod(raw, "2024-Q3", {
    pegawai: [{ nip: nip(1) }],
    kinerja: [{ nip: nip(1), tahun: 2023, predikat: "BAIK" }],
  });
  await runPipeline({ raw, out });
  const rows = await queryOut<Num>(
    out,
    `SELECT periode, nilai, selisih, periode_sebelumnya, selisih_tahunan, periode_tahun_lalu
     FROM read_csv('{out}/instansi.csv', types = {'periode': 'VARCHAR', 'periode_sebelumnya': 'VARCHAR', 'periode_tahun_lalu': 'VARCHAR'})
     WHERE metode = 'bkn-2024' ORDER BY periode`,
  );
  const q3 = rows.find((r) => r.periode === "2024-Q3")!;
  const y2023 = rows.find((r) => r.periode === "2023")!;
  const q2 = rows.find((r) => r.periode === "2024-Q2")!;
  assert.equal(q3.periode_sebelumnya, "2024-Q2");
  assert.equal(q3.periode_tahun_lalu, "2023");
  assert.ok(Math.abs(Number(q3.selisih_tahunan) - (Number(q3.nilai) - Number(y2023.nilai))) < 1e-9);
  assert.ok(Number(q3.selisih_tahunan) > 0);
  assert.equal(q2.periode_tahun_lalu, "2023");
  assert.equal(y2023.selisih_tahunan, null);
  assert.equal(y2023.periode_tahun_lalu, null);
});

Deno.test("the worklist of data gaps names each row's file, line and what it is", async () => {
  const root = await tempDir();
  const raw = `${root}/raw`, out = `${root}/out`;
  const long = "Pelatihan Teknis Pengelolaan Keuangan Daerah ".repeat(4).trim();
  const dir = writePeriod(raw, "2024-Q4", {
    pegawai: [{ nip: nip(1) }, { nip: nip(2), pendidikan: "" }],
    diklat: [
      { nip: nip(1), jenis: "TEKNIS", nama: "Bimtek SIASN", jp: 20, tanggal_mulai: "2024-03-01" },
      { nip: nip(1), jenis: "TEKNIS", nama: long, tanggal_mulai: "2024-04-01" },
    ],
    kinerja: [{ nip: nip(1), tahun: 2024, predikat: "BAIK" }, { nip: nip(2), tahun: 2024 }],
    hukdis: [{ nip: nip(2), jenis: "Sanksi lain", tmt: "2024-01-01", akhir: "2024-12-31" }],
  });
  await runPipeline({ raw, out });
  const rows = await queryOut<Row>(
    out,
    `SELECT tabel, kolom, nip, file, line, keterangan
     FROM '{out}/periode/2024-Q4/celah_asn.parquet' ORDER BY tabel, kolom`,
  );
  assert.deepEqual(rows.map((r) => ({ ...r, line: Number(r.line) })), [
    {
      tabel: "diklat",
      kolom: "jp",
      nip: nip(1),
      file: `${dir}/diklat.csv`,
      line: 3,
      keterangan: long.slice(0, 120),
    },
    {
      tabel: "hukdis",
      kolom: "tingkat",
      nip: nip(2),
      file: `${dir}/hukdis.csv`,
      line: 2,
      keterangan: "Sanksi lain",
    },
    {
      tabel: "kinerja",
      kolom: "predikat",
      nip: nip(2),
      file: `${dir}/kinerja.csv`,
      line: 3,
      keterangan: "SKP 2024",
    },
    {
      tabel: "pegawai",
      kolom: "pendidikan",
      nip: nip(2),
      file: `${dir}/pegawai.csv`,
      line: 3,
      keterangan: null,
    },
  ]);
});
