//! What templates see: the site's items and strategies turned into plain,
//! serialisable views with every URL already made (base path included) and
//! every label already chosen, so templates hold no logic about URLs or
//! the CLEAR rules and a theme override cannot get them wrong.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde::Serialize;

use super::markdown::{render_markdown, BodyHeading};
use crate::content::parts::Part;
use crate::content::vocab::{theme_label, ThemeGroup};
use crate::content::{strategy_anchor, Clear, Item, Month, Strategy};
use crate::site::Site;
use crate::text::slugify;

/// Ids the item template uses itself; body headings must not take them.
pub const ITEM_PAGE_IDS: &[&str] = &[
    "main",
    "site-search",
    "leave-site",
    "review-details",
    "on-this-page",
    "effective-practice-examples",
    "clear-strategies",
];

#[derive(Debug, Clone, Serialize)]
pub struct ThemeRef {
    pub slug: String,
    pub label: String,
    pub url: String,
    pub group: Option<ThemeGroup>,
}

/// A value with a display label, e.g. an agency.
#[derive(Debug, Clone, Serialize)]
pub struct Named {
    pub slug: String,
    pub label: String,
}

/// A link with a display label, e.g. a responsible organisation.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub label: String,
    pub url: String,
}

/// The fields a listing shows for an item.
#[derive(Debug, Clone, Serialize)]
pub struct ItemCard {
    pub review_id: String,
    pub title: String,
    /// Site path with base, e.g. `/learning/ex-2024-01/`.
    pub url: String,
    /// Path under the site root, e.g. `learning/ex-2024-01/`.
    pub path: String,
    pub kind: String,
    pub kind_label: String,
    pub area: String,
    pub area_url: String,
    /// `YYYY-MM-DD`.
    pub published: String,
    /// "1 March 2025".
    pub published_long: String,
    pub year: i32,
    pub year_url: String,
    pub themes: Vec<ThemeRef>,
    pub summary: String,
    pub strategy_count: usize,
    pub complete_strategy_count: usize,
    pub effective_practice_count: usize,
}

/// A CLEAR component of one strategy as a card shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ComponentView {
    pub slug: &'static str,
    pub letter: char,
    pub label: &'static str,
    pub present: bool,
    /// The text for C, L and E; `None` for A and R (see `responsible`, `review`).
    pub text: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReviewView {
    pub outcomes: Option<String>,
    /// `YYYY-MM`.
    pub by: Option<String>,
    /// "June 2026".
    pub by_long: Option<String>,
    pub resources: Option<String>,
}

/// Which item a strategy came from.
#[derive(Debug, Clone, Serialize)]
pub struct ItemRef {
    pub review_id: String,
    pub title: String,
    pub url: String,
    pub area: String,
    pub kind_label: String,
    pub year: i32,
}

#[derive(Debug, Clone, Serialize)]
pub struct StrategyView {
    /// Anchor on the item page, `strategy-N` (see `content::strategy_anchor`).
    pub id: String,
    pub title: String,
    /// The item page URL with the anchor.
    pub url: String,
    pub item: ItemRef,
    pub themes: Vec<ThemeRef>,
    /// All five, in CLEAR order, present or not.
    pub components: Vec<ComponentView>,
    pub responsible: Vec<Link>,
    pub review: Option<ReviewView>,
    pub status: Option<Named>,
    pub present_count: usize,
    /// Labels of the missing components, in CLEAR order.
    pub missing: Vec<&'static str>,
    /// Slugs of the missing components.
    pub missing_slugs: Vec<&'static str>,
    pub complete: bool,
    /// "4 of 5 — Review missing" or "5 of 5 — complete".
    pub completeness: String,
    /// The raw review month, for schedules; not serialised.
    #[serde(skip)]
    pub review_by: Option<Month>,
    /// Where the strategy comes in [`Library::strategies`]: its row in
    /// [`Library::rows`]. Set by the library; not serialised.
    #[serde(skip)]
    pub number: usize,
}

/// A strategy as a listing shows it (the CLEAR pages, a theme's page):
/// every field of its [`StrategyView`] but its components' text, which its
/// item page shows in full. A listing's context is a copy of every row, and
/// on a site of 12,000 strategies the paragraphs were most of it. `quote`
/// keeps one component's text, cut to a line, for the page on that CLEAR
/// category.
pub struct StrategyRow<'a> {
    pub view: &'a StrategyView,
    pub quote: Option<Clear>,
    /// The row as the theme's `strategy_summary` macro renders it under an
    /// `h3`, made once for every listing that shows it ([`Library::rows`]).
    /// A row that has it is serialised as that alone, `row_h3`, which
    /// `strategy_list` prints as it is.
    pub html: Option<&'a str>,
}

