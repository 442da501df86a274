//! SVGs of `static/`: parsed, checked against a safe subset, and published
//! re-serialised from the parse.
//!
//! An SVG opened on its own is a document, and a document runs its
//! scripts. So a `static/` SVG is parsed as XML (namespaces resolved,
//! character references decoded, internal entities expanded: what the
//! browser will see, whatever prefix or encoding the file uses) and
//! walked:
//!
//! - **refused** (finding of kind `static`, or `remote` for a request to
//!   another site): any script, `foreignObject`, animation (`set` can
//!   rewrite a link into `javascript:`), embedded or linked image, element
//!   of the XHTML or MathML namespaces, SVG element outside the subset
//!   below, event-handler attribute, link to anything but `http(s)`,
//!   `mailto` or this site, reference (`href`, `url()`) from a shape to
//!   anything but an element of the same file, CSS `@import` or escape;
//! - **dropped** (not published, so not gated): comments, processing
//!   instructions (an `xml-stylesheet` would load a stylesheet), the
//!   DOCTYPE, `metadata`, and elements and attributes of other namespaces
//!   (Inkscape, Illustrator, RDF: editors' notes, often an author's name);
//! - **kept**: shapes, text, gradients, patterns, clip paths, masks,
//!   markers, filters without images, `style`, `title`, `desc` and
//!   `a` links, with their attributes.
//!
//! The published file is written from the parse, never edited in place,
//! so what the gate reads (`Gate::scan_published`, every text node and
//! attribute value as published) is exactly what is published.

use roxmltree::{Document, Node, ParsingOptions};

use crate::findings::Kind;
use crate::gate::statics::{is_remote_url, url_scheme, Segment};

const SVG: &str = "http://www.w3.org/2000/svg";
const XLINK: &str = "http://www.w3.org/1999/xlink";
const XML: &str = "http://www.w3.org/XML/1998/namespace";
const XHTML: &str = "http://www.w3.org/1999/xhtml";
const MATHML: &str = "http://www.w3.org/1998/Math/MathML";

/// SVG elements published.
const ELEMENTS: [&str; 51] = [
    "svg",
    "g",
    "defs",
    "symbol",
    "use",
    "title",
    "desc",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "textPath",
    "linearGradient",
    "radialGradient",
    "stop",
    "clipPath",
    "mask",
    "pattern",
    "marker",
    "a",
    "switch",
    "style",
    "view",
    "filter",
    "feBlend",
    "feColorMatrix",
    "feComponentTransfer",
    "feComposite",
    "feConvolveMatrix",
    "feDiffuseLighting",
    "feDisplacementMap",
    "feDistantLight",
    "feDropShadow",
    "feFlood",
    "feFuncA",
    "feFuncB",
    "feFuncG",
    "feFuncR",
    "feGaussianBlur",
    "feMerge",
    "feMergeNode",
    "feMorphology",
    "feOffset",
    "fePointLight",
    "feSpecularLighting",
    "feTurbulence",
];

/// Something in the SVG that makes it unsafe to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Byte offset in the source file.
    pub offset: usize,
    pub kind: Kind,
    pub rule: &'static str,
    pub message: String,
}

/// The SVG as it will be published, and where its text came from.
#[derive(Debug, Clone)]
pub struct Sanitised {
    pub text: String,
    pub segments: Vec<Segment>,
}

/// Parses, checks and re-serialises an SVG (see the module comment).
pub fn sanitise(source: &str) -> Result<Sanitised, Vec<Problem>> {
    let options = ParsingOptions {
        allow_dtd: true,
        nodes_limit: 1_000_000,
        ..ParsingOptions::default()
    };
    let document = Document::parse_with_options(source, options).map_err(|e| {
        let pos = e.pos();
        vec![Problem {
            offset: offset_of(source, pos.row as usize, pos.col as usize),
            kind: Kind::Static,
            rule: "svg-parse",
            message: format!("the SVG does not parse as XML: {e}"),
        }]
    })?;
    let root = document.root_element();
    if root.tag_name().namespace() != Some(SVG) || root.tag_name().name() != "svg" {
        return Err(vec![Problem {
            offset: root.range().start,
            kind: Kind::Static,
            rule: "svg-root",
            message: "the file is not an SVG image (its root is not an <svg> element in the SVG namespace)".into(),
        }]);
    }
    let mut writer = Writer {
        source,
        out: String::with_capacity(source.len()),
        segments: Vec::new(),
        problems: Vec::new(),
    };
    writer.element(root, true);
    if writer.problems.is_empty() {
        Ok(Sanitised {
            text: writer.out,
            segments: writer.segments,
        })
    } else {
        Err(writer.problems)
    }
}

