//! A reference or registration found once is the same identifier wherever
//! else the text writes it. A student number is found after "Student ID:"
//! but not in a folder path or a web address further down, where nothing
//! says what it is; a case number after its label but not when a later
//! note repeats it alone. Each is as identifying there as where it was
//! first found.

use memchr::memmem;

use crate::findings::Kind;
use crate::gate::{Detector, Hit};

const MESSAGE: &str =
    "This is the same number as an identifier found elsewhere in this text; here too it points to one person or case.";

/// The shortest digit run searched for on its own: shorter runs (years,
/// counts, room numbers) repeat by chance.
const MIN_DIGITS: usize = 6;

pub struct RepeatedIdentifier;

/// What to look for again: the identifier as found, and its longest run of
/// digits when that run is long enough to be the identifier's core.
fn needles(found: &str) -> Vec<(String, bool)> {
    let digits = found.bytes().filter(u8::is_ascii_digit).count();
    let mut out = Vec::new();
    if found.len() >= 5 && digits >= 3 {
        out.push((found.to_string(), digits == found.len()));
    }
    let longest = found
        .split(|c: char| !c.is_ascii_digit())
        .max_by_key(|run| run.len())
        .unwrap_or("");
    if longest.len() >= MIN_DIGITS && longest != found {
        out.push((longest.to_string(), true));
    }
    out
}

/// `text[start..end]` stands apart: an identifier as found needs no letter
/// or digit beside it, a run of digits no digit (letters may be glued to
/// it, as in `name2231178`).
fn stands_apart(text: &str, start: usize, end: usize, digits_only: bool) -> bool {
    let joins = |c: char| {
        if digits_only {
            c.is_ascii_digit()
        } else {
            c.is_alphanumeric()
        }
    };
    !text[..start].chars().next_back().is_some_and(joins)
        && !text[end..].chars().next().is_some_and(joins)
}

impl Detector for RepeatedIdentifier {
    fn name(&self) -> &'static str {
        "repeated-identifier"
    }

    fn scan(&self, text: &str, hits: &mut Vec<Hit>) {
        let sources: Vec<(String, bool, Kind, crate::gate::Confidence)> = hits
            .iter()
            .filter(|h| matches!(h.kind, Kind::Reference | Kind::Vehicle))
            .flat_map(|h| {
                needles(&text[h.start..h.end])
                    .into_iter()
                    .map(move |(needle, digits_only)| (needle, digits_only, h.kind, h.confidence))
            })
            .collect();
        if sources.is_empty() {
            return;
        }
        let mut seen: Vec<&str> = Vec::new();
        let mut found = Vec::new();
        for (needle, digits_only, kind, confidence) in &sources {
            if seen.contains(&needle.as_str()) {
                continue;
            }
            seen.push(needle);
            for start in memmem::find_iter(text.as_bytes(), needle.as_bytes()) {
                let end = start + needle.len();
                if !stands_apart(text, start, end, *digits_only)
                    || hits
                        .iter()
                        .chain(&found)
                        .any(|h: &Hit| h.start < end && start < h.end)
                {
                    continue;
                }
                found.push(
                    Hit::new(start, end, *kind, "repeated-identifier", MESSAGE)
                        .with_confidence(*confidence),
                );
            }
        }
        hits.extend(found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gate::structured::Reference;

    fn found(text: &str) -> Vec<String> {
        let mut hits = Vec::new();
        Reference::new().scan(text, &mut hits);
        let first = hits.len();
        RepeatedIdentifier.scan(text, &mut hits);
        hits[first..]
            .iter()
            .map(|h| text[h.start..h.end].to_string())
            .collect()
    }

    #[test]
    fn a_number_found_by_its_label_is_found_again_without_it() {
        let text = "Pupil no: 5510382\n\nThe file is kept under /Guidance/5510382/ and the portal address ends pupil5510382.";
        assert_eq!(found(text), vec!["5510382", "5510382"]);
    }

    #[test]
    fn a_reference_with_punctuation_is_found_again_whole() {
        let text = "Rent account: 44-7120.\n\nThe officer visited twice in the spring and the family said that the boiler had been broken since the winter and that nobody had come to look at it although they had phoned many times and written to the office.\n\nThe letter quoted 44-7120 again, not 144-7120.";
        assert_eq!(found(text), vec!["44-7120"]);
    }

    #[test]
    fn other_numbers_and_longer_runs_are_not_the_identifier() {
        let text = "Case no: 5510382. Room 5510 and the number 55103829 are not it, nor is 2024.";
        assert!(found(text).is_empty());
    }

    #[test]
    fn without_a_found_identifier_nothing_is_searched() {
        assert!(found("The numbers 5510382 and 5510382 are not labelled.").is_empty());
    }
}
