//! `clearhouse anonymise`: writes a draft with the register's replacements
//! applied, for a person to review. The original is never touched, and
//! whatever the gate still finds is listed for a person to resolve.

use std::path::{Path, PathBuf};

use crate::findings::{Finding, Severity};
use crate::gate::Gate;
use crate::source::SourceText;

/// What `anonymise` did.
pub struct Anonymised {
    pub out: PathBuf,
    pub replaced: usize,
    /// What the gate still finds in the draft (positions in the draft).
    pub remaining: Vec<Finding>,
}

/// Applies the register of `gate` to `input` and writes the draft to `out`.
pub fn anonymise(
    input: &Path,
    out: &Path,
    display: &str,
    gate: &Gate,
) -> Result<Anonymised, String> {
    if same_file(input, out) {
        return Err("the draft must be a new file: anonymise never edits the original".into());
    }
    let text = std::fs::read_to_string(input)
        .map_err(|e| format!("cannot read {}: {e}", input.display()))?;
    let register = gate.register();
    let mut draft = String::with_capacity(text.len());
    let mut last = 0;
    let mut replaced = 0;
    for m in register.find(&text) {
        let entry = &register.entries[m.entry];
        let Some(replacement) = entry.replacement.as_deref().filter(|_| !m.partial) else {
            continue;
        };
        draft.push_str(&text[last..m.start]);
        draft.push_str(&match_case(
            &text[m.start..m.end],
            replacement,
            sentence_start(&text[..m.start]),
        ));
        last = m.end;
        replaced += 1;
    }
    draft.push_str(&text[last..]);
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(out, &draft).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    let source = SourceText::new(display, draft);
    let remaining = gate
        .scan_text(&source.text)
        .into_iter()
        .map(|hit| {
            let mut f = Finding::at(&source, hit.start, hit.end, hit.kind, hit.rule, Severity::Error, hit.message.clone());
            f.help = Some(if hit.kind == crate::findings::Kind::Register {
                "part of a registered name with no safe replacement: decide what to write and edit the draft".to_string()
            } else {
                crate::gate::help_for(hit.kind).to_string()
            });
            f
        })
        .collect();
    Ok(Anonymised {
        out: out.to_path_buf(),
        replaced,
        remaining,
    })
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::GateConfig;
    use crate::gate::{Register, RegisterEntry};

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
                entry("9 Heatherbank Gardens", "the family home"),
            ],
            &|_| false,
        );
        Gate::new(&GateConfig::default(), register)
    }

    #[test]
    fn replaces_consistently_and_never_edits_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("draft.md");
        let original = "Stacey Corrigan’s flat. 9 Heatherbank Gardens was cold. STACEY CORRIGAN said so. Corrigan left.\n";
        std::fs::write(&input, original).unwrap();
        let out = dir.path().join("out/draft.md");
        let done = anonymise(&input, &out, "draft.md", &gate()).unwrap();
        assert_eq!(std::fs::read_to_string(&input).unwrap(), original);
        let draft = std::fs::read_to_string(&out).unwrap();
        assert!(
            draft.starts_with("Mother’s flat. The family home was cold. MOTHER said so."),
            "{draft}"
        );
        assert_eq!(done.replaced, 3);
        assert!(
            done.remaining
                .iter()
                .any(|f| f.kind == crate::findings::Kind::Register),
            "the lone surname is left for a person"
        );
        assert!(anonymise(&input, &input, "draft.md", &gate()).is_err());
    }
}
