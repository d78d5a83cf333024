/**
 * Visiting every page of a built site in Chromium and collecting what went wrong there: the
 * site-build tests' walk (tests/scope-build.test.ts, tests/site-kecil.test.ts).
 */
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { watch } from "./browser.ts";

export interface Visit {
  path: string;
  text: string;
  /** The visible text of the page's content alone (no menu, no footer). */
  main: string;
  problems: string[];
  /**
   * Paths of the site's own pages this page links to (query and hash dropped); downloads (links
   * with a `download` attribute, e.g. the Data page's stable files) are files, not pages.
   */
  links: string[];
  /** How far the page scrolls sideways (document width minus the viewport's), in CSS pixels. */
  overflow: number;
}

/** Open a page and collect what went wrong there, with its visible text. */
export async function visit(page: Page, url: string, path: string): Promise<Visit> {
  const w = watch(page, url);
  const problems: string[] = [];
  const res = await page.goto(url + path, { waitUntil: "networkidle" });
  if (!res?.ok()) problems.push(`${path}: HTTP ${res?.status()}`);
  await page.waitForSelector("#observablehq-main h1", { timeout: 15_000 }).catch(() =>
    problems.push(`${path}: no h1`)
  );
  // Cells that render after the data arrive: give them a moment past network idle.
  await page.waitForFunction(
    () => !document.querySelector("#observablehq-main observablehq-loading"),
    null,
    { timeout: 30_000 },
  ).catch(() => problems.push(`${path}: still loading after 30 s`));
  await page.waitForTimeout(300);
  const cellErrors = await page.locator(".observablehq--error").allTextContents();
  for (const e of cellErrors) problems.push(`${path}: cell error: ${e}`);
  for (const e of w.errors) problems.push(`${path}: console: ${e}`);
  for (const u of w.foreign) problems.push(`${path}: request to another host: ${u}`);
  page.removeAllListeners("console");
  page.removeAllListeners("pageerror");
  page.removeAllListeners("request");
  const text = await page.evaluate(() => document.title + "\n" + document.body.innerText);
  const main = await page.evaluate(() =>
    (document.querySelector("#observablehq-main") as HTMLElement | null)?.innerText ?? ""
  );
  const links = await page.evaluate(
    (origin) =>
      // From the attribute (an SVG link, a chart's reported figure, has no string `href`),
      // against the page's base as the browser resolves it (the 404 page has <base href="/">);
      // downloads (the stable open-data files) are files, not pages.
      [
        ...document.querySelectorAll(
          "#observablehq-main a[href]:not([download]), #observablehq-footer a[href]:not([download])",
        ),
      ]
        .map((a) => new URL(a.getAttribute("href")!, document.baseURI))
        .filter((u) => u.origin === origin && !u.pathname.startsWith("/_"))
        .map((u) => u.pathname),
    url,
  );
  const overflow = await page.evaluate(() =>
    document.documentElement.scrollWidth - document.documentElement.clientWidth
  );
  return { path, text, main, problems, links: [...new Set(links)], overflow };
}

/** Pages of the built site: every .html but Framework's 404, as the clean URLs it serves. */
export function builtPages(out: string): string[] {
  const pages: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const e of Deno.readDirSync(dir)) {
      if (e.isDirectory && !e.name.startsWith("_")) walk(join(dir, e.name), `${prefix}${e.name}/`);
      else if (e.isFile && e.name.endsWith(".html") && e.name !== "404.html") {
        pages.push(e.name === "index.html" ? prefix : `${prefix}${e.name.slice(0, -5)}`);
      }
    }
  };
  walk(out, "/");
  return pages.sort();
}

/** Every page in `pages`, in one tab of the given size (default 1366×900). */
export async function visitAll(
  browser: Browser,
  url: string,
  pages: string[],
  viewport = { width: 1366, height: 900 },
): Promise<Visit[]> {
  const page = await browser.newPage({ viewport });
  const visits: Visit[] = [];
  for (const p of pages) visits.push(await visit(page, url, p));
  await page.close();
  return visits;
}

/** Links from any page to a page of the site that was not built (a 404 for the reader). */
export function brokenLinks(visits: Visit[], pages: string[]): string[] {
  const built = new Set(pages);
  return visits.flatMap((v) =>
    v.links.filter((l) => !built.has(l) && !built.has(l.replace(/\.html$/, "")))
      .map((l) => `${v.path} links to ${l}, which was not built`)
  );
}

/** Where `re` matches in `text`, with some words either side (for a failure message). */
export function around(text: string, re: RegExp): string {
  const i = text.search(re);
  return `…${text.slice(Math.max(0, i - 60), i + 60).replace(/\s+/g, " ")}…`;
}
