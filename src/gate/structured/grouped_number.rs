//! A membership or account number in four groups of four digits after a
//! scheme's capitals: "PVG 1402 7731 8860 2219". Sixteen digits so
//! grouped are no phone number (4-3-4, 5-6) nor a year run, and they name
//! one person's record in that scheme.

use std::sync::OnceLock;

use regex::Regex;

use crate::findings::Kind;
use crate::gate::Hit;

const MESSAGE: &str =
    "This looks like a membership or account number, which links straight to one person's record.";

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\b[A-Z]{2,5}[ \t]+\d{4}(?:[ \t]\d{4}){3}\b")
            .expect("grouped number pattern compiles")
    })
}

/// The lines of `text` (start, end) that hold four digits, a space or a
/// tab and a digit: every match holds that, on one line.
fn candidate_lines(text: &str, digit_bits: &super::util::Digits<'_>) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut from = 0;
    while let Some(d) = digit_bits.next(from) {
        let run = bytes[d..].iter().take_while(|b| b.is_ascii_digit()).count();
        let end = d + run;
        if run >= 4
            && matches!(bytes.get(end), Some(b' ' | b'\t'))
            && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
        {
            let ls = memchr::memrchr(b'\n', &bytes[..d]).map_or(0, |k| k + 1);
            let le = memchr::memchr(b'\n', &bytes[end..]).map_or(bytes.len(), |k| end + k);
            lines.push((ls, le));
            from = le;
        } else {
            from = end;
        }
    }
    lines
}

/// Adds the grouped numbers of `text`. The pattern runs only over the
/// lines that may hold one, each alone (a line's edges are newlines or the
/// text's edges, which `\b` reads the same way), so these are the matches
/// of the whole text; searching all of it walked every byte of prose.
pub(super) fn find(text: &str, digit_bits: &super::util::Digits<'_>, hits: &mut Vec<Hit>) {
    let matches = candidate_lines(text, digit_bits)
        .into_iter()
        .flat_map(|(ls, le)| {
            pattern()
                .find_iter(&text[ls..le])
                .map(move |m| (ls + m.start(), ls + m.end()))
        });
    for (start, end) in matches {
        hits.push(Hit::new(start, end, Kind::Reference, "grouped-number", MESSAGE).uncertain());
    }
}

#[cfg(test)]
mod tests {
    use crate::gate::structured::Reference;
    use crate::gate::Detector;

    fn found(text: &str) -> Vec<&str> {
        let mut hits = Vec::new();
        Reference::new().scan(text, &mut hits);
        hits.iter().map(|h| &text[h.start..h.end]).collect()
    }

    #[test]
    fn a_scheme_number_in_four_groups_is_found() {
        assert_eq!(
            found("Volunteer, scheme member no. PVG 3318 0042 7765 1290."),
            ["PVG 3318 0042 7765 1290"]
        );
    }

    #[test]
    fn only_lines_with_spaced_digit_groups_are_searched_and_nothing_is_lost() {
        for text in [
            "PVG 1402 7731 8860 2219\nno 1234 5678 here\nAB\t\t1111 2222 3333 4444 and CD 5555 6666 7777 88889",
            "1999 2000\nÉPVG 1402 7731 8860 2219 then XY 0000 1111 2222 3333\r\nQZ 12345 6789 0000 1111 2222",
        ] {
            let whole: Vec<_> = super::pattern()
                .find_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect();
            let mut hits = Vec::new();
            super::find(text, &crate::gate::structured::util::Digits::of(text), &mut hits);
            let lines: Vec<_> = hits.iter().map(|h| (h.start, h.end)).collect();
            assert_eq!(lines, whole, "{text:?}");
            assert!(!whole.is_empty(), "{text:?}");
        }
    }

    #[test]
    fn phone_numbers_and_years_pass() {
        assert!(found("Call 0131 496 0544 in 2019 or 2020.").is_empty());
    }
}
