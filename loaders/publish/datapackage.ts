/**
 * The Frictionless Data Package (v1) rules a published datapackage.json must keep, as a zod schema
 * of the descriptor and checks of its files; the build refuses a package that breaks one, and
 * tests/terbuka.test.ts runs the same checks on a built site.
 *
 * From the specs (https://specs.frictionlessdata.io/, read in the frictionlessdata/datapackage
 * repository: specs/data-package.md, data-resource.md, tabular-data-resource.md, table-schema.md):
 * - a package MUST have `resources`, at least one; names are lower-case alphanumerics with
 *   ".", "_" or "-" and unique among the resources;
 * - a resource's `path` is an http(s) URL or a relative POSIX path, never absolute or with "../";
 * - a license has a `name` (Open Definition ID) and/or a `path`; a source and a contributor a
 *   `title`; a contributor's role is one of author, publisher, maintainer, wrangler, contributor;
 * - a Tabular Data Resource has `profile: "tabular-data-resource"`, a Table Schema and CSV data
 *   (RFC 4180, UTF-8, LF or CRLF); the schema's `fields` are the CSV's columns, in order;
 * - field types come from the Table Schema list; `missingValues` defaults to [""]; a value must
 *   parse as its type and keep its constraints (`required`, `enum`, …); a primary key's values are
 *   unique and present; a foreign key's fields exist, its resource exists (or is "" for itself)
 *   and each of its values appears in the referenced fields.
 *
 * No npm package does this offline: datapackage-js 1.1 (the reference implementation) pulls
 * axios and tableschema in, and nothing of it is in package.json.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { Db, ident, inList, lit } from "../duck.ts";

/** Lower-case alphanumerics, ".", "_", "-" (the spec's name rule). */
export const NAMA = /^[a-z0-9._-]+$/;

export const TIPE_FIELD = [
  "string",
  "number",
  "integer",
  "boolean",
  "object",
  "array",
  "date",
  "time",
  "datetime",
  "year",
  "yearmonth",
  "duration",
  "geopoint",
  "geojson",
  "any",
] as const;

const UrlAtauPath = z.string().min(1).refine(
  (s) =>
    /^https?:\/\/[^\s/]+/.test(s) ||
    (!/^[a-z][a-z0-9+.-]*:/i.test(s) && !s.startsWith("/") && !s.split("/").includes("..")),
  "a url-or-path: an http(s) URL, or a relative POSIX path without a leading / or ../",
);
const SatuAtauBanyak = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const daftar = (x: string | string[]) => (typeof x === "string" ? [x] : x);

const Lisensi = z.object({
  name: z.string().regex(/^[A-Za-z0-9.+-]+$/).optional(),
  path: UrlAtauPath.optional(),
  title: z.string().optional(),
}).refine((l) => l.name || l.path, "a license needs a name and/or a path");

const Sumber = z.object({
  title: z.string().min(1),
  path: UrlAtauPath.optional(),
  email: z.email().optional(),
});

const Kontributor = z.object({
  title: z.string().min(1),
  path: z.url({ protocol: /^https?$/ }).optional(),
  email: z.email().optional(),
  role: z.enum(["author", "publisher", "maintainer", "wrangler", "contributor"]).optional(),
  organization: z.string().optional(),
});

const Constraints = z.object({
  required: z.boolean().optional(),
  unique: z.boolean().optional(),
  minLength: z.int().min(0).optional(),
  maxLength: z.int().min(0).optional(),
  minimum: z.union([z.string(), z.number()]).optional(),
  maximum: z.union([z.string(), z.number()]).optional(),
  pattern: z.string().optional(),
  enum: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1)
    .refine((xs) => new Set(xs).size === xs.length, "enum values must be unique")
    .optional(),
});

const Field = z.object({
  name: z.string().min(1),
  title: z.string().optional(),
  description: z.string().optional(),
  type: z.enum(TIPE_FIELD).optional(),
  format: z.string().optional(),
  constraints: Constraints.optional(),
});

