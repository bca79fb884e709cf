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
  await page.getByRole("button", { name: "Play" }).click();
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
  await page.getByRole("button", { name: "Play" }).click();
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
  await page.getByRole("button", { name: "Play" }).click();
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
  await page.getByRole("button", { name: "Play" }).click();
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
  await page.getByRole("button", { name: "Play" }).click();
  const next = await shownTime(page);
  assert.ok(next > boundary && (await currentScene(page)) === 1, `${boundary} -> ${next}`);
  expectClean(log);
  await context.close();
});

test("the player has no accessibility violations, zoomed or not, light or dark", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { page, log, context } = await open(browser, "", { colorScheme });
    await expectAccessible(page, "#player");
    await page.selectOption("#player-zoom", { label: "2×" });
    const widths = await page.evaluate(() => {
      const stage = document.getElementById("player-stage");
      return [stage.clientWidth, document.getElementById("player-canvas").clientWidth];
    });
    assert.ok(widths[1] > 1.8 * widths[0], `zoom 2× doubles the drawing: ${widths}`);
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
  await page.getByRole("button", { name: "Step forward" }).click();
  assert.ok((await shownTime(page)) > 0);
  await expectAccessible(page, "#player");
  expectClean(log);
  await context.close();
});
