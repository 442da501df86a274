//! Gate throughput on one core over generated review text, in MB/s
//! (criterion reports it as throughput). Target: ≥ 50 MB/s.
//!
//!     cargo bench --bench gate

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use clearhouse::config::GateConfig;
use clearhouse::corpus::{body, Rng};
use clearhouse::gate::{Gate, Register, RegisterEntry};

fn corpus(bytes: usize) -> String {
    let mut rng = Rng(7);
    let mut text = String::with_capacity(bytes + 100_000);
    while text.len() < bytes {
        text.push_str(&body(&mut rng, 6000));
    }
    text
}

fn gate() -> Gate {
    let entries = [
        ("Orlaith Brannigan", "person-name"),
        ("14 Quarrybrae Loan", "address"),
        ("Kayden Robertson", "person-name"),
        ("Balgarrow Primary School", "institution"),
    ]
    .iter()
    .map(|(text, kind)| RegisterEntry {
        review_id: None,
        text: text.to_string(),
        kind: kind.to_string(),
        replacement: Some("Child A".into()),
    })
    .collect();
    let config = GateConfig {
        allow: vec!["Police Scotland".into(), "CPC".into(), "GP".into()],
        ..GateConfig::default()
    };
    // As a build makes it: parts of names that are English words do not
    // count on their own.
    let register =
        Register::from_entries(entries, &|w| clearhouse::gate::names::is_english_word(w));
    Gate::new(&config, register)
}

/// Item bodies as a build scans them: one text per item, each a few tens of
/// kilobytes (one 16 MiB string would measure memory bandwidth instead,
/// since each detector reads the text once).
fn item_bodies(total: usize) -> Vec<String> {
    let mut rng = Rng(7);
    let mut bodies = Vec::new();
    let mut size = 0;
    while size < total {
        let words = if bodies.len() % 10 < 3 { 7000 } else { 1400 };
        let body = body(&mut rng, words);
        size += body.len();
        bodies.push(body);
    }
    bodies
}

fn gate_throughput(c: &mut Criterion) {
    let bodies = item_bodies(16 * 1024 * 1024);
    let bytes: usize = bodies.iter().map(String::len).sum();
    let gate = gate();
    let mut group = c.benchmark_group("gate");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("scan_text over 16 MiB of item bodies", |b| {
        b.iter(|| {
            bodies
                .iter()
                .map(|body| gate.scan_text(body).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

/// Each detector alone, to see where the gate's time goes.
fn detector_throughput(c: &mut Criterion) {
    let text = corpus(4 * 1024 * 1024);
    let mut group = c.benchmark_group("detector");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    let mut detectors = clearhouse::gate::structured::detectors();
    detectors.extend(clearhouse::gate::names::detectors());
    for detector in &detectors {
        group.bench_function(detector.name(), |b| {
            b.iter(|| {
                let mut hits = Vec::new();
                detector.scan(&text, &mut hits);
                hits
            })
        });
    }
    let register = gate();
    group.bench_function("register", |b| b.iter(|| register.register_hits(&text)));
    group.finish();
}

criterion_group!(benches, gate_throughput, detector_throughput);
criterion_main!(benches);
