//! What is searched, once, for both engines: one document per published
//! item, holding the text a reader reads on its page (title, body,
//! effective practice, strategies) and, apart from it, the words that
//! name its themes.
//!
//! | part | Pagefind (the page it is given) | tantivy field | weight in ranking |
//! |---|---|---|---|
//! | title | `<h1>` in the body, and meta `title` | `content`, `title` | +1 when a query word is in it |
//! | body, effective practice, strategies | the body, in reading order; each strategy under `<h3 id="strategy-N">` (a sub-result) | `content` | by the number of places a word occurs |
//! | theme labels and their synonyms | meta `themes` (searched, never shown) | `themes` | +1.5 when a query word is in it |
//! | review id | meta `review_id` | `review_id` | found, not ranked |
//!
//! Pagefind is not given the rendered item page but [`SearchDoc::html`],
//! a page of the same text built from the same blocks that the tantivy
//! document is built from ([`SearchDoc::content`]) — or rather what its
//! parser reads from that page, [`SearchDoc::parsed`], made without
//! writing or parsing the page — so that both indexes
//! hold the same words at the same positions: nothing a theme puts on the
//! page (navigation, labels, metadata lists) reaches an excerpt, and the
//! command line and the browser cannot drift apart.

use std::collections::BTreeMap;

use serde::Serialize;

use super::records::plain_text;
use crate::analyze::push_block;
use crate::content::vocab::{builtin_synonyms, theme_label};
use crate::content::{strategy_anchor, Clear, Item, ItemKind, Strategy};
use crate::site::Site;

/// One item as search sees it.
#[derive(Debug, Clone)]
pub struct SearchDoc {
    /// Site path without the base path, e.g. `learning/sa-2024-01/`.
    pub path: String,
    pub review_id: String,
    pub title: String,
    pub area: String,
    pub year: i32,
    pub kind: ItemKind,
    /// Theme slugs.
    pub themes: Vec<String>,
    /// Agency slugs.
    pub agencies: Vec<String>,
    /// The title, then the body one block per line, then effective
    /// practice: what comes before the strategies.
    pub blocks: Vec<String>,
    pub strategies: Vec<StrategyDoc>,
    /// Theme labels and the words practitioners use for them, `; `-separated.
    pub theme_words: String,
    /// Its filter values ([`crate::site::item_filters`]).
    filters: BTreeMap<&'static str, Vec<String>>,
}

/// One strategy: a sub-result of its item.
#[derive(Debug, Clone, Serialize)]
pub struct StrategyDoc {
    /// `strategy-N`, the id of its heading on the item page.
    pub anchor: String,
    pub title: String,
    /// The title, then each CLEAR component's text.
    #[serde(skip)]
    pub blocks: Vec<String>,
    /// CLEAR components present in full.
    #[serde(serialize_with = "clear_letters")]
    pub clear: Vec<Clear>,
    /// Organisations responsible, as written.
    pub responsible: Vec<String>,
    /// Its own themes, or its item's.
    #[serde(skip)]
    pub themes: Vec<String>,
}

fn clear_letters<S: serde::Serializer>(clear: &[Clear], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&clear.iter().map(|c| c.letter()).collect::<String>())
}

pub use crate::site::search_layout::FILTERS;

