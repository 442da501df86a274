//! Words as both search engines see them.
//!
//! The browser index is Pagefind's; so that `clearhouse search` finds and
//! ranks the same items, the tantivy index is given the same words at the
//! same positions: this module splits text the way Pagefind 1.6 does when
//! it indexes a page (whitespace-separated chunks; each chunk one position;
//! its letters and digits lower-cased and joined, stemmed with the same
//! Snowball English stemmer; a chunk with punctuation or inner capitals
//! also yields its parts, "non-mobile" giving `nonmobil`, `non` and
//! `mobil`), and reads a query the same way in Rust as `search.js` does in
//! the browser (lower case, accents and punctuation dropped, stop words
//! left out). The rules follow Pagefind's behaviour as published in its
//! source; `tests` below and the browser test hold the two together.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::LazyLock;

use convert_case::{Case, Casing};
use pagefind_stem::{Algorithm, Stemmer};
use rustc_hash::FxBuildHasher;
use unicode_normalization::UnicodeNormalization;

pub use crate::site::search_layout::STOP_WORDS;

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Characters after which Pagefind does not add a full stop at the end of
/// a block (it adds one after a word character, a quote, `)`, `$` or `*`).
static SENTENCE_END: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r#"[\w'"\)\$\*]"#).expect("a valid pattern"));

/// The Snowball English stem of a lower-case word, as Pagefind stems.
pub fn stem(word: &str) -> String {
    cached_stem(word).to_string()
}

/// [`stem`], shared: the index hands out each word's stem without copying
/// it (millions of words, a few thousand distinct stems).
fn cached_stem(word: &str) -> Rc<str> {
    // A site of 35 KB items repeats a few thousand words millions of times;
    // looking a word up costs a fraction of stemming it again. The cache is
    // per thread (no lock) and bounded, for words over every site's text.
    // FxHash, not SipHash: the keys are the site's own words, hashed once
    // per word indexed, and no one chooses them to collide in a build.
    const CACHE_LIMIT: usize = 200_000;
    type Stems = HashMap<Box<str>, Rc<str>, FxBuildHasher>;
    thread_local! {
        static STEMS: RefCell<Stems> = RefCell::new(Stems::default());
    }
    STEMS.with_borrow_mut(|stems| {
        if let Some(stemmed) = stems.get(word) {
            return Rc::clone(stemmed);
        }
        let stemmed: Rc<str> = Rc::from(STEMMER.stem(word).as_ref());
        if stems.len() >= CACHE_LIMIT {
            stems.clear();
        }
        stems.insert(Box::from(word), Rc::clone(&stemmed));
        stemmed
    })
}

/// One indexed word: its stem and the position of the chunk it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedWord {
    pub stem: Rc<str>,
    pub position: u32,
    /// Byte range of the chunk in the text it was read from.
    pub start: usize,
    pub end: usize,
}

/// The words Pagefind indexes for `text`, with positions counted from
/// `first_position`. Returns the words and the position after the last
/// chunk.
pub fn index_words(text: &str, first_position: u32) -> (Vec<IndexedWord>, u32) {
    let mut words = Vec::new();
    let mut position = first_position;
    let mut stems = Vec::new();
    for (start, chunk) in chunks(text) {
        // Most chunks are a plain lower-case word: no zero-width space, no
        // parts, no accents.
        if chunk.bytes().all(|b| b.is_ascii_lowercase()) {
            words.push(IndexedWord {
                stem: cached_stem(chunk),
                position,
                start,
                end: start + chunk.len(),
            });
            position += 1;
            continue;
        }
        // Copied only when it holds a zero-width space, which few do.
        let chunk_text = if chunk.contains('\u{200B}') {
            std::borrow::Cow::Owned(chunk.replace('\u{200B}', ""))
        } else {
            std::borrow::Cow::Borrowed(chunk)
        };
        if chunk_text.is_empty() {
            continue;
        }
        chunk_stems(&chunk_text, &mut stems);
        for stem in stems.drain(..) {
            words.push(IndexedWord {
                stem,
                position,
                start,
                end: start + chunk.len(),
            });
        }
        position += 1;
    }
    (words, position)
}

/// Whitespace-separated chunks and their byte offsets.
pub fn chunks(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        .map(move |chunk| (chunk.as_ptr() as usize - text.as_ptr() as usize, chunk))
}

/// A block of text (a paragraph, a heading) as it reaches Pagefind's
/// index: Pagefind ends a block that ends in a letter, digit, quote, `)`,
/// `$` or `*` with a full stop, which can change the last chunk's parts.
pub fn as_block(text: &str) -> String {
    let mut block = String::with_capacity(text.len() + 1);
    push_block(&mut block, text);
    block
}

/// [`as_block`] added to the end of `out`, without a copy of its own;
/// false (and nothing added) when `text` is only whitespace.
pub fn push_block(out: &mut String, text: &str) -> bool {
    let mut words = text.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    out.push_str(first);
    let mut last_word = first;
    for word in words {
        out.push(' ');
        out.push_str(word);
        last_word = word;
    }
    if let Some(last) = last_word.chars().last() {
        if SENTENCE_END.is_match(last.encode_utf8(&mut [0; 4])) {
            out.push('.');
        }
    }
    true
}

