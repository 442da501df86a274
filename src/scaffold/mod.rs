//! `clearhouse init` and `clearhouse new`: a working site, and item
//! skeletons with every front matter key explained.

use std::path::{Path, PathBuf};

use crate::config::{Config, PLACEHOLDER_BASE_URL, PLACEHOLDER_TEXT};
use crate::content::{Day, ItemKind};
use crate::source::SourceText;

const EXAMPLE: &str = include_str!("example.md");
const SKELETON: &str = include_str!("skeleton.md");
/// The publish workflow `init` writes; `{{…}}` tokens are filled in by
/// `publish_workflow`.
const PUBLISH_WORKFLOW: &str = include_str!("publish.yml");
/// The demo site's deploy settings: new sites take its headers.
const NETLIFY_TOML: &str = include_str!("../../netlify.toml");

/// Where a new site's workflow installs clearhouse from: this crate's
/// repository, whose release workflow (dist) publishes an archive and its
/// sha256 for each platform under `v<version>/`.
pub const RELEASES_URL: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/releases/download");

/// The Netlify CLI the workflow deploys with, pinned so that a deploy does
/// not change under the site from one day to the next.
pub const NETLIFY_CLI_VERSION: &str = "27.10.2";

/// Where the site written by `init` is deployed by its workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Host {
    /// GitHub Pages: nothing to set up beyond the repository.
    #[default]
    GithubPages,
    /// Netlify: also sends the security headers in `netlify.toml`.
    Netlify,
}

impl Host {
    /// The value of `CLEARHOUSE_HOST` in the workflow.
    pub fn as_str(self) -> &'static str {
        match self {
            Host::GithubPages => "github-pages",
            Host::Netlify => "netlify",
        }
    }
}

/// What `init` was told about the new site. Keys left `None` get the
/// placeholders `check` refuses, so that nothing is published as "SET ME".
#[derive(Debug, Clone, Default)]
pub struct InitOptions {
    /// The site's name (`title`).
    pub title: Option<String>,
    /// The CPC area (`area`).
    pub area: Option<String>,
    /// The address the site is served from (`base_url`).
    pub base_url: Option<String>,
    /// Where the written workflow deploys the site.
    pub host: Host,
}

/// What `init` wrote, and what the person should do next.
#[derive(Debug)]
pub struct Initialised {
    pub files: Vec<PathBuf>,
    /// The config keys still holding placeholders (`title`, `area`, `base_url`).
    pub placeholders: Vec<&'static str>,
}

const REGISTER: &str = r#"# The register: identifiers removed from this site's reviews (names,
# nicknames, addresses, schools, dates of birth, numbers). The gate blocks the
# build if any of them appears anywhere in the site or its output.
#
# This file holds real personal data: keep private/ out of version control
# (the .gitignore written by `clearhouse init` does) and, for hosted builds,
# pass it as a secret through CLEARHOUSE_REGISTER_TOML instead.
#
# [[identifier]]
# review_id = "EX-2025-01"     # optional; a match blocks in every file regardless
# text = "Firstname Surname"
# kind = "person-name"         # person-name, nickname, address, institution, date, …
# replacement = "Child A"      # what `clearhouse anonymise` writes in a draft
"#;

const GITIGNORE: &str = "# Real registers hold real names: never commit them.\nprivate/\n# Build output and the search cache.\npublic/\n.clearhouse/\n";

/// A TOML basic string holding `text`, escaped.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn config_toml(options: &InitOptions) -> String {
    let title = toml_string(options.title.as_deref().unwrap_or(PLACEHOLDER_TEXT));
    let area = toml_string(options.area.as_deref().unwrap_or(PLACEHOLDER_TEXT));
    let base_url = toml_string(options.base_url.as_deref().unwrap_or(PLACEHOLDER_BASE_URL));
    format!(
        r#"# Set these three first; `clearhouse check` refuses the placeholders
# `clearhouse init` writes when it is not given them.
# The site's name, shown on every page and in feeds.
title = {title}
# Your Child Protection Committee: the area every item belongs to.
area = {area}
# The address the site is served from, e.g. https://learning.anytown-cpc.org.uk/
# or, on GitHub Pages, https://YOUR-ORGANISATION.github.io/YOUR-REPOSITORY/
base_url = {base_url}
scope = "local"
theme = "default"
# true: search engines are asked not to index the site (internal sites).
noindex = false
# Where "Leave this site quickly" goes: any everyday https:// site.
# quick_exit_url = "https://www.bbc.co.uk/weather"

[gate]
register = "private/register.toml"
# Public bodies and terms that may appear capitalised; never overrides the register.
allow = ["Police Scotland", "Scottish Children's Reporter Administration", "Care Inspectorate"]
day_dates = "block"

[taxonomy]
extra_themes = []
"#
    )
}

