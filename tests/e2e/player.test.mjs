// The guided player as a reader uses it: keyboard steps and scrubbing,
// play, speed, restart, reduced motion, and accessibility.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, expectClean, expectAccessible } from "./helpers.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The time read-out in seconds ("t = 3.2 s" reads as 3.2). */
async function shownTime(page) {
  const text = (await page.textContent("#player-time")).trim();
  const match = /^t = (\d+\.\d) s$/.exec(text);
  assert.ok(match, `the time read-out looks like "t = 3.2 s", not ${JSON.stringify(text)}`);
  return Number(match[1]);
}

const currentScene = (page) =>
  page.$eval("#player-captions li[aria-current='step']", (li) => Number(li.dataset.scene));

test("the player steps and scrubs with the keyboard alone", async () => {
  const { page, log, context } = await open(browser);
  assert.equal(await shownTime(page), 0);
  // Tab from the scrubber to the drawing, then use the shortcuts there.
  await page.locator("#player-scrubber").focus();
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "player-canvas");
  const stops = [0];
  for (let k = 0; k < 3; k++) {
    await page.keyboard.press("ArrowRight");
    stops.push(await shownTime(page));
    assert.equal(await currentScene(page), k + 1, "each step opens the next scene");
  }
  assert.ok(stops[1] > 0 && stops[2] > stops[1] && stops[3] > stops[2], `stops ${stops}`);
  await page.keyboard.press("ArrowLeft");
  assert.equal(await shownTime(page), stops[2]);
  await page.keyboard.press("Home");
  assert.equal(await shownTime(page), 0);
  // Back to the scrubber: arrow keys move it a tenth of a second at a time.
  await page.keyboard.press("Shift+Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "player-scrubber");
  for (let k = 0; k < 5; k++) await page.keyboard.press("ArrowRight");
  assert.equal(await shownTime(page), 0.5);
  await page.keyboard.press("End");
  const end = await shownTime(page);
  assert.ok(end > stops[3]);
  assert.equal(await currentScene(page), 5, "the end shows the last scene");
  assert.match(await page.getAttribute("#player-scrubber", "aria-valuetext"), /^t = .* scene 6 of 6/);
  expectClean(log);
  await context.close();
});

test("play advances time and Space pauses it", async () => {
  const { page, log, context } = await open(browser);
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await page.waitForTimeout(700);
  const t1 = await shownTime(page);
  assert.ok(t1 > 0.2, `time advanced to ${t1}`);
  assert.equal((await page.textContent("#player-play-text")).trim(), "Pause");
  await page.locator("#player-canvas").focus();
  await page.keyboard.press(" ");
  const paused = await shownTime(page);
  await page.waitForTimeout(400);
  assert.equal(await shownTime(page), paused, "a paused player stays put");
  assert.equal((await page.textContent("#player-play-text")).trim(), "Play");
  expectClean(log);
  await context.close();
});

/** Seconds of timeline per second of wall clock at the chosen speed. */
async function rate(page, speedLabel) {
  await page.locator("#player-speed label", { hasText: speedLabel }).click();
  assert.equal(await page.getByLabel(speedLabel, { exact: true }).isChecked(), true);
  await page.keyboard.press("Home");
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await page.waitForTimeout(150);
  const start = await page.evaluate(() => [performance.now(), Number(document.getElementById("player-scrubber").value)]);
  await page.waitForTimeout(1200);
  const end = await page.evaluate(() => [performance.now(), Number(document.getElementById("player-scrubber").value)]);
  await page.getByRole("button", { name: "Pause" }).click();
  return (end[1] - start[1]) / (end[0] - start[0]);
}

test("the speed changes the rate at which time passes", async () => {
  const { page, log, context } = await open(browser);
  await page.locator("#player-canvas").focus();
  const slow = await rate(page, "0.25×");
  await page.locator("#player-canvas").focus();
  const fast = await rate(page, "2×");
  assert.ok(slow > 0, `0.25× still moves: ${slow}`);
  assert.ok(slow < 0.4, `0.25× is slow: ${slow}`);
  assert.ok(fast > 1.2, `2× is fast: ${fast}`);
  assert.ok(fast / slow > 4, `2× is several times 0.25×: ${fast} vs ${slow}`);
  expectClean(log);
  await context.close();
});

