//! Day-precision dates in every common English form: numeric (`03/06/2021`,
//! `3.6.21`), ISO (`2022-09-15`, `2022-09-15T10:00`), day and month name in
//! either order (`14 March 2022`, `March 14, 2022`, `12-Jan-2023`, `Sept
//! 3rd`), ordinals (`the 3rd of June`), weekdays (`Wed 4 May`, `on Tuesday
//! the 14th`) and day and month without a year.
//!
//! What must pass: month and year (`March 2023`, `2026-09`, `09/2026`),
//! academic and financial years (`2021/22`), year ranges, times, "may" and
//! "march" as verbs, numbered paragraphs, and Edinburgh flat numbers
//! (`27/3 Bellfield Wynd`), so a bare `D/M` counts only after "on" or a
//! weekday.

use regex::Regex;

use super::util::{
    char_after, char_before, eq_any, month_number, next_word, num, starts_word, valid_day_month,
    words_before,
};
use crate::findings::Kind;
use crate::gate::{Detector, Hit, PreparedText};

pub struct Date {
    re: Regex,
}

const MESSAGE: &str =
    "This looks like a day-precision date, which with the review's other details can identify the child or family; month and year are enough.";

/// Words that may follow a date without a year in a sentence, as opposed to
/// a noun that shows the number was a count ("In June 14 referrals…").
const CONTINUATION: &[&str] = &[
    "at",
    "when",
    "and",
    "but",
    "after",
    "before",
    "as",
    "with",
    "in",
    "the",
    "a",
    "an",
    "he",
    "she",
    "they",
    "it",
    "was",
    "were",
    "this",
    "that",
    "to",
    "by",
    "for",
    "from",
    "until",
    "because",
    "while",
    "during",
    "there",
    "which",
    "where",
    "his",
    "her",
    "their",
    "following",
    "then",
    "or",
    "so",
    "also",
    "we",
    "i",
    "on",
    "about",
    "around",
];

/// Words before a dotted or short-year number that make it a numbered
/// paragraph, section or version rather than a date (`paragraph 3.2.14`).
const NUMBERING_WORDS: &[&str] = &[
    "paragraph",
    "paragraphs",
    "para",
    "paras",
    "section",
    "sections",
    "s",
    "ss",
    "chapter",
    "chapters",
    "part",
    "parts",
    "table",
    "tables",
    "figure",
    "figures",
    "fig",
    "version",
    "versions",
    "v",
    "ver",
    "release",
    "appendix",
    "annex",
    "standard",
    "standards",
    "step",
    "steps",
    "rule",
    "rules",
    "article",
    "clause",
    "regulation",
    "schedule",
    "page",
    "pages",
    "pp",
    "p",
    "recommendation",
    "recommendations",
    "indicator",
    "item",
    "items",
    "point",
    "points",
    "outcome",
    "outcomes",
    "strategy",
    "level",
    "stage",
    "build",
    "no",
    "number",
    "ip",
];

impl Date {
    pub fn new() -> Date {
        let month = |g: &str| {
            format!(
                r"(?P<{g}>(?i:january|february|april|june|july|august|september|october|november|december|sept|jan|feb|apr|jun|jul|aug|sep|oct|nov|dec)|March|MARCH|May|MAY|Mar|MAR)(?-u:\b)\.?"
            )
        };
        // After a weekday and a day ("friday 2 may", "tue 13 march") a
        // month in lower case is no verb: notes typed without capitals
        // write it so.
        let month_any = |g: &str| {
            format!(
                r"(?P<{g}>(?i:january|february|march|april|may|june|july|august|september|october|november|december|sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec))(?-u:\b)\.?"
            )
        };
        let weekday = |g: &str| {
            format!(
                r"(?P<{g}>(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|Mon|Tues|Tue|Wed|Weds|Thurs|Thur|Thu|Fri|Sat|Sun|MON|TUE|WED|THU|FRI|SAT|SUN|mon|tues|tue|wed|weds|thurs|thur|thu|fri|sat|sun)(?-u:\b)\.?"
            )
        };
        let sp = r"[ \u{a0}]+";
        let ord = r"(?:st|nd|rd|th)";
        let range = r"[ \u{a0}]*(?:-|–|—|to|and|&)[ \u{a0}]*";
        let alternatives = [
            // Weekday then numeric day/month: "Tuesday 14/03".
            format!(
                r"{wd}[,]?{sp}(?P<wdn_d>[0-9]{{1,2}})[/.](?P<wdn_m>[0-9]{{1,2}})(?:[/.](?P<wdn_y>[0-9]{{2}}|[0-9]{{4}}))?(?-u:\b)",
                wd = weekday("wdn")
            ),
            // Weekday, maybe a part of it, then the day in brackets:
            // "Saturday night (18th)", "Friday (the 3rd)".
            format!(
                r"{wd}(?:{sp}(?i:night|morning|afternoon|evening|lunchtime))?,?[ \u{{a0}}]*\([ \u{{a0}}]*(?:the{sp})?(?P<wdb_d>[0-9]{{1,2}})(?P<wdb_o>{ord})?[ \u{{a0}}]*\)",
                wd = weekday("wdb")
            ),
            // Weekday then month then day: "Tuesday, March 14".
            format!(
                r"{wd}[,]?{sp}{m}{sp}(?P<wdm_d>[0-9]{{1,2}}){ord}?(?-u:\b)(?:,?{sp}(?P<wdm_y>[0-9]{{4}})(?-u:\b))?",
                wd = weekday("wdm"),
                m = month("wdm_m")
            ),
            // Weekday then day, maybe month: "Wed 4 May", "Tuesday the 14th".
            format!(
                r"{wd}[,]?{sp}(?:the{sp})?(?P<wd_d>[0-9]{{1,2}})(?P<wd_o>{ord})?(?-u:\b)(?:(?:{sp}of)?{sp}{m}(?:,?{sp}(?P<wd_y>[0-9]{{4}})(?-u:\b))?)?",
                wd = weekday("wd"),
                m = month_any("wd_m")
            ),
            // "on the 14th", maybe "of March 2021".
            format!(
                r"(?P<onthe>(?i:on)){sp}the{sp}(?P<onthe_d>[0-9]{{1,2}}){ord}(?-u:\b)(?:(?:{sp}of)?{sp}{m}(?:,?{sp}(?P<onthe_y>[0-9]{{4}})(?-u:\b))?)?",
                m = month("onthe_m")
            ),
            // "on 14/3", maybe with a year.
            format!(
                r"(?P<on>(?i:on)){sp}(?P<on_d>[0-9]{{1,2}})(?P<on_s>[/.])(?P<on_m>[0-9]{{1,2}})(?:[/.](?P<on_y>[0-9]{{2}}|[0-9]{{4}}))?(?-u:\b)",
            ),
            // Day then month: "14 March 2022", "3rd of June", "12-Jan-2023", "14–16 March".
            format!(
                r"(?:[0-9]{{1,2}}{ord}?{range})?(?P<dm_d>[0-9]{{1,2}}){ord}?(?-u:\b)(?:{sp}of)?[ \u{{a0}}\-]+{m}(?:,?[ \u{{a0}}\-]+(?P<dm_y>[0-9]{{4}}|'?[0-9]{{2}})(?-u:\b))?",
                m = month("dm_m")
            ),
            // Month then day: "March 14, 2023", "Sept 3rd", "March 14–16".
            format!(
                r"{m}{sp}(?:the{sp})?(?P<md_d>[0-9]{{1,2}})(?P<md_o>{ord})?(?-u:\b)(?:{range}[0-9]{{1,2}}{ord}?(?-u:\b))?(?:,?{sp}(?P<md_y>[0-9]{{4}})(?-u:\b))?",
                m = month("md_m")
            ),
            // Named days: "Christmas Day 2021", "on Hogmanay".
            format!(
                r"(?P<hol>(?:Christmas|Boxing|New{sp}Year['’]s|St{sp}Andrew['’]s|Burns|Bonfire|Valentine['’]s){sp}(?:Day|Eve|Night)|Hogmanay|Halloween)(?-u:\b)(?:,?{sp}(?P<hol_y>[0-9]{{4}})(?-u:\b))?"
            ),
            // A Roman numeral month: "18.VII.2022", "3/xi/21".
            r"(?P<rm_d>[0-9]{1,2})(?P<rm_s1>[./\-])(?P<rm_m>(?i:xii|xi|x|ix|viii|vii|vi|v|iv|iii|ii|i))(?P<rm_s2>[./\-])(?P<rm_y>[0-9]{4}|[0-9]{2})".to_string(),
            // ISO 8601's basic form with a time, as exports and chat logs
            // stamp messages: "20240603T180200Z" (the T keeps it from any
            // other eight digits).
            r"(?P<isob>(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])T[0-9]{4}(?:[0-9]{2})?(?:[.,][0-9]+)?(?:Z|[+\-][0-9]{2}(?::?[0-9]{2})?)?)".to_string(),
            // Numeric with a year: "03/06/2021", "3.6.21", "2022-09-15T10:00",
            // and a timestamp's seconds, fraction and zone:
            // "2024-06-03T18:02:00.5Z", "…T18:02+01:00".
            r"(?P<n1>[0-9]{1,4})(?P<s1>[/.\-])(?P<n2>[0-9]{1,2})(?P<s2>[/.\-])(?P<n3>[0-9]{1,4})(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?(?:Z|[+\-][0-9]{2}(?::?[0-9]{2})?)?)?".to_string(),
            // An airline's or a booking system's date: "15JAN26",
            // "03MAR2025".
            r"(?P<air_d>[0-9]{2})(?P<air_m>JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(?:[0-9]{4}|[0-9]{2})(?-u:\b)".to_string(),
            // Day and month alone, slashed as notes write them: "the 6/11
            // episode", "| 19/10 |". Last, so a date with a year wins.
            r"(?P<dms_d>[0-9]{1,2})/(?P<dms_m>[0-9]{1,2})".to_string(),
            // A dotted day and month with a part of the day: "19.9 p.m."
            // (no clock writes 19.9 or 3.9 pm).
            format!(
                r"(?P<dmt_d>[0-9]{{1,2}})\.(?P<dmt_m>[0-9]{{1,2}}){sp}?(?i:[ap]\.?m)(?-u:\b)"
            ),
            // "on 20th", "by the 24th.": a day of a month the text gave
            // before.
            format!(r"(?P<ordd_d>[0-9]{{1,2}}){ord}(?-u:\b)"),
            // A dotted day and month alone: "12.10 JMcK —" opening a typed
            // log's line (judged by `log_heading`; anything else is a
            // decimal, a time or a section number).
            r"(?P<dmd_d>[0-9]{1,2})\.(?P<dmd_m>[0-9]{1,2})".to_string(),
        ];
        let re = Regex::new(&alternatives.join("|")).expect("date regex");
        Date { re }
    }
}

