//! The tantivy index behind `clearhouse search` and `serve`'s
//! `/api/search`: items and strategies as separate documents, English
//! stemming, filters, facet counts and highlighted snippets.
//!
//! The index is a cache, never published: the caller chooses its folder
//! (`.clearhouse/index` under the site root). A fingerprint of the content
//! and config is kept beside it, so that a build with nothing changed opens
//! the existing index instead of rebuilding it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, ConstScoreQuery, Occur, QueryParser, TermQuery};
use tantivy::schema::{
    Facet, FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value,
    STORED, STRING,
};
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::{
    doc, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term,
};

use super::records::{item_record, strategy_records};
use super::{DocType, SearchError, SearchRecord};
use crate::content::vocab::theme_label;
use crate::content::{Clear, Item, ItemKind};
use crate::site::Site;
use crate::text::slugify;

/// Bumped whenever the schema or what goes into a document changes, so
/// that the fingerprint no longer matches and old indexes are rebuilt.
const SCHEMA_VERSION: u32 = 1;
/// Written beside tantivy's files; its presence also marks the folder as
/// ours, which is what allows `build` to replace it.
const FINGERPRINT_FILE: &str = "clearhouse-fingerprint";
/// Enough for a national site's few thousand documents in one segment;
/// tantivy's minimum per thread is 15 MB.
const WRITER_MEMORY: usize = 32_000_000;
const DEFAULT_LIMIT: usize = 20;

type BoxedQuery = Box<dyn tantivy::query::Query>;
const SNIPPET_CHARS: usize = 200;
/// The facet dimensions counted when a query asks for facets.
const FACET_DIMENSIONS: [&str; 6] = ["theme", "area", "year", "kind", "clear", "type"];

/// What to look for. Empty `text` lists everything that passes the filters.
/// Filters take the machine values: theme and CLEAR slugs (or the CLEAR
/// letter), `report`/`summary`; `area` matches the name or its slug.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Query {
    pub text: String,
    pub theme: Option<String>,
    pub clear: Option<String>,
    pub area: Option<String>,
    pub year: Option<i32>,
    pub kind: Option<ItemKind>,
    pub agency: Option<String>,
    /// Only items, or only strategies.
    pub doc_type: Option<DocType>,
    /// At most this many hits; 0 asks for the total and facets only.
    pub limit: usize,
    /// Count results by theme, area, year, kind, CLEAR component and type.
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
}

/// Ranked hits, best first, with the number of all matches.
#[derive(Debug, Clone, Serialize)]
pub struct Results {
    /// Every document that matched, not only those returned.
    pub total: usize,
    pub hits: Vec<Hit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<FacetCounts>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub title: String,
    /// Link as the site renders it: base path, item folder and, for a
    /// strategy, its `#strategy-N` fragment.
    pub url: String,
    pub doc_type: DocType,
    /// `report` or `summary` (a strategy's item's kind).
    pub kind: String,
    pub review_id: String,
    /// The report or summary the hit belongs to.
    pub item_title: String,
    pub area: String,
    pub year: i32,
    /// Theme slugs.
    pub themes: Vec<String>,
    /// CLEAR component slugs the strategy has in full.
    pub clear: Vec<String>,
    pub responsible: Vec<String>,
    /// About 200 characters of the text around the best match.
    pub snippet: String,
    /// The same snippet, HTML-escaped, matched words in `<mark>`.
    pub snippet_html: String,
    /// Byte ranges of the matched words in `snippet`.
    pub highlights: Vec<(usize, usize)>,
    pub score: f32,
}

/// Matches per value of each dimension, most first.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FacetCounts {
    pub theme: Vec<FacetCount>,
    pub area: Vec<FacetCount>,
    pub year: Vec<FacetCount>,
    pub kind: Vec<FacetCount>,
    pub clear: Vec<FacetCount>,
    pub doc_type: Vec<FacetCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    /// What a filter takes.
    pub value: String,
    /// What a reader sees.
    pub label: String,
    pub count: u64,
}

#[derive(Debug, Clone, Copy)]
struct Fields {
    doc_type: Field,
    /// `area-slug/review-id`: what an incremental update deletes by.
    item_key: Field,
    title: Field,
    body: Field,
    responsible: Field,
    item_title: Field,
    kind: Field,
    review_id: Field,
    area: Field,
    area_slug: Field,
    year: Field,
    themes: Field,
    agencies: Field,
    clear: Field,
    url: Field,
    /// `/theme/<t>`, `/area/<name>`, `/year/<y>`, `/kind/<k>`,
    /// `/clear/<c>`, `/agency/<a>`, `/type/<t>`: filters and counts.
    facets: Field,
}

