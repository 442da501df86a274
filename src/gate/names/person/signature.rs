//! "Alasdair J." alone on a line, over a surname on the next: a letter's
//! signature, a given name and the initial of a middle name. The citation
//! pass reads "Surname I." as a reference's author and lets the name pass
//! everywhere; a reference holds a year or a title on its line, a
//! signature nothing else.

use super::super::lexicon::Lexicon;

/// True when `text[start..end]` is a given name followed by one initial
/// and a full stop, and the line holds nothing else.
pub(super) fn given_name_and_initial_alone(
    text: &str,
    start: usize,
    end: usize,
    lex: &Lexicon,
) -> bool {
    let name = &text[start..end];
    if name.contains(char::is_whitespace) || !lex.first.contains(name.to_lowercase().as_str()) {
        return false;
    }
    let (line_start, line_end) = super::super::near::line_around(text, start, end);
    if !text[line_start..start].trim().is_empty() {
        return false;
    }
    let rest = text[end..line_end].trim_end();
    let mut chars = rest.chars();
    matches!(
        (chars.next(), chars.next(), chars.next(), chars.next()),
        (Some(' '), Some(c), Some('.'), None) if c.is_uppercase()
    )
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn a_signed_given_name_and_initial_is_a_name() {
        let t = "Yours sincerely\n\nMorag K.\nPettigrew\n\nLater note. Regards, Morag";
        let f = found(t);
        assert!(f.contains(&"Morag"), "{f:?}");
        assert_eq!(f.iter().filter(|n| **n == "Morag").count(), 2, "{f:?}");
        // An author in a reference list keeps passing.
        let r = "Quarrie, M. (2019) Holding on. Edinburgh: Birlinn.";
        assert!(!found(r).contains(&"Quarrie"), "{:?}", found(r));
    }
}
