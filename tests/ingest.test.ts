/** Ingest: formats, encodings, delimiters, aliases, line numbers, quarantine reasons and fatal errors. */
import assert from "node:assert/strict";
import ExcelJS from "exceljs";
import { Db } from "../loaders/duck.ts";
import { InputError } from "../loaders/errors.ts";
import { runPipeline } from "../loaders/engine/pipeline.ts";
import {
  HEADERS,
  nip,
  pegawaiDefaults,
  queryOut,
  type Row,
  tempDir,
  toCsv,
  writePeriod,
} from "./helpers/fixture.ts";

async function run(raw: string) {
  const out = `${raw}/../out`;
  const r = await runPipeline({ raw, out, maxQuarantineShare: 1 });
  const q = await queryOut<{ tabel: string; line: number; column: string; reason: string }>(
    out,
    "SELECT tabel, line, \"column\", reason FROM read_csv('{out}/quarantine.csv', all_varchar = true) ORDER BY tabel, CAST(line AS INT)",
  );
  return {
    ...r,
    q: q.map((x) => ({ ...x, line: Number(x.line) })),
    out,
    acc: r.accounting[r.periods[0]],
  };
}

function assertAccounting(
  acc: Record<string, { read: number; used: number; quarantined: number }>,
) {
  for (const [t, a] of Object.entries(acc)) {
    assert.equal(a.read, a.used + a.quarantined, `accounting of ${t}`);
  }
}

Deno.test("semicolon CSV with BOM, odd header spellings and code aliases", async () => {
  const root = await tempDir();
  const dir = writePeriod(`${root}/raw`, "2024-Q3", { pegawai: [] });
  const header = [
    "NIP Baru",
    "Nama-Lengkap",
    "STATUS PEGAWAI",
    "kd instansi",
    "Kode Unor",
    "Unit Kerja",
    "Jenis Jabatan",
    "Jabatan",
    "Pendidikan Terakhir",
    "Kolom Lain",
  ];
  const rows = [
    [nip(1), "A", "pns", "6474", "U1", "Dinas A", "Pelaksana/JFU", "Staf", "SLTA/Sederajat", "x"],
    [nip(2), "B", "P3K", "6474", "U1", "Dinas A", "Jabatan Fungsional", "Guru", "Strata 1", "y"],
  ];
  Deno.writeTextFileSync(
    `${dir}/pegawai.csv`,
    "\uFEFF" + [header, ...rows].map((r) => r.join(";")).join("\r\n") + "\r\n",
  );
  const r = await run(`${root}/raw`);
  assert.deepEqual(r.q, []);
  assert.equal(r.acc.pegawai.used, 2);
  assert.ok(r.acc.pegawai.notes.some((n: string) => n.includes(";")));
  assert.ok(r.acc.pegawai.notes.some((n: string) => n.includes("Kolom Lain")));
  const s = await queryOut<{ jenis_pegawai: string; jenis_jabatan: string; pendidikan: string }>(
    r.out,
    "SELECT jenis_pegawai, jenis_jabatan, pendidikan FROM '{out}/periode/*/skor_asn.parquet' WHERE metode = 'bkn-2024' ORDER BY nip",
  );
  assert.deepEqual(s, [{ jenis_pegawai: "PNS", jenis_jabatan: "PELAKSANA", pendidikan: "SLTA" }, {
    jenis_pegawai: "PPPK",
    jenis_jabatan: "FUNGSIONAL",
    pendidikan: "S1",
  }]);
});

Deno.test("Windows-1252 and UTF-16 files are converted, and say so", async () => {
  for (
    const [label, encode] of [
      [
        "Windows-1252",
        (s: string) => Uint8Array.from(s, (ch) => (ch === "é" ? 0xe9 : ch.charCodeAt(0))),
      ],
      ["UTF-16LE", (s: string) =>
        new Uint8Array([
          0xff,
          0xfe,
          ...Array.from(s).flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8]),
        ])],
    ] as const
  ) {
    const root = await tempDir();
    const dir = writePeriod(`${root}/raw`, "2024", { pegawai: [] });
    const text = toCsv(HEADERS.pegawai, [{
      ...pegawaiDefaults,
      nip: nip(1),
      nama_unit: "Dinas Pendidikan dan Kebudayaan (é)",
    }]);
    Deno.writeFileSync(`${dir}/pegawai.csv`, encode(text));
    const r = await run(`${root}/raw`);
    assert.equal(r.acc.pegawai.used, 1, label);
    assert.ok(r.acc.pegawai.notes.some((n: string) => /Windows-1252|UTF-16LE/.test(n)), label);
    const [u] = await queryOut<{ nama_unit: string }>(
      r.out,
      "SELECT nama_unit FROM read_csv('{out}/unit.csv')",
    );
    assert.equal(u.nama_unit, "Dinas Pendidikan dan Kebudayaan (é)", label);
  }
});

