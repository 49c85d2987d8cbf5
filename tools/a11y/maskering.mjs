// Browser test of masking for publication: the demo's sekreterare opens the masking page of
// justerade minutes, masks a passage of § 3 on a legal ground, and the public page, the
// paragraph's page and the API then show the marker with the ground instead of the text (and
// say that the minutes are masked), while the secretariat's record keeps it; lifting the mask
// publishes the text again. The masking page passes axe-core (WCAG 2.1 A/AA) at 1280 and 390 px.
//
//   node maskering.mjs http://127.0.0.1:8080 [--screenshots DIR]
//
// Exit status: 0 when everything worked, 1 when a step or axe failed, 2 when it could not run.

import { axe, base, check, newPage, run, shotDir, signIn, submit } from "./common.mjs";

const meeting = "kommunalforbundet-itsam/direktionen/2024-03-05";
const passage = "Det finns en viss rörlighet";
const ground = "OSL 39 kap. 1 §";

await run(async (browser) => {
  const page = await newPage(browser);
  await signIn(page, "sekreterare@demo.kansli");
  await page.goto(`${base}/kansli/protokoll/${meeting}/maskering`, { waitUntil: "load" });
  check((await page.locator("h1").innerText()).includes("Maskering för publicering"), "the masking page opens");

  const form = page.locator("form", { has: page.locator("#grund") });
  await form.locator("#paragraf").selectOption("3");
  await form.locator("#text").fill(passage);
  await form.locator("#grund").fill(ground);
  await submit(page, form);
  const body = await page.locator("main").innerText();
  check(body.includes("Maskerat (1)") && body.includes(ground), "the passage is masked with its ground");
  await axe(page, "maskering");

  const pub = await newPage(browser);
  for (const path of [`/${meeting}`, `/${meeting}/paragraf/3`]) {
    await pub.goto(base + path, { waitUntil: "load" });
    const text = await pub.locator("main").innerText();
    check(!text.includes(passage), `${path} does not show the passage`);
    check(text.includes(`[uppgift maskerad enligt ${ground}]`), `${path} shows the marker with the ground`);
    check(text.includes("Protokollet är maskerat för publicering på webben"), `${path} says the minutes are masked`);
  }
  if (shotDir) await pub.screenshot({ path: `${shotDir}/maskerad-paragraf.png`, fullPage: false });
  const api = await (await pub.request.get(`${base}/api/v1/authorities/kommunalforbundet-itsam/bodies/direktionen/meetings/2024-03-05`)).text();
  check(!api.includes(passage) && api.includes("uppgift maskerad"), "the API shows the marker");
  const record = await (await page.request.get(`${base}/api/v1/authorities/kommunalforbundet-itsam/bodies/direktionen/meetings/2024-03-05/record`)).text();
  check(record.includes(passage), "the secretariat's record keeps the passage");

  // Lifting the mask publishes the passage again (and leaves the demo as it was).
  await page.goto(`${base}/kansli/protokoll/${meeting}/maskering`, { waitUntil: "load" });
  await submit(page, page.locator("form", { has: page.locator("button", { hasText: "Häv maskeringen" }) }).first());
  await pub.goto(`${base}/${meeting}/paragraf/3`, { waitUntil: "load" });
  check((await pub.locator("main").innerText()).includes(passage), "lifted: the passage is published again");
}, "masking for publication works in the browser");
