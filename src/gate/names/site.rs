//! A named industrial estate or business park ("Deans Industrial Estate",
//! "Riverside Business Park") is where someone works or lives: an
//! address, whatever words its name is made of. The kind of site alone
//! ("the industrial estate", "a retail park") names nothing.

use super::class::{lc_of, Tok};

/// The word before "Estate" or "Park" that makes it a kind of site.
const SITE_KINDS: &[&str] = &["industrial", "trading", "business", "retail", "enterprise"];

/// True when the street suffix at `i` ("Estate", "Park") closes a named
/// site whose name runs from `j`: a kind word at `i - 1` and a name before
/// it.
pub(super) fn named_site(text: &str, toks: &[Tok], j: usize, i: usize) -> bool {
    let mut buf = String::new();
    if !matches!(lc_of(text, &toks[i].t, &mut buf), "estate" | "park") || i < j + 2 {
        return false;
    }
    SITE_KINDS.contains(&lc_of(text, &toks[i - 1].t, &mut buf))
        && toks[j..i - 1].iter().all(|n| !n.role)
}

/// "Citizens Advice Glenmorie (Ward Road)": a street in brackets right
/// after a capitalised name is that place's address, even when its name
/// is a word of a role ("Ward") that keeps "Ward Road" alone undecided.
pub(super) fn bracketed_after_a_name(text: &str, start: usize, end: usize) -> bool {
    let Some(before) = text[..start].strip_suffix('(') else {
        return false;
    };
    let before = before.trim_end_matches(' ');
    let last = before
        .rsplit(|c: char| !(c.is_alphabetic() || matches!(c, '\'' | '’' | '-')))
        .next()
        .unwrap_or("");
    text[end..].starts_with(')')
        && before.len() > last.len()
        && last.starts_with(char::is_uppercase)
        && !before[..before.len() - last.len()].ends_with(['\n', '|'])
}