impl Default for Date {
    fn default() -> Self {
        Date::new()
    }
}

/// Whether `text` may hold a named day as the `hol` pattern reads one:
/// "Hogmanay", "Halloween", or "Day", "Eve" or "Night" after a space and
/// before a word's end. Asking for the three words anywhere took "Every",
/// "Events" and "Days" for them, and searched most texts whole.
fn may_name_a_day(text: &str) -> bool {
    let bytes = text.as_bytes();
    let finder = |word: &str| memchr::memmem::find(bytes, word.as_bytes()).is_some();
    if finder("Hogmanay") || finder("Halloween") {
        return true;
    }
    ["Day", "Eve", "Night"].iter().any(|word| {
        memchr::memmem::find_iter(bytes, word.as_bytes()).any(|at| {
            // `{sp}` before ends in a space or a no-break space (its
            // second byte), `(?-u:\b)` after leaves no ASCII word byte.
            let end = at + word.len();
            at > 0
                && matches!(bytes[at - 1], b' ' | 0xa0)
                && !bytes
                    .get(end)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        })
    })
}

fn valid_year(y: &str) -> bool {
    match y.len() {
        2 => true,
        4 => (1900..=2099).contains(&num(y)),
        _ => false,
    }
}

/// A number glued to more dotted/slashed/dashed digits is a version,
/// address or identifier, not a date.
fn numeric_neighbours(text: &str, start: usize, end: usize) -> bool {
    let before = char_before(text, start);
    // A comma glues only as a thousands separator.
    let glued_before = before.is_some_and(|c| c.is_alphanumeric() || c == '_')
        || super::util::after_thousands_comma(text, start)
        || (matches!(before, Some('.' | '/' | '-' | ':'))
            && char_before(text, start - 1).is_some_and(|c| c.is_ascii_digit()));
    let after = char_after(text, end);
    let glued_after = after.is_some_and(|c| c.is_alphanumeric() || c == '_')
        || (matches!(after, Some('.' | '/' | '-' | ':'))
            && char_after(text, end + 1).is_some_and(|c| c.is_ascii_digit()));
    glued_before || glued_after
}

/// A numbering word right before the number, on its line, with at most
/// a dot, a colon or spaces between ("para 3.2.14", "No. 24.10.21"): not
/// one on the line before ("Sonya: no" then "[02/20/25 …]") nor one closed
/// by a bracket or a table's bar ("(Aušra P.) | 14.03.2025").
fn numbering_context(text: &str, start: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |k| k + 1);
    let lead = &text[line_start..start];
    let gap = lead.len() - lead.trim_end_matches([' ', '.', ':', '\u{a0}', '\t']).len();
    if gap > 4 {
        return false;
    }
    let head = &lead[..lead.len() - gap];
    // "Signed G.S. 21.02.25": the letter closes someone's initials, not
    // a section's "s.".
    let initials = head.len() >= 3 && {
        let b = head.as_bytes();
        b[b.len() - 2] == b'.' && b[b.len() - 3].is_ascii_uppercase()
    };
    !initials
        && words_before(text, start, 24.min(start - line_start))
            .next()
            .is_some_and(|w| eq_any(w, NUMBERING_WORDS) && head.ends_with(w))
}

/// Whether the word after a yearless date shows it was a count instead.
fn followed_by_count(text: &str, end: usize) -> bool {
    match next_word(text, end) {
        Some(w) => {
            w.chars().next().is_some_and(|c| c.is_lowercase()) && !eq_any(w, CONTINUATION)
                || w.bytes().all(|b| b.is_ascii_digit())
        }
        None => text[end..].trim_start().starts_with('%'),
    }
}

/// A clock time right after a yearless date ("March 11 18:10"): a log's
/// entry, dated and timed, not a count ("June 14 referrals").
fn followed_by_time(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start_matches([' ', '\t', ',']);
    let b = rest.as_bytes();
    let hours = b.iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=2).contains(&hours)
        && b.get(hours) == Some(&b':')
        && b.len() >= hours + 3
        && b[hours + 1..hours + 3].iter().all(u8::is_ascii_digit)
        && b.get(hours + 3).is_none_or(|c| !c.is_ascii_digit())
}

/// "of that month", "of the same month", "of each month".
fn of_the_month(rest: &str) -> bool {
    let mut words = rest
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase);
    if words.next().as_deref() != Some("of") {
        return false;
    }
    words
        .take(3)
        .find(|w| {
            !matches!(
                w.as_str(),
                "that"
                    | "this"
                    | "the"
                    | "same"
                    | "each"
                    | "every"
                    | "following"
                    | "next"
                    | "last"
                    | "previous"
            )
        })
        .is_some_and(|w| w == "month")
}

/// Whether `token` is a whole numeric date ("11/05/21", "2021-05-11"),
/// as `numeric_date` judges one.
pub(super) fn is_numeric_date(token: &str) -> bool {
    let seps: Vec<usize> = token
        .bytes()
        .enumerate()
        .filter(|(_, b)| matches!(b, b'/' | b'.' | b'-'))
        .map(|(k, _)| k)
        .collect();
    let [i, j] = seps[..] else {
        return false;
    };
    let (n1, n2, n3) = (&token[..i], &token[i + 1..j], &token[j + 1..]);
    [n1, n2, n3]
        .iter()
        .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        && numeric_date(n1, &token[i..=i], n2, &token[j..=j], n3)
}

/// Checks the numeric form d/m/y (or m/d/y) or y-m-d with one separator.
fn numeric_date(n1: &str, s1: &str, n2: &str, s2: &str, n3: &str) -> bool {
    if s1 != s2 {
        return false;
    }
    if n1.len() == 4 {
        return valid_year(n1) && n3.len() <= 2 && valid_day_month(num(n3), num(n2));
    }
    if n1.len() > 2 || !valid_year(n3) {
        return false;
    }
    let (a, b) = (num(n1), num(n2));
    valid_day_month(a, b) || valid_day_month(b, a)
}

impl Detector for Date {
    fn name(&self) -> &'static str {
        "date"
    }

    fn scan(&self, text: &str, hits: &mut Vec<Hit>) {
        self.scan_prepared(&PreparedText::new(text), hits)
    }

    fn scan_prepared(&self, prepared: &PreparedText<'_>, hits: &mut Vec<Hit>) {
        let text = prepared.text;
        word_dates(text, hits);
        // Named days are the only dates without a digit.
        let names_a_day = may_name_a_day(text);
        // Named days aside, every date holds a digit: search only near
        // digits (see `digit_windows`) unless a named day may be there.
        let whole_text = [(0, text.len())];
        let windows = if names_a_day {
            &whole_text[..]
        } else {
            super::util::windows_of(prepared)
        };
        let digit_bits = super::util::digits_of(prepared);
        super::foreign_month::find(text, &digit_bits, hits);
        let regex_from = hits.len();
        for &(window_start, window_end) in windows {
            let haystack = &text[..window_end];
            let mut pos = window_start;
            while let Some(caps) = self.re.captures_at(haystack, pos) {
                let whole = caps.get(0).expect("match");
                let (start, end) = (whole.start(), whole.end());
                let rule = self.judge(text, &caps);
                match rule {
                    Some(rule) => {
                        // A full stop after "Dec." or "December." ends the sentence
                        // as often as it abbreviates; the date is the same without it.
                        let end = if whole.as_str().ends_with('.') {
                            end - 1
                        } else {
                            end
                        };
                        let hit = Hit::new(start, end, Kind::Date, rule, MESSAGE);
                        // Without a year or a word for the month, "6/11"
                        // may still be a share or a score: a person decides.
                        hits.push(
                            if matches!(
                                rule,
                                "day-month-slash" | "named-day-context" | "day-month-log"
                            ) {
                                hit.uncertain()
                            } else {
                                hit
                            },
                        );
                        pos = end;
                    }
                    // A rejected match may hide a real date inside it ("on 3/4
                    // of … 12 March"): look again from the next char.
                    None => pos = start + whole.as_str().chars().next().map_or(1, char::len_utf8),
                }
                if pos >= haystack.len() {
                    break;
                }
            }
        }
        // After the pattern's own dotted dates ("16.2 — no answer"), so
        // none is found twice.
        super::dotted_day::find(text, &digit_bits, hits, regex_from);
        super::ordinal_day::find(text, &digit_bits, hits, regex_from);
    }
}

