/** Debian's Chromium driven by playwright-core; never a browser download. */
import { type Browser, chromium, type Page } from "playwright-core";
import { existsSync } from "node:fs";

export const CHROMIUM = Deno.env.get("CHROMIUM_PATH") ?? "/usr/bin/chromium";

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} not found: install Debian's chromium (apt-get install chromium), as .ci/run does`,
    );
  }
  return await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export interface Watched {
  errors: string[];
  foreign: string[];
}

/** Collect console errors, page errors and requests to any host but the site's own. */
export function watch(page: Page, origin: string): Watched {
  const w: Watched = { errors: [], foreign: [] };
  page.on("console", (m) => m.type() === "error" && w.errors.push(m.text()));
  page.on("pageerror", (e) => w.errors.push(String(e)));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:")) {
      w.foreign.push(u);
    }
  });
  return w;
}

/** Serve a built site on loopback and open Chromium; both are closed afterwards. */
export async function withSite<T>(
  dir: string,
  fn: (url: string, browser: Browser, log: { path: string; bytes: number }[]) => Promise<T>,
): Promise<T> {
  const { serve } = await import("./serve.ts");
  const site = serve(dir);
  const browser = await launch();
  try {
    return await fn(site.url, browser, site.log);
  } finally {
    await browser.close();
    await site.close();
  }
}
