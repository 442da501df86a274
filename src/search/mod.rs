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
//! browser. This module does not render HTML (that is `render`) and does not
//! scan its output for personal data (that is `output`'s post-build scan,
//! which must decompress Pagefind's gzipped files).

pub mod index;
pub mod pagefind;
pub mod print;
mod records;

use std::path::PathBuf;

pub use self::pagefind::browser_index;
pub use index::{FacetCount, FacetCounts, Hit, Query, Results, SearchIndex};
pub use records::{
    item_record, plain_text, records_for, strategy_anchor, strategy_records, DocType, SearchRecord,
};

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
    use crate::content::{self, Day, Status, Vocabulary};
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

    /// Loads a site folder as `build` would: published items without
    /// error findings only.
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
        let mut items = Vec::new();
        let mut warnings = Vec::new();
        for item in loaded.items {
            let (status, findings) = content::validate(&item, &vocabulary, today());
            if status == Status::Published && findings.iter().all(|f| !f.is_error()) {
                items.push(item);
                warnings.extend(findings);
            }
        }
        Site::new(config, root.to_path_buf(), today(), items, warnings)
    }
}
