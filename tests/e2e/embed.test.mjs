// embed.html: one part of the lesson alone, for an iframe on a course page.
// Each part loads clean and alone, in light and dark; the state fragment is
// honoured; another origin can frame the embed page (and use it) but not
// the lesson's own page; the Embed control on the lesson's page copies a
// snippet that opens its part; and nothing runs off a 320 px screen.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { embedSnippetWithoutClipboard, launch, open, expectClean, expectAccessible, shownProbabilities, assertClose, BASE_URL } from "./helpers.mjs";

let browser;
let host;
let hostUrl;
before(async () => {
  browser = await launch();
  // A course page on a second origin (another port): it frames whatever
  // ?src= names.
  host = http.createServer((request, response) => {
    const src = new URL(request.url, "http://127.0.0.1").searchParams.get("src") ?? "";
    const attribute = src.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(`<!doctype html><html lang="en"><title>A course page</title><h1>Week 3</h1>
<iframe id="lesson" src="${attribute}" title="Embedded part" width="100%" height="1400" style="border:0"></iframe>`);
  });
  await new Promise((resolve) => host.listen(0, "127.0.0.1", resolve));
  hostUrl = `http://127.0.0.1:${host.address().port}/`;
});
after(async () => {
  await browser?.close();
  await new Promise((resolve) => (host ? host.close(resolve) : resolve()));
});

const DIAGRAMS = ["diagram-two-class", "diagram-shift-scale", "diagram-temperature-path"];
const PARTS = [
  "explorer", "exponentiate-and-normalise", "diagram-two-class", "shift-and-stability", "diagram-shift-scale",
  "lab-stability", "temperature-scaling", "diagram-temperature-path", "lab-calibration", "lab-attention",
  "jacobian", "player", "practice",
];

/** The ids of the lesson's sections a person can see. */
const shownSections = (page) =>
  page.$$eval("section[id]", (list) => list.filter((s) => s.checkVisibility()).map((s) => s.id));

/** The ids of the lesson's sections and diagrams a person can see. */
const shownParts = (page) =>
  page.$$eval("section[id], figure.diagram[id]", (list) => list.filter((s) => s.checkVisibility()).map((s) => s.id));

for (const part of PARTS) {
  test(`embed.html?part=${part} shows that part alone, clean and accessible in light and dark`, async () => {
    for (const colorScheme of ["light", "dark"]) {
      const { page, log, context } = await open(browser, `embed.html?part=${part}`, { colorScheme });
      const shown = await shownParts(page);
      assert.equal(shown[0], part, `shown: ${shown}`);
      assert.deepEqual(
        await page.$$eval("section[id], figure.diagram[id]", (list, name) => list.filter((s) => s.checkVisibility() && !s.closest(`#${name}`)).map((s) => s.id), part),
        [], "no other section or diagram is shown");
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), colorScheme, "follows the host's setting");
      // No page chrome; one main landmark that names the part.
      assert.equal(await page.locator("header, footer, nav.toc, #theme-toggle").count(), 0);
      const heading = DIAGRAMS.includes(part)
        ? (await page.locator(`#${part} figcaption strong`).textContent()).trim().replace(/\.$/, "")
        : (await page.locator(`#${part} h2`).first().textContent()).trim();
      const main = await page.evaluate(() => {
        const m = document.querySelector("main");
        return document.getElementById(m.getAttribute("aria-labelledby"))?.textContent;
      });
      assert.equal(main, `${heading} — softmax lesson`);
      assert.equal(await page.title(), `${heading} — softmax lesson`);
      await expectAccessible(page);
      expectClean(log);
      await context.close();
    }
  });
}

test("an embedded diagram is drawn and follows its sliders", async () => {
  const { page, log, context } = await open(browser, "embed.html?part=diagram-two-class");
  const text = page.locator("#two-class-text");
  const before = await text.textContent();
  assert.match(before, /\d/, "the diagram describes what it draws");
  const slider = page.locator("#two-class-d");
  await slider.focus();
  for (let k = 0; k < 4; k++) await page.keyboard.press("ArrowRight");
  assert.notEqual(await text.textContent(), before, "moving d changes the diagram");
  assert.match(await page.locator("#two-class-d-out").textContent(), /^2$/);
  // The canvas has been drawn: some of its pixels are not the background.
  const inked = await page.locator("#two-class-canvas").evaluate((c) => {
    const data = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return n / (c.width * c.height);
  });
  assert.ok(inked > 0.02, `ink covers ${inked} of the canvas`);
  expectClean(log);
  await context.close();
});

