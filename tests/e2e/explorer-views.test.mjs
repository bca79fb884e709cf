// The linked views of the explorer, used as a person would: dragging bars,
// the temperature slider and its limits, shifting every logit, keyboard
// only, links, Back, more classes, downloads, phone width and dark theme.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  launch, open, expectClean, expectAccessible, visibleText,
  shownProbabilities, assertClose, typeInto,
} from "./helpers.mjs";
import {
  explorerTexts, unreadableNumbers, softmax, watchLive, liveUpdates, liveRegionsInTree, sliderValueInTree,
} from "./explorer-helpers.mjs";

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
  await page.waitForFunction(() => /Logits 0, 1\.1, 0 give/.test(document.getElementById("explorer-live").textContent));
  assert.match(await page.textContent("#explorer-live"), /^Bar 2 chosen\. Logits 0, 1\.1, 0 give probabilities 0\.2, 0\.6, 0\.2 \(T = 1\)\.$/);
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
  // A finger away from the point does not move it (a swipe there scrolls
  // the page); a finger on the point drags it.
  const canvas = await page.locator("#simplex-canvas").boundingBox();
  await page.touchscreen.tap(canvas.x + canvas.width * 0.5, canvas.y + canvas.height * 0.3);
  assert.deepEqual(await shownProbabilities(page), [0.6652, 0.2447, 0.09], "a tap away from the point leaves it");
  // Where the point is drawn: the centre of the accent-coloured dot.
  const dot = await page.$eval("#simplex-canvas", (c) => {
    const { data, width, height } = c.getContext("2d").getImageData(0, 0, c.width, c.height);
    let sx = 0, sy = 0, count = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = 4 * (y * width + x);
        if (Math.abs(data[i] - 180) < 12 && Math.abs(data[i + 1] - 35) < 12 && Math.abs(data[i + 2] - 24) < 12) { sx += x; sy += y; count++; }
      }
    }
    const scale = c.width / c.getBoundingClientRect().width;
    return { x: sx / count / scale, y: sy / count / scale, count };
  });
  assert.ok(dot.count > 10, "the point is drawn in the accent colour");
  const cdp = await context.newCDPSession(page);
  const at = (dx, dy) => [{ x: Math.round(canvas.x + dot.x + dx), y: Math.round(canvas.y + dot.y + dy) }];
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: at(0, 0) });
  for (let k = 1; k <= 10; k++) await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: at(8 * k, -15 * k) });
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  const p = await shownProbabilities(page);
  assert.ok(p[2] > 0.2 && p[0] < 0.6, `dragging the point up and right moves it towards class 3: ${p}`);
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

/** Drag with the mouse from (x0, y0) through `path` (fractions of the canvas box). */
async function drag(page, selector, path) {
  const canvas = page.locator(selector);
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const at = ([fx, fy]) => [box.x + box.width * fx, box.y + box.height * fy];
  await page.mouse.move(...at(path[0]));
  await page.mouse.down();
  for (const point of path.slice(1)) await page.mouse.move(...at(point), { steps: 3 });
  await page.mouse.up();
}

test("after drags and keys on every draggable view, every number shown or linked is readable and agrees with the state", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1");
  const barsBox = await page.locator("#bars-canvas").boundingBox();
  // The logit panel is the left third, with a 40 px margin on its left.
  const barFraction = (k) => (40 + (barsBox.width / 3 - 50) * ((k - 0.5) / 3)) / barsBox.width;
  const actions = [
    ["drag on the triangle", () => drag(page, "#simplex-canvas", [[0.5, 0.6], [0.37, 0.71], [0.29, 0.77], [0.61, 0.43]])],
    ["arrow keys on the triangle", async () => {
      await page.locator("#simplex-canvas").focus();
      for (const key of ["ArrowUp", "ArrowLeft", "Shift+ArrowRight", "ArrowDown", "PageUp"]) await page.keyboard.press(key);
    }],
    ["End on the triangle", () => page.keyboard.press("End")],
    ["drag a bar", () => drag(page, "#bars-canvas", [[barFraction(2), 0.45], [barFraction(2), 0.313], [barFraction(2), 0.587]])],
    ["keys on the bars", async () => {
      await page.locator("#bars-canvas").focus();
      for (const key of ["ArrowRight", "ArrowUp", "Shift+ArrowDown", "PageUp", "ArrowRight", "ArrowDown"]) await page.keyboard.press(key);
    }],
    ["the slider", async () => {
      await page.locator("#temperature-slider").focus();
      for (const key of ["ArrowLeft", "ArrowLeft", "PageDown"]) await page.keyboard.press(key);
    }],
    ["a drag at the new temperature", () => drag(page, "#simplex-canvas", [[0.45, 0.62], [0.52, 0.55]])],
    ["Shift every logit by 0.1", async () => {
      await typeInto(page, "#shift-amount", "0.1");
      await page.click("#shift-up");
    }],
  ];
  for (const [what, act] of actions) {
    await act();
    await page.waitForTimeout(600);
    const { text, hash, logits: shown } = await explorerTexts(page);
    assert.deepEqual(unreadableNumbers(text), [], `after ${what}: ${text.slice(0, 200)}`);
    assert.deepEqual(unreadableNumbers(hash), [], `the link after ${what}: ${hash}`);
    // What is shown is what is linked...
    const linked = hash.match(/logits=([^&]*)/)[1].split(",");
    assert.deepEqual(shown, linked, `fields and link agree after ${what}`);
    // ...and the probabilities shown are those of the logits shown.
    const t = Number(await page.inputValue("#temperature"));
    assertClose(await shownProbabilities(page), softmax(shown.map(Number), t), 6e-5, `p after ${what}`);
  }
  expectClean(log);
  await context.close();
});