/// The demo's headers, for a site built by its workflow: Netlify runs no
/// build of its own (a CPC's repository holds content, not the generator),
/// and the deploy from GitHub Actions sends this file with the site.
fn site_netlify_toml() -> String {
    let headers = NETLIFY_TOML
        .find("[[headers]]")
        .map(|at| &NETLIFY_TOML[at..])
        .unwrap_or_default();
    format!(
        r#"# Netlify settings for this site. The site is built by GitHub Actions
# (.github/workflows/publish.yml) with a released clearhouse binary and
# deployed to Netlify from there: Netlify runs no build of its own, so do not
# link this repository to Netlify for builds. If it is linked anyway, the
# deploy fails (public/ is not in the repository) and the live site stays.
# The headers keep the site self-contained: no third-party requests, no inline
# script, no framing; 'wasm-unsafe-eval' lets the search page run Pagefind's
# WebAssembly and nothing else.
[build]
publish = "public"

{headers}"#
    )
}

/// The GitHub Actions workflow that installs this version of clearhouse,
/// checks, builds and deploys the site.
pub fn publish_workflow(host: Host) -> String {
    PUBLISH_WORKFLOW
        .replace("{{VERSION}}", env!("CARGO_PKG_VERSION"))
        .replace("{{RELEASES}}", RELEASES_URL)
        .replace("{{HOST}}", host.as_str())
        .replace("{{NETLIFY_CLI}}", NETLIFY_CLI_VERSION)
}

/// Refuses values the site could not be built with, naming the option.
fn check_options(options: &InitOptions) -> Result<(), String> {
    for (flag, value) in [
        ("--title", &options.title),
        ("--area", &options.area),
        ("--base-url", &options.base_url),
    ] {
        if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
            return Err(format!(
                "{flag} is empty: give a value or leave the option out"
            ));
        }
    }
    if let Some(url) = &options.base_url {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(format!(
                "--base-url {url:?} is not a full address: write it as it appears in a browser, e.g. https://learning.anytown-cpc.org.uk/"
            ));
        }
    }
    Ok(())
}

/// Writes a new site into `dir` (which must be empty or missing): a config,
/// an example item with no sign-offs (so it is held, never published as it
/// stands), an empty register, `.gitignore`, `netlify.toml` and the publish
/// workflow.
pub fn init(dir: &Path, options: &InitOptions, today: Day) -> Result<Initialised, String> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(false)
    {
        return Err(format!(
            "{} is not empty; init only writes into a new or empty folder",
            dir.display()
        ));
    }
    check_options(options)?;
    let config = config_toml(options);
    let placeholders: Vec<&'static str> = [
        ("title", options.title.is_none()),
        ("area", options.area.is_none()),
        ("base_url", options.base_url.is_none()),
    ]
    .into_iter()
    .filter_map(|(key, missing)| missing.then_some(key))
    .collect();
    // The checks `check` and `build` make, with stand-ins for the keys not
    // given: init never writes a config they would refuse for any reason
    // but its placeholders.
    let given = InitOptions {
        title: Some(options.title.clone().unwrap_or_else(|| "Learning".into())),
        area: Some(options.area.clone().unwrap_or_else(|| "Anytown CPC".into())),
        base_url: Some(
            options
                .base_url
                .clone()
                .unwrap_or_else(|| "https://learning.anytown-cpc.org.uk/".into()),
        ),
        host: options.host,
    };
    Config::parse(&SourceText::new(
        crate::config::CONFIG_FILE,
        config_toml(&given),
    ))
    .map_err(|finding| format!("cannot write this config.toml: {}", finding.message))?;
    let review_id = format!("EX-{}-01", today.year());
    let review_by = format!("{}-{:02}", today.year() + 1, today.0.month() as u8);
    let example = EXAMPLE
        .replace("{{REVIEW_ID}}", &review_id)
        .replace("{{TODAY}}", &today.to_string())
        .replace("{{REVIEW_BY}}", &review_by);
    let files: Vec<(String, String)> = vec![
        ("config.toml".into(), config),
        (
            format!("content/summaries/{}.md", review_id.to_lowercase()),
            example,
        ),
        ("private/register.toml".into(), REGISTER.to_string()),
        (".gitignore".into(), GITIGNORE.to_string()),
        ("netlify.toml".into(), site_netlify_toml()),
        (
            ".github/workflows/publish.yml".into(),
            publish_workflow(options.host),
        ),
    ];
    let files = write_all(dir, files.iter().map(|(p, t)| (p.as_str(), t.as_str())))?;
    Ok(Initialised {
        files,
        placeholders,
    })
}