impl Date {
    fn judge(&self, text: &str, caps: &regex::Captures<'_>) -> Option<&'static str> {
        let whole = caps.get(0).expect("match");
        let (start, end) = (whole.start(), whole.end());
        let g = |name: &str| caps.name(name).map(|m| m.as_str());
        let month_of = |name: &str| g(name).and_then(month_number);
        let day_ok = |d: &str, m: Option<u32>| {
            m.is_none_or(|m| valid_day_month(num(d), m)) && (1..=31).contains(&num(d))
        };
        if !starts_word(text, start)
            || char_after(text, end).is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            return None;
        }
        if g("isob").is_some() {
            return Some("iso-date");
        }
        if let Some(d) = g("wdn_d") {
            let m = g("wdn_m").map(num).unwrap_or(0);
            return (valid_day_month(num(d), m) || valid_day_month(m, num(d)))
                .then_some("weekday-date");
        }
        if let Some(d) = g("wdb_d") {
            // "Monday (3)" may count something; "(18th)", "(the 3rd)" is the
            // day.
            let explicit = g("wdb_o").is_some() || whole.as_str().contains("the");
            return (explicit && day_ok(d, None)).then_some("weekday-date");
        }
        if let Some(d) = g("wdm_d") {
            return day_ok(d, month_of("wdm_m")).then_some("weekday-date");
        }
        if let Some(d) = g("wd_d") {
            if !day_ok(d, month_of("wd_m")) {
                return None;
            }
            // "Sunday 3 children" is a count; "Sunday the 3rd" or "Sunday 3
            // May" is a date.
            let explicit =
                g("wd_m").is_some() || g("wd_o").is_some() || whole.as_str().contains(" the ");
            // A weekday cut short in lower case ("mon 23rd", as typed in
            // notes) is a day only with an ordinal or a month: "sat 4" may
            // be an exam sat.
            let typed = g("wd").is_some_and(|w| w.len() <= 5 && w.starts_with(char::is_lowercase));
            if typed && !explicit {
                return None;
            }
            return (explicit || !followed_by_count(text, end)).then_some("weekday-date");
        }
        if let Some(d) = g("onthe_d") {
            if g("onthe_m").is_some() {
                return day_ok(d, month_of("onthe_m")).then_some("day-month-date");
            }
            // "on the 2nd floor" or "on the 3rd occasion" is not a date;
            // "on the 3rd of that month" is.
            return (day_ok(d, None)
                && (!followed_by_count(text, end) || of_the_month(&text[end..])))
            .then_some("ordinal-day");
        }
        if let Some(d) = g("on_d") {
            let (s, m) = (g("on_s").unwrap_or("/"), g("on_m").unwrap_or("0"));
            if numeric_neighbours(text, caps.name("on_d").expect("day").start(), end) {
                return None;
            }
            if let Some(y) = g("on_y") {
                return numeric_date(d, s, m, s, y).then_some("numeric-date");
            }
            // "on 3/4 of occasions" is a fraction; "27/3 Bellfield Wynd" after
            // "on" is still a flat number when a capitalised name follows.
            let next = next_word(text, end);
            if next
                .is_some_and(|w| w.eq_ignore_ascii_case("of") || w.starts_with(char::is_uppercase))
            {
                return None;
            }
            // "Commentary on 2.1" where an action or section is numbered 2.1.
            if s == "." && is_numbered_label(text, &format!("{d}.{m}")) {
                return None;
            }
            let (a, b) = (num(d), num(m));
            return (valid_day_month(a, b) || valid_day_month(b, a)).then_some("day-month-numeric");
        }
        if let Some(d) = g("dm_d") {
            if !day_ok(d, month_of("dm_m"))
                || reference_date(text, start, end, num(d), month_of("dm_m"))
            {
                return None;
            }
            // A lower-case abbreviation needs a year or a capital to be sure.
            return Some(if g("dm_y").is_some() {
                "day-month-year"
            } else {
                "day-month"
            });
        }
        if let Some(d) = g("md_d") {
            if !day_ok(d, month_of("md_m")) {
                return None;
            }
            if g("md_y").is_some() || g("md_o").is_some() {
                return Some("month-day");
            }
            return (!followed_by_count(text, end)
                || followed_by_time(text, end)
                || after_a_listed_month_day(text, start))
            .then_some("month-day");
        }
        if let (Some(d), Some(m)) = (g("rm_d"), g("rm_m")) {
            let month = roman_month(m)?;
            // The same separator both sides, as dates are written; "2 v 1"
            // or "Class 3 I 2024" is no date.
            return (g("rm_s1") == g("rm_s2")
                && valid_day_month(num(d), month)
                && !numeric_neighbours(text, start, end))
            .then_some("roman-month-date");
        }
        if g("hol").is_some() {
            // "over Christmas" is vague; "on Christmas Day" or "Christmas Day
            // 2021" is one day.
            let before = words_before(text, start, 12).next();
            let on = before.is_some_and(|w| w.eq_ignore_ascii_case("on"));
            if on || g("hol_y").is_some() {
                return Some("named-day");
            }
            // "the night of Christmas Eve", "until Boxing Day": dates an
            // event too, as a person may decide ("at Halloween" is a season).
            let dated = before.is_some_and(|w| {
                eq_any(
                    w,
                    &[
                        "of", "until", "till", "since", "by", "from", "before", "after", "about",
                    ],
                )
            });
            // "- Christmas Eve. I learned…": a list item that is the day.
            let line_start = text[..start].rfind('\n').map_or(0, |k| k + 1);
            let item = matches!(text[line_start..start].trim_start(), "- " | "* " | "+ ")
                && text[end..].starts_with(['.', ':']);
            return (dated || item).then_some("named-day-context");
        }
        if let Some(d) = g("ordd_d") {
            // Judged by the word before it, which the pattern does not
            // hold: a pattern opening with "the" would be tried at every
            // "the" of the text.
            let mut back = words_before(text, start, 40);
            let word = back.next().unwrap_or("");
            let (word2, word3) = (back.next().unwrap_or(""), back.next().unwrap_or(""));
            // "on Sunday night 21st", "the night of 16th/17th", "the
            // weekend of the 23rd": a part of a day names the day after it.
            let part_of_day = |w: &str| eq_any(w, PARTS_OF_DAY);
            let after_part_of_day = part_of_day(word)
                || (eq_any(word, &["of", "the"]) && part_of_day(word2))
                || (word.eq_ignore_ascii_case("the")
                    && word2.eq_ignore_ascii_case("of")
                    && part_of_day(word3));
            // "since the 27th there's been", "until the 3rd we": a date
            // word, "the", the day, then a clause.
            let dated_the =
                word.eq_ignore_ascii_case("the") && eq_any(word2, DATE_WORDS_BEFORE_THE);
            // "Children returned 19th.": a verb in the past, then the day
            // and a pause; a place in a ranking is no day ("finished 3rd.").
            let past = word.len() > 4
                && word.ends_with("ed")
                && !eq_any(
                    word,
                    &[
                        "ranked",
                        "placed",
                        "finished",
                        "rated",
                        "listed",
                        "positioned",
                        "scored",
                        "ended",
                        "seeded",
                        "numbered",
                    ],
                );
            if !(past
                || after_part_of_day
                || eq_any(
                    word,
                    &[
                        "on", "by", "until", "till", "before", "after", "since", "from", "the",
                    ],
                ))
                || !text[..start].ends_with(' ')
            {
                return None;
            }
            let rest = text[end..].trim_start_matches(' ');
            // "on 21st December", "the 3rd of May": the rules for a month
            // named take it from the day.
            let next = next_word(text, end).unwrap_or("");
            if next.eq_ignore_ascii_case("of") || month_number(next).is_some() {
                return None;
            }
            if centile_after(rest) {
                return None;
            }
            let pause = rest.is_empty()
                || rest.starts_with(['.', ',', ';', ':', ')', '|', '\n', '"', '\u{201d}'])
                // "16th/17th": the night between two days.
                || (rest.starts_with('/') && rest[1..].starts_with(|c: char| c.is_ascii_digit()));
            let clause_after = next_word(text, end).is_some_and(|w| eq_any(w, CLAUSE_OPENERS));
            // "on 20th" unless a count follows ("on 3rd floor"); "the 24th"
            // only before a pause ("the 24th century" is no day) or, after
            // a date word, a clause.
            let ok = if after_part_of_day {
                pause || !followed_by_count(text, end) || clause_after
            } else if word.eq_ignore_ascii_case("the") || past {
                pause || (dated_the && clause_after)
            } else {
                pause || !followed_by_count(text, end)
            };
            return ((1..=31).contains(&num(d)) && ok).then_some("ordinal-day");
        }
        if let (Some(d), Some(m)) = (g("dmt_d"), g("dmt_m")) {
            let (d_num, m_num) = (num(d), num(m));
            let not_clock = d_num > 12 || m.len() == 1;
            return (not_clock
                && valid_day_month(d_num, m_num)
                && !numeric_neighbours(text, start, end))
            .then_some("day-month-numeric");
        }
        if let (Some(d), Some(m)) = (g("dmd_d"), g("dmd_m")) {
            // Only as a signed log heading (see `log_heading`): a section
            // "3.2 NHS – …" is written the same way, so a person decides.
            let (d, m) = (num(d), num(m));
            return ((signed_log_heading(text, start, end) || in_dated_log(text, start, end))
                && valid_day_month(d, m)
                && !numeric_neighbours(text, start, end))
            .then_some("day-month-log");
        }
        if let Some(d) = g("air_d") {
            return day_ok(d, month_of("air_m")).then_some("day-month-year");
        }
        if let (Some(d), Some(m)) = (g("dms_d"), g("dms_m")) {
            return day_month_slash(text, start, end, num(d), num(m)).then_some("day-month-slash");
        }
        if let (Some(n1), Some(s1), Some(n2), Some(s2), Some(n3)) =
            (g("n1"), g("s1"), g("n2"), g("s2"), g("n3"))
        {
            if numeric_neighbours(text, start, end) || !numeric_date(n1, s1, n2, s2, n3) {
                return None;
            }
            let short_year = n1.len() <= 2 && n3.len() == 2;
            if (short_year || s1 == ".") && numbering_context(text, start) {
                return None;
            }
            return Some(if n1.len() == 4 {
                "iso-date"
            } else {
                "numeric-date"
            });
        }
        None
    }
}

