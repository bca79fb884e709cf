// `cargo xtask bench` (browser part): prints the page's performance figures
// and checks them against the budgets. Not a test: numbers, not assertions.
//   - update latency of the explorer over a scripted 300-step drag
//   - softmax of n = 50 000 inside Chromium (ms per call)
//   - compressed bytes of everything the first view loads, by file
//   - navigation to the first drawn simplex, median of 10 cold loads (and,
//     printed only, the time to the whole page and its longest start-up task)
//   - long tasks (> 50 ms) during a scripted 10-second session
import { launch, open, BASE_URL } from "./helpers.mjs";
import { gzipSync } from "node:zlib";

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const ms = (v) => `${v.toFixed(2)} ms`;
const results = [];
const budget = (name, value, limit, unit) => {
  const ok = value <= limit;
  results.push({ name, ok });
  console.log(`${ok ? "PASS" : "FAIL"}  ${name}: ${value.toFixed(2)} ${unit} (budget ${limit} ${unit})`);
};

const browser = await launch();

// 1. Update latency: each pointer move runs the full update synchronously
// (core, every canvas, every read-out), so its dispatch time is the latency.
{
  const { page, context } = await open(browser, "#logits=0,0,0&T=1");
  await page.locator("#simplex-canvas").scrollIntoViewIfNeeded();
  const timings = await page.evaluate(() => {
    const canvas = document.getElementById("simplex-canvas");
    const rect = canvas.getBoundingClientRect();
    const at = (k) => ({
      clientX: rect.left + rect.width * (0.5 + 0.3 * Math.cos(k / 20)),
      clientY: rect.top + rect.height * (0.6 + 0.2 * Math.sin(k / 15)),
      pointerId: 1, bubbles: true, pointerType: "mouse", isPrimary: true,
    });
    canvas.dispatchEvent(new PointerEvent("pointerdown", at(0)));
    const out = [];
    for (let k = 1; k <= 300; k++) {
      const start = performance.now();
      canvas.dispatchEvent(new PointerEvent("pointermove", at(k)));
      out.push(performance.now() - start);
    }
    canvas.dispatchEvent(new PointerEvent("pointerup", at(301)));
    return out;
  });
  console.log(`explorer update after a pointer move (300-step drag): p50 ${ms(quantile(timings, 0.5))}, p95 ${ms(quantile(timings, 0.95))}, max ${ms(Math.max(...timings))}`);
  budget("update latency p95", quantile(timings, 0.95), 4, "ms");

  // 2. Softmax of a vocabulary-sized vector, through the JS boundary.
  const perCall = await page.evaluate(async () => {
    const core = await import("./pkg/softmax_lesson.js");
    const x = new Float64Array(50000);
    for (let i = 0; i < x.length; i++) x[i] = Math.sin(i * 12.9898) * 10;
    const runs = [];
    for (let r = 0; r < 30; r++) {
      const start = performance.now();
      core.softmax(x);
      runs.push(performance.now() - start);
    }
    runs.sort((a, b) => a - b);
    return runs[Math.floor(runs.length / 2)];
  });
  console.log(`softmax, n = 50 000, in Chromium: ${ms(perCall)} per call (median of 30)`);
  budget("softmax n = 50 000 in the browser", perCall, 16, "ms");
  await context.close();
}

