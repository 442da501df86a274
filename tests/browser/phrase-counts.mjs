// How many pages Pagefind finds for each quoted phrase (its own phrase
// match, the one search.js ranks by), in Debian's Chromium, over a built
// site: for judging a change to the positions the index keeps.
//
//   node phrase-counts.mjs <output folder> <phrases.json>
//
// phrases.json is a JSON array of phrases (without quotes). Prints JSON:
// each phrase with its number of pages.

import { createServer } from "node:http";
import { readFileSync, statSync } from "node:fs";
import { extname, join, resolve, sep } from "node:path";
import { chromium } from "playwright-core";

const [folder, phrasesFile] = process.argv.slice(2);
if (!folder || !phrasesFile) {
  console.error("usage: node phrase-counts.mjs <output folder> <phrases.json>");
  process.exit(2);
}
const phrases = JSON.parse(readFileSync(phrasesFile, "utf8"));
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".json": "application/json" };
const root = resolve(folder);
const server = createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url, "http://host").pathname);
  const candidate = resolve(root, `.${path}`);
  let file = null;
  if (candidate === root || candidate.startsWith(root + sep)) {
    try {
      file = statSync(candidate).isDirectory() ? join(candidate, "index.html") : candidate;
      statSync(file);
    } catch {
      file = null;
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
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
let exitCode = 0;
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(300_000);
  await page.goto(`http://127.0.0.1:${server.address().port}/search/`);
  const counts = await page.evaluate(async (list) => {
    const pagefind = await import("/pagefind/pagefind.js");
    await pagefind.options({ baseUrl: "/" });
    const out = [];
    for (const phrase of list) {
      const found = await pagefind.search(`"${phrase}"`);
      out.push({ phrase, pages: found.results.length });
    }
    return out;
  }, phrases);
  console.log(JSON.stringify(counts));
} catch (error) {
  console.error(String(error && error.stack ? error.stack : error));
  exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
process.exit(exitCode);
