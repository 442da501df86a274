//! A small HTML tag and attribute scanner that looks for anything a browser
//! (or a feed reader, or a page that inserts JSON text as HTML) would run.
//!
//! Shared by the `render` fuzz target and the XSS corpus test
//! (`tests/it/xss.rs` includes this file by path), so both judge output by
//! the same rules. It is std-only on purpose: the fuzz crate and the test
//! crate have different dependencies.
//!
//! It reads tags the way HTML's tokenizer does in the cases that matter for
//! script (quoted and unquoted attribute values, `/` between attributes,
//! raw-text elements, comments), rather than grepping for payload strings,
//! so an encoded or split payload is judged by what a browser would see.

#![allow(dead_code)]

/// One start tag: its lower-case name, its attributes (lower-case names,
/// values with character references decoded) and, for raw-text elements
/// such as `<script>`, the text up to the closing tag.
#[derive(Debug, Clone, PartialEq)]
pub struct Tag {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub raw_text: Option<String>,
}

impl Tag {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Elements that load or run active content wherever they appear.
const ACTIVE_ELEMENTS: [&str; 8] = [
    "iframe", "object", "embed", "base", "frame", "frameset", "applet", "portal",
];

/// Attributes whose values are text for the reader, not URLs.
const TEXT_ATTRIBUTES: [&str; 12] = [
    "title",
    "alt",
    "class",
    "id",
    "lang",
    "dir",
    "placeholder",
    "label",
    "abbr",
    "summary",
    "datetime",
    "rel",
];

/// Elements whose content is not markup, so a `<` inside them is not a tag.
const RAW_TEXT_ELEMENTS: [&str; 6] = ["script", "style", "textarea", "title", "xmp", "noembed"];

/// Every start tag in `html`, in order.
pub fn tags(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &html[i..];
        if rest.starts_with("<!--") {
            i += rest.find("-->").map(|e| e + 3).unwrap_or(rest.len());
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</") {
            i += rest.find('>').map(|e| e + 1).unwrap_or(rest.len());
            continue;
        }
        if !bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        let (tag, end) = start_tag(html, i + 1);
        i = end;
        let mut tag = tag;
        if RAW_TEXT_ELEMENTS.contains(&tag.name.as_str()) {
            let close = format!("</{}", tag.name);
            let body = &html[i..];
            let stop = find_ascii_case_insensitive(body, &close).unwrap_or(body.len());
            tag.raw_text = Some(body[..stop].to_string());
            i += stop;
        }
        out.push(tag);
    }
    out
}

/// Parses a start tag whose name begins at `at`; returns the tag and the
/// offset just past its `>`.
fn start_tag(html: &str, at: usize) -> (Tag, usize) {
    let bytes = html.as_bytes();
    let mut i = at;
    while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
        i += 1;
    }
    let name = html[at..i].to_ascii_lowercase();
    let mut attributes = Vec::new();
    loop {
        while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        if bytes[i] == b'>' {
            i += 1;
            break;
        }
        // An attribute name may start with `=` (the tokenizer keeps it);
        // it ends at space, `/`, `>` or `=`.
        let name_start = i;
        i += 1;
        while i < bytes.len()
            && !is_space(bytes[i])
            && bytes[i] != b'/'
            && bytes[i] != b'>'
            && bytes[i] != b'='
        {
            i += 1;
        }
        let attr_name = html[name_start..i].to_ascii_lowercase();
        let mut j = i;
        while j < bytes.len() && is_space(bytes[j]) {
            j += 1;
        }
        let mut value = String::new();
        if j < bytes.len() && bytes[j] == b'=' {
            j += 1;
            while j < bytes.len() && is_space(bytes[j]) {
                j += 1;
            }
            if j < bytes.len() && (bytes[j] == b'"' || bytes[j] == b'\'') {
                let quote = bytes[j];
                let start = j + 1;
                let end = html[start..]
                    .bytes()
                    .position(|b| b == quote)
                    .map(|p| start + p)
                    .unwrap_or(bytes.len());
                value = decode_entities(&html[start..end]);
                j = (end + 1).min(bytes.len());
            } else {
                let start = j;
                while j < bytes.len() && !is_space(bytes[j]) && bytes[j] != b'>' {
                    j += 1;
                }
                value = decode_entities(&html[start..j]);
            }
            i = j;
        }
        attributes.push((attr_name, value));
    }
    (
        Tag {
            name,
            attributes,
            raw_text: None,
        },
        i,
    )
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// Decodes numeric character references and the named ones that matter
/// for hiding a URL scheme (`&colon;`, `&Tab;`, `&NewLine;`, the markup
/// characters). Unknown names are left as written, as a browser would.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let (decoded, used) = entity(rest);
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference at the start of `text` stands for, and how
/// many bytes it used. The `;` is optional, as browsers allow.
fn entity(text: &str) -> (Option<char>, usize) {
    let body = &text[1..];
    if let Some(num) = body.strip_prefix('#') {
        let (digits, radix, prefix) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 2),
            None => (num, 10, 1),
        };
        let len = digits
            .bytes()
            .take_while(|b| char::from(*b).is_digit(radix))
            .count();
        if len == 0 {
            return (None, 0);
        }
        let value = u32::from_str_radix(&digits[..len.min(8)], radix).unwrap_or(0xFFFD);
        let c = char::from_u32(value).unwrap_or('\u{FFFD}');
        let semi = usize::from(digits[len..].starts_with(';'));
        return (Some(c), 1 + prefix + len + semi);
    }
    const NAMED: [(&str, char); 12] = [
        ("colon", ':'),
        ("Tab", '\t'),
        ("NewLine", '\n'),
        ("lt", '<'),
        ("gt", '>'),
        ("amp", '&'),
        ("quot", '"'),
        ("apos", '\''),
        ("sol", '/'),
        ("lpar", '('),
        ("rpar", ')'),
        ("nbsp", '\u{a0}'),
    ];
    for (name, c) in NAMED {
        if let Some(after) = body.strip_prefix(name) {
            let semi = usize::from(after.starts_with(';'));
            return (Some(c), 1 + name.len() + semi);
        }
    }
    (None, 0)
}

