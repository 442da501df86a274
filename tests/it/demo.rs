//! The repository's own demo site, and a CPC's first steps: `init`, `new`,
//! `check`, `signoff`, `build`.

use std::path::Path;

use crate::common::*;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_demo_site_builds_with_every_page_and_no_broken_links() {
    let site = tempfile::tempdir().unwrap();
    for part in ["config.toml", "content", "private"] {
        let from = repo().join(part);
        if from.is_dir() {
            copy_dir(&from, &site.path().join(part));
        } else {
            std::fs::copy(&from, site.path().join(part)).unwrap();
        }
    }
    let out = clearhouse(site.path(), &["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let public = site.path().join("public");
    let items = walkdir::WalkDir::new(site.path().join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .count();
    assert!(items >= 8, "the demo has at least 8 items");
    for entry in walkdir::WalkDir::new(site.path().join("content"))
        .into_iter()
        .flatten()
    {
        if entry.path().extension().is_some_and(|x| x == "md") {
            let stem = entry
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            assert!(
                public
                    .join("learning")
                    .join(&stem)
                    .join("index.html")
                    .is_file(),
                "page for {stem}"
            );
        }
    }
    for page in [
        "index.html",
        "learning/index.html",
        "themes/index.html",
        "clear/index.html",
        "clear/case-for-change/index.html",
        "clear/learning/index.html",
        "clear/evidence/index.html",
        "clear/responsibility/index.html",
        "clear/review/index.html",
        "effective-practice/index.html",
        "areas/index.html",
        "years/index.html",
        "accessibility/index.html",
        "search/index.html",
        "learning.json",
        "learning-bundle.json",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        "pagefind/pagefind.js",
    ] {
        assert!(public.join(page).is_file(), "{page} exists");
    }
    let broken = broken_links(&public, "/");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));

    // A word found in one item's body only: the command line finds that
    // item first.
    let bodies: Vec<(String, String)> = walkdir::WalkDir::new(site.path().join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).unwrap();
            let id = text
                .lines()
                .find_map(|l| l.strip_prefix("review_id = \""))
                .unwrap()
                .trim_end_matches('"')
                .to_string();
            (id, text.to_lowercase())
        })
        .collect();
    let words = |text: &str, min: usize| -> std::collections::BTreeSet<String> {
        text.split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() >= min)
            .map(str::to_string)
            .collect()
    };
    // Stemming may fold a word with others ("carefully" with "care"), so a
    // candidate counts only when every hit is from one item; that item must
    // be the one whose text has the word.
    let mut checked = 0;
    for (id, text) in &bodies {
        let others: std::collections::BTreeSet<String> = bodies
            .iter()
            .filter(|(other, _)| other != id)
            .flat_map(|(_, t)| words(t, 4))
            .collect();
        for unique in words(text, 8)
            .into_iter()
            .filter(|w| !others.contains(w))
            .take(5)
        {
            let out = clearhouse(
                site.path(),
                &["search", &unique, "--format", "json", "--limit", "50"],
            );
            let results: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let ids: std::collections::BTreeSet<&str> = results["hits"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|h| h["review_id"].as_str())
                .collect();
            if ids.len() == 1 {
                assert_eq!(
                    results["hits"][0]["review_id"],
                    id.as_str(),
                    "searching {unique:?}: {results:#}"
                );
                checked += 1;
                break;
            }
        }
    }
    assert!(checked >= 6, "unique words found for {checked} items");
}

#[test]
fn init_writes_a_site_that_builds_at_once_and_new_writes_a_documented_skeleton() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("my-cpc");
    let out = clearhouse(
        dir.path(),
        &[
            "init",
            &site.to_string_lossy(),
            "--title",
            "Learning from reviews",
            "--area",
            "Example CPC",
            "--base-url",
            "https://learning.example.org/",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for file in [
        "config.toml",
        "private/register.toml",
        ".gitignore",
        "netlify.toml",
    ] {
        assert!(site.join(file).is_file(), "{file}");
    }
    let gitignore = std::fs::read_to_string(site.join(".gitignore")).unwrap();
    assert!(gitignore.contains("private/") && gitignore.contains("public/"));
    let built = clearhouse(&site, &["build"]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert!(site.join("public/index.html").is_file());

    let new = clearhouse(&site, &["new", "report", "EX-2026-02"]);
    assert!(new.status.success());
    let skeleton = std::fs::read_to_string(site.join("content/reports/ex-2026-02.md")).unwrap();
    for key in [
        "title",
        "review_id",
        "kind",
        "published",
        "period",
        "age_band",
        "trigger",
        "themes",
        "agencies",
        "decision",
        "family_consulted",
        "proceedings",
        "case_for_change",
        "learning",
        "evidence",
        "responsible",
        "review",
        "status",
    ] {
        let documented = skeleton
            .lines()
            .collect::<Vec<_>>()
            .windows(2)
            .any(|w| w[0].trim_start().starts_with('#') && w[1].trim_start().starts_with(key));
        assert!(documented, "{key} has a comment above it");
    }
    // Unfinished, it blocks the build, each of the skeleton's blanks named.
    let (code, json) = check_json(&site);
    assert_eq!(code, 1, "{json:#}");
    assert!(
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["kind"] == "placeholder"
                && f["message"].as_str().unwrap_or("").contains("`title`")),
        "{json:#}"
    );
    // Filled in and unsigned, it is held (not an error) and the check says
    // how to sign it off.
    std::fs::write(
        site.join("content/reports/ex-2026-02.md"),
        skeleton.replace('…', "text"),
    )
    .unwrap();
    let (code, json) = check_json(&site);
    assert_eq!(code, 0, "{json:#}");
    let held = json["held"].as_array().expect("a held list");
    let skeleton = held
        .iter()
        .find(|h| h["review_id"] == "EX-2026-02")
        .unwrap_or_else(|| panic!("the skeleton is held: {json:#}"));
    assert_eq!(skeleton["reason"], "awaiting-cpc-signoff");
    assert!(skeleton["help"]
        .as_str()
        .unwrap_or("")
        .contains("clearhouse signoff content/reports/ex-2026-02.md --by cpc"));
    let built = clearhouse(&site, &["build"]);
    assert!(built.status.success());
    assert!(
        String::from_utf8_lossy(&built.stderr).contains("EX-2026-02"),
        "the build lists what it held"
    );
    assert!(!site.join("public/learning/ex-2026-02").exists());
    let strict = clearhouse(&site, &["build", "--strict"]);
    assert_eq!(strict.status.code(), Some(1), "--strict fails on holds");
    assert!(clearhouse(&site, &["new", "report", "../x"]).status.code() == Some(2));
}

#[test]
fn every_command_documents_itself() {
    for (command, words) in [
        ("init", "DIR"),
        ("new", "REVIEW_ID"),
        ("check", "--format"),
        ("build", "--output"),
        ("serve", "--port"),
        ("search", "--theme"),
        ("stats", "--by"),
        ("signoff", "--date"),
        ("anonymise", "--out"),
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_clearhouse"))
            .args([command, "--help"])
            .output()
            .unwrap();
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && help.contains(words) && help.contains("--root"),
            "{command} --help:\n{help}"
        );
    }
}
