/** A worker that writes one share of the kanreg8 demo's periods (see kanreg8.ts). */
import { type Kanreg8Job, kanreg8Share } from "./kanreg8.ts";

export type WorkerReply = { rows: Record<string, number> } | { error: string };

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<Kanreg8Job>) => void) | null;
  postMessage(m: WorkerReply): void;
};
scope.onmessage = async (e) => {
  try {
    const r = await kanreg8Share(e.data);
    scope.postMessage({ rows: r.rows });
  } catch (err) {
    scope.postMessage({ error: err instanceof Error ? err.stack ?? err.message : String(err) });
  }
};
