//! A town outside Scotland right after a locative passes as where a family
//! came from ("arrived from Dover"), but Scotland has many of the same
//! names (Larkfield, Westwood). Where the sentence puts someone's home or a
//! named school there ("lives with his brother in Larkfield", "Hollandbush
//! School in Westwood"), it is an address whichever country it is in.

use super::super::class::{lc_of, Tok};

/// Words of living somewhere now, before the locative within a few
/// words. The past ("lived in Kettering") is a family's history, which the
/// town outside Scotland keeps passing as.
const HOME_VERBS: &[&str] = &[
    "lives", "live", "living", "stays", "stay", "staying", "resides", "reside", "residing",
];

/// Institution words a town may follow after "in" ("… School in Westwood").
const INSTITUTIONS: &[&str] = &[
    "school", "primary", "academy", "nursery", "centre", "practice", "surgery", "hospital", "unit",
    "home",
];

/// True when the town at `i`, after a locative at `i - 1`, is where
/// someone lives or where a named institution is.
pub(super) fn home_town(text: &str, toks: &[Tok], i: usize) -> bool {
    if i < 2 || !toks[i].t.joined || !toks[i - 1].t.joined {
        return false;
    }
    let mut buf = String::new();
    let before = &toks[i - 2];
    if before.t.cap && INSTITUTIONS.contains(&lc_of(text, &before.t, &mut buf)) {
        return true;
    }
    let mut k = i - 1;
    for _ in 0..5 {
        if k == 0 || !toks[k].t.joined {
            return false;
        }
        k -= 1;
        if HOME_VERBS.contains(&lc_of(text, &toks[k].t, &mut buf)) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn a_town_of_both_countries_where_someone_lives_is_an_address() {
        let t = "She says he lives with his aunt in Ashford now.";
        assert!(found(t).contains(&"Ashford"), "{:?}", found(t));
        let t = "He went to Balgray Primary School in Ashford first.";
        assert!(found(t).contains(&"Ashford"), "{:?}", found(t));
        let t = "The family arrived from Ashford and lived in Ashford till 2019.";
        assert!(!found(t).contains(&"Ashford"), "{:?}", found(t));
    }
}
