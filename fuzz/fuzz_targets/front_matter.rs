//! Any bytes as an item file: parsing either yields an item or a finding,
//! never a panic; and a parsed item's positions stay inside the file.
#![no_main]

use clearhouse::content::{parse_item, ItemKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match parse_item(
        "content/reports/fuzz.md",
        data.to_vec(),
        ItemKind::Report,
        "Fuzz CPC",
    ) {
        Ok(item) => {
            assert!(item.split.body_start <= item.source.text.len());
            for string in &item.spans.strings {
                assert!(string.span.end <= item.source.text.len());
            }
            let vocabulary = clearhouse::content::Vocabulary::new(&[]);
            let today = clearhouse::content::Day::parse("2026-01-01").unwrap();
            let _ = clearhouse::content::validate(&item, &vocabulary);
            let _ = clearhouse::admission::holds(&item, today);
        }
        Err(finding) => assert!(finding.line >= 1),
    }
});
