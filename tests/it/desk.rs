//! The review desk (`serve`, `/_review/`) and what keeps the preview safe
//! on a work laptop: decisions, replacements and allowed names end where
//! `check` and `build` honour them; nothing but the desk's own page can
//! act; hostile requests leave `serve` answering.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use clearhouse::content::Day;
use clearhouse::load::SiteOptions;
use clearhouse::serve::{Listener, Request, Server};

use crate::common::*;

/// The item the tests add findings to, and the sentences they add: one
/// finding to decide, one to replace, one public name to allow.
const ITEM: &str = "content/reports/sa-2024-03.md";
const DECIDED_SENTENCE: &str = "The Gloverbrae bus was late that winter.";
const ADDED: &str = "\nThe Gloverbrae bus was late that winter. The family met Mrs Galbraith at home. Staff from the Kelvinside Trust attended.\n";

/// A copy of the sample site with the three findings added to [`ITEM`].
pub fn site_with_findings() -> tempfile::TempDir {
    let site = copy_site(&samples().join("good-site"));
    let path = site.path().join(ITEM);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(ADDED);
    std::fs::write(&path, text).unwrap();
    site
}

fn start(root: &Path) -> Arc<Server> {
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

const PORT: u16 = 1111;

fn request(method: &str, url: &str) -> Request {
    Request {
        method: method.into(),
        url: url.into(),
        host: Some(format!("127.0.0.1:{PORT}")),
        origin: None,
        fetch_site: None,
        body: Vec::new(),
        listener: Listener {
            ip: [127, 0, 0, 1].into(),
            port: PORT,
            desk: true,
        },
    }
}

/// A form `POST` as the desk's own page sends it.
fn post(action: &str, fields: &[(&str, &str)]) -> Request {
    let body: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    Request {
        origin: Some(format!("http://127.0.0.1:{PORT}")),
        fetch_site: Some("same-origin".into()),
        body: body.join("&").into_bytes(),
        ..request("POST", &format!("/_review/{action}"))
    }
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn desk(server: &Arc<Server>) -> String {
    let reply = server.handle(&request("GET", "/_review/"));
    assert_eq!(reply.status, 200, "{}", reply.body_text());
    reply.body_text()
}

/// The value of the first `name="…" value="…"` in `html`.
fn field(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} field"))
        + marker.len();
    html[at..].split('"').next().unwrap().to_string()
}

/// The desk's entry for the finding whose marked span is `span`.
fn entry<'a>(html: &'a str, span: &str) -> &'a str {
    html.split("<li class=\"finding")
        .find(|chunk| chunk.contains(&format!("<mark>{span}</mark>")))
        .unwrap_or_else(|| panic!("the desk shows no finding marked {span}"))
}

fn findings_of(json: &serde_json::Value, path: &str) -> Vec<serde_json::Value> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == path)
        .cloned()
        .collect()
}

#[test]
fn decisions_replacements_and_allowed_names_are_what_check_and_build_honour() {
    let site = site_with_findings();
    let root = site.path();
    let (code, before) = check_json(root);
    assert_eq!(code, 1, "the added findings block: {before:#}");
    let server = start(root);
    let html = desk(&server);
    let token = field(&html, "token");
    assert!(html.contains("<mark>Gloverbrae</mark> bus was late that winter."));
    assert!(html.contains("Blocked"));

    // Not personal data here.
    let gloverbrae = entry(&html, "Gloverbrae");
    let reply = server.handle(&post(
        "decide",
        &[
            ("token", &token),
            ("path", ITEM),
            ("id", &field(gloverbrae, "id")),
            ("role", "review-team-chair"),
        ],
    ));
    assert_eq!(reply.status, 303, "{}", reply.body_text());
    // Replace, on a signed-off item: refused until the person says they
    // know it will need signing again.
    let html = desk(&server);
    let galbraith = entry(&html, "Mrs Galbraith");
    assert!(
        !galbraith.contains("/_review/decide"),
        "a certain finding cannot be decided"
    );
    let replace = |resign: &str| {
        server.handle(&post(
            "replace",
            &[
                ("token", &token),
                ("path", ITEM),
                ("id", &field(galbraith, "id")),
                ("replacement", "Practitioner F"),
                ("resign", resign),
            ],
        ))
    };
    let refused = replace("0");
    assert_eq!(refused.status, 409);
    assert!(refused.body_text().contains("signing off again"));
    let reply = replace("1");
    assert_eq!(reply.status, 303, "{}", reply.body_text());
    assert!(reply
        .headers
        .iter()
        .any(|(k, v)| *k == "Location" && v.contains("done=replaced-resign")));
    // Public everywhere: the body's whole name.
    let html = desk(&server);
    let kelvinside = entry(&html, "Kelvinside");
    let reply = server.handle(&post(
        "allow",
        &[
            ("token", &token),
            ("path", ITEM),
            ("id", &field(kelvinside, "id")),
            ("phrase", "Kelvinside Trust"),
        ],
    ));
    assert_eq!(reply.status, 303, "{}", reply.body_text());

    assert_decided_replaced_allowed(root, "review-team-chair");
    let html = desk(&server);
    assert!(html.contains("Decided not personal data here by the Review Team Chair"));
}

