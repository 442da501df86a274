//! Splitting an item file into front matter and body, and indexing where
//! every front matter key and string value sits in the source.

use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// Where the parts of an item file are, as byte offsets into the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// First byte of the TOML (after the opening `+++` line).
    pub toml_start: usize,
    /// One past the last byte of the TOML (the start of the closing line).
    pub toml_end: usize,
    /// First byte of the body: after the newline ending the closing `+++`.
    pub body_start: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    Empty,
    NoOpening,
    NoClosing,
}

/// Finds the `+++` lines. A UTF-8 byte order mark before the opening line
/// is tolerated (Windows editors add it), nothing else is.
pub fn split(text: &str) -> Result<Split, SplitError> {
    if text.trim().is_empty() {
        return Err(SplitError::Empty);
    }
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = LineIter { text, pos: start };
    let (first_start, first_end, after_first) = lines.next().ok_or(SplitError::NoOpening)?;
    if text[first_start..first_end].trim_end() != "+++" {
        return Err(SplitError::NoOpening);
    }
    for (line_start, line_end, after) in lines {
        if text[line_start..line_end].trim_end() == "+++" {
            return Ok(Split {
                toml_start: after_first,
                toml_end: line_start,
                body_start: after,
            });
        }
    }
    Err(SplitError::NoClosing)
}

/// Lines as (start, end without line ending, start of next line).
struct LineIter<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for LineIter<'_> {
    type Item = (usize, usize, usize);

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let (end, next) = match self.text[start..].find('\n') {
            Some(i) => (start + i, start + i + 1),
            None => (self.text.len(), self.text.len()),
        };
        self.pos = next;
        let end = if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        Some((start, end, next))
    }
}

/// A string value of the front matter and where it is.
#[derive(Debug, Clone)]
pub struct FrontMatterString {
    /// Key path such as `strategies[1].case_for_change`.
    pub key: String,
    /// The value after TOML unescaping.
    pub value: String,
    /// Byte range of the value's characters in the file (inside the quotes).
    pub span: Range<usize>,
    /// True when the source characters are exactly the value (no escapes),
    /// so offsets inside the value map one-to-one onto the file.
    pub exact: bool,
    /// When not exact: the file byte range each byte of `value` comes from
    /// (an escape, a character of a multi-line string after its trimmed
    /// first newline or a line-ending backslash). Empty when exact, or if
    /// the value could not be traced back (then only `span` is known).
    starts: Vec<u32>,
    ends: Vec<u32>,
}

impl FrontMatterString {
    /// The file byte range of the value's range `start..end`: exact for
    /// exact strings and for strings traced through their escapes and
    /// line continuations; `None` when only the whole `span` is known.
    pub fn source_range(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        if self.exact {
            return Some((self.span.start + start, self.span.start + end));
        }
        if self.starts.len() != self.value.len() || start >= self.starts.len() {
            return None;
        }
        let from = self.starts[start] as usize;
        let to = if end > start {
            self.ends[end.min(self.ends.len()) - 1] as usize
        } else {
            from
        };
        Some((from, to.max(from)))
    }
}

/// Every key and string value of the front matter with its place.
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    /// Key path → byte range of the key (or array element) in the file.
    pub keys: Vec<(String, Range<usize>)>,
    pub strings: Vec<FrontMatterString>,
    /// The text of every comment (after its `#`), as file byte ranges:
    /// comments are not values, but the bundle carries the front matter as
    /// written, so the gate reads them too.
    pub comments: Vec<Range<usize>>,
}

impl SpanIndex {
    /// Indexes `toml` (which starts at byte `base` of `file`).
    pub fn build(file: &str, base: usize, toml: &str) -> SpanIndex {
        let mut index = SpanIndex::default();
        if let Ok(table) = DeTable::parse(toml) {
            index.walk_table(file, base, table.get_ref(), "");
        }
        index.comments = comments(toml)
            .into_iter()
            .map(|r| base + r.start..base + r.end)
            .collect();
        index
    }

    /// Byte offset of a key path (or the closest parent that exists).
    pub fn offset_of(&self, key: &str) -> Option<usize> {
        let mut wanted = key;
        loop {
            if let Some((_, span)) = self.keys.iter().find(|(k, _)| k == wanted) {
                return Some(span.start);
            }
            let cut = wanted.rfind(['.', '['])?;
            wanted = &wanted[..cut];
        }
    }

