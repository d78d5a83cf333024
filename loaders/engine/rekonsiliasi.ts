/**
 * Reconciliation inputs: each instansi's score split by who is counted (jenis pegawai) and by
 * whether the ASN's data is complete, under every profile, including the ASN a profile leaves out.
 * From these sums any variant (PNS only or PNS and PPPK; all ASN or only those with complete data)
 * is an exact mean, so a gap between an official figure and ours can be split into method,
 * counted population and data completeness.
 */
import { lit } from "../duck.ts";
import { RESMI } from "./resmi.ts";

/**
 * Per (periode, metode, instansi, jenis pegawai, completeness): ASN count and score sum, from the
 * sums of `jumlah_rinci` (aggregate.ts: per unit kerja, jenis pegawai, completeness and `luar`),
 * which hold the counted ASN and those the profile leaves out (luar), scored alike.
 */
export function componentSql(jumlahRinci: string): string {
  return `
SELECT periode, metode, kode_instansi, jenis_pegawai, lengkap AS data_lengkap,
  CAST(sum(n_asn) AS BIGINT) AS n_asn, sum(nilai) AS jumlah_nilai
FROM ${jumlahRinci}
-- Official results have no population or completeness choices to reconcile.
WHERE metode <> ${lit(RESMI)}
GROUP BY periode, metode, kode_instansi, jenis_pegawai, lengkap`;
}

/**
 * The variants of every instansi mean: populasi 'PNS' or 'PNS_PPPK' × data 'semua' or 'lengkap'.
 * `source` holds the rows of componentSql.
 */
export function variantSql(source: string): string {
  return `
SELECT c.periode, c.metode, c.kode_instansi, v.populasi, d.data,
  sum(c.n_asn) AS n_asn, sum(c.jumlah_nilai) / sum(c.n_asn) AS nilai
FROM ${source} c
CROSS JOIN (VALUES ('PNS'), ('PNS_PPPK')) v(populasi)
CROSS JOIN (VALUES ('semua'), ('lengkap')) d(data)
WHERE (v.populasi = 'PNS_PPPK' OR c.jenis_pegawai = 'PNS') AND (d.data = 'semua' OR c.data_lengkap)
GROUP BY ALL`;
}
