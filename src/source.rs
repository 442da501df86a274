//! Source files as written, with byte offset → line/column mapping.
//!
//! Every position clearhouse reports is a 1-based line and a 1-based column
//! counted in characters, in the file as it is on disk (front matter
//! included), so that a Reviewer can jump straight to it in any editor.

/// A text file of the site, held whole, with the offsets of its line starts.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// Path relative to the site root, with `/` separators.
    pub path: String,
    /// The file's text exactly as read (CRLF kept).
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceText {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceText {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// 1-based (line, column) of a byte offset; the column counts characters.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line_index = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line_index];
        let column = self.text[start..floor_char_boundary(&self.text, offset)]
            .chars()
            .count()
            + 1;
        (line_index + 1, column)
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .map(|&next| next - 1)
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches('\r')
    }

    /// Byte offset of the start of a 1-based line.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }
}

/// The largest char boundary at or below `index` (stable stand-in for
/// `str::floor_char_boundary`).
pub fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut i = index.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The first character boundary of `text` at or after `index` (its length
/// past the end).
pub fn ceil_char_boundary(text: &str, index: usize) -> usize {
    let mut i = index.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let src = SourceText::new("a.md", "+++\nname = \"Siobhán Quinn\"\r\nnext");
        let offset = src.text.find("Quinn").unwrap();
        assert_eq!(src.line_col(offset), (2, 17));
        assert_eq!(src.line_text(2), "name = \"Siobhán Quinn\"");
        assert_eq!(src.line_col(src.text.find("next").unwrap()), (3, 1));
    }
}
