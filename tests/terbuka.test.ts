/**
 * Open data: datapackage.json, the stable links, the spreadsheets and the internal workbooks
 * (loaders/publish/terbuka.ts, datapackage.ts, xlsx.ts, bukuKerja.ts).
 *
 * The checker of the Data Package rules and the spreadsheet scan are first shown to catch what
 * they must on small hand-made inputs; then a small province (Kalimantan Timur's government and
 * Kota Bontang, a unit below the small-cell threshold in each, two periods, both with reported
 * figures in data/reference/official-ipasn.csv) is built once public and once internal, in a copy
 * of the project, and the outputs are checked against the files they describe.
 */
import assert from "node:assert/strict";
import { csvFormat, csvParse } from "d3-dsv";
import ExcelJS from "exceljs";
import { cpSync, existsSync } from "node:fs";
import { join } from "node:path";
import { BERKAS_TETAP, FOLDER_TETAP, pathTetap } from "../src/components/paketData.ts";
import { KOLOM, kolom, KOLOM_PRIBADI, TABEL } from "../src/keluaran.ts";
import { categoryNames } from "../loaders/engine/aggregate.ts";
import { loadProfiles, methodsDir } from "../loaders/engine/method.ts";
import { RESMI } from "../loaders/engine/resmi.ts";
import {
  type DataPackage,
  periksaBerkas,
  periksaDeskriptor,
} from "../loaders/publish/datapackage.ts";
import { KOLOM_CELAH } from "../loaders/publish/bukuKerja.ts";
import { nameSet, scanDir, scanSheet } from "../loaders/publish/privacy.ts";
import { muatLembar, rentangPeriode } from "../loaders/publish/terbuka.ts";
import { namaLembar, tulisBuku } from "../loaders/publish/xlsx.ts";
import { queryOut, tempDir } from "./helpers/fixture.ts";
import { watch, withSite } from "./helpers/browser.ts";
import { unitsOf, type UnitSpec, writeExport } from "./helpers/ekspor.ts";
import { projectCopy } from "./helpers/project.ts";

const ROOT = new URL("../", import.meta.url).pathname;

// ----- the checker and the spreadsheet scan, on hand-made inputs -----

/** A small valid package of two CSV tables in a fresh folder. */
async function paketKecil(): Promise<{ dir: string; pkg: DataPackage }> {
  const dir = await tempDir("ipasn-dp-");
  Deno.mkdirSync(join(dir, "d"));
  Deno.writeTextFileSync(join(dir, "d/ref.csv"), "kode,nama\n61,Kalbar\n62,Kalteng\n");
  Deno.writeTextFileSync(
    join(dir, "d/nilai.csv"),
    "periode,kode,nilai,kategori,baku\n2025,61,81.5,Tinggi,true\n2025,62,,Sedang,false\n",
  );
  const pkg: DataPackage = {
    name: "uji",
    licenses: [{ name: "CC-BY-4.0", path: "https://creativecommons.org/licenses/by/4.0/" }],
    resources: [
      {
        name: "ref",
        path: "d/ref.csv",
        profile: "tabular-data-resource",
        schema: {
          fields: [{ name: "kode", type: "string" }, { name: "nama", type: "string" }],
          primaryKey: ["kode"],
        },
      },
      {
        name: "nilai",
        path: "d/nilai.csv",
        profile: "tabular-data-resource",
        schema: {
          fields: [
            { name: "periode", type: "string" },
            { name: "kode", type: "string" },
            { name: "nilai", type: "number" },
            { name: "kategori", type: "string", constraints: { enum: ["Tinggi", "Sedang"] } },
            { name: "baku", type: "boolean" },
          ],
          primaryKey: ["periode", "kode"],
          foreignKeys: [{ fields: "kode", reference: { resource: "ref", fields: "kode" } }],
        },
      },
    ],
  };
  return { dir, pkg };
}

