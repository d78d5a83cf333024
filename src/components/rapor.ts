/**
 * An instansi's report card, drawn from its own file (data/rapor/<kode>.json, made by the build:
 * loaders/publish/halaman.ts). The page (src/instansi/[kode].md) holds only its headings, its two
 * choices and one call per section: Framework builds the page once per instansi (640 nationally),
 * and what it parses per page is what a national build costs, so the drawing lives here, parsed
 * once. No Plot and no table library: light charts (garis.ts, batangDimensi.ts) and plain arrays.
 */
import { html } from "htl";
import { namaMetode } from "./metode.js";
import { barisDari, type Tabel } from "./irisan.js";
import { garis } from "./garis.js";
import { batangDimensi } from "./batangDimensi.js";
import { batasKategori, maksDimensi } from "./profil.js";
import { chipKategori, tabel, tabelAlternatif, tautan } from "./tabel.js";
import { unduh } from "./unduh.js";
import {
  bilangan,
  nilai,
  periode as labelPeriode,
  persen,
  selisih,
  urutPeriode,
} from "./format.js";
import { satuPeriode, semuaUnitDisembunyikan } from "./pesan.js";
import { DIMENSI, type Dimensi, LABEL_DIMENSI } from "../kosakata.js";

// The card file's rows: their columns are the build's (halaman.ts), read by name.
// deno-lint-ignore no-explicit-any
type Baris = Record<string, any>;

/** The card's file (loaders/publish/halaman.ts, `rapor`). */
export interface Rapor {
  versi: string;
  kode: string;
  nama: string;
  jenis: string;
  kode_provinsi: string;
  provinsi: string;
  periode: string[];
  metode: { id: string; nama: string; resmi?: boolean }[];
  baku: Record<string, string>;
  profil: Record<
    string,
    { maks: Record<string, number>; batas: { nama: string; min: number }[]; baku_untuk: unknown }
  >;
  baris: Tabel;
  provinsi_rata: Tabel;
  keseluruhan: Tabel;
  kanreg: (Tabel & { nama: string }) | null;
  jumlah_pusat: Record<string, number> | null;
  unit_awal: Tabel & { periode: string; metode: string | null };
  jumlah_unit: number;
  resmi: Baris[];
  target: Baris[];
}

/** What the site is (data/situs.json) as far as a card needs it. */
interface Situs {
  entitas: string;
  jenis: string;
  singkat: string;
  rata: string;
  banding_provinsi: boolean;
  ambang_sel_kecil: number;
  di_luar_referensi: { kode_instansi: string }[];
}

/** The card under a chosen period and method: its row and the rows it is compared with. */
export function keadaan(k: Rapor, situs: Situs, periodeIn: string, metodeIn: string) {
  const m = metodeIn === "baku" ? k.baku[periodeIn] : metodeIn;
  const at = (rows: Baris[]) => rows.find((x) => x.periode === periodeIn && x.metode === m);
  const milik = barisDari<Baris>(k.baris);
  const provinsi = barisDari<Baris>(k.provinsi_rata);
  const keseluruhan = barisDari<Baris>(k.keseluruhan);
  const rataReg = barisDari<Baris>(k.kanreg);
  const prov = at(provinsi);
  const pusat = k.jenis === "pusat";
  const unitSite = situs.entitas === "unit";
  const bandingProvinsi = situs.banding_provinsi && !pusat;
  // The rank inside its group: its province, or for a central agency the central agencies (the
  // engine's peringkat_provinsi; on a site of central agencies only it is the site's own rank). A
  // rank in a group of one ("1 of 1") says nothing.
  const nKelompok = pusat ? k.jumlah_pusat?.[`${periodeIn}|${m}`] ?? 0 : prov?.jumlah_instansi ?? 0;
  return {
    k,
    situs,
    periodeIn,
    metodeIn,
    m,
    r: at(milik),
    milik,
    provinsi,
    keseluruhan,
    rataReg,
    prov,
    reg: at(keseluruhan),
    regSaya: at(rataReg),
    pusat,
    unitSite,
    bandingProvinsi,
    nKelompok,
    diKelompok: pusat ? "di antara instansi pusat" : `di ${k.provinsi}`,
    rankKelompok: (pusat ? !unitSite && situs.jenis !== "pusat" : bandingProvinsi) && nKelompok > 1,
    maks: maksDimensi(k.profil[m]),
    pakai: (x: Baris) =>
      metodeIn === "baku" ? k.baku[x.periode] === x.metode : x.metode === metodeIn,
  };
}
export type Keadaan = ReturnType<typeof keadaan>;