Deno.test("ragged rows and bad values are quarantined with their line numbers; good rows keep theirs", async () => {
  const root = await tempDir();
  const dir = writePeriod(`${root}/raw`, "2024-Q3", { pegawai: [] });
  const ok = (n: number, extra: Partial<Row> = {}) =>
    toCsv(HEADERS.pegawai, [{ ...pegawaiDefaults, nip: nip(n), ...extra }]).split("\n")[1];
  const lines = [
    HEADERS.pegawai.join(","),
    ok(1), // line 2
    "1,2,3", // line 3: too few fields
    ok(2), // line 4
    ok(3) + ",extra", // line 5: too many fields
    ok(4, { nip: "19800101200501100X" }), // line 6: letter in NIP
    ok(5, { jenis_jabatan: "Astronaut" }), // line 7
    ok(1), // line 8: duplicate of line 2
    ok(6, { nip: "198013012005011006" }), // line 9: month 13 in birth date
    ok(7, { nip: "198001012005013007" }), // line 10: sex digit 3
    // A malformed code (a well-formed one the reference lacks is kept under its code, #18).
    ok(8, { kode_instansi: "99X9" }), // line 11
    ok(9, { pendidikan: "S-4" }), // line 12
    ok(10, { jenis_pegawai: "PPPK", nip: "123456789012345678" }), // line 13: PPPK: only 18 digits are checked
  ];
  Deno.writeTextFileSync(`${dir}/pegawai.csv`, lines.join("\n") + "\n");
  Deno.writeTextFileSync(
    `${dir}/diklat.csv`,
    toCsv(HEADERS.diklat, [
      { nip: nip(2), jenis: "TEKNIS", jp: "-3", tanggal_mulai: "2024-01-01" }, // 2 negative JP
      { nip: nip(2), jenis: "TEKNIS", jp: "dua", tanggal_mulai: "2024-01-01" }, // 3 non-numeric
      { nip: nip(2), jenis: "TEKNIS", tanggal_mulai: "2024-01-01" }, // 4 no JP: a data gap, used
      { nip: nip(2), jenis: "STRUKTURAL", tanggal_mulai: "2020-01-01" }, // 5 no jenjang: a data gap
      { nip: nip(2), jenis: "SEMINAR", tanggal_mulai: "2024-02-30" }, // 6 impossible date
      { nip: nip(2), jenis: "SEMINAR", tanggal_mulai: "2024-05-01", tanggal_selesai: "2024-04-01" }, // 7 end before start
      { nip: nip(2), jenis: "SEMINAR", tanggal_mulai: "2031-01-01" }, // 8 future
      { nip: nip(99), jenis: "SEMINAR", tanggal_mulai: "2024-01-01" }, // 9 unknown NIP
      { nip: nip(2), jenis: "TEKNIS", jp: "20,5", tanggal_mulai: "05/03/2024" }, // 10 fine: comma decimal, DD/MM/YYYY
      { nip: nip(2), jenis: "Kursus", tanggal_mulai: "15-03-2024" }, // 11 fine
    ]),
  );
  Deno.writeTextFileSync(
    `${dir}/kinerja.csv`,
    toCsv(HEADERS.kinerja, [
      { nip: nip(2), tahun: 2024, predikat: "Baik" },
      { nip: nip(2), tahun: 2024, predikat: "Sangat Baik" }, // 3 second SKP for the year
      { nip: nip(2), tahun: "24", predikat: "Baik" }, // 4 year
      { nip: nip(2), tahun: 2023, predikat: "Luar Biasa" }, // 5 unknown predikat
    ]),
  );
  Deno.writeTextFileSync(
    `${dir}/hukdis.csv`,
    toCsv(HEADERS.hukdis, [
      { nip: nip(2), tingkat: "Berat", tmt: "2024-05-01", akhir: "2024-04-01" }, // 2 akhir before tmt
      { nip: nip(2), tingkat: "Sangat Berat", tmt: "2024-05-01" }, // 3 unknown
    ]),
  );
  const r = await run(`${root}/raw`);
  assertAccounting(r.acc);
  const got = r.q.map((x) => `${x.tabel}:${x.line}:${x.column ?? ""}:${x.reason}`);
  const expect: [string, number, string, RegExp][] = [
    ["diklat", 2, "jp", /negative jp/],
    ["diklat", 3, "jp", /not a number/],
    ["diklat", 6, "tanggal_mulai", /impossible date "2024-02-30"/],
    ["diklat", 7, "tanggal_selesai", /before tanggal_mulai/],
    ["diklat", 8, "tanggal_mulai", /in the future/],
    ["diklat", 9, "nip", /not in pegawai/],
    ["hukdis", 2, "akhir", /before tmt/],
    ["hukdis", 3, "tingkat", /unknown tingkat "Sangat Berat"/],
    ["kinerja", 3, "tahun", /second SKP .*first at line 2/],
    ["kinerja", 4, "tahun", /must be a year/],
    ["kinerja", 5, "predikat", /unknown predikat/],
    ["pegawai", 3, "", /fewer fields/],
    ["pegawai", 5, "", /more fields/],
    ["pegawai", 6, "nip", /18 digits/],
    ["pegawai", 7, "jenis_jabatan", /unknown jenis_jabatan "Astronaut"/],
    ["pegawai", 8, "nip", /duplicate NIP .*first at line 2/],
    ["pegawai", 9, "nip", /birth date/],
    ["pegawai", 10, "nip", /digit 15/],
    ["pegawai", 11, "kode_instansi", /not in the instansi reference/],
    ["pegawai", 12, "pendidikan", /unknown pendidikan "S-4"/],
  ];
  assert.equal(got.length, expect.length, got.join("\n"));
  expect.forEach(([t, line, col, re], i) => {
    assert.ok(
      got[i].startsWith(`${t}:${line}:${col}:`) && re.test(got[i]),
      `expected ${t}:${line}:${col}:${re}, got ${got[i]}`,
    );
  });
  assert.deepEqual([r.acc.pegawai.used, r.acc.diklat.used, r.acc.kinerja.used, r.acc.hukdis.used], [
    3,
    4,
    1,
    0,
  ]);
  // The rows without JP (the TEKNIS and the leadership one) and without jenjang are used, and
  // counted as data gaps.
  assert.equal(r.acc.diklat.gaps.jp, 3);
  assert.equal(r.acc.diklat.gaps.jenjang, 1);
});

