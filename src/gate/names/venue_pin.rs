//! A venue whose head ends many ordinary phrases ("Bar", "Inn", "Hub")
//! names one place when its street follows: "The Harbour Bar, Quay
//! Street", "Riverside Recovery Hub on Gibshill Road". "The Snack Bar at
//! the leisure centre" and "a Recovery Hub in each locality" have none.

/// Street words that close the address after the venue.
const STREET_WORDS: &[&str] = &[
    "Street", "St", "Road", "Rd", "Lane", "Avenue", "Ave", "Drive", "Place", "Way", "Crescent",
    "Terrace", "Walk", "Wynd", "Row", "Square", "Brae", "Gardens", "Quay", "Close", "Loan",
    "Vennel",
];

/// True when a street ("Quay Street", "Gibshill Road") follows `end`
/// after a comma or "on".
pub(super) fn pinned_by_address(text: &str, end: usize) -> bool {
    let Some(rest) = [", ", " on ", " off "]
        .iter()
        .find_map(|p| text[end..].strip_prefix(p))
    else {
        return false;
    };
    let mut words = rest.split(' ');
    for k in 0..4 {
        let Some(w) = words.next() else {
            return false;
        };
        let w = w.trim_end_matches([',', '.', ';', ')']);
        if !w.starts_with(|c: char| c.is_ascii_uppercase()) {
            return false;
        }
        if k > 0 && STREET_WORDS.contains(&w) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::pinned_by_address;

    fn at(text: &str, venue: &str) -> bool {
        pinned_by_address(text, text.find(venue).expect("venue") + venue.len())
    }

    #[test]
    fn a_street_after_the_venue_pins_it() {
        assert!(at(
            "drinks at The Ship Bar, Harbour Road, most nights",
            "Ship Bar"
        ));
        assert!(at("goes to Northfield Hub on Tay Street", "Northfield Hub"));
        assert!(!at("met at The Snack Bar at the pool", "Snack Bar"));
        assert!(!at(
            "a Wellbeing Hub, Community Services and more",
            "Wellbeing Hub"
        ));
    }
}
