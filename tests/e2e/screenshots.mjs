// Writes the README's screenshots to docs/ from the current build: the
// first screen (desktop light and dark at 1440x900, a phone at 390x844),
// the Jacobian block, a worked example, a
// diagnosed wrong answer, each lab with its first preset, and the player.
// Run by `cargo xtask screenshots` (which serves the site and sets
// BASE_URL); not a test.
import { launch, open } from "./helpers.mjs";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const docs = fileURLToPath(new URL("../../docs/", import.meta.url));
mkdirSync(docs, { recursive: true });
const desktop = { colorScheme: "light", viewport: { width: 1440, height: 900 } };
const phone = { colorScheme: "light", viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true };
const shots = [
  // The first screen as a reader meets it (a selector of null: the viewport).
  { name: "desktop-light.png", selector: null, ...desktop },
  { name: "desktop-dark.png", selector: null, ...desktop, colorScheme: "dark" },
  { name: "phone.png", selector: "#explorer-title", viewportOnly: true, ...phone },
  { name: "jacobian.png", selector: "#jacobian-block", ...desktop },
  { name: "worked-example.png", selector: "#worked-basic", ...desktop,
    act: async (page) => { for (let k = 0; k < 5; k++) await page.click('#worked-basic [data-step="next"]'); } },
  { name: "diagnosed-answer.png", selector: "#problem-easy", ...desktop,
    act: async (page) => { await page.fill("#problem-easy-answer", "1, 1, 1, 1"); await page.click("#problem-easy-check"); } },
  { name: "lab-stability.png", selector: "#lab-stability", ...desktop },
  { name: "lab-attention.png", selector: "#lab-attention", ...desktop },
  { name: "lab-calibration.png", selector: "#lab-calibration", ...desktop, act: async (page) => page.click("#cal-fit") },
  { name: "player.png", selector: "#player", ...desktop },
];
const browser = await launch();
for (const shot of shots) {
  const { page, context } = await open(browser, "#logits=2,1,0&T=1", shot);
  if (shot.selector === null) {
    await page.screenshot({ path: docs + shot.name });
  } else if (shot.viewportOnly) {
    await page.locator(shot.selector).evaluate((el) => el.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: docs + shot.name });
  } else {
    const target = page.locator(shot.selector);
    await target.scrollIntoViewIfNeeded();
    if (shot.act) await shot.act(page);
    await target.screenshot({ path: docs + shot.name });
  }
  await context.close();
  console.log(`wrote docs/${shot.name}`);
}
await browser.close();
