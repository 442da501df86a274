//! SVG charts drawn at build time from published figures: a tile grid (a
//! heat map whose every tile says its figure) for two-way tables and
//! horizontal bars for one-way tables. No script, no fonts, no requests;
//! every chart is `role="img"` with a `<title>` and `<desc>`, and the page
//! shows the same figures as a table beside it.
//!
//! The figures are small and mostly suppressed (a national site's areas
//! publish a few reviews a year), so a chart must read when most of its
//! cells are `c`: a tile grid shows a suppressed figure as a hatched tile
//! marked `c`, a zero as an empty tile, and only published figures by
//! shade; a bar chart draws bars for published figures only. Each chart is
//! drawn twice, for a wide screen and for a phone (the stylesheet shows
//! one), so that its labels stay as large as the body text at both sizes
//! and nothing is clipped: a chart is never scaled down to fit.
//!
//! Colours are presentation attributes, not `style`, so that the site's
//! Content-Security-Policy (`style-src 'self'`) allows them.

use std::fmt::Write as _;

use super::stats::Cell;

/// Sequential blues, light to dark; text on the last two is white.
const HEAT_COLOURS: [&str; 5] = ["#deebf7", "#9ecae1", "#6baed6", "#2171b5", "#08306b"];
/// Okabe–Ito blue: 5:1 against white, distinguishable with the common
/// colour-vision deficiencies.
const BAR_COLOUR: &str = "#0072B2";
const TEXT: &str = "#0b0c0c";
const MUTED: &str = "#484949";
const GRID: &str = "#b1b4b6";
const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

/// Where a chart is shown. The widths are the room a page gives it (the
/// content column at the stylesheet's phone breakpoint, 40rem, and on the
/// narrowest phone, 320 px); the font sizes are the body text's there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Wide,
    Phone,
}

impl Screen {
    fn room(self) -> f64 {
        match self {
            Screen::Wide => 608.0,
            Screen::Phone => 288.0,
        }
    }

    fn font(self) -> f64 {
        match self {
            Screen::Wide => 19.0,
            Screen::Phone => 17.0,
        }
    }

    fn class(self) -> &'static str {
        match self {
            Screen::Wide => "chart__svg chart__svg--wide",
            Screen::Phone => "chart__svg chart__svg--phone",
        }
    }

    /// Ids stay unique with both drawings on one page.
    fn id(self, id: &str) -> String {
        match self {
            Screen::Wide => id.to_string(),
            Screen::Phone => format!("{id}-phone"),
        }
    }
}

/// Rough width of a text in pixels at `size`: enough to lay charts out
/// without measuring text, erring wide.
fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | 'I' | '.' | ',' | '\'' | ' ' | '(' | ')' => 0.32,
            'm' | 'w' | 'M' | 'W' => 0.9,
            c if c.is_uppercase() => 0.7,
            _ => 0.58,
        })
        .sum::<f64>()
        * size
}

