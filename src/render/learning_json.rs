//! `learning.json`: the site's open data. Every published item's metadata,
//! effective practice and strategies with their CLEAR completeness, with
//! absolute URLs. No Markdown bodies: the bundle for national aggregation
//! carries those. The fields are documented in `docs/learning-json.md`;
//! change that file and the schema version together.

use serde::Serialize;

use super::error::RenderError;
use super::library::{ItemView, Library, StrategyView};
use crate::content::Strategy;
use crate::files::OutputFile;

pub const SCHEMA: &str = "clearhouse-learning/1";

#[derive(Serialize)]
struct LearningJson<'a> {
    schema: &'static str,
    title: &'a str,
    base_url: &'a str,
    scope: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    area: Option<&'a str>,
    generated: String,
    item_count: usize,
    strategy_count: usize,
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    review_id: &'a str,
    title: &'a str,
    kind: &'a str,
    area: &'a str,
    url: String,
    published: &'a str,
    year: i32,
    period: Option<&'a str>,
    age_band: Option<&'static str>,
    trigger: Option<&'static str>,
    themes: &'a [String],
    agencies: &'a [String],
    summary: &'a str,
    effective_practice: &'a [crate::content::EffectivePractice],
    strategies: Vec<JsonStrategy<'a>>,
}

#[derive(Serialize)]
struct JsonStrategy<'a> {
    title: &'a str,
    url: String,
    themes: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    case_for_change: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    learning: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<&'a str>,
    responsible: &'a [String],
    review: Option<&'a crate::content::ReviewPlan>,
    status: Option<&'static str>,
    clear: JsonClear,
}

#[derive(Serialize)]
struct JsonClear {
    score: usize,
    complete: bool,
    present: Vec<&'static str>,
    missing: Vec<&'static str>,
}

pub fn learning_json(lib: &Library) -> Result<OutputFile, RenderError> {
    let config = &lib.site.config;
    let items: Vec<JsonItem> = lib
        .site
        .items
        .iter()
        .zip(&lib.items)
        .map(|(item, view)| {
            let meta = &item.meta;
            JsonItem {
                review_id: &meta.review_id,
                title: &meta.title,
                kind: meta.kind.as_str(),
                area: &item.area,
                url: lib.absolute(&view.card.path),
                published: &view.card.published,
                year: view.card.year,
                period: meta.period.as_deref(),
                age_band: meta.age_band.map(|a| a.as_str()),
                trigger: meta.trigger.map(|t| t.as_str()),
                themes: &meta.themes,
                agencies: &meta.agencies,
                summary: &view.card.summary,
                effective_practice: &meta.effective_practice,
                strategies: meta
                    .strategies
                    .iter()
                    .zip(&view.strategies)
                    .map(|(s, v)| json_strategy(lib, s, v, view))
                    .collect(),
            }
        })
        .collect();
    let document = LearningJson {
        schema: SCHEMA,
        title: &config.title,
        base_url: &lib.base_url,
        scope: if lib.site.is_national() {
            "national"
        } else {
            "local"
        },
        area: config.area.as_deref().filter(|_| !lib.site.is_national()),
        generated: lib.site.today.to_string(),
        item_count: items.len(),
        strategy_count: items.iter().map(|i| i.strategies.len()).sum(),
        items,
    };
    let bytes = serde_json::to_vec_pretty(&document).map_err(|source| RenderError::Json {
        file: "learning.json".into(),
        source,
    })?;
    Ok(OutputFile::new("learning.json", bytes))
}

fn json_strategy<'a>(
    lib: &Library,
    strategy: &'a Strategy,
    view: &StrategyView,
    item: &ItemView,
) -> JsonStrategy<'a> {
    JsonStrategy {
        title: &strategy.title,
        url: format!("{}#{}", lib.absolute(&item.card.path), view.id),
        themes: &strategy.themes,
        case_for_change: strategy.case_for_change.as_deref(),
        learning: strategy.learning.as_deref(),
        evidence: strategy.evidence.as_deref(),
        responsible: &strategy.responsible,
        review: strategy.review.as_ref(),
        status: strategy.status.map(|s| s.as_str()),
        clear: JsonClear {
            score: view.present_count,
            complete: view.complete,
            present: view
                .components
                .iter()
                .filter(|c| c.present)
                .map(|c| c.slug)
                .collect(),
            missing: view.missing_slugs.clone(),
        },
    }
}
