// How many pages Pagefind finds for each quoted phrase (its own phrase
// match, the one search.js ranks by), in Debian's Chromium, over a built
// site: for judging a change to the positions the index keeps.
//
//   node phrase-counts.mjs <output folder> <phrases.json>
//
// phrases.json is a JSON array of phrases (without quotes). Prints JSON:
// each phrase with its number of pages.

import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { CHROMIUM_OPTIONS, serveFolder } from "./static-server.mjs";

const [folder, phrasesFile] = process.argv.slice(2);
if (!folder || !phrasesFile) {
  console.error("usage: node phrase-counts.mjs <output folder> <phrases.json>");
  process.exit(2);
}
const phrases = JSON.parse(readFileSync(phrasesFile, "utf8"));
const { server, url: siteUrl } = await serveFolder(folder, "/");
const browser = await chromium.launch(CHROMIUM_OPTIONS);
let exitCode = 0;
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(300_000);
  await page.goto(`${siteUrl}search/`);
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
