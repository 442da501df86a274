//! The tantivy index behind `clearhouse search` and `serve`'s
//! `/api/search`: one document per item (see `document`), words indexed as
//! Pagefind indexes them (`analyze`), ranked as `search.js` ranks
//! Pagefind's results (`rank`), with filters, counts, snippets and the
//! item's matching strategies as sub-results.
//!
//! The index is a cache, never published: the caller chooses its folder
//! (`.clearhouse/index` under the site root). A fingerprint of the content
//! and config is kept beside it, so that a build with nothing changed opens
//! the existing index instead of rebuilding it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tantivy::postings::Postings;
use tantivy::schema::{
    Facet, FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value,
    FAST, STORED, STRING,
};
use tantivy::{
    doc, DocSet, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, SegmentReader,
    TantivyDocument, TantivyError, Term, TERMINATED,
};

use super::document::{SearchDoc, StrategyDoc};
use super::rank::{idf, Rank, WordMatch, EXTENDED};
use super::suggest::{self, Suggestions};
use super::{DocType, SearchError};
use crate::analyze::{self, query_words, stem, PagefindWords, QueryWords, TOKENIZER};
use crate::content::vocab::theme_label;
use crate::content::{Clear, Item, ItemKind, Vocabulary};
use crate::site::Site;
use crate::text::slugify;

/// Bumped whenever the schema or what goes into a document changes, so
/// that the fingerprint no longer matches and old indexes are rebuilt.
const SCHEMA_VERSION: u32 = 2;
/// Written beside tantivy's files; its presence also marks the folder as
/// ours, which is what allows `build` to replace it.
const FINGERPRINT_FILE: &str = "clearhouse-fingerprint";
/// The site's words and how many items use each, for spelling suggestions.
const WORDS_FILE: &str = "clearhouse-words.json";
/// Enough for a national site's few thousand documents in one segment;
/// tantivy's minimum per thread is 15 MB.
const WRITER_MEMORY: usize = 32_000_000;
const DEFAULT_LIMIT: usize = 20;
pub use crate::site::search_layout::SNIPPET_WORDS;

/// What to look for. Empty `text` lists everything that passes the filters.
/// Filters take the machine values or what readers see: theme slug or
/// label, CLEAR slug, letter or label, `report`/`summary`; `area` matches
/// the name or its slug; `responsible` an organisation as written. A value
/// the site does not know is an error that suggests the nearest one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Query {
    pub text: String,
    pub theme: Option<String>,
    /// Items with a strategy complete in this CLEAR component; only those
    /// strategies are listed under each hit.
    pub clear: Option<String>,
    pub area: Option<String>,
    pub year: Option<i32>,
    pub kind: Option<ItemKind>,
    pub agency: Option<String>,
    /// Items with a strategy this organisation is responsible for.
    pub responsible: Option<String>,
    /// `Strategy`: only items whose strategies match (the hit lists them).
    pub doc_type: Option<DocType>,
    /// At most this many hits; 0 asks for the total and facets only.
    pub limit: usize,
    /// Count results by theme, area, year, kind, CLEAR component, agency
    /// and responsible organisation.
    pub facets: bool,
}

impl Default for Query {
    fn default() -> Query {
        Query {
            text: String::new(),
            theme: None,
            clear: None,
            area: None,
            year: None,
            kind: None,
            agency: None,
            responsible: None,
            doc_type: None,
            limit: DEFAULT_LIMIT,
            facets: false,
        }
    }
}

impl Query {
    pub fn text(text: impl Into<String>) -> Query {
        Query {
            text: text.into(),
            ..Query::default()
        }
    }

    /// A query from a URL's query string, as `/api/search` receives it
    /// (`q`, `theme`, `clear`, `area`, `year`, `kind`, `agency`,
    /// `responsible`, `limit`, `facets`).
    pub fn from_query_string(query: &str) -> Result<Query, SearchError> {
        let mut q = Query::default();
        for (key, value) in query.split('&').filter_map(|kv| kv.split_once('=')) {
            let value = percent_decode(&value.replace('+', " "));
            let invalid = |what: &str| SearchError::InvalidQuery {
                message: format!("{key}={value:?} is not {what}"),
            };
            match key {
                "q" => q.text = value,
                "theme" => q.theme = Some(value),
                "clear" => q.clear = Some(value),
                "area" => q.area = Some(value),
                "agency" => q.agency = Some(value),
                "responsible" => q.responsible = Some(value),
                "year" => q.year = Some(value.parse().map_err(|_| invalid("a year"))?),
                "kind" => {
                    q.kind = Some(match value.as_str() {
                        "report" => ItemKind::Report,
                        "summary" => ItemKind::Summary,
                        _ => return Err(invalid("report or summary")),
                    })
                }
                "limit" => q.limit = value.parse().map_err(|_| invalid("a number"))?,
                "facets" => q.facets = value == "1" || value == "true",
                _ => {}
            }
        }
        Ok(q)
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            if let Some(byte) = text
                .get(i + 1..i + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
            {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Ranked hits, best first, with the number of all matches.
#[derive(Debug, Clone, Serialize)]
pub struct Results {
    /// Every item that matched, not only those returned.
    pub total: usize,
    pub hits: Vec<Hit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<FacetCounts>,
    /// Query words no item has (they neither made nor kept out a result).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unmatched: Vec<String>,
    /// Query words no item has that were searched as the nearest word the
    /// site uses: `(typed, searched)`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub corrected: Vec<(String, String)>,
    /// When nothing matched: the nearest themes and a respelling.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestions: Option<Suggestions>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub title: String,
    /// Link as the site renders it: base path and item folder.
    pub url: String,
    /// Always `item`: strategies are listed under their item (`strategies`).
    pub doc_type: DocType,
    /// `report` or `summary`.
    pub kind: String,
    pub review_id: String,
    /// The same as `title` (kept for callers of the earlier format).
    pub item_title: String,
    pub area: String,
    pub year: i32,
    /// Theme slugs.
    pub themes: Vec<String>,
    /// CLEAR component slugs that any of its strategies has in full.
    pub clear: Vec<String>,
    /// Organisations responsible for its strategies.
    pub responsible: Vec<String>,
    /// About 30 words of the text around the best match.
    pub snippet: String,
    /// The same snippet, HTML-escaped, matched words in `<mark>`.
    pub snippet_html: String,
    /// Byte ranges of the matched words in `snippet`.
    pub highlights: Vec<(usize, usize)>,
    pub score: f32,
    /// How many of the query's words it has.
    pub words: usize,
    /// Whether it has the whole query as a phrase.
    pub phrase: bool,
    /// Its strategies that match the query (and the CLEAR and
    /// responsible filters), best first.
    pub strategies: Vec<StrategyHit>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StrategyHit {
    pub title: String,
    /// The item's URL with `#strategy-N`.
    pub url: String,
    /// CLEAR component slugs it has in full.
    pub clear: Vec<String>,
    pub responsible: Vec<String>,
    pub snippet: String,
    pub snippet_html: String,
    pub highlights: Vec<(usize, usize)>,
}

/// Matching items per value of each dimension, most first. Every count is
/// a number of reports and summaries.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FacetCounts {
    pub theme: Vec<FacetCount>,
    pub area: Vec<FacetCount>,
    pub year: Vec<FacetCount>,
    pub kind: Vec<FacetCount>,
    pub clear: Vec<FacetCount>,
    pub agency: Vec<FacetCount>,
    pub responsible: Vec<FacetCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    /// What a filter takes.
    pub value: String,
    /// What a reader sees.
    pub label: String,
    pub count: u64,
}

const DIMENSIONS: [&str; 7] = [
    "theme",
    "area",
    "year",
    "kind",
    "clear",
    "agency",
    "responsible",
];

#[derive(Debug, Clone, Copy)]
struct Fields {
    item_key: Field,
    path: Field,
    url: Field,
    title: Field,
    content: Field,
    themes: Field,
    review_id: Field,
    kind: Field,
    area: Field,
    year: Field,
    theme_slugs: Field,
    agencies: Field,
    strategies: Field,
    facets: Field,
}

impl Fields {
    fn schema() -> Schema {
        let words = |stored: bool| {
            let options = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(TOKENIZER)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            );
            if stored {
                options.set_stored()
            } else {
                options
            }
        };
        let mut builder = Schema::builder();
        builder.add_text_field("item_key", STRING);
        builder.add_text_field("path", STRING | STORED | FAST);
        builder.add_text_field("url", STORED);
        builder.add_text_field("title", words(true));
        builder.add_text_field("content", words(true));
        builder.add_text_field("themes", words(false));
        builder.add_text_field("review_id", words(true));
        builder.add_text_field("kind", STORED);
        builder.add_text_field("area", STORED);
        builder.add_i64_field("year", STORED | FAST);
        builder.add_text_field("theme_slugs", STORED);
        builder.add_text_field("agencies", STORED);
        builder.add_text_field("strategies", STORED);
        builder.add_facet_field("facets", FacetOptions::default());
        builder.build()
    }

    fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            item_key: f("item_key")?,
            path: f("path")?,
            url: f("url")?,
            title: f("title")?,
            content: f("content")?,
            themes: f("themes")?,
            review_id: f("review_id")?,
            kind: f("kind")?,
            area: f("area")?,
            year: f("year")?,
            theme_slugs: f("theme_slugs")?,
            agencies: f("agencies")?,
            strategies: f("strategies")?,
            facets: f("facets")?,
        })
    }

