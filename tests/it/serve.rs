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
    // Edited and signed again outside the site, then saved in one write,
    // as an editor saves a file the review team has approved.
    let scratch = tempfile::tempdir().unwrap();
    let edited = scratch.path().join("sa-2023-01.md");
    std::fs::write(
        &edited,
        text.replacen("title = \"", "title = \"Edited in preview: ", 1),
    )
    .unwrap();
    sign_again(&edited);
    std::fs::write(&item, std::fs::read(&edited).unwrap()).unwrap();

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

/// The preview in this process: `update` is called with the changed
/// paths as the watcher would, so nothing waits on the file system.
mod preview {
    use std::path::Path;
    use std::sync::Arc;

    use clearhouse::content::Day;
    use clearhouse::load::SiteOptions;
    use clearhouse::serve::Server;

    use crate::common::*;

    pub fn start(root: &Path) -> Arc<Server> {
        let options = SiteOptions {
            root: root.to_path_buf(),
            register: None,
            today: Day::parse(TODAY).unwrap(),
        };
        match Server::start(options) {
            Ok(server) => server,
            Err(_) => panic!("serve starts"),
        }
    }

    /// The body served at `path`, if any.
    pub fn page(server: &Server, path: &str) -> Option<String> {
        server
            .respond(path)
            .map(|(body, _)| String::from_utf8_lossy(&body).into_owned())
    }

    /// The text of every page and record in the browser search bundle as
    /// served now: the entry names the metadata, which names the fragments.
    pub fn browser_search(server: &Server) -> String {
        let entry = page(server, "/pagefind/pagefind-entry.json").expect("the bundle is served");
        let entry: serde_json::Value = serde_json::from_str(&entry).unwrap();
        let hash = entry["languages"]["en"]["hash"].as_str().unwrap();
        let meta = server
            .respond(&format!("/pagefind/pagefind.{hash}.pf_meta"))
            .expect("the metadata is served")
            .0;
        let meta = readable(&meta);
        let fragments = regex::Regex::new(r"en_[0-9a-f]{5,}").unwrap();
        let mut text = String::new();
        for fragment in fragments.find_iter(&meta).map(|m| m.as_str()) {
            if let Some((bytes, _)) =
                server.respond(&format!("/pagefind/fragment/{fragment}.pf_fragment"))
            {
                text.push_str(&readable(&bytes));
            }
        }
        assert!(!text.is_empty(), "the bundle has fragments");
        text
    }

    /// `/api/search` for `query`.
    pub fn api(server: &Server, query: &str) -> String {
        page(server, &format!("/api/search?q={query}&limit=50")).unwrap()
    }

    /// Asserts `id` (upper case, as pages show it) is nowhere in the
    /// preview, and `present` is everywhere.
    pub fn absent_everywhere(server: &Server, id: &str, present: &str) {
        let slug = id.to_lowercase();
        assert_eq!(
            page(server, &format!("/learning/{slug}/")),
            None,
            "{id}'s page"
        );
        for listing in [
            "/",
            "/learning/",
            "/atom.xml",
            "/learning.json",
            "/learning-bundle.json",
            "/effective-practice/",
            "/clear/responsibility/",
            "/sitemap.xml",
        ] {
            let body = page(server, listing).unwrap_or_else(|| panic!("{listing} is served"));
            assert!(
                !body.contains(id) && !body.contains(&slug),
                "{listing} lists {id}"
            );
        }
        let learning = page(server, "/learning/").unwrap();
        assert!(learning.contains(&present.to_lowercase()), "{learning}");
        let everything = api(server, "child");
        assert!(
            !everything.contains(id),
            "/api/search finds {id}: {everything}"
        );
        assert!(everything.contains(present), "{everything}");
        let browser = browser_search(server);
        assert!(!browser.contains(&slug), "browser search finds {id}");
        assert!(browser.contains(&present.to_lowercase()));
    }

    fn append(path: &Path, text: &str) {
        let mut old = std::fs::read_to_string(path).unwrap_or_default();
        old.push_str(text);
        std::fs::write(path, old).unwrap();
    }

    /// The item's page shows its publication day in words, which the gate
    /// never reads as personal data in the front matter; a register entry
    /// for that day is found by the post-render scan alone.
    #[test]
    fn an_item_only_the_post_render_scan_blocks_is_absent_everywhere() {
        let site = copy_site(&samples().join("good-site"));
        append(
            &site.path().join("private/register.toml"),
            "\n[[identifier]]\ntext = \"7 October 2024\"\nkind = \"date\"\n",
        );
        let server = start(site.path());
        absent_everywhere(&server, "SA-2022-03", "SA-2023-01");
        let findings = server.findings();
        assert!(
            findings
                .iter()
                .any(|f| f.rule == "post-build-scan" && f.message.contains("sa-2022-03")),
            "{findings:#?}"
        );
    }

