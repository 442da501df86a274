//! The register: known identifiers of each review (`private/register.toml`).
//! A match anywhere, in any case, with or without diacritics, possessives,
//! line breaks or repeated spaces inside, blocks the build; the allow list
//! never overrides it.

use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use super::fold::{
    fold, fold_key, fold_markup, fold_markup_untracked, fold_untracked, folds_to_ascii_words,
    Folded,
};
use crate::findings::{Finding, Kind, Severity};
use crate::source::SourceText;

/// One entry of `private/register.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterEntry {
    /// The review it belongs to; a match blocks in every file regardless.
    #[serde(default)]
    pub review_id: Option<String>,
    /// The identifier as it could appear in text.
    pub text: String,
    /// What it is (person-name, address, institution, date, …).
    #[serde(default = "default_kind")]
    pub kind: String,
    /// What `clearhouse anonymise` puts in its place.
    #[serde(default)]
    pub replacement: Option<String>,
}

fn default_kind() -> String {
    "person-name".to_string()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegisterFile {
    #[serde(default)]
    identifier: Vec<RegisterEntry>,
}

/// A match of a register entry in some text (original byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterMatch {
    pub start: usize,
    pub end: usize,
    /// Index into `Register::entries`.
    pub entry: usize,
    /// True when only one word of a multi-word name matched.
    pub partial: bool,
    /// How the entry is written where it matched.
    pub form: Form,
}

/// How a register entry is written where it matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// As entered (in any case, with or without diacritics…).
    AsWritten,
    /// Backwards ("nagirroC yecatS"), as a direction override shows it
    /// forwards, or as anyone reads it.
    Reversed,
    /// Letter by letter ("S t a c e y", "E.l.l.i.s", "E-l-l-i-s").
    LetterSpaced,
}

/// One pattern of the matcher: the entry it belongs to, whether it is one
/// word of a longer name, and whether it is written backwards.
#[derive(Debug, Clone, Copy)]
struct Pattern {
    entry: usize,
    partial: bool,
    reversed: bool,
}

/// Letter-spaced keys shorter than this are not looked for: a run of
/// spaced single letters spells three-letter words by chance.
const MIN_SPACED: usize = 4;

/// The loaded register with its matcher built once.
#[derive(Debug, Clone)]
pub struct Register {
    pub entries: Vec<RegisterEntry>,
    matcher: Option<AhoCorasick>,
    /// Pattern index → what it is.
    patterns: Vec<Pattern>,
    /// The keys with their spaces removed, for letter-spaced runs: pattern
    /// index → (entry, partial).
    spaced: Option<AhoCorasick>,
    spaced_patterns: Vec<(usize, bool)>,
    /// The longest word of each key, matched without regard to ASCII case
    /// in text as written: a quick test for texts that fold trivially.
    longest_words: Option<LongestWords>,
}

/// The longest word of each register key, as a set that the ASCII words of
/// a text are looked up in. In text whose fold is trivial (see
/// `folds_to_ascii_words`) the fold's words are the text's runs of ASCII
/// letters and digits, lower-cased; a key matching the fold at word
/// boundaries has each of its words among them. So a text none of whose
/// words is a key's longest word holds no key.
#[derive(Debug, Clone)]
struct LongestWords {
    /// Bit `h` set for the [`word_hash`] of every word: most words of a
    /// text are ruled out by one bit read, without a set look-up.
    bits: Box<[u64]>,
    words: std::collections::HashSet<Box<[u8]>>,
    /// Bit `k` set for the first two letters of every word, lower-cased,
    /// as [`two_letters_at`] reads them; `None` when a word has one
    /// letter, whose second is whatever follows it in the text.
    starts: Option<Box<[u64]>>,
}

/// The bytes at `start` and `start + 1` of a text (a space past its
/// end), with ASCII letters lower-cased, as one number below 65,536.
#[inline]
fn two_letters_at(bytes: &[u8], start: usize) -> usize {
    let lower = |i: usize| usize::from(bytes.get(i).copied().unwrap_or(b' ') | 0x20);
    lower(start) << 8 | lower(start + 1)
}

const LONGEST_BITS: usize = 1 << 16;

