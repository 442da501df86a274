//! The browser search bundle: rendered pages and strategy records in,
//! Pagefind's files out, all in memory.
//!
//! Pagefind decides what to index from the HTML itself: once any page has
//! `data-pagefind-body`, pages without it are left out, so the caller may
//! pass every page it rendered. Filters and metadata come from
//! `data-pagefind-filter` and `data-pagefind-meta` attributes on the pages
//! and from [`SearchRecord::filters`]/[`SearchRecord::meta`] for records.
//!
//! What a reader downloads for a first query on the sample site (measured by
//! `first_query_download_is_small` below; see `docs/search.md`): the
//! loader, the English wasm, the entry file, the metadata, the one index
//! chunk and the fragments of the results shown — about 72 KB in debug
//! builds, of which the wasm is most.

use std::path::Path;

use super::{SearchError, SearchRecord};
use crate::output::OutputFile;

/// The folder under the output root that holds the bundle; `/search/`
/// loads `<base>pagefind/pagefind.js`.
pub const BUNDLE_DIR: &str = "pagefind";

/// Builds the Pagefind bundle.
///
/// `pages` are `(output path, html)` pairs such as
/// `("learning/sa-2024-01/index.html", "<html>…")`; a page's URL is
/// `base_path` plus its folder (`index.html` dropped), matching the links
/// the site renders. `records` are indexed as they are, each at
/// `base_path` + its `path`: normally [`records_for`](super::records_for),
/// one per strategy. `base_path` is `Config::base_path()`, `/` or `/sub/`.
///
/// Returns every file of the bundle under `pagefind/`: `pagefind.js`, the
/// wasm, the UI scripts and styles, the entry, meta, index, filter and
/// fragment files (the last four gzipped, behind Pagefind's own header).
pub fn browser_index(
    pages: &[(String, String)],
    records: &[SearchRecord],
    base_path: &str,
) -> Result<Vec<OutputFile>, SearchError> {
    // Pagefind's API is async only because its CLI is; one thread is
    // enough, and its blocking work runs on tokio's blocking pool.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| SearchError::Pagefind {
            step: "starting the tokio runtime".into(),
            message: e.to_string(),
        })?;
    runtime.block_on(build(pages, records, base_path))
}

async fn build(
    pages: &[(String, String)],
    records: &[SearchRecord],
    base_path: &str,
) -> Result<Vec<OutputFile>, SearchError> {
    let failed = |step: String| {
        move |e: anyhow::Error| SearchError::Pagefind {
            step,
            message: format!("{e:#}"),
        }
    };
    // Pages declare lang="en-GB" or similar; without forcing one language
    // Pagefind would split the site into per-language indexes and records
    // (which say "en") would not be found beside the pages.
    let options = ::pagefind::options::PagefindServiceConfig::builder()
        .force_language("en".to_string())
        .build();
    let mut index = ::pagefind::api::PagefindIndex::new(Some(options))
        .map_err(failed("configuring pagefind".into()))?;

    for (path, html) in pages {
        index
            .add_html_file(
                Some(path.clone()),
                Some(page_url(base_path, path)),
                html.clone(),
            )
            .await
            .map_err(failed(format!("indexing the page {path}")))?;
    }
    for record in records {
        index
            .add_custom_record(
                join_url(base_path, &record.path),
                format!("{}\n{}", record.title, record.content),
                "en".to_string(),
                Some(record.meta()),
                Some(record.filters()),
                None,
            )
            .await
            .map_err(failed(format!("indexing the record {}", record.path)))?;
    }
    let files = index
        .get_files()
        .await
        .map_err(failed("building the index files".into()))?;
    Ok(files
        .into_iter()
        .map(|file| OutputFile::new(bundle_path(&file.filename), file.contents))
        .collect())
}

/// `learning/x/index.html` → `/base/learning/x/`; other files keep their
/// name, as the web server serves them.
fn page_url(base_path: &str, output_path: &str) -> String {
    let folder = output_path
        .strip_suffix("index.html")
        .unwrap_or(output_path);
    join_url(base_path, folder)
}

fn join_url(base_path: &str, path: &str) -> String {
    format!(
        "{}/{}",
        base_path.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

fn bundle_path(filename: &Path) -> String {
    let relative: Vec<String> = filename
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    format!("{BUNDLE_DIR}/{}", relative.join("/"))
}