    fn document(&self, doc: &SearchDoc, base_path: &str) -> TantivyDocument {
        // Where each strategy starts, counted as the text is joined: each
        // part is read once for both.
        let mut starts = Vec::with_capacity(doc.strategies.len());
        let mut at = None;
        let content = doc.content_in_parts(|part| {
            let before = at.unwrap_or(0);
            if at.is_some() {
                starts.push(before);
            }
            at = Some(before + analyze::positions(part));
        });
        let strategies: Vec<StoredStrategy> = doc
            .strategies
            .iter()
            .zip(starts)
            .map(|(s, start)| StoredStrategy::from_doc(s.clone(), start))
            .collect();
        let mut document = doc!(
            self.item_key => item_key(&doc.area, &doc.review_id),
            self.path => doc.path.as_str(),
            self.url => format!("{base_path}{}", doc.path),
            self.title => doc.title.as_str(),
            self.content => content,
            self.themes => doc.theme_words.as_str(),
            self.review_id => doc.review_id.as_str(),
            self.kind => doc.kind.as_str(),
            self.area => doc.area.as_str(),
            self.year => i64::from(doc.year),
            self.strategies => serde_json::to_string(&strategies).unwrap_or_default(),
        );
        let mut facet = |dimension: &str, value: &str| {
            document.add_facet(self.facets, Facet::from_path([dimension, value]));
        };
        facet("area", &doc.area);
        facet("year", &doc.year.to_string());
        facet("kind", doc.kind.as_str());
        for theme in &doc.themes {
            facet("theme", theme);
        }
        for agency in &doc.agencies {
            facet("agency", agency);
        }
        for component in Clear::ALL {
            if doc.strategies.iter().any(|s| s.clear.contains(&component)) {
                facet("clear", component.slug());
            }
        }
        let organisations: BTreeSet<&String> =
            doc.strategies.iter().flat_map(|s| &s.responsible).collect();
        for organisation in organisations {
            facet("responsible", organisation);
        }
        for theme in &doc.themes {
            document.add_text(self.theme_slugs, theme);
        }
        for agency in &doc.agencies {
            document.add_text(self.agencies, agency);
        }
        document
    }
}

/// A strategy as stored with its item: where its words start in the
/// item's `content`, so that matches can be told apart by strategy.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredStrategy {
    #[serde(flatten)]
    strategy: StoredStrategyDoc,
    start: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredStrategyDoc {
    anchor: String,
    title: String,
    /// CLEAR letters.
    clear: String,
    responsible: Vec<String>,
}

impl From<StrategyDoc> for StoredStrategyDoc {
    fn from(s: StrategyDoc) -> StoredStrategyDoc {
        StoredStrategyDoc {
            anchor: s.anchor,
            title: s.title,
            clear: s.clear.iter().map(|c| c.letter()).collect(),
            responsible: s.responsible,
        }
    }
}

impl StoredStrategy {
    fn clear(&self) -> Vec<Clear> {
        Clear::ALL
            .into_iter()
            .filter(|c| self.strategy.clear.contains(c.letter()))
            .collect()
    }
}

impl StoredStrategy {
    fn from_doc(strategy: StrategyDoc, start: u32) -> StoredStrategy {
        StoredStrategy {
            strategy: strategy.into(),
            start,
        }
    }
}

fn item_key(area: &str, review_id: &str) -> String {
    format!("{}/{}", slugify(area), review_id.to_lowercase())
}

/// The tantivy index of a site's items.
pub struct SearchIndex {
    dir: PathBuf,
    index: Index,
    reader: IndexReader,
    /// Taken on the first incremental update and kept, since taking
    /// tantivy's writer lock for every saved file would be wasteful.
    writer: Option<IndexWriter>,
    fields: Fields,
    rebuilt: bool,
    /// The vocabulary filters are checked against (built-in themes plus
    /// the site's extras, as the index was built with).
    vocabulary: Vocabulary,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("dir", &self.dir)
            .field("rebuilt", &self.rebuilt)
            .finish_non_exhaustive()
    }
}

/// An index [`SearchIndex::stage`] made, not yet in its folder; dropped,
/// its folder is removed and the folder's last index stays.
pub struct StagedIndex {
    dir: PathBuf,
    /// The new index's sibling folder.
    new: Option<tempfile::TempDir>,
    /// The index already in place, built from the same content.
    current: Option<SearchIndex>,
}

impl StagedIndex {
    /// Puts the new index in place of the folder's last one, and opens it.
    pub fn commit(self) -> Result<SearchIndex, SearchError> {
        let StagedIndex { dir, new, current } = self;
        let Some(staging) = new else {
            return current.map_or_else(|| SearchIndex::open(&dir), Ok);
        };
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .map_err(|e| SearchError::io(&dir, "removing the outdated index", e))?;
        }
        let built = staging.keep();
        std::fs::rename(&built, &dir)
            .map_err(|e| SearchError::io(&dir, "moving the new index into place", e))?;
        let mut index = SearchIndex::open(&dir)?;
        index.rebuilt = true;
        Ok(index)
    }
}

fn register_tokenizer(index: &Index) {
    index.tokenizers().register(TOKENIZER, PagefindWords);
}

impl SearchIndex {
    /// Opens the index in `dir` if it was built from this exact content and
    /// config, and otherwise builds it afresh. A rebuild happens in a
    /// sibling folder that then replaces `dir`, so an interrupted build
    /// never leaves a half-written index behind. `dir` must be missing,
    /// empty or an index this function wrote: anything else is refused
    /// rather than deleted.
    pub fn build(site: &Site, dir: &Path) -> Result<SearchIndex, SearchError> {
        SearchIndex::stage(site, dir, &AtomicBool::new(false))?.commit()
    }

    /// [`SearchIndex::build`] up to its last step: the new index is left in
    /// its sibling folder until [`StagedIndex::commit`] puts it in place, so
    /// that a build can make it beside rendering (it needs the published
    /// items only, no rendered page) and still leave the last build's index
    /// as it was when the build then fails. Setting `cancel` stops the work
    /// between documents; the folder is then removed.
    pub fn stage(site: &Site, dir: &Path, cancel: &AtomicBool) -> Result<StagedIndex, SearchError> {
        let fingerprint = fingerprint(site);
        if read_fingerprint(dir).as_deref() == Some(fingerprint.as_str()) {
            // A damaged index is rebuilt rather than reported: it is a cache.
            if let Ok(index) = SearchIndex::open(dir) {
                return Ok(StagedIndex {
                    dir: dir.to_path_buf(),
                    new: None,
                    current: Some(index),
                });
            }
        }
        check_replaceable(dir)?;
        let parent = match dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)
            .map_err(|e| SearchError::io(&parent, "creating the index's parent folder", e))?;
        let staging = tempfile::Builder::new()
            .prefix(".index-build-")
            .tempdir_in(&parent)
            .map_err(|e| SearchError::io(&parent, "creating a folder to build the index in", e))?;

