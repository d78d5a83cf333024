/**
 * Open data, written into a built site after Framework and before the privacy scan
 * (scripts/build.ts): every public table under a stable name (`unduh/instansi.csv`, no content
 * hash: the same bytes as the hashed file the pages load, so a link, a portal's harvester or a
 * spreadsheet's IMPORTDATA survives a rebuild), spreadsheets of the tables readers open in Excel,
 * and `datapackage.json` (Frictionless Data Package v1) describing them all from the output
 * catalogue (src/keluaran.ts): columns, types, titles, descriptions, codes, keys, licence,
 * sources, periods and publisher. The internal build adds one workbook per instansi with its
 * worklists (loaders/publish/bukuKerja.ts). The tables are listed once, in
 * src/components/paketData.ts, which the Data page renders.
 *
 * It runs in a process of its own (`terbitkanData` starts it), like the loaders: site.ts and
 * internal.ts take the scoring folder and the audience from the environment when imported.
 */
import { csvFormat, csvParse, csvParseRows } from "d3-dsv";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import {
  BERKAS_TETAP,
  type BerkasTetap,
  DESKRIPTOR,
  FOLDER_TETAP,
  type Format,
  isiBerkas,
  LISENSI,
  pathTetap,
} from "../../src/components/paketData.ts";
import { periode as labelPeriode } from "../../src/components/format.ts";
import { KOLOM, type Kolom, kolom, kolomTabel, type NamaTabel, TABEL } from "../../src/keluaran.ts";
import { csvAman, RESMI, slug } from "../../src/kosakata.ts";
import { Db, lit } from "../duck.ts";
import { UserError } from "../errors.ts";
import { ROOT } from "../paths.ts";
import { REFERENCE_DIR } from "../reference.ts";
import { bukuKerja } from "./bukuKerja.ts";
import {
  type DataPackage,
  type Field,
  periksaBerkas,
  periksaDeskriptor,
  type Resource,
} from "./datapackage.ts";
import { cakupanDari } from "./scope.ts";
import { SRC } from "./muatan.ts";
import { Hasil as HasilSkor } from "./hasil.ts";
import { type KolomXlsx, namaLembar, tulisBuku } from "./xlsx.ts";

/** The scoring output the build publishes (scripts/build.ts passes it to this process). */
const COMPUTED = Deno.env.get("IPASN_COMPUTED") ?? join(ROOT, "data/computed");

/** The reported figures' file, as the reference holds it (README: data/reference). */
export const NILAI_RESMI = `${REFERENCE_DIR}official-ipasn.csv`;

/**
 * The columns of the reported figures (data/reference/official-ipasn.csv) that mean something
 * else there than in the computed tables, or that only it has. Its other columns (kode_instansi,
 * periode, n_asn, the dimensions) are the catalogue's.
 */
export const KOLOM_RESMI: Record<string, Kolom> = {
  nilai: { tipe: "angka", label: "Nilai dilaporkan", arti: "nilai IP ASN yang dilaporkan sumber" },
  perkiraan: {
    tipe: "bool",
    label: "Perkiraan",
    arti: '`true` bila sumber menyebut nilai kira-kira (mis. "sekitar 83")',
  },
  jenis: {
    tipe: "teks",
    label: "Jenis",
    arti: "`resmi` (BKN) atau `mandiri` (dihitung sendiri oleh instansi, tidak diakui BKN)",
  },
  peringkat: {
    tipe: "angka",
    label: "Peringkat dilaporkan",
    arti: "peringkat yang dilaporkan sumber",
  },
  dari: { tipe: "angka", label: "Dari", arti: "jumlah instansi pada peringkat itu" },
  kategori: { tipe: "teks", label: "Kategori dilaporkan", arti: "kategori yang dilaporkan sumber" },
  metode: {
    tipe: "teks",
    label: "Metode",
    arti: "profil metode yang berlaku saat pengukuran itu (lihat Metodologi)",
  },
  sumber_url: { tipe: "teks", label: "Sumber", arti: "alamat sumber berita atau dokumen" },
  catatan: { tipe: "teks", label: "Catatan", arti: "kutipan atau penjelasan dari sumber" },
  populasi: {
    tipe: "teks",
    label: "Populasi",
    arti: "`ASN` (semua yang dihitung metode), `PNS` atau `PPPK` bila sumber memisahkannya",
  },
  sementara: { tipe: "bool", label: "Sementara", arti: "`true` untuk nilai sementara" },
};

