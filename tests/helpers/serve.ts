/** A static server for a built site on loopback, with Framework's clean URLs (/tren → tren.html). */
import { extname, join } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".csv": "text/csv",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".wasm": "application/wasm",
  ".parquet": "application/octet-stream",
};

export interface Served {
  url: string;
  /** Paths requested, and the bytes sent for each. */
  log: { path: string; bytes: number }[];
  close(): Promise<void>;
}

export function serve(dir: string): Served {
  const log: { path: string; bytes: number }[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const path = decodeURIComponent(new URL(req.url).pathname);
    const candidates = path.endsWith("/")
      ? [join(dir, path, "index.html")]
      : [join(dir, path), join(dir, `${path}.html`)];
    for (const file of candidates) {
      try {
        if (!(await Deno.stat(file)).isFile) continue;
        const body = await Deno.readFile(file);
        log.push({ path, bytes: body.length });
        return new Response(body, {
          headers: { "content-type": TYPES[extname(file)] ?? "application/octet-stream" },
        });
      } catch { /* next candidate */ }
    }
    log.push({ path, bytes: 0 });
    return new Response("not found", { status: 404 });
  });
  const { port } = server.addr as Deno.NetAddr;
  return { url: `http://127.0.0.1:${port}`, log, close: () => server.shutdown() };
}
