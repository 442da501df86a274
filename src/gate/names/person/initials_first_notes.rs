//! Notes and reference lists that put the initials first: "⁴ D. Mandel,
//! *Safe and Together* (Canton, CT, 2014).", "2. J. Paulson and S.
//! Bazemore, "Title", *JAMA* 303 (2010)". The citation pass reads
//! "Surname, I." entries; these name the same published work the other
//! way round. An entry that opens with initials-first authors, then a
//! work's title in italics or quotes, then a year or a publisher's
//! "(Place: Press" is a citation, and every name in it — authors, the
//! journal, the publisher — is public. A case note's "1. J. Smith said
//! 'no'" names no work with a year and keeps its name.

use std::sync::OnceLock;

use regex::Regex;

use super::Span;

/// How far an entry may run: a note wraps over two or three lines.
const REACH: usize = 600;

fn entry_head() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let surname =
            r"(?:(?i:van|von|de|der|den|du|da|di|le|la)\s+)*\p{Lu}[\p{L}'’]*(?:-\p{Lu}[\p{L}'’]*)*";
        let author = format!(r"(?:\p{{Lu}}\.(?:-\p{{Lu}}\.)?\s?){{1,3}}\s*{surname}");
        let sep = r"(?:,\s+|,?\s+and\s+|,?\s+&\s+)";
        Regex::new(&format!(
            r#"^(?:\*\*|\*|_)?{author}(?:{sep}{author}){{0,12}}(?:,?\s+et\s+al\.?)?(?:\s*\(eds?\.?\))?(?:[,.:]|\s*\((?P<year>(?:1[89]\d\d|20\d\d)[a-z]?|n\.d\.)\)[,.:]?)\s+(?:\*|_|"|“|‘|')"#
        ))
        .expect("note entry pattern compiles")
    })
}

fn year_or_imprint() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\b(?:1[89]\d\d|20\d\d)\b|\(\p{Lu}[\p{L} .,]*:\s*\p{Lu}")
            .expect("year pattern compiles")
    })
}

/// The note marker that opens a line, and where the entry after it starts:
/// "⁴ ", "12. ", "[7] ", "[^3]: ", "- ".
fn after_marker(line: &str) -> Option<usize> {
    let trimmed = line.trim_start();
    let lead = line.len() - trimmed.len();
    let sup = trimmed
        .char_indices()
        .take_while(|(_, c)| matches!(c, '⁰' | '¹' | '²' | '³' | '⁴' | '⁵' | '⁶' | '⁷' | '⁸' | '⁹'))
        .last()
        .map(|(i, c)| i + c.len_utf8());
    let marker = if let Some(n) = sup {
        n
    } else if let Some(rest) = trimmed.strip_prefix("[^") {
        rest.find("]:").filter(|&i| i <= 12).map(|i| i + 4)?
    } else if let Some(rest) = trimmed.strip_prefix('[') {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        (digits > 0 && digits <= 3 && rest[digits..].starts_with(']')).then_some(digits + 2)?
    } else if trimmed.starts_with(['-', '+']) {
        1
    } else {
        // A superscript the text's normalising folded to a digit ("¹ D.
        // Mandel" reads "1 D. Mandel") has no stop after it.
        let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
        let stop = usize::from(trimmed[digits..].starts_with(['.', ')']));
        (digits > 0 && digits <= 3 && (stop == 1 || trimmed[digits..].starts_with(' ')))
            .then_some(digits + stop)?
    };
    let rest = &trimmed[marker..];
    (rest.starts_with([' ', '\t']) || sup.is_some())
        .then(|| lead + marker + (rest.len() - rest.trim_start().len()))
}

/// The entry around byte `at`: from the line that opens it (a note
/// marker, or the line after a blank one) to the line before the next
/// marker or blank line. `None` when it would run past the reach.
fn entry_around(text: &str, at: usize) -> Option<(usize, usize)> {
    let mut line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let start = loop {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        let line = &text[line_start..line_end];
        if let Some(m) = after_marker(line) {
            break line_start + m;
        }
        if line_start == 0 {
            break line_start + (line.len() - line.trim_start().len());
        }
        let prev_start = text[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
        if text[prev_start..line_start].trim().is_empty() || at - prev_start > REACH {
            break line_start + (line.len() - line.trim_start().len());
        }
        line_start = prev_start;
    };
    let mut end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    while end < text.len() && end - start < REACH {
        let next_end = text[end + 1..]
            .find('\n')
            .map_or(text.len(), |i| end + 1 + i);
        let next = &text[end + 1..next_end];
        if next.trim().is_empty() || after_marker(next).is_some() {
            break;
        }
        end = next_end;
    }
    (end - start <= REACH).then_some((start, end))
}

fn is_note_entry(entry: &str) -> bool {
    entry_head().captures(entry).is_some_and(|c| {
        // The year in brackets after the authors ("S. Holland (2011)
        // *Title*"), or, after the title, the year or the imprint.
        let m = c.get(0).expect("match");
        c.name("year").is_some() || year_or_imprint().is_match(&entry[m.end()..])
    })
}

/// Drops every person-name span inside an initials-first note entry.
pub(super) fn drop_initials_first_notes(text: &str, spans: &mut Vec<Span>) {
    let mut seen: Vec<(usize, usize, bool)> = Vec::new();
    spans.retain(|s| {
        if let Some(&(_, _, yes)) = seen.iter().find(|e| e.0 <= s.start && s.end <= e.1) {
            return !yes;
        }
        let Some((start, end)) = entry_around(text, s.start) else {
            return true;
        };
        // Only an entry that opens with initials: a cheap look before the
        // pattern, as most spans sit in prose.
        let opens = text[start..]
            .trim_start_matches(['*', '_'])
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
            && text[start..].trim_start_matches(['*', '_']).chars().nth(1) == Some('.');
        let yes = opens && s.end <= end && is_note_entry(&text[start..end]);
        seen.push((start, end, yes));
        !yes
    });
}

#[cfg(test)]
mod tests {
    use super::super::names_found as found;

    #[test]
    fn initials_first_entries_are_citations() {
        for t in [
            "Notes\n\n³ P. Okonjo, *Fathers at the Margins* (Leeds, 2017).\n",
            "12. W. Haldane and R. K. Fenwick, \"Silent homes: neglect\nin rural Wales\", *Child Abuse Review* 9 (2003), 12–20.\n",
            "[2] T. Vossberg, C. Amadi & J. Lindqvist, *Listening Well*\n(Cardiff: Hearth Press).\n",
            "- M.-L. Dorrance et al., ‘Night-time calls’, *BMJ Open* 4 (2019).\n",
            "- T. Okafor and B. Lindqvist (2015) *Quiet Harms*. Leeds: Hearth.\n",
        ] {
            assert!(found(t).is_empty(), "{t:?}: {:?}", found(t));
        }
    }

    #[test]
    fn a_numbered_case_note_keeps_its_names() {
        for (t, n) in [
            (
                "1. J. Strachan said \"I'll be back\" and left.\n",
                "Strachan",
            ),
            (
                "2. K. Moffat, aged 9, *wears* a cast since 2019.\n",
                "Moffat",
            ),
            ("Seen: D. Kinnaird, \"tired\" at the visit.\n", "Kinnaird"),
        ] {
            assert!(
                found(t).iter().any(|f| f.contains(n)),
                "{t:?}: {:?}",
                found(t)
            );
        }
    }
}
