// Browser test of the secretariat's meeting work, as people do it: the demo's sekreterare
// signs in, plans a direktion meeting, builds its agenda with the mouse-free forms (standing
// item, a case from the diarium, an information item, moves an item up), issues the kallelse;
// the demo's ledamot signs in, reads it, keeps a note on a document and reports förhinder.
// Every page on the way passes axe-core (WCAG 2.1 A/AA) at 1280 and 390 px.
//
//   node agenda.mjs http://127.0.0.1:8080 [--screenshots DIR]
//
// Exit status: 0 when everything worked, 1 when a step or axe failed, 2 when it could not run.

import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const args = process.argv.slice(2);
const base = (args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--screenshots") || "http://127.0.0.1:8080").replace(/\/$/, "");
const shotIdx = args.indexOf("--screenshots");
const shotDir = shotIdx >= 0 ? args[shotIdx + 1] : null;
if (shotDir) mkdirSync(shotDir, { recursive: true });
const password = "prova-demot-2026";
const bodyPath = "/kansli/moten/kommunalforbundet-itsam/direktionen";
const date = "2031-05-14";

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures++;
}

async function axe(page, name) {
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

async function signIn(page, email) {
  await page.goto(base + "/logga-in", { waitUntil: "load" });
  await page.fill("#email", email);
  await page.fill("#password", password);
  await Promise.all([page.waitForURL(`${base}/kansli`), page.click("form.form button[type=submit]")]);
}

async function submit(page, form) {
  await Promise.all([page.waitForLoadState("load"), page.waitForNavigation(), form.locator("button[type=submit]").click()]);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
try {
  const secretary = await (await browser.newContext({ locale: "sv-SE", viewport: { width: 1280, height: 900 }, bypassCSP: true })).newPage();
  await signIn(secretary, "sekreterare@demo.kansli");
  check((await secretary.content()).includes(bodyPath), "the start page leads the secretary to the meetings");
  await secretary.goto(base + bodyPath, { waitUntil: "load" });
  // The year's plan at once: two dates, one per line.
  await secretary.locator("details.year-plan summary").click();
  await secretary.fill("#dates", "2031-06-11\n2031-09-10");
  await secretary.fill("#year-start", "13:00");
  await submit(secretary, secretary.locator("details.year-plan form"));
  const plan = await secretary.content();
  check(plan.includes("2031-06-11") && plan.includes("2031-09-10"), "a year's dates planned at once");
  await secretary.fill("#date", date);
  await secretary.fill("#start_time", "09:00");
  await secretary.fill("#end_time", "12:00");
  await secretary.fill("#place", "Kinda kommunhus, sammanträdesrummet");
  await submit(secretary, secretary.locator("form.form--inline").first());
  check(secretary.url().endsWith(`${bodyPath}/${date}`), `planning opens the agenda (${secretary.url()})`);
  await axe(secretary, "agenda-empty");

  // A standing item in one click, a case from the diarium, an information item.
  await submit(secretary, secretary.locator("form", { has: secretary.locator("input[name=title][value='Val av justerare']") }));
  const caseForm = secretary.locator("form", { has: secretary.locator("select#case") });
  const firstCase = await secretary.locator("select#case option").first().textContent();
  await secretary.fill("#presenter", "Eva Handläggare");
  await submit(secretary, caseForm);
  await secretary.fill("#info-title", "Förbundschefen informerar");
  await submit(secretary, secretary.locator("form", { has: secretary.locator("#info-title") }));
  let titles = await secretary.locator(".agenda-builder__title").allTextContents();
  check(titles.length === 3, `three items on the agenda (${titles.join(" | ")})`);
  const caseTitle = firstCase.split(" – ").slice(1).join(" – ").trim();
  check(titles[1].includes(caseTitle), `the case is item 2 (${caseTitle})`);

  // Move the information item up, by keyboard: focus its "Upp" button and press Enter.
  const up = secretary.locator(".agenda-builder__item").nth(2).locator("button", { hasText: "Upp" });
  await up.focus();
  await Promise.all([secretary.waitForNavigation(), secretary.keyboard.press("Enter")]);
  titles = await secretary.locator(".agenda-builder__title").allTextContents();
  check(titles[1].includes("Förbundschefen informerar"), `moved up by keyboard (${titles.join(" | ")})`);
  await axe(secretary, "agenda");

  await submit(secretary, secretary.locator("form", { has: secretary.locator("button", { hasText: "Utfärda kallelsen" }) }));
  check((await secretary.content()).includes("Kallelsen utfärdades"), "the kallelse is issued");
  await secretary.goto(base + bodyPath, { waitUntil: "load" });
  check((await secretary.content()).includes("Kallelse utfärdad"), "the meetings list says the kallelse is out");
  await axe(secretary, "meetings");

  // The public sees the kallelse on the meeting's page.
  const publicPage = await (await browser.newContext({ locale: "sv-SE", bypassCSP: true })).newPage();
  await publicPage.goto(`${base}/kommunalforbundet-itsam/direktionen/${date}`, { waitUntil: "load" });
  const publicHtml = await publicPage.content();
  check(publicHtml.includes("Ärenden") && publicHtml.includes(caseTitle), "the public kallelse lists the ärenden");
  check(!publicHtml.includes("(sekretess)") && !publicHtml.includes("Anbud med priser"), "no confidential document on the public kallelse");
  await axe(publicPage, "public-kallelse");

  // The member reads it, keeps a note and reports förhinder.
  const member = await (await browser.newContext({ locale: "sv-SE", viewport: { width: 1280, height: 900 }, bypassCSP: true })).newPage();
  await signIn(member, "ledamot@demo.kansli");
  const link = member.locator(`a[href$="/kansli/kallelse/kommunalforbundet-itsam/direktionen/${date}"]`);
  check((await link.count()) === 1, "the member's start page shows the kallelse");
  await Promise.all([member.waitForNavigation(), link.click()]);
  const memberHtml = await member.content();
  check(memberHtml.includes(caseTitle), "the member reads the kallelse");
  if (caseTitle === "Samverkansavtal för e-tjänster") {
    check(memberHtml.includes("Anbud med priser"), "the member sees the confidential document");
  }
  const notes = member.locator(".document-note textarea");
  if ((await notes.count()) > 0) {
    await notes.first().fill("Fråga om kostnaden");
    await submit(member, member.locator(".document-note form").first());
    check((await member.locator(".document-note textarea").first().inputValue()) === "Fråga om kostnaden", "the private note is kept");
  } else {
    check(true, "no documents on the case to keep notes on");
  }
  await axe(member, "kallelse-member");
  const absence = member.locator("form", { has: member.locator("button", { hasText: "Anmäl förhinder" }) });
  if ((await absence.count()) > 0) {
    await submit(member, absence);
    check((await member.content()).includes("Du har anmält förhinder"), "förhinder is reported");
  } else {
    check((await member.content()).includes("inte kopplat till en plats"), "a member without a seat is told to call the secretary");
  }
} catch (e) {
  console.error(`the browser test could not run: ${e.stack || e}`);
  process.exitCode = 2;
} finally {
  await browser.close();
}
if (!process.exitCode) {
  process.exitCode = failures ? 1 : 0;
  console.log(failures ? `${failures} step(s) failed` : "the secretary built an agenda and the member read the kallelse");
}
