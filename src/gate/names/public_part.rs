//! A part of a public body named with the body's possessive: "NHS
//! Tayside's Staff Wellbeing Centre", "the University of Dundee's School
//! of Health Sciences", "Fife Council's Family Centre". The body is
//! public and so is the service it runs for staff or students; a family's
//! own institution is not named so.

/// Public bodies' names as they open a possessive, or end it.
fn public_owner(owner: &str, before: &str) -> bool {
    owner.starts_with("NHS ")
        || owner.ends_with(" Council")
        || owner.ends_with(" Health Board")
        || owner.starts_with("University of ")
        || matches!(
            owner,
            "Police Scotland" | "Scottish Government" | "Public Health Scotland" | "Education Scotland"
        )
        // "the University of Dundee's": the span starts at the town.
        || (before.ends_with("University of ") && !owner.contains(' '))
}

/// True when the institution at `start..end` is named with a public
/// body's possessive.
pub(super) fn of_a_public_body(text: &str, start: usize, end: usize) -> bool {
    let span = &text[start..end];
    let Some(pos) = span.find("'s ").or_else(|| span.find("’s ")) else {
        return false;
    };
    public_owner(&span[..pos], &text[..start])
}

#[cfg(test)]
mod tests {
    use super::of_a_public_body;

    fn at(text: &str, name: &str) -> bool {
        let s = text.find(name).expect("name");
        of_a_public_body(text, s, s + name.len())
    }

    #[test]
    fn a_public_bodys_service_is_public() {
        assert!(at(
            "via NHS Grampian's Occupational Health Centre",
            "NHS Grampian's Occupational Health Centre"
        ));
        assert!(at(
            "the University of Stirling's Nursing School",
            "Stirling's Nursing School"
        ));
        assert!(!at("at Kayden's Family Centre", "Kayden's Family Centre"));
        assert!(!at("Mrs Orr's Nursery", "Mrs Orr's Nursery"));
    }
}
