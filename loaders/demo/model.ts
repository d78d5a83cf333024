/**
 * The synthetic population of one instansi and the records it produces in each period.
 *
 * People are drawn once (seeded) and carried across periods with retirements and new hires. In each
 * period every indicator is drawn by comparing a stratified uniform (a person's rank within the
 * instansi, so that shares come out almost exactly as intended) with a threshold that depends on one
 * quality knob q in [0, 1]. `expected()` is the closed-form mean score of a set of thresholds under
 * a method; the calibration searches q so that it meets the period's target.
 */
import { parsePeriod } from "../engine/period.ts";
import {
  FIRST_NAMES,
  FUNGSIONAL_NAMES,
  JABATAN_NAMES,
  LAST_NAMES,
  OPD_COMMON,
  OPD_KABKOTA,
  OPD_PROVINSI,
  placeName,
  UNIT_PUSAT,
} from "./names.ts";
import { hash, hashSN, Rng, unit } from "./random.ts";
import { Sink, utf8 } from "./sink.ts";

export type Jabatan = "JPT" | "ADMINISTRATOR" | "PENGAWAS" | "FUNGSIONAL" | "PELAKSANA";
export type Method = "bkn-2019" | "bkn-2024";

export interface InstansiSpec {
  kode: string;
  /**
   * What the instansi's people are drawn from (default `kode`): a demo instansi whose code was
   * corrected keeps the people, and so the figures, it had (kanreg8.ts).
   */
  benih?: string;
  jenis: "provinsi" | "kabupaten" | "kota" | "pusat";
  size: number;
  /** PPPK intake waves: period → share of the initial size. */
  waves?: Record<string, number>;
}

export interface Person {
  id: number;
  nip: string;
  /** `hash(seed, nip)`: the common prefix of every per-person draw, hashed once. */
  h0: number;
  nama: string;
  pppk: boolean;
  unit: number;
  jabatan: Jabatan;
  namaJabatan: string;
  exempt: boolean;
  pendidikan: string;
  /** Hire (TMT) and leave dates as ISO strings; leave null = still serving in 2025. */
  hire: string;
  leave: string | null;
  /** Leadership / functional training ever attended: [jenis, jenjang, date]. */
  pim: [string, string] | null;
  fung: string | null;
}

export interface Unit {
  kode: string;
  nama: string;
}

const EDU_POINTS: Record<string, number> = {
  S3: 25,
  S2: 20,
  S1: 15,
  D4: 15,
  D3: 10,
  D2: 5,
  D1: 5,
  SLTA: 5,
  SLTP: 1,
  SD: 1,
};
const PIM_FOR: Record<string, [string, string][]> = {
  JPT: [["PIM_II", "Diklatpim Tk. II"], ["PKN_II", "Pelatihan Kepemimpinan Nasional Tingkat II"]],
  ADMINISTRATOR: [["PIM_III", "Diklatpim Tk. III"], [
    "PKA",
    "Pelatihan Kepemimpinan Administrator",
  ]],
  PENGAWAS: [["PIM_IV", "Diklatpim Tk. IV"], ["PKP", "Pelatihan Kepemimpinan Pengawas"]],
};
const LOWER_PIM: Record<string, [string, string]> = {
  JPT: ["PIM_III", "Diklatpim Tk. III"],
  ADMINISTRATOR: ["PIM_IV", "Diklatpim Tk. IV"],
  PENGAWAS: ["PIM_IV", "Diklatpim Tk. IV"],
};

const iso = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

/** The instansi's people and units; deterministic in (seed, kode). */
export class Population {
  readonly units: Unit[] = [];
  readonly people: Person[] = [];
  /** Share of structural officials with matching leadership training, of functional with their diklat. */
  readonly cPim: number;
  readonly cFung: number;
  private readonly strat = new Map<string, Float64Array>();
  private readonly nips: Set<string>;

