//! What the build reads (the red-team corpus's static-file and
//! remote-resource cases, b57–b88, run with the others in samples.rs):
//! the special files and symbolic links of
//! tests/fixtures/bypass/fifo-cases.md (made here, in a copy: git cannot
//! carry them), and the resource limits.
//!
//! No test here can hang: clearhouse refuses a FIFO, socket, device or
//! link before it opens it, which is what these tests prove.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::*;

fn bypass() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bypass")
}

/// What stripping keeps: the clean PNG of b81 is published as it was, and
/// the images with metadata are published without it (not refused).
#[test]
fn images_are_published_without_their_metadata() {
    let clean = bypass().join("b81-clean-png-builds");
    let site = copy_site(&clean);
    assert!(clearhouse(site.path(), &["build"]).status.success());
    assert_eq!(
        std::fs::read(site.path().join("public/images/bar-chart.png")).unwrap(),
        std::fs::read(clean.join("static/images/bar-chart.png")).unwrap(),
        "a PNG with nothing to strip is copied byte for byte"
    );
    for (case, file) in [
        (
            "b69-png-private-ancillary-chunk",
            "images/nursery-drawing.png",
        ),
        ("b73-jpeg-app4-segment", "images/drawing.jpg"),
        ("b75-jpeg-second-image-after-eoi", "images/drawing.jpg"),
        ("b76-gif-comment-extension", "images/spacer.gif"),
    ] {
        let site = copy_site(&bypass().join(case));
        let built = clearhouse(site.path(), &["build"]);
        assert!(
            built.status.success(),
            "{case}: {}",
            String::from_utf8_lossy(&built.stderr)
        );
        let out = std::fs::read(site.path().join("public").join(file)).unwrap();
        let original = std::fs::read(site.path().join("static").join(file)).unwrap();
        assert!(!out.is_empty() && out.len() < original.len(), "{case}");
    }
}

/// `mkfifo`, for the special-file cases.
fn mkfifo(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

fn symlink(target: impl AsRef<Path>, link: &Path) {
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, link).unwrap();
}

/// A special-file case: `check` fails with an error of `kind` naming
/// `path`, `build` fails and writes nothing, and nothing in `probes`
/// reaches what either printed.
fn refused(root: &Path, kind: &str, path: &str, probes: &[&str]) -> Result<(), String> {
    let (code, json) = check_json(root);
    if code == 0 {
        return Err(format!("check exited 0: {json:#}"));
    }
    if !blocking_findings(&json)
        .iter()
        .any(|f| f["kind"] == kind && f["path"] == path)
    {
        return Err(format!("no {kind} error names {path}: {json:#}"));
    }
    let built = clearhouse(root, &["build"]);
    if built.status.success() || root.join("public").exists() {
        return Err("build succeeded or wrote an output folder".into());
    }
    let said = format!(
        "{json}{}{}",
        String::from_utf8_lossy(&built.stdout),
        String::from_utf8_lossy(&built.stderr)
    );
    for probe in probes {
        if said.contains(probe) {
            return Err(format!("{probe:?} was printed"));
        }
    }
    Ok(())
}