/// Parts of a day that name the day after them ("Sunday night 21st").
const PARTS_OF_DAY: &[&str] = &[
    "night",
    "morning",
    "evening",
    "afternoon",
    "weekend",
    "overnight",
    "teatime",
    "lunchtime",
];

/// Words before "the" that take a date ("since the 27th").
const DATE_WORDS_BEFORE_THE: &[&str] = &[
    "since", "until", "till", "from", "by", "before", "after", "on",
];

/// Words that open a clause after a day: "since the 27th there's been",
/// "until the 3rd we"; a noun after ("the 19th century") makes it no day.
const CLAUSE_OPENERS: &[&str] = &[
    "there", "we", "i", "he", "she", "they", "it", "you", "mum", "dad", "nothing", "no", "has",
    "have", "had", "was", "were", "is", "are", "when", "and", "but", "so", "then", "at", "in",
];

/// Words before "N/M" that make it a score or a share: "rated it 3/10",
/// "scored 4/5", "Flat 2/1" (a flat, the address detector's).
const NOT_DAY_MONTH_BEFORE: &[&str] = &[
    "scored",
    "score",
    "scores",
    "rated",
    "rating",
    "ratings",
    "rate",
    "out",
    "flat",
    "flats",
    "grade",
    "graded",
    "marks",
    "mark",
    "stage",
    "level",
    "p",
    "s",
    "class",
    "room",
    "no",
    "number",
    "page",
    "pages",
    "para",
    "paragraph",
    "section",
    "sections",
    "version",
    "step",
    "part",
    "parts",
    "phase",
    "year",
    "years",
];

/// Words before "N/M" that take a date ("since 5/10"): then "N/10" is a
/// day in October, not a score out of ten.
const DATE_BEFORE: &[&str] = &["since", "from", "until", "till", "before", "after"];

/// What a share counts, after it: "checked 2/3 files".
const COUNTED: &[&str] = &[
    "cases",
    "families",
    "children",
    "parents",
    "staff",
    "pupils",
    "people",
    "records",
    "files",
    "visits",
    "referrals",
    "audits",
    "plans",
    "actions",
    "agencies",
    "practitioners",
];

/// A contact that happened on a day, as a nurse's or a GP's message notes
/// it ("growth check 2/5", "seen 1/3", "immunisations given 2/4"): so "2/5"
/// is a day, not a share, here.
const SEEN_BEFORE: &[&str] = &[
    "seen",
    "check",
    "checked",
    "reviewed",
    "review",
    "given",
    "appt",
    "appointment",
    "visit",
    "visited",
    "attended",
    "booked",
    "clinic",
    "due",
    // A concern or a call written down on a day: "concerns logged 7/10,
    // 9/10", "phoned 3/10".
    "logged",
    "noted",
    "phoned",
    "called",
    "emailed",
];

/// A published statistic's reference date, the same for every family:
/// "as at 30 September", "on the register at 31 March", "in the year to 31
/// March", "the census on 31 July", "Update to 30 September 2024", a
/// financial year "1 April 2024 to 31 March 2025", and a plan's quarter
/// end "actions due by 31 March 2025". Events are dated "on", "from" or
/// "by"; a month's end after "at" is a count's date.
fn reference_date(text: &str, start: usize, end: usize, day: u32, month: Option<u32>) -> bool {
    let mut before = words_before(text, start, 24);
    let (w1, w2) = (before.next().unwrap_or(""), before.next().unwrap_or(""));
    let is = |w: &str, list: &[&str]| eq_any(w, list);
    let quarter_end = day >= 30 && matches!(month, Some(3 | 6 | 9 | 12));
    (is(w1, &["at"]) && (is(w2, &["as"]) || day >= 28))
        || (is(w1, &["to", "ending", "ended"])
            && is(
                w2,
                &[
                    "year",
                    "years",
                    "quarter",
                    "period",
                    "months",
                    "weeks",
                    "financial",
                    "update",
                ],
            ))
        || (is(w1, &["on"]) && is(w2, &["census", "snapshot", "count"]))
        || (quarter_end
            && is(w1, &["by"])
            && is(
                w2,
                &[
                    "due",
                    "completed",
                    "complete",
                    "implemented",
                    "delivered",
                    "achieved",
                ],
            ))
        || financial_year(text, start, end, day, month)
}

/// "1 April 2024 to 31 March 2025": either end of a whole financial year.
fn financial_year(text: &str, start: usize, end: usize, day: u32, month: Option<u32>) -> bool {
    const JOINS: &[&str] = &[" to ", " – ", " - ", "–", "-", " until "];
    match (day, month) {
        (1, Some(4)) => {
            let rest = &text[end..];
            let rest = rest
                .strip_prefix(|c: char| c == ' ')
                .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
                .map_or(rest, |r| r.trim_start_matches(|c: char| c.is_ascii_digit()));
            JOINS.iter().any(|j| {
                rest.strip_prefix(j)
                    .is_some_and(|r| r.starts_with("31 March") || r.starts_with("31st March"))
            })
        }
        (31, Some(3)) => {
            let before = text[..start].trim_end_matches(' ');
            JOINS.iter().any(|j| {
                before.strip_suffix(j.trim()).is_some_and(|b| {
                    let b = b.trim_end_matches(' ');
                    let b = b
                        .trim_end_matches(|c: char| c.is_ascii_digit())
                        .trim_end_matches(' ');
                    b.ends_with("1 April") || b.ends_with("1st April")
                })
            })
        }
        _ => false,
    }
}

/// "… to 7/10", "… – 7/10": a second score after the first, as a change of
/// score is written.
fn score_range_after(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start_matches(' ');
    let rest = ["to ", "- ", "\u{2013} ", "-", "\u{2013}"]
        .iter()
        .find_map(|joint| rest.strip_prefix(joint))
        .map(|r| r.trim_start_matches(' '));
    rest.is_some_and(|r| {
        let digits = r.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0 && r[digits..].starts_with("/10")
    })
}

