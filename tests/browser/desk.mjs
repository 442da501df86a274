// The review desk of `clearhouse serve` in Debian's Chromium, as a review
// team would use it, from the keyboard:
//
//   node desk.mjs <desk url, http://127.0.0.1:PORT/_review/> [--shots DIR]
//
// The site must be tests/it/desk.rs's: the sample site with one finding
// to decide ("Gloverbrae"), one to replace ("Mrs Galbraith", on a
// signed-off item) and one public name ("Kelvinside", of the Kelvinside
// Trust). The script decides, replaces and allows them with the
// keyboard; checks the desk with axe-core (no serious or critical
// violation, clear and masked) and at 320 CSS pixels; checks the masked
// desk holds no finding in clear; and has a page of another origin post
// the desk's own form, token included, which the desk must refuse. Every
// wait is on a page condition; the watchdog only stops a hung run. The
// Rust test then checks the files and what check and build say.

import { createServer } from "node:http";
import { createRequire } from "node:module";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM_OPTIONS } from "./static-server.mjs";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core"), "utf8");
const STEP_TIMEOUT_MS = 30_000;
const WHOLE_RUN_TIMEOUT_MS = 180_000;

const args = process.argv.slice(2);
const deskUrl = args[0];
const at = args.indexOf("--shots");
const shots = at === -1 ? null : args[at + 1];
if (!deskUrl || !deskUrl.endsWith("/_review/")) {
  console.error("usage: node desk.mjs http://127.0.0.1:PORT/_review/ [--shots DIR]");
  process.exit(2);
}
if (shots) {
  mkdirSync(shots, { recursive: true });
}
const watchdog = setTimeout(() => {
  console.error(`desk: still running after ${WHOLE_RUN_TIMEOUT_MS / 1000} s, giving up`);
  process.exit(1);
}, WHOLE_RUN_TIMEOUT_MS);
watchdog.unref();

const failures = [];
function check(condition, message) {
  console.log(`${condition ? "ok  " : "FAIL"} ${message}`);
  if (!condition) {
    failures.push(message);
  }
}

const browser = await chromium.launch({ ...CHROMIUM_OPTIONS, timeout: STEP_TIMEOUT_MS });
const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
const page = await context.newPage();
page.setDefaultTimeout(STEP_TIMEOUT_MS);
const problems = [];
page.on("pageerror", (error) => problems.push(`script error: ${error.message}`));
page.on("console", (message) => {
  if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
    problems.push(`console: ${message.text()}`);
  }
});
await page.addInitScript(() => {
  document.addEventListener("securitypolicyviolation", (event) => {
    console.error(`CSP blocked ${event.blockedURI || "inline"} (${event.violatedDirective})`);
  });
});

async function shot(name) {
  if (shots) {
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  }
}

async function axe(name) {
  await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(() =>
    window.axe
      .run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } })
      .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) }))),
  );
  for (const v of found) {
    console.log(`     axe ${name}: ${v.impact} ${v.id}: ${v.help}\n         ${v.nodes.slice(0, 5).join("\n         ")}`);
  }
  const blocking = found.filter((v) => v.impact === "serious" || v.impact === "critical");
  check(blocking.length === 0, `axe finds no serious or critical violation on the ${name}`);
}

// The finding entry whose marked span is `span`.
const finding = (span) =>
  page.locator("li.finding").filter({ has: page.locator("mark", { hasText: new RegExp(`^${span}$`) }) });

// Focuses `locator` with the keyboard's Tab order in mind (the element is
// focusable and reached by focus, as Tab would) and presses `key`.
async function press(locator, key) {
  await locator.focus();
  check(await locator.evaluate((el) => el === document.activeElement), `${await locator.evaluate((el) => el.textContent.trim() || el.name)} takes the focus`);
  await page.keyboard.press(key);
}

async function waitForStatus(words) {
  try {
    await page.waitForFunction((w) => document.getElementById("status")?.textContent.includes(w), words);
    check(true, `the desk says: ${words}`);
  } catch (e) {
    const shown = (await page.locator("body").innerText()).slice(0, 300);
    check(false, `the desk says: ${words} (at ${page.url()}: ${shown})`);
  }
}

// 1. The desk, as it opens.
let response = await page.goto(deskUrl);
check(response.status() === 200, "the desk answers 200");
check((response.headers()["content-security-policy"] || "").includes("script-src 'self'"), "the desk sends its Content-Security-Policy");
await page.keyboard.press("Tab");
check(await page.evaluate(() => document.activeElement?.classList.contains("skip")), "the first Tab reaches the skip link");
check(await page.locator("text=Blocked").first().isVisible(), "the item with findings is shown as blocked");
check((await finding("Gloverbrae").count()) === 1, "the finding to decide is shown in its sentence");
await axe("desk");
await shot("desk");

