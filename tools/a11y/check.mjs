// Accessibility check of Kansli's public archive: axe-core (WCAG 2.1 A/AA and best practice)
// in the system's headless Chromium, on the main kinds of page, at desktop and at 320 px width
// (where it also checks that nothing scrolls sideways: WCAG 1.4.10 Reflow).
//
//   node check.mjs http://127.0.0.1:8080 [--screenshots DIR] [--login EMAIL:PASSWORD]
//
// With --login (an administrator's account, e.g. the demo's admin@demo.kansli), it also signs
// in through the login form, as a person would, and checks the secretariat's pages.
//
// The pages are found through the JSON API, so any archive with at least one meeting works.
// Exit status: 0 when no violations, 1 when there are, 2 when the check itself failed.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const args = process.argv.slice(2);
const base = (args.find((a, i) => !a.startsWith("--") && !["--screenshots", "--login"].includes(args[i - 1])) || "http://127.0.0.1:8080").replace(/\/$/, "");
const shotIdx = args.indexOf("--screenshots");
const shotDir = shotIdx >= 0 ? args[shotIdx + 1] : null;
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
// Each --login EMAIL:PASSWORD signs in in turn: the first sees the administrator's pages, the
// second (a registrator) the diarium, the third (a secretary) the expediering.
const logins = args.flatMap((a, i) => (a === "--login" ? [args[i + 1]] : []));

async function json(path) {
  // OParl ids are absolute URLs; the other links are paths.
  const r = await fetch(/^https?:\/\//.test(path) ? path : base + path);
  if (!r.ok) throw new Error(`GET ${path}: ${r.status}`);
  return r.json();
}

async function discover() {
  const pages = [["start", "/"]];
  const authorities = await json("/api/v1/authorities");
  // Prefer the authority with the richest meeting (most paragraphs) to exercise the most markup.
  let best = null;
  const all = [];
  for (const a of authorities.data) {
    const bodies = await json(a.bodies);
    for (const b of bodies.data) {
      const meetings = await json(b.meetings);
      for (const m of meetings.data) {
        all.push(m);
        if (!best || m.paragraph_count > best.m.paragraph_count) best = { a, b, m };
      }
    }
  }
  if (!best) throw new Error("the archive holds no meeting");
  pages.push(["authority", best.a.web], ["body", best.b.web], ["meeting", best.m.web]);
  // The anslagstavla (issue 14): the boards, an authority's board, how to appeal.
  pages.push(["boards", "/anslagstavla"], ["appeal", best.a.web + "/anslagstavla/overklaga"]);
  for (const a of authorities.data) pages.push(["anslagstavla", a.web + "/anslagstavla"]);
  // Every other meeting too: real minutes differ, and each one's markup should pass.
  for (const m of all) if (m.web !== best.m.web) pages.push(["meeting+", m.web]);
  const minutes = await json(best.m.id);
  const withCase = minutes.paragraphs.find((p) => p.case) || minutes.paragraphs[0];
  if (minutes.paragraphs[0]) pages.push(["paragraph", minutes.paragraphs[0].web]);
  if (withCase && withCase.case) {
    const c = await json(withCase.case);
    pages.push(["case", c.web]);
  }
  pages.push(["search", "/sok?q=Kinda%20uttr%C3%A4de"], ["search typo", "/sok?q=Kinnda&fran=2024-01-01"]);
  // A person search says why each paragraph matched (issue 17).
  pages.push(["search person", "/sok?person=Marie%20Nilsson"]);
  // Refusals and messages of the search page (issue 17): too many words, a page past the last.
  pages.push(["search refused", "/sok?q=" + "ord%20".repeat(40)], ["search beyond", "/sok?q=budget&sida=50"]);
  pages.push(["not found", "/finns-inte"]);
  // The authority's own pages (issue 17): accessibility statement, personal data, contact.
  pages.push(["a11y", "/tillganglighet"], ["privacy", "/personuppgifter"], ["contact", "/kontakt"]);
  pages.push(["login", "/logga-in"]);
  return pages;
}

// The secretariat's pages, reached after signing in, per account in the order of --login.
const secretariatPages = [
  [
    ["kansli", "/kansli"],
    ["my page", "/kansli/mina-uppgifter"],
    ["accounts", "/kansli/admin/konton"],
    ["account", "/kansli/admin/konton/1"],
    ["audit log", "/kansli/admin/logg"],
    // Correcting imports (issue 17): the search and a meeting found with its two forms.
    ["corrections", "/kansli/admin/moten?sok=direktionen%2F2024-03-05"],
    // The review of imported minutes (issue 16): the list, a PDF original beside the fields,
    // a text original beside them.
    ["review list", "/kansli/granskning"],
    ["review pdf", "/kansli/granskning/kommunalforbundet-itsam/direktionen/2024-03-05"],
    ["review text", "/kansli/granskning/lomma-kommun/kommunfullmaktige/2024-09-26"],
  ],
  [
    ["registrar", "/kansli"],
    ["diarium", "/kansli/diarium/kommunalforbundet-itsam"],
    ["case", "/kansli/diarium/kommunalforbundet-itsam/ITSAM-2024-25"],
  ],
  [
    ["expediering", "/kansli/expediering"],
    ["review list", "/kansli/granskning"],
  ],
];

async function signIn(page, login) {
  const [email, ...rest] = login.split(":");
  await page.goto(base + "/logga-in", { waitUntil: "load" });
  await page.fill("#email", email);
  await page.fill("#password", rest.join(":"));
  await Promise.all([page.waitForURL(`${base}/kansli`), page.click("form.form button[type=submit]")]);
}

const viewports = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "390px", width: 390, height: 844 },
  { name: "320px", width: 320, height: 640 },
];

