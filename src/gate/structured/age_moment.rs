//! Ages finer than a year that a moment or a baby marks, without "old" or
//! brackets: "8 weeks at referral", "5 months at Feb 2024", "4½ months at
//! the time", "baby 11 weeks" in a form's shorthand, and a neonatal unit's
//! corrected age ("corrected age at discharge 35+5 weeks").
//!
//! A length of time is neither: "for 6 weeks at home" has a duration's
//! word before the number and no moment after it, and "saw the baby 6
//! weeks later" runs on into when.

use super::age_bracket::at_an_event;
use super::util::{char_before, eq_any, month_number, words_before, DURATION_CUES, NUMBER_WORDS};
use crate::findings::Kind;
use crate::gate::Hit;

const MESSAGE: &str =
    "This looks like an exact age finer than a year, which narrows down who the child is; give whole years or an age band.";

/// The units, as they are written after a number (lower case only: a
/// heading's "12 WEEKS" is a programme's).
const UNITS: &[&str] = &["week", "month", "wk", "mth"];

/// Words before the number that make it a baby's age.
const BABY_WORDS: &[&str] = &["baby", "infant", "newborn"];

/// Words after "baby 6 weeks" that make it a time, not the baby's age.
const WHEN_WORDS: &[&str] = &[
    "later",
    "after",
    "before",
    "ago",
    "earlier",
    "previously",
    "prior",
    "into",
    "of",
    "in",
    "on",
    "for",
    "since",
    "from",
    "postnatal",
    "postpartum",
];

/// Adds the ages of `text` that no hit in `hits[from..]` already covers.
/// `units`: where the units are, if the caller has found them.
pub(super) fn find(
    text: &str,
    hits: &mut Vec<Hit>,
    from: usize,
    units: Option<&super::util::UnitsAt>,
) {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    for unit in UNITS {
        for at in super::util::UnitsAt::of(units, text, unit).iter().copied() {
            let Some(number_start) = number_before(text, at) else {
                continue;
            };
            let mut end = at + unit.len();
            if bytes.get(end) == Some(&b's') {
                end += 1;
            }
            if bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                continue;
            }
            // "14 and 7 months", "80 and ten months": years and months,
            // an age whatever stands around it.
            if let Some(years) = years_before(text, number_start, at) {
                found.push((years, end));
                continue;
            }
            if at_a_moment(text, number_start, end)
                || after_a_baby(text, number_start, end)
                || set_off_after_a_person(text, number_start, end)
                || said_of_a_person(text, number_start, end)
            {
                found.push((number_start, end));
            }
        }
    }
    corrected_ages(text, &mut found);
    for (s, e) in found {
        if hits[from..].iter().any(|h| h.start < e && s < h.end) {
            continue;
        }
        hits.push(Hit::new(s, e, Kind::Age, "age-at-a-moment", MESSAGE).uncertain());
    }
}

