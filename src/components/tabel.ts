/**
 * A sortable table (click or Enter on a header). Text from the data is always set as text, never
 * parsed as HTML; a column may render a cell as an element built with the DOM.
 */
export interface Kolom<T> {
  key: string;
  label: string;
  /** Cell content: text, or an element. */
  cell?: (row: T) => string | Node;
  /** Sort value (default: row[key]). */
  sort?: (row: T) => number | string | null;
  numeric?: boolean;
}

export function tabel<T extends Record<string, unknown>>(
  rows: T[],
  columns: Kolom<T>[],
  o: {
    urut?: string;
    turun?: boolean;
    maxRows?: number;
    onSort?: (key: string, turun: boolean) => void;
  } = {},
): HTMLElement {
  let key = o.urut ?? columns[0].key;
  let desc = o.turun ?? false;
  const wrap = document.createElement("div");
  wrap.style.overflowX = "auto";
  const table = document.createElement("table");
  table.className = "tabel-data";
  const thead = table.createTHead();
  const tbody = table.createTBody();
  const hr = thead.insertRow();
  const ths = columns.map((c) => {
    const th = document.createElement("th");
    th.textContent = c.label;
    th.tabIndex = 0;
    th.style.cursor = "pointer";
    if (c.numeric) th.style.textAlign = "right";
    const go = () => {
      desc = key === c.key ? !desc : !!c.numeric;
      key = c.key;
      o.onSort?.(key, desc);
      render();
    };
    th.addEventListener("click", go);
    th.addEventListener(
      "keydown",
      (e) => (e.key === "Enter" || e.key === " ") && (e.preventDefault(), go()),
    );
    hr.append(th);
    return th;
  });
  const render = () => {
    const col = columns.find((c) => c.key === key) ?? columns[0];
    const val = col.sort ?? ((r: T) => r[col.key] as number | string | null);
    const sorted = [...rows].sort((a, b) => {
      const x = val(a), y = val(b);
      if (x === y) return 0;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (x < y ? -1 : 1) * (desc ? -1 : 1);
    });
    ths.forEach((th, i) =>
      th.setAttribute(
        "aria-sort",
        columns[i].key === key ? (desc ? "descending" : "ascending") : "none",
      )
    );
    tbody.replaceChildren(
      ...sorted.slice(0, o.maxRows ?? Infinity).map((r) => {
        const tr = document.createElement("tr");
        for (const c of columns) {
          const td = document.createElement("td");
          if (c.numeric) td.style.textAlign = "right";
          const v = c.cell ? c.cell(r) : String(r[c.key] ?? "–");
          if (typeof v === "string") td.textContent = v;
          else td.append(v);
          tr.append(td);
        }
        return tr;
      }),
    );
  };
  render();
  wrap.append(table);
  return wrap;
}

/** A category chip, coloured the same way everywhere. */
export function chipKategori(k: string | null | undefined): HTMLElement {
  const s = document.createElement("span");
  s.className = "kategori";
  s.dataset.k = k ?? "";
  s.textContent = k ?? "–";
  return s;
}

/** A link whose text comes from the data. */
export function tautan(href: string, text: string): HTMLAnchorElement {
  const a = document.createElement("a");
  a.href = href;
  a.textContent = text;
  return a;
}

/** A chart's data as a table, folded under the chart: the text alternative for readers who need one. */
export function tabelAlternatif<T extends Record<string, unknown>>(
  rows: T[],
  columns: Kolom<T>[],
  judul = "Lihat sebagai tabel",
): HTMLDetailsElement {
  const d = document.createElement("details");
  const s = document.createElement("summary");
  s.textContent = judul;
  d.append(s, tabel(rows, columns));
  return d;
}
