//! A given name that is also a word, opening a sentence, is a person when
//! the sentence speaks to it or gives it kin: a vocative before an order
//! ("Star, tell the lady what happened", "Grace, come and sit with us")
//! and a name with a relative ("Legend and his sister were left …").
//! "Hope, for many families, is …" and "Faith and its leaders" keep the
//! word.

/// Words that open an order or a request to the person named.
const ORDERS: &[&str] = &[
    "come", "tell", "go", "put", "stop", "sit", "get", "give", "look", "listen", "wait", "say",
    "leave", "eat", "don't", "dont", "please", "can", "could", "will", "would", "you", "your",
    "where", "what", "are", "is", "do", "did", "have", "shoes", "bed", "bath", "hurry", "quick",
    "quickly", "stay", "take", "bring", "show", "let",
];

/// Relatives named after "and his" / "and her".
const KIN: &[&str] = &[
    "sister",
    "sisters",
    "brother",
    "brothers",
    "mum",
    "mother",
    "dad",
    "father",
    "gran",
    "granny",
    "grandmother",
    "grandfather",
    "papa",
    "nana",
    "aunt",
    "auntie",
    "uncle",
    "cousin",
    "cousins",
    "siblings",
    "twin",
    "stepdad",
    "stepmum",
    "partner",
    "baby",
    "son",
    "daughter",
];

fn first_word(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphabetic() || c == '\''))
        .unwrap_or(s.len());
    &s[..end]
}

/// True when the text after a sentence's first word (`rest`) speaks to it
/// or names its relative.
pub(super) fn addressed_or_kin(rest: &str) -> bool {
    if let Some(after) = rest.strip_prefix(", ") {
        let w = first_word(after).to_lowercase();
        // "come rain or shine", "come what may": idioms, not orders.
        let idiom = ["come rain", "come what", "come hell", "come the "]
            .iter()
            .any(|i| after.starts_with(i));
        return ORDERS.contains(&w.as_str()) && !idiom;
    }
    for lead in [" and his ", " and her ", " and their "] {
        if let Some(after) = rest.strip_prefix(lead) {
            let w = first_word(after).to_lowercase();
            return KIN.contains(&w.as_str());
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn a_word_name_spoken_to_or_with_kin_is_a_name() {
        for (t, name) in [
            ("\"Melody, put your shoes on,\" dad said.", "Melody"),
            ("Harmony, come here and sit down.", "Harmony"),
            ("Journey and her brother were at gran's.", "Journey"),
        ] {
            assert!(
                found(t).iter().any(|n| n.contains(name)),
                "{t}: {:?}",
                found(t)
            );
        }
    }

    #[test]
    fn a_word_opening_a_sentence_stays_a_word() {
        for t in [
            "Hope, for many families, is what keeps them going.",
            "Faith and its leaders were consulted.",
            "Summer, come rain or shine, is busy.",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }
}
