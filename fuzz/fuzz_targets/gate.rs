//! Any text through the gate: no panic, every hit inside the text on char
//! boundaries, and a register entry planted anywhere is always found.
#![no_main]

use std::sync::OnceLock;

use clearhouse::config::GateConfig;
use clearhouse::gate::{Gate, Register, RegisterEntry};
use libfuzzer_sys::fuzz_target;

fn gate() -> &'static Gate {
    static GATE: OnceLock<Gate> = OnceLock::new();
    GATE.get_or_init(|| {
        let entry = RegisterEntry {
            review_id: None,
            text: "Siobhán Quinn".into(),
            kind: "person-name".into(),
            replacement: Some("Practitioner B".into()),
        };
        let config = GateConfig {
            allow: vec!["Police Scotland".into(), "NHS".into()],
            ..GateConfig::default()
        };
        Gate::new(&config, Register::from_entries(vec![entry], &|_| false))
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for hit in gate().scan_text(&text) {
        assert!(hit.start <= hit.end && hit.end <= text.len());
        assert!(text.is_char_boundary(hit.start) && text.is_char_boundary(hit.end));
    }
    let planted = format!("{text} Siobhan QUINN {text}");
    assert!(
        gate()
            .scan_text(&planted)
            .iter()
            .any(|h| h.kind == clearhouse::findings::Kind::Register),
        "a planted register entry was not found"
    );
});
