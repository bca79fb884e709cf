// The lesson's live parts: the worked examples (step by step, with the
// matching table cells outlined and bar marked), the "try your own numbers"
// box, the diagrams beside the text, and the live Jacobian table. Every
// number and sentence comes from the core (WorkedView, LessonDiagrams);
// this file only wires events and moves text into the DOM.
import { LessonDiagrams, WorkedView } from "../pkg/softmax_lesson.js";
import { fitCanvas, onResize } from "./canvas.js";
import { showFieldError } from "./fields.js";
import * as theme from "./theme.js";
import { $ } from "./dom.js";

const redrawers = [];
let showPathAt = null;

/** Append text pieces ([["text"|"sub"|"sup", string], ...]) to `parent`. */
function appendPieces(parent, pieces) {
  for (const [kind, text] of pieces) {
    if (kind === "text") {
      parent.append(text);
    } else {
      const el = document.createElement(kind);
      el.textContent = text;
      parent.append(el);
    }
  }
}

function cell(tag, text, key) {
  const el = document.createElement(tag);
  if (typeof text === "string") el.textContent = text;
  else appendPieces(el, text);
  if (key) el.dataset.cell = key;
  return el;
}

/** One worked example: a WorkedView drawn into its figure. */
class WorkedFigure {
  constructor(figure) {
    this.figure = figure;
    this.part = (name) => figure.querySelector(`[data-part="${name}"]`);
    this.index = 0;
    this.view = null;
    for (const button of figure.querySelectorAll("[data-step]")) {
      button.addEventListener("click", () => this.go(button.dataset.step));
    }
  }

  /** Show `view` (a WorkedView) from its first step. */
  show(view) {
    this.view?.free();
    this.view = view;
    this.renderTable();
    this.renderSteps();
    this.select(0);
  }

  renderTable() {
    const columns = this.view.table();
    const table = this.part("table");
    const caption = table.querySelector("caption");
    const head = document.createElement("thead");
    const headRow = document.createElement("tr");
    const corner = cell("th", "class");
    corner.scope = "col";
    headRow.append(corner);
    for (const c of columns) {
      const th = cell("th", c.heading);
      th.scope = "col";
      headRow.append(th);
    }
    head.append(headRow);
    const body = document.createElement("tbody");
    columns[0].cells.forEach((_, i) => {
      const tr = document.createElement("tr");
      const th = cell("th", `class ${i + 1}`);
      th.scope = "row";
      tr.append(th);
      for (const c of columns) tr.append(cell("td", c.cells[i], `${c.key}-${i + 1}`));
      body.append(tr);
    });
    const foot = document.createElement("tfoot");
    const sumRow = document.createElement("tr");
    const sumHead = cell("th", "sum");
    sumHead.scope = "row";
    sumRow.append(sumHead);
    for (const c of columns) {
      sumRow.append(c.total === null ? cell("td", "") : cell("td", c.total, `${c.key}-sum`));
    }
    foot.append(sumRow);
    table.replaceChildren(caption, head, body, foot);
  }

  renderSteps() {
    const list = this.part("steps");
    this.steps = this.view.steps();
    list.replaceChildren(
      ...this.steps.map((step, i) => {
        const li = document.createElement("li");
        appendPieces(li, step.pieces);
        li.addEventListener("click", () => this.select(i));
        return li;
      }),
    );
  }

  go(where) {
    const last = this.steps.length - 1;
    const next = { first: 0, prev: this.index - 1, next: this.index + 1, last }[where];
    this.select(Math.min(Math.max(next, 0), last));
  }

  select(i) {
    this.index = i;
    const items = this.part("steps").children;
    Array.from(items).forEach((li, k) => {
      if (k === i) li.setAttribute("aria-current", "step");
      else li.removeAttribute("aria-current");
    });
    const lit = new Set(this.steps[i].cells);
    for (const td of this.part("table").querySelectorAll("[data-cell]")) {
      td.classList.toggle("lit", lit.has(td.dataset.cell));
    }
    this.part("counter").textContent = `Step ${i + 1} of ${this.steps.length}: ${this.steps[i].spoken}`;
    const first = i === 0;
    const final = i === this.steps.length - 1;
    this.figure.querySelector('[data-step="first"]').disabled = first;
    this.figure.querySelector('[data-step="prev"]').disabled = first;
    this.figure.querySelector('[data-step="next"]').disabled = final;
    this.figure.querySelector('[data-step="last"]').disabled = final;
    this.draw();
  }

  draw() {
    if (!this.view) return;
    const canvas = this.part("canvas");
    this.view.setLook(theme.look(), fitCanvas(canvas));
    this.part("chart-text").textContent = this.view.drawStep(canvas, this.index);
  }
}


