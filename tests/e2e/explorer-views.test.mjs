// The linked views of the explorer, used as a person would: dragging bars,
// the temperature slider and its limits, shifting every logit, keyboard
// only, links, Back, more classes, downloads, phone width and dark theme.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  launch, open, expectClean, expectAccessible, visibleText,
  shownProbabilities, assertClose, typeInto,
} from "./helpers.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const logits = (page) => page.$$eval("#logit-fields input", (inputs) => inputs.map((i) => Number(i.value)));

test("dragging a bar up raises that logit and its probability", async () => {
  const { page, log, context } = await open(browser, "#logits=0,0,0&T=1");
  await page.locator("#bars-canvas").scrollIntoViewIfNeeded();
  const box = await page.locator("#bars-canvas").boundingBox();
  // The logit panel is the left third; bar 1 sits in its first slot.
  const panelWidth = box.width / 3;
  const x = box.x + 40 + (panelWidth - 50) / 6;
  const y0 = box.y + box.height / 2;
  await page.mouse.move(x, y0);
  await page.mouse.down();
  for (let k = 1; k <= 8; k++) await page.mouse.move(x, y0 - 6 * k);
  await page.mouse.up();
  const [x1, x2, x3] = await logits(page);
  assert.ok(x1 > 0.5, `logit 1 rose: ${x1}`);
  assert.equal(x2, 0);
  assert.equal(x3, 0);
  const p = await shownProbabilities(page);
  assert.ok(p[0] > p[1] && Math.abs(p[1] - p[2]) < 1e-9);
  expectClean(log);
  await context.close();
});

test("the temperature slider is logarithmic and the limits are one click away", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1");
  const slider = page.locator("#temperature-slider");
  await slider.focus();
  await page.keyboard.press("End");
  assert.equal(await page.inputValue("#temperature"), "100");
  const flat = await shownProbabilities(page);
  assert.ok(Math.max(...flat) - Math.min(...flat) < 0.01, `T = 100 is nearly uniform: ${flat}`);
  await page.keyboard.press("Home");
  assert.equal(await page.inputValue("#temperature"), "0.01");
  // The slider moves in steps of 0.01 in log10 T: 10^0.3 = 1.995.
  await slider.fill("0.3");
  assert.equal(await page.inputValue("#temperature"), "1.995");
  await typeInto(page, "#temperature", "2");
  assertClose(await shownProbabilities(page), [0.506, 0.307, 0.186], 5e-4, "T = 2");
  assert.equal(await slider.inputValue(), "0.3", "typing T moves the slider too");
  await page.click("#t-zero");
  assert.deepEqual(await shownProbabilities(page), [1, 0, 0]);
  assert.equal(await page.textContent("#beta-out"), "∞");
  await page.click("#t-infinity");
  assert.deepEqual(await shownProbabilities(page), [0.3333, 0.3333, 0.3333]);
  assert.equal(await page.textContent("#beta-out"), "0");
  const text = await visibleText(page);
  assert.ok(!/\bNaN\b|undefined/.test(text));
  expectClean(log);
  await context.close();
});

test("shifting every logit moves the bars but not the point, by even one pixel", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1");
  // The canvas's own backing store, pixel for pixel (a screenshot would also
  // see sub-pixel scrolling).
  const pixels = () => page.$eval("#simplex-canvas", (c) => c.toDataURL("image/png"));
  const before = await pixels();
  const probabilities = await shownProbabilities(page);
  await typeInto(page, "#shift-amount", "10");
  await page.click("#shift-up");
  assert.deepEqual(await logits(page), [12, 11, 10]);
  assert.deepEqual(await shownProbabilities(page), probabilities);
  assert.equal(await pixels(), before, "the simplex canvas changed after a shift");
  await page.click("#shift-down");
  await page.click("#shift-down");
  assert.deepEqual(await logits(page), [-8, -9, -10]);
  assert.equal(await pixels(), before);
  await typeInto(page, "#shift-amount", "abc");
  assert.equal(await page.locator("#shift-amount").getAttribute("aria-invalid"), "true");
  await page.click("#shift-up");
  assert.deepEqual(await logits(page), [-8, -9, -10], "a bad amount changes nothing");
  expectClean(log);
  await context.close();
});

test("the keyboard alone can choose a bar and change its logit", async () => {
  const { page, log, context } = await open(browser, "#logits=0,0,0&T=1");
  await page.locator("#bars-canvas").focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Shift+ArrowUp");
  assert.deepEqual(await logits(page), [0, 1.1, 0]);
  assert.match(await page.textContent("#bars-live"), /Logit 2 is 1\.1/);
  await page.keyboard.press("End");
  assert.deepEqual(await logits(page), [0, 5, 0]);
  // Tab onwards reaches the controls in order, and Enter presses a button.
  await page.locator("#t-zero").focus();
  await page.keyboard.press("Enter");
  assert.equal(await page.inputValue("#temperature"), "0");
  expectClean(log);
  await context.close();
});

test("a copied link opens the same state in a fresh page, and Back undoes a change", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1", {
    permissions: ["clipboard-read", "clipboard-write"],
  });
  await typeInto(page, "#logit-1", "3");
  await page.locator("#logit-1").press("Tab");
  await page.selectOption("#target-class", "1");
  await page.click("#t-zero");
  await page.click("#copy-link");
  await page.waitForFunction(() => document.getElementById("copy-status").textContent !== "");
  assert.match(await page.textContent("#copy-status"), /Link copied/);
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(link, await page.evaluate(() => location.href));
  assert.match(link, /#logits=3,1,0&T=0&ce=2$/);
  const fresh = await open(browser, link.slice(link.indexOf("#")));
  assert.deepEqual(await logits(fresh.page), [3, 1, 0]);
  assert.equal(await fresh.page.inputValue("#temperature"), "0");
  assert.equal(await fresh.page.inputValue("#target-class"), "1");
  assert.deepEqual(await shownProbabilities(fresh.page), [1, 0, 0]);
  expectClean(fresh.log);
  await fresh.context.close();
  await page.goBack();
  assert.equal(await page.inputValue("#temperature"), "1");
  assert.deepEqual(await logits(page), [3, 1, 0]);
  await page.goForward();
  assert.equal(await page.inputValue("#temperature"), "0");
  await page.click("#reset-explorer");
  assert.deepEqual(await logits(page), [2, 1, 0]);
  expectClean(log);
  await context.close();
});

