// The practice section as a learner uses it: answering in different
// spellings, wrong answers with a named mistake whose message is true of
// them, the easy problem's reason, hints in order, the step-by-step
// derivation, the place in each problem and the progress across reloads, a
// corrupted or stale record, reset, a typing error after a verdict, the
// look of the Check buttons, tap targets on a phone, plain words, axe and
// the keyboard.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, expectClean, expectAccessible, visibleText, typeInto, pdfText, pageCount } from "./helpers.mjs";

const KEY = "softmax-lesson.practice.v1";
const PLACE_KEY = "softmax-lesson.practice-place.v1";
/** Choose line `o` of step `s` of the medium derivation and check it. */
async function pickLine(page, s, o) {
  await page.check(`#problem-medium-step-${s}-option-${o}`);
  await page.click(`#problem-medium-step-${s}-check`);
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Type `text` into the answer field like a person, press Check, read the verdict. */
async function answer(page, level, text) {
  await typeInto(page, `#problem-${level}-answer`, text);
  await page.click(`#problem-${level}-check`);
  return (await page.textContent(`#problem-${level}-verdict`)).trim();
}

/** Pick the reason whose label contains `words`, press Check, read the verdict. */
async function chooseReason(page, level, words) {
  await page.locator(`#problem-${level}-choices label`, { hasText: words }).click();
  await page.click(`#problem-${level}-check`);
  return (await page.textContent(`#problem-${level}-verdict`)).trim();
}

async function reload(page) {
  await page.reload();
  await page.waitForSelector("html[data-ready='true']", { state: "attached" });
}

/** The texts a sighted reader sees beside the easy answer field. */
async function messagesBeside(page, level) {
  return page.evaluate((level) => {
    const ids = [`problem-${level}-error`, `problem-${level}-verdict`, `problem-${level}-choice-error`];
    return ids
      .map((id) => document.getElementById(id))
      .filter((el) => el && el.checkVisibility() && el.textContent.trim() !== "")
      .map((el) => el.textContent.trim());
  }, level);
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
  assert.ok(mistakes.length >= 10, mistakes.join("\n"));
  for (const name of [/masked with 0/, /forgot to exponentiate/, /did not normalise/, /multiplied by T/, /took the argmax/, /wrong order/, /percentages/]) {
    assert.ok(mistakes.some((m) => name.test(m)), `${name} missing from\n${mistakes.join("\n")}`);
  }
  expectClean(log);
  await context.close();
});

const RIGHT = {
  easy: ["1/4", "[0.25, 0.25, 0.25, 0.25]", "25%; 25%; 25%; 25%"],
  medium: ["e/(e+e^3+1), e^3/(e+e^3+1), 1/(e+e^3+1)", "0.114 0.844 0.042", "(11.42%; 84.38%; 4.20%)"],
  hard: ["0.936; 0.047; 0.017", "e^4/(e^4+e+1), e/(e^4+e+1), 1/(e^4+e+1)"],
};

for (const [level, spellings] of Object.entries(RIGHT)) {
  test(`the ${level} problem accepts a right answer in several spellings`, async () => {
    const { page, log, context } = await open(browser);
    for (const spelling of spellings) {
      await page.evaluate(([a, b]) => { localStorage.removeItem(a); localStorage.removeItem(b); }, [KEY, PLACE_KEY]);
      await reload(page);
      const verdict = await answer(page, level, spelling);
      assert.match(verdict, /^Correct/, `${spelling}: ${verdict}`);
      assert.equal(await page.getAttribute(`#problem-${level}-answer`, "aria-invalid"), null);
    }
    expectClean(log);
    await context.close();
  });
}

// Each wrong answer with the mistake it must be named as and what the
// message must (and must not) say about it.
const WRONG = [
  // every exponential e^0 = 1, not divided by the sum
  { level: "easy", text: "1 1 1 1", name: /did not normalise/, says: /exponentiating the logits \(0, 0, 0, 0\)/ },
  // the shifted logits (11, 13, 10) normalised without exponentiating
  { level: "medium", text: "11/34, 13/34, 10/34", name: /forgot to exponentiate/, says: /\(11, 13, 10\)/ },
  // the unshifted logits (1, 3, 0): just as legitimate a start, by shift invariance
  { level: "medium", text: "1/4, 3/4, 0", name: /forgot to exponentiate/, says: /\(1, 3, 0\)/ },
  { level: "medium", text: "25%; 75%; 0%", name: /forgot to exponentiate/, says: /\(1, 3, 0\)/ },
  { level: "medium", text: "25 75 0", name: /forgot to exponentiate/, says: /percentages.*\(1, 3, 0\)/ },
  // after the max trick, (−2, 0, −3) / (−5)
  { level: "medium", text: "[0.4, 0, 0.6]", name: /forgot to exponentiate/, says: /max-shifted logits \(−2, 0, −3\)/ },
  { level: "medium", text: "e e^3 1", name: /did not normalise/, says: /\(1, 3, 0\)/ },
  { level: "medium", text: "0.844, 0.114, 0.042", name: /wrong order/, says: /right values in another order/ },
  { level: "medium", text: "11.4 84.4 4.2", name: /percentages/, says: /right/ },
  { level: "hard", text: "1, 0, 0", name: /argmax/, says: /largest logit/ },
  { level: "hard", text: "1/3 1/3 1/3", name: /shared the probability equally/, says: /same share/ },
];

