//! Lines of Markdown as a reader or browser would see them: with percent
//! escapes, `+` in query strings, HTML entities, backslash escapes and inline
//! markup decoded. Personal data hidden by encoding ("Heatherbank%20Gardens",
//! "&#74;amie", "Cor**rigan**") is still personal data once rendered.

/// `(start, end, decoded)` for every line (byte offsets into `text`) whose
/// decoded form differs from the line as written.
pub fn decoded_lines(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.trim_end_matches(['\n', '\r']).len();
        let raw = &text[start..end];
        if raw.bytes().any(|b| {
            matches!(
                b,
                b'%' | b'&' | b'+' | b'\\' | b'*' | b'_' | b'~' | b'`' | b'<' | b'['
            )
        }) {
            let decoded = decode(raw);
            if decoded != raw {
                out.push((start, end, decoded));
            }
        }
        start += line.len();
    }
    out
}

/// Decodes one line (see the module doc).
pub fn decode(line: &str) -> String {
    let without_markup = strip_markup(line);
    let entities = crate::text::decode_entities(&without_markup);
    let percent = crate::text::percent_decode(&entities);
    percent.replace('+', " ")
}

fn strip_markup(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut tail = String::new();
    let mut in_tag = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/' || *n == '!') =>
            {
                in_tag = true
            }
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            '\\' => {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            // A footnote reference shows as a small number beside the
            // word, which still reads whole: "Sta[^a]cey" is "Stacey".
            '[' if chars.peek() == Some(&'^') => {
                for inner in chars.by_ref() {
                    if inner == ']' {
                        break;
                    }
                }
            }
            '*' | '_' | '~' | '`' | '[' => {}
            // A link's destination or reference label is not shown, so the
            // text on either side of it reads as one word:
            // "Q[u](x)inn" is "Quinn" on the page.
            ']' => {
                // The destination is still read, after the line's text.
                if let Some(&open @ ('(' | '[')) = chars.peek() {
                    let close = if open == '(' { ')' } else { ']' };
                    let mut depth = 0usize;
                    tail.push(' ');
                    for inner in chars.by_ref() {
                        if inner == open {
                            depth += 1;
                            if depth == 1 {
                                continue;
                            }
                        } else if inner == close {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        tail.push(inner);
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out.push_str(&tail);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_undone() {
        assert_eq!(
            decode("[map](https://x.org/?q=EH99+1ZZ)"),
            "map https://x.org/?q=EH99 1ZZ"
        );
        assert_eq!(decode("&#74;amie Cor**rigan**"), "Jamie Corrigan");
        assert_eq!(decode("Heatherbank%20Gardens"), "Heatherbank Gardens");
        assert_eq!(decode("<span>Jamie</span> Lee"), "Jamie Lee");
        assert_eq!(decode("50%"), "50%");
    }

    #[test]
    fn only_changed_lines_are_returned() {
        let lines = decoded_lines("plain line\nwith &amp; entity\n");
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].2, "with & entity");
    }

    #[test]
    fn references_decode_as_a_browser_decodes_them() {
        // Found by the register property in tests/it/properties.rs: in raw
        // HTML these render as the name, so the gate must read them so too.
        assert_eq!(decode("&#83iobh&#225n &#81uinn"), "Siobhán Quinn");
        assert_eq!(decode("&#x53iobh&#xE1;n"), "Siobhán");
        assert_eq!(
            decode("Siobh&aacute;n B&aacuten &Ccedil;a &scaron;"),
            "Siobhán Bán Ça š"
        );
        assert_eq!(decode("Stra&szlig;e M&oslash;ller"), "Straße Møller");
        // Names that are not references stay as written.
        assert_eq!(
            decode("&copy2 &# &#x; &bogus; &amp"),
            "&copy2 &# &#x; &bogus; &"
        );
        assert_eq!(decode("&scaron without"), "&scaron without");
    }

    #[test]
    fn footnote_references_do_not_split_words() {
        assert_eq!(decode("Sta[^a]cey Corr[^12]igan"), "Stacey Corrigan");
    }

    #[test]
    fn link_destinations_and_labels_do_not_split_words() {
        // Found by the register property in tests/it/properties.rs: the
        // page shows "Quinn" where the source has a link inside the word.
        assert_eq!(decode("Q[u](x)in&shy;n"), "Quinn x");
        assert_eq!(
            decode("Q[ui][ref]nn and [a (b)](https://x.org/(c)) d"),
            "Quinn and a (b) d ref https://x.org/(c)"
        );
    }
}
