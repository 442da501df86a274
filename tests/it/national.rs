//! National aggregation end to end: the three demo areas in
//! examples/national build and write their bundles, the national site
//! builds over them, and `stats --by theme,area --format csv` agrees with
//! counts made here, independently, from the areas' own front matter, with
//! small numbers suppressed.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::*;

const AREAS: [(&str, &str); 3] = [
    ("north", "North Example CPC"),
    ("south", "South Example CPC"),
    ("east", "East Example CPC"),
];

fn examples() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/national")
}

fn build(root: &Path) {
    let out = clearhouse(root, &["build", "--quiet"]);
    assert!(
        out.status.success(),
        "building {} failed: {}",
        root.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// (theme, area) → number of items, from each item file's front matter.
fn counts_from_sources(root: &Path) -> BTreeMap<(String, String), u64> {
    let mut counts = BTreeMap::new();
    for (folder, area) in AREAS {
        for entry in walkdir::WalkDir::new(root.join(folder).join("content")) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "md") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let front_matter = text
                .split("+++\n")
                .nth(1)
                .expect("the item has front matter between +++ lines");
            let table: toml::Table = toml::from_str(front_matter).unwrap();
            let themes = table["themes"].as_array().unwrap();
            for theme in themes {
                *counts
                    .entry((theme.as_str().unwrap().to_string(), area.to_string()))
                    .or_insert(0) += 1;
            }
        }
    }
    counts
}

#[test]
fn a_national_site_aggregates_the_areas_bundles_with_small_numbers_suppressed() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&examples(), dir.path());
    for (folder, _) in AREAS {
        let root = dir.path().join(folder);
        let _ = std::fs::remove_dir_all(root.join("public"));
        build(&root);
        assert!(
            root.join("public/learning-bundle.json").is_file(),
            "{folder} wrote its bundle"
        );
    }
    let national = dir.path().join("scotland");
    let _ = std::fs::remove_dir_all(national.join("public"));
    build(&national);
    for page in [
        "national/index.html",
        "national/themes-by-area/index.html",
        "national/themes-by-year/index.html",
        "national/responsibility/index.html",
        "national/review-dates/index.html",
        "national/clear-by-area/index.html",
        "learning/north-example-cpc/nx-2023-01/index.html",
    ] {
        assert!(national.join("public").join(page).is_file(), "no {page}");
    }

    let out = clearhouse(
        &national,
        &["stats", "--by", "theme,area", "--format", "csv"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("theme,area,count"));
    let expected = counts_from_sources(dir.path());
    let mut seen = 0;
    let mut suppressed_in_row: BTreeMap<String, usize> = BTreeMap::new();
    let mut suppressed_in_column: BTreeMap<String, usize> = BTreeMap::new();
    for line in lines {
        let fields: Vec<&str> = line.split(',').collect();
        let [theme, area, shown] = fields[..] else {
            panic!("three fields expected: {line}");
        };
        if shown == "c" {
            *suppressed_in_row.entry(theme.to_string()).or_default() += 1;
            *suppressed_in_column.entry(area.to_string()).or_default() += 1;
        }
        if theme == "Total" || area == "Total" {
            continue;
        }
        seen += 1;
        let actual = expected
            .get(&(theme.to_string(), area.to_string()))
            .copied()
            .unwrap_or(0);
        match actual {
            0 => assert_eq!(shown, "0", "{line}: a true zero shows as 0"),
            1..=4 => assert_eq!(shown, "c", "{line}: {actual} must be suppressed"),
            _ => assert!(
                shown == "c" || shown == actual.to_string(),
                "{line}: expected {actual} (or c, if withheld to protect another cell)"
            ),
        }
    }
    let themes: std::collections::BTreeSet<&String> = expected.keys().map(|(t, _)| t).collect();
    assert_eq!(
        seen,
        themes.len() * AREAS.len(),
        "one line per theme and area"
    );
    assert!(
        expected.values().any(|n| *n >= 5) && csv.lines().any(|l| l.ends_with(",6")),
        "the demo has figures large enough to show"
    );
    for (line, n) in suppressed_in_row.iter().chain(&suppressed_in_column) {
        assert_ne!(
            *n, 1,
            "{line} has a single suppressed figure, which its total gives away"
        );
    }

    let page = std::fs::read_to_string(national.join("public/national/themes-by-area/index.html"))
        .unwrap();
    assert!(page.contains("role=\"img\""));
    let csv_file =
        std::fs::read_to_string(national.join("public/national/themes-by-area.csv")).unwrap();
    assert_eq!(
        csv_file, csv,
        "the site's CSV and `stats` give the same figures"
    );
}

#[test]
fn a_bundle_edited_after_the_area_built_it_stops_the_national_build() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&examples(), dir.path());
    for (folder, _) in AREAS {
        build(&dir.path().join(folder));
    }
    let bundle = dir.path().join("east/public/learning-bundle.json");
    let text = std::fs::read_to_string(&bundle).unwrap();
    std::fs::write(
        &bundle,
        text.replacen("heavy caseloads", "heavy caseloadz", 1),
    )
    .unwrap();
    let national = dir.path().join("scotland");
    let (code, json) = check_json(&national);
    assert_eq!(code, 1, "{json:#}");
    let finding = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["severity"] == "error")
        .expect("an error finding");
    assert_eq!(finding["kind"], "schema");
    assert_eq!(finding["path"], "../east/public/learning-bundle.json");
    assert!(finding["message"].as_str().unwrap().contains("checksum"));
}
