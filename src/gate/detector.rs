//! The one trait every detector implements, and what it returns.

use crate::findings::Kind;

/// How sure a detector is that a hit is personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Confidence {
    /// A register match, a valid CHI or NHS number, an email, a postcode,
    /// a title and a name, a gazetteer name: only rewording clears it.
    #[default]
    Certain,
    /// A capitalised word that may be a name, a number that may be a
    /// reference, an infant's exact age: a person may decide it is not
    /// personal data here (severity `needs-decision` until then).
    Uncertain,
}

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
    pub confidence: Confidence,
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
            confidence: Confidence::Certain,
        }
    }

    /// The same hit, marked as one a person may decide.
    pub fn uncertain(mut self) -> Hit {
        self.confidence = Confidence::Uncertain;
        self
    }

    /// The same hit with the given confidence.
    pub fn with_confidence(mut self, confidence: Confidence) -> Hit {
        self.confidence = confidence;
        self
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
    /// The same, for a text the gate runs every detector over: what several
    /// detectors need from it is worked out once. Detectors that use it
    /// override this and make `scan` call it with a fresh
    /// [`PreparedText`].
    fn scan_prepared(&self, text: &PreparedText<'_>, hits: &mut Vec<Hit>) {
        self.scan(text.text, hits)
    }
}

/// What several detectors need from a text, worked out once per text by
/// whichever detector asks first. The detectors that compute each say what
/// it is (`structured::util` the digit windows, `names` the anchors); this
/// module only keeps them, so that it depends on no detector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shared {
    DigitWindows,
    StreetAnchors,
    InstitutionAnchors,
    StreetSpans,
    InstitutionSpans,
}

const SHARED: usize = 5;

/// A text and what several detectors need from it, computed on first use.
pub struct PreparedText<'t> {
    pub text: &'t str,
    spans: [std::cell::OnceCell<Vec<(usize, usize)>>; SHARED],
    letter_digit: std::cell::OnceCell<Vec<usize>>,
    bits: std::cell::OnceCell<Vec<u64>>,
    /// One value of a type only its detectors know (the names detectors'
    /// classified tokens), so that this module depends on none of them.
    value: std::cell::OnceCell<Box<dyn std::any::Any>>,
}

impl<'t> PreparedText<'t> {
    pub fn new(text: &'t str) -> PreparedText<'t> {
        PreparedText {
            text,
            spans: Default::default(),
            letter_digit: std::cell::OnceCell::new(),
            bits: std::cell::OnceCell::new(),
            value: std::cell::OnceCell::new(),
        }
    }

    /// The byte ranges `what` names, computed by `compute` the first time
    /// any detector asks.
    pub fn shared(
        &self,
        what: Shared,
        compute: impl FnOnce(&PreparedText<'t>) -> Vec<(usize, usize)>,
    ) -> &[(usize, usize)] {
        self.spans[what as usize].get_or_init(|| compute(self))
    }

    /// Sets the byte ranges `what` names, found while computing another
    /// (unless some detector already asked for them).
    pub fn set_shared(&self, what: Shared, value: Vec<(usize, usize)>) {
        let _ = self.spans[what as usize].set(value);
    }

    /// Offsets where a letter meets a digit (see
    /// `structured::util::letter_digit`), computed by `compute` once.
    pub fn shared_offsets(
        &self,
        compute: impl FnOnce(&PreparedText<'t>) -> Vec<usize>,
    ) -> &[usize] {
        self.letter_digit.get_or_init(|| compute(self))
    }

    /// One bit a byte of the text (see `structured::util::digits_of`),
    /// computed by `compute` the first time any detector asks.
    pub fn shared_bits(&self, compute: impl FnOnce(&PreparedText<'t>) -> Vec<u64>) -> &[u64] {
        self.bits.get_or_init(|| compute(self))
    }

    /// Sets those bits, found while computing another shared value
    /// (unless some detector already asked for them).
    pub fn set_shared_bits(&self, bits: Vec<u64>) {
        let _ = self.bits.set(bits);
    }

    /// A value of type `T` worked out by `compute` once per text. There is
    /// one such slot: every caller must ask for the same type.
    pub fn shared_value<T: 'static>(&self, compute: impl FnOnce(&PreparedText<'t>) -> T) -> &T {
        self.value
            .get_or_init(|| Box::new(compute(self)))
            .downcast_ref()
            .expect("PreparedText::shared_value asked for two types")
    }
}
