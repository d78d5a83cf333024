/**
 * Site components without a browser: URL state, formatting, small-cell suppression, the privacy
 * scan, and charts rendered to SVG in a DOM implementation and compared with stored snapshots
 * (set UPDATE_SNAPSHOTS=1 to accept a visual change; the diff then shows in git).
 */
import assert from "node:assert/strict";
import { sesuaiSnapshot } from "./helpers/snapshot.ts";
import { parseHTML } from "linkedom";
import { nameSet, scanDir, scanText } from "../loaders/publish/privacy.ts";
import {
  kerangkaSitus,
  localiseHtml,
  pasangKerangka,
  pasangToc,
  ringkasanHalaman,
} from "../loaders/publish/shell.ts";
import { baris, distribusiBerlaku, parquet, unitSql } from "../loaders/publish/site.ts";
import { Hasil } from "../loaders/publish/hasil.ts";
import { kolomTabel, KUNCI_UNIT } from "../src/keluaran.ts";
import { DIMENSI } from "../src/kosakata.ts";
import { lit } from "../loaders/duck.ts";
import { join } from "node:path";
import { satuPeriode, semuaUnitDisembunyikan } from "../src/components/pesan.ts";
import { tableFromIPC } from "@uwdata/flechette";
import {
  barisBiasa,
  grafikCepat,
  kodePeriode,
  parquetKeArrow,
  pesanGalat,
  saranPeriode,
} from "../src/components/sql.ts";
import { dimensi } from "../src/components/dimensi.ts";
import { petaCelah } from "../src/components/petaCelah.ts";
import {
  akhirPeriode,
  bilangan,
  kodeTerbaca,
  nilai,
  periode,
  persen,
  selisih,
  selisihSumbu,
  ukuranBerkas,
  urutPeriode,
} from "../src/components/format.ts";
import { peta, tataLetak } from "../src/components/peta.ts";
import { read, write } from "../src/components/state.ts";
import { garis } from "../src/components/garis.ts";
import { batangDimensi } from "../src/components/batangDimensi.ts";
import { tren, warnaSeri } from "../src/components/tren.ts";
import { amanCsv, beriNama, bingkaiGrafik, svgUtama } from "../src/components/unduh.ts";
import { kenaikan } from "../src/components/kenaikan.ts";
import { geserDimensi } from "../src/components/geserDimensi.ts";
import { pasangkan, perbandingan } from "../src/components/perbandingan.ts";
import { airTerjun } from "../src/components/airTerjun.ts";
import { rekonsiliasi, type Varian } from "../src/components/rekonsiliasi.ts";
import { tempDir } from "./helpers/fixture.ts";
import { batasKategori, maksDimensi, teksMetodeBaku } from "../src/components/profil.ts";
import { loadProfiles } from "../loaders/engine/method.ts";

/** The shipped profiles as the pages receive them (loaders/publish/halaman.ts: maxima and bands). */
const PROFILES = (await loadProfiles(new URL("../data/methods", import.meta.url).pathname)).map((
  p,
) => ({
  id: p.id,
  nama: p.nama,
  maks: Object.fromEntries(DIMENSI.map((d) => [d, p.dimensi[d].maks])),
  batas: p.kategori.batas,
  baku_untuk: p.baku_untuk,
}));
const BKN_2024 = PROFILES.find((p) => p.id === "bkn-2024")!;

Deno.test("pages read maxima, category bands and default periods from the profiles", () => {
  assert.deepEqual(maksDimensi(BKN_2024), {
    kualifikasi: 25,
    kompetensi: 40,
    kinerja: 30,
    disiplin: 5,
  });
  assert.deepEqual(batasKategori(PROFILES), [61, 71, 81, 91]);
  // Each default profile by its name, for the periods it is the default of.
  assert.equal(
    teksMetodeBaku(PROFILES),
    "Peraturan BKN No. 8/2019 sampai Triwulan IV Tahun 2022, Surat BKN No. 4190/B-BM.02.01/SD/K/2024 mulai Triwulan I Tahun 2023",
  );
  const lokal = {
    ...BKN_2024,
    id: "lokal",
    nama: "Lokal",
    baku_untuk: null,
    maks: { ...BKN_2024.maks, kualifikasi: 20 },
    batas: [{ nama: "Baik", min: 75 }, { nama: "Lain", min: -1e9 }],
  };
  assert.equal(maksDimensi(lokal).kualifikasi, 20);
  assert.deepEqual(batasKategori([lokal, BKN_2024]), [61, 71, 75, 81, 91]);
  assert.equal(
    teksMetodeBaku([lokal, BKN_2024]),
    "Surat BKN No. 4190/B-BM.02.01/SD/K/2024 mulai Triwulan I Tahun 2023",
  );
});

Deno.test("Indonesian formatting: comma decimals, dot thousands, periods in words", () => {
  assert.equal(nilai(81.7349), "81,73");
  assert.equal(bilangan(13000), "13.000");
  assert.equal(selisih(1.25), "+1,25");
  assert.equal(selisih(-0.8), "−0,80");
  assert.equal(persen(0.125), "12,5%");
  assert.equal(nilai(null), "–");
  // BKN's wording: "Triwulan III Tahun 2024" (issue #21; it was "2024 Triwulan III").
  assert.equal(periode("2024-Q3"), "Triwulan III Tahun 2024");
  assert.equal(ukuranBerkas(11646146), "11,1 MB");
  assert.equal(ukuranBerkas(9187 * 1024), "9,0 MB");
  assert.equal(ukuranBerkas(364469), "356 KB");
  assert.equal(ukuranBerkas(850), "850 B");
  assert.equal(selisih(-0.004), "0,00");
  assert.equal(selisih(0.004), "0,00");
  assert.equal(selisih(-0.005 - 1e-9), "−0,01");
  assert.deepEqual([-1.5, -1, -0.5, 0, 0.5, 1.5].map(selisihSumbu), [
    "−1,5",
    "−1",
    "−0,5",
    "0",
    "+0,5",
    "+1,5",
  ]);
  assert.equal(kodeTerbaca("SANGAT_BAIK"), "Sangat Baik");
  assert.equal(kodeTerbaca("PIM_II/PKN_II"), "PIM II/PKN II");
  assert.equal(kodeTerbaca("predikat BUTUH_PERBAIKAN, JPT"), "predikat Butuh Perbaikan, JPT");
  assert.equal(periode("2023"), "2023");
  assert.deepEqual(["2024-Q1", "2023", "2024", "2024-Q4", "2022"].sort(urutPeriode), [
    "2022",
    "2023",
    "2024-Q1",
    "2024",
    "2024-Q4",
  ]);
  assert.equal(akhirPeriode("2024-Q3").toISOString().slice(0, 10), "2024-09-30");
});

