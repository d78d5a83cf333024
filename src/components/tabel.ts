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

/** "nilai" ascending → "nilai", descending → "-nilai": the sort as one URL value. */
export function tulisUrut(key: string, turun: boolean): string {
  return `${turun ? "-" : ""}${key}`;
}
export function bacaUrut(
  value: string | null | undefined,
  keys: readonly string[],
): { key: string; turun: boolean } | null {
  if (!value) return null;
  const turun = value.startsWith("-");
  const key = turun ? value.slice(1) : value;
  return keys.includes(key) ? { key, turun } : null;
}

export function tabel<T extends Record<string, unknown>>(
  rows: T[],
  columns: Kolom<T>[],
  o: {
    urut?: string;
    turun?: boolean;
    maxRows?: number;
    onSort?: (key: string, turun: boolean) => void;
    /** Keep the rows' own order (an SQL result's ORDER BY) until a reader sorts by a header. */
    urutanAsli?: boolean;
    /** Keep the sort in the URL under this parameter (e.g. "urut"), so a shared link keeps it. */
    paramUrl?: string;
    /** Shown in place of the rows when there are none (a filter emptied the table). */
    kosong?: string;
    /** The table's accessible name (a caption, visually hidden). */
    judul?: string;
  } = {},
): HTMLElement {
  const fromUrl = o.paramUrl && typeof location !== "undefined"
    ? bacaUrut(new URLSearchParams(location.search).get(o.paramUrl), columns.map((c) => c.key))
    : null;
  let key: string | null = fromUrl?.key ?? (o.urutanAsli ? null : o.urut ?? columns[0].key);
  let desc = fromUrl?.turun ?? o.turun ?? false;
  const wrap = document.createElement("div");
  // A scroll box of its own, so the header row can stick to its top while the rows scroll.
  wrap.className = "tabel-gulir";
  wrap.style.overflowX = "auto";
  const table = document.createElement("table");
  table.className = "tabel-data";
  if (o.judul) {
    const cap = table.createCaption();
    cap.className = "sr-only";
    cap.textContent = o.judul;
  }
  const thead = table.createTHead();
  const tbody = table.createTBody();
  const hr = thead.insertRow();
  const arrows: HTMLSpanElement[] = [];
  const ths = columns.map((c) => {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = c.label;
    // The sort state is visible, not only announced: ▲ ascending, ▼ descending, ↕ sortable.
    const arrow = document.createElement("span");
    arrow.className = "panah-urut";
    arrow.setAttribute("aria-hidden", "true");
    th.append(arrow);
    arrows.push(arrow);
    th.tabIndex = 0;
    th.style.cursor = "pointer";
    th.title = "Klik untuk mengurutkan";
    if (c.numeric) th.style.textAlign = "right";
    const go = () => {
      desc = key === c.key ? !desc : !!c.numeric;
      key = c.key;
      if (o.paramUrl && typeof history !== "undefined") {
        const params = new URLSearchParams(location.search);
        params.set(o.paramUrl, tulisUrut(key, desc));
        const q = params.toString().replaceAll("%2C", ",");
        history.replaceState(null, "", `${location.pathname}?${q}${location.hash}`);
      }
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
    const col = columns.find((c) => c.key === key);
    const val = col?.sort ?? ((r: T) => r[col!.key] as number | string | null);
    const sorted = !col ? rows : [...rows].sort((a, b) => {
      const x = val(a), y = val(b);
      if (x === y) return 0;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (x < y ? -1 : 1) * (desc ? -1 : 1);
    });
    ths.forEach((th, i) => {
      const on = columns[i].key === key;
      th.setAttribute("aria-sort", on ? (desc ? "descending" : "ascending") : "none");
      arrows[i].textContent = on ? (desc ? " ▼" : " ▲") : " ↕";
      arrows[i].classList.toggle("aktif", on);
    });
    if (!rows.length) {
      const tr = document.createElement("tr");
      const td = document.createElement("td");
      td.colSpan = columns.length;
      td.className = "tabel-kosong";
      td.textContent = o.kosong ??
        "Tidak ada baris yang cocok dengan pilihan ini. Ubah atau hapus saringan di atas.";
      tr.append(td);
      tbody.replaceChildren(tr);
      return;
    }
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