impl Fields {
    fn schema() -> Schema {
        let stemmed = TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("en_stem")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let mut builder = Schema::builder();
        builder.add_text_field("doc_type", STRING | STORED);
        builder.add_text_field("item_key", STRING);
        builder.add_text_field("title", stemmed.clone());
        builder.add_text_field("body", stemmed.clone());
        builder.add_text_field("responsible", stemmed);
        builder.add_text_field("item_title", STORED);
        builder.add_text_field("kind", STORED);
        builder.add_text_field("review_id", STORED);
        builder.add_text_field("area", STORED);
        builder.add_text_field("area_slug", STRING);
        builder.add_i64_field("year", STORED);
        builder.add_text_field("themes", STORED);
        builder.add_text_field("agencies", STORED);
        builder.add_text_field("clear", STORED);
        builder.add_text_field("url", STORED);
        builder.add_facet_field("facets", FacetOptions::default());
        builder.build()
    }

    fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            doc_type: f("doc_type")?,
            item_key: f("item_key")?,
            title: f("title")?,
            body: f("body")?,
            responsible: f("responsible")?,
            item_title: f("item_title")?,
            kind: f("kind")?,
            review_id: f("review_id")?,
            area: f("area")?,
            area_slug: f("area_slug")?,
            year: f("year")?,
            themes: f("themes")?,
            agencies: f("agencies")?,
            clear: f("clear")?,
            url: f("url")?,
            facets: f("facets")?,
        })
    }

    fn document(&self, record: &SearchRecord, base_path: &str) -> TantivyDocument {
        let mut document = doc!(
            self.doc_type => record.doc_type.as_str(),
            self.item_key => item_key(&record.area, &record.review_id),
            self.title => record.title.as_str(),
            self.body => record.content.as_str(),
            self.item_title => record.item_title.as_str(),
            self.kind => record.kind.as_str(),
            self.review_id => record.review_id.as_str(),
            self.area => record.area.as_str(),
            self.area_slug => slugify(&record.area),
            self.year => i64::from(record.year),
            self.url => format!("{base_path}{}", record.path),
        );
        let mut facet = |dimension: &str, value: &str| {
            document.add_facet(self.facets, Facet::from_path([dimension, value]));
        };
        facet("area", &record.area);
        facet("year", &record.year.to_string());
        facet("kind", record.kind.as_str());
        facet("type", record.doc_type.as_str());
        for theme in &record.themes {
            facet("theme", theme);
        }
        for agency in &record.agencies {
            facet("agency", agency);
        }
        for component in &record.clear {
            facet("clear", component.slug());
        }
        for theme in &record.themes {
            document.add_text(self.themes, theme);
        }
        for agency in &record.agencies {
            document.add_text(self.agencies, agency);
        }
        for component in &record.clear {
            document.add_text(self.clear, component.slug());
        }
        for organisation in &record.responsible {
            document.add_text(self.responsible, organisation);
        }
        document
    }
}

fn item_key(area: &str, review_id: &str) -> String {
    format!("{}/{}", slugify(area), review_id.to_lowercase())
}

