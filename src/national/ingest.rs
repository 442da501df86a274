//! Reading the bundles named in `[[sources]]` and turning their items back
//! into `Item`s that the gate and the renderer understand.
//!
//! Reading is capped in size and, for `https://` sources, in time. Nothing
//! here decides what is published: admission runs validation, the gate
//! and the publication rules on what this module returns.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::config::SourceBundle;
use crate::content::{self, Item};
use crate::findings::Finding;
use crate::text::slugify;

use super::bundle::{read_bundle, refuse, Bundle, BundleItem};

/// The most a bundle may be. A bundle of 30 years of one area's learning is
/// a few megabytes; anything near this is a mistake or an attack, and is
/// refused before it can exhaust memory.
pub const MAX_BUNDLE_BYTES: u64 = 512 * 1024 * 1024;

/// How long fetching one `https://` bundle may take.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(60);

/// Reads, checks and area-matches the bundle of one source. Findings name
/// the bundle as written in `config.toml`.
pub fn load_source(root: &Path, source: &SourceBundle) -> Result<Bundle, Vec<Finding>> {
    let bytes = read_source(root, &source.bundle).map_err(|f| vec![*f])?;
    let bundle = read_bundle(&bytes, &source.bundle)?;
    if bundle.area != source.area {
        return Err(vec![refuse(
            &source.bundle,
            1,
            "bundle-area",
            format!(
                "the bundle is from the area \"{}\" but config.toml lists it for \"{}\"",
                bundle.area, source.area
            ),
            "check that [[sources]] pairs each area with its own bundle; if the area renamed itself, update `area` in config.toml",
        )]);
    }
    Ok(bundle)
}

/// The bytes of a bundle: a path relative to the site root, or an
/// `https://` URL.
pub fn read_source(root: &Path, bundle: &str) -> Result<Vec<u8>, Box<Finding>> {
    if bundle.starts_with("https://") {
        return fetch_https(bundle).map_err(|message| {
            Box::new(refuse(
                bundle,
                1,
                "bundle-fetch",
                message,
                "check the address in a browser; to build offline, download the bundle and give its path instead",
            ))
        });
    }
    if bundle.starts_with("http://") {
        return Err(Box::new(refuse(
            bundle,
            1,
            "bundle-fetch",
            "plain http:// bundles are not fetched: anyone on the way could alter them".into(),
            "use the https:// address of the bundle",
        )));
    }
    let path = root.join(bundle);
    let file = std::fs::File::open(&path).map_err(|e| {
        Box::new(refuse(
            bundle,
            1,
            "bundle-unreadable",
            format!("cannot read {}: {e}", path.display()),
            "build the area's site first (its bundle is public/learning-bundle.json), or correct the path in [[sources]] (it is relative to this site's root)",
        ))
    })?;
    read_capped(file, MAX_BUNDLE_BYTES).map_err(|message| {
        Box::new(refuse(
            bundle,
            1,
            "bundle-unreadable",
            message,
            "check the path in [[sources]] points at a learning-bundle.json",
        ))
    })
}

fn read_capped(reader: impl Read, limit: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read the bundle: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "the bundle is larger than {} MiB, far beyond any real area's learning",
            limit.div_ceil(1024 * 1024)
        ));
    }
    Ok(bytes)
}

/// Fetches with the system's `curl`, https only (redirects included), with
/// a time and size limit. An HTTP client crate with TLS would add a large
/// native dependency to every build, when most national builds read bundles
/// their CI has already downloaded.
fn fetch_https(url: &str) -> Result<Vec<u8>, String> {
    let mut child = Command::new("curl")
        .args([
            "--silent",
            "--show-error",
            "--fail",
            "--location",
            "--max-redirs",
            "5",
            "--proto",
            "=https",
            "--proto-redir",
            "=https",
            "--max-time",
            &FETCH_TIMEOUT.as_secs().to_string(),
            "--max-filesize",
            &MAX_BUNDLE_BYTES.to_string(),
            "--",
            url,
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            format!(
                "cannot run curl to fetch the bundle ({e}); https:// sources need curl installed"
            )
        })?;
    let stdout = child.stdout.take().expect("stdout is piped");
    let read = read_capped(stdout, MAX_BUNDLE_BYTES);
    if read.is_err() {
        // Over the cap: stop the download rather than wait for it.
        let _ = child.kill();
    }
    let output = child
        .wait_with_output()
        .map_err(|e| format!("curl did not finish: {e}"))?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr).trim().to_string();
        return Err(format!("fetching the bundle failed: {said}"));
    }
    read
}

/// The items of a bundle as `Item`s, each with a source text
/// `+++\n<front matter TOML>+++\n<body>` at `sources/<area-slug>/<review-id>.md`,
/// so that the gate's findings have lines and columns to point at.
pub fn bundle_items(bundle: &Bundle, bundle_path: &str) -> (Vec<Item>, Vec<Finding>) {
    let mut items = Vec::new();
    let mut findings = Vec::new();
    for entry in &bundle.items {
        match bundle_item(bundle, entry) {
            Ok(item) => items.push(item),
            Err(finding) => findings.push(refuse(
                bundle_path,
                1,
                "bundle-item",
                format!("item {} cannot be read back as an item: {}", entry.review_id, finding.message),
                "ask the area to rebuild its site with the same clearhouse version as this national site",
            )),
        }
    }
    (items, findings)
}