        let failed = |step: &str| {
            let dir = staging.path().to_path_buf();
            let step = step.to_string();
            move |source: TantivyError| SearchError::Index { dir, step, source }
        };
        let index = Index::create_in_dir(staging.path(), Fields::schema())
            .map_err(failed("creating the index"))?;
        register_tokenizer(&index);
        let fields = Fields::from_schema(&index.schema()).map_err(failed("reading the schema"))?;
        // Two indexing threads: at 20,000 items the index is the build's
        // last stage (37 s on one core while the other waited); the
        // segments they write are merged into one below.
        let mut writer: IndexWriter = index
            .writer_with_num_threads(2, 2 * WRITER_MEMORY)
            .map_err(failed("opening the index writer"))?;
        // No merges while adding: the one merge below makes the single
        // segment, and a background merge of the same segments would make
        // it fail.
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        let base_path = site.config.base_path();
        let mut words = suggest::WordCounts::default();
        // Documents are made in parallel, a chunk at a time so that only a
        // chunk's copies of the text are held beside the writer's heap
        // (this runs beside rendering: at 20,000 items the whole site's
        // documents would add 700 MB to the build's peak).
        for items in site.items.chunks(64) {
            let chunk: Vec<SearchDoc> = {
                use rayon::prelude::*;
                items
                    .par_iter()
                    .map(|item| SearchDoc::new(site, item))
                    .collect()
            };
            words.add(&chunk);
            if cancel.load(Ordering::Relaxed) {
                return Err(SearchError::io(
                    staging.path(),
                    "building the index",
                    std::io::Error::new(std::io::ErrorKind::Interrupted, "the build stopped"),
                ));
            }
            let made: Vec<TantivyDocument> = {
                use rayon::prelude::*;
                chunk
                    .par_iter()
                    .map(|doc| fields.document(doc, &base_path))
                    .collect()
            };
            for (doc, document) in chunk.iter().zip(made) {
                writer
                    .add_document(document)
                    .map_err(failed(&format!("adding {}", doc.review_id)))?;
            }
        }
        writer.commit().map_err(failed("committing the index"))?;
        // One segment: a query then reads each dictionary once, and ties
        // are ordered by the paths' ordinals without reading the paths.
        let segments = index
            .searchable_segment_ids()
            .map_err(failed("listing the index's segments"))?;
        if segments.len() > 1 {
            writer
                .merge(&segments)
                .wait()
                .map_err(failed("merging the index"))?;
        }
        writer
            .wait_merging_threads()
            .map_err(failed("finishing the index"))?;

