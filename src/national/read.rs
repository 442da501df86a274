//! Reading a national source's files (a bundle, a statistics file): a
//! path under the site root or an `https://` address, never more than
//! `[limits] bundle_bytes`; and area names compared as people read them.
//! Below `bundle`, `statistics` and `ingest`, which all read sources.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::bundle::refuse;
use crate::config::Limits;
use crate::findings::Finding;
use crate::text::slugify;

/// How long fetching one `https://` bundle may take.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(60);

/// An area's name as people read it: case, spacing, punctuation and
/// accents aside ("North CPC", "north-cpc" and "North  C.P.C." are one).
pub fn area_key(area: &str) -> String {
    area.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Whether two area names are the same area to a reader, or would share
/// a folder of the national site.
pub fn areas_match(a: &str, b: &str) -> bool {
    area_key(a) == area_key(b) || slugify(a) == slugify(b)
}

/// The bytes of a bundle: a path relative to the site root, or an
/// `https://` URL; never more than `[limits] bundle_bytes`.
pub fn read_source(root: &Path, bundle: &str, limits: &Limits) -> Result<Vec<u8>, Box<Finding>> {
    if bundle.starts_with("https://") {
        return fetch_https(bundle, limits.bundle_bytes).map_err(|message| {
            Box::new(refuse(
                bundle,
                1,
                "bundle-fetch",
                message,
                "check the address in a browser; to build offline, download the bundle and give its path instead",
            ))
        });
    }
    if bundle.starts_with("http://") {
        return Err(Box::new(refuse(
            bundle,
            1,
            "bundle-fetch",
            "plain http:// bundles are not fetched: anyone on the way could alter them".into(),
            "use the https:// address of the bundle",
        )));
    }
    read_local(root, bundle, limits, What::Bundle)
}

/// Which file of a source is read, for the words of its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    Bundle,
    Statistics,
}

/// A file named in `[[sources]]` by a path relative to the site root, no
/// larger than `[limits] bundle_bytes` — its size is checked before it is
/// read — and only if it is a regular file (a FIFO would hang the build).
pub fn read_local(
    root: &Path,
    rel: &str,
    limits: &Limits,
    what: What,
) -> Result<Vec<u8>, Box<Finding>> {
    let path = root.join(rel);
    let unreadable = |message: String| {
        let (rule, help) = match what {
            What::Bundle => ("bundle-unreadable", "build the area's site first (its bundle is public/learning-bundle.json), or correct the path in [[sources]] (it is relative to this site's root)"),
            What::Statistics => ("statistics-unreadable", "put the statistics file the area sent (written by its build, by default private/statistics-only.json) where [[sources]] statistics says, or correct the path (it is relative to this site's root)"),
        };
        Box::new(refuse(rel, 1, rule, message, help))
    };
    let metadata = std::fs::metadata(&path)
        .map_err(|e| unreadable(format!("cannot read {}: {e}", path.display())))?;
    if !metadata.is_file() {
        return Err(unreadable(format!(
            "{} is not a regular file",
            path.display()
        )));
    }
    if metadata.len() > limits.bundle_bytes {
        return Err(too_large(rel, metadata.len(), limits.bundle_bytes));
    }
    let file = std::fs::File::open(&path)
        .map_err(|e| unreadable(format!("cannot read {}: {e}", path.display())))?;
    // The file may grow between the two looks: the read is capped too.
    read_capped(file, limits.bundle_bytes)
        .map_err(|_| too_large(rel, limits.bundle_bytes + 1, limits.bundle_bytes))
}

/// The finding for a file above the bundle limit, naming the limit and the
/// key that raises it.
fn too_large(rel: &str, size: u64, limit: u64) -> Box<Finding> {
    Box::new(refuse(
        rel,
        1,
        "bundle-too-large",
        format!(
            "it is {}, above the limit of {} for a national source",
            megabytes(size),
            megabytes(limit)
        ),
        "a real area's bundle is a few megabytes; if this one is genuine, raise [limits] bundle_bytes (in bytes) in this site's config.toml",
    ))
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// Reads at most `limit` bytes; `Err` when there were more.
fn read_capped(reader: impl Read, limit: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read the bundle: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(format!("the bundle is larger than {}", megabytes(limit)));
    }
    Ok(bytes)
}

