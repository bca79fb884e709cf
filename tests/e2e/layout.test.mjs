// The whole page at the widths people use, checked everywhere at once
// rather than element by element: nothing clipped, nothing running off the
// screen, equations that fit, targets large enough to tap, and a swipe that
// scrolls the page wherever the figure under the finger cannot be dragged.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, expectClean } from "./helpers.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const WIDTHS = [320, 390, 768, 1024, 1440];

/** Open the page at `width` (touch below 800 px) with every section shown. */
async function openAt(width, path = "") {
  const phone = width < 800;
  return open(browser, path, {
    viewport: { width, height: phone ? 844 : 900 },
    hasTouch: phone,
    deviceScaleFactor: phone ? 2 : 1,
  });
}

/** Everything on the page whose content does not fit the box it is shown in. */
function clippedContent(page) {
  return page.evaluate(() => {
    const found = [];
    const name = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""} in #${el.closest("section[id]")?.id ?? "page"}`;
    const root = document.documentElement;
    if (root.scrollWidth > innerWidth + 1) found.push(`the page scrolls sideways (${root.scrollWidth} px in ${innerWidth})`);
    for (const el of document.querySelectorAll("body *")) {
      if (el.closest(".visually-hidden, [hidden], script, style, noscript")) continue;
      if (el.matches(".skip-link:not(:focus)")) continue; // off screen until focused, on purpose
      // Inside a closed <details> nothing is shown until it is opened.
      if (el.closest("details:not([open])") && !el.closest("summary")) continue;
      if (el.getClientRects().length === 0) continue;
      const style = getComputedStyle(el);
      const over = el.scrollWidth - el.clientWidth;
      const scrolls = /auto|scroll/.test(style.overflowX);
      if (el.tagName === "MATH" && style.display.includes("block") && over > 1) {
        found.push(`equation wider than its box by ${over} px: ${name(el)}`);
      } else if (over > 1 && /hidden|clip/.test(style.overflowX) && el.clientWidth > 1) {
        found.push(`content clipped by ${over} px: ${name(el)}`);
      } else if (el.tagName === "SELECT" && over > 1) {
        found.push(`choice text cut by ${over} px: ${name(el)}`);
      } else if (scrolls && over > 1) {
        // A box that scrolls sideways must say so and be reachable by keyboard.
        const labelled = el.getAttribute("role") === "region" && (el.getAttribute("aria-label") || el.getAttribute("aria-labelledby"));
        if (el.tabIndex < 0 || !labelled) found.push(`scrolls sideways without a focusable, labelled region: ${name(el)}`);
        // Phones hide the scrollbar, so the hidden side must show a cue.
        if (!(el.dataset.more ?? "").includes("right") || style.boxShadow === "none") {
          found.push(`scrolls sideways with no shade on the edge that hides more: ${name(el)}`);
        }
      }
      const rect = el.getBoundingClientRect();
      if (rect.width > 0 && (rect.right > innerWidth + 1 || rect.left < -1) && style.position !== "fixed") {
        let inside = false;
        for (let a = el.parentElement; a; a = a.parentElement) {
          if (/auto|scroll/.test(getComputedStyle(a).overflowX)) { inside = true; break; }
        }
        if (!inside) found.push(`runs off the screen by ${Math.round(Math.max(rect.right - innerWidth, -rect.left))} px: ${name(el)}`);
      }
    }
    return [...new Set(found)];
  });
}

for (const width of WIDTHS) {
  test(`at ${width} px nothing is clipped, cut or off the screen anywhere on the page`, async () => {
    const { page, log, context } = await openAt(width, "#logits=2,1,0&T=1");
    assert.deepEqual(await clippedContent(page), []);
    // And with every folded part opened, once the page has laid it out.
    await page.evaluate(async () => {
      for (const details of document.querySelectorAll("details")) details.open = true;
      for (let k = 0; k < 3; k++) await new Promise((r) => requestAnimationFrame(r));
    });
    assert.deepEqual(await clippedContent(page), [], "with every <details> open");
    expectClean(log);
    await context.close();
  });
}

test("on a phone every control is at least 24 px square, and the main ones at least 44 px tall", async () => {
  const { page, log, context } = await openAt(390, "#logits=2,1,0&T=1");
  const small = await page.evaluate(() => {
    const out = [];
    const targets = document.querySelectorAll("button, input, select, summary, textarea, a[href], [tabindex='0']");
    for (const el of targets) {
      if (!el.checkVisibility({ visibilityProperty: true }) || el.closest("[hidden]")) continue;
      if (el.tabIndex < 0 && el.tagName === "A") continue; // pointer-only heading anchors are sized below
      const r = el.getBoundingClientRect();
      // WCAG 2.5.8 exempts links inside a sentence.
      const inline = el.tagName === "A" && getComputedStyle(el).display === "inline" && el.closest("p, li, dd, figcaption, td");
      if (inline) continue;
      const id = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} "${(el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 30)}"`;
      if (r.width < 24 || r.height < 24) out.push(`${id}: ${Math.round(r.width)}x${Math.round(r.height)}`);
      const main = el.matches("button, select, input[type='text'], input[type='range']");
      if (main && r.height < 44) out.push(`${id}: ${Math.round(r.height)} px tall`);
    }
    for (const a of document.querySelectorAll(".heading-anchor")) {
      const r = a.getBoundingClientRect();
      if (r.width > 0 && (r.width < 24 || r.height < 24)) out.push(`heading anchor ${a.getAttribute("href")}: ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
    return out;
  });
  assert.deepEqual(small, []);
  expectClean(log);
  await context.close();
});

