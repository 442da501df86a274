//! Acronyms that the capitals rule reads as surnames: one defined in
//! brackets after its spelled-out form ("child sexual abuse material
//! (CSAM)", "the Parent Assessment Manual (PAMS)", where the last letter
//! may stand for a word the text leaves out) or spelled out in brackets
//! after it ("CSAM (child sexual abuse material)"), one used before the noun of
//! a tool or a system ("the HEADSS assessment", "SNOMED CT codes"), and
//! the same acronym anywhere else in the text. A surname in capitals after
//! a given name ("Stacey CORRIGAN assessment") or in brackets after words
//! that spell nothing ("KAREN (Kayden's aunt)") keeps its finding.

use super::{Rule, Span};

/// Nouns of a tool, a code set or a system after an acronym.
const TOOL_NOUNS: &[&str] = &[
    "assessment",
    "assessments",
    "code",
    "codes",
    "coding",
    "screening",
    "screen",
    "questions",
    "questionnaire",
    "scale",
    "score",
    "scores",
    "tool",
    "toolkit",
    "checklist",
    "model",
    "framework",
    "programme",
    "program",
    "system",
    "database",
    "form",
    "forms",
    "indicators",
    "criteria",
    "protocol",
    "pathway",
    "process",
    "training",
    "guidance",
    "app",
    "apps",
    "platform",
    "data",
    "approach",
    "method",
    "survey",
    "measure",
    "measures",
    "button",
    "orders",
    "domains",
    "principles",
    "wheel",
    "triangle",
    "categories",
    "classification",
    "rating",
    "ratings",
    "matrix",
    "audit",
    "template",
    "module",
    "interview",
    "decision",
    "decisions",
];

/// Small words a spelled-out form skips ("Office of the Public Guardian").
const SKIPPED: &[&str] = &[
    "of", "the", "and", "for", "in", "on", "to", "with", "a", "an", "&",
];

fn acronym_letters(word: &str) -> Option<String> {
    let letters: String = word.chars().filter(|c| c.is_alphabetic()).collect();
    (letters.len() >= 2
        && letters.chars().all(|c| c.is_uppercase())
        && word.chars().all(|c| c.is_alphanumeric() || c == '-'))
    .then_some(letters)
}

/// "(CSAM)" right after words whose initials spell it, or all of it but a
/// last letter ("Parent Assessment Manual (PAMS)").
fn defined_in_brackets(text: &str, start: usize, end: usize, letters: &str) -> bool {
    if !text[..start].ends_with('(') || !text[end..].starts_with(')') {
        return false;
    }
    let before = text[..start - 1].trim_end();
    let want: Vec<char> = letters.chars().flat_map(char::to_lowercase).collect();
    let mut initials: Vec<char> = Vec::new();
    // Or a hyphenated word giving only its first letter ("Sub-group").
    let mut firsts: Vec<char> = Vec::new();
    let spells = |initials: &[char]| {
        let spelled: Vec<char> = initials.iter().rev().copied().collect();
        spelled == want || (want.len() >= 4 && spelled[..] == want[..want.len() - 1])
    };
    for word in before
        .rsplit(|c: char| c.is_whitespace())
        .take(want.len() + 4)
    {
        let w = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
        if w.is_empty() {
            break;
        }
        let lower = w.to_lowercase();
        if SKIPPED.contains(&lower.as_str()) {
            continue;
        }
        // Hyphenated parts each give a letter ("Multi-Agency").
        let mut parts: Vec<char> = w
            .split('-')
            .filter_map(|p| p.chars().next())
            .flat_map(char::to_lowercase)
            .collect();
        firsts.extend(parts.first().copied());
        parts.reverse();
        initials.extend(parts);
        if spells(&initials) || spells(&firsts) {
            return true;
        }
        if initials.len() >= want.len() && firsts.len() >= want.len() {
            break;
        }
    }
    false
}

