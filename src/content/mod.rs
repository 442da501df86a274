//! Loading a site's content: `content/reports/*.md` and
//! `content/summaries/*.md`, each TOML front matter plus Markdown.
//!
//! This module reads and validates; it does not look for personal data
//! (that is `gate`) and does not render (that is `render`). Anything it
//! cannot read is an error finding, never a skipped file.

pub mod day;
pub mod frontmatter;
pub mod model;
pub mod parts;
pub mod signing;
mod validate;
pub use crate::vocab;

use std::path::Path;

use rayon::prelude::*;

use crate::findings::{Finding, Kind, Severity};
use crate::source::SourceText;
pub use day::{Day, Month};
pub use frontmatter::FrontMatterString;
use frontmatter::{SpanIndex, Split, SplitError};
pub use model::*;
pub use signing::{body_sha256, Signatory};
pub use validate::validate;
pub use vocab::Vocabulary;

/// Items larger than this are refused: real reports are well under 1 MB,
/// and a runaway paste should not exhaust memory in every later stage.
pub const MAX_ITEM_BYTES: u64 = 8 * 1024 * 1024;

/// The folders items live in, and the kind each holds.
pub const ITEM_FOLDERS: [(&str, ItemKind); 2] = [
    ("reports", ItemKind::Report),
    ("summaries", ItemKind::Summary),
];

/// A loaded report or summary.
#[derive(Debug, Clone)]
pub struct Item {
    /// The whole file as written.
    pub source: SourceText,
    /// Where front matter and body are in `source.text`.
    pub split: Split,
    pub meta: FrontMatter,
    /// Every key and string value of the front matter, with positions.
    pub spans: SpanIndex,
    /// The digest a sign-off of this item must carry (`signing::signature`).
    pub signature: String,
    /// The CPC area the item belongs to (the site's, or the bundle's).
    pub area: String,
}

impl Item {
    /// The Markdown body as written.
    pub fn body(&self) -> &str {
        &self.source.text[self.split.body_start..]
    }

    /// URL segment: the review_id in lower case. Never the title.
    pub fn slug(&self) -> String {
        self.meta.review_id.to_lowercase()
    }

    /// 1-based line of a front matter key path (or its closest parent).
    pub fn line_of(&self, key: &str) -> usize {
        self.spans
            .offset_of(key)
            .map(|o| self.source.line_col(o).0)
            .unwrap_or(1)
    }

    /// Byte offset of a key path, or of the start of the front matter.
    pub fn offset_of(&self, key: &str) -> usize {
        self.spans.offset_of(key).unwrap_or(self.split.toml_start)
    }

    pub fn year(&self) -> i32 {
        self.meta.published.year()
    }
}

/// What `load` found: every item it could parse, and a finding for every
/// file it could not.
#[derive(Debug, Default)]
pub struct Loaded {
    pub items: Vec<Item>,
    pub findings: Vec<Finding>,
}

/// Reads every item under `root/content`. Symlinks, stray files and
/// unreadable files are findings.
pub fn load(root: &Path, area: &str) -> Loaded {
    let content = root.join("content");
    let mut loaded = Loaded::default();
    if !content.is_dir() {
        loaded.findings.push(
            Finding::file(
                "content",
                1,
                Kind::Schema,
                "no-content",
                Severity::Error,
                "the site has no content/ folder",
            )
            .with_help("put reports in content/reports/ and summaries in content/summaries/"),
        );
        return loaded;
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&content)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                loaded.findings.push(Finding::file(
                    relative(root, e.path().unwrap_or(&content)),
                    1,
                    Kind::Schema,
                    "unreadable",
                    Severity::Error,
                    format!("cannot read this folder: {e}"),
                ));
                continue;
            }
        };
        let rel = relative(root, entry.path());
        if entry.path_is_symlink() {
            loaded.findings.push(symlink_refused(rel));
            continue;
        }
        if entry.file_type().is_dir() {
            continue;
        }
        match item_kind_of(&rel) {
            Some(kind) => files.push((rel, kind)),
            None => loaded.findings.push(
                Finding::file(
                    rel,
                    1,
                    Kind::Schema,
                    "stray-file",
                    Severity::Error,
                    "content/ may hold only .md items in content/reports/ and content/summaries/",
                )
                .with_help("move this file out of content/ (drafts and notes belong in private/)"),
            ),
        }
    }
    let results: Vec<Result<Item, Finding>> = files
        .par_iter()
        .map(|(rel, kind)| {
            let size = std::fs::metadata(root.join(rel))
                .map(|m| m.len())
                .unwrap_or(0);
            if size > MAX_ITEM_BYTES {
                return Err(Finding::file(
                    rel.clone(),
                    1,
                    Kind::Schema,
                    "too-large",
                    Severity::Error,
                    format!(
                        "the item is {:.1} MB; items are limited to {} MB",
                        size as f64 / 1e6,
                        MAX_ITEM_BYTES / (1024 * 1024)
                    ),
                )
                .with_help("split it, or check that nothing was pasted into it by mistake"));
            }
            let bytes = std::fs::read(root.join(rel)).map_err(|e| {
                Finding::file(
                    rel.clone(),
                    1,
                    Kind::Schema,
                    "unreadable",
                    Severity::Error,
                    format!("cannot read the file: {e}"),
                )
            })?;
            parse_item(rel, bytes, *kind, area)
        })
        .collect();
    for result in results {
        match result {
            Ok(item) => loaded.items.push(item),
            Err(finding) => loaded.findings.push(finding),
        }
    }
    loaded
}

