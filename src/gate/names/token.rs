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
    each_token(text, |t| out.push(t));
    out
}

/// The bytes a word may start at: ASCII letters and digits, and every
/// byte of a character beyond ASCII (the character is read to decide).
const MAY_START_A_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = b >= 0x80 || (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// Calls `emit` with each token of `text`, in order: [`tokenize`] without
/// the vector, for callers that keep something else per token.
pub fn each_token(text: &str, mut emit: impl FnMut(Token)) {
    let mut first = true;
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut prev_end = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Fast skip over ASCII punctuation and spaces: one table read.
        if !MAY_START_A_WORD[usize::from(b)] {
            i += 1;
            continue;
        }
        let (c, w) = if b < 0x80 {
            (b as char, 1)
        } else {
            let c = text[i..].chars().next().unwrap_or('\u{fffd}');
            (c, c.len_utf8())
        };
        // An ASCII byte that is left is a letter or a digit.
        if b >= 0x80 && !is_word_char(c) {
            i += w;
            continue;
        }
        let start = i;
        // Scripts without case (Devanagari, Arabic, Han) count as
        // capitalised: in an English review such a word is most likely a
        // name, and the gate fails closed.
        let mut cap = if b < 0x80 {
            b.is_ascii_uppercase()
        } else {
            c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase())
        };
        let first_char_is_digit = c.is_ascii_digit();
        let mut all_caps = true;
        let mut letters = 0usize;
        let mut upper = 0usize;
        let mut digit = false;
        let mut end = i;
        let mut j = i;
        while j < bytes.len() {
            // Fast path for the commonest bytes: a run of lower-case ASCII
            // letters, eight bytes a step.
            let run_start = j;
            j = crate::gate::text::lowercase_run_end(bytes, j);
            if j > run_start {
                letters += 1;
                all_caps = false;
                end = j;
                // The byte after the run is no lower-case letter: it is
                // read below, without asking for a run again (which would
                // read eight bytes to find none).
                if j >= bytes.len() {
                    break;
                }
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
            // Any other ASCII byte but a digit or a joiner ends the word
            // (the commonest case: a space or punctuation).
            if b < 0x80 && !b.is_ascii_digit() && !matches!(b, b'\'' | b'-') {
                break;
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
        // One space, the commonest gap by far, without a call.
        let (sentence_start, joined) = if !first && start == prev_end + 1 && bytes[prev_end] == b' '
        {
            (false, true)
        } else {
            classify_gap(&text[prev_end..start], first)
        };
        first = false;
        emit(Token {
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
}

/// Byte windows around each match of `anchors`, merged where they
/// overlap: detectors that need an anchor word look only there instead of
/// tokenising everything. Windows start and end on whitespace so no word
/// is cut.
#[cfg(test)]
pub fn windows(
    text: &str,
    anchors: &AnchorWords,
    before: usize,
    after: usize,
) -> Vec<(usize, usize)> {
    windows_around(text, &anchors.matches(text), before, after)
}

/// Capitalised anchor words (street words, institution words) and how to
/// find them fast.
///
/// Every anchor starts with an ASCII capital, so an automaton built for
/// anchored searches is asked only where a capital stands (found 32 bytes
/// at a time), and only where the capital and the byte after it begin
/// some anchor: most capitals in prose begin none, and one table read is
/// far cheaper than starting a search.
pub struct AnchorWords {
    automaton: aho_corasick::AhoCorasick,
    /// For each capital A–Z, a 256-bit set of the bytes that follow it at
    /// the start of some anchor.
    pairs: [[u64; 4]; 26],
    /// Capitals that are a whole anchor on their own.
    single: [bool; 26],
    /// For each capital, the bytes after it that make a whole anchor of
    /// two bytes with it.
    short: [[u64; 4]; 26],
    /// The first three bytes of each longer anchor, hashed (see
    /// [`triple_bit`]): of the capitals whose pair begins some anchor,
    /// most begin none with the byte after, and a bit read is cheaper
    /// than starting a search.
    triples: Box<[u64; TRIPLE_BITS / 64]>,
    /// Report every anchor at every capital, or only matches that do not
    /// overlap, leftmost and longest first (as `find_iter` of an
    /// unanchored leftmost-longest automaton reports them).
    overlapping: bool,
}

impl AnchorWords {
    /// `patterns` must each start with an ASCII capital.
    pub fn new(patterns: &[String], overlapping: bool) -> AnchorWords {
        let mut pairs = [[0u64; 4]; 26];
        let mut single = [false; 26];
        let mut short = [[0u64; 4]; 26];
        let mut triples = Box::new([0u64; TRIPLE_BITS / 64]);
        for p in patterns {
            let b = p.as_bytes();
            assert!(
                b.first().is_some_and(u8::is_ascii_uppercase),
                "anchor word {p:?} must start with an ASCII capital"
            );
            let c = (b[0] - b'A') as usize;
            match b.get(1) {
                Some(&n) => pairs[c][(n >> 6) as usize] |= 1 << (n & 63),
                None => single[c] = true,
            }
            match b {
                [_, n] => short[c][(n >> 6) as usize] |= 1 << (n & 63),
                [a, n, m, ..] => {
                    let bit = triple_bit(*a, *n, *m);
                    triples[bit / 64] |= 1 << (bit % 64);
                }
                _ => {}
            }
        }
        let automaton = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(patterns)
            .expect("anchor automaton");
        AnchorWords {
            automaton,
            pairs,
            single,
            short,
            triples,
            overlapping,
        }
    }

    /// Where the anchor words are, as whole words (no letter right after;
    /// a possessive 's is fine). The gate asks for two sets at once
    /// ([`matches_both`](Self::matches_both)).
    #[cfg(test)]
    pub fn matches(&self, text: &str) -> Vec<(usize, usize)> {
        let mut found = Found::default();
        crate::gate::text::for_each_ascii_capital(text.as_bytes(), |at| {
            self.visit(text, at, &mut found)
        });
        found.spans
    }

    /// [`matches`](Self::matches) of two sets of anchor words, in one
    /// walk over the text's capitals.
    pub fn matches_both(first: &AnchorWords, second: &AnchorWords, text: &str) -> (Spans, Spans) {
        let (mut a, mut b) = (Found::default(), Found::default());
        crate::gate::text::for_each_ascii_capital(text.as_bytes(), |at| {
            first.visit(text, at, &mut a);
            second.visit(text, at, &mut b);
        });
        (a.spans, b.spans)
    }

    /// Looks for an anchor word at `at`, an ASCII capital.
    fn visit(&self, text: &str, at: usize, found: &mut Found) {
        let bytes = text.as_bytes();
        if at < found.from {
            return;
        }
        let c = (bytes[at] - b'A') as usize;
        if !self.single[c] {
            let Some(&n) = bytes.get(at + 1) else {
                return;
            };
            if self.pairs[c][(n >> 6) as usize] >> (n & 63) & 1 == 0 {
                return;
            }
            if self.short[c][(n >> 6) as usize] >> (n & 63) & 1 == 0 {
                // Only anchors of three bytes or more can start here.
                let Some(&m) = bytes.get(at + 2) else {
                    return;
                };
                let bit = triple_bit(bytes[at], n, m);
                if self.triples[bit / 64] >> (bit % 64) & 1 == 0 {
                    return;
                }
            }
        }
        let input = aho_corasick::Input::new(text)
            .range(at..)
            .anchored(aho_corasick::Anchored::Yes);
        let Some(m) = self.automaton.try_find(input).ok().flatten() else {
            return;
        };
        if !self.overlapping {
            found.from = m.end();
        }
        if !bytes
            .get(m.end())
            .is_some_and(|b| b.is_ascii_lowercase() && *b != b's')
        {
            found.spans.push((m.start(), m.end()));
        }
    }
}

/// Bits in [`AnchorWords::triples`].
const TRIPLE_BITS: usize = 1 << 14;

/// The bit of an anchor's first three bytes in [`AnchorWords::triples`].
#[inline(always)]
fn triple_bit(a: u8, n: u8, m: u8) -> usize {
    let key = u32::from(a) << 16 | u32::from(n) << 8 | u32::from(m);
    (key.wrapping_mul(0x9E37_79B1) >> (32 - 14)) as usize
}

/// Byte ranges into a text.
pub type Spans = Vec<(usize, usize)>;

/// Anchor words found so far, and where the next may start.
#[derive(Default)]
struct Found {
    spans: Vec<(usize, usize)>,
    from: usize,
}

/// The former search, kept to hold [`AnchorWords::matches`] to it: an
/// anchored automaton asked at every capital, any other run over the text.
#[cfg(test)]
pub fn anchor_matches_slow(text: &str, anchors: &aho_corasick::AhoCorasick) -> Vec<(usize, usize)> {
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

/// Offsets of the ASCII capitals in `bytes`, in order (the former way,
/// kept for the former search).
#[cfg(test)]
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

/// [`each_token`] as it was before it stopped asking for a lower-case run
/// right after one, kept to hold it to.
#[cfg(test)]
fn each_token_former(text: &str, mut emit: impl FnMut(Token)) {
    let mut first = true;
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
        let mut cap = if b < 0x80 {
            b.is_ascii_uppercase()
        } else {
            c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase())
        };
        let first_char_is_digit = c.is_ascii_digit();
        let mut all_caps = true;
        let mut letters = 0usize;
        let mut upper = 0usize;
        let mut digit = false;
        let mut end = i;
        let mut j = i;
        while j < bytes.len() {
            // Fast path for the commonest bytes: a run of lower-case ASCII
            // letters, eight bytes a step.
            let run_start = j;
            j = crate::gate::text::lowercase_run_end(bytes, j);
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
            // Any other ASCII byte but a digit or a joiner ends the word
            // (the commonest case: a space or punctuation).
            if b < 0x80 && !b.is_ascii_digit() && !matches!(b, b'\'' | b'-') {
                break;
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
        // One space, the commonest gap by far, without a call.
        let (sentence_start, joined) = if !first && start == prev_end + 1 && bytes[prev_end] == b' '
        {
            (false, true)
        } else {
            classify_gap(&text[prev_end..start], first)
        };
        first = false;
        emit(Token {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gate::test_texts::random_texts;

    #[test]
    fn tokens_are_the_former_tokens() {
        let pieces = [
            "the",
            "Kerr",
            "KERR",
            "a",
            "I",
            "O'Donnell",
            "multi-agency",
            "12B",
            "7",
            "x9y",
            "é",
            "Siobhán",
            "ñ",
            "\u{301}",
            "नम",
            "'",
            "’",
            "-",
            "\u{2011}",
            " ",
            " ",
            "  ",
            "\n",
            "\n\n",
            ".",
            ": ",
            "**",
            "\"",
            "(",
            "- ",
            "\t",
            "\u{a0}",
            "abcdefghijklmnop",
        ];
        for text in random_texts(&pieces, 0x70ce_5eed, 40).take(20_000) {
            let mut former = Vec::new();
            each_token_former(&text, |t| former.push(t));
            assert_eq!(tokenize(&text), former, "{text:?}");
        }
    }

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
        let ac = AnchorWords::new(&["Street".to_string()], true);
        let s = "aaaa bbbb 12 Rowan Street cccc dddd. Streetwise Street";
        let w = windows(s, &ac, 8, 3);
        assert_eq!(w.len(), 2);
        assert!(s[w[0].0..w[0].1].contains("12 Rowan Street"));
        assert!(s[w[1].0..w[1].1].ends_with("Street"));
    }

    /// The pair table and the skipping of overlaps change nothing: the
    /// anchors found equal the former search's, overlapping (anchored at
    /// every capital) and not (an unanchored leftmost-longest automaton),
    /// on random texts of anchor words, their pieces and other capitals.
    #[test]
    fn anchor_words_match_the_former_search() {
        let pats: Vec<String> = [
            "Road", "Rd", "Roadway", "Street", "St", "School", "Sc", "A", "Hall", "Hallway", "Ha",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let pieces = [
            "Road", "Roadway", "Street", "St", "School", "Sch", "A", "Hall", "Hallways", "Ha", "a",
            "s", "'s", " ", " ", "\n", "x", "R", "S", "Q", "Z", "é", "Ró", "-", ".", "1", "Roa",
            "Stre", "Hab", "Scx",
        ];
        // Long enough for whole 64-byte blocks and a remainder.
        let mut texts = random_texts(&pieces, 0x9e37_79b9_7f4a_7c15, 60);
        for overlapping in [true, false] {
            let fast = AnchorWords::new(&pats, overlapping);
            let slow = aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .start_kind(if overlapping {
                    aho_corasick::StartKind::Anchored
                } else {
                    aho_corasick::StartKind::Unanchored
                })
                .build(&pats)
                .unwrap();
            for text in texts.by_ref().take(3000) {
                let expected = anchor_matches_slow(&text, &slow);
                assert_eq!(
                    fast.matches(&text),
                    expected,
                    "{text:?} (overlapping: {overlapping})"
                );
                let other = AnchorWords::new(&pats, !overlapping);
                let (a, b) = AnchorWords::matches_both(&fast, &other, &text);
                assert_eq!(a, expected, "{text:?}");
                assert_eq!(b, other.matches(&text), "{text:?}");
            }
        }
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
