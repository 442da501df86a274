//! Text helpers every stage shares, written once: escaping for HTML, XML
//! and SVG, percent-decoding, HTML character references, and slugs.
//!
//! Each of these used to be written by the module that needed it, and the
//! copies disagreed (on `'`, on control characters, on `%` before a
//! non-ASCII character). This module knows nothing about sites, items or
//! the gate; it sits below every stage.

/// Escapes text for HTML, XML and SVG alike: content and quoted attribute
/// values. `'` becomes `&#x27;` (valid in all three, unlike `&apos;` in
/// HTML 4); control characters other than tab and line breaks are dropped,
/// since XML 1.0 forbids them and HTML reads them as parse errors. `/` is
/// left alone: it cannot end an attribute or start a tag, and escaping it
/// (as Tera's own escaper does) makes every URL unreadable.
pub fn escape_html(text: &str) -> String {
    escape(text, true)
}

/// [`escape_html`] for text Pagefind reads as it is: its indexer takes
/// metadata from element text without decoding character references, so an
/// apostrophe stays as written (it needs no escaping in element text or in
/// a double-quoted attribute). Control characters are dropped as above.
pub fn escape_html_keep_apostrophes(text: &str) -> String {
    escape(text, false)
}

fn escape(text: &str, apostrophes: bool) -> String {
    // Copied a run at a time between the bytes that need anything done
    // (a rendered item page is tens of kilobytes of text, and pushing it
    // a character at a time was 2% of a build). The control characters
    // are U+0000–U+001F, U+007F and U+0080–U+009F, the last encoded as
    // 0xC2 0x80–0x9F; every byte where a run stops starts a character.
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut run = 0;
    let mut at = 0;
    while at < bytes.len() {
        let (replacement, width) = match bytes[at] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' if apostrophes => ("&#x27;", 1),
            b'\t' | b'\n' | b'\r' => {
                at += 1;
                continue;
            }
            0x00..=0x1f | 0x7f => ("", 1),
            0xc2 if matches!(bytes.get(at + 1), Some(0x80..=0x9f)) => ("", 2),
            _ => {
                at += 1;
                continue;
            }
        };
        out.push_str(&text[run..at]);
        out.push_str(replacement);
        at += width;
        run = at;
    }
    out.push_str(&text[run..]);
    out
}

/// The byte a `%XX` escape at byte `at` of `text` stands for.
pub fn percent_byte_at(text: &str, at: usize) -> Option<u8> {
    let bytes = text.as_bytes();
    if bytes.get(at) != Some(&b'%') {
        return None;
    }
    let hex = bytes.get(at + 1..at + 3)?;
    let digit = |b: u8| char::from(b).to_digit(16);
    Some((digit(hex[0])? * 16 + digit(hex[1])?) as u8)
}

