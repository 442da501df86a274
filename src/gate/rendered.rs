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
        return Some(Cow::Owned(match String::from_utf8(out) {
            Ok(text) => text,
            Err(not_utf8) => spaced_lossy(not_utf8.as_bytes()),
        }));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(Cow::Borrowed(text)),
        Err(_) => Some(Cow::Owned(spaced_lossy(bytes))),
    }
}

/// `String::from_utf8_lossy` with three spaces where it writes U+FFFD
/// (one per invalid sequence, three bytes in UTF-8). The fold reads either
/// as a break between words, so the scan finds the same entries at the
/// same offsets, and tags end within the same 4 KiB window; but U+FFFD
/// goes through the fold's Unicode normalisation, one character at a time,
/// and Pagefind's binary index chunks decompress to millions of them (half
/// of the post-build scan's time went there).
fn spaced_lossy(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            text.push_str("   ");
        }
    }
    text
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

    /// The scan reads binary as `from_utf8_lossy` would, U+FFFD read as the
    /// break it is: the same fold, offset for offset.
    #[test]
    fn binary_is_folded_as_the_lossy_reading_is() {
        use crate::gate::fold::fold_markup;
        let samples: [&[u8]; 4] = [
            b"Sta\xffcey Cor\xc3rigan \xe2\x80",
            b"<a \xff\xfe\xfd href=\"x\xff\">Stacey\xf0\x9f</a>\xc3\xa9",
            b"\x80\x80\x80&amp\xff;%4\xff1 \xed\xa0\x80Quinn",
            b"caf\xc3\xa9 \xf4\x90\x80\x80 end",
        ];
        for bytes in samples {
            let ours = readable_text(bytes).unwrap();
            let lossy = String::from_utf8_lossy(bytes);
            assert_eq!(ours.len(), lossy.len(), "{lossy:?}");
            let (a, b) = (fold_markup(&ours), fold_markup(&lossy));
            assert_eq!(a.text, b.text, "{lossy:?}");
            let ends: Vec<_> = (0..a.text.len())
                .filter(|&i| a.text.is_char_boundary(i))
                .map(|i| {
                    (
                        a.original_range(&ours, i, a.text.len()),
                        b.original_range(&lossy, i, b.text.len()),
                    )
                })
                .collect();
            assert!(ends.iter().all(|(x, y)| x == y), "{lossy:?}: {ends:?}");
        }
        let gz = {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            gz.write_all(b"pf\xff\xfeStacey Corrigan\x00\x9a").unwrap();
            gz.finish().unwrap()
        };
        assert_eq!(
            readable_text(&gz).unwrap(),
            "pf      Stacey Corrigan\u{0}   "
        );
        let files = vec![OutputFile::new("idx.pf_index", gz)];
        assert_eq!(scan_output(&files, &register()).len(), 1);
    }
}
