//! Renders the shared good-site sample and checks the output the way a
//! reader, a crawler and a feed reader would meet it.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use regex::Regex;

use super::render_site;
use crate::config::Config;
use crate::content::{self, Day};
use crate::files::OutputFile;
use crate::site::Site;

const GOOD_SITE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/samples/good-site"
);
const TODAY: &str = "2026-11-26";
const REVIEW_IDS: [&str; 8] = [
    "sa-2022-03",
    "sa-2023-01",
    "sa-2023-02",
    "sa-2024-01",
    "sa-2024-02",
    "sa-2024-03",
    "sa-2024-04",
    "sa-2025-01",
];

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of the good site, changed by `edit`, with all its items: every
/// item of the sample is valid, signed off and due on `TODAY` (what a
/// build publishes is admission's to decide, and tested there).
fn good_site(edit: impl FnOnce(&Path)) -> (tempfile::TempDir, Site) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new(GOOD_SITE), dir.path());
    edit(dir.path());
    let root: PathBuf = dir.path().to_path_buf();
    let config = Config::load(&root).unwrap();
    let today = Day::parse(TODAY).unwrap();
    let vocabulary = content::Vocabulary::new(&config.taxonomy.extra_themes);
    let loaded = content::load(&root, config.area.as_deref().unwrap(), &config.limits);
    assert!(loaded.findings.is_empty(), "{:?}", loaded.findings);
    let items: Vec<_> = loaded
        .items
        .into_iter()
        .filter(|item| {
            !content::validate(item, &vocabulary)
                .iter()
                .any(|f| f.is_error())
        })
        .collect();
    (dir, Site::new(config, root, today, items))
}

fn set_config(root: &Path, from: &str, to: &str) {
    let path = root.join("config.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "config.toml has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn by_path(files: &[OutputFile]) -> BTreeMap<String, String> {
    files
        .iter()
        .map(|f| {
            (
                f.path.clone(),
                String::from_utf8_lossy(&f.bytes).into_owned(),
            )
        })
        .collect()
}

fn page<'a>(files: &'a BTreeMap<String, String>, path: &str) -> &'a str {
    files
        .get(path)
        .unwrap_or_else(|| panic!("{path} was not rendered"))
}

/// A build has the site handed over a group at a time as it renders (item
/// pages first, to search) and writes what passes its scan; the site must
/// be the same file for file, every page and data file handed over once,
/// item pages first and in the site's order, the theme's assets (which a
/// static file may replace) kept back.
#[test]
fn streaming_renders_the_same_site_and_hands_over_each_item_page_in_order() {
    let (_dir, site) = good_site(|_| {});
    let whole = render_site(&site).unwrap();
    let mut handed: Vec<OutputFile> = Vec::new();
    // Every other group is kept, to show that what is returned is what
    // the render returns.
    let mut groups = 0;
    let kept = super::render_site_streaming(&site, &mut |batch| {
        groups += 1;
        if groups % 2 == 0 {
            return batch;
        }
        handed.extend(batch);
        Vec::new()
    })
    .unwrap();
    assert!(groups > 2, "{groups} group(s)");
    let expected: Vec<String> = site
        .items
        .iter()
        .map(|item| format!("{}index.html", site.item_path(item)))
        .collect();
    let handed_first: Vec<&String> = handed
        .iter()
        .take(expected.len())
        .map(|f| &f.path)
        .collect();
    assert_eq!(
        handed_first,
        expected.iter().collect::<Vec<_>>(),
        "item pages come first"
    );
    let as_map = |files: &[OutputFile]| -> BTreeMap<String, Vec<u8>> {
        files
            .iter()
            .map(|f| (f.path.clone(), f.bytes.clone()))
            .collect()
    };
    let assets: Vec<&String> = kept
        .iter()
        .map(|f| &f.path)
        .filter(|p| p.starts_with("assets/"))
        .collect();
    assert!(!assets.is_empty());
    assert!(!handed.iter().any(|f| f.path.starts_with("assets/")));
    let mut streamed = handed;
    streamed.extend(kept);
    assert_eq!(streamed.len(), whole.len());
    assert!(
        as_map(&streamed) == as_map(&whole),
        "the streamed site differs"
    );
}

