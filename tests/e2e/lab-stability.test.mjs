// The stability lab as a person uses it: presets, formats, typed logits,
// the marks where inf, NaN and underflow first appear, and the keyboard.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, expectClean, expectAccessible, typeInto, fieldMessage } from "./helpers.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The cell of `route` at stage `stage`, logit `i` (1-based), or its scalar. */
function cell(page, route, stage, i = null) {
  const base = `#lab-stability [data-route="${route}"]`;
  return i === null
    ? page.locator(`${base} dd[data-stage="${stage}"]`)
    : page.locator(`${base} tbody tr:nth-child(${i}) td[data-stage="${stage}"]`);
}

async function value(locator) {
  return (await locator.locator(".v").textContent()).trim();
}

async function choosePreset(page, index) {
  await page.selectOption("#stab-preset", String(index));
}

test("the lab opens on (1000, 1001, 999) in f64: naive code overflows, then turns NaN", async () => {
  const { page, log, context } = await open(browser);
  assert.equal(await page.inputValue("#stab-logits"), "1000, 1001, 999");
  assert.equal(await page.inputValue("#stab-format"), "f64");
  const e1 = cell(page, "naive", "e = exp(x)", 1);
  assert.equal(await value(e1), "∞");
  assert.equal(await e1.getAttribute("data-mark"), "overflow");
  assert.equal(await e1.getAttribute("data-first"), "true");
  assert.match(await e1.textContent(), /first overflow/);
  const p1 = cell(page, "naive", "p = e / S", 1);
  assert.equal(await value(p1), "NaN");
  assert.equal(await p1.getAttribute("data-first"), "true");
  assert.match(await p1.textContent(), /first NaN/);
  const summary = await page.textContent('#lab-stability [data-route="naive"] .route-summary');
  assert.match(summary, /infinity appears first at e = exp\(x\) for logit 1/);
  assert.match(summary, /\. NaN appears first at p = e \/ S for logit 1\./);
  // The max-shifted route gives the source page's probabilities, unmarked.
  const p = [];
  for (const i of [1, 2, 3]) p.push(Number(await value(cell(page, "shifted", "p = e / S", i))));
  assert.deepEqual(p.map((v) => v.toFixed(4)), ["0.2447", "0.6652", "0.0900"]);
  assert.equal(await page.locator('#lab-stability [data-route="shifted"] [data-mark]').count(), 0);
  assert.equal(await page.locator('#lab-stability [data-route="exact"] [data-mark]').count(), 0);
  expectClean(log);
  await context.close();
});

test("f32 on (88, 89, 90) overflows at exp(89) in naive code but not after the shift", async () => {
  const { page, log, context } = await open(browser);
  await choosePreset(page, 1);
  assert.equal(await page.inputValue("#stab-format"), "f32");
  assert.notEqual(await value(cell(page, "naive", "e = exp(x)", 1)), "∞");
  const e2 = cell(page, "naive", "e = exp(x)", 2);
  assert.equal(await value(e2), "∞");
  assert.equal(await e2.getAttribute("data-first"), "true");
  assert.equal(await value(cell(page, "naive", "p = e / S", 1)), "0");
  assert.equal(await cell(page, "naive", "p = e / S", 1).getAttribute("data-mark"), "underflow");
  assert.equal(await value(cell(page, "naive", "p = e / S", 2)), "NaN");
  assert.equal(await page.locator('#lab-stability [data-route="shifted"] [data-mark]').count(), 0);
  assert.match(await page.textContent("#stab-limits"), /f32/);
  expectClean(log);
  await context.close();
});

test("f16 on (11, 12): exp(11) fits as 59872, exp(12) overflows", async () => {
  const { page, log, context } = await open(browser);
  await choosePreset(page, 2);
  assert.equal(await page.inputValue("#stab-format"), "f16");
  assert.equal(await value(cell(page, "naive", "e = exp(x)", 1)), "59872");
  const e2 = cell(page, "naive", "e = exp(x)", 2);
  assert.equal(await value(e2), "∞");
  assert.equal(await e2.getAttribute("data-mark"), "overflow");
  assert.equal(await value(cell(page, "naive", "S = sum of e")), "∞");
  assert.match(await page.textContent("#stab-limits"), /65504/);
  expectClean(log);
  await context.close();
});

