// The parts of the lesson that can be shown alone in embed.html, named by
// the id of their section. Each says which wasm module it runs on and
// which part modules mount it; `state` marks the parts that show the
// explorer's state, so an embed link carries it.
export const PARTS = [
  { name: "explorer", modules: ["explorer"], state: true },
  { name: "exponentiate-and-normalise", modules: ["explorer", "lesson"], state: true },
  { name: "shift-and-stability", modules: ["explorer", "lesson"], state: true },
  { name: "lab-stability", modules: ["lab-stability"], state: false },
  { name: "temperature-scaling", modules: ["explorer", "lesson"], state: true },
  { name: "lab-calibration", modules: ["lab-calibration"], state: false },
  { name: "lab-attention", modules: ["lab-attention"], state: false },
  { name: "jacobian", modules: ["explorer", "lesson"], state: true },
  { name: "player", modules: ["player"], state: false },
  { name: "practice", modules: ["practice"], state: false },
];

/** The modules that need the extras wasm module (see app.js). */
export const EXTRAS = new Set(["player", "lab-stability", "lab-attention", "lab-calibration", "practice"]);

/** Load a part module by name. */
export function load(name) {
  switch (name) {
    case "explorer": return import("./explorer.js");
    case "lesson": return import("./lesson.js");
    case "player": return import("./player.js");
    case "lab-stability": return import("./lab-stability.js");
    case "lab-attention": return import("./lab-attention.js");
    case "lab-calibration": return import("./lab-calibration.js");
    case "practice": return import("./practice.js");
    default: return Promise.reject(new Error(`no part module ${name}`));
  }
}

/** The heading text of a part's section, without its heading anchor. */
export function titleOf(section) {
  const heading = section?.querySelector("h2")?.cloneNode(true);
  if (!heading) return "";
  for (const anchor of heading.querySelectorAll(".heading-anchor")) anchor.remove();
  return heading.textContent.trim();
}
