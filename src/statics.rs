//! The `static/` stage: every file under `static/` is read, put to the
//! gate (`Gate::scan_static`: its name, and its text for text files) and
//! prepared for copying to the output root, images without their metadata
//! (EXIF, XMP, IPTC, text chunks: camera serials, GPS positions, authors'
//! names). Files that cannot be read, symbolic links and images that do
//! not parse as their extension says are refused.
//!
//! This stage decides nothing about publication: admission drops every
//! file with an error finding and reports the findings.

use std::path::Path;

use img_parts::{jpeg::Jpeg, png::Png, webp::WebP, Bytes, ImageEXIF, ImageICC};

use crate::content::{relative, symlink_refused};
use crate::files::OutputFile;
use crate::findings::{Finding, Kind, Severity};
use crate::gate::statics::{static_kind, ImageFormat, StaticKind};
use crate::gate::Gate;

/// One file of `static/`, as it would be copied, and what the gate and
/// this stage found in it.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// `static/` stripped from the path; the origin is the path under the site root.
    pub file: OutputFile,
    pub findings: Vec<Finding>,
}

impl StaticFile {
    pub fn is_clean(&self) -> bool {
        !self.findings.iter().any(Finding::is_error)
    }
}

/// Every file under `root/static`, plus findings about the folder itself
/// (unreadable entries, symbolic links, files that could not be read or
/// prepared), which belong to no copyable file.
#[derive(Debug, Default, Clone)]
pub struct Statics {
    pub files: Vec<StaticFile>,
    pub findings: Vec<Finding>,
}

/// Reads, gates and prepares every file under `root/static`.
pub fn prepare(root: &Path, gate: &Gate) -> Statics {
    let static_dir = root.join("static");
    let mut statics = Statics::default();
    if !static_dir.is_dir() {
        return statics;
    }
    for entry in walkdir::WalkDir::new(&static_dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                statics.findings.push(Finding::file(
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
        if entry.path_is_symlink() {
            statics.findings.extend(gate.scan_path(&rel));
            statics.findings.push(symlink_refused(&rel));
            continue;
        }
        if entry.file_type().is_dir() {
            statics.findings.extend(gate.scan_path(&rel));
            continue;
        }
        let bytes = match std::fs::read(entry.path()) {
            Ok(b) => b,
            Err(e) => {
                statics.findings.extend(gate.scan_path(&rel));
                statics.findings.push(Finding::file(
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
        let mut findings = gate.scan_static(&rel, &bytes);
        let out_path = rel.strip_prefix("static/").unwrap_or(&rel).to_string();
        let bytes = match static_kind(&rel) {
            Some(StaticKind::Image(format)) => match strip_metadata(format, bytes) {
                Ok(clean) => clean,
                Err(why) => {
                    findings.push(
                        Finding::file(
                            &rel,
                            1,
                            Kind::Schema,
                            "bad-image",
                            Severity::Error,
                            format!("the image cannot be read: {why}"),
                        )
                        .with_help("export the image again as PNG, JPEG or WebP"),
                    );
                    statics.findings.extend(findings);
                    continue;
                }
            },
            Some(StaticKind::Text | StaticKind::Opaque) => bytes,
            None => {
                statics.findings.extend(findings);
                continue;
            }
        };
        statics.files.push(StaticFile {
            file: OutputFile::new(out_path, bytes).from(rel),
            findings,
        });
    }
    statics
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
    fn a_text_file_named_png_is_refused() {
        assert!(strip_metadata(ImageFormat::Png, b"not a png".to_vec()).is_err());
    }

    #[test]
    fn a_static_file_with_personal_data_is_prepared_but_not_clean() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("static")).unwrap();
        std::fs::write(dir.path().join("static/notes.txt"), "Call 07700 900123.\n").unwrap();
        std::fs::write(dir.path().join("static/site.css"), "body { margin: 0 }\n").unwrap();
        let gate = Gate::new(
            &crate::config::GateConfig::default(),
            crate::gate::Register::empty(),
        );
        let statics = prepare(dir.path(), &gate);
        let by_path = |p: &str| statics.files.iter().find(|f| f.file.path == p).unwrap();
        assert!(!by_path("notes.txt").is_clean());
        assert!(by_path("site.css").is_clean());
        assert_eq!(
            by_path("site.css").file.origin.as_deref(),
            Some("static/site.css")
        );
    }
}
