//! A day of the month alone after a preposition: "came in on the 9th
//! asking for Calpol", "back on the 18th according to Tanvir", "booked
//! for the 20th." With the month the text gives elsewhere it is a date;
//! "on the 3rd floor", "on the 2nd attempt" count something else.

use crate::findings::Kind;
use crate::gate::Hit;

const MESSAGE: &str =
    "This looks like a day of the month, which with the month and other details dates an event in a child's life; give the month at most.";

/// Words before "the" that make the ordinal a day.
const PREPOSITIONS: &[&str] = &[
    "on", "by", "from", "until", "till", "since", "before", "after", "for",
];

/// Lower-case words after the day that still leave it a day.
const FOLLOWERS: &[&str] = &[
    "at", "and", "when", "to", "with", "but", "for", "about", "after", "before", "he", "she",
    "they", "we", "i", "so", "as", "because", "or", "until", "till", "by", "mum", "dad", "in",
    "then", "there", "too", "again", "please",
];

/// Adds each day of the month after a preposition and "the" that no hit
/// in `hits[from..]` holds.
pub(super) fn find(
    text: &str,
    digit_bits: &super::util::Digits<'_>,
    hits: &mut Vec<Hit>,
    from: usize,
) {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(d) = digit_bits.next(i) {
        let start = d;
        let digits = bytes[d..].iter().take_while(|b| b.is_ascii_digit()).count();
        i = d + digits;
        if d > 0 && bytes[d - 1].is_ascii_alphanumeric() {
            continue;
        }
        let suffix = text.get(i..i + 2).unwrap_or("");
        if digits > 2 || !matches!(suffix, "st" | "nd" | "rd" | "th") {
            continue;
        }
        let end = i + 2;
        i = end;
        if bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
            continue;
        }
        let day: u32 = text[start..start + digits].parse().unwrap_or(0);
        if !(1..=31).contains(&day) {
            continue;
        }
        let Some(before) = text[..start].strip_suffix("the ") else {
            continue;
        };
        let preposition = before
            .trim_end()
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .is_some_and(|w| PREPOSITIONS.iter().any(|p| w.eq_ignore_ascii_case(p)));
        if !preposition || !before.ends_with(' ') {
            continue;
        }
        let rest = &text[end..];
        let next = rest.trim_start_matches(' ');
        let word: &str = next
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        let gap = rest.len() - next.len();
        let stands = gap == 0
            || word.is_empty()
            || word.starts_with(|c: char| c.is_uppercase())
            || FOLLOWERS.contains(&word)
            || word.ends_with("ing");
        // "the 9th of November" is the date pattern's.
        if stands && word != "of" {
            found.push((start - 4, end));
        }
    }
    super::util::push_uncovered(hits, from, found, |s, e| {
        Hit::new(s, e, Kind::Date, "ordinal-day", MESSAGE).uncertain()
    });
}

#[cfg(test)]
mod tests {
    use super::find;

    fn found(text: &str) -> Vec<&str> {
        super::super::texts_found(
            |text, hits| find(text, &super::super::util::Digits::of(text), hits, 0),
            text,
        )
    }

    #[test]
    fn a_day_alone_after_a_preposition_is_found() {
        assert_eq!(
            found("Destiny came in on the 9th asking for Calpol"),
            ["the 9th"]
        );
        assert_eq!(found("back on the 18th according to Tanvir"), ["the 18th"]);
        assert_eq!(
            found("They didn't, booked for the 20th. Chase"),
            ["the 20th"]
        );
    }

    #[test]
    fn ordinals_that_count_something_else_pass() {
        for text in [
            "She lived on the 3rd floor and passed on the 2nd attempt.",
            "The 21st century began; the 5th of May was wet.",
            "It was the 4th time; in the 19th century.",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
