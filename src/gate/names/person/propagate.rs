//! The parts of a full name found once are that person wherever else the
//! same document writes them alone: "Grant Tulloch" makes "call with
//! Grant" and "Grant told her" a name, and "Mr Callum Mason" makes
//! "Signed B. Mason", "the Masons" and "the Masons' car" one. The pass
//! over `same_names_elsewhere` only carries names found as one word.

use std::collections::{HashMap, HashSet};

use super::{in_title_case, lc_of, strip_possessive, Class, Lexicon, Rule, Span, Tok};
use crate::findings::Kind;

/// The parts found, each with its index, and the byte lengths they have:
/// every token of the document is asked about them, and a long report
/// names hundreds of people, so neither question walks a list.
#[derive(Default)]
struct Parts {
    index: HashMap<String, usize>,
    lengths: u128,
}

impl Parts {
    fn add(&mut self, part: &str) {
        let next = self.index.len();
        self.index.entry(part.to_string()).or_insert(next);
        self.lengths |= 1u128.checked_shl(part.len() as u32).unwrap_or(0);
    }

    fn get(&self, word: &str) -> Option<usize> {
        self.index.get(word).copied()
    }

    fn contains(&self, word: &str) -> bool {
        self.index.contains_key(word)
    }

    /// Whether a part may be `len` bytes long (always, past 127 bytes).
    fn may_have_len(&self, len: usize) -> bool {
        len >= 128 || self.lengths & (1u128 << len) != 0
    }
}

