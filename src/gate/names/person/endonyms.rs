//! A language's own name beside its English name, as leaflets and easy-read
//! reviews list the languages they can be read in: "Polish — *Polski*",
//! "Romanian: *Română*", "*Soomaali* (Somali)", "Tigrinya — ትግርኛ". The
//! capital starts a language's name, not a person's (issue 13: language
//! names are no finding).
//!
//! The own name must be set apart the way such lists set it: emphasised,
//! in a script other than Latin, or with the English name in brackets
//! after it. "Interpreter: Polish — Ania Kowalska" names a person.

use super::{Kind, Lexicon, Rule, Span};

const SEPARATORS: &[char] = &['—', '–', '-', ':', '(', '=', '/', '|'];

fn is_language(lex: &Lexicon, word: &str) -> bool {
    let lc = word
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    !lc.is_empty() && lex.groups.contains(lc.as_str())
}

/// The last word before `at`, past a bracket of a dialect ("Kurdish
/// (Sorani) —").
fn word_before(s: &str) -> &str {
    let mut s = s.trim_end();
    if s.ends_with(')') {
        if let Some(open) = s.rfind('(') {
            s = s[..open].trim_end();
        }
    }
    let from = s
        .rfind(|c: char| !(c.is_alphabetic() || c == '\''))
        .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
    &s[from..]
}

/// Whether every letter of `word` is of a script other than Latin.
fn in_other_script(word: &str) -> bool {
    word.chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| !c.is_ascii() && !('\u{c0}'..='\u{24f}').contains(&c))
}

fn set_apart(text: &str, ls: usize, start: usize, end: usize, le: usize) -> bool {
    let before = &text[ls..start];
    let emphasised = before.trim_end().ends_with(['*', '_']) && text[end..le].contains(['*', '_']);
    emphasised || in_other_script(&text[start..end])
}

/// The own name follows an English language name and a separator, and
/// the line ends within a few words.
fn after_english_name(text: &str, lex: &Lexicon, start: usize, end: usize) -> bool {
    let (ls, le) = super::super::near::line_around(text, start, end);
    let before = text[ls..start].trim_end_matches(['*', '_', ' ', '"', '“']);
    let Some(sep) = before
        .chars()
        .next_back()
        .filter(|c| SEPARATORS.contains(c))
    else {
        return false;
    };
    let head = &before[..before.len() - sep.len_utf8()];
    if !is_language(lex, word_before(head)) {
        return false;
    }
    let le = if sep == '(' {
        text[end..le].find(')').map_or(le, |i| end + i)
    } else {
        le
    };
    let tail = text[end..le].trim_end_matches(|c: char| {
        matches!(c, '*' | '_' | ')' | '.' | ',' | ';' | ' ' | '|' | '"' | '”')
    });
    // "Polish (Polski), Romanian (Română)": the brackets set one word
    // apart, after a language that is no given name too ("Shona (Shona
    // McInally)" is a person).
    let language = word_before(head).to_lowercase();
    let bracketed = sep == '('
        && text[end..].trim_start_matches(['*', '_']).starts_with(')')
        && !text[start..end].contains(char::is_whitespace)
        && !super::super::lexicon::LANGUAGES_NAMED_TOO.contains(&language.as_str());
    tail.split_whitespace().count() <= 3 && (bracketed || set_apart(text, ls, start, end, le))
}

/// "*Polski* (Polish)": the own name alone before its English name in
/// brackets, one word or set apart, with little or nothing after the
/// bracket: "• Senait Tesfamariam (Eritrean) and her son" is a person
/// with her nationality.
fn before_english_name(text: &str, lex: &Lexicon, start: usize, end: usize) -> bool {
    let (ls, le) = super::super::near::line_around(text, start, end);
    // "廣東話 / 粵語 (Cantonese)": one language's own names in a row, each
    // in its script, before the English name.
    let other_script = |w: &str| {
        let w = w.trim_matches(['*', '_']);
        !w.is_empty() && in_other_script(w)
    };
    let mut after = text[end..le].trim_start_matches(['*', '_', ' ']);
    while let Some(rest) = after.strip_prefix('/') {
        let rest = rest.trim_start();
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        if !other_script(&rest[..word_end]) {
            break;
        }
        after = rest[word_end..].trim_start_matches(['*', '_', ' ']);
    }
    let mut ls = ls;
    let lead_all = &text[ls..start];
    if let Some(slash) = lead_all.rfind('/') {
        let others = &lead_all[..slash];
        let bullet_end = others.len()
            - others
                .trim_start_matches([' ', '\t', '-', '*', '•', '+', '_', '|'])
                .len();
        if others[bullet_end..]
            .split_whitespace()
            .all(|w| w == "/" || other_script(w))
            && other_script(text[start..end].trim())
        {
            ls += slash + 1;
        }
    }
    let Some(inside) = after.strip_prefix('(') else {
        return false;
    };
    let Some(close) = inside.find(')') else {
        return false;
    };
    let lead = text[ls..start].trim_start_matches([' ', '\t', '-', '*', '•', '+', '_', '|']);
    let rest = &inside[close + 1..];
    let one_word = !text[start..end].contains(char::is_whitespace);
    lead.is_empty()
        && (one_word || set_apart(text, ls, start, end, le))
        && rest.split_whitespace().count() <= 3
        && inside[..close]
            .split([',', ' '])
            .any(|w| is_language(lex, w))
}

