//! A worker's login written where their name would be: a record system
//! makes it from the first initial and the surname, run together in lower
//! case ("kmcinnes", "jboyle", "(PM dmacaulay)"). The word is in no
//! dictionary, and without its first letter it is a surname in the
//! gazetteers that is no English word either ("mcinnes", not "ebook"'s
//! "book"). It stands where a worker is named: a record's field or cell,
//! after "by" or "to", or after a role's letters.

use super::super::lexicon::Lexicon;
use super::super::token::Token;
use super::{Rule, Span, Tok};

/// Whether a token is lower case and of a login's length: the first test
/// of [`in_a_login_slot`], the cheapest.
pub(in crate::gate::names) fn may_be_a_login(t: &Token) -> bool {
    !t.cap && !t.digit && (6..=16).contains(&(t.end - t.start))
}

/// Whether token `t`, after `prev` (the text's token before it, if any),
/// stands where a worker is named: a record's field or cell, after "by",
/// "to", "from" or a role's letters ("PM dmacaulay"); a word inside a
/// quoted phrase in another language stands in none of them. Read from
/// the bytes before the token, cheapest first: the tokeniser asks it of
/// most words of a text (see `class::Classified::login_slots`).
pub(in crate::gate::names) fn in_a_login_slot(text: &str, prev: Option<&Token>, t: &Token) -> bool {
    let bytes = text.as_bytes();
    let mut k = t.start;
    while k > 0 && matches!(bytes[k - 1], b' ' | b'\t') {
        k -= 1;
    }
    k == 0
        || matches!(bytes[k - 1], b'\n' | b'(' | b',' | b'|' | b':' | b'[')
        || prev.is_some_and(|p| {
            p.end == k && {
                let plen = p.end - p.start;
                (p.all_caps && plen <= 4)
                    || ((2..=5).contains(&plen) && {
                        let w = &text[p.start..p.end];
                        ["by", "to", "from", "cc", "user", "staff", "agent"]
                            .iter()
                            .any(|cue| w.eq_ignore_ascii_case(cue))
                    })
            }
        })
}

/// Adds lower-case logins made of an initial and a surname to `spans`,
/// from the tokens `slots` names (those [`may_be_a_login`] and
/// [`in_a_login_slot`] pass, in order).
pub(super) fn initial_and_surname_logins(
    text: &str,
    toks: &[Tok],
    slots: &[usize],
    spans: &mut Vec<Span>,
    lex: &Lexicon,
) {
    let bytes = text.as_bytes();
    for &i in slots {
        let t = &toks[i].t;
        let word = &text[t.start..t.end];
        if !word.bytes().all(|b| b.is_ascii_lowercase()) {
            continue;
        }
        // Part of an address, a path or a handle says nothing of a login.
        // A full stop or a hyphen joins only when a letter follows.
        let joins = |at: usize| match bytes.get(at) {
            Some(b'@' | b'_' | b'/') => true,
            Some(b'.' | b'-') => bytes.get(at + 1).is_some_and(u8::is_ascii_alphanumeric),
            _ => false,
        };
        let joined_before =
            t.start > 0 && matches!(bytes[t.start - 1], b'@' | b'.' | b'_' | b'/' | b'-');
        if joins(t.end) || joined_before {
            continue;
        }
        let surname = &word[1..];
        if lex.last.contains(surname)
            && !lex.words.contains(surname)
            && !lex.words.contains(word)
            && !lex.is_known_term(word)
        {
            spans.push(Span {
                start: t.start,
                end: t.end,
                rule: Rule::Lower,
                certain: false,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn an_initial_and_a_surname_run_together_is_a_login() {
        let f =
            found("12/01 updated by rmacdonald, then checked (PM tgillespie). Sent to kmcinnes.");
        for login in ["rmacdonald", "tgillespie", "kmcinnes"] {
            assert!(f.contains(&login), "{login} in {f:?}");
        }
    }

    #[test]
    fn words_and_addresses_are_no_logins() {
        let f = found("across the ebook, the email rmacdonald@example.org and abroad");
        assert!(found("she said \"Nu vreau acasa, mcinnes\" softly").is_empty());
        assert!(found("He wrote \"tha e ag obair\" in Gaelic.").is_empty());
        assert!(
            !f.iter().any(|n| n.starts_with('a') || n.starts_with('e')),
            "{f:?}"
        );
        assert!(!f.contains(&"rmacdonald"), "{f:?}");
    }
}
