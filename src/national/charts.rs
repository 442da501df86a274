//! The pages that compare areas: `/national/` and one page per
//! comparison, each an SVG chart with the same figures as a table and as a
//! CSV file. Every figure comes from `stats` with the site's suppression
//! threshold, so the pages, the CSV files and `clearhouse stats` agree.
//!
//! The templates live beside this file and extend the theme's `base.html`;
//! a site theme may override them (`themes/<name>/templates/national/…`).

use serde::Serialize;

use super::stats::{self, Cell, Dimension, Table};
use super::svg::{self, Labels};
use crate::output::OutputFile;
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chart {
    HeatMap,
    Bars,
}

/// One comparison page.
struct Comparison {
    slug: &'static str,
    title: &'static str,
    /// One sentence on what the page shows, for the index and the lede.
    summary: &'static str,
    by: &'static [Dimension],
    chart: Chart,
    /// How to read the chart, for its `<desc>`.
    reading: &'static str,
}

const COMPARISONS: [Comparison; 5] = [
    Comparison {
        slug: "themes-by-area",
        title: "Themes by area",
        summary: "How many published reports and summaries in each area record each theme.",
        by: &[Dimension::Theme, Dimension::Area],
        chart: Chart::HeatMap,
        reading: "A heat map with one row per theme and one column per area; each cell gives the number of items and is darker the larger it is.",
    },
    Comparison {
        slug: "themes-by-year",
        title: "Themes by year",
        summary: "How many items published in each year record each theme.",
        by: &[Dimension::Theme, Dimension::Year],
        chart: Chart::Bars,
        reading: "Horizontal bars grouped by theme, one bar per year of publication, each labelled with its number of items.",
    },
    Comparison {
        slug: "responsibility",
        title: "Strategies by responsible organisation",
        summary: "How many improvement strategies assign responsibility to each organisation (a strategy can name several).",
        by: &[Dimension::Responsible],
        chart: Chart::Bars,
        reading: "Horizontal bars, one per organisation, each labelled with its number of strategies.",
    },
    Comparison {
        slug: "review-dates",
        title: "Strategies by review date",
        summary: "Where each area's strategies stand against their review dates: overdue, due within three months, due later, undated, or closed.",
        by: &[Dimension::Area, Dimension::Review],
        chart: Chart::Bars,
        reading: "Horizontal bars grouped by area, one bar per review standing, each labelled with its number of strategies.",
    },
    Comparison {
        slug: "clear-by-area",
        title: "CLEAR completeness by area",
        summary: "How many of each area's strategies have each CLEAR component in full; where a component's count is below the others, strategies lack it.",
        by: &[Dimension::Area, Dimension::Clear],
        chart: Chart::HeatMap,
        reading: "A heat map with one row per area and one column per CLEAR component; each cell gives the number of strategies with that component and is darker the larger it is.",
    },
];

