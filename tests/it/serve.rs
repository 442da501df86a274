//! `clearhouse serve`: previews the site, answers /api/search from tantivy,
//! and shows an edited item without a restart.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

fn get(address: &str, path: &str) -> String {
    let host = address
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap();
    let mut stream = TcpStream::connect(host).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

/// Kills the server when the test ends, pass or fail.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `serve` on a free port with `env` set; returns the running
/// process (killed when dropped), its standard output (kept open, so that
/// later messages do not meet a closed pipe) and the address it printed.
fn start_serve(
    root: &std::path::Path,
    env: &[(&str, &str)],
) -> (Running, BufReader<std::process::ChildStdout>, String) {
    let child = Command::new(env!("CARGO_BIN_EXE_clearhouse"))
        .arg("--root")
        .arg(root)
        .args(["serve", "--port", "0", "--quiet"])
        .env("CLEARHOUSE_TODAY", TODAY)
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve starts");
    let mut running = Running(child);
    let mut stdout = BufReader::new(running.0.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let address = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("prints its address")
        .to_string();
    (running, stdout, address)
}

#[test]
fn serve_previews_searches_and_reloads_an_edited_item() {
    let site = copy_site(&samples().join("good-site"));
    let (_serving, _output, address) = start_serve(site.path(), &[]);

    let page = get(&address, "/learning/sa-2023-01/");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(
        page.contains("__clearhouse/reload.js"),
        "live reload is injected"
    );
    let api = get(&address, "/api/search?q=welfare+rights&limit=3");
    assert!(api.contains("\"total\":"), "{api}");
    assert!(api.contains("SA-2023-02"), "{api}");
    let version = get(&address, "/__clearhouse/version");
    let before = version.rsplit("\r\n\r\n").next().unwrap().to_string();

    let item = site.path().join("content/reports/sa-2023-01.md");
    let text = std::fs::read_to_string(&item).unwrap();
    std::fs::write(
        &item,
        text.replacen("title = \"", "title = \"Edited in preview: ", 1),
    )
    .unwrap();

    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let now = get(&address, "/__clearhouse/version");
        if now.rsplit("\r\n\r\n").next().unwrap() != before {
            break;
        }
        assert!(Instant::now() < deadline, "serve never noticed the edit");
        std::thread::sleep(Duration::from_millis(50));
    }
    let page = get(&address, "/learning/sa-2023-01/");
    assert!(
        page.contains("Edited in preview: "),
        "the edited title is shown"
    );
    let api = get(&address, "/api/search?q=preview&limit=3");
    assert!(api.contains("SA-2023-01"), "the index was updated: {api}");
}

/// The preview's search page lists the further bundles of a site split
/// for search, so the preview must serve them too.
#[test]
fn serve_serves_every_search_bundle_the_search_page_lists() {
    let site = copy_site(&samples().join("good-site"));
    let (_serving, _output, address) =
        start_serve(site.path(), &[("CLEARHOUSE_PAGEFIND_SHARD_ITEMS", "3")]);

    let search = get(&address, "/search/");
    assert!(
        search.contains("pagefind/shard-2/") && search.contains("pagefind/shard-3/"),
        "the search page lists the further bundles: {search}"
    );
    // The bundles are built in the background once serve is listening.
    let deadline = Instant::now() + Duration::from_secs(120);
    for bundle in ["pagefind", "pagefind/shard-2", "pagefind/shard-3"] {
        loop {
            let entry = get(&address, &format!("/{bundle}/pagefind-entry.json"));
            if entry.starts_with("HTTP/1.1 200") {
                assert!(entry.contains("\"languages\""), "{entry}");
                break;
            }
            assert!(Instant::now() < deadline, "serve never served {bundle}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}