const ForeignKey = z.object({
  fields: SatuAtauBanyak,
  reference: z.object({ resource: z.string(), fields: SatuAtauBanyak }),
});

export const TableSchema = z.object({
  fields: z.array(Field).min(1),
  missingValues: z.array(z.string()).optional(),
  primaryKey: SatuAtauBanyak.optional(),
  foreignKeys: z.array(ForeignKey).optional(),
}).superRefine((s, ctx) => {
  const names = s.fields.map((f) => f.name);
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n.toLowerCase())) ctx.addIssue({ code: "custom", message: `field ${n} twice` });
    seen.add(n.toLowerCase());
  }
  for (const k of s.primaryKey ? daftar(s.primaryKey) : []) {
    if (!names.includes(k)) {
      ctx.addIssue({ code: "custom", message: `primaryKey field ${k} is not a field` });
    }
  }
  for (const fk of s.foreignKeys ?? []) {
    for (const k of daftar(fk.fields)) {
      if (!names.includes(k)) {
        ctx.addIssue({ code: "custom", message: `foreignKey field ${k} is not a field` });
      }
    }
    if (daftar(fk.fields).length !== daftar(fk.reference.fields).length) {
      ctx.addIssue({ code: "custom", message: "foreignKey fields and reference fields differ" });
    }
  }
});

const Resource = z.object({
  name: z.string().regex(NAMA),
  path: z.union([UrlAtauPath, z.array(UrlAtauPath).min(1)]),
  profile: z.string().optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  format: z.string().optional(),
  mediatype: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/).optional(),
  encoding: z.string().optional(),
  bytes: z.int().min(0).optional(),
  hash: z.string().regex(/^([a-z0-9]+:)?[0-9a-f]+$/).optional(),
  schema: TableSchema.optional(),
  sources: z.array(Sumber).optional(),
  licenses: z.array(Lisensi).optional(),
}).superRefine((r, ctx) => {
  if (r.profile !== "tabular-data-resource") return;
  if (!r.schema) {
    ctx.addIssue({ code: "custom", message: `${r.name}: a tabular resource needs a schema` });
  }
  if (daftar(r.path).some((p) => !/\.csv$/i.test(p))) {
    ctx.addIssue({ code: "custom", message: `${r.name}: a tabular resource's data is CSV` });
  }
});

export const DataPackage = z.object({
  profile: z.string().optional(),
  name: z.string().regex(NAMA).optional(),
  id: z.string().optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  homepage: z.url().optional(),
  version: z.string().optional(),
  created: z.iso.datetime({ offset: true }).optional(),
  keywords: z.array(z.string()).optional(),
  image: UrlAtauPath.optional(),
  licenses: z.array(Lisensi).min(1).optional(),
  sources: z.array(Sumber).optional(),
  contributors: z.array(Kontributor).optional(),
  resources: z.array(Resource).min(1),
}).superRefine((p, ctx) => {
  const byName = new Map<string, z.infer<typeof Resource>>();
  for (const r of p.resources) {
    if (byName.has(r.name)) {
      ctx.addIssue({ code: "custom", message: `resource name ${r.name} twice` });
    }
    byName.set(r.name, r);
  }
  if (p.profile === "tabular-data-package") {
    for (const r of p.resources) {
      if (r.profile !== "tabular-data-resource") {
        ctx.addIssue({ code: "custom", message: `${r.name}: not tabular in a tabular package` });
      }
    }
  }
  for (const r of p.resources) {
    for (const fk of r.schema?.foreignKeys ?? []) {
      const target = fk.reference.resource === "" ? r : byName.get(fk.reference.resource);
      if (!target) {
        ctx.addIssue({
          code: "custom",
          message:
            `${r.name}: foreignKey to resource "${fk.reference.resource}", which is not in the package`,
        });
        continue;
      }
      const names = new Set(target.schema?.fields.map((f) => f.name) ?? []);
      for (const k of daftar(fk.reference.fields)) {
        if (!names.has(k)) {
          ctx.addIssue({
            code: "custom",
            message: `${r.name}: foreignKey to ${target.name}.${k}, which is not a field there`,
          });
        }
      }
    }
  }
});
export type DataPackage = z.infer<typeof DataPackage>;
export type Resource = DataPackage["resources"][number];
export type Field = z.infer<typeof Field>;

