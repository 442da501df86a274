//! Hostile and broken input, named: each case starts from the valid control
//! site of the sample corpus, breaks one thing, and states the exact
//! outcome — exit code, finding kind, file, line and words of the message.

use std::path::Path;

use serde_json::Value;

use crate::common::*;

const ITEM: &str = "content/reports/ts-2024-00.md";

struct Case {
    name: &'static str,
    /// Breaks the copied control site.
    setup: fn(&Path),
    /// Expected exit code of `check`.
    exit: i32,
    /// For failures: (kind, path, line or 0 for "any", words in message or help).
    finding: Option<(&'static str, &'static str, usize, &'static str)>,
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap()
}

fn write(root: &Path, rel: &str, text: impl AsRef<[u8]>) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Replaces the first occurrence of `from` in the control item.
fn edit(root: &Path, from: &str, to: &str) {
    let text = read(root, ITEM);
    assert!(text.contains(from), "control item has {from:?}");
    write(root, ITEM, text.replacen(from, to, 1));
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "byte order mark",
            setup: |r| {
                let t = read(r, ITEM);
                write(r, ITEM, format!("\u{feff}{t}"))
            },
            exit: 0,
            finding: None,
        },
        Case {
            name: "CRLF line endings",
            setup: |r| {
                let t = read(r, ITEM);
                write(r, ITEM, t.replace('\n', "\r\n"))
            },
            exit: 0,
            finding: None,
        },
        Case {
            name: "mixed line endings",
            setup: |r| {
                let t = read(r, ITEM);
                let mixed: String = t
                    .split_inclusive('\n')
                    .enumerate()
                    .map(|(i, l)| {
                        if i % 2 == 0 {
                            l.replace('\n', "\r\n")
                        } else {
                            l.to_string()
                        }
                    })
                    .collect();
                write(r, ITEM, mixed)
            },
            exit: 0,
            finding: None,
        },
        Case {
            name: "tabs in TOML",
            setup: |r| edit(r, "kind = \"report\"", "kind\t=\t\"report\""),
            exit: 0,
            finding: None,
        },
        Case {
            name: "duplicate key",
            setup: |r| {
                edit(
                    r,
                    "kind = \"report\"\n",
                    "kind = \"report\"\nkind = \"report\"\n",
                )
            },
            exit: 1,
            finding: Some(("schema", ITEM, 5, "duplicate")),
        },
        Case {
            name: "unterminated front matter",
            setup: |r| {
                let t = read(r, ITEM);
                let cut = t.rfind("+++").unwrap();
                write(r, ITEM, &t[..cut])
            },
            exit: 1,
            finding: Some(("schema", ITEM, 1, "never closed")),
        },
        Case {
            name: "invalid UTF-8",
            setup: |r| {
                let mut b = read(r, ITEM).into_bytes();
                let at = b.len() - 10;
                b[at] = 0xff;
                write(r, ITEM, b)
            },
            exit: 1,
            finding: Some(("schema", ITEM, 0, "not UTF-8")),
        },
        Case {
            name: "NUL byte",
            setup: |r| {
                let t = read(r, ITEM);
                write(
                    r,
                    ITEM,
                    t.replacen("Eight practitioners", "Eight\0practitioners", 1),
                )
            },
            exit: 1,
            finding: Some(("schema", ITEM, 36, "NUL")),
        },
        Case {
            name: "unknown kind value",
            setup: |r| edit(r, "kind = \"report\"", "kind = \"reprot\""),
            exit: 1,
            finding: Some(("schema", ITEM, 4, "reprot")),
        },
        Case {
            name: "date with a time",
            setup: |r| {
                edit(
                    r,
                    "published = 2025-05-12",
                    "published = 2025-05-12T10:00:00",
                )
            },
            exit: 1,
            finding: Some(("schema", ITEM, 5, "2025-03-01")),
        },
        Case {
            name: "unknown age band",
            setup: |r| edit(r, "age_band = \"under-1\"", "age_band = \"infant\""),
            exit: 1,
            finding: Some(("schema", ITEM, 7, "infant")),
        },
        Case {
            name: "review date is not a month",
            setup: |r| edit(r, "by = \"2026-09\"", "by = \"September 2026\""),
            exit: 1,
            finding: Some(("schema", ITEM, 31, "YYYY-MM")),
        },
        Case {
            name: "period with a day date",
            setup: |r| edit(r, "period = \"2022-2023\"", "period = \"2022-03-04\""),
            exit: 1,
            finding: Some(("schema", ITEM, 6, "years")),
        },
        Case {
            name: "../ in review_id",
            setup: |r| edit(r, "review_id = \"TS-2024-00\"", "review_id = \"../../etc\""),
            exit: 1,
            finding: Some(("schema", ITEM, 3, "URL")),
        },
        Case {
            name: "empty review_id",
            setup: |r| edit(r, "review_id = \"TS-2024-00\"", "review_id = \"\""),
            exit: 1,
            finding: Some(("schema", ITEM, 3, "URL")),
        },
        Case {
            name: "review_id used twice",
            setup: |r| {
                let t = read(r, ITEM);
                write(r, "content/reports/ts-2024-00b.md", t)
            },
            exit: 1,
            finding: Some((
                "schema",
                "content/reports/ts-2024-00b.md",
                3,
                "already used",
            )),
        },
        Case {
            name: "review_id used twice in different case",
            setup: |r| {
                let t = read(r, ITEM).replace("TS-2024-00", "ts-2024-00");
                write(r, "content/reports/other.md", t)
            },
            exit: 1,
            finding: Some(("schema", "content/reports/ts-2024-00.md", 3, "already used")),
        },
        Case {
            name: "summary in the reports folder",
            setup: |r| edit(r, "kind = \"report\"", "kind = \"summary\""),
            exit: 1,
            finding: Some(("schema", ITEM, 4, "folder")),
        },
        Case {
            name: "stray file in content",
            setup: |r| write(r, "content/reports/notes.txt", "draft notes"),
            exit: 1,
            finding: Some(("schema", "content/reports/notes.txt", 1, "only .md items")),
        },
        Case {
            name: "folder outside the item folders",
            setup: |r| write(r, "content/drafts/a.md", "+++\n+++\n"),
            exit: 1,
            finding: Some(("schema", "content/drafts/a.md", 1, "only .md items")),
        },
        Case {
            name: "symlink in content pointing outside the site",
            setup: |r| {
                std::os::unix::fs::symlink("/etc/passwd", r.join("content/reports/link.md"))
                    .unwrap()
            },
            exit: 1,
            finding: Some(("file", "content/reports/link.md", 1, "symbolic links")),
        },
        Case {
            name: "symlinked folder in static",
            setup: |r| {
                std::fs::create_dir_all(r.join("static")).unwrap();
                std::os::unix::fs::symlink("/etc", r.join("static/etc")).unwrap()
            },
            exit: 1,
            finding: Some(("file", "static/etc", 1, "symbolic links")),
        },
        Case {
            name: "an image that is not an image",
            setup: |r| write(r, "static/images/chart.png", "<html>not a png</html>"),
            exit: 1,
            finding: Some(("static", "static/images/chart.png", 1, "not a PNG")),
        },
        Case {
            name: "a file type the gate cannot read",
            setup: |r| write(r, "static/report.pdf", "%PDF-1.7"),
            exit: 1,
            finding: Some(("static", "static/report.pdf", 1, "cannot read")),
        },
        Case {
            name: "an SVG with script",
            setup: |r| write(r, "static/logo.svg", "<svg onload=\"alert(1)\"></svg>"),
            exit: 1,
            finding: Some(("static", "static/logo.svg", 1, "SVG")),
        },
        Case {
            name: "unknown config key",
            setup: |r| {
                let t = read(r, "config.toml");
                write(
                    r,
                    "config.toml",
                    t.replace("noindex = true", "noindx = true"),
                )
            },
            exit: 1,
            finding: Some(("schema", "config.toml", 6, "noindex")),
        },
        // A missing config.toml is not a finding: the command cannot run
        // and exits 2 (deploy::a_folder_without_config_toml_is_not_a_site_and_exits_2).
        Case {
            name: "local site with no register",
            setup: |r| std::fs::remove_file(r.join("private/register.toml")).unwrap(),
            exit: 1,
            finding: Some(("schema", "private/register.toml", 1, "register")),
        },
        Case {
            name: "malformed register",
            setup: |r| {
                write(
                    r,
                    "private/register.toml",
                    "[[identifier]]\ntext = \"Unclosed\n",
                )
            },
            exit: 1,
            finding: Some(("schema", "private/register.toml", 2, "register")),
        },
        Case {
            name: "empty item",
            setup: |r| write(r, ITEM, ""),
            exit: 1,
            finding: Some(("schema", ITEM, 1, "empty")),
        },
        Case {
            name: "an enormous item",
            setup: |r| {
                let t = read(r, ITEM);
                let big = format!("{t}{}", "Words of a very long report. ".repeat(1_800_000));
                write(r, ITEM, big)
            },
            exit: 1,
            finding: Some(("limit", ITEM, 1, "item_bytes")),
        },
    ]
}