Deno.test("a clean CSV is read trimmed, with its lines numbered from the header, alone or beside another file", async () => {
  const root = await tempDir();
  const dir = writePeriod(`${root}/raw`, "2024-Q3", {
    pegawai: [
      { nip: nip(1), pendidikan: "  S2 ", kode_unit: " U1" },
      { nip: nip(2), jenis_jabatan: "\u00a0Astronaut " }, // line 3: no-break spaces trimmed too
    ],
    diklat: [
      { nip: ` ${nip(1)} `, jenis: " TEKNIS ", jp: " 24 ", tanggal_mulai: " 2024-01-02 " },
      { nip: nip(1), jenis: "TEKNIS", jp: " -3 ", tanggal_mulai: "2024-01-03" }, // line 3
    ],
  });
  // The same trainings as two files of one table: each read trimmed, then copied.
  const two = writePeriod(`${root}/raw2`, "2024-Q3", { pegawai: [] });
  Deno.copyFileSync(`${dir}/pegawai.csv`, `${two}/pegawai.csv`);
  Deno.removeSync(`${two}/diklat.csv`);
  Deno.mkdirSync(`${two}/diklat`);
  Deno.copyFileSync(`${dir}/diklat.csv`, `${two}/diklat/a.csv`);
  Deno.writeTextFileSync(
    `${two}/diklat/b.csv`,
    toCsv(HEADERS.diklat, [{ nip: nip(1), jenis: " SEMINAR ", tanggal_mulai: "2024-02-01 " }]),
  );
  for (const raw of [`${root}/raw`, `${root}/raw2`]) {
    const r = await run(raw);
    assertAccounting(r.acc);
    assert.deepEqual(r.q.map((x) => `${x.tabel}:${x.line}:${x.column}`), [
      "diklat:3:jp",
      "pegawai:3:jenis_jabatan",
    ], raw);
    assert.match(r.q[1].reason, /unknown jenis_jabatan "Astronaut"/);
    const [s] = await queryOut<{ pendidikan: string; kode_unit: string; jp_jendela: number }>(
      r.out,
      `SELECT pendidikan, kode_unit, jp_jendela FROM '{out}/periode/*/skor_asn.parquet' WHERE metode = 'bkn-2019' AND nip = '${
        nip(1)
      }'`,
    );
    assert.deepEqual({ ...s, jp_jendela: Number(s.jp_jendela) }, {
      pendidikan: "S2",
      kode_unit: "U1",
      jp_jendela: 24,
    }, raw);
  }
});

