//! The line around a span, looked for within a bounded reach: the rules
//! that read a span's line run once per span, and a text without line
//! breaks (pasted from a PDF) is one line as long as the text, which would
//! make each look-up walk all of it.

use crate::source::{ceil_char_boundary, floor_char_boundary};

/// How far either side of a span a line is looked for.
const REACH: usize = 600;

/// The start and end of the line holding `start..end`, or of the part of
/// it within `REACH` bytes of the span.
pub(super) fn line_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let lo = floor_char_boundary(text, start.saturating_sub(REACH));
    let hi = ceil_char_boundary(text, (end + REACH).min(text.len()));
    let ls = text[lo..start].rfind('\n').map_or(lo, |i| lo + i + 1);
    let le = text[end..hi].find('\n').map_or(hi, |i| end + i);
    (ls, le)
}

#[cfg(test)]
mod tests {
    use super::line_around;

    #[test]
    fn a_line_or_its_part_near_the_span() {
        let t = "one\ntwo three\nfour";
        let s = t.find("three").unwrap();
        assert_eq!(line_around(t, s, s + 5), (4, 13));
        let long = format!("{}é name {}", "a".repeat(1000), "b".repeat(1000));
        let s = long.find("name").unwrap();
        let (ls, le) = line_around(&long, s, s + 4);
        assert!(s - ls <= 601 && le - s <= 605 && long.is_char_boundary(ls));
    }
}
