//! The XSS filter-evasion corpus, through the whole pipeline: each payload
//! goes into a copy of the control site (in the body, a front matter
//! string, a link or image URL, or the config), and the build either
//! refuses it, naming the file, or succeeds with no output file that would
//! run script from content.
//!
//! Output is judged by a tag and attribute scanner (`fuzz/html_check.rs`,
//! shared with the `render` fuzz target), not by looking for the payload's
//! own text, so a payload that is re-encoded or split on the way through is
//! judged by what a browser, a feed reader or a page inserting the JSON
//! would actually run.

use std::path::Path;

use serde_json::Value;

use crate::common::*;
use crate::html_check;

const ITEM: &str = "content/reports/ts-2024-00.md";
const CONTROL_TITLE: &str = "Learning from a review of services to an infant";
const CONTROL_WHY: &str = "Health Visitor 1 recorded what was seen and heard, and shared it promptly, so the interagency referral discussion could decide quickly.";
const CONTROL_LEARNING: &str =
    "A short multi-agency chronology should be started when a second concern about an infant is raised.";

/// Where a payload goes.
#[derive(Debug, Clone, Copy)]
enum Place {
    /// A paragraph of its own at the end of the body.
    Body,
    /// The item's title.
    Title,
    /// The strategy's `learning` text.
    Strategy,
    /// The effective practice's `why`.
    EffectivePractice,
    /// `[a link](PAYLOAD)` in the body.
    LinkUrl,
    /// `![an image](PAYLOAD)` in the body.
    ImageUrl,
    /// `theme = PAYLOAD` in config.toml.
    Theme,
}

