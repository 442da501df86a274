//! The rules every item must meet, published or not (DESIGN.md, "Rules"):
//! identifiers, themes, CLEAR, periods, no active HTML. A broken rule is an
//! error finding (a CLEAR gap a warning). When an item is due for
//! publication (sign-offs, decision, proceedings, embargo) is not decided
//! here: that is admission's, and not an error.

use super::parts::{self, Part};
use super::{Item, ItemKind, Vocabulary};
use crate::findings::{Finding, Kind, Severity};

/// Checks one item against the rules every item must meet.
pub fn validate(item: &Item, vocabulary: &Vocabulary) -> Vec<Finding> {
    let meta = &item.meta;
    let mut findings = Vec::new();
    let at_key = |key: &str, kind: Kind, rule: &str, severity: Severity, message: String| {
        let offset = item.offset_of(key);
        let end = item
            .spans
            .keys
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, span)| span.end)
            .unwrap_or(offset);
        Finding::at(&item.source, offset, end, kind, rule, severity, message)
    };

    check_review_id(item, &mut findings, &at_key);

    for (i, theme) in meta.themes.iter().enumerate() {
        check_theme(
            item,
            vocabulary,
            theme,
            &format!("themes[{i}]"),
            &mut findings,
            &at_key,
        );
    }
    for (s, strategy) in meta.strategies.iter().enumerate() {
        for (i, theme) in strategy.themes.iter().enumerate() {
            check_theme(
                item,
                vocabulary,
                theme,
                &format!("strategies[{s}].themes[{i}]"),
                &mut findings,
                &at_key,
            );
        }
        let missing = strategy.missing();
        if !missing.is_empty() {
            let names: Vec<&str> = missing.iter().map(|c| c.label()).collect();
            let header = item.source.line_start(strategy_line(item, s));
            let header_end = header + item.source.line_text(strategy_line(item, s)).len();
            findings.push(
                Finding::at(&item.source, header, header_end, Kind::Clear, "clear-incomplete", Severity::Warning,
                    format!("strategy \"{}\" lacks CLEAR component(s): {}", strategy.title, names.join(", ")))
                .with_help("add the missing component(s); the site shows the strategy as incomplete until then"),
            );
        }
    }
    check_active_html(item, &mut findings);
    check_bidi_markup(item, &mut findings);
    check_placeholders(item, &mut findings);
    check_report_parts(item, &mut findings);
    if let Some(period) = &meta.period {
        if !valid_period(period) {
            findings.push(
                at_key("period", Kind::Schema, "period", Severity::Error,
                    format!("period {period:?} is not a year or a range of years"))
                .with_help("write the years the review covered, e.g. \"2021-2023\" or \"2022\"; never day dates"),
            );
        }
    }
    findings
}

/// The `[[strategies]]` header line of strategy `index`.
fn strategy_line(item: &Item, index: usize) -> usize {
    let mut seen = 0;
    for (i, line) in item.source.text[..item.split.toml_end].lines().enumerate() {
        if line.trim() == "[[strategies]]" {
            if seen == index {
                return i + 1;
            }
            seen += 1;
        }
    }
    item.line_of(&format!("strategies[{index}]"))
}

type AtKey<'a> = dyn Fn(&str, Kind, &str, Severity, String) -> Finding + 'a;

fn check_review_id(item: &Item, findings: &mut Vec<Finding>, at_key: &AtKey<'_>) {
    let id = &item.meta.review_id;
    let well_formed = !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    if !well_formed {
        findings.push(
            at_key(
                "review_id",
                Kind::Schema,
                "review-id",
                Severity::Error,
                format!("review_id {id:?} is not usable in a URL"),
            )
            .with_help("use letters, digits and hyphens only, like \"EX-2024-01\""),
        );
    }
}

fn check_theme(
    _item: &Item,
    vocabulary: &Vocabulary,
    theme: &str,
    key: &str,
    findings: &mut Vec<Finding>,
    at_key: &AtKey<'_>,
) {
    if vocabulary.contains(theme) {
        return;
    }
    let help = match vocabulary.suggest(theme) {
        Some(s) => format!("did you mean \"{s}\"? Themes come from a controlled vocabulary so that areas aggregate"),
        None => "use a theme from the vocabulary (see the README), or add it to [taxonomy] extra_themes in config.toml".to_string(),
    };
    let suggestion = vocabulary
        .suggest(theme)
        .map(|s| format!(" (did you mean \"{s}\"?)"))
        .unwrap_or_default();
    findings.push(
        at_key(
            key,
            Kind::Theme,
            "unknown-theme",
            Severity::Error,
            format!("unknown theme \"{theme}\"{suggestion}"),
        )
        .with_help(help),
    );
}

