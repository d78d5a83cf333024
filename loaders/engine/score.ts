/**
 * Scoring: a method profile compiled into one DuckDB SQL statement that scores every counted ASN
 * of a period, with the facts behind each score. The SQL is built from named pieces (one CTE per
 * concern) so that each can be read against the profile it comes from.
 */
import { caseMap, dateLit, ident, inList, lit } from "../duck.ts";
import {
  type ItemJendela,
  type Jabatan,
  JABATAN_LIST,
  type KompetensiItem,
  type MethodProfile,
  pointsFor,
  requiredColumns,
} from "./method.ts";
import type { Period } from "./period.ts";
import { RESMI } from "./resmi.ts";

const num = (n: number) => lit(n);

/** `CASE jenis_jabatan WHEN … THEN points … ELSE 0 END` for an item's points. */
function pointsByJabatan(poin: number | Partial<Record<Jabatan, number>>): string {
  if (typeof poin === "number") return num(poin);
  const pairs = JABATAN_LIST.filter((j) => pointsFor(poin, j) !== undefined).map((j) =>
    [j, num(pointsFor(poin, j)!)] as const
  );
  return pairs.length ? `(${caseMap("p.jenis_jabatan", pairs, "0")})` : "0";
}

/**
 * Points per value of a lookup rule (`[values, points]` rows), as one CASE over `expr`. The same
 * text serves scoring and the gains, so the two cannot disagree on a rule.
 */
function pointsCase(
  expr: string,
  rows: readonly { values: readonly string[]; poin: number }[],
  otherwise: number,
): string {
  return `(${
    caseMap(
      expr,
      rows.flatMap((r) => r.values.map((v) => [v, num(r.poin)] as const)),
      num(otherwise),
    )
  })`;
}

/**
 * Whether text `x` contains any of `words`: one regular expression of the words, escaped, instead
 * of a `contains` per word (bkn-2019's exemption, 8 words on the FUNGSIONAL titles among 3.9 M
 * national ASN: the scoring statement 4.87 -> 4.45 s). FALSE for no words.
 */
export function containsAny(x: string, words: string[]): string {
  if (!words.length) return "FALSE";
  return `regexp_matches(${x}, ${
    lit(words.map((w) => w.replace(/[\\^$.|?*+()[\]{}]/g, "\\$&")).join("|"))
  })`;
}

/** Kualifikasi table points of an education level (`expr`); empty or unknown: `kosong`. */
export function kualifikasiPoints(profile: MethodProfile, expr: string): string {
  return pointsCase(
    expr,
    profile.kualifikasi.poin.map((r) => ({ values: r.pendidikan, poin: r.poin })),
    profile.kualifikasi.kosong.poin,
  );
}

/**
 * Kualifikasi of a scored ASN: the table points, or with `syarat_jabatan` the points for meeting
 * the position's required education (`syarat`) when the own education scores at least as much.
 */
export function kualifikasiSql(profile: MethodProfile, pendidikan: string, syarat: string): string {
  const own = kualifikasiPoints(profile, pendidikan);
  const rule = profile.kualifikasi.syarat_jabatan;
  if (!rule) return own;
  const required = `(${
    caseMap(
      syarat,
      profile.kualifikasi.poin.flatMap((r) => r.pendidikan.map((v) => [v, num(r.poin)] as const)),
    )
  })`;
  return `(CASE WHEN ${pendidikan} IS NOT NULL AND ${required} IS NOT NULL AND ${own} >= ${required} THEN ${
    num(rule.poin_memenuhi)
  } ELSE ${own} END)`;
}

/** Kinerja points of a predikat (`expr`); empty or unknown: `kosong`. */
export function kinerjaPoints(profile: MethodProfile, expr: string): string {
  return pointsCase(
    expr,
    profile.kinerja.poin.map((r) => ({ values: r.predikat, poin: r.poin })),
    profile.kinerja.kosong.poin,
  );
}

/** Kompetensi base points of a predikat (`dari_predikat` item); none: 0. */
export function dasarPoints(it: KompetensiItem & { jenis: "dari_predikat" }, expr: string): string {
  return `coalesce(${
    caseMap(expr, Object.entries(it.poin_predikat).map(([k, v]) => [k, num(v)] as const))
  }, 0)`;
}

