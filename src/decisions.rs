//! Decisions: a person's record, made on the review desk, that an
//! uncertain finding (`needs-decision`) is not personal data where it is.
//!
//! They live in `decisions.toml` at the site root, beside the content they
//! are about, and hold no personal data: each entry binds the item's
//! `review_id` and the finding's kind to keyed hashes (HMAC-SHA256) of the
//! normalised span and of the sentence around it, with what was decided,
//! the role of who decided (never a name) and when. The key lives in
//! `private/decisions.key` (created on first use, never copied or
//! published; hosted builds pass it as `CLEARHOUSE_DECISIONS_KEY`), so that
//! nobody holding the public file can test a list of names against it.
//!
//! A decision stops matching as soon as the span or its sentence changes:
//! the hashes are of the text as it is. Only `needs-decision` findings can
//! be decided; register matches and certain findings never.
//!
//! This module reads and writes the file and says which findings a
//! decision covers; `admission` applies it, in one place, for every
//! command (docs/review-desk.md).

use std::path::Path;

use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha2::Sha256;

use crate::findings::{DecisionNote, Finding, Kind, Severity};
use crate::source::SourceText;

/// The decisions file, relative to the site root.
pub const DECISIONS_FILE: &str = "decisions.toml";
/// The key file, relative to the site root.
pub const KEY_FILE: &str = "private/decisions.key";
/// The environment variable that carries the key (hex) for hosted builds.
pub const KEY_ENV: &str = "CLEARHOUSE_DECISIONS_KEY";
/// What a decision says about a finding. One value today; the field is
/// there so that the file says it in words.
pub const NOT_PERSONAL_DATA: &str = "not-personal-data";

/// Who may record a decision: roles, never names (a decision file is
/// committed with the content).
pub const ROLES: [(&str, &str); 5] = [
    ("reviewer", "Reviewer"),
    ("review-team-chair", "Review Team Chair"),
    ("lead-officer", "CPC Lead Officer"),
    ("administrator", "Administrator"),
    ("cpc-member", "CPC member"),
];

/// The longest context either side of a span, in characters: a table row
/// or a list with no full stop would otherwise make a whole section the
/// "sentence", and any edit in it would reopen the finding.
const CONTEXT_CHARS: usize = 240;

/// One entry of `decisions.toml`.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub review_id: String,
    /// The finding's kind (`person-name`, `age`…).
    pub kind: String,
    /// The detector's rule when it was decided; for people reading the
    /// file, not matched (a renamed rule must not reopen every decision).
    #[serde(default)]
    pub rule: Option<String>,
    /// HMAC-SHA256 (hex) of the normalised span.
    pub span: String,
    /// HMAC-SHA256 (hex) of the normalised sentence around it.
    pub context: String,
    pub decision: String,
    pub role: String,
    pub decided: toml::value::Datetime,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    decision: Vec<Decision>,
}

/// The site's decisions and the key to check them with.
#[derive(Default)]
pub struct Decisions {
    pub entries: Vec<Decision>,
    key: Option<Key>,
    /// Problems with the file or the key, as findings of the site.
    pub findings: Vec<Finding>,
}

/// The HMAC key (32 random bytes).
#[derive(Clone)]
struct Key(Vec<u8>);

/// Where a finding is, in its item, as a decision sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// Byte range of the span in the item's text.
    pub start: usize,
    pub end: usize,
    /// Byte range of the sentence around it.
    pub context_start: usize,
    pub context_end: usize,
    /// `body`, or the front matter key path of the string it is in.
    pub field: String,
}

/// What a national site needs to honour an area's decisions without the
/// key: a decided span of one published item, where the bundle carries
/// the item (docs/review-desk.md, "For the bundle").
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DecidedSpan {
    /// `body`, or the front matter key path (`strategies[0].evidence`).
    pub field: String,
    /// 1-based line within the field (the body as the bundle carries it,
    /// LF line endings; always 1 in a front matter string).
    pub line: usize,
    /// 1-based column within that line, in characters.
    pub column: usize,
    /// Length in characters.
    pub length: usize,
    /// The finding's kind.
    pub kind: String,
}

