//! The pages that compare areas: `/national/` and one page per
//! comparison, each an SVG chart with the same figures as a table and as a
//! CSV file. Every figure counts all reviews reported — published and
//! statistics-only — and so comes from `stats::reported`, suppressed
//! together for the pages as a set; `clearhouse stats` suppresses any
//! other table beside them, so the pages, the CSV files and the command
//! agree.
//!
//! The templates live beside this file and extend the theme's `base.html`;
//! a site theme may override them (`themes/<name>/templates/national/…`).

use std::collections::BTreeSet;

use serde::Serialize;

use super::statistics::StatisticsOnly;
use super::stats::{self, Cell, Dimension, Table};
use super::svg;
use crate::content::Clear;
use crate::files::OutputFile;
use crate::render::{render_pages, Library, Page, RenderError, Theme};
use crate::site::Site;

const INDEX_TEMPLATE: &str = "national/index.html";
const COMPARISON_TEMPLATE: &str = "national/comparison.html";
const TEMPLATES: [(&str, &str); 3] = [
    (INDEX_TEMPLATE, include_str!("templates/index.html")),
    (
        COMPARISON_TEMPLATE,
        include_str!("templates/comparison.html"),
    ),
    (
        "national/macros.html",
        include_str!("templates/macros.html"),
    ),
];
/// The charts' and tables' own styles: the site's CSP allows stylesheets
/// from the site only, so they are a file, not inline.
const STYLESHEET: (&str, &str) = (
    "assets/national.css",
    include_str!("templates/national.css"),
);

/// How a comparison is drawn, chosen for what its figures really are: a
/// few reviews per area and year, so most two-way cells are suppressed and
/// a bar could not be drawn for them, while a tile can say `c`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// A tile per figure; `transpose` draws the table's columns as rows
    /// (when they have long names and the rows short ones).
    Tiles { transpose: bool },
    /// A bar per row of a one-way table.
    Bars,
}

/// One comparison page.
struct Comparison {
    slug: &'static str,
    title: &'static str,
    /// One sentence on what the page shows, for the index and the lede.
    summary: &'static str,
    by: &'static [Dimension],
    form: Form,
    /// How to read the chart, in words: printed above it and its `<desc>`
    /// (with what `c` is, when the chart has one).
    reading: &'static str,
}

impl Form {
    /// What a suppressed figure looks like in this form of chart.
    fn suppressed(self) -> &'static str {
        match self {
            Form::Tiles { .. } => "A hatched tile marked c is a small number that is not shown.",
            Form::Bars => "A c is a small number that is not shown, and has no bar.",
        }
    }
}

const COMPARISONS: [Comparison; 5] = [
    Comparison {
        slug: "themes-by-area",
        title: "Themes by area",
        summary: "How many reviews in each area record each theme: all reviews reported, published or not.",
        by: &[Dimension::Theme, Dimension::Area],
        form: Form::Tiles { transpose: false },
        reading: "Each row is a theme and each column an area. A tile gives how many of the area's reviews record the theme; a darker tile means more.",
    },
    Comparison {
        slug: "themes-by-year",
        title: "Themes by year",
        summary: "How many reviews from each year record each theme: all reviews reported, published or not.",
        by: &[Dimension::Theme, Dimension::Year],
        form: Form::Tiles { transpose: false },
        reading: "Each row is a theme and each column a year (of publication, or for a review not published, of the COG's decision), so a row shows when a theme came up. A tile gives how many reviews of that year record the theme; a darker tile means more.",
    },
    Comparison {
        slug: "responsibility",
        title: "Strategies by responsible organisation",
        summary: "How many improvement strategies assign responsibility to each organisation (a strategy can name several), in all reviews reported.",
        by: &[Dimension::Responsible],
        form: Form::Bars,
        reading: "One bar per organisation, as long as the number of strategies that make it responsible, with the number at its end.",
    },
    Comparison {
        slug: "review-dates",
        title: "Strategies by review date",
        summary: "Where each area's strategies stand against their review dates: overdue, due within three months, due later, undated, or closed (not reported for reviews that were not published).",
        by: &[Dimension::Area, Dimension::Review],
        form: Form::Tiles { transpose: true },
        reading: "Each row is where a strategy stands against its review date, from overdue to closed, and each column an area. A tile gives how many of the area's strategies stand there; a darker tile means more.",
    },
    Comparison {
        slug: "clear-by-area",
        title: "CLEAR completeness by area",
        summary: "How many of each area's strategies, in all reviews reported, have each CLEAR component in full; where a component's count is below the others, strategies lack it.",
        by: &[Dimension::Area, Dimension::Clear],
        form: Form::Tiles { transpose: false },
        reading: "Each row is an area and each column a CLEAR component. A tile gives how many of the area's strategies set the component out in full, so a figure lower than the others in its row marks a component some strategies lack; a darker tile means more.",
    },
];