/// The tantivy index of a site's items and strategies.
pub struct SearchIndex {
    dir: PathBuf,
    index: Index,
    reader: IndexReader,
    /// Taken on the first incremental update and kept, since taking
    /// tantivy's writer lock for every saved file would be wasteful.
    writer: Option<IndexWriter>,
    fields: Fields,
    rebuilt: bool,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("dir", &self.dir)
            .field("rebuilt", &self.rebuilt)
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Opens the index in `dir` if it was built from this exact content and
    /// config, and otherwise builds it afresh. A rebuild happens in a
    /// sibling folder that then replaces `dir`, so an interrupted build
    /// never leaves a half-written index behind. `dir` must be missing,
    /// empty or an index this function wrote: anything else is refused
    /// rather than deleted.
    pub fn build(site: &Site, dir: &Path) -> Result<SearchIndex, SearchError> {
        let fingerprint = fingerprint(site);
        if read_fingerprint(dir).as_deref() == Some(fingerprint.as_str()) {
            // A damaged index is rebuilt rather than reported: it is a cache.
            if let Ok(index) = SearchIndex::open(dir) {
                return Ok(index);
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
        let fields = Fields::from_schema(&index.schema()).map_err(failed("reading the schema"))?;
        let mut writer: IndexWriter = index
            .writer_with_num_threads(1, WRITER_MEMORY)
            .map_err(failed("opening the index writer"))?;
        let base_path = site.config.base_path();
        for item in &site.items {
            add_item(&writer, &fields, site, item, &base_path)
                .map_err(failed(&format!("adding {}", item.source.path)))?;
        }
        writer.commit().map_err(failed("committing the index"))?;
        writer
            .wait_merging_threads()
            .map_err(failed("finishing the index"))?;

        let fingerprint_path = staging.path().join(FINGERPRINT_FILE);
        std::fs::write(&fingerprint_path, &fingerprint)
            .map_err(|e| SearchError::io(&fingerprint_path, "writing the index fingerprint", e))?;
        if dir.exists() {
            std::fs::remove_dir_all(dir)
                .map_err(|e| SearchError::io(dir, "removing the outdated index", e))?;
        }
        let built = staging.keep();
        std::fs::rename(&built, dir)
            .map_err(|e| SearchError::io(dir, "moving the new index into place", e))?;
        let mut index = SearchIndex::open(dir)?;
        index.rebuilt = true;
        Ok(index)
    }

    /// Opens an index that `build` wrote.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        let failed = |step: &str| {
            let dir = dir.to_path_buf();
            let step = step.to_string();
            move |source: TantivyError| SearchError::Index { dir, step, source }
        };
        let index = Index::open_in_dir(dir).map_err(failed("opening the index"))?;
        let fields = Fields::from_schema(&index.schema()).map_err(failed(
            "reading the schema (run a build to recreate the index)",
        ))?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(failed("opening the index reader"))?;
        Ok(SearchIndex {
            dir: dir.to_path_buf(),
            index,
            reader,
            writer: None,
            fields,
            rebuilt: false,
        })
    }

