/**
 * Data shaped per page: what each page draws, cut from the public tables on the build side, so a
 * page downloads what it shows and no page computes over the whole instansi table in the browser.
 * What a page reads grows with what the reader chooses (one period and method, one instansi, the
 * instansi picked for a trend), not with the size of the country:
 *
 * - `indeks.json`: the periods, the real methods by name (BKN's official results and the computed
 *   profiles; the sensitivity variants listed apart), each period's default, each profile's maxima
 *   and category bands, and every entity (instansi, or the unit kerja of a BKD site) once;
 * - `irisan/<periode>/<metode>.json`: the entities of one period under one method (value, rank,
 *   category, change, dimensions), the province means and the overall mean of that period: Peringkat,
 *   Dimensi, Simulasi's peers, Perbandingan's two methods, the report-card list;
 * - `seri/<kode>.json`: one entity's values over time under the real methods (Tren);
 * - `seri-wilayah.json`: the province means over time (Tren; the overall mean is in indeks.json);
 * - `peluang/<kode>.json`: one instansi's gain tables (Simulasi);
 * - `rapor/<kode>.json`: one report card whole: its rows, its province's and the overall means, its
 *   Kanreg's mean, its group's size, its units of the latest period, its reported figures;
 *   `unit/<kode>.json` its units of every period, fetched when another period is chosen;
 * - `rapor-unit/<kode_unit>.json` (a BKD site): one unit kerja's report card;
 * - `rekonsiliasi.json`: each reported figure with the means it is reconciled against.
 *
 * A file whose name depends on the reader's choice is fetched by the page from `_file/data/…`
 * (`DINAMIS` below; the build copies these into the site, src/components/irisan.ts fetches them);
 * every other file is a FileAttachment, which Framework copies under a content hash.
 */
import type { Hasil, Profil } from "./hasil.ts";
import type { Cakupan } from "./scope.ts";
import { rataKanreg } from "../../src/components/rataKanreg.ts";
// The entities a site compares (its instansi, or a BKD site's unit kerja), as the pages read them.
import type { Entitas } from "../../src/components/irisan.ts";
import { DIMENSI, metodeUtama, RESMI, urutPeriode } from "../../src/kosakata.ts";

type Baris = Record<string, unknown>;

/** A table as the pages receive it: column names once, rows as arrays (src/components/irisan.ts). */
export interface Tabel {
  kolom: string[];
  baris: unknown[][];
}
export function tabel(rows: readonly object[], kolom: readonly string[]): Tabel {
  return {
    kolom: [...kolom],
    baris: rows.map((r) => kolom.map((k) => (r as Record<string, unknown>)[k] ?? null)),
  };
}

/** Files whose path the reader's choice makes: fetched by URL, not through FileAttachment. */
export const DINAMIS = [
  /^data\/irisan\//,
  /^data\/seri\//,
  /^data\/peluang\//,
  /^data\/unit\//,
];

/** A real method is BKN's official results or a profile that is no sensitivity variant. */
export function nyata(p: Profil): boolean {
  return !p.alternatif;
}

/** The methods a reader chooses among, in order: BKN's official results first, then by id. */
export function metodeNyata(h: Hasil): Profil[] {
  const ada = new Set(Object.values(h.manifest.metode_periode).flat());
  return h.manifest.profil.filter((p) => nyata(p) && ada.has(p.id))
    .sort((a, b) => (a.id === RESMI ? -1 : b.id === RESMI ? 1 : a.id.localeCompare(b.id)));
}

/** What a page needs of a profile to draw it: maxima, bands, population, default periods. */
function ringkasProfil(p: Profil) {
  return {
    id: p.id,
    nama: p.nama,
    maks: Object.fromEntries(DIMENSI.map((d) => [d, p.dimensi[d].maks])),
    batas: p.kategori.batas.map((b) => ({ nama: b.nama, min: b.min })),
    pembulatan: (p.kategori as { pembulatan?: unknown }).pembulatan ?? null,
    populasi: p.populasi.jenis_pegawai.includes("PPPK") ? "PNS_PPPK" : "PNS",
    baku_untuk: p.baku_untuk,
    intervensi: p.intervensi.map((i) => ({ id: i.id, label: i.label })),
    tepat: p.tambahan_tepat,
    ...(p.alternatif
      ? { alternatif: { dari: p.alternatif.dari, aturan: p.alternatif.aturan } }
      : {}),
    ...(p.resmi ? { resmi: true } : {}),
  };
}
export type ProfilRingkas = ReturnType<typeof ringkasProfil>;

