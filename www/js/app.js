// Entry point. The page runs on two wasm modules built from the same Rust
// crate: the first view (numerics, the explorer, the lesson) and the parts
// further down (practice, labs, player), which are instantiated once the
// first view is drawn. Each part lives in its own module and exports mount().
// Start-up order: the core compiles while the HTML is parsed, the explorer
// is drawn as soon as the document is complete, and everything else
// (the lesson's figures, the contents, then the extras) follows after the
// browser has painted it.
import initCore from "../pkg/softmax_lesson.js";
import * as explorer from "./explorer.js";
import * as theme from "./theme.js";

// The parts that run on the extras module, fetched only after the first
// view is drawn, with the section each one lives in.
const later = [
  ["player", () => import("./player.js")],
  ["lab-stability", () => import("./lab-stability.js")],
  ["lab-attention", () => import("./lab-attention.js")],
  ["lab-calibration", () => import("./lab-calibration.js")],
  ["practice", () => import("./practice.js")],
];

/** Where a module's wasm lives; a single-file build puts the bytes in
 * globalThis.__SOFTMAX_WASM__ instead. */
function wasm(name) {
  return globalThis.__SOFTMAX_WASM__?.[name] ?? new URL(`../pkg/${name}_bg.wasm`, import.meta.url);
}

/** Resolves once the whole document has been parsed. The script is
 * `async`, so it may run while the parser is still reading the lesson. */
function parsed() {
  if (document.readyState !== "loading") return Promise.resolve();
  return new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
}

/** Resolves in a new task, after pending input and rendering. */
function yielded() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Resolves after the browser has had a chance to paint. */
function painted() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** Show the part of the page below the explorer (see index.html), one
 * section per frame, so that no frame has to lay out the whole lesson.
 * The browser reveals it by itself for find-in-page and links to a heading. */
async function reveal() {
  const rest = document.getElementById("lesson-rest");
  if (!rest?.hidden) return;
  const sections = rest.querySelectorAll(":scope > section");
  for (const section of sections) section.hidden = "until-found";
  rest.hidden = false;
  for (const section of sections) {
    await painted();
    section.hidden = false;
  }
}

/** Say under the heading of section `id` that its part could not start;
 * the rest of the page keeps working. */
function unavailable(id, error) {
  console.error(error);
  const heading = document.getElementById(id)?.querySelector("h2");
  if (!heading) return;
  const note = document.createElement("p");
  note.className = "field-error part-unavailable";
  note.setAttribute("role", "alert");
  note.textContent = `This part could not be loaded (${error?.message ?? error}). The explorer and the lesson above still work; reload the page to try again.`;
  heading.after(note);
}

/** Instantiate the extras module and mount the parts that need it, one per
 * task; a part that fails says so in its own section. Returns whether all
 * of them started. */
async function mountLater() {
  const modules = Promise.allSettled(later.map(([, load]) => load()));
  try {
    const extras = await import("../pkg/softmax_lesson_extras.js");
    await extras.default({ module_or_path: wasm("softmax_lesson_extras") });
  } catch (error) {
    for (const [id] of later) unavailable(id, error);
    return false;
  }
  let all = true;
  for (const [k, loaded] of (await modules).entries()) {
    await yielded();
    try {
      if (loaded.status === "rejected") throw loaded.reason;
      await loaded.value.mount();
    } catch (error) {
      unavailable(later[k][0], error);
      all = false;
    }
  }
  return all;
}

/** Show everything at once (when the lesson could not start). */
function revealAll() {
  const rest = document.getElementById("lesson-rest");
  if (!rest) return;
  rest.hidden = false;
  for (const section of rest.querySelectorAll(":scope > section")) section.hidden = false;
}

async function main() {
  // The single file opened with ?part=NAME shows that part alone, as
  // embed.html does on a server (see embed.js).
  if (globalThis.__SOFTMAX_WASM__ && new URLSearchParams(location.search).has("part")) {
    const embed = await import("./embed.js");
    return embed.start();
  }
  // Compile the core while the HTML is still being parsed.
  const core = initCore({ module_or_path: wasm("softmax_lesson") });
  theme.apply();
  await parsed();
  theme.setup();
  await core;
  explorer.mount();
  // Let the explorer reach the screen before the lesson's own figures are
  // drawn; the lesson's script is fetched meanwhile.
  const lessonParts = Promise.all([
    import("./lesson.js"), import("./toc.js"), import("./scroll-cue.js"), import("./embed-control.js"),
  ]);
  await reveal();
  // A link naming a section and a state (#jacobian&logits=...) is not a
  // heading link the browser follows by itself: go to the section once it
  // is shown, and again when the parts above it have mounted (they change
  // its place), unless the reader has moved meanwhile.
  const linked = explorer.linkedSection();
  let moved = false;
  for (const kind of ["wheel", "touchstart", "keydown", "pointerdown"]) {
    window.addEventListener(kind, () => { moved = true; }, { once: true, passive: true });
  }
  linked?.scrollIntoView();
  explorer.drawBelowTheFold();
  // One part per task, so the page stays responsive while they mount; a
  // part whose mount() returns a promise is complete when it resolves.
  for (const part of await lessonParts) {
    await yielded();
    await part.mount();
  }
  performance.mark("first-view");
  // "partial" when a part further down could not start (each says why).
  const ready = await mountLater();
  if (linked && !moved) linked.scrollIntoView();
  document.documentElement.dataset.ready = ready ? "true" : "partial";
}

main().catch((error) => {
  revealAll();
  const banner = document.getElementById("fatal-error");
  if (banner) {
    banner.textContent = `The lesson could not start: ${error.message ?? error}`;
    banner.hidden = false;
  }
  console.error(error);
});
