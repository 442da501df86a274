//! The CLEAR pages: an overview, one page per component, strategies by
//! responsible organisation, and the review schedule.

use std::collections::BTreeMap;

use serde::Serialize;

use super::library::{organisation_anchor, Library, StrategyRow, StrategyView};
use super::page::Page;
use crate::content::{Clear, Month};
use crate::text::slugify;

/// How far ahead a review date counts as "due".
const DUE_WITHIN_MONTHS: i32 = 3;

#[derive(Debug, Serialize)]
pub struct CategorySummary {
    pub slug: &'static str,
    pub letter: char,
    pub label: &'static str,
    pub description: &'static str,
    pub url: String,
    /// Strategies that have this component.
    pub present: usize,
    /// Strategies that lack it.
    pub missing: usize,
}

#[derive(Debug, Serialize)]
pub struct Overview {
    pub categories: Vec<CategorySummary>,
    pub strategies: usize,
    pub complete: usize,
}

pub fn overview(lib: &Library) -> Overview {
    let total = lib.strategies().count();
    Overview {
        categories: Clear::ALL
            .into_iter()
            .map(|c| {
                let present = lib
                    .strategies()
                    .filter(|s| !s.missing_slugs.contains(&c.slug()))
                    .count();
                CategorySummary {
                    slug: c.slug(),
                    letter: c.letter(),
                    label: c.label(),
                    description: c.description(),
                    url: format!("{}clear/{}/", lib.base, c.slug()),
                    present,
                    missing: total - present,
                }
            })
            .collect(),
        strategies: total,
        complete: lib.strategies().filter(|s| s.complete).count(),
    }
}

/// The `n`th CLEAR page: the overview (0), then one per category in
/// `Clear::ALL`'s order. Made one at a time: each page's context copies
/// every strategy it lists, and on a site of 12,000 strategies the six
/// contexts at once were most of a build's peak memory.
pub fn page(lib: &Library, n: usize) -> Page {
    let overview = overview(lib);
    let Some(category) = n.checked_sub(1).and_then(|i| Clear::ALL.get(i).copied()) else {
        let incomplete: Vec<StrategyRow> = lib
            .strategies()
            .filter(|s| !s.complete)
            .map(|s| lib.row(s))
            .collect();
        return Page::new(lib, "clear/", "clear.html", "CLEAR strategies")
            .section("clear")
            .description("Improvement strategies from Learning Reviews, checked against the five CLEAR categories.")
            .with("incomplete", &incomplete)
            .with("clear", &overview);
    };
    let summary = &overview.categories[n - 1];
    let page = Page::new(
        lib,
        format!("clear/{}/", category.slug()),
        template_for(category),
        category.label(),
    )
    .section("clear")
    .description(format!("{}: {}", category.label(), category.description()))
    .with("category", summary);
    match category {
        Clear::Responsibility => responsibility(lib, page),
        Clear::Review => review_schedule(lib, page),
        _ => with_and_without(lib, category, page),
    }
}

fn template_for(category: Clear) -> &'static str {
    match category {
        Clear::Responsibility => "clear_responsibility.html",
        Clear::Review => "clear_review.html",
        _ => "clear_category.html",
    }
}

/// `clear_category.html`: `category` (`CategorySummary`), `with` and
/// `without` (`StrategyRow`s that have, or lack, the component; `with`
/// quoting a line of it, the item page showing the rest).
fn with_and_without(lib: &Library, category: Clear, page: Page) -> Page {
    let (with, without): (Vec<&StrategyView>, Vec<&StrategyView>) = lib
        .strategies()
        .partition(|s| !s.missing_slugs.contains(&category.slug()));
    let with: Vec<StrategyRow> = with
        .into_iter()
        .map(|s| StrategyRow::quoting(s, category))
        .collect();
    let without: Vec<StrategyRow> = without.into_iter().map(|s| lib.row(s)).collect();
    page.with("with", &with).with("without", &without)
}

