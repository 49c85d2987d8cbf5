// How far a reader on a phone scrolls to reach a meeting's ärendelista and its first
// paragraph: `node measure.mjs URL [WIDTH HEIGHT]` prints the y of each and the screens to
// scroll to it (the viewport's height), for issue 17's aim of at most two screens at 390 px.

import { chromium } from "playwright-core";

const [url, width = "390", height = "844"] = process.argv.slice(2);
if (!url) {
  console.error("usage: node measure.mjs URL [WIDTH HEIGHT]");
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
await page.goto(url, { waitUntil: "load" });
const found = await page.evaluate(() => {
  const top = (el) => (el ? Math.round(el.getBoundingClientRect().top + window.scrollY) : null);
  const para = document.querySelector("section.para");
  return {
    arendelista: top(document.querySelector("#arendelista")),
    firstParagraph: top(para),
    firstParagraphText: top(para && para.querySelector("p")),
    page: document.documentElement.scrollHeight,
  };
});
const h = Number(height);
// "Screens to scroll" (issue 17's measure: 2.7 on Lomma's kommunfullmäktige): how many
// screen heights to scroll before the element's top comes into view.
for (const [what, y] of Object.entries(found)) {
  const to = y === null ? "-" : Math.max(0, (y - h) / h).toFixed(2);
  console.log(`${what}: y ${y} px, ${to} screens to scroll`);
}
await browser.close();
