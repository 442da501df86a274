//! National aggregation (DESIGN.md, "National aggregation"; docs/national.md).
//!
//! A local site writes `learning-bundle.json` (`bundle`). A national site
//! reads the bundles its `[[sources]]` name (`ingest`, called by `load`;
//! `read` reads the files, capped)
//! and admission judges every item again, running the gate on it with no
//! register (defence in depth: a bundle is content from elsewhere), before
//! one site is built across areas. `statistics` holds the statistics-only
//! records of unpublished reviews (written privately by a local build, read
//! beside the bundle); `stats` counts items and strategies by dimensions,
//! and every figure that includes statistics-only records comes out
//! suppressed; `charts` draws the comparison pages from the same tables;
//! `state` remembers the last bundle used from each area.
//!
//! This module decides nothing about publication (that is `admission`),
//! does not render items (that is `render`) and never writes files (that
//! is `output`).

pub mod bundle;
pub mod charts;
pub mod ingest;
pub mod read;
pub mod state;
pub mod statistics;
pub mod stats;
mod svg;
#[cfg(test)]
pub(crate) mod testing;

use std::collections::BTreeMap;

pub use bundle::{
    read_bundle, write_bundle, BuildTime, Bundle, BundleExtras, BundleItem, Decided, DecidedSpan,
    BUNDLE_FILE,
};
pub use charts::national_pages;
pub use statistics::{StatisticsFile, StatisticsOnly};
pub use stats::{Cell, Counting, Dimension, Table, Unit};

/// What a command carries for the national side beside the published
/// site: the build time, the statistics-only records, and the review
/// desk's decided spans. `load` starts it; admission completes it.
#[derive(Debug)]
pub struct Context {
    /// When this build is (written into the bundle).
    pub built: BuildTime,
    /// Every statistics-only record the figures count: a local site's own
    /// unpublished items; on a national site the sources' files and the
    /// bundle items the national site holds.
    pub statistics: StatisticsOnly,
    /// A local site's statistics file, written by `build` outside the
    /// output; its digest goes into the bundle.
    pub statistics_file: Option<StatisticsFile>,
    /// By item source path: on a local site what the review desk decided
    /// (for the bundle); on a national site what each bundle says the
    /// area decided.
    pub decided: BTreeMap<String, Decided>,
    /// National sites: each area's bundle build time, recorded after a
    /// build (`state::record`).
    pub sources: Vec<(String, BuildTime)>,
}

impl Context {
    /// A context with nothing in it yet, for a build at `built`.
    pub fn new(built: BuildTime) -> Context {
        Context {
            built,
            statistics: StatisticsOnly::default(),
            statistics_file: None,
            decided: BTreeMap::new(),
            sources: Vec::new(),
        }
    }

    /// What the bundle carries beside the items.
    pub fn bundle_extras(&self) -> BundleExtras<'_> {
        BundleExtras {
            built: self.built,
            statistics_sha256: self.statistics_file.as_ref().map(StatisticsFile::sha256),
            decided: &self.decided,
        }
    }
}
