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
                r"(?:([Bb]aby\s+)?(\p{{Lu}}[\p{{L}}'’-]+)\s+)?\(\s*(now\s+|aged\s+)?((?i:about|around|approx\.?|approximately|roughly|nearly|almost|c\.|~)\s*)?((?i:{NUMBER})\s+(?:weeks?|months?|wks?|mths?))\b([^()\n]{{0,60}})\)"
            ))
            .expect("bracketed age pattern compiles"),
            Regex::new(r"(?i:\bage\b|\baged\b)[^\n]{0,60}?[\s(](\d{1,2};(?:1[01]|\d))\b")
                .expect("years;months pattern compiles"),
        )
    })
}

/// "(9 months at referral)", "(14 months when seen)": an age at a moment
/// of a child's case. A length of time is not "at" such a moment ("(18
/// months at most)", "(6 months at follow-up)" in a study).
fn at_an_event(tail: &str) -> bool {
    const MOMENTS: &[&str] = &[
        "referral",
        "application",
        "assessment",
        "admission",
        "interview",
        "discharge",
        "placement",
        "the time",
        "the visit",
        "visit",
        "registration",
        "removal",
        "presentation",
        "death",
        "arrival",
        "accommodation",
        "the incident",
        "the injury",
        "the hearing",
        "examination",
        "reception",
        "booking",
        "birth registration",
    ];
    let tail = tail.trim_start().to_lowercase();
    if tail.starts_with("when seen") || tail.starts_with("when found") {
        return true;
    }
    let Some(rest) = tail.strip_prefix("at ") else {
        return false;
    };
    let rest = rest.strip_prefix("the time of ").unwrap_or(rest);
    let rest = rest.strip_prefix("time of ").unwrap_or(rest);
    MOMENTS
        .iter()
        .any(|m| rest.starts_with(m) && !rest[m.len()..].starts_with(|c: char| c.is_alphanumeric()))
}

/// Words for a child, its carriage or its birth, earlier in the sentence
/// than the bracket: "in the buggy (about 10 weeks)", "DOB 14/06/2023 (9
/// months …)". A course "(about 12 weeks)" has none.
const CHILD_WORDS: &[&str] = &[
    "baby",
    "infant",
    "son",
    "daughter",
    "toddler",
    "twins",
    "twin",
    "pram",
    "buggy",
    "cot",
    "sling",
    "newborn",
    "little one",
    "dob",
    "born",
    "brother",
    "sister",
    "grandson",
    "granddaughter",
    "nephew",
    "niece",
    "youngest",
    "sibling",
    "wee one",
    "wee boy",
    "wee girl",
    "wee man",
    "bairn",
    "wean",
];

fn a_child_before(text: &str, bracket: usize) -> bool {
    let from = crate::source::floor_char_boundary(text, bracket.saturating_sub(120));
    let before = &text[from..bracket];
    let sentence = before
        .rfind(['.', '!', '?', '\n', ';'])
        .map_or(before, |i| &before[i + 1..])
        .to_lowercase();
    sentence
        .split(|c: char| !(c.is_alphanumeric() || c == ' '))
        .any(|part| {
            CHILD_WORDS
                .iter()
                .any(|w| part.split(' ').any(|x| x == *w) || (w.contains(' ') && part.contains(w)))
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
            let age = c.get(5).expect("group 5");
            let tail = c.get(6).map_or("", |m| m.as_str());
            let bracket = c.get(0).expect("match").start() + c[0].find('(').unwrap_or(0);
            let whose = c.get(1).is_some()
                || at_an_event(tail)
                || a_child_before(text, bracket)
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
    fn a_hedged_age_beside_a_child_or_at_a_moment_is_found() {
        assert_eq!(
            found("Dad pushed the buggy in (about 11 weeks), no hat."),
            ["11 weeks"]
        );
        assert_eq!(
            found("Son, DOB 03/02/2023 (13 months at assessment)."),
            ["13 months"]
        );
        assert!(found("Twin 2 (2 months at admission) was fed.")
            .iter()
            .any(|f| f.contains("2 months")));
    }

    #[test]
    fn a_hedged_length_of_time_passes() {
        assert!(found("The course runs on Mondays (about 12 weeks).").is_empty());
        assert!(found("The programme (18 months at most) follows it.").is_empty());
        assert!(found("Families wait a while (nearly 9 months) for a place.").is_empty());
        assert!(found("Reviews end within a year (10 months at the latest).").is_empty());
        assert!(found("Outcomes were measured later (6 months at follow-up).").is_empty());
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