test("the temperature slider announces T, not its position on the log scale", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1");
  const slider = page.locator("#temperature-slider");
  assert.equal(await sliderValueInTree(page), "T = 1");
  await slider.focus();
  await page.keyboard.press("ArrowLeft");
  assert.equal(await slider.getAttribute("aria-valuetext"), "T = 0.9772");
  assert.equal(await sliderValueInTree(page), "T = 0.9772");
  await slider.fill("-0.41");
  assert.equal(await sliderValueInTree(page), "T = 0.389");
  await page.keyboard.press("End");
  assert.equal(await sliderValueInTree(page), "T = 100");
  await page.click("#t-zero");
  assert.equal(await sliderValueInTree(page), "T = 0 (argmax limit)");
  await page.click("#t-infinity");
  assert.equal(await sliderValueInTree(page), "T = infinity (uniform limit)");
  await typeInto(page, "#temperature", "0.002");
  assert.equal(await sliderValueInTree(page), "T = 0.002", "below the slider's range it still says the true T");
  expectClean(log);
  await context.close();
});

test("the view keys never scroll the page, on the triangle or the bars", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1", { viewport: { width: 1280, height: 700 } });
  for (const id of ["simplex-canvas", "bars-canvas"]) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await page.evaluate((id) => document.getElementById(id).focus({ preventScroll: true }), id);
    for (const key of ["End", "Home", "PageDown", "PageUp", "ArrowDown", "ArrowUp", "End", "ArrowLeft", "ArrowRight"]) {
      const before = await page.evaluate(() => [scrollX, scrollY]);
      await page.keyboard.press(key);
      await page.waitForTimeout(50);
      assert.deepEqual(await page.evaluate(() => [scrollX, scrollY]), before, `${key} on #${id} scrolled the page`);
      assert.equal(await page.evaluate(() => document.activeElement.id), id);
    }
  }
  // End on the triangle heads for the leading class's corner.
  await page.locator("#simplex-canvas").focus();
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("End");
  const p = await shownProbabilities(page);
  assert.ok(p[0] > 0.999, `End goes to the corner of class 1: ${p}`);
  expectClean(log);
  await context.close();
});

test("a listener hears one short rounded summary per interaction, and the read-outs are not live regions", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0.1&T=1");
  // The accessibility tree: no read-out of the explorer is a live region.
  const live = await liveRegionsInTree(page);
  for (const quiet of ["beta-out", "lse-out", "entropy-out", "cross-entropy-out", "ratio-out", "nudged-out", "simplex-text"]) {
    assert.ok(!live.includes(quiet), `#${quiet} is a live region`);
  }
  assert.ok(live.includes("explorer-live"), "the explorer has its live region");
  await watchLive(page);
  const barsBox = await page.locator("#bars-canvas").boundingBox();
  const barFraction = (k) => (40 + (barsBox.width / 3 - 50) * ((k - 0.5) / 3)) / barsBox.width;
  const interactions = [
    ["five arrow keys on the triangle", async () => {
      await page.locator("#simplex-canvas").focus();
      for (let k = 0; k < 5; k++) await page.keyboard.press(k % 2 ? "ArrowUp" : "ArrowLeft");
    }],
    ["a drag on the triangle", () => drag(page, "#simplex-canvas", [[0.5, 0.6], [0.4, 0.7], [0.35, 0.72], [0.3, 0.75], [0.33, 0.7]])],
    ["keys on the bars", async () => {
      await page.locator("#bars-canvas").focus();
      for (const key of ["ArrowRight", "ArrowRight", "ArrowUp", "ArrowUp", "ArrowDown"]) await page.keyboard.press(key);
    }],
    ["a bar dragged", () => drag(page, "#bars-canvas", [[barFraction(1), 0.4], [barFraction(1), 0.35], [barFraction(1), 0.3]])],
    ["three steps of the slider", async () => {
      await page.locator("#temperature-slider").focus();
      for (let k = 0; k < 3; k++) await page.keyboard.press("ArrowLeft");
    }],
    ["T = 0", () => page.click("#t-zero")],
  ];
  for (const [what, act] of interactions) {
    await act();
    await page.waitForTimeout(800);
    const updates = await liveUpdates(page);
    assert.equal(updates.length, 1, `${what}: ${JSON.stringify(updates)}`);
    const [{ id, text }] = updates;
    assert.equal(id, "explorer-live", what);
    assert.match(text, /Logits .+ give probabilities .+ \(T = .+\)\.$/, what);
    assert.deepEqual(unreadableNumbers(text), [], what);
    assert.ok(text.length < 140, `short: ${text}`);
  }
  // A drag is heard when it ends, not while the pointer pauses.
  await page.click("#t-one");
  await page.waitForTimeout(800);
  await liveUpdates(page);
  const canvas = page.locator("#simplex-canvas");
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.6);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.65);
  await page.waitForTimeout(700);
  assert.deepEqual(await liveUpdates(page), [], "nothing is said mid-drag");
  await page.mouse.up();
  await page.waitForTimeout(100);
  assert.equal((await liveUpdates(page)).length, 1, "one summary as the drag ends");
  expectClean(log);
  await context.close();
});