Deno.test("URL state: valid values round-trip, unknown or stale ones fall back", () => {
  const spec = {
    periode: { kind: "one", values: ["2024-Q3", "2025-Q4"], default: "2025-Q4" },
    instansi: { kind: "many", values: ["63", "6474", "65"], default: ["63"], max: 2 },
    q: { kind: "text", default: "", maxLength: 5 },
  } as const;
  assert.deepEqual(read(spec, ""), { periode: "2025-Q4", instansi: ["63"], q: "" });
  const s = read(spec, "?periode=2024-Q3&instansi=6474,65&q=bontang");
  assert.deepEqual(s, { periode: "2024-Q3", instansi: ["6474", "65"], q: "bonta" });
  assert.deepEqual(read(spec, write(spec, s)), s);
  assert.equal(write(spec, read(spec, "")), "");
  assert.deepEqual(read(spec, "?periode=2031-Q9&instansi=9999,6474,6474,63,65"), {
    periode: "2025-Q4",
    instansi: ["6474", "63"],
    q: "",
  });
});

Deno.test("small cells are suppressed, with complementary suppression so none can be recovered", async () => {
  // A unit table as the engine writes it (Parquet), with the units below.
  const dir = await tempDir("ipasn-sel-kecil-");
  const unit = (kode_unit: string, n_asn: number, kode_instansi = "A") => ({
    periode: "2024",
    metode: "m",
    kode_instansi,
    kode_unit,
    n_asn,
    nilai: 70,
  });
  const units = [
    unit("u4", 60),
    unit("u1", 3),
    unit("u3", 50),
    unit("u2", 40),
    unit("v1", 20, "B"),
    unit("v2", 30, "B"),
    unit("w3", 80, "C"),
    unit("w1", 4, "C"),
    unit("w2", 5, "C"),
    // Two of the same size: the code decides which is the smaller.
    unit("x2", 12, "D"),
    unit("x1", 12, "D"),
    unit("x0", 6, "D"),
  ];
  const kunci = new Set<string>(KUNCI_UNIT);
  const cols = kolomTabel("unit_publik", []).filter((c) => c !== "disembunyikan");
  const nilaiKolom = (r: Record<string, unknown>, c: string) =>
    c in r
      ? (typeof r[c] === "string"
        ? lit(r[c] as string)
        : `${r[c]}::${c === "n_asn" ? "BIGINT" : "DOUBLE"}`)
      : kunci.has(c) || c === "kategori"
      ? "NULL::VARCHAR"
      : "NULL::DOUBLE";
  const h = new Hasil(dir);
  await h.run(
    `COPY (${
      units.map((r) => `SELECT ${cols.map((c) => `${nilaiKolom(r, c)} AS ${c}`).join(", ")}`)
        .join(" UNION ALL ")
    }) TO ${lit(join(dir, "unit.parquet"))} (FORMAT parquet)`,
  );
  const out = await baris(h, await unitSql(h, 10));
  const hidden = out.filter((r) => r.disembunyikan).map((r) => r.kode_unit);
  // A: u1 alone would be recoverable from the total, so the next smallest goes too.
  // B: nothing small. C: w1 + w2 = 9 < 10 is still a small group, so w3 goes too.
  // D: x0 alone is recoverable: the next smallest by size, then code (x1), goes too.
  assert.deepEqual(hidden, ["u1", "u2", "w1", "w2", "w3", "x0", "x1"]);
  for (const r of out.filter((r) => r.disembunyikan)) {
    assert.equal(r.nilai, null);
    assert.equal(r.n_asn, null);
    assert.ok(r.kode_unit && r.kode_instansi, "a hidden unit keeps its identifying columns");
  }
  assert.equal(out.find((r) => r.kode_unit === "u3")!.nilai, 70);
  // In the order the site's files keep: instansi, then size, then code.
  assert.deepEqual(out.map((r) => r.kode_unit), [
    "u1",
    "u2",
    "u3",
    "u4",
    "v1",
    "v2",
    "w1",
    "w2",
    "w3",
    "x0",
    "x1",
    "x2",
  ]);
});

