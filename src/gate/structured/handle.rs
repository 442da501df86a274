//! Social media handles written without their `@` (`jay_b2011`,
//! `kayz2011` "on Snapchat"): they lead to a person's profile as surely as
//! `@jay_b2011` does (which the URL detector finds).
//!
//! A word joined by an underscore (`lil_jay`, `x_tasha_x`) is a handle
//! wherever it stands: review prose has no other use for one. Letters run
//! into digits (`kayz2011`) are a handle only where a platform or an account
//! word comes just before; otherwise they are as often a product or a code.

use regex::Regex;

use super::util::{char_after, char_before, eq_any, words_before};
use crate::findings::Kind;
use crate::gate::{Detector, Hit, PreparedText};

pub struct Handle {
    underscored: Regex,
    numbered: Regex,
}

/// Words that make letters-and-digits a handle when they come shortly
/// before it.
const CUES: &[&str] = &[
    "snapchat",
    "snap",
    "instagram",
    "insta",
    "tiktok",
    "facebook",
    "twitter",
    "discord",
    "whatsapp",
    "roblox",
    "fortnite",
    "minecraft",
    "xbox",
    "playstation",
    "steam",
    "twitch",
    "youtube",
    "telegram",
    "gamertag",
    // A console network's id and a gaming tag: "gaming tag psn:
    // FilTheLion10", "his Yubo kai2010".
    "psn",
    "tag",
    "kik",
    "yubo",
    "reddit",
    "username",
    "handle",
    "handles",
    "account",
    "profile",
    "alias",
];

const MESSAGE: &str =
    "This looks like a social media handle, which leads straight to a person's online profile.";

impl Handle {
    pub fn new() -> Handle {
        Handle {
            underscored: Regex::new(r"^[A-Za-z0-9][A-Za-z0-9.]*_[A-Za-z0-9_.]*[A-Za-z0-9]$")
                .expect("handle regex"),
            numbered: Regex::new(r"^[A-Za-z][A-Za-z.]{1,20}[0-9]{2,4}[A-Za-z]{0,4}$")
                .expect("numbered handle regex"),
        }
    }
}

impl Default for Handle {
    fn default() -> Self {
        Handle::new()
    }
}

/// Part of a longer token (a URL, an email address, a path, an `@handle`).
fn glued(text: &str, start: usize, end: usize) -> bool {
    char_before(text, start).is_some_and(|c| {
        c.is_alphanumeric() || matches!(c, '@' | '/' | '.' | '_' | '-' | '=' | '#' | '\\' | ':')
    }) || char_after(text, end)
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '@' | '/' | '_' | '-' | '('))
}

/// A domain or file name rather than a handle: its last part is a common
/// top-level domain or file extension.
fn is_domain(s: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "com", "org", "net", "uk", "scot", "gov", "nhs", "pdf", "doc", "docx", "jpg", "png",
        "html", "htm", "txt", "csv", "xlsx", "md",
    ];
    s.rsplit('.')
        .next()
        .is_some_and(|last| ENDINGS.iter().any(|e| e.eq_ignore_ascii_case(last)))
}

/// `kyle.mcg.06`, `tash.x.99`: words joined by dots that end in a number.
/// No domain or file name ends in digits, and a version starts with one
/// (`v1.2.06`, `2.1.3`).
fn dotted_with_number(handle: &str) -> bool {
    let parts: Vec<&str> = handle.split('.').collect();
    let (last, first) = (parts[parts.len() - 1], parts[0]);
    parts.len() >= 3
        && !last.is_empty()
        && last.bytes().all(|b| b.is_ascii_digit())
        && first.len() >= 2
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| p.bytes().any(|b| b.is_ascii_alphabetic()))
}

/// A payment app's tag (`$kmcx1991`): a dollar sign glued to letters
/// then digits is no sum of money.
fn cashtag(text: &str, start: usize) -> bool {
    text[..start].ends_with('$')
        && text[..start - 1]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace)
}

fn cued(text: &str, start: usize) -> bool {
    words_before(text, start, 120)
        .take(12)
        .any(|w| eq_any(w, CUES))
}

