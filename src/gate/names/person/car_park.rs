//! A hotel of a chain named with its branch ("Ibis Edinburgh Centre
//! South Bridge", "Novotel Glasgow Centre"): the chain is everywhere, the
//! branch is one building. And a car park named by its own words, where a young person was found or a
//! phone last shared its location: "Ocean Terminal car park", "the Forge
//! car park, Parkhead", "Union Square car park, level 3". "The hospital car
//! park", "the Council car park" and "a supermarket car park" name no one
//! place.

use super::super::lexicon::PLACE;
use super::{Class, Rule, Span, Tok};

/// Words that name a kind of car park, not one.
const GENERIC: &[&str] = &[
    "the",
    "a",
    "council",
    "hospital",
    "station",
    "staff",
    "visitor",
    "visitors",
    "public",
    "main",
    "free",
    "pay",
    "school",
    "church",
    "supermarket",
    "retail",
    "long",
    "short",
    "stay",
    "tesco",
    "asda",
    "lidl",
    "aldi",
    "morrisons",
    "sainsbury's",
    "nhs",
    "our",
    "their",
    "his",
    "her",
];

/// Hotel chains named by one word ("Inn" chains are the institution
/// rules').
const CHAINS: &[&str] = &[
    "Ibis",
    "Travelodge",
    "Novotel",
    "Mercure",
    "Hilton",
    "Radisson",
    "Marriott",
    "DoubleTree",
    "Malmaison",
    "Apex",
    "Hampton",
    "Moxy",
    "Leonardo",
    "Britannia",
    "Hallmark",
];

/// Words between a chain and its branch.
const CHAIN_KINDS: &[&str] = &[
    "Styles", "Budget", "Hotel", "Express", "Blu", "Red", "Grand",
];

/// The span of a chain's branch starting at token `j`, if a capitalised
/// place follows the chain's name.
fn hotel_branch(text: &str, toks: &[Tok], j: usize) -> Option<Span> {
    let t = &toks[j];
    if !CHAINS.contains(&&text[t.t.start..t.t.end]) {
        return None;
    }
    let mut k = j + 1;
    while toks
        .get(k)
        .is_some_and(|n| n.t.joined && CHAIN_KINDS.contains(&&text[n.t.start..n.t.end]))
    {
        k += 1;
    }
    let mut end = None;
    while let Some(n) = toks.get(k) {
        if !n.t.joined || !n.t.cap || n.t.digit || k - j > 5 {
            break;
        }
        end = Some(n.t.end);
        k += 1;
    }
    end.map(|end| Span {
        start: t.t.start,
        end,
        rule: Rule::LowerInstitution,
        certain: false,
    })
}

/// Adds "X car park" where X is a capitalised name of one or more words,
/// and a hotel chain's branch. A chain's name is capitalised and "park" a
/// trigger word, so only the `marked` tokens are walked.
pub(super) fn named_car_parks(text: &str, toks: &[Tok], marked: &[usize], spans: &mut Vec<Span>) {
    let mut extra = Vec::new();
    for &j in marked {
        let t = &toks[j];
        // Every capitalised token passes here: the chains' initials and
        // lengths first, so few reach the list.
        if t.t.cap
            && (4..=10).contains(&(t.t.end - t.t.start))
            && matches!(
                text.as_bytes()[t.t.start],
                b'A' | b'B' | b'D' | b'H' | b'I' | b'L' | b'M' | b'N' | b'R' | b'T'
            )
        {
            if let Some(span) = hotel_branch(text, toks, j) {
                extra.push(span);
                continue;
            }
        }
        if j < 2 {
            continue;
        }
        if t.trig & PLACE == 0 || t.t.cap || &text[t.t.start..t.t.end] != "park" {
            continue;
        }
        let car = &toks[j - 1];
        if !t.t.joined || !car.t.joined || &text[car.t.start..car.t.end] != "car" {
            continue;
        }
        // The capitalised run before "car": at most three words.
        let mut from = j - 1;
        while from > 0 && j - 1 - from < 3 {
            let p = &toks[from - 1];
            if !p.t.cap
                || p.t.digit
                || !toks[from].t.joined
                || matches!(p.class, Class::Title | Class::Number | Class::Letter)
            {
                break;
            }
            from -= 1;
        }
        if from == j - 1 {
            continue;
        }
        let named = toks[from..j - 1].iter().any(|n| {
            let w = text[n.t.start..n.t.end].to_lowercase();
            !GENERIC.contains(&w.as_str())
        });
        // A capital only because a sentence starts: "Car park" is no name.
        let only_start = j - 1 - from == 1 && toks[from].t.sentence_start;
        if named && !only_start {
            extra.push(Span {
                start: toks[from].t.start,
                end: t.t.end,
                rule: Rule::Place,
                certain: false,
            });
        }
    }
    spans.extend(
        extra
            .into_iter()
            .filter(|e: &Span| !spans.iter().any(|s| s.start < e.end && e.start < s.end))
            .collect::<Vec<_>>(),
    );
}

#[cfg(test)]
mod tests {
    use super::super::names_and_rules_found as found;

    #[test]
    fn a_named_car_park_is_a_place() {
        for (t, place) in [
            (
                "Location shared from Harbour Point car park at 23:40.",
                "Harbour Point car park",
            ),
            (
                "Seen in the Forge car park, Parkhead, at night.",
                "Forge car park",
            ),
        ] {
            assert!(
                found(t).iter().any(|(n, _)| n.contains(place)),
                "{t}: {:?}",
                found(t)
            );
        }
    }

    #[test]
    fn a_chain_hotel_with_its_branch_is_one_place() {
        let t = "Found at the Ibis Glasgow Centre with an adult male.";
        assert!(
            found(t).iter().any(|(n, _)| n.contains("Ibis Glasgow")),
            "{t}: {:?}",
            found(t)
        );
        let t = "Staff stayed at an Ibis near the airport.";
        assert!(found(t).is_empty(), "{t}: {:?}", found(t));
    }

    #[test]
    fn a_kind_of_car_park_passes() {
        for t in [
            "Staff parked in the hospital car park.",
            "We met in the Staff car park.",
            "The Council car park was full.",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }
}