interface Fact {
  name: string;
  /**
   * An aggregate over one ASN's rows of a history table (`d`), or for a pegawai fact an
   * expression over the ASN's pegawai row (`p`).
   */
  expr: string;
}

const between = (start: string, end: string) =>
  `d.tanggal BETWEEN ${dateLit(start)} AND ${dateLit(end)}`;
const inWindow = (w: Period) => between(w.start, w.end);

/** The rows an item with a window counts (see `ItemJendela` in method.ts). */
function itemWindow(it: { jendela: ItemJendela }, w: Period): string {
  const j = it.jendela;
  if (j === "periode") return inWindow(w);
  if (j === "karier") return `d.tanggal <= ${dateLit(w.end)}`;
  return between(`${w.year - j.tahun + 1}-01-01`, w.end);
}

/** The training facts a profile's items need, named as the item points read them (`t.<name>`). */
function trainingFacts(items: KompetensiItem[], w: Period): Fact[] {
  // A training without a date is a data gap: ever attended, in no window (data_kosong.tanggal).
  const ever = `(d.tanggal IS NULL OR d.tanggal <= ${dateLit(w.end)})`;
  const facts: Fact[] = [];
  for (const it of items) {
    switch (it.jenis) {
      case "kepemimpinan": {
        const level = caseMap(
          "d.jenjang",
          Object.entries(it.level_jenjang).map(([j, l]) => [j, num(l)] as const),
        );
        facts.push({
          name: `level__${it.id}`,
          expr: `min(${level}) FILTER (WHERE d.jenis = ${lit("STRUKTURAL")} AND ${ever})`,
        });
        break;
      }
      case "diklat_fungsional":
        facts.push({
          name: `ada__${it.id}`,
          expr: `bool_or(d.jenis = ${lit("FUNGSIONAL")} AND ${ever})`,
        });
        break;
      case "jp_minimal":
        facts.push({
          name: `jp__${it.id}`,
          expr: `sum(d.jp) FILTER (WHERE ${itemWindow(it, w)}${
            it.jenis_diklat === "*" ? "" : ` AND ${inList("d.jenis", it.jenis_diklat)}`
          })`,
        });
        break;
      case "ada_dalam_jendela":
        facts.push({
          name: `ada__${it.id}`,
          expr: `bool_or(${itemWindow(it, w)} AND ${inList("d.jenis", it.jenis_diklat)})`,
        });
        break;
      case "dari_predikat":
        break;
    }
  }
  return facts;
}

/**
 * The column of `fakta_asn` that holds a fact: named after the fact and a hash of its expression,
 * so that profiles whose rule is the same read one column (the four bkn-2019 profiles share most
 * of theirs), and a fact is computed once however many profiles read it.
 */
const factColumn = (f: Fact) => ident(`${f.name}#${fnv1a(f.expr)}`);
/** A fact as the item points read it (a column of `counted`, named after the fact). */
const fact = (name: string) => `p.${ident(name)}`;

/**
 * How a profile's points read a fact by its name: `fact` in the profile's own view, or `factOf`
 * straight from the column of `fakta_asn` where the points of several profiles are computed in
 * one row.
 */
type FactRef = (name: string) => string;

/** A profile's facts read from their columns of `fakta_asn` (alias `p`). */
export function factOf(profile: MethodProfile, period: Period): FactRef {
  const columns = new Map(
    Object.values(profileFacts(profile, period)).flat().map((f) => [f.name, factColumn(f)]),
  );
  return (name) => {
    const column = columns.get(name);
    if (!column) throw new Error(`internal: ${profile.id} has no fact ${name}`);
    return `p.${column}`;
  };
}

