//! An item's Markdown body to safe HTML.
//!
//! The body sits under the page's own `<h1>` (the title), so its headings
//! are shifted to start at `<h2>`. Raw HTML is allowed by CommonMark, so the
//! whole rendered body goes through ammonia: whatever an author (or a
//! pasted document) put in, no script, style, event handler, frame or
//! `javascript:` URL reaches a reader. Root-relative links (`/images/x.png`)
//! are prefixed with the site's base path so a site served from a sub-path
//! still finds its static files.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::config::Limits;
use crate::content::Item;
use crate::findings::{Finding, Kind, Severity};
use crate::gate::statics::is_remote_url;
use crate::text::slugify;

/// A heading of the body, for the page's "on this page" list.
#[derive(Debug, Clone, Serialize)]
pub struct BodyHeading {
    /// 2 to 6, after shifting.
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct RenderedBody {
    /// Sanitised HTML, safe to insert into a page unescaped.
    pub html: String,
    pub headings: Vec<BodyHeading>,
    /// Plain text of the first paragraph, shortened: listings, feeds and
    /// meta descriptions.
    pub summary: String,
}

const SUMMARY_CHARS: usize = 280;

/// Renders `markdown`. `reserved_ids` are ids the page template already
/// uses, so that a body heading never duplicates one.
pub fn render_markdown(markdown: &str, base_path: &str, reserved_ids: &[&str]) -> RenderedBody {
    let events: Vec<Event> = Parser::new_ext(markdown, parse_options()).collect();
    let shift = heading_shift(&events);
    let mut used: HashSet<String> = reserved_ids.iter().map(|s| s.to_string()).collect();
    let mut headings = Vec::new();
    let mut footnotes = FootnoteNumbers::default();
    let mut summary = None;
    let mut output: Vec<Event> = Vec::with_capacity(events.len());
    let mut index = 0;
    while index < events.len() {
        match &events[index] {
            Event::Start(Tag::Heading { level, .. }) => {
                let end = closing_index(&events, index);
                let text = plain_text(&events[index + 1..end]);
                let id = unique_id(&text, &mut used);
                let level = shifted(*level, shift);
                headings.push(BodyHeading {
                    level: level as u8,
                    id: id.clone(),
                    text: text.clone(),
                });
                output.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }));
                output.extend(events[index + 1..end].iter().cloned());
                output.push(Event::End(TagEnd::Heading(level)));
                index = end + 1;
                continue;
            }
            Event::Start(Tag::Paragraph) if summary.is_none() => {
                let end = closing_index(&events, index);
                summary = Some(shorten(&plain_text(&events[index + 1..end]), SUMMARY_CHARS));
                output.push(events[index].clone());
            }
            Event::FootnoteReference(label) => {
                let (number, slug) = footnotes.get(label);
                output.push(Event::InlineHtml(CowStr::from(format!(
                    "<sup class=\"footnote-ref\" id=\"fnref-{slug}\"><a href=\"#fn-{slug}\">{number}</a></sup>"
                ))));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let (number, slug) = footnotes.get(label);
                footnotes.open.push(slug.clone());
                output.push(Event::Html(CowStr::from(format!(
                    "<div class=\"footnote\" id=\"fn-{slug}\"><span class=\"footnote-label\">{number}.</span>"
                ))));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                let slug = footnotes.open.pop().unwrap_or_default();
                output.push(Event::Html(CowStr::from(format!(
                    "<a class=\"footnote-back\" href=\"#fnref-{slug}\">Back to the text</a></div>"
                ))));
            }
            other => output.push(other.clone()),
        }
        index += 1;
    }
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut raw, output.into_iter());
    RenderedBody {
        html: sanitise(&raw, base_path),
        headings,
        summary: summary.unwrap_or_default(),
    }
}

/// How many levels to move headings so the highest one becomes `<h2>`.
fn heading_shift(events: &[Event]) -> i32 {
    let top = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as i32),
            _ => None,
        })
        .min()
        .unwrap_or(2);
    2 - top
}

