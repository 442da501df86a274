//! A phrase in another language, quoted or set as a heading before its
//! English, opens with a capital that marks no name: "*Al-bayt sirr*" —
//! "the house is a secret"; "Boję się" (Polish, "I'm afraid"); "### 8.
//! Sgoiltean agus Dìon Chloinne — Child Protection in …" (issue 13: a
//! quoted phrase in Gaelic or another language is no finding).
//!
//! The phrase's first clause must be another language's: its other words
//! are neither English words nor names any list knows, and a translation
//! follows (a dash, a bracket) or every other word is foreign. A child's
//! words in English ("Kayden hit me") and a name beside a name ("Kayden
//! Smith") keep their capitals' meaning.

use super::{Kind, Lexicon, Rule, Span};

/// The quotes that open a phrase (`may_open_a_phrase` tests for them by
/// bytes; `phrase_start` finds them).
#[cfg(test)]
const OPEN: &[char] = &['"', '“', '„', '«'];
const CLOSE: &[char] = &['"', '”', '“', '»'];

/// The line around `at`: its start and end, within a bounded reach.
fn line_of(text: &str, at: usize) -> (usize, usize) {
    super::super::near::line_around(text, at, at)
}

/// Where the phrase holding `start` opens: after an opening quote that is
/// still open at `start`, or at a heading's first word.
fn phrase_start(text: &str, ls: usize, start: usize) -> Option<usize> {
    let before = &text[ls..start];
    let straight = before.matches('"').count();
    if straight % 2 == 1 {
        return before.rfind('"').map(|i| ls + i + 1);
    }
    if let Some(i) = before.rfind(['“', '„', '«']) {
        let open_len = before[i..].chars().next().map_or(1, char::len_utf8);
        if !before[i + open_len..].contains(['”', '»']) {
            return Some(ls + i + open_len);
        }
    }
    // "### 8. Sgoiltean agus …": a heading, after its marks and number.
    if before.starts_with('#') {
        let body = before.trim_start_matches(['#', ' ']);
        let body = body.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
        if body.trim_start_matches(['*', '_']).is_empty() {
            return Some(start);
        }
    }
    None
}

fn foreign(lex: &Lexicon, word: &str) -> bool {
    let lc = word.to_lowercase();
    // Gaelic and Scots words are terms too, but no English.
    // A word in lower case is no name: in an English quote it is an
    // English word.
    let name = word.starts_with(char::is_uppercase) && lex.is_name(&lc);
    lex.gaelic_scots.contains(lc.as_str())
        || (!lex.is_word(&lc) && !name && !lex.is_known_term(&lc))
}

/// True when the span at `start..end` opens or stands in a phrase in
/// another language.
fn in_foreign_phrase(text: &str, start: usize, end: usize, lex: &Lexicon) -> bool {
    let (ls, _) = line_of(text, start);
    // A span may cross a line's end (a name split over two lines).
    let (_, le) = line_of(text, end);
    let Some(from) = phrase_start(text, ls, start) else {
        return false;
    };
    // The first clause: to a closing quote, a dash, a bracket or a stop.
    let rest = &text[end..le];
    let clause_end = rest
        .find(|c: char| {
            CLOSE.contains(&c) || matches!(c, '—' | '–' | '(' | ',' | '.' | '?' | '!' | '*' | ':')
        })
        .map_or(le, |i| end + i);
    let words: Vec<&str> = text[from..start]
        .split(|c: char| !(c.is_alphabetic() || c == '-' || c == '\u{301}'))
        .chain(
            text[end..clause_end]
                .split(|c: char| !(c.is_alphabetic() || c == '-' || c == '\u{301}')),
        )
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    if words.is_empty() {
        return false;
    }
    let foreign_count = words.iter().filter(|w| foreign(lex, w)).count();
    if foreign_count * 2 < words.len() || foreign_count == 0 {
        return false;
    }
    // A translation after the clause: "— "see me."", "(Polish, …)".
    let after = text[clause_end..le].trim_start_matches(|c: char| {
        CLOSE.contains(&c) || matches!(c, '*' | '_' | ' ' | '.' | ',')
    });
    let translated = after.starts_with(['—', '–', '(']);
    let opens = text[from..start].trim_matches(['*', '_', ' ']).is_empty();
    // Only the phrase's opening capital: a name inside a phrase in
    // another language ("Tha mi cho sgìth, Eilidh") is spoken to.
    opens && (translated || foreign_count == words.len())
}

/// False only when `text` holds no opening quote and no `#`, so that no
/// phrase can open: asked of every text, so by bytes (`str::contains`
/// with a list of characters decodes every one). The last byte of `“`,
/// `„` and `«` (0x9C, 0x9E, 0xAB) stands for them.
fn may_open_a_phrase(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr2(b'"', b'#', b).is_some() || memchr::memchr3(0x9C, 0x9E, 0xAB, b).is_some()
}

/// Drops the person-name spans in a phrase of another language. A title's
/// name and a relative's stay.
pub(super) fn drop_quoted_foreign(text: &str, spans: &mut Vec<Span>, lex: &Lexicon) {
    if !may_open_a_phrase(text) {
        return;
    }
    spans.retain(|s| {
        s.rule.kind() != Kind::PersonName
            || matches!(
                s.rule,
                Rule::Title | Rule::Relation | Rule::Lower | Rule::LowerTitle
            )
            || !in_foreign_phrase(text, s.start, s.end, lex)
    });
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn every_opening_quote_may_open_a_phrase() {
        for c in super::OPEN.iter().chain(&['#']) {
            assert!(super::may_open_a_phrase(&format!("ab {c} cd")), "{c}");
        }
        assert!(!super::may_open_a_phrase("He said — it’s ‘fine’ … é"));
    }

    #[test]
    fn a_phrase_in_another_language_passes() {
        for (t, word) in [
            (
                "In Dari she said \"Mara faramush nakon\" — \"do not forget me\".",
                "Mara",
            ),
            (
                "He wrote \"Boję się ciemności\" (Polish, \"I'm afraid of the dark\").",
                "Boję",
            ),
            ("> \"*Allah yusallimak*\" — \"God keep you safe\".", "Allah"),
            (
                "### 5. Sgoiltean Dùthchail agus Òigridh — Rural Schools and Youth\n",
                "Sgoiltean",
            ),
        ] {
            assert!(
                found(t).iter().all(|n| !n.contains(word)),
                "{t}: {:?}",
                found(t)
            );
            // Outside a phrase of its language, the same word is found.
            let bare = format!("She said {word} was late.");
            assert!(!found(&bare).is_empty(), "{bare}");
        }
    }

    #[test]
    fn names_in_english_quotes_are_found() {
        assert!(found("She said \"Salma hit me\" — then cried.").contains(&"Salma"));
        assert!(found("The note read \"Tomasz Wróbel\" — her uncle.").contains(&"Tomasz Wróbel"));
        assert!(found("\"Marek ciągle krzyczy\" — Marek is her brother.").contains(&"Marek"));
        assert!(
            found("She said \"Dziękuję bardzo, Zuzanna\" — thank you, Zuzanna.")
                .contains(&"Zuzanna")
        );
    }
}