test("a vertical swipe scrolls the page over every figure that cannot be dragged", async () => {
  const { page, log, context } = await openAt(390, "#logits=2,1,0&T=1");
  const canvases = await page.$$eval("main canvas", (list) =>
    list.filter((c) => c.checkVisibility()).map((c, k) => {
      c.dataset.swipeProbe = String(k);
      return { k, draggable: c.classList.contains("draggable"), touch: getComputedStyle(c).touchAction };
    }));
  assert.ok(canvases.length > 10, `${canvases.length} figures`);
  for (const c of canvases.filter((c) => c.draggable)) assert.equal(c.touch, "none", "a draggable figure keeps the finger");
  const cdp = await context.newCDPSession(page);
  for (const c of canvases.filter((c) => !c.draggable)) {
    const box = await page.locator(`canvas[data-swipe-probe="${c.k}"]`).evaluate((el) => {
      el.scrollIntoView({ block: "center" });
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + Math.min(r.height / 2, 120) };
    });
    const before = await page.evaluate(() => scrollY);
    // A finger put down on the figure and moved up by 200 px.
    const x = Math.round(box.x);
    let y = Math.round(box.y);
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x, y }] });
    for (let k = 0; k < 10; k++) {
      y -= 20;
      await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x, y }] });
    }
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    const after = await page.evaluate(() => scrollY);
    const id = await page.locator(`canvas[data-swipe-probe="${c.k}"]`).evaluate((el) => el.id || el.closest("[id]")?.id);
    assert.ok(after - before > 50, `a swipe on ${id} (touch-action ${c.touch}) scrolled ${after - before} px`);
  }
  expectClean(log);
  await context.close();
});

test("at 1440x900 the triangle, the bars and the temperature slider are on the first screen together", async () => {
  const { page, log, context } = await openAt(1440, "#logits=2,1,0&T=1");
  const visible = await page.evaluate(() =>
    ["simplex-canvas", "bars-canvas", "temperature-slider", "logit-1"].map((id) => {
      const r = document.getElementById(id).getBoundingClientRect();
      return [id, r.top >= 0 && r.bottom <= innerHeight];
    }));
  assert.deepEqual(visible.filter(([, inside]) => !inside), []);
  expectClean(log);
  await context.close();
});

test("on a phone the logit fields stay on screen while the triangle and the bars are dragged", async () => {
  const { page, log, context } = await openAt(390, "#logits=2,1,0&T=1");
  for (const id of ["simplex-canvas", "bars-canvas"]) {
    await page.locator(`#${id}`).evaluate((el) => el.scrollIntoView({ block: "end" }));
    const both = await page.evaluate((id) => {
      const inside = (el) => { const r = el.getBoundingClientRect(); return r.top >= -1 && r.bottom <= innerHeight + 1; };
      return [inside(document.getElementById(id)), inside(document.getElementById("logit-1"))];
    }, id);
    assert.deepEqual(both, [true, true], `${id} and the fields together (figure on screen, fields on screen)`);
  }
  expectClean(log);
  await context.close();
});

test("the first screen says what softmax is before any tool, and every mark on the triangle is named beside it", async () => {
  const { page, log, context } = await openAt(1440, "#logits=2,1,0&T=1");
  const order = await page.evaluate(() => {
    const y = (el) => el.getBoundingClientRect().top;
    return { definition: y(document.querySelector("#intro math")), firstControl: y(document.getElementById("logit-1")) };
  });
  assert.ok(order.definition < order.firstControl, "the formula comes before the first field");
  const legend = await page.textContent("#explorer .legend");
  for (const mark of [/the point/, /the centre/, /temperature path/, /where the point has just been/, /arrow/, /iso-probability lines/]) {
    assert.match(legend, mark);
  }
  expectClean(log);
  await context.close();
});

