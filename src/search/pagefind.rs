//! The browser search bundle: one Pagefind page per item, built from its
//! [`SearchDoc`] (see `document`), Pagefind's files out, all in memory.
//!
//! Each item is one record; its strategies are sub-results (headings with
//! the ids the item page gives them). Other pages are indexed only when a
//! theme marks them `data-pagefind-body`. The primary bundle also carries
//! `clearhouse-suggest.json` (`suggest::SuggestionData`), which
//! `search.js` loads only when a search finds nothing. What a reader
//! downloads is measured by `bench/search-payload.mjs` (docs/search.md).

use std::path::Path;

use super::document::SearchDoc;
use super::suggest::SuggestionData;
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

/// Builds the Pagefind bundle in one go, as one index: every item of
/// `site` (from its [`SearchDoc`]) and the `pages` (`(output path, html)`
/// pairs) that a theme marked `data-pagefind-body`.
///
/// Returns every file of the bundle under `pagefind/`: `pagefind.js`, the
/// wasm, the UI scripts and styles, the entry, meta, index, filter and
/// fragment files (the last four gzipped, behind Pagefind's own header),
/// and `clearhouse-suggest.json`.
///
/// Runs its own single-threaded tokio runtime, so it must not be called
/// from inside another tokio runtime.
pub fn browser_index(
    site: &crate::site::Site,
    pages: &[(&str, &str)],
) -> Result<Vec<OutputFile>, SearchError> {
    let mut indexer = ShardedIndexer::new(site, usize::MAX)?;
    for (path, html) in pages {
        indexer.add_page(path, html.to_string())?;
    }
    Ok(indexer.finish()?.files)
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

    /// Indexes an item's search document at its page's URL (`path` is the
    /// page's output path), from [`SearchDoc::parsed`]: what Pagefind
    /// would read from [`SearchDoc::html`], without the parse.
    pub fn add_doc(&mut self, path: &str, doc: &SearchDoc) -> Result<(), SearchError> {
        // On this thread, not through the runtime (see the vendored
        // Pagefind's patch 11).
        let url = page_url(&self.base_path, path);
        self.index
            .add_parsed_page_blocking(url, doc.parsed())
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
    /// Each item's search document by the output path of its page; taken
    /// when the page arrives.
    docs: std::collections::HashMap<String, SearchDoc>,
    /// In item order, for items whose page never came (indexed at the end,
    /// so that search never depends on what a theme renders).
    order: Vec<String>,
    /// `clearhouse-suggest.json`, for the primary bundle.
    suggestions: OutputFile,
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
        let built: Vec<SearchDoc> = {
            use rayon::prelude::*;
            site.items
                .par_iter()
                .map(|item| SearchDoc::new(site, item))
                .collect()
        };
        let suggestions = OutputFile::new(
            format!("{BUNDLE_DIR}/clearhouse-suggest.json"),
            serde_json::to_vec(&SuggestionData::new(&built)).unwrap_or_default(),
        );
        let mut docs = std::collections::HashMap::new();
        let mut order = Vec::new();
        for doc in built {
            let page = format!("{}index.html", doc.path);
            order.push(page.clone());
            docs.insert(page, doc);
        }
        let base_path = site.config.base_path();
        Ok(ShardedIndexer {
            open: Bundle::new(&base_path, 0)?,
            base_path,
            items: site.items.len(),
            shards: shard_count(site.items.len(), shard_items),
            items_seen: 0,
            docs,
            order,
            suggestions,
            building: None,
            done: ShardedBundle::default(),
        })
    }

    /// Takes one rendered page. An item page brings its item's search
    /// document, which is indexed in its place (the rendered page itself
    /// is not: see `document`); another page is indexed only when a theme
    /// marked it `data-pagefind-body` (Pagefind would parse and then skip
    /// it otherwise).
    pub fn add_page(&mut self, path: &str, html: String) -> Result<(), SearchError> {
        let start = std::time::Instant::now();
        if let Some(doc) = self.docs.remove(path) {
            let shard = self.items_seen * self.shards / self.items.max(1);
            self.items_seen += 1;
            if shard > self.open.shard {
                self.next_shard(shard)?;
            }
            self.open.add_doc(path, &doc)?;
        } else if html.contains("data-pagefind-body") {
            self.open.add_page(path, html)?;
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

    /// Indexes the items whose page never came and returns every shard's
    /// files.
    pub fn finish(mut self) -> Result<ShardedBundle, SearchError> {
        for page in std::mem::take(&mut self.order) {
            if self.docs.contains_key(&page) {
                self.add_page(&page, String::new())?;
            }
        }
        self.collect_built()?;
        let ShardedIndexer {
            open,
            mut done,
            suggestions,
            ..
        } = self;
        done.files.push(suggestions);
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
    use crate::site::Site;

    fn good_site_bundle(base_path: &str) -> (tempfile::TempDir, Site, Vec<OutputFile>) {
        let dir = fixture::copy_good_site();
        let mut site = fixture::load_site(dir.path());
        site.config.base_url = format!("https://example.org{base_path}");
        let files = browser_index(&site, &[]).expect("pagefind builds");
        (dir, site, files)
    }

    /// Pagefind's index, filter, meta and fragment files are gzip with a
    /// `pagefind_dcd` marker in front of the payload.
    pub(crate) fn decompress(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .expect("pagefind files are gzip");
        out.strip_prefix(b"pagefind_dcd".as_slice())
            .expect("pagefind's marker")
            .to_vec()
    }

    fn fragments(files: &[OutputFile], dir: &str) -> Vec<serde_json::Value> {
        files
            .iter()
            .filter(|f| f.path.starts_with(&format!("{dir}/fragment/")))
            .map(|f| serde_json::from_slice(&decompress(&f.bytes)).expect("fragment JSON"))
            .collect()
    }

    #[test]
    fn one_record_per_item_with_strategies_as_sub_results_and_no_metadata_in_the_text() {
        let (_dir, site, files) = good_site_bundle("/learning-site/");
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        for wanted in [
            "pagefind/pagefind.js",
            "pagefind/pagefind-entry.json",
            "pagefind/wasm.en.pagefind",
            "pagefind/clearhouse-suggest.json",
        ] {
            assert!(paths.contains(&wanted), "{wanted} missing from {paths:?}");
        }
        let entry = files
            .iter()
            .find(|f| f.path == "pagefind/pagefind-entry.json")
            .expect("entry file");
        let entry: serde_json::Value = serde_json::from_slice(&entry.bytes).expect("entry is JSON");
        assert_eq!(
            entry["languages"]["en"]["page_count"],
            serde_json::json!(site.items.len()),
            "{entry}"
        );
        let fragments = fragments(&files, "pagefind");
        let item = &site.items[0];
        let url = format!("/learning-site/{}", site.item_path(item));
        let page = fragments
            .iter()
            .find(|f| f["url"] == serde_json::json!(url))
            .unwrap_or_else(|| panic!("no fragment for {url}"));
        let doc = SearchDoc::new(&site, item);
        // The text Pagefind holds is the text tantivy holds, word for word.
        assert_eq!(page["content"].as_str().unwrap_or(""), doc.content());
        assert_eq!(page["meta"]["title"], serde_json::json!(item.meta.title));
        assert_eq!(
            page["meta"]["review_id"],
            serde_json::json!(item.meta.review_id)
        );
        let anchors: Vec<&str> = page["anchors"]
            .as_array()
            .expect("anchors")
            .iter()
            .filter_map(|a| a["id"].as_str())
            .collect();
        let wanted: Vec<String> = (0..item.meta.strategies.len())
            .map(crate::content::strategy_anchor)
            .collect();
        assert_eq!(anchors, wanted);
        assert_eq!(
            page["filters"]["kind"],
            serde_json::json!([item.meta.kind.label()])
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

    #[test]
    fn a_small_shard_size_splits_the_index_in_item_order() {
        let dir = fixture::copy_good_site();
        let site = fixture::load_site(dir.path());
        assert_eq!(site.items.len(), 8);
        let mut indexer = ShardedIndexer::new(&site, 3).expect("pagefind starts");
        for item in &site.items {
            let path = format!("{}index.html", site.item_path(item));
            indexer
                .add_page(&path, String::new())
                .expect("page indexed");
        }
        let bundle = indexer.finish().expect("pagefind builds");
        assert_eq!(bundle.shards, 3);
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
        assert_eq!(documents as usize, site.items.len());
        for (n, item) in site.items.iter().enumerate() {
            let url = format!("/{}", site.item_path(item));
            let found: Vec<usize> = (0..3)
                .filter(|&k| {
                    fragments(&bundle.files, &shard_dir(k))
                        .iter()
                        .any(|f| f["url"] == serde_json::json!(url))
                })
                .collect();
            assert_eq!(found, [n * 3 / 8], "item {n} at {url}");
        }
    }

    /// `SearchDoc::parsed` must be what Pagefind's parser reads from
    /// `SearchDoc::html`: the same words in the same order (Pagefind reads
    /// nothing else of the digest) and the same metadata, filters, sort
    /// and anchors.
    fn assert_parsed_as_pagefind_reads(doc: &SearchDoc) {
        let read = ::pagefind::api::parse_html(&doc.html(), "en").expect("pagefind parses");
        let made = doc.parsed();
        let words = |digest: &str| -> Vec<String> {
            digest.split_whitespace().map(str::to_string).collect()
        };
        assert_eq!(words(&made.digest), words(&read.digest), "{}", doc.path);
        assert_eq!(made.meta, read.meta, "{}", doc.path);
        assert_eq!(made.filters, read.filters, "{}", doc.path);
        assert_eq!(made.sort, read.sort, "{}", doc.path);
        assert_eq!(made.anchor_titles, read.anchor_titles, "{}", doc.path);
        let normalized = |anchors: &std::collections::BTreeMap<String, String>| {
            anchors
                .iter()
                .map(|(id, text)| (id.clone(), ::pagefind::api::normalize_content(text)))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            normalized(&made.anchor_content),
            normalized(&read.anchor_content),
            "{}",
            doc.path
        );
        assert_eq!(
            (
                made.has_custom_body,
                made.force_inclusion,
                made.has_html_element,
                made.has_old_bundle_reference,
                made.has_default_ui_reference,
                made.language.as_str(),
            ),
            (
                read.has_custom_body,
                read.force_inclusion,
                read.has_html_element,
                read.has_old_bundle_reference,
                read.has_default_ui_reference,
                read.language.as_str(),
            ),
            "{}",
            doc.path
        );
    }

    #[test]
    fn a_parsed_document_is_what_pagefind_reads_from_its_page() {
        let dir = fixture::copy_good_site();
        let site = fixture::load_site(dir.path());
        for item in &site.items {
            assert_parsed_as_pagefind_reads(&SearchDoc::new(&site, item));
        }
        // Text whose last character is escaped on the page, control
        // characters the escaper drops, entities written as text, spaces
        // at the ends, other scripts, empty blocks and no theme words.
        let mut doc = SearchDoc::new(&site, &site.items[0]);
        let awkward = [
            "She said \"no\"",
            "Fish & chips &",
            "a < b",
            "x > y",
            "bell\u{7}",
            "in\u{1}side \u{7}",
            "&amp; &lt;p&gt; written out;",
            "trailing space ",
            " leading and\ttab\r\nlines",
            "non\u{a0}breaking\u{a0}",
            "Gàidhlig agus Cymraeg’",
            "(aside)",
            "$",
            "*",
            "emoji 🙂",
            "",
            "   ",
            "___PAGEFIND_WEIGHT___3 pretend",
        ];
        doc.blocks.extend(awkward.iter().map(|t| t.to_string()));
        doc.title = "Title with \"quotes\" & more\u{7}".to_string();
        doc.blocks[0] = doc.title.clone();
        doc.review_id = "ID & <id>".to_string();
        doc.theme_words = String::new();
        if let Some(strategy) = doc.strategies.first_mut() {
            strategy.blocks[0] = "Strategy \"quoted\" & <b>".to_string();
            strategy.title = strategy.blocks[0].clone();
            strategy
                .blocks
                .extend(awkward.iter().map(|t| t.to_string()));
            strategy.responsible.push("A & B \"Ltd\"".to_string());
        }
        assert_parsed_as_pagefind_reads(&doc);
        let mut bare = SearchDoc::new(&site, &site.items[1]);
        bare.strategies.clear();
        bare.blocks = vec![String::new()];
        assert_parsed_as_pagefind_reads(&bare);
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