/// The corpus: OWASP XSS Filter Evasion Cheat Sheet payloads and their
/// Markdown equivalents.
const PAYLOADS: &[(Place, &str)] = &[
    // Raw HTML in the body.
    (Place::Body, "<script>alert(1)</script>"),
    (Place::Body, "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>"),
    (Place::Body, "<scr<script>ipt>alert(1)</scr</script>ipt>"),
    (Place::Body, "<img src=x onerror=alert(1)>"),
    (Place::Body, "<IMG SRC=\"x\" ONERROR=\"alert(String.fromCharCode(88,83,83))\">"),
    (Place::Body, "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;(1)>"),
    (Place::Body, "<svg/onload=alert(1)>"),
    (Place::Body, "<svg><script>alert(1)</script></svg>"),
    (Place::Body, "<body onload=alert(1)>"),
    (Place::Body, "<iframe src=\"javascript:alert(1)\"></iframe>"),
    (Place::Body, "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>"),
    (Place::Body, "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></object>"),
    (Place::Body, "<embed src=\"https://xss.example/x.swf\">"),
    (Place::Body, "<a href=\"jav&#x09;ascript:alert(1)\">tab</a>"),
    (Place::Body, "<a href=\"jav&#x0A;ascript:alert(1)\">newline</a>"),
    (Place::Body, "<a href=\"JaVaScRiPt:alert(1)\">mixed case</a>"),
    (Place::Body, "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">decimal</a>"),
    (Place::Body, "<a href=\"&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)\">hex, no semicolons</a>"),
    (Place::Body, "<a href=\"javascript&colon;alert(1)\">named colon</a>"),
    (Place::Body, "<a href=\" &#14;  javascript:alert(1)\">leading control</a>"),
    (Place::Body, "<a href=\"vbscript:msgbox(1)\">vb</a>"),
    (Place::Body, "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">data</a>"),
    (Place::Body, "<math><mi xlink:href=\"javascript:alert(1)\">m</mi></math>"),
    (Place::Body, "<style>@import 'https://xss.example/x.css';</style>"),
    (Place::Body, "<div style=\"background:url(javascript:alert(1))\">css</div>"),
    (Place::Body, "<div style=\"width: expression(alert(1))\">ie</div>"),
    (Place::Body, "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">"),
    (Place::Body, "<base href=\"https://xss.example/\">"),
    (Place::Body, "<form action=\"javascript:alert(1)\"><button>go</button></form>"),
    (Place::Body, "<button formaction=\"javascript:alert(1)\">go</button>"),
    (Place::Body, "<details open ontoggle=alert(1)>x</details>"),
    (Place::Body, "<input autofocus onfocus=alert(1)>"),
    (Place::Body, "<video><source onerror=\"alert(1)\"></video>"),
    (Place::Body, "<a href=\"x\" title=\"\" onmouseover=\"alert(1)\">quote break</a>"),
    (Place::Body, "<img src=`x` onerror=`alert(1)`>"),
    (Place::Body, "<img \"\"\"><script>alert(1)</script>\">"),
    (Place::Body, "<!--<img src=\"--><img src=x onerror=alert(1)//\">"),
    (Place::Body, "<<SCRIPT>alert(1);//<</SCRIPT>"),
    (Place::Body, "&lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt;"),
    (Place::Body, "`<script>alert(1)</script>` in code"),
    (Place::Body, "[click](javascript:alert(1))"),
    (Place::Body, "[click](JaVaScRiPt:alert(1))"),
    (Place::Body, "[click](&#106;avascript:alert(1))"),
    (Place::Body, "[click](javascript&#58;alert(1))"),
    (Place::Body, "[click](java\\script:alert(1))"),
    (Place::Body, "[click](<javascript:alert(1)>)"),
    (Place::Body, "[click](vbscript:msgbox(1))"),
    (Place::Body, "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
    (Place::Body, "![img](javascript:alert(1))"),
    (Place::Body, "![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)"),
    (Place::Body, "<javascript:alert(1)>"),
    (Place::Body, "[ref link][r]\n\n[r]: javascript:alert(1)"),
    (Place::Body, "[ref link][r]\n\n[r]: https://example.org/ \"title\" onmouseover=\"alert(1)"),
    (Place::Body, "[titled](https://example.org/ \"a\\\" onmouseover=\\\"alert(1)\")"),
    (Place::Body, "[titled](https://example.org/ 'a\" onmouseover=\"alert(1)')"),
    (Place::Body, "![alt\" onerror=\"alert(1)](https://example.org/x.png)"),
    (Place::Body, "[x](https://example.org/\"onmouseover=\"alert(1))"),
    // Front matter strings: escaped by the templates wherever they appear.
    (Place::Title, "<script>alert(1)</script>"),
    (Place::Title, "\"><img src=x onerror=alert(1)>"),
    (Place::Title, "'><svg/onload=alert(1)>"),
    (Place::Title, "</title><script>alert(1)</script>"),
    (Place::Title, "]]></title><script>alert(1)</script>"),
    (Place::Title, "javascript:alert(1)"),
    (Place::Strategy, "<img src=x onerror=alert(1)> learning"),
    (Place::Strategy, "[click](javascript:alert(1))"),
    (Place::Strategy, "\" onmouseover=\"alert(1)"),
    (Place::EffectivePractice, "<iframe src=javascript:alert(1)></iframe>"),
    (Place::EffectivePractice, "`\"'><script>alert(1)</script>"),
    // URLs.
    (Place::LinkUrl, "javascript:alert(1)"),
    (Place::LinkUrl, "JAVASCRIPT:alert(1)"),
    (Place::LinkUrl, "&#x6A;avascript:alert(1)"),
    (Place::LinkUrl, "javascript%3Aalert(1)"),
    (Place::LinkUrl, "vbscript:msgbox(1)"),
    (Place::LinkUrl, "data:text/html,<script>alert(1)</script>"),
    (Place::LinkUrl, "https://example.org/\" onclick=\"alert(1)"),
    (Place::ImageUrl, "javascript:alert(1)"),
    (Place::ImageUrl, "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
    (Place::ImageUrl, "x.png\" onerror=\"alert(1)"),
    // Config.
    (Place::Theme, "../../etc"),
    (Place::Theme, "../content"),
    (Place::Theme, "\"><script>alert(1)</script>"),
];

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap()
}

fn write(root: &Path, rel: &str, text: &str) {
    std::fs::write(root.join(rel), text).unwrap();
}

/// A TOML basic string holding `text`.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn replace_in(root: &Path, rel: &str, from: &str, to: &str) {
    let text = read(root, rel);
    assert!(text.contains(from), "{rel} has {from:?}");
    write(root, rel, &text.replacen(from, to, 1));
}

fn append_to_body(root: &Path, markdown: &str) {
    let text = read(root, ITEM);
    write(root, ITEM, &format!("{text}\n{markdown}\n"));
}

/// Signs the changed item again with its sign-off dates kept. Not through
/// `clearhouse signoff`, which refuses an item with script in it: these
/// tests ask what the build does if such an item were signed anyway (by
/// hand, or by an older version).
fn resign(root: &Path) {
    sign_again(&root.join(ITEM));
}

/// Puts `payload` in its place in the copied control site.
fn plant(root: &Path, place: Place, payload: &str) {
    match place {
        Place::Body => {
            append_to_body(root, payload);
            resign(root);
        }
        Place::LinkUrl => {
            append_to_body(root, &format!("See [a link]({payload}) here."));
            resign(root);
        }
        Place::ImageUrl => {
            append_to_body(root, &format!("![an image]({payload})"));
            resign(root);
        }
        Place::Title => replace_in(
            root,
            ITEM,
            &format!("\"{CONTROL_TITLE}\""),
            &toml_string(&format!("Learning {payload}")),
        ),
        Place::Strategy => replace_in(
            root,
            ITEM,
            &format!("\"{CONTROL_LEARNING}\""),
            &toml_string(payload),
        ),
        Place::EffectivePractice => replace_in(
            root,
            ITEM,
            &format!("\"{CONTROL_WHY}\""),
            &toml_string(payload),
        ),
        Place::Theme => replace_in(
            root,
            "config.toml",
            "theme = \"default\"",
            &format!("theme = {}", toml_string(payload)),
        ),
    }
}

/// The theme's own scripts: an external file from the site's `assets/`
/// (or Pagefind's own folder), never inline.
fn theme_script(tag: &html_check::Tag) -> bool {
    tag.attribute("src").is_some_and(|src| {
        let path = src
            .strip_prefix("https://learning.example.org")
            .unwrap_or(src);
        path.starts_with('/')
            && !path.starts_with("//")
            && (path.contains("/assets/") || path.starts_with("/pagefind/"))
            && path.ends_with(".js")
    })
}

/// Every reason the file at `rel` would run script from content.
fn file_problems(rel: &str, bytes: &[u8]) -> Vec<String> {
    let extension = rel.rsplit('.').next().unwrap_or("");
    // The theme's and Pagefind's own code and styles, fonts and images are
    // not made from content.
    if matches!(
        extension,
        "js" | "css" | "wasm" | "png" | "jpg" | "jpeg" | "gif" | "ico" | "woff" | "woff2" | "webp"
    ) {
        return Vec::new();
    }
    let text = readable(bytes);
    let mut problems = Vec::new();
    match extension {
        "html" | "htm" | "svg" => problems.extend(html_check::problems(&text, &theme_script)),
        "xml" | "xsl" | "rss" | "atom" => {
            problems.extend(html_check::problems(&text, &theme_script));
            // Feed readers render HTML content that arrives escaped once.
            let unescaped = html_check::decode_entities(&text);
            problems.extend(
                html_check::problems(&unescaped, &|_| false)
                    .into_iter()
                    .map(|p| format!("once unescaped: {p}")),
            );
        }
        _ => match serde_json::from_str::<Value>(&text) {
            Ok(json) => json_problems(&json, &mut problems),
            // Pagefind's binary index and other non-JSON text: judged as
            // text that may end up in a page.
            Err(_) => text_problems(&text, &mut problems),
        },
    }
    problems
}

/// JSON strings may be inserted into pages as HTML (search results,
/// national sites' own rendering of bundle bodies), so each is judged as
/// HTML and as text that might become a link.
fn json_problems(value: &Value, problems: &mut Vec<String>) {
    match value {
        Value::String(s) => text_problems(s, problems),
        Value::Array(values) => values.iter().for_each(|v| json_problems(v, problems)),
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            text_problems(k, problems);
            json_problems(v, problems)
        }),
        _ => {}
    }
}

fn text_problems(text: &str, problems: &mut Vec<String>) {
    problems.extend(html_check::problems(text, &|_| false));
    problems.extend(html_check::dangerous_url_in_text(text));
}

/// Builds the site with `payload` planted; returns what went wrong, if
/// anything.
fn run(place: Place, payload: &str) -> Result<&'static str, String> {
    let site = copy_site(&samples().join("bad-inputs/00-control"));
    let root = site.path();
    plant(root, place, payload);
    let out = clearhouse(root, &["build"]);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let code = out.status.code().unwrap_or(-1);
    let public = root.join("public");
    match code {
        0 => {
            let problems: Vec<String> = output_files(&public)
                .iter()
                .flat_map(|(rel, bytes)| {
                    file_problems(rel, bytes)
                        .into_iter()
                        .map(move |p| format!("{rel}: {p}"))
                })
                .collect();
            if problems.is_empty() {
                Ok("built clean")
            } else {
                Err(format!("built, but:\n    {}", problems.join("\n    ")))
            }
        }
        1 | 2 => {
            // A bad theme is a config error: the build cannot run (exit
            // 2) and says which theme.
            let file = match place {
                Place::Theme => "theme",
                _ => ITEM,
            };
            if !said.contains(file) {
                Err(format!(
                    "refused (exit {code}) without naming {file}:\n{said}"
                ))
            } else if public.exists() {
                Err(format!("refused (exit {code}) but public/ was written"))
            } else if code == 2 && !matches!(place, Place::Theme) {
                Err(format!(
                    "content made the build unable to run (exit 2):\n{said}"
                ))
            } else {
                Ok("refused")
            }
        }
        _ => Err(format!("exit {code}:\n{said}")),
    }
}