// 3. Page weight: every response of a cold load, gzip-compressed.
{
  const context = await browser.newContext();
  const page = await context.newPage();
  const bodies = [];
  page.on("response", async (response) => {
    try {
      bodies.push({ url: response.url(), body: await response.body() });
    } catch {
      // Redirects and aborted requests have no body.
    }
  });
  await page.goto(BASE_URL);
  await page.waitForSelector("html[data-ready='true']", { state: "attached" });
  await page.waitForLoadState("networkidle");
  // The first view is what was requested before the first simplex was
  // drawn; the extras module is fetched after it.
  const firstView = new Set(await page.evaluate(() => {
    const mark = performance.getEntriesByName("simplex-drawn")[0]?.startTime ?? Infinity;
    const early = performance.getEntriesByType("resource").filter((r) => r.startTime < mark).map((r) => r.name);
    return [location.href.split("#")[0], ...early];
  }));
  let total = 0;
  let wasm = 0;
  let page_total = 0;
  console.log("every file of the page (raw -> gzip -9), * = first view:");
  for (const { url, body } of bodies.sort((a, b) => b.body.length - a.body.length)) {
    const compressed = gzipSync(body, { level: 9 }).length;
    page_total += compressed;
    const early = firstView.has(url);
    if (early) total += compressed;
    if (early && url.endsWith(".wasm")) wasm += compressed;
    const name = new URL(url).pathname;
    console.log(`${early ? "*" : " "} ${name.padEnd(36)} ${String(body.length).padStart(8)} -> ${String(compressed).padStart(7)} bytes`);
  }
  console.log(`whole page, compressed: ${(page_total / 1024).toFixed(2)} KB`);
  const foreign = bodies.filter(({ url }) => new URL(url).origin !== new URL(BASE_URL).origin);
  console.log(`requests to other origins: ${foreign.length}`);
  budget("first view, compressed", total / 1024, 200, "KB");
  budget("first-view wasm, compressed", wasm / 1024, 120, "KB");
  await context.close();
}

// 4. Navigation to the first drawn simplex, 10 cold loads.
// Also printed, without a budget: when the whole page is ready, and the
// longest task after the simplex is drawn (the rest of the page starting).
{
  const loads = [];
  const ready = [];
  const startLongest = [];
  for (let k = 0; k < 10; k++) {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longTasks.push([entry.startTime, entry.duration]);
      }).observe({ type: "longtask" });
    });
    const page = await context.newPage();
    await page.goto(BASE_URL);
    await page.waitForSelector("html[data-ready='true']", { state: "attached" });
    const load = await page.evaluate(() => {
      const drawn = performance.getEntriesByName("simplex-drawn")[0]?.startTime ?? NaN;
      const after = window.__longTasks.filter(([start]) => start >= drawn).map(([, duration]) => duration);
      return { drawn, ready: performance.now(), longest: Math.max(0, ...after) };
    });
    loads.push(load.drawn);
    ready.push(load.ready);
    startLongest.push(load.longest);
    await context.close();
  }
  console.log(`navigation to first drawn simplex: median ${ms(quantile(loads, 0.5))}, max ${ms(Math.max(...loads))} (10 cold loads)`);
  console.log(`navigation to the whole page ready (labs and practice mounted): median ${ms(quantile(ready, 0.5))}`);
  console.log(`longest task after the first draw, while the rest starts: median ${ms(quantile(startLongest, 0.5))}, max ${ms(Math.max(...startLongest))} (0 = none over 50 ms)`);
  budget("first drawn simplex, median", quantile(loads, 0.5), 300, "ms");
}

// 5. Long tasks during a scripted 10-second session of dragging and sliding.
{
  const { page, context } = await open(browser, "#logits=0,0,0&T=1");
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
    }).observe({ type: "longtask" });
  });
  await page.locator("#simplex-canvas").scrollIntoViewIfNeeded();
  const box = await page.locator("#simplex-canvas").boundingBox();
  const slider = page.locator("#temperature-slider");
  const end = Date.now() + 10000;
  let k = 0;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.6);
  await page.mouse.down();
  while (Date.now() < end) {
    k++;
    await page.mouse.move(box.x + box.width * (0.5 + 0.3 * Math.cos(k / 9)), box.y + box.height * (0.6 + 0.2 * Math.sin(k / 7)));
    if (k % 25 === 0) {
      await page.mouse.up();
      await slider.fill(String(((k / 25) % 8) * 0.5 - 2));
      await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.6);
      await page.mouse.down();
    }
    const play = page.locator("#player-play");
    if (k % 100 === 0 && (await play.count()) > 0) await play.click({ trial: false }).catch(() => {});
  }
  await page.mouse.up();
  const longTasks = await page.evaluate(() => window.__longTasks);
  console.log(`scripted 10 s session: ${k} pointer moves, ${longTasks.length} long tasks${longTasks.length ? `, longest ${ms(Math.max(...longTasks))}` : ""}`);
  budget("longest task during the session", longTasks.length ? Math.max(...longTasks) : 0, 50, "ms");
  await context.close();
}

await browser.close();
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed} budgets met, ${failed} over budget`);
process.exit(failed ? 1 : 0);