/** The site's periods, methods and defaults from the manifest, for every page. */
export function daftarMetode(h: Hasil) {
  const m = h.manifest;
  const periode = [...m.periode].sort(urutPeriode);
  const baku: Record<string, string> = {};
  const bakuHitung: Record<string, string> = {};
  for (const p of periode) {
    if (m.metode_baku[p]) bakuHitung[p] = m.metode_baku[p]!;
    const u = metodeUtama(m.metode_baku[p], m.metode_periode[p] ?? []);
    if (u) baku[p] = u;
  }
  return { periode, baku, bakuHitung };
}

const KOLOM_IRISAN = [
  "kode",
  "peringkat",
  "nilai",
  "kategori",
  "selisih",
  "selisih_tahunan",
  ...DIMENSI,
  "n_asn",
] as const;

/** The site's entities and their rows, whichever they are (instansi, or a BKD's unit kerja). */
export function entitas(
  c: Cakupan,
  t: { instansi: Baris[]; unit: Baris[] },
): { daftar: Entitas[]; baris: Baris[] } {
  if (c.entitas === "unit") {
    // The units a page can show: those with a value in some period (a unit hidden everywhere has
    // its card, which says so, but no place in a list, a ranking or a trend).
    const daftar = new Map<string, Entitas>();
    for (const u of t.unit.filter((u) => !u.disembunyikan)) {
      daftar.set(String(u.kode_unit), {
        kode: String(u.kode_unit),
        nama: String(u.nama_unit),
        jenis: "unit",
        kode_provinsi: "",
        provinsi: "",
      });
    }
    // Units are ranked among the units shown (a rank counting a hidden unit would place it): by
    // value, then as the unit table lists them (by size, then code).
    const baris: Baris[] = [];
    const grup = new Map<string, Baris[]>();
    for (const u of t.unit) {
      const k = `${u.periode}\0${u.metode}`;
      if (!grup.has(k)) grup.set(k, []);
      grup.get(k)!.push(u);
    }
    for (const g of grup.values()) {
      const tampil = g.filter((u) => !u.disembunyikan);
      const urut = [...tampil].sort((a, b) => Number(b.nilai) - Number(a.nilai));
      const rank = new Map(urut.map((u, i) => [u, i + 1]));
      for (const u of g) {
        baris.push({
          ...u,
          kode: u.kode_unit,
          nama: u.nama_unit,
          peringkat: rank.get(u) ?? null,
          jumlah_tampil: tampil.length,
        });
      }
    }
    return {
      daftar: [...daftar.values()].sort((a, b) => a.kode.localeCompare(b.kode)),
      baris,
    };
  }
  const daftar = new Map<string, Entitas>();
  for (const r of t.instansi) {
    daftar.set(String(r.kode_instansi), {
      kode: String(r.kode_instansi),
      nama: String(r.nama_instansi),
      jenis: String(r.jenis_instansi),
      kode_provinsi: String(r.kode_provinsi ?? ""),
      provinsi: String(r.provinsi ?? ""),
    });
  }
  return {
    daftar: [...daftar.values()].sort((a, b) => a.kode.localeCompare(b.kode)),
    baris: t.instansi.map((r) => ({ ...r, kode: r.kode_instansi })),
  };
}

/** indeks.json: what every chooser needs, once. */
export function indeks(
  h: Hasil,
  c: Cakupan,
  e: { daftar: Entitas[] },
  versi: string,
  kanreg: Baris[],
) {
  const { periode, baku, bakuHitung } = daftarMetode(h);
  const m = h.manifest;
  const nyataIds = new Set(metodeNyata(h).map((p) => p.id));
  return {
    versi,
    entitas: c.entitas,
    periode,
    terbaru: periode.at(-1) ?? "",
    metode: metodeNyata(h).map((p) => ({
      id: p.id,
      nama: p.nama,
      ...(p.resmi ? { resmi: true } : {}),
    })),
    varian: m.profil.filter((p) =>
      !nyata(p) && Object.values(m.metode_periode).flat().includes(p.id)
    )
      .map((p) => ({ id: p.id, nama: p.nama, dari: p.alternatif!.dari })),
    /** Each period's real methods, and every method computed there (variants too). */
    metode_periode: Object.fromEntries(
      periode.map((p) => [p, (m.metode_periode[p] ?? []).filter((x) => nyataIds.has(x))]),
    ),
    semua_metode_periode: Object.fromEntries(periode.map((p) => [p, m.metode_periode[p] ?? []])),
    baku,
    baku_hitung: bakuHitung,
    profil: Object.fromEntries(m.profil.map((p) => [p.id, ringkasProfil(p)])),
    /** The overall mean over time under every method (Tren's and Perbandingan's reference line). */
    keseluruhan: tabel(kanreg, ["periode", "metode", "nilai", ...DIMENSI]),
    // Each entity once; a province's name once (nationally 640 instansi in 38 provinces).
    kolom_entitas: ["kode", "nama", "jenis", "kode_provinsi"],
    daftar: e.daftar.map((x) => [x.kode, x.nama, x.jenis, x.kode_provinsi]),
    provinsi: Object.fromEntries(
      e.daftar.filter((x) => x.kode_provinsi).map((x) => [
        x.kode_provinsi,
        x.provinsi,
      ]),
    ),
  };
}

