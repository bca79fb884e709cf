// The accessibility sweep: axe-core (WCAG 2.0/2.1/2.2 A and AA) on the whole
// page in both themes, and the keyboard alone reaching and operating every
// control with a visible focus ring.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, expectClean, expectAccessible, visibleText } from "./helpers.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const colorScheme of ["light", "dark"]) {
  test(`axe finds no WCAG A/AA violation anywhere on the page (${colorScheme} theme)`, async () => {
    const { page, log, context } = await open(browser, "#logits=2,1,0&T=1", { colorScheme });
    // Scroll through so anything drawn on arrival is drawn.
    await page.evaluate(async () => {
      for (let y = 0; y < document.body.scrollHeight; y += 600) {
        window.scrollTo(0, y);
        await new Promise((r) => requestAnimationFrame(r));
      }
    });
    assert.equal(await page.getAttribute("html", "data-theme"), colorScheme);
    await expectAccessible(page);
    expectClean(log);
    await context.close();
  });
}

test("a canvas the keyboard operates is announced as a control, not as a picture", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1");
  const canvases = await page.$$eval("canvas", (all) =>
    all.map((c) => ({
      id: c.id || c.className,
      focusable: c.tabIndex >= 0,
      role: c.getAttribute("role"),
      kind: c.getAttribute("aria-roledescription"),
      named: Boolean(c.getAttribute("aria-label") || c.getAttribute("aria-labelledby")),
    })),
  );
  assert.ok(canvases.filter((c) => c.focusable).length >= 5, "the triangle, the bars, two heatmaps and the player");
  for (const c of canvases) {
    assert.ok(c.named, `${c.id} has a name`);
    if (c.focusable) {
      // Screen readers pass keys through to an application (focus mode);
      // an image would keep the arrow keys for reading.
      assert.equal(c.role, "application", `${c.id} takes keys, so it is not an image`);
      assert.ok(c.kind, `${c.id} says what kind of control it is`);
    } else {
      assert.equal(c.role, "img", `${c.id} is a picture`);
    }
  }
  expectClean(log);
  await context.close();
});

test("Tab reaches every control in order, each with a visible focus ring, and the keyboard operates it", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1", { viewport: { width: 1280, height: 900 } });
  // Radio buttons of one group are a single tab stop.
  const expectedKeys = await page.$$eval(
    "button, input, select, textarea, a[href], summary, [tabindex='0']",
    (els) => {
      const keys = new Set();
      for (const e of els) {
        if (e.disabled || e.tabIndex < 0 || !e.checkVisibility({ visibilityProperty: true })) continue;
        keys.add(e.type === "radio" ? `radio:${e.name}` : e);
      }
      return keys.size;
    },
  );
  const expected = expectedKeys;
  const seen = new Map();
  for (let k = 0; k < expected + 40 && seen.size < expected; k++) {
    await page.keyboard.press("Tab");
    const info = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      const style = getComputedStyle(e);
      const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== "none";
      const key = e.type === "radio" ? `radio:${e.name}` : e.id || `${e.tagName}:${e.textContent.trim().slice(0, 30)}:${[...document.querySelectorAll(e.tagName)].indexOf(e)}`;
      return { key, tag: e.tagName, type: e.type ?? "", ring };
    });
    if (!info) continue;
    assert.ok(info.ring, `no visible focus ring on ${info.key}`);
    seen.set(info.key, info);
  }
  assert.ok(seen.size >= expected - 1, `Tab reached ${seen.size} of ${expected} controls`);

  // Operate one control of each kind from the keyboard alone.
  const probabilities = () => page.$$eval("#readout-rows td[data-probability]", (c) => c.map((x) => x.textContent));
  const start = await probabilities();
  await page.locator("#logit-1").focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("3");
  assert.notDeepEqual(await probabilities(), start, "typing a logit");
  await page.locator("#temperature-slider").focus();
  await page.keyboard.press("ArrowLeft");
  assert.equal(await page.inputValue("#temperature"), "0.9772", "arrow on the slider");
  await page.locator("#class-count").focus();
  await page.keyboard.press("ArrowDown");
  assert.equal((await page.$$("#logit-fields input")).length, 4, "arrow on the class selector");
  await page.locator("#contours").focus();
  await page.keyboard.press("Space");
  assert.equal(await page.isChecked("#contours"), true, "space on the checkbox");
  await page.locator("#reset-explorer").focus();
  await page.keyboard.press("Enter");
  assert.deepEqual(await probabilities(), ["0.6652", "0.2447", "0.0900"], "enter on Reset");
  const text = await visibleText(page);
  assert.ok(!/\bNaN\b|\bundefined\b/.test(text));
  expectClean(log);
  await context.close();
});
