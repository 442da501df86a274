//! An address whose "@" is written as the word "at" between a dotted
//! local part and a dotted domain: "fiona.aird at example.gov.uk". The
//! local part must hold a dot, underscore or digit and the domain must end
//! in a top-level domain, so prose ("look at example.com") passes.

use std::sync::OnceLock;

use regex::Regex;

use crate::findings::Kind;
use crate::gate::Hit;

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)\b([a-z0-9][a-z0-9+\-]*(?:[._][a-z0-9+\-]+)*)[ \u{a0}]+at[ \u{a0}]+([a-z0-9][a-z0-9\-]*(?:\.[a-z0-9][a-z0-9\-]*)+)\b",
        )
        .expect("email with 'at' pattern compiles")
    })
}

/// Adds the addresses written with the word "at" that no hit in
/// `hits[from..]` covers and whose domain ends in one of `tlds` (the email
/// detector's list, passed in so that the two files do not import each
/// other).
pub(super) fn find(text: &str, hits: &mut Vec<Hit>, from: usize, tlds: &[&str]) {
    for (start, end) in candidate_lines(text) {
        for c in pattern().captures_iter(&text[start..end]) {
            push_address(&c, start, hits, from, tlds);
        }
    }
}

/// The lines (a match never crosses one) where a word with a dot, an
/// underscore or a digit stands before a spaced "at" and a word with a dot
/// after it: the only places the pattern can find an address it keeps.
/// Prose says "at" in most lines, so the pattern is not run over them all.
fn candidate_lines(text: &str) -> Vec<(usize, usize)> {
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let bytes = text.as_bytes();
    // The pattern ignores case: "at", "AT", "At" and "aT".
    let ats = [&b"at"[..], b"AT", b"At", b"aT"]
        .into_iter()
        .flat_map(|word| memchr::memmem::find_iter(bytes, word));
    for at in ats {
        let before = &text[..at];
        let after = &text[at + 2..];
        let spaced = |c: char| c == ' ' || c == '\u{a0}';
        if !before.ends_with(spaced) || !after.starts_with(spaced) {
            continue;
        }
        let local = before.trim_end_matches(spaced);
        let local_start = local
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let local = &local[local_start..];
        let domain = after.trim_start_matches(spaced);
        let domain = &domain[..domain.find(char::is_whitespace).unwrap_or(domain.len())];
        if !local.contains(|ch: char| ch == '.' || ch == '_' || ch.is_ascii_digit())
            || !domain.contains('.')
        {
            continue;
        }
        let start = before.rfind('\n').map_or(0, |n| n + 1);
        let end = after.find('\n').map_or(text.len(), |n| at + 2 + n);
        lines.push((start, end));
    }
    lines.sort_unstable();
    lines.dedup();
    lines
}

fn push_address(
    c: &regex::Captures,
    offset: usize,
    hits: &mut Vec<Hit>,
    from: usize,
    tlds: &[&str],
) {
    let (local, domain) = (c.get(1).expect("local"), c.get(2).expect("domain"));
    let marked = local
        .as_str()
        .contains(|ch: char| ch == '.' || ch == '_' || ch.is_ascii_digit());
    let tld = domain.as_str().rsplit('.').next().unwrap_or("");
    if !marked || !tlds.iter().any(|t| t.eq_ignore_ascii_case(tld)) {
        return;
    }
    let (s, e) = (offset + local.start(), offset + domain.end());
    if hits[from..].iter().any(|h| h.start < e && s < h.end) {
        return;
    }
    hits.push(Hit::new(
        s,
        e,
        Kind::Email,
        "email-in-words",
        "This looks like an email address written out in words, which still reaches one person.",
    ));
}

#[cfg(test)]
mod tests {
    use super::{find, pattern};
    use crate::gate::structured::Email;
    use crate::gate::Detector;

    fn found(text: &str) -> Vec<&str> {
        let mut hits = Vec::new();
        Email::new().scan(text, &mut hits);
        hits.iter().map(|h| &text[h.start..h.end]).collect()
    }

    #[test]
    fn an_address_with_the_word_at_is_found() {
        assert_eq!(
            found("Copy to (kerr.lindsay at westfield.example.org.uk) today."),
            ["kerr.lindsay at westfield.example.org.uk"]
        );
        // A no-break space before the address is one character of two bytes.
        assert_eq!(
            found("mail\u{a0}kerr.lindsay at westfield.example.org"),
            ["kerr.lindsay at westfield.example.org"]
        );
    }

    #[test]
    fn prose_with_at_and_a_domain_passes() {
        assert!(found("Read more at example.com or ask at reception.").is_empty());
        assert!(found("She was at school.today with friends.").is_empty());
    }

    #[test]
    fn only_lines_the_pattern_could_keep_are_searched_and_nothing_is_lost() {
        let tlds = ["org", "com", "uk"];
        for text in [
            "Met at 10.30 at the school.\nWrite to jo.bell at example.org today.",
            "Mail A.Khan At Example.com or k_99\u{a0}at\u{a0}mail.example.uk,\nthen we met AT noon.",
            "kerr.lindsay at westfield.example.org.uk\nno address at all here.\nx1 aT y.com",
        ] {
            let mut fast = Vec::new();
            find(text, &mut fast, 0, &tlds);
            let whole: Vec<_> = pattern()
                .captures_iter(text)
                .filter_map(|c| {
                    let (local, domain) = (c.get(1)?, c.get(2)?);
                    let marked = local
                        .as_str()
                        .contains(|ch: char| ch == '.' || ch == '_' || ch.is_ascii_digit());
                    let tld = domain.as_str().rsplit('.').next()?;
                    (marked && tlds.iter().any(|t| t.eq_ignore_ascii_case(tld)))
                        .then(|| (local.start(), domain.end()))
                })
                .collect();
            let fast: Vec<_> = fast.iter().map(|h| (h.start, h.end)).collect();
            assert_eq!(fast, whole, "{text:?}");
            assert!(!fast.is_empty(), "{text:?}");
        }
    }
}