/// A hash of a word's length and first and last two letters, in lower
/// case, below [`LONGEST_BITS`].
#[inline]
fn word_hash(word: &[u8]) -> usize {
    let n = word.len();
    let key = (n as u64)
        | u64::from(word[0] | 0x20) << 8
        | u64::from(word[n.min(2) - 1] | 0x20) << 16
        | u64::from(word[n.saturating_sub(2)] | 0x20) << 24
        | u64::from(word[n - 1] | 0x20) << 32;
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
}

impl LongestWords {
    fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> LongestWords {
        let mut bits = vec![0u64; LONGEST_BITS / 64].into_boxed_slice();
        let mut starts = Some(vec![0u64; (1 << 16) / 64].into_boxed_slice());
        let mut set = std::collections::HashSet::new();
        for word in words {
            let word = word.as_bytes();
            // A word that is not all ASCII letters and digits is never a
            // run of them in the text: it cannot be found there.
            if word.is_empty() || !word.iter().all(u8::is_ascii_alphanumeric) {
                continue;
            }
            let h = word_hash(word);
            bits[h / 64] |= 1 << (h % 64);
            if word.len() < 2 {
                starts = None;
            } else if let Some(starts) = &mut starts {
                let k = two_letters_at(word, 0);
                starts[k / 64] |= 1 << (k % 64);
            }
            set.insert(word.to_ascii_lowercase().into_boxed_slice());
        }
        LongestWords {
            bits,
            words: set,
            starts,
        }
    }

    /// Whether a run of ASCII letters and digits of `text` is one of the
    /// words, in any ASCII case.
    fn any_in(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        let mut lower = Vec::new();
        super::text::ascii_word_starts(text, |start| self.starts_at(bytes, start, &mut lower))
    }

    /// Whether the run of ASCII letters and digits that starts at `start`
    /// is one of the words (`lower` is scratch space). Most words are
    /// ruled out by their first two letters, before their end is looked
    /// for.
    #[inline]
    fn starts_at(&self, bytes: &[u8], start: usize, lower: &mut Vec<u8>) -> bool {
        let may_start = self.starts.as_ref().is_none_or(|starts| {
            let k = two_letters_at(bytes, start);
            starts[k / 64] >> (k % 64) & 1 == 1
        });
        may_start && {
            let end = super::text::ascii_word_end(bytes, start);
            self.contains(&bytes[start..end], lower)
        }
    }

    /// Whether `word`, ASCII letters and digits, is one of the words in
    /// any ASCII case (`lower` is scratch space).
    #[inline]
    fn contains(&self, word: &[u8], lower: &mut Vec<u8>) -> bool {
        let h = word_hash(word);
        if self.bits[h / 64] >> (h % 64) & 1 == 0 {
            return false;
        }
        lower.clear();
        lower.extend(word.iter().map(u8::to_ascii_lowercase));
        self.words.contains(lower.as_slice())
    }
}

impl Register {
    pub fn empty() -> Register {
        Register::from_entries(Vec::new(), &|_| false)
    }

