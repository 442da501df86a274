//! `clearhouse anonymise`: writes a draft with the register's replacements
//! applied, for a person to review. The original is never touched, and
//! whatever the gate still finds is listed for a person to resolve, at the
//! line of the draft the person wrote (a paragraph, for a Word document).
//!
//! A Word draft (`.docx`, read by [`docx`]) becomes a Markdown item
//! started from the skeleton `clearhouse new` writes: its title in the
//! front matter, its headings as the report's sections (recognised as
//! `content::parts` recognises them), and a blank section for each part
//! the guidance asks for that it lacks.
//!
//! Replacements are made to read as the sentence around them
//! ([`replace`]): no "Her mother, Mother", no "Mrs Mother".

pub mod docx;

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::content::parts::{self, Part};
use crate::content::{self, Day, ItemKind};
use crate::findings::{self, Finding, Kind, Severity};
use crate::gate::{Gate, Register};
use crate::source::SourceText;

/// What to anonymise and where to.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The person's draft: Markdown (an item or plain text) or `.docx`.
    pub input: &'a Path,
    /// The new file to write.
    pub out: &'a Path,
    /// The day a Word draft's item is dated (`published`, as `new` does).
    pub today: Day,
    /// The review id a Word draft's item gets (otherwise a placeholder).
    pub review_id: Option<&'a str>,
}

/// What `anonymise` did.
#[derive(Debug)]
pub struct Anonymised {
    pub out: PathBuf,
    /// How many register matches were replaced.
    pub replaced: usize,
    /// What the gate still finds, at the place in the person's draft
    /// (or in the new file, for what the draft did not hold).
    pub remaining: Vec<Finding>,
    /// For a Word draft: how it became an item.
    pub imported: Option<Imported>,
}

/// How a Word draft became an item.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Imported {
    pub paragraphs: usize,
    /// The title was found (Word's Title style, or a first heading above
    /// all others).
    pub title: bool,
    /// Each part of the report the draft's headings were recognised as,
    /// with the heading.
    pub sections: Vec<(Part, String)>,
    /// The parts the draft lacks, added as blank sections.
    pub added: Vec<Part>,
}

/// Where a line of the text to anonymise came from in the person's draft.
#[derive(Debug, Clone)]
struct LineOrigin {
    /// 1-based line (a paragraph's number, for Word).
    line: usize,
    /// Characters of the text's line before the draft's text starts
    /// (`## ` before a heading).
    prefix: usize,
    /// Characters of the draft's line before what was taken (leading
    /// spaces).
    skipped: usize,
    /// How many characters were taken.
    len: usize,
    /// The draft's line as written.
    text: String,
}

/// The text to anonymise, and for each of its lines where it came from.
struct Prepared {
    text: String,
    origins: Vec<Option<LineOrigin>>,
    imported: Option<Imported>,
}

