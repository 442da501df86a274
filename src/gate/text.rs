//! Word-level helpers several detectors share: the month and weekday
//! names, and the
//! ASCII words of a text found eight bytes at a time.
//!
//! Searching a text for a set of words with an automaton walks every byte
//! through a table (about 1 GB/s); most bytes are inside words that cannot
//! match. Here the word edges are found with whole-word bit tricks, and
//! each word is looked at once, by its length and letters.

/// The month names and their abbreviations, in lower case: what the date
/// detector reads as a month and the names detector never as a name.
pub const MONTH_NAMES: [&str; 24] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// The weekdays, whole and cut short as notes write them, in lower case:
/// what the date detector reads as a day and the names detector never as
/// a name.
pub const WEEKDAY_NAMES: [&str; 18] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "weds",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// A hash of the first three letters of a word, lower-cased, below 256.
const fn month_key_hash(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> 24) as usize
}

/// Bit `h` set for the [`month_key_hash`] of each month's first three
/// letters.
const MONTH_FILTER: [u64; 4] = {
    let mut table = [0u64; 4];
    let mut i = 0;
    while i < MONTH_NAMES.len() {
        let m = MONTH_NAMES[i].as_bytes();
        let key = (m[0] as u32) << 16 | (m[1] as u32) << 8 | m[2] as u32;
        let h = month_key_hash(key);
        table[h / 64] |= 1 << (h % 64);
        i += 1;
    }
    table
};

/// Whether `word` is one of [`MONTH_NAMES`], in any ASCII case. Asked of
/// every word of a text, so it first reads the word's first three letters
/// as one number (each month's are its own) and rules out nearly every
/// other word by one bit read, without a branch the processor mispredicts
/// (tried: testing the length first cost as much as an automaton).
pub fn is_month_name(word: &[u8]) -> bool {
    is_month_name_at(word, 0, word.len())
}

/// The first three letters of the word at `start`, lower-cased, as one
/// number (bytes past the text's end read as spaces).
#[inline(always)]
fn month_key_at(bytes: &[u8], start: usize) -> u32 {
    let lower = |i: usize| u32::from(bytes.get(start + i).copied().unwrap_or(0) | 0x20);
    lower(0) << 16 | lower(1) << 8 | lower(2)
}

/// Whether a word starting at `start` may be a month name, by its first
/// three letters alone: false for nearly every other word, without
/// finding where it ends.
#[inline(always)]
pub fn may_be_month_at(bytes: &[u8], start: usize) -> bool {
    let h = month_key_hash(month_key_at(bytes, start));
    MONTH_FILTER[h / 64] >> (h % 64) & 1 == 1
}

/// [`is_month_name`] for the word `bytes[start..end]` of a text: its
/// first three letters are read from the text, past the word's end when it
/// is shorter (a byte that is no letter then rules it out), so that one-
/// and two-letter words take no branch of their own.
#[inline]
pub fn is_month_name_at(bytes: &[u8], start: usize, end: usize) -> bool {
    if !may_be_month_at(bytes, start) || !(3..=9).contains(&(end - start)) {
        return false;
    }
    let key = month_key_at(bytes, start);
    let word = &bytes[start..end];
    let full: &[u8] = match key {
        0x6a616e => b"january",
        0x666562 => b"february",
        0x6d6172 => b"march",
        0x617072 => b"april",
        0x6d6179 => b"may",
        0x6a756e => b"june",
        0x6a756c => b"july",
        0x617567 => b"august",
        0x736570 => {
            return word.len() == 3
                || word.eq_ignore_ascii_case(b"sept")
                || word.eq_ignore_ascii_case(b"september")
        }
        0x6f6374 => b"october",
        0x6e6f76 => b"november",
        0x646563 => b"december",
        _ => return false,
    };
    // The first three letters are the abbreviation: the word is it or the
    // whole name. Letters only: `| 0x20` above also maps some punctuation.
    word.iter().all(u8::is_ascii_alphabetic) && (word.len() == 3 || word.eq_ignore_ascii_case(full))
}

