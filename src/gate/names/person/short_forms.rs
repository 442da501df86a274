//! Short forms of people the text names in full: notes write a name once
//! and then shorten it ("Informed Mr Fairbairn … Mr F agreed", "Nadia came
//! in … N said", "thanks. S"), and sign with initials after a dash ("—
//! TB"). A short form identifies whoever the full name does.
//!
//! A title or a lone capital is how anonymised prose writes a pseudonym
//! ("Mr D", "Child A said"), so a letter counts only when a name found in
//! the same text begins with it, and only where a person stands: after a
//! title, acting at the start of a sentence, after a speech verb before
//! the words said, or signing a line. With no name found, nothing here
//! runs except the signature after a dash.
//!
//! An initial and a word after a role or in a list of people ("SW C.
//! Ireland", "E. Young (school)") is a person even when the word is also
//! a country or an adjective.

use super::{citation, Kind, Lexicon, Rule, Span};

/// Words before a lone capital that make it a label, not a person ("Plan
/// B", "Child A", "vitamin D"). Only a sentence start, a speech verb or
/// punctuation may stand before a person's short form, so this list is a
/// second guard for the verbs' objects.
const LABEL_WORDS: &[&str] = &[
    "child",
    "person",
    "plan",
    "section",
    "part",
    "appendix",
    "schedule",
    "vitamin",
    "hepatitis",
    "group",
    "option",
    "table",
    "type",
    "grade",
    "level",
    "class",
    "room",
    "ward",
    "block",
    "flat",
    "unit",
    "bed",
    "page",
    "figure",
    "annex",
    "stage",
    "category",
    "band",
    "phase",
    "step",
    "form",
    "exhibit",
    "item",
    "practitioner",
    "worker",
    "parent",
    "carer",
    "sibling",
    "family",
    "school",
    "officer",
    "adult",
    "baby",
    "infant",
    "mother",
    "father",
    "young",
];

/// Verbs after which a lone capital and a quote are a person and their
/// words: `said B "just shouted"`.
const SPEECH: &[&str] = &["said", "says", "told", "asked", "replied", "added", "wrote"];

/// Words after an initial and a surname that continue a sentence, so the
/// initial ends one ("Plan B. Young carers").
const NOT_A_SURNAME: &[&str] = &[
    "the", "this", "that", "a", "an", "in", "on", "it", "he", "she", "they", "we", "i", "see",
    "note", "also", "his", "her", "their", "there", "then", "if", "when", "but", "and", "for",
];

/// Adds the short forms of found names, and signatures after a dash.
pub(super) fn short_forms(text: &str, spans: &mut Vec<Span>, lex: &Lexicon) {
    let mut added = Vec::new();
    signatures(text, spans, lex, &mut added);
    initial_and_surname(text, spans, lex, &mut added);
    initials_of_full_names(text, spans, lex, &mut added);
    let (surnames, any) = initials_of_found(text, spans);
    if !any.is_empty() {
        lone_capitals(text, spans, lex, &surnames, &any, &mut added);
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_by_key(|s| s.start);
        spans.dedup_by(|b, a| b.start < a.end);
    }
}

fn overlaps(spans: &[Span], added: &[Span], start: usize, end: usize) -> bool {
    spans
        .iter()
        .chain(added)
        .any(|s| s.start < end && s.end > start)
}