/// Applies the register of `gate` to the draft and writes it to
/// `request.out`.
pub fn anonymise(request: &Request<'_>, gate: &Gate) -> Result<Anonymised, String> {
    let Request { input, out, .. } = *request;
    if same_file(input, out) {
        return Err("the draft must be a new file: anonymise never edits the original".into());
    }
    let is_docx = input
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    let prepared = if is_docx {
        from_docx(request)?
    } else {
        let text = std::fs::read_to_string(input)
            .map_err(|e| format!("cannot read {}: {e}", input.display()))?;
        let origins = text
            .split('\n')
            .enumerate()
            .map(|(i, line)| {
                let line_text = line.trim_end_matches('\r');
                Some(LineOrigin {
                    line: i + 1,
                    prefix: 0,
                    skipped: 0,
                    len: line_text.chars().count(),
                    text: line_text.to_string(),
                })
            })
            .collect();
        Prepared {
            text,
            origins,
            imported: None,
        }
    };
    let replaced = replace(&prepared.text, gate.register());
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(out, &replaced.text)
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    let out_display = out.display().to_string();
    let draft = SourceText::new(out_display.clone(), replaced.text.clone());
    let before = SourceText::new(input.display().to_string(), prepared.text.clone());
    let remaining = scan(&draft, gate)
        .into_iter()
        .map(|finding| locate(finding, &draft, &before, &prepared.origins, &replaced.edits))
        .collect();
    Ok(Anonymised {
        out: out.to_path_buf(),
        replaced: replaced.count,
        remaining,
        imported: prepared.imported,
    })
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The gate's findings in the draft, read as `check` reads an item: front
/// matter values (never its dates, comments or identifiers as text: a
/// `published` day is not a personal date) and the body. A draft that is
/// not yet a valid item is read as far as it can be.
fn scan(draft: &SourceText, gate: &Gate) -> Vec<Finding> {
    let as_item = [ItemKind::Report, ItemKind::Summary]
        .into_iter()
        .find_map(|kind| {
            content::parse_item(&draft.path, draft.text.clone().into_bytes(), kind, "").ok()
        });
    let hits_to_findings = |offset: usize, text: &str, exact: Option<Range<usize>>| {
        gate.scan_text(text)
            .into_iter()
            .map(|hit| {
                let (start, end) = match &exact {
                    Some(span) => (span.start, span.end),
                    None => (offset + hit.start, offset + hit.end),
                };
                // As the gate weighs its findings in an item.
                let severity = if hit.confidence == crate::gate::Confidence::Uncertain
                    && hit.kind != Kind::Register
                {
                    Severity::NeedsDecision
                } else {
                    Severity::Error
                };
                Finding::at(
                    draft,
                    start,
                    end,
                    hit.kind,
                    hit.rule,
                    severity,
                    hit.message.clone(),
                )
                .with_help(crate::gate::help_for(hit.kind))
            })
            .collect::<Vec<_>>()
    };
    let mut found = match (as_item, content::frontmatter::split(&draft.text)) {
        (Some(item), _) => gate.scan_item(&item),
        (None, Ok(split)) => {
            let toml = &draft.text[split.toml_start..split.toml_end];
            let spans = content::frontmatter::SpanIndex::build(&draft.text, split.toml_start, toml);
            let mut found = Vec::new();
            for string in &spans.strings {
                let exact = (!string.exact).then(|| string.span.clone());
                found.extend(hits_to_findings(string.span.start, &string.value, exact));
            }
            found.extend(hits_to_findings(
                split.body_start,
                &draft.text[split.body_start..],
                None,
            ));
            found
        }
        (None, Err(_)) => hits_to_findings(0, &draft.text, None),
    };
    for finding in &mut found {
        if finding.kind == Kind::Register {
            finding.help = Some("part of a registered name with no safe replacement (or an entry without one): decide what to write and edit the draft".into());
        }
    }
    findings::sort_findings(&mut found);
    found
}

/// Moves a finding in the written draft to the place in the person's
/// draft it came from, with that line (masked where the register matched)
/// as its snippet. File-name findings and findings in what the draft did
/// not hold (the skeleton's lines) stay in the new file.
fn locate(
    mut finding: Finding,
    draft: &SourceText,
    before: &SourceText,
    origins: &[Option<LineOrigin>],
    edits: &[Edit],
) -> Finding {
    let on_path = finding.source_line.as_deref() == Some(draft.path.as_str())
        || finding.source_line.is_none();
    if on_path {
        return finding;
    }
    let line_start = draft.line_start(finding.line);
    let offset = line_start
        + draft
            .line_text(finding.line)
            .char_indices()
            .nth(finding.column - 1)
            .map(|(i, _)| i)
            .unwrap_or_else(|| draft.line_text(finding.line).len());
    let at = before_offset(offset, edits);
    let (line, column) = before.line_col(at);
    let Some(Some(origin)) = origins.get(line - 1) else {
        return finding;
    };
    finding.path = before.path.clone();
    finding.line = origin.line;
    finding.column = (column - 1).saturating_sub(origin.prefix) + origin.skipped + 1;
    finding.source_line = Some(masked_origin(before, line, origin, edits));
    finding
}

/// The person's line with every replaced register match on it masked, so
/// that a snippet never shows in clear what the register holds.
fn masked_origin(before: &SourceText, line: usize, origin: &LineOrigin, edits: &[Edit]) -> String {
    let start = before.line_start(line);
    let text = before.line_text(line);
    let mut chars: Vec<char> = text.chars().collect();
    for edit in edits {
        let from = edit.before.start.max(start);
        let to = edit.before.end.min(start + text.len());
        if from >= to {
            continue;
        }
        let first = text[..from - start].chars().count();
        let masked = findings::mask(&before.text[from..to], Kind::Register);
        for (i, c) in masked.chars().enumerate() {
            if let Some(slot) = chars.get_mut(first + i) {
                *slot = c;
            }
        }
    }
    let taken: String = chars.iter().skip(origin.prefix).take(origin.len).collect();
    let written: Vec<char> = origin.text.chars().collect();
    let head: String = written.iter().take(origin.skipped).collect();
    let tail: String = written.iter().skip(origin.skipped + origin.len).collect();
    format!("{head}{taken}{tail}")
}

/// One replacement: the bytes it replaced and what it wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Edit {
    before: Range<usize>,
    after: Range<usize>,
}

