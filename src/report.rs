//! Printers over findings and held items: human (compiler-style), JSON
//! (DESIGN.md's object) and SARIF 2.1.0 (for code-scanning views). The
//! gate, validation and admission know nothing of these; these know
//! nothing of detection.
//!
//! Personal data is masked in every printer unless `reveal` is set, so that
//! CI logs never carry what the gate found; the held summary names no item
//! when the log may be public (see [`held_summary`]).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::ops::Range;

use annotate_snippets::{Level, Renderer, Snippet};
use serde_json::json;

use crate::admission::HeldItem;
use crate::findings::{Finding, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
}

/// Renders findings in `format`; JSON also lists the held items (human
/// output lists them with [`held_summary`]; SARIF has no place for them:
/// holds are not findings). `color` only affects human output.
pub fn render(
    findings: &[Finding],
    held: &[HeldItem],
    format: Format,
    reveal: bool,
    color: bool,
) -> String {
    match format {
        Format::Human => human(findings, reveal, color),
        Format::Json => json_report(findings, held, reveal),
        Format::Sarif => sarif(findings, reveal),
    }
}

/// The short "held" summary `check` and `build` print: each held item with
/// its reasons and the day it becomes due, or, when `public` (a CI log,
/// `--quiet`), only how many are held for which reason, so that a public
/// log does not announce that a named review awaits proceedings.
pub fn held_summary(held: &[HeldItem], public: bool) -> String {
    if held.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "held: {} item(s) not yet due, not published{}\n",
        held.len(),
        if public { "" } else { ":" }
    );
    if public {
        let mut by_reason: BTreeMap<&str, usize> = BTreeMap::new();
        for item in held {
            *by_reason.entry(item.label.as_str()).or_default() += 1;
        }
        let counts: Vec<String> = by_reason
            .iter()
            .map(|(reason, n)| format!("{reason} {n}"))
            .collect();
        let _ = writeln!(out, "  {}", counts.join(", "));
        return out;
    }
    for item in held {
        let due = item
            .due
            .as_deref()
            .map(|d| format!(" (due {d})"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {}  {}: {}{due}",
            terminal_safe(&item.review_id),
            terminal_safe(&item.path),
            terminal_safe(&item.message)
        );
        if !item.help.is_empty() {
            let _ = writeln!(out, "      = help: {}", terminal_safe(&item.help));
        }
    }
    out
}

pub fn ok(findings: &[Finding]) -> bool {
    !findings.iter().any(Finding::is_error)
}

/// The source lines findings point at, each as printers show it: every
/// personal-data span any finding marks on it, and whatever the gate found
/// there (see `Finding::line_masks`), masked unless revealing. Built in one
/// pass, each line once however many findings it holds, so that printing
/// stays linear in the number of findings (issue 18: a pass over every
/// finding for each finding made 100,000 findings take minutes).
type MaskedLines<'a> = HashMap<(&'a str, usize), Vec<char>>;

fn masked_lines(findings: &[Finding], reveal: bool) -> MaskedLines<'_> {
    // Each line's characters, and the gate's ranges already masked on it.
    type Line = (Vec<char>, HashSet<Range<usize>>);
    let mut lines: HashMap<(&str, usize), Line> = HashMap::new();
    for finding in findings {
        let Some(line) = &finding.source_line else {
            continue;
        };
        let (chars, masked_ranges) = lines
            .entry((finding.path.as_str(), finding.line))
            .or_insert_with(|| (line.chars().collect(), HashSet::new()));
        if reveal {
            continue;
        }
        if finding.kind.is_personal_data() {
            let start = finding.column - 1;
            for (i, c) in finding.masked.chars().enumerate() {
                if let Some(slot) = chars.get_mut(start + i) {
                    *slot = c;
                }
            }
        }
        for range in &finding.line_masks {
            if !masked_ranges.insert(range.clone()) {
                continue;
            }
            let text: String = chars
                .get(range.clone())
                .map(|c| c.iter().collect())
                .unwrap_or_default();
            let masked = crate::findings::mask(&text, crate::findings::Kind::PersonName);
            for (i, c) in masked.chars().enumerate() {
                if let Some(slot) = chars.get_mut(range.start + i) {
                    *slot = c;
                }
            }
        }
    }
    lines
        .into_iter()
        .map(|(key, (chars, _))| (key, chars))
        .collect()
}

