/**
 * Every output table and column, described once. The engine takes its column order from here
 * (loaders/engine/pipeline.ts), the site's loaders their column lists and CSV read types
 * (loaders/publish/), the pages their parser types (components/data.ts) and the Data page its
 * dictionary; the privacy scan takes the per-person fields. Adding a column is one line in
 * KOLOM and its name in the tables that carry it.
 *
 * Lives in src/ because the browser imports it too (Framework serves only its source root).
 */

export type Tipe = "teks" | "angka" | "bool";

export interface Kolom {
  /** How the value is read: codes and periods are text ("63" is a code, not a number). */
  tipe: Tipe;
  /** Indonesian label, for a reader. */
  label: string;
  /** One line: what the value is. */
  arti: string;
  /** A per-person field: never in a public file (the privacy scan looks for it). */
  pribadi?: true;
}

/** Every column of every output table. Category columns are `asn_<kategori>` / `instansi_<kategori>`. */
export const KOLOM = {
  periode: {
    tipe: "teks",
    label: "Periode",
    arti: "`YYYY` (tahunan) atau `YYYY-Qn` (triwulanan)",
  },
  metode: {
    tipe: "teks",
    label: "Metode",
    arti: "profil metode (lihat Metodologi)",
  },
  metode_baku: {
    tipe: "bool",
    label: "Metode baku",
    arti: "`true` untuk metode baku periode itu",
  },
  kode_instansi: {
    tipe: "teks",
    label: "Kode instansi",
    arti: "kode wilayah Kemendagri; untuk instansi pusat, kode instansi BKN",
  },
  nama_instansi: { tipe: "teks", label: "Instansi", arti: "nama instansi" },
  jenis_instansi: {
    tipe: "teks",
    label: "Jenis instansi",
    arti: "provinsi, kabupaten, kota, atau pusat (kementerian/lembaga)",
  },
  kode_provinsi: {
    tipe: "teks",
    label: "Kode provinsi",
    arti: "kode wilayah Kemendagri; kosong untuk instansi pusat",
  },
  provinsi: { tipe: "teks", label: "Provinsi", arti: "nama provinsi" },
  kode_unit: { tipe: "teks", label: "Kode unit", arti: "kode unit kerja dari data kepegawaian" },
  nama_unit: { tipe: "teks", label: "Unit kerja", arti: "nama unit kerja" },
  n_asn: { tipe: "angka", label: "Jumlah ASN", arti: "jumlah ASN yang diukur" },
  n_pns: { tipe: "angka", label: "Jumlah PNS", arti: "jumlah PNS yang diukur" },
  n_pppk: { tipe: "angka", label: "Jumlah PPPK", arti: "jumlah PPPK yang diukur" },
  kualifikasi: {
    tipe: "angka",
    label: "Kualifikasi",
    arti: "rata-rata skor dimensi kualifikasi (maksimum menurut profil metode)",
  },
  kompetensi: {
    tipe: "angka",
    label: "Kompetensi",
    arti: "rata-rata skor dimensi kompetensi (maksimum menurut profil metode)",
  },
  kinerja: {
    tipe: "angka",
    label: "Kinerja",
    arti: "rata-rata skor dimensi kinerja (maksimum menurut profil metode)",
  },
  disiplin: {
    tipe: "angka",
    label: "Disiplin",
    arti: "rata-rata skor dimensi disiplin (maksimum menurut profil metode)",
  },
  nilai: {
    tipe: "angka",
    label: "Nilai IP ASN",
    arti:
      "rata-rata nilai total ASN yang diukur, tanpa pembulatan (situs menampilkan dua desimal); jumlah keempat dimensi",
  },
  kategori: {
    tipe: "teks",
    label: "Kategori",
    arti: "kategori dari `nilai` yang dibulatkan dua desimal",
  },
  peringkat: {
    tipe: "angka",
    label: "Peringkat",
    arti: "peringkat di antara semua instansi (nilai tanpa pembulatan, menurun; seri dipisah kode)",
  },
  jumlah_instansi: { tipe: "angka", label: "Jumlah instansi", arti: "jumlah instansi yang diukur" },
  peringkat_provinsi: {
    tipe: "angka",
    label: "Peringkat di provinsi",
    arti:
      "peringkat di antara instansi provinsi yang sama; untuk instansi pusat, di antara instansi pusat",
  },
  peringkat_instansi: {
    tipe: "angka",
    label: "Peringkat di instansi",
    arti: "peringkat unit kerja di instansinya",
  },
  selisih: {
    tipe: "angka",
    label: "Perubahan",
    arti: "perubahan nilai dari periode sebelumnya dengan metode yang sama",
  },
  periode_sebelumnya: {
    tipe: "teks",
    label: "Periode sebelumnya",
    arti: "periode pembanding `selisih`",
  },
  selisih_tahunan: {
    tipe: "angka",
    label: "Perubahan setahun",
    arti:
      "perubahan nilai dari periode yang sama setahun sebelumnya (triwulan yang sama, atau pengukuran tahunan tahun itu) dengan metode yang sama",
  },
  periode_tahun_lalu: {
    tipe: "teks",
    label: "Periode setahun sebelumnya",
    arti: "periode pembanding `selisih_tahunan`",
  },
  naik_peringkat: {
    tipe: "angka",
    label: "Naik peringkat",
    arti: "kenaikan peringkat dari periode sebelumnya (positif = naik)",
  },
  asn_: { tipe: "angka", label: "ASN per kategori", arti: "jumlah ASN per kategori (`asn_*`)" },
  instansi_: {
    tipe: "angka",
    label: "Instansi per kategori",
    arti: "jumlah instansi per kategori (`instansi_*`)",
  },
  share_pendidikan_kosong: {
    tipe: "angka",
    label: "Pendidikan kosong",
    arti: "bagian ASN yang data pendidikannya belum diisi",
  },
  share_skp_kosong: {
    tipe: "angka",
    label: "SKP kosong",
    arti: "bagian ASN yang SKP-nya belum diisi",
  },
  share_pengembangan_kosong: {
    tipe: "angka",
    label: "Pengembangan kosong",
    arti: "bagian ASN tanpa riwayat pengembangan kompetensi",
  },
  share_data_lengkap: {
    tipe: "angka",
    label: "Data lengkap",
    arti: "bagian ASN yang datanya lengkap",
  },
  potensi_kualifikasi: {
    tipe: "angka",
    label: "Potensi kualifikasi",
    arti: "kenaikan rata-rata bila setiap indikator kualifikasi yang kosong atau nol diisi penuh",
  },
  potensi_kompetensi: {
    tipe: "angka",
    label: "Potensi kompetensi",
    arti: "kenaikan rata-rata bila setiap indikator kompetensi yang kosong atau nol diisi penuh",
  },
  potensi_kinerja: {
    tipe: "angka",
    label: "Potensi kinerja",
    arti: "kenaikan rata-rata bila SKP yang kosong atau nol diisi penuh",
  },
  potensi_disiplin: {
    tipe: "angka",
    label: "Potensi disiplin",
    arti: "kenaikan rata-rata bila hukuman disiplin tidak berlaku lagi",
  },
  disembunyikan: {
    tipe: "bool",
    label: "Disembunyikan",
    arti: "`true`: unit kerja kecil yang nilainya disembunyikan",
  },
  intervensi: { tipe: "teks", label: "Intervensi", arti: "perbaikan data atau pengembangan" },
  poin: { tipe: "angka", label: "Poin", arti: "kenaikan skor seorang ASN karena intervensi itu" },
  gabungan: {
    tipe: "bool",
    label: "Gabungan",
    arti: "`true`: sel kecil yang digabung pada rata-rata kenaikannya",
  },
  populasi: {
    tipe: "teks",
    label: "Populasi",
    arti: "`PNS` atau `PNS_PPPK`: ASN yang dihitung",
  },
  data: {
    tipe: "teks",
    label: "Data",
    arti: "`semua` ASN atau hanya yang datanya `lengkap`",
  },
  dimensi: {
    tipe: "teks",
    label: "Dimensi",
    arti: "kualifikasi, kompetensi, kinerja, disiplin, atau total",
  },
  n_beda: {
    tipe: "angka",
    label: "ASN berbeda",
    arti: "jumlah ASN yang nilai hitungannya berbeda dari nilai resmi BKN",
  },
  selisih_rata: {
    tipe: "angka",
    label: "Selisih rata-rata",
    arti: "rata-rata (hitungan − resmi) atas ASN yang ada di kedua sisi",
  },
  n_hanya_resmi: {
    tipe: "angka",
    label: "Hanya di data resmi",
    arti: "jumlah ASN yang ada di hasil resmi BKN tetapi tidak di data kepegawaian",
  },
  n_hanya_hitungan: {
    tipe: "angka",
    label: "Hanya di hitungan",
    arti: "jumlah ASN yang dihitung dari data kepegawaian tetapi tidak ada di hasil resmi BKN",
  },
  resmi: {
    tipe: "angka",
    label: "Nilai resmi",
    arti: "nilai resmi BKN seorang ASN",
    pribadi: true,
  },
  hitungan: {
    tipe: "angka",
    label: "Nilai hitungan",
    arti: "nilai seorang ASN menurut metode yang dihitung di sini",
    pribadi: true,
  },
  sisi: {
    tipe: "teks",
    label: "Sisi",
    arti: "`keduanya`, `hanya_resmi` atau `hanya_hitungan`",
  },
  sebab: {
    tipe: "teks",
    label: "Kemungkinan sebab",
    arti: "data yang kemungkinan perlu diperbaiki",
  },
  pendidikan: { tipe: "teks", label: "Pendidikan", arti: "pendidikan terakhir yang dipakai" },
  jp_dihitung: {
    tipe: "angka",
    label: "JP dihitung",
    arti: "jam pelajaran pelatihan yang dihitung",
  },
  predikat_dipakai: { tipe: "teks", label: "Predikat SKP", arti: "predikat SKP yang dipakai" },
  hukdis_berlaku: {
    tipe: "teks",
    label: "Hukuman berlaku",
    arti: "tingkat hukuman disiplin yang berlaku",
  },
  dari: { tipe: "teks", label: "Metode dasar", arti: "profil yang diubah oleh varian" },
  aturan: { tipe: "teks", label: "Aturan", arti: "aturan profil yang diganti varian" },
  label: { tipe: "teks", label: "Varian", arti: "penjelasan singkat varian" },
  tag: {
    tipe: "teks",
    label: "Tanda",
    arti: "`sumber`, `sebagian` atau `asumsi`: dasar aturan di metode dasar",
  },
  dapat_dihitung: {
    tipe: "bool",
    label: "Dapat dihitung",
    arti: "`false` bila data tidak memuat kolom yang diperlukan varian",
  },
  catatan: { tipe: "teks", label: "Catatan", arti: "penjelasan" },
  n_instansi: { tipe: "angka", label: "Jumlah instansi", arti: "instansi yang dibandingkan" },
  selisih_terbesar: {
    tipe: "angka",
    label: "Selisih terbesar",
    arti: "perubahan nilai instansi terbesar (varian − dasar), dengan tandanya",
  },
  selisih_mutlak_rata: {
    tipe: "angka",
    label: "Rata-rata besar selisih",
    arti: "rata-rata besar perubahan tanpa tanda",
  },
  n_ganti_kategori: {
    tipe: "angka",
    label: "Ganti kategori",
    arti: "jumlah instansi yang kategorinya berubah",
  },
  n_ganti_peringkat: {
    tipe: "angka",
    label: "Ganti peringkat",
    arti: "jumlah instansi yang peringkatnya berubah",
  },
  nip: { tipe: "teks", label: "NIP", arti: "nomor induk pegawai", pribadi: true },
  nama: { tipe: "teks", label: "Nama", arti: "nama pegawai", pribadi: true },
  jenis_jabatan: { tipe: "teks", label: "Jenis jabatan", arti: "jenis jabatan" },
  nama_jabatan: { tipe: "teks", label: "Jabatan", arti: "nama jabatan" },
  langkah: { tipe: "teks", label: "Langkah", arti: "perbaikan yang disarankan" },
  asumsi: { tipe: "teks", label: "Asumsi", arti: "nilai yang diasumsikan untuk data yang kosong" },
} as const satisfies Record<string, Kolom>;

