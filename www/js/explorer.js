// The explorer: wires fields, buttons and canvases to one ExplorerView that
// lives in Rust. This file moves text and events only; every number comes
// from the core, already formatted.
import { ExplorerView, checkNumber } from "../pkg/softmax_lesson.js";
import { fitCanvas, onResize, pointerPosition } from "./canvas.js";
import { wireExports } from "./export.js";
import { showFieldError } from "./fields.js";
import * as theme from "./theme.js";
import { $ } from "./dom.js";

let view;
/** In an embed the frame's entries would join the host page's history (its
 * Back button would undo drags), so the state only replaces the entry. */
let embedded = false;
/** The fragment the page was opened with, before the explorer rewrites it:
 * the labs read their settings from it when they mount. */
export const openingHash = location.hash;
/** How far from the simplex point (CSS px) a finger still grabs it. */
const TOUCH_REACH = 32;

/** The playground and the blocks of it that live in the lesson's sections. */
const parts = () => document.querySelectorAll("#explorer, .explorer-part");
const canvases = () => ["simplex-canvas", "bars-canvas", "curves-canvas", "jacobian-canvas"].map($);


/**
 * Run `change` (which may throw a core error whose message belongs beside
 * `field`), then update the page (see `update` for the options). Pass
 * `except` for the field being typed in, so its text is left as the person
 * typed it.
 */
function attempt(field, change, options = {}) {
  try {
    change();
    if (field) showFieldError(field, "");
    update(options);
    return true;
  } catch (error) {
    // A field being typed in (`except`) announces its message after a pause.
    if (field) showFieldError(field, error.message, undefined, { typing: options.except === field });
    return false;
  }
}

function logitFields() {
  return [...$("logit-fields").querySelectorAll("input")];
}

/** Build one labelled field per logit (n changes with the class count). */
function buildLogitFields() {
  const n = view.classes();
  if (logitFields().length === n) return;
  const fields = [];
  for (let k = 1; k <= n; k++) {
    const wrap = document.createElement("div");
    wrap.className = "field";
    wrap.dataset.class = String(k);
    const label = document.createElement("label");
    label.htmlFor = `logit-${k}`;
    const name = document.createElement("span");
    name.className = "visually-hidden";
    name.textContent = `logit ${k}`;
    const symbol = document.createElement("span");
    symbol.setAttribute("aria-hidden", "true");
    symbol.className = "class-mark";
    symbol.append("x", Object.assign(document.createElement("sub"), { textContent: String(k) }));
    label.append(symbol, name);
    const input = document.createElement("input");
    Object.assign(input, { id: `logit-${k}`, type: "text", inputMode: "decimal", autocomplete: "off", spellcheck: false });
    input.setAttribute("aria-describedby", `logit-${k}-error logit-hint`);
    const error = document.createElement("p");
    error.id = `logit-${k}-error`;
    error.className = "field-error";
    error.setAttribute("aria-live", "polite");
    input.addEventListener("input", () =>
      attempt(input, () => view.setLogit(k - 1, input.value), { except: input, owner: input }),
    );
    // Enter or leaving the field commits what was typed: one Back step.
    input.addEventListener("change", () => {
      if (!input.hasAttribute("aria-invalid")) update({ owner: input, end: true });
    });
    wrap.append(label, input, error);
    fields.push(wrap);
  }
  $("logit-fields").replaceChildren(...fields);
  for (const select of document.querySelectorAll(".class-select")) {
    select.replaceChildren(
      ...Array.from({ length: n }, (_, i) => new Option(`class ${i + 1}`, String(i))),
    );
  }
}

/** Put the state's text into the fields, except the one being typed in. */
function syncFields(except) {
  buildLogitFields();
  const texts = view.logitTexts();
  logitFields().forEach((field, i) => {
    if (field !== except) {
      field.value = texts[i];
      showFieldError(field, "");
    }
  });
  const t = $("temperature");
  if (t !== except) {
    t.value = view.temperatureText();
    showFieldError(t, "");
  }
  const slider = $("temperature-slider");
  if (slider !== except) slider.value = view.sliderPosition();
  // The slider moves on a log scale; what it announces is T itself.
  slider.setAttribute("aria-valuetext", view.sliderValueText());
  const nudge = $("nudge-size");
  if (nudge !== except) {
    nudge.value = view.nudgeText();
    showFieldError(nudge, "");
  }
  const [target, i, k, nudged] = view.choices();
  $("target-class").value = String(target);
  $("ratio-i").value = String(i);
  $("ratio-k").value = String(k);
  $("nudge-class").value = String(nudged);
  $("class-count").value = String(view.classes());
  $("contours").checked = view.contoursShown();
}

