// Entry point: load the wasm core once, then mount every interactive part
// of the page. Each part lives in its own module and exports mount().
import init from "../pkg/softmax_lesson.js";
import * as explorer from "./explorer.js";
import * as labStability from "./lab-stability.js";
import * as labAttention from "./lab-attention.js";
import * as practice from "./practice.js";
import * as theme from "./theme.js";

const parts = [explorer, labStability, labAttention, practice];

async function main() {
  theme.setup();
  await init({ module_or_path: new URL("../pkg/softmax_lesson_bg.wasm", import.meta.url) });
  for (const part of parts) {
    part.mount();
  }
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