Deno.test("a bad row does not make the good row after it a duplicate", async () => {
  const root = await tempDir();
  const dir = writePeriod(`${root}/raw`, "2024-Q3", {
    pegawai: [
      { nip: nip(1), jenis_jabatan: "Astronaut" }, // line 2: bad, and the same NIP as line 3
      { nip: nip(1) }, // line 3: the ASN's only valid row
      { nip: nip(2) }, // line 4
      { nip: nip(2) }, // line 5: a real duplicate of line 4
    ],
  });
  Deno.writeTextFileSync(
    `${dir}/kinerja.csv`,
    toCsv(HEADERS.kinerja, [
      { nip: nip(1), tahun: 2024, predikat: "Luar Biasa" }, // line 2: bad
      { nip: nip(1), tahun: 2024, predikat: "Baik" }, // line 3: the year's only valid SKP
    ]),
  );
  const r = await run(`${root}/raw`);
  assertAccounting(r.acc);
  assert.deepEqual(r.q.map((x) => `${x.tabel}:${x.line}:${x.column}`), [
    "kinerja:2:predikat",
    "pegawai:2:jenis_jabatan",
    "pegawai:5:nip",
  ]);
  assert.match(r.q[2].reason, /duplicate NIP .*first at line 4/);
  assert.deepEqual([r.acc.pegawai.used, r.acc.kinerja.used], [2, 1]);
});

Deno.test("XLSX: first sheet, Excel dates and serial numbers, numeric NIPs quarantined", async () => {
  const root = await tempDir();
  const dir = writePeriod(`${root}/raw`, "2024-Q3", {
    pegawai: [{ nip: nip(1) }, { nip: nip(2) }],
  });
  Deno.removeSync(`${dir}/diklat.csv`);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Riwayat");
  ws.addRow(["NIP", "Jenis Diklat", "Jenjang", "Nama Diklat", "JP", "Tgl Mulai", "Tgl Selesai"]);
  ws.addRow([nip(1), "Diklat Teknis", null, "Bimtek", 24, new Date(Date.UTC(2024, 2, 4)), 45357]); // 45357 = 2024-03-06
  ws.addRow([]);
  ws.addRow([198001012005011002, "Seminar", null, "X", null, "2024-04-01", null]); // NIP typed as a number
  wb.addWorksheet("Catatan").addRow(["ignored"]);
  await wb.xlsx.writeFile(`${dir}/diklat.xlsx`);
  const r = await run(`${root}/raw`);
  assertAccounting(r.acc);
  assert.equal(r.acc.diklat.read, 2);
  assert.equal(r.q.length, 1);
  assert.equal(r.q[0].line, 4);
  assert.match(r.q[0].reason, /stored as a number in Excel/);
  assert.ok(r.acc.diklat.notes.some((n: string) => /first of 2 sheets/.test(n)));
  const [s] = await queryOut<{ jp_jendela: number; kompetensi: number }>(
    r.out,
    `SELECT jp_jendela, kompetensi FROM '{out}/periode/*/skor_asn.parquet' WHERE metode = 'bkn-2019' AND nip = '${
      nip(1)
    }'`,
  );
  assert.deepEqual(s, { jp_jendela: 24, kompetensi: 22.5 });
});