const VIEWS = { "simplex-canvas": "simplex", "bars-canvas": "bars", "curves-canvas": "curves", "jacobian-canvas": "jacobian" };
// Canvases on screen are drawn on every update; the others are marked and
// drawn when they scroll into view (or before a download).
const onScreen = new Set();
const stale = new Set();

function drawOne(canvas, ratio) {
  view.setLook(theme.look(), ratio);
  view.drawView(VIEWS[canvas.id], canvas);
  stale.delete(canvas);
}

/** Whether `canvas` is on screen, measured directly (used at start-up,
 * before the IntersectionObserver has reported). */
function onScreenNow(canvas) {
  const rect = canvas.getBoundingClientRect();
  return rect.bottom > 0 && rect.top < window.innerHeight;
}

function drawViews({ all = false, measure = false } = {}) {
  const three = view.classes() === 3;
  $("simplex-canvas").hidden = !three;
  $("simplex-unavailable").hidden = three;
  for (const canvas of canvases()) {
    if (canvas.hidden) continue;
    if (all || onScreen.has(canvas) || (measure && onScreenNow(canvas))) drawOne(canvas, fitCanvas(canvas));
    else stale.add(canvas);
  }
}

/** Bring every view that is out of date but not on screen up to date
 * (those in a part of the page not laid out yet wait until it is). */
function drawStale() {
  for (const canvas of stale) {
    if (!canvas.hidden && canvas.getClientRects().length > 0) drawOne(canvas, fitCanvas(canvas));
  }
}

/** Called once the whole lesson has been revealed: draw the views that
 * live in its sections, so that they are ready before they are scrolled
 * to or printed. */
export function drawBelowTheFold() {
  drawStale();
}

function watchCanvases() {
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        onScreen.add(entry.target);
        if (stale.has(entry.target) && !entry.target.hidden) drawOne(entry.target, fitCanvas(entry.target));
      } else {
        onScreen.delete(entry.target);
      }
    }
  });
  for (const canvas of canvases()) observer.observe(canvas);
  // A download takes the canvas as it is: bring it up to date first.
  for (const part of parts()) {
    part.addEventListener("click", (event) => {
      if (event.target.closest(".export")) drawViews({ all: true });
    }, true);
  }
}

function cell(tag, text, attrs = {}) {
  const element = document.createElement(tag);
  element.textContent = text;
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value);
  return element;
}

/** Give `tbody` exactly `rows` rows of `columns` cells (the first a row
 * header), rebuilding only when the shape changes; returns the rows. */
function shapeTable(tbody, rows, columns, decorate = () => {}) {
  const current = tbody.rows;
  if (current.length !== rows || current[0]?.cells.length !== columns) {
    const fresh = [];
    for (let i = 0; i < rows; i++) {
      const tr = document.createElement("tr");
      tr.append(cell("th", "", { scope: "row" }));
      for (let c = 1; c < columns; c++) tr.append(document.createElement("td"));
      decorate(tr, i);
      fresh.push(tr);
    }
    tbody.replaceChildren(...fresh);
  }
  return [...tbody.rows];
}

function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

/** Fill the read-outs. With `parts` false (during a drag) only the
 * playground's own are filled: the blocks in the lesson's sections are off
 * screen, and changing their text would make every pointer move lay out
 * the page again; they catch up when the drag ends. */
