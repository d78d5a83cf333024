/**
 * The Indonesian shell every built page shares, applied to the built HTML after Framework (which
 * writes English labels, no lang, no description and a viewport that forbids zooming).
 *
 * - `lang="id"`, "Cari" and "Buka/tutup menu" instead of "Search" and "Toggle sidebar";
 * - the viewport without `maximum-scale=1`, so a phone can pinch-zoom (WCAG 1.4.4);
 * - a skip link to the content, and an accessible name on the search box (it had only a
 *   placeholder);
 * - a description and Open Graph tags from the page's title and first paragraph, so a link shared
 *   on WhatsApp or Telegram shows what the page is;
 * - a small script for what only runs in the browser: Framework's client sets "Toggle sidebar
 *   Alt-B" and prints "no results" / "N results" from its bundle, and keeps the menu open over the
 *   content after a reader chooses a page on a phone (it remembers the open state per tab);
 * - the safety net of src/components/aman.ts: a cell that fails shows an Indonesian sentence, not
 *   Framework's "TypeError: …" box;
 * - in a build, the site's own head, header and footer (`kerangkaSitus`, `pasangKerangka`):
 *   Framework would parse each of them with jsdom twice per page, which on a national site of 650
 *   pages cost most of its build time; the preview server (deno task dev) still gets them from the
 *   config.
 */
import { pasangPengaman, PESAN_GAGAL } from "../../src/components/aman.ts";

const escapeAttr = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Text of the first paragraph of the page's main content (tags removed), at most `max` characters. */
export function ringkasanHalaman(html: string, max = 200): string | null {
  const main = html.indexOf('<main id="observablehq-main"');
  if (main < 0) return null;
  const body = html.slice(main);
  for (const m of body.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/g)) {
    const text = m[1].replace(/<[^>]*>/g, "").replace(/&nbsp;/g, " ").replace(/\s+/g, " ")
      .trim();
    if (text.length >= 30) {
      if (text.length <= max) return text;
      const cut = text.slice(0, max - 1);
      return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2))}…`;
    }
  }
  return null;
}

/** Runs in the page (kept small: it is inlined in every page). */
const SCRIPT = `(()=>{
const wide=()=>matchMedia("(min-width: calc(640px + 6rem + 272px))").matches;
document.addEventListener("click",(e)=>{
  if(wide()||!e.target.closest||!e.target.closest("#observablehq-sidebar a[href]"))return;
  sessionStorage.removeItem("observablehq-sidebar");
  const t=document.getElementById("observablehq-sidebar-toggle");
  if(t){t.checked=false;t.indeterminate=true;}
});
addEventListener("DOMContentLoaded",()=>{
  for(const l of document.querySelectorAll("#observablehq-sidebar-toggle,label[for='observablehq-sidebar-toggle']"))l.title=(l.title||"").replace("Toggle sidebar","Buka/tutup menu");
  const r=document.getElementById("observablehq-search-results");
  if(!r)return;
  new MutationObserver(()=>{
    const d=r.firstElementChild;
    if(!d||d.tagName!=="DIV")return;
    const t=d.textContent,m=/^([\\d,]+) results?$/.exec(t);
    if(t==="no results")d.textContent="Tidak ada hasil";
    else if(m)d.textContent=m[1].replace(/,/g,".")+" hasil";
  }).observe(r,{childList:true});
});
})();
(${pasangPengaman})(document,${JSON.stringify(PESAN_GAGAL)});`;

export function localiseHtml(html: string): string {
  if (html.includes('class="lompat-ke-isi"')) return html; // already applied
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1];
  const [halaman, situs] = title?.includes(" | ")
    ? [title.slice(0, title.lastIndexOf(" | ")), title.slice(title.lastIndexOf(" | ") + 3)]
    : [title ?? "", title ?? ""];
  const deskripsi = ringkasanHalaman(html) ??
    `${halaman}: Indeks Profesionalitas ASN per instansi, dihitung dari data kepegawaian.`;
  const meta = [
    `<meta name="description" content="${escapeAttr(deskripsi)}">`,
    `<meta property="og:type" content="website">`,
    `<meta property="og:locale" content="id_ID">`,
    `<meta property="og:site_name" content="${escapeAttr(situs)}">`,
    `<meta property="og:title" content="${escapeAttr(halaman)}">`,
    `<meta property="og:description" content="${escapeAttr(deskripsi)}">`,
    `<meta name="twitter:card" content="summary">`,
  ].join("\n");
  return html
    .replace(/<html>/, '<html lang="id">')
    .replace(
      /<meta name="viewport" content="[^"]*">/,
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
    )
    .replace(/(<title>[^<]*<\/title>)/, `$1\n${meta}`)
    .replace(
      /<input type="search" placeholder="(?:Search|Cari)">/,
      '<input type="search" placeholder="Cari" aria-label="Cari di situs ini">',
    )
    .replace('placeholder="Search"', 'placeholder="Cari"')
    .replace('title="Toggle sidebar"', 'title="Buka/tutup menu"')
    // Framework puts the menu's close button inside an <ol>, which may hold only <li> (axe "list").
    .replace(
      /<ol>\s*(<label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle"><\/label>)/,
      "$1\n  <ol>",
    )
    .replace(
      /<body>\n?/,
      `<body>\n<a class="lompat-ke-isi" href="#observablehq-main">Langsung ke isi</a>\n<script>${SCRIPT}</script>\n`,
    );
}

/** What every page of the site carries around its content, from the data (src/data/.rute.json). */
export interface Kerangka {
  head: string;
  /** The synthetic-data banner, or "" for real data. */
  header: string;
  /** The footer's inner HTML; its link is written from the site's root ("./metodologi"). */
  footer: string;
}

export function kerangkaSitus(
  rute: { cakupan: { kaki: string }; sintetis: boolean },
): Kerangka {
  const esc = (t: string) => t.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return {
    head: '<link rel="icon" href="data:,">',
    header: rute.sintetis
      ? `<div class="banner-sintetis" role="note"><strong>Data contoh sintetis.</strong> Angka pada situs ini dihitung dari data pegawai buatan (bukan data sungguhan) yang dikalibrasi ke nilai yang pernah dilaporkan. Nilai resmi yang dilaporkan ditandai terpisah beserta sumbernya.</div>`
      : "",
    footer: `${
      esc(rute.cakupan.kaki)
    } Angka dihitung oleh mesin skor ipasn; metodenya di halaman <a href="./metodologi">Metodologi</a>.`,
  };
}

/**
 * A built page (`path` relative to the site's root, "instansi/63.html") with the site's head,
 * header and footer put where Framework puts them, links made relative to the page as Framework
 * makes them. Applied once (a page that has them is returned as it is).
 */
export function pasangKerangka(html: string, path: string, k: Kerangka): string {
  if (html.includes('id="observablehq-header"') || html.includes("ipasn-kaki")) return html;
  const depth = path.split("/").length - 1;
  const root = depth ? "../".repeat(depth) : "./";
  const footer = k.footer.replace(/href="\.\//g, `href="${root}`);
  let out = html.replace(/(<\/title>)/, `$1\n${k.head}`);
  if (k.header) {
    out = out.replace(
      '<div id="observablehq-center">',
      `<div id="observablehq-center">\n<header id="observablehq-header">\n${k.header}\n</header>`,
    );
  }
  const div = `\n<div class="ipasn-kaki">${footer}</div>`;
  return out.includes('<footer id="observablehq-footer">')
    ? out.replace(/(<footer id="observablehq-footer">[\s\S]*?)(\n<\/footer>)/, `$1${div}$2`)
    : out.replace("</main>", `</main>\n<footer id="observablehq-footer">${div}\n</footer>`);
}

