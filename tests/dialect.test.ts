/** Header dialects: camelCase split, SIASN and SIMPEG spellings, refusals naming the nearest spellings. */
import assert from "node:assert/strict";
import {
  columns,
  DIALECTS,
  editDistance,
  mapHeader,
  normaliseHeader,
  spellings,
  TABLE_NAMES,
} from "../loaders/engine/contract.ts";

const mapped = (table: Parameters<typeof mapHeader>[0], header: string[]) => {
  const m = mapHeader(table, header);
  if (!m.ok) throw new Error(m.problem);
  return { cols: header.map((_, i) => m.mapping.get(i) ?? null), m };
};

Deno.test("camelCase headers are split before matching", () => {
  assert.equal(normaliseHeader("nipBaru"), "nip_baru");
  assert.equal(normaliseHeader("KuadranKinerjaNilai"), "kuadran_kinerja_nilai");
  assert.equal(normaliseHeader("NIPBaru"), "nip_baru");
  assert.equal(normaliseHeader("tkPendidikanTerakhirId"), "tk_pendidikan_terakhir_id");
  assert.equal(normaliseHeader("\uFEFF NIP BARU "), "nip_baru");
  assert.equal(normaliseHeader("KD-INSTANSI"), "kd_instansi");
});

Deno.test("SIASN data-utama keys map to the contract and its source-only columns", () => {
  const { cols, m } = mapped("pegawai", [
    "nipBaru",
    "nama",
    "statusPegawai",
    "jenisPegawaiNama",
    "kedudukanPnsNama",
    "tkPendidikanTerakhir",
    "tkPendidikanTerakhirId",
    "jenisJabatan",
    "eselon",
    "jabatanNama",
    "unorId",
    "unorNama",
    "instansiKerjaNama",
    "instansiKerjaKodeCepat",
  ]);
  assert.deepEqual(cols, [
    "nip",
    "nama",
    "jenis_pegawai",
    "jenis_pegawai_nama",
    null,
    "pendidikan",
    "pendidikan_id",
    "jenis_jabatan",
    "eselon",
    "nama_jabatan",
    "kode_unit",
    "nama_unit",
    "nama_instansi",
    null,
  ]);
  assert.equal(m.dialect, "siasn-data-utama");
  // The kode cepat and the kedudukan are left out on purpose, with the reason.
  assert.deepEqual(m.refused.map((r) => r.header), ["kedudukanPnsNama", "instansiKerjaKodeCepat"]);
  assert.match(m.refused[1].reason, /collides with Kemendagri/);
});

Deno.test("rw-kursus and rw-diklat keys, together in one file, map without a clash", () => {
  const { cols, m } = mapped("diklat", [
    "nipBaru",
    "jenisDiklatId",
    "namaKursus",
    "jumlahJam",
    "tanggalKursus",
    "tanggalSelesaiKursus",
    "latihanStrukturalId",
    "latihanStrukturalNama",
    "tanggal",
    "tanggalSelesai",
  ]);
  assert.deepEqual(cols, [
    "nip",
    "jenis_diklat_id",
    "nama",
    "jp",
    "tanggal_kursus",
    "tanggal_selesai_kursus",
    "latihan_struktural_id",
    "latihan_struktural",
    "tanggal_diklat",
    "tanggal_selesai",
  ]);
  assert.equal(m.dialect, "siasn-rw-kursus");
});

Deno.test("rw-skp22: the predikat is the kuadran, never hasilKinerja", () => {
  const { cols } = mapped("kinerja", [
    "nipBaru",
    "tahun",
    "hasilKinerja",
    "hasilKinerjaNilai",
    "kuadranKinerja",
    "KuadranKinerjaNilai",
  ]);
  assert.deepEqual(cols, ["nip", "tahun", null, null, "predikat", "kuadran_nilai"]);
  // A file with hasilKinerja only has no predikat.
  const m = mapHeader("kinerja", ["nipBaru", "tahun", "hasilKinerja"]);
  assert.equal(m.ok, false);
  // The numeric kuadran alone or the legacy score alone is enough.
  assert.ok(mapHeader("kinerja", ["nipBaru", "tahun", "KuadranKinerjaNilai"]).ok);
  assert.ok(mapHeader("kinerja", ["nipBaru", "tahun", "nilaiPrestasiKerja"]).ok);
});

Deno.test("rw-hukdis keys, both spellings of the end date, and SIMPEG snake_case", () => {
  assert.deepEqual(
    mapped("hukdis", [
      "nipBaru",
      "jenisHukumanNama",
      "jenisTingkatHukumanId",
      "hukumanTanggal",
      "akhirHukumTanggal",
    ]).cols,
    ["nip", "jenis_hukuman_nama", "tingkat", "tmt", "akhir"],
  );
  assert.equal(
    mapped("hukdis", ["nip", "tingkat", "hukumanTanggal", "akhirHukumanTanggal"]).cols[3],
    "akhir",
  );
  assert.deepEqual(
    mapped("hukdis", ["nip_baru", "tingkat_hukuman", "tmt_hukuman", "akhir_hukuman"]).cols,
    ["nip", "tingkat", "tmt", "akhir"],
  );
  assert.deepEqual(
    mapped("diklat", ["nip_baru", "jenis_diklat", "lama_jam", "tgl_mulai"]).cols,
    ["nip", "jenis", "jp", "tanggal_mulai"],
  );
  assert.equal(
    mapped("kinerja", ["nip_baru", "tahun", "nilai_prestasi_kerja"]).cols[2],
    "nilai_prestasi_kerja",
  );
});

Deno.test("kedudukan_pegawai is not jenis_pegawai", () => {
  const m = mapHeader("pegawai", [
    "nip",
    "kedudukan_pegawai",
    "kode_instansi",
    "kode_unit",
    "nama_unit",
    "jenis_jabatan",
    "pendidikan",
  ]);
  assert.equal(m.ok, false);
  if (!m.ok) assert.match(m.problem, /^missing required column jenis_pegawai/);
});

Deno.test("an unknown dialect is refused naming its columns and the nearest spellings", () => {
  const m = mapHeader("diklat", ["NIPP", "jenisDiklt", "jumlahJp", "tglKursus"]);
  assert.equal(m.ok, false);
  if (m.ok) return;
  assert.match(m.problem, /^missing required columns nip, jenis, tanggal_mulai/);
  assert.match(m.problem, /"NIPP" \(nearest known: nip\)/);
  assert.match(m.problem, /"jenisDiklt" \(nearest known: jenis_diklat = jenis\)/);
  assert.match(m.problem, /"tglKursus" \(nearest known: tanggal_kursus\)/);
  assert.match(m.fix, /tanggalKursus/);
});

Deno.test("edit distance", () => {
  assert.equal(editDistance("kitten", "sitting"), 3);
  assert.equal(editDistance("", "abc"), 3);
  assert.equal(editDistance("nip", "nip"), 0);
});

Deno.test("every dialect spelling targets a column of its table, and none means two columns", () => {
  for (const t of TABLE_NAMES) spellings(t); // throws on a clash
  for (const d of DIALECTS) {
    assert.ok(d.sumber.length > 0, `${d.name} names its sources`);
    if (d.tabel === "*") continue;
    const names = new Set(columns(d.tabel).map((c) => c.name));
    for (const target of Object.values(d.kolom)) {
      assert.ok(names.has(target), `${d.name}: ${target}`);
    }
  }
  // Source-only columns are never required.
  for (const t of TABLE_NAMES) {
    for (const c of columns(t)) if (c.sumberSaja) assert.equal(c.required, "no", c.name);
  }
});
