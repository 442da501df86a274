//! Text in another language where capitals cannot mark a name.
//!
//! A sentence in a script without case (Arabic, Urdu, Persian, Hebrew,
//! the scripts of India) has no capital letters, so the rule that flags
//! an unknown capitalised word says nothing there: a run of such words
//! is a sentence, not a name. A word in such a script standing alone in
//! English prose still fails closed as a name.
//!
//! A leaflet's offer of translations puts each language's own name at
//! the head of a line and a sentence in that language after it ("-
//! **Polski:** Jeśli potrzebujesz…", "- **Українська:** Якщо вам…"): the
//! label and the sentence's opening capital are the language's, as a
//! quoted phrase in another language is (issue 13). A capitalised
//! gazetteer name inside the sentence is still found.

use super::{lc_of, lower_into, Class, Lexicon, Rule, Span, Tok};
use crate::findings::Kind;

/// Languages' names for themselves, lower-cased, as leaflets head the
/// line that offers a translation in each.
const ENDONYMS: &[&str] = &[
    "polski",
    "polska",
    "română",
    "romana",
    "українська",
    "русский",
    "беларуская",
    "български",
    "српски",
    "македонски",
    "العربية",
    "عربي",
    "اردو",
    "فارسی",
    "دری",
    "پښتو",
    "کوردی",
    "کوردیی سۆرانی",
    "kurdî",
    "soomaali",
    "af-soomaali",
    "ትግርኛ",
    "አማርኛ",
    "türkçe",
    "español",
    "français",
    "deutsch",
    "italiano",
    "português",
    "lietuvių",
    "latviešu",
    "eesti",
    "slovenčina",
    "čeština",
    "magyar",
    "shqip",
    "hrvatski",
    "srpski",
    "bosanski",
    "tiếng việt",
    "ไทย",
    "tagalog",
    "filipino",
    "हिन्दी",
    "हिंदी",
    "ਪੰਜਾਬੀ",
    "বাংলা",
    "ગુજરાતી",
    "தமிழ்",
    "नेपाली",
    "中文",
    "简体中文",
    "繁體中文",
    "廣東話",
    "普通话",
    "kiswahili",
    "ελληνικά",
    "עברית",
    "gàidhlig",
    "cymraeg",
    "gaeilge",
    "nederlands",
];

/// The endonyms as the gate's normalised view spells them (look-alike
/// letters of other scripts become the ASCII they are confusable with:
/// Cyrillic `У` reads `Y`, Arabic alef `l`), lower-cased, beside their
/// own spelling.
fn endonyms() -> &'static [String] {
    static SET: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        let mut out: Vec<String> = Vec::new();
        for e in ENDONYMS {
            for form in [
                e.to_string(),
                crate::gate::normalize::Normalized::new(e)
                    .text()
                    .to_lowercase(),
            ] {
                if !out.contains(&form) {
                    out.push(form);
                }
            }
        }
        out
    })
}

/// A word of a script without case: a letter without case in it and no
/// capital (the normalised view may have turned a look-alike letter of
/// it into ASCII).
fn caseless(text: &str, t: &Tok) -> bool {
    let word = &text[t.t.start..t.t.end];
    !word.is_ascii()
        && word
            .chars()
            .any(|c| !c.is_ascii() && c.is_alphabetic() && !c.is_uppercase() && !c.is_lowercase())
        && !word.chars().any(char::is_uppercase)
}

