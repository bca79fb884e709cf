// The practice section as a learner uses it: answering in different
// spellings, wrong answers with a named mistake, hints in order, the
// step-by-step derivation, progress across reloads, a corrupted record,
// reset, accessibility and the keyboard.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, expectClean, expectAccessible, visibleText } from "./helpers.mjs";

const KEY = "softmax-lesson.practice.v1";
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function answer(page, level, text) {
  await page.fill(`#problem-${level}-answer`, text);
  await page.click(`#problem-${level}-check`);
  return (await page.textContent(`#problem-${level}-verdict`)).trim();
}

test("the practice section follows the page contract", async () => {
  const { page, log, context } = await open(browser);
  const section = page.locator("section", { has: page.locator("h2", { hasText: "Practice" }) });
  assert.equal(await section.count(), 1);
  for (const level of ["easy", "medium", "hard"]) {
    const problem = section.locator(`#problem-${level}`);
    assert.equal(await problem.getByLabel(/Answer/).count(), 1, level);
    assert.equal(await problem.getByRole("button", { name: "Check" }).count(), 1, level);
    assert.notEqual((await page.textContent(`#problem-${level}-statement`)).trim(), "", level);
  }
  assert.match(await page.textContent("#practice-tolerance"), /correct within/);
  const mistakes = await page.locator("#practice-mistakes li").allTextContents();
  assert.equal(mistakes.length, 6);
  assert.ok(mistakes.some((m) => /masked with 0/.test(m)), mistakes.join("\n"));
  expectClean(log);
  await context.close();
});

const RIGHT = {
  easy: ["1/4", "[0.25, 0.25, 0.25, 0.25]"],
  medium: ["e^2/(e^2+e+1), e/(e^2+e+1), 1/(e^2+e+1)", "0.665 0.245 0.090"],
  hard: ["0.867; 0.117; 0.016", "e^3/(e^3+e+e^-1), e/(e^3+e+e^-1), e^-1/(e^3+e+e^-1)"],
};

for (const [level, spellings] of Object.entries(RIGHT)) {
  test(`the ${level} problem accepts a right answer in two spellings`, async () => {
    for (const spelling of spellings) {
      const { page, log, context } = await open(browser);
      const verdict = await answer(page, level, spelling);
      assert.match(verdict, /^Correct/, `${spelling}: ${verdict}`);
      assert.equal(await page.getAttribute(`#problem-${level}-answer`, "aria-invalid"), null);
      expectClean(log);
      await context.close();
    }
  });
}

const WRONG = {
  // every exponential, not divided by the sum
  easy: ["1 1 1 1", /did not normalise/],
  // the shifted logits (12, 11, 10) normalised without exponentiating
  medium: ["12/33, 11/33, 10/33", /forgot to exponentiate/],
  // part 2 at T = 2 computed as softmax(2x)
  hard: ["e^6/(e^6+e^2+e^-2), e^2/(e^6+e^2+e^-2), e^-2/(e^6+e^2+e^-2)", /multiplied by T/],
};

for (const [level, [text, diagnosis]] of Object.entries(WRONG)) {
  test(`the ${level} problem rejects a wrong answer and names the mistake`, async () => {
    const { page, log, context } = await open(browser);
    if (level === "hard") assert.match(await answer(page, "hard", "0.867 0.117 0.016"), /^Correct/);
    const verdict = await answer(page, level, text);
    assert.doesNotMatch(verdict, /Correct/);
    assert.match(verdict, diagnosis);
    assert.equal(await page.getAttribute(`#problem-${level}-verdict`, "data-outcome"), "mistake");
    expectClean(log);
    await context.close();
  });
}