/// The offset in the text before replacement of an offset in the draft:
/// inside a replacement, its start.
fn before_offset(offset: usize, edits: &[Edit]) -> usize {
    let mut shift: isize = 0;
    for edit in edits {
        if offset < edit.after.start {
            break;
        }
        if offset < edit.after.end {
            return edit.before.start;
        }
        shift = edit.before.end as isize - edit.after.end as isize;
    }
    (offset as isize + shift).max(0) as usize
}

struct Replaced {
    text: String,
    edits: Vec<Edit>,
    count: usize,
}

/// Titles dropped before a replaced name: "Mrs Stacey Corrigan" is
/// "Mother", not "Mrs Mother".
const TITLES: [&str; 7] = ["Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Master"];

/// Words that may stand before a pseudonym repeated after a name
/// ("Stacey Corrigan, the mother,").
const DETERMINERS: [&str; 5] = ["the", "her", "his", "their", "its"];

/// Applies the register's replacements so that they read well:
///
/// - the case follows the place: a sentence starts with a capital, and a
///   name in capitals is replaced in capitals;
/// - a title before the name goes with it ("Mrs Stacey Corrigan" →
///   "Mother");
/// - a replacement is never said twice: a name set beside the words it
///   would become is removed with the commas or brackets around it ("Her
///   mother, Stacey Corrigan, said" → "Her mother said"; "her mother
///   Stacey Corrigan" → "her mother"), and so are those words after it
///   ("Stacey Corrigan (the mother) said" → "Mother said").
///
/// A lone part of a registered name is not replaced (it may be a common
/// word): the gate still finds it, for a person to decide.
fn replace(text: &str, register: &Register) -> Replaced {
    let mut out = String::with_capacity(text.len());
    let mut edits = Vec::new();
    let mut last = 0;
    let mut count = 0;
    for m in register.find(text) {
        if m.start < last {
            continue;
        }
        let Some(replacement) = register.entries[m.entry]
            .replacement
            .as_deref()
            .filter(|r| !m.partial && !r.trim().is_empty())
        else {
            continue;
        };
        let (mut start, mut end) = (m.start, m.end);
        let mut written = None;
        if let Some(s) = repeated_before(&text[last..start], replacement) {
            // "Her mother, NAME, said" → "Her mother said".
            start = last + s;
            end += closing_after(&text[end..], &text[start..m.start]);
            written = Some(String::new());
        } else if let Some(after) = repeated_after(&text[end..], replacement) {
            end += after;
        }
        if written.is_none() {
            if let Some(s) = title_before(&text[last..start]) {
                start = last + s;
            }
        }
        let written = written.unwrap_or_else(|| {
            match_case(
                &text[m.start..m.end],
                replacement,
                sentence_start(&text[..start]),
            )
        });
        out.push_str(&text[last..start]);
        let at = out.len();
        out.push_str(&written);
        edits.push(Edit {
            before: start..end,
            after: at..out.len(),
        });
        last = end;
        count += 1;
    }
    out.push_str(&text[last..]);
    Replaced {
        text: out,
        edits,
        count,
    }
}