Deno.test("the privacy scan finds NIPs, names from the exports and per-person tables", async () => {
  const names = nameSet(["Siti Rahmawati", "Budi", null, "ahmad  HIDAYAT"]);
  assert.deepEqual([...names].sort(), ["ahmad hidayat", "siti rahmawati"]);
  assert.equal(
    scanText("a.html", "<p>IP ASN 81,73; 13.000 ASN; kode 6474001</p>", names).length,
    0,
  );
  assert.match(scanText("a.js", 'x="198001012005011001"', names)[0].problem, /NIP-like/);
  assert.match(
    scanText("a.html", "<td>Ahmad Hidayat</td>", names)[0].problem,
    /a name from the raw exports/,
  );
  assert.match(scanText("b.csv", "nip,nilai\n1,2\n", names)[0].problem, /per-person field "nip"/);
  // A name is found after a word that starts another name, and only whole.
  const three = nameSet(["Siti Nur Aisyah", "Nur Hidayat"]);
  assert.equal(scanText("c.csv", "unit,ket\nA,Siti Nur Hidayat", three).length, 1);
  assert.equal(scanText("c.csv", "unit,ket\nA,Siti Nur", three).length, 0);
  const dir = await tempDir();
  Deno.mkdirSync(`${dir}/_file/data`, { recursive: true });
  Deno.writeTextFileSync(`${dir}/index.html`, "<html lang=id>aman</html>");
  Deno.writeTextFileSync(`${dir}/_file/data/x.json`, '{"unit":"Dinas","ket":"siti rahmawati"}');
  const found = await scanDir(dir, names);
  assert.deepEqual(found.map((f) => f.file), ["_file/data/x.json"]);
});

Deno.test("CSV downloads neutralise spreadsheet formulas in text cells, not in numbers", () => {
  const csv = amanCsv([{ nama_unit: '=HYPERLINK("x")', selisih: -1.5, catatan: "@SUM(A1)" }, {
    nama_unit: "+62 Dinas",
    selisih: 2,
    catatan: "-",
  }]);
  assert.equal(
    csv,
    `nama_unit,selisih,catatan\n"'=HYPERLINK(""x"")",-1.5,'@SUM(A1)\n'+62 Dinas,2,'-`,
  );
});

const { document } = parseHTML("<!DOCTYPE html><html><body></body></html>");
// Continuous legends draw their colour ramp on a canvas; a stub stands in for it (the ramp's
// pixels are not part of the snapshot, its place and labels are).
const createElement = document.createElement.bind(document);
document.createElement = ((tag: string) => {
  const el = createElement(tag);
  if (tag === "canvas") {
    Object.assign(el, {
      getContext: () => ({ fillStyle: "", fillRect() {} }),
      toDataURL: () => "data:,",
    });
  }
  return el;
}) as typeof document.createElement;

function snapshot(name: string, el: Element) {
  // The chart's own SVG, not the first one (a legend swatch, as dimensi.svg was until issue #21).
  const svg = svgUtama(el)!.outerHTML
    .replace(/plot-[a-f0-9]{6}/g, "plot");
  sesuaiSnapshot(
    new URL(`./snapshots/${name}.svg`, import.meta.url),
    svg + "\n",
    `the chart ${name}`,
  );
}

const SAMPLE = [
  {
    label: "Kota Bontang",
    kualifikasi: 13.2,
    kompetensi: 39.2,
    kinerja: 29.4,
    disiplin: 4.99,
    nilai: 86.79,
  },
  {
    label: "Kab. Tapin",
    kualifikasi: 12.1,
    kompetensi: 30.5,
    kinerja: 24.1,
    disiplin: 4.98,
    nilai: 71.68,
  },
];

Deno.test("chart snapshots: trend, dimensions, gap heat table, tile map", () => {
  snapshot(
    "tren",
    tren([{ periode: "2023", nilai: 66.1 }, { periode: "2024-Q2", nilai: 71.7 }, {
      periode: "2024-Q3",
      nilai: 85.34,
    }], {
      width: 600,
      resmi: [{ periode: "2024-Q3", nilai: 85.34, label: "resmi", url: "https://example.org/x" }],
      target: [{ tahun: 2024, target: 78, label: "target" }],
      batas: batasKategori(PROFILES),
      document,
    }) as Element,
  );
  snapshot(
    "dimensi",
    dimensi(SAMPLE, { width: 600, maks: maksDimensi(BKN_2024), document }) as Element,
  );
  snapshot(
    "garis",
    garis([{ periode: "2022", nilai: 64.2, seri: "metode bkn-2019" }, {
      periode: "2023",
      nilai: 66.1,
      seri: "metode bkn-2024",
    }, { periode: "2024-Q3", nilai: 76.5, seri: "metode bkn-2024" }], {
      width: 600,
      document,
    }) as unknown as Element,
  );
  snapshot(
    "celah",
    petaCelah(SAMPLE, { width: 600, maks: maksDimensi(BKN_2024), document }) as Element,
  );
  const tiles = [
    {
      kode_instansi: "63",
      nama_instansi: "Pemerintah Provinsi Kalimantan Selatan",
      kode_provinsi: "63",
      provinsi: "Kalimantan Selatan",
      nilai: 83.0,
      kategori: "Tinggi",
    },
    {
      kode_instansi: "6301",
      nama_instansi: "Pemerintah Kabupaten Tanah Laut",
      kode_provinsi: "63",
      provinsi: "Kalimantan Selatan",
      nilai: 70.2,
      kategori: "Rendah",
    },
    {
      kode_instansi: "65",
      nama_instansi: "Pemerintah Provinsi Kalimantan Utara",
      kode_provinsi: "65",
      provinsi: "Kalimantan Utara",
      nilai: 81.73,
      kategori: "Tinggi",
    },
  ];
  assert.deepEqual(tataLetak(tiles).map((t) => [t.kode_instansi, t.col, t.row, t.singkat]), [
    ["63", 5, 7, "KS"],
    ["6301", 6, 7, "TL"],
    ["65", 5, 0, "KU"],
  ]);
  snapshot(
    "peta",
    peta(tiles, {
      warna: "kategori",
      kategori: BKN_2024.batas.map((b) => b.nama),
      width: 600,
      document,
    }) as Element,
  );
});

