//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The day every test runs "as of", so that embargoes and review dates do
/// not drift with the calendar.
pub const TODAY: &str = "2026-11-26";

/// The sample corpus the tests own (copied from the project's samples).
pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/samples")
}

/// Copies a folder to a fresh temporary directory (samples are read-only).
pub fn copy_site(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(from, dir.path());
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("readable sample");
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
            let mut perms = std::fs::metadata(&target).unwrap().permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            perms.set_readonly(false);
            std::fs::set_permissions(&target, perms).unwrap();
        }
    }
}

/// Runs `clearhouse --root ROOT ARGS…` with a fixed "today" and no
/// register environment leaking in from the caller.
pub fn clearhouse(root: &Path, args: &[&str]) -> Output {
    clearhouse_with(root, args, &[])
}

/// `clearhouse`, with more environment variables set.
pub fn clearhouse_with(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clearhouse"))
        .arg("--root")
        .arg(root)
        .args(args)
        .env("CLEARHOUSE_TODAY", TODAY)
        .env_remove("CLEARHOUSE_REGISTER")
        .env_remove("CLEARHOUSE_REGISTER_TOML")
        .env_remove("CLEARHOUSE_DECISIONS_KEY")
        .env_remove("CLEARHOUSE_PAGEFIND_SHARD_ITEMS")
        // A CI log is treated as public (the held summary names no item);
        // tests say so when they want it.
        .env_remove("CI")
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .output()
        .expect("the clearhouse binary runs")
}

/// `check --format json`, parsed.
pub fn check_json(root: &Path) -> (i32, serde_json::Value) {
    let out = clearhouse(root, &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "check printed no JSON ({e}); stdout: {} stderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), json)
}

/// Every file under `dir` with its bytes.
pub fn output_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Output bytes as text, gunzipped where compressed (Pagefind's files).
pub fn readable(bytes: &[u8]) -> String {
    use std::io::Read;
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        if flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .is_ok()
        {
            return String::from_utf8_lossy(&out).into_owned();
        }
    }
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every internal `href`/`src` in the HTML files under `out` that does not
/// resolve to a file (a folder link needs its index.html). `base` is the
/// site's base path ("/" or "/sub/").
pub fn broken_links(out: &Path, base: &str) -> Vec<String> {
    let mut broken = Vec::new();
    for (path, bytes) in output_files(out) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        for attr in ["href=\"", "src=\""] {
            for piece in html.split(attr).skip(1) {
                let link = piece.split('"').next().unwrap_or("");
                let Some(rest) = link.strip_prefix(base) else {
                    continue;
                };
                let target = rest.split(['#', '?']).next().unwrap_or("");
                let file = out.join(target);
                let ok = if target.is_empty() || target.ends_with('/') {
                    file.join("index.html").is_file()
                } else {
                    file.is_file() || file.join("index.html").is_file()
                };
                if !ok {
                    broken.push(format!("{path} → {link}"));
                }
            }
        }
    }
    broken
}

/// The review ids a `build` or `check` listed in its held summary (human
/// output, on stderr).
pub fn held_ids(stderr: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut in_summary = false;
    for line in stderr.lines() {
        if line.starts_with("held: ") {
            in_summary = true;
            continue;
        }
        if in_summary {
            match line.strip_prefix("  ") {
                Some(rest) if !rest.starts_with(' ') => {
                    ids.push(rest.split_whitespace().next().unwrap_or("").to_string())
                }
                Some(_) => {}
                None => in_summary = false,
            }
        }
    }
    ids
}

/// Signs an edited item again with both sign-offs' dates kept, as its CPC
/// and COG would after approving the edit (sign-offs cover the whole item).
pub fn sign_again(path: &Path) {
    let text = std::fs::read_to_string(path).expect("the item");
    let split = clearhouse::content::frontmatter::split(&text).expect("front matter");
    let signature = clearhouse::content::signing::signature(&text, &split);
    let text = regex::Regex::new("sha256 = \"[0-9a-f]{64}\"")
        .unwrap()
        .replace_all(&text, format!("sha256 = \"{signature}\"").as_str())
        .into_owned();
    std::fs::write(path, text).expect("write the item");
}

/// Findings of `check --format json` that block publication: errors, and
/// uncertain findings no person has decided yet (`needs-decision`), which
/// block the same way.
pub fn blocking_findings(json: &serde_json::Value) -> Vec<&serde_json::Value> {
    json["findings"]
        .as_array()
        .expect("findings array")
        .iter()
        .filter(|f| f["severity"] == "error" || f["severity"] == "needs-decision")
        .collect()
}