test("a section's 'Playground now' line opens the whole lesson's playground at the embed's state", async () => {
  const { page, log, context } = await open(browser, "embed.html?part=jacobian#logits=3,1,0&T=2");
  const link = page.locator("#jacobian .state-echo a").first();
  assert.match(await link.textContent(), /whole lesson's playground.*new tab/);
  assert.equal(await link.getAttribute("target"), "_blank");
  const url = new URL(await link.getAttribute("href"));
  assert.equal(url.pathname, "/index.html");
  assert.equal(url.hash, "#explorer&logits=3,1,0&T=2");
  expectClean(log);
  await context.close();
});

test("?theme= overrides the host's setting", async () => {
  const { page, log, context } = await open(browser, "embed.html?part=explorer&theme=dark", { colorScheme: "light" });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  await expectAccessible(page);
  expectClean(log);
  await context.close();
});

for (const asked of ["nonsense", "", "intro", "<b>x</b>"]) {
  test(`a missing or unknown part (${JSON.stringify(asked)}) shows a clear message listing the parts`, async () => {
    const path = asked === "" ? "embed.html" : `embed.html?part=${encodeURIComponent(asked)}`;
    const { page, log, context } = await open(browser, path);
    assert.deepEqual(await shownSections(page), []);
    const text = await page.locator("main").innerText();
    assert.match(text, asked === "" ? /does not say which part/ : /does not have/);
    const links = await page.$$eval("#embed-part-list a", (list) => list.map((a) => new URL(a.href).searchParams.get("part")));
    assert.deepEqual(links, PARTS);
    assert.equal(await page.locator("#embed-part-list b").count(), 0, "the asked name is shown as text");
    await expectAccessible(page);
    expectClean(log);
    await context.close();
  });
}

test("the state fragment is honoured: the explorer shows #logits=3,1,0&T=2", async () => {
  const { page, log, context } = await open(browser, "embed.html?part=explorer#logits=3,1,0&T=2", { permissions: ["clipboard-read", "clipboard-write"] });
  assert.deepEqual(await Promise.all([1, 2, 3].map((k) => page.inputValue(`#logit-${k}`))), ["3", "1", "0"]);
  assert.equal(await page.inputValue("#temperature"), "2");
  // softmax((3, 1, 0) / 2)
  const e = [1.5, 0.5, 0].map(Math.exp);
  const sum = e.reduce((a, b) => a + b);
  assertClose(await shownProbabilities(page), e.map((v) => v / sum), 1e-4, "probabilities");
  // A change replaces the frame's history entry: the host's Back button is not taken.
  const length = await page.evaluate(() => history.length);
  await page.fill("#logit-1", "0");
  await page.locator("#logit-1").press("Tab");
  assert.equal(await page.evaluate(() => history.length), length);
  assert.match(await page.evaluate(() => location.hash), /^#logits=0,1,0&T=2$/);
  // Copy link gives the whole lesson's link, not the bare embed's.
  await page.click("#copy-link");
  await page.locator("#copy-status").filter({ hasText: "copied" }).waitFor();
  const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()));
  assert.equal(copied.pathname, "/index.html");
  assert.equal(copied.hash, "#logits=0,1,0&T=2");
  // A link to a section that is not shown opens it in the whole lesson.
  const link = page.locator("#explorer a[href*='index.html#jacobian']").first();
  assert.equal(await link.getAttribute("target"), "_blank");
  assert.match(await link.textContent(), /new tab/);
  expectClean(log);
  await context.close();
});

test("a page on another origin can frame the embed page and use it, but not the lesson's page", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  const src = new URL("embed.html?part=explorer#logits=0,0,0&T=1", BASE_URL).href;
  assert.notEqual(new URL(src).origin, new URL(hostUrl).origin);
  await page.goto(`${hostUrl}?src=${encodeURIComponent(src)}`);
  const frame = page.frameLocator("#lesson");
  await frame.locator("html[data-ready='true']").waitFor({ state: "attached", timeout: 20000 });
  // A drag on the triangle, inside the frame.
  const box = await frame.locator("#simplex-canvas").boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.62);
  await page.mouse.down();
  for (let step = 1; step <= 10; step++) {
    await page.mouse.move(box.x + box.width * (0.5 - 0.025 * step), box.y + box.height * (0.62 + 0.015 * step));
  }
  await page.mouse.up();
  const logits = await Promise.all([1, 2, 3].map((k) => frame.locator(`#logit-${k}`).inputValue()));
  assert.notDeepEqual(logits, ["0", "0", "0"], "the drag moved the logits");
  const p = (await frame.locator("#readout-rows td[data-probability]").allTextContents()).map(Number);
  assert.ok(p[0] > p[1] && p[0] > p[2], `class 1 leads after the drag: ${p}`);
  // A typed logit.
  await frame.locator("#logit-2").fill("5");
  await frame.locator("#logit-2").press("Tab");
  const q = (await frame.locator("#readout-rows td[data-probability]").allTextContents()).map(Number);
  assert.ok(q[1] > 0.9, `class 2 leads after typing 5: ${q}`);
  assert.deepEqual(errors, []);

  // The lesson's own page in the same kind of frame is refused.
  const refused = [];
  page.removeAllListeners("console");
  page.on("console", (m) => m.type() === "error" && refused.push(m.text()));
  await page.goto(`${hostUrl}?src=${encodeURIComponent(new URL("index.html", BASE_URL).href)}`);
  await page.waitForTimeout(1500);
  const child = page.frames().find((f) => f !== page.mainFrame());
  const loaded = await child?.evaluate(() => !!document.querySelector("#explorer")).catch(() => false);
  assert.equal(loaded, false, "the lesson's page must not render in a frame from another origin");
  assert.ok(refused.some((text) => /frame-ancestors/.test(text)), `the browser says why: ${refused}`);
  await context.close();
});

