//! Interrupted builds: a build killed with SIGKILL at any point leaves the
//! previous site byte for byte as it was, and the next build succeeds and
//! cleans up what the killed one left behind.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use sha2::{Digest, Sha256};

use crate::common::*;

fn snapshot(dir: &Path) -> BTreeMap<String, String> {
    output_files(dir)
        .into_iter()
        .map(|(path, bytes)| (path, format!("{:x}", Sha256::digest(&bytes))))
        .collect()
}

fn build_killed_at(root: &Path, point: &str) -> std::process::ExitStatus {
    Command::new(env!("CARGO_BIN_EXE_clearhouse"))
        .args(["--root"])
        .arg(root)
        .arg("build")
        .env("CLEARHOUSE_TODAY", TODAY)
        .env("CLEARHOUSE_KILL_AT", point)
        .output()
        .expect("runs")
        .status
}

#[test]
fn a_killed_build_leaves_the_previous_site_intact() {
    let site = copy_site(&samples().join("good-site"));
    let first = clearhouse(site.path(), &["build"]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let public = site.path().join("public");
    let before = snapshot(&public);
    assert!(before.len() > 20);

    // Change the content so that a completed swap would be visible.
    let item = site.path().join("content/reports/sa-2023-01.md");
    let text = std::fs::read_to_string(&item).unwrap();
    std::fs::write(&item, text.replace("title = \"", "title = \"Revised: ")).unwrap();
    sign_again(&item);

    let file_count = before.len();
    let mut points: Vec<String> = ["before-render", "before-scan", "before-swap"]
        .map(String::from)
        .to_vec();
    points.extend(
        [1, 2, file_count / 2, file_count - 1]
            .iter()
            .map(|n| format!("after-file-{n}")),
    );
    for point in &points {
        let status = build_killed_at(site.path(), point);
        assert!(!status.success(), "the build was killed at {point}");
        assert_eq!(
            snapshot(&public),
            before,
            "public/ changed after a kill at {point}"
        );
    }
    let leftovers = std::fs::read_dir(site.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("clearhouse-tmp"))
        .count();
    assert!(leftovers > 0, "killed builds leave their temporary folders");

    // Killed after the atomic swap: the new site is complete.
    let status = build_killed_at(site.path(), "after-swap");
    assert!(!status.success());
    let swapped = snapshot(&public);
    assert_ne!(swapped, before);
    assert!(
        std::fs::read_to_string(public.join("learning/sa-2023-01/index.html"))
            .unwrap()
            .contains("Revised: ")
    );

    let last = clearhouse(site.path(), &["build"]);
    assert!(last.status.success());
    let leftovers = std::fs::read_dir(site.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("clearhouse-tmp"))
        .count();
    assert_eq!(
        leftovers, 0,
        "the next build removes stale temporary folders"
    );
}
