//! The review desk (`/_review/`): one local page where a review team sees
//! every item's state, sign-offs, CLEAR completeness and what is still
//! open, and every finding in its sentence, and decides it (see
//! `actions`). Served by `serve` only, on loopback only, never part of a
//! build. Every action is a plain form `POST` carrying the session token,
//! so the page works from the keyboard and without script; its one script
//! (`desk.js`) only refreshes the page when files change.

use std::fmt::Write as _;
use std::sync::Arc;

use super::actions::finding_id;
use super::http::{self, Reply, Request};
use super::{recover, Server, DESK, INTERNAL};
use crate::admission::{ItemVerdict, Verdict};
use crate::content::{Item, Signatory};
use crate::decisions::{self, ItemText};
use crate::findings::{mask, Finding, Kind, Severity};
use crate::text::escape_html as esc;

const CSS: &str = include_str!("desk.css");
const JS: &str = include_str!("desk.js");

/// The desk's Content-Security-Policy: its own script and style only, no
/// framing, forms only to itself.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// How the desk links to an editor.
#[derive(Debug, Clone)]
pub struct DeskOptions {
    /// `{path}` (absolute), `{line}` and `{column}` are filled in.
    pub editor_url: String,
}

impl Default for DeskOptions {
    fn default() -> DeskOptions {
        DeskOptions {
            editor_url: "vscode://file{path}:{line}:{column}".to_string(),
        }
    }
}

/// Answers a request under `/_review/`.
pub(super) fn route(server: &Arc<Server>, request: &Request) -> Reply {
    let (path, query) = request
        .url
        .split_once('?')
        .unwrap_or((request.url.as_str(), ""));
    let reply = match (request.method.as_str(), path) {
        (_, "/_review") => Reply::redirect(301, DESK),
        ("GET" | "HEAD", "/_review/") => {
            if server.token.is_empty() {
                Reply::text(503, "the review desk needs a random session token and none could be made on this machine")
            } else {
                Reply::new(
                    200,
                    "text/html; charset=utf-8",
                    page(server, &PageQuery::parse(query)),
                )
            }
        }
        ("GET" | "HEAD", "/_review/desk.css") => Reply::new(200, "text/css; charset=utf-8", CSS),
        ("GET" | "HEAD", "/_review/desk.js") => {
            Reply::new(200, "text/javascript; charset=utf-8", JS)
        }
        ("POST", "/_review/decide" | "/_review/replace" | "/_review/allow") => {
            super::actions::act(server, request, &path["/_review/".len()..])
        }
        (_, "/_review/decide" | "/_review/replace" | "/_review/allow") => Reply::text(
            405,
            "desk actions are POST requests from the desk's own forms",
        )
        .header("Allow", "POST"),
        _ => Reply::text(404, "not found"),
    };
    reply
        .header("Content-Security-Policy", CSP)
        .header("X-Frame-Options", "DENY")
        // Not no-referrer: Chromium then sends `Origin: null` with the
        // desk's own forms, which the Origin check must refuse.
        .header("Referrer-Policy", "same-origin")
        .header("Cross-Origin-Opener-Policy", "same-origin")
        .header("Cross-Origin-Resource-Policy", "same-origin")
}

/// What the page's address asks for.
#[derive(Debug, Default)]
pub(super) struct PageQuery {
    /// Mask every finding (for sharing a screen).
    pub mask: bool,
    /// What the last action did (a fixed code; never text from the form).
    pub done: Option<String>,
}

impl PageQuery {
    fn parse(query: &str) -> PageQuery {
        let mut q = PageQuery::default();
        for (key, value) in query
            .split('&')
            .filter_map(|p| p.split_once('='))
            .filter_map(|(k, v)| Some((k, http::form_decode(v)?)))
        {
            match key {
                "mask" => q.mask = value == "1",
                "done" => q.done = Some(value),
                _ => {}
            }
        }
        q
    }
}