  constructor(
    readonly spec: InstansiSpec,
    readonly seed: number,
    exemptWords: string[],
    nips = new Set<string>(),
  ) {
    this.nips = nips;
    const rng = new Rng(seed, spec.benih ?? spec.kode, "population");
    this.cPim = 0.55 + 0.37 * rng.next();
    this.cFung = 0.35 + 0.5 * rng.next();
    const { unitWeights, dik, kes } = this.makeUnits(rng);
    const isExempt = (name: string) =>
      exemptWords.some((w) => name.toLowerCase().includes(w.toLowerCase()));
    let draws = 0;
    const add = (pppk: boolean, hire: string, kind: "awal" | "cpns" | "pppk") => {
      const r = new Rng(seed, spec.benih ?? spec.kode, "person", draws++);
      const jab: Jabatan = kind === "awal"
        ? r.weighted(
          [["PELAKSANA", 0.33], ["FUNGSIONAL", 0.56], ["PENGAWAS", 0.07], ["ADMINISTRATOR", 0.03], [
            "JPT",
            0.01,
          ]] as const,
        )
        : kind === "cpns"
        ? r.weighted([["FUNGSIONAL", 0.6], ["PELAKSANA", 0.4]] as const)
        : r.weighted([["FUNGSIONAL", 0.88], ["PELAKSANA", 0.12]] as const);
      let namaJabatan: string, unitIdx: number;
      if (jab === "FUNGSIONAL") {
        const group = kind === "pppk"
          ? r.weighted([["guru", 0.65], ["kesehatan", 0.28], ["lain", 0.07]] as const)
          : r.weighted([["guru", 0.5], ["kesehatan", 0.22], ["lain", 0.28]] as const);
        namaJabatan = r.pick(FUNGSIONAL_NAMES[group]);
        unitIdx = group === "guru"
          ? r.pick(dik)
          : group === "kesehatan"
          ? r.pick(kes)
          : r.weighted(unitWeights);
      } else {
        namaJabatan = r.pick(JABATAN_NAMES[jab]);
        unitIdx = r.weighted(unitWeights);
      }
      const pendidikan = this.education(jab, r);
      const birthYear = kind === "awal"
        ? r.int(1962, 1996)
        : r.int(Number(hire.slice(0, 4)) - 35, Number(hire.slice(0, 4)) - 22);
      const birth = iso(birthYear, r.int(1, 12), r.int(1, 28));
      const hireDate = kind === "awal"
        ? iso(Math.min(2018, birthYear + r.int(22, 34)), r.int(1, 12), 1)
        : hire;
      const retire = birthYear + 58;
      const leaveYear = r.next() < 0.006 * (2026 - 2019) ? r.int(2019, 2025) : retire;
      const leave = leaveYear <= 2025 ? iso(leaveYear, Number(birth.slice(5, 7)), 1) : null;
      if (leave && leave <= "2019-01-01") return;
      const sex = r.next() < 0.55 ? "2" : "1";
      const nip = this.uniqueNip(
        birth.replaceAll("-", ""),
        hireDate.slice(0, 7).replace("-", ""),
        sex,
        r,
      );
      const first = sex === "2" ? FIRST_NAMES[24 + r.int(0, 23)] : FIRST_NAMES[r.int(0, 23)];
      let pim: [string, string] | null = null;
      if (jab in PIM_FOR) {
        const yr = Math.min(2018, Number(hireDate.slice(0, 4)) + r.int(6, 16));
        const date = iso(yr, r.int(2, 11), r.int(1, 28));
        if (unit(seed, nip, "pim") < this.cPim) {
          const [code] = r.pick(PIM_FOR[jab]);
          pim = [code, date];
        } else if (r.next() < 0.4) pim = [LOWER_PIM[jab][0], date];
      }
      const exempt = jab === "FUNGSIONAL" && isExempt(namaJabatan);
      const fung = jab === "FUNGSIONAL" && !exempt && unit(seed, nip, "fung") < this.cFung
        ? iso(
          Math.min(2018, Number(hireDate.slice(0, 4)) + r.int(1, 6)),
          r.int(2, 11),
          r.int(1, 28),
        )
        : null;
      this.people.push({
        id: this.people.length,
        nip,
        h0: hash(seed, nip),
        nama: `${first} ${r.pick(LAST_NAMES)}`,
        pppk,
        unit: unitIdx,
        jabatan: jab,
        namaJabatan,
        exempt,
        pendidikan,
        hire: hireDate,
        leave,
        pim,
        fung,
      });
    };
    for (let i = 0; i < spec.size; i++) add(false, "", "awal");
    for (let y = 2019; y <= 2025; y++) {
      const n = Math.round(spec.size * 0.022);
      for (let i = 0; i < n; i++) add(false, iso(y, 3, 1), "cpns");
    }
    const waves: Record<string, number> = {
      "2022-Q3": 0.03,
      "2023-Q2": 0.05,
      "2024-Q1": 0.05,
      "2025-Q1": 0.06,
      ...spec.waves,
    };
    for (const [p, share] of Object.entries(waves)) {
      const per = parsePeriod(p);
      const start = iso(per.year, (per.quarter ?? 1) * 3 - 2, 1);
      for (let i = 0; i < Math.round(spec.size * share); i++) add(true, start, "pppk");
    }
  }