impl Detector for Handle {
    fn name(&self) -> &'static str {
        "social-handle"
    }

    fn scan(&self, text: &str, hits: &mut Vec<Hit>) {
        self.scan_prepared(&PreparedText::new(text), hits)
    }

    fn scan_prepared(&self, prepared: &PreparedText<'_>, hits: &mut Vec<Hit>) {
        let text = prepared.text;
        // An underscore between letters or digits starts one; Markdown's
        // `_emphasis_` has a space or an end on one side.
        let bytes = text.as_bytes();
        let mut done_to = 0;
        for at in memchr::memchr_iter(b'_', bytes) {
            if at < done_to
                || at == 0
                || !bytes[at - 1].is_ascii_alphanumeric()
                || !bytes.get(at + 1).is_some_and(u8::is_ascii_alphanumeric)
            {
                continue;
            }
            let (start, end) = handle_bounds(bytes, at);
            done_to = end;
            {
                let handle = &text[start..end];
                if !self.underscored.is_match(handle)
                    || glued(text, start, end)
                    || !handle.bytes().any(|b| b.is_ascii_alphabetic())
                {
                    continue;
                }
                let hit = Hit::new(start, end, Kind::Url, "social-handle-bare", MESSAGE);
                let strong = handle.bytes().any(|b| b.is_ascii_digit()) || cued(text, start);
                hits.push(if strong { hit } else { hit.uncertain() });
            }
        }
        // A Discord tag (`jayb#4421`): a name, `#` and four digits.
        for at in memchr::memchr_iter(b'#', bytes) {
            let digits = bytes[at + 1..]
                .iter()
                .take(5)
                .take_while(|b| b.is_ascii_digit())
                .count();
            if at == 0
                || digits != 4
                || bytes.get(at + 5).is_some_and(|b| b.is_ascii_alphanumeric())
            {
                continue;
            }
            let mut start = at;
            while start > 0
                && at - start < 32
                && (bytes[start - 1].is_ascii_alphanumeric()
                    || matches!(bytes[start - 1], b'_' | b'.'))
            {
                start -= 1;
            }
            let name = &bytes[start..at];
            if name.len() >= 2
                && name.iter().any(u8::is_ascii_alphabetic)
                && !char_before(text, start).is_some_and(|c| c.is_alphanumeric() || c == '/')
            {
                hits.push(Hit::new(
                    start,
                    at + 5,
                    Kind::Url,
                    "social-handle-bare",
                    MESSAGE,
                ));
            }
        }
        // Dotted (`kelpie.moon`) and numbered (`kayz2011`) handles look like
        // file names, domains and codes: a dot between two letters or
        // digits, or a letter running into a digit, starts one, and it
        // counts only after a platform or account word.
        let dots = memchr::memchr_iter(b'.', bytes).filter(|&j| {
            j > 0
                && bytes[j - 1].is_ascii_alphanumeric()
                && bytes.get(j + 1).is_some_and(u8::is_ascii_alphanumeric)
        });
        let joins = super::util::letter_digit(prepared)
            .iter()
            .copied()
            .filter(|&j| bytes[j - 1].is_ascii_alphabetic() && bytes[j].is_ascii_digit());
        let mut starts: Vec<usize> = dots.chain(joins).collect();
        starts.sort_unstable();
        let mut done_to = 0;
        for j in starts {
            if j < done_to {
                continue;
            }
            let (start, end) = handle_bounds(bytes, j);
            done_to = end;
            let handle = &text[start..end];
            let shape = || {
                if handle.contains('.') {
                    bytes[start].is_ascii_alphabetic()
                        && !handle.split('.').all(|p| p.len() < 3)
                        && !handle.starts_with("www")
                        && !is_domain(handle)
                } else {
                    self.numbered.is_match(handle)
                }
            };
            let placed = || {
                handle.bytes().any(|b| b.is_ascii_lowercase())
                    && !glued(text, start, end)
                    && (cued(text, start)
                        || dotted_with_number(handle)
                        || cashtag(text, start)
                        || speaker_label(text, start, end))
            };
            // "bl0ckhead", "justice4amber": a digit for a letter or a word
            // inside a lower-case word is how a user name is made, in a
            // table's cell or before a chat line's colon as anywhere.
            if !(leet(handle) || (shape() && placed())) {
                continue;
            }
            hits.push(Hit::new(
                start,
                end,
                Kind::Url,
                "social-handle-bare",
                MESSAGE,
            ));
        }
        system_users(text, hits);
        logged_logins(text, hits);
    }
}

/// Lower-case letters with one digit that stands for a letter or a word
/// between them ("bl0ckhead", "sk8rboi", "justice4amber"): a user name's
/// spelling. "what3words" is the service's own name.
fn leet(handle: &str) -> bool {
    let bytes = handle.as_bytes();
    let Some(d) = bytes.iter().position(u8::is_ascii_digit) else {
        return false;
    };
    // One digit only.
    bytes.iter().rposition(u8::is_ascii_digit) == Some(d)
        && bytes.len() >= 6
        && matches!(bytes[d], b'0' | b'1' | b'3' | b'4' | b'5' | b'7' | b'8')
        && d >= 2
        && bytes.len() - d > 2
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && handle != "what3words"
}

