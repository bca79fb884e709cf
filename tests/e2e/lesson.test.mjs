// The lesson as a reader meets it: every concept has its place, the math is
// typeset, the worked examples show the source's numbers step by step, the
// reader's own numbers are recomputed, the diagrams move, and the page reads
// well on a phone, in print and with reduced motion.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, expectClean, expectAccessible, typeInto, BASE_URL, fieldMessage } from "./helpers.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// The fifteen concepts of the syllabus and the anchors that teach them
// (the same list as src/lesson/concepts.rs).
const CONCEPT_ANCHORS = [
  "softmax-as-a-map", "logits", "exponentiation", "normalisation", "output-properties",
  "shift-invariance", "max-trick", "temperature-parameter", "temperature-sharpness",
  "soft-argmax", "log-sum-exp", "attention-weights", "sensitivity-peakedness",
  "two-class-sigmoid", "jacobian",
];

/** The text of a worked example's table cell, e.g. cellText(page, "#worked-basic", "e-1"). */
function cellText(page, figure, key) {
  return page.textContent(`${figure} [data-cell="${key}"]`).then((t) => t.trim());
}

async function cells(page, figure, keys) {
  return Promise.all(keys.map((k) => cellText(page, figure, k)));
}

async function litCells(page, figure) {
  return page.$$eval(`${figure} td.lit`, (tds) => tds.map((td) => td.dataset.cell));
}

test("every one of the fifteen concepts has its anchor, and the index links to each", async () => {
  const { page, log, context } = await open(browser);
  for (const id of CONCEPT_ANCHORS) {
    assert.equal(await page.locator(`[id="${id}"]`).count(), 1, `#${id} exists once`);
    const text = (await page.textContent(`[id="${id}"]`)).trim();
    assert.ok(text.length > 10, `#${id} has text`);
    assert.equal(await page.locator(`.concept-index a[href="#${id}"]`).count(), 1, `index links #${id}`);
  }
  expectClean(log);
  await context.close();
});

test("the math is typeset as MathML, never shown as raw LaTeX", async () => {
  const { page, log, context } = await open(browser);
  const count = await page.locator("main math").count();
  assert.ok(count > 60, `only ${count} formulas`);
  assert.ok(await page.locator('math[display="block"] mfrac').count() > 5);
  const text = await page.innerText("main");
  for (const raw of ["$$", "\\frac", "\\operatorname", "\\sum", "\\mathbf"]) {
    assert.ok(!text.includes(raw), `raw LaTeX ${raw} on screen`);
  }
  // The math font is ours and loads from our own origin.
  const loaded = await page.evaluate(async () => {
    await document.fonts.ready;
    return document.fonts.check('16px "Lesson Math"', "∑");
  });
  assert.equal(loaded, true);
  expectClean(log);
  await context.close();
});

test("worked example 1 shows the source's numbers for (2, 1, 0)", async () => {
  const { page, log, context } = await open(browser);
  const f = "#worked-basic";
  assert.deepEqual(await cells(page, f, ["x-1", "x-2", "x-3"]), ["2", "1", "0"]);
  assert.deepEqual(await cells(page, f, ["e-1", "e-2", "e-3", "e-sum"]), ["7.389", "2.718", "1", "11.107"]);
  assert.deepEqual(await cells(page, f, ["p-1", "p-2", "p-3"]), ["0.665", "0.245", "0.090"]);
  const steps = await page.$$eval(`${f} ol.worked-steps li`, (lis) => lis.map((li) => li.textContent));
  assert.ok(steps.some((s) => s.includes("S = 7.389 + 2.718 + 1 ≈ 11.107")), steps.join("\n"));
  assert.ok(steps.some((s) => s.includes("p1 = 7.389 / 11.107 ≈ 0.665")), steps.join("\n"));
  expectClean(log);
  await context.close();
});