function showReadout({ parts = true } = {}) {
  const r = view.readout();
  const n = r.probabilities.length;
  const classRow = (tr, i) => tr.cells[0].setAttribute("data-class", String(i + 1));
  shapeTable($("readout-rows"), n, 2, (tr, i) => {
    classRow(tr, i);
    tr.cells[1].setAttribute("data-probability", String(i + 1));
  }).forEach((tr, i) => {
    setText(tr.cells[0], `class ${i + 1}`);
    setText(tr.cells[1], r.probabilities[i]);
  });
  setText($("simplex-text"), `Current point: ${r.point}.`);
  setText($("beta-out"), r.beta);
  if (!parts) return;
  shapeTable($("logp-rows"), n, 2, classRow).forEach((tr, i) => {
    setText(tr.cells[0], `class ${i + 1}`);
    setText(tr.cells[1], r.logProbabilities[i]);
  });
  // The sections further down show this state next to their own read-outs.
  const echo = `Playground now: x = (${view.logitTexts().join(", ")}), T = ${view.temperatureText()}, so p = (${r.probabilities.join(", ")}).`;
  for (const line of document.querySelectorAll("[data-echo]")) setText(line, echo);
  setText($("lse-out"), r.logSumExp);
  setText($("lse-bounds"), r.logSumExpBounds);
  setText($("entropy-out"), r.entropy);
  setText($("entropy-bounds"), r.entropyBounds);
  setText($("cross-entropy-out"), r.crossEntropy);
  setText($("ratio-out"), r.ratio);
  setText($("nudged-out"), `(${r.nudged.join(", ")})`);
  if ($("jacobian-head").rows[0]?.cells.length !== n + 2) {
    const head = document.createElement("tr");
    head.append(cell("th", "row", { scope: "col" }));
    for (let k = 1; k <= n; k++) head.append(cell("th", `∂/∂x${k}`, { scope: "col" }));
    head.append(cell("th", "row sum", { scope: "col" }));
    $("jacobian-head").replaceChildren(head);
  }
  shapeTable($("jacobian-rows"), n, n + 2, (tr, i) => tr.cells[n + 1].setAttribute("data-row-sum", String(i + 1)))
    .forEach((tr, i) => {
      setText(tr.cells[0], `p${i + 1}`);
      r.jacobian[i].forEach((value, k) => setText(tr.cells[k + 1], value));
      setText(tr.cells[n + 1], r.rowSums[i]);
    });
}

// ---------------------------------------------------------------- history
//
// Each interaction is one Back step. A discrete change (a button, a
// selector, a link) is pushed at once. A continuous one (typing in a field,
// dragging, keys on a view, the slider) pushes its first change and keeps
// the rest until it ends (the field's change event, the pointer let go, or
// the keys and the slider settling), when the entry is replaced with the
// final state. So a drag or a held key costs two history calls, far below
// the browsers' limits (Safari allows 100 in 30 seconds).

/** The control whose interaction the current history entry collects. */
let open = null;
/** The state that interaction has reached, written when it ends. */
let pending = null;
/** Controls whose interaction ends when it settles (keys, the slider). */
const endsWhenSettled = new Set();

// Links carry a place as well as a state (#jacobian&logits=2,1,0&T=0.5):
// the section in which the change was made, that is the one holding the
// control last pressed, typed in or changed. The playground
// at the top of the page needs no place, so its changes write none.
const TOP_SECTIONS = new Set(["intro", "explorer"]);

/** The element the reader last pressed or typed in. (Not "change": a
 * text field sends it when it loses focus, after the press elsewhere.) */
let touched = null;
for (const kind of ["pointerdown", "keydown", "input"]) {
  document.addEventListener(kind, (event) => { touched = event.target; }, { capture: true, passive: true });
}

function placeOfChange() {
  const from = touched instanceof Element ? touched : document.activeElement;
  const home = from?.closest?.("main section[id]");
  return home && !TOP_SECTIONS.has(home.id) ? home.id : "";
}

/** The labs' settings that differ from their defaults, by lab, each as
 * `key=value` items (see setLinkPart); they ride in the same link. */
const linkParts = new Map();
const linkExtras = () => [...linkParts.values()].map((text) => `&${text}`).join("");

/** The state's fragment, with the section `place` in front of it when
 * there is one (#jacobian&logits=...), and the labs' settings after it. */
const stateHash = (place = placeOfChange()) => `#${view.fragmentIn(place)}${linkExtras()}`;

/**
 * A lab's settings (`attn-d=64&attn-fill=-1e9`, written by Rust; empty for
 * the defaults) for the page's link. A lab's change replaces the current
 * entry rather than adding one: Back and Forward step through the
 * explorer's states, and the address always holds everything shown.
 */
