//! One hand-written pass that splits text into word tokens with the
//! context the name rules need (sentence start, whether the token is
//! joined to the previous one by plain spacing). No regex per token: this
//! runs over every byte the gate sees.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// First character is uppercase.
    pub cap: bool,
    /// No lowercase letter and at least two uppercase ones (scripts
    /// without case are never "in capitals").
    pub all_caps: bool,
    /// Contains an ASCII digit.
    pub digit: bool,
    /// Contains a letter.
    pub alpha: bool,
    /// First token of a sentence, heading, list item, table cell or quote.
    pub sentence_start: bool,
    /// Separated from the previous token only by spaces or tabs (or one
    /// soft line break): the two can belong to one multi-word name.
    pub joined: bool,
    /// The gap before this token, as a byte range into the text.
    pub gap_start: usize,
}

impl Token {
    pub fn text<'a>(&self, s: &'a str) -> &'a str {
        &s[self.start..self.end]
    }
}

/// Letters, digits and combining marks: Devanagari vowel signs and
/// decomposed accents are marks, and splitting on them would cut a name
/// into single letters that pass as pseudonyms.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || (!c.is_ascii() && unicode_normalization::char::is_combining_mark(c))
}

/// Characters that may sit inside a word when a word character follows:
/// apostrophes (O'Donnell, Child A's) and hyphens (Jamie-Lee, multi-agency).
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '\u{2011}')
}

/// What the gap between two tokens says about the second.
fn classify_gap(gap: &str, first: bool) -> (bool, bool) {
    if first {
        return (true, false);
    }
    if gap == " " {
        return (false, true);
    }
    let mut start = false;
    let mut joined = true;
    let mut newlines = 0;
    let mut at_line_start = false;
    for c in gap.chars() {
        match c {
            ' ' | '\t' | '\u{a0}' => {}
            '\n' => {
                newlines += 1;
                at_line_start = true;
                if newlines > 1 {
                    start = true;
                }
                continue;
            }
            '\r' => continue,
            '.' | '!' | '?' | ':' | ';' | '|' | '#' | '\u{2026}' => {
                start = true;
                joined = false;
            }
            '"' | '\u{201c}' | '\u{2018}' | '(' | '[' | '{' | '<' | '>' | '\u{2022}' => {
                start = true;
                joined = false;
            }
            '-' | '*' | '+' | '\u{2013}' | '\u{2014}' if at_line_start => {
                start = true;
                joined = false;
            }
            _ => joined = false,
        }
        at_line_start = false;
    }
    if newlines > 1 {
        joined = false;
    }
    // "7.3 **Faith literacy.**": an emphasised run opens like a heading.
    if gap.ends_with("**") || gap.ends_with("__") {
        start = true;
        joined = false;
    }
    (start, joined)
}

/// Splits `text` into tokens. Allocates one vector; never copies text.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 6);
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut prev_end = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Fast skip over ASCII punctuation and spaces.
        if b < 0x80 && !b.is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let (c, w) = if b < 0x80 {
            (b as char, 1)
        } else {
            let c = text[i..].chars().next().unwrap_or('\u{fffd}');
            (c, c.len_utf8())
        };
        if !is_word_char(c) {
            i += w;
            continue;
        }
        let start = i;
        // Scripts without case (Devanagari, Arabic, Han) count as
        // capitalised: in an English review such a word is most likely a
        // name, and the gate fails closed.
        let mut cap = c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase() && !c.is_ascii());
        let first_char_is_digit = c.is_ascii_digit();
        let mut all_caps = true;
        let mut letters = 0usize;
        let mut upper = 0usize;
        let mut digit = false;
        let mut end = i;
        let mut j = i;
        while j < bytes.len() {
            // Fast path for the commonest bytes: a run of lower-case ASCII
            // letters, one comparison each.
            let run_start = j;
            while j < bytes.len() && bytes[j].is_ascii_lowercase() {
                j += 1;
            }
            if j > run_start {
                letters += 1;
                all_caps = false;
                end = j;
                continue;
            }
            let b = bytes[j];
            if b.is_ascii_alphabetic() {
                letters += 1;
                if b.is_ascii_lowercase() {
                    all_caps = false;
                } else {
                    upper += 1;
                }
                j += 1;
                end = j;
                continue;
            }
            let (c, w) = if b < 0x80 {
                (b as char, 1)
            } else {
                let c = text[j..].chars().next().unwrap_or('\u{fffd}');
                (c, c.len_utf8())
            };
            if is_word_char(c) {
                if c.is_ascii_digit() {
                    digit = true;
                } else if c.is_alphabetic() {
                    letters += 1;
                    if c.is_lowercase() {
                        all_caps = false;
                    } else if c.is_uppercase() {
                        upper += 1;
                    }
                }
                j += w;
                end = j;
            } else if is_joiner(c) {
                // Only inside a word: the next character must be a word char.
                let next = text[j + w..].chars().next();
                if next.is_some_and(is_word_char) {
                    j += w;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        if first_char_is_digit {
            cap = false;
        }
        let (sentence_start, joined) = classify_gap(&text[prev_end..start], out.is_empty());
        out.push(Token {
            start,
            end,
            cap,
            all_caps: all_caps && upper >= 2,
            digit,
            alpha: letters > 0,
            sentence_start,
            joined,
            gap_start: prev_end,
        });
        prev_end = end;
        i = end.max(i + w);
    }
    out
}

/// Byte windows around each match of `anchors` (an automaton over the
/// capitalised anchor words), merged where they overlap: detectors that
/// need an anchor word look only there instead of tokenising everything.
/// Windows start and end on whitespace so no word is cut.
///
/// Every anchor starts with an ASCII capital. An automaton built for
/// anchored searches (`StartKind::Anchored`) is asked only where a capital
/// stands: with many anchors its prefilter cannot skip prose, and finding
/// capitals 32 bytes at a time is several times faster than walking the
/// automaton over every byte. Other automata (a few anchors with rare
/// letters, which their prefilter skips to) run as usual.
#[cfg(test)]
pub fn windows(
    text: &str,
    anchors: &aho_corasick::AhoCorasick,
    before: usize,
    after: usize,
) -> Vec<(usize, usize)> {
    windows_around(text, &anchor_matches(text, anchors), before, after)
}

/// Where the anchor words are, as whole words (the expensive part of
/// [`windows`]; the gate works it out once per text and automaton).
pub fn anchor_matches(text: &str, anchors: &aho_corasick::AhoCorasick) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let found: Box<dyn Iterator<Item = aho_corasick::Match>> =
        if anchors.start_kind() == aho_corasick::StartKind::Anchored {
            Box::new(capitals(bytes).filter_map(|at| {
                let input = aho_corasick::Input::new(text)
                    .range(at..)
                    .anchored(aho_corasick::Anchored::Yes);
                anchors.try_find(input).ok().flatten()
            }))
        } else {
            Box::new(anchors.find_iter(text))
        };
    found
        .filter(|m| {
            // A whole word: no letter right after (a possessive 's is fine).
            !bytes
                .get(m.end())
                .is_some_and(|b| b.is_ascii_lowercase() && *b != b's')
        })
        .map(|m| (m.start(), m.end()))
        .collect()
}

