// What a reader's browser downloads for a search, measured in Debian's
// Chromium: the built site is served on loopback with gzip for text (as
// Netlify serves it), a fresh browser profile opens /search/?q=WORD, and
// every byte the server sends is counted by request until the results
// show (the filters start folded: a filter fetches its values and counts
// when it is opened); then "Show more results" is pressed and the second
// page's bytes are counted the same way; then the Theme filter is opened
// and the bytes until its counts show are counted. Pagefind fetches from a
// web worker, whose requests the page's own events do not show, so the
// count is taken where nothing escapes it: at the server.
//
//   node bench/search-payload.mjs <output folder> [--query neglect] [--base /]
//
// Needs playwright-core (npm ci --prefix tests/browser) and /usr/bin/chromium.
// Prints a Markdown table; docs/search.md holds the figures.

import { createServer } from "node:http";
import { createRequire } from "node:module";
import { readFileSync, statSync } from "node:fs";
import { extname, join, resolve, sep, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const require = createRequire(join(dirname(fileURLToPath(import.meta.url)), "../tests/browser/package.json"));
const { chromium } = require("playwright-core");

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : args[at + 1];
};
const folder = args[0];
if (!folder) {
  console.error("usage: node bench/search-payload.mjs <output folder> [--query WORD] [--base /]");
  process.exit(2);
}
const query = option("--query", "neglect");
const base = option("--base", "/");
const root = resolve(folder);

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};
const TEXT = new Set([".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"]);

let log = [];
const server = createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url, "http://host").pathname);
  let file = null;
  if (`${path}/`.startsWith(base)) {
    const candidate = resolve(root, `.${path.slice(base.length - 1)}`);
    if (candidate === root || candidate.startsWith(root + sep)) {
      try {
        file = statSync(candidate).isDirectory() ? join(candidate, "index.html") : candidate;
        statSync(file);
      } catch {
        file = null;
      }
    }
  }
  if (!file) {
    response.writeHead(404);
    response.end();
    log.push({ path, bytes: 0 });
    return;
  }
  let body = readFileSync(file);
  const headers = { "Content-Type": TYPES[extname(file)] || "application/octet-stream" };
  if (TEXT.has(extname(file)) && /gzip/.test(request.headers["accept-encoding"] || "")) {
    body = gzipSync(body, { level: 6 });
    headers["Content-Encoding"] = "gzip";
  }
  headers["Content-Length"] = body.length;
  response.writeHead(200, headers);
  response.end(body);
  log.push({ path, bytes: body.length });
});
await new Promise((ready) => server.listen(0, "127.0.0.1", ready));
const siteUrl = `http://127.0.0.1:${server.address().port}${base}`;

function kind(path) {
  if (/\.pf_fragment$/.test(path)) return "result fragments";
  if (/\.pf_index$/.test(path)) return "index chunks";
  if (/\.pf_filter$/.test(path)) return "filter files";
  if (/\.pf_meta$/.test(path)) return "metadata";
  if (/pagefind\/(pagefind(-worker)?\.js|wasm\.|pagefind-entry\.json)/.test(path)) return "Pagefind loader, worker, wasm, entry";
  if (/clearhouse-suggest\.json$/.test(path)) return "suggestions";
  return "page, styles and scripts";
}

function summary(entries) {
  const byKind = {};
  for (const e of entries) {
    const k = kind(e.path);
    byKind[k] = byKind[k] || { requests: 0, bytes: 0 };
    byKind[k].requests += 1;
    byKind[k].bytes += e.bytes;
  }
  return byKind;
}

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
let exitCode = 0;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  await page.goto(`${siteUrl}search/?q=${encodeURIComponent(query)}`);
  // Results and their counts are on the page when the status line says so
  // (search.js writes it last).
  await page.waitForFunction(() => /^\d+ results?/.test(document.querySelector("[data-search-status]").textContent));
  const shownFirst = await page.locator("[data-search-results] > li").count();
  const first = log;
  log = [];
  let second = [];
  let shownSecond = shownFirst;
  if (await page.locator("[data-search-more]").isVisible()) {
    await page.locator("[data-search-more]").click();
    await page.waitForFunction((n) => document.querySelectorAll("[data-search-results] > li").length > n, shownFirst);
    await page.waitForLoadState("networkidle");
    shownSecond = await page.locator("[data-search-results] > li").count();
    second = log;
  }
  log = [];
  let opened = [];
  const theme = page.locator("[data-filter=theme]");
  if (await theme.isVisible()) {
    await theme.locator("summary").click();
    await page.waitForFunction(() =>
      /\(\d+\)/.test(document.querySelector("[data-filter=theme] .filter__label")?.textContent || ""),
    );
    opened = log;
  }
  const status = (await page.locator("[data-search-status]").textContent()).trim();
  const total = (entries) => entries.reduce((sum, e) => sum + e.bytes, 0);
  const table = (title, entries, shown) => {
    const rows = Object.entries(summary(entries)).sort((a, b) => b[1].bytes - a[1].bytes);
    const lines = [`| ${title} | requests | bytes |`, "|---|---:|---:|"];
    for (const [k, v] of rows) {
      lines.push(`| ${k} | ${v.requests} | ${v.bytes.toLocaleString("en-GB")} |`);
    }
    lines.push(`| **total** (${shown} results shown) | **${entries.length}** | **${total(entries).toLocaleString("en-GB")}** |`);
    return lines.join("\n");
  };
  console.log(`/search/?q=${query}: ${status}\n`);
  console.log(table("first page, until the results show", first, shownFirst));
  console.log();
  console.log(table("second page (Show more results)", second, shownSecond - shownFirst));
  console.log();
  console.log(table("opening the Theme filter, until its counts show", opened, 0).replace(/ \(0 results shown\)/, ""));
} catch (error) {
  console.error(String(error && error.stack ? error.stack : error));
  exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
process.exit(exitCode);
