/**
 * The internal build's workbook per instansi, the worklist a BKD hands each OPD: a summary sheet,
 * then for every unit kerja a sheet of its worklist (the rows the internal pages show,
 * loaders/publish/internal.ts) and, when the scoring wrote the per-person gaps file
 * (periode/<p>/celah_asn.parquet), a sheet of the SIASN fields to fill for its people. Per-person data: the
 * functions refuse to run outside `--audience internal`, and the files go to the internal output
 * only (loaders/publish/terbuka.ts).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { periode as labelPeriode } from "../../src/components/format.ts";
import { KOLOM, type Kolom, type NamaKolom, TABEL } from "../../src/keluaran.ts";
import { Db, lit } from "../duck.ts";
import { assertInternal, unitsOf, worklist, worklistPeriod } from "./internal.ts";
import type { Hasil } from "./hasil.ts";
import { type KolomXlsx, type Lembar, namaLembar, tulisBuku } from "./xlsx.ts";

/** The gaps file's columns (loaders/engine/step.ts writes it), in its order. */
export const KOLOM_CELAH = [
  "periode",
  "nip",
  "nama",
  "kode_instansi",
  "kode_unit",
  "nama_unit",
  "tabel",
  "kolom",
  "kurang",
  "isi_di_siasn",
  "keterangan",
  "file",
  "line",
] as const;

/** The gaps file's own columns and the summary's counts: the catalogue has no entry for them. */
const KOLOM_KERJA: Record<string, Kolom> = {
  tabel: { tipe: "teks", label: "Tabel ekspor", arti: "tabel ekspor tempat data itu kurang" },
  kolom: { tipe: "teks", label: "Kolom ekspor", arti: "kolom yang kosong" },
  kurang: { tipe: "teks", label: "Yang kurang", arti: "apa yang belum diisi" },
  isi_di_siasn: { tipe: "teks", label: "Isi di SIASN", arti: "isian SIASN yang melengkapinya" },
  keterangan: { tipe: "teks", label: "Keterangan", arti: "penjelasan baris itu" },
  file: { tipe: "teks", label: "Berkas", arti: "berkas ekspor" },
  line: { tipe: "angka", label: "Baris", arti: "nomor baris di berkas ekspor" },
  n_daftar: {
    tipe: "angka",
    label: "ASN dalam daftar",
    arti: "ASN dengan isian yang menambah poin",
  },
  n_isian: { tipe: "angka", label: "Isian", arti: "baris daftar kerja" },
  poin_total: {
    tipe: "angka",
    label: "Jumlah poin",
    arti: "jumlah poin bila semua isian dibereskan",
  },
  n_celah: { tipe: "angka", label: "Celah data", arti: "isian SIASN yang masih kosong" },
};

function kolomKerja(nama: string): KolomXlsx {
  const k = KOLOM_KERJA[nama] ?? KOLOM[nama as NamaKolom];
  if (!k) throw new Error(`${nama}: no label in src/keluaran.ts or loaders/publish/bukuKerja.ts`);
  return {
    nama,
    judul: k.label,
    tipe: k.tipe,
    ...(k.tipe === "angka"
      ? { format: nama === "poin" || nama === "poin_total" ? "0.00" : "#,##0" }
      : {}),
    ...(/^nama|^langkah$|^keterangan$|^kurang$|^isi_di_siasn$/.test(nama) ? { lebar: 32 } : {}),
    ...(nama === "nip" ? { lebar: 20 } : {}),
  };
}

/** The gaps file of a period, where the scoring writes the per-person files (loaders/paths.ts). */
const fileCelah = (h: Hasil, periode: string) =>
  join(h.dir, "periode", periode, "celah_asn.parquet");

/** One instansi's gaps in the worklist period: each SIASN field to fill, per person. */
export async function celahOf(
  h: Hasil,
  kode: string,
  periode: string,
): Promise<Record<string, unknown>[]> {
  assertInternal();
  const file = fileCelah(h, periode);
  if (!existsSync(file)) return [];
  const db = await Db.open();
  try {
    return await db.all(`
      SELECT ${KOLOM_CELAH.join(", ")} FROM read_parquet(${lit(file)})
      WHERE periode = ${lit(periode)} AND kode_instansi = ${lit(kode)}
      ORDER BY kode_unit, nama, nip, tabel, kolom, line`);
  } finally {
    db.close();
  }
}

