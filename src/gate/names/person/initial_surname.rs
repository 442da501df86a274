//! An initial before a surname that is also a word, where a record signs
//! or credits someone: "Signed: L Young.", "added by F Bishop", "cc: J
//! Baker, K Green", "— S Hill, Senior Practitioner", "agreed with D Fox on
//! the phone". The surname alone reads as a word ("Young", "Green"), so
//! the name rules pass it; an initial before it and a signing word before
//! that make it a person.
//!
//! "Option A Young carers' group", "Plan B", "vitamin D" have no signing
//! word before them; "from A Young age" goes on into a phrase.

use super::{Lexicon, Rule, Span, Tok};

/// Words that sign, credit or copy a person in; the last word before the
/// initial, lower-cased, with a colon if it has one.
const STRONG: &[&str] = &[
    "by",
    "signed",
    "signed:",
    "cc",
    "cc:",
    "author:",
    "author",
    "attn:",
    "from:",
    "to:",
    "per",
    "minutes:",
    "chair:",
    "officer:",
    "worker:",
    "reviewer:",
    "sw:",
    "hv:",
];

/// Prepositions that take a person too, but also a phrase ("with B Wood
/// products"): the surname must end the phrase.
const WEAK: &[&str] = &[
    "with", "to", "from", "for", "and", "&", "spoke", "phoned", "emailed",
];

/// Words that may follow a person's name without making it a phrase.
const AFTER_NAME: &[&str] = &[
    "on",
    "at",
    "in",
    "about",
    "and",
    "who",
    "that",
    "said",
    "says",
    "to",
    "for",
    "by",
    "was",
    "is",
    "had",
    "has",
    "re",
    "today",
    "yesterday",
    "when",
    "as",
];

fn line_before(text: &str, at: usize) -> &str {
    let (ls, _) = super::super::near::line_around(text, at, at);
    &text[ls..at]
}

/// The initial's letter and the surname's token follow each other as
/// "F Bishop" or "F. Bishop".
fn initial_then_surname(text: &str, a: &Tok, b: &Tok) -> bool {
    let letter = &text[a.t.start..a.t.end];
    letter.len() == 1
        && letter.bytes().all(|c| c.is_ascii_uppercase())
        && b.t.cap
        && !b.t.all_caps
        && matches!(&text[a.t.end..b.t.start], " " | ". ")
}

/// Surnames that are also the part of a building or a scheme a letter
/// labels: "C Block", "B Wing", "A Grade".
const LABELLED: &[&str] = &[
    "block", "wing", "ward", "floor", "room", "level", "bay", "house", "hall", "court", "gate",
    "stand", "grade", "class", "group", "team", "plan", "form", "stage", "band", "section", "zone",
    "list", "type", "road", "street", "lane", "row", "side", "deck", "unit", "suite",
];

fn is_surname(text: &str, lex: &Lexicon, b: &Tok) -> bool {
    let word = super::strip_possessive(&text[b.t.start..b.t.end]).0;
    let lc = word.to_lowercase();
    word.chars().count() >= 3 && lex.last.contains(lc.as_str()) && !LABELLED.contains(&lc.as_str())
}

fn next_word(text: &str, end: usize) -> Option<&str> {
    let rest = &text[end..];
    let rest = rest.strip_prefix(' ')?;
    let word_end = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    (word_end > 0).then(|| &rest[..word_end])
}

fn cue(text: &str, toks: &[Tok], i: usize, lex: &Lexicon) -> bool {
    let a = &toks[i];
    let b = &toks[i + 1];
    let before = line_before(text, a.t.start).trim_end();
    let last = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("")
        .to_lowercase();
    let ends_phrase = next_word(text, b.t.end)
        .is_none_or(|w| !w.starts_with(char::is_lowercase) || AFTER_NAME.contains(&w));
    // "Completed by: C Rose": a label's colon after the signing word.
    let bare = last.trim_end_matches(':');
    if STRONG.contains(&last.as_str()) || STRONG.contains(&bare) || before.ends_with(['—', '–'])
    {
        // "by A Young person": the letter A opens a phrase.
        return &text[a.t.start..a.t.end] != "A" || ends_phrase;
    }
    // "J Baker, K Green": the next of a list whose first was signed.
    if (before.ends_with(',') || last == "and" || last == "&") && i >= 2 {
        let (p, q) = (&toks[i - 2], &toks[i - 1]);
        if initial_then_surname(text, p, q)
            && is_surname(text, lex, q)
            && cue(text, toks, i - 2, lex)
        {
            return ends_phrase;
        }
    }
    WEAK.contains(&last.as_str()) && ends_phrase && &text[a.t.start..a.t.end] != "A"
}

/// Adds "F Bishop" where a signing word stands before it.
pub(super) fn initial_and_word_surname(
    text: &str,
    toks: &[Tok],
    capital_letters: &[usize],
    spans: &mut Vec<Span>,
    lex: &Lexicon,
) {
    // The initial is one ASCII capital alone: one of `capital_letters`
    // (see `class::Classified::capital_letters`), which
    // `initial_then_surname` would ask of every token.
    for &i in capital_letters {
        if i + 1 >= toks.len() {
            break;
        }
        let (a, b) = (&toks[i], &toks[i + 1]);
        if !initial_then_surname(text, a, b) || !is_surname(text, lex, b) {
            continue;
        }
        if spans.iter().any(|s| s.start < b.t.end && s.end > a.t.start) {
            continue;
        }
        if cue(text, toks, i, lex) {
            let end = b.t.start + super::strip_possessive(&text[b.t.start..b.t.end]).0.len();
            spans.push(Span {
                start: a.t.start,
                end,
                rule: Rule::Initials,
                certain: false,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn an_initial_and_a_word_surname_after_a_signing_word_is_a_name() {
        for (t, name) in [
            ("Signed: P Hunter.", "P Hunter"),
            ("Notes typed up by W. Fisher", "W. Fisher"),
            ("cc: B Cook, N Brown\n", "N Brown"),
            ("— G Marsh, Family Support Worker\n", "G Marsh"),
            ("Agreed with H Bird on the phone.", "H Bird"),
            ("Checked by: R Lamb\n", "R Lamb"),
        ] {
            assert!(
                found(t).iter().any(|n| n.contains(name)),
                "{t}: {:?}",
                found(t)
            );
        }
    }

    #[test]
    fn a_letter_before_a_word_with_no_signing_word_stays_a_word() {
        for t in [
            "Option A Young carers' group was chosen.",
            "Plan B Green spaces were mapped.",
            "Written by A Young person from the group.",
            "He moved with B Wood products to the yard.",
            "Leaflets were sent to C Block and D Block.",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }
}