/** Eight variants of one instansi mean; ours is (m1, PNS and PPPK, all ASN) = 70. */
const VARIAN: Varian[] = [
  ["m1", "PNS_PPPK", "semua", 70],
  ["m1", "PNS", "semua", 72],
  ["m1", "PNS_PPPK", "lengkap", 75],
  ["m1", "PNS", "lengkap", 76],
  ["m2", "PNS_PPPK", "semua", 65],
  ["m2", "PNS", "semua", 66],
  ["m2", "PNS_PPPK", "lengkap", 69],
  ["m2", "PNS", "lengkap", 71],
].map(([metode, populasi, data, nilai]) => ({ metode, populasi, data, nilai } as Varian));
const DASAR = { metode: "m1", populasi: "PNS_PPPK", data: "semua" } as const;

Deno.test("reconciliation: Shapley parts by hand, adding up to the gap", () => {
  const r = rekonsiliasi(71.2, VARIAN, DASAR)!;
  assert.deepEqual(r.terdekat, { metode: "m2", populasi: "PNS", data: "lengkap", nilai: 71 });
  // φ_metode = ⅓(65−70) + ⅙(66−72) + ⅙(69−75) + ⅓(71−76) = −16/3, and so on.
  const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);
  near(r.metode, -16 / 3);
  near(r.populasi, 10 / 6);
  near(r.kelengkapan, 14 / 3);
  near(r.sisa, 0.2);
  near(r.hitung + r.metode + r.populasi + r.kelengkapan + r.sisa, r.resmi);
  // A figure nearest our own choice: nothing to attribute, all of the gap is unexplained.
  const own = rekonsiliasi(69.6, VARIAN, DASAR)!;
  assert.deepEqual([own.metode, own.populasi, own.kelengkapan], [0, 0, 0]);
  near(own.sisa, -0.4);
  // Only the population differs: it takes the whole move.
  const pop = rekonsiliasi(72.1, VARIAN, DASAR)!;
  assert.deepEqual([pop.metode, pop.populasi, pop.kelengkapan], [0, 2, 0]);
  assert.equal(rekonsiliasi(70, [], DASAR), null);
});

Deno.test("method comparison: pairs, dimension shifts and the population share, by hand", () => {
  const row = (kode: string, metode: string, n: number, dims: number[]) => ({
    periode: "2024",
    metode,
    kode_instansi: kode,
    nama_instansi: `I${kode}`,
    nilai: n,
    kualifikasi: dims[0],
    kompetensi: dims[1],
    kinerja: dims[2],
    disiplin: dims[3],
  });
  const rows = [
    row("63", "a", 70, [15, 25, 25, 5]),
    row("63", "b", 75, [15, 28, 27, 5]),
    row("64", "a", 80, [20, 30, 25, 5]),
    row("64", "b", 78, [20, 26, 27, 5]),
    row("65", "a", 60, [10, 20, 25, 5]),
  ];
  const varian = [
    {
      periode: "2024",
      metode: "b",
      kode_instansi: "63",
      populasi: "PNS",
      data: "semua",
      nilai: 76,
    },
    {
      periode: "2024",
      metode: "b",
      kode_instansi: "64",
      populasi: "PNS",
      data: "semua",
      nilai: 77,
    },
  ];
  const p = pasangkan(rows, varian, "2024", "a", "b", "PNS");
  assert.deepEqual(
    p.map((x) => [x.kode_instansi, x.selisih, x.kompetensi, x.kinerja, x.aturan, x.populasi]),
    [
      ["63", 5, 3, 2, 6, -1],
      ["64", -2, -4, 2, -3, 1],
    ],
  );
  snapshot("dumbbell", perbandingan(p, { a: "a", b: "b", width: 600, document }) as Element);
  snapshot("geser-dimensi", geserDimensi(p, { width: 600, document }) as Element);
});

Deno.test("chart snapshots: simulator gains and the reconciliation waterfall", () => {
  snapshot(
    "kenaikan",
    kenaikan([
      { label: "SKP yang kosong diisi", kenaikan: 1.9, kenaikan_maks: 3.8 },
      { label: "Masa hukuman disiplin berakhir", kenaikan: 0, kenaikan_maks: 0.02 },
    ], { width: 600, document }) as Element,
  );
  snapshot(
    "air-terjun",
    airTerjun(rekonsiliasi(71.2, VARIAN, DASAR)!, { width: 600, document }) as Element,
  );
});

Deno.test("SQL page: a public Parquet table reaches DuckDB-Wasm as Arrow with its values and types", async () => {
  const rows = [
    { periode: "2024-Q3", kode_instansi: "63", nilai: 81.2345, n_asn: 14130, metode_baku: true },
    { periode: "2024-Q3", kode_instansi: "6474", nilai: null, n_asn: 3, metode_baku: false },
  ];
  const bytes = await parquet(new Hasil(Deno.cwd()), {
    sql: `SELECT * FROM (VALUES ('2024-Q3', '63', 81.2345::DOUBLE, 14130, true),
      ('2024-Q3', '6474', NULL, 3, false)) v(periode, kode_instansi, nilai, n_asn, metode_baku)`,
    kolom: [],
  });
  const table = tableFromIPC(await parquetKeArrow(bytes.buffer as ArrayBuffer));
  assert.deepEqual(table.toArray().map((r) => ({ ...r })), rows);
  assert.deepEqual(table.schema.fields.map((f) => f.type.typeId), [5, 5, 3, 3, 6]); // utf8, float, bool
  assert.deepEqual(barisBiasa([{ a: 3n, b: new Date("2024-09-30"), c: null }], ["a", "b", "c"]), [
    { a: 3, b: "2024-09-30", c: null },
  ]);
  assert.match(
    pesanGalat("Catalog Error: Table with name instansii does not exist!").saran!,
    /Tabel itu tidak ada/,
  );
  assert.equal(pesanGalat("Something else").saran, null);
  const byPeriod = [{ periode: "2024", metode: "a", nilai: 70 }, {
    periode: "2025",
    metode: "a",
    nilai: 72,
  }];
  assert.ok(grafikCepat(byPeriod, ["periode", "metode", "nilai"], { document }));
  assert.ok(grafikCepat([{ nama: "x", nilai: 1 }], ["nama", "nilai"], { document }));
  assert.equal(grafikCepat([{ nama: "x" }], ["nama"], { document }), null);
});

