//! National Insurance numbers: two letters, six digits, a suffix A–D (or
//! none), in any case and with or without spaces or hyphens.
//!
//! Prefixes HMRC never issues are flagged too (a made-up or mistyped number
//! on a form is still tied to a person), as is the temporary `TN` format
//! with a date of birth and M/F.

use regex::Regex;

use super::util::{char_after, eq_any, has_ascii_digit, starts_word};
use crate::findings::Kind;
use crate::gate::{Detector, Hit, PreparedText};

pub struct NiNumber {
    re: Regex,
}

/// Two-letter English words: as a prefix they need the suffix letter too,
/// or "in 12 34 56" style number lists would be flagged.
const WORD_PREFIXES: &[&str] = &[
    "am", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me", "my", "no",
    "of", "oh", "on", "or", "so", "to", "up", "us", "we",
];

impl NiNumber {
    pub fn new() -> NiNumber {
        let re = Regex::new(concat!(
            r"(?P<prefix>[A-Za-z]{2})[ \u{a0}\-]?",
            r"(?P<digits>[0-9]{6}|[0-9]{2}[ \u{a0}\-][0-9]{2}[ \u{a0}\-][0-9]{2})",
            r"(?:[ \u{a0}\-]?(?P<suffix>[A-Za-z]))?",
        ))
        .expect("ni regex");
        NiNumber { re }
    }
}

/// More bytes than any match spans: two letters, six digits, four
/// separators of at most two bytes (a no-break space) and a suffix letter.
const LONGEST_MATCH: usize = 24;

impl NiNumber {
    /// The regex's matches in `text`, as `captures_iter` finds them, whose
    /// digits all stand in `windows` (the text's digit windows). Every
    /// match starts with two ASCII letters and an optional separator right
    /// before the first digit of a run, so the regex is asked only there,
    /// over the few bytes a match can span, and a match counts only when it
    /// starts where it was asked (a later start is asked in its turn).
    fn matches<'t>(&self, text: &'t str, windows: &[(usize, usize)]) -> Vec<regex::Captures<'t>> {
        let bytes = text.as_bytes();
        let letters =
            |at: usize| bytes[at].is_ascii_alphabetic() && bytes[at + 1].is_ascii_alphabetic();
        let mut starts = Vec::new();
        for &(from, to) in windows {
            for d in from.max(2)..to {
                if !bytes[d].is_ascii_digit() {
                    continue;
                }
                let before = bytes[d - 1];
                let start = if before.is_ascii_alphabetic() {
                    Some(d - 2)
                } else if matches!(before, b' ' | b'-') && d >= 3 {
                    Some(d - 3)
                } else if before == 0xa0 && d >= 4 && bytes[d - 2] == 0xc2 {
                    Some(d - 4)
                } else {
                    None
                };
                if let Some(start) = start.filter(|&s| letters(s)) {
                    starts.push(start);
                }
            }
        }
        starts.sort_unstable();
        starts.dedup();
        super::util::captures_at_starts(&self.re, text, &starts, LONGEST_MATCH)
    }
}

impl Default for NiNumber {
    fn default() -> Self {
        NiNumber::new()
    }
}

