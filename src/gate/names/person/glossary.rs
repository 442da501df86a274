//! Two forms of public text that read as names: an acronym in a glossary
//! row whose next cell spells it out ("| SCA | Single Competent
//! Authority, … |"), and two authors cited with a year ("Davis and Marsh
//! (2020)", "(see Davis and Marsh, 2020)") where the second surname is an
//! ordinary word, so the citation pass does not read the pair.

use super::{Kind, Rule, Span};

/// Words a spelled-out name skips ("Office of the Public Guardian").
const SMALL: &[&str] = &["of", "the", "and", "for", "in", "on", "to", "&"];

/// The capitals of `acronym` are the first letters of the words that
/// open the next table cell.
fn spelled_in_next_cell(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |k| k + 1);
    let before = text[line_start..start].trim();
    if !(before == "|" || before.ends_with('|')) {
        return false;
    }
    let rest = &text[end..];
    let Some(rest) = rest.trim_start().strip_prefix('|') else {
        return false;
    };
    let cell = rest.split(['|', '\n']).next().unwrap_or("");
    let acronym: Vec<char> = text[start..end].chars().collect();
    let mut initials = cell
        .split(|c: char| c.is_whitespace() || c == '-' || c == ',')
        .filter(|w| !w.is_empty() && !SMALL.contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().next());
    acronym.len() >= 2
        && acronym
            .iter()
            .all(|a| initials.next().is_some_and(|i| i.eq_ignore_ascii_case(a)))
}

/// "Davis and Marsh (2020)" or "Davis and Marsh, 2020": a pair of
/// capitalised surnames and a year in brackets or after a comma.
fn cited_pair(text: &str, start: usize, end: usize) -> bool {
    let year_after = |rest: &str| {
        let rest = rest
            .strip_prefix(" (")
            .or_else(|| rest.strip_prefix(", "))
            .unwrap_or("");
        rest.len() >= 4
            && rest.as_bytes()[..4].iter().all(u8::is_ascii_digit)
            && matches!(&rest[..2], "19" | "20")
    };
    let word_after = |rest: &str| -> Option<usize> {
        let w = rest
            .split(|c: char| !c.is_alphabetic() && c != '-' && c != '\'')
            .next()?;
        (w.starts_with(char::is_uppercase) && w.len() >= 2).then_some(w.len())
    };
    // The span is the first of the pair.
    if let Some(rest) = text[end..].strip_prefix(" and ") {
        if let Some(n) = word_after(rest) {
            if year_after(&rest[n..]) {
                return true;
            }
        }
    }
    // The span is the second of the pair.
    let before = &text[..start];
    if let Some(b) = before.strip_suffix(" and ") {
        let w_start = crate::text::trailing_word_start(b);
        let first = &b[w_start..];
        if first.starts_with(char::is_uppercase) && first.len() >= 2 && year_after(&text[end..]) {
            return true;
        }
    }
    false
}

pub(super) fn drop_glossary_and_author_pairs(text: &str, spans: &mut Vec<Span>) {
    spans.retain(|s| {
        if s.rule.kind() != Kind::PersonName || matches!(s.rule, Rule::Title | Rule::Relation) {
            return true;
        }
        let raw = &text[s.start..s.end];
        let capitals = raw.len() <= 6 && raw.bytes().all(|b| b.is_ascii_uppercase());
        if capitals && spelled_in_next_cell(text, s.start, s.end) {
            return false;
        }
        raw.contains(' ') || !cited_pair(text, s.start, s.end)
    });
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn a_glossary_acronym_and_a_cited_pair_pass() {
        assert_eq!(
            found("| Term | Meaning |\n|---|---|\n| OPG | Office of the Public Guardian, which keeps the register |\n"),
            Vec::<&str>::new()
        );
        assert_eq!(
            found("Practice drifted, as Ferrant and Bishop (2016) describe; see also Ferrant and Bishop, 2016."),
            Vec::<&str>::new()
        );
        // A curly quote before the pair is one character, not three bytes.
        assert_eq!(
            found("Nurse said \u{201c}Ferrant and Bishop (2016)\u{201d} was read."),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn a_colour_naming_a_people_before_or_passes() {
        assert_eq!(
            found("Pupils who are Black or of mixed heritage were excluded more often."),
            Vec::<&str>::new()
        );
        assert_eq!(found("Mr Black or his wife will attend."), ["Mr Black"]);
    }

    #[test]
    fn initials_in_a_row_and_a_couple_without_a_year_are_found() {
        assert!(!found("| KM | Attended the meeting for the school |\n").is_empty());
        assert!(!found("Ferrant and Bishop visited the flat on Monday.").is_empty());
    }
}
