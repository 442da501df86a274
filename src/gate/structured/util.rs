//! Small text helpers shared by the structured detectors. Offsets are byte
//! offsets that always sit on char boundaries.

use crate::gate::detector::{PreparedText, Shared};
use crate::gate::Hit;

/// The char just before byte `i`, if any.
pub(super) fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

/// The char starting at byte `i`, if any.
pub(super) fn char_after(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// True when no letter, digit or underscore touches byte `i` from the left.
/// Checked on chars rather than with regex `\b`, because Unicode `\b` would
/// push the regex crate off its fast DFA on non-ASCII text.
pub(super) fn starts_word(text: &str, i: usize) -> bool {
    !char_before(text, i).is_some_and(is_word_char)
}

pub(super) fn has_ascii_digit(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
}

/// How many whitespace-separated tokens [`digit_windows`] reaches on each
/// side of a token holding a digit: more than any identifier with a digit
/// spans on one side of it. The most are five, before the district in
/// "post code area : of EH12"; a date spans at most four ("14 to 16 March
/// 2022" after its first digit, "Tuesday, the" before "14th").
const DIGIT_REACH_TOKENS: usize = 8;

/// The digit windows of a prepared text, found once and shared by the
/// detectors that search only there.
pub(crate) fn windows_of<'a>(prepared: &'a PreparedText<'_>) -> &'a [(usize, usize)] {
    prepared.shared(Shared::DigitWindows, |p| {
        let (windows, digits) = windows_and_digits(p.text);
        p.set_shared_bits(digits);
        windows
    })
}

/// Where the ASCII digits of a text are, one bit a byte: a dozen rules
/// step from digit to digit through the whole text, and a scan of these
/// bits skips 64 bytes of prose a step where [`next_digit`] reads them.
pub(crate) struct Digits<'a> {
    /// Bit `i % 64` of word `i / 64` for byte `i`; words past the end are
    /// zero, and so may be missing.
    bits: std::borrow::Cow<'a, [u64]>,
}

impl Digits<'_> {
    /// The digits of a text that is not prepared (a rule's tests).
    #[cfg(test)]
    pub(crate) fn of(text: &str) -> Digits<'static> {
        Digits {
            bits: std::borrow::Cow::Owned(windows_and_digits(text).1),
        }
    }

    /// The first ASCII digit at or after `from`, as [`next_digit`] finds it.
    #[inline]
    pub(crate) fn next(&self, from: usize) -> Option<usize> {
        let mut w = from / 64;
        let mut word = *self.bits.get(w)? & (!0u64 << (from % 64));
        while word == 0 {
            w += 1;
            word = *self.bits.get(w)?;
        }
        Some(w * 64 + word.trailing_zeros() as usize)
    }

    /// The first ASCII digit at or after `from` and before `to`.
    #[inline]
    pub(crate) fn next_before(&self, from: usize, to: usize) -> Option<usize> {
        self.next(from).filter(|&d| d < to)
    }
}

/// One search of a text for a few fixed words, giving every place of
/// each that a search for it alone (`memchr::memmem::find_iter`) gives: a
/// rule that looked for each way a word is written ("sign", "Sign",
/// "SIGN") read the whole text once a way.
pub(crate) struct WordSearch {
    search: WordSearcher,
    words: usize,
}

/// Teddy where the processor has it.
enum WordSearcher {
    Packed(aho_corasick::packed::Searcher),
    Automaton(aho_corasick::AhoCorasick),
}

impl WordSearch {
    /// No word may start another or overlap itself ("aba"): the search
    /// would find places a search for each alone does not.
    pub(crate) fn new(words: &[&str]) -> WordSearch {
        for word in words {
            assert!(
                words.iter().all(|w| w == word || !word.starts_with(w)),
                "{word:?} starts with another word"
            );
            assert!(
                (1..word.len()).all(|k| !word.ends_with(&word[..k])),
                "{word:?} overlaps itself"
            );
        }
        let packed = aho_corasick::packed::Config::new()
            .builder()
            .extend(words)
            .build();
        let search = match packed {
            Some(searcher) => WordSearcher::Packed(searcher),
            None => WordSearcher::Automaton(
                aho_corasick::AhoCorasick::builder()
                    .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                    .build(words)
                    .expect("fixed words"),
            ),
        };
        WordSearch {
            search,
            words: words.len(),
        }
    }