for (const { level, text, name, says } of WRONG) {
  test(`the ${level} problem names the mistake behind ${text}, truthfully`, async () => {
    const { page, log, context } = await open(browser);
    const verdict = await answer(page, level, text);
    assert.doesNotMatch(verdict, /^Correct/);
    assert.match(verdict, name, verdict);
    assert.match(verdict, says, verdict);
    assert.doesNotMatch(verdict, /largest logit must get the largest probability/, verdict);
    expectClean(log);
    await context.close();
  });
}

test("hard part 2: a wrong T is named, and a plain wrong answer hears only what is true of it", async () => {
  const { page, log, context } = await open(browser);
  assert.match(await answer(page, "hard", "0.936 0.047 0.017"), /Correct.*part 2/);
  assert.match(await page.textContent("#problem-hard-prompt"), /T\s*=\s*2/);
  // The T = 1 answer again: the problem's other temperature.
  assert.match(await answer(page, "hard", "0.936 0.047 0.017"), /used the other temperature.*T = 1/);
  // softmax(2x), as if T multiplied.
  assert.match(await answer(page, "hard", "e^8/(e^8+e^2+1), e^2/(e^8+e^2+1), 1/(e^8+e^2+1)"), /multiplied by T|other temperature|T = 1/);
  // 0.7, 0.2, 0.1 adds up to 1 and is in the order of the logits: the
  // message says which entries are off and claims nothing else.
  const plain = await answer(page, "hard", "0.7, 0.2, 0.1");
  assert.equal(await page.getAttribute("#problem-hard-verdict", "data-outcome"), "wrong");
  assert.match(plain, /p₁ and p₂ are off by more than rounding/, plain);
  assert.doesNotMatch(plain, /largest logit must|add up to 0|never negative/, plain);
  const sum = await answer(page, "hard", "0.5 0.3 0.1");
  assert.match(sum, /add up to 0\.900/, sum);
  const order = await answer(page, "hard", "0.3 0.6 0.1");
  assert.match(order, /p₁ a smaller value than p₂, though x₁ = 4 is larger than x₂ = 1/, order);
  expectClean(log);
  await context.close();
});

test("the hard problem goes through its five parts to solved", async () => {
  const { page, log, context } = await open(browser);
  assert.match(await page.textContent("#problem-hard-part"), /Part 1 of 5/);
  assert.match(await answer(page, "hard", "0.936 0.047 0.017"), /Correct.*part 2/);
  assert.match(await answer(page, "hard", "(0.736, 0.164, 0.100)"), /Correct.*part 3/);
  const flatter = await answer(page, "hard", "2");
  assert.match(flatter, /picked the flatter temperature/, flatter);
  assert.doesNotMatch(flatter, /1\/T|ratio/, "choosing the flatter T inverts nothing");
  assert.match(await answer(page, "hard", "1"), /Correct.*part 4/);
  assert.match(await answer(page, "hard", "1/e^3"), /upside down/);
  const exponent = await answer(page, "hard", "3");
  assert.match(exponent, /forgot to exponentiate/, exponent);
  assert.doesNotMatch(exponent, /sum/, "a ratio has no sum to divide by");
  assert.match(await answer(page, "hard", "e^3"), /Correct.*part 5/);
  assert.match(await page.textContent("#problem-hard-prompt"), /at T=2, what is p1\/p2\? Compare/);
  assert.match(await answer(page, "hard", "e^3"), /used the other temperature/, "the sharper T's ratio is not the flatter one's");
  assert.match(await answer(page, "hard", "e^(3/2)"), /Correct.*solved/);
  assert.match(await page.textContent("#practice-summary"), /Solved: 1 problem\b/);
  // Nothing is left to answer: the field and Check go, the verdict stays.
  assert.equal(await page.isVisible("#problem-hard-answer"), false);
  assert.equal(await page.isVisible("#problem-hard-check"), false);
  assert.match(await page.textContent("#problem-hard-verdict"), /Correct.*solved/);
  expectClean(log);
  await context.close();
});