Deno.test("chart downloads frame the chart itself (not a legend swatch) with title, notes and source", () => {
  const chart = dimensi(SAMPLE, { width: 600, maks: maksDimensi(BKN_2024), document }) as Element;
  // Plot puts the swatch legend first: four 15×15 SVGs before the 600-wide chart.
  assert.equal(chart.querySelector("svg")!.getAttribute("width"), "15");
  const main = svgUtama(chart)!;
  assert.equal(main.getAttribute("width"), "600");
  const framed = bingkaiGrafik(chart, {
    judul: "Skor per dimensi",
    subjudul: "2024 Triwulan III",
    sumber: "Sumber: ipasn",
    catatan: "Data contoh sintetis.",
  }, document)!;
  const text = framed.outerHTML;
  assert.equal(framed.getAttribute("width"), "600");
  // Title, subtitle, four legend entries, the chart's 8 bars, the note and the source.
  assert.match(text, />Skor per dimensi</);
  assert.match(text, />2024 Triwulan III</);
  for (const d of DIMENSI) {
    assert.match(text, new RegExp(`<text[^>]*>${d}</text>`));
  }
  assert.equal(framed.querySelectorAll('g[aria-label="bar"] rect').length, 8);
  assert.match(text, />Data contoh sintetis.</);
  assert.match(text, />Sumber: ipasn</);
  // The frame is taller than the chart by its header and footer, and the chart sits below the header.
  const h = Number(framed.getAttribute("height"));
  const y = Number(framed.querySelector("svg")!.getAttribute("y"));
  assert.ok(y > 40 && h > y + Number(main.getAttribute("height")) + 20, `y ${y}, height ${h}`);

  beriNama(chart, "Skor per dimensi", "Dua instansi");
  assert.equal(main.querySelectorAll("g[aria-label]").length, 0);
  assert.equal(main.querySelectorAll('g[data-mark="bar"] rect').length, 8);
  assert.equal(main.getAttribute("aria-label"), "Skor per dimensi");
  assert.equal(main.getAttribute("role"), "img");
  assert.equal(main.querySelector("desc")!.textContent, "Dua instansi");
});

Deno.test("CSV downloads: a source line as a comment, Indonesian headers on request", () => {
  const rows = [{ periode: "2024-Q3", nilai: 81.5 }, { periode: "2024-Q4", nilai: 82 }];
  assert.equal(amanCsv(rows), "periode,nilai\n2024-Q3,81.5\n2024-Q4,82");
  assert.equal(
    amanCsv(rows, {
      sumber: "Sumber: ipasn\nbaris dua",
      label: { periode: "Periode", nilai: "IP ASN" },
    }),
    "# Sumber: ipasn baris dua\nPeriode,IP ASN\n2024-Q3,81.5\n2024-Q4,82",
  );
  // Two columns that would share a label keep the code of the second.
  assert.equal(
    amanCsv([{ a: 1, b: 2 }], { label: () => "Sama" }),
    "Sama,b\n1,2",
  );
});

Deno.test("SQL page: a period written in words gets the stored code as a hint when nothing matched", () => {
  assert.equal(kodePeriode("2025 Triwulan IV"), "2025-Q4");
  assert.equal(kodePeriode("Triwulan IV Tahun 2025"), "2025-Q4");
  assert.equal(kodePeriode("triwulan 2 2024"), "2024-Q2");
  assert.equal(kodePeriode("2024 Q3"), "2024-Q3");
  assert.equal(kodePeriode("2024-III"), "2024-Q3");
  assert.equal(kodePeriode("2025-Q4"), "2025-Q4");
  assert.equal(kodePeriode("Kota Bontang"), null);
  assert.equal(kodePeriode("2024"), null);
  assert.equal(
    saranPeriode("SELECT * FROM instansi WHERE periode = '2025 Triwulan IV'", 0),
    "Periode disimpan sebagai kode seperti '2025-Q4', bukan '2025 Triwulan IV'. Coba periode = '2025-Q4'.",
  );
  // Rows came back, or the literal is already a code, or no literal is a period: no hint.
  assert.equal(saranPeriode("SELECT * FROM instansi WHERE periode = '2025 Triwulan IV'", 3), null);
  assert.equal(saranPeriode("SELECT * FROM instansi WHERE periode = '2025-Q4'", 0), null);
  assert.equal(
    saranPeriode("SELECT * FROM instansi WHERE nama_instansi = 'Kota O''Neil'", 0),
    null,
  );
});

