//! `clearhouse signoff`: records that the CPC or the COG approved the item
//! exactly as it is now, by writing its signature (`content::signing`)
//! into the front matter.
//!
//! Nothing is signed that could not be published: the item goes through
//! the same admission `check` runs, and an error (personal data, schema, an
//! unfinished placeholder…) refuses any sign-off. A finding that still
//! needs a person's decision refuses the COG's sign-off (the COG decides
//! publication, so every finding must be decided first) but not the
//! CPC's; whatever is still open is listed either way.

use std::path::{Path, PathBuf};

use crate::admission::{holds, HoldReason};
use crate::build::{self, CheckError};
pub use crate::content::Signatory;
use crate::content::{self, Day, ItemKind};
use crate::findings::{sort_findings, Finding, Severity};
use crate::load::SiteOptions;

/// A sign-off that was written.
#[derive(Debug)]
pub struct Signed {
    /// The item's file, relative to the site root.
    pub path: String,
    pub review_id: String,
    /// The signature written.
    pub sha256: String,
    /// Findings on the item that did not stop this sign-off: warnings,
    /// decided findings and (for the CPC) findings awaiting a decision.
    pub open: Vec<Finding>,
    /// Why the item is still not published, if it is not.
    pub holds: Vec<HoldReason>,
}

/// Why a sign-off was not written.
#[derive(Debug, thiserror::Error)]
pub enum SignoffError {
    /// The command could not run (bad date, not an item, unreadable site).
    #[error("{0}")]
    Usage(String),
    /// The site could not be read, so the item could not be checked.
    #[error("the site cannot be read, so the item cannot be checked")]
    Unreadable(Vec<Finding>),
    /// The item has findings that refuse this sign-off.
    #[error("{}", refusal_message(.path, *.by, .findings))]
    Refused {
        path: String,
        by: Signatory,
        /// Every finding on the item, the refusing ones first.
        findings: Vec<Finding>,
    },
}

impl SignoffError {
    /// The findings to show with the error.
    pub fn findings(&self) -> &[Finding] {
        match self {
            SignoffError::Usage(_) => &[],
            SignoffError::Unreadable(findings) | SignoffError::Refused { findings, .. } => findings,
        }
    }
}

/// Whether `finding` stops `by` from signing the item off.
pub fn refuses(finding: &Finding, by: Signatory) -> bool {
    match finding.severity {
        Severity::Error => true,
        Severity::NeedsDecision => by == Signatory::Cog,
        Severity::Warning | Severity::Decided => false,
    }
}

fn refusal_message(path: &str, by: Signatory, findings: &[Finding]) -> String {
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let undecided = findings
        .iter()
        .filter(|f| f.severity == Severity::NeedsDecision)
        .count();
    let mut reasons = Vec::new();
    if errors > 0 {
        reasons.push(format!(
            "{errors} error(s) block its publication, and what cannot be published cannot be signed off"
        ));
    }
    if undecided > 0 && by == Signatory::Cog {
        reasons.push(format!(
            "{undecided} finding(s) still need a person's decision, and the COG signs off only when every finding is decided"
        ));
    }
    format!(
        "{path} was not signed off by the {}: {}",
        by.abbreviation(),
        reasons.join("; ")
    )
}