/// Where an item of `area` appears in national findings.
pub fn item_source_path(area: &str, review_id: &str) -> String {
    format!("sources/{}/{}.md", slugify(area), review_id.to_lowercase())
}

fn bundle_item(bundle: &Bundle, entry: &BundleItem) -> Result<Item, Box<Finding>> {
    let toml = front_matter_toml(&entry.front_matter);
    let text = format!("+++\n{toml}+++\n{}", entry.body);
    let path = item_source_path(&bundle.area, &entry.review_id);
    content::parse_item(&path, text.into_bytes(), entry.kind, &bundle.area).map_err(Box::new)
}

/// Keys whose values are calendar days. Front matter writes them as TOML
/// dates; written back as strings they would reach the gate's text
/// detectors and be reported as day-precision dates, which local sites
/// never see them as.
const DAY_KEYS: [&[&str]; 5] = [
    &["published"],
    &["withdraw_after"],
    &["publication", "embargo_until"],
    &["signoff", "cpc", "date"],
    &["signoff", "cog", "date"],
];

fn day_as_toml_date(table: &mut toml::Table, key_path: &[&str]) {
    match key_path {
        [key] => {
            if let Some(value) = table.get_mut(*key) {
                if let Some(date) = value.as_str().and_then(|s| s.parse().ok()) {
                    *value = toml::Value::Datetime(date);
                }
            }
        }
        [parent, rest @ ..] => {
            if let Some(toml::Value::Table(inner)) = table.get_mut(*parent) {
                day_as_toml_date(inner, rest);
            }
        }
        [] => {}
    }
}

/// The front matter as TOML, dates as TOML dates.
pub fn front_matter_toml(front_matter: &serde_json::Value) -> String {
    let mut table = toml::Table::try_from(front_matter).unwrap_or_default();
    for key_path in DAY_KEYS {
        day_as_toml_date(&mut table, key_path);
    }
    toml::to_string(&table).expect("a TOML table always serialises")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::ItemKind;
    use crate::national::bundle::bundle_of;
    use crate::national::testing::{local_site, ITEM_NEGLECT, ITEM_SUMMARY};

    #[test]
    fn bundle_items_come_back_with_the_same_front_matter_and_body() {
        let site = local_site("North CPC", &[ITEM_NEGLECT, ITEM_SUMMARY]);
        let bundle = bundle_of(&site);
        let (items, findings) = bundle_items(&bundle, "north.json");
        assert!(findings.is_empty(), "{findings:#?}");
        assert_eq!(items.len(), 2);
        for (item, original) in items.iter().zip(&site.items) {
            assert_eq!(item.area, "North CPC");
            assert_eq!(item.body(), original.body());
            assert_eq!(item.signature, original.signature);
            assert_eq!(
                serde_json::to_value(&item.meta).unwrap(),
                serde_json::to_value(&original.meta).unwrap()
            );
        }
        let report = items
            .iter()
            .find(|i| i.meta.kind == ItemKind::Report)
            .unwrap();
        assert_eq!(report.source.path, "sources/north-cpc/no-2024-01.md");
        assert!(report.source.text.contains("published = 2025-03-01\n"));
        assert!(
            !report.spans.strings.iter().any(|s| s.value == "2025-03-01"),
            "dates are TOML dates, not strings the gate would read"
        );
    }

    #[test]
    fn a_bundle_for_another_area_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let bundle =
            crate::national::bundle::write_bundle(&local_site("North CPC", &[ITEM_NEGLECT]));
        std::fs::write(dir.path().join("north.json"), &bundle.bytes).unwrap();
        let source = SourceBundle {
            area: "South CPC".into(),
            bundle: "north.json".into(),
        };
        let problems = load_source(dir.path(), &source).unwrap_err();
        assert_eq!(problems[0].rule, "bundle-area");
        assert_eq!(problems[0].path, "north.json");
        assert!(problems[0].message.contains("\"North CPC\""));
    }

    #[test]
    fn missing_files_and_plain_http_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let missing = read_source(dir.path(), "../north/public/learning-bundle.json").unwrap_err();
        assert_eq!(missing.path, "../north/public/learning-bundle.json");
        assert!(missing
            .help
            .unwrap()
            .contains("build the area's site first"));
        let http =
            read_source(dir.path(), "http://north.example.org/learning-bundle.json").unwrap_err();
        assert!(http.message.contains("http://"));
    }

    #[test]
    fn reading_stops_past_the_cap() {
        let limit = 2 * 1024 * 1024;
        let too_big = std::io::repeat(b' ').take(limit + 1);
        let message = read_capped(too_big, limit).unwrap_err();
        assert!(message.contains("larger than 2 MiB"), "{message}");
        let exactly = std::io::repeat(b' ').take(limit);
        assert_eq!(read_capped(exactly, limit).unwrap().len() as u64, limit);
    }
}
