//! NHS and CHI numbers: every run of ten digits, however it is grouped.
//!
//! A mistyped number still points at one person's health record, so the
//! checksum never decides *whether* to flag, only which label to give: a run
//! whose first six digits are a valid DDMMYY date is a CHI number (CHI numbers
//! also pass the NHS mod-11 check, and CHI is the more specific label).

use regex::Regex;

use super::util::{char_after, char_before, has_ascii_digit, valid_day_month};
use crate::findings::Kind;
use crate::gate::{Detector, Hit};

pub struct NhsChi {
    run: Regex,
}

impl NhsChi {
    pub fn new() -> NhsChi {
        // Digit groups joined by one separator: a space, a no-break space, or
        // a hyphen/dash/dot with optional spaces around it.
        let run =
            Regex::new(r"[0-9]+(?:(?:[ \u{a0}]?[-\u{2010}-\u{2013}.][ \u{a0}]?|[ \u{a0}])[0-9]+)*")
                .expect("nhs/chi regex");
        NhsChi { run }
    }
}

impl Default for NhsChi {
    fn default() -> Self {
        NhsChi::new()
    }
}

/// NHS mod-11: weights 10..2 on the first nine digits; the check digit is
/// 11 minus the remainder, 11 becoming 0 and 10 meaning "never issued".
pub(super) fn nhs_mod11(d: &[u32; 10]) -> bool {
    let sum: u32 = d[..9].iter().zip((2..=10).rev()).map(|(x, w)| x * w).sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        c => c,
    };
    check == d[9]
}

pub(super) fn chi_date(d: &[u32; 10]) -> bool {
    valid_day_month(d[0] * 10 + d[1], d[2] * 10 + d[3])
}

/// Labels a ten-digit number and appends the hit.
fn push_hit(digits: &[u32; 10], start: usize, end: usize, hits: &mut Vec<Hit>) {
    if chi_date(digits) {
        hits.push(Hit::new(
            start,
            end,
            Kind::ChiNumber,
            "chi-number",
            "Ten digits starting with a valid date of birth look like a CHI number, which identifies one person's health record in Scotland.",
        ));
    } else if nhs_mod11(digits) {
        hits.push(Hit::new(
            start,
            end,
            Kind::NhsNumber,
            "nhs-number",
            "Ten digits passing the NHS mod-11 check look like an NHS number, which identifies one person's health record.",
        ));
    } else {
        hits.push(Hit::new(
            start,
            end,
            Kind::NhsNumber,
            "ten-digit-number",
            "A run of ten digits looks like an NHS or CHI number, perhaps mistyped, and would still identify one person's health record.",
        ).uncertain());
    }
}

/// True when the run is the national part of an international phone number
/// (`+44 7700 900123`, `0044 …`, `+44 (0)7700 …`): the phone detector owns it.
fn after_phone_prefix(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '\u{a0}', '-']);
    before.ends_with("(0)")
        || before.ends_with("+44")
        || before.ends_with("0044")
        || before.ends_with("(+44)")
}

impl Detector for NhsChi {
    fn name(&self) -> &'static str {
        "nhs-chi"
    }

    fn scan(&self, text: &str, hits: &mut Vec<Hit>) {
        if !has_ascii_digit(text) {
            return;
        }
        for m in self.run.find_iter(text) {
            // A run glued to letters is part of a code or a hash, not a
            // number someone wrote down; one after a decimal point is a
            // measurement.
            if char_before(text, m.start()).is_some_and(|c| c.is_alphanumeric() || c == '_')
                || char_after(text, m.end()).is_some_and(|c| c.is_alphanumeric() || c == '_')
            {
                continue;
            }
            // A comma starts a new value between a CSV row's fields
            // ("17/03/2014,1703141237,"); only a thousands separator glues.
            if matches!(char_before(text, m.start()), Some('.' | '/' | '+'))
                || super::util::after_thousands_comma(text, m.start())
                || after_phone_prefix(text, m.start())
            {
                continue;
            }
            let s = m.as_str();
            let total = s.bytes().filter(u8::is_ascii_digit).count();
            if total == 10 {
                let digits = collect_digits(s);
                push_hit(&digits, m.start(), m.end(), hits);
                continue;
            }
            if total < 10 {
                continue;
            }
            // A longer run may hold an unspaced ten-digit number beside other
            // numbers (`2019 1503214567`); only a group set off by spaces
            // counts, so decimals and 11+ digit numbers stay out.
            let mut g_start = 0;
            for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
                if c != ' ' && c != '\u{a0}' {
                    continue;
                }
                let group = &s[g_start..i];
                if group.len() == 10 && group.bytes().all(|b| b.is_ascii_digit()) {
                    push_hit(
                        &collect_digits(group),
                        m.start() + g_start,
                        m.start() + i,
                        hits,
                    );
                }
                g_start = i + c.len_utf8();
            }
        }
    }
}

