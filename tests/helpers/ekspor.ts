/**
 * Tiny raw exports of whole scopes (a BKD, a province, the country) for the site-build tests
 * (tests/scope-build.test.ts, tests/site-kecil.test.ts): a few hundred ASN or fewer, the same on
 * every run, with the national reference's rows for the instansi they hold.
 */
import { csvFormat, csvParse } from "d3";
import { join } from "node:path";
import { nip, type Row, writePeriod } from "./fixture.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

/** A small deterministic generator (mulberry32): the fixture is the same on every run. */
export function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface UnitSpec {
  kode_instansi: string;
  kode_unit: string;
  nama_unit: string;
  n: number;
  /** 0..1: how complete and good the unit's records are (spreads the scores apart). */
  mutu: number;
}

const PENDIDIKAN = ["S3", "S2", "S1", "D4", "D3", "SLTA", "SLTP"];
const JABATAN = ["PELAKSANA", "FUNGSIONAL", "PENGAWAS", "ADMINISTRATOR", "JPT"];
const PREDIKAT = ["SANGAT_BAIK", "BAIK", "CUKUP", "BUTUH_PERBAIKAN"];

/** Two periods a year apart, as most tests use. */
export const DUA_PERIODE = ["2024-Q4", "2025-Q4"];

/**
 * The given periods of the same people (a tenth leave after the first) for the given units. NIPs
 * are numbered from `start` so two fixtures never share one. Returns the number of people.
 */
export function writeExport(
  raw: string,
  units: UnitSpec[],
  seed: number,
  start: number,
  periods: string[] = DUA_PERIODE,
): number {
  const r = rng(seed);
  const pick = <T>(xs: T[], bias: number) =>
    xs[Math.min(xs.length - 1, Math.floor((1 - bias) * r() * xs.length))];
  const people: { p: Row; mutu: number }[] = [];
  let n = start;
  for (const u of units) {
    for (let i = 0; i < u.n; i++) {
      n++;
      const year = 1965 + (n % 30);
      const month = String(1 + (n % 12)).padStart(2, "0");
      people.push({
        mutu: u.mutu,
        p: {
          nip: nip(n % 1000, `${year}${month}15`, `${2000 + (n % 20)}01`, String(1 + (n % 2))),
          nama: `Pegawai Uji`,
          kode_instansi: u.kode_instansi,
          kode_unit: u.kode_unit,
          nama_unit: u.nama_unit,
          jenis_jabatan: pick(JABATAN, 0.3),
          nama_jabatan: "Analis",
          pendidikan: pick(PENDIDIKAN, u.mutu),
        },
      });
    }
  }
  periods.forEach((periode, pi) => {
    const tahun = Number(periode.slice(0, 4));
    const here = people.filter((_, i) => pi === 0 || i % 10 !== 3);
    const diklat: Row[] = [];
    const kinerja: Row[] = [];
    for (const { p, mutu } of here) {
      if (r() < mutu + 0.1 * pi) {
        diklat.push({
          nip: p.nip,
          jenis: "TEKNIS",
          nama: "Pelatihan teknis",
          jp: Math.round(10 + 30 * r() * mutu),
          tanggal_mulai: `${tahun}-03-0${1 + Math.floor(r() * 8)}`,
        });
      }
      kinerja.push({ nip: p.nip, tahun: tahun - 1, predikat: pick(PREDIKAT, mutu) });
    }
    writePeriod(raw, periode, { pegawai: here.map((h) => h.p), diklat, kinerja });
  });
  return people.length;
}

/**
 * `raw`/wilayah.csv: the rows of data/reference/wilayah-nasional.csv for the given instansi codes
 * (every row when none are given), in the columns the engine reads. Every command reads a
 * wilayah.csv beside the period folders before its built-in reference: until the national
 * reference is the engine's default, this is what names a regency outside Kalimantan.
 */
export function writeWilayah(raw: string, kode?: string[]): void {
  const rows = csvParse(
    Deno.readTextFileSync(join(ROOT, "data/reference/wilayah-nasional.csv")),
  ).filter((r) => !kode || kode.includes(r.kode_instansi!));
  Deno.mkdirSync(raw, { recursive: true });
  Deno.writeTextFileSync(
    join(raw, "wilayah.csv"),
    csvFormat(rows, ["kode_instansi", "nama_instansi", "jenis", "kode_provinsi", "provinsi"]) +
      "\n",
  );
}

/** Units of one instansi from [kode_unit, nama_unit, n, mutu] tuples. */
export function unitsOf(
  kode_instansi: string,
  rows: [string, string, number, number][],
): UnitSpec[] {
  return rows.map(([kode_unit, nama_unit, n, mutu]) => ({
    kode_instansi,
    kode_unit,
    nama_unit,
    n,
    mutu,
  }));
}

/** Two units of 25 ASN per instansi, named `names`; the second a little better kept. */
export function twoUnitsEach(
  instansi: [kode: string, mutu: number][],
  names: [string, string],
): UnitSpec[] {
  return instansi.flatMap(([kode, mutu]) =>
    names.map((nama_unit, j) => ({
      kode_instansi: kode,
      kode_unit: `${kode}-${j + 1}`,
      nama_unit,
      n: 25,
      mutu: Math.min(1, mutu + 0.1 * j),
    }))
  );
}