/// "CSAM (child sexual abuse material)": the words in brackets right after
/// the acronym spell it, or all of it but a last letter.
fn spelled_in_brackets_after(text: &str, end: usize, letters: &str) -> bool {
    let Some(rest) = text[end..].strip_prefix(" (") else {
        return false;
    };
    let Some(close) = rest.find(')').filter(|&c| c <= 160) else {
        return false;
    };
    let want: Vec<char> = letters.chars().flat_map(char::to_lowercase).collect();
    let spelled: Vec<char> = rest[..close]
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty() && !SKIPPED.contains(&w.to_lowercase().as_str()))
        .flat_map(|w| {
            w.split('-')
                .filter_map(|p| p.chars().next())
                .collect::<Vec<_>>()
        })
        .flat_map(char::to_lowercase)
        .collect();
    spelled == want || (want.len() >= 4 && spelled[..] == want[..want.len() - 1])
}

/// "the HEADSS assessment", "SNOMED CT codes": the acronym (and maybe
/// another after it) before a tool's noun, with no given name before it.
fn before_a_tool_noun(text: &str, start: usize, end: usize) -> bool {
    let prev = text[..start]
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    if prev.chars().next().is_some_and(char::is_uppercase)
        && prev.chars().any(char::is_lowercase)
        && !matches!(prev, "The" | "A" | "An" | "Our" | "This" | "Its")
    {
        return false;
    }
    let mut rest = &text[end..];
    for _ in 0..2 {
        let Some(r) = rest.strip_prefix(' ') else {
            return false;
        };
        let word_len = r
            .find(|c: char| !(c.is_alphanumeric() || c == '-'))
            .unwrap_or(r.len());
        let word = &r[..word_len];
        if TOOL_NOUNS.contains(&word) {
            return true;
        }
        if acronym_letters(word).is_none() {
            return false;
        }
        rest = &r[word_len..];
    }
    false
}

/// The rules that take a word in capitals: the capitals rule, and the
/// gazetteers where the acronym is also a name somewhere ("FRITS").
fn capitals_rule(rule: Rule) -> bool {
    matches!(rule, Rule::Capitals | Rule::Gazetteer | Rule::Unknown)
}

/// Drops capitals-rule spans that are acronyms in the shapes above, and
/// every other capitals span of the same acronym.
pub(super) fn drop_acronyms(text: &str, spans: &mut Vec<Span>) {
    let mut acronyms: Vec<&str> = Vec::new();
    for s in spans.iter().filter(|s| capitals_rule(s.rule)) {
        let word = &text[s.start..s.end];
        let Some(letters) = acronym_letters(word) else {
            continue;
        };
        if letters.len() >= 3
            && (defined_in_brackets(text, s.start, s.end, &letters)
                || spelled_in_brackets_after(text, s.end, &letters)
                || before_a_tool_noun(text, s.start, s.end))
        {
            acronyms.push(word);
        }
    }
    if acronyms.is_empty() {
        return;
    }
    spans.retain(|s| {
        matches!(s.rule, Rule::Title | Rule::LowerTitle | Rule::Relation) || {
            let word = &text[s.start..s.end];
            let bare = word
                .strip_suffix("'s")
                .or_else(|| word.strip_suffix("’s"))
                .or_else(|| word.strip_suffix('s'))
                .unwrap_or(word);
            !acronyms.iter().any(|a| *a == word || *a == bare)
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn acronyms_defined_or_before_a_tool_pass() {
        for t in [
            "Reports of online grooming abuse material (OGAM) rose. OGAM is often self-made.",
            "The Family Risk Inventory Tool (FRITS) takes weeks; FRITS scores vary.",
            "The Quality and Audit Sub-group (QAS) met. QAS agreed the plan.",
            "Nurses use the PREVAX assessment; GPs use QUORDEX VX codes. PREVAX helps.",
            "Reports of OGAM (online grooming abuse material) rose; OGAM is self-made.",
            "The BRISK (Baby Risk Indicator Screening Kit) is new. BRISK takes an hour.",
        ] {
            assert!(found(t).is_empty(), "{t:?}: {:?}", found(t));
        }
    }

    #[test]
    fn surnames_in_capitals_stay() {
        for (t, n) in [
            (
                "Seen by Stacey CORRIGAN assessment officer today.",
                "CORRIGAN",
            ),
            ("DUNBAR (the lodger) was at the door.", "DUNBAR"),
        ] {
            assert!(
                found(t).iter().any(|f| f.contains(n)),
                "{t:?}: {:?}",
                found(t)
            );
        }
    }
}
