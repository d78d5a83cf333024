/**
 * The safety net for a part of a page that fails: the reader sees an Indonesian sentence, never a
 * stack trace or "TypeError", and the error still reaches the console (Framework logs it with
 * console.error) where a maintainer and the browser tests find it. Causes are fixed where they are
 * found; this only keeps an unforeseen one from showing code to a reader, on every page without a
 * try/catch in each: the shell (loaders/publish/shell.ts) inlines `pasangPengaman` into every built
 * page.
 */

export const PESAN_GAGAL =
  "Bagian ini tidak dapat ditampilkan karena terjadi kesalahan saat menyiapkannya. Bagian lain halaman ini tetap dapat dipakai; bila masalah ini berlanjut, mohon laporkan alamat halaman ini kepada pengelola situs.";

/**
 * Framework shows a cell that throws as an error box (class `observablehq--error`, the error's text
 * in it); every box, present and to come, keeps its class and gets `pesan` as its text. It must
 * stay self-contained (no imports, no outer names): the shell inlines its source text.
 */
export function pasangPengaman(doc: Document, pesan: string): void {
  const ganti = (n: Node) => {
    if (!(n instanceof Element)) return;
    const boxes = n.classList.contains("observablehq--error")
      ? [n]
      : [...n.querySelectorAll(".observablehq--error")];
    for (const b of boxes) {
      if (b.getAttribute("data-pesan") === "id") continue;
      b.setAttribute("data-pesan", "id");
      b.setAttribute("role", "alert");
      b.classList.add("gagal");
      b.textContent = pesan;
    }
  };
  const mulai = () => {
    ganti(doc.body);
    new MutationObserver((ms) => {
      for (const m of ms) for (const n of m.addedNodes) ganti(n);
    }).observe(doc.body, { childList: true, subtree: true });
  };
  if (doc.body) mulai();
  else doc.addEventListener("DOMContentLoaded", mulai);
}
