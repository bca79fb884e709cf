// The masking and attention lab as a person uses it: mask toggles change
// the right cells, the fill value leaks or not, the fully masked row, the
// d slider, top-k/top-p, and every control by keyboard alone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, expectClean, expectAccessible, typeInto, fieldMessage } from "./helpers.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Move the cursor of a heatmap to (row, col), 1-based, by keyboard; return its sentence. */
async function cellText(page, map, row, col) {
  const canvas = page.locator(`#attn-${map}`);
  await canvas.focus();
  for (let k = 0; k < 8; k++) await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Home");
  for (let k = 1; k < row; k++) await page.keyboard.press("ArrowDown");
  for (let k = 1; k < col; k++) await page.keyboard.press("ArrowRight");
  return (await page.textContent(`#attn-${map}-cell`)).trim();
}

async function toggle(page, selector) {
  await page.focus(selector);
  await page.keyboard.press("Space");
}

test("the lab opens with both masks: later and padded keys are masked", async () => {
  const { page, log, context } = await open(browser);
  assert.equal(await page.isChecked("#attn-causal"), true);
  assert.equal(await page.isChecked("#attn-padding"), true);
  assert.match(await cellText(page, "scores", 1, 1), /^Query 1 “the”, key 1 “the”: score .*, weight 1\.$/);
  assert.match(await cellText(page, "scores", 2, 3), /masked, because it is a later token \(causal mask\); its score is replaced by −∞/);
  assert.match(await cellText(page, "scores", 8, 7), /masked, because it is padding \(padding mask\)/);
  assert.match(await cellText(page, "scores", 3, 8), /a later token, and padding/);
  assert.match(await cellText(page, "weights", 6, 2), /score .*, weight 0\.\d+\.$/);
  expectClean(log);
  await context.close();
});

test("toggling each mask by keyboard masks and unmasks exactly its cells", async () => {
  const { page, log, context } = await open(browser);
  await toggle(page, "#attn-causal");
  assert.equal(await page.isChecked("#attn-causal"), false);
  assert.match(await cellText(page, "scores", 2, 3), /: score −?\d/);
  assert.match(await cellText(page, "scores", 2, 7), /masked, because it is padding/);
  await toggle(page, "#attn-padding");
  assert.match(await cellText(page, "scores", 2, 7), /: score −?\d/);
  await toggle(page, "#attn-causal");
  assert.match(await cellText(page, "scores", 2, 3), /later token \(causal mask\)/);
  assert.match(await cellText(page, "scores", 8, 7), /: score −?\d/);
  // Pad position 3 with the padding mask on: column 3 is masked in every row.
  await toggle(page, "#attn-padding");
  await toggle(page, "#attn-pad-2");
  assert.match(await cellText(page, "scores", 5, 3), /padding \(padding mask\)/);
  assert.match(await cellText(page, "weights", 5, 3), /weight is 0\.$/);
  assert.match(await cellText(page, "scores", 5, 4), /: score −?\d/);
  expectClean(log);
  await context.close();
});

test("a fill of −10 leaks weight onto masked keys; true −∞ does not", async () => {
  const { page, log, context } = await open(browser);
  assert.match(await page.textContent("#attn-fill-text"), /no weight at all/);
  assert.match(await cellText(page, "weights", 1, 2), /weight is 0\.$/);
  await page.selectOption("#attn-fill", "-10");
  assert.match(await page.textContent("#attn-fill-text"), /leak/);
  const text = await cellText(page, "weights", 1, 2);
  assert.match(text, /replaced by −10 and its weight is \d/);
  assert.doesNotMatch(text, /weight is 0\.$/);
  await page.selectOption("#attn-fill", "-1e4");
  assert.doesNotMatch(await page.textContent("#attn-fill-text"), /leak:/);
  await page.selectOption("#attn-precision", "f16");
  await page.selectOption("#attn-fill", "-1e9");
  assert.match(await page.textContent("#attn-fill-text"), /does not fit in f16.*overflows to −∞/);
  expectClean(log);
  await context.close();
});

test("a fully masked row gives NaN in naive code and zeros in ours", async () => {
  const { page, log, context } = await open(browser);
  const cells = (row) => page.$$eval(`#attn-full-body tr[data-row="${row}"] td`, (tds) => tds.map((td) => td.textContent));
  assert.deepEqual(await cells("naive"), Array(8).fill("NaN"));
  assert.deepEqual(await cells("ours"), Array(8).fill("0"));
  assert.match(await page.textContent("#attn-full-status"), /No row is fully masked/);
  await page.focus("#attn-make-full");
  await page.keyboard.press("Enter");
  assert.match(await page.textContent("#attn-full-status"), /row 1 \(“the”\)/);
  assert.equal(await page.isChecked("#attn-pad-0"), true);
  for (let col = 1; col <= 8; col++) {
    assert.match(await cellText(page, "weights", 1, col), /masked.*weight is 0\.$/);
  }
  await page.selectOption("#attn-fill", "-1e9");
  const spread = await cells("fill");
  assert.equal(new Set(spread).size, 1);
  assert.notEqual(spread[0], "NaN");
  assert.notEqual(spread[0], "0");
  expectClean(log);
  await context.close();
});