test("the easy problem asks why, and the reason is checked with feedback for each", async () => {
  const { page, log, context } = await open(browser);
  assert.match(await page.textContent("#problem-easy-statement"), /and why\?/);
  assert.match(await page.textContent("#problem-easy-part"), /Part 1 of 2/);
  assert.equal(await page.isVisible("#problem-easy-choices"), false, "no reasons before the number is right");
  assert.match(await answer(page, "easy", "1/4"), /Correct.*part 2/);
  // The reasons replace the answer field, as a group named by the question.
  assert.equal(await page.isVisible("#problem-easy-answer"), false);
  const group = page.getByRole("group", { name: /Why does every class get the same probability/ });
  assert.equal(await group.count(), 1);
  assert.equal(await group.getByRole("radio").count(), 3);
  // Check with nothing chosen: a message beside the choices, and only that.
  await page.click("#problem-easy-check");
  assert.deepEqual(await messagesBeside(page, "easy"), ["Choose one of the reasons first."]);
  const always = await chooseReason(page, "easy", "always spreads");
  assert.match(always, /^Not this reason\. Unequal logits get unequal shares/i);
  assert.doesNotMatch(always, /reason\. No/);
  const bySum = await chooseReason(page, "easy", "divided by the sum of the logits");
  assert.match(bySum, /add up to 0.*0\/0.*e0\s*=\s*1\./);
  assert.equal(await page.getAttribute("#problem-easy-verdict", "data-outcome"), "wrong");
  const right = await chooseReason(page, "easy", "their exponentials are all equal");
  assert.match(right, /^Correct: .*every difference is 0.*1\/4.*Problem solved/);
  assert.equal(await page.isVisible("#problem-easy-choices"), false);
  assert.equal(await page.isVisible("#problem-easy-answer"), false, "nothing is left to answer");
  assert.equal(await page.isVisible("#problem-easy-check"), false);
  assert.match(await page.textContent("#practice-summary"), /Solved: 1 problem\b/);
  expectClean(log);
  await context.close();
});