/// Where the words before a name are the replacement, set apart by a
/// comma, a bracket or a space ("mother, ", "mother (", "mother "): the
/// byte offset in `before` just after those words.
fn repeated_before(before: &str, replacement: &str) -> Option<usize> {
    let trimmed = before.trim_end_matches([' ', '\t']);
    let words = match trimmed.strip_suffix([',', '(']) {
        Some(words) => words.trim_end_matches([' ', '\t']),
        None if trimmed.len() < before.len() => trimmed,
        None => return None,
    };
    ends_with_words(words, replacement)?;
    Some(words.len())
}

/// What closes an aside opened before a name: the comma or bracket after
/// it ("mother, NAME, said" loses both commas).
fn closing_after(after: &str, opened: &str) -> usize {
    let opened = opened.trim();
    let closes = (opened.starts_with(',') && after.starts_with(','))
        || (opened.starts_with('(') && after.starts_with(')'));
    usize::from(closes)
}

/// The replacement without a trailing letter or number: "Child A" is a
/// child, "Sibling 1" a sibling.
fn pseudonym_base(replacement: &str) -> &str {
    let trimmed = replacement.trim();
    match trimmed.rsplit_once(' ') {
        Some((base, last))
            if last.chars().all(|c| c.is_ascii_digit())
                || (last.chars().count() == 1 && last.chars().all(char::is_uppercase)) =>
        {
            base
        }
        _ => trimmed,
    }
}

/// Length of an aside after a name that says what the replacement says
/// (", the mother," or " (mother)"; "the child" for "Child A").
fn repeated_after(after: &str, replacement: &str) -> Option<usize> {
    let (open, close) = if after.starts_with(", ") {
        (2, ',')
    } else if after.starts_with(" (") {
        (2, ')')
    } else {
        return None;
    };
    let rest = &after[open..];
    let inner_end = rest.find(close)?;
    let words: Vec<&str> = rest[..inner_end].split_whitespace().collect();
    let said = match words.first() {
        Some(first)
            if words.len() > 1 && DETERMINERS.iter().any(|d| d.eq_ignore_ascii_case(first)) =>
        {
            words[1..].join(" ")
        }
        _ => words.join(" "),
    };
    let same = said.eq_ignore_ascii_case(replacement.trim())
        || said.eq_ignore_ascii_case(pseudonym_base(replacement));
    same.then_some(open + inner_end + 1)
}

/// Where `text` ends with the words of `words` (any case), at a word
/// boundary: the byte offset they start at.
fn ends_with_words(text: &str, words: &str) -> Option<usize> {
    let words = words.trim();
    let count = words.chars().count();
    let total = text.chars().count();
    if count == 0 || total < count {
        return None;
    }
    let start = text.char_indices().nth(total - count).map(|(i, _)| i)?;
    let tail = &text[start..];
    let boundary = text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    (boundary && tail.to_lowercase() == words.to_lowercase()).then_some(start)
}

/// Where a title ("Mrs ", "Dr. ") ends `before`, directly before a name:
/// the byte offset it starts at.
fn title_before(before: &str) -> Option<usize> {
    let trimmed = before.strip_suffix(' ')?;
    let trimmed = trimmed.strip_suffix('.').unwrap_or(trimmed);
    TITLES
        .iter()
        .find_map(|title| ends_with_words(trimmed, title).filter(|at| trimmed[*at..] == **title))
}

/// True when `before` ends a sentence (or is empty/only a heading marker).
fn sentence_start(before: &str) -> bool {
    let trimmed = before.trim_end_matches([' ', '\t', '*', '_', '"', '“', '(']);
    trimmed.is_empty() || trimmed.ends_with(['.', '!', '?', '\n', '#', ':', '|', '>'])
}