Deno.test("the Data Package checker passes a valid package and names each broken rule", async () => {
  const { dir, pkg } = await paketKecil();
  assert.deepEqual(periksaDeskriptor(pkg), []);
  assert.deepEqual(await periksaBerkas(dir, pkg), []);
  const clone = () => structuredClone(pkg) as DataPackage & Record<string, unknown>;
  const rules: [string, (p: ReturnType<typeof clone>) => void, RegExp][] = [
    ["no resources", (p) => (p.resources = []), /resources/],
    ["upper-case name", (p) => (p.resources[0].name = "Ref"), /resources\.0\.name/],
    ["absolute path", (p) => (p.resources[0].path = "/etc/passwd"), /url-or-path/],
    ["parent path", (p) => (p.resources[0].path = "../ref.csv"), /url-or-path/],
    ["a field type outside the list", (p) => {
      (p.resources[1].schema!.fields[2] as { type: string }).type = "float";
    }, /type/],
    [
      "a key field that is not a field",
      (p) => (p.resources[1].schema!.primaryKey = ["tahun"]),
      /primaryKey field tahun/,
    ],
    ["a reference to a missing resource", (p) => {
      p.resources[1].schema!.foreignKeys![0].reference.resource = "wilayah";
    }, /not in the package/],
    ["a reference to a missing field", (p) => {
      p.resources[1].schema!.foreignKeys![0].reference.fields = "id";
    }, /not a field there/],
    ["two resources of one name", (p) => (p.resources[1].name = "ref"), /twice/],
    ["a tabular resource without a schema", (p) => delete p.resources[0].schema, /needs a schema/],
    ["a contributor's role", (p) => {
      (p as Record<string, unknown>).contributors = [{ title: "BKD", role: "owner" }];
    }, /contributors/],
    ["a license with neither name nor path", (p) => (p.licenses = [{ title: "x" }]), /license/],
  ];
  for (const [what, breakIt, re] of rules) {
    const p = clone();
    breakIt(p);
    const found = periksaDeskriptor(p);
    assert.ok(found.some((f) => re.test(f.masalah)), `${what}: ${JSON.stringify(found)}`);
    // The file checks do not trip over what the descriptor check rejects.
    await periksaBerkas(dir, p);
  }
  // The files against the descriptor.
  const files: [string, string, string, RegExp][] = [
    ["a missing file", "d/ref.csv", "", /does not exist/],
    ["columns out of order", "d/ref.csv", "nama,kode\nKalbar,61\n", /columns nama,kode/],
    [
      "a text in a number field",
      "d/nilai.csv",
      "periode,kode,nilai,kategori,baku\n2025,61,81.5x,Tinggi,true\n",
      /not of type number/,
    ],
    [
      "a value outside its enum",
      "d/nilai.csv",
      "periode,kode,nilai,kategori,baku\n2025,61,81.5,Tingi,true\n",
      /outside its enum/,
    ],
    [
      "a boolean that is not one",
      "d/nilai.csv",
      "periode,kode,nilai,kategori,baku\n2025,61,81.5,Tinggi,ya\n",
      /type boolean/,
    ],
    [
      "a repeated key",
      "d/nilai.csv",
      "periode,kode,nilai,kategori,baku\n2025,61,1,Tinggi,true\n2025,61,2,Tinggi,true\n",
      /not unique/,
    ],
    ["a missing key value", "d/ref.csv", "kode,nama\n,Kalbar\n", /missing values/],
    [
      "a code the reference lacks",
      "d/nilai.csv",
      "periode,kode,nilai,kategori,baku\n2025,63,1,Tinggi,true\n",
      /"63" not found/,
    ],
  ];
  for (const [what, file, text, re] of files) {
    const { dir: d, pkg: p } = await paketKecil();
    if (text) Deno.writeTextFileSync(join(d, file), text);
    else Deno.removeSync(join(d, file));
    const found = await periksaBerkas(d, p);
    assert.ok(found.some((f) => re.test(f.masalah)), `${what}: ${JSON.stringify(found)}`);
  }
  const { dir: d, pkg: p } = await paketKecil();
  p.resources[0].bytes = 3;
  p.resources[0].hash = "sha256:00";
  const found = (await periksaBerkas(d, p)).map((f) => f.masalah).join("\n");
  assert.match(found, /bytes 3 declared/);
  assert.match(found, /hash sha256:00 declared/);
});

