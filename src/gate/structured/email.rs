//! Email addresses, including ones written with `[at]` / `(dot)` to dodge
//! harvesters, which identify their owner just as well.

use regex::Regex;

use super::util::char_before;
use crate::findings::Kind;
use crate::gate::{Detector, Hit};

pub struct Email {
    plain: Regex,
    spelled: Regex,
    worded: Regex,
}

/// Top-level domains (and the second levels of `co.uk` and the like) that
/// end an address written in words: "jay at example dot com".
const TLDS: &[&str] = &[
    "com", "org", "net", "uk", "scot", "ie", "pl", "ro", "lt", "lv", "ee", "de", "nl", "fr", "es",
    "it", "pt", "info", "me", "io", "eu", "gov", "edu", "biz", "co", "in", "pk", "bd", "ng", "gh",
    "cn", "ua", "so", "er", "sy", "iq", "ca", "au", "us", "live", "mail", "online",
];

/// Whether `rest`, the text after an opening bracket, starts with a
/// spelled-out "at" and its closing bracket (`at]`, ` AT )`…): text
/// without one never reaches the spelled-out regex.
fn is_spelled_at(rest: &str) -> bool {
    let rest = rest.trim_start_matches([' ', '\u{a0}']);
    let Some(word) = rest.get(..2) else {
        return false;
    };
    word.eq_ignore_ascii_case("at")
        && rest[2..]
            .trim_start_matches([' ', '\u{a0}'])
            .starts_with([']', ')', '}'])
}

const MESSAGE: &str =
    "This looks like an email address, which reaches and usually names one person.";

impl Email {
    pub fn new() -> Email {
        let plain = Regex::new(concat!(
            r"[A-Za-z0-9!#$%&'*+=?^_`{}~\-]+(?:\.[A-Za-z0-9!#$%&'*+=?^_`{}~\-]+)*",
            r"[ \u{a0}]?@[ \u{a0}]?",
            r"[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}",
        ))
        .expect("email regex");
        let spelled = Regex::new(concat!(
            r"[A-Za-z0-9._%+\-]+[ \u{a0}]*[\[({][ \u{a0}]*(?i:at)[ \u{a0}]*[\])}][ \u{a0}]*",
            r"[A-Za-z0-9\-]+(?:[ \u{a0}]*(?:[\[({][ \u{a0}]*(?i:dot)[ \u{a0}]*[\])}]|\.)[ \u{a0}]*[A-Za-z0-9\-]+)+",
        ))
        .expect("spelled email regex");
        // Every separator a word: "jay dot b at gmail dot com".
        let worded = Regex::new(concat!(
            r"(?i)[a-z0-9][a-z0-9._+\-]*(?:[ \u{a0}]+dot[ \u{a0}]+[a-z0-9][a-z0-9_+\-]*)*",
            r"[ \u{a0}]+(?:at|\[at\]|\(at\))[ \u{a0}]+",
            r"[a-z0-9][a-z0-9\-]*(?:[ \u{a0}]+dot[ \u{a0}]+[a-z0-9][a-z0-9\-]*)+",
        ))
        .expect("worded email regex");
        Email {
            plain,
            spelled,
            worded,
        }
    }
}

impl Default for Email {
    fn default() -> Self {
        Email::new()
    }
}

