//! The HTML pages: which exist, and what each one's template is given.
//!
//! Every template receives `site` (`SiteContext`) and `page`
//! (`PageContext`, see `page`) plus the page's own variables, listed
//! beside each builder below. Browsing pages (themes, areas, years) are in
//! `browse_pages`, the CLEAR pages in `clear_pages`, the search page in
//! `search_page`; this module lists them all, and they know nothing of it.

use serde::Serialize;

use super::library::{ItemView, Library};
use super::page::{Deferred, Page};

/// The pages other than item pages: those listed before the items (home,
/// all learning) and those after, in the order of `all_deferred`.
pub fn pages_around_items(lib: &Library) -> (Vec<Page>, Vec<Page>) {
    let (before, after) = deferred_around_items(lib);
    let make = |pages: Vec<Deferred>| pages.into_iter().map(|make| make()).collect();
    (make(before), make(after))
}

/// `pages_around_items`, each page made when it is rendered.
pub fn deferred_around_items<'l>(lib: &'l Library) -> (Vec<Deferred<'l>>, Vec<Deferred<'l>>) {
    let before: Vec<Deferred> = vec![Box::new(|| home(lib)), Box::new(|| learning_index(lib))];
    let mut after = super::browse_pages::pages(lib);
    for n in 0..6 {
        after.push(Box::new(move || super::clear_pages::page(lib, n)));
    }
    after.push(Box::new(|| effective_practice(lib)));
    after.push(Box::new(|| super::search_page::search_page(lib)));
    after.extend(
        fixed_pages(lib)
            .into_iter()
            .map(|page| Box::new(|| page) as Deferred),
    );
    (before, after)
}

/// Every page of the site, each made when it is rendered: the pages
/// before the items, the item pages, the pages after.
pub fn all_deferred<'l>(lib: &'l Library) -> Vec<Deferred<'l>> {
    let (mut pages, after) = deferred_around_items(lib);
    pages.extend(
        lib.items
            .iter()
            .map(|item| Box::new(|| item_page(lib, item)) as Deferred),
    );
    pages.extend(after);
    pages
}

/// `index.html`: `recent` (item cards), `facets` (see `browse_pages::facets`),
/// `clear` (CLEAR overview), `counts` (`items`, `strategies`, `effective_practice`).
fn home(lib: &Library) -> Page {
    let recent: Vec<_> = lib.items.iter().take(6).map(|i| &i.card).collect();
    let description = format!(
        "Learning from child protection Learning Reviews{}: themes, effective practice and CLEAR improvement strategies.",
        lib.site.config.area.as_deref().map(|a| format!(" in {a}")).unwrap_or_default()
    );
    Page::new(lib, "", "index.html", lib.site.config.title.clone())
        .section("home")
        .description(description)
        .with("recent", &recent)
        .with("facets", &super::browse_pages::facets(lib))
        .with("clear", &super::clear_pages::overview(lib))
        .with("counts", &counts(lib))
}

#[derive(Serialize)]
struct Counts {
    items: usize,
    strategies: usize,
    effective_practice: usize,
}

fn counts(lib: &Library) -> Counts {
    Counts {
        items: lib.items.len(),
        strategies: lib.strategies().count(),
        effective_practice: lib.items.iter().map(|i| i.effective_practice.len()).sum(),
    }
}

/// `learning.html`: `items` (cards, newest first).
fn learning_index(lib: &Library) -> Page {
    let cards: Vec<_> = lib.items.iter().map(|i| &i.card).collect();
    Page::new(lib, "learning/", "learning.html", "All learning")
        .section("learning")
        .description("Every published Learning Review report and learning summary, newest first.")
        .with("items", &cards)
}

/// `item.html`: `item` (`ItemView`: the card's fields plus period,
/// age_band, trigger, agencies, body_html, contents, effective_practice,
/// strategies, clear_present), `related` (up to five item cards, see
/// `crate::related`).
pub(crate) fn item_page(lib: &Library, item: &ItemView) -> Page {
    let mut page = Page::new(
        lib,
        item.card.path.clone(),
        "item.html",
        item.card.title.clone(),
    )
    .section("learning")
    .description(item.card.summary.clone())
    .with("item", item)
    .with("related", &lib.related_cards(item));
    page.origin = Some(item.source_path.clone());
    page.lastmod = Some(item.card.published.clone());
    page
}

/// An item's page as the sitemap names it (path and date), without the
/// context its rendering needs.
pub(crate) fn item_page_entry(lib: &Library, item: &ItemView) -> Page {
    let mut page = Page::new(
        lib,
        item.card.path.clone(),
        "item.html",
        item.card.title.clone(),
    );
    page.origin = Some(item.source_path.clone());
    page.lastmod = Some(item.card.published.clone());
    page
}

#[derive(Serialize)]
struct PracticeGroup<'a> {
    item: &'a super::library::ItemCard,
    practice: &'a [super::library::PracticeView],
}

/// `effective_practice.html`: `groups` (each `item` card and its `practice`).
fn effective_practice(lib: &Library) -> Page {
    let groups: Vec<PracticeGroup> = lib
        .items
        .iter()
        .filter(|i| !i.effective_practice.is_empty())
        .map(|i| PracticeGroup {
            item: &i.card,
            practice: &i.effective_practice,
        })
        .collect();
    Page::new(
        lib,
        "effective-practice/",
        "effective_practice.html",
        "Effective practice",
    )
    .section("effective-practice")
    .description("Examples of effective practice found by Learning Reviews, and why they worked.")
    .with("groups", &groups)
}

/// Pages with no variables of their own: about, accessibility, 404.
fn fixed_pages(lib: &Library) -> Vec<Page> {
    vec![
        Page::new(lib, "about/", "about.html", "About this site")
            .section("about")
            .description(
                "What this site publishes, how the learning is anonymised, and how to read it.",
            ),
        Page::new(
            lib,
            "accessibility/",
            "accessibility.html",
            "Accessibility statement",
        )
        .description("How accessible this site is, what we aim for and how to report a problem."),
        Page::new(lib, "404.html", "404.html", "Page not found"),
    ]
}
