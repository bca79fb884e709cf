// The stability lab: wires the preset, logits, format and target controls
// to one StabilityView in Rust and lays out the three routes it returns.
// Every number and every mark comes from the core; this file builds DOM.
import { StabilityView } from "../pkg/softmax_lesson_extras.js";
import { showFieldError } from "./fields.js";
import { linkLab } from "./explorer.js";
import { $, el, fillSelect } from "./dom.js";

let view;
/** Puts the lab's settings in the page's link. */
let publish = () => {};

/** A value with its mark, if any, written in words beside it. */
function valueCell(tag, cell) {
  const node = el(tag);
  node.append(el("span", cell.text, { class: "v" }));
  if (cell.mark) {
    node.dataset.mark = cell.mark;
    if (cell.first) {
      node.dataset.first = "true";
      node.append(" ", el("strong", `first ${cell.words}`, { class: "tag" }));
    } else if (cell.mark !== "nan" && cell.mark !== "inf") {
      // A NaN or an infinity carried along already says so in its value.
      node.append(" ", el("span", cell.words, { class: "tag" }));
    }
  }
  return node;
}

function routeBlock(route, count) {
  // A group, not a region: the table's scroller below is the one landmark.
  const block = el("div", null, { class: "stab-route", role: "group", "data-route": route.id, "aria-labelledby": `stab-${route.id}-title` });
  block.append(el("h3", route.title, { id: `stab-${route.id}-title` }));
  block.append(el("p", route.summary, { class: "route-summary" }));
  const columns = route.stages.filter((s) => !s.scalar);
  const scroller = el("div", null, { class: "scroll-x stab-scroll", tabindex: "0", role: "region", "aria-label": `${route.title}: table of every step` });
  const table = el("table", null, { class: "numbers stab-table" });
  table.append(el("caption", `${route.title}: one row per logit`, { class: "visually-hidden" }));
  const head = el("tr");
  head.append(el("th", "i", { scope: "col" }));
  for (const s of columns) head.append(el("th", s.name, { scope: "col" }));
  table.append(el("thead"));
  table.tHead.append(head);
  const body = el("tbody");
  for (let i = 0; i < count; i++) {
    const tr = el("tr");
    tr.append(el("th", String(i + 1), { scope: "row" }));
    for (const s of columns) {
      const td = valueCell("td", s.cells[i]);
      td.dataset.stage = s.name;
      tr.append(td);
    }
    body.append(tr);
  }
  table.append(body);
  scroller.append(table);
  block.append(scroller);
  const list = el("dl", null, { class: "stab-scalars" });
  for (const s of route.stages.filter((s) => s.scalar)) {
    list.append(el("dt", s.name));
    const dd = valueCell("dd", s.cells[0]);
    dd.dataset.stage = s.name;
    list.append(dd);
  }
  block.append(list);
  return block;
}

function showError(message, typing = false) {
  showFieldError($("stab-logits"), message, undefined, { typing });
  if (message) $("stab-logits-read").textContent = "";
}

function syncControls({ logits = true } = {}) {
  if (logits) {
    $("stab-logits").value = view.logitsText();
    showError("");
  }
  $("stab-format").value = view.formatName();
  const count = view.count();
  const target = $("stab-target");
  if (target.options.length !== count) {
    fillSelect(target, Array.from({ length: count }, (_, i) => `class ${i + 1}`), Array.from({ length: count }, (_, i) => i));
  }
  target.value = String(view.target());
}

function render(options) {
  syncControls(options);
  const report = view.report();
  const count = view.count();
  $("stab-routes").replaceChildren(...report.routes.map((r) => routeBlock(r, count)));
  $("stab-logits-read").textContent = view.readSentence();
  $("stab-limits").textContent = report.limits;
  $("stab-loss").textContent = report.loss;
  const preset = view.presetIndex();
  $("stab-preset").value = preset < 0 ? "own" : String(preset);
  publish();
}

export function mount() {
  view = new StabilityView();
  publish = linkLab("stab", "lab-stability", view);
  fillSelect($("stab-preset"), view.presetLabels(), view.presetLabels().map((_, i) => i));
  // Shown (not offered) once the logits, format or target are one's own.
  $("stab-preset").append(el("option", "your own numbers", { value: "own", hidden: "", disabled: "" }));
  fillSelect($("stab-format"), view.formatNames());
  $("stab-preset").addEventListener("change", (event) => {
    view.loadPreset(Number(event.target.value));
    render();
  });
  const logits = $("stab-logits");
  logits.addEventListener("input", () => {
    try {
      view.setLogits(logits.value);
      showError("");
      render({ logits: false });
    } catch (error) {
      showError(error.message, true);
    }
  });
  $("stab-format").addEventListener("change", (event) => {
    try {
      view.setFormat(event.target.value);
      render({ logits: false });
    } catch (error) {
      showError(error.message);
    }
  });
  $("stab-target").addEventListener("change", (event) => {
    try {
      view.setTarget(Number(event.target.value));
      render({ logits: false });
    } catch (error) {
      showError(error.message);
    }
  });
  $("stab-controls").addEventListener("submit", (event) => event.preventDefault());
  render();
}
