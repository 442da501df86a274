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
use crate::files::OutputFile;

pub use crate::site::search_layout::{
    extra_shard_dirs, shard_count, shard_dir, shard_items, BUNDLE_DIR, DEFAULT_SHARD_ITEMS,
};

/// [`shard_items`], or what is wrong with `CLEARHOUSE_PAGEFIND_SHARD_ITEMS`.
pub fn checked_shard_items() -> Result<usize, SearchError> {
    crate::site::search_layout::checked_shard_items().map_err(|message| SearchError::Pagefind {
        step: "reading CLEARHOUSE_PAGEFIND_SHARD_ITEMS".into(),
        message,
    })
}

/// Builds the Pagefind bundle in one go, as one index.
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
    let mut bundle = Bundle::new(base_path, 0)?;
    for (path, html) in pages {
        bundle.add_page(path, html.to_string())?;
    }
    for record in records {
        bundle.add_record(record)?;
    }
    bundle.finish()
}

/// One Pagefind index being filled, page by page.
pub struct Bundle {
    runtime: tokio::runtime::Runtime,
    index: ::pagefind::api::PagefindIndex,
    base_path: String,
    shard: usize,
}

fn failed(step: String) -> impl FnOnce(anyhow::Error) -> SearchError {
    move |e: anyhow::Error| SearchError::Pagefind {
        step,
        message: format!("{e:#}"),
    }
}

impl Bundle {
    /// An empty index for shard `shard` (0 for the one `/search/` loads).
    ///
    /// Runs its own single-threaded tokio runtime, so it must not be used
    /// from inside another tokio runtime.
    pub fn new(base_path: &str, shard: usize) -> Result<Bundle, SearchError> {
        // Pagefind's API is async only because its CLI is; one thread is
        // enough, and its blocking work runs on tokio's blocking pool.
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .map_err(|e| SearchError::Pagefind {
                step: "starting the tokio runtime".into(),
                message: e.to_string(),
            })?;
        // Pages declare lang="en-GB" or similar; without forcing one language
        // Pagefind would split the site into per-language indexes and records
        // (which say "en") would not be found beside the pages.
        let options = ::pagefind::options::PagefindServiceConfig::builder()
            .force_language("en".to_string())
            .build();
        let index = ::pagefind::api::PagefindIndex::new(Some(options))
            .map_err(failed("configuring pagefind".into()))?;
        Ok(Bundle {
            runtime,
            index,
            base_path: base_path.to_string(),
            shard,
        })
    }

    /// Indexes one rendered page; `path` is its output path.
    pub fn add_page(&mut self, path: &str, html: String) -> Result<(), SearchError> {
        let url = page_url(&self.base_path, path);
        self.runtime
            .block_on(
                self.index
                    .add_html_file(Some(path.to_string()), Some(url), html),
            )
            .map_err(failed(format!("indexing the page {path}")))?;
        Ok(())
    }

    /// Indexes one record that has no page of its own (a strategy).
    pub fn add_record(&mut self, record: &SearchRecord) -> Result<(), SearchError> {
        self.runtime
            .block_on(self.index.add_custom_record(
                join_url(&self.base_path, &record.path),
                format!("{}\n{}", record.title, record.content),
                "en".to_string(),
                Some(record.meta()),
                Some(record.filters()),
                None,
            ))
            .map_err(failed(format!("indexing the record {}", record.path)))?;
        Ok(())
    }

    /// Builds the index and returns its files under [`shard_dir`]. A shard
    /// other than the first keeps only what `mergeIndex` fetches (the
    /// entry, metadata, index, filter and fragment files): it runs on the
    /// first bundle's loader, worker and wasm.
    pub fn finish(mut self) -> Result<Vec<OutputFile>, SearchError> {
        let files = self
            .runtime
            .block_on(self.index.get_files())
            .map_err(failed("building the index files".into()))?;
        let dir = shard_dir(self.shard);
        let primary = self.shard == 0;
        Ok(files
            .into_iter()
            .map(|file| OutputFile::new(bundle_path(&dir, &file.filename), file.contents))
            .filter(|file| primary || merged_shard_needs(&file.path[dir.len() + 1..]))
            .collect())
    }
}

/// Whether a merged shard needs a bundle file (path within the shard).
fn merged_shard_needs(path: &str) -> bool {
    path == "pagefind-entry.json"
        || path.ends_with(".pf_meta")
        || path.starts_with("index/")
        || path.starts_with("filter/")
        || path.starts_with("fragment/")
}

