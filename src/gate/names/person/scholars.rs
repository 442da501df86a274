//! Scholars named in running prose without a year: training calendars,
//! talks and practice guides name the people behind a model as readers
//! know it ("the 4x4x4 model developed by Morrison and Wonnacott", "the
//! work of Daniel, Taylor and Scott on neglect", "Cleaver, Unell and
//! Aldgate's work", "the Falkov Family Model"). Their names are public
//! and identify no family. The citation pass wants a year; these shapes
//! have none, so each needs its own cue instead: a scholar's noun before
//! a verb of making ("model … developed by"), a noun of their work before
//! "of"/"by" ("the ideas of"), a list's possessive before such a noun, or
//! the name inside an eponymous tool's title. "A safety plan developed
//! by Kerry-Ann", "the bruise described by Lacey" and "Tyler and Kacper's
//! fight" keep their names.

use super::{Kind, Rule, Span};

/// Nouns of scholarship that may stand before "of" or "by" and the names
/// ("the work of", "research by", "the ideas of").
const WORK_OF: &[&str] = &[
    "work of",
    "work by",
    "research by",
    "research of",
    "studies by",
    "study by",
    "writing of",
    "writings of",
    "ideas of",
    "thinking of",
    "theories of",
    "theory of",
];

/// Verbs of making or naming a model, before "by" or "with".
const MADE_BY: &[&str] = &[
    "developed by",
    "devised by",
    "designed by",
    "pioneered by",
    "proposed by",
    "described by",
    "set out by",
    "introduced by",
    "formulated by",
    "coined by",
    "popularised by",
    "associated with",
];

/// What a scholar's verb of making must have made, earlier in the
/// sentence, for the names after it to be the makers.
const MADE: &[&str] = &[
    "model",
    "approach",
    "framework",
    "theory",
    "cycle",
    "scale",
    "profile",
    "grid",
    "matrix",
    "concept",
    "term",
    "method",
    "typology",
    "triangle",
    "tolerance",
    "checklist",
    "tool",
    "questionnaire",
];

/// Nouns of a scholar's work after a list's possessive ("Cleaver, Unell
/// and Aldgate's work", "Bowlby's and Ainsworth's work").
const WORK_NOUNS: &[&str] = &[
    "work",
    "model",
    "theory",
    "framework",
    "findings",
    "research",
    "studies",
    "study",
    "ideas",
    "concept",
    "typology",
    "review",
    "reviews",
    "reports",
    "analysis",
    "writing",
];

/// Last words of an eponymous tool's title ("the Falkov Family Model",
/// "the Beckett Grid", "Crittenden's Dynamic-Maturational Model").
const EPONYM_HEADS: &[&str] = &[
    "Model",
    "Framework",
    "Approach",
    "Theory",
    "Grid",
    "Triangle",
    "Scale",
    "Cycle",
    "Matrix",
    "Hierarchy",
    "Typology",
    "Questionnaire",
];

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || matches!(c, '-' | '\'' | '’')
}

/// The word that ends `s` and where it starts.
fn last_word(s: &str) -> (usize, &str) {
    let start = s
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(s.len(), |(i, _)| i);
    (start, &s[start..])
}

/// The word that opens `s`.
fn first_word(s: &str) -> &str {
    let end = s
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_lowercase)
}

fn possessive(w: &str) -> bool {
    w.ends_with("'s") || w.ends_with("’s") || w.ends_with("s'") || w.ends_with("s’")
}

/// Separators of a list of names.
const SEPARATORS: &[&str] = &[", and of ", " and of ", ", and ", " and ", " & ", ", "];

/// The list of capitalised names around `start..end` ("Daniel, Taylor
/// and Scott"): where it starts and ends and how many names it holds.
fn name_run(text: &str, start: usize, end: usize) -> (usize, usize, usize) {
    let (mut from, mut to, mut names) = (start, end, 1);
    while names < 6 {
        let before = &text[..from];
        let Some(sep) = SEPARATORS.iter().find(|p| before.ends_with(**p)) else {
            break;
        };
        let head = &before[..before.len() - sep.len()];
        let (ws, w) = last_word(head);
        if !capitalised(w) {
            break;
        }
        from = ws;
        names += 1;
    }
    while names < 6 {
        let after = &text[to..];
        let Some(sep) = SEPARATORS.iter().find(|p| after.starts_with(**p)) else {
            break;
        };
        let w = first_word(&after[sep.len()..]);
        if !capitalised(w) {
            break;
        }
        to += sep.len() + w.len();
        names += 1;
    }
    (from, to, names)
}