Deno.test("the Indonesian shell: zoom allowed, skip link, labelled search, description and Open Graph", () => {
  // The head and body Framework 1.13 writes (abridged from a built page).
  const built = `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1">
<title>Data | IP ASN Kanreg VIII</title>
</head>
<body>
<input id="observablehq-sidebar-toggle" type="checkbox" title="Toggle sidebar">
<nav id="observablehq-sidebar">
  <ol>
    <label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle"></label>
    <li class="observablehq-link"><a href="./">IP ASN</a></li>
  </ol>
</nav>
<div id="observablehq-search"><input type="search" placeholder="Search"></div>
<main id="observablehq-main" class="observablehq">
<p>Kecil.</p>
<p>Semua tabel publik situs ini dapat diunduh sebagai <strong>CSV</strong> &amp; Parquet.<observablehq-loading></observablehq-loading></p>
</main>
</body>
</html>`;
  const out = localiseHtml(built);
  assert.match(out, /<html lang="id">/);
  assert.match(out, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
  assert.doesNotMatch(out, /maximum-scale|user-scalable/);
  assert.match(
    out,
    /<body>\n<a class="lompat-ke-isi" href="#observablehq-main">Langsung ke isi<\/a>/,
  );
  assert.match(out, /<input type="search" placeholder="Cari" aria-label="Cari di situs ini">/);
  assert.match(out, /title="Buka\/tutup menu"/);
  assert.match(
    out,
    /<\/label>\n {2}<ol>\s*<li class="observablehq-link">/,
    "the close button out of the list",
  );
  const desc = "Semua tabel publik situs ini dapat diunduh sebagai CSV &amp;amp; Parquet.";
  assert.match(out, new RegExp(`<meta name="description" content="${desc}">`));
  assert.match(out, new RegExp(`<meta property="og:description" content="${desc}">`));
  assert.match(out, /<meta property="og:title" content="Data">/);
  assert.match(out, /<meta property="og:site_name" content="IP ASN Kanreg VIII">/);
  assert.equal(localiseHtml(out), out, "applying the shell twice changes nothing");
  // A long first paragraph is cut at a word, with an ellipsis.
  const long = `<main id="observablehq-main"><p>${"kata ".repeat(100)}</p></main>`;
  const r = ringkasanHalaman(long, 50)!;
  assert.ok(r.length <= 50 && r.endsWith("kata…"), r);
});

Deno.test("honest time axes: breaks at a method change, year labels inside their year, stable colours", () => {
  const rows = [
    { periode: "2022", nilai: 64.2, seri: "Kota Bontang", metode: "bkn-2019" },
    { periode: "2023-Q4", nilai: 70.1, seri: "Kota Bontang", metode: "bkn-2024" },
    { periode: "2024-Q1", nilai: 71.5, seri: "Kota Bontang", metode: "bkn-2024" },
    { periode: "2022", nilai: 60, seri: "Kota Tarakan", metode: "bkn-2019" },
    { periode: "2024-Q1", nilai: 66, seri: "Kota Tarakan", metode: "bkn-2024" },
  ];
  const g = garis(rows, { width: 600, document });
  const paths = [...g.querySelectorAll("path")].map((p) => p.getAttribute("d")!);
  // Each series starts a new sub-path after 2022: two "M" per path, no "L" across the change.
  assert.deepEqual(paths.map((d) => d.match(/M/g)!.length), [2, 2]);
  assert.equal(g.querySelectorAll('line[stroke-dasharray="3,3"]').length, 2);
  assert.match(
    g.querySelector("text > title")!.textContent!,
    /Metode berganti: bkn-2019 → bkn-2024/,
  );
  // The axis runs from 1 Jan 2022 to 1 Jan 2025 over x 36..(600 − right margin); "2024" sits
  // under the middle of 2024, and the 2024-Q1 point (31 March) right of 1 January 2024.
  const label = [...g.querySelectorAll("text")].find((t) => t.textContent === "2024")!;
  const lx = Number(label.getAttribute("x"));
  const ticks = [...g.querySelectorAll("line")].filter((l) => l.getAttribute("y2") === "237")
    .map((l) => Number(l.getAttribute("x1")));
  assert.equal(ticks.length, 4); // 1 Jan 2022, 2023, 2024, 2025
  assert.ok(ticks[2] < lx && lx < ticks[3], `${ticks} ${lx}`);
  const q1 = [...g.querySelectorAll("circle")].find((c) =>
    c.querySelector("title")!.textContent === "Kota Bontang: Triwulan I Tahun 2024 71,50"
  )!;
  assert.ok(Number(q1.getAttribute("cx")) > ticks[2]);
  // Hovering 2024-Q1 lists both series.
  const col = [...g.querySelectorAll("rect.garis-kolom title")].at(-1)!.textContent;
  assert.equal(col, "Triwulan I Tahun 2024\nKota Bontang: 71,50\nKota Tarakan: 66,00");
  // A series keeps its colour when another is added (no collision between these names).
  const one = warnaSeri(["Kota Bontang"]), two = warnaSeri(["Kota Bontang", "Kota Tarakan"]);
  assert.equal(one["Kota Bontang"], two["Kota Bontang"]);
  assert.notEqual(two["Kota Bontang"], two["Kota Tarakan"]);
  assert.equal(paths.length, 2);
  assert.equal(g.querySelectorAll("path")[0].getAttribute("stroke"), two["Kota Bontang"]);

  // The Plot chart: two line segments for a series that changes method, and the note in <desc>.
  const p = tren(rows.filter((r) => r.seri === "Kota Bontang"), {
    width: 600,
    seri: (d) => String(d.seri),
    document,
  }) as Element;
  const svg = svgUtama(p)!;
  assert.equal(svg.querySelectorAll('g[data-mark="line"] path').length, 2);
  assert.match(svg.querySelector("desc")!.textContent!, /Metode berganti: bkn-2019 → bkn-2024/);
  assert.ok([...svg.querySelectorAll("text")].some((t) => t.textContent === "Kota Bontang"));
});

Deno.test("a first export: one period is a dot with its value and a caption; no data is a sentence", () => {
  // Plot: one point per series, each a filled dot with its value above it, and the caption.
  const p = tren([
    { periode: "2025-Q2", nilai: 84.64, seri: "Kabupaten Sidoarjo" },
    { periode: "2025-Q2", nilai: 81.5, seri: "Rata-rata Jawa Timur" },
  ], { width: 600, seri: (d) => String(d.seri), document }) as Element;
  const svg = svgUtama(p)!;
  assert.equal(svg.querySelectorAll('g[data-mark="dot"] circle').length, 2);
  const texts = [...svg.querySelectorAll("text")].map((t) => t.textContent);
  assert.ok(texts.includes("84,64") && texts.includes("81,50"), texts.join(" | "));
  assert.equal(p.querySelector("figcaption")?.textContent, satuPeriode("2025-Q2"));
  assert.match(satuPeriode("2025-Q2"), /Triwulan II Tahun 2025.*periode berikutnya/);
  // Two periods: lines, no value labels and no caption; a lone first point after a method change
  // is still a dot.
  const dua = tren([
    { periode: "2024-Q2", nilai: 70, metode: "bkn-2019" },
    { periode: "2025-Q2", nilai: 80, metode: "bkn-2024" },
    { periode: "2025-Q3", nilai: 81, metode: "bkn-2024" },
  ], { width: 600, document }) as Element;
  assert.equal(dua.querySelector("figcaption"), null);
  assert.equal(svgUtama(dua)!.querySelectorAll('g[data-mark="dot"] circle').length, 1);
  assert.ok(![...dua.querySelectorAll("text")].some((t) => t.textContent === "80,00"));
  // Nothing to draw: a sentence, not a frame with Infinity in it.
  const kosong = tren([], { width: 600, document }) as Element;
  assert.equal(kosong.tagName.toLowerCase(), "p");
  assert.match(kosong.textContent!, /Belum ada nilai/);
  // Beranda's light chart: the lone point is a filled dot of radius 5 with its value, inside the
  // frame (the axis reaches 5 beyond the value's band on both sides).
  const g = garis([{ periode: "2025-Q2", nilai: 85, seri: "metode bkn-2024" }], {
    width: 600,
    document,
  });
  assert.equal(g.querySelectorAll('circle[r="5"]').length, 1);
  assert.ok([...g.querySelectorAll("text")].some((t) => t.textContent === "85,00"));
  assert.ok(!g.outerHTML.includes("Infinity") && !g.outerHTML.includes("NaN"));
  const ticks = [...g.querySelectorAll("text")].map((t) => t.textContent);
  assert.ok(ticks.includes("80") && ticks.includes("90"), ticks.join(" "));
  assert.match(garis([], { width: 600, document }).textContent!, /Belum ada nilai/);
});

Deno.test("the hidden-units sentence carries the threshold it is given, and the period", () => {
  assert.equal(
    semuaUnitDisembunyikan(7, "2025-Q2"),
    "Tidak ada unit kerja yang dapat ditampilkan pada Triwulan II Tahun 2025: semua unit kerja di bawah ambang 7 ASN disembunyikan, begitu pula unit tambahan yang perlu disembunyikan agar nilainya tidak bisa dihitung balik dari total instansi.",
  );
  assert.match(
    semuaUnitDisembunyikan(12),
    /^Tidak ada unit kerja yang dapat ditampilkan: .*ambang 12 ASN/,
  );
});

Deno.test("a reported distribution ships only to a site of exactly the instansi it counts", () => {
  const kanreg8 = new Set(["62", "63", "6301", "64", "65"]);
  assert.ok(distribusiBerlaku(new Set(["65", "64", "6301", "63", "62"]), kanreg8));
  assert.ok(!distribusiBerlaku(new Set(["3515"]), kanreg8), "another region's BKD");
  assert.ok(!distribusiBerlaku(new Set(["64", "65"]), kanreg8), "part of the Kanreg");
  assert.ok(!distribusiBerlaku(new Set([...kanreg8, "3515"]), kanreg8), "more than the Kanreg");
});

Deno.test("report cards draw without Plot: reported figures, targets and bands on the trend; dimensions as stacked bars", () => {
  const g = garis([
    { periode: "2023", nilai: 66.1, seri: "Instansi ini", metode: "bkn-2024" },
    { periode: "2024-Q3", nilai: 71.7, seri: "Instansi ini", metode: "bkn-2024" },
  ], {
    width: 600,
    document,
    resmi: [{ periode: "2024-Q3", nilai: 75.5, label: "resmi", url: "https://example.org/x" }],
    target: [{ tahun: 2024, target: 78, label: "target" }],
    batas: [61, 71, 81, 91],
  });
  // The reported figure: a black diamond, a link to its source, named in its title.
  const a = g.querySelector("a")!;
  assert.equal(a.getAttribute("href"), "https://example.org/x");
  assert.equal(a.querySelector("path")!.getAttribute("fill"), "black");
  assert.match(a.querySelector("title")!.textContent!, /resmi 75,50 \(Triwulan III Tahun 2024\)/);
  // The target: a dashed red rule across its year, 1 Jan to 31 Dec 2024.
  const t = g.querySelector('line[stroke="#b3261e"]')!;
  assert.match(t.querySelector("title")!.textContent!, /Target 2024: 78,00/);
  assert.ok(Number(t.getAttribute("x2")) > Number(t.getAttribute("x1")));
  // The scale reaches the target (78), above the computed values: its band bounds inside it show.
  const bounds = [...g.querySelectorAll("line.garis-batas")];
  assert.ok(bounds.length >= 1, "a category bound inside the range is drawn");
  assert.equal(g.querySelectorAll("a").length, 1);

  const rows = [
    { label: "Instansi ini", kualifikasi: 20, kompetensi: 30, kinerja: 25, disiplin: 5 },
    {
      label: "Rata-rata Provinsi Kalimantan Selatan",
      kualifikasi: 10,
      kompetensi: 20,
      kinerja: 15,
      disiplin: 4,
    },
  ];
  const maks = { kualifikasi: 25, kompetensi: 40, kinerja: 30, disiplin: 5 };
  const b = batangDimensi(rows, { width: 600, maks, document });
  const bars = [...b.querySelectorAll("rect")].filter((r) => r.querySelector("title"));
  assert.equal(bars.length, 8, "four stacked parts per row");
  // Widths in proportion to the scores on a 0–100 scale: the first row's parts 20:30:25:5.
  const w = bars.slice(0, 4).map((r) => Number(r.getAttribute("width")));
  assert.ok(Math.abs(w[1] / w[0] - 1.5) < 0.02 && Math.abs(w[2] / w[0] - 1.25) < 0.02, `${w}`);
  assert.match(bars[0].querySelector("title")!.textContent!, /kualifikasi: 20,00 dari 25/);
  for (const d of DIMENSI) assert.ok(b.textContent!.includes(d[0].toUpperCase() + d.slice(1)), d);
  // On a phone a long name is shortened on the axis (its full name stays in the bar's title).
  const phone = batangDimensi(rows, { width: 340, maks, document });
  const labels = [...phone.querySelectorAll('g[data-mark="y-axis tick label"] text')]
    .map((x) => x.textContent);
  assert.equal(labels[1], "Rata-rata Provinsi Kali…");
});

Deno.test("the build puts the site's head, banner and footer into every page, links relative to the page", () => {
  const k = kerangkaSitus({
    cakupan: { kaki: "Indeks Profesionalitas ASN <Kanreg>." },
    sintetis: true,
  });
  const page = (pager: boolean) =>
    `<html><head><title>Rapor | IP ASN</title></head><body><div id="observablehq-center">\n<main id="observablehq-main"><h1>x</h1></main>${
      pager
        ? '\n<footer id="observablehq-footer">\n<nav><a rel="next" href="./tren">Tren</a></nav>\n</footer>'
        : ""
    }\n</div></body></html>`;
  const kartu = pasangKerangka(page(false), "instansi/63.html", k);
  assert.match(kartu, /<title>Rapor \| IP ASN<\/title>\n<link rel="icon" href="data:,">/);
  assert.match(kartu, /<header id="observablehq-header">\n<div class="banner-sintetis"/);
  // No pager on a report card: the footer is added after the content, its link one level up.
  assert.match(kartu, /<\/main>\n<footer id="observablehq-footer">\n<div class="ipasn-kaki">/);
  assert.match(kartu, /href="\.\.\/metodologi"/);
  assert.match(kartu, /Indeks Profesionalitas ASN &#60;Kanreg&#62;\./);
  assert.equal(pasangKerangka(kartu, "instansi/63.html", k), kartu, "applied once");
  // A top page with a pager: the footer text follows the pager, its link from the root.
  const atas = pasangKerangka(page(true), "peringkat.html", k);
  assert.match(
    atas,
    /<\/nav>\n<div class="ipasn-kaki">[^]*href="\.\/metodologi"[^]*<\/div>\n<\/footer>/,
  );
  // Real data: no banner.
  const nyata = kerangkaSitus({ cakupan: { kaki: "x." }, sintetis: false });
  assert.doesNotMatch(pasangKerangka(page(false), "index.html", nyata), /observablehq-header/);
});

Deno.test("a report card's table of contents is written by the build from its h2 headings, in Framework's markup", () => {
  const html = `<body><div id="observablehq-center">
<main id="observablehq-main" class="observablehq">
<div id="ipasn-daftar-isi"></div>
<h1 id="x">Kota</h1><p>a</p>
<h2 id="tren" tabindex="-1"><a class="observablehq-header-anchor" href="#tren">Tren</a></h2>
<h2 id="dimensi" tabindex="-1"><a class="observablehq-header-anchor" href="#dimensi">Dimensi<!--:ab12:--><span>x</span></a></h2>
</main></div></body>`;
  const out = pasangToc(html);
  assert.doesNotMatch(out, /ipasn-daftar-isi/);
  assert.match(
    out,
    /<aside id="observablehq-toc" data-selector="[^"]+">\n<nav>\n<div>Isi halaman<\/div>/,
  );
  assert.match(
    out,
    /<a href="#tren">Tren<\/a><\/li>\n<li class="observablehq-secondary-link"><a href="#dimensi">Dimensix<\/a>/,
  );
  assert.ok(out.indexOf('id="observablehq-toc"') < out.indexOf('<main id="observablehq-main"'));
  assert.equal(pasangToc(out), out, "a page without the marker is left as it is");
});

// Framework's `width` is 0 while a page is not laid out yet (a loaded machine shows it): a chart
// drawn then must not give the browser negative sizes, which it logs as errors.
Deno.test("charts drawn at width 0 give no negative size: they are drawn at the narrowest width", () => {
  const at = (width: number): [string, Element][] => [
    [
      "kenaikan",
      kenaikan([
        { label: "SKP yang kosong diisi", kenaikan: 1.9, kenaikan_maks: 3.8 },
      ], { width, document }) as Element,
    ],
    [
      "air-terjun",
      airTerjun(rekonsiliasi(71.2, VARIAN, DASAR)!, { width, document }) as Element,
    ],
    ["dimensi", dimensi(SAMPLE, { width, maks: maksDimensi(BKN_2024), document }) as Element],
    ["celah", petaCelah(SAMPLE, { width, maks: maksDimensi(BKN_2024), document }) as Element],
    [
      "tren",
      tren([{ periode: "2023", nilai: 66.1 }, { periode: "2024-Q2", nilai: 71.7 }], {
        width,
        document,
      }) as Element,
    ],
  ];
  const charts = at(0);
  for (const [[name, el], [, narrowest]] of charts.map((c, i) => [c, at(320)[i]])) {
    // Plot numbers its clip paths and markers per chart drawn.
    const html = (e: Element) => e.outerHTML.replace(/plot-(clip|marker)-\d+/g, "plot-$1");
    assert.equal(html(el), html(narrowest), name);
    const negative = [...el.querySelectorAll("*")].flatMap((n) =>
      ["width", "height"].filter((a) => Number(n.getAttribute(a)) < 0).map((a) =>
        `${n.tagName} ${a}=${n.getAttribute(a)}`
      )
    );
    assert.deepEqual(negative, [], name);
  }
});