/// `finding`'s line from `lines`, cut to a window around its span and made
/// safe for a terminal: the work is the window's, not the line's or the
/// number of findings'. Returns the text and the byte range of the span
/// within it.
fn snippet_line(finding: &Finding, lines: &MaskedLines) -> Option<(String, Range<usize>)> {
    let chars = lines.get(&(finding.path.as_str(), finding.line))?;
    let span_start = (finding.column - 1).min(chars.len());
    let span_end = (span_start + finding.length.max(1)).min(chars.len().max(span_start + 1));
    const CONTEXT: usize = 50;
    let from = span_start.saturating_sub(CONTEXT);
    let to = (span_end + CONTEXT).min(chars.len());
    let piece = |range: std::ops::Range<usize>| -> String {
        let text: String = chars[range].iter().collect();
        terminal_safe(&text).into_owned()
    };
    let mut text = String::new();
    if from > 0 {
        text.push('…');
    }
    text.push_str(&piece(from..span_start));
    let start_byte = text.len();
    text.push_str(&piece(span_start..span_end.min(chars.len())));
    let end_byte = text.len().max(start_byte + 1);
    text.push_str(&piece(span_end.min(chars.len())..to));
    if to < chars.len() {
        text.push('…');
    }
    if end_byte > text.len() {
        text.push(' ');
    }
    Some((text, start_byte..end_byte))
}

