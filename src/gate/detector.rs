//! The one trait every detector implements, and what it returns.

use crate::findings::Kind;

/// One piece of suspected personal data in a text, as byte offsets into
/// the text the detector was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Short stable rule name, e.g. `title-name`, `chi-checksum`.
    pub rule: &'static str,
    /// One sentence for the Reviewer: what this looks like and why it matters.
    pub message: String,
}

impl Hit {
    pub fn new(
        start: usize,
        end: usize,
        kind: Kind,
        rule: &'static str,
        message: impl Into<String>,
    ) -> Hit {
        Hit {
            start,
            end,
            kind,
            rule,
            message: message.into(),
        }
    }
}

/// A detector looks at plain text and reports hits. It knows nothing of
/// files, positions in files, printing or configuration beyond what it was
/// built with; the gate maps hits back to sources.
///
/// Detectors must be linear in the text: one pass with regex / aho-corasick
/// automata built once in `new`, never a regex compiled per call.
pub trait Detector: Send + Sync {
    /// Stable name, used in benchmarks and diagnostics.
    fn name(&self) -> &'static str;
    /// Appends every hit in `text` to `hits`.
    fn scan(&self, text: &str, hits: &mut Vec<Hit>);
}
