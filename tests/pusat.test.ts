/**
 * Central agencies (#18 item 2: "the central agencies (kementerian / lembaga) as a group of their
 * own"): data/reference/instansi-pusat.csv, sourced row by row; a ministry's SIASN export named the
 * SIASN way is scored under BKN's instansi code, with no province; the scope of central agencies
 * only, and of central agencies with regional governments.
 *
 * The period of the engine test is checked by counts, groups, ranks and the kualifikasi means,
 * worked out by hand from data/methods/bkn-2024.json (S2 20, S1 15, SLTA 5); the other dimensions
 * are tests/rules.test.ts's.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { csvParse } from "d3";
import { InstansiPusat, loadReferensi, readReference, Wilayah } from "../loaders/reference.ts";
import { cakupan, deteksiCakupan, type InstansiData } from "../loaders/publish/scope.ts";
import { Situs } from "../loaders/situs.ts";
import { runPipeline } from "../loaders/engine/pipeline.ts";
import { nip, queryOut, tempDir, toCsv } from "./helpers/fixture.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const PUSAT = join(ROOT, "data/reference/instansi-pusat.csv");

Deno.test("instansi-pusat.csv: every central agency sourced, its code clashing with no Kemendagri code", async () => {
  const rows = await readReference(PUSAT, InstansiPusat);
  assert.equal(rows.length, 94);
  assert.equal(new Set(rows.map((r) => r.kode_instansi)).size, rows.length, "codes are unique");
  const kemendagri = new Set(
    csvParse(Deno.readTextFileSync(join(ROOT, "data/reference/wilayah-nasional.csv")))
      .map((r) => r.kode_instansi!),
  );
  assert.deepEqual(rows.filter((r) => kemendagri.has(r.kode_instansi)), []);
  for (const r of rows) {
    // An address, or a file the code index read whose address it did not give (its id quoted).
    assert.ok(
      r.sumber_url || /dibaca lewat indeks kode, id \d+/.test(r.catatan),
      `${r.kode_instansi} has a source`,
    );
    // The row quotes its own code and name as the source has them.
    assert.ok(
      r.catatan.includes(`'${r.kode_instansi}', '${r.nama_instansi}'`),
      `${r.kode_instansi}: the note quotes '${r.kode_instansi}', '${r.nama_instansi}'`,
    );
  }
  const byKode = new Map(rows.map((r) => [r.kode_instansi, r.nama_instansi]));
  assert.equal(byKode.get("3005"), "Kementerian Keuangan");
  assert.equal(byKode.get("4011"), "Badan Kepegawaian Negara");
  // Trailing spaces of the source are not part of a name.
  assert.equal(byKode.get("4016"), "Badan Pusat Statistik");
});

Deno.test("the reference a run scores with: the regional table and the central agencies", async () => {
  const ref = await loadReferensi();
  const pusat = ref.filter((w) => w.jenis === "pusat");
  assert.equal(ref.length - pusat.length, 546, "the national Kemendagri reference, by default");
  assert.equal(pusat.length, 94);
  assert.ok(pusat.every((w) => w.kode_provinsi === "" && w.provinsi === ""));
  // A central agency has no province; a regional government must have one.
  const base = { kode_instansi: "3005", nama_instansi: "Kementerian Keuangan", jenis: "pusat" };
  assert.ok(Wilayah.safeParse({ ...base, kode_provinsi: "", provinsi: "" }).success);
  assert.ok(!Wilayah.safeParse({ ...base, kode_provinsi: "30", provinsi: "X" }).success);
  assert.ok(
    !Wilayah.safeParse({ ...base, kode_instansi: "30", kode_provinsi: "", provinsi: "" }).success,
  );
  assert.ok(
    !Wilayah.safeParse({
      kode_instansi: "6474",
      nama_instansi: "Pemerintah Kota Bontang",
      jenis: "kota",
      kode_provinsi: "",
      provinsi: "",
    }).success,
  );
});

/**
 * One period: three ASN of Kementerian Keuangan and two of Badan Kepegawaian Negara, named only
 * the SIASN way (instansiKerjaNama, no kode_instansi), and two of Kota Bontang by code.
 */
const PEGAWAI = [
  ...[1, 2, 3].map((n) => ({
    n,
    kode: "",
    nama_instansi: "Kementerian Keuangan",
    pendidikan: "S2",
  })),
  ...[4, 5].map((n) => ({
    n,
    kode: "",
    nama_instansi: "BADAN KEPEGAWAIAN NEGARA",
    pendidikan: "S1",
  })),
  ...[6, 7].map((n) => ({ n, kode: "6474", nama_instansi: "", pendidikan: "SLTA" })),
];