/** FNV-1a (32 bits) of `text` as 8 hex digits: a short stable name, not a security hash. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/** A profile's facts over one ASN's SKP rows (`kinerja`). */
function skpFacts(p: MethodProfile, period: Period): Fact[] {
  // An SKP without predikat is a data gap: no SKP for the rules (data_kosong.predikat).
  const years = `predikat IS NOT NULL AND tahun BETWEEN ${
    num(period.year - p.kinerja.tahun_mundur)
  } AND ${num(period.year)}`;
  return [
    { name: "predikat", expr: `arg_max(predikat, tahun) FILTER (WHERE ${years})` },
    { name: "tahun_skp", expr: `max(tahun) FILTER (WHERE ${years})` },
  ];
}

/** A profile's fact over one ASN's punishments (`hukdis`): the heaviest that counts (3, 2, 1). */
function hukdisFacts(p: MethodProfile, period: Period): Fact[] {
  // Punishments that count: in force during the window, or (jendela_tahun_tmt) imposed within the
  // last n calendar years up to the period's end.
  const tmtYears = p.disiplin.jendela_tahun_tmt;
  const punished = tmtYears
    ? `tmt BETWEEN ${dateLit(`${period.year - tmtYears + 1}-01-01`)} AND ${dateLit(period.end)}`
    : `tmt <= ${dateLit(period.end)} AND coalesce(akhir, make_date(year(tmt), 12, 31)) >= ${
      dateLit(period.start)
    }`;
  return [{
    name: "tingkat_berlaku",
    expr:
      `max(CASE tingkat WHEN 'BERAT' THEN 3 WHEN 'SEDANG' THEN 2 WHEN 'RINGAN' THEN 1 END) FILTER (WHERE ${punished})`,
  }];
}

/**
 * Whether a functional official's job title exempts them from an item's training
 * (`dikecualikan`): a fact of the pegawai row, computed once in `fakta_asn` for every profile
 * that shares the word list. The title search is a regular expression over the FUNGSIONAL
 * rows, most of the cost of a bkn-2019 profile's kompetensi: evaluated in each read of each
 * profile, it cost nationally 0.28 s a read. FALSE for every other row and for a missing title.
 */
function exemptFacts(items: KompetensiItem[]): Fact[] {
  return items.flatMap((it) =>
    it.jenis === "diklat_fungsional"
      ? [{
        name: `dikecualikan__${it.id}`,
        // The search runs only on FUNGSIONAL rows (a CASE evaluates THEN on the rows whose WHEN
        // holds): as `coalesce(a AND b, FALSE)`.
        expr: `CASE WHEN p.jenis_jabatan = ${lit("FUNGSIONAL")} THEN coalesce(${
          containsAny("lower(p.nama_jabatan)", it.dikecualikan.map((w) => w.toLowerCase()))
        }, FALSE) ELSE FALSE END`,
      }]
      : []
  );
}

/** Every fact a profile reads, by the table it is aggregated from. */
const profileFacts = (p: MethodProfile, period: Period) => ({
  pegawai: exemptFacts(p.kompetensi.komponen),
  diklat: trainingFacts(p.kompetensi.komponen, period),
  kinerja: skpFacts(p, period),
  hukdis: hukdisFacts(p, period),
});

/** The table scoring reads: each ASN of pegawai with every fact of every profile. */
export const FAKTA_ASN = "fakta_asn";

/**
 * The per-ASN facts of one period that scoring reads, for every profile at once: one aggregate
 * over each history table (diklat, kinerja, hukdis), however many profiles and populations are
 * then scored (each pass over national history tables costs seconds), joined once to pegawai into
 * `fakta_asn`. A profile's scores are then expressions over `fakta_asn` alone (`scorePointsSql`),
 * computed where they are read: a profile adds no join and no pass over the history tables. Run
 * before `scoreSql`; it leaves `pegawai` and the history tables in place.
 */
