//! SVG charts drawn at build time from `stats::Table`s: a heat map and a
//! horizontal (grouped) bar chart. No script, no fonts, no requests; every
//! chart is `role="img"` with a `<title>` and `<desc>`, and the page shows
//! the same figures as a table beside it.
//!
//! Colours are presentation attributes, not `style`, so that the site's
//! Content-Security-Policy (`style-src 'self'`) allows them.

use std::fmt::Write as _;

use super::stats::{Cell, Table};

/// Okabe–Ito: distinguishable with the common colour-vision deficiencies.
const SERIES_COLOURS: [&str; 7] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000",
];
/// Sequential blues for the heat map, light to dark; text on the last two
/// is white for contrast.
const HEAT_COLOURS: [&str; 5] = ["#deebf7", "#9ecae1", "#6baed6", "#2171b5", "#08306b"];
const TEXT: &str = "#0b0c0c";
const MUTED: &str = "#484949";
const GRID: &str = "#b1b4b6";
const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

/// Rough width of a label in pixels at `size`: enough to lay charts out
/// without measuring text, erring wide.
fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.58
}

/// The bucket (0..5) a count falls in, relative to the largest shown.
pub fn heat_level(count: u64, max: u64) -> usize {
    if count == 0 || max == 0 {
        return 0;
    }
    let level = (count as f64 / max as f64 * HEAT_COLOURS.len() as f64).ceil() as usize;
    level.clamp(1, HEAT_COLOURS.len())
}

struct Svg {
    out: String,
}

impl Svg {
    fn open(id: &str, width: f64, height: f64, title: &str, desc: &str) -> Svg {
        let mut out = String::new();
        let _ = write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart__svg\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{FONT}\" font-size=\"13\">\
<title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>\
<defs><pattern id=\"{id}-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#f3f2f1\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"{GRID}\" stroke-width=\"2\"/></pattern></defs>",
            crate::text::escape_html(title),
            crate::text::escape_html(desc)
        );
        Svg { out }
    }

    fn text(&mut self, x: f64, y: f64, anchor: &str, fill: &str, text: &str) {
        let _ = write!(
            self.out,
            "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\" fill=\"{fill}\">{}</text>",
            crate::text::escape_html(text)
        );
    }

    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, stroke: Option<&str>) {
        let stroke = stroke
            .map(|s| format!(" stroke=\"{s}\" stroke-width=\"1\""))
            .unwrap_or_default();
        let _ = write!(
            self.out,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"{fill}\"{stroke}/>"
        );
    }

    fn close(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }
}

/// What a chart shows, for its `<title>` and `<desc>`.
pub struct Labels<'a> {
    /// Unique within the page: prefixes the ids of title, desc and pattern.
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    pub row_labels: Vec<String>,
    pub column_labels: Vec<String>,
}