fn valid_period(period: &str) -> bool {
    let year = |s: &str| s.len() == 4 && s.chars().all(|c| c.is_ascii_digit());
    match period.split_once('-') {
        Some((a, b)) => year(a.trim()) && year(b.trim()),
        None => year(period.trim()),
    }
}

/// Script in content is never published: the renderer strips it, but the
/// bundle carries the Markdown and the front matter as written to national
/// sites, and search indexes and `learning.json` carry front matter and
/// decoded text, so an item holding script, event handlers or script URLs
/// is refused at the source with the place to fix. Character references
/// and whitespace inside a scheme hide it from a pattern but not from a
/// browser, so each line is also checked decoded and squeezed.
fn check_active_html(item: &Item, findings: &mut Vec<Finding>) {
    static ACTIVE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    static SCHEME: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let active = ACTIVE.get_or_init(|| {
        regex::Regex::new(
            r"(?i)<\s*/?\s*(?:script|iframe|object|embed|style|base|meta|link|form|frame|frameset|applet|svg|math)\b|<[^>]*\son[a-z]+\s*=|<[^>]*\sstyle\s*=[^>]*expression\s*\(|(?:java|vb|live)\s*script\s*:|data\s*:\s*text/html",
        )
        .expect("static regex")
    });
    let scheme = SCHEME.get_or_init(|| {
        regex::Regex::new(r"(?i)(?:java|vb|live)script:|data:text/html").expect("static regex")
    });
    // True when `text` holds active HTML as written, once its references
    // are decoded, or once the whitespace and control characters browsers
    // ignore inside a URL are removed.
    // Text without a reference decodes to itself, and a scheme needs its
    // colon: most lines need the one match, not three and two copies.
    let is_active = |text: &str| {
        if active.is_match(text) {
            return true;
        }
        let decoded = if text.contains('&') {
            let decoded = crate::text::decode_entities(text);
            if active.is_match(&decoded) {
                return true;
            }
            std::borrow::Cow::Owned(decoded)
        } else {
            std::borrow::Cow::Borrowed(text)
        };
        if !decoded.contains(':') {
            return false;
        }
        let squeezed: String = decoded
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect();
        scheme.is_match(&squeezed)
    };
    let refuse = |start: usize, end: usize| {
        Finding::at(&item.source, start, end, Kind::Schema, "active-html", Severity::Error,
            "script, an event handler or a script URL in the content: it would never be published, and must not reach the bundle".to_string())
        .with_help("remove it; links and images need only plain Markdown, and embedded media is not supported")
    };
    let body_start = item.split.body_start;
    let body = item.body();
    // A tag may span lines, so the pattern runs over the whole body first.
    let matched: Vec<(usize, usize)> = active
        .find_iter(body)
        .map(|m| (m.start(), m.end()))
        .collect();
    for (start, end) in &matched {
        findings.push(refuse(body_start + start, body_start + end));
    }
    let mut line_start = 0;
    let mut found_hidden = false;
    for line in body.split_inclusive('\n') {
        let text = line.trim_end_matches(['\n', '\r']);
        let line_end = line_start + text.len();
        let already = matched
            .iter()
            .any(|(start, end)| *start <= line_end && *end >= line_start);
        if !already && is_active(text) {
            findings.push(refuse(body_start + line_start, body_start + line_end));
            found_hidden = true;
        }
        line_start += line.len();
    }
    // Hidden by references across lines: point at the body as a whole.
    if matched.is_empty() && !found_hidden && is_active(body) {
        findings.push(refuse(
            body_start,
            body_start + body.find('\n').unwrap_or(body.len()),
        ));
    }
    for string in &item.spans.strings {
        if is_active(&string.value) {
            findings.push(refuse(string.span.start, string.span.end));
        }
    }
}

