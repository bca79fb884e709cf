// Shared helpers for the end-to-end tests: launch Debian's Chromium through
// playwright-core, open the page with every console message, page error and
// request recorded, and run axe-core. Any console error fails a test.
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import assert from "node:assert/strict";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const BASE_URL = process.env.BASE_URL ?? "http://127.0.0.1:8000/";

/** Start headless Chromium with the flags this machine needs. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      "--disable-dev-shm-usage",
    ],
  });
}

/**
 * Open `path` (relative to BASE_URL) in a fresh context and wait until the
 * page says it is ready. Returns the page and a log of everything that went
 * wrong, which `expectClean` checks.
 */
export async function open(browser, path = "", options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    colorScheme: options.colorScheme ?? "light",
    hasTouch: options.hasTouch ?? false,
    reducedMotion: options.reducedMotion ?? "no-preference",
  });
  if (options.permissions) await context.grantPermissions(options.permissions);
  const page = await context.newPage();
  const log = { errors: [], requests: [] };
  page.on("console", (message) => {
    if (message.type() === "error") log.errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => log.errors.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) =>
    log.errors.push(`request failed: ${request.url()} ${request.failure()?.errorText}`),
  );
  page.on("request", (request) => log.requests.push(request.url()));
  page.on("dialog", (dialog) => {
    log.errors.push(`dialog opened: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  await page.goto(new URL(path, BASE_URL).href);
  await page.waitForSelector("html[data-ready='true']", { state: "attached", timeout: 20000 });
  return { page, context, log };
}

/** Fail if anything went wrong on the page. */
export function expectClean(log) {
  assert.deepEqual(log.errors, [], `the page reported errors:\n${log.errors.join("\n")}`);
}

/** Run axe-core with the WCAG 2.x A and AA rules; returns the violations. */
export async function axe(page, include = null) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (selector) => {
    const result = await window.axe.run(selector ? { include: [selector] } : document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    });
    // Items axe cannot decide count too, except contrast it cannot measure
    // for reasons that are not a problem here: characters that are not text
    // (the operators of typeset math, the symbols of keyboard keys), text
    // too short to tell (a row number), and
    // table cells scrolled out of a sideways scroller's visible box.
    const outOfScroller = (target) => {
      const el = document.querySelector(target);
      const box = el?.closest(".scroll-x, .table-scroll");
      if (!box) return false;
      const a = el.getBoundingClientRect();
      const b = box.getBoundingClientRect();
      return a.left < b.left - 1 || a.right > b.right + 1;
    };
    const harmless = (id, n) => id === "color-contrast" && (
      /only non-text characters|too short to determine/.test(n.any[0]?.message ?? "") ||
      (/obscured/.test(n.any[0]?.message ?? "") && outOfScroller(n.target.join(" "))));
    const undecided = result.incomplete
      .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !harmless(v.id, n)) }))
      .filter((v) => v.nodes.length > 0);
    return [...result.violations, ...undecided].map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " :: " + n.failureSummary),
    }));
  }, include);
}

/** Assert that axe finds no violations. */
export async function expectAccessible(page, include = null) {
  const violations = await axe(page, include);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
}

/**
 * All visible text of the page, except the parts marked `data-shows-nan`
 * (the stability lab and the fully masked row show NaN on purpose: it is
 * what they teach).
 */
export function visibleText(page) {
  // Text marked data-special-values (the few sentences of the lesson, and
  // the worked example of naive overflow, that name NaN on purpose) is left
  // out, so a check for leaked NaN or `undefined` looks at everything else,
  // the lesson's widgets included. The stability lab marks its deliberate
  // NaN and inf results data-shows-nan.
  return page.evaluate(() => {
    const parts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const element = walker.currentNode.parentElement;
      if (!element || element.closest("[data-special-values], [data-shows-nan], script, style, noscript")) continue;
      if (!element.checkVisibility()) continue;
      parts.push(walker.currentNode.textContent);
    }
    return parts.join(" ");
  });
}

/** The numbers shown in the probability column of the explorer. */
export async function shownProbabilities(page) {
  const texts = await page.$$eval("#readout-rows td[data-probability]", (cells) =>
    cells.map((c) => c.textContent),
  );
  return texts.map(Number);
}

/** Assert |actual - expected| <= tolerance for each entry. */
export function assertClose(actual, expected, tolerance, what = "values") {
  assert.equal(actual.length, expected.length, `${what}: length`);
  actual.forEach((a, i) =>
    assert.ok(
      Math.abs(a - expected[i]) <= tolerance,
      `${what}[${i}] = ${a}, expected ${expected[i]} ± ${tolerance}`,
    ),
  );
}

/** Replace a field's text the way a person does: select all, type. */
export async function typeInto(page, selector, text) {
  const field = page.locator(selector);
  await field.click();
  await field.press("Control+A");
  if (text === "") await field.press("Backspace");
  else await field.fill(text);
}

/**
 * The message beside the field `selector` (in `<id>-error`), once it has
 * had time to appear: a message for a field being typed in waits for a
 * pause in the typing (see www/js/fields.js). Returns "" when the field is
 * valid.
 */
export async function fieldMessage(page, selector) {
  await page
    .waitForFunction(
      (sel) => {
        const field = document.querySelector(sel);
        const box = document.getElementById(`${field.id}-error`);
        return !field.hasAttribute("aria-invalid") || (box?.textContent.trim() ?? "") !== "";
      },
      selector,
      { timeout: 3000 },
    )
    .catch(() => {});
  return (await page.textContent(`${selector}-error`)).trim();
}

/** The text of a PDF, page by page, read by pdf.js, with runs of white
 * space made single spaces. */
export async function pdfText(pdf) {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => item.str).join(" ").replace(/\s+/g, " "));
  }
  await doc.destroy();
  return pages;
}

/** The size in points of the type most of a PDF's characters are set in
 * (the median over characters), read by pdf.js from each run's transform. */
export async function pdfBodySize(pdf) {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const sizes = [];
  for (let i = 1; i <= doc.numPages; i++) {
    for (const item of (await (await doc.getPage(i)).getTextContent()).items) {
      const size = Math.hypot(item.transform[2], item.transform[3]);
      for (let k = 0; k < item.str.length; k++) sizes.push(size);
    }
  }
  await doc.destroy();
  sizes.sort((a, b) => a - b);
  return sizes[Math.floor(sizes.length / 2)] ?? 0;
}

/** Whether `text` holds `words` as words (not inside a longer word). */
export function holds(text, words) {
  const escaped = words.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+");
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, "u").test(text);
}

/** Pages in a PDF Chromium printed. */
export function pageCount(pdf) {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}


/** Press the Embed control of `part` in a page whose clipboard refuses to
 * be written, and return the snippet shown instead (and the status line). */
export async function embedSnippetWithoutClipboard(page, part) {
  await page.evaluate(() => {
    Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new Error("denied")) } });
  });
  const button = page.locator(`#${part} > .embed-export button`);
  await button.scrollIntoViewIfNeeded();
  await button.click();
  const code = page.locator(`#${part} > .embed-export textarea`);
  await code.waitFor({ state: "visible" });
  return { code: await code.inputValue(), status: await page.locator(`#${part} > .embed-export [role='status']`).textContent() };
}
