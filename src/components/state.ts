/**
 * Reader choices kept in the URL, the way OWID's grapher treats its URL as a public API: every
 * page declares its parameters with their allowed values and defaults; `read` turns a query string
 * into a valid state (unknown or stale values fall back to the default), `write` turns a state
 * back into the shortest query string. Pure functions: tested without a browser.
 */

export type ParamSpec =
  | { kind: "one"; values: readonly string[]; default: string }
  | { kind: "many"; values: readonly string[]; default: readonly string[]; max?: number }
  | { kind: "text"; default: string; maxLength?: number };

export type Spec = Record<string, ParamSpec>;
export type State<S extends Spec> = {
  [K in keyof S]: S[K] extends { kind: "many" } ? string[] : string;
};

export function read<S extends Spec>(spec: S, query: string): State<S> {
  const params = new URLSearchParams(query.startsWith("?") ? query.slice(1) : query);
  const out: Record<string, string | string[]> = {};
  for (const [key, p] of Object.entries(spec)) {
    const raw = params.get(key);
    if (p.kind === "one") out[key] = raw !== null && p.values.includes(raw) ? raw : p.default;
    else if (p.kind === "text") {
      out[key] = raw === null ? p.default : raw.slice(0, p.maxLength ?? 100);
    } else {
      const vals = raw === null
        ? [...p.default]
        : [...new Set(raw.split(",").filter((v) => p.values.includes(v)))];
      out[key] = vals.slice(0, p.max ?? vals.length);
    }
  }
  return out as State<S>;
}

export function write<S extends Spec>(spec: S, state: State<S>): string {
  const params = new URLSearchParams();
  for (const [key, p] of Object.entries(spec)) {
    const v = state[key as keyof S] as string | string[];
    if (p.kind === "many") {
      const list = v as string[];
      if (list.join(",") !== p.default.join(",")) params.set(key, list.join(","));
    } else if (v !== p.default) params.set(key, v as string);
  }
  const s = params.toString().replaceAll("%2C", ",");
  return s ? `?${s}` : "";
}

/** In the browser: the state from the current URL, and a way to save changes without reloading. */
export function fromLocation<S extends Spec>(spec: S): State<S> {
  return read(spec, globalThis.location?.search ?? "");
}

export function saveToLocation<S extends Spec>(spec: S, state: State<S>): void {
  // Parameters the page does not declare (a table's sort, `urut`) belong to other components:
  // they are kept, after the page's own.
  const others = new URLSearchParams(location.search);
  for (const key of Object.keys(spec)) others.delete(key);
  const own = write(spec, state);
  const rest = others.toString().replaceAll("%2C", ",");
  const search = own && rest ? `${own}&${rest}` : own || (rest ? `?${rest}` : "");
  const url = `${location.pathname}${search}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) {
    history.replaceState(null, "", url);
    // The printed address (cetak.ts) follows the state.
    dispatchEvent(new Event("ipasn:alamat"));
  }
}
