//! What a program reads in an item that no page shows: HTML comments,
//! tags and their attributes, and `data:` URLs. Pages leave them out, but
//! `learning-bundle.json` carries every item as its CPC and COG signed it
//! (a national site checks the sign-off digest of exactly those bytes),
//! so anyone reading the bundle reads them too. The gate scans the text as
//! written already; this module gives it the same places decoded as a
//! program would decode them: entities and percent-escapes inside comments
//! and tags (which the reader's view in `variants` strips before
//! decoding), and the payload of every `data:` URL, base64 or
//! percent-encoded.

use crate::source::floor_char_boundary;
use crate::text::{decode_entities, percent_decode};

/// Text decoded from a place of an item that a page does not show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hidden {
    /// `start..end` (byte offsets into the text scanned) reads as `text`
    /// once decoded.
    Text {
        start: usize,
        end: usize,
        text: String,
    },
    /// A `data:` URL at `start..end` whose payload is not text (an image,
    /// say): nothing the gate can read, so it cannot be published.
    Binary { start: usize, end: usize },
}

/// The longest tag or comment followed looking for its end: a `<` with no
/// `>` for this long is text, not markup.
const LONGEST_MARKUP: usize = 64 * 1024;

/// Every hidden place of `text` whose decoded form differs from what is
/// written there, and every `data:` URL's payload.
pub fn readings(text: &str) -> Vec<Hidden> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    // Where each tag and comment can end, found once: looking for them
    // from every `<` would read a text of many `<` over and over.
    let closes: Vec<usize> = memchr::memchr_iter(b'>', bytes).collect();
    let comment_ends: Vec<usize> = memchr::memmem::find_iter(bytes, b"-->").collect();
    let next = |ends: &[usize], from: usize| {
        let at = ends.partition_point(|e| *e < from);
        ends.get(at)
            .copied()
            .filter(|e| *e - from <= LONGEST_MARKUP)
    };
    let mut covered = 0;
    for at in memchr::memchr_iter(b'<', bytes) {
        if at < covered {
            continue;
        }
        let rest = &text[at..];
        let (end, inner) = if rest.starts_with("<!--") {
            match next(&comment_ends, at + 4) {
                Some(close) => (close + 3, &text[at + 4..close]),
                None => {
                    let end = at + floor_char_boundary(rest, LONGEST_MARKUP);
                    (end, &text[(at + 4).min(end)..end])
                }
            }
        } else if rest[1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?')
        {
            match next(&closes, at) {
                Some(close) => (close + 1, &text[at + 1..close]),
                None => continue,
            }
        } else {
            continue;
        };
        covered = end;
        if !inner.contains(['&', '%']) {
            continue;
        }
        let decoded = percent_decode(&decode_entities(inner));
        if decoded != inner {
            for (from, to) in data_urls(&decoded) {
                // One written as is is read below, where it is.
                if !inner.contains(&decoded[from..to]) {
                    out.push(payload(at, end, &decoded[from..to]));
                }
            }
            out.push(Hidden::Text {
                start: at,
                end,
                text: decoded,
            });
        }
    }
    for (start, end) in data_urls(text) {
        out.push(payload(start, end, &text[start..end]));
    }
    out
}

/// Byte ranges of the `data:` URLs written in `text` (the scheme in any
/// case, up to the first character that ends a URL in Markdown or HTML).
fn data_urls(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut urls: Vec<(usize, usize)> = Vec::new();
    for colon in memchr::memchr_iter(b':', bytes) {
        if colon < 4 || !bytes[colon - 4..colon].eq_ignore_ascii_case(b"data") {
            continue;
        }
        let start = colon - 4;
        if start > 0 && bytes[start - 1].is_ascii_alphanumeric() {
            continue;
        }
        // One inside another's payload is read with it.
        if urls.last().is_some_and(|(_, end)| start < *end) {
            continue;
        }
        let end = text[colon..]
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '>' | '<' | ']'))
            .map_or(text.len(), |i| colon + i);
        urls.push((start, end));
    }
    urls
}

/// What a `data:` URL carries once decoded as a browser decodes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataPayload {
    /// Its payload, base64 or percent-encoding undone (entities in it are
    /// left as written).
    Text(String),
    /// It decodes to bytes that are not text: an image, a document.
    Binary,
    /// It says base64 but is not: what a program makes of it is unknown.
    Undecodable,
}

/// Every `data:` URL written in `text`, with its byte range and payload.
/// The one reader of `data:` URLs: the gate's scan of an item's text and
/// its reading of hidden places both go through it.
pub fn data_url_payloads(text: &str) -> Vec<(usize, usize, DataPayload)> {
    data_urls(text)
        .into_iter()
        .map(|(start, end)| (start, end, decode_data_url(&text[start..end])))
        .collect()
}

