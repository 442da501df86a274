//! `/search/`: the page every search form on the site submits to.
//!
//! The page itself is a plain form plus a `<noscript>` notice pointing at
//! the browse pages; `assets/search.js` does the searching in the reader's
//! browser with Pagefind's JS API over the bundle `search::browser_index`
//! writes to `pagefind/`. The filter values come from that bundle at run
//! time (a filter's file when a reader opens it), so they always match the
//! index; this page only says which filters exist, what to call them, how
//! to order their values and how many values each has (so that a filter
//! with one is left out before its file is fetched).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::library::{Library, Link};
use super::page::Page;
use crate::content::{Clear, ItemKind};
use crate::site::item_filters;
use crate::site::search_layout::{browser_config, extra_shard_dirs};

/// One filter of the search page. `name` is the Pagefind filter (see
/// `SearchRecord::filters`); its values are the labels readers see.
#[derive(Debug, Clone, Serialize)]
pub struct FilterGroup {
    pub name: &'static str,
    pub legend: &'static str,
    /// How `search.js` orders the values: `given` (as in `order`, then
    /// any others alphabetically), `alpha`, or `newest` (numbers, highest
    /// first).
    pub sort: &'static str,
    pub order: Vec<&'static str>,
    /// How many values the site's items have: `search.js` leaves out a
    /// filter with fewer than two, which narrows nothing, before it has
    /// fetched the filter's values (it fetches them when a reader opens it).
    pub values: usize,
}

/// `search.html`: `filters` (`FilterGroup`s in display order), `browse`
/// (links for readers without JavaScript), `theme_urls` (theme label →
/// theme page, so results can link their themes), `shards` (the Pagefind
/// bundles after the first, as folders under the base path, that
/// `search.js` merges into it; empty unless the site is too large for one
/// index, see `site::search_layout::shard_items`).
pub fn search_page(lib: &Library) -> Page {
    let theme_urls: std::collections::BTreeMap<String, String> = lib
        .themes_in_use()
        .into_iter()
        .map(|count| (count.theme.label, count.theme.url))
        .collect();
    Page::new(lib, "search/", "search.html", "Search the learning")
        .description("Search the published learning, its themes and its improvement strategies.")
        .with("filters", &filter_groups(&value_counts(lib)))
        .with("browse", &browse_links(lib))
        .with("theme_urls", &theme_urls)
        .with("shards", &extra_shard_dirs(lib.items.len()))
        .with("search_config", &browser_config())
}

/// How many distinct values each filter has over the site's items, as
/// the browser index holds them (`site::item_filters`).
fn value_counts(lib: &Library) -> BTreeMap<&'static str, usize> {
    let mut values: BTreeMap<&'static str, BTreeSet<String>> = BTreeMap::new();
    for item in &lib.site.items {
        for (name, these) in item_filters(item) {
            values.entry(name).or_default().extend(these);
        }
    }
    values
        .into_iter()
        .map(|(name, v)| (name, v.len()))
        .collect()
}

fn filter_groups(counts: &BTreeMap<&'static str, usize>) -> Vec<FilterGroup> {
    let group = |name, legend, sort, order: Vec<&'static str>| FilterGroup {
        name,
        legend,
        sort,
        order,
        values: counts.get(name).copied().unwrap_or(0),
    };
    // Names and order from `site::search_layout::FILTERS`, which also says
    // what each filter's counts count (reports and summaries).
    crate::site::search_layout::FILTERS
        .iter()
        .map(|&(name, legend)| match name {
            "clear" => group(
                name,
                legend,
                "given",
                Clear::ALL.iter().map(|c| c.label()).collect(),
            ),
            "kind" => group(
                name,
                legend,
                "given",
                vec![ItemKind::Report.label(), ItemKind::Summary.label()],
            ),
            "year" => group(name, legend, "newest", vec![]),
            _ => group(name, legend, "alpha", vec![]),
        })
        .collect()
}

/// Where a reader without JavaScript can still find the learning.
fn browse_links(lib: &Library) -> Vec<Link> {
    let link = |label: &str, path: &str| Link {
        label: label.to_string(),
        url: format!("{}{path}", lib.base),
    };
    vec![
        link("Learning by theme", "themes/"),
        link("Strategies by CLEAR category", "clear/"),
        link("Learning by year", "years/"),
        link("Learning by area", "areas/"),
        link("All learning, newest first", "learning/"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_filter_the_index_has_is_offered_once() {
        let names: Vec<&str> = filter_groups(&BTreeMap::new())
            .iter()
            .map(|g| g.name)
            .collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len(), "a filter is listed twice");
        for wanted in [
            "theme",
            "clear",
            "responsible",
            "area",
            "year",
            "agency",
            "kind",
        ] {
            assert!(names.contains(&wanted), "{wanted} has no control");
        }
    }

    #[test]
    fn clear_values_keep_the_guidance_order() {
        let clear = filter_groups(&BTreeMap::new())
            .into_iter()
            .find(|g| g.name == "clear")
            .unwrap();
        assert_eq!(clear.sort, "given");
        assert_eq!(
            clear.order,
            [
                "Case for change",
                "Learning orientated",
                "Evidence based",
                "Assign responsibility",
                "Review"
            ]
        );
    }
}
