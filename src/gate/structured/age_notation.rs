//! Ages finer than a year in the notation of forms and case notes, which
//! the sentence patterns of `age.rs` do not reach: after a label ("Age at
//! referral: 8 weeks", "Age: 18m"), after "now" or "then" set off as a
//! description of the child ("Baby Nuala now 5 months, weight …", "baby,
//! then 6 weeks, seen at home"), and "9 mo old".
//!
//! A duration reads the same ("for now 5 months in total", "now 9 months
//! long"), so "now" and "then" count only where a pause follows the unit
//! and no "for" or "since" comes before; a label counts only on its own
//! line, with the age the first thing after its colon.

use crate::findings::Kind;
use crate::gate::Hit;

const MESSAGE: &str =
    "This looks like an exact age finer than a year, which narrows down who the child is; give whole years or an age band.";

/// Units finer than a year, as forms abbreviate them.
const UNITS: &[&str] = &[
    "months", "month", "mths", "mth", "mos", "mo", "m", "weeks", "week", "wks", "wk", "w", "days",
    "day",
];

/// A number of one or two digits, or in words, at the start of `s`: its
/// length.
fn number_at(s: &str) -> Option<usize> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits) {
        return Some(digits);
    }
    if digits > 0 {
        return None;
    }
    let word = s.split(|c: char| !c.is_ascii_alphabetic()).next()?;
    let lc = word.to_ascii_lowercase();
    super::util::NUMBER_WORDS
        .contains(&lc.as_str())
        .then_some(word.len())
}

/// The number and unit at the start of `s` ("8 weeks", "18m", "11 wks"):
/// its length. Single-letter units only right after digits.
fn age_at(s: &str) -> Option<usize> {
    let n = number_at(s)?;
    let digits = s.as_bytes()[0].is_ascii_digit();
    let rest = &s[n..];
    let gap = rest.len() - rest.trim_start_matches([' ', '\u{a0}', '-']).len();
    let rest = &rest[gap..];
    let unit = rest
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    let lc = unit.to_ascii_lowercase();
    if !UNITS.contains(&lc.as_str()) || (unit.len() == 1 && !(digits && gap == 0)) {
        return None;
    }
    Some(n + gap + unit.len())
}

