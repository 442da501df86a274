//! Ages finer than a year that a name or "now" marks in brackets:
//! "Chipo (18 months)", "Baby Hevi (11 months)", "Maryam (nineteen months
//! at start of term)", "(now 14 months)", and speech and language
//! therapy's years;months after "age" ("Chronological age: … (3;11)").
//!
//! "The Parenting Programme (12 weeks)" is a length of time: the word
//! before the bracket must be no English word (a name), unless "Baby" or
//! "now" says whose age it is, or a clinic's age in twelfths or
//! fifty-seconds ("5/12 (twenty-two weeks)") stands just before it.
//!
//! The same age set after a name and a comma, as a list of children gives
//! it ("baby Ellis-James, 5 months.", "Kuba, now 14 weeks,"), is found when
//! the word is a given name: "In Glasgow, 12 weeks." is a place's wait.

use std::sync::OnceLock;

use regex::Regex;

use crate::findings::Kind;
use crate::gate::Hit;

const MESSAGE: &str =
    "This looks like an exact age finer than a year, which narrows down who the child is; give whole years or an age band.";

const NUMBER: &str = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)";

fn patterns() -> &'static (Regex, Regex, Regex) {
    static RE: OnceLock<(Regex, Regex, Regex)> = OnceLock::new();
    RE.get_or_init(|| {
        (
            Regex::new(&format!(
                r"(?:([Bb]aby\s+)?(\p{{Lu}}[\p{{L}}'’-]+)\s+)?\(\s*(now\s+|aged\s+)?((?i:about|around|approx\.?|approximately|roughly|nearly|almost|c\.|~)\s*)?((?i:{NUMBER})[½¼¾]?\s*(?:weeks?|months?|wks?|mths?|mos?|m|w))\b([^()\n]{{0,60}})\)"
            ))
            .expect("bracketed age pattern compiles"),
            Regex::new(r"(?i:\bage\b|\baged\b)[^\n]{0,60}?[\s(](\d{1,2};(?:1[01]|\d))\b")
                .expect("years;months pattern compiles"),
            // It starts at the comma, so the regex's search skips to each
            // comma; the name before it is read by hand.
            Regex::new(&format!(
                r"[,—–]\s+(?:(?i:now|about|around|approx\.?|nearly|almost|just)\s+)?((?i:{NUMBER})\s+(?:days?|weeks?|months?|wks?|mths?))(?:\s+old)?\s*(?:[.,;:()\]\x22\x{{201D}}\n]|$)"
            ))
            .expect("age after a name pattern compiles"),
        )
    })
}

/// True when the word at `start` opens a sentence or a line, where any
/// word is capitalised; a form's label for a child ("Child: Summer")
/// does not count, since it says a name follows.
fn opens_a_sentence(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '\u{a0}', '"', '“', '‘', '\'', '*', '(']);
    if let Some(label) = before.strip_suffix(':') {
        let word = label
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        if super::util::eq_any(
            word,
            &["child", "baby", "son", "daughter", "name", "infant"],
        ) {
            return false;
        }
    }
    before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':', '|', '-', '—', '•'])
}

/// "3/1/2023 (13m)": an age in brackets right after a date of birth.
fn date_before(text: &str, bracket: usize) -> bool {
    let before = text[..bracket].trim_end().as_bytes();
    let year = before
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let Some(sep) = before.len().checked_sub(year + 1) else {
        return false;
    };
    // Day and month of one or two digits each before the year: "Q3
    // 2025/26 (twelve weeks)" is a financial year's quarter.
    let month = before[..sep]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let Some(sep2) = sep.checked_sub(month + 1) else {
        return false;
    };
    let day = before[..sep2]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    matches!(year, 2 | 4)
        && (1..=2).contains(&month)
        && (1..=2).contains(&day)
        && before[sep] == before[sep2]
        && matches!(before[sep], b'/' | b'.' | b'-')
}

/// "5/12 (twenty-two weeks)": a clinic's age in twelfths of a year or
/// fifty-seconds just before the bracket says the bracket restates an age.
fn clinic_age_before(text: &str, bracket: usize) -> bool {
    let before = text[..bracket].trim_end().as_bytes();
    let Some(slash) = before.iter().rposition(|&b| b == b'/') else {
        return false;
    };
    let (num, den) = (&before[..slash], &before[slash + 1..]);
    let digits = num.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    (den == b"12" || den == b"52")
        && (1..=2).contains(&digits)
        && num
            .len()
            .checked_sub(digits + 1)
            .is_none_or(|k| !num[k].is_ascii_alphanumeric())
}

/// The word just before the comma at `comma` names a child: a given name
/// ("Ellis-James", whole or in one of its parts), or any capitalised word
/// after "baby", "son", "twin" and the like.
fn a_child_named_before(text: &str, comma: usize) -> bool {
    let before = &text[..comma];
    let start = before
        .rfind(|c: char| !(c.is_alphabetic() || matches!(c, '\'' | '’' | '-')))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[start..];
    if !word.starts_with(char::is_uppercase) {
        return false;
    }
    let given = crate::gate::names::looks_like_name(word)
        || (word.contains('-') && word.split('-').any(crate::gate::names::looks_like_name));
    given
        || super::util::words_before(text, start, 24)
            .next()
            .is_some_and(|w| super::util::eq_any(w, CHILD_BEFORE_NAME))
}