#[test]
fn an_update_renders_the_same_listings_and_sitemap_as_a_full_render() {
    let (_dir, site) = good_site(|_| {});
    let whole = by_path(&render_site(&site).unwrap());
    let theme = super::Theme::load(&site.root, &site.config.theme).unwrap();
    let changed = vec![site.items[2].source.path.clone()];
    let update = by_path(
        &super::render_update(&site, &theme, &mut super::ViewCache::default(), &changed).unwrap(),
    );
    assert_eq!(update["sitemap.xml"], whole["sitemap.xml"]);
    for (path, text) in &update {
        assert_eq!(text, &whole[path], "{path}");
    }
    let item_pages = update
        .keys()
        .filter(|p| p.starts_with("learning/") && p.matches('/').count() == 2)
        .count();
    assert_eq!(item_pages, 1, "only the changed item's page is rendered");
}

#[test]
fn every_good_site_item_gets_a_page() {
    let (_dir, site) = good_site(|_| {});
    assert_eq!(site.items.len(), 8);
    let files = by_path(&render_site(&site).unwrap());
    for id in REVIEW_IDS {
        let html = page(&files, &format!("learning/{id}/index.html"));
        assert!(
            html.contains(&id.to_uppercase()),
            "{id} page does not show its review id"
        );
        assert!(
            html.contains("data-pagefind-body"),
            "{id} page is not marked for search"
        );
    }
    for path in [
        "index.html",
        "learning/index.html",
        "themes/index.html",
        "themes/neglect/index.html",
        "themes/neglect/atom.xml",
        "clear/index.html",
        "clear/case-for-change/index.html",
        "clear/learning/index.html",
        "clear/evidence/index.html",
        "clear/responsibility/index.html",
        "clear/review/index.html",
        "effective-practice/index.html",
        "areas/index.html",
        "areas/sample-cpc/index.html",
        "years/index.html",
        "years/2025/index.html",
        "accessibility/index.html",
        "about/index.html",
        "search/index.html",
        "404.html",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        "learning.json",
        "assets/site.css",
        "assets/site.js",
    ] {
        assert!(files.contains_key(path), "{path} missing");
    }
    for path in ["pagefind/pagefind.js", "learning-bundle.json"] {
        assert!(
            !files.contains_key(path),
            "{path} belongs to another module"
        );
    }
}

#[test]
fn the_clear_gap_strategy_is_shown_incomplete_with_review_missing() {
    let (_dir, site) = good_site(|_| {});
    let files = by_path(&render_site(&site).unwrap());
    let html = page(&files, "learning/sa-2023-02/index.html");
    let start = html
        .find("id=\"strategy-2\"")
        .expect("the strategy has an anchor");
    let card = &html[start..];
    let card = &card[..card.find("</article>").unwrap()];
    assert!(card.contains("4 of 5 — Review missing"), "{card}");
    assert!(
        card.contains("Review <span class=\"component__flag\">(missing)</span>"),
        "{card}"
    );
    assert_eq!(
        html.matches("5 of 5 — complete").count(),
        2,
        "the other two strategies are complete"
    );

    let review = page(&files, "clear/review/index.html");
    let undated = &review[review.find("id=\"undated\"").unwrap()..];
    assert!(
        undated.contains("Say a child was not brought"),
        "listed without a review date"
    );
    let overdue =
        &review[review.find("id=\"overdue\"").unwrap()..review.find("id=\"due\"").unwrap()];
    assert!(
        overdue.contains("Overdue"),
        "the sample has review dates before November 2026"
    );
    assert!(
        overdue.contains("Assess coercive control"),
        "2025-06 is overdue in November 2026"
    );
}