/** Where a page asks for the table of contents the build writes (Framework's own costs a parse). */
export const PENANDA_TOC = '<div id="ipasn-daftar-isi"></div>';

/**
 * The table of contents of a page that asks for it (`PENANDA_TOC` in its Markdown, `toc: false` in
 * its front matter): Framework's own markup, written from the page's h2 headings. Framework builds
 * its TOC by parsing each page's content with a jsdom window of its own (measured: about a twelfth
 * of its work on a report card, one per instansi); a pattern over the built page gives the same.
 */
export function pasangToc(html: string, label = "Isi halaman"): string {
  if (!html.includes(PENANDA_TOC)) return html;
  const out = html.replace(PENANDA_TOC, "");
  if (out.includes('id="observablehq-toc"')) return out;
  const main = out.indexOf('<main id="observablehq-main"');
  if (main < 0) return out;
  const judul = [...out.slice(main).matchAll(/<h2 id="([^"]+)"[^>]*>([\s\S]*?)<\/h2>/g)]
    .map(([, id, isi]) => ({ id, teks: isi.replace(/<[^>]*>/g, "").replace(/\s+/g, " ").trim() }))
    .filter((h) => h.teks);
  const aside =
    `<aside id="observablehq-toc" data-selector="h1:not(:first-of-type)[id], h2:first-child[id], :not(h1) + h2[id]">
<nav>${
      judul.length
        ? `
<div>${label}</div>
<ol>${
          judul.map((h) =>
            `\n<li class="observablehq-secondary-link"><a href="#${h.id}">${h.teks}</a></li>`
          ).join("")
        }
</ol>`
        : ""
    }
</nav>
</aside>
`;
  return out.slice(0, main) + aside + out.slice(main);
}