Deno.test("Parquet input with typed columns gives the same scores as CSV", async () => {
  const root = await tempDir();
  const data = {
    pegawai: [{ nip: nip(1), jenis_jabatan: "JPT" }, { nip: nip(2) }],
    diklat: [{ nip: nip(1), jenis: "STRUKTURAL", jenjang: "PIM_II", tanggal_mulai: "2010-01-01" }, {
      nip: nip(2),
      jenis: "TEKNIS",
      jp: 30,
      tanggal_mulai: "2024-02-01",
    }],
    kinerja: [{ nip: nip(1), tahun: 2024, predikat: "BAIK" }],
  };
  writePeriod(`${root}/csv`, "2024-Q3", data);
  const dir = writePeriod(`${root}/pq`, "2024-Q3", data);
  const db = await Db.open();
  for (const t of ["pegawai", "diklat", "kinerja", "hukdis"]) {
    const typed = t === "diklat"
      ? "* REPLACE (CAST(jp AS DOUBLE) AS jp, CAST(tanggal_mulai AS DATE) AS tanggal_mulai)"
      : t === "kinerja"
      ? "* REPLACE (CAST(tahun AS INTEGER) AS tahun)"
      : "*";
    await db.run(
      `COPY (SELECT ${typed} FROM read_csv('${dir}/${t}.csv', all_varchar = true)) TO '${dir}/${t}.parquet' (FORMAT parquet)`,
    );
    Deno.removeSync(`${dir}/${t}.csv`);
  }
  db.close();
  const a = await runPipeline({ raw: `${root}/csv`, out: `${root}/out-csv` });
  const b = await runPipeline({ raw: `${root}/pq`, out: `${root}/out-pq` });
  assert.deepEqual(a.accounting["2024-Q3"].pegawai.used, b.accounting["2024-Q3"].pegawai.used);
  const q =
    "SELECT metode, nip, nilai, kompetensi FROM '{out}/periode/*/skor_asn.parquet' ORDER BY ALL";
  assert.deepEqual(await queryOut(`${root}/out-csv`, q), await queryOut(`${root}/out-pq`, q));
});

Deno.test("fatal input errors name the file, the problem and the fix", async () => {
  const cases: [string, (dir: string) => void, RegExp][] = [
    [
      "missing column",
      (d) => Deno.writeTextFileSync(`${d}/pegawai.csv`, "nip,nama,kode_instansi\n1,2,3\n"),
      /pegawai\.csv: missing required columns jenis_pegawai, kode_unit.*\n {2}Fix: add/,
    ],
    [
      "duplicated column",
      (d) => Deno.writeTextFileSync(`${d}/kinerja.csv`, "nip,tahun,predikat,predikat_skp\n"),
      /kinerja\.csv: columns "predikat" and "predikat_skp" both mean "predikat"/,
    ],
    [
      "unknown table",
      (d) => Deno.writeTextFileSync(`${d}/karyawan.csv`, "a\n"),
      /karyawan\.csv: "karyawan" is not a table name.*rename the file to one of pegawai\.csv/s,
    ],
    [
      "two files for a table",
      (d) => Deno.writeTextFileSync(`${d}/hukdis.xlsx`, ""),
      /a second file for table "hukdis"/,
    ],
    ["missing table", (d) => Deno.removeSync(`${d}/kinerja.csv`), /missing table kinerja/],
    [
      "empty file",
      (d) => Deno.writeTextFileSync(`${d}/hukdis.csv`, ""),
      /hukdis\.csv: the file is empty/,
    ],
    [
      "unsupported type",
      (d) => Deno.writeTextFileSync(`${d}/pegawai.xls`, ""),
      /unsupported file type "\.xls"/,
    ],
    [
      "broken xlsx",
      (
        d,
      ) => (Deno.removeSync(`${d}/diklat.csv`),
        Deno.writeTextFileSync(`${d}/diklat.xlsx`, "not a zip")),
      /diklat\.xlsx: cannot read the workbook/,
    ],
  ];
  for (const [label, breakIt, re] of cases) {
    const root = await tempDir();
    const dir = writePeriod(`${root}/raw`, "2024-Q3", { pegawai: [{ nip: nip(1) }] });
    breakIt(dir);
    await assert.rejects(runPipeline({ raw: `${root}/raw`, out: `${root}/out` }), (e: Error) => {
      assert.ok(e instanceof InputError, `${label}: ${e}`);
      assert.match(e.message, re, label);
      assert.match(e.message, /Fix: /, label);
      return true;
    });
  }
});
