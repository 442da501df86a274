//! The built site in a real browser: `tests/browser/e2e.mjs` drives
//! Debian's Chromium through the search page (query, theme filter, a
//! shared URL, opening a result), the no-JavaScript fallback, and every
//! kind of page (axe-core, a 320 px phone, the folded navigation), against
//! the sample site and the national example built under a base path and
//! served on loopback with the deploy's Content-Security-Policy.
//!
//! The script serves the site itself with Node's http server, on loopback.
//! A tiny_http server on a thread of this test was tried first: in most
//! runs the browser never saw the last of Pagefind's parallel filter
//! fetches complete (tiny_http had answered them), so search stayed on
//! "Loading"; with Node's server every run passed.
//!
//! Skipped, with a message, where Chromium, Node or the test's npm
//! packages are missing, so `cargo test` still works on a bare machine;
//! `CLEARHOUSE_REQUIRE_BROWSER=1` (set by `.ci/run` after installing them)
//! turns a skip into a failure.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{clearhouse, clearhouse_with, copy_dir, copy_site};

const CHROMIUM: &str = "/usr/bin/chromium";
/// A base path other than `/`, so that every link, the Pagefind bundle
/// and its result URLs are exercised as a CPC hosting under a folder
/// would see them.
const BASE_PATH: &str = "/cpc/learning/";

#[test]
fn search_filters_and_accessibility_in_chromium() {
    let Some(project) = browser_project() else {
        return;
    };
    let site = copy_site(&good_site());
    set_base_path(&site.path().join("config.toml"), BASE_PATH);
    let built = clearhouse(site.path(), &["build"]);
    assert!(
        built.status.success(),
        "the sample site did not build: {}",
        String::from_utf8_lossy(&built.stderr)
    );
    run_e2e(&project, &site.path().join("public"), &[]);
}

/// A site too large for one Pagefind index is split into bundles that the
/// search page merges: the same checks must pass on the sample site split
/// three ways, with the item the rare word finds in a bundle other than
/// the first, so that finding it proves the merge.
#[test]
fn search_across_several_pagefind_bundles_in_chromium() {
    let Some(project) = browser_project() else {
        return;
    };
    let site = copy_site(&good_site());
    set_base_path(&site.path().join("config.toml"), BASE_PATH);
    let built = clearhouse_with(
        site.path(),
        &["build"],
        &[("CLEARHOUSE_PAGEFIND_SHARD_ITEMS", "3")],
    );
    assert!(
        built.status.success(),
        "the sample site did not build: {}",
        String::from_utf8_lossy(&built.stderr)
    );
    let public = site.path().join("public");
    for bundle in ["pagefind", "pagefind/shard-2", "pagefind/shard-3"] {
        assert!(
            public.join(bundle).join("pagefind-entry.json").is_file(),
            "{bundle} has no pagefind-entry.json"
        );
    }
    assert!(!public.join("pagefind/shard-4").exists());
    let rare_item = format!("{BASE_PATH}learning/sa-2023-01/");
    let holder = ["pagefind", "pagefind/shard-2", "pagefind/shard-3"]
        .into_iter()
        .find(|bundle| fragment_urls(&public.join(bundle)).contains(&rare_item))
        .expect("the rare word's item is in a bundle");
    assert_ne!(
        holder, "pagefind",
        "the test needs the item in a merged bundle"
    );
    run_e2e(&project, &public, &["--shards", "3"]);
}

/// The national example (three areas and the national site over their
/// bundles) under a base path: every kind of page, the comparison pages
/// and their charts included, passes axe and fits a phone, and the
/// navigation folds there, as on a local site.
#[test]
fn national_pages_and_charts_in_chromium() {
    let Some(project) = browser_project() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/national"),
        dir.path(),
    );
    for area in ["north", "south", "east"] {
        let root = dir.path().join(area);
        let _ = std::fs::remove_dir_all(root.join("public"));
        build_quietly(&root);
    }
    let national = dir.path().join("scotland");
    let _ = std::fs::remove_dir_all(national.join("public"));
    set_base_path(&national.join("config.toml"), BASE_PATH);
    build_quietly(&national);
    run_e2e(&project, &national.join("public"), &["--site", "national"]);
}

fn build_quietly(root: &Path) {
    let built = clearhouse(root, &["build", "--quiet"]);
    assert!(
        built.status.success(),
        "{} did not build: {}",
        root.display(),
        String::from_utf8_lossy(&built.stderr)
    );
}

/// The URLs of the pages and records in one Pagefind bundle.
fn fragment_urls(bundle: &Path) -> Vec<String> {
    let mut urls = Vec::new();
    for entry in std::fs::read_dir(bundle.join("fragment")).expect("a fragment folder") {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let mut json = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut json)
            .expect("fragments are gzip");
        let json = json
            .strip_prefix(b"pagefind_dcd".as_slice())
            .expect("pagefind's marker");
        let fragment: serde_json::Value = serde_json::from_slice(json).expect("fragment JSON");
        urls.push(fragment["url"].as_str().unwrap_or_default().to_string());
    }
    urls
}

/// The browser project, or `None` (after saying why) where the test
/// cannot run here.
pub(crate) fn browser_project() -> Option<PathBuf> {
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
        return None;
    }
    Some(project)
}

fn run_e2e(project: &Path, public: &Path, extra: &[&str]) {
    let run = Command::new("node")
        .arg("e2e.mjs")
        .arg(public)
        .args(["--base", BASE_PATH, "--csp", &deploy_csp()])
        .args(extra)
        .current_dir(project)
        .output()
        .expect("node runs");
    println!("{}", String::from_utf8_lossy(&run.stdout));
    eprintln!("{}", String::from_utf8_lossy(&run.stderr));
    assert!(
        run.status.success(),
        "the browser checks failed (output above)"
    );
}

/// The sample site the tests own.
fn good_site() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/samples/good-site"
    ))
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
/// style in search.js fails the test here, not in production).
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