fn shifted(level: HeadingLevel, shift: i32) -> HeadingLevel {
    match (level as i32 + shift).clamp(2, 6) {
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Index of the `End` event matching the `Start` at `start`.
fn closing_index(events: &[Event], start: usize) -> usize {
    let mut depth = 0usize;
    for (offset, event) in events[start..].iter().enumerate() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return start + offset;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

fn plain_text(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            // The page shows a break or a new block where such a tag stands:
            // gluing the words on either side would make a word nobody
            // wrote (and one the gate, reading the source, never saw).
            Event::InlineHtml(tag) | Event::Html(tag) if separates_words(tag) => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

/// Whether raw HTML holds a tag that breaks the line: the same tags the
/// gate's reading of markup takes as a space.
fn separates_words(html: &str) -> bool {
    html.split('<')
        .skip(1)
        .any(|tag| crate::text::is_separating_tag(tag.as_bytes()))
}

fn unique_id(text: &str, used: &mut HashSet<String>) -> String {
    let base = slugify(text);
    let mut id = base.clone();
    let mut n = 2;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}

/// Shortens at a word boundary, marking the cut with an ellipsis.
pub fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let at_word = cut.rfind(' ').map(|i| &cut[..i]).unwrap_or(&cut);
    format!("{}…", at_word.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// Footnotes are numbered in the order they are first seen, and their ids
/// are prefixed so they cannot collide with heading ids.
#[derive(Default)]
struct FootnoteNumbers {
    numbers: HashMap<String, (usize, String)>,
    open: Vec<String>,
}

impl FootnoteNumbers {
    fn get(&mut self, label: &str) -> (usize, String) {
        let next = self.numbers.len() + 1;
        self.numbers
            .entry(label.to_string())
            .or_insert_with(|| (next, slugify(label)))
            .clone()
    }
}

/// The allow list: ammonia's defaults (no script, style, iframe, object,
/// embed, form or event-handler attribute; comments stripped) plus the ids
/// and classes that headings and footnotes need.
fn sanitise(html: &str, base_path: &str) -> String {
    let base = base_path.to_string();
    ammonia::Builder::default()
        .add_tag_attributes("h2", &["id"])
        .add_tag_attributes("h3", &["id"])
        .add_tag_attributes("h4", &["id"])
        .add_tag_attributes("h5", &["id"])
        .add_tag_attributes("h6", &["id"])
        .add_tag_attributes("div", &["id"])
        .add_tag_attributes("sup", &["id"])
        .add_allowed_classes("div", &["footnote"])
        .add_allowed_classes("sup", &["footnote-ref"])
        .add_allowed_classes("span", &["footnote-label"])
        .add_allowed_classes("a", &["footnote-back"])
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .attribute_filter(move |_element, attribute, value| {
            if attribute == "src" && is_remote_url(value) {
                // Reported by `body_findings`; never requested.
                None
            } else if matches!(attribute, "href" | "src") {
                Some(with_base_path(value, &base))
            } else {
                Some(Cow::Borrowed(value))
            }
        })
        .clean(html)
        .to_string()
}

/// The options the body is parsed with, everywhere.
fn parse_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
}

/// What in an item's body cannot be published (see the module comment),
/// as findings at the right line of the item's file.
pub fn body_findings(item: &Item, limits: &Limits) -> Vec<Finding> {
    let base = item.split.body_start;
    inspect_body(item.body(), limits.table_rows)
        .into_iter()
        .map(|p| {
            Finding::at(
                &item.source,
                base + p.range.start,
                base + p.range.end,
                p.kind,
                p.rule,
                Severity::Error,
                p.message,
            )
            .with_help(p.help)
        })
        .collect()
}

/// A problem in a body, at a byte range of the Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyProblem {
    pub range: std::ops::Range<usize>,
    pub kind: Kind,
    pub rule: &'static str,
    pub message: String,
    pub help: String,
}

const REMOTE_HELP: &str = "download the image into static/ and link it with a path on this site, e.g. ![Referral routes](/images/referral-routes.png); link to other sites with an ordinary link instead";

/// Remote resources and oversized tables in `markdown`.
pub fn inspect_body(markdown: &str, max_table_rows: usize) -> Vec<BodyProblem> {
    let mut problems = Vec::new();
    // Most bodies are prose with no image, HTML or table: nothing to parse.
    let bytes = markdown.as_bytes();
    if memchr::memchr2(b'<', b'|', bytes).is_none() && memchr::memmem::find(bytes, b"![").is_none()
    {
        return problems;
    }
    let mut html = HtmlResources::new();
    let mut table: Option<(usize, usize)> = None;
    let mut block: Option<(usize, String)> = None;
    for (event, range) in Parser::new_ext(markdown, parse_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) if is_remote_url(&dest_url) => {
                problems.push(BodyProblem {
                    range: range.clone(),
                    kind: Kind::Remote,
                    rule: "remote-image",
                    message: "an image from another site: every reader's browser would request it from there".into(),
                    help: REMOTE_HELP.into(),
                });
            }
            Event::Start(Tag::Table(_)) => table = Some((range.start, 0)),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                if let Some((_, rows)) = &mut table {
                    *rows += 1;
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some((start, rows)) = table.take() {
                    if rows > max_table_rows {
                        problems.push(BodyProblem {
                            range: start..start,
                            kind: Kind::Limit,
                            rule: "table-too-long",
                            message: format!("this table has {rows} rows; tables are limited to {max_table_rows} ([limits] table_rows)"),
                            help: "publish long data as a CSV file in static/ and link to it; to allow longer tables, raise [limits] table_rows in config.toml".into(),
                        });
                    }
                }
            }
            Event::Start(Tag::HtmlBlock) => block = Some((range.start, String::new())),
            Event::Html(text) => match &mut block {
                Some((_, collected)) => collected.push_str(&text),
                None => problems.extend(html.check(&text, range.start, markdown)),
            },
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((start, collected)) = block.take() {
                    problems.extend(html.check(&collected, start, markdown));
                }
            }
            Event::InlineHtml(text) => problems.extend(html.check(&text, range.start, markdown)),
            _ => {}
        }
    }
    problems
}

