//! Printing search results for `clearhouse search`: ranked items with a
//! snippet (matched words in brackets, or in bold on a terminal) and their
//! matching strategies, then facet counts when asked, or, when nothing
//! matched, what to try instead.

use std::fmt::Write as _;

use super::{FacetCount, Results};

/// How `clearhouse search` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text { bold: bool },
    Json,
}

/// Writes the results to `out`. A reader that stops reading (`… | head`)
/// is not an error worth a message: the caller may treat
/// [`std::io::ErrorKind::BrokenPipe`] as done.
pub fn write(
    results: &Results,
    format: Format,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, results)?;
            writeln!(out)?;
        }
        Format::Text { bold } => out.write_all(text(results, bold).as_bytes())?,
    }
    out.flush()
}

/// Results as text for a terminal or a log.
pub fn text(results: &Results, bold: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} result{} (reports and summaries)",
        results.total,
        if results.total == 1 { "" } else { "s" }
    );
    for (typed, searched) in &results.corrected {
        let _ = writeln!(out, "searched for {searched:?} instead of {typed:?}");
    }
    if !results.unmatched.is_empty() {
        let _ = writeln!(
            out,
            "no item has: {} (ranked by the other words)",
            results.unmatched.join(", ")
        );
    }
    if let Some(suggestions) = &results.suggestions {
        if let Some(spelling) = &suggestions.spelling {
            let _ = writeln!(out, "did you mean: {spelling}");
        }
        if !suggestions.themes.is_empty() {
            let themes: Vec<String> = suggestions
                .themes
                .iter()
                .map(|t| format!("{} (--theme {})", t.label, t.slug))
                .collect();
            let _ = writeln!(out, "nearest themes: {}", themes.join(", "));
        }
    }
    for (rank, hit) in results.hits.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n{:>2}. {} ({}, {}, {}, {})",
            rank + 1,
            hit.title,
            hit.review_id,
            hit.kind,
            hit.area,
            hit.year
        );
        let _ = writeln!(out, "    {}", hit.url);
        if !hit.themes.is_empty() {
            let _ = writeln!(out, "    themes: {}", hit.themes.join(", "));
        }
        if !hit.snippet.is_empty() {
            let _ = writeln!(out, "    {}", marked(&hit.snippet, &hit.highlights, bold));
        }
        for strategy in &hit.strategies {
            let _ = writeln!(out, "    - strategy: {}", strategy.title);
            let _ = writeln!(out, "      {}", strategy.url);
            if !strategy.responsible.is_empty() {
                let _ = writeln!(
                    out,
                    "      responsible: {}",
                    strategy.responsible.join(", ")
                );
            }
            if !strategy.snippet.is_empty() {
                let _ = writeln!(
                    out,
                    "      {}",
                    marked(&strategy.snippet, &strategy.highlights, bold)
                );
            }
        }
    }
    if let Some(facets) = &results.facets {
        out.push_str("\nreports and summaries by\n");
        for (name, counts) in [
            ("theme", &facets.theme),
            ("area", &facets.area),
            ("year", &facets.year),
            ("kind", &facets.kind),
            ("strategy complete in", &facets.clear),
            ("agency", &facets.agency),
            ("strategy assigned to", &facets.responsible),
        ] {
            if !counts.is_empty() {
                let _ = writeln!(out, "{name}: {}", facet_line(counts));
            }
        }
    }
    out
}

fn facet_line(counts: &[FacetCount]) -> String {
    counts
        .iter()
        .map(|c| format!("{} ({})", c.label, c.count))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The snippet with matched ranges marked.
fn marked(snippet: &str, highlights: &[(usize, usize)], bold: bool) -> String {
    let (open, close) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    let mut out = String::with_capacity(snippet.len() + highlights.len() * 8);
    let mut last = 0;
    for &(start, end) in highlights {
        if start < last
            || end > snippet.len()
            || !snippet.is_char_boundary(start)
            || !snippet.is_char_boundary(end)
        {
            continue;
        }
        out.push_str(&snippet[last..start]);
        out.push_str(open);
        out.push_str(&snippet[start..end]);
        out.push_str(close);
        last = end;
    }
    out.push_str(&snippet[last..]);
    out.replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_are_marked_in_plain_text() {
        assert_eq!(
            marked("was not brought to clinic", &[(8, 15)], false),
            "was not [brought] to clinic"
        );
    }

    /// A pipe closed by the reader (`| head`) reaches the caller as
    /// BrokenPipe, which `clearhouse search` treats as done.
    #[test]
    fn a_closed_pipe_is_reported_as_broken_pipe() {
        struct Closed;
        impl std::io::Write for Closed {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let results = Results {
            total: 0,
            hits: Vec::new(),
            facets: None,
            unmatched: Vec::new(),
            corrected: Vec::new(),
            suggestions: None,
        };
        let err = write(&results, Format::Text { bold: false }, &mut Closed).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::BrokenPipe);
    }
}
