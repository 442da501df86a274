//! A list of children typed in lower case: a party's guest list, an
//! attendance list copied into a note ("mia, olly, ruby-jo, isla g, aarav,
//! jack w, and cousin Kayden"). Once two of its items are names, every
//! item of the same shape is someone: a given name, a given name and an
//! initial, or a given name and a surname. Words the dictionary holds
//! ("hope", "leo", "jack") are names there as much as the rest.

use super::{Lexicon, Rule, Span};

/// Words that open an item without being part of the name.
const LEADS: &[&str] = &["and", "&", "plus", "or"];

/// Bytes that close the stretch a list can fill: a quote, a bracket, a
/// colon, a dash between spaces, a full stop, a line's end.
fn closes_list(b: u8) -> bool {
    matches!(
        b,
        b'"' | b'(' | b')' | b':' | b';' | b'\n' | b'\r' | b'.' | b'[' | b']'
    )
}

/// Adds every item of a lower-case list of names that no span yet holds.
pub(super) fn lower_case_lists(text: &str, spans: &mut Vec<Span>, lex: &Lexicon) {
    let bytes = text.as_bytes();
    let mut extra = Vec::new();
    let mut done_to = 0;
    for s in spans.iter() {
        if s.start < done_to
            || s.rule.kind() != crate::findings::Kind::PersonName
            || !bytes[s.start].is_ascii_lowercase()
        {
            continue;
        }
        // The stretch around the name that a list may fill.
        let mut from = s.start;
        while from > 0 && !closes_list(bytes[from - 1]) && !after_dash(&bytes[..from]) {
            from -= 1;
        }
        let mut to = s.end;
        while to < bytes.len() && !closes_list(bytes[to]) && !dash_at(bytes, to) {
            to += 1;
        }
        done_to = to;
        let items = items_of(text, from, to);
        if items.len() < 4 {
            continue;
        }
        let shaped: Vec<(usize, usize)> = items
            .iter()
            .filter_map(|&(a, z)| name_shaped(&text[a..z]).map(|len| (a, a + len)))
            .collect();
        // Most items are names' shape, and the others only the list's
        // last, longer words ("and cousin Kayden + his wee sister").
        if shaped.len() < 4 || shaped.len() + 1 < items.len() {
            continue;
        }
        let found = |a: usize| spans.iter().any(|s| s.start == a);
        let named = shaped
            .iter()
            .filter(|&&(a, z)| {
                let first = text[a..z].split([' ', '-']).next().unwrap_or("");
                // The items are in lower case already (`name_shaped`).
                found(a) || (lex.first.contains(first) && !lex.is_word(first))
            })
            .count();
        if named < 2 || named * 2 < shaped.len() {
            continue;
        }
        extra.extend(shaped);
    }
    if extra.is_empty() {
        return;
    }
    for (a, z) in extra {
        // A name found without its initial ("isla" of "isla g") grows to
        // the whole item.
        match spans.iter_mut().find(|s| s.start == a) {
            Some(s) => s.end = s.end.max(z),
            None => spans.push(Span {
                start: a,
                end: z,
                rule: Rule::Lower,
                certain: false,
            }),
        }
    }
    spans.sort_by_key(|s| s.start);
}

/// Adds a name typed in lower case and glossed by the full name in
/// brackets after it: "skye (Skye McPhee)", "bernie (Bernadette Quinn)".
pub(super) fn glossed_lower_names(text: &str, spans: &mut Vec<Span>, lex: &Lexicon) {
    let bytes = text.as_bytes();
    let mut extra = Vec::new();
    for at in memchr::memmem::find_iter(bytes, b" (") {
        let len = bytes[..at]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_lowercase())
            .count();
        let start = at - len;
        if len < 2 || (start > 0 && bytes[start - 1].is_ascii_alphanumeric()) {
            continue;
        }
        let inside = &text[at + 2..];
        // A full name of two or three words closes its bracket within a
        // few dozen bytes; a bracket left open reads no further.
        let reach = &inside.as_bytes()[..inside.len().min(64)];
        let Some(close) = memchr::memchr2(b')', b'\n', reach) else {
            continue;
        };
        let words: Vec<&str> = inside[..close].split(' ').collect();
        let glossed = (2..=3).contains(&words.len())
            && inside[close..].starts_with(')')
            && words.iter().all(|w| {
                w.len() >= 2
                    && w.starts_with(|c: char| c.is_uppercase())
                    && w.chars().skip(1).any(char::is_lowercase)
            })
            // A person's name, not a body's ("care (Care Inspectorate)").
            && words.iter().any(|w| !lex.is_word(&w.to_lowercase()))
            // The same name, or a short form sharing its start ("bernie"
            // of Bernadette).
            && words[0]
                .to_lowercase()
                .starts_with(&text[start..start + len.min(3)]);
        if glossed && !spans.iter().any(|s| s.start < at && start < s.end) {
            extra.push(Span {
                start,
                end: at,
                rule: Rule::Lower,
                certain: false,
            });
        }
    }
    if !extra.is_empty() {
        spans.extend(extra);
        spans.sort_by_key(|s| s.start);
    }
}