/// `/national/index.html`, a page per comparison, their CSV files and the
/// stylesheet, rendered with the site's theme.
pub fn national_pages(site: &Site) -> Result<Vec<OutputFile>, RenderError> {
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
    let threshold = stats::threshold_for(site, false);
    let mut pages = Vec::new();
    let mut files = Vec::new();
    let mut links = Vec::new();
    for comparison in &COMPARISONS {
        let table = stats::stats(site, comparison.by, threshold);
        let path = format!("national/{}/", comparison.slug);
        let csv_path = format!("national/{}.csv", comparison.slug);
        files.push(OutputFile::new(csv_path.clone(), stats::to_csv(&table)));
        let view = ComparisonView::new(comparison, &table, &lib.link(&csv_path), &lib);
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
                .with("figures", &figures_note(site)),
        );
    }
    let by_area = stats::stats(site, &[Dimension::Area], threshold);
    pages.push(
        Page::new(&lib, "national/", INDEX_TEMPLATE, "Compare areas")
            .section("national")
            .description("Learning Reviews across Scotland's Child Protection Committee areas: themes, strategies and review dates compared, with small numbers suppressed.")
            .with("comparisons", &links)
            .with("areas", &TableView::new(&by_area, "Published items by area", &lib))
            .with("sources", &site.config.sources.iter().map(|s| &s.area).collect::<Vec<_>>())
            .with("figures", &figures_note(site)),
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
    let threshold = site.config.national.suppress_below;
    FiguresNote {
        suppressed: stats::threshold_for(site, false).is_some() && threshold > 1,
        threshold,
        largest_hidden: threshold.saturating_sub(1),
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
    /// The chart, escaped SVG markup ready to insert.
    svg: String,
    table: TableView,
    csv_url: String,
    counting: &'static str,
    heat_map: bool,
}

impl ComparisonView {
    fn new(comparison: &Comparison, table: &Table, csv_url: &str, lib: &Library) -> ComparisonView {
        let caption = format!("{} ({} counted)", comparison.title, table.unit.as_str());
        let view = TableView::new(table, &caption, lib);
        let suppressed_note = if table.any_suppressed() {
            " Cells marked c are suppressed small numbers."
        } else {
            ""
        };
        let desc = format!(
            "{}{suppressed_note} The same figures are in the table below.",
            comparison.reading
        );
        let labels = Labels {
            id: comparison.slug,
            title: comparison.title,
            desc: &desc,
            row_labels: view.rows.iter().map(|r| r.label.clone()).collect(),
            // The table's columns end with Total, which the charts do not draw.
            column_labels: match table.by.get(1) {
                Some(dimension) => table
                    .columns
                    .iter()
                    .map(|v| dimension.value_label(v))
                    .collect(),
                None => Vec::new(),
            },
        };
        let svg = match comparison.chart {
            Chart::HeatMap => svg::heat_map(table, &labels),
            Chart::Bars => svg::bar_chart(table, &labels),
        };
        ComparisonView {
            title: comparison.title,
            summary: comparison.summary,
            svg,
            table: view,
            csv_url: csv_url.to_string(),
            counting: table.unit.as_str(),
            heat_map: comparison.chart == Chart::HeatMap,
        }
    }
}

/// A table as the templates show it: labels, figures as text, and a
/// shading level per cell for heat-map tables.
#[derive(Serialize)]
struct TableView {
    caption: String,
    /// The heading over the row labels.
    corner: &'static str,
    columns: Vec<Heading>,
    rows: Vec<RowView>,
    /// Column totals then the grand total (two-way), or the total alone.
    totals: Vec<CellView>,
    two_way: bool,
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
    /// 0 (zero) to 5 (the largest figure in the table).
    level: usize,
}

impl TableView {
    fn new(table: &Table, caption: &str, lib: &Library) -> TableView {
        let max = table.max_cell();
        let cell = |c: &Cell| CellView {
            text: c.to_string(),
            suppressed: c.is_suppressed(),
            level: c.count().map(|n| svg::heat_level(n, max)).unwrap_or(0),
        };
        let row_dimension = table.by[0];
        let rows = table
            .rows
            .iter()
            .enumerate()
            .map(|(r, value)| {
                let mut cells: Vec<CellView> = table.cells[r].iter().map(cell).collect();
                if let Some(total) = table.row_totals.get(r) {
                    cells.push(CellView {
                        level: 0,
                        ..cell(total)
                    });
                }
                RowView {
                    label: row_dimension.value_label(value),
                    url: match row_dimension {
                        Dimension::Area => Some(lib.area_url(value)),
                        Dimension::Theme => Some(format!("{}themes/{value}/", lib.base)),
                        _ => None,
                    },
                    cells,
                }
            })
            .collect();
        let columns = match table.by.get(1) {
            Some(dimension) => table
                .columns
                .iter()
                .map(|value| Heading {
                    label: dimension.value_label(value),
                })
                .chain([Heading {
                    label: stats::TOTAL.to_string(),
                }])
                .collect(),
            None => vec![Heading {
                label: capitalised(table.unit.as_str()),
            }],
        };
        let totals = table
            .column_totals
            .iter()
            .chain([&table.total])
            .map(|c| CellView {
                level: 0,
                ..cell(c)
            })
            .collect();
        TableView {
            caption: caption.to_string(),
            corner: row_dimension.label(),
            columns,
            rows,
            totals,
            two_way: table.is_two_way(),
            any_suppressed: table.any_suppressed(),
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::national::testing::{local_site, ITEM_NEGLECT, ITEM_SUMMARY};

    fn national_site() -> Site {
        let mut site = local_site("North CPC", &[ITEM_NEGLECT, ITEM_SUMMARY]);
        site.config.scope = crate::config::Scope::National;
        site.config.area = None;
        site
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
        let files = national_pages(&national_site()).expect("pages render");
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
        let files = national_pages(&national_site()).unwrap();
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
}