test("the hard problem goes through its four parts to solved", async () => {
  const { page, log, context } = await open(browser);
  assert.match(await page.textContent("#problem-hard-part"), /Part 1 of 4/);
  assert.match(await answer(page, "hard", "0.867 0.117 0.016"), /Correct.*part 2/);
  assert.match(await answer(page, "hard", "(0.665, 0.245, 0.090)"), /Correct.*part 3/);
  assert.match(await answer(page, "hard", "2"), /swapped T for 1\/T/);
  assert.match(await answer(page, "hard", "1"), /Correct.*part 4/);
  assert.match(await answer(page, "hard", "e^2"), /Correct.*solved/);
  assert.match(await page.textContent("#practice-summary"), /Solved: 1 problem\b/);
  const after = await answer(page, "hard", "3");
  assert.match(after, /already answered/);
  assert.doesNotMatch(after, /Correct/, "nothing is correct once every part is answered");
  expectClean(log);
  await context.close();
});

test("an unreadable answer gets a message beside the field, not a verdict", async () => {
  const { page, log, context } = await open(browser);
  for (const bad of ["abc", "1/0", "[0.25, 0.25", "NaN"]) {
    await answer(page, "easy", bad);
    assert.equal(await page.getAttribute("#problem-easy-answer", "aria-invalid"), "true", bad);
    assert.notEqual((await page.textContent("#problem-easy-error")).trim(), "", bad);
  }
  const text = await visibleText(page);
  assert.ok(!/\bNaN\b/.test(text) && !/undefined/.test(text), "no NaN or undefined on screen");
  expectClean(log);
  await context.close();
});

test("hints appear one at a time, in order, and the solution on request", async () => {
  const { page, log, context } = await open(browser);
  const hints = page.locator("#problem-easy-hints li");
  assert.equal(await hints.count(), 0);
  const seen = [];
  for (let k = 1; k <= 3; k++) {
    await page.click("#problem-easy-hint");
    assert.equal(await hints.count(), k);
    const texts = await hints.allTextContents();
    assert.deepEqual(texts.slice(0, k - 1), seen, "earlier hints stay, in order");
    seen.push(texts[k - 1]);
  }
  assert.match(seen[0], /same/);
  assert.match(seen[2], /exponentials/);
  assert.equal(await page.isDisabled("#problem-easy-hint"), true);
  assert.equal(await page.isVisible("#problem-easy-solution"), false);
  await page.click("#problem-easy-show-solution");
  assert.equal(await page.isVisible("#problem-easy-solution"), true);
  assert.match(await page.textContent("#problem-easy-solution"), /uniform/);
  await expectAccessible(page, "#practice");
  expectClean(log);
  await context.close();
});

test("the derivation is checked step by step", async () => {
  const { page, log, context } = await open(browser);
  const right = [1, 0, 2, 1];
  await page.check("#problem-medium-step-0-option-0");
  assert.match(await page.textContent("#problem-medium-step-0-verdict"), /^Not this line/);
  for (const [s, o] of right.entries()) {
    await page.check(`#problem-medium-step-${s}-option-${o}`);
    assert.match(await page.textContent(`#problem-medium-step-${s}-verdict`), /^Correct/, `step ${s + 1}`);
  }
  assert.match(await answer(page, "medium", "0.665 0.245 0.090"), /Correct.*solved/);
  await expectAccessible(page, "#practice");
  expectClean(log);
  await context.close();
});