/// Dashes between spaces ("pals — mia, olly"): each opens or closes a list.
const DASHES: [&str; 3] = [" \u{2014} ", " \u{2013} ", " - "];

/// Whether a spaced dash starts at byte `i` (its space before at `i - 1`).
fn dash_at(bytes: &[u8], i: usize) -> bool {
    i >= 1
        && DASHES
            .iter()
            .any(|d| bytes[i - 1..].starts_with(d.as_bytes()))
}

/// Whether `before` ends with a spaced dash and the space after it.
fn after_dash(before: &[u8]) -> bool {
    DASHES.iter().any(|d| before.ends_with(d.as_bytes()))
}

/// The comma-separated items of `text[from..to]`, each trimmed of spaces
/// and of a leading "and".
fn items_of(text: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut items = Vec::new();
    let mut start = from;
    for (k, c) in text[from..to].char_indices() {
        let at = from + k;
        if c == ',' || at + 1 == to {
            let end = if c == ',' { at } else { to };
            let mut a = start;
            let mut z = end;
            while a < z && text.as_bytes()[a] == b' ' {
                a += 1;
            }
            while z > a && text.as_bytes()[z - 1] == b' ' {
                z -= 1;
            }
            for lead in LEADS {
                if text[a..z].starts_with(lead) && text[a + lead.len()..z].starts_with(' ') {
                    a += lead.len() + 1;
                }
            }
            if a < z {
                items.push((a, z));
            }
            start = at + 1;
        }
    }
    items
}

/// The length of a name at the start of `item` when the whole item reads
/// as one in lower case: a given name (hyphens allowed), then an initial
/// or one more word. `None` for anything else.
fn name_shaped(item: &str) -> Option<usize> {
    let words: Vec<&str> = item.split(' ').collect();
    let word_ok = |w: &str| {
        (2..=14).contains(&w.len())
            && w.starts_with(|c: char| c.is_ascii_lowercase())
            && w.chars().all(|c| c.is_lowercase() || c == '-' || c == '\'')
            && !w.ends_with('-')
    };
    match words.as_slice() {
        [one] if word_ok(one) => Some(item.len()),
        [one, two]
            if word_ok(one)
                && (word_ok(two) || (two.len() == 1 && two.as_bytes()[0].is_ascii_lowercase())) =>
        {
            Some(item.len())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn every_item_of_a_list_of_children_in_lower_case_is_found() {
        let text = "Guest list as typed by the host: \"her pals from nursery — zoe, \
                    olly, ruby-jo, isla g, aarav, jack w, and cousin Kayden\".";
        let names = found(text);
        for name in ["zoe", "olly", "ruby-jo", "isla g", "aarav", "jack w"] {
            assert!(names.contains(&name), "{name}: {names:?}");
        }
        let text = "She left the list behind: \"precious, ruaridh, shona m, \
                    caleb, amira osman, leo, hope c, and little Blessing (sister)\".";
        let names = found(text);
        for name in ["leo", "hope c", "precious", "caleb"] {
            assert!(names.contains(&name), "{name}: {names:?}");
        }
    }

    #[test]
    fn a_lower_case_name_glossed_by_the_full_name_is_found() {
        let text = "1. skye (Skye McPhee) — best pal since P1\n2. bernie (Bernadette Quinn) rang";
        let names = found(text);
        assert!(
            names.contains(&"skye") && names.contains(&"bernie"),
            "{names:?}"
        );
        let text = "the survey (Scottish Household Survey) and care (Care Inspectorate)";
        assert!(found(text).is_empty(), "{:?}", found(text));
    }

    #[test]
    fn lists_of_things_in_lower_case_pass() {
        for text in [
            "The themes were neglect, poverty, housing, drugs and alcohol.",
            "Values: faith, hope, charity, kindness and respect.",
            "risks — alcohol, debt, isolation, grace periods, mark schemes.",
            "we need: bread, milk, eggs, beans, jam",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
