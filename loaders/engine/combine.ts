/**
 * Combine: every period's files merged into the output tables, with names from the reference,
 * the change against the previous period, and the manifest. Which columns each table has, and in
 * which order, comes from the output catalogue (src/keluaran.ts); what is computed here is only
 * how a column is obtained when it is not the period aggregate's own.
 */
import { join } from "node:path";
import { KOLOM_BOOL, KOLOM_TEKS, kolomTabel, type NamaTabel } from "../../src/keluaran.ts";
import { Db, ident, lit, valuesTable } from "../duck.ts";
import { categoryNames, slug } from "./aggregate.ts";
import { copyCsv } from "./csv.ts";
import type { MethodProfile } from "./method.ts";
import type { PeriodMeta } from "./periods.ts";
import { kodePusat, type Wilayah } from "../reference.ts";
import { variantSql } from "./rekonsiliasi.ts";
import { RESMI, RESMI_INTERVENSI, RESMI_NAMA, resmiProfile } from "./resmi.ts";
import { gainsAreAdditive, interventions } from "./gain.ts";
import { DIMENSI, LABEL_DIMENSI } from "../../src/kosakata.ts";
import { type InstansiRow, sensitivity } from "./sensitivity.ts";
import type { PeriodAccounting } from "./step.ts";

export interface Combine {
  staging: string;
  periods: string[];
  profiles: MethodProfile[];
  wilayah: Wilayah[];
  accounting: Record<string, PeriodAccounting>;
  metas: Record<string, PeriodMeta>;
  /** The default method of each period. */
  baku: Record<string, string | null>;
  /** The methods each period's output holds (its files may hold more: see the pipeline's cache). */
  metodeFor: Record<string, string[]>;
}

/**
 * Change against the previous period of the same method and entity (window `w`), and against the
 * same entity a year earlier (`b`, the period `tahunLalu` names).
 */
const CHANGE: Record<string, string> = {
  selisih: "a.nilai - lag(a.nilai) OVER w",
  periode_sebelumnya: "lag(a.periode) OVER w",
  naik_peringkat: "lag(a.peringkat) OVER w - a.peringkat",
  selisih_tahunan: "a.nilai - b.nilai",
  periode_tahun_lalu: "CASE WHEN b.nilai IS NOT NULL THEN tl.sebelumnya END",
};

/**
 * The period a year before `p` among `periods`: the same quarter of the previous year, else that
 * year's annual measurement (2024-Q3 → 2023-Q3, else 2023; 2023 → 2022); null if neither exists.
 */
export function tahunLalu(p: string, periods: readonly string[]): string | null {
  const y = Number(p.slice(0, 4)) - 1;
  return [`${y}${p.slice(4)}`, `${y}`].find((c) => periods.includes(c)) ?? null;
}

/** Per level: the period aggregate it reads, what it joins, the entity of its window, its order. */
const LEVELS = {
  instansi: {
    agg: "agg_instansi",
    join: "JOIN wilayah w USING (kode_instansi)",
    from: { nama_instansi: "w", jenis_instansi: "w", provinsi: "w" },
    entity: "a.kode_instansi",
    keys: ["kode_instansi"],
    order: "urutan, a.metode, a.peringkat",
  },
  unit: {
    agg: "agg_unit",
    join: "JOIN wilayah w USING (kode_instansi)",
    from: { nama_instansi: "w" },
    entity: "a.kode_instansi, a.kode_unit",
    keys: ["kode_instansi", "kode_unit"],
    order: "urutan, a.metode, a.kode_instansi, a.peringkat_instansi",
  },
  provinsi: {
    agg: "agg_provinsi",
    join: "JOIN provinsi pr USING (kode_provinsi)",
    from: { provinsi: "pr" },
    entity: "a.kode_provinsi",
    keys: ["kode_provinsi"],
    order: "urutan, a.metode, a.kode_provinsi",
  },
  kanreg: {
    agg: "agg_kanreg",
    join: "",
    from: {},
    entity: "'kanreg'",
    keys: [],
    order: "urutan, a.metode",
  },
} satisfies Partial<
  Record<NamaTabel, {
    agg: string;
    join: string;
    from: Record<string, string>;
    entity: string;
    keys: string[];
    order: string;
  }>