/// Markup that overrides or isolates the direction of text: `<bdo>`,
/// `<bdi>`, a `dir` attribute of `rtl` or `auto`, or CSS `unicode-bidi`
/// and `direction`. Like the direction control characters the gate
/// refuses, each can make text read as a name that the file holds
/// backwards or reordered ("nagirroC eeL-eimaJ" in `<bdo dir="rtl">`);
/// right-to-left scripts need none of it. Entities are decoded first.
fn check_bidi_markup(item: &Item, findings: &mut Vec<Finding>) {
    static BIDI: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let bidi = BIDI.get_or_init(|| {
        regex::Regex::new(
            r#"(?i)<\s*/?\s*(?:bdo|bdi)\b|<[^>]*\sdir\s*=\s*["']?\s*(?:rtl|auto)\b|unicode-bidi\s*:|direction\s*:\s*rtl\b"#,
        )
        .expect("static regex")
    });
    let refuse = |start: usize, end: usize| {
        Finding::at(&item.source, start, end, Kind::Bidi, "bidi-markup", Severity::Error,
            "markup that overrides the direction of text (<bdo>, <bdi>, dir=\"rtl\" or CSS unicode-bidi/direction) can show text in another order than it is written".to_string())
        .with_help("remove it and write the text in the order it is read; right-to-left scripts need no markup")
    };
    let body_start = item.split.body_start;
    let body = item.body();
    let mut line_start = 0;
    for line in body.split_inclusive('\n') {
        let text = line.trim_end_matches(['\n', '\r']);
        if let Some(m) = bidi.find(text) {
            findings.push(refuse(
                body_start + line_start + m.start(),
                body_start + line_start + m.end(),
            ));
        } else if text.contains('&') && bidi.is_match(&crate::text::decode_entities(text)) {
            findings.push(refuse(
                body_start + line_start,
                body_start + line_start + text.len(),
            ));
        }
        line_start += line.len();
    }
    // A tag may span lines.
    if !findings.iter().any(|f| f.rule == "bidi-markup") {
        if let Some(m) = bidi.find(body) {
            findings.push(refuse(body_start + m.start(), body_start + m.end()));
        }
    }
    for string in &item.spans.strings {
        if bidi.is_match(&string.value)
            || (string.value.contains('&')
                && bidi.is_match(&crate::text::decode_entities(&string.value)))
        {
            findings.push(refuse(string.span.start, string.span.end));
        }
    }
}

/// Front matter values that are the content of an item, which the
/// skeleton `clearhouse new` writes as blanks to fill: left empty, they are
/// unfinished, not merely absent (an absent CLEAR component is a CLEAR gap,
/// a warning).
fn is_content_key(key: &str) -> bool {
    let last = key.rsplit('.').next().unwrap_or(key);
    let last = last.split('[').next().unwrap_or(last);
    key == "title"
        || (key.starts_with("effective_practice[") && matches!(last, "title" | "why"))
        || (key.starts_with("strategies[")
            && matches!(
                last,
                "title"
                    | "case_for_change"
                    | "learning"
                    | "evidence"
                    | "responsible"
                    | "outcomes"
                    | "resources"
            ))
}

