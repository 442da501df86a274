// Runs queries through the search page of a built site in Debian's
// Chromium and prints, as JSON, what the page ranks first for each: the
// review ids of the first ten items, the number of items found, the words
// no item has and the respellings. tests/it/search_quality.rs compares
// this with `clearhouse search` and with the judged relevant items.
//
//   node search-queries.mjs <output folder> <queries.json> [--base /sub/]
//
// queries.json is a JSON array of query strings. The page's own ranking
// (window.clearhouseSearch in assets/search.js, the function the results
// list uses) is asked, so the figures are the reader's.

import { createServer } from "node:http";
import { readFileSync, statSync } from "node:fs";
import { extname, join, resolve, sep } from "node:path";
import { chromium } from "playwright-core";

const STEP_TIMEOUT_MS = 60_000;
const WHOLE_RUN_TIMEOUT_MS = 600_000;

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at === -1 ? null : args[at + 1];
};
const [folder, queriesFile] = args;
if (!folder || !queriesFile) {
  console.error("usage: node search-queries.mjs <output folder> <queries.json> [--base /sub/]");
  process.exit(2);
}
const base = option("--base") || "/";
const queries = JSON.parse(readFileSync(queriesFile, "utf8"));

const watchdog = setTimeout(() => {
  console.error(`search-queries: still running after ${WHOLE_RUN_TIMEOUT_MS / 1000} s, giving up`);
  process.exit(1);
}, WHOLE_RUN_TIMEOUT_MS);
watchdog.unref();

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
  const page = await browser.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on("pageerror", (error) => problems.push(error.message));
  await page.goto(`${siteUrl}search/`);
  await page.waitForFunction(() => typeof window.clearhouseSearch === "function");
  const answers = [];
  for (const query of queries) {
    const found = await page.evaluate((q) => window.clearhouseSearch(q, 10), query);
    answers.push({
      query,
      total: found.total,
      ids: found.hits.map((h) => h.review_id),
      unmatched: found.unmatched,
      corrected: found.corrected,
    });
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
