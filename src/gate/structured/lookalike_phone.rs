//! A phone number with letters for some of its digits: a lower-case L or
//! a capital I for one, a letter O for nought ("0l738 496 021", "07OO
//! 900 123"). Typed in a hurry or to get past a filter, it still reaches
//! the person, so the letters are read as the digits they look like.

use crate::findings::Kind;
use crate::gate::Hit;

const MESSAGE: &str =
    "This looks like a phone number with letters typed for some digits (l for 1, O for 0); it still reaches a person directly.";

fn lookalike(b: u8) -> bool {
    matches!(b, b'l' | b'I' | b'O' | b'o')
}

/// Adds each phone number that reads as one once look-alike letters
/// beside its digits are read as digits.
pub(super) fn find(text: &str, digit_bits: &super::util::Digits<'_>, hits: &mut Vec<Hit>) {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(d) = digit_bits.next(at) {
        at = d + 1;
        let beside = |k: usize| bytes.get(k).copied().is_some_and(lookalike);
        if !(beside(d + 1) || (d > 0 && beside(d - 1))) {
            continue;
        }
        // The run of groups around the digit: digits and look-alikes,
        // single spaces or hyphens between groups.
        let in_group = |b: u8| b.is_ascii_digit() || lookalike(b);
        let mut start = d;
        while start > 0 && in_group(bytes[start - 1]) {
            start -= 1;
        }
        if start > 0 && bytes[start - 1].is_ascii_alphanumeric() {
            continue;
        }
        let mut end = d;
        let mut digits = String::new();
        let mut k = start;
        loop {
            let group_start = k;
            while k < bytes.len() && in_group(bytes[k]) {
                k += 1;
            }
            let group = &bytes[group_start..k];
            // Every group holds a real digit: "lOO" alone is a word.
            if group.is_empty() || !group.iter().any(u8::is_ascii_digit) {
                break;
            }
            if k < bytes.len() && bytes[k].is_ascii_alphabetic() {
                return;
            }
            end = k;
            digits.extend(group.iter().map(|&b| match b {
                b'l' | b'I' => '1',
                b'O' | b'o' => '0',
                _ => b as char,
            }));
            if digits.len() > 11 || !matches!(bytes.get(k), Some(b' ' | b'-')) {
                break;
            }
            k += 1;
        }
        if (10..=11).contains(&digits.len())
            && digits.starts_with('0')
            && bytes[start..end].iter().copied().any(lookalike)
        {
            hits.push(Hit::new(
                start,
                end,
                Kind::Phone,
                "lookalike-phone",
                MESSAGE,
            ));
        }
        at = at.max(end);
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
    fn letters_typed_for_digits_are_read_as_digits() {
        assert_eq!(found("D. McFee,0l738 496 021,,"), ["0l738 496 021"]);
        assert_eq!(found("ring 07OO 900 123 today"), ["07OO 900 123"]);
        assert_eq!(found("mob O7700 9OO 4l2"), ["O7700 9OO 4l2"]);
    }

    #[test]
    fn words_and_codes_are_not() {
        assert!(found("room 101 on floor 2, 10 o clock").is_empty());
        assert!(found("ref 2O24-00l and 0l").is_empty());
        assert!(found("07700 900 123").is_empty());
    }
}