test("with one huge logit, ln(softmax) gives an infinite loss and log_softmax a finite one", async () => {
  const { page, log, context } = await open(browser);
  await choosePreset(page, 3);
  assert.equal(await page.locator('#lab-stability [data-route="shifted"] tbody tr').count(), 50);
  const lnp = cell(page, "shifted", "ln p", 1);
  assert.equal(await value(lnp), "−∞");
  assert.equal(await lnp.getAttribute("data-mark"), "log0");
  assert.equal(await value(cell(page, "shifted", "loss = −ln p[t]")), "∞");
  const loss = await value(cell(page, "shifted", "loss = −log_softmax[t]"));
  assert.ok(Number(loss) > 990 && Number(loss) < 1010, loss);
  assert.equal(await value(cell(page, "exact", "loss = −log_softmax[t]")), loss);
  assert.match(await page.textContent("#stab-loss"), /rounds to 0/);
  expectClean(log);
  await context.close();
});

test("bf16 cannot hold 1001: the lost digits are marked on the input", async () => {
  const { page, log, context } = await open(browser);
  await page.selectOption("#stab-format", "bf16");
  const x2 = cell(page, "exact", "x", 2);
  assert.equal(await value(x2), "1000");
  assert.equal(await x2.getAttribute("data-mark"), "rounded");
  assert.match(await x2.textContent(), /digits lost/);
  expectClean(log);
  await context.close();
});

test("bad logits show a message beside the field and keep the last good tables", async () => {
  const { page, log, context } = await open(browser);
  for (const bad of ["", "abc", "1, NaN", "1e999", "1,,x"]) {
    await typeInto(page, "#stab-logits", bad);
    assert.equal(await page.getAttribute("#stab-logits", "aria-invalid"), "true", bad);
    assert.notEqual(await fieldMessage(page, "#stab-logits"), "", bad);
    assert.equal(await value(cell(page, "naive", "e = exp(x)", 1)), "∞", bad);
  }
  await typeInto(page, "#stab-logits", "2 1 0");
  assert.equal(await page.getAttribute("#stab-logits", "aria-invalid"), null);
  assert.equal(await page.locator('#lab-stability [data-route="naive"] tbody tr').count(), 3);
  assert.equal(await page.locator('#lab-stability [data-route="naive"] [data-mark]').count(), 0);
  expectClean(log);
  await context.close();
});

test("the keyboard alone picks a preset, a format and a target", async () => {
  const { page, log, context } = await open(browser);
  await page.focus("#stab-preset");
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.inputValue("#stab-logits"), "88, 89, 90");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "stab-logits");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "stab-format");
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.inputValue("#stab-format"), "f16");
  await page.keyboard.press("Tab");
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.inputValue("#stab-target"), "1");
  assert.match(await page.textContent("#stab-loss"), /target class 2/);
  // The route tables scroll, so they take focus too.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("role")), "region");
  expectClean(log);
  await context.close();
});

test("axe finds nothing in the stability lab, in light and dark", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { page, log, context } = await open(browser, "", { colorScheme });
    await choosePreset(page, 3);
    await expectAccessible(page, "#lab-stability");
    expectClean(log);
    await context.close();
  }
});

test("the preset menu says when the numbers are one's own, and shows a preset again when one is chosen", async () => {
  const { page, log, context } = await open(browser, "#lab-stability");
  const shown = () => page.$eval("#stab-preset", (s) => s.selectedOptions[0]?.textContent ?? "");
  assert.match(await shown(), /1000, 1001, 999/);
  await typeInto(page, "#stab-logits", "-50, 0, 50, 100");
  assert.equal(await shown(), "your own numbers");
  assert.equal(await page.locator("#stab-preset option:not([hidden])").count() >= 3, true, "the presets are still offered");
  await page.selectOption("#stab-preset", "0");
  assert.match(await shown(), /1000, 1001, 999/);
  await page.selectOption("#stab-format", "f16");
  assert.equal(await shown(), "your own numbers", "a preset with another format is one's own too");
  expectClean(log);
  await context.close();
});
