//! what3words addresses: three words joined by dots after three slashes
//! ("///glen.torch.ruins"), or after the word "what3words". Each names a
//! three-metre square, a tent's pitch or a family's door.

use crate::findings::Kind;
use crate::gate::Hit;

const MESSAGE: &str =
    "This is a what3words address, which points to a three-metre square; describe the area instead.";

/// Adds each what3words address.
pub(super) fn find(text: &str, hits: &mut Vec<Hit>) {
    let bytes = text.as_bytes();
    // "file:///…" is a path.
    let mut starts: Vec<(usize, usize)> = memchr::memmem::find_iter(bytes, b"///")
        .filter(|&at| at == 0 || !(bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b':'))
        .map(|at| (at, at + 3))
        .collect();
    // "what3words", "What3words", "w3w", "W3W": two searches, each pass
    // over a text costs.
    for cue in [&b"3w"[..], b"3W"] {
        for at in memchr::memmem::find_iter(bytes, cue) {
            let named = at >= 4
                && bytes[at - 4..at].eq_ignore_ascii_case(b"what")
                && bytes[at + 2..].len() >= 4
                && bytes[at + 2..at + 6].eq_ignore_ascii_case(b"ords");
            let short = at >= 1 && bytes[at - 1].eq_ignore_ascii_case(&b'w');
            if !(named || short) {
                continue;
            }
            let after = if named { at + 6 } else { at + 2 };
            let skip =
                text[after..].len() - text[after..].trim_start_matches([':', ' ', '/']).len();
            starts.push((after, after + skip));
        }
    }
    for (start, words_at) in starts {
        let Some(end) = three_words(bytes, words_at) else {
            continue;
        };
        let from = if bytes[start..words_at].starts_with(b"///") {
            start
        } else {
            words_at
        };
        if !hits.iter().any(|h| h.start < end && from < h.end) {
            hits.push(Hit::new(from, end, Kind::Address, "what3words", MESSAGE));
        }
    }
}

/// The end of three lower-case words joined by two dots at `at`.
fn three_words(bytes: &[u8], at: usize) -> Option<usize> {
    let mut i = at;
    for k in 0..3 {
        let len = bytes[i..]
            .iter()
            .take_while(|b| b.is_ascii_lowercase())
            .count();
        if len < 2 {
            return None;
        }
        i += len;
        if k < 2 {
            if bytes.get(i) != Some(&b'.') {
                return None;
            }
            i += 1;
        }
    }
    let glued = bytes.get(i).is_some_and(|&b| {
        b.is_ascii_alphanumeric()
            || b == b'/'
            || (b == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric))
    });
    (!glued).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::find;

    fn found(text: &str) -> Vec<&str> {
        super::super::texts_found(find, text)
    }

    #[test]
    fn three_words_after_slashes_or_the_name_are_found() {
        assert_eq!(
            found("the tent at ///glen.torch.ruins, by the gate"),
            ["///glen.torch.ruins"]
        );
        assert_eq!(
            found("what3words: filled.count.soap."),
            ["filled.count.soap"]
        );
    }

    #[test]
    fn web_addresses_and_paths_are_not() {
        assert!(found("see https://www.example.org/a.b.c and file:///home.user.docs/x").is_empty());
        assert!(found("www.gov.scot is the site").is_empty());
    }
}
