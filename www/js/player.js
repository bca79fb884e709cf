// The guided player: runs requestAnimationFrame, hands the clock to the
// PlayerView in Rust, and moves its read-outs into the page. The time, the
// frame, the drawing and what each key does are all decided in Rust.
import { PlayerView } from "../pkg/softmax_lesson_extras.js";
import { fitCanvas, fitCanvasTo, onResize } from "./canvas.js";
import { showFieldError } from "./fields.js";
import * as theme from "./theme.js";
import { $ } from "./dom.js";

let view;
let running = false;
let lastScene = -1;
let lastMarks = "";
const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
/** The drawing's width on paper, in CSS pixels: about one printed column,
 * so it is laid out for that width (panels stacked, labels apart) rather
 * than drawn for a wide screen and shrunk. */
const PRINT_WIDTH = 340;

/** Give the stage the height Rust asks for at its width and zoom (the
 * zoom makes the drawing taller, never wider, so nothing is cut off), size
 * the canvas to its box and redraw. Runs only when the box, zoom or theme
 * changes, so playback never forces a layout. */
function resize() {
  const canvas = $("player-canvas");
  const width = canvas.clientWidth;
  const height = `${view.stageHeight(width)}px`;
  if (canvas.style.height !== height) canvas.style.height = height;
  $("player-zoom-note").textContent = view.zoomNote(width);
  view.setLook(theme.look(), fitCanvas(canvas));
  draw();
}

function draw() {
  // Where the simplex was drawn, in CSS pixels from the canvas's corner
  // (for tests and for keeping it in view).
  const [x, y, w, h] = view.draw($("player-canvas"));
  $("player-canvas").dataset.simplex = [x, y, w, h].map(Math.round).join(" ");
}

/** Move the player's state into the page. */
function show() {
  // Draw before touching the DOM, so nothing forces a layout mid-frame.
  draw();
  const r = view.readout();
  $("player-time").textContent = r.time;
  $("player-total").textContent = r.total;
  const scrubber = $("player-scrubber");
  scrubber.value = String(view.timeMs());
  scrubber.setAttribute("aria-valuetext", `${r.time}, scene ${r.scene + 1} of ${r.sceneCount}: ${r.sceneName}`);
  $("player-play-text").textContent = r.playing ? "Pause" : "Play";
  $("player-play-icon").textContent = r.playing ? "||" : "▶";
  $("player-twin").textContent = r.spoken;
  if (r.marks !== lastMarks) {
    lastMarks = r.marks;
    const shown = new Set(r.marks.split(" "));
    for (const item of $("player-legend").children) item.hidden = !shown.has(item.dataset.mark);
  }
  if (r.scene !== lastScene) {
    lastScene = r.scene;
    $("player-scene-number").textContent = `${r.scene + 1} of ${r.sceneCount}`;
    $("player-scale-note").textContent = r.scaleNote;
    for (const item of $("player-captions").children) {
      if (Number(item.dataset.scene) === r.scene) item.setAttribute("aria-current", "step");
      else item.removeAttribute("aria-current");
    }
    const caption = $("player-captions").children[r.scene];
    $("player-caption-live").textContent = caption ? `Scene ${r.scene + 1}: ${caption.textContent}` : "";
  }
  if (view.playing()) start();
}

function frame(now) {
  if (!view.playing()) {
    running = false;
    show();
    return;
  }
  if (view.tick(now)) show();
  requestAnimationFrame(frame);
}

function start() {
  if (running) return;
  running = true;
  view.tick(performance.now());
  requestAnimationFrame(frame);
}

function buildChoices() {
  const speed = $("player-speed");
  view.speedLabels().forEach((label, i) => {
    const id = `player-speed-${i}`;
    const input = document.createElement("input");
    input.type = "radio";
    input.name = "player-speed";
    input.id = id;
    input.value = String(i);
    input.checked = i === view.speed();
    input.addEventListener("change", () => {
      view.setSpeed(i);
      show();
    });
    const text = document.createElement("label");
    text.htmlFor = id;
    text.textContent = label;
    speed.append(input, text);
  });
  const zoom = $("player-zoom");
  view.zoomLabels().forEach((label, i) => {
    const option = document.createElement("option");
    option.value = String(i);
    option.textContent = label;
    option.selected = i === view.zoom();
    zoom.append(option);
  });
  zoom.addEventListener("change", () => {
    view.setZoom(Number(zoom.value));
    $("player-stage").dataset.zoom = zoom.value;
    // The stage may have moved (zoomed, the caption goes below it): size it
    // for its new box at once rather than a frame later.
    resize();
    show();
  });
}

function wire() {
  $("player-play").addEventListener("click", () => { view.togglePlay(); show(); });
  $("player-restart").addEventListener("click", () => { view.restart(); show(); });
  $("player-back").addEventListener("click", () => { view.stepBack(); show(); });
  $("player-forward").addEventListener("click", () => { view.stepForward(); show(); });
  const scrubber = $("player-scrubber");
  scrubber.max = String(view.durationMs());
  scrubber.step = "100";
  scrubber.addEventListener("input", () => {
    try {
      view.scrub(scrubber.value);
      showFieldError(scrubber, "");
    } catch (e) {
      showFieldError(scrubber, e.message);
    }
    show();
  });
  // Shortcuts on the drawing and on the player's own text; buttons, the
  // slider and the menus keep their usual keys.
  $("player").addEventListener("keydown", (event) => {
    if (event.target.closest("button, input, select, summary, a")) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (view.key(event.key)) {
      event.preventDefault();
      show();
    }
  });
  const followMotion = () => {
    view.setReducedMotion(reducedMotion.matches);
    show();
  };
  reducedMotion.addEventListener("change", followMotion);
  view.setReducedMotion(reducedMotion.matches);
}

export function mount() {
  view = new PlayerView();
  buildChoices();
  wire();
  onResize((canvas) => {
    if (canvas.id === "player-canvas") resize();
  });
  theme.onChange(() => resize());
  resize();
  show();
  // On paper a walk-through nobody started would be its empty first frame:
  // print its last one (every step done), and come back after printing.
  let printedFrom = null;
  window.addEventListener("beforeprint", () => {
    if (view.timeMs() === 0) {
      printedFrom = 0;
      view.key("End");
    }
    const canvas = $("player-canvas");
    const height = view.stageHeight(PRINT_WIDTH);
    canvas.style.width = `${PRINT_WIDTH}px`;
    canvas.style.height = `${height}px`;
    view.setLook(theme.look(), fitCanvasTo(canvas, PRINT_WIDTH, height));
    show();
  });
  window.addEventListener("afterprint", () => {
    $("player-canvas").style.width = "";
    if (printedFrom !== null) {
      view.scrub(String(printedFrom));
      printedFrom = null;
    }
    resize();
    show();
  });
}
