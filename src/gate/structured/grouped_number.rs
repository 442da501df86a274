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

/// Adds the grouped numbers of `text`.
pub(super) fn find(text: &str, hits: &mut Vec<Hit>) {
    for m in pattern().find_iter(text) {
        hits.push(
            Hit::new(
                m.start(),
                m.end(),
                Kind::Reference,
                "grouped-number",
                MESSAGE,
            )
            .uncertain(),
        );
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
    fn phone_numbers_and_years_pass() {
        assert!(found("Call 0131 496 0544 in 2019 or 2020.").is_empty());
    }
}
