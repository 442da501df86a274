//! `clearhouse signoff`: records that the CPC or the COG approved the item
//! exactly as it is now, by writing its signature (`content::signing`)
//! into the front matter.

use std::path::Path;

pub use crate::content::Signatory;
use crate::content::{self, Day, ItemKind};

/// Rewrites `file`'s front matter with the sign-off; returns the sha256.
pub fn signoff(file: &Path, by: Signatory, date: Day, today: Day) -> Result<String, String> {
    if date > today {
        return Err(format!("the sign-off date {date} is in the future"));
    }
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let display = file.display().to_string();
    let item = content::parse_item(&display, bytes, guess_kind(file), "")
        .or_else(|_| {
            let bytes = std::fs::read(file).unwrap_or_default();
            content::parse_item(&display, bytes, other(guess_kind(file)), "")
        })
        .map_err(|f| {
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

fn guess_kind(file: &Path) -> ItemKind {
    if file.components().any(|c| c.as_os_str() == "summaries") {
        ItemKind::Summary
    } else {
        ItemKind::Report
    }
}

fn other(kind: ItemKind) -> ItemKind {
    match kind {
        ItemKind::Report => ItemKind::Summary,
        ItemKind::Summary => ItemKind::Report,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ITEM: &str = "+++\ntitle = \"t\"\nreview_id = \"EX-1\"\nkind = \"report\"\npublished = 2025-01-01\n\n[publication]\ndecision = \"publish\"\n+++\nBody text.\n";

    #[test]
    fn signing_twice_records_both_and_updates_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("ex-1.md");
        std::fs::write(&file, ITEM).unwrap();
        let today = Day::parse("2025-06-01").unwrap();
        let sha = signoff(
            &file,
            Signatory::Cpc,
            Day::parse("2025-02-01").unwrap(),
            today,
        )
        .unwrap();
        signoff(
            &file,
            Signatory::Cog,
            Day::parse("2025-03-01").unwrap(),
            today,
        )
        .unwrap();
        signoff(
            &file,
            Signatory::Cog,
            Day::parse("2025-03-02").unwrap(),
            today,
        )
        .unwrap();
        let text = std::fs::read_to_string(&file).unwrap();
        let item =
            content::parse_item("x", text.clone().into_bytes(), ItemKind::Report, "").unwrap();
        let signed = item.meta.signoff.unwrap();
        assert_eq!(signed.cpc.unwrap().sha256, sha);
        assert_eq!(signed.cog.unwrap().date.to_string(), "2025-03-02");
        assert!(text.ends_with("+++\nBody text.\n"), "{text}");
    }

    #[test]
    fn future_dates_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("ex-1.md");
        std::fs::write(&file, ITEM).unwrap();
        let today = Day::parse("2025-06-01").unwrap();
        assert!(signoff(
            &file,
            Signatory::Cpc,
            Day::parse("2025-07-01").unwrap(),
            today
        )
        .is_err());
    }
}
