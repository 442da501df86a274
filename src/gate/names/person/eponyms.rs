//! Scholars and public authors named in prose without a year, in shapes
//! the other scholar passes do not read:
//! - a model or approach named after its authors ("the Lundy model", "the
//!   Turnell and Edwards approach"), or their possessive before a noun of
//!   theory ("Lundy's model of participation", "Darley and Latané's
//!   bystander work", "Gillian Schofield's secure base model");
//! - a peer, knight or professor before their public work ("Lord Laming's
//!   report", "Baroness Hale's judgment", "Dame Sue Bruce chaired",
//!   "Professor Kay Tisdall has written");
//! - the same surname again, alone or in a pair ("Beek and Schofield
//!   describe"), once the text has named that scholar so.
//!
//! A family's names keep theirs: "the Reid family", "Kayden's model car",
//! "Professor Dunlop's report on the injuries" (an expert witness in the
//! case), "Ayesha and Omar describe feeling unsafe".

use super::super::lexicon::{lexicon, Lexicon};
use super::{Kind, Rule, Span};

/// Nouns a model or tool named after its authors ends with.
const EPONYM_NOUNS: &[&str] = &[
    "model",
    "models",
    "framework",
    "approach",
    "ladder",
    "triangle",
    "hierarchy",
    "theory",
    "principles",
    "criteria",
    "scale",
    "typology",
    "questionnaire",
    "checklist",
    "toolkit",
    "matrix",
    "method",
    "paradigm",
    "taxonomy",
    "continuum",
    "cycle",
    "wheel",
    "effect",
];

/// Nouns of theory after a lone surname's possessive.
const THEORY_NOUNS: &[&str] = &[
    "model",
    "framework",
    "ladder",
    "hierarchy",
    "theory",
    "typology",
    "paradigm",
    "taxonomy",
    "continuum",
    "concept",
    "principles",
];

/// Nouns of scholarship after a pair's or a full name's possessive,
/// with up to two words between ("bystander work", "secure base model").
const WORK_NOUNS: &[&str] = &[
    "model",
    "framework",
    "ladder",
    "hierarchy",
    "theory",
    "typology",
    "paradigm",
    "taxonomy",
    "concept",
    "principles",
    "work",
    "research",
    "studies",
    "experiments",
    "analysis",
    "findings",
];

/// Words before "work" that make it a family's own ("Leah and Tyler's
/// school work", "Amy Reid's support work").
const EVERYDAY_WORK: &[&str] = &[
    "school",
    "home",
    "house",
    "art",
    "course",
    "college",
    "class",
    "group",
    "care",
    "support",
    "social",
    "key",
    "case",
    "team",
    "shift",
    "part-time",
    "voluntary",
    "youth",
    "play",
    "session",
    "bedroom",
    "project",
    "charity",
    "cleaning",
    "building",
    "night",
    "day",
];

/// Titles of public life: a peer, a knight or a dame is named for public
/// work in a review's prose, not as a family's member.
const HONOURS: &[&str] = &["Lord", "Baroness", "Baron", "Dame", "Sir", "Lady"];
const ACADEMIC: &[&str] = &["Professor", "Prof"];

/// Nouns of public work after an honoured name's possessive.
const PUBLIC_WORK: &[&str] = &[
    "report",
    "review",
    "inquiry",
    "judgment",
    "judgement",
    "recommendations",
    "findings",
    "lecture",
    "speech",
    "work",
    "research",
    "model",
    "framework",
    "studies",
    "analysis",
    "principles",
    "evidence",
];

/// Verbs of public work after an honoured or academic name.
const PUBLIC_VERBS: &[&str] = &[
    "chaired",
    "led",
    "wrote",
    "argued",
    "found",
    "reported",
    "recommended",
    "reviewed",
    "concluded",
    "described",
    "showed",
    "observed",
    "noted",
    "warned",
    "published",
    "examined",
    "argues",
    "writes",
    "notes",
    "suggests",
    "reminds",
];

/// Participles after "has"/"have" for an academic or honoured name.
const PARTICIPLES: &[&str] = &[
    "written",
    "argued",
    "shown",
    "found",
    "described",
    "noted",
    "highlighted",
    "led",
    "explored",
    "studied",
    "examined",
    "reviewed",
    "reported",
    "recommended",
    "championed",
    "chaired",
    "warned",
    "published",
];

