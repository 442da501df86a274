//! Any Markdown through the body renderer: no panic, and nothing in the
//! sanitised HTML would run script (no `<script>`, no `on…=` handler, no
//! `javascript:`/`vbscript:`/non-image `data:` URL, no frame or object),
//! judged by the same tag scanner as the XSS corpus test.
#![no_main]

use clearhouse::render::markdown::render_markdown;
use libfuzzer_sys::fuzz_target;

#[path = "../html_check.rs"]
mod html_check;

fuzz_target!(|data: &[u8]| {
    let markdown = String::from_utf8_lossy(data);
    // A sub-path base exercises the link rewriting as well.
    for base in ["/", "/sub/"] {
        let body = render_markdown(&markdown, base, &["strategies"]);
        let problems = html_check::problems(&body.html, &|_| false);
        assert!(
            problems.is_empty(),
            "rendered body would run script: {problems:?}\n{}",
            body.html
        );
        for heading in &body.headings {
            assert!((2..=6).contains(&heading.level));
            assert!(
                !heading.id.contains(['"', '<', '>', '&', ' ']),
                "{:?}",
                heading.id
            );
        }
    }
});
