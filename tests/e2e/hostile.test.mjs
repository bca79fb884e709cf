// Hostile input, everywhere: every text field on the page gets a table of
// bad values, and so do the URL fragment and stored progress. Each bad
// value must get a message beside its field, leave the rest of the page in
// its last good state, show no NaN or `undefined`, and never be inserted as
// HTML.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, expectClean, visibleText, shownProbabilities, fieldMessage } from "./helpers.mjs";

const BAD = [
  "", "   ", "abc", "1e999", "-1e999", "NaN", "Infinity", "0x10", "1,5",
  "9".repeat(10000), "<img src=x onerror=alert(1)>", "\u202Eלוגיט\u202C", "١٢٣", "🙂🔥",
];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Text fields a person can type into (not sliders, not checkboxes). */
async function textFields(page) {
  return page.$$eval("main input:not([type]), main input[type='text'], main input[type='number'], main textarea", (fields) =>
    fields.filter((f) => !f.disabled && f.offsetParent !== null).map((f) => f.id).filter(Boolean),
  );
}

async function messageBeside(page, id) {
  return page.evaluate((id) => {
    const field = document.getElementById(id);
    const ids = [...(field.getAttribute("aria-describedby") ?? "").split(/\s+/), `${id}-error`];
    const form = field.closest("form");
    const texts = ids
      .map((i) => document.getElementById(i))
      .filter((e) => e && e !== field && !e.classList.contains("muted"))
      .map((e) => e.textContent.trim());
    const verdict = form?.querySelector(".verdict")?.textContent.trim() ?? "";
    return { texts: texts.filter(Boolean), verdict, invalid: field.getAttribute("aria-invalid") };
  }, id);
}

test("every text field answers every bad value with a message and keeps the last good state", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1");
  const fields = await textFields(page);
  assert.ok(fields.length >= 6, `found the page's text fields: ${fields}`);
  const images = await page.locator("img").count();
  for (const id of fields) {
    const field = page.locator(`#${id}`);
    await field.scrollIntoViewIfNeeded();
    const numeric = (await field.getAttribute("inputmode")) === "decimal";
    const original = await field.inputValue();
    for (const bad of BAD) {
      // For the temperature, "Infinity" is not bad: it is the uniform limit;
      // nor for a logit, where +inf takes the probability (the core's
      // contract); in a field that takes a list of numbers, "1,5" is two numbers.
      if ((id === "temperature" || /^logit-\d+$/.test(id)) && bad === "Infinity") continue;
      if (bad === "1,5" && (await field.getAttribute("data-list")) === "numbers") continue;
      const before = await shownProbabilities(page);
      await field.fill(bad);
      if (!numeric) await field.press("Enter");
      else await fieldMessage(page, `#${id}`);
      const { texts, verdict, invalid } = await messageBeside(page, id);
      if (numeric) {
        assert.equal(invalid, "true", `#${id} accepted ${JSON.stringify(bad.slice(0, 20))}`);
        assert.ok(texts.length > 0, `#${id} shows no message for ${JSON.stringify(bad.slice(0, 20))}`);
        assert.deepEqual(await shownProbabilities(page), before, `#${id}: the explorer kept its state`);
      } else {
        assert.ok(texts.length > 0 || verdict !== "", `#${id} says nothing about ${JSON.stringify(bad.slice(0, 20))}`);
      }
      const text = await visibleText(page);
      assert.ok(!/\bNaN\b/.test(text), `NaN on screen after ${id} = ${bad.slice(0, 20)}`);
      assert.ok(!/\bundefined\b/.test(text), `undefined on screen after ${id} = ${bad.slice(0, 20)}`);
    }
    // Put the good value back so the next field starts from a good state.
    await field.fill(original);
  }
  assert.equal(await page.locator("img").count(), images, "no element was inserted from typed text");
  for (const [k, v] of [[1, "2"], [2, "1"], [3, "0"]]) await page.locator(`#logit-${k}`).fill(v);
  await page.locator("#temperature").fill("1");
  assert.deepEqual(await shownProbabilities(page), [0.6652, 0.2447, 0.09]);
  await page.locator("#temperature").fill("Infinity");
  assert.deepEqual(await shownProbabilities(page), [0.3333, 0.3333, 0.3333], "T = Infinity is the uniform limit");
  assert.equal(await page.evaluate(() => document.querySelectorAll("[onerror]").length), 0);
  expectClean(log);
  await context.close();
});

test("bad URL fragments show a message and the default state", async () => {
  for (const fragment of [
    "#logits=abc", "#logits=1e999,0,0&T=1", "#logits=NaN,1,2", "#T=-1", "#T=NaN", "#logits=1,2,3&T=0x10",
    `#logits=${"9".repeat(5000)}`, "#logits=%3Cimg%20src=x%20onerror=alert(1)%3E,1,2", "#logits=1,2,3&ce=99",
    "#logits=1,2,3,4,5,6,7,8,9,10,11", "#logits=%E2%80%AE1,2,3", "#%zz",
  ]) {
    const { page, log, context } = await open(browser, fragment);
    assert.equal(await page.isVisible("#explorer-link-error"), true, `no message for ${fragment.slice(0, 40)}`);
    const p = await shownProbabilities(page);
    assert.deepEqual(p, [0.6652, 0.2447, 0.09], `default state after ${fragment.slice(0, 40)}`);
    const text = await visibleText(page);
    assert.ok(!/\bNaN\b|\bundefined\b/.test(text));
    assert.equal(await page.locator("img").count(), 0);
    expectClean(log);
    await context.close();
  }
});

test("stored values that are corrupt, foreign or huge are ignored with a notice", async () => {
  const { page, log, context } = await open(browser, "");
  const keys = await page.evaluate(() => Object.keys(localStorage));
  for (const value of ["{not json", "v999;solved=easy-0", "v1;solved=" + "x".repeat(100000), "v1;review=easy-0:1e308:1e308", "\u0000\uFFFF"]) {
    await page.evaluate((value) => {
      localStorage.setItem("softmax-lesson.practice.v1", value);
      localStorage.setItem("softmax-lesson.theme", value);
    }, value);
    await page.reload();
    await page.waitForSelector("html[data-ready='true']", { state: "attached" });
    const text = await visibleText(page);
    assert.ok(!/\bNaN\b|\bundefined\b/.test(text), `after storing ${value.slice(0, 20)}`);
    assert.equal(await page.isVisible("#practice-notice"), true, `a notice for ${value.slice(0, 20)}`);
    assert.deepEqual(await shownProbabilities(page), [0.6652, 0.2447, 0.09]);
  }
  assert.ok(Array.isArray(keys));
  expectClean(log);
  await context.close();
});
