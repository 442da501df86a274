//! The rest of a series written as its last digits: "licences
//! PL-FIFE-2025-0331 to -0338", "Dami PL-FIFE-2025-0331; Sonia -0332;
//! Kwame -0333". Each short form is one child's number, as the full one is.

use crate::findings::Kind;
use crate::gate::Hit;

const MESSAGE: &str = "This looks like the end of a case or reference number written in full nearby, which links straight to one family's records.";

/// Adds to `hits` the short forms ("-0332") in the paragraph after each
/// reference found from `hits[from..]` that ends in a hyphen and three
/// digits or more.
pub(super) fn continuations(text: &str, hits: &mut Vec<Hit>, from: usize) {
    let bytes = text.as_bytes();
    let mut added = Vec::new();
    for hit in &hits[from..] {
        if hit.kind != Kind::Reference {
            continue;
        }
        let code = &bytes[hit.start..hit.end];
        let digits = code.iter().rev().take_while(|b| b.is_ascii_digit()).count();
        if digits < 3 || digits == code.len() || code[code.len() - digits - 1] != b'-' {
            continue;
        }
        let paragraph_end =
            memchr::memmem::find(&bytes[hit.end..], b"\n\n").map_or(bytes.len(), |k| hit.end + k);
        let mut at = hit.end;
        while let Some(k) = memchr::memmem::find(&bytes[at..paragraph_end], b" -") {
            let dash = at + k + 1;
            let run = bytes[dash + 1..paragraph_end]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            let end = dash + 1 + run;
            let apart = !bytes.get(end).is_some_and(u8::is_ascii_alphanumeric);
            if run == digits && apart && !added.iter().any(|h: &Hit| h.start == dash) {
                added.push(
                    Hit::new(dash, end, Kind::Reference, "series-reference", MESSAGE).uncertain(),
                );
            }
            at = dash + 1;
        }
    }
    hits.extend(added);
}

#[cfg(test)]
mod tests {
    use super::continuations;
    use crate::findings::Kind;
    use crate::gate::Hit;

    fn found(text: &str, code: &str) -> Vec<String> {
        let s = text.find(code).unwrap();
        let mut hits = vec![Hit::new(s, s + code.len(), Kind::Reference, "r", "m")];
        continuations(text, &mut hits, 0);
        hits[1..]
            .iter()
            .map(|h| text[h.start..h.end].to_string())
            .collect()
    }

    #[test]
    fn a_series_written_by_its_last_digits_is_found() {
        assert_eq!(
            found("Licences PL-FIFE-2025-0331 to -0338.", "PL-FIFE-2025-0331"),
            ["-0338"]
        );
        assert_eq!(
            found(
                "Dami PL-F-2025-0331; Sonia -0332; Kwame -0333.",
                "PL-F-2025-0331"
            ),
            ["-0332", "-0333"]
        );
    }

    #[test]
    fn other_numbers_after_a_dash_are_not() {
        assert!(found("Ref AB-0331, a range of -12 to -40.", "AB-0331").is_empty());
        assert!(found("Ref AB-0331.\n\nNext -0332", "AB-0331").is_empty());
        assert!(found("Ref AB/0331 then -0332", "AB/0331").is_empty());
    }
}