/// Byte windows reaching `before` and `after` bytes around each anchor
/// match, merged where they overlap, starting and ending on whitespace.
pub fn windows_around(
    text: &str,
    matches: &[(usize, usize)],
    before: usize,
    after: usize,
) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &(m_start, m_end) in matches {
        let mut s = m_start.saturating_sub(before);
        while s > 0 && !bytes[s - 1].is_ascii_whitespace() {
            s -= 1;
        }
        let mut e = (m_end + after).min(bytes.len());
        while e < bytes.len() && !bytes[e].is_ascii_whitespace() {
            e += 1;
        }
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// Offsets of the ASCII capitals in `bytes`, in order. Blocks of 32 bytes
/// without one are skipped with a test the compiler vectorises.
fn capitals(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    const BLOCK: usize = 32;
    bytes
        .chunks(BLOCK)
        .enumerate()
        .filter(|(_, block)| {
            block
                .iter()
                .fold(false, |any, b| any | b.is_ascii_uppercase())
        })
        .flat_map(|(index, block)| {
            block
                .iter()
                .enumerate()
                .filter(|(_, b)| b.is_ascii_uppercase())
                .map(move |(offset, _)| index * BLOCK + offset)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn keeps_apostrophes_and_hyphens_inside_words() {
        assert_eq!(
            words("Dean O'Donnell’s multi-agency plan, Child A's."),
            [
                "Dean",
                "O'Donnell’s",
                "multi-agency",
                "plan",
                "Child",
                "A's"
            ]
        );
        assert_eq!(
            words("parents' views - not 'quoted'"),
            ["parents", "views", "not", "quoted"]
        );
    }

    #[test]
    fn marks_sentence_starts_and_joins() {
        let s = "The nursery noted. Hope was\nexpressed: Will it?\n\n## Grace Kerr\n- Item";
        let t = tokenize(s);
        let starts: Vec<&str> = t
            .iter()
            .filter(|t| t.sentence_start)
            .map(|t| t.text(s))
            .collect();
        assert_eq!(starts, ["The", "Hope", "Will", "Grace", "Item"]);
        let kerr = t.iter().find(|t| t.text(s) == "Kerr").unwrap();
        assert!(kerr.joined && kerr.cap);
        let exp = t.iter().find(|t| t.text(s) == "expressed").unwrap();
        assert!(
            exp.joined && !exp.sentence_start,
            "a soft line break continues the sentence"
        );
    }

    #[test]
    fn windows_cover_anchors_and_merge() {
        let ac = aho_corasick::AhoCorasick::builder()
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(["Street"])
            .unwrap();
        let s = "aaaa bbbb 12 Rowan Street cccc dddd. Streetwise Street";
        let w = windows(s, &ac, 8, 3);
        assert_eq!(w.len(), 2);
        assert!(s[w[0].0..w[0].1].contains("12 Rowan Street"));
        assert!(s[w[1].0..w[1].1].ends_with("Street"));
    }

    #[test]
    fn flags_capitals_and_digits() {
        let s = "KERR 12B Siobhán I";
        let t = tokenize(s);
        assert!(t[0].all_caps && t[0].cap);
        assert!(t[1].digit && !t[1].cap);
        assert!(t[2].cap && !t[2].all_caps);
        assert!(
            !t[3].all_caps,
            "a single capital letter is not a word in capitals"
        );
    }
}
