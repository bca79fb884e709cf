// The calibration lab: wires the temperature slider and the Fit T button
// to a CalibrationView in Rust, and moves its numbers into the page. Every
// number, including the slider's read-out, is written by the core.
import { CalibrationView } from "../pkg/softmax_lesson_extras.js";
import { fitCanvas, onResize } from "./canvas.js";
import { showFieldError } from "./fields.js";
import * as theme from "./theme.js";
import { linkLab } from "./explorer.js";
import { $ } from "./dom.js";

let view;
/** Puts the lab's settings in the page's link. */
let publish = () => {};

function draw() {
  const ratio = fitCanvas($("cal-nll-canvas"));
  fitCanvas($("cal-reliability-canvas"));
  view.setLook(theme.look(), ratio);
  if (view.curveComplete()) view.drawNll($("cal-nll-canvas"));
  view.drawReliability($("cal-reliability-canvas"));
}

/** Fill the NLL curve a few samples per task (each sample is the NLL of the
 * whole validation set), then draw it. */
async function computeCurve() {
  while (!view.extendCurve(6)) await new Promise((resolve) => setTimeout(resolve, 0));
  draw();
}

function showBins(rows) {
  $("cal-bins").replaceChildren(
    ...rows.map((row) => {
      const tr = document.createElement("tr");
      row.forEach((text, c) => {
        const cell = document.createElement(c === 0 ? "th" : "td");
        if (c === 0) cell.scope = "row";
        cell.textContent = text;
        tr.append(cell);
      });
      return tr;
    }),
  );
}

/** Show the state: numbers, slider position and both charts. */
function show({ moveSlider = true } = {}) {
  const r = view.readout();
  $("cal-set").textContent = r.set;
  $("cal-true-t").textContent = r.trueTemperature;
  $("cal-t").textContent = r.temperature;
  $("cal-fitted").textContent = r.fitted;
  $("cal-nll-before").textContent = r.nllBefore;
  $("cal-nll-now").textContent = r.nllNow;
  $("cal-ece-before").textContent = r.eceBefore;
  $("cal-ece-now").textContent = r.eceNow;
  $("cal-acc-before").textContent = r.accuracy;
  $("cal-acc-now").textContent = r.accuracy;
  $("cal-live").textContent = r.spoken;
  const slider = $("cal-slider");
  if (moveSlider) slider.value = String(view.sliderPosition());
  slider.setAttribute("aria-valuetext", r.sliderText);
  showBins(r.bins);
  draw();
  publish();
}

/** Resolves once the lab is complete, its NLL curve drawn. */
export async function mount() {
  view = new CalibrationView();
  publish = linkLab("cal", "lab-calibration", view);
  const slider = $("cal-slider");
  slider.max = String(view.sliderSteps());
  slider.addEventListener("input", () => {
    try {
      view.setSlider(slider.value);
      showFieldError(slider, "");
      show({ moveSlider: false });
    } catch (e) {
      showFieldError(slider, e.message);
    }
  });
  $("cal-fit").addEventListener("click", () => {
    view.fit();
    show();
  });
  $("cal-reset").addEventListener("click", () => {
    view.reset();
    show();
  });
  onResize((canvas) => {
    if (canvas.id.startsWith("cal-")) draw();
  });
  theme.onChange(() => draw());
  show();
  await computeCurve();
}
