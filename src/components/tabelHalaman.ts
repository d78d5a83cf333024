/**
 * A sortable table shown one page at a time: all rows are sorted, only one page of them is put in
 * the DOM. 600 instansi as one table made a page 39,000 pixels long and slow to draw; 50 rows a
 * page keep the first table quick whatever the scope. Sorting and paging state live in the element.
 */
import { type Kolom, tabel } from "./tabel.js";

export function tabelHalaman<T extends Record<string, unknown>>(
  rows: T[],
  columns: Kolom<T>[],
  o: { urut?: string; turun?: boolean; perHalaman?: number; document?: Document } = {},
): HTMLElement {
  const doc = o.document ?? document;
  const per = o.perHalaman ?? 50;
  let key = o.urut ?? columns[0].key;
  let desc = o.turun ?? false;
  let page = 0;
  const wrap = doc.createElement("div");
  wrap.className = "tabel-halaman";
  const nav = doc.createElement("nav");
  nav.setAttribute("aria-label", "Halaman tabel");
  nav.style.display = "flex";
  nav.style.gap = ".5rem";
  nav.style.alignItems = "center";
  const prev = doc.createElement("button");
  prev.type = "button";
  prev.textContent = "‹ Sebelumnya";
  const next = doc.createElement("button");
  next.type = "button";
  next.textContent = "Berikutnya ›";
  const info = doc.createElement("span");
  info.setAttribute("aria-live", "polite");
  nav.append(prev, info, next);
  const holder = doc.createElement("div");
  const pages = () => Math.max(1, Math.ceil(rows.length / per));

  const sorted = () => {
    const col = columns.find((c) => c.key === key) ?? columns[0];
    const val = col.sort ?? ((r: T) => r[col.key] as number | string | null);
    return [...rows].sort((a, b) => {
      const x = val(a), y = val(b);
      if (x === y) return 0;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (x < y ? -1 : 1) * (desc ? -1 : 1);
    });
  };
  const render = () => {
    page = Math.min(page, pages() - 1);
    const slice = sorted().slice(page * per, (page + 1) * per);
    // The page's slice is already in order; the inner table keeps that order and reports header
    // clicks back here, so a sort applies to all rows, not to the page shown.
    holder.replaceChildren(
      tabel(slice, columns, {
        urut: key,
        turun: desc,
        onSort: (k, d) => {
          key = k;
          desc = d;
          page = 0;
          render();
        },
      }),
    );
    const from = rows.length ? page * per + 1 : 0;
    info.textContent = `${from}–${Math.min(rows.length, (page + 1) * per)} dari ${rows.length}`;
    prev.disabled = page === 0;
    next.disabled = page >= pages() - 1;
    nav.hidden = rows.length <= per;
  };
  prev.addEventListener("click", () => (page--, render()));
  next.addEventListener("click", () => (page++, render()));
  render();
  wrap.append(holder, nav);
  return wrap;
}