/// The skeleton's blanks: a value or a paragraph that is only an
/// ellipsis, a value ending in one after a space ("Learning from a review
/// of …"), TODO/TBC/TBD markers, and content keys left empty. Each is an
/// error naming the place: an unfinished item must never be published, and
/// it cannot be signed off either.
fn check_placeholders(item: &Item, findings: &mut Vec<Finding>) {
    static MARKER: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let marker =
        MARKER.get_or_init(|| regex::Regex::new(r"\b(?:TODO|TBC|TBD)\b").expect("static regex"));
    let placeholder = |start: usize, end: usize, message: String, help: &str| {
        Finding::at(
            &item.source,
            start,
            end,
            Kind::Placeholder,
            "placeholder",
            Severity::Error,
            message,
        )
        .with_help(help.to_string())
    };
    const FILL: &str = "write the text the skeleton left blank, or remove the key if the item has nothing to say there";
    for string in &item.spans.strings {
        let value = string.value.trim();
        // Named only when there is something to say: most strings are fine.
        let place = || describe_key(&string.key);
        if value.is_empty() {
            if is_content_key(&string.key) {
                findings.push(placeholder(
                    string.span.start.saturating_sub(1),
                    string.span.end + 1,
                    format!("{} is empty", place()),
                    FILL,
                ));
            }
        } else if only_ellipsis(value) {
            findings.push(placeholder(
                string.span.start,
                string.span.end,
                format!("the placeholder \"{value}\" is still in {}", place()),
                FILL,
            ));
        } else if value.ends_with(" …") || value.ends_with(" ...") {
            findings.push(placeholder(
                string.span.start,
                string.span.end,
                format!("{} still ends in the placeholder \"…\"", place()),
                "finish it: the skeleton's \"…\" marks where words are missing",
            ));
        } else if let Some(m) = marker.find(&string.value) {
            let (start, end) = if string.exact {
                (string.span.start + m.start(), string.span.start + m.end())
            } else {
                (string.span.start, string.span.end)
            };
            findings.push(placeholder(
                start,
                end,
                format!("{} still holds the marker {}", place(), m.as_str()),
                FILL,
            ));
        }
    }
    // `responsible = []` written out is a blank list left unfilled.
    // Only `responsible` keys are looked into, and their prefix is made
    // once: formatting it for every other key was quadratic in the keys
    // (hundreds in an item of many strategies) and most of validation.
    for (key, span) in &item.spans.keys {
        if !(key.ends_with(".responsible") && is_content_key(key)) {
            continue;
        }
        let prefix = format!("{key}[");
        let has_elements = item.spans.keys.iter().any(|(k, _)| k.starts_with(&prefix));
        if !has_elements {
            findings.push(placeholder(
                span.start,
                span.end,
                format!("{} is an empty list", describe_key(key)),
                "name the disciplines or organisations responsible, or remove the key",
            ));
        }
    }
    let body_start = item.split.body_start;
    let mut line_start = 0;
    let mut in_code = false;
    for line in item.body().split_inclusive('\n') {
        let text = line.trim_end_matches(['\n', '\r']);
        let trimmed = text.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_code = !in_code;
        }
        let content = trimmed.trim_start_matches(['#', '>', '-', '*', '+', ' ']);
        if !in_code && !content.is_empty() && only_ellipsis(content) {
            let at = body_start + line_start + text.find(content).unwrap_or(0);
            findings.push(placeholder(
                at,
                at + content.len(),
                "the placeholder \"…\" is still in the body".into(),
                "write this section, or remove its heading if the item has nothing to say there",
            ));
        } else if let Some(m) = marker.find(text) {
            let at = body_start + line_start + m.start();
            findings.push(placeholder(
                at,
                at + m.len(),
                format!("the marker {} is still in the body", m.as_str()),
                FILL,
            ));
        }
        line_start += line.len();
    }
}

fn only_ellipsis(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| matches!(c, '…' | '.' | ' '))
}

/// A front matter key path as a person reads it: `strategies[0].review.by`
/// is "review.by of strategy 1".
fn describe_key(key: &str) -> String {
    for (list, name) in [
        ("strategies[", "strategy"),
        ("effective_practice[", "effective practice"),
    ] {
        if let Some(rest) = key.strip_prefix(list) {
            if let Some((index, field)) = rest.split_once(']') {
                let number = index.parse::<usize>().map(|i| i + 1).unwrap_or(0);
                let field = field.trim_start_matches('.');
                return if field.is_empty() {
                    format!("{name} {number}")
                } else {
                    format!("`{field}` of {name} {number}")
                };
            }
        }
    }
    format!("`{key}`")
}