#[derive(Serialize)]
struct Organisation<'a> {
    name: String,
    anchor: String,
    strategies: Vec<StrategyRow<'a>>,
}

/// `clear_responsibility.html`: `category`, `organisations` (name, anchor,
/// strategies; alphabetical, names differing only in case or punctuation
/// merged), `unassigned` (strategies with nobody responsible).
fn responsibility(lib: &Library, page: Page) -> Page {
    let mut organisations: BTreeMap<String, Organisation> = BTreeMap::new();
    for strategy in lib.strategies() {
        for responsible in &strategy.responsible {
            let organisation = organisations
                .entry(slugify(&responsible.label))
                .or_insert_with(|| Organisation {
                    name: responsible.label.clone(),
                    anchor: organisation_anchor(&responsible.label),
                    strategies: Vec::new(),
                });
            // A strategy naming one organisation twice (in another case or
            // punctuation) is listed once. Its earlier entry, if any, was
            // pushed while this same strategy was read, so it is the last:
            // checking only that keeps the page linear in strategies
            // (scanning the whole list was quadratic for large organisations).
            if !organisation
                .strategies
                .last()
                .is_some_and(|s| std::ptr::eq(s.view, strategy))
            {
                organisation.strategies.push(lib.row(strategy));
            }
        }
    }
    let unassigned: Vec<StrategyRow> = lib
        .strategies()
        .filter(|s| s.responsible.is_empty())
        .map(|s| lib.row(s))
        .collect();
    let organisations: Vec<Organisation> = organisations.into_values().collect();
    page.with("organisations", &organisations)
        .with("unassigned", &unassigned)
}

#[derive(Serialize)]
struct Scheduled<'a> {
    strategy: StrategyRow<'a>,
    /// `overdue`, `due`, `later` or `done`.
    state: &'static str,
    state_label: &'static str,
}

/// `clear_review.html`: `category`, `overdue`, `due`, `later`, `done`
/// (each a list of `{strategy, state, state_label}` in date order),
/// `undated` (strategies with no review date), `today_month` ("November 2026"),
/// `due_within_months`.
fn review_schedule(lib: &Library, page: Page) -> Page {
    let this_month = lib.site.today.month();
    let mut dated: Vec<(Month, &StrategyView)> = lib
        .strategies()
        .filter_map(|s| s.review_by.map(|by| (by, s)))
        .collect();
    dated.sort_by_key(|(by, s)| (*by, s.item.review_id.clone()));
    let mut lists: BTreeMap<&'static str, Vec<Scheduled>> = BTreeMap::new();
    for (by, strategy) in dated {
        let (state, state_label) = review_state(strategy, by, this_month);
        lists.entry(state).or_default().push(Scheduled {
            strategy: StrategyRow::new(strategy),
            state,
            state_label,
        });
    }
    let undated: Vec<StrategyRow> = lib
        .strategies()
        .filter(|s| s.review_by.is_none())
        .map(|s| lib.row(s))
        .collect();
    let mut page = page
        .with("undated", &undated)
        .with("today_month", &this_month.long())
        .with("due_within_months", &DUE_WITHIN_MONTHS);
    for state in ["overdue", "due", "later", "done"] {
        page = page.with(state, &lists.remove(state).unwrap_or_default());
    }
    page
}

/// A review date before this month is overdue unless the strategy is
/// finished; finished strategies are listed apart so they do not look late.
fn review_state(
    strategy: &StrategyView,
    by: Month,
    this_month: Month,
) -> (&'static str, &'static str) {
    let finished = strategy
        .status
        .as_ref()
        .is_some_and(|s| s.slug == "completed" || s.slug == "not-required");
    let months_ahead = month_index(by) - month_index(this_month);
    if finished {
        ("done", "Completed")
    } else if months_ahead < 0 {
        ("overdue", "Overdue")
    } else if months_ahead < DUE_WITHIN_MONTHS {
        ("due", "Due")
    } else {
        ("later", "Scheduled")
    }
}

fn month_index(month: Month) -> i32 {
    month.year * 12 + i32::from(month.month) - 1
}
