//! A draft preview: a held item's own page, as `serve` shows it to a
//! review team before the sign-off meeting, marked "DRAFT — not
//! published" with why it is held and what was found in it. Nothing lists,
//! indexes or publishes a draft; `build` never renders one.

use serde::Serialize;

use super::library::Library;
use super::theme::Theme;
use super::{pages, render_pages, RenderError};
use crate::content::Item;
use crate::files::OutputFile;
use crate::site::Site;

/// The attribute that marks a draft banner, so that a theme overriding
/// `item.html` without it still gets one.
pub const DRAFT_MARKER: &str = "data-clearhouse-draft";

/// `draft` in `item.html` on a draft preview (undefined on published pages).
#[derive(Debug, Clone, Serialize)]
pub struct Draft {
    /// Why it is not published, in words ("awaiting COG sign-off").
    pub reasons: Vec<String>,
    /// What validation and the gate found, with the matched text masked.
    pub findings: Vec<DraftFinding>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DraftFinding {
    /// `line:column` in the item's file.
    pub place: String,
    pub kind: String,
    pub severity: String,
    pub message: String,
    /// The matched text, masked (empty when there is none).
    pub masked: String,
}

/// The item's page with the draft banner.
pub fn render_draft(
    site: &Site,
    theme: &Theme,
    item: &Item,
    draft: &Draft,
) -> Result<OutputFile, RenderError> {
    let lib = Library::single(site, item);
    let page = pages::item_page(&lib, &lib.items[0]).with("draft", draft);
    let file = render_pages(theme, &lib, &mut [page])?.remove(0);
    let html = String::from_utf8_lossy(&file.bytes);
    if html.contains(DRAFT_MARKER) {
        return Ok(file);
    }
    let banner = fallback_banner(draft);
    let at = html
        .find("<body")
        .and_then(|open| html[open..].find('>').map(|end| open + end + 1))
        .unwrap_or(0);
    let marked = format!("{}{banner}{}", &html[..at], &html[at..]);
    Ok(OutputFile {
        bytes: marked.into_bytes(),
        ..file
    })
}

/// The banner for themes whose `item.html` has none.
fn fallback_banner(draft: &Draft) -> String {
    let escape = crate::text::escape_html;
    let reasons: Vec<String> = draft.reasons.iter().map(|r| escape(r)).collect();
    let mut banner = format!(
        "<div class=\"draft-banner\" role=\"note\" {DRAFT_MARKER}><p><strong>DRAFT — not published.</strong> {}.</p>",
        reasons.join("; ")
    );
    if !draft.findings.is_empty() {
        banner.push_str("<ul>");
        for f in &draft.findings {
            banner.push_str(&format!(
                "<li>{} [{}] {}{}</li>",
                escape(&f.place),
                escape(&f.kind),
                escape(&f.message),
                if f.masked.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", escape(&f.masked))
                }
            ));
        }
        banner.push_str("</ul>");
    }
    banner.push_str("</div>");
    banner
}
