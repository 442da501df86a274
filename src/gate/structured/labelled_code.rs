//! Short numbers that a label makes personal, too short or too date-like
//! for the reference rules: a payment card's last digits ("card ending
//! 4417", "**** **** **** 4417"), a bank sort code ("sort code
//! 83-41-06"), a door's or key safe's code ("the close entry code is
//! 2471"), and a police exhibit's label, which is the initials of the
//! person who produced it and a number ("exhibit HSS/1", then "HSS/1/a"
//! wherever the text writes it again), and a school's registration class
//! ("Reg class: 2M3", "class 4K2"), then wherever the text writes it again.
//!
//! Each rule looks only where its label or a masked run is written.

use super::util::{char_after, char_before, eq_any, words_before};
use crate::findings::Kind;
use crate::gate::Hit;

const CARD_MESSAGE: &str =
    "This looks like a payment card's or a bank account's number, which leads to one person; leave it out.";
const CODE_MESSAGE: &str =
    "This looks like the code of a door, a gate or a key safe, which lets a stranger into a family's home; leave it out.";
const CLASS_MESSAGE: &str =
    "This looks like a school's registration class, which with the school names a handful of children; leave it out.";
const EXHIBIT_MESSAGE: &str =
    "This looks like a police exhibit's label, made of the initials of the person who produced it; leave it out.";

/// Words that make the digits after "ending" a card's or an account's.
const CARD_WORDS: &[&str] = &[
    "card",
    "cards",
    "debit",
    "credit",
    "visa",
    "mastercard",
    "amex",
    "account",
    "acct",
    "iban",
    "pan",
];

/// Words before "code" that make it a way into a building.
const DOOR_WORDS: &[&str] = &[
    "entry", "door", "keysafe", "safe", "gate", "alarm", "access", "entrance", "close", "keypad",
    "lockbox", "padlock",
];

/// Words that label what follows as an exhibit ("exhibit ASS/1", "stills
/// produced as HSS/1/a").
const EXHIBIT_WORDS: &[&str] = &[
    "exhibit",
    "exhibits",
    "production",
    "productions",
    "produced",
];

/// The words the rules start from, in each case they are written in.
const LABELS: [&str; 17] = [
    "ending", "Ending", "ENDING", "digits", "sort", "Sort", "SORT", "s/c", "S/C", "branch",
    "Branch", "code", "Code", "CODE", "class", "Class", "CLASS",
];

/// Where each of [`LABELS`] is in a text, found in one search of it: a
/// search for each word read the text seventeen times.
struct Labels {
    at: Vec<Vec<usize>>,
}

impl Labels {
    fn of(text: &str) -> Labels {
        static SEARCH: std::sync::OnceLock<super::util::WordSearch> = std::sync::OnceLock::new();
        Labels {
            at: SEARCH
                .get_or_init(|| super::util::WordSearch::new(&LABELS))
                .places(text),
        }
    }

    /// Where `word` (one of [`LABELS`]) starts in the text, in order.
    fn of_word(&self, word: &str) -> impl Iterator<Item = usize> + '_ {
        let index = LABELS
            .iter()
            .position(|w| *w == word)
            .expect("one of the labels");
        self.at[index].iter().copied()
    }
}

/// Adds the labelled codes of `text` to `hits`.
pub(super) fn find(text: &str, hits: &mut Vec<Hit>) {
    let labels = Labels::of(text);
    card_endings(text, &labels, hits);
    sort_codes(text, &labels, hits);
    sort_codes_before_accounts(text, hits);
    door_codes(text, &labels, hits);
    exhibit_labels(text, hits);
    class_codes(text, &labels, hits);
}