/** What is wrong, where: a check's finding. */
export interface Masalah {
  berkas: string;
  masalah: string;
}

/** The descriptor's rule breaks, as findings. */
export function periksaDeskriptor(json: unknown, berkas = "datapackage.json"): Masalah[] {
  const r = DataPackage.safeParse(json);
  return r.success ? [] : r.error.issues.map((i) => ({
    berkas,
    masalah: `${i.path.join(".") || "(package)"}: ${i.message}`,
  }));
}

/** A value of type `tipe` as its CSV text, as a DuckDB regular expression (missing values aside). */
const BENTUK: Partial<Record<Field["type"] & string, string>> = {
  number: "[+-]?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))([eE][+-]?[0-9]+)?|NaN|INF|-INF|nan|inf|-inf",
  integer: "[+-]?[0-9]+",
  boolean: "true|True|TRUE|1|false|False|FALSE|0",
  year: "-?[0-9]{4,}",
  yearmonth: "-?[0-9]{4,}-(0[1-9]|1[0-2])",
  date: "-?[0-9]{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])",
};

/**
 * Every file of the package checked against the descriptor, in the folder `dir` that holds
 * datapackage.json: each path exists, its size and hash are those declared, and each tabular
 * resource's CSV has the schema's columns in order, values of the declared types, no missing value
 * where one is required, only listed values where an enum is given, unique primary keys and
 * foreign keys that resolve. The data checks run in DuckDB (every value read as text), so a
 * national unit table is checked without holding it in memory.
 */