/** irisan/<periode>/<metode>.json for every period and method computed there. */
export function irisan(
  h: Hasil,
  c: Cakupan,
  t: {
    entitas: Baris[];
    instansi: Baris[];
    provinsi: Baris[];
    kanreg: Baris[];
    varian: Baris[];
  },
): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const kunci = (r: Baris) => `${r.periode}\0${r.metode}`;
  const per = <T extends Baris>(rows: T[]) => {
    const g = new Map<string, T[]>();
    for (const r of rows) {
      if (!g.has(kunci(r))) g.set(kunci(r), []);
      g.get(kunci(r))!.push(r);
    }
    return g;
  };
  const ent = per(t.entitas), inst = per(t.instansi);
  const prov = per(t.provinsi), all = per(t.kanreg);
  // B's mean on A's population (data of every ASN), for Perbandingan's split of a shift.
  const varian = new Map<string, Map<string, Baris>>();
  for (const v of t.varian) {
    if (v.data !== "semua") continue;
    const k = `${kunci(v)}\0${v.kode_instansi}`;
    if (!varian.has(k)) varian.set(k, new Map());
    varian.get(k)!.set(String(v.populasi), v);
  }
  const unitSitus = c.entitas === "unit";
  const kolomInstansi = [
    ...KOLOM_IRISAN,
    "peringkat_provinsi",
    "nilai_PNS",
    "nilai_PNS_PPPK",
  ];
  // A hidden unit is listed by its name (its card and the unit list say it is hidden).
  const kolom = unitSitus ? [...KOLOM_IRISAN, "nama", "disembunyikan"] : kolomInstansi;
  const denganVarian = (k: string, r: Baris): Baris => {
    const v = varian.get(`${k}\0${r.kode_instansi}`);
    return {
      ...r,
      kode: r.kode ?? r.kode_instansi,
      nilai_PNS: v?.get("PNS")?.nilai ?? null,
      nilai_PNS_PPPK: v?.get("PNS_PPPK")?.nilai ?? null,
    };
  };
  for (const [p, metode] of Object.entries(h.manifest.metode_periode)) {
    for (const m of metode) {
      const k = `${p}\0${m}`;
      const rows: Baris[] = (ent.get(k) ?? []).map((r) => denganVarian(k, r));
      const keseluruhan = all.get(k)?.[0];
      out.set(`data/irisan/${p}/${m}.json`, {
        periode: p,
        metode: m,
        periode_tahun_lalu: rows.find((r) => r.periode_tahun_lalu)?.periode_tahun_lalu ?? null,
        periode_sebelumnya: rows.find((r) => r.periode_sebelumnya)?.periode_sebelumnya ?? null,
        jumlah: unitSitus ? rows.filter((r) => !r.disembunyikan).length : rows.length,
        ...tabel(
          [...rows].sort((a, b) =>
            (Number(a.peringkat ?? Infinity) - Number(b.peringkat ?? Infinity)) ||
            String(a.kode).localeCompare(String(b.kode))
          ),
          kolom,
        ),
        provinsi: tabel(prov.get(k) ?? [], [
          "kode_provinsi",
          "provinsi",
          "nilai",
          "kategori",
          "jumlah_instansi",
        ]),
        keseluruhan: keseluruhan
          ? Object.fromEntries(
            ["nilai", ...DIMENSI, "n_asn"].map((c) => [c, keseluruhan[c] ?? null]),
          )
          : null,
        // A BKD site ranks its unit kerja; the simulator and the method comparison are of the
        // instansi itself.
        ...(unitSitus
          ? { instansi: tabel((inst.get(k) ?? []).map((r) => denganVarian(k, r)), kolomInstansi) }
          : {}),
      });
    }
  }
  return out;
}