/// The dimensions of every table the `/national/` pages publish: one per
/// comparison, and the areas on the index. `clearhouse stats` suppresses
/// any other table so that it is safe beside these.
pub fn page_tables() -> Vec<&'static [Dimension]> {
    COMPARISONS.iter().map(|c| c.by).chain([AREAS]).collect()
}

/// The index's table: reviews by area.
const AREAS: &[Dimension] = &[Dimension::Area];

/// `/national/index.html`, a page per comparison, their CSV files and the
/// stylesheet, rendered with the site's theme. The figures count all
/// reviews reported: the published items and the `statistics`-only records.
pub fn national_pages(
    site: &Site,
    statistics: &StatisticsOnly,
) -> Result<Vec<OutputFile>, RenderError> {
    let mut theme = Theme::load(&site.root, &site.config.theme)?;
    let overridden: Vec<String> = theme.tera.get_template_names().map(String::from).collect();
    let ours: Vec<(&str, &str)> = TEMPLATES
        .into_iter()
        .filter(|(name, _)| !overridden.iter().any(|o| o == name))
        .collect();
    theme
        .tera
        .add_raw_templates(ours)
        .map_err(|e| RenderError::TemplateSyntax {
            origin: "clearhouse's national templates".to_string(),
            detail: e.to_string(),
        })?;
    let lib = Library::new(site);
    let figures = figures_note(site);
    let mut tables = stats::reported(
        site,
        statistics,
        site.config.national.suppress_below,
        &page_tables(),
    );
    let by_area = tables.pop().expect("the areas table is the last");
    let mut pages = Vec::new();
    let mut files = Vec::new();
    let mut links = Vec::new();
    for (comparison, table) in COMPARISONS.iter().zip(&tables) {
        let path = format!("national/{}/", comparison.slug);
        let csv_path = format!("national/{}.csv", comparison.slug);
        files.push(OutputFile::new(csv_path.clone(), stats::to_csv(table)));
        let view = ComparisonView::new(comparison, table, &lib.link(&csv_path), &lib, &figures);
        links.push(ComparisonLink {
            title: comparison.title,
            summary: comparison.summary,
            url: lib.link(&path),
        });
        pages.push(
            Page::new(&lib, path, COMPARISON_TEMPLATE, comparison.title)
                .section("national")
                .description(comparison.summary)
                .with("comparison", &view)
                .with("figures", &figures),
        );
    }
    pages.push(
        Page::new(&lib, "national/", INDEX_TEMPLATE, "Compare areas")
            .section("national")
            .description("Learning Reviews across Scotland's Child Protection Committee areas: themes, strategies and review dates compared, with small numbers suppressed.")
            .with("comparisons", &links)
            .with("areas", &TableView::new(&by_area, &format!("Reviews by area: {}", by_area.counting.describe(by_area.unit)), &lib))
            .with("sources", &site.config.sources.iter().map(|s| &s.area).collect::<Vec<_>>())
            .with("figures", &figures),
    );
    files.extend(render_pages(&theme, &lib, &mut pages)?);
    files.push(OutputFile::new(STYLESHEET.0, STYLESHEET.1));
    Ok(files)
}

