// End-to-end test of a built clearhouse site in Debian's Chromium.
//
//   node e2e.mjs <output folder> --base /sub/ [--csp POLICY] [--shots DIR] [--shards N] [--site sample|national]
//   node e2e.mjs <site url> [--shots DIR] [--shards N] [--site sample|national]
//
// The site must be the sample site (tests/fixtures/samples/good-site), or
// with --site national the national site of examples/national. Given a
// folder, the script serves it on 127.0.0.1 under --base, sending POLICY
// as the Content-Security-Policy (tests/it/browser.rs passes the one from
// netlify.toml), as a static host would. On the sample site it searches,
// filters and follows a result as a reader would and checks the
// no-JavaScript fallback. On either it then visits every kind of page:
// axe-core must find no serious or critical violation, the page must fit
// 320 CSS pixels without sideways scrolling, and the main navigation must
// be folded under "Menu" on a phone (opening with the keyboard) and shown
// whole on a wide screen. Every wait is on a page condition; the only
// clock is the watchdog that stops a hung run. With --shards N the site must have been
// built as N Pagefind bundles (CLEARHOUSE_PAGEFIND_SHARD_ITEMS); the same
// searches must then come from all of them merged, and (when the script
// serves the folder) the search page must have fetched every bundle's
// entry file.

import { createRequire } from "node:module";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM_OPTIONS, serveFolder } from "./static-server.mjs";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core"), "utf8");

const STEP_TIMEOUT_MS = 30_000;
const WHOLE_RUN_TIMEOUT_MS = 240_000;

// A word in only one sample item (SA-2023-01, the injured infant) and not
// in its strategies (they would outrank the report: shorter, denser),
// a word in many, and a theme that only some of those carry.
const RARE_WORD = "pregnancy";
const RARE_ITEM_PATH = "learning/sa-2023-01/";
const COMMON_WORD = "practice";
const THEME = "Neglect";

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at === -1 ? null : args[at + 1];
};
const target = args[0];
const shots = option("--shots");
const shards = Number(option("--shards") || "1");
const siteKind = option("--site") || "sample";
if (!target) {
  console.error("usage: node e2e.mjs <output folder> --base /sub/ [--csp POLICY] [--shots DIR] [--shards N] [--site sample|national]\n       node e2e.mjs <site url> [--shots DIR] [--shards N] [--site sample|national]");
  process.exit(2);
}
if (shots) {
  mkdirSync(shots, { recursive: true });
}

const watchdog = setTimeout(() => {
  console.error(`e2e: still running after ${WHOLE_RUN_TIMEOUT_MS / 1000} s, giving up`);
  process.exit(1);
}, WHOLE_RUN_TIMEOUT_MS);
watchdog.unref();

let server = null;
let siteUrl = target;
// Every path the local server was asked for.
let served = [];
if (!/^https?:/.test(target)) {
  const base = option("--base") || "/";
  if (!base.startsWith("/") || !base.endsWith("/")) {
    console.error("--base must start and end with /");
    process.exit(2);
  }
  ({ server, url: siteUrl, served } = await serveFolder(target, base, option("--csp")));
  console.log(`serving ${target} at ${siteUrl}`);
}
if (!siteUrl.endsWith("/")) {
  console.error("the site URL must end in /");
  process.exit(2);
}

const failures = [];
function check(condition, message) {
  if (condition) {
    console.log(`ok   ${message}`);
  } else {
    console.log(`FAIL ${message}`);
    failures.push(message);
  }
}

// Playwright keeps a fresh temporary --user-data-dir per launch and
// deletes it afterwards, so no profile state leaks between runs.
const browser = await chromium.launch({ ...CHROMIUM_OPTIONS, timeout: STEP_TIMEOUT_MS });

// Addresses visited to see the 404 page: their 404 is not a problem.
const expectedMissing = new Set();

