// Screenshots of every page type, to look at as a reader would. Run by
// hand; nothing here is a test and nothing it writes is committed.
//
//   node screenshots.mjs --local <output folder> [--national <output folder>]
//                        [--base /sub/] [--out /tmp/shots] [--widths 1280,390]
//                        [--tile 1600]
//
// --local is a local site's build (the demo: `clearhouse build --output
// /tmp/demo`), --national a national site's (examples/national/README.md).
// Each folder is served on loopback under --base. For every page type and
// width the script writes <out>/<width>/<site>-<page>-<n>.png, the whole
// page in pieces --tile pixels tall (default 1600), and prints the page's height, so that a long page is noticed before it
// is opened.

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM_OPTIONS, serveFolder } from "./static-server.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : args[at + 1];
};
const local = option("--local", null);
const national = option("--national", null);
const base = option("--base", "/");
const out = option("--out", "/tmp/clearhouse-shots");
const widths = option("--widths", "1280,390").split(",").map(Number);
const TILE = Number(option("--tile", "1600"));
if (!local && !national) {
  console.error("usage: node screenshots.mjs --local <folder> [--national <folder>] [--base /sub/] [--out DIR] [--widths 1280,390]");
  process.exit(2);
}

// A page is a fixed path, or the first link matching `follow` on the page
// at `from` (so that the script needs to know no review id or theme).
const LOCAL_PAGES = [
  ["home", { path: "" }],
  ["learning", { path: "learning/" }],
  ["item", { from: "learning/", follow: ".card__title a" }],
  ["themes", { path: "themes/" }],
  ["theme", { from: "themes/", follow: ".theme-counts a" }],
  ["clear", { path: "clear/" }],
  ["clear-case-for-change", { path: "clear/case-for-change/" }],
  ["clear-learning", { path: "clear/learning/" }],
  ["clear-evidence", { path: "clear/evidence/" }],
  ["clear-responsibility", { path: "clear/responsibility/" }],
  ["clear-review", { path: "clear/review/" }],
  ["effective-practice", { path: "effective-practice/" }],
  ["areas", { path: "areas/" }],
  ["area", { from: "areas/", follow: ".theme-counts a" }],
  ["years", { path: "years/" }],
  ["year", { from: "years/", follow: ".theme-counts a" }],
  ["search", { path: "search/?q=information+sharing", search: true }],
  ["about", { path: "about/" }],
  ["accessibility", { path: "accessibility/" }],
  ["404", { path: "no-such-page/" }],
];
const NATIONAL_PAGES = [
  ["home", { path: "" }],
  ["national", { path: "national/" }],
  ["themes-by-area", { path: "national/themes-by-area/" }],
  ["themes-by-year", { path: "national/themes-by-year/" }],
  ["responsibility", { path: "national/responsibility/" }],
  ["review-dates", { path: "national/review-dates/" }],
  ["clear-by-area", { path: "national/clear-by-area/" }],
  ["areas", { path: "areas/" }],
  ["item", { from: "learning/", follow: ".card__title a" }],
];

const browser = await chromium.launch(CHROMIUM_OPTIONS);
try {
  for (const [site, folder, pages] of [
    ["local", local, LOCAL_PAGES],
    ["national", national, NATIONAL_PAGES],
  ]) {
    if (!folder) {
      continue;
    }
    const { server, url } = await serveFolder(folder, base);
    for (const width of widths) {
      const dir = join(out, String(width));
      mkdirSync(dir, { recursive: true });
      const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      for (const [name, spec] of pages) {
        let target = `${url}${spec.path ?? ""}`;
        if (spec.follow) {
          await page.goto(`${url}${spec.from}`);
          target = new URL(await page.locator(spec.follow).first().getAttribute("href"), page.url()).href;
        }
        await page.goto(target);
        if (spec.search) {
          await page.waitForFunction(() => {
            const text = document.querySelector("[data-search-status]").textContent;
            return text !== "" && !text.startsWith("Loading");
          });
        }
        const size = await page.evaluate(() => ({
          height: document.documentElement.scrollHeight,
          overflow: document.documentElement.scrollWidth - window.innerWidth,
          main: Math.round(document.querySelector("main h1")?.getBoundingClientRect().top ?? -1),
        }));
        // In pieces a person can open and read at full size.
        const pieces = Math.ceil(size.height / TILE);
        for (let i = 0; i < pieces; i++) {
          const height = Math.min(TILE, size.height - i * TILE);
          await page.screenshot({
            path: join(dir, `${site}-${name}-${i + 1}.png`),
            fullPage: true,
            clip: { x: 0, y: i * TILE, width, height },
          });
        }
        console.log(
          `${join(dir, `${site}-${name}`)}-1..${pieces}.png  height ${size.height}px  h1 at ${size.main}px${size.overflow > 0 ? `  OVERFLOWS by ${size.overflow}px` : ""}`,
        );
      }
      await context.close();
    }
    server.close();
  }
} finally {
  await browser.close();
}