/// Verbs of writing in the plural, after a pair holding a known scholar.
const PLURAL_VERBS: &[&str] = &[
    "describe",
    "argue",
    "suggest",
    "show",
    "note",
    "identify",
    "propose",
    "outline",
    "highlight",
    "report",
    "write",
    "explain",
    "emphasise",
    "distinguish",
    "found",
    "showed",
    "argued",
    "described",
];

fn name_char(c: char) -> bool {
    c.is_alphabetic() || matches!(c, '\'' | '’' | '-')
}

fn possessive(w: &str) -> bool {
    w.ends_with("'s") || w.ends_with("’s") || w.ends_with("s'") || w.ends_with("s’")
}

fn bare(w: &str) -> &str {
    w.trim_end_matches("'s")
        .trim_end_matches("’s")
        .trim_end_matches(['\'', '’'])
}

/// The word right before `at` (skipping one run of spaces) and where it
/// starts.
fn word_before(text: &str, at: usize) -> (usize, &str) {
    let head = text[..at].trim_end_matches([' ', '\n', '\t']);
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| name_char(c))
        .last()
        .map_or(head.len(), |(i, _)| i);
    (start, &head[start..])
}

/// The word right after `at` (skipping one run of spaces) and where it
/// ends.
fn word_after(text: &str, at: usize) -> (usize, &str) {
    let tail = &text[at..];
    let skip = tail.len() - tail.trim_start_matches([' ', '\n', '\t']).len();
    let from = at + skip;
    let len = text[from..]
        .char_indices()
        .take_while(|&(_, c)| name_char(c))
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    (from + len, &text[from..from + len])
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// The run of capitalised names joined by "and", "&" or commas around
/// `start..end`: its bounds and how many names it holds.
fn name_run(text: &str, start: usize, end: usize) -> (usize, usize, usize) {
    let (mut rs, mut re, mut n) = (start, end, 1);
    loop {
        let head = text[..rs].trim_end();
        let joined = ["and", "&"].iter().find_map(|j| {
            head.strip_suffix(j)
                .filter(|h| h.ends_with(char::is_whitespace) || h.ends_with(','))
        });
        let Some(h) = joined.or_else(|| head.strip_suffix(',')) else {
            break;
        };
        let (ws, w) = word_before(h, h.len());
        if !capitalised(w) || possessive(w) || w.len() < 2 || n > 6 {
            break;
        }
        rs = ws;
        n += 1;
    }
    loop {
        let tail = &text[re..];
        let t = tail.trim_start();
        let after = ["and", "&", ", and", ","]
            .iter()
            .find_map(|j| t.strip_prefix(j))
            .filter(|a| a.starts_with(char::is_whitespace));
        let Some(a) = after else { break };
        let at = text.len() - a.len();
        let (we, w) = word_after(text, at);
        if !capitalised(w) || w.len() < 2 || n > 6 {
            break;
        }
        re = we;
        n += 1;
        if possessive(w) {
            break;
        }
    }
    (rs, re, n)
}

/// Up to two lower-case words after `at`, then one of `nouns` ("work"
/// not after an everyday word).
fn noun_within_two(text: &str, at: usize, nouns: &[&str]) -> bool {
    let (mut pos, mut prev) = (at, "");
    for _ in 0..3 {
        let (end, w) = word_after(text, pos);
        if w.is_empty() || !w.chars().all(|c| c.is_lowercase() || c == '-') {
            return false;
        }
        if nouns.contains(&w) {
            return !(w == "work" && EVERYDAY_WORK.contains(&prev));
        }
        (pos, prev) = (end, w);
    }
    false
}

/// "the Lundy model", "the Turnell and Edwards approach", "Lundy's model
/// of", "Darley and Latané's bystander work".
fn eponym(text: &str, s: &Span) -> bool {
    let (rs, re, n) = name_run(text, s.start, s.end);
    let last = text[..re]
        .rsplit(|c: char| !name_char(c))
        .next()
        .unwrap_or("");
    if possessive(last) {
        let full_name = n == 1 && text[s.start..s.end].contains(char::is_whitespace);
        if n >= 2 || full_name {
            return noun_within_two(text, re, WORK_NOUNS);
        }
        let (end, w) = word_after(text, re);
        if !THEORY_NOUNS.contains(&w) {
            return false;
        }
        // "Kayden's model car": a noun after "model" makes it a thing.
        let (_, next) = word_after(text, end);
        return w != "model"
            || next.is_empty()
            || next == "of"
            || !next.starts_with(char::is_lowercase)
            || matches!(
                next,
                "and" | "is" | "has" | "was" | "sets" | "asks" | "helps" | "remains"
            );
    }
    let (_, before) = word_before(text, rs);
    let (_, after) = word_after(text, re);
    matches!(
        before,
        "the" | "The" | "a" | "A" | "their" | "this" | "This"
    ) && EPONYM_NOUNS.contains(&after)
}

/// "Stevenson and Laming both wrote about", "Okafor and Reid have argued
/// that": a pair of surnames (one at least no given name) before a verb of
/// scholarship and what it opens.
fn pair_wrote(text: &str, s: &Span, lex: &Lexicon) -> bool {
    let (rs, re, n) = name_run(text, s.start, s.end);
    if n < 2 {
        return false;
    }
    let surname_only = text[rs..re]
        .split(|c: char| !name_char(c))
        .filter(|w| capitalised(w))
        .any(|w| {
            let lc = bare(w).to_lowercase();
            lex.last.contains(lc.as_str()) && !lex.first.contains(lc.as_str())
        });
    let (mut e, mut w) = word_after(text, re);
    let mut perfect = false;
    if matches!(w, "both" | "each" | "also") {
        (e, w) = word_after(text, e);
    }
    if matches!(w, "have" | "had") {
        perfect = true;
        (e, w) = word_after(text, e);
    }
    let (_, next) = word_after(text, e);
    // "have written that": the register of scholarship, whoever the
    // names are.
    if perfect && next == "that" && matches!(w, "written" | "argued" | "shown" | "suggested") {
        return true;
    }
    surname_only
        && (matches!(
            (w, next),
            ("wrote" | "written", "about" | "that" | "on")
                | ("argued" | "contend" | "theorised", "that" | "for")
                | ("shown" | "showed" | "suggested", "that")
        ) || matches!(
            w,
            "describe" | "argue" | "suggest" | "propose" | "contend" | "posit" | "outline"
        ))
}

/// The title before or at the start of the span, and where the name after
/// it ends (a name may wrap: "Sir Michael\nMarmot's review").
fn titled(text: &str, s: &Span) -> Option<(&'static str, usize)> {
    let raw = &text[s.start..s.end];
    let first = raw.split_whitespace().next().unwrap_or("");
    let title = HONOURS
        .iter()
        .chain(ACADEMIC)
        .find(|t| **t == first)
        .or_else(|| {
            let (_, w) = word_before(text, s.start);
            HONOURS.iter().chain(ACADEMIC).find(|t| **t == w)
        })?;
    let mut end = s.end;
    for _ in 0..2 {
        if possessive(&text[..end]) {
            break;
        }
        let (e, w) = word_after(text, end);
        if !capitalised(w) || text[end..e].trim_start().len() != w.len() {
            break;
        }
        end = e;
    }
    Some((title, end))
}

/// "Lord Laming's report", "Dame Sue Bruce chaired", "Professor Kay
/// Tisdall has written".
fn public_figure(text: &str, s: &Span) -> bool {
    let Some((title, end)) = titled(text, s) else {
        return false;
    };
    let academic = ACADEMIC.contains(&title);
    if possessive(&text[s.start..end]) {
        // A professor's "report" is as often an expert witness's in the
        // case as a public one.
        let nouns: Vec<&str> = PUBLIC_WORK
            .iter()
            .copied()
            .filter(|n| !(academic && matches!(*n, "report" | "evidence" | "findings")))
            .collect();
        return noun_within_two(text, end, &nouns);
    }
    let (e, w) = word_after(text, end);
    if matches!(w, "has" | "have") {
        let (e2, p) = word_after(text, e);
        let (_, next) = word_after(text, e2);
        return PARTICIPLES.contains(&p) && next != "to";
    }
    let (e2, next) = word_after(text, e);
    // "Professor Bywaters led the inequalities work": leading a study is
    // a scholar's; leading "the examination" may be a clinician's.
    if w == "led" && next == "the" {
        return noun_within_two(
            text,
            e2,
            &[
                "work",
                "review",
                "study",
                "research",
                "inquiry",
                "project",
                "programme",
                "evaluation",
            ],
        );
    }
    !academic && PUBLIC_VERBS.contains(&w) && next != "to"
}

const PLAIN_TITLES: &[&str] = &["Mr", "Mrs", "Ms", "Miss", "Mx", "Dr"];

/// Drops the spans of scholars and public figures in the shapes above,
/// then the same surnames elsewhere in the text.
pub(super) fn drop_eponyms_and_public_figures(text: &str, spans: &mut Vec<Span>) {
    let mut scholars: Vec<String> = Vec::new();
    spans.retain(|s| {
        if s.rule.kind() != Kind::PersonName
            || matches!(
                s.rule,
                Rule::Relation | Rule::Lower | Rule::LowerTitle | Rule::Initials | Rule::SignOff
            )
        {
            return true;
        }
        let raw = &text[s.start..s.end];
        let plain_title = raw
            .split_whitespace()
            .next()
            .is_some_and(|w| PLAIN_TITLES.contains(&w.trim_end_matches('.')));
        if plain_title {
            return true;
        }
        let drop = public_figure(text, s)
            || (s.rule != Rule::Title && (eponym(text, s) || pair_wrote(text, s, lexicon())));
        if drop {
            if let Some(w) = raw.split_whitespace().last() {
                scholars.push(bare(w).to_lowercase());
            }
        }
        !drop
    });
    if scholars.is_empty() {
        return;
    }
    spans.retain(|s| {
        if s.rule.kind() != Kind::PersonName
            || matches!(s.rule, Rule::Title | Rule::LowerTitle | Rule::Relation)
        {
            return true;
        }
        let raw = &text[s.start..s.end];
        let known = |w: &str| scholars.iter().any(|k| k == &bare(w).to_lowercase());
        if raw.split_whitespace().all(known) {
            return false;
        }
        // "Beek and Schofield describe": a pair holding a known scholar,
        // before a verb of writing.
        let (rs, re, n) = name_run(text, s.start, s.end);
        if n < 2 {
            return true;
        }
        let run = &text[rs..re];
        let (_, verb) = word_after(text, re);
        !(run
            .split(|c: char| !name_char(c))
            .any(|w| !w.is_empty() && known(w))
            && PLURAL_VERBS.contains(&verb))
    });
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn scholars_and_public_figures_without_a_year_pass() {
        for t in [
            "Teams use the Okafor model and the Brennecke and\nSzalai approach in supervision.",
            "Okafor's model of voice is taught on the course; Okafor's framework helps.",
            "Brennecke and Szalai's classroom experiments are still cited.",
            "Ilona Brennecke's attachment model is used here. Brennecke argues that care comes first.",
            "Lord Pendrith's report was published. Baroness Amadi's judgment followed.",
            "Dame Morwenna Tulloch chaired the panel, and Professor Anneli Varga has written on it.",
            "Sir Colin\nStrathie's review of care set the agenda.",
            "Professor Ilsa Varga led the\nneglect research in three councils.",
            "Ilona Brennecke's secure base model matters. Szalai and Brennecke describe five parts.",
            "Pettigrew and Quarrie both wrote about drift; Abernethy and Szalai have argued that it is systemic.",
            "Quarrie and McIlwraith describe voice as a right.",
        ] {
            assert!(found(t).is_empty(), "{t:?}: {:?}", found(t));
        }
    }

    #[test]
    fn a_familys_names_keep_theirs() {
        for (t, n) in [
            ("Leah and Tyler's school work was praised by staff.", "Leah"),
            (
                "Leah and Tyler both wrote about the fight in their diaries.",
                "Leah",
            ),
            (
                "Professor Dunlop's report on the injuries was sent.",
                "Dunlop",
            ),
            ("Ayesha and Omar describe feeling unsafe at home.", "Ayesha"),
            (
                "The Strachan family moved; Mr Strachan's review was late.",
                "Strachan",
            ),
            ("Professor Quist led the examination of Leah.", "Quist"),
            (
                "Professor Quist has written to the court about Leah.",
                "Quist",
            ),
        ] {
            assert!(
                found(t).iter().any(|f| f.contains(n)),
                "{t:?}: {:?}",
                found(t)
            );
        }
    }
}