/// The sentence (or table cell, or list item) before `at`, in lower case.
fn sentence_before(text: &str, at: usize) -> String {
    let (ls, _) = super::super::near::line_around(text, at, at);
    let before = &text[ls..at];
    let from = [". ", "? ", "! ", "\n", "| ", "; "]
        .iter()
        .filter_map(|p| before.rfind(p).map(|i| i + p.len()))
        .max()
        .unwrap_or(0);
    before[from..].to_lowercase()
}

/// The cue before a list of names that makes them scholars.
fn cued(text: &str, from: usize) -> bool {
    let sentence = sentence_before(text, from);
    let lead = sentence.trim_end();
    let ends_with = |cue: &str| {
        lead.ends_with(cue)
            && !lead[..lead.len() - cue.len()].ends_with(|c: char| c.is_alphanumeric())
    };
    if WORK_OF.iter().any(|c| ends_with(c)) {
        return true;
    }
    let Some(cue) = MADE_BY.iter().find(|c| ends_with(c)) else {
        return false;
    };
    let made = &lead[..lead.len() - cue.len()];
    made.split(|c: char| !c.is_alphanumeric())
        .any(|w| MADE.contains(&w))
}

/// After the names: an eponymous tool's title ("Family Model").
fn eponym_title(after: &str) -> bool {
    let mut rest = after;
    for _ in 0..3 {
        let Some(r) = rest.strip_prefix(' ') else {
            return false;
        };
        let w = first_word(r);
        if !w.starts_with(char::is_uppercase) {
            return false;
        }
        if EPONYM_HEADS.contains(&w) {
            return true;
        }
        rest = &r[w.len()..];
    }
    false
}

/// True when the name `text[start..end]` is a scholar's in one of the
/// shapes above.
fn scholar(text: &str, start: usize, end: usize) -> bool {
    let (from, to, names) = name_run(text, start, end);
    if cued(text, from) {
        return true;
    }
    let last = last_word(&text[..to]).1;
    let after = &text[to..];
    if eponym_title(after) {
        return true;
    }
    if !possessive(last) {
        return false;
    }
    let next = first_word(after.trim_start_matches(' '));
    (names >= 2 && WORK_NOUNS.contains(&next))
        || (names >= 3 && after.starts_with([' ']) && after[1..].starts_with(['"', '“', '\'']))
}

/// A reference's imprint, "Place: Publisher." after a year in brackets on
/// the line ("(2024) *Annual report*. Cambridge: IWF."): the place and the
/// publisher are no one of the case.
pub(in crate::gate::names) fn imprint(text: &str, start: usize, end: usize) -> bool {
    let (line_start, line_end) = super::super::near::line_around(text, start, end);
    // A reference list wrapped at a fixed width: the entry began on an
    // earlier line of its paragraph ("… Rewriting the Rules.*\nAbingdon:
    // Routledge.").
    let window = crate::source::floor_char_boundary(text, line_start.saturating_sub(300));
    let entry_start = text[window..line_start]
        .rfind("\n\n")
        .map_or(window, |k| window + k + 2);
    let joined;
    let before = if entry_start < line_start {
        joined = text[entry_start..start].replace('\n', " ");
        joined.as_str()
    } else {
        &text[line_start..start]
    };
    let dated = before.match_indices('(').any(|(i, _)| {
        let y = &before.as_bytes()[i + 1..];
        y.len() >= 5
            && (y.starts_with(b"19") || y.starts_with(b"20"))
            && y[..4].iter().all(u8::is_ascii_digit)
            && matches!(y[4], b')' | b'a'..=b'z')
    });
    // An edited book's or an emphasised title's entry has no year in
    // brackets before its imprint ("In: Howarth, J. (ed.) *Title*.
    // London: …").
    let dated = dated || before.contains(" (ed") || before.contains("*. ");
    if !dated || !before.contains(". ") {
        return false;
    }
    let after = &text[end..line_end];
    // The place: "Cambridge: IWF." with a capital after the colon.
    let place = after
        .strip_prefix(": ")
        .is_some_and(|r| r.starts_with(char::is_uppercase));
    // The publisher: after "Place: ", closing the entry.
    let publisher = before.strip_suffix(": ").is_some_and(|b| {
        let w = b.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        w.starts_with(char::is_uppercase)
    }) && (after.is_empty() || after.starts_with(['.', ',', ';']));
    place || publisher
}