/// "6/11", "19/10" with no year: a day and a month (UK order) unless it is
/// glued to more numbers, a rating out of ten, "24/7", a fraction ("3/4 of
/// the visits") or a flat before a street ("27/3 Bellfield Wynd").
fn day_month_slash(text: &str, start: usize, end: usize, d: u32, m: u32) -> bool {
    if log_heading(text, start, end) {
        return valid_day_month(d, m) && !numeric_neighbours(text, start, end);
    }
    // "missing since 5/10", "off school from 3/10": a word that takes a
    // date, so "N/10" is no score here, unless a range of scores follows
    // ("from 4/10 to 7/10").
    // A day written with a leading zero ("09/10") is a date: no score or
    // share is written so.
    // Nor a month ("14/01"): a score is out of 10 or 5, never out of 01.
    let month_padded = text[start..end]
        .split_once('/')
        .is_some_and(|(_, m)| m.starts_with('0'));
    let part_of_day_after = next_word(text, end).is_some_and(|w| {
        eq_any(
            w,
            &["am", "pm", "a.m", "p.m", "morning", "afternoon", "evening"],
        )
    });
    let dated = (text[start..].starts_with('0')
        || month_padded
        || part_of_day_after
        || after_a_listed_date(text, start)
        || words_before(text, start, 24)
            .next()
            .is_some_and(|w| eq_any(w, DATE_BEFORE) || eq_any(w, SEEN_BEFORE)))
        && !score_range_after(text, end)
        // "reviewed 2/3 cases": a share of what is counted after it.
        && !next_word(text, end).is_some_and(|w| eq_any(w, COUNTED));
    if numeric_neighbours(text, start, end)
        || char_after(text, end).is_some_and(|c| matches!(c, '%' | '/'))
        || !valid_day_month(d, m)
        || (m == 10 && d <= 10 && !dated)
        // 1/2, 2/3, 3/4, 4/5: shares far more often than a day in spring.
        // A zero-padded day ("03/05") is no share.
        || (m <= 5 && d < m && !text[start..].starts_with('0') && !dated)
        || (d, m) == (24, 7)
    {
        return false;
    }
    if !month_padded
        && words_before(text, start, 24)
            .next()
            .is_some_and(|w| eq_any(w, NOT_DAY_MONTH_BEFORE))
    {
        return false;
    }
    // A capital after it may be a street's ("27/3 Bellfield Wynd", a flat);
    // a zero-padded month is no flat's ("on 16/02 Mrs Lai arrived"), nor
    // is a morning's ("agreed 20/2 AM").
    month_padded
        || part_of_day_after
        || !next_word(text, end)
            .is_some_and(|w| w.eq_ignore_ascii_case("of") || w.starts_with(char::is_uppercase))
}

/// The text before `start` without the list's joiner that ends it ("…
/// 27/9 or "), if one does. Not a range: "from 4/10 to 7/10" are scores.
fn before_a_list_joiner(text: &str, start: usize) -> Option<&str> {
    [" or ", " and ", ", ", " & "]
        .iter()
        .find_map(|j| text[..start].strip_suffix(j))
}

/// "the Jan 13 and Jan 26 alerts": a month and day after another in a
/// list, though a count's noun follows ("26 alerts").
fn after_a_listed_month_day(text: &str, start: usize) -> bool {
    // A range of month-days is dates too ("rota Sep 1–Sep 21"): no score
    // is written so.
    let Some(rest) = before_a_list_joiner(text, start).or_else(|| {
        ["–", "-", " – ", " - ", " to "]
            .iter()
            .find_map(|j| text[..start].strip_suffix(j))
    }) else {
        return false;
    };
    let digits = rest.bytes().rev().take_while(u8::is_ascii_digit).count();
    let Some(head) = rest[..rest.len() - digits].strip_suffix(' ') else {
        return false;
    };
    let month = head
        .rsplit(|c: char| !c.is_ascii_alphabetic() && c != '.')
        .next()
        .unwrap_or("");
    (1..=2).contains(&digits)
        && month.starts_with(|c: char| c.is_ascii_uppercase())
        && month_number(month).is_some()
        && rest[rest.len() - digits..]
            .parse::<u32>()
            .is_ok_and(|d| (1..=31).contains(&d))
}

/// "Saturday 27/9 or 4/10", "3/10 and 5/10": the second of two days
/// joined in a list is a day as the first is.
fn after_a_listed_date(text: &str, start: usize) -> bool {
    // A range's second day ("26/9–6/10") is a day when the first cannot
    // be a score: "from 4/10 to 7/10" are scores out of ten.
    let ranged = ["–", " – ", " to "]
        .iter()
        .find_map(|j| text[..start].strip_suffix(j));
    let Some(rest) = before_a_list_joiner(text, start).or(ranged) else {
        return false;
    };
    let is_range = before_a_list_joiner(text, start).is_none();
    let bytes = rest.as_bytes();
    let month = bytes
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let Some(slash) = bytes.len().checked_sub(month + 1) else {
        return false;
    };
    let day = bytes[..slash]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let first = slash - day;
    // The first is a day by what stands before it: a weekday or a word
    // that takes a date ("Saturday 27/9 or 4/10", "since 3/10 and 5/10").
    let first_dated = || {
        words_before(text, first, 24).next().is_some_and(|w| {
            eq_any(w, DATE_BEFORE)
                || eq_any(w, SEEN_BEFORE)
                || eq_any(w, &crate::gate::text::WEEKDAY_NAMES)
        })
    };
    (1..=2).contains(&month)
        && bytes[slash] == b'/'
        && (1..=2).contains(&day)
        && !bytes[..first]
            .last()
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'/')
        && (if is_range {
            // Both are digits only here: the checks above passed.
            rest[first..slash].parse::<u32>().is_ok_and(|d| d > 10)
                && rest[slash + 1..]
                    .parse::<u32>()
                    .is_ok_and(|m| (1..=12).contains(&m))
        } else {
            first_dated()
        })
}

/// An entry's heading in a log: the number opens the line, bold or as a
/// list item, and a mark or a dash closes it (`**04/10** – replied`,
/// `- 3/10: seen`). No score or share is written so.
fn log_heading(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |k| k + 1);
    let lead = &text[line_start..start];
    let rest = &text[end..];
    // "**7/10** practitioners" is a share in bold: a heading's mark or
    // dash comes right after the date (or after its closing `**`).
    let rest = rest
        .strip_prefix("**")
        .or_else(|| rest.strip_prefix('_'))
        .unwrap_or(rest);
    let closes = |rest: &str| {
        rest.starts_with(':')
            || rest.starts_with(" \u{2013}")
            || rest.starts_with(" \u{2014}")
            || rest.starts_with(" - ")
    };
    let only_marks = lead
        .bytes()
        .all(|b| matches!(b, b'*' | b'_' | b'-' | b' ' | b'#'));
    // A diary's date column: the date opens the line and a tab or a run of
    // spaces sets the entry apart ("23/9  In 08:15 dad").
    let column = (rest.starts_with("  ") || rest.starts_with('\t'))
        && rest
            .trim_start_matches([' ', '\t'])
            .starts_with(|c: char| c.is_alphanumeric());
    only_marks
        && ((lead.contains(['*', '-', '_']) && closes(rest))
            || signed(rest, &closes)
            || (column && lead.trim().is_empty()))
}

/// A typed log names who wrote the entry after its date: "24/08 FK —",
/// "31/8 JMcK: phoned". Two to five letters, two or more of them
/// capitals, then a colon or a dash. `rest` is the text after the date.
fn signed(rest: &str, closes: &dyn Fn(&str) -> bool) -> bool {
    rest.strip_prefix(' ').is_some_and(|after| {
        let initials = after.bytes().take_while(u8::is_ascii_alphabetic).count();
        let token = &after[..initials];
        (2..=5).contains(&initials)
            && token.bytes().filter(u8::is_ascii_uppercase).count() >= 2
            && token.starts_with(|c: char| c.is_ascii_uppercase())
            && closes(&after[initials..])
    })
}

/// A date that opens its line (after list or emphasis marks at most) and
/// is followed by its writer's initials and a colon or dash, as
/// [`log_heading`] reads a signed entry: "12.10 JMcK — Named person
/// meeting".
fn signed_log_heading(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |k| k + 1);
    let only_marks = text[line_start..start]
        .bytes()
        .all(|b| matches!(b, b'*' | b'_' | b'-' | b' ' | b'#'));
    let closes = |rest: &str| {
        rest.starts_with(':')
            || rest.starts_with(" \u{2013}")
            || rest.starts_with(" \u{2014}")
            || rest.starts_with(" - ")
    };
    only_marks && signed(&text[end..], &closes)
}

/// A line of a dated log that writes its date short: "17.3 — D's
/// birthday" between "10/3/25 — Home visit" and "24/03/2025 — Detox". The
/// number opens its line, a dash or colon follows, and a line next to it
/// opens with a full date (a year, or a slash, which no section number
/// has) and the same mark: "3.1 — Background" beside "3.2 — Findings" is
/// numbering.
fn in_dated_log(text: &str, start: usize, end: usize) -> bool {
    const MARKS: [&str; 4] = [" \u{2014}", " \u{2013}", " - ", ":"];
    let line_start = text[..start].rfind('\n').map_or(0, |k| k + 1);
    let opens_line = text[line_start..start]
        .bytes()
        .all(|b| matches!(b, b'*' | b'_' | b'-' | b' ' | b'#'));
    let rest = &text[end..];
    let Some(mark) = MARKS.iter().find(|m| rest.starts_with(*m)) else {
        return false;
    };
    if !opens_line {
        return false;
    }
    let line_end = rest.find('\n').map_or(text.len(), |k| end + k);
    let previous = text[..line_start.saturating_sub(1)]
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty());
    let next = text[line_end..].lines().find(|l| !l.trim().is_empty());
    [previous, next].into_iter().flatten().any(|line| {
        let line = line.trim_start_matches(['*', '_', '-', ' ', '#']);
        let token = line
            .bytes()
            .take_while(|b| b.is_ascii_digit() || matches!(b, b'/' | b'.'))
            .count();
        let (date, after) = line.split_at(token);
        let date = date.trim_end_matches('.');
        let parts: Vec<&str> = date.split(['/', '.']).collect();
        let full = parts.len() == 3 || (parts.len() == 2 && date.contains('/'));
        full && parts.iter().all(|p| !p.is_empty() && p.len() <= 4)
            && after.trim_start_matches("**").starts_with(*mark)
    })
}