    /// Reads a register file. Errors name the file and line but never
    /// quote its contents.
    pub fn load(
        path: &Path,
        display: &str,
        is_common_word: &dyn Fn(&str) -> bool,
    ) -> Result<Register, Box<Finding>> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Box::new(
                Finding::file(display, 1, Kind::Schema, "register-unreadable", Severity::Error, format!("cannot read the register: {e}"))
                    .with_help("create it (clearhouse init writes an empty one), pass --register PATH, or set [gate] register = false if this site has none"),
            )
        })?;
        Register::parse(&SourceText::new(display, text), is_common_word)
    }

    pub fn parse(
        source: &SourceText,
        is_common_word: &dyn Fn(&str) -> bool,
    ) -> Result<Register, Box<Finding>> {
        let file: RegisterFile = toml::from_str(&source.text).map_err(|e| {
            let line = e.span().map(|s| source.line_col(s.start).0).unwrap_or(1);
            // The message may quote a value, which here is personal data.
            Box::new(
                Finding::file(&source.path, line, Kind::Schema, "register-toml", Severity::Error, "the register is not valid: each entry is [[identifier]] with text, kind, review_id and replacement")
                    .with_help("fix the TOML at this line of the register"),
            )
        })?;
        if let Some(i) = file
            .identifier
            .iter()
            .position(|e| fold_key(&e.text).is_empty())
        {
            return Err(Box::new(Finding::file(
                &source.path,
                1,
                Kind::Schema,
                "register-empty-entry",
                Severity::Error,
                format!(
                    "register entry {} has no letters or digits in `text`",
                    i + 1
                ),
            )));
        }
        Ok(Register::from_entries(file.identifier, is_common_word))
    }

    /// Builds the matcher. Each entry matches folded; multi-word person
    /// names also match word by word (a surname alone still identifies a
    /// family), except words that are common English words or too short.
    pub fn from_entries(
        entries: Vec<RegisterEntry>,
        is_common_word: &dyn Fn(&str) -> bool,
    ) -> Register {
        let mut keys: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            let folded = fold_key(&entry.text);
            let squeezed = squeeze_joiners(&entry.text);
            for key in [folded.clone(), squeezed] {
                match keys.iter().position(|k| *k == key) {
                    // An entry of its own ("lena") is matched in any case,
                    // though it was first seen as part of a longer name
                    // ("Lena Dąbrowska"), whose lone parts must be capitalised.
                    Some(at) if patterns[at].partial && !patterns[at].reversed => {
                        patterns[at] = Pattern {
                            entry: index,
                            partial: false,
                            reversed: false,
                        }
                    }
                    Some(_) => {}
                    None if !key.is_empty() => {
                        keys.push(key);
                        patterns.push(Pattern {
                            entry: index,
                            partial: false,
                            reversed: false,
                        });
                    }
                    None => {}
                }
            }
            if matches!(entry.kind.as_str(), "person-name" | "nickname" | "name") {
                for part in folded.split(' ') {
                    let is_initial_or_short = part.chars().count() < 3;
                    if is_initial_or_short
                        || part.chars().all(|c| c.is_ascii_digit())
                        || is_common_word(part)
                        || keys.iter().any(|k| k == part)
                    {
                        continue;
                    }
                    keys.push(part.to_string());
                    patterns.push(Pattern {
                        entry: index,
                        partial: true,
                        reversed: false,
                    });
                }
            }
        }
        // Every key backwards too, where that is not itself a key or a word
        // ("Noel" is "leon"): short ones spell words by chance.
        for at in 0..keys.len() {
            let reversed: String = keys[at].chars().rev().collect();
            let letters = reversed.chars().filter(|c| c.is_alphanumeric()).count();
            if letters < MIN_SPACED
                || keys.contains(&reversed)
                || reversed.split(' ').all(is_common_word)
            {
                continue;
            }
            let forward = patterns[at];
            keys.push(reversed);
            patterns.push(Pattern {
                reversed: true,
                ..forward
            });
        }
        let mut spaced_keys: Vec<String> = Vec::new();
        let mut spaced_patterns = Vec::new();
        for (key, pattern) in keys.iter().zip(&patterns) {
            let joined: String = key.chars().filter(|c| *c != ' ').collect();
            if pattern.reversed
                || joined.chars().count() < MIN_SPACED
                || spaced_keys.contains(&joined)
            {
                continue;
            }
            spaced_keys.push(joined);
            spaced_patterns.push((pattern.entry, pattern.partial));
        }
        let spaced = (!spaced_keys.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&spaced_keys)
                .expect("register patterns are plain strings")
        });
        let matcher = (!keys.is_empty()).then(|| {
            // Without a prefilter: its "rare" bytes of names are common in
            // prose, so it stopped every few bytes and cost more than the
            // automaton walking every byte (register 102 → see BENCHMARKS.md).
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .prefilter(false)
                .build(&keys)
                .expect("register patterns are plain strings")
        });
        let longest_words = (!keys.is_empty()).then(|| {
            LongestWords::new(
                keys.iter()
                    .filter_map(|key| key.split(' ').max_by_key(|word| word.len())),
            )
        });
        Register {
            entries,
            matcher,
            patterns,
            spaced,
            spaced_patterns,
            longest_words,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every match in `text`, whole words only, longest first where they
    /// overlap.
    pub fn find(&self, text: &str) -> Vec<RegisterMatch> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        // Nearly every text holds no register entry: ask first cheaply, and
        // fold with offsets only when something may match.
        let maybe = if folds_to_ascii_words(text) {
            // Folding only lower-cases ASCII letters and turns everything
            // else into spaces: a key matching the fold has each of its
            // words in the text as written, the longest among them.
            self.may_match_ascii_words(text)
        } else if may_be_letter_spaced(text) {
            true
        } else {
            let quick = fold_untracked(text);
            matcher
                .find_overlapping_iter(&quick.text)
                .any(|m| quick.boundary_before(m.start()) && quick.boundary_after(m.end()))
        };
        if !maybe {
            return Vec::new();
        }
        self.find_folded(text, fold(text))
    }

    /// Whether a key's longest word is among the words of `text` (one that
    /// folds to its ASCII words), or a word in it may be spelled letter by
    /// letter when some key can be: `LongestWords::any_in` and
    /// [`may_be_letter_spaced`] in one pass over the text's 64-byte
    /// chunks, whose masks each made for itself in turn.
    fn may_match_ascii_words(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        let words = self.longest_words.as_ref();
        let spaced = self.spaced.is_some();
        let mut lower = Vec::new();
        // Bit 0 set when the byte before the chunk is in a word.
        let mut inside = 0u64;
        // The letter-spacing test of a chunk needs the next chunk's first
        // letter, so it runs one chunk behind (as `may_be_letter_spaced`).
        let mut previous: Option<u64> = None;
        let mut before = 0u64;
        let mut previous_alone = 0u64;
        for (index, chunk) in bytes.chunks(64).enumerate() {
            let (alnum, high) = super::text::chunk_masks(chunk);
            if let Some(words) = words {
                let mut starts = alnum & !((alnum << 1) | inside);
                inside = alnum >> 63;
                while starts != 0 {
                    let start = index * 64 + starts.trailing_zeros() as usize;
                    if words.starts_at(bytes, start, &mut lower) {
                        return true;
                    }
                    starts &= starts - 1;
                }
            }
            if spaced {
                let m = alnum | high;
                if let Some(p) = previous {
                    if spelled_in_chunk(p, before, m & 1, &mut previous_alone) {
                        return true;
                    }
                    before = p >> 63;
                }
                previous = Some(m);
            }
        }
        previous.is_some_and(|p| spelled_in_chunk(p, before, 0, &mut previous_alone))
    }

    /// Matches in an output file read as a browser shows it (tags,
    /// entities and escapes undone); offsets are into the raw file.
    pub fn find_in_markup(&self, text: &str) -> Vec<RegisterMatch> {
        if self.matcher.is_none() {
            return Vec::new();
        }
        // As in `find`: nearly no output file holds an entry, so the file
        // is first asked cheaply (its fold's words, or a fold without
        // offsets); the fold that maps matches back to the file is made
        // only when one may be there.
        let maybe = match self.markup_words_match(text) {
            Some(maybe) => maybe,
            None => self.may_match_fold(&fold_markup_untracked(text)),
        };
        if !maybe {
            return Vec::new();
        }
        self.find_folded(text, fold_markup(text))
    }

    /// `may_match_fold` on the markup's fold, read word by word without
    /// making it (`fold::markup_words`). None when that cannot tell: no
    /// quick test, or a fold with characters outside ASCII.
    fn markup_words_match(&self, text: &str) -> Option<bool> {
        let words = self.longest_words.as_ref()?;
        // In an ASCII fold `find_spaced` reads each run of one-letter
        // words (one space apart) as the word they spell; a run of four
        // or more is also what `may_be_letter_spaced` needs there.
        let spelled = |run: &[u8]| {
            run.len() >= MIN_SPACED && self.spaced.as_ref().is_some_and(|s| s.is_match(run))
        };
        let mut found = false;
        let mut run: Vec<u8> = Vec::new();
        let mut lower = Vec::new();
        let ascii = super::fold::markup_words(text, |word| {
            if word.len() == 1 {
                run.push(word[0].to_ascii_lowercase());
            } else if !run.is_empty() {
                found = spelled(&run);
                run.clear();
                if found {
                    return true;
                }
            }
            found = words.contains(word, &mut lower);
            found
        });
        if !ascii {
            return None;
        }
        Some(found || spelled(&run))
    }

    /// Whether a fold may hold a match: false only when `find_folded` on
    /// it would find none.
    fn may_match_fold(&self, folded: &Folded) -> bool {
        let Some(matcher) = &self.matcher else {
            return false;
        };
        // Letter-spaced keys are one-letter words in the fold, each alone
        // between spaces, which the letter-spacing test sees.
        if self.spaced.is_some()
            && may_be_letter_spaced(&folded.text)
            && !self.find_spaced(&folded.text).is_empty()
        {
            return true;
        }
        match &self.longest_words {
            // An ASCII fold's words are its runs of ASCII letters and
            // digits: a key matching it has its longest word among them
            // (keys with other letters cannot match an ASCII fold).
            Some(words) if folded.text.is_ascii() => words.any_in(&folded.text),
            _ => matcher
                .find_overlapping_iter(&folded.text)
                .any(|m| folded.boundary_before(m.start()) && folded.boundary_after(m.end())),
        }
    }

    fn find_folded(&self, text: &str, folded: Folded) -> Vec<RegisterMatch> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let mut found: Vec<RegisterMatch> = Vec::new();
        let mut raw: Vec<(usize, usize, usize, bool, Form)> = matcher
            .find_overlapping_iter(&folded.text)
            .filter(|m| folded.boundary_before(m.start()) && folded.boundary_after(m.end()))
            .map(|m| {
                let p = self.patterns[m.pattern().as_usize()];
                let form = if p.reversed {
                    Form::Reversed
                } else {
                    Form::AsWritten
                };
                (m.start(), m.end(), p.entry, p.partial, form)
            })
            .collect();
        raw.extend(self.find_spaced(&folded.text));
        raw.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut covered_to = 0;
        for (start, end, entry, partial, form) in raw {
            if start < covered_to {
                continue;
            }
            let (folded_end, (start, end)) = (end, folded.original_range(text, start, end));
            // A lone part of a name counts where it is written as a name
            // (capitalised): "stacey.c.1990" in an address is the email or
            // URL detector's, and lower-case words are usually not names.
            // Backwards, the capital is at its end ("nagirroC").
            // In markup the letter may be written as an entity ("&#81;").
            let drawn = |at: &str| {
                crate::text::entity_at(at)
                    .and_then(|(decoded, _)| decoded.chars().next())
                    .or_else(|| at.chars().next())
            };
            let capitalised = match form {
                Form::Reversed => {
                    let before = &text[..end];
                    match before.strip_suffix(';').and_then(|b| b.rfind('&')) {
                        Some(amp) => drawn(&text[amp..end]),
                        None => before.chars().next_back(),
                    }
                }
                _ => drawn(&text[start..]),
            }
            .is_some_and(char::is_uppercase);
            if partial && !capitalised {
                continue;
            }
            covered_to = folded_end;
            found.push(RegisterMatch {
                start,
                end,
                entry,
                partial,
                form,
            });
        }
        found
    }

    /// Matches of the keys spelled letter by letter: runs of at least
    /// [`MIN_SPACED`] one-letter words in the fold ("s t a c e y c o r r i
    /// g a n") read as one word, with spaces dropped from the keys too, so
    /// the gaps between spaced words do not matter. Folded offsets.
    fn find_spaced(&self, folded: &str) -> Vec<(usize, usize, usize, bool, Form)> {
        let Some(spaced) = &self.spaced else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let bytes = folded.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            // A run of one-byte words, each followed by one space.
            let mut letters: Vec<usize> = Vec::new();
            let mut i = at;
            while i < bytes.len()
                && bytes[i] != b' '
                && (i + 1 == bytes.len() || bytes[i + 1] == b' ')
                && (i == 0 || bytes[i - 1] == b' ')
            {
                letters.push(i);
                i += 2;
            }
            if letters.len() >= MIN_SPACED {
                let joined: String = letters.iter().map(|&j| char::from(bytes[j])).collect();
                for m in spaced.find_overlapping_iter(&joined) {
                    let (entry, partial) = self.spaced_patterns[m.pattern().as_usize()];
                    let start = letters[m.start()];
                    let end = letters[m.end() - 1] + 1;
                    out.push((start, end, entry, partial, Form::LetterSpaced));
                }
            }
            // On to the next word.
            at = match folded[at..].find(' ') {
                Some(space) if letters.is_empty() => at + space + 1,
                _ if !letters.is_empty() => i.max(at + 1),
                _ => bytes.len(),
            };
        }
        out
    }

    /// Whether `text` contains any register entry.
    pub fn contains_any(&self, text: &str) -> bool {
        !self.find(text).is_empty()
    }
}

