//! Admission: the one place that decides, for every item of a site, whether
//! it is **published**, **held** or **blocked** — for `build`, `check`,
//! `serve` (the whole site and one item at a time) and national sites
//! alike, so that no two commands can disagree.
//!
//! An item is judged by validation (`content::validate`), the gate
//! (`Gate::scan_item`) and the publication rules (`hold`). Any error
//! blocks it; otherwise an item not yet due is held; otherwise it is
//! rendered with the rest of the published site and its page goes through
//! the gate's post-render scan, and only a page that passes makes it
//! published. `check` runs all of this in memory and writes nothing;
//! `build` writes what it admitted. Site-level problems (files that are not
//! items, static files, pages that list items, bundles) are findings of
//! the admission too.
//!
//! This module renders through `render` and scans through the gate; it
//! builds no search index and writes nothing to disk.

mod decide;
mod decided;
pub mod hold;
mod national;
mod pages;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use crate::content::{Day, Vocabulary};
use crate::files::OutputFile;
use crate::findings::{sort_findings, Finding};
use crate::gate::Gate;
use crate::load::{Candidate, LoadedSite};
use crate::render::{PageSink, RenderError};
use crate::site::Site;
use crate::timings::Timings;

pub use decide::Decided;
pub use decided::ItemDecisions;
pub use hold::{holds, HeldItem, Hold, HoldReason};
pub use pages::{Listings, Readmitted};

/// What the admission is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `build` and `check`: held items are not rendered at all.
    Publish,
    /// `serve`: a held item (a draft) also gets a preview of its own page,
    /// marked "DRAFT — not published", which nothing lists or indexes.
    Preview,
}

/// The state of one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// On the site: its rendered pages (output paths) passed the
    /// post-render scan.
    Published { pages: Vec<String> },
    /// Not yet due, and not an error. In preview mode, the output path of
    /// its draft preview.
    Held { hold: Hold, preview: Option<String> },
    /// An error finding (personal data, schema, a duplicate review id, a
    /// register entry in its rendered page…): absent everywhere, and the
    /// build fails.
    Blocked,
}

/// One item's verdict and what was found in it.
#[derive(Debug, Clone)]
pub struct ItemVerdict {
    /// The item's file, relative to the site root (national sites:
    /// `sources/<area>/<review id>.md`).
    pub path: String,
    pub review_id: String,
    pub area: String,
    pub verdict: Verdict,
    /// Errors (when blocked) and warnings (CLEAR gaps and the like).
    pub findings: Vec<Finding>,
}

impl ItemVerdict {
    pub fn is_published(&self) -> bool {
        matches!(self.verdict, Verdict::Published { .. })
    }

    pub fn is_blocked(&self) -> bool {
        self.verdict == Verdict::Blocked
    }

    pub fn hold(&self) -> Option<&Hold> {
        match &self.verdict {
            Verdict::Held { hold, .. } => Some(hold),
            _ => None,
        }
    }

    /// The output paths of what a reader of the preview can open: its
    /// published pages, or its draft preview.
    pub fn pages(&self) -> Vec<String> {
        match &self.verdict {
            Verdict::Published { pages } => pages.clone(),
            Verdict::Held {
                preview: Some(page),
                ..
            } => vec![page.clone()],
            _ => Vec::new(),
        }
    }
}

/// Why an admission could not be completed (nothing is decided then).
#[derive(Debug, thiserror::Error)]
pub enum AdmissionError {
    #[error(transparent)]
    Render(#[from] RenderError),
    /// Tera has no loop limit: rendering has a time budget
    /// (`CLEARHOUSE_RENDER_BUDGET` seconds, default 600).
    #[error("rendering took longer than {seconds} s: a template in theme {theme:?} probably loops for ever; nothing was written")]
    RenderBudget { seconds: u64, theme: String },
    #[error("cannot start rendering: {0}")]
    Thread(std::io::Error),
}

/// The admitted site: every item's verdict, the site as it will be
/// published, and its files.
pub struct Admission {
    site: Arc<Site>,
    gate: Arc<Gate>,
    national: Arc<crate::national::Context>,
    decisions: Arc<crate::decisions::Decisions>,
    mode: Mode,
    today: Day,
    vocabulary: Vocabulary,
    /// Every item read, in the order read.
    pub items: Vec<ItemVerdict>,
    /// Findings that belong to no item: files that could not be read as
    /// items, static files, bundles, pages that list items.
    pub findings: Vec<Finding>,
    /// The published site: every page and data file, the theme's assets,
    /// the national pages or the bundle, and the static files that passed.
    /// Not the browser search bundle, which `build` makes from these.
    pub files: Vec<OutputFile>,
    /// Preview mode: the draft previews of held items; never published.
    pub previews: Vec<OutputFile>,
    /// The output paths of the files given to the build's [`PageWriter`]
    /// as soon as they passed their scan: not in `files`.
    pub written: Vec<String>,
    pub timings: Timings,
}

impl Admission {
    /// The site as it will be published: config and published items.
    pub fn site(&self) -> &Site {
        &self.site
    }