/// The replacement in the case of what it replaces: ALL CAPS stays caps,
/// and a lower-case replacement ("the family home") starts a sentence with a
/// capital.
fn match_case(original: &str, replacement: &str, at_sentence_start: bool) -> String {
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    if at_sentence_start {
        let mut chars = replacement.chars();
        if let Some(first) = chars.next() {
            return first.to_uppercase().chain(chars).collect();
        }
    }
    replacement.to_string()
}

/// A Word draft as a Markdown item: the skeleton's front matter with the
/// draft's title (and the review id, when given), then its paragraphs,
/// headings shifted so the highest is `##`, and a blank section for each
/// part of a report it lacks.
fn from_docx(request: &Request<'_>) -> Result<Prepared, String> {
    let paragraphs = docx::read(request.input)?;
    let written: Vec<&docx::Paragraph> = paragraphs
        .iter()
        .filter(|p| !p.text.trim().is_empty())
        .collect();
    let title = written
        .iter()
        .find(|p| p.block == docx::Block::Title)
        .copied()
        .or_else(|| first_heading_as_title(&written));
    let review_id = request.review_id.unwrap_or("…");
    let skeleton = crate::scaffold::skeleton(ItemKind::Report, review_id, request.today);
    let split = content::frontmatter::split(&skeleton).map_err(|e| format!("{e:?}"))?;
    let mut text = String::new();
    let mut origins: Vec<Option<LineOrigin>> = Vec::new();
    let mut push_line = |text: &mut String, line: &str, origin: Option<LineOrigin>| {
        text.push_str(line);
        text.push('\n');
        origins.push(origin);
    };
    for line in skeleton[..split.body_start].lines() {
        match title {
            Some(title) if line.starts_with("title = ") => {
                let value = toml::Value::String(title.text.trim().to_string()).to_string();
                let prefix = "title = \"".chars().count();
                let origin = origin_of(title, prefix, value.chars().count().saturating_sub(2));
                push_line(&mut text, &format!("title = {value}"), Some(origin));
            }
            _ => push_line(&mut text, line, None),
        }
    }
    let body_headings: Vec<u8> = written
        .iter()
        .filter(|p| Some(p.number) != title.map(|t| t.number))
        .filter_map(|p| match p.block {
            docx::Block::Heading(level) => Some(level),
            _ => None,
        })
        .collect();
    let top = body_headings.iter().min().copied().unwrap_or(1);
    let body_start = text.len();
    let mut previous_list = false;
    for paragraph in &written {
        if Some(paragraph.number) == title.map(|t| t.number) {
            continue;
        }
        let is_list = paragraph.block == docx::Block::ListItem;
        if !(is_list && previous_list) {
            push_line(&mut text, "", None);
        }
        previous_list = is_list;
        let heading = |level: u8| {
            format!(
                "{} ",
                "#".repeat((2 + level.saturating_sub(top)).min(6) as usize)
            )
        };
        let prefix = match paragraph.block {
            docx::Block::Heading(level) => heading(level),
            docx::Block::Title => heading(top),
            docx::Block::ListItem => "- ".to_string(),
            // A paragraph that starts as Markdown block syntax would turn
            // into a heading, a quote or HTML: escape its first character.
            docx::Block::Text if paragraph.text.trim_start().starts_with(['#', '>', '<']) => {
                "\\".to_string()
            }
            docx::Block::Text => String::new(),
        };
        let origin = origin_of(paragraph, prefix.chars().count(), 0);
        let line = format!("{prefix}{}", paragraph.text.trim());
        push_line(
            &mut text,
            &line,
            Some(LineOrigin {
                len: paragraph.text.trim().chars().count(),
                ..origin
            }),
        );
    }
    let sections = parts::sections(&text[body_start..]);
    let mut imported = Imported {
        paragraphs: paragraphs.len(),
        title: title.is_some(),
        ..Imported::default()
    };
    for part in Part::ALL {
        match sections.iter().find(|s| s.part == Some(part) && !s.empty) {
            Some(section) => imported.sections.push((part, section.title.clone())),
            None => {
                imported.added.push(part);
                push_line(&mut text, "", None);
                push_line(&mut text, &format!("## {}", part.heading()), None);
                push_line(&mut text, "", None);
                push_line(&mut text, "…", None);
            }
        }
    }
    Ok(Prepared {
        text,
        origins,
        imported: Some(imported),
    })
}