/** Period 2024 of `raw`: these ASN (PELAKSANA, no history), scored under bkn-2024 into `out`. */
async function score(
  raw: string,
  out: string,
  pegawai: { n: number; kode: string; nama_instansi: string; pendidikan: string }[],
): Promise<void> {
  const p = join(raw, "2024");
  Deno.mkdirSync(p, { recursive: true });
  const header = [
    "nip",
    "nama",
    "jenis_pegawai",
    "kode_instansi",
    "nama_instansi",
    "kode_unit",
    "nama_unit",
    "jenis_jabatan",
    "nama_jabatan",
    "pendidikan",
  ];
  Deno.writeTextFileSync(
    join(p, "pegawai.csv"),
    toCsv(
      header,
      pegawai.map((x) => ({
        nip: nip(900 + x.n),
        nama: "Uji",
        jenis_pegawai: "PNS",
        kode_instansi: x.kode,
        nama_instansi: x.nama_instansi,
        kode_unit: "U1",
        nama_unit: "Biro Uji",
        jenis_jabatan: "PELAKSANA",
        nama_jabatan: "Pengadministrasi",
        pendidikan: x.pendidikan,
      })),
    ),
  );
  Deno.writeTextFileSync(
    join(p, "diklat.csv"),
    "nip,jenis,jenjang,nama,jp,tanggal_mulai,tanggal_selesai\n",
  );
  Deno.writeTextFileSync(join(p, "kinerja.csv"), "nip,tahun,predikat\n");
  Deno.writeTextFileSync(join(p, "hukdis.csv"), "nip,tingkat,jenis,tmt,akhir\n");
  await runPipeline({ raw, out, methods: ["bkn-2024"], perAsn: "none" });
}

Deno.test("a ministry's export is scored under BKN's code, in a group of its own", async () => {
  const dir = await tempDir("ipasn-pusat-");
  const raw = join(dir, "raw"), out = join(dir, "out");
  await score(raw, out, PEGAWAI);
  const instansi = await queryOut<Record<string, string | number | null>>(
    out,
    `SELECT kode_instansi, jenis_instansi, kode_provinsi, provinsi, n_asn, peringkat_provinsi, kualifikasi
     FROM read_csv('{out}/instansi.csv', all_varchar = true) ORDER BY kode_instansi`,
  );
  assert.deepEqual(
    instansi.map((r) => [r.kode_instansi, r.jenis_instansi, r.kode_provinsi, r.provinsi, r.n_asn]),
    [
      ["3005", "pusat", null, null, "3"],
      ["4011", "pusat", null, null, "2"],
      ["6474", "kota", "64", "Kalimantan Timur", "2"],
    ],
  );
  // Ranked among the central agencies (S2 20 > S1 15), and Kota Bontang alone in its province.
  assert.deepEqual(instansi.map((r) => [r.kode_instansi, r.kualifikasi, r.peringkat_provinsi]), [
    ["3005", "20.0", "1"],
    ["4011", "15.0", "2"],
    ["6474", "5.0", "1"],
  ]);
  // Provinces hold regional governments only; the overall mean holds everyone.
  const provinsi = await queryOut<
    { kode_provinsi: string; n_asn: number; jumlah_instansi: number }
  >(
    out,
    `SELECT kode_provinsi, n_asn, jumlah_instansi FROM read_csv('{out}/provinsi.csv', all_varchar = true)`,
  );
  assert.deepEqual(provinsi.map((r) => [r.kode_provinsi, r.n_asn, r.jumlah_instansi]), [[
    "64",
    "2",
    "1",
  ]]);
  const [all] = await queryOut<{ n_asn: string; jumlah_instansi: string; kualifikasi: string }>(
    out,
    `SELECT n_asn, jumlah_instansi, kualifikasi FROM read_csv('{out}/kanreg.csv', all_varchar = true)`,
  );
  // (3 × 20 + 2 × 15 + 2 × 5) / 7 = 100 / 7
  assert.deepEqual([all.n_asn, all.jumlah_instansi], ["7", "3"]);
  assert.ok(Math.abs(Number(all.kualifikasi) - 100 / 7) < 1e-9, all.kualifikasi);
  const manifest = JSON.parse(Deno.readTextFileSync(join(out, "manifest.json")));
  assert.deepEqual(manifest.di_luar_referensi, [], "central agencies are in the reference");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a code the reference lacks keeps its province; a central agency's (40xx) has none", async () => {
  const dir = await tempDir("ipasn-pusat-luar-");
  const raw = join(dir, "raw"), out = join(dir, "out");
  // 1150 (a well-formed Aceh code that names no regency), 4072 an agency not in
  // instansi-pusat.csv (40 is no Kemendagri province), 6474 Kota Bontang.
  await score(raw, out, [
    { n: 1, kode: "1150", nama_instansi: "", pendidikan: "S1" },
    { n: 2, kode: "4072", nama_instansi: "", pendidikan: "S2" },
    { n: 3, kode: "4072", nama_instansi: "", pendidikan: "S2" },
    { n: 4, kode: "6474", nama_instansi: "", pendidikan: "SLTA" },
  ]);
  const instansi = await queryOut<Record<string, string | null>>(
    out,
    `SELECT kode_instansi, nama_instansi, jenis_instansi, kode_provinsi, n_asn
     FROM read_csv('{out}/instansi.csv', all_varchar = true) ORDER BY kode_instansi`,
  );
  assert.deepEqual(
    instansi.map((
      r,
    ) => [r.kode_instansi, r.nama_instansi, r.jenis_instansi, r.kode_provinsi, r.n_asn]),
    [
      ["1150", "Instansi 1150", "kabupaten", "11", "1"],
      ["4072", "Instansi 4072", "pusat", null, "2"],
      ["6474", "Pemerintah Kota Bontang", "kota", "64", "1"],
    ],
  );
  // No phantom "Provinsi 40": the provinces are Aceh's (11) and Kalimantan Timur's (64).
  const provinsi = await queryOut<{ kode_provinsi: string }>(
    out,
    `SELECT DISTINCT kode_provinsi FROM read_csv('{out}/provinsi.csv', all_varchar = true) ORDER BY 1`,
  );
  assert.deepEqual(provinsi.map((r) => r.kode_provinsi), ["11", "64"]);
  const manifest = JSON.parse(Deno.readTextFileSync(join(out, "manifest.json")));
  assert.deepEqual(
    manifest.di_luar_referensi.map((l: { kode_instansi: string }) => l.kode_instansi),
    [
      "1150",
      "4072",
    ],
  );
  await Deno.remove(dir, { recursive: true });
});

