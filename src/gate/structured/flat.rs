//! Flat positions: Scottish tenements number flats by floor and door
//! (`Flat 1/L`, `flat 2/1`, `0/2`), Edinburgh by floor and flat (`3F1`).
//! With the street they pin a home to one door; even alone ("at Flat 1/L"
//! beside a town) they are part of an address. The street-address detector
//! finds them before a street; this finds them anywhere after a flat word.

use regex::Regex;

use super::util::{captures_near_digits, char_after, has_ascii_digit};
use crate::findings::Kind;
use crate::gate::{Detector, Hit, PreparedText};

pub struct FlatPosition {
    re: Regex,
}

impl FlatPosition {
    pub fn new() -> FlatPosition {
        // Floor/door with a slash, floor-F-flat, or a plain number only
        // after a capitalised "Flat" ("a flat 3 miles away" is no address).
        let re = Regex::new(concat!(
            r"(?i:flat|apartment|apt\.?)[ \u{a0}]+(?:no\.?[ \u{a0}]*)?",
            r"(?:[0-9G][ \u{a0}]?/[ \u{a0}]?(?:[0-9]{1,2}|[LRMlrm])|[0-9]{1,2}[Ff][0-9]{1,2})",
            r"|(?:Flat|Apartment)[ \u{a0}]+[0-9]{1,3}[A-Za-z]?",
        ))
        .expect("flat regex");
        FlatPosition { re }
    }
}

impl Default for FlatPosition {
    fn default() -> Self {
        FlatPosition::new()
    }
}

impl Detector for FlatPosition {
    fn name(&self) -> &'static str {
        "flat-position"
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
            let starts_word = text[..whole.start()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            // "Flat 3 weeks" or "flat 2/3 of the time" is no flat number.
            let glued =
                char_after(text, whole.end()).is_some_and(|c| c.is_alphanumeric() || c == '/');
            if !starts_word || glued || followed_by_quantity(&text[whole.end()..]) {
                continue;
            }
            hits.push(Hit::new(
                whole.start(),
                whole.end(),
                Kind::Address,
                "flat-position",
                "A flat number or position is part of a home address; describe the housing instead (\"a tenement flat\").",
            ));
        }
    }
}

/// Words that make the number a quantity: "flat 2/3 of", "Flat 3 weeks".
fn followed_by_quantity(rest: &str) -> bool {
    let word = rest
        .trim_start()
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        word.as_str(),
        "of" | "per"
            | "percent"
            | "weeks"
            | "days"
            | "months"
            | "years"
            | "hours"
            | "times"
            | "miles"
            | "storeys"
            | "floors"
            | "rooms"
            | "bedrooms"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let mut hits = Vec::new();
        FlatPosition::new().scan(text, &mut hits);
        hits.iter().map(|h| &text[h.start..h.end]).collect()
    }

    #[test]
    fn flat_positions_are_found() {
        assert_eq!(found("a photograph of the cot at Flat 1/L."), ["Flat 1/L"]);
        assert_eq!(found("they moved to flat 2/1 in the spring"), ["flat 2/1"]);
        assert_eq!(found("Mother rented Flat 3F1 near the park"), ["Flat 3F1"]);
        assert_eq!(found("police went to Flat 12, then left"), ["Flat 12"]);
        assert_eq!(found("the family's flat (flat 0/2) was cold"), ["flat 0/2"]);
    }

    #[test]
    fn quantities_and_other_flats_pass() {
        for text in [
            "a flat 3 miles from the school",
            "a flat rate of 2/3 of the cost",
            "Flat 3 weeks after the move was empty",
            "a two-bedroom flat in 2021",
            "flat 2/3 of the time",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
