//! An age finer than a year right after a child's initials, as family
//! nurses, wards and handovers write a visit's first line: "MJ 7 months.",
//! "TK 6 weeks, feeding well", "baby LMcK 10 months,", "RB 4½ months:".
//! The bare-age judge of `age.rs` wants a name in title case before the
//! number; initials are the name here. A role's letters ("HV 6 weeks")
//! are no child, and a duration has no pause after its unit ("KO 3 weeks
//! off school"), so the unit must end the phrase.

/// Units of an age finer than a year, as notes write them.
const UNITS: &[&str] = &[
    "months", "month", "mths", "mth", "weeks", "week", "wks", "wk",
];

/// What the search looks for: each unit holds exactly one of these, so
/// four passes find every unit and the rule runs only where one occurs.
const NEEDLES: &[&str] = &["month", "mth", "week", "wk"];

/// Letters of roles and services, not of a child.
const ROLES: &[&str] = &[
    "HV", "GP", "SW", "MW", "FN", "FNP", "ED", "AE", "OT", "SLT", "PC", "DC", "DS", "CP", "LAC",
    "NHS", "CPN", "SN", "CAMHS", "DNA", "CPPM", "IRD", "ICPCC",
];

/// Words that may stand before a child's initials.
const BEFORE: &[&str] = &[
    "baby", "infant", "child", "sibling", "twin", "brother", "sister",
];

/// The initials that end `s` ("MJ", "AJ-M", "LMcK"): where they start.
fn initials_before(s: &str) -> Option<usize> {
    let start = s
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_ascii_alphabetic() || c == '-')
        .last()
        .map(|(i, _)| i)?;
    let word = &s[start..];
    let capitals = word.bytes().filter(u8::is_ascii_uppercase).count();
    // Lower case only in "Mc" and "Mac" ("LMcK", "DMacL").
    let lower_ok = word
        .replace("Mac", "")
        .replace("Mc", "")
        .bytes()
        .all(|b| !b.is_ascii_lowercase());
    let ok = (2..=5).contains(&capitals)
        && word.len() <= 7
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && !word.ends_with('-')
        && lower_ok
        && !ROLES.contains(&word);
    ok.then_some(start)
}

/// What stands before the initials: a line's start, a label's colon, a
/// pause, a bracket, or a word for the child.
fn opens_a_note(before: &str) -> bool {
    let b = before.trim_end_matches([' ', '\t', '*', '_']);
    if b.is_empty() || b.ends_with(['\n', ':', '.', ';', ',', '(', '-', '—', '–', '|', '>']) {
        return true;
    }
    let word = b
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    BEFORE.contains(&word.as_str())
}

/// Adds "MJ 7 months"-shaped ages: the number and unit only.
///
/// `units`: where the units are, if the caller has found them.
pub(super) fn find(
    text: &str,
    found: &mut Vec<(usize, usize, &'static str)>,
    units: Option<&super::util::UnitsAt>,
) {
    for needle in NEEDLES {
        for at in super::util::UnitsAt::of(units, text, needle)
            .iter()
            .copied()
        {
            let unit_len = text.as_bytes()[at..]
                .iter()
                .take_while(|b| b.is_ascii_alphabetic())
                .count();
            if !UNITS.contains(&&text[at..at + unit_len])
                || text.as_bytes()[..at]
                    .last()
                    .is_some_and(u8::is_ascii_alphabetic)
            {
                continue;
            }
            let end = at + unit_len;
            let after = &text[end..];
            if after.starts_with(|c: char| c.is_alphanumeric()) {
                continue;
            }
            let pause = after.is_empty()
                || after.starts_with([',', '.', ':', ';', ')', '\n', '\r'])
                || after.starts_with(" old")
                || after.starts_with(" —")
                || after.starts_with(" –")
                || after.starts_with(" -");
            if !pause {
                continue;
            }
            let head = text[..at].trim_end_matches(' ');
            if head.len() + 1 != at && head.len() != at {
                continue;
            }
            // The gate scans a compatibility-folded view, where "4½" is
            // "41⁄2".
            let head = ["½", "¼", "¾", "1\u{2044}2", "1\u{2044}4", "3\u{2044}4"]
                .iter()
                .find_map(|f| head.strip_suffix(f))
                .unwrap_or(head);
            let digits = head.bytes().rev().take_while(u8::is_ascii_digit).count();
            if !(1..=2).contains(&digits) {
                continue;
            }
            let num_start = head.len() - digits;
            let Some(before_num) = head[..num_start].strip_suffix(' ') else {
                continue;
            };
            let Some(init) = initials_before(before_num) else {
                continue;
            };
            if opens_a_note(&before_num[..init]) {
                found.push((num_start, end, "age-after-initials"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    fn found(text: &str) -> Vec<&str> {
        let mut f = Vec::new();
        super::find(text, &mut f, None);
        f.iter().map(|&(s, e, _)| &text[s..e]).collect()
    }

    #[test]
    fn an_age_after_initials_is_found() {
        assert_eq!(found("PB 5 months. Teething, unsettled."), ["5 months"]);
        assert_eq!(found("Visit 9: DW 11 weeks, weight 5.4 kg"), ["11 weeks"]);
        assert_eq!(found("baby KMcL 2½ months: smiling"), ["2½ months"]);
        assert_eq!(found("- SA-R 9 mths; crawling"), ["9 mths"]);
        assert_eq!(
            found("baby KMcL 21\u{2044}2 months: smiling"),
            ["21\u{2044}2 months"]
        );
        assert_eq!(found("(ZO 3 wks) seen with mum"), ["3 wks"]);
    }

    #[test]
    fn roles_durations_and_sentences_are_not() {
        assert!(found("HV 6 weeks. Next visit booked.").is_empty());
        assert!(found("PB 3 weeks off school after the fall").is_empty());
        assert!(found("We saw PB 5 months later.").is_empty());
        assert!(found("Ward 5 months, then home.").is_empty());
        assert!(found("Mum said PB 5 months.").is_empty());
    }
}