export function factsSql(profiles: MethodProfile[], period: Period): string[] {
  const facts = profiles.map((p) => profileFacts(p, period));
  const columns = (table: "pegawai" | "diklat" | "kinerja" | "hukdis") => {
    const unique = new Map<string, string>();
    for (const f of facts.flatMap((x) => x[table])) {
      const column = factColumn(f);
      if (unique.has(column) && unique.get(column) !== f.expr) {
        throw new Error(`two facts named ${column}: rename one of the profiles' items`);
      }
      unique.set(column, f.expr);
    }
    return [...unique].map(([column, expr]) => `${expr} AS ${column}`);
  };
  const diklat = [
    `sum(d.jp) FILTER (WHERE ${inWindow(period)}) AS jp_jendela`,
    `count(*) FILTER (WHERE ${inWindow(period)}) AS n_pengembangan_jendela`,
    ...columns("diklat"),
  ];
  // Each history table read once, as `d` (the training facts name their columns `d.`).
  const aggregate = (name: string, table: string, list: string[]) =>
    `CREATE OR REPLACE TEMP TABLE ${name} AS SELECT nip_kunci${
      list.map((c) => `,\n  ${c}`).join("")
    }\nFROM ${table} d GROUP BY nip_kunci`;
  // An optional column a profile needs: added as NULL when the export lacks it (UNION BY NAME
  // fills missing columns), and with no value in it at all nobody is scored under that profile:
  // it cannot be computed, rather than falling back to a guess (`scorePointsSql`).
  const needed = [...new Set(profiles.flatMap((p) => requiredColumns(p).pegawai))];
  const source = needed.length
    ? `(FROM pegawai UNION ALL BY NAME SELECT ${
      needed.map((c) => `NULL::VARCHAR AS ${ident(c)}`).join(", ")
    } WHERE FALSE)`
    : "pegawai";
  return [
    aggregate("fakta_diklat", "diklat", diklat),
    aggregate("fakta_skp", "kinerja", columns("kinerja")),
    aggregate("fakta_hukdis", "hukdis", columns("hukdis")),
    `CREATE OR REPLACE TABLE ${FAKTA_ASN} AS
SELECT p.*${
      columns("pegawai").map((c) => `, ${c}`).join("")
    }, t.* EXCLUDE (nip_kunci), s.* EXCLUDE (nip_kunci), h.* EXCLUDE (nip_kunci)
FROM ${source} p
LEFT JOIN fakta_diklat t USING (nip_kunci)
LEFT JOIN fakta_skp s USING (nip_kunci)
LEFT JOIN fakta_hukdis h USING (nip_kunci)`,
    "DROP TABLE fakta_diklat; DROP TABLE fakta_skp; DROP TABLE fakta_hukdis",
  ];
}

/** One item's points for a scored ASN, and what it could add if it were filled. */
export function itemSql(
  it: KompetensiItem,
  ref: FactRef = fact,
): { points: string; potential: string } {
  switch (it.jenis) {
    case "kepemimpinan": {
      const max = `(${
        caseMap(
          "p.jenis_jabatan",
          Object.entries(it.level_maks).map(([j, l]) => [j, num(l)] as const),
        )
      })`;
      const pts = pointsByJabatan(it.poin);
      return {
        points: `(CASE WHEN ${ref(`level__${it.id}`)} <= ${max} THEN ${pts} ELSE 0 END)`,
        potential: pts,
      };
    }
    case "diklat_fungsional": {
      const pts = pointsByJabatan(it.poin);
      return {
        points: `(CASE WHEN coalesce(${ref(`ada__${it.id}`)}, FALSE) OR ${
          ref(`dikecualikan__${it.id}`)
        } THEN ${pts} ELSE 0 END)`,
        potential: pts,
      };
    }
    case "jp_minimal": {
      const pts = pointsByJabatan(it.poin);
      return {
        points: `(CASE WHEN coalesce(${ref(`jp__${it.id}`)}, 0) >= ${
          num(it.ambang_jp)
        } THEN ${pts} ELSE 0 END)`,
        potential: pts,
      };
    }
    case "ada_dalam_jendela": {
      const pts = pointsByJabatan(it.poin);
      return {
        points: `(CASE WHEN coalesce(${ref(`ada__${it.id}`)}, FALSE) THEN ${pts} ELSE 0 END)`,
        potential: pts,
      };
    }
    case "dari_predikat":
      return {
        points: dasarPoints(it, ref("predikat")),
        potential: num(Math.max(...Object.values(it.poin_predikat))),
      };
  }
}

