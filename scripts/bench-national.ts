/**
 * The benchmark's national site data: every regional government of `data/reference/wilayah-nasional.csv`
 * (546 instansi in 38 provinces, real names and codes) and every central agency of
 * `data/reference/instansi-pusat.csv` (94; the quick run takes two) over the demo's 13 periods, with a few dozen
 * synthetic ASN each. What a national site's pages weigh and what its build costs in Framework follow
 * from instansi × periods × methods (rows of every site table, one report card per instansi), not
 * from the number of ASN, so the people are kept few: scoring them takes seconds, and the national
 * scoring at full size is measured in the suite's own section.
 *
 * The people come from the demo generator's model (the same Population, records and thresholds as
 * the kanreg8 demo), carried across periods; each instansi's data quality drifts from period to
 * period (a seeded walk), so ranks, changes and categories move as in real data. Nothing is
 * calibrated to a reported figure. Deterministic in the seed.
 */
import { csvParse } from "d3";
import { join } from "node:path";
import { parsePeriod } from "../loaders/engine/period.ts";
import { INSTANSI_PUSAT, WILAYAH_NASIONAL } from "../loaders/reference.ts";
import {
  floorBy,
  type InstansiSpec,
  type PeriodSinks,
  Population,
  records,
  type Thresholds,
  thresholds,
} from "../loaders/demo/model.ts";
import { exemptWords, TABLES, Writers } from "../loaders/demo/kanreg8.ts";
import { Rng } from "../loaders/demo/random.ts";
import { Sink } from "../loaders/demo/sink.ts";
import { DEMO_PERIODS } from "../loaders/demo/targets.ts";
import type { TableName } from "../loaders/demo/tables.ts";

export interface NationalSiteOptions {
  out: string;
  /** ASN per instansi (about; at least 20). */
  asn: number;
  /** Only the instansi of these provinces (the quick run); default all 38. */
  provinsi?: string[];
  seed?: number;
}

/** Writes `out/<periode>/*.csv` for the 13 demo periods and `out/wilayah.csv`; returns counts. */
export async function nationalSite(
  o: NationalSiteOptions,
): Promise<
  {
    instansi: number;
    provinsi: number;
    pusat: number;
    periods: number;
    rows: Record<TableName, number>;
  }
> {
  const seed = o.seed ?? 20241;
  const lines = Deno.readTextFileSync(WILAYAH_NASIONAL).trim().split("\n");
  const header = lines[0].split(",");
  const col = (name: string) => header.indexOf(name);
  // Names hold no comma in the reference; the test of the reference checks its generator's output.
  const wilayah = lines.slice(1).map((l) => l.split(","))
    .filter((c) => !o.provinsi || o.provinsi.includes(c[col("kode_provinsi")]));
  Deno.mkdirSync(o.out, { recursive: true });
  Deno.writeTextFileSync(
    join(o.out, "wilayah.csv"),
    [lines[0], ...wilayah.map((c) => c.join(","))].join("\n") + "\n",
  );
  const rng = new Rng(seed, "bench-national");
  // Central agencies after the regions (the regions' draws stay as they were without them).
  const pusat = csvParse(Deno.readTextFileSync(INSTANSI_PUSAT)).map((r) => r.kode_instansi!)
    .slice(0, o.provinsi ? 2 : undefined);
  const specs: InstansiSpec[] = [
    ...wilayah.map((c) => [c[col("kode_instansi")], c[col("jenis")]]),
    ...pusat.map((kode) => [kode, "pusat"]),
  ].map(([kode, jenis]) => ({
    kode,
    jenis: jenis as InstansiSpec["jenis"],
    size: Math.max(20, Math.round(o.asn * (0.6 + 0.8 * rng.next()))),
  }));
  const exempt = await exemptWords();
  const writers = new Writers(o.out);
  const sinks: PeriodSinks = {
    pegawai: new Sink(),
    diklat: new Sink(),
    kinerja: new Sink(),
    hukdis: new Sink(),
  };
  const rows: Record<TableName, number> = { pegawai: 0, diklat: 0, kinerja: 0, hukdis: 0 };
  const periods = [...DEMO_PERIODS];
  for (const p of periods) for (const t of TABLES) await writers.open(p, t);
  const nips = new Set<string>();
  for (const spec of specs) {
    const pop = new Population(spec, seed, exempt, nips);
    const walk = new Rng(seed, spec.kode, "mutu");
    let q = 0.2 + 0.6 * walk.next();
    let byQuarter: Thresholds[] = [];
    let prevYear: Thresholds | null = null;
    let year = 0;
    let floor: Partial<Thresholds> = {};
    for (const periode of periods) {
      const per = parsePeriod(periode);
      if (per.year !== year) {
        if (byQuarter.length) prevYear = byQuarter.at(-1)!;
        year = per.year;
        byQuarter = [];
        floor = {};
      }
      // Quality drifts upwards on average, unevenly between instansi and periods.
      q = Math.min(0.98, Math.max(0.05, q + 0.03 + 0.1 * (walk.next() - 0.5)));
      const t = floorBy(thresholds(q, per.quarter), floor);
      records(pop, periode, t, [...byQuarter, t], prevYear, sinks);
      await writers.drain(periode, sinks, rows);
      if (!per.quarter) prevYear = t;
      else byQuarter.push(t);
      // Within a year nothing once on record disappears.
      floor = { jp: t.jp, sem: t.sem, baruJp: t.baruJp };
    }
  }
  writers.close();
  for (const p of periods) {
    Deno.writeTextFileSync(
      join(o.out, p, "meta.json"),
      JSON.stringify(
        {
          sumber: "Data contoh sintetis dari benchmark ipasn (bukan data pegawai sungguhan)",
          sintetis: true,
          benih: seed,
          skala: "nasional-situs",
        },
        null,
        2,
      ) + "\n",
    );
  }
  return {
    instansi: specs.length,
    provinsi: new Set(wilayah.map((c) => c[col("kode_provinsi")])).size,
    pusat: pusat.length,
    periods: periods.length,
    rows,
  };
}

if (import.meta.main) {
  const [out, asn = "40", prov] = Deno.args;
  console.log(
    await nationalSite({ out, asn: Number(asn), provinsi: prov ? prov.split(",") : undefined }),
  );
}