// Everything a page reports that a reader would never see but that means
// something is broken: script errors, console errors, CSP refusals.
const pageProblems = [];
async function newPage(context) {
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on("pageerror", (error) => pageProblems.push(`${page.url()}: ${error.message}`));
  page.on("response", (response) => {
    if (response.status() >= 400 && !expectedMissing.has(response.url())) {
      pageProblems.push(`${page.url()}: HTTP ${response.status()} for ${response.url()}`);
    }
  });
  page.on("console", (message) => {
    // Failed requests are reported above, with their URL.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      pageProblems.push(`${page.url()}: console: ${message.text()}`);
    }
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP blocked ${event.blockedURI || "inline"} (${event.violatedDirective})`);
    });
  });
  return page;
}

async function shot(page, name) {
  if (shots) {
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  }
}

const status = (page) => page.locator("[data-search-status]");
const results = (page) => page.locator("[data-search-results] > li");

// The status line is written last, once the results are on the page.
async function waitForResults(page, query) {
  await page.waitForFunction(
    (q) => {
      const text = document.querySelector("[data-search-status]").textContent;
      return /^(\d+ results?|No results)/.test(text) && text.includes(`\u201c${q}\u201d`);
    },
    query,
  );
  return (await status(page).textContent()).trim();
}

function countIn(statusText) {
  const match = /^(\d+) results?/.exec(statusText);
  return match ? Number(match[1]) : 0;
}

// The sample site's search, as a reader uses it.
async function searchFlow(context) {
  const page = await newPage(context);
  const filterFiles = () => served.filter((path) => path.endsWith(".pf_filter")).length;
  const filterFilesBefore = filterFiles();

  // A reader types into the search page's box.
  await page.goto(`${siteUrl}search/`);
  await page.waitForFunction(() => !document.querySelector("[data-search-app]").hidden);
  await page.getByLabel("Search for a word or phrase").fill(RARE_WORD);
  const rareStatus = await waitForResults(page, RARE_WORD);
  const firstHref = await results(page).first().locator("h3 a").getAttribute("href");
  check(
    new URL(firstHref, siteUrl).href === new URL(RARE_ITEM_PATH, siteUrl).href,
    `"${RARE_WORD}" finds ${RARE_ITEM_PATH} first (got ${firstHref}; ${rareStatus})`,
  );
  check(
    (await results(page).first().locator(".result__excerpt mark").count()) > 0,
    "the first excerpt highlights the match",
  );
  check(new URL(page.url()).searchParams.get("q") === RARE_WORD, "the query is in the URL");
  if (shards > 1) {
    const listed = JSON.parse(await page.locator("[data-search]").getAttribute("data-search-shards"));
    check(listed.length === shards - 1, `the search page lists ${shards - 1} further bundles (${listed.join(", ")})`);
    if (server) {
      for (const folder of listed) {
        const entry = new URL(`${folder}pagefind-entry.json`, siteUrl).pathname;
        check(served.includes(entry), `the search page fetched ${folder}pagefind-entry.json`);
      }
    }
  }

  // A broader word, then a theme filter narrows it. The filters start
  // folded; opening one fetches its values and shows their counts.
  await page.getByLabel("Search for a word or phrase").fill(COMMON_WORD);
  const broad = countIn(await waitForResults(page, COMMON_WORD));
  check(broad > 1, `"${COMMON_WORD}" finds several results (${broad})`);
  check(
    await page.evaluate(() => Array.from(document.querySelectorAll("[data-filter]")).every((d) => !d.open)),
    "every filter starts folded",
  );
  if (server) {
    check(filterFiles() === filterFilesBefore, "no filter's file is fetched before a filter is opened");
  }
  await page.locator("[data-filter=theme] > summary").click();
  const themeBox = page
    .getByRole("group", { name: "Theme" })
    .getByRole("checkbox", { name: new RegExp(`^${THEME} \\(\\d+\\)$`) });
  const promised = Number(/\((\d+)\)/.exec(await themeBox.evaluate((b) => b.labels[0].textContent))[1]);
  if (server) {
    check(filterFiles() > filterFilesBefore, "opening the Theme filter fetches its file");
  }
  await themeBox.check();
  await page.waitForFunction(() =>
    document.querySelector("[data-search-status]").textContent.includes("1 filter applied"),
  );
  const narrowed = countIn(await status(page).textContent());
  check(
    narrowed > 0 && narrowed < broad,
    `the ${THEME} filter narrows ${broad} results to ${narrowed}`,
  );
  check(narrowed === promised, `the filter's count (${promised}) matches what it gives`);
  const themesShown = await results(page).evaluateAll((items) =>
    items.map((item) => Array.from(item.querySelectorAll(".tags li"), (li) => li.textContent.trim())),
  );
  check(
    themesShown.length === narrowed && themesShown.every((themes) => themes.includes(THEME)),
    `every filtered result shows the ${THEME} theme`,
  );
  const shared = page.url();
  check(new URL(shared).searchParams.getAll("theme").includes(THEME), "the filter is in the URL");
  await shot(page, "search-filtered");

  // The URL alone brings back the same search.
  const again = await newPage(context);
  await again.goto(shared);
  const restored = countIn(await waitForResults(again, COMMON_WORD));
  check(restored === narrowed, `the shared URL shows the same ${narrowed} results`);
  check(
    await again.getByRole("group", { name: "Theme" }).getByRole("checkbox", { name: new RegExp(`^${THEME} `) }).isChecked(),
    "the shared URL ticks the same filter",
  );
  await again.close();

  // Keyboard only: from the search box to a filter and back to results,
  // with focus visible and kept on the control while results redraw.
  const keys = await newPage(context);
  await keys.goto(`${siteUrl}search/?q=${COMMON_WORD}`);
  await waitForResults(keys, COMMON_WORD);
  await keys.getByLabel("Search for a word or phrase").focus();
  await keys.keyboard.press("Tab");
  await keys.keyboard.press("Tab");
  const summary = await keys.evaluate(() => document.activeElement.textContent.trim());
  check(summary === "Theme", `Tab reaches the Theme filter after the search button (got "${summary}")`);
  await keys.keyboard.press("Enter");
  check(
    await keys.evaluate(() => document.querySelector("[data-filter=theme]").open),
    "Enter opens the Theme filter",
  );
  // Its values arrive with their counts; until then the list says so.
  await keys.waitForFunction(() =>
    /\(\d+\)/.test(document.querySelector("[data-filter=theme] .filter__label")?.textContent || ""),
  );
  check(
    (await keys.evaluate(() => document.activeElement.textContent.trim())) === "Theme",
    "focus stays on the Theme filter while its counts load",
  );
  await keys.keyboard.press("Tab");
  await keys.keyboard.press("Space");
  await keys.waitForFunction(() =>
    document.querySelector("[data-search-status]").textContent.includes("1 filter applied"),
  );
  const focused = await keys.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return { type: el.type, checked: el.checked, ring: style.outlineStyle !== "none" || style.boxShadow !== "none" };
  });
  check(
    focused.type === "checkbox" && focused.checked,
    "Space ticks the first theme, and focus stays on it while the results change",
  );
  check(focused.ring, "the focused checkbox shows a focus indicator");
  await shot(keys, "search-keyboard");
  await keys.close();

  // Opening a result opens its page (strategies land on their card).
  const firstResult = results(page).first();
  const title = (await firstResult.locator("h3 a").textContent()).trim();
  await Promise.all([page.waitForURL((url) => !url.pathname.endsWith("/search/")), firstResult.locator("h3 a").click()]);
  const opened = new URL(page.url());
  check(/\/learning\/[a-z0-9-]+\/$/.test(opened.pathname), `the result opens an item page (${opened.pathname}${opened.hash})`);
  const onPage = opened.hash
    ? await page.locator(`${opened.hash}`).textContent()
    : await page.locator("h1").textContent();
  check(onPage.trim() === title, `the page shows the result's title "${title}"`);

  // The header search box on every other page submits to the search page.
  await page.getByRole("search").getByRole("searchbox").fill(RARE_WORD);
  await page.getByRole("search").getByRole("button", { name: "Search" }).click();
  await waitForResults(page, RARE_WORD);
  check(new URL(page.url()).pathname.endsWith("/search/"), "the header search box opens the search page");

  // Without JavaScript the page says why and offers the browse pages.
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const plain = await newPage(noJs);
  await plain.goto(`${siteUrl}search/?q=${RARE_WORD}`);
  check(
    await plain.getByRole("heading", { name: "Search needs JavaScript" }).isVisible(),
    "without JavaScript the search page explains that search needs it",
  );
  check(
    await plain.getByRole("link", { name: "Learning by theme" }).isVisible(),
    "without JavaScript the search page links to the theme pages",
  );
  check(await plain.locator("[data-search-app]").isHidden(), "without JavaScript no empty results area shows");
  await noJs.close();

  // Mobile width: the layout must not need sideways scrolling (WCAG 1.4.10).
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto(`${siteUrl}search/?q=${COMMON_WORD}`);
  await waitForResults(page, COMMON_WORD);
  await shot(page, "search-320");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `the search page fits 320 CSS pixels (overflow ${overflow}px)`);

}