/// A registration class after "class" ("Reg class: 2M3", "class 1A2"): a
/// short code of digits and capitals holding both, then every other
/// place the text writes the same code.
fn class_codes(text: &str, labels: &Labels, hits: &mut Vec<Hit>) {
    let mut codes: Vec<&str> = Vec::new();
    for word in ["class", "Class", "CLASS"] {
        for at in labels.of_word(word) {
            let after = at + word.len();
            if char_before(text, at).is_some_and(char::is_alphanumeric)
                || char_after(text, after).is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let rest = &text[after..];
            let start = after + (rest.len() - rest.trim_start_matches([' ', ':']).len());
            let len = text[start..]
                .bytes()
                .take_while(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
                .count();
            let code = &text[start..start + len];
            let shaped = (3..=5).contains(&len)
                && code.bytes().any(|b| b.is_ascii_digit())
                && code.bytes().any(|b| b.is_ascii_uppercase())
                && code.as_bytes()[0].is_ascii_digit();
            if shaped && !char_after(text, start + len).is_some_and(char::is_alphanumeric) {
                codes.push(code);
            }
        }
    }
    codes.sort_unstable();
    codes.dedup();
    for code in codes {
        for at in memchr::memmem::find_iter(text.as_bytes(), code.as_bytes()) {
            let end = at + code.len();
            if char_before(text, at).is_some_and(char::is_alphanumeric)
                || char_after(text, end).is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            push(hits, at, end, "class-code", CLASS_MESSAGE);
        }
    }
}

/// The digits right at `i`, skipping spaces, a colon and masking
/// characters; `(start, end)` of the digit run when it has `min..=max`
/// digits and ends a word.
fn digits_at(text: &str, i: usize, min: usize, max: usize) -> Option<(usize, usize)> {
    let rest = &text[i..];
    let skipped = rest.len()
        - rest
            .trim_start_matches([' ', '\u{a0}', ':', '*', '•', 'x', 'X', '#', '.', '…'])
            .len();
    let start = i + skipped;
    let len = text[start..].bytes().take_while(u8::is_ascii_digit).count();
    let end = start + len;
    ((min..=max).contains(&len) && !char_after(text, end).is_some_and(char::is_alphanumeric))
        .then_some((start, end))
}

/// "card ending 4417", "a/c ending in 0193", "debit card ending ****4417";
/// and a masked card number alone: "**** **** **** 4417", "XXXX-4417".
fn card_endings(text: &str, labels: &Labels, hits: &mut Vec<Hit>) {
    for word in ["ending", "Ending", "ENDING"] {
        for at in labels.of_word(word) {
            if char_before(text, at).is_some_and(char::is_alphanumeric) {
                continue;
            }
            let mut after = at + word.len();
            if text[after..].starts_with(" in ") {
                after += 3;
            }
            let card = text[..at].trim_end().ends_with("a/c")
                || words_before(text, at, 40)
                    .take(3)
                    .any(|w| eq_any(w, CARD_WORDS));
            if !card {
                continue;
            }
            if let Some((start, end)) = digits_at(text, after, 3, 6) {
                push(hits, start, end, "card-ending", CARD_MESSAGE);
            }
        }
    }
    // "last four digits …4471", "the last 4 digits of the card 4471".
    for at in labels.of_word("digits") {
        if char_before(text, at).is_some_and(char::is_alphanumeric) {
            continue;
        }
        let last = words_before(text, at, 24)
            .take(2)
            .any(|w| w.eq_ignore_ascii_case("last"));
        if !last {
            continue;
        }
        let mut after = at + "digits".len();
        for of in [
            " of the card",
            " of her card",
            " of his card",
            " of the account",
        ] {
            if text[after..].starts_with(of) {
                after += of.len();
            }
        }
        if let Some((start, end)) = digits_at(text, after, 3, 6) {
            push(hits, start, end, "card-ending", CARD_MESSAGE);
        }
    }
    // Four masking characters or more, then the last digits.
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = memchr::memchr2(b'*', b'X', &bytes[from..]) {
        let at = from + at;
        let run = bytes[at..]
            .iter()
            .take_while(|b| matches!(b, b'*' | b'X' | b' ' | b'-'))
            .count();
        let masks = bytes[at..at + run]
            .iter()
            .filter(|b| matches!(b, b'*' | b'X'))
            .count();
        from = at + run.max(1);
        if masks < 4
            || char_before(text, at).is_some_and(char::is_alphanumeric)
            || (bytes[at] == b'X' && bytes[at..at + run].contains(&b'*'))
        {
            continue;
        }
        if let Some((start, end)) = digits_at(text, at + run, 3, 4) {
            // "card ending **** 4417" was found by its label.
            if start == at + run && !hits.iter().any(|h| h.end == end) {
                push(hits, at, end, "card-ending", CARD_MESSAGE);
                from = end;
            }
        }
    }
}

/// "sort code 83-41-06", "sort-code: 83 41 06", "s/c 834106".
fn sort_codes(text: &str, labels: &Labels, hits: &mut Vec<Hit>) {
    for word in ["sort", "Sort", "SORT", "s/c", "S/C", "branch", "Branch"] {
        for at in labels.of_word(word) {
            if char_before(text, at).is_some_and(char::is_alphanumeric) {
                continue;
            }
            let mut i = at + word.len();
            // "sort 04-00-04 acc 71829934": "sort" alone, as a bank
            // message writes it, when an account number follows.
            let mut needs_account = false;
            // A building society's "branch code 83-44-19" is its sort code.
            if word.len() == 6 {
                match text[i..].strip_prefix(" code") {
                    Some(code) => i = text.len() - code.len(),
                    None => continue,
                }
            } else if word.len() == 4 {
                let rest = &text[i..];
                match rest
                    .strip_prefix(" code")
                    .or_else(|| rest.strip_prefix("-code"))
                    .or_else(|| rest.strip_prefix(" Code"))
                    .or_else(|| rest.strip_prefix(" CODE"))
                {
                    Some(code) => i = text.len() - code.len(),
                    None => needs_account = true,
                }
            }
            let rest = &text[i..];
            let start = i + (rest.len() - rest.trim_start_matches([' ', ':', '\u{a0}']).len());
            let shape: Vec<u8> = text.as_bytes()[start..].iter().take(8).copied().collect();
            let grouped = shape.len() == 8
                && shape.iter().enumerate().all(|(k, b)| {
                    if k == 2 || k == 5 {
                        matches!(b, b'-' | b' ')
                    } else {
                        b.is_ascii_digit()
                    }
                });
            let end = if grouped {
                start + 8
            } else if let Some((s, e)) = digits_at(text, start, 6, 6) {
                if s != start {
                    continue;
                }
                e
            } else {
                continue;
            };
            if char_after(text, end).is_some_and(char::is_alphanumeric) {
                continue;
            }
            if needs_account && !account_after(&text[end..]) {
                continue;
            }
            push(hits, start, end, "sort-code", CARD_MESSAGE);
        }
    }
}

/// A sort code printed before its account's eight digits, as a bank
/// statement's payee line has it: "FASTER PMT TO K DUFFY 60-83-71
/// 33019874". A date of the same shape has no such number after it.
fn sort_codes_before_accounts(text: &str, hits: &mut Vec<Hit>) {
    let bytes = text.as_bytes();
    let digit = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_digit);
    for hyphen in memchr::memchr_iter(b'-', bytes) {
        // The first of the code's two hyphens: two digits before it.
        let Some(start) = hyphen.checked_sub(2) else {
            continue;
        };
        let shaped = digit(start)
            && digit(start + 1)
            && digit(hyphen + 1)
            && digit(hyphen + 2)
            && bytes.get(hyphen + 3) == Some(&b'-')
            && digit(hyphen + 4)
            && digit(hyphen + 5)
            && bytes.get(hyphen + 6) == Some(&b' ')
            && (hyphen + 7..hyphen + 15).all(digit)
            && !bytes
                .get(hyphen + 15)
                .is_some_and(u8::is_ascii_alphanumeric);
        let apart =
            start == 0 || !(bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'-');
        if shaped && apart {
            push(hits, start, start + 8, "sort-code", CARD_MESSAGE);
        }
    }
}