/// Drops the person-name spans of scholars named in these shapes, and
/// the place of a reference's imprint ("Barkingside: Barnardo's."). A
/// title's name ("Dr Munro developed by") and a relative's stay.
pub(super) fn drop_scholars(text: &str, spans: &mut Vec<Span>) {
    spans.retain(|s| {
        if s.rule == Rule::Place {
            return !imprint(text, s.start, s.end);
        }
        s.rule.kind() != Kind::PersonName
            || matches!(
                s.rule,
                Rule::Title
                    | Rule::Relation
                    | Rule::Lower
                    | Rule::LowerTitle
                    | Rule::Initials
                    | Rule::SignOff
            )
            || !(scholar(text, s.start, s.end) || imprint(text, s.start, s.end))
    });
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn scholars_named_without_a_year_pass() {
        for t in [
            "The 5x5 grid, developed by Pettigrew and Lindqvist, frames each visit.",
            "Our mentoring scheme uses the learning cycle associated with Honeyford.",
            "The session draws on the ideas of Quarrie and Marwick about holding.",
            "It builds on the work of Abernethy, Lindqvist and Honeyford on neglect.",
            "Managers compare Abernethy, Lindqvist and Honeyford's findings with ours.",
            "We read Pettigrew's and Marwick's work side by side.",
            "Adult teams use the Honeyford Family Model in supervision.",
            "| Wellbeing wheel | the scale devised by Quarrie and Pettigrew | nurses |",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
        // The same names without a scholar's cue are found.
        let plain =
            found("Pettigrew, Lindqvist and Honeyford were at the flat; Quarrie and Marwick left.");
        for n in ["Pettigrew", "Lindqvist", "Honeyford", "Quarrie", "Marwick"] {
            assert!(plain.contains(&n), "{n}: {plain:?}");
        }
    }

    #[test]
    fn a_references_imprint_passes() {
        let t = "Orr Trust (2021) *Annual review*. Dunfermline: OTR.\nNHS Lothian (2019) *Guide*. Edinburgh: NHSL.\nBarnardo's (2019) *Hotel Watch*. Barkingside: Barnardo's.\nInformation Commissioner's Office (2021) *Data Sharing*. Wilmslow: ICO.\n\nFirmin, C. (2020) *Contextual Safeguarding and Child Protection:\nRewriting the Rules.* Abingdon: Routledge.\nBroadhurst, K. (2019) *Fathers' Repeat Appearance in Care Proceedings.*\nLancaster: Centre for Child and Family Justice Research.";
        assert!(
            found(t).iter().all(|n| ![
                "Dunfermline",
                "OTR",
                "NHSL",
                "Barkingside",
                "Wilmslow",
                "Abingdon",
                "Lancaster"
            ]
            .contains(n)),
            "{:?}",
            found(t)
        );
        // Not after a year in brackets: a person at a place.
        assert!(
            found("Kayden moved. Dunfermline: Kayden stayed with Mrs Orr.").contains(&"Kayden")
        );
    }

    #[test]
    fn family_members_in_like_shapes_are_found() {
        assert!(
            found("A safety plan developed by Kerry-Ann and Ms Tulloch was agreed.")
                .contains(&"Kerry-Ann")
        );
        assert!(
            found("The bruise described by Lacey Dunmore was on his arm.")
                .contains(&"Lacey Dunmore")
        );
        assert!(
            found("Mum says Tyler and Kacper's fight started over a phone.").contains(&"Kacper's")
        );
        assert!(
            found("The plan associated with Farzana Azizi was read to her.")
                .contains(&"Farzana Azizi")
        );
    }
}