const LOW: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// High bit of each byte of `x` (bytes below 0x80) set where the byte is
/// in `lo..=hi`.
#[inline(always)]
fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    // No byte carries into the next: each is below 0x80 and the addends
    // at most 0x80.
    let at_least_lo = x.wrapping_add(LOW * u64::from(0x80 - lo));
    let above_hi = x.wrapping_add(LOW * u64::from(0x7f - hi));
    at_least_lo & !above_hi & HIGH
}

/// The high bits of the eight bytes of `m` (only high bits set), as the
/// low eight bits of the result, byte 0 in bit 0.
#[inline(always)]
fn gather(m: u64) -> u64 {
    ((m >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// Bit j set when byte j of `eight` is an ASCII letter or digit; and bit
/// j set in the second when it is not ASCII.
#[inline(always)]
fn masks8(eight: [u8; 8]) -> (u64, u64) {
    let x = u64::from_le_bytes(eight);
    let ascii = !x & HIGH;
    let low7 = x & !HIGH;
    let letters = in_range(low7 | (LOW * 0x20), b'a', b'z');
    let digits = in_range(low7, b'0', b'9');
    (gather((letters | digits) & ascii), gather(x & HIGH))
}

/// For a chunk of at most 64 bytes: bit j set when byte j is ASCII
/// alphanumeric, and bit j set in the second when it is not ASCII.
#[inline]
pub fn chunk_masks(chunk: &[u8]) -> (u64, u64) {
    let mut alnum = 0u64;
    let mut high = 0u64;
    let mut eights = chunk.chunks_exact(8);
    let mut shift = 0;
    for eight in &mut eights {
        let (a, h) = masks8(eight.try_into().expect("eight bytes"));
        alnum |= a << shift;
        high |= h << shift;
        shift += 8;
    }
    let rest = eights.remainder();
    if !rest.is_empty() {
        let mut eight = [b' '; 8];
        eight[..rest.len()].copy_from_slice(rest);
        let (a, h) = masks8(eight);
        let keep = (1u64 << rest.len()) - 1;
        alnum |= (a & keep) << shift;
        high |= (h & keep) << shift;
    }
    (alnum, high)
}

/// Bit j set when byte j of `eight` is ASCII whitespace (as
/// `u8::is_ascii_whitespace`), and bit j set in the second when it is an
/// ASCII digit.
#[inline(always)]
fn space_digits8(eight: [u8; 8]) -> (u64, u64) {
    let x = u64::from_le_bytes(eight);
    let ascii = !x & HIGH;
    let low7 = x & !HIGH;
    let space =
        in_range(low7, b'\t', b'\n') | in_range(low7, 0x0c, b'\r') | in_range(low7, b' ', b' ');
    let digits = in_range(low7, b'0', b'9');
    (gather(space & ascii), gather(digits & ascii))
}

/// For a chunk of at most 64 bytes: bit j set when byte j is ASCII
/// whitespace, and bit j set in the second when it is an ASCII digit.
#[inline]
pub fn space_digit_masks(chunk: &[u8]) -> (u64, u64) {
    let mut space = 0u64;
    let mut digits = 0u64;
    let mut eights = chunk.chunks_exact(8);
    let mut shift = 0;
    for eight in &mut eights {
        let (s, d) = space_digits8(eight.try_into().expect("eight bytes"));
        space |= s << shift;
        digits |= d << shift;
        shift += 8;
    }
    let rest = eights.remainder();
    if !rest.is_empty() {
        let mut eight = [b'x'; 8];
        eight[..rest.len()].copy_from_slice(rest);
        let (s, d) = space_digits8(eight);
        space |= s << shift;
        digits |= d << shift;
    }
    (space, digits)
}

/// The end of the run of ASCII lower-case letters that starts at `from`
/// (`from` itself when `bytes[from]` is none), eight bytes a step: the
/// tokenizer's commonest question, asked once per word, where a loop byte
/// by byte mispredicts its exit at every word's end.
#[inline(always)]
pub fn lowercase_run_end(bytes: &[u8], mut from: usize) -> usize {
    while let Some(eight) = bytes.get(from..from + 8) {
        let x = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
        let lower = in_range(x & !HIGH, b'a', b'z') & !x & HIGH;
        let other = !lower & HIGH;
        if other != 0 {
            return from + other.trailing_zeros() as usize / 8;
        }
        from += 8;
    }
    while bytes.get(from).is_some_and(u8::is_ascii_lowercase) {
        from += 1;
    }
    from
}

/// Bit j set when byte j of `eight` is an ASCII capital.
#[inline(always)]
fn capitals8(eight: [u8; 8]) -> u64 {
    let x = u64::from_le_bytes(eight);
    gather(in_range(x & !HIGH, b'A', b'Z') & !x & HIGH)
}

/// Calls `f` with the offset of each ASCII capital in `bytes`, in order:
/// a bit mask is made 64 bytes at a time, eight bytes in each step.
#[inline]
pub fn for_each_ascii_capital(bytes: &[u8], mut f: impl FnMut(usize)) {
    let mut chunks = bytes.chunks_exact(64);
    let mut base = 0;
    for chunk in &mut chunks {
        let mut mask = 0u64;
        for (k, eight) in chunk.chunks_exact(8).enumerate() {
            mask |= capitals8(eight.try_into().expect("eight bytes")) << (8 * k);
        }
        while mask != 0 {
            f(base + mask.trailing_zeros() as usize);
            mask &= mask - 1;
        }
        base += 64;
    }
    for (i, b) in chunks.remainder().iter().enumerate() {
        if b.is_ascii_uppercase() {
            f(base + i);
        }
    }
}

/// Calls `word(start, end)` for every maximal run of ASCII letters and
/// digits in `text`, in order.
#[inline]
pub fn ascii_words(text: &str, mut word: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    let mut inside = false;
    let mut start = 0;
    for (index, chunk) in bytes.chunks(64).enumerate() {
        let base = index * 64;
        let (m, _) = chunk_masks(chunk);
        // Bit j: byte j differs from the byte before it in being part of
        // a word (a word starts there, or one ended just before).
        let mut edges = m ^ ((m << 1) | u64::from(inside));
        while edges != 0 {
            let j = edges.trailing_zeros() as usize;
            edges &= edges - 1;
            if inside {
                word(start, base + j);
            } else {
                start = base + j;
            }
            inside = !inside;
        }
    }
    if inside {
        word(start, bytes.len());
    }
}

/// Calls `start(i)` for the first byte of every maximal run of ASCII
/// letters and digits in `text` (each word [`ascii_words`] gives), in
/// order, until it returns true; returns whether one did. Callers that
/// rule out most words by their first letters find the end
/// ([`ascii_word_end`]) of the few others only: a word's end cost as much
/// again as its start.
#[inline]
pub fn ascii_word_starts(text: &str, mut start: impl FnMut(usize) -> bool) -> bool {
    let bytes = text.as_bytes();
    // Bit 0 set when the byte before the chunk is in a word.
    let mut inside = 0u64;
    for (index, chunk) in bytes.chunks(64).enumerate() {
        let (m, _) = chunk_masks(chunk);
        let mut starts = m & !((m << 1) | inside);
        inside = m >> 63;
        while starts != 0 {
            if start(index * 64 + starts.trailing_zeros() as usize) {
                return true;
            }
            starts &= starts - 1;
        }
    }
    false
}

/// The end of the run of ASCII letters and digits that starts at `start`.
#[inline]
pub fn ascii_word_end(bytes: &[u8], start: usize) -> usize {
    start
        + bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_by_bytes(text: &str) -> Vec<(usize, usize)> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i].is_ascii_alphanumeric() {
                let s = i;
                while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                out.push((s, i));
            } else {
                i += 1;
            }
        }
        out
    }

    /// The words `ascii_words` gives, checked against the words' starts
    /// and ends as `ascii_word_starts` and `ascii_word_end` give them.
    fn words(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        ascii_words(text, |s, e| out.push((s, e)));
        let mut by_starts = Vec::new();
        let stopped = ascii_word_starts(text, |s| {
            by_starts.push((s, ascii_word_end(text.as_bytes(), s)));
            false
        });
        assert!(!stopped);
        assert_eq!(by_starts, out, "{text:?}");
        out
    }

    #[test]
    fn lowercase_runs_end_where_reading_byte_by_byte_ends_them() {
        let mut text: Vec<u8> = (0u8..=255).collect();
        text.extend(b"abcdefghijklmnopqrstuvwxyz`{@[ the quick brown fox jumps");
        text.extend((0u8..=255).rev());
        text.extend(b"zzzzzzzzzzzzzzzzzzzz");
        for from in 0..text.len() {
            let mut end = from;
            while end < text.len() && text[end].is_ascii_lowercase() {
                end += 1;
            }
            assert_eq!(lowercase_run_end(&text, from), end, "from {from}");
        }
    }

    #[test]
    fn spaces_and_digits_are_found_as_reading_byte_by_byte_finds_them() {
        let mut text: Vec<u8> = (0u8..=255).collect();
        text.extend((0u8..=255).rev());
        text.extend(b" \t\n\x0b\x0c\r 09/:");
        for from in 0..70 {
            for chunk in text[from..].chunks(64) {
                let (space, digits) = space_digit_masks(chunk);
                for (j, b) in chunk.iter().enumerate() {
                    assert_eq!(space >> j & 1 == 1, b.is_ascii_whitespace(), "{b:#x}");
                    assert_eq!(digits >> j & 1 == 1, b.is_ascii_digit(), "{b:#x}");
                }
                if chunk.len() < 64 {
                    assert_eq!(space >> chunk.len(), 0, "no bits past the chunk");
                    assert_eq!(digits >> chunk.len(), 0, "no bits past the chunk");
                }
            }
        }
    }

    #[test]
    fn capitals_are_found_as_reading_byte_by_byte_finds_them() {
        let mut text: Vec<u8> = (0u8..=255).collect();
        text.extend((0u8..=255).rev());
        text.extend(b"Zoe went To the ABC of @[`{ AZ az");
        for from in 0..70 {
            let bytes = &text[from..];
            let mut found = Vec::new();
            for_each_ascii_capital(bytes, |at| found.push(at));
            let expected: Vec<usize> = (0..bytes.len())
                .filter(|&i| bytes[i].is_ascii_uppercase())
                .collect();
            assert_eq!(found, expected, "from {from}");
        }
    }

    #[test]
    fn words_are_found_as_reading_byte_by_byte_finds_them() {
        let samples = [
            "",
            "a",
            " ",
            "Zoë went to the 14th of Août, @[`{/:",
            "0123456789 abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        ];
        for sample in samples {
            assert_eq!(words(sample), words_by_bytes(sample), "{sample:?}");
        }
        // Every byte value, and words across the 64-byte chunks' edges.
        let all: Vec<u8> = (0u8..=127).collect();
        let all = String::from_utf8(all).expect("ASCII");
        assert_eq!(words(&all), words_by_bytes(&all));
        let mut state = 7u64;
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..(state % 300) {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push(match (state >> 33) % 9 {
                    0 => ' ',
                    1 => 'é',
                    2 => '.',
                    3 => '7',
                    4 => 'Z',
                    5 => '\n',
                    _ => char::from(b'a' + ((state >> 40) % 26) as u8),
                });
            }
            assert_eq!(words(&text), words_by_bytes(&text), "{text:?}");
        }
    }

    #[test]
    fn the_masks_mark_letters_digits_and_other_scripts() {
        let text = "aZ09 _@[`{/:~\u{7f}é";
        let (alnum, high) = chunk_masks(text.as_bytes());
        for (j, b) in text.bytes().enumerate() {
            assert_eq!(alnum >> j & 1 == 1, b.is_ascii_alphanumeric(), "byte {j}");
            assert_eq!(high >> j & 1 == 1, b >= 0x80, "byte {j}");
        }
    }

    #[test]
    fn month_names_in_any_case() {
        assert!(is_month_name(b"SEPT"));
        assert!(is_month_name(b"december"));
        assert!(is_month_name(b"May"));
        assert!(!is_month_name(b"Mayo"));
        assert!(!is_month_name(b"ma"));
        assert!(!is_month_name(b"Sep7"));
        for word in ["Janu", "Septem", "decembers", "JUL", "jul7"] {
            let listed = MONTH_NAMES.iter().any(|m| m.eq_ignore_ascii_case(word));
            assert_eq!(is_month_name(word.as_bytes()), listed, "{word}");
        }
        for month in MONTH_NAMES {
            assert!(is_month_name(month.as_bytes()));
            assert!(is_month_name(month.to_ascii_uppercase().as_bytes()));
        }
    }
}