/// An account's label right after a sort code ("… acc 71829934").
fn account_after(rest: &str) -> bool {
    let rest = rest
        .trim_start_matches([' ', ',', ';'])
        .to_ascii_lowercase();
    ["acc", "a/c", "account"]
        .iter()
        .any(|w| rest.starts_with(w))
}

/// "the close entry code is 2471", "key safe code: 1964", "door code 0812#".
fn door_codes(text: &str, labels: &Labels, hits: &mut Vec<Hit>) {
    for word in ["code", "Code", "CODE"] {
        for at in labels.of_word(word) {
            let after = at + word.len();
            if char_before(text, at).is_some_and(char::is_alphanumeric)
                || char_after(text, after).is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let door = words_before(text, at, 24)
                .next()
                .is_some_and(|w| eq_any(w, DOOR_WORDS));
            if !door {
                continue;
            }
            let rest = &text[after..];
            let mut i = after + (rest.len() - rest.trim_start_matches([' ', ':']).len());
            for filler in ["is ", "was ", "of "] {
                if text[i..].starts_with(filler) {
                    i += filler.len();
                }
            }
            if let Some((start, end)) = digits_at(text, i, 3, 8) {
                if start == i {
                    push(hits, start, end, "door-code", CODE_MESSAGE);
                }
            }
        }
    }
}