/** seri/<kode>.json: an entity's value over time under the real methods (shown values only). */
export function seri(h: Hasil, rows: Baris[]): Map<string, unknown> {
  const nyataIds = new Set(metodeNyata(h).map((p) => p.id));
  const per = new Map<string, Baris[]>();
  for (const r of rows) {
    if (!nyataIds.has(String(r.metode)) || r.nilai == null) continue;
    const k = String(r.kode);
    if (!per.has(k)) per.set(k, []);
    per.get(k)!.push(r);
  }
  const out = new Map<string, unknown>();
  for (const [k, rs] of per) {
    out.set(`data/seri/${encodeURIComponent(k)}.json`, {
      kode: k,
      kode_provinsi: rs[0].kode_provinsi ?? "",
      ...tabel(rs, ["periode", "metode", "nilai"]),
    });
  }
  return out;
}

/** seri-wilayah.json: the province means over time under the real methods (Tren). */
export function seriWilayah(h: Hasil, t: { provinsi: Baris[] }) {
  const nyataIds = new Set(metodeNyata(h).map((p) => p.id));
  return {
    provinsi: tabel(t.provinsi.filter((r) => nyataIds.has(String(r.metode))), [
      "kode_provinsi",
      "provinsi",
      "periode",
      "metode",
      "nilai",
    ]),
  };
}

/** peluang/<kode>.json: one instansi's gain tables under the real methods (small cells pooled). */
export function peluang(h: Hasil, rows: Baris[]): Map<string, unknown> {
  const nyataIds = new Set(metodeNyata(h).map((p) => p.id));
  const per = new Map<string, Baris[]>();
  for (const r of rows) {
    if (!nyataIds.has(String(r.metode))) continue;
    const k = String(r.kode_instansi);
    if (!per.has(k)) per.set(k, []);
    per.get(k)!.push(r);
  }
  const out = new Map<string, unknown>();
  for (const [k, rs] of per) {
    out.set(
      `data/peluang/${k}.json`,
      tabel(rs, ["periode", "metode", "intervensi", "poin", "n_asn", "gabungan"]),
    );
  }
  return out;
}

const KOLOM_RAPOR = [
  "periode",
  "metode",
  "nilai",
  "kategori",
  "peringkat",
  "jumlah_instansi",
  "peringkat_provinsi",
  "n_asn",
  "n_pns",
  "n_pppk",
  ...DIMENSI,
  "selisih",
  "periode_sebelumnya",
  "selisih_tahunan",
  "periode_tahun_lalu",
  "naik_peringkat",
  "share_pendidikan_kosong",
  "share_skp_kosong",
  "share_pengembangan_kosong",
  "share_data_lengkap",
  ...DIMENSI.map((d) => `potensi_${d}`),
];
/** The columns of a unit a report card shows. */
export const KOLOM_UNIT = [
  "kode_unit",
  "nama_unit",
  "n_asn",
  "nilai",
  "kategori",
  ...DIMENSI,
  "share_data_lengkap",
  "disembunyikan",
];

/** What a report card shows of its methods: the real ones, their names, maxima and bands. */
function metodeKartu(h: Hasil) {
  const { baku } = daftarMetode(h);
  const profil = metodeNyata(h);
  return {
    metode: profil.map((p) => ({ id: p.id, nama: p.nama, ...(p.resmi ? { resmi: true } : {}) })),
    baku,
    profil: Object.fromEntries(profil.map((p) => {
      const r = ringkasProfil(p);
      return [p.id, { maks: r.maks, batas: r.batas, baku_untuk: r.baku_untuk }];
    })),
  };
}

