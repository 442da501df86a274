//! Organisations named by capitalised words before an organisation word
//! the institution anchors do not hold: a building ("Lomond House",
//! "Cedar Court"), a local service ("Inverness Hearing Centre",
//! "Inverness East Children's Services", "Tayside Interpreting Service")
//! or a contractor ("Pearl Linguistics", "Meridian Housing Solutions").
//!
//! Public bodies of the same shape pass: courts named by their kind ("High
//! Court", "European Court"), a council's own services ("Falkirk Council
//! Children's Services", "Contact Children's Services") and publishers
//! ("Russell House Publishing").

use std::sync::OnceLock;

use regex::Regex;

use super::class::Tok;

/// Words before "House" or "Court" that make it a kind of court or a
/// public building, not a named one.
const PUBLIC_BEFORE: &[&str] = &[
    "High",
    "Supreme",
    "Sheriff",
    "Crown",
    "Youth",
    "Family",
    "County",
    "Appeal",
    "Appeals",
    "European",
    "International",
    "Criminal",
    "Magistrates",
    "Magistrates'",
    "Drug",
    "Drugs",
    "Open",
    "White",
    "Full",
    "Big",
    "Public",
    "Opera",
    "Parliament",
    "Council",
    "Guest",
    "Town",
    "Country",
    "Care",
    "Safe",
    "Bute",
    "Justice",
    "Lords",
    "Commons",
    "Children's",
    "Hearing",
    "Session",
    "The",
    "A",
    "This",
    "That",
    "Our",
];

/// Words that open a sentence before a name ("At Lomond House").
const OPENERS: &[&str] = &[
    "At", "In", "On", "To", "From", "Via", "By", "With", "And", "Then", "Also", "Ring", "Call",
    "Visit", "See", "Contact",
];

/// Words after the organisation word that make the whole a publisher or
/// a longer public name.
const PUBLIC_AFTER: &[&str] = &["Publishing", "Press", "Publishers", "of"];

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let word = r"\p{Lu}[\p{L}'’-]+";
        Regex::new(&format!(
            r"\b({word}(?:[ \t]+{word}){{0,3}})[ \t]+(House|Court|Hearing Centre|Dental Centre|Children's Services|Children’s Services|Linguistics|Interpreting Services?|Housing Solutions|Referral Hub|Development Team)\b"
        ))
        .expect("organisation pattern compiles")
    })
}

/// The first words of the organisation words the pattern ends on.
const KIND_FIRST_WORDS: &[&str] = &[
    "House",
    "Court",
    "Hearing",
    "Dental",
    "Children",
    "Linguistics",
    "Interpreting",
    "Housing",
    "Referral",
    "Development",
];

/// The pattern's matches in `text`, as (start of the names, the names,
/// the organisation word, its end). A match lies on one line (its gaps
/// are spaces and tabs), and its organisation word follows a space, so
/// it starts a token, which starts with that word's first word: the
/// pattern runs only over the lines with such a token, each alone. A
/// line's edges are newlines or the text's edges, which `\b` reads the
/// same way, so these are the matches of the whole text (it walked every
/// byte of prose that says "House" or "Team" once, and a search for the
/// words cost as much again).
fn matches<'t>(
    text: &'t str,
    toks: &[Tok],
    marked: &[usize],
) -> Vec<(usize, &'t str, &'t str, usize)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut done = 0;
    // Every capitalised token is marked.
    for t in marked.iter().map(|&j| &toks[j]) {
        if !t.t.cap
            || t.t.start < done
            || !matches!(bytes[t.t.start], b'H' | b'C' | b'D' | b'L' | b'I' | b'R')
        {
            continue;
        }
        let word = &bytes[t.t.start..t.t.end];
        if !KIND_FIRST_WORDS
            .iter()
            .any(|k| word.starts_with(k.as_bytes()))
        {
            continue;
        }
        let ls = memchr::memrchr(b'\n', &bytes[..t.t.start]).map_or(0, |k| k + 1);
        let le = memchr::memchr(b'\n', &bytes[t.t.end..]).map_or(bytes.len(), |k| t.t.end + k);
        for c in pattern().captures_iter(&text[ls..le]) {
            let (names, kind) = (c.get(1).expect("names"), c.get(2).expect("kind"));
            found.push((
                ls + names.start(),
                &text[ls + names.start()..ls + names.end()],
                &text[ls + kind.start()..ls + kind.end()],
                ls + kind.end(),
            ));
        }
        done = le;
    }
    found
}

