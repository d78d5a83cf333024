/**
 * Renders the README's performance section from bench/results.json (between the bench markers).
 * `--results FILE --print` prints the section for another results file instead of writing it.
 */
import { parseArgs } from "node:util";
const ROOT = new URL("../", import.meta.url).pathname;
const args = import.meta.main
  ? parseArgs({
    args: Deno.args,
    options: { results: { type: "string" }, print: { type: "boolean", default: false } },
  }).values
  : { results: undefined, print: false };

// deno-lint-ignore no-explicit-any
type J = any;
const r: J = JSON.parse(Deno.readTextFileSync(args.results ?? `${ROOT}bench/results.json`));
const round1 = (x: number) => Math.round(x * 10) / 10;
const t = (x: J) => (x ? `${x.target}: ${x.met ? "met" : "**missed**"}` : "");
const s = r.scoring_at_scale;
const lines = [
  `Measured by \`npx deno task bench\` on ${r.machine.cores} cores, ${r.machine.memory_gb} GB (${r.machine.cpu}), Deno ${r.machine.deno}; medians of several runs, full figures in \`bench/results.json\`. Writing 1 GB of freshly allocated memory took ${r.machine.fresh_memory_s_per_gb} s on this virtual machine (a few tenths of a second on bare metal); figures that allocate gigabytes move with it between runs.`,
  "",
  "| what | figure | target |",
  "|---|---|---|",
  // The README's command with its defaults, then the means-only job, per input format.
  ...(s.jobs
    ? ["parquet", "csv"].flatMap((f) => [
      `| \`score --raw DIR --out DIR\` (the defaults), national ${f.toUpperCase()}: ${
        (s[f].asn / 1e6).toFixed(2)
      } M ASN, ${(s[f].rows_read / 1e6).toFixed(1)} M rows | ${s[f].default.wall_s} s, peak RSS ${
        (s[f].default.peak_rss_mb / 1024).toFixed(1)
      } GB${
        s[f].io_floor?.sum_s
          ? `; ${s[f].io_floor.default_over_floor}× its floor, ${s[f].io_floor.sum_s} s (read ${
            s[f].io_floor.typed_read_s
          } s, write ${s[f].io_floor.per_person_write_s} s)`
          : ""
      } | ${t(s[f].default.wall_target)}; ${t(s[f].default.rss_target)} |`,
      `| … means only (\`--method bkn-2019 --method bkn-2024 --per-asn none --variants none\`) | ${
        s[f].means_only.wall_s
      } s (${Math.round(s[f].means_only.rows_per_s / 1000)} k rows/s); ${
        s[f].times_bare_scan
      }× a bare scan of the files (${s[f].bare_scan_s} s) | ${t(s[f].means_only.wall_target)} |`,
    ])
    : []),
  `| ${
    r.engines.asn.toLocaleString("en-US")
  } ASN, CSV to instansi means, one profile: native DuckDB vs arquero | ${r.engines.same_job.native_duckdb_s} s vs ${r.engines.same_job.arquero_s} s (${r.engines.same_job.arquero_over_native}×) | ${
    t(r.engines.same_job.target)
  } |`,
  ...(r.engines.pandas_same_files?.pandas?.median_s
    ? [
      `| … the same files, both profiles, means only: the engine's CLI vs the pandas peer | ${r.engines.pandas_same_files.engine.median_s} s vs ${r.engines.pandas_same_files.pandas.median_s} s (${r.engines.pandas_same_files.pandas_over_engine}×) | ${
        t(r.engines.pandas_same_files.target)
      } |`,
    ]
    : []),
  `| … the full native pipeline (validation, quarantine, gains, every output) vs arquero scoring | ${r.engines.csv_to_means.native_duckdb_s} s vs ${r.engines.csv_to_means.arquero_s} s (${r.engines.csv_to_means.arquero_over_native}×) | |`,
  `| same scoring SQL, same tables: native DuckDB vs duckdb-wasm under Deno | ${r.engines.same_sql.native_duckdb_s} s vs ${r.engines.same_sql.duckdb_wasm_s} s (${r.engines.same_sql.wasm_over_native}×) | ${
    t(r.engines.same_sql.target)
  } |`,
  ...(r.peers?.default?.pandas?.median_s
    ? [
      `| ${r.peers.data} (${
        (r.peers.rows_read / 1e6).toFixed(1)
      } M rows): \`score\` with its defaults vs the pandas peer | ${r.peers.default.engine.median_s} s vs ${r.peers.default.pandas.median_s} s (${r.peers.default.pandas_over_engine}×) | ${
        t(r.peers.default.target)
      } |`,
    ]
    : []),
  ...(r.peers?.pandas?.median_s
    ? [
      `| … means only vs the pandas peer | ${r.peers.engine.median_s} s vs ${r.peers.pandas.median_s} s (${r.peers.pandas_over_engine}×) | ${
        t(r.peers.target)
      } |`,
    ]
    : []),
  ...(r.demo
    ? [
      `| demo generation (${r.demo.data}, ${
        (r.demo.rows / 1e6).toFixed(1)
      } M rows of CSV) | ${r.demo.median_s} s | |`,
    ]
    : []),
  ...(r.builds.first_build_s !== undefined
    ? [
      `| first build of a fresh copy: demo generated, 13 periods scored, site built | ${r.builds.first_build_s} s | ${
        t(r.builds.first_build_target)
      } |`,
    ]
    : []),
  `| build, cold: 12 periods scored, site built (${r.builds.data}) | ${r.builds.cold_s} s | |`,
  `| rebuild, nothing changed | ${r.builds.warm_no_change_s} s | ${t(r.builds.warm_target)} |`,
  `| rebuild after a new period folder | ${r.builds.new_period_s} s (${r.builds.new_period_pipeline}) | ${
    r.builds.new_period_target ? `${t(r.builds.new_period_target)}; ` : ""
  }only that period recomputed |`,
  // Every page measured (older results files hold three).
  ...Object.entries(r.pages).filter(([k]) => k !== "note").map(([, p]: [string, J]) =>
    `| page ${p.path}: bytes (JS), requests, first chart | ${p.kb_transferred} KB (${p.kb_javascript} KB JS), ${p.requests} requests, ${p.first_chart_ms} ms | ${
      [t(p.size_target), t(p.time_target)].filter(Boolean).join("; ")
    } |`
  ),
  ...(r.national_site
    ? (() => {
      const n = r.national_site, p = n.peringkat;
      return [
        `| national site build, cold (${n.data}; ${n.report_cards} report cards, ${n.pages} pages, ${n.dist_mb} MB of which ${
          round1(n.dist_mb - n.dist_mb_without_duckdb)
        } MB is the in-browser DuckDB) | ${n.cold_s} s (scoring ${
          n.cold_phases?.[0]?.scoring_s ?? "?"
        } s, Framework ${
          n.cold_phases?.[0]?.framework_s ?? "?"
        } s); rebuild, nothing changed: ${n.warm_s} s; load average ${
          n.load_avg.before[0]
        } before, ${n.load_avg.after[0]} after | ${t(n.build_target)} |`,
        `| national page /peringkat: bytes (JS), requests, first table row | ${p.kb_transferred} KB (${p.kb_javascript} KB JS), ${p.requests} requests, ${p.first_chart_ms} ms | ${
          [t(p.size_target), t(p.time_target)].filter(Boolean).join("; ")
        } |`,
        `| … then choosing the earliest period (${p.earliest_period.periode}) / another method (${p.other_method.metode}) | +${p.earliest_period.kb_transferred} KB, ${p.earliest_period.table_ms} ms / +${p.other_method.kb_transferred} KB, ${p.other_method.table_ms} ms | |`,
        ...Object.values(n.halaman ?? {}).filter((h: J) => h.path !== "/peringkat").map((h: J) =>
          `| national page ${h.path}: bytes (JS), requests, first chart | ${h.kb_transferred} KB (${h.kb_javascript} KB JS), ${h.requests} requests, ${h.first_chart_ms} ms | ${
            [t(h.size_target), t(h.time_target)].filter(Boolean).join("; ")
          } |`
        ),
      ];
    })()
    : []),
];
// Results files from before a section existed lack it: its row is left out, never invented.
if (args.print) {
  console.log(lines.join("\n"));
  Deno.exit(0);
}
const readme = Deno.readTextFileSync(`${ROOT}README.md`);
const [a, b] = ["<!-- bench:start -->", "<!-- bench:end -->"];
if (!readme.includes(a)) throw new Error("README.md has no bench markers");
Deno.writeTextFileSync(
  `${ROOT}README.md`,
  readme.slice(0, readme.indexOf(a) + a.length) + "\n" + lines.join("\n") + "\n" +
    readme.slice(readme.indexOf(b)),
);
console.error("README.md performance section updated");