export function setLinkPart(owner, text) {
  // Nothing changed (a lab at its defaults mounting, a redraw): the address
  // stays as it is, a heading link (#max-trick) included.
  if ((linkParts.get(owner) ?? "") === text) return;
  if (text) linkParts.set(owner, text);
  else linkParts.delete(owner);
  if (!view || embedded) return;
  const place = placeOfChange() || (ExplorerView.sectionOf(location.hash) ?? "");
  const hash = stateHash(place);
  if (hash !== location.hash) write("replace", hash);
}
/** Whether a fragment is an explorer state rather than a heading link. */
const isStateHash = (hash) => hash.includes("=");

/**
 * Write `hash` into the history. pushState and replaceState change the
 * fragment without the hashchange event, so it is sent here for the parts
 * of the page that follow the fragment (the explorer's own listener
 * ignores it).
 */
function write(kind, hash) {
  const before = location.href;
  if (kind === "push" && !embedded) history.pushState({ explorer: hash }, "", hash);
  else history.replaceState({ explorer: hash }, "", hash);
  if (location.href !== before) {
    window.dispatchEvent(new HashChangeEvent("hashchange", { oldURL: before, newURL: location.href }));
  }
}

/** End the open interaction: its entry gets the state it reached. */
function finish() {
  if (open && pending && pending !== history.state?.explorer) write("replace", pending);
  open = null;
  pending = null;
}

/** Record the current state as part of `owner`'s interaction (null for a
 * discrete change); `end` closes it. */
function record(owner, end) {
  const hash = stateHash();
  if (owner !== null && owner === open) {
    pending = hash;
    if (end) finish();
    return;
  }
  finish();
  if (hash === history.state?.explorer && isStateHash(location.hash)) return;
  write("push", hash);
  if (owner !== null && !end) {
    open = owner;
    pending = hash;
  }
}

// ---------------------------------------------------------- announcements
//
// The read-outs are not live regions: a listener would hear six numbers
// per arrow key. One polite region speaks one rounded sentence (written by
// the core) once an interaction has settled, or when a drag ends.

const SETTLE_MS = 400;
let settleTimer = 0;
let live;
let prefix = "";

function liveRegion() {
  const existing = $("explorer-live");
  if (existing) return existing;
  const region = document.createElement("p");
  Object.assign(region, { id: "explorer-live", className: "visually-hidden" });
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  ($("explorer") ?? document.body).append(region);
  return region;
}

/** Keep the read-outs and the triangle's description out of the live
 * announcements (an output is a polite live region by default). */
function quietReadouts() {
  for (const id of ["beta-out", "lse-out", "entropy-out", "cross-entropy-out", "ratio-out", "nudged-out", "simplex-text"]) {
    $(id)?.setAttribute("aria-live", "off");
  }
}

function announce() {
  clearTimeout(settleTimer);
  settleTimer = 0;
  const text = `${prefix}${view.readout().spoken}`;
  prefix = "";
  if (live.textContent !== text) live.textContent = text;
}

function settle() {
  announce();
  if (open && endsWhenSettled.has(open)) finish();
}

function settleSoon() {
  clearTimeout(settleTimer);
  settleTimer = setTimeout(settle, SETTLE_MS);
}

/**
 * Bring the page up to the state: fields (except `except`, being typed
 * in), views and read-outs; then record it in the history as part of
 * `owner`'s interaction (`end` closes it; `history: false` when the state
 * came from the history or the URL) and announce it once things settle
 * (at once when `end`, nothing while `dragging`).
 */
function update({ except = null, owner = null, end = false, dragging = false, history: track = true, speak = true } = {}) {
  // A note under the tools ("Link copied", "Back to the starting state")
  // is about the state it was said of: the next change clears it.
  if (track) $("copy-status").textContent = "";
  syncFields(except);
  drawViews();
  // The gathered views sit under the playground, on screen: they follow
  // every move then.
  showReadout({ parts: !dragging || !$("all-views-box").hidden });
  if (track) record(owner, end);
  if (!speak) return;
  if (dragging) clearTimeout(settleTimer);
  else if (end) announce();
  else settleSoon();
}

/** Load `hash` into the state; a bad one is reported and the last good
 * state kept. (A heading's name, such as #max-trick, reads as a key the
 * explorer does not know, and changes nothing.) */
function load(hash, { whole = false } = {}) {
  const box = $("explorer-link-error");
  box.hidden = true;
  if (!hash || hash === "#") return;
  try {
    // A history entry is a whole state; a followed link may set only a
    // few keys and keep the rest.
    if (whole) view.loadEntry(hash);
    else view.loadFragment(hash);
  } catch (error) {
    box.textContent = `This link could not be opened: ${error.message} The last good state is shown.`;
    box.hidden = false;
  }
}

