//! Search measured on judged practitioner queries
//! (`tests/fixtures/search-queries.toml`: 109 queries in practitioners'
//! words over the demo site, the sample good-site and search-site, each
//! with the items a person judged relevant).
//!
//! The command line side runs in every `cargo test`; the browser side
//! runs the same queries through the built search page in Debian's
//! Chromium (`tests/browser/search-queries.mjs`) and is skipped, like
//! `browser.rs`, where Chromium, Node or the npm packages are missing,
//! unless `CLEARHOUSE_REQUIRE_BROWSER=1`.
//!
//! Bars (docs/search.md has the figures): on every site a relevant item
//! among the first three for at least 14 queries in 15, no query without
//! results, and the browser's first ten items the same set as the
//! command line's for every query. demo and good-site were used to tune
//! the ranking; search-site was held out until the end.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use crate::common::{clearhouse, copy_dir, samples};

#[derive(Debug, Clone, serde::Deserialize)]
struct Judged {
    site: String,
    text: String,
    relevant: Vec<String>,
}

#[derive(Debug, serde::Deserialize)]
struct File {
    query: Vec<Judged>,
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn judged() -> Vec<Judged> {
    let text = std::fs::read_to_string(repo().join("tests/fixtures/search-queries.toml"))
        .expect("the judged queries");
    let file: File = toml::from_str(&text).expect("the judged queries parse");
    file.query
}

/// A copy of one of the three sites.
fn site(name: &str) -> tempfile::TempDir {
    let from = match name {
        "demo" => repo().to_path_buf(),
        "good-site" => samples().join("good-site"),
        "search-site" => repo().join("tests/fixtures/search-site"),
        other => panic!("unknown site {other}"),
    };
    let dir = tempfile::tempdir().expect("temp dir");
    for part in ["config.toml", "content", "private"] {
        let source = from.join(part);
        if source.is_dir() {
            copy_dir(&source, &dir.path().join(part));
        } else if source.is_file() {
            std::fs::copy(&source, dir.path().join(part)).expect("copy config");
        }
    }
    dir
}

/// The first ten review ids `clearhouse search` gives, and the total.
fn cli(root: &Path, text: &str) -> (Vec<String>, usize) {
    let out = clearhouse(root, &["search", "--format", "json", "--limit", "10", text]);
    assert!(
        out.status.success(),
        "{text:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("search JSON");
    let ids = json["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .filter_map(|h| h["review_id"].as_str().map(str::to_string))
        .collect();
    (ids, json["total"].as_u64().unwrap_or(0) as usize)
}

#[derive(Debug, Default)]
struct Score {
    queries: usize,
    hit3: usize,
    zero: usize,
    misses: Vec<String>,
}

impl Score {
    fn add(&mut self, query: &Judged, ids: &[String], total: usize) {
        self.queries += 1;
        if ids.iter().take(3).any(|id| query.relevant.contains(id)) {
            self.hit3 += 1;
        } else {
            self.misses.push(format!("{:?} gave {ids:?}", query.text));
        }
        if total == 0 {
            self.zero += 1;
        }
    }

    fn check(&self, site: &str, engine: &str) {
        eprintln!(
            "{engine} on {site}: hit@3 {}/{}, {} without results",
            self.hit3, self.queries, self.zero
        );
        assert!(
            self.hit3 * 15 >= self.queries * 14,
            "{engine} on {site}: a relevant item in the first three for only {} of {} queries: {:#?}",
            self.hit3,
            self.queries,
            self.misses
        );
        assert_eq!(self.zero, 0, "{engine} on {site}: queries without results");
    }
}

const SITES: [&str; 3] = ["demo", "good-site", "search-site"];

#[test]
fn judged_queries_on_the_command_line() {
    let queries = judged();
    assert!(queries.len() >= 40, "at least 40 judged queries");
    for name in SITES {
        let dir = site(name);
        let built = clearhouse(dir.path(), &["search", "--refresh", "--limit", "0", "x"]);
        assert!(
            built.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&built.stderr)
        );
        let mut score = Score::default();
        for query in queries.iter().filter(|q| q.site == name) {
            let (ids, total) = cli(dir.path(), &query.text);
            score.add(query, &ids, total);
        }
        score.check(name, "clearhouse search");
    }
}

#[test]
fn judged_queries_in_chromium_find_what_the_command_line_finds() {
    let Some(project) = crate::browser::browser_project() else {
        return;
    };
    let queries = judged();
    for name in SITES {
        let dir = site(name);
        let built = clearhouse(dir.path(), &["build"]);
        assert!(
            built.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&built.stderr)
        );
        let mine: Vec<&Judged> = queries.iter().filter(|q| q.site == name).collect();
        let list = dir.path().join("queries.json");
        let texts: Vec<&str> = mine.iter().map(|q| q.text.as_str()).collect();
        std::fs::write(&list, serde_json::to_vec(&texts).unwrap()).unwrap();
        let answers = browser_answers(&project, &dir.path().join("public"), &list);
        let mut score = Score::default();
        let mut differ = Vec::new();
        for (query, answer) in mine.iter().zip(&answers) {
            let ids: Vec<String> = answer["ids"]
                .as_array()
                .expect("ids")
                .iter()
                .filter_map(|i| i.as_str().map(str::to_string))
                .collect();
            let total = answer["total"].as_u64().unwrap_or(0) as usize;
            score.add(query, &ids, total);
            let (cli_ids, _) = cli(dir.path(), &query.text);
            let web: BTreeSet<&String> = ids.iter().collect();
            let line: BTreeSet<&String> = cli_ids.iter().collect();
            if web != line {
                differ.push(format!(
                    "{:?}: browser {ids:?}, command line {cli_ids:?}",
                    query.text
                ));
            }
        }
        score.check(name, "the search page");
        assert!(
            differ.is_empty(),
            "{name}: the first ten items differ for {} queries: {differ:#?}",
            differ.len()
        );
    }
}

/// The search page's answers, from `search-queries.mjs`.
fn browser_answers(project: &Path, public: &Path, list: &Path) -> Vec<serde_json::Value> {
    let out = Command::new("node")
        .arg(project.join("search-queries.mjs"))
        .arg(public)
        .arg(list)
        .current_dir(project)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "search-queries.mjs failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON from the page");
    let problems = json["problems"].as_array().cloned().unwrap_or_default();
    assert!(
        problems.is_empty(),
        "script errors on the page: {problems:?}"
    );
    json["answers"].as_array().cloned().expect("answers")
}