impl Decisions {
    /// No decisions (national sites, whose decisions come from bundles).
    pub fn none() -> Decisions {
        Decisions::default()
    }

    /// Reads `decisions.toml` and the key. A missing file is no decisions;
    /// a file that does not parse is an error finding (failing closed: no
    /// decision applies); decisions without a key apply to nothing, with a
    /// warning that says why.
    pub fn load(root: &Path) -> Decisions {
        let path = root.join(DECISIONS_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Decisions::default(),
            Err(e) => {
                return Decisions {
                    findings: vec![Finding::file(
                        DECISIONS_FILE,
                        1,
                        Kind::Schema,
                        "decisions",
                        Severity::Error,
                        format!("cannot read the decisions file: {e}"),
                    )],
                    ..Decisions::default()
                }
            }
        };
        let source = SourceText::new(DECISIONS_FILE, text);
        let file: File = match toml::from_str(&source.text) {
            Ok(file) => file,
            Err(e) => {
                return Decisions {
                    findings: vec![crate::findings::toml_error_finding(
                        &source,
                        0,
                        &e,
                        "decisions.toml",
                    )
                    .with_help("decisions.toml is written by the review desk (clearhouse serve, /_review/); restore it from version control, or fix the TOML at this line")],
                    ..Decisions::default()
                }
            }
        };
        let mut findings = Vec::new();
        let key = match read_key(root) {
            Ok(key) => key,
            Err(message) => {
                findings.push(Finding::file(
                    KEY_FILE,
                    1,
                    Kind::Schema,
                    "decisions-key",
                    Severity::Error,
                    message,
                ));
                None
            }
        };
        if key.is_none() && !file.decision.is_empty() {
            findings.push(
                Finding::file(
                    DECISIONS_FILE,
                    1,
                    Kind::Schema,
                    "decisions-key",
                    Severity::Warning,
                    format!(
                        "decisions.toml holds {} decision(s), but the key they were made with is missing ({KEY_FILE}, or {KEY_ENV}): none of them applies",
                        file.decision.len()
                    ),
                )
                .with_help(format!("copy {KEY_FILE} from the machine the review desk ran on (it is never committed); a hosted build passes its text as the secret {KEY_ENV}")),
            );
        }
        for (i, entry) in file.decision.iter().enumerate() {
            if entry.decision != NOT_PERSONAL_DATA || !ROLES.iter().any(|(r, _)| *r == entry.role) {
                findings.push(Finding::file(
                    DECISIONS_FILE,
                    line_of_entry(&source.text, i),
                    Kind::Schema,
                    "decisions",
                    Severity::Error,
                    format!(
                        "decision {} must say decision = \"{NOT_PERSONAL_DATA}\" and a role from: {}",
                        i + 1,
                        ROLES.map(|(r, _)| r).join(", ")
                    ),
                ));
            }
        }
        Decisions {
            entries: file.decision,
            key,
            findings,
        }
    }

    /// Marks the `needs-decision` findings of the item (`review_id`, text
    /// `source`, front matter strings `strings`, body from `body_start`)
    /// that a decision covers as `decided`, with the decision.
    pub fn apply(&self, item: &ItemText<'_>, findings: &mut [Finding]) {
        let Some(key) = &self.key else {
            return;
        };
        if self.entries.is_empty() {
            return;
        }
        for finding in findings.iter_mut().filter(|f| decidable(f)) {
            let Some(located) = locate(item, finding) else {
                continue;
            };
            let (span, context) = hashes(key, item, &located);
            let kind = finding.kind.as_str();
            if let Some(entry) = self.entries.iter().find(|d| {
                d.review_id.eq_ignore_ascii_case(item.review_id)
                    && d.kind == kind
                    && d.span == span
                    && d.context == context
                    && d.decision == NOT_PERSONAL_DATA
                    && ROLES.iter().any(|(r, _)| *r == d.role)
            }) {
                finding.severity = Severity::Decided;
                finding.decision = Some(DecisionNote {
                    decision: entry.decision.clone(),
                    role: entry.role.clone(),
                    decided: entry.decided.to_string(),
                });
            }
        }
    }
}