/** Show the state a history entry (`whole`) or a followed link holds. */
function restore(hash, options = {}) {
  clearTimeout(settleTimer);
  open = null;
  pending = null;
  load(hash, options);
  update({ history: false });
}

function wireControls() {
  $("explorer-controls").addEventListener("submit", (event) => event.preventDefault());
  const t = $("temperature");
  t.addEventListener("input", () => attempt(t, () => view.setTemperature(t.value), { except: t, owner: t }));
  t.addEventListener("change", () => {
    if (!t.hasAttribute("aria-invalid")) update({ owner: t, end: true });
  });
  const slider = $("temperature-slider");
  endsWhenSettled.add(slider);
  slider.addEventListener("input", () =>
    attempt(null, () => view.setTemperatureFromSlider(slider.value), { except: slider, owner: slider }),
  );
  $("t-zero").addEventListener("click", () => attempt(t, () => view.setTemperature("0")));
  $("t-one").addEventListener("click", () => attempt(t, () => view.setTemperature("1")));
  $("t-infinity").addEventListener("click", () => attempt(t, () => view.setTemperature("inf")));
  const amount = $("shift-amount");
  amount.addEventListener("input", () => {
    try {
      checkNumber(amount.value);
      showFieldError(amount, "");
    } catch (error) {
      showFieldError(amount, error.message, undefined, { typing: true });
    }
  });
  const shift = (subtract) => attempt(amount, () => view.shiftAll(amount.value, subtract));
  $("shift-up").addEventListener("click", () => shift(false));
  $("shift-down").addEventListener("click", () => shift(true));
  $("class-count").addEventListener("change", (event) =>
    attempt(null, () => view.setClasses(event.target.value)),
  );
  // The iso-lines are part of the state (and of its link).
  $("contours").addEventListener("change", (event) => attempt(null, () => view.setContours(event.target.checked)));
  $("target-class").addEventListener("change", (e) => attempt(null, () => view.setTarget(Number(e.target.value))));
  const ratio = () => attempt(null, () => view.setRatioPair(Number($("ratio-i").value), Number($("ratio-k").value)));
  $("ratio-i").addEventListener("change", ratio);
  $("ratio-k").addEventListener("change", ratio);
  $("nudge-class").addEventListener("change", (e) => attempt(null, () => view.setNudgeClass(Number(e.target.value))));
  const nudge = $("nudge-size");
  nudge.addEventListener("input", () =>
    attempt(nudge, () => view.setNudgeSize(nudge.value), { except: nudge, owner: nudge }),
  );
  nudge.addEventListener("change", () => {
    if (!nudge.hasAttribute("aria-invalid")) update({ owner: nudge, end: true });
  });
  $("reset-explorer").addEventListener("click", () => {
    view.reset();
    // The status line says it; the summary would say it a second time.
    update({ speak: false });
    $("copy-status").textContent = "Back to the starting state.";
  });
  $("copy-link").addEventListener("click", async () => {
    const status = $("copy-status");
    // The state itself, even while an interaction has not reached the URL;
    // from an embedded part, in the whole lesson (embed.html's neighbour,
    // or the single file itself without its ?part=).
    const lesson = embedded ? new URL((await import("./parts.js")).lessonFile(), location.href).href : location.href;
    const link = new URL(stateHash(""), lesson).href;
    try {
      await navigator.clipboard.writeText(link);
      status.textContent = "Link copied: anyone who opens it sees this exact state.";
    } catch {
      status.textContent = `Copy this link: ${link}`;
    }
  });
}

/** "Show every view here": bring the blocks that live in the lesson's
 * sections (shift, ratio, curves, log-sum-exp, log-probabilities, entropy,
 * loss, Jacobian) into the playground, and put them back. The elements
 * move, so their ids, listeners and state stay as they are. */
function wireAllViews() {
  const button = $("all-views");
  const box = $("all-views-box");
  const homes = new Map();
  button.addEventListener("click", () => {
    const show = button.getAttribute("aria-pressed") !== "true";
    for (const part of document.querySelectorAll(".explorer-part")) {
      if (show) {
        const home = document.createComment(`home of ${part.id}`);
        part.before(home);
        homes.set(part, home);
        box.append(part);
      } else {
        homes.get(part)?.replaceWith(part);
      }
    }
    if (!show) homes.clear();
    box.hidden = !show;
    button.setAttribute("aria-pressed", String(show));
    drawViews({ all: true });
  });
}