    /// Where each word starts in `text`, in order: `places[k]` for the
    /// `k`th word.
    pub(crate) fn places(&self, text: &str) -> Vec<Vec<usize>> {
        let mut places = vec![Vec::new(); self.words];
        // Each search goes on from the byte after the last place, not from
        // its end, so that two words that overlap ("s/class" holds "s/c"
        // and "class") are both found; no word starts another, so each
        // place is one word's.
        let mut from = 0;
        while let Some((start, word)) = self.next(text, from) {
            places[word].push(start);
            from = start + 1;
        }
        places
    }

    fn next(&self, text: &str, from: usize) -> Option<(usize, usize)> {
        match &self.search {
            WordSearcher::Packed(searcher) => searcher
                .find_in(text, aho_corasick::Span::from(from..text.len()))
                .map(|m| (m.start(), m.pattern().as_usize())),
            WordSearcher::Automaton(automaton) => automaton
                .find(aho_corasick::Input::new(text).range(from..))
                .map(|m| (m.start(), m.pattern().as_usize())),
        }
    }
}

/// The digits of a prepared text, read once with its digit windows.
pub(crate) fn digits_of<'a>(prepared: &'a PreparedText<'_>) -> Digits<'a> {
    windows_of(prepared);
    // A text without a digit sets no bits: none is the same as all zero.
    Digits {
        bits: std::borrow::Cow::Borrowed(prepared.shared_bits(|_| Vec::new())),
    }
}

/// Offsets `j` in the digit windows where a letter meets a digit:
/// `text[j - 1]` and `text[j]` are an ASCII letter and a digit (either way
/// round), or `text[j]` is a space or hyphen between the two. Plates
/// (`WX 12345`) and handles (`kayz2011`) start from these.
pub(crate) fn letter_digit<'a>(prepared: &'a PreparedText<'_>) -> &'a [usize] {
    prepared.shared_offsets(|p| {
        let bytes = p.text.as_bytes();
        let mut out = Vec::new();
        let meet = |x: u8, y: u8| {
            (x.is_ascii_alphabetic() && y.is_ascii_digit())
                || (x.is_ascii_digit() && y.is_ascii_alphabetic())
        };
        let digits = digits_of(p);
        for &(from, to) in windows_of(p) {
            // Every such offset is a digit's own, or one beside a digit:
            // only those are tested (in order, each once), not every byte
            // of the window.
            let mut next = from.max(1);
            let mut at = from;
            while let Some(digit) = digits.next_before(at, to) {
                for j in digit.saturating_sub(1).max(next)..(digit + 2).min(to) {
                    let (a, b) = (bytes[j - 1], bytes[j]);
                    if meet(a, b)
                        || (matches!(b, b' ' | b'-') && j + 1 < to && meet(a, bytes[j + 1]))
                    {
                        out.push(j);
                    }
                }
                next = next.max(digit + 2);
                at = digit + 1;
            }
        }
        out
    })
}

/// Ranges of `text` around every ASCII digit, in order and apart: each
/// starts at the start of a token (a run of bytes other than ASCII
/// whitespace) and ends at the end of one, reaching [`DIGIT_REACH_TOKENS`]
/// tokens beyond the tokens that hold digits on each side.
///
/// A pattern that must contain a digit and spans fewer tokens than that
/// finds exactly the same matches when searched only inside these ranges
/// (with the text before each range as look-behind context, as
/// `Regex::captures_at` on `&text[..end]` gives): no match can reach a
/// range's edge, and ranges end at whitespace, so `\b` reads the same.
/// Runs of spaces inside a match are one gap however long, so they cannot
/// push part of it out of the range. Most prose is more than a dozen words
/// from any digit, and the digit-bound regexes skip it.
///
/// A text without a digit is passed over 32 bytes at a time; one with
/// digits is read once into bits (whitespace, digits), and the windows
/// step over tokens by bit scans.
#[cfg(test)]
pub(crate) fn digit_windows(text: &str) -> Vec<(usize, usize)> {
    windows_and_digits(text).0
}

