/**
 * The project's structure holds: every output table has exactly the columns the catalogue
 * (src/keluaran.ts) describes, in its order; every column a reader meets is described; the cache
 * key follows the code's real imports; the SQL toolkit escapes.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { kolom, KOLOM_PRIBADI, kolomTabel, type NamaTabel, TABEL } from "../src/keluaran.ts";
import { existsSync } from "node:fs";
import { caseMap, dateLit, Db, inList, lit, valuesTable } from "../loaders/duck.ts";
import { categoryNames, slug } from "../loaders/engine/aggregate.ts";
import { loadProfiles } from "../loaders/engine/method.ts";
import { runPipeline } from "../loaders/engine/pipeline.ts";
import { moduleGraph } from "../loaders/modules.ts";
import { perPersonFiles, perPersonPeriods } from "../loaders/paths.ts";
import { nip, tempDir, writePeriod } from "./helpers/fixture.ts";
import { berkasDi, grafSitus } from "./helpers/grafik.ts";
import { CDN, duckdbApi, packageToNameVersion } from "../loaders/publish/duckdbApi.ts";

const ROOT = new URL("../", import.meta.url).pathname;

Deno.test("every output table's header is the catalogue's column list, in order", async () => {
  const root = await tempDir("ipasn-arch-");
  const raw = join(root, "raw");
  for (const p of ["2023", "2024-Q3"]) {
    writePeriod(raw, p, {
      pegawai: [{ nip: nip(1) }, { nip: nip(2), kode_unit: "U2", nama_unit: "Dinas Dua" }],
      diklat: [],
      kinerja: [{ nip: nip(1), tahun: 2023, predikat: "BAIK" }],
    });
  }
  const out = join(root, "out");
  await runPipeline({ raw, out });
  const slugs = categoryNames(await loadProfiles(join(ROOT, "data/methods"))).map(slug);
  const written: NamaTabel[] = [
    "instansi",
    "unit",
    "provinsi",
    "kanreg",
    "peluang_instansi",
    "peluang_unit",
    "varian_instansi",
  ];
  for (const t of written) {
    const header = Deno.readTextFileSync(join(out, `${t}.csv`)).split("\n")[0].split(",");
    assert.deepEqual(header, kolomTabel(t, slugs), `${t}.csv`);
  }
});

Deno.test("every column of every catalogued table is described, and per-person fields are marked", () => {
  for (const [name, t] of Object.entries(TABEL)) {
    for (const c of kolomTabel(name as NamaTabel, ["sangat_tinggi"])) {
      const k = kolom(c);
      assert.ok(k, `${name}.${c} has no entry in KOLOM`);
      assert.ok(k.label && k.arti, `${name}.${c} needs a label and a description`);
    }
    const personal = kolomTabel(name as NamaTabel, []).filter((c) => KOLOM_PRIBADI.includes(c));
    if (t.akses !== "pribadi") assert.deepEqual(personal, [], `${name} is not private`);
  }
  assert.deepEqual([...KOLOM_PRIBADI].sort(), ["hitungan", "nama", "nip", "resmi"]);
});

Deno.test("category columns expand per category, interleaved where a table counts both", () => {
  assert.deepEqual(
    kolomTabel("provinsi", ["tinggi", "rendah"]).filter((c) => /^(asn|instansi)_/.test(c)),
    ["asn_tinggi", "instansi_tinggi", "asn_rendah", "instansi_rendah"],
  );
  assert.deepEqual(
    kolomTabel("instansi", ["tinggi"]).filter((c) => c.startsWith("asn_")),
    ["asn_tinggi"],
  );
});

Deno.test("the cache key follows the imports: a module added to the engine is in it", async () => {
  const dir = await tempDir("ipasn-graph-");
  Deno.writeTextFileSync(join(dir, "a.ts"), 'import { b } from "./b.ts";\nexport const a = b;\n');
  Deno.writeTextFileSync(join(dir, "b.ts"), 'export { c as b } from "./sub/c.ts";\n');
  Deno.mkdirSync(join(dir, "sub"));
  Deno.writeTextFileSync(join(dir, "sub/c.ts"), "export const c = await import('../d.ts');\n");
  Deno.writeTextFileSync(join(dir, "d.ts"), "export const d = 1;\n");
  Deno.writeTextFileSync(join(dir, "unused.ts"), "export const u = 1;\n");
  assert.deepEqual(
    moduleGraph(join(dir, "a.ts")).map((f) => f.slice(dir.length + 1)),
    ["a.ts", "b.ts", "d.ts", "sub/c.ts"],
  );
  const engine = moduleGraph(join(ROOT, "loaders/engine/pipeline.ts")).map((f) =>
    f.slice(ROOT.length)
  );
  for (
    const m of [
      "loaders/engine/step.ts",
      "loaders/engine/combine.ts",
      "loaders/engine/score.ts",
      "loaders/engine/validate.ts",
      "loaders/duck.ts",
      "src/keluaran.ts",
    ]
  ) assert.ok(engine.includes(m), `${m} is not in the engine's cache key`);
});

Deno.test("the site reads the engine's output folder, never the engine: nothing under loaders/publish/ or src/ reaches loaders/engine/", () => {
  const site = [
    ...berkasDi(join(ROOT, "loaders/publish"), [".ts"]),
    // Pages, components, the catalogue and the vocabulary; not the data files the build writes.
    ...berkasDi(join(ROOT, "src"), [".ts", ".js", ".md"], [
      join(ROOT, "src/data"),
      join(ROOT, "src/internal/data"),
    ]),
    join(ROOT, "observablehq.config.js"),
  ];
  const reached = grafSitus(site).map((f) => f.slice(ROOT.length));
  assert.ok(reached.includes("src/kosakata.ts"), "the walk follows the pages' imports");
  assert.ok(reached.includes("loaders/duck.ts"), "the walk follows the publishing side's imports");
  assert.deepEqual(reached.filter((f) => f.startsWith("loaders/engine/")), []);
  assert.deepEqual(reached.filter((f) => !existsSync(join(ROOT, f))), [], "imports that resolve");
});

Deno.test("the SQL toolkit escapes in one place", () => {
  assert.equal(lit("Jum'at"), "'Jum''at'");
  assert.equal(lit(null), "NULL");
  assert.throws(() => lit(Number.NaN));
  assert.equal(dateLit("2024-09-30"), "DATE '2024-09-30'");
  assert.throws(() => dateLit("30/09/2024"));
  assert.equal(inList("x", ["a", "b'c"]), "list_contains(['a', 'b''c'], x)");
  assert.equal(inList("x", []), "FALSE");
  assert.equal(
    caseMap("p", [["S1", lit(15)], ["S'2", lit(20)]], "0"),
    "CASE p WHEN 'S1' THEN 15 WHEN 'S''2' THEN 20 ELSE 0 END",
  );
  assert.equal(caseMap("p", [], "0"), "0");
  assert.equal(valuesTable(["k", "n"], [["a", 1]]), `(VALUES ('a', 1)) v("k", "n")`);
  assert.equal(
    valuesTable(["k"], []),
    `(SELECT NULL::VARCHAR AS "k" WHERE FALSE) v`,
  );
});

Deno.test("inList is evaluated only on the rows that reach it, with IN's NULL", async () => {
  const db = await Db.open();
  try {
    await db.run(`CREATE TABLE t AS SELECT * FROM (VALUES ('7'), ('a'), ('b'), (NULL)) v(x)`);
    // CAST('a' AS INTEGER) fails: it must not run on the rows the CASE keeps from the list
    // (IN with this many values became a join that ran it on every row).
    const rows = await db.all<{ x: string | null; hit: boolean | null }>(
      `SELECT x, CASE WHEN x IS NULL THEN ${inList("x", ["7"])} WHEN x = '7' THEN ${
        inList(
          "CAST(CAST(x AS INTEGER) + 1 AS VARCHAR)",
          Array.from({ length: 10 }, (_, i) => String(8 + i)),
        )
      } ELSE FALSE END AS hit FROM t ORDER BY x NULLS LAST`,
    );
    assert.deepEqual(rows, [
      { x: "7", hit: true },
      { x: "a", hit: false },
      { x: "b", hit: false },
      { x: null, hit: null },
    ]);
  } finally {
    db.close();
  }
});

Deno.test("runUnless stops a statement when asked before it ends, and only that statement", async () => {
  const db = await Db.open();
  try {
    const long = "CREATE TABLE t AS SELECT count(*) AS n FROM range(20000000000)";
    const stop = new Promise<boolean>((r) => setTimeout(() => r(true), 100));
    await assert.rejects(db.runUnless(long, stop), /Interrupted/);
    // A stop that comes after the statement, or says no, changes nothing.
    let late!: (yes: boolean) => void;
    await db.runUnless("CREATE TABLE a AS SELECT 1 AS x", new Promise((r) => (late = r)));
    late(true);
    await new Promise((r) => setTimeout(r, 10));
    await db.runUnless("CREATE TABLE b AS SELECT 2 AS x", Promise.resolve(false));
    await db.run("CREATE TABLE c AS SELECT 3 AS x");
    assert.deepEqual(
      (await db.all<{ t: string }>("SELECT table_name AS t FROM duckdb_tables() ORDER BY 1"))
        .map((r) => r.t),
      ["a", "b", "c"],
    );
  } finally {
    db.close();
  }
});

Deno.test("per-person files only where asked, in their period folders, written once; a cached period without them is recomputed when they are", async () => {
  const root = await tempDir("ipasn-perasn-");
  const raw = join(root, "raw");
  for (const p of ["2023", "2024-Q3"]) {
    writePeriod(raw, p, { pegawai: [{ nip: nip(1), nama: "Ani Lestari" }, { nip: nip(2) }] });
  }
  const out = join(root, "out");
  const periodsIn = async (file: string) => {
    const db = await Db.open();
    try {
      return (await db.all<{ periode: string }>(
        `SELECT DISTINCT periode FROM read_parquet(${lit(perPersonFiles(out, file))}) ORDER BY 1`,
      )).map((r) => r.periode);
    } finally {
      db.close();
    }
  };
  let r = await runPipeline({ raw, out, perAsn: "none" });
  assert.deepEqual(r.recomputed, ["2023", "2024-Q3"]);
  assert.deepEqual(perPersonPeriods(out, "skor_asn"), []);
  assert.deepEqual(perPersonPeriods(out, "peluang_asn"), []);
  assert.ok(existsSync(join(out, "nama.parquet")), "names for the privacy scan are always there");
  r = await runPipeline({ raw, out, perAsn: "latest" });
  assert.deepEqual([r.recomputed, r.reused], [["2024-Q3"], ["2023"]]);
  assert.deepEqual(await periodsIn("skor_asn"), ["2024-Q3"]);
  r = await runPipeline({ raw, out, perAsn: "all" });
  assert.deepEqual([r.recomputed, r.reused], [["2023"], ["2024-Q3"]]);
  assert.deepEqual(await periodsIn("skor_asn"), ["2023", "2024-Q3"]);
  r = await runPipeline({ raw, out, perAsn: "none" });
  assert.deepEqual(r.recomputed, []);
  assert.deepEqual(perPersonPeriods(out, "skor_asn"), []);
  // Written once: the output's top level holds no copy of a per-person file.
  for (const f of ["skor_asn", "peluang_asn", "selisih_asn", "celah_asn"]) {
    assert.ok(!existsSync(join(out, `${f}.parquet`)), f);
  }
});

Deno.test("skor_asn folds every item column into kompetensi_rincian, however many items the variants have", async () => {
  const root = await tempDir("ipasn-rincian-");
  const raw = join(root, "raw");
  writePeriod(raw, "2024-Q3", { pegawai: [{ nip: nip(1) }, { nip: nip(2) }] });
  const out = join(root, "out");
  await runPipeline({ raw, out });
  const profiles = await loadProfiles(join(ROOT, "data/methods"));
  // The variants' items are scored into the same table: some variant has more than either
  // written method, so an item column left unfolded would show here.
  const most = Math.max(...profiles.map((p) => p.kompetensi.komponen.length));
  const db = await Db.open();
  try {
    const file = lit(perPersonFiles(out, "skor_asn"));
    const cols = (await db.all<{ column_name: string }>(
      `DESCRIBE SELECT * FROM read_parquet(${file})`,
    )).map((c) => c.column_name);
    assert.deepEqual(cols.filter((c) => /^komponen_\d+$/.test(c)), []);
    const keys = await db.all<{ metode: string; items: string[] }>(
      `SELECT DISTINCT metode, map_keys(kompetensi_rincian) AS items FROM read_parquet(${file}) ORDER BY metode`,
    );
    assert.ok(keys.length >= 2);
    for (const k of keys) {
      const p = profiles.find((p) => p.id === k.metode)!;
      assert.ok(p.kompetensi.komponen.length < most, `${k.metode} has fewer items than a variant`);
      assert.deepEqual([...k.items], p.kompetensi.komponen.map((it) => it.id), k.metode);
    }
  } finally {
    db.close();
  }
});

/** The source files of the site, loaders and scripts (Framework's cache and generated data excluded). */
function* sources(dir: string): Generator<string> {
  for (const e of Deno.readDirSync(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory) {
      if (![".observablehq", "node_modules"].includes(e.name) && p !== join(ROOT, "src/data")) {
        yield* sources(p);
      }
    } else if (/\.(md|ts|js)$/.test(e.name)) yield p;
  }
}

