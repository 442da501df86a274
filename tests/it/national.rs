//! National aggregation end to end: the three demo areas in
//! examples/national build and write their bundles (and, privately, the
//! statistics-only records of the reviews they hold), the national site
//! builds over them, and `stats --by theme,area --format csv` agrees with
//! counts made here, independently, from the areas' own front matter —
//! published and held items alike — with small numbers suppressed. Then:
//! no figure that counts statistics-only records shows or gives away a
//! count from 1 to 4, no such record reaches any output file, the
//! statistics file never goes into an output, a review an area takes off
//! leaves the national site and an older bundle is refused, and what no
//! page shows but the bundle carries is read by the gate.

use std::collections::{BTreeMap, BTreeSet};
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
    let dir = built_demo();
    for (folder, _) in AREAS {
        assert!(
            dir.path()
                .join(folder)
                .join("public/learning-bundle.json")
                .is_file(),
            "{folder} wrote its bundle"
        );
    }
    let national = dir.path().join("scotland");
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
        expected.values().any(|n| *n >= 5)
            && csv.lines().any(|l| l
                .rsplit(',')
                .next()
                .unwrap()
                .parse::<u64>()
                .is_ok_and(|n| n >= 5)),
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

/// What an area's review desk decided travels in its bundle, exactly as
/// `Admission::decided_spans` gives it, and a national site honours it on
/// exactly those spans: without them, or with a span moved by one
/// character, the national gate's own finding stops the build.
#[test]
fn an_areas_desk_decisions_travel_in_its_bundle_and_hold_nationally_on_exactly_those_spans() {
    use clearhouse::decisions::{record, ItemText, NewDecision};
    let dir = fresh_demo();
    let north = dir.path().join("north");
    let rel = "content/reports/nx-2024-03.md";
    let path = north.join(rel);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("\nThe Gloverbrae bus was late that winter.\n");
    std::fs::write(&path, &text).unwrap();
    sign_again(&path);

    let options = clearhouse::load::SiteOptions {
        root: north.clone(),
        register: None,
        today: clearhouse::content::Day::parse(TODAY).unwrap(),
    };
    let Ok(before) = clearhouse::build::check(&options) else {
        panic!("north is checked");
    };
    let finding = before
        .all_findings()
        .into_iter()
        .find(|f| f.path == rel && f.matched == "Gloverbrae")
        .expect("the gate asks about Gloverbrae");
    assert_eq!(
        finding.severity,
        clearhouse::findings::Severity::NeedsDecision
    );
    let item = clearhouse::content::parse_item(
        rel,
        std::fs::read(&path).unwrap(),
        clearhouse::content::ItemKind::Report,
        "North Example CPC",
    )
    .unwrap();
    record(
        &north,
        &NewDecision {
            item: ItemText::of(&item),
            finding: &finding,
            role: "reviewer",
            decided: "2026-11-20T10:00:00Z".into(),
        },
    )
    .unwrap();
    for (folder, _) in AREAS {
        build(&dir.path().join(folder));
    }

    // The bundle carries the desk's decisions, with the entry's checksum.
    let Ok(after) = clearhouse::build::check(&options) else {
        panic!("north is checked");
    };
    let desk = after.decided_spans();
    assert_eq!(desk.len(), 1, "{desk:?}");
    let bundle_path = north.join("public/learning-bundle.json");
    let bundle: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&bundle_path).unwrap()).unwrap();
    let entries = bundle["items"].as_array().unwrap();
    let carrying: Vec<&serde_json::Value> = entries
        .iter()
        .filter(|e| e.get("decided").is_some())
        .collect();
    assert_eq!(carrying.len(), 1, "only the decided item carries spans");
    let entry = carrying[0];
    assert_eq!(entry["review_id"], "NX-2024-03");
    assert_eq!(entry["decided"]["sha256"], entry["sha256"]);
    assert_eq!(entry["decided"]["sha256"], desk[0].sha256.as_str());
    assert_eq!(
        entry["decided"]["spans"],
        serde_json::to_value(&desk[0].spans).unwrap()
    );

    // Honoured nationally: the item is published there.
    let national = dir.path().join("scotland");
    build(&national);
    assert!(national
        .join("public")
        .join(format!(
            "areas/{}/index.html",
            clearhouse::text::slugify("North Example CPC")
        ))
        .is_file());
    let published = std::fs::read_to_string(national.join("public/learning.json")).unwrap();
    assert!(
        published.contains("NX-2024-03"),
        "the decided item is published nationally"
    );

    // Not honoured without its spans, nor on a span one character away.
    let with = |change: &dyn Fn(&mut serde_json::Value)| {
        let mut edited = bundle.clone();
        let entry = edited["items"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|e| e["review_id"] == "NX-2024-03")
            .unwrap();
        change(entry);
        std::fs::write(&bundle_path, serde_json::to_vec_pretty(&edited).unwrap()).unwrap();
        let (code, json) = check_json(&national);
        assert_eq!(code, 1, "{json:#}");
        let open: Vec<&serde_json::Value> = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == "needs-decision")
            .collect();
        assert_eq!(open.len(), 1, "{json:#}");
        assert_eq!(open[0]["kind"], finding.kind.as_str());
        assert_eq!(open[0]["length"], finding.length);
    };
    with(&|entry| {
        entry.as_object_mut().unwrap().remove("decided");
    });
    with(&|entry| {
        let column = &mut entry["decided"]["spans"][0]["column"];
        *column = (column.as_u64().unwrap() + 1).into();
    });
}