fn collect_digits(s: &str) -> [u32; 10] {
    let mut d = [0u32; 10];
    for (slot, b) in d.iter_mut().zip(s.bytes().filter(u8::is_ascii_digit)) {
        *slot = u32::from(b - b'0');
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Vec<(Kind, &'static str, String)> {
        let mut hits = Vec::new();
        NhsChi::new().scan(text, &mut hits);
        hits.into_iter()
            .map(|h| (h.kind, h.rule, text[h.start..h.end].to_string()))
            .collect()
    }

    fn kinds(text: &str) -> Vec<Kind> {
        scan(text).into_iter().map(|h| h.0).collect()
    }

    #[test]
    fn a_chi_number_with_a_valid_date_is_labelled_chi_number() {
        assert_eq!(
            scan("quoted CHI 1503214567."),
            vec![(Kind::ChiNumber, "chi-number", "1503214567".into())]
        );
        assert_eq!(
            kinds("CHI: 14 05 92 6627 for Mother"),
            vec![Kind::ChiNumber]
        );
        assert_eq!(
            kinds("record shows CHI 270118-7362."),
            vec![Kind::ChiNumber]
        );
        assert_eq!(
            kinds("CHI number, 030812 3182, appeared"),
            vec![Kind::ChiNumber]
        );
    }

    #[test]
    fn an_nhs_number_in_the_999_range_is_labelled_nhs_number() {
        assert_eq!(
            scan("(NHS number 999 234 5675)"),
            vec![(Kind::NhsNumber, "nhs-number", "999 234 5675".into())]
        );
        assert_eq!(kinds("record, 999-456-7896, was"), vec![Kind::NhsNumber]);
        assert_eq!(kinds("NHS No: 9993456780 in"), vec![Kind::NhsNumber]);
    }

    #[test]
    fn a_mistyped_ten_digit_number_is_still_flagged() {
        assert_eq!(
            scan("number 999 234 5676 was"),
            vec![(Kind::NhsNumber, "ten-digit-number", "999 234 5676".into())]
        );
    }

    #[test]
    fn a_chi_number_between_a_csv_rows_commas_is_found() {
        assert_eq!(
            scan("C-17,Rhys,Baird,15/03/2019,1503214567,P1"),
            vec![(Kind::ChiNumber, "chi-number", "1503214567".into())]
        );
    }

    #[test]
    fn a_ten_digit_number_beside_a_year_is_found() {
        assert_eq!(
            scan("matched in 2019 1503214567"),
            vec![(Kind::ChiNumber, "chi-number", "1503214567".into())]
        );
    }

    #[test]
    fn mod11_check_matches_known_values() {
        assert!(nhs_mod11(&collect_digits("9434765919")));
        assert!(!nhs_mod11(&collect_digits("9434765918")));
    }

    #[test]
    fn phone_numbers_and_longer_numbers_are_not_nhs_numbers() {
        assert!(kinds("call 0131 496 0123 today").is_empty());
        assert!(kinds("call +44 7700 900213 today").is_empty());
        assert!(kinds("call +44 (0)7700 900 557 today").is_empty());
        assert!(kinds("reference 12345678901 today").is_empty());
        assert!(kinds("pi is 3.1415926535 roughly").is_empty());
    }

    #[test]
    fn counts_years_and_hashes_pass() {
        assert!(kinds("Between 2019 and 2022 there were 47 missed appointments.").is_empty());
        assert!(kinds("The review read 1,240 pages in 2021-2022.").is_empty());
        assert!(kinds("sha256 = 9fe743ba4f779260d4307f09343af29c47d4f3ad77c6ff82").is_empty());
    }
}
