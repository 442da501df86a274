//! Small text helpers shared by the structured detectors. Offsets are byte
//! offsets that always sit on char boundaries.

/// The char just before byte `i`, if any.
pub(super) fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

/// The char starting at byte `i`, if any.
pub(super) fn char_after(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// True when no letter, digit or underscore touches byte `i` from the left.
/// Checked on chars rather than with regex `\b`, because Unicode `\b` would
/// push the regex crate off its fast DFA on non-ASCII text.
pub(super) fn starts_word(text: &str, i: usize) -> bool {
    !char_before(text, i).is_some_and(is_word_char)
}

pub(super) fn has_ascii_digit(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
}

/// Largest char boundary not after `i`.
pub(super) fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Smallest char boundary not before `i`.
pub(super) fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Words (runs of letters and digits) in the `window` bytes before `i`,
/// nearest first. Context checks look only a few words back, so a bounded
/// window keeps every detector linear in the text.
pub(super) fn words_before(text: &str, i: usize, window: usize) -> impl Iterator<Item = &str> {
    let from = floor_boundary(text, i.saturating_sub(window));
    let slice = &text[from..i];
    // The first word may have been cut by the window; drop it unless the
    // window reached the start of the text.
    let cut = from > 0 && char_before(text, from).is_some_and(char::is_alphanumeric);
    let mut words: Vec<&str> = slice
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if cut && slice.starts_with(|c: char| c.is_alphanumeric()) && !words.is_empty() {
        words.remove(0);
    }
    words.into_iter().rev()
}

/// Words in the `window` bytes after `i`, nearest first.
pub(super) fn words_after(text: &str, i: usize, window: usize) -> impl Iterator<Item = &str> {
    let to = ceil_boundary(text, i + window);
    let slice = &text[i..to];
    let cut = to < text.len() && char_after(text, to).is_some_and(char::is_alphanumeric);
    let mut words: Vec<&str> = slice
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if cut && slice.ends_with(|c: char| c.is_alphanumeric()) {
        words.pop();
    }
    words.into_iter()
}

/// The word right after `i`, skipping spaces only (not punctuation): `None`
/// when punctuation or the end of the text comes first.
pub(super) fn next_word(text: &str, i: usize) -> Option<&str> {
    let rest = text[i..].trim_start_matches([' ', '\u{a0}', '\t']);
    let end = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

pub(super) fn eq_any(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Days in a month, with 29 February always allowed: two-digit years do not
/// say which century, and a wrongly rejected date of birth is the costly error.
pub(super) fn days_in_month(month: u32) -> u32 {
    match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => 0,
    }
}

pub(super) fn valid_day_month(day: u32, month: u32) -> bool {
    day >= 1 && day <= days_in_month(month)
}

/// Value of a run of ASCII digits; callers pass short runs only.
pub(super) fn num(digits: &str) -> u32 {
    digits.bytes().fold(0u32, |acc, b| {
        acc.saturating_mul(10).saturating_add(u32::from(b - b'0'))
    })
}

/// Month number from an English month name or abbreviation, any case.
pub(super) fn month_number(name: &str) -> Option<u32> {
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    let m = match lower.as_str() {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    };
    Some(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_before_gives_nearest_first_and_drops_a_cut_word() {
        let text = "the crime reference number 0458";
        let i = text.find("0458").unwrap();
        let words: Vec<&str> = words_before(text, i, 20).collect();
        assert_eq!(words, vec!["number", "reference"]);
    }

    #[test]
    fn words_after_gives_nearest_first() {
        let text = "0458 of 2021 was logged";
        let words: Vec<&str> = words_after(text, 4, 100).collect();
        assert_eq!(words, vec!["of", "2021", "was", "logged"]);
    }

    #[test]
    fn next_word_stops_at_punctuation() {
        assert_eq!(next_word("  referrals were", 0), Some("referrals"));
        assert_eq!(next_word(", Mother", 0), None);
    }

    #[test]
    fn word_edges_see_non_ascii_letters() {
        let text = "é1";
        assert!(!starts_word(text, 2));
        assert!(starts_word("“1", "“".len()));
    }

    #[test]
    fn twenty_ninth_of_february_is_a_valid_day() {
        assert!(valid_day_month(29, 2));
        assert!(!valid_day_month(30, 2));
        assert!(!valid_day_month(31, 4));
        assert!(!valid_day_month(1, 13));
    }
}
