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

pub mod analyze;
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
pub use index::{FacetCount, FacetCounts, Hit, Query, Results, SearchIndex, StrategyHit};
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

/// The shared sample site, copied so that tests may edit it.
#[cfg(test)]
pub(crate) mod fixture {
    use std::path::Path;

    use crate::config::Config;
    use crate::content::{self, Day, Vocabulary};
    use crate::site::Site;

    pub const GOOD_SITE: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/samples/good-site"
    );

    /// A day after every embargo in the sample, so all eight items publish.
    pub fn today() -> Day {
        Day::parse("2027-01-01").expect("a valid day")
    }

    pub fn copy_good_site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for entry in walkdir::WalkDir::new(GOOD_SITE) {
            let entry = entry.expect("the sample site is readable");
            let rel = entry
                .path()
                .strip_prefix(GOOD_SITE)
                .expect("under the sample");
            let target = dir.path().join(rel);
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).expect("create folder");
            } else {
                std::fs::copy(entry.path(), &target).expect("copy file");
            }
        }
        dir
    }

    /// Loads a site folder's items, all of them: every item of the
    /// sample is valid, signed off and due on `today()`.
    pub fn load_site(root: &Path) -> Site {
        let config = Config::load(root).expect("the sample config parses");
        let area = config.area.clone().expect("a local site has an area");
        let loaded = content::load(root, &area);
        assert!(
            loaded.findings.iter().all(|f| !f.is_error()),
            "the sample loads cleanly: {:?}",
            loaded.findings
        );
        let vocabulary = Vocabulary::new(&config.taxonomy.extra_themes);
        let items = loaded.items;
        for item in &items {
            let errors: Vec<_> = content::validate(item, &vocabulary)
                .into_iter()
                .filter(|f| f.is_error())
                .collect();
            assert!(
                errors.is_empty(),
                "the sample's items are valid: {errors:?}"
            );
        }
        Site::new(config, root.to_path_buf(), today(), items)
    }
}
