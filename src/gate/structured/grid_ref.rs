//! Ordnance Survey grid references: two letters of a 100 km square and
//! an easting and a northing of equal length, "NN 577 468", "NH
//! 6452 4418". A six-figure reference puts a house within 100 metres; in
//! the glens, where a croft or a keeper's cottage has no street, it is
//! the address. The letters are the squares that cover Scotland and the
//! north of England, which keeps most codes out.

use crate::findings::Kind;
use crate::gate::{Detector, Hit, PreparedText};

pub struct GridReference;

impl Detector for GridReference {
    fn name(&self) -> &'static str {
        "grid-reference"
    }

    fn scan(&self, text: &str, hits: &mut Vec<Hit>) {
        self.scan_prepared(&PreparedText::new(text), hits)
    }

    fn scan_prepared(&self, prepared: &PreparedText<'_>, hits: &mut Vec<Hit>) {
        find(prepared.text, super::util::windows_of(prepared), hits);
    }
}

const MESSAGE: &str =
    "This looks like a grid reference, which locates a home to within a few metres; describe the area instead.";

/// The 100 km squares over Scotland and the north of England.
const SQUARES: &[&str] = &[
    "HP", "HT", "HU", "HW", "HX", "HY", "HZ", "NA", "NB", "NC", "ND", "NF", "NG", "NH", "NJ", "NK",
    "NL", "NM", "NN", "NO", "NR", "NS", "NT", "NU", "NW", "NX", "NY", "NZ", "SD", "SE",
];

/// Adds grid references in `windows` (the text's digit windows) to `hits`.
fn find(text: &str, windows: &[(usize, usize)], hits: &mut Vec<Hit>) {
    let bytes = text.as_bytes();
    let run = |k: usize| bytes[k..].iter().take_while(|b| b.is_ascii_digit()).count();
    for &(from, to) in windows {
        let mut k = from.max(3);
        while k < to.min(bytes.len()) {
            // A digit run after "XX " opens the easting.
            let square_at = k - 3;
            let opens = bytes[k].is_ascii_digit()
                && !bytes[k - 1].is_ascii_digit()
                && bytes[k - 1] == b' '
                && SQUARES
                    .iter()
                    .any(|s| bytes[square_at..k - 1] == *s.as_bytes())
                && (square_at == 0 || !bytes[square_at - 1].is_ascii_alphanumeric());
            if !opens {
                k += 1;
                continue;
            }
            let east = run(k);
            let north_at = k + east + 1;
            let north = if bytes.get(k + east) == Some(&b' ') && north_at < bytes.len() {
                run(north_at)
            } else {
                0
            };
            let end = north_at + north;
            let closed = !bytes.get(end).is_some_and(u8::is_ascii_alphanumeric);
            if (3..=5).contains(&east) && east == north && closed {
                hits.push(Hit::new(
                    square_at,
                    end,
                    Kind::Address,
                    "grid-reference",
                    MESSAGE,
                ));
                k = end;
            } else {
                k += east.max(1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::find;

    fn found(text: &str) -> Vec<&str> {
        super::super::texts_found_in_windows(find, text)
    }

    #[test]
    fn grid_references_are_found() {
        assert_eq!(
            found("Factor reply: Grid ref NN 577 468 (off the road)"),
            ["NN 577 468"]
        );
        assert_eq!(found("croft at NH 6452 4418."), ["NH 6452 4418"]);
    }

    #[test]
    fn other_letters_and_numbers_are_not() {
        assert!(found("Flight NI 412 to Papa Westray, NN 57 cases").is_empty());
        assert!(found("Form AB 123 456 was sent.").is_empty());
        assert!(found("NS 12 345").is_empty());
    }
}
