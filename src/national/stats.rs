//! Counts of reviews and strategies by one or two dimensions, and the one
//! way a figure that includes statistics-only records leaves the program:
//! suppressed (docs/national.md, "Statistics" and "Small-number
//! suppression").
//!
//! Two populations are counted, and every table says which:
//!
//! - [`Counting::Published`]: the published items of the site, exactly
//!   ([`published`]). They are on the site already, so their counts
//!   disclose nothing new; suppression is optional.
//! - [`Counting::Reported`]: all reviews reported — the published items
//!   and the statistics-only records of unpublished reviews
//!   ([`reported`], [`reported_beside`]). Only these functions read the
//!   records ([`StatisticsOnly`] shows them to nothing else), and they
//!   return nothing but suppressed tables: a threshold of at least
//!   [`Threshold::MIN`] (by its type), primary and secondary suppression,
//!   the same figure suppressed alike in every table published together,
//!   and an audit that no suppressed figure can be worked out from the
//!   totals shown.
//!
//! A table holds only figures that may be shown: a suppressed one is
//! `Cell::Suppressed` and its value is gone, and a `Table` cannot be made
//! outside this module, so no printer or chart can leak one by mistake.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::{json, Map, Value};

use super::statistics::{Record, RecordStrategy, StatisticsOnly};
use crate::config::Threshold;
use crate::content::{vocab, AgeBand, Clear, Item, Month, Strategy, StrategyStatus, Trigger};
use crate::site::Site;

/// What a table is broken down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    /// The item's themes (for strategies: the strategy's own themes, or
    /// the item's when the strategy names none; a statistics-only
    /// record's themes for each of its strategies).
    Theme,
    /// The CPC area.
    Area,
    /// The year: of publication for a published item, of the COG's
    /// decision for a statistics-only record.
    Year,
    /// The agencies involved.
    Agency,
    /// Report or summary.
    Kind,
    /// The child's age band.
    Age,
    /// Why the review was held.
    Trigger,
    /// The organisations a strategy assigns responsibility to.
    Responsible,
    /// The CLEAR components a strategy has in full.
    Clear,
    /// Where a strategy's review date stands on the day of the build.
    Review,
}

/// A value of `agency`, `kind` and `review` for a statistics-only record,
/// which does not carry them.
pub const NOT_REPORTED: &str = "not-reported";
/// The year of a statistics-only record whose COG has not decided yet.
pub const NOT_DECIDED: &str = "not-decided";
/// The age band or trigger of an item that does not give one.
pub const NOT_RECORDED: &str = "not-recorded";
/// Where a statistics-only record's strategy names an organisation that no
/// published item names: its name alone could point at the review.
pub const OTHER_ORGANISATIONS: &str = "Other organisations";

impl Dimension {
    pub const ALL: [Dimension; 10] = [
        Dimension::Theme,
        Dimension::Area,
        Dimension::Year,
        Dimension::Agency,
        Dimension::Kind,
        Dimension::Age,
        Dimension::Trigger,
        Dimension::Responsible,
        Dimension::Clear,
        Dimension::Review,
    ];

    /// The name used on the command line and as a CSV/JSON column.
    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Theme => "theme",
            Dimension::Area => "area",
            Dimension::Year => "year",
            Dimension::Agency => "agency",
            Dimension::Kind => "kind",
            Dimension::Age => "age",
            Dimension::Trigger => "trigger",
            Dimension::Responsible => "responsible",
            Dimension::Clear => "clear",
            Dimension::Review => "review",
        }
    }

    /// How a page heads this dimension.
    pub fn label(self) -> &'static str {
        match self {
            Dimension::Theme => "Theme",
            Dimension::Area => "Area",
            Dimension::Year => "Year",
            Dimension::Agency => "Agency",
            Dimension::Kind => "Kind",
            Dimension::Age => "Age band",
            Dimension::Trigger => "Why the review was held",
            Dimension::Responsible => "Responsible organisation",
            Dimension::Clear => "CLEAR component",
            Dimension::Review => "Review date",
        }
    }

    /// Whether a table with this dimension counts strategies.
    pub fn unit(self) -> Unit {
        match self {
            Dimension::Responsible | Dimension::Clear | Dimension::Review => Unit::Strategies,
            _ => Unit::Items,
        }
    }

    /// Whether every record counted has exactly one value of this
    /// dimension, so that figures over its values add up to records. An
    /// item can record several themes and agencies, and a strategy name
    /// several organisations and have several CLEAR components: a sum over
    /// those counts mentions, and no output shows it as a total.
    pub fn one_value_per_record(self) -> bool {
        match self {
            Dimension::Area
            | Dimension::Year
            | Dimension::Kind
            | Dimension::Age
            | Dimension::Trigger
            | Dimension::Review => true,
            Dimension::Theme | Dimension::Agency | Dimension::Responsible | Dimension::Clear => {
                false
            }
        }
    }

    /// How a page shows one of this dimension's values.
    pub fn value_label(self, value: &str) -> String {
        match (self, value) {
            (_, NOT_REPORTED) => "Not reported (unpublished reviews)".to_string(),
            (Dimension::Year, NOT_DECIDED) => "COG decision not yet made".to_string(),
            (_, NOT_RECORDED) => "Not recorded".to_string(),
            (Dimension::Theme, _) => vocab::theme_label(value),
            (Dimension::Clear, _) => Clear::from_slug(value)
                .map(|c| format!("{} ({})", c.label(), c.letter()))
                .unwrap_or_else(|| value.to_string()),
            (Dimension::Review, _) => ReviewStanding::from_slug(value)
                .map(|r| r.label().to_string())
                .unwrap_or_else(|| value.to_string()),
            (Dimension::Kind, "report") => "Reports".to_string(),
            (Dimension::Kind, "summary") => "Learning summaries".to_string(),
            (Dimension::Age, _) => age_band(value)
                .map(|a| a.label().to_string())
                .unwrap_or_else(|| value.to_string()),
            (Dimension::Trigger, _) => trigger(value)
                .map(|t| t.label().to_string())
                .unwrap_or_else(|| value.to_string()),
            _ => value.to_string(),
        }
    }
}

const AGE_BANDS: [AgeBand; 7] = [
    AgeBand::PreBirth,
    AgeBand::Under1,
    AgeBand::From1To4,
    AgeBand::From5To10,
    AgeBand::From11To15,
    AgeBand::From16To17,
    AgeBand::From18To25,
];

const TRIGGERS: [Trigger; 4] = [
    Trigger::Died,
    Trigger::SignificantHarm,
    Trigger::AtRisk,
    Trigger::EffectivePractice,
];

fn age_band(slug: &str) -> Option<AgeBand> {
    AGE_BANDS.into_iter().find(|a| a.as_str() == slug)
}

fn trigger(slug: &str) -> Option<Trigger> {
    TRIGGERS.into_iter().find(|t| t.as_str() == slug)
}

impl std::str::FromStr for Dimension {
    type Err = String;

    fn from_str(text: &str) -> Result<Dimension, String> {
        let wanted = text.trim().to_lowercase();
        Dimension::ALL
            .into_iter()
            .find(|d| d.as_str() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = Dimension::ALL.iter().map(|d| d.as_str()).collect();
                format!(
                    "unknown dimension {text:?}; use one of {}",
                    names.join(", ")
                )
            })
    }
}

/// Parses `theme,area`: one or two different dimensions.
pub fn parse_dimensions(text: &str) -> Result<Vec<Dimension>, String> {
    let by = text
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(str::parse)
        .collect::<Result<Vec<Dimension>, String>>()?;
    match by.as_slice() {
        [_] => Ok(by),
        [a, b] if a != b => Ok(by),
        [_, _] => Err("give two different dimensions, e.g. --by theme,area".into()),
        _ => Err("give one or two dimensions, e.g. --by theme or --by theme,area".into()),
    }
}

/// What the counts count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    Items,
    Strategies,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Items => "items",
            Unit::Strategies => "strategies",
        }
    }
}