/// What a decision needs of an item: its id, its text, its front matter
/// strings and where its body starts.
pub struct ItemText<'a> {
    pub review_id: &'a str,
    pub source: &'a SourceText,
    /// Front matter strings: key path and byte range of the value.
    pub strings: Vec<(&'a str, std::ops::Range<usize>)>,
    pub body_start: usize,
}

impl<'a> ItemText<'a> {
    pub fn of(item: &'a crate::content::Item) -> ItemText<'a> {
        ItemText {
            review_id: &item.meta.review_id,
            source: &item.source,
            strings: item
                .spans
                .strings
                .iter()
                .map(|s| (s.key.as_str(), s.span.clone()))
                .collect(),
            body_start: item.split.body_start,
        }
    }
}

/// Whether a person may decide this finding: uncertain, and never a
/// register match.
pub fn decidable(finding: &Finding) -> bool {
    matches!(
        finding.severity,
        Severity::NeedsDecision | Severity::Decided
    ) && finding.kind != Kind::Register
        && finding.kind.is_personal_data()
}

/// Finds the finding's span in the item's text, and the sentence around
/// it. `None` when the text at the finding's place is not what it matched
/// (a finding about a file name, or text found only once decoded).
pub fn locate(item: &ItemText<'_>, finding: &Finding) -> Option<Located> {
    let source = item.source;
    if finding.path != source.path || finding.length == 0 || finding.matched.is_empty() {
        return None;
    }
    let line_start = source.line_start(finding.line);
    let start = line_start
        + source.text[line_start..]
            .char_indices()
            .nth(finding.column - 1)?
            .0;
    let end = start
        + source.text[start..]
            .char_indices()
            .nth(finding.length)
            .map(|(i, _)| i)
            .unwrap_or(source.text.len() - start);
    if source.text.get(start..end)? != finding.matched {
        return None;
    }
    let (region, field) = if start >= item.body_start {
        (item.body_start..source.text.len(), "body".to_string())
    } else {
        let (key, span) = item
            .strings
            .iter()
            .find(|(_, span)| span.start <= start && end <= span.end)?;
        (span.clone(), key.to_string())
    };
    let (context_start, context_end) = sentence(&source.text, region, start, end);
    Some(Located {
        start,
        end,
        context_start,
        context_end,
        field,
    })
}

/// The sentence of `text[region]` around `start..end`: from the last
/// sentence end, blank line or block start (heading, list item, table
/// row, quote) before it to the next one after it, at most
/// `CONTEXT_CHARS` characters either side of the span.
pub fn sentence(
    text: &str,
    region: std::ops::Range<usize>,
    start: usize,
    end: usize,
) -> (usize, usize) {
    let bounds = sentence_starts(&text[region.clone()]);
    let mut from = region.start;
    let mut to = region.end;
    // A full stop inside the span ("R. T.") ends no sentence.
    for (stop, b) in bounds
        .into_iter()
        .map(|(stop, b)| (region.start + stop, region.start + b))
    {
        if b <= start {
            from = b;
        } else if stop >= end {
            to = b;
            break;
        }
    }
    // Never more than CONTEXT_CHARS either side.
    let before_limit = text[..start]
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map(|(i, _)| i)
        .unwrap_or(0);
    let after_limit = text[end..]
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map(|(i, _)| end + i)
        .unwrap_or(text.len());
    let from = from.max(before_limit);
    let to = to.min(after_limit);
    // Trailing whitespace and line breaks are not part of the sentence.
    let to = from + text[from..to].trim_end().len().max(end - from);
    (from, to)
}

/// Where sentences end and the next starts in `text`: the byte offset of
/// what ends one (a full stop, a line break) and of the next one's start.
fn sentence_starts(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut starts = Vec::new();
    let mut i = 0;
    let mut line_is_block = is_block_line(text);
    while i < bytes.len() {
        match bytes[i] {
            b'.' | b'!' | b'?' => {
                let mut j = i + 1;
                while j < bytes.len()
                    && matches!(bytes[j], b'"' | b'\'' | b')' | b']' | b'*' | b'_')
                {
                    j += 1;
                }
                // Closing quotes written as curly quotes.
                while text[j..].starts_with(['\u{201d}', '\u{2019}']) {
                    j += 3;
                }
                if j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    let next = skip_space(bytes, j);
                    if next < bytes.len() {
                        starts.push((i, next));
                    }
                    if bytes[j..next].contains(&b'\n') {
                        line_is_block = is_block_line(&text[line_start_at(text, next)..]);
                    }
                    i = next;
                    continue;
                }
                i = j.max(i + 1);
            }
            b'\n' => {
                let next_line = i + 1;
                let blank = text[next_line..]
                    .split('\n')
                    .next()
                    .is_some_and(|l| l.trim().is_empty());
                let next_block = is_block_line(&text[next_line..]);
                if blank || next_block || line_is_block {
                    let next = skip_space(bytes, next_line);
                    if next < bytes.len() {
                        starts.push((i, next));
                    }
                    line_is_block = is_block_line(&text[line_start_at(text, next)..]);
                    i = next;
                    continue;
                }
                line_is_block = next_block;
                i += 1;
            }
            _ => i += 1,
        }
    }
    starts.dedup_by_key(|(_, start)| *start);
    starts
}

