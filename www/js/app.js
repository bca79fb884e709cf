// Entry point. The page runs on two wasm modules built from the same Rust
// crate: the first view (numerics, the explorer, the lesson) and the parts
// further down (practice, labs, player), which are instantiated once the
// first view is drawn. Each part lives in its own module and exports mount().
import initCore from "../pkg/softmax_lesson.js";
import * as explorer from "./explorer.js";
import * as lesson from "./lesson.js";
import * as theme from "./theme.js";
import * as toc from "./toc.js";

const firstView = [explorer, lesson, toc];
// Fetched only after the first view is drawn (their wasm module too).
const later = () =>
  Promise.all([
    import("./player.js"),
    import("./lab-stability.js"),
    import("./lab-attention.js"),
    import("./lab-calibration.js"),
    import("./practice.js"),
  ]);

/** Where a module's wasm lives; a single-file build puts the bytes in
 * globalThis.__SOFTMAX_WASM__ instead. */
function wasm(name) {
  return globalThis.__SOFTMAX_WASM__?.[name] ?? new URL(`../pkg/${name}_bg.wasm`, import.meta.url);
}

async function main() {
  theme.setup();
  await initCore({ module_or_path: wasm("softmax_lesson") });
  for (const part of firstView) part.mount();
  performance.mark("first-view");
  const extras = await import("../pkg/softmax_lesson_extras.js");
  await extras.default({ module_or_path: wasm("softmax_lesson_extras") });
  for (const part of await later()) part.mount();
  document.documentElement.dataset.ready = "true";
}

main().catch((error) => {
  const banner = document.getElementById("fatal-error");
  if (banner) {
    banner.textContent = `The lesson could not start: ${error.message ?? error}`;
    banner.hidden = false;
  }
  console.error(error);
});
