// The labs' settings travel in the page's link, beside the explorer's
// state: a teacher sets a lab up, copies the address (or Copy link), and a
// student who opens it sees the same lab. A link with settings that cannot
// be used opens the lab with its usual settings and says why beside it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, expectClean, expectAccessible, typeInto } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const hash = (page) => page.evaluate(() => decodeURIComponent(location.hash));

test("a lab set up by hand is in the address, and the address opens it again in a fresh browser", async () => {
  const { page, log, context } = await open(browser, "", { permissions: ["clipboard-read", "clipboard-write"] });
  // Attention lab: d with the keyboard, a fill value and the precision from their menus.
  const d = page.locator("#attn-d");
  await d.scrollIntoViewIfNeeded();
  await d.focus();
  for (let k = 0; k < 4; k++) await page.keyboard.press("ArrowRight");
  const dValue = await d.inputValue();
  await page.selectOption("#attn-fill", "-1e9");
  await page.selectOption("#attn-precision", "f16");
  await page.locator("#attn-causal").click();
  // Stability lab: typed logits and a format.
  await typeInto(page, "#stab-logits", "1000, 1002, 999");
  await page.selectOption("#stab-format", "f16");
  // Calibration lab: Fit T.
  await page.locator("#cal-fit").click();
  const fitted = await page.locator("#cal-fitted").textContent();
  const address = await hash(page);
  for (const part of [`attn-d=${dValue}`, "attn-causal=0", "attn-fill=-1e9", "attn-precision=f16",
    "stab-logits=1000,1002,999", "stab-format=f16", "cal-fit=1"]) {
    assert.ok(address.includes(part), `${part} in ${address}`);
  }
  assert.match(address, /^#lab-calibration&logits=2,1,0&T=1&/, "the last lab touched is in front");
  // Copy link gives the same settings.
  await page.locator("#copy-link").scrollIntoViewIfNeeded();
  await page.locator("#copy-link").click();
  await page.waitForFunction(() => navigator.clipboard.readText().then((t) => t.includes("cal-fit=1")));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expectClean(log);
  await context.close();

  const again = await open(browser, new URL(copied).hash);
  const p = again.page;
  assert.equal(await p.inputValue("#attn-d"), dValue);
  assert.equal(await p.inputValue("#attn-fill"), "-1e9");
  assert.equal(await p.inputValue("#attn-precision"), "f16");
  assert.equal(await p.isChecked("#attn-causal"), false);
  assert.equal(await p.inputValue("#stab-logits"), "1000, 1002, 999");
  assert.equal(await p.inputValue("#stab-format"), "f16");
  assert.equal(await p.locator("#cal-fitted").textContent(), fitted);
  assert.equal(await p.locator(".link-notice").count(), 0, "no notice for a good link");
  // Back to the defaults: the lab's keys leave the address.
  await p.selectOption("#attn-precision", "f32");
  assert.ok(!(await hash(p)).includes("attn-precision"), await hash(p));
  expectClean(again.log);
  await again.context.close();
});

test("a lab change replaces the history entry: Back still steps through the explorer's states", async () => {
  const { page, log, context } = await open(browser, "#logits=2,1,0&T=1");
  await typeInto(page, "#logit-1", "4");
  const length = await page.evaluate(() => history.length);
  await page.selectOption("#attn-fill", "-10");
  await page.selectOption("#stab-format", "bf16");
  assert.equal(await page.evaluate(() => history.length), length);
  assert.match(await hash(page), /logits=4,1,0.*attn-fill=-10/);
  expectClean(log);
  await context.close();
});

for (const [fragment, lab, key] of [
  ["#attn-d=0", "lab-attention", "attn-d"],
  ["#attn-fill=zero&attn-d=64", "lab-attention", "attn-fill"],
  ["#stab-format=f8", "lab-stability", "stab-format"],
  ["#stab-logits=1,2&stab-target=9", "lab-stability", "stab-target"],
  ["#cal-T=-1", "lab-calibration", "cal-T"],
  ["#cal-fit=%3Cb%3Ex%3C/b%3E", "lab-calibration", "cal-fit"],
]) {
  test(`a bad lab setting (${fragment}) opens the lab with its usual settings and says why`, async () => {
    const { page, log, context } = await open(browser, fragment);
    const notice = page.locator(`#${lab} .link-notice`);
    assert.equal(await notice.count(), 1);
    assert.equal(await notice.getAttribute("role"), "status");
    const text = await notice.textContent();
    assert.ok(text.includes(key), text);
    assert.match(text, /usual settings instead\.$/);
    assert.equal(await page.locator(`#${lab} .link-notice b`).count(), 0, "the link's text is shown as text");
    // The lab is far down: where the link opens, the page says so and links to it.
    const top = page.locator("#explorer-link-error");
    assert.equal(await top.isVisible(), true);
    const said = await top.textContent();
    assert.ok(said.includes(key) && /usual settings instead\. Go to Lab: /.test(said), said);
    assert.equal(await top.locator(`a[href="#${lab}"]`).count(), 1);
    // The usual settings, and nothing of the bad link left in the address.
    if (lab === "lab-attention") assert.equal(await page.inputValue("#attn-d"), "16");
    if (lab === "lab-stability") assert.equal(await page.inputValue("#stab-format"), "f64");
    assert.ok(!(await hash(page)).includes(key.split("-")[0] + "-"), await hash(page));
    await expectAccessible(page, `#${lab}`);
    expectClean(log);
    await context.close();
  });
}

test("an embedded lab takes its settings from its link, and its Embed snippet carries them", async () => {
  const { page, log, context } = await open(browser, "#attn-d=64&attn-row=2", { permissions: ["clipboard-read", "clipboard-write"] });
  const button = page.locator("#lab-attention > .embed-export button");
  await button.scrollIntoViewIfNeeded();
  await button.click();
  await page.locator("#lab-attention > .embed-export [role='status']").filter({ hasText: "copied" }).waitFor();
  const code = await page.evaluate(() => navigator.clipboard.readText());
  const src = new URL(code.match(/src="([^"]+)"/)[1].replace(/&amp;/g, "&"));
  assert.equal(src.hash, "#attn-d=64&attn-row=2");
  expectClean(log);
  await context.close();
  const embedded = await open(browser, src.pathname.slice(1) + src.search + src.hash);
  assert.equal(await embedded.page.inputValue("#attn-d"), "64");
  assert.equal(await embedded.page.inputValue("#attn-row"), "1");
  expectClean(embedded.log);
  await embedded.context.close();
});