/// Checks `file` as `check` would and, unless a finding refuses it,
/// records `by`'s sign-off on `date`.
pub fn signoff(
    options: &SiteOptions,
    file: &Path,
    by: Signatory,
    date: Day,
) -> Result<Signed, SignoffError> {
    if date > options.today {
        return Err(SignoffError::Usage(format!(
            "the sign-off date {date} is in the future"
        )));
    }
    let (root, rel) = locate(&options.root, file)?;
    let options = SiteOptions {
        root: root.clone(),
        ..options.clone()
    };
    let admitted = match build::check(&options) {
        Ok(admitted) => admitted,
        Err(CheckError::Unreadable(findings)) => return Err(SignoffError::Unreadable(findings)),
        Err(CheckError::Admission(e)) => {
            return Err(SignoffError::Usage(format!(
                "the site could not be checked: {e}"
            )))
        }
    };
    // An item that could not be read at all is a finding of the site, on
    // its path.
    let mut findings: Vec<Finding> = match admitted.items.iter().find(|i| i.path == rel) {
        Some(verdict) => verdict.findings.clone(),
        None => admitted
            .findings
            .iter()
            .filter(|f| f.path == rel)
            .cloned()
            .collect(),
    };
    sort_findings(&mut findings);
    let read = admitted.items.iter().any(|i| i.path == rel);
    if !read && findings.is_empty() {
        return Err(SignoffError::Usage(format!(
            "{rel} was not read as an item of the site at {}",
            root.display()
        )));
    }
    if !read || findings.iter().any(|f| refuses(f, by)) {
        findings.sort_by_key(|f| !refuses(f, by));
        return Err(SignoffError::Refused {
            path: rel,
            by,
            findings,
        });
    }
    let sha256 = write_signoff(&root.join(&rel), by, date).map_err(SignoffError::Usage)?;
    let text = std::fs::read(root.join(&rel))
        .map_err(|e| SignoffError::Usage(format!("cannot read {rel} again: {e}")))?;
    let item = content::parse_item(&rel, text, kind_of(&rel), "").map_err(|f| {
        SignoffError::Usage(format!(
            "{rel}:{}: the signed file cannot be read again: {}",
            f.line, f.message
        ))
    })?;
    Ok(Signed {
        path: rel,
        review_id: item.meta.review_id.clone(),
        sha256,
        open: findings,
        holds: holds(&item, options.today),
    })
}

/// The site root and the item's path relative to it: the item must be an
/// item of the site at `root`, or of the site it sits in
/// (`<site>/content/reports/x.md`).
fn locate(root: &Path, file: &Path) -> Result<(PathBuf, String), SignoffError> {
    let absolute = std::fs::canonicalize(file)
        .map_err(|e| SignoffError::Usage(format!("cannot read {}: {e}", file.display())))?;
    let candidates = [
        std::fs::canonicalize(root).ok(),
        absolute
            .parent()
            .and_then(Path::parent)
            .and_then(Path::parent)
            .map(Path::to_path_buf),
    ];
    for candidate in candidates.into_iter().flatten() {
        let Ok(rel) = absolute.strip_prefix(&candidate) else {
            continue;
        };
        let rel = content::relative(Path::new(""), rel);
        if content::item_kind_of(&rel).is_some()
            && candidate.join(crate::config::CONFIG_FILE).is_file()
        {
            return Ok((candidate, rel));
        }
    }
    Err(SignoffError::Usage(format!(
        "{} is not an item of a site: items are content/reports/*.md and content/summaries/*.md in a folder holding config.toml (give the site with --root)",
        file.display()
    )))
}

fn kind_of(rel: &str) -> ItemKind {
    content::item_kind_of(rel).unwrap_or(ItemKind::Report)
}