/// Feeds Pagefind the searchable pages of a site as they are rendered and
/// splits them into shards of at most `shard_items` items, filled one after
/// another; a full shard's files are built on a thread of their own while
/// the next fills, so memory holds at most two shards' indexes.
///
/// Items are assigned to shards in the order their pages arrive, evenly
/// (2 shards for 5,001 items with 5,000 per shard: 2,501 and 2,500), and
/// each strategy goes into the shard of its item, right after the item's
/// page. Pages other than item pages go into whichever shard is open.
pub struct ShardedIndexer {
    base_path: String,
    items: usize,
    shards: usize,
    items_seen: usize,
    /// Strategy records by the output path of their item's page; taken
    /// when the page arrives.
    records: std::collections::HashMap<String, Vec<SearchRecord>>,
    /// In item order, for records whose page never came (a theme that
    /// marks no page `data-pagefind-body` still gets its strategies found).
    order: Vec<String>,
    open: Bundle,
    /// The last full index, its files being built on their own thread.
    building: Option<std::thread::JoinHandle<BuiltShard>>,
    done: ShardedBundle,
}

type BuiltShard = Result<(Vec<OutputFile>, std::time::Duration), SearchError>;

/// Every shard's files, and where Pagefind's time went.
#[derive(Debug, Default)]
pub struct ShardedBundle {
    pub files: Vec<OutputFile>,
    pub shards: usize,
    /// In `add_html_file` and `add_custom_record` (parsing pages and
    /// collecting their words).
    pub adding: std::time::Duration,
    /// In `get_files` (building the index and writing its files in memory),
    /// added up over the shards; all but the last overlap `adding`.
    pub building: std::time::Duration,
}

impl ShardedIndexer {
    /// Ready to index `site`'s pages with at most `shard_items` items per
    /// shard (normally [`shard_items`]).
    pub fn new(site: &crate::site::Site, shard_items: usize) -> Result<Self, SearchError> {
        let mut records = std::collections::HashMap::new();
        let mut order = Vec::new();
        for item in &site.items {
            let page = format!("{}index.html", site.item_path(item));
            order.push(page.clone());
            records.insert(page, super::strategy_records(site, item));
        }
        let base_path = site.config.base_path();
        Ok(ShardedIndexer {
            open: Bundle::new(&base_path, 0)?,
            base_path,
            items: site.items.len(),
            shards: shard_count(site.items.len(), shard_items),
            items_seen: 0,
            records,
            order,
            building: None,
            done: ShardedBundle::default(),
        })
    }

    /// Indexes one rendered page. Pages without `data-pagefind-body` are
    /// not searchable (Pagefind would parse and then skip them), but an
    /// item page still brings its strategies.
    pub fn add_page(&mut self, path: &str, html: String) -> Result<(), SearchError> {
        let searchable = html.contains("data-pagefind-body");
        let item_records = self.records.remove(path);
        if item_records.is_some() {
            let shard = self.items_seen * self.shards / self.items.max(1);
            self.items_seen += 1;
            if shard > self.open.shard {
                self.next_shard(shard)?;
            }
        }
        let start = std::time::Instant::now();
        if searchable {
            self.open.add_page(path, html)?;
        }
        for record in item_records.iter().flatten() {
            self.open.add_record(record)?;
        }
        self.done.adding += start.elapsed();
        Ok(())
    }

    /// Starts the next index and builds the full one's files on a thread
    /// of its own, so that indexing goes on meanwhile; the one before must
    /// be done first, so memory holds at most two indexes.
    fn next_shard(&mut self, shard: usize) -> Result<(), SearchError> {
        self.collect_built()?;
        let next = Bundle::new(&self.base_path, shard)?;
        let full = std::mem::replace(&mut self.open, next);
        let started = std::thread::Builder::new()
            .name("pagefind-files".into())
            .spawn(move || {
                let start = std::time::Instant::now();
                let files = full.finish()?;
                Ok((files, start.elapsed()))
            })
            .map_err(|e| SearchError::Pagefind {
                step: "starting a thread to build a bundle's files".into(),
                message: e.to_string(),
            })?;
        self.building = Some(started);
        Ok(())
    }

    /// Waits for the index whose files are being built, and keeps them.
    fn collect_built(&mut self) -> Result<(), SearchError> {
        if let Some(building) = self.building.take() {
            let (files, took) = building
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
            self.done.files.extend(files);
            self.done.shards += 1;
            self.done.building += took;
        }
        Ok(())
    }