/// The demo copied to a fresh folder, each area built (its bundle in
/// `public/`, its statistics-only records in `private/`), and the national
/// site built over them. `.clearhouse/` folders a developer's own build of
/// the demo may have left are not copied.
fn built_demo() -> tempfile::TempDir {
    let dir = fresh_demo();
    for (folder, _) in AREAS {
        build(&dir.path().join(folder));
    }
    build(&dir.path().join("scotland"));
    dir
}

/// The demo copied to a fresh folder, without what a developer's own
/// build of it may have left (outputs, `.clearhouse/`, statistics files).
fn fresh_demo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&examples(), dir.path());
    for folder in ["north", "south", "east", "scotland"] {
        let root = dir.path().join(folder);
        let _ = std::fs::remove_dir_all(root.join(".clearhouse"));
        let _ = std::fs::remove_dir_all(root.join("public"));
        let _ = std::fs::remove_file(root.join("private/statistics-only.json"));
        let _ = std::fs::remove_file(root.join("private/decisions.key"));
        let _ = std::fs::remove_file(root.join("decisions.toml"));
    }
    dir
}

/// What an item file of the demo says, from its own text: everything that
/// must never reach an output file when the item is not published.
struct Unpublished {
    area: &'static str,
    markers: Vec<String>,
    /// Its age band, themes (its own and its strategies') and trigger:
    /// what its statistics-only record says, in a combination no
    /// published item has (empty when one has it: it then says nothing).
    combination: BTreeSet<String>,
}

/// An item's age band, themes (its own and its strategies') and trigger.
fn combination(front: &toml::Table) -> BTreeSet<String> {
    let strings = |v: Option<&toml::Value>| -> Vec<String> {
        v.and_then(|v| v.as_array())
            .into_iter()
            .flatten()
            .filter_map(|t| t.as_str().map(str::to_string))
            .collect()
    };
    let mut set: BTreeSet<String> = strings(front.get("themes")).into_iter().collect();
    for strategy in front["strategies"].as_array().unwrap() {
        set.extend(strings(strategy.get("themes")));
    }
    for key in ["age_band", "trigger"] {
        if let Some(value) = front.get(key).and_then(|v| v.as_str()) {
            set.insert(value.to_string());
        }
    }
    set
}