/// [`digit_windows`], and the text's digit bits (see [`Digits`]; none when
/// it has no digit), which finding the windows reads anyway.
fn windows_and_digits(text: &str) -> (Vec<(usize, usize)>, Vec<u64>) {
    const REACH: usize = DIGIT_REACH_TOKENS;
    let bytes = text.as_bytes();
    let mut windows: Vec<(usize, usize)> = Vec::new();
    let Some(first) = next_digit(bytes, 0) else {
        return (windows, Vec::new());
    };
    // The same walk as `digit_windows_bytewise`, stepping from token to
    // token by bit scans over whitespace and digit bits instead of byte
    // loops: the windows cover most review prose, and the byte loops
    // walked most of it twice.
    let bits = ByteBits::new(bytes);
    let mut digit_at = Some(first);
    while let Some(digit) = digit_at {
        let floor = windows.last().map_or(0, |w| w.1);
        let start = bits.tokens_back(bits.token_start(digit), REACH, floor);
        let mut scanned_to = bits.token_end(digit);
        let mut end = bits.tokens_forward(scanned_to, REACH);
        // Digits inside the reach push the end on, from the last of them.
        while let Some(last) = bits.last_digit_before(end).filter(|&d| d >= scanned_to) {
            let reached = bits.tokens_forward(bits.token_end(last), REACH);
            scanned_to = end;
            end = reached.max(end);
            if end == scanned_to {
                break;
            }
        }
        match windows.last_mut() {
            Some(last) if last.1 >= start => last.1 = end,
            _ => windows.push((start, end)),
        }
        digit_at = bits.next_digit(end);
    }
    (windows, bits.digit)
}

/// Which bytes of a text are ASCII whitespace and which ASCII digits, one
/// bit a byte (bit `i % 64` of word `i / 64`).
struct ByteBits {
    space: Vec<u64>,
    digit: Vec<u64>,
    /// Where tokens (runs of bytes other than ASCII whitespace) start, and
    /// where they end (the whitespace byte after one; not the text's end).
    starts: Vec<u64>,
    ends: Vec<u64>,
    len: usize,
}

impl ByteBits {
    fn new(bytes: &[u8]) -> ByteBits {
        let words = bytes.len().div_ceil(64);
        let mut space = Vec::with_capacity(words);
        let mut digit = Vec::with_capacity(words);
        let mut starts = Vec::with_capacity(words);
        let mut ends = Vec::with_capacity(words);
        // Whether the byte before the chunk is in a token.
        let mut carry = 0u64;
        for chunk in bytes.chunks(64) {
            let (s, d) = crate::gate::text::space_digit_masks(chunk);
            let valid = if chunk.len() == 64 {
                !0
            } else {
                (1u64 << chunk.len()) - 1
            };
            let token = !s & valid;
            let after_token = token << 1 | carry;
            starts.push(token & !after_token);
            ends.push(!token & valid & after_token);
            carry = token >> 63;
            space.push(s);
            digit.push(d);
        }
        ByteBits {
            space,
            digit,
            starts,
            ends,
            len: bytes.len(),
        }
    }

    /// The `n`th (from 1) offset after `after` whose bit in `set` is set.
    fn nth_after(set: &[u64], after: usize, mut n: usize) -> Option<usize> {
        let mut w = (after + 1) / 64;
        let mut word = *set.get(w)? & (!0u64 << ((after + 1) % 64));
        loop {
            let count = word.count_ones() as usize;
            if count >= n {
                for _ in 1..n {
                    word &= word - 1;
                }
                return Some(w * 64 + word.trailing_zeros() as usize);
            }
            n -= count;
            w += 1;
            word = *set.get(w)?;
        }
    }

    /// The `n`th (from 1) offset before `before`, counting down, whose bit
    /// in `set` is set.
    fn nth_before(set: &[u64], before: usize, mut n: usize) -> Option<usize> {
        if before == 0 {
            return None;
        }
        let mut w = (before - 1) / 64;
        let below = before - w * 64;
        let mut word = *set.get(w)? & if below == 64 { !0 } else { (1u64 << below) - 1 };
        loop {
            let count = word.count_ones() as usize;
            if count >= n {
                for _ in 1..n {
                    word &= !(1u64 << (63 - word.leading_zeros()));
                }
                return Some(w * 64 + 63 - word.leading_zeros() as usize);
            }
            n -= count;
            if w == 0 {
                return None;
            }
            w -= 1;
            word = set[w];
        }
    }

