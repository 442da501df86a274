//! The rules every item must meet, published or not (DESIGN.md, "Rules"):
//! identifiers, themes, CLEAR, periods, no active HTML. A broken rule is an
//! error finding (a CLEAR gap a warning). When an item is due for
//! publication (sign-offs, decision, proceedings, embargo) is not decided
//! here: that is admission's, and not an error.

use super::{Item, Vocabulary};
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
    let is_active = |text: &str| {
        if active.is_match(text) {
            return true;
        }
        let decoded = crate::text::decode_entities(text);
        let squeezed: String = decoded
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect();
        active.is_match(&decoded) || scheme.is_match(&squeezed)
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
            || bidi.is_match(&crate::text::decode_entities(&string.value))
        {
            findings.push(refuse(string.span.start, string.span.end));
        }
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
}