fn run_all(places: &[fn(Place) -> bool], which: fn(&str) -> bool) {
    let mut failures = Vec::new();
    let mut ran = 0;
    for (place, payload) in PAYLOADS {
        if !places.iter().any(|p| p(*place)) || !which(payload) {
            continue;
        }
        ran += 1;
        if let Err(why) = run(*place, payload) {
            failures.push(format!("{place:?} {payload:?}: {why}"));
        }
    }
    assert!(ran > 0, "no payload for these places");
    assert!(
        failures.is_empty(),
        "{} of {ran} payloads got through:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// Split by place so that the test harness runs them side by side.

#[test]
fn body_html_payloads_are_refused_or_made_harmless() {
    run_all(&[|p| matches!(p, Place::Body)], |payload| {
        payload.starts_with('<')
    });
}

#[test]
fn body_markdown_and_text_payloads_are_refused_or_made_harmless() {
    run_all(&[|p| matches!(p, Place::Body)], |payload| {
        !payload.starts_with('<')
    });
}

#[test]
fn front_matter_payloads_are_refused_or_made_harmless() {
    run_all(
        &[|p| matches!(p, Place::Title | Place::Strategy | Place::EffectivePractice)],
        |_| true,
    );
}

#[test]
fn url_and_config_payloads_are_refused_or_made_harmless() {
    run_all(
        &[|p| matches!(p, Place::LinkUrl | Place::ImageUrl | Place::Theme)],
        |_| true,
    );
}

#[test]
fn the_corpus_is_the_size_the_issue_asks_for() {
    assert!(PAYLOADS.len() >= 40, "{} payloads", PAYLOADS.len());
}

/// A control build passes the same scan: the scanner does not object to
/// the theme itself, so a payload's failure is the payload's.
#[test]
fn the_control_site_output_passes_the_scan() {
    let site = copy_site(&samples().join("bad-inputs/00-control"));
    let out = clearhouse(site.path(), &["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files = output_files(&site.path().join("public"));
    assert!(files
        .iter()
        .any(|(rel, _)| rel.ends_with("learning-bundle.json")));
    assert!(files.iter().any(|(rel, _)| rel.contains("pagefind")));
    for (rel, bytes) in &files {
        assert_eq!(file_problems(rel, bytes), Vec::<String>::new(), "{rel}");
    }
    // The theme's script is there and is what `theme_script` allows.
    let home = readable(&std::fs::read(site.path().join("public/index.html")).unwrap());
    let scripts: Vec<_> = html_check::tags(&home)
        .into_iter()
        .filter(|t| t.name == "script")
        .collect();
    assert!(
        !scripts.is_empty() && scripts.iter().all(theme_script),
        "{scripts:?}"
    );
}

/// Markup in front matter is shown as text: escaped by the templates, not
/// stripped or interpreted.
#[test]
fn templates_escape_front_matter_markup() {
    let site = copy_site(&samples().join("bad-inputs/00-control"));
    let root = site.path();
    replace_in(
        root,
        ITEM,
        &format!("\"{CONTROL_TITLE}\""),
        "\"Learning about <b>bold</b> & \\\"quoted\\\" words\"",
    );
    resign(root);
    let out = clearhouse(root, &["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = read(root, "public/learning/ts-2024-00/index.html");
    assert!(
        page.contains("&lt;b&gt;bold&lt;&#x2F;b&gt;") || page.contains("&lt;b&gt;bold&lt;/b&gt;"),
        "{page}"
    );
    assert!(
        !page.contains("<b>bold"),
        "the title's markup was interpreted"
    );
    let h1 = html_check::tags(&page).iter().any(|t| t.name == "b");
    assert!(!h1, "a <b> element came from the title");
}