/// Adds the ages in notation of `text` that no hit in `hits[from..]`
/// already covers.
/// `units`: where the units are, if the caller has found them.
pub(super) fn find(
    text: &str,
    hits: &mut Vec<Hit>,
    from: usize,
    units: Option<&super::util::UnitsAt>,
) {
    let mut found: Vec<(usize, usize, &'static str)> = Vec::new();
    labelled(text, &mut found);
    now_or_then(text, &mut found);
    months_old(text, &mut found);
    super::age_initials::find(text, &mut found, units);
    for (s, e, rule) in found {
        if hits[from..].iter().any(|h| h.start < e && s < h.end) {
            continue;
        }
        hits.push(Hit::new(s, e, Kind::Age, rule, MESSAGE).uncertain());
    }
}

/// "Age: 18m", "Age at referral: 8 weeks", "Child's age on entry: 2
/// years and 7 months" is `age.rs`'s; here the fine ones alone.
fn labelled(text: &str, found: &mut Vec<(usize, usize, &'static str)>) {
    // Colons are far rarer than "ge": each is looked back from for an
    // "age" that opens a word within the label's 30 characters.
    let bytes = text.as_bytes();
    for colon in memchr::memchr_iter(b':', bytes) {
        let mut from = colon.saturating_sub(30);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let label = &bytes[from..colon];
        let opens_label = (0..label.len().saturating_sub(2)).any(|k| {
            let start = from + k;
            label[k..k + 3].eq_ignore_ascii_case(b"age")
                && (start == 0 || !bytes[start - 1].is_ascii_alphabetic())
                && !text[start + 3..colon].contains(['.', ',', ';', ':', '\n'])
        });
        if !opens_label {
            continue;
        }
        let line_end = text[colon..]
            .find('\n')
            .map_or(text.len(), |p| colon + p)
            .min(colon + 40);
        let mut line_end = line_end.min(text.len());
        while !text.is_char_boundary(line_end) {
            line_end -= 1;
        }
        let value = &text[colon + 1..line_end];
        let lead = value.len() - value.trim_start().len();
        let s = colon + 1 + lead;
        if let Some(len) = age_at(&text[s..line_end]) {
            let e = s + len;
            if !text[e..].starts_with(|c: char| c.is_alphanumeric()) {
                found.push((s, e, "age-labelled"));
            }
        }
    }
}

/// "Nuala now 5 months, weight …", "baby, then 6 weeks, seen": the age
/// of the one just named, set off by a pause.
fn now_or_then(text: &str, found: &mut Vec<(usize, usize, &'static str)>) {
    for word in ["now ", "then "] {
        for at in memchr::memmem::find_iter(text.as_bytes(), word.as_bytes()) {
            if at > 0 && text.as_bytes()[at - 1].is_ascii_alphabetic() {
                continue;
            }
            let s = at + word.len();
            let Some(len) = age_at(&text[s..]) else {
                continue;
            };
            let e = s + len;
            // A bracket opening after a space adds to the age ("now 19
            // months (1y 7m)").
            let pause = text[e..].is_empty()
                || text[e..].starts_with([',', ';', '.', ')', '\n'])
                || text[e..].starts_with(" (");
            let before = text[..at].trim_end();
            let lead = before
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            let duration = matches!(
                lead.as_str(),
                "for" | "since" | "over" | "lasted" | "took" | "waited" | "been" | "is" | "was"
            );
            if pause && (!duration || before.ends_with(',')) {
                found.push((at, e, "age-now"));
            }
        }
    }
}

/// "9 mo old", "3 wk old": an abbreviated unit before "old".
fn months_old(text: &str, found: &mut Vec<(usize, usize, &'static str)>) {
    for at in memchr::memmem::find_iter(text.as_bytes(), b" old") {
        let head = &text[..at];
        let unit_start = crate::text::trailing_run_start(head, |c| c.is_ascii_alphabetic());
        let unit = &head[unit_start..];
        if !matches!(unit, "mo" | "mos" | "wk" | "wks" | "mth" | "mths") {
            continue;
        }
        let num_end = head[..unit_start].trim_end_matches(' ').len();
        let num_start = crate::text::trailing_run_start(&head[..num_end], |c| c.is_ascii_digit());
        if (1..=2).contains(&(num_end - num_start))
            && !head[..num_start].ends_with(|c: char| c.is_alphanumeric())
        {
            found.push((num_start, at + 4, "age-old"));
        }
    }
}

#[cfg(test)]
mod tests {
    fn found(text: &str) -> Vec<String> {
        super::super::ages_found(text)
    }

    #[test]
    fn an_age_after_a_label_is_found() {
        assert_eq!(found("Age at admission: 10 weeks\n"), ["10 weeks"]);
        assert_eq!(found("Name: Baby T\nAge: 7m\n"), ["7m"]);
        assert!(found("Age: 7\nAge group: 5-11\n").is_empty());
    }

    #[test]
    fn an_age_after_now_or_then_set_off_by_a_pause_is_found() {
        assert_eq!(
            found("Toddler Kacper now 15 months, walking."),
            ["now 15 months"]
        );
        assert_eq!(
            found("the baby, then 9 days, was admitted"),
            ["then 9 days"]
        );
        assert_eq!(
            found("Ayaan, now 19 months (see chart), weight"),
            ["now 19 months"]
        );
        assert!(found("The wait is now 8 months long.").is_empty());
        assert!(found("They had lived there for now 4 months.").is_empty());
    }

    #[test]
    fn an_abbreviated_unit_before_old_is_found() {
        assert_eq!(found("Pt 11 mo old, crying."), ["11 mo old"]);
        assert_eq!(found("a 3 wk old baby"), ["3 wk old"]);
        // A curly quote before is one character of three bytes.
        assert!(found("Iain \u{201c}Pudge\u{201d} old").is_empty());
        assert_eq!(found("\u{201c}3 wk old\u{201d}"), ["3 wk old"]);
    }

    #[test]
    fn a_teen_number_word_of_months_is_found() {
        assert_eq!(
            found("The baby, aged fourteen months, was asleep."),
            ["aged fourteen months"]
        );
    }
}
