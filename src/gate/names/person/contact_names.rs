//! A name given with the person's own number: a message signed "Mark (ext
//! 2271)", a rota's "Declan 07700 900 341, Thu 07700 900 342". A mobile
//! or an extension belongs to one person, so the capitalised word right
//! before it is whoever answers it, whatever else the word means (a mark,
//! a Thursday).

use super::{Rule, Span};

/// Words that label a number rather than name its owner.
const LABELS: &[&str] = &[
    "mobile",
    "mob",
    "tel",
    "telephone",
    "phone",
    "text",
    "call",
    "ring",
    "whatsapp",
    "number",
    "no",
    "contact",
    "landline",
    "fax",
    "sms",
    "helpline",
    "freephone",
    "line",
    "m",
    "t",
    "on",
    "at",
    "or",
    "and",
    "work",
    "home",
    "office",
    "direct",
    "personal",
    "cell",
    "new",
    "old",
];

/// Adds the capitalised word before each mobile number or extension that
/// no span yet holds.
pub(super) fn names_before_numbers(text: &str, spans: &mut Vec<Span>) {
    // Both shapes in one search of the text.
    static SEARCH: std::sync::OnceLock<crate::gate::structured::util::WordSearch> =
        std::sync::OnceLock::new();
    let search =
        SEARCH.get_or_init(|| crate::gate::structured::util::WordSearch::new(&[" 07", " (ext"]));
    let bytes = text.as_bytes();
    let mut extra = Vec::new();
    for at in search.places(text).into_iter().flatten() {
        let number = &bytes[at + 1..];
        let owned = if number.starts_with(b"(ext") {
            number[4..].starts_with(b" ") || number[4..].starts_with(b".")
        } else {
            // A mobile: 07 and nine more digits, spaced any way.
            number
                .iter()
                .take(16)
                .take_while(|b| b.is_ascii_digit() || **b == b' ')
                .filter(|b| b.is_ascii_digit())
                .count()
                >= 11
        };
        if !owned {
            continue;
        }
        let word_len = bytes[..at]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        let start = at - word_len;
        let word = &text[start..at];
        let edge =
            start == 0 || matches!(bytes[start - 1], b' ' | b'\n' | b',' | b'(' | b'>' | b'*');
        if word_len < 2
            || !edge
            || !word.starts_with(|c: char| c.is_ascii_uppercase())
            || word.bytes().all(|b| b.is_ascii_uppercase())
            || LABELS.contains(&word.to_ascii_lowercase().as_str())
            || spans.iter().any(|s| s.start < at && start < s.end)
        {
            continue;
        }
        extra.push(Span {
            start,
            end: at,
            rule: Rule::NameWord,
            certain: false,
        });
    }
    if !extra.is_empty() {
        spans.extend(extra);
        spans.sort_by_key(|s| s.start);
    }
}

#[cfg(test)]
mod tests {
    fn found(text: &str) -> Vec<&str> {
        let mut spans = Vec::new();
        super::names_before_numbers(text, &mut spans);
        spans.iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn the_word_before_a_mobile_or_an_extension_is_its_owner() {
        assert_eq!(
            found("Rota: Declan 07700 900 341, Thu 07700900342.\nCan you call? Mark (ext 2271)"),
            ["Declan", "Thu", "Mark"]
        );
    }

    #[test]
    fn labels_and_bodies_before_a_number_pass() {
        for text in [
            "Mobile 07700 900 341 or Tel 07700 900 342.",
            "Text 07700 900 341; ring NHS 07700 900 342.",
            "Call the team on 07700 900 341 (ext 22 for duty).",
            "In 2025 0741 calls came in; Table 07 shows it.",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