/// Adds a span for every capitalised token elsewhere that is a given name
/// or surname of a multi-word person span (or its family plural after
/// "the", or its plural possessive). A common word opening a sentence is
/// that word ("Grant funding was cut") where the document also writes it
/// in lower case, unless a person's verb follows it; elsewhere it fails
/// closed as the name. A word in a run of Title Case words is a heading's.
pub(super) fn parts_of_full_names(text: &str, toks: &[Tok], spans: &mut Vec<Span>, lex: &Lexicon) {
    let mut parts = Parts::default();
    let mut buf = String::new();
    let mut k = 0;
    for s in spans.iter().filter(|s| {
        s.rule.kind() == Kind::PersonName
            && matches!(
                s.rule,
                Rule::FullName | Rule::Title | Rule::Relation | Rule::SignOff | Rule::Gazetteer
            )
    }) {
        while k < toks.len() && toks[k].t.end <= s.start {
            k += 1;
        }
        let inside: Vec<&Tok> = toks[k..].iter().take_while(|t| t.t.start < s.end).collect();
        // A title and one word ("Mr Mason") is a full name too: the
        // surname after it is as certain as one after a given name.
        let words = inside.iter().filter(|t| t.class != Class::Title).count();
        if inside.len() < 2 || (words < 2 && s.rule != Rule::Title) {
            continue;
        }
        for t in inside {
            if !t.t.cap
                || t.t.all_caps
                || t.role
                || !matches!(
                    t.class,
                    Class::Word | Class::NameWord | Class::Name | Class::Unknown
                )
            {
                continue;
            }
            let lc = lc_of(text, &t.t, &mut buf);
            if lc.chars().count() < 3 || lex.is_known_term(lc) {
                continue;
            }
            parts.add(lc);
        }
    }
    if parts.index.is_empty() {
        return;
    }
    let bytes = text.as_bytes();
    let mut extra = Vec::new();
    let mut k = 0;
    // Parts the document also writes in lower case, as the words they
    // are ("a grant of £500"): there a sentence-opening capital says
    // nothing, and the word stays a word.
    let mut as_words: HashSet<usize> = HashSet::new();
    let mut openers: Vec<(usize, Span)> = Vec::new();
    for (j, t) in toks.iter().enumerate() {
        let len = t.t.end - t.t.start;
        if !t.t.cap {
            // Part of an address (`grant.tulloch@…`) is no word in use.
            let glued = |b: Option<&u8>| matches!(b, Some(b'@' | b'.' | b'_' | b'/'));
            let in_link = (glued(bytes.get(t.t.end))
                && bytes
                    .get(t.t.end + 1)
                    .is_some_and(u8::is_ascii_alphanumeric))
                || (t.t.start > 0 && glued(bytes.get(t.t.start - 1)));
            // The part, or its possessive ("hope's", "hope’s").
            let may_be_part = [0, 2, 4]
                .iter()
                .any(|&k| len > k && parts.may_have_len(len - k));
            if t.class == Class::Lower && !in_link && may_be_part {
                if let Some(p) = parts.get(strip_possessive(lc_of(text, &t.t, &mut buf)).0) {
                    if lower_case_person(text, toks, j, lex) {
                        extra.push(Span {
                            start: t.t.start,
                            end: t.t.end,
                            rule: Rule::Lower,
                            certain: false,
                        });
                    } else {
                        as_words.insert(p);
                    }
                }
            }
            continue;
        }
        if t.t.all_caps || t.role {
            continue;
        }
        // The part itself, or a family or possessive form up to three bytes longer.
        if !(len.saturating_sub(3)..=len).any(|l| parts.may_have_len(l)) {
            continue;
        }
        while k < spans.len() && spans[k].end <= t.t.start {
            k += 1;
        }
        if k < spans.len() && spans[k].start < t.t.end {
            continue;
        }
        let raw = t.t.text(text);
        let lc = lc_of(text, &t.t, &mut buf);
        let same = parts.contains(lc);
        // "the Masons", "the Masons' car": a surname's family forms.
        let family = !same
            && lc.strip_suffix('s').is_some_and(|base| {
                parts.contains(base)
                    && (bytes.get(t.t.end) == Some(&b'\'')
                        || raw.ends_with("s'")
                        || (j > 0
                            && t.t.joined
                            && lc_of(text, &toks[j - 1].t, &mut String::new()) == "the"))
            });
        if !same && !family {
            continue;
        }

        let word = lex.is_word(strip_possessive(raw).0.to_lowercase().as_str());
        // A heading's run of capitals ("Housing Grant Scheme") only where
        // a capitalised word stands right beside it.
        let cap_beside =
            (j > 0 && t.t.joined && toks[j - 1].t.cap && !toks[j - 1].t.sentence_start)
                || toks.get(j + 1).is_some_and(|n| n.t.joined && n.t.cap);
        if word && cap_beside && in_title_case(toks, j) {
            continue;
        }
        // "Signed B. Mason": the full stop is an initial's, not a
        // sentence's end.
        let after_initial = j > 0
            && toks[j - 1].class == Class::Letter
            && text[toks[j - 1].t.end..t.t.start].trim() == ".";
        // "B. Mason" is one full name with its initial (and no surname a
        // citation pass may take for an author's).
        let span = if after_initial {
            Span {
                start: toks[j - 1].t.start,
                end: t.t.end,
                rule: Rule::FullName,
                certain: false,
            }
        } else {
            Span {
                start: t.t.start,
                end: t.t.end,
                rule: Rule::NameWord,
                certain: false,
            }
        };
        // "for \"Rocky\" — a lad": a word alone in quotes is named, not
        // a sentence's opening word.
        let quoted_alone = matches!(
            t.t.start.checked_sub(1).map(|k| bytes[k]),
            Some(b'"' | b'\'')
        ) && matches!(bytes.get(t.t.end), Some(b'"' | b'\''));
        if word && t.t.sentence_start && !after_initial && !quoted_alone {
            let mut b = String::new();
            let acts = toks.get(j + 1).is_some_and(|n| {
                n.t.joined && lex.person_verbs.contains(lc_of(text, &n.t, &mut b))
            });
            if !acts && !t.possessive {
                let base = lc_of(text, &t.t, &mut b);
                let base = if family {
                    &base[..base.len() - 1]
                } else {
                    base
                };
                if let Some(p) = parts.get(base) {
                    openers.push((p, span));
                }
                continue;
            }
        }
        extra.push(span);
    }
    extra.extend(
        openers
            .into_iter()
            .filter(|(p, _)| !as_words.contains(p))
            .map(|(_, s)| s),
    );
    if extra.is_empty() {
        return;
    }
    spans.extend(extra);
    spans.sort_by_key(|s| s.start);
}

/// Determiners before a noun: "the mark", "a grant".
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "my", "our", "your", "its", "this", "that", "no",
    "any", "each", "some", "every",
];

