//! What is searchable: one record per item and one per strategy, built from
//! the content model. Both indexes read these, so the browser and the
//! command line find the same things under the same filter values.

use std::collections::BTreeMap;

use pulldown_cmark::{Event, Options, Parser, TagEnd};
use serde::Serialize;

use crate::content::vocab::theme_label;
use crate::content::{Clear, Item, ItemKind, Strategy};
use crate::site::Site;

pub use crate::site::DocType;

/// One searchable thing. Values are the machine forms (theme slugs, CLEAR
/// slugs); [`SearchRecord::filters`] turns them into what readers see.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchRecord {
    pub doc_type: DocType,
    /// Site-relative link without the base path, e.g.
    /// `learning/sa-2024-01/` or `learning/sa-2024-01/#strategy-2`.
    pub path: String,
    pub title: String,
    /// Plain text that is searched: the body for an item, the five CLEAR
    /// components and the responsible organisations for a strategy.
    pub content: String,
    pub review_id: String,
    /// The title of the report or summary (for a strategy, its parent's).
    pub item_title: String,
    pub area: String,
    /// Year the item was published.
    pub year: i32,
    pub kind: ItemKind,
    /// Theme slugs. A strategy with no themes of its own takes its item's,
    /// so that a theme filter never loses it.
    pub themes: Vec<String>,
    /// Agencies involved in the review; strategies inherit their item's.
    pub agencies: Vec<String>,
    /// CLEAR components present in full (empty for items).
    pub clear: Vec<Clear>,
    /// Organisations responsible (strategies only).
    pub responsible: Vec<String>,
}

impl SearchRecord {
    /// Pagefind filters, by the names `/search/` offers: theme, clear, area,
    /// year, agency, kind and type. Item pages must carry the same values in
    /// their `data-pagefind-filter` attributes (render can call this on
    /// [`item_record`]) or the browser's filters would split in two.
    pub fn filters(&self) -> BTreeMap<String, Vec<String>> {
        let mut filters = BTreeMap::new();
        let mut put = |name: &str, values: Vec<String>| {
            if !values.is_empty() {
                filters.insert(name.to_string(), values);
            }
        };
        put(
            "theme",
            self.themes.iter().map(|t| theme_label(t)).collect(),
        );
        put(
            "clear",
            self.clear.iter().map(|c| c.label().to_string()).collect(),
        );
        put("area", vec![self.area.clone()]);
        put("year", vec![self.year.to_string()]);
        put(
            "agency",
            self.agencies.iter().map(|a| theme_label(a)).collect(),
        );
        put("kind", vec![self.kind.label().to_string()]);
        put("type", vec![self.doc_type.label().to_string()]);
        filters
    }

    /// Pagefind metadata shown with a result.
    pub fn meta(&self) -> BTreeMap<String, String> {
        let mut meta = BTreeMap::new();
        meta.insert("title".to_string(), self.title.clone());
        meta.insert("review_id".to_string(), self.review_id.clone());
        meta.insert("item_title".to_string(), self.item_title.clone());
        meta.insert("area".to_string(), self.area.clone());
        meta.insert("year".to_string(), self.year.to_string());
        meta.insert("type".to_string(), self.doc_type.as_str().to_string());
        meta
    }
}

pub use crate::content::strategy_anchor;

/// One record per strategy of every published item: what Pagefind needs
/// beyond the item pages, so that a strategy can be found on its own.
pub fn records_for(site: &Site) -> Vec<SearchRecord> {
    site.items
        .iter()
        .flat_map(|item| strategy_records(site, item))
        .collect()
}

/// An item as one record: its body as plain text plus its effective
/// practice, which lives in front matter but is part of the learning.
pub fn item_record(site: &Site, item: &Item) -> SearchRecord {
    let meta = &item.meta;
    let mut content = plain_text(item.body());
    for practice in &meta.effective_practice {
        push_paragraph(&mut content, &practice.title);
        push_paragraph(&mut content, &practice.why);
    }
    SearchRecord {
        doc_type: DocType::Item,
        path: site.item_path(item),
        title: meta.title.clone(),
        content,
        review_id: meta.review_id.clone(),
        item_title: meta.title.clone(),
        area: item.area.clone(),
        year: item.year(),
        kind: meta.kind,
        themes: meta.themes.clone(),
        agencies: meta.agencies.clone(),
        clear: Vec::new(),
        responsible: Vec::new(),
    }
}

