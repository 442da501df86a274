//! Findings: what validation and the gate report, and nothing about how
//! they are printed (see `report` for the human, JSON and SARIF printers).

use serde::Serialize;

use crate::source::SourceText;

/// What a finding is about. The serialised names are the contract in
/// DESIGN.md ("kind is one of …").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Register,
    PersonName,
    Date,
    Age,
    Address,
    Postcode,
    Phone,
    Email,
    NhsNumber,
    ChiNumber,
    NiNumber,
    Reference,
    Vehicle,
    Url,
    Institution,
    /// A bidirectional override, embedding or isolate (control character
    /// or markup) in content: text that reads differently than it is
    /// written.
    Bidi,
    Publication,
    Signoff,
    Schema,
    Clear,
    Theme,
    /// A special file (FIFO, socket, device) or a symbolic link where the
    /// site's files are read: never opened or followed.
    File,
    /// A file in `static/` the gate cannot read or make safe (active SVG,
    /// HTML or XML, fonts, images that do not parse).
    Static,
    /// A resource a reader's browser would fetch from another site.
    Remote,
    /// Input over a resource limit (`[limits]` in config.toml).
    Limit,
    /// A blank of the skeleton `clearhouse new` writes, still unfilled.
    Placeholder,
    /// A part of a report the guidance asks for is missing (a warning).
    Structure,
    /// clearhouse itself failed while checking a file (a bug): the item is
    /// held back, since what was not checked cannot be published.
    Internal,
}

impl Kind {
    pub const ALL: [Kind; 28] = [
        Kind::Register,
        Kind::PersonName,
        Kind::Date,
        Kind::Age,
        Kind::Address,
        Kind::Postcode,
        Kind::Phone,
        Kind::Email,
        Kind::NhsNumber,
        Kind::ChiNumber,
        Kind::NiNumber,
        Kind::Reference,
        Kind::Vehicle,
        Kind::Url,
        Kind::Institution,
        Kind::Bidi,
        Kind::Publication,
        Kind::Signoff,
        Kind::Schema,
        Kind::Clear,
        Kind::Theme,
        Kind::File,
        Kind::Static,
        Kind::Remote,
        Kind::Limit,
        Kind::Placeholder,
        Kind::Structure,
        Kind::Internal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Register => "register",
            Kind::PersonName => "person-name",
            Kind::Date => "date",
            Kind::Age => "age",
            Kind::Address => "address",
            Kind::Postcode => "postcode",
            Kind::Phone => "phone",
            Kind::Email => "email",
            Kind::NhsNumber => "nhs-number",
            Kind::ChiNumber => "chi-number",
            Kind::NiNumber => "ni-number",
            Kind::Reference => "reference",
            Kind::Vehicle => "vehicle",
            Kind::Url => "url",
            Kind::Institution => "institution",
            Kind::Bidi => "bidi",
            Kind::Publication => "publication",
            Kind::Signoff => "signoff",
            Kind::Schema => "schema",
            Kind::Clear => "clear",
            Kind::Theme => "theme",
            Kind::File => "file",
            Kind::Static => "static",
            Kind::Remote => "remote",
            Kind::Limit => "limit",
            Kind::Placeholder => "placeholder",
            Kind::Structure => "structure",
            Kind::Internal => "internal",
        }
    }

    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Personal-data kinds: their matched text is masked in every printer
    /// unless `--reveal` is given. `remote` is masked too: the address of a
    /// remote resource may carry an identifier. A `bidi` finding covers the
    /// text its controls reorder, which may be a name written backwards, so
    /// it is masked too.
    pub fn is_personal_data(self) -> bool {
        !matches!(
            self,
            Kind::Publication
                | Kind::Signoff
                | Kind::Schema
                | Kind::Clear
                | Kind::Theme
                | Kind::File
                | Kind::Static
                | Kind::Limit
                | Kind::Placeholder
                | Kind::Structure
                | Kind::Internal
        )
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a finding weighs on publication. The serialised names are the
/// contract in DESIGN.md ("severity is …"); see `docs/findings.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Blocks publication until the text changes.
    Error,
    /// An uncertain finding (a capitalised word that may be a name, a
    /// number that may be a reference, an infant's exact age): blocks
    /// publication like an error until a person decides it.
    NeedsDecision,
    /// Reported, never blocks.
    Warning,
    /// A finding a person has decided is not personal data here: reported
    /// so the decision stays visible, never blocks.
    Decided,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::NeedsDecision => "needs-decision",
            Severity::Warning => "warning",
            Severity::Decided => "decided",
        }
    }

    /// Whether a finding of this severity stops a build.
    pub fn blocks(self) -> bool {
        matches!(self, Severity::Error | Severity::NeedsDecision)
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem at one place. `line`/`column` are 1-based, in the file as
/// written; `column` and `length` count characters.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub length: usize,
    pub kind: Kind,
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    /// The matched text with all but its first letter of each word masked.
    pub masked: String,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The person's decision that made this finding `decided` (see
    /// `decisions`); `check --format json` carries it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<DecisionNote>,
    /// The matched text in clear; printed only with `--reveal`.
    #[serde(skip)]
    pub matched: String,
    /// The whole source line, for snippets (masked by printers).
    #[serde(skip)]
    pub source_line: Option<String>,
    /// Character ranges of `source_line` that hold what the gate finds,
    /// masked by printers unless revealing (see `Gate::redact`): a finding
    /// of another kind on that line (a schema error) must not show it.
    #[serde(skip)]
    pub line_masks: Vec<std::ops::Range<usize>>,
}

