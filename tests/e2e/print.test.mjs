// The lesson printed, as a teacher prints it for a class: Chromium's PDF of
// the whole page (A4 and US Letter) fits a handout, shows no control, and
// every figure on paper has been drawn.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, expectClean, pdfText, pdfBodySize, holds, pageCount } from "./helpers.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("the printed lesson fits 15 A4 pages, with no control on paper and every figure drawn", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1");
  // The words of every control on screen (buttons, disclosure summaries,
  // the labels of fields), except words the lesson's prose says itself
  // ("press Fit T") and the derivation's lines, which are printed.
  const controlWords = await page.evaluate(() => {
    const words = (el) => el.textContent.trim().replace(/\s+/g, " ");
    const prose = document.querySelector("main").cloneNode(true);
    for (const el of prose.querySelectorAll("button, summary, label, select, legend, textarea, .visually-hidden, [aria-hidden='true']")) el.remove();
    const said = prose.textContent.replace(/\s+/g, " ");
    const labels = [...document.querySelectorAll("main button, main summary, main label[for]:not(:has(output))")]
      .filter((el) => !el.closest(".choice") && !el.matches("main p label"))
      .map(words)
      .filter((text) => text.length >= 3 && !said.includes(text));
    return [...new Set(labels)];
  });
  assert.ok(controlWords.length > 40, `the controls' words are collected: ${controlWords.length}`);
  for (const words of ["Download PNG", "Copy link to this state", "Show a hint (3 left)", "Is this line right?", "Embed", "slide T (0.01 to 100, log scale)"]) {
    assert.ok(controlWords.includes(words), `${words} is among the controls' words`);
  }
  await page.emulateMedia({ media: "print" });
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const onPaper = await page.evaluate(() => {
    // A menu inside a sentence prints as the word chosen ("if the correct
    // class is class 1"); it must look like that word, not like a menu.
    const asWords = [...document.querySelectorAll("main p select")].filter((el) => el.checkVisibility());
    const menuLike = asWords.filter((el) => {
      const style = getComputedStyle(el);
      return style.appearance !== "none" || parseFloat(style.borderTopWidth) > 0;
    }).map((el) => el.id);
    const controls = [...document.querySelectorAll("button, input, select, textarea, summary")]
      .filter((el) => el.checkVisibility() && !asWords.includes(el))
      .map((el) => el.id || el.textContent.trim().slice(0, 30));
    const blank = [...document.querySelectorAll("canvas")]
      .filter((c) => c.checkVisibility() && c.width > 0)
      .filter((c) => {
        const data = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
        const first = data.slice(0, 4).join();
        for (let i = 4; i < data.length; i += 4 * 97) if (data.slice(i, i + 4).join() !== first) return false;
        return true;
      })
      .map((c) => c.id || c.className);
    const sections = [...document.querySelectorAll("main section[id]")].filter((s) => !s.checkVisibility()).map((s) => s.id);
    const solutions = [...document.querySelectorAll(".solution")].filter((s) => s.checkVisibility()).length;
    const player = document.getElementById("player-time")?.textContent ?? "";
    // The walk-through is drawn for a printed column, not for the screen.
    const stage = document.getElementById("player-canvas");
    const drawnWidth = stage.width / Math.max(1, devicePixelRatio);
    return { controls, blank, sections, solutions, player, drawnWidth, menuLike, asWords: asWords.length };
  });
  assert.deepEqual(onPaper.controls, [], "no control is printed");
  assert.ok(onPaper.asWords >= 3, "the menus inside sentences print as their words");
  assert.deepEqual(onPaper.menuLike, [], "a menu in a sentence prints as plain words");
  assert.deepEqual(onPaper.blank, [], "every printed figure is drawn");
  assert.deepEqual(onPaper.sections, [], "every section of the lesson is printed");
  assert.equal(onPaper.solutions, 0, "no worked solution the reader did not open");
  assert.ok(onPaper.drawnWidth <= 400, `the walk-through is laid out ${onPaper.drawnWidth} px wide for paper`);
  assert.doesNotMatch(onPaper.player, /^\s*t = 0\.0 s/, `the walk-through prints a frame with something on it: ${onPaper.player}`);
  for (const [format, most] of [["A4", 15], ["Letter", 15]]) {
    const pdf = await page.pdf({ format });
    const pages = pageCount(pdf);
    assert.ok(pages > 5 && pages <= most, `${format}: ${pages} pages`);
    const text = await pdfText(pdf);
    assert.equal(text.length, pages, "pdf.js reads every page");
    // The page count is honest: the body type is on paper at the size the
    // stylesheet sets (8.5 pt), so nothing too wide made Chromium shrink the pages.
    const size = await pdfBodySize(pdf);
    assert.ok(size >= 8.3 && size <= 8.7, `${format}: body type ${size.toFixed(2)} pt`);
    const whole = text.join(" ");
    // The PDF holds the lesson's text (a check that the text is readable at all)...
    for (const words of ["Softmax, explored", "The playground", "the max trick", "Practice"]) {
      assert.ok(holds(whole, words), `${format}: the PDF's text has "${words}"`);
    }
    // ...and not one control's words.
    const printed = controlWords.filter((words) => holds(whole, words));
    assert.deepEqual(printed, [], `${format}: control labels in the PDF's text`);
  }
  await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
  expectClean(log);
  await context.close();
});
