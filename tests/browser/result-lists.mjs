// What the search page shows for each of a list of searches, as a reader
// sees it: a fresh page opens /search/?<search> (a query and any filters,
// as the page's own URLs hold them), and once the status line gives the
// count, the first ten results are read off the page: each item's link,
// its excerpt and its matching strategies (link and excerpt). Prints JSON;
// comparing two runs (before and after a change to the index) shows what
// a reader would see differently.
//
//   node result-lists.mjs <output folder> <searches.json> [--base /sub/]
//
// searches.json is a JSON array of query strings such as
// "q=child" or "q=%22mental+health%22&theme=Neglect".

import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { CHROMIUM_OPTIONS, serveFolder } from "./static-server.mjs";

const STEP_TIMEOUT_MS = 120_000;

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at === -1 ? null : args[at + 1];
};
const [folder, searchesFile] = args;
if (!folder || !searchesFile) {
  console.error("usage: node result-lists.mjs <output folder> <searches.json> [--base /sub/]");
  process.exit(2);
}
const base = option("--base") || "/";
const searches = JSON.parse(readFileSync(searchesFile, "utf8"));

const { server, url: siteUrl } = await serveFolder(folder, base);

const browser = await chromium.launch({ ...CHROMIUM_OPTIONS, timeout: STEP_TIMEOUT_MS });
const problems = [];
let exitCode = 0;
try {
  const answers = [];
  for (const search of searches) {
    const page = await browser.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    page.on("pageerror", (error) => problems.push(`${search}: ${error.message}`));
    await page.goto(`${siteUrl}search/?${search}`);
    await page.waitForFunction(() =>
      /^(\d+ results?|No results)/.test(document.querySelector("[data-search-status]").textContent),
    );
    const shown = await page.evaluate(() => ({
      status: document.querySelector("[data-search-status]").textContent.trim(),
      results: [...document.querySelectorAll("[data-search-results] > li")].map((li) => ({
        url: li.querySelector(".result__title a").getAttribute("href"),
        excerpt: (li.querySelector(":scope > .result__excerpt") || { textContent: "" }).textContent,
        strategies: [...li.querySelectorAll(".result__strategies > li")].map((s) => ({
          url: s.querySelector("a").getAttribute("href"),
          excerpt: s.querySelector(".result__excerpt").textContent,
        })),
        from: (li.querySelector(".result__from") || { textContent: "" }).textContent,
      })),
    }));
    answers.push({ search, ...shown });
    await page.close();
  }
  console.log(JSON.stringify({ answers, problems }));
} catch (error) {
  console.error(String(error && error.stack ? error.stack : error));
  exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
process.exit(exitCode);
