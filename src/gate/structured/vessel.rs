//! Boats: a fishing vessel's port letters and number ("BRD 217", "SY 31",
//! painted on its bow and listed by the harbour) and a boat's name in
//! quotes after a vessel word (MFV "Mairi Bhan", yacht "Kittiwake"). In a
//! harbour town either leads to the family that owns and crews it, as a
//! car's plate does.
//!
//! A number is taken after a vessel word or right after a boat's name in
//! quotes; once found, the same number or name is found wherever else the
//! text writes it ("Kittiwake departed.").

use std::sync::LazyLock;

use regex::Regex;

use crate::findings::Kind;
use crate::gate::Hit;

const MESSAGE: &str =
    "This looks like a boat's name or fishing number, which leads to the family that owns or crews it; leave it out.";

/// A vessel word, then a name in quotes, a port's letters and number, or
/// both. The words are spelled in their cases, not as `(?i:…)`: a
/// caseless set expands to hundreds of literals and its prefilter reads
/// slower than the rest of the gate's cues together.
static AFTER_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"\b(?:[Bb]oat|BOAT|[Vv]essel|VESSEL|[Yy]acht|YACHT|[Tt]rawler|TRAWLER|[Cc]reeler|MFV|FV|PLN):?(?:[ \u{a0}]+(?:is|was|the)\b)*[ \u{a0}]+(?:["\u{201c}](?P<name>[A-Z][A-Za-z'\u{2019} -]{1,30})["\u{201d}][ \u{a0}]*)?(?P<number>[A-Z]{1,3}[ \u{a0}]?[0-9]{1,4}\b)?"#,
    )
    .expect("vessel regex")
});

/// A boat's name in quotes right before a port's letters and number.
static NAMED_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"["\u{201c}](?P<name>[A-Z][A-Za-z'\u{2019} -]{1,30})["\u{201d}][ \u{a0}]+(?P<number>[A-Z]{1,3}[ \u{a0}]?[0-9]{1,4})\b"#,
    )
    .expect("vessel regex")
});

fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    !glued(text[..start].chars().next_back()) && !glued(text[end..].chars().next())
}

/// Adds boats' names and numbers in `text` to `hits`.
pub(super) fn find(text: &str, hits: &mut Vec<Hit>) {
    let mut found: Vec<(usize, usize, &'static str)> = Vec::new();
    for caps in AFTER_CUE.captures_iter(text) {
        if let Some(name) = caps.name("name") {
            found.push((name.start(), name.end(), "vessel-name"));
        }
        if let Some(number) = caps.name("number") {
            if word_bounded(text, number.start(), number.end()) {
                found.push((number.start(), number.end(), "vessel-number"));
            }
        }
    }
    if memchr::memchr(b'"', text.as_bytes()).is_some() || text.contains('\u{201c}') {
        for caps in NAMED_NUMBER.captures_iter(text) {
            let number = caps.name("number").expect("number");
            if word_bounded(text, number.start(), number.end()) {
                let name = caps.name("name").expect("name");
                found.push((name.start(), name.end(), "vessel-name"));
                found.push((number.start(), number.end(), "vessel-number"));
            }
        }
    }
    if found.is_empty() {
        return;
    }
    let mut strings: Vec<(String, &'static str)> = found
        .iter()
        .map(|&(s, e, rule)| (text[s..e].to_string(), rule))
        .collect();
    strings.sort();
    strings.dedup();
    for (needle, rule) in &strings {
        for (at, _) in text.match_indices(needle.as_str()) {
            let end = at + needle.len();
            if word_bounded(text, at, end) && !found.iter().any(|&(s, e, _)| s == at && e == end) {
                found.push((at, end, rule));
            }
        }
    }
    for (s, e, rule) in found {
        if hits.iter().any(|h| h.start < e && s < h.end) {
            continue;
        }
        hits.push(Hit::new(s, e, Kind::Vehicle, rule, MESSAGE));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        super::super::texts_found(find, text)
    }

    #[test]
    fn a_boats_number_and_name_are_found_and_found_again() {
        assert_eq!(
            found("0640 MFV \u{201c}Sula Dawn\u{201d} OB 412 left for the creels. Later \u{201c}Sula Dawn\u{201d} OB 412 back."),
            ["Sula Dawn", "OB 412", "Sula Dawn", "OB 412"]
        );
        assert_eq!(
            found("Crew card for \"Morven Lass\" FR 88, skipper aboard."),
            ["Morven Lass", "FR 88"]
        );
        assert_eq!(
            found("Yacht \"Puffin\" on the visitors' berth. Puffin left at dawn."),
            ["Puffin", "Puffin"]
        );
        assert_eq!(found("the fishing vessel LK 207 was searched"), ["LK 207"]);
        assert_eq!(found("her dad's boat is the BF 412 now"), ["BF 412"]);
        assert_eq!(found("Vessel PLN: OB 417. Berth B3."), ["OB 417"]);
    }

    #[test]
    fn boats_in_general_and_quotes_without_a_number_pass() {
        assert!(found("the boat was late and the ferry was cancelled").is_empty());
        assert!(found("she called it \"Home Base\" 2 years later").is_empty());
        assert!(found("a lifeboat and a vessel of 12 metres").is_empty());
    }
}
