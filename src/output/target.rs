//! Which folder a build may replace: only one it made.
//!
//! Every output folder a build creates gets a random id, recorded in the
//! site's state (`.clearhouse/outputs`, one id a line) and written into the
//! folder itself as `.clearhouse-output` (deployed with the site, so it
//! holds the id and nothing else: no path, no name, no time). A build
//! writes to a folder that is missing, empty, or carries an id this site
//! recorded; anything else — a folder of someone's files, a file, a git
//! repository, a folder holding the register, another site's output, or
//! an output from before clearhouse marked its folders — is refused with
//! what is there and what to do, and nothing is touched.

use std::path::{Path, PathBuf};

/// The marker file at the root of every output folder.
pub use crate::files::OUTPUT_MARKER as MARKER;
/// The site's state folder (also the search index's cache).
pub const STATE_DIR: &str = ".clearhouse";
const OUTPUTS: &str = "outputs";

/// A checked output folder.
#[derive(Debug, Clone)]
pub struct Target {
    /// The folder, resolved (its parent canonical).
    pub path: PathBuf,
    /// The id its marker will carry: the one it has, or a new one.
    pub id: String,
    /// The site root, canonical.
    pub root: PathBuf,
}

/// The ids of the output folders this site's builds made.
fn recorded(root: &Path) -> Vec<String> {
    crate::files::read_regular(&root.join(STATE_DIR).join(OUTPUTS), 1024 * 1024)
        .ok()
        .map(|bytes| {
            String::from_utf8_lossy(&bytes)
                .lines()
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// Records `id` as an output folder of the site at `root`.
pub fn remember(root: &Path, id: &str) -> std::io::Result<()> {
    if recorded(root).iter().any(|known| known == id) {
        return Ok(());
    }
    let state = root.join(STATE_DIR);
    std::fs::create_dir_all(&state)?;
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(state.join(OUTPUTS))?;
    writeln!(file, "{id}")?;
    file.sync_all()
}

/// The id in a folder's marker, if it has one.
fn marker_id(folder: &Path) -> Option<String> {
    let bytes = crate::files::read_regular(&folder.join(MARKER), 256).ok()?;
    let id = String::from_utf8(bytes).ok()?.trim().to_string();
    (id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())).then_some(id)
}

/// A new random id (128 bits, hex).
fn new_id() -> String {
    use std::io::Read;
    let mut bytes = [0u8; 16];
    let random = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes));
    if random.is_err() {
        use sha2::{Digest, Sha256};
        let seed = format!(
            "{:?} {} {:p}",
            std::time::SystemTime::now(),
            std::process::id(),
            &bytes
        );
        bytes.copy_from_slice(&Sha256::digest(seed.as_bytes())[..16]);
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether the build may write to `out` (resolved, not the site or inside
/// its sources: the caller checked), and with which marker id; otherwise
/// why not, with what is there and what to do. `protected` are other paths
/// that must not be inside it (the register).
pub fn check_existing(root: &Path, out: &Path, protected: &[PathBuf]) -> Result<String, String> {
    let meta = match std::fs::symlink_metadata(out) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(new_id()),
        Err(e) => return Err(format!("it cannot be read ({e})")),
    };
    if meta.file_type().is_symlink() {
        return Err("it is a symbolic link; give the folder itself".into());
    }
    if !meta.is_dir() {
        return Err(format!(
            "it is {}, not a folder; choose a new folder name with --output",
            crate::files::describe(meta.file_type())
        ));
    }
    for path in protected {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        if path.starts_with(out) {
            return Err("it holds the register; choose a new folder with --output".into());
        }
    }
    if out.join(".git").exists() {
        return Err("it is a git repository; choose a new folder with --output".into());
    }
    let marker = marker_id(out);
    if let Some(id) = &marker {
        if recorded(root).contains(id) {
            return Ok(id.clone());
        }
    }
    let mut entries: Vec<String> = std::fs::read_dir(out)
        .map_err(|e| format!("it cannot be read ({e})"))?
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                format!("{name}/")
            } else {
                name
            }
        })
        .collect();
    if entries.is_empty() {
        return Ok(new_id());
    }
    entries.sort();
    let shown: Vec<String> = entries
        .iter()
        .take(5)
        .map(|e| {
            e.chars()
                .map(|c| {
                    if c.is_control() {
                        c.escape_default().to_string()
                    } else {
                        c.to_string()
                    }
                })
                .collect()
        })
        .collect();
    let more = if entries.len() > shown.len() {
        format!(" and {} more", entries.len() - shown.len())
    } else {
        String::new()
    };
    let what = format!("it already holds {}{more}", shown.join(", "));
    let earlier_build = entries.iter().any(|e| e == "learning-bundle.json")
        && entries.iter().any(|e| e == "pagefind/");
    let advice = if marker.is_some() {
        format!("it is the output of another clearhouse site, or of this one before its .clearhouse/ folder was removed: if it is this site's, delete it (rm -r \"{}\") and build again; otherwise choose an empty or new folder with --output", out.display())
    } else if earlier_build {
        format!("it looks like a site built by a version of clearhouse that did not yet mark its output folders: delete it once (rm -r \"{}\") and build again, and from then on each build replaces it; or choose an empty or new folder with --output", out.display())
    } else {
        "clearhouse replaces only folders it made: choose an empty or new folder with --output, or remove this one yourself".to_string()
    };
    Err(format!("{what}\n  {advice}"))
}

/// The check again at the swap: the folder is still missing, empty, or
/// marked with `id`.
pub fn still_ours(out: &Path, id: &str) -> Result<(), String> {
    let Ok(meta) = std::fs::symlink_metadata(out) else {
        return Ok(());
    };
    if !meta.is_dir() {
        return Err("it changed into something other than a folder during the build".into());
    }
    if marker_id(out).as_deref() == Some(id) {
        return Ok(());
    }
    let empty = std::fs::read_dir(out).is_ok_and(|mut entries| entries.next().is_none());
    if empty {
        Ok(())
    } else {
        Err("files that clearhouse did not write appeared in it during the build".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_missing_empty_or_marked_folders_are_written() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        let out = root.join("public");
        let id = check_existing(root, &out, &[]).unwrap();
        assert_eq!(id.len(), 32);
        std::fs::create_dir(&out).unwrap();
        assert!(check_existing(root, &out, &[]).is_ok(), "empty");
        std::fs::write(out.join("thesis.txt"), "x").unwrap();
        let why = check_existing(root, &out, &[]).unwrap_err();
        assert!(
            why.contains("thesis.txt") && why.contains("choose an empty or new folder"),
            "{why}"
        );
        std::fs::write(out.join(MARKER), format!("{id}\n")).unwrap();
        let why = check_existing(root, &out, &[]).unwrap_err();
        assert!(why.contains("another clearhouse site"), "{why}");
        remember(root, &id).unwrap();
        remember(root, &id).unwrap();
        assert_eq!(recorded(root), std::slice::from_ref(&id));
        assert_eq!(check_existing(root, &out, &[]).unwrap(), id);
        assert!(still_ours(&out, &id).is_ok());
        let register = out.join("register.toml");
        std::fs::write(&register, "").unwrap();
        assert!(check_existing(root, &out, &[register])
            .unwrap_err()
            .contains("register"));
        let file = root.join("config.toml");
        std::fs::write(&file, "").unwrap();
        assert!(check_existing(root, &file, &[])
            .unwrap_err()
            .contains("not a folder"));
    }
}
