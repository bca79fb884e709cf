// The explorer as a person uses it: typing logits, dragging the point on
// the simplex, arrow keys, links, and bad input.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  launch, open, expectClean, expectAccessible, visibleText,
  shownProbabilities, assertClose, typeInto, BASE_URL, fieldMessage } from "./helpers.mjs";
import { explorerTexts, unreadableNumbers, watchLive, liveUpdates } from "./explorer-helpers.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("the page loads with no console errors and no accessibility violations", async () => {
  const { page, log, context } = await open(browser);
  assert.match(await page.title(), /softmax/i);
  await expectAccessible(page);
  expectClean(log);
  await context.close();
});

test("typing the logits 2, 1, 0 shows 0.665, 0.245 and 0.090", async () => {
  const { page, log, context } = await open(browser, "#logits=5,5,5&T=1");
  await typeInto(page, "#logit-1", "2");
  await typeInto(page, "#logit-2", "1");
  await typeInto(page, "#logit-3", "0");
  assertClose(await shownProbabilities(page), [0.665, 0.245, 0.090], 0.0005, "p");
  assert.equal(await page.locator("#logit-1").getAttribute("aria-invalid"), null);
  expectClean(log);
  await context.close();
});

test("the link #logits=1000,1001,999&T=1 shows 0.2447, 0.6652 and 0.0900", async () => {
  const { page, log, context } = await open(browser, "#logits=1000,1001,999&T=1");
  assert.deepEqual(await shownProbabilities(page), [0.2447, 0.6652, 0.09]);
  assert.equal(await page.inputValue("#logit-2"), "1001");
  expectClean(log);
  await context.close();
});

test("dragging the point on the simplex changes the logits and the URL", async () => {
  const { page, log, context } = await open(browser, "#logits=0,0,0&T=1");
  await page.locator("#simplex-canvas").scrollIntoViewIfNeeded();
  const box = await page.locator("#simplex-canvas").boundingBox();
  const before = await Promise.all([1, 2, 3].map((k) => page.inputValue(`#logit-${k}`)));
  const hashBefore = await page.evaluate(() => location.hash);
  // Start near the centre and drag towards the bottom-left vertex (class 1).
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.62);
  await page.mouse.down();
  for (let step = 1; step <= 10; step++) {
    await page.mouse.move(box.x + box.width * (0.5 - 0.025 * step), box.y + box.height * (0.62 + 0.015 * step));
  }
  await page.mouse.up();
  const after = await Promise.all([1, 2, 3].map((k) => page.inputValue(`#logit-${k}`)));
  assert.notDeepEqual(after, before);
  const p = await shownProbabilities(page);
  assert.ok(p[0] > p[1] && p[0] > p[2], `class 1 should lead after the drag: ${p}`);
  const hashAfter = await page.evaluate(() => location.hash);
  assert.notEqual(hashAfter, hashBefore);
  assert.match(hashAfter, /^#logits=[^&]+&T=1$/);
  expectClean(log);
  await context.close();
});

test("arrow keys move the point when the simplex has focus", async () => {
  const { page, log, context } = await open(browser, "#logits=0,0,0&T=1");
  await page.locator("#simplex-canvas").focus();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Shift+ArrowUp");
  const p = await shownProbabilities(page);
  assert.ok(p[2] > 0.4, `moving up should favour class 3 (top vertex): ${p}`);
  const label = await page.locator("#simplex-canvas").getAttribute("aria-label");
  assert.match(label, /simplex/i);
  expectClean(log);
  await context.close();
});

test("invalid input shows a message beside the field and keeps the last good state", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1");
  for (const bad of ["", "abc", "NaN", "1e999", "0x10", "1,5"]) {
    await typeInto(page, "#logit-2", bad);
    assert.equal(await page.locator("#logit-2").getAttribute("aria-invalid"), "true", bad);
    assert.notEqual(await fieldMessage(page, "#logit-2"), "", bad);
    assertClose(await shownProbabilities(page), [0.665, 0.245, 0.090], 0.0005, `after ${bad}`);
  }
  for (const bad of ["-1", "NaN", "abc", ""]) {
    await typeInto(page, "#temperature", bad);
    assert.equal(await page.locator("#temperature").getAttribute("aria-invalid"), "true", bad);
    assert.notEqual(await fieldMessage(page, "#temperature"), "", bad);
  }
  const text = await visibleText(page);
  assert.ok(!/\bNaN\b/.test(text) && !/undefined/.test(text), "no NaN or undefined on screen");
  expectClean(log);
  await context.close();
});

