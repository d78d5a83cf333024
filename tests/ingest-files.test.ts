/**
 * Ingest, round 2: the record count comes from the file's bytes, broken quotes and blank records
 * never lose or invent rows, mixed encodings are decoded per line, a table may be several files,
 * and CSV, XLSX, Parquet and JSON give the same scores for the same data.
 */
import assert from "node:assert/strict";
import ExcelJS from "exceljs";
import { join } from "node:path";
import { Db } from "../loaders/duck.ts";
import { runPipeline } from "../loaders/engine/pipeline.ts";
import { findTables, loadTable, tableOf } from "../loaders/engine/ingest.ts";
import { scanText } from "../loaders/engine/formats/text.ts";
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

const pegawaiLine = (n: number, nama = "Uji") =>
  toCsv(HEADERS.pegawai, [{ ...pegawaiDefaults, nip: nip(n), nama }]).split("\n")[1];

async function run(raw: string) {
  const out = join(raw, "..", "out");
  const r = await runPipeline({ raw, out, maxQuarantineShare: 1 });
  const q = await queryOut<{ tabel: string; file: string; line: string; reason: string }>(
    out,
    "SELECT tabel, file, line, reason FROM read_csv('{out}/quarantine.csv', all_varchar = true) ORDER BY tabel, CAST(line AS INT)",
  );
  return { ...r, q, out, acc: r.accounting[r.periods[0]] };
}

Deno.test("record counter: quoted line breaks are one record, lines count records, and the count matches the file", async () => {
  const dir = await tempDir();
  const file = join(dir, "t.csv");
  // 1 header + 4 records over 6 physical lines (record 3 holds two line breaks inside quotes).
  Deno.writeTextFileSync(file, 'a,b\n1,x\n2,"y\nz\nw"\n3,"say ""hi"""\n4,\n');
  const s = await scanText(file);
  assert.deepEqual([s.records, s.blank, s.rejects.length, s.clean], [4, 0, 0, true]);
  // Line endings switching, CR-only and a sep= line make a file not clean (read through a copy).
  Deno.writeTextFileSync(file, "a,b\r\n1,2\n3,4\n");
  assert.deepEqual([(await scanText(file)).records, (await scanText(file)).clean], [2, false]);
  Deno.writeTextFileSync(file, "a,b\r1,2\r3,4\r");
  assert.deepEqual([(await scanText(file)).records, (await scanText(file)).clean], [2, false]);
  Deno.writeTextFileSync(file, "sep=;\na;b\n1;2\n");
  const sep = await scanText(file);
  assert.deepEqual([sep.records, sep.delim, sep.headerLine], [1, ";", 2]);
});

