//! Browsing by theme, area and year.

use std::sync::Arc;

use serde::Serialize;

use super::library::{ItemCard, Library, StrategyRow, ThemeCount};
use super::page::{Deferred, FeedLink, Page};
use crate::content::vocab::ThemeGroup;
use crate::text::slugify;

/// The two theme facets DESIGN.md asks for, plus the site's own themes.
#[derive(Debug, Serialize)]
pub struct Facets {
    pub concerns: Vec<ThemeCount>,
    pub practice: Vec<ThemeCount>,
    /// From `[taxonomy] extra_themes`.
    pub local: Vec<ThemeCount>,
}

pub fn facets(lib: &Library) -> Facets {
    let mut facets = Facets {
        concerns: Vec::new(),
        practice: Vec::new(),
        local: Vec::new(),
    };
    for count in lib.themes_in_use() {
        match count.theme.group {
            Some(ThemeGroup::Concern) => facets.concerns.push(count),
            Some(ThemeGroup::Practice) => facets.practice.push(count),
            Some(ThemeGroup::Local) | None => facets.local.push(count),
        }
    }
    facets
}

#[derive(Serialize)]
struct Group<'a> {
    label: String,
    url: String,
    count: usize,
    items: Vec<&'a ItemCard>,
}

/// The themes, areas and years pages, each made when it is rendered.
pub fn pages<'l>(lib: &'l Library) -> Vec<Deferred<'l>> {
    let mut pages: Vec<Deferred> = vec![Box::new(|| themes_index(lib))];
    pages.extend(
        lib.themes_in_use()
            .into_iter()
            .map(|t| Box::new(move || theme_page(lib, t)) as Deferred),
    );
    pages.extend(area_pages(lib));
    pages.extend(year_pages(lib));
    pages
}

/// `themes.html`: `facets`.
fn themes_index(lib: &Library) -> Page {
    Page::new(lib, "themes/", "themes.html", "Themes")
        .section("themes")
        .description("Learning and strategies by theme: concerns (harm and its context) and practice learning.")
        .with("facets", &facets(lib))
}

/// `theme.html`: `theme` (a `ThemeCount`), `items` (cards of items on the
/// theme or with a strategy on it), `strategies` (`StrategyRow`s on it).
fn theme_page(lib: &Library, count: ThemeCount) -> Page {
    let slug = count.theme.slug.clone();
    let items: Vec<&ItemCard> = lib
        .items_touching_theme(&slug)
        .into_iter()
        .map(|i| &i.card)
        .collect();
    let strategies: Vec<StrategyRow> = lib
        .strategies()
        .filter(|s| s.themes.iter().any(|t| t.slug == slug))
        .map(|s| lib.row(s))
        .collect();
    let mut page = Page::new(
        lib,
        format!("themes/{slug}/"),
        "theme.html",
        count.theme.label.clone(),
    )
    .section("themes")
    .description(format!(
        "Learning and improvement strategies on the theme: {}.",
        count.theme.label
    ))
    .with("items", &items)
    .with("strategies", &strategies);
    page.meta.feed = Some(FeedLink {
        url: format!("{}themes/{slug}/atom.xml", lib.base),
        title: format!("{}: {}", lib.site.config.title, count.theme.label),
    });
    page.with("theme", &count)
}

/// `areas.html` with `areas` (groups: label, url, count, items), and one
/// `area.html` per area with `area` (one such group).
fn area_pages<'l>(lib: &'l Library) -> Vec<Deferred<'l>> {
    let groups = lib
        .areas()
        .into_iter()
        .map(|(area, items)| Group {
            url: lib.area_url(&area),
            count: items.len(),
            items: items.into_iter().map(|i| &i.card).collect(),
            label: area,
        })
        .collect();
    group_pages(
        lib,
        groups,
        |lib, group| {
            Page::new(
                lib,
                format!("areas/{}/", slugify(&group.label)),
                "area.html",
                group.label.clone(),
            )
            .description(format!("Learning published by {}.", group.label))
            .with("area", group)
        },
        |lib, groups| {
            Page::new(lib, "areas/", "areas.html", "Areas")
                .description("Learning by Child Protection Committee area.")
                .with("areas", &groups)
        },
    )
}

/// `years.html` with `years` (groups as for areas, label is the year), and
/// one `year.html` per year with `year`.
fn year_pages<'l>(lib: &'l Library) -> Vec<Deferred<'l>> {
    let groups = lib
        .years()
        .into_iter()
        .map(|(year, items)| Group {
            label: year.to_string(),
            url: format!("{}years/{year}/", lib.base),
            count: items.len(),
            items: items.into_iter().map(|i| &i.card).collect(),
        })
        .collect();
    group_pages(
        lib,
        groups,
        |lib, group| {
            Page::new(
                lib,
                format!("years/{}/", group.label),
                "year.html",
                format!("Published in {}", group.label),
            )
            .description(format!("Learning published in {}.", group.label))
            .with("year", group)
        },
        |lib, groups| {
            Page::new(lib, "years/", "years.html", "Years")
                .description("Learning by the year it was published.")
                .with("years", &groups)
        },
    )
}

/// One page per group, each made when it is rendered, then the page of all
/// the groups; the groups are shared, not copied, between them.
fn group_pages<'l>(
    lib: &'l Library,
    groups: Vec<Group<'l>>,
    one: fn(&'l Library, &Group<'l>) -> Page,
    all: fn(&'l Library, &[Group<'l>]) -> Page,
) -> Vec<Deferred<'l>> {
    let groups = Arc::new(groups);
    let mut pages: Vec<Deferred> = (0..groups.len())
        .map(|n| {
            let groups = Arc::clone(&groups);
            Box::new(move || one(lib, &groups[n])) as Deferred
        })
        .collect();
    pages.push(Box::new(move || all(lib, &groups)));
    pages
}
