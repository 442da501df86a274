//! UK phone numbers: landlines and mobiles in national form (`0131 496 0123`,
//! `(0141) 496-0999`, `07700900123`) or international form (`+44 7700
//! 900123`, `0044 …`, `+44 (0)7700 …`), with spaces, dashes, dots or brackets.
//!
//! The regex only finds where a number may start; a short hand-written walk
//! then counts digit groups, which is simpler and faster than one regex per
//! grouping and keeps the next number in a list from being swallowed.

use regex::Regex;

use super::util::{after_thousands_comma, char_after, char_before, has_ascii_digit};
use crate::findings::Kind;
use crate::gate::{Detector, Hit, PreparedText};

pub struct Phone {
    start: Regex,
}

impl Phone {
    pub fn new() -> Phone {
        let start = Regex::new(r"\(?\+[ \u{a0}]?44|(?-u:\b)0044|\(0[0-9]|(?-u:\b)0 ?[0-9]")
            .expect("phone regex");
        Phone { start }
    }
}

impl Default for Phone {
    fn default() -> Self {
        Phone::new()
    }
}

/// National helplines that published reviews rightly print (NSPCC,
/// Parentline Scotland, the domestic abuse helpline, Breathing Space,
/// Crimestoppers): organisations' numbers, never a family's.
const HELPLINES: &[&str] = &[
    "08088005000",
    "08000282233",
    "08000271234",
    "0800838587",
    "0800555111",
    "08081000900",
];

/// One group of digits and where it ends.
#[derive(Debug)]
struct Group {
    digits: usize,
    end: usize,
    /// Whether only spaces separated it from the group before.
    space_before: bool,
    /// Whether a line break separated it from the group before.
    line_before: bool,
}

/// Walks digit groups from `i`, allowing up to three separator chars
/// (space, dash, dot, brackets) between groups. Stops after `max_digits`.
fn groups(text: &str, mut i: usize, max_digits: usize) -> Vec<Group> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut total = 0;
    let mut space_before = false;
    let mut line_before = false;
    while i < bytes.len() && total <= max_digits {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            break;
        }
        total += i - start;
        out.push(Group {
            digits: i - start,
            end: i,
            space_before,
            line_before,
        });
        // Separators between groups.
        let mut j = i;
        let mut seps = 0;
        let mut only_spaces = true;
        let mut line_broken = false;
        while seps < 3 && j < bytes.len() {
            match bytes[j] {
                b' ' | b'\t' | b'\r' => j += 1,
                // A number wrapped onto the next line ("07700 900⏎318", as
                // pasted from a PDF or typed in a narrow box) is one number
                // on the page, where a single line break is a space; a
                // blank line between ends it.
                b'\n' if !line_broken => {
                    line_broken = true;
                    j += 1;
                }
                b'-' | b'.' | b'(' | b')' => {
                    only_spaces = false;
                    j += 1;
                }
                0xC2 if bytes.get(j + 1) == Some(&0xA0) => j += 2,
                0xE2 if bytes.get(j + 1) == Some(&0x80)
                    && matches!(bytes.get(j + 2), Some(0x90..=0x93)) =>
                {
                    only_spaces = false;
                    j += 3;
                }
                _ => break,
            }
            seps += 1;
        }
        if j == i || !bytes.get(j).is_some_and(u8::is_ascii_digit) {
            break;
        }
        space_before = only_spaces;
        line_before = line_broken;
        i = j;
    }
    out
}

/// Finds the group end where the digit count reaches exactly one of `wanted`.
fn end_at(groups: &[Group], wanted: &[usize]) -> Option<(usize, usize)> {
    let mut total = 0;
    let mut best = None;
    for (k, g) in groups.iter().enumerate() {
        total += g.digits;
        if wanted.contains(&total) {
            best = Some((k, total));
        }
        if total >= *wanted.iter().max().unwrap_or(&0) {
            break;
        }
    }
    best
}