/// Byte offset of a 1-based row and column (in characters).
fn offset_of(text: &str, row: usize, col: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(row.saturating_sub(1))
        .map(str::len)
        .sum();
    let line = &text[line_start.min(text.len())..];
    line_start
        + line
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(0, |(i, _)| i)
}

struct Writer<'s> {
    source: &'s str,
    out: String,
    segments: Vec<Segment>,
    problems: Vec<Problem>,
}

impl Writer<'_> {
    fn problem(&mut self, offset: usize, kind: Kind, rule: &'static str, message: String) {
        self.problems.push(Problem {
            offset,
            kind,
            rule,
            message,
        });
    }

    fn element(&mut self, node: Node, is_root: bool) {
        let name = node.tag_name();
        let local = name.name();
        let at = node.range().start;
        match name.namespace() {
            Some(SVG) => {}
            Some(XHTML) | Some(MATHML) => {
                return self.problem(
                    at,
                    Kind::Static,
                    "svg-foreign",
                    format!("the SVG holds an HTML or MathML element (<{local}>), which a browser runs as a web page"),
                )
            }
            // Other namespaces (editors' data) and no namespace: not
            // drawn, not published.
            _ => return,
        }
        if local == "metadata" {
            return;
        }
        if !ELEMENTS.contains(&local) {
            let (kind, rule, message) = match local {
                "script" | "handler" | "listener" => (
                    Kind::Static,
                    "svg-script",
                    "the SVG holds a script, which runs when the image is opened".to_string(),
                ),
                "foreignObject" => (
                    Kind::Static,
                    "svg-foreign",
                    "the SVG holds a foreignObject (HTML inside the image)".to_string(),
                ),
                "image" | "feImage" | "video" | "audio" | "iframe" | "canvas" => {
                    let href = link_of(node).unwrap_or_default();
                    if is_remote_url(&href) {
                        (
                            Kind::Remote,
                            "svg-remote",
                            format!("the SVG loads an <{local}> from another site: every reader's browser would request it"),
                        )
                    } else {
                        (
                            Kind::Static,
                            "svg-embed",
                            format!("the SVG embeds or links an <{local}>, which can carry its own metadata or script"),
                        )
                    }
                }
                "animate" | "animateMotion" | "animateTransform" | "animateColor" | "set"
                | "discard" | "mpath" => (
                    Kind::Static,
                    "svg-animation",
                    format!("the SVG holds an animation element (<{local}>), which can change links and attributes while it is shown"),
                ),
                _ => (
                    Kind::Static,
                    "svg-element",
                    format!("the SVG holds an element clearhouse does not publish (<{local}>)"),
                ),
            };
            return self.problem(at, kind, rule, message);
        }
        self.out.push('<');
        self.out.push_str(local);
        if is_root {
            self.out.push_str(" xmlns=\"");
            self.out.push_str(SVG);
            self.out.push_str("\" xmlns:xlink=\"");
            self.out.push_str(XLINK);
            self.out.push('"');
        }
        for attribute in node.attributes() {
            self.attribute(local, attribute);
        }
        let children: Vec<Node> = node
            .children()
            .filter(|c| c.is_element() || c.is_text())
            .collect();
        if children.is_empty() {
            self.out.push_str("/>");
            return;
        }
        self.out.push('>');
        for child in children {
            if child.is_element() {
                self.element(child, false);
            } else if let Some(text) = child.text() {
                if local == "style" {
                    if let Some((kind, rule, message)) = css_problem(text) {
                        self.problem(child.range().start, kind, rule, message.into());
                    }
                }
                self.text(text, child.range(), false);
            }
        }
        self.out.push_str("</");
        self.out.push_str(local);
        self.out.push('>');
    }

    fn attribute(&mut self, element: &str, attribute: roxmltree::Attribute) {
        let name = attribute.name();
        let value = attribute.value();
        let at = attribute.range().start;
        let written = match attribute.namespace() {
            None => name.to_string(),
            Some(XLINK) if name == "href" => "xlink:href".to_string(),
            Some(XML) if matches!(name, "space" | "lang") => format!("xml:{name}"),
            _ => return,
        };
        if name.to_ascii_lowercase().starts_with("on") && attribute.namespace().is_none() {
            return self.problem(
                at,
                Kind::Static,
                "svg-handler",
                format!("the SVG has an event handler ({name}), which runs script"),
            );
        }
        if name == "href" {
            if let Some((kind, rule, message)) = href_problem(element, value) {
                return self.problem(at, kind, rule, message);
            }
        } else if name == "style" || value.to_ascii_lowercase().contains("url(") {
            if let Some((kind, rule, message)) = css_problem(value) {
                return self.problem(at, kind, rule, message.into());
            }
        }
        self.out.push(' ');
        self.out.push_str(&written);
        self.out.push_str("=\"");
        self.text(value, attribute.range_value(), true);
        self.out.push('"');
    }

    /// Writes text escaped, recording where it came from.
    fn text(&mut self, text: &str, source: std::ops::Range<usize>, in_attribute: bool) {
        let start = self.out.len();
        let mut previous = ['\0', '\0'];
        for c in text.chars() {
            match c {
                '&' => self.out.push_str("&amp;"),
                '<' => self.out.push_str("&lt;"),
                '"' if in_attribute => self.out.push_str("&quot;"),
                '>' if in_attribute || previous == [']', ']'] => self.out.push_str("&gt;"),
                c => self.out.push(c),
            }
            previous = [previous[1], c];
        }
        let end = self.out.len();
        if end > start {
            let exact = self.source.get(source.clone()) == Some(&self.out[start..end]);
            self.segments.push(Segment {
                published: start..end,
                source,
                exact,
            });
        }
    }
}