/// A heat map of a two-way table: rows down, columns across, each cell
/// shaded by its count and labelled with it (`c` on a hatched cell when
/// suppressed).
pub fn heat_map(table: &Table, labels: &Labels) -> String {
    const CELL_W: f64 = 46.0;
    const CELL_H: f64 = 26.0;
    let left = labels
        .row_labels
        .iter()
        .map(|l| text_width(l, 13.0))
        .fold(60.0, f64::max)
        + 12.0;
    // Column headings are turned 45°; their height is their diagonal run.
    let top = labels
        .column_labels
        .iter()
        .map(|l| text_width(l, 13.0) * 0.72)
        .fold(30.0, f64::max)
        + 16.0;
    let width = left + CELL_W * labels.column_labels.len() as f64 + top * 0.8 + 10.0;
    let height = top + CELL_H * labels.row_labels.len().max(1) as f64 + 10.0;
    let mut svg = Svg::open(labels.id, width, height, labels.title, labels.desc);
    if table.rows.is_empty() {
        svg.text(10.0, top, "start", MUTED, "No published items yet.");
        return svg.close();
    }
    for (c, label) in labels.column_labels.iter().enumerate() {
        let x = left + CELL_W * (c as f64 + 0.5);
        let _ = write!(
            svg.out,
            "<text x=\"{x:.1}\" y=\"{:.1}\" transform=\"rotate(-45 {x:.1} {:.1})\" fill=\"{TEXT}\">{}</text>",
            top - 6.0,
            top - 6.0,
            crate::text::escape_html(label)
        );
    }
    let max = table.max_cell();
    for (r, label) in labels.row_labels.iter().enumerate() {
        let y = top + CELL_H * r as f64;
        svg.text(left - 8.0, y + CELL_H * 0.66, "end", TEXT, label);
        for (c, cell) in table.cells[r].iter().enumerate() {
            let x = left + CELL_W * c as f64;
            match cell {
                Cell::Suppressed => {
                    let hatch = format!("url(#{}-hatch)", labels.id);
                    svg.rect(x, y, CELL_W, CELL_H, &hatch, Some("#ffffff"));
                    svg.text(x + CELL_W / 2.0, y + CELL_H * 0.66, "middle", TEXT, "c");
                }
                Cell::Count(n) => {
                    let level = heat_level(*n, max);
                    let (fill, ink) = match level {
                        0 => ("#ffffff", MUTED),
                        4 | 5 => (HEAT_COLOURS[level - 1], "#ffffff"),
                        _ => (HEAT_COLOURS[level - 1], TEXT),
                    };
                    svg.rect(
                        x,
                        y,
                        CELL_W,
                        CELL_H,
                        fill,
                        Some(if level == 0 { GRID } else { "#ffffff" }),
                    );
                    svg.text(
                        x + CELL_W / 2.0,
                        y + CELL_H * 0.66,
                        "middle",
                        ink,
                        &n.to_string(),
                    );
                }
            }
        }
    }
    svg.close()
}