impl SearchDoc {
    /// `synonyms` are the site's own additions (`[taxonomy.synonyms]`).
    pub fn new(site: &Site, item: &Item) -> SearchDoc {
        let meta = &item.meta;
        let mut blocks = vec![meta.title.clone()];
        blocks.extend(
            plain_text(item.body())
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string),
        );
        for practice in &meta.effective_practice {
            push(&mut blocks, &practice.title);
            push(&mut blocks, &practice.why);
        }
        let strategies = meta
            .strategies
            .iter()
            .enumerate()
            .map(|(i, s)| StrategyDoc::new(i, s, &meta.themes))
            .collect();
        let synonyms = &site.config.taxonomy.synonyms;
        let theme_words = meta
            .themes
            .iter()
            .flat_map(|theme| {
                std::iter::once(theme_label(theme))
                    .chain(builtin_synonyms(theme).iter().map(|s| s.to_string()))
                    .chain(synonyms.get(theme).into_iter().flatten().cloned())
            })
            .collect::<Vec<_>>()
            .join("; ");
        SearchDoc {
            path: site.item_path(item),
            review_id: meta.review_id.clone(),
            title: meta.title.clone(),
            area: item.area.clone(),
            year: item.year(),
            kind: meta.kind,
            themes: meta.themes.clone(),
            agencies: meta.agencies.clone(),
            blocks,
            strategies,
            theme_words,
            filters: crate::site::item_filters(item),
        }
    }

    /// The words of the page in reading order, as Pagefind reads them:
    /// what tantivy indexes as `content`.
    pub fn content(&self) -> String {
        self.content_in_parts(|_| {})
    }

    /// `content()`, handing `part` the item's own text and then each
    /// strategy's as they are joined, so that a caller can count where
    /// each strategy starts without joining the text again.
    pub fn content_in_parts(&self, mut part: impl FnMut(&str)) -> String {
        let mut text = joined(&self.blocks);
        part(&text);
        for strategy in &self.strategies {
            let more = joined(&strategy.blocks);
            part(&more);
            if !more.is_empty() {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(&more);
            }
        }
        text
    }

    /// The text before the strategies (the item's own excerpt comes from it).
    pub fn own_content(&self) -> String {
        joined(&self.blocks)
    }

    /// Pagefind filters: the values `/search/` offers.
    pub fn filters(&self) -> BTreeMap<&'static str, Vec<String>> {
        self.filters.clone()
    }

    /// The bytes of the item's and its strategies' text blocks, to size
    /// the buffers `html` and `parsed` build.
    fn text_len(&self) -> usize {
        self.blocks.iter().map(String::len).sum::<usize>()
            + self
                .strategies
                .iter()
                .flat_map(|s| &s.blocks)
                .map(String::len)
                .sum::<usize>()
    }

    /// The page Pagefind indexes for this item, at the item's URL: the
    /// same blocks as [`SearchDoc::content`], one element each, all of
    /// weight 1 (ranking is ours, see `rank`); strategies under headings
    /// with their page ids, so that Pagefind returns them as sub-results,
    /// each heading's `data-pagefind-title` carrying the strategy's title,
    /// CLEAR letters and responsible organisations as JSON for
    /// `search.js`; the filters, the review id and the theme words in an
    /// ignored block, as metadata and filters only.
    pub fn html(&self) -> String {
        let text = self.text_len();
        let mut html = String::with_capacity(text + text / 4 + 1024);
        html.push_str("<!doctype html><html lang=\"en\"><body><main data-pagefind-body><div data-pagefind-weight=\"1\">");
        let mut blocks = self.blocks.iter();
        if let Some(title) = blocks.next() {
            html.push_str("<h1 data-pagefind-meta=\"title\">");
            html.push_str(&crate::text::escape_html_keep_apostrophes(title));
            html.push_str("</h1>");
        }
        for block in blocks {
            element(&mut html, "p", block);
        }
        for strategy in &self.strategies {
            let data = serde_json::to_string(strategy).unwrap_or_default();
            html.push_str(&format!(
                "<h3 id=\"{}\" data-pagefind-title=\"{}\">",
                strategy.anchor,
                crate::text::escape_html_keep_apostrophes(&data)
            ));
            html.push_str(&crate::text::escape_html_keep_apostrophes(
                strategy.blocks.first().map_or("", String::as_str),
            ));
            html.push_str("</h3>");
            for block in strategy.blocks.iter().skip(1) {
                element(&mut html, "p", block);
            }
        }
        html.push_str("</div><div data-pagefind-ignore>");
        html.push_str(&format!(
            "<span data-pagefind-meta=\"review_id\">{}</span><span data-pagefind-sort=\"path\">{}</span>",
            crate::text::escape_html_keep_apostrophes(&self.review_id),
            crate::text::escape_html_keep_apostrophes(&self.path)
        ));
        if !self.theme_words.is_empty() {
            html.push_str(&format!(
                "<span data-pagefind-meta=\"themes\">{}</span>",
                crate::text::escape_html_keep_apostrophes(&self.theme_words)
            ));
        }
        for (name, values) in self.filters() {
            for value in values {
                html.push_str(&format!(
                    "<span data-pagefind-filter=\"{name}\">{}</span>",
                    crate::text::escape_html_keep_apostrophes(&value)
                ));
            }
        }
        html.push_str("</div></main></body></html>");
        html
    }
}