/// A letter, digit or any non-ASCII byte (part of a word in another
/// script or with accents).
fn wordish(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// First letters of found names: of their last word when the name has
/// two words or a title ("Mr Fairbairn", "Shauna Tait"), and of every
/// word of it.
fn initials_of_found(text: &str, spans: &[Span]) -> (Vec<u8>, Vec<u8>) {
    let (mut surnames, mut any) = (Vec::new(), Vec::new());
    for s in spans
        .iter()
        .filter(|s| s.rule.kind() == Kind::PersonName && s.rule != Rule::Initials)
    {
        let words: Vec<&str> = text[s.start..s.end].split_whitespace().collect();
        let first = |w: &str| w.bytes().next().filter(u8::is_ascii_alphabetic);
        if words.len() >= 2 {
            if let Some(c) = words.last().and_then(|w| first(w)) {
                surnames.push(c.to_ascii_uppercase());
            }
        }
        for w in &words {
            if w.len() > 1 {
                if let Some(c) = first(w) {
                    any.push(c.to_ascii_uppercase());
                }
            }
        }
    }
    surnames.sort_unstable();
    surnames.dedup();
    any.sort_unstable();
    any.dedup();
    (surnames, any)
}

/// The word that ends right before `at` (skipping spaces), if any.
fn word_before(text: &str, at: usize) -> &str {
    let head = text[..at].trim_end_matches([' ', '\t']);
    let start = head
        .rfind(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
    &head[start..]
}

/// The byte before `at`, spaces skipped; `\n` at a line start.
fn char_before(text: &str, at: usize) -> u8 {
    let head = text[..at].trim_end_matches([' ', '\t']);
    head.bytes().last().unwrap_or(b'\n')
}

/// After the byte before `at`, a sentence or clause has just begun.
fn opens_sentence(text: &str, at: usize) -> bool {
    let head = text[..at].trim_end_matches([' ', '\t']);
    head.is_empty()
        || head.ends_with(['.', '!', '?', '\n', ':', '"', '“'])
        || head.ends_with('—')
        || head.ends_with('–')
}

fn lone_capitals(
    text: &str,
    spans: &[Span],
    lex: &Lexicon,
    surnames: &[u8],
    any: &[u8],
    added: &mut Vec<Span>,
) {
    let b = text.as_bytes();
    for i in 0..b.len() {
        let c = b[i];
        if !c.is_ascii_uppercase() || c == b'I' {
            continue;
        }
        if i > 0 && (wordish(b[i - 1]) || matches!(b[i - 1], b'-' | b'\'' | b'.' | b'/')) {
            continue;
        }
        let next = b.get(i + 1).copied().unwrap_or(b'\n');
        if wordish(next) || matches!(next, b'-' | b'/' | b'+' | b'&') {
            continue;
        }
        if overlaps(spans, added, i, i + 1) {
            continue;
        }
        let before = word_before(text, i);
        let before_lc = before.to_lowercase();
        if LABEL_WORDS.contains(&before_lc.as_str()) {
            continue;
        }
        let after = &text[i + 1..];
        let titled = lex.hard_titles.contains(before_lc.as_str())
            && before.starts_with(|ch: char| ch.is_uppercase());
        let (start, rule) = if titled {
            if !surnames.contains(&c) {
                continue;
            }
            // "Mr D. Smith": an initial, for the rules on full names.
            if after.starts_with(". ")
                && after[2..].starts_with(|ch: char| ch.is_uppercase())
                && !after[2..].starts_with("I ")
            {
                continue;
            }
            let trimmed = text[..i].trim_end_matches([' ', '\t']);
            (trimmed.len() - before.len(), Rule::Title)
        } else {
            if !any.contains(&c) || !acting(text, i, after, &before_lc, lex) {
                continue;
            }
            (i, Rule::Initials)
        };
        added.push(Span {
            start,
            end: i + 1,
            rule,
            certain: false,
        });
    }
}

/// Where a lone capital stands for a person: acting after a sentence
/// opens ("N said", "Z quietly said"), after a speech verb before the
/// quoted words, or signing at the end of a line after a sentence.
fn acting(text: &str, at: usize, after: &str, before_lc: &str, lex: &Lexicon) -> bool {
    let rest = after.trim_start_matches([' ', '\t']);
    if SPEECH.contains(&before_lc) && rest.starts_with(['"', '“']) {
        return true;
    }
    if !(opens_sentence(text, at) || matches!(before_lc, "and" | "but" | "then" | "so")) {
        return false;
    }
    let end_of_line = rest
        .trim_start_matches(['"', '”'])
        .starts_with(['\n', '\r'])
        || rest.trim_start_matches(['"', '”']).is_empty();
    if end_of_line && after.len() - rest.len() <= 1 {
        return matches!(char_before(text, at), b'.' | b'!');
    }
    if !after.starts_with(' ') {
        return false;
    }
    let mut words = rest
        .split(|ch: char| !ch.is_alphabetic())
        .filter(|w| !w.is_empty());
    let Some(mut verb) = words.next() else {
        return false;
    };
    if verb.len() > 4 && verb.ends_with("ly") {
        let Some(v) = words.next() else {
            return false;
        };
        verb = v;
    }
    if lex.person_verbs.contains(verb) {
        return true;
    }
    // "G tearful, says …", "K was holding the baby": any word in lower
    // case goes on a sentence whose subject is the letter, except after
    // "A" (an article) and before what a letter labels ("T cells").
    let c = text.as_bytes()[at];
    c != b'A'
        && c != b'O'
        && verb.len() >= 2
        && verb.starts_with(|ch: char| ch.is_ascii_lowercase())
        && !NOT_A_SUBJECT.contains(&verb)
}

/// Words after a capital letter that make it a label: "T cells", "B
/// vitamins", "E numbers", "C section".
const NOT_A_SUBJECT: &[&str] = &[
    "cell", "cells", "vitamin", "vitamins", "number", "numbers", "grade", "grades", "level",
    "type", "class", "block", "wing", "ward", "shift", "team", "plan", "positive", "negative",
    "section", "list", "road", "and", "or", "to", "of", "in", "on", "at", "for", "with", "by",
    "is",
];

/// The initials of a full name found in the text, standing alone where a
/// person acts: minutes' "PB: weight is …" after "P. Black (HV)" in the
/// list of those present, "DS will visit". Capitals that an abbreviation
/// of the field shares (GP, HV, DS) count only where they act; others
/// anywhere.
fn initials_of_full_names(text: &str, spans: &[Span], lex: &Lexicon, added: &mut Vec<Span>) {
    let mut initials: Vec<String> = Vec::new();
    // Initials the text itself gives a name, "Kirsty-Ann MacLeod (KAM)",
    // "(Abdul Rahman, AR)": that person's wherever they stand, even where
    // the letters are also an abbreviation of the field.
    let mut defined: Vec<String> = Vec::new();
    for s in spans
        .iter()
        .filter(|s| s.rule.kind() == Kind::PersonName && s.rule != Rule::Title)
    {
        let words: Vec<&str> = text[s.start..s.end].split_whitespace().collect();
        if !(2..=3).contains(&words.len()) {
            continue;
        }
        let caps: String = words
            .iter()
            .filter_map(|w| w.chars().next())
            .filter(char::is_ascii_uppercase)
            .collect();
        // "Kirsty-Ann" gives two letters.
        let hyphenated: String = words
            .iter()
            .flat_map(|w| w.split('-'))
            .filter_map(|w| w.chars().next())
            .filter(char::is_ascii_uppercase)
            .collect();
        let parts = words.iter().map(|w| w.split('-').count()).sum::<usize>();
        let mut own = Vec::new();
        if caps.len() == words.len() {
            own.push(caps);
        }
        if parts > words.len() && hyphenated.len() == parts {
            own.push(hyphenated);
        }
        let after = &text[s.end..];
        let before = text[..s.start].trim_end_matches(['(', ' ']);
        for caps in own {
            // "Kirsty-Ann MacLeod (KAM)", or "AR (Amir Rahman)".
            let given = [" (", ", "].iter().any(|open| {
                after
                    .strip_prefix(open)
                    .and_then(|rest| rest.strip_prefix(caps.as_str()))
                    .is_some_and(|rest| rest.starts_with(')'))
            }) || (text[..s.start].ends_with(" (")
                && before.ends_with(caps.as_str())
                && !before[..before.len() - caps.len()].ends_with(|c: char| c.is_alphanumeric()));
            if given && !defined.contains(&caps) {
                defined.push(caps.clone());
            }
            if !initials.contains(&caps) {
                initials.push(caps);
            }
        }
    }
    for caps in &initials {
        let lc = caps.to_lowercase();
        let shared = lex.is_known_term(&lc) && !defined.contains(caps);
        for at in memchr::memmem::find_iter(text.as_bytes(), caps.as_bytes()) {
            let end = at + caps.len();
            let b = text.as_bytes();
            if (at > 0 && (wordish(b[at - 1]) || b[at - 1] == b'.'))
                || b.get(end).is_some_and(|&c| wordish(c) || c == b'.')
            {
                continue;
            }
            if shared {
                let rest = text[end..].trim_start_matches([' ', '\t']);
                let verb = rest
                    .split(|ch: char| !ch.is_alphabetic())
                    .next()
                    .unwrap_or("");
                let acts = opens_sentence(text, at)
                    && (text[end..].starts_with(':')
                        || lex.person_verbs.contains(verb)
                        || matches!(verb, "will" | "would" | "to" | "has" | "had" | "was"));
                if !acts {
                    continue;
                }
            }
            if overlaps(spans, added, at, end) {
                continue;
            }
            added.push(Span {
                start: at,
                end,
                rule: Rule::Initials,
                certain: false,
            });
        }
    }
}

/// Two to four capitals (with "Mc") after a dash that end a line or a
/// quote: the writer's initials ("— TB", "- AMcL").
fn signatures(text: &str, spans: &[Span], lex: &Lexicon, added: &mut Vec<Span>) {
    for dash in ["— ", "– ", " - "] {
        for p in memchr::memmem::find_iter(text.as_bytes(), dash.as_bytes()) {
            let start = p + dash.len();
            let tail = &text[start..];
            let len = tail
                .find(|ch: char| !(ch.is_ascii_alphabetic()))
                .unwrap_or(tail.len());
            let token = &tail[..len];
            // One initial with its full stop signs a message too ("— G.").
            let initial = len == 1 && tail[len..].starts_with('.');
            let rest =
                tail[len + usize::from(initial)..].trim_start_matches(['"', '”', '\'', '’', ' ']);
            if !(rest.is_empty() || rest.starts_with(['\n', '\r'])) {
                continue;
            }
            let caps = token.bytes().filter(u8::is_ascii_uppercase).count();
            let shape = token.starts_with(|ch: char| ch.is_ascii_uppercase())
                && token.ends_with(|ch: char| ch.is_ascii_uppercase())
                && ((caps == token.len() && (2..=3).contains(&caps))
                    || (initial && caps == 1)
                    || (token.contains("Mc") && caps + 1 == token.len() && caps <= 3));
            if !shape || lex.is_known_term(&token.to_lowercase()) {
                continue;
            }
            // A signature follows what was written: a sentence's end, a
            // quote's close, or nothing on its line ("… at 07:40. — TB").
            // "the national practice model — GIRFEC" names a term.
            let written = text[..start - dash.len()].trim_end_matches([' ', '\t']);
            if !(written.is_empty()
                || written.ends_with(['.', '!', '?', '"', '”', '\'', '’', ')', '\n']))
            {
                continue;
            }
            if overlaps(spans, added, start, start + len) {
                continue;
            }
            added.push(Span {
                start,
                end: start + len,
                rule: Rule::Initials,
                certain: false,
            });
        }
    }
}

/// An initial and a capitalised word standing as a person's name in a
/// list or after a role: "SW C. Ireland (from …)", "E. Young (school),".
fn initial_and_surname(text: &str, spans: &[Span], lex: &Lexicon, added: &mut Vec<Span>) {
    let b = text.as_bytes();
    for dot in memchr::memmem::find_iter(b, b". ") {
        if dot == 0 || !b[dot - 1].is_ascii_uppercase() {
            continue;
        }
        let i = dot - 1;
        if i > 0 && (wordish(b[i - 1]) || b[i - 1] == b'.') {
            continue;
        }
        let tail = &text[dot + 2..];
        if !tail.starts_with(|ch: char| ch.is_ascii_uppercase()) {
            continue;
        }
        let len = tail
            .find(|ch: char| !(ch.is_alphabetic() || ch == '-'))
            .unwrap_or(tail.len());
        let word = &tail[..len];
        if word.len() < 3
            || word.bytes().all(|c| c.is_ascii_uppercase())
            || NOT_A_SURNAME.contains(&word.to_lowercase().as_str())
        {
            continue;
        }
        // The name stands alone: a bracket, a comma or the line's end
        // follows, never a sentence going on in lower case.
        let rest = &tail[len..];
        let rest = rest.strip_prefix("'s").unwrap_or(rest);
        let closes = rest.is_empty()
            || rest.starts_with(['\n', '\r', ',', ';', ':', ')', '('])
            || rest.starts_with(" (")
            || rest.starts_with(" —")
            || rest.starts_with(" –")
            || (rest.starts_with('.') && !rest[1..].starts_with(|ch: char| ch.is_alphanumeric()));
        if !closes {
            continue;
        }
        let before = word_before(text, i);
        let lead = char_before(text, i);
        let role = !before.is_empty()
            && (lex.hard_titles.contains(before.to_lowercase().as_str())
                || (before.len() <= 4
                    && before.len() >= 2
                    && before.bytes().all(|c| c.is_ascii_uppercase()))
                || matches!(before, "Signed" | "signed" | "by" | "is" | "was"));
        // At a line's start, "A. Background" heads a lettered section:
        // the word must be no English word there, or a bracket follow.
        let heading =
            lead == b'\n' && crate::gate::names::is_english_word(word) && !rest.starts_with(" (");
        let listed =
            before.is_empty() && matches!(lead, b'\n' | b'(' | b',' | b';' | b':') && !heading;
        if !(role || listed) {
            continue;
        }
        let end = dot + 2 + len;
        if overlaps(spans, added, i, end) || citation::is_cited(text, i, end) {
            continue;
        }
        added.push(Span {
            start: i,
            end,
            rule: Rule::FullName,
            certain: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn a_title_and_the_initial_of_a_surname_written_in_full_is_that_person() {
        let t = "Phoned Mrs Abernethy at the depot. Mrs A said the van had gone.";
        assert!(found(t).contains(&"Mrs A"), "{:?}", found(t));
        let t = "Dr Kwame Boateng saw him on Monday; Dr B will review the bloods.";
        assert!(found(t).contains(&"Dr B"), "{:?}", found(t));
    }

    #[test]
    fn a_lone_capital_acting_is_a_person_named_in_full() {
        let t = "Priya came to the group late. P quietly said she had been at the dentist.";
        assert!(found(t).contains(&"P"), "{:?}", found(t));
        let t = "Yusuf was upset today. Later Y told staff he was fine. She said Y \"kicked off\" again.";
        let f = found(t);
        assert!(f.contains(&"Y"), "{f:?}");
        let t = "Text from Auntie Rukhsana: \"on my way. R\"\n";
        assert!(found(t).contains(&"R"), "{:?}", found(t));
    }

    #[test]
    fn a_lone_capital_before_any_verb_is_the_person_named() {
        let t = "Seen with Tariq Aziz. T was holding his arm and T seemed in pain.";
        let f = found(t);
        assert_eq!(f.iter().filter(|h| **h == "T").count(), 2, "{f:?}");
        let t = "Tessa Grant gave a sample; T cells were normal and A good result came.";
        assert!(!found(t).contains(&"T"), "{:?}", found(t));
    }

    #[test]
    fn initials_of_a_full_name_found_are_that_person() {
        let t = "Present: R. Cairns (HV), M. Orr (school).\nRC: feeds fine. MO will chase attendance.\n";
        let f = found(t);
        assert!(f.contains(&"RC") && f.contains(&"MO"), "{f:?}");
        let t = "Present: D. Swan (SW), G. Peters.\nThe GP was told. DS will visit.\n";
        let f = found(t);
        assert!(f.contains(&"DS") && !f.contains(&"GP"), "{f:?}");
        let t = "Warden: Kirsty-Ann MacLeod (KAM).\nCoach left at four. KAM\n";
        assert_eq!(found(t).iter().filter(|h| **h == "KAM").count(), 2);
        let t = "The chaperone (Abdul Rahman, AR) refused.\n| 27/02 | AR |\n";
        assert_eq!(found(t).iter().filter(|h| **h == "AR").count(), 2);
        let t = "**7790652 — AR (Amir Rahman).**\n| 23:41 | smoke det. | AR |\n";
        assert_eq!(found(t).iter().filter(|h| **h == "AR").count(), 2);
        let t = "Anna Ross wrote the AR (annual report) in May.\n";
        assert!(!found(t).contains(&"AR"), "{:?}", found(t));
    }

    #[test]
    fn a_signature_after_a_dash_is_its_writer() {
        let t = "\"Dropped the boys at school at 8.40, both fine. — JMcG\"\n";
        assert_eq!(found(t), ["JMcG"]);
        assert!(found("Checked by the night staff - RW\n").contains(&"RW"));
        assert!(found("Referred on the same day — GP\n").is_empty());
        assert_eq!(found("> Can you ring him today? — G.\n"), ["G"]);
        assert!(found("The options were: — A.\n").is_empty());
    }

    #[test]
    fn an_initial_and_a_word_after_a_role_or_in_a_list_is_a_person() {
        let t = "Copied to: HV B. Rose; SW T. Scotland (duty); A. Strong (nursery).\n";
        let f = found(t);
        for name in ["B. Rose", "T. Scotland", "A. Strong"] {
            assert!(f.iter().any(|h| h.contains(name)), "{name} in {f:?}");
        }
    }

    #[test]
    fn lettered_headings_and_terms_after_a_dash_pass() {
        let t = "A. Background\nB. Findings\n";
        assert!(found(t).is_empty(), "{:?}", found(t));
        // The signature rule alone: capitals after a dash that follows
        // words, not a sentence's end, are a term the other rules judge.
        let t = "The model we use — KPT\nas the law says — RWQ\nSeen at 4. — KPT\n";
        let mut added = Vec::new();
        super::signatures(t, &[], super::super::lexicon(), &mut added);
        let got: Vec<&str> = added.iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(got, ["KPT"]);
        assert_eq!(added[0].start, t.rfind("KPT").unwrap());
    }

    #[test]
    fn pseudonyms_labels_and_letters_with_no_name_behind_them_pass() {
        for t in [
            "Mr D said that nobody had asked him. Ms B agreed.",
            "Child A said she was scared; A told the teacher the next day.",
            "Plan B was a kinship placement. Section 11 applies. Vitamin D was given.",
            "The baby had the hepatitis B vaccine. Group B streptococcus was ruled out.",
            "We listened to Young Person C. Young carers told us the same.",
            "See Appendix D. The chronology is in Table E.",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }
}
