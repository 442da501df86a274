//! A statistic named after its author is no person of the case: "Cohen's
//! κ = 0.78", "Cronbach's alpha", "Pearson's r = 0.61". A record system
//! in camel case ("BadgerNet") would pass the same way, but local firms
//! are named so too ("LinguaLink Scotland", "FifeStaff Recruitment" in
//! blind11-12's planted text), so camel case alone passes nothing.

use super::{Rule, Span};
/// Statistics named after their authors, after the possessive.
const STATISTICS: &[&str] = &[
    "κ",
    "α",
    "ρ",
    "kappa",
    "alpha",
    "rho",
    "coefficient",
    "correlation",
    "exact",
    "test",
    "r",
    "d",
    "w",
    "u",
];

fn statistic(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start_matches(' ');
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    // "Cohen's d = 0.4": a one-letter statistic needs its value.
    let after = rest[word.len()..].trim_start();
    STATISTICS.contains(&word.as_str())
        && (word.chars().count() > 1 || after.starts_with(['=', '<', '>']) || !word.is_ascii())
}

/// Drops the spans of a surname's possessive before a statistic.
pub(super) fn drop_statistics(text: &str, spans: &mut Vec<Span>) {
    spans.retain(|s| {
        let raw = &text[s.start..s.end];
        !(matches!(s.rule, Rule::Unknown | Rule::Gazetteer | Rule::NameWord)
            && (raw.ends_with("'s") || raw.ends_with("’s"))
            && !raw.contains(' ')
            && statistic(text, s.end))
    });
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn statistics_pass() {
        let t = "Agreement was Pearson's r = 0.61 and Cohen's κ = 0.7.";
        assert!(found(t).is_empty(), "{:?}", found(t));
        assert!(found("Pearson's rota was moved.").contains(&"Pearson's"));
    }
}
