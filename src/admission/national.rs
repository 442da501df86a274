//! How an item from an area's bundle is judged differently on a national
//! site: the area's own site already accepted it, so findings say where
//! the area must correct it, and a theme the national site does not know
//! is counted as a theme of its own rather than refused.

use crate::content::Item;
use crate::findings::{Finding, Kind, Severity};
use crate::text::slugify;

/// Adjusts the findings of `item`, read from `bundle_path`.
pub(super) fn adjust(findings: &mut Vec<Finding>, item: &Item, bundle_path: &str) {
    findings.retain(|f| !is_area_in_path(f, &item.area));
    for finding in findings.iter_mut() {
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

/// A path finding inside the `sources/<area-slug>/` prefix: the area's
/// public name, not personal data.
fn is_area_in_path(finding: &Finding, area: &str) -> bool {
    finding.line == 1
        && finding.rule == "name-in-path"
        && finding.column <= "sources/".len() + slugify(area).len() + 1
}
