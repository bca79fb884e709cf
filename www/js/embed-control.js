// "Embed" controls on the lesson's page: at the end of each part that
// embed.html can show alone (see parts.js), a button that copies an iframe snippet
// for a course page, with the explorer's current state in its link for
// the parts that show it. When the clipboard is not available the snippet
// is shown, selected, to copy by hand.
import { PARTS, embedFile, singleFile, titleOf } from "./parts.js";
import { linkPart, stateFragment } from "./explorer.js";
import { copyOrShow } from "./fields.js";

/** Room the embed page adds around a part (its padding), in CSS px. */
const FRAME_PADDING = 32;

const escapeAttribute = (text) =>
  text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * The snippet for `part`: an iframe as tall as the part is now, and a
 * one-line script that keeps it as tall as its content at whatever width
 * the course page gives it (the embed page reports its height by
 * postMessage). A course site that strips scripts keeps the iframe, at the
 * first height. The single file's snippet names the file itself, to be put
 * beside the course page.
 */
export function snippet(part, section) {
  const settings = part.link ? linkPart(part.link) : "";
  const fragment = part.state ? stateFragment() ?? "" : settings ? `#${settings}` : "";
  const query = `?part=${part.name}${fragment}`;
  // The single file's snippet names the file alone, to sit beside the course page.
  const src = singleFile() ? `${embedFile()}${query}` : new URL(`${embedFile()}${query}`, location.href).href;
  const height = Math.ceil((section.getBoundingClientRect().height + FRAME_PADDING) / 10) * 10;
  const title = `${titleOf(section)} — softmax lesson`;
  const id = `softmax-lesson-${part.name}`;
  const fit = `addEventListener("message",function(e){var f=document.getElementById("${id}"),d=e.data;` +
    `if(f&&e.source===f.contentWindow&&d&&d.type==="softmax-lesson:height"&&d.height>0)f.style.height=d.height+"px"})`;
  return `<iframe id="${id}" src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" width="100%" height="${height}" loading="lazy" style="border:0"></iframe>\n<script>${fit}</script>`;
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
    copyOrShow(snippet(part, section), text, status, singleFile()
      ? {
        copied: "Embed code copied: paste it into the HTML of your course page, and put this file in the same folder.",
        manual: "Copy this embed code (it is selected), and put this file in the same folder as your course page:",
      }
      : {
        copied: "Embed code copied: paste it into the HTML of your course page.",
        manual: "Copy this embed code (it is selected):",
      }),
  );
  box.append(button, status, text);
  return box;
}

/** Put an Embed control at the end of every embeddable part. */
export function mount() {
  for (const part of PARTS) {
    const section = document.getElementById(part.name);
    if (section && !section.querySelector(":scope > .embed-export")) section.append(control(part, section));
  }
}
