//! "lives in Coltness", "moved to Sandness": "-ness" is a headland in
//! Scottish place names as well as the ending of abstract nouns, so a word
//! the dictionary has only as a "-ness" derivation ("colt" + "ness") is a
//! place right after a locative, mid-sentence. A real abstract noun is not
//! capitalised there ("lives in Happiness" is a house's name, an address
//! too).

use super::super::class::{lc_of, Tok};
use super::super::lexicon::Lexicon;
use super::{after_one_of, PLACE_ONLY_LOCATIVES};

pub(super) fn ness_place_after_locative(text: &str, toks: &[Tok], i: usize, lex: &Lexicon) -> bool {
    let t = &toks[i];
    if t.t.sentence_start || t.possessive || t.t.all_caps {
        return false;
    }
    let mut buf = String::new();
    let lc = lc_of(text, &t.t, &mut buf);
    if !lc.ends_with("ness") || lex.is_word(lc) {
        return false;
    }
    let next_cap = toks.get(i + 1).is_some_and(|n| n.t.joined && n.t.cap);
    !next_cap && after_one_of(text, toks, i, PLACE_ONLY_LOCATIVES)
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn a_ness_after_a_locative_is_a_place() {
        let t = "Her uncle moved from Boltness last spring.";
        assert!(found(t).contains(&"Boltness"), "{:?}", found(t));
        let clean = "The Kindness of strangers helped; we saw kindness in Fairness too.";
        assert!(!found(clean).contains(&"Kindness"), "{:?}", found(clean));
        let abstract_noun = "Staff spoke of darkness in the house.";
        assert!(
            found(abstract_noun).is_empty(),
            "{:?}",
            found(abstract_noun)
        );
    }
}