const TIPE_SCHEMA = { teks: "string", angka: "number", bool: "boolean" } as const;
const MEDIATYPE: Record<Format, string> = {
  csv: "text/csv",
  parquet: "application/vnd.apache.parquet",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

interface Konteks {
  site: string;
  periode: string[];
  /** Category slug → name (asn_tinggi → Tinggi). */
  kategori: Map<string, string>;
  metode: string[];
  sumber: string;
  penerbit: string;
  tanggal: Date;
  sintetis: boolean;
  judul: string;
}

/** Where Framework put a site file (`data/instansi` + `csv`): `_file/data/instansi.<hash>.csv`. */
function berkasTerbit(site: string, key: string, ext: string): string | null {
  const dir = join(site, "_file", dirname(key));
  if (!existsSync(dir)) return null;
  const re = new RegExp(
    `^${basename(key).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.[0-9a-f]{8,}\\.${ext}$`,
  );
  const found = [...Deno.readDirSync(dir)].filter((e) => e.isFile && re.test(e.name));
  if (found.length > 1) {
    throw new Error(
      `${dir}: ${found.length} files for ${key}.${ext} (${found.map((e) => e.name)})`,
    );
  }
  return found.length ? join(dir, found[0].name) : null;
}

/**
 * A public table's bytes: the hashed file the pages load, or, for a table no page loads in this
 * build, the same bytes as the build wrote them into the site's sources (src/data/, by
 * loaders/publish/muatan.ts, before Framework starts).
 */
function asalBerkas(site: string, key: string, ext: string): string {
  const built = berkasTerbit(site, key, ext);
  if (built) return built;
  const written = join(SRC, `${key}.${ext}`);
  if (existsSync(written)) return written;
  throw new Error(
    `${key}.${ext} is neither in the built site nor among the data files the build wrote: the ` +
      `open-data list (src/components/paketData.ts) names a file loaders/publish/muatan.ts no longer makes`,
  );
}

function header(file: string): string[] {
  const text = Deno.readTextFileSync(file);
  const end = text.search(/\r?\n/);
  return csvParseRows(end < 0 ? text : text.slice(0, end))[0] ?? [];
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

const dariResmi = (b: BerkasTetap) => "tulis" in b.asal && b.asal.tulis === "resmi";

/** A column of a published table, described from the catalogue; a column without an entry stops the build. */
function deskripsiKolom(
  nama: string,
  b: BerkasTetap,
  k: Konteks,
): { kolom: Kolom; judul: string; arti: string } {
  const c = (dariResmi(b) ? KOLOM_RESMI[nama] : undefined) ?? kolom(nama);
  if (!c) {
    throw new Error(
      `${
        pathTetap(b.nama, "csv")
      }: column ${nama} has no entry in src/keluaran.ts (KOLOM); describe it there`,
    );
  }
  // asn_<kategori> / instansi_<kategori>: one catalogue entry, titled per category.
  const kat = /^(?:asn|instansi)_(.+)$/.exec(nama);
  if (kat && !(nama in KOLOM) && (c === KOLOM.asn_ || c === KOLOM.instansi_)) {
    const n = k.kategori.get(kat[1]) ?? kat[1];
    return { kolom: c, judul: `${c.label}: ${n}`, arti: `${c.arti}; kategori ${n}` };
  }
  return { kolom: c, judul: c.label, arti: c.arti };
}

/** The Table Schema of a published CSV: its columns in order, with codes, keys and references. */
function skema(file: string, b: BerkasTetap, k: Konteks): NonNullable<Resource["schema"]> {
  const cols = header(file);
  const dihitung = b.tabel !== undefined;
  const fields: Field[] = cols.map((nama) => {
    const d = deskripsiKolom(nama, b, k);
    const constraints: NonNullable<Field["constraints"]> = {};
    if (b.kunci?.includes(nama)) constraints.required = true;
    if (dihitung && nama === "kategori") constraints.enum = [...k.kategori.values()];
    if (dihitung && (nama === "metode" || nama === "dari")) constraints.enum = k.metode;
    return {
      name: nama,
      title: d.judul,
      description: d.arti,
      type: TIPE_SCHEMA[d.kolom.tipe],
      ...(Object.keys(constraints).length ? { constraints } : {}),
    };
  });
  return {
    fields,
    missingValues: [""],
    ...(b.kunci ? { primaryKey: [...b.kunci] } : {}),
    ...(b.nama !== "referensi-instansi" && cols.includes("kode_instansi")
      ? {
        foreignKeys: [{
          fields: "kode_instansi",
          reference: { resource: "referensi-instansi", fields: "kode_instansi" },
        }],
      }
      : {}),
  };
}

/** A number's Excel format from its column: shares as percentages, counts and ranks whole. */
function formatAngka(nama: string): string {
  if (/^share_/.test(nama)) return "0.0%";
  if (/^(n_|asn_|instansi_|jumlah_|peringkat|naik_peringkat|dari$)/.test(nama)) return "#,##0";
  return "0.00";
}

export function kolomXlsx(nama: string, judul: string, tipe: Kolom["tipe"]): KolomXlsx {
  return {
    nama,
    judul,
    tipe,
    ...(tipe === "angka" ? { format: formatAngka(nama) } : {}),
    ...(/^nama_|^nama$|^provinsi$|^langkah$|^keterangan$|^catatan$/.test(nama)
      ? { lebar: 36 }
      : {}),
  };
}

/** The rows of a published CSV, every value as text, DuckDB streaming the file (a national unit table). */
async function bacaCsv(file: string, where = ""): Promise<Record<string, unknown>[]> {
  const db = await Db.open();
  try {
    return await db.all(
      `SELECT * FROM read_csv(${lit(file)}, header = true, all_varchar = true) ${where}`,
    );
  } finally {
    db.close();
  }
}

/**
 * A table as a workbook: the default method of each period (and BKN's official results where the
 * data hold them), the rows a reader compares; the other methods are in the CSV and Parquet.
 */
/** Rows a sheet holds below its source line and header (Excel's limit is 1,048,576 rows). */
export const BARIS_EXCEL = 1_048_576 - 2;

/**
 * The rows that fit a sheet: all of them, or the latest periods whose rows fit (`periode`: the
 * periods in order), and the first period kept when some were left out.
 */
export function muatLembar<T extends { periode?: unknown }>(
  rows: T[],
  periode: string[],
  maks = BARIS_EXCEL,
): { baris: T[]; sejak?: string } {
  if (rows.length <= maks) return { baris: rows };
  const per = Map.groupBy(rows, (r) => String(r.periode));
  const kept = new Set<string>();
  let n = 0, sejak: string | undefined;
  for (const p of [...periode].reverse()) {
    const m = per.get(p)?.length ?? 0;
    if (n + m > maks) break;
    (n += m), (sejak = p), kept.add(p);
  }
  return { baris: rows.filter((r) => kept.has(String(r.periode))), sejak };
}

async function tulisXlsx(b: BerkasTetap, csv: string, k: Konteks): Promise<void> {
  const cols = header(csv);
  const semua = await bacaCsv(
    csv,
    cols.includes("metode_baku")
      ? `WHERE metode_baku = 'true' OR metode = ${lit(RESMI)} ORDER BY ALL`
      : "",
  );
  // A national unit table over many periods may outgrow a sheet: the latest periods that fit.
  const { baris: rows, sejak } = muatLembar(semua, k.periode);
  const desc = cols.map((n) => ({ nama: n, ...deskripsiKolom(n, b, k) }));
  // Two columns with one label would read alike: the second keeps its code too.
  const judul = desc.map((d, i) =>
    desc.findIndex((x) => x.judul === d.judul) === i ? d.judul : `${d.judul} (${d.nama})`
  );
  const sumber = `Sumber: ${k.penerbit}, ${b.judul}; dihitung dengan ipasn dari ${k.sumber}. ` +
    `Lisensi CC BY 4.0 (${LISENSI.path}deed.id). Diterbitkan ${tanggalId(k.tanggal)}.${
      k.sintetis ? " DATA CONTOH SINTETIS, bukan data pegawai sungguhan." : ""
    }`;
  const dipakai = new Set<string>();
  await tulisBuku(join(k.site, pathTetap(b.nama, "xlsx")), [
    {
      nama: namaLembar(b.nama, dipakai),
      sumber: `${sumber} Metode baku tiap periode${
        cols.includes("metode_baku") ? " (dan hasil resmi BKN bila ada)" : ""
      }${sejak ? ` sejak ${labelPeriode(sejak)} (batas baris Excel)` : ""}; metode lain${
        sejak ? " dan periode sebelumnya" : ""
      } ada di ${pathTetap(b.nama, "csv")}.`,
      kolom: desc.map((d, i) => kolomXlsx(d.nama, judul[i], d.kolom.tipe)),
      baris: rows,
    },
    {
      nama: namaLembar("Keterangan", dipakai),
      sumber,
      kolom: [
        { nama: "kolom", judul: "Kolom", tipe: "teks", lebar: 28 },
        { nama: "judul", judul: "Judul", tipe: "teks", lebar: 28 },
        { nama: "tipe", judul: "Jenis", tipe: "teks" },
        { nama: "arti", judul: "Arti", tipe: "teks", lebar: 90 },
      ],
      baris: desc.map((d, i) => ({
        kolom: d.nama,
        judul: judul[i],
        tipe: d.kolom.tipe,
        arti: d.arti.replaceAll("`", ""),
      })),
    },
  ], { judul: `${k.judul}: ${b.judul}`, pembuat: k.penerbit, tanggal: k.tanggal });
}

export function tanggalId(d: Date): string {
  return new Intl.DateTimeFormat("id-ID", { dateStyle: "long", timeZone: "Asia/Jakarta" }).format(
    d,
  );
}

/** A period's first and last day: 2024-Q3 → 2024-07-01 … 2024-09-30; 2023 → the whole year. */
export function rentangPeriode(p: string): { start: string; end: string } {
  const m = /^(\d{4})(?:-Q([1-4]))?$/.exec(p);
  if (!m) throw new Error(`${p}: not a period (YYYY or YYYY-Qn)`);
  const q = m[2] ? Number(m[2]) : 0;
  const [from, to] = q ? [3 * q - 2, 3 * q] : [1, 12];
  const last = new Date(Date.UTC(Number(m[1]), to, 0)).getUTCDate();
  const mm = (x: number) => String(x).padStart(2, "0");
  return { start: `${m[1]}-${mm(from)}-01`, end: `${m[1]}-${mm(to)}-${last}` };
}

function csvTeks(rows: Record<string, unknown>[], cols: string[]): string {
  return csvFormat(
    rows.map((r) =>
      Object.fromEntries(
        cols.map((c) => [c, typeof r[c] === "string" ? csvAman(r[c] as string) : r[c] ?? ""]),
      )
    ) as never,
    cols,
  ) + "\n";
}

/** The files the publishing step writes itself (the others are copies of the site's). */
async function tulisSendiri(b: BerkasTetap, k: Konteks, instansiCsv: string): Promise<void> {
  const out = join(k.site, pathTetap(b.nama, "csv"));
  if (!dariResmi(b)) {
    // Each instansi once, as named in the latest period it appears in.
    const cols = ["kode_instansi", "nama_instansi", "jenis_instansi", "kode_provinsi", "provinsi"];
    const db = await Db.open();
    try {
      const rows = await db.all(`
        SELECT DISTINCT ON (kode_instansi) ${cols.join(", ")}
        FROM read_csv(${lit(instansiCsv)}, header = true, all_varchar = true)
        ORDER BY kode_instansi, list_position([${k.periode.map(lit).join(", ")}], periode) DESC`);
      Deno.writeTextFileSync(out, csvTeks(rows, cols));
    } finally {
      db.close();
    }
    return;
  }
  // The reported figures of the instansi in the data (the reference holds others' too), as written.
  const ada = new Set(csvParse(Deno.readTextFileSync(instansiCsv)).map((r) => r.kode_instansi));
  const text = Deno.readTextFileSync(NILAI_RESMI).replace(/^\uFEFF/, "");
  const all = csvParse(text);
  Deno.writeTextFileSync(out, csvTeks(all.filter((r) => ada.has(r.kode_instansi)), all.columns));
}

function sumberResmi(file: string): DataPackage["sources"] {
  const urls = [...new Set(csvParse(Deno.readTextFileSync(file)).map((r) => r.sumber_url ?? ""))]
    .filter((u) => /^https?:\/\//.test(u));
  return urls.map((u) => ({ title: new URL(u).hostname, path: u }));
}

/** `kontak` of data/situs.json: an e-mail address or a web address. */
function kontak(k: string | null): { email?: string; path?: string } {
  if (!k) return {};
  return k.includes("@") && !/^https?:/.test(k) ? { email: k } : { path: k };
}

export interface Hasil {
  berkas: number;
  xlsx: number;
  buku_kerja: number;
  /** Tables taken from Framework's loader cache, no page loading them in this build. */
  dari_cache: string[];
  /** Tables without rows (a site of central agencies has no province). */
  tanpa_baris: string[];
}

/**
 * Writes the open data into the built site `site` (Framework's output, before the privacy scan),
 * from the scoring output in COMPUTED; with `internal`, also the per-instansi workbooks.
 */
export async function terbitkan(site: string, internal: boolean): Promise<Hasil> {
  for (const own of [FOLDER_TETAP, DESKRIPTOR]) {
    if (existsSync(join(site, own))) {
      throw new UserError(
        `the built site already has ${own}, which the open-data step writes: a page or file under src/ takes that name; rename it`,
      );
    }
  }
  const asing = BERKAS_TETAP.filter((b) => b.tabel !== undefined && !(b.tabel in TABEL));
  if (asing.length) {
    throw new Error(
      `src/components/paketData.ts names tables the output catalogue (src/keluaran.ts) lacks: ${
        asing.map((b) => b.tabel).join(", ")
      }`,
    );
  }
  Deno.mkdirSync(join(site, FOLDER_TETAP));
  const skor = new HasilSkor(COMPUTED);
  const m = skor.manifest;
  const cakupan = await cakupanDari(skor);
  const k: Konteks = {
    site,
    periode: m.periode,
    kategori: new Map(skor.kategori().map((n) => [slug(n), n])),
    metode: m.metode.map((x) => x.id),
    sumber: m.sumber.join("; "),
    penerbit: cakupan.penerbit ?? cakupan.judul,
    tanggal: new Date(),
    sintetis: m.sintetis,
    judul: cakupan.judul_beranda,
  };
  const hasil: Hasil = { berkas: 0, xlsx: 0, buku_kerja: 0, dari_cache: [], tanpa_baris: [] };
  const resources: Resource[] = [];
  const instansi = BERKAS_TETAP.find((b) => b.nama === "instansi")!;
  const instansiCsv = join(site, pathTetap(instansi.nama, "csv"));
  // Copies first: the files the step writes itself are made from the published instansi table.
  for (const b of BERKAS_TETAP) {
    if (!("situs" in b.asal)) continue;
    for (const f of b.format.filter((f) => f !== "xlsx")) {
      const from = asalBerkas(site, b.asal.situs, f);
      if (!from.startsWith(site)) hasil.dari_cache.push(`${b.asal.situs}.${f}`);
      const to = join(site, pathTetap(b.nama, f));
      Deno.copyFileSync(from, to);
      // A table without rows is written without a header (site.ts toCsv): the stable file says
      // its columns, from the catalogue, so that it still reads as the table it is.
      if (f === "csv" && !header(to).length) {
        Deno.writeTextFileSync(
          to,
          kolomTabel(b.tabel as NamaTabel, [...k.kategori.keys()]).join(",") + "\n",
        );
        hasil.tanpa_baris.push(b.nama);
      }
      hasil.berkas++;
    }
  }
  for (const b of BERKAS_TETAP) {
    if ("tulis" in b.asal) {
      await tulisSendiri(b, k, instansiCsv);
      hasil.berkas++;
    }
    if (b.format.includes("xlsx")) {
      await tulisXlsx(b, join(site, pathTetap(b.nama, "csv")), k);
      hasil.xlsx++;
    }
    for (const f of b.format) {
      const path = pathTetap(b.nama, f);
      const bytes = Deno.readFileSync(join(site, path));
      const base = {
        path,
        format: f,
        mediatype: MEDIATYPE[f],
        // A workbook's archive carries the time it was written: its size and hash would make
        // the descriptor differ between two builds of the same inputs.
        ...(f === "xlsx" ? {} : { bytes: bytes.length, hash: `sha256:${sha256(bytes)}` }),
      };
      if (f === "csv") {
        const sources = dariResmi(b) ? sumberResmi(join(site, path)) : undefined;
        resources.push({
          name: b.nama,
          profile: "tabular-data-resource",
          title: b.judul,
          description: isiBerkas(b, TABEL),
          ...base,
          encoding: "utf-8",
          schema: skema(join(site, path), b, k),
          ...(sources?.length ? { sources } : {}),
        });
      } else {
        resources.push({
          name: `${b.nama}-${f}`,
          profile: "data-resource",
          title: `${b.judul} (${f === "xlsx" ? "Excel" : "Parquet"})`,
          description: f === "xlsx"
            ? `Lembar kerja dari ${
              pathTetap(b.nama, "csv")
            }: metode baku tiap periode (dan hasil ` +
              "resmi BKN bila ada), judul kolom berbahasa Indonesia, baris sumber dan lembar " +
              "Keterangan berisi arti tiap kolom."
            : `Isi sama dengan ${
              pathTetap(b.nama, "csv")
            }, dalam format Apache Parquet (kolom bertipe).`,
          ...base,
        });
      }
    }
  }
  const [awal, akhir] = [m.periode[0], m.periode.at(-1)!];
  const pkg: DataPackage & Record<string, unknown> = {
    profile: "data-package",
    name: `ipasn-${
      cakupan.singkat.toLowerCase().normalize("NFD").replace(/[^a-z0-9]+/g, "-").replace(
        /^-|-$/g,
        "",
      )
    }`,
    title: k.judul,
    description: [
      `Indeks Profesionalitas ASN (IP ASN) ${cakupan.nama}: nilai per instansi, provinsi, ` +
      `seluruh wilayah data dan unit kerja, dihitung dengan ipasn dari ${k.sumber}, ` +
      `periode ${labelPeriode(awal)} sampai ${labelPeriode(akhir)}, beserta tabel kenaikan, ` +
      "rekonsiliasi dengan hasil resmi BKN, kepekaan terhadap asumsi dan nilai yang dilaporkan.",
      "Hanya agregat: tidak ada data per orang; unit kerja dengan ASN di bawah ambang sel kecil " +
      `(${cakupan.ambang_sel_kecil}) disembunyikan.`,
      `Berkas di ${FOLDER_TETAP}/ tidak berubah nama ketika situs diperbarui.`,
      ...(m.sintetis ? ["**Data contoh sintetis**, bukan data pegawai sungguhan."] : []),
    ].join("\n\n"),
    keywords: ["IP ASN", "Indeks Profesionalitas ASN", "ASN", "kepegawaian", cakupan.nama],
    licenses: [{ ...LISENSI }],
    sources: m.sumber.map((title) => ({ title })),
    ...(cakupan.penerbit || cakupan.kontak
      ? {
        contributors: [{
          title: cakupan.penerbit ?? cakupan.kontak!,
          role: cakupan.penerbit ? "publisher" as const : "maintainer" as const,
          ...kontak(cakupan.kontak),
        }],
      }
      : {}),
    // Dublin Core's temporal coverage, the extension the Data Package spec gives as its example.
    temporal: {
      name: awal === akhir
        ? labelPeriode(awal)
        : `${labelPeriode(awal)} sampai ${labelPeriode(akhir)}`,
      start: rentangPeriode(awal).start,
      end: rentangPeriode(akhir).end,
      periode: m.periode,
    },
    resources,
  };
  if (internal) {
    const dir = join(site, FOLDER_TETAP, "daftar-kerja");
    Deno.mkdirSync(dir);
    const nama = new Map(
      csvParse(Deno.readTextFileSync(join(site, pathTetap("referensi-instansi", "csv"))))
        .map((r) => [r.kode_instansi!, r.nama_instansi!]),
    );
    for (const [kode, n] of nama) {
      await bukuKerja(skor, kode, join(dir, `${kode}.xlsx`), {
        nama_instansi: n,
        sumber: k.sumber,
        tanggal: k.tanggal,
      });
      hasil.buku_kerja++;
    }
  }
  const text = JSON.stringify(pkg, null, 2) + "\n";
  Deno.writeTextFileSync(join(site, DESKRIPTOR), text);
  const aturan = periksaDeskriptor(pkg);
  const masalah = aturan.length ? aturan : await periksaBerkas(site, pkg);
  if (masalah.length) {
    throw new Error(
      `${DESKRIPTOR} breaks the Data Package rules:\n${
        masalah.slice(0, 20).map((x) => `  ${x.berkas}: ${x.masalah}`).join("\n")
      }`,
    );
  }
  return hasil;
}

const SELF = new URL(import.meta.url).pathname;

/**
 * scripts/build.ts's step, after Framework has built `site` and before the privacy scan: runs
 * `terbitkan` in its own process, with the scoring folder and audience in its environment, and
 * returns a line for the build log.
 */
export async function terbitkanData(
  o: { site: string; computed: string; audience: string },
): Promise<string> {
  const r = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      SELF,
      "--site",
      o.site,
      ...(o.audience === "internal" ? ["--internal"] : []),
    ],
    // The project's folder: its deno.json (sloppy imports of the pages' components) applies.
    cwd: ROOT,
    env: { IPASN_COMPUTED: o.computed, IPASN_AUDIENCE: o.audience },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const out = new TextDecoder().decode(r.stdout).trim();
  if (!r.success) {
    const galat = out
      ? (JSON.parse(out.split("\n").at(-1)!) as { galat?: string }).galat
      : undefined;
    if (galat) throw new UserError(galat);
    throw new Error(new TextDecoder().decode(r.stderr).trim().split("\n").slice(-20).join("\n"));
  }
  const h = JSON.parse(out.split("\n").at(-1)!) as Hasil;
  return `open data: ${DESKRIPTOR}, ${h.berkas} stable files and ${h.xlsx} spreadsheets in ${FOLDER_TETAP}/` +
    (h.buku_kerja ? `, ${h.buku_kerja} worklist workbooks in ${FOLDER_TETAP}/daftar-kerja/` : "") +
    (h.dari_cache.length
      ? ` (from the loader cache, no page loads them: ${h.dari_cache.join(", ")})`
      : "") +
    (h.tanpa_baris.length ? `; without rows: ${h.tanpa_baris.join(", ")}` : "");
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: { site: { type: "string" }, internal: { type: "boolean", default: false } },
  });
  if (!values.site) throw new Error("--site DIR is required");
  try {
    console.log(JSON.stringify(await terbitkan(values.site, values.internal!)));
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    console.log(JSON.stringify({ galat: e.message }));
    Deno.exit(1);
  }
}