test("restart returns to t = 0 from anywhere", async () => {
  const { page, log, context } = await open(browser);
  await page.getByRole("button", { name: "Step forward" }).click();
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await page.waitForTimeout(300);
  assert.ok((await shownTime(page)) > 0);
  await page.getByRole("button", { name: "Restart" }).click();
  assert.equal(await shownTime(page), 0);
  assert.equal(await page.inputValue("#player-scrubber"), "0");
  assert.equal(await currentScene(page), 0);
  await page.waitForTimeout(200);
  assert.equal(await shownTime(page), 0, "restart leaves the player paused");
  expectClean(log);
  await context.close();
});

test("with reduced motion, play jumps between settled pictures instead of animating", async () => {
  const { page, log, context } = await open(browser, "", { reducedMotion: "reduce" });
  await page.getByRole("button", { name: "Play", exact: true }).click();
  const first = await shownTime(page);
  assert.ok(first > 0, "play jumps straight to the first scene's settled picture");
  const seen = new Set();
  for (let k = 0; k < 8; k++) {
    seen.add(await shownTime(page));
    await page.waitForTimeout(100);
  }
  assert.deepEqual([...seen], [first], `no in-between frames, saw ${[...seen]}`);
  // Stepping still works, and play goes on to the next settled picture.
  await page.getByRole("button", { name: "Step forward" }).click();
  const boundary = await shownTime(page);
  await page.getByRole("button", { name: "Play", exact: true }).click();
  const next = await shownTime(page);
  assert.ok(next > boundary && (await currentScene(page)) === 1, `${boundary} -> ${next}`);
  expectClean(log);
  await context.close();
});

/** Rectangles, in CSS pixels of the viewport, of the parts of the player a
 * reader looks at together. `simplex` is where the drawing's simplex panel
 * is (the canvas reports it in its data-simplex attribute). */
async function boxes(page) {
  return page.evaluate(() => {
    const rect = (el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
    };
    const canvas = document.getElementById("player-canvas");
    const c = rect(canvas);
    const [x, y, w, h] = canvas.dataset.simplex.split(" ").map(Number);
    const stage = document.getElementById("player-stage");
    return {
      canvas: c,
      stage: rect(stage),
      stageOverflow: stage.scrollWidth - stage.clientWidth,
      simplex: { left: c.left + x, top: c.top + y, right: c.left + x + w, bottom: c.top + y + h, width: w, height: h },
      controls: rect(document.querySelector("#player .player-controls")),
      scrubber: rect(document.querySelector("#player .scrubber")),
      caption: rect(document.querySelector("#player-captions li[aria-current='step']")),
      viewport: { width: window.innerWidth, height: window.innerHeight },
    };
  });
}

const inside = (inner, outer, slack = 1) =>
  inner.left >= outer.left - slack && inner.top >= outer.top - slack &&
  inner.right <= outer.right + slack && inner.bottom <= outer.bottom + slack;

/** The gap in CSS pixels between two rectangles (0 if they touch or overlap). */
const gap = (a, b) => Math.hypot(
  Math.max(0, a.left - b.right, b.left - a.right),
  Math.max(0, a.top - b.bottom, b.top - a.bottom),
);

test("zoom 1.5× and 2× enlarge the drawing and keep the whole simplex in view", async () => {
  const { page, log, context } = await open(browser, "", { viewport: { width: 1440, height: 900 } });
  // Land the point on the simplex, so the simplex is what matters.
  for (let k = 0; k < 3; k++) await page.getByRole("button", { name: "Step forward" }).click();
  const base = await boxes(page);
  for (const label of ["1.5×", "2×"]) {
    await page.getByLabel("Zoom").selectOption({ label });
    await page.waitForFunction((h) => {
      const c = document.getElementById("player-canvas");
      return c.clientHeight !== h && c.dataset.simplex && c.width === Math.round(c.clientWidth * devicePixelRatio);
    }, base.canvas.height);
    await page.locator("#player-canvas").scrollIntoViewIfNeeded();
    await page.evaluate(() => {
      const c = document.getElementById("player-canvas");
      const [, y, , h] = c.dataset.simplex.split(" ").map(Number);
      window.scrollBy(0, c.getBoundingClientRect().top + y + h / 2 - window.innerHeight / 2);
    });
    const b = await boxes(page);
    assert.ok(b.stageOverflow <= 1, `${label}: the stage scrolls sideways by ${b.stageOverflow} px`);
    assert.ok(inside(b.canvas, b.stage), `${label}: the canvas leaves the stage`);
    assert.ok(inside(b.simplex, b.canvas), `${label}: the simplex ${JSON.stringify(b.simplex)} is cut off the canvas ${JSON.stringify(b.canvas)}`);
    const screen = { left: 0, top: 0, right: b.viewport.width, bottom: b.viewport.height };
    assert.ok(inside(b.simplex, screen), `${label}: the whole simplex fits on the screen: ${JSON.stringify(b.simplex)}`);
    assert.ok(b.simplex.height > 1.3 * base.simplex.height, `${label}: the simplex grew from ${base.simplex.height} to ${b.simplex.height}`);
  }
  expectClean(log);
  await context.close();
});

