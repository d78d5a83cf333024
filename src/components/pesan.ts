/**
 * Sentences the pages share for data at its smallest: one period (no change, no trend yet) and a
 * BKD whose unit kerja are all below the small-cell threshold. The threshold is the settings'
 * (`situs.ambang_sel_kecil`, from data/publikasi.json), never typed here.
 */
import { periode } from "./format.js";

/** Why no unit kerja of a BKD site shows a value (in a period, when given). */
export function semuaUnitDisembunyikan(ambang: number, periodeId?: string): string {
  return `Tidak ada unit kerja yang dapat ditampilkan${
    periodeId ? ` pada ${periode(periodeId)}` : ""
  }: semua unit kerja di bawah ambang ${ambang} ASN disembunyikan, begitu pula unit tambahan yang perlu disembunyikan agar nilainya tidak bisa dihitung balik dari total instansi.`;
}

/** What a trend of one period shows, and when a line appears. */
export function satuPeriode(periodeId: string): string {
  return `Baru ada satu periode (${
    periode(periodeId)
  }): titik di atas adalah nilainya; garis tren tampil setelah periode berikutnya diolah.`;
}