test("after a typing error only the new message shows beside the field", async () => {
  const { page, log, context } = await open(browser);
  const verdict = await answer(page, "easy", "1 1 1 1");
  assert.match(verdict, /did not normalise/);
  assert.deepEqual(await messagesBeside(page, "easy"), [verdict]);
  for (const bad of ["abc", "1/0", "[0.25, 0.25", "NaN"]) {
    await answer(page, "easy", bad);
    assert.equal(await page.getAttribute("#problem-easy-answer", "aria-invalid"), "true", bad);
    const shown = await messagesBeside(page, "easy");
    assert.equal(shown.length, 1, `${bad}: ${JSON.stringify(shown)}`);
    assert.equal(shown[0], (await page.textContent("#problem-easy-error")).trim());
    assert.equal(await page.isVisible("#problem-easy-verdict"), false, `${bad}: the old verdict is gone`);
  }
  // A readable answer again: the error goes, the new verdict shows.
  assert.match(await answer(page, "easy", "0.25"), /^Correct/);
  assert.equal(await page.getAttribute("#problem-easy-answer", "aria-invalid"), null);
  assert.equal((await messagesBeside(page, "easy")).length, 1);
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

test("the problems' formulas are typeset as math, with no LaTeX source showing", async () => {
  const { page, log, context } = await open(browser);
  for (const level of ["easy", "medium", "hard"]) {
    await page.click(`#problem-${level}-show-solution`);
  }
  const seen = await page.evaluate(() => {
    const practice = document.getElementById("practice");
    const text = practice.textContent;
    return {
      // (The list of mistakes the checker knows, further down, is plain text.)
      source: (text.match(/\$|\\[a-z]+|[a-z]_\{/gi) ?? []).slice(0, 5),
      statements: [...practice.querySelectorAll("[id$='-statement']")].map((el) => el.querySelectorAll("math").length),
      fractions: document.querySelectorAll("#problem-medium-derivation label math mfrac").length,
      solutionMath: practice.querySelectorAll("[id$='-solution-lines'] math").length,
    };
  });
  assert.deepEqual(seen.source, [], "no $, \\command or x_{ left in the text");
  for (const count of seen.statements) assert.ok(count >= 1, `every statement has typeset math: ${seen.statements}`);
  assert.ok(seen.fractions >= 11, `the derivation's lines are fractions: ${seen.fractions}`);
  assert.ok(seen.solutionMath >= 10, `${seen.solutionMath} formulas in the solutions`);
  // A screen reader names every line to choose, formulas included.
  const cdp = await context.newCDPSession(page);
  await cdp.send("DOM.getDocument", { depth: -1 });
  const { nodes } = await cdp.send("Accessibility.getFullAXTree");
  const radios = nodes.filter((n) => n.role?.value === "radio" && !n.ignored);
  assert.ok(radios.length >= 12, `${radios.length} lines to choose`);
  const unnamed = radios.filter((n) => !(n.name?.value ?? "").trim());
  assert.equal(unnamed.length, 0, "every radio button has a name");
  const lines = radios.map((n) => n.name.value);
  assert.ok(lines.some((name) => /over the sum over j of/.test(name)), lines.join(" | "));
  expectClean(log);
  await context.close();
});

test("the derivation is checked step by step", async () => {
  const { page, log, context } = await open(browser);
  const right = [1, 0, 2, 1];
  await pickLine(page, 0, 0);
  assert.match(await page.textContent("#problem-medium-step-0-verdict"), /^Not this line/);
  for (const [s, o] of right.entries()) {
    await pickLine(page, s, o);
    assert.match(await page.textContent(`#problem-medium-step-${s}-verdict`), /^Correct/, `step ${s + 1}`);
  }
  assert.match(await answer(page, "medium", "0.114 0.844 0.042"), /Correct.*solved/);
  await expectAccessible(page, "#practice");
  expectClean(log);
  await context.close();
});

test("a reload keeps the hard problem on part 2 and the medium problem's chosen lines", async () => {
  const { page, log, context } = await open(browser);
  assert.match(await answer(page, "hard", "0.936 0.047 0.017"), /Correct.*part 2/);
  await pickLine(page, 0, 1); // right
  await pickLine(page, 1, 2); // wrong
  await page.click("#problem-medium-show-solution");
  await reload(page);
  assert.match(await page.textContent("#problem-hard-part"), /Part 2 of 5/);
  assert.match(await page.textContent("#problem-hard-prompt"), /T\s*=\s*2/);
  assert.equal(await page.isChecked("#problem-medium-step-0-option-1"), true);
  assert.equal(await page.isChecked("#problem-medium-step-1-option-2"), true);
  assert.equal(await page.isChecked("#problem-medium-step-2-option-0"), false);
  assert.match(await page.textContent("#problem-medium-step-0-verdict"), /^Correct/);
  assert.match(await page.textContent("#problem-medium-step-1-verdict"), /^Not this line/);
  assert.equal(await page.getAttribute("#problem-medium-step-1-verdict", "data-outcome"), "wrong");
  assert.equal(await page.isVisible("#problem-medium-solution"), true, "the open solution stays open");
  assert.equal(await page.isVisible("#practice-notice"), false);
  // And the learner carries on from there.
  assert.match(await answer(page, "hard", "0.736 0.164 0.100"), /Correct.*part 3/);
  for (const [s, o] of [1, 0, 2, 1].entries()) await pickLine(page, s, o);
  assert.match(await answer(page, "medium", "1/4 3/4 0"), /forgot to exponentiate/);
  assert.match(await answer(page, "medium", "0.114 0.844 0.042"), /Correct.*solved/);
  // A variant is kept too.
  await page.click("#problem-easy-variant");
  const statement = await page.textContent("#problem-easy-statement");
  await reload(page);
  assert.equal(await page.textContent("#problem-easy-statement"), statement);
  assert.match(await page.textContent("#problem-hard-part"), /Part 3 of 5/);
  expectClean(log);
  await context.close();
});

test("a stale or hostile stored place falls back cleanly to the beginning", async () => {
  const cases = [
    ["p1;hard-0:7:-:0", /no longer fits/], // part 8 of a 4-part problem
    ["p1;medium-0:0:99_9:0", /no longer fits/], // lines no step offers
    ["p1;medium-0:0:10:0", /no longer fits/], // two choices for four steps
    ["p1;hard-0:1:-:0,hard-0:2:-:0", /could not be read/],
    ["p1;hard-4294967295:1:-:0", /could not be read/],
    ["{\"part\":1}", /could not be read/],
    ["p1;" + "hard-0:1:-:0,".repeat(400), /could not be read/],
    ["\u0000\uFFFF<script>", /could not be read/],
  ];
  for (const [bad, notice] of cases) {
    const { page, log, context } = await open(browser);
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [PLACE_KEY, bad]);
    await reload(page);
    assert.equal(await page.isVisible("#practice-notice"), true, bad.slice(0, 30));
    assert.match(await page.textContent("#practice-notice"), notice, bad.slice(0, 30));
    assert.match(await page.textContent("#problem-hard-part"), /Part 1 of 5/, bad.slice(0, 30));
    assert.equal(await page.locator("#problem-medium-derivation input:checked").count(), 0);
    assert.match(await answer(page, "hard", "0.936 0.047 0.017"), /Correct.*part 2/);
    // The next save replaces the bad record with a good one.
    assert.match(await page.evaluate((k) => localStorage.getItem(k), PLACE_KEY), /^p1;.*hard-0:1:/);
    const text = await visibleText(page);
    assert.ok(!/\bNaN\b|undefined|<script>/.test(text), bad.slice(0, 30));
    expectClean(log);
    await context.close();
  }
});

test("progress survives a reload, and reset clears it", async () => {
  const { page, log, context } = await open(browser);
  await page.click("#problem-hard-hint");
  assert.match(await answer(page, "easy", "1/4"), /Correct/);
  assert.match(await chooseReason(page, "easy", "their exponentials are all equal"), /Correct.*solved/);
  assert.doesNotMatch(
    await page.textContent("#problem-easy-origin"),
    /solved before/,
    "a problem solved just now was not solved before",
  );
  await reload(page);
  assert.match(await page.textContent("#practice-summary"), /Solved: 1 problem\b.*Hints used: 1/);
  assert.match(await page.textContent("#problem-easy-origin"), /solved before/);
  assert.equal(await page.locator("#problem-hard-hints li").count(), 1, "the hint shown stays shown");
  assert.match(await page.evaluate((k) => localStorage.getItem(k), KEY), /^v1;solved=easy-0;/);
  assert.equal(await page.locator("#practice-reviews li").count(), 1);
  assert.match(await page.textContent("#practice-reviews"), /easy problem with the lesson's own numbers.*due tomorrow/);
  assert.match(await page.textContent("#practice-schedule-note"), /after 1 day, then 2, 4/);
  await page.click("#practice-reset");
  assert.match(await page.textContent("#practice-summary"), /Solved: 0 problems.*Hints used: 0/);
  assert.equal(await page.locator("#problem-hard-hints li").count(), 0);
  await reload(page);
  assert.match(await page.textContent("#practice-summary"), /Solved: 0 problems/);
  assert.match(await page.textContent("#problem-easy-part"), /Part 1 of 2/);
  expectClean(log);
  await context.close();
});

test("a corrupted or foreign record shows a notice and the page still works", async () => {
  for (const bad of ["{not json", "{\"solved\":[1,2]}", "v9;solved=easy-0", "v1;review=easy-0:1:99999999999", "v1;solved=" + "easy-1,".repeat(4000)]) {
    const { page, log, context } = await open(browser);
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, bad]);
    await reload(page);
    assert.equal(await page.isVisible("#practice-notice"), true, bad.slice(0, 30));
    assert.match(await page.textContent("#practice-notice"), /could not be read/);
    assert.match(await page.textContent("#practice-summary"), /Solved: 0 problems/);
    assert.match(await answer(page, "easy", "0.25"), /^Correct/);
    expectClean(log);
    await context.close();
  }
});

test("the Check buttons look like buttons, with a focus ring only when focused from the keyboard", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { page, log, context } = await open(browser, "", { colorScheme });
    await page.locator("#problem-easy").scrollIntoViewIfNeeded();
    const look = (id) => page.$eval(id, (el) => {
      const s = getComputedStyle(el);
      return { outline: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth), outlineColor: s.outlineColor,
        border: s.borderTopColor, background: s.backgroundColor, shadow: s.boxShadow };
    });
    for (const level of ["easy", "medium", "hard"]) {
      const rest = await look(`#problem-${level}-check`);
      assert.equal(rest.outline, "none", `${colorScheme} ${level}: no outline at rest`);
      assert.equal(rest.border, rest.background, `${colorScheme} ${level}: no ring-like border at rest (${rest.border} on ${rest.background})`);
      assert.equal(rest.shadow, "none");
    }
    // A click focuses without a ring...
    await page.click("#problem-easy-check");
    assert.equal((await look("#problem-easy-check")).outline, "none", "no ring after a click");
    // ... the keyboard shows one, set apart from the button by a gap.
    await page.focus("#problem-easy-answer");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "problem-easy-check");
    const ring = await look("#problem-easy-check");
    assert.equal(ring.outline, "solid");
    assert.ok(ring.outlineWidth >= 2, `ring width ${ring.outlineWidth}`);
    assert.notEqual(ring.shadow, "none", "a gap in the page's colour between button and ring");
    expectClean(log);
    await context.close();
  }
});