impl Detector for Phone {
    fn name(&self) -> &'static str {
        "phone"
    }

    fn scan(&self, text: &str, hits: &mut Vec<Hit>) {
        self.scan_prepared(&PreparedText::new(text), hits)
    }

    fn scan_prepared(&self, prepared: &PreparedText<'_>, hits: &mut Vec<Hit>) {
        let text = prepared.text;
        super::spoken_phone::find(text, hits);
        if !has_ascii_digit(text) {
            return;
        }
        super::lookalike_phone::find(text, &super::util::digits_of(prepared), hits);
        let mut last_end = 0;
        for m in self.start.find_iter(text) {
            if m.start() < last_end {
                continue;
            }
            // A 0 inside a date, decimal, reference or word is not a phone
            // number's first digit. A colon counts only after a digit
            // ("10:07"), a comma only as a thousands separator: after a
            // label ("Tel:07700…") or a CSV field a number starts.
            let after_digit =
                || char_before(text, m.start() - 1).is_some_and(|d| d.is_ascii_digit());
            if after_thousands_comma(text, m.start())
                || char_before(text, m.start()).is_some_and(|c| {
                    c.is_alphanumeric()
                        || matches!(c, '_' | '/' | '.' | '-' | '£' | '$')
                        || (c == ':' && after_digit())
                })
            {
                continue;
            }
            let s = m.as_str();
            let international = s.contains('+') || s.starts_with("0044");
            let (digit_start, national_prefix) = if international {
                // Skip "+44"/"0044" and an optional "(0)" trunk prefix.
                let mut i = m.end();
                let rest = &text[i..];
                let trimmed = rest.trim_start_matches([' ', '\u{a0}', '-', ')']);
                i += rest.len() - trimmed.len();
                if let Some(after) = trimmed.strip_prefix("(0)") {
                    let t2 = after.trim_start_matches([' ', '\u{a0}', '-']);
                    i += trimmed.len() - t2.len();
                }
                (i, 1)
            } else {
                let open = usize::from(s.starts_with('('));
                (m.start() + open, 0)
            };
            if !text[digit_start..].starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            let gs = groups(text, digit_start, 12);
            // A trunk 0 typed apart from the number ("0 7700 900 390", a
            // form's boxes): the number's next group is a real one, not
            // another lone digit of a row of figures ("0 1 2 3 …").
            if national_prefix == 0 && gs[0].digits == 1 && gs.get(1).is_none_or(|g| g.digits < 3) {
                continue;
            }
            // National numbers are 10 or 11 digits with the leading 0;
            // after +44 the 0 is dropped.
            let wanted: &[usize] = if national_prefix == 1 {
                &[9, 10]
            } else {
                &[10, 11]
            };
            // Twelve digits grouped as a landline is ("01382 496 0477"):
            // a number mistyped with a digit too many, which a reader
            // still dials by guessing; a person decides.
            let spaced_like_a_landline = national_prefix == 0
                && gs.len() == 3
                && (4..=5).contains(&gs[0].digits)
                && gs[1..].iter().all(|g| g.space_before);
            let (k, total, mistyped) = match end_at(&gs, wanted) {
                Some((k, total)) => (k, total, false),
                None if spaced_like_a_landline => match end_at(&gs, &[12]) {
                    Some((k, total)) => (k, total, true),
                    None => continue,
                },
                None => continue,
            };
            let national_len = total + national_prefix;
            let first_digits: Vec<u8> = text[digit_start..gs[k].end]
                .bytes()
                .filter(u8::is_ascii_digit)
                .take(2)
                .collect();
            let trunk = if national_prefix == 1 {
                first_digits.first().copied()
            } else {
                first_digits.get(1).copied()
            };
            if national_prefix == 0 && first_digits.first() != Some(&b'0') {
                continue;
            }
            // 04 and 06 are unused; 00 is international; mobiles (07) are 11.
            match trunk {
                Some(b'1' | b'2' | b'3' | b'5' | b'8' | b'9') => {}
                Some(b'7') if national_len == 11 || mistyped => {}
                _ => continue,
            }
            if national_prefix == 0 && national_len == 10 {
                // An unspaced or date-shaped ten-digit run is left to the
                // NHS/CHI detector, which flags every ten-digit run anyway.
                let shape: Vec<usize> = gs[..=k].iter().map(|g| g.digits).collect();
                if shape.len() == 1 || shape == [2, 2, 2, 4] || shape == [6, 4] {
                    continue;
                }
            }
            let end = gs[k].end;
            let national: String = std::iter::once('0')
                .take(national_prefix)
                .chain(text[digit_start..end].chars().filter(char::is_ascii_digit))
                .collect();
            if HELPLINES.contains(&national.as_str()) {
                continue;
            }
            // More digits straight after (no space) mean a longer number;
            // digits on the next line after a bracket or a full stop are
            // the line's own ("(07700 900 226).⏎1310 Vehicle stop").
            if char_after(text, end).is_some_and(|c| c.is_alphanumeric())
                || (gs
                    .get(k + 1)
                    .is_some_and(|g| !g.space_before && !g.line_before)
                    && national_prefix == 0
                    && gs[k + 1].digits >= 3)
            {
                continue;
            }
            last_end = end;
            hits.push(if mistyped {
                Hit::new(
                    m.start(),
                    end,
                    Kind::Phone,
                    "uk-phone-mistyped",
                    "This looks like a UK phone number with a digit too many, perhaps mistyped; a reader can still guess the number and reach a person or household.",
                )
                .uncertain()
            } else {
                Hit::new(
                    m.start(),
                    end,
                    Kind::Phone,
                    "uk-phone",
                    "This looks like a UK phone number, which reaches a person or household directly.",
                )
            });
        }
        extensions(text, hits);
    }
}