/// The stems one chunk is indexed under, added to `stems`: the whole
/// chunk (letters and digits only) first, then its parts when it is a
/// compound.
fn chunk_stems(chunk: &str, stems: &mut Vec<Rc<str>>) {
    // Most chunks are a plain lower-case word: no parts, no accents.
    if chunk.bytes().all(|b| b.is_ascii_lowercase()) {
        stems.push(cached_stem(chunk));
        return;
    }
    chunk_stems_in_full(chunk, single_word_in_punctuation(chunk), stems)
}

/// [`chunk_stems`] by Pagefind's rules; `simple` skips the case
/// conversion where it cannot find parts.
fn chunk_stems_in_full(chunk: &str, simple: bool, stems: &mut Vec<Rc<str>>) {
    let first = stems.len();
    let joined: String = if chunk.is_ascii() {
        // A capital or punctuation on an ASCII word ("The", "neglect,"):
        // bytes, not characters and their case tables.
        let mut joined = String::with_capacity(chunk.len());
        joined.extend(
            chunk
                .bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        joined
    } else {
        chunk
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    if !joined.is_empty() {
        stems.push(cached_stem(&strip_accents(&joined)));
    }
    let compound = chunk.chars().any(|c| !c.is_alphanumeric())
        || chunk.chars().skip(1).any(char::is_uppercase);
    if compound && !simple {
        let parts = compound_parts(chunk);
        if !joined.is_empty()
            && (parts.contains(char::is_whitespace) || !joined.starts_with(&parts))
        {
            for part in parts.split_whitespace().filter(|p| p.len() > 1) {
                stems.push(cached_stem(&strip_accents(part)));
            }
        }
    }
    // A dotted word also yields what follows each dot when that is itself
    // a compound ("sysconfig.is_python" gives "is_python").
    if chunk.contains('.') {
        for (at, _) in chunk.match_indices('.') {
            let tail: String = chunk[at + 1..].chars().take(64).collect();
            let tail_compound = tail.chars().any(|c| !c.is_alphanumeric())
                || tail.chars().skip(1).any(char::is_uppercase);
            if !tail_compound {
                continue;
            }
            let normalised: String = tail
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            if normalised.chars().count() < 2 {
                continue;
            }
            let tail_stem = cached_stem(&strip_accents(&normalised));
            if !stems[first..].contains(&tail_stem) {
                stems.push(tail_stem);
            }
        }
    }
}

/// A compound chunk's parts, lower case, separated by single spaces:
/// ASCII punctuation splits it, and so (convert_case's lower case) do
/// changes of case and between letters and digits.
fn compound_parts(chunk: &str) -> String {
    let spaced = chunk.replace(|c: char| c.is_ascii_punctuation(), " ");
    // Every boundary convert_case looks for but the space needs a capital
    // or a digit: an ASCII chunk with neither (most compounds, "well-being",
    // "child's") splits at its punctuation alone, without reading it as
    // graphemes.
    let no_case_boundary = spaced
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase() && !b.is_ascii_digit());
    let lowered;
    let parts = if no_case_boundary {
        spaced.as_str()
    } else {
        lowered = spaced.to_case(Case::Lower);
        lowered.as_str()
    };
    parts.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A word with only ASCII punctuation around or in it, all letters (or
/// all digits) and no capital after its first letter ("neglect,",
/// "(CAMHS" is not one): its parts would be the word itself, which
/// Pagefind does not index twice, so the case conversion can be skipped.
fn single_word_in_punctuation(chunk: &str) -> bool {
    let mut core = chunk
        .split(|c: char| c.is_ascii_punctuation())
        .filter(|p| !p.is_empty());
    let Some(word) = core.next() else {
        return false;
    };
    core.next().is_none()
        && (word.chars().all(char::is_alphabetic) || word.chars().all(|c| c.is_ascii_digit()))
        && !word.chars().skip(1).any(char::is_uppercase)
        && chunk
            .chars()
            .all(|c| c.is_alphanumeric() || c.is_ascii_punctuation())
}

/// How many positions `text` takes (chunks, as [`index_words`] counts them).
pub fn positions(text: &str) -> u32 {
    chunks(text)
        .filter(|(_, c)| c.chars().any(|ch| ch != '\u{200B}'))
        .count() as u32
}

/// "café" → "cafe": accents are dropped both when indexing and from a query.
pub fn strip_accents(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        return Cow::Borrowed(word);
    }
    Cow::Owned(
        word.nfd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .collect(),
    )
}

/// A query as both engines read it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueryWords {
    /// Every word, in order (lower case, letters and digits only): a
    /// quoted phrase of them ranks an item above those that only have the
    /// words apart.
    pub all: Vec<String>,
    /// The words that count: stop words left out (unless the query is
    /// nothing but stop words), each word once.
    pub terms: Vec<String>,
}

/// Reads a query: lower case, accents dropped, each whitespace-separated
/// chunk reduced to its letters and digits ("non-mobile" → "nonmobile",
/// "child's" → "childs", as Pagefind reads a query), stop words left out.
/// `search.js` does exactly this (`queryWords`).
pub fn query_words(text: &str) -> QueryWords {
    let all: Vec<String> = text
        .split_whitespace()
        .map(|chunk| {
            strip_accents(&chunk.to_lowercase())
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let mut terms: Vec<String> = Vec::new();
    for word in &all {
        if !STOP_WORDS.contains(&word.as_str()) && !terms.contains(word) {
            terms.push(word.clone());
        }
    }
    if terms.is_empty() {
        for word in &all {
            if !terms.contains(word) {
                terms.push(word.clone());
            }
        }
    }
    QueryWords { all, terms }
}

/// The tantivy tokenizer that indexes text as Pagefind does (see the
/// module comment); registered under [`TOKENIZER`].
#[derive(Clone, Default)]
pub struct PagefindWords;

/// The name the index's text fields use for [`PagefindWords`].
pub const TOKENIZER: &str = "clearhouse_pagefind";

pub struct WordStream {
    words: Vec<IndexedWord>,
    next: usize,
    token: tantivy::tokenizer::Token,
}

impl tantivy::tokenizer::Tokenizer for PagefindWords {
    type TokenStream<'a> = WordStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream {
        WordStream {
            words: index_words(text, 0).0,
            next: 0,
            token: tantivy::tokenizer::Token::default(),
        }
    }
}

impl tantivy::tokenizer::TokenStream for WordStream {
    fn advance(&mut self) -> bool {
        let Some(word) = self.words.get(self.next) else {
            return false;
        };
        self.token = tantivy::tokenizer::Token {
            offset_from: word.start,
            offset_to: word.end,
            position: word.position as usize,
            // The token's own buffer is reused for each word's text.
            text: std::mem::take(&mut self.token.text),
            position_length: 1,
        };
        self.token.text.clear();
        self.token.text.push_str(&word.stem);
        self.next += 1;
        true
    }

    fn token(&self) -> &tantivy::tokenizer::Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut tantivy::tokenizer::Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(text: &str) -> Vec<(u32, String)> {
        index_words(text, 0)
            .0
            .into_iter()
            .map(|w| (w.position, w.stem.to_string()))
            .collect()
    }

    #[test]
    fn compounds_give_the_whole_and_the_parts_at_one_position() {
        assert_eq!(
            stems("bruising in non-mobile babies"),
            [
                (0, "bruis".to_string()),
                (1, "in".to_string()),
                (2, "nonmobil".to_string()),
                (2, "non".to_string()),
                (2, "mobil".to_string()),
                (3, "babi".to_string()),
            ]
        );
        // A possessive keeps its word; punctuation alone still takes a place.
        assert_eq!(
            stems("the child's plan — agreed"),
            [
                (0, "the".to_string()),
                (1, "child".to_string()),
                (1, "child".to_string()),
                (2, "plan".to_string()),
                (4, "agre".to_string()),
            ]
        );
        assert_eq!(stems("CAMHS")[..], [(0, "camh".to_string())]);
        assert_eq!(
            stems("DM-2023-02"),
            [
                (0, "dm202302".to_string()),
                (0, "dm".to_string()),
                (0, "2023".to_string()),
                (0, "02".to_string()),
            ]
        );
    }

    #[test]
    fn the_quick_paths_give_what_the_full_rules_give() {
        for chunk in [
            "neglect",
            "Neglect,",
            "(CAMHS)",
            "CAMHS.",
            "child's",
            "Mother\u{2019}s",
            "well-being",
            "2023.",
            "covid19",
            "Covid19:",
            "\"quoted\"",
            "e.g.",
            "U.K.",
            "café,",
            "McDonald",
            "multi-agency/inter-agency",
            "x-ray",
            "a.b.c",
        ] {
            let (mut quick, mut full) = (Vec::new(), Vec::new());
            chunk_stems(chunk, &mut quick);
            chunk_stems_in_full(chunk, false, &mut full);
            assert_eq!(quick, full, "{chunk:?}");
        }
    }

    #[test]
    fn blocks_end_with_a_full_stop_as_pagefind_ends_them() {
        assert_eq!(as_block("Why it  worked"), "Why it worked.");
        assert_eq!(as_block("It worked."), "It worked.");
        assert_eq!(as_block("Was it?"), "Was it?");
        assert_eq!(as_block(" \n "), "");
        assert_eq!(as_block("  café\u{a0}au lait "), "café au lait.");
        let mut out = String::from("x");
        assert!(!push_block(&mut out, "\t"));
        assert_eq!(out, "x");
    }

    #[test]
    fn queries_lose_case_accents_punctuation_and_stop_words() {
        let q = query_words("Bruising in NON-MOBILE babies, café");
        assert_eq!(q.all, ["bruising", "in", "nonmobile", "babies", "cafe"]);
        assert_eq!(q.terms, ["bruising", "nonmobile", "babies", "cafe"]);
        // A query of stop words alone keeps them.
        assert_eq!(query_words("was not").terms, ["was", "not"]);
        assert_eq!(query_words("mum's mum's").terms, ["mums"]);
    }
}