export function categorySql(profile: MethodProfile, value: string): string {
  const bands = profile.kategori.batas;
  const last = lit(bands.at(-1)!.nama);
  if (profile.kategori.aturan === "lebih_dari") {
    return `(CASE ${
      bands.slice(0, -1).map((b) => `WHEN ${value} > ${num(b.lebih_dari!)} THEN ${lit(b.nama)}`)
        .join(" ")
    } ELSE ${last} END)`;
  }
  const rounded = `round(${value}, ${num(profile.kategori.pembulatan)})`;
  return `(CASE ${
    bands.slice(0, -1).map((b) => `WHEN ${rounded} >= ${num(b.min)} THEN ${lit(b.nama)}`).join(" ")
  } ELSE ${last} END)`;
}

/**
 * Each kompetensi item's points are a plain column of `skor` (`komponen_<n>`, in the profile's
 * order): a MAP per row costs more to store than the whole rest of the scoring.
 */
export const itemColumn = (index: number) => `komponen_${index + 1}`;

/** Item columns of a table that holds the scores of all `profiles`. */
export const itemSlots = (profiles: MethodProfile[]) =>
  Math.max(...profiles.map((p) => p.kompetensi.komponen.length));

/**
 * `skor` as the per-person file shows it: the item columns folded into `kompetensi_rincian`, a
 * MAP from item id to points, whose place in `skor` they hold until then.
 */
export function skorAsnSql(
  profiles: MethodProfile[],
  /** `skor`'s item columns, every one of which is folded away (`itemSlots` of all its profiles). */
  slots = itemSlots(profiles),
): string {
  const columns = Array.from({ length: slots }, (_, i) => itemColumn(i));
  // A struct cast to a MAP, not map(keys, values): the same value, built in a quarter of the time
  // (national: 8.4 M rows, 7 s of the file's 20 s went to map()).
  const rincian = `CASE metode ${
    profiles.map((p) =>
      `WHEN ${lit(p.id)} THEN CAST({${
        p.kompetensi.komponen.map((it, i) => `${lit(it.id)}: ${itemColumn(i)}`).join(", ")
      }} AS MAP(VARCHAR, DOUBLE))`
    ).join(" ")
  } END`;
  return `SELECT * EXCLUDE (${
    columns.join(", ")
  }) REPLACE (${rincian} AS kompetensi_rincian) FROM skor WHERE ${
    inList("metode", [...profiles.map((p) => p.id), RESMI])
  }`;
}

interface ScoreOptions {
  /** The number of item columns, the same for every profile written to one table (`itemSlots`). */
  slots?: number;
  /**
   * true: every ASN is scored under the profile's rules, and a last column `luar` says who the
   * profile does not count (reconciliation shows their effect). In the statement that scores the
   * counted ASN, since their joins with the facts are most of its cost: nationally a statement of
   * its own for the 0.5 M outside cost 1.4 s, and these rows add 0.2 s here.
   */
  luar?: boolean;
  /**
   * false: the person's name and job title stay empty. Only the per-person files read them
   * (skor_asn, selisih_asn); without those, carrying them through 8.4 M national rows cost
   * seconds.
   */
  pribadi?: boolean;
}

/**
 * The SQL that scores every counted ASN of the loaded period under `profile`, from `fakta_asn`
 * (`factsSql`): the rows of `skor`. It is `scoreColumnsSql` over `scorePointsSql`, the two views
 * the engine reads it through (see there).
 */
export function scoreSql(
  profile: MethodProfile,
  period: Period,
  options: ScoreOptions = {},
): string {
  return scoreColumnsSql(profile, period, `(${scorePointsSql(profile, period, options)})`, options);
}

/**
 * The columns of `skor` from `source`, rows of `scorePointsSql`: what the points and the profile
 * determine (the period, the method, the total, its category, the empty records, the potentials,
 * who is outside the population). Each read computes only the columns it needs, and a read of
 * one method skips the other methods' rows unseen (their `metode` is a constant of their branch
 * of the `skor_semua` view).
 */