        let words = words.finish();
        let words_path = staging.path().join(WORDS_FILE);
        std::fs::write(&words_path, serde_json::to_vec(&words).unwrap_or_default())
            .map_err(|e| SearchError::io(&words_path, "writing the site's words", e))?;
        let vocabulary_path = staging.path().join(VOCABULARY_FILE);
        std::fs::write(
            &vocabulary_path,
            serde_json::to_vec(&site.config.taxonomy.extra_themes).unwrap_or_default(),
        )
        .map_err(|e| SearchError::io(&vocabulary_path, "writing the site's themes", e))?;
        let fingerprint_path = staging.path().join(FINGERPRINT_FILE);
        std::fs::write(&fingerprint_path, &fingerprint)
            .map_err(|e| SearchError::io(&fingerprint_path, "writing the index fingerprint", e))?;
        Ok(StagedIndex {
            dir: dir.to_path_buf(),
            new: Some(staging),
            current: None,
        })
    }

    /// Opens an index that `build` wrote.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        let failed = |step: &str| {
            let dir = dir.to_path_buf();
            let step = step.to_string();
            move |source: TantivyError| SearchError::Index { dir, step, source }
        };
        let index = Index::open_in_dir(dir).map_err(failed("opening the index"))?;
        register_tokenizer(&index);
        let fields = Fields::from_schema(&index.schema()).map_err(failed(
            "reading the schema (run a build to recreate the index)",
        ))?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(failed("opening the index reader"))?;
        let extra: Vec<String> = std::fs::read(dir.join(VOCABULARY_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        Ok(SearchIndex {
            dir: dir.to_path_buf(),
            index,
            reader,
            writer: None,
            fields,
            rebuilt: false,
            vocabulary: Vocabulary::new(&extra),
        })
    }

    /// Whether `build` had to rebuild, or found the index up to date.
    pub fn rebuilt(&self) -> bool {
        self.rebuilt
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Documents in the index: one per item.
    pub fn doc_count(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Replaces an item, for `serve` when a file is saved. `site` supplies
    /// the base path and URLs.
    pub fn update_item(&mut self, site: &Site, item: &Item) -> Result<(), SearchError> {
        let base_path = site.config.base_path();
        let fields = self.fields;
        let key = item_key(&item.area, &item.meta.review_id);
        let step = format!("updating {}", item.source.path);
        let doc = SearchDoc::new(site, item);
        self.change(&step, |writer| {
            writer.delete_term(Term::from_field_text(fields.item_key, &key));
            writer.add_document(fields.document(&doc, &base_path))?;
            Ok(())
        })
    }

    /// Removes an item, e.g. when its file was deleted or it is no longer
    /// publishable.
    pub fn remove_item(&mut self, area: &str, review_id: &str) -> Result<(), SearchError> {
        let fields = self.fields;
        let key = item_key(area, review_id);
        self.change(&format!("removing {review_id}"), |writer| {
            writer.delete_term(Term::from_field_text(fields.item_key, &key));
            Ok(())
        })
    }

    fn change(
        &mut self,
        step: &str,
        edit: impl FnOnce(&IndexWriter) -> tantivy::Result<()>,
    ) -> Result<(), SearchError> {
        let failed = |source: TantivyError| SearchError::Index {
            dir: self.dir.clone(),
            step: step.to_string(),
            source,
        };
        // The index no longer matches any fingerprint of whole content;
        // forgetting it makes the next `build` rebuild rather than trust a
        // mix of edits it cannot verify.
        let fingerprint_path = self.dir.join(FINGERPRINT_FILE);
        match std::fs::remove_file(&fingerprint_path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(SearchError::io(
                    &fingerprint_path,
                    "forgetting the fingerprint",
                    e,
                ))
            }
        }
        if self.writer.is_none() {
            let writer = self
                .index
                .writer_with_num_threads(1, WRITER_MEMORY)
                .map_err(failed)?;
            self.writer = Some(writer);
        }
        let writer = self.writer.as_mut().expect("the writer was just opened");
        let result = edit(writer).and_then(|()| writer.commit().map(|_| ()));
        if let Err(source) = result {
            // Undo the half-applied edit so the next one starts clean.
            let _ = writer.rollback();
            return Err(failed(source));
        }
        self.reader.reload().map_err(failed)
    }

    /// Runs a query: ranked hits with snippets and matching strategies,
    /// the total, facet counts when asked for, and suggestions when
    /// nothing matched.
    pub fn search(&self, query: &Query) -> Result<Results, SearchError> {
        let failed = |step: &str| {
            let dir = self.dir.clone();
            let step = step.to_string();
            move |source: TantivyError| SearchError::Index { dir, step, source }
        };
        let io_failed = |step: &str| {
            let failed = failed(step);
            move |e: std::io::Error| failed(TantivyError::from(e))
        };
        let searcher = self.reader.searcher();
        let fields = self.fields;
        let filters = self.filters(&searcher, query)?;
        let words = query_words(&query.text);

        // Every live item, with the filters' verdict. Paths (for ties) are
        // read only for the items that are ranked: reading one costs a
        // dictionary block.
        let mut items: Vec<Candidate> = Vec::new();
        let mut slot: HashMap<(u32, u32), usize> = HashMap::new();
        let mut path_columns = Vec::new();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let paths = segment
                .fast_fields()
                .str("path")
                .map_err(failed("reading paths"))?;
            let years = segment
                .fast_fields()
                .i64("year")
                .map_err(failed("reading years"))?;
            for doc in 0..segment.max_doc() {
                if segment.is_deleted(doc) {
                    continue;
                }
                let path_ord = paths
                    .as_ref()
                    .and_then(|p| p.term_ords(doc).next())
                    .unwrap_or_default();
                slot.insert((ord as u32, doc), items.len());
                items.push(Candidate {
                    address: (ord as u32, doc),
                    path_ord,
                    year: years.first(doc).unwrap_or_default(),
                    allowed: filters.allows(ord as u32, doc),
                    words: vec![None; words.terms.len()],
                    phrase: false,
                });
            }
            path_columns.push(paths);
        }
        let total_items = items.len();

        let mut unmatched = Vec::new();
        let mut corrected = Vec::new();
        let mut idfs = Vec::new();
        let mut site_words: Option<Vec<(String, u32)>> = None;
        for (t, term) in words.terms.iter().enumerate() {
            // A word no item has is respelt with the nearest word the site
            // uses, if one is close; `search.js` does the same.
            let mut stemmed = stem(term);
            if !self
                .has_word(&searcher, &stemmed)
                .map_err(io_failed("reading the word list"))?
            {
                let known = site_words.get_or_insert_with(|| self.site_words());
                if let Some(better) = suggest::respell(term, known) {
                    corrected.push((term.clone(), better.clone()));
                    stemmed = stem(&better);
                }
            }
            let extensions = self
                .extensions(&searcher, &stemmed)
                .map_err(io_failed("reading the word list"))?;
            for (ord, segment) in searcher.segment_readers().iter().enumerate() {
                for (field, part) in [
                    (fields.content, Part::Content),
                    (fields.title, Part::Title),
                    (fields.themes, Part::Themes),
                    (fields.review_id, Part::Other),
                ] {
                    let inverted = segment
                        .inverted_index(field)
                        .map_err(failed("reading the index"))?;
                    for word in &extensions {
                        let term = Term::from_field_text(field, word);
                        let option = if part == Part::Content {
                            IndexRecordOption::WithFreqsAndPositions
                        } else {
                            IndexRecordOption::Basic
                        };
                        let Some(mut postings) = inverted
                            .read_postings(&term, option)
                            .map_err(io_failed("reading postings"))?
                        else {
                            continue;
                        };
                        let mut positions = Vec::new();
                        while postings.doc() != TERMINATED {
                            let doc = postings.doc();
                            if let Some(&i) = slot.get(&(ord as u32, doc)) {
                                let hit = items[i].words[t].get_or_insert_with(TermHit::default);
                                match part {
                                    Part::Content => {
                                        postings.positions(&mut positions);
                                        hit.positions.extend_from_slice(&positions);
                                        if *word == stemmed {
                                            hit.exact.extend_from_slice(&positions);
                                        }
                                    }
                                    Part::Title => hit.title = true,
                                    Part::Themes => hit.themes = true,
                                    Part::Other => {}
                                }
                            }
                            postings.advance();
                        }
                    }
                }
            }
            let matched = items.iter().filter(|c| c.words[t].is_some()).count();
            if matched == 0 {
                unmatched.push(term.clone());
            }
            idfs.push(idf(total_items, matched));
        }
        for item in &mut items {
            for hit in item.words.iter_mut().flatten() {
                hit.positions.sort_unstable();
                hit.positions.dedup();
                hit.exact.sort_unstable();
                hit.exact.dedup();
            }
        }

        let has_text = !words.terms.is_empty();
        if has_text && words.all.len() >= 2 {
            self.mark_phrases(&searcher, &words, &mut items)
                .map_err(io_failed("reading phrase positions"))?;
        }

        // In one segment the paths' dictionary order is their order, so
        // the ordinal stands in for the path; across segments the paths
        // themselves are read.
        let one_segment = path_columns.len() == 1;
        let mut ranked: Vec<(Rank, usize)> = Vec::new();
        for (i, c) in items.iter().enumerate() {
            if !(c.allowed && (!has_text || c.words.iter().any(Option::is_some))) {
                continue;
            }
            let path = if one_segment {
                format!("{:020}", c.path_ord)
            } else {
                let mut path = String::new();
                if let Some(column) = &path_columns[c.address.0 as usize] {
                    column
                        .ord_to_str(c.path_ord, &mut path)
                        .map_err(io_failed("reading a path"))?;
                }
                path
            };
            ranked.push((c.rank(&idfs, has_text, path), i));
        }
        ranked.sort_by(|a, b| Rank::order(&a.0, &b.0));

        // Strategy filters and "strategies only" need each item's stored
        // strategies, so they are applied here, in rank order.
        let strategy_filter = StrategyFilter {
            clear: filters.clear,
            responsible: filters.responsible.clone(),
        };
        let needs_strategies = query.doc_type == Some(DocType::Strategy);
        let mut hits = Vec::new();
        let mut kept: Vec<usize> = Vec::new();
        for (rank, i) in &ranked {
            if !needs_strategies && hits.len() >= query.limit {
                kept.push(*i);
                continue;
            }
            let candidate = &items[*i];
            let document: TantivyDocument = searcher
                .doc(tantivy::DocAddress::new(
                    candidate.address.0,
                    candidate.address.1,
                ))
                .map_err(failed("reading a matching item"))?;
            let hit = self.hit(&document, candidate, rank, &strategy_filter, has_text);
            if needs_strategies && hit.strategies.is_empty() {
                continue;
            }
            kept.push(*i);
            if hits.len() < query.limit {
                hits.push(hit);
            }
        }

        let facets = if query.facets {
            Some(
                self.facet_counts(&searcher, &kept, &items)
                    .map_err(io_failed("counting"))?,
            )
        } else {
            None
        };
        let suggestions = if kept.is_empty() && has_text {
            Some(self.suggest(&searcher, &words, &unmatched))
        } else {
            None
        };
        Ok(Results {
            total: kept.len(),
            hits,
            facets,
            unmatched: if kept.is_empty() {
                Vec::new()
            } else {
                unmatched
            },
            corrected,
            suggestions,
        })
    }

    /// Whether some item has this stem as a word (in any field).
    fn has_word(&self, searcher: &Searcher, stem: &str) -> std::io::Result<bool> {
        for inverted in self.dictionaries(searcher) {
            if inverted.terms().get(stem.as_bytes())?.is_some() {
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn dictionaries(
        &self,
        searcher: &Searcher,
    ) -> Vec<std::sync::Arc<tantivy::InvertedIndexReader>> {
        let fields = self.fields;
        let mut dictionaries = Vec::new();
        for segment in searcher.segment_readers() {
            for field in [
                fields.content,
                fields.title,
                fields.themes,
                fields.review_id,
            ] {
                if let Ok(inverted) = segment.inverted_index(field) {
                    dictionaries.push(inverted);
                }
            }
        }
        dictionaries
    }

    /// The indexed words a query word matches, as Pagefind matches them:
    /// every word beginning with its stem, provided the stem itself is a
    /// word of the site (otherwise none: Pagefind would fall back to the
    /// longest word the stem begins with, often a stop word such as "in",
    /// so `search.js` and this function count such a word as not found
    /// and respell it instead).
    fn extensions(&self, searcher: &Searcher, stem: &str) -> std::io::Result<Vec<String>> {
        if !self.has_word(searcher, stem)? {
            return Ok(Vec::new());
        }
        let mut found: BTreeSet<String> = BTreeSet::new();
        for inverted in self.dictionaries(searcher) {
            let mut stream = inverted.terms().range().ge(stem.as_bytes()).into_stream()?;
            while stream.advance() {
                let key = stream.key();
                if !key.starts_with(stem.as_bytes()) {
                    break;
                }
                if let Ok(word) = std::str::from_utf8(key) {
                    found.insert(word.to_string());
                }
            }
        }
        Ok(found.into_iter().collect())
    }

    fn site_words(&self) -> Vec<(String, u32)> {
        std::fs::read(self.dir.join(WORDS_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Marks the items that hold every word of the query, stop words
    /// included, one after another: in the text, or within the title, the
    /// themes' words or the review id (as Pagefind's quoted search does).
    fn mark_phrases(
        &self,
        searcher: &Searcher,
        words: &QueryWords,
        items: &mut [Candidate],
    ) -> std::io::Result<()> {
        let fields = self.fields;
        let stems: Vec<String> = words.all.iter().map(|w| stem(w)).collect();
        let slots: HashMap<(u32, u32), usize> = items
            .iter()
            .enumerate()
            .filter(|(_, c)| c.words.iter().all(Option::is_some))
            .map(|(i, c)| (c.address, i))
            .collect();
        if slots.is_empty() {
            return Ok(());
        }
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            for field in [
                fields.content,
                fields.title,
                fields.themes,
                fields.review_id,
            ] {
                let Ok(inverted) = segment.inverted_index(field) else {
                    continue;
                };
                // Positions of each word, per item that has them all here.
                let mut per_doc: HashMap<u32, Vec<Vec<u32>>> = HashMap::new();
                for (n, word) in stems.iter().enumerate() {
                    let term = Term::from_field_text(field, word);
                    let Some(mut postings) =
                        inverted.read_postings(&term, IndexRecordOption::WithFreqsAndPositions)?
                    else {
                        per_doc.clear();
                        break;
                    };
                    let mut positions = Vec::new();
                    while postings.doc() != TERMINATED {
                        let doc = postings.doc();
                        if slots.contains_key(&(ord as u32, doc)) {
                            let entry = per_doc
                                .entry(doc)
                                .or_insert_with(|| vec![Vec::new(); stems.len()]);
                            postings.positions(&mut positions);
                            entry[n] = positions.clone();
                        }
                        postings.advance();
                    }
                }
                for (doc, positions) in per_doc {
                    let contiguous = positions[0].iter().any(|&first| {
                        positions
                            .iter()
                            .enumerate()
                            .skip(1)
                            .all(|(n, later)| later.contains(&(first + n as u32)))
                    });
                    if contiguous {
                        if let Some(&i) = slots.get(&(ord as u32, doc)) {
                            items[i].phrase = true;
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn hit(
        &self,
        document: &TantivyDocument,
        candidate: &Candidate,
        rank: &Rank,
        strategy_filter: &StrategyFilter,
        has_text: bool,
    ) -> Hit {
        let fields = &self.fields;
        let text = |field: Field| -> String {
            document
                .get_first(field)
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        };
        let all = |field: Field| -> Vec<String> {
            document
                .get_all(field)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        };
        let content = text(fields.content);
        let title = text(fields.title);
        let stored: Vec<StoredStrategy> =
            serde_json::from_str(&text(fields.strategies)).unwrap_or_default();
        let matched: BTreeSet<u32> = candidate
            .words
            .iter()
            .flatten()
            .flat_map(|h| h.positions.iter().copied())
            .collect();
        let chunks = Snippets::new(&content);
        let own_end = stored.first().map_or(u32::MAX, |s| s.start);
        let title_words = title.split_whitespace().count() as u32;
        let (snippet, snippet_html, highlights) =
            chunks.snippet(&matched, title_words.min(own_end), own_end);
        let url = text(fields.url);

        let mut strategies: Vec<(usize, usize, StrategyHit)> = Vec::new();
        for (n, strategy) in stored.iter().enumerate() {
            let end = stored.get(n + 1).map_or(u32::MAX, |s| s.start);
            if !strategy_filter.allows(strategy) {
                continue;
            }
            let words_here = candidate
                .words
                .iter()
                .flatten()
                .filter(|h| {
                    h.positions
                        .iter()
                        .any(|p| (strategy.start..end).contains(p))
                })
                .count();
            let places = matched
                .iter()
                .filter(|p| (strategy.start..end).contains(*p))
                .count();
            if has_text && words_here == 0 {
                continue;
            }
            if !has_text && !strategy_filter.active() {
                continue;
            }
            let (snippet, snippet_html, highlights) = chunks.snippet(&matched, strategy.start, end);
            strategies.push((
                words_here,
                places,
                StrategyHit {
                    title: strategy.strategy.title.clone(),
                    url: format!("{url}#{}", strategy.strategy.anchor),
                    clear: strategy
                        .clear()
                        .iter()
                        .map(|c| c.slug().to_string())
                        .collect(),
                    responsible: strategy.strategy.responsible.clone(),
                    snippet,
                    snippet_html,
                    highlights,
                },
            ));
        }
        // Most of the query first, then most mentions; page order otherwise.
        strategies.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));

        let clear: Vec<String> = Clear::ALL
            .into_iter()
            .filter(|c| stored.iter().any(|s| s.clear().contains(c)))
            .map(|c| c.slug().to_string())
            .collect();
        let mut responsible: Vec<String> = Vec::new();
        for organisation in stored.iter().flat_map(|s| &s.strategy.responsible) {
            if !responsible.contains(organisation) {
                responsible.push(organisation.clone());
            }
        }
        Hit {
            item_title: title.clone(),
            title,
            url,
            doc_type: DocType::Item,
            kind: text(fields.kind),
            review_id: text(fields.review_id),
            area: text(fields.area),
            year: candidate.year as i32,
            themes: all(fields.theme_slugs),
            clear,
            responsible,
            snippet,
            snippet_html,
            highlights,
            score: rank.score as f32,
            words: rank.words,
            phrase: rank.phrase,
            strategies: strategies.into_iter().map(|(_, _, s)| s).collect(),
        }
    }

    /// Which items pass the filters; unknown values are errors that name
    /// the nearest known one.
    fn filters(&self, searcher: &Searcher, query: &Query) -> Result<Filters, SearchError> {
        let io = |e: std::io::Error| SearchError::Index {
            dir: self.dir.clone(),
            step: "reading the filters".into(),
            source: TantivyError::from(e),
        };
        let mut wanted: Vec<(String, String)> = Vec::new();
        if let Some(theme) = &query.theme {
            let slug = normalise_slug(theme);
            if !self.vocabulary.contains(&slug) {
                return Err(unknown(
                    "theme",
                    theme,
                    self.vocabulary.suggest(&slug).map(str::to_string),
                ));
            }
            wanted.push(("theme".into(), slug));
        }
        let mut clear = None;
        if let Some(value) = &query.clear {
            let component = parse_clear(value).ok_or_else(|| {
                let nearest = Clear::ALL
                    .into_iter()
                    .map(|c| c.label())
                    .max_by(|a, b| similarity(value, a).total_cmp(&similarity(value, b)))
                    .filter(|best| similarity(value, best) >= 0.5);
                SearchError::InvalidQuery {
                    message: format!(
                        "unknown CLEAR category {value:?}{}; use one of {}",
                        nearest
                            .map(|n| format!(" (did you mean {n:?}?)"))
                            .unwrap_or_default(),
                        Clear::ALL.map(|c| c.slug()).join(", ")
                    ),
                }
            })?;
            clear = Some(component);
            wanted.push(("clear".into(), component.slug().into()));
        }
        if let Some(area) = &query.area {
            let known = self.facet_values(searcher, "area").map_err(io)?;
            let found = known
                .iter()
                .find(|a| slugify(a) == slugify(area))
                .ok_or_else(|| unknown("area", area, nearest(area, &known)))?;
            wanted.push(("area".into(), found.clone()));
        }
        if let Some(year) = query.year {
            wanted.push(("year".into(), year.to_string()));
        }
        if let Some(kind) = query.kind {
            wanted.push(("kind".into(), kind.as_str().into()));
        }
        if let Some(agency) = &query.agency {
            let known = self.facet_values(searcher, "agency").map_err(io)?;
            let slug = normalise_slug(agency);
            let found = known
                .iter()
                .find(|a| **a == slug || normalise_slug(&theme_label(a)) == slug)
                .ok_or_else(|| unknown("agency", agency, nearest(&slug, &known)))?;
            wanted.push(("agency".into(), found.clone()));
        }
        let mut responsible = None;
        if let Some(organisation) = &query.responsible {
            let known = self.facet_values(searcher, "responsible").map_err(io)?;
            let found = known
                .iter()
                .find(|o| o.eq_ignore_ascii_case(organisation.trim()))
                .ok_or_else(|| {
                    unknown(
                        "responsible organisation",
                        organisation,
                        nearest(organisation, &known),
                    )
                })?;
            responsible = Some(found.clone());
            wanted.push(("responsible".into(), found.clone()));
        }
        let mut allowed: Option<Vec<BTreeSet<u32>>> = None;
        for (dimension, value) in wanted {
            let facet = Facet::from_path([dimension.as_str(), value.as_str()]);
            let term = Term::from_facet(self.fields.facets, &facet);
            let mut per_segment = Vec::new();
            for segment in searcher.segment_readers() {
                per_segment.push(docs_with(segment, self.fields.facets, &term).map_err(io)?);
            }
            allowed = Some(match allowed {
                None => per_segment,
                Some(before) => before
                    .into_iter()
                    .zip(per_segment)
                    .map(|(a, b)| a.intersection(&b).copied().collect())
                    .collect(),
            });
        }
        Ok(Filters {
            allowed,
            clear,
            responsible,
        })
    }

    /// The values of one facet dimension present in the index.
    fn facet_values(&self, searcher: &Searcher, dimension: &str) -> std::io::Result<Vec<String>> {
        let prefix = Facet::from_path([dimension]);
        let prefix = format!("{}\u{0}", prefix.encoded_str());
        let mut values = BTreeSet::new();
        for segment in searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.fields.facets) else {
                continue;
            };
            let mut stream = inverted
                .terms()
                .range()
                .ge(prefix.as_bytes())
                .into_stream()?;
            while stream.advance() {
                let Some(rest) = stream.key().strip_prefix(prefix.as_bytes()) else {
                    break;
                };
                values.insert(String::from_utf8_lossy(rest).into_owned());
            }
        }
        Ok(values.into_iter().collect())
    }

    /// Counts of the kept items by each dimension's values.
    fn facet_counts(
        &self,
        searcher: &Searcher,
        kept: &[usize],
        items: &[Candidate],
    ) -> std::io::Result<FacetCounts> {
        let kept: BTreeSet<(u32, u32)> = kept.iter().map(|&i| items[i].address).collect();
        let mut counts: BTreeMap<&str, Vec<FacetCount>> = BTreeMap::new();
        for dimension in DIMENSIONS {
            let mut values = Vec::new();
            for value in self.facet_values(searcher, dimension)? {
                let term = Term::from_facet(
                    self.fields.facets,
                    &Facet::from_path([dimension, value.as_str()]),
                );
                let mut count = 0;
                for (ord, segment) in searcher.segment_readers().iter().enumerate() {
                    count += docs_with(segment, self.fields.facets, &term)?
                        .into_iter()
                        .filter(|doc| kept.contains(&(ord as u32, *doc)))
                        .count() as u64;
                }
                if count > 0 {
                    values.push(FacetCount {
                        label: facet_label(dimension, &value),
                        value,
                        count,
                    });
                }
            }
            values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            counts.insert(dimension, values);
        }
        let mut take = |name: &str| counts.remove(name).unwrap_or_default();
        Ok(FacetCounts {
            theme: take("theme"),
            area: take("area"),
            year: take("year"),
            kind: take("kind"),
            clear: take("clear"),
            agency: take("agency"),
            responsible: take("responsible"),
        })
    }

    fn suggest(
        &self,
        searcher: &Searcher,
        words: &QueryWords,
        unmatched: &[String],
    ) -> Suggestions {
        let site_words = self.site_words();
        let themes = self.facet_values(searcher, "theme").unwrap_or_default();
        suggest::suggest(words, unmatched, &site_words, &themes)
    }
}

const VOCABULARY_FILE: &str = "clearhouse-themes.json";

fn unknown(what: &str, value: &str, nearest: Option<String>) -> SearchError {
    SearchError::InvalidQuery {
        message: match nearest {
            Some(n) => format!("unknown {what} {value:?}: did you mean {n:?}?"),
            None => format!("unknown {what} {value:?}: no {what} on this site is close to it"),
        },
    }
}

fn similarity(a: &str, b: &str) -> f64 {
    strsim::normalized_damerau_levenshtein(&a.trim().to_lowercase(), &b.to_lowercase())
}

/// The known value closest to `value`, if it is close enough to be a typo.
fn nearest(value: &str, known: &[String]) -> Option<String> {
    known
        .iter()
        .map(|k| {
            (
                similarity(value, k).max(similarity(&normalise_slug(value), k)),
                k,
            )
        })
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k.clone())
}

fn facet_label(dimension: &str, value: &str) -> String {
    match dimension {
        "theme" | "agency" => theme_label(value),
        "kind" => match value {
            "report" => ItemKind::Report.label().to_string(),
            "summary" => ItemKind::Summary.label().to_string(),
            other => other.to_string(),
        },
        "clear" => {
            Clear::from_slug(value).map_or_else(|| value.to_string(), |c| c.label().to_string())
        }
        _ => value.to_string(),
    }
}

/// Documents of one segment that hold `term` in `field`.
fn docs_with(segment: &SegmentReader, field: Field, term: &Term) -> std::io::Result<BTreeSet<u32>> {
    let mut docs = BTreeSet::new();
    let Ok(inverted) = segment.inverted_index(field) else {
        return Ok(docs);
    };
    if let Some(mut postings) = inverted.read_postings(term, IndexRecordOption::Basic)? {
        while postings.doc() != TERMINATED {
            docs.insert(postings.doc());
            postings.advance();
        }
    }
    Ok(docs)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Content,
    Title,
    Themes,
    Other,
}

#[derive(Debug, Clone, Default)]
struct TermHit {
    positions: Vec<u32>,
    /// Those of `positions` where the stem itself is.
    exact: Vec<u32>,
    title: bool,
    themes: bool,
}

struct Candidate {
    address: (u32, u32),
    /// The path's ordinal in its segment's dictionary.
    path_ord: u64,
    year: i64,
    allowed: bool,
    words: Vec<Option<TermHit>>,
    phrase: bool,
}

impl Candidate {
    fn rank(&self, idfs: &[f64], has_text: bool, path: String) -> Rank {
        if !has_text {
            // No words: newest year first, then by path.
            return Rank {
                words: 0,
                phrase: false,
                score: self.year as f64,
                path,
            };
        }
        let score = self
            .words
            .iter()
            .zip(idfs)
            .filter_map(|(hit, idf)| {
                hit.as_ref().map(|h| {
                    let places = h.positions.len() as f64;
                    WordMatch {
                        tf: if h.exact.is_empty() {
                            EXTENDED * places
                        } else {
                            places
                        },
                        title: h.title,
                        themes: h.themes,
                    }
                    .score(*idf)
                })
            })
            .sum();
        Rank {
            words: self.words.iter().filter(|w| w.is_some()).count(),
            phrase: self.phrase,
            score,
            path,
        }
    }
}

struct Filters {
    /// Per segment, the items every filter allows; `None` when unfiltered.
    allowed: Option<Vec<BTreeSet<u32>>>,
    clear: Option<Clear>,
    responsible: Option<String>,
}

impl Filters {
    fn allows(&self, segment: u32, doc: u32) -> bool {
        self.allowed
            .as_ref()
            .is_none_or(|per| per.get(segment as usize).is_some_and(|d| d.contains(&doc)))
    }
}

struct StrategyFilter {
    clear: Option<Clear>,
    responsible: Option<String>,
}

impl StrategyFilter {
    fn active(&self) -> bool {
        self.clear.is_some() || self.responsible.is_some()
    }

    fn allows(&self, strategy: &StoredStrategy) -> bool {
        self.clear.is_none_or(|c| strategy.clear().contains(&c))
            && self
                .responsible
                .as_ref()
                .is_none_or(|o| strategy.strategy.responsible.contains(o))
    }
}

/// A stored text cut into the chunks whose indexes are word positions.
struct Snippets<'a> {
    text: &'a str,
    chunks: Vec<(usize, usize)>,
}

impl<'a> Snippets<'a> {
    fn new(text: &'a str) -> Snippets<'a> {
        let chunks = analyze::chunks(text)
            .filter(|(_, c)| !c.replace('\u{200B}', "").is_empty())
            .map(|(start, c)| (start, start + c.len()))
            .collect();
        Snippets { text, chunks }
    }

    /// About [`SNIPPET_WORDS`] words of positions `from..to` around the
    /// densest run of `matched` positions (or the opening, when none is
    /// there), with the matched words marked.
    fn snippet(
        &self,
        matched: &BTreeSet<u32>,
        from: u32,
        to: u32,
    ) -> (String, String, Vec<(usize, usize)>) {
        let to = (to as usize).min(self.chunks.len());
        let from = (from as usize).min(to);
        if from >= to {
            return (String::new(), String::new(), Vec::new());
        }
        let here: Vec<usize> = matched
            .iter()
            .map(|&p| p as usize)
            .filter(|p| (from..to).contains(p))
            .collect();
        let start = excerpt_start(&here, from, to, SNIPPET_WORDS);
        let end = (start + SNIPPET_WORDS).min(to);
        let mut plain = String::new();
        let mut html = String::new();
        let mut highlights = Vec::new();
        if start > from {
            plain.push_str("… ");
            html.push_str("… ");
        }
        for (n, &(a, b)) in self.chunks[start..end].iter().enumerate() {
            if n > 0 {
                plain.push(' ');
                html.push(' ');
            }
            let mut word = &self.text[a..b];
            let last = start + n + 1 == end;
            if last && end < to {
                word = word.trim_end_matches(['.', ',', ';', ':']);
            }
            if here.contains(&(start + n)) {
                highlights.push((plain.len(), plain.len() + word.len()));
                html.push_str("<mark>");
                html.push_str(&crate::text::escape_html(word));
                html.push_str("</mark>");
            } else {
                html.push_str(&crate::text::escape_html(word));
            }
            plain.push_str(word);
        }
        if end < to {
            plain.push_str(" …");
            html.push_str(" …");
        }
        (plain, html, highlights)
    }
}

/// Where a window of `length` positions within `from..to` holds the most
/// of `matched` (the earliest such window), or `from` when none matched.
/// `search.js` (`excerptStart`) chooses the same way.
pub fn excerpt_start(matched: &[usize], from: usize, to: usize, length: usize) -> usize {
    if matched.is_empty() || to - from <= length {
        return from;
    }
    let mut best = (0, from);
    for &first in matched {
        // A window that starts a little before its first match reads better.
        let start = first.saturating_sub(length / 4).max(from).min(to - length);
        let count = matched
            .iter()
            .filter(|&&p| p >= start && p < start + length)
            .count();
        if count > best.0 {
            best = (count, start);
        }
    }
    best.1
}

/// "Parental mental health" or "parental_mental_health" → the slug.
fn normalise_slug(text: &str) -> String {
    text.trim().to_lowercase().replace([' ', '_'], "-")
}

/// A CLEAR slug, letter or label, any case.
fn parse_clear(text: &str) -> Option<Clear> {
    let wanted = text.trim();
    Clear::ALL.into_iter().find(|c| {
        c.slug().eq_ignore_ascii_case(&normalise_slug(wanted))
            || wanted.eq_ignore_ascii_case(&c.letter().to_string())
            || wanted.eq_ignore_ascii_case(c.label())
    })
}

/// sha256 over everything a document is made from: each item's whole file
/// (front matter too, since strategies and themes live there), its area,
/// the config (base path, area, vocabulary, synonyms) and the schema version.
fn fingerprint(site: &Site) -> String {
    let mut hash = Sha256::new();
    hash.update(format!(
        "clearhouse-search {SCHEMA_VERSION} {}\n",
        env!("CARGO_PKG_VERSION")
    ));
    hash.update(format!("{:?}\n", site.config));
    for item in &site.items {
        hash.update(item.area.as_bytes());
        hash.update([0]);
        hash.update(item.source.path.as_bytes());
        hash.update([0]);
        hash.update(Sha256::digest(item.source.text.as_bytes()));
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn read_fingerprint(dir: &Path) -> Option<String> {
    std::fs::read_to_string(dir.join(FINGERPRINT_FILE))
        .ok()
        .map(|s| s.trim().to_string())
}

/// `dir` may be replaced only if it is missing, empty, or ours.
fn check_replaceable(dir: &Path) -> Result<(), SearchError> {
    let mut entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(SearchError::io(dir, "looking into the index folder", e)),
    };
    let is_empty = entries.next().is_none();
    if is_empty || dir.join(FINGERPRINT_FILE).exists() || dir.join("meta.json").exists() {
        return Ok(());
    }
    Err(SearchError::NotAnIndex {
        dir: dir.to_path_buf(),
        message: "this folder holds files that are not a search index; \
                  refusing to replace it (choose an empty or new folder for the index)"
            .into(),
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::time::Instant;

    use super::*;
    use crate::content::parse_item;
    use crate::search::fixture;

    struct Built {
        _folder: tempfile::TempDir,
        site: Site,
        index: SearchIndex,
    }

    fn build_good_site() -> Built {
        let folder = fixture::copy_good_site();
        let site = fixture::load_site(folder.path());
        let index = SearchIndex::build(&site, &index_dir(&site)).expect("the index builds");
        Built {
            _folder: folder,
            site,
            index,
        }
    }

    fn index_dir(site: &Site) -> PathBuf {
        site.root.join(".clearhouse").join("index")
    }

    /// A build makes its index beside rendering and drops it when it fails
    /// later: the folder's last index must stay, with no staging folder
    /// left beside it; a stopped index is dropped the same way.
    #[test]
    fn a_staged_index_replaces_the_last_one_only_when_committed() {
        let built = build_good_site();
        let dir = index_dir(&built.site);
        let hits = search(&built.index, everything()).hits.len();
        assert!(hits > 0);
        let mut site = built.site.clone();
        site.items.truncate(1);
        let siblings = || {
            std::fs::read_dir(dir.parent().unwrap())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
        };
        let staged = SearchIndex::stage(&site, &dir, &AtomicBool::new(false)).unwrap();
        drop(staged);
        assert_eq!(siblings(), ["index"]);
        let kept = SearchIndex::open(&dir).unwrap();
        assert_eq!(search(&kept, everything()).hits.len(), hits);

        let stopped = SearchIndex::stage(&site, &dir, &AtomicBool::new(true));
        assert!(stopped.is_err());
        assert_eq!(siblings(), ["index"]);

        let staged = SearchIndex::stage(&site, &dir, &AtomicBool::new(false)).unwrap();
        let replaced = staged.commit().unwrap();
        assert_eq!(siblings(), ["index"]);
        assert_eq!(search(&replaced, everything()).hits.len(), 1);
    }

    fn search(index: &SearchIndex, query: Query) -> Results {
        index
            .search(&query)
            .unwrap_or_else(|e| panic!("{query:?} fails: {e}"))
    }

    fn everything() -> Query {
        Query {
            limit: 1000,
            ..Query::default()
        }
    }

    fn ids(results: &Results) -> Vec<&str> {
        results.hits.iter().map(|h| h.review_id.as_str()).collect()
    }

    #[test]
    fn a_word_found_in_one_item_only_finds_that_item_with_the_word_marked() {
        let built = build_good_site();
        let docs: Vec<SearchDoc> = built
            .site
            .items
            .iter()
            .map(|i| SearchDoc::new(&built.site, i))
            .collect();
        let mut checked = 0;
        for (n, doc) in docs.iter().enumerate() {
            let others: BTreeSet<String> = docs
                .iter()
                .enumerate()
                .filter(|(m, _)| *m != n)
                .flat_map(|(_, d)| {
                    let text = format!("{} {}", d.content(), d.theme_words);
                    analyze::index_words(&text, 0)
                        .0
                        .into_iter()
                        .map(|w| w.stem.to_string())
                        .collect::<Vec<_>>()
                })
                .collect();
            let own = doc.own_content();
            let unique = own
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() >= 8)
                .find(|w| {
                    let s = stem(&w.to_lowercase());
                    !others.iter().any(|o| o.starts_with(&s))
                });
            let Some(word) = unique else { continue };
            let results = search(&built.index, Query::text(word));
            assert_eq!(ids(&results), [doc.review_id.as_str()], "{word:?}");
            let hit = &results.hits[0];
            assert_eq!(hit.url, format!("/{}", doc.path));
            assert!(
                hit.snippet_html.contains("<mark>"),
                "{word:?}: {}",
                hit.snippet_html
            );
            let (start, end) = hit.highlights[0];
            assert!(
                hit.snippet[start..end]
                    .to_lowercase()
                    .contains(&word.to_lowercase()),
                "the mark is on the word: {}",
                hit.snippet
            );
            checked += 1;
        }
        assert!(
            checked >= 6,
            "only {checked} of 8 items had a word of their own"
        );
    }

    #[test]
    fn several_words_rank_by_how_many_match_and_stop_words_do_not_veto() {
        let built = build_good_site();
        let all = search(&built.index, Query::text("welfare rights"));
        assert!(all.total > 0);
        let with_noise = search(
            &built.index,
            Query::text("welfare rights between the agencies zzyzx"),
        );
        assert!(with_noise.total >= all.total, "more words never find fewer");
        assert_eq!(with_noise.unmatched, ["zzyzx"]);
        // Items with both words come before items with one.
        let words: Vec<usize> = with_noise.hits.iter().map(|h| h.words).collect();
        assert!(words.windows(2).all(|w| w[0] >= w[1]), "{words:?}");
    }

    #[test]
    fn a_theme_named_by_a_synonym_finds_the_items_tagged_with_it() {
        let built = build_good_site();
        let tagged: BTreeSet<&str> = built
            .site
            .items
            .iter()
            .filter(|i| i.meta.themes.iter().any(|t| t == "domestic-abuse"))
            .map(|i| i.meta.review_id.as_str())
            .collect();
        assert!(!tagged.is_empty());
        let results = search(&built.index, Query::text("DV"));
        let found: BTreeSet<&str> = ids(&results).into_iter().take(tagged.len()).collect();
        assert_eq!(found, tagged);
    }

    #[test]
    fn a_misspelt_word_is_searched_as_the_nearest_word_of_the_site() {
        let built = build_good_site();
        let right = search(&built.index, Query::text("pregnancy"));
        let wrong = search(&built.index, Query::text("pregnancyy"));
        assert_eq!(
            wrong.corrected,
            [("pregnancyy".to_string(), "pregnancy".to_string())]
        );
        assert_eq!(ids(&wrong), ids(&right));
    }

    #[test]
    fn nothing_found_says_so_and_suggests_themes() {
        let built = build_good_site();
        let results = search(&built.index, Query::text("astrofizzics"));
        assert_eq!(results.total, 0);
        let suggestions = results.suggestions.expect("suggestions");
        assert_eq!(suggestions.themes.len(), suggest::THEMES_OFFERED);
    }

    #[test]
    fn unknown_filter_values_are_errors_that_suggest_the_nearest() {
        let built = build_good_site();
        for (query, wanted) in [
            (
                Query {
                    theme: Some("negelct".into()),
                    ..Query::text("child")
                },
                "did you mean \"neglect\"",
            ),
            (
                Query {
                    clear: Some("evidense".into()),
                    ..Query::default()
                },
                "did you mean \"Evidence based\"",
            ),
            (
                Query {
                    area: Some("Sample CCP".into()),
                    ..Query::default()
                },
                "did you mean \"Sample CPC\"",
            ),
        ] {
            match built.index.search(&query) {
                Err(SearchError::InvalidQuery { message }) => {
                    assert!(message.contains(wanted), "{message}")
                }
                other => panic!("{query:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn filters_narrow_the_results() {
        let built = build_good_site();
        let index = &built.index;
        let all = search(index, Query::text("child"));
        let neglect = search(
            index,
            Query {
                theme: Some("Neglect".into()),
                ..Query::text("child")
            },
        );
        assert!(neglect.total > 0 && neglect.total < all.total);
        assert!(neglect
            .hits
            .iter()
            .all(|h| h.themes.iter().any(|t| t == "neglect")));
        let year = built.site.items[0].year();
        let in_year = search(
            index,
            Query {
                year: Some(year),
                ..everything()
            },
        );
        let expected = built.site.items.iter().filter(|i| i.year() == year).count();
        assert_eq!(in_year.total, expected);
        assert_eq!(
            search(
                index,
                Query {
                    area: Some("sample-cpc".into()),
                    ..everything()
                }
            )
            .total,
            built.site.items.len()
        );
    }

    #[test]
    fn the_clear_filter_keeps_items_and_lists_only_their_complete_strategies() {
        let built = build_good_site();
        let results = search(
            &built.index,
            Query {
                clear: Some("R".into()),
                ..everything()
            },
        );
        let expected = built
            .site
            .items
            .iter()
            .filter(|i| i.meta.strategies.iter().any(|s| s.has(Clear::Review)))
            .count();
        assert_eq!(results.total, expected);
        for hit in &results.hits {
            assert!(!hit.strategies.is_empty(), "{}", hit.review_id);
            assert!(hit
                .strategies
                .iter()
                .all(|s| s.clear.iter().any(|c| c == "review")));
        }
    }

    #[test]
    fn a_responsible_organisation_lists_its_strategies() {
        let built = build_good_site();
        let organisation = "Welfare rights service";
        let results = search(&built.index, Query::text(organisation));
        let first = &results.hits[0];
        assert!(first.responsible.iter().any(|o| o == organisation));
        let strategy = &first.strategies[0];
        assert!(strategy.responsible.iter().any(|o| o == organisation));
        assert!(strategy.url.contains("#strategy-"));
        let filtered = search(
            &built.index,
            Query {
                responsible: Some("welfare rights service".into()),
                ..everything()
            },
        );
        assert!(filtered.total > 0);
        assert!(filtered.hits.iter().all(|h| h
            .strategies
            .iter()
            .all(|s| s.responsible.iter().any(|o| o == organisation))));
    }

    #[test]
    fn facets_count_items() {
        let built = build_good_site();
        let site = &built.site;
        let results = search(
            &built.index,
            Query {
                facets: true,
                limit: 0,
                ..Query::default()
            },
        );
        assert_eq!(results.total, site.items.len());
        let facets = results.facets.expect("facets were asked for");
        let count = |values: &[FacetCount], value: &str| {
            values
                .iter()
                .find(|f| f.value == value)
                .map_or(0, |f| f.count)
        };
        let neglect = site
            .items
            .iter()
            .filter(|i| i.meta.themes.iter().any(|t| t == "neglect"))
            .count();
        assert_eq!(count(&facets.theme, "neglect"), neglect as u64);
        assert_eq!(count(&facets.area, "Sample CPC"), site.items.len() as u64);
        assert!(facets.theme.windows(2).all(|w| w[0].count >= w[1].count));
    }

    #[test]
    fn an_edited_item_is_found_by_its_new_words_and_a_removed_one_is_gone() {
        let mut built = build_good_site();
        let docs = built.index.doc_count();
        let item = built.site.items[0].clone();
        let edited_text = item.source.text.replacen(
            &item.meta.strategies[0].title,
            "Hold a quarterly wombat review",
            1,
        )
            + "\nThe review also considered how the family used a community larder.\n";
        let edited = parse_item(
            &item.source.path,
            edited_text.into_bytes(),
            item.meta.kind,
            &item.area,
        )
        .expect("the edited item parses");
        built
            .index
            .update_item(&built.site, &edited)
            .expect("update");
        assert_eq!(built.index.doc_count(), docs);
        let larder = search(&built.index, Query::text("larder"));
        assert_eq!(ids(&larder), [item.meta.review_id.as_str()]);
        let wombat = search(&built.index, Query::text("wombat"));
        assert_eq!(
            wombat.hits[0].strategies[0].title,
            "Hold a quarterly wombat review"
        );
        built
            .index
            .remove_item(&item.area, &item.meta.review_id)
            .expect("remove");
        assert_eq!(built.index.doc_count(), docs - 1);
        let gone = search(&built.index, Query::text("larder"));
        assert!(
            gone.hits.iter().all(|h| h.review_id != item.meta.review_id),
            "{:?}",
            ids(&gone)
        );
        let dir = built.index.dir().to_path_buf();
        drop(built.index);
        let rebuilt = SearchIndex::build(&built.site, &dir).expect("rebuild");
        assert!(rebuilt.rebuilt());
        assert_eq!(rebuilt.doc_count(), docs);
    }

    #[test]
    fn an_unchanged_site_is_not_reindexed() {
        let built = build_good_site();
        assert!(built.index.rebuilt(), "a first build builds");
        let dir = index_dir(&built.site);
        let again = SearchIndex::build(&built.site, &dir).expect("second build");
        assert!(!again.rebuilt(), "nothing changed");
        let path = built.site.root.join(&built.site.items[0].source.path);
        let text = std::fs::read_to_string(&path).expect("read item");
        let retitled = text.replacen(
            &built.site.items[0].meta.title,
            "A new title for the learning",
            1,
        );
        std::fs::write(&path, retitled).expect("write item");
        let site = fixture::load_site(&built.site.root);
        let after_edit = SearchIndex::build(&site, &dir).expect("third build");
        assert!(after_edit.rebuilt());
        let found = search(&after_edit, Query::text("A new title for the learning"));
        assert_eq!(found.hits[0].title, "A new title for the learning");
        assert!(found.hits[0].phrase);
        let leftovers = std::fs::read_dir(dir.parent().expect("parent"))
            .expect("list")
            .count();
        assert_eq!(leftovers, 1, "no staging folders left behind");
    }

    #[test]
    fn a_folder_that_is_not_an_index_is_never_replaced() {
        let folder = fixture::copy_good_site();
        let site = fixture::load_site(folder.path());
        let result = SearchIndex::build(&site, &site.root.join("content"));
        assert!(
            matches!(result, Err(SearchError::NotAnIndex { .. })),
            "{result:?}"
        );
        assert!(site.root.join("content/reports").is_dir());
    }

    #[test]
    fn a_query_string_reads_as_the_command_line_reads_its_options() {
        let q = Query::from_query_string("q=was+not+brought&theme=Neglect&year=2024&facets=1")
            .expect("valid");
        assert_eq!(q.text, "was not brought");
        assert_eq!(q.theme.as_deref(), Some("Neglect"));
        assert_eq!(q.year, Some(2024));
        assert!(q.facets);
        assert!(Query::from_query_string("kind=poem").is_err());
        assert_eq!(percent_decode("a%20b%"), "a b%");
    }

    /// Sizes and latency for docs/search.md; run with `--nocapture`.
    #[test]
    fn index_size_and_query_latency_on_the_sample() {
        let built = build_good_site();
        let queries = [
            "neglect",
            "information sharing",
            "Welfare rights service",
            "child",
        ];
        let started = Instant::now();
        let rounds = 10;
        for _ in 0..rounds {
            for text in queries {
                let results = search(
                    &built.index,
                    Query {
                        facets: true,
                        ..Query::text(text)
                    },
                );
                assert!(results.total > 0, "{text}");
            }
        }
        let per_query = started.elapsed() / (rounds * queries.len() as u32);
        eprintln!(
            "tantivy on good-site: {} items, {per_query:?} per query with facets and snippets",
            built.index.doc_count()
        );
    }
}