/// The kind of item a path under the site root holds by its folder, or
/// `None` when it is not an item's place (`content/reports/x.md` is a
/// report).
pub fn item_kind_of(rel: &str) -> Option<ItemKind> {
    let rest = rel.strip_prefix("content/")?;
    let (folder, name) = rest.split_once('/')?;
    if name.contains('/') || !name.ends_with(".md") {
        return None;
    }
    ITEM_FOLDERS
        .iter()
        .find(|(f, _)| *f == folder)
        .map(|(_, kind)| *kind)
}

/// The finding for a symbolic link under `content/` or `static/`: never
/// followed, since it could reach outside the site.
pub fn symlink_refused(rel: impl Into<String>) -> Finding {
    Finding::file(
        rel,
        1,
        Kind::Schema,
        "symlink",
        Severity::Error,
        "symbolic links are not followed: they could reach outside the site",
    )
    .with_help("replace the link with the file itself")
}

/// `root`-relative path with `/` separators.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Parses one item file. `expected` is the kind its folder holds.
pub fn parse_item(
    rel: &str,
    bytes: Vec<u8>,
    expected: ItemKind,
    area: &str,
) -> Result<Item, Finding> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let bad = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let line = bytes[..bad].iter().filter(|b| **b == b'\n').count() + 1;
            return Err(Finding::file(
                rel,
                line,
                Kind::Schema,
                "not-utf8",
                Severity::Error,
                format!("the file is not UTF-8 (byte 0x{:02X} on this line), so the gate cannot read it", bytes[bad]),
            )
            .with_help("save the file as UTF-8 (in Word or Notepad: Save As, Encoding UTF-8)"));
        }
    };
    if let Some(nul) = text.find('\0') {
        let source = SourceText::new(rel, text.clone());
        return Err(Finding::at(
            &source,
            nul,
            nul + 1,
            Kind::Schema,
            "nul-byte",
            Severity::Error,
            "the file contains a NUL byte",
        )
        .with_help("remove the NUL byte; it usually means the file is binary or damaged"));
    }
    let source = SourceText::new(rel, text);
    let split = match frontmatter::split(&source.text) {
        Ok(split) => split,
        Err(e) => {
            let (message, help) = match e {
                SplitError::Empty => ("the file is empty", "write the item's front matter and body, or delete the file (`clearhouse new` writes a skeleton)"),
                SplitError::NoOpening => ("the file does not start with a `+++` line opening the front matter", "put the front matter between two lines of `+++` at the top of the file"),
                SplitError::NoClosing => ("the front matter opened with `+++` is never closed", "add a line containing only `+++` after the front matter"),
            };
            return Err(Finding::file(
                rel,
                1,
                Kind::Schema,
                "front-matter",
                Severity::Error,
                message,
            )
            .with_help(help));
        }
    };
    let toml_text = &source.text[split.toml_start..split.toml_end];
    let meta: FrontMatter = toml::from_str(toml_text).map_err(|e| {
        crate::findings::toml_error_finding(&source, split.toml_start, &e, "front matter")
    })?;
    let spans = SpanIndex::build(&source.text, split.toml_start, toml_text);
    if meta.kind != expected {
        let offset = spans.offset_of("kind").unwrap_or(split.toml_start);
        return Err(Finding::at(&source, offset, offset + 4, Kind::Schema, "kind-folder", Severity::Error,
            format!("kind = \"{}\" but the file is in the folder for {}s", meta.kind.as_str(), expected.as_str()))
            .with_help("move reports to content/reports/ and summaries to content/summaries/, or correct `kind`"));
    }
    let signature = signing::signature(&source.text, &split);
    Ok(Item {
        source,
        split,
        meta,
        spans,
        signature,
        area: area.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_in_the_wrong_place_are_refused() {
        assert_eq!(item_kind_of("content/reports/a.md"), Some(ItemKind::Report));
        assert_eq!(item_kind_of("content/reports/a.txt"), None);
        assert_eq!(item_kind_of("content/other/a.md"), None);
        assert_eq!(item_kind_of("content/reports/x/a.md"), None);
    }
}