// Every kind of page, by a fixed path or as the first link matching
// `follow` on the page at `from` (so that no review id need be known).
const PAGES = {
  sample: [
    ["home", { path: "" }],
    ["learning", { path: "learning/" }],
    ["item", { path: "learning/sa-2023-02/" }],
    ["themes", { path: "themes/" }],
    ["theme", { path: "themes/neglect/" }],
    ["clear", { path: "clear/" }],
    ["clear-case-for-change", { path: "clear/case-for-change/" }],
    ["clear-learning", { path: "clear/learning/" }],
    ["clear-evidence", { path: "clear/evidence/" }],
    ["clear-responsibility", { path: "clear/responsibility/" }],
    ["clear-review", { path: "clear/review/" }],
    ["effective-practice", { path: "effective-practice/" }],
    ["areas", { path: "areas/" }],
    ["area", { from: "areas/", follow: "main .theme-counts a" }],
    ["years", { path: "years/" }],
    ["year", { from: "years/", follow: "main .theme-counts a" }],
    ["search", { path: `search/?q=${COMMON_WORD}&theme=${THEME}`, search: true }],
    ["search-empty", { path: "search/", search: true }],
    ["about", { path: "about/" }],
    ["accessibility", { path: "accessibility/" }],
    ["404", { path: "no/such/page/", status: 404 }],
  ],
  national: [
    ["home", { path: "" }],
    ["item", { from: "learning/", follow: "main .card__title a" }],
    ["areas", { path: "areas/" }],
    ["national", { path: "national/" }],
    ["themes-by-area", { path: "national/themes-by-area/", chart: true }],
    ["themes-by-year", { path: "national/themes-by-year/", chart: true }],
    ["responsibility", { path: "national/responsibility/", chart: true }],
    ["review-dates", { path: "national/review-dates/", chart: true }],
    ["clear-by-area", { path: "national/clear-by-area/", chart: true }],
  ],
};

