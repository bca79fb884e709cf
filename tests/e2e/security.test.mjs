// What the served site promises a school's network: every request of a full
// visit stays on the page's own origin, every response carries the strict
// Content-Security-Policy and nosniff, the wasm is served as wasm, and no
// path climbs out of dist/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { readFileSync } from "node:fs";
import { launch, open, expectClean, typeInto, BASE_URL } from "./helpers.mjs";

const ORIGIN = new URL(BASE_URL).origin;

/** The policy exactly as `xtask/src/serve.rs` writes it (its `CSP` constant). */
function policyOfTheServer() {
  const source = readFileSync(new URL("../../xtask/src/serve.rs", import.meta.url), "utf8");
  const match = source.match(/pub const CSP: &str = "((?:[^"\\]|\\[\s\S])*)";/);
  assert.ok(match, "serve.rs defines pub const CSP");
  // A backslash at the end of a line continues the string without the newline and indentation.
  return match[1].replace(/\\\n\s*/g, "");
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("a full visit requests nothing but the page's own origin", async () => {
  const { page, log, context } = await open(browser);
  const seen = [];
  context.on("request", (request) => seen.push(request));
  // The requests made while loading were recorded by open(); keep them too.
  const initial = [...log.requests];

  // Scroll to the bottom in steps, so anything loaded lazily loads.
  for (let y = 0; y < 40; y++) {
    const atBottom = await page.evaluate(() => {
      window.scrollBy(0, Math.round(window.innerHeight * 0.8));
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    });
    await page.waitForTimeout(100);
    if (atBottom) break;
  }
  // Use a few controls of every part.
  await typeInto(page, "#logit-1", "3");
  await typeInto(page, "#temperature", "0.5");
  await page.locator("#temperature-slider").fill("0.3");
  await page.click("#contours");
  await page.selectOption("#class-count", "4");
  await page.click("#shift-up");
  await page.selectOption("#class-count", "3");
  const box = await page.locator("#simplex-canvas").boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.6);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.7, { steps: 5 });
  await page.mouse.up();
  await page.fill("#problem-easy-answer", "1/4");
  await page.click("#problem-easy-check");
  await page.click("#problem-medium-hint");
  await page.click("#theme-toggle");
  await page.waitForLoadState("networkidle");

  // Status and kind of each request from the browser's own timing records
  // (the document's from the navigation entry).
  const timing = await page.evaluate(() =>
    [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")].map(
      (e) => ({ name: e.name, type: e.initiatorType, status: e.responseStatus, bytes: e.encodedBodySize }),
    ),
  );
  const entries = [];
  for (const url of initial) entries.push({ url, method: "GET", later: false });
  for (const request of seen) entries.push({ url: request.url(), method: request.method(), later: true });
  console.log(`Request log of a full visit to ${ORIGIN} (${entries.length} requests):`);
  for (const { url, method, later } of entries) {
    const t = timing.find((e) => e.name === url || e.name.split("#")[0] === url.split("#")[0]);
    const what = t ? `${t.status} ${t.type} ${t.bytes} B` : "(no timing entry)";
    console.log(`  ${method} ${url.slice(0, 100)}  ${what}${later ? "  (after load)" : ""}`);
  }
  const resources = timing.map((e) => e.name);
  const urls = [...entries.map((e) => e.url), ...resources];
  // data: URLs are inline (no network); every other URL, blob: included, has an origin.
  const elsewhere = urls.filter((url) => !url.startsWith("data:") && new URL(url).origin !== ORIGIN);
  assert.deepEqual(elsewhere, [], `requests to another origin:\n${elsewhere.join("\n")}`);
  for (const path of ["/", "/style.css", "/js/app.js", "/pkg/softmax_lesson.js", "/pkg/softmax_lesson_bg.wasm"]) {
    assert.ok(urls.some((url) => new URL(url).pathname === path), `${path} is in the log`);
  }
  expectClean(log);
  await context.close();
});