test("stepping through an example outlines the cell and marks the bar of each step", async () => {
  const { page, log, context } = await open(browser);
  const f = "#worked-basic";
  assert.deepEqual(await litCells(page, f), ["x-1", "x-2", "x-3"]);
  assert.match(await page.textContent(`${f} [data-part="counter"]`), /Step 1 of 9/);
  await page.click(`${f} [data-step="next"]`);
  assert.deepEqual(await litCells(page, f), ["e-1"]);
  assert.match(await page.textContent(`${f} [data-part="chart-text"]`), /exponentials.*class 1 is marked/);
  assert.equal(await page.getAttribute(`${f} ol.worked-steps li:nth-child(2)`, "aria-current"), "step");
  await page.click(`${f} ol.worked-steps li:nth-child(7)`);
  assert.deepEqual(await litCells(page, f), ["p-2"]);
  assert.match(await page.textContent(`${f} [data-part="chart-text"]`), /probabilities.*class 2 is marked/);
  await page.click(`${f} [data-step="last"]`);
  assert.deepEqual(await litCells(page, f), ["p-sum"]);
  assert.equal(await page.isDisabled(`${f} [data-step="next"]`), true);
  // Keyboard alone: the step buttons are reachable and work with Enter.
  await page.focus(`${f} [data-step="first"]`);
  await page.keyboard.press("Enter");
  assert.deepEqual(await litCells(page, f), ["x-1", "x-2", "x-3"]);
  expectClean(log);
  await context.close();
});

test("worked example 2 shows the naive overflow and the max-shifted numbers", async () => {
  const { page, log, context } = await open(browser);
  const f = "#worked-overflow";
  assert.deepEqual(await cells(page, f, ["z-1", "z-2", "z-3"]), ["−1", "0", "−2"]);
  assert.deepEqual(await cells(page, f, ["e-1", "e-2", "e-3", "e-sum"]), ["0.3679", "1", "0.1353", "1.5032"]);
  assert.deepEqual(await cells(page, f, ["p-1", "p-2", "p-3"]), ["0.2447", "0.6652", "0.0900"]);
  const naive = await page.textContent(`${f} ol.worked-steps li:nth-child(2)`);
  assert.match(naive, /e1001 = ∞/);
  assert.match(naive, /NaN/);
  expectClean(log);
  await context.close();
});

test("worked example 3 shows T = 2, 1 and 0.5, and the temperature path follows", async () => {
  const { page, log, context } = await open(browser);
  const f = "#worked-temperature";
  const expected = {
    "T = 2": { s: ["1", "0.5", "0"], e: ["2.718", "1.649", "1", "5.367"], p: ["0.506", "0.307", "0.186"] },
    "T = 1": { s: null, e: ["7.389", "2.718", "1", "11.107"], p: ["0.665", "0.245", "0.090"] },
    "T = 0.5": { s: ["4", "2", "0"], e: ["54.598", "7.389", "1", "62.987"], p: ["0.867", "0.117", "0.016"] },
  };
  for (const [label, want] of Object.entries(expected)) {
    await page.locator(`${f} label`, { hasText: new RegExp(`^\\s*${label.replace(".", "\\.")}\\s*$`) }).click();
    if (want.s) assert.deepEqual(await cells(page, f, ["s-1", "s-2", "s-3"]), want.s, label);
    assert.deepEqual(await cells(page, f, ["e-1", "e-2", "e-3", "e-sum"]), want.e, label);
    assert.deepEqual(await cells(page, f, ["p-1", "p-2", "p-3"]), want.p, label);
    assert.ok((await page.textContent("#path-text")).startsWith(`At ${label} the point is p = (${want.p.join(", ")})`), label);
    assert.equal(await page.textContent("#path-t-out"), label.slice(4));
  }
  expectClean(log);
  await context.close();
});