/// "ext. 20445", "extension 4471": a practitioner's own line inside a
/// switchboard, which rings one desk.
fn extensions(text: &str, hits: &mut Vec<Hit>) {
    let bytes = text.as_bytes();
    for cue in ["ext", "Ext", "EXT"] {
        for at in memchr::memmem::find_iter(bytes, cue.as_bytes()) {
            if char_before(text, at).is_some_and(char::is_alphanumeric) {
                continue;
            }
            let mut i = at + cue.len();
            for tail in ["ension", "n", "."] {
                if text[i..].starts_with(tail) {
                    i += tail.len();
                }
            }
            if text[i..].starts_with('.') {
                i += 1;
            }
            let gap = text[i..].len() - text[i..].trim_start_matches([' ', ':', '\u{a0}']).len();
            let start = i + gap;
            let digits = bytes[start..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if (gap == 0 && start == at + cue.len())
                || !(3..=6).contains(&digits)
                || char_after(text, start + digits).is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let end = start + digits;
            if hits.iter().any(|h| h.start < end && start < h.end) {
                continue;
            }
            hits.push(Hit::new(
                start,
                end,
                Kind::Phone,
                "phone-extension",
                "This looks like a telephone extension, which rings one person's desk; leave it out.",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        let mut hits = Vec::new();
        Phone::new().scan(text, &mut hits);
        assert!(hits.iter().all(|h| h.kind == Kind::Phone));
        hits.into_iter()
            .map(|h| text[h.start..h.end].to_string())
            .collect()
    }

    #[test]
    fn landlines_in_common_layouts_are_found() {
        assert_eq!(found("on 0141 496 0723 with"), vec!["0141 496 0723"]);
        assert_eq!(found("to (0131) 496 0457, a"), vec!["(0131) 496 0457"]);
        assert_eq!(found("on 0141-496-0988 but"), vec!["0141-496-0988"]);
        assert_eq!(found("from 020 7946 0321 while"), vec!["020 7946 0321"]);
        assert_eq!(found("landline, 01632 960 184, was"), vec!["01632 960 184"]);
        assert_eq!(found("ring (0141) 496-0999."), vec!["(0141) 496-0999"]);
        assert_eq!(found("ring 0131.496.0123."), vec!["0131.496.0123"]);
    }

    #[test]
    fn extensions_are_found() {
        assert_eq!(
            found("0141 496 0445 (ext. 20445) or extension 4471"),
            vec!["0141 496 0445", "20445", "4471"]
        );
        assert!(found("the external 2024 review and text 3000 words").is_empty());
    }

    #[test]
    fn a_number_in_a_csv_field_or_after_a_label_is_found() {
        assert_eq!(
            found("IO-77,Mira,Haddad,Development 2,01632 960551,mira@example.com"),
            vec!["01632 960551"]
        );
        assert_eq!(found("Mob:07700 900321; home"), vec!["07700 900321"]);
        assert!(found("raised 12,077 and £3,075,000 at 10:07700 900321").is_empty());
        assert_eq!(
            found("1187240,Ann Moir,none,0 7700 900 390,AB51 0PD"),
            vec!["0 7700 900 390"]
        );
        assert!(found("Scores 0 1 2 3 4 5 6 7 8 9 and 0 12 34 56 78").is_empty());
    }

    #[test]
    fn mobiles_and_international_numbers_are_found() {
        assert_eq!(found("on 07700 900481 during"), vec!["07700 900481"]);
        assert_eq!(found("from 07700900362 to"), vec!["07700900362"]);
        assert_eq!(found("as +44 7700 900213 in"), vec!["+44 7700 900213"]);
        assert_eq!(
            found("listed +44 (0)7700 900 557 as"),
            vec!["+44 (0)7700 900 557"]
        );
        assert_eq!(found("dial 0044 131 496 0123."), vec!["0044 131 496 0123"]);
        assert_eq!(found("dial +441314960123."), vec!["+441314960123"]);
    }

    #[test]
    fn a_ten_digit_landline_is_found() {
        assert_eq!(found("Tel. 01387 12345 after"), vec!["01387 12345"]);
        assert_eq!(found("freephone 0800 123 456"), vec!["0800 123 456"]);
    }

    #[test]
    fn a_number_wrapped_onto_the_next_line_is_one_number() {
        assert_eq!(found("Tel 07700 900\n318."), vec!["07700 900\n318"]);
        assert_eq!(
            found("ring 0141 496\r\n0947 today"),
            vec!["0141 496\r\n0947"]
        );
        // A blank line between is a new paragraph: the 0141 496 alone is
        // too short to be a number, and nothing is found.
        assert!(found("ring 0141 496\n\n0947 today").is_empty());
        // A log's next line opening with a time is not more of the number.
        assert_eq!(
            found("my number (07700 900 226).\n1310 Vehicle stop"),
            vec!["(07700 900 226"]
        );
        assert_eq!(
            found("call 0131 496 0021 -\n0930 visit"),
            vec!["0131 496 0021"]
        );
    }

    #[test]
    fn a_landline_with_a_digit_too_many_is_found() {
        assert_eq!(
            found("Centre, 01382 496 0477) confirms"),
            vec!["01382 496 0477"]
        );
        assert_eq!(found("tel 0141 4960 7231."), vec!["0141 4960 7231"]);
        // Unspaced, twelve digits are some other number.
        assert!(found("ref 013824960477 here").is_empty());
    }

    #[test]
    fn two_numbers_in_a_row_are_both_found() {
        assert_eq!(
            found("0141 496 0723 or 07700 900481"),
            vec!["0141 496 0723", "07700 900481"]
        );
    }

    #[test]
    fn dates_references_counts_and_chi_numbers_pass() {
        assert!(found("on 03/06/2021 and 2022-09-15").is_empty());
        assert!(found("crime reference 0458/2021").is_empty());
        assert!(found("Seven agencies read 1,240 pages; 0.5 per cent").is_empty());
        assert!(found("CHI 0808861506 and 08 08 86 1506").is_empty());
        assert!(found("a number 012345678901234 here").is_empty());
        assert!(found("version 0.12.3 of the tool").is_empty());
        assert!(
            found("Childline (0800 1111) and the NSPCC helpline (0808 800 5000) were listed.")
                .is_empty()
        );
    }
}