  private makeUnits(rng: Rng) {
    const { kode, jenis } = this.spec;
    // A central agency has no dinas or kecamatan: its eselon I units and centres.
    const names = jenis === "pusat"
      ? UNIT_PUSAT.slice(0, rng.int(12, UNIT_PUSAT.length))
      : this.regionalUnits(rng);
    names.forEach((nama, i) =>
      this.units.push({ kode: `${kode}${String(i + 1).padStart(3, "0")}`, nama })
    );
    return this.unitPlan(names);
  }

  /** A regional government's OPD: the common ones, its kind's, kecamatan, then extras. */
  private regionalUnits(rng: Rng): string[] {
    const { kode, jenis } = this.spec;
    const names = [...OPD_COMMON];
    if (jenis === "provinsi") names.push(...OPD_PROVINSI);
    else {
      names.push(...OPD_KABKOTA);
      const kec = jenis === "kota" ? rng.int(4, 7) : rng.int(8, 17);
      const benih = Number(this.spec.benih ?? kode);
      for (let i = 0; i < kec; i++) names.push(`Kecamatan ${placeName(i, benih % 97)}`);
      if (jenis === "kabupaten") names.push("Rumah Sakit Umum Daerah Pratama");
    }
    const target = jenis === "provinsi"
      ? rng.int(45, 58)
      : jenis === "kota"
      ? rng.int(26, 38)
      : rng.int(30, 50);
    const extra = [
      "Badan Riset dan Inovasi Daerah",
      "Dinas Kebudayaan",
      "Dinas Pertanahan",
      "Dinas Peternakan dan Kesehatan Hewan",
      "Dinas Perkebunan",
      "Bagian Protokol dan Komunikasi Pimpinan",
      "Unit Layanan Pengadaan",
      "Sekretariat Korpri",
      "Sekretariat Komisi Pemilihan Umum Daerah",
      "Dinas Sumber Daya Air",
      "Dinas Bina Marga",
      "Dinas Cipta Karya",
    ];
    for (let i = 0; names.length < target && i < extra.length; i++) names.push(extra[i]);
    names.length = Math.min(names.length, Math.max(target, 20));
    return names;
  }

  private unitPlan(names: string[]) {
    const dik = names.flatMap((n, i) => (/Pendidikan/.test(n) ? [i] : []));
    const kes = names.flatMap((n, i) => (/Kesehatan|Rumah Sakit/.test(n) ? [i] : []));
    // Zipf-like weights for everyone else; the Sekretariat is large, kecamatan small.
    const unitWeights = names.map((n, i) =>
      [
        i,
        /Kecamatan/.test(n)
          ? 0.25
          : /^Sekretariat Daerah|Pekerjaan Umum|Pengelolaan Keuangan/.test(n)
          ? 3
          : 1 / (1 + 0.04 * i),
      ] as const
    );
    // A central agency has no school or hospital unit: its teachers and health staff (few) work
    // anywhere. Regional governments always have both.
    const any = names.map((_, i) => i);
    return { unitWeights, dik: dik.length ? dik : any, kes: kes.length ? kes : any };
  }

