//! What the gate reads in `static/`: every file name, text files like
//! content (and CSS for requests to other sites), the text of SVGs as they
//! will be published, and which kinds of file it can read at all — the
//! rest is refused with a finding of kind `static`. It only detects;
//! copying the files, rewriting images and re-serialising SVGs is the
//! `statics` stage's.

use std::ops::Range;

use super::Gate;
use crate::findings::{Finding, Kind, Severity};
use crate::source::SourceText;

/// What kind of static file a path is, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaticKind {
    /// Scanned as text like content.
    Text,
    /// A stylesheet: scanned as text, and its `url()`s and `@import`s
    /// must stay on the site.
    Css,
    /// Parsed, checked against a safe subset and published re-serialised
    /// (`statics::svg`); the gate reads the published text.
    Svg,
    /// An image: published rewritten to what is needed to show it.
    Image(ImageFormat),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Jpeg,
    Png,
    WebP,
    Gif,
    Ico,
}

/// Why a kind of file is never published from `static/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused {
    pub rule: &'static str,
    pub message: &'static str,
    pub help: &'static str,
}

const HTML: Refused = Refused {
    rule: "static-html",
    message: "an HTML page in static/ would be published as a page of the site without the renderer's sanitiser: its scripts would run",
    help: "publish the text as an item in content/ (Markdown), or link to the page where it is published elsewhere",
};

const XML: Refused = Refused {
    rule: "static-xml",
    message: "a browser opening an XML file runs the script elements and stylesheets it carries (XHTML inside XML is live)",
    help: "publish data as CSV or JSON, and images as PNG, JPEG, WebP or a plain SVG",
};

const FONT: Refused = Refused {
    rule: "static-font",
    message: "fonts carry names (designers, licensees, vendors) in tables the gate cannot read, so they are not published from static/",
    help: "use the fonts the theme already uses (system fonts in the default theme), or convert the text to an image",
};

const UNREADABLE: Refused = Refused {
    rule: "unreadable-static",
    message: "the gate cannot read this kind of file, so it cannot be published",
    help: "publish the text as Markdown in content/, data as CSV or JSON, and images as PNG, JPEG, WebP, GIF or SVG",
};

/// The kind of a static file, or why it is refused.
pub fn static_kind(rel: &str) -> Result<StaticKind, Refused> {
    let Some(ext) = extension(rel) else {
        return Err(UNREADABLE);
    };
    Ok(match ext.as_str() {
        "txt" | "js" | "json" | "csv" | "map" | "md" => StaticKind::Text,
        "css" => StaticKind::Css,
        "svg" => StaticKind::Svg,
        "jpg" | "jpeg" => StaticKind::Image(ImageFormat::Jpeg),
        "png" => StaticKind::Image(ImageFormat::Png),
        "webp" => StaticKind::Image(ImageFormat::WebP),
        "gif" => StaticKind::Image(ImageFormat::Gif),
        "ico" => StaticKind::Image(ImageFormat::Ico),
        "html" | "htm" | "xhtml" | "xht" | "shtml" | "mhtml" | "mht" => return Err(HTML),
        "xml" | "xsl" | "xslt" | "rss" | "atom" | "rdf" | "svgz" | "mml" | "xul" => {
            return Err(XML)
        }
        "woff" | "woff2" | "ttf" | "otf" | "eot" | "ttc" => return Err(FONT),
        _ => return Err(UNREADABLE),
    })
}

fn extension(rel: &str) -> Option<String> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.rsplit_once('.')
        .filter(|(stem, _)| !stem.is_empty())
        .map(|(_, e)| e.to_ascii_lowercase())
}

/// A piece of a file's published text (a text node or attribute value of
/// a re-serialised SVG) and where it came from in the source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub published: Range<usize>,
    pub source: Range<usize>,
    /// True when the published bytes are the source bytes, so that
    /// offsets inside map one to one; otherwise (character references)
    /// a finding covers the whole source range.
    pub exact: bool,
}

