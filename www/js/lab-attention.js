// The masking and attention lab: wires the mask toggles, padded positions,
// fill and precision menus, the d slider and the top-k/top-p fields to one
// AttentionView in Rust, which draws the two heatmaps and writes every
// number. Each heatmap is a focusable canvas whose arrow keys move a cursor
// cell; the cell is described in a live region.
import { AttentionView } from "../pkg/softmax_lesson_extras.js";
import { fitCanvas, onResize, pointerPosition } from "./canvas.js";
import { showFieldError } from "./fields.js";
import * as theme from "./theme.js";
import { linkLab } from "./explorer.js";
import { $, el, fillSelect } from "./dom.js";

let view;
/** Puts the lab's settings in the page's link. */
let publish = () => {};
const MAPS = [
  { canvas: "attn-scores", text: "attn-scores-cell" },
  { canvas: "attn-weights", text: "attn-weights-cell" },
];


function drawMaps() {
  let ratio = 1;
  for (const map of MAPS) ratio = fitCanvas($(map.canvas));
  view.setLook(theme.look(), ratio);
  MAPS.forEach((map, which) => {
    view.draw(which, $(map.canvas));
  });
}

function describeCursors() {
  MAPS.forEach((map, which) => {
    $(map.text).textContent = view.cursorText(which);
  });
}

function table(headId, bodyId, header, rows) {
  const head = el("tr");
  header.forEach((h) => head.append(el("th", h, { scope: "col" })));
  $(headId).replaceChildren(head);
  $(bodyId).replaceChildren(
    ...rows.map(([label, cells, attrs = {}]) => {
      const tr = el("tr", null, attrs);
      tr.append(el("th", label, { scope: "row" }));
      for (const c of cells) tr.append(el("td", c));
      return tr;
    }),
  );
}

function syncControls({ except = null } = {}) {
  const c = view.controls();
  $("attn-causal").checked = c.causal;
  $("attn-padding").checked = c.padding;
  c.padded.forEach((on, j) => {
    $(`attn-pad-${j}`).checked = on;
  });
  $("attn-fill").value = c.fill;
  $("attn-precision").value = c.precision;
  $("attn-d").value = c.d;
  $("attn-scaled").checked = c.scaled;
  $("attn-row").value = String(c.row);
  for (const [id, value] of [["attn-k", c.k], ["attn-p", c.p]]) {
    const field = $(id);
    if (field !== except) {
      field.value = value;
      showFieldError(field, "");
    }
  }
}

function render(options) {
  syncControls(options);
  drawMaps();
  describeCursors();
  const r = view.readout();
  const tokens = view.tokens();
  $("attn-d-out").textContent = r.dValue;
  $("attn-d").setAttribute("aria-valuetext", `d = ${r.dValue}`);
  $("attn-spread").textContent = r.spread;
  $("attn-scaled-note").textContent = r.scaledNote;
  $("attn-fill-text").textContent = r.fill;
  $("attn-full-status").textContent = r.fullyMasked;
  $("attn-make-full").hidden = r.hasFullyMasked;
  table("attn-full-head", "attn-full-body", ["computed by", ...tokens], [
    ["naive code, true −∞", r.naiveRow, { "data-row": "naive" }],
    ["this lesson's core, true −∞", r.oursRow, { "data-row": "ours" }],
    [r.fillRowLabel, r.fillRow, { "data-row": "fill" }],
  ]);
  $("attn-trunc-text").textContent = r.truncation;
  table("attn-trunc-head", "attn-trunc-body", ["row", ...tokens], [
    ["score after the mask", r.rowScores],
    ["weight", r.rowWeights],
    ["top-k", r.keepK, { "data-row": "keep-k" }],
    ["weight after top-k", r.weightsK, { "data-row": "weights-k" }],
    ["top-p", r.keepP, { "data-row": "keep-p" }],
    ["weight after top-p", r.weightsP, { "data-row": "weights-p" }],
  ]);
  publish();
}

function wireMaps() {
  MAPS.forEach((map, which) => {
    const canvas = $(map.canvas);
    const point = (event) => {
      const [x, y] = pointerPosition(canvas, event);
      if (view.pointAt(which, x, y)) {
        drawMaps();
        describeCursors();
      }
    };
    canvas.addEventListener("pointerdown", (event) => {
      canvas.focus({ preventScroll: true });
      point(event);
    });
    canvas.addEventListener("pointermove", (event) => {
      if (event.pointerType === "mouse" || event.buttons) point(event);
    });
    canvas.addEventListener("keydown", (event) => {
      if (view.key(which, event.key)) {
        event.preventDefault();
        drawMaps();
        describeCursors();
      }
    });
  });
}

function wireField(id, setter) {
  const field = $(id);
  field.addEventListener("input", () => {
    try {
      setter(field.value);
      showFieldError(field, "");
      render({ except: field });
    } catch (error) {
      showFieldError(field, error.message, undefined, { typing: true });
    }
  });
}

export function mount() {
  view = new AttentionView();
  publish = linkLab("attn", "lab-attention", view);
  const tokens = view.tokens();
  const padded = $("attn-padded");
  padded.replaceChildren(
    ...tokens.map((token, j) => {
      const box = el("div", null, { class: "check" });
      const input = el("input", null, { type: "checkbox", id: `attn-pad-${j}` });
      input.addEventListener("change", () => {
        view.setPadded(j, input.checked);
        render();
      });
      box.append(input, el("label", `${j + 1} “${token}”`, { for: `attn-pad-${j}` }));
      return box;
    }),
  );
  fillSelect($("attn-fill"), view.fillLabels(), view.fillIds());
  fillSelect($("attn-precision"), view.precisions());
  fillSelect($("attn-row"), tokens.map((t, i) => `${i + 1} “${t}”`), tokens.map((_, i) => i));
  const [dMin, dMax] = view.dRange();
  $("attn-d").min = String(dMin);
  $("attn-d").max = String(dMax);
  $("attn-causal").addEventListener("change", (e) => { view.setCausal(e.target.checked); render(); });
  $("attn-padding").addEventListener("change", (e) => { view.setPadding(e.target.checked); render(); });
  $("attn-scaled").addEventListener("change", (e) => { view.setScaled(e.target.checked); render(); });
  $("attn-fill").addEventListener("change", (e) => { view.setFill(e.target.value); render(); });
  $("attn-precision").addEventListener("change", (e) => { view.setPrecision(e.target.value); render(); });
  $("attn-row").addEventListener("change", (e) => { view.setRow(Number(e.target.value)); render(); });
  $("attn-d").addEventListener("input", (e) => { view.setD(e.target.value); render(); });
  $("attn-reseed").addEventListener("click", () => { view.reseed(); render(); });
  $("attn-make-full").addEventListener("click", () => {
    view.setCausal(true);
    view.setPadding(true);
    view.setPadded(0, true);
    render();
    // The button hides itself now; keep the keyboard user next to the result.
    $("attn-full-status").focus();
  });
  wireField("attn-k", (v) => view.setK(v));
  wireField("attn-p", (v) => view.setP(v));
  for (const id of ["attn-controls", "attn-trunc-controls"]) {
    $(id).addEventListener("submit", (event) => event.preventDefault());
  }
  wireMaps();
  onResize((canvas) => {
    if (MAPS.some((map) => map.canvas === canvas.id)) drawMaps();
  });
  theme.onChange(() => drawMaps());
  render();
}