/// What the "About these figures" text needs to know.
#[derive(Serialize)]
struct FiguresNote {
    suppressed: bool,
    threshold: u64,
    /// The largest suppressed figure.
    largest_hidden: u64,
}

fn figures_note(site: &Site) -> FiguresNote {
    let threshold = site.config.national.suppress_below.get();
    FiguresNote {
        suppressed: true,
        threshold,
        largest_hidden: threshold - 1,
    }
}

#[derive(Serialize)]
struct ComparisonLink {
    title: &'static str,
    summary: &'static str,
    url: String,
}

/// `comparison` in `national/comparison.html`.
#[derive(Serialize)]
struct ComparisonView {
    title: &'static str,
    summary: &'static str,
    /// How to read the chart, said above it.
    reading: String,
    /// The largest figures shown, in a sentence, or none.
    largest: Option<String>,
    /// The chart: escaped SVG markup ready to insert, drawn twice (wide
    /// and phone; the stylesheet shows one).
    svg: String,
    /// Whether the chart may be wider than a phone and scroll sideways
    /// (its frame is then focusable, so that a keyboard can scroll it).
    scrolls: bool,
    table: TableView,
    csv_url: String,
    /// What the figures count, in words.
    counting: &'static str,
}

impl ComparisonView {
    fn new(
        comparison: &Comparison,
        table: &Table,
        csv_url: &str,
        lib: &Library,
        figures: &FiguresNote,
    ) -> ComparisonView {
        let counting = table.counting.describe(table.unit);
        let caption = format!("{}: {counting}", comparison.title);
        let view = TableView::new(table, &caption, lib);
        let rows: Vec<String> = view.rows.iter().map(|r| r.label.clone()).collect();
        // What the chart draws: a bar per row, or a grid of tiles.
        let (bars, tiles) = match comparison.form {
            Form::Bars => (table.cells.iter().map(|row| row[0]).collect(), None),
            Form::Tiles { transpose } => (Vec::new(), Some(grid(table, rows.clone(), transpose))),
        };
        let drawn = tiles.iter().flat_map(|g| {
            g.cells
                .iter()
                .flatten()
                .chain(g.totals.iter().flat_map(|(_, totals)| totals))
        });
        let reading = if bars.iter().chain(drawn).any(|c| c.is_suppressed()) {
            format!("{} {}", comparison.reading, comparison.form.suppressed())
        } else {
            comparison.reading.to_string()
        };
        let chart = svg::Chart {
            id: comparison.slug,
            title: comparison.title,
            desc: &reading,
            largest_hidden: figures.suppressed.then_some(figures.largest_hidden),
        };
        let drawing = match &tiles {
            Some(grid) => svg::tile_grid(&chart, grid),
            None => svg::bar_chart(&chart, &rows, &bars),
        };
        let largest = finding(table, tiles.as_ref(), &rows);
        ComparisonView {
            title: comparison.title,
            summary: comparison.summary,
            reading,
            largest,
            svg: drawing.markup,
            scrolls: drawing.may_scroll,
            table: view,
            csv_url: csv_url.to_string(),
            counting,
        }
    }
}

/// The table's figures laid out for a tile grid: row labels as the table
/// shows them, CLEAR components by their letter (explained in the key),
/// and each row's total where it counts records once.
fn grid(table: &Table, rows: Vec<String>, transpose: bool) -> svg::Grid {
    let column_dimension = table.by[1];
    let mut key = Vec::new();
    let columns: Vec<String> = table
        .columns
        .iter()
        .map(|value| match Clear::from_slug(value) {
            Some(clear) if column_dimension == Dimension::Clear => {
                key.push((clear.letter().to_string(), clear.label().to_string()));
                clear.letter().to_string()
            }
            _ => column_dimension.value_label(value),
        })
        .collect();
    // The chart's columns are the table's rows when it is transposed, and
    // a chart row's total adds up over the chart's columns.
    let across = if transpose {
        table.by[0]
    } else {
        column_dimension
    };
    let totals = if transpose {
        table.column_totals.clone()
    } else {
        table.row_totals.clone()
    }
    .map(|cells| (format!("All {}", plural(across)), cells));
    if transpose {
        svg::Grid {
            rows: columns,
            columns: rows,
            cells: (0..table.columns.len())
                .map(|c| table.cells.iter().map(|row| row[c]).collect())
                .collect(),
            totals,
            key,
        }
    } else {
        svg::Grid {
            rows,
            columns,
            cells: table.cells.clone(),
            totals,
            key,
        }
    }
}