/// The length of a quoted component on a CLEAR category's page: about a
/// line, enough to tell the strategies apart; the link gives the rest.
pub const QUOTE_CHARS: usize = 160;

impl<'a> StrategyRow<'a> {
    /// Every field: for a theme's own templates, and for making the row
    /// `row_h3` holds.
    pub fn new(view: &'a StrategyView) -> StrategyRow<'a> {
        StrategyRow {
            view,
            quote: None,
            html: None,
        }
    }

    pub fn quoting(view: &'a StrategyView, category: Clear) -> StrategyRow<'a> {
        StrategyRow {
            view,
            quote: Some(category),
            html: None,
        }
    }
}

impl Serialize for StrategyRow<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        if let Some(html) = self.html {
            let mut row = serializer.serialize_struct("StrategyRow", 1)?;
            row.serialize_field("row_h3", html)?;
            return row.end();
        }
        let v = self.view;
        let components: Vec<ComponentView> = v
            .components
            .iter()
            .map(|c| ComponentView {
                slug: c.slug,
                letter: c.letter,
                label: c.label,
                present: c.present,
                text: match self.quote {
                    Some(q) if q.slug() == c.slug => c
                        .text
                        .as_deref()
                        .map(|t| super::markdown::shorten(t.trim(), QUOTE_CHARS)),
                    _ => None,
                },
            })
            .collect();
        let mut row = serializer.serialize_struct("StrategyRow", 14)?;
        row.serialize_field("id", &v.id)?;
        row.serialize_field("title", &v.title)?;
        row.serialize_field("url", &v.url)?;
        row.serialize_field("item", &v.item)?;
        row.serialize_field("themes", &v.themes)?;
        row.serialize_field("components", &components)?;
        row.serialize_field("responsible", &v.responsible)?;
        row.serialize_field("review", &v.review)?;
        row.serialize_field("status", &v.status)?;
        row.serialize_field("present_count", &v.present_count)?;
        row.serialize_field("missing", &v.missing)?;
        row.serialize_field("missing_slugs", &v.missing_slugs)?;
        row.serialize_field("complete", &v.complete)?;
        row.serialize_field("completeness", &v.completeness)?;
        row.end()
    }
}

/// A stretch of an item's sanitised body HTML. The whole body and its
/// sections (`BodyPart`) share one copy: holding the body a second time, cut
/// into sections, cost about 0.6 GB at 20,000 heavy items, for the whole
/// render. Serialised as the string it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyHtml {
    body: Arc<str>,
    range: Range<usize>,
}

impl BodyHtml {
    fn whole(body: Arc<str>) -> BodyHtml {
        BodyHtml {
            range: 0..body.len(),
            body,
        }
    }

    fn part(&self, range: Range<usize>) -> BodyHtml {
        BodyHtml {
            body: Arc::clone(&self.body),
            range,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.body[self.range.clone()]
    }
}

impl Serialize for BodyHtml {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A top-level section of an item's body (or what comes before the first).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct BodyPart {
    /// Sanitised HTML: the heading and its text.
    pub html: BodyHtml,
    /// The effective practice examples follow `html`.
    pub practice: bool,
    /// The strategies follow `html`.
    pub strategies: bool,
    /// Sanitised HTML after the examples or strategies: footnotes the
    /// section ends with, which belong below them.
    pub after: BodyHtml,
}

#[derive(Debug, Clone, Serialize)]
pub struct PracticeView {
    pub title: String,
    pub why: String,
}

/// Everything the item page shows.
#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    #[serde(flatten)]
    pub card: ItemCard,
    pub period: Option<String>,
    pub age_band: Option<String>,
    pub trigger: Option<String>,
    pub agencies: Vec<Named>,
    /// Sanitised body HTML; the only value templates print unescaped
    /// (with `body_parts`, which is the same HTML cut into sections).
    pub body_html: BodyHtml,
    /// The body cut at its top-level headings, each part saying whether
    /// the front matter's effective practice or strategies belong at its
    /// end: under the body's own section on them, so that the page shows
    /// each section once.
    pub body_parts: Vec<BodyPart>,
    /// Whether a body part takes the examples of effective practice (else
    /// they get a section of their own after the text).
    pub practice_in_body: bool,
    /// Whether a body part takes the strategies.
    pub strategies_in_body: bool,
    /// The page's table of contents: the body's top-level headings, then
    /// the effective practice and strategies sections when the body has
    /// none of its own.
    pub contents: Vec<BodyHeading>,
    pub effective_practice: Vec<PracticeView>,
    pub strategies: Vec<StrategyView>,
    /// Labels of the CLEAR components any of its strategies has (a search filter).
    pub clear_present: Vec<&'static str>,
    /// Where the item came from, for error messages and the output scan.
    #[serde(skip)]
    pub source_path: String,
}

