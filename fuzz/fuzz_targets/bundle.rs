//! Any bytes as a national site's input bundle: reading either accepts it
//! or returns findings, never panics; an accepted bundle's items become
//! items (or findings) without panicking, with every position inside the
//! item's source text.
//!
//! Random bytes almost never carry valid checksums, so the target also
//! re-signs any JSON it is given (each item's `sha256` recomputed) and reads
//! that: otherwise everything after the checksum check would go unfuzzed.
#![no_main]

use clearhouse::content::Day;
use clearhouse::national::bundle::{read_bundle, sign_off_digest};
use clearhouse::national::ingest::bundle_items;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn ingest(bytes: &[u8]) {
    // Far ahead, so that no date is refused for being in the future.
    let today = Day::parse("2100-01-01").expect("a day");
    let Ok(bundle) = read_bundle(bytes, "fuzz.json", today) else {
        return;
    };
    let (items, findings) = bundle_items(&bundle, "fuzz.json");
    assert_eq!(items.len() + findings.len(), bundle.items.len());
    for item in &items {
        let text = &item.source.text;
        assert!(item.split.toml_start <= item.split.toml_end);
        assert!(item.split.body_start <= text.len());
        assert!(text.is_char_boundary(item.split.body_start));
        for string in &item.spans.strings {
            assert!(string.span.start <= string.span.end && string.span.end <= text.len());
        }
    }
}

fuzz_target!(|data: &[u8]| {
    ingest(data);
    let Ok(mut value) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let Some(items) = value.get_mut("items").and_then(Value::as_array_mut) else {
        return;
    };
    for item in items.iter_mut() {
        let (Some(front_matter), Some(Value::String(body))) =
            (item.get("front_matter").cloned(), item.get("body").cloned())
        else {
            continue;
        };
        if let Some(object) = item.as_object_mut() {
            object.insert(
                "sha256".into(),
                Value::String(sign_off_digest(&front_matter, &body)),
            );
        }
    }
    ingest(&serde_json::to_vec(&value).expect("a JSON value serialises"));
});