    fn walk_table(&mut self, file: &str, base: usize, table: &DeTable<'_>, prefix: &str) {
        for (key, value) in table.iter() {
            let path = if prefix.is_empty() {
                key.get_ref().to_string()
            } else {
                format!("{prefix}.{}", key.get_ref())
            };
            let span = key.span();
            self.keys
                .push((path.clone(), base + span.start..base + span.end));
            self.walk_value(file, base, value, &path);
        }
    }

    fn walk_value(&mut self, file: &str, base: usize, value: &Spanned<DeValue<'_>>, path: &str) {
        match value.get_ref() {
            DeValue::String(text) => {
                let span = value.span();
                let raw = &file[base + span.start..base + span.end];
                let quote = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
                    3
                } else {
                    1
                };
                let inner_start = base + span.start + quote.min(raw.len());
                let inner_end = (base + span.end).saturating_sub(quote).max(inner_start);
                let inner = &file[inner_start..inner_end];
                let exact = inner == text.as_ref();
                let traced = (!exact)
                    .then(|| decode_string(inner, raw.starts_with('"'), quote == 3))
                    .flatten()
                    .filter(|(decoded, _, _)| decoded == text.as_ref());
                let (starts, ends) = match traced {
                    Some((_, starts, ends)) => (
                        starts.iter().map(|o| (inner_start + o) as u32).collect(),
                        ends.iter().map(|o| (inner_start + o) as u32).collect(),
                    ),
                    None => (Vec::new(), Vec::new()),
                };
                self.strings.push(FrontMatterString {
                    key: path.to_string(),
                    value: text.to_string(),
                    span: inner_start..inner_end,
                    exact,
                    starts,
                    ends,
                });
            }
            DeValue::Array(array) => {
                for (i, element) in array.iter().enumerate() {
                    let element_path = format!("{path}[{i}]");
                    let span = element.span();
                    self.keys
                        .push((element_path.clone(), base + span.start..base + span.end));
                    self.walk_value(file, base, element, &element_path);
                }
            }
            DeValue::Table(table) => self.walk_table(file, base, table, path),
            _ => {}
        }
    }
}

/// The byte ranges (in `toml`) of the text of every comment.
fn comments(toml: &str) -> Vec<Range<usize>> {
    toml_parser::Source::new(toml)
        .lex()
        .filter(|token| token.kind() == toml_parser::lexer::TokenKind::Comment)
        .map(|token| {
            let span = token.span();
            // The text after `#`.
            span.start() + 1..span.end().max(span.start() + 1)
        })
        .collect()
}

/// What [`decode_string`] gives: the value, and the byte range in the
/// string's source that each byte of the value comes from.
type Traced = (String, Vec<usize>, Vec<usize>);