/// The site, ready for templates.
pub struct Library<'s> {
    pub site: &'s Site,
    /// `config.base_path()`: `/` or `/sub/`.
    pub base: String,
    /// `base_url` without the trailing slash.
    pub base_url: String,
    /// Newest first, as `Site::items`.
    pub items: Vec<ItemView>,
    /// Related learning (`crate::related`) by item source path: up to five
    /// other items, as positions in `items` (a copy of each card for each
    /// item that shows it was about 0.15 GB at 20,000 items). See
    /// [`Library::related_cards`].
    related: HashMap<String, Vec<usize>>,
    /// Every strategy's listing row, made once ([`Library::make_rows`]) when
    /// the theme's templates that list strategies are the default theme's
    /// (`Theme::row_template`); empty until then, or for another theme.
    /// A strategy is on about eight listings (its themes, its
    /// organisations, the CLEAR pages it lacks a component of): serialising
    /// and rendering it on each was most of the listings' work.
    rows: OnceLock<Vec<String>>,
}

/// Numbers every strategy in the order of [`Library::strategies`].
fn number_strategies(items: &mut [ItemView]) {
    for (number, strategy) in items
        .iter_mut()
        .flat_map(|i| i.strategies.iter_mut())
        .enumerate()
    {
        strategy.number = number;
    }
}

/// Related learning for every item of `items` (views of all `site.items`,
/// in order).
fn related_items(site: &Site, items: &[ItemView]) -> HashMap<String, Vec<usize>> {
    crate::related::related_items(site)
        .into_iter()
        .zip(items)
        .map(|(others, view)| (view.source_path.clone(), others))
        .collect()
}

/// Item views kept between renders by `serve`, so that an edit re-renders
/// the Markdown of the edited item only. Keyed by source path; an entry is
/// reused only while the file's text is unchanged.
#[derive(Default)]
pub struct ViewCache {
    views: HashMap<String, (u64, ItemView)>,
}