impl Gate {
    /// Findings for one file of `static/` (`rel` from the site root) with
    /// its bytes: its name, and the text of text files and stylesheets; a
    /// kind the gate cannot read is refused. Images and SVGs are read as
    /// they will be published, by the `statics` stage.
    pub fn scan_static(&self, rel: &str, bytes: &[u8]) -> Vec<Finding> {
        let mut findings = self.scan_static_name(rel);
        let kind = match static_kind(rel) {
            Ok(kind) => kind,
            Err(refused) => {
                findings.push(refusal(rel, refused));
                return findings;
            }
        };
        if !matches!(kind, StaticKind::Text | StaticKind::Css) {
            return findings;
        }
        let Ok(text) = std::str::from_utf8(bytes) else {
            findings.push(
                Finding::file(
                    rel,
                    1,
                    Kind::Static,
                    "not-utf8",
                    Severity::Error,
                    "the file is not UTF-8 text, so the gate cannot read it",
                )
                .with_help("save it as UTF-8"),
            );
            return findings;
        };
        let source = SourceText::new(rel, text);
        findings.extend(self.scan_source(&source));
        if kind == StaticKind::Css {
            findings.extend(css_requests(&source, 0, text));
        }
        findings
    }

    /// The published text of a static file that is not published as it is
    /// written (a re-serialised SVG), read like content; each finding is
    /// placed in `source` through the segment it falls in.
    pub fn scan_published(
        &self,
        source: &SourceText,
        published: &str,
        segments: &[Segment],
    ) -> Vec<Finding> {
        let mut findings = Vec::new();
        for hit in self.scan_text(published) {
            let segment = segments
                .iter()
                .rev()
                .find(|s| s.published.start <= hit.start)
                .filter(|s| hit.start < s.published.end);
            let (start, end) = match segment {
                Some(s) if s.exact => (
                    s.source.start + (hit.start - s.published.start),
                    s.source.start + (hit.end.min(s.published.end) - s.published.start),
                ),
                Some(s) => (s.source.start, s.source.end),
                None => (0, 0),
            };
            findings.push(
                Finding::at(
                    source,
                    start,
                    end,
                    hit.kind,
                    hit.rule,
                    Severity::Error,
                    hit.message.clone(),
                )
                .with_help(super::help_for(hit.kind)),
            );
        }
        findings
    }

    /// The file name, without an extension the gate knows: `json` and
    /// `ico` are not people's names.
    fn scan_static_name(&self, rel: &str) -> Vec<Finding> {
        let known = static_kind(rel) != Err(UNREADABLE);
        let scanned = match (known, rel.rfind('.')) {
            (true, Some(dot)) if !rel[dot..].contains('/') => &rel[..dot],
            _ => rel,
        };
        let mut findings = self.scan_path(scanned);
        for finding in &mut findings {
            finding.path = rel.to_string();
        }
        findings
    }

    fn scan_source(&self, source: &SourceText) -> Vec<Finding> {
        self.scan_text(&source.text)
            .into_iter()
            .map(|hit| {
                Finding::at(
                    source,
                    hit.start,
                    hit.end,
                    hit.kind,
                    hit.rule,
                    Severity::Error,
                    hit.message.clone(),
                )
                .with_help(super::help_for(hit.kind))
            })
            .collect()
    }
}

/// The finding for a kind of file that is never published.
pub fn refusal(rel: &str, refused: Refused) -> Finding {
    Finding::file(
        rel,
        1,
        Kind::Static,
        refused.rule,
        Severity::Error,
        refused.message,
    )
    .with_help(refused.help)
}

