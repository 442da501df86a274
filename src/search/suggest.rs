//! What a search that found nothing offers instead: the site's themes
//! nearest to the query, and the query respelt with the site's own words.
//! `search.js` does the same from the file [`SuggestionData`] is written
//! to (`pagefind/clearhouse-suggest.json`), loaded only when a search
//! finds nothing.

use serde::Serialize;

use super::document::SearchDoc;
use crate::analyze::{QueryWords, STOP_WORDS};
use crate::content::vocab::{builtin_synonyms, theme_label};

/// At most this many themes are offered.
pub const THEMES_OFFERED: usize = 3;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestions {
    /// The query with each word no item has replaced by the nearest word
    /// the site uses, if any was close enough.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spelling: Option<String>,
    /// The themes in use whose names or synonyms are nearest the query.
    pub themes: Vec<ThemeSuggestion>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeSuggestion {
    pub slug: String,
    pub label: String,
}

/// What `search.js` needs to suggest: the site's words with the number of
/// items using each, and the themes in use with the words for them.
#[derive(Debug, Clone, Serialize)]
pub struct SuggestionData {
    pub words: Vec<(String, u32)>,
    pub themes: Vec<ThemeWords>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThemeWords {
    pub slug: String,
    pub label: String,
    pub words: Vec<String>,
}

impl SuggestionData {
    pub fn new(docs: &[SearchDoc]) -> SuggestionData {
        let mut themes: Vec<&String> = docs.iter().flat_map(|d| &d.themes).collect();
        themes.sort();
        themes.dedup();
        SuggestionData {
            words: site_words(docs),
            themes: themes
                .into_iter()
                .map(|slug| ThemeWords {
                    slug: slug.clone(),
                    label: theme_label(slug),
                    words: theme_words(slug),
                })
                .collect(),
        }
    }
}

/// Every word of the site's items (lower case, letters only, three or
/// more, no stop words) and how many items use it, alphabetically.
pub fn site_words(docs: &[SearchDoc]) -> Vec<(String, u32)> {
    let mut counts = WordCounts::default();
    counts.add(docs);
    counts.finish()
}

/// The site's words counted a batch of documents at a time, so that an
/// index made beside rendering holds one batch's documents, not the
/// site's (at 20,000 items, 700 MB of text while the pages render).
#[derive(Default)]
pub struct WordCounts {
    counts: std::collections::HashMap<String, u32>,
}

impl WordCounts {
    /// Counts each document's distinct words once.
    pub fn add(&mut self, docs: &[SearchDoc]) {
        use rayon::prelude::*;
        // Each item's words are found on its own (in parallel), then
        // counted once each.
        let per_item: Vec<Vec<String>> = docs.par_iter().map(distinct_words).collect();
        for word in per_item.into_iter().flatten() {
            *self.counts.entry(word).or_default() += 1;
        }
    }

    /// The words and the number of documents holding each, by word.
    pub fn finish(self) -> Vec<(String, u32)> {
        use rayon::prelude::*;
        let mut counts: Vec<(String, u32)> = self.counts.into_iter().collect();
        counts.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        counts
    }
}

/// A document's distinct words of three letters or more, lower-cased,
/// without stop words.
fn distinct_words(doc: &SearchDoc) -> Vec<String> {
    // The words of `doc.content()`, read from its blocks in place: joining
    // them adds only spaces and full stops, which no word holds, and
    // copying the text was half of this.
    let blocks = doc
        .blocks
        .iter()
        .chain(doc.strategies.iter().flat_map(|s| s.blocks.iter()));
    // Distinct spellings first: an item repeats its words many times, and
    // lower-casing and the stop-word list are then applied once per
    // spelling (a set: sorting every occurrence was the other half).
    let mut spelt: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for block in blocks {
        spelt.extend(
            block
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| w.len() >= 3 && w.chars().count() >= 3),
        );
    }
    let mut seen: Vec<String> = spelt.into_iter().map(str::to_lowercase).collect();
    seen.sort_unstable();
    seen.dedup();
    seen.retain(|w| !STOP_WORDS.contains(&w.as_str()));
    seen
}

/// A theme's label and synonyms as single lower-case words.
fn theme_words(slug: &str) -> Vec<String> {
    let mut words: Vec<String> = std::iter::once(theme_label(slug))
        .chain(builtin_synonyms(slug).iter().map(|s| s.to_string()))
        .flat_map(|phrase| {
            phrase
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 3)
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .collect();
    words.sort();
    words.dedup();
    words
}

/// Levenshtein distance in characters (`search.js` has the same).
fn distance(a: &str, b: &str) -> usize {
    strsim::levenshtein(a, b)
}

/// How alike two words are, 0 to 1: 0.9 when one begins the other (four
/// letters or more), otherwise one less the edits per letter of the longer.
fn likeness(query: &str, word: &str) -> f64 {
    let (q, w) = (query.chars().count(), word.chars().count());
    if q.min(w) >= 4 && (word.starts_with(query) || query.starts_with(word)) {
        return 0.9_f64.max(if query == word { 1.0 } else { 0.0 });
    }
    1.0 - distance(query, word) as f64 / q.max(w).max(1) as f64
}

/// The suggestions for a query that found nothing. `unmatched` are its
/// words no item has; `themes` the theme slugs in use on the site.
pub fn suggest(
    words: &QueryWords,
    unmatched: &[String],
    site_words: &[(String, u32)],
    themes: &[String],
) -> Suggestions {
    let themes: Vec<ThemeWords> = themes
        .iter()
        .map(|slug| ThemeWords {
            slug: slug.clone(),
            label: theme_label(slug),
            words: theme_words(slug),
        })
        .collect();
    suggest_from(words, unmatched, site_words, &themes)
}

/// [`suggest`] over already prepared theme words.
pub fn suggest_from(
    words: &QueryWords,
    unmatched: &[String],
    site_words: &[(String, u32)],
    themes: &[ThemeWords],
) -> Suggestions {
    let mut changed = false;
    let respelt: Vec<String> = words
        .all
        .iter()
        .map(|word| {
            if !unmatched.contains(word) {
                return word.clone();
            }
            match respell(word, site_words) {
                Some(better) => {
                    changed = true;
                    better
                }
                None => word.clone(),
            }
        })
        .collect();
    let query: Vec<&String> = words
        .terms
        .iter()
        .filter(|t| t.chars().count() >= 3)
        .collect();
    let mut scored: Vec<(f64, &ThemeWords)> = themes
        .iter()
        .map(|theme| {
            let best = query
                .iter()
                .flat_map(|q| theme.words.iter().map(move |w| likeness(q, w)))
                .fold(0.0, f64::max);
            (best, theme)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.label.cmp(&b.1.label)));
    Suggestions {
        spelling: changed.then(|| respelt.join(" ")),
        themes: scored
            .into_iter()
            .take(THEMES_OFFERED)
            .map(|(_, t)| ThemeSuggestion {
                slug: t.slug.clone(),
                label: t.label.clone(),
            })
            .collect(),
    }
}

/// The site's word nearest `word`: at most one edit for a word of four
/// letters or fewer, two otherwise; the most used, then the first
/// alphabetically, among equals.
pub fn respell(word: &str, site_words: &[(String, u32)]) -> Option<String> {
    let allowed = if word.chars().count() <= 4 { 1 } else { 2 };
    site_words
        .iter()
        .map(|(w, n)| (distance(word, w), std::cmp::Reverse(*n), w))
        .filter(|(d, _, _)| *d > 0 && *d <= allowed)
        .min()
        .map(|(_, _, w)| w.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::query_words;

    #[test]
    fn a_misspelt_query_is_respelt_and_near_themes_offered() {
        let words = vec![
            ("interpreter".to_string(), 3),
            ("interpreted".to_string(), 1),
            ("neglect".to_string(), 5),
        ];
        let q = query_words("interpeter negelct");
        let unmatched = q.terms.clone();
        let s = suggest(
            &q,
            &unmatched,
            &words,
            &[
                "neglect".to_string(),
                "culture-and-identity".to_string(),
                "transitions".to_string(),
            ],
        );
        assert_eq!(s.spelling.as_deref(), Some("interpreter neglect"));
        let slugs: Vec<&str> = s.themes.iter().map(|t| t.slug.as_str()).collect();
        assert_eq!(slugs[..2], ["culture-and-identity", "neglect"]);
    }
}
