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
                b'%' | b'&' | b'+' | b'\\' | b'*' | b'_' | b'~' | b'`' | b'<'
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
    let entities = decode_entities(&without_markup);
    let percent = percent_decode(&entities);
    percent.replace('+', " ")
}

fn strip_markup(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
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
            '*' | '_' | '~' | '`' => {}
            _ => out.push(c),
        }
    }
    out
}

/// The character an HTML entity at the start of `text` stands for, and the
/// entity's length in bytes.
pub fn entity_at(text: &str) -> Option<(char, usize)> {
    let after = text.strip_prefix('&')?;
    let semi = after.find(';').filter(|semi| *semi <= 10)?;
    let name = &after[..semi];
    let c = if let Some(num) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        u32::from_str_radix(num, 16).ok().and_then(char::from_u32)
    } else if let Some(num) = name.strip_prefix('#') {
        num.parse().ok().and_then(char::from_u32)
    } else {
        match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" | "rsquo" | "lsquo" => Some('\''),
            "nbsp" | "ensp" | "emsp" | "thinsp" => Some(' '),
            "shy" | "zwj" | "zwnj" => Some('\u{200b}'),
            // Accented letters common in Scottish, Irish and European names.
            "aacute" => Some('á'),
            "eacute" => Some('é'),
            "iacute" => Some('í'),
            "oacute" => Some('ó'),
            "uacute" => Some('ú'),
            "agrave" => Some('à'),
            "egrave" => Some('è'),
            "ccedil" => Some('ç'),
            "ntilde" => Some('ñ'),
            "auml" => Some('ä'),
            "ouml" => Some('ö'),
            "uuml" => Some('ü'),
            _ => None,
        }
    }?;
    Some((c, semi + 2))
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        match entity_at(&rest[amp..]) {
            Some((c, len)) => {
                if c != '\u{200b}' {
                    out.push(c);
                }
                rest = &rest[amp + len..];
            }
            None => {
                out.push('&');
                rest = &rest[amp + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(value) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(value);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_undone() {
        assert_eq!(
            decode("[map](https://x.org/?q=EH99+1ZZ)"),
            "[map](https://x.org/?q=EH99 1ZZ)"
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
}