test("try your own numbers recomputes every step and explains bad input", async () => {
  const { page, log, context } = await open(browser);
  const f = "#worked-own";
  await typeInto(page, "#own-logits", "[1000 1001 999]");
  assert.deepEqual(await cells(page, f, ["p-1", "p-2", "p-3"]), ["0.2447", "0.6652", "0.0900"]);
  assert.match(await page.textContent(`${f} ol.worked-steps li:nth-child(2)`), /∞/);
  await typeInto(page, "#own-logits", "2, 1, 0, -1");
  await typeInto(page, "#own-temperature", "0.5");
  assert.equal(await page.locator(`${f} tbody tr`).count(), 4);
  assert.deepEqual(await cells(page, f, ["s-1", "s-2", "s-3", "s-4"]), ["4", "2", "0", "−2"]);
  for (const bad of ["abc", "1", "1, 2e999"]) {
    await typeInto(page, "#own-logits", bad);
    assert.equal(await page.getAttribute("#own-logits", "aria-invalid"), "true", bad);
    assert.notEqual(await fieldMessage(page, "#own-logits"), "", bad);
    assert.equal(await page.locator(`${f} tbody tr`).count(), 4, `${bad}: the last good example stays`);
  }
  await typeInto(page, "#own-logits", "3, 1, -1");
  for (const bad of ["-2", "", "0"]) {
    await typeInto(page, "#own-temperature", bad);
    assert.equal(await page.getAttribute("#own-temperature", "aria-invalid"), "true", bad);
    assert.equal(await page.getAttribute("#own-logits", "aria-invalid"), null, bad);
  }
  expectClean(log);
  await context.close();
});

test("the diagrams move with their sliders: shift leaves point A still, scale moves B", async () => {
  const { page, log, context } = await open(browser);
  const pOf = (text, name) => text.match(new RegExp(`${name}[^p]*p = (\\([^)]*\\))`))[1];
  const before = await page.textContent("#shift-scale-text");
  assert.match(before, /\(12, 11, 10\)/);
  await page.locator("#shift-c").fill("-7.5");
  const shifted = await page.textContent("#shift-scale-text");
  assert.match(shifted, /\(−5\.5, −6\.5, −7\.5\)/);
  assert.equal(pOf(shifted, "Shift"), pOf(before, "Shift"));
  await page.locator("#scale-a").fill("-100");
  const flat = await page.textContent("#shift-scale-text");
  assert.match(flat, /Scale: 0\.1·x/);
  assert.notEqual(pOf(flat, "Scale"), pOf(before, "Scale"));
  assert.equal(await page.getAttribute("#scale-a", "aria-valuetext"), "0.1");
  await page.locator("#two-class-d").fill("0");
  assert.match(await page.textContent("#two-class-text"), /p₁ = 1 \/ \(1 \+ e\^\(−d\/T\)\) = 0\.500/);
  for (const id of ["#shift-scale-canvas", "#path-canvas", "#two-class-canvas"]) {
    assert.ok((await page.getAttribute(id, "aria-label")).length > 20, id);
  }
  expectClean(log);
  await context.close();
});

test("the Jacobian in its own section follows the playground and its rows sum to zero", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1");
  const echo = "#jacobian-block [data-echo]";
  assert.match(await page.textContent(echo), /x = \(2, 1, 0\), T = 1/);
  await typeInto(page, "#logit-3", "5");
  await page.waitForFunction((sel) => /x = \(2, 1, 5\)/.test(document.querySelector(sel).textContent), echo);
  const sums = await page.$$eval("#jacobian-rows tr td:last-child", (tds) => tds.map((td) => td.textContent));
  assert.deepEqual(sums, ["0.000", "0.000", "0.000"]);
  expectClean(log);
  await context.close();
});

test("at T = 0 with tied largest logits the Jacobian shows its infinite limit, and says so", async () => {
  const { page, log, context } = await open(browser, "#logits=2,2,0&T=0");
  const rows = await page.$$eval("#jacobian-rows tr", (trs) => trs.map((tr) => [...tr.cells].slice(1).map((c) => c.textContent)));
  assert.deepEqual(rows, [
    ["∞", "−∞", "0.000", "0.000"],
    ["−∞", "∞", "0.000", "0.000"],
    ["0.000", "0.000", "0.000", "0.000"],
  ]);
  assert.match(await page.textContent("#jacobian-caption"), /tied largest logits the tied classes show ±∞/);
  // A unique largest logit: the limit is 0 everywhere.
  await typeInto(page, "#logit-1", "3");
  await page.waitForFunction(() => [...document.querySelectorAll("#jacobian-rows td")].every((td) => td.textContent === "0.000"));
  expectClean(log);
  await context.close();
});

