//! What the gate reads in `static/`: every file name, text files like
//! content, SVG for script, and which kinds of file it can read at all.
//! It only detects; copying the files and stripping image metadata is the
//! `statics` stage's.

use super::Gate;
use crate::findings::{Finding, Kind, Severity};
use crate::source::SourceText;

/// What kind of static file a path is, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaticKind {
    /// Scanned as text like content.
    Text,
    /// An image: copied without its metadata.
    Image(ImageFormat),
    /// Binary the gate cannot read but which carries no text a person
    /// wrote (fonts); copied after the name check.
    Opaque,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Jpeg,
    Png,
    WebP,
    Gif,
}

/// The kind of a static file, or `None` when the gate cannot read it.
pub fn static_kind(rel: &str) -> Option<StaticKind> {
    let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
    Some(match ext.as_str() {
        "css" | "txt" | "js" | "json" | "xml" | "svg" | "csv" | "map" => StaticKind::Text,
        "jpg" | "jpeg" => StaticKind::Image(ImageFormat::Jpeg),
        "png" => StaticKind::Image(ImageFormat::Png),
        "webp" => StaticKind::Image(ImageFormat::WebP),
        "gif" => StaticKind::Image(ImageFormat::Gif),
        "woff" | "woff2" | "ico" => StaticKind::Opaque,
        _ => return None,
    })
}

impl Gate {
    /// Findings for one file of `static/` (`rel` from the site root) with
    /// its bytes: the name, and for text files their text; a kind the gate
    /// cannot read is refused.
    pub fn scan_static(&self, rel: &str, bytes: &[u8]) -> Vec<Finding> {
        let mut findings = self.scan_path(rel);
        match static_kind(rel) {
            None => findings.push(
                Finding::file(rel, 1, Kind::Schema, "unreadable-static", Severity::Error, "the gate cannot read this kind of file, so it cannot be published")
                    .with_help("publish the text as Markdown in content/, or convert images to PNG, JPEG or WebP"),
            ),
            Some(StaticKind::Text) => match std::str::from_utf8(bytes) {
                Ok(text) => {
                    let source = SourceText::new(rel, text);
                    for hit in self.scan_text(&source.text) {
                        findings.push(
                            Finding::at(
                                &source,
                                hit.start,
                                hit.end,
                                hit.kind,
                                hit.rule,
                                Severity::Error,
                                hit.message.clone(),
                            )
                            .with_help(super::help_for(hit.kind)),
                        );
                    }
                    if rel.ends_with(".svg") && has_active_content(&source.text) {
                        findings.push(Finding::file(rel, 1, Kind::Schema, "svg-script", Severity::Error, "this SVG contains script, event handlers or external references").with_help("export the image again as a plain SVG or as PNG"));
                    }
                }
                Err(_) => findings.push(
                    Finding::file(
                        rel,
                        1,
                        Kind::Schema,
                        "not-utf8",
                        Severity::Error,
                        "the file is not UTF-8 text, so the gate cannot read it",
                    )
                    .with_help("save it as UTF-8"),
                ),
            },
            Some(StaticKind::Image(_) | StaticKind::Opaque) => {}
        }
        findings
    }
}

fn has_active_content(svg: &str) -> bool {
    let lower = svg.to_ascii_lowercase();
    lower.contains("<script")
        || lower.contains("javascript:")
        || lower.contains("<foreignobject")
        || regex_lite_on_attr(&lower)
}

/// An `on…=` attribute anywhere in markup.
fn regex_lite_on_attr(lower: &str) -> bool {
    let bytes = lower.as_bytes();
    bytes.windows(3).enumerate().any(|(i, w)| {
        w[0].is_ascii_whitespace() && w[1] == b'o' && w[2] == b'n' && {
            let rest = &bytes[i + 3..];
            let name_len = rest.iter().take_while(|b| b.is_ascii_alphabetic()).count();
            name_len > 0
                && rest[name_len..].iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'=')
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_with_handlers_is_active() {
        assert!(has_active_content("<svg onload=\"x()\">"));
        assert!(has_active_content("<svg><script>x</script></svg>"));
        assert!(!has_active_content(
            "<svg viewBox=\"0 0 1 1\"><path d=\"M0\"/></svg>"
        ));
    }

    #[test]
    fn kinds_the_gate_cannot_read_are_refused() {
        let gate = Gate::new(
            &crate::config::GateConfig::default(),
            super::super::Register::empty(),
        );
        let refused = gate.scan_static("static/report.pdf", b"%PDF");
        assert!(refused
            .iter()
            .any(|f| f.rule == "unreadable-static" && f.is_error()));
        assert!(gate
            .scan_static("static/site.css", b"body { margin: 0 }")
            .is_empty());
        assert!(gate
            .scan_static("static/notes.txt", &[0xff, 0xfe])
            .iter()
            .any(|f| f.rule == "not-utf8"));
    }
}