/// What a reader sees first in a comparison's figures, in a sentence, from
/// published figures only (a suppressed one is not a figure here).
fn finding(table: &Table, grid: Option<&svg::Grid>, rows: &[String]) -> Option<String> {
    match grid {
        Some(grid) if table.by.get(1) == Some(&Dimension::Clear) => clear_gaps(grid),
        Some(grid) => largest(grid.rows.iter().enumerate().flat_map(|(r, row)| {
            grid.columns
                .iter()
                .enumerate()
                .map(move |(c, column)| (format!("{row} in {column}"), grid.cells[r][c]))
        })),
        None => largest(
            rows.iter()
                .cloned()
                .zip(table.cells.iter().map(|row| row[0])),
        ),
    }
}

/// "The largest figures shown are …": up to three published figures above
/// zero, largest first, ties in reading order.
fn largest(named: impl IntoIterator<Item = (String, Cell)>) -> Option<String> {
    let mut shown: Vec<(String, u64)> = named
        .into_iter()
        .filter_map(|(name, cell)| cell.count().filter(|n| *n > 0).map(|n| (name, n)))
        .collect();
    shown.sort_by_key(|s| std::cmp::Reverse(s.1));
    shown.truncate(3);
    let parts: Vec<String> = shown
        .iter()
        .map(|(name, n)| format!("{name} ({n})"))
        .collect();
    match parts.as_slice() {
        [] => None,
        [one] => Some(format!("The largest figure shown is {one}.")),
        [first @ .., last] => Some(format!(
            "The largest figures shown are {} and {last}.",
            first.join(", ")
        )),
    }
}

/// The CLEAR components an area's strategies set out less often than its
/// most common one, from the figures shown.
fn clear_gaps(grid: &svg::Grid) -> Option<String> {
    let mut gaps = Vec::new();
    let mut compared = false;
    for (r, area) in grid.rows.iter().enumerate() {
        let shown: Vec<(usize, u64)> = grid.cells[r]
            .iter()
            .enumerate()
            .filter_map(|(c, cell)| cell.count().map(|n| (c, n)))
            .collect();
        let Some(most) = shown.iter().map(|(_, n)| *n).max() else {
            continue;
        };
        compared |= shown.len() > 1;
        for (c, n) in shown.iter().filter(|(_, n)| *n < most) {
            let component = grid
                .key
                .get(*c)
                .map_or(grid.columns[*c].as_str(), |(_, long)| long.as_str());
            gaps.push(format!("{component} in {area} ({n} against {most})"));
        }
    }
    match gaps.as_slice() {
        [] if compared => Some(
            "Where figures are shown, each area's strategies set out every component as often as the others."
                .to_string(),
        ),
        [] => None,
        [one] => Some(format!("Set out less often than the other components: {one}.")),
        [first @ .., last] => Some(format!(
            "Set out less often than the other components: {} and {last}.",
            first.join(", ")
        )),
    }
}

/// How a chart heads the totals over a dimension's values.
fn plural(dimension: Dimension) -> &'static str {
    match dimension {
        Dimension::Area => "areas",
        Dimension::Year => "years",
        Dimension::Kind => "kinds",
        Dimension::Review => "review dates",
        Dimension::Theme => "themes",
        Dimension::Agency => "agencies",
        Dimension::Age => "age bands",
        Dimension::Trigger => "reasons",
        Dimension::Responsible => "organisations",
        Dimension::Clear => "CLEAR components",
    }
}

