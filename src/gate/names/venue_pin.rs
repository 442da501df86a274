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

/// Hotel chains whose head word is "Inn": the chain alone is anywhere, a
/// branch named after it ("Premier Inn Union Square", "Holiday Inn Express
/// Aberdeen Exhibition Centre") is one building where someone was found.
const INN_CHAINS: &[&str] = &["Premier", "Holiday", "Jurys"];

/// True when the words before `inn_start` are a chain's and a branch's
/// capitalised name follows the "Inn" ending at `end`.
pub(super) fn hotel_branch(text: &str, inn_start: usize, end: usize) -> bool {
    let before = text[..inn_start].trim_end_matches(' ');
    let chain = INN_CHAINS.iter().any(|c| {
        before.ends_with(c)
            && !before[..before.len() - c.len()].ends_with(|ch: char| ch.is_alphanumeric())
    });
    let rest = text[end..].strip_prefix(' ').unwrap_or("");
    let rest = rest.strip_prefix("Express ").unwrap_or(rest);
    chain && rest.starts_with(|c: char| c.is_uppercase()) && !rest.starts_with("Hotel")
}

#[cfg(test)]
mod tests {
    use super::{hotel_branch, pinned_by_address};

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

    #[test]
    fn a_hotel_chain_with_its_branch_is_one_place() {
        let branch = |text: &str| {
            let at = text.find("Inn").expect("Inn");
            hotel_branch(text, at, at + 3)
        };
        assert!(branch("found at the Premier Inn Glasgow Central at 2am"));
        assert!(branch("dropped at the Holiday Inn Express Stirling."));
        assert!(!branch("staff stayed at a Premier Inn near the venue"));
        assert!(!branch("the Old Inn Bar and the Coaching Inn."));
    }
}
