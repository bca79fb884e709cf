// The lesson printed, as a teacher prints it for a class: Chromium's PDF of
// the whole page (A4 and US Letter) fits a handout, shows no control, and
// every figure on paper has been drawn.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, expectClean } from "./helpers.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Pages in a PDF Chromium printed. */
function pageCount(pdf) {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

test("the printed lesson fits 15 A4 pages, with no control on paper and every figure drawn", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1");
  await page.emulateMedia({ media: "print" });
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const onPaper = await page.evaluate(() => {
    const controls = [...document.querySelectorAll("button, input, select, textarea, summary")]
      .filter((el) => el.checkVisibility())
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
    return { controls, blank, sections, solutions, player };
  });
  assert.deepEqual(onPaper.controls, [], "no control is printed");
  assert.deepEqual(onPaper.blank, [], "every printed figure is drawn");
  assert.deepEqual(onPaper.sections, [], "every section of the lesson is printed");
  assert.equal(onPaper.solutions, 0, "no worked solution the reader did not open");
  assert.doesNotMatch(onPaper.player, /^\s*t = 0\.0 s/, `the walk-through prints a frame with something on it: ${onPaper.player}`);
  for (const [format, most] of [["A4", 15], ["Letter", 16]]) {
    const pdf = await page.pdf({ format });
    const pages = pageCount(pdf);
    assert.ok(pages > 5 && pages <= most, `${format}: ${pages} pages`);
  }
  await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
  expectClean(log);
  await context.close();
});