  private education(jab: Jabatan, r: Rng): string {
    const kota = this.spec.jenis === "kota" ? 1.25 : 1;
    const table: Record<Jabatan, [string, number][]> = {
      JPT: [["S2", 0.7], ["S3", 0.15], ["S1", 0.15]],
      ADMINISTRATOR: [["S2", 0.5 * kota], ["S1", 0.45], ["D4", 0.05]],
      PENGAWAS: [["S1", 0.6], ["S2", 0.25 * kota], ["D3", 0.1], ["SLTA", 0.05 / kota]],
      FUNGSIONAL: [["S1", 0.6], ["D3", 0.2], ["S2", 0.12 * kota], ["D4", 0.05], [
        "SLTA",
        0.03 / kota,
      ]],
      PELAKSANA: [
        ["SLTA", 0.45 / kota],
        ["S1", 0.25 * kota],
        ["D3", 0.15],
        ["SLTP", 0.05 / kota],
        ["SD", 0.02 / kota],
        ["D2", 0.015],
        ["D1", 0.015],
        ["S2", 0.05],
      ],
    };
    return r.weighted(table[jab]);
  }

  private uniqueNip(birth: string, tmt: string, sex: string, r: Rng): string {
    for (let seq = r.int(1, 400);; seq++) {
      const nip = `${birth}${tmt}${sex}${String(seq % 1000).padStart(3, "0")}`;
      if (!this.nips.has(nip) && seq % 1000 !== 0) {
        this.nips.add(nip);
        return nip;
      }
    }
  }

  /** A person's stratified uniform for (field, year): rank of a hash within the instansi, centred. */
  u(field: string, year: number, p: Person): number {
    return this.ranks(field, year)[p.id];
  }

  /**
   * Every person's stratified uniform for (field, year), by `Person.id`; computed once and kept.
   * The order is by hash, ties by id: packing both into one exact double (hash · 2^21 + id < 2^53)
   * lets a typed-array sort without a comparator give the same order several times faster.
   */
  ranks(field: string, year: number): Float64Array {
    const key = `${field}|${year}`;
    let arr = this.strat.get(key);
    if (!arr) {
      const n = this.people.length;
      arr = new Float64Array(n);
      if (n < 2 ** 21) {
        const packed = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          packed[i] = hashSN(this.people[i].h0, field, year) * 2 ** 21 + i;
        }
        packed.sort();
        for (let rank = 0; rank < n; rank++) arr[packed[rank] % 2 ** 21] = (rank + 0.5) / n;
      } else {
        const h = this.people.map((q) => hashSN(q.h0, field, year));
        const order = h.map((_, i) => i).sort((a, b) => h[a] - h[b] || a - b);
        order.forEach((idx, rank) => (arr![idx] = (rank + 0.5) / n));
      }
      this.strat.set(key, arr);
    }
    return arr;
  }

  active(periodEnd: string): Person[] {
    return this.people.filter((p) =>
      p.hire <= periodEnd && (p.leave === null || p.leave > periodEnd)
    );
  }
}

/** Thresholds of one period (shares before the newcomer discount) and the newcomer factors. */
export interface Thresholds {
  edu: number;
  skp: number;
  sb: number;
  bp: number;
  /** ≥ 20 JP of teknis training within the window; any development within the window. */
  jp: number;
  sem: number;
  /** What share of a newcomer's SKP / development is on record, relative to everyone else. */
  baruSkp: number;
  baruJp: number;
}

const QUARTER_SHARE = [0.2, 0.45, 0.75, 1];

/**
 * Thresholds for quality q in a period. Early quarters catch up when q is high, and a diligent
 * instansi (high q) also enters its newcomers' data quickly.
 */
export function thresholds(q: number, quarter: number | null): Thresholds {
  const frac = quarter ? QUARTER_SHARE[quarter - 1] + (1 - QUARTER_SHARE[quarter - 1]) * q * q : 1;
  return {
    edu: 0.8 + 0.2 * q,
    skp: 0.45 + 0.55 * q,
    sb: 0.05 + 0.93 * q,
    bp: 0.06 * (1 - q),
    jp: (0.08 + 0.92 * q) * frac,
    sem: (0.12 + 0.88 * q) * frac,
    baruSkp: 0.15 + 0.85 * q ** 3,
    baruJp: 0.4 + 0.6 * q ** 3,
  };
}