/** The cards and the paragraph that says it all in words. */
export function ringkasan(c: Keadaan): HTMLElement {
  const { k, r, situs, m, periodeIn, prov, reg, regSaya } = c;
  if (!r) {
    return html`<p>Belum ada data ${k.nama} untuk ${labelPeriode(periodeIn)} dengan metode ${
      namaMetode(m, k.metode)
    }.</p>`;
  }
  const lemah = DIMENSI.map((d) => ({
    d,
    celah: c.maks[d] - r[d],
    bagian: (c.maks[d] - r[d]) / c.maks[d],
  })).sort((a, b) => b.bagian - a.bagian)[0];
  const potensi = DIMENSI.map((d) => ({ d, poin: r[`potensi_${d}`] }))
    .sort((a, b) => b.poin - a.poin)[0];
  const kodeKanreg = k.kanreg?.nama ?? "";
  // The change since the previous period only when there is one (not on a first export).
  return html`
    <div>
      <div class=${`grid grid-cols-${r.periode_sebelumnya ? 4 : 3}`}>
      <div class="card"><div class="kartu-label">IP ASN ${labelPeriode(
        periodeIn,
      )}</div><div class="kartu-angka">${nilai(r.nilai)}</div>${chipKategori(r.kategori)}</div>
      ${c.unitSite
        ? html`
          <div class="card">
            <div class="kartu-label">Unit kerja</div>
            <div class="kartu-angka">${k.jumlah_unit}</div>
            <div class="kartu-label"><a href="../unit/">rapor unit kerja</a></div>
          </div>
        `
        : html`
          <div class="card">
            <div class="kartu-label">Peringkat ${situs.singkat}</div>
            <div class="kartu-angka">${r.peringkat}</div>
            <div class="kartu-label">dari ${r.jumlah_instansi} instansi</div>
          </div>
        `}
      ${c.rankKelompok
        ? html`
          <div class="card">
            <div class="kartu-label">Peringkat ${c.diKelompok}</div>
            <div class="kartu-angka">${r.peringkat_provinsi}</div>
            <div class="kartu-label">dari ${c.nKelompok} instansi</div>
          </div>
        `
        : html`
          <div class="card">
            <div class="kartu-label">ASN diukur</div>
            <div class="kartu-angka">${bilangan(r.n_asn)}</div>
          </div>
        `}
      ${r.periode_sebelumnya
        ? html`
          <div
            class="card"><div class="kartu-label">Perubahan dari ${labelPeriode(
              r.periode_sebelumnya,
            )}</div><div class=${`kartu-angka ${
              r.selisih > 0 ? "naik" : r.selisih < 0 ? "turun" : ""
            }`}>${selisih(r.selisih)}</div>${r.periode_tahun_lalu
              ? html`<div class="kartu-label">Setahun (dari ${
                labelPeriode(r.periode_tahun_lalu)
              }): <strong>${selisih(r.selisih_tahunan)}</strong></div>`
              : ""}<div class="kartu-label">${r.naik_peringkat
              ? `${r.naik_peringkat > 0 ? "naik" : "turun"} ${Math.abs(r.naik_peringkat)} peringkat`
              : ""}</div></div>
        `
        : ""}
      </div>
      <p>Pada ${labelPeriode(periodeIn)} (metode ${namaMetode(m, k.metode)}), IP ASN ${k
        .nama} adalah <strong>${nilai(r.nilai)}</strong> (${r.kategori})${c.unitSite
        ? ""
        : `, peringkat ${r.peringkat} dari ${r.jumlah_instansi} di ${situs.singkat}`}${c
          .rankKelompok
        ? ` dan ${r.peringkat_provinsi} ${c.diKelompok}`
        : ""}${r.selisih == null
        ? ""
        : `; ${r.selisih >= 0 ? "naik" : "turun"} ${nilai(Math.abs(r.selisih))} poin dari ${
          labelPeriode(r.periode_sebelumnya)
        }`}. ${c.bandingProvinsi
        ? `Rata-rata ${k.provinsi} ${nilai(prov?.nilai)}, ${
          regSaya
            ? `rata-rata Kanreg ${kodeKanreg} ${
              nilai(regSaya.nilai)
            } (${regSaya.jumlah_provinsi} provinsi dalam data), `
            : ""
        }${situs.rata.replace(/^Rata/, "rata")} ${nilai(reg?.nilai)}. `
        : c.unitSite
        ? ""
        : `${situs.rata} ${nilai(reg?.nilai)}. `}Dimensi terjauh dari maksimumnya: <strong>${lemah
        .d}</strong> (kurang ${nilai(lemah.celah)} dari ${c
        .maks[lemah.d as Dimensi]}). Potensi kenaikan terbesar ada di <strong>${potensi
        .d}</strong>: +${nilai(
          potensi.poin,
        )} poin bila semua indikator yang kosong atau nol di dimensi itu terisi penuh. Perhitungan ini mencakup ${bilangan(
          r.n_asn,
        )} ASN (${bilangan(r.n_pns)} PNS, ${bilangan(r.n_pppk)} PPPK).</p>
    </div>
  `;
}

