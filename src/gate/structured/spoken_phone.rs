//! A phone number written as it is said: "oh seven seven double oh, nine
//! hundred, three one four". A note taken down from a call, or a number
//! spelled out to get past a filter, reaches the same person as the
//! digits.

use crate::findings::Kind;
use crate::gate::Hit;

const MESSAGE: &str =
    "This looks like a phone number written out in words, which reaches a person or household directly.";

/// The digits a spoken word stands for.
fn digits_of(word: &str) -> Option<&'static str> {
    Some(match word {
        "oh" | "o" | "zero" | "nought" => "0",
        "one" => "1",
        "two" => "2",
        "three" => "3",
        "four" => "4",
        "five" => "5",
        "six" => "6",
        "seven" => "7",
        "eight" => "8",
        "nine" => "9",
        _ => return None,
    })
}

/// Adds each phone number written in words: ten digits or more, the
/// first a nought, read from "oh" or "zero".
pub(super) fn find(text: &str, hits: &mut Vec<Hit>) {
    let bytes = text.as_bytes();
    let mut starts: Vec<usize> = Vec::new();
    // "oh", "zero", "Zero": two searches ("Oh" opens speech, not a number).
    starts.extend(memchr::memmem::find_iter(bytes, b"oh "));
    starts.extend(memchr::memmem::find_iter(bytes, b"ero ").filter_map(|at| {
        let start = at.checked_sub(1)?;
        matches!(bytes[start], b'z' | b'Z').then_some(start)
    }));
    if starts.is_empty() {
        return;
    }
    starts.sort_unstable();
    let mut done_to = 0;
    for start in starts {
        if start < done_to || (start > 0 && bytes[start - 1].is_ascii_alphanumeric()) {
            continue;
        }
        if let Some(end) = spoken_number_end(text, start) {
            hits.push(Hit::new(start, end, Kind::Phone, "spoken-phone", MESSAGE));
            done_to = end;
        }
    }
}

/// The end of a spoken phone number starting at `start`, if one is there.
fn spoken_number_end(text: &str, start: usize) -> Option<usize> {
    let mut digits = String::new();
    let mut at = start;
    let mut end = start;
    let mut repeat = 0;
    loop {
        let rest = &text[at..];
        let gap = rest.len() - rest.trim_start_matches([' ', ',', '-']).len();
        if gap > 3 || (at > start && gap == 0) {
            break;
        }
        let word_start = at + gap;
        let len = text[word_start..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(text.len() - word_start);
        if len == 0 {
            break;
        }
        let word = text[word_start..word_start + len].to_ascii_lowercase();
        let spoken: String = if word.bytes().all(|b| b.is_ascii_digit()) {
            word.clone()
        } else if word == "double" || word == "triple" {
            repeat = if word == "double" { 2 } else { 3 };
            at = word_start + len;
            continue;
        } else if word == "hundred" && !digits.is_empty() {
            "00".to_string()
        } else if let Some(d) = digits_of(&word) {
            d.repeat(repeat.max(1))
        } else {
            break;
        };
        repeat = 0;
        digits.push_str(&spoken);
        at = word_start + len;
        end = at;
        if digits.len() > 13 {
            return None;
        }
    }
    (digits.len() >= 10 && digits.starts_with('0')).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::find;

    fn found(text: &str) -> Vec<&str> {
        super::super::texts_found(find, text)
    }

    #[test]
    fn a_number_said_aloud_is_found() {
        assert_eq!(
            found("Her mobile is oh seven seven double oh, nine hundred, three one four (Mum)."),
            ["oh seven seven double oh, nine hundred, three one four"]
        );
        assert_eq!(
            found("zero one three eight two, four nine six oh two one"),
            ["zero one three eight two, four nine six oh two one"]
        );
    }

    #[test]
    fn counting_and_talk_are_not() {
        assert!(found("oh one, two, three and four of them").is_empty());
        assert!(found("She said oh no, zero tolerance, one two three").is_empty());
    }
}