export function floorBy(t: Thresholds, floor: Partial<Thresholds>): Thresholds {
  const out = { ...t };
  for (const k of Object.keys(floor) as (keyof Thresholds)[]) out[k] = Math.max(out[k], floor[k]!);
  return out;
}

/** Hired after this date, a person is a newcomer at `periodEnd`. */
export function newcomerSince(periodEnd: string): string {
  const [y, m] = periodEnd.split("-").map(Number);
  return iso(y - 1, m, 28);
}

let since = { end: "", date: "" };

/** A newcomer (less than a year in service) has little on record yet. */
export function isNewcomer(p: Person, periodEnd: string): boolean {
  // Called for every person and period (~10 M times); the cut-off date is the same for a period.
  if (since.end !== periodEnd) since = { end: periodEnd, date: newcomerSince(periodEnd) };
  return p.hire > since.date;
}

/** Shares of a person, after the newcomer discount. */
export function personShares(p: Person, t: Thresholds, periodEnd: string): Thresholds {
  if (!isNewcomer(p, periodEnd)) return t;
  return { ...t, skp: t.skp * t.baruSkp, jp: t.jp * t.baruJp, sem: t.sem * t.baruJp };
}

/**
 * Sufficient statistics of the counted ASN of a period under a method: the expected mean score is
 * linear in each threshold given these counts, so calibration need not revisit every person.
 */
export interface Summary {
  method: Method;
  n: number;
  eduPoints: number;
  /** Counts of established staff (0) and newcomers (1), overall and by kompetensi group. */
  all: [number, number];
  pelaksana: [number, number];
  other: [number, number];
  /** bkn-2019: functional staff exempt or with diklat fungsional, and structural staff with matching leadership training. */
  bonus15: number;
}

export function summarize(people: Person[], method: Method, periodEnd: string): Summary {
  const s: Summary = {
    method,
    n: 0,
    eduPoints: 0,
    all: [0, 0],
    pelaksana: [0, 0],
    other: [0, 0],
    bonus15: 0,
  };
  for (const p of people) {
    if (method === "bkn-2019" && p.pppk) continue;
    const k = isNewcomer(p, periodEnd) ? 1 : 0;
    s.n++;
    s.eduPoints += EDU_POINTS[p.pendidikan];
    s.all[k]++;
    (p.jabatan === "PELAKSANA" ? s.pelaksana : s.other)[k]++;
    if (
      p.jabatan === "FUNGSIONAL"
        ? p.exempt || p.fung
        : p.pim && p.jabatan in PIM_FOR && PIM_FOR[p.jabatan].some(([c]) => c === p.pim![0])
    ) s.bonus15++;
  }
  return s;
}

/** Closed-form expected mean score (punishments, being rare, are left out). */
export function expected(s: Summary, t: Thresholds): number {
  if (!s.n) return 0;
  const b = 1 - t.sb - t.bp;
  const skpW = s.all[0] + t.baruSkp * s.all[1];
  const w = (g: [number, number]) => g[0] + t.baruJp * g[1];
  let sum = t.edu * s.eduPoints + 5 * s.n;
  if (s.method === "bkn-2019") {
    sum += t.skp * skpW * (30 * t.sb + 25 * b + 15 * t.bp);
    sum += w(s.pelaksana) * (22.5 * t.jp + 17.5 * t.sem) + w(s.other) * (15 * t.jp + 10 * t.sem) +
      15 * s.bonus15;
  } else {
    sum += t.skp * skpW * (30 * t.sb + 25 * b + 20 * t.bp + 25 * t.sb + 20 * b + 15 * t.bp);
    sum += 15 * t.jp * w(s.all);
  }
  return sum / s.n;
}