/** The trend: the instansi with its averages, its reported figures and its targets. */
export function tren(c: Keadaan, width: number): HTMLElement {
  const { k, situs, pakai } = c;
  const labelKanreg = `Rata-rata Kanreg ${k.kanreg?.nama ?? ""}`;
  const seri = [
    ...c.milik.filter(pakai).map((x) => ({ ...pilih(x), seri: "Instansi ini" })),
    ...(c.bandingProvinsi
      ? c.provinsi.filter(pakai).map((x) => ({ ...pilih(x), seri: `Rata-rata ${k.provinsi}` }))
      : []),
    ...c.rataReg.filter(pakai).map((x) => ({ ...pilih(x), seri: labelKanreg })),
    ...(c.unitSite
      ? []
      : c.keseluruhan.filter(pakai).map((x) => ({ ...pilih(x), seri: situs.rata }))),
  ].sort((a, b) => urutPeriode(a.periode, b.periode));
  const resmi = k.resmi.map((o) => ({
    periode: o.periode,
    nilai: o.nilai,
    url: o.sumber_url,
    label: o.jenis === "mandiri" ? "hitungan mandiri" : "resmi",
  }));
  const target = k.target.map((t) => ({ tahun: t.tahun, target: t.target, label: "target" }));
  const profil = c.metodeIn === "baku"
    ? Object.values(k.profil).filter((p) => p.baku_untuk)
    : [k.profil[c.metodeIn]];
  const g = garis(seri, {
    width,
    resmi,
    target,
    batas: batasKategori(profil),
    judul: `Tren IP ASN ${k.nama}`,
    height: 300,
  });
  return html`<div>${g}${
    new Set(seri.map((x) => x.periode)).size === 1
      ? html`<p class="sumber">${satuPeriode(seri[0].periode)}</p>`
      : ""
  }${unduh(`tren-${k.kode}`, seri, g)}${
    tabelAlternatif(seri, [
      { key: "seri", label: "Seri" },
      {
        key: "periode",
        label: "Periode",
        cell: (x) => labelPeriode(x.periode),
        sort: (x) => x.periode,
      },
      { key: "nilai", label: "IP ASN", numeric: true, cell: (x) => nilai(x.nilai) },
    ])
  }</div>`;
}

const pilih = (x: Baris) => ({ periode: x.periode, nilai: x.nilai, metode: x.metode });

/** The figures reported for the instansi (not the site's own), with their sources. */
export function dilaporkan(k: Rapor): HTMLElement {
  if (!k.resmi.length && !k.target.length) {
    return html`
      <p
        class="sumber">Belum ada nilai resmi yang dilaporkan untuk instansi ini dalam tabel referensi.</p>
    `;
  }
  return html`
    <div
      class="sumber"><strong>Nilai resmi yang dilaporkan</strong> (◆, bukan hasil hitungan situs ini):<ul>${k
        .resmi.map((o) =>
          html`<li>${labelPeriode(o.periode)}: ${nilai(o.nilai)}${
            o.perkiraan ? " (perkiraan)" : ""
          }, ${o.jenis === "mandiri" ? "hitungan mandiri BKD, tidak diakui BKN" : "BKN"}${
            o.peringkat ? `, peringkat ${o.peringkat} dari ${o.dari}` : ""
          }${
            o.sumber_url
              ? html`
                · <a href=${o.sumber_url} target="_blank" rel="noopener">sumber</a>
              `
              : ""
          }</li>`
        )}${k.target.map((t) =>
          html`<li>Target ${t.tahun}: ${
            nilai(t.target)
          } · <a href=${t.sumber_url} target="_blank" rel="noopener">sumber</a></li>`
        )}</ul></div>
  `;
}

/** The dimensions beside the averages that exist (a province's when the data spans several). */
export function dimensi(c: Keadaan, width: number): HTMLElement | string {
  const { k, r, situs } = c;
  if (!r) return "";
  const dari = (label: string, x: Baris | undefined) =>
    ({
      label,
      ...Object.fromEntries(DIMENSI.map((d) => [d, x?.[d] ?? 0])),
    }) as { label: string } & Record<Dimensi, number>;
  const banding = [
    dari("Instansi ini", r),
    ...(c.bandingProvinsi ? [dari(`Rata-rata ${k.provinsi}`, c.prov)] : []),
    ...(c.unitSite ? [] : [dari(situs.rata, c.reg)]),
  ];
  const gd = batangDimensi(banding, { width, maks: c.maks, judul: `Skor per dimensi, ${k.nama}` });
  return html`<div>${gd}${
    tabelAlternatif(banding, [
      { key: "label", label: "" },
      ...DIMENSI.map((d) => ({
        key: d,
        label: `${d} (maks ${c.maks[d]})`,
        numeric: true,
        cell: (x: Baris) => nilai(x[d]),
      })),
    ])
  }${unduh(`dimensi-${k.kode}-${c.periodeIn}`, banding, gd)}</div>`;
}