/// `text` in lines no wider than `room` (a word longer than that has a
/// line of its own).
fn wrap(text: &str, room: f64, size: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if text_width(&format!("{line} {word}"), size) <= room => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// The shade (0..=5) of a published figure, relative to the largest shown.
pub fn heat_level(count: u64, max: u64) -> usize {
    if count == 0 || max == 0 {
        return 0;
    }
    let level = (count as f64 / max as f64 * HEAT_COLOURS.len() as f64).ceil() as usize;
    level.clamp(1, HEAT_COLOURS.len())
}

/// SVG markup being drawn; `height` is known only at the end.
struct Canvas {
    body: String,
    size: f64,
}

impl Canvas {
    fn new(size: f64) -> Canvas {
        Canvas {
            body: String::new(),
            size,
        }
    }

    fn text(&mut self, x: f64, y: f64, anchor: &str, fill: &str, bold: bool, text: &str) {
        let weight = if bold { " font-weight=\"700\"" } else { "" };
        let _ = write!(
            self.body,
            "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\" fill=\"{fill}\"{weight}>{}</text>",
            crate::text::escape_html(text)
        );
    }

    /// Lines of text from `top`, one line height apart; returns the bottom.
    fn lines(&mut self, x: f64, top: f64, anchor: &str, bold: bool, lines: &[String]) -> f64 {
        let line = self.line_height();
        for (i, text) in lines.iter().enumerate() {
            let baseline = top + line * i as f64 + self.size;
            self.text(x, baseline, anchor, TEXT, bold, text);
        }
        top + line * lines.len() as f64
    }

    /// Lines of text centred on `middle`, as a tile centres its figure.
    fn lines_centred(&mut self, x: f64, middle: f64, anchor: &str, lines: &[String]) {
        let line = self.line_height();
        let first = middle - line * (lines.len() as f64 - 1.0) / 2.0 + self.size * 0.35;
        for (i, text) in lines.iter().enumerate() {
            self.text(x, first + line * i as f64, anchor, TEXT, false, text);
        }
    }

    fn line_height(&self) -> f64 {
        (self.size * 1.3).round()
    }

    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, stroke: Option<&str>) {
        let stroke = stroke
            .map(|s| format!(" stroke=\"{s}\" stroke-width=\"1\""))
            .unwrap_or_default();
        let _ = write!(
            self.body,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"{fill}\"{stroke}/>"
        );
    }

    /// The finished `<svg>`, exactly as large as what was drawn, and its
    /// width.
    fn finish(self, chart: &Chart, screen: Screen, width: f64, height: f64) -> (String, f64) {
        let id = screen.id(chart.id);
        let markup = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{}\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{FONT}\" font-size=\"{}\">\
<title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>\
<defs><pattern id=\"{id}-hatch\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#f3f2f1\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#cfd1d3\" stroke-width=\"3\"/></pattern></defs>{}</svg>",
            screen.class(),
            self.size,
            crate::text::escape_html(chart.title),
            crate::text::escape_html(chart.desc),
            self.body.replace("url(#hatch)", &format!("url(#{id}-hatch)")),
        );
        (markup, width)
    }
}

/// What a chart is and says, besides its figures.
pub struct Chart<'a> {
    /// Unique within the page: prefixes the ids of title, desc and pattern.
    pub id: &'a str,
    pub title: &'a str,
    /// How to read it, for `<desc>` (the page says the same above it).
    pub desc: &'a str,
    /// The largest figure a `c` hides, for the legend; `None` when
    /// nothing is suppressed.
    pub largest_hidden: Option<u64>,
}

/// A two-way table's published figures, as the grid is to be drawn.
pub struct Grid {
    pub rows: Vec<String>,
    /// Column headings; short ones (CLEAR letters) are explained by `key`.
    pub columns: Vec<String>,
    /// `[row][column]`.
    pub cells: Vec<Vec<Cell>>,
    /// Each row's total, drawn apart after the columns under this
    /// heading; only where a row's figures add up to records, not
    /// mentions.
    pub totals: Option<(String, Vec<Cell>)>,
    /// (heading, what it stands for), listed under the legend.
    pub key: Vec<(String, String)>,
}

/// A chart drawn for both screens.
pub struct Drawing {
    /// The wide drawing, then the phone's.
    pub markup: String,
    /// Whether the phone drawing is wider than the narrowest phone
    /// (320 px) leaves room for, so that it may scroll sideways.
    pub may_scroll: bool,
}

fn both(draw: impl Fn(Screen) -> (String, f64)) -> Drawing {
    let (mut markup, _) = draw(Screen::Wide);
    let (phone, phone_width) = draw(Screen::Phone);
    markup.push_str(&phone);
    Drawing {
        markup,
        may_scroll: phone_width > Screen::Phone.room() + 2.0,
    }
}

/// A tile grid: rows down, columns across, one tile per figure, shaded by
/// its size and always labelled with it.
pub fn tile_grid(chart: &Chart, grid: &Grid) -> Drawing {
    both(|screen| tile_grid_on(chart, grid, screen))
}