    /// Whether `build` had to rebuild, or found the index up to date.
    pub fn rebuilt(&self) -> bool {
        self.rebuilt
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Documents in the index: one per item and one per strategy.
    pub fn doc_count(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Replaces an item and its strategies, for `serve` when a file is
    /// saved. `site` supplies the base path and URLs.
    pub fn update_item(&mut self, site: &Site, item: &Item) -> Result<(), SearchError> {
        let base_path = site.config.base_path();
        let fields = self.fields;
        let key = item_key(&item.area, &item.meta.review_id);
        let step = format!("updating {}", item.source.path);
        self.change(&step, |writer| {
            writer.delete_term(Term::from_field_text(fields.item_key, &key));
            add_item(writer, &fields, site, item, &base_path)
        })
    }

    /// Removes an item and its strategies, e.g. when its file was deleted
    /// or it is no longer publishable.
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

    /// Runs a query: ranked hits with snippets, the total, and facet counts
    /// when asked for.
    pub fn search(&self, query: &Query) -> Result<Results, SearchError> {
        let failed = |step: &str| {
            let dir = self.dir.clone();
            let step = step.to_string();
            move |source: TantivyError| SearchError::Index { dir, step, source }
        };
        let searcher = self.reader.searcher();
        let (text_query, filtered) = self.compile(query)?;

        let top = (query.limit > 0).then(|| TopDocs::with_limit(query.limit));
        let facets = query.facets.then(|| {
            let mut collector = FacetCollector::for_field("facets");
            for dimension in FACET_DIMENSIONS {
                collector.add_facet(Facet::from_path([dimension]));
            }
            collector
        });
        let (top, total, facet_counts) = searcher
            .search(&*filtered, &(top, Count, facets))
            .map_err(failed("running the query"))?;

        let mut snippets = SnippetGenerator::create(&searcher, &*text_query, self.fields.body)
            .map_err(failed("preparing snippets"))?;
        snippets.set_max_num_chars(SNIPPET_CHARS);
        let hits = top
            .unwrap_or_default()
            .into_iter()
            .map(|(score, address)| {
                let document: TantivyDocument = searcher.doc(address)?;
                Ok(self.hit(&document, score, &snippets))
            })
            .collect::<tantivy::Result<Vec<Hit>>>()
            .map_err(failed("reading the matching documents"))?;
        Ok(Results {
            total,
            hits,
            facets: facet_counts.map(|counts| facet_counts_from(&counts)),
        })
    }

    /// The text query alone (for snippets) and with the filters (for
    /// matching). Filters score nothing so that ranking stays by text.
    fn compile(&self, query: &Query) -> Result<(BoxedQuery, BoxedQuery), SearchError> {
        let fields = &self.fields;
        let text_query: BoxedQuery = if query.text.trim().is_empty() {
            Box::new(AllQuery)
        } else {
            let mut parser = QueryParser::for_index(
                &self.index,
                vec![fields.title, fields.body, fields.responsible],
            );
            // Readers expect every word they type to count, as Pagefind does.
            parser.set_conjunction_by_default();
            parser.set_field_boost(fields.title, 2.0);
            parser.set_field_boost(fields.responsible, 1.5);
            // Lenient: a stray quote or colon in a practitioner's query is
            // not an error worth showing them.
            parser.parse_query_lenient(&query.text).0
        };

        let mut filters: Vec<Term> = Vec::new();
        let facet = |dimension: &str, value: &str| {
            Term::from_facet(fields.facets, &Facet::from_path([dimension, value]))
        };
        if let Some(theme) = &query.theme {
            filters.push(facet("theme", &normalise_slug(theme)));
        }
        if let Some(clear) = &query.clear {
            let component = parse_clear(clear).ok_or_else(|| SearchError::InvalidQuery {
                message: format!(
                    "unknown CLEAR category {clear:?}; use one of {}",
                    Clear::ALL.map(|c| c.slug()).join(", ")
                ),
            })?;
            filters.push(facet("clear", component.slug()));
        }
        if let Some(area) = &query.area {
            filters.push(Term::from_field_text(fields.area_slug, &slugify(area)));
        }
        if let Some(year) = query.year {
            filters.push(facet("year", &year.to_string()));
        }
        if let Some(kind) = query.kind {
            filters.push(facet("kind", kind.as_str()));
        }
        if let Some(agency) = &query.agency {
            filters.push(facet("agency", &normalise_slug(agency)));
        }
        if let Some(doc_type) = query.doc_type {
            filters.push(facet("type", doc_type.as_str()));
        }
        let mut clauses: Vec<(Occur, BoxedQuery)> = vec![(Occur::Must, text_query.box_clone())];
        for term in filters {
            let exact = TermQuery::new(term, IndexRecordOption::Basic);
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(exact), 0.0)),
            ));
        }
        Ok((text_query, Box::new(BooleanQuery::new(clauses))))
    }

    fn hit(&self, document: &TantivyDocument, score: f32, snippets: &SnippetGenerator) -> Hit {
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
        // Block breaks are newlines in the stored text; a snippet reads
        // better on one line, and the swap keeps byte offsets.
        let body = text(fields.body).replace('\n', " ");
        let (snippet, snippet_html, highlights) = make_snippet(snippets.snippet(&body), &body);
        Hit {
            title: text(fields.title),
            url: text(fields.url),
            doc_type: DocType::parse(&text(fields.doc_type)).unwrap_or(DocType::Item),
            kind: text(fields.kind),
            review_id: text(fields.review_id),
            item_title: text(fields.item_title),
            area: text(fields.area),
            year: document
                .get_first(fields.year)
                .and_then(|v| v.as_i64())
                .and_then(|y| i32::try_from(y).ok())
                .unwrap_or_default(),
            themes: all(fields.themes),
            clear: all(fields.clear),
            responsible: all(fields.responsible),
            snippet,
            snippet_html,
            highlights,
            score,
        }
    }
}

/// `(plain, html, highlight ranges)`. When nothing in the body matched
/// (a title-only match, or no text query) the body's opening stands in.
fn make_snippet(mut snippet: Snippet, body: &str) -> (String, String, Vec<(usize, usize)>) {
    if snippet.is_empty() || snippet.highlighted().is_empty() {
        let opening = opening_words(body, SNIPPET_CHARS);
        return (
            opening.clone(),
            crate::text::escape_html(&opening),
            Vec::new(),
        );
    }
    snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
    let ranges = snippet
        .highlighted()
        .iter()
        .map(|r| (r.start, r.end))
        .collect();
    (snippet.fragment().to_string(), snippet.to_html(), ranges)
}