    /// A shared handle on the site, for work that outlives a borrow (the
    /// browser search bundle `serve` builds in the background).
    pub fn site_arc(&self) -> Arc<Site> {
        Arc::clone(&self.site)
    }

    /// The gate the site was judged by.
    pub fn gate(&self) -> &Gate {
        &self.gate
    }

    /// A shared handle on the gate.
    pub fn gate_arc(&self) -> Arc<Gate> {
        Arc::clone(&self.gate)
    }

    /// The national side of the admitted site: its build time, the
    /// statistics-only records its figures count (and, on a local site,
    /// the file `build` writes for them), and the decided spans.
    pub fn national(&self) -> Arc<crate::national::Context> {
        Arc::clone(&self.national)
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// True when nothing blocks publication: no blocked item and no
    /// site-level error. Held items do not count.
    pub fn ok(&self) -> bool {
        !self.findings.iter().any(Finding::is_error) && !self.items.iter().any(|i| i.is_blocked())
    }

    /// Every finding, items' and site-level, sorted by place.
    pub fn all_findings(&self) -> Vec<Finding> {
        let mut all: Vec<Finding> = self
            .items
            .iter()
            .flat_map(|i| i.findings.iter().cloned())
            .chain(self.findings.iter().cloned())
            .collect();
        sort_findings(&mut all);
        // Messages may quote values (an unknown theme, a TOML error): what
        // the gate finds in them is masked before anything prints them.
        self.gate.redact(&mut all);
        all
    }

    /// The held items, by path.
    pub fn held(&self) -> Vec<HeldItem> {
        let mut held: Vec<HeldItem> = self
            .items
            .iter()
            .filter_map(|item| {
                let hold = item.hold()?;
                Some(HeldItem {
                    path: item.path.clone(),
                    review_id: item.review_id.clone(),
                    reason: hold.primary().code(),
                    reasons: hold.reasons.iter().map(|r| r.code()).collect(),
                    message: hold.describe(),
                    due: hold.due().map(|d| d.to_string()),
                    help: hold.primary().help(&item.path),
                    label: hold.primary().label(),
                })
            })
            .collect();
        held.sort_by(|a, b| a.path.cmp(&b.path));
        held
    }

    /// How many items are published.
    pub fn published(&self) -> usize {
        self.site.items.len()
    }
}

/// Admits a whole site: decides every item, renders the published site
/// and its previews, and scans what was rendered.
pub fn admit(loaded: LoadedSite, mode: Mode) -> Result<Admission, AdmissionError> {
    decide(loaded, mode).render(None, None, None)
}

/// Where a build writes each rendered page and data file as soon as it has
/// passed its post-render scan, while the rest of the site renders, instead
/// of holding the whole site until the last page (on a 20,000-item site,
/// 3 GB). The writer keeps its own errors, and the build reports them.
/// Writing early publishes nothing: a build swaps its new folder in only
/// once everything has passed, and any scan hit fails a build.
pub type PageWriter = Box<dyn FnMut(&[OutputFile]) + Send>;

/// The first half of [`admit`], for `build`: every item decided but not
/// yet rendered, so that the build can start the browser search index on
/// the site to be published and have rendered pages streamed to it.
pub fn decide(loaded: LoadedSite, mode: Mode) -> Decided {
    decide::decide(loaded, mode)
}

/// One item of `serve`'s changed items: its path, and the item read again
/// (or why it could not be, or `None` when the file is gone).
pub type Changed = (String, Option<Result<Candidate, Finding>>);

/// Where the render time budget comes from.
fn render_budget() -> u64 {
    std::env::var("CLEARHOUSE_RENDER_BUDGET")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(600)
}

/// A page sink that drops what it is given.
fn no_sink() -> PageSink {
    Box::new(|_| {})
}