/// "corrected age at discharge 35+5 weeks", "Corrected age: 6 weeks": the
/// first number after the label on its line, with its unit or a
/// gestation's "+days".
fn corrected_ages(text: &str, found: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    const LABELS: [&str; 3] = ["corrected age", "Corrected age", "CORRECTED AGE"];
    static SEARCH: std::sync::OnceLock<super::util::WordSearch> = std::sync::OnceLock::new();
    let places = SEARCH
        .get_or_init(|| super::util::WordSearch::new(&LABELS))
        .places(text);
    for (label, places) in LABELS.into_iter().zip(places) {
        for at in places {
            let from = at + label.len();
            let line_end = text[from..].find('\n').map_or(text.len(), |k| from + k);
            let window_end = crate::source::floor_char_boundary(text, (from + 40).min(line_end));
            let Some(start) = text[from..window_end]
                .find(|c: char| c.is_ascii_digit())
                .map(|k| from + k)
            else {
                continue;
            };
            let mut end = start
                + bytes[start..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
            let gestation =
                bytes.get(end) == Some(&b'+') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
            if gestation {
                end += 2;
            }
            let rest = &text[end..];
            let unit_len = [
                "weeks", "week", "wks", "wk", "months", "month", "mths", "days", "w", "m", "d",
            ]
            .iter()
            .find(|u| {
                let r = rest.trim_start_matches(' ');
                r.starts_with(*u) && !r[u.len()..].starts_with(|c: char| c.is_alphanumeric())
            })
            .map(|u| rest.len() - rest.trim_start_matches(' ').len() + u.len());
            if end - start > 4 || (unit_len.is_none() && !gestation) {
                continue;
            }
            found.push((start, end + unit_len.unwrap_or(0)));
        }
    }
}

/// Where "N and " starts before the months' number at `start` (the unit
/// at `unit`), if it does: someone is N years and under twelve months
/// ("i am 14 and 7 months", "he's 1 and 3 month"), where a plan's
/// reviews are "at 6 and 12 months".
fn years_before(text: &str, start: usize, unit: usize) -> Option<usize> {
    let months = text[start..unit].trim();
    let under_a_year = match months.parse::<u32>() {
        Ok(m) => m < 12,
        Err(_) => {
            eq_any(months, NUMBER_WORDS)
                && !eq_any(months, &["twelve", "eighteen", "twenty", "thirty"])
        }
    };
    let head = text[..start].strip_suffix(" and ")?;
    let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if !under_a_year || !(1..=2).contains(&digits) {
        return None;
    }
    let years = head.len() - digits;
    let mut before = head[..years].trim_end_matches(' ').to_ascii_lowercase();
    for hedge in [" maybe", " about", " nearly", " almost", " now", " just"] {
        if let Some(rest) = before.strip_suffix(hedge) {
            before = rest.to_string();
        }
    }
    // Said of someone: "i am", "she is", "he's", "aged".
    let said = [" am", " is", " was", "'s", "\u{2019}s", "aged", " age"]
        .iter()
        .any(|w| before.ends_with(w));
    (said
        && !char_before(text, years)
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | '/' | '-' | '£')))
    .then_some(years)
}

/// Where the number just before the unit at `unit` starts: digits with
/// an optional fraction ("4½", "10.5") or a number word, then at most one
/// space.
fn number_before(text: &str, unit: usize) -> Option<usize> {
    let before = &text[..unit];
    let before = before.strip_suffix(' ').unwrap_or(before);
    let trimmed = before.trim_end_matches(['½', '¼', '¾']);
    let trimmed = match trimmed.strip_suffix(".5") {
        Some(t) if t.ends_with(|c: char| c.is_ascii_digit()) => t,
        _ => trimmed,
    };
    let digits = trimmed.len() - trimmed.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let start = if (1..=2).contains(&digits) {
        trimmed.len() - digits
    } else if digits == 0 && trimmed.len() == before.len() {
        let word_len = before.len()
            - before
                .trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '-')
                .len();
        let word = &before[before.len() - word_len..];
        if word_len == 0 || !eq_any(word, NUMBER_WORDS) {
            return None;
        }
        before.len() - word_len
    } else {
        return None;
    };
    (!char_before(text, start).is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | '/' | '-')))
        .then_some(start)
}

/// "8 weeks at referral", "5 months at Feb 2024", "at 03/02/2024": the
/// age at a moment of the child's case, with no duration's word before.
fn at_a_moment(text: &str, start: usize, end: usize) -> bool {
    let Some(tail) = text[end..].strip_prefix(" at ") else {
        return false;
    };
    if words_before(text, start, 24)
        .next()
        .is_some_and(|w| eq_any(w, DURATION_CUES))
    {
        return false;
    }
    let month_then_year = || {
        let mut words = tail.split([' ', ',']).filter(|w| !w.is_empty());
        let month = words.next().unwrap_or("");
        month.starts_with(|c: char| c.is_ascii_uppercase())
            && month_number(month).is_some()
            && words.next().is_some_and(|y| {
                let y = y.trim_end_matches(|c: char| !c.is_ascii_digit());
                matches!(y.len(), 2 | 4) && y.bytes().all(|b| b.is_ascii_digit())
            })
    };
    let a_date = || {
        let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
        (1..=2).contains(&digits) && matches!(tail.as_bytes().get(digits), Some(b'/' | b'.'))
    };
    at_an_event(&format!("at {tail}")) || month_then_year() || a_date()
}

/// "baby 11 weeks": a baby's age written after it, unless the words after
/// make it a time ("the baby 6 weeks later").
fn after_a_baby(text: &str, start: usize, end: usize) -> bool {
    let baby = words_before(text, start, 16)
        .next()
        .is_some_and(|w| eq_any(w, BABY_WORDS))
        && text[..start].ends_with(' ');
    if !baby {
        return false;
    }
    let next = word_after(text, end);
    !eq_any(&next, WHEN_WORDS) && !eq_any(&next, &["old"])
}

