//! `static/`: copied as is, except that every file name is gated, text
//! files are gated like content, images lose their metadata (EXIF, XMP,
//! IPTC, text chunks: camera serials, GPS positions, authors' names), and
//! files the gate cannot read are refused.

use std::path::Path;

use img_parts::{jpeg::Jpeg, png::Png, webp::WebP, Bytes, ImageEXIF, ImageICC};

use super::Gate;
use crate::content::{relative, symlink_refused};
use crate::findings::{Finding, Kind, Severity};
use crate::output::OutputFile;
use crate::source::SourceText;

/// What the gate does with a static file, by extension.
enum Handling {
    /// Scanned as text like content.
    Text,
    /// Copied without metadata.
    Image(ImageFormat),
    /// Binary the gate cannot read but which carries no text a person
    /// wrote (fonts); copied after the name check.
    Opaque,
}

#[derive(Clone, Copy)]
enum ImageFormat {
    Jpeg,
    Png,
    WebP,
    Gif,
}

fn handling(rel: &str) -> Option<Handling> {
    let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
    Some(match ext.as_str() {
        "css" | "txt" | "js" | "json" | "xml" | "svg" | "csv" | "map" => Handling::Text,
        "jpg" | "jpeg" => Handling::Image(ImageFormat::Jpeg),
        "png" => Handling::Image(ImageFormat::Png),
        "webp" => Handling::Image(ImageFormat::WebP),
        "gif" => Handling::Image(ImageFormat::Gif),
        "woff" | "woff2" | "ico" => Handling::Opaque,
        _ => return None,
    })
}

/// Checks and prepares every file under `root/static` for copying to the
/// output root. Findings block the build when they are errors.
pub fn prepare(root: &Path, gate: &Gate) -> (Vec<OutputFile>, Vec<Finding>) {
    let static_dir = root.join("static");
    let mut files = Vec::new();
    let mut findings = Vec::new();
    if !static_dir.is_dir() {
        return (files, findings);
    }
    for entry in walkdir::WalkDir::new(&static_dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                findings.push(Finding::file(
                    "static",
                    1,
                    Kind::Schema,
                    "unreadable",
                    Severity::Error,
                    format!("cannot read static/: {e}"),
                ));
                continue;
            }
        };
        let rel = relative(root, entry.path());
        findings.extend(gate.scan_path(&rel));
        if entry.path_is_symlink() {
            findings.push(symlink_refused(&rel));
            continue;
        }
        if entry.file_type().is_dir() {
            continue;
        }
        let out_path = rel.strip_prefix("static/").unwrap_or(&rel).to_string();
        let Some(handling) = handling(&rel) else {
            findings.push(
                Finding::file(&rel, 1, Kind::Schema, "unreadable-static", Severity::Error, "the gate cannot read this kind of file, so it cannot be published")
                    .with_help("publish the text as Markdown in content/, or convert images to PNG, JPEG or WebP"),
            );
            continue;
        };
        let bytes = match std::fs::read(entry.path()) {
            Ok(b) => b,
            Err(e) => {
                findings.push(Finding::file(
                    &rel,
                    1,
                    Kind::Schema,
                    "unreadable",
                    Severity::Error,
                    format!("cannot read the file: {e}"),
                ));
                continue;
            }
        };
        match handling {
            Handling::Text => {
                match String::from_utf8(bytes) {
                    Ok(text) => {
                        let source = SourceText::new(rel.clone(), text);
                        for hit in gate.scan_text(&source.text) {
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
                            findings.push(Finding::file(&rel, 1, Kind::Schema, "svg-script", Severity::Error, "this SVG contains script, event handlers or external references").with_help("export the image again as a plain SVG or as PNG"));
                        }
                        files.push(OutputFile::new(out_path, source.text.into_bytes()).from(rel));
                    }
                    Err(_) => findings.push(
                        Finding::file(
                            &rel,
                            1,
                            Kind::Schema,
                            "not-utf8",
                            Severity::Error,
                            "the file is not UTF-8 text, so the gate cannot read it",
                        )
                        .with_help("save it as UTF-8"),
                    ),
                }
            }
            Handling::Image(format) => match strip_metadata(format, bytes) {
                Ok(clean) => files.push(OutputFile::new(out_path, clean).from(rel)),
                Err(why) => findings.push(
                    Finding::file(
                        &rel,
                        1,
                        Kind::Schema,
                        "bad-image",
                        Severity::Error,
                        format!("the image cannot be read: {why}"),
                    )
                    .with_help("export the image again as PNG, JPEG or WebP"),
                ),
            },
            Handling::Opaque => files.push(OutputFile::new(out_path, bytes).from(rel)),
        }
    }
    (files, findings)
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

/// Removes EXIF, XMP, IPTC, comments and text chunks; keeps pixels and the
/// colour profile. A file that does not parse as its extension says is
/// refused rather than copied.
fn strip_metadata(format: ImageFormat, bytes: Vec<u8>) -> Result<Vec<u8>, String> {
    let input = Bytes::from(bytes);
    match format {
        ImageFormat::Jpeg => {
            let mut jpeg =
                Jpeg::from_bytes(input).map_err(|e| format!("not a valid JPEG ({e})"))?;
            jpeg.set_exif(None);
            // APP1 (XMP), APP12/APP13 (IPTC, Photoshop), COM (comments).
            jpeg.segments_mut().retain(|s| {
                let marker = s.marker();
                !(marker == 0xE1 || marker == 0xEC || marker == 0xED || marker == 0xFE)
            });
            Ok(jpeg.encoder().bytes().to_vec())
        }
        ImageFormat::Png => {
            let mut png = Png::from_bytes(input).map_err(|e| format!("not a valid PNG ({e})"))?;
            png.set_exif(None);
            png.chunks_mut()
                .retain(|c| !matches!(&c.kind(), b"tEXt" | b"zTXt" | b"iTXt" | b"eXIf" | b"tIME"));
            Ok(png.encoder().bytes().to_vec())
        }
        ImageFormat::WebP => {
            let mut webp =
                WebP::from_bytes(input).map_err(|e| format!("not a valid WebP ({e})"))?;
            webp.set_exif(None);
            webp.remove_chunks_by_id(*b"XMP ");
            let _ = webp.icc_profile();
            Ok(webp.encoder().bytes().to_vec())
        }
        ImageFormat::Gif => strip_gif(input.to_vec()),
    }
}

/// GIFs carry metadata in comment and application extensions; rather than
/// rewrite the format, refuse GIFs that have any, and copy those that do not.
fn strip_gif(bytes: Vec<u8>) -> Result<Vec<u8>, String> {
    if !(bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a")) {
        return Err("not a valid GIF".into());
    }
    let has_comment = bytes.windows(2).any(|w| w == [0x21, 0xFE]);
    let has_xmp = bytes.windows(11).any(|w| w == b"XMP DataXMP");
    if has_comment || has_xmp {
        return Err("the GIF carries comment or XMP metadata; convert it to PNG".into());
    }
    Ok(bytes)
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
    fn a_text_file_named_png_is_refused() {
        assert!(strip_metadata(ImageFormat::Png, b"not a png".to_vec()).is_err());
    }
}