Deno.test("periods as dates, sheet names Excel accepts, and the latest periods when rows overflow a sheet", () => {
  const rows = ["2024-Q3", "2024-Q4", "2024-Q4", "2025", "2025", "2025"].map((periode) => ({
    periode,
  }));
  const order = ["2024-Q3", "2024-Q4", "2025"];
  assert.deepEqual(muatLembar(rows, order, 6), { baris: rows });
  assert.deepEqual(muatLembar(rows, order, 5), { baris: rows.slice(1), sejak: "2024-Q4" });
  assert.deepEqual(muatLembar(rows, order, 4), { baris: rows.slice(3), sejak: "2025" });
  assert.deepEqual(muatLembar(rows, order, 2), { baris: [], sejak: undefined });
  assert.deepEqual(rentangPeriode("2024-Q3"), { start: "2024-07-01", end: "2024-09-30" });
  assert.deepEqual(rentangPeriode("2024-Q1"), { start: "2024-01-01", end: "2024-03-31" });
  assert.deepEqual(rentangPeriode("2023"), { start: "2023-01-01", end: "2023-12-31" });
  const used = new Set<string>();
  const long = "Dinas Pendidikan, Pemuda dan Olahraga: Bidang [SMP]";
  const a = namaLembar(long, used), b = namaLembar(long, used);
  assert.ok(a.length <= 31 && b.length <= 31);
  assert.doesNotMatch(a + b, /[:\\/?*[\]]/);
  assert.notEqual(a.toLowerCase(), b.toLowerCase());
  assert.match(b, /\(2\)$/);
  assert.equal(namaLembar("History", used), "Lembar 3");
});

Deno.test("the privacy scan reads spreadsheets: a NIP, a name or a NIP column in a sheet is found", async () => {
  const dir = await tempDir("ipasn-xlsx-scan-");
  const nip = "198001152005011001";
  const tulis = (file: string, kolom: string[], baris: Record<string, unknown>[]) =>
    tulisBuku(join(dir, file), [{
      nama: "Data",
      sumber: "Sumber: uji",
      kolom: kolom.map((k) => ({
        nama: k,
        judul: kolom === KOLOM_ORANG ? KOLOM[k as "nip"].label : k,
        tipe: "teks" as const,
      })),
      baris,
    }], { judul: "uji", pembuat: "uji", tanggal: new Date(0) });
  const KOLOM_ORANG = ["nip", "nama"];
  await tulis("bersih.xlsx", ["unit", "nilai"], [{ unit: "Dinas Pendidikan", nilai: "81.5" }]);
  assert.deepEqual(await scanDir(dir, nameSet(["Siti Aminah"])), []);
  await tulis("nip.xlsx", ["unit", "catatan"], [{ unit: "Dinas Pendidikan", catatan: nip }]);
  await tulis("nama.xlsx", ["unit", "catatan"], [{ unit: "Dinas", catatan: "kata Siti Aminah" }]);
  await tulis("kolom.xlsx", KOLOM_ORANG, [{ nip: "x", nama: "y" }]);
  // A workbook as Excel or LibreOffice save it: shared strings, a sheet of another name.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Daftar");
  ws.addRow(["Judul daftar"]);
  ws.addRow(["NIP", "Nama", "Poin"]);
  ws.addRow([nip, "Budi", 1.5]);
  await wb.xlsx.writeFile(join(dir, "bersama.xlsx"));
  const found = await scanDir(dir, nameSet(["Siti Aminah"]));
  assert.deepEqual(found.map((f) => `${f.file}: ${f.problem.split(" ")[0]}`).sort(), [
    "bersama.xlsx#Daftar: NIP-like",
    "bersama.xlsx#Daftar: per-person",
    "kolom.xlsx#Data: per-person",
    "nama.xlsx#Data: a",
    "nip.xlsx#Data: NIP-like",
  ]);
  // The header is the first row of two or more cells, below a one-cell source line.
  assert.deepEqual(scanSheet("x#s", [["Sumber: NIP dan nama"], ["Unit", "Nilai"]], new Set()), []);
  assert.equal(scanSheet("x#s", [["Sumber"], ["Unit", "Nilai resmi"]], new Set()).length, 1);
});

