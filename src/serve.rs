//! `clearhouse serve`: a local preview of the site with live reload, and
//! `/api/search` answered from the tantivy index.
//!
//! The site is held in memory. When an item changes, only that item is
//! loaded, validated and gated again, its Markdown re-rendered, and the
//! pages that list items rebuilt; the tantivy index is updated in place.
//! Pagefind (browser search) is built once at start-up in the background
//! and not rebuilt on edits: `/search/` in a preview searches the site as
//! it was when `serve` started. A change to config, theme, static files or
//! the register rebuilds everything. Items that fail validation or the gate
//! are taken off the preview and their findings printed (masked).
//!
//! Loopback only: a preview may show unpublished text.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use crate::build::{self, Checked, SiteOptions};
use crate::content::{self, ItemKind, Status};
use crate::findings::Finding;
use crate::output::OutputFile;
use crate::render::ViewCache;
use crate::search::{Query, SearchIndex};

/// The path prefix of serve's own endpoints (under the site's base path).
const INTERNAL: &str = "__clearhouse/";

const RELOAD_JS: &str = r#"// clearhouse serve: reloads the page when the site changes.
(function () {
  var script = document.currentScript;
  var url = script.getAttribute("data-version-url");
  var seen = script.getAttribute("data-version");
  setInterval(function () {
    fetch(url, { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (v) {
      if (v !== seen) { location.reload(); }
    }).catch(function () {});
  }, 500);
})();
"#;

/// The previewed site.
struct Preview {
    checked: Checked,
    /// Loaded once per full render: templates compile in milliseconds, but
    /// an edit should not wait for them.
    theme: crate::render::Theme,
    files: HashMap<String, Arc<Vec<u8>>>,
    cache: ViewCache,
    findings: Vec<Finding>,
}

pub struct Server {
    options: SiteOptions,
    preview: RwLock<Preview>,
    index: Mutex<Option<SearchIndex>>,
    version: AtomicU64,
    /// Set when an edit changed what pages listing items should show.
    lists_stale: AtomicBool,
    base: String,
}

/// What happened on a change, for the terminal.
pub struct Update {
    pub rebuilt: bool,
    pub took: Duration,
    pub findings: Vec<Finding>,
}

impl Server {
    /// Checks and renders the whole site. Fails only when the site cannot
    /// be read at all (no config, no register).
    pub fn start(options: SiteOptions) -> Result<Arc<Server>, Vec<Finding>> {
        let (preview, index) = full_render(&options)?;
        let base = preview.checked.site.config.base_path();
        let server = Arc::new(Server {
            options,
            preview: RwLock::new(preview),
            index: Mutex::new(index),
            version: AtomicU64::new(1),
            lists_stale: AtomicBool::new(false),
            base,
        });
        let background = Arc::clone(&server);
        std::thread::spawn(move || background.add_browser_search());
        Ok(server)
    }

    pub fn findings(&self) -> Vec<Finding> {
        self.preview
            .read()
            .map(|p| p.findings.clone())
            .unwrap_or_default()
    }

    pub fn version(&self) -> u64 {
        self.version.load(Ordering::SeqCst)
    }

    pub fn base_path(&self) -> &str {
        &self.base
    }

    /// Builds the Pagefind bundle for the site as it is now and serves it,
    /// split into bundles as a build splits it, since the search page
    /// lists the further bundles of a large site.
    fn add_browser_search(&self) {
        let (pages, indexer) = {
            let Ok(preview) = self.preview.read() else {
                return;
            };
            let pages: Vec<(String, String)> = preview
                .files
                .iter()
                .filter(|(path, _)| path.ends_with(".html"))
                .map(|(path, bytes)| (path.clone(), String::from_utf8_lossy(bytes).into_owned()))
                .collect();
            let indexer = crate::search::pagefind::ShardedIndexer::new(
                &preview.checked.site,
                crate::search::pagefind::shard_items(),
            );
            (pages, indexer)
        };
        let Ok(mut indexer) = indexer else {
            return;
        };
        for (path, html) in pages {
            if indexer.add_page(&path, html).is_err() {
                return;
            }
        }
        if let Ok(bundle) = indexer.finish() {
            if let Ok(mut preview) = self.preview.write() {
                for file in bundle.files {
                    preview.files.insert(file.path, Arc::new(file.bytes));
                }
            }
        }
    }

    /// Reacts to changed paths (absolute or root-relative).
    pub fn update(&self, changed: &[PathBuf]) -> Update {
        let start = Instant::now();
        let root = &self.options.root;
        // Editors write through temporary files that are gone by now; a
        // vanished path matters only if it was an item.
        let relative: Vec<String> = changed
            .iter()
            .map(|p| content::relative(root, p))
            .filter(|rel| !ignored(rel))
            .filter(|rel| root.join(rel).exists() || item_kind(rel).is_some())
            .collect();
        if std::env::var_os("CLEARHOUSE_DEBUG_WATCH").is_some() {
            eprintln!("changed: {relative:?}");
        }
        if relative.is_empty() {
            return Update {
                rebuilt: false,
                took: start.elapsed(),
                findings: Vec::new(),
            };
        }
        let only_items = relative.iter().all(|rel| item_kind(rel).is_some());
        let result = if only_items {
            self.update_items(&relative)
        } else {
            self.rebuild()
        };
        self.version.fetch_add(1, Ordering::SeqCst);
        let findings = result.unwrap_or_else(|f| f);
        Update {
            rebuilt: !only_items,
            took: start.elapsed(),
            findings,
        }
    }

    fn rebuild(&self) -> Result<Vec<Finding>, Vec<Finding>> {
        let (preview, index) = full_render(&self.options)?;
        let findings = preview.findings.clone();
        if let Ok(mut guard) = self.preview.write() {
            *guard = preview;
            self.lists_stale.store(false, Ordering::SeqCst);
        }
        if let Ok(mut guard) = self.index.lock() {
            *guard = index;
        }
        Ok(findings)
    }

    fn update_items(&self, changed: &[String]) -> Result<Vec<Finding>, Vec<Finding>> {
        let mut preview = self.preview.write().map_err(|_| Vec::new())?;
        let preview = &mut *preview;
        let root = self.options.root.clone();
        let mut findings = Vec::new();
        let mut index = self.index.lock().map_err(|_| Vec::new())?;
        for rel in changed {
            let site = &mut preview.checked.site;
            let previous = site.items.iter().position(|i| &i.source.path == rel);
            if let Some(at) = previous {
                let old = site.items.remove(at);
                let old_path = site.item_path(&old);
                preview.files.retain(|path, _| !path.starts_with(&old_path));
                if let Some(index) = index.as_mut() {
                    let _ = index.remove_item(&old.area, &old.meta.review_id);
                }
            }
            preview.findings.retain(|f| &f.path != rel);
            let path = root.join(rel);
            if !path.exists() {
                continue;
            }
            let kind = item_kind(rel).unwrap_or(ItemKind::Report);
            let area = site.config.area.clone().unwrap_or_default();
            let bytes = std::fs::read(&path).unwrap_or_default();
            let item = match content::parse_item(rel, bytes, kind, &area) {
                Ok(item) => item,
                Err(finding) => {
                    findings.push(finding);
                    continue;
                }
            };
            let (status, mut found) =
                content::validate(&item, &site.vocabulary, self.options.today);
            if status != Status::Published {
                continue;
            }
            found.extend(preview.checked.gate.scan_item(&item));
            let clash = site.items.iter().any(|other| {
                other
                    .meta
                    .review_id
                    .eq_ignore_ascii_case(&item.meta.review_id)
            });
            let blocked = clash || found.iter().any(Finding::is_error);
            findings.extend(found);
            if !blocked {
                if let Some(index) = index.as_mut() {
                    let _ = index.update_item(site, &item);
                }
                site.items.push(item);
            }
        }
        let site = &mut preview.checked.site;
        crate::site::sort_items(&mut site.items);
        // The edited item's page now; the pages that list items when they
        // are next asked for (on a large site they take seconds, and the
        // Reviewer is looking at the item).
        let mut files = Vec::new();
        for item in site
            .items
            .iter()
            .filter(|i| changed.contains(&i.source.path))
        {
            files.push(
                crate::render::render_item(site, &preview.theme, item)
                    .map_err(|e| vec![render_finding(&e)])?,
            );
        }
        let leaks = crate::output::scan_output(&files, preview.checked.gate.register());
        if !leaks.is_empty() {
            return Err(leaks);
        }
        for file in files {
            preview.files.insert(file.path, Arc::new(file.bytes));
        }
        self.lists_stale.store(true, Ordering::SeqCst);
        preview.findings.extend(findings.iter().cloned());
        Ok(findings)
    }

    /// Re-renders the pages that list items (home, themes, CLEAR, feeds…)
    /// after edits, reusing the rendered Markdown of unchanged items.
    fn refresh_lists(&self) -> Result<(), Vec<Finding>> {
        let mut preview = self.preview.write().map_err(|_| Vec::new())?;
        if !self.lists_stale.load(Ordering::SeqCst) {
            return Ok(());
        }
        let preview = &mut *preview;
        let files = crate::render::render_update(
            &preview.checked.site,
            &preview.theme,
            &mut preview.cache,
            &[],
        )
        .map_err(|e| vec![render_finding(&e)])?;
        let leaks = crate::output::scan_output(&files, preview.checked.gate.register());
        if !leaks.is_empty() {
            return Err(leaks);
        }
        for file in files {
            preview.files.insert(file.path, Arc::new(file.bytes));
        }
        self.lists_stale.store(false, Ordering::SeqCst);
        Ok(())
    }

    /// The response body and content type for a request path, or None.
    pub fn respond(&self, url: &str) -> Option<(Vec<u8>, &'static str)> {
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        let path = percent_decode(path);
        let under_base = path
            .strip_prefix(self.base.as_str())
            .or_else(|| (path.as_str() == self.base.trim_end_matches('/')).then_some(""))?;
        if let Some(internal) = under_base.strip_prefix(INTERNAL) {
            return match internal {
                "version" => Some((
                    self.version().to_string().into_bytes(),
                    "text/plain; charset=utf-8",
                )),
                "reload.js" => Some((
                    RELOAD_JS.as_bytes().to_vec(),
                    "text/javascript; charset=utf-8",
                )),
                _ => None,
            };
        }
        if under_base == "api/search" {
            return Some((self.api_search(query), "application/json"));
        }
        if self.lists_stale.load(Ordering::SeqCst) && lists_items(under_base) {
            if let Err(findings) = self.refresh_lists() {
                eprint!(
                    "{}",
                    crate::report::render(&findings, crate::report::Format::Human, false, false)
                );
            }
        }
        let preview = self.preview.read().ok()?;
        let candidates = [
            under_base.to_string(),
            format!("{under_base}index.html"),
            format!("{under_base}/index.html"),
        ];
        let (found, bytes) = candidates
            .iter()
            .find_map(|c| preview.files.get(c).map(|b| (c.clone(), Arc::clone(b))))?;
        let content_type = content_type(&found);
        if content_type.starts_with("text/html") {
            return Some((self.with_reload(&bytes), content_type));
        }
        Some((bytes.to_vec(), content_type))
    }

    fn with_reload(&self, html: &[u8]) -> Vec<u8> {
        let html = String::from_utf8_lossy(html);
        let tag = format!(
            "<script src=\"{base}{INTERNAL}reload.js\" data-version-url=\"{base}{INTERNAL}version\" data-version=\"{v}\"></script></body>",
            base = self.base,
            v = self.version()
        );
        match html.rfind("</body>") {
            Some(at) => format!("{}{}{}", &html[..at], tag, &html[at + 7..]).into_bytes(),
            None => html.into_owned().into_bytes(),
        }
    }

    fn api_search(&self, query: &str) -> Vec<u8> {
        let q = match Query::from_query_string(query) {
            Ok(q) => q,
            Err(e) => {
                return serde_json::to_vec(&serde_json::json!({ "error": e.to_string() }))
                    .unwrap_or_default()
            }
        };
        let index = self.index.lock();
        let result = match index.as_ref().ok().and_then(|i| i.as_ref()) {
            Some(index) => index.search(&q).map_err(|e| e.to_string()),
            None => Err("the search index is not available".to_string()),
        };
        match result {
            Ok(results) => serde_json::to_vec(&results).unwrap_or_default(),
            Err(message) => {
                serde_json::to_vec(&serde_json::json!({ "error": message })).unwrap_or_default()
            }
        }
    }
}

fn render_finding(error: &crate::render::RenderError) -> Finding {
    Finding::file(
        "themes",
        1,
        crate::findings::Kind::Schema,
        "render",
        crate::findings::Severity::Error,
        error.to_string(),
    )
}

/// Check, render and index the whole site (no Pagefind).
fn full_render(options: &SiteOptions) -> Result<(Preview, Option<SearchIndex>), Vec<Finding>> {
    let checked = build::check(options)?;
    let mut cache = ViewCache::default();
    let mut files: Vec<OutputFile> = crate::render::render_site_cached(&checked.site, &mut cache)
        .map_err(|e| vec![render_finding(&e)])?;
    files.extend(checked.statics.iter().cloned());
    let leaks = crate::output::scan_output(&files, checked.gate.register());
    if !leaks.is_empty() {
        return Err(leaks);
    }
    let index = SearchIndex::build(&checked.site, &build::index_dir(&options.root)).ok();
    let findings = checked.findings.clone();
    let files = files
        .into_iter()
        .map(|f| (f.path, Arc::new(f.bytes)))
        .collect();
    let theme = crate::render::Theme::load(&checked.site.root, &checked.site.config.theme)
        .map_err(|e| vec![render_finding(&e)])?;
    Ok((
        Preview {
            checked,
            theme,
            files,
            cache,
            findings,
        },
        index,
    ))
}

/// Whether a page may list items (anything but an item's own page, the
/// theme's assets and the search bundle).
fn lists_items(path: &str) -> bool {
    let page = path.ends_with('/')
        || path.is_empty()
        || path.ends_with(".html")
        || path.ends_with(".xml")
        || path.ends_with(".json");
    let item_page =
        path.starts_with("learning/") && !matches!(path, "learning/" | "learning/index.html");
    page && !item_page && !path.starts_with("pagefind/")
}

fn ignored(rel: &str) -> bool {
    let first = rel.split('/').next().unwrap_or("");
    matches!(first, "public" | ".clearhouse" | ".git" | "target")
        || rel.starts_with("private/anonymised")
        || rel.contains("clearhouse-tmp")
        || rel.ends_with('~')
        || rel.ends_with(".swp")
}

fn item_kind(rel: &str) -> Option<ItemKind> {
    let rest = rel.strip_prefix("content/")?;
    let (folder, name) = rest.split_once('/')?;
    if name.contains('/') || !name.ends_with(".md") {
        return None;
    }
    content::ITEM_FOLDERS
        .iter()
        .find(|(f, _)| *f == folder)
        .map(|(_, k)| *k)
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(value) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(value);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Serves on 127.0.0.1:`port` (0: any free port) until the process is
/// stopped, watching the site for changes. `on_listen` gets the address,
/// `on_update` reports each change.
pub fn run(
    server: Arc<Server>,
    port: u16,
    on_listen: impl FnOnce(String),
    on_update: impl Fn(&Update) + Send + 'static,
) -> Result<(), String> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let http = tiny_http::Server::from_listener(listener, None)
        .map_err(|e| format!("cannot serve on {address}: {e}"))?;
    let http = Arc::new(http);
    let watcher_server = Arc::clone(&server);
    let root = server.options.root.clone();
    let _watcher = watch(&root, move |paths| {
        let update = watcher_server.update(&paths);
        on_update(&update);
    })?;
    // Announce only once the watch is in place, so that no edit made after
    // the announcement is missed.
    on_listen(format!("http://{address}{}", server.base_path()));
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let http = Arc::clone(&http);
            let server = Arc::clone(&server);
            std::thread::spawn(move || {
                while let Ok(request) = http.recv() {
                    let url = request.url().to_string();
                    let response = match server.respond(&url) {
                        Some((body, content_type)) => tiny_http::Response::from_data(body)
                            .with_header(header("Content-Type", content_type))
                            .with_header(header("Cache-Control", "no-store")),
                        None if url == "/" => tiny_http::Response::from_data(Vec::new())
                            .with_status_code(302)
                            .with_header(header("Location", server.base_path())),
                        None => tiny_http::Response::from_data(
                            server
                                .respond(&format!("{}404.html", server.base_path()))
                                .map(|r| r.0)
                                .unwrap_or_default(),
                        )
                        .with_status_code(404)
                        .with_header(header("Content-Type", "text/html; charset=utf-8")),
                    };
                    // One request per connection: tiny_http's keep-alive
                    // handling was seen to stall a browser's parallel fetches
                    // of Pagefind's files; a preview does not need it.
                    let response = response.with_header(header("Connection", "close"));
                    let _ = request.respond(response);
                }
            })
        })
        .collect();
    for worker in workers {
        let _ = worker.join();
    }
    Ok(())
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("static header is valid")
}