/// What a stylesheet may not do: fetch from another site (`url()` or
/// `@import` of an absolute or protocol-relative address), import at all,
/// or hide either behind CSS escapes. `css` sits at byte `base` of
/// `source`. A `url()` inside the site (`/images/a.png`, `#id`) is fine.
pub fn css_requests(source: &SourceText, base: usize, css: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    let lower = css.to_ascii_lowercase();
    let at = |offset: usize, kind, rule, message: &str, help: &str| {
        Finding::at(
            source,
            base + offset,
            base + offset,
            kind,
            rule,
            Severity::Error,
            message,
        )
        .with_help(help)
    };
    if let Some(i) = lower.find('\\') {
        findings.push(at(
            i,
            Kind::Static,
            "css-escape",
            "CSS escapes (a backslash) can hide an address from the gate",
            "write the characters themselves instead of CSS escapes",
        ));
    }
    if let Some(i) = lower.find("@import") {
        findings.push(at(
            i,
            Kind::Remote,
            "css-import",
            "@import loads another stylesheet when the page is read",
            "put the rules in this stylesheet instead",
        ));
    }
    for (i, _) in lower.match_indices("url(") {
        let value = lower[i + 4..]
            .trim_start()
            .trim_start_matches(['"', '\''])
            .trim_start();
        if is_remote_url(value) {
            findings.push(at(
                i,
                Kind::Remote,
                "remote-css",
                "a url() in CSS that points to another site: every reader's browser would request it",
                "download the file into static/ and link it with a path on this site, e.g. url(/images/…)",
            ));
        }
    }
    findings
}

/// True when a URL (as written in an attribute or CSS, already decoded)
/// points to another site: it has a scheme other than `data:` or
/// `mailto:`-like non-fetching ones, or starts with `//` (or the `\\`
/// and `/\` forms browsers read the same way). Tabs and newlines inside,
/// which URL parsers drop, and leading spaces and control characters are
/// ignored first.
pub fn is_remote_url(url: &str) -> bool {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(64)
        .collect();
    let lower = cleaned.to_ascii_lowercase();
    let b = lower.as_bytes();
    if b.len() >= 2 && matches!(b[0], b'/' | b'\\') && matches!(b[1], b'/' | b'\\') {
        return true;
    }
    match url_scheme(&lower) {
        Some(scheme) => !matches!(scheme, "data" | "mailto" | "tel"),
        None => false,
    }
}

/// The scheme of a URL (`https` of `https://…`), if it has one.
pub fn url_scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate() -> Gate {
        Gate::new(
            &crate::config::GateConfig::default(),
            super::super::Register::empty(),
        )
    }

    #[test]
    fn kinds_the_gate_cannot_read_or_make_safe_are_refused() {
        let gate = gate();
        for (rel, rule) in [
            ("static/report.pdf", "unreadable-static"),
            ("static/help/leaflet.html", "static-html"),
            ("static/data/referrals.xml", "static-xml"),
            ("static/fonts/hand.woff2", "static-font"),
            ("static/fonts/hand.ttf", "static-font"),
            ("static/README", "unreadable-static"),
        ] {
            let refused = gate.scan_static(rel, b"x");
            assert!(
                refused
                    .iter()
                    .any(|f| f.rule == rule && f.kind == Kind::Static && f.is_error()),
                "{rel}: {refused:?}"
            );
        }
        assert!(gate
            .scan_static("static/site.css", b"body { margin: 0 }")
            .is_empty());
        assert!(gate
            .scan_static("static/notes.txt", &[0xff, 0xfe])
            .iter()
            .any(|f| f.rule == "not-utf8" && f.kind == Kind::Static));
    }

    #[test]
    fn known_extensions_are_not_read_as_names() {
        let gate = gate();
        for rel in [
            "static/data/referrals-by-quarter.json",
            "static/favicon.ico",
        ] {
            assert!(gate.scan_static_name(rel).is_empty(), "{rel}");
        }
    }

    #[test]
    fn stylesheets_stay_on_the_site() {
        let gate = gate();
        let css = "a { background: url(/images/a.png) }\nb { background: url( \"https://tracker.example/p.gif\") }\n@import '//cdn.example/x.css';\n";
        let findings = gate.scan_static("static/site.css", css.as_bytes());
        let remote: Vec<_> = findings.iter().filter(|f| f.kind == Kind::Remote).collect();
        assert_eq!(remote.len(), 2, "{findings:?}");
        assert_eq!(remote.iter().map(|f| f.line).min(), Some(2));
        assert!(is_remote_url("\t//host/x"));
        assert!(is_remote_url("\\\\host/x"));
        assert!(is_remote_url("HTTPS://host/x"));
        assert!(is_remote_url("ht\ttps://host/x"));
        assert!(!is_remote_url("/images/a.png"));
        assert!(!is_remote_url("images/a:b.png"));
        assert!(!is_remote_url("#grad"));
    }
}
