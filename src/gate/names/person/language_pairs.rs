//! A language that is also a given name (Shona, Sami) joined by "and" or
//! "or" to another language: "speak English and Shona at home", "Sami or
//! Norwegian". The pair speaks of languages, not of a person.

use super::super::class::{lc_of, Tok};
use super::super::lexicon::{lexicon, LANGUAGES_NAMED_TOO};

/// Whether token `i` is joined by "and"/"or" to a language on either side.
pub(super) fn paired_with_a_language(text: &str, toks: &[Tok], i: usize) -> bool {
    let lex = lexicon();
    let mut b = String::new();
    let mut language = |k: usize| {
        let t = &toks[k];
        t.t.cap && {
            let lc = lc_of(text, &t.t, &mut b);
            lex.groups.contains(lc) && !LANGUAGES_NAMED_TOO.contains(&lc)
        }
    };
    let mut c = String::new();
    let mut joiner = |k: usize| matches!(lc_of(text, &toks[k].t, &mut c), "and" | "or");
    (i >= 2 && joiner(i - 1) && language(i - 2))
        || (i + 2 < toks.len() && joiner(i + 1) && language(i + 2))
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn a_language_named_too_beside_another_language_passes() {
        assert!(found("At home they speak Swahili and Shona, at school English.").is_empty());
        assert!(found("Leaflets come in Sami or Finnish.").is_empty());
        assert_eq!(
            found("Her friend Shona and Callum came too."),
            ["Shona", "Callum"]
        );
    }
}