/// Which reviews a table counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counting {
    /// The site's published reports and summaries: exact counts of what
    /// the site shows anyway.
    Published,
    /// All reviews reported: the published items and the statistics-only
    /// records of unpublished ones. Always suppressed.
    Reported,
}

impl Counting {
    /// The name in JSON (`population`).
    pub fn as_str(self) -> &'static str {
        match self {
            Counting::Published => "published",
            Counting::Reported => "all-reported",
        }
    }

    /// What the figures count, in a reader's words.
    pub fn describe(self, unit: Unit) -> &'static str {
        match (self, unit) {
            (Counting::Published, Unit::Items) => "published reviews (reports and learning summaries)",
            (Counting::Published, Unit::Strategies) => "strategies of published reviews",
            (Counting::Reported, Unit::Items) => "all reviews reported (published, and unpublished ones counted from statistics-only records)",
            (Counting::Reported, Unit::Strategies) => "strategies of all reviews reported (published, and unpublished ones counted from statistics-only records)",
        }
    }
}

/// Where a strategy's review stands on the day of the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewStanding {
    /// Review month before this month, strategy not completed.
    Overdue,
    /// Review month this month or in the next two.
    Due,
    /// Review month later than that.
    Later,
    /// No review month given.
    NoDate,
    /// Completed, or no change required.
    Closed,
}

impl ReviewStanding {
    pub const ALL: [ReviewStanding; 5] = [
        ReviewStanding::Overdue,
        ReviewStanding::Due,
        ReviewStanding::Later,
        ReviewStanding::NoDate,
        ReviewStanding::Closed,
    ];

    pub fn of(strategy: &Strategy, this_month: Month) -> ReviewStanding {
        if matches!(
            strategy.status,
            Some(StrategyStatus::Completed | StrategyStatus::NotRequired)
        ) {
            return ReviewStanding::Closed;
        }
        let Some(by) = strategy.review.as_ref().and_then(|r| r.by) else {
            return ReviewStanding::NoDate;
        };
        let months = |m: Month| m.year * 12 + i32::from(m.month) - 1;
        match months(by) - months(this_month) {
            ..0 => ReviewStanding::Overdue,
            0..=2 => ReviewStanding::Due,
            _ => ReviewStanding::Later,
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            ReviewStanding::Overdue => "overdue",
            ReviewStanding::Due => "due",
            ReviewStanding::Later => "later",
            ReviewStanding::NoDate => "no-date",
            ReviewStanding::Closed => "closed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ReviewStanding::Overdue => "Overdue",
            ReviewStanding::Due => "Due within three months",
            ReviewStanding::Later => "Due later",
            ReviewStanding::NoDate => "No review date",
            ReviewStanding::Closed => "Completed or not required",
        }
    }

    pub fn from_slug(slug: &str) -> Option<ReviewStanding> {
        ReviewStanding::ALL.into_iter().find(|r| r.slug() == slug)
    }
}

/// The value given when a strategy names no responsible organisation.
pub const NOT_ASSIGNED: &str = "Not assigned";

/// One published figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Count(u64),
    /// Between 1 and the threshold minus 1, or withheld so that such a
    /// figure cannot be worked out from the others.
    Suppressed,
}

impl Cell {
    pub fn count(self) -> Option<u64> {
        match self {
            Cell::Count(n) => Some(n),
            Cell::Suppressed => None,
        }
    }

    pub fn is_suppressed(self) -> bool {
        self == Cell::Suppressed
    }

    fn json(self) -> Value {
        match self {
            Cell::Count(n) => json!(n),
            Cell::Suppressed => json!("c"),
        }
    }
}

impl std::fmt::Display for Cell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cell::Count(n) => write!(f, "{n}"),
            Cell::Suppressed => f.write_str("c"),
        }
    }
}

/// The word totals go by in every output.
pub const TOTAL: &str = "Total";

/// A one- or two-way table of publishable figures. It has totals only
/// where they count each record once: along a dimension with one value
/// per record (area, year, kind, age band, trigger, review date). Made
/// only by this module's functions.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// One or two dimensions: rows, then columns.
    pub by: Vec<Dimension>,
    pub unit: Unit,
    pub counting: Counting,
    /// Counts from 1 to this minus 1 are suppressed; `None`: nothing is.
    pub suppress_below: Option<u64>,
    /// Values of the first dimension.
    pub rows: Vec<String>,
    /// Values of the second dimension; empty for a one-way table.
    pub columns: Vec<String>,
    /// `[row][column]`; a one-way table has one cell per row.
    pub cells: Vec<Vec<Cell>>,
    /// Each row's total over the columns (two-way tables whose second
    /// dimension has one value per record).
    pub row_totals: Option<Vec<Cell>>,
    /// Each column's total over the rows (two-way tables whose first
    /// dimension has one value per record).
    pub column_totals: Option<Vec<Cell>>,
    /// The grand total, when every dimension has one value per record.
    pub total: Option<Cell>,
    /// Keeps tables from being made anywhere but here (`#[non_exhaustive]`
    /// would let the rest of the crate make one).
    sealed: Sealed,
}

/// See [`Table`]'s `sealed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Sealed;

impl Table {
    pub fn is_two_way(&self) -> bool {
        self.by.len() == 2
    }

    /// The largest figure shown in a cell (for scaling charts).
    pub fn max_cell(&self) -> u64 {
        self.cells
            .iter()
            .flatten()
            .filter_map(|c| c.count())
            .max()
            .unwrap_or(0)
    }

    pub fn any_suppressed(&self) -> bool {
        self.cells.iter().flatten().any(|c| c.is_suppressed())
            || self.row_totals.iter().flatten().any(|c| c.is_suppressed())
            || self
                .column_totals
                .iter()
                .flatten()
                .any(|c| c.is_suppressed())
            || self.total.is_some_and(Cell::is_suppressed)
    }
}

/// One thing counted (an item, a record, or a strategy of either) as the
/// values it takes for each dimension of a table.
type Counted = Vec<BTreeSet<String>>;

/// What a table's raw counts are before anything is shown: never leaves
/// this module.
struct Raw {
    by: Vec<Dimension>,
    unit: Unit,
    rows: Vec<String>,
    columns: Vec<String>,
    /// `[row][column]` (one column for a one-way table).
    counts: Vec<Vec<u64>>,
}

/// The unit a table of `by` counts.
fn unit_of(by: &[Dimension]) -> Unit {
    if by.iter().any(|d| d.unit() == Unit::Strategies) {
        Unit::Strategies
    } else {
        Unit::Items
    }
}

/// Counts the published items of `site` (and, when given, the
/// statistics-only records) by `by`.
fn count(site: &Site, records: Option<&StatisticsOnly>, by: &[Dimension]) -> Raw {
    assert!(
        (1..=2).contains(&by.len()),
        "stats takes one or two dimensions, not {}",
        by.len()
    );
    let unit = unit_of(by);
    let this_month = site.today.month();
    let mut counted: Vec<Counted> = Vec::new();
    for item in &site.items {
        match unit {
            Unit::Items => counted.push(
                by.iter()
                    .map(|d| item_values(*d, item, None, this_month))
                    .collect(),
            ),
            Unit::Strategies => {
                for strategy in &item.meta.strategies {
                    counted.push(
                        by.iter()
                            .map(|d| item_values(*d, item, Some(strategy), this_month))
                            .collect(),
                    );
                }
            }
        }
    }
    if let Some(records) = records {
        let named = published_organisations(site);
        for (area, record) in &records.records {
            match unit {
                Unit::Items => counted.push(
                    by.iter()
                        .map(|d| record_values(*d, area, record, None, &named))
                        .collect(),
                ),
                Unit::Strategies => {
                    for strategy in &record.strategies {
                        counted.push(
                            by.iter()
                                .map(|d| record_values(*d, area, record, Some(strategy), &named))
                                .collect(),
                        );
                    }
                }
            }
        }
    }
    let rows = ordered_values(site, by[0], counted.iter().map(|r| &r[0]));
    let columns = match by.get(1) {
        Some(d) => ordered_values(site, *d, counted.iter().map(|r| &r[1])),
        None => Vec::new(),
    };
    let width = columns.len().max(1);
    let mut counts = vec![vec![0u64; width]; rows.len()];
    let row_index: BTreeMap<&str, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, v)| (v.as_str(), i))
        .collect();
    let column_index: BTreeMap<&str, usize> = columns
        .iter()
        .enumerate()
        .map(|(i, v)| (v.as_str(), i))
        .collect();
    for record in &counted {
        for row in &record[0] {
            let r = row_index[row.as_str()];
            match record.get(1) {
                Some(column_values) => {
                    for column in column_values {
                        counts[r][column_index[column.as_str()]] += 1;
                    }
                }
                None => counts[r][0] += 1,
            }
        }
    }
    Raw {
        by: by.to_vec(),
        unit,
        rows,
        columns,
        counts,
    }
}

