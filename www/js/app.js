// Entry point. The page runs on two wasm modules built from the same Rust
// crate: the first view (numerics, the explorer, the lesson) and the parts
// further down (practice, labs, player), which are instantiated once the
// first view is drawn. Each part lives in its own module and exports mount().
import initCore from "../pkg/softmax_lesson.js";
import initExtras from "../pkg/softmax_lesson_extras.js";
import * as explorer from "./explorer.js";
import * as labCalibration from "./lab-calibration.js";
import * as player from "./player.js";
import * as practice from "./practice.js";
import * as theme from "./theme.js";

const firstView = [explorer];
const later = [player, labCalibration, practice];

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
  await initExtras({ module_or_path: wasm("softmax_lesson_extras") });
  for (const part of later) part.mount();
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