/** rapor/<kode>.json and unit/<kode>.json: every instansi's report card. */
export function rapor(
  h: Hasil,
  c: Cakupan,
  t: {
    instansi: Baris[];
    provinsi: Baris[];
    kanreg: Baris[];
    unit: Baris[];
    resmi: Baris[];
    target: Baris[];
  },
  versi: string,
): Map<string, unknown> {
  const nyataIds = new Set(metodeNyata(h).map((p) => p.id));
  const { baku } = daftarMetode(h);
  const kartu = metodeKartu(h);
  const real = (r: Baris) => nyataIds.has(String(r.metode));
  const kanreg = t.kanreg.filter(real);
  // The Kanreg of each province, where the reference names it, on a site wider than one Kanreg.
  const kanregDari = !c.banding_kanreg && c.provinsi.length > 1
    ? new Map(c.provinsi.map((p) => [p.kode_provinsi, p.kanreg]))
    : new Map<string, string>();
  const rataReg = kanregDari.size
    ? rataKanreg(
      t.provinsi.filter(real).map((r) => ({
        periode: String(r.periode),
        metode: String(r.metode),
        kode_provinsi: String(r.kode_provinsi),
        n_asn: Number(r.n_asn),
        nilai: r.nilai == null ? null : Number(r.nilai),
      })),
      c.provinsi,
    )
    : [];
  // A central agency is ranked among the central agencies: how many there are per period and method.
  const pusat = new Map<string, number>();
  for (const r of t.instansi) {
    if (r.jenis_instansi === "pusat") {
      const k = `${r.periode}\0${r.metode}`;
      pusat.set(k, (pusat.get(k) ?? 0) + 1);
    }
  }
  const perKode = <T extends Baris>(rows: T[], key: string) => {
    const m = new Map<string, T[]>();
    for (const r of rows) {
      const k = String(r[key]);
      if (!m.has(k)) m.set(k, []);
      m.get(k)!.push(r);
    }
    return m;
  };
  const milik = perKode(t.instansi.filter(real), "kode_instansi");
  const units = perKode(t.unit.filter(real), "kode_instansi");
  const resmi = perKode(t.resmi, "kode_instansi");
  const target = perKode(t.target, "kode_instansi");
  const provinsiDari = perKode(t.provinsi.filter(real), "kode_provinsi");
  const terbaru = daftarMetode(h).periode.at(-1);
  const out = new Map<string, unknown>();
  for (const [kode, rows] of milik) {
    const info = rows[0];
    const kp = String(info.kode_provinsi ?? "");
    const kanregIni = kanregDari.get(kp) ?? "";
    const periode = [...new Set(rows.map((r) => String(r.periode)))].sort(urutPeriode);
    const akhir = periode.at(-1)!;
    const semuaUnit = units.get(kode) ?? [];
    const unitAwal = semuaUnit.filter((u) => u.periode === akhir && u.metode === baku[akhir]);
    out.set(`data/rapor/${kode}.json`, {
      versi,
      kode,
      nama: info.nama_instansi,
      jenis: info.jenis_instansi,
      kode_provinsi: kp,
      provinsi: info.provinsi ?? "",
      periode,
      terbaru,
      ...kartu,
      baris: tabel(rows, KOLOM_RAPOR),
      provinsi_rata: tabel(provinsiDari.get(kp) ?? [], [
        "periode",
        "metode",
        "nilai",
        ...DIMENSI,
        "jumlah_instansi",
      ]),
      keseluruhan: tabel(kanreg, ["periode", "metode", "nilai", ...DIMENSI]),
      kanreg: kanregIni
        ? {
          nama: kanregIni,
          ...tabel(rataReg.filter((x) => x.kanreg === kanregIni), [
            "periode",
            "metode",
            "nilai",
            "jumlah_provinsi",
          ]),
        }
        : null,
      jumlah_pusat: info.jenis_instansi === "pusat"
        ? Object.fromEntries(
          [...pusat].filter(([k]) => k.split("\0")[1] && nyataIds.has(k.split("\0")[1]))
            .map(([k, n]) => [k.replace("\0", "|"), n]),
        )
        : null,
      unit_awal: { periode: akhir, metode: baku[akhir] ?? null, ...tabel(unitAwal, KOLOM_UNIT) },
      jumlah_unit: new Set(semuaUnit.map((u) => u.kode_unit)).size,
      resmi: (resmi.get(kode) ?? []).map((o) => ({
        periode: o.periode,
        nilai: o.nilai,
        perkiraan: o.perkiraan,
        jenis: o.jenis,
        peringkat: o.peringkat,
        dari: o.dari,
        sumber_url: o.sumber_url,
      })),
      target: (target.get(kode) ?? []).map((x) => ({
        tahun: x.tahun,
        target: x.target,
        sumber_url: x.sumber_url,
      })),
    });
    out.set(`data/unit/${kode}.json`, tabel(semuaUnit, ["periode", "metode", ...KOLOM_UNIT]));
  }
  return out;
}