test("the sections come in the order of the syllabus, and each read-out sits in the section that explains it", async () => {
  const { page, log, context } = await openAt(1440, "#logits=2,1,0&T=1");
  const ids = await page.$$eval("main section[id]", (list) => list.map((s) => s.id));
  const syllabus = ["intro", "explorer", "what-is-softmax", "exponentiate-and-normalise", "shift-and-stability",
    "temperature-scaling", "softmax-at-work", "jacobian", "practice"];
  const positions = syllabus.map((id) => ids.indexOf(id));
  assert.ok(positions.every((p) => p >= 0), `every syllabus section is there: ${ids}`);
  assert.deepEqual([...positions].sort((a, b) => a - b), positions, `in order: ${ids}`);
  assert.ok(ids.indexOf("player") > ids.indexOf("jacobian"), "the guided recap comes after the ideas it replays");
  const homes = await page.$$eval(".explorer-part", (parts) => parts.map((p) => [p.id, p.closest("section")?.id]));
  const expected = {
    "shift-controls": "shift-and-stability", "ratio-block": "exponentiate-and-normalise", "curves-block": "explorer",
    "lse-block": "shift-and-stability", "logp-block": "shift-and-stability", "entropy-block": "temperature-scaling",
    "cross-entropy-block": "softmax-at-work", "jacobian-block": "jacobian",
  };
  assert.deepEqual(Object.fromEntries(homes), expected);
  // Each is driven by the one shared state: they echo the playground's logits.
  await page.fill("#logit-1", "3");
  for (const [id] of homes) {
    assert.match(await page.textContent(`#${id} [data-echo]`), /x = \(3, 1, 0\)/, id);
  }
  // And all of them can be gathered under the playground, then put back.
  await page.click("#all-views");
  assert.equal(await page.$$eval("#all-views-box .explorer-part", (l) => l.length), homes.length);
  await page.click("#all-views");
  assert.deepEqual(Object.fromEntries(await page.$$eval(".explorer-part", (parts) => parts.map((p) => [p.id, p.closest("section")?.id]))), expected);
  expectClean(log);
  await context.close();
});

test("projector mode draws the figures in a high-contrast palette with heavier lines, the page's class colours with them", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1", { viewport: { width: 1280, height: 800 } });
  /** Pixels of exactly `rgb` on canvas `id`. */
  const count = (id, rgb) => page.evaluate(([id, [r, g, b]]) => {
    const c = document.getElementById(id);
    const data = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] === r && data[i + 1] === g && data[i + 2] === b) n++;
    return n;
  }, [id, rgb]);
  const labelColour = () => page.evaluate(() => getComputedStyle(document.querySelector("label[for='logit-1'] .class-mark")).color);
  const screen = { class1: [9, 105, 218], accent: [180, 35, 24] };
  const room = { class1: [0, 64, 170], accent: [150, 0, 0] };
  const bars = await count("bars-canvas", screen.class1);
  const ring = await count("simplex-canvas", screen.accent);
  assert.ok(bars > 100 && ring > 20, `the screen palette is drawn: ${bars} bar, ${ring} ring pixels`);
  assert.equal(await labelColour(), "rgb(9, 105, 218)");
  await page.click("#projector-toggle");
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.equal(await count("bars-canvas", screen.class1), 0, "no screen colour left");
  assert.ok(await count("bars-canvas", room.class1) > 100, "class 1 in the projector colour");
  assert.equal(await labelColour(), "rgb(0, 64, 170)", "the field's name in the same colour as its bar");
  const heavier = await count("simplex-canvas", room.accent);
  assert.ok(heavier > ring * 1.4, `the point's ring is heavier: ${ring} -> ${heavier} pixels`);
  await page.click("#projector-toggle");
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.ok(await count("bars-canvas", screen.class1) > 100, "back to the screen palette");
  expectClean(log);
  await context.close();
});

test("projector mode enlarges the text and the figures for a room, and nothing is clipped", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1", { viewport: { width: 1280, height: 720 } });
  const before = await page.evaluate(() => ({
    font: parseFloat(getComputedStyle(document.body).fontSize),
    simplex: document.getElementById("simplex-canvas").getBoundingClientRect().width,
  }));
  await page.click("#projector-toggle");
  assert.equal(await page.getAttribute("#projector-toggle", "aria-pressed"), "true");
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const after = await page.evaluate(() => ({
    font: parseFloat(getComputedStyle(document.body).fontSize),
    simplex: document.getElementById("simplex-canvas").getBoundingClientRect().width,
  }));
  assert.ok(after.font >= before.font * 1.25, `text ${before.font} -> ${after.font} px`);
  // The screen sets the limit: the larger controls may take a little of the triangle's width.
  assert.ok(after.simplex >= before.simplex * 0.95, `triangle ${before.simplex} -> ${after.simplex} px`);
  assert.deepEqual(await clippedContent(page), []);
  // A teacher can open it directly, and switch it off again.
  await page.goto(new URL("?projector=1#logits=2,1,0&T=1", page.url()).href);
  await page.waitForSelector("html[data-ready='true']", { state: "attached" });
  assert.equal(await page.getAttribute("html", "data-projector"), "on");
  await page.click("#projector-toggle");
  assert.equal(await page.getAttribute("html", "data-projector"), null);
  expectClean(log);
  await context.close();
});