/// Watches `root`, calling `changed` with batches of changed paths (events
/// arriving within 30 ms of each other are batched: editors write a file
/// in several steps).
fn watch(
    root: &Path,
    changed: impl Fn(Vec<PathBuf>) + Send + 'static,
) -> Result<notify::RecommendedWatcher, String> {
    use notify::Watcher;
    let (tx, rx) = std::sync::mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher =
        notify::recommended_watcher(tx).map_err(|e| format!("cannot watch the site: {e}"))?;
    watcher
        .watch(root, notify::RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    let root = root.to_path_buf();
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            let mut paths: Vec<PathBuf> = Vec::new();
            let mut add = |event: notify::Result<notify::Event>| {
                if let Ok(event) = event {
                    if matches!(event.kind, notify::EventKind::Access(_)) {
                        return;
                    }
                    for path in event.paths {
                        if !paths.contains(&path) {
                            paths.push(path);
                        }
                    }
                }
            };
            add(first);
            while let Ok(more) = rx.recv_timeout(Duration::from_millis(30)) {
                add(more);
            }
            let relevant: Vec<PathBuf> = paths
                .into_iter()
                .filter(|p| !ignored(&content::relative(&root, p)))
                .collect();
            if !relevant.is_empty() {
                changed(relevant);
            }
        }
    });
    Ok(watcher)
}