export type NamaKolom = keyof typeof KOLOM;

/** A column list: names, and per-category groups expanded for the method profiles' categories. */
export type Daftar = (NamaKolom | { perKategori: ("asn_" | "instansi_")[] })[];

const UKURAN: Daftar = [
  "n_asn",
  "n_pns",
  "n_pppk",
  "kualifikasi",
  "kompetensi",
  "kinerja",
  "disiplin",
  "nilai",
  "kategori",
];
const MUTU: Daftar = [
  "share_pendidikan_kosong",
  "share_skp_kosong",
  "share_pengembangan_kosong",
  "share_data_lengkap",
  "potensi_kualifikasi",
  "potensi_kompetensi",
  "potensi_kinerja",
  "potensi_disiplin",
];

/** What identifies a unit row (and stays visible when small-cell suppression hides its values). */
export const KUNCI_UNIT = [
  "periode",
  "metode",
  "metode_baku",
  "kode_instansi",
  "nama_instansi",
  "kode_unit",
  "nama_unit",
] as const satisfies readonly NamaKolom[];

export interface Tabel {
  /** Who may read it: `publik` as written, `disaring` only through the site's suppression, `pribadi` never. */
  akses: "publik" | "disaring" | "pribadi";
  /** One line for the Data page and the README. */
  isi: string;
  kolom: Daftar;
}