Deno.test("an unclosed quote on row 392 of 400 quarantines that row; the 8 people after it are scored", async () => {
  const root = await tempDir();
  const dir = writePeriod(`${root}/raw`, "2024-Q3", { pegawai: [] });
  const lines = [HEADERS.pegawai.join(",")];
  for (let i = 1; i <= 400; i++) {
    lines.push(i === 392 ? pegawaiLine(i).replace(",Uji,", ',"Dedi Kurniawan,') : pegawaiLine(i));
  }
  Deno.writeTextFileSync(`${dir}/pegawai.csv`, lines.join("\n") + "\n");
  const r = await run(`${root}/raw`);
  assert.deepEqual(
    [r.acc.pegawai.read, r.acc.pegawai.used, r.acc.pegawai.quarantined],
    [400, 399, 1],
  );
  assert.equal(r.q.length, 1);
  assert.equal(r.q[0].line, "393"); // data row 392 is line 393 (the header is line 1)
  assert.match(r.q[0].file, /pegawai\.csv$/);
  assert.match(r.q[0].reason, /^unclosed quote: the field starting "Dedi Kurniawan,PNS/);
  const [{ n, last }] = await queryOut<{ n: number; last: number }>(
    r.out,
    `SELECT count(DISTINCT nip)::INT AS n, count(*) FILTER (WHERE nip IN ('${nip(393)}', '${
      nip(400)
    }'))::INT AS last FROM '{out}/periode/*/skor_asn.parquet' WHERE metode = 'bkn-2024'`,
  );
  assert.deepEqual([n, last], [399, 2]);
});

Deno.test("a file plain in its first MiB but not after it is read whole: a quoted comma, an unclosed quote, blank records", async () => {
  // DuckDB starts reading a file that looks plain from its first MiB while the records are
  // counted; what the count finds past that MiB sends the file down the full path, as before.
  const rows = 20_000; // 74 bytes a line: row 18,000 lies past the first MiB
  const late = 18_000;
  const cases: [string, (l: string) => string][] = [
    ["quoted comma", (l) => l.replace(",Uji,", ',"Hidayat, S.Pd",')],
    ["unclosed quote", (l) => l.replace(",Uji,", ',"Dedi Kurniawan,')],
    ["blank records", (l) => `${l}\n,,,,,,,,\n`],
  ];
  // 20,000 distinct NIPs: 900 a day of birth.
  const id = (i: number) =>
    nip(1 + i % 900, `198001${String(1 + Math.floor(i / 900)).padStart(2, "0")}`);
  const line = (i: number) =>
    toCsv(HEADERS.pegawai, [{ ...pegawaiDefaults, nip: id(i), nama: "Uji" }]).split("\n")[1];
  for (const [name, edit] of cases) {
    const root = await tempDir();
    const dir = writePeriod(`${root}/raw`, "2024-Q3", { pegawai: [] });
    const lines = [HEADERS.pegawai.join(",")];
    for (let i = 1; i <= rows; i++) lines.push(i === late ? edit(line(i)) : line(i));
    Deno.writeTextFileSync(`${dir}/pegawai.csv`, lines.join("\n") + "\n");
    assert.ok(
      lines.slice(0, late).join("\n").length > 1 << 20,
      "the change lies past the first MiB",
    );
    const r = await run(`${root}/raw`);
    const acc = r.acc.pegawai;
    const [{ n, nama }] = await queryOut<{ n: number; nama: string }>(
      r.out,
      `SELECT count(*)::INT AS n, max(nama) FILTER (WHERE nip = '${id(late)}') AS nama
       FROM '{out}/periode/*/skor_asn.parquet' WHERE metode = 'bkn-2024'`,
    );
    if (name === "quoted comma") {
      assert.deepEqual([acc.read, acc.used, acc.quarantined, n, nama], [
        rows,
        rows,
        0,
        rows,
        "Hidayat, S.Pd",
      ], name);
      assert.deepEqual(acc.notes, [], "read from disk by DuckDB, as a quoted file always was");
    } else if (name === "unclosed quote") {
      assert.deepEqual(
        [acc.read, acc.used, acc.quarantined, n],
        [rows, rows - 1, 1, rows - 1],
        name,
      );
      assert.deepEqual(r.q.map((x) => [x.line, x.reason.slice(0, 14)]), [[
        String(late + 1),
        "unclosed quote",
      ]]);
    } else {
      assert.deepEqual([acc.read, acc.used, acc.quarantined, n], [rows, rows, 0, rows], name);
      assert.deepEqual(acc.notes, ["2 blank records skipped (only delimiters or spaces)"], name);
    }
  }
});

Deno.test("blank records are skipped and counted; the rows after them keep their line numbers", async () => {
  const root = await tempDir();
  const dir = writePeriod(`${root}/raw`, "2024-Q3", { pegawai: [{ nip: nip(1) }] });
  Deno.writeTextFileSync(
    `${dir}/kinerja.csv`,
    [
      "nip,tahun,predikat",
      `${nip(1)},2023,BAIK`, // 2
      ",,", // 3 blank
      "", // 4 blank
      ' ,"", ', // 5 blank (spaces and an empty quoted field)
      `${nip(1)},2024,Luar Biasa`, // 6 bad predikat
      ...Array(48).fill(",,"), // 7-54 blank
    ].join("\n") + "\n",
  );
  const r = await run(`${root}/raw`);
  assert.deepEqual([r.acc.kinerja.read, r.acc.kinerja.used, r.acc.kinerja.quarantined], [2, 1, 1]);
  assert.deepEqual(r.q.map((x) => `${x.tabel}:${x.line}`), ["kinerja:6"]);
  assert.ok(r.acc.kinerja.notes.includes("51 blank records skipped (only delimiters or spaces)"));
});

Deno.test("CSV cells are trimmed, also in a file where the reader rejects a record", async () => {
  for (const broken of [false, true]) {
    const root = await tempDir();
    const dir = writePeriod(`${root}/raw`, "2024-Q3", { pegawai: [] });
    const lines = [
      HEADERS.pegawai.join(","),
      pegawaiLine(1),
      // Spaces around every value: read as the values themselves.
      `  ${nip(2)} , Uji ,  PPPK , 6474 , U1 , Dinas Uji , FUNGSIONAL , Guru ,  D3  `,
      ...(broken ? [pegawaiLine(3) + ",extra"] : []), // one field too many: rejected by the reader
      pegawaiLine(4),
    ];
    Deno.writeTextFileSync(`${dir}/pegawai.csv`, lines.join("\n") + "\n");
    const r = await run(`${root}/raw`);
    assert.deepEqual(
      [r.acc.pegawai.read, r.acc.pegawai.used, r.acc.pegawai.quarantined],
      broken ? [4, 3, 1] : [3, 3, 0],
    );
    if (broken) assert.deepEqual(r.q.map((x) => `${x.tabel}:${x.line}`), ["pegawai:4"]);
    const rows = await queryOut<Row>(
      r.out,
      `SELECT nip, jenis_pegawai, kode_unit, nama_unit, jenis_jabatan, pendidikan FROM '{out}/periode/*/skor_asn.parquet' WHERE metode = 'bkn-2024' AND nip = '${
        nip(2)
      }'`,
    );
    assert.deepEqual(rows, [{
      nip: nip(2),
      jenis_pegawai: "PPPK",
      kode_unit: "U1",
      nama_unit: "Dinas Uji",
      jenis_jabatan: "FUNGSIONAL",
      pendidikan: "D3",
    }]);
  }
});

Deno.test("Parquet: blank records are skipped and counted; a value in a column the contract does not read makes a record not blank", async () => {
  const root = await tempDir();
  const dir = writePeriod(`${root}/raw`, "2024-Q3", { pegawai: [{ nip: nip(1) }] });
  Deno.removeSync(`${dir}/kinerja.csv`);
  const db = await Db.open();
  try {
    // Rows 1-6 of the file: a good SKP, three blank ones (NULLs, spaces, a no-break space and an
    // empty string; the unread column empty too), one with only the unread column filled (read,
    // and quarantined: no NIP), and a bad predikat.
    await db.run(`COPY (SELECT * FROM (VALUES
        (1, '${nip(1)}', '2023', 'BAIK', NULL),
        (2, NULL, NULL, NULL, NULL),
        (3, '  ', '', ' ' || chr(160), ' '),
        (4, '', NULL, ' ', ''),
        (5, NULL, ' ', NULL, 'catatan'),
        (6, '${nip(1)}', '2024', 'Luar Biasa', NULL)
      ) v(i, nip, tahun, predikat, catatan) ORDER BY i) TO '${dir}/kinerja.parquet' (FORMAT parquet)`);
    await db.run(
      `COPY (SELECT * EXCLUDE (i) FROM read_parquet('${dir}/kinerja.parquet')) TO '${dir}/kinerja.parquet' (FORMAT parquet)`,
    );
  } finally {
    db.close();
  }
  const r = await run(`${root}/raw`);
  assert.deepEqual(
    [r.acc.kinerja.read, r.acc.kinerja.used, r.acc.kinerja.quarantined, r.acc.kinerja.blank],
    [3, 1, 2, 3],
  );
  // Records are numbered from 1 in a Parquet file: the blank ones keep their places.
  assert.deepEqual(r.q.map((x) => `${x.tabel}:${x.line}`), ["kinerja:5", "kinerja:6"]);
  assert.match(r.q[0].reason, /nip is empty/);
  assert.ok(r.acc.kinerja.notes.includes("3 blank records skipped (every column empty)"));
});

Deno.test("a UTF-8 file with one Windows-1252 line: only that line is read as Windows-1252", async () => {
  const root = await tempDir();
  const dir = writePeriod(`${root}/raw`, "2024-Q3", { pegawai: [] });
  const enc = new TextEncoder();
  const utf8 = (n: number, unit: string) =>
    enc.encode(
      toCsv(HEADERS.pegawai, [{
        ...pegawaiDefaults,
        nip: nip(n),
        kode_unit: `U${n}`,
        nama_unit: unit,
      }])
        .split("\n")[1] + "\n",
    );
  const cp1252 = Uint8Array.from(
    toCsv(HEADERS.pegawai, [{ ...pegawaiDefaults, nip: nip(2), kode_unit: "U2", nama: "André" }])
      .split("\n")[1] + "\n",
    (c) => (c === "é" ? 0xe9 : c.charCodeAt(0)),
  );
  Deno.writeFileSync(
    `${dir}/pegawai.csv`,
    new Uint8Array([
      ...enc.encode(HEADERS.pegawai.join(",") + "\n"),
      ...utf8(1, "Umum – Bina Marga"),
      ...cp1252,
      ...utf8(3, "Dinas Pekerjaan Umum – Sumber Daya Air"),
    ]),
  );
  const r = await run(`${root}/raw`);
  assert.equal(r.acc.pegawai.used, 3);
  assert.ok(
    r.acc.pegawai.notes.some((n) => n.startsWith("not valid UTF-8 on 1 line (3)")),
    r.acc.pegawai.notes.join("; "),
  );
  const units = await queryOut<{ nama_unit: string }>(
    r.out,
    "SELECT DISTINCT nama_unit FROM read_csv('{out}/unit.csv') ORDER BY nama_unit",
  );
  assert.deepEqual(units.map((u) => u.nama_unit), [
    "Dinas Pekerjaan Umum – Sumber Daya Air",
    "Dinas Uji",
    "Umum – Bina Marga",
  ]);
});

Deno.test("table files: prefixes, SIASN names, folders; each file keeps its name and line numbers", async () => {
  assert.deepEqual(
    [
      "pegawai",
      "Data-Utama",
      "diklat-kursus",
      "diklat_2",
      "rw-kursus",
      "rw-diklat-2024",
      "rw-skp22",
      "rw-skp",
      "rw-hukdis",
      "diklatku",
      "rw-jabatan",
    ].map(tableOf),
    [
      "pegawai",
      "pegawai",
      "diklat",
      "diklat",
      "diklat",
      "diklat",
      "kinerja",
      "kinerja",
      "hukdis",
      null,
      null,
    ],
  );
  const root = await tempDir();
  const dir = writePeriod(`${root}/raw`, "2024-Q3", { pegawai: [{ nip: nip(1) }] });
  Deno.removeSync(`${dir}/diklat.csv`);
  Deno.mkdirSync(`${dir}/diklat`);
  Deno.writeTextFileSync(
    `${dir}/diklat/rw-kursus.csv`,
    toCsv(HEADERS.diklat, [
      { nip: nip(1), jenis: "TEKNIS", jp: 10, tanggal_mulai: "2024-01-02" },
      { nip: nip(1), jenis: "TEKNIS", jp: 20, tanggal_mulai: "2024-02-02" },
    ]),
  );
  Deno.writeTextFileSync(
    `${dir}/diklat/rw-diklat.json`,
    JSON.stringify(
      {
        data: [{
          nip: nip(1),
          jenis: "STRUKTURAL",
          jenjang: "PIM_IV",
          tanggal_mulai: "2015-01-05",
        }],
      },
      null,
      2,
    ),
  );
  Deno.writeTextFileSync(`${dir}/~$pegawai.xlsx`, "lock");
  const tables = await findTables(dir);
  assert.deepEqual(tables.diklat.files.map((f) => f.path.split("/").slice(-2).join("/")), [
    "diklat/rw-diklat.json",
    "diklat/rw-kursus.csv",
  ]);
  assert.match(tables.pegawai.notes[0], /skipped ~\$pegawai\.xlsx: an Excel lock file/);
  const db = await Db.open();
  try {
    await db.run(
      `CREATE TABLE quarantine (tabel VARCHAR, file VARCHAR, line BIGINT, "column" VARCHAR, code VARCHAR, value VARCHAR, reason VARCHAR)`,
    );
    const loaded = await loadTable(db, tables.diklat, root);
    assert.deepEqual(loaded.files.map((f) => [f.file.split("/").pop(), f.read]), [
      ["rw-diklat.json", 1],
      ["rw-kursus.csv", 2],
    ]);
    assert.equal(loaded.read, 3);
    // The JSON record starts on line 3 of the pretty-printed file; CSV lines count from the header.
    assert.deepEqual(
      await db.all("SELECT _file, _line, jenis, jp FROM raw_diklat ORDER BY _file, _line"),
      [
        { _file: 0, _line: 3, jenis: "STRUKTURAL", jp: null },
        { _file: 1, _line: 2, jenis: "TEKNIS", jp: "10" },
        { _file: 1, _line: 3, jenis: "TEKNIS", jp: "20" },
      ],
    );
  } finally {
    db.close();
  }
  // A dangling link is named, not reported as a missing table.
  Deno.symlinkSync(`${dir}/nowhere.csv`, `${dir}/hukdis-2.csv`);
  await assert.rejects(findTables(dir), /hukdis-2\.csv: a link to a file that does not exist/);
});

Deno.test("a table in several files: a NIP (or NIP and year) repeated in a later file is a duplicate, named with its first file", async () => {
  // Lines are counted per file, so the first line of a key is compared as (file, line): person 2's
  // second row is line 2 of the second file, after line 3 of the first.
  const root = await tempDir();
  const dir = writePeriod(`${root}/raw`, "2024-Q3", { pegawai: [] });
  Deno.removeSync(`${dir}/pegawai.csv`);
  Deno.removeSync(`${dir}/kinerja.csv`);
  const pegawai = (ns: number[]) =>
    toCsv(HEADERS.pegawai, ns.map((n) => ({ ...pegawaiDefaults, nip: nip(n) })));
  Deno.writeTextFileSync(`${dir}/pegawai-a.csv`, pegawai([1, 2]));
  Deno.writeTextFileSync(`${dir}/pegawai-b.csv`, pegawai([2, 3]));
  // (Rows equal in every column would be an exact duplicate instead: collapsed, not quarantined.)
  const skp = (rows: [number, number, string][]) =>
    toCsv(HEADERS.kinerja, rows.map(([n, tahun, predikat]) => ({ nip: nip(n), tahun, predikat })));
  Deno.writeTextFileSync(`${dir}/rw-skp-a.csv`, skp([[1, 2023, "BAIK"], [3, 2023, "BAIK"]]));
  // Line 4 of the second file repeats line 2 of the first in every column: collapsed.
  Deno.writeTextFileSync(
    `${dir}/rw-skp-b.csv`,
    skp([[3, 2023, "CUKUP"], [3, 2024, "BAIK"], [1, 2023, "BAIK"]]),
  );
  const out = `${root}/out`;
  await runPipeline({ raw: `${root}/raw`, out, maxQuarantineShare: 1 });
  const acc = JSON.parse(Deno.readTextFileSync(`${out}/accounting.json`))["2024-Q3"];
  assert.deepEqual([acc.pegawai.read, acc.pegawai.used, acc.pegawai.quarantined], [4, 3, 1]);
  assert.deepEqual(
    [acc.kinerja.read, acc.kinerja.used, acc.kinerja.quarantined, acc.kinerja.duplicates],
    [5, 4, 1, 1],
  );
  const q = await queryOut<{ file: string; line: number; reason: string }>(
    out,
    "SELECT file, line, reason FROM read_csv('{out}/quarantine.csv') ORDER BY tabel DESC",
  );
  assert.equal(q.length, 2);
  assert.match(q[0].file, /pegawai-b\.csv$/);
  assert.equal(q[0].line, 2);
  assert.match(q[0].reason, /duplicate NIP .*\(first at line 3 of .*pegawai-a\.csv\)/);
  assert.match(q[1].file, /rw-skp-b\.csv$/);
  assert.equal(q[1].line, 2);
  assert.match(
    q[1].reason,
    /second SKP for NIP .* and year 2023 \(first at line 3 of .*rw-skp-a\.csv\)/,
  );
});

Deno.test("JSON keeps a NIP written as a number digit for digit", async () => {
  const root = await tempDir();
  const dir = writePeriod(`${root}/raw`, "2024-Q3", { pegawai: [] });
  Deno.removeSync(`${dir}/pegawai.csv`);
  Deno.writeTextFileSync(
    `${dir}/pegawai.json`,
    `[{"nip": ${
      nip(7)
    }, "nama": "A", "jenis_pegawai": "PNS", "kode_instansi": 6474, "kode_unit": "U1", "nama_unit": "Dinas", "jenis_jabatan": "PELAKSANA", "pendidikan": "S1"}]`,
  );
  const r = await run(`${root}/raw`);
  assert.equal(r.acc.pegawai.used, 1);
  const [s] = await queryOut<{ nip: string }>(
    r.out,
    "SELECT DISTINCT nip FROM '{out}/periode/*/skor_asn.parquet'",
  );
  assert.equal(s.nip, nip(7));
});

// ---------------------------------------------------------------- format equivalence

const DATA: Record<string, Row[]> = {
  pegawai: [
    { ...pegawaiDefaults, nip: nip(1), jenis_jabatan: "JPT", pendidikan: "S2" },
    { ...pegawaiDefaults, nip: nip(2), nama: "Sri, S.Pd.", pendidikan: "SLTA" },
    { ...pegawaiDefaults, nip: nip(3), jenis_pegawai: "PPPK", pendidikan: "" },
  ],
  diklat: [
    { nip: nip(1), jenis: "STRUKTURAL", jenjang: "PIM_II", tanggal_mulai: "2010-01-01" },
    {
      nip: nip(2),
      jenis: "TEKNIS",
      jp: 30,
      tanggal_mulai: "2024-02-01",
      tanggal_selesai: "2024-02-05",
    },
    { nip: nip(2), jenis: "SEMINAR", jp: 4, tanggal_mulai: "2024-06-01" },
    { nip: nip(3), jenis: "TEKNIS", jp: 12.5, tanggal_mulai: "2024-03-10" },
  ],
  kinerja: [
    { nip: nip(1), tahun: 2024, predikat: "BAIK" },
    { nip: nip(2), tahun: 2023, predikat: "SANGAT_BAIK" },
  ],
  hukdis: [{
    nip: nip(3),
    tingkat: "RINGAN",
    jenis: "Teguran",
    tmt: "2024-01-05",
    akhir: "2024-07-05",
  }],
};

async function writeXlsx(path: string, t: keyof typeof HEADERS): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t);
  ws.addRow(HEADERS[t]);
  for (const r of DATA[t]) {
    ws.addRow(HEADERS[t].map((h) => {
      const v = r[h];
      if (v === undefined || v === null || v === "") return null;
      if (h === "nip") return String(v); // a NIP as text, as it must be in Excel
      if (/^\d{4}-\d{2}-\d{2}$/.test(String(v))) return new Date(`${v}T00:00:00Z`);
      return v;
    }));
  }
  await wb.xlsx.writeFile(path);
}

