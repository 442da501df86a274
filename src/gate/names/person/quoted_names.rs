//! A name in quotes after words that say a person goes by it: a phone's
//! contact ("saved as \"Boss Glasgow\""), a payment's holder ("in the name
//! \"P WARD\""), a name someone gave ("said he was \"Paddy\"", "gave his
//! name as \"Jay\""). The words in the quotes are a name whatever case
//! they are in: the cue says so. After "said he was" only a capitalised
//! word is, as "said she was \"fine\"" quotes how she was.

use super::{Rule, Span};

/// Cues, in the case notes write them, and whether the quoted words must
/// open with a capital.
const CUES: &[(&str, bool)] = &[
    ("saved as", false),
    ("saved under", false),
    ("stored as", false),
    ("in the name", false),
    ("in the name of", false),
    ("said he was", true),
    ("said she was", true),
    ("says he is", true),
    ("says she is", true),
    ("said his name was", true),
    ("said her name was", true),
    ("gave his name as", true),
    ("gave her name as", true),
    ("gave the name", true),
];

/// Words that open a pseudonym or a role, not a name.
const NOT_NAMES: &[&str] = &[
    "child", "mother", "father", "parent", "sibling", "mum", "dad", "unknown", "the", "a", "an",
    "fine", "ok", "okay", "no", "yes", "not",
];

/// Pieces of the cues that find them in the text, each cue holding one
/// ("tored as": a piece that starts as it ends would be found twice over).
const NEEDLES: [&str; 7] = [
    "saved ", "tored as", "the name", "he was", "he is", "name was", "name as",
];

/// Adds names quoted after such a cue to `spans`.
pub(super) fn quoted_after_cues(text: &str, spans: &mut Vec<Span>) {
    // One search for the seven pieces, where a search each read the
    // whole text seven times.
    static SEARCH: std::sync::OnceLock<crate::gate::structured::util::WordSearch> =
        std::sync::OnceLock::new();
    let search = SEARCH.get_or_init(|| crate::gate::structured::util::WordSearch::new(&NEEDLES));
    for (needle, places) in NEEDLES.iter().zip(search.places(text)) {
        for at in places {
            // The cue that ends here or starts here, longest first.
            for &(cue, capital) in CUES.iter().rev().filter(|(c, _)| c.contains(needle)) {
                let Some(start) = cue_start_around(text, at, needle, cue) else {
                    continue;
                };
                if let Some(span) = quoted_name(text, start + cue.len(), capital) {
                    if !spans.iter().any(|s| s.start == span.0) {
                        spans.push(Span {
                            start: span.0,
                            end: span.1,
                            rule: Rule::Relation,
                            certain: false,
                        });
                    }
                }
                break;
            }
        }
    }
}

/// Where `cue` starts if the needle found at `at` is part of it, on word
/// boundaries, in any case of its first letter.
fn cue_start_around(text: &str, at: usize, needle: &str, cue: &str) -> Option<usize> {
    let offset = cue.find(needle)?;
    let start = at.checked_sub(offset)?;
    let end = start + cue.len();
    let got = text.get(start..end)?;
    let same = got.eq_ignore_ascii_case(cue);
    let bounded = !text[..start].ends_with(|c: char| c.is_alphanumeric())
        && text[end..].starts_with([' ', '\u{a0}']);
    (same && bounded).then_some(start)
}

/// The words inside the quotes that open right after `from` (a space or
/// two allowed), if they read as a name.
fn quoted_name(text: &str, from: usize, capital: bool) -> Option<(usize, usize)> {
    let rest = &text[from..];
    let gap = rest.len() - rest.trim_start_matches([' ', '\u{a0}']).len();
    let rest = &rest[gap..];
    let open = rest.chars().next()?;
    if !matches!(open, '"' | '\u{201c}' | '\u{2018}' | '\'') {
        return None;
    }
    let inner_start = from + gap + open.len_utf8();
    let inner = &text[inner_start..];
    let close = inner.find(['"', '\u{201d}', '\u{2019}', '\'', '\n'])?;
    if !inner[close..].starts_with(['"', '\u{201d}', '\u{2019}', '\'']) {
        return None;
    }
    let words = &inner[..close];
    let count = words.split_whitespace().count();
    let first = words.chars().next()?;
    let shaped = (1..=4).contains(&count)
        && words.len() <= 40
        && first.is_alphabetic()
        && (!capital || first.is_uppercase())
        && words
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '.' | '\'' | '\u{2019}'));
    let opener = words.split_whitespace().next().unwrap_or("").to_lowercase();
    (shaped && !NOT_NAMES.contains(&opener.as_str()))
        .then_some((inner_start, inner_start + words.trim_end().len()))
}

#[cfg(test)]
mod tests {
    use super::quoted_after_cues;

    fn found(text: &str) -> Vec<String> {
        let mut spans = Vec::new();
        quoted_after_cues(text, &mut spans);
        spans
            .iter()
            .map(|s| text[s.start..s.end].to_string())
            .collect()
    }

    #[test]
    fn a_name_quoted_after_its_cue_is_found() {
        assert_eq!(
            found("a contact saved as \"Boss Glasgow\" +44 7700"),
            ["Boss Glasgow"]
        );
        assert_eq!(found("paid by card in the name \"P WARD\"."), ["P WARD"]);
        assert_eq!(
            found("the man (said he was \"Paddy\", her uncle)"),
            ["Paddy"]
        );
        assert_eq!(found("She gave her name as “Tash”."), ["Tash"]);
        assert_eq!(
            found("number saved under 'uncle t' on her phone"),
            ["uncle t"]
        );
    }

    #[test]
    fn quoted_words_that_are_no_name_are_not() {
        assert!(found("Mum said she was \"fine\" and went home.").is_empty());
        assert!(found("The plan was saved as \"the final version\".").is_empty());
        assert!(found("The file is saved as a PDF.").is_empty());
        assert!(found("He said he was \"not bothered\".").is_empty());
        assert!(found("in the name of \"Child A\"").is_empty());
    }
}