/// The fixed messages after an action.
pub(super) fn done_message(code: &str) -> Option<&'static str> {
    Some(match code {
        "decided" => "Recorded: not personal data here. The finding no longer blocks; it opens again if its sentence changes.",
        "replaced" => "Replaced in the item and added to the register. A copy of the file as it was is in private/backups/.",
        "replaced-resign" => "Replaced in the item and added to the register. The item was signed off and has changed: it needs signing off again. A copy of the file as it was is in private/backups/.",
        "allowed" => "Added to the allow list in config.toml: the gate passes this public name everywhere.",
        "already-allowed" => "That name is already on the allow list.",
        _ => return None,
    })
}

/// What the desk shows of one item.
struct ItemView<'a> {
    verdict: &'a ItemVerdict,
    /// The item as it is on disk now (`None`: it cannot be read as an
    /// item, or it comes from a bundle).
    item: Option<Item>,
}

fn page(server: &Arc<Server>, query: &PageQuery) -> String {
    let role = recover(server.role.lock()).clone();
    let version = server.version();
    let base = server.base_path().to_string();
    let state = server.read(|preview| {
        let admission = &preview.admission;
        let config = admission.site().config.clone();
        let mut verdicts: Vec<ItemVerdict> = admission.items.clone();
        // What needs the team first: blocked items, then held ones.
        let rank = |v: &ItemVerdict| match v.verdict {
            Verdict::Blocked => 0,
            Verdict::Held { .. } => 1,
            Verdict::Published { .. } => 2,
        };
        verdicts.sort_by(|a, b| (rank(a), &a.path).cmp(&(rank(b), &b.path)));
        (
            config,
            verdicts,
            admission.findings.clone(),
            admission.gate_arc(),
        )
    });
    let mut out = String::new();
    let title = state
        .as_ref()
        .map(|(config, ..)| config.title.clone())
        .unwrap_or_default();
    let _ = write!(
        out,
        r##"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Review desk: {title}</title>
<link rel="stylesheet" href="/_review/desk.css">
<script src="/_review/desk.js" defer data-version-url="{base}{INTERNAL}version" data-version="{version}"></script>
</head>
<body{body_class}>
<a class="skip" href="#main">Skip to the items</a>
<header class="top">
<h1>Review desk</h1>
<p>{title}: a local preview for the review team. Never part of a build; only this computer can open it.</p>
<nav aria-label="Desk">
<ul>
<li><a href="{base}">The site as previewed</a></li>
<li>{mask_link}</li>
</ul>
</nav>
</header>
<main id="main">
<div id="status" role="status">{status}</div>
<p id="changed" class="changed" hidden>Files have changed since this page was shown. <a href="">Show the desk as it is now</a></p>
"##,
        title = esc(&title),
        base = esc(&base),
        body_class = if query.mask { " class=\"masked\"" } else { "" },
        mask_link = if query.mask {
            "<a href=\"/_review/\" aria-current=\"true\">Show findings in clear</a>".to_string()
        } else {
            "<a href=\"/_review/?mask=1\">Mask all (for sharing your screen)</a>".to_string()
        },
        status = query
            .done
            .as_deref()
            .and_then(done_message)
            .map(|m| format!("<p>{}</p>", esc(m)))
            .unwrap_or_default(),
    );
    let Some((config, verdicts, site_findings, gate)) = state else {
        out.push_str("<p>The site cannot be read just now (see the terminal running clearhouse serve); this page shows it again once it can.</p></main></body></html>\n");
        return out;
    };
    let root = server.options.root.clone();
    let views: Vec<ItemView> = verdicts
        .iter()
        .map(|verdict| ItemView {
            verdict,
            item: crate::content::item_kind_of(&verdict.path)
                .and_then(|_| crate::load::load_item(&config, &root, &verdict.path).ok())
                .map(|c| c.item),
        })
        .collect();

    // The summary.
    let count = |f: &dyn Fn(&ItemVerdict) -> bool| verdicts.iter().filter(|v| f(v)).count();
    let undecided: usize = verdicts
        .iter()
        .flat_map(|v| &v.findings)
        .filter(|f| f.severity == Severity::NeedsDecision)
        .count();
    let to_change: usize = verdicts
        .iter()
        .flat_map(|v| &v.findings)
        .chain(&site_findings)
        .filter(|f| f.severity == Severity::Error)
        .count();
    let _ = write!(
        out,
        "<section aria-labelledby=\"summary\">\n<h2 id=\"summary\">All items</h2>\n<p>{} item(s): {} published, {} held, {} blocked. {} finding(s) to decide, {} to change in the text.</p>\n<table>\n<caption class=\"visually-hidden\">Every item and what is open</caption>\n<thead><tr><th scope=\"col\">Item</th><th scope=\"col\">State</th><th scope=\"col\">To decide</th><th scope=\"col\">To change</th></tr></thead>\n<tbody>\n",
        verdicts.len(),
        count(&|v| v.is_published()),
        count(&|v| v.hold().is_some()),
        count(&|v| v.is_blocked()),
        undecided,
        to_change,
    );
    for view in &views {
        let v = view.verdict;
        let _ = writeln!(
            out,
            "<tr><td><a href=\"#{anchor}\">{id}</a></td><td>{state}</td><td>{decide}</td><td>{change}</td></tr>",
            anchor = anchor(v),
            id = esc(&v.review_id),
            state = short_state(v),
            decide = v
                .findings
                .iter()
                .filter(|f| f.severity == Severity::NeedsDecision)
                .count(),
            change = v.findings.iter().filter(|f| f.severity == Severity::Error).count(),
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");

    let form = FormContext {
        token: &server.token,
        mask: query.mask,
        role: &role,
        editor: &server.desk.editor_url,
        root: &root,
        gate: &gate,
    };
    for view in &views {
        item_section(&mut out, view, &form);
    }
    if !site_findings.is_empty() {
        out.push_str("<section aria-labelledby=\"site\">\n<h2 id=\"site\">The site as a whole</h2>\n<ol class=\"findings\">\n");
        for finding in &site_findings {
            finding_entry(&mut out, finding, None, &[], &form);
        }
        out.push_str("</ol>\n</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// What every form and link on the page needs.
struct FormContext<'a> {
    token: &'a str,
    mask: bool,
    role: &'a str,
    editor: &'a str,
    root: &'a std::path::Path,
    gate: &'a crate::gate::Gate,
}

fn anchor(verdict: &ItemVerdict) -> String {
    format!("item-{}", crate::text::slugify(&verdict.path))
}

fn short_state(verdict: &ItemVerdict) -> &'static str {
    match &verdict.verdict {
        Verdict::Published { .. } => "<span class=\"state published\">Published</span>",
        Verdict::Held { .. } => "<span class=\"state held\">Held</span>",
        Verdict::Blocked => "<span class=\"state blocked\">Blocked</span>",
    }
}

fn state_label(verdict: &ItemVerdict) -> String {
    match &verdict.verdict {
        Verdict::Published { .. } => "<span class=\"state published\">Published</span>".into(),
        Verdict::Held { hold, .. } => format!(
            "<span class=\"state held\">Held</span> ({})",
            esc(&hold.describe())
        ),
        Verdict::Blocked => "<span class=\"state blocked\">Blocked</span>".into(),
    }
}

fn item_section(out: &mut String, view: &ItemView, form: &FormContext) {
    let v = view.verdict;
    let id = anchor(v);
    let _ = write!(
        out,
        "<section class=\"item\" id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h2 id=\"{id}-h\">{rid} <span class=\"path\">{path}</span></h2>\n<dl class=\"facts\">\n<dt>State</dt><dd>{state}</dd>\n",
        rid = esc(&v.review_id),
        path = esc(&v.path),
        state = state_label(v),
    );
    let _ = writeln!(out, "<dt>Sign-offs</dt><dd>{}</dd>", signoffs(view));
    let _ = writeln!(out, "<dt>CLEAR</dt><dd>{}</dd>", clear(view));
    if let Some(page) = v.pages().first() {
        let page = page.strip_suffix("index.html").unwrap_or(page);
        let _ = writeln!(
            out,
            "<dt>Page</dt><dd><a href=\"/{}\">Open the {} page</a></dd>",
            esc(page),
            if v.is_published() {
                "published"
            } else {
                "draft"
            }
        );
    }
    out.push_str("</dl>\n");

    // Readiness: what is still open before sign-off. Computed here from
    // the admission's verdict (its findings and holds), the same verdict
    // build and check print.
    let _ = writeln!(out, "<h3 id=\"{id}-open\">Still open</h3>");
    let open = still_open(view);
    if open.is_empty() {
        out.push_str("<p>Nothing: the gate finds nothing that blocks, and both sign-offs match the item as it is.</p>\n");
    } else {
        out.push_str("<ul class=\"open\">\n");
        for line in open {
            let _ = writeln!(out, "<li>{}</li>", esc(&line));
        }
        out.push_str("</ul>\n");
    }

    let shown: Vec<&Finding> = v.findings.iter().collect();
    let _ = writeln!(
        out,
        "<h3 id=\"{id}-findings\">Findings ({})</h3>",
        shown.len()
    );
    if shown.is_empty() {
        out.push_str("<p>None.</p>\n");
    } else {
        out.push_str("<ol class=\"findings\">\n");
        for finding in shown {
            finding_entry(out, finding, view.item.as_ref(), &v.findings, form);
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
}

fn signoffs(view: &ItemView) -> String {
    let Some(item) = &view.item else {
        return "unknown (the item cannot be read)".into();
    };
    Signatory::BOTH
        .iter()
        .map(|by| {
            let entry = item.meta.signoff.as_ref().and_then(|s| match by {
                Signatory::Cpc => s.cpc.as_ref(),
                Signatory::Cog => s.cog.as_ref(),
            });
            match entry {
                None => format!("{}: not signed", by.abbreviation()),
                Some(e) if e.sha256 == item.signature => {
                    format!("{}: signed {}", by.abbreviation(), e.date)
                }
                Some(e) => format!(
                    "{}: signed {}, but the item has changed since",
                    by.abbreviation(),
                    e.date
                ),
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// CLEAR completeness, naming strategies by number only (their titles
/// are content, which the masked view must not show).
fn clear(view: &ItemView) -> String {
    let Some(item) = &view.item else {
        return "unknown".into();
    };
    let strategies = &item.meta.strategies;
    if strategies.is_empty() {
        return "no strategies".into();
    }
    let complete = strategies.iter().filter(|s| s.missing().is_empty()).count();
    let mut text = format!("{complete} of {} strategies complete", strategies.len());
    for (i, strategy) in strategies.iter().enumerate() {
        let missing = strategy.missing();
        if !missing.is_empty() {
            let names: Vec<&str> = missing.iter().map(|c| c.label()).collect();
            let _ = write!(text, "; strategy {} lacks {}", i + 1, names.join(", "));
        }
    }
    esc(&text)
}

/// What must happen before the item can be published: findings to decide
/// or change, and sign-offs missing or out of date.
fn still_open(view: &ItemView) -> Vec<String> {
    let v = view.verdict;
    let mut open = Vec::new();
    let decide = v
        .findings
        .iter()
        .filter(|f| f.severity == Severity::NeedsDecision)
        .count();
    let change = v
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    if decide > 0 {
        open.push(format!("{decide} finding(s) for a person to decide"));
    }
    if change > 0 {
        open.push(format!("{change} finding(s) to change in the text"));
    }
    if let Some(item) = &view.item {
        for by in Signatory::BOTH {
            let entry = item.meta.signoff.as_ref().and_then(|s| match by {
                Signatory::Cpc => s.cpc.as_ref(),
                Signatory::Cog => s.cog.as_ref(),
            });
            match entry {
                None => open.push(format!("{} sign-off", by.abbreviation())),
                Some(e) if e.sha256 != item.signature => open.push(format!(
                    "{} sign-off again (the item changed after {})",
                    by.abbreviation(),
                    e.date
                )),
                _ => {}
            }
        }
    }
    if let Some(hold) = v.hold() {
        for reason in &hold.reasons {
            let words = reason.describe();
            if !words.contains("sign-off") && !words.contains("signed it off") {
                open.push(words);
            }
        }
    }
    open
}

fn finding_entry(
    out: &mut String,
    finding: &Finding,
    item: Option<&Item>,
    all: &[Finding],
    form: &FormContext,
) {
    let id = finding_id(finding);
    let severity = finding.severity.as_str();
    let place = format!("{}:{}:{}", finding.path, finding.line, finding.column);
    let editor = form
        .editor
        .replace(
            "{path}",
            &form
                .root
                .join(&finding.path)
                .to_string_lossy()
                .replace(' ', "%20"),
        )
        .replace("{line}", &finding.line.to_string())
        .replace("{column}", &finding.column.to_string());
    let _ = write!(
        out,
        "<li class=\"finding {severity}\" id=\"f-{id}\">\n<p class=\"what\"><span class=\"badge\">{label}</span> <span class=\"kind\">{kind}</span> at <a href=\"{editor}\">{place}<span class=\"visually-hidden\"> (open in editor)</span></a></p>\n",
        label = match finding.severity {
            Severity::Error => "must change",
            Severity::NeedsDecision => "to decide",
            Severity::Decided => "decided",
            Severity::Warning => "warning",
        },
        kind = esc(finding.kind.as_str()),
        editor = esc(&editor),
        place = esc(&place),
    );
    if finding.kind.is_personal_data() && !finding.matched.is_empty() {
        let _ = writeln!(
            out,
            "<blockquote class=\"context\"><p>{}</p></blockquote>",
            context_html(finding, item, all, form.mask)
        );
    }
    let _ = writeln!(out, "<p class=\"message\">{}</p>", esc(&finding.message));
    if let Some(decision) = &finding.decision {
        let role = decisions::ROLES
            .iter()
            .find(|(r, _)| *r == decision.role)
            .map(|(_, label)| *label)
            .unwrap_or(decision.role.as_str());
        let _ = writeln!(
            out,
            "<p class=\"decision\">Decided not personal data here by the {} on {}.</p>",
            esc(role),
            esc(decision.decided.get(..10).unwrap_or(&decision.decided))
        );
    }
    let actionable = item.is_some()
        && finding.kind.is_personal_data()
        && !finding.matched.is_empty()
        && finding.severity != Severity::Decided;
    if actionable {
        out.push_str("<div class=\"actions\">\n");
        let hidden = format!(
            "<input type=\"hidden\" name=\"token\" value=\"{token}\"><input type=\"hidden\" name=\"path\" value=\"{path}\"><input type=\"hidden\" name=\"id\" value=\"{id}\"><input type=\"hidden\" name=\"mask\" value=\"{mask}\">",
            token = esc(form.token),
            path = esc(&finding.path),
            mask = u8::from(form.mask),
        );
        if decisions::decidable(finding) {
            let _ = write!(
                out,
                "<form method=\"post\" action=\"/_review/decide\" class=\"decide\">{hidden}<label for=\"role-{id}\">Decided by</label> <select id=\"role-{id}\" name=\"role\">"
            );
            for (value, label) in decisions::ROLES {
                let _ = write!(
                    out,
                    "<option value=\"{value}\"{}>{label}</option>",
                    if value == form.role { " selected" } else { "" }
                );
            }
            out.push_str(
                "</select> <button type=\"submit\">Not personal data here</button></form>\n",
            );
        }
        let signed = item
            .and_then(|i| i.meta.signoff.as_ref())
            .is_some_and(|s| s.cpc.is_some() || s.cog.is_some());
        let prefill = if finding.kind == Kind::Register {
            register_replacement(form.gate, &finding.matched).unwrap_or_default()
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "<form method=\"post\" action=\"/_review/replace\" class=\"replace\">{hidden}<label for=\"with-{id}\">Replace with (a pseudonym)</label> <input id=\"with-{id}\" name=\"replacement\" required maxlength=\"60\" autocomplete=\"off\" value=\"{}\" aria-describedby=\"with-{id}-help\"> ",
            esc(&prefill)
        );
        if signed {
            let _ = write!(
                out,
                "<span class=\"resign\"><input type=\"checkbox\" id=\"resign-{id}\" name=\"resign\" value=\"1\"> <label for=\"resign-{id}\">I understand the item is signed off and will need signing off again</label></span> "
            );
        }
        let _ = writeln!(
            out,
            "<button type=\"submit\">Replace</button><span class=\"help\" id=\"with-{id}-help\">Adds it to the register with this replacement and changes the file (a copy is kept in private/backups/).</span></form>"
        );
        if matches!(
            finding.kind,
            Kind::PersonName | Kind::Institution | Kind::Address
        ) {
            let phrase = if form.mask {
                String::new()
            } else {
                finding
                    .matched
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let _ = writeln!(
                out,
                "<form method=\"post\" action=\"/_review/allow\" class=\"allow\">{hidden}<label for=\"allow-{id}\">Public name</label> <input id=\"allow-{id}\" name=\"phrase\" required maxlength=\"100\" autocomplete=\"off\" value=\"{}\" aria-describedby=\"allow-{id}-help\"> <button type=\"submit\">Public everywhere</button><span class=\"help\" id=\"allow-{id}-help\">For a public body or place: adds the name (it may be longer, e.g. with Trust or Council) to the allow list in config.toml.</span></form>",
                esc(&phrase)
            );
        }
        out.push_str("</div>\n");
    }
    out.push_str("</li>\n");
}

/// The register's replacement for `text`, if an entry has one.
fn register_replacement(gate: &crate::gate::Gate, text: &str) -> Option<String> {
    let folded = crate::gate::fold::fold_key(text);
    gate.register()
        .entries
        .iter()
        .find(|e| crate::gate::fold::fold_key(&e.text) == folded)
        .and_then(|e| e.replacement.clone())
}

/// The sentence around a finding, its span marked; every personal-data
/// span in it masked when `mask` is set.
fn context_html(finding: &Finding, item: Option<&Item>, all: &[Finding], mask_all: bool) -> String {
    let located = item.and_then(|item| {
        let text = ItemText::of(item);
        decisions::locate(&text, finding).map(|at| (item, at))
    });
    let Some((item, at)) = located else {
        // Not at a place in the file (a file name, decoded text): the
        // span alone.
        let shown = if mask_all {
            finding.masked.clone()
        } else {
            finding.matched.clone()
        };
        return format!("<mark>{}</mark>", esc(&shown));
    };
    let text = &item.source.text;
    let item_text = ItemText::of(item);
    // Other personal-data spans inside the sentence, to mask with it.
    let mut spans: Vec<(usize, usize, Kind, bool)> = all
        .iter()
        .filter(|f| f.kind.is_personal_data() && !f.matched.is_empty())
        .filter_map(|f| {
            let other = decisions::locate(&item_text, f)?;
            (other.start >= at.context_start && other.end <= at.context_end).then_some((
                other.start,
                other.end,
                f.kind,
                other.start == at.start && other.end == at.end,
            ))
        })
        .collect();
    if !spans.iter().any(|s| s.3) {
        spans.push((at.start, at.end, finding.kind, true));
    }
    spans.sort_by_key(|s| (s.0, std::cmp::Reverse(s.1)));
    let mut html = String::new();
    let mut at_byte = at.context_start;
    for (start, end, kind, primary) in spans {
        if start < at_byte {
            continue;
        }
        html.push_str(&esc(&collapse(&text[at_byte..start])));
        let words = &text[start..end];
        let shown = if mask_all {
            mask(words, kind)
        } else {
            words.to_string()
        };
        if primary {
            let _ = write!(html, "<mark>{}</mark>", esc(&collapse(&shown)));
        } else {
            html.push_str(&esc(&collapse(&shown)));
        }
        at_byte = end;
    }
    html.push_str(&esc(&collapse(&text[at_byte..at.context_end])));
    html
}

/// Line breaks inside a sentence read as spaces.
fn collapse(text: &str) -> String {
    text.replace("\r\n", " ").replace('\n', " ")
}
