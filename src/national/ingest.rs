//! Reading the bundles named in `[[sources]]` and turning their items back
//! into `Item`s that the gate and the renderer understand.
//!
//! Reading is capped in size and, for `https://` sources, in time
//! (`read`). Nothing here decides what is published: admission runs validation, the gate
//! and the publication rules on what this module returns.

use std::path::Path;

use crate::config::{Limits, SourceBundle};
use crate::content::{self, Day, Item};
use crate::findings::Finding;
use crate::text::slugify;

use super::bundle::{read_bundle, refuse, Bundle, BundleItem};
pub use super::read::{area_key, areas_match, read_source};
use super::statistics::{read_statistics, StatisticsOnly};

/// What one `[[sources]]` entry brought: its bundle, and the
/// statistics-only records the area sent with it.
#[derive(Debug)]
pub struct Source {
    pub bundle: Bundle,
    pub statistics: StatisticsOnly,
}

/// Reads, checks and area-matches the bundle of one source (and its
/// statistics file, when it names one). Findings name the files as
/// written in `config.toml`.
pub fn load_source(
    root: &Path,
    source: &SourceBundle,
    limits: &Limits,
    today: Day,
) -> Result<Source, Vec<Finding>> {
    let bytes = read_source(root, &source.bundle, limits).map_err(|f| vec![*f])?;
    let mut bundle = read_bundle(&bytes, &source.bundle, today)?;
    if !areas_match(&bundle.area, &source.area) {
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
    // The name as this site's config writes it: pages, paths and the
    // comparison of sources all use it.
    bundle.area = source.area.clone();
    let statistics = match &source.statistics {
        Some(path) => read_statistics(
            root,
            source,
            path,
            limits,
            bundle.built,
            bundle.statistics_sha256.as_deref(),
            today,
        )?,
        None => StatisticsOnly::default(),
    };
    Ok(Source { bundle, statistics })
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
    use crate::national::testing::{extras, local_site, today, ITEM_NEGLECT, ITEM_SUMMARY};

    #[test]
    fn bundle_items_come_back_with_the_same_front_matter_and_body() {
        let site = local_site("North CPC", &[ITEM_NEGLECT, ITEM_SUMMARY]);
        let bundle = bundle_of(&site, extras());
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
        let bundle = crate::national::bundle::write_bundle(
            &local_site("North CPC", &[ITEM_NEGLECT]),
            extras(),
        );
        std::fs::write(dir.path().join("north.json"), &bundle.bytes).unwrap();
        let source = SourceBundle {
            area: "South CPC".into(),
            bundle: "north.json".into(),
            statistics: None,
        };
        let problems = load_source(dir.path(), &source, &Limits::default(), today()).unwrap_err();
        assert_eq!(problems[0].rule, "bundle-area");
        assert_eq!(problems[0].path, "north.json");
        assert!(problems[0].message.contains("\"North CPC\""));
    }
}