fn text_hash(text: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

impl<'s> Library<'s> {
    pub fn new(site: &'s Site) -> Library<'s> {
        let base = site.config.base_path();
        let mut items = site
            .items
            .par_iter()
            .map(|item| item_view(site, &base, item))
            .collect::<Vec<_>>();
        number_strategies(&mut items);
        Library {
            site,
            base: base.clone(),
            base_url: site.config.base_url_trimmed().to_string(),
            related: related_items(site, &items),
            items,
            rows: OnceLock::new(),
        }
    }

    /// A library of one item, for rendering that item's page alone: the
    /// item first, then the items its page shows as related learning.
    pub fn single(site: &'s Site, item: &Item) -> Library<'s> {
        let base = site.config.base_path();
        let view = item_view(site, &base, item);
        let others: Vec<usize> = site
            .items
            .iter()
            .position(|i| i.source.path == item.source.path)
            .map(|at| crate::related::related_items(site).swap_remove(at))
            .unwrap_or_default();
        let mut items = vec![view];
        items.extend(
            others
                .iter()
                .map(|&j| item_view(site, &base, &site.items[j])),
        );
        number_strategies(&mut items);
        Library {
            site,
            base: base.clone(),
            base_url: site.config.base_url_trimmed().to_string(),
            related: HashMap::from([(items[0].source_path.clone(), (1..items.len()).collect())]),
            items,
            rows: OnceLock::new(),
        }
    }

    /// The cards of the items `item`'s page shows as related learning.
    pub fn related_cards(&self, item: &ItemView) -> Vec<&ItemCard> {
        self.related
            .get(&item.source_path)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&j| &self.items[j].card)
            .collect()
    }

    /// Like `new`, reusing cached views of unchanged items and caching the
    /// rest.
    pub fn cached(site: &'s Site, cache: &mut ViewCache) -> Library<'s> {
        let base = site.config.base_path();
        let mut items: Vec<ItemView> = site
            .items
            .par_iter()
            .map(|item| {
                let hash = text_hash(&item.source.text);
                match cache.views.get(&item.source.path) {
                    Some((cached, view)) if *cached == hash => view.clone(),
                    _ => item_view(site, &base, item),
                }
            })
            .collect();
        cache.views = site
            .items
            .iter()
            .zip(&items)
            .map(|(item, view)| {
                (
                    item.source.path.clone(),
                    (text_hash(&item.source.text), view.clone()),
                )
            })
            .collect();
        number_strategies(&mut items);
        Library {
            site,
            base: base.clone(),
            base_url: site.config.base_url_trimmed().to_string(),
            related: related_items(site, &items),
            items,
            rows: OnceLock::new(),
        }
    }

    /// `path` under the site root → absolute URL, for what leaves the
    /// site: canonical links, feeds, the sitemap, open data. Never for a
    /// link between pages (see `link`).
    pub fn absolute(&self, path: &str) -> String {
        format!("{}/{}", self.base_url, path)
    }

    /// `path` under the site root → the link a page makes to it:
    /// `/sub/national/`, relative to the host, so that it works on a
    /// preview, on `serve` and on any host the output is copied to.
    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn strategies(&self) -> impl Iterator<Item = &StrategyView> {
        self.items.iter().flat_map(|i| i.strategies.iter())
    }

    /// A strategy as a listing shows it under an `h3`: the row made once if
    /// there is one ([`Library::make_rows`]), else every field.
    pub fn row<'a>(&'a self, view: &'a StrategyView) -> StrategyRow<'a> {
        StrategyRow {
            html: self
                .rows
                .get()
                .and_then(|rows| rows.get(view.number))
                .map(String::as_str),
            ..StrategyRow::new(view)
        }
    }

    /// Renders every strategy's listing row once, on every core, when the
    /// theme can reuse them (`Theme::row_template`); later calls do nothing.
    pub fn make_rows(&self, theme: &super::Theme) -> Result<(), super::RenderError> {
        let Some(template) = theme.row_template() else {
            return Ok(());
        };
        if self.rows.get().is_some() {
            return Ok(());
        }
        let strategies: Vec<&StrategyView> = self.strategies().collect();
        let rows = strategies
            .par_iter()
            .map(|view| {
                let mut context = tera::Context::new();
                context.insert("strategy", &StrategyRow::new(view));
                theme.tera.render(template, &context).map_err(|e| {
                    super::RenderError::TemplateRender {
                        template: "macros.html".to_string(),
                        page: view.url.clone(),
                        detail: super::error::tera_detail(&e),
                    }
                })
            })
            .collect::<Result<Vec<String>, _>>()?;
        // Another thread may have made them meanwhile: they are the same.
        let _ = self.rows.set(rows);
        Ok(())
    }

    pub fn theme_ref(&self, slug: &str) -> ThemeRef {
        theme_ref(self.site, &self.base, slug)
    }

    /// Themes that have at least one item or strategy, in vocabulary order.
    pub fn themes_in_use(&self) -> Vec<ThemeCount> {
        self.site
            .vocabulary
            .all()
            .filter_map(|slug| {
                let items = self.items_touching_theme(slug).len();
                let strategies = self
                    .strategies()
                    .filter(|s| s.themes.iter().any(|t| t.slug == slug))
                    .count();
                (items + strategies > 0).then(|| ThemeCount {
                    theme: self.theme_ref(slug),
                    items,
                    strategies,
                })
            })
            .collect()
    }

    /// Items on a theme directly or through one of their strategies.
    pub fn items_touching_theme(&self, slug: &str) -> Vec<&ItemView> {
        self.items
            .iter()
            .filter(|i| {
                i.card.themes.iter().any(|t| t.slug == slug)
                    || i.strategies
                        .iter()
                        .any(|s| s.themes.iter().any(|t| t.slug == slug))
            })
            .collect()
    }

    /// Areas by name, each with its items (newest first).
    pub fn areas(&self) -> BTreeMap<String, Vec<&ItemView>> {
        let mut areas: BTreeMap<String, Vec<&ItemView>> = BTreeMap::new();
        for item in &self.items {
            areas.entry(item.card.area.clone()).or_default().push(item);
        }
        areas
    }

    /// Publication years, newest first, each with its items.
    pub fn years(&self) -> Vec<(i32, Vec<&ItemView>)> {
        let mut years: BTreeMap<i32, Vec<&ItemView>> = BTreeMap::new();
        for item in &self.items {
            years.entry(item.card.year).or_default().push(item);
        }
        years.into_iter().rev().collect()
    }

    pub fn area_url(&self, area: &str) -> String {
        area_url(&self.base, area)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ThemeCount {
    pub theme: ThemeRef,
    /// Items on the theme directly or through a strategy.
    pub items: usize,
    pub strategies: usize,
}

fn theme_ref(site: &Site, base: &str, slug: &str) -> ThemeRef {
    ThemeRef {
        slug: slug.to_string(),
        label: theme_label(slug),
        url: format!("{base}themes/{slug}/"),
        group: site.vocabulary.group(slug),
    }
}

fn area_url(base: &str, area: &str) -> String {
    format!("{base}areas/{}/", slugify(area))
}

/// Where a responsible organisation is listed on `/clear/responsibility/`.
pub fn organisation_anchor(name: &str) -> String {
    format!("org-{}", slugify(name))
}

fn item_view(site: &Site, base: &str, item: &Item) -> ItemView {
    let meta = &item.meta;
    let path = site.item_path(item);
    let url = format!("{base}{path}");
    let themes: Vec<ThemeRef> = meta
        .themes
        .iter()
        .map(|t| theme_ref(site, base, t))
        .collect();
    let item_ref = ItemRef {
        review_id: meta.review_id.clone(),
        title: meta.title.clone(),
        url: url.clone(),
        area: item.area.clone(),
        kind_label: meta.kind.label().to_string(),
        year: item.year(),
    };
    let used_ids: Vec<String> = (0..meta.strategies.len()).map(strategy_anchor).collect();
    let strategies: Vec<StrategyView> = meta
        .strategies
        .iter()
        .zip(&used_ids)
        .map(|(s, id)| strategy_view(site, base, s, &item_ref, id))
        .collect();
    let mut reserved: Vec<&str> = ITEM_PAGE_IDS.to_vec();
    reserved.extend(used_ids.iter().map(String::as_str));
    let body = render_markdown(item.body(), base, &reserved);
    let html = BodyHtml::whole(Arc::from(body.html));
    let parts = body_parts(
        &html,
        &body.headings,
        !meta.effective_practice.is_empty(),
        !meta.strategies.is_empty(),
    );
    let clear_present = Clear::ALL
        .into_iter()
        .filter(|c| meta.strategies.iter().any(|s| s.has(*c)))
        .map(Clear::label)
        .collect();
    ItemView {
        card: ItemCard {
            review_id: meta.review_id.clone(),
            title: meta.title.clone(),
            url,
            path,
            kind: meta.kind.as_str().to_string(),
            kind_label: meta.kind.label().to_string(),
            area: item.area.clone(),
            area_url: area_url(base, &item.area),
            published: meta.published.to_string(),
            published_long: meta.published.long(),
            year: item.year(),
            year_url: format!("{base}years/{}/", item.year()),
            themes,
            summary: body.summary,
            strategy_count: strategies.len(),
            complete_strategy_count: strategies.iter().filter(|s| s.complete).count(),
            effective_practice_count: meta.effective_practice.len(),
        },
        period: meta.period.clone(),
        age_band: meta.age_band.map(|a| a.label().to_string()),
        trigger: meta.trigger.map(|t| t.label().to_string()),
        agencies: meta
            .agencies
            .iter()
            .map(|a| Named {
                slug: a.clone(),
                label: theme_label(a),
            })
            .collect(),
        practice_in_body: parts.iter().any(|p| p.practice),
        strategies_in_body: parts.iter().any(|p| p.strategies),
        body_parts: parts,
        contents: contents(
            &body.headings,
            !meta.effective_practice.is_empty(),
            !meta.strategies.is_empty(),
        ),
        body_html: html,
        effective_practice: meta
            .effective_practice
            .iter()
            .map(|p| PracticeView {
                title: p.title.clone(),
                why: p.why.clone(),
            })
            .collect(),
        strategies,
        clear_present,
        source_path: item.source.path.clone(),
    }
}

/// The body's top-level heading that names `part` (`content::parts`).
fn heading_of(headings: &[BodyHeading], part: Part) -> Option<&BodyHeading> {
    headings
        .iter()
        .filter(|h| h.level == 2)
        .find(|h| crate::content::parts::recognise(&h.text) == Some(part))
}

/// Cuts the body's HTML before each top-level heading and marks where the
/// examples and strategies go: at the end of the body's own section on
/// them (before any footnotes it ends with), or nowhere when it has none.
fn body_parts(
    body: &BodyHtml,
    headings: &[BodyHeading],
    practices: bool,
    strategies: bool,
) -> Vec<BodyPart> {
    let practice_id = heading_of(headings, Part::EffectivePractice)
        .filter(|_| practices)
        .map(|h| h.id.as_str());
    let strategies_id = heading_of(headings, Part::Strategies)
        .filter(|_| strategies)
        .map(|h| h.id.as_str());
    let html = body.as_str();
    let mut cuts: Vec<(usize, Option<&str>)> = vec![(0, None)];
    for heading in headings.iter().filter(|h| h.level == 2) {
        if let Some(at) = html.find(&format!("<h2 id=\"{}\"", heading.id)) {
            cuts.push((at, Some(heading.id.as_str())));
        }
    }
    cuts.sort_by_key(|(at, _)| *at);
    let mut parts = Vec::with_capacity(cuts.len());
    for (i, (start, id)) in cuts.iter().enumerate() {
        let end = cuts.get(i + 1).map(|(at, _)| *at).unwrap_or(html.len());
        let text = &html[*start..end];
        if text.trim().is_empty() {
            continue;
        }
        let practice = id.is_some() && *id == practice_id;
        let strategies = id.is_some() && *id == strategies_id;
        let split = if practice || strategies {
            text.find("<div class=\"footnote\"").unwrap_or(text.len())
        } else {
            text.len()
        };
        parts.push(BodyPart {
            html: body.part(*start..*start + split),
            practice,
            strategies,
            after: body.part(*start + split..end),
        });
    }
    parts
}

/// The table of contents: the body's top-level headings, and the
/// examples' and strategies' own sections where the body has none.
fn contents(headings: &[BodyHeading], practices: bool, strategies: bool) -> Vec<BodyHeading> {
    let mut contents: Vec<BodyHeading> =
        headings.iter().filter(|h| h.level == 2).cloned().collect();
    for (present, part, id) in [
        (
            practices,
            Part::EffectivePractice,
            "effective-practice-examples",
        ),
        (strategies, Part::Strategies, "clear-strategies"),
    ] {
        if present && heading_of(headings, part).is_none() {
            contents.push(BodyHeading {
                level: 2,
                id: id.to_string(),
                text: part.heading().to_string(),
            });
        }
    }
    contents
}

fn strategy_view(
    site: &Site,
    base: &str,
    strategy: &Strategy,
    item: &ItemRef,
    id: &str,
) -> StrategyView {
    let id = id.to_string();

    let components = Clear::ALL
        .into_iter()
        .map(|c| ComponentView {
            slug: c.slug(),
            letter: c.letter(),
            label: c.label(),
            present: strategy.has(c),
            text: match c {
                Clear::CaseForChange => strategy.case_for_change.clone(),
                Clear::Learning => strategy.learning.clone(),
                Clear::Evidence => strategy.evidence.clone(),
                Clear::Responsibility | Clear::Review => None,
            }
            .filter(|t| !t.trim().is_empty()),
        })
        .collect();
    let missing = strategy.missing();
    let present_count = Clear::ALL.len() - missing.len();
    let completeness = if missing.is_empty() {
        format!("{present_count} of 5 — complete")
    } else {
        let labels: Vec<&str> = missing.iter().map(|c| c.label()).collect();
        format!("{present_count} of 5 — {} missing", labels.join(", "))
    };
    StrategyView {
        url: format!("{}#{id}", item.url),
        id,
        title: strategy.title.clone(),
        item: item.clone(),
        themes: strategy
            .themes
            .iter()
            .map(|t| theme_ref(site, base, t))
            .collect(),
        components,
        responsible: strategy
            .responsible
            .iter()
            .filter(|r| !r.trim().is_empty())
            .map(|r| Link {
                label: r.clone(),
                url: format!("{base}clear/responsibility/#{}", organisation_anchor(r)),
            })
            .collect(),
        review: strategy.review.as_ref().map(|r| ReviewView {
            outcomes: r.outcomes.clone().filter(|t| !t.trim().is_empty()),
            by: r.by.map(|m| m.to_string()),
            by_long: r.by.map(Month::long),
            resources: r.resources.clone().filter(|t| !t.trim().is_empty()),
        }),
        status: strategy.status.map(|s| Named {
            slug: s.as_str().to_string(),
            label: s.label().to_string(),
        }),
        present_count,
        missing: missing.iter().map(|c| c.label()).collect(),
        missing_slugs: missing.iter().map(|c| c.slug()).collect(),
        complete: missing.is_empty(),
        completeness,
        review_by: strategy.review.as_ref().and_then(|r| r.by),
        number: 0,
    }
}