/// The month a Roman numeral names.
fn roman_month(numeral: &str) -> Option<u32> {
    const ROMAN: [&str; 12] = [
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii",
    ];
    let lower = numeral.to_ascii_lowercase();
    ROMAN.iter().position(|r| *r == lower).map(|i| i as u32 + 1)
}

/// Ordinal words of the days of a month.
const ORDINALS: [&str; 20] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
];

/// A word of ASCII letters at byte `i` (after spaces), and where it ends.
fn word_at(text: &str, i: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let start = i + bytes[i..].iter().take_while(|b| **b == b' ').count();
    let len = bytes[start..]
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    (len > 0).then_some((start, start + len))
}

/// The word of ASCII letters ending at byte `i` (before spaces).
fn word_before(text: &str, i: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let end = i - bytes[..i].iter().rev().take_while(|b| **b == b' ').count();
    let len = bytes[..end]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    (len > 0).then_some((end - len, end))
}

fn is(text: &str, span: Option<(usize, usize)>, word: &str) -> bool {
    span.is_some_and(|(s, e)| text[s..e].eq_ignore_ascii_case(word))
}

/// The day an ordinal word names ("fourteenth" 14, "thirtieth" 30).
fn ordinal_value(word: &str) -> Option<u32> {
    let lower = word.to_ascii_lowercase();
    if lower == "thirtieth" {
        return Some(30);
    }
    ORDINALS
        .iter()
        .position(|o| *o == lower)
        .map(|i| i as u32 + 1)
}

/// An ordinal day written in words starting at byte `i`: "fourteenth",
/// "twenty-sixth", "thirty first". Its value and end.
fn ordinal_after(text: &str, i: usize) -> Option<(u32, usize, usize)> {
    let (s, e) = word_at(text, i)?;
    if let Some(value) = ordinal_value(&text[s..e]) {
        return Some((value, s, e));
    }
    let tens = match text[s..e].to_ascii_lowercase().as_str() {
        "twenty" => 20,
        "thirty" => 30,
        _ => return None,
    };
    let joint = text[e..]
        .chars()
        .next()
        .filter(|c| matches!(c, '-' | ' '))?;
    let (us, ue) = word_at(text, e + joint.len_utf8())?;
    let unit = ordinal_value(&text[us..ue]).filter(|u| *u < 10)?;
    Some((tens + unit, s, ue))
}

/// An ordinal day written in words ending at byte `i`: its value and start.
fn ordinal_before(text: &str, i: usize) -> Option<(u32, usize)> {
    let (s, e) = word_before(text, i)?;
    let value = ordinal_value(&text[s..e])?;
    if value < 10 {
        let joint = text[..s].chars().next_back();
        if let Some(joint @ ('-' | ' ')) = joint {
            if let Some((ts, te)) = word_before(text, s - joint.len_utf8()) {
                let tens = match text[ts..te].to_ascii_lowercase().as_str() {
                    "twenty" => Some(20),
                    "thirty" => Some(30),
                    _ => None,
                };
                if let Some(tens) = tens {
                    return Some((tens + value, ts));
                }
            }
        }
    }
    Some((value, s))
}

/// A year after a date in words: ", 2022", " 2022", " '22". Its end.
fn year_after(text: &str, i: usize) -> Option<usize> {
    let rest = &text[i..];
    let skip = rest.len() - rest.trim_start_matches([',', ' ']).len();
    let rest = &rest[skip..];
    let quote = rest.starts_with(['\'', '\u{2019}']);
    let digits_at = if quote {
        rest.chars().next().map_or(0, char::len_utf8)
    } else {
        0
    };
    let digits = rest[digits_at..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    let ok = (digits == 4 && valid_year(&rest[digits_at..digits_at + 4])) || (quote && digits == 2);
    let end = i + skip + digits_at + digits;
    (ok && skip > 0 && !char_after(text, end).is_some_and(char::is_alphanumeric)).then_some(end)
}

/// Dates with the day in words: "the fourteenth of August 2020", "the
/// twenty-sixth of January, 2022", "November the third, 2019", "August
/// fourteenth". Found from the month names, which every such date holds,
/// each a whole run of ASCII letters (see `gate::text::ascii_word_starts`).
fn word_dates(text: &str, hits: &mut Vec<Hit>) {
    let bytes = text.as_bytes();
    let mut months = Vec::new();
    crate::gate::text::ascii_word_starts(text, |start| {
        if crate::gate::text::may_be_month_at(bytes, start) {
            let end = crate::gate::text::ascii_word_end(bytes, start);
            if crate::gate::text::is_month_name_at(bytes, start, end) {
                months.push((start, end));
            }
        }
        false
    });
    for (ms, me) in months {
        let dotted = text[me..].starts_with('.');
        if !starts_word(text, ms) || char_after(text, me).is_some_and(char::is_alphanumeric) {
            continue;
        }
        let name = &text[ms..me];
        let Some(month) = month_number(name) else {
            continue;
        };
        // A verb ("may", "march") or a lower-case month needs a sure form.
        let capitalised = name.starts_with(|c: char| c.is_ascii_uppercase());
        let plain = capitalised && !matches!(month, 3 | 5);
        let after_month = me + usize::from(dotted);
        // Before the month: "[the] fourteenth [day] of August".
        let mut of = None;
        let mut cursor = ms;
        if let Some(w) = word_before(text, cursor).filter(|w| is(text, Some(*w), "of")) {
            of = Some(w);
            cursor = w.0;
            if let Some(day) = word_before(text, cursor).filter(|d| is(text, Some(*d), "day")) {
                cursor = day.0;
            }
        }
        if let Some((day, start)) = ordinal_before(text, cursor) {
            let year = year_after(text, after_month);
            let sure = of.is_some() || year.is_some() || (plain && day >= 4);
            if sure && valid_day_month(day, month) {
                let start = word_before(text, start)
                    .filter(|w| is(text, Some(*w), "the"))
                    .map_or(start, |w| w.0);
                hits.push(Hit::new(
                    start,
                    year.unwrap_or(me),
                    Kind::Date,
                    "day-in-words",
                    MESSAGE,
                ));
                continue;
            }
        }
        // After the month: "November [the] third[, 2019]".
        let mut cursor = after_month;
        let the = word_at(text, cursor).filter(|w| is(text, Some(*w), "the"));
        if let Some(w) = the {
            cursor = w.1;
        }
        if let Some((day, _, end)) = ordinal_after(text, cursor) {
            let year = year_after(text, end);
            let sure = the.is_some() || year.is_some() || (plain && day >= 4);
            if sure && valid_day_month(day, month) {
                hits.push(Hit::new(
                    ms,
                    year.unwrap_or(end),
                    Kind::Date,
                    "day-in-words",
                    MESSAGE,
                ));
            }
        }
    }
}

/// Whether `label` ("2.1") numbers a line, heading or table row of `text`
/// ("2.1 Implement…", "### 2.1", "| 2.1 |"): then "on 2.1" refers to it.
fn is_numbered_label(text: &str, label: &str) -> bool {
    text.lines().any(|line| {
        let rest = line.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '#' | '|' | '*' | '-' | '>')
        });
        rest.strip_prefix(label).is_some_and(|after| {
            after.is_empty()
                || after
                    .starts_with(|c: char| c.is_whitespace() || matches!(c, '|' | '.' | ')' | ':'))
        })
    })
}

/// "from 25th to 9th centile", "the 50th centile": an ordinal of a growth
/// chart, which a second ordinal may join to the word.
fn centile_after(rest: &str) -> bool {
    let is_centile = |w: &str| {
        let w = w.trim_start_matches(' ').to_ascii_lowercase();
        w.starts_with("centile") || w.starts_with("percentile")
    };
    if is_centile(rest) {
        return true;
    }
    let Some(r) = ["to ", "and ", "- ", "– ", "or "]
        .iter()
        .find_map(|j| rest.strip_prefix(j))
    else {
        return false;
    };
    let digits = r.bytes().take_while(u8::is_ascii_digit).count();
    let r = &r[digits..];
    digits > 0
        && ["st", "nd", "rd", "th"]
            .iter()
            .any(|o| r.starts_with(o) && is_centile(&r[2..]))
}

#[cfg(test)]
mod tests {
    /// Every text in which the pattern finds a named day is searched
    /// whole: the pre-test never says no where the pattern says yes.
    #[test]
    fn the_named_day_pre_test_passes_every_named_day() {
        let re = &Date::new().re;
        let pieces = [
            "Christmas",
            "Boxing",
            "New",
            "Year's",
            "Year’s",
            "St",
            "Andrew's",
            "Burns",
            "Bonfire",
            "Valentine's",
            "Day",
            "Eve",
            "Night",
            "Days",
            "Every",
            "Evening",
            "Nights",
            "Hogmanay",
            "Halloween",
            "Day_",
            "Eve2",
            " ",
            " ",
            "\u{a0}",
            ",",
            ".",
            "\n",
            "on",
            "2021",
            "é",
            "Dayé",
        ];
        let mut named = 0;
        for text in crate::gate::test_texts::random_texts(&pieces, 0x3c6e_f372, 12).take(30_000) {
            let has_named_day = re
                .captures_iter(&text)
                .any(|caps| caps.name("hol").is_some());
            if has_named_day {
                named += 1;
                assert!(super::may_name_a_day(&text), "{text:?}");
            }
        }
        assert!(named > 100, "the texts hold named days ({named})");
    }