#[test]
fn special_files_and_symbolic_links_are_refused_without_being_opened() {
    let control = samples().join("bad-inputs/00-control");
    const REGISTER: &str = "private/register.toml";
    type Setup = Box<dyn Fn(&Path, &Path)>;
    let cases: Vec<(&str, Setup, &str, &str)> = vec![
        (
            "F1 FIFO item",
            Box::new(|s, _| mkfifo(&s.join("content/reports/bp-fifo.md"))),
            "file",
            "content/reports/bp-fifo.md",
        ),
        (
            "F2 FIFO text in static",
            Box::new(|s, _| mkfifo(&s.join("static/notes/readme.txt"))),
            "file",
            "static/notes/readme.txt",
        ),
        (
            "F4 socket in static",
            Box::new(|s, _| {
                std::fs::create_dir_all(s.join("static")).unwrap();
                let listener =
                    std::os::unix::net::UnixListener::bind(s.join("static/sock.png")).unwrap();
                drop(listener);
            }),
            "file",
            "static/sock.png",
        ),
        (
            "S1 content outside the root",
            Box::new(|s, outside| {
                copy_dir(&s.join("content"), &outside.join("content"));
                std::fs::remove_dir_all(s.join("content")).unwrap();
                symlink(outside.join("content"), &s.join("content"));
            }),
            "file",
            "content",
        ),
        (
            "S2 static outside the root",
            Box::new(|s, outside| {
                std::fs::create_dir_all(outside.join("static")).unwrap();
                std::fs::write(outside.join("static/note.txt"), "probe-outside-static").unwrap();
                symlink(outside.join("static"), &s.join("static"));
            }),
            "file",
            "static",
        ),
        (
            "S3 static link into private/",
            Box::new(|s, _| {
                symlink(
                    "../../private/register.toml",
                    &s.join("static/data/register.txt"),
                )
            }),
            "file",
            "static/data/register.txt",
        ),
        (
            "S4 item linked to the register",
            Box::new(|s, _| {
                symlink(
                    "../../private/register.toml",
                    &s.join("content/reports/bp-link.md"),
                )
            }),
            "file",
            "content/reports/bp-link.md",
        ),
        (
            "S5 theme outside the root",
            Box::new(|s, outside| {
                std::fs::create_dir_all(outside.join("templates")).unwrap();
                std::fs::write(outside.join("templates/404.html"), "{% extends \"base.html\" %}{% block main %}<p>probe-evil-theme</p>{% endblock main %}").unwrap();
                symlink(outside, &s.join("themes/default"));
            }),
            "file",
            "themes/default",
        ),
        (
            "S6 template linked to the register",
            Box::new(|s, _| {
                symlink(
                    "../../../private/register.toml",
                    &s.join("themes/default/templates/404.html"),
                )
            }),
            "file",
            "themes/default/templates/404.html",
        ),
        (
            "S7 link to a device",
            Box::new(|s, _| symlink("/dev/zero", &s.join("static/zero.png"))),
            "file",
            "static/zero.png",
        ),
        (
            "S8 link loop",
            Box::new(|s, _| symlink("loop.png", &s.join("static/loop.png"))),
            "file",
            "static/loop.png",
        ),
        (
            "S9 hard link to the register",
            Box::new(|s, _| {
                std::fs::create_dir_all(s.join("static/data")).unwrap();
                std::fs::hard_link(s.join(REGISTER), s.join("static/data/register.txt")).unwrap();
            }),
            "register",
            "static/data/register.txt",
        ),
        (
            "S10 folder named like an item",
            Box::new(|s, _| std::fs::create_dir_all(s.join("content/reports/bp-dir.md")).unwrap()),
            "schema",
            "content/reports/bp-dir.md",
        ),
        (
            "S11 link to a system file",
            Box::new(|s, _| symlink("/etc/hostname", &s.join("static/host.txt"))),
            "file",
            "static/host.txt",
        ),
        (
            "FIFO decisions file",
            Box::new(|s, _| mkfifo(&s.join("decisions.toml"))),
            "schema",
            "decisions.toml",
        ),
        (
            "decisions file linked outside the root",
            Box::new(|s, outside| {
                std::fs::write(outside.join("decisions.toml"), "").unwrap();
                symlink(outside.join("decisions.toml"), &s.join("decisions.toml"));
            }),
            "schema",
            "decisions.toml",
        ),
        (
            "FIFO in the theme",
            Box::new(|s, _| mkfifo(&s.join("themes/default/assets/site.css"))),
            "file",
            "themes/default/assets/site.css",
        ),
    ];
    let mut failures = Vec::new();
    for (name, setup, kind, path) in cases {
        let site = copy_site(&control);
        let outside = tempfile::tempdir().unwrap();
        setup(site.path(), outside.path());
        if let Err(why) = refused(
            site.path(),
            kind,
            path,
            &[
                "probe-outside-static",
                "probe-evil-theme",
                "Heatherbank",
                "Corrigan",
            ],
        ) {
            failures.push(format!("{name}: {why}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// F3: a FIFO with a writer ready to feed it a valid item is refused for
/// being a FIFO; clearhouse never opened it, so the writer is still
/// waiting when the commands are done.
#[test]
fn a_fifo_with_a_writer_is_still_refused_unread() {
    let site = copy_site(&samples().join("bad-inputs/00-control"));
    let fifo = site.path().join("content/reports/bp-fifo.md");
    mkfifo(&fifo);
    let item = std::fs::read(site.path().join("content/reports/ts-2024-00.md")).unwrap();
    let writer_path = fifo.clone();
    let writer = std::thread::spawn(move || {
        // Blocks until someone opens the FIFO for reading.
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .open(&writer_path)
            .unwrap();
        let _ = std::io::Write::write_all(&mut f, &item);
    });
    let result = refused(site.path(), "file", "content/reports/bp-fifo.md", &[]);
    assert!(!writer.is_finished(), "clearhouse opened the FIFO");
    // Release the writer: open the reading end ourselves.
    {
        use std::os::unix::fs::OpenOptionsExt;
        let mut reader = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(&fifo)
            .unwrap();
        let _ = writer.join();
        let _ = std::io::Read::read_to_end(&mut reader, &mut Vec::new());
    }
    result.unwrap();
}

/// Replaces the first occurrence of `from` in the control item and signs
/// it again, so that only the change is judged.
fn edit_control(root: &Path, from: &str, to: &str) {
    let path = root.join("content/reports/ts-2024-00.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "the control item has {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    sign_again(&path);
}

fn limit_error(root: &Path, path: &str, key: &str) -> Value {
    let (code, json) = check_json(root);
    assert_eq!(code, 1, "{json:#}");
    let finding = blocking_findings(&json)
        .into_iter()
        .find(|f| f["kind"] == "limit")
        .unwrap_or_else(|| panic!("no limit error: {json:#}"))
        .clone();
    assert_eq!(finding["path"], path, "{finding:#}");
    let said = format!("{} {}", finding["message"], finding["help"]);
    assert!(said.contains(key), "{key} is named: {said}");
    let built = clearhouse(root, &["build"]);
    assert!(!built.status.success() && !root.join("public").exists());
    finding
}

#[test]
fn oversized_inputs_are_refused_naming_the_limit_and_its_key() {
    let control = samples().join("bad-inputs/00-control");
    let item = "content/reports/ts-2024-00.md";

    // A 6 MB title: the item is over 2 MB, refused before it is read.
    let site = copy_site(&control);
    edit_control(
        site.path(),
        "title = \"",
        &format!("title = \"{}", "Long ".repeat(1_200_000)),
    );
    let finding = limit_error(site.path(), item, "item_bytes");
    assert!(
        finding["message"].as_str().unwrap().contains("2 MB"),
        "{finding:#}"
    );

    // A 100 KB title in a file under 2 MB: the string limit.
    let site = copy_site(&control);
    edit_control(
        site.path(),
        "title = \"",
        &format!("title = \"{}", "Long ".repeat(20_000)),
    );
    let finding = limit_error(site.path(), item, "string_bytes");
    assert_eq!(finding["length"], 0, "the string is not quoted back");

    // A table of 1,001 rows.
    let site = copy_site(&control);
    let table = format!("| a | b |\n|---|---|\n{}\n", "| 1 | 2 |\n".repeat(1_000));
    edit_control(site.path(), "\n## ", &format!("\n{table}\n## "));
    let finding = limit_error(site.path(), item, "table_rows");
    let line = finding["line"].as_u64().unwrap() as usize;
    let text = std::fs::read_to_string(site.path().join(item)).unwrap();
    assert_eq!(
        text.lines().nth(line - 1),
        Some("| a | b |"),
        "the table's first line"
    );

    // Raising the keys lets all three through.
    let config = site.path().join("config.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("\n[limits]\ntable_rows = 2000\n");
    std::fs::write(&config, text).unwrap();
    let (code, json) = check_json(site.path());
    assert_eq!(code, 0, "{json:#}");

    // More items than [limits] items allows.
    let site = copy_site(&control);
    let config = site.path().join("config.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("\n[limits]\nitems = 0\n");
    std::fs::write(&config, text).unwrap();
    limit_error(site.path(), "content", "items");

    // A static file over [limits] static_bytes.
    let site = copy_site(&control);
    std::fs::create_dir_all(site.path().join("static")).unwrap();
    std::fs::write(site.path().join("static/big.txt"), "x".repeat(2048)).unwrap();
    let config = site.path().join("config.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("\n[limits]\nstatic_bytes = 1024\n");
    std::fs::write(&config, text).unwrap();
    limit_error(site.path(), "static/big.txt", "static_bytes");
}

/// A remote image is an error at its line, says what to do, and the
/// human output does not print its address.
#[test]
fn a_remote_image_in_an_item_names_its_line_and_what_to_do() {
    let site = copy_site(&bypass().join("b83-remote-markdown-image"));
    let (code, json) = check_json(site.path());
    assert_eq!(code, 1);
    let remote = blocking_findings(&json)
        .into_iter()
        .find(|f| f["kind"] == "remote")
        .expect("a remote finding")
        .clone();
    assert!(
        remote["help"].as_str().unwrap().contains("static/"),
        "{remote:#}"
    );
    let human = clearhouse(site.path(), &["check"]);
    let said = String::from_utf8_lossy(&human.stderr);
    assert!(
        !said.contains("pixel.example"),
        "the address is masked: {said}"
    );
}

/// `config.toml` is read like every other file of the site: a FIFO there
/// is named, not waited on.
#[test]
fn a_fifo_config_is_refused_without_hanging() {
    let site = copy_site(&samples().join("bad-inputs/00-control"));
    let config = site.path().join("config.toml");
    std::fs::remove_file(&config).unwrap();
    mkfifo(&config);
    for command in ["check", "build"] {
        let out = clearhouse(site.path(), &[command]);
        assert_eq!(out.status.code(), Some(2), "{command}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("named pipe"), "{command}: {said}");
    }
}