/// Police exhibit labels: two to four capitals, a slash and a number of
/// one or two digits, and
/// an optional sub-item (`HSS/1`, `HSS/1/a`), after an exhibit's word;
/// then every label with the same initials in the text.
fn exhibit_labels(text: &str, hits: &mut Vec<Hit>) {
    let bytes = text.as_bytes();
    let mut initials: Vec<&str> = Vec::new();
    let mut labels: Vec<(usize, usize, &str)> = Vec::new();
    for slash in memchr::memchr_iter(b'/', bytes) {
        let caps = bytes[..slash]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_uppercase())
            .count();
        let start = slash - caps;
        if !(2..=4).contains(&caps) || char_before(text, start).is_some_and(char::is_alphanumeric) {
            continue;
        }
        let number = bytes[slash + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        // Three digits or more after a cue are the reference rules'
        // (`exhibit KLM/214`).
        if !(1..=2).contains(&number) {
            continue;
        }
        let mut end = slash + 1 + number;
        // A sub-item: "/a", "/f", "/2".
        if bytes.get(end) == Some(&b'/')
            && bytes.get(end + 1).is_some_and(u8::is_ascii_alphanumeric)
            && !bytes.get(end + 2).is_some_and(u8::is_ascii_alphanumeric)
        {
            end += 2;
        }
        if char_after(text, end).is_some_and(|c| c.is_alphanumeric() || c == '/') {
            continue;
        }
        let prefix = &text[start..slash];
        if words_before(text, start, 40)
            .take(3)
            .any(|w| eq_any(w, EXHIBIT_WORDS))
            && !initials.contains(&prefix)
        {
            initials.push(prefix);
        }
        labels.push((start, end, prefix));
    }
    for (start, end, prefix) in labels {
        if initials.contains(&prefix) {
            push(hits, start, end, "exhibit-label", EXHIBIT_MESSAGE);
        }
    }
}

