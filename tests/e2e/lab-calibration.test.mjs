// The calibration lab as a reader uses it: the preset loads, Fit T lowers
// the calibration error, and the slider moves the numbers and both charts.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, expectClean, expectAccessible } from "./helpers.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The lab's numbers as shown on the page ("7.0 %" reads as 7). */
async function numbers(page) {
  const read = async (id) => {
    const text = (await page.textContent(`#${id}`)).trim();
    assert.match(text, /^−?\d+(\.\d+)?( %)?$/, `#${id} shows a number, not ${JSON.stringify(text)}`);
    return Number(text.replace("−", "-").replace(" %", ""));
  };
  return {
    nllBefore: await read("cal-nll-before"),
    nllNow: await read("cal-nll-now"),
    eceBefore: await read("cal-ece-before"),
    eceNow: await read("cal-ece-now"),
    accuracyBefore: await read("cal-acc-before"),
    accuracyNow: await read("cal-acc-now"),
    t: await read("cal-t"),
  };
}

const pictures = (page) =>
  page.evaluate(() => ["cal-nll-canvas", "cal-reliability-canvas"].map((id) => document.getElementById(id).toDataURL()));

test("the calibration lab loads with its preset, as trained", async () => {
  const { page, log, context } = await open(browser);
  assert.match(await page.textContent("#cal-set"), /\d+ examples, \d+ classes/);
  assert.equal((await page.textContent("#cal-fitted")).trim(), "not fitted yet");
  const n = await numbers(page);
  assert.equal(n.t, 1);
  assert.equal(n.nllNow, n.nllBefore);
  assert.equal(n.eceNow, n.eceBefore);
  assert.ok(n.eceBefore > 5, `the preset classifier is visibly miscalibrated: ECE ${n.eceBefore} %`);
  assert.equal(await page.locator("#cal-bins tr").count(), 10);
  const text = await page.locator("#lab-calibration").innerText();
  assert.ok(!/NaN|undefined/.test(text), "no NaN or undefined in the lab");
  await expectAccessible(page, "#lab-calibration");
  expectClean(log);
  await context.close();
});

test("Fit T moves the calibration error down and keeps the accuracy", async () => {
  const { page, log, context } = await open(browser);
  const before = await numbers(page);
  const sliderBefore = await page.inputValue("#cal-slider");
  await page.getByRole("button", { name: "Fit T" }).click();
  const after = await numbers(page);
  const fitted = Number((await page.textContent("#cal-fitted")).trim());
  assert.ok(fitted > 1, `an over-confident model needs T > 1, got ${fitted}`);
  const trueT = Number((await page.textContent("#cal-true-t")).trim());
  assert.ok(Math.abs(fitted - trueT) / trueT < 0.15, `fitted ${fitted} is near the true factor ${trueT}`);
  assert.equal(after.t, fitted);
  assert.ok(after.eceNow < before.eceNow, `ECE ${before.eceNow} % -> ${after.eceNow} %`);
  assert.ok(after.nllNow < before.nllNow, `NLL ${before.nllNow} -> ${after.nllNow}`);
  assert.equal(after.eceBefore, before.eceBefore, "the 'as trained' column stays put");
  assert.equal(after.accuracyNow, before.accuracyNow, "temperature never changes the predicted class");
  assert.notEqual(await page.inputValue("#cal-slider"), sliderBefore, "the slider follows the fit");
  await page.getByRole("button", { name: "Reset T" }).click();
  assert.deepEqual(await numbers(page), before);
  expectClean(log);
  await context.close();
});

test("the wasm build shows the same preset scores as the native core", async () => {
  // The strings of PRESET_SHOWN in tests/labs_calibration.rs, which the
  // native test checks against the core: equal here means the seeded data
  // and the fit agree on native and wasm.
  const { page, log, context } = await open(browser);
  const text = async (id) => (await page.textContent(`#${id}`)).trim();
  assert.deepEqual([await text("cal-nll-before"), await text("cal-ece-before")], ["1.296", "19.2 %"]);
  await page.getByRole("button", { name: "Fit T" }).click();
  assert.deepEqual(
    [await text("cal-nll-now"), await text("cal-ece-now"), await text("cal-fitted")],
    ["0.977", "7.0 %", "2.511"],
  );
  expectClean(log);
  await context.close();
});

test("the temperature slider updates the numbers and both charts", async () => {
  const { page, log, context } = await open(browser);
  const before = await numbers(page);
  const picturesBefore = await pictures(page);
  await page.locator("#cal-slider").focus();
  for (let i = 0; i < 30; i++) await page.keyboard.press("ArrowRight");
  const after = await numbers(page);
  assert.ok(after.t > before.t, `T ${before.t} -> ${after.t}`);
  assert.notEqual(after.nllNow, before.nllNow);
  assert.notEqual(after.eceNow, before.eceNow);
  assert.equal(after.nllBefore, before.nllBefore);
  assert.match(await page.getAttribute("#cal-slider", "aria-valuetext"), /^T = /);
  const picturesAfter = await pictures(page);
  assert.notEqual(picturesAfter[0], picturesBefore[0], "the NLL chart moved its marker");
  assert.notEqual(picturesAfter[1], picturesBefore[1], "the reliability diagram changed");
  // Far to the cold end: still numbers, never NaN.
  await page.keyboard.press("Home");
  const cold = await numbers(page);
  assert.ok(cold.t < 0.2 && cold.nllNow > before.nllNow);
  expectClean(log);
  await context.close();
});

test("the lab fits a phone screen in the dark theme without sideways scrolling", async () => {
  const { page, log, context } = await open(browser, "", { viewport: { width: 390, height: 800 }, colorScheme: "dark" });
  const overflow = await page.evaluate(() => {
    const s = document.getElementById("lab-calibration");
    return s.scrollWidth - s.clientWidth;
  });
  assert.ok(overflow <= 1, `the section overflows by ${overflow} px`);
  await page.getByRole("button", { name: "Fit T" }).click();
  await expectAccessible(page, "#lab-calibration");
  expectClean(log);
  await context.close();
});