/** rapor-unit/<kode_unit>.json: every unit kerja's report card on a BKD site. */
export function raporUnit(h: Hasil, t: { unit: Baris[]; kanreg: Baris[] }): Map<string, unknown> {
  const nyataIds = new Set(metodeNyata(h).map((p) => p.id));
  const real = (r: Baris) => nyataIds.has(String(r.metode));
  const kartu = metodeKartu(h);
  const keseluruhan = tabel(t.kanreg.filter(real), ["periode", "metode", "nilai", ...DIMENSI]);
  const per = new Map<string, Baris[]>();
  for (const u of t.unit.filter(real)) {
    const k = String(u.kode);
    if (!per.has(k)) per.set(k, []);
    per.get(k)!.push(u);
  }
  const out = new Map<string, unknown>();
  for (const [kode, rows] of per) {
    out.set(`data/rapor-unit/${encodeURIComponent(kode)}.json`, {
      kode,
      nama: rows[0].nama_unit,
      kode_instansi: rows[0].kode_instansi,
      nama_instansi: rows[0].nama_instansi,
      periode: [...new Set(rows.map((r) => String(r.periode)))].sort(urutPeriode),
      ...kartu,
      baris: tabel(rows, [
        "periode",
        "metode",
        "nilai",
        "kategori",
        ...DIMENSI,
        "n_asn",
        "share_data_lengkap",
        "disembunyikan",
        "peringkat",
        "jumlah_tampil",
      ]),
      keseluruhan,
    });
  }
  return out;
}

/** rekonsiliasi.json: every reported figure of the data's instansi with what reconciles it. */
export function rekonsiliasi(
  h: Hasil,
  t: { resmi: Baris[]; varian: Baris[]; selisih: Baris[]; nama: Map<string, string> },
) {
  const { bakuHitung } = daftarMetode(h);
  const kunci = (r: Baris) => `${r.periode}\0${r.kode_instansi}`;
  const varian = new Map<string, Baris[]>();
  for (const v of t.varian) {
    if (!varian.has(kunci(v))) varian.set(kunci(v), []);
    varian.get(kunci(v))!.push(v);
  }
  return {
    baku_hitung: bakuHitung,
    metode: h.manifest.profil.map((p) => ({
      id: p.id,
      nama: p.nama,
      ...(p.resmi ? { resmi: true } : {}),
    })),
    populasi: Object.fromEntries(
      h.manifest.profil.map((p) => [p.id, ringkasProfil(p).populasi]),
    ),
    sintetis: h.manifest.sintetis,
    angka: t.resmi.map((o) => ({
      kode_instansi: o.kode_instansi,
      nama_instansi: t.nama.get(String(o.kode_instansi)) ?? o.kode_instansi,
      periode: o.periode,
      nilai: o.nilai,
      jenis: o.jenis,
      perkiraan: o.perkiraan,
      sumber_url: o.sumber_url,
      varian: tabel(varian.get(kunci(o)) ?? [], ["metode", "populasi", "data", "n_asn", "nilai"]),
    })),
    // BKN's per-person results against the default method of each period.
    selisih: tabel(
      t.selisih.filter((s) => bakuHitung[String(s.periode)] === s.metode).map((s) => ({
        ...s,
        nama_instansi: t.nama.get(String(s.kode_instansi)) ?? s.kode_instansi,
      })),
      [
        "kode_instansi",
        "nama_instansi",
        "periode",
        "dimensi",
        "n_asn",
        "n_beda",
        "selisih_rata",
        "n_hanya_resmi",
        "n_hanya_hitungan",
      ],
    ),
  };
}

/** Beranda on a BKD site: its unit kerja of the latest period (the shown ones), counted and moving. */
export function berandaUnit(
  rows: Baris[],
  o: { periode: string; metode: string; kategori: string[] },
) {
  const kini = rows.filter((u) => u.periode === o.periode && u.metode === o.metode);
  const tampil = kini.filter((u) => !u.disembunyikan);
  const gerak = (arah: number) =>
    tampil.filter((u) =>
      u.selisih != null && (arah > 0 ? Number(u.selisih) > 0 : Number(u.selisih) < 0)
    )
      .sort((a, b) => arah * (Number(b.selisih) - Number(a.selisih))).slice(0, 5)
      .map((u) => ({ kode: u.kode_unit, nama: u.nama_unit, selisih: u.selisih, nilai: u.nilai }));
  return {
    jumlah: new Set(rows.map((u) => u.kode_unit)).size,
    tampil: tampil.length,
    per_kategori: o.kategori.map((k) => [k, tampil.filter((u) => u.kategori === k).length]),
    naik: gerak(1),
    turun: gerak(-1),
  };
}