    /// The first offset at or after `from` whose bit in `set` is `want`,
    /// or the text's length.
    fn first(&self, set: &[u64], from: usize, want: bool) -> usize {
        let mut w = from / 64;
        let word = |w: usize| if want { set[w] } else { !set[w] };
        if w >= set.len() {
            return self.len;
        }
        let mut found = word(w) & (!0u64 << (from % 64));
        loop {
            if found != 0 {
                return (w * 64 + found.trailing_zeros() as usize).min(self.len);
            }
            w += 1;
            if w >= set.len() {
                return self.len;
            }
            found = word(w);
        }
    }

    /// The last offset before `to` whose bit in `set` is `want`.
    fn last(&self, set: &[u64], to: usize, want: bool) -> Option<usize> {
        if to == 0 {
            return None;
        }
        let mut w = (to - 1) / 64;
        let word = |w: usize| if want { set[w] } else { !set[w] };
        let below = to - w * 64;
        let mut found = word(w) & if below == 64 { !0 } else { (1u64 << below) - 1 };
        loop {
            if found != 0 {
                return Some(w * 64 + 63 - found.leading_zeros() as usize);
            }
            if w == 0 {
                return None;
            }
            w -= 1;
            found = word(w);
        }
    }

    fn next_digit(&self, from: usize) -> Option<usize> {
        Some(self.first(&self.digit, from, true)).filter(|&d| d < self.len)
    }

    fn last_digit_before(&self, to: usize) -> Option<usize> {
        self.last(&self.digit, to, true)
    }

    fn token_start(&self, inside: usize) -> usize {
        self.last(&self.space, inside, true).map_or(0, |i| i + 1)
    }

    fn token_end(&self, inside: usize) -> usize {
        self.first(&self.space, inside, true)
    }

    /// [`tokens_back`] by bits: the walk from token start to token start
    /// stops at the `count`th start before `from`, or at the first start
    /// at or before `floor`, the later of the two; or at 0 when it runs
    /// out of tokens first. Whole words of starts are counted at a time.
    fn tokens_back(&self, from: usize, count: usize, floor: usize) -> usize {
        if from <= floor || count == 0 {
            return from;
        }
        let counted = Self::nth_before(&self.starts, from, count).unwrap_or(0);
        let at_floor = Self::nth_before(&self.starts, floor + 1, 1).unwrap_or(0);
        counted.max(at_floor)
    }

    /// [`tokens_forward`] by bits: the `count`th token end after `from`,
    /// or the end of the text (where the last token may end) when there
    /// are fewer.
    fn tokens_forward(&self, from: usize, count: usize) -> usize {
        if count == 0 {
            return from;
        }
        Self::nth_after(&self.ends, from, count).map_or(self.len, |end| end.min(self.len))
    }
}

/// [`digit_windows`] as it was written first, byte by byte: the tests
/// hold the bit scans to it.
#[cfg(test)]
fn digit_windows_bytewise(text: &str) -> Vec<(usize, usize)> {
    const REACH: usize = DIGIT_REACH_TOKENS;
    let bytes = text.as_bytes();
    let mut windows: Vec<(usize, usize)> = Vec::new();
    let mut from = 0;
    while let Some(digit) = next_digit(bytes, from) {
        let floor = windows.last().map_or(0, |w| w.1);
        let start = tokens_back(bytes, token_start(bytes, digit), REACH, floor);
        let mut scanned_to = token_end(bytes, digit);
        let mut end = tokens_forward(bytes, scanned_to, REACH);
        // Digits inside the reach push the end on, from the last of them.
        while let Some(last) = bytes[scanned_to..end].iter().rposition(u8::is_ascii_digit) {
            let reached = tokens_forward(bytes, token_end(bytes, scanned_to + last), REACH);
            scanned_to = end;
            end = reached.max(end);
            if end == scanned_to {
                break;
            }
        }
        match windows.last_mut() {
            Some(last) if last.1 >= start => last.1 = end,
            _ => windows.push((start, end)),
        }
        from = end;
    }
    windows
}