/// A report is checked against the parts the guidance asks for (DESIGN.md:
/// how it was conducted, the circumstances, the learning and its evidence,
/// effective practice, strategies, the final terms of reference). A
/// missing or empty part is a warning naming it, never an error: a CPC
/// may have good reason, and the COG decides. Summaries extract the
/// learning and are not held to the report's parts.
fn check_report_parts(item: &Item, findings: &mut Vec<Finding>) {
    if item.meta.kind != ItemKind::Report {
        return;
    }
    let body = item.body();
    let sections = parts::sections(body);
    let line = item
        .source
        .line_col(item.split.body_start.min(item.source.text.len()))
        .0;
    for part in Part::ALL {
        let from_front_matter = match part {
            Part::EffectivePractice => !item.meta.effective_practice.is_empty(),
            Part::Strategies => !item.meta.strategies.is_empty(),
            _ => false,
        };
        if from_front_matter {
            continue;
        }
        let headed: Vec<&parts::Section> =
            sections.iter().filter(|s| s.part == Some(part)).collect();
        if headed.iter().any(|s| !s.empty) {
            continue;
        }
        let also: Vec<String> = part.words().iter().map(|w| format!("\"{w}\"")).collect();
        let where_ = match part {
            Part::EffectivePractice => {
                " or list the examples as [[effective_practice]] in the front matter"
            }
            Part::Strategies => " or list them as [[strategies]] in the front matter",
            _ => "",
        };
        let finding = match headed.first() {
            Some(section) => Finding::at(
                &item.source,
                item.split.body_start + section.heading.start,
                item.split.body_start + section.heading.end,
                Kind::Structure,
                "report-part",
                Severity::Warning,
                format!(
                    "the section \"{}\" is empty: the report does not yet cover {}",
                    section.title,
                    part.description()
                ),
            ),
            None => Finding::file(
                item.source.path.clone(),
                line,
                Kind::Structure,
                "report-part",
                Severity::Warning,
                format!("the report has no part on {}", part.description()),
            ),
        };
        findings.push(finding.with_help(format!(
            "the national guidance asks a report to cover it: add a section headed \"{}\"{where_} (a heading with any of the words {} is recognised too)",
            part.heading(), also.join(", ")
        )));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{parse_item, ItemKind};

    fn active_html_lines(front: &str, body: &str) -> Vec<usize> {
        let file = format!("+++\ntitle = \"Learning\"\nreview_id = \"TS-2024-00\"\nkind = \"report\"\npublished = 2025-05-12\n{front}\n[publication]\ndecision = \"publish\"\n+++\n{body}");
        let item = parse_item(
            "content/reports/ts-2024-00.md",
            file.into_bytes(),
            ItemKind::Report,
            "Test CPC",
        )
        .unwrap();
        let findings = validate(&item, &Vocabulary::new(&[]));
        findings
            .iter()
            .filter(|f| f.rule == "active-html")
            .map(|f| f.line)
            .collect()
    }

    #[test]
    fn script_hidden_by_references_or_whitespace_is_refused() {
        // Found by tests/it/xss.rs: each of these rendered harmlessly but
        // reached learning-bundle.json (or, decoded, the search index) as
        // written.
        for body in [
            "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
            "<a href=\"&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)\">x</a>",
            "<a href=\"javascript&colon;alert(1)\">x</a>",
            "[click](&#106;avascript:alert(1))",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "<div style=\"width: expression(alert(1))\">x</div>",
            "<img\nsrc=x\nonerror=alert(1)>",
        ] {
            assert!(
                !active_html_lines("", &format!("Text.\n\n{body}\n")).is_empty(),
                "{body:?}"
            );
        }
        assert_eq!(
            active_html_lines("", "Text.\n\n[click](&#106;avascript:x)\n"),
            vec![12]
        );
    }

    #[test]
    fn script_in_front_matter_strings_is_refused() {
        // Found by tests/it/xss.rs: templates escape these, but the bundle,
        // learning.json and the search index carry them as written.
        assert_eq!(
            active_html_lines("period = \"2022\"", "Body.\n").len(),
            0,
            "control"
        );
        for front in [
            "[[effective_practice]]\ntitle = \"<img src=x onerror=alert(1)>\"\nwhy = \"w\"",
            "[[effective_practice]]\ntitle = \"t\"\nwhy = \"[x](javascript:alert(1))\"",
            "[[effective_practice]]\ntitle = \"t\"\nwhy = \"<iframe src=x></iframe>\"",
        ] {
            assert!(!active_html_lines(front, "Body.\n").is_empty(), "{front:?}");
        }
    }

    #[test]
    fn direction_markup_is_refused() {
        let bidi_lines = |front: &str, body: &str| {
            let file = format!("+++\ntitle = \"Learning\"\nreview_id = \"TS-2024-00\"\nkind = \"report\"\npublished = 2025-05-12\n{front}\n[publication]\ndecision = \"publish\"\n+++\n{body}");
            let item = parse_item(
                "content/reports/ts-2024-00.md",
                file.into_bytes(),
                ItemKind::Report,
                "Test CPC",
            )
            .unwrap();
            validate(&item, &Vocabulary::new(&[]))
                .iter()
                .filter(|f| f.kind == Kind::Bidi)
                .map(|f| f.line)
                .collect::<Vec<_>>()
        };
        for body in [
            "read <bdo dir=\"rtl\">nagirroC</bdo> daily",
            "<span style=\"unicode-bidi: bidi-override; direction: rtl\">x</span>",
            "<bdi>\u{200f}Quinn Siobhán</bdi>",
            "<p dir='auto'>x</p>",
            "<span dir=\"rtl\">Quinn Siobhán</span>",
            "<span style=\"direction&colon; rtl\">x</span>",
        ] {
            assert_eq!(
                bidi_lines("", &format!("Text.\n\n{body}\n")),
                vec![12],
                "{body}"
            );
        }
        assert_eq!(
            bidi_lines(
                "",
                "The direction of travel: rtl is a code. dir = \"rtl\" in prose.\n"
            ),
            Vec::<usize>::new()
        );
    }

    #[test]
    fn ordinary_content_is_not_refused() {
        let body = "Text with &amp; and &lt; 3, a [link](https://example.org/) and a <b>bold</b> word.\n\nThe expression (of concern) was recorded; data: collected.\n";
        assert_eq!(active_html_lines("", body), Vec::<usize>::new());
    }

    fn findings_of(front: &str, body: &str) -> Vec<Finding> {
        let file = format!("+++\ntitle = \"Learning\"\nreview_id = \"TS-2024-00\"\nkind = \"report\"\npublished = 2025-05-12\n{front}\n[publication]\ndecision = \"publish\"\n+++\n{body}");
        let item = parse_item(
            "content/reports/ts-2024-00.md",
            file.into_bytes(),
            ItemKind::Report,
            "Test CPC",
        )
        .unwrap();
        validate(&item, &Vocabulary::new(&[]))
    }

    const WHOLE: &str = "## How the review was conducted\n\nA Reviewer led it.\n\n## Background\n\nThe family moved.\n\n## Key findings\n\nThe plan had no owner...\n\n## What worked well\n\nA nurse visited.\n\n## Recommendations\n\nOne.\n\n## Appendix: terms of reference\n\nThe remit.\n";

    #[test]
    fn placeholders_are_errors_naming_the_place() {
        let front = "[[strategies]]\ntitle = \"Share concerns\"\ncase_for_change = \"…\"\nlearning = \"\"\nevidence = \"TODO: ask the police\"\nresponsible = []\nreview = { outcomes = \"...\", by = \"2026-03\", resources = \"None.\" }\n\n[[effective_practice]]\ntitle = \"A nurse who listened\"\nwhy = \"\"";
        let body = format!("{WHOLE}\n…\n");
        let found = findings_of(front, &body);
        let mut placeholders: Vec<(usize, &str)> = found
            .iter()
            .filter(|f| f.kind == Kind::Placeholder)
            .inspect(|f| assert!(f.is_error()))
            .map(|f| (f.line, f.message.as_str()))
            .collect();
        placeholders.sort();
        assert_eq!(
            placeholders,
            [
                (
                    8,
                    "the placeholder \"…\" is still in `case_for_change` of strategy 1"
                ),
                (9, "`learning` of strategy 1 is empty"),
                (10, "`evidence` of strategy 1 still holds the marker TODO"),
                (11, "`responsible` of strategy 1 is an empty list"),
                (
                    12,
                    "the placeholder \"...\" is still in `review.outcomes` of strategy 1"
                ),
                (16, "`why` of effective practice 1 is empty"),
                (44, "the placeholder \"…\" is still in the body"),
            ]
        );
        assert!(
            !findings_of("", WHOLE)
                .iter()
                .any(|f| f.kind == Kind::Placeholder),
            "an ellipsis inside prose is not a placeholder"
        );
    }

    #[test]
    fn the_skeleton_title_is_a_placeholder() {
        let file = "+++\ntitle = \"Learning from a review of …\"\nreview_id = \"TS-2024-00\"\nkind = \"summary\"\npublished = 2025-05-12\n[publication]\ndecision = \"publish\"\n+++\nBody.\n";
        let item = parse_item(
            "content/summaries/ts-2024-00.md",
            file.into(),
            ItemKind::Summary,
            "T",
        )
        .unwrap();
        let found = validate(&item, &Vocabulary::new(&[]));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].message,
            "`title` still ends in the placeholder \"…\""
        );
        assert_eq!((found[0].line, found[0].column), (2, 10));
    }

    #[test]
    fn a_report_missing_a_part_the_guidance_asks_for_is_warned_naming_it() {
        let parts = |front: &str, body: &str| -> Vec<String> {
            findings_of(front, body)
                .into_iter()
                .filter(|f| f.kind == Kind::Structure)
                .inspect(|f| assert_eq!(f.severity, Severity::Warning))
                .map(|f| f.message)
                .collect()
        };
        assert_eq!(parts("", WHOLE), Vec::<String>::new());
        let without = WHOLE
            .replace("## What worked well\n\nA nurse visited.\n\n", "")
            .replace("The remit.\n", "");
        assert_eq!(
            parts("", &without),
            [
                "the report has no part on examples of effective practice and why they worked",
                "the section \"Appendix: terms of reference\" is empty: the report does not yet cover the final terms of reference",
            ]
        );
        // Effective practice listed in the front matter is the part.
        let front =
            "[[effective_practice]]\ntitle = \"A nurse who listened\"\nwhy = \"She came back.\"";
        assert_eq!(parts(front, &without).len(), 1);
        assert_eq!(parts("", "Only text.\n").len(), 6);
    }
}