/// The word that follows `end`, past spaces (empty before punctuation).
fn word_after(text: &str, end: usize) -> String {
    text[end..]
        .trim_start_matches(' ')
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect()
}

/// Words for a child or a relative that an age set off by commas or a
/// bracket describes: "boy, 10 months,", "half-sister, approx 4 months (".
const PERSON_WORDS: &[&str] = &[
    "boy",
    "girl",
    "baby",
    "infant",
    "toddler",
    "child",
    "son",
    "daughter",
    "sister",
    "brother",
    "half-sister",
    "half-brother",
    "stepsister",
    "stepbrother",
    "sibling",
    "twin",
    "cousin",
    "niece",
    "nephew",
    "grandson",
    "granddaughter",
];

/// "boy, 10 months, in a bouncer", "younger child (approx 18 months)",
/// "Mia (Chen Meiling), 18 months, at nursery": an age set off as an
/// aside right after a child, a relative or a name in brackets, with a
/// hedge or without. A length of time runs on ("…, 6 months later").
fn set_off_after_a_person(text: &str, start: usize, end: usize) -> bool {
    let rest = &text[end..];
    if !(rest.starts_with([',', ')', ';', '.', ']', '"', '\u{201d}', '\n', '\r'])
        || rest.is_empty()
        || rest.starts_with(" ("))
    {
        return false;
    }
    let mut before = text[..start].trim_end_matches(' ');
    for hedge in [
        "approximately",
        "approx.",
        "approx",
        "about",
        "around",
        "maybe",
        "possibly",
        "c.",
    ] {
        let cut = before.len().saturating_sub(hedge.len());
        if before.is_char_boundary(cut) && before[cut..].eq_ignore_ascii_case(hedge) {
            before = before[..cut].trim_end_matches(' ');
            break;
        }
    }
    let Some(person) = before
        .strip_suffix(',')
        .or_else(|| before.strip_suffix('('))
    else {
        return false;
    };
    let person = person.trim_end_matches(' ');
    if person.ends_with(')') {
        return true;
    }
    let word_start = person
        .rfind(|c: char| !(c.is_alphabetic() || c == '-'))
        .map_or(0, |k| {
            k + person[k..].chars().next().map_or(1, char::len_utf8)
        });
    eq_any(&person[word_start..], PERSON_WORDS)
}

/// "a baby called Bonnie who is 5 months", "she's 11 weeks and": an age
/// said of a person. "who was 7 months pregnant" is a pregnancy's, and
/// "he was 6 weeks late" no age.
/// "Kofi is", "Aisha was": a name no dictionary holds, then the verb
/// that gives an age ("Funding is 12 months" is a term's length).
fn named_subject(before: &str) -> bool {
    let Some(head) = before
        .strip_suffix(" is")
        .or_else(|| before.strip_suffix(" was"))
    else {
        return false;
    };
    let name = head
        .rsplit(|c: char| !c.is_alphabetic() && c != '-')
        .next()
        .unwrap_or("");
    name.chars().count() >= 2
        && name.starts_with(char::is_uppercase)
        && name.chars().skip(1).all(char::is_lowercase)
        && !crate::gate::names::is_english_word(&name.to_lowercase())
}

fn said_of_a_person(text: &str, start: usize, end: usize) -> bool {
    let mut before = text[..start].trim_end_matches(' ').to_ascii_lowercase();
    // "she's maybe 18 months": a hedge between.
    for hedge in [
        " maybe", " about", " around", " nearly", " almost", " approx", " roughly",
    ] {
        if let Some(rest) = before.strip_suffix(hedge) {
            before = rest.to_string();
            break;
        }
    }
    let said = [
        "who is",
        "who was",
        "who's",
        "who\u{2019}s",
        "he is",
        "she is",
        "he's",
        "she's",
        "he\u{2019}s",
        "she\u{2019}s",
        "he was",
        "she was",
        // What a child would be or will be: "she'd have been 19 months
        // then", "he'll be 10 months".
        "she'd have been",
        "he'd have been",
        "she\u{2019}d have been",
        "he\u{2019}d have been",
        "she would have been",
        "he would have been",
        "she'd be",
        "he'd be",
        "she'll be",
        "he'll be",
        "she will be",
        "he will be",
    ]
    .iter()
    .any(|cue| {
        before.ends_with(cue)
            && !before[..before.len() - cue.len()].ends_with(|c: char| c.is_alphanumeric())
    }) || named_subject(&text[..before.len()]);
    if !said {
        return false;
    }
    let next = word_after(text, end);
    !eq_any(&next, WHEN_WORDS)
        && !eq_any(
            &next,
            &[
                "old",
                "pregnant",
                "gestation",
                "late",
                "overdue",
                "behind",
                "clean",
                "sober",
            ],
        )
}