impl Detector for Email {
    fn name(&self) -> &'static str {
        "email"
    }

    fn scan(&self, text: &str, hits: &mut Vec<Hit>) {
        let from = hits.len();
        // memchr finds the markers at memory speed; an automaton over six
        // short patterns walked every byte.
        let bytes = text.as_bytes();
        let at_sign = memchr::memchr(b'@', bytes).is_some();
        let spelled_at = memchr::memchr3_iter(b'[', b'(', b'{', bytes)
            .any(|open| is_spelled_at(&text[open + 1..]));
        if at_sign {
            for m in self.plain.find_iter(text) {
                // Markdown or quoting may put `'` or `` ` `` before the address;
                // they are not part of it.
                let trimmed = m.as_str().trim_start_matches(['\'', '`', '{', '}']);
                let start = m.end() - trimmed.len();
                if trimmed.starts_with('@') {
                    continue;
                }
                // `user @ domain` only counts with no space on one side at least,
                // so "we met @ the school" style text passes.
                if trimmed.contains(" @ ") || trimmed.contains("\u{a0}@\u{a0}") {
                    continue;
                }
                hits.push(Hit::new(start, m.end(), Kind::Email, "email", MESSAGE));
            }
        }
        let dot_word = memchr::memmem::find(bytes, b" dot ").is_some()
            || memchr::memmem::find(bytes, b" DOT ").is_some()
            || memchr::memmem::find(bytes, b" Dot ").is_some();
        if dot_word {
            for m in self.worded.find_iter(text) {
                let last = m.as_str().rsplit([' ', '\u{a0}']).next().unwrap_or("");
                if char_before(text, m.start()).is_some_and(|c| c.is_alphanumeric())
                    || !TLDS.iter().any(|t| t.eq_ignore_ascii_case(last))
                {
                    continue;
                }
                hits.push(Hit::new(
                    m.start(),
                    m.end(),
                    Kind::Email,
                    "email-in-words",
                    "This looks like an email address written out in words, which still reaches one person.",
                ));
            }
        }
        if spelled_at {
            for m in self.spelled.find_iter(text) {
                if char_before(text, m.start()).is_some_and(|c| c.is_alphanumeric()) {
                    continue;
                }
                hits.push(Hit::new(
                    m.start(),
                    m.end(),
                    Kind::Email,
                    "email-spelled-out",
                    "This looks like an email address written out with [at] and [dot], which still reaches one person.",
                ));
            }
        }
        super::email_at::find(text, hits, from, TLDS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        let mut hits = Vec::new();
        Email::new().scan(text, &mut hits);
        assert!(hits.iter().all(|h| h.kind == Kind::Email));
        hits.into_iter()
            .map(|h| text[h.start..h.end].to_string())
            .collect()
    }

    #[test]
    fn addresses_in_any_case_and_punctuation_are_found() {
        assert_eq!(
            found("Mother at leanne.b84@example.org about"),
            vec!["leanne.b84@example.org"]
        );
        assert_eq!(
            found("as KERR.FAMILY@EXAMPLE.ORG on"),
            vec!["KERR.FAMILY@EXAMPLE.ORG"]
        );
        assert_eq!(
            found("from <s.quinn@example.org> on"),
            vec!["s.quinn@example.org"]
        );
        assert_eq!(
            found("to mailto:gran.jean@example.org by"),
            vec!["gran.jean@example.org"]
        );
        assert_eq!(
            found("to family.support+b@example.org rather"),
            vec!["family.support+b@example.org"]
        );
        assert_eq!(
            found("was sent to stacey.c.1990@example.org."),
            vec!["stacey.c.1990@example.org"]
        );
        assert_eq!(
            found("school email j.smith@school.sch.uk."),
            vec!["j.smith@school.sch.uk"]
        );
    }

    #[test]
    fn spelled_out_addresses_are_found() {
        assert_eq!(
            found("write to jo.b [at] example [dot] org today"),
            vec!["jo.b [at] example [dot] org"]
        );
        assert_eq!(
            found("write to jo.b(at)example.org today"),
            vec!["jo.b(at)example.org"]
        );
    }

    #[test]
    fn addresses_written_in_words_are_found() {
        assert_eq!(
            found("email jay at example dot com or"),
            vec!["jay at example dot com"]
        );
        assert_eq!(
            found("it was jay dot b at gmail dot co dot uk then"),
            vec!["jay dot b at gmail dot co dot uk"]
        );
        assert_eq!(
            found("as kayz (at) hotmail dot com,"),
            vec!["kayz (at) hotmail dot com"]
        );
        assert!(found("We met at school; the dot com era is over.").is_empty());
        assert!(found("look at the dot on the map at home dot").is_empty());
    }

    #[test]
    fn at_signs_and_brackets_in_prose_pass() {
        assert!(found("We met @ the school and spoke (at length) with staff.").is_empty());
        assert!(found("@handle without a domain").is_empty());
        assert!(found("Meeting held (at the school).").is_empty());
    }
}
