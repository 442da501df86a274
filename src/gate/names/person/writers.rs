//! Authors named the way a talk or a practice guide names them, without a
//! citation's brackets round a year:
//! - in brackets right after a model's emphasised title ("**Signs of
//!   Safety** (Turnell and Edwards)", "*Beyond Blame* (Reder)"): the
//!   people behind the model;
//! - before a verb of writing, a pronoun and a year ("Lord Laming
//!   described them in 2003", "Eileen Munro wrote this in 2011"): what
//!   someone wrote in a year is a publication.
//!
//! A family member in brackets after plain words ("the uncle (Tyler
//! Reid)") or doing something in a year ("Tyler moved in 2019") keeps the
//! name.

use super::{Kind, Rule, Span};

/// Titles a public author is known by ("Lord Laming", "Professor Munro").
const AUTHOR_TITLES: &[&str] = &[
    "Lord ",
    "Lady ",
    "Baroness ",
    "Baron ",
    "Professor ",
    "Prof ",
];

/// Verbs of writing or finding, in the past.
const WROTE: &[&str] = &[
    "described",
    "wrote",
    "argued",
    "showed",
    "found",
    "identified",
    "named",
    "called",
    "reported",
    "observed",
    "noted",
    "concluded",
    "set",
    "laid",
];

const OBJECTS: &[&str] = &["them", "it", "this", "these", "that", "those"];

fn is_name_char(c: char) -> bool {
    c.is_alphabetic() || matches!(c, '-' | '\'' | '’')
}

/// The bracket holding the span closes right after a list of capitalised
/// names, and opens right after an emphasised title ("** (", "* (").
fn bracketed_after_title(text: &str, start: usize, end: usize) -> bool {
    let before = &text[..start];
    let Some(open) = before.rfind('(') else {
        return false;
    };
    let Some(close) = text[end..].find(')').map(|k| end + k) else {
        return false;
    };
    let inside = &text[open + 1..close];
    if inside.len() > 80 || inside.contains(['\n', '(']) {
        return false;
    }
    let names_only = inside
        .split([',', '&', ' '])
        .filter(|w| !w.is_empty() && *w != "and")
        .all(|w| w.starts_with(char::is_uppercase) && w.chars().all(is_name_char));
    let lead = before[..open].trim_end_matches(' ');
    names_only && (lead.ends_with("**") || lead.ends_with('*') || lead.ends_with('_'))
}

/// After the span: " described them in 2003".
fn wrote_in_a_year(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let rest = &rest[..rest.char_indices().nth(60).map_or(rest.len(), |(k, _)| k)];
    let mut words = rest.split(' ').skip_while(|w| w.is_empty());
    let (Some(verb), Some(object), Some(mut prep)) = (words.next(), words.next(), words.next())
    else {
        return false;
    };
    // "set it out in 2003", "laid them out in 2010".
    if prep == "out" {
        prep = words.next().unwrap_or("");
    }
    let Some(year) = words.next() else {
        return false;
    };
    let year = year.trim_end_matches(['.', ',', ';', ':']);
    WROTE.contains(&verb)
        && OBJECTS.contains(&object)
        && prep == "in"
        && year.len() == 4
        && (year.starts_with("19") || year.starts_with("20"))
        && year.bytes().all(|b| b.is_ascii_digit())
}

/// Drops the person-name spans of authors named in these shapes. A title
/// keeps its name unless it is one authors are known by.
pub(super) fn drop_writers(text: &str, spans: &mut Vec<Span>) {
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
        if s.rule == Rule::Title && !AUTHOR_TITLES.iter().any(|t| raw.starts_with(t)) {
            return true;
        }
        !(bracketed_after_title(text, s.start, s.end) || wrote_in_a_year(text, s.end))
    });
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn authors_after_a_title_or_before_a_year_pass() {
        for t in [
            "| **Safe Homes** (Pettigrew and Lindqvist) | Mapping risk | Used since 2019 |",
            "We still use *Holding On* (Quarrie, Marwick & Honeyford) in supervision.",
            "Lady Abernethy described them in 1998. Morag Quarrie wrote this in 2014.",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
        for (t, n) in [
            ("The uncle (Tyler Pettigrew) was at the flat.", "Pettigrew"),
            ("Morag Quarrie moved in 2014 to the flat.", "Morag Quarrie"),
            (
                "Mr Marwick described them in 2019 to the nurse.",
                "Mr Marwick",
            ),
        ] {
            assert!(
                found(t).iter().any(|f| f.contains(n)),
                "{t}: {:?}",
                found(t)
            );
        }
    }
}