const pusat = (kode: string, nama: string): InstansiData => ({
  kode_instansi: kode,
  nama_instansi: nama,
  jenis_instansi: "pusat",
  kode_provinsi: "",
  provinsi: "",
});
const KEMENKEU = pusat("3005", "Kementerian Keuangan");
const BKN = pusat("4011", "Badan Kepegawaian Negara");
const BONTANG: InstansiData = {
  kode_instansi: "6474",
  nama_instansi: "Pemerintah Kota Bontang",
  jenis_instansi: "kota",
  kode_provinsi: "64",
  provinsi: "Kalimantan Timur",
};
const opts = {
  situs: Situs.parse({}),
  kanreg: [{ kode_provinsi: "64", kanreg: "VIII" }],
  referensi: new Set(["3005", "4011", "6474"]),
  provinsiNasional: 38,
  ambang: 10,
};

Deno.test("scope: central agencies only are their own scope; with regions, national", () => {
  const map = new Map([["64", "VIII"]]);
  assert.equal(deteksiCakupan([KEMENKEU], map), "bkd");
  assert.equal(deteksiCakupan([KEMENKEU, BKN], map), "pusat");
  assert.equal(deteksiCakupan([KEMENKEU, BONTANG], map), "nasional");

  const c = cakupan([KEMENKEU, BKN], opts);
  assert.deepEqual(
    [c.jenis, c.nama, c.singkat, c.judul, c.rata, c.wilayah, c.pusat],
    [
      "pusat",
      "Instansi Pusat",
      "instansi pusat",
      "IP ASN Instansi Pusat",
      "Rata-rata instansi pusat",
      "",
      2,
    ],
  );
  // No province, so no Kalimantan layout, no "vs province" and no "pemerintah daerah".
  assert.deepEqual(c.provinsi, []);
  assert.equal(c.kalimantan, false);
  assert.equal(c.banding_provinsi, false);
  assert.equal(c.semua_daerah, false);
  assert.equal(c.kaki, "Indeks Profesionalitas ASN · Instansi Pusat.");

  const m = cakupan([KEMENKEU, BONTANG], opts);
  assert.deepEqual([m.jenis, m.nama, m.pusat], ["nasional", "1 provinsi dan instansi pusat", 1]);
  assert.deepEqual(m.provinsi, [{
    kode_provinsi: "64",
    provinsi: "Kalimantan Timur",
    kanreg: "VIII",
  }]);
  assert.deepEqual(m.di_luar_referensi, []);

  const one = cakupan([KEMENKEU], opts);
  assert.deepEqual([one.jenis, one.nama, one.entitas], ["bkd", "Kementerian Keuangan", "unit"]);
});