Deno.test("CSV, XLSX, Parquet and JSON give the same scores for the same data", async () => {
  const root = await tempDir();
  const formats = ["csv", "xlsx", "parquet", "json"] as const;
  const db = await Db.open();
  try {
    for (const f of formats) {
      const dir = writePeriod(`${root}/${f}`, "2024-Q3", {
        pegawai: DATA.pegawai,
        diklat: DATA.diklat,
        kinerja: DATA.kinerja,
        hukdis: DATA.hukdis,
      });
      if (f === "csv") continue;
      for (const t of ["pegawai", "diklat", "kinerja", "hukdis"] as const) {
        const csvPath = `${dir}/${t}.csv`;
        if (f === "xlsx") await writeXlsx(`${dir}/${t}.xlsx`, t);
        else if (f === "parquet") {
          const typed = t === "diklat"
            ? "* REPLACE (CAST(jp AS DOUBLE) AS jp, CAST(tanggal_mulai AS DATE) AS tanggal_mulai, CAST(tanggal_selesai AS DATE) AS tanggal_selesai)"
            : t === "kinerja"
            ? "* REPLACE (CAST(tahun AS INTEGER) AS tahun)"
            : "*";
          await db.run(
            `COPY (SELECT ${typed} FROM read_csv('${csvPath}', all_varchar = true)) TO '${dir}/${t}.parquet' (FORMAT parquet)`,
          );
        } else {
          // One record per line for two tables, an array and the SIASN envelope for the others.
          const rows = DATA[t].map((r) =>
            Object.fromEntries(
              HEADERS[t].filter((h) => r[h] !== undefined).map((h) => [h, r[h]]),
            )
          );
          Deno.writeTextFileSync(
            `${dir}/${t}.json`,
            t === "diklat" || t === "hukdis"
              ? rows.map((r) => JSON.stringify(r)).join("\n") + "\n"
              : JSON.stringify(t === "kinerja" ? { data: rows } : rows, null, 2),
          );
        }
        Deno.removeSync(csvPath);
      }
    }
  } finally {
    db.close();
  }
  const q =
    "SELECT metode, nip, nilai, kualifikasi, kompetensi, kinerja, disiplin FROM '{out}/periode/*/skor_asn.parquet' ORDER BY ALL";
  const results: Record<string, unknown> = {};
  for (const f of formats) {
    const r = await runPipeline({ raw: `${root}/${f}`, out: `${root}/out-${f}` });
    const acc = r.accounting["2024-Q3"];
    assert.deepEqual(
      Object.values(acc).map((a) => [a.read, a.used, a.quarantined]),
      [[3, 3, 0], [4, 4, 0], [2, 2, 0], [1, 1, 0]],
      f,
    );
    results[f] = await queryOut(`${root}/out-${f}`, q);
  }
  const nips = new Set((results.csv as { nip: string }[]).map((r) => r.nip));
  assert.equal(nips.size, 3);
  for (const f of formats) assert.deepEqual(results[f], results.csv, f);
});
