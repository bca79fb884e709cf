// Download buttons for canvases: PNG from the canvas itself, SVG from the
// same Rust drawing code rendered by plotters' SVG backend.

function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Fill every `.export[data-view]` inside `root` with "PNG" and "SVG"
 * buttons. `svgFor(view, width, height)` returns (or resolves to) the SVG
 * text of a view.
 */
export function wireExports(root, svgFor) {
  for (const box of root.querySelectorAll(".export[data-view]")) {
    const view = box.dataset.view;
    const canvas = document.getElementById(box.dataset.canvas);
    const title = canvas?.getAttribute("aria-label")?.split(":")[0] ?? view;
    const png = document.createElement("button");
    png.type = "button";
    png.textContent = "Download PNG";
    png.setAttribute("aria-label", `Download PNG of the ${title.toLowerCase()}`);
    png.addEventListener("click", () => {
      canvas.toBlob((blob) => blob && download(blob, `softmax-${view}.png`), "image/png");
    });
    const svg = document.createElement("button");
    svg.type = "button";
    svg.textContent = "Download SVG";
    svg.setAttribute("aria-label", `Download SVG of the ${title.toLowerCase()}`);
    svg.addEventListener("click", async () => {
      const rect = canvas.getBoundingClientRect();
      const text = await svgFor(view, Math.round(rect.width), Math.round(rect.height));
      download(new Blob([text], { type: "image/svg+xml" }), `softmax-${view}.svg`);
    });
    box.replaceChildren(png, svg);
  }
}
