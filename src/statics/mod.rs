//! The `static/` stage: every file under `static/` is read (only regular
//! files, never through a symbolic link, none over `[limits]
//! static_bytes`), put to the gate (`Gate::scan_static`: its name, and its
//! text for text files) and prepared for copying to the output root:
//! images rewritten to what is needed to show them (`images`), SVGs
//! checked and re-serialised from their parse (`svg`), and the published
//! text of an SVG read by the gate as well. Kinds of file the gate cannot
//! read or make safe (HTML, XML, fonts, anything unknown) are refused.
//!
//! This stage decides nothing about publication: admission drops every
//! file with an error finding and reports the findings.

pub mod images;
pub mod svg;

use std::path::Path;

use crate::config::Limits;
use crate::content::{not_followed, read_site_file, relative};
use crate::files::OutputFile;
use crate::findings::{Finding, Kind, Severity};
use crate::gate::statics::{static_kind, ImageFormat, StaticKind};
use crate::gate::Gate;
use crate::source::SourceText;

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
pub fn prepare(root: &Path, gate: &Gate, limits: &Limits) -> Statics {
    let static_dir = root.join("static");
    let mut statics = Statics::default();
    match std::fs::symlink_metadata(&static_dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(meta) => {
            statics
                .findings
                .push(not_followed("static", meta.file_type()));
            return statics;
        }
        Err(_) => return statics,
    }
    for entry in walkdir::WalkDir::new(&static_dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                statics.findings.push(Finding::file(
                    relative(root, e.path().unwrap_or(&static_dir)),
                    1,
                    Kind::File,
                    "unreadable",
                    Severity::Error,
                    format!("cannot read this part of static/: {e}"),
                ));
                continue;
            }
        };
        let rel = relative(root, entry.path());
        let file_type = entry.file_type();
        if file_type.is_dir() {
            if entry.depth() > 0 {
                statics.findings.extend(gate.scan_path(&rel));
            }
            continue;
        }
        if !file_type.is_file() {
            statics.findings.extend(gate.scan_path(&rel));
            statics.findings.push(not_followed(rel, file_type));
            continue;
        }
        // What the gate cannot read is refused before it is opened.
        if static_kind(&rel).is_err() {
            statics.findings.extend(gate.scan_static(&rel, &[]));
            continue;
        }
        let bytes = match read_site_file(root, &rel, limits.static_bytes, "static_bytes") {
            Ok(bytes) => bytes,
            Err(finding) => {
                statics.findings.extend(gate.scan_path(&rel));
                statics.findings.push(finding);
                continue;
            }
        };
        let mut findings = gate.scan_static(&rel, &bytes);
        let out_path = rel.strip_prefix("static/").unwrap_or(&rel).to_string();
        let prepared = match static_kind(&rel) {
            Ok(StaticKind::Image(format)) => rewrite_image(format, &bytes).map_err(|why| {
                vec![Finding::file(
                    &rel,
                    1,
                    Kind::Static,
                    "bad-image",
                    Severity::Error,
                    format!("the image cannot be published: {why}"),
                )
                .with_help("export the image again as PNG, JPEG or WebP")]
            }),
            Ok(StaticKind::Svg) => prepare_svg(&rel, bytes, gate),
            Ok(StaticKind::Text | StaticKind::Css) => Ok(bytes),
            Err(_) => Err(Vec::new()),
        };
        match prepared {
            Ok(bytes) => statics.files.push(StaticFile {
                file: OutputFile::new(out_path, bytes).from(rel),
                findings,
            }),
            Err(refusals) => {
                findings.extend(refusals);
                statics.findings.extend(findings);
            }
        }
    }
    statics
}

/// Adds the static files that passed to the rendered site. A static file
/// replaces the theme's asset at the same path (a site's own
/// `favicon.ico`, or `assets/site.css`); one that would replace a page or
/// data file the build writes (`robots.txt`, `learning.json`, the search
/// bundle under `pagefind/`, the output marker) is refused instead.
pub fn merge(files: &mut Vec<OutputFile>, statics: Vec<OutputFile>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let rendered: std::collections::HashMap<String, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.path.clone(), i))
        .collect();
    let mut replaced = std::collections::HashSet::new();
    let mut added = Vec::new();
    for file in statics {
        let theme_asset = file.path == "favicon.ico" || file.path.starts_with("assets/");
        let reserved =
            file.path.starts_with("pagefind/") || file.path == crate::files::OUTPUT_MARKER;
        match rendered.get(&file.path) {
            Some(&i) if theme_asset && !reserved => {
                replaced.insert(i);
                added.push(file);
            }
            None if !reserved => added.push(file),
            _ => findings.push(
                Finding::file(
                    file.origin.as_deref().unwrap_or(&file.path),
                    1,
                    Kind::Static,
                    "static-collision",
                    Severity::Error,
                    format!(
                        "this file would replace {}, which the build writes itself",
                        file.path
                    ),
                )
                .with_help(
                    "rename the file or move it into a folder of its own (e.g. static/files/)",
                ),
            ),
        }
    }
    if !replaced.is_empty() {
        let mut index = 0;
        files.retain(|_| {
            index += 1;
            !replaced.contains(&(index - 1))
        });
    }
    files.extend(added);
    findings
}

/// An image without anything but what shows it (`images`).
fn rewrite_image(format: ImageFormat, bytes: &[u8]) -> Result<Vec<u8>, images::Refusal> {
    match format {
        ImageFormat::Png => images::png(bytes),
        ImageFormat::Jpeg => images::jpeg(bytes),
        ImageFormat::Gif => images::gif(bytes),
        ImageFormat::WebP => images::webp(bytes),
        ImageFormat::Ico => images::ico(bytes),
    }
}

/// An SVG as it will be published, with the gate's findings on that text;
/// or why it cannot be.
fn prepare_svg(rel: &str, bytes: Vec<u8>, gate: &Gate) -> Result<Vec<u8>, Vec<Finding>> {
    let Ok(text) = String::from_utf8(bytes) else {
        return Err(vec![Finding::file(
            rel,
            1,
            Kind::Static,
            "not-utf8",
            Severity::Error,
            "the SVG is not UTF-8 text, so the gate cannot read it",
        )
        .with_help("save it as UTF-8, or export it as PNG")]);
    };
    let source = SourceText::new(rel, text);
    match svg::sanitise(&source.text) {
        Ok(clean) => {
            let findings = gate.scan_published(&source, &clean.text, &clean.segments);
            if findings.is_empty() {
                Ok(clean.text.into_bytes())
            } else {
                Err(findings)
            }
        }
        Err(problems) => Err(problems
            .into_iter()
            .map(|p| {
                let help = if p.kind == Kind::Remote {
                    "download what it loads into static/, or export the image as PNG"
                } else {
                    "export the image again as a plain SVG (shapes and text only) or as PNG"
                };
                Finding::at(
                    &source,
                    p.offset,
                    p.offset,
                    p.kind,
                    p.rule,
                    Severity::Error,
                    p.message,
                )
                .with_help(help)
            })
            .collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_file_named_png_is_refused() {
        assert!(rewrite_image(ImageFormat::Png, b"not a png").is_err());
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
        let statics = prepare(dir.path(), &gate, &Limits::default());
        let by_path = |p: &str| statics.files.iter().find(|f| f.file.path == p).unwrap();
        assert!(!by_path("notes.txt").is_clean());
        assert!(by_path("site.css").is_clean());
        assert_eq!(
            by_path("site.css").file.origin.as_deref(),
            Some("static/site.css")
        );
    }
}