/// The first ASCII digit at or after `from`; blocks of 32 bytes without one
/// are skipped with a test the compiler vectorises.
pub(super) fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    const BLOCK: usize = 32;
    let mut at = from;
    while at < bytes.len() {
        let block = &bytes[at..(at + BLOCK).min(bytes.len())];
        if block.iter().fold(false, |any, b| any | b.is_ascii_digit()) {
            return block.iter().position(u8::is_ascii_digit).map(|i| at + i);
        }
        at += block.len();
    }
    None
}

#[cfg(test)]
fn token_start(bytes: &[u8], inside: usize) -> usize {
    bytes[..inside]
        .iter()
        .rposition(u8::is_ascii_whitespace)
        .map_or(0, |i| i + 1)
}

#[cfg(test)]
fn token_end(bytes: &[u8], inside: usize) -> usize {
    bytes[inside..]
        .iter()
        .position(u8::is_ascii_whitespace)
        .map_or(bytes.len(), |i| inside + i)
}

/// The start of the `count`th token before byte `from` (a token start);
/// 0 at the start of the text; or, once the walk passes `floor` (the end
/// of the previous window), wherever it stands: the two windows merge.
#[cfg(test)]
fn tokens_back(bytes: &[u8], mut from: usize, count: usize, floor: usize) -> usize {
    for _ in 0..count {
        if from <= floor {
            return from;
        }
        let Some(last_byte) = bytes[..from].iter().rposition(|b| !b.is_ascii_whitespace()) else {
            return 0;
        };
        from = token_start(bytes, last_byte);
    }
    from
}

/// The end of the `count`th token after byte `from` (a token end), or the
/// end of the text.
#[cfg(test)]
fn tokens_forward(bytes: &[u8], mut from: usize, count: usize) -> usize {
    for _ in 0..count {
        let Some(next) = bytes[from..].iter().position(|b| !b.is_ascii_whitespace()) else {
            return bytes.len();
        };
        from = token_end(bytes, from + next);
    }
    from
}

/// Every match of `re` in `text`, as `captures_iter` finds them, given
/// `starts`: offsets in order that include the start of every match (each
/// detector knows from its pattern where a match can begin, by the digits
/// that must follow its first letters), and `longest`, more bytes than
/// any match spans. The regex is asked only at those offsets, over
/// `longest` bytes, and a match counts only when it starts where it was
/// asked: a later start is asked in its turn, over bytes of its own.
pub(super) fn captures_at_starts<'t>(
    re: &regex::Regex,
    text: &'t str,
    starts: &[usize],
    longest: usize,
) -> Vec<regex::Captures<'t>> {
    let mut found = Vec::new();
    let mut pos = 0;
    for &start in starts {
        if start < pos {
            continue;
        }
        let mut end = (start + longest).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        if let Some(caps) = re.captures_at(&text[..end], start) {
            let whole = caps.get(0).expect("match");
            if whole.start() == start && !whole.is_empty() {
                pos = whole.end();
                found.push(caps);
            }
        }
    }
    found
}

/// Every match of `re`, a pattern whose matches all contain an ASCII digit,
/// searched only in `windows`, the [`digit_windows`] of `text`; the same
/// matches, in order, as `re.captures_iter(text)`.
pub(super) fn captures_near_digits<'t>(
    re: &regex::Regex,
    text: &'t str,
    windows: &[(usize, usize)],
) -> Vec<regex::Captures<'t>> {
    let mut found = Vec::new();
    for &(start, end) in windows {
        let haystack = &text[..end];
        let mut pos = start;
        while let Some(caps) = re.captures_at(haystack, pos) {
            let whole = caps.get(0).expect("match");
            pos = if whole.is_empty() {
                whole.end()
                    + haystack[whole.end()..]
                        .chars()
                        .next()
                        .map_or(1, char::len_utf8)
            } else {
                whole.end()
            };
            found.push(caps);
            if pos > haystack.len() {
                break;
            }
        }
    }
    found
}

/// Largest char boundary not after `i`.
pub(super) fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Smallest char boundary not before `i`.
pub(super) fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Words (runs of letters and digits) in the `window` bytes before `i`,
/// nearest first. Context checks look only a few words back, so a bounded
/// window keeps every detector linear in the text.
pub(super) fn words_before(text: &str, i: usize, window: usize) -> impl Iterator<Item = &str> {
    let from = floor_boundary(text, i.saturating_sub(window));
    let slice = &text[from..i];
    // The first word may have been cut by the window; drop it unless the
    // window reached the start of the text.
    let cut = from > 0 && char_before(text, from).is_some_and(char::is_alphanumeric);
    let mut words: Vec<&str> = slice
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if cut && slice.starts_with(|c: char| c.is_alphanumeric()) && !words.is_empty() {
        words.remove(0);
    }
    words.into_iter().rev()
}

