/** Downloads under every chart: its data as CSV, the picture as SVG and PNG. */
import { csvFormat } from "d3-dsv";

/** Text cells that a spreadsheet would run as a formula are prefixed with an apostrophe. */
export function amanCsv(rows: Record<string, unknown>[]): string {
  return csvFormat(
    rows.map((r) =>
      Object.fromEntries(
        Object.entries(r).map((
          [k, v],
        ) => [k, typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v ?? ""]),
      )
    ) as never,
  );
}

function save(name: string, blob: Blob): void {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function svgOf(chart: Element): SVGSVGElement | null {
  return chart instanceof SVGSVGElement ? chart : chart.querySelector("svg");
}

function svgText(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  const style = getComputedStyle(svg);
  clone.style.fontFamily = style.fontFamily;
  clone.style.background = "white";
  return new XMLSerializer().serializeToString(clone);
}

export function unduh(name: string, rows: Record<string, unknown>[], chart?: Element): HTMLElement {
  const bar = document.createElement("div");
  bar.className = "unduh";
  const button = (label: string, act: () => void) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", act);
    bar.append(b);
  };
  button(
    "Unduh CSV",
    () =>
      save(`${name}.csv`, new Blob(["\uFEFF" + amanCsv(rows)], { type: "text/csv;charset=utf-8" })),
  );
  const svg = chart ? svgOf(chart) : null;
  if (svg) {
    button(
      "Unduh SVG",
      () => save(`${name}.svg`, new Blob([svgText(svg)], { type: "image/svg+xml" })),
    );
    button("Unduh PNG", () => {
      const img = new Image();
      const { width, height } = svg.getBoundingClientRect();
      img.onload = () => {
        const canvas = document.createElement("canvas");
        canvas.width = Math.ceil(width * 2);
        canvas.height = Math.ceil(height * 2);
        const ctx = canvas.getContext("2d")!;
        ctx.fillStyle = "white";
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
        canvas.toBlob((b) => b && save(`${name}.png`, b), "image/png");
      };
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText(svg))}`;
    });
  }
  return bar;
}