async function open(page, spec) {
  let target = `${siteUrl}${spec.path ?? ""}`;
  if (spec.follow) {
    await page.goto(`${siteUrl}${spec.from}`);
    target = new URL(await page.locator(spec.follow).first().getAttribute("href"), page.url()).href;
  }
  if (spec.status === 404) {
    expectedMissing.add(target);
  }
  const response = await page.goto(target);
  if (spec.search) {
    await page.waitForFunction(() => {
      const text = document.querySelector("[data-search-status]").textContent;
      return text !== "" && !text.startsWith("Loading");
    });
  }
  return response;
}

// axe-core on each kind of page. It is evaluated through the DevTools
// protocol rather than a <script> tag so that it runs under the same CSP
// as the site, which would refuse an injected inline script.
async function axeSweep(context) {
  const page = await newPage(context);
  for (const [name, spec] of PAGES[siteKind]) {
    const response = await open(page, spec);
    check(response.status() === (spec.status || 200), `${name} answers ${spec.status || 200} (${page.url()})`);
    await shot(page, name);
    await page.evaluate(AXE_SOURCE);
    const found = await page.evaluate(() =>
      window.axe
        .run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } })
        .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) }))),
    );
    const blocking = found.filter((v) => v.impact === "serious" || v.impact === "critical");
    for (const v of found) {
      console.log(`     axe ${name}: ${v.impact} ${v.id}: ${v.help}\n         ${v.nodes.slice(0, 5).join("\n         ")}`);
    }
    check(blocking.length === 0, `axe finds no serious or critical violation on ${name} (${new URL(page.url()).pathname})`);
    const icon = await page.evaluate(async () => {
      const link = document.querySelector("link[rel=icon]");
      return link ? (await fetch(link.href)).status : 0;
    });
    check(icon === 200, `${name} links an icon that is there (${icon})`);
  }
  await page.close();
}

