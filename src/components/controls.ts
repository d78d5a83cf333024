/**
 * Small form controls with Indonesian labels, usable with the keyboard. Each returns an element
 * whose `value` is the current choice and which dispatches "input" on change, so Framework's
 * `view()` can read it.
 */

function labelled(text: string, control: HTMLElement): HTMLLabelElement {
  const label = document.createElement("label");
  label.className = "kontrol";
  label.style.cssText =
    "display:inline-flex;flex-direction:column;gap:2px;margin:0 1rem 0.6rem 0;font-size:0.85rem;max-width:calc(100% - 1rem)";
  const span = document.createElement("span");
  span.textContent = text;
  label.append(span, control);
  return label;
}

function forward(
  wrapper: HTMLElement & { value?: unknown },
  get: () => unknown,
  source: HTMLElement,
  event = "input",
): void {
  Object.defineProperty(wrapper, "value", { get, configurable: true });
  source.addEventListener(event, (e) => {
    e.stopPropagation();
    wrapper.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

export function pilih(
  label: string,
  options: { value: string; label: string }[],
  value: string,
): HTMLElement {
  const select = document.createElement("select");
  // A long option (a reported figure named by instansi, period and value) must not widen the page
  // on a phone: the select keeps to the page's width and cuts the shown option.
  select.style.maxWidth = "100%";
  for (const o of options) select.append(new Option(o.label, o.value, false, o.value === value));
  const el = labelled(label, select);
  forward(el, () => select.value, select, "change");
  return el;
}

export function cari(label: string, value = "", placeholder = "Ketik nama…"): HTMLElement {
  const input = document.createElement("input");
  input.type = "search";
  input.value = value;
  input.placeholder = placeholder;
  input.setAttribute("aria-label", label);
  const el = labelled(label, input);
  forward(el, () => input.value, input);
  return el;
}

export function centang(
  label: string,
  options: { value: string; label: string }[],
  value: string[],
): HTMLElement {
  const box = document.createElement("fieldset");
  box.style.cssText = "border:0;padding:0;margin:0 1rem 0.6rem 0;font-size:0.85rem";
  const legend = document.createElement("legend");
  legend.textContent = label;
  box.append(legend);
  const inputs = options.map((o) => {
    const l = document.createElement("label");
    l.style.marginRight = "0.8rem";
    const i = document.createElement("input");
    i.type = "checkbox";
    i.value = o.value;
    i.checked = value.includes(o.value);
    l.append(i, ` ${o.label}`);
    box.append(l);
    return i;
  });
  forward(box, () => inputs.filter((i) => i.checked).map((i) => i.value), box, "change");
  return box;
}

/** A 0–100 % slider in steps of 5, with its value shown beside it. */
export function geser(label: string, value: number, catatan = ""): HTMLElement {
  const input = document.createElement("input");
  input.type = "range";
  input.min = "0";
  input.max = "100";
  input.step = "5";
  input.value = String(value);
  input.setAttribute("aria-label", label);
  const out = document.createElement("output");
  out.style.cssText = "min-width:3.5rem;font-variant-numeric:tabular-nums";
  const show = () => (out.textContent = `${input.value}%`);
  show();
  input.addEventListener("input", show);
  const row = document.createElement("span");
  row.style.cssText = "display:flex;gap:0.6rem;align-items:center";
  row.append(input, out);
  const el = labelled(catatan ? `${label} (${catatan})` : label, row);
  el.style.display = "flex";
  forward(el, () => Number(input.value), input);
  return el;
}