/// What `init` prints: the files it wrote and what to do next.
pub fn next_steps(dir: &Path, done: &Initialised) -> String {
    let mut text = String::new();
    for file in &done.files {
        text.push_str(&format!("created {}\n", file.display()));
    }
    text.push_str("\nNext:\n");
    if let Some((last, init)) = done.placeholders.split_last() {
        let keys = if init.is_empty() {
            last.to_string()
        } else {
            format!("{} and {last}", init.join(", "))
        };
        text.push_str(&format!(
            "  set {keys} in {} (`clearhouse check` refuses the placeholders)\n",
            dir.join(crate::config::CONFIG_FILE).display()
        ));
    }
    text.push_str(&format!(
        "  cd {} && clearhouse build   (the example item has no sign-offs, so it is held, not published)\n",
        dir.display()
    ));
    text.push_str("  to publish the site, follow \"Publishing the site\" in clearhouse's README\n");
    text
}

fn write_all<'a>(
    dir: &Path,
    files: impl Iterator<Item = (&'a str, &'a str)>,
) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir.join("content/reports"))
        .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// The skeleton item `new` writes, every key explained and every blank a
/// placeholder `check` refuses until it is filled in (`anonymise` starts a
/// Word draft from it too).
pub fn skeleton(kind: ItemKind, review_id: &str, today: Day) -> String {
    let decision = match kind {
        ItemKind::Report => "publish",
        ItemKind::Summary => "summary-only",
    };
    SKELETON
        .replace("{{REVIEW_ID}}", review_id)
        .replace("{{KIND}}", kind.as_str())
        .replace("{{TODAY}}", &today.to_string())
        .replace("{{YEAR}}", &today.year().to_string())
        .replace("{{DECISION}}", decision)
        .replace(
            "{{REVIEW_BY}}",
            &format!("{}-{:02}", today.year() + 1, today.0.month() as u8),
        )
}