test("the contents track the section in view and every heading has a working anchor", async () => {
  const { page, log, context } = await open(browser, "", { viewport: { width: 1600, height: 900 } });
  assert.equal(await page.isVisible("#toc-list"), true, "the contents sit open beside the lesson");
  const links = await page.$$eval("#toc-list a", (as) => as.map((a) => a.getAttribute("href")));
  for (const href of ["#what-is-softmax", "#shift-and-stability", "#temperature-scaling", "#jacobian", "#common-mistakes"]) {
    assert.ok(links.includes(href), `contents link ${href}`);
  }
  const anchors = await page.$$eval("main h2 .heading-anchor, main h3 .heading-anchor", (as) =>
    as.map((a) => [a.getAttribute("href"), !!document.getElementById(a.getAttribute("href").slice(1))]));
  assert.ok(anchors.length > 40, `${anchors.length} anchors`);
  for (const [href, exists] of anchors) assert.ok(exists, `${href} points at nothing`);
  await page.click('#toc-list a[href="#jacobian"]');
  await page.waitForFunction(() =>
    document.querySelector('#toc-list a[aria-current="location"]')?.getAttribute("href") === "#jacobian");
  expectClean(log);
  await context.close();
});

test("on a narrower screen the contents fold into one line that names the section in view", async () => {
  const { page, log, context } = await open(browser, "", { viewport: { width: 1000, height: 800 } });
  assert.equal(await page.isVisible("#toc-list"), false);
  await page.click("#toc-details summary");
  await page.click('#toc-list a[href="#temperature-scaling"]');
  await page.waitForFunction(() => /now: Temperature/.test(document.getElementById("toc-now").textContent));
  expectClean(log);
  await context.close();
});

test("a link to a concept opens the page at that concept", async () => {
  const { page, log, context } = await open(browser, "#max-trick");
  await page.waitForTimeout(200);
  const top = await page.evaluate(() => document.getElementById("max-trick").getBoundingClientRect().top);
  assert.ok(Math.abs(top) < 80, `#max-trick is at ${top}px from the top`);
  expectClean(log);
  await context.close();
});