/** Pointer dragging with capture; `grab` may decline (returns false). A
 * drag is one interaction: one Back step, one announcement when it ends. */
function wireDrag(canvas, { grab, move, release }) {
  let dragging = false;
  // A finger that lands where there is nothing to grab scrolls the page, as
  // it would anywhere else (the canvas itself has touch-action: none so that
  // a grabbed point or bar follows the finger in every direction).
  let scrolling = null;
  // Where the canvas is, measured once when the pointer goes down (and again
  // if the page scrolls): measuring on every move, right after the previous
  // move wrote the fields, would force a layout of the page each time.
  let rect = null;
  const remeasure = () => { rect = canvas.getBoundingClientRect(); };
  canvas.addEventListener("pointerdown", (event) => {
    remeasure();
    const [x, y] = pointerPosition(canvas, event, rect);
    if (grab(x, y, event) === false) {
      if (event.pointerType === "touch") {
        scrolling = { id: event.pointerId, y: event.clientY };
        canvas.setPointerCapture(event.pointerId);
      }
      return;
    }
    dragging = true;
    canvas.setPointerCapture(event.pointerId);
    canvas.focus({ preventScroll: true });
    update({ owner: canvas, dragging: true });
    event.preventDefault();
  });
  canvas.addEventListener("pointermove", (event) => {
    if (scrolling && event.pointerId === scrolling.id) {
      window.scrollBy(0, scrolling.y - event.clientY);
      scrolling.y = event.clientY;
      return;
    }
    if (!dragging) return;
    const [x, y] = pointerPosition(canvas, event, rect ?? canvas.getBoundingClientRect());
    move(x, y);
    update({ owner: canvas, dragging: true });
  });
  const stop = (event) => {
    if (scrolling && event.pointerId === scrolling.id) {
      scrolling = null;
      if (canvas.hasPointerCapture(event.pointerId)) canvas.releasePointerCapture(event.pointerId);
      return;
    }
    if (!dragging) return;
    dragging = false;
    release?.();
    if (canvas.hasPointerCapture(event.pointerId)) canvas.releasePointerCapture(event.pointerId);
    update({ owner: canvas, end: true });
  };
  canvas.addEventListener("pointerup", stop);
  canvas.addEventListener("pointercancel", stop);
  window.addEventListener("scroll", () => { if (dragging) remeasure(); }, { passive: true });
}

/** The keys a focused view answers; they never scroll the page. */
const VIEW_KEYS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown"]);

/** Answer the view keys on `canvas` with `handle(key, shift)` (returns
 * whether the state or the choice changed), consuming them even when the
 * view cannot act yet. */
function wireKeys(canvas, handle) {
  endsWhenSettled.add(canvas);
  canvas.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    // Space means nothing on a view; it must not scroll the page away.
    if (event.key === " ") event.preventDefault();
    if (!VIEW_KEYS.has(event.key)) return;
    event.preventDefault();
    let used = false;
    try {
      used = handle(event.key, event.shiftKey);
    } catch {
      // Not drawn yet (the first frame is still to come): nothing to move.
    }
    if (used) update({ owner: canvas });
  });
}

function wireCanvases() {
  const simplex = $("simplex-canvas");
  wireDrag(simplex, {
    // A mouse or pen may grab anywhere (the point jumps there); a finger
    // only near the point, so that a swipe across the triangle scrolls.
    grab: (x, y, event) => (event.pointerType === "touch" && !view.nearPoint(x, y, TOUCH_REACH) ? false : view.dragSimplex(x, y)),
    move: (x, y) => view.dragSimplex(x, y),
  });
  wireKeys(simplex, (key, shift) => view.simplexKey(key, shift));
  const bars = $("bars-canvas");
  wireDrag(bars, {
    grab: (x, y) => view.grabBar(x, y),
    move: (x, y) => view.dragBar(x, y),
    release: () => view.releaseBar(),
  });
  wireKeys(bars, (key, shift) => {
    const chosen = view.selectedBar();
    const used = view.barKey(key, shift);
    const now = view.selectedBar();
    if (now !== chosen) prefix = `Bar ${now} chosen. `;
    return used;
  });
}

