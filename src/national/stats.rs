//! Counts of items and strategies by one or two dimensions, with
//! small-number suppression (docs/national.md, "Statistics").
//!
//! What is counted follows the dimensions: items for theme, area, year,
//! agency and kind; strategies as soon as one dimension is about
//! strategies (responsible, clear, review). A table holds only the figures
//! that may be published: suppressed cells are `Cell::Suppressed` and their
//! values are gone, so no printer or chart can leak them by mistake.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::{json, Map, Value};

use crate::content::{vocab, Clear, Item, Month, Strategy, StrategyStatus};
use crate::site::Site;

/// What a table is broken down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    /// The item's themes (for strategies: the strategy's own themes, or
    /// the item's when the strategy names none).
    Theme,
    /// The CPC area.
    Area,
    /// The year the item was published.
    Year,
    /// The agencies involved.
    Agency,
    /// Report or summary.
    Kind,
    /// The organisations a strategy assigns responsibility to.
    Responsible,
    /// The CLEAR components a strategy has in full.
    Clear,
    /// Where a strategy's review date stands on the day of the build.
    Review,
}

impl Dimension {
    pub const ALL: [Dimension; 8] = [
        Dimension::Theme,
        Dimension::Area,
        Dimension::Year,
        Dimension::Agency,
        Dimension::Kind,
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
            Dimension::Year => "Year published",
            Dimension::Agency => "Agency",
            Dimension::Kind => "Kind",
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

    /// How a page shows one of this dimension's values.
    pub fn value_label(self, value: &str) -> String {
        match self {
            Dimension::Theme => vocab::theme_label(value),
            Dimension::Clear => Clear::from_slug(value)
                .map(|c| format!("{} ({})", c.label(), c.letter()))
                .unwrap_or_else(|| value.to_string()),
            Dimension::Review => ReviewStanding::from_slug(value)
                .map(|r| r.label().to_string())
                .unwrap_or_else(|| value.to_string()),
            Dimension::Kind => match value {
                "report" => "Reports".to_string(),
                "summary" => "Learning summaries".to_string(),
                _ => value.to_string(),
            },
            _ => value.to_string(),
        }
    }
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// A one- or two-way table of publishable figures. Totals are the sums of
/// the cells in their row or column (so for themes, agencies, responsible
/// organisations and CLEAR components, which an item or strategy can have
/// several of, a total counts mentions, not items).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// One or two dimensions: rows, then columns.
    pub by: Vec<Dimension>,
    pub unit: Unit,
    /// Counts from 1 to this minus 1 are suppressed; `None`: nothing is.
    pub suppress_below: Option<u64>,
    /// Values of the first dimension.
    pub rows: Vec<String>,
    /// Values of the second dimension; empty for a one-way table.
    pub columns: Vec<String>,
    /// `[row][column]`; a one-way table has one cell per row.
    pub cells: Vec<Vec<Cell>>,
    /// Per row; two-way tables only.
    pub row_totals: Vec<Cell>,
    /// Per column; two-way tables only.
    pub column_totals: Vec<Cell>,
    pub total: Cell,
}

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
            || self.row_totals.iter().any(|c| c.is_suppressed())
            || self.column_totals.iter().any(|c| c.is_suppressed())
            || self.total.is_suppressed()
    }
}

