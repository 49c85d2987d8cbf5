// What the browser tests of tools/a11y share: the arguments (base URL, --screenshots DIR), the
// step log with its failure count, axe-core at 1280 and 390 px, signing in as a demo account,
// launching Debian's Chromium and the exit status (0 passed, 1 a step failed, 2 could not run).

import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const args = process.argv.slice(2);

/** The server under test. */
export const base = (args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--screenshots") || "http://127.0.0.1:8080").replace(/\/$/, "");
const shotIdx = args.indexOf("--screenshots");
/** Where screenshots go, if asked for. */
export const shotDir = shotIdx >= 0 ? args[shotIdx + 1] : null;
if (shotDir) mkdirSync(shotDir, { recursive: true });
/** The demo accounts' password. */
export const password = "prova-demot-2026";

let failures = 0;

/** Logs one step; a false `ok` counts as a failure. */
export function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures++;
}

/** axe-core (WCAG 2.1 A/AA and best practice) on the page at 1280 and 390 px. */
export async function axe(page, name) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }),
    );
    for (const v of result.violations) {
      console.log(`  ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
    }
    check(result.violations.length === 0, `axe-core on ${name} at ${width} px`);
    if (shotDir) await page.screenshot({ path: `${shotDir}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Signs `page` in as a demo account; lands on /kansli. */
export async function signIn(page, email) {
  await page.goto(base + "/logga-in", { waitUntil: "load" });
  await page.fill("#email", email);
  await page.fill("#password", password);
  await Promise.all([page.waitForURL(`${base}/kansli`), page.click("form.form button[type=submit]")]);
}

/** A new page in its own context (axe is injected inline, so the context bypasses CSP unless
 *  `csp` is true). */
export async function newPage(browser, { csp = false } = {}) {
  const context = await browser.newContext({ locale: "sv-SE", viewport: { width: 1280, height: 900 }, bypassCSP: !csp });
  return context.newPage();
}

/** Runs `steps(browser)` in headless Chromium and sets the exit status; `done` is printed
 *  when every step passed. */
export async function run(steps, done) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  try {
    await steps(browser);
  } catch (e) {
    console.error(`the browser test could not run: ${e.stack || e}`);
    process.exitCode = 2;
  } finally {
    await browser.close();
  }
  if (!process.exitCode) {
    process.exitCode = failures ? 1 : 0;
    console.log(failures ? `${failures} step(s) failed` : done);
  }
}

/** Submits `form` (a locator) with its submit button and waits for the next page. */
export async function submit(page, form) {
  await Promise.all([page.waitForLoadState("load"), page.waitForNavigation(), form.locator("button[type=submit]").click()]);
}