    #[test]
    fn an_item_flagged_after_a_register_change_is_absent_everywhere() {
        let site = copy_site(&samples().join("good-site"));
        let server = start(site.path());
        assert!(page(&server, "/learning/sa-2024-02/").is_some());
        assert!(browser_search(&server).contains("sa-2024-02"));
        let register = site.path().join("private/register.toml");
        append(
            &register,
            "\n[[identifier]]\ntext = \"communication passport\"\nkind = \"person-name\"\n",
        );
        let update = server.update(&[register]);
        assert!(update.rebuilt);
        assert!(update
            .findings
            .iter()
            .any(|f| f.kind == clearhouse::findings::Kind::Register));
        absent_everywhere(&server, "SA-2024-02", "SA-2023-01");
    }

    #[test]
    fn an_edited_item_with_personal_data_is_absent_everywhere_after_one_update() {
        let site = copy_site(&samples().join("good-site"));
        let server = start(site.path());
        let item = site.path().join("content/reports/sa-2024-01.md");
        append(&item, "\nStacey Corrigan was there.\n");
        let update = server.update(&[item]);
        assert!(!update.rebuilt, "one item is admitted again, not the site");
        assert!(update.findings.iter().any(|f| f.is_error()));
        absent_everywhere(&server, "SA-2024-01", "SA-2023-01");
    }

    #[test]
    fn a_static_file_that_fails_the_gate_is_not_served_and_search_still_works() {
        let site = copy_site(&samples().join("good-site"));
        let server = start(site.path());
        assert!(page(&server, "/pagefind/pagefind-entry.json").is_some());
        let note = site.path().join("static/contact.txt");
        std::fs::write(&note, "Call 07700 900123.\n").unwrap();
        let update = server.update(std::slice::from_ref(&note));
        assert!(update.rebuilt);
        assert!(update
            .findings
            .iter()
            .any(|f| f.path == "static/contact.txt" && f.is_error()));
        assert_eq!(page(&server, "/contact.txt"), None);
        assert!(
            server.respond("/images/clear-headings.png").is_some(),
            "clean static files are still served"
        );
        // Browser search answers after a full rebuild, with the site as it is.
        assert!(page(&server, "/pagefind/pagefind-entry.json").is_some());
        assert!(browser_search(&server).contains("sa-2023-01"));
        std::fs::write(&note, "Call the duty team.\n").unwrap();
        server.update(&[note]);
        assert_eq!(
            page(&server, "/contact.txt").as_deref(),
            Some("Call the duty team.\n")
        );
    }

    #[test]
    fn a_draft_is_previewed_on_its_own_page_and_nowhere_else() {
        let site = copy_site(&samples().join("good-site"));
        let server = start(site.path());
        let item = site.path().join("content/summaries/sa-2024-04.md");
        let text = std::fs::read_to_string(&item).unwrap();
        let signed: Vec<&str> = text.lines().filter(|l| l.starts_with("cog = ")).collect();
        std::fs::write(
            &item,
            text.replace(&format!("{}\r\n", signed[0]), "")
                .replace(&format!("{}\n", signed[0]), ""),
        )
        .unwrap();
        let update = server.update(&[item]);
        assert!(!update.rebuilt);
        let draft = page(&server, "/learning/sa-2024-04/").expect("the draft is previewed");
        assert!(draft.contains("DRAFT — not published"));
        assert!(draft.contains("awaiting COG sign-off"));
        for listing in ["/", "/learning/", "/atom.xml", "/learning.json"] {
            let body = page(&server, listing).unwrap();
            assert!(
                !body.contains("SA-2024-04") && !body.contains("sa-2024-04"),
                "{listing}"
            );
        }
        assert!(!api(&server, "child").contains("SA-2024-04"));
        assert!(!browser_search(&server).contains("sa-2024-04"));
        assert_eq!(server.drafts().len(), 1);
    }

    #[test]
    fn a_path_that_does_not_decode_is_not_found_rather_than_a_panic() {
        let site = copy_site(&samples().join("good-site"));
        let server = start(site.path());
        assert_eq!(page(&server, "/%aé"), None);
        assert_eq!(page(&server, "/learning/%e9%"), None);
    }
}
