/**
 * Scope without a build: detection from the instansi in the data, the names and comparisons each
 * scope gives its pages, the settings file's validation, the national reference generated from the
 * pinned package, and `--require-real-data` refusing synthetic data before anything is written.
 * Expected values are worked out by hand from the rows written here.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { csvParse } from "d3";
import {
  cakupan,
  deteksiCakupan,
  frasaProvinsi,
  type InstansiData,
} from "../loaders/publish/scope.ts";
import { bacaSitus, Situs } from "../loaders/situs.ts";
import { tempDir } from "./helpers/fixture.ts";
import { bacaPaket, csvWilayah, KELUARAN, wilayahNasional } from "../scripts/wilayah.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const i = (kode: string, jenis: string, prov: string, provinsi: string): InstansiData => ({
  kode_instansi: kode,
  nama_instansi: `Pemerintah ${
    jenis === "provinsi" ? "Provinsi" : jenis === "kota" ? "Kota" : "Kabupaten"
  } ${jenis === "provinsi" ? provinsi : `X${kode}`}`,
  jenis_instansi: jenis,
  kode_provinsi: prov,
  provinsi,
});
const KANREG = [
  { kode_provinsi: "62", kanreg: "VIII" },
  { kode_provinsi: "63", kanreg: "VIII" },
  { kode_provinsi: "64", kanreg: "VIII" },
  { kode_provinsi: "65", kanreg: "VIII" },
  { kode_provinsi: "92", kanreg: "XIV" },
  { kode_provinsi: "11", kanreg: "" },
];
const KALIMANTAN = [
  i("62", "provinsi", "62", "Kalimantan Tengah"),
  i("63", "provinsi", "63", "Kalimantan Selatan"),
  i("6371", "kota", "63", "Kalimantan Selatan"),
  i("64", "provinsi", "64", "Kalimantan Timur"),
  i("6474", "kota", "64", "Kalimantan Timur"),
  i("65", "provinsi", "65", "Kalimantan Utara"),
];
const opts = (situs = Situs.parse({})) => ({
  situs,
  kanreg: KANREG,
  referensi: new Set(["62", "63", "6371", "64", "6474", "65", "11", "92"]),
  provinsiNasional: 38,
  ambang: 10,
});

Deno.test("scope detection: one instansi, one province, one Kanreg, else national", () => {
  const map = new Map(KANREG.filter((k) => k.kanreg).map((k) => [k.kode_provinsi, k.kanreg]));
  assert.equal(deteksiCakupan([KALIMANTAN[4]], map), "bkd");
  assert.equal(deteksiCakupan([KALIMANTAN[3], KALIMANTAN[4]], map), "provinsi");
  assert.equal(deteksiCakupan(KALIMANTAN, map), "kanreg");
  // Kalimantan with Papua Barat: two Kanreg.
  assert.equal(
    deteksiCakupan([...KALIMANTAN, i("92", "provinsi", "92", "Papua Barat")], map),
    "nasional",
  );
  // A province whose Kanreg has no source cannot make a Kanreg scope.
  assert.equal(
    deteksiCakupan([
      i("11", "provinsi", "11", "Aceh"),
      i("1101", "kabupaten", "11", "Aceh"),
      KALIMANTAN[0],
    ], map),
    "nasional",
  );
});

Deno.test("the Kanreg VIII scope says what the site said before, from the data", () => {
  const c = cakupan(KALIMANTAN, opts());
  assert.equal(c.jenis, "kanreg");
  assert.equal(c.judul, "IP ASN Kanreg VIII");
  assert.equal(c.judul_beranda, "IP ASN Kantor Regional VIII");
  assert.equal(c.wilayah, "Kalimantan Selatan, Tengah, Timur dan Utara");
  assert.equal(c.rata, "Rata-rata Kanreg VIII");
  assert.equal(
    c.kaki,
    "Indeks Profesionalitas ASN · Kantor Regional VIII BKN (Kalimantan Selatan, Tengah, Timur dan Utara).",
  );
  assert.equal(c.jumlah_instansi, 6);
  assert.deepEqual([c.banding_provinsi, c.banding_kanreg, c.kalimantan, c.entitas], [
    true,
    true,
    true,
    "instansi",
  ]);
  // First province government, first kota, then the next instansi by code.
  assert.deepEqual(c.contoh, ["62", "6371", "63"]);
  assert.deepEqual(c.di_luar_referensi, []);
});

Deno.test("a BKD scope ranks unit kerja and offers no comparison that does not exist", () => {
  const c = cakupan([KALIMANTAN[4]], opts());
  assert.equal(c.jenis, "bkd");
  assert.equal(c.entitas, "unit");
  assert.equal(c.nama, "Pemerintah Kota X6474");
  assert.equal(c.judul, "IP ASN Pemerintah Kota X6474");
  assert.equal(c.rata, "Rata-rata Kota X6474");
  assert.equal(c.wilayah, "");
  assert.deepEqual([c.banding_provinsi, c.banding_kanreg], [false, false]);
  // No text a page shows names a region the site does not cover.
  assert.doesNotMatch(
    [c.nama, c.singkat, c.wilayah, c.judul, c.judul_beranda, c.kaki, c.rata].join(" "),
    /Kanreg|Kalimantan/,
  );
});

Deno.test("province and multi-province scopes name only what the data holds; settings override", () => {
  const p = cakupan([KALIMANTAN[3], KALIMANTAN[4]], opts());
  assert.deepEqual([p.jenis, p.nama, p.rata, p.banding_provinsi, p.banding_kanreg], [
    "provinsi",
    "Provinsi Kalimantan Timur",
    "Rata-rata Kalimantan Timur",
    false,
    false,
  ]);
  const n = cakupan(
    [...KALIMANTAN, i("92", "provinsi", "92", "Papua Barat"), i("9999", "kabupaten", "99", "Luar")],
    opts(
      Situs.parse({ judul: "IP ASN Contoh", penerbit: "BKD Contoh", kontak: "bkd@contoh.go.id" }),
    ),
  );
  assert.equal(n.jenis, "nasional");
  // 6 provinces of 38: not called "nasional".
  assert.equal(n.nama, "6 provinsi");
  assert.equal(n.rata, "Rata-rata 6 provinsi");
  assert.equal(n.judul, "IP ASN Contoh");
  assert.match(n.kaki, /diterbitkan oleh BKD Contoh · kontak: bkd@contoh\.go\.id\.$/);
  assert.deepEqual(n.di_luar_referensi, [{
    kode_instansi: "9999",
    nama_instansi: "Pemerintah Kabupaten X9999",
  }]);
  assert.equal(frasaProvinsi(["Papua Barat", "Aceh", "Bali"]), "Aceh, Bali dan Papua Barat");
  assert.equal(cakupan(KALIMANTAN, opts(Situs.parse({ cakupan: "nasional" }))).jenis, "nasional");
});

Deno.test("the settings file: defaults without it, a named error for a wrong field", async () => {
  const dir = await tempDir("ipasn-situs-");
  const d = bacaSitus(join(dir, "none.json"));
  assert.deepEqual([d.cakupan, d.wajib_data_nyata, d.halaman_unit_internal_maks], [
    "otomatis",
    false,
    2000,
  ]);
  Deno.writeTextFileSync(join(dir, "s.json"), JSON.stringify({ cakupan: "kota", warna: 1 }));
  assert.throws(() => bacaSitus(join(dir, "s.json")), (e: Error) => {
    assert.match(e.message, /s\.json: .*cakupan/);
    assert.match(e.message, /warna/);
    assert.match(e.message, /Fix:/);
    return true;
  });
  // The project's own settings file is valid.
  assert.equal(bacaSitus().cakupan, "otomatis");
});

Deno.test("national reference: 38 provinces, 514 kabupaten/kota less Jakarta's 6 administrative ones, Kanreg VIII = 46", () => {
  const rows = bacaPaket();
  assert.equal(rows.filter((r) => r.jenis === "provinsi").length, 38);
  assert.equal(rows.length, 38 + 514 - 6);
  assert.equal(rows.filter((r) => r.kanreg === "VIII").length, 46);
  assert.equal(new Set(rows.map((r) => r.kode_instansi)).size, rows.length);
  assert.ok(rows.every((r) => r.kode_instansi.startsWith(r.kode_provinsi)));
  const bontang = rows.find((r) => r.kode_instansi === "6474")!;
  assert.deepEqual(bontang, {
    kode_instansi: "6474",
    nama_instansi: "Pemerintah Kota Bontang",
    jenis: "kota",
    kode_provinsi: "64",
    provinsi: "Kalimantan Timur",
    kanreg: "VIII",
  });
  // Kemendagri order in Kalimantan Tengah (the package), not BPS's.
  assert.equal(
    rows.find((r) => r.kode_instansi === "6206")!.nama_instansi,
    "Pemerintah Kabupaten Katingan",
  );
  // The committed file is exactly what the package and the Kanreg table give.
  assert.equal(Deno.readTextFileSync(KELUARAN), csvWilayah(rows));
  // A small hand-made input: a kota by its name, an administrative Jakarta unit left out.
  const mini = wilayahNasional(
    [{ code: "31", name: "DKI" }, { code: "64", name: "Kaltim" }],
    [{ code: "31.71", province_code: "31", name: "Kota Administrasi Jakarta Pusat" }, {
      code: "64.74",
      province_code: "64",
      name: "Kota Bontang",
    }, { code: "64.01", province_code: "64", name: "Kabupaten Paser" }],
    [{ kode_provinsi: "64", kanreg: "VIII" }],
  );
  assert.deepEqual(mini.map((r) => [r.kode_instansi, r.jenis, r.kanreg]), [
    ["31", "provinsi", ""],
    ["64", "provinsi", "VIII"],
    ["6401", "kabupaten", "VIII"],
    ["6474", "kota", "VIII"],
  ]);
});

Deno.test("the Kanreg table has a source for every Kanreg it names and leaves the rest blank", () => {
  const rows = csvParse(Deno.readTextFileSync(join(ROOT, "data/reference/kanreg-provinsi.csv")));
  assert.equal(rows.length, 38);
  for (const r of rows) {
    if (!r.kanreg) {
      assert.equal(r.sumber_url, "");
      continue;
    }
    // A source is an address, or (a public file whose address the index does not give) the
    // index's file id and the words quoted from it, so that the quote can be read again.
    if (!r.sumber_url) {
      assert.match(
        r.catatan!,
        /^tidak resmi; alamat berkas tidak terbaca \(.*id \d+\): .*'[^']+'/,
        `${r.kode_provinsi} names a Kanreg without an address and without a quoted source`,
      );
    } else {
      assert.match(r.sumber_url, /^https:\/\//, `${r.kode_provinsi}: not an address`);
    }
    // The Kanreg named in a quote is the row's (a quote about another Kanreg proves nothing).
    const quoted = [...r.catatan!.matchAll(/(?:Regional|Kanreg) ([IVX]+)\b/g)].map((m) => m[1]);
    if (!r.sumber_url) {
      assert.ok(quoted.length > 0 && quoted.every((k) => k === r.kanreg), `${r.kode_provinsi}`);
    }
  }
});

/** `scripts/build.ts` with its output in a fresh temp folder. */
async function build(args: string[]): Promise<{ code: number; log: string; root: string }> {
  const root = await tempDir("ipasn-real-");
  const r = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      join(ROOT, "scripts/build.ts"),
      "--computed",
      join(root, "computed"),
      "--out",
      join(root, "dist"),
      ...args.map((a) => a.replace("{root}", root)),
    ],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: r.code, log: new TextDecoder().decode(r.stderr), root };
}

Deno.test("--require-real-data refuses the demo and a synthetic export before writing anything", async () => {
  const demo = await build(["--demo", "--require-real-data"]);
  assert.equal(demo.code, 2);
  assert.match(demo.log, /--demo builds from synthetic data, which --require-real-data/);
  // A raw folder whose export says it is synthetic (as the demo generator writes).
  const raw = await tempDir("ipasn-fake-raw-");
  Deno.mkdirSync(join(raw, "2024"));
  Deno.writeTextFileSync(join(raw, "2024/meta.json"), JSON.stringify({ sintetis: true }));
  Deno.writeTextFileSync(join(raw, "2024/pegawai.csv"), "nip\n");
  const fake = await build(["--raw", raw, "--require-real-data"]);
  assert.equal(fake.code, 1);
  assert.match(fake.log, /2024\/meta\.json: says the export is synthetic/);
  assert.match(fake.log, /Fix:/);
  for (const b of [demo, fake]) {
    assert.equal(existsSync(join(b.root, "computed")), false);
    assert.equal(existsSync(join(b.root, "dist")), false);
  }
});