// A phone: no page scrolls sideways at 320 CSS pixels (WCAG 1.4.10), the
// main navigation is one "Menu" button that the keyboard opens, and a
// chart shows its phone drawing; then a wide screen shows the navigation
// whole and the wide drawing.
async function phoneSweep(browser) {
  const phone = await browser.newContext({ viewport: { width: 320, height: 800 } });
  const page = await newPage(phone);
  for (const [name, spec] of PAGES[siteKind]) {
    await open(page, spec);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, `${name} fits 320 CSS pixels (overflow ${overflow}px)`);
    if (spec.chart) {
      const shown = await page.evaluate(() =>
        Array.from(document.querySelectorAll(".chart__svg"), (svg) => getComputedStyle(svg).display !== "none"),
      );
      check(shown.length === 2 && !shown[0] && shown[1], `${name} shows the phone drawing of its chart only`);
      const fontSizes = await page.evaluate(() =>
        Array.from(document.querySelectorAll(".chart__svg--phone text"), (t) => parseFloat(getComputedStyle(t).fontSize)),
      );
      const body = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
      check(fontSizes.length > 0 && Math.min(...fontSizes) >= body, `${name}: chart labels are at least the body text's ${body}px`);
    }
  }
  const nav = page.getByRole("navigation", { name: "Main" });
  check(!(await nav.getByRole("link", { name: "About" }).isVisible()), "on a phone the navigation is folded");
  await nav.locator("summary").focus();
  await page.keyboard.press("Enter");
  check(await nav.getByRole("link", { name: "About" }).isVisible(), "Enter on Menu shows the navigation");
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => document.activeElement.textContent.trim());
  check(focused === "Home", `Tab goes from Menu to its first link (got "${focused}")`);
  await shot(page, "menu-open-320");
  await phone.close();

  const wide = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const widePage = await newPage(wide);
  const [name, spec] = PAGES[siteKind].find(([, s]) => s.chart) || PAGES[siteKind][0];
  await open(widePage, spec);
  const wideNav = widePage.getByRole("navigation", { name: "Main" });
  check(
    (await wideNav.getByRole("link", { name: "About" }).isVisible()) && !(await wideNav.getByText("Menu").isVisible()),
    `on a wide screen the navigation is shown whole, with no Menu button (${name})`,
  );
  if (spec.chart) {
    const shown = await widePage.evaluate(() =>
      Array.from(document.querySelectorAll(".chart__svg"), (svg) => getComputedStyle(svg).display !== "none"),
    );
    check(shown.length === 2 && shown[0] && !shown[1], `${name} shows the wide drawing of its chart only`);
  }
  await wide.close();
}

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (siteKind === "sample") {
    await searchFlow(context);
  }
  await axeSweep(context);
  await phoneSweep(browser);

  check(pageProblems.length === 0, `no script errors, console errors or CSP refusals${pageProblems.map((p) => `\n     ${p}`).join("")}`);
} catch (error) {
  failures.push(String(error && error.stack ? error.stack : error));
  console.log(`FAIL ${error && error.stack ? error.stack : error}`);
  // What the reader would have seen, to tell a hang from a wrong answer.
  for (const context of browser.contexts()) {
    for (const open of context.pages()) {
      const seen = await open
        .evaluate(() => {
          const line = document.querySelector("[data-search-status]");
          return line ? `status "${line.textContent}"` : `title "${document.title}"`;
        })
        .catch((e) => `unreadable: ${e.message}`);
      console.log(`     open page ${open.url()}: ${seen}`);
    }
  }
  for (const problem of pageProblems) {
    console.log(`     problem: ${problem}`);
  }
} finally {
  await browser.close();
  if (server) {
    server.close();
  }
}

if (failures.length > 0) {
  console.log(`\n${failures.length} check(s) failed`);
  process.exit(1);
}
console.log("\nall browser checks passed");