    #[test]
    fn an_ordinal_of_a_growth_chart_is_no_day() {
        let found = |t: &str| {
            let mut hits = Vec::new();
            Date::new().scan(t, &mut hits);
            hits.len()
        };
        assert_eq!(found("Weight fell from 50th to 2nd centile by March."), 0);
        assert_eq!(found("Her weight was on the 91st centile."), 0);
        assert_eq!(found("Length dropped from 75th to 25th percentile."), 0);
        assert_eq!(found("Seen again on 25th. Weight fine."), 1);
    }

    use super::*;

    fn found(text: &str) -> Vec<String> {
        let mut hits = Vec::new();
        Date::new().scan(text, &mut hits);
        assert!(hits.iter().all(|h| h.kind == Kind::Date));
        hits.into_iter()
            .map(|h| text[h.start..h.end].to_string())
            .collect()
    }

    #[test]
    fn a_statistics_reference_date_passes_and_an_event_day_does_not() {
        for t in [
            "Children on the register at 31 March fell again.",
            "Figures as at 14 September are provisional.",
            "Referrals in the year to 31 March rose.",
            "| Children looked after at 31 July | 212 |",
            "**Coverage:** 1 April 2024 to 31 March 2025, with trends",
            "Of the actions due by 31 March 2025, 81% were complete.",
            "*Homelessness in Scotland: Update to 30 September 2024*.",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
        for t in [
            "She stayed with her gran from 1 March to 31 March.",
            "Seen at clinic on 31 March, weight down.",
            "He arrived at 9 March, the day of the fire.",
            "Her rent was due by 14 March 2025 and she paid late.",
            "She lived with her aunt from 1 April 2024 to 30 June 2024.",
        ] {
            assert!(!found(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn a_contact_on_a_day_is_dated_but_a_share_is_not() {
        assert_eq!(found("growth check 2/5 done, no concerns"), vec!["2/5"]);
        assert_eq!(found("At 17:05 on 16/02 Mrs Lai arrived"), vec!["16/02"]);
        assert_eq!(found("immunisations given 1/3 at clinic"), vec!["1/3"]);
        assert!(found("rated 3/4 before and 1/4 after").is_empty());
        assert!(found("checked 2/5 of the files").is_empty());
        assert!(found("we reviewed 2/3 cases in the audit").is_empty());
    }

    #[test]
    fn numeric_and_iso_dates_are_found() {
        assert_eq!(found("was held on 03/06/2021 and"), vec!["on 03/06/2021"]);
        assert_eq!(found("saw Child A on 7.9.21 for"), vec!["on 7.9.21"]);
        assert_eq!(found("born 3-6-2021 at"), vec!["3-6-2021"]);
        assert_eq!(found("received on 2022-09-15."), vec!["2022-09-15"]);
        assert_eq!(found("at 2022-09-15T10:00 the"), vec!["2022-09-15T10:00"]);
        // Timestamps as exports and chat logs write them: a zone, seconds
        // with a fraction, the basic form without separators.
        assert_eq!(
            found(r#"{"utc":"2024-06-03T18:02:00Z","from":1}"#),
            vec!["2024-06-03T18:02:00Z"]
        );
        assert_eq!(
            found("sent 2021-11-30T07:45:12.250+01:00 by"),
            vec!["2021-11-30T07:45:12.250+01:00"]
        );
        assert_eq!(found("logged 19990101T0930Z."), vec!["19990101T0930Z"]);
        assert!(found("build 20241301T0930Z and 12345678T1234").is_empty());
        assert_eq!(found("born on 28/02/19 at"), vec!["on 28/02/19"]);
        assert_eq!(found("dated 09/15/2022 in US form"), vec!["09/15/2022"]);
    }

    #[test]
    fn the_second_day_of_a_range_is_a_day() {
        assert_eq!(found("door log for 28/8–3/10 sent"), ["28/8", "3/10"]);
        // Letters of any script before the joiner are no date.
        assert!(found("张伟–3/10 sent").is_empty());
        assert!(!found("scores rose from 4/10 to 7/10").contains(&"7/10".to_string()));
    }

    #[test]
    fn day_and_month_alone_with_a_slash_are_found() {
        assert_eq!(found("NB the 6/11 episode: the owner"), vec!["6/11"]);
        assert_eq!(found("| Contact family | SL | 19/10 |"), vec!["19/10"]);
        assert!(found("she rated it 3/10, cover 24/7, 3/4 of visits").is_empty());
        assert_eq!(found("**06/10** – mum phoned"), vec!["06/10"]);
        assert!(found("**7/10** practitioners agreed; **3/10** did not.").is_empty());
        assert_eq!(found("**21.9 p.m.** – home visit"), vec!["21.9 p.m"]);
        assert!(found("We met at 7.30 p.m. and 3.15 pm, and **3.2** Findings").is_empty());
        assert!(found("at 19/40 weeks, 50/50, Flat 2/1, P6/7 and 1.5/2").is_empty());
    }

    #[test]
    fn a_typed_log_entry_opens_with_its_date_and_its_writer() {
        assert_eq!(found("24/08 FK \u{2014} Breakfast club"), vec!["24/08"]);
        assert_eq!(found("notes\n3/10 JMcK: phoned mum"), vec!["3/10"]);
        assert_eq!(found("\n15/9 SH - followed up"), vec!["15/9"]);
        // A score or share opening a line names no writer.
        assert!(found("7/10 \u{2014} most agreed\n3/10 of them: no").is_empty());
        // Dotted as well, but only so: a decimal, a time or a section
        // number is written "12.10" too.
        assert_eq!(
            found("notes\n12.10 JMcK \u{2014} Named person meeting"),
            vec!["12.10"]
        );
        assert_eq!(found("- 3.11 SH: letter sent"), vec!["3.11"]);
        // Or between entries whose dates are written in full.
        assert_eq!(
            found("09/2/24 \u{2014} visit\n\n16.2 \u{2014} no answer\n\n23/02/2024 \u{2014} seen"),
            vec!["09/2/24", "16.2", "23/02/2024"]
        );
        assert!(
            found("3.1 \u{2014} Background\n\n3.2 \u{2014} Findings\n\n3.3 \u{2014} Actions")
                .is_empty()
        );
        assert!(
            found("met at 12.10 pm\n3.2 Findings \u{2014} the plan\n2.5 mg at 12.10 daily")
                .is_empty()
        );
        assert!(found("3.2 The NHS: what changed").is_empty());
    }

    #[test]
    fn a_day_and_month_after_a_word_that_takes_a_date_is_found() {
        assert_eq!(
            found("attendance 38%, missing since 5/10. They"),
            vec!["5/10"]
        );
        assert_eq!(
            found("off school from 3/10 until 9/10"),
            vec!["3/10", "9/10"]
        );
        // Scores out of ten stay scores.
        assert!(found("mood improved from 4/10 to 7/10 over the block").is_empty());
        assert!(found("she rated her pain 5/10, and 3/10 later").is_empty());
    }

    #[test]
    fn a_weekday_with_its_day_in_brackets_is_found() {
        assert_eq!(
            found("taken to ARI on Saturday night (18th) after"),
            vec!["Saturday night (18th)"]
        );
        assert_eq!(
            found("seen Friday (the 3rd), and"),
            vec!["Friday (the 3rd)"]
        );
        // A count in brackets is no day.
        assert!(found("groups on Monday (3) and Tuesday (12)").is_empty());
    }

    #[test]
    fn a_named_day_that_dates_an_event_is_found() {
        assert_eq!(
            found("on the night of Christmas Eve he"),
            vec!["Christmas Eve"]
        );
        assert_eq!(found("stayed until Boxing Day."), vec!["Boxing Day"]);
        assert!(found("over Christmas Eve and Christmas Day plans").is_empty());
        assert_eq!(
            found("I asked her about Boxing Day, alone"),
            vec!["Boxing Day"]
        );
        assert_eq!(found("- Hogmanay. The police came"), vec!["Hogmanay"]);
    }

    #[test]
    fn a_day_of_the_month_alone_is_found() {
        assert_eq!(
            found("Two times has had marks — 14/01 scratch on neck"),
            vec!["14/01"]
        );
        assert_eq!(found("he was seen on 20th and"), vec!["20th"]);
        assert_eq!(found("It was due by the 24th."), vec!["24th"]);
        assert!(found("on 3rd floor, the 21st century, the 2nd visit").is_empty());
        assert_eq!(found("Both children returned 21st. Seen"), vec!["21st"]);
        assert!(found("The team finished 3rd. It ranked 2nd.").is_empty());
    }

    #[test]
    fn a_day_after_a_part_of_a_day_or_before_a_clause_is_found() {
        assert_eq!(found("shouting on Sunday night 21st. Ross"), vec!["21st"]);
        assert_eq!(found("on the night of 16th/17th, notes"), vec!["16th"]);
        assert_eq!(
            found("stayed there \"the weekend of the 23rd\" and"),
            vec!["23rd"]
        );
        assert_eq!(found("Since the 27th there's been one call"), vec!["27th"]);
        assert_eq!(found("until the 3rd we had no news"), vec!["3rd"]);
        assert!(found("since the 19th century and from the 2nd floor").is_empty());
        assert!(found("the night of the 3rd round and the evening 2nd half").is_empty());
    }

    #[test]
    fn day_and_month_name_in_either_order_are_found() {
        assert_eq!(
            found("bruise on 14 March 2022 during"),
            vec!["14 March 2022"]
        );
        assert_eq!(
            found("took place on March 14, 2023."),
            vec!["March 14, 2023"]
        );
        assert_eq!(found("convened on 12-Jan-2023."), vec!["12-Jan-2023"]);
        assert_eq!(found("seen on 14 Mar 22 by"), vec!["14 Mar 22"]);
        assert_eq!(found("by Sept 3rd at the latest"), vec!["Sept 3rd"]);
        assert_eq!(
            found("between 14 and 16 March the"),
            vec!["14 and 16 March"]
        );
        assert_eq!(found("IN THE WEEK OF 3 MAY"), vec!["3 MAY"]);
    }

    #[test]
    fn days_written_in_words_are_found() {
        for (text, date) in [
            (
                "seen on the twenty-sixth of January, 2022.",
                "the twenty-sixth of January, 2022",
            ),
            (
                "on the fourteenth of August 2020 she",
                "the fourteenth of August 2020",
            ),
            ("November the third, 2019 was", "November the third, 2019"),
            ("on the first of may the", "the first of may"),
            ("by August fourteenth", "August fourteenth"),
            (
                "the thirty first day of December",
                "the thirty first day of December",
            ),
            ("dated 18.VII.2022 in the file", "18.VII.2022"),
            ("booked for 22nd Feb '22.", "22nd Feb '22"),
        ] {
            assert_eq!(found(text), vec![date], "{text}");
        }
        for text in [
            "the first March after the review",
            "the third may be harder",
            "In the second August of the period",
            "a first May meeting",
            "Class 3 I 2024 and 2 v 1",
            "the thirty-first of February",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn ordinals_and_weekdays_are_found() {
        assert_eq!(
            found("missed the appointment on the 3rd of June and"),
            vec!["on the 3rd of June"]
        );
        assert_eq!(
            found("arranged for the 1st of November 2021."),
            vec!["1st of November 2021"]
        );
        assert_eq!(
            found("drug service on 21st December."),
            vec!["21st December"]
        );
        assert_eq!(
            found("home on Saturday 9 October after"),
            vec!["Saturday 9 October"]
        );
        assert_eq!(found("disclosure on Wed 4 May and"), vec!["Wed 4 May"]);
        // Typed in lower case: a day only with an ordinal or a month.
        assert_eq!(
            found("starts at the base thurs 19th, ok"),
            vec!["thurs 19th"]
        );
        assert_eq!(found("seen fri 7 oct by GP"), vec!["fri 7 oct"]);
        assert!(found("pupils who sat 4 papers in the sun 3 days").is_empty());
        assert_eq!(
            found("bruise on Tuesday 14 March, and"),
            vec!["Tuesday 14 March"]
        );
        assert_eq!(
            found("seen on Tuesday the 14th when"),
            vec!["Tuesday the 14th"]
        );
        assert_eq!(found("seen on the 14th, and"), vec!["on the 14th"]);
        assert_eq!(found("on Friday, 14/03 the"), vec!["Friday, 14/03"]);
        assert_eq!(found("on Tuesday, March 14 the"), vec!["Tuesday, March 14"]);
    }

    #[test]
    fn a_month_and_day_before_a_clock_time_are_found() {
        assert_eq!(
            found("late pick-ups: Feb 3 17:55, April 9 18:20 (dad)"),
            vec!["Feb 3", "April 9"]
        );
        assert!(found("In June 14 referrals came in, 3:1 boys.").is_empty());
    }

    #[test]
    fn day_and_month_without_a_year_are_found() {
        assert_eq!(found("the visit on 14 March was"), vec!["14 March"]);
        assert_eq!(found("visited on 14/3 and"), vec!["on 14/3"]);
        assert_eq!(found("On June 14 the school"), vec!["June 14"]);
        assert_eq!(
            found("On the 3rd of that month she left."),
            vec!["On the 3rd"]
        );
        assert!(found("on the 3rd of 5 attempts").is_empty());
    }

    #[test]
    fn named_days_with_a_year_or_after_on_are_found() {
        assert_eq!(
            found("Police were called on Christmas Day and on Boxing Day 2021."),
            vec!["Christmas Day", "Boxing Day 2021"]
        );
        assert_eq!(found("Mother left on Hogmanay."), vec!["Hogmanay"]);
        assert!(found("Contact increased over Christmas and at Halloween.").is_empty());
    }

    #[test]
    fn month_and_year_academic_years_and_ranges_pass() {
        assert!(found("from January 2021 to March 2023, and in May 2022.").is_empty());
        assert!(found("Strategy 3 is due for review in 2026-09 and 09/2026.").is_empty());
        assert!(found("In 2021/22 and 2021-22 and 2019-2021 the CPC met.").is_empty());
        assert!(found("The meeting ran 10:00 to 12:30 over 3 days.").is_empty());
        assert!(found("The financial year 2023/24 saw 31 meetings.").is_empty());
    }

    #[test]
    fn may_and_march_as_verbs_pass() {
        assert!(found("Practitioners may 3 times a week review; they march on.").is_empty());
        assert!(found("It may be that 12 march in protest.").is_empty());
        assert!(
            found("In May 12 children were referred and in June 14 referrals arrived.").is_empty()
        );
    }

    #[test]
    fn flat_numbers_fractions_paragraphs_and_versions_pass() {
        assert!(
            found("The concern report related to an incident at 27/3 Bellfield Wynd.").is_empty()
        );
        assert!(found("Police attended Flat 2/1, 37 Rowan Street.").is_empty());
        assert!(found("The incident was on 27/3 Bellfield Wynd.").is_empty());
        assert!(found("This happened on 3/4 of occasions.").is_empty());
        assert!(found("See paragraph 3.2.14 and version 1.2.3.4 of the guidance.").is_empty());
        assert!(found("| 2.1 | Use one chronology |\n\nCommentary on 2.1 (Red).").is_empty());
        assert_eq!(
            found("2.1 Chronologies\n\nSeen on 14.3 by GP 1."),
            vec!["on 14.3"]
        );
        assert!(found("They lived on the 2nd floor and on the 3rd occasion left.").is_empty());
        assert!(found("Section 67 of the Children's Hearings (Scotland) Act 2011.").is_empty());
    }

    #[test]
    fn dates_after_a_numbering_word_on_another_line_or_cell_count() {
        assert_eq!(
            found("Ama: no\n[03/19/24 20:10] Ben: ok"),
            vec!["03/19/24 20:10"]
        );
        assert_eq!(
            found("| Fiona T. | 21.05.2024 | Done |"),
            vec!["21.05.2024"]
        );
        assert!(found("see para 3.2.14 below").is_empty());
        assert!(found("No. 12.10.21 in the list").is_empty());
    }

    #[test]
    fn dates_in_a_csv_row_are_found() {
        assert_eq!(
            found("EH-LL-240108-0117,08/01/2024,09/01/2024,Leith,Hazel"),
            ["08/01/2024", "09/01/2024"]
        );
        assert!(found("Totals 1,250,000 and 3,104/2024 budget").is_empty());
    }

    #[test]
    fn a_second_listed_day_and_a_day_before_am_are_dates() {
        assert_eq!(
            found("did not attend Saturday 27/9 or 4/10 lessons"),
            ["Saturday 27/9", "4/10"]
        );
        assert_eq!(found("Tenant agreed 20/2 AM for the engineer."), ["20/2"]);
        assert!(found("scored 3/10 and 4/10 in the quiz").is_empty());
        assert_eq!(
            found("escalating the Feb 3 and Feb 19 alerts by phone"),
            ["Feb 3", "Feb 19"]
        );
    }

    #[test]
    fn diary_columns_and_zero_padded_days_are_dates() {
        assert_eq!(found("14/8   Mum in at 9, tired"), vec!["14/8"]);
        assert_eq!(
            found("seen at the clinic 06/10 by the nurse"),
            vec!["06/10"]
        );
        assert!(found("mood today 6/10 and sleeping").is_empty());
        assert!(found("27/3 Bellfield Wynd").is_empty());
    }

    #[test]
    fn a_booking_systems_compact_date_is_a_date() {
        assert_eq!(
            found("Dep: 15JAN26 08:50     Ret: 15JAN26 14:10"),
            ["15JAN26", "15JAN26"]
        );
        assert!(found("Flight NI412 seat 12A, gate 32FEB").is_empty());
    }

    #[test]
    fn a_typed_weekday_day_and_month_and_days_logged_are_dates() {
        assert_eq!(found("**friday 2 may**\ni told her."), ["friday 2 may"]);
        assert_eq!(
            found("**tue 13 march** went to the group"),
            ["tue 13 march"]
        );
        assert_eq!(
            found("concerns logged 7/10, 9/10; referral made"),
            ["7/10", "9/10"]
        );
        assert!(found("She scored 7/10 and then 9/10 in the quiz.").is_empty());
    }
}