fn tile_grid_on(chart: &Chart, grid: &Grid, screen: Screen) -> (String, f64) {
    const GAP: f64 = 3.0;
    let size = screen.font();
    let mut canvas = Canvas::new(size);
    let line = canvas.line_height();
    let room = screen.room();
    // Tiles are as wide as the widest word of a heading or figure.
    let tile_width = |with_totals: bool| -> f64 {
        let totals = grid.totals.iter().filter(|_| with_totals);
        let headings = grid
            .columns
            .iter()
            .chain(totals.clone().map(|(heading, _)| heading))
            .flat_map(|h| h.split_whitespace().map(String::from));
        let figures = grid
            .cells
            .iter()
            .flatten()
            .chain(totals.flat_map(|(_, cells)| cells))
            .map(|c| c.to_string());
        let widest = headings
            .chain(figures)
            .map(|w| text_width(&w, size) * 1.1)
            .fold(0.0, f64::max);
        (widest + 8.0).max(size * 2.8).ceil()
    };
    // A phone too narrow for the totals' column goes without it (the
    // table below has them).
    let totals = grid.totals.as_ref().filter(|_| {
        let columns = (grid.columns.len() + 1) as f64;
        screen == Screen::Wide || (tile_width(true) + GAP) * columns + size <= room
    });
    let headings: Vec<&String> = grid
        .columns
        .iter()
        .chain(totals.iter().map(|(heading, _)| heading))
        .collect();
    let tile_w = tile_width(totals.is_some());
    let tile_h = (size * 1.9).round();
    // The totals stand apart from the figures they add up.
    let totals_gap = if totals.is_some() { size } else { 0.0 };
    let column_x = |c: usize| {
        let apart = if c >= grid.columns.len() {
            totals_gap
        } else {
            0.0
        };
        (tile_w + GAP) * c as f64 + apart
    };
    let grid_w = column_x(headings.len()) - GAP;

    let mut y = legend(&mut canvas, chart, grid, room, 0.0) + line * 0.5;
    if grid.rows.is_empty() {
        canvas.text(
            0.0,
            y + size,
            "start",
            MUTED,
            false,
            "Nothing to count yet.",
        );
        let width = room.min(text_width("Nothing to count yet.", size) + 4.0);
        return canvas.finish(chart, screen, width, y + line);
    }

    // Row labels to the left when they fit in two lines beside the grid;
    // otherwise each above its row of tiles.
    let label_room = room - grid_w - 10.0;
    let left_labels: Option<Vec<Vec<String>>> = (label_room >= size * 6.0)
        .then(|| {
            grid.rows
                .iter()
                .map(|r| wrap(r, label_room, size))
                .collect::<Vec<_>>()
        })
        .filter(|labels| labels.iter().all(|l| l.len() <= 2));
    let label_w = match &left_labels {
        Some(labels) => labels
            .iter()
            .flatten()
            .map(|l| text_width(l, size))
            .fold(0.0, f64::max)
            .ceil(),
        None => 0.0,
    };
    let grid_x = if left_labels.is_some() {
        label_w + 10.0
    } else {
        0.0
    };

    // Column headings, wrapped to the tile's width, bottom-aligned.
    let wrapped: Vec<Vec<String>> = headings
        .iter()
        .map(|c| wrap(c, tile_w - 4.0, size))
        .collect();
    let heading_lines = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    for (c, lines) in wrapped.iter().enumerate() {
        let x = grid_x + column_x(c) + tile_w / 2.0;
        let top = y + line * (heading_lines - lines.len()) as f64;
        canvas.lines(x, top, "middle", true, lines);
    }
    y += line * heading_lines as f64 + 6.0;

    let max = grid
        .cells
        .iter()
        .flatten()
        .filter_map(|c| c.count())
        .max()
        .unwrap_or(0);
    for (r, label) in grid.rows.iter().enumerate() {
        let row_h = match &left_labels {
            Some(labels) => {
                let h = tile_h.max(line * labels[r].len() as f64 + 4.0);
                canvas.lines_centred(label_w, y + h / 2.0, "end", &labels[r]);
                h
            }
            None => {
                y = canvas.lines(0.0, y + 4.0, "start", false, &wrap(label, room, size)) + 2.0;
                tile_h
            }
        };
        let tile_y = y + (row_h - tile_h) / 2.0;
        for (c, cell) in grid.cells[r].iter().enumerate() {
            let x = grid_x + column_x(c);
            tile(&mut canvas, x, tile_y, tile_w, tile_h, *cell, max);
        }
        if let Some((_, totals)) = totals {
            let x = grid_x + column_x(grid.columns.len());
            total_tile(&mut canvas, x, tile_y, tile_w, tile_h, totals[r]);
        }
        y += row_h + if left_labels.is_some() { GAP } else { 8.0 };
    }
    let width = (grid_x + grid_w).max(legend_width(chart, grid, room, size));
    canvas.finish(chart, screen, width.ceil() + 2.0, y.ceil() + 2.0)
}

