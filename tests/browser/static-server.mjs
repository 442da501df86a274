// A static host on loopback, as Netlify serves a clearhouse output folder:
// folders as their index.html, 404.html for anything missing or outside
// the folder, everything under a base path. Shared by e2e.mjs and
// screenshots.mjs.

import { createServer } from "node:http";
import { readFileSync, statSync } from "node:fs";
import { extname, join, resolve, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".ico": "image/vnd.microsoft.icon",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
};

// Serves `folder` at http://127.0.0.1:PORT<base>, sending `csp` (if any) as
// the Content-Security-Policy. Resolves to { server, url, served }, where
// `served` lists every path asked for (Pagefind fetches its index from a
// web worker, whose requests the page's events do not show).
export function serveFolder(folder, base, csp) {
  if (!base.startsWith("/") || !base.endsWith("/")) {
    throw new Error("the base path must start and end with /");
  }
  const root = resolve(folder);
  const served = [];
  const fileFor = (url) => {
    const path = decodeURIComponent(new URL(url, "http://host").pathname);
    if (!`${path}/`.startsWith(base)) {
      return null;
    }
    let file = resolve(root, `.${path.slice(base.length - 1)}`);
    if (file !== root && !file.startsWith(root + sep)) {
      return null;
    }
    try {
      if (statSync(file).isDirectory()) {
        file = join(file, "index.html");
      }
      return statSync(file).isFile() ? file : null;
    } catch {
      return null;
    }
  };
  const server = createServer((request, response) => {
    served.push(new URL(request.url, "http://host").pathname);
    const file = fileFor(request.url);
    const shown = file || join(root, "404.html");
    const headers = { "Content-Type": TYPES[extname(shown)] || "application/octet-stream" };
    if (csp) {
      headers["Content-Security-Policy"] = csp;
    }
    response.writeHead(file ? 200 : 404, headers);
    response.end(readFileSync(shown));
  });
  return new Promise((ready) => {
    server.listen(0, "127.0.0.1", () =>
      ready({ server, url: `http://127.0.0.1:${server.address().port}${base}`, served }),
    );
  });
}

// The Chromium every script here drives: Debian's, headless, with nothing
// that would reach the network on its own.
export const CHROMIUM_OPTIONS = {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};