impl Finding {
    /// A finding about a byte range of a source file.
    pub fn at(
        source: &SourceText,
        start: usize,
        end: usize,
        kind: Kind,
        rule: &str,
        severity: Severity,
        message: impl Into<String>,
    ) -> Finding {
        let (line, column) = source.line_col(start);
        let end = crate::source::floor_char_boundary(&source.text, end.max(start));
        let start = crate::source::floor_char_boundary(&source.text, start);
        let matched = source.text[start..end].to_string();
        Finding {
            path: source.path.clone(),
            line,
            column,
            length: matched.chars().count(),
            kind,
            rule: rule.to_string(),
            severity,
            message: message.into(),
            masked: mask(&matched, kind),
            help: None,
            decision: None,
            matched,
            source_line: Some(source.line_text(line).to_string()),
            line_masks: Vec::new(),
        }
    }

    /// A finding about a whole file (or a place with no text, such as a
    /// missing key), at line `line` (1 when unknown).
    pub fn file(
        path: impl Into<String>,
        line: usize,
        kind: Kind,
        rule: &str,
        severity: Severity,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            path: path.into(),
            line: line.max(1),
            column: 1,
            length: 0,
            kind,
            rule: rule.to_string(),
            severity,
            message: message.into(),
            masked: String::new(),
            help: None,
            decision: None,
            matched: String::new(),
            source_line: None,
            line_masks: Vec::new(),
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
        self
    }

    /// Whether this finding blocks publication: an error, or an
    /// uncertain finding no person has decided yet (`needs-decision`).
    /// Every caller that asks "does this block?" asks this.
    pub fn is_error(&self) -> bool {
        self.severity.blocks()
    }
}

/// A decision as findings carry it: what was decided, by which role,
/// when. It names no person and holds no text of the finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionNote {
    /// `not-personal-data`.
    pub decision: String,
    /// The role of who decided (`reviewer`, `review-team-chair`…).
    pub role: String,
    /// When, as an RFC 3339 date-time.
    pub decided: String,
}

/// Masks personal data so logs never carry it: each word keeps its first
/// character, the rest become `*`. Non-personal kinds are returned as is.
pub fn mask(text: &str, kind: Kind) -> String {
    if !kind.is_personal_data() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut at_word_start = true;
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.push(if at_word_start { c } else { '*' });
            at_word_start = false;
        } else {
            out.push(c);
            at_word_start = true;
        }
    }
    // A digit-led identifier keeps no digits at all: the first digit of a
    // CHI number is part of a date of birth.
    if text.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return out
            .chars()
            .map(|c| if c.is_alphanumeric() { '*' } else { c })
            .collect();
    }
    out
}

/// Sorted, de-duplicated findings: by path, line, column, kind.
pub fn sort_findings(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.kind, &a.rule)
            .cmp(&(&b.path, b.line, b.column, b.kind, &b.rule))
    });
    findings.dedup_by(|a, b| {
        a.path == b.path
            && a.line == b.line
            && a.column == b.column
            && a.kind == b.kind
            && a.length == b.length
    });
}

/// Turns a TOML or serde error into a `schema` finding at the right line,
/// with a "did you mean" for unknown keys.
pub fn toml_error_finding(
    source: &SourceText,
    base: usize,
    error: &toml::de::Error,
    what: &str,
) -> Finding {
    let message = error.message().trim().to_string();
    let (start, end) = error
        .span()
        .map(|s| (base + s.start, base + s.end))
        .unwrap_or((base, base));
    let mut finding = Finding::at(
        source,
        start,
        end,
        Kind::Schema,
        "toml",
        Severity::Error,
        format!("{what}: {message}"),
    );
    let help = match unknown_key_suggestion(&message) {
        Some((unknown, Some(known))) => format!("`{unknown}` is not a known key; did you mean `{known}`?"),
        Some((unknown, None)) => format!("`{unknown}` is not a known key; remove it or see the front matter reference in the README"),
        None => "fix the TOML at this line; strings need closing quotes and dates are written 2025-03-01".to_string(),
    };
    finding.help = Some(help);
    finding
}

/// From serde's "unknown field `x`, expected one of `a`, `b`", the unknown
/// key and the closest expected one.
fn unknown_key_suggestion(message: &str) -> Option<(String, Option<String>)> {
    let rest = message.split("unknown field `").nth(1)?;
    let (unknown, expected) = rest.split_once('`')?;
    let best = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|k| (strsim::normalized_damerau_levenshtein(unknown, k), k))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k.to_string());
    Some((unknown.to_string(), best))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undecided_findings_block_and_decided_ones_do_not() {
        let at = |severity| Finding::file("a.md", 1, Kind::PersonName, "r", severity, "m");
        assert!(at(Severity::Error).is_error());
        assert!(at(Severity::NeedsDecision).is_error());
        assert!(!at(Severity::Decided).is_error());
        assert!(!at(Severity::Warning).is_error());
        let json = serde_json::to_value(at(Severity::NeedsDecision)).unwrap();
        assert_eq!(json["severity"], "needs-decision");
        let json = serde_json::to_value(at(Severity::Decided)).unwrap();
        assert_eq!(json["severity"], "decided");
    }

    #[test]
    fn masks_keep_only_word_initials() {
        assert_eq!(mask("Mrs Galbraith", Kind::PersonName), "M** G********");
        assert_eq!(mask("0101011234", Kind::ChiNumber), "**********");
        assert_eq!(mask("unknown key", Kind::Schema), "unknown key");
    }

    #[test]
    fn unknown_keys_suggest_the_nearest() {
        let (unknown, best) = unknown_key_suggestion(
            "unknown field `embargo_untill`, expected one of `decision`, `proceedings`, `embargo_until`",
        )
        .unwrap();
        assert_eq!(unknown, "embargo_untill");
        assert_eq!(best.as_deref(), Some("embargo_until"));
    }
}
