//! Writing the site: everything is built in memory and scanned (by the
//! gate's post-render scan) before it gets here; this module writes it to a
//! temporary folder beside the target and swaps it in atomically only when
//! all of it passed. A failed or killed build leaves the previous site byte
//! for byte as it was. It decides nothing about what is published.
//!
//! It replaces only a folder the build made: `target` says which folders
//! may be written (missing, empty, or marked as this site's output).

mod target;
mod write;

pub use target::{Target, MARKER};
pub use write::{check_output_dir, failpoint, write_atomically, OutputError, Staging};