/// Fetches with the system's `curl`, https only (redirects included), with
/// a time and size limit. An HTTP client crate with TLS would add a large
/// native dependency to every build, when most national builds read bundles
/// their CI has already downloaded.
fn fetch_https(url: &str, limit: u64) -> Result<Vec<u8>, String> {
    let mut child = Command::new("curl")
        .args([
            "--silent",
            "--show-error",
            "--fail",
            "--location",
            "--max-redirs",
            "5",
            "--proto",
            "=https",
            "--proto-redir",
            "=https",
            "--max-time",
            &FETCH_TIMEOUT.as_secs().to_string(),
            "--max-filesize",
            &limit.to_string(),
            "--",
            url,
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            format!(
                "cannot run curl to fetch the bundle ({e}); https:// sources need curl installed"
            )
        })?;
    let stdout = child.stdout.take().expect("stdout is piped");
    let read = read_capped(stdout, limit);
    if read.is_err() {
        // Over the cap: stop the download rather than wait for it.
        let _ = child.kill();
    }
    let output = child
        .wait_with_output()
        .map_err(|e| format!("curl did not finish: {e}"))?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr).trim().to_string();
        return Err(format!("fetching the bundle failed: {said}"));
    }
    read
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_files_and_plain_http_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let limits = Limits::default();
        let missing =
            read_source(dir.path(), "../north/public/learning-bundle.json", &limits).unwrap_err();
        assert_eq!(missing.path, "../north/public/learning-bundle.json");
        assert!(missing
            .help
            .unwrap()
            .contains("build the area's site first"));
        let http = read_source(
            dir.path(),
            "http://north.example.org/learning-bundle.json",
            &limits,
        )
        .unwrap_err();
        assert!(http.message.contains("http://"));
    }

    #[test]
    fn reading_stops_past_the_cap() {
        let limit = 2 * 1024 * 1024;
        let too_big = std::io::repeat(b' ').take(limit + 1);
        let message = read_capped(too_big, limit).unwrap_err();
        assert!(message.contains("larger than 2.1 MB"), "{message}");
        let exactly = std::io::repeat(b' ').take(limit);
        assert_eq!(read_capped(exactly, limit).unwrap().len() as u64, limit);
    }

    #[test]
    fn area_names_are_compared_as_people_read_them() {
        assert!(areas_match("North CPC", "North-CPC"));
        assert!(areas_match("North CPC", "north  c.p.c."));
        assert!(areas_match(
            "Comhairle nan Eilean Siar CPC",
            "Comhairle nan Eilean Siar C.P.C"
        ));
        assert!(areas_match("Dùn Èideann", "Dun Eideann"));
        assert!(!areas_match("North CPC", "South CPC"));
        assert!(!areas_match("North CPC", "North East CPC"));
    }

    #[test]
    fn a_bundle_over_the_limit_is_refused_before_it_is_read_naming_the_key() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("big.json"), vec![b' '; 2048]).unwrap();
        let limits = Limits {
            bundle_bytes: 1024,
            ..Limits::default()
        };
        let refused = read_source(dir.path(), "big.json", &limits).unwrap_err();
        assert_eq!(refused.rule, "bundle-too-large");
        assert!(
            refused.message.contains("above the limit of 0.0 MB"),
            "{}",
            refused.message
        );
        assert!(refused
            .help
            .as_deref()
            .unwrap()
            .contains("[limits] bundle_bytes"));
        assert!(read_source(dir.path(), "big.json", &Limits::default()).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_named_as_a_bundle_is_refused_without_hanging() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("b.json");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return;
        }
        let refused = read_source(dir.path(), "b.json", &Limits::default()).unwrap_err();
        assert!(
            refused.message.contains("not a regular file"),
            "{}",
            refused.message
        );
    }
}