impl SearchDoc {
    /// What Pagefind reads from [`SearchDoc::html`], made from the blocks
    /// without writing and parsing the page (the parse was most of
    /// Pagefind's time adding a page). It follows Pagefind's parser
    /// (`vendor/pagefind`, patch 9) on that page's shape: each block's
    /// text in its own element, a full stop after a block whose last
    /// character as written in the page (escaped) ends a sentence, the
    /// headings' automatic weights inside the explicit weight, an anchor
    /// before each strategy heading, and the ignored block's metadata,
    /// sort and filters. The text goes in as it reads once decoded; the
    /// metadata, filters and anchor text go in escaped, as Pagefind
    /// decodes them itself. `search::pagefind`'s tests hold the two equal.
    pub fn parsed(&self) -> ::pagefind::api::ParsedPage {
        use crate::text::escape_html_keep_apostrophes as escape;
        use ::pagefind::api::normalize_content;
        let text = self.text_len();
        let mut digest = String::with_capacity(text + text / 8 + 256);
        let mut meta = BTreeMap::new();
        let mut anchor_content = BTreeMap::new();
        let mut anchor_titles = BTreeMap::new();
        digest.push_str(" ___PAGEFIND_WEIGHT___1  ");
        let mut blocks = self.blocks.iter();
        if let Some(title) = blocks.next() {
            let escaped = escape(title);
            if !escaped.is_empty() {
                meta.insert("title".to_string(), normalize_content(&escaped));
            }
            parsed_block(&mut digest, title, Some(7));
        }
        for block in blocks {
            parsed_block(&mut digest, block, None);
        }
        for (n, strategy) in self.strategies.iter().enumerate() {
            let id = format!("{n}:{}", strategy.anchor);
            digest.push_str(" ___PAGEFIND_ANCHOR___h3:");
            digest.push_str(&id);
            digest.push(' ');
            let data = serde_json::to_string(strategy).unwrap_or_default();
            let title = normalize_content(&escape(&data));
            if !title.is_empty() {
                anchor_titles.insert(id.clone(), title);
            }
            let heading = strategy.blocks.first().map_or("", String::as_str);
            anchor_content.insert(id, escape(heading));
            parsed_block(&mut digest, heading, Some(5));
            for block in strategy.blocks.iter().skip(1) {
                parsed_block(&mut digest, block, None);
            }
        }
        digest.push_str("  ___END_PAGEFIND_WEIGHT___ ");
        let mut sort = BTreeMap::new();
        let value = |text: &str| {
            Some(escape(text))
                .filter(|e| !e.is_empty())
                .map(|e| normalize_content(&e))
        };
        if let Some(review_id) = value(&self.review_id) {
            meta.insert("review_id".to_string(), review_id);
        }
        if let Some(path) = value(&self.path) {
            sort.insert("path".to_string(), path);
        }
        if !self.theme_words.is_empty() {
            if let Some(themes) = value(&self.theme_words) {
                meta.insert("themes".to_string(), themes);
            }
        }
        let mut filters: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (name, values) in &self.filters {
            for v in values {
                if let Some(v) = value(v) {
                    filters.entry(name.to_string()).or_default().push(v);
                }
            }
        }
        ::pagefind::api::ParsedPage {
            digest,
            filters,
            sort,
            meta,
            anchor_content,
            anchor_titles,
            has_custom_body: true,
            force_inclusion: false,
            has_html_element: true,
            has_old_bundle_reference: false,
            has_default_ui_reference: false,
            language: "en".to_string(),
        }
    }
}