test("the practice text speaks to the learner, with no authoring words", async () => {
  const { page, log, context } = await open(browser);
  // Every problem with its hints, solution and reasons showing, then a variant of each.
  for (const round of [0, 1]) {
    for (const level of ["easy", "medium", "hard"]) {
      if (round === 1) await page.click(`#problem-${level}-variant`);
      while (!(await page.isDisabled(`#problem-${level}-hint`))) await page.click(`#problem-${level}-hint`);
      await page.click(`#problem-${level}-show-solution`);
    }
    if (round === 0) await answer(page, "easy", "1/4");
    await page.locator("#practice .mistakes summary").click();
    const text = await page.locator("#practice").innerText();
    for (const word of [/source/i, /From the lesson/, /Variant #/, /\bseed\b/i, /TODO/, /undefined|NaN/]) {
      assert.doesNotMatch(text, word, `round ${round}`);
    }
  }
  assert.match(await page.textContent("#problem-easy-origin"), /New numbers, same idea/);
  expectClean(log);
  await context.close();
});

test("on a phone every practice control is big enough to tap", async () => {
  const { page, log, context } = await open(browser, "", {
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true,
  });
  // Bring out the derivation, a reason part, hints, a review and the mistakes list.
  await answer(page, "easy", "1/4");
  await page.click("#problem-medium-hint");
  await page.locator("#practice .mistakes summary").click();
  const sizes = await page.$$eval(
    "#practice button, #practice input, #practice summary, #practice a, #practice label:has(+ input), #practice input + label, #practice select",
    (els) => els.filter((el) => el.checkVisibility() && !el.closest(".heading-anchor") && !el.classList.contains("heading-anchor"))
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { what: el.id || el.textContent.trim().slice(0, 40) || el.outerHTML.slice(0, 60), w: r.width, h: r.height, main: el.matches("[id$='-check'], [id$='-hint'], [id$='-show-solution'], [id$='-variant'], [id$='-answer'], #practice-reset") };
      }),
  );
  assert.ok(sizes.length > 30, `found ${sizes.length} controls`);
  for (const s of sizes) {
    assert.ok(s.w >= 24 && s.h >= 24, `${s.what}: ${s.w.toFixed(1)}x${s.h.toFixed(1)} is under 24x24`);
    if (s.main) assert.ok(s.h >= 44, `${s.what}: ${s.h.toFixed(1)} px tall, under 44`);
  }
  expectClean(log);
  await context.close();
});

