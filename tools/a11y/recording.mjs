// Browser test of recording a meeting, by keyboard alone: the demo's sekreterare signs in,
// plans a meeting with a case and an information item, opens its minutes, and records the
// case's paragraph without the mouse — Alt+N to the paragraph, Alt+B for bifall till
// förslaget, the mover typed, Alt+V for a votering, every serving member's vote with the arrow
// keys — while the page saves by itself; the information item is noted in one click (Enter on
// its button). The recorded vote is read back from a fresh page load, and every page passes
// axe-core (WCAG 2.1 A/AA) at 1280 and 390 px.
//
//   node recording.mjs http://127.0.0.1:8080 [--screenshots DIR]
//
// Exit status: 0 when everything worked, 1 when a step or axe failed, 2 when it could not run.

import { axe, base, check, newPage, run, signIn, submit } from "./common.mjs";

const bodyPath = "/kansli/moten/kommunalforbundet-itsam/direktionen";
const date = "2031-03-12";
const recordPath = `/kansli/protokoll/kommunalforbundet-itsam/direktionen/${date}`;

await run(async (browser) => {
  // axe-core is injected inline, so this context bypasses the page's CSP; the second editor's
  // below does not, and proves the script runs under the page's own policy.
  const page = await newPage(browser);
  await signIn(page, "sekreterare@demo.kansli");

  // A meeting with a case (and its proposal) and an information item.
  await page.goto(base + bodyPath, { waitUntil: "load" });
  await page.fill("#date", date);
  await page.fill("#start_time", "09:00");
  await page.fill("#place", "Kinda kommunhus");
  await submit(page, page.locator("form.form--inline").first());
  await page.fill("#proposal", "Direktionen beslutar att godkänna samverkansavtalet.");
  await submit(page, page.locator("form", { has: page.locator("select#case") }));
  await page.fill("#info-title", "Förbundschefen informerar");
  await submit(page, page.locator("form", { has: page.locator("#info-title") }));

  // Open the minutes from the agenda.
  await Promise.all([page.waitForNavigation(), page.locator("a", { hasText: "Protokollför sammanträdet" }).click()]);
  check(page.url().endsWith(recordPath), `the agenda leads to the minutes (${page.url()})`);
  await submit(page, page.locator("form", { has: page.locator("button", { hasText: "Börja protokollföra" }) }));
  const headings = await page.locator(".record-paragraph h3").allTextContents();
  check(headings.length === 2, `two paragraphs from the agenda (${headings.join(" | ")})`);
  await axe(page, "record");

  // § 1 by keyboard alone: Alt+N reaches it, Alt+B fills bifall till förslaget.
  await page.locator("h1").focus();
  await page.keyboard.press("Alt+N");
  const first = page.locator(".record-paragraph").first();
  check(await first.locator("[data-decision]").evaluate((el) => el === document.activeElement), "Alt+N focuses the first paragraph's decision");
  await page.keyboard.press("Alt+B");
  const decision = await first.locator("[data-decision]").inputValue();
  check(decision.includes("godkänna samverkansavtalet"), `Alt+B fills the decision from the proposal (${decision})`);
  // The mover of the bifall motion: Tab from the decision to the new motion's "av" field.
  await page.keyboard.press("Tab");
  check(await first.locator("[data-new-motion]").evaluate((el) => el === document.activeElement), "Tab reaches the new motion");
  await page.keyboard.type("Leif Ledamot");
  // Alt+V opens the votering at the ja-proposition.
  await page.keyboard.press("Alt+V");
  await page.keyboard.type("bifall till förslaget");
  await page.keyboard.press("Tab");
  await page.keyboard.type("avslag");
  // Each serving member: Tab to their row's radios; the first gets ja, the rest alternate by
  // arrow keys (ArrowRight: nej), so the count is known.
  const voters = await first.locator("table.votes tbody tr").count();
  check(voters >= 2, `every serving member has a row (${voters})`);
  let ja = 0;
  let nej = 0;
  for (let i = 0; i < voters; i++) {
    await page.keyboard.press("Tab");
    if (i % 2 === 0) {
      await page.keyboard.press("Space");
      ja++;
    } else {
      await page.keyboard.press("ArrowRight");
      nej++;
    }
  }
  if (ja === nej) {
    // A tie: Tab to the tie-break and choose the chair's casting vote for ja.
    await page.keyboard.press("Tab");
    await page.keyboard.press("ArrowDown");
  }
  // Autosave: wait for the page to say it saved.
  await page.waitForFunction(() => /Sparat/.test(document.getElementById("sparstatus").textContent), null, { timeout: 15000 });
  check(true, "the paragraph saved itself");

  // § 2, the information item: its one-click button, reached by keyboard.
  const second = page.locator(".record-paragraph").nth(1);
  const note = second.locator("button", { hasText: "Notera informationen" });
  await note.focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);

  // Read back from a fresh load.
  await page.goto(base + recordPath, { waitUntil: "load" });
  const summary = await page.locator(".record-paragraph").first().locator("details.votering summary").textContent();
  check(summary.includes(`${ja} ja-röst${ja === 1 ? "" : "er"} mot ${nej} nej-röst${nej === 1 ? "" : "er"}`), `the vote is recorded and counted (${summary.trim()})`);
  const info = await page.locator(".record-paragraph").nth(1).locator("[data-decision]").inputValue();
  check(info.includes("notera informationen till protokollet"), `the information is noted (${info})`);
  const errors = await page.locator(".record-paragraph").first().locator(".finding--error").count();
  check(errors === 0, "no error findings on the recorded paragraph");
  await axe(page, "record-filled");

  // Someone else saves § 2 in another browser: this page is told (server-sent events).
  const other = await newPage(browser, { csp: true });
  await signIn(other, "sekreterare@demo.kansli");
  await other.goto(base + recordPath, { waitUntil: "load" });
  await other.locator(".record-paragraph").nth(1).locator("[data-decision]").fill("Direktionen beslutar att notera informationen och tacka för den.");
  await other.locator(".record-paragraph").nth(1).locator("form[data-autosave] button[type=submit]").click();
  await other.waitForFunction(() => /Sparat/.test(document.getElementById("sparstatus").textContent), null, { timeout: 15000 });
  await page.waitForFunction(() => !document.getElementById("andrat").hidden, null, { timeout: 15000 });
  check((await page.locator("#andrat").textContent()).includes("ändrats av någon annan"), "the other editor's change is announced");

  // The draft is not public.
  const pub = await (await browser.newContext({ locale: "sv-SE" })).newPage();
  await pub.goto(`${base}/kommunalforbundet-itsam/direktionen/${date}`, { waitUntil: "load" });
  check(!(await pub.content()).includes("godkänna samverkansavtalet"), "the public page does not show the draft");
}, "a paragraph with a vote was recorded by keyboard alone");