test("the Embed control on the lesson's page copies a snippet whose src opens that part", async () => {
  const { page, log, context } = await open(browser, "#logits=3,1,0&T=2", { permissions: ["clipboard-read", "clipboard-write"] });
  assert.equal(await page.locator(".embed-export button").count(), PARTS.length, "one Embed control per part");
  for (const part of ["explorer", "practice"]) {
    const button = page.locator(`#${part} > .embed-export button`);
    await button.scrollIntoViewIfNeeded();
    await button.click();
    await page.locator(`#${part} > .embed-export [role='status']`).filter({ hasText: "copied" }).waitFor();
    const code = await page.evaluate(() => navigator.clipboard.readText());
    // Read here, not in the page: its policy refuses the snippet's style attribute.
    assert.match(code, /^<iframe( [a-z]+="[^"]*")+><\/iframe>\n<script>[^<]+<\/script>$/);
    const decode = (text) => text.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    const attributes = Object.fromEntries([...code.matchAll(/ ([a-z]+)="([^"]*)"/g)].map(([, k, v]) => [k, decode(v)]));
    const frame = { ...attributes, height: Number(attributes.height) };
    assert.equal(frame.title, { explorer: "The playground", practice: "Practice" }[part] + " — softmax lesson");
    assert.equal(frame.width, "100%");
    assert.equal(frame.loading, "lazy");
    assert.equal(frame.style, "border:0");
    const sectionHeight = await page.locator(`#${part}`).evaluate((s) => s.getBoundingClientRect().height);
    assert.ok(frame.height >= sectionHeight && frame.height < sectionHeight + 100, `height ${frame.height} for a ${sectionHeight} px part`);
    const url = new URL(frame.src);
    assert.equal(url.pathname, "/embed.html");
    assert.equal(url.searchParams.get("part"), part);
    if (part === "explorer") assert.equal(url.hash, "#logits=3,1,0&T=2");
    else assert.equal(url.hash, "");
    // The snippet's link opens that part.
    assert.equal(frame.id, `softmax-lesson-${part}`);
    const embedded = await open(browser, url.pathname.slice(1) + url.search + url.hash);
    assert.deepEqual(await shownSections(embedded.page), [part]);
    if (part === "explorer") assert.equal(await embedded.page.inputValue("#logit-1"), "3");
    expectClean(embedded.log);
    await embedded.context.close();
  }
  expectClean(log);
  await context.close();
});

// The section grows taller at 400 px than on the page; the diagram grows shorter.
for (const part of ["jacobian", "diagram-two-class"]) test(`the snippet keeps its frame as tall as ${part} at the course page's width`, async () => {
  const { page, log, context } = await open(browser, "#logits=3,1,0&T=2", { permissions: ["clipboard-read", "clipboard-write"] });
  const button = page.locator(`#${part} > .embed-export button`);
  await button.scrollIntoViewIfNeeded();
  await button.click();
  await page.locator(`#${part} > .embed-export [role='status']`).filter({ hasText: "copied" }).waitFor();
  const code = await page.evaluate(() => navigator.clipboard.readText());
  expectClean(log);
  await context.close();
  // A narrow course page on another origin, with the snippet pasted in.
  const host = http.createServer((request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(`<!doctype html><html lang="en"><title>Course</title><body style="margin:0"><h1>Week 4</h1>${code}</body></html>`);
  });
  await new Promise((resolve) => host.listen(0, "127.0.0.1", resolve));
  try {
    const course = await browser.newContext({ viewport: { width: 400, height: 800 } });
    const tab = await course.newPage();
    const errors = [];
    tab.on("pageerror", (e) => errors.push(e.message));
    await tab.goto(`http://127.0.0.1:${host.address().port}/`);
    const frame = tab.frameLocator("iframe");
    await frame.locator("html[data-ready='true']").waitFor({ state: "attached", timeout: 20000 });
    const fitted = async () => {
      const outer = await tab.locator("iframe").evaluate((f) => f.getBoundingClientRect().height);
      // The content's height: the bottom of main and the page's padding
      // below it (the document's scroll height is never less than the frame).
      const inner = await frame.locator("main").evaluate((m) =>
        Math.ceil(m.getBoundingClientRect().bottom + scrollY + parseFloat(getComputedStyle(document.body).paddingBottom)));
      return { outer, inner };
    };
    let sizes;
    for (let k = 0; k < 40; k++) {
      sizes = await fitted();
      if (Math.abs(sizes.outer - sizes.inner) <= 1) break;
      await tab.waitForTimeout(100);
    }
    assert.ok(Math.abs(sizes.outer - sizes.inner) <= 1, `frame ${sizes.outer} px for ${sizes.inner} px of content`);
    assert.equal(await frame.locator("html").evaluate((h) => h.scrollHeight > h.clientHeight), false, "no scroll bar inside");
    assert.deepEqual(errors, []);
    await course.close();
  } finally {
    await new Promise((resolve) => host.close(resolve));
  }
});

test("without a clipboard the Embed control shows the snippet, selected", async () => {
  const { page, log, context } = await open(browser, "");
  const shown = await embedSnippetWithoutClipboard(page, "player");
  assert.match(shown.code, /^<iframe id="softmax-lesson-player" src="[^"]+embed\.html\?part=player"/);
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), "TEXTAREA");
  assert.match(shown.status, /Copy this embed code/);
  await expectAccessible(page, "#player > .embed-export");
  expectClean(log);
  await context.close();
});

