//! Whoever signs a record, after the label that says so: "**Signed:**
//! G.P. 20/11/2024", "countersigned D.Mc (LOM)", "Initials: HGC",
//! "**Exported by:** m.khan (Mehreen Khan, assessor)". Whatever the
//! letters spell, the label says a person stands there: initials with or
//! without full stops, an initial and "Mc" or "Mac" cut short, or a
//! login of an initial, a full stop and a surname.

use std::sync::OnceLock;

use regex::Regex;

use super::super::lexicon::Lexicon;
use super::{Rule, Span};

fn signer() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let label = r"(?:[Cc]ounter-?signed|[Ss]igned(?: off)?|SIGNED|[Ss]ignature|[Ii]nitials|[Ii]nitialled|(?:[Ll]ogged|[Cc]hecked|[Cc]ompleted|[Rr]ecorded|[Ee]ntered|[Ee]xported|[Pp]repared|[Vv]erified|[Ww]itnessed|[Aa]uthorised|[Tt]aken) by|[Dd]river)";
        let initials = r"\p{Lu}\.(?: ?\p{Lu}\.)+|[A-Z]\.? ?Ma?c[A-Z]?(?:[a-z]{0,6})?\.?|[A-Z]{2,3}(?:/[A-Z]{2,3})?|[a-z]{1,2}\.[a-z]{2,20}|[a-z]{2,4}";
        Regex::new(&format!(
            r"{label}(?:\*\*)?:?(?:\*\*)?[ \t]+(?P<who>(?:{initials})(?:[ \t]*[/&][ \t]*(?:{initials}))*)(?P<after>\.[ \t]+[A-Z]|\.?[ \t]*(?:$|[\n\r(),·|;*]|[0-9]{{1,2}}[/.]))"
        ))
        .expect("signer regex")
    })
}

/// Adds whoever signs after a signing label to `spans`.
pub(super) fn signers(text: &str, spans: &mut Vec<Span>, lex: &Lexicon) {
    // The regex's own literal search finds the labels: " by" stands in
    // nearly every text, so a search for it first would only add a pass.
    for caps in signer().captures_iter(text) {
        let who = caps.name("who").expect("group");
        let letters = who.as_str().trim_end_matches('.');
        // "signed by MP" reads as a member of parliament's letter only
        // in prose about one; a label's capitals in a record are someone's.
        if matches!(letters, "UK" | "EU" | "US" | "UN" | "NHS") {
            continue;
        }
        // "taken by jen", "driver: gm": a short name or initials in lower
        // case; "taken by car", "driver: tbc" are words.
        if letters.bytes().all(|b| b.is_ascii_lowercase())
            && super::log_initials::letters_are_a_word(letters, lex)
        {
            continue;
        }
        // "Prepared by CPC (Lead Officer)": after "by", a body's known
        // capitals are the body; after "Signed" or "Initials", someone's.
        let by_label = text[..who.start()]
            .trim_end_matches([' ', '\t', ':', '*'])
            .ends_with(" by");
        if by_label
            && letters.bytes().all(|b| b.is_ascii_uppercase())
            && lex.is_known_term(&letters.to_ascii_lowercase())
        {
            continue;
        }
        spans.push(Span {
            start: who.start(),
            end: who.end(),
            rule: Rule::SignOff,
            certain: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::signers;

    fn found(text: &str) -> Vec<String> {
        let mut spans = Vec::new();
        signers(text, &mut spans, crate::gate::names::lexicon::lexicon());
        spans
            .iter()
            .map(|s| text[s.start..s.end].to_string())
            .collect()
    }

    #[test]
    fn whoever_signs_after_the_label_is_found() {
        assert_eq!(found("**Signed:** G.P. 20/11/2024"), ["G.P."]);
        assert_eq!(found("· countersigned D.Mc (LOM)"), ["D.Mc"]);
        assert_eq!(found("Initials: HGC\n"), ["HGC"]);
        assert_eq!(
            found("**Exported by:** m.khan (Mehreen Khan, assessor) on 2025"),
            ["m.khan"]
        );
        assert_eq!(found("Signed off: RT/MK\n"), ["RT/MK"]);
        assert_eq!(found("Signed A.S. / RG / AMcD.\n"), ["A.S. / RG / AMcD."]);
        assert_eq!(found("Initials: GMcL / KM / ES.\n"), ["GMcL / KM / ES"]);
        assert_eq!(found("Initialled HSM. Copy to the owner."), ["HSM"]);
        assert_eq!(found("seen by the GP (initials JRB): stable"), ["JRB"]);
        assert_eq!(found("Signed É.N. 16/02/25"), ["É.N."]);
        assert_eq!(
            found("## Route 14/01 — driver: gm, van SK19\n**MB-3301 — taken by jen**"),
            ["gm", "jen"]
        );
    }

    #[test]
    fn a_signing_in_prose_names_no_one() {
        assert!(found("The report was signed off by the CPC in March.").is_empty());
        assert!(found("It was signed by the Chief Officers Group.").is_empty());
        assert!(found("Signed off by COG members and partners.").is_empty());
        assert!(found("Recorded by staff at the time.").is_empty());
        assert!(found("Prepared by CPC (Lead Officer)").is_empty());
        assert!(found("The photo was taken by me, then taken by car. Driver: tbc.").is_empty());
    }
}
