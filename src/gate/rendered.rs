//! The post-render scan: every output file, as it will be written (and
//! decompressed where compressed), is searched for register entries. Last
//! line of defence against anything the renderer, a template or a search
//! index carried through in a form the gate did not see. Admission runs it
//! on every rendered page before it calls an item published; the build runs
//! it again on the search bundle, which is made after admission.

use std::borrow::Cow;
use std::io::Read;

use rayon::prelude::*;

use super::Register;
use crate::files::OutputFile;
use crate::findings::{Finding, Kind, Severity};
use crate::source::SourceText;

/// Findings (kind `register`) for every register entry in the output:
/// at most one per file, naming the file and the source it was made from.
pub fn scan_output(files: &[OutputFile], register: &Register) -> Vec<Finding> {
    scan_files(files, register)
        .into_iter()
        .map(|(_, finding)| finding)
        .collect()
}

/// [`scan_output`], each finding with the index of its file in `files`.
pub fn scan_files(files: &[OutputFile], register: &Register) -> Vec<(usize, Finding)> {
    if register.is_empty() {
        return Vec::new();
    }
    files
        .par_iter()
        .enumerate()
        .flat_map_iter(|(index, file)| {
            scan_file(file, register)
                .into_iter()
                .map(move |f| (index, f))
        })
        .collect()
}

fn scan_file(file: &OutputFile, register: &Register) -> Vec<Finding> {
    let Some(text) = readable_text(&file.bytes) else {
        return vec![Finding::file(
            &file.path,
            1,
            Kind::Register,
            "output-unreadable",
            Severity::Error,
            "the post-build scan could not read this output file, so it cannot be published",
        )];
    };
    let hits = register.find_in_markup(&text);
    let Some(first) = hits.first() else {
        return Vec::new();
    };
    let source = SourceText::new(format!("(output) {}", file.path), text.to_string());
    let made_from = file
        .origin
        .as_deref()
        .map(|o| format!(", made from {o}"))
        .unwrap_or_default();
    let start = first.start.min(text.len());
    let mut finding = Finding::at(
        &source,
        start,
        first.end.min(text.len()).max(start),
        Kind::Register,
        "post-build-scan",
        Severity::Error,
        format!(
            "a register entry is in output file {}{made_from} ({} match(es)); the previous site was left in place",
            file.path,
            hits.len()
        ),
    )
    .with_help("find how it got through (a template, a theme file, a static file?) and remove it at the source");
    finding.source_line = None;
    vec![finding]
}

/// The file's text: gzip is decompressed (Pagefind's index files), other
/// binary is read lossily so that any embedded text is still seen. UTF-8
/// (nearly every file) is read where it is, not copied.
fn readable_text(bytes: &[u8]) -> Option<Cow<'_, str>> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .take(512 * 1024 * 1024)
            .read_to_end(&mut out)
            .ok()?;
        return Some(Cow::Owned(String::from_utf8_lossy(&out).into_owned()));
    }
    Some(String::from_utf8_lossy(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gate::RegisterEntry;
    use std::io::Write;

    fn register() -> Register {
        Register::from_entries(
            vec![RegisterEntry {
                review_id: None,
                text: "Stacey Corrigan".into(),
                kind: "person-name".into(),
                replacement: None,
            }],
            &|_| false,
        )
    }

    #[test]
    fn finds_entries_in_html_json_and_gzip() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(b"pagefind_dcd{\"content\":\"stacey corrigan\"}")
            .unwrap();
        let files = vec![
            OutputFile::new("a/index.html", "<p>Stacey <em>Corrigan</em></p>")
                .from("content/reports/a.md"),
            OutputFile::new("b.json", r#"{"t":"Stacey\u0020Corrigan"}"#),
            OutputFile::new("c.pf_fragment", gz.finish().unwrap()),
            OutputFile::new("clean.html", "<p>Mother</p>"),
        ];
        let found = scan_output(&files, &register());
        let paths: Vec<&str> = found.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths.len(), 3, "{paths:?}");
        assert!(found[0].message.contains("content/reports/a.md"));
        assert!(!found.iter().any(|f| f.message.contains("Corrigan")));
    }
}
