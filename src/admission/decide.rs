//! The decision before rendering: every item validated, gated and checked
//! against the publication rules; review ids compared; static files gated.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::hold::{holds, Hold};
use super::{national, ItemVerdict, Mode, Verdict};
use crate::config::Limits;
use crate::content::{Day, Item, Vocabulary};
use crate::decisions::{Decisions, ItemText};
use crate::findings::{Finding, Kind, Severity};
use crate::gate::Gate;
use crate::load::{Candidate, LoadedSite, Origin};
use crate::site::Site;
use crate::statics::Statics;
use crate::timings::Timings;

/// Every item decided, the published ones not yet rendered (see
/// [`Decided::render`]).
pub struct Decided {
    /// Shared, so that a build can index it for search while it renders.
    pub(super) site: Arc<Site>,
    pub(super) gate: Arc<Gate>,
    pub(super) decisions: Arc<Decisions>,
    /// The national side: build time, statistics-only records, decisions.
    pub(super) national: crate::national::Context,
    pub(super) mode: Mode,
    pub(super) today: Day,
    pub(super) vocabulary: Vocabulary,
    /// Verdicts so far: blocked and held ones are final; `Published` ones
    /// wait for their pages to be rendered and scanned.
    pub(super) items: Vec<ItemVerdict>,
    /// Held items, kept for their previews in preview mode.
    pub(super) held: Vec<Item>,
    pub(super) findings: Vec<Finding>,
    pub(super) statics: Statics,
    pub(super) timings: Timings,
}

impl Decided {
    /// The site that will be published if every page passes its scan.
    pub fn site(&self) -> &Site {
        &self.site
    }

    /// A shared handle on [`Decided::site`], for work beside rendering
    /// (the build's tantivy index).
    pub fn site_arc(&self) -> Arc<Site> {
        Arc::clone(&self.site)
    }

    /// True when nothing decided so far blocks publication.
    pub fn ok(&self) -> bool {
        !self.findings.iter().any(Finding::is_error)
            && !self.items.iter().any(|i| i.is_blocked())
            && self.statics.findings.iter().all(|f| !f.is_error())
            && self.statics.files.iter().all(|f| f.is_clean())
    }
}

/// What judging one item found: its findings and the reasons it is held.
struct Judged {
    findings: Vec<Finding>,
    holds: Vec<super::HoldReason>,
}

pub(super) fn decide(loaded: LoadedSite, mode: Mode) -> Decided {
    let vocabulary = loaded.vocabulary();
    let LoadedSite {
        config,
        root,
        today,
        gate,
        decisions,
        items,
        mut findings,
        mut national,
        mut timings,
    } = loaded;
    let judged: Vec<Judged> = timings.time("validate and gate", || {
        items
            .par_iter()
            .map(|candidate| {
                judge(
                    candidate,
                    &vocabulary,
                    &gate,
                    &decisions,
                    today,
                    &config.limits,
                )
            })
            .collect()
    });
    let mut verdicts = Vec::with_capacity(items.len());
    let mut published = Vec::new();
    let mut held = Vec::new();
    // Review ids are compared ignoring case (URLs are made from them in
    // lower case), within an area: two areas may use the same id.
    let mut seen: HashMap<(String, String), String> = HashMap::new();
    for (Candidate { item, origin }, judged) in items.into_iter().zip(judged) {
        let Judged {
            mut findings,
            holds,
        } = judged;
        let key = (item.area.clone(), item.meta.review_id.to_lowercase());
        match seen.get(&key) {
            Some(first) => findings.push(duplicate(&item, first)),
            None => {
                seen.insert(key, item.source.path.clone());
            }
        }
        if let Origin::Bundle(bundle) = &origin {
            national::adjust(
                &mut findings,
                &item,
                bundle,
                national.decided.get(&item.source.path),
            );
        }
        let verdict = if findings.iter().any(Finding::is_error) {
            Verdict::Blocked
        } else if !holds.is_empty() {
            Verdict::Held {
                hold: Hold { reasons: holds },
                preview: None,
            }
        } else {
            Verdict::Published { pages: Vec::new() }
        };
        verdicts.push(ItemVerdict {
            path: item.source.path.clone(),
            review_id: item.meta.review_id.clone(),
            area: item.area.clone(),
            verdict: verdict.clone(),
            findings,
        });
        if matches!(verdict, Verdict::Held { .. }) {
            national.statistics.add_unpublished(&item);
        }
        match verdict {
            Verdict::Published { .. } => published.push(item),
            Verdict::Held { .. } if mode == Mode::Preview => held.push(item),
            _ => {}
        }
    }
    national::complete(&mut national, &config, &published, &verdicts);
    let statics = timings.time("static files", || {
        crate::statics::prepare(&root, &gate, &config.limits)
    });
    // The site's own theme files: refused functions, and personal data
    // written into a template or stylesheet, which every page would carry.
    findings.extend(crate::render::theme::check_overrides(
        &root,
        &config.theme,
        &gate,
    ));
    // The title and area reach every page, extra themes name pages.
    if let Ok(text) = std::fs::read_to_string(root.join(crate::config::CONFIG_FILE)) {
        findings.extend(gate.scan_config(crate::config::CONFIG_FILE, &text));
    }
    Decided {
        site: Arc::new(Site::new(config, root, today, published)),
        gate: Arc::new(gate),
        decisions: Arc::new(decisions),
        national,
        mode,
        today,
        vocabulary,
        items: verdicts,
        held,
        findings,
        statics,
        timings,
    }
}

/// Validation, the gate, the review desk's decisions and the publication
/// rules for one item: the one place decisions are applied, so that
/// `check`, `build`, `serve` and the desk agree.
fn judge(
    candidate: &Candidate,
    vocabulary: &Vocabulary,
    gate: &Gate,
    decisions: &Decisions,
    today: Day,
    limits: &Limits,
) -> Judged {
    let item = &candidate.item;
    let mut findings = crate::content::validate(item, vocabulary);
    findings.extend(gate.scan_item(item));
    // Remote resources and oversized tables in the body.
    findings.extend(crate::render::markdown::body_findings(item, limits));
    // A national site has no key: an area's decisions reach it as
    // decided spans in the bundle.
    if candidate.origin == Origin::Local {
        decisions.apply(&ItemText::of(item), &mut findings);
    }
    Judged {
        findings,
        holds: holds(item, today),
    }
}

/// Judges one item on its own, as [`decide`] judges each: `serve` uses it
/// for an edited item.
pub(super) fn judge_one(
    candidate: &Candidate,
    vocabulary: &Vocabulary,
    gate: &Gate,
    decisions: &Decisions,
    context: &crate::national::Context,
    today: Day,
    limits: &Limits,
) -> (Vec<Finding>, Vec<super::HoldReason>) {
    let Judged {
        mut findings,
        holds,
    } = judge(candidate, vocabulary, gate, decisions, today, limits);
    if let Origin::Bundle(bundle) = &candidate.origin {
        national::adjust(
            &mut findings,
            &candidate.item,
            bundle,
            context.decided.get(&candidate.item.source.path),
        );
    }
    (findings, holds)
}

/// The finding for an item whose review id an earlier item already uses.
fn duplicate(item: &Item, first: &str) -> Finding {
    let offset = item.offset_of("review_id");
    Finding::at(
        &item.source,
        offset,
        offset + item.meta.review_id.len() + 2,
        Kind::Schema,
        "duplicate-review-id",
        Severity::Error,
        format!(
            "review_id {} is already used by {first} (review ids are compared ignoring case)",
            item.meta.review_id
        ),
    )
    .with_help("every item needs its own review_id: its URL is made from it")
}