function mountOwn(figure) {
  const worked = new WorkedFigure(figure);
  const logits = $("own-logits");
  const temperature = $("own-temperature");
  const update = () => {
    try {
      worked.show(WorkedView.own(logits.value, temperature.value));
      showFieldError(logits, "");
      showFieldError(temperature, "");
    } catch (error) {
      // Say which field is wrong; the last good example stays on screen.
      const message = error.message;
      const field = message.startsWith("Temperature:") ? temperature : logits;
      showFieldError(field, message, undefined, { typing: true });
      showFieldError(field === logits ? temperature : logits, "");
    }
  };
  logits.addEventListener("input", update);
  temperature.addEventListener("input", update);
  $("own-form").addEventListener("submit", (event) => event.preventDefault());
  update();
  return worked;
}

function mountWorked() {
  for (const figure of document.querySelectorAll("figure.worked[data-worked]")) {
    const name = figure.dataset.worked;
    const worked = name === "own" ? mountOwn(figure) : new WorkedFigure(figure);
    if (name !== "own") worked.show(new WorkedView(name));
    for (const radio of figure.querySelectorAll('input[type="radio"]')) {
      radio.addEventListener("change", () => {
        if (!radio.checked) return;
        worked.show(new WorkedView(radio.value));
        // Share the temperature with the path diagram: exactly, not rounded
        // to the nearest slider step.
        showPathAt?.(radio.dataset.t);
      });
    }
    redrawers.push(() => worked.draw());
    const chosen = figure.querySelector('input[type="radio"]:checked');
    if (chosen) showPathAt?.(chosen.dataset.t);
  }
}

/** A diagram: sliders whose values are shown as text, and a draw call. */
function mountDiagram(diagrams, { canvas, text, sliders, draw }) {
  const canvasEl = $(canvas);
  if (!canvasEl) return;
  const redraw = () => {
    for (const [id, format] of sliders) {
      const input = $(id);
      const shown = format(Number(input.value));
      $(`${id}-out`).textContent = shown;
      input.setAttribute("aria-valuetext", shown);
    }
    diagrams.setLook(theme.look(), fitCanvas(canvasEl));
    const values = sliders.map(([id]) => Number($(id).value));
    $(text).textContent = draw(canvasEl, ...values);
  };
  for (const [id] of sliders) $(id).addEventListener("input", redraw);
  redrawers.push(redraw);
  redraw();
}

function mountDiagrams() {
  const diagrams = new LessonDiagrams();
  const logScale = (k) => LessonDiagrams.sliderText(k);
  const plain = (v) => LessonDiagrams.numberText(v);
  mountDiagram(diagrams, {
    canvas: "two-class-canvas",
    text: "two-class-text",
    sliders: [["two-class-t", logScale], ["two-class-d", plain]],
    draw: (c, k, d) => diagrams.drawTwoClass(c, k, d),
  });
  mountDiagram(diagrams, {
    canvas: "shift-scale-canvas",
    text: "shift-scale-text",
    sliders: [["shift-c", plain], ["scale-a", logScale]],
    draw: (c, shift, k) => {
      $("shift-scale-open").href = `#${LessonDiagrams.scaledFragment(k)}`;
      return diagrams.drawShiftScale(c, shift, k);
    },
  });
  // The path diagram draws at the slider's temperature, or at an exact
  // temperature chosen in worked example 3 until the slider moves again.
  let exact = null;
  mountDiagram(diagrams, {
    canvas: "path-canvas",
    text: "path-text",
    sliders: [["path-t", (k) => exact ?? logScale(k)]],
    draw: (c, k) => (exact === null
      ? diagrams.drawTemperaturePathAt(c, k)
      : diagrams.drawTemperaturePath(c, Number(exact))),
  });
  const slider = $("path-t");
  if (slider) {
    slider.addEventListener("input", () => { exact = null; }, { capture: true });
    showPathAt = (t) => {
      exact = t;
      slider.value = String(LessonDiagrams.sliderFor(Number(t)));
      for (const redraw of redrawers) redraw();
    };
  }
  $("shift-scale-open")?.addEventListener("click", () => {
    // The hash change loads the state into the explorer; then show it.
    requestAnimationFrame(() => $("explorer")?.scrollIntoView());
  });
}


/** Mount the diagrams, the worked examples and the Jacobian table, each in
 * its own task (together they take longer than a frame). */
export async function mount() {
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
  mountDiagrams();
  await nextTask();
  mountWorked();
  await nextTask();
  let pending = false;
  const redrawAll = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      for (const redraw of redrawers) redraw();
    });
  };
  // A diagram shown alone (embed.js) has left its section.
  const canvases = new Set(document.querySelectorAll("section.lesson canvas, figure.diagram canvas"));
  onResize((canvas) => {
    if (canvases.has(canvas)) redrawAll();
  });
  theme.onChange(redrawAll);
  window.addEventListener("beforeprint", () => {
    for (const redraw of redrawers) redraw();
  });
}