fn skip_space(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

fn line_start_at(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0)
}

/// A line that starts a Markdown block of its own: a heading, list item,
/// quote, table row or fence.
fn is_block_line(text: &str) -> bool {
    let line = text.split('\n').next().unwrap_or("").trim_start();
    let mut chars = line.chars();
    match chars.next() {
        Some('#' | '>' | '|' | '`' | '~') => true,
        Some('-' | '*' | '+') => chars.next().is_some_and(char::is_whitespace),
        Some(c) if c.is_ascii_digit() => {
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with(". ") || rest.starts_with(") ")
        }
        _ => false,
    }
}

/// The text a hash is made of: compatibility-folded (NFKC), invisible and
/// format characters removed, every run of white space one space.
pub fn normalise(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.nfkc() {
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}')
        || (c.is_control() && !c.is_whitespace())
}

/// The two hashes of a located finding: its span and its sentence, each
/// bound to the item's review id.
fn hashes(key: &Key, item: &ItemText<'_>, at: &Located) -> (String, String) {
    let text = &item.source.text;
    let id = item.review_id.to_lowercase();
    (
        hmac_hex(key, &["span", &id, &normalise(&text[at.start..at.end])]),
        hmac_hex(
            key,
            &[
                "context",
                &id,
                &normalise(&text[at.context_start..at.context_end]),
            ],
        ),
    )
}

fn hmac_hex(key: &Key, parts: &[&str]) -> String {
    let mut mac =
        <Hmac<Sha256> as Mac>::new_from_slice(&key.0).expect("HMAC takes a key of any length");
    mac.update(b"clearhouse-decision-v1");
    for part in parts {
        // Length-prefixed, so that no two lists of parts hash alike.
        mac.update(&(part.len() as u64).to_be_bytes());
        mac.update(part.as_bytes());
    }
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The key from `CLEARHOUSE_DECISIONS_KEY` or `private/decisions.key`;
/// `Ok(None)` when neither exists.
fn read_key(root: &Path) -> Result<Option<Key>, String> {
    if let Some(text) = std::env::var(KEY_ENV).ok().filter(|t| !t.trim().is_empty()) {
        return parse_key(&text)
            .map(Some)
            .ok_or_else(|| format!("{KEY_ENV} is not a decisions key (64 hexadecimal digits)"));
    }
    match std::fs::read_to_string(root.join(KEY_FILE)) {
        Ok(text) => parse_key(&text)
            .map(Some)
            .ok_or_else(|| format!("{KEY_FILE} is not a decisions key (64 hexadecimal digits); restore it from a backup, or delete it and decide the findings again")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read {KEY_FILE}: {e}")),
    }
}

fn parse_key(text: &str) -> Option<Key> {
    let text = text.trim();
    if text.len() != 64 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let bytes = (0..32)
        .map(|i| u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok())
        .collect::<Option<Vec<u8>>>()?;
    Some(Key(bytes))
}

/// The key, created (32 random bytes, readable by its owner only) when
/// there is none yet.
fn key_or_create(root: &Path) -> Result<Key, String> {
    if let Some(key) = read_key(root)? {
        return Ok(key);
    }
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).map_err(|e| format!("cannot make a decisions key: {e}"))?;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let path = root.join(KEY_FILE);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    write_private(&path, format!("{hex}\n").as_bytes())?;
    Ok(Key(bytes.to_vec()))
}

/// Writes a file only its owner can read, without following a link or
/// replacing one that exists.
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    file.write_all(bytes)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// A decision to record.
pub struct NewDecision<'a> {
    pub item: ItemText<'a>,
    pub finding: &'a Finding,
    pub role: &'a str,
    /// RFC 3339 date-time of the decision.
    pub decided: String,
}

