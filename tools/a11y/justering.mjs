// Browser test of justering: the demo's released minutes are signed by their ordförande and
// justerare, each signed in as themself; the justerade PDF is then checked on the public page
// "Kontrollera ett protokoll" (valid), and a copy with one changed byte is not. The pages pass
// axe-core (WCAG 2.1 A/AA) at 1280 and 390 px.
//
//   node justering.mjs http://127.0.0.1:8080 [--screenshots DIR]
//
// Exit status: 0 when everything worked, 1 when a step or axe failed, 2 when it could not run.

import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { axe, base, check, newPage, run, shotDir, signIn } from "./common.mjs";

async function signedIn(browser, email) {
  const page = await newPage(browser);
  await signIn(page, email);
  return page;
}

await run(async (browser) => {
  // The meeting awaiting justering: the secretary's meetings list leads to it.
  const secretary = await signedIn(browser, "sekreterare@demo.kansli");
  // Every meeting of the body, from its calendar feed.
  const ics = await (await secretary.request.get(`${base}/api/v1/authorities/kommunalforbundet-itsam/bodies/direktionen/calendar.ics`)).text();
  const dates = [...ics.matchAll(/DTSTART[^:]*:(\d{4})(\d{2})(\d{2})/g)].map((m) => `${m[1]}-${m[2]}-${m[3]}`);
  let justering = null;
  for (const d of dates) {
    const r = await secretary.request.get(`${base}/kansli/justering/kommunalforbundet-itsam/direktionen/${d}`);
    if (r.status() === 200 && (await r.text()).includes("Väntar på")) justering = `/kansli/justering/kommunalforbundet-itsam/direktionen/${d}`;
  }
  check(justering !== null, `a meeting awaits justering (${justering})`);

  for (const [email, name] of [["ordforande@demo.kansli", "Anna Ordförande"], ["ledamot@demo.kansli", "Leif Ledamot"]]) {
    const page = await signedIn(browser, email);
    await page.goto(base + justering, { waitUntil: "load" });
    if (name === "Anna Ordförande") {
      // A comment to the secretary before signing, by keyboard-reachable form fields.
      await page.fill("#kommentar-text", "Stavfel i § 1: upphandling, inte uphandling.");
      await Promise.all([page.waitForNavigation(), page.click("button:has-text('Skicka kommentaren')")]);
      check((await page.locator("section[aria-labelledby=kommentarer]").textContent()).includes("Stavfel"), "the comment is kept and shown");
      await axe(page, "justering");
    }
    const button = page.locator("button", { hasText: "Skriv under protokollet" });
    check((await button.count()) === 1, `${name} may sign`);
    await button.focus();
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    check((await page.locator("section[aria-labelledby=underskrifter] ul").textContent()).includes(name), `${name} has signed`);
    if (name === "Leif Ledamot") {
      check((await page.content()).includes("Protokollet är justerat"), "the last signature justerar the minutes");
      await axe(page, "justerad");
    }
  }

  // The justerade PDF is public on the meeting's page.
  const meeting = justering.replace("/kansli/justering", "");
  const api = await secretary.request.get(`${base}/api/v1/authorities/kommunalforbundet-itsam/bodies/direktionen/meetings/${meeting.split("/").pop()}`);
  const json = await api.json();
  const file = (json.files || []).find((f) => f.media_type === "application/pdf");
  check(!!file, "the justerade PDF is listed on the public meeting");
  const pdf = Buffer.from(await (await secretary.request.get(base + file.download_url)).body());
  const pdfPath = join(tmpdir(), "kansli-justerad.pdf");
  writeFileSync(pdfPath, pdf);
  if (shotDir) writeFileSync(`${shotDir}/justerad.pdf`, pdf);
  const tampered = Buffer.from(pdf);
  tampered[Math.floor(tampered.length / 2)] ^= 1;
  const tamperedPath = join(tmpdir(), "kansli-andrad.pdf");
  writeFileSync(tamperedPath, tampered);

  // Kontrollera ett protokoll: valid, then not.
  const pub = await newPage(browser);
  await pub.goto(base + "/", { waitUntil: "load" });
  await Promise.all([pub.waitForNavigation(), pub.locator("a", { hasText: "Kontrollera ett protokoll" }).click()]);
  await pub.setInputFiles("#fil", pdfPath);
  await Promise.all([pub.waitForNavigation(), pub.locator("button", { hasText: "Kontrollera" }).click()]);
  const valid = await pub.locator("#resultat").textContent();
  check(valid.includes("äkta och oförändrat"), `the justerade PDF is valid (${valid.trim()})`);
  check((await pub.content()).includes("Leif Ledamot"), "the signers are named");
  await axe(pub, "kontrollera");
  await pub.setInputFiles("#fil", tamperedPath);
  await Promise.all([pub.waitForNavigation(), pub.locator("button", { hasText: "Kontrollera" }).click()]);
  const invalid = await pub.locator("#resultat").textContent();
  check(invalid.includes("kunde inte bekräftas"), `a changed byte is caught (${invalid.trim()})`);
}, "the minutes were signed, justerade and verified");