test("axe finds nothing in the practice section, in light and dark", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { page, log, context } = await open(browser, "", { colorScheme });
    await answer(page, "easy", "1/4");
    await page.click("#problem-easy-check"); // nothing chosen: the choice error shows
    await chooseReason(page, "easy", "always spreads");
    await answer(page, "hard", "0.9 0.1 0");
    await answer(page, "medium", "abc");
    await page.click("#problem-medium-hint");
    await page.click("#problem-hard-show-solution");
    await pickLine(page, 0, 0);
    await pickLine(page, 1, 0);
    await page.locator("#practice .mistakes summary").click();
    await expectAccessible(page, "#practice");
    // The Check button focused from the keyboard, too.
    await page.focus("#problem-hard-answer");
    await page.keyboard.press("Tab");
    await expectAccessible(page, "#practice");
    expectClean(log);
    await context.close();
  }
});

test("the keyboard alone can answer a problem, give its reason and open a hint", async () => {
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
  // The field gave way to the reasons; focus went with it, to the first one.
  assert.equal(await page.evaluate(() => document.activeElement?.id), "problem-easy-choice-0");
  await page.keyboard.press("ArrowDown"); // the second reason, the right one
  assert.equal(await page.isChecked("#problem-easy-choice-1"), true);
  await page.keyboard.press("Tab"); // Check
  assert.equal(await page.evaluate(() => document.activeElement?.id), "problem-easy-check");
  await page.keyboard.press("Enter");
  assert.match(await page.textContent("#problem-easy-verdict"), /^Correct.*solved/);
  // Check went with the last part; the keyboard stays in the problem, on its next step.
  assert.equal(await page.evaluate(() => document.activeElement?.id), "problem-easy-variant");
  await page.keyboard.press("Shift+Tab"); // Show the worked solution
  await page.keyboard.press("Shift+Tab"); // Show a hint
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
  assert.match(await page.textContent("#problem-easy-origin"), /New numbers, same idea \(variant \d+\)/);
  await page.click("#problem-easy-show-solution");
  // The worked solution's last line holds the answer, rounded to three decimals.
  const last = await page.locator("#problem-easy-solution-lines li").last().textContent();
  const line = last.includes("p ≈") ? last : await page.locator("#problem-easy-solution-lines li").nth(-2).textContent();
  const vector = line.slice(line.indexOf("("));
  assert.match(await answer(page, "easy", vector.replace(/\.$/, "")), /^(Correct|Close)/);
  expectClean(log);
  await context.close();
});

test("moving through a derivation step's lines with the arrow keys gives nothing away", async () => {
  const { page, log, context } = await open(browser);
  await page.focus("#problem-medium-step-0-option-0");
  await page.keyboard.press("Space");
  for (let k = 0; k < 3; k++) {
    await page.keyboard.press("ArrowDown");
    assert.equal((await page.textContent("#problem-medium-step-0-verdict")).trim(), "", "no verdict while choosing");
  }
  // Checking is a separate, deliberate act.
  await page.click("#problem-medium-step-0-check");
  assert.match(await page.textContent("#problem-medium-step-0-verdict"), /^(Correct|Not this line)/);
  expectClean(log);
  await context.close();
});

test("a teacher makes an assignment link from the problems shown", async () => {
  const { page, log, context } = await open(browser, "#practice", { permissions: ["clipboard-read", "clipboard-write"] });
  await page.click("#problem-medium-variant");
  const origin = await page.textContent("#problem-medium-origin");
  const seed = origin.match(/variant (\d+)/)[1];
  await page.locator("#practice-assign summary").click();
  await page.locator("input[name='assign-level'][value='easy']").uncheck();
  await page.click("#practice-make-link");
  const link = await page.inputValue("#practice-assign-link");
  assert.equal(new URL(link).search, `?set=medium-${seed},hard-0`, link);
  assert.equal(new URL(link).hash, "#practice");
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  assert.match(await page.textContent("#practice-assign-status"), /Link copied/);
  // With nothing ticked there is no link, and the teacher hears why.
  for (const box of await page.locator("input[name='assign-level']").all()) await box.uncheck();
  await page.click("#practice-make-link");
  assert.match(await page.textContent("#practice-assign-status"), /at least one problem/);
  assert.equal(await page.isVisible("#practice-assign-link"), false);
  expectClean(log);
  await context.close();
});

