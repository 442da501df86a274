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
    if !text.contains(" at ") && !text.contains(" AT ") {
        return;
    }
    for c in pattern().captures_iter(text) {
        let (local, domain) = (c.get(1).expect("local"), c.get(2).expect("domain"));
        let marked = local
            .as_str()
            .contains(|ch: char| ch == '.' || ch == '_' || ch.is_ascii_digit());
        let tld = domain.as_str().rsplit('.').next().unwrap_or("");
        if !marked || !tlds.iter().any(|t| t.eq_ignore_ascii_case(tld)) {
            continue;
        }
        let (s, e) = (local.start(), domain.end());
        if hits[from..].iter().any(|h| h.start < e && s < h.end) {
            continue;
        }
        hits.push(Hit::new(
            s,
            e,
            Kind::Email,
            "email-in-words",
            "This looks like an email address written out in words, which still reaches one person.",
        ));
    }
}

#[cfg(test)]
mod tests {
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
    }

    #[test]
    fn prose_with_at_and_a_domain_passes() {
        assert!(found("Read more at example.com or ask at reception.").is_empty());
        assert!(found("She was at school.today with friends.").is_empty());
    }
}
