/**
 * A straightforward arquero implementation of the bkn-2024 method, for the benchmark's engine
 * comparison: read the four CSV tables, score every counted ASN, average per instansi.
 */
import * as aq from "arquero";

// deno-lint-ignore no-explicit-any
const op = aq.op as any;

const BASE: Record<string, number> = {
  SANGAT_BAIK: 25,
  BAIK: 20,
  BUTUH_PERBAIKAN: 15,
  CUKUP: 15,
  KURANG: 10,
  SANGAT_KURANG: 5,
  BURUK: 5,
};
const KIN: Record<string, number> = {
  SANGAT_BAIK: 30,
  BAIK: 25,
  BUTUH_PERBAIKAN: 20,
  CUKUP: 20,
  KURANG: 15,
  SANGAT_KURANG: 10,
  BURUK: 10,
};
const EDU: Record<string, number> = {
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
// Clean, RINGAN, SEDANG, BERAT, as data/methods/bkn-2024.json scores them.
const DIS = [5, 3, 2, 0];
const SEV: Record<string, number> = { RINGAN: 1, SEDANG: 2, BERAT: 3 };

export async function arqueroInstansiMeans(
  dir: string,
  periode: string,
): Promise<Map<string, number>> {
  const year = Number(periode.slice(0, 4));
  const end = periode.includes("-Q")
    ? `${year}-${["03-31", "06-30", "09-30", "12-31"][Number(periode.slice(-1)) - 1]}`
    : `${year}-12-31`;
  const start = `${year}-01-01`;
  const read = async (t: string) =>
    aq.fromCSV(await Deno.readTextFile(`${dir}/${t}.csv`), { autoType: false });
  const [pegawai, diklat, kinerja, hukdis] = await Promise.all(
    ["pegawai", "diklat", "kinerja", "hukdis"].map(read),
  );
  const jp = diklat
    .params({ start, end })
    .derive({ tanggal: (d: Record<string, string>) => d.tanggal_selesai || d.tanggal_mulai })
    .filter((d: Record<string, string>, $: Record<string, string>) =>
      d.tanggal >= $.start && d.tanggal <= $.end
    )
    .groupby("nip")
    .rollup({ jp: (d: Record<string, string>) => op.sum(op.parse_float(d.jp) || 0) });
  const recent = kinerja
    .params({ y: year })
    .derive({ tahun: (d: Record<string, string>) => op.parse_int(d.tahun) })
    .filter((d: Record<string, number>, $: { y: number }) =>
      d.tahun === $.y || d.tahun === $.y - 1
    );
  // This year's SKP if there is one, else last year's.
  const skp = recent.orderby(aq.desc("tahun")).dedupe("nip").select("nip", "predikat");
  const huk = hukdis
    .params({ start, end })
    .derive({
      sampai: (d: Record<string, string>) => d.akhir || op.substring(d.tmt, 0, 4) + "-12-31",
    })
    .filter((d: Record<string, string>, $: Record<string, string>) =>
      d.tmt <= $.end && d.sampai >= $.start
    )
    .derive({ sev: aq.escape((d: Record<string, string>) => SEV[d.tingkat]) })
    .groupby("nip")
    .rollup({ sev: (d: Record<string, number>) => op.max(d.sev) });
  const scored = pegawai
    .join_left(jp, "nip")
    .join_left(skp, "nip")
    .join_left(huk, "nip")
    .derive({
      nilai: aq.escape((d: Record<string, unknown>) =>
        (EDU[d.pendidikan as string] || 0) +
        Math.min(40, (BASE[d.predikat as string] || 0) + (((d.jp as number) || 0) >= 20 ? 15 : 0)) +
        (KIN[d.predikat as string] || 0) +
        DIS[(d.sev as number) || 0]
      ),
    });
  const means = scored.groupby("kode_instansi").rollup({ nilai: op.mean("nilai") }).objects() as {
    kode_instansi: string;
    nilai: number;
  }[];
  return new Map(means.map((m) => [m.kode_instansi, m.nilai]));
}
