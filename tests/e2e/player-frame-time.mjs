// Measures the guided player's frame time during playback: the time spent
// inside each requestAnimationFrame callback (Rust tick + draw + DOM
// read-outs), and the interval between frames. Not a test; run it against a
// served site:  BASE_URL=http://127.0.0.1:PORT/ node player-frame-time.mjs
import { launch, BASE_URL } from "./helpers.mjs";

const seconds = Number(process.env.SECONDS_TO_PLAY ?? 8);
const width = Number(process.env.WIDTH ?? 1280);
const ratio = Number(process.env.DPR ?? 1);

const browser = await launch();
const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: ratio });
// Wrap requestAnimationFrame before the page runs, so every callback is
// timed without instrumenting the page's own code.
await context.addInitScript(() => {
  const work = [];
  const gaps = [];
  let last = null;
  const original = window.requestAnimationFrame.bind(window);
  window.__frames = { work, gaps };
  window.requestAnimationFrame = (callback) =>
    original((now) => {
      if (last !== null) gaps.push(now - last);
      last = now;
      const start = performance.now();
      callback(now);
      work.push(performance.now() - start);
    });
});
const page = await context.newPage();
await page.goto(new URL("", BASE_URL).href);
await page.waitForSelector("html[data-ready='true']", { state: "attached" });
await page.locator("#player").scrollIntoViewIfNeeded();
await page.evaluate(() => { window.__frames.work.length = 0; window.__frames.gaps.length = 0; });
await page.getByRole("button", { name: "Play" }).click();
await page.waitForTimeout(seconds * 1000);
const { work, gaps } = await page.evaluate(() => window.__frames);
await browser.close();

const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const f = (v) => v.toFixed(2);
console.log(`frames: ${work.length} in ${seconds} s at ${width} px, devicePixelRatio ${ratio}`);
console.log(`work per frame (ms): p50 ${f(pct(work, 50))}, p95 ${f(pct(work, 95))}, max ${f(Math.max(...work))}`);
console.log(`interval between frames (ms): p50 ${f(pct(gaps, 50))}, p95 ${f(pct(gaps, 95))}`);
