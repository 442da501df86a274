//! Gate throughput on one core over generated review text, in MB/s
//! (criterion reports it as throughput, in decimal megabytes). Target:
//! ≥ 50 MB/s.
//!
//!     cargo bench --bench gate
//!
//! Time is the benchmark thread's CPU time, not wall time: the figure is
//! what one core does, and other work on the machine (a compiler, a build)
//! does not pass for a slower gate.

use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// CPU time of the calling thread (`CLOCK_THREAD_CPUTIME_ID`).
struct ThreadCpuTime {
    /// Only for its formatter: values are durations either way.
    wall: WallTime,
}

fn thread_cpu_now() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid, writable timespec; the clock id is a
    // constant every Linux supports.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    assert_eq!(status, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

impl Measurement for ThreadCpuTime {
    type Intermediate = Duration;
    type Value = Duration;

    fn start(&self) -> Duration {
        thread_cpu_now()
    }
    fn end(&self, started: Duration) -> Duration {
        thread_cpu_now().saturating_sub(started)
    }
    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        self.wall.formatter()
    }
}

fn cpu_time() -> Criterion<ThreadCpuTime> {
    Criterion::default().with_measurement(ThreadCpuTime { wall: WallTime })
}

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

fn gate_throughput(c: &mut Criterion<ThreadCpuTime>) {
    let bodies = item_bodies(16 * 1024 * 1024);
    let bytes: usize = bodies.iter().map(String::len).sum();
    let gate = gate();
    let mut group = c.benchmark_group("gate");
    group.sample_size(10);
    group.throughput(Throughput::BytesDecimal(bytes as u64));
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
fn detector_throughput(c: &mut Criterion<ThreadCpuTime>) {
    let text = corpus(4 * 1024 * 1024);
    let mut group = c.benchmark_group("detector");
    group.sample_size(10);
    group.throughput(Throughput::BytesDecimal(text.len() as u64));
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

/// Rendered pages as a build writes them: a page shell, a report's body
/// rendered from Markdown, and a listing of strategy rows in the markup the
/// theme gives them (classes, titles, links, entities), which is most of
/// the bytes of the largest pages (`clear/*/index.html`).
fn rendered_pages(total: usize) -> Vec<String> {
    let mut rng = Rng(11);
    let mut pages = Vec::new();
    let mut size = 0;
    while size < total {
        let markdown = body(&mut rng, if pages.len() % 3 == 0 { 7000 } else { 1400 });
        let html = clearhouse::render::markdown::render_markdown(&markdown, "/", &[]).html;
        let mut page = String::from(
            "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n  <meta charset=\"utf-8\">\n  \
             <title>Learning from a review &ndash; Learning from reviews: Benchmark CPC</title>\n  \
             <link rel=\"stylesheet\" href=\"/assets/site.css\">\n</head>\n<body>\n  \
             <a class=\"skip-link\" href=\"#main\">Skip to main content</a>\n  \
             <main id=\"main\" class=\"wrap\">\n  <article class=\"item-body\">\n",
        );
        page.push_str(&html);
        page.push_str("  </article>\n  <ul class=\"strategy-list\">\n");
        for row in 0..200 {
            page.push_str(&format!(
                "  <li class=\"strategy-row is-incomplete\">\n  <h3 class=\"strategy-row__title\">\
                 <a href=\"/learning/bm-2025-{row:05}/#strategy-3\">Improve how agencies respond to \
                 the child&#x27;s attendance at school</a></h3>\n  <p class=\"strategy-row__from\">From \
                 <a href=\"/learning/bm-2025-{row:05}/\">bm-2025-{row:05}</a>: Learning from a review of \
                 the impact of parental drinking</p>\n  <p class=\"clear-meter\"><span \
                 class=\"clear-meter__letter is-present\" title=\"Case for change\">C</span><span \
                 class=\"clear-meter__letter is-present\" title=\"Learning orientated\">L</span><span \
                 class=\"clear-meter__text\"><span class=\"visually-hidden\">CLEAR completeness: \
                 </span>4 of 5 &mdash; Review missing</span></p>\n</li>\n"
            ));
        }
        page.push_str("  </ul>\n  </main>\n</body>\n</html>\n");
        size += page.len();
        pages.push(page);
    }
    pages
}

/// The post-render scan's reading of rendered pages (tags, entities and
/// escapes undone, every byte read), beside the register's scan of item
/// text: the register is searched in every output file of a build.
fn rendered_throughput(c: &mut Criterion<ThreadCpuTime>) {
    let pages = rendered_pages(8 * 1024 * 1024);
    let bytes: usize = pages.iter().map(String::len).sum();
    let register = gate();
    let register = register.register();
    let mut group = c.benchmark_group("rendered");
    group.sample_size(10);
    group.throughput(Throughput::BytesDecimal(bytes as u64));
    group.bench_function("find_in_markup over 8 MiB of rendered pages", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|page| register.find_in_markup(page).len())
                .sum::<usize>()
        })
    });
    let bodies = item_bodies(8 * 1024 * 1024);
    let bytes: usize = bodies.iter().map(String::len).sum();
    group.throughput(Throughput::BytesDecimal(bytes as u64));
    group.bench_function("register find over 8 MiB of item bodies", |b| {
        b.iter(|| {
            bodies
                .iter()
                .map(|body| register.find(body).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = cpu_time();
    targets = gate_throughput, detector_throughput, rendered_throughput
}
criterion_main!(benches);
