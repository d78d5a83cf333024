/**
 * The site's open data, described once: the tables loaders/publish/terbuka.ts copies or writes
 * after the build under stable names (no content hash: a link, a harvester or a spreadsheet's
 * IMPORTDATA keeps working after a rebuild), what datapackage.json lists and what the Data page
 * links. The Data page renders its section with `paketData`.
 *
 * Lives in src/ because the Data page imports it too. The table holds no number and no region:
 * what a file contains comes from the build. It imports nothing: scripts/build.ts's module graph
 * (loaders/modules.ts) follows its imports by their written path, and the browser's are `.js`.
 */

/** The output catalogue's tables, as src/keluaran.ts's TABEL (passed in: see above). */
export type Katalog = Record<string, { isi: string }>;
/** The folder of the stable files at the site's root. Not `data/`: that name is the Data page's
 * (`data.html`), and a host that resolves `/data` to the folder first would lose the page. */
export const FOLDER_TETAP = "unduh";
/** The package descriptor, at the site's root (the Data Package spec's place for it). */
export const DESKRIPTOR = "datapackage.json";

export type Format = "csv" | "parquet" | "xlsx";

export interface BerkasTetap {
  /** Resource name in datapackage.json and the file's name in FOLDER_TETAP. */
  nama: string;
  /** Its title (Indonesian). */
  judul: string;
  /** The output catalogue's table (src/keluaran.ts, TABEL) whose description and columns it carries. */
  tabel?: string;
  /** What it holds, for a table the catalogue does not describe. */
  isi?: string;
  /**
   * Where the bytes come from: the site file Framework serves (key under src/, e.g.
   * "data/instansi"; its .csv and .parquet), or a file the publishing step writes itself.
   */
  asal: { situs: string } | { tulis: "resmi" | "instansi" };
  format: readonly Format[];
  /** Columns that identify a row (Table Schema primaryKey); none where uniqueness is not by construction. */
  kunci?: readonly string[];
}

/**
 * The public tables. `peluang` has no key: its gains are rounded to four decimals, and two
 * distinct gains of one intervention may round to the same value.
 */
export const BERKAS_TETAP: readonly BerkasTetap[] = [
  {
    nama: "instansi",
    judul: "IP ASN per instansi",
    tabel: "instansi",
    asal: { situs: "data/instansi" },
    format: ["csv", "parquet", "xlsx"],
    kunci: ["periode", "metode", "kode_instansi"],
  },
  {
    nama: "provinsi",
    judul: "IP ASN per provinsi",
    tabel: "provinsi",
    asal: { situs: "data/provinsi" },
    format: ["csv", "parquet", "xlsx"],
    kunci: ["periode", "metode", "kode_provinsi"],
  },
  {
    nama: "kanreg",
    judul: "IP ASN seluruh wilayah data",
    tabel: "kanreg",
    asal: { situs: "data/kanreg" },
    format: ["csv", "parquet", "xlsx"],
    kunci: ["periode", "metode"],
  },
  {
    nama: "unit",
    judul: "IP ASN per unit kerja",
    tabel: "unit_publik",
    asal: { situs: "data/unit" },
    format: ["csv", "parquet", "xlsx"],
    kunci: ["periode", "metode", "kode_instansi", "kode_unit"],
  },
  {
    nama: "peluang",
    judul: "Tabel kenaikan per instansi",
    tabel: "peluang_instansi",
    asal: { situs: "data/peluang" },
    format: ["csv", "parquet"],
  },
  {
    nama: "selisih",
    judul: "Hasil resmi BKN dibanding hitungan",
    tabel: "selisih_instansi",
    asal: { situs: "data/selisih" },
    format: ["csv"],
    kunci: ["periode", "metode", "kode_instansi", "dimensi"],
  },
  {
    nama: "sensitivitas",
    judul: "Kepekaan terhadap asumsi",
    tabel: "sensitivitas",
    asal: { situs: "data/sensitivitas" },
    format: ["csv"],
    kunci: ["periode", "metode"],
  },
  {
    nama: "varian",
    judul: "Nilai instansi per populasi dan kelengkapan data",
    tabel: "varian_instansi",
    asal: { situs: "data/varian" },
    format: ["csv", "parquet"],
    kunci: ["periode", "metode", "kode_instansi", "populasi", "data"],
  },
  {
    nama: "nilai-resmi",
    judul: "Nilai IP ASN yang dilaporkan",
    isi:
      "Nilai IP ASN instansi dalam data ini yang dilaporkan pemerintah dan media, dengan sumbernya; bukan hitungan situs ini.",
    asal: { tulis: "resmi" },
    format: ["csv"],
  },
  {
    nama: "referensi-instansi",
    judul: "Daftar instansi",
    isi:
      "Instansi dalam data ini: kode, nama, jenis dan provinsi (rujukan kolom kode_instansi tabel lain).",
    asal: { tulis: "instansi" },
    format: ["csv"],
    kunci: ["kode_instansi"],
  },
];

