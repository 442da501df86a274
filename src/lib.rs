//! clearhouse publishes the learning from child protection Learning Reviews
//! as a static site, behind an anonymisation gate that fails closed.
//!
//! Data flows one way: `config` → `content` → `gate` → `render` → `search`
//! → `output` → `national`. `cli` only parses arguments and calls these.

// A `Finding` is the error value of loading and parsing: it is built once per
// bad file, never on a hot path, so boxing it would only add noise.
#![allow(clippy::result_large_err)]

pub mod anonymise;
pub mod build;
pub mod cli;
pub mod config;
pub mod content;
pub mod corpus;
pub mod findings;
pub mod gate;
pub mod national;
pub mod output;
pub mod related;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod signoff;
pub mod site;
pub mod source;