/// Reads raw HTML as a browser would (ammonia's HTML parser, character
/// references decoded) and notes every attribute that would fetch from
/// another site.
struct HtmlResources {
    builder: ammonia::Builder<'static>,
    found: std::sync::Arc<std::sync::Mutex<Vec<(String, String)>>>,
}

/// Attributes that make a browser fetch something when the page loads.
const RESOURCE_ATTRIBUTES: [&str; 10] = [
    "src",
    "srcset",
    "poster",
    "background",
    "data",
    "style",
    "lowsrc",
    "dynsrc",
    "imagesrcset",
    "icon",
];

/// Elements that carry them (ammonia keeps the attributes of the tags it
/// is told about only).
const RESOURCE_TAGS: [&str; 12] = [
    "img", "picture", "source", "video", "audio", "track", "input", "object", "embed", "iframe",
    "body", "link",
];

impl HtmlResources {
    fn new() -> HtmlResources {
        let found: std::sync::Arc<std::sync::Mutex<Vec<(String, String)>>> = Default::default();
        let sink = std::sync::Arc::clone(&found);
        let mut builder = ammonia::Builder::default();
        builder
            .add_tags(RESOURCE_TAGS)
            .add_generic_attributes(RESOURCE_ATTRIBUTES)
            .url_relative(ammonia::UrlRelative::PassThrough)
            .attribute_filter(move |element, attribute, value| {
                let remote = if attribute == "style" {
                    css_fetches_remote(value)
                } else if attribute.ends_with("srcset") {
                    value
                        .split(',')
                        .any(|candidate| is_remote_url(candidate.trim_start()))
                } else {
                    RESOURCE_ATTRIBUTES.contains(&attribute) && is_remote_url(value)
                };
                if remote {
                    if let Ok(mut found) = sink.lock() {
                        found.push((format!("{element} {attribute}"), value.to_string()));
                    }
                }
                Some(Cow::Borrowed(value))
            });
        HtmlResources { builder, found }
    }