>;

/** The SELECT of one level's output table, its columns in catalogue order. */
export function levelSql(
  level: keyof typeof LEVELS,
  files: (name: string) => string,
  slugs: string[],
): string {
  const l = LEVELS[level];
  const from = l.from as Record<string, string>;
  const cols = kolomTabel(level, slugs).map((c) =>
    c in CHANGE ? `${CHANGE[c]} AS ${c}` : `${from[c] ?? "a"}.${c}`
  );
  const sameEntity = l.keys.map((k) => ` AND b.${k} = a.${k}`).join("");
  return `SELECT ${cols.join(", ")}
    FROM read_parquet(${files(l.agg)}) a JOIN urutan USING (periode)
    JOIN dipakai USING (periode, metode) ${l.join}
    LEFT JOIN tahun_lalu tl ON tl.periode = a.periode
    LEFT JOIN read_parquet(${
    files(l.agg)
  }) b ON b.periode = tl.sebelumnya AND b.metode = a.metode${sameEntity}
    WINDOW w AS (PARTITION BY metode, ${l.entity} ORDER BY urutan) ORDER BY ${l.order}`;
}

/**
 * The reference with the instansi the data holds and it lacks (kept under their code, #18): named
 * by their code, their kind from the Kemendagri numbering (2 digits a province; 71 and up a kota),
 * their province from the first two digits; a 4-digit code whose first two digits are no province
 * is a central agency's (BKN's 10xx–40xx), with none.
 */
function withUnknown(
  ref: Wilayah[],
  luar: { kode_instansi: string; n_asn: number; periode: string[] }[],
): (Wilayah & { luar?: { n_asn: number; periode: string[] } })[] {
  const provinsi = new Map(ref.map((w) => [w.kode_provinsi, w.provinsi]));
  const known = new Set(ref.map((w) => w.kode_instansi));
  return [
    ...ref,
    ...luar.filter((l) => !known.has(l.kode_instansi)).map((l) => {
      const luarRow = { n_asn: Number(l.n_asn), periode: l.periode };
      const nama_instansi = `Instansi ${l.kode_instansi}`;
      if (kodePusat(l.kode_instansi)) {
        // A central agency the reference lacks (BRIN, a ministry of a newer cabinet): no province.
        return {
          kode_instansi: l.kode_instansi,
          nama_instansi,
          jenis: "pusat" as const,
          kode_provinsi: "",
          provinsi: "",
          luar: luarRow,
        };
      }
      const kp = l.kode_instansi.slice(0, 2);
      const jenis: Wilayah["jenis"] = l.kode_instansi.length === 2
        ? "provinsi"
        : Number(l.kode_instansi.slice(2)) >= 71
        ? "kota"
        : "kabupaten";
      return {
        kode_instansi: l.kode_instansi,
        nama_instansi,
        jenis,
        kode_provinsi: kp,
        provinsi: provinsi.get(kp) ?? `Provinsi ${kp}`,
        luar: luarRow,
      };
    }),
  ];
}