test("a bad link shows a message and the default state instead", async () => {
  const { page, log, context } = await open(browser, "#logits=1,abc,3&T=1");
  assert.equal(await page.isVisible("#explorer-link-error"), true);
  assertClose(await shownProbabilities(page), [0.665, 0.245, 0.090], 0.0005, "p");
  expectClean(log);
  await context.close();
});

test("a link to a heading keeps its fragment until the explorer is used", async () => {
  const { page, log, context } = await open(browser, "#max-trick");
  assert.equal(await page.evaluate(() => location.hash), "#max-trick");
  assert.equal(await page.isVisible("#explorer-link-error"), false);
  await page.locator("#t-zero").click();
  assert.match(await page.evaluate(() => location.hash), /^#logits=2,1,0&T=0$/);
  expectClean(log);
  await context.close();
});

test("tiny logits are written back short, in exponent form", async () => {
  const { page, log, context } = await open(browser, "#logits=1e-300,-2.5e-5,0.125&T=0.00125");
  assert.equal(await page.inputValue("#logit-1"), "1e-300");
  assert.equal(await page.inputValue("#logit-2"), "-2.5e-5");
  assert.equal(await page.inputValue("#logit-3"), "0.125");
  assert.equal(await page.inputValue("#temperature"), "0.00125");
  expectClean(log);
  await context.close();
});

test("if the labs' module cannot load, each part says so and the explorer keeps working", async () => {
  const context = await browser.newContext();
  await context.route("**/softmax_lesson_extras_bg.wasm", (route) => route.abort("failed"));
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(BASE_URL);
  await page.waitForSelector("html[data-ready='partial']", { state: "attached", timeout: 20000 });
  assert.equal(await page.isVisible("#fatal-error"), false, "no page-wide failure banner");
  for (const id of ["player", "lab-stability", "lab-attention", "lab-calibration", "practice"]) {
    const note = page.locator(`#${id} .part-unavailable`);
    assert.equal(await note.count(), 1, `#${id} explains itself`);
    assert.match(await note.textContent(), /could not be loaded .*reload the page/);
  }
  await typeInto(page, "#logit-1", "5");
  const p = await shownProbabilities(page);
  assert.ok(p[0] > 0.9, `the explorer still computes: ${p}`);
  assert.match(await page.textContent("#jacobian-block [data-echo]"), /x = \(5, 1, 0\)/, "and so does the lesson");
  assert.deepEqual(errors, [], "no uncaught error");
  await context.close();
});

const fieldValues = (page) => page.$$eval("#logit-fields input", (inputs) => inputs.map((i) => i.value));

test("a logit field takes -inf to mask a class, in every spelling, but not for every class", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1");
  for (const spelling of ["-inf", "−inf", "-Infinity", "-∞", "−∞"]) {
    await typeInto(page, "#logit-2", spelling);
    assert.equal(await page.locator("#logit-2").getAttribute("aria-invalid"), null, spelling);
    assert.deepEqual(await shownProbabilities(page), [0.8808, 0, 0.1192], spelling);
  }
  await page.locator("#logit-2").press("Enter");
  assert.equal(await page.inputValue("#logit-2"), "-inf", "shown back in a form that can be typed again");
  assert.equal(await page.evaluate(() => decodeURIComponent(location.hash)), "#logits=2,-inf,0&T=1");
  assert.equal(await page.textContent("#logp-rows tr:nth-child(2) td:nth-child(2)"), "−∞", "log p2 = −∞");
  // The bars and the simplex still draw, and nothing reads NaN.
  const text = await visibleText(page);
  assert.ok(!/\bNaN\b|undefined/.test(text), "no NaN on screen with a masked class");
  // Masking a second class leaves all the probability to the third...
  await typeInto(page, "#logit-1", "-inf");
  assert.deepEqual(await shownProbabilities(page), [0, 0, 1]);
  // ...and masking the last one is refused, with a message, keeping that state.
  await typeInto(page, "#logit-3", "-inf");
  assert.equal(await page.locator("#logit-3").getAttribute("aria-invalid"), "true");
  assert.match(await fieldMessage(page, "#logit-3"), /At least one class must stay unmasked/);
  assert.deepEqual(await shownProbabilities(page), [0, 0, 1]);
  // +inf takes all the probability, as the core's contract says.
  await typeInto(page, "#logit-3", "0");
  await typeInto(page, "#logit-1", "inf");
  assert.deepEqual(await shownProbabilities(page), [1, 0, 0]);
  // A link with a masked class opens as it was left.
  const fresh = await open(browser, "#logits=2,-inf,0&T=0.5");
  assert.deepEqual(await fieldValues(fresh.page), ["2", "-inf", "0"]);
  assert.deepEqual(await shownProbabilities(fresh.page), [0.982, 0, 0.018]);
  expectClean(fresh.log);
  await fresh.context.close();
  expectClean(log);
  await context.close();
});