/// A total: hatched and `c` when suppressed, otherwise unshaded (totals
/// are on another scale than the figures beside them) and outlined.
fn total_tile(canvas: &mut Canvas, x: f64, y: f64, w: f64, h: f64, cell: Cell) {
    let baseline = y + h / 2.0 + canvas.size * 0.35;
    match cell {
        Cell::Suppressed => tile(canvas, x, y, w, h, cell, 1),
        Cell::Count(n) => {
            canvas.rect(x + 1.0, y + 1.0, w - 2.0, h - 2.0, "#ffffff", Some(TEXT));
            canvas.text(x + w / 2.0, baseline, "middle", TEXT, true, &n.to_string());
        }
    }
}

/// One tile: hatched and `c` when suppressed, white when zero, shaded by
/// size otherwise; every tile shows its figure.
fn tile(canvas: &mut Canvas, x: f64, y: f64, w: f64, h: f64, cell: Cell, max: u64) {
    let baseline = y + h / 2.0 + canvas.size * 0.35;
    match cell {
        Cell::Suppressed => {
            canvas.rect(x, y, w, h, "url(#hatch)", None);
            canvas.text(x + w / 2.0, baseline, "middle", TEXT, true, "c");
        }
        Cell::Count(n) => {
            let level = heat_level(n, max);
            let (fill, ink) = match level {
                0 => ("#ffffff", MUTED),
                4 | 5 => (HEAT_COLOURS[level - 1], "#ffffff"),
                _ => (HEAT_COLOURS[level - 1], TEXT),
            };
            if level == 0 {
                // The outline inside the tile, as wide as the others.
                canvas.rect(x + 0.5, y + 0.5, w - 1.0, h - 1.0, fill, Some(GRID));
            } else {
                canvas.rect(x, y, w, h, fill, None);
            }
            canvas.text(
                x + w / 2.0,
                baseline,
                "middle",
                ink,
                level > 0,
                &n.to_string(),
            );
        }
    }
}

/// The legend entries a grid needs: only kinds of tile it has.
fn legend_entries(chart: &Chart, grid: &Grid) -> Vec<(Cell, String)> {
    let totals = grid.totals.iter().flat_map(|(_, cells)| cells);
    let cells: Vec<Cell> = grid.cells.iter().flatten().chain(totals).copied().collect();
    let mut entries = Vec::new();
    if let (Some(largest), true) = (
        chart.largest_hidden,
        cells.iter().any(|c| c.is_suppressed()),
    ) {
        entries.push((
            Cell::Suppressed,
            format!("1 to {largest}, or withheld (not shown, to protect families)"),
        ));
    }
    if cells.contains(&Cell::Count(0)) {
        entries.push((Cell::Count(0), "none".to_string()));
    }
    if grid
        .cells
        .iter()
        .flatten()
        .any(|c| c.count().is_some_and(|n| n > 0))
    {
        entries.push((Cell::Count(1), "darker means more".to_string()));
    }
    entries
}

fn legend_width(chart: &Chart, grid: &Grid, room: f64, size: f64) -> f64 {
    let swatch = size * 2.0;
    legend_entries(chart, grid)
        .iter()
        .map(|(_, text)| swatch + 8.0 + text_width(text, size))
        .chain(
            grid.key
                .iter()
                .map(|(k, v)| text_width(&format!("{k} {v}"), size) + 8.0),
        )
        .fold(0.0, f64::max)
        .min(room)
}

/// Draws the legend and the key from `top`, one entry a line; returns the
/// bottom.
fn legend(canvas: &mut Canvas, chart: &Chart, grid: &Grid, room: f64, top: f64) -> f64 {
    let size = canvas.size;
    let line = canvas.line_height();
    let swatch_w = size * 2.0;
    let swatch_h = line - 4.0;
    let mut y = top;
    for (cell, text) in legend_entries(chart, grid) {
        let lines = wrap(&text, room - swatch_w - 8.0, size);
        match cell {
            Cell::Count(n) if n > 0 => {
                // A strip of the shades, light to dark.
                let step = swatch_w / HEAT_COLOURS.len() as f64;
                for (i, colour) in HEAT_COLOURS.iter().enumerate() {
                    canvas.rect(step * i as f64, y + 2.0, step, swatch_h, colour, None);
                }
            }
            _ => tile(canvas, 0.0, y + 2.0, swatch_w, swatch_h, cell, 1),
        }
        y = canvas.lines(swatch_w + 8.0, y, "start", false, &lines) + 4.0;
    }
    for (short, long) in &grid.key {
        let x = text_width(short, size) + 8.0;
        canvas.text(0.0, y + size, "start", TEXT, true, short);
        y = canvas.lines(x, y, "start", false, &wrap(long, room - x, size));
    }
    y
}

