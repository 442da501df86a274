//! The review desk's actions, each a form `POST` from the desk's own page
//! (session token, same `Origin`, checked first): record a decision,
//! replace an identifier with a pseudonym (register, file, backup), add a
//! public name to the allow list. Each finds the finding again in the
//! file as it is now, so a page shown before an edit cannot act on text
//! that has changed; each then admits the changed files at once.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use super::http::{self, Reply, Request};
use super::{recover, Server, DESK};
use crate::content::{self, Item};
use crate::decisions::{self, Decisions, ItemText, NewDecision};
use crate::findings::{Finding, Kind};
use crate::load::{self, RegisterSource};

/// Why an action was refused: a status and what to tell the person.
struct Refused(u16, String);

impl<T: Into<String>> From<(u16, T)> for Refused {
    fn from((status, message): (u16, T)) -> Refused {
        Refused(status, message.into())
    }
}

pub(super) fn act(server: &Arc<Server>, request: &Request, action: &str) -> Reply {
    let Some(fields) = http::form_fields(&request.body) else {
        return refused(
            400,
            "the form could not be read (not URL-encoded UTF-8)",
            false,
        );
    };
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let mask = field("mask") == Some("1");
    if let Err(why) = http::same_origin(request, field("token"), &server.token) {
        return refused(403, &why, mask);
    }
    let result = match action {
        "decide" => decide(server, &field),
        "replace" => replace(server, &field),
        "allow" => allow(server, &field),
        _ => Err(Refused(404, "no such action".into())),
    };
    match result {
        Ok((code, changed, anchor)) => {
            // Admitted at once, so that the page the browser is sent to
            // shows the result; the watcher's own event follows.
            server.update_written(&changed);
            let mask = if mask { "mask=1&" } else { "" };
            Reply::redirect(303, &format!("{DESK}?{mask}done={code}#{anchor}"))
        }
        Err(Refused(status, message)) => refused(status, &message, mask),
    }
}

/// A page saying why, with a way back.
fn refused(status: u16, message: &str, mask: bool) -> Reply {
    let back = if mask {
        "/_review/?mask=1"
    } else {
        "/_review/"
    };
    let html = format!(
        "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Not done: review desk</title><link rel=\"stylesheet\" href=\"/_review/desk.css\"></head>\n<body>\n<main id=\"main\">\n<h1>Not done</h1>\n<p role=\"alert\">{}</p>\n<p><a href=\"{back}\">Back to the review desk</a></p>\n</main>\n</body>\n</html>\n",
        crate::text::escape_html(message)
    );
    Reply::new(status, "text/html; charset=utf-8", html)
}

type Field<'a> = dyn Fn(&str) -> Option<&'a str> + 'a;
type Done = (&'static str, Vec<PathBuf>, String);

/// A short stable id of a finding as it is now: the same finding found
/// again has the same id; any change of its place or text changes it.
pub(super) fn finding_id(finding: &Finding) -> String {
    let mut hash = Sha256::new();
    for part in [
        finding.path.as_str(),
        &finding.line.to_string(),
        &finding.column.to_string(),
        &finding.length.to_string(),
        finding.kind.as_str(),
        &finding.rule,
        &finding.matched,
    ] {
        hash.update((part.len() as u64).to_be_bytes());
        hash.update(part.as_bytes());
    }
    hash.finalize()[..12]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The item at the form's `path` as it is on disk, and the finding the
/// form's `id` names, found again with the gate and the decisions as they
/// are now.
fn find(server: &Server, field: &Field<'_>) -> Result<(Item, Finding), Refused> {
    let path = field("path").unwrap_or("");
    if content::item_kind_of(path).is_none() || path.split('/').any(|p| p == "..") {
        return Err((400, "the form does not name an item of this site").into());
    }
    let id = field("id").unwrap_or("");
    let (config, gate) = server
        .read(|p| (p.admission.site().config.clone(), p.admission.gate_arc()))
        .ok_or((
            503,
            "the site cannot be read just now; see the terminal running clearhouse serve",
        ))?;
    let root = &server.options.root;
    let item = load::load_item(&config, root, path)
        .map_err(|f| {
            Refused(
                409,
                format!("{path} cannot be read as an item now: {}", f.message),
            )
        })?
        .item;
    let mut findings = gate.scan_item(&item);
    Decisions::load(root).apply(&ItemText::of(&item), &mut findings);
    let finding = findings
        .into_iter()
        .find(|f| finding_id(f) == id)
        .ok_or((409, "this finding is no longer in the file as it is now (the text has changed): look at the desk again"))?;
    Ok((item, finding))
}

fn anchor(item: &Item) -> String {
    format!("item-{}", crate::text::slugify(&item.source.path))
}

fn now() -> String {
    let now = time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap_or_else(|_| time::OffsetDateTime::now_utc());
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// *Not personal data here*: a decision in `decisions.toml`.
fn decide(server: &Server, field: &Field<'_>) -> Result<Done, Refused> {
    let (item, finding) = find(server, field)?;
    let role = field("role").unwrap_or("");
    let root = &server.options.root;
    decisions::record(
        root,
        &NewDecision {
            item: ItemText::of(&item),
            finding: &finding,
            role,
            decided: now(),
        },
    )
    .map_err(|e| Refused(409, e))?;
    *recover(server.role.lock()) = role.to_string();
    Ok((
        "decided",
        vec![root.join(decisions::DECISIONS_FILE)],
        anchor(&item),
    ))
}

/// A pseudonym is a few plain words: nothing TOML or Markdown would read
/// as markup, and nothing the gate would flag itself.
fn check_pseudonym(text: &str, gate: &crate::gate::Gate) -> Result<String, Refused> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() || text.chars().count() > 60 {
        return Err((
            400,
            "give a pseudonym of 1 to 60 characters, such as Child A or Practitioner B",
        )
            .into());
    }
    if !text
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '.'))
    {
        return Err((
            400,
            "a pseudonym may hold letters, digits, spaces, hyphens and full stops only",
        )
            .into());
    }
    if !gate.scan_text(&text).is_empty() {
        return Err((400, "the gate reads that pseudonym as personal data itself: use a pattern such as Child A, Mother, Practitioner B or Health Visitor 1").into());
    }
    Ok(text)
}

