//! A street every town has ("High Street", "Main Street") names one
//! place when the text pins it: right after a comma or a bracket (a
//! business's address, "Bargain Booze, High Street, Denny") or after "on",
//! "at", "off" with no article ("seen on Main Street near the bus
//! stance"). "The High Street", "a main street", "every town's High
//! Street" stay general.

/// Words of place before the street, without an article between.
const PREPOSITIONS: &[&str] = &[
    "on", "at", "off", "along", "near", "from", "onto", "down", "up", "via", "into",
];

/// Places of business a street's name follows after a comma ("the chip
/// shop, Main Street").
const PREMISES: &[&str] = &[
    "shop", "takeaway", "cafe", "café", "bar", "pub", "hall", "bookies", "chemist", "pharmacy",
    "surgery", "office", "garage", "salon", "store", "library", "church", "centre", "club",
];

/// True when the generic street at `start..end` is pinned to one place by
/// what stands around it.
pub(super) fn pinned(text: &str, start: usize, end: usize) -> bool {
    // ", Denny", ", Kilsyth": a town after it.
    let town_after = text[end..]
        .strip_prefix(", ")
        .is_some_and(|r| r.starts_with(char::is_uppercase));
    let before = text[..start].trim_end_matches([' ', '\u{a0}']);
    if before.ends_with([',', '(']) {
        // A list of streets in general ("the bus station, High Street
        // and park") has no business or town before the comma: the word
        // before must be capitalised, a name.
        let head = before[..before.len() - 1].trim_end();
        let word = head
            .rsplit(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            .next()
            .unwrap_or("");
        return before.ends_with('(')
            || word.starts_with(char::is_uppercase)
            || PREMISES.contains(&word.to_lowercase().as_str())
            || town_after;
    }
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    PREPOSITIONS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::pinned;

    fn at(text: &str, street: &str) -> bool {
        let s = text.find(street).expect("street in text");
        pinned(text, s, s + street.len())
    }

    #[test]
    fn a_generic_street_pinned_by_a_comma_or_a_preposition() {
        assert!(at("Chip shop, Main Street, Bathgate.", "Main Street"));
        assert!(at(
            "She was stopped on High Street near the bank.",
            "High Street"
        ));
        assert!(at("Citizens Advice (High Street) is open.", "High Street"));
        assert!(!at("They meet on the High Street.", "High Street"));
        assert!(!at("shops, High Street and park", "High Street"));
        assert!(!at("High Street shops are closing.", "High Street"));
    }
}
