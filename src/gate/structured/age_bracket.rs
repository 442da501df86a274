//! Ages finer than a year that a name or "now" marks in brackets:
//! "Chipo (18 months)", "Baby Hevi (11 months)", "Maryam (nineteen months
//! at start of term)", "(now 14 months)", and speech and language
//! therapy's years;months after "age" ("Chronological age: … (3;11)").
//!
//! "The Parenting Programme (12 weeks)" is a length of time: the word
//! before the bracket must be no English word (a name), unless "Baby" or
//! "now" says whose age it is.

use std::sync::OnceLock;

use regex::Regex;

use crate::findings::Kind;
use crate::gate::Hit;

const MESSAGE: &str =
    "This looks like an exact age finer than a year, which narrows down who the child is; give whole years or an age band.";

const NUMBER: &str = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[- ](?:one|two|three))?)";

fn patterns() -> &'static (Regex, Regex) {
    static RE: OnceLock<(Regex, Regex)> = OnceLock::new();
    RE.get_or_init(|| {
        (
            Regex::new(&format!(
                r"(?:([Bb]aby\s+)?(\p{{Lu}}[\p{{L}}'’-]+)\s+)?\(\s*(now\s+|aged\s+)?((?i:{NUMBER})\s+(?:weeks?|months?|wks?|mths?))\b[^()\n]{{0,60}}\)"
            ))
            .expect("bracketed age pattern compiles"),
            Regex::new(r"(?i:\bage\b|\baged\b)[^\n]{0,60}?[\s(](\d{1,2};(?:1[01]|\d))\b")
                .expect("years;months pattern compiles"),
        )
    })
}

/// Adds the bracketed ages of `text` that no hit in `hits[from..]`
/// already covers.
pub(super) fn find(text: &str, hits: &mut Vec<Hit>, from: usize) {
    if !text.contains('(') && !text.contains(';') {
        return;
    }
    let (bracketed, slt) = patterns();
    let mut found: Vec<(usize, usize, &'static str)> = Vec::new();
    if text.contains('(') {
        for c in bracketed.captures_iter(text) {
            let age = c.get(4).expect("group 4");
            let whose = c.get(1).is_some()
                || c.get(3).is_some()
                || c.get(2).is_some_and(|w| {
                    let w = w.as_str();
                    !crate::gate::names::is_english_word(w)
                        || crate::gate::names::looks_like_name(w)
                });
            if whose {
                found.push((age.start(), age.end(), "age-in-brackets"));
            }
        }
    }
    if text.contains(';') {
        for c in slt.captures_iter(text) {
            let age = c.get(1).expect("group 1");
            found.push((age.start(), age.end(), "age-years-months"));
        }
    }
    for (s, e, rule) in found {
        if hits[from..].iter().any(|h| h.start < e && s < h.end) {
            continue;
        }
        hits.push(Hit::new(s, e, Kind::Age, rule, MESSAGE).uncertain());
    }
}

#[cfg(test)]
mod tests {
    use crate::gate::structured::Age;
    use crate::gate::Detector;

    fn found(text: &str) -> Vec<String> {
        let mut hits = Vec::new();
        Age::new().scan(text, &mut hits);
        hits.iter()
            .map(|h| text[h.start..h.end].to_string())
            .collect()
    }

    #[test]
    fn ages_in_brackets_after_a_name_or_now_are_found() {
        assert_eq!(
            found("Brothers: Tendai (9), Rufaro (15 months)."),
            ["15 months"]
        );
        assert_eq!(
            found("Baby Liora (seven weeks) slept through."),
            ["seven weeks"]
        );
        assert_eq!(
            found("The youngest (now 22 months) is settled."),
            ["22 months"]
        );
        assert_eq!(
            found("Sibling Nkechi (thirteen months at the time, with gran)."),
            ["thirteen months"]
        );
    }

    #[test]
    fn years_and_months_after_age_are_found() {
        assert_eq!(found("Age at assessment: 4 years (4;7)"), ["4;7"]);
        assert_eq!(found("Seen at age 2;10 in clinic."), ["2;10"]);
    }

    #[test]
    fn a_programme_in_brackets_passes() {
        assert!(found("She finished the Parenting Programme (12 weeks).").is_empty());
        assert!(found("Visits resumed (see note; 3;4 of the plan).").is_empty());
    }
}