/// The sample site's strategy on children not brought to appointments
/// (SA-2023-02), for tests that change it.
fn not_brought_strategy(site: &mut Site) -> &mut crate::content::Strategy {
    site.items
        .iter_mut()
        .find(|i| i.meta.review_id == "SA-2023-02")
        .unwrap()
        .meta
        .strategies
        .iter_mut()
        .find(|s| s.title.starts_with("Say a child was not brought"))
        .unwrap()
}

#[test]
fn a_clear_category_page_quotes_a_line_of_its_own_component_and_links_the_rest() {
    let (_dir, mut site) = good_site(|_| {});
    let long =
        "Evidence from the chronology shows that each concern was judged on its own, ".repeat(6);
    let strategy = not_brought_strategy(&mut site);
    strategy.evidence = Some(long.clone());
    let case_for_change = strategy
        .case_for_change
        .clone()
        .expect("the sample sets it out");
    let files = by_path(&render_site(&site).unwrap());
    let html = page(&files, "clear/evidence/index.html");
    let row = &html[html.find("Say a child was not brought").unwrap()..];
    let row = &row[..row.find("</li>").unwrap()];
    let quote = &row[row.find("<blockquote").expect("the component is quoted")..];
    let quote = &quote[..quote.find("</blockquote>").unwrap()];
    assert!(quote.contains("Evidence from the chronology"), "{quote}");
    assert!(quote.contains('…'), "cut to a line: {quote}");
    assert!(
        quote.chars().count() < super::library::QUOTE_CHARS + 80,
        "{quote}"
    );
    assert!(
        !row.contains(&case_for_change),
        "only its own component: {row}"
    );
    // The item page keeps the whole text.
    let item = page(&files, "learning/sa-2023-02/index.html");
    assert!(item.contains(long.trim()), "the item page shows it all");
    // The meter marks only what is missing, and says it in words.
    let review = page(&files, "clear/review/index.html");
    let undated = &review[review.find("id=\"undated\"").unwrap()..];
    assert!(
        undated.contains("<span class=\"is-missing\">R</span>"),
        "{undated}"
    );
    assert!(undated.contains("Review missing"), "{undated}");
}

/// The responsibility page's section for one organisation, by its anchor.
fn organisation_section<'a>(html: &'a str, anchor: &str) -> &'a str {
    let from = html
        .find(&format!("id=\"{anchor}\""))
        .expect("an anchor per organisation");
    let section = &html[from..];
    &section[..section.find("</section>").unwrap()]
}

#[test]
fn responsibility_groups_strategies_by_organisation() {
    let (_dir, site) = good_site(|_| {});
    let files = by_path(&render_site(&site).unwrap());
    let html = page(&files, "clear/responsibility/index.html");
    let section = organisation_section(html, "org-general-practice");
    assert!(section.contains("Say a child was not brought"), "{section}");
}

#[test]
fn a_strategy_naming_an_organisation_twice_is_listed_once_under_it() {
    let (_dir, mut site) = good_site(|_| {});
    let strategy = not_brought_strategy(&mut site);
    strategy.responsible = ["General practice", "Health board", "general practice."]
        .map(String::from)
        .to_vec();
    let files = by_path(&render_site(&site).unwrap());
    let html = page(&files, "clear/responsibility/index.html");
    let section = organisation_section(html, "org-general-practice");
    assert_eq!(
        section.matches("Say a child was not brought").count(),
        1,
        "{section}"
    );
}