/// Why a URL (already entity-decoded) would run script or load a
/// document, if it would. Browsers (the URL standard) trim leading and
/// trailing C0 controls and spaces, remove tabs and line breaks anywhere,
/// and read the scheme case-insensitively; any other character inside the
/// scheme makes it a relative URL.
pub fn dangerous_url(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    for scheme in ["javascript:", "vbscript:", "livescript:"] {
        if cleaned.starts_with(scheme) {
            return Some(format!("a {scheme} URL: {url:?}"));
        }
    }
    if cleaned.starts_with("data:") && !cleaned.starts_with("data:image/") {
        return Some(format!("a data: URL that is not an image: {url:?}"));
    }
    None
}

/// Every way `html` would run script or load active content.
/// `theme_script(tag)` says whether a `<script>` is the theme's own (the
/// only scripts allowed); it is only asked about scripts without inline
/// text.
pub fn problems(html: &str, theme_script: &dyn Fn(&Tag) -> bool) -> Vec<String> {
    let mut found = Vec::new();
    for tag in tags(html) {
        let name = tag.name.as_str();
        if name == "script" {
            let inline = tag.raw_text.as_deref().unwrap_or("").trim();
            if !inline.is_empty() || !theme_script(&tag) {
                found.push(format!("a <script> that is not the theme's: {tag:?}"));
            }
        }
        if ACTIVE_ELEMENTS.contains(&name) {
            found.push(format!("an active element <{name}>: {tag:?}"));
        }
        if name == "meta" && tag.attribute("http-equiv").is_some() {
            found.push(format!("a <meta http-equiv>: {tag:?}"));
        }
        for (attribute, value) in &tag.attributes {
            if attribute.starts_with("on") {
                found.push(format!(
                    "an event handler {attribute}= on <{name}>: {tag:?}"
                ));
            }
            if attribute == "srcdoc" {
                found.push(format!("an inline document (srcdoc) on <{name}>: {tag:?}"));
            }
            // Text attributes are shown, never followed or loaded, so a
            // title that reads "javascript:" is harmless; every other
            // attribute is judged as a URL, whatever its name.
            if !TEXT_ATTRIBUTES.contains(&attribute.as_str()) && !attribute.starts_with("aria-") {
                if let Some(why) = dangerous_url(value) {
                    found.push(format!("{why} in {attribute}= on <{name}>"));
                }
            }
            // CSS can carry a script URL or an old IE expression.
            if attribute == "style" {
                let css = value.to_ascii_lowercase();
                if css.contains("expression(") || dangerous_url_in_text(&css).is_some() {
                    found.push(format!(
                        "script in a style attribute on <{name}>: {value:?}"
                    ));
                }
            }
        }
    }
    found
}

/// A script URL anywhere in `text` after decoding references and dropping
/// whitespace, for text that some reader may turn into a link or render as
/// Markdown (bundle bodies, JSON strings).
pub fn dangerous_url_in_text(text: &str) -> Option<String> {
    let squeezed: String = decode_entities(text)
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control() && *c != '\u{a0}')
        .collect::<String>()
        .to_ascii_lowercase();
    for scheme in ["javascript:", "vbscript:", "livescript:"] {
        if squeezed.contains(scheme) {
            return Some(format!("{scheme} in {text:?}"));
        }
    }
    let mut from = 0;
    while let Some(at) = squeezed[from..].find("data:") {
        let after = &squeezed[from + at + 5..];
        if !after.starts_with("image/") {
            return Some(format!("a data: URL in {text:?}"));
        }
        from += at + 5;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &Tag) -> bool {
        false
    }

    #[test]
    fn the_scanner_sees_what_a_browser_would_run() {
        for html in [
            "<script>alert(1)</script>",
            "<SCRIPT SRC=//x.example/x.js></SCRIPT>",
            "<img src=x onerror=alert(1)>",
            "<svg/onload=alert(1)>",
            "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
            "<a href='&#106;avascript:alert(1)'>x</a>",
            "<a href=\"java\nscript:alert(1)\">x</a>",
            "<a href=\" \u{1}\u{e}javascript:alert(1)\">x</a>",
            "<iframe src=x></iframe>",
            "<meta http-equiv=refresh content=0>",
            "<object data=x>",
            "<img src=\"data:text/html;base64,AAAA\">",
            "<p style=\"width:expression(alert(1))\">",
        ] {
            assert!(!problems(html, &none).is_empty(), "missed {html}");
        }
    }

    #[test]
    fn ordinary_markup_and_escaped_text_pass() {
        for html in [
            "<p>onload=1 &lt;script&gt; javascript: in text</p>",
            "<a href=\"https://example.org/?q=onerror\" title=\"x onclick=y\">a</a>",
            "<img src=\"data:image/png;base64,AAAA\" alt=\"\">",
            "<!-- <script>x</script> -->",
            "<code>&lt;img onerror=x&gt;</code>",
            // Found by the render fuzz target: a control character other
            // than tab or newline inside the scheme makes a relative URL.
            "<a href=\"jav\t\u{1b}ascript:1\">y</a>",
            // Found by the render fuzz target: a link title is text.
            "<a href=\"/x\" title=\"data:\n@## H\">a</a><img alt=\"javascript:1\" src=\"/i.png\">",
        ] {
            assert_eq!(problems(html, &none), Vec::<String>::new(), "{html}");
        }
    }
}