/// Writes a skeleton item for `review_id` under the site `root`.
pub fn new_item(
    root: &Path,
    kind: ItemKind,
    review_id: &str,
    today: Day,
) -> Result<PathBuf, String> {
    let valid = !review_id.is_empty()
        && review_id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && review_id
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric());
    if !valid {
        return Err(format!("review id {review_id:?} is not usable in a URL: use letters, digits and hyphens, like EX-2025-01"));
    }
    let folder = match kind {
        ItemKind::Report => "reports",
        ItemKind::Summary => "summaries",
    };
    let path = root
        .join("content")
        .join(folder)
        .join(format!("{}.md", review_id.to_lowercase()));
    if path.exists() {
        return Err(format!("{} already exists", path.display()));
    }
    let text = skeleton(kind, review_id, today);
    write_all(
        root,
        std::iter::once((
            path.strip_prefix(root)
                .unwrap_or(&path)
                .to_str()
                .unwrap_or_default(),
            text.as_str(),
        )),
    )?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Day {
        Day::parse("2026-11-26").unwrap()
    }

    fn given() -> InitOptions {
        InitOptions {
            title: Some("Learning from reviews: Anytown CPC".into()),
            area: Some("Anytown CPC".into()),
            base_url: Some("https://learning.anytown-cpc.org.uk/".into()),
            host: Host::GithubPages,
        }
    }

    #[test]
    fn the_example_item_carries_no_signoff_nobody_gave() {
        let dir = tempfile::tempdir().unwrap();
        let done = init(&dir.path().join("site"), &given(), today()).unwrap();
        assert!(done.placeholders.is_empty());
        let example =
            std::fs::read_to_string(dir.path().join("site/content/summaries/ex-2026-01.md"))
                .unwrap();
        let split = crate::content::frontmatter::split(&example).unwrap();
        let front: toml::Table =
            toml::from_str(&example[split.toml_start..split.toml_end]).unwrap();
        assert!(!front.contains_key("signoff"), "{front:?}");
        assert!(!example.contains("sha256"));
    }

    #[test]
    fn given_values_are_written_escaped_and_missing_ones_are_placeholders() {
        let dir = tempfile::tempdir().unwrap();
        let options = InitOptions {
            area: Some("Anytown \"East\" CPC".into()),
            ..InitOptions::default()
        };
        let done = init(&dir.path().join("site"), &options, today()).unwrap();
        assert_eq!(done.placeholders, ["title", "base_url"]);
        let text = std::fs::read_to_string(dir.path().join("site/config.toml")).unwrap();
        let config: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(config["area"].as_str(), Some("Anytown \"East\" CPC"));
        assert_eq!(config["title"].as_str(), Some(PLACEHOLDER_TEXT));
        assert_eq!(config["base_url"].as_str(), Some(PLACEHOLDER_BASE_URL));
        let steps = next_steps(&dir.path().join("site"), &done);
        assert!(steps.contains("set title and base_url in"), "{steps}");
    }

    #[test]
    fn values_the_site_could_not_use_are_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        for (options, words) in [
            (
                InitOptions {
                    base_url: Some("learning.anytown.org.uk".into()),
                    ..given()
                },
                "--base-url",
            ),
            (
                InitOptions {
                    title: Some("  ".into()),
                    ..given()
                },
                "--title is empty",
            ),
            (
                InitOptions {
                    area: Some(format!("{PLACEHOLDER_TEXT}: my CPC")),
                    ..given()
                },
                "`area`",
            ),
        ] {
            let err = init(&dir.path().join("site"), &options, today()).unwrap_err();
            assert!(err.contains(words), "{err}");
            assert!(!dir.path().join("site").exists());
        }
    }

    #[test]
    fn the_workflow_installs_the_version_that_wrote_it() {
        let workflow = publish_workflow(Host::Netlify);
        assert!(workflow.contains(&format!(
            "CLEARHOUSE_VERSION: \"{}\"",
            env!("CARGO_PKG_VERSION")
        )));
        assert!(workflow.contains(&format!("CLEARHOUSE_RELEASES: {RELEASES_URL}\n")));
        assert!(workflow.contains("CLEARHOUSE_HOST: netlify\n"));
        assert!(publish_workflow(Host::GithubPages).contains("CLEARHOUSE_HOST: github-pages\n"));
        // GitHub's own expressions are `${{ … }}`; the template's tokens are
        // `{{NAME}}`.
        let unfilled = workflow
            .match_indices("{{")
            .any(|(at, _)| workflow[at + 2..].starts_with(|c: char| c.is_ascii_uppercase()));
        assert!(!unfilled, "every template token is filled in");
        assert!(RELEASES_URL.starts_with("https://github.com/"));
    }

    #[test]
    fn the_site_netlify_toml_builds_nothing_and_keeps_the_demo_headers() {
        let site: toml::Table = toml::from_str(&site_netlify_toml()).unwrap();
        let demo: toml::Table = toml::from_str(NETLIFY_TOML).unwrap();
        assert_eq!(site["build"]["publish"].as_str(), Some("public"));
        assert!(site["build"].get("command").is_none());
        assert_eq!(site["headers"], demo["headers"]);
        assert!(!site_netlify_toml().contains("cargo"));
    }
}