/// `text` with every character that could act on a terminal written as
/// an escape (`\u{1b}`): control characters (ANSI escape sequences start
/// with one), DEL, the C1 controls, and the characters that change the
/// direction or layout of what follows (direction controls, line and
/// paragraph separators). Content and bundles are read from outside:
/// printing them as they are would let a file colour, move or hide what
/// the terminal shows.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n')
            || matches!(
                c,
                '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{2028}' | '\u{2029}'
                    | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
            )
    };
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `json` (serde_json's output) with the characters `terminal_safe` escapes
/// and serde_json leaves as they are (DEL, C1 controls, direction and
/// separator characters) written as JSON escapes: they can only be inside
/// strings, where `\uXXXX` means the same character.
fn json_safe(json: String) -> String {
    let unsafe_char = |c: char| {
        c == '\u{7f}'
            || ('\u{80}'..='\u{9f}').contains(&c)
            || matches!(
                c,
                '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{2028}' | '\u{2029}'
                    | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
            )
    };
    if !json.chars().any(unsafe_char) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if unsafe_char(c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

fn human(findings: &[Finding], reveal: bool, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let lines = masked_lines(findings, reveal);
    let mut out = String::new();
    for finding in findings {
        let message = terminal_safe(&finding.message);
        // annotate-snippets has no level of our own: an undecided finding
        // blocks as an error does and says so in its title; a decided one
        // is a note.
        let (level, title) = match finding.severity {
            Severity::Error => (Level::Error, format!("[{}] {message}", finding.kind)),
            Severity::Warning => (Level::Warning, format!("[{}] {message}", finding.kind)),
            Severity::NeedsDecision | Severity::Decided => (
                if finding.severity.blocks() {
                    Level::Error
                } else {
                    Level::Note
                },
                format!("[{}] {}: {message}", finding.kind, finding.severity),
            ),
        };
        let path = terminal_safe(&finding.path);
        let origin = format!("{path}:{}:{}", finding.line, finding.column);
        let label = if finding.kind.is_personal_data() && !finding.masked.is_empty() {
            let shown = if reveal {
                &finding.matched
            } else {
                &finding.masked
            };
            format!("{} ({})", finding.kind, terminal_safe(shown))
        } else {
            finding.rule.clone()
        };
        let help = terminal_safe(finding.help.as_deref().unwrap_or_default()).into_owned();
        let rendered = match snippet_line(finding, &lines) {
            Some((line, span)) => {
                // The snippet is a window of the line, so annotate-snippets
                // would count the column from the window's start: the
                // place is written here, from the finding.
                let message = level.title(&title).snippet(
                    Snippet::source(&line)
                        .line_start(finding.line)
                        .annotation(level.span(span).label(&label)),
                );
                let message = if help.is_empty() {
                    message
                } else {
                    message.footer(Level::Help.title(&help))
                };
                let text = renderer.render(message).to_string();
                let gutter = " ".repeat(finding.line.to_string().len());
                match text.split_once('\n') {
                    Some((head, rest)) => format!("{head}\n{gutter}--> {origin}\n{rest}"),
                    None => text,
                }
            }
            None => {
                let message = level.title(&title).footer(Level::Note.title(&origin));
                let message = if help.is_empty() {
                    message
                } else {
                    message.footer(Level::Help.title(&help))
                };
                renderer.render(message).to_string()
            }
        };
        out.push_str(&rendered);
        out.push_str("\n\n");
    }
    out.push_str(&summary(findings));
    out
}

/// "2 errors (person-name 1, date 1), 1 needs-decision (age 1), 1 warning
/// (clear 1)".
pub fn summary(findings: &[Finding]) -> String {
    let mut by_severity: BTreeMap<Severity, BTreeMap<&str, usize>> = BTreeMap::new();
    for f in findings {
        *by_severity
            .entry(f.severity)
            .or_default()
            .entry(f.kind.as_str())
            .or_default() += 1;
    }
    if findings.is_empty() {
        return "no findings\n".to_string();
    }
    let mut parts = Vec::new();
    for (severity, kinds) in &by_severity {
        let total: usize = kinds.values().sum();
        let name = match (severity, total) {
            (Severity::Error, 1) => "error",
            (Severity::Error, _) => "errors",
            (Severity::Warning, 1) => "warning",
            (Severity::Warning, _) => "warnings",
            (other, _) => other.as_str(),
        };
        let detail: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
        parts.push(format!("{total} {name} ({})", detail.join(", ")));
    }
    let mut line = parts.join(", ");
    let _ = write!(
        line,
        "{}",
        if ok(findings) {
            "; nothing blocks publication\n"
        } else {
            "; publication is blocked\n"
        }
    );
    line
}

fn json_report(findings: &[Finding], held: &[HeldItem], reveal: bool) -> String {
    let items: Vec<serde_json::Value> = findings
        .iter()
        .map(|f| {
            let mut value = serde_json::to_value(f).unwrap_or_default();
            if reveal && f.kind.is_personal_data() {
                value["text"] = json!(f.matched);
            }
            value
        })
        .collect();
    let report = json!({ "ok": ok(findings), "findings": items, "held": held });
    json_safe(serde_json::to_string_pretty(&report).unwrap_or_default()) + "\n"
}

fn sarif(findings: &[Finding], reveal: bool) -> String {
    let mut rules: BTreeMap<String, &Finding> = BTreeMap::new();
    for f in findings {
        rules.entry(format!("{}/{}", f.kind, f.rule)).or_insert(f);
    }
    let rules: Vec<serde_json::Value> = rules
        .iter()
        .map(|(id, f)| {
            json!({
                "id": id,
                "name": f.rule,
                "shortDescription": { "text": format!("{}: {}", f.kind, f.rule) },
                "help": { "text": f.help.clone().unwrap_or_default() },
                "properties": { "kind": f.kind.as_str() }
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = findings
        .iter()
        .map(|f| {
            let shown = if reveal { &f.matched } else { &f.masked };
            let text = if f.kind.is_personal_data() && !shown.is_empty() {
                format!("{} [{}]", f.message, shown)
            } else {
                f.message.clone()
            };
            json!({
                "ruleId": format!("{}/{}", f.kind, f.rule),
                // SARIF has no level for "blocks until a person decides":
                // it blocks, so it is an error; the property says which.
                "level": match f.severity {
                    Severity::Error | Severity::NeedsDecision => "error",
                    Severity::Warning => "warning",
                    Severity::Decided => "note",
                },
                "properties": { "severity": f.severity.as_str() },
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": f.path },
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endColumn": f.column + f.length.max(1),
                        }
                    }
                }]
            })
        })
        .collect();
    let report = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "clearhouse",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/clearhouse/clearhouse",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    json_safe(serde_json::to_string_pretty(&report).unwrap_or_default()) + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Kind;
    use crate::source::SourceText;

    fn finding() -> Finding {
        let source = SourceText::new(
            "content/reports/a.md",
            "+++\n+++\nMet Mrs Galbraith today.\n",
        );
        let start = source.text.find("Mrs").unwrap();
        Finding::at(
            &source,
            start,
            start + 13,
            Kind::PersonName,
            "title-name",
            Severity::Error,
            "a title followed by a name",
        )
        .with_help("use a pseudonym")
    }

    #[test]
    fn each_line_is_masked_once_and_a_snippet_is_a_window_of_it() {
        // Issue 18: printing was quadratic, every finding walking every
        // other one. Lines are now masked in one pass, each once, and a
        // finding's snippet costs its window: nothing per finding depends
        // on how many findings there are.
        let names = 5_000;
        let line: String = (0..names)
            .map(|i| format!("Mrs Galbraith{i:04} "))
            .collect();
        let source = SourceText::new(
            "content/reports/a.md",
            format!("+++\n+++\n{line}\nMet Mr Strachan.\n"),
        );
        let mut findings: Vec<Finding> = (0..names)
            .map(|i| {
                let name = format!("Mrs Galbraith{i:04}");
                let start = source.text.find(&name).unwrap();
                Finding::at(
                    &source,
                    start,
                    start + name.len(),
                    Kind::PersonName,
                    "title-name",
                    Severity::Error,
                    "a name",
                )
            })
            .collect();
        let start = source.text.find("Mr Strachan").unwrap();
        findings.push(Finding::at(
            &source,
            start,
            start + 11,
            Kind::PersonName,
            "title-name",
            Severity::Error,
            "a name",
        ));
        let lines = masked_lines(&findings, false);
        assert_eq!(lines.len(), 2, "one masked line per line, not per finding");
        let shown: String = lines[&("content/reports/a.md", 3)].iter().collect();
        assert!(
            !shown.contains("Galbraith"),
            "every name on the line masked once"
        );
        for finding in [&findings[0], &findings[names / 2], &findings[names]] {
            let (text, span) = snippet_line(finding, &lines).unwrap();
            assert!(
                text.chars().count() <= 2 * 50 + finding.length + 2,
                "{text}"
            );
            assert!(
                !text.contains("Galbraith") && !text.contains("Strachan"),
                "{text}"
            );
            assert!(text[span].starts_with('M'));
        }
        let revealed = masked_lines(&findings, true);
        let (text, _) = snippet_line(&findings[names], &revealed).unwrap();
        assert!(text.contains("Strachan"));
    }

    #[test]
    fn human_output_masks_personal_data_unless_revealed() {
        let f = vec![finding()];
        let masked = render(&f, &[], Format::Human, false, false);
        assert!(!masked.contains("Galbraith"), "{masked}");
        assert!(masked.contains("M** G********"));
        assert!(masked.contains("content/reports/a.md:3:5"));
        assert!(masked.contains("use a pseudonym"));
        assert!(render(&f, &[], Format::Human, true, false).contains("Galbraith"));
    }

    #[test]
    fn human_output_gives_each_finding_its_own_column_on_a_long_line() {
        // Three names far along one line: the snippet is a window of the
        // line, the column must still be the column in the file.
        let line = format!(
            "{}Mrs Galbraith{}Mr Strachan{}Ms Dalgleish.",
            "a".repeat(70),
            "b".repeat(5),
            "c".repeat(117)
        );
        let source = SourceText::new("content/reports/a.md", format!("+++\n+++\n{line}\n"));
        let findings: Vec<Finding> = ["Mrs Galbraith", "Mr Strachan", "Ms Dalgleish"]
            .iter()
            .map(|name| {
                let start = source.text.find(name).unwrap();
                Finding::at(
                    &source,
                    start,
                    start + name.len(),
                    Kind::PersonName,
                    "title-name",
                    Severity::Error,
                    "a name",
                )
            })
            .collect();
        let columns: Vec<usize> = findings.iter().map(|f| f.column).collect();
        assert_eq!(columns, [71, 89, 217]);
        let human = render(&findings, &[], Format::Human, false, false);
        for column in columns {
            assert!(
                human.contains(&format!("--> content/reports/a.md:3:{column}\n")),
                "{human}"
            );
        }
        assert!(
            !human.contains("Galbraith") && !human.contains("Strachan"),
            "{human}"
        );
    }

    #[test]
    fn control_characters_from_content_are_escaped_in_every_printer() {
        let source = SourceText::new(
            "content/reports/\u{1b}[31ma.md",
            "+++\n+++\nMet \u{1b}[2J\u{9b}Mrs Galbraith \u{202e}today.\n",
        );
        let start = source.text.find("Mrs").unwrap();
        let mut finding = Finding::at(
            &source,
            start,
            start + 13,
            Kind::PersonName,
            "title-name",
            Severity::Error,
            "a name \u{1b}]0;title\u{7}",
        );
        finding.help = Some("help \u{1b}[0m".into());
        let findings = vec![finding];
        let held = vec![HeldItem {
            path: "content/reports/\u{1b}[1mx.md".into(),
            review_id: "TS-\u{9b}1".into(),
            reason: "embargoed",
            reasons: vec!["embargoed"],
            message: "embargoed \u{202e}".into(),
            due: None,
            help: String::new(),
            label: "embargoed".into(),
        }];
        for format in [Format::Human, Format::Json, Format::Sarif] {
            let out = render(&findings, &held, format, false, false);
            assert!(
                !out.chars()
                    .any(|c| (c.is_control() && c != '\n') || matches!(c, '\u{202e}')),
                "{format:?}: {out:?}"
            );
            let revealed = render(&findings, &held, format, true, false);
            assert!(!revealed.contains('\u{1b}'), "{format:?}");
        }
        let summary = held_summary(&held, false);
        assert!(
            !summary.contains('\u{1b}') && !summary.contains('\u{9b}'),
            "{summary:?}"
        );
        let human = render(&findings, &[], Format::Human, false, false);
        assert!(human.contains("\\u{1b}[2J"), "{human}");
    }

    #[test]
    fn what_the_gate_found_on_a_line_is_masked_in_other_findings_snippets() {
        let source = SourceText::new(
            "content/reports/a.md",
            "+++\nage_band = \"Siobhán Quinn\"\n+++\n",
        );
        let start = source.text.find('"').unwrap();
        let mut finding = Finding::at(
            &source,
            start,
            start + 15,
            Kind::Schema,
            "toml",
            Severity::Error,
            "front matter: unknown variant",
        );
        finding.line_masks = std::iter::once(12..25).collect();
        let human = render(&[finding.clone()], &[], Format::Human, false, false);
        assert!(!human.contains("Quinn"), "{human}");
        assert!(render(&[finding], &[], Format::Human, true, false).contains("Quinn"));
    }

    #[test]
    fn undecided_findings_are_named_and_block_in_every_format() {
        let mut f = finding();
        f.severity = Severity::NeedsDecision;
        let f = vec![f];
        let human = render(&f, &[], Format::Human, false, false);
        assert!(human.contains("needs-decision"), "{human}");
        assert!(human.contains("publication is blocked"), "{human}");
        let json: serde_json::Value =
            serde_json::from_str(&render(&f, &[], Format::Json, false, false)).unwrap();
        assert_eq!(json["ok"], false);
        assert_eq!(json["findings"][0]["severity"], "needs-decision");
        let sarif: serde_json::Value =
            serde_json::from_str(&render(&f, &[], Format::Sarif, false, false)).unwrap();
        let result = &sarif["runs"][0]["results"][0];
        assert_eq!(result["level"], "error");
        assert_eq!(result["properties"]["severity"], "needs-decision");
    }

    #[test]
    fn decided_findings_are_reported_and_do_not_block() {
        let mut f = finding();
        f.severity = Severity::Decided;
        let f = vec![f];
        let human = render(&f, &[], Format::Human, false, false);
        assert!(human.contains("decided"), "{human}");
        assert!(human.contains("nothing blocks publication"), "{human}");
        assert!(!human.contains("Galbraith"), "{human}");
        let json: serde_json::Value =
            serde_json::from_str(&render(&f, &[], Format::Json, false, false)).unwrap();
        assert_eq!(json["ok"], true);
        assert_eq!(json["findings"][0]["severity"], "decided");
        let sarif: serde_json::Value =
            serde_json::from_str(&render(&f, &[], Format::Sarif, false, false)).unwrap();
        assert_eq!(sarif["runs"][0]["results"][0]["level"], "note");
    }

    #[test]
    fn json_and_sarif_never_carry_the_text_unless_revealed() {
        let f = vec![finding()];
        let json = render(&f, &[], Format::Json, false, false);
        assert!(!json.contains("Galbraith"));
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["ok"], false);
        assert_eq!(value["findings"][0]["line"], 3);
        assert_eq!(value["findings"][0]["column"], 5);
        assert_eq!(value["findings"][0]["kind"], "person-name");
        let sarif = render(&f, &[], Format::Sarif, false, false);
        assert!(!sarif.contains("Galbraith"));
        let value: serde_json::Value = serde_json::from_str(&sarif).unwrap();
        assert_eq!(value["version"], "2.1.0");
    }

    fn held() -> Vec<HeldItem> {
        vec![
            HeldItem {
                path: "content/reports/ts-2024-05.md".into(),
                review_id: "TS-2024-05".into(),
                reason: "proceedings-ongoing",
                reasons: vec!["proceedings-ongoing"],
                message: "proceedings ongoing: publication waits until they conclude".into(),
                due: None,
                help: String::new(),
                label: "proceedings ongoing".into(),
            },
            HeldItem {
                path: "content/reports/ts-2024-06.md".into(),
                review_id: "TS-2024-06".into(),
                reason: "embargoed",
                reasons: vec!["embargoed"],
                message: "embargoed until 2099-01-01".into(),
                due: Some("2099-01-01".into()),
                help: String::new(),
                label: "embargoed".into(),
            },
        ]
    }

    #[test]
    fn the_held_summary_names_items_only_where_the_log_is_private() {
        let private = held_summary(&held(), false);
        assert!(
            private.contains("TS-2024-05") && private.contains("(due 2099-01-01)"),
            "{private}"
        );
        let public = held_summary(&held(), true);
        assert!(
            !public.contains("TS-2024") && !public.contains("ts-2024"),
            "{public}"
        );
        assert!(
            public.contains("embargoed 1") && public.contains("proceedings ongoing 1"),
            "{public}"
        );
        assert_eq!(held_summary(&[], false), "");
    }

    #[test]
    fn json_lists_the_held_items_apart_from_the_findings() {
        let value: serde_json::Value =
            serde_json::from_str(&render(&[], &held(), Format::Json, false, false)).unwrap();
        assert_eq!(value["ok"], true);
        assert_eq!(value["held"][1]["review_id"], "TS-2024-06");
        assert_eq!(value["held"][1]["due"], "2099-01-01");
        assert_eq!(value["held"][0]["reason"], "proceedings-ongoing");
        assert_eq!(value["held"][0]["due"], serde_json::Value::Null);
    }
}