/// Whether `text` may hold a word spelled letter by letter: three letters
/// each standing alone, one or two characters apart ("S t a", "S.t.a",
/// "S. t. a"). Asked of every text the quick test passes, so it works on
/// 64 bytes at a time: a letter is a byte that is ASCII alphanumeric or
/// part of a non-ASCII character.
fn may_be_letter_spaced(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut chunks = bytes.chunks(64).map(letter_mask);
    let Some(mut m) = chunks.next() else {
        return false;
    };
    let mut before = 0u64;
    let mut previous_alone = 0u64;
    loop {
        let next = chunks.next();
        if spelled_in_chunk(m, before, next.map_or(0, |n| n & 1), &mut previous_alone) {
            return true;
        }
        before = m >> 63;
        match next {
            Some(n) => m = n,
            None => return false,
        }
    }
}

/// The letter-spacing test of one chunk's letter mask `m`: `before` and
/// `after` (bit 0) tell whether the bytes either side of the chunk are
/// letters, and `previous_alone` holds the lone letters of the chunk
/// before (and is set to this chunk's).
#[inline]
fn spelled_in_chunk(m: u64, before: u64, after: u64, previous_alone: &mut u64) -> bool {
    // Bit j: byte j is a letter and neither neighbour is.
    let alone = m & !((m << 1) | before) & !((m >> 1) | (after << 63));
    // With the chunk before, so that a run across the edge is seen.
    let w = u128::from(*previous_alone) | (u128::from(alone) << 64);
    *previous_alone = alone;
    w & (w >> 2) & (w >> 4) != 0 || w & (w >> 3) & (w >> 6) != 0
}

