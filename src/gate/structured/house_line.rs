//! The lines of an address written before its postcode in one field: a
//! CSV cell, a table cell, a bracket or a labelled line ("\"Tigh an Uillt,
//! Bowmore PA43 7JH\"", "(Croit 7, Iochdar, South Uist HS8 5QX)"). A house
//! name, a croft or a house number with its village is no street the
//! street detector knows, but standing before a postcode it is the
//! family's home. A post office box is an address too.

use crate::findings::Kind;
use crate::gate::Hit;

const MESSAGE: &str =
    "This looks like the first lines of a home address, written before its postcode; leave the address out.";

/// What comes before "Box" in a post office box, in any case.
const PO_LABELS: &[&[u8]] = &[b"PO ", b"P.O. "];

const PO_BOX_MESSAGE: &str =
    "This is a post office box, which reaches the person or refuge that holds it; leave it out.";

/// Lower-case words an address line holds between capitalised ones
/// ("Tigh an Uillt", "Isle of Barra", "Ceann a' Bhàigh").
const PARTICLES: &[&str] = &[
    "an", "a'", "na", "nan", "of", "on", "the", "am", "le", "de", "upon",
];

/// Adds the address lines before each postcode in `hits[from..]`.
pub(super) fn find(text: &str, hits: &mut Vec<Hit>, from: usize) {
    let mut added = Vec::new();
    for hit in &hits[from..] {
        if hit.kind != Kind::Postcode || hit.rule != "postcode" {
            continue;
        }
        if let Some(start) = field_start(text, hit.start) {
            let end = text[..hit.start].trim_end_matches([' ', ',']).len();
            if start < end {
                added.push(Hit::new(
                    start,
                    end,
                    Kind::Address,
                    "address-before-postcode",
                    MESSAGE,
                ));
            }
        }
    }
    hits.extend(added);
}

/// Adds each post office box ("PO Box 4417", "P.O. Box 12"): a refuge or
/// a family gives one instead of the home's address, and it reaches them
/// as surely.
pub(super) fn po_boxes(text: &str, hits: &mut Vec<Hit>) {
    let bytes = text.as_bytes();
    // "PO Box", "P.O. Box", "PO BOX", "po box": one search for the box.
    const BOX_WORDS: [&str; 3] = ["Box ", "BOX ", "box "];
    static SEARCH: std::sync::OnceLock<super::util::WordSearch> = std::sync::OnceLock::new();
    let places = SEARCH
        .get_or_init(|| super::util::WordSearch::new(&BOX_WORDS))
        .places(text);
    for (box_word, places) in BOX_WORDS.map(str::as_bytes).into_iter().zip(places) {
        for found in places {
            // Compared as bytes: the bytes before may end inside a character.
            let before = &bytes[..found];
            let Some(label) = PO_LABELS.iter().find(|l| {
                before.len() >= l.len() && before[before.len() - l.len()..].eq_ignore_ascii_case(l)
            }) else {
                continue;
            };
            let at = found - label.len();
            if at > 0 && bytes[at - 1].is_ascii_alphanumeric() {
                continue;
            }
            let digits_at = found + box_word.len();
            let digits = bytes[digits_at..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            let end = digits_at + digits;
            if digits == 0 || bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                continue;
            }
            if !hits.iter().any(|h| h.start < end && at < h.end) {
                hits.push(Hit::new(at, end, Kind::Address, "po-box", PO_BOX_MESSAGE));
            }
        }
    }
}

/// Where the field holding the postcode at `at` begins, when everything
/// between is one to three address lines.
fn field_start(text: &str, at: usize) -> Option<usize> {
    let line_start = text[..at].rfind('\n').map_or(0, |k| k + 1);
    let before = &text[line_start..at];
    let open = before
        .rfind(['"', '“', '(', '|', ';', ':'])
        .map(|k| k + before[k..].chars().next().map_or(1, char::len_utf8));
    // A label before a colon ("Address: …") or a cell's edge; at a line's
    // start only a short line (the address on its own line).
    let from = match open {
        Some(k) => line_start + k,
        None if before.split_whitespace().count() <= 8 => line_start,
        None => return None,
    };
    let field = &text[from..at];
    let lead = field.len() - field.trim_start().len();
    let lines: Vec<&str> = field.trim().trim_end_matches(',').split(',').collect();
    if field.trim().is_empty() || lines.len() > 3 {
        return None;
    }
    let line_ok = |line: &str| {
        let words: Vec<&str> = line.split_whitespace().collect();
        !words.is_empty()
            && words.len() <= 5
            && words.iter().all(|w| {
                w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                    || PARTICLES.contains(w)
            })
            && words[0].starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
    };
    lines.iter().all(|l| line_ok(l)).then_some(from + lead)
}

#[cfg(test)]
mod tests {
    use super::field_start;

    fn lines<'a>(text: &'a str, postcode: &str) -> Option<&'a str> {
        let at = text.find(postcode).unwrap();
        field_start(text, at).map(|s| text[s..at].trim_end_matches([' ', ',']))
    }

    #[test]
    fn house_names_crofts_and_villages_before_a_postcode_are_found() {
        assert_eq!(
            lines(
                "D24;N. Akhtar;\"Tigh an Uillt, Bowmore PA43 7JH\";inh",
                "PA43"
            ),
            Some("Tigh an Uillt, Bowmore")
        );
        assert_eq!(
            lines(
                "Seonaid,\"Croit 7, Iochdar, South Uist HS8 5QX\",coach",
                "HS8"
            ),
            Some("Croit 7, Iochdar, South Uist")
        );
        assert_eq!(
            lines("| Hope | 22 Castlebay, Isle of Barra HS9 5XD |", "HS9"),
            Some("22 Castlebay, Isle of Barra")
        );
        assert_eq!(
            lines("Address: The Old Manse, Portnahaven PA47 7SJ", "PA47"),
            Some("The Old Manse, Portnahaven")
        );
    }

    #[test]
    fn a_post_office_box_is_an_address() {
        let text = "office — at PO Box 4417, Stirling FK7 7ZZ; a —Box 12 and a £ box 3.";
        let mut hits = Vec::new();
        super::po_boxes(text, &mut hits);
        let found: Vec<&str> = hits.iter().map(|h| &text[h.start..h.end]).collect();
        assert_eq!(found, ["PO Box 4417"]);
    }

    #[test]
    fn prose_before_a_postcode_is_not() {
        assert_eq!(
            lines(
                "The family moved to a flat in the town centre, near G51 2XX.",
                "G51"
            ),
            None
        );
        assert_eq!(lines("(she lives near the shops in G51 2XX)", "G51"), None);
    }
}