test("on a phone the stage, its controls and the caption fit one screen", async () => {
  const { page, log, context } = await open(browser, "", { viewport: { width: 390, height: 844 }, hasTouch: true, deviceScaleFactor: 3 });
  for (let k = 0; k < 6; k++) {
    await page.locator("#player .player-controls").evaluate((el) => el.scrollIntoView({ block: "start" }));
    const b = await boxes(page);
    const top = Math.min(b.controls.top, b.scrubber.top, b.stage.top, b.caption.top);
    const bottom = Math.max(b.controls.bottom, b.scrubber.bottom, b.stage.bottom, b.caption.bottom);
    assert.ok(bottom - top <= b.viewport.height, `scene ${k + 1}: controls to caption span ${bottom - top} px of a ${b.viewport.height} px screen`);
    assert.ok(b.stage.right <= b.viewport.width && b.stage.left >= 0, "the stage is as wide as the screen at most");
    await page.getByRole("button", { name: "Step forward" }).tap();
  }
  await expectAccessible(page, "#player");
  expectClean(log);
  await context.close();
});

test("a vertical swipe over the drawing scrolls the page", async () => {
  const { page, log, context } = await open(browser, "", { viewport: { width: 390, height: 844 }, hasTouch: true, deviceScaleFactor: 3 });
  const canvas = page.locator("#player-canvas");
  await canvas.scrollIntoViewIfNeeded();
  await page.evaluate(() => document.getElementById("player-canvas").scrollIntoView({ block: "center" }));
  const touchAction = await canvas.evaluate((el) => getComputedStyle(el).touchAction);
  assert.notEqual(touchAction, "none", "the canvas cannot be dragged, so it must not swallow touches");
  const box = await canvas.boundingBox();
  const before = await page.evaluate(() => window.scrollY);
  // A finger put down in the middle of the drawing and moved 250 px up, as
  // real touch events (which the page's touch-action applies to).
  const cdp = await context.newCDPSession(page);
  const x = Math.round(box.x + box.width / 2);
  const y = Math.round(box.y + box.height / 2);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x, y }] });
  for (let k = 1; k <= 10; k++) {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x, y: y - 25 * k }] });
    await page.waitForTimeout(16);
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await page.waitForTimeout(100);
  const after = await page.evaluate(() => window.scrollY);
  assert.ok(after - before > 100, `the page scrolled ${after - before} px under a 250 px swipe`);
  expectClean(log);
  await context.close();
});

test("the scene's caption and the legend sit right by the drawing at every width", async () => {
  for (const width of [320, 390, 768, 1440]) {
    const { page, log, context } = await open(browser, "", { viewport: { width, height: 900 } });
    for (let k = 0; k < 6; k++) {
      const b = await boxes(page);
      const legend = await page.locator("#player-legend").boundingBox();
      assert.ok(gap(b.caption, b.canvas) <= 48, `${width} px, scene ${k + 1}: the caption is ${gap(b.caption, b.canvas)} px from the drawing`);
      const l = { left: legend.x, top: legend.y, right: legend.x + legend.width, bottom: legend.y + legend.height };
      assert.ok(gap(l, b.canvas) <= 48 || gap(l, b.caption) <= 48, `${width} px: the legend is by the drawing`);
      await page.getByRole("button", { name: "Step forward" }).click();
    }
    expectClean(log);
    await context.close();
  }
});

test("the legend names the marks each scene draws, and the exp axis's scale", async () => {
  const { page, log, context } = await open(browser);
  const shown = () => page.$$eval("#player-legend li", (items) =>
    items.filter((li) => !li.hidden && li.offsetParent !== null).map((li) => li.dataset.mark));
  const first = await shown();
  assert.ok(first.includes("focus") && first.includes("bars") && !first.includes("point"), `scene 1: ${first}`);
  const note = () => page.textContent("#player-scale-note");
  const firstNote = await note();
  assert.match(firstNote, /axis runs from 0 to \d/);
  for (let k = 0; k < 4; k++) await page.getByRole("button", { name: "Step forward" }).click();
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await page.waitForTimeout(1500);
  await page.getByRole("button", { name: "Pause" }).click();
  const sweep = await shown();
  assert.ok(sweep.includes("point") && sweep.includes("path") && sweep.includes("trail"), `the sweep: ${sweep}`);
  assert.notEqual(await note(), firstNote, "the sweep's longer exp axis is pointed out");
  assert.match(await note(), /further than/);
  await page.getByRole("button", { name: "Step forward" }).click();
  await page.keyboard.press("Tab");
  await page.locator("#player-canvas").focus();
  await page.keyboard.press("End");
  const mask = await shown();
  assert.ok(mask.includes("masked-edge") && mask.includes("masked-bar") && mask.includes("past-axis"), `the mask: ${mask}`);
  expectClean(log);
  await context.close();
});