/// Words before a name that say it is a child's.
const CHILD_BEFORE_NAME: &[&str] = &[
    "baby", "infant", "son", "daughter", "brother", "sister", "twin",
];

/// "(9 months at referral)", "(14 months when seen)": an age at a moment
/// of a child's case. A length of time is not "at" such a moment ("(18
/// months at most)", "(6 months at follow-up)" in a study).
pub(super) fn at_an_event(tail: &str) -> bool {
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
    // By the memchr crate: the standard library's search for a char reads
    // a word at a time, and most texts are read whole for each.
    let bracket = memchr::memchr(b'(', text.as_bytes()).is_some();
    let semicolon = memchr::memchr(b';', text.as_bytes()).is_some();
    if !bracket && !semicolon && !text.contains(", ") {
        return;
    }
    let (bracketed, slt, after_name) = patterns();
    let mut found: Vec<(usize, usize, &'static str)> = Vec::new();
    if bracket {
        for c in bracketed.captures_iter(text) {
            let age = c.get(5).expect("group 5");
            let tail = c.get(6).map_or("", |m| m.as_str());
            let bracket = c.get(0).expect("match").start() + c[0].find('(').unwrap_or(0);
            let whose = c.get(1).is_some()
                || at_an_event(tail)
                || a_child_before(text, bracket)
                || c.get(3).is_some()
                || clinic_age_before(text, bracket)
                || date_before(text, bracket)
                || c.get(2).is_some_and(|w| {
                    let word = w.as_str();
                    !crate::gate::names::is_english_word(word)
                        || crate::gate::names::looks_like_name(word)
                        || (crate::gate::names::in_name_gazetteers(word)
                            && !opens_a_sentence(text, w.start()))
                });
            if whose {
                found.push((age.start(), age.end(), "age-in-brackets"));
            }
        }
    }
    if semicolon {
        for c in slt.captures_iter(text) {
            let age = c.get(1).expect("group 1");
            found.push((age.start(), age.end(), "age-years-months"));
        }
    }
    for c in after_name.captures_iter(text) {
        // The comma, or the dash and the space before it ("McGLINCHEY —
        // 13 months"). The pattern opens with the mark alone, so the
        // regex's search skips straight to each.
        let mark = c.get(0).expect("match").start();
        let comma = if text[mark..].starts_with(',') {
            mark
        } else {
            match text[..mark].strip_suffix(' ') {
                Some(before) => before.len(),
                None => continue,
            }
        };
        // "Ayaan, now 19 months": age_notation's, with its "now".
        let after_now = text[comma..c.get(1).expect("group 1").start()]
            .to_ascii_lowercase()
            .contains("now");
        if !after_now && a_child_named_before(text, comma) {
            let age = c.get(1).expect("group 1");
            found.push((age.start(), age.end(), "age-after-a-name"));
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
    fn found(text: &str) -> Vec<String> {
        super::super::ages_found(text)
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
    fn an_age_restating_a_clinics_twelfths_is_found() {
        assert_eq!(
            found("Patient: Rowan Leckie, 7/12 (thirty weeks)."),
            ["7/12", "thirty weeks"]
        );
        assert!(found("Target met by Q3 2025/26 (twelve weeks).").is_empty());
    }

    #[test]
    fn a_word_name_fractions_and_mo_in_brackets() {
        assert_eq!(
            found("| Parent: Ieva | Child: Summer (7 months)"),
            ["7 months"]
        );
        assert_eq!(found("baby Ethan Zhou (4 mo), mum Zhou Xinyi"), ["4 mo"]);
        assert_eq!(
            found("HV said Kayla-Rose (now 10½ months) was weighed"),
            ["10½ months"]
        );
        assert!(found("Summer (12 weeks) is the longest term.").is_empty());
        assert!(found("The Parenting Programme (12 weeks) ran twice.").is_empty());
    }

    #[test]
    fn an_age_after_a_childs_name_and_a_comma_is_found() {
        assert_eq!(
            found("Siblings: Ava (6), baby Rory-Dean, 4 months."),
            ["4 months"]
        );
        assert_eq!(found("Twins Zofia, 11 weeks, and Kuba."), ["11 weeks"]);
        assert_eq!(found("son [DNU: Kacper, 20 months]."), ["20 months"]);
        assert_eq!(found("said he's \"Kacper, 11 weeks\" and"), ["11 weeks"]);
        assert_eq!(
            found("Her youngest, Nasra, now 9 months, was asleep."),
            ["now 9 months"]
        );
        assert!(found("In Glasgow, 12 weeks, and in Fife, 9 weeks.").is_empty());
        assert!(found("By then, 6 months had passed.").is_empty());
        assert!(found("Since March, 3 months of visits.").is_empty());
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