/// Counts `site`'s published items (or their strategies) by `by`, one or
/// two dimensions, suppressing counts below `suppress_below`.
///
/// # Panics
/// If `by` is empty or has more than two dimensions (`parse_dimensions`
/// refuses those before they get here).
pub fn stats(site: &Site, by: &[Dimension], suppress_below: Option<u64>) -> Table {
    assert!(
        (1..=2).contains(&by.len()),
        "stats takes one or two dimensions, not {}",
        by.len()
    );
    let unit = if by.iter().any(|d| d.unit() == Unit::Strategies) {
        Unit::Strategies
    } else {
        Unit::Items
    };
    let this_month = site.today.month();
    let mut records: Vec<Vec<BTreeSet<String>>> = Vec::new();
    for item in &site.items {
        match unit {
            Unit::Items => records.push(
                by.iter()
                    .map(|d| values(*d, item, None, this_month))
                    .collect(),
            ),
            Unit::Strategies => {
                for strategy in &item.meta.strategies {
                    records.push(
                        by.iter()
                            .map(|d| values(*d, item, Some(strategy), this_month))
                            .collect(),
                    );
                }
            }
        }
    }
    let rows = ordered_values(site, by[0], records.iter().map(|r| &r[0]));
    let columns = match by.get(1) {
        Some(d) => ordered_values(site, *d, records.iter().map(|r| &r[1])),
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
    for record in &records {
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
    publishable(by, unit, rows, columns, counts, suppress_below)
}

/// The values a record takes for a dimension (none, one or several).
fn values(
    dimension: Dimension,
    item: &Item,
    strategy: Option<&Strategy>,
    this_month: Month,
) -> BTreeSet<String> {
    let trimmed = |list: &[String]| -> BTreeSet<String> {
        list.iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    match dimension {
        Dimension::Theme => match strategy {
            Some(s) if !s.themes.is_empty() => trimmed(&s.themes),
            _ => trimmed(&item.meta.themes),
        },
        Dimension::Area => BTreeSet::from([item.area.clone()]),
        Dimension::Year => BTreeSet::from([item.year().to_string()]),
        Dimension::Agency => trimmed(&item.meta.agencies),
        Dimension::Kind => BTreeSet::from([item.meta.kind.as_str().to_string()]),
        Dimension::Responsible => {
            let named = strategy
                .map(|s| trimmed(&s.responsible))
                .unwrap_or_default();
            if named.is_empty() {
                BTreeSet::from([NOT_ASSIGNED.to_string()])
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
            .map(|s| BTreeSet::from([ReviewStanding::of(s, this_month).slug().to_string()]))
            .unwrap_or_default(),
    }
}

/// The values of a dimension in reading order: themes as the vocabulary
/// lists them, years ascending, CLEAR in C-L-E-A-R order, the others
/// alphabetically. CLEAR and review standings always list all their values,
/// so tables from different sites line up.
fn ordered_values<'a>(
    site: &Site,
    dimension: Dimension,
    seen: impl Iterator<Item = &'a BTreeSet<String>>,
) -> Vec<String> {
    let seen: BTreeSet<&String> = seen.flatten().collect();
    match dimension {
        Dimension::Clear => Clear::ALL.iter().map(|c| c.slug().to_string()).collect(),
        Dimension::Review => ReviewStanding::ALL
            .iter()
            .map(|r| r.slug().to_string())
            .collect(),
        Dimension::Kind => ["report", "summary"]
            .into_iter()
            .filter(|k| seen.iter().any(|s| s.as_str() == *k))
            .map(String::from)
            .collect(),
        Dimension::Theme => {
            let known: Vec<&str> = site.vocabulary.all().collect();
            let mut themes: Vec<String> = seen.into_iter().cloned().collect();
            themes.sort_by_key(|t| {
                (
                    known.iter().position(|k| k == t).unwrap_or(usize::MAX),
                    t.clone(),
                )
            });
            themes
        }
        Dimension::Year => seen.into_iter().cloned().collect(),
        _ => {
            let mut values: Vec<String> = seen.into_iter().cloned().collect();
            values.sort_by_key(|v| (v.to_lowercase(), v.clone()));
            values
        }
    }
}

/// Builds the published table from raw counts: primary suppression of
/// every figure from 1 to `suppress_below - 1` (cells and totals alike),
/// then secondary suppression (see `protect`).
fn publishable(
    by: &[Dimension],
    unit: Unit,
    rows: Vec<String>,
    columns: Vec<String>,
    counts: Vec<Vec<u64>>,
    suppress_below: Option<u64>,
) -> Table {
    let two_way = by.len() == 2;
    let width = counts.first().map_or(columns.len().max(1), Vec::len);
    // The grid with margins: row `rows.len()` holds column totals, column
    // `width` holds row totals (two-way only); the corner is the total.
    let total_row = rows.len();
    let total_col = if two_way { width } else { 0 };
    let grid_width = if two_way { width + 1 } else { 1 };
    let mut grid = vec![vec![0u64; grid_width]; rows.len() + 1];
    for (r, row) in counts.iter().enumerate() {
        for (c, n) in row.iter().enumerate() {
            grid[r][c] = *n;
            grid[total_row][c] += n;
            if two_way {
                grid[r][total_col] += n;
                grid[total_row][total_col] += n;
            }
        }
    }
    let mut suppressed = vec![vec![false; grid_width]; rows.len() + 1];
    if let Some(threshold) = suppress_below {
        for (r, row) in grid.iter().enumerate() {
            for (c, n) in row.iter().enumerate() {
                suppressed[r][c] = (1..threshold).contains(n);
            }
        }
        protect(&grid, &mut suppressed, &lines(rows.len(), width, two_way));
    }
    let cell = |r: usize, c: usize| {
        if suppressed[r][c] {
            Cell::Suppressed
        } else {
            Cell::Count(grid[r][c])
        }
    };
    let cells = (0..rows.len())
        .map(|r| (0..width).map(|c| cell(r, c)).collect())
        .collect();
    let (row_totals, column_totals) = if two_way {
        (
            (0..rows.len()).map(|r| cell(r, total_col)).collect(),
            (0..width).map(|c| cell(total_row, c)).collect(),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    Table {
        by: by.to_vec(),
        unit,
        suppress_below,
        rows,
        columns,
        cells,
        row_totals,
        column_totals,
        total: cell(total_row, total_col),
    }
}

/// Every additive line of the grid: its cells, then the entry holding
/// their sum. A two-way table has a line per row and per column, plus the
/// row of column totals and the column of row totals; a one-way table has
/// one line.
fn lines(rows: usize, width: usize, two_way: bool) -> Vec<Vec<(usize, usize)>> {
    if !two_way {
        return vec![(0..=rows).map(|r| (r, 0)).collect()];
    }
    let mut lines = Vec::new();
    for r in 0..=rows {
        lines.push((0..=width).map(|c| (r, c)).collect());
    }
    for c in 0..=width {
        lines.push((0..=rows).map(|r| (r, c)).collect());
    }
    lines
}

/// Secondary suppression. In a line whose entries add up to its total, a
/// single suppressed entry can be worked out by subtraction from the rest.
/// So, until no line has exactly one suppressed entry: in the first such
/// line, also suppress one of its non-zero published cells, preferring one
/// whose crossing line is exposed too (one suppression then closes both),
/// then the smallest, then the first; when no cell qualifies, suppress the
/// line's total. Zeros are never suppressed: `c` always means "at least
/// one". Each pass suppresses one more entry, so this ends; it may cascade
/// from rows to columns and into the totals.
fn protect(grid: &[Vec<u64>], suppressed: &mut [Vec<bool>], lines: &[Vec<(usize, usize)>]) {
    let mut member_of: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (index, line) in lines.iter().enumerate() {
        for entry in line {
            member_of.entry(*entry).or_default().push(index);
        }
    }
    let mut hidden: Vec<usize> = lines
        .iter()
        .map(|line| line.iter().filter(|(r, c)| suppressed[*r][*c]).count())
        .collect();
    while let Some(exposed) = hidden.iter().position(|n| *n == 1) {
        let line = &lines[exposed];
        let (cells, total) = line.split_at(line.len() - 1);
        let also_exposed = |entry: &(usize, usize)| {
            member_of[entry]
                .iter()
                .any(|other| *other != exposed && hidden[*other] == 1)
        };
        let partner = cells
            .iter()
            .filter(|(r, c)| !suppressed[*r][*c] && grid[*r][*c] > 0)
            .min_by_key(|entry| (!also_exposed(entry), grid[entry.0][entry.1]))
            .or_else(|| {
                total
                    .iter()
                    .find(|(r, c)| !suppressed[*r][*c] && grid[*r][*c] > 0)
            });
        // A lone suppressed entry whose line is otherwise all zeros cannot
        // occur (the total would equal it); stop rather than loop if the
        // grid were ever inconsistent.
        let Some(&(r, c)) = partner else {
            return;
        };
        suppressed[r][c] = true;
        for index in &member_of[&(r, c)] {
            hidden[*index] += 1;
        }
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
        "{} by {}",
        capitalised(table.unit.as_str()),
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

/// Aligned text: rows down, columns across, totals last.
pub fn to_text(table: &Table) -> String {
    let mut grid: Vec<Vec<String>> = Vec::new();
    let first = table.by[0].as_str().to_string();
    if table.is_two_way() {
        let mut header = vec![format!("{first} \\ {}", table.by[1].as_str())];
        header.extend(table.columns.iter().cloned());
        header.push(TOTAL.to_string());
        grid.push(header);
        for (r, row) in table.rows.iter().enumerate() {
            let mut line = vec![row.clone()];
            line.extend(table.cells[r].iter().map(Cell::to_string));
            line.push(table.row_totals[r].to_string());
            grid.push(line);
        }
        let mut totals = vec![TOTAL.to_string()];
        totals.extend(table.column_totals.iter().map(Cell::to_string));
        totals.push(table.total.to_string());
        grid.push(totals);
    } else {
        grid.push(vec![first, "count".to_string()]);
        for (r, row) in table.rows.iter().enumerate() {
            grid.push(vec![row.clone(), table.cells[r][0].to_string()]);
        }
        grid.push(vec![TOTAL.to_string(), table.total.to_string()]);
    }
    let columns = grid[0].len();
    let widths: Vec<usize> = (0..columns)
        .map(|c| grid.iter().map(|l| l[c].chars().count()).max().unwrap_or(0))
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
/// and `count`, one line per cell, then the totals with `Total` in place of
/// the value they add over.
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
            line(&[row, TOTAL], table.row_totals[r]);
        }
        for (c, column) in table.columns.iter().enumerate() {
            line(&[TOTAL, column], table.column_totals[c]);
        }
        line(&[TOTAL, TOTAL], table.total);
    } else {
        for (r, row) in table.rows.iter().enumerate() {
            line(&[row], table.cells[r][0]);
        }
        line(&[TOTAL], table.total);
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
/// totals; suppressed figures are the string `"c"`.
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
        "suppress_below": table.suppress_below,
        "cells": cells,
        "total": table.total.json(),
    });
    if table.is_two_way() {
        object["row_totals"] = table
            .rows
            .iter()
            .zip(&table.row_totals)
            .map(|(row, cell)| keyed(&[(table.by[0], row)], *cell))
            .collect();
        object["column_totals"] = table
            .columns
            .iter()
            .zip(&table.column_totals)
            .map(|(column, cell)| keyed(&[(table.by[1], column)], *cell))
            .collect();
    }
    let mut text = serde_json::to_string_pretty(&object).expect("JSON values serialise");
    text.push('\n');
    text
}

/// The threshold a site's figures are suppressed at: always on a
/// national site; on a local site only when asked (`--suppress`), since a
/// local site publishes the items themselves.
pub fn threshold_for(site: &Site, requested: bool) -> Option<u64> {
    (site.is_national() || requested).then_some(site.config.national.suppress_below)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::national::testing::{local_site, ITEM_NEGLECT, ITEM_SUMMARY};

    fn raw(counts: &[&[u64]], k: u64) -> Table {
        let rows = (0..counts.len()).map(|r| format!("r{r}")).collect();
        let columns = (0..counts[0].len()).map(|c| format!("c{c}")).collect();
        publishable(
            &[Dimension::Theme, Dimension::Area],
            Unit::Items,
            rows,
            columns,
            counts.iter().map(|r| r.to_vec()).collect(),
            Some(k),
        )
    }

    fn shown(cells: &[Cell]) -> Vec<String> {
        cells.iter().map(Cell::to_string).collect()
    }

    /// No additive line (row, column, or margin) may have exactly one
    /// suppressed entry.
    fn assert_protected(table: &Table) {
        let rows = table.rows.len();
        for r in 0..rows {
            let mut line: Vec<Cell> = table.cells[r].clone();
            line.push(table.row_totals[r]);
            assert_ne!(
                line.iter().filter(|c| c.is_suppressed()).count(),
                1,
                "row {r}: {line:?}"
            );
        }
        for c in 0..table.columns.len() {
            let mut line: Vec<Cell> = (0..rows).map(|r| table.cells[r][c]).collect();
            line.push(table.column_totals[c]);
            assert_ne!(
                line.iter().filter(|c| c.is_suppressed()).count(),
                1,
                "column {c}: {line:?}"
            );
        }
        let mut margin = table.column_totals.clone();
        margin.push(table.total);
        assert_ne!(margin.iter().filter(|c| c.is_suppressed()).count(), 1);
        let mut margin = table.row_totals.clone();
        margin.push(table.total);
        assert_ne!(margin.iter().filter(|c| c.is_suppressed()).count(), 1);
    }

    #[test]
    fn small_counts_show_as_c_and_zeros_as_zero() {
        // Each row and column already has two small figures, but the row
        // of column totals would give the 3 (= 3 + 0) away beside 7 and 42.
        let t = raw(&[&[0, 3, 2, 12], &[0, 4, 1, 20]], 5);
        assert_eq!(shown(&t.cells[0]), ["0", "c", "c", "12"]);
        assert_eq!(shown(&t.cells[1]), ["0", "c", "c", "20"]);
        assert_eq!(shown(&t.row_totals), ["17", "25"]);
        assert_eq!(shown(&t.column_totals), ["0", "c", "c", "32"]);
        assert_eq!(t.total, Cell::Count(42));
        assert_protected(&t);
    }

    #[test]
    fn a_lone_suppressed_cell_takes_the_smallest_other_cell_with_it() {
        // Row 0 has one small cell; the total 30 would give it away.
        let t = raw(&[&[3, 12, 15], &[6, 20, 9]], 5);
        assert_eq!(shown(&t.cells[0]), ["c", "c", "15"]);
        // Columns 0 and 1 are then exposed; hiding 6 exposes row 1, whose
        // 20 closes both it and column 1 (preferred over the smaller 9).
        assert_eq!(shown(&t.cells[1]), ["c", "c", "9"]);
        assert_protected(&t);
        assert_eq!(
            t.row_totals[0],
            Cell::Count(30),
            "totals stay when cells can be hidden"
        );
        assert_eq!(t.total, Cell::Count(65));
    }

    #[test]
    fn a_row_with_nothing_else_to_hide_loses_its_total() {
        let t = raw(&[&[2, 0, 0], &[7, 8, 9]], 5);
        assert_eq!(shown(&t.cells[0]), ["c", "0", "0"]);
        assert_eq!(t.row_totals[0], Cell::Suppressed);
        assert_protected(&t);
    }

    #[test]
    fn one_way_tables_protect_their_total() {
        let t = publishable(
            &[Dimension::Area],
            Unit::Items,
            vec!["a".into(), "b".into(), "c".into()],
            Vec::new(),
            vec![vec![3], vec![10], vec![7]],
            Some(5),
        );
        assert_eq!(shown(&t.cells.concat()), ["c", "10", "c"]);
        assert_eq!(t.total, Cell::Count(20));
    }

    #[test]
    fn local_tables_are_not_suppressed_unless_asked() {
        let site = local_site("North CPC", &[ITEM_NEGLECT, ITEM_SUMMARY]);
        assert_eq!(threshold_for(&site, false), None);
        assert_eq!(threshold_for(&site, true), Some(5));
        let t = stats(&site, &[Dimension::Theme], None);
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
        assert_eq!(t.total, Cell::Count(4));
        assert!(!t.any_suppressed());
    }

    #[test]
    fn strategy_dimensions_count_strategies() {
        let site = local_site("North CPC", &[ITEM_NEGLECT, ITEM_SUMMARY]);
        let t = stats(&site, &[Dimension::Responsible], None);
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
        let t = stats(&site, &[Dimension::Clear, Dimension::Kind], None);
        assert_eq!(
            t.rows,
            [
                "case-for-change",
                "learning",
                "evidence",
                "responsibility",
                "review"
            ]
        );
        assert_eq!(t.columns, ["report", "summary"]);
        assert_eq!(t.cells[0], [Cell::Count(2), Cell::Count(1)]);
        assert_eq!(
            t.cells[4],
            [Cell::Count(1), Cell::Count(1)],
            "one report strategy lacks its review"
        );
        // Review standing as of 2026-11: 2026-03 and 2025-06 are overdue.
        let t = stats(&site, &[Dimension::Review], None);
        assert_eq!(t.cells[0], [Cell::Count(2)]);
        assert_eq!(t.cells[3], [Cell::Count(1)], "no date");
    }

    #[test]
    fn csv_is_long_format_with_totals() {
        let site = local_site("North CPC", &[ITEM_NEGLECT, ITEM_SUMMARY]);
        let t = stats(&site, &[Dimension::Kind, Dimension::Area], Some(5));
        assert_eq!(
            to_csv(&t),
            "kind,area,count\nreport,North CPC,c\nreport,Total,c\nsummary,North CPC,c\nsummary,Total,c\nTotal,North CPC,c\nTotal,Total,c\n"
        );
        let t = stats(&site, &[Dimension::Year], None);
        assert_eq!(to_csv(&t), "year,count\n2025,2\nTotal,2\n");
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
    fn json_and_text_show_the_same_figures() {
        let site = local_site("North CPC", &[ITEM_NEGLECT, ITEM_SUMMARY]);
        let t = stats(&site, &[Dimension::Agency], Some(2));
        let json: Value = serde_json::from_str(&to_json(&t)).unwrap();
        assert_eq!(json["counting"], "items");
        assert_eq!(json["suppress_below"], 2);
        // Every agency has one item: all suppressed; four together are not.
        assert_eq!(
            json["cells"][0],
            json!({"agency": "education", "count": "c"})
        );
        assert_eq!(json["total"], 4);
        assert_eq!(
            to_text(&t),
            "Items by agency; c: a figure from 1 to 1 or one withheld so that such a figure cannot be worked out\n\
             agency       count\n\
             education        c\n\
             health           c\n\
             police           c\n\
             social-work      c\n\
             Total            4\n"
        );
    }

    #[test]
    fn dimensions_parse_from_the_command_line() {
        assert_eq!(
            parse_dimensions("theme,area").unwrap(),
            [Dimension::Theme, Dimension::Area]
        );
        assert!(parse_dimensions("theme,theme").is_err());
        assert!(parse_dimensions("theme,area,year").is_err());
        assert!(parse_dimensions("colour")
            .unwrap_err()
            .contains("use one of theme"));
    }
}
