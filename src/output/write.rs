//! Atomic replacement of the output folder.
//!
//! Files go to a fresh temporary folder beside the target; the swap is one
//! `renameat2(RENAME_EXCHANGE)` on Linux (one `rename` when there is no
//! previous site), so at every instant the target is either the whole old
//! site or the whole new one. Temporary folders left by killed builds are
//! removed by the next build.

use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::files::OutputFile;

use super::target::{self, Target, MARKER, STATE_DIR};

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("refusing to write the site to {path}: {why}")]
    UnsafeTarget { path: PathBuf, why: String },
    #[error("output path {0:?} would be written outside the output folder")]
    UnsafePath(String),
    #[error("two output files would be written to {0}")]
    Duplicate(String),
    #[error("while {doing} {path}: {source}")]
    Io {
        doing: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
}

fn io<'a>(doing: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> OutputError + 'a {
    move |source| OutputError::Io {
        doing,
        path: path.to_path_buf(),
        source,
    }
}

/// Checks where a site may be written (see `target`): the resolved
/// output folder, and the marker id its output will carry.
pub fn check_output_dir(
    root: &Path,
    out: &Path,
    protected: &[PathBuf],
) -> Result<Target, OutputError> {
    let root = std::fs::canonicalize(root).map_err(io("resolving the site root", root))?;
    let out_abs = if out.is_absolute() {
        out.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(io("reading the current folder", out))?
            .join(out)
    };
    let out_abs = normalise(&out_abs);
    let out_resolved = match (out_abs.parent(), out_abs.file_name()) {
        (Some(parent), Some(name)) if parent.exists() => std::fs::canonicalize(parent)
            .map_err(io("resolving", parent))?
            .join(name),
        _ => out_abs.clone(),
    };
    let unsafe_target = |why: String| OutputError::UnsafeTarget {
        path: out.to_path_buf(),
        why,
    };
    if out_resolved.parent().is_none() {
        return Err(unsafe_target("it is the file system root".into()));
    }
    if root.starts_with(&out_resolved) {
        return Err(unsafe_target(
            "it is the site root or contains it; the build replaces the whole folder".into(),
        ));
    }
    for protected in ["content", "private", "static", "themes", ".git", STATE_DIR] {
        if out_resolved.starts_with(root.join(protected)) {
            return Err(unsafe_target(format!(
                "it is inside {protected}/, a folder of the site's sources or state"
            )));
        }
    }
    let id = target::check_existing(&root, &out_resolved, protected).map_err(unsafe_target)?;
    Ok(Target {
        path: out_resolved,
        id,
        root,
    })
}

fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Writes `files` under `target`, replacing what was there atomically.
pub fn write_atomically(target: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    let mut staging = Staging::new(target)?;
    staging.write(files)?;
    staging.commit()
}

/// A new site being written to a temporary folder beside its target, in
/// one or more batches, then swapped in whole by [`Staging::commit`].
/// Dropped without a commit, it removes the folder: the target is never
/// touched. A build writes the pages that have passed their scan while
/// the search index is still being built, and the rest once it has.
pub struct Staging {
    target: PathBuf,
    /// The marker id the new site carries, when it is a site's output.
    marker: Option<String>,
    dir: tempfile::TempDir,
    seen: std::collections::HashSet<String>,
    written: AtomicUsize,
}

impl Staging {
    pub fn new(target: &Path) -> Result<Staging, OutputError> {
        let parent = target.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(io("creating", parent))?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let prefix = format!(".{name}.clearhouse-tmp-");
        remove_stale(parent, &prefix);
        let dir = tempfile::Builder::new()
            .prefix(&format!("{prefix}{}-", std::process::id()))
            .tempdir_in(parent)
            .map_err(io("creating a temporary folder in", parent))?;
        Ok(Staging {
            target: target.to_path_buf(),
            marker: None,
            dir,
            seen: std::collections::HashSet::new(),
            written: AtomicUsize::new(0),
        })
    }

    /// A site's new output folder: its marker file is written with the
    /// site, and the id recorded in the site's state before the swap, so
    /// that the next build knows the folder as its own.
    pub fn for_site(target: &Target) -> Result<Staging, OutputError> {
        let mut staging = Staging::new(&target.path)?;
        let marker = staging.dir.path().join(MARKER);
        std::fs::write(&marker, format!("{}\n", target.id)).map_err(io("writing", &marker))?;
        staging.seen.insert(MARKER.to_string());
        staging.marker = Some(target.id.clone());
        target::remember(&target.root, &target.id).map_err(io(
            "recording the output folder in",
            &target.root.join(STATE_DIR),
        ))?;
        Ok(staging)
    }

