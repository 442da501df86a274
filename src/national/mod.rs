//! National aggregation (DESIGN.md, "National aggregation"; docs/national.md).
//!
//! A local site writes `learning-bundle.json` (`bundle`). A national site
//! reads the bundles its `[[sources]]` name (`ingest`, called by `load`)
//! and admission judges every item again, running the gate on it with no
//! register (defence in depth: a bundle is content from elsewhere), before
//! one site is built across areas. `stats` counts items and strategies by
//! dimensions with small-number suppression; `charts` draws the comparison
//! pages from the same tables.
//!
//! This module decides nothing about publication (that is `admission`),
//! does not render items (that is `render`) and never writes files (that
//! is `output`).

pub mod bundle;
pub mod charts;
pub mod ingest;
pub mod stats;
mod svg;
#[cfg(test)]
pub(crate) mod testing;

pub use bundle::{read_bundle, write_bundle, Bundle, BundleItem, BUNDLE_FILE};
pub use charts::national_pages;
pub use stats::{stats, Cell, Dimension, Table, Unit};