/// A log's writer by login: in square brackets after the entry's date
/// ("15/11/2023 [dmcinnes] DHP pending", "[sfleming, Team Leader]"), or
/// after a login's label ("login: lmcgowan", "User: RBN\\dmcinnes"). A
/// login there is a practitioner; an English word ("[sic]", "[redacted]")
/// is an editor's.
fn logged_logins(text: &str, hits: &mut Vec<Hit>) {
    let bytes = text.as_bytes();
    let login_at = |start: usize| {
        let end = start
            + bytes[start..]
                .iter()
                .take_while(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
                })
                .count();
        let user = &text[start..end];
        let letters = user.bytes().filter(u8::is_ascii_lowercase).count();
        (letters >= 4
            && user.len() <= 24
            && bytes[start].is_ascii_lowercase()
            && !crate::gate::names::is_english_word(user)
            && !char_after(text, end).is_some_and(|c| c.is_alphanumeric()))
        .then_some(end)
    };
    let mut found = Vec::new();
    for open in memchr::memchr_iter(b'[', bytes) {
        let start = open + 1;
        let Some(end) = login_at(start) else {
            continue;
        };
        if !matches!(bytes.get(end), Some(b']' | b',')) {
            continue;
        }
        // The entry's date or time before it on its line.
        let line_start = text[..open].rfind('\n').map_or(0, |k| k + 1);
        let lead = text[line_start..open].trim_end();
        if lead.ends_with(|c: char| c.is_ascii_digit()) && lead.len() <= 24 {
            found.push((start, end));
        }
    }
    const LABELS: [&str; 8] = [
        "login:",
        "Login:",
        "LOGIN:",
        "User:",
        "user:",
        "USER:",
        "Username:",
        "username:",
    ];
    // Each label ends at its only colon: one pass over the colons finds
    // every label (eight passes over the text did), taken label by label
    // as those passes did.
    let mut labelled: Vec<(usize, usize)> = Vec::new();
    for colon in memchr::memchr_iter(b':', bytes) {
        for (k, label) in LABELS.iter().enumerate() {
            let word = &label.as_bytes()[..label.len() - 1];
            if bytes[..colon].ends_with(word) {
                labelled.push((k, colon - word.len()));
            }
        }
    }
    labelled.sort_unstable();
    for (k, at) in labelled {
        let label = LABELS[k];
        if char_before(text, at).is_some_and(|c| c.is_alphanumeric()) {
            continue;
        }
        let mut start = at + label.len();
        while bytes.get(start) == Some(&b' ') {
            start += 1;
        }
        // A Windows domain before the login: "RBN\dmcinnes".
        let domain = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if domain > 0 && bytes.get(start + domain) == Some(&b'\\') {
            start += domain + 1;
        }
        if let Some(end) = login_at(start) {
            found.push((start, end));
        }
    }
    for (start, end) in found {
        if hits.iter().any(|h| h.start < end && start < h.end) {
            continue;
        }
        hits.push(
            Hit::new(
                start,
                end,
                Kind::PersonName,
                "system-user",
                "This looks like a user name in a system's log, which is a practitioner's login; remove it.",
            )
            .uncertain(),
        );
    }
}

/// Extensions of files a line may open with ("notes.txt: …").
const FILE_ENDINGS: &[&str] = &[
    "txt", "md", "html", "htm", "toml", "json", "pdf", "doc", "docx", "csv", "xlsx", "rs", "py",
    "js", "png", "jpg", "jpeg", "zip", "log",
];

/// A message's sender in a transcript: the handle opens its line (after
/// a timestamp in brackets, if any) and a colon follows ("oana.dum: at
/// roxana's").
fn speaker_label(text: &str, start: usize, end: usize) -> bool {
    if !text[end..].starts_with(": ") {
        return false;
    }
    let handle = &text[start..end];
    if handle
        .rsplit('.')
        .next()
        .is_some_and(|last| FILE_ENDINGS.contains(&last.to_ascii_lowercase().as_str()))
    {
        return false;
    }
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let prefix = text[line_start..start].trim();
    prefix.is_empty() || (prefix.starts_with('[') && prefix.ends_with(']'))
}

