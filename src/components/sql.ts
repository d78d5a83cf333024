/**
 * The in-browser SQL page's pieces that need no engine: public Parquet tables turned into Arrow IPC
 * for DuckDB-Wasm (whose own Parquet reader is an extension it would download), query results
 * turned into plain rows, and a quick chart chosen from the shape of a result.
 */
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { bool, type DataType, float64, tableFromArrays, tableToIPC, utf8 } from "@uwdata/flechette";
import * as Plot from "./plot.js";
import { layarSempit, lebarGambar, locale, nilai, sumbuNama } from "./format.js";
import { ROMAWI } from "../kosakata.js";

type Value = string | number | boolean | null;
export type Baris = Record<string, Value>;

/** A Parquet file as an Arrow IPC stream with the same columns (integers become doubles). */
export async function parquetKeArrow(buffer: ArrayBuffer): Promise<Uint8Array> {
  const metadata = parquetMetadata(buffer);
  const names = metadata.schema.slice(1).map((s) => s.name);
  const rows = await parquetReadObjects({ file: buffer, metadata }) as Record<string, unknown>[];
  const arrays: Record<string, Value[]> = {};
  const types: Record<string, DataType> = {};
  for (const name of names) {
    const values = rows.map((r) => {
      const v = r[name];
      return typeof v === "bigint" ? Number(v) : (v ?? null) as Value;
    });
    const first = values.find((v) => v !== null);
    types[name] = typeof first === "number"
      ? float64()
      : typeof first === "boolean"
      ? bool()
      : utf8();
    arrays[name] = values;
  }
  return tableToIPC(tableFromArrays(arrays, { types }), { format: "stream" })!;
}

/** Query results (Arrow rows from DuckDB-Wasm) as plain rows: BigInt to number, dates to text. */
export function barisBiasa(rows: Iterable<Record<string, unknown>>, columns: string[]): Baris[] {
  const out: Baris[] = [];
  for (const r of rows) {
    const o: Baris = {};
    for (const c of columns) {
      const v = r[c];
      o[c] = v === null || v === undefined
        ? null
        : typeof v === "bigint"
        ? Number(v)
        : typeof v === "number" || typeof v === "boolean" || typeof v === "string"
        ? v
        : v instanceof Date
        ? v.toISOString().slice(0, 10)
        : String(v);
    }
    out.push(o);
  }
  return out;
}

/** A DuckDB error message, shorter and with a hint in Indonesian for the common cases. */
export function pesanGalat(message: string): { pesan: string; saran: string | null } {
  const pesan = message.replace(/^Error:\s*/, "").split("\n").slice(0, 6).join("\n");
  const saran = /Table with name (\S+) does not exist/.test(pesan)
    ? "Tabel itu tidak ada. Tabel yang tersedia tercantum di atas editor."
    : /Referenced column "?([^"\s]+)"? not found|column .* not found/i.test(pesan)
    ? "Kolom itu tidak ada di tabel. Lihat daftar kolom dengan DESCRIBE nama_tabel."
    : /Parser Error|syntax error/i.test(pesan)
    ? "Periksa penulisan SQL: tanda kutip, koma dan kata kunci."
    : null;
  return { pesan, saran };
}

const TRIWULAN = String.raw`(?:triwulan|tw|kuartal|quarter|q)`;
const KE = String.raw`(IV|III|II|I|[1-4])`;

/** A period written the way people write it ("2025 Triwulan IV", "Triwulan IV Tahun 2025", "2025 Q4") → "2025-Q4". */
export function kodePeriode(text: string): string | null {
  const t = text.trim();
  const q = (k: string) => (ROMAWI as readonly string[]).indexOf(k.toUpperCase()) + 1 || Number(k);
  let m = new RegExp(String.raw`^(\d{4})[\s-]*${TRIWULAN}[\s-]*${KE}$`, "i").exec(t) ??
    new RegExp(String.raw`^(\d{4})-${KE}$`, "i").exec(t);
  if (m) return `${m[1]}-Q${q(m[2])}`;
  m = new RegExp(String.raw`^${TRIWULAN}[\s-]*${KE}[\s,]*(?:tahun\s*)?(\d{4})$`, "i").exec(t);
  return m ? `${m[2]}-Q${q(m[1])}` : null;
}

/**
 * For a query that returned no rows: when one of its string literals is a period written in
 * words, say how periods are stored. Null otherwise.
 */
export function saranPeriode(sql: string, baris: number): string | null {
  if (baris > 0) return null;
  for (const m of sql.matchAll(/'((?:[^']|'')*)'/g)) {
    const literal = m[1].replaceAll("''", "'");
    const kode = kodePeriode(literal);
    if (kode && kode !== literal) {
      return `Periode disimpan sebagai kode seperti '${kode}', bukan '${literal}'. Coba periode = '${kode}'.`;
    }
  }
  return null;
}

/**
 * A chart for a result when its shape suggests one: a period column and numbers → lines over
 * time; else the first text column against the last number → horizontal bars (at most 60 rows).
 * Otherwise null.
 */
export function grafikCepat(
  rows: Baris[],
  columns: string[],
  o: { width?: number; document?: Document } = {},
): SVGSVGElement | HTMLElement | null {
  if (!rows.length || rows.length > 2000) return null;
  const numeric = columns.filter((c) =>
    rows.every((r) => r[c] === null || typeof r[c] === "number")
  );
  const text = columns.filter((c) => !numeric.includes(c));
  const y = [...numeric].reverse().find((c) => !["tahun", "peringkat"].includes(c));
  if (!y) return null;
  if (columns.includes("periode")) {
    const series = text.find((c) => c !== "periode");
    return Plot.plot({
      document: o.document,
      width: lebarGambar(o.width),
      height: 320,
      x: { type: "point", label: "periode" },
      y: { label: y, grid: true, tickFormat: locale.format(",") },
      color: series ? { legend: rows.length <= 12 * 40 } : undefined,
      marks: [
        Plot.lineY(rows, {
          x: "periode",
          y,
          stroke: series ?? "currentColor",
          sort: { x: "x" },
          marker: "circle-stroke",
          tip: true,
        }),
      ],
    });
  }
  if (text.length >= 1 && rows.length <= 60) {
    const label = text[0];
    return Plot.plot({
      document: o.document,
      width: lebarGambar(o.width),
      height: 22 * rows.length + 50,
      // On a phone, shortened names in a narrower margin (format.ts); as before on a wide screen.
      marginLeft: layarSempit(o.width) ? sumbuNama(o.width, 220).marginLeft : 220,
      x: { label: y, grid: true, tickFormat: locale.format(",") },
      y: {
        label: null,
        domain: rows.map((r) => String(r[label])),
        tickFormat: sumbuNama(o.width, 220).tickFormat,
      },
      marks: [
        Plot.barX(rows, {
          x: y,
          y: (r: Baris) => String(r[label]),
          fill: "#0072b2",
          title: (r: Baris) => `${r[label]}: ${nilai(r[y] as number)}`,
        }),
        Plot.ruleX([0]),
      ],
    });
  }
  return null;
}