fn trimmed(list: &[String]) -> BTreeSet<String> {
    list.iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Every organisation a published item's strategy names.
fn published_organisations(site: &Site) -> BTreeSet<String> {
    site.items
        .iter()
        .flat_map(|i| &i.meta.strategies)
        .flat_map(|s| trimmed(&s.responsible))
        .collect()
}

/// The values a published item (or one of its strategies) takes.
fn item_values(
    dimension: Dimension,
    item: &Item,
    strategy: Option<&Strategy>,
    this_month: Month,
) -> BTreeSet<String> {
    let one = |value: &str| BTreeSet::from([value.to_string()]);
    match dimension {
        Dimension::Theme => match strategy {
            Some(s) if !s.themes.is_empty() => trimmed(&s.themes),
            _ => trimmed(&item.meta.themes),
        },
        Dimension::Area => one(&item.area),
        Dimension::Year => one(&item.year().to_string()),
        Dimension::Agency => trimmed(&item.meta.agencies),
        Dimension::Kind => one(item.meta.kind.as_str()),
        Dimension::Age => one(item.meta.age_band.map_or(NOT_RECORDED, AgeBand::as_str)),
        Dimension::Trigger => one(item.meta.trigger.map_or(NOT_RECORDED, Trigger::as_str)),
        Dimension::Responsible => {
            let named = strategy
                .map(|s| trimmed(&s.responsible))
                .unwrap_or_default();
            if named.is_empty() {
                one(NOT_ASSIGNED)
            } else {
                named
            }
        }
        Dimension::Clear => strategy
            .map(|s| {
                Clear::ALL
                    .into_iter()
                    .filter(|c| s.has(*c))
                    .map(|c| c.slug().to_string())
                    .collect()
            })
            .unwrap_or_default(),
        Dimension::Review => strategy
            .map(|s| one(ReviewStanding::of(s, this_month).slug()))
            .unwrap_or_default(),
    }
}

/// The values a statistics-only record (or one of its strategies) takes.
/// What a record does not carry is `not-reported`; an organisation no
/// published item names is counted under "Other organisations", since
/// its name alone could point at the review.
fn record_values(
    dimension: Dimension,
    area: &str,
    record: &Record,
    strategy: Option<&RecordStrategy>,
    published_organisations: &BTreeSet<String>,
) -> BTreeSet<String> {
    let one = |value: &str| BTreeSet::from([value.to_string()]);
    match dimension {
        Dimension::Theme => trimmed(&record.themes),
        Dimension::Area => one(area),
        Dimension::Year => one(&record
            .year
            .map_or(NOT_DECIDED.to_string(), |y| y.to_string())),
        Dimension::Agency | Dimension::Kind | Dimension::Review => one(NOT_REPORTED),
        Dimension::Age => one(record.age_band.map_or(NOT_RECORDED, AgeBand::as_str)),
        Dimension::Trigger => one(record.trigger.map_or(NOT_RECORDED, Trigger::as_str)),
        Dimension::Responsible => {
            let named: BTreeSet<String> = strategy
                .map(|s| trimmed(&s.responsible))
                .unwrap_or_default()
                .into_iter()
                .map(|name| {
                    if published_organisations.contains(&name) {
                        name
                    } else {
                        OTHER_ORGANISATIONS.to_string()
                    }
                })
                .collect();
            if named.is_empty() {
                one(NOT_ASSIGNED)
            } else {
                named
            }
        }
        Dimension::Clear => strategy
            .map(|s| {
                s.clear
                    .iter()
                    .filter(|c| Clear::from_slug(c).is_some())
                    .cloned()
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// The values of a dimension in reading order: themes as the vocabulary
/// lists them, years ascending, CLEAR in C-L-E-A-R order, age bands
/// youngest first, the others alphabetically; the values that stand for
/// no value last. CLEAR and review standings always list all their
/// values, so tables from different sites line up.
fn ordered_values<'a>(
    site: &Site,
    dimension: Dimension,
    seen: impl Iterator<Item = &'a BTreeSet<String>>,
) -> Vec<String> {
    let seen: BTreeSet<&String> = seen.flatten().collect();
    let has = |value: &str| seen.iter().any(|s| s.as_str() == value);
    let placeholders = [
        NOT_DECIDED,
        NOT_RECORDED,
        NOT_REPORTED,
        OTHER_ORGANISATIONS,
        NOT_ASSIGNED,
    ];
    let mut values: Vec<String> = match dimension {
        Dimension::Clear => Clear::ALL.iter().map(|c| c.slug().to_string()).collect(),
        Dimension::Review => ReviewStanding::ALL
            .iter()
            .map(|r| r.slug().to_string())
            .collect(),
        Dimension::Kind => ["report", "summary"]
            .into_iter()
            .filter(|k| has(k))
            .map(String::from)
            .collect(),
        Dimension::Age => AGE_BANDS
            .iter()
            .map(|a| a.as_str())
            .filter(|a| has(a))
            .map(String::from)
            .collect(),
        Dimension::Trigger => TRIGGERS
            .iter()
            .map(|t| t.as_str())
            .filter(|t| has(t))
            .map(String::from)
            .collect(),
        Dimension::Theme => {
            let known: Vec<&str> = site.vocabulary.all().collect();
            let mut themes: Vec<String> = seen.iter().map(|s| s.to_string()).collect();
            themes.sort_by_key(|t| {
                (
                    known.iter().position(|k| k == t).unwrap_or(usize::MAX),
                    t.clone(),
                )
            });
            themes
        }
        Dimension::Year => seen
            .iter()
            .filter(|s| !placeholders.contains(&s.as_str()))
            .map(|s| s.to_string())
            .collect(),
        Dimension::Area | Dimension::Agency | Dimension::Responsible => {
            let mut values: Vec<String> = seen
                .iter()
                .filter(|s| !placeholders.contains(&s.as_str()))
                .map(|s| s.to_string())
                .collect();
            values.sort_by_key(|v| (v.to_lowercase(), v.clone()));
            values
        }
    };
    if !matches!(dimension, Dimension::Theme) {
        values.retain(|v| !placeholders.contains(&v.as_str()));
        values.extend(
            placeholders
                .into_iter()
                .filter(|p| has(p))
                .map(String::from),
        );
    }
    values
}

/// Counts `site`'s published items (or their strategies) by `by`, one or
/// two dimensions: exact figures, or suppressed below `suppress_below`
/// when asked. Statistics-only records never reach this function.
///
/// # Panics
/// If `by` is empty or has more than two dimensions (`parse_dimensions`
/// refuses those before they get here).
pub fn published(site: &Site, by: &[Dimension], suppress_below: Option<Threshold>) -> Table {
    let raw = count(site, None, by);
    match suppress_below {
        None => Shape::of(&raw).table(&raw, Counting::Published, None, &BTreeSet::new()),
        Some(threshold) => suppress_together(&[raw], threshold, None, Counting::Published)
            .into_iter()
            .next()
            .expect("one table in, one out"),
    }
}

/// Counts all reviews reported — `site`'s published items and the
/// statistics-only `records` — for each of `tables` (one or two
/// dimensions each), suppressed together: the same figure is shown or
/// suppressed alike in every table, and none can be worked out from the
/// totals any of them shows.
pub fn reported(
    site: &Site,
    records: &StatisticsOnly,
    threshold: Threshold,
    tables: &[&[Dimension]],
) -> Vec<Table> {
    let raws: Vec<Raw> = tables
        .iter()
        .map(|by| count(site, Some(records), by))
        .collect();
    suppress_together(&raws, threshold, None, Counting::Reported)
}

/// One table of all reviews reported (`clearhouse stats`), suppressed so
/// that it is safe beside the tables the site publishes (`published_set`,
/// the `/national/` pages: empty on a local site): a figure those pages
/// show is shown here too or suppressed, one they suppress is suppressed
/// here, and nothing here lets a reader work one of theirs out.
pub fn reported_beside(
    site: &Site,
    records: &StatisticsOnly,
    threshold: Threshold,
    published_set: &[&[Dimension]],
    by: &[Dimension],
) -> Table {
    let published_raws: Vec<Raw> = published_set
        .iter()
        .map(|by| count(site, Some(records), by))
        .collect();
    let mut system = System::new(&published_raws, threshold.get());
    if !system.protect() {
        system.hide_all();
    }
    let (shown_on_site, suppressed_on_site) = system.pattern();
    let raw = count(site, Some(records), by);
    let all: Vec<Raw> = published_raws.into_iter().chain([raw]).collect();
    let tables = suppress_together(
        &all,
        threshold,
        Some((&shown_on_site, &suppressed_on_site)),
        Counting::Reported,
    );
    tables.into_iter().last().expect("the table asked for")
}

/// A figure's identity across the tables published together: what it
/// counts and the value of each dimension it is for (a total leaves out
/// the dimension it adds over). Two tables that show the same figure give
/// it the same key, and so show or suppress it alike.
type Key = (Unit, Vec<(Dimension, String)>);

/// Where a table's figures are, as keys: cells, and the totals it has.
struct Shape {
    two_way: bool,
    cells: Vec<Vec<Key>>,
    row_totals: Option<Vec<Key>>,
    column_totals: Option<Vec<Key>>,
    total: Option<Key>,
}

impl Shape {
    fn of(raw: &Raw) -> Shape {
        let key = |pairs: Vec<(Dimension, &String)>| -> Key {
            let mut pairs: Vec<(Dimension, String)> =
                pairs.into_iter().map(|(d, v)| (d, v.clone())).collect();
            pairs.sort();
            (raw.unit, pairs)
        };
        let a = raw.by[0];
        match raw.by.get(1).copied() {
            None => Shape {
                two_way: false,
                cells: raw.rows.iter().map(|r| vec![key(vec![(a, r)])]).collect(),
                row_totals: None,
                column_totals: None,
                total: a.one_value_per_record().then(|| key(Vec::new())),
            },
            Some(b) => Shape {
                two_way: true,
                cells: raw
                    .rows
                    .iter()
                    .map(|r| {
                        raw.columns
                            .iter()
                            .map(|c| key(vec![(a, r), (b, c)]))
                            .collect()
                    })
                    .collect(),
                row_totals: b
                    .one_value_per_record()
                    .then(|| raw.rows.iter().map(|r| key(vec![(a, r)])).collect()),
                column_totals: a
                    .one_value_per_record()
                    .then(|| raw.columns.iter().map(|c| key(vec![(b, c)])).collect()),
                total: (a.one_value_per_record() && b.one_value_per_record())
                    .then(|| key(Vec::new())),
            },
        }
    }

    /// Every figure with its value.
    fn entries(&self, raw: &Raw) -> Vec<(Key, u64)> {
        let mut entries = Vec::new();
        for (r, row) in self.cells.iter().enumerate() {
            for (c, key) in row.iter().enumerate() {
                entries.push((key.clone(), raw.counts[r][c]));
            }
        }
        if let Some(totals) = &self.row_totals {
            for (r, key) in totals.iter().enumerate() {
                entries.push((key.clone(), raw.counts[r].iter().sum()));
            }
        }
        if let Some(totals) = &self.column_totals {
            for (c, key) in totals.iter().enumerate() {
                entries.push((key.clone(), raw.counts.iter().map(|row| row[c]).sum()));
            }
        }
        if let Some(key) = &self.total {
            entries.push((key.clone(), raw.counts.iter().flatten().sum()));
        }
        entries
    }

    /// The additive lines a reader can see: the figures that add up to a
    /// total shown, and that total. A row adds up to its total only when
    /// the table has row totals, and so on; a table with no totals has no
    /// lines.
    fn lines(&self) -> Vec<(Vec<Key>, Key)> {
        let mut lines = Vec::new();
        if !self.two_way {
            if let Some(total) = &self.total {
                lines.push((
                    self.cells.iter().flatten().cloned().collect(),
                    total.clone(),
                ));
            }
            return lines;
        }
        if let Some(totals) = &self.row_totals {
            for (row, total) in self.cells.iter().zip(totals) {
                lines.push((row.clone(), total.clone()));
            }
        }
        if let Some(totals) = &self.column_totals {
            for (c, total) in totals.iter().enumerate() {
                lines.push((
                    self.cells.iter().map(|row| row[c].clone()).collect(),
                    total.clone(),
                ));
            }
        }
        if let Some(total) = &self.total {
            for margin in [&self.row_totals, &self.column_totals]
                .into_iter()
                .flatten()
            {
                lines.push((margin.clone(), total.clone()));
            }
        }
        lines
    }

    fn table(
        &self,
        raw: &Raw,
        counting: Counting,
        suppress_below: Option<u64>,
        suppressed: &BTreeSet<Key>,
    ) -> Table {
        let values: BTreeMap<Key, u64> = self.entries(raw).into_iter().collect();
        let cell = |key: &Key| {
            if suppressed.contains(key) {
                Cell::Suppressed
            } else {
                Cell::Count(values[key])
            }
        };
        Table {
            by: raw.by.clone(),
            unit: raw.unit,
            counting,
            suppress_below,
            rows: raw.rows.clone(),
            columns: raw.columns.clone(),
            cells: self
                .cells
                .iter()
                .map(|row| row.iter().map(cell).collect())
                .collect(),
            row_totals: self
                .row_totals
                .as_ref()
                .map(|t| t.iter().map(cell).collect()),
            column_totals: self
                .column_totals
                .as_ref()
                .map(|t| t.iter().map(cell).collect()),
            total: self.total.as_ref().map(cell),
            sealed: Sealed,
        }
    }
}

/// Suppresses `raws` together at `threshold`. `site`, for a table asked
/// for beside the site's own: the figures the site shows (which may not
/// be suppressed here to protect another: a reader has them) and those it
/// suppresses (suppressed here too).
fn suppress_together(
    raws: &[Raw],
    threshold: Threshold,
    site: Option<(&BTreeSet<Key>, &BTreeSet<Key>)>,
    counting: Counting,
) -> Vec<Table> {
    let mut system = System::new(raws, threshold.get());
    if let Some((shown, suppressed)) = site {
        system.fix(shown, suppressed);
    }
    if !system.protect() {
        // No safe pattern keeps the figures a reader already has: show
        // none of this table's figures but its zeros.
        if let Some(last) = raws.last() {
            for (key, value) in Shape::of(last).entries(last) {
                if value > 0 {
                    system.suppress(&key);
                }
            }
        }
        system.unfix();
        if !system.protect() {
            system.hide_all();
        }
    }
    let suppressed = system.pattern().1;
    raws.iter()
        .map(|raw| Shape::of(raw).table(raw, counting, Some(threshold.get()), &suppressed))
        .collect()
}

/// The figures published together, the lines a reader can add up, and
/// which figures are suppressed. Figures are numbered (`keys[i]`) so that
/// the work below compares numbers, not keys.
struct System {
    keys: Vec<Key>,
    index: BTreeMap<Key, usize>,
    raw: Vec<u64>,
    /// Each line: its figures, then the total they add up to.
    lines: Vec<(Vec<usize>, usize)>,
    /// The lines each figure is in.
    member_of: Vec<Vec<usize>>,
    suppressed: Vec<bool>,
    /// Figures a reader has from elsewhere: never chosen to protect another.
    fixed_shown: Vec<bool>,
    threshold: u64,
}

/// A bound that may be infinite.
type Bound = Option<i64>;

impl System {
    /// Every figure of `raws`, with every figure from 1 to `threshold - 1`
    /// suppressed (primary suppression).
    fn new(raws: &[Raw], threshold: u64) -> System {
        let mut keys = Vec::new();
        let mut index = BTreeMap::new();
        let mut raw = Vec::new();
        let mut id = |key: Key, value: u64, keys: &mut Vec<Key>, raw: &mut Vec<u64>| -> usize {
            *index.entry(key.clone()).or_insert_with(|| {
                keys.push(key);
                raw.push(value);
                keys.len() - 1
            })
        };
        let mut lines = Vec::new();
        let mut seen = BTreeSet::new();
        for table in raws {
            let shape = Shape::of(table);
            let values: BTreeMap<Key, u64> = shape.entries(table).into_iter().collect();
            for (key, value) in &values {
                id(key.clone(), *value, &mut keys, &mut raw);
            }
            for (cells, total) in shape.lines() {
                let cells: Vec<usize> = cells
                    .into_iter()
                    .map(|k| id(k, 0, &mut keys, &mut raw))
                    .collect();
                let total = id(total, 0, &mut keys, &mut raw);
                let mut sorted = cells.clone();
                sorted.sort_unstable();
                if seen.insert((sorted, total)) {
                    lines.push((cells, total));
                }
            }
        }
        let mut member_of = vec![Vec::new(); keys.len()];
        for (l, (cells, total)) in lines.iter().enumerate() {
            for figure in cells.iter().chain([total]) {
                member_of[*figure].push(l);
            }
        }
        let suppressed = raw.iter().map(|n| (1..threshold).contains(n)).collect();
        System {
            fixed_shown: vec![false; keys.len()],
            index: keys
                .iter()
                .cloned()
                .enumerate()
                .map(|(i, k)| (k, i))
                .collect(),
            keys,
            raw,
            lines,
            member_of,
            suppressed,
            threshold,
        }
    }

    /// What the site shows and suppresses (`shown`, `suppressed`): those it
    /// suppresses are suppressed here, and those it shows may not be
    /// suppressed to protect another.
    fn fix(&mut self, shown: &BTreeSet<Key>, suppressed: &BTreeSet<Key>) {
        for key in suppressed {
            self.suppress(key);
        }
        for key in shown {
            if let Some(&i) = self.index.get(key) {
                self.fixed_shown[i] = true;
            }
        }
    }

    fn unfix(&mut self) {
        self.fixed_shown.iter_mut().for_each(|f| *f = false);
    }

    fn suppress(&mut self, key: &Key) {
        if let Some(&i) = self.index.get(key) {
            self.suppressed[i] = true;
        }
    }

    fn hide_all(&mut self) {
        for (i, n) in self.raw.iter().enumerate() {
            if *n > 0 {
                self.suppressed[i] = true;
            }
        }
    }

    /// The figures shown and those suppressed, by key.
    fn pattern(&self) -> (BTreeSet<Key>, BTreeSet<Key>) {
        let mut shown = BTreeSet::new();
        let mut suppressed = BTreeSet::new();
        for (i, key) in self.keys.iter().enumerate() {
            if self.suppressed[i] {
                suppressed.insert(key.clone());
            } else {
                shown.insert(key.clone());
            }
        }
        (shown, suppressed)
    }

    /// Secondary suppression until every line is safe and the audit finds
    /// no small figure that can be worked out; `false` when that needs a
    /// figure that may not be suppressed.
    ///
    /// A line is unsafe when exactly one of its figures is suppressed (it
    /// is the total minus the others), or when its total is shown and the
    /// figures it hides add up to less than the threshold (that sum is
    /// itself a small count) or to their number (each is then 1). An
    /// unsafe line gets one more figure suppressed: a non-zero cell,
    /// preferring one whose other line is unsafe too (one suppression then
    /// mends both), then the smallest, then the first; or, when it has no
    /// such cell, its total. Zeros are never suppressed: `c` always means
    /// at least one. Each step suppresses one more figure, so this ends.
    fn protect(&mut self) -> bool {
        loop {
            let mut unsafe_lines: Vec<bool> =
                (0..self.lines.len()).map(|l| self.is_unsafe(l)).collect();
            while let Some(first) = unsafe_lines.iter().position(|u| *u) {
                let crossing = |figure: usize| {
                    self.member_of[figure]
                        .iter()
                        .any(|l| *l != first && unsafe_lines[*l])
                };
                let Some(partner) = self.partner(first, &crossing) else {
                    return false;
                };
                self.suppressed[partner] = true;
                // Only the lines of the figure just suppressed can change.
                for l in self.member_of[partner].clone() {
                    unsafe_lines[l] = self.is_unsafe(l);
                }
            }
            let Some(exposed) = self.audit() else {
                return true;
            };
            let partner = self.member_of[exposed]
                .iter()
                .find_map(|l| self.partner(*l, &|_| false));
            match partner {
                Some(partner) => self.suppressed[partner] = true,
                None => return false,
            }
        }
    }

    fn is_unsafe(&self, line: usize) -> bool {
        let (cells, total) = &self.lines[line];
        let mut hidden = 0usize;
        let mut sum = 0u64;
        for figure in cells {
            if self.suppressed[*figure] {
                hidden += 1;
                sum += self.raw[*figure];
            }
        }
        let total_hidden = self.suppressed[*total];
        match hidden + usize::from(total_hidden) {
            0 => false,
            1 => true,
            _ if total_hidden => false,
            m => sum < self.threshold || sum == m as u64,
        }
    }

    /// The figure to suppress next in `line`.
    fn partner(&self, line: usize, crossing: &dyn Fn(usize) -> bool) -> Option<usize> {
        let (cells, total) = &self.lines[line];
        let eligible = |f: usize| !self.suppressed[f] && self.raw[f] > 0 && !self.fixed_shown[f];
        cells
            .iter()
            .enumerate()
            .filter(|(_, f)| eligible(**f))
            .min_by_key(|(i, f)| (!crossing(**f), self.raw[**f], *i))
            .map(|(_, f)| *f)
            .or_else(|| Some(*total).filter(|t| eligible(*t)))
    }

    /// A small suppressed figure that the lines shown pin to one value, if
    /// any: bounds on each suppressed figure (at least 1, no upper bound)
    /// are narrowed line by line until nothing changes.
    fn audit(&self) -> Option<usize> {
        let mut bounds: Vec<(i64, Bound)> = vec![(1, None); self.keys.len()];
        for _ in 0..200 {
            let mut changed = false;
            for (cells, total) in &self.lines {
                // Σ cells − total = 0, as (figure, coefficient).
                let terms = cells.iter().map(|f| (*f, 1i64)).chain([(*total, -1i64)]);
                let mut known = 0i64;
                let mut unknown: Vec<(usize, i64)> = Vec::new();
                for (f, c) in terms {
                    if self.suppressed[f] {
                        unknown.push((f, c));
                    } else {
                        known += c * self.raw[f] as i64;
                    }
                }
                if unknown.is_empty() {
                    continue;
                }
                // Each unknown's contribution c·v to the sum: its lowest and
                // highest (None: unbounded), summed once for the line.
                let contribution = |bounds: &[(i64, Bound)], (f, c): (usize, i64)| {
                    let (lo, hi) = bounds[f];
                    if c > 0 {
                        (Some(lo), hi)
                    } else {
                        (hi.map(|h: i64| -h), Some(-lo))
                    }
                };
                let (mut lo_sum, mut lo_open, mut hi_sum, mut hi_open) = (0i64, 0, 0i64, 0);
                for term in &unknown {
                    let (lo, hi) = contribution(&bounds, *term);
                    match lo {
                        Some(v) => lo_sum = lo_sum.saturating_add(v),
                        None => lo_open += 1,
                    }
                    match hi {
                        Some(v) => hi_sum = hi_sum.saturating_add(v),
                        None => hi_open += 1,
                    }
                }
                for term in &unknown {
                    let (own_lo, own_hi) = contribution(&bounds, *term);
                    // The rest R: the line's sum without this unknown.
                    let lo_rest = match own_lo {
                        Some(v) if lo_open == 0 => Some(lo_sum - v),
                        None if lo_open == 1 => Some(lo_sum),
                        _ => None,
                    };
                    let hi_rest = match own_hi {
                        Some(v) if hi_open == 0 => Some(hi_sum - v),
                        None if hi_open == 1 => Some(hi_sum),
                        _ => None,
                    };
                    // c·u = −known − R.
                    let (new_lo, new_hi) = if term.1 > 0 {
                        (hi_rest.map(|h| -known - h), lo_rest.map(|l| -known - l))
                    } else {
                        (lo_rest.map(|l| known + l), hi_rest.map(|h| known + h))
                    };
                    let entry = &mut bounds[term.0];
                    if let Some(lo) = new_lo.filter(|lo| *lo > entry.0) {
                        entry.0 = lo;
                        changed = true;
                    }
                    if let Some(hi) = new_hi.filter(|hi| entry.1.is_none_or(|h| *hi < h)) {
                        entry.1 = Some(hi);
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        (0..self.keys.len()).find(|f| {
            self.suppressed[*f]
                && self.raw[*f] < self.threshold
                && bounds[*f].1 == Some(bounds[*f].0)
        })
    }
}

/// Output formats of `clearhouse stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsFormat {
    /// Aligned text for reading in a terminal.
    Table,
    /// Long format: one column per dimension, then `count`.
    Csv,
    /// One JSON object.
    Json,
}

/// The table in `format`.
pub fn print(table: &Table, format: StatsFormat) -> String {
    match format {
        StatsFormat::Table => to_text(table),
        StatsFormat::Csv => to_csv(table),
        StatsFormat::Json => to_json(table),
    }
}

/// What the figures count and how small ones are shown, in one sentence.
pub fn caption(table: &Table) -> String {
    let by: Vec<&str> = table.by.iter().map(|d| d.as_str()).collect();
    let mut caption = format!(
        "{}, by {}",
        capitalised(table.counting.describe(table.unit)),
        by.join(" and ")
    );
    if let Some(k) = table.suppress_below.filter(|k| *k > 1) {
        let _ = write!(
            caption,
            "; c: a figure from 1 to {} or one withheld so that such a figure cannot be worked out",
            k - 1
        );
    }
    caption
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Aligned text: rows down, columns across, totals last where the table
/// has them.
pub fn to_text(table: &Table) -> String {
    let mut grid: Vec<Vec<String>> = Vec::new();
    let first = table.by[0].as_str().to_string();
    if table.is_two_way() {
        let mut header = vec![format!("{first} \\ {}", table.by[1].as_str())];
        header.extend(table.columns.iter().cloned());
        if table.row_totals.is_some() {
            header.push(TOTAL.to_string());
        }
        grid.push(header);
        for (r, row) in table.rows.iter().enumerate() {
            let mut line = vec![row.clone()];
            line.extend(table.cells[r].iter().map(Cell::to_string));
            if let Some(totals) = &table.row_totals {
                line.push(totals[r].to_string());
            }
            grid.push(line);
        }
        if let Some(column_totals) = &table.column_totals {
            let mut totals = vec![TOTAL.to_string()];
            totals.extend(column_totals.iter().map(Cell::to_string));
            if table.row_totals.is_some() {
                totals.push(table.total.map(|c| c.to_string()).unwrap_or_default());
            }
            grid.push(totals);
        }
    } else {
        grid.push(vec![first, "count".to_string()]);
        for (r, row) in table.rows.iter().enumerate() {
            grid.push(vec![row.clone(), table.cells[r][0].to_string()]);
        }
        if let Some(total) = table.total {
            grid.push(vec![TOTAL.to_string(), total.to_string()]);
        }
    }
    let columns = grid[0].len();
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            grid.iter()
                .map(|l| l.get(c).map_or(0, |v| v.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = format!("{}\n", caption(table));
    for line in &grid {
        let mut text = String::new();
        for (c, value) in line.iter().enumerate() {
            let pad = widths[c] - value.chars().count();
            if c == 0 {
                text.push_str(value);
                text.push_str(&" ".repeat(pad));
            } else {
                text.push_str("  ");
                text.push_str(&" ".repeat(pad));
                text.push_str(value);
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out
}

/// Long-format CSV (RFC 4180, CRLF-free): a header naming the dimensions
/// and `count`, one line per cell, then the totals the table has, with
/// `Total` in place of the value they add over.
pub fn to_csv(table: &Table) -> String {
    let mut out = String::new();
    let header: Vec<&str> = table
        .by
        .iter()
        .map(|d| d.as_str())
        .chain(["count"])
        .collect();
    out.push_str(&header.join(","));
    out.push('\n');
    let mut line = |values: &[&str], cell: Cell| {
        for value in values {
            out.push_str(&csv_field(value));
            out.push(',');
        }
        out.push_str(&cell.to_string());
        out.push('\n');
    };
    if table.is_two_way() {
        for (r, row) in table.rows.iter().enumerate() {
            for (c, column) in table.columns.iter().enumerate() {
                line(&[row, column], table.cells[r][c]);
            }
            if let Some(totals) = &table.row_totals {
                line(&[row, TOTAL], totals[r]);
            }
        }
        if let Some(totals) = &table.column_totals {
            for (c, column) in table.columns.iter().enumerate() {
                line(&[TOTAL, column], totals[c]);
            }
        }
        if let Some(total) = table.total {
            line(&[TOTAL, TOTAL], total);
        }
    } else {
        for (r, row) in table.rows.iter().enumerate() {
            line(&[row], table.cells[r][0]);
        }
        if let Some(total) = table.total {
            line(&[TOTAL], total);
        }
    }
    out
}

/// A CSV field, quoted when it must be. A value a spreadsheet would run
/// as a formula (`=`, `+`, `-`, `@` first) is prefixed with `'`: the
/// values come from other areas' bundles, and these files are opened in
/// spreadsheets.
fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) || value.trim() != value {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// One JSON object: what is counted, the threshold, every cell and the
/// totals the table has; suppressed figures are the string `"c"`.
pub fn to_json(table: &Table) -> String {
    let keyed = |pairs: &[(Dimension, &str)], cell: Cell| {
        let mut object = Map::new();
        for (dimension, value) in pairs {
            object.insert(dimension.as_str().to_string(), json!(value));
        }
        object.insert("count".to_string(), cell.json());
        Value::Object(object)
    };
    let mut cells = Vec::new();
    for (r, row) in table.rows.iter().enumerate() {
        if table.is_two_way() {
            for (c, column) in table.columns.iter().enumerate() {
                cells.push(keyed(
                    &[(table.by[0], row), (table.by[1], column)],
                    table.cells[r][c],
                ));
            }
        } else {
            cells.push(keyed(&[(table.by[0], row)], table.cells[r][0]));
        }
    }
    let mut object = json!({
        "by": table.by.iter().map(|d| d.as_str()).collect::<Vec<_>>(),
        "counting": table.unit.as_str(),
        "population": table.counting.as_str(),
        "suppress_below": table.suppress_below,
        "cells": cells,
    });
    if let Some(total) = table.total {
        object["total"] = total.json();
    }
    if let Some(totals) = &table.row_totals {
        object["row_totals"] = table
            .rows
            .iter()
            .zip(totals)
            .map(|(row, cell)| keyed(&[(table.by[0], row)], *cell))
            .collect();
    }
    if let Some(totals) = &table.column_totals {
        object["column_totals"] = table
            .columns
            .iter()
            .zip(totals)
            .map(|(column, cell)| keyed(&[(table.by[1], column)], *cell))
            .collect();
    }
    let mut text = serde_json::to_string_pretty(&object).expect("JSON values serialise");
    text.push('\n');
    text
}

/// The threshold a site's published-item figures are suppressed at when
/// asked (`--suppress`): they are exact otherwise, since the site shows
/// the items themselves.
pub fn published_threshold(site: &Site, requested: bool) -> Option<Threshold> {
    requested.then_some(site.config.national.suppress_below)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::national::testing::{local_site, ITEM_NEGLECT, ITEM_SUMMARY};

    fn threshold(k: u64) -> Threshold {
        Threshold::new(k).unwrap()
    }

    /// A two-way table of raw counts whose dimensions both have one value
    /// per record (area by year), so that it has every total.
    fn raw(counts: &[&[u64]]) -> Raw {
        Raw {
            by: vec![Dimension::Area, Dimension::Year],
            unit: Unit::Items,
            rows: (0..counts.len()).map(|r| format!("r{r}")).collect(),
            columns: (0..counts[0].len())
                .map(|c| format!("{}", 2000 + c))
                .collect(),
            counts: counts.iter().map(|r| r.to_vec()).collect(),
        }
    }

    fn suppressed(counts: &[&[u64]]) -> Table {
        suppress_together(&[raw(counts)], threshold(5), None, Counting::Reported)
            .pop()
            .unwrap()
    }

    fn shown(cells: &[Cell]) -> Vec<String> {
        cells.iter().map(Cell::to_string).collect()
    }

    /// Every line of a table whose total is shown: not exactly one figure
    /// suppressed, and what it hides is 0 or at least 5 and not all ones.
    fn assert_protected(table: &Table, raw: &[&[u64]]) {
        let rows = table.rows.len();
        let check = |line: Vec<(Cell, u64)>, total: (Cell, u64), what: String| {
            let hidden: Vec<u64> = line
                .iter()
                .filter(|(c, _)| c.is_suppressed())
                .map(|(_, n)| *n)
                .collect();
            let unknowns = hidden.len() + usize::from(total.0.is_suppressed());
            assert_ne!(unknowns, 1, "{what}: {line:?} {total:?}");
            if !total.0.is_suppressed() && !hidden.is_empty() {
                let sum: u64 = hidden.iter().sum();
                assert!(
                    sum >= 5 && sum != hidden.len() as u64,
                    "{what}: hides {hidden:?}"
                );
            }
        };
        let row_totals = table.row_totals.as_ref().unwrap();
        let column_totals = table.column_totals.as_ref().unwrap();
        for r in 0..rows {
            let line = (0..table.columns.len())
                .map(|c| (table.cells[r][c], raw[r][c]))
                .collect();
            check(
                line,
                (row_totals[r], raw[r].iter().sum()),
                format!("row {r}"),
            );
        }
        for c in 0..table.columns.len() {
            let line = (0..rows).map(|r| (table.cells[r][c], raw[r][c])).collect();
            let sum = raw.iter().map(|row| row[c]).sum();
            check(line, (column_totals[c], sum), format!("column {c}"));
        }
        for cell in table
            .cells
            .iter()
            .flatten()
            .chain(row_totals)
            .chain(column_totals)
        {
            if let Cell::Count(n) = cell {
                assert!(!(1..5).contains(n), "{n} shown");
            }
        }
    }

    #[test]
    fn small_counts_show_as_c_and_zeros_as_zero() {
        let counts: &[&[u64]] = &[&[0, 3, 2, 12], &[0, 4, 1, 20]];
        let t = suppressed(counts);
        assert_eq!(shown(&t.cells[0]), ["0", "c", "c", "12"]);
        assert_eq!(shown(&t.cells[1]), ["0", "c", "c", "20"]);
        assert_eq!(shown(t.row_totals.as_ref().unwrap()), ["17", "25"]);
        assert_eq!(
            shown(t.column_totals.as_ref().unwrap()),
            ["0", "c", "c", "32"]
        );
        assert_eq!(t.total, Some(Cell::Count(42)));
        assert_protected(&t, counts);
    }

    #[test]
    fn a_lone_suppressed_cell_takes_another_with_it() {
        let counts: &[&[u64]] = &[&[3, 12, 15], &[6, 20, 9]];
        let t = suppressed(counts);
        assert_eq!(shown(&t.cells[0]), ["c", "c", "15"]);
        assert_eq!(shown(&t.cells[1]), ["c", "c", "9"]);
        assert_eq!(t.total, Some(Cell::Count(65)));
        assert_protected(&t, counts);
    }

    #[test]
    fn what_a_line_hides_is_never_itself_a_small_count() {
        // Two ones beside a 20: the row total gives their sum, 2, so both
        // would be known to be 1. The 20 goes too.
        let counts: &[&[u64]] = &[&[1, 1, 20], &[9, 8, 30]];
        let t = suppressed(counts);
        assert_eq!(shown(&t.cells[0]), ["c", "c", "c"]);
        assert_protected(&t, counts);
    }

    #[test]
    fn a_row_with_nothing_else_to_hide_loses_its_total() {
        let counts: &[&[u64]] = &[&[2, 0, 0], &[7, 8, 9]];
        let t = suppressed(counts);
        assert_eq!(shown(&t.cells[0]), ["c", "0", "0"]);
        assert_eq!(t.row_totals.as_ref().unwrap()[0], Cell::Suppressed);
        assert_protected(&t, counts);
    }

    #[test]
    fn the_audit_finds_a_figure_pinned_down_by_several_lines() {
        let counts: &[&[u64]] = &[&[1, 6, 7, 0], &[6, 1, 0, 9], &[7, 0, 1, 8]];
        let t = suppressed(counts);
        assert_protected(&t, counts);
        let mut system = System::new(&[raw(counts)], 5);
        assert!(system.protect());
        assert_eq!(system.audit(), None);
        // Without the audit the lines alone would have let one through:
        // suppressing just the small figures leaves each of them alone in
        // a line with its total.
        let fresh = System::new(&[raw(counts)], 5);
        assert!((0..fresh.lines.len()).any(|l| fresh.is_unsafe(l)));
    }

    #[test]
    fn one_way_tables_protect_their_total() {
        let raw = Raw {
            by: vec![Dimension::Area],
            unit: Unit::Items,
            rows: vec!["a".into(), "b".into(), "c".into()],
            columns: Vec::new(),
            counts: vec![vec![3], vec![10], vec![7]],
        };
        let t = suppress_together(&[raw], threshold(5), None, Counting::Reported)
            .pop()
            .unwrap();
        // The 3 alone would be the total minus the others; with the 7
        // hidden too, the two add up to 10 and neither is known.
        assert_eq!(shown(&t.cells.concat()), ["c", "10", "c"]);
        assert_eq!(t.total, Some(Cell::Count(20)));
    }

    #[test]
    fn a_figure_shown_in_one_table_is_suppressed_in_none() {
        let site = national_site();
        let records = withheld_records();
        let tables = reported(
            &site,
            &records,
            threshold(5),
            &[
                &[Dimension::Theme, Dimension::Area],
                &[Dimension::Theme, Dimension::Year],
            ],
        );
        // A theme's total over areas and over years is the same figure.
        let by_area = tables[0].row_totals.as_ref().unwrap();
        let by_year = tables[1].row_totals.as_ref().unwrap();
        assert_eq!(tables[0].rows, tables[1].rows);
        assert_eq!(by_area, by_year);
        assert!(tables.iter().all(|t| t.counting == Counting::Reported));
    }

    fn national_site() -> Site {
        let mut site = local_site("North CPC", &[ITEM_NEGLECT, ITEM_SUMMARY]);
        site.config.scope = crate::config::Scope::National;
        site
    }

    /// Three withheld reviews of North CPC, as statistics-only records.
    fn withheld_records() -> StatisticsOnly {
        let withheld = ITEM_NEGLECT
            .replace("decision = \"publish\"", "decision = \"withheld\"")
            .replace("Health board", "Kirkton Community Health Team");
        let site = local_site("North CPC", &[&withheld]);
        let mut records = StatisticsOnly::default();
        for _ in 0..3 {
            records.add_unpublished(&site.items[0]);
        }
        records
    }

    #[test]
    fn statistics_only_records_count_in_reported_figures_and_only_there() {
        let site = national_site();
        let records = withheld_records();
        let t = reported_beside(&site, &records, threshold(5), &[], &[Dimension::Area]);
        assert_eq!(t.counting, Counting::Reported);
        // 2 published and 3 withheld: 5 reviews, shown; each part alone
        // would be suppressed.
        assert_eq!(t.cells, [[Cell::Count(5)]]);
        let published = published(&site, &[Dimension::Area], None);
        assert_eq!(
            published.cells,
            [[Cell::Count(2)]],
            "exact: they are on the site"
        );
        assert_eq!(published.counting, Counting::Published);
        let years = reported_beside(&site, &records, threshold(5), &[], &[Dimension::Year]);
        assert_eq!(
            years.rows,
            ["2025"],
            "the COG decided the withheld ones in 2025"
        );
        assert_eq!(years.cells, [[Cell::Count(5)]]);
        let kinds = reported_beside(&site, &records, threshold(5), &[], &[Dimension::Kind]);
        assert_eq!(kinds.rows, ["report", "summary", NOT_REPORTED]);
        assert_eq!(shown(&kinds.cells.concat()), ["c", "c", "c"]);
    }

    #[test]
    fn an_organisation_only_an_unpublished_review_names_is_not_named() {
        let site = national_site();
        let records = withheld_records();
        let t = reported_beside(
            &site,
            &records,
            threshold(5),
            &[],
            &[Dimension::Responsible],
        );
        assert!(
            !t.rows.iter().any(|r| r.contains("Kirkton")),
            "{:?}",
            t.rows
        );
        assert!(t.rows.iter().any(|r| r == OTHER_ORGANISATIONS));
        assert!(to_csv(&t).lines().all(|l| !l.contains("Kirkton")));
    }

    #[test]
    fn a_table_beside_the_pages_keeps_what_they_suppress() {
        let site = national_site();
        let records = withheld_records();
        let pages: &[&[Dimension]] = &[&[Dimension::Theme, Dimension::Area], &[Dimension::Area]];
        let on_pages = reported(&site, &records, threshold(5), pages);
        let asked = reported_beside(
            &site,
            &records,
            threshold(5),
            pages,
            &[Dimension::Theme, Dimension::Year],
        );
        // Theme totals are on the pages (over areas) and here (over years).
        assert_eq!(asked.row_totals, on_pages[0].row_totals);
    }

    #[test]
    fn published_tables_are_exact_unless_asked() {
        let site = local_site("North CPC", &[ITEM_NEGLECT, ITEM_SUMMARY]);
        assert_eq!(published_threshold(&site, false), None);
        assert_eq!(published_threshold(&site, true), Some(threshold(5)));
        let t = published(&site, &[Dimension::Theme], None);
        assert_eq!(
            t.rows,
            [
                "neglect",
                "criminal-exploitation",
                "information-sharing",
                "county-lines"
            ],
            "vocabulary order: concerns, practice, then local themes"
        );
        assert!(t.cells.iter().flatten().all(|c| *c == Cell::Count(1)));
        assert_eq!(t.total, None, "an item has several themes: no total");
        assert!(!t.any_suppressed());
        let t = published(&site, &[Dimension::Theme], Some(threshold(5)));
        assert!(t.cells.iter().flatten().all(|c| c.is_suppressed()));
    }

    #[test]
    fn strategy_dimensions_count_strategies() {
        let site = local_site("North CPC", &[ITEM_NEGLECT, ITEM_SUMMARY]);
        let t = published(&site, &[Dimension::Responsible], None);
        assert_eq!(t.unit, Unit::Strategies);
        assert_eq!(
            t.rows,
            [
                "Children's social work",
                "Education",
                "Health board",
                "Police Scotland"
            ]
        );
        assert_eq!(t.cells[0], [Cell::Count(2)]);
        let t = published(&site, &[Dimension::Clear, Dimension::Kind], None);
        assert_eq!(t.columns, ["report", "summary"]);
        assert_eq!(t.cells[0], [Cell::Count(2), Cell::Count(1)]);
        assert_eq!(
            t.cells[4],
            [Cell::Count(1), Cell::Count(1)],
            "one report strategy lacks its review"
        );
        assert_eq!(
            t.row_totals.as_deref(),
            Some(
                &[
                    Cell::Count(3),
                    Cell::Count(3),
                    Cell::Count(3),
                    Cell::Count(3),
                    Cell::Count(2)
                ][..]
            ),
            "a strategy is one kind: a component's total over kinds counts it once"
        );
        assert_eq!(
            t.column_totals, None,
            "a strategy has several components: no total over them"
        );
        // Review standing as of 2026-11: 2026-03 and 2025-06 are overdue.
        let t = published(&site, &[Dimension::Review], None);
        assert_eq!(t.cells[0], [Cell::Count(2)]);
        assert_eq!(t.cells[3], [Cell::Count(1)], "no date");
        assert_eq!(t.total, Some(Cell::Count(3)));
    }

    #[test]
    fn csv_is_long_format_with_the_totals_that_count_once() {
        let site = local_site("North CPC", &[ITEM_NEGLECT, ITEM_SUMMARY]);
        let t = published(
            &site,
            &[Dimension::Kind, Dimension::Area],
            Some(threshold(5)),
        );
        assert_eq!(
            to_csv(&t),
            "kind,area,count\nreport,North CPC,c\nreport,Total,c\nsummary,North CPC,c\nsummary,Total,c\nTotal,North CPC,c\nTotal,Total,c\n"
        );
        let t = published(&site, &[Dimension::Year], None);
        assert_eq!(to_csv(&t), "year,count\n2025,2\nTotal,2\n");
        let t = published(&site, &[Dimension::Agency], None);
        assert!(!to_csv(&t).contains("Total"), "agencies: no total");
    }

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(csv_field("Health board, north"), "\"Health board, north\"");
        assert_eq!(csv_field("The \"team\""), "\"The \"\"team\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(
            csv_field("Children's social work"),
            "Children's social work"
        );
    }

    #[test]
    fn json_and_text_show_the_same_figures_and_say_what_they_count() {
        let site = national_site();
        let records = withheld_records();
        let t = reported_beside(&site, &records, threshold(5), &[], &[Dimension::Area]);
        let json: Value = serde_json::from_str(&to_json(&t)).unwrap();
        assert_eq!(json["counting"], "items");
        assert_eq!(json["population"], "all-reported");
        assert_eq!(json["suppress_below"], 5);
        assert_eq!(json["cells"][0], json!({"area": "North CPC", "count": 5}));
        assert_eq!(json["total"], 5);
        assert_eq!(
            to_text(&t),
            "All reviews reported (published, and unpublished ones counted from statistics-only records), by area; c: a figure from 1 to 4 or one withheld so that such a figure cannot be worked out\n\
             area       count\n\
             North CPC      5\n\
             Total          5\n"
        );
        let t = published(&site, &[Dimension::Area], None);
        assert!(to_text(&t)
            .starts_with("Published reviews (reports and learning summaries), by area\n"));
    }

    #[test]
    fn dimensions_parse_from_the_command_line() {
        assert_eq!(
            parse_dimensions("theme,area").unwrap(),
            [Dimension::Theme, Dimension::Area]
        );
        assert_eq!(
            parse_dimensions("age,trigger").unwrap(),
            [Dimension::Age, Dimension::Trigger]
        );
        assert!(parse_dimensions("theme,theme").is_err());
        assert!(parse_dimensions("theme,area,year").is_err());
        assert!(parse_dimensions("colour")
            .unwrap_err()
            .contains("use one of theme"));
    }
}