/** Find q whose expected score meets the target; returns the (floored) thresholds. */
export function calibrate(
  people: Person[],
  target: number,
  method: Method,
  quarter: number | null,
  periodEnd: string,
  floor: Partial<Thresholds>,
): { q: number; t: Thresholds; expected: number } {
  const s = summarize(people, method, periodEnd);
  let lo = 0, hi = 1;
  const at = (q: number) => floorBy(thresholds(q, quarter), floor);
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (expected(s, at(mid)) < target) lo = mid;
    else hi = mid;
  }
  const q = (lo + hi) / 2;
  return { q, t: at(q), expected: expected(s, at(q)) };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A date inside quarter k (1-4) of a year, or anywhere in the year (k = 0), from a hash. */
function dateIn(year: number, k: number, h: number, notAfter?: string): string {
  const m0 = k ? (k - 1) * 3 : 0, span = k ? 3 : 12;
  const m = m0 + 1 + (h % span), d = 1 + ((h >>> 8) % 28);
  const s = `${year}-${pad(m)}-${pad(d)}`;
  return notAfter && s > notAfter ? notAfter : s;
}

/** A CSV cell as the writer quotes it: only when it holds a quote, a comma or a line break. */
export function csvCell(c: string): string {
  return /[",\n\r]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c;
}

/** Where one period's rows of each table go, as CSV lines without a header. */
export interface PeriodSinks {
  pegawai: Sink;
  diklat: Sink;
  kinerja: Sink;
  hukdis: Sink;
}

/**
 * What a person's rows share in every period, encoded once: the NIP, the pegawai line up to the
 * education cell, and the leadership / functional training lines (dated before 2019, so the same
 * in each period).
 */
interface PersonLines {
  nip: Uint8Array;
  pegawai: Uint8Array;
  diklatTetap: Uint8Array;
  nDiklatTetap: number;
}
const personLines = new WeakMap<Person, PersonLines>();

function linesOf(pop: Population, p: Person): PersonLines {
  let l = personLines.get(p);
  if (!l) {
    const u = pop.units[p.unit];
    let diklatTetap = "", nDiklatTetap = 0;
    if (p.pim) {
      diklatTetap += `${p.nip},STRUKTURAL,${csvCell(p.pim[0])},${
        csvCell(`Pelatihan Kepemimpinan ${p.pim[0].replace("_", " ")}`)
      },,${p.pim[1]},\n`;
      nDiklatTetap++;
    }
    if (p.fung) {
      diklatTetap += `${p.nip},FUNGSIONAL,,${
        csvCell(`Diklat Fungsional ${p.namaJabatan.split(" Ahli")[0]}`)
      },,${p.fung},\n`;
      nDiklatTetap++;
    }
    l = {
      nip: utf8(csvCell(p.nip)),
      pegawai: utf8(
        `${csvCell(p.nip)},${csvCell(p.nama)},${p.pppk ? "PPPK" : "PNS"},${
          csvCell(pop.spec.kode)
        },${csvCell(u.kode)},${csvCell(u.nama)},${p.jabatan},${csvCell(p.namaJabatan)},`,
      ),
      diklatTetap: utf8(diklatTetap),
      nDiklatTetap,
    };
    personLines.set(p, l);
  }
  return l;
}

const HIST_GRADE = thresholds(0.5, null);

const C = {
  COMMA: 44,
  NL: 10,
  teknis: utf8(",TEKNIS,,Pelatihan Teknis,"),
  bimtek: utf8(",TEKNIS,,Bimbingan Teknis,"),
  seminar: utf8(",SEMINAR,,Seminar,"),
  sem: [
    "SEMINAR,,Seminar Nasional,",
    "WORKSHOP,,Workshop,",
    "KURSUS,,Kursus Singkat,",
    "MAGANG,,Magang,",
  ]
    .map((x) => utf8("," + x)),
  grade: {
    SANGAT_BAIK: utf8("SANGAT_BAIK\n"),
    BUTUH_PERBAIKAN: utf8("BUTUH_PERBAIKAN\n"),
    CUKUP: utf8("CUKUP\n"),
    BAIK: utf8("BAIK\n"),
  },
};

/**
 * The four tables of one period, appended to `out`. `byQuarter` holds the (floored) thresholds of
 * each quarter of the year so far, so that a record present in an earlier quarter is dated inside
 * it; `prevYear` the final thresholds of the previous year (for history rows).
 *
 * Rows go straight into bytes: the generator used to build an array per row, quote each cell with a
 * regular expression, buffer the lines as strings and encode them, which with the garbage it made
 * was most of its time. Every draw is the same as before (same hashes, same stratified uniforms,
 * same order), so the same seed still gives the same bytes. Cells that can only hold digits, dates
 * or fixed codes are not quoted; every name-like cell goes through `csvCell`.
 */
export function records(
  pop: Population,
  periode: string,
  t: Thresholds,
  byQuarter: Thresholds[],
  prevYear: Thresholds | null,
  out: PeriodSinks,
): void {
  const per = parsePeriod(periode);
  const Y = per.year, end = per.end, quarter = per.quarter;
  const { pegawai, diklat, kinerja, hukdis } = out;
  const effYear = quarter && quarter < 4 ? Y - 1 : Y;
  const grade = (g: number, s: Thresholds, year: number) =>
    g < s.sb
      ? C.grade.SANGAT_BAIK
      : g < s.sb + s.bp
      ? (year >= 2022 ? C.grade.BUTUH_PERBAIKAN : C.grade.CUKUP)
      : C.grade.BAIK;
  // personShares without a new object per person: a newcomer's shares are the same for everyone.
  const since = newcomerSince(end);
  const newShares = (x: Thresholds): Thresholds => ({
    ...x,
    skp: x.skp * x.baruSkp,
    jp: x.jp * x.baruJp,
    sem: x.sem * x.baruJp,
  });
  const tNew = newShares(t);
  const prevSince = newcomerSince(`${Y - 1}-12-31`);
  const prevNew = prevYear ? newShares(prevYear) : null;
  const byQuarterNew = byQuarter.map(newShares);
  const olderFrom = `${effYear - 1}-01-01`;
  const prevHireBefore = `${Y - 1}-07-01`;
  const uEdu = pop.ranks("edu", 0), uSkp = pop.ranks("skp", effYear);
  const uJpY = pop.ranks("jp", Y), uSemY = pop.ranks("sem", Y);
  let uGrade: Float64Array | undefined,
    uJpPrev: Float64Array | undefined,
    uSemPrev: Float64Array | undefined;
  // This year's development is dated in the first quarter in which it was on record.
  const firstQuarter = (field: "jp" | "sem", u: number, newcomer: boolean) => {
    if (!quarter) return 0;
    const qs = newcomer ? byQuarterNew : byQuarter;
    const k = qs.findIndex((q) => u < q[field]);
    return k < 0 ? quarter : k + 1;
  };
  for (const p of pop.active(end)) {
    const newcomer = p.hire > since;
    const s = newcomer ? tNew : t;
    const h0 = p.h0, id = p.id;
    const l = linesOf(pop, p);
    pegawai.bytes(l.pegawai);
    if (uEdu[id] < s.edu) pegawai.text(p.pendidikan);
    pegawai.byte(C.NL);
    pegawai.rows++;
    // SKP: the one the method uses (this year's at year end, else last year's), and the one before it
    // as history. History is only written beside a current SKP, so it never becomes the fallback.
    if (uSkp[id] < s.skp) {
      uGrade ??= pop.ranks("grade", effYear);
      kinerja.bytes(l.nip);
      kinerja.byte(C.COMMA);
      kinerja.int(effYear);
      kinerja.byte(C.COMMA);
      kinerja.bytes(grade(uGrade[id], s, effYear));
      kinerja.rows++;
      const older = effYear - 1;
      if (p.hire < olderFrom && hashSN(h0, "hist-skp", older) / 4294967296 < 0.85) {
        kinerja.bytes(l.nip);
        kinerja.byte(C.COMMA);
        kinerja.int(older);
        kinerja.byte(C.COMMA);
        kinerja.bytes(grade(hashSN(h0, "hist-grade", older) / 4294967296, HIST_GRADE, older));
        kinerja.rows++;
      }
    }
    // Leadership and functional training, ever.
    diklat.bytes(l.diklatTetap);
    diklat.rows += l.nDiklatTetap;
    const uJp = uJpY[id], uSem = uSemY[id];
    const hJp = hashSN(h0, "jp-date", Y), hSem = hashSN(h0, "sem-date", Y);
    if (uJp < s.jp) {
      diklat.bytes(l.nip);
      diklat.bytes(C.teknis);
      diklat.int(20 + (hJp % 21));
      diklat.byte(C.COMMA);
      diklat.text(dateIn(Y, firstQuarter("jp", uJp, newcomer), hJp, end));
      diklat.byte(C.COMMA);
      diklat.byte(C.NL);
      diklat.rows++;
    } else if (hashSN(h0, "partial", Y) / 4294967296 < 0.25) {
      diklat.bytes(l.nip);
      diklat.bytes(C.bimtek);
      diklat.int(6 + (hJp % 5));
      diklat.byte(C.COMMA);
      diklat.text(dateIn(Y, 1, hJp >>> 4, end));
      diklat.byte(C.COMMA);
      diklat.byte(C.NL);
      diklat.rows++;
    }
    if (uSem < s.sem) {
      diklat.bytes(l.nip);
      diklat.bytes(C.sem[hSem % 4]);
      if (hSem % 10 >= 3) diklat.int(2 + ((hSem >>> 4) % 7));
      diklat.byte(C.COMMA);
      diklat.text(dateIn(Y, firstQuarter("sem", uSem, newcomer), hSem, end));
      diklat.byte(C.COMMA);
      diklat.byte(C.NL);
      diklat.rows++;
    }
    // Last year's development, as history (outside the window).
    if (prevYear && p.hire < prevHireBefore) {
      const ps = p.hire > prevSince ? prevNew! : prevYear;
      const h = hashSN(h0, "jp-date", Y - 1);
      if ((uJpPrev ??= pop.ranks("jp", Y - 1))[id] < ps.jp) {
        diklat.bytes(l.nip);
        diklat.bytes(C.teknis);
        diklat.int(20 + (h % 21));
        diklat.byte(C.COMMA);
        diklat.text(dateIn(Y - 1, 0, h));
        diklat.byte(C.COMMA);
        diklat.byte(C.NL);
        diklat.rows++;
      }
      if ((uSemPrev ??= pop.ranks("sem", Y - 1))[id] < ps.sem) {
        diklat.bytes(l.nip);
        diklat.bytes(C.seminar);
        diklat.int(2 + (h % 7));
        diklat.byte(C.COMMA);
        diklat.text(dateIn(Y - 1, 0, h >>> 3));
        diklat.byte(C.COMMA);
        diklat.byte(C.NL);
        diklat.rows++;
      }
    }
    // Rare punishments, this year and last.
    for (let yr = Y - 1; yr <= Y; yr++) {
      const h = hashSN(h0, "hukdis", yr);
      if (h / 4294967296 < 0.004) {
        const tmt = dateIn(yr, 0, h >>> 5);
        if (tmt > end) continue;
        const tingkat = (h >>> 12) % 10 < 7 ? "RINGAN" : (h >>> 12) % 10 < 9 ? "SEDANG" : "BERAT";
        const months = tingkat === "RINGAN"
          ? ((h >>> 16) % 2 ? 0 : 6)
          : tingkat === "SEDANG"
          ? 12
          : 36;
        const [ty, tm, td] = tmt.split("-").map(Number);
        const akhir = months
          ? `${ty + Math.floor((tm - 1 + months) / 12)}-${pad(((tm - 1 + months) % 12) + 1)}-${
            pad(td)
          }`
          : "";
        const jenis = tingkat === "RINGAN"
          ? "Teguran tertulis"
          : tingkat === "SEDANG"
          ? "Pemotongan tunjangan kinerja"
          : "Penurunan jabatan";
        hukdis.text(`${p.nip},${tingkat},${jenis},${tmt},${akhir}\n`);
        hukdis.rows++;
      }
    }
  }
}
