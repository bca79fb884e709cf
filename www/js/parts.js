// The parts of the lesson that can be shown alone in embed.html, named by
// the id of their section (or, for a lesson diagram, of its figure). Each says which wasm module it runs on and
// which part modules mount it; `state` marks the parts that show the
// explorer's state, so an embed link carries it, and `link` names the
// labs whose own settings it carries (see explorer.js, setLinkPart).
export const PARTS = [
  { name: "explorer", modules: ["explorer"], state: true },
  { name: "exponentiate-and-normalise", modules: ["explorer", "lesson"], state: true },
  { name: "diagram-two-class", modules: ["lesson"], state: false },
  { name: "shift-and-stability", modules: ["explorer", "lesson"], state: true },
  { name: "diagram-shift-scale", modules: ["lesson"], state: false },
  { name: "lab-stability", modules: ["lab-stability"], state: false, link: "stab" },
  { name: "temperature-scaling", modules: ["explorer", "lesson"], state: true },
  { name: "diagram-temperature-path", modules: ["lesson"], state: false },
  { name: "lab-calibration", modules: ["lab-calibration"], state: false, link: "cal" },
  { name: "lab-attention", modules: ["lab-attention"], state: false, link: "attn" },
  { name: "jacobian", modules: ["explorer", "lesson"], state: true },
  { name: "player", modules: ["player"], state: false },
  { name: "practice", modules: ["practice"], state: false },
];

/** Whether this is the offline single file (its wasm inlined), which is
 * the whole lesson and its own embed page at once. */
export const singleFile = () => Boolean(globalThis.__SOFTMAX_WASM__);

/** The file of the whole lesson: index.html beside embed.html, or the
 * single file itself (whatever it was renamed to). */
export const lessonFile = () =>
  (singleFile() ? location.pathname.split("/").pop() || "softmax-lesson.html" : "index.html");

/** The file that shows one part alone (`?part=`). */
export const embedFile = () => (singleFile() ? lessonFile() : "embed.html");

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

/** The title of a part: its section's heading without the heading anchor,
 * or a figure's caption title (its first <strong>) without the full stop. */
export function titleOf(element) {
  if (element?.matches("figure")) {
    return element.querySelector("figcaption strong")?.textContent.trim().replace(/\.$/, "") ?? "";
  }
  const heading = element?.querySelector("h2")?.cloneNode(true);
  if (!heading) return "";
  for (const anchor of heading.querySelectorAll(".heading-anchor")) anchor.remove();
  return heading.textContent.trim();
}
