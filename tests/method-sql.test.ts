/**
 * Compiler snapshots, without DuckDB: the SQL compiled from each shipped profile is stored under
 * tests/snapshots/sql/<profile>.sql and compared as text, so a rule change shows as a readable
 * diff in review. UPDATE_SNAPSHOTS=1 rewrites them after an intended change.
 */
import assert from "node:assert/strict";
import { sesuaiSnapshot } from "./helpers/snapshot.ts";
import { loadProfiles, type MethodProfile } from "../loaders/engine/method.ts";
import { parsePeriod } from "../loaders/engine/period.ts";
import {
  categorySql,
  factsSql,
  scoreColumnsSql,
  scorePointsSql,
  scoreSql,
} from "../loaders/engine/score.ts";
import { gainCountSql, gainSql } from "../loaders/engine/gain.ts";

const DIR = new URL("./snapshots/sql/", import.meta.url);

function compiled(p: MethodProfile): string {
  const period = parsePeriod("2024-Q3");
  return [
    `-- ${p.id} ${p.versi}, period ${period.id}: facts, score, category of a value, gains`,
    ...factsSql([p], period).map((s) => s + ";"),
    scoreSql(p, period).trim() + ";",
    categorySql(p, "v") + ";",
    gainSql(p).trim() + ";",
    gainCountSql(p, ["kode_instansi", "kode_unit"]).trim() + ";",
    "",
  ].join("\n\n");
}

const profiles = await loadProfiles("data/methods");

for (const p of profiles) {
  Deno.test(`compiled SQL of ${p.id} matches tests/snapshots/sql/${p.id}.sql`, () => {
    sesuaiSnapshot(new URL(`${p.id}.sql`, DIR), compiled(p), `the compiled SQL of ${p.id}`);
  });
}

Deno.test("without per-person files the scores carry no name or job title, and differ in nothing else", () => {
  // bkn-2019: it has the exemption from diklat fungsional, which reads the job title.
  const p = profiles.find((x) => x.id === "bkn-2019")!;
  const period = parsePeriod("2024-Q3");
  const withNames = scoreColumnsSql(p, period, "t");
  const without = scoreColumnsSql(p, period, "t", { pribadi: false });
  assert.match(without, /CAST\(NULL AS VARCHAR\) AS nama,/);
  assert.match(without, /CAST\(NULL AS VARCHAR\) AS nama_jabatan,/);
  assert.equal(
    without.replace("CAST(NULL AS VARCHAR) AS nama,", "nama,")
      .replace("CAST(NULL AS VARCHAR) AS nama_jabatan,", "nama_jabatan,"),
    withNames,
  );
  // What is stored holds them only with per-person files; the exemption from diklat fungsional
  // still reads the job title, as a fact of fakta_asn (factsSql) that the points read.
  const stored = (pribadi: boolean) => {
    const sql = scorePointsSql(p, period, { pribadi });
    return { sql, last: sql.slice(sql.lastIndexOf("SELECT")) };
  };
  assert.doesNotMatch(stored(false).last, /\bnama\b|nama_jabatan/);
  assert.match(stored(true).last, /\bnama, .*nama_jabatan, /s);
  const exempt = /p\."(dikecualikan__fungsional#[0-9a-f]{8})" AS "dikecualikan__fungsional"/
    .exec(stored(false).sql)![1];
  assert.match(
    factsSql([p], period).join("\n"),
    new RegExp(`regexp_matches\\(lower\\(p\\.nama_jabatan\\).* AS "${exempt}"`),
  );
  assert.equal(
    stored(false).sql,
    stored(true).sql.replace("nama, ", "").replace("nama_jabatan, ", ""),
  );
});

Deno.test("no profile value reaches the SQL as raw quoted text: a quote in a label is escaped", () => {
  const base = profiles.find((p) => p.id === "bkn-2019")!;
  const evil: MethodProfile = {
    ...base,
    id: "x",
    kategori: {
      ...base.kategori,
      batas: base.kategori.batas.map((b, i) => i ? b : { ...b, nama: "Sangat' Tinggi" }),
    },
  };
  assert.match(categorySql(evil, "v"), /'Sangat'' Tinggi'/);
});

Deno.test("category rules: rounded minimum vs strictly above the edge, on the unrounded value", () => {
  const base = profiles.find((p) => p.id === "bkn-2024")!;
  assert.match(categorySql(base, "v"), /WHEN round\(v, 2\) >= 61 THEN 'Rendah'/);
  const other: MethodProfile = {
    ...base,
    kategori: {
      ...base.kategori,
      aturan: "lebih_dari",
      batas: base.kategori.batas.map((b) => ({ ...b, lebih_dari: b.min - 1 })),
    },
  };
  const sql = categorySql(other, "v");
  assert.match(sql, /WHEN v > 60 THEN 'Rendah'/);
  assert.doesNotMatch(sql, /round/);
});

Deno.test("profiles whose rule is the same read one fact; a variant's changed rule reads its own", () => {
  const period = parsePeriod("2024-Q3");
  const base = profiles.find((p) => p.id === "bkn-2019")!;
  const variant = profiles.find((p) => p.id === "bkn-2019-seminar-2thn")!;
  const facts = factsSql([base, variant], period).join("\n");
  const columns = (name: string) => facts.match(new RegExp(`AS "${name}#[0-9a-f]{8}"`, "g")) ?? [];
  // The variant changes the seminar's window and nothing else.
  assert.equal(columns("level__kepemimpinan").length, 1);
  assert.equal(columns("ada__fungsional").length, 1);
  assert.equal(columns("predikat").length, 1);
  assert.equal(columns("ada__seminar").length, 2);
  // The exemption's job-title search, a fact of the pegawai row, is computed once for both.
  assert.equal(columns("dikecualikan__fungsional").length, 1);
  assert.equal(facts.match(/regexp_matches/g)?.length, 1);
  const seminar = (p: MethodProfile) =>
    /p\."(ada__seminar#[0-9a-f]{8})" AS "ada__seminar"/.exec(scorePointsSql(p, period))![1];
  assert.notEqual(seminar(base), seminar(variant));
  for (const p of [base, variant]) assert.ok(facts.includes(`AS "${seminar(p)}"`));
});