    /// Adds the records whose item page never came and returns every
    /// shard's files.
    pub fn finish(mut self) -> Result<ShardedBundle, SearchError> {
        let start = std::time::Instant::now();
        for page in std::mem::take(&mut self.order) {
            if let Some(records) = self.records.remove(&page) {
                for record in &records {
                    self.open.add_record(record)?;
                }
            }
        }
        self.done.adding += start.elapsed();
        self.collect_built()?;
        let ShardedIndexer { open, mut done, .. } = self;
        let start = std::time::Instant::now();
        done.files.extend(open.finish()?);
        done.shards += 1;
        done.building += start.elapsed();
        Ok(done)
    }
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

fn bundle_path(dir: &str, filename: &Path) -> String {
    let relative: Vec<String> = filename
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    format!("{dir}/{}", relative.join("/"))
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
    fn shards_hold_at_most_the_shard_size_and_one_bundle_below_it() {
        assert_eq!(shard_count(0, 5_000), 1);
        assert_eq!(shard_count(2_000, 5_000), 1);
        assert_eq!(shard_count(5_000, 5_000), 1);
        assert_eq!(shard_count(5_001, 5_000), 2);
        assert_eq!(shard_count(20_000, 5_000), 4);
        assert_eq!(shard_dir(0), "pagefind");
        assert_eq!(shard_dir(2), "pagefind/shard-3");
    }

    /// The URL of every page and record in one shard's fragments.
    fn fragment_urls(files: &[OutputFile], shard: usize) -> Vec<String> {
        let prefix = format!("{}/fragment/", shard_dir(shard));
        files
            .iter()
            .filter(|f| f.path.starts_with(&prefix))
            .map(|f| {
                let fragment: serde_json::Value =
                    serde_json::from_slice(&decompress(&f.bytes)).expect("fragment JSON");
                fragment["url"].as_str().expect("a url").to_string()
            })
            .collect()
    }

    #[test]
    fn a_small_shard_size_splits_the_index_and_keeps_strategies_with_their_item() {
        let dir = fixture::copy_good_site();
        let site = fixture::load_site(dir.path());
        assert_eq!(site.items.len(), 8);
        let mut indexer = ShardedIndexer::new(&site, 3).expect("pagefind starts");
        for item in &site.items {
            let (path, html) = page(&site, item);
            indexer.add_page(&path, html).expect("page indexed");
        }
        let bundle = indexer.finish().expect("pagefind builds");
        assert_eq!(bundle.shards, 3);

        // Each shard is a bundle of its own that `mergeIndex` can load; the
        // loader, worker and wasm come from the first only.
        let mut documents = 0;
        for shard in 0..3 {
            let dir = shard_dir(shard);
            let entry = bundle
                .files
                .iter()
                .find(|f| f.path == format!("{dir}/pagefind-entry.json"))
                .unwrap_or_else(|| panic!("{dir} has no pagefind-entry.json"));
            let entry: serde_json::Value = serde_json::from_slice(&entry.bytes).unwrap();
            documents += entry["languages"]["en"]["page_count"].as_u64().unwrap();
            let has = |name: &str| {
                bundle
                    .files
                    .iter()
                    .any(|f| f.path == format!("{dir}/{name}"))
            };
            assert_eq!(has("pagefind.js"), shard == 0, "{dir}");
            assert_eq!(has("wasm.en.pagefind"), shard == 0, "{dir}");
        }
        let strategies: usize = site.items.iter().map(|i| i.meta.strategies.len()).sum();
        assert_eq!(documents as usize, site.items.len() + strategies);

        // Items split 3, 3, 2, in order, each with its strategies.
        let shards: Vec<Vec<String>> = (0..3).map(|k| fragment_urls(&bundle.files, k)).collect();
        for (n, item) in site.items.iter().enumerate() {
            let url = format!("/{}", site.item_path(item));
            let found: Vec<usize> = (0..3).filter(|&k| shards[k].contains(&url)).collect();
            assert_eq!(found, [n * 3 / 8], "item {n} at {url}");
            for strategy in 1..=item.meta.strategies.len() {
                let anchor = format!("{url}#strategy-{strategy}");
                assert!(
                    shards[found[0]].contains(&anchor),
                    "{anchor} is not in the shard of its item"
                );
            }
        }
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
            bundle_path(BUNDLE_DIR, Path::new("fragment/en_1.pf_fragment")),
            "pagefind/fragment/en_1.pf_fragment"
        );
    }
}