/// Words in the `window` bytes after `i`, nearest first.
pub(super) fn words_after(text: &str, i: usize, window: usize) -> impl Iterator<Item = &str> {
    let to = ceil_boundary(text, i + window);
    let slice = &text[i..to];
    let cut = to < text.len() && char_after(text, to).is_some_and(char::is_alphanumeric);
    let mut words: Vec<&str> = slice
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if cut && slice.ends_with(|c: char| c.is_alphanumeric()) {
        words.pop();
    }
    words.into_iter()
}

/// The word right after `i`, skipping spaces only (not punctuation): `None`
/// when punctuation or the end of the text comes first.
pub(super) fn next_word(text: &str, i: usize) -> Option<&str> {
    let rest = text[i..].trim_start_matches([' ', '\u{a0}', '\t']);
    let end = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

pub(super) fn eq_any(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Days in a month, with 29 February always allowed: two-digit years do not
/// say which century, and a wrongly rejected date of birth is the costly error.
pub(super) fn days_in_month(month: u32) -> u32 {
    match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => 0,
    }
}

pub(super) fn valid_day_month(day: u32, month: u32) -> bool {
    day >= 1 && day <= days_in_month(month)
}

/// Value of a run of ASCII digits; callers pass short runs only.
pub(super) fn num(digits: &str) -> u32 {
    digits.bytes().fold(0u32, |acc, b| {
        acc.saturating_mul(10).saturating_add(u32::from(b - b'0'))
    })
}

/// Month number from an English month name or abbreviation, any case.
pub(super) fn month_number(name: &str) -> Option<u32> {
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    let m = match lower.as_str() {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    };
    Some(m)
}

/// Words just before a number that make it a length of time, not an age.
pub(super) const DURATION_CUES: &[&str] = &[
    "for",
    "over",
    "within",
    "after",
    "lasted",
    "lasting",
    "last",
    "every",
    "period",
    "spent",
    "took",
    "than",
    "in",
    "during",
    "throughout",
    "past",
    "next",
    "first",
    "final",
    "another",
    "further",
    "up",
    "wait",
    "waited",
    "waiting",
    "delay",
    "delayed",
    "since",
    "following",
    "each",
    "per",
    "took",
    "some",
    "almost",
    "nearly",
    "until",
    "till",
];

/// The number at `start` continues one before it across a thousands
/// separator ("12,075": a comma after a digit and exactly three digits).
/// Between a CSV row's fields ("Begum,07700 900238", "…-0117,08/01/2024")
/// the comma starts a new value.
pub(super) fn after_thousands_comma(text: &str, start: usize) -> bool {
    let bytes = text.as_bytes();
    start >= 2
        && bytes[start - 1] == b','
        && bytes[start - 2].is_ascii_digit()
        && bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
            == 3
}

/// Numbers in words, as schedules and ages write them.
pub(super) const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "twenty-four",
];

/// Where each unit the other age rules look for is (exactly, in lower
/// case), in order: what `memchr::memmem::find_iter` gives for it.
#[derive(Default)]
pub(super) struct UnitsAt {
    pub(super) week: Vec<usize>,
    pub(super) month: Vec<usize>,
    pub(super) wk: Vec<usize>,
    pub(super) mth: Vec<usize>,
}

impl UnitsAt {
    /// The offsets of `unit` in `text`, from `units` when given.
    pub(super) fn of<'a>(
        units: Option<&'a UnitsAt>,
        text: &str,
        unit: &str,
    ) -> std::borrow::Cow<'a, [usize]> {
        let known = units.and_then(|u| match unit {
            "week" => Some(&u.week),
            "month" => Some(&u.month),
            "wk" => Some(&u.wk),
            "mth" => Some(&u.mth),
            _ => None,
        });
        match known {
            Some(list) => std::borrow::Cow::Borrowed(list.as_slice()),
            None => memchr::memmem::find_iter(text.as_bytes(), unit.as_bytes())
                .collect::<Vec<_>>()
                .into(),
        }
    }
}