test("progress survives a reload, and reset clears it", async () => {
  const { page, log, context } = await open(browser);
  await page.click("#problem-hard-hint");
  assert.match(await answer(page, "easy", "1/4"), /Correct/);
  await page.reload();
  await page.waitForSelector("html[data-ready='true']", { state: "attached" });
  assert.match(await page.textContent("#practice-summary"), /Solved: 1 problem\b.*Hints used: 1/);
  assert.match(await page.textContent("#problem-easy-origin"), /solved before/);
  assert.equal(await page.locator("#problem-hard-hints li").count(), 1, "the hint shown stays shown");
  assert.match(await page.evaluate((k) => localStorage.getItem(k), KEY), /^v1;solved=easy-0;/);
  assert.equal(await page.locator("#practice-reviews li").count(), 1);
  assert.match(await page.textContent("#practice-reviews"), /easy problem from the lesson.*due tomorrow/);
  assert.match(await page.textContent("#practice-schedule-note"), /after 1 day, then 2, 4/);
  await page.click("#practice-reset");
  assert.match(await page.textContent("#practice-summary"), /Solved: 0 problems.*Hints used: 0/);
  assert.equal(await page.locator("#problem-hard-hints li").count(), 0);
  await page.reload();
  await page.waitForSelector("html[data-ready='true']", { state: "attached" });
  assert.match(await page.textContent("#practice-summary"), /Solved: 0 problems/);
  expectClean(log);
  await context.close();
});

test("a corrupted or foreign record shows a notice and the page still works", async () => {
  for (const bad of ["{not json", "{\"solved\":[1,2]}", "v9;solved=easy-0", "v1;review=easy-0:1:99999999999", "v1;solved=" + "easy-1,".repeat(4000)]) {
    const { page, log, context } = await open(browser);
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, bad]);
    await page.reload();
    await page.waitForSelector("html[data-ready='true']", { state: "attached" });
    assert.equal(await page.isVisible("#practice-notice"), true, bad.slice(0, 30));
    assert.match(await page.textContent("#practice-notice"), /could not be read/);
    assert.match(await page.textContent("#practice-summary"), /Solved: 0 problems/);
    assert.match(await answer(page, "easy", "0.25"), /^Correct/);
    expectClean(log);
    await context.close();
  }
});

test("axe finds nothing in the practice section, in light and dark", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { page, log, context } = await open(browser, "", { colorScheme });
    await answer(page, "easy", "1 1 1 1");
    await answer(page, "hard", "0.9 0.1 0");
    await page.click("#problem-medium-hint");
    await page.check("#problem-medium-step-0-option-0");
    await expectAccessible(page, "#practice");
    expectClean(log);
    await context.close();
  }
});

test("the keyboard alone can answer a problem and open a hint", async () => {
  const { page, log, context } = await open(browser);
  await page.locator("#practice-title").scrollIntoViewIfNeeded();
  // Start from the practice section's first control and go on with Tab.
  await page.locator("#practice-reset").focus();
  let reached = false;
  for (let k = 0; k < 40 && !reached; k++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement?.id === "problem-easy-answer");
  }
  assert.ok(reached, "Tab reaches the answer field");
  await page.keyboard.type("1/4");
  await page.keyboard.press("Enter");
  assert.match(await page.textContent("#problem-easy-verdict"), /^Correct/);
  await page.keyboard.press("Tab"); // Check
  await page.keyboard.press("Tab"); // Show a hint
  assert.equal(await page.evaluate(() => document.activeElement?.id), "problem-easy-hint");
  await page.keyboard.press("Enter");
  assert.equal(await page.locator("#problem-easy-hints li").count(), 1);
  expectClean(log);
  await context.close();
});

test("a variant is a new problem that checks the same way", async () => {
  const { page, log, context } = await open(browser);
  const before = await page.textContent("#problem-easy-statement");
  await page.click("#problem-easy-variant");
  assert.notEqual(await page.textContent("#problem-easy-statement"), before);
  assert.match(await page.textContent("#problem-easy-origin"), /Variant #\d+/);
  await page.click("#problem-easy-show-solution");
  // The worked solution's last line holds the answer, rounded to three decimals.
  const last = await page.locator("#problem-easy-solution-lines li").last().textContent();
  const line = last.includes("p ≈") ? last : await page.locator("#problem-easy-solution-lines li").nth(-2).textContent();
  const vector = line.slice(line.indexOf("("));
  assert.match(await answer(page, "easy", vector.replace(/\.$/, "")), /^(Correct|Close)/);
  expectClean(log);
  await context.close();
});