test("the d slider widens the raw scores; dividing by √d keeps them near 1", async () => {
  const { page, log, context } = await open(browser);
  const sd = async () => {
    const text = await page.textContent("#attn-spread");
    const [, raw, scaled] = text.match(/standard deviation ([\d.]+);.* spread ([\d.]+)\./);
    return [Number(raw), Number(scaled)];
  };
  await page.focus("#attn-d");
  await page.keyboard.press("Home");
  assert.equal(await page.textContent("#attn-d-out"), "1");
  const [small] = await sd();
  await page.keyboard.press("End");
  assert.equal(await page.textContent("#attn-d-out"), "512");
  assert.match(await page.textContent("#attn-spread"), /^At d = 512,/);
  const [large, scaled] = await sd();
  assert.ok(large > 8 * small, `${small} -> ${large}`);
  assert.ok(scaled > 0.5 && scaled < 2, `${scaled}`);
  const peaks = (await page.textContent("#attn-spread")).match(/largest weight in a row is ([\d.]+) without the division and ([\d.]+) with it/);
  assert.ok(Number(peaks[1]) > 0.9 && Number(peaks[1]) > Number(peaks[2]), peaks[0]);
  await toggle(page, "#attn-scaled");
  assert.match(await page.textContent("#attn-scaled-note"), /without the division/);
  expectClean(log);
  await context.close();
});

test("top-k and top-p cut keys to −∞ on one row", async () => {
  const { page, log, context } = await open(browser);
  const row = (name) => page.$$eval(`#attn-trunc-body tr[data-row="${name}"] td`, (tds) => tds.map((td) => td.textContent));
  await typeInto(page, "#attn-k", "1");
  const keep = await row("keep-k");
  assert.equal(keep.filter((k) => k === "kept").length, 1);
  const weights = await row("weights-k");
  assert.deepEqual(weights.filter((w) => w !== "0.000"), ["1.000"]);
  await typeInto(page, "#attn-p", "1");
  // Row 6 "mat" sees six keys under both masks; top-p with p = 1 keeps them all.
  assert.equal((await row("keep-p")).filter((k) => k === "kept").length, 6);
  for (const bad of ["0", "9", "abc", ""]) {
    await typeInto(page, "#attn-k", bad);
    assert.equal(await page.getAttribute("#attn-k", "aria-invalid"), "true", bad);
    assert.notEqual(await fieldMessage(page, "#attn-k"), "", bad);
  }
  await typeInto(page, "#attn-p", "1.5");
  assert.equal(await page.getAttribute("#attn-p", "aria-invalid"), "true");
  await page.focus("#attn-row");
  await page.keyboard.press("ArrowUp");
  assert.match(await page.textContent("#attn-trunc-text"), /^Row 5 \(“the”\)/);
  expectClean(log);
  await context.close();
});

test("the lab fits a phone and axe finds nothing, in light and dark", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { page, log, context } = await open(browser, "", { colorScheme, viewport: { width: 390, height: 844 } });
    await expectAccessible(page, "#lab-attention");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
    expectClean(log);
    await context.close();
  }
});

test("the keyboard alone works the menus, the button and the fields", async () => {
  const { page, log, context } = await open(browser);
  await page.focus("#attn-fill");
  for (let k = 0; k < 3; k++) await page.keyboard.press("ArrowDown");
  assert.equal(await page.inputValue("#attn-fill"), "-10");
  assert.match(await page.textContent("#attn-fill-text"), /leak/);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "attn-precision");
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.inputValue("#attn-precision"), "f16");
  const before = await cellText(page, "scores", 2, 1);
  await page.focus("#attn-reseed");
  await page.keyboard.press("Enter");
  assert.notEqual(await cellText(page, "scores", 2, 1), before);
  await page.focus("#attn-k");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("3");
  assert.equal((await page.$$eval('#attn-trunc-body tr[data-row="keep-k"] td', (tds) => tds.map((td) => td.textContent))).filter((k) => k === "kept").length, 3);
  await page.focus("#attn-make-full");
  await page.keyboard.press("Space");
  assert.equal(await page.evaluate(() => document.activeElement.id), "attn-full-status");
  expectClean(log);
  await context.close();
});