    /// Problems for one piece of raw HTML starting at `start`.
    fn check(&mut self, html: &str, start: usize, markdown: &str) -> Vec<BodyProblem> {
        let lower = html.to_ascii_lowercase();
        if !(lower.contains('=') || lower.contains("url")) {
            return Vec::new();
        }
        let _ = self.builder.clean(html);
        let found = std::mem::take(&mut *self.found.lock().unwrap_or_else(|e| e.into_inner()));
        found
            .into_iter()
            .map(|(what, value)| {
                // The line of the attribute where its value is written as
                // read; else the start of the HTML.
                let at = markdown[start..]
                    .find(value.trim())
                    .filter(|i| *i < html.len() + 64)
                    .map_or(start, |i| start + i);
                let (element, attribute) = what.split_once(' ').unwrap_or((&what, ""));
                BodyProblem {
                    range: at..at,
                    kind: Kind::Remote,
                    rule: "remote-resource",
                    message: format!("the <{element}> {attribute} loads a resource from another site: every reader's browser would request it from there"),
                    help: REMOTE_HELP.into(),
                }
            })
            .collect()
    }
}

/// True when CSS (a style attribute) loads from another site.
fn css_fetches_remote(css: &str) -> bool {
    let lower = css.to_ascii_lowercase();
    lower.contains('\\')
        || lower.contains("@import")
        || lower.match_indices("url(").any(|(i, _)| {
            is_remote_url(lower[i + 4..].trim_start().trim_start_matches(['"', '\'']))
        })
}

