//! The site as rendering and search see it: the config and the items
//! admission lets through, nothing else; and where things are in the
//! output (item folders, search bundles), so that every stage links and
//! writes them alike.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::config::{Config, Scope};
use crate::content::{Day, Item, Vocabulary};
use crate::text::slugify;

/// What `render` and `search` are given. Admission builds it: held and
/// blocked items never reach this struct (a draft preview renders a held
/// item on a `Site` of its own, which never reaches a build).
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    /// The site root folder.
    pub root: PathBuf,
    pub vocabulary: Vocabulary,
    /// The day the build is for (embargoes, overdue reviews).
    pub today: Day,
    /// Published items, newest first (then by area and review_id).
    pub items: Vec<Item>,
}

impl Site {
    pub fn new(config: Config, root: PathBuf, today: Day, mut items: Vec<Item>) -> Site {
        let vocabulary = Vocabulary::new(&config.taxonomy.extra_themes);
        sort_items(&mut items);
        Site {
            config,
            root,
            vocabulary,
            today,
            items,
        }
    }

    pub fn is_national(&self) -> bool {
        self.config.scope == Scope::National
    }

    /// The item's folder under the site root, ending in `/`: built from the
    /// review_id only (never the title), and on a national site prefixed by
    /// the area so that two areas' identical review_ids do not collide.
    pub fn item_path(&self, item: &Item) -> String {
        if self.is_national() {
            format!("learning/{}/{}/", slugify(&item.area), item.slug())
        } else {
            format!("learning/{}/", item.slug())
        }
    }
}

/// The site's order: newest first, then by area and review_id.
pub fn sort_items(items: &mut [Item]) {
    items.sort_by(|a, b| {
        b.meta
            .published
            .cmp(&a.meta.published)
            .then_with(|| a.area.cmp(&b.area))
            .then_with(|| a.meta.review_id.cmp(&b.meta.review_id))
    });
}

/// Whether a record is a whole report or summary, or one of its strategies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocType {
    Item,
    Strategy,
}

impl DocType {
    pub fn as_str(self) -> &'static str {
        match self {
            DocType::Item => "item",
            DocType::Strategy => "strategy",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DocType::Item => "Report or summary",
            DocType::Strategy => "Strategy",
        }
    }

    pub fn parse(text: &str) -> Option<DocType> {
        match text {
            "item" => Some(DocType::Item),
            "strategy" => Some(DocType::Strategy),
            _ => None,
        }
    }
}

/// Where the browser search bundles are in the output: the search page
/// (render) links them and the indexer (search) writes them, so both read
/// this one layout.
pub mod search_layout {
    // The ranking contract: `search` ranks with these on the command line and
    // the search page hands them to `search.js` (`browser_config`), so that
    // both front ends drop the same words and order results alike.

    /// Words a query can leave out without losing its meaning. They are still
    /// indexed (a quoted phrase needs them), but they neither make a result
    /// nor keep one out. `search.js` receives this list from the search page,
    /// so both engines drop the same words.
    pub const STOP_WORDS: &[&str] = &[
        "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "between", "both", "but", "by", "can", "cant",
        "could", "did", "do", "does", "doing", "dont", "during", "each", "for", "from", "further",
        "get", "got", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his",
        "how", "i", "if", "in", "into", "is", "isnt", "it", "its", "itself", "just", "me", "more",
        "most", "my", "no", "nor", "not", "of", "off", "on", "once", "only", "or", "other", "our",
        "ours", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than",
        "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this",
        "those", "through", "to", "too", "under", "until", "up", "very", "was", "wasnt", "we",
        "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
        "wont", "would", "you", "your", "yours",
    ];