/// *Replace*: the identifier goes into the register with its replacement,
/// and every whole-word occurrence in the item is replaced, after a copy
/// of the file is kept in `private/backups/`. A signed-off item changes
/// only when the person has said they know it will need signing again.
fn replace(server: &Server, field: &Field<'_>) -> Result<Done, Refused> {
    let (item, finding) = find(server, field)?;
    if !finding.kind.is_personal_data() || finding.matched.is_empty() {
        return Err((400, "only personal data can be replaced").into());
    }
    let (config, gate) = server
        .read(|p| (p.admission.site().config.clone(), p.admission.gate_arc()))
        .ok_or((503, "the site cannot be read just now"))?;
    let replacement = check_pseudonym(field("replacement").unwrap_or(""), &gate)?;
    let signed = item
        .meta
        .signoff
        .as_ref()
        .is_some_and(|s| s.cpc.is_some() || s.cog.is_some());
    if signed && field("resign") != Some("1") {
        return Err((409, "this item is signed off: replacing text changes it, so it will need signing off again. Tick the box that says you understand, then replace.").into());
    }
    let root = &server.options.root;
    let register = match load::register_source(&server.options, &config) {
        RegisterSource::File(path, _) => path,
        RegisterSource::Text(_) => return Err((409, "the register comes from CLEARHOUSE_REGISTER_TOML here, which the desk cannot add to: add the identifier to the register yourself").into()),
        RegisterSource::None | RegisterSource::Missing => return Err((409, "this site has no register file to add the identifier to: set [gate] register in config.toml").into()),
    };
    let mut changed = vec![root.join(&item.source.path)];
    if finding.kind != Kind::Register {
        add_to_register(&register, &item, &finding, &replacement)?;
        changed.push(register);
    }
    backup(root, &item)?;
    let text = replace_words(&item.source.text, &finding.matched, &replacement);
    decisions::write_replacing(&root.join(&item.source.path), text.as_bytes())
        .map_err(|e| Refused(500, e))?;
    Ok((
        if signed {
            "replaced-resign"
        } else {
            "replaced"
        },
        changed,
        anchor(&item),
    ))
}

/// Appends `[[identifier]]` to the register, keeping its comments and
/// layout; nothing when the register already holds the text.
fn add_to_register(
    register: &Path,
    item: &Item,
    finding: &Finding,
    replacement: &str,
) -> Result<(), Refused> {
    let text = match std::fs::read_to_string(register) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Refused(500, format!("cannot read the register: {e}"))),
    };
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|_| {
        (
            409,
            "the register is not valid TOML, so nothing was changed",
        )
    })?;
    let identifiers = doc
        .entry("identifier")
        .or_insert(toml_edit::Item::ArrayOfTables(Default::default()))
        .as_array_of_tables_mut()
        .ok_or((
            409,
            "the register's `identifier` must be [[identifier]] tables",
        ))?;
    let words = finding
        .matched
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let known = crate::gate::fold::fold_key(&words);
    if identifiers.iter().any(|t| {
        t.get("text")
            .and_then(|v| v.as_str())
            .is_some_and(|t| crate::gate::fold::fold_key(t) == known)
    }) {
        return Ok(());
    }
    let mut table = toml_edit::Table::new();
    table.insert("review_id", toml_edit::value(&item.meta.review_id));
    table.insert("text", toml_edit::value(words));
    table.insert("kind", toml_edit::value(finding.kind.as_str()));
    table.insert("replacement", toml_edit::value(replacement));
    identifiers.push(table);
    decisions::write_replacing(register, doc.to_string().as_bytes()).map_err(|e| Refused(500, e))
}

