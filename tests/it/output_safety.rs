//! The output folder: a build replaces only a folder it made (a missing or
//! empty one, or one carrying this site's `.clearhouse-output` marker);
//! every other place is refused with what is there and what to do, and
//! nothing is changed.

use std::path::Path;

use crate::common::*;

fn build_to(site: &Path, out: &Path) -> std::process::Output {
    clearhouse(site, &["build", "--output", &out.to_string_lossy()])
}

fn refused(output: &std::process::Output) -> String {
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let said = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(said.contains("refusing to write the site"), "{said}");
    said
}

#[test]
fn a_folder_clearhouse_did_not_make_is_never_replaced() {
    let site = copy_site(&samples().join("bad-inputs/00-control"));
    let root = site.path();
    let elsewhere = tempfile::tempdir().unwrap();

    // Someone's folder with a file in it.
    let theirs = elsewhere.path().join("v");
    std::fs::create_dir(&theirs).unwrap();
    std::fs::write(theirs.join("thesis.txt"), "x").unwrap();
    let said = refused(&build_to(root, &theirs));
    assert!(said.contains("thesis.txt"), "says what is there: {said}");
    assert!(said.contains("choose an empty or new folder"), "{said}");
    assert_eq!(
        std::fs::read_to_string(theirs.join("thesis.txt")).unwrap(),
        "x"
    );

    // A file, the site root, an ancestor, content/, a git repository, a
    // folder holding the register, a symbolic link.
    std::fs::write(elsewhere.path().join("notes.txt"), "keep").unwrap();
    let repo = elsewhere.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    let link = elsewhere.path().join("link");
    std::fs::create_dir(elsewhere.path().join("target")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path().join("target"), &link).unwrap();
    for (target, words) in [
        (elsewhere.path().join("notes.txt"), "not a folder"),
        (root.join("config.toml"), "not a folder"),
        (root.to_path_buf(), "site root"),
        (root.parent().unwrap().to_path_buf(), "site root"),
        (root.join("content"), "content/"),
        (repo.clone(), "git repository"),
        (link.clone(), "symbolic link"),
    ] {
        let said = refused(&build_to(root, &target));
        assert!(said.contains(words), "{}: {said}", target.display());
    }
    assert_eq!(
        std::fs::read_to_string(elsewhere.path().join("notes.txt")).unwrap(),
        "keep"
    );
    assert!(root.join("config.toml").is_file());
    assert!(root.join("content/reports/ts-2024-00.md").is_file());
    assert!(repo.join(".git").is_dir());

    let private = tempfile::tempdir().unwrap();
    let register = private.path().join("register.toml");
    std::fs::copy(root.join("private/register.toml"), &register).unwrap();
    let said = refused(&clearhouse(
        root,
        &[
            "build",
            "--register",
            &register.to_string_lossy(),
            "--output",
            &private.path().to_string_lossy(),
        ],
    ));
    assert!(said.contains("register"), "{said}");
    assert!(register.is_file());
}

#[test]
fn a_missing_empty_or_own_folder_is_written_and_replaced() {
    let site = copy_site(&samples().join("bad-inputs/00-control"));
    let root = site.path();
    let elsewhere = tempfile::tempdir().unwrap();
    let empty = elsewhere.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let missing = elsewhere.path().join("deep/new");
    for out in [&empty, &missing] {
        let built = build_to(root, out);
        assert!(built.status.success(), "{built:?}");
        let marker = std::fs::read_to_string(out.join(".clearhouse-output")).unwrap();
        let id = marker.trim();
        assert_eq!(id.len(), 32, "a bare id, nothing else: {marker:?}");
        let recorded = std::fs::read_to_string(root.join(".clearhouse/outputs")).unwrap();
        assert!(recorded.lines().any(|l| l == id));
        // Built again: replaced, with the same marker.
        std::fs::write(out.join("stale.txt"), "from the last build").unwrap();
        let again = build_to(root, out);
        assert!(again.status.success(), "{again:?}");
        assert!(!out.join("stale.txt").exists(), "the folder was replaced");
        assert_eq!(
            std::fs::read_to_string(out.join(".clearhouse-output")).unwrap(),
            marker
        );
    }
    // Another site cannot replace this one's output.
    let other = copy_site(&samples().join("bad-inputs/00-control"));
    let said = refused(&build_to(other.path(), &empty));
    assert!(said.contains("another clearhouse site"), "{said}");
}

/// A public/ built before clearhouse marked its output folders is not
/// deleted: the build says once what to do.
#[test]
fn an_unmarked_earlier_build_is_kept_with_a_message_saying_what_to_do() {
    let site = copy_site(&samples().join("bad-inputs/00-control"));
    let root = site.path();
    assert!(clearhouse(root, &["build"]).status.success());
    let public = root.join("public");
    std::fs::remove_file(public.join(".clearhouse-output")).unwrap();
    let before = output_files(&public);
    let said = refused(&clearhouse(root, &["build"]));
    assert!(
        said.contains("did not yet mark its output folders") && said.contains("delete it once"),
        "{said}"
    );
    assert_eq!(output_files(&public), before, "nothing changed");
    std::fs::remove_dir_all(&public).unwrap();
    assert!(clearhouse(root, &["build"]).status.success());
}