test("the embed page's policy differs from the lesson's only in who may frame it", async () => {
  const policy = async (path) => (await fetch(new URL(path, BASE_URL))).headers.get("content-security-policy");
  const page = await policy("index.html");
  const embed = await policy("embed.html");
  assert.match(page, /frame-ancestors 'none'/);
  assert.match(embed, /frame-ancestors \*$/);
  assert.equal(embed.replace("frame-ancestors *", ""), page.replace("frame-ancestors 'none'", ""));
  assert.doesNotMatch(embed, /unsafe-inline/);
  // Only that file: the same name elsewhere, or with a query, keeps the strict one.
  assert.match(await policy("js/embed.js"), /frame-ancestors 'none'/);
  assert.match(await policy("embed.html?part=explorer"), /frame-ancestors \*$/);
});

test("on a phone every control of every embedded part is at least 24 px, the main ones 44 px tall", async () => {
  for (const part of PARTS) {
    const { page, log, context } = await open(browser, `embed.html?part=${part}`, {
      viewport: { width: 390, height: 844 }, hasTouch: true, deviceScaleFactor: 2,
    });
    const small = await page.evaluate(() => {
      const out = [];
      for (const el of document.querySelectorAll("main button, main input, main select, main summary, main textarea, main a[href], main [tabindex='0']")) {
        if (!el.checkVisibility({ visibilityProperty: true }) || el.closest("[hidden]")) continue;
        const inline = el.tagName === "A" && getComputedStyle(el).display === "inline" && el.closest("p, li, dd, figcaption, td");
        if (inline) continue;
        const r = el.getBoundingClientRect();
        const id = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} "${(el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 30)}"`;
        if (r.width < 24 || r.height < 24) out.push(`${id}: ${Math.round(r.width)}x${Math.round(r.height)}`);
        if (el.matches("button, select, input[type='text'], input[type='range']") && r.height < 44) out.push(`${id}: ${Math.round(r.height)} px tall`);
      }
      return out;
    });
    assert.deepEqual(small, [], part);
    expectClean(log);
    await context.close();
  }
});

test("at 320 px nothing runs off the screen in any embedded part", async () => {
  for (const part of PARTS) {
    const { page, log, context } = await open(browser, `embed.html?part=${part}#logits=2,1,0&T=1`, {
      viewport: { width: 320, height: 700 }, hasTouch: true, deviceScaleFactor: 2,
    });
    const off = await page.evaluate(() => {
      const found = [];
      const root = document.documentElement;
      if (root.scrollWidth > innerWidth + 1) found.push(`the page scrolls sideways (${root.scrollWidth} px)`);
      for (const el of document.querySelectorAll("main *")) {
        if (el.closest(".visually-hidden, [hidden]") || el.getClientRects().length === 0) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || (r.right <= innerWidth + 1 && r.left >= -1)) continue;
        let inside = false;
        for (let a = el.parentElement; a; a = a.parentElement) {
          if (/auto|scroll/.test(getComputedStyle(a).overflowX)) { inside = true; break; }
        }
        if (!inside) found.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} runs off by ${Math.round(Math.max(r.right - innerWidth, -r.left))} px`);
      }
      return [...new Set(found)];
    });
    assert.deepEqual(off, [], part);
    expectClean(log);
    await context.close();
  }
});