/// Drops the person spans that lie in a run of three or more words of a
/// script without case on one line, or that are a translation offer's
/// language label, the opening word of its sentence, or a word of that
/// sentence no list knows as a name.
pub(super) fn drop_foreign_capitals(
    text: &str,
    toks: &[Tok],
    spans: &mut Vec<Span>,
    lex: &Lexicon,
) {
    if spans.is_empty() || text.is_ascii() {
        return;
    }
    // Byte ranges whose person spans pass whole.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut j = 0;
    while j < toks.len() {
        if !caseless(text, &toks[j]) {
            j += 1;
            continue;
        }
        let from = j;
        while j + 1 < toks.len()
            && caseless(text, &toks[j + 1])
            && !text[toks[j].t.end..toks[j + 1].t.start].contains('\n')
        {
            j += 1;
        }
        if j - from >= 2 {
            runs.push((toks[from].t.start, toks[j].t.end));
        }
        j += 1;
    }
    // Offers of translation: the label, and the sentence's first word and
    // unknown words.
    let mut offers: Vec<(usize, usize, usize)> = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        if let Some((label_end, sentence_end)) = translation_offer(line, lex) {
            offers.push((start, start + label_end, start + sentence_end));
        }
    }
    if runs.is_empty() && offers.is_empty() {
        return;
    }
    let mut buf = String::new();
    spans.retain(|s| {
        if s.rule.kind() != Kind::PersonName {
            return true;
        }
        if runs.iter().any(|&(a, b)| s.start >= a && s.end <= b) {
            return false;
        }
        let Some(&(_, label_end, sentence_end)) =
            offers.iter().find(|&&(a, _, b)| s.start >= a && s.end <= b)
        else {
            return true;
        };
        if s.end <= label_end {
            return false;
        }
        let first = toks
            .iter()
            .find(|t| t.t.start >= label_end && t.t.start < sentence_end)
            .is_some_and(|t| t.t.start == s.start);
        let unknown = matches!(s.rule, Rule::Unknown | Rule::NameWord | Rule::Lower)
            && toks
                .iter()
                .filter(|t| t.t.start >= s.start && t.t.end <= s.end)
                .all(|t| {
                    t.class != Class::Name || {
                        let lc = lc_of(text, &t.t, &mut buf);
                        !lex.is_name(lc)
                    }
                });
        !(first || unknown)
    });
}

/// Where the label ends and the sentence ends (before an English gloss
/// in brackets), as byte offsets into `line`, if the line offers a
/// translation: a list item or plain line opening with a language's own
/// name (or its English name), a colon, and a sentence most of whose
/// words are no English words.
fn translation_offer(line: &str, lex: &Lexicon) -> Option<(usize, usize)> {
    let colon = line.find(':')?;
    if colon > 60 {
        return None;
    }
    let head = line[..colon]
        .trim_start()
        .trim_start_matches(['-', '*', '+', '\u{2022}', ' '])
        .trim_matches(['*', '_', ' ']);
    if head.is_empty() || head.split_whitespace().count() > 3 {
        return None;
    }
    // Cyrillic and Greek capitals too: `lower_into` folds ASCII only.
    let lc = head.to_lowercase();
    if !endonyms().contains(&lc) && !lex.groups.contains(lc.as_str()) {
        return None;
    }
    let label_end = colon + 1 + line[colon + 1..].len()
        - line[colon + 1..].trim_start_matches(['*', '_']).len();
    let rest = &line[label_end..];
    let sentence_end = label_end + rest.find(" (").unwrap_or(rest.trim_end().len());
    let (mut foreign, mut english) = (0, 0);
    let mut b = String::new();
    for w in line[label_end..sentence_end].split(|c: char| !c.is_alphabetic()) {
        if w.is_empty() {
            continue;
        }
        let lc = lower_into(w, &mut b);
        if lex.is_word(lc) || lex.is_known_term(lc) {
            english += 1;
        } else {
            foreign += 1;
        }
    }
    (foreign >= 3 && foreign > 2 * english).then_some((label_end, sentence_end))
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn a_sentence_in_a_script_without_case_has_no_names_by_capitals() {
        assert_eq!(
            found("Nasreen wrote on the card: سلام علیکم، امید است حال شما خوب باشد"),
            ["Nasreen"]
        );
    }

    #[test]
    fn a_translation_offer_headed_by_the_language_passes() {
        let text = "Other languages:\n\
                    - **Polski:** Prosimy o kontakt, jeśli masz pytania dotyczące spotkania.\n\
                    - **Română:** Contactați-ne dacă aveți întrebări despre întâlnire. (Romanian)\n\
                    - **Русский:** Свяжитесь с нами, если у вас есть вопросы.\n";
        assert_eq!(found(text), Vec::<&str>::new());
    }

    #[test]
    fn a_name_in_an_english_line_after_a_language_label_is_found() {
        assert!(
            !found("- **Polski:** Agnieszka Wrona will interpret at the meeting.\n").is_empty()
        );
    }
}
