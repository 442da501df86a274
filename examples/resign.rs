//! Re-signs items whose sign-offs were given under the body-only scheme,
//! with clearhouse's own signing function (`content::signing`): every
//! `sha256` in `[signoff]` that equals the old digest of the item's body is
//! replaced by the whole-item digest; dates are kept. Sign-offs that match
//! neither scheme are left as they are, so a fixture that is meant to be
//! edited after sign-off stays so.
//!
//!     cargo run --example resign -- PATH...     (files, or folders searched for *.md)
//!
//! Prints each file it changed. docs/signing.md says when to use it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clearhouse::content::frontmatter::split;
use clearhouse::content::signing::{body_sha256, signature};

fn main() -> ExitCode {
    let roots: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if roots.is_empty() {
        eprintln!("usage: cargo run --example resign -- PATH...");
        return ExitCode::from(2);
    }
    let mut changed = 0;
    for root in &roots {
        for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(2);
                }
            };
            let path = entry.path();
            if entry.file_type().is_file() && path.extension().is_some_and(|e| e == "md") {
                match resign(path) {
                    Ok(true) => {
                        println!("re-signed {}", path.display());
                        changed += 1;
                    }
                    Ok(false) => {}
                    Err(e) => {
                        eprintln!("error: {}: {e}", path.display());
                        return ExitCode::from(2);
                    }
                }
            }
        }
    }
    println!("{changed} file(s) re-signed");
    ExitCode::SUCCESS
}

/// Whether the file had sign-offs under the old scheme, now replaced.
fn resign(path: &Path) -> std::io::Result<bool> {
    let Ok(text) = std::fs::read_to_string(path) else {
        // Not UTF-8 (a fixture that is meant to be unreadable): not an item to sign.
        return Ok(false);
    };
    let Ok(parts) = split(&text) else {
        return Ok(false);
    };
    let Ok(front) = toml::from_str::<toml::Table>(&text[parts.toml_start..parts.toml_end]) else {
        return Ok(false);
    };
    let old = body_sha256(&text[parts.body_start..]);
    let given: Vec<String> = front
        .get("signoff")
        .and_then(toml::Value::as_table)
        .into_iter()
        .flat_map(|signoff| signoff.values())
        .filter_map(|entry| entry.get("sha256").and_then(toml::Value::as_str))
        .map(str::to_lowercase)
        .collect();
    if !given.contains(&old) {
        return Ok(false);
    }
    let new = signature(&text, &parts);
    // Only the front matter holds sign-offs (and the file may spell the old
    // digest in capitals); the body is signed as it is.
    let front = text[..parts.toml_end]
        .replace(&old, &new)
        .replace(&old.to_uppercase(), &new);
    std::fs::write(path, format!("{front}{}", &text[parts.toml_end..]))?;
    Ok(true)
}