/// The unpublished items whose combination some list entry of a JSON
/// output file carries whole (every string of it somewhere in the entry).
fn combinations_in(text: &str, records: &[Unpublished]) -> Vec<String> {
    fn strings(value: &serde_json::Value, out: &mut BTreeSet<String>) {
        match value {
            serde_json::Value::String(s) => {
                out.insert(s.clone());
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
            serde_json::Value::Object(o) => o.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }
    fn entries<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a serde_json::Value>) {
        match value {
            serde_json::Value::Array(a) => {
                for v in a {
                    if v.is_object() {
                        out.push(v);
                    }
                    entries(v, out);
                }
            }
            serde_json::Value::Object(o) => o.values().for_each(|v| entries(v, out)),
            _ => {}
        }
    }
    let Ok(json) = serde_json::from_str::<serde_json::Value>(text) else {
        return Vec::new();
    };
    let mut list = Vec::new();
    entries(&json, &mut list);
    let mut found = Vec::new();
    for entry in list {
        let mut carried = BTreeSet::new();
        strings(entry, &mut carried);
        for record in records {
            if !record.combination.is_empty() && record.combination.is_subset(&carried) {
                found.push(format!("{:?} ({})", record.combination, record.area));
            }
        }
    }
    found
}

/// The demo's items that are not published (held or withheld), with the
/// words of each that only it has: review id, title, strategy titles,
/// body sentences and responsible organisations no published item names.
fn unpublished(root: &Path) -> Vec<Unpublished> {
    let mut published_text = String::new();
    let mut published_combinations = Vec::new();
    let mut held = Vec::new();
    for (folder, area) in AREAS {
        for entry in walkdir::WalkDir::new(root.join(folder).join("content")) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "md") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let front: toml::Table = toml::from_str(text.split("+++\n").nth(1).unwrap()).unwrap();
            let publication = front["publication"].as_table().unwrap();
            let is_held = publication["decision"].as_str() == Some("withheld")
                || publication.get("proceedings").and_then(|p| p.as_str()) == Some("ongoing")
                || publication.contains_key("embargo_until")
                || front
                    .get("signoff")
                    .and_then(|s| s.as_table())
                    .is_none_or(|s| !s.contains_key("cog"));
            if !is_held {
                published_text.push_str(&text);
                published_combinations.push(combination(&front));
                continue;
            }
            let id = front["review_id"].as_str().unwrap().to_string();
            let mut markers = vec![
                id.clone(),
                id.to_lowercase(),
                front["title"].as_str().unwrap().to_string(),
            ];
            for strategy in front["strategies"].as_array().unwrap() {
                markers.push(strategy["title"].as_str().unwrap().to_string());
                for org in strategy["responsible"].as_array().unwrap() {
                    markers.push(org.as_str().unwrap().to_string());
                }
            }
            let body = text.splitn(3, "+++\n").nth(2).unwrap();
            markers.extend(
                body.lines()
                    .filter(|l| !l.starts_with('#') && l.len() > 40)
                    .map(|l| l[..40].to_string()),
            );
            held.push(Unpublished {
                area,
                markers,
                combination: combination(&front),
            });
        }
    }
    // Words a published item shares are not the unpublished one's own.
    for item in &mut held {
        item.markers
            .retain(|m| !published_text.contains(m.as_str()));
        if published_combinations
            .iter()
            .any(|c| item.combination.is_subset(c))
        {
            item.combination.clear();
        }
    }
    held
}

/// A figure as output shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    Count(u64),
    C,
}

/// Every figure of every CSV file under `/national/`, keyed by what it
/// counts (items or strategies, and the value of each dimension it is
/// for; a total leaves out the dimension it adds over), and the lines a
/// reader can add up: the figures of a row or column and its total.
/// A line a reader can add up: its figures' keys, and its total's.
type Line = (Vec<String>, String);

fn published_figures(dir: &Path) -> (BTreeMap<String, Shown>, Vec<Line>) {
    let mut figures = BTreeMap::new();
    let mut lines = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        let csv = std::fs::read_to_string(&path).unwrap();
        let mut rows = csv.lines();
        let header: Vec<String> = rows.next().unwrap().split(',').map(String::from).collect();
        let dims = &header[..header.len() - 1];
        let unit = if dims
            .iter()
            .any(|d| ["responsible", "clear", "review"].contains(&d.as_str()))
        {
            "strategies"
        } else {
            "items"
        };
        let key = |values: &[&str]| {
            let mut parts: Vec<String> = dims
                .iter()
                .zip(values)
                .filter(|(_, v)| **v != "Total")
                .map(|(d, v)| format!("{d}={v}"))
                .collect();
            parts.sort();
            format!("{unit}:{}", parts.join("|"))
        };
        let mut in_this_file = std::collections::BTreeSet::new();
        let mut by_row: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut by_column: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for row in rows {
            // Values in these files hold no commas or quotes.
            let fields: Vec<&str> = row.split(',').collect();
            let (values, shown) = fields.split_at(fields.len() - 1);
            let shown = match shown[0] {
                "c" => Shown::C,
                n => Shown::Count(n.parse().unwrap_or_else(|_| panic!("{row}"))),
            };
            let k = key(values);
            in_this_file.insert(k.clone());
            if let Some(before) = figures.insert(k.clone(), shown) {
                assert_eq!(before, shown, "{k} is shown two ways");
            }
            if values.len() == 2 {
                by_row
                    .entry(values[0].to_string())
                    .or_default()
                    .push(values[1].to_string());
                by_column
                    .entry(values[1].to_string())
                    .or_default()
                    .push(values[0].to_string());
            }
        }
        if dims.len() == 1 {
            let cells: Vec<String> = csv
                .lines()
                .skip(1)
                .map(|l| l.rsplit_once(',').unwrap().0)
                .filter(|v| *v != "Total")
                .map(|v| key(&[v]))
                .collect();
            if in_this_file.contains(&key(&["Total"])) {
                lines.push((cells, key(&["Total"])));
            }
            continue;
        }
        let add = |lines: &mut Vec<Line>, cells: Vec<String>, total: String| {
            if in_this_file.contains(&total) {
                lines.push((cells, total));
            }
        };
        for (row, columns) in &by_row {
            let cells = columns
                .iter()
                .filter(|c| *c != "Total")
                .map(|c| key(&[row, c]))
                .collect();
            add(&mut lines, cells, key(&[row, "Total"]));
        }
        for (column, rows) in &by_column {
            let cells = rows
                .iter()
                .filter(|r| *r != "Total")
                .map(|r| key(&[r, column]))
                .collect();
            add(&mut lines, cells, key(&["Total", column]));
        }
    }
    (figures, lines)
}

