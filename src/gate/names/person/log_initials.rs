//! Two more slots that only a person's initials fill, whatever letters
//! they are:
//! - after the date (and time) that heads a log entry, before the entry
//!   itself: "**08/07/2025 HGC** — phoned", "9 July 2025 16:00 HGC:",
//!   "**5 Oct JOC** —";
//! - signing a paragraph after its last full stop, on their own at the
//!   line's end: "…speaks some Urdu. MF", "photos uploaded. GP";
//! - after a dash at the end of an entry, typed in lower case: "forgot
//!   his fiddle again. — jb";
//! - anywhere, initials whose surname is a Mc or Mac name ("GMcL",
//!   "AMcD", "JMacK"): no acronym has that shape.

use super::super::lexicon::Lexicon;
use super::{Rule, Span};
use crate::gate::text::{MONTH_NAMES, WEEKDAY_NAMES};

/// Whether the letters at `start..end` follow the date that opens their
/// line and close the entry's heading.
pub(super) fn after_a_dated_heading(text: &str, start: usize, end: usize) -> bool {
    // What follows first: it is read for every acronym in prose, and the
    // line before it can be a paragraph long.
    let rest = &text[end..];
    let closes = rest.starts_with("**")
        || rest.starts_with(".**")
        || rest.starts_with(" —")
        || rest.starts_with(" –")
        || rest.starts_with(" - ")
        || rest.starts_with(':')
        || rest.starts_with(['\n', '\r'])
        || rest.is_empty();
    if !closes {
        return false;
    }
    let line_start = text[..start].rfind('\n').map_or(0, |k| k + 1);
    let head = text[line_start..start].trim_start_matches(['*', '#', '_', '>', '-', ' ', '|']);
    if !head.ends_with(' ') || !head.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    // A day, not a year alone: a numeric date ("08/07/2025", "10/07")
    // or a month's name beside a day ("5 Oct", "9 July 2025").
    let words: Vec<&str> = head.split_whitespace().collect();
    let numeric_date = words.iter().any(|w| {
        w.bytes().any(|b| matches!(b, b'/' | b'.' | b'-'))
            && w.bytes().filter(u8::is_ascii_digit).count() >= 2
    });
    let named_month = words
        .iter()
        .any(|w| MONTH_NAMES.contains(&w.trim_matches(',').to_ascii_lowercase().as_str()));
    let a_day = words.iter().any(|w| {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == ',');
        (1..=2).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
    });
    let dated = (numeric_date || (named_month && a_day))
        && words.iter().all(|w| {
            let w = w.trim_matches([',', '(', ')']);
            let numeric = !w.is_empty()
                && w.bytes().any(|b| b.is_ascii_digit())
                && w.bytes()
                    .all(|b| b.is_ascii_digit() || matches!(b, b'/' | b'.' | b'-' | b':'));
            let ordinal = w.len() > 2
                && ["st", "nd", "rd", "th"].iter().any(|s| w.ends_with(s))
                && w[..w.len() - 2].bytes().all(|b| b.is_ascii_digit());
            let lower = w.to_ascii_lowercase();
            // "**21/08/2025 — RP.**": a dash between the date and the letters.
            let dash = matches!(w, "—" | "–" | "-");
            numeric
                || ordinal
                || dash
                || MONTH_NAMES.contains(&lower.as_str())
                || WEEKDAY_NAMES.contains(&lower.as_str())
        });
    dated
}

/// Whether the letters at `start..end` stand alone at the end of their
/// line, after a sentence's full stop on the same line.
pub(super) fn signs_a_paragraph(text: &str, start: usize, end: usize) -> bool {
    // "…not be shared. RF.": the letters' own full stop may close the line.
    let rest = text[end..].strip_prefix('.').unwrap_or(&text[end..]);
    if !(rest.is_empty() || rest.starts_with(['\n', '\r'])) {
        return false;
    }
    let Some(before) = text[..start].strip_suffix(' ') else {
        return false;
    };
    let line_start = before.rfind('\n').map_or(0, |k| k + 1);
    let sentence = &before[line_start..];
    // A sentence, not an abbreviation's dot: "No. GP" or "etc. GP".
    sentence.ends_with('.')
        && sentence.split_whitespace().count() >= 3
        && !sentence.ends_with("etc.")
        && !sentence.ends_with(" No.")
        && !sentence.ends_with(" no.")
}

/// Whether a few letters typed in lower case are a word or a note's
/// abbreviation ("ok", "tbc") rather than someone's initials. The
/// dictionary holds abbreviations too ("dg", "kw"): letters with no vowel
/// are no word a note is signed with.
pub(super) fn letters_are_a_word(letters: &str, lex: &Lexicon) -> bool {
    let voweled = letters.bytes().any(|b| b"aeiouy".contains(&b));
    (voweled && lex.is_word(letters))
        || lex.is_known_term(letters)
        || matches!(letters, "tbc" | "tba" | "nfa" | "nb" | "ps" | "pto" | "nk")
}