/// What the desk's three actions on [`site_with_findings`] must have
/// left: the files changed as asked; `check` and `build` passing exactly
/// as the decisions say; and the decided finding open again once its
/// sentence is edited.
fn assert_decided_replaced_allowed(root: &Path, role: &str) {
    // The files say what was done.
    let text = std::fs::read_to_string(root.join(ITEM)).unwrap();
    assert!(text.contains("met Practitioner F at home") && !text.contains("Galbraith"));
    let register = std::fs::read_to_string(root.join("private/register.toml")).unwrap();
    assert!(
        register.contains("text = \"Mrs Galbraith\"")
            && register.contains("replacement = \"Practitioner F\"")
    );
    assert!(
        register.starts_with("# Identifiers that the anonymisation"),
        "comments kept"
    );
    let backups: Vec<_> = std::fs::read_dir(root.join("private/backups"))
        .unwrap()
        .collect();
    assert_eq!(backups.len(), 1);
    let config = std::fs::read_to_string(root.join("config.toml")).unwrap();
    assert!(
        config.contains("\n  \"Kelvinside Trust\""),
        "one name per line, as the list was written: {config}"
    );
    let decisions = std::fs::read_to_string(root.join("decisions.toml")).unwrap();
    for secret in [
        "Gloverbrae",
        "gloverbrae",
        "bus was late",
        "Galbraith",
        "Kelvinside",
        "winter",
    ] {
        assert!(
            !decisions.contains(secret),
            "decisions.toml holds {secret:?}"
        );
    }
    assert!(decisions.contains(&format!("role = \"{role}\"")));
    assert!(decisions.contains("decision = \"not-personal-data\""));

    // check and build agree with the desk: nothing blocks; the decided
    // finding is reported as such, with its decision; the item changed
    // after sign-off, so it is held, not published.
    let (code, after) = check_json(root);
    assert_eq!(code, 0, "{after:#}");
    let ours = findings_of(&after, ITEM);
    let decided: Vec<_> = ours.iter().filter(|f| f["severity"] == "decided").collect();
    assert_eq!(decided.len(), 1, "{ours:#?}");
    assert_eq!(decided[0]["kind"], "person-name");
    assert_eq!(decided[0]["decision"]["decision"], "not-personal-data");
    assert!(ours
        .iter()
        .all(|f| f["severity"] != "error" && f["severity"] != "needs-decision"));
    assert_eq!(after["held"][0]["review_id"], "SA-2024-03");
    let built = clearhouse(root, &["build", "--quiet"]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert_eq!(decided[0]["decision"]["role"], role);
    // Editing the decided sentence reopens its finding.
    std::fs::write(
        root.join(ITEM),
        text.replace(DECIDED_SENTENCE, "The Gloverbrae bus was late that spring."),
    )
    .unwrap();
    let (code, edited) = check_json(root);
    assert_eq!(code, 1);
    assert!(findings_of(&edited, ITEM)
        .iter()
        .any(|f| f["severity"] == "needs-decision" && f["kind"] == "person-name"));
    assert!(!clearhouse(root, &["build", "--quiet"]).status.success());
}

#[test]
fn register_matches_and_certain_findings_cannot_be_decided() {
    let site = site_with_findings();
    let path = site.path().join(ITEM);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("Orla Strachan was there too.\n");
    std::fs::write(&path, text).unwrap();
    let server = start(site.path());
    let html = desk(&server);
    let token = field(&html, "token");
    for span in ["Orla Strachan", "Mrs Galbraith"] {
        let chunk = entry(&html, span);
        assert!(
            !chunk.contains("/_review/decide"),
            "{span} offers a decision"
        );
        let reply = server.handle(&post(
            "decide",
            &[
                ("token", &token),
                ("path", ITEM),
                ("id", &field(chunk, "id")),
                ("role", "reviewer"),
            ],
        ));
        assert_eq!(reply.status, 409, "{span}: {}", reply.body_text());
    }
    // The register's replacement is offered for a register match.
    assert!(entry(&html, "Orla Strachan").contains("value=\"Child A\""));
    assert!(!site.path().join("decisions.toml").exists());
}

#[test]
fn nothing_but_the_desk_itself_can_act() {
    let site = site_with_findings();
    let server = start(site.path());
    let html = desk(&server);
    let token = field(&html, "token");
    let id = field(entry(&html, "Gloverbrae"), "id");
    let fields = |token: &str| {
        vec![
            ("token".to_string(), token.to_string()),
            ("path".to_string(), ITEM.to_string()),
            ("id".to_string(), id.clone()),
            ("role".to_string(), "reviewer".to_string()),
        ]
    };
    let form = |token: &str| {
        let f = fields(token);
        let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        post("decide", &pairs)
    };
    let refusals = [
        ("no token", form("")),
        ("a wrong token", form(&"0".repeat(64))),
        (
            "another site's Origin",
            Request {
                origin: Some("http://evil.example".into()),
                ..form(&token)
            },
        ),
        (
            "no Origin",
            Request {
                origin: None,
                ..form(&token)
            },
        ),
        (
            "another port's Origin",
            Request {
                origin: Some("http://127.0.0.1:2222".into()),
                ..form(&token)
            },
        ),
        (
            "a cross-site fetch",
            Request {
                fetch_site: Some("cross-site".into()),
                ..form(&token)
            },
        ),
        (
            "a rebinding Host",
            Request {
                host: Some(format!("attacker.example:{PORT}")),
                origin: Some(format!("http://attacker.example:{PORT}")),
                ..form(&token)
            },
        ),
        (
            "no Host",
            Request {
                host: None,
                ..form(&token)
            },
        ),
        (
            "GET",
            Request {
                method: "GET".into(),
                ..form(&token)
            },
        ),
        (
            "a listener that is not loopback",
            Request {
                listener: Listener {
                    ip: [0, 0, 0, 0].into(),
                    port: PORT,
                    desk: false,
                },
                ..form(&token)
            },
        ),
    ];
    for (what, request) in refusals {
        let reply = server.handle(&request);
        assert!(
            matches!(reply.status, 403..=405),
            "{what}: {} {}",
            reply.status,
            reply.body_text()
        );
    }
    assert!(
        !site.path().join("decisions.toml").exists(),
        "nothing was decided"
    );
    // The desk's pages say no other page may frame them or run script.
    let reply = server.handle(&request("GET", "/_review/"));
    let csp = reply
        .headers
        .iter()
        .find(|(k, _)| *k == "Content-Security-Policy")
        .unwrap();
    assert!(csp.1.contains("frame-ancestors 'none'") && csp.1.contains("script-src 'self'"));
    assert!(!reply.body_text().contains("<script>"), "no inline script");
    // A rebinding Host cannot read the preview either.
    let evil = Request {
        host: Some("evil.example".into()),
        ..request("GET", "/")
    };
    assert_eq!(server.handle(&evil).status, 403);
    // The form itself, sent as the desk sends it, works.
    let f = fields(&token);
    let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(server.handle(&post("decide", &pairs)).status, 303);
}

#[test]
fn masked_desk_holds_no_finding_in_clear() {
    let site = site_with_findings();
    let server = start(site.path());
    let reply = server.handle(&request("GET", "/_review/?mask=1"));
    let html = reply.body_text();
    assert!(html.contains("G*********"), "masked spans are shown");
    for clear in ["Gloverbrae", "Galbraith", "Kelvinside"] {
        assert!(!html.contains(clear), "{clear} in the masked desk");
    }
}

/// Starts `clearhouse serve` on a free port; returns the process (killed
/// when dropped) and the address.
fn spawn_serve(root: &Path, env: &[(&str, &str)]) -> (Running, String) {
    let child = Command::new(env!("CARGO_BIN_EXE_clearhouse"))
        .arg("--root")
        .arg(root)
        .args(["serve", "--port", "0", "--quiet"])
        .env("CLEARHOUSE_TODAY", TODAY)
        .env_remove("CLEARHOUSE_DECISIONS_KEY")
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
        .find_map(|w| w.strip_prefix("http://"))
        .expect("prints its address")
        .trim_end_matches('/')
        .to_string();
    // Keep reading so that serve never writes to a closed pipe.
    std::thread::spawn(move || {
        let mut sink = String::new();
        let _ = stdout.read_to_string(&mut sink);
    });
    (running, address)
}

struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Sends raw bytes, returns the raw answer ("" when the server closed
/// without one).
fn raw(address: &str, bytes: &[u8]) -> String {
    let mut stream = TcpStream::connect(address).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let _ = stream.write_all(bytes);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

fn get(address: &str, path: &str) -> String {
    raw(
        address,
        format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

fn status(answer: &str) -> u16 {
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

#[test]
fn hostile_requests_leave_serve_answering() {
    let site = copy_site(&samples().join("good-site"));
    let (_serving, address) = spawn_serve(site.path(), &[("CLEARHOUSE_TEST_PANIC_ROUTE", "1")]);
    let search = |query: &str| get(&address, &format!("/api/search?{query}"));
    let healthy = || {
        let page = get(&address, "/learning/sa-2023-01/");
        assert_eq!(status(&page), 200, "{page}");
        let found = search("q=welfare+rights&limit=3");
        assert_eq!(status(&found), 200, "{found}");
        assert!(found.contains("SA-2023-02"), "{found}");
    };
    healthy();

    let deep = format!("q={}", "(".repeat(800));
    let long = format!("q={}", "a".repeat(10_000));
    for (query, why) in [
        (deep.as_str(), "nests"),
        ("q=child&limit=18446744073709551615", "limit must be"),
        (
            "q=child&limit=99999999999999999999999999999999",
            "limit must be",
        ),
        ("q=child&limit=-1", "limit must be"),
        ("q=child&year=2147483648", "year must be"),
        (long.as_str(), "longer than"),
        ("q=%ff%fe%fd", "not valid percent-encoded UTF-8"),
        ("q=%e2%80", "not valid percent-encoded UTF-8"),
        ("q=%", "not valid percent-encoded UTF-8"),
    ] {
        let answer = search(query);
        assert_eq!(
            status(&answer),
            400,
            "{}: {answer}",
            &query[..query.len().min(40)]
        );
        assert!(answer.contains(why), "{answer}");
    }
    // A request that panics answers 500 and poisons nothing.
    let panicked = get(&address, "/__clearhouse/panic");
    assert_eq!(status(&panicked), 500, "{panicked}");
    healthy();

    // Rebinding Host headers, broken request lines, odd methods.
    for host in [
        "evil.example",
        "evil.example:80",
        "127.0.0.1.nip.io",
        "localhost.evil.example",
    ] {
        let answer = raw(
            &address,
            format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
        );
        assert_eq!(status(&answer), 403, "{host}: {answer}");
    }
    for junk in [
        &b"GET /\xff\xfe HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"[..],
        b"\x00\x01\x02\r\n\r\n",
        b"GET /%%%%/../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        b"DELETE / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        b"POST /learning/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc",
        b"POST /_review/decide HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 99999999999\r\nConnection: close\r\n\r\nabc",
    ] {
        let answer = raw(&address, junk);
        assert!(!answer.starts_with("HTTP/1.1 200") && !answer.starts_with("HTTP/1.1 5"), "{answer}");
    }

    // A few hundred requests at once, all answered.
    let threads: Vec<_> = (0..300)
        .map(|i| {
            let address = address.clone();
            std::thread::spawn(move || {
                let path = match i % 3 {
                    0 => "/".to_string(),
                    1 => "/api/search?q=neglect&limit=5".to_string(),
                    _ => format!("/api/search?q={}", "(".repeat(50)),
                };
                status(&get(&address, &path))
            })
        })
        .collect();
    for (i, thread) in threads.into_iter().enumerate() {
        let code = thread.join().unwrap();
        let expected = match i % 3 {
            0 => 200,
            1 => 200,
            _ => 400,
        };
        assert_eq!(code, expected, "request {i}");
    }
    healthy();
}

#[test]
fn serve_answers_every_page_of_a_national_site() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/national"),
        dir.path(),
    );
    for area in ["north", "south", "east"] {
        let root = dir.path().join(area);
        let _ = std::fs::remove_dir_all(root.join("public"));
        let built = clearhouse(&root, &["build", "--quiet"]);
        assert!(
            built.status.success(),
            "{}",
            String::from_utf8_lossy(&built.stderr)
        );
    }
    let national = dir.path().join("scotland");
    let server = start(&national);
    let built = clearhouse(&national, &["build", "--quiet"]);
    assert!(built.status.success());
    let public = national.join("public");
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(public.join("national")) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(&public)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let reply = server.handle(&request("GET", &format!("/{rel}")));
        assert_eq!(reply.status, 200, "/{rel}");
        if rel.ends_with(".csv") {
            assert_eq!(reply.content_type, "text/csv; charset=utf-8");
        }
        checked += 1;
    }
    assert!(checked >= 10, "{checked} national files");
    let icon = server.handle(&request("GET", "/favicon.ico"));
    assert_eq!(icon.status, 200);
    assert_eq!(icon.content_type, "image/vnd.microsoft.icon");
}

/// A reviewer at the desk in Chromium (`tests/browser/desk.mjs`): decides,
/// replaces and allows from the keyboard, axe finds nothing serious, a
/// page of another origin cannot act; then the files, `check` and `build`
/// say what the desk did. `CLEARHOUSE_DESK_SHOTS=DIR` keeps screenshots.
#[test]
fn a_reviewer_uses_the_desk_in_chromium() {
    let Some(project) = crate::browser::browser_project() else {
        return;
    };
    let site = site_with_findings();
    let root = site.path();
    let (_serving, address) = spawn_serve(root, &[]);
    let mut node = Command::new("node");
    node.arg("desk.mjs")
        .arg(format!("http://{address}/_review/"))
        .current_dir(&project);
    if let Ok(dir) = std::env::var("CLEARHOUSE_DESK_SHOTS") {
        node.args(["--shots", &dir]);
    }
    let run = node.output().expect("node runs");
    println!("{}", String::from_utf8_lossy(&run.stdout));
    eprintln!("{}", String::from_utf8_lossy(&run.stderr));
    assert!(
        run.status.success(),
        "the desk checks failed (output above)"
    );
    assert_decided_replaced_allowed(root, "cpc-member");
}

/// The decided spans a bundle will carry: on a published item, where the
/// bundle's body has them, with the bundle entry's own checksum.
#[test]
fn decided_spans_point_into_the_bundle_entry_they_were_decided_on() {
    let site = copy_site(&samples().join("good-site"));
    let root = site.path();
    let item = "content/reports/sa-2023-02.md";
    let path = root.join(item);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(&format!("\n{DECIDED_SENTENCE}\n"));
    std::fs::write(&path, &text).unwrap();
    // The CPC signs off the text; the COG signs off only once the desk
    // has decided every finding (sign-off does not change the digest the
    // decision is recorded against).
    let sign = |by: &str| {
        let file = path.to_string_lossy();
        let signed = clearhouse(
            root,
            &["signoff", &file, "--by", by, "--date", "2026-11-01"],
        );
        assert!(
            signed.status.success(),
            "{}",
            String::from_utf8_lossy(&signed.stderr)
        );
    };
    sign("cpc");
    let server = start(root);
    let html = desk(&server);
    let reply = server.handle(&post(
        "decide",
        &[
            ("token", &field(&html, "token")),
            ("path", item),
            ("id", &field(entry(&html, "Gloverbrae"), "id")),
            ("role", "reviewer"),
        ],
    ));
    assert_eq!(reply.status, 303, "{}", reply.body_text());
    sign("cog");
    let built = clearhouse(root, &["build", "--quiet"]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );

    let options = SiteOptions {
        root: root.to_path_buf(),
        register: None,
        today: Day::parse(TODAY).unwrap(),
    };
    let admitted = match clearhouse::build::check(&options) {
        Ok(admitted) => admitted,
        Err(_) => panic!("the site is checked"),
    };
    let decided = admitted.decided_spans();
    assert_eq!(decided.len(), 1, "{decided:?}");
    assert_eq!(decided[0].review_id, "SA-2023-02");
    let span = &decided[0].spans[0];
    assert_eq!(
        (span.field.as_str(), span.kind.as_str(), span.length),
        ("body", "person-name", 10)
    );

    let bundle: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join("public/learning-bundle.json")).unwrap())
            .unwrap();
    let entry = bundle["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["review_id"] == "SA-2023-02")
        .unwrap();
    assert_eq!(entry["sha256"], decided[0].sha256.as_str());
    let line = entry["body"]
        .as_str()
        .unwrap()
        .lines()
        .nth(span.line - 1)
        .unwrap();
    let at: String = line
        .chars()
        .skip(span.column - 1)
        .take(span.length)
        .collect();
    assert_eq!(at, "Gloverbrae");
}

/// The command-line search once aborted on deeply nested brackets and
/// panicked on a huge limit; it now reads words only, so both answer.
#[test]
fn the_command_line_search_survives_what_once_aborted_it() {
    let site = copy_site(&samples().join("good-site"));
    let built = clearhouse(site.path(), &["build", "--quiet"]);
    assert!(built.status.success());
    let deep = "(".repeat(800);
    for args in [
        vec!["search", deep.as_str()],
        vec!["search", "child", "--limit", "18446744073709551615"],
    ] {
        let out = clearhouse(site.path(), &args);
        assert!(
            out.status.code().is_some_and(|c| c <= 2),
            "{args:?} ended by a signal or panic: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    }
}

/// Decisions are checked with the key in `private/`, or the one a hosted
/// build is given as `CLEARHOUSE_DECISIONS_KEY`; without it none applies
/// and `check` says why (failing closed).
#[test]
fn without_the_key_no_decision_applies() {
    let site = copy_site(&samples().join("good-site"));
    let root = site.path();
    let item = "content/reports/sa-2023-02.md";
    let path = root.join(item);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(&format!("\n{DECIDED_SENTENCE}\n"));
    std::fs::write(&path, &text).unwrap();
    let server = start(root);
    let html = desk(&server);
    let reply = server.handle(&post(
        "decide",
        &[
            ("token", &field(&html, "token")),
            ("path", item),
            ("id", &field(entry(&html, "Gloverbrae"), "id")),
            ("role", "administrator"),
        ],
    ));
    assert_eq!(reply.status, 303, "{}", reply.body_text());
    assert_eq!(check_json(root).0, 0);

    let key_file = root.join("private/decisions.key");
    let key = std::fs::read_to_string(&key_file).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "only its owner can read the key");
    }
    std::fs::remove_file(&key_file).unwrap();
    let (code, json) = check_json(root);
    assert_eq!(code, 1, "without the key the finding blocks again");
    assert!(json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "decisions-key" && f["severity"] == "warning"));
    let hosted = clearhouse_with(
        root,
        &["check", "--format", "json"],
        &[("CLEARHOUSE_DECISIONS_KEY", key.trim())],
    );
    assert!(
        hosted.status.success(),
        "{}",
        String::from_utf8_lossy(&hosted.stderr)
    );
    let wrong = clearhouse_with(
        root,
        &["check"],
        &[("CLEARHOUSE_DECISIONS_KEY", "not a key")],
    );
    assert_eq!(wrong.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&wrong.stderr)
        .contains("CLEARHOUSE_DECISIONS_KEY is not a decisions key"));
}