fn decode_data_url(url: &str) -> DataPayload {
    let after = &url[5..];
    let (header, data) = after.split_once(',').unwrap_or(("", after));
    let bytes = if header
        .split(';')
        .any(|part| part.trim().eq_ignore_ascii_case("base64"))
    {
        match base64(&percent_decode(data)) {
            Some(bytes) => bytes,
            None => return DataPayload::Undecodable,
        }
    } else {
        percent_decode(data).into_bytes()
    };
    match String::from_utf8(bytes) {
        Ok(text) => DataPayload::Text(text),
        Err(_) => DataPayload::Binary,
    }
}

/// What a `data:` URL at `start..end` holds, decoded.
fn payload(start: usize, end: usize, url: &str) -> Hidden {
    let text = match decode_data_url(url) {
        DataPayload::Text(text) => text,
        DataPayload::Binary => return Hidden::Binary { start, end },
        // Not base64 after all: the text as written is what a program
        // gets, and the gate has read it (and refuses the URL as
        // unreadable, `data-url`).
        DataPayload::Undecodable => url.to_owned(),
    };
    // An HTML or SVG payload may hide entities in turn.
    let text = percent_decode(&decode_entities(&text));
    Hidden::Text { start, end, text }
}

/// Standard or URL-safe base64, padding optional, whitespace ignored;
/// `None` for anything else.
fn base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0;
    for c in text.bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            c if c.is_ascii_whitespace() => continue,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        readings(text)
            .into_iter()
            .filter_map(|h| match h {
                Hidden::Text { text, .. } => Some(text),
                Hidden::Binary { .. } => None,
            })
            .collect()
    }

    #[test]
    fn comments_and_attributes_are_read_decoded() {
        assert_eq!(
            texts("a <!-- &#74;amie Corrigan --> b"),
            [" Jamie Corrigan "]
        );
        assert_eq!(
            texts("<span title=\"Jamie%20Corrigan\">x</span>"),
            ["span title=\"Jamie Corrigan\""]
        );
        assert!(
            texts("<!-- plain --> <b>bold</b> 3 < 4").is_empty(),
            "nothing new to read"
        );
    }

    #[test]
    fn data_urls_are_decoded_whatever_their_encoding() {
        // "Jamie Corrigan, 14 Heatherbank Gardens"
        let encoded = "SmFtaWUgQ29ycmlnYW4sIDE0IEhlYXRoZXJiYW5rIEdhcmRlbnM=";
        let found = texts(&format!("![x](data:text/plain;base64,{encoded}) and more"));
        assert_eq!(found, ["Jamie Corrigan, 14 Heatherbank Gardens"]);
        let found = texts("[a](DATA:text/plain,Jamie%20Corrigan)");
        assert_eq!(found, ["Jamie Corrigan"]);
        let found = texts("<img src=\"d&#97;ta:text/plain;base64,SmFtaWU=\">");
        assert!(found.iter().any(|t| t == "Jamie"), "{found:?}");
        let unpadded = texts("data:;base64,SmFtaWU");
        assert_eq!(unpadded, ["Jamie"]);
    }

    #[test]
    fn a_data_url_is_read_whatever_its_header_says() {
        let payloads = |text: &str| -> Vec<DataPayload> {
            data_url_payloads(text)
                .into_iter()
                .map(|(_, _, p)| p)
                .collect()
        };
        assert_eq!(
            payloads("data:text/plain;Base64,SmFtaWU"),
            [DataPayload::Text("Jamie".into())]
        );
        // URL-safe alphabet, an escaped line break in the payload.
        assert_eq!(
            payloads("data:;base64,Pz8_%0APz8-"),
            [DataPayload::Text("?????>".into())]
        );
        assert_eq!(
            payloads("data:;base64,not*base64"),
            [DataPayload::Undecodable]
        );
        assert_eq!(
            payloads("data:image/png;base64,/w=="),
            [DataPayload::Binary]
        );
        let (start, end, _) = data_url_payloads("see data:,Jamie)")[0].clone();
        assert_eq!((start, end), (4, 15));
    }

    #[test]
    fn a_binary_data_url_cannot_be_read() {
        let png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
        let found = readings(&format!("![pixel]({png})"));
        assert_eq!(
            found,
            [Hidden::Binary {
                start: 9,
                end: 9 + png.len()
            }]
        );
    }

    #[test]
    fn many_open_brackets_or_urls_are_read_once() {
        // Read from every `<` and every `data:` in turn, these would take
        // minutes; each is one reading.
        let many = "<a &amp; ".repeat(100_000) + &"data:".repeat(100_000);
        let found = readings(&many);
        assert_eq!(
            found.len(),
            1,
            "the data: URLs are one, none of the tags closes"
        );
        assert!(matches!(&found[0], Hidden::Text { start, .. } if *start == 900_000));
    }

    #[test]
    fn words_that_end_in_data_are_not_urls() {
        assert!(readings("metadata: none, bigdata:x").is_empty());
    }
}