/** What a table holds, in one line: the catalogue's description, else its own. */
export function isiBerkas(b: BerkasTetap, katalog: Katalog): string {
  return (b.tabel ? katalog[b.tabel]?.isi : b.isi) ?? "";
}

/** The stable path of a table's file, relative to the site's root. */
export function pathTetap(nama: string, format: Format): string {
  return `${FOLDER_TETAP}/${nama}.${format}`;
}

export const LISENSI = {
  name: "CC-BY-4.0",
  path: "https://creativecommons.org/licenses/by/4.0/",
  title: "Creative Commons Attribution 4.0 International",
} as const;

/**
 * The Data page's section: the package descriptor, every stable link (with the full address to
 * paste into a spreadsheet) and how to reuse and cite the data. `alamat` turns a site path into a
 * full address.
 */
export function paketData(o: {
  katalog: Katalog;
  alamat: (path: string) => string;
  judulSitus: string;
  doc?: Document;
}): HTMLElement {
  const doc = o.doc ?? document;
  const el = <K extends keyof HTMLElementTagNameMap>(
    tag: K,
    attrs: Record<string, string> = {},
    ...children: (Node | string)[]
  ): HTMLElementTagNameMap[K] => {
    const e = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    e.append(...children);
    return e;
  };
  const unduh = (path: string, text: string) =>
    el("a", { href: `./${path}`, download: path.split("/").at(-1)! }, text);
  const contoh = o.alamat(pathTetap("instansi", "csv"));
  return el(
    "div",
    { class: "paket-data" },
    el(
      "p",
      {},
      "Paket data ini mengikuti standar ",
      el(
        "a",
        { href: "https://specs.frictionlessdata.io/data-package/" },
        "Frictionless Data Package",
      ),
      ": berkas ",
      unduh(DESKRIPTOR, DESKRIPTOR),
      " menjelaskan setiap tabel (kolom, jenis data, kode, kunci), lisensi, sumber dan periode, " +
        "sehingga portal data (Satu Data Indonesia, portal provinsi) dan alat analisis dapat " +
        "membacanya langsung.",
    ),
    el(
      "table",
      { class: "tabel-data" },
      el(
        "thead",
        {},
        el("tr", {}, el("th", {}, "Tabel"), el("th", {}, "Isi"), el("th", {}, "Tautan tetap")),
      ),
      el(
        "tbody",
        {},
        ...BERKAS_TETAP.map((b) =>
          el(
            "tr",
            {},
            el("td", {}, b.judul),
            el("td", {}, isiBerkas(b, o.katalog)),
            el(
              "td",
              {},
              ...b.format.flatMap((f, i) => [
                ...(i ? [" · "] : []),
                unduh(pathTetap(b.nama, f), `${b.nama}.${f}`),
              ]),
            ),
          )
        ),
      ),
    ),
    el(
      "p",
      {},
      "Tautan tetap selalu berisi data terbaru: alamatnya tidak berubah ketika situs diperbarui. " +
        "Berkas CSV dan Parquet sama persis dengan unduhan di atas. Berkas Excel memuat metode " +
        "baku tiap periode (dan hasil resmi BKN bila ada), dengan judul kolom berbahasa Indonesia, " +
        "baris sumber dan lembar keterangan kolom.",
    ),
    el(
      "p",
      {},
      "Di Google Sheets: ",
      el("code", {}, `=IMPORTDATA("${contoh}")`),
      ". Di Excel: Data › Dari Web, lalu tempel alamat yang sama. Di Python: ",
      el("code", {}, `pandas.read_csv("${contoh}", dtype={"periode": str, "kode_instansi": str})`),
      ".",
    ),
    el(
      "p",
      {},
      el("strong", {}, "Lisensi. "),
      "Data ini boleh dipakai, dibagikan dan diolah untuk keperluan apa pun, termasuk komersial, " +
        "dengan lisensi ",
      el("a", { href: "https://creativecommons.org/licenses/by/4.0/deed.id" }, "CC BY 4.0"),
      ": sebutkan sumbernya (",
      el("em", {}, o.judulSitus),
      ", dengan tautan ke situs ini) dan tandai bila data diubah. Kode program ipasn yang " +
        "menghitungnya berlisensi MIT. Cara mengutip ada di bagian berikut.",
    ),
  );
}
