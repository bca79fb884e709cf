// "Embed" controls on the lesson's page: next to each part that embed.html
// can show alone (see parts.js), a button that copies an iframe snippet
// for a course page, with the explorer's current state in its link for
// the parts that show it. When the clipboard is not available the snippet
// is shown, selected, to copy by hand.
import { PARTS, titleOf } from "./parts.js";
import { stateFragment } from "./explorer.js";
import { copyOrShow } from "./fields.js";

/** Room the embed page adds around a part (its padding), in CSS px. */
const FRAME_PADDING = 32;

const escapeAttribute = (text) =>
  text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The iframe snippet for `part`, as tall as its section is now. */
export function snippet(part, section) {
  const fragment = part.state ? stateFragment() ?? "" : "";
  const src = new URL(`embed.html?part=${part.name}${fragment}`, location.href).href;
  const height = Math.ceil((section.getBoundingClientRect().height + FRAME_PADDING) / 10) * 10;
  const title = `${titleOf(section)} — softmax lesson`;
  return `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" width="100%" height="${height}" loading="lazy" style="border:0"></iframe>`;
}

function control(part, section) {
  const box = document.createElement("div");
  box.className = "export embed-export";
  const title = titleOf(section);
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "Embed";
  button.setAttribute("aria-label", `Embed “${title}” in another page: copy its iframe code`);
  const status = document.createElement("p");
  status.className = "muted small embed-status";
  status.setAttribute("role", "status");
  const text = document.createElement("textarea");
  text.className = "embed-code";
  text.readOnly = true;
  text.rows = 3;
  text.hidden = true;
  text.setAttribute("aria-label", `Iframe code to embed “${title}”`);
  button.addEventListener("click", () =>
    copyOrShow(snippet(part, section), text, status, {
      copied: "Embed code copied: paste it into the HTML of your course page.",
      manual: "Copy this embed code (it is selected):",
    }),
  );
  box.append(button, status, text);
  return box;
}

/** Put an Embed control at the end of every embeddable part. The single
 * file (its wasm inlined) has no embed page beside it, so it offers none. */
export function mount() {
  if (globalThis.__SOFTMAX_WASM__) return;
  for (const part of PARTS) {
    const section = document.getElementById(part.name);
    if (section && !section.querySelector(":scope > .embed-export")) section.append(control(part, section));
  }
}
