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
}

/// Every key and string value of the front matter with its place.
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    /// Key path → byte range of the key (or array element) in the file.
    pub keys: Vec<(String, Range<usize>)>,
    pub strings: Vec<FrontMatterString>,
}

impl SpanIndex {
    /// Indexes `toml` (which starts at byte `base` of `file`).
    pub fn build(file: &str, base: usize, toml: &str) -> SpanIndex {
        let mut index = SpanIndex::default();
        if let Ok(table) = DeTable::parse(toml) {
            index.walk_table(file, base, table.get_ref(), "");
        }
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
                self.strings.push(FrontMatterString {
                    key: path.to_string(),
                    value: text.to_string(),
                    span: inner_start..inner_end,
                    exact: inner == text.as_ref(),
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
    }
}