test("more classes: fields, bars and the Jacobian adapt, and rows sum to zero", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1");
  await page.selectOption("#class-count", "5");
  assert.deepEqual(await logits(page), [2, 1, 0, 0, 0]);
  assert.equal(await page.isVisible("#simplex-unavailable"), true);
  assert.equal(await page.isVisible("#simplex-canvas"), false);
  const sums = await page.$$eval("[data-row-sum]", (cells) => cells.map((c) => c.textContent));
  assert.deepEqual(sums, ["0.000", "0.000", "0.000", "0.000", "0.000"]);
  assert.equal(await page.locator("#jacobian-rows tr").count(), 5);
  assert.match(await page.evaluate(() => location.hash), /^#logits=2,1,0,0,0&T=1/);
  await page.click("#t-zero");
  const cold = await page.$$eval("#jacobian-rows td", (cells) => cells.map((c) => c.textContent));
  assert.ok(cold.every((v) => v === "0.000"), `at T = 0 the Jacobian vanishes: ${cold}`);
  await page.selectOption("#class-count", "3");
  assert.equal(await page.isVisible("#simplex-canvas"), true);
  expectClean(log);
  await context.close();
});

test("any view downloads as PNG and as SVG", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1");
  // The two-class curves are one of the views gathered under the playground.
  await page.click("#all-views");
  for (const view of ["simplex", "bars", "curves", "jacobian"]) {
    const box = page.locator(`.export[data-view="${view}"]`);
    const [png] = await Promise.all([page.waitForEvent("download"), box.getByText("Download PNG").click()]);
    const pngBytes = await streamBytes(await png.createReadStream());
    assert.equal(png.suggestedFilename(), `softmax-${view}.png`);
    assert.deepEqual([...pngBytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    const [svg] = await Promise.all([page.waitForEvent("download"), box.getByText("Download SVG").click()]);
    const svgText = (await streamBytes(await svg.createReadStream())).toString("utf8");
    assert.match(svgText, /^<svg/);
    assert.ok(svgText.length > 1000, `${view}.svg has content`);
  }
  expectClean(log);
  await context.close();
});

test("phone width: no sideways scrolling and every control reachable", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1", {
    viewport: { width: 390, height: 844 }, hasTouch: true, deviceScaleFactor: 2,
  });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
  for (const id of ["#logit-1", "#temperature-slider", "#t-zero", "#shift-up", "#simplex-canvas", "#bars-canvas", "#copy-link"]) {
    const box = await page.locator(id).boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `${id} fits the screen`);
    assert.ok(box.height >= 24, `${id} is big enough to tap`);
  }
  // Once on screen, the canvas is drawn with a backing store scaled for the 2x screen.
  await page.locator("#simplex-canvas").scrollIntoViewIfNeeded();
  await page.waitForFunction(() => {
    const c = document.getElementById("simplex-canvas");
    return Math.abs(c.width / c.getBoundingClientRect().width - 2) < 0.02;
  }, null, { timeout: 2000 }).catch(() => {});
  const ratio = await page.$eval("#simplex-canvas", (c) => c.width / c.getBoundingClientRect().width);
  assert.ok(Math.abs(ratio - 2) < 0.02, `canvas backing store ratio ${ratio}`);
  // A tap moves the point.
  const canvas = await page.locator("#simplex-canvas").boundingBox();
  await page.touchscreen.tap(canvas.x + canvas.width * 0.5, canvas.y + canvas.height * 0.3);
  const p = await shownProbabilities(page);
  assert.ok(p[2] > 0.5, `tapping near the top favours class 3: ${p}`);
  expectClean(log);
  await context.close();
});

test("the dark theme follows the system, the toggle switches it, and both pass axe", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1", { colorScheme: "dark" });
  assert.equal(await page.getAttribute("html", "data-theme"), "dark");
  await expectAccessible(page, "#explorer");
  await page.click("#theme-toggle");
  assert.equal(await page.getAttribute("html", "data-theme"), "light");
  await expectAccessible(page, "#explorer");
  await page.reload();
  await page.waitForSelector("html[data-ready='true']", { state: "attached" });
  assert.equal(await page.getAttribute("html", "data-theme"), "light", "the choice is remembered");
  expectClean(log);
  await context.close();
});

async function streamBytes(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

test("views below the fold are drawn soon after the first view, ready to print", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1", { viewport: { width: 1280, height: 720 } });
  const below = await page.evaluate(() => document.getElementById("jacobian-canvas").getBoundingClientRect().top > window.innerHeight);
  assert.ok(below, "the Jacobian view starts off screen");
  const drawn = await page.evaluate(() => {
    const c = document.getElementById("jacobian-canvas");
    const data = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4 * 53) colours.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
    return { width: c.width, css: c.clientWidth, colours: colours.size };
  });
  assert.equal(drawn.width, drawn.css, "the backing store fits the canvas (device pixel ratio 1)");
  assert.ok(drawn.colours > 5, `the heatmap is drawn (${drawn.colours} colours)`);
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.isVisible("#jacobian-canvas"), true, "and it is printed");
  expectClean(log);
  await context.close();
});
