//! Printing search results for `clearhouse search`: ranked hits with a
//! snippet (matched words in brackets, or in bold on a terminal), then facet
//! counts when asked.

use std::fmt::Write as _;

use super::{FacetCount, Results};

/// Results as text for a terminal or a log.
pub fn text(results: &Results, bold: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} result(s)", results.total);
    for (rank, hit) in results.hits.iter().enumerate() {
        let what = match hit.doc_type {
            super::DocType::Item => hit.kind.clone(),
            super::DocType::Strategy => format!("strategy in {}", hit.review_id),
        };
        let _ = writeln!(
            out,
            "\n{:>2}. {} ({what}, {}, {})",
            rank + 1,
            hit.title,
            hit.area,
            hit.year
        );
        let _ = writeln!(out, "    {}", hit.url);
        if !hit.themes.is_empty() {
            let _ = writeln!(out, "    themes: {}", hit.themes.join(", "));
        }
        if !hit.responsible.is_empty() {
            let _ = writeln!(out, "    responsible: {}", hit.responsible.join(", "));
        }
        if !hit.snippet.is_empty() {
            let _ = writeln!(out, "    {}", marked(&hit.snippet, &hit.highlights, bold));
        }
    }
    if let Some(facets) = &results.facets {
        out.push('\n');
        for (name, counts) in [
            ("theme", &facets.theme),
            ("area", &facets.area),
            ("year", &facets.year),
            ("kind", &facets.kind),
            ("clear", &facets.clear),
            ("type", &facets.doc_type),
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
        .map(|c| format!("{} ({})", c.value, c.count))
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
}
