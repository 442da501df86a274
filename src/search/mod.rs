//! Search over the published items and their strategies, two ways:
//!
//! - [`pagefind`]: the browser index. The rendered item pages (fed from
//!   memory as they render, never from disk) plus one custom record per
//!   strategy become a Pagefind bundle under `pagefind/` that `/search/`
//!   loads with no server; a site too large for one index gets further
//!   bundles (`pagefind/shard-2/`, …) that `/search/` merges into it.
//! - [`index`]: a tantivy index on disk for `clearhouse search` and
//!   `clearhouse serve`'s `/api/search`, with English stemming, filters,
//!   facet counts and highlighted snippets.
//!
//! Both index the same documents, described once by [`SearchRecord`], so
//! that a query finds the same things on the command line as in the
//! browser; [`BrowserIndex`] runs the Pagefind side beside a build. This
//! module does not render HTML (that is `render`), decides nothing about
//! what is published (that is `admission`: only admitted items reach it)
//! and does not scan its output for personal data (the build runs the
//! gate's post-render scan on it, which decompresses Pagefind's gzipped
//! files).

pub use crate::analyze;
mod browser;
pub mod document;
pub mod index;
pub mod pagefind;
pub mod print;
pub mod rank;
mod records;
pub mod suggest;

use std::path::PathBuf;

pub use self::pagefind::browser_index;
pub use browser::{BrowserIndex, Finished};
pub use document::{SearchDoc, StrategyDoc};
pub use index::{
    FacetCount, FacetCounts, Hit, Query, Results, SearchIndex, StagedIndex, StrategyHit,
};
pub use records::{
    item_record, plain_text, records_for, strategy_anchor, strategy_records, DocType, SearchRecord,
};
pub use suggest::{Suggestions, ThemeSuggestion};

/// What went wrong while building or querying a search index, with the
/// step and the file or folder it happened in.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// Pagefind refused a page or record, or could not build its bundle.
    #[error("browser search index (pagefind): while {step}: {message}")]
    Pagefind { step: String, message: String },
    /// tantivy failed while building, updating or reading the index.
    #[error("search index in {dir}: while {step}: {source}")]
    Index {
        dir: PathBuf,
        step: String,
        #[source]
        source: tantivy::TantivyError,
    },
    /// Reading or writing a file beside the index failed.
    #[error("{path}: while {step}: {source}")]
    Io {
        path: PathBuf,
        step: String,
        #[source]
        source: std::io::Error,
    },
    /// A filter value the index cannot mean anything by.
    #[error("search query: {message}")]
    InvalidQuery { message: String },
    /// The folder given for the index holds something that is not ours;
    /// we refuse to delete it.
    #[error("{dir}: {message}")]
    NotAnIndex { dir: PathBuf, message: String },
}

/// What `search.js` must share with the command line so that both read a
/// query and rank its results alike: the stop words, the ranking
/// constants, the snippet length. The search page carries it as JSON in
/// `data-search-config`.
pub use crate::site::search_layout::browser_config;

impl SearchError {
    fn io(path: impl Into<PathBuf>, step: impl Into<String>, source: std::io::Error) -> Self {
        SearchError::Io {
            path: path.into(),
            step: step.into(),
            source,
        }
    }
}

#[cfg(test)]
pub(crate) use crate::site::fixture;
