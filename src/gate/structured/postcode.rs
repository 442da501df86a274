//! UK postcodes: outward and inward code, with or without a space, in any
//! case, and inside URLs where the space is written `+` or `%20`.
//!
//! The outward code must start with a real postcode area, which is what
//! keeps product codes and grid references out. A bare outward code
//! (`EH6`) is flagged only when the word "postcode" introduces or follows
//! it, or "area" or "district" follows it ("the KA1 area"), since on its
//! own it is as likely a road (`M8`) as a district.

use regex::Regex;

use super::util::{captures_near_digits, char_after, char_before, has_ascii_digit};
use crate::findings::Kind;
use crate::gate::{Detector, Hit, PreparedText};

pub struct Postcode {
    full: Regex,
    district: Regex,
    /// A cheap test that the district rule can match at all.
    post_word: Regex,
}

/// Every UK postcode area (plus BFPO's BF and the Crown dependencies).
const AREAS: &[&str] = &[
    "AB", "AL", "B", "BA", "BB", "BD", "BF", "BH", "BL", "BN", "BR", "BS", "BT", "CA", "CB", "CF",
    "CH", "CM", "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT", "DY",
    "E", "EC", "EH", "EN", "EX", "FK", "FY", "G", "GL", "GU", "GY", "HA", "HD", "HG", "HP", "HR",
    "HS", "HU", "HX", "IG", "IM", "IP", "IV", "JE", "KA", "KT", "KW", "KY", "L", "LA", "LD", "LE",
    "LL", "LN", "LS", "LU", "M", "ME", "MK", "ML", "N", "NE", "NG", "NN", "NP", "NR", "NW", "OL",
    "OX", "PA", "PE", "PH", "PL", "PO", "PR", "RG", "RH", "RM", "S", "SA", "SE", "SG", "SK", "SL",
    "SM", "SN", "SO", "SP", "SR", "SS", "ST", "SW", "SY", "TA", "TD", "TF", "TN", "TQ", "TR", "TS",
    "TW", "UB", "W", "WA", "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE",
];

const MESSAGE: &str =
    "This looks like a UK postcode, which narrows a home or school down to a handful of addresses.";

impl Postcode {
    pub fn new() -> Postcode {
        let full = Regex::new(concat!(
            r"(?P<out>[A-Za-z]{1,2}[0-9][A-Za-z0-9]?)",
            r"(?:[ \u{a0}]{1,2}|\+|%20|%A0|&nbsp;)?",
            r"(?P<in>[0-9][A-Za-z]{2})",
        ))
        .expect("postcode regex");
        let district = Regex::new(concat!(
            r"(?i:post[ -]?code)(?:[ \u{a0}]+(?i:area|district|sector))?(?:[ \u{a0}]*:)?(?:[ \u{a0}]+(?i:of|in|was|is))?[ \u{a0}]+(?P<a>[A-Z]{1,2}[0-9][A-Z0-9]?)",
            r"|(?P<b>[A-Z]{1,2}[0-9][A-Z0-9]?)[ \u{a0}]+(?i:post[ -]?code|area|district)\b",
        ))
        .expect("postcode district regex");
        let post_word = Regex::new(r"(?i)post|area|district").expect("literal regex");
        Postcode {
            full,
            district,
            post_word,
        }
    }
}

/// More bytes than any full postcode spans: four of the outward code,
/// `&nbsp;` and three of the inward code.
const LONGEST_FULL: usize = 24;

impl Postcode {
    /// The full-postcode regex's matches, as `captures_iter` finds them
    /// over the whole text, whose digits stand in `windows` (the digit
    /// windows). A match starts with one or two ASCII letters right before
    /// a digit: the regex is asked only there.
    fn full_matches<'t>(
        &self,
        text: &'t str,
        windows: &[(usize, usize)],
    ) -> Vec<regex::Captures<'t>> {
        let bytes = text.as_bytes();
        let mut starts = Vec::new();
        for &(from, to) in windows {
            for d in from.max(1)..to {
                if bytes[d].is_ascii_digit() && bytes[d - 1].is_ascii_alphabetic() {
                    if d >= 2 && bytes[d - 2].is_ascii_alphabetic() {
                        starts.push(d - 2);
                    }
                    starts.push(d - 1);
                }
            }
        }
        starts.sort_unstable();
        starts.dedup();
        super::util::captures_at_starts(&self.full, text, &starts, LONGEST_FULL)
    }
}

impl Default for Postcode {
    fn default() -> Self {
        Postcode::new()
    }
}

/// Checks the outward code's shape (A9, A99, AA9, AA99, A9A, AA9A) and area.
fn valid_outward(out: &str) -> bool {
    let up = out.to_ascii_uppercase();
    let letters = up.bytes().take_while(u8::is_ascii_alphabetic).count();
    let area = &up[..letters];
    let rest = &up.as_bytes()[letters..];
    let shape_ok = match rest {
        [d] => d.is_ascii_digit(),
        [d, x] => d.is_ascii_digit() && (x.is_ascii_digit() || x.is_ascii_alphabetic()),
        _ => false,
    };
    shape_ok && AREAS.contains(&area)
}