/// Words of a system's footer that name who made the page ("Printed … by
/// lshepherd01", "Exported 20/06/2023 by abutton").
const FOOTER_WORDS: &[&str] = &[
    "printed",
    "print",
    "export",
    "extract",
    "extracted",
    "exported",
    "generated",
    "created",
    "downloaded",
    "produced",
    "modified",
    "edited",
    "updated",
    "entered",
    "authorised",
    "authorized",
    "approved",
    "logged",
    "run",
];

/// Words between "by" and a login that say it is one: "by user jmcgarvey",
/// "by username: kbrodie_sw".
const USER_CUES: &[&str] = &["user", "username", "userid", "login", "operator"];

/// A system's user name after "by" in a footer: lower case, no English
/// word (`by post`, `by hand` pass), on a line that says the record was
/// printed, exported or edited. It is a person's login. After "by user"
/// the cue says so on any line and in any case ("by user JMcG"); only an
/// English word passes ("by user request").
fn system_users(text: &str, hits: &mut Vec<Hit>) {
    let bytes = text.as_bytes();
    for at in memchr::memmem::find_iter(bytes, b" by") {
        // "by kdonald", "Printed by: k.mcbride".
        let mut start = at + 3;
        match bytes.get(start) {
            Some(b' ') => start += 1,
            Some(b':') if bytes.get(start + 1) == Some(&b' ') => start += 2,
            _ => continue,
        }
        while bytes.get(start) == Some(&b' ') {
            start += 1;
        }
        let cue_len = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        let cued = cue_len > 0 && eq_any(&text[start..start + cue_len], USER_CUES) && {
            let after_cue = &bytes[start + cue_len..];
            let gap = after_cue
                .iter()
                .take_while(|&&b| b == b':' || b == b' ')
                .count();
            gap > 0 && after_cue[..gap].contains(&b' ')
        };
        if cued {
            start += cue_len;
            while bytes.get(start).is_some_and(|b| matches!(b, b':' | b' ')) {
                start += 1;
            }
            // "by user `amcinnes`": a login set in code.
            if bytes.get(start) == Some(&b'`') {
                start += 1;
            }
        }
        let end = start
            + bytes[start..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
                .count();
        let mut end = end;
        while end > start && matches!(bytes[end - 1], b'.' | b'-' | b'_') {
            end -= 1;
        }
        let user = &text[start..end];
        if !(3..=24).contains(&user.len())
            || !(cued
                || (bytes[start].is_ascii_lowercase()
                    && !user.bytes().any(|b| b.is_ascii_uppercase())))
        {
            continue;
        }
        let letters: String = user.chars().filter(char::is_ascii_alphabetic).collect();
        if letters.len() < 3
            || crate::gate::names::is_english_word(user)
            || !(cued || crate::gate::names::looks_like_login(user, &text[end..]))
        {
            continue;
        }
        let line_start = text[..at].rfind('\n').map_or(0, |k| k + 1);
        let footer = || {
            user.len() >= 4
                && words_before(text, start, (start - line_start).min(120))
                    .take(8)
                    .any(|w| eq_any(w, FOOTER_WORDS))
        };
        if !cued && !footer() {
            continue;
        }
        hits.push(
            Hit::new(
                start,
                end,
                Kind::PersonName,
                "system-user",
                "This looks like a user name in a system's footer, which is a practitioner's login; remove it.",
            )
            .uncertain(),
        );
    }
}

/// The run of letters, digits, dots and underscores around byte `at`,
/// without a dot at either end.
fn handle_bounds(bytes: &[u8], at: usize) -> (usize, usize) {
    let part = |b: u8| b.is_ascii_alphanumeric() || b == b'.' || b == b'_';
    let mut start = at;
    while start > 0 && part(bytes[start - 1]) {
        start -= 1;
    }
    let mut end = at;
    while end < bytes.len() && part(bytes[end]) {
        end += 1;
    }
    while start < end && bytes[start] == b'.' {
        start += 1;
    }
    while end > start && bytes[end - 1] == b'.' {
        end -= 1;
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let mut hits = Vec::new();
        Handle::new().scan(text, &mut hits);
        hits.iter().map(|h| &text[h.start..h.end]).collect()
    }

    #[test]
    fn user_names_in_footers_are_found() {
        assert_eq!(
            found("*Printed 01-02-2024 10:02 by mgrant02 (SWIS)*"),
            vec!["mgrant02"]
        );
        assert_eq!(
            found("Report exported 3/4/2024 by kdonald."),
            vec!["kdonald"]
        );
        assert!(found("It was sent by post and printed by hand. Updated by email.").is_empty());
        assert!(found("She was seen by abutton later").is_empty());
    }

    #[test]
    fn logins_in_a_logs_brackets_or_after_their_label_are_found() {
        assert_eq!(
            found(
                "15/11/2023 [dmcinnes] DHP pending\n12/01/2024 [sfleming, Team Leader] Escalated"
            ),
            ["dmcinnes", "sfleming"]
        );
        assert_eq!(
            found(
                "Export run: 14/03/2024 08:12 by reception (login: lmcgowan)\nUser: RBN\\dmcinnes"
            ),
            ["lmcgowan", "dmcinnes"]
        );
        assert!(
            found("He said [sic] and 2024 [redacted] and see [note] and User: Guest").is_empty()
        );
    }

    #[test]
    fn a_login_after_by_user_is_found_on_any_line() {
        assert_eq!(
            found("CASE NOTES (from CarePoint, 09/02/2026, by user rmcintyre)"),
            ["rmcintyre"]
        );
        assert_eq!(found("Closed by username: TBelford on 3/4."), ["TBelford"]);
        assert_eq!(found("Amended by user JMcK."), ["JMcK"]);
        assert_eq!(
            found("Exported 2026-08-14 by user `amcinnes`"),
            ["amcinnes"]
        );
        assert_eq!(
            found("Printed by: k.mcbride (Admin)   Print ref: 4471"),
            ["k.mcbride"]
        );
        assert_eq!(
            found("records held on CharityLog, export 2025-10-06 09:31 by nkaur)"),
            ["nkaur"]
        );
        assert!(found("Changed by user request, reviewed by operator error.").is_empty());
        assert!(found("It was chosen by users and by login name.").is_empty());
    }

    #[test]
    fn discord_tags_are_handles() {
        assert_eq!(found("his Discord was jayb#4421 and"), ["jayb#4421"]);
        assert!(found("see #1234, issue#12345, C#, item 3#4421 and /x#1234").is_empty());
    }

    #[test]
    fn a_sender_opening_a_transcript_line_is_a_handle() {
        assert_eq!(
            found("mara.kov: where are u\n[21:04] lee.w: here"),
            ["mara.kov", "lee.w"]
        );
        assert!(found("notes.txt: the file\nSee also: x.y").is_empty());
    }

    #[test]
    fn a_digit_for_a_letter_inside_a_word_is_a_handle() {
        assert_eq!(
            found("| bl0ckhead | Ahmed | 11 |\n12:01 #general sk8rboi: hi"),
            ["bl0ckhead", "sk8rboi"]
        );
        assert!(found("Use what3words, covid19, a 4x4, mp3s, h2o, b2b and area51.").is_empty());
    }

    #[test]
    fn dotted_names_ending_in_a_number_are_handles() {
        let mut hits = Vec::new();
        let text = "| Online | First contact from kyle.mcg.06 | and version v1.2.06, file a.b.pdf";
        Handle::new().scan(text, &mut hits);
        let found: Vec<&str> = hits.iter().map(|h| &text[h.start..h.end]).collect();
        assert_eq!(found, ["kyle.mcg.06"]);
    }

    #[test]
    fn dotted_handles_after_a_platform_word_are_found() {
        assert_eq!(
            found("She used the handles lil.zee.x on Instagram."),
            ["lil.zee.x"]
        );
        assert_eq!(
            found("Her Discord name was kelpie.moon and"),
            ["kelpie.moon"]
        );
        assert_eq!(found("a TikTok (honeyb.kelbie) where"), ["honeyb.kelbie"]);
        assert!(found("The account. It was gov.scot and report.pdf, e.g. this.").is_empty());
    }

    #[test]
    fn handles_without_an_at_sign_are_found() {
        assert_eq!(
            found("He messaged on Snapchat as jay_b2011 every night."),
            ["jay_b2011"]
        );
        assert_eq!(found("her account was x_tasha_x."), ["x_tasha_x"]);
        assert_eq!(
            found("added him on Instagram (kayz2011) that week"),
            ["kayz2011"]
        );
        assert_eq!(found("his gamertag, Dunc99, was known"), ["Dunc99"]);
        assert_eq!(
            found("gave his psn: RoryTheBear07 to keep"),
            ["RoryTheBear07"]
        );
    }

    #[test]
    fn codes_links_and_emphasis_pass() {
        for s in [
            "See https://example.org/a_b_c and jo_b@example.org or @jay_b2011.",
            "The _emphasis_ and __bold__ stayed.",
            "Pupils in S4 and P7 used Snapchat in 2021 and COVID19 rules.",
            "They met in 2019 and talked online about Year 10 work.",
        ] {
            assert!(found(s).is_empty(), "{s}: {:?}", found(s));
        }
    }
}