Deno.test("nothing the project writes fetches code or data from another host", () => {
  // @duckdb/duckdb-wasm carries a helper that builds CDN URLs (getJsDelivrBundles). The site does
  // not ship it (loaders/publish/duckdbApi.ts bundles only the API Eksplorasi uses), and no source
  // may call it, its selectBundle companion, a CDN, or an npm:/jsr: specifier; Eksplorasi
  // instantiates DuckDB from the build's own files (the Chromium tests then see no request to
  // another host on any page).
  const forbidden =
    /getJsDelivrBundles|selectBundle|jsdelivr|unpkg\.com|esm\.sh|cdnjs|skypack|googleapis|["'](?:npm|jsr):/;
  const offenders: string[] = [];
  for (const root of ["src", "loaders", "scripts"]) {
    for (const f of sources(join(ROOT, root))) {
      Deno.readTextFileSync(f).split("\n").forEach((line, i) => {
        // The list of hosts the published site must not name is the one line allowed to.
        if (line.trim() === `${CDN};`) return;
        if (forbidden.test(line)) {
          offenders.push(`${f.slice(ROOT.length)}:${i + 1}: ${line.trim().slice(0, 120)}`);
        }
      });
    }
  }
  offenders.push(
    ...["observablehq.config.js"].filter((f) =>
      forbidden.test(Deno.readTextFileSync(join(ROOT, f)))
    ),
  );
  assert.deepEqual(offenders, []);
  const eksplorasi = Deno.readTextFileSync(join(ROOT, "src/eksplorasi.md"));
  // The library's API comes from the build's own bundle, not Framework's copy of the package
  // (which carries the jsDelivr helper): see loaders/publish/duckdbApi.ts.
  assert.doesNotMatch(eksplorasi, /from "@duckdb\/duckdb-wasm"/);
  assert.match(eksplorasi, /await import\(await FileAttachment\("data\/duckdb\.js"\)\.href\)/);
  assert.match(eksplorasi, /new Worker\(await FileAttachment\("data\/duckdb-eh\.worker\.js"\)/);
  assert.match(eksplorasi, /db\.instantiate\(await FileAttachment\("data\/duckdb-eh\.wasm"\)/);
});

Deno.test("the DuckDB API the site serves names no other host and exports what Eksplorasi uses", async () => {
  const code = new TextDecoder().decode(await duckdbApi());
  assert.doesNotMatch(code, CDN);
  assert.doesNotMatch(code, /https?:\/\//);
  assert.match(code, /export\{[^}]*\bAsyncDuckDB\b[^}]*\}/);
  assert.match(code, /export\{[^}]*\bVoidLogger\b[^}]*\}/);
  assert.match(code, /\{name:"@duckdb\/duckdb-wasm",version:"\d+\.\d+\.\d+"\}/);
});

Deno.test("the library's embedded package.json keeps its name and version, nothing else", () => {
  const pkg =
    '{name:"@duckdb/duckdb-wasm",version:"1.32.0",jsdelivr:"dist/a.cjs",exports:{"./x":{a:"}"}},repository:{url:"https://github.com/duckdb/duckdb-wasm.git"}}';
  assert.equal(
    packageToNameVersion(`var m=${pkg};f(m.version);`),
    'var m={name:"@duckdb/duckdb-wasm",version:"1.32.0"};f(m.version);',
  );
  assert.equal(packageToNameVersion("var m={name:1};"), "var m={name:1};");
});
