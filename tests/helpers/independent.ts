/**
 * An independent implementation of the two methods, written from shared/spec/method-ipasn.md in
 * plain TypeScript: it shares no code with the engine (no SQL, no profile files). It reads clean
 * CSV exports in the canonical codes the demo generator writes.
 */
import { csvParse } from "d3";

type Method = "bkn-2019" | "bkn-2024";

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
const KIN: Record<Method, Record<string, number>> = {
  "bkn-2019": {
    SANGAT_BAIK: 30,
    BAIK: 25,
    CUKUP: 15,
    BUTUH_PERBAIKAN: 15,
    KURANG: 10,
    BURUK: 5,
    SANGAT_KURANG: 5,
  },
  "bkn-2024": {
    SANGAT_BAIK: 30,
    BAIK: 25,
    BUTUH_PERBAIKAN: 20,
    CUKUP: 20,
    KURANG: 15,
    SANGAT_KURANG: 10,
    BURUK: 10,
  },
};
const BASE_2024: Record<string, number> = {
  SANGAT_BAIK: 25,
  BAIK: 20,
  BUTUH_PERBAIKAN: 15,
  CUKUP: 15,
  KURANG: 10,
  SANGAT_KURANG: 5,
  BURUK: 5,
};
const LEVEL: Record<string, number> = {
  PIM_I: 1,
  PKN_I: 1,
  PIM_II: 2,
  PKN_II: 2,
  PIM_III: 3,
  PKA: 3,
  PIM_IV: 4,
  PKP: 4,
};
const NEED: Record<string, number> = { JPT: 2, ADMINISTRATOR: 3, PENGAWAS: 4 };
const EXEMPT = [
  "guru",
  "dokter",
  "dokter gigi",
  "perawat",
  "bidan",
  "apoteker",
  "psikolog",
  "asesor",
];
const SEVERITY: Record<string, number> = { RINGAN: 1, SEDANG: 2, BERAT: 3 };

export async function independentInstansiMeans(
  dir: string,
  periode: string,
  method: Method,
): Promise<Map<string, { n: number; nilai: number }>> {
  const [y, q] = periode.split("-Q");
  const year = Number(y);
  const start = `${year}-01-01`;
  const end = q
    ? `${year}-${["03-31", "06-30", "09-30", "12-31"][Number(q) - 1]}`
    : `${year}-12-31`;
  const read = async (t: string) => csvParse(await Deno.readTextFile(`${dir}/${periode}/${t}.csv`));
  const pegawai = await read("pegawai"),
    diklat = await read("diklat"),
    kinerja = await read("kinerja"),
    hukdis = await read("hukdis");

  const train = new Map<
    string,
    { jpTeknis: number; jpAll: number; seminar: boolean; level: number; fung: boolean }
  >();
  for (const d of diklat) {
    const t = train.get(d.nip) ?? { jpTeknis: 0, jpAll: 0, seminar: false, level: 9, fung: false };
    const date = d.tanggal_selesai || d.tanggal_mulai;
    const inWindow = date >= start && date <= end;
    const jp = d.jp ? Number(d.jp) : 0;
    if (inWindow) {
      t.jpAll += jp;
      if (d.jenis === "TEKNIS") t.jpTeknis += jp;
      if (["SEMINAR", "WORKSHOP", "KURSUS", "MAGANG"].includes(d.jenis)) t.seminar = true;
    }
    if (date <= end && d.jenis === "STRUKTURAL") t.level = Math.min(t.level, LEVEL[d.jenjang]);
    if (date <= end && d.jenis === "FUNGSIONAL") t.fung = true;
    train.set(d.nip, t);
  }
  const skp = new Map<string, { tahun: number; predikat: string }>();
  for (const k of kinerja) {
    const tahun = Number(k.tahun);
    if (tahun !== year && tahun !== year - 1) continue;
    const prev = skp.get(k.nip);
    if (!prev || tahun > prev.tahun) skp.set(k.nip, { tahun, predikat: k.predikat });
  }
  const punish = new Map<string, number>();
  for (const h of hukdis) {
    const until = h.akhir || `${h.tmt.slice(0, 4)}-12-31`;
    if (h.tmt <= end && until >= start) {
      punish.set(h.nip, Math.max(punish.get(h.nip) ?? 0, SEVERITY[h.tingkat]));
    }
  }

  const sums = new Map<string, { n: number; total: number }>();
  for (const p of pegawai) {
    if (method === "bkn-2019" && p.jenis_pegawai !== "PNS") continue;
    const t = train.get(p.nip) ?? { jpTeknis: 0, jpAll: 0, seminar: false, level: 9, fung: false };
    const pred = skp.get(p.nip)?.predikat;
    const kual = EDU[p.pendidikan] ?? 0;
    let komp: number;
    if (method === "bkn-2019") {
      const j = p.jenis_jabatan;
      if (j === "PELAKSANA") komp = (t.jpTeknis >= 20 ? 22.5 : 0) + (t.seminar ? 17.5 : 0);
      else {
        const first = j === "FUNGSIONAL"
          ? (t.fung || EXEMPT.some((w) => (p.nama_jabatan ?? "").toLowerCase().includes(w))
            ? 15
            : 0)
          : (t.level <= NEED[j] ? 15 : 0);
        komp = first + (t.jpTeknis >= 20 ? 15 : 0) + (t.seminar ? 10 : 0);
      }
    } else {
      komp = Math.min(40, (pred ? BASE_2024[pred] : 0) + (t.jpAll >= 20 ? 15 : 0));
    }
    komp = Math.min(40, komp);
    const kin = pred ? KIN[method][pred] : 0;
    const sev = punish.get(p.nip) ?? 0;
    // Clean 5, ringan 3, sedang 2 (1 before profiles 1.1.0: see their perubahan), berat 0.
    const dis = [5, 3, 2, 0][sev];
    const s = sums.get(p.kode_instansi) ?? { n: 0, total: 0 };
    s.n++;
    s.total += kual + komp + kin + dis;
    sums.set(p.kode_instansi, s);
  }
  return new Map([...sums].map(([k, s]) => [k, { n: s.n, nilai: s.total / s.n }]));
}
