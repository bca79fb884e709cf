// The offline single file (written by cargo xtask dist) as a teacher uses
// it: copied alone to a folder (a USB stick), opened from disk with the
// network off, and worked through. `cargo xtask test --layer e2e` builds it
// and passes its path in SINGLE_FILE.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { embedSnippetWithoutClipboard, launch, open, expectClean, expectAccessible, shownProbabilities, assertClose, typeInto } from "./helpers.mjs";

const BUILT = process.env.SINGLE_FILE ?? resolve("../../dist/softmax-lesson.html");

let browser;
let folder;
let fileUrl;

before(async () => {
  assert.ok(existsSync(BUILT), `${BUILT} is missing: run cargo xtask dist`);
  // Only the one file, nothing beside it: a leftover reference to js/ or
  // pkg/ would fail here even if it worked from dist/.
  folder = mkdtempSync(join(tmpdir(), "softmax-usb-"));
  const copy = join(folder, "softmax-lesson.html");
  copyFileSync(BUILT, copy);
  fileUrl = pathToFileURL(copy).href;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/**
 * Open the single file offline, recording every request (page, workers and
 * anything that tries the network) and every error.
 */
async function openOffline(hash = "") {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.setOffline(true);
  const log = { errors: [], requests: [], network: [] };
  // Any http(s) request is recorded and refused, even if offline mode let it through.
  await context.route(/^(https?|wss?|ftp):/i, (route) => {
    log.network.push(route.request().url());
    return route.abort();
  });
  context.on("request", (request) => log.requests.push(request.url()));
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") log.errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => log.errors.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) =>
    log.errors.push(`request failed: ${request.url().slice(0, 120)} ${request.failure()?.errorText}`),
  );
  await page.goto(fileUrl + hash);
  await page.waitForSelector("html[data-ready='true']", { state: "attached", timeout: 20000 });
  return { page, context, log };
}

/** Every request is the file itself or inline (data:) or made in the page (blob:). */
async function expectOnlyTheFile(page, log) {
  const resources = await page.evaluate(() =>
    performance.getEntriesByType("resource").map((entry) => entry.name),
  );
  const urls = [...log.requests, ...resources];
  assert.ok(urls.length > 0, "the page's own load is recorded");
  const strange = urls.filter((url) => {
    if (url.startsWith("data:") || url.startsWith("blob:")) return false;
    return url.split(/[?#]/)[0] !== fileUrl;
  });
  assert.deepEqual(strange, [], `requests other than the file:\n${strange.join("\n")}`);
  assert.deepEqual(log.network, [], "no request reached for the network");
}

test("the file embeds everything: no reference to another file is left", () => {
  const html = readFileSync(BUILT, "utf8");
  assert.doesNotMatch(html, /<script[^>]*\ssrc=(?!"data:)/i, "no <script src> other than a data: URL");
  assert.doesNotMatch(html, /<link[^>]*rel="?stylesheet/i, "no stylesheet link");
  const refs = [...html.matchAll(/\s(?:src|href)\s*=\s*"([^"]*)"/gi)].map((m) => m[1]);
  const outside = refs.filter((ref) => !/^(#|data:|blob:)/.test(ref));
  assert.deepEqual(outside, [], "every src and href is inline or a fragment");
  assert.doesNotMatch(html, /https?:\/\/(?!www\.w3\.org\/)/, "no other origin named");
  assert.match(html, /<script type="importmap">/);
  assert.doesNotMatch(html, /offline-file/, "the file does not offer itself for download");
});

test("the served page offers the single file for download, and the link gives that file", async () => {
  const { page, log, context } = await open(browser);
  const link = page.locator("#offline-file");
  await link.scrollIntoViewIfNeeded();
  assert.equal(await link.isVisible(), true);
  assert.notEqual(await link.getAttribute("download"), null, "a download, not a navigation");
  const href = await link.evaluate((a) => a.href);
  const got = await page.evaluate(async (url) => {
    const response = await fetch(url);
    return {
      status: response.status,
      type: response.headers.get("content-type"),
      disposition: response.headers.get("content-disposition"),
      text: await response.text(),
    };
  }, href);
  assert.equal(got.status, 200);
  assert.match(got.type ?? "", /text\/html/);
  // Opened from the server the file could not start (the site's policy
  // refuses inline scripts), so the server always hands it over as a file.
  assert.equal(got.disposition, 'attachment; filename="softmax-lesson.html"');
  assert.equal(got.text, readFileSync(BUILT, "utf8"), "the link serves the very file that works offline");
  expectClean(log);
  await context.close();
});

test("opened from disk with the network off, the lesson starts with no errors", async () => {
  const { page, log, context } = await openOffline();
  assert.match(await page.title(), /softmax/i);
  assert.notEqual((await shownProbabilities(page)).length, 0);
  assert.equal(await page.isVisible("#fatal-error"), false);
  await expectOnlyTheFile(page, log);
  expectClean(log);
  await context.close();
});

test("the explorer works from disk: typed logits and the dragged point", async () => {
  const { page, log, context } = await openOffline("#logits=5,5,5&T=1");
  assertClose(await shownProbabilities(page), [1 / 3, 1 / 3, 1 / 3], 0.0001, "p at 5, 5, 5");
  await typeInto(page, "#logit-1", "2");
  await typeInto(page, "#logit-2", "1");
  await typeInto(page, "#logit-3", "0");
  assert.deepEqual(await shownProbabilities(page), [0.6652, 0.2447, 0.09]);
  assert.match(await page.textContent("#readout-rows"), /0\.6652/);

  const box = await page.locator("#simplex-canvas").boundingBox();
  const before = await Promise.all([1, 2, 3].map((k) => page.inputValue(`#logit-${k}`)));
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.62);
  await page.mouse.down();
  for (let step = 1; step <= 10; step++) {
    await page.mouse.move(box.x + box.width * (0.5 + 0.025 * step), box.y + box.height * (0.62 + 0.015 * step));
  }
  await page.mouse.up();
  const after = await Promise.all([1, 2, 3].map((k) => page.inputValue(`#logit-${k}`)));
  assert.notDeepEqual(after, before, "dragging the point changes the logits");
  const p = await shownProbabilities(page);
  assert.ok(p[1] > p[0] && p[1] > p[2], `class 2 (bottom right) should lead after the drag: ${p}`);
  assert.match(await page.evaluate(() => location.hash), /^#logits=/);
  await expectOnlyTheFile(page, log);
  expectClean(log);
  await context.close();
});

test("the practice section checks an answer from disk", async () => {
  const { page, log, context } = await openOffline();
  await page.fill("#problem-easy-answer", "1/4");
  await page.click("#problem-easy-check");
  assert.match((await page.textContent("#problem-easy-verdict")).trim(), /^Correct/);
  await page.fill("#problem-medium-answer", "11/34, 13/34, 10/34");
  await page.click("#problem-medium-check");
  assert.match((await page.textContent("#problem-medium-verdict")).trim(), /forgot to exponentiate/);
  await page.click("#theme-toggle");
  assert.equal(await page.getAttribute("html", "data-theme"), "dark");
  await expectOnlyTheFile(page, log);
  expectClean(log);
  await context.close();
});

test("the file is its own embed page: ?part=explorer shows the playground alone, and it works", async () => {
  const { page, log, context } = await openOffline("?part=explorer#logits=3,1,0&T=2");
  assert.equal(await page.locator("header, footer, nav.toc, #theme-toggle, #offline-file").count(), 0, "no page chrome");
  assert.equal(await page.title(), "The playground — softmax lesson");
  const shown = await page.$$eval("section[id]", (list) => list.filter((s) => s.checkVisibility()).map((s) => s.id));
  assert.deepEqual(shown, ["explorer"]);
  assert.deepEqual(await Promise.all([1, 2, 3].map((k) => page.inputValue(`#logit-${k}`))), ["3", "1", "0"]);
  const box = await page.locator("#simplex-canvas").boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.62);
  await page.mouse.down();
  for (let step = 1; step <= 10; step++) {
    await page.mouse.move(box.x + box.width * (0.5 + 0.025 * step), box.y + box.height * (0.62 + 0.015 * step));
  }
  await page.mouse.up();
  assert.notDeepEqual(await Promise.all([1, 2, 3].map((k) => page.inputValue(`#logit-${k}`))), ["3", "1", "0"], "the drag moved the logits");
  await expectAccessible(page);
  await expectOnlyTheFile(page, log);
  expectClean(log);
  await context.close();
});

test("a course page beside the file frames one part of it, with the lab's settings from the link", async () => {
  const course = join(folder, "week-3.html");
  writeFileSync(course, `<!doctype html><html lang="en"><title>Week 3</title><h1>Week 3</h1>
<iframe src="softmax-lesson.html?part=lab-attention#attn-d=64&amp;attn-fill=-1e9" title="Attention lab" width="100%" height="1600" style="border:0"></iframe>`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.setOffline(true);
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(pathToFileURL(course).href);
  const frame = page.frameLocator("iframe");
  await frame.locator("html[data-ready='true']").waitFor({ state: "attached", timeout: 20000 });
  assert.equal(await frame.locator("#attn-d").inputValue(), "64");
  assert.equal(await frame.locator("#attn-fill").inputValue(), "-1e9");
  await frame.locator("#attn-causal").click();
  assert.equal(await frame.locator("#attn-causal").isChecked(), false);
  assert.deepEqual(errors, []);
  await context.close();
});

test("in the file, an Embed control gives a snippet that names the file itself", async () => {
  const { page, log, context } = await openOffline();
  const shown = await embedSnippetWithoutClipboard(page, "player");
  assert.match(shown.code, /^<iframe id="softmax-lesson-player" src="softmax-lesson\.html\?part=player"/);
  assert.match(shown.status, /same folder/);
  expectClean(log);
  await context.close();
});