    /// Saturation of repeated words: the tenth mention adds little.
    pub const K: f64 = 1.2;
    /// What a place counts when the text has only longer words beginning with
    /// the query word's stem, not the stem itself.
    pub const EXTENDED: f64 = 0.3;
    /// Added for a word in the title.
    pub const TITLE: f64 = 1.0;
    /// Added for a word among the item's theme labels and synonyms: a query
    /// naming a theme puts the items tagged with it first.
    pub const THEMES: f64 = 1.5;

    /// The filters of the search page, in the order it shows them, with what
    /// their counts count. Item documents carry every one of them, so every
    /// count is a number of reports and summaries; the two that describe
    /// strategies say so ("has a strategy…").
    pub const FILTERS: &[(&str, &str)] = &[
        ("theme", "Theme"),
        ("clear", "Has a strategy complete in"),
        ("responsible", "Has a strategy assigned to"),
        ("kind", "Kind of review"),
        ("area", "Area"),
        ("year", "Year published"),
        ("agency", "Agency involved"),
    ];

    /// Words in a snippet, as `search.js` shows them.
    pub const SNIPPET_WORDS: usize = 30;

    /// What `search.js` needs to drop the same words and rank alike: the
    /// stop words, the ranking constants, the snippet length. The search page
    /// carries it as JSON in `data-search-config`.
    pub fn browser_config() -> serde_json::Value {
        serde_json::json!({
            "stopWords": STOP_WORDS,
            "ranking": { "k": K, "title": TITLE, "themes": THEMES, "extended": EXTENDED },
            "snippetWords": SNIPPET_WORDS,
        })
    }

    /// The folder under the output root that holds the bundle; `/search/`
    /// loads `<base>pagefind/pagefind.js`.
    pub const BUNDLE_DIR: &str = "pagefind";

    /// How many items one Pagefind index holds at most unless
    /// `CLEARHOUSE_PAGEFIND_SHARD_ITEMS` says otherwise. Pagefind keeps every
    /// page it was given in memory, and clones them all while it builds the
    /// index (about 1.3 GiB per 1,000 generated items at its peak with glibc's
    /// allocator), so one index for a 20,000-item site would not fit in memory.
    /// With 5,000 a 20,000-item build peaks at 15.5 GiB in all (BENCHMARKS.md),
    /// a 2,000-item site stays one bundle, and a query on the largest sites
    /// asks few bundles (each adds its entry, metadata and index chunks to
    /// what the reader downloads).
    pub const DEFAULT_SHARD_ITEMS: usize = 5_000;

    /// The most items one Pagefind index may hold: `CLEARHOUSE_PAGEFIND_SHARD_ITEMS`
    /// (a positive whole number) or [`DEFAULT_SHARD_ITEMS`]. Rendering the search
    /// page and building the bundle both ask, so they agree on the shards; a
    /// build stops on a value that is not a number above 0 (see
    /// [`checked_shard_items`]), so the fallback here never applies to one.
    pub fn shard_items() -> usize {
        checked_shard_items().unwrap_or(DEFAULT_SHARD_ITEMS)
    }

    /// [`shard_items`], or what is wrong with `CLEARHOUSE_PAGEFIND_SHARD_ITEMS`.
    pub fn checked_shard_items() -> Result<usize, String> {
        let Ok(value) = std::env::var("CLEARHOUSE_PAGEFIND_SHARD_ITEMS") else {
            return Ok(DEFAULT_SHARD_ITEMS);
        };
        match value.trim().parse::<usize>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(format!(
                "{value:?} is not a whole number above 0; set it to the most items one search bundle may hold, or unset it for {DEFAULT_SHARD_ITEMS}"
            )),
        }
    }

    /// How many Pagefind indexes a site of `items` items gets.
    pub fn shard_count(items: usize, shard_items: usize) -> usize {
        items.div_ceil(shard_items.max(1)).max(1)
    }

    /// The folder of shard `shard` (from 0) under the output root: the first
    /// is the bundle `/search/` loads, the others are merged into it in the
    /// browser with `pagefind.mergeIndex`.
    pub fn shard_dir(shard: usize) -> String {
        if shard == 0 {
            BUNDLE_DIR.to_string()
        } else {
            format!("{BUNDLE_DIR}/shard-{}", shard + 1)
        }
    }

    /// The folders (`pagefind/shard-2/`, …, with a trailing slash, under the
    /// site's base path) that `/search/` must merge into the first bundle for
    /// a site of `items` items; empty when one bundle holds everything.
    pub fn extra_shard_dirs(items: usize) -> Vec<String> {
        (1..shard_count(items, shard_items()))
            .map(|shard| format!("{}/", shard_dir(shard)))
            .collect()
    }
}