/// Up to `max` bytes of whole words, with an ellipsis when cut.
fn opening_words(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text[..end].rfind(' ').unwrap_or(end);
    format!("{}…", text[..cut].trim_end())
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

fn add_item(
    writer: &IndexWriter,
    fields: &Fields,
    site: &Site,
    item: &Item,
    base_path: &str,
) -> tantivy::Result<()> {
    let records = std::iter::once(item_record(site, item)).chain(strategy_records(site, item));
    for record in records {
        writer.add_document(fields.document(&record, base_path))?;
    }
    Ok(())
}

fn facet_counts_from(counts: &tantivy::collector::FacetCounts) -> FacetCounts {
    let dimension = |name: &str, label: &dyn Fn(&str) -> String| -> Vec<FacetCount> {
        let mut values: Vec<FacetCount> = counts
            .get(Facet::from_path([name]))
            .filter_map(|(facet, count)| {
                let value = facet.to_path().last()?.to_string();
                Some(FacetCount {
                    label: label(&value),
                    value,
                    count,
                })
            })
            .collect();
        values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        values
    };
    let same = |v: &str| v.to_string();
    FacetCounts {
        theme: dimension("theme", &|v| theme_label(v)),
        area: dimension("area", &same),
        year: dimension("year", &same),
        kind: dimension("kind", &|v| match v {
            "report" => ItemKind::Report.label().to_string(),
            "summary" => ItemKind::Summary.label().to_string(),
            other => other.to_string(),
        }),
        clear: dimension("clear", &|v| {
            Clear::from_slug(v).map_or_else(|| v.to_string(), |c| c.label().to_string())
        }),
        doc_type: dimension("type", &|v| {
            DocType::parse(v).map_or_else(|| v.to_string(), |t| t.label().to_string())
        }),
    }
}

/// sha256 over everything a document is made from: each item's whole file
/// (front matter too, since strategies and themes live there), its area,
/// the config (base path, area, vocabulary) and the schema version.
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
    use std::collections::{BTreeMap, BTreeSet};
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

    fn all_records(site: &Site) -> Vec<SearchRecord> {
        site.items
            .iter()
            .flat_map(|item| {
                std::iter::once(item_record(site, item)).chain(strategy_records(site, item))
            })
            .collect()
    }

    /// Stems as the index makes them, so that "unique" means unique to the
    /// index and not merely to the spelling.
    fn stems(text: &str) -> Vec<String> {
        let mut analyzer = tantivy::tokenizer::TokenizerManager::default()
            .get("en_stem")
            .expect("tantivy registers en_stem");
        let mut stems = Vec::new();
        analyzer
            .token_stream(text)
            .process(&mut |t| stems.push(t.text.clone()));
        stems
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

    #[test]
    fn a_word_found_in_one_item_only_finds_that_item_first() {
        let built = build_good_site();
        let records = all_records(&built.site);
        let mut holders: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
        for (i, record) in records.iter().enumerate() {
            let text = format!(
                "{} {} {}",
                record.title,
                record.content,
                record.responsible.join(" ")
            );
            for stem in stems(&text) {
                holders.entry(stem).or_default().insert(i);
            }
        }
        let mut checked = 0;
        for (i, record) in records.iter().enumerate() {
            if record.doc_type != DocType::Item {
                continue;
            }
            // A long plain word whose stem no other document has.
            let unique = record
                .content
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() >= 7)
                .find(|w| {
                    let s = stems(w);
                    s.len() == 1 && holders[&s[0]] == BTreeSet::from([i])
                });
            let Some(word) = unique else { continue };
            let results = search(&built.index, Query::text(word));
            assert_eq!(
                results.total, 1,
                "{word:?} should match only {}",
                record.review_id
            );
            let hit = &results.hits[0];
            assert_eq!(hit.review_id, record.review_id, "{word:?}");
            assert_eq!(hit.doc_type, DocType::Item);
            assert_eq!(hit.url, format!("/{}", record.path));
            assert!(
                hit.snippet_html.contains("<mark>"),
                "{word:?}: {}",
                hit.snippet_html
            );
            let (start, end) = hit.highlights[0];
            assert_eq!(
                stems(&hit.snippet[start..end]),
                stems(word),
                "the mark is on the word"
            );
            checked += 1;
        }
        assert!(
            checked >= 6,
            "only {checked} of 8 items had a word of their own"
        );
    }

    #[test]
    fn filters_narrow_the_results() {
        let built = build_good_site();
        let index = &built.index;
        let all = search(
            index,
            Query {
                text: "child".into(),
                ..everything()
            },
        );
        let urls: BTreeSet<&str> = all.hits.iter().map(|h| h.url.as_str()).collect();
        assert_eq!(all.total, all.hits.len());

        let neglect = search(
            index,
            Query {
                text: "child".into(),
                theme: Some("neglect".into()),
                ..everything()
            },
        );
        assert!(
            neglect.total > 0 && neglect.total < all.total,
            "{} of {}",
            neglect.total,
            all.total
        );
        for hit in &neglect.hits {
            assert!(
                urls.contains(hit.url.as_str()),
                "{} is not in the unfiltered results",
                hit.url
            );
            assert!(
                hit.themes.iter().any(|t| t == "neglect"),
                "{}: {:?}",
                hit.url,
                hit.themes
            );
        }
        // The reader's spelling of a theme works as well as the slug.
        let spelled = Query {
            text: "child".into(),
            theme: Some("Neglect".into()),
            ..everything()
        };
        assert_eq!(search(index, spelled).total, neglect.total);

        let year = built.site.items[0].year();
        let in_year = search(
            index,
            Query {
                year: Some(year),
                ..everything()
            },
        );
        let expected: usize = built
            .site
            .items
            .iter()
            .filter(|i| i.year() == year)
            .map(|i| 1 + i.meta.strategies.len())
            .sum();
        assert_eq!(in_year.total, expected);
        assert!(in_year.hits.iter().all(|h| h.year == year));

        let area = |name: &str| {
            search(
                index,
                Query {
                    area: Some(name.into()),
                    ..everything()
                },
            )
            .total
        };
        let docs = index.doc_count() as usize;
        assert_eq!(area("Sample CPC"), docs);
        assert_eq!(area("sample-cpc"), docs);
        assert_eq!(area("Another CPC"), 0);

        let summaries = search(
            index,
            Query {
                kind: Some(ItemKind::Summary),
                doc_type: Some(DocType::Item),
                ..everything()
            },
        );
        let expected = built
            .site
            .items
            .iter()
            .filter(|i| i.meta.kind == ItemKind::Summary)
            .count();
        assert_eq!(summaries.total, expected);
    }

    #[test]
    fn the_clear_filter_leaves_out_strategies_missing_that_component() {
        let built = build_good_site();
        let strategies: Vec<_> = built
            .site
            .items
            .iter()
            .flat_map(|i| &i.meta.strategies)
            .collect();
        let without_review = strategies.iter().filter(|s| !s.has(Clear::Review)).count();
        assert!(
            without_review > 0,
            "the sample has a strategy with a CLEAR gap"
        );
        for spelling in ["review", "R", "Review"] {
            let results = search(
                &built.index,
                Query {
                    clear: Some(spelling.into()),
                    ..everything()
                },
            );
            assert_eq!(
                results.total,
                strategies.len() - without_review,
                "{spelling}"
            );
            assert!(results.hits.iter().all(|h| h.doc_type == DocType::Strategy));
        }
        let unknown = built.index.search(&Query {
            clear: Some("X".into()),
            ..Query::default()
        });
        assert!(
            matches!(unknown, Err(SearchError::InvalidQuery { .. })),
            "{unknown:?}"
        );
    }

    #[test]
    fn a_responsible_organisation_lists_its_strategies() {
        let built = build_good_site();
        let organisation = "Welfare rights service";
        let expected: BTreeSet<String> = all_records(&built.site)
            .into_iter()
            .filter(|r| r.responsible.iter().any(|o| o == organisation))
            .map(|r| format!("/{}", r.path))
            .collect();
        assert!(!expected.is_empty());
        let results = search(&built.index, Query::text(organisation));
        let top: BTreeSet<String> = results
            .hits
            .iter()
            .take(expected.len())
            .map(|h| h.url.clone())
            .collect();
        assert_eq!(top, expected, "{:#?}", results.hits);
        assert!(results.hits[0]
            .responsible
            .iter()
            .any(|o| o == organisation));
        assert_eq!(results.hits[0].doc_type, DocType::Strategy);
        assert!(results.hits[0].url.contains("#strategy-"));
    }

    #[test]
    fn facets_count_what_matched() {
        let built = build_good_site();
        let site = &built.site;
        let results = search(
            &built.index,
            Query {
                doc_type: Some(DocType::Item),
                facets: true,
                limit: 0,
                ..Query::default()
            },
        );
        assert!(results.hits.is_empty());
        assert_eq!(results.total, site.items.len());
        let facets = results.facets.expect("facets were asked for");
        let count = |values: &[FacetCount], value: &str| {
            values
                .iter()
                .find(|f| f.value == value)
                .map_or(0, |f| f.count)
        };
        let reports = site
            .items
            .iter()
            .filter(|i| i.meta.kind == ItemKind::Report)
            .count();
        assert_eq!(count(&facets.kind, "report"), reports as u64);
        assert_eq!(
            count(&facets.kind, "summary"),
            (site.items.len() - reports) as u64
        );
        let neglect = site
            .items
            .iter()
            .filter(|i| i.meta.themes.iter().any(|t| t == "neglect"))
            .count();
        assert_eq!(count(&facets.theme, "neglect"), neglect as u64);
        let label = facets
            .theme
            .iter()
            .find(|f| f.value == "neglect")
            .map(|f| f.label.as_str());
        assert_eq!(label, Some("Neglect"));
        assert_eq!(count(&facets.area, "Sample CPC"), site.items.len() as u64);
        assert_eq!(count(&facets.doc_type, "item"), site.items.len() as u64);
        assert!(
            facets.theme.windows(2).all(|w| w[0].count >= w[1].count),
            "most first"
        );
        // JSON is what `--format json` and /api/search print.
        let json = serde_json::to_value(&facets).expect("facets serialise");
        assert!(json["theme"].is_array());
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
        assert_eq!(
            built.index.doc_count(),
            docs,
            "the item was replaced, not added twice"
        );

        let larder = search(&built.index, Query::text("larder"));
        assert_eq!(
            larder.hits.first().map(|h| h.review_id.as_str()),
            Some(item.meta.review_id.as_str())
        );
        let wombat = search(&built.index, Query::text("wombat"));
        assert_eq!(wombat.total, 1);
        assert_eq!(wombat.hits[0].doc_type, DocType::Strategy);
        assert_eq!(wombat.hits[0].title, "Hold a quarterly wombat review");
        let old_title = search(
            &built.index,
            Query::text(format!("\"{}\"", item.meta.strategies[0].title)),
        );
        assert_eq!(old_title.total, 0, "the old strategy title is gone");

        built
            .index
            .remove_item(&item.area, &item.meta.review_id)
            .expect("remove");
        assert_eq!(
            built.index.doc_count(),
            docs - 1 - item.meta.strategies.len() as u64
        );
        assert_eq!(search(&built.index, Query::text("larder")).total, 0);
        let review_ids: BTreeSet<String> = search(&built.index, everything())
            .hits
            .into_iter()
            .map(|h| h.review_id)
            .collect();
        assert!(!review_ids.contains(&item.meta.review_id));

        // Edits are not a whole-content state the fingerprint can vouch
        // for, so the next build starts again.
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
        assert_eq!(again.doc_count(), built.index.doc_count());

        // Any change to an item's file, front matter included, rebuilds.
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
        assert_eq!(found.hits[0].review_id, built.site.items[0].meta.review_id);
        assert_eq!(found.hits[0].title, "A new title for the learning");
        let leftovers: Vec<_> = std::fs::read_dir(dir.parent().expect("parent"))
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(
            leftovers.len(),
            1,
            "no staging folders left behind: {leftovers:?}"
        );
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

    /// Sizes and latency for docs/search.md; run with `--nocapture`.
    #[test]
    fn index_size_and_query_latency_on_the_sample() {
        let built = build_good_site();
        let bytes: u64 = walkdir::WalkDir::new(built.index.dir())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.metadata().map(|m| m.len()).unwrap_or(0))
            .sum();
        let queries = [
            "neglect",
            "information sharing",
            "Welfare rights service",
            "child",
            "exploitation",
        ];
        let started = Instant::now();
        let rounds = 20;
        for _ in 0..rounds {
            for text in queries {
                let results = search(
                    &built.index,
                    Query {
                        text: text.into(),
                        facets: true,
                        ..Query::default()
                    },
                );
                assert!(results.total > 0, "{text}");
            }
        }
        let per_query = started.elapsed() / (rounds * queries.len() as u32);
        eprintln!(
            "tantivy on good-site: {} documents, {bytes} bytes on disk, {per_query:?} per query with facets and snippets",
            built.index.doc_count()
        );
        assert!(bytes > 0);
    }
}