test("Back undoes each committed field, drag and burst of keys, one step each, and never leaves the page", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1");
  const start = page.url();
  await typeInto(page, "#logit-1", "3");
  await page.locator("#logit-1").press("Enter");
  await typeInto(page, "#logit-2", "-0.5");
  await page.locator("#logit-2").press("Enter");
  // A burst of arrow keys on the triangle is one step...
  await page.locator("#simplex-canvas").focus();
  for (let k = 0; k < 4; k++) await page.keyboard.press("ArrowUp");
  await page.waitForTimeout(700);
  const afterKeys = await fieldValues(page);
  // ...and so is a drag.
  await page.locator("#simplex-canvas").scrollIntoViewIfNeeded();
  const box = await page.locator("#simplex-canvas").boundingBox();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let k = 1; k <= 6; k++) await page.mouse.move(box.x + box.width * (0.5 - 0.03 * k), box.y + box.height * (0.6 + 0.02 * k));
  await page.mouse.up();
  assert.notDeepEqual(await fieldValues(page), afterKeys);
  await page.goBack();
  assert.deepEqual(await fieldValues(page), afterKeys, "Back undoes the drag");
  await page.goBack();
  assert.deepEqual(await fieldValues(page), ["3", "-0.5", "0"], "Back undoes the keys");
  await page.goBack();
  assert.deepEqual(await fieldValues(page), ["3", "1", "0"], "Back undoes the second field");
  await page.goBack();
  assert.deepEqual(await fieldValues(page), ["2", "1", "0"], "Back undoes the first field");
  assert.equal(page.url(), start, "still on the page, at the state it opened with");
  assertClose(await shownProbabilities(page), [0.665, 0.245, 0.09], 5e-4, "p");
  await page.goForward();
  assert.deepEqual(await fieldValues(page), ["3", "1", "0"], "Forward redoes it");
  expectClean(log);
  await context.close();
});

test("Back from the first change returns to a heading link and to the state it showed", async () => {
  const { page, log, context } = await open(browser, "#max-trick");
  await typeInto(page, "#logit-3", "4");
  await page.locator("#logit-3").press("Enter");
  assert.match(await page.evaluate(() => location.hash), /^#logits=2,1,4&T=1$/);
  await page.goBack();
  assert.equal(await page.evaluate(() => location.hash), "#max-trick");
  assert.deepEqual(await fieldValues(page), ["2", "1", "0"]);
  expectClean(log);
  await context.close();
});

test("Home on the triangle gives exact zeros, and the keys leave short numbers everywhere", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1");
  await page.locator("#simplex-canvas").focus();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Home");
  assert.deepEqual(await fieldValues(page), ["0", "0", "0"]);
  await page.waitForTimeout(600);
  assert.equal(await page.evaluate(() => location.hash), "#logits=0,0,0&T=1");
  assert.deepEqual(await shownProbabilities(page), [0.3333, 0.3333, 0.3333]);
  const { text, hash } = await explorerTexts(page);
  assert.deepEqual(unreadableNumbers(`${text} ${hash}`), []);
  expectClean(log);
  await context.close();
});

test("a typed value keeps its digits in the state and the link; the field shows them rounded", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1");
  await watchLive(page);
  await typeInto(page, "#logit-1", "0.123456789");
  await page.locator("#logit-1").press("Enter");
  assert.equal(await page.inputValue("#logit-1"), "0.1235");
  assert.match(await page.evaluate(() => location.hash), /^#logits=0\.123456789,1,0&T=1$/);
  const spoken = (await liveUpdates(page)).filter((u) => u.id === "explorer-live");
  assert.equal(spoken.length, 1, "one summary once the typing is committed");
  assert.deepEqual(unreadableNumbers(spoken[0].text), []);
  expectClean(log);
  await context.close();
});

