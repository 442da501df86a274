//! `clearhouse init` and `clearhouse new`: a working site, and item
//! skeletons with every front matter key explained.

use std::path::{Path, PathBuf};

use crate::content::{body_sha256, Day, ItemKind};

const EXAMPLE: &str = include_str!("example.md");
const SKELETON: &str = include_str!("skeleton.md");
/// The demo site's deploy settings double as the template for new sites.
pub const NETLIFY_TOML: &str = include_str!("../../netlify.toml");

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

fn config_toml(title: &str, area: &str) -> String {
    format!(
        r#"title = "{title}"
base_url = "https://learning.example.scot"
scope = "local"
area = "{area}"
theme = "default"
noindex = false

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

/// The demo's netlify.toml, but building with an installed `clearhouse`
/// (a CPC's repository holds content, not the generator's source).
fn site_netlify_toml() -> String {
    NETLIFY_TOML.replace(
        "command = \"cargo run --release -- build\"",
        "# The build image needs the clearhouse binary (cargo install --path <clearhouse checkout>).\ncommand = \"clearhouse build\"",
    )
}

/// Writes a new site into `dir` (which must be empty or missing). Returns
/// the files written.
pub fn init(dir: &Path, today: Day) -> Result<Vec<PathBuf>, String> {
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
    let review_id = format!("EX-{}-01", today.year());
    let review_by = format!("{}-{:02}", today.year() + 1, today.0.month() as u8);
    let example = EXAMPLE
        .replace("{{REVIEW_ID}}", &review_id)
        .replace("{{TODAY}}", &today.to_string())
        .replace("{{REVIEW_BY}}", &review_by);
    let example = sign(&example, today);
    let files: Vec<(String, String)> = vec![
        (
            "config.toml".into(),
            config_toml("Learning from reviews", "Example CPC"),
        ),
        (
            format!("content/summaries/{}.md", review_id.to_lowercase()),
            example,
        ),
        ("private/register.toml".into(), REGISTER.to_string()),
        (".gitignore".into(), GITIGNORE.to_string()),
        ("netlify.toml".into(), site_netlify_toml()),
    ];
    write_all(dir, files.iter().map(|(p, t)| (p.as_str(), t.as_str())))
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

/// Adds both sign-offs (dated `day`) over the example's body, so that a new
/// site builds at once.
fn sign(item: &str, day: Day) -> String {
    let split =
        crate::content::frontmatter::split(item).expect("the embedded example has front matter");
    let sha = body_sha256(&item[split.body_start..]);
    let signoff = format!("\n[signoff]\ncpc = {{ date = {day}, sha256 = \"{sha}\" }}\ncog = {{ date = {day}, sha256 = \"{sha}\" }}\n");
    format!(
        "{}{signoff}{}",
        &item[..split.toml_end],
        &item[split.toml_end..]
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
    let decision = match kind {
        ItemKind::Report => "publish",
        ItemKind::Summary => "summary-only",
    };
    let text = SKELETON
        .replace("{{REVIEW_ID}}", review_id)
        .replace("{{KIND}}", kind.as_str())
        .replace("{{TODAY}}", &today.to_string())
        .replace("{{YEAR}}", &today.year().to_string())
        .replace("{{DECISION}}", decision)
        .replace(
            "{{REVIEW_BY}}",
            &format!("{}-{:02}", today.year() + 1, today.0.month() as u8),
        );
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