impl Detector for NiNumber {
    fn name(&self) -> &'static str {
        "ni-number"
    }

    fn scan(&self, text: &str, hits: &mut Vec<Hit>) {
        self.scan_prepared(&PreparedText::new(text), hits)
    }

    fn scan_prepared(&self, prepared: &PreparedText<'_>, hits: &mut Vec<Hit>) {
        let text = prepared.text;
        if !has_ascii_digit(text) {
            return;
        }
        for caps in self.matches(text, super::util::windows_of(prepared)) {
            let whole = caps.get(0).expect("match");
            let prefix = caps.name("prefix").expect("prefix");
            let digits = caps.name("digits").expect("digits");
            if !starts_word(text, whole.start()) {
                continue;
            }
            // Six digits exactly: a seventh means some other number.
            if char_after(text, digits.end()).is_some_and(|c| c.is_ascii_digit()) {
                continue;
            }
            let p = prefix.as_str().to_ascii_uppercase();
            // Keep the suffix only when it stands alone and is one HMRC uses
            // (A–D, or M/F on a temporary TN number).
            let suffix = caps.name("suffix").filter(|s| {
                let c = s.as_str().to_ascii_uppercase();
                let allowed = matches!(c.as_str(), "A" | "B" | "C" | "D")
                    || (p == "TN" && matches!(c.as_str(), "M" | "F"));
                allowed
                    && !char_after(text, s.end()).is_some_and(|c| c.is_alphanumeric() || c == '_')
            });
            let end = match suffix {
                Some(s) => s.end(),
                None => {
                    if char_after(text, digits.end())
                        .is_some_and(|c| c.is_alphanumeric() || c == '_')
                    {
                        continue;
                    }
                    digits.end()
                }
            };
            if suffix.is_none() && eq_any(prefix.as_str(), WORD_PREFIXES) {
                continue;
            }
            hits.push(Hit::new(
                whole.start(),
                end,
                Kind::NiNumber,
                "ni-number",
                "Two letters and six digits look like a National Insurance number, which identifies one person for tax and benefits.",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gate::test_texts::{capture_spans, random_texts};

    fn found(text: &str) -> Vec<String> {
        let mut hits = Vec::new();
        NiNumber::new().scan(text, &mut hits);
        assert!(hits.iter().all(|h| h.kind == Kind::NiNumber));
        hits.into_iter()
            .map(|h| text[h.start..h.end].to_string())
            .collect()
    }

    /// Asking the regex only where a match may start finds what a search
    /// of the whole text finds, on random texts of letters, digits and
    /// separators.
    #[test]
    fn matches_equal_a_whole_text_search() {
        let ni = NiNumber::new();
        let pieces = [
            "AB", "q", "Z", " ", "\u{a0}", "-", "12", "3", "456", "C", "é", "7", "\n", "_", "xy",
        ];
        let mut matched = 0;
        for text in random_texts(&pieces, 0x2545_f491_4f6c_dd1d, 30).take(20_000) {
            let fast = capture_spans(ni.matches(&text, &[(0, text.len())]));
            let slow = capture_spans(ni.re.captures_iter(&text).collect());
            assert_eq!(fast, slow, "{text:?}");
            matched += slow.len();
        }
        assert!(matched > 500, "the random texts hold numbers: {matched}");
    }

    #[test]
    fn spaced_compact_and_hyphenated_ni_numbers_are_found() {
        assert_eq!(found("number, JT 48 29 17 B, was"), vec!["JT 48 29 17 B"]);
        assert_eq!(found("listed PR519406D."), vec!["PR519406D"]);
        assert_eq!(found("(RE-71-36-29-A) arrived"), vec!["RE-71-36-29-A"]);
        assert_eq!(found("gave nw 73 10 52 a as the"), vec!["nw 73 10 52 a"]);
    }

    #[test]
    fn a_number_without_its_suffix_letter_is_still_found() {
        assert_eq!(found("NI number QQ 12 34 56 on file"), vec!["QQ 12 34 56"]);
        assert_eq!(found("NI AB123456."), vec!["AB123456"]);
    }

    #[test]
    fn prefixes_hmrc_never_issues_and_temporary_numbers_are_found() {
        assert_eq!(
            found("old number GB 12 34 56 C here"),
            vec!["GB 12 34 56 C"]
        );
        assert_eq!(
            found("a temporary TN 03 08 12 M number"),
            vec!["TN 03 08 12 M"]
        );
    }

    #[test]
    fn a_following_word_is_not_taken_as_the_suffix() {
        assert_eq!(found("number AB 12 34 56 Carol gave"), vec!["AB 12 34 56"]);
    }

    #[test]
    fn ordinary_words_before_numbers_pass() {
        assert!(found("The rates in 12 34 56 areas").is_empty());
        assert!(found("in 2021 22 referrals").is_empty());
        assert!(found("a hash ab1234567 here").is_empty());
        assert!(found("code XAB123456C here").is_empty());
        assert!(found("Sections 12 34 and 56 apply").is_empty());
    }
}