/// A one-way table's published figures as horizontal bars, one per row,
/// each labelled with its figure; a suppressed figure draws a hatched
/// marker and `c`, never a bar (its size is not known).
pub fn bar_chart(chart: &Chart, rows: &[String], cells: &[Cell]) -> Drawing {
    both(|screen| bar_chart_on(chart, rows, cells, screen))
}

fn bar_chart_on(chart: &Chart, rows: &[String], cells: &[Cell], screen: Screen) -> (String, f64) {
    let size = screen.font();
    let mut canvas = Canvas::new(size);
    let line = canvas.line_height();
    let room = screen.room();
    let bar_h = (size * 1.3).round();
    // Figures are bold, wider than `text_width` allows for plain text.
    let figure_w = cells
        .iter()
        .map(|c| text_width(&c.to_string(), size) * 1.15)
        .fold(0.0, f64::max)
        + 10.0;
    let mut y = 0.0;
    if let (Some(largest), true) = (
        chart.largest_hidden,
        cells.iter().any(|c| c.is_suppressed()),
    ) {
        let text = format!("c: 1 to {largest}, or withheld (not shown, to protect families)");
        canvas.rect(0.0, y + 2.0, size * 2.0, line - 4.0, "url(#hatch)", None);
        y = canvas.lines(
            size * 2.0 + 8.0,
            y,
            "start",
            false,
            &wrap(&text, room - size * 2.0 - 8.0, size),
        ) + line * 0.5;
    }
    if rows.is_empty() {
        canvas.text(
            0.0,
            y + size,
            "start",
            MUTED,
            false,
            "Nothing to count yet.",
        );
        return canvas.finish(chart, screen, room, y + line);
    }
    // Labels to the left when each fits on one line and leaves the bars
    // half the room; otherwise above its bar.
    let widest_label = rows
        .iter()
        .map(|r| text_width(r, size))
        .fold(0.0, f64::max)
        .ceil();
    let left = widest_label + 10.0 <= room / 2.0;
    let bar_x = if left { widest_label + 10.0 } else { 0.0 };
    let plot_w = room - bar_x - figure_w;
    let max = cells
        .iter()
        .filter_map(|c| c.count())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    for (label, cell) in rows.iter().zip(cells) {
        if left {
            canvas.lines_centred(
                widest_label,
                y + 3.0 + bar_h / 2.0,
                "end",
                std::slice::from_ref(label),
            );
        } else {
            y = canvas.lines(0.0, y, "start", false, &wrap(label, room, size));
        }
        let bar_y = y + 3.0;
        let baseline = bar_y + bar_h / 2.0 + size * 0.35;
        match cell {
            Cell::Suppressed => {
                canvas.rect(bar_x, bar_y, size * 1.2, bar_h, "url(#hatch)", Some(GRID));
                canvas.text(bar_x + size * 1.2 + 6.0, baseline, "start", TEXT, true, "c");
            }
            Cell::Count(n) => {
                let w = plot_w * *n as f64 / max;
                if *n > 0 {
                    canvas.rect(bar_x, bar_y, w, bar_h, BAR_COLOUR, None);
                }
                canvas.text(
                    bar_x + w + 6.0,
                    baseline,
                    "start",
                    TEXT,
                    true,
                    &n.to_string(),
                );
            }
        }
        y = bar_y + bar_h + if left { 8.0 } else { 12.0 };
    }
    canvas.finish(chart, screen, room, y.ceil())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> Chart<'static> {
        Chart {
            id: "t",
            title: "Items by theme and area",
            desc: "Darker is more.",
            largest_hidden: Some(4),
        }
    }

    fn grid(cells: Vec<Vec<Cell>>) -> Grid {
        Grid {
            rows: vec!["neglect".into(), "<script>".into()],
            columns: vec!["North".into(), "South & East".into()],
            cells,
            totals: Some(("All areas".into(), vec![Cell::Suppressed, Cell::Count(9)])),
            key: Vec::new(),
        }
    }

    /// The `<svg>` elements of a chart's markup.
    fn drawings(markup: &str) -> Vec<&str> {
        markup
            .split_inclusive("</svg>")
            .filter(|s| !s.is_empty())
            .collect()
    }

    #[test]
    fn charts_are_accessible_images_with_escaped_labels() {
        let g = grid(vec![
            vec![Cell::Suppressed, Cell::Suppressed],
            vec![Cell::Count(0), Cell::Count(9)],
        ]);
        let bars = bar_chart(&chart(), &g.rows, &[Cell::Suppressed, Cell::Count(9)]);
        for drawing in [tile_grid(&chart(), &g), bars] {
            let svgs = drawings(&drawing.markup);
            assert_eq!(svgs.len(), 2, "a wide and a phone drawing");
            for (svg, id) in svgs.iter().zip(["t", "t-phone"]) {
                assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
                assert!(svg.contains("role=\"img\""));
                assert!(svg.contains(&format!("aria-labelledby=\"{id}-title {id}-desc\"")));
                assert!(svg.contains(&format!(
                    "<title id=\"{id}-title\">Items by theme and area</title>"
                )));
                assert!(svg.contains(&format!("<desc id=\"{id}-desc\">Darker is more.</desc>")));
                assert!(svg.contains(&format!("url(#{id}-hatch)")), "{svg}");
                assert!(svg.contains("&lt;script&gt;") && !svg.contains("<script"));
                assert!(svg.contains(">c</text>"), "suppressed cells say c");
                assert!(
                    svg.contains("1 to 4, or withheld"),
                    "the legend says what c is"
                );
                assert!(!svg.contains("style="), "CSP forbids inline styles");
                assert_eq!(svg.matches("http").count(), 1, "only the namespace");
            }
        }
    }

    #[test]
    fn labels_are_as_large_as_body_text_and_fit_the_screen() {
        let areas = ["East Example CPC", "North Example CPC", "South Example CPC"];
        let g = Grid {
            rows: vec![
                "Parental substance use".into(),
                "Sudden unexpected death in infancy".into(),
            ],
            columns: areas.iter().map(|a| a.to_string()).collect(),
            cells: vec![vec![Cell::Suppressed, Cell::Count(12), Cell::Count(0)]; 2],
            totals: Some(("All areas".into(), vec![Cell::Count(17), Cell::Suppressed])),
            key: Vec::new(),
        };
        let drawing = tile_grid(&chart(), &g);
        assert!(!drawing.may_scroll);
        let [wide, phone] = drawings(&drawing.markup)[..] else {
            panic!("two drawings");
        };
        let width = |svg: &str| -> f64 {
            let at = svg.find(" width=\"").unwrap() + 8;
            svg[at..svg[at..].find('"').unwrap() + at].parse().unwrap()
        };
        assert!(wide.contains("font-size=\"19\"") && phone.contains("font-size=\"17\""));
        assert!(width(wide) <= Screen::Wide.room() + 2.0, "{}", width(wide));
        assert!(
            width(phone) <= Screen::Phone.room() + 2.0,
            "{}",
            width(phone)
        );
        for svg in [wide, phone] {
            assert!(!svg.contains("rotate(-"), "no turned headings");
            for area in ["East", "North", "South"] {
                assert!(
                    svg.contains(&format!(">{area}</text>")),
                    "{area} is written whole"
                );
            }
        }
    }

    #[test]
    fn a_suppressed_figure_draws_no_bar() {
        let drawing = bar_chart(
            &chart(),
            &["Police".to_string(), "Health".to_string()],
            &[Cell::Suppressed, Cell::Count(7)],
        );
        let wide = drawings(&drawing.markup)[0];
        assert_eq!(wide.matches(&format!("fill=\"{BAR_COLOUR}\"")).count(), 1);
        assert!(wide.contains(">7</text>") && wide.contains(">c</text>"));
    }

    #[test]
    fn heat_levels_scale_to_the_largest_figure() {
        assert_eq!(heat_level(0, 20), 0);
        assert_eq!(heat_level(1, 20), 1);
        assert_eq!(heat_level(20, 20), 5);
        assert_eq!(heat_level(11, 20), 3);
    }

    #[test]
    fn text_wraps_at_words() {
        assert_eq!(
            wrap("North Example CPC", text_width("Example", 17.0) + 1.0, 17.0),
            ["North", "Example", "CPC"]
        );
        assert_eq!(wrap("Overdue", 1.0, 17.0), ["Overdue"]);
    }
}