#[test]
fn hostile_inputs_give_their_named_errors() {
    let control = samples().join("bad-inputs/00-control");
    let mut failures = Vec::new();
    for case in cases() {
        let site = copy_site(&control);
        (case.setup)(site.path());
        let (code, json) = check_json(site.path());
        if code != case.exit {
            failures.push(format!(
                "{}: exit {code}, expected {}: {json:#}",
                case.name, case.exit
            ));
            continue;
        }
        let Some((kind, path, line, words)) = case.finding else {
            if json["ok"] != true {
                failures.push(format!("{}: expected ok: {json:#}", case.name));
            }
            continue;
        };
        let found = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f: &Value| {
                f["kind"] == kind
                    && f["severity"] == "error"
                    && f["path"] == path
                    && (line == 0 || f["line"].as_u64() == Some(line as u64))
                    && (f["message"].as_str().unwrap_or("").contains(words)
                        || f["help"].as_str().unwrap_or("").contains(words))
            });
        if !found {
            failures.push(format!(
                "{}: no {kind} error at {path}:{line} mentioning {words:?}: {json:#}",
                case.name
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn the_output_folder_cannot_be_the_site_or_its_sources() {
    let site = copy_site(&samples().join("bad-inputs/00-control"));
    for target in [".", "content", "content/out", "private", "/"] {
        let out = clearhouse(
            site.path(),
            &[
                "build",
                "--output",
                &site.path().join(target).to_string_lossy(),
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{target}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("refusing to write the site"),
            "{target}"
        );
    }
    assert!(site.path().join("content/reports/ts-2024-00.md").exists());
}

#[test]
fn a_search_bundle_size_that_is_not_a_number_stops_the_build() {
    let site = copy_site(&samples().join("bad-inputs/00-control"));
    for value in ["0", "many", "-5"] {
        let out = clearhouse_with(
            site.path(),
            &["build"],
            &[("CLEARHOUSE_PAGEFIND_SHARD_ITEMS", value)],
        );
        assert!(!out.status.success(), "{value}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("CLEARHOUSE_PAGEFIND_SHARD_ITEMS")
                && stderr.contains("whole number above 0"),
            "{value}: {stderr}"
        );
        assert!(!site.path().join("public").exists(), "{value}");
    }
}

/// Re-signs the control item after its body changed.
fn resign(root: &Path) {
    for (by, date) in [("cpc", "2025-02-03"), ("cog", "2025-03-10")] {
        let out = clearhouse(
            root,
            &[
                "signoff",
                &root.join(ITEM).to_string_lossy(),
                "--by",
                by,
                "--date",
                date,
            ],
        );
        assert!(out.status.success());
    }
}

#[test]
fn a_ten_thousand_level_nested_list_builds() {
    let site = copy_site(&samples().join("bad-inputs/00-control"));
    let text = read(site.path(), ITEM);
    write(
        site.path(),
        ITEM,
        format!("{text}\n{}deep\n", "- ".repeat(10_000)),
    );
    resign(site.path());
    let out = clearhouse(site.path(), &["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(site
        .path()
        .join("public/learning/ts-2024-00/index.html")
        .is_file());
}

#[test]
fn a_template_that_loops_for_ever_is_stopped_and_nothing_is_written() {
    let site = copy_site(&samples().join("bad-inputs/00-control"));
    write(
        site.path(),
        "themes/default/templates/about.html",
        "{% extends \"base.html\" %}{% block main %}{% for a in range(end=1000000) %}{% for b in range(end=1000000) %}{% endfor %}{% endfor %}{% endblock main %}",
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_clearhouse"))
        .arg("--root")
        .arg(site.path())
        .arg("build")
        .env("CLEARHOUSE_TODAY", TODAY)
        .env("CLEARHOUSE_RENDER_BUDGET", "3")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("loops for ever"));
    assert!(!site.path().join("public").exists());
}

#[test]
fn a_theme_template_with_a_syntax_error_names_the_file() {
    let site = copy_site(&samples().join("bad-inputs/00-control"));
    write(
        site.path(),
        "themes/default/templates/about.html",
        "{% extends \"base.html\" %}{% block main %}{{ unclosed {% endblock main %}",
    );
    let out = clearhouse(site.path(), &["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("about.html"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!site.path().join("public").exists());
}