/** Merges every period into the output tables in `o.staging`. */
export async function combine(o: Combine): Promise<void> {
  const { staging, periods, profiles } = o;
  const db = await Db.open();
  try {
    const files = (name: string) =>
      `[${periods.map((p) => lit(join(staging, "periode", p, `${name}.parquet`))).join(", ")}]`;
    await db.run(
      `CREATE TABLE urutan AS SELECT * FROM ${
        valuesTable(["periode", "urutan"], periods.map((p, i) => [p, i]))
      }`,
    );
    const wilayah = withUnknown(
      o.wilayah,
      await db.all<{ kode_instansi: string; n_asn: number; periode: string[] }>(
        `SELECT kode_instansi, sum(n_asn) AS n_asn, list(DISTINCT periode ORDER BY periode) AS periode
         FROM read_parquet(${files("instansi_luar")}, filename = true)
           JOIN urutan ON filename LIKE '%/periode/' || urutan.periode || '/%'
         GROUP BY ALL ORDER BY ALL`,
      ),
    );
    await db.run(
      `CREATE TABLE wilayah (kode_instansi VARCHAR, nama_instansi VARCHAR, jenis_instansi VARCHAR,
        kode_provinsi VARCHAR, provinsi VARCHAR)`,
    );
    await db.run(
      `INSERT INTO wilayah SELECT * FROM ${
        valuesTable(
          ["kode_instansi", "nama_instansi", "jenis_instansi", "kode_provinsi", "provinsi"],
          wilayah.map((
            w,
          ) => [
            w.kode_instansi,
            w.nama_instansi,
            w.jenis,
            w.kode_provinsi || null,
            w.provinsi || null,
          ]),
        )
      }`,
    );
    await db.run(`CREATE TABLE provinsi AS SELECT DISTINCT kode_provinsi, provinsi FROM wilayah`);
    await db.run(
      // Typed: with no period a year apart the column would be all NULL, and not text.
      `CREATE TABLE tahun_lalu AS SELECT periode, CAST(sebelumnya AS VARCHAR) AS sebelumnya FROM ${
        valuesTable(["periode", "sebelumnya"], periods.map((p) => [p, tahunLalu(p, periods)]))
      }`,
    );
    await db.run(
      `CREATE TABLE dipakai AS SELECT * FROM ${
        valuesTable(
          ["periode", "metode"],
          periods.flatMap((p) => o.metodeFor[p].map((m) => [p, m])),
        )
      }`,
    );
    const slugs = categoryNames(profiles).map((c) => slug(c));
    const perPeriod = (name: string, order: string) =>
      `SELECT t.* FROM read_parquet(${
        files(name)
      }) t JOIN urutan USING (periode) JOIN dipakai USING (periode, metode) ORDER BY urutan, ${order}`;
    const tables: Record<string, string> = {
      instansi: levelSql("instansi", files, slugs),
      unit: levelSql("unit", files, slugs),
      provinsi: levelSql("provinsi", files, slugs),
      kanreg: levelSql("kanreg", files, slugs),
      peluang_instansi: perPeriod(
        "peluang_instansi",
        "metode, kode_instansi, intervensi, poin DESC",
      ),
      peluang_unit: perPeriod(
        "peluang_unit",
        "metode, kode_instansi, kode_unit, intervensi, poin DESC",
      ),
      selisih_instansi: perPeriod("selisih_instansi", "metode, kode_instansi, dimensi"),
      varian_instansi: `SELECT v.* FROM (${
        variantSql(
          `(SELECT k.* FROM read_parquet(${
            files("komponen_instansi")
          }) k JOIN dipakai USING (periode, metode))`,
        )
      }) v JOIN urutan USING (periode) ORDER BY urutan, v.metode, v.kode_instansi, v.populasi, v.data`,
    };
    for (const [name, sql] of Object.entries(tables)) {
      await copyCsv(db, sql, join(staging, `${name}.csv`));
      await db.run(`COPY (${sql}) TO ${lit(join(staging, `${name}.parquet`))} (FORMAT parquet)`);
    }
    // Per-person files are written once, in their period's folder (periode/<p>/skor_asn.parquet,
    // …; paths.ts perPersonFiles): a top-level copy would be a second write of the largest files.
    await db.run(
      `COPY (SELECT DISTINCT nama FROM read_parquet(${files("nama")}) ORDER BY nama) TO ${
        lit(join(staging, "nama.parquet"))
      } (FORMAT parquet)`,
    );
    // Sensitivity: each variant against its base, per period where both were computed.
    const inst = await db.all<InstansiRow>(
      `SELECT periode, metode, kode_instansi, nilai, kategori, peringkat FROM read_parquet(${
        files("agg_instansi")
      }) JOIN dipakai USING (periode, metode)`,
    );
    const kolom = kolomTabel("sensitivitas", []);
    // Variants are computed for the latest period by default: other periods have rows only
    // where a variant was computed there.
    const rows = sensitivity(inst, profiles).filter((r) =>
      r.dapat_dihitung || r.periode === periods.at(-1)
    ).map((r) =>
      kolom.map((k) => {
        const v = (r as unknown as Record<string, unknown>)[k];
        return typeof v === "boolean" ? String(v) : (v as string | number | null);
      })
    );
    const cast = kolom.map((k) =>
      KOLOM_BOOL.has(k)
        ? `CAST(${ident(k)} AS BOOLEAN) AS ${ident(k)}`
        : KOLOM_TEKS.has(k)
        ? ident(k)
        : `CAST(${ident(k)} AS ${k.startsWith("n_") ? "BIGINT" : "DOUBLE"}) AS ${ident(k)}`
    );
    await copyCsv(
      db,
      `SELECT ${cast.join(", ")} FROM ${valuesTable(kolom, rows)}`,
      join(staging, "sensitivitas.csv"),
    );
    await copyCsv(
      db,
      `SELECT q.periode, q.tabel, q.file, q.line, q."column", q.code, q.value, q.reason FROM (
        SELECT regexp_extract(filename, '/periode/([^/]+)/', 1) AS periode, * FROM read_parquet(${
        files("quarantine")
      }, filename = true)
      ) q JOIN urutan USING (periode) ORDER BY urutan, q.tabel, q.line`,
      join(staging, "quarantine.csv"),
    );
    Deno.writeTextFileSync(
      join(staging, "accounting.json"),
      JSON.stringify(o.accounting, null, 2) + "\n",
    );
    // What the outputs were computed under, for the site (which reads this folder and nothing of
    // the engine): every profile whole, as resolved (the Metodologi page prints its rules), with
    // the simulator's interventions and whether their gains add up exactly; BKN's official
    // results as a pseudo-profile where a period holds them; each period's methods.
    const adaResmi = periods.some((p) => o.metodeFor[p].includes(RESMI));
    const bakuTerakhir = profiles.find((p) => p.id === o.baku[periods.at(-1)!]) ?? profiles[0];
    const manifest = {
      periode: periods,
      metode: [
        ...profiles.map((p) => ({ id: p.id, versi: p.versi, nama: p.nama })),
        ...(adaResmi ? [{ id: RESMI, versi: "-", nama: RESMI_NAMA }] : []),
      ],
      metode_baku: Object.fromEntries(periods.map((p) => [p, o.baku[p]])),
      metode_periode: Object.fromEntries(periods.map((p) => [p, o.metodeFor[p]])),
      dimensi: DIMENSI.map((nama) => ({ nama, label: LABEL_DIMENSI[nama] })),
      profil: [
        ...profiles.map((p) => ({
          ...p,
          intervensi: interventions(p),
          tambahan_tepat: gainsAreAdditive(p),
        })),
        // The categories and maxima of the latest period's default profile, which are BKN's; no
        // rules of its own.
        ...(adaResmi && bakuTerakhir
          ? [{
            ...resmiProfile(bakuTerakhir),
            resmi: true,
            intervensi: RESMI_INTERVENSI,
            tambahan_tepat: true,
          }]
          : []),
      ],
      wilayah: wilayah.length,
      di_luar_referensi: wilayah.filter((w) => w.luar).map((w) => ({
        kode_instansi: w.kode_instansi,
        baris: w.luar!.n_asn,
        periode: w.luar!.periode,
      })),
      sintetis: periods.some((p) => o.metas[p].sintetis === true),
      sumber: [...new Set(periods.map((p) => o.metas[p].sumber).filter(Boolean))],
    };
    Deno.writeTextFileSync(
      join(staging, "manifest.json"),
      JSON.stringify(manifest, null, 2) + "\n",
    );
  } finally {
    db.close();
  }
}