export function scoreColumnsSql(
  profile: MethodProfile,
  period: Period,
  source: string,
  { slots = profile.kompetensi.komponen.length, pribadi = true, luar = false }: ScoreOptions = {},
): string {
  const of = fromDimensionsSql(profile, {
    kualifikasi: "kualifikasi",
    kompetensi: "kompetensi",
    kinerja: "kinerja",
    disiplin: "disiplin",
  });
  return `SELECT
  ${lit(period.id)} AS periode, ${lit(profile.id)} AS metode,
  nip, ${
    pribadi ? "nama" : "CAST(NULL AS VARCHAR) AS nama"
  }, jenis_pegawai, kode_instansi, kode_unit,
  nama_unit, jenis_jabatan, ${
    pribadi ? "nama_jabatan" : "CAST(NULL AS VARCHAR) AS nama_jabatan"
  }, pendidikan,
  kualifikasi, kompetensi, kinerja, disiplin,
  ${of.nilai} AS nilai,
  ${of.kategori} AS kategori,
  jp_jendela, jp_dihitung, level_kepemimpinan, diklat_fungsional_ada, dikecualikan_fungsional,
  predikat_dipakai, tahun_skp,
  CASE tingkat_berlaku WHEN 3 THEN 'BERAT' WHEN 2 THEN 'SEDANG' WHEN 1 THEN 'RINGAN' END AS hukdis_berlaku,
  CAST(NULL AS MAP(VARCHAR, DOUBLE)) AS kompetensi_rincian,
  pendidikan IS NULL AS pendidikan_kosong,
  predikat_dipakai IS NULL AS skp_kosong,
  pengembangan_kosong,
  ${of.potensi.kualifikasi} AS potensi_kualifikasi,
  potensi_kompetensi,
  ${of.potensi.kinerja} AS potensi_kinerja,
  ${of.potensi.disiplin} AS potensi_disiplin,
  ${Array.from({ length: slots }, (_, i) => itemColumn(i)).join(", ")}${
    luar ? `,\n  NOT ${inList("jenis_pegawai", profile.populasi.jenis_pegawai)} AS luar` : ""
  }
FROM ${source}`;
}

/**
 * What a profile derives from an ASN's four dimension points (`d`: columns or expressions): the
 * total, its category, and the points an empty dimension could add (its maximum when it scored 0).
 */
export function fromDimensionsSql(
  profile: MethodProfile,
  d: Record<"kualifikasi" | "kompetensi" | "kinerja" | "disiplin", string>,
) {
  const total = `${d.kualifikasi} + ${d.kompetensi} + ${d.kinerja} + ${d.disiplin}`;
  const potensi = (x: "kualifikasi" | "kinerja" | "disiplin") =>
    `CASE WHEN ${d[x]} = 0 THEN ${num(profile.dimensi[x].maks)} ELSE 0 END`;
  return {
    nilai: total,
    kategori: categorySql(profile, total),
    potensi: {
      kualifikasi: potensi("kualifikasi"),
      kinerja: potensi("kinerja"),
      disiplin: potensi("disiplin"),
    },
  };
}

/**
 * A profile's points as expressions over one ASN's row (`p`), its facts read through `ref`: the
 * four dimensions, the kompetensi had every item been filled, and each item's points.
 */
export function pointsSql(profile: MethodProfile, ref: FactRef = fact) {
  const dim = profile.dimensi;
  const varian = profile.disiplin.varian[profile.disiplin.varian_aktif];
  const compiled = profile.kompetensi.komponen.map((it) => itemSql(it, ref));
  const capped = (sum: string) => `CAST(least(${num(dim.kompetensi.maks)}, ${sum}) AS DOUBLE)`;
  return {
    items: compiled.map((c) => c.points),
    kualifikasi: `CAST(${
      kualifikasiSql(profile, "p.pendidikan", "p.syarat_pendidikan")
    } AS DOUBLE)`,
    kompetensi: capped(compiled.map((c) => c.points).join(" + ")),
    kompetensiTerisi: capped(
      compiled.map((c) => `(CASE WHEN ${c.points} = 0 THEN ${c.potential} ELSE ${c.points} END)`)
        .join(" + "),
    ),
    kinerja: `CAST(${kinerjaPoints(profile, ref("predikat"))} AS DOUBLE)`,
    disiplin: `CAST(${
      caseMap(
        ref("tingkat_berlaku"),
        [[3, num(varian.BERAT)], [2, num(varian.SEDANG)], [1, num(varian.RINGAN)]],
        num(varian.bersih),
      )
    } AS DOUBLE)`,
  };
}

