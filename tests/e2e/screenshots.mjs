// Writes the README's screenshots to docs/: desktop light, desktop dark and
// phone. Run by `cargo xtask screenshots` (which serves the site and sets
// BASE_URL); not a test.
import { launch, open } from "./helpers.mjs";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const docs = fileURLToPath(new URL("../../docs/", import.meta.url));
mkdirSync(docs, { recursive: true });
const shots = [
  { name: "desktop-light.png", colorScheme: "light", viewport: { width: 1280, height: 900 } },
  { name: "desktop-dark.png", colorScheme: "dark", viewport: { width: 1280, height: 900 } },
  { name: "phone.png", colorScheme: "light", viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 },
];
const browser = await launch();
for (const shot of shots) {
  const { page, context } = await open(browser, "#logits=2,1,0&T=1", shot);
  await page.locator("#explorer").scrollIntoViewIfNeeded();
  await page.locator("#explorer").screenshot({ path: docs + shot.name });
  await context.close();
  console.log(`wrote docs/${shot.name}`);
}
await browser.close();