/// The link of an element (`href` or `xlink:href`), decoded.
fn link_of(node: Node) -> Option<String> {
    node.attributes()
        .find(|a| a.name() == "href" && matches!(a.namespace(), None | Some(XLINK)))
        .map(|a| a.value().to_string())
}

/// What is wrong with a link, if anything: an `<a>` may link to the web,
/// mail or this site; anything else may only point at an element of this
/// SVG (`#id`).
fn href_problem(element: &str, value: &str) -> Option<(Kind, &'static str, String)> {
    let cleaned: String = value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    if cleaned.starts_with('#') {
        return None;
    }
    let scheme = url_scheme(&cleaned);
    if element == "a" {
        return match scheme {
            None | Some("http" | "https" | "mailto") => None,
            Some(other) => Some((
                Kind::Static,
                "svg-link",
                format!("the SVG links to a {other}: address, which can run script"),
            )),
        };
    }
    if is_remote_url(&cleaned) {
        return Some((
            Kind::Remote,
            "svg-remote",
            format!("the SVG's <{element}> refers to another site: every reader's browser would request it"),
        ));
    }
    Some((
        Kind::Static,
        "svg-reference",
        format!("the SVG's <{element}> refers to another file; only references to its own elements (#id) are published"),
    ))
}

/// What is wrong with CSS in an SVG (a `style` element or attribute, or a
/// presentation attribute holding `url()`), if anything.
fn css_problem(css: &str) -> Option<(Kind, &'static str, &'static str)> {
    let lower = css.to_ascii_lowercase();
    if lower.contains('\\') {
        return Some((
            Kind::Static,
            "svg-css",
            "the SVG's CSS uses escapes (a backslash), which can hide an address",
        ));
    }
    if lower.contains("@import") {
        return Some((
            Kind::Remote,
            "svg-remote",
            "the SVG's CSS imports another stylesheet",
        ));
    }
    if lower.contains("expression(") || lower.contains("javascript:") {
        return Some((Kind::Static, "svg-css", "the SVG's CSS holds script"));
    }
    for (i, _) in lower.match_indices("url(") {
        let target = lower[i + 4..]
            .trim_start()
            .trim_start_matches(['"', '\''])
            .trim_start();
        if !target.starts_with('#') {
            return Some(if is_remote_url(target) {
                (
                    Kind::Remote,
                    "svg-remote",
                    "the SVG's CSS loads a file from another site: every reader's browser would request it",
                )
            } else {
                (
                    Kind::Static,
                    "svg-reference",
                    "the SVG's CSS refers to another file; only references to its own elements (url(#id)) are published",
                )
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(svg: &str) -> Vec<&'static str> {
        match sanitise(svg) {
            Ok(_) => Vec::new(),
            Err(problems) => problems.into_iter().map(|p| p.rule).collect(),
        }
    }

    #[test]
    fn active_content_is_refused_whatever_its_spelling() {
        let head = r#"<svg:svg xmlns:svg="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">"#;
        for (body, rule) in [
            ("<svg:script><![CDATA[alert(1)]]></svg:script>", "svg-script"),
            (r#"<svg:script x:href="/images/helper.js"/>"#, "svg-script"),
            (r#"<svg:a x:href="&#x6A;ava&#x09;script:alert(1)"><svg:text>x</svg:text></svg:a>"#, "svg-link"),
            ("<svg:foreignObject><p xmlns=\"http://www.w3.org/1999/xhtml\">x</p></svg:foreignObject>", "svg-foreign"),
            (r#"<svg:rect onload
                 =  "x()"/>"#, "svg-handler"),
            (r#"<svg:image href="https://tracker.example/a.png"/>"#, "svg-remote"),
            (r#"<svg:set attributeName="href" to="javascript:x()"/>"#, "svg-animation"),
            (r#"<svg:rect style="fill: url(https://x.example/p)"/>"#, "svg-remote"),
            (r#"<svg:use href="other.svg#a"/>"#, "svg-reference"),
            ("<svg:style>@import url(//x.example/a.css);</svg:style>", "svg-remote"),
            (r#"<h:script xmlns:h="http://www.w3.org/1999/xhtml">x()</h:script>"#, "svg-foreign"),
        ] {
            let svg = format!("{head}{body}</svg:svg>");
            assert_eq!(rules(&svg), [rule], "{body}");
        }
    }

    #[test]
    fn a_plain_chart_is_published_from_its_parse() {
        let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<!-- drawn by Jamie -->\n<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" viewBox=\"0 0 10 10\" inkscape:version=\"1.2\">\n<metadata><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">Jamie</rdf:RDF></metadata>\n<defs><linearGradient id=\"g\"><stop offset=\"0\"/></linearGradient></defs>\n<title>Referrals by quarter &amp; year</title>\n<rect width=\"5\" height=\"5\" fill=\"url(#g)\"/><a href=\"https://www.gov.scot/\"><text>Q1 &lt; Q2</text></a>\n</svg>";
        let clean = sanitise(svg).unwrap();
        assert!(!clean.text.contains("Jamie"), "{}", clean.text);
        assert!(!clean.text.contains("inkscape"), "{}", clean.text);
        assert!(clean
            .text
            .starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(clean
            .text
            .contains("<title>Referrals by quarter &amp; year</title>"));
        assert!(clean.text.contains("fill=\"url(#g)\""));
        assert!(clean.text.contains("<text>Q1 &lt; Q2</text>"));
        let again = sanitise(&clean.text).unwrap();
        assert_eq!(again.text, clean.text, "re-serialising is stable");
        let title = clean
            .segments
            .iter()
            .find(|s| clean.text[s.published.clone()].starts_with("Referrals"))
            .unwrap();
        assert!(title.exact);
        assert_eq!(
            &svg[title.source.clone()],
            "Referrals by quarter &amp; year"
        );
    }

    #[test]
    fn what_does_not_parse_or_is_not_svg_is_refused() {
        assert_eq!(
            rules("<svg xmlns=\"http://www.w3.org/2000/svg\"><g></svg>"),
            ["svg-parse"]
        );
        assert_eq!(rules("<svg><rect/></svg>"), ["svg-root"]);
    }
}