/// A TOML string's value decoded from the characters between its quotes,
/// traced back (see [`Traced`]) through escapes, the newline a multi-line
/// string trims after its opening quotes, line-ending backslashes (which
/// drop the whitespace after them). `None` for an
/// escape TOML does not have.
fn decode_string(inner: &str, basic: bool, multi: bool) -> Option<Traced> {
    let mut value = String::with_capacity(inner.len());
    let mut starts = Vec::with_capacity(inner.len());
    let mut ends = Vec::with_capacity(inner.len());
    let mut push = |value: &mut String, c: char, start: usize, end: usize| {
        value.push(c);
        for _ in 0..c.len_utf8() {
            starts.push(start);
            ends.push(end);
        }
    };
    let mut at = 0;
    if multi {
        if inner.starts_with("\r\n") {
            at = 2;
        } else if inner.starts_with('\n') {
            at = 1;
        }
    }
    while at < inner.len() {
        let c = inner[at..].chars().next()?;
        if !basic || c != '\\' {
            push(&mut value, c, at, at + c.len_utf8());
            at += c.len_utf8();
            continue;
        }
        let escape = inner[at + 1..].chars().next()?;
        let simple = match escape {
            'b' => Some('\u{8}'),
            't' => Some('\t'),
            'n' => Some('\n'),
            'f' => Some('\u{c}'),
            'r' => Some('\r'),
            'e' => Some('\u{1b}'),
            '"' => Some('"'),
            '\\' => Some('\\'),
            _ => None,
        };
        if let Some(decoded) = simple {
            push(&mut value, decoded, at, at + 2);
            at += 2;
            continue;
        }
        let hex_len = match escape {
            'x' => 2,
            'u' => 4,
            'U' => 8,
            _ => 0,
        };
        if hex_len > 0 {
            let hex = inner.get(at + 2..at + 2 + hex_len)?;
            let decoded = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
            push(&mut value, decoded, at, at + 2 + hex_len);
            at += 2 + hex_len;
            continue;
        }
        // A line-ending backslash: whitespace up to the line end, then all
        // whitespace and newlines after it, are dropped.
        if multi && escape.is_whitespace() {
            let rest = &inner[at + 1..];
            let line = rest.trim_start_matches([' ', '\t']);
            if !line.starts_with(['\n', '\r']) {
                return None;
            }
            let after = rest.trim_start_matches([' ', '\t', '\n', '\r']);
            at = inner.len() - after.len();
            continue;
        }
        return None;
    }
    Some((value, starts, ends))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lf_crlf_and_bom() {
        let text = "+++\ntitle = \"x\"\n+++\nbody\n";
        let s = split(text).unwrap();
        assert_eq!(&text[s.toml_start..s.toml_end], "title = \"x\"\n");
        assert_eq!(&text[s.body_start..], "body\n");
        let crlf = "\u{feff}+++\r\na = 1\r\n+++\r\nbody";
        let s = split(crlf).unwrap();
        assert_eq!(&crlf[s.body_start..], "body");
        assert_eq!(split(""), Err(SplitError::Empty));
        assert_eq!(split("+++\na = 1\n"), Err(SplitError::NoClosing));
        assert_eq!(split("title = 1\n"), Err(SplitError::NoOpening));
    }

    #[test]
    fn indexes_nested_keys_and_strings() {
        let file = "+++\nthemes = [\"a\", \"b\"]\n[[strategies]]\ntitle = \"T\\u0041\"\nthemes = [\"c\"]\n+++\n";
        let s = split(file).unwrap();
        let index = SpanIndex::build(file, s.toml_start, &file[s.toml_start..s.toml_end]);
        let at = index.offset_of("strategies[0].themes[0]").unwrap();
        assert_eq!(&file[at..at + 3], "\"c\"");
        let title = index
            .strings
            .iter()
            .find(|s| s.key == "strategies[0].title")
            .unwrap();
        assert_eq!(title.value, "TA");
        assert!(!title.exact);
        let b = index.strings.iter().find(|s| s.key == "themes[1]").unwrap();
        assert!(b.exact);
        assert_eq!(&file[b.span.clone()], "b");
        let (start, end) = title.source_range(1, 2).unwrap();
        assert_eq!(&file[start..end], "\\u0041");
    }

    #[test]
    fn places_inside_multi_line_strings_are_traced_to_their_lines() {
        let file = concat!(
            "+++\n",
            "# a note on Quinn\n",
            "a = \"\"\"\nfirst line\nthen Quinn\"\"\"\n",
            "b = \"\"\"\\\n    one Qu\\\n    inn two\"\"\"\n",
            "c = '''\nx\r\nQuinn'''\n",
            "+++\n"
        );
        let s = split(file).unwrap();
        let index = SpanIndex::build(file, s.toml_start, &file[s.toml_start..s.toml_end]);
        let find = |key: &str, word: &str| {
            let string = index.strings.iter().find(|s| s.key == key).unwrap();
            let at = string.value.find(word).unwrap();
            let (start, end) = string.source_range(at, at + word.len()).unwrap();
            (
                file[..start].matches('\n').count() + 1,
                file[start..end].to_string(),
            )
        };
        assert_eq!(find("a", "Quinn"), (5, "Quinn".to_string()));
        assert_eq!(find("b", "Quinn"), (7, "Qu\\\n    inn".to_string()));
        assert_eq!(find("c", "Quinn"), (11, "Quinn".to_string()));
        assert_eq!(index.comments.len(), 1);
        assert_eq!(&file[index.comments[0].clone()], " a note on Quinn");
    }
}
