//! A local office or small service named by its place, which the public
//! words in its name would otherwise pass as a public body: an office with
//! its district in brackets ("Edinburgh Social Work Centre (North West)"),
//! a team of an area cut by a compass point ("Fife-East Children's
//! Services Duty"), and a service whose kind is ordinary words between the
//! place and "Service" ("Edinburgh Volunteer Wellbeing Service"). Each
//! points at the part of an area a family lives in or the small service it
//! uses. A council's whole service ("Fife Children's Services", "Highland
//! Social Work Service") keeps passing: its kind words are public ones.

use super::lexicon::Lexicon;

const COMPASS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "central",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
];

/// Whom a council's own services serve, which the public words' list
/// holds only in other forms ("Children's").
const PUBLIC_KINDS: &[&str] = &[
    "children",
    "adult",
    "adults",
    "education",
    "educational",
    "housing",
    "justice",
    "family",
    "families",
    "community",
    "psychology",
    "mental",
    "sexual",
    "dental",
    "maternity",
    "midwifery",
];

/// " (North West)" or " (East)" right after the run.
fn district_after(text: &str, end: usize) -> bool {
    let Some(rest) = text[end..].strip_prefix(" (") else {
        return false;
    };
    let Some(close) = rest.find(')') else {
        return false;
    };
    let inside = &rest[..close];
    !inside.is_empty()
        && inside.split(' ').count() <= 2
        && inside
            .split(' ')
            .all(|w| COMPASS.contains(&w.to_lowercase().as_str()))
}

/// "Fife-East", "Glasgow-North": an area and a compass point joined.
fn divided_area(lc: &str, is_place: &dyn Fn(&str) -> bool) -> bool {
    lc.split_once('-').is_some_and(|(a, b)| {
        (is_place(a) && COMPASS.contains(&b)) || (COMPASS.contains(&a) && is_place(b))
    })
}

/// The span of a local service in the run `words` (lower-cased in `lcs`),
/// whose first or last word names a place by `is_place`; `public` says
/// whether a word is one of the public sector's.
pub(super) fn local_service(
    text: &str,
    lex: &Lexicon,
    words: &[(usize, usize)],
    lcs: &[String],
    is_place: &dyn Fn(&str) -> bool,
    public: &dyn Fn(&str) -> bool,
) -> Option<(usize, usize)> {
    service_run(text, words, lcs, is_place, public).or_else(|| {
        // "Phoned Fife-East Children's Services Duty": a sentence's first
        // word, an ordinary one, before the name.
        (words.len() > 3 && lex.words.contains(lcs[0].as_str()) && !is_place(&lcs[0]))
            .then(|| service_run(text, &words[1..], &lcs[1..], is_place, public))
            .flatten()
    })
}

fn service_run(
    text: &str,
    words: &[(usize, usize)],
    lcs: &[String],
    is_place: &dyn Fn(&str) -> bool,
    public: &dyn Fn(&str) -> bool,
) -> Option<(usize, usize)> {
    let n = words.len();
    if n < 3 {
        return None;
    }
    let (start, end) = (words[0].0, words[n - 1].1);
    let line_start = text[..start].rfind('\n').map_or(0, |p| p + 1);
    if text[line_start..start].trim_start().starts_with('#') {
        return None;
    }
    let (first, last) = (lcs[0].as_str(), lcs[n - 1].as_str());
    let placed = is_place(first) || is_place(last);
    if placed && lcs.iter().any(|w| public(w)) && district_after(text, end) {
        return Some((start, end));
    }
    if divided_area(first, is_place) && lcs[1..].iter().any(|w| public(w)) {
        return Some((start, end));
    }
    if is_place(first)
        && matches!(last, "service" | "services")
        && lcs[1..n - 1].iter().all(|w| {
            !public(w)
                && !PUBLIC_KINDS.contains(&w.as_str())
                && !is_place(w)
                && !COMPASS.contains(&w.as_str())
        })
    {
        return Some((start, end));
    }
    None
}
