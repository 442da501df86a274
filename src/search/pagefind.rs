//! The browser search bundle: rendered pages and strategy records in,
//! Pagefind's files out, all in memory.
//!
//! Pagefind decides what to index from the HTML itself: once any page has
//! `data-pagefind-body`, pages without it are left out, so the caller may
//! pass every page it rendered. Filters and metadata come from
//! `data-pagefind-filter` and `data-pagefind-meta` attributes on the pages
//! and from [`SearchRecord::filters`]/[`SearchRecord::meta`] for records.
//!
//! What a reader downloads for a first query on the sample site, measured
//! by `first_query_download_is_small` below (see `docs/search.md`): with
//! the JS API, the loader, its web worker, the entry, the English wasm, the
//! metadata, one index chunk and five result fragments come to 189 KB as
//! stored, 125 KB on the wire when the server gzips JS; the default UI
//! brings that to 331 KB, 159 KB on the wire. The wasm (60 KB) dominates.

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
///
/// Runs its own single-threaded tokio runtime, so it must not be called
/// from inside another tokio runtime.
pub fn browser_index(
    pages: &[(&str, &str)],
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
    pages: &[(&str, &str)],
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
                Some(path.to_string()),
                Some(page_url(base_path, path)),
                html.to_string(),
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

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use crate::search::fixture;
    use crate::search::{item_record, records_for};
    use crate::site::Site;

    /// A page shaped as render will shape it: the learning inside
    /// `data-pagefind-body`, filters from the item's record, navigation
    /// outside the body so it is not indexed.
    fn page(site: &Site, item: &crate::content::Item) -> (String, String) {
        let record = item_record(site, item);
        let mut body = String::new();
        pulldown_cmark::html::push_html(&mut body, pulldown_cmark::Parser::new(item.body()));
        let mut filters = String::new();
        for (name, values) in record.filters() {
            for value in values {
                filters.push_str(&format!(
                    "<span hidden data-pagefind-filter=\"{name}\">{value}</span>"
                ));
            }
        }
        let html = format!(
            "<!doctype html><html lang=\"en-GB\"><head><title>{title}</title></head>\
             <body><nav>Home Themes Search</nav><main data-pagefind-body>\
             <h1 data-pagefind-meta=\"title\">{title}</h1>\
             <p data-pagefind-meta=\"review_id\">{id}</p>{filters}{body}</main></body></html>",
            title = item.meta.title,
            id = item.meta.review_id,
        );
        (format!("{}index.html", site.item_path(item)), html)
    }

    fn good_site_bundle(base_path: &str) -> (Site, Vec<OutputFile>) {
        let dir = fixture::copy_good_site();
        let site = fixture::load_site(dir.path());
        let pages: Vec<(String, String)> = site.items.iter().map(|i| page(&site, i)).collect();
        let pages: Vec<(&str, &str)> = pages
            .iter()
            .map(|(p, h)| (p.as_str(), h.as_str()))
            .collect();
        let files = browser_index(&pages, &records_for(&site), base_path).expect("pagefind builds");
        (site, files)
    }

    /// Pagefind's index, filter, meta and fragment files are gzip with a
    /// `pagefind_dcd` marker in front of the payload.
    fn decompress(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .expect("pagefind files are gzip");
        out.strip_prefix(b"pagefind_dcd".as_slice())
            .expect("pagefind's marker")
            .to_vec()
    }

    #[test]
    fn the_bundle_has_the_loader_the_wasm_and_the_index() {
        let (site, files) = good_site_bundle("/");
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert!(
            paths.iter().all(|p| p.starts_with("pagefind/")),
            "{paths:?}"
        );
        for wanted in ["pagefind/pagefind.js", "pagefind/pagefind-entry.json"] {
            assert!(paths.contains(&wanted), "{wanted} missing from {paths:?}");
        }
        assert!(paths.contains(&"pagefind/wasm.en.pagefind"), "{paths:?}");
        for ending in [".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter"] {
            assert!(
                paths.iter().any(|p| p.ends_with(ending)),
                "no {ending} in {paths:?}"
            );
        }

        // Every page and every strategy is a separate result.
        let entry = files
            .iter()
            .find(|f| f.path == "pagefind/pagefind-entry.json")
            .expect("entry file");
        let entry: serde_json::Value = serde_json::from_slice(&entry.bytes).expect("entry is JSON");
        let strategies: usize = site.items.iter().map(|i| i.meta.strategies.len()).sum();
        assert_eq!(
            entry["languages"]["en"]["page_count"],
            serde_json::json!(site.items.len() + strategies),
            "{entry}"
        );
    }

    #[test]
    fn strategies_are_results_of_their_own_under_the_base_path() {
        let (site, files) = good_site_bundle("/learning-site/");
        let fragments: Vec<serde_json::Value> = files
            .iter()
            .filter(|f| f.path.ends_with(".pf_fragment"))
            .map(|f| serde_json::from_slice(&decompress(&f.bytes)).expect("fragment JSON"))
            .collect();
        let item = &site.items[0];
        let first = format!("/learning-site/{}#strategy-1", site.item_path(item));
        let strategy = fragments
            .iter()
            .find(|f| f["url"] == serde_json::json!(first))
            .unwrap_or_else(|| panic!("no fragment for {first}"));
        assert_eq!(
            strategy["meta"]["title"],
            serde_json::json!(item.meta.strategies[0].title)
        );
        assert_eq!(strategy["filters"]["type"], serde_json::json!(["Strategy"]));
        let page = format!("/learning-site/{}", site.item_path(item));
        let page = fragments
            .iter()
            .find(|f| f["url"] == serde_json::json!(page))
            .unwrap_or_else(|| panic!("no fragment for {page}"));
        assert_eq!(
            page["filters"]["type"],
            serde_json::json!(["Report or summary"])
        );
        // Navigation sits outside data-pagefind-body and must not be indexed.
        assert!(!page["content"]
            .as_str()
            .unwrap_or("")
            .contains("Home Themes Search"));
    }

    /// How many bytes a file costs on the wire: Pagefind's own files are
    /// already gzip; the JS and CSS are counted as a web server that gzips
    /// text (Netlify, nginx with gzip on) sends them.
    fn wire_bytes(file: &OutputFile) -> usize {
        if file.path.ends_with(".js") || file.path.ends_with(".css") || file.path.ends_with(".json")
        {
            use std::io::Write;
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            gz.write_all(&file.bytes).expect("gzip in memory");
            gz.finish().expect("gzip in memory").len()
        } else {
            file.bytes.len()
        }
    }

    /// What a reader's browser fetches before the first results show.
    /// With the JS API: the loader, the web worker it starts (Pagefind 1.6
    /// searches off the main thread), the entry, the English wasm, the
    /// metadata, one index chunk (a one-word query needs one; the largest
    /// is counted) and the fragments of the five results on the first page
    /// (the five largest are counted). The default UI adds its script and
    /// styles and the filter files, whose counts it shows at once.
    #[test]
    fn first_query_download_is_small() {
        let (_site, files) = good_site_bundle("/");
        let file = |path: &str| {
            files
                .iter()
                .find(|f| f.path == path)
                .unwrap_or_else(|| panic!("{path} missing"))
        };
        let largest = |ending: &str, n: usize| -> Vec<&OutputFile> {
            let mut found: Vec<&OutputFile> =
                files.iter().filter(|f| f.path.ends_with(ending)).collect();
            found.sort_by_key(|f| std::cmp::Reverse(f.bytes.len()));
            found.truncate(n);
            found
        };
        let mut api: Vec<&OutputFile> = [
            "pagefind/pagefind.js",
            "pagefind/pagefind-worker.js",
            "pagefind/pagefind-entry.json",
            "pagefind/wasm.en.pagefind",
        ]
        .into_iter()
        .map(file)
        .collect();
        api.extend(largest(".pf_meta", 1));
        api.extend(largest(".pf_index", 1));
        api.extend(largest(".pf_fragment", 5));
        let mut with_ui = api.clone();
        with_ui.extend(
            ["pagefind/pagefind-ui.js", "pagefind/pagefind-ui.css"]
                .into_iter()
                .map(file),
        );
        with_ui.extend(files.iter().filter(|f| f.path.ends_with(".pf_filter")));

        let raw = |set: &[&OutputFile]| -> usize { set.iter().map(|f| f.bytes.len()).sum() };
        let wire = |set: &[&OutputFile]| -> usize { set.iter().map(|f| wire_bytes(f)).sum() };
        let bundle: usize = files.iter().map(|f| f.bytes.len()).sum();
        let chunks = files
            .iter()
            .filter(|f| f.path.ends_with(".pf_index"))
            .count();
        for f in &with_ui {
            eprintln!("{:>8} {:>8} {}", f.bytes.len(), wire_bytes(f), f.path);
        }
        eprintln!(
            "pagefind first query on good-site: JS API {} B ({} B gzipped on the wire); \
             default UI {} B ({} B on the wire); whole bundle {bundle} B in {} files, \
             {chunks} index chunk(s)",
            raw(&api),
            wire(&api),
            raw(&with_ui),
            wire(&with_ui),
            files.len()
        );
        // The wasm (about 60 KB) dominates and is fixed; what the site adds
        // must stay small enough for a phone on a poor connection.
        assert!(
            wire(&api) < 150_000,
            "first query needs {} bytes",
            wire(&api)
        );
        assert!(
            wire(&with_ui) < 200_000,
            "first query with the UI needs {} bytes",
            wire(&with_ui)
        );
    }

    #[test]
    fn page_urls_drop_index_html_and_keep_the_base_path() {
        assert_eq!(
            page_url("/", "learning/sa-2024-01/index.html"),
            "/learning/sa-2024-01/"
        );
        assert_eq!(page_url("/sub/", "index.html"), "/sub/");
        assert_eq!(page_url("/sub/", "about.html"), "/sub/about.html");
        assert_eq!(
            bundle_path(Path::new("fragment/en_1.pf_fragment")),
            "pagefind/fragment/en_1.pf_fragment"
        );
    }
}