/// An item's Pagefind filters, by filter name: the values `/search/`
/// offers, from its metadata alone, so that the search page can say which
/// filters narrow anything without building search documents.
pub fn item_filters(item: &Item) -> BTreeMap<&'static str, Vec<String>> {
    let meta = &item.meta;
    let mut filters = BTreeMap::new();
    let mut put = |name: &'static str, values: Vec<String>| {
        let mut unique: Vec<String> = Vec::new();
        for v in values {
            if !unique.contains(&v) {
                unique.push(v);
            }
        }
        if !unique.is_empty() {
            filters.insert(name, unique);
        }
    };
    put(
        "theme",
        meta.themes
            .iter()
            .map(|t| crate::content::vocab::theme_label(t))
            .collect(),
    );
    put(
        "clear",
        crate::content::Clear::ALL
            .into_iter()
            .filter(|c| meta.strategies.iter().any(|s| s.has(*c)))
            .map(|c| c.label().to_string())
            .collect(),
    );
    put(
        "responsible",
        meta.strategies
            .iter()
            .flat_map(|s| s.responsible.iter().cloned())
            .collect(),
    );
    put("kind", vec![meta.kind.label().to_string()]);
    put("area", vec![item.area.clone()]);
    put("year", vec![item.year().to_string()]);
    put(
        "agency",
        meta.agencies
            .iter()
            .map(|a| crate::content::vocab::theme_label(a))
            .collect(),
    );
    filters
}

/// The shared sample site, copied so that tests may edit it.
#[cfg(test)]
pub(crate) mod fixture {
    use std::path::Path;

    use crate::config::Config;
    use crate::content::{self, Day, Vocabulary};
    use crate::site::Site;

    pub const GOOD_SITE: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/samples/good-site"
    );

    /// A day after every embargo in the sample, so all eight items publish.
    pub fn today() -> Day {
        Day::parse("2027-01-01").expect("a valid day")
    }

    pub fn copy_good_site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for entry in walkdir::WalkDir::new(GOOD_SITE) {
            let entry = entry.expect("the sample site is readable");
            let rel = entry
                .path()
                .strip_prefix(GOOD_SITE)
                .expect("under the sample");
            let target = dir.path().join(rel);
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).expect("create folder");
            } else {
                std::fs::copy(entry.path(), &target).expect("copy file");
            }
        }
        dir
    }

    /// Loads a site folder's items, all of them: every item of the
    /// sample is valid, signed off and due on `today()`.
    pub fn load_site(root: &Path) -> Site {
        let config = Config::load(root).expect("the sample config parses");
        let area = config.area.clone().expect("a local site has an area");
        let loaded = content::load(root, &area, &config.limits);
        assert!(
            loaded.findings.iter().all(|f| !f.is_error()),
            "the sample loads cleanly: {:?}",
            loaded.findings
        );
        let vocabulary = Vocabulary::new(&config.taxonomy.extra_themes);
        let items = loaded.items;
        for item in &items {
            let errors: Vec<_> = content::validate(item, &vocabulary)
                .into_iter()
                .filter(|f| f.is_error())
                .collect();
            assert!(
                errors.is_empty(),
                "the sample's items are valid: {errors:?}"
            );
        }
        Site::new(config, root.to_path_buf(), today(), items)
    }
}