/** A lab's settings as the link holds them now ("" for the defaults). */
export const linkPart = (owner) => linkParts.get(owner) ?? "";

/**
 * Give a lab view (a Rust view with loadLink and linkText) the settings of
 * the link the page was opened with, saying under the heading of section
 * `sectionId` when they could not be used, and return the function that
 * puts the lab's current settings in the link (call it after each change).
 */
export function linkLab(owner, sectionId, labView) {
  const notice = labView.loadLink(openingHash);
  const section = document.getElementById(sectionId);
  if (notice && section) {
    const note = document.createElement("p");
    note.className = "notice link-notice";
    note.setAttribute("role", "status");
    note.textContent = notice;
    section.querySelector("h2")?.after(note);
    // The lab is far down the page: say so where the link is opened too.
    const top = $("explorer-link-error");
    if (top && view && !embedded) {
      const line = document.createElement("span");
      line.className = "link-lab-notice";
      const name = section.querySelector("h2")?.firstChild?.textContent?.trim() ?? sectionId;
      const link = Object.assign(document.createElement("a"), { href: `#${sectionId}`, textContent: `Go to ${name}` });
      line.append(`${top.hidden ? "" : " "}${notice} `, link, ".");
      if (top.hidden) top.replaceChildren();
      top.append(line);
      top.hidden = false;
    }
  }
  const publish = () => setLinkPart(owner, labView.linkText());
  publish();
  return publish;
}

/** The section of the page the opening link names in front of a state
 * (#jacobian&logits=...), or null. Only the lesson's own sections count. */
export function linkedSection() {
  if (!isStateHash(location.hash)) return null;
  const id = ExplorerView.sectionOf(location.hash);
  const element = id ? document.getElementById(id) : null;
  return element?.matches("main section[id]") ? element : null;
}

/** The current state as a fragment without a section (#logits=...), for an
 * embed link; null before the explorer is mounted. */
export function stateFragment() {
  return view ? `#${view.fragmentIn("")}` : null;
}

export function mount({ embed = false } = {}) {
  embedded = embed;
  view = new ExplorerView();
  live = liveRegion();
  quietReadouts();
  const opened = location.hash;
  load(opened);
  // A link may name a section as well as a state; its entry keeps it.
  const named = linkedSection()?.id ?? "";
  wireControls();
  wireCanvases();
  wireAllViews();
  // The SVG renderer lives in the extras module, loaded after the first view.
  for (const part of parts()) {
    wireExports(part, async (name, width, height) => {
      const { explorerSvg } = await import("../pkg/softmax_lesson_extras.js");
      return explorerSvg(view.fragment(), name, width, height, theme.look(), view.contoursShown());
    });
  }
  // Back and Forward: each entry holds the state it stands for (the first
  // one too, even when the address names a heading).
  window.addEventListener("popstate", (event) => {
    const saved = event.state?.explorer;
    if (typeof saved === "string") restore(saved, { whole: true });
    else if (isStateHash(location.hash)) restore(location.hash);
  });
  // A followed link (#logits=...) or an edited address: show that state and
  // give its entry the state's full fragment.
  window.addEventListener("hashchange", (event) => {
    if (!event.isTrusted || !isStateHash(location.hash)) return;
    if (history.state?.explorer === location.hash) return;
    restore(location.hash);
    // The followed link names its own place (or none).
    write("replace", stateHash(ExplorerView.sectionOf(location.hash) ?? ""));
  });
  onResize(() => drawViews());
  theme.onChange(() => drawViews());
  watchCanvases();
  update({ history: false, speak: false });
  // A link to a heading (#max-trick) is left in the address bar until the
  // reader changes the explorer's state; the entry still holds the state.
  if (opened.length > 1 && !isStateHash(opened)) history.replaceState({ explorer: stateHash("") }, "", opened);
  else write("replace", stateHash(named));
  // Draw what can be seen now, the rest once that has been painted (and
  // again, after a change, when it scrolls into view or before printing).
  drawViews({ measure: true });
  requestAnimationFrame(() => setTimeout(drawStale, 0));
  window.addEventListener("beforeprint", drawStale);
  // Read by `cargo xtask bench`: time from navigation to the first drawn simplex.
  performance.mark("simplex-drawn");
}