/// Adds a hit made by `hit` for each span that no hit in `hits[from..]`
/// overlaps.
pub(super) fn push_uncovered(
    hits: &mut Vec<Hit>,
    from: usize,
    spans: Vec<(usize, usize)>,
    hit: impl Fn(usize, usize) -> Hit,
) {
    for (s, e) in spans {
        if !hits[from..].iter().any(|h| h.start < e && s < h.end) {
            hits.push(hit(s, e));
        }
    }
}

/// `NIA7QX2`, `QX7HNA`: an airline's or a booking system's code, capitals
/// and digits mixed, with a letter after a digit (so a name with a number,
/// `COVID19`, `FY2021`, is not one). Such a code names one booking and so
/// one traveller.
pub(super) fn booking_code(token: &str) -> bool {
    let bytes = token.as_bytes();
    (5..=10).contains(&bytes.len())
        && bytes
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && bytes.iter().filter(|b| b.is_ascii_uppercase()).count() >= 2
        && bytes
            .windows(2)
            .any(|w| w[0].is_ascii_digit() && w[1].is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Searching near digits must find exactly what a whole-text search
    /// finds, for patterns of the digit-bound detectors' shape, on text
    /// with digits far apart, close together, at the edges, after long
    /// runs of spaces and across line breaks.
    #[test]
    fn searching_near_digits_finds_what_a_whole_search_finds() {
        let patterns = [
            r"(?P<p>[A-Za-z]{2})[ \u{a0}\-]?[0-9]{2}[ \u{a0}\-]?[0-9]{2}[ \u{a0}\-]?[0-9]{2}(?:[ \u{a0}]?[A-D])?",
            r"(?:(?i:monday|tuesday)[ \u{a0},]+)?(?:the[ \u{a0}]+)?[0-9]{1,2}(?:st|nd|rd|th)?[ \u{a0}]+(?:of[ \u{a0}]+)?(?i:march|may)(?:[ \u{a0},]+[0-9]{4})?",
            r"[A-Za-z]{1,2}[0-9][A-Za-z0-9]?(?:[ \u{a0}]{1,2})?[0-9][A-Za-z]{2}",
            r"(?-u:\b)[0-9]+(?-u:\b)",
        ];
        let pieces = [
            "a",
            "B",
            "tuesday",
            "Monday,",
            "the",
            "of",
            "March",
            "may",
            "3rd",
            "12",
            "2017",
            "AB",
            "12",
            "34",
            "56",
            "C",
            "EH1",
            "2AB",
            "x9",
            "\u{a0}",
            " ",
            "   ",
            "\n",
            "-",
            ",",
            "word",
            "longerword",
            "é",
            "2",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for pattern in patterns {
            let re = regex::Regex::new(pattern).unwrap();
            for _ in 0..400 {
                let mut text = String::new();
                for _ in 0..next(120) {
                    let piece = pieces[next(pieces.len())];
                    // Long digit-free stretches, so that windows split.
                    if next(8) == 0 {
                        text.push_str(&" lorem ipsum".repeat(next(30)));
                    }
                    text.push_str(piece);
                    if next(3) > 0 {
                        text.push(' ');
                    }
                }
                let whole: Vec<(usize, usize)> =
                    re.find_iter(&text).map(|m| (m.start(), m.end())).collect();
                let near: Vec<(usize, usize)> =
                    captures_near_digits(&re, &text, &digit_windows(&text))
                        .iter()
                        .map(|c| (c.get(0).unwrap().start(), c.get(0).unwrap().end()))
                        .collect();
                assert_eq!(near, whole, "pattern {pattern:?} on {text:?}");
            }
        }
    }

    /// Testing only the offsets at and beside digits finds what testing
    /// every byte of the windows finds.
    #[test]
    fn letter_digit_offsets_are_every_byte_tested() {
        let pieces = [
            "ab", "A", "1", "22", "x9", "9x", " ", "-", "--", "  ", "\n", "é", "é1", "1é", ".",
            "KAYZ", "2011", "WX", "word", "_",
        ];
        for text in crate::gate::test_texts::random_texts(&pieces, 0x51_7cc1, 80).take(3000) {
            let prepared = PreparedText::new(&text);
            let bytes = text.as_bytes();
            let meet = |x: u8, y: u8| {
                (x.is_ascii_alphabetic() && y.is_ascii_digit())
                    || (x.is_ascii_digit() && y.is_ascii_alphabetic())
            };
            let mut every = Vec::new();
            for &(from, to) in windows_of(&prepared) {
                for j in from.max(1)..to {
                    let (a, b) = (bytes[j - 1], bytes[j]);
                    if meet(a, b)
                        || (matches!(b, b' ' | b'-') && j + 1 < to && meet(a, bytes[j + 1]))
                    {
                        every.push(j);
                    }
                }
            }
            assert_eq!(letter_digit(&prepared), every, "{text:?}");
        }
    }

    /// The bit scans make the windows the byte loops made, on texts of
    /// digits, words and every kind of ASCII whitespace, across 64-byte
    /// words and at both ends of the text.
    #[test]
    fn digit_windows_by_bits_are_the_bytewise_windows() {
        let pieces = [
            "7",
            "12",
            "2011",
            "a",
            "word",
            "longerword",
            " ",
            " ",
            "  ",
            "\n",
            "\t",
            "\r\n",
            "\u{c}",
            "é",
            "x9",
            "-",
            ".",
            "lorem ipsum dolor sit amet ",
        ];
        for text in crate::gate::test_texts::random_texts(&pieces, 0x2545_f491, 160).take(4000) {
            assert_eq!(
                digit_windows(&text),
                digit_windows_bytewise(&text),
                "{text:?}"
            );
        }
    }

    /// A prepared text's digit bits give every digit `next_digit` gives,
    /// from every offset, up to the end of the text and past it.
    #[test]
    fn digit_bits_find_the_digits_next_digit_finds() {
        let pieces = [
            "7",
            "2011",
            "word",
            " ",
            "\n",
            "é",
            "x9",
            "lorem ipsum dolor sit amet ",
        ];
        for text in crate::gate::test_texts::random_texts(&pieces, 0x7a11_d161, 200).take(2000) {
            let prepared = PreparedText::new(&text);
            let digits = digits_of(&prepared);
            let bytes = text.as_bytes();
            for from in 0..=text.len() + 70 {
                assert_eq!(
                    digits.next(from),
                    next_digit(bytes, from),
                    "{text:?} {from}"
                );
                let to = from + 5;
                assert_eq!(
                    digits.next_before(from, to),
                    next_digit(&bytes[..to.min(bytes.len())], from),
                    "{text:?} {from}"
                );
            }
            assert_eq!(Digits::of(&text).bits, digits.bits);
        }
    }

    #[test]
    fn digit_windows_skip_text_far_from_digits() {
        let far = "word ".repeat(40);
        let text = format!("{far}on 3 March {far}");
        let windows = digit_windows(&text);
        assert_eq!(windows.len(), 1);
        let (start, end) = windows[0];
        assert!(text[start..end].contains("on 3 March"));
        assert!(end - start < text.len() / 2);
        assert!(digit_windows(&far).is_empty());
    }

    #[test]
    fn words_before_gives_nearest_first_and_drops_a_cut_word() {
        let text = "the crime reference number 0458";
        let i = text.find("0458").unwrap();
        let words: Vec<&str> = words_before(text, i, 20).collect();
        assert_eq!(words, vec!["number", "reference"]);
    }

    #[test]
    fn words_after_gives_nearest_first() {
        let text = "0458 of 2021 was logged";
        let words: Vec<&str> = words_after(text, 4, 100).collect();
        assert_eq!(words, vec!["of", "2021", "was", "logged"]);
    }

    #[test]
    fn next_word_stops_at_punctuation() {
        assert_eq!(next_word("  referrals were", 0), Some("referrals"));
        assert_eq!(next_word(", Mother", 0), None);
    }

    #[test]
    fn word_edges_see_non_ascii_letters() {
        let text = "é1";
        assert!(!starts_word(text, 2));
        assert!(starts_word("“1", "“".len()));
    }

    #[test]
    fn twenty_ninth_of_february_is_a_valid_day() {
        assert!(valid_day_month(29, 2));
        assert!(!valid_day_month(30, 2));
        assert!(!valid_day_month(31, 4));
        assert!(!valid_day_month(1, 13));
    }
}
