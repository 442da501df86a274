//! How results are ordered, the same way by both engines: `index.rs`
//! computes it from tantivy's postings, `search.js` from Pagefind's
//! results for each word (the search page carries these constants, see
//! `search::browser_config`, so the two cannot differ).
//!
//! A query's words are read by `analyze::query_words`; each word matches
//! the indexed words that begin with its stem (as Pagefind matches: "child"
//! finds "children"), or, if none does, the longest indexed word its stem
//! begins with. An item then ranks by, in turn:
//!
//! 1. how many of the query's words it has, anywhere (all, then most);
//! 2. whether it has the whole query, stop words included, as a phrase;
//! 3. the sum over the words it has of `idf × (tf / (tf + K) + TITLE·[in
//!    the title] + THEMES·[in its themes' words])`, where `tf` counts the
//!    places in the text where the word or a longer word beginning with
//!    its stem occurs, each at EXTENDED when the stem itself is nowhere in
//!    the text ("age" is not "agency"; Pagefind's exact search tells
//!    `search.js` whether the stem itself is there, not how often), and
//!    `idf = ln(1 + (N − n + ½) / (n + ½))` for `n` items with the word
//!    out of `N`;
//! 4. its path, so that equal items keep one order.

use std::cmp::Ordering;

pub use crate::site::search_layout::{EXTENDED, K, THEMES, TITLE};

/// Inverse document frequency of a word found in `matched` of `total` items.
pub fn idf(total: usize, matched: usize) -> f64 {
    let (total, matched) = (total as f64, matched as f64);
    (1.0 + (total - matched + 0.5) / (matched + 0.5)).ln()
}

/// What one item has of one query word.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct WordMatch {
    /// Places in the text, at [`EXTENDED`] each when only longer words
    /// beginning with the stem are there.
    pub tf: f64,
    pub title: bool,
    pub themes: bool,
}

impl WordMatch {
    pub fn score(&self, idf: f64) -> f64 {
        let tf = self.tf;
        idf * (tf / (tf + K)
            + if self.title { TITLE } else { 0.0 }
            + if self.themes { THEMES } else { 0.0 })
    }
}

/// An item's rank for a query.
#[derive(Debug, Clone, PartialEq)]
pub struct Rank {
    pub words: usize,
    pub phrase: bool,
    pub score: f64,
    pub path: String,
}

impl Rank {
    /// Best first.
    pub fn order(a: &Rank, b: &Rank) -> Ordering {
        b.words
            .cmp(&a.words)
            .then(b.phrase.cmp(&a.phrase))
            .then(b.score.partial_cmp(&a.score).unwrap_or(Ordering::Equal))
            .then_with(|| a.path.cmp(&b.path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_words_before_most_and_rare_words_before_common() {
        let rank = |words, phrase, score: f64, path: &str| Rank {
            words,
            phrase,
            score,
            path: path.to_string(),
        };
        let mut ranks = [
            rank(1, false, 9.0, "a"),
            rank(2, false, 1.0, "b"),
            rank(2, true, 0.5, "c"),
            rank(2, false, 1.0, "a"),
        ];
        ranks.sort_by(Rank::order);
        let paths: Vec<&str> = ranks.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(paths, ["c", "a", "b", "a"]);
        assert!(idf(100, 1) > idf(100, 50));
        assert!(
            idf(10, 10) > 0.0,
            "a word in every item still counts a little"
        );
        let tagged = WordMatch {
            tf: 0.0,
            title: false,
            themes: true,
        };
        let mentioned = WordMatch {
            tf: 5.0,
            title: false,
            themes: false,
        };
        assert!(tagged.score(1.0) > mentioned.score(1.0));
    }
}
