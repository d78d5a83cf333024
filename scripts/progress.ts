/** Progress of a pipeline run: a live line on a terminal, a plain log elsewhere (CI, pipes). */
import type { PipelineEvent, PipelineResult } from "../loaders/engine/pipeline.ts";

const fmt = new Intl.NumberFormat("en-US");

export class ProgressReporter {
  private readonly tty = Deno.stderr.isTerminal() && !Deno.env.get("CI");
  private readonly t0 = performance.now();
  private periods: string[] = [];
  private rows = 0;

  private elapsed(): string {
    return `${((performance.now() - this.t0) / 1000).toFixed(1)} s`;
  }

  /** "[2/13]": the period's place in the run (two periods may be computed at once). */
  private at(periode: string): string {
    return `[${this.periods.indexOf(periode) + 1}/${this.periods.length}]`;
  }

  private line(text: string, live = false): void {
    if (this.tty && live) {
      Deno.stderr.writeSync(new TextEncoder().encode(`\r\x1b[2K${text}`));
    } else {
      if (this.tty) Deno.stderr.writeSync(new TextEncoder().encode("\r\x1b[2K"));
      console.error(text);
    }
  }

  event(e: PipelineEvent): void {
    switch (e.type) {
      case "start":
        this.periods = e.periods;
        this.line(
          `${e.periods.length} period(s): ${e.periods.join(", ")}; method profiles: ${
            e.methods.join(", ")
          }`,
        );
        break;
      case "period":
        if (!e.recompute) this.line(`${this.at(e.periode)} ${e.periode}: unchanged, reused`);
        else this.line(`${this.at(e.periode)} ${e.periode}: reading…`, true);
        break;
      case "table": {
        this.rows += e.read;
        const gaps = Object.entries(e.gaps).filter(([, n]) => n > 0);
        this.line(
          `${this.at(e.periode)} ${e.periode} ${e.table}: ${fmt.format(e.read)} read, ${
            fmt.format(e.used)
          } used, ${fmt.format(e.quarantined)} quarantined${
            gaps.length
              ? `; data gaps (used, scored as absent): ${
                gaps.map(([c, n]) => `${c} ${fmt.format(n)}`).join(", ")
              }`
              : ""
          }${e.notes.length ? ` (${e.notes.join("; ")})` : ""} · ${this.elapsed()}`,
          e.quarantined === 0 && e.notes.length === 0 && gaps.length === 0,
        );
        break;
      }
      case "scored":
        this.line(
          `${this.at(e.periode)} ${e.periode}: ${e.metode} scored ${
            fmt.format(e.n)
          } ASN · ${this.elapsed()}`,
          true,
        );
        break;
      case "done":
        this.line(
          `${this.at(e.periode)} ${e.periode}: done in ${(e.ms / 1000).toFixed(1)} s`,
        );
        break;
      case "finish":
        break;
    }
  }

  stop(): void {
    if (this.tty) Deno.stderr.writeSync(new TextEncoder().encode("\r\x1b[2K"));
  }

  summary(r: PipelineResult): void {
    this.stop();
    let read = 0, used = 0, quarantined = 0, gaps = 0;
    for (const tables of Object.values(r.accounting)) {
      for (const t of Object.values(tables)) {
        (read += t.read), (used += t.used), (quarantined += t.quarantined);
        gaps += Object.values(t.gaps ?? {}).reduce((s, n) => s + n, 0);
      }
    }
    console.error(
      `Wrote ${r.out}: ${r.recomputed.length} period(s) computed, ${r.reused.length} reused; rows read ${
        fmt.format(read)
      } = used ${fmt.format(used)} + quarantined ${fmt.format(quarantined)}; data gaps ${
        fmt.format(gaps)
      } (accounting.json) · ${this.elapsed()}`,
    );
    if (quarantined) console.error(`Quarantined rows and their reasons: ${r.out}/quarantine.csv`);
  }
}