// ----- one small province, built public and internal -----

/** Kalimantan Timur's government and Kota Bontang, each with a unit below the threshold. */
const UNITS: UnitSpec[] = [
  ...unitsOf("64", [
    ["64-01", "Sekretariat Daerah Provinsi", 40, 0.7],
    ["64-02", "Dinas Pendidikan dan Kebudayaan", 30, 0.4],
    ["64-03", "Badan Penghubung", 4, 0.5],
  ]),
  ...unitsOf("6474", [
    ["U01", "Dinas Kesehatan", 35, 0.6],
    ["U02", "Kecamatan Bontang Barat", 25, 0.3],
    ["U03", "Inspektorat Daerah", 6, 0.8],
  ]),
];

async function buildSite(copy: string, raw: string, dir: string, audience: string) {
  const out = join(dir, audience === "internal" ? "internal" : "site");
  const r = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      join(copy, "scripts/build.ts"),
      "--raw",
      raw,
      "--computed",
      join(dir, `computed-${audience}`),
      "--out",
      out,
      "--audience",
      audience,
    ],
    cwd: copy,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const log = new TextDecoder().decode(r.stdout) + new TextDecoder().decode(r.stderr);
  assert.ok(r.success, log.slice(-4000));
  return { out, log, computed: join(dir, `computed-${audience}`) };
}

function* files(dir: string): Generator<string> {
  for (const e of Deno.readDirSync(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory) yield* files(p);
    else yield p;
  }
}

/**
 * The file a page loads for `data/x.csv`: the hashed copy Framework wrote
 * (`_file/data/x.<hash>.csv`), or, for a table no page loads, the file the build wrote into the
 * project's sources for Framework (`src/data/x.csv`).
 */
function hashed(site: string, copy: string, key: string, ext: string): string {
  const [dir, base] = [
    join(site, "_file", key.split("/").slice(0, -1).join("/")),
    key.split("/").at(-1),
  ];
  const found = existsSync(dir)
    ? [...Deno.readDirSync(dir)].filter((e) =>
      new RegExp(`^${base}\\.[0-9a-f]{8,}\\.${ext}$`).test(e.name)
    )
    : [];
  assert.ok(found.length <= 1, `${key}.${ext} at most once in ${dir}`);
  if (found.length) return join(dir, found[0].name);
  const written = join(copy, "src", `${key}.${ext}`);
  assert.ok(
    existsSync(written),
    `${key}.${ext}: neither loaded by a page nor written by the build`,
  );
  return written;
}

async function bukaXlsx(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** A sheet's rows from row `from` on, as arrays of cell values. */
function barisLembar(ws: ExcelJS.Worksheet, from: number): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow((row, i) => {
    if (i >= from) out.push((row.values as unknown[]).slice(1));
  });
  return out;
}