/// Bit j set when byte j of `chunk` (at most 64 bytes) is a letter: ASCII
/// alphanumeric or part of a non-ASCII character. Made eight bytes at a
/// time (see `gate::text`).
fn letter_mask(chunk: &[u8]) -> u64 {
    let (alnum, high) = super::text::chunk_masks(chunk);
    alnum | high
}

/// The identifier with hyphens and apostrophes removed rather than spaced,
/// so that "O'Donnell" also matches "ODonnell" and "Jamie-Lee" "JamieLee".
fn squeeze_joiners(text: &str) -> String {
    let squeezed: String = text
        .chars()
        .filter(|c| !matches!(c, '-' | '\'' | '’' | '‘' | '‐' | '‑'))
        .collect();
    fold_key(&squeezed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn register(entries: &[(&str, &str)]) -> Register {
        let entries = entries
            .iter()
            .map(|(text, kind)| RegisterEntry {
                review_id: None,
                text: text.to_string(),
                kind: kind.to_string(),
                replacement: Some("Child A".into()),
            })
            .collect();
        Register::from_entries(entries, &|w| w == "grace")
    }

    /// Texts whose fold is trivial take the quick test on the text as
    /// written; the others fold first. Both must find the same entries.
    #[test]
    fn the_quick_test_agrees_with_the_fold() {
        let r = register(&[
            ("Anne-Marie O'Donnell", "person-name"),
            ("14 Quarrybrae Loan", "address"),
        ]);
        for (text, trivial) in [
            ("met ANNE\nMARIE   o’donnell’s aunt", true),
            ("at 14, Quarrybrae—Loan.", true),
            ("AnneMarie ODonnell", true),
            ("met Anne-Marie O\u{ad}Donnell", false),
            ("met Anne-Marie Ó'Donnell", false),
            ("at １４ Quarrybrae Loan", false),
        ] {
            assert_eq!(
                super::super::fold::folds_to_ascii_words(text),
                trivial,
                "{text}"
            );
            assert!(!r.find(text).is_empty(), "{text}");
        }
        assert!(r
            .find("met the team at the loan office, Quarry Road")
            .is_empty());
    }

    /// The quick tests only skip work: on any text, `find` gives what
    /// folding and matching everything gives.
    #[test]
    fn the_quick_tests_never_lose_a_match() {
        let r = register(&[
            ("Anne-Marie O'Donnell", "person-name"),
            ("14 Quarrybrae Loan", "address"),
            ("Orlaith Brannigan", "person-name"),
        ]);
        let pieces = [
            "Anne",
            "marie",
            "O",
            "DONNELL",
            "donnel",
            "14",
            "quarrybrae",
            "Loan",
            "Orlaith",
            "brannigan",
            "Brannigans",
            "hTialrO",
            "nagirnarb",
            "o r l a",
            "i t h",
            " ",
            "  ",
            "-",
            "'",
            "’",
            ".",
            ",",
            "\n",
            "é",
            "the",
            "x",
        ];
        let mut state = 11u64;
        let mut matched = 0;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(state % 12 + 1) {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
            }
            let whole = r.find_folded(&text, fold(&text));
            let quick = r.find(&text);
            matched += usize::from(!whole.is_empty());
            assert_eq!(
                quick.iter().map(|m| (m.start, m.end)).collect::<Vec<_>>(),
                whole.iter().map(|m| (m.start, m.end)).collect::<Vec<_>>(),
                "{text:?}"
            );
        }
        // Enough texts hold a match for the comparison to mean something.
        assert!(matched > 300, "{matched}");
    }

    /// The same for output files: `find_in_markup` asks an offset-free
    /// fold first, and finds what folding with offsets and matching finds.
    #[test]
    fn the_quick_markup_test_never_loses_a_match() {
        let r = register(&[
            ("Orlaith Brannigan", "person-name"),
            ("Siobhán Quinn", "person-name"),
            ("Квинн", "person-name"),
        ]);
        let mut state = 3u64;
        let mut matched = 0;
        for _ in 0..20000 {
            let text = super::super::fold::tests::random_markup(&mut state);
            let whole = r.find_folded(&text, fold_markup(&text));
            let quick = r.find_in_markup(&text);
            matched += usize::from(!whole.is_empty());
            assert_eq!(
                quick.iter().map(|m| (m.start, m.end)).collect::<Vec<_>>(),
                whole.iter().map(|m| (m.start, m.end)).collect::<Vec<_>>(),
                "{text:?}"
            );
        }
        assert!(matched > 300, "{matched}");
    }

    /// The word-by-word first pass answers as the fold's test does
    /// whenever it answers (letter-spaced keys too), and answers for most
    /// markup.
    #[test]
    fn the_markup_words_test_agrees_with_the_folds() {
        let r = register(&[
            ("Orlaith Brannigan", "person-name"),
            ("Siobhán Quinn", "person-name"),
            ("Quinn", "person-name"),
            ("Ellis", "person-name"),
            ("Ro Orla", "person-name"),
        ]);
        let mut state = 17u64;
        let mut answered = 0;
        let mut matched = 0;
        for _ in 0..20000 {
            let text = super::super::fold::tests::random_markup(&mut state);
            let Some(maybe) = r.markup_words_match(&text) else {
                continue;
            };
            answered += 1;
            matched += usize::from(maybe);
            assert_eq!(
                maybe,
                r.may_match_fold(&fold_markup_untracked(&text)),
                "{text:?}"
            );
        }
        assert!(answered > 5000 && matched > 300, "{answered} {matched}");
    }

    #[test]
    fn matches_survive_case_diacritics_line_breaks_and_possessives() {
        let r = register(&[
            ("Siobhán Quinn", "person-name"),
            ("Jamie-Lee Corrigan", "person-name"),
        ]);
        for text in [
            "met SIOBHAN QUINN there",
            "met Siobhán\n  Quinn’s sister",
            "met siobhan  quinn.",
            "file jamie-lee-corrigan.md",
            "JamieLee Corrigan said",
        ] {
            let found = r.find(text);
            assert!(found.iter().any(|m| !m.partial), "{text}");
        }
        assert!(r.find("the quinnsworth shop").is_empty());
    }

    #[test]
    fn a_surname_alone_is_a_partial_match_but_common_words_are_not() {
        let r = register(&[
            ("Grace Strachan", "person-name"),
            ("9 Heatherbank Gardens", "address"),
        ]);
        let found = r.find("Strachan was seen; grace was shown; Gardens were tidy; strachan@x.org");
        assert_eq!(found.len(), 1);
        assert!(found[0].partial);
        assert_eq!(r.find("9 Heatherbank Gardens").len(), 1);
    }

    #[test]
    fn names_spelled_letter_by_letter_or_backwards_match() {
        let r = register(&[
            ("Stacey Corrigan", "person-name"),
            ("Siobhán Quinn", "person-name"),
            ("Ellis", "person-name"),
            ("9 Heatherbank Gardens", "address"),
        ]);
        for (text, form) in [
            ("met S t a c e y  C o r r i g a n there", Form::LetterSpaced),
            ("met S.i.o.b.h.á.n Q.u.i.n.n there", Form::LetterSpaced),
            ("by E-l-l-i-s.", Form::LetterSpaced),
            ("and S. t. a. c. e. y said", Form::LetterSpaced),
            ("Mother C o r r i g a n", Form::LetterSpaced),
            ("it read nagirroC yecatS here", Form::Reversed),
            ("at snedraG knabrehtaeH 9", Form::Reversed),
            ("then nnivQ?", Form::AsWritten),
        ] {
            let found = r.find(text);
            if form == Form::AsWritten {
                assert!(found.is_empty(), "{text}: {found:?}");
                continue;
            }
            assert!(found.iter().any(|m| m.form == form), "{text}: {found:?}");
            let m = &found[0];
            assert!(
                text[m.start..m.end].starts_with(|c: char| c.is_alphanumeric()),
                "{text}: {:?}",
                &text[m.start..m.end]
            );
        }
        // Spaced letters that spell no entry, and a lower-case reversed
        // part, are nothing.
        assert!(r
            .find("options a, b, c and d; see 1.2.3.4 and e l l a")
            .is_empty());
        assert!(r.find("the nagirroc list").is_empty());
    }

    #[test]
    fn the_letter_spacing_test_sees_runs_across_chunks() {
        for at in 55..70 {
            let text = format!("{}S t a c e y{}", "x".repeat(at), "y".repeat(80));
            assert!(may_be_letter_spaced(&text), "{at}");
        }
        assert!(may_be_letter_spaced("E.l.l.i.s"));
        assert!(may_be_letter_spaced("S. t. a. c."));
        assert!(!may_be_letter_spaced(
            "A plain sentence, i.e. one with a list (a), (b)."
        ));
    }

    #[test]
    fn the_letter_spacing_test_agrees_with_reading_byte_by_byte() {
        // Three letters standing alone, two or three bytes apart.
        fn reference(text: &str) -> bool {
            let b = text.as_bytes();
            let letter = |i: usize| b[i].is_ascii_alphanumeric() || b[i] >= 0x80;
            let alone = |i: usize| {
                letter(i) && !(i > 0 && letter(i - 1)) && !(i + 1 < b.len() && letter(i + 1))
            };
            (0..b.len()).any(|i| {
                [2, 3]
                    .iter()
                    .any(|d| i + 2 * d < b.len() && alone(i) && alone(i + d) && alone(i + 2 * d))
            })
        }
        let pieces = ["a", " ", ".", "é", "Zq", "9", "  "];
        let mut state = 7u64;
        for _ in 0..3000 {
            let mut text = String::new();
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (state >> 33) as usize % 200;
            while text.len() < len {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
            }
            assert_eq!(may_be_letter_spaced(&text), reference(&text), "{text:?}");
        }
    }

    /// The one-pass quick test answers as its two tests asked in turn,
    /// across chunk edges, with and without keys that can be spaced.
    #[test]
    fn the_one_pass_quick_test_is_its_two_tests() {
        let pieces = [
            "Brannigan",
            "brAnnigan",
            "Bran",
            "a",
            " ",
            ".",
            "é",
            "Zq",
            "9",
            "  ",
            "Kim",
            "x",
        ];
        let registers = [
            register(&[("Orlaith Brannigan", "person-name")]),
            register(&[("Kim", "person-name"), ("Orlaith Brannigan", "person-name")]),
        ];
        for r in &registers {
            let words = r.longest_words.as_ref().expect("longest words");
            for text in crate::gate::test_texts::random_texts(&pieces, 0x0be_5eed, 60).take(3000) {
                let two =
                    words.any_in(&text) || (r.spaced.is_some() && may_be_letter_spaced(&text));
                assert_eq!(r.may_match_ascii_words(&text), two, "{text:?}");
            }
        }
    }

    #[test]
    fn a_name_registered_alone_matches_in_lower_case_after_its_full_name() {
        let r = register(&[("Lena Dąbrowska", "person-name"), ("Lena", "person-name")]);
        let found = r.find("02/12/22 lena 4 months");
        assert_eq!(found.len(), 1);
        assert!(!found[0].partial);
        let r = register(&[("Lena Dąbrowska", "person-name")]);
        assert!(r.find("02/12/22 lena 4 months").is_empty());
    }
}