/// Where a paragraph's text sits on a line of the item (after `prefix`
/// characters): its number, and the leading spaces Word had before it.
fn origin_of(paragraph: &docx::Paragraph, prefix: usize, len: usize) -> LineOrigin {
    let skipped = paragraph
        .text
        .chars()
        .take_while(|c| c.is_whitespace())
        .count();
    LineOrigin {
        line: paragraph.number,
        prefix,
        skipped,
        len,
        text: paragraph.text.clone(),
    }
}

/// A report without Word's Title style often sets its title as its first
/// heading, the only one at its level: that is the title.
fn first_heading_as_title<'a>(written: &[&'a docx::Paragraph]) -> Option<&'a docx::Paragraph> {
    let first = written.first()?;
    let docx::Block::Heading(level) = first.block else {
        return None;
    };
    let others_at_or_above = written[1..]
        .iter()
        .any(|p| matches!(p.block, docx::Block::Heading(l) if l <= level));
    (!others_at_or_above).then_some(*first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::GateConfig;
    use crate::gate::RegisterEntry;

    fn gate() -> Gate {
        let entry = |text: &str, replacement: &str| RegisterEntry {
            review_id: None,
            text: text.into(),
            kind: "person-name".into(),
            replacement: Some(replacement.into()),
        };
        let register = Register::from_entries(
            vec![
                entry("Stacey Corrigan", "Mother"),
                entry("Kayden Robertson", "Child A"),
                entry("9 Heatherbank Gardens", "the family home"),
            ],
            &|_| false,
        );
        Gate::new(&GateConfig::default(), register)
    }

    fn replaced(text: &str) -> String {
        replace(text, gate().register()).text
    }

    fn request<'a>(input: &'a Path, out: &'a Path) -> Request<'a> {
        Request {
            input,
            out,
            today: Day::parse("2026-11-26").unwrap(),
            review_id: None,
        }
    }

    #[test]
    fn replaces_consistently_and_never_edits_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("draft.md");
        let original = "Stacey Corrigan’s flat. 9 Heatherbank Gardens was cold. STACEY CORRIGAN said so. Corrigan left.\n";
        std::fs::write(&input, original).unwrap();
        let out = dir.path().join("out/draft.md");
        let done = anonymise(&request(&input, &out), &gate()).unwrap();
        assert_eq!(std::fs::read_to_string(&input).unwrap(), original);
        let draft = std::fs::read_to_string(&out).unwrap();
        assert!(
            draft.starts_with("Mother’s flat. The family home was cold. MOTHER said so."),
            "{draft}"
        );
        assert_eq!(done.replaced, 3);
        assert!(
            done.remaining.iter().any(|f| f.kind == Kind::Register),
            "the lone surname is left for a person"
        );
        assert!(anonymise(&request(&input, &input), &gate()).is_err());
    }

    #[test]
    fn replacements_read_well_in_context() {
        for (text, expected) in [
            (
                "Her mother, Stacey Corrigan, said no.",
                "Her mother said no.",
            ),
            ("It was her mother, Stacey Corrigan.", "It was her mother."),
            ("her mother Stacey Corrigan said", "her mother said"),
            ("her mother (Stacey Corrigan) said", "her mother said"),
            ("Stacey Corrigan (the mother) said", "Mother said"),
            ("Stacey Corrigan, the mother, said", "Mother said"),
            ("We met Mrs Stacey Corrigan.", "We met Mother."),
            ("Dr. Stacey Corrigan wrote", "Mother wrote"),
            ("Kayden Robertson, the child, was seen", "Child A was seen"),
            (
                "the child, Kayden Robertson, was seen",
                "the child, Child A, was seen",
            ),
            (
                "Visits to 9 Heatherbank Gardens stopped.",
                "Visits to the family home stopped.",
            ),
        ] {
            assert_eq!(replaced(text), expected, "{text}");
        }
    }

    #[test]
    fn findings_point_at_the_line_the_person_wrote_and_the_published_day_is_not_a_date() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("draft.md");
        let original = "+++\ntitle = \"Learning\"\nreview_id = \"TS-2024-01\"\nkind = \"report\"\npublished = 2025-03-01\n[signoff]\n# cpc = { date = 2025-01-20, sha256 = \"…\" }\n[publication]\ndecision = \"publish\"\n+++\nHer mother, Stacey Corrigan, was seen by Mrs Galbraith on 14 March 2023.\n";
        std::fs::write(&input, original).unwrap();
        let out = dir.path().join("private/anonymised/draft.md");
        let done = anonymise(&request(&input, &out), &gate()).unwrap();
        let kinds: Vec<(Kind, usize, usize, &str)> = done
            .remaining
            .iter()
            .map(|f| (f.kind, f.line, f.column, f.path.as_str()))
            .collect();
        let input_path = input.display().to_string();
        assert_eq!(
            kinds,
            [
                (Kind::PersonName, 11, 42, input_path.as_str()),
                (Kind::Date, 11, 59, input_path.as_str()),
            ],
            "{:#?}",
            done.remaining
        );
        let snippet = done.remaining[0].source_line.as_deref().unwrap();
        assert!(
            !snippet.contains("Stacey") && snippet.contains("S***** C*******"),
            "{snippet}"
        );
    }

    #[test]
    fn a_word_draft_becomes_an_item_skeleton_with_its_text_and_headings() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("Review report.docx");
        std::fs::write(
            &input,
            docx::testing::docx(&[
                ("Title", "Learning from a review of services to an infant"),
                ("Heading1", "Background"),
                (
                    "",
                    "Kayden Robertson lived with Stacey Corrigan at 9 Heatherbank Gardens.",
                ),
                ("", ""),
                ("Heading2", "Health"),
                ("list", "The health visitor saw Child A on 3 May 2022."),
                ("Heading1", "How the review was conducted"),
                ("", "A Reviewer read the records."),
                ("Heading1", "Recommendations"),
                ("", "# Share information the same day."),
            ]),
        )
        .unwrap();
        let out = dir.path().join("private/anonymised/review-report.md");
        let done = anonymise(&request(&input, &out), &gate()).unwrap();
        let draft = std::fs::read_to_string(&out).unwrap();
        let item = content::parse_item("x.md", draft.clone().into_bytes(), ItemKind::Report, "")
            .unwrap_or_else(|f| panic!("{}: {draft}", f.message));
        assert_eq!(
            item.meta.title,
            "Learning from a review of services to an infant"
        );
        let body = item.body();
        assert!(body.contains("\n## Background\n\nChild A lived with Mother at the family home.\n\n### Health\n\n- The health visitor"), "{body}");
        assert!(
            body.contains("\n## Recommendations\n\n\\# Share information"),
            "{body}"
        );
        assert!(body.ends_with("\n## Terms of reference\n\n…\n"), "{body}");
        let imported = done.imported.unwrap();
        assert_eq!(imported.paragraphs, 10);
        assert!(imported.title);
        assert_eq!(
            imported.sections,
            [
                (Part::Conducted, "How the review was conducted".to_string()),
                (Part::Circumstances, "Background".to_string()),
                (Part::Strategies, "Recommendations".to_string()),
            ]
        );
        assert_eq!(
            imported.added,
            [
                Part::Learning,
                Part::EffectivePractice,
                Part::TermsOfReference
            ]
        );
        // The day date is reported at the paragraph the person wrote, and
        // nothing in the skeleton's front matter is (not `published`).
        let remaining: Vec<(Kind, usize, usize)> = done
            .remaining
            .iter()
            .map(|f| (f.kind, f.line, f.column))
            .collect();
        assert_eq!(remaining, [(Kind::Date, 6, 35)], "{:#?}", done.remaining);
        assert_eq!(done.remaining[0].path, input.display().to_string());
        assert_eq!(
            done.remaining[0].source_line.as_deref(),
            Some("The health visitor saw Child A on 3 May 2022.")
        );
    }
}
