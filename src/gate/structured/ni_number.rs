//! National Insurance numbers: two letters, six digits, a suffix A–D (or
//! none), in any case and with or without spaces or hyphens.
//!
//! Prefixes HMRC never issues are flagged too (a made-up or mistyped number
//! on a form is still tied to a person), as is the temporary `TN` format
//! with a date of birth and M/F.

use regex::Regex;

use super::util::{captures_near_digits, char_after, eq_any, has_ascii_digit, starts_word};
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
        for caps in captures_near_digits(&self.re, text, super::util::windows_of(prepared)) {
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

    fn found(text: &str) -> Vec<String> {
        let mut hits = Vec::new();
        NiNumber::new().scan(text, &mut hits);
        assert!(hits.iter().all(|h| h.kind == Kind::NiNumber));
        hits.into_iter()
            .map(|h| text[h.start..h.end].to_string())
            .collect()
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