// 2. A page of another origin posts the desk's own form, with the token
// (as if it had leaked): refused, and nothing changes.
const token = await page.locator("input[name=token]").first().inputValue();
const path = await page.locator("input[name=path]").first().inputValue();
const id = await page.locator("input[name=id]").first().inputValue();
// The desk as the server renders it (not the page's DOM, which axe has
// been through).
const rendered = async () => (await (await fetch(deskUrl)).text()).replace(/data-version="\d+"/, "");
const before = await rendered();
const attacker = createServer((request, reply) => {
  reply.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
  reply.end(`<!doctype html><html lang="en"><title>elsewhere</title>
<form method="post" action="${deskUrl}decide">
<input name="token" value="${token}"><input name="path" value="${path}"><input name="id" value="${id}"><input name="role" value="reviewer">
<button>go</button></form>`);
});
await new Promise((resolve) => attacker.listen(0, "127.0.0.1", resolve));
const elsewhere = `http://127.0.0.1:${attacker.address().port}/`;
await page.goto(elsewhere);
// A script there posting straight to an action: it cannot read the
// answer, and the desk acts on nothing (checked below: nothing changed).
const fetched = await page.evaluate(
  (url) => fetch(url, { method: "POST", mode: "no-cors", body: "x=1" }).then((r) => r.type, (e) => `error ${e.message}`),
  `${deskUrl}allow`,
);
check(fetched === "opaque" || fetched.startsWith("error"), `a cross-origin fetch learns nothing (${fetched})`);
const [refused] = await Promise.all([
  page.waitForResponse((r) => r.url().endsWith("/_review/decide")),
  page.getByRole("button", { name: "go" }).click(),
]);
check(refused.status() === 403, `a form on another origin is refused (${refused.status()})`);
attacker.close();
check(before === (await rendered()), "the desk is as it was: nothing was done");
await page.goto(deskUrl);


// 3. Not personal data here (with the role chosen from the keyboard).
const decide = finding("Gloverbrae");
await decide.locator("select[name=role]").focus();
await page.keyboard.press("End");
const role = await decide.locator("select[name=role]").inputValue();
await Promise.all([page.waitForNavigation(), press(decide.getByRole("button", { name: "Not personal data here" }), "Enter")]);
await waitForStatus("Recorded: not personal data here");
check((await finding("Gloverbrae").locator(".decision").textContent()).includes("Decided not personal data here"), `the finding shows its decision (role ${role})`);

// 4. Replace, on a signed-off item: the box that says it will need
// signing again is ticked with the space bar.
const replace = finding("Mrs Galbraith");
await replace.locator("input[name=replacement]").focus();
await page.keyboard.type("Practitioner F");
await replace.locator("input[name=resign]").focus();
await page.keyboard.press("Space");
check(await replace.locator("input[name=resign]").isChecked(), "the sign-off box is ticked from the keyboard");
await Promise.all([page.waitForNavigation(), press(replace.getByRole("button", { name: "Replace" }), "Enter")]);
await waitForStatus("it needs signing off again");
check((await finding("Mrs Galbraith").count()) === 0, "the replaced name is no longer a finding");

// 5. Public everywhere, with the body's whole name.
const allow = finding("Kelvinside");
await allow.locator("input[name=phrase]").focus();
await page.keyboard.press("End");
await page.keyboard.type(" Trust");
await Promise.all([page.waitForNavigation(), press(allow.getByRole("button", { name: "Public everywhere" }), "Enter")]);
await waitForStatus("Added to the allow list");
check((await finding("Kelvinside").count()) === 0, "the allowed name is no longer a finding");
await axe("desk after the decisions");
await shot("desk-after");

// 6. Mask all, for sharing a screen: nothing in clear.
await Promise.all([page.waitForNavigation(), press(page.getByRole("link", { name: /Mask all/ }), "Enter")]);
const text = await page.locator("body").innerText();
check(!/Gloverbrae|Galbraith|Orla|Strachan/.test(text), "the masked desk shows no finding in clear");
check(/G\*{9}/.test(text), "the masked desk shows the masked span");
await axe("masked desk");
await shot("desk-masked");

// 7. A phone: no sideways scrolling.
await page.setViewportSize({ width: 320, height: 800 });
await page.goto(deskUrl);
const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
check(overflow <= 0, `the desk fits 320 CSS pixels (overflow ${overflow})`);
await axe("desk on a phone");
await shot("desk-phone");
await page.setViewportSize({ width: 1100, height: 900 });

check(problems.length === 0, `no script error, console error or CSP refusal${problems.length ? `: ${problems.join("; ")}` : ""}`);
await browser.close();
if (failures.length) {
  console.log(`\n${failures.length} check(s) failed`);
  process.exit(1);
}
console.log("\nall desk checks passed");