#[test]
fn scripts_handlers_and_javascript_links_in_a_body_never_reach_the_page() {
    let (_dir, mut site) = good_site(|_| {});
    let item = site
        .items
        .iter_mut()
        .find(|i| i.meta.review_id == "SA-2023-02")
        .unwrap();
    item.source.text.push_str(concat!(
        "\n<script>alert('x')</script>\n\n",
        "<img src=\"/images/clear-headings.png\" onerror=\"alert('y')\">\n\n",
        "[Read more](javascript:alert('z')) <a href=\"javascript:alert('w')\">more</a>\n",
    ));
    item.meta.title = "Neglect <script>alert('t')</script>".to_string();
    item.meta.effective_practice[0].why = "<img src=x onerror=alert('e')>".to_string();
    let files = by_path(&render_site(&site).unwrap());
    let html = page(&files, "learning/sa-2023-02/index.html");
    assert!(html.contains("Read more"), "the link text stays");
    assert!(
        html.contains("Neglect &lt;script&gt;"),
        "front matter text is escaped, not dropped"
    );
    assert!(page(&files, "atom.xml").contains("Neglect &lt;script&gt;"));
    // Escaped text may still mention these words; markup and live URLs may not.
    for banned in [
        "alert('",
        "<script>alert",
        "onerror=\"",
        "<img src=x",
        "javascript:",
    ] {
        assert!(!html.contains(banned), "{banned} survived");
    }
    // The theme's own script is loaded from a file; nothing is inline.
    assert_eq!(html.matches("<script").count(), 1);
    assert!(html.contains("<script src=\"/assets/site.js\" defer></script>"));
}

#[test]
fn noindex_sites_disallow_crawlers_and_mark_every_page() {
    let (_dir, site) = good_site(|_| {});
    assert!(site.config.noindex, "the good site is an internal site");
    let files = by_path(&render_site(&site).unwrap());
    assert_eq!(page(&files, "robots.txt"), "User-agent: *\nDisallow: /\n");
    for (path, text) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        assert!(
            text.contains("<meta name=\"robots\" content=\"noindex\">"),
            "{path} lacks noindex"
        );
    }

    let (_dir, site) = good_site(|root| set_config(root, "noindex = true", "noindex = false"));
    let files = by_path(&render_site(&site).unwrap());
    let robots = page(&files, "robots.txt");
    assert!(
        robots.contains("Allow: /")
            && robots.contains("Sitemap: https://learning.example.org/sitemap.xml")
    );
    assert!(!page(&files, "index.html").contains("noindex"));
}