/// Letters, digits and `_` around a match mean it is part of a longer token.
fn glued(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// `st`/`nd`/`rd`/`th` after a digit in lower case is an ordinal ("2nd"),
/// as in "x1 2nd", not an inward code.
fn ordinal_inward(inward: &str) -> bool {
    let letters = &inward[1..];
    letters.bytes().all(|b| b.is_ascii_lowercase()) && matches!(letters, "st" | "nd" | "rd" | "th")
}

impl Detector for Postcode {
    fn name(&self) -> &'static str {
        "postcode"
    }

    fn scan(&self, text: &str, hits: &mut Vec<Hit>) {
        self.scan_prepared(&PreparedText::new(text), hits)
    }

    fn scan_prepared(&self, prepared: &PreparedText<'_>, hits: &mut Vec<Hit>) {
        let text = prepared.text;
        super::what3words::find(text, hits);
        if !has_ascii_digit(text) {
            return;
        }
        let first_new = hits.len();
        super::eircode::find(
            text,
            super::util::windows_of(prepared),
            &super::util::digits_of(prepared),
            hits,
        );
        for caps in self.full_matches(text, super::util::windows_of(prepared)) {
            let whole = caps.get(0).expect("match");
            let out = caps.name("out").expect("outward").as_str();
            let inward = caps.name("in").expect("inward").as_str();
            if glued(char_before(text, whole.start())) || glued(char_after(text, whole.end())) {
                continue;
            }
            if !valid_outward(out) || ordinal_inward(inward) {
                continue;
            }
            hits.push(Hit::new(
                whole.start(),
                whole.end(),
                Kind::Postcode,
                "postcode",
                MESSAGE,
            ));
        }
        super::house_line::find(text, hits, first_new);
        super::house_line::po_boxes(text, hits);
        // The district rule needs the word "postcode", "area" or "district"
        // nearby; most texts
        // never say it, and this regex cannot be prefiltered on its own.
        let says_postcode = self.post_word.is_match(text);
        let district_matches = if says_postcode {
            captures_near_digits(&self.district, text, super::util::windows_of(prepared))
        } else {
            Vec::new()
        };
        for caps in district_matches {
            let Some(code) = caps.name("a").or_else(|| caps.name("b")) else {
                continue;
            };
            if glued(char_before(text, code.start())) || glued(char_after(text, code.end())) {
                continue;
            }
            // An outward code followed by its inward code was reported above.
            if hits[first_new..]
                .iter()
                .any(|h| h.start <= code.start() && code.end() <= h.end)
            {
                continue;
            }
            if !valid_outward(code.as_str()) {
                continue;
            }
            hits.push(Hit::new(
                code.start(),
                code.end(),
                Kind::Postcode,
                "postcode-district",
                "This looks like a postcode district, which with other details can narrow down where a family lives.",
            ).uncertain());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gate::test_texts::{capture_spans, random_texts};

    fn found(text: &str) -> Vec<String> {
        let mut hits = Vec::new();
        Postcode::new().scan(text, &mut hits);
        // The address lines before a postcode are `house_line`'s to test.
        assert!(hits
            .iter()
            .all(|h| h.kind == Kind::Postcode || h.rule == "address-before-postcode"));
        hits.into_iter()
            .filter(|h| h.kind == Kind::Postcode)
            .map(|h| text[h.start..h.end].to_string())
            .collect()
    }

    /// Asking the full regex only where a match may start finds what a
    /// search of the whole text finds, on random texts.
    #[test]
    fn full_matches_equal_a_whole_text_search() {
        let p = Postcode::new();
        let pieces = [
            "EH", "g", "W", "1", "12", "5", "AB", "c", " ", "\u{a0}", "+", "%20", "&nbsp;", "-",
            "é", "\n",
        ];
        let mut matched = 0;
        for text in random_texts(&pieces, 0x9e37_79b9_7f4a_7c15, 24).take(20_000) {
            let fast = capture_spans(p.full_matches(&text, &[(0, text.len())]));
            let slow = capture_spans(p.full.captures_iter(&text).collect());
            assert_eq!(fast, slow, "{text:?}");
            matched += slow.len();
        }
        assert!(matched > 500, "the random texts hold postcodes: {matched}");
    }

    #[test]
    fn a_full_postcode_is_found_in_any_case_with_or_without_a_space() {
        assert_eq!(
            found("The new tenancy was in FK22 4XT, close"),
            vec!["FK22 4XT"]
        );
        assert_eq!(found("traced to ml13 9qt on"), vec!["ml13 9qt"]);
        assert_eq!(found("postcode as DD127HB, which"), vec!["DD127HB"]);
        assert_eq!(
            found("Glasgow G1 1XQ and EH6 5AB"),
            vec!["G1 1XQ", "EH6 5AB"]
        );
        assert_eq!(found("London W1A 1AA"), vec!["W1A 1AA"]);
    }

    #[test]
    fn a_postcode_inside_a_url_query_is_found() {
        assert_eq!(
            found("https://maps.example.org/search?q=ML13+9QT)"),
            vec!["ML13+9QT"]
        );
        assert_eq!(found("search?postcode=EH6%205AB&x=1"), vec!["EH6%205AB"]);
    }

    #[test]
    fn a_district_introduced_by_the_word_postcode_is_found() {
        assert_eq!(found("a flat in the postcode area EH6 and"), vec!["EH6"]);
        assert_eq!(found("within the G41 postcode."), vec!["G41"]);
        assert_eq!(found("they lived in the KA1 area until"), vec!["KA1"]);
        assert_eq!(found("moved within the PH33 district."), vec!["PH33"]);
        assert_eq!(found("the postcode FK22 4XT"), vec!["FK22 4XT"]);
    }

    #[test]
    fn roads_grades_ordinals_and_codes_pass() {
        assert!(found("driving on the M8 and the A9 at night").is_empty());
        assert!(found("Pupils in S4 areas of the curriculum and the A9 areas").is_empty());
        assert!(found("the x1 2nd floor").is_empty());
        assert!(found("pupils in S4 and P7 classes").is_empty());
        assert!(found("part QX12 3AB of a code").is_empty());
        assert!(found("hash abFK22 4XTcd here").is_empty());
        assert!(found("The GIRFEC wellbeing indicators were not used.").is_empty());
    }
}