test("a half-typed number is not announced as an error; a pause or Enter shows the message", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1");
  await watchLive(page);
  const field = page.locator("#logit-2");
  await field.click();
  await field.press("Control+A");
  // On the way to -1.5 the field holds "-" and "-1." for a moment.
  await page.keyboard.type("-1.5", { delay: 120 });
  await page.waitForTimeout(1200);
  const errors = (await liveUpdates(page)).filter((u) => u.id === "logit-2-error" && u.text.trim() !== "");
  assert.deepEqual(errors, [], "no message is spoken while typing a good number");
  assert.equal(await field.getAttribute("aria-invalid"), null);
  // A bad value left alone is explained after the pause...
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  assert.equal(await field.getAttribute("aria-invalid"), "true", "the border says so at once");
  assert.equal((await page.textContent("#logit-2-error")).trim(), "", "the words wait for a pause");
  assert.notEqual(await fieldMessage(page, "#logit-2"), "");
  const spoken = (await liveUpdates(page)).filter((u) => u.id === "logit-2-error" && u.text.trim() !== "");
  assert.equal(spoken.length, 1, "the message is spoken once");
  // ...and at once when the field is committed.
  await field.press("Control+A");
  await page.keyboard.type("x");
  await field.press("Enter");
  assert.notEqual((await page.textContent("#logit-2-error")).trim(), "", "Enter shows the message at once");
  expectClean(log);
  await context.close();
});

test("the lesson's link into the explorer opens short logits, and Back returns from it", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1");
  const link = page.locator("#shift-scale-open");
  await link.scrollIntoViewIfNeeded();
  await page.locator("#scale-a").fill("37");
  const href = await link.getAttribute("href");
  assert.deepEqual(unreadableNumbers(href), [], href);
  await link.click();
  await page.waitForFunction((h) => location.hash === h, href);
  const shown = await fieldValues(page);
  assert.deepEqual(shown, href.match(/logits=([^&]*)/)[1].split(","), "the fields show the link's logits");
  await page.goBack();
  assert.deepEqual(await fieldValues(page), ["2", "1", "0"]);
  expectClean(log);
  await context.close();
});

test("a link can name a section and a state together, iso-lines included, and the page opens there", async () => {
  const { page, log, context } = await open(browser, "#jacobian&logits=2,2,0&T=0.5&iso=1");
  assert.deepEqual(await fieldValues(page), ["2", "2", "0"]);
  assert.equal(await page.inputValue("#temperature"), "0.5");
  assert.equal(await page.isChecked("#contours"), true, "the iso-lines come from the link");
  assert.equal(await page.isVisible("#explorer-link-error"), false);
  const top = await page.evaluate(() => document.getElementById("jacobian").getBoundingClientRect().top);
  assert.ok(top >= -1 && top < 80, `the Jacobian section is at the top of the screen (${top} px)`);
  assert.equal(await page.evaluate(() => location.hash), "#jacobian&logits=2,2,0&T=0.5&iso=1");
  expectClean(log);
  await context.close();
});

test("a change made further down writes that section into the link; the iso-lines switch is a state", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1");
  await page.locator("#contours").check();
  assert.match(await page.evaluate(() => location.hash), /^#logits=2,1,0&T=1&iso=1$/, "at the top, no section");
  const ratio = page.locator("#ratio-k");
  await ratio.scrollIntoViewIfNeeded();
  const section = await ratio.evaluate((el) => el.closest("main section[id]").id);
  await ratio.selectOption("2");
  const hash = await page.evaluate(() => location.hash);
  assert.ok(hash.startsWith(`#${section}&logits=2,1,0&T=1`), hash);
  assert.match(hash, /&iso=1/);
  // Opening that address again comes back to the same place and state.
  await page.reload();
  await page.waitForSelector("html[data-ready='true']", { state: "attached" });
  assert.equal(await page.isChecked("#contours"), true);
  assert.equal(await page.inputValue("#ratio-k"), "2");
  const top = await page.evaluate((id) => document.getElementById(id).getBoundingClientRect().top, section);
  assert.ok(top >= -1 && top < 80, `back at ${section} (${top} px)`);
  await page.goBack();
  assert.equal(await page.isChecked("#contours"), true, "Back undoes the ratio choice, not the iso-lines");
  assert.equal(await page.inputValue("#ratio-k"), "1", "the ratio is back to p1 / p2");
  await page.goBack();
  assert.equal(await page.isChecked("#contours"), false, "and then the iso-lines");
  expectClean(log);
  await context.close();
});

test("Space on a focused view does not scroll the page away, and a listener never hears a false 0 or 1", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1");
  await watchLive(page);
  const simplex = page.locator("#simplex-canvas");
  await simplex.focus();
  const before = await page.evaluate(() => scrollY);
  await page.keyboard.press(" ");
  assert.equal(await page.evaluate(() => scrollY), before, "Space leaves the page where it was");
  await page.keyboard.press("End");
  await page.waitForTimeout(900);
  const spoken = (await liveUpdates(page)).filter((u) => u.id === "explorer-live").map((u) => u.text);
  const last = spoken.at(-1) ?? "";
  assert.match(last, /give probabilities above 0\.999, below 0\.001, below 0\.001/, last);
  expectClean(log);
  await context.close();
});
