/**
 * Print (a BKD prints report cards for meetings): the page's address, with its state, under the
 * heading of the printed page; hidden on screen (style.css). Kept current as the reader changes
 * the page's controls (state.ts signals each change) and just before printing.
 */
export function alamatCetak(): HTMLElement {
  const p = document.createElement("p");
  p.className = "url-cetak";
  const isi = () => {
    p.textContent = `Dicetak dari ${location.href}`;
  };
  isi();
  addEventListener("beforeprint", isi);
  addEventListener("ipasn:alamat", isi);
  return p;
}