Deno.test({
  name:
    "open data: the package describes the files, stable links, spreadsheets, internal workbooks",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    const dir = await tempDir("ipasn-terbuka-");
    const raw = join(dir, "raw");
    writeExport(raw, UNITS, 64, 0);
    // Records with a data gap: every fifth person of the latest period lacks a pendidikan.
    const pegawai = join(raw, "2025-Q4/pegawai.csv");
    const rows = csvParse(Deno.readTextFileSync(pegawai));
    rows.forEach((r, i) => i % 5 === 0 && (r.pendidikan = ""));
    Deno.writeTextFileSync(pegawai, csvFormat(rows, rows.columns) + "\n");
    const copy = projectCopy(dir, {
      penerbit: "BKD Provinsi Kalimantan Timur",
      kontak: "bkd@kaltimprov.go.id",
    });
    const pub = await buildSite(copy, raw, dir, "public");
    const site = pub.out;
    const pkg = JSON.parse(Deno.readTextFileSync(join(site, "datapackage.json"))) as
      & DataPackage
      & Record<string, unknown>;
    const manifest = JSON.parse(Deno.readTextFileSync(join(pub.computed, "manifest.json")));
    const profiles = await loadProfiles(methodsDir());
    const byName = new Map(pkg.resources.map((r) => [r.name, r]));

    await t.step("the build wrote the package and checked it for personal data after", () => {
      const open = pub.log.indexOf("open data: datapackage.json");
      assert.ok(open > 0, pub.log.slice(-2000));
      assert.ok(pub.log.indexOf("checking the public build for personal data") > open);
    });

    await t.step(
      "datapackage.json keeps the Data Package rules and matches its files",
      async () => {
        assert.deepEqual(periksaDeskriptor(pkg), []);
        assert.deepEqual(await periksaBerkas(site, pkg), []);
      },
    );

    await t.step(
      "one resource per public table and format, at its stable path, nothing else",
      () => {
        const expected = BERKAS_TETAP.flatMap((b) =>
          b.format.map((f) => ({
            name: f === "csv" ? b.nama : `${b.nama}-${f}`,
            path: pathTetap(b.nama, f),
          }))
        );
        assert.deepEqual(
          pkg.resources.map((r) => ({ name: r.name, path: r.path })),
          expected,
        );
        for (
          const name of [
            "instansi",
            "provinsi",
            "kanreg",
            "unit",
            "peluang",
            "selisih",
            "sensitivitas",
            "varian",
            "nilai-resmi",
          ]
        ) {
          assert.ok(byName.has(name), name);
        }
        // Every file in the stable folder is listed; no name carries a content hash.
        const listed = new Set(pkg.resources.map((r) => r.path as string));
        const inFolder = [...files(join(site, FOLDER_TETAP))].map((f) => f.slice(site.length + 1));
        assert.deepEqual(inFolder.filter((f) => !listed.has(f)), []);
        assert.ok(inFolder.every((f) => !/\.[0-9a-f]{8}\.\w+$/.test(f)), inFolder.join(", "));
      },
    );

    await t.step("schemas come from the output catalogue; no per-person field", () => {
      for (const r of pkg.resources.filter((r) => r.schema)) {
        const header = Deno.readTextFileSync(join(site, r.path as string)).split("\n")[0].split(
          ",",
        );
        assert.deepEqual(r.schema!.fields.map((f) => f.name), header, r.name);
        for (const f of r.schema!.fields) {
          assert.ok(!KOLOM_PRIBADI.includes(f.name), `${r.name}.${f.name} is per-person`);
          if (r.name === "nilai-resmi") continue; // the reported figures' own columns
          const k = kolom(f.name)!;
          assert.ok(k, `${r.name}.${f.name} is in the catalogue`);
          assert.ok(
            f.title === k.label || f.title!.startsWith(`${k.label}: `),
            `${r.name}.${f.name}: ${f.title}`,
          );
          assert.ok(f.description!.startsWith(k.arti), `${r.name}.${f.name}`);
          assert.equal(f.type, { teks: "string", angka: "number", bool: "boolean" }[k.tipe]);
        }
      }
      const fields = (name: string) => byName.get(name)!.schema!.fields;
      assert.equal(byName.get("instansi")!.description, TABEL.instansi.isi);
      assert.equal(byName.get("unit")!.description, TABEL.unit_publik.isi);
      assert.equal(
        fields("instansi").find((f) => f.name === "asn_tinggi")?.title,
        `${KOLOM.asn_.label}: Tinggi`,
      );
      // Code lists: the methods computed, the profiles' category bands.
      const metode = manifest.metode.map((m: { id: string }) => m.id);
      for (const name of ["instansi", "provinsi", "kanreg", "unit", "peluang", "varian"]) {
        assert.deepEqual(fields(name).find((f) => f.name === "metode")!.constraints?.enum, metode);
      }
      assert.deepEqual(
        fields("instansi").find((f) => f.name === "kategori")!.constraints?.enum,
        categoryNames(profiles),
      );
      // Keys: the documented ones, and a reference from every kode_instansi to the instansi list.
      assert.deepEqual(byName.get("instansi")!.schema!.primaryKey, [
        "periode",
        "metode",
        "kode_instansi",
      ]);
      assert.deepEqual(byName.get("unit")!.schema!.primaryKey, [
        "periode",
        "metode",
        "kode_instansi",
        "kode_unit",
      ]);
      for (
        const r of pkg.resources.filter((r) =>
          r.schema?.fields.some((f) => f.name === "kode_instansi")
        )
      ) {
        if (r.name === "referensi-instansi") continue;
        assert.deepEqual(r.schema!.foreignKeys, [{
          fields: "kode_instansi",
          reference: { resource: "referensi-instansi", fields: "kode_instansi" },
        }], r.name);
      }
    });

    await t.step("licence, sources, periods and publisher", () => {
      assert.deepEqual(pkg.licenses, [{
        name: "CC-BY-4.0",
        path: "https://creativecommons.org/licenses/by/4.0/",
        title: "Creative Commons Attribution 4.0 International",
      }]);
      assert.deepEqual(pkg.sources, manifest.sumber.map((title: string) => ({ title })));
      assert.deepEqual(pkg.contributors, [{
        title: "BKD Provinsi Kalimantan Timur",
        role: "publisher",
        email: "bkd@kaltimprov.go.id",
      }]);
      const temporal = pkg.temporal as { start: string; end: string; periode: string[] };
      assert.deepEqual(temporal.periode, manifest.periode);
      assert.equal(temporal.start, rentangPeriode(manifest.periode[0]).start);
      assert.equal(temporal.end, rentangPeriode(manifest.periode.at(-1)).end);
      // The reported figures: the data's instansi only, each with its web source.
      const resmi = csvParse(Deno.readTextFileSync(join(site, "unduh/nilai-resmi.csv")));
      const reported = csvParse(
        Deno.readTextFileSync(join(ROOT, "data/reference/official-ipasn.csv")),
      )
        .filter((r) => r.kode_instansi === "64" || r.kode_instansi === "6474");
      assert.ok(reported.length > 0);
      assert.deepEqual(resmi, Object.assign(reported, { columns: resmi.columns }));
      const urls = new Set(reported.map((r) => r.sumber_url));
      assert.deepEqual(new Set(byName.get("nilai-resmi")!.sources!.map((s) => s.path)), urls);
    });

    await t.step("the same inputs give the same datapackage.json", async () => {
      const again = join(dir, "lagi");
      Deno.mkdirSync(again);
      for (const e of Deno.readDirSync(site)) {
        if (e.name !== FOLDER_TETAP && e.name !== "datapackage.json") {
          cpSync(join(site, e.name), join(again, e.name), { recursive: true });
        }
      }
      const r = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", join(copy, "loaders/publish/terbuka.ts"), "--site", again],
        env: { IPASN_COMPUTED: pub.computed, IPASN_AUDIENCE: "public" },
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.ok(r.success, new TextDecoder().decode(r.stderr).slice(-2000));
      assert.equal(
        Deno.readTextFileSync(join(again, "datapackage.json")),
        Deno.readTextFileSync(join(site, "datapackage.json")),
      );
    });

    await t.step(
      "stable links are byte-identical to the files the pages load (or the build wrote, for a table no page loads)",
      () => {
        for (const b of BERKAS_TETAP) {
          if (!("situs" in b.asal)) continue;
          for (const f of b.format.filter((f) => f !== "xlsx")) {
            assert.deepEqual(
              Deno.readFileSync(join(site, pathTetap(b.nama, f))),
              Deno.readFileSync(hashed(site, copy, b.asal.situs, f)),
              pathTetap(b.nama, f),
            );
          }
        }
      },
    );

    await t.step("spreadsheets: Indonesian headers, a source row, numbers as numbers", async () => {
      for (const nama of ["instansi", "provinsi", "unit"]) {
        const b = BERKAS_TETAP.find((x) => x.nama === nama)!;
        const wb = await bukaXlsx(join(site, pathTetap(nama, "xlsx")));
        const ws = wb.worksheets[0];
        assert.match(
          String(ws.getCell(1, 1).value),
          /^Sumber: BKD Provinsi Kalimantan Timur, .*Lisensi CC BY 4\.0 .*Diterbitkan \d{1,2} \w+ \d{4}\./,
        );
        const csv = csvParse(Deno.readTextFileSync(join(site, pathTetap(nama, "csv"))));
        const cols = csv.columns;
        const header = (ws.getRow(2).values as unknown[]).slice(1);
        assert.equal(header.length, cols.length);
        assert.equal(header[cols.indexOf("nilai")], KOLOM.nilai.label, nama);
        assert.equal(header[cols.indexOf("periode")], KOLOM.periode.label);
        // The default method of each period, and BKN's official results: the rows and values of the CSV.
        const want = csv.filter((r) => r.metode_baku === "true" || r.metode === RESMI);
        const rows = barisLembar(ws, 3);
        assert.equal(rows.length, want.length, nama);
        assert.ok(rows.length > 0);
        const iNilai = cols.indexOf("nilai"), iKode = cols.indexOf(b.kunci!.at(-1)!);
        const byKey = new Map(want.map((r) => [b.kunci!.map((k) => r[k]).join("|"), r]));
        let numbers = 0;
        for (const row of rows) {
          const r = byKey.get(b.kunci!.map((k) => row[cols.indexOf(k)]).join("|"));
          assert.ok(r, `${nama}: ${JSON.stringify(row.slice(0, 6))} is a row of the CSV`);
          assert.equal(typeof row[iKode], "string");
          if (r.nilai === "") assert.equal(row[iNilai] ?? null, null);
          else (assert.equal(row[iNilai], Number(r.nilai)), numbers++);
        }
        assert.ok(numbers > 0, `${nama}: numeric cells`);
        // The column dictionary.
        const ket = wb.getWorksheet("Keterangan")!;
        assert.deepEqual(barisLembar(ket, 3).map((r) => r[0]), cols);
      }
    });

    await t.step("the Data page links the package and every stable file", async () => {
      await withSite(site, async (url, browser) => {
        const page = await browser.newPage();
        const w = watch(page, url);
        await page.goto(`${url}/data`, { waitUntil: "networkidle" });
        const section = page.locator("#observablehq-main .paket-data");
        await section.waitFor();
        const hrefs = await section.locator("a[download]").evaluateAll((as) =>
          as.map((a) => new URL((a as HTMLAnchorElement).href).pathname)
        );
        assert.deepEqual(
          hrefs.sort(),
          ["/datapackage.json", ...pkg.resources.map((r) => `/${r.path}`)].sort(),
        );
        for (const h of hrefs) {
          const res = await page.request.get(url + h);
          assert.equal(res.status(), 200, h);
          assert.deepEqual(new Uint8Array(await res.body()), Deno.readFileSync(join(site, h)), h);
        }
        const text = await section.innerText();
        assert.match(text, new RegExp(`IMPORTDATA\\("${url}/unduh/instansi\\.csv"\\)`));
        assert.match(text, /CC BY 4\.0/);
        assert.match(text, /MIT/);
        assert.deepEqual([...w.errors, ...w.foreign], []);
        await page.close();
      });
    });

    await t.step(
      "the public build holds no workbook of worklists and passes the privacy scan",
      async () => {
        assert.ok(!existsSync(join(site, FOLDER_TETAP, "daftar-kerja")));
        const names = nameSet(
          (await queryOut<{ nama: string }>(pub.computed, `SELECT nama FROM '{out}/nama.parquet'`))
            .map((r) => r.nama),
        );
        assert.ok(names.size > 0);
        assert.deepEqual(await scanDir(site, names), []);
      },
    );

    // The internal build: scored again (per-person files), into its own output.
    const int = await buildSite(copy, raw, dir, "internal");
    await t.step(
      "internal: a workbook per instansi, a worklist sheet and a gaps sheet per unit",
      async () => {
        const { periode, metode } = (() => {
          const m = JSON.parse(Deno.readTextFileSync(join(int.computed, "manifest.json")));
          const p = m.periode.at(-1);
          return { periode: p, metode: m.metode_baku[p] };
        })();
        assert.ok(
          existsSync(join(int.computed, "periode", periode, "celah_asn.parquet")),
          "the scoring wrote the gaps file",
        );
        for (const kode of ["64", "6474"]) {
          const wb = await bukaXlsx(join(int.out, FOLDER_TETAP, "daftar-kerja", `${kode}.xlsx`));
          const units = UNITS.filter((u) => u.kode_instansi === kode);
          const used = new Set<string>();
          const sheetNames = [
            "Ringkasan",
            ...units.flatMap((u) => [u.nama_unit, `Celah ${u.nama_unit}`]),
          ]
            .map((n) => namaLembar(n, used));
          assert.deepEqual(wb.worksheets.map((w) => w.name), sheetNames);
          assert.match(String(wb.worksheets[0].getCell(1, 1).value), /^INTERNAL/);
          // A unit's sheet holds its rows of the worklist the internal page loads.
          const daftar = csvParse(
            Deno.readTextFileSync(hashed(int.out, copy, `internal/data/daftar/${kode}`, "csv")),
          );
          const celah = await queryOut<{ kode_unit: string; nip: string; kolom: string }>(
            int.computed,
            `SELECT kode_unit, nip, kolom FROM '{out}/periode/${periode}/celah_asn.parquet'
             WHERE kode_instansi = '${kode}'`,
          );
          assert.ok(celah.length > 0, `${kode}: gaps in the fixture`);
          assert.ok(daftar.length > 0, `${kode}: a worklist`);
          for (const u of units) {
            const sheet = wb.getWorksheet(sheetNames[1 + 2 * units.indexOf(u)])!;
            const header = (sheet.getRow(2).values as unknown[]).slice(1);
            assert.deepEqual(header.slice(0, 2), [KOLOM.nip.label, KOLOM.nama.label]);
            const rows = barisLembar(sheet, 3);
            const want = daftar.filter((r) => r.kode_unit === u.kode_unit);
            assert.deepEqual(
              rows.map((r) => `${r[0]}|${r[4]}|${r[7]}`).sort(),
              want.map((r) => `${r.nip}|${r.intervensi}|${Number(r.poin)}`).sort(),
              `${kode} ${u.nama_unit} (${metode})`,
            );
            const gaps = barisLembar(wb.getWorksheet(sheetNames[2 + 2 * units.indexOf(u)])!, 3);
            const iNip = KOLOM_CELAH.indexOf("nip"), iKolom = KOLOM_CELAH.indexOf("kolom");
            assert.deepEqual(
              gaps.map((r) => `${r[iNip]}|${r[iKolom]}`).sort(),
              celah.filter((c) => c.kode_unit === u.kode_unit).map((c) => `${c.nip}|${c.kolom}`)
                .sort(),
            );
            assert.ok(
              rows.every((r) => typeof r[0] === "string" && /^\d{18}$/.test(r[0] as string)),
            );
          }
        }
        // The internal build's package is the public one: it lists no workbook of worklists.
        const ipkg = JSON.parse(
          Deno.readTextFileSync(join(int.out, "datapackage.json")),
        ) as DataPackage;
        assert.deepEqual(ipkg.resources.map((r) => r.name), pkg.resources.map((r) => r.name));
        // And the privacy scan, reading the workbooks, finds the people in them.
        const names = nameSet(
          (await queryOut<{ nama: string }>(int.computed, `SELECT nama FROM '{out}/nama.parquet'`))
            .map((r) => r.nama),
        );
        const found = await scanDir(join(int.out, FOLDER_TETAP), names);
        assert.ok(
          found.some((f) => /daftar-kerja\/6474\.xlsx#/.test(f.file)),
          JSON.stringify(found.slice(0, 3)),
        );
      },
    );
  },
});