test("a student's assignment shows exactly its problems, keeps its work apart, and hands in a summary", async () => {
  const options = { permissions: ["clipboard-read", "clipboard-write"] };
  const { page, log, context } = await open(browser, "?set=easy-0,hard-0#practice", options);
  assert.equal(await page.isVisible("#practice-assignment"), true);
  assert.match(await page.textContent("#practice-assignment-line"), /easy problem with the lesson's own numbers, the hard problem/);
  assert.equal(await page.isVisible("#problem-medium"), false, "a level the teacher left out is not shown");
  assert.equal(await page.isVisible("#problem-easy-variant"), false, "the problems are fixed");
  assert.equal(await page.isVisible("#practice-assign"), false);
  assert.equal(await page.locator("#practice-assignment-sheets a[href*='sheet=worksheet']").count(), 1);
  assert.equal(await page.locator("#practice-assignment a[href*='sheet=key']").count(), 0, "a student is not offered the answer key");
  assert.match(await answer(page, "easy", "1/3"), /^(?!Correct)/);
  assert.match(await answer(page, "easy", "1/4"), /Correct/);
  assert.match(await chooseReason(page, "easy", "their exponentials are all equal"), /Correct.*solved/);
  await page.click("#problem-hard-hint");
  await reload(page);
  assert.equal(await page.textContent("#practice-summary"), "On this assignment: 1 of 2 problems solved, 1 hint used.", "the assignment's work survives a reload");
  assert.match(await page.textContent("#practice-progress-title"), /^Your work on this assignment( #)?$/);
  assert.equal(await page.textContent("#practice-reset"), "Start the assignment again");
  // The solved problem says so, with the answers the assignment kept.
  assert.equal(await page.textContent("#problem-easy-verdict"),
    "Solved: every part of this problem is answered. Your accepted answers: Part 1: 1/4. Part 2: The logits are all equal, so their exponentials are all equal, and equal shares of the sum are 1/n each.");
  assert.equal(await page.getAttribute("#problem-easy-verdict", "data-outcome"), "correct");
  assert.equal(await page.textContent("#problem-hard-verdict"), "", "an unfinished problem has no verdict yet");
  await page.click("#practice-hand-in");
  const summary = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(summary, /^Softmax lesson: assignment easy-0,hard-0\nName: \n/, "a line for the student's name");
  assert.match(summary, /The easy problem with the lesson's own numbers \(a softmax by hand\): solved\./);
  assert.match(summary, /Part 1 of 2: 1\/4\n/);
  assert.match(summary, /Part 2 of 2: The logits are all equal/);
  assert.match(summary, /1 wrong answer, no hints, worked solution not opened\./);
  assert.match(summary, /The hard problem with the lesson's own numbers \(two temperatures\): not finished \(0 of 5 parts answered\)\.\n  no wrong answers, 1 hint/);
  assert.match(await page.textContent("#practice-hand-in-status"), /Summary copied/);
  // Free practice, in the same browser, knows nothing of it.
  await page.goto(new URL("./#practice", page.url()).href);
  await page.waitForSelector("html[data-ready='true']", { state: "attached" });
  assert.equal(await page.isVisible("#practice-assignment"), false);
  assert.match(await page.textContent("#practice-summary"), /Solved: 0 problems/);
  assert.equal(await page.isVisible("#problem-medium"), true);
  assert.match(await page.textContent("#practice-progress-title"), /^Your progress( #)?$/);
  assert.equal(await page.textContent("#problem-easy-verdict"), "", "free practice solved nothing");
  expectClean(log);
  await context.close();
});

test("starting an assignment again clears its work and leaves free practice as it was", async () => {
  const { page, log, context } = await open(browser, "#practice");
  assert.match(await answer(page, "easy", "1/4"), /Correct/);
  assert.match(await chooseReason(page, "easy", "their exponentials are all equal"), /solved/);
  await page.goto(new URL("?set=easy-0#practice", page.url()).href);
  await page.waitForSelector("html[data-ready='true']", { state: "attached" });
  assert.match(await answer(page, "easy", "1/4"), /Correct/);
  await page.click("#practice-reset");
  assert.match(await page.textContent("#practice-notice"), /assignment starts again.*free practice is as it was/);
  assert.equal(await page.textContent("#practice-summary"), "On this assignment: 0 of 1 problem solved, no hints used.");
  assert.match(await page.textContent("#problem-easy-part"), /Part 1 of 2/);
  await page.goto(new URL("./#practice", page.url()).href);
  await page.waitForSelector("html[data-ready='true']", { state: "attached" });
  assert.match(await page.textContent("#practice-summary"), /Solved: 1 problem\b/);
  // Solved on the earlier visit: the problem says so, not an empty verdict.
  assert.equal(await page.textContent("#problem-easy-verdict"), "Solved: every part of this problem is answered.");
  expectClean(log);
  await context.close();
});

test("a broken assignment link says so and opens free practice", async () => {
  for (const bad of ["easy-1,easy-2", "tricky-3", "easy-99999999", ""]) {
    const { page, log, context } = await open(browser, `?set=${encodeURIComponent(bad)}#practice`);
    assert.equal(await page.isVisible("#practice-assignment"), false, bad);
    assert.match(await page.textContent("#practice-notice"), /assignment|problem|level|seed/i, bad);
    assert.equal(await page.isVisible("#problem-medium"), true, bad);
    expectClean(log);
    await context.close();
  }
});

/** Text compared across the page and a PDF: math letters as plain ones
 * (NFKC), no spaces, and one minus sign. */
const plain = (text) => text.normalize("NFKC").replace(/[\u2212]/g, "-").replace(/\s+/g, "");

test("an assignment prints as a worksheet and as a separate answer key, on A4 and Letter", async () => {
  const set = "easy-0,medium-0,hard-0";
  // Every answer, as the key writes it.
  let answerTexts = [];
  for (const kind of ["key", "worksheet"]) {
    const { page, log, context } = await open(browser, `?set=${set}&sheet=${kind}`);
    assert.equal(await page.isVisible("#sheet"), true, kind);
    assert.equal(await page.isVisible("#simplex-canvas"), false, `${kind}: the sheet alone`);
    assert.equal(await page.locator("#sheet .sheet-problem").count(), 3);
    assert.ok((await page.locator("#sheet math").count()) > 10, "the sheet's math is typeset");
    const answers = page.locator("#sheet .sheet-answer");
    if (kind === "worksheet") {
      assert.equal(await answers.count(), 0, "no answer on the worksheet");
      assert.ok((await page.locator("#sheet .sheet-space").count()) >= 6, "room to write");
      // A vector's part leaves a line per entry and two for the working; one number, three lines.
      const heights = await page.$$eval("#sheet .sheet-space", (list) => list.map((s) => s.getBoundingClientRect().height));
      const line = heights.reduce((a, b) => Math.min(a, b)) / 3;
      assert.ok(heights.some((h) => Math.abs(h - 5 * line) < 1), `a vector of 3 gets 5 lines: ${heights}`);
      assert.doesNotMatch(await page.textContent("#sheet"), /0\.936|Worked solution/);
      // A reason to choose is on the worksheet as one of its choices, beside the wrong ones.
      const choices = (await page.locator("#sheet .sheet-lines li").allTextContents()).map(plain);
      answerTexts = answerTexts.filter((text) => !choices.includes(plain(text)));
    } else {
      assert.equal(await answers.count(), 8, "one answer per part: 2 + 1 + 5");
      assert.match(await page.textContent("#sheet"), /0\.936/);
      // The answers, as the key writes them.
      answerTexts = await page.$$eval("#sheet .sheet-parts > li .sheet-answer",
        (list) => list.map((a) => a.textContent.replace(/^Answer:\s*/, "").trim()));
      assert.ok(answerTexts.length >= 6, `answers to work out: ${answerTexts}`);
      assert.ok((await page.locator("#sheet h3", { hasText: "Worked solution" }).count()) === 3);
    }
    await expectAccessible(page, "#sheet");
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.isVisible("#sheet button"), false, "no button on paper");
    for (const format of ["A4", "Letter"]) {
      const pdf = await page.pdf({ format });
      const pages = pageCount(pdf);
      assert.ok(pages >= 1 && pages <= (kind === "key" ? 6 : 4), `${kind} on ${format}: ${pages} pages`);
      // What is on paper: the key holds every answer, the worksheet none.
      const text = plain((await pdfText(pdf)).join(" "));
      assert.ok(text.includes(plain("Easy problem")) || text.includes(plain("easy problem")), `${kind}: the PDF's text is readable`);
      // Short answers ("1", "4") would match anywhere; the longer ones are the test.
      const telling = answerTexts.filter((answerText) => plain(answerText).length >= 5);
      assert.ok(telling.length >= 4, `answers compared: ${telling}`);
      for (const answerText of telling) {
        if (kind === "key") assert.ok(text.includes(plain(answerText)), `${format} key: ${answerText}`);
        else assert.ok(!text.includes(plain(answerText)), `${format} worksheet gives away ${answerText}`);
      }
    }
    expectClean(log);
    await context.close();
  }
});

test("checking the medium problem's numbers before its derivation asks for the derivation, and says nothing else", async () => {
  const { page, log, context } = await open(browser, "#practice");
  assert.match(await answer(page, "medium", "0.114 0.844 0.042"), /Correct.*Finish the derivation/);
  const prompt = await page.textContent("#problem-medium-prompt");
  assert.match(prompt, /Finish the derivation above/);
  assert.doesNotMatch(prompt, /All parts answered|Try a variant/);
  expectClean(log);
  await context.close();
});

test("two students in fresh browsers given one assignment link get identical problems", async () => {
  const link = "?set=easy-4711,medium-23,hard-999#practice";
  const seen = [];
  for (const student of [0, 1]) {
    const { page, log, context } = await open(browser, link);
    seen.push(await page.evaluate(() => ["easy", "medium", "hard"].map((level) => [
      document.getElementById(`problem-${level}-origin`).textContent,
      document.getElementById(`problem-${level}-statement`).innerHTML,
      document.getElementById(`problem-${level}-prompt`).innerHTML,
    ])));
    expectClean(log);
    await context.close();
    assert.match(seen[student][0][0], /variant 4711/, `student ${student + 1}`);
  }
  assert.deepEqual(seen[0], seen[1]);
});
