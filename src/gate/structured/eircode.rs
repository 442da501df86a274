//! Irish postcodes (Eircodes): a routing key of a letter and two digits
//! (or Dublin's `D6W`) and a unique identifier of four letters and
//! digits, "D06 X2K7", "A65 F4E2". Each leads to one address. Families
//! move between Scotland and Ireland, and a ferry booking or a relative's
//! letter carries one. The letters are the ones Eircodes use, which keeps
//! most product codes out; a unique identifier of digits alone needs the
//! word "Eircode" before it.

use crate::findings::Kind;
use crate::gate::Hit;

const MESSAGE: &str =
    "This looks like an Irish postcode (Eircode), which leads to a single address.";

/// The letters Eircodes use.
fn eircode_letter(b: u8) -> bool {
    b"ACDEFHKNPRTVWXY".contains(&b)
}

/// Adds the Eircodes in `windows` (the text's digit windows) to `hits`.
pub(super) fn find(
    text: &str,
    windows: &[(usize, usize)],
    digit_bits: &super::util::Digits<'_>,
    hits: &mut Vec<Hit>,
) {
    let bytes = text.as_bytes();
    let boundary = |at: Option<&u8>| at.is_none_or(|b| !b.is_ascii_alphanumeric());
    for &(from, to) in windows {
        let to = to.min(bytes.len());
        let mut d = from.max(1);
        // Both shapes of routing key have a digit second: only digits are
        // tried (the windows cover most prose, and a byte loop read all of it).
        while let Some(digit) = digit_bits.next_before(d, to) {
            d = digit;
            if d + 1 >= to {
                break;
            }
            let start = d - 1;
            let routing_key = (eircode_letter(bytes[start])
                && bytes[d].is_ascii_digit()
                && bytes[d + 1].is_ascii_digit())
                || (bytes[start] == b'D' && bytes[d] == b'6' && bytes[d + 1] == b'W');
            if !routing_key {
                d += 1;
                continue;
            }
            let key_end = d + 2;
            d += 1;
            if !boundary(start.checked_sub(1).and_then(|k| bytes.get(k)))
                || !matches!(bytes.get(key_end), Some(b' '))
            {
                continue;
            }
            let id_start = key_end + 1;
            let Some(id) = bytes.get(id_start..id_start + 4) else {
                continue;
            };
            let shaped = id.iter().all(|&b| b.is_ascii_digit() || eircode_letter(b));
            if !shaped || !boundary(bytes.get(id_start + 4)) {
                continue;
            }
            let lettered = id.iter().any(|b| b.is_ascii_alphabetic());
            // Only the few bytes before the key are read: lower-casing the
            // whole text before it made every candidate cost the text's length.
            let cued = || {
                let before = text[..start].trim_end_matches([' ', ':']).as_bytes();
                before.len() >= 7 && before[before.len() - 7..].eq_ignore_ascii_case(b"eircode")
            };
            if lettered || cued() {
                hits.push(Hit::new(
                    start,
                    id_start + 4,
                    Kind::Postcode,
                    "eircode",
                    MESSAGE,
                ));
                d = id_start + 4;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::find;

    fn found(text: &str) -> Vec<&str> {
        super::super::texts_found_in_windows(
            |text, windows, hits| find(text, windows, &super::super::util::Digits::of(text), hits),
            text,
        )
    }

    #[test]
    fn irish_postcodes_are_found() {
        assert_eq!(
            found("billing 44 Rathmines Park, Dublin D06 X2K7"),
            ["D06 X2K7"]
        );
        assert_eq!(
            found("Her gran lives at Ard Na Mara, A65 F4E2."),
            ["A65 F4E2"]
        );
        assert_eq!(found("Eircode: T12 4567"), ["T12 4567"]);
        assert_eq!(found("(D6W Y8K2)"), ["D6W Y8K2"]);
    }

    #[test]
    fn codes_of_other_shapes_are_not() {
        assert!(found("Room A12 1234 was booked.").is_empty());
        assert!(found("the A96 road and the B12 bus").is_empty());
        assert!(found("Form SW12 ABCD").is_empty());
        assert!(found("version K12 X2K7Z").is_empty());
    }
}