/// What a reader can work out of the `c`s from the totals shown: each is
/// at least 1, each line adds up, and bounds are narrowed until nothing
/// changes. Returns the figures pinned to one value, with it.
fn pinned(
    figures: &BTreeMap<String, Shown>,
    lines: &[(Vec<String>, String)],
) -> Vec<(String, i64)> {
    let mut bounds: BTreeMap<&String, (i64, Option<i64>)> = figures
        .iter()
        .filter(|(_, s)| **s == Shown::C)
        .map(|(k, _)| (k, (1, None)))
        .collect();
    let value = |k: &String| match figures[k] {
        Shown::Count(n) => n as i64,
        Shown::C => unreachable!(),
    };
    for _ in 0..500 {
        let mut changed = false;
        for (cells, total) in lines {
            let terms: Vec<(&String, i64)> =
                cells.iter().map(|c| (c, 1)).chain([(total, -1)]).collect();
            let known: i64 = terms
                .iter()
                .filter(|(k, _)| !bounds.contains_key(k))
                .map(|(k, c)| c * value(k))
                .sum();
            let unknown: Vec<(&String, i64)> = terms
                .into_iter()
                .filter(|(k, _)| bounds.contains_key(k))
                .collect();
            for (u, cu) in &unknown {
                let (mut lo, mut hi) = (Some(0i64), Some(0i64));
                for (v, cv) in &unknown {
                    if v != u {
                        let (l, h) = bounds[v];
                        let (a, b) = if *cv > 0 {
                            (Some(l), h)
                        } else {
                            (h.map(|h| -h), Some(-l))
                        };
                        lo = lo.zip(a).map(|(x, y)| x + y);
                        hi = hi.zip(b).map(|(x, y)| x + y);
                    }
                }
                let (new_lo, new_hi) = if *cu > 0 {
                    (hi.map(|h| -known - h), lo.map(|l| -known - l))
                } else {
                    (lo.map(|l| known + l), hi.map(|h| known + h))
                };
                let entry = bounds.get_mut(u).unwrap();
                if let Some(l) = new_lo.filter(|l| *l > entry.0) {
                    entry.0 = l;
                    changed = true;
                }
                if let Some(h) = new_hi.filter(|h| entry.1.is_none_or(|e| *h < e)) {
                    entry.1 = Some(h);
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    bounds
        .into_iter()
        .filter(|(_, (lo, hi))| *hi == Some(*lo))
        .map(|(k, (lo, _))| (k.clone(), lo))
        .collect()
}

/// Numbers a page shows as figures: table cells, numbers drawn in its
/// charts, and the figures its sentences quote.
fn figures_on_page(html: &str) -> Vec<u64> {
    let mut numbers = Vec::new();
    let cell = regex::Regex::new(r#"class="figures__number[^"]*">(.*?)</t[dh]>"#).unwrap();
    let text = regex::Regex::new(r"<text[^>]*>([^<]*)</text>").unwrap();
    let quoted = regex::Regex::new(r"\((\d+)\)|\((\d+) against (\d+)\)").unwrap();
    let tag = regex::Regex::new("<[^>]*>").unwrap();
    for found in cell.captures_iter(html) {
        let inner = tag.replace_all(&found[1], "");
        if let Ok(n) = inner.trim().parse() {
            numbers.push(n);
        }
    }
    for found in text.captures_iter(html) {
        if let Ok(n) = found[1].trim().parse() {
            numbers.push(n);
        }
    }
    let reading = html
        .find("chart__reading")
        .map(|at| &html[at..html[at..].find("</p>").map_or(html.len(), |e| at + e)])
        .unwrap_or("");
    for found in quoted.captures_iter(reading) {
        for group in found.iter().skip(1).flatten() {
            numbers.push(group.as_str().parse().unwrap());
        }
    }
    numbers
}

#[test]
fn statistics_only_records_are_counted_nationally_and_never_shown() {
    let dir = built_demo();
    let national = dir.path().join("scotland");
    let out = national.join("public");

    // The areas' records went to private/, beside the register, named by
    // their digest in the public bundle and nowhere else.
    for (folder, _) in AREAS {
        let root = dir.path().join(folder);
        let file = std::fs::read(root.join("private/statistics-only.json")).unwrap();
        let digest: String = {
            use sha2::Digest;
            sha2::Sha256::digest(&file)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect()
        };
        let bundle: serde_json::Value = serde_json::from_slice(
            &std::fs::read(root.join("public/learning-bundle.json")).unwrap(),
        )
        .unwrap();
        assert_eq!(bundle["statistics_sha256"], digest.as_str(), "{folder}");
    }

    // The comparison pages count all reviews reported, and show no figure
    // from 1 to 4.
    let national_pages = out.join("national");
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&national_pages) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let html = std::fs::read_to_string(entry.path()).unwrap();
        for n in figures_on_page(&html) {
            assert!(
                !(1..=4).contains(&n),
                "{} shows {n}",
                entry.path().display()
            );
        }
        assert!(
            html.contains("all reviews reported"),
            "{} says what it counts",
            entry.path().display()
        );
    }
    assert_eq!(pages, 6, "the index and five comparisons");

    // No c can be worked out from the totals the CSV files show, across
    // all of them at once; and what a row or column hides together is
    // itself never a small number.
    let (figures, lines) = published_figures(&national_pages);
    assert!(
        figures.values().any(|s| *s == Shown::C),
        "the demo's figures are small"
    );
    assert!(figures
        .values()
        .any(|s| matches!(s, Shown::Count(n) if *n >= 5)));
    for (key, shown) in &figures {
        if let Shown::Count(n) = shown {
            assert!(!(1..=4).contains(n), "{key} is {n}");
        }
    }
    for (cells, total) in &lines {
        let hidden: Vec<&String> = cells.iter().filter(|c| figures[*c] == Shown::C).collect();
        if let Shown::Count(t) = figures[total] {
            let shown: u64 = cells
                .iter()
                .filter_map(|c| match figures[c] {
                    Shown::Count(n) => Some(n),
                    Shown::C => None,
                })
                .sum();
            match hidden.len() {
                0 => assert_eq!(shown, t, "{total} adds up"),
                1 => panic!("{} is {total} minus the others", hidden[0]),
                m => assert!(
                    t - shown >= 5 && t - shown != m as u64,
                    "{hidden:?} add up to {}",
                    t - shown
                ),
            }
        }
    }
    let worked_out: Vec<_> = pinned(&figures, &lines)
        .into_iter()
        .filter(|(_, n)| *n < 5)
        .collect();
    assert!(worked_out.is_empty(), "{worked_out:?}");

    // `clearhouse stats` counts all reviews reported, suppressed, and is
    // safe beside the pages whatever it is asked.
    for by in [
        "area",
        "theme,area",
        "year,area",
        "age,trigger",
        "trigger",
        "kind,year",
        "responsible,area",
        "clear",
        "theme,age",
    ] {
        let out = clearhouse(&national, &["stats", "--by", by, "--format", "csv"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        for line in String::from_utf8(out.stdout).unwrap().lines().skip(1) {
            let count = line.rsplit(',').next().unwrap();
            if let Ok(n) = count.parse::<u64>() {
                assert!(!(1..=4).contains(&n), "stats --by {by}: {line}");
            }
        }
    }
    let areas = clearhouse(&national, &["stats", "--by", "area", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&areas.stdout).unwrap();
    assert_eq!(json["population"], "all-reported");
    let total = json["total"]
        .as_u64()
        .expect("the total over areas is shown");
    let published = clearhouse(
        &national,
        &["stats", "--by", "area", "--published", "--format", "json"],
    );
    let published: serde_json::Value = serde_json::from_slice(&published.stdout).unwrap();
    assert_eq!(published["population"], "published");
    assert_eq!(published["total"], 15, "the demo publishes 15 items");
    let records = unpublished(dir.path());
    assert_eq!(
        total,
        15 + records.len() as u64,
        "every review reported is counted once"
    );

    // Listings of published items keep their exact counts and say so.
    let areas_page = std::fs::read_to_string(out.join("areas/index.html")).unwrap();
    assert!(areas_page.contains("published review"), "{areas_page}");
    assert!(
        areas_page.contains("3 published reviews"),
        "East publishes 3"
    );

    // No statistics-only record, nor what only it says, nor its fields in a
    // combination no published item has, reaches any output file, local or
    // national.
    assert!(!records.is_empty());
    assert!(
        records.iter().any(|r| !r.combination.is_empty()),
        "some unpublished review has a combination of its own"
    );
    let own = records.iter().find(|r| !r.combination.is_empty()).unwrap();
    let carrying = serde_json::json!({ "items": [{ "tags": own.combination }] });
    assert_eq!(
        combinations_in(&carrying.to_string(), &records).len(),
        1,
        "the check sees a combination when it is there"
    );
    let mut outputs = vec![out.clone()];
    outputs.extend(
        AREAS
            .iter()
            .map(|(folder, _)| dir.path().join(folder).join("public")),
    );
    for output in outputs {
        for (path, bytes) in output_files(&output) {
            let text = readable(&bytes);
            assert!(!text.contains("clearhouse-statistics"), "{path}");
            assert!(!text.contains("\"nonce\""), "{path}");
            let combinations = combinations_in(&text, &records);
            assert!(
                combinations.is_empty(),
                "{}: {path} carries {combinations:?}",
                output.display()
            );
            for record in &records {
                for marker in &record.markers {
                    assert!(
                        !text.contains(marker.as_str()),
                        "{} ({}): {path} carries {marker:?}",
                        output.display(),
                        record.area
                    );
                }
            }
        }
    }
}

#[test]
fn the_statistics_file_is_never_written_into_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let root = &dir.path().join("east");
    copy_dir(&examples().join("east"), root);
    let config = std::fs::read_to_string(root.join("config.toml")).unwrap();
    let elsewhere = root.join("site").display().to_string();
    for (setting, output) in [
        ("public/statistics.json", None),
        ("site/records.json", Some(elsewhere.as_str())),
        ("static/records.json", None),
        ("private/../public/x.json", None),
    ] {
        std::fs::write(
            root.join("config.toml"),
            format!("{config}\n[national]\nstatistics_file = \"{setting}\"\n"),
        )
        .unwrap();
        let mut args = vec!["build", "--quiet"];
        if let Some(output) = output {
            args.extend(["--output", output]);
        }
        let out = clearhouse(root, &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{setting}: {stderr}");
        assert!(stderr.contains("statistics_file"), "{setting}: {stderr}");
        assert!(
            !root.join("public").exists() && !root.join("site").exists(),
            "{setting}: nothing written"
        );
    }
    std::fs::write(
        root.join("config.toml"),
        format!("{config}\n[national]\nstatistics_file = \"../to-national/east.json\"\n"),
    )
    .unwrap();
    build(root);
    assert!(dir.path().join("to-national/east.json").is_file());
    assert!(!root.join("private/statistics-only.json").exists());
}

/// `CLEARHOUSE_BUILD_TIME` for a build.
fn build_at(root: &Path, time: &str) {
    let out = clearhouse_with(
        root,
        &["build", "--quiet"],
        &[("CLEARHOUSE_BUILD_TIME", time)],
    );
    assert!(
        out.status.success(),
        "building {} at {time} failed: {}",
        root.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_review_taken_off_by_its_area_leaves_the_national_site_and_never_comes_back_silently() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&examples(), dir.path());
    for folder in ["north", "south", "east", "scotland"] {
        let _ = std::fs::remove_dir_all(dir.path().join(folder).join(".clearhouse"));
    }
    for (folder, _) in AREAS {
        build_at(&dir.path().join(folder), "2026-11-20T10:00:00Z");
    }
    let national = dir.path().join("scotland");
    build_at(&national, "2026-11-20T11:00:00Z");
    let page = national.join("public/learning/north-example-cpc/nx-2023-01/index.html");
    assert!(page.is_file());
    let north = dir.path().join("north");
    let old_bundle = std::fs::read(north.join("public/learning-bundle.json")).unwrap();
    let old_statistics = std::fs::read(north.join("private/statistics-only.json")).unwrap();

    // The area holds the review again (the COG withdrew its decision to
    // publish), rebuilds, and the national site drops it at its next build.
    let item = north.join("content/reports/nx-2023-01.md");
    let text = std::fs::read_to_string(&item).unwrap();
    std::fs::write(
        &item,
        text.replace("decision = \"publish\"", "decision = \"withheld\""),
    )
    .unwrap();
    build_at(&north, "2026-11-25T09:00:00Z");
    build_at(&national, "2026-11-25T10:00:00Z");
    assert!(
        !page.exists(),
        "the withheld review is gone from the national site"
    );
    let published = std::fs::read_to_string(national.join("public/learning.json")).unwrap();
    assert!(!published.contains("NX-2023-01"));

    // The older bundle is refused, naming the area and both times.
    std::fs::write(north.join("public/learning-bundle.json"), &old_bundle).unwrap();
    std::fs::write(north.join("private/statistics-only.json"), &old_statistics).unwrap();
    let before = output_files(&national.join("public"));
    let out = clearhouse_with(
        &national,
        &["build"],
        &[("CLEARHOUSE_BUILD_TIME", "2026-11-26T08:00:00Z")],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for expected in [
        "North Example CPC",
        "2026-11-20T10:00:00Z",
        "2026-11-25T09:00:00Z",
        ".clearhouse/national-sources.toml",
    ] {
        assert!(stderr.contains(expected), "{expected} in {stderr}");
    }
    assert_eq!(
        output_files(&national.join("public")),
        before,
        "the site is left as it was"
    );
    let (code, json) = check_json(&national);
    assert_eq!(code, 1);
    assert!(json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "bundle-rollback"));

    // Going back on purpose: the area's entry is deleted from the record.
    let state = national.join(".clearhouse/national-sources.toml");
    let record = std::fs::read_to_string(&state).unwrap();
    let kept: String = record
        .split("\n[[area]]\n")
        .filter(|part| !part.contains("North Example CPC"))
        .collect::<Vec<_>>()
        .join("\n[[area]]\n");
    std::fs::write(&state, kept).unwrap();
    build_at(&national, "2026-11-26T09:00:00Z");
    assert!(
        page.is_file(),
        "the old bundle is used once that is asked for"
    );
}

#[test]
fn what_no_page_shows_is_still_read_by_the_gate_before_it_goes_into_the_bundle() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&examples().join("north"), dir.path());
    let root = dir.path();
    let item = root.join("content/reports/nx-2024-03.md");
    let text = std::fs::read_to_string(&item).unwrap();
    // "Tamsin Northley" is in the area's register. Base64 of it:
    // VGFtc2luIE5vcnRobGV5.
    let hidden = "\n<!-- &#84;amsin &#78;orthley was interviewed -->\n\n![](data:text/plain;base64,VGFtc2luIE5vcnRobGV5)\n\n<span title=\"Tamsin%20Northley\">A note.</span>\n";
    let edited = format!("{text}{hidden}");
    std::fs::write(&item, &edited).unwrap();
    let (code, json) = check_json(root);
    assert_eq!(code, 1, "{json:#}");
    let lines: BTreeMap<u64, String> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == "content/reports/nx-2024-03.md" && f["kind"] == "register")
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let line_of =
        |needle: &str| edited.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1;
    for needle in ["&#84;amsin", "data:text/plain", "Tamsin%20Northley"] {
        assert!(lines.contains_key(&line_of(needle)), "{needle}: {lines:#?}");
    }
    let out = clearhouse(root, &["build", "--quiet"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!root.join("public/learning-bundle.json").exists());

    // An image carried as a data: URL cannot be read: it is refused.
    let pixel = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
    std::fs::write(
        &item,
        format!("{text}\n![](data:image/png;base64,{pixel})\n"),
    )
    .unwrap();
    let (code, json) = check_json(root);
    assert_eq!(code, 1);
    assert!(json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "data-url-binary"));
}