    /// Writes a batch; every path is checked before any file is written.
    pub fn write(&mut self, files: &[OutputFile]) -> Result<(), OutputError> {
        for file in files {
            if !is_safe_relative(&file.path) {
                return Err(OutputError::UnsafePath(file.path.clone()));
            }
            if !self.seen.insert(file.path.clone()) {
                return Err(OutputError::Duplicate(file.path.clone()));
            }
        }
        let staging_path = self.dir.path();
        let written = &self.written;
        files.par_iter().try_for_each(|file| {
            let path = staging_path.join(&file.path);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(io("creating", dir))?;
            }
            std::fs::write(&path, &file.bytes).map_err(io("writing", &path))?;
            let count = written.fetch_add(1, Ordering::SeqCst) + 1;
            failpoint(&format!("after-file-{count}"));
            Ok::<(), OutputError>(())
        })
    }

    /// Swaps the written site in for the target.
    pub fn commit(self) -> Result<(), OutputError> {
        let target = self.target;
        // From here the folder must survive the TempDir guard.
        let staging_path = self.dir.keep();
        failpoint("before-swap");
        if let Some(id) = &self.marker {
            // The folder was checked when the build started; it must still
            // be missing, empty or this site's output now.
            target::still_ours(&target, id).map_err(|why| OutputError::UnsafeTarget {
                path: target.clone(),
                why,
            })?;
        }
        if std::fs::symlink_metadata(&target).is_ok() {
            exchange(&staging_path, &target)?;
            failpoint("after-swap");
            // staging_path now holds the previous site.
            let _ = std::fs::remove_dir_all(&staging_path);
        } else {
            std::fs::rename(&staging_path, &target)
                .map_err(io("moving the new site into", &target))?;
        }
        Ok(())
    }
}

/// Test hook: when `CLEARHOUSE_KILL_AT` names this point, the process
/// kills itself with SIGKILL, exactly as if it had been killed from outside
/// there. The interrupted-build tests use it to prove that no point leaves
/// the previous site damaged. Unset in normal use; costs one lookup.
pub fn failpoint(point: &str) {
    static KILL_AT: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let wanted = KILL_AT.get_or_init(|| std::env::var("CLEARHOUSE_KILL_AT").ok());
    if wanted.as_deref() == Some(point) {
        #[cfg(unix)]
        // SAFETY: kill(2) on our own pid has no memory-safety preconditions.
        unsafe {
            libc::kill(libc::getpid(), libc::SIGKILL);
        }
        std::process::abort();
    }
}

fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && !path.contains('\0')
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Removes temporary folders of builds whose process is gone.
fn remove_stale(parent: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(prefix) else {
            continue;
        };
        let pid: Option<u32> = rest.split('-').next().and_then(|p| p.parse().ok());
        let alive = pid.is_some_and(|pid| {
            pid != std::process::id() && Path::new(&format!("/proc/{pid}")).exists()
        });
        if !alive {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> Result<(), OutputError> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes())
        .map_err(|_| OutputError::UnsafePath(a.display().to_string()))?;
    let cb = CString::new(b.as_os_str().as_bytes())
        .map_err(|_| OutputError::UnsafePath(b.display().to_string()))?;
    // SAFETY: both are valid NUL-terminated paths; AT_FDCWD resolves them
    // relative to the current directory like rename(2).
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        return Ok(());
    }
    let err = std::io::Error::last_os_error();
    if err.raw_os_error() == Some(libc::EINVAL) || err.raw_os_error() == Some(libc::ENOSYS) {
        return exchange_by_renames(a, b);
    }
    Err(OutputError::Io {
        doing: "swapping the new site into",
        path: b.to_path_buf(),
        source: err,
    })
}

#[cfg(not(target_os = "linux"))]
fn exchange(a: &Path, b: &Path) -> Result<(), OutputError> {
    exchange_by_renames(a, b)
}

/// Fallback for file systems without an atomic exchange: two renames, with
/// a short window in which the target is missing (never half-written).
fn exchange_by_renames(new: &Path, target: &Path) -> Result<(), OutputError> {
    let old = new.with_extension("old");
    std::fs::rename(target, &old).map_err(io("moving the previous site aside from", target))?;
    std::fs::rename(new, target).map_err(io("moving the new site into", target))?;
    std::fs::rename(&old, new).map_err(io("moving the previous site to", new))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_previous_site_whole() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        write_atomically(
            &target,
            &[
                OutputFile::new("a/index.html", "one"),
                OutputFile::new("old.txt", "x"),
            ],
        )
        .unwrap();
        write_atomically(&target, &[OutputFile::new("a/index.html", "two")]).unwrap();
        assert_eq!(
            std::fs::read_to_string(target.join("a/index.html")).unwrap(),
            "two"
        );
        assert!(!target.join("old.txt").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(leftovers.len(), 1, "only public/ remains");
    }

    #[test]
    fn unsafe_paths_and_targets_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        assert!(matches!(
            write_atomically(&target, &[OutputFile::new("../x", "")]),
            Err(OutputError::UnsafePath(_))
        ));
        assert!(!target.exists());
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        assert!(check_output_dir(dir.path(), dir.path(), &[]).is_err());
        assert!(check_output_dir(dir.path(), &dir.path().join("content/out"), &[]).is_err());
        assert!(check_output_dir(dir.path(), Path::new("/"), &[]).is_err());
        assert!(check_output_dir(dir.path(), &dir.path().join("public"), &[]).is_ok());
    }

    #[test]
    fn stale_temporary_folders_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".public.clearhouse-tmp-999999999-abc");
        std::fs::create_dir_all(&stale).unwrap();
        write_atomically(
            &dir.path().join("public"),
            &[OutputFile::new("i.html", "x")],
        )
        .unwrap();
        assert!(!stale.exists());
    }
}