/// A table as the templates show it: labels, figures as text, and only
/// the totals that count records once.
#[derive(Serialize)]
struct TableView {
    caption: String,
    /// The heading over the row labels.
    corner: &'static str,
    columns: Vec<Heading>,
    rows: Vec<RowView>,
    /// The row of totals (column totals, then the grand total when it is
    /// shown), or none when the rows' totals would count mentions.
    totals: Option<Vec<CellView>>,
    /// Why a total is missing, when one is.
    no_total: Option<String>,
    /// Whether a figure shown is suppressed.
    any_suppressed: bool,
}

#[derive(Serialize)]
struct Heading {
    label: String,
}

#[derive(Serialize)]
struct RowView {
    label: String,
    /// The row's page on this site (areas and themes), when it has one.
    url: Option<String>,
    cells: Vec<CellView>,
}

#[derive(Serialize)]
struct CellView {
    text: String,
    suppressed: bool,
}

impl TableView {
    fn new(table: &Table, caption: &str, lib: &Library) -> TableView {
        let cell = |c: &Cell| CellView {
            text: c.to_string(),
            suppressed: c.is_suppressed(),
        };
        let row_dimension = table.by[0];
        let column_dimension = table.by.get(1).copied();
        let mut any_suppressed = false;
        let area_pages: BTreeSet<String> = lib.areas().keys().map(|a| lib.area_url(a)).collect();
        let theme_pages: BTreeSet<String> = lib
            .themes_in_use()
            .into_iter()
            .map(|t| t.theme.url)
            .collect();
        let mut shown = |c: &Cell| {
            any_suppressed |= c.is_suppressed();
            cell(c)
        };
        let rows = table
            .rows
            .iter()
            .enumerate()
            .map(|(r, value)| {
                let mut cells: Vec<CellView> = table.cells[r].iter().map(&mut shown).collect();
                if let Some(totals) = &table.row_totals {
                    cells.push(shown(&totals[r]));
                }
                RowView {
                    label: row_dimension.value_label(value),
                    // A row counted only from statistics-only records has
                    // no page: its area or theme has nothing published.
                    url: match row_dimension {
                        Dimension::Area => {
                            Some(lib.area_url(value)).filter(|url| area_pages.contains(url))
                        }
                        Dimension::Theme => {
                            Some(lib.theme_ref(value).url).filter(|url| theme_pages.contains(url))
                        }
                        _ => None,
                    },
                    cells,
                }
            })
            .collect();
        let totals = match column_dimension {
            Some(_) => table.column_totals.as_ref().map(|column_totals| {
                let mut totals: Vec<CellView> = column_totals.iter().map(&mut shown).collect();
                if let Some(total) = &table.total {
                    totals.push(shown(total));
                }
                totals
            }),
            None => table.total.as_ref().map(|total| vec![shown(total)]),
        };
        let columns = match column_dimension {
            Some(dimension) => table
                .columns
                .iter()
                .map(|value| Heading {
                    label: dimension.value_label(value),
                })
                .chain(table.row_totals.as_ref().map(|_| Heading {
                    label: stats::TOTAL.to_string(),
                }))
                .collect(),
            None => vec![Heading {
                label: match table.unit {
                    stats::Unit::Items => "Reviews",
                    stats::Unit::Strategies => "Strategies",
                }
                .to_string(),
            }],
        };
        let counted_one = match table.unit {
            stats::Unit::Items => "a review",
            stats::Unit::Strategies => "a strategy",
        };
        let missing: Vec<&str> = [Some(row_dimension), column_dimension]
            .into_iter()
            .flatten()
            .filter(|d| !d.one_value_per_record())
            .map(plural)
            .collect();
        let no_total = (!missing.is_empty()).then(|| {
            format!(
                "There is no total over {}: {counted_one} can have several, so a sum would count it more than once.",
                missing.join(" or ")
            )
        });
        TableView {
            caption: caption.to_string(),
            corner: row_dimension.label(),
            columns,
            rows,
            totals,
            no_total,
            any_suppressed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::national::testing::{local_site, ITEM_NEGLECT, ITEM_SUMMARY};

    fn national_site() -> Site {
        national_of(&[ITEM_NEGLECT, ITEM_SUMMARY])
    }

    fn national_of(items: &[&str]) -> Site {
        let mut site = local_site("North CPC", items);
        site.config.scope = crate::config::Scope::National;
        site.config.area = None;
        site
    }

    fn pages(site: &Site) -> Vec<OutputFile> {
        national_pages(site, &StatisticsOnly::default()).expect("pages render")
    }

    fn page<'a>(files: &'a [OutputFile], path: &str) -> &'a str {
        let file = files
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("no {path}"));
        std::str::from_utf8(&file.bytes).unwrap()
    }

    #[test]
    fn every_comparison_has_a_chart_a_table_and_a_csv() {
        let files = pages(&national_site());
        for comparison in &COMPARISONS {
            let html = page(&files, &format!("national/{}/index.html", comparison.slug));
            assert!(html.contains("role=\"img\""), "{}", comparison.slug);
            assert!(html.contains(&format!("<title id=\"{}-title\">", comparison.slug)));
            assert!(html.contains("<table"), "{}", comparison.slug);
            assert!(html.contains("<caption"), "{}", comparison.slug);
            assert!(html.contains("assets/national.css"));
            assert!(html.contains("about-these-figures"));
            let svg = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()];
            assert!(!svg.contains(">Total<"), "charts draw cells, not totals");
            page(&files, &format!("national/{}.csv", comparison.slug));
        }
        assert!(files.iter().any(|f| f.path == "assets/national.css"));
    }

    #[test]
    fn national_pages_show_only_suppressed_small_figures() {
        let files = pages(&national_site());
        let html = page(&files, "national/themes-by-area/index.html");
        // Two items: every figure is below 5, so none is shown.
        assert!(html.contains(">c</abbr></td>"), "{html}");
        assert!(
            !html.contains(">1</td>") && !html.contains(">2</td>"),
            "{html}"
        );
        assert_eq!(
            page(&files, "national/themes-by-area.csv").lines().nth(1),
            Some("neglect,North CPC,c")
        );
        let index = page(&files, "national/index.html");
        assert!(index.contains("id=\"about-these-figures\""));
        assert!(
            index.contains("from 1 to 4"),
            "the rule is stated with the threshold"
        );
        for comparison in &COMPARISONS {
            assert!(index.contains(&format!("national/{}/", comparison.slug)));
        }
    }

    /// Six reports and six summaries: figures large enough to be shown.
    fn unsuppressed_site() -> Site {
        let mut items = Vec::new();
        for n in 0..6 {
            items.push(ITEM_NEGLECT.replace("NO-2024-01", &format!("NO-2024-1{n}")));
            items.push(ITEM_SUMMARY.replace("NO-2025-01", &format!("NO-2025-1{n}")));
        }
        let items: Vec<&str> = items.iter().map(String::as_str).collect();
        national_of(&items)
    }

    /// The `<table>` of a page and whether it has a totals row, and the
    /// headings of its columns.
    fn table_shape(html: &str) -> (bool, Vec<String>) {
        let table = &html[html.find("<table").unwrap()..html.find("</table>").unwrap()];
        let head = &table[..table.find("</thead>").unwrap()];
        let headings = head
            .split("<th scope=\"col\"")
            .skip(1)
            .map(|h| h[h.find('>').unwrap() + 1..h.find("</th>").unwrap()].to_string())
            .collect();
        (table.contains("<tfoot>"), headings)
    }

    #[test]
    fn no_page_shows_a_total_that_counts_an_item_or_strategy_twice() {
        let files = pages(&unsuppressed_site());
        let shape = |slug: &str| table_shape(page(&files, &format!("national/{slug}/index.html")));
        // An item records several themes: totals over themes (down the
        // columns, and the grand total) would count it once per theme.
        let (footer, headings) = shape("themes-by-area");
        assert!(!footer, "no total row under themes");
        assert_eq!(
            headings.last().unwrap(),
            "Total",
            "a theme's total over areas"
        );
        let (footer, headings) = shape("themes-by-year");
        assert!(!footer);
        assert_eq!(headings.last().unwrap(), "Total");
        // A strategy has several CLEAR components: no total across them,
        // but a component's total over areas.
        let (footer, headings) = shape("clear-by-area");
        assert!(footer, "each component's total over areas");
        assert!(!headings.iter().any(|h| h == "Total"), "{headings:?}");
        let clear = page(&files, "national/clear-by-area/index.html");
        let tfoot = &clear[clear.find("<tfoot>").unwrap()..clear.find("</tfoot>").unwrap()];
        assert_eq!(tfoot.matches("<td").count(), 5, "one total per component");
        assert!(clear.contains("There is no total over CLEAR components"));
        // A strategy can name several organisations.
        let (footer, _) = shape("responsibility");
        assert!(!footer);
        // One area and one review standing per strategy: every total holds.
        let (footer, headings) = shape("review-dates");
        assert!(footer);
        assert_eq!(headings.last().unwrap(), "Total");
        assert!(!page(&files, "national/review-dates/index.html").contains("There is no total"));
        let (footer, _) = table_shape(page(&files, "national/index.html"));
        assert!(footer, "items by area add up");
    }

    #[test]
    fn each_chart_is_said_in_words_above_it() {
        let files = pages(&unsuppressed_site());
        for comparison in &COMPARISONS {
            let html = page(&files, &format!("national/{}/index.html", comparison.slug));
            let reading = html
                .find(&format!(
                    "<p class=\"chart__reading\">{}",
                    comparison.reading.replace('\'', "&#x27;")
                ))
                .unwrap_or_else(|| panic!("{} says how to read it", comparison.slug));
            assert!(reading < html.find("<svg").unwrap(), "{}", comparison.slug);
            assert_eq!(
                html.matches("<svg").count(),
                2,
                "a wide and a phone drawing"
            );
        }
        let themes = page(&files, "national/themes-by-area/index.html");
        assert!(
            themes.contains("The largest figures shown are Neglect in North CPC (6), Criminal exploitation in North CPC (6) and Information sharing in North CPC (6)."),
            "{themes}"
        );
        let clear = page(&files, "national/clear-by-area/index.html");
        assert!(
            clear.contains(
                "Set out less often than the other components: Review in North CPC (12 against 18)."
            ),
            "{clear}"
        );
    }

    #[test]
    fn the_words_about_a_chart_name_no_suppressed_figure() {
        let files = pages(&national_site());
        for comparison in &COMPARISONS {
            let html = page(&files, &format!("national/{}/index.html", comparison.slug));
            let reading = html[html.find("chart__reading").unwrap()..html.find("<svg").unwrap()]
                .replace("&#x27;", "'");
            assert!(!reading.contains("largest"), "{reading}");
            assert!(
                !reading.chars().any(|c| c.is_ascii_digit()),
                "every figure is below 5 and shown as c: {reading}"
            );
        }
    }

    #[test]
    fn comparisons_link_within_the_host() {
        let mut site = national_site();
        site.config.base_url = "https://national.example.org/sub/".to_string();
        let files = pages(&site);
        let index = page(&files, "national/index.html");
        for comparison in &COMPARISONS {
            assert!(index.contains(&format!("href=\"/sub/national/{}/\"", comparison.slug)));
            let html = page(&files, &format!("national/{}/index.html", comparison.slug));
            assert!(html.contains(&format!("href=\"/sub/national/{}.csv\"", comparison.slug)));
        }
        for file in files.iter().filter(|f| f.path.ends_with(".html")) {
            let html = std::str::from_utf8(&file.bytes).unwrap();
            let outside = html.matches("=\"https://national.example.org").count();
            assert_eq!(
                outside, 1,
                "{}: only the canonical link is absolute",
                file.path
            );
        }
    }
}