/**
 * What the profile needs to be computed at all: with no value in an optional column it needs,
 * nobody is scored, rather than falling back to a guess. Conditions to AND, none for most.
 */
export function computable(profile: MethodProfile): string[] {
  return requiredColumns(profile).pegawai.map((c) =>
    `EXISTS (SELECT 1 FROM ${FAKTA_ASN} x WHERE x.${ident(c)} IS NOT NULL)`
  );
}

/**
 * The points of every ASN the profile counts (with `luar`: of every ASN), from `fakta_asn`: only
 * what `scoreColumnsSql` cannot compute from the other columns.
 */
export function scorePointsSql(
  profile: MethodProfile,
  period: Period,
  { slots = profile.kompetensi.komponen.length, pribadi = true, luar = false }: ScoreOptions = {},
): string {
  const items = profile.kompetensi.komponen;
  const inPopulation = (x: string) => inList(x, profile.populasi.jenis_pegawai);
  const fungsional = items.filter((i) => i.jenis === "diklat_fungsional");
  const points = pointsSql(profile);
  const itemColumns = Array.from(
    { length: slots },
    (_, i) => `CAST(${points.items[i] ?? "NULL"} AS DOUBLE) AS ${itemColumn(i)}`,
  );
  const jpItem = items.find((i) => i.jenis === "jp_minimal");
  const kepemimpinan = items.find((i) => i.jenis === "kepemimpinan");
  // The profile's facts under the names its rules read them by (see `factsSql`).
  const facts = Object.values(profileFacts(profile, period)).flat()
    .map((f) => `p.${factColumn(f)} AS ${ident(f.name)}`);

  return `
WITH
counted AS (
  SELECT p.*, ${facts.join(",\n    ")}
  FROM ${FAKTA_ASN} p WHERE ${luar ? "TRUE" : inPopulation("p.jenis_pegawai")}${
    computable(profile).map((c) => ` AND ${c}`).join("")
  }
),
item_scores AS (
  SELECT p.*,
    ${jpItem ? `coalesce(${fact(`jp__${jpItem.id}`)}, 0)` : "NULL"} AS jp_dihitung,
    ${kepemimpinan ? fact(`level__${kepemimpinan.id}`) : "NULL"} AS level_kepemimpinan,
    ${
    fungsional.length ? `coalesce(${fact(`ada__${fungsional[0].id}`)}, FALSE)` : "NULL"
  } AS diklat_fungsional_ada,
    ${
    fungsional.length ? ident(`dikecualikan__${fungsional[0].id}`) : "NULL"
  } AS dikecualikan_fungsional,
    ${points.kualifikasi} AS kualifikasi,
    ${points.kompetensi} AS kompetensi,
    ${points.kompetensiTerisi} AS kompetensi_terisi,
    ${itemColumns.join(", ")},
    ${points.kinerja} AS kinerja,
    ${points.disiplin} AS disiplin
  FROM counted p
)
SELECT
  nip, ${
    pribadi ? "nama, " : ""
  }jenis_pegawai, kode_instansi, kode_unit, nama_unit, jenis_jabatan, ${
    pribadi ? "nama_jabatan, " : ""
  }pendidikan,
  kualifikasi, kompetensi, kinerja, disiplin,
  coalesce(jp_jendela, 0) AS jp_jendela, jp_dihitung, level_kepemimpinan, diklat_fungsional_ada, dikecualikan_fungsional,
  predikat AS predikat_dipakai, tahun_skp, tingkat_berlaku,
  coalesce(n_pengembangan_jendela, 0) = 0 AS pengembangan_kosong,
  kompetensi_terisi - kompetensi AS potensi_kompetensi,
  ${Array.from({ length: slots }, (_, i) => itemColumn(i)).join(", ")}
FROM item_scores`;
}