#[test]
fn feeds_and_sitemap_are_well_formed_and_list_every_item() {
    let (_dir, site) = good_site(|_| {});
    let files = by_path(&render_site(&site).unwrap());
    let xml_files: Vec<&String> = files.keys().filter(|p| p.ends_with(".xml")).collect();
    assert!(
        xml_files.len() > 3,
        "a site feed, theme feeds and the sitemap"
    );
    for path in xml_files {
        assert_well_formed(page(&files, path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
    for id in REVIEW_IDS {
        let url = format!("https://learning.example.org/learning/{id}/");
        assert!(
            page(&files, "atom.xml").contains(&format!("<id>{url}</id>")),
            "{id} not in atom.xml"
        );
        assert!(
            page(&files, "sitemap.xml").contains(&format!("<loc>{url}</loc>")),
            "{id} not in sitemap"
        );
    }
    let neglect = page(&files, "themes/neglect/atom.xml");
    assert!(neglect.contains("learning/sa-2023-02/") && !neglect.contains("learning/sa-2025-01/"));
    assert!(
        !page(&files, "sitemap.xml").contains("404"),
        "the 404 page is not a destination"
    );
}

#[test]
fn learning_json_is_open_data_with_clear_completeness() {
    let (_dir, site) = good_site(|_| {});
    let files = by_path(&render_site(&site).unwrap());
    let json: serde_json::Value = serde_json::from_str(page(&files, "learning.json")).unwrap();
    assert_eq!(json["schema"], "clearhouse-learning/1");
    assert_eq!(json["items"].as_array().unwrap().len(), 8);
    assert_eq!(json["strategy_count"], 22);
    let item = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["review_id"] == "SA-2023-02")
        .unwrap();
    assert_eq!(
        item["url"],
        "https://learning.example.org/learning/sa-2023-02/"
    );
    let gap = &item["strategies"][1];
    assert_eq!(gap["clear"]["score"], 4);
    assert_eq!(gap["clear"]["missing"], serde_json::json!(["review"]));
    assert!(gap["url"].as_str().unwrap().ends_with("#strategy-2"));
    assert!(item["effective_practice"][0]["why"]
        .as_str()
        .unwrap()
        .starts_with("Teacher 1"));
}

#[test]
fn a_sub_path_base_url_prefixes_every_internal_link() {
    let (dir, site) = good_site(|root| {
        set_config(root, "https://learning.example.org", "https://x.org/sub/");
    });
    let files = render_site(&site).unwrap();
    let pages = by_path(&files);
    let home = page(&pages, "index.html");
    assert!(home.contains("href=\"/sub/assets/site.css\""));
    assert!(home.contains("action=\"/sub/search/\""));
    assert!(page(&pages, "learning/sa-2024-04/index.html")
        .contains("src=\"/sub/images/clear-headings.png\""));
    assert!(page(&pages, "atom.xml").contains("<id>https://x.org/sub/learning/sa-2023-02/</id>"));
    let root_links = Regex::new(r#"(?:href|src|action)="/(?:[^s]|s[^u]|su[^b])"#).unwrap();
    for (path, html) in pages.iter().filter(|(p, _)| p.ends_with(".html")) {
        assert!(
            !root_links.is_match(html),
            "{path} has a link outside /sub/"
        );
    }
    assert_no_broken_links(&files, "/sub/", &dir.path().join("static"), 500);
}

#[test]
fn the_good_site_has_no_broken_internal_links() {
    let (dir, site) = good_site(|_| {});
    let files = render_site(&site).unwrap();
    assert_no_broken_links(&files, "/", &dir.path().join("static"), 500);
}

#[test]
fn a_site_with_nothing_published_yet_still_renders_whole() {
    let (dir, site) = good_site(|_| {});
    let site = Site::new(site.config, site.root, site.today, Vec::new());
    let files = render_site(&site).unwrap();
    let pages = by_path(&files);
    assert!(page(&pages, "learning/index.html").contains("Nothing has been published here yet."));
    assert!(page(&pages, "clear/review/index.html").contains("None."));
    assert_well_formed(page(&pages, "atom.xml")).unwrap();
    let json: serde_json::Value = serde_json::from_str(page(&pages, "learning.json")).unwrap();
    assert_eq!(json["item_count"], 0);
    assert_no_broken_links(&files, "/", &dir.path().join("static"), 50);
}

#[test]
fn a_theme_file_in_the_site_replaces_the_embedded_one() {
    let (_dir, site) = good_site(|root| {
        let theme = root.join("themes/default");
        std::fs::create_dir_all(theme.join("templates")).unwrap();
        std::fs::create_dir_all(theme.join("assets")).unwrap();
        std::fs::write(
            theme.join("templates/404.html"),
            "{% extends \"base.html\" %}{% block main %}<h1>Local 404 for {{ site.title }}</h1>{% endblock main %}",
        )
        .unwrap();
        std::fs::write(theme.join("assets/site.css"), "body { color: black; }\n").unwrap();
    });
    let files = by_path(&render_site(&site).unwrap());
    let not_found = page(&files, "404.html");
    assert!(not_found.contains("<h1>Local 404 for Learning from reviews</h1>"));
    assert!(
        not_found.contains("Leave this site quickly"),
        "the embedded base.html still applies"
    );
    assert_eq!(page(&files, "assets/site.css"), "body { color: black; }\n");
}

#[test]
fn theme_problems_name_the_file_and_the_fix() {
    let (_dir, site) =
        good_site(|root| set_config(root, "theme = \"default\"", "theme = \"civic\""));
    let error = render_site(&site).unwrap_err().to_string();
    assert!(
        error.contains("civic") && error.contains("themes"),
        "{error}"
    );

    let (_dir, site) = good_site(|root| {
        std::fs::create_dir_all(root.join("themes/default/templates")).unwrap();
        std::fs::write(root.join("themes/default/templates/about.html"), "{% if %}").unwrap();
    });
    let error = render_site(&site).unwrap_err().to_string();
    assert!(error.contains("about.html"), "{error}");
}

#[test]
fn every_page_has_the_accessibility_essentials() {
    let (_dir, site) = good_site(|_| {});
    let files = by_path(&render_site(&site).unwrap());
    let id = Regex::new(r#" id="([^"]+)""#).unwrap();
    for (path, html) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        assert!(html.contains("<html lang=\"en-GB\">"), "{path}");
        assert!(
            html.contains("class=\"skip-link\" href=\"#main\""),
            "{path}"
        );
        assert!(html.contains("<main id=\"main\""), "{path}");
        assert!(
            html.contains("<nav class=\"site-nav\" aria-label=\"Main\">"),
            "{path}"
        );
        assert!(
            html.contains("href=\"https://www.bbc.co.uk/weather\""),
            "{path} lacks the leave link"
        );
        assert!(html.contains("name=\"q\""), "{path} lacks the search form");
        assert_eq!(
            html.matches("<h1").count(),
            1,
            "{path} must have exactly one h1"
        );
        assert!(!html.contains("<script>"), "{path} has an inline script");
        assert!(!html.contains("style=\""), "{path} has an inline style");
        let ids: Vec<&str> = id
            .captures_iter(html)
            .map(|c| c.get(1).unwrap().as_str())
            .collect();
        let unique: HashSet<&&str> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{path} has duplicate ids");
    }
}

/// Checks every `href`/`src` under `base` resolves to a rendered file (a
/// folder with index.html, or a file) or a file in `static/` (copied by the
/// gate), and that every `#fragment` exists on its target page.
fn assert_no_broken_links(files: &[OutputFile], base: &str, static_dir: &Path, min_links: usize) {
    let pages = by_path(files);
    let link = Regex::new(r#"(?:href|src)="([^"]*)""#).unwrap();
    let id = Regex::new(r#" id="([^"]+)""#).unwrap();
    let ids_of = |path: &str| -> HashSet<String> {
        pages
            .get(path)
            .map(|html| id.captures_iter(html).map(|c| c[1].to_string()).collect())
            .unwrap_or_default()
    };
    let mut broken = Vec::new();
    let mut checked = 0;
    for (from, html) in pages.iter().filter(|(p, _)| p.ends_with(".html")) {
        for capture in link.captures_iter(html) {
            let url = capture[1].replace("&amp;", "&");
            let (target, fragment) = match url.split_once('#') {
                Some((t, f)) => (t.to_string(), Some(f.to_string())),
                None => (url.clone(), None),
            };
            let target_file = if target.is_empty() {
                from.to_string()
            } else if let Some(rest) = target.strip_prefix(base) {
                let rest = rest.split('?').next().unwrap_or_default();
                if rest.is_empty() || rest.ends_with('/') {
                    format!("{rest}index.html")
                } else {
                    rest.to_string()
                }
            } else {
                continue;
            };
            checked += 1;
            if !pages.contains_key(&target_file) && !static_dir.join(&target_file).is_file() {
                broken.push(format!("{from}: {url}"));
            } else if let Some(fragment) = fragment {
                if !ids_of(&target_file).contains(&fragment) {
                    broken.push(format!("{from}: {url} (no id {fragment:?})"));
                }
            }
        }
    }
    assert!(checked >= min_links, "only {checked} links were checked");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// A small XML well-formedness check: one root, tags balanced and properly
/// nested, attributes quoted, entities known. Enough for files this module
/// writes itself.
fn assert_well_formed(xml: &str) -> Result<(), String> {
    let body = xml
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .ok_or("no XML declaration")?;
    let tag = Regex::new(r#"<(/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(/?)>"#).unwrap();
    let entity = Regex::new(r"&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);").unwrap();
    let mut stack: Vec<String> = Vec::new();
    let mut roots = 0;
    let mut last = 0;
    for capture in tag.captures_iter(body) {
        let whole = capture.get(0).unwrap();
        let between = &body[last..whole.start()];
        if between.contains('<') || between.contains('>') {
            return Err(format!("stray markup in {between:?}"));
        }
        if entity.replace_all(between, "").contains('&') {
            return Err(format!("unescaped & in {between:?}"));
        }
        if stack.is_empty() && !between.trim().is_empty() {
            return Err(format!("text outside the root: {between:?}"));
        }
        last = whole.end();
        let name = capture[2].to_string();
        if &capture[1] == "/" {
            if stack.pop().as_deref() != Some(name.as_str()) {
                return Err(format!("</{name}> closes the wrong element"));
            }
        } else {
            if stack.is_empty() {
                roots += 1;
            }
            if &capture[4] != "/" {
                stack.push(name);
            }
        }
    }
    if !body[last..].trim().is_empty() || !stack.is_empty() || roots != 1 {
        return Err(format!("unclosed {stack:?} or {roots} roots"));
    }
    Ok(())
}

#[test]
fn theme_pages_read_as_written_and_name_their_icon() {
    let (_dir, site) = good_site(|_| {});
    let files = render_site(&site).unwrap();
    assert!(
        files
            .iter()
            .any(|f| f.path == "favicon.ico" && f.bytes.starts_with(&[0, 0, 1, 0])),
        "the theme's icon is written at the root"
    );
    let pages = by_path(&files);
    let caption = Regex::new(
        r#"<p class="caption">CLEAR: <span class="clear-letter-inline">[CLEAR]</span> is for</p>"#,
    )
    .unwrap();
    for category in [
        "case-for-change",
        "learning",
        "evidence",
        "responsibility",
        "review",
    ] {
        let html = page(&pages, &format!("clear/{category}/index.html"));
        assert!(
            caption.is_match(html),
            "clear/{category}/ says its letter once"
        );
        assert!(html.contains("<link rel=\"icon\" href=\"/favicon.ico\""));
    }
    // The text comes before the review's details, and the navigation and
    // the item's contents fold on a phone.
    let item = page(&pages, "learning/sa-2023-02/index.html");
    assert!(item.find("class=\"prose\"").unwrap() < item.find("id=\"review-details\"").unwrap());
    assert!(item.contains("<details class=\"site-nav__menu\">"));
    assert!(item.contains("<details class=\"contents__fold\">"));
    assert!(
        !page(&pages, "clear/review/index.html").contains("<table"),
        "review dates are a list a phone can read"
    );
}

/// Issue 14.3: the body's "Effective practice" and "Strategies for
/// improvement" sections take the front matter's examples and strategies,
/// so that the page (and its contents) shows each section once; an item
/// whose body has no such section gets one of its own.
#[test]
fn each_section_of_an_item_page_is_shown_once() {
    let (_dir, site) = good_site(|root| {
        let path = root.join("content/reports/sa-2023-02.md");
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.replacen("## Effective practice\n", "## What worked well\n", 1);
        std::fs::write(
            &path,
            format!("{text}\nA note.[^n]\n\n[^n]: The footnote.\n"),
        )
        .unwrap();
        let path = root.join("content/reports/sa-2024-01.md");
        let text = std::fs::read_to_string(&path).unwrap();
        let cut = text.find("## Effective practice").unwrap();
        std::fs::write(&path, &text[..cut]).unwrap();
    });
    let pages = by_path(&render_site(&site).unwrap());
    let contents = |html: &str| -> Vec<String> {
        let list = &html[html.find("contents__list").unwrap()..];
        let list = &list[..list.find("</ol>").unwrap()];
        Regex::new(r"<li><a href=[^>]*>([^<]*)</a>")
            .unwrap()
            .captures_iter(list)
            .map(|c| c[1].to_string())
            .collect()
    };

    let item = page(&pages, "learning/sa-2023-02/index.html");
    let toc = contents(item);
    assert_eq!(
        toc,
        [
            "How the review was conducted",
            "Circumstances that led to the review",
            "Practice and organisational learning",
            "What worked well",
            "What the family told the review",
            "Strategies for improvement",
            "About this review"
        ]
    );
    for heading in [
        "Effective practice",
        "Strategies for improvement",
        "What worked well",
    ] {
        assert!(
            item.matches(&format!(">{heading}</h2>")).count() <= 1,
            "{heading} once"
        );
    }
    assert!(!item.contains("in this review</h2>") && !item.contains("checked against CLEAR</h2>"));
    let at = |needle: &str| item.find(needle).unwrap_or_else(|| panic!("{needle}"));
    assert!(at(">What worked well</h2>") < at("class=\"practice-list\""));
    assert!(at("class=\"practice-list\"") < at(">Strategies for improvement</h2>"));
    assert!(at(">Strategies for improvement</h2>") < at("class=\"strategy"));
    assert!(
        at("class=\"strategy") < at("The footnote."),
        "footnotes follow the cards"
    );
    assert_eq!(item.matches("id=\"clear-strategies\"").count(), 1);

    // No such sections in the body: they follow the text, named as the
    // skeleton names them.
    let item = page(&pages, "learning/sa-2024-01/index.html");
    let toc = contents(item);
    assert_eq!(
        &toc[toc.len() - 3..],
        [
            "Effective practice",
            "Strategies for improvement",
            "About this review"
        ]
    );
    assert_eq!(item.matches(">Effective practice</h2>").count(), 1);
    assert!(item
        .find("id=\"clear-strategies\">Strategies for improvement</h2>")
        .is_some());
}

/// Listing rows are made once by the theme's own `strategy_summary` while
/// the templates that list strategies are the default theme's. A theme
/// that overrides one of them (here `base.html`, unchanged) gets every
/// field of every row rendered in place: the pages must be the same.
#[test]
fn rows_made_once_print_as_the_macro_prints_them_in_place() {
    let (_dir, site) = good_site(|_| {});
    let made_once = by_path(&render_site(&site).unwrap());
    let (_dir, site) = good_site(|root| {
        let templates = root.join("themes/default/templates");
        std::fs::create_dir_all(&templates).unwrap();
        std::fs::copy(
            "themes/default/templates/base.html",
            templates.join("base.html"),
        )
        .unwrap();
    });
    let in_place = by_path(&render_site(&site).unwrap());
    let listings = [
        "clear/index.html",
        "clear/case-for-change/index.html",
        "clear/responsibility/index.html",
        "clear/review/index.html",
        "themes/neglect/index.html",
    ];
    for path in listings {
        let made = page(&made_once, path);
        assert!(made.contains("strategy-row"), "{path} lists strategies");
        assert_eq!(made, page(&in_place, path), "{path}");
    }
}

/// A theme that overrides the row (its `macros.html`) or reads the rows'
/// fields in its own listing template gets what it asks for.
#[test]
fn a_theme_overriding_the_row_or_reading_its_fields_gets_them() {
    let (_dir, site) = good_site(|root| {
        let templates = root.join("themes/default/templates");
        std::fs::create_dir_all(&templates).unwrap();
        let macros = std::fs::read_to_string("themes/default/templates/macros.html")
            .unwrap()
            .replace(
                "<li class=\"strategy-row{% if not strategy.complete",
                "<li data-local-row=\"{{ strategy.id }}\" class=\"strategy-row{% if not strategy.complete",
            );
        std::fs::write(templates.join("macros.html"), macros).unwrap();
    });
    let files = by_path(&render_site(&site).unwrap());
    assert!(page(&files, "clear/index.html").contains("<li data-local-row=\"strategy-"));
    assert!(page(&files, "themes/neglect/index.html").contains("<li data-local-row=\"strategy-"));

    let (_dir, site) = good_site(|root| {
        let templates = root.join("themes/default/templates");
        std::fs::create_dir_all(&templates).unwrap();
        std::fs::write(
            templates.join("theme.html"),
            "{% extends \"base.html\" %}{% block main %}{% for s in strategies %}<p class=\"local\">{{ s.title }} / {{ s.completeness }}</p>{% endfor %}{% endblock main %}",
        )
        .unwrap();
    });
    let files = by_path(&render_site(&site).unwrap());
    let neglect = page(&files, "themes/neglect/index.html");
    assert!(neglect.contains("<p class=\"local\">"), "{neglect}");
    assert!(neglect.contains(" of 5 — "), "{neglect}");
}