test("the page and the wasm carry the strict policy, nosniff and the right types", async () => {
  const policy = policyOfTheServer();
  assert.ok(policy.startsWith("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"), policy);
  assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'|\s\*/, "no inline, eval or wildcard");
  for (const [path, type] of [
    ["/", /^text\/html/],
    ["/pkg/softmax_lesson_bg.wasm", /^application\/wasm$/],
    ["/js/app.js", /^text\/javascript/],
  ]) {
    const response = await fetch(new URL(path, BASE_URL));
    assert.equal(response.status, 200, path);
    assert.equal(response.headers.get("content-security-policy"), policy, path);
    assert.equal(response.headers.get("x-content-type-options"), "nosniff", path);
    assert.match(response.headers.get("content-type") ?? "", type, path);
    await response.arrayBuffer();
  }
});

/** GET `path` exactly as written (fetch would normalise the dots away). */
function rawGet(path) {
  const url = new URL(BASE_URL);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path, method: "GET", timeout: 5000 },
      (res) => {
        const chunks = [];
        res.on("data", (chunk) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString("utf8") }),
        );
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${path}: no answer in 5 s`)));
    req.on("error", reject);
    req.end();
  });
}

test("paths that climb out of the site are refused over HTTP", async () => {
  const cargoToml = readFileSync(new URL("../../Cargo.toml", import.meta.url), "utf8");
  const marker = "[workspace]";
  assert.ok(cargoToml.includes(marker));
  // The same request shape does reach files that are inside the site.
  assert.equal((await rawGet("/js/app.js")).status, 200);
  for (const path of [
    "/../Cargo.toml",
    "/%2e%2e/Cargo.toml",
    "/%2E%2E/Cargo.toml",
    "/pkg/%2e%2e/%2e%2e/Cargo.toml",
    "/pkg/../../Cargo.toml",
    "/js/..%2f..%2fCargo.toml",
    "/%2e%2e%2fCargo.toml",
    "/pkg/..%5c..%5cCargo.toml",
    "/./../Cargo.toml",
  ]) {
    const { status, body } = await rawGet(path);
    assert.equal(status, 404, path);
    assert.ok(!body.includes(marker), `${path} gave the file's content`);
  }
});

/** GET `path` with the request headers `headers`; resolves to the status,
 * the response headers and the raw body (not decompressed). */
function getEncoded(path, headers) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, BASE_URL), { headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("responses are compressed as the browser asks: brotli, gzip, or not at all", async () => {
  const { brotliDecompressSync, gunzipSync } = await import("node:zlib");
  for (const path of ["index.html", "pkg/softmax_lesson_bg.wasm", "js/explorer.js", "style.css"]) {
    const plain = await getEncoded(path, { "accept-encoding": "identity" });
    assert.equal(plain.status, 200, path);
    assert.equal(plain.headers["content-encoding"], undefined, `${path}: identity is sent as is`);
    const br = await getEncoded(path, { "accept-encoding": "gzip, deflate, br" });
    assert.equal(br.headers["content-encoding"], "br", path);
    assert.match(br.headers.vary ?? "", /accept-encoding/i, `${path}: caches keep the encodings apart`);
    assert.equal(br.headers["content-type"], plain.headers["content-type"], `${path}: the same type`);
    assert.ok(br.body.length < plain.body.length * 0.6, `${path}: ${plain.body.length} -> ${br.body.length} bytes`);
    assert.ok(brotliDecompressSync(br.body).equals(plain.body), `${path}: brotli gives the file back`);
    const gz = await getEncoded(path, { "accept-encoding": "gzip" });
    assert.equal(gz.headers["content-encoding"], "gzip", path);
    assert.ok(gunzipSync(gz.body).equals(plain.body), `${path}: gzip gives the file back`);
    // Every compressed response keeps the security headers.
    for (const response of [br, gz]) {
      assert.ok(response.headers["content-security-policy"], path);
      assert.equal(response.headers["x-content-type-options"], "nosniff", path);
    }
  }
  assert.equal((await getEncoded("pkg/softmax_lesson_bg.wasm", { "accept-encoding": "br" })).headers["content-type"], "application/wasm");
});