export async function periksaBerkas(dir: string, pkg: DataPackage): Promise<Masalah[]> {
  const found: Masalah[] = [];
  const byName = new Map(pkg.resources.map((r) => [r.name, r]));
  const csv = (r: Resource) => {
    const files = daftar(r.path as string | string[]).map((p) => lit(join(dir, p)));
    return `read_csv([${files.join(", ")}], header = true, all_varchar = true, ` +
      `auto_detect = true, delim = ',', quote = '"', escape = '"')`;
  };
  const db = await Db.open();
  try {
    for (const r of pkg.resources) {
      const paths = daftar(r.path as string | string[]);
      if (paths.some((p) => /^https?:/.test(p))) continue; // only local files are checked
      const missing = paths.filter((p) => !existsSync(join(dir, p)));
      for (const p of missing) found.push({ berkas: p, masalah: `${r.name}: file does not exist` });
      if (missing.length) continue;
      if (paths.length === 1) {
        const bytes = await Deno.readFile(join(dir, paths[0]));
        if (r.bytes !== undefined && r.bytes !== bytes.length) {
          found.push({
            berkas: paths[0],
            masalah: `bytes ${r.bytes} declared, ${bytes.length} found`,
          });
        }
        if (r.hash !== undefined) {
          const [algo, hex] = r.hash.includes(":") ? r.hash.split(":") : ["md5", r.hash];
          const actual = createHash(algo).update(bytes).digest("hex");
          if (actual !== hex) found.push({ berkas: paths[0], masalah: `hash ${r.hash} declared` });
        }
      }
      if (r.profile !== "tabular-data-resource" || !r.schema) continue;
      const berkas = paths.join(", ");
      const fields = r.schema.fields;
      const header = (await db.all<{ column_name: string }>(`DESCRIBE SELECT * FROM ${csv(r)}`))
        .map((c) => c.column_name);
      const names = fields.map((f) => f.name);
      if (header.join(",") !== names.join(",")) {
        found.push({
          berkas,
          masalah: `columns ${header.join(",")} but the schema lists ${names.join(",")}`,
        });
        continue;
      }
      // Read once: every check below scans this table, not the file.
      await db.run(`CREATE OR REPLACE TEMP TABLE t AS SELECT * FROM ${csv(r)}`);
      const missingValues = r.schema.missingValues ?? [""];
      const value = (f: string) =>
        `CASE WHEN ${ident(f)} IS NULL OR ${inList(ident(f), missingValues)} THEN NULL ELSE ${
          ident(f)
        } END`;
      const checks: { column: string; fails: string; reason: string }[] = [];
      for (const f of fields) {
        const bentuk = BENTUK[f.type ?? "string"];
        if (bentuk) {
          checks.push({
            column: f.name,
            fails: `NOT regexp_full_match(${value(f.name)}, ${lit(bentuk)})`,
            reason: `a value that is not of type ${f.type}`,
          });
        }
        const c = f.constraints;
        if (c?.required) {
          checks.push({
            column: f.name,
            fails: `${value(f.name)} IS NULL`,
            reason: "a missing value, but required",
          });
        }
        if (c?.enum) {
          checks.push({
            column: f.name,
            fails: `NOT ${inList(value(f.name), c.enum.map(String))}`,
            reason: `a value outside its enum (${c.enum.join(", ")})`,
          });
        }
      }
      for (const ch of checks) {
        const bad = await db.all<{ v: string }>(
          `SELECT DISTINCT ${ident(ch.column)} AS v FROM t WHERE ${ch.fails} LIMIT 3`,
        );
        if (bad.length) {
          found.push({
            berkas,
            masalah: `${ch.column}: ${ch.reason}: ${
              bad.map((b) => JSON.stringify(b.v)).join(", ")
            }`,
          });
        }
      }
      const key = r.schema.primaryKey ? daftar(r.schema.primaryKey) : [];
      // A key the descriptor check rejects (a field that is not one) is not checked here.
      if (key.length && key.every((k) => names.includes(k))) {
        const dup = await db.all<{ n: number }>(
          `SELECT count(*) AS n FROM t GROUP BY ${
            key.map(value).join(", ")
          } HAVING count(*) > 1 LIMIT 1`,
        );
        if (dup.length) found.push({ berkas, masalah: `primaryKey ${key.join(", ")} not unique` });
        const nul = await db.one<{ n: number }>(
          `SELECT count(*) AS n FROM t WHERE ${key.map((k) => `${value(k)} IS NULL`).join(" OR ")}`,
        );
        if (nul.n) {
          found.push({ berkas, masalah: `primaryKey ${key.join(", ")} has missing values` });
        }
      }
      for (const fk of r.schema.foreignKeys ?? []) {
        const target = fk.reference.resource === "" ? r : byName.get(fk.reference.resource);
        const from = daftar(fk.fields), to = daftar(fk.reference.fields);
        // A reference the descriptor check rejects, or to a missing file, is not followed here.
        const targetFields = new Set(target?.schema?.fields.map((f) => f.name));
        if (
          !target?.schema || !to.every((f) => targetFields.has(f)) ||
          daftar(target.path as string | string[]).some((p) => !existsSync(join(dir, p)))
        ) continue;
        const orphan = await db.all<{ v: string }>(`
          SELECT DISTINCT concat_ws('|', ${from.map(value).join(", ")}) AS v FROM t a
          WHERE ${from.map((k) => `${value(k)} IS NOT NULL`).join(" AND ")}
            AND NOT EXISTS (SELECT 1 FROM ${csv(target)} b WHERE ${
          from.map((k, i) => `b.${ident(to[i])} = a.${ident(k)}`).join(" AND ")
        }) LIMIT 3`);
        if (orphan.length) {
          found.push({
            berkas,
            masalah: `foreignKey ${from.join(", ")} → ${target.name}: ${
              orphan.map((o) => JSON.stringify(o.v)).join(", ")
            } not found there`,
          });
        }
      }
    }
  } finally {
    db.close();
  }
  return found;
}