/** Data completeness and what filling each gap would add. */
export function kelengkapan(c: Keadaan): HTMLElement | string {
  const r = c.r;
  if (!r) return "";
  return tabel([
    {
      indikator: "Pendidikan belum diisi",
      bagian: r.share_pendidikan_kosong,
      dimensi: "kualifikasi",
      potensi: r.potensi_kualifikasi,
    },
    {
      indikator: "Pengembangan kompetensi dalam periode belum ada",
      bagian: r.share_pengembangan_kosong,
      dimensi: "kompetensi",
      potensi: r.potensi_kompetensi,
    },
    {
      indikator: "SKP belum ada",
      bagian: r.share_skp_kosong,
      dimensi: "kinerja",
      potensi: r.potensi_kinerja,
    },
    {
      indikator: "Hukuman disiplin berat berlaku",
      bagian: null,
      dimensi: "disiplin",
      potensi: r.potensi_disiplin,
    },
  ], [
    { key: "indikator", label: "Indikator" },
    {
      key: "bagian",
      label: "Bagian ASN",
      numeric: true,
      cell: (x) => x.bagian == null ? "–" : persen(x.bagian),
    },
    { key: "dimensi", label: "Dimensi", cell: (x) => LABEL_DIMENSI[x.dimensi as Dimensi] },
    {
      key: "potensi",
      label: "Potensi kenaikan (poin)",
      numeric: true,
      cell: (x) => `+${nilai(x.potensi)}`,
    },
  ], { urut: "potensi", turun: true });
}

/**
 * The units of the chosen period and method: the latest period's default are in the card's file;
 * any other's come with the first such choice (`ambil`, data/unit/<kode>.json).
 */
export async function unit(
  c: Keadaan,
  ambil: <T>(path: string) => Promise<T>,
): Promise<HTMLElement> {
  const { k, situs, m, periodeIn } = c;
  const awal = k.unit_awal.periode === periodeIn && k.unit_awal.metode === m;
  const units = awal
    ? barisDari<Baris>(k.unit_awal)
    : barisDari<Baris>(await ambil<Tabel>(`data/unit/${k.kode}.json`)).filter((u) =>
      u.periode === periodeIn && u.metode === m
    );
  const sembunyi = (u: Baris, teks: string | Node) => (u.disembunyikan ? "–" : teks);
  return html`<div>${
    units.length && units.every((u) => u.disembunyikan)
      ? html`<p>${semuaUnitDisembunyikan(situs.ambang_sel_kecil, periodeIn)}</p>`
      : ""
  }${
    tabel(units, [
      {
        key: "nama_unit",
        label: "Unit kerja",
        cell: (u) =>
          c.unitSite && !u.disembunyikan
            ? tautan(`../unit/${encodeURIComponent(u.kode_unit)}`, u.nama_unit)
            : u.nama_unit,
      },
      {
        key: "n_asn",
        label: "ASN",
        numeric: true,
        cell: (u) => u.disembunyikan ? "disembunyikan" : bilangan(u.n_asn),
      },
      { key: "nilai", label: "IP ASN", numeric: true, cell: (u) => sembunyi(u, nilai(u.nilai)) },
      {
        key: "kategori",
        label: "Kategori",
        cell: (u) => sembunyi(u, chipKategori(u.kategori)),
        sort: (u) => u.nilai,
      },
      ...DIMENSI.map((d) => ({
        key: d,
        label: d,
        numeric: true,
        cell: (u: Baris) => sembunyi(u, nilai(u[d])),
      })),
      {
        key: "share_data_lengkap",
        label: "Data lengkap",
        numeric: true,
        cell: (u) => sembunyi(u, persen(u.share_data_lengkap)),
      },
    ], { urut: "nilai", turun: true })
  }${
    unduh(
      `unit-${k.kode}-${periodeIn}`,
      units.map((u) => ({
        periode: periodeIn,
        metode: m,
        kode_instansi: k.kode,
        nama_instansi: k.nama,
        ...u,
      })),
    )
  }</div>`;
}

/** The share of ASN whose data is complete, in words ("82,1%"). */
export function persenLengkap(c: Keadaan): string {
  return persen(c.r?.share_data_lengkap);
}