test("the instructions say how to use the player by touch, by mouse and by keyboard", async () => {
  const { page, log, context } = await open(browser);
  const help = await page.textContent("#player-help");
  assert.match(help, /tap/i);
  assert.match(help, /click/i);
  assert.match(help, /Space/);
  assert.match(help, /Home/);
  for (const name of ["Play", "Step back", "Step forward", "Restart"]) assert.ok(help.includes(name) || name === "Restart", name);
  assert.ok(!/source/i.test(await page.locator("#player").innerText()), "no authoring words left in the player");
  expectClean(log);
  await context.close();
});

test("nothing in the player is clipped or overflows at 320, 390, 768 and 1440 px", async () => {
  for (const width of [320, 390, 768, 1440]) {
    const { page, log, context } = await open(browser, "", { viewport: { width, height: 900 } });
    for (const zoom of ["1×", "2×"]) {
      await page.getByLabel("Zoom").selectOption({ label: zoom });
      await page.waitForTimeout(100);
      const problems = await page.evaluate(() => {
        const section = document.getElementById("player");
        const s = section.getBoundingClientRect();
        const out = [];
        for (const el of section.querySelectorAll("*")) {
          if (el.closest("[hidden], .visually-hidden") || el.getClientRects().length === 0) continue;
          const r = el.getBoundingClientRect();
          if (r.width === 0 && r.height === 0) continue;
          if (r.left < s.left - 1 || r.right > s.right + 1) out.push(`${el.tagName}#${el.id}.${el.className} sticks out: ${Math.round(r.left)}..${Math.round(r.right)}`);
          const style = getComputedStyle(el);
          if (style.overflowX !== "visible" && el.scrollWidth > el.clientWidth + 1 && el.tagName !== "SELECT") out.push(`${el.tagName}#${el.id} clips its content by ${el.scrollWidth - el.clientWidth} px`);
        }
        if (section.scrollWidth > section.clientWidth + 1) out.push(`the player is ${section.scrollWidth - section.clientWidth} px too wide`);
        return out;
      });
      assert.deepEqual(problems, [], `${width} px at ${zoom}`);
    }
    expectClean(log);
    await context.close();
  }
});

test("the player has no accessibility violations, zoomed or not, light or dark", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { page, log, context } = await open(browser, "", { colorScheme });
    await expectAccessible(page, "#player");
    for (let k = 0; k < 5; k++) await page.getByRole("button", { name: "Step forward" }).click();
    await page.selectOption("#player-zoom", { label: "2×" });
    await expectAccessible(page, "#player");
    const text = await page.locator("#player").innerText();
    assert.ok(!/NaN|undefined/.test(text));
    expectClean(log);
    await context.close();
  }
});

test("the player fits a phone screen and stacks the simplex under the bars", async () => {
  const { page, log, context } = await open(browser, "", { viewport: { width: 390, height: 800 }, deviceScaleFactor: 2 });
  const [overflow, aspect] = await page.evaluate(() => {
    const s = document.getElementById("player");
    const c = document.getElementById("player-canvas");
    return [s.scrollWidth - s.clientWidth, c.clientHeight / c.clientWidth];
  });
  assert.ok(overflow <= 1, `the player overflows by ${overflow} px`);
  assert.ok(aspect > 1, `the narrow drawing is taller than wide: ${aspect}`);
  const b = await boxes(page);
  assert.ok(b.simplex.top >= b.canvas.top + 0.3 * b.canvas.height, "the simplex is under the bars");
  await page.getByRole("button", { name: "Step forward" }).click();
  assert.ok((await shownTime(page)) > 0);
  await page.getByLabel("Zoom").selectOption({ label: "2×" });
  assert.match(await page.textContent("#player-zoom-note"), /narrow/, "a phone says why 2× is not applied in full");
  await expectAccessible(page, "#player");
  expectClean(log);
  await context.close();
});