/** `file` (new): the workbook of instansi `kode`, the worklist period's units one sheet each. */
export async function bukuKerja(
  h: Hasil,
  kode: string,
  file: string,
  o: { nama_instansi: string; sumber: string; tanggal: Date },
): Promise<{ unit: number }> {
  assertInternal();
  const { periode, metode } = worklistPeriod(h);
  const daftar = await worklist(h, kode);
  const units = (await unitsOf(h, kode)).filter((u) =>
    u.periode === periode && u.metode === metode
  );
  const adaCelah = existsSync(fileCelah(h, periode));
  const celah = await celahOf(h, kode, periode);
  const per = <T extends Record<string, unknown>>(rows: T[]) =>
    Map.groupBy(rows, (r) => String(r.kode_unit));
  const daftarUnit = per(daftar), celahUnit = per(celah);
  // Every unit of the period, and any the worklist or the gaps name beside them.
  const nama = new Map<string, string>();
  for (const r of [...units, ...daftar, ...celah]) {
    if (!nama.has(String(r.kode_unit))) nama.set(String(r.kode_unit), String(r.nama_unit ?? ""));
  }
  // In code order, as the export lists them (SIASN's unit codes), so a unit is found the same way every time.
  const urut = [...nama].sort(([a], [b]) => a.localeCompare(b));
  const dataUnit = new Map(units.map((u) => [String(u.kode_unit), u]));
  const kepala = (unit: string) =>
    `INTERNAL: berisi data pribadi pegawai, hanya untuk instansi ini. ${unit}${o.nama_instansi}, ${
      labelPeriode(periode)
    }, metode ${metode}. Dibuat ${
      new Intl.DateTimeFormat("id-ID", { dateStyle: "long", timeZone: "Asia/Jakarta" }).format(
        o.tanggal,
      )
    } dengan ipasn dari ${o.sumber}.`;
  const dipakai = new Set<string>();
  const lembar: Lembar[] = [{
    nama: namaLembar("Ringkasan", dipakai),
    sumber: kepala(""),
    kolom: [
      "kode_unit",
      "nama_unit",
      "n_asn",
      "nilai",
      "kategori",
      "n_daftar",
      "n_isian",
      "poin_total",
      ...(adaCelah ? ["n_celah"] : []),
    ].map(kolomKerja),
    baris: urut.map(([kodeUnit, namaUnit]) => {
      const d = daftarUnit.get(kodeUnit) ?? [];
      return {
        kode_unit: kodeUnit,
        nama_unit: namaUnit,
        n_asn: dataUnit.get(kodeUnit)?.n_asn,
        nilai: dataUnit.get(kodeUnit)?.nilai,
        kategori: dataUnit.get(kodeUnit)?.kategori,
        n_daftar: new Set(d.map((r) => r.nip)).size,
        n_isian: d.length,
        poin_total: d.reduce((s, r) => s + Number(r.poin ?? 0), 0),
        n_celah: celahUnit.get(kodeUnit)?.length ?? 0,
      };
    }),
  }];
  const kolomDaftar = (TABEL.daftar_kerja.kolom as readonly string[])
    .filter((c) => c !== "kode_unit" && c !== "nama_unit").map(kolomKerja);
  for (const [kodeUnit, namaUnit] of urut) {
    const unit = `${namaUnit} (${kodeUnit}), `;
    lembar.push({
      nama: namaLembar(namaUnit || kodeUnit, dipakai),
      sumber: `Daftar kerja. ${kepala(unit)}`,
      kolom: kolomDaftar,
      baris: daftarUnit.get(kodeUnit) ?? [],
    });
    if (adaCelah) {
      lembar.push({
        nama: namaLembar(`Celah ${namaUnit || kodeUnit}`, dipakai),
        sumber: `Celah data: isian SIASN yang masih kosong. ${kepala(unit)}`,
        kolom: KOLOM_CELAH.map(kolomKerja),
        baris: celahUnit.get(kodeUnit) ?? [],
      });
    }
  }
  await tulisBuku(file, lembar, {
    judul: `Daftar kerja ${o.nama_instansi}`,
    pembuat: "ipasn",
    tanggal: o.tanggal,
  });
  return { unit: nama.size };
}