/// Adds initials typed in lower case after an entry's closing dash
/// ("… again. — jb", "— signed dg (Davie Gourlay)", "— dmcg", "— dg / MNL")
/// to `spans`: two or three letters that are no word, or a Mc surname's
/// four.
pub(super) fn lower_case_sign_offs(text: &str, spans: &mut Vec<Span>, lex: &Lexicon) {
    let bytes = text.as_bytes();
    for dash in ["\u{2014} ", "\u{2013} "] {
        for at in memchr::memmem::find_iter(bytes, dash.as_bytes()) {
            let mut start = at + dash.len();
            for label in ["signed ", "initialled "] {
                if text[start..].starts_with(label) {
                    start += label.len();
                }
            }
            let len = bytes[start..]
                .iter()
                .take_while(|b| b.is_ascii_lowercase())
                .count();
            let end = start + len;
            let letters = &text[start..end];
            let shaped = (2..=3).contains(&len) || (len == 4 && &letters[1..3] == "mc");
            if !shaped {
                continue;
            }
            let rest = &text[end..];
            // The writer's name glossed after the letters vouches for them.
            let glossed = rest
                .strip_prefix(" (")
                .is_some_and(|r| r.starts_with(|c: char| c.is_uppercase()));
            // "**MB-3302 — 07/10 09:15 — jen**": closing a bold heading.
            let rest_of_line = rest.trim_start_matches(['*', '_']);
            let closes = rest_of_line.is_empty()
                || rest_of_line.starts_with(['\n', '\r'])
                || rest.starts_with(" / ")
                || glossed;
            let before = &text[..at];
            // After an entry's last sentence, or the date and time that
            // head it.
            let after_entry = before.trim_end().ends_with(['.', '!', '?'])
                || before.trim_end_matches([' ', '\t']).ends_with('\n')
                || before.trim_end().ends_with(|c: char| c.is_ascii_digit());
            if closes && after_entry && (glossed || !letters_are_a_word(letters, lex)) {
                spans.push(Span {
                    start,
                    end,
                    rule: Rule::SignOff,
                    certain: false,
                });
            }
        }
    }
}

/// Adds the initials at a line's two edges that only a writer's are:
/// one capital signing a message after its last sentence ("…pending the
/// police. S."), and two or three lower-case letters that are no word
/// heading a dated entry ("cb 20/3 — Kayden in with Claire").
pub(super) fn initials_at_line_edges(text: &str, spans: &mut Vec<Span>, lex: &Lexicon) {
    let bytes = text.as_bytes();
    let mut line_start = 0;
    for line_end in memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len())) {
        let line = &text[line_start..line_end];
        let from = line_start;
        line_start = line_end + 1;
        let body = line.trim_end_matches(['\r', ' ', '"', '*', '\u{201d}']);
        // One capital and its full stop after a sentence of three words.
        if let Some(head) = body.strip_suffix('.') {
            let letter = head.as_bytes().last().copied();
            let sentence = head.get(..head.len().saturating_sub(1)).unwrap_or("");
            if letter.is_some_and(|b| b.is_ascii_uppercase())
                && sentence.ends_with(". ")
                && !sentence.ends_with(" No. ")
                && sentence.split_whitespace().count() >= 4
            {
                let at = from + head.len() - 1;
                spans.push(Span {
                    start: at,
                    end: at + 1,
                    rule: Rule::SignOff,
                    certain: false,
                });
            }
        }
        // Lower-case letters, a day and month, a dash.
        let lead = line.trim_start_matches(['"', '>', ' ', '*', '-', '\u{201c}']);
        let len = lead.bytes().take_while(u8::is_ascii_lowercase).count();
        if !(2..=3).contains(&len) {
            continue;
        }
        let letters = &lead[..len];
        let rest = &lead[len..];
        let Some(date) = rest.strip_prefix(' ') else {
            continue;
        };
        let date_len = date
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b'/' || *b == b'.')
            .count();
        let dated = date_len >= 3
            && date[..date_len].bytes().filter(u8::is_ascii_digit).count() >= 2
            && date[..date_len].contains(['/', '.'])
            && (date[date_len..].starts_with(" \u{2014}")
                || date[date_len..].starts_with(" \u{2013}")
                || date[date_len..].starts_with(" -")
                || date[date_len..].starts_with(':'));
        if dated && !letters_are_a_word(letters, lex) {
            let at = from + (line.len() - lead.len());
            spans.push(Span {
                start: at,
                end: at + len,
                rule: Rule::SignOff,
                certain: false,
            });
        }
    }
}

