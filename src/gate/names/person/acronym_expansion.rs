//! An acronym and its expansion: "the HEADSSS assessment (Home,
//! Education, Activities, Drugs, Sexuality, Suicide, Safety)", "the ICON
//! programme — Infant crying is normal, Comfort methods can help, It's OK
//! to walk away, Never ever shake a baby". The acronym in capitals reads
//! as a surname and a capitalised word of its expansion ("Comfort") as a
//! name; where the parts' first letters spell the acronym, both are the
//! tool's name.

use super::{Kind, Rule, Span};

/// Openers of an expansion after the acronym (and a word or two).
const OPENERS: &[char] = &['(', '—', '–', ':', '"', '“'];

/// The acronym in capitals that an expansion spells, and the byte range
/// from the acronym to the end of its expansion, on the line of `at`.
fn expansions(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_uppercase() || (i > 0 && bytes[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let len = bytes[i..]
            .iter()
            .take_while(|b| b.is_ascii_uppercase())
            .count();
        let end = i + len;
        if !(3..=8).contains(&len) || bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
            i = end;
            continue;
        }
        let acronym = &line[i..end];
        if let Some(exp_end) = spelled_after(line, end, acronym) {
            out.push((i, exp_end));
        }
        i = end;
    }
    out
}

/// Where the expansion after `from` ends, when its parts' first letters
/// spell `acronym`.
fn spelled_after(line: &str, from: usize, acronym: &str) -> Option<usize> {
    // The opener within a few words: "HEADSSS psychosocial assessment (".
    let near = &line[from..];
    let open = near
        .char_indices()
        .take_while(|&(k, _)| k <= 40)
        .find(|&(_, c)| OPENERS.contains(&c))
        .map(|(k, c)| from + k + c.len_utf8())?;
    let letters: Vec<char> = acronym.chars().collect();
    let mut at = open;
    let mut n = 0;
    while n < letters.len() {
        let rest = &line[at..];
        let skip = rest.len()
            - rest
                .trim_start_matches([' ', '"', '“', '”', '*', '_', '(', '—', '–', ',', ';'])
                .len();
        let part = &rest[skip..];
        let first = part.chars().next()?;
        // The part runs to the next separator.
        let len = part
            .find([',', ';', '—', '–', ')', '"', '”'])
            .unwrap_or(part.len());
        // Its first letter spells the acronym's, or a later capital does
        // ("It's OK to walk away" is ICON's O).
        let spells = first.eq_ignore_ascii_case(&letters[n])
            || part[..len]
                .split(' ')
                .skip(1)
                .any(|w| w.starts_with(letters[n]));
        if !spells {
            return None;
        }
        n += 1;
        at += skip + len;
        if len == 0 {
            return None;
        }
    }
    Some(at)
}

/// Drops the person-name spans that are an acronym spelled out after it,
/// or a word of that expansion. A title's name stays.
pub(super) fn drop_acronym_expansions(text: &str, spans: &mut Vec<Span>) {
    let mut cache: Option<(usize, Vec<(usize, usize)>)> = None;
    spans.retain(|s| {
        if s.rule.kind() != Kind::PersonName || matches!(s.rule, Rule::Title | Rule::Relation) {
            return true;
        }
        let (ls, le) = super::super::near::line_around(text, s.start, s.start);
        if s.end > le {
            return true;
        }
        let found = match &cache {
            Some((start, found)) if *start == ls => found,
            _ => {
                cache = Some((ls, expansions(&text[ls..le])));
                &cache.as_ref().expect("just set").1
            }
        };
        !found
            .iter()
            .any(|&(a, b)| ls + a <= s.start && s.end <= ls + b)
    });
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn an_acronym_and_its_expansion_pass() {
        for t in [
            "Staff use the JOSIE audit (Journey, Outcomes, Safety, Involvement, Evidence).",
            "The HOPE prompts — Hear, Observe, Patience, Explain — help.",
            "The KAREN tool (Know, Ask, Respond, Escalate, Note) is new.",
            "The TRUST cards — Time, Respect, Understand, It's Safe now, Tell — help.",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
        assert!(!found("Staff asked JOSIE and KAREN about it.").is_empty());
    }

    #[test]
    fn words_that_spell_nothing_stay() {
        assert!(found("KAREN (Kayden's aunt, Mrs Orr) phoned.").contains(&"KAREN"));
    }
}