/// Records that `finding` is not personal data here: appends an entry to
/// `decisions.toml` (created with an explaining comment the first time;
/// its comments and layout are kept), making the key first if there is
/// none. Refuses a finding no person may decide.
pub fn record(root: &Path, new: &NewDecision<'_>) -> Result<(), String> {
    let finding = new.finding;
    if !decidable(finding) {
        return Err(if finding.kind == Kind::Register {
            "a register match can never be decided away: replace it in the text".to_string()
        } else {
            "only an uncertain finding (needs-decision) can be decided; this one must be changed in the text".to_string()
        });
    }
    if !ROLES.iter().any(|(r, _)| *r == new.role) {
        return Err(format!(
            "the role must be one of: {}",
            ROLES.map(|(r, _)| r).join(", ")
        ));
    }
    let decided: toml_edit::Datetime = new
        .decided
        .parse()
        .map_err(|_| format!("{:?} is not an RFC 3339 date-time", new.decided))?;
    let located = locate(&new.item, finding)
        .ok_or("this finding is not at a place in the item's text that a decision can name (a file name, or text found only once decoded): change the text")?;
    let key = key_or_create(root)?;
    let (span, context) = hashes(&key, &new.item, &located);
    let path = root.join(DECISIONS_FILE);
    let (text, header) = match std::fs::read_to_string(&path) {
        Ok(text) => (text, ""),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (String::new(), FILE_HEADER),
        Err(e) => return Err(format!("cannot read {DECISIONS_FILE}: {e}")),
    };
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e| format!("{DECISIONS_FILE} is not valid TOML, so nothing was recorded: {e}"))?;
    let array = doc
        .entry("decision")
        .or_insert(toml_edit::Item::ArrayOfTables(
            toml_edit::ArrayOfTables::new(),
        ))
        .as_array_of_tables_mut()
        .ok_or(format!(
            "{DECISIONS_FILE}: `decision` must be an array of tables ([[decision]])"
        ))?;
    let already = array.iter().any(|t| {
        t.get("review_id").and_then(|v| v.as_str()) == Some(new.item.review_id)
            && t.get("span").and_then(|v| v.as_str()) == Some(span.as_str())
            && t.get("context").and_then(|v| v.as_str()) == Some(context.as_str())
            && t.get("kind").and_then(|v| v.as_str()) == Some(finding.kind.as_str())
    });
    if already {
        return Ok(());
    }
    let mut table = toml_edit::Table::new();
    table.insert("review_id", toml_edit::value(new.item.review_id));
    table.insert("kind", toml_edit::value(finding.kind.as_str()));
    table.insert("rule", toml_edit::value(finding.rule.as_str()));
    table.insert("span", toml_edit::value(span));
    table.insert("context", toml_edit::value(context));
    table.insert("decision", toml_edit::value(NOT_PERSONAL_DATA));
    table.insert("role", toml_edit::value(new.role));
    table.insert("decided", toml_edit::value(decided));
    array.push(table);
    // A new file starts with what it is; toml_edit would put a comment
    // given before any table at the end.
    write_replacing(&path, format!("{header}{doc}").as_bytes())
}

const FILE_HEADER: &str = "# Decisions made on the review desk (clearhouse serve, /_review/): each\n# says that an uncertain finding is not personal data where it is. No\n# text of any finding is kept here, only keyed hashes of it (the key is\n# private/decisions.key, never committed); a decision stops applying as\n# soon as the text it was made on changes. See docs/review-desk.md.\n\n";