/// Adds initials of a Mc or Mac surname ("GMcL", "AMcD") to `spans`.
pub(super) fn mc_initials(text: &str, spans: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    for at in
        memchr::memmem::find_iter(bytes, b"Mc").chain(memchr::memmem::find_iter(bytes, b"Mac"))
    {
        let Some(start) = at.checked_sub(1) else {
            continue;
        };
        let stem = if bytes[at + 1] == b'a' { 3 } else { 2 };
        let tail = bytes[at + stem..]
            .iter()
            .take_while(|b| b.is_ascii_uppercase())
            .count();
        let end = at + stem + tail;
        let apart_before = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
        let apart_after = !bytes.get(end).is_some_and(u8::is_ascii_alphanumeric);
        if bytes[start].is_ascii_uppercase()
            && (1..=2).contains(&tail)
            && apart_before
            && apart_after
        {
            spans.push(Span {
                start,
                end,
                rule: Rule::Initials,
                certain: false,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{after_a_dated_heading, signs_a_paragraph};

    fn at(text: &str, word: &str) -> (usize, usize) {
        let s = text.find(word).unwrap();
        (s, s + word.len())
    }

    #[test]
    fn letters_after_an_entrys_date_are_its_author() {
        for text in [
            "**08/07/2025 HGC** — Neighbouring farmer phoned.",
            "**9 July 2025 16:00 HGC** — DC came.",
            "2025-07-21 HGC: agency withdrew him.",
            "**5 Oct JOC** — came in with gran.",
            "- Tue 14th Jan HGC — left a message",
            "**21/08/2025 — HGC.** Kai banned from the building.",
        ] {
            let (s, e) = at(text, if text.contains("JOC") { "JOC" } else { "HGC" });
            assert!(after_a_dated_heading(text, s, e), "{text}");
        }
    }

    #[test]
    fn letters_after_a_year_in_prose_are_not() {
        for text in [
            "In 2024 CPC members agreed the plan.",
            "**2024 CPC** annual report",
            "Between 2019 and 2023 NHS boards reported more.",
        ] {
            let (s, e) = at(text, if text.contains("NHS") { "NHS" } else { "CPC" });
            assert!(!after_a_dated_heading(text, s, e), "{text}");
        }
    }

    #[test]
    fn letters_closing_a_paragraph_after_its_full_stop_sign_it() {
        let text = "Mrs H also present, speaks some Urdu. MF\nnext";
        let (s, e) = at(text, "MF");
        assert!(signs_a_paragraph(text, s, e));
        let text = "photos 1-6 uploaded. GP";
        let (s, e) = at(text, "GP");
        assert!(signs_a_paragraph(text, s, e));
    }

    #[test]
    fn letters_in_a_sentence_or_after_a_heading_do_not() {
        for (text, word) in [
            ("The family saw their GP.", "GP"),
            ("Referred to: GP", "GP"),
            ("See No. GP", "GP"),
            ("The plan was agreed by the CPC in May.", "CPC"),
        ] {
            let (s, e) = at(text, word);
            assert!(!signs_a_paragraph(text, s, e), "{text}");
        }
    }

    #[test]
    fn initials_in_lower_case_after_an_entrys_dash_sign_it() {
        let lex = crate::gate::names::lexicon::lexicon();
        let found = |text: &str| {
            let mut spans = Vec::new();
            super::lower_case_sign_offs(text, &mut spans, lex);
            spans
                .iter()
                .map(|s| text[s.start..s.end].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(found("Mateo forgot his fiddle again. — jb\nnext"), ["jb"]);
        assert!(found("Mateo forgot his fiddle — not again").is_empty());
        assert!(found("It went well. — ok").is_empty());
        assert_eq!(
            found("Earn-a-bike explained.\n— signed dg (Davie Gourlay, volunteer)"),
            ["dg"]
        );
        assert!(found("Good weld test. — dmcg (tutor)\n").is_empty());
        assert_eq!(found("Good weld test. — dmcg\n"), ["dmcg"]);
        assert_eq!(found("Quiet session.\n— dg / MNL\n"), ["dg"]);
        assert!(found("Fine. — ok (see above)\n").is_empty());
        assert!(found("Date of the hearing.\n— tbc\n").is_empty());
        assert_eq!(found("**MB-3302 — 07/10 09:15 — jen**\n"), ["jen"]);
        assert!(found("**Table 2 — 2024 — all**\n").is_empty());
    }

    #[test]
    fn initials_of_a_mc_surname_are_someones_anywhere() {
        let found = |text: &str| {
            let mut spans = Vec::new();
            super::mc_initials(text, &mut spans);
            spans
                .iter()
                .map(|s| text[s.start..s.end].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(found("| 02/06/2025 | AMcD | Bracken vaccs."), ["AMcD"]);
        assert_eq!(
            found("GMcL advised the flowchart; JMacK agreed."),
            ["GMcL", "JMacK"]
        );
        assert!(found("Mr McDonald and the MacLeod family, DMcDonald").is_empty());
    }

    #[test]
    fn a_letter_signing_a_message_and_letters_heading_a_dated_entry() {
        let found = |text: &str| {
            let mut spans = Vec::new();
            super::initials_at_line_edges(text, &mut spans, super::super::lexicon());
            spans
                .iter()
                .map(|s| text[s.start..s.end].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            found("> Can we hold the plot until the police call back. K.\n"),
            ["K"]
        );
        assert_eq!(found("\"kd 20/3 — Mia in with her gran.\""), ["kd"]);
        assert_eq!(found("wt 4.11: no show\n"), ["wt"]);
        for text in [
            "Take vitamin D.\nThe plan is Plan B.",
            "The review agreed the actions. No. 5.",
            "on 20/3 — went to the clinic",
            "CPC 20/3 — the minutes",
            "so 2.5 — a rise",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
