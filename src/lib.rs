//! clearhouse publishes the learning from child protection Learning Reviews
//! as a static site, behind an anonymisation gate that fails closed.
//!
//! The modules are stages, listed below in the order they may use each
//! other: a module uses only the stages above it (docs/architecture.md;
//! `tests/it/architecture.rs` checks it). Every command loads a site,
//! hands it to `admission` — the one place that decides what is
//! published, held or blocked — and then indexes, writes or serves what
//! was admitted. `cli` only parses arguments and calls these.

// A `Finding` is the error value of loading and parsing: it is built once per
// bad file, never on a hot path, so boxing it would only add noise.
#![allow(clippy::result_large_err)]

// Shared types and helpers, below every stage.
pub mod files;
pub mod findings;
pub mod source;
pub mod text;
pub mod timings;
pub mod vocab;

// The stages.
pub mod admission;
pub mod analyze;
pub mod config;
pub mod content;
pub mod decisions;
pub mod gate;
pub mod load;
pub mod national;
pub mod output;
pub mod related;
pub mod render;
pub mod search;
pub mod site;
pub mod statics;

// The commands, over the stages.
pub mod anonymise;
pub mod build;
pub mod cli;
pub mod corpus;
pub mod report;
pub mod scaffold;
pub mod serve;
pub mod signoff;