/// Horizontal bars: one group per row, one bar per column (series), with
/// a legend when there is more than one series. A one-way table draws one
/// bar per row. Suppressed figures draw no bar, only `c`.
pub fn bar_chart(table: &Table, labels: &Labels) -> String {
    const BAR_H: f64 = 16.0;
    const GROUP_GAP: f64 = 12.0;
    const PLOT_W: f64 = 420.0;
    let series: Vec<String> = if table.is_two_way() {
        labels.column_labels.clone()
    } else {
        vec![String::new()]
    };
    let left = labels
        .row_labels
        .iter()
        .map(|l| text_width(l, 13.0))
        .fold(60.0, f64::max)
        + 12.0;
    let width = (left + PLOT_W + 50.0).max(460.0);
    // Legend entries in as many columns as fit the widest label.
    let legend_column_w = series
        .iter()
        .map(|l| text_width(l, 13.0))
        .fold(0.0, f64::max)
        + 36.0;
    let legend_columns =
        (((width - 20.0) / legend_column_w).floor() as usize).clamp(1, series.len().max(1));
    let legend_h = if series.len() > 1 {
        22.0 * series.len().div_ceil(legend_columns) as f64 + 6.0
    } else {
        0.0
    };
    let group_h = BAR_H * series.len() as f64 + GROUP_GAP;
    let top = legend_h + 8.0;
    let height = top + group_h * labels.row_labels.len().max(1) as f64 + 24.0;
    let mut svg = Svg::open(labels.id, width, height, labels.title, labels.desc);
    if table.rows.is_empty() {
        svg.text(10.0, top + 14.0, "start", MUTED, "No published items yet.");
        return svg.close();
    }
    if series.len() > 1 {
        for (s, name) in series.iter().enumerate() {
            let x = 10.0 + legend_column_w * (s % legend_columns) as f64;
            let y = 6.0 + 22.0 * (s / legend_columns) as f64;
            svg.rect(
                x,
                y,
                14.0,
                14.0,
                SERIES_COLOURS[s % SERIES_COLOURS.len()],
                None,
            );
            svg.text(x + 20.0, y + 12.0, "start", TEXT, name);
        }
    }
    let max = table.max_cell().max(1) as f64;
    let plot_bottom = top + group_h * table.rows.len() as f64;
    let _ = write!(
        svg.out,
        "<line x1=\"{left:.1}\" y1=\"{top:.1}\" x2=\"{left:.1}\" y2=\"{plot_bottom:.1}\" stroke=\"{GRID}\"/>"
    );
    for (r, label) in labels.row_labels.iter().enumerate() {
        let group_top = top + group_h * r as f64 + GROUP_GAP / 2.0;
        let label_y = group_top + BAR_H * series.len() as f64 / 2.0 + 4.5;
        svg.text(left - 8.0, label_y, "end", TEXT, label);
        for (s, cell) in table.cells[r].iter().enumerate() {
            let y = group_top + BAR_H * s as f64;
            match cell {
                Cell::Suppressed => svg.text(left + 6.0, y + BAR_H - 4.0, "start", TEXT, "c"),
                Cell::Count(n) => {
                    let w = PLOT_W * *n as f64 / max;
                    if *n > 0 {
                        svg.rect(
                            left,
                            y + 1.0,
                            w,
                            BAR_H - 2.0,
                            SERIES_COLOURS[s % SERIES_COLOURS.len()],
                            None,
                        );
                    }
                    svg.text(
                        left + w + 5.0,
                        y + BAR_H - 4.0,
                        "start",
                        TEXT,
                        &n.to_string(),
                    );
                }
            }
        }
    }
    svg.close()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::national::stats::{Dimension, Unit};

    fn table(cells: Vec<Vec<Cell>>) -> Table {
        Table {
            by: vec![Dimension::Theme, Dimension::Area],
            unit: Unit::Items,
            suppress_below: Some(5),
            rows: vec!["neglect".into(), "<script>".into()],
            columns: vec!["North".into(), "South & East".into()],
            cells,
            row_totals: vec![Cell::Suppressed, Cell::Count(9)],
            column_totals: vec![Cell::Suppressed, Cell::Count(9)],
            total: Cell::Count(12),
        }
    }

    fn labels(t: &Table) -> Labels<'static> {
        Labels {
            id: "t",
            title: "Items by theme and area",
            desc: "Darker is more.",
            row_labels: t.rows.clone(),
            column_labels: t.columns.clone(),
        }
    }

    #[test]
    fn charts_are_accessible_images_with_escaped_labels() {
        let t = table(vec![
            vec![Cell::Suppressed, Cell::Suppressed],
            vec![Cell::Count(0), Cell::Count(9)],
        ]);
        for svg in [heat_map(&t, &labels(&t)), bar_chart(&t, &labels(&t))] {
            assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
            assert!(svg.contains("role=\"img\""));
            assert!(svg.contains("aria-labelledby=\"t-title t-desc\""));
            assert!(svg.contains("<title id=\"t-title\">Items by theme and area</title>"));
            assert!(svg.contains("<desc id=\"t-desc\">Darker is more.</desc>"));
            assert!(svg.contains("&lt;script&gt;") && !svg.contains("<script"));
            assert!(svg.contains("South &amp; East"));
            assert!(svg.contains(">c</text>"), "suppressed cells say c");
            assert!(!svg.contains("style="), "CSP forbids inline styles");
            assert!(
                !svg.contains("http") || svg.matches("http").count() == 1,
                "only the namespace"
            );
        }
    }

    #[test]
    fn heat_levels_scale_to_the_largest_figure() {
        assert_eq!(heat_level(0, 20), 0);
        assert_eq!(heat_level(1, 20), 1);
        assert_eq!(heat_level(20, 20), 5);
        assert_eq!(heat_level(11, 20), 3);
    }
}