/// Keeps a copy of the item as it is in `private/backups/`, which is
/// never read by the renderer and never committed.
fn backup(root: &Path, item: &Item) -> Result<(), Refused> {
    let dir = root.join("private/backups");
    std::fs::create_dir_all(&dir)
        .map_err(|e| Refused(500, format!("cannot create private/backups: {e}")))?;
    let stamp = now().replace([':', '-'], "");
    let name = format!("{}.{stamp}.md", item.source.path.replace('/', "__"));
    std::fs::write(dir.join(name), &item.source.text)
        .map_err(|e| Refused(500, format!("cannot keep a copy in private/backups: {e}")))
}

/// `text` with every whole-word occurrence of `from` (as written, or
/// with its spaces written as line breaks) replaced by `to`.
fn replace_words(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    let words: Vec<&str> = from.split_whitespace().collect();
    let pattern = words
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join(r"\s+");
    let Ok(re) = regex::Regex::new(&format!(r"(?m){pattern}")) else {
        return text.to_string();
    };
    for m in re.find_iter(text) {
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
            continue;
        }
        out.push_str(&text[rest..m.start()]);
        out.push_str(to);
        rest = m.end();
    }
    out.push_str(&text[rest..]);
    out
}

/// *Public everywhere*: the name goes into `[gate] allow` in
/// `config.toml`, its comments and layout kept.
fn allow(server: &Server, field: &Field<'_>) -> Result<Done, Refused> {
    let (item, finding) = find(server, field)?;
    if !matches!(
        finding.kind,
        Kind::PersonName | Kind::Institution | Kind::Address
    ) {
        return Err((
            400,
            "only the name of a public body or place can go on the allow list",
        )
            .into());
    }
    let phrase = field("phrase")
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let matched = finding
        .matched
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if phrase.is_empty() || phrase.chars().count() > 100 {
        return Err((400, "give the public name (at most 100 characters)").into());
    }
    if !phrase.to_lowercase().contains(&matched.to_lowercase()) {
        return Err((400, "the public name must contain the text that was found, so that the allow list covers it").into());
    }
    let gate = server
        .read(|p| p.admission.gate_arc())
        .ok_or((503, "the site cannot be read just now"))?;
    if !gate.register_hits(&phrase).is_empty() {
        return Err((409, "the register holds that name: the allow list never overrides the register; replace it instead").into());
    }
    let root = &server.options.root;
    let path = root.join(crate::config::CONFIG_FILE);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| Refused(500, format!("cannot read config.toml: {e}")))?;
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|_| (409, "config.toml is not valid TOML, so nothing was changed"))?;
    let gate_table = doc
        .entry("gate")
        .or_insert(toml_edit::table())
        .as_table_like_mut()
        .ok_or((409, "config.toml: [gate] must be a table"))?;
    let allow = gate_table
        .entry("allow")
        .or_insert(toml_edit::value(toml_edit::Array::new()))
        .as_array_mut()
        .ok_or((409, "config.toml: [gate] allow must be a list of names"))?;
    if allow
        .iter()
        .filter_map(|v| v.as_str())
        .any(|v| v.eq_ignore_ascii_case(&phrase))
    {
        return Ok(("already-allowed", Vec::new(), anchor(&item)));
    }
    // A list written one name per line gets the new name on a line of
    // its own.
    let prefix = allow
        .iter()
        .last()
        .and_then(|v| v.decor().prefix())
        .and_then(|p| p.as_str())
        .map(str::to_string);
    allow.push(phrase.as_str());
    if let Some(prefix) = prefix {
        if let Some(last) = allow.iter_mut().last() {
            last.decor_mut().set_prefix(prefix);
        }
    }
    decisions::write_replacing(&path, doc.to_string().as_bytes()).map_err(|e| Refused(500, e))?;
    Ok(("allowed", vec![path], anchor(&item)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacing_takes_whole_words_across_line_breaks() {
        assert_eq!(
            replace_words(
                "Mrs Galbraith met Mrs\nGalbraith's son; Mrs Galbraithson.",
                "Mrs Galbraith",
                "Practitioner F"
            ),
            "Practitioner F met Practitioner F's son; Mrs Galbraithson."
        );
    }
}
