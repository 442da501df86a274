//! Phone numbers of other countries in international form: `+` and a
//! country code, then groups of digits (`+1 313 555 0147`, `+63 917 555
//! 0182`, `+48 601-234-567`, `+353 (0)87 123 4567`). Families keep
//! relatives abroad, and a review quotes the number a letter gave. UK
//! numbers (`+44`) are the `phone` detector's.
//!
//! E.164 allows at most 15 digits with the country code; eight or more
//! are asked for, so that a `+` in arithmetic or a gestational age (`36+4
//! weeks`) is not read as a number.
//!
//! Dialled from Scotland the `+` is `00` (`0048 601 222 913`, `00353 87
//! 555 0142`): a group of `00` and a country code, then a space or a dash,
//! which no account number or other code is written with.

use super::util::{char_before, has_ascii_digit};
use crate::findings::Kind;
use crate::gate::{Detector, Hit};

pub struct WorldPhone;

impl WorldPhone {
    pub fn new() -> WorldPhone {
        WorldPhone
    }
}

impl Default for WorldPhone {
    fn default() -> Self {
        WorldPhone::new()
    }
}

const MIN_DIGITS: usize = 8;
const MAX_DIGITS: usize = 15;

/// The end of the number starting at the digit after `+` at `from`, and
/// its digit count: groups separated by one space, dash, dot or bracket
/// (a bracketed trunk `(0)` is read as a group).
fn number_end(bytes: &[u8], from: usize) -> (usize, usize) {
    let (mut i, mut digits, mut end) = (from, 0, from);
    while i < bytes.len() && digits <= MAX_DIGITS {
        match bytes[i] {
            b'0'..=b'9' => {
                digits += 1;
                i += 1;
                end = i;
            }
            b' ' | b'-' | b'.' | b'(' | b')' => {
                // At most two separators in a row (") " before a group).
                let next = bytes[i + 1..].iter().take(2).position(u8::is_ascii_digit);
                match next {
                    Some(skip) => i += skip + 1,
                    None => break,
                }
            }
            _ => break,
        }
    }
    (end, digits)
}

impl Detector for WorldPhone {
    fn name(&self) -> &'static str {
        "world-phone"
    }

    fn scan(&self, text: &str, hits: &mut Vec<Hit>) {
        if !has_ascii_digit(text) {
            return;
        }
        let bytes = text.as_bytes();
        dialled_with_00(text, hits);
        if !text.contains('+') {
            return;
        }
        for plus in memchr::memchr_iter(b'+', bytes) {
            let first = plus + 1;
            if !bytes.get(first).is_some_and(|b| (b'1'..=b'9').contains(b))
                || bytes[first..].starts_with(b"44")
            {
                continue;
            }
            // "36+4" is arithmetic or a gestation, not a number's start.
            if char_before(text, plus).is_some_and(|c| c.is_alphanumeric() || c == '+') {
                continue;
            }
            let (end, digits) = number_end(bytes, first);
            if !(MIN_DIGITS..=MAX_DIGITS).contains(&digits) {
                continue;
            }
            // A number runs into no further letters or digits.
            if text[end..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric())
            {
                continue;
            }
            hits.push(Hit::new(
                plus,
                end,
                Kind::Phone,
                "world-phone",
                "This looks like a phone number abroad (a country code and the number), which reaches a person or household directly.",
            ));
        }
    }
}

/// Numbers abroad dialled with `00` for the `+`.
fn dialled_with_00(text: &str, hits: &mut Vec<Hit>) {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(k) = memchr::memmem::find(&bytes[from..], b"00") {
        let start = from + k;
        from = start + 2;
        if start > 0
            && (bytes[start - 1].is_ascii_alphanumeric() || b"+.,/".contains(&bytes[start - 1]))
        {
            continue;
        }
        let group = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let code = &bytes[start + 2..start + group];
        if !(1..=3).contains(&code.len())
            || code[0] == b'0'
            || code.starts_with(b"44")
            || !matches!(bytes.get(start + group), Some(b' ' | b'-'))
        {
            continue;
        }
        let (end, digits) = number_end(bytes, start + 2);
        if !(MIN_DIGITS..=MAX_DIGITS).contains(&digits)
            || text[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        hits.push(Hit::new(
            start,
            end,
            Kind::Phone,
            "world-phone",
            "This looks like a phone number abroad (a country code and the number), which reaches a person or household directly.",
        ));
        from = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let mut hits = Vec::new();
        WorldPhone::new().scan(text, &mut hits);
        hits.iter().map(|h| &text[h.start..h.end]).collect()
    }

    #[test]
    fn numbers_abroad_in_their_usual_forms() {
        for (text, number) in [
            ("Her phone is +63 917 555 0182.", "+63 917 555 0182"),
            ("on the letter, +1 313 555 0147, and", "+1 313 555 0147"),
            ("call +48 601-234-567 today", "+48 601-234-567"),
            ("(+353 (0)87 123 4567)", "+353 (0)87 123 4567"),
            ("WhatsApp +263771234567", "+263771234567"),
            ("+33.6.12.34.56.78", "+33.6.12.34.56.78"),
            ("her mum's number is 0048 601 222 913", "0048 601 222 913"),
            ("| 00353 87 555 0142 | none |", "00353 87 555 0142"),
        ] {
            assert_eq!(found(text), [number], "{text}");
        }
    }

    #[test]
    fn arithmetic_gestations_and_uk_numbers_are_not_its() {
        for text in [
            "born at 36+4 weeks",
            "scores of 8+9 and 10",
            "+44 7700 900123",
            "a rise of +12% in 2023",
            "+3 points, then +15 more",
            "C++ 2020 standard 14882",
            "0044 7700 900123",
            "account 00123456 and sort 00-12-34",
            "lot 004 and 0012 33 44",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