/** The output tables of `deno task score` that have a fixed set of columns. */
export const TABEL = {
  instansi: {
    akses: "publik",
    isi:
      "Nilai per instansi, periode dan metode: dimensi, nilai, kategori, peringkat, perubahan, kelengkapan data, potensi kenaikan.",
    kolom: [
      "periode",
      "metode",
      "metode_baku",
      "kode_instansi",
      "nama_instansi",
      "jenis_instansi",
      "kode_provinsi",
      "provinsi",
      ...UKURAN,
      "peringkat",
      "jumlah_instansi",
      "peringkat_provinsi",
      "selisih",
      "periode_sebelumnya",
      "selisih_tahunan",
      "periode_tahun_lalu",
      "naik_peringkat",
      { perKategori: ["asn_"] },
      ...MUTU,
    ],
  },
  unit: {
    akses: "disaring",
    isi: "Nilai per unit kerja, sebelum sel kecil disembunyikan.",
    kolom: [
      ...KUNCI_UNIT,
      ...UKURAN,
      "peringkat_instansi",
      "selisih",
      "periode_sebelumnya",
      "selisih_tahunan",
      "periode_tahun_lalu",
      { perKategori: ["asn_"] },
      ...MUTU,
    ],
  },
  /** The site's unit table: unit after small-cell suppression. */
  unit_publik: {
    akses: "publik",
    isi:
      "Nilai per unit kerja; unit dengan ASN kurang dari ambang sel kecil (dan unit pelengkap) disembunyikan.",
    kolom: [
      ...KUNCI_UNIT,
      ...UKURAN,
      "selisih",
      "selisih_tahunan",
      ...MUTU,
      "disembunyikan",
    ],
  },
  provinsi: {
    akses: "publik",
    isi:
      "Rata-rata per provinsi (semua ASN yang diukur di provinsi itu) dan jumlah instansi per kategori.",
    kolom: [
      "periode",
      "metode",
      "metode_baku",
      "kode_provinsi",
      "provinsi",
      ...UKURAN,
      "jumlah_instansi",
      "selisih",
      "periode_sebelumnya",
      "selisih_tahunan",
      "periode_tahun_lalu",
      { perKategori: ["asn_", "instansi_"] },
      ...MUTU,
    ],
  },
  kanreg: {
    akses: "publik",
    isi: "Rata-rata seluruh wilayah data per periode dan metode.",
    kolom: [
      "periode",
      "metode",
      "metode_baku",
      ...UKURAN,
      "jumlah_instansi",
      "selisih",
      "periode_sebelumnya",
      "selisih_tahunan",
      "periode_tahun_lalu",
      { perKategori: ["asn_", "instansi_"] },
      ...MUTU,
    ],
  },
  peluang_instansi: {
    akses: "disaring",
    isi: "Tabel kenaikan per instansi: berapa ASN naik berapa poin per intervensi.",
    kolom: ["periode", "metode", "kode_instansi", "intervensi", "poin", "n_asn"],
  },
  peluang_unit: {
    akses: "disaring",
    isi: "Tabel kenaikan per unit kerja.",
    kolom: ["periode", "metode", "kode_instansi", "kode_unit", "intervensi", "poin", "n_asn"],
  },
  varian_instansi: {
    akses: "disaring",
    isi: "Nilai instansi per metode, populasi (PNS / PNS_PPPK) dan data (semua / lengkap).",
    kolom: ["periode", "metode", "kode_instansi", "populasi", "data", "n_asn", "nilai"],
  },
  selisih_instansi: {
    akses: "disaring",
    isi:
      "Hasil resmi BKN dibanding hitungan, per instansi, metode dan dimensi: berapa ASN berbeda dan rata-rata selisihnya.",
    kolom: [
      "periode",
      "metode",
      "kode_instansi",
      "dimensi",
      "n_asn",
      "n_beda",
      "selisih_rata",
      "n_hanya_resmi",
      "n_hanya_hitungan",
    ],
  },
  /** Person by person: official against computed (private; the internal build's worklist of data to fix in SIASN). */
  selisih_asn: {
    akses: "pribadi",
    isi:
      "Nilai resmi BKN dan nilai hitungan per ASN, metode dan dimensi, dengan kemungkinan sebabnya.",
    kolom: [
      "periode",
      "metode",
      "nip",
      "nama",
      "kode_instansi",
      "kode_unit",
      "nama_unit",
      "dimensi",
      "resmi",
      "hitungan",
      "selisih",
      "sisi",
      "sebab",
      "pendidikan",
      "jp_dihitung",
      "predikat_dipakai",
      "hukdis_berlaku",
    ],
  },
  sensitivitas: {
    akses: "publik",
    isi:
      "Untuk tiap aturan asumsi: apa akibat memakai alternatifnya (varian) pada nilai, kategori dan peringkat instansi.",
    kolom: [
      "periode",
      "metode",
      "dari",
      "aturan",
      "label",
      "tag",
      "dapat_dihitung",
      "catatan",
      "n_instansi",
      "selisih_terbesar",
      "selisih_rata",
      "selisih_mutlak_rata",
      "n_ganti_kategori",
      "n_ganti_peringkat",
    ],
  },
  /** Internal build: one instansi's worklist. */
  daftar_kerja: {
    akses: "pribadi",
    isi: "Daftar kerja per ASN: apa yang kosong atau kurang dan poin yang ditambahkannya.",
    kolom: [
      "kode_unit",
      "nama_unit",
      "nip",
      "nama",
      "jenis_jabatan",
      "nama_jabatan",
      "intervensi",
      "langkah",
      "asumsi",
      "poin",
    ],
  },
} as const satisfies Record<string, Tabel>;

