import { launch, open, pageCount } from "/work/main/tests/e2e/helpers.mjs";
import { writeFileSync } from "node:fs";
const browser = await launch();
for (const [path, out] of [["#logits=2,1,0&T=1", "/tmp/lesson.pdf"], ["?set=easy-0,medium-0,hard-0&sheet=worksheet", "/tmp/ws.pdf"]]) {
  const { page, log } = await open(browser, path);
  await page.emulateMedia({ media: "print" });
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const pdf = await page.pdf({ format: "A4" });
  writeFileSync(out, pdf);
  console.log(out, pageCount(pdf), pageCount(await page.pdf({ format: "Letter" })), log.errors);
}
await browser.close();