/// Replaces `path` with `bytes` atomically (a temporary file beside it,
/// then a rename), so that a crash never leaves half a file.
pub fn write_replacing(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| format!("cannot write in {}: {e}", dir.display()))?;
    std::io::Write::write_all(&mut tmp, bytes)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    tmp.persist(path)
        .map_err(|e| format!("cannot replace {}: {e}", path.display()))?;
    Ok(())
}

/// The decided spans of an item, located for a bundle: body spans by line
/// and column in the body (LF line endings), front matter spans by key
/// and column in the value.
pub fn decided_spans(item: &ItemText<'_>, findings: &[Finding]) -> Vec<DecidedSpan> {
    let text = &item.source.text;
    let mut spans = Vec::new();
    for finding in findings.iter().filter(|f| f.severity == Severity::Decided) {
        let Some(at) = locate(item, finding) else {
            continue;
        };
        let (from, field) = if at.field == "body" {
            (item.body_start, "body".to_string())
        } else {
            let Some((_, span)) = item.strings.iter().find(|(k, _)| *k == at.field) else {
                continue;
            };
            (span.start, at.field.clone())
        };
        let before = text[from..at.start].replace("\r\n", "\n");
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        spans.push(DecidedSpan {
            field,
            line,
            column,
            length: finding.length,
            kind: finding.kind.as_str().to_string(),
        });
    }
    spans
}

/// The 1-based line of the `index`th `[[decision]]` header.
fn line_of_entry(text: &str, index: usize) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "[[decision]]")
        .nth(index)
        .map(|(i, _)| i + 1)
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context_of(text: &str, needle: &str) -> String {
        let start = text.find(needle).unwrap();
        let (from, to) = sentence(text, 0..text.len(), start, start + needle.len());
        text[from..to].to_string()
    }

    #[test]
    fn the_context_is_the_sentence_around_the_span() {
        let text = "First one. The Gloverbrae bus was late\nagain. Then: nothing.";
        assert_eq!(
            context_of(text, "Gloverbrae"),
            "The Gloverbrae bus was late\nagain."
        );
        let text = "## Heading\n\n- a list item with Gloverbrae\n- another\n\nPara.";
        assert_eq!(
            context_of(text, "Gloverbrae"),
            "- a list item with Gloverbrae"
        );
        // Initials with full stops stay one span inside one sentence.
        let text = "Before. Then R. T. called. After.";
        assert_eq!(context_of(text, "R. T."), "Then R. T. called.");
        let long = format!("{} Gloverbrae {}", "word ".repeat(200), "word ".repeat(200));
        assert!(context_of(&long, "Gloverbrae").chars().count() <= 2 * CONTEXT_CHARS + 10);
    }

    #[test]
    fn normalising_ignores_line_breaks_invisible_characters_and_compatibility_forms() {
        assert_eq!(
            normalise("  The\u{200B} Glover\u{00AD}brae\r\n  bus ﬁne "),
            "The Gloverbrae bus fine"
        );
    }

    #[test]
    fn keys_are_64_hex_digits() {
        assert!(parse_key(&"ab".repeat(32)).is_some());
        assert!(parse_key("abc").is_none());
        assert!(parse_key(&"zz".repeat(32)).is_none());
    }

    #[test]
    fn hashes_depend_on_key_id_and_text() {
        let a = Key(vec![1; 32]);
        let b = Key(vec![2; 32]);
        let h = |k: &Key, id: &str, t: &str| hmac_hex(k, &["span", id, t]);
        assert_ne!(h(&a, "x", "Gloverbrae"), h(&b, "x", "Gloverbrae"));
        assert_ne!(h(&a, "x", "Gloverbrae"), h(&a, "y", "Gloverbrae"));
        assert_ne!(h(&a, "x", "Gloverbrae"), h(&a, "x", "Gloverbra"));
        assert_eq!(h(&a, "x", "Gloverbrae").len(), 64);
        // Length prefixes: moving a boundary changes the hash.
        assert_ne!(hmac_hex(&a, &["ab", "c"]), hmac_hex(&a, &["a", "bc"]));
    }
}