export type NamaTabel = keyof typeof TABEL;

/** A table's column names, with per-category groups expanded (`slugs`: the categories' column slugs). */
export function kolomTabel(tabel: NamaTabel, slugs: readonly string[]): string[] {
  return (TABEL[tabel].kolom as Daftar).flatMap((k) =>
    typeof k === "string" ? [k] : slugs.flatMap((s) => k.perKategori.map((p) => `${p}${s}`))
  );
}

/** The catalogue entry of a column name (category columns by their prefix). */
export function kolom(nama: string): Kolom | undefined {
  if (nama in KOLOM) return KOLOM[nama as NamaKolom];
  if (nama.startsWith("asn_")) return KOLOM.asn_;
  if (nama.startsWith("instansi_")) return KOLOM.instansi_;
  return undefined;
}

/** Names of the text columns (for readers that would otherwise guess numbers). */
export const KOLOM_TEKS: ReadonlySet<string> = new Set(
  Object.entries(KOLOM).filter(([, k]) => k.tipe === "teks").map(([n]) => n),
);
/** Names of the boolean columns. */
export const KOLOM_BOOL: ReadonlySet<string> = new Set(
  Object.entries(KOLOM).filter(([, k]) => k.tipe === "bool").map(([n]) => n),
);
/** Per-person fields: the privacy scan fails a public build that carries one. */
export const KOLOM_PRIBADI: readonly string[] = Object.entries(KOLOM)
  .filter(([, k]) => "pribadi" in k).map(([n]) => n);
