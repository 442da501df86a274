//! A given name in lower case spoken to at the end of a chat message or
//! before the speaker's next words ("leave him lewis he didnt", "ur
//! actually racist lewis", "dont listen to her aiden shes lying"): in a
//! typed line, a name there is addressed, even after "her" or where the
//! name is also a rare word.

use super::super::class::{lc_of, Tok};

/// Words a chat message runs on with after an addressed name.
const AFTER_ADDRESS: &[&str] = &[
    "he", "she", "hes", "shes", "u", "ur", "you", "youre", "im", "its", "lol", "lmao", "pls",
    "plz", "mate", "bro", "man", "ffs", "omg", "dont", "stop", "come", "leave", "listen", "shut",
    "wait", "calm", "tell", "see", "there", "here",
];

/// Token `i` of a typed line ending before token `to` is where a message
/// addresses someone: its last word, or before a comma, "!", "?", or one
/// of the words above.
pub(super) fn addressed(text: &str, toks: &[Tok], i: usize, to: usize) -> bool {
    let rest = &text[toks[i].t.end..];
    if i + 1 >= to {
        return !rest.starts_with(['\'', '’', '-', '.', '@', '/', '_']);
    }
    if rest.starts_with([',', '!', '?']) {
        return true;
    }
    let mut b = String::new();
    // "thank u rowan. im in the ambulance": a full stop, then the
    // message runs on as chat does.
    if rest.starts_with(". ") {
        return toks[i + 1].t.start == toks[i].t.end + 2
            && AFTER_ADDRESS.contains(&lc_of(text, &toks[i + 1].t, &mut b));
    }
    toks[i + 1].t.joined && AFTER_ADDRESS.contains(&lc_of(text, &toks[i + 1].t, &mut b))
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn names_addressed_in_chat_are_found() {
        for (t, n) in [
            ("P1: ok cheers declan, c u later\n", "declan"),
            ("P2: wait for me lewis\n", "lewis"),
            ("P1: its not fair tell her jodie shes wrong\n", "jodie"),
            ("P3: naw kieran dont do it\n", "kieran"),
            (
                "[03:55] TEXTER: thank u rowan. im in the ambulance\n",
                "rowan",
            ),
            ("[19:46] TEXTER: hi its me. is rowan there\n", "rowan"),
            (
                "Seen at 4pm.\nok cheers callum, c u\nget lost jayden ur no funny\n",
                "jayden",
            ),
        ] {
            assert!(
                found(t).iter().any(|f| f.contains(n)),
                "{t:?}: {:?}",
                found(t)
            );
        }
    }

    #[test]
    fn words_at_a_message_end_stay_words() {
        for t in [
            "P1: i dont have any hope\n",
            "P2: see u at the mark\n",
            "P1: thats a big bill, shes raging\n",
        ] {
            assert!(found(t).is_empty(), "{t:?}: {:?}", found(t));
        }
    }
}