test("the lesson reads on a phone: no sideways scrolling, controls large enough", async () => {
  const { page, log, context } = await open(browser, "", { viewport: { width: 360, height: 740 }, hasTouch: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page is ${overflow}px wider than the phone`);
  const small = await page.$$eval(".step-controls button, .worked-choice label", (els) =>
    els.filter((el) => el.getBoundingClientRect().height < 44).length);
  assert.equal(small, 0, "touch targets at least 44px tall");
  const measure = await page.evaluate(() => {
    const p = document.querySelector("#motivation + p");
    return p.getBoundingClientRect().width;
  });
  assert.ok(measure <= 360, `prose width ${measure}`);
  expectClean(log);
  await context.close();
});

test("prose keeps a readable line length on a wide screen", async () => {
  const { page, log, context } = await open(browser, "", { viewport: { width: 1600, height: 900 } });
  const chars = await page.evaluate(() => {
    const p = document.querySelector("#motivation + p");
    const font = parseFloat(getComputedStyle(p).fontSize);
    return p.getBoundingClientRect().width / (font * 0.5);
  });
  assert.ok(chars <= 90, `about ${Math.round(chars)} characters a line`);
  expectClean(log);
  await context.close();
});

test("print shows the text and the drawn diagrams, without the contents or controls", async () => {
  const { page, log, context } = await open(browser);
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.isVisible("nav.toc"), false);
  assert.equal(await page.isVisible("#worked-basic .step-controls"), false);
  assert.equal(await page.isVisible("#path-canvas"), true);
  assert.equal(await page.isVisible("#worked-basic ol.worked-steps"), true);
  const drawn = await page.evaluate(() => {
    const c = document.getElementById("path-canvas");
    const data = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4 * 97) if (data[i] < 200) ink++;
    return ink;
  });
  assert.ok(drawn > 10, "the path canvas is drawn");
  expectClean(log);
  await context.close();
});

test("with reduced motion nothing in the lesson moves by itself", async () => {
  const { page, log, context } = await open(browser, "", { reducedMotion: "reduce" });
  await page.click("#worked-basic [data-step=\"next\"]");
  await page.click("#toc-details summary");
  await page.click('#toc-list a[href="#jacobian"]');
  const moving = await page.evaluate(() => ({
    scroll: getComputedStyle(document.documentElement).scrollBehavior,
    animations: document.getAnimations().length,
    top: document.getElementById("jacobian").getBoundingClientRect().top,
  }));
  assert.equal(moving.scroll, "auto");
  assert.equal(moving.animations, 0);
  assert.ok(moving.top >= 0 && moving.top < 40, `the link jumped straight to the section (${moving.top})`);
  expectClean(log);
  await context.close();
});

test("axe finds nothing in the lesson, in the light and the dark theme", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { page, log, context } = await open(browser, "", { colorScheme });
    await expectAccessible(page);
    expectClean(log);
    await context.close();
  }
});

test("without JavaScript the lesson's text and math can still be read", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(new URL("#jacobian", BASE_URL).href);
  assert.equal(await page.locator("#jacobian-title").isVisible(), true, "a heading below the explorer is shown");
  assert.equal(await page.locator("#what-is-softmax math").first().isVisible(), true, "its math is shown");
  assert.match(await page.textContent("body > noscript"), /enable JavaScript/);
  await context.close();
});

test("a stored dark theme is in force before the body is painted", async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    try {
      localStorage.setItem("softmax-lesson.theme", "dark");
    } catch {
      // about:blank has no storage; the page's origin does.
    }
    // Record the theme at the moment the first part of the body is parsed.
    new MutationObserver((_, observer) => {
      if (document.querySelector("header") && !("themeAtHeader" in window)) {
        window.themeAtHeader = document.documentElement.dataset.theme ?? "none";
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  await page.goto(BASE_URL);
  await page.waitForSelector("html[data-ready='true']", { state: "attached" });
  assert.equal(await page.evaluate(() => window.themeAtHeader), "dark");
  assert.equal(await page.getAttribute("html", "data-theme"), "dark");
  await context.close();
});

test("every square root on the page draws its radical sign", async () => {
  const { page, log, context } = await open(browser, "#temperature-scaling");
  // The sign takes room beside what is under it (none when the font that
  // draws it lacks the glyph, as when Chromium used a subset without it).
  const roots = await page.$$eval("msqrt", (list) => list.map((m) => {
    const outer = m.getBoundingClientRect();
    const inner = m.firstElementChild.getBoundingClientRect();
    return { room: outer.width - inner.width, em: parseFloat(getComputedStyle(m).fontSize) };
  }));
  assert.ok(roots.length >= 5, `the lesson's square roots: ${roots.length}`);
  for (const { room, em } of roots) assert.ok(room >= 0.5 * em, `a radical ${room.toFixed(1)} px wide at ${em} px`);
  expectClean(log);
  await context.close();
});

test("the first screen's formulas need only the small math font, so the full one waits for the lesson below", async () => {
  const { page, log, context } = await open(browser, "");
  const early = await page.evaluate(() => {
    const drawn = performance.getEntriesByName("simplex-drawn")[0]?.startTime ?? Infinity;
    return performance.getEntriesByType("resource")
      .filter((entry) => entry.name.includes("/fonts/") && entry.startTime < drawn)
      .map((entry) => new URL(entry.name).pathname);
  });
  assert.deepEqual(early, ["/fonts/lesson-math-first.woff2"]);
  // And every character of those formulas is one the small font covers.
  const missing = await page.evaluate(() => {
    const rule = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules])
      .find((r) => r instanceof CSSFontFaceRule && r.style.getPropertyValue("src").includes("lesson-math-first"));
    const ranges = rule.style.getPropertyValue("unicode-range").split(",").map((part) => {
      const [a, b] = part.trim().replace(/^U\+/i, "").split("-").map((h) => parseInt(h, 16));
      return [a, b ?? a];
    });
    const covered = (c) => ranges.some(([a, b]) => c >= a && c <= b);
    const text = [...document.querySelectorAll("#intro math, #explorer math")].map((m) => m.textContent).join("");
    return [...new Set(text)].filter((ch) => !/\s/.test(ch) && !covered(ch.codePointAt(0)))
      .map((ch) => `U+${ch.codePointAt(0).toString(16).toUpperCase()}`);
  });
  assert.deepEqual(missing, [], "characters the small font does not cover");
  expectClean(log);
  await context.close();
});
