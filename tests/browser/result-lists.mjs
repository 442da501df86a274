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

import { createServer } from "node:http";
import { readFileSync, statSync } from "node:fs";
import { extname, join, resolve, sep } from "node:path";
import { chromium } from "playwright-core";

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

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
};

const root = resolve(folder);
const server = createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url, "http://host").pathname);
  let file = null;
  if (`${path}/`.startsWith(base)) {
    const candidate = resolve(root, `.${path.slice(base.length - 1)}`);
    if (candidate === root || candidate.startsWith(root + sep)) {
      try {
        file = statSync(candidate).isDirectory() ? join(candidate, "index.html") : candidate;
        if (!statSync(file).isFile()) {
          file = null;
        }
      } catch {
        file = null;
      }
    }
  }
  if (!file) {
    response.writeHead(404);
    response.end();
    return;
  }
  response.writeHead(200, { "Content-Type": TYPES[extname(file)] || "application/octet-stream" });
  response.end(readFileSync(file));
});
await new Promise((ready) => server.listen(0, "127.0.0.1", ready));
const siteUrl = `http://127.0.0.1:${server.address().port}${base}`;

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  timeout: STEP_TIMEOUT_MS,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
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