/// The spans of such organisations in `text`, whose classified tokens
/// are `toks` (of which `marked` hold every capitalised one, see
/// `Classified::marked`).
pub fn find(text: &str, toks: &[Tok], marked: &[usize]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (names_start, names, kind, kind_end) in matches(text, toks, marked) {
        let words: Vec<&str> = names.split_whitespace().collect();
        let last = *words.last().expect("one word");
        let next = text[kind_end..]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphabetic());
        if PUBLIC_AFTER.contains(&next) {
            continue;
        }
        let building = matches!(kind, "House" | "Court");
        if building && PUBLIC_BEFORE.contains(&last) {
            continue;
        }
        if last == "Council" || last == "Council's" || last == "Council’s" {
            continue;
        }
        // "Contact Children's Services": a service named by a common word
        // alone.
        if kind.starts_with("Children") && words.iter().all(|w| super::is_english_word(w)) {
            continue;
        }
        // The run starts at its first word that is no sentence opener
        // of a common kind ("At Lomond House": "At" is not the name).
        let mut start = names_start;
        for w in &words[..words.len() - 1] {
            if OPENERS.contains(w) {
                start += text[start..].find(w).expect("word") + w.len();
                start += text[start..].len() - text[start..].trim_start().len();
            } else {
                break;
            }
        }
        out.push((start, kind_end));
    }
    same_business_elsewhere(text, &mut out);
    out
}

/// A business named once in full ("Meridian Housing Solutions", "Pearl
/// Linguistics") is the same business where its name stands alone
/// ("Meridian transport", "(Pearl, job …)"). Only the kinds a private
/// firm takes: a public service's place name ("Tayside") alone is an area.
fn same_business_elsewhere(text: &str, out: &mut Vec<(usize, usize)>) {
    let names: Vec<String> = out
        .iter()
        .filter_map(|&(s, e)| {
            let whole = &text[s..e];
            let name = whole
                .strip_suffix(" Housing Solutions")
                .or_else(|| whole.strip_suffix(" Linguistics"))?;
            (!name.is_empty()).then(|| name.to_string())
        })
        .collect();
    for name in names {
        for (at, _) in text.match_indices(name.as_str()) {
            let end = at + name.len();
            let bounded = !text[..at].ends_with(|c: char| c.is_alphanumeric())
                && !text[end..].starts_with(|c: char| c.is_alphanumeric());
            if bounded && !out.iter().any(|&(s, e)| s < end && at < e) {
                out.push((at, end));
            }
        }
    }
    out.sort_unstable();
}

#[cfg(test)]
mod tests {
    use super::{matches, pattern};
    use crate::gate::names::class::{tokenize_classify_and_mark, Classified};
    use crate::gate::names::lexicon::lexicon;

    fn classified(s: &str) -> Classified {
        tokenize_classify_and_mark(s, lexicon())
    }

    fn find(s: &str) -> Vec<(usize, usize)> {
        let c = classified(s);
        super::find(s, &c.toks, &c.marked)
    }

    #[test]
    fn only_lines_holding_an_organisation_word_are_searched_and_nothing_is_lost() {
        for text in [
            "Seen at Carrick House.\nThen Pearl Linguistics\tand\nAt Lomond House, Cedar Court",
            "Inverness East Children’s Services\r\nTayside Interpreting Services and Mo Referral Hub",
            "house and court\nÉcole Dental Centre; Ébène Meridian Housing Solutions\nMeridian Housing",
        ] {
            let whole: Vec<_> = pattern()
                .captures_iter(text)
                .map(|c| (c.get(1).unwrap().start(), c.get(2).unwrap().end()))
                .collect();
            let c = classified(text);
            let lines: Vec<_> = matches(text, &c.toks, &c.marked)
                .into_iter()
                .map(|(start, _, _, end)| (start, end))
                .collect();
            assert_eq!(lines, whole, "{text:?}");
            assert!(whole.len() >= 2, "{text:?}");
        }
    }

    fn found(s: &str) -> Vec<&str> {
        find(s).into_iter().map(|(a, b)| &s[a..b]).collect()
    }

    #[test]
    fn named_buildings_and_services_are_found() {
        assert_eq!(
            found("The meeting was at Carrick House on Monday."),
            ["Carrick House"]
        );
        assert_eq!(
            found("She stayed at the Birch Court hostel."),
            ["Birch Court"]
        );
        assert_eq!(
            found("Booked via Strathmore Interpreting Service."),
            ["Strathmore Interpreting Service"]
        );
        assert_eq!(
            found("Seen at Nairn Dental Centre in May."),
            ["Nairn Dental Centre"]
        );
        assert_eq!(
            found("Copy to Fort William North Children's Services."),
            ["Fort William North Children's Services"]
        );
    }

    #[test]
    fn a_business_named_in_full_is_found_alone_too() {
        assert_eq!(
            found("Staff from Kestrel Housing Solutions came. Kestrel van left."),
            ["Kestrel Housing Solutions", "Kestrel"]
        );
    }

    #[test]
    fn courts_councils_and_publishers_pass() {
        assert!(found("The High Court and the European Court agreed.").is_empty());
        assert!(found("Angus Council Children's Services led it.").is_empty());
        assert!(found("Published by Russell House Publishing.").is_empty());
        assert!(found("Contact Children's Services if worried.").is_empty());
    }
}