/// The item's strategies, in the order the page shows them.
pub fn strategy_records(site: &Site, item: &Item) -> Vec<SearchRecord> {
    let item_path = site.item_path(item);
    item.meta
        .strategies
        .iter()
        .enumerate()
        .map(|(i, strategy)| SearchRecord {
            doc_type: DocType::Strategy,
            path: format!("{item_path}#{}", strategy_anchor(i)),
            title: strategy.title.clone(),
            content: strategy_text(strategy),
            review_id: item.meta.review_id.clone(),
            item_title: item.meta.title.clone(),
            area: item.area.clone(),
            year: item.year(),
            kind: item.meta.kind,
            themes: if strategy.themes.is_empty() {
                item.meta.themes.clone()
            } else {
                strategy.themes.clone()
            },
            agencies: item.meta.agencies.clone(),
            clear: Clear::ALL
                .into_iter()
                .filter(|c| strategy.has(*c))
                .collect(),
            responsible: strategy.responsible.clone(),
        })
        .collect()
}

/// The CLEAR components under their headings, so that a search for "case
/// for change" or "evidence" can land on the right strategy.
fn strategy_text(strategy: &Strategy) -> String {
    let mut text = String::new();
    let mut section = |label: &str, body: &str| {
        if !body.trim().is_empty() {
            push_paragraph(&mut text, &format!("{label}: {}", body.trim()));
        }
    };
    section(
        Clear::CaseForChange.label(),
        strategy.case_for_change.as_deref().unwrap_or(""),
    );
    section(
        Clear::Learning.label(),
        strategy.learning.as_deref().unwrap_or(""),
    );
    section(
        Clear::Evidence.label(),
        strategy.evidence.as_deref().unwrap_or(""),
    );
    section(
        Clear::Responsibility.label(),
        &strategy.responsible.join("; "),
    );
    if let Some(review) = &strategy.review {
        let by = review
            .by
            .map(|m| format!("by {}", m.long()))
            .unwrap_or_default();
        let parts = [
            review.outcomes.as_deref().unwrap_or(""),
            by.as_str(),
            review.resources.as_deref().unwrap_or(""),
        ];
        let joined: Vec<&str> = parts.into_iter().filter(|p| !p.trim().is_empty()).collect();
        section(Clear::Review.label(), &joined.join(". "));
    }
    text
}

fn push_paragraph(text: &mut String, paragraph: &str) {
    if paragraph.trim().is_empty() {
        return;
    }
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(paragraph.trim());
}

/// Markdown to the words a reader sees, one line per block. Raw HTML is
/// dropped as markup; link and image URLs are dropped, their text kept.
pub fn plain_text(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::FootnoteDefinition,
            ) => {
                let kept = text.trim_end_matches(' ').len();
                text.truncate(kept);
                if !text.ends_with('\n') && !text.is_empty() {
                    text.push('\n');
                }
            }
            // Without a separator, adjacent cells would run together into
            // one word.
            Event::End(TagEnd::TableCell) => text.push(' '),
            _ => {}
        }
    }
    text.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_keeps_words_and_drops_markup() {
        let md = "## Heading\n\nSome *emphasis* and a [link](https://example.org/x).\n\n\
                  <div class=\"x\">raw</div>\n\n| a | b |\n|---|---|\n| c | d |\n";
        let text = plain_text(md);
        assert_eq!(text, "Heading\nSome emphasis and a link.\na b\nc d");
    }

    #[test]
    fn strategy_anchors_count_from_one() {
        assert_eq!(strategy_anchor(0), "strategy-1");
        assert_eq!(strategy_anchor(3), "strategy-4");
    }
}
