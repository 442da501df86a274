//! The built site in a real browser: `tests/browser/e2e.mjs` drives
//! Debian's Chromium through the search page (query, theme filter, a
//! shared URL, opening a result), the no-JavaScript fallback, and axe-core
//! on the main kinds of page, against the sample site built under a base
//! path and served on loopback with the deploy's Content-Security-Policy.
//!
//! Skipped, with a message, where Chromium, Node or the test's npm
//! packages are missing, so `cargo test` still works on a bare machine;
//! `CLEARHOUSE_REQUIRE_BROWSER=1` (set by `.ci/run` after installing them)
//! turns a skip into a failure.

use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::thread::JoinHandle;

use crate::common::{clearhouse, copy_site};

const CHROMIUM: &str = "/usr/bin/chromium";
/// A base path other than `/`, so that every link, the Pagefind bundle
/// and its result URLs are exercised as a CPC hosting under a folder
/// would see them.
const BASE_PATH: &str = "/cpc/learning/";

#[test]
fn search_filters_and_accessibility_in_chromium() {
    let project = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    if let Some(missing) = missing_prerequisite(&project) {
        if std::env::var("CLEARHOUSE_REQUIRE_BROWSER").as_deref() == Ok("1") {
            panic!("CLEARHOUSE_REQUIRE_BROWSER=1 but {missing}");
        }
        // Straight to stderr: the test harness would swallow eprintln!
        // from a passing test, and a skip should not pass unnoticed.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED the browser test: {missing}. Install Chromium (apt-get install chromium) \
             and run `npm ci --prefix tests/browser` to run it."
        );
        return;
    }

    let site = copy_site(&good_site());
    set_base_path(&site.path().join("config.toml"), BASE_PATH);
    let built = clearhouse(site.path(), &["build"]);
    assert!(
        built.status.success(),
        "the sample site did not build: {}",
        String::from_utf8_lossy(&built.stderr)
    );

    let server = StaticServer::start(site.path().join("public"), BASE_PATH, deploy_csp());
    let url = format!("http://127.0.0.1:{}{BASE_PATH}", server.port);
    let run = Command::new("node")
        .arg("e2e.mjs")
        .arg(&url)
        .current_dir(&project)
        .output()
        .expect("node runs");
    drop(server);
    println!("{}", String::from_utf8_lossy(&run.stdout));
    eprintln!("{}", String::from_utf8_lossy(&run.stderr));
    assert!(
        run.status.success(),
        "the browser checks failed (output above)"
    );
}

/// The shared sample site beside the repository; git worktrees under
/// `/work/wt/` sit a level deeper than the main checkout, so fall back to
/// the shared folder's fixed place.
fn good_site() -> PathBuf {
    [
        concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/samples/good-site"),
        "/work/shared/samples/good-site",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|path| path.join("config.toml").is_file())
    .expect("the shared good-site sample beside the repository")
}

/// What stops the test from running here, if anything.
fn missing_prerequisite(project: &Path) -> Option<String> {
    if !Path::new(CHROMIUM).exists() {
        return Some(format!("{CHROMIUM} is not installed"));
    }
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|out| out.status.success()) {
        return Some("node is not on the PATH".to_string());
    }
    for package in ["playwright-core", "axe-core"] {
        if !project
            .join("node_modules")
            .join(package)
            .join("package.json")
            .exists()
        {
            return Some(format!("tests/browser/node_modules/{package} is missing"));
        }
    }
    None
}

/// Points the copied site's `base_url` at a folder of the same host.
fn set_base_path(config: &Path, base_path: &str) {
    let text = std::fs::read_to_string(config).unwrap();
    let mut replaced = false;
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            if line.trim_start().starts_with("base_url") {
                replaced = true;
                format!("base_url = \"https://learning.example.org{base_path}\"")
            } else {
                line.to_string()
            }
        })
        .collect();
    assert!(replaced, "the sample config has no base_url");
    std::fs::write(config, lines.join("\n") + "\n").unwrap();
}

/// The Content-Security-Policy the site is deployed with, so that the
/// browser refuses what a reader's browser would (inline script or
/// style in search.js would fail the test here, not in production).
fn deploy_csp() -> String {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/netlify.toml")).unwrap();
    let netlify: toml::Value = toml::from_str(&text).unwrap();
    netlify["headers"]
        .as_array()
        .into_iter()
        .flatten()
        .find_map(|h| h["values"].get("Content-Security-Policy")?.as_str())
        .expect("netlify.toml sets a Content-Security-Policy")
        .to_string()
}

/// A static host on loopback: serves `root` under `prefix` as Netlify
/// would (folders as their `index.html`, `404.html` for anything missing)
/// until dropped.
struct StaticServer {
    port: u16,
    server: Arc<tiny_http::Server>,
    thread: Option<JoinHandle<()>>,
}

impl StaticServer {
    fn start(root: PathBuf, prefix: &'static str, csp: String) -> StaticServer {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("a loopback port"));
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let serving = Arc::clone(&server);
        let thread = std::thread::spawn(move || {
            for request in serving.incoming_requests() {
                let (status, path) = match resolve(&root, prefix, request.url()) {
                    Some(path) => (200, path),
                    None => (404, root.join("404.html")),
                };
                let bytes = std::fs::read(&path).unwrap_or_default();
                let response = tiny_http::Response::from_data(bytes)
                    .with_status_code(status)
                    .with_header(header("Content-Type", content_type(&path)))
                    .with_header(header("Content-Security-Policy", &csp))
                    .with_header(header("Cache-Control", "no-store"));
                // The browser may hang up early (a cancelled fetch); that
                // is its business, not a test failure.
                let _ = request.respond(response);
            }
        });
        StaticServer {
            port,
            server,
            thread: Some(thread),
        }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The file a request names, if it is under `prefix` and exists. Paths
/// that climb out of `root` are treated as missing.
fn resolve(root: &Path, prefix: &str, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let relative = path.strip_prefix(prefix).or_else(|| {
        // `/cpc/learning` without its slash: the folder itself.
        (format!("{path}/") == prefix).then_some("")
    })?;
    let mut file = root.to_path_buf();
    for part in Path::new(relative).components() {
        match part {
            Component::Normal(name) => file.push(name),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

#[test]
fn the_test_server_stays_inside_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("search")).unwrap();
    std::fs::write(dir.path().join("search/index.html"), "s").unwrap();
    std::fs::write(dir.path().join("index.html"), "h").unwrap();
    let root = dir.path();
    assert_eq!(
        resolve(root, "/p/", "/p/search/?q=x"),
        Some(root.join("search/index.html"))
    );
    assert_eq!(resolve(root, "/p/", "/p"), Some(root.join("index.html")));
    assert_eq!(resolve(root, "/p/", "/p/../p/index.html"), None);
    assert_eq!(resolve(root, "/p/", "/index.html"), None);
    assert_eq!(resolve(root, "/p/", "/p/missing/"), None);
}