let failures = 0;
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
  ],
});
try {
  const pages = await discover();
  for (const vp of viewports) {
    const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height }, locale: "sv-SE", bypassCSP: true });
    const page = await context.newPage();
    // Nothing but the archive itself may be fetched.
    await page.route("**/*", (route) =>
      route.request().url().startsWith(base) ? route.continue() : route.abort(),
    );
    const all = [...pages.map((p) => [...p, null])];
    logins.forEach((login, i) => all.push(...(secretariatPages[i] || []).map((p) => [...p, login])));
    let signedIn = null;
    for (const [kind, path, needsLogin] of all) {
      if (needsLogin && signedIn !== needsLogin) {
        await signIn(page, needsLogin);
        signedIn = needsLogin;
      }
      await page.goto(base + path, { waitUntil: "load" });
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async () =>
        // eslint-disable-next-line no-undef
        axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
          resultTypes: ["violations"],
        }),
      );
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      const problems = result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary.split("\n").slice(1).join(" ").trim()}`),
        count: v.nodes.length,
      }));
      if (overflow > 1) {
        problems.push({ id: "reflow", impact: "serious", help: `page scrolls sideways by ${overflow}px at ${vp.width}px`, nodes: [], count: 1 });
      }
      const label = `${kind.padEnd(10)} ${vp.name.padEnd(8)} ${path}`;
      if (problems.length === 0) {
        console.log(`ok    ${label}`);
      } else {
        failures += problems.length;
        console.log(`FAIL  ${label}`);
        for (const p of problems) {
          console.log(`      - ${p.id} (${p.impact}, ${p.count}×): ${p.help}`);
          for (const n of p.nodes) console.log(`          ${n}`);
        }
      }
      if (shotDir && (["start", "meeting", "search", "search refused", "login"].includes(kind) || needsLogin)) {
        const name = kind.replace(/ /g, "-");
        await page.screenshot({ path: `${shotDir}/${name}-${vp.name}.png`, fullPage: true });
      }
    }
    await context.close();
  }
} catch (e) {
  console.error(`a11y check failed: ${e.message}`);
  await browser.close();
  process.exit(2);
}
await browser.close();
console.log(failures === 0 ? "no accessibility violations" : `${failures} accessibility violation(s)`);
process.exit(failures === 0 ? 0 : 1);