/// What a typed note says a person does, in the present tense as notes
/// write it ("rocky picks her up", "des says").
const NOTE_VERBS: &[&str] = &[
    "says",
    "picks",
    "picked",
    "collects",
    "collected",
    "drives",
    "drove",
    "lives",
    "stays",
    "comes",
    "goes",
    "wants",
    "gets",
    "takes",
    "keeps",
    "knows",
    "thinks",
    "told",
    "tells",
];

/// Whether the lower-case token `j`, a part of a name found in full, is
/// that person in a typed note: before a person's verb ("rocky picks her
/// up"), as a possessive ("hope's party") or before an initial ("hope
/// c"), and after no determiner, which makes it the word ("the hope").
fn lower_case_person(text: &str, toks: &[Tok], j: usize, lex: &Lexicon) -> bool {
    let t = &toks[j].t;
    let mut b = String::new();
    if j > 0 && DETERMINERS.contains(&lc_of(text, &toks[j - 1].t, &mut b)) {
        return false;
    }
    let rest = &text[t.end..];
    let possessive = (strip_possessive(t.text(text)).1
        || rest.starts_with("'s ")
        || rest.starts_with("\u{2019}s "))
        && text[..t.start].ends_with([' ', '-', '"', '(']);
    let next = toks.get(j + 1).filter(|n| n.t.joined);
    let initial = next.is_some_and(|n| {
        n.t.end - n.t.start == 1
            && text.as_bytes()[n.t.start].is_ascii_lowercase()
            && text[n.t.end..].starts_with([',', ')', '"', '\n'])
    });
    let acts = next.is_some_and(|n| {
        let verb = lc_of(text, &n.t, &mut b);
        lex.person_verbs.contains(verb) || NOTE_VERBS.contains(&verb)
    });
    possessive || initial || acts
}

#[cfg(test)]
mod tests {
    use super::super::names_and_rules_found as found;

    #[test]
    fn a_part_of_a_full_name_is_that_person_elsewhere() {
        let text = "Mark Doyle, the family's key worker, visited on Monday. \
                    The children said they like Mark. \
                    Later that week Mark phoned the school. \
                    Agreed. Told Mark about the plan.";
        let hits = found(text);
        assert_eq!(
            hits.iter().filter(|(w, _)| *w == "Mark").count(),
            3,
            "{hits:?}"
        );
    }

    #[test]
    fn a_word_surname_and_its_family_forms_elsewhere() {
        let text = "The carers are Mr Alasdair Baker and his wife. \
                    Anna stays with the Bakers at weekends, in the Bakers' spare room. \
                    Notes signed D. Baker on the Friday.";
        let hits = found(text);
        assert!(hits.iter().any(|(w, _)| *w == "Bakers"), "{hits:?}");
        assert!(
            hits.iter().filter(|(w, _)| w.contains("Baker")).count() >= 4,
            "{hits:?}"
        );
    }

    #[test]
    fn a_part_in_lower_case_or_quoted_alone_is_that_person() {
        let text = "She called him Rocky Dunn once. She sells them on for \"Rocky\" — \
                    a lad with a car. des says rocky picks her up on Fridays. \
                    A rocky path; the hope is that Hope Docherty's party goes well, \
                    hope's pals were there and so was hope c, then home.";
        let hits = found(text);
        for (word, times) in [("Rocky", 1), ("rocky", 1), ("hope's", 1), ("hope", 1)] {
            assert_eq!(
                hits.iter().filter(|(w, _)| *w == word).count(),
                times,
                "{word}: {hits:?}"
            );
        }
    }

    #[test]
    fn a_common_word_opening_a_sentence_stays_a_word() {
        let text = "Her social worker is Mr Grant Lennie. \
                    Grant funding for the project ended in March, and a new grant \
                    was agreed. Grant said he would call.";
        let hits = found(text);
        let grants: Vec<_> = hits.iter().filter(|(w, _)| *w == "Grant").collect();
        assert_eq!(grants.len(), 1, "{hits:?}");
        assert!(text.contains("Grant said"));
        let alone = found("Her social worker is Mr Grant Lennie. Grant from the team came too.");
        assert!(alone.iter().any(|(w, _)| *w == "Grant"), "{alone:?}");
    }
}
