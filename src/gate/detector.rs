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

/// The anchor words of the names detectors: street words and institution
/// words, each found once per text for the detector that reports them and
/// the person-name detector that steps round them.
#[derive(Debug, Clone, Copy)]
pub enum Anchors {
    Street,
    Institution,
}

/// A text and what several detectors need from it, computed on first use.
pub struct PreparedText<'t> {
    pub text: &'t str,
    digit_windows: std::cell::OnceCell<Vec<(usize, usize)>>,
    street_anchors: std::cell::OnceCell<Vec<(usize, usize)>>,
    institution_anchors: std::cell::OnceCell<Vec<(usize, usize)>>,
    street_spans: std::cell::OnceCell<Vec<(usize, usize)>>,
    institution_spans: std::cell::OnceCell<Vec<(usize, usize)>>,
    letter_digit: std::cell::OnceCell<Vec<usize>>,
}

impl<'t> PreparedText<'t> {
    pub fn new(text: &'t str) -> PreparedText<'t> {
        PreparedText {
            text,
            digit_windows: std::cell::OnceCell::new(),
            street_anchors: std::cell::OnceCell::new(),
            institution_anchors: std::cell::OnceCell::new(),
            street_spans: std::cell::OnceCell::new(),
            institution_spans: std::cell::OnceCell::new(),
            letter_digit: std::cell::OnceCell::new(),
        }
    }

    /// Offsets `j` in the digit windows where a letter meets a digit:
    /// `text[j - 1]` and `text[j]` are an ASCII letter and a digit (either
    /// way round), or `text[j]` is a space or hyphen between the two. Plates
    /// (`WX 12345`) and handles (`kayz2011`) start from these.
    pub fn letter_digit(&self) -> &[usize] {
        self.letter_digit.get_or_init(|| {
            let bytes = self.text.as_bytes();
            let mut out = Vec::new();
            for &(from, to) in self.digit_windows() {
                for j in from.max(1)..to {
                    let (a, b) = (bytes[j - 1], bytes[j]);
                    let meet = |x: u8, y: u8| {
                        (x.is_ascii_alphabetic() && y.is_ascii_digit())
                            || (x.is_ascii_digit() && y.is_ascii_alphabetic())
                    };
                    if meet(a, b)
                        || (matches!(b, b' ' | b'-') && j + 1 < to && meet(a, bytes[j + 1]))
                    {
                        out.push(j);
                    }
                }
            }
            out
        })
    }

    /// The street addresses or named institutions in the text, found once
    /// in the windows around their anchor words: reported by their own
    /// detectors, and stepped round by the person-name detector.
    pub fn anchored_spans(&self, which: Anchors) -> &[(usize, usize)] {
        let cell = match which {
            Anchors::Street => &self.street_spans,
            Anchors::Institution => &self.institution_spans,
        };
        cell.get_or_init(|| super::names::anchored_spans(self.text, self.anchors(which), which))
    }

    /// Where the street or institution anchor words are.
    pub fn anchors(&self, which: Anchors) -> &[(usize, usize)] {
        match which {
            Anchors::Street => self
                .street_anchors
                .get_or_init(|| super::names::street_anchor_matches(self.text)),
            Anchors::Institution => self
                .institution_anchors
                .get_or_init(|| super::names::institution_anchor_matches(self.text)),
        }
    }

    /// The parts of the text near a digit, where every identifier that
    /// holds a digit lies (see `structured::util::digit_windows`): four
    /// regex detectors search only there, and share one pass to find them.
    pub fn digit_windows(&self) -> &[(usize, usize)] {
        self.digit_windows
            .get_or_init(|| super::structured::util::digit_windows(self.text))
    }
}
