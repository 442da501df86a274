//! A day and month written with a dot and no year ("back 20.08",
//! "incident 28.10", a diary's "**22.04**" heading, "| 23.3 |" in an
//! action tracker's column of dates). The same shape is a decimal, a
//! section number or a time ("at 23.05"), so it counts as a date only
//! after a word that says a date follows, or standing alone in a heading
//! or a table cell with a day that no section or hour numbers (13 to 31).

use crate::findings::Kind;
use crate::gate::Hit;

const MESSAGE: &str = "This looks like a day and month (day and month with a dot), which with other details can identify a child; give the month and year at most.";

/// Words right before the number that say a date follows.
const DATE_CUES: &[&str] = &[
    "back",
    "incident",
    "dated",
    "due",
    "returned",
    "discharged",
    "deadline",
    "seen",
    "visited",
    "born",
    "dob",
    "d.o.b",
    "w/c",
];

/// Words before a date as often as before a section ("on 2.1", "by 4.3"):
/// enough only with a day that no section numbers.
const WEAK_CUES: &[&str] = &[
    "on",
    "by",
    "since",
    "date",
    "from",
    // What a note records doing on a day, or at a time ("rang 10.05"):
    // a day past any hour's number only.
    "rang",
    "phoned",
    "called",
    "emailed",
    "texted",
    "consented",
    "referred",
];

/// Adds each dotted day and month that its place makes a date and no hit
/// in `hits[from..]` holds.
pub(super) fn find(
    text: &str,
    digit_bits: &super::util::Digits<'_>,
    hits: &mut Vec<Hit>,
    from: usize,
) {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(d) = digit_bits.next(i) {
        let start = d;
        let day_len = bytes[d..].iter().take_while(|b| b.is_ascii_digit()).count();
        i = d + day_len;
        if day_len > 2 || bytes.get(i) != Some(&b'.') {
            continue;
        }
        let month_len = bytes[i + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let end = i + 1 + month_len;
        i = end;
        if !(1..=2).contains(&month_len) {
            continue;
        }
        let edge_before = start == 0
            || !(bytes[start - 1].is_ascii_alphanumeric()
                || b".,/\\-:#".contains(&bytes[start - 1])
                || text[..start].ends_with(['£', '$', '€']));
        let after = &text[end..];
        // Not glued to a word, a percentage or a third number group.
        let continues = after.starts_with(['.', ',', '/', ':'])
            && after[1..].starts_with(|c: char| c.is_ascii_digit());
        let edge_after =
            !after.starts_with(|c: char| c.is_alphanumeric() || c == '%') && !continues;
        if !edge_before || !edge_after {
            continue;
        }
        let day: u32 = text[start..start + day_len].parse().unwrap_or(0);
        let month: u32 = text[start + day_len + 1..end].parse().unwrap_or(0);
        if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
            continue;
        }
        let unit_after = after
            .trim_start_matches(' ')
            .split(|c: char| !c.is_alphabetic())
            .next()
            .is_some_and(|w| {
                matches!(
                    w.to_ascii_lowercase().as_str(),
                    "am" | "pm"
                        | "kg"
                        | "g"
                        | "cm"
                        | "mm"
                        | "m"
                        | "km"
                        | "hrs"
                        | "h"
                        | "hours"
                        | "miles"
                        | "ml"
                        | "l"
                        | "percent"
                        | "per"
                        | "points"
                        | "mmol"
                )
            });
        if unit_after {
            continue;
        }
        let word_before = text[..start]
            .trim_end_matches(' ')
            .rsplit(|c: char| c.is_whitespace() || c == '(')
            .next()
            .unwrap_or("");
        let is = |list: &[&str]| list.iter().any(|c| word_before.eq_ignore_ascii_case(c));
        let cued = is(DATE_CUES) || (is(WEAK_CUES) && day >= 13);
        let line_start = text[..start].rfind('\n').map_or(0, |k| k + 1);
        let line_end = text[end..].find('\n').map_or(text.len(), |k| end + k);
        let lead = text[line_start..start].trim_start_matches(['*', '#', '>', ' ', '_']);
        let tail = text[end..line_end].trim_start_matches(['*', '_']);
        let heading = lead.is_empty()
            && (tail.trim().is_empty() || tail.starts_with(" —") || tail.starts_with(" –"));
        // A table of figures ("| 18.2 | 16.9 | 20.5 |") is no column of
        // dates: a date's cell has no decimal beside it.
        let cell = text[line_start..start].trim_end_matches(' ').ends_with('|')
            && tail.trim_start_matches(' ').starts_with('|')
            && text[line_start..line_end]
                .split('|')
                .filter(|c| {
                    let c = c.trim();
                    c.contains('.') && c.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                })
                .count()
                == 1;
        // A day and then a clock time ("**14.8 14:00** —"): a log's
        // timestamp; no section or decimal is followed by an hour.
        let timed = lead.is_empty() && {
            let t = tail.trim_start_matches(' ').as_bytes();
            let hour = t.iter().take_while(|b| b.is_ascii_digit()).count();
            (1..=2).contains(&hour)
                && t.get(hour) == Some(&b':')
                && t.len() >= hour + 3
                && t[hour + 1..hour + 3].iter().all(u8::is_ascii_digit)
                && tail.len() > tail.trim_start_matches(' ').len()
        };
        if cued || timed || ((heading || cell) && day >= 13) {
            found.push((start, end));
        }
    }
    super::util::push_uncovered(hits, from, found, |s, e| {
        Hit::new(s, e, Kind::Date, "dotted-day", MESSAGE).uncertain()
    });
}

#[cfg(test)]
mod tests {
    use super::find;

    fn found(text: &str) -> Vec<&str> {
        super::super::texts_found(
            |text, hits| find(text, &super::super::util::Digits::of(text), hits, 0),
            text,
        )
    }

    #[test]
    fn a_dotted_day_and_month_where_a_date_stands_is_found() {
        assert_eq!(
            found("sorry we in Poland holiday back 20.08\" Rebooked."),
            ["20.08"]
        );
        assert_eq!(found("Subject: Omar A-K P4 — incident 28.10\n"), ["28.10"]);
        assert_eq!(found("**22.04**\nToday I was sad."), ["22.04"]);
        assert_eq!(found("23.05 — I am sorry my English."), ["23.05"]);
        assert_eq!(found("| 5 | Book interpreter | SD | 23.3 |"), ["23.3"]);
        assert_eq!(
            found("Luca discharged 18.07 to a foster placement"),
            ["18.07"]
        );
        assert_eq!(
            found("Mrs Dalgarno rang 24.07 asking about Aarav"),
            ["24.07"]
        );
        assert_eq!(found("**3.9 09:15** — Dad rang the office."), ["3.9"]);
        assert_eq!(found("7.11 16:40 van returned"), ["7.11"]);
    }

    #[test]
    fn decimals_sections_and_times_are_not() {
        for text in [
            "See section 4.2 and paragraph 13.4 of the guidance.",
            "| 1.1 | Recommendation one | Lead | Green |",
            "Weight 14.08 kg at the visit.",
            "She rang at 23.05 and again at 23.40.",
            "Mum phoned 10.05, no answer.",
            "The rate rose to 18.07% in 2024.",
            "£20.08 was owed; 3.14.15 is a version.",
            "**4.2 Findings**",
            "| IRDs per 1,000 | 18.2 | 16.9 | 20.5 |",
            "**Commentary on 2.1 (Red).** Delayed.",
            "Table 4.2 14:00 figures",
            "4.2 14 of the children were seen.",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
