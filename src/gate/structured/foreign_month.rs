//! Dates written with a month in the family's language: Polish "12
//! października", "7 marca 2015", Romanian "3 martie", Lithuanian "14
//! spalio", Gaelic "23 Ògmhios". Notes quote a parent's own letter or a
//! form filled in at home, and a day and month is as close to a birthday
//! in one language as in another.

use crate::findings::Kind;
use crate::gate::Hit;

const MESSAGE: &str =
    "This looks like a date with a day and a month in another language, which can identify a child with other details; give the month and year at most.";

/// Month names, lower case, in the forms a date uses (Polish and
/// Lithuanian genitive and nominative, Romanian, Gaelic with and without
/// accents). None is an English word.
const MONTHS: &[&str] = &[
    // Polish
    "stycznia",
    "styczeń",
    "lutego",
    "luty",
    "marca",
    "marzec",
    "kwietnia",
    "kwiecień",
    "maja",
    "maj",
    "czerwca",
    "czerwiec",
    "lipca",
    "lipiec",
    "sierpnia",
    "sierpień",
    "września",
    "wrzesień",
    "października",
    "październik",
    "listopada",
    "listopad",
    "grudnia",
    "grudzień",
    // Romanian
    "ianuarie",
    "februarie",
    "martie",
    "aprilie",
    "iunie",
    "iulie",
    "septembrie",
    "octombrie",
    "noiembrie",
    "decembrie",
    // Lithuanian
    "sausio",
    "vasario",
    "kovo",
    "balandžio",
    "gegužės",
    "birželio",
    "liepos",
    "rugpjūčio",
    "rugsėjo",
    "spalio",
    "lapkričio",
    "gruodžio",
    // Gaelic
    "faoilleach",
    "faoilteach",
    "gearran",
    "màrt",
    "giblean",
    "cèitean",
    "ceitean",
    "ògmhios",
    "ogmhios",
    "iuchar",
    "lùnastal",
    "lunastal",
    "sultain",
    "dàmhair",
    "damhair",
    "dùbhlachd",
    "dubhlachd",
];

/// Adds each day-and-month in another language, read from each run of
/// digits in turn.
pub(super) fn find(text: &str, digit_bits: &super::util::Digits<'_>, hits: &mut Vec<Hit>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(d) = digit_bits.next(i) {
        let digits = bytes[d..].iter().take_while(|b| b.is_ascii_digit()).count();
        let start = d;
        i = d + digits;
        if d > 0 && bytes[d - 1].is_ascii_alphanumeric() {
            continue;
        }
        if digits > 2 || bytes.get(i) != Some(&b' ') {
            continue;
        }
        let day: u32 = text[start..i].parse().unwrap_or(0);
        if !(1..=31).contains(&day) {
            continue;
        }
        let word_start = i + 1;
        let word_len = text[word_start..]
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(text.len() - word_start);
        let word = text[word_start..word_start + word_len].to_lowercase();
        if !MONTHS.contains(&word.as_str()) {
            continue;
        }
        let mut end = word_start + word_len;
        // A year after it belongs to the date.
        let after = &bytes[end..];
        if after.len() >= 5
            && after[0] == b' '
            && after[1..5].iter().all(u8::is_ascii_digit)
            && !after.get(5).is_some_and(u8::is_ascii_alphanumeric)
        {
            end += 5;
        }
        hits.push(Hit::new(
            start,
            end,
            Kind::Date,
            "date-foreign-month",
            MESSAGE,
        ));
        i = end;
    }
}

#[cfg(test)]
mod tests {
    use super::find;

    fn found(text: &str) -> Vec<&str> {
        super::super::texts_found(
            |text, hits| find(text, &super::super::util::Digits::of(text), hits),
            text,
        )
    }

    #[test]
    fn a_day_and_a_month_in_the_familys_language_is_a_date() {
        assert_eq!(
            found("## Marek's note, 12 października / 12th October"),
            ["12 października"]
        );
        assert_eq!(found("urodzona 7 marca 2015 w Poznaniu"), ["7 marca 2015"]);
        assert_eq!(found("Di-haoine 23 Ògmhios"), ["23 Ògmhios"]);
        assert_eq!(found("născut pe 3 martie, la Cluj"), ["3 martie"]);
    }

    #[test]
    fn numbers_before_other_words_are_not() {
        assert!(found("12 marks out of 40 and 3 mart stalls").is_empty());
        assert!(found("page 112 października").is_empty());
        assert!(found("Room 42 luty").is_empty());
    }
}