fn push(hits: &mut Vec<Hit>, start: usize, end: usize, rule: &'static str, message: &str) {
    hits.push(Hit::new(start, end, Kind::Reference, rule, message).uncertain());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One search finds every place of every label that a search for
    /// each label alone finds, overlapping ones included.
    #[test]
    fn labels_are_found_where_each_alone_is_found() {
        let pieces = [
            "s/class",
            "s/code",
            "S/CODE",
            "Sort",
            "sort code",
            "ending",
            "digits",
            "branch",
            " ",
            "CLASS",
            "Code",
            "x",
            "é",
            "s/",
            "c",
            "ode",
            "lass",
        ];
        for text in crate::gate::test_texts::random_texts(&pieces, 0x1abe_15ed, 30).take(3000) {
            let labels = Labels::of(&text);
            for word in LABELS {
                let alone: Vec<usize> =
                    memchr::memmem::find_iter(text.as_bytes(), word.as_bytes()).collect();
                let found: Vec<usize> = labels.of_word(word).collect();
                assert_eq!(found, alone, "{word} in {text:?}");
            }
        }
    }

    fn found(text: &str) -> Vec<&str> {
        super::super::texts_found(find, text)
    }

    #[test]
    fn a_registration_class_and_its_repeats_are_found() {
        assert_eq!(
            found("Year: S2   Reg class: 2M3\nTeams chat (class team \"2M3 Gàidhlig\")"),
            ["2M3", "2M3"]
        );
        assert!(found("a Class A drug, class 2 and the S2 class, 1A2B3").is_empty());
    }

    #[test]
    fn a_cards_last_digits_are_found() {
        assert_eq!(found("paid by card ending 7731 at the till"), ["7731"]);
        assert_eq!(found("Debit card: ending 0193."), ["0193"]);
        assert_eq!(found("a/c ending in 5520"), ["5520"]);
        assert_eq!(found("card ending **** 4417, name"), ["4417"]);
        assert_eq!(
            found("used **** **** **** 2290 twice"),
            ["**** **** **** 2290"]
        );
        assert_eq!(found("on XXXX-XXXX-XXXX-0871."), ["XXXX-XXXX-XXXX-0871"]);
        assert_eq!(found("paid in cash? no, last four digits …2093."), ["2093"]);
        assert_eq!(found("the last 4 digits of the card 6120 match"), ["6120"]);
    }

    #[test]
    fn other_endings_and_stars_pass() {
        assert!(found("the year ending 2024 and the period ending 31").is_empty());
        assert!(found("rated **** by 4 of 5 families").is_empty());
        assert!(found("a story ending 1234 times").is_empty());
        assert!(found("the first four digits 4410 are the bank's").is_empty());
    }

    #[test]
    fn sort_codes_after_their_label_are_found() {
        assert_eq!(found("sort code 83-41-06, account"), ["83-41-06"]);
        assert_eq!(found("Sort-code: 80 22 60"), ["80 22 60"]);
        assert_eq!(found("s/c 834106 a/c 1"), ["834106"]);
        assert!(found("we sort 83-41-06 files").is_empty());
        assert_eq!(found("Yoni: sort 04-00-04 acc 71829934"), ["04-00-04"]);
        assert_eq!(found("Barrhead (branch code 83-44-19) ·"), ["83-44-19"]);
        assert_eq!(
            found("FASTER PMT TO K DUFFY 60-83-71 33019874,-800.00"),
            ["60-83-71"]
        );
        assert!(found("Seen on 12-05-24 at the clinic, 12-05-24 3 times.").is_empty());
    }

    #[test]
    fn codes_that_open_a_home_are_found() {
        assert_eq!(
            found("the close entry code is 2471 for the midwife"),
            ["2471"]
        );
        assert_eq!(found("Key safe code: 1964."), ["1964"]);
        assert!(found("the postcode 1234 and a dress code of 12").is_empty());
        assert!(found("entry code 12345678901").is_empty());
    }

    #[test]
    fn exhibit_labels_and_their_repeats_are_found() {
        assert_eq!(
            found("the USB stick (exhibit HSS/1). Stills produced as HSS/1/a to HSS/1/f."),
            ["HSS/1", "HSS/1/a", "HSS/1/f"]
        );
        assert_eq!(
            found("screenshot given to police (exhibit ASS/1)"),
            ["ASS/1"]
        );
        // Not labelled as an exhibit: a school year, a ratio, a road.
        assert!(found("pupils in P/7 and S/3, the A/1 road, CAMHS/2").is_empty());
    }
}