/// One block of [`SearchDoc::parsed`]'s text as Pagefind reads its element
/// (`weight`: a heading's automatic weight): the text as it reads decoded
/// (the escaper drops control characters), a full stop when the escaped
/// text's last character ends a sentence (an escaped character ends in
/// `;`, which does not), and spaces around it. Only the words matter to
/// Pagefind, which splits the text at whitespace.
fn parsed_block(digest: &mut String, text: &str, weight: Option<u8>) {
    if let Some(weight) = weight {
        digest.push_str(" ___PAGEFIND_AUTO_WEIGHT___");
        digest.push(char::from(b'0' + weight));
        digest.push(' ');
    }
    digest.push(' ');
    let dropped = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    if text.chars().any(dropped) {
        digest.extend(text.chars().filter(|&c| !dropped(c)));
    } else {
        digest.push_str(text);
    }
    let last = text.chars().rev().find(|&c| !dropped(c));
    if let Some(last) = last {
        if !matches!(last, '&' | '<' | '>' | '"') && ::pagefind::api::ends_sentence(last) {
            digest.push('.');
        }
    }
    digest.push(' ');
    if weight.is_some() {
        digest.push_str(" ___END_PAGEFIND_WEIGHT___ ");
    }
}

impl StrategyDoc {
    fn new(index: usize, strategy: &Strategy, item_themes: &[String]) -> StrategyDoc {
        let mut blocks = vec![strategy.title.clone()];
        for text in [
            strategy.case_for_change.as_deref(),
            strategy.learning.as_deref(),
            strategy.evidence.as_deref(),
        ]
        .into_iter()
        .flatten()
        {
            push(&mut blocks, text);
        }
        push(&mut blocks, &strategy.responsible.join("; "));
        if let Some(review) = &strategy.review {
            for text in [review.outcomes.as_deref(), review.resources.as_deref()]
                .into_iter()
                .flatten()
            {
                push(&mut blocks, text);
            }
        }
        StrategyDoc {
            anchor: strategy_anchor(index),
            title: strategy.title.clone(),
            blocks,
            clear: Clear::ALL
                .into_iter()
                .filter(|c| strategy.has(*c))
                .collect(),
            responsible: strategy.responsible.clone(),
            themes: if strategy.themes.is_empty() {
                item_themes.to_vec()
            } else {
                strategy.themes.clone()
            },
        }
    }

    /// Its words as Pagefind reads them.
    pub fn content(&self) -> String {
        joined(&self.blocks)
    }
}

fn push(blocks: &mut Vec<String>, text: &str) {
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        blocks.push(line.trim().to_string());
    }
}

/// The blocks as Pagefind reads them ([`crate::analyze::as_block`]), the
/// empty ones left out, one space between; made in one string.
fn joined(blocks: &[String]) -> String {
    let mut text = String::with_capacity(blocks.iter().map(|b| b.len() + 2).sum());
    for block in blocks {
        let before = text.len();
        if before > 0 {
            text.push(' ');
        }
        if !push_block(&mut text, block) {
            text.truncate(before);
        }
    }
    text
}

fn element(html: &mut String, tag: &str, text: &str) {
    html.push('<');
    html.push_str(tag);
    html.push('>');
    html.push_str(&crate::text::escape_html_keep_apostrophes(text));
    html.push_str("</");
    html.push_str(tag);
    html.push('>');
}

#[cfg(test)]
mod tests {
    use super::joined;
    use crate::analyze::as_block;

    #[test]
    fn blocks_are_joined_as_pagefind_reads_each_one() {
        let blocks: Vec<String> = ["", "  Why it  worked ", "\n", "Was it?", "(CAMHS)", "  "]
            .map(String::from)
            .to_vec();
        let each: Vec<String> = blocks
            .iter()
            .map(|b| as_block(b))
            .filter(|b| !b.is_empty())
            .collect();
        assert_eq!(joined(&blocks), each.join(" "));
        assert_eq!(joined(&blocks), "Why it worked. Was it? (CAMHS).");
        assert_eq!(joined(&[" ".to_string()]), "");
    }
}