/// Rewrites `file`'s front matter with the sign-off, keeping every other
/// byte; returns the signature written. It checks nothing but that the
/// file is an item: [`signoff`] checks the item first.
pub fn write_signoff(file: &Path, by: Signatory, date: Day) -> Result<String, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let display = file.display().to_string();
    let kind = if file.components().any(|c| c.as_os_str() == "summaries") {
        ItemKind::Summary
    } else {
        ItemKind::Report
    };
    let item = content::parse_item(&display, bytes, kind, "").map_err(|f| {
        format!(
            "{}:{}: {} — fix this before signing off",
            f.path, f.line, f.message
        )
    })?;
    let text = &item.source.text;
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let entry = format!(
        "{} = {{ date = {date}, sha256 = \"{}\" }}",
        by.key(),
        item.signature
    );
    let key = format!("signoff.{}", by.key());
    let updated = if item.spans.keys.iter().any(|(k, _)| *k == key) {
        let line = item.line_of(&key);
        let start = item.source.line_start(line);
        let old = item.source.line_text(line);
        if !old.trim_start().starts_with(by.key()) {
            return Err(format!("{display}:{line}: write the {} sign-off as an inline table in [signoff] ({entry}) so that it can be updated", by.key()));
        }
        format!("{}{entry}{}", &text[..start], &text[start + old.len()..])
    } else if let Some(table_line) = text[..item.split.toml_end]
        .lines()
        .position(|l| l.trim() == "[signoff]")
    {
        let start = item.source.line_start(table_line + 2);
        format!("{}{entry}{newline}{}", &text[..start], &text[start..])
    } else {
        let end = item.split.toml_end;
        format!(
            "{}{newline}[signoff]{newline}{entry}{newline}{}",
            &text[..end],
            &text[end..]
        )
    };
    let tmp = file.with_extension("md.signoff-tmp");
    std::fs::write(&tmp, &updated).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, file).map_err(|e| format!("cannot replace {}: {e}", file.display()))?;
    Ok(item.signature)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Kind;

    const ITEM: &str = "+++\ntitle = \"t\"\nreview_id = \"EX-1\"\nkind = \"report\"\npublished = 2025-01-01\n\n[publication]\ndecision = \"publish\"\n+++\nBody text.\n";

    fn day(text: &str) -> Day {
        Day::parse(text).unwrap()
    }

    #[test]
    fn signing_twice_records_both_and_updates_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("ex-1.md");
        std::fs::write(&file, ITEM).unwrap();
        let sha = write_signoff(&file, Signatory::Cpc, day("2025-02-01")).unwrap();
        write_signoff(&file, Signatory::Cog, day("2025-03-01")).unwrap();
        write_signoff(&file, Signatory::Cog, day("2025-03-02")).unwrap();
        let text = std::fs::read_to_string(&file).unwrap();
        let item =
            content::parse_item("x", text.clone().into_bytes(), ItemKind::Report, "").unwrap();
        let signed = item.meta.signoff.clone().unwrap();
        assert_eq!(signed.cpc.unwrap().sha256, sha);
        assert_eq!(signed.cog.unwrap().date.to_string(), "2025-03-02");
        assert_eq!(
            item.signature, sha,
            "signing does not change what is signed"
        );
        assert!(text.ends_with("+++\nBody text.\n"), "{text}");
    }

    #[test]
    fn errors_refuse_both_and_undecided_findings_refuse_the_cog() {
        let at = |severity| Finding::file("a.md", 1, Kind::PersonName, "r", severity, "m");
        for by in Signatory::BOTH {
            assert!(refuses(&at(Severity::Error), by));
            assert!(!refuses(&at(Severity::Warning), by));
            assert!(!refuses(&at(Severity::Decided), by));
        }
        assert!(!refuses(&at(Severity::NeedsDecision), Signatory::Cpc));
        assert!(refuses(&at(Severity::NeedsDecision), Signatory::Cog));
        let message = refusal_message(
            "content/reports/a.md",
            Signatory::Cog,
            &[at(Severity::NeedsDecision)],
        );
        assert!(message.contains("by the COG"), "{message}");
        assert!(message.contains("1 finding(s) still need"), "{message}");
    }

    #[test]
    fn future_dates_and_files_outside_a_site_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("ex-1.md");
        std::fs::write(&file, ITEM).unwrap();
        let options = SiteOptions {
            root: dir.path().to_path_buf(),
            register: None,
            today: day("2025-06-01"),
        };
        let future = signoff(&options, &file, Signatory::Cpc, day("2025-07-01")).unwrap_err();
        assert!(future.to_string().contains("in the future"), "{future}");
        let outside = signoff(&options, &file, Signatory::Cpc, day("2025-05-01")).unwrap_err();
        assert!(
            outside.to_string().contains("is not an item of a site"),
            "{outside}"
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), ITEM);
    }
}