/// The shape of one line of a list of a leaflet's translations: a bullet,
/// the language's own name, a dash and the leaflet's title in that
/// language set apart ("- Polski — *Przewodnik dla rodzin*", "- 中文 —
/// *家庭指南*"). A title is written in sentence case: after its first
/// word, no capital (a person's name has two).
fn translation_line(line: &str, lex: &Lexicon) -> bool {
    let Some(rest) = line.trim_start().strip_prefix(['-', '*', '•', '+']) else {
        return false;
    };
    let Some((label, title)) = rest
        .split_once(" — ")
        .or_else(|| rest.split_once(" – "))
        .or_else(|| rest.split_once(": "))
    else {
        return false;
    };
    let label = label.trim().trim_matches(['*', '_']);
    let title = title.trim();
    let set_apart = (title.starts_with('*') && title.ends_with('*'))
        || (title.starts_with('_') && title.ends_with('_'));
    let words: Vec<&str> = title.trim_matches(['*', '_']).split_whitespace().collect();
    // The title in another language than English ("- Jason McKinlay —
    // *Dad*" is a person and his role), or after a language's name.
    let foreign = words.iter().all(|w| {
        let lc = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
        !lex.is_word(&lc) || in_other_script(w)
    });
    (1..=3).contains(&label.split_whitespace().count())
        && set_apart
        && (1..=6).contains(&words.len())
        && words[1..]
            .iter()
            .all(|w| !w.starts_with(char::is_uppercase))
        && (foreign || is_language(lex, label))
}

/// Whether `start` lies in a line of a list of translations, with
/// another such line above or below it.
fn in_list_of_translations(text: &str, lex: &Lexicon, start: usize, end: usize) -> bool {
    let (ls, le) = super::super::near::line_around(text, start, end);
    if !translation_line(&text[ls..le], lex) {
        return false;
    }
    // `line_around` reaches a few hundred bytes: a longer line is no list's.
    let whole_line = (ls == 0 || text.as_bytes()[ls - 1] == b'\n')
        && text.as_bytes().get(le).is_none_or(|&b| b == b'\n');
    if !whole_line {
        return false;
    }
    let above = ls > 0
        && text[..ls - 1]
            .rsplit('\n')
            .next()
            .is_some_and(|l| translation_line(l, lex));
    let below = text
        .get(le + 1..)
        .and_then(|r| r.split('\n').next())
        .is_some_and(|l| translation_line(l, lex));
    above || below
}

/// Drops person-name spans that are a language's own name in a list of
/// languages, or a word of a title in a list of translations.
pub(super) fn drop_endonyms(text: &str, spans: &mut Vec<Span>, lex: &Lexicon) {
    spans.retain(|s| {
        s.rule.kind() != Kind::PersonName
            || matches!(s.rule, Rule::Title | Rule::Relation)
            || !(after_english_name(text, lex, s.start, s.end)
                || before_english_name(text, lex, s.start, s.end)
                || in_list_of_translations(text, lex, s.start, s.end))
    });
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn a_language_beside_its_english_name_passes() {
        for t in [
            "- Slovak — *Slovenčina*\n",
            "- Hungarian: *Magyar*\n",
            "* Ukrainian – Українська\n",
            "- *Polszczyzna* (Polish)\n",
            "| Kurdish (Sorani) | *Kurdî* |\n",
            "Leaflets in Vietnamese (*Tiếng Việt*) are at reception.\n",
            "- 廣東話 / 粵語 (Cantonese, traditional characters)\n",
            "Available in English, Polish (Polski), Romanian (Română), Somali (Soomaali).\n",
            "- Vosa Vakaviti (Fijian)\n",
            "- Polski — *Przewodnik dla rodzin*\n- Română — *Ghid pentru familii*\n\
             - Soomaali — *Hagaha qoysaska*\n- 中文 — *家庭指南*\n",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }

    #[test]
    fn a_person_after_a_language_stays() {
        for (t, name) in [
            ("Interpreter: Polish — Ania Kowalska\n", "Kowalska"),
            ("His key worker was Shona (Shona McInally).\n", "McInally"),
            ("Language: Romanian / Ionuț Popescu (uncle)\n", "Popescu"),
            (
                "• Senait Tesfamariam (Eritrean) and her son Yonas — interpreter\n",
                "Tesfamariam",
            ),
            (
                "- Dawit (Tigrinya) asked for a male interpreter at every visit\n",
                "Dawit",
            ),
            (
                "- Polish — *Marek Nowak said he would come next week*\n",
                "Marek",
            ),
            (
                "- Interpreter — *Jolanta Wrobel*\n- Driver — *Dawid Nowak*\n",
                "Wrobel",
            ),
        ] {
            assert!(
                found(t).iter().any(|n| n.contains(name)),
                "{t}: {:?}",
                found(t)
            );
        }
    }
}