#[cfg(test)]
mod tests {
    fn found(text: &str) -> Vec<String> {
        super::super::ages_found(text)
    }

    #[test]
    fn an_age_at_a_moment_is_found() {
        assert_eq!(found("Child: Mai Tran, 9 weeks at referral."), ["9 weeks"]);
        assert_eq!(
            found("Sibling (\"not on the form\" — 7 months at Mar 2025)."),
            ["7 months"]
        );
        assert_eq!(
            found("seen, 3½ months at 14/02/2025, feeding"),
            ["3½ months"]
        );
    }

    #[test]
    fn years_and_months_are_an_age() {
        assert_eq!(
            found("- i am 14 and 7 months today lol"),
            ["14 and 7 months"]
        );
        assert_eq!(
            found("I am 80 and ten months and I do"),
            ["80 and ten months"]
        );
        assert_eq!(found("boy is 1 and 3 month, thin"), ["1 and 3 month"]);
        for text in [
            "seen between 3 and 6 months later",
            "at 2 or 3 and 6 months later",
            "costs £4 and 7 months free",
            "audit it at 6 and 12 months; report at 6, 12 and 18 months",
            "the plan is 3 and 12 months behind",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn a_babys_age_after_the_word_baby_is_found() {
        assert_eq!(found("Priority need: yes (baby 14 weeks)."), ["14 weeks"]);
        assert_eq!(found("newborn six weeks, no GP yet"), ["six weeks"]);
    }

    #[test]
    fn an_age_set_off_after_a_child_or_a_name_is_found() {
        assert_eq!(
            found("their cousin, approx 7 months (called Ava)"),
            ["7 months"]
        );
        assert_eq!(
            found("with the twin (about 20 months) in the car"),
            ["20 months"]
        );
        assert_eq!(found("Baby: Ali (Ali Raza), 9 weeks, asleep"), ["9 weeks"]);
        assert!(found("The review period, 18 months, was long.").is_empty());
        assert!(found("the boy, 6 months later, moved").is_empty());
        assert_eq!(found("the baby (about 20 months]"), ["20 months"]);
        assert_eq!(
            found("a baby called Bonnie who is 5 months and she cries"),
            ["5 months"]
        );
        assert!(found("In March, 6 months after the referral").is_empty());
        assert!(found("she was 7 months pregnant when she moved").is_empty());
        assert!(found("The wait in Fife is 18 months. This is 6 months.").is_empty());
        assert_eq!(
            found("His wee half-sister Honey (she's maybe 18 months?) was with him"),
            ["18 months"]
        );
        assert!(found("the plan, which was 6 months late, ended").is_empty());
        assert_eq!(found("she minds Kofi. Kofi is 18 months!!"), ["18 months"]);
        assert_eq!(
            found("the baby (she'd have been 19 months then) was in the cot"),
            ["19 months"]
        );
        assert_eq!(
            found("his sister, maybe 18 months, was asleep"),
            ["18 months"]
        );
        assert!(found("The wait would have been 6 months; she'll be 3 months late.").is_empty());
        assert!(found("Funding is 12 months. Training was 3 months long.").is_empty());
    }

    #[test]
    fn a_corrected_age_is_found() {
        assert_eq!(
            found("corrected age at discharge 35+5 weeks, feeding"),
            ["35+5 weeks"]
        );
        assert_eq!(found("Corrected age: 6 wks. Weight 4.1 kg"), ["6 wks"]);
        assert!(found("corrected age was used in 2021 audits").is_empty());
    }

    #[test]
    fn lengths_of_time_pass() {
        assert!(found("The baby was seen 6 weeks later by the HV.").is_empty());
        assert!(found("She stayed for 6 weeks at home with the baby.").is_empty());
        assert!(found("Visits ran 12 weeks at the centre; baby 8 weeks into the plan.").is_empty());
        assert!(found("Results: 12 weeks at most, review at 6 months.").is_empty());
    }
}