/// Decodes `%XX` escapes (as in URLs). Escapes that are not two hex digits
/// stay as written, whatever follows them; bytes that do not make UTF-8
/// become U+FFFD. Never panics, whatever the text.
pub fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if let Some(value) = percent_byte_at(text, i) {
            out.push(value);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Decodes character references the way a browser does in text: numeric
/// ones with or without the closing `;` (HTML accepts "&#74amie"), the
/// named ones for markup, spaces and joiners, and letters with accents
/// ("Siobh&aacute;n"), the legacy Latin-1 ones also without `;`. Soft
/// hyphens and joiners decode to nothing, as a reader sees them. A
/// reference left undecoded would split a name the register must see.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match reference(after) {
            Some((decoded, used)) => {
                if decoded != "\u{200b}" {
                    out.push_str(&decoded);
                }
                rest = &after[used..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text an HTML character reference at the start of `text` (at its
/// `&`) stands for, and the reference's length in bytes. Invisible
/// references (soft hyphen, joiners) stand for U+200B.
pub fn entity_at(text: &str) -> Option<(String, usize)> {
    let after = text.strip_prefix('&')?;
    let (decoded, used) = reference(after)?;
    Some((decoded, used + 1))
}

/// The text a reference (after its `&`) stands for, and the bytes it used.
fn reference(after: &str) -> Option<(String, usize)> {
    if let Some(number) = after.strip_prefix('#') {
        let (digits, radix, prefix) = match number.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 2),
            None => (number, 10, 1),
        };
        let len = digits
            .bytes()
            .take_while(|b| char::from(*b).is_digit(radix))
            .count();
        if len == 0 || len > 8 {
            return None;
        }
        let c = u32::from_str_radix(&digits[..len], radix)
            .ok()
            .and_then(char::from_u32)?;
        let semi = usize::from(digits[len..].starts_with(';'));
        return Some((c.to_string(), prefix + len + semi));
    }
    let run = after
        .bytes()
        .take_while(u8::is_ascii_alphanumeric)
        .take(10)
        .count();
    if after[run..].starts_with(';') {
        if let Some(decoded) = named(&after[..run]) {
            return Some((decoded, run + 1));
        }
    }
    // Without `;` only the legacy names count, longest first.
    (2..=run.min(7)).rev().find_map(|len| {
        let name = &after[..len];
        legacy(name)
            .then(|| named(name))
            .flatten()
            .map(|decoded| (decoded, len))
    })
}

fn named(name: &str) -> Option<String> {
    let simple = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" | "rsquo" | "lsquo" => Some('\''),
        "nbsp" | "ensp" | "emsp" | "thinsp" => Some(' '),
        "shy" | "zwj" | "zwnj" => Some('\u{200b}'),
        "colon" => Some(':'),
        "Tab" => Some('\t'),
        "NewLine" => Some('\n'),
        "sol" => Some('/'),
        "lpar" => Some('('),
        "rpar" => Some(')'),
        "szlig" => Some('ß'),
        "AElig" => Some('Æ'),
        "aelig" => Some('æ'),
        "Oslash" => Some('Ø'),
        "oslash" => Some('ø'),
        "ETH" => Some('Ð'),
        "eth" => Some('ð'),
        "THORN" => Some('Þ'),
        "thorn" => Some('þ'),
        _ => None,
    };
    if let Some(c) = simple {
        return Some(c.to_string());
    }
    accented(name)
}

/// "aacute", "Ccedil", "scaron"…: a letter and a combining accent.
fn accented(name: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    const ACCENTS: [(&str, char); 13] = [
        ("grave", '\u{300}'),
        ("acute", '\u{301}'),
        ("circ", '\u{302}'),
        ("tilde", '\u{303}'),
        ("macr", '\u{304}'),
        ("breve", '\u{306}'),
        ("dot", '\u{307}'),
        ("uml", '\u{308}'),
        ("ring", '\u{30a}'),
        ("dblac", '\u{30b}'),
        ("caron", '\u{30c}'),
        ("cedil", '\u{327}'),
        ("ogon", '\u{328}'),
    ];
    let mut chars = name.chars();
    let letter = chars.next().filter(char::is_ascii_alphabetic)?;
    let accent = ACCENTS
        .iter()
        .find(|(suffix, _)| chars.as_str() == *suffix)?
        .1;
    Some([letter, accent].iter().collect::<String>().nfc().collect())
}

/// Names HTML also decodes without `;` (the Latin-1 set of HTML 4).
fn legacy(name: &str) -> bool {
    matches!(
        name,
        "amp"
            | "lt"
            | "gt"
            | "quot"
            | "nbsp"
            | "shy"
            | "szlig"
            | "AElig"
            | "aelig"
            | "Oslash"
            | "oslash"
            | "ETH"
            | "eth"
            | "THORN"
            | "thorn"
    ) || name.len() > 1
        && ["grave", "acute", "circ", "tilde", "uml", "ring", "cedil"]
            .iter()
            .any(|suffix| name[1..] == **suffix)
}

/// Elements that separate words when rendered; other tags (em, strong,
/// span, a…) are read as nothing, so "Cor<em>rigan</em>" folds to
/// "corrigan".
pub const SEPARATING_TAGS: [&str; 24] = [
    "p",
    "br",
    "div",
    "li",
    "td",
    "th",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "dt",
    "dd",
    "hr",
    "table",
];

/// Whether a tag (the bytes between `<` and `>`) opens or closes an element
/// of [`SEPARATING_TAGS`]: its name is the ASCII letters and digits after
/// any `/`, in any case.
pub fn is_separating_tag(tag: &[u8]) -> bool {
    let after_slashes = tag.iter().position(|b| *b != b'/').unwrap_or(tag.len());
    let tag = &tag[after_slashes..];
    let name_len = tag
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(tag.len());
    let name = &tag[..name_len];
    SEPARATING_TAGS
        .iter()
        .any(|t| t.as_bytes().eq_ignore_ascii_case(name))
}

/// Where the run of letters that ends `text` starts (`text.len()` when it
/// ends in no letter). Steps over the whole character before the run, so a
/// curly quote or a dash there is never cut in half.
pub fn trailing_word_start(text: &str) -> usize {
    trailing_run_start(text, char::is_alphabetic)
}

/// Where the run of characters that `keep` accepts at the end of `text`
/// starts, on a character boundary whatever comes before it.
pub fn trailing_run_start(text: &str, keep: impl Fn(char) -> bool) -> usize {
    text.char_indices()
        .rev()
        .find(|(_, c)| !keep(*c))
        .map_or(0, |(k, c)| k + c.len_utf8())
}

/// Lower-case ASCII slug: "Example CPC" → "example-cpc". Used for areas,
/// organisations, headings and other display names in URLs.
pub fn slugify(text: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let mut slug = String::with_capacity(text.len());
    // Diacritics are stripped (NFKD without combining marks) first.
    for c in text.nfkd().filter(|c| !is_combining_mark(*c)) {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        slug.push('x');
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The escaper as it was written first, a character at a time: the
    /// reference the run-at-a-time one is held to.
    fn escape_by_character(text: &str, apostrophes: bool) -> String {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' if apostrophes => out.push_str("&#x27;"),
                c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn escaping_a_run_at_a_time_matches_escaping_each_character() {
        let pieces = [
            "",
            "a",
            "&",
            "<",
            ">",
            "\"",
            "'",
            "\t",
            "\n",
            "\r",
            "\u{0}",
            "\u{7}",
            "\u{1f}",
            "\u{7f}",
            "\u{80}",
            "\u{85}",
            "\u{9f}",
            "\u{a0}",
            "\u{ad}",
            "é",
            "Ā",
            "€",
            "’",
            "🙂",
            "plain words ",
            "&amp;",
            "\u{c2}",
        ];
        // Every sequence of up to three pieces, and some longer mixes.
        let mut texts = Vec::new();
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    texts.push(format!("{a}{b}{c}"));
                }
            }
        }
        let mut seed: u64 = 42;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..12 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            texts.push(text);
        }
        for text in &texts {
            for apostrophes in [true, false] {
                assert_eq!(
                    escape(text, apostrophes),
                    escape_by_character(text, apostrophes),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn one_escaper_serves_html_xml_and_svg() {
        assert_eq!(
            escape_html("a<b & \"c\" 'd'\u{7}\u{0}"),
            "a&lt;b &amp; &quot;c&quot; &#x27;d&#x27;"
        );
        assert_eq!(escape_html("tab\tline\nend\r"), "tab\tline\nend\r");
        assert_eq!(escape_html("/learning/ex-1/"), "/learning/ex-1/");
    }

    #[test]
    fn percent_decoding_never_panics_on_what_follows_a_percent() {
        assert_eq!(percent_decode("%aé"), "%aé");
        assert_eq!(percent_decode("%é"), "%é");
        assert_eq!(percent_decode("50%"), "50%");
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(
            percent_decode("Heatherbank%20Gardens"),
            "Heatherbank Gardens"
        );
        assert_eq!(percent_decode("Siobh%C3%A1n"), "Siobhán");
        assert_eq!(percent_decode("%FF"), "\u{fffd}");
    }

    #[test]
    fn references_decode_as_a_browser_decodes_them() {
        assert_eq!(decode_entities("&#83iobh&#225n &#81uinn"), "Siobhán Quinn");
        assert_eq!(decode_entities("&#x53iobh&#xE1;n"), "Siobhán");
        assert_eq!(
            decode_entities("Siobh&aacute;n B&aacuten &Ccedil;a &scaron;"),
            "Siobhán Bán Ça š"
        );
        assert_eq!(decode_entities("Qui&shy;nn"), "Quinn");
        assert_eq!(
            decode_entities("&copy2 &# &#x; &bogus; &amp"),
            "&copy2 &# &#x; &bogus; &"
        );
        assert_eq!(entity_at("&shy;x"), Some(("\u{200b}".to_string(), 5)));
    }

    #[test]
    fn slugs_are_ascii_and_hyphenated() {
        assert_eq!(slugify("Example CPC"), "example-cpc");
        assert_eq!(slugify("Children's social work"), "children-s-social-work");
        assert_eq!(
            slugify("Comhairle nan Eilean Siar – Ùr"),
            "comhairle-nan-eilean-siar-ur"
        );
        assert_eq!(slugify("!!"), "x");
    }

    #[test]
    fn the_trailing_word_starts_after_a_character_of_any_width() {
        assert_eq!(trailing_word_start("said \u{201d}Ola"), 8);
        assert_eq!(trailing_word_start("Ola"), 0);
        assert_eq!(trailing_word_start("Ola, "), 5);
        assert_eq!(trailing_word_start("\u{2014}Zo\u{eb}"), 3);
    }
}
