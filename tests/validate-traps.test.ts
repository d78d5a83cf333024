/**
 * The value-side traps of issue #16 and SIASN values, through the engine's own runPipeline:
 * month-first dates, NIPs that lost their last digits, spreadsheet errors, instansi by name.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { InputError } from "../loaders/errors.ts";
import { runPipeline } from "../loaders/engine/pipeline.ts";
import { HEADERS, nip, pegawaiDefaults, tempDir, toCsv, writePeriod } from "./helpers/fixture.ts";

async function run(raw: string) {
  const out = join(raw, "..", "out");
  const r = await runPipeline({ raw, out, maxQuarantineShare: 1 });
  const q = (await Deno.readTextFile(join(out, "quarantine.csv"))).trim().split("\n").slice(1);
  return { acc: r.accounting["2024-Q3"], q, out };
}

Deno.test("month-first dates are read month-first with a note, never swapped silently", async () => {
  const root = await tempDir();
  const a = nip(901), b = nip(902);
  writePeriod(join(root, "raw"), "2024-Q3", {
    pegawai: [{ nip: a }, { nip: b }],
    // 3/14/2024 can only be month-first; 2/5/2024 is then 5 February, not 2 May.
    diklat: [
      { nip: a, jenis: "TEKNIS", jp: 10, tanggal_mulai: "3/14/2024" },
      { nip: b, jenis: "TEKNIS", jp: 30, tanggal_mulai: "2/5/2024" },
    ],
  });
  const { acc, q } = await run(join(root, "raw"));
  assert.deepEqual(q, []);
  assert.equal(acc.diklat.used, 2);
});

Deno.test("a file mixing day-first and month-first dates quarantines the month-first ones with the hint", async () => {
  const root = await tempDir();
  const a = nip(903);
  writePeriod(join(root, "raw"), "2024-Q3", {
    pegawai: [{ nip: a }],
    diklat: [
      { nip: a, jenis: "TEKNIS", jp: 10, tanggal_mulai: "25/03/2024" },
      { nip: a, jenis: "TEKNIS", jp: 10, tanggal_mulai: "3/14/2024" },
    ],
  });
  const { q } = await run(join(root, "raw"));
  assert.equal(q.length, 1);
  assert.match(q[0], /impossible date ""3\/14\/2024"" \(month first\?/);
});

Deno.test("NIPs ending in 000 are quarantined as lost digits, naming people that may have merged", async () => {
  const root = await tempDir();
  const lost = "198001012005011000";
  writePeriod(join(root, "raw"), "2024-Q3", {
    // nip(904) = 198001012005011904 shares the first 15 digits: one of the merged may be that person.
    pegawai: [{ nip: lost }, { nip: lost }, { nip: nip(904) }],
    diklat: [{ nip: lost, jenis: "TEKNIS", jp: 20, tanggal_mulai: "2024-02-01" }],
  });
  const { q, acc } = await run(join(root, "raw"));
  assert.equal(acc.pegawai.used, 1);
  assert.equal(acc.pegawai.quarantined, 2);
  assert.equal(q.filter((l) => /ends in 000: its last digits were lost/.test(l)).length, 3);
  assert.ok(q.some((l) => /3 rows of pegawai share its first 15 digits/.test(l)));
});

Deno.test("spreadsheet errors are quarantined as such, never read as empty", async () => {
  const root = await tempDir();
  writePeriod(join(root, "raw"), "2024-Q3", {
    pegawai: [{ nip: nip(905), pendidikan: "#N/A" }, { nip: nip(906), jenis_jabatan: "#REF!" }],
    kinerja: [],
  });
  const { q } = await run(join(root, "raw"));
  assert.equal(q.length, 2);
  assert.match(q[0], /pendidikan,spreadsheet_error,"#N\/A","spreadsheet error #N\/A in pendidikan/);
  assert.match(
    q[1],
    /jenis_jabatan,spreadsheet_error,"#REF!","spreadsheet error #REF! in jenis_jabatan/,
  );
});

Deno.test("instansi by name: Kab./Kabupaten spellings resolve, an unknown name is refused clearly", async () => {
  const root = await tempDir();
  const dir = writePeriod(join(root, "raw"), "2024-Q3", { pegawai: [] });
  const header = HEADERS.pegawai.filter((h) => h !== "kode_instansi").concat("instansiKerjaNama");
  const row = (n: number, nama: string) => ({
    ...pegawaiDefaults,
    nip: nip(n),
    instansiKerjaNama: nama,
  });
  Deno.writeTextFileSync(
    join(dir, "pegawai.csv"),
    toCsv(header, [
      row(907, "Pemerintah Kab. Balangan"),
      row(908, "Kabupaten Balangan"),
      row(909, "Pemkab Entah"),
    ]),
  );
  const { q, acc } = await run(join(root, "raw"));
  assert.equal(acc.pegawai.used, 2);
  assert.equal(q.length, 1);
  assert.match(
    q[0],
    /no kode_instansi, and the instansi name ""Pemkab Entah"" is not in the instansi reference/,
  );
  // No row resolves: one message naming the file.
  Deno.writeTextFileSync(join(dir, "pegawai.csv"), toCsv(header, [row(910, "Pemkab Entah")]));
  await assert.rejects(
    runPipeline({ raw: join(root, "raw"), out: join(root, "out2"), maxQuarantineShare: 1 }),
    (e: Error) =>
      e instanceof InputError && /pegawai\.csv: no row has a kode_instansi/.test(e.message),
  );
});

Deno.test("exact duplicates: each collapses into the first of its group, however the groups interleave", async () => {
  const root = await tempDir();
  const [a, b] = [nip(905), nip(906)];
  const row = (n: string, jp: number, tanggal: string) => ({
    nip: n,
    jenis: "TEKNIS",
    jp,
    tanggal_mulai: tanggal,
  });
  writePeriod(join(root, "raw"), "2024-Q3", {
    pegawai: [{ nip: a }, { nip: b }],
    // Lines 2-9: A B A C B A A' C, where A' differs from A in one column only.
    diklat: [
      row(a, 10, "2024-01-10"),
      row(b, 12, "2024-02-10"),
      row(a, 10, "2024-01-10"),
      row(a, 8, "2024-03-10"),
      row(b, 12, "2024-02-10"),
      row(a, 10, "2024-01-10"),
      row(a, 10, "2024-01-11"),
      row(a, 8, "2024-03-10"),
    ],
  });
  const { q, acc } = await run(join(root, "raw"));
  assert.deepEqual(q, []);
  assert.equal(acc.diklat.read, 8);
  assert.equal(acc.diklat.duplicates, 4);
  // Line (= the first line of its group), in file order.
  assert.ok(
    acc.diklat.notes.some((n: string) => n.includes("4 (= 2), 6 (= 3), 7 (= 2), 9 (= 5)")),
    JSON.stringify(acc.diklat.notes),
  );
});