/// `/images/a.png` → `/sub/images/a.png` when the site lives under `/sub/`.
fn with_base_path<'v>(url: &'v str, base_path: &str) -> Cow<'v, str> {
    if base_path == "/"
        || !url.starts_with('/')
        || url.starts_with("//")
        || url.starts_with(base_path)
    {
        Cow::Borrowed(url)
    } else {
        Cow::Owned(format!("{base_path}{}", &url[1..]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(markdown: &str) -> String {
        render_markdown(markdown, "/", &[]).html
    }

    #[test]
    fn scripts_handlers_and_dangerous_urls_never_survive() {
        let out = html(concat!(
            "Text <script>alert(1)</script> more\n\n",
            "<img src=\"x.png\" onerror=\"alert(2)\">\n\n",
            "[click](javascript:alert(3)) <a href=\"JavaScript:alert(4)\">x</a>\n\n",
            "<iframe src=\"https://evil.example\"></iframe><object data=\"x\"></object><embed src=\"x\">\n\n",
            "<style>body{display:none}</style><!-- a name in a comment -->\n\n",
            "<p onclick=\"alert(5)\" style=\"color:red\">para</p>\n\n![i](data:text/html;base64,AAAA)\n",
        ));
        for banned in [
            "<script",
            "alert(1)",
            "onerror",
            "javascript:",
            "JavaScript:",
            "<iframe",
            "<object",
            "<embed",
            "<style",
            "display:none",
            "<!--",
            "a name in a comment",
            "onclick",
            "style=",
            "data:",
        ] {
            assert!(!out.contains(banned), "{banned:?} survived in {out}");
        }
        assert!(out.contains("para"), "ordinary text must remain: {out}");
    }

    #[test]
    fn headings_start_at_h2_with_unique_ids() {
        let body = render_markdown(
            "# Top\n\n## Sub\n\n# Top\n\n## Strategies\n",
            "/",
            &["strategies"],
        );
        assert!(
            body.html.contains("<h2 id=\"top\">Top</h2>"),
            "{}",
            body.html
        );
        assert!(
            body.html.contains("<h3 id=\"sub\">Sub</h3>"),
            "{}",
            body.html
        );
        assert!(
            body.html.contains("<h2 id=\"top-2\">Top</h2>"),
            "{}",
            body.html
        );
        assert!(
            body.html.contains("<h3 id=\"strategies-2\">"),
            "{}",
            body.html
        );
        assert!(!body.html.contains("<h1"), "{}", body.html);
        assert_eq!(body.headings.len(), 4);
    }

    #[test]
    fn tables_footnotes_strikethrough_and_smart_quotes() {
        let out = html(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\nSaid \"yes\" -- ~~no~~.[^n]\n\n[^n]: A note.\n",
        );
        assert!(
            out.contains("<table>") && out.contains("<td>2</td>"),
            "{out}"
        );
        assert!(out.contains("<del>no</del>"), "{out}");
        assert!(out.contains("“yes”") && out.contains("–"), "{out}");
        assert!(
            out.contains("href=\"#fn-n\"") && out.contains("id=\"fn-n\""),
            "{out}"
        );
        assert!(
            out.contains("id=\"fnref-n\"") && out.contains("href=\"#fnref-n\""),
            "{out}"
        );
    }

    #[test]
    fn root_relative_links_get_the_base_path() {
        let out = render_markdown(
            "![diagram](/images/a.png) [x](/learning/) [y](https://example.org/) <a href=\"/about/\">z</a>",
            "/sub/",
            &[],
        )
        .html;
        assert!(out.contains("src=\"/sub/images/a.png\""), "{out}");
        assert!(out.contains("href=\"/sub/learning/\""), "{out}");
        assert!(out.contains("href=\"/sub/about/\""), "{out}");
        assert!(out.contains("href=\"https://example.org/\""), "{out}");
    }

    #[test]
    fn remote_resources_are_found_and_never_rendered() {
        let body = concat!(
            "Intro [a link](https://www.gov.scot/) stays.\n\n",
            "![x](https://tracker.example/x.png)\n\n",
            "![y](//cdn.example/y.png)\n\n",
            "<img src=\"&#104;ttp://tracker.example/z.png\" alt=\"z\">\n\n",
            "<p style=\"background: url('https://tracker.example/b.png')\">p</p>\n\n",
            "Inline <img srcset=\"/a.png 1x, https://tracker.example/c.png 2x\"> here.\n\n",
            "![local](/images/a.png) `<img src=\"https://in.code/x\">`\n",
        );
        let problems = inspect_body(body, 1000);
        let lines: Vec<usize> = problems
            .iter()
            .map(|p| body[..p.range.start].matches('\n').count() + 1)
            .collect();
        assert!(problems.iter().all(|p| p.kind == Kind::Remote));
        assert_eq!(lines, [3, 5, 7, 9, 11], "{problems:#?}");
        let out = html(body);
        assert!(
            !out.contains("tracker.example") && !out.contains("cdn.example"),
            "{out}"
        );
        assert!(
            out.contains("https://www.gov.scot/") && out.contains("/images/a.png"),
            "{out}"
        );
    }

    #[test]
    fn long_tables_are_over_the_limit() {
        let table = format!("| a |\n|---|\n{}", "| 1 |\n".repeat(5));
        assert!(inspect_body(&table, 6).is_empty());
        let problems = inspect_body(&format!("Text\n\n{table}"), 5);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].kind, Kind::Limit);
        assert_eq!(problems[0].range.start, 6);
    }

    #[test]
    fn a_line_break_in_raw_html_separates_the_summary_s_words() {
        let body = render_markdown("Left<br>right and <b>bo</b>ld<BR/>end", "/", &[]);
        assert_eq!(body.summary, "Left right and bold end");
    }

    #[test]
    fn the_summary_is_the_first_paragraph_shortened() {
        let body = render_markdown("## H\n\nFirst *para* here.\n\nSecond.\n", "/", &[]);
        assert_eq!(body.summary, "First para here.");
        assert_eq!(shorten("one two three four", 10), "one two…");
    }
}
