// The explorer: wires the logit and temperature fields, the simplex canvas
// and the curves canvas to one ExplorerView that lives in Rust. This file
// only moves text and events; every number comes from the core.
import { ExplorerView } from "../pkg/softmax_lesson.js";
import { fitCanvas, pointerPosition } from "./canvas.js";
import * as theme from "./theme.js";

let view;
const $ = (id) => document.getElementById(id);

function showError(field, message) {
  const box = $(`${field.id}-error`);
  if (message) {
    field.setAttribute("aria-invalid", "true");
    box.textContent = message;
  } else {
    field.removeAttribute("aria-invalid");
    box.textContent = "";
  }
}

function logitFields() {
  return [1, 2, 3].map((k) => $(`logit-${k}`));
}

/** Put the state's text into the fields, except the one being typed in. */
function syncFields(except) {
  const texts = view.logitTexts();
  logitFields().forEach((field, i) => {
    if (field !== except) {
      field.value = texts[i];
      showError(field, "");
    }
  });
  const t = $("temperature");
  if (t !== except) {
    t.value = view.temperatureText();
    showError(t, "");
  }
}

function drawViews() {
  const ratio = fitCanvas($("simplex-canvas"));
  fitCanvas($("curves-canvas"));
  view.setLook(theme.current(), ratio);
  view.drawSimplex($("simplex-canvas"));
  view.drawCurves($("curves-canvas"));
}

function showReadout() {
  const r = view.readout();
  const rows = $("readout-rows");
  rows.replaceChildren(
    ...r.probabilities.map((p, i) => {
      const tr = document.createElement("tr");
      const cells = [`class ${i + 1}`, p, r.logProbabilities[i]];
      cells.forEach((text, c) => {
        const cell = document.createElement(c === 0 ? "th" : "td");
        if (c === 0) cell.scope = "row";
        cell.textContent = text;
        if (c === 1) cell.dataset.probability = String(i + 1);
        tr.append(cell);
      });
      return tr;
    }),
  );
  $("lse-out").textContent = r.logSumExp;
  $("lse-bounds").textContent = r.logSumExpBounds;
  $("beta-out").textContent = r.beta;
  $("simplex-text").textContent = `Current point: ${r.spoken}.`;
}

/** Redraw everything and record the state in the URL. */
function render({ except = null, push = false } = {}) {
  syncFields(except);
  drawViews();
  showReadout();
  const hash = `#${view.fragment()}`;
  if (hash !== location.hash) {
    if (push) history.pushState(null, "", hash);
    else history.replaceState(null, "", hash);
  }
}

function loadFromUrl() {
  const box = $("explorer-link-error");
  if (!location.hash || location.hash === "#") {
    box.hidden = true;
    return;
  }
  try {
    view.loadFragment(location.hash);
    box.hidden = true;
  } catch (error) {
    box.textContent = `This link could not be opened: ${error.message} The last good state is shown.`;
    box.hidden = false;
  }
}

function wireFields() {
  logitFields().forEach((field, i) => {
    field.addEventListener("input", () => {
      try {
        view.setLogit(i, field.value);
        showError(field, "");
        render({ except: field });
      } catch (error) {
        showError(field, error.message);
      }
    });
    field.addEventListener("change", () => {
      if (!field.hasAttribute("aria-invalid")) render({ push: true });
    });
  });
  const t = $("temperature");
  t.addEventListener("input", () => {
    try {
      view.setTemperature(t.value);
      showError(t, "");
      render({ except: t });
    } catch (error) {
      showError(t, error.message);
    }
  });
  t.addEventListener("change", () => {
    if (!t.hasAttribute("aria-invalid")) render({ push: true });
  });
  $("explorer-controls").addEventListener("submit", (event) => event.preventDefault());
}

function wireSimplex() {
  const canvas = $("simplex-canvas");
  let dragging = false;
  const moveTo = (event) => {
    const [x, y] = pointerPosition(canvas, event);
    view.dragSimplex(x, y);
    render();
  };
  canvas.addEventListener("pointerdown", (event) => {
    dragging = true;
    canvas.setPointerCapture(event.pointerId);
    canvas.focus({ preventScroll: true });
    moveTo(event);
    event.preventDefault();
  });
  canvas.addEventListener("pointermove", (event) => {
    if (dragging) moveTo(event);
  });
  const stop = (event) => {
    if (!dragging) return;
    dragging = false;
    if (canvas.hasPointerCapture(event.pointerId)) canvas.releasePointerCapture(event.pointerId);
    render({ push: true });
  };
  canvas.addEventListener("pointerup", stop);
  canvas.addEventListener("pointercancel", stop);
  canvas.addEventListener("keydown", (event) => {
    if (view.simplexKey(event.key, event.shiftKey)) {
      event.preventDefault();
      render({ push: true });
    }
  });
}

export function mount() {
  view = new ExplorerView();
  loadFromUrl();
  wireFields();
  wireSimplex();
  window.addEventListener("hashchange", () => {
    loadFromUrl();
    render();
  });
  window.addEventListener("popstate", () => {
    loadFromUrl();
    render();
  });
  new ResizeObserver(() => drawViews()).observe($("simplex-canvas"));
  theme.onChange(() => drawViews());
  render();
}
