//! How an item from an area's bundle is judged differently on a national
//! site: the area's own site already accepted it, so findings say where
//! the area must correct it, a theme the national site does not know is
//! counted as a theme of its own rather than refused, and what the area's
//! review desk decided is not personal data is honoured — on exactly the
//! spans the bundle lists, for the item as it was decided on. And what the
//! national side needs from a local admission: the statistics file and
//! the decided spans the bundle carries.

use std::collections::BTreeMap;

use super::decided::item_decisions;
use super::ItemVerdict;
use crate::config::{Config, Scope};
use crate::content::Item;
use crate::decisions::{self, DecidedSpan, ItemText};
use crate::findings::{Finding, Kind, Severity};
use crate::national::{Context, Decided, StatisticsFile};
use crate::text::slugify;

/// Adjusts the findings of `item`, read from `bundle_path`, whose area
/// decided `decided` (from its bundle).
pub(super) fn adjust(
    findings: &mut Vec<Finding>,
    item: &Item,
    bundle_path: &str,
    decided: Option<&Decided>,
) {
    findings.retain(|f| !is_area_in_path(f, &item.area));
    for finding in findings.iter_mut() {
        if finding.severity == Severity::NeedsDecision && is_decided(item, finding, decided) {
            // A person in the area decided this very span; the national
            // gate's findings anywhere else still block.
            finding.severity = Severity::Decided;
            finding.message = format!(
                "{} (decided not personal data here by {}'s review desk)",
                finding.message, item.area
            );
            continue;
        }
        if finding.kind == Kind::Theme && finding.is_error() {
            // The area's own site accepted this theme; a national site that
            // refused it would lose the area's learning over a word.
            finding.severity = Severity::Warning;
            finding.message = format!(
                "{} (the national site counts it as a theme of its own)",
                finding.message
            );
            finding.help = Some("add it to [taxonomy] extra_themes in this site's config.toml, or ask the area to use a theme from the built-in vocabulary".into());
        } else if finding.is_error() {
            finding.help = Some(
                format!(
                    "this item is {} from {} ({}); the area must correct it on its own site and rebuild its bundle. {}",
                    item.meta.review_id,
                    item.area,
                    bundle_path,
                    finding.help.as_deref().unwrap_or("")
                )
                .trim_end()
                .to_string(),
            );
        }
    }
}

/// Whether the area decided `finding`: the same kind of finding on the
/// same span of the same field, of the item whose checksum the decisions
/// were made on (the bundle reader refused any other, and a national site
/// computes the item's digest again from what it was sent).
fn is_decided(item: &Item, finding: &Finding, decided: Option<&Decided>) -> bool {
    let Some(decided) = decided.filter(|d| d.sha256 == item.signature) else {
        return false;
    };
    decisions::decided_span(&ItemText::of(item), finding)
        .filter(|span| in_exact_field(item, span))
        .is_some_and(|span| decided.spans.contains(&span))
}

/// Whether a span's field is written exactly as its value (the body, or a
/// front matter string without escapes), so that its line and column mean
/// the same in the area's file and in the one a national site writes
/// again from the bundle's values. Spans elsewhere never travel, and a
/// national site never honours one: the finding then stays open there.
fn in_exact_field(item: &Item, span: &DecidedSpan) -> bool {
    span.field == "body"
        || item
            .spans
            .strings
            .iter()
            .any(|s| s.key == span.field && s.exact)
}

/// A path finding inside the `sources/<area-slug>/` prefix: the area's
/// public name, not personal data.
fn is_area_in_path(finding: &Finding, area: &str) -> bool {
    finding.line == 1
        && finding.rule == "name-in-path"
        && finding.column <= "sources/".len() + slugify(area).len() + 1
}

/// Completes a local site's national side once every item is decided:
/// the statistics file of its unpublished items (which `build` writes
/// outside the output, and whose digest the bundle carries), and the
/// spans of its published items that a person decided are not personal
/// data (which the bundle carries for the national gate).
pub(super) fn complete(
    context: &mut Context,
    config: &Config,
    published: &[Item],
    verdicts: &[ItemVerdict],
) {
    if config.scope != Scope::Local {
        return;
    }
    let area = config.area.clone().unwrap_or_default();
    context.statistics_file = Some(StatisticsFile::new(
        &area,
        context.built,
        &context.statistics,
    ));
    // The review desk's decided spans (`Admission::decided_spans`), made
    // before the site is rendered because the bundle is rendered with it.
    let mut decided = BTreeMap::new();
    for item in published {
        let Some(decisions) = item_decisions(item, verdicts) else {
            continue;
        };
        let mut spans: Vec<_> = decisions
            .spans
            .into_iter()
            .filter(|span| in_exact_field(item, span))
            .collect();
        spans.sort();
        spans.dedup();
        if !spans.is_empty() {
            decided.insert(
                item.source.path.clone(),
                Decided {
                    sha256: decisions.sha256,
                    spans,
                },
            );
        }
    }
    context.decided = decided;
}
