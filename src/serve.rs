//! `clearhouse serve`: a local preview of the site with live reload, and
//! `/api/search` answered from the tantivy index.
//!
//! What the preview shows is what admission decides, exactly as for a
//! build: a blocked item is absent everywhere (pages, listings, feeds,
//! JSON, `/api/search`, browser search); a held item or draft appears only
//! as its own page, marked "DRAFT — not published", listed and indexed
//! nowhere. The site is held in memory. When an item changes, only that
//! item is admitted again (its page rendered and scanned) and the pages
//! that list items are rendered again when next asked for; a change to
//! config, the register, the theme or `static/` admits the whole site
//! again. After every change the browser search bundle is rebuilt in the
//! background from the published pages, and `/pagefind/…` waits for it
//! rather than answer with a stale one.
//!
//! Loopback only: a preview shows unpublished text.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

use crate::admission::{self, Admission, AdmissionError, Changed, Mode, Verdict};
use crate::build;
use crate::content;
use crate::findings::Finding;
use crate::load::{self, RegisterSource, SiteOptions};
use crate::render::{Theme, ViewCache};
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

type Files = HashMap<String, Arc<Vec<u8>>>;

/// The previewed site.
struct Preview {
    admission: Admission,
    /// Loaded once per full admission: templates compile in milliseconds,
    /// but an edit should not wait for them.
    theme: Theme,
    /// The published site, as a build would write it (but for the search
    /// bundle, which `BrowserSearch` holds).
    files: Files,
    /// Draft previews of held items: served, never listed or indexed.
    drafts: Files,
    cache: ViewCache,
}

/// Why `serve` could not start.
pub enum StartError {
    /// The site cannot be read at all (no config, no register).
    Unreadable(Vec<Finding>),
    Admission(AdmissionError),
}

pub struct Server {
    options: SiteOptions,
    /// `None` once a change left the site unreadable: nothing is served
    /// until it can be admitted again (failing closed).
    preview: RwLock<Option<Preview>>,
    index: Mutex<Option<SearchIndex>>,
    version: AtomicU64,
    /// Set when an edit changed what pages listing items should show.
    lists_stale: AtomicBool,
    base: String,
    search: BrowserSearch,
}

/// What happened on a change, for the terminal.
pub struct Update {
    pub rebuilt: bool,
    pub took: Duration,
    pub findings: Vec<Finding>,
}

impl Server {
    /// Admits and renders the whole site, and starts building its browser
    /// search bundle. Fails only when the site cannot be read at all.
    pub fn start(options: SiteOptions) -> Result<Arc<Server>, StartError> {
        let (preview, index) = full_admission(&options)?;
        let base = preview.admission.site().config.base_path();
        let server = Arc::new(Server {
            options,
            preview: RwLock::new(Some(preview)),
            index: Mutex::new(index),
            version: AtomicU64::new(1),
            lists_stale: AtomicBool::new(false),
            base,
            search: BrowserSearch::default(),
        });
        server.refresh_browser_search();
        Ok(server)
    }

    /// Every finding of the site as it is now.
    pub fn findings(&self) -> Vec<Finding> {
        self.read(|p| p.admission.all_findings())
            .unwrap_or_default()
    }

    /// The draft previews: their output paths and why each is held.
    pub fn drafts(&self) -> Vec<(String, String)> {
        self.read(|p| {
            p.admission
                .items
                .iter()
                .filter_map(|item| match &item.verdict {
                    Verdict::Held {
                        hold,
                        preview: Some(page),
                    } => Some((page.clone(), hold.describe())),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
    }

    pub fn version(&self) -> u64 {
        self.version.load(Ordering::SeqCst)
    }

    pub fn base_path(&self) -> &str {
        &self.base
    }

    fn read<T>(&self, f: impl FnOnce(&Preview) -> T) -> Option<T> {
        let guard = self.preview.read().ok()?;
        guard.as_ref().map(f)
    }

    /// The register's file when it lives outside the site root (a
    /// `--register` or `CLEARHOUSE_REGISTER` path), so that it is watched
    /// too: a new entry must take effect in the preview at once.
    fn register_outside_root(&self) -> Option<PathBuf> {
        let config = self.read(|p| p.admission.site().config.clone())?;
        match load::register_source(&self.options, &config) {
            RegisterSource::File(path, _) => {
                let path = std::fs::canonicalize(&path).unwrap_or(path);
                (!path.starts_with(&self.options.root)).then_some(path)
            }
            _ => None,
        }
    }

    /// Reacts to changed paths (absolute or root-relative).
    pub fn update(self: &Arc<Self>, changed: &[PathBuf]) -> Update {
        let start = Instant::now();
        let root = &self.options.root;
        // Editors write through temporary files that are gone by now; a
        // vanished path matters only if it was an item.
        let relative: Vec<String> = changed
            .iter()
            .map(|p| content::relative(root, p))
            .filter(|rel| !ignored(rel))
            .filter(|rel| root.join(rel).exists() || content::item_kind_of(rel).is_some())
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
        let only_items = relative
            .iter()
            .all(|rel| content::item_kind_of(rel).is_some());
        let (rebuilt, findings) = match only_items.then(|| self.update_items(&relative)) {
            Some(Some(findings)) => (false, findings),
            // Not only items, or items whose review ids another item shares.
            _ => (true, self.rebuild()),
        };
        self.version.fetch_add(1, Ordering::SeqCst);
        self.refresh_browser_search();
        Update {
            rebuilt,
            took: start.elapsed(),
            findings,
        }
    }

    /// Admits the whole site again. When it cannot be read any more (a
    /// broken register or config), nothing is served until it can.
    fn rebuild(&self) -> Vec<Finding> {
        let (preview, index, findings) = match full_admission(&self.options) {
            Ok((preview, index)) => {
                let findings = preview.admission.all_findings();
                (Some(preview), index, findings)
            }
            Err(StartError::Unreadable(findings)) => (None, None, findings),
            Err(StartError::Admission(e)) => (None, None, vec![admission_finding(&e)]),
        };
        if let Ok(mut guard) = self.preview.write() {
            *guard = preview;
            self.lists_stale.store(false, Ordering::SeqCst);
        }
        if let Ok(mut guard) = self.index.lock() {
            *guard = index;
        }
        findings
    }

    /// Admits the changed items again. `None` when the whole site must be
    /// admitted again (a review id another item shares, or no site).
    fn update_items(&self, changed: &[String]) -> Option<Vec<Finding>> {
        let mut guard = self.preview.write().ok()?;
        let preview = guard.as_mut()?;
        let root = &self.options.root;
        let config = preview.admission.site().config.clone();
        let changed: Vec<Changed> = changed
            .iter()
            .map(|rel| {
                let item = root
                    .join(rel)
                    .exists()
                    .then(|| load::load_item(&config, root, rel));
                (rel.clone(), item)
            })
            .collect();
        let done = match preview.admission.readmit(changed, &preview.theme) {
            Ok(done) => done,
            Err(e) => return Some(vec![admission_finding(&e)]),
        };
        if done.needs_full {
            return None;
        }
        for page in &done.removed_pages {
            preview.files.remove(page);
            preview.drafts.remove(page);
        }
        for file in done.files {
            preview.files.insert(file.path, Arc::new(file.bytes));
        }
        for file in done.previews {
            preview.drafts.insert(file.path, Arc::new(file.bytes));
        }
        if let Ok(mut index) = self.index.lock() {
            if let Some(index) = index.as_mut() {
                for (area, review_id) in &done.unpublished {
                    let _ = index.remove_item(area, review_id);
                }
                let site = preview.admission.site();
                for item in site
                    .items
                    .iter()
                    .filter(|i| done.published.contains(&i.source.path))
                {
                    let _ = index.update_item(site, item);
                }
            }
        }
        self.lists_stale.store(true, Ordering::SeqCst);
        Some(done.findings)
    }

    /// Renders the pages that list items (home, themes, CLEAR, feeds…)
    /// again after edits, reusing the rendered Markdown of unchanged items;
    /// a page that fails the post-render scan is taken off the preview.
    fn refresh_lists(&self) -> Vec<Finding> {
        let Ok(mut guard) = self.preview.write() else {
            return Vec::new();
        };
        let Some(preview) = guard.as_mut() else {
            return Vec::new();
        };
        if !self.lists_stale.load(Ordering::SeqCst) {
            return Vec::new();
        }
        let listings = match preview
            .admission
            .listings(&preview.theme, &mut preview.cache)
        {
            Ok(listings) => listings,
            Err(e) => return vec![admission_finding(&e)],
        };
        for path in &listings.refused {
            preview.files.remove(path);
        }
        for file in listings.files {
            preview.files.insert(file.path, Arc::new(file.bytes));
        }
        self.lists_stale.store(false, Ordering::SeqCst);
        listings.findings
    }

    /// Starts building the browser search bundle of the site as it is now;
    /// the one served so far is dropped at once, so that a page admission
    /// has just taken off is never found by a search.
    fn refresh_browser_search(self: &Arc<Self>) {
        let start = self.search.want();
        if start {
            let server = Arc::clone(self);
            std::thread::spawn(move || server.build_browser_search());
        }
    }

    /// Builds bundles until one is for the latest state of the site.
    fn build_browser_search(&self) {
        loop {
            let generation = self.search.wanted();
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                self.browser_search_files()
            }))
            .unwrap_or_else(|_| Err("building the browser search bundle failed".to_string()));
            if self.search.built(generation, result) {
                return;
            }
        }
    }

    /// The Pagefind bundle of the published pages as they are now, split
    /// into bundles as a build splits it, since the search page lists the
    /// further bundles of a large site.
    fn browser_search_files(&self) -> Result<Files, String> {
        let findings = self.refresh_lists();
        if !findings.is_empty() {
            eprint!(
                "{}",
                crate::report::render(&findings, &[], crate::report::Format::Human, false, false)
            );
        }
        let (site, pages) = self
            .read(|preview| {
                let pages: Vec<(String, String)> = preview
                    .files
                    .iter()
                    .filter(|(path, _)| path.ends_with(".html"))
                    .map(|(path, bytes)| {
                        (path.clone(), String::from_utf8_lossy(bytes).into_owned())
                    })
                    .collect();
                (preview.admission.site_arc(), pages)
            })
            .ok_or("the site cannot be read")?;
        let mut indexer = crate::search::pagefind::ShardedIndexer::new(
            &site,
            crate::search::pagefind::shard_items(),
        )
        .map_err(|e| e.to_string())?;
        for (path, html) in pages {
            indexer.add_page(&path, html).map_err(|e| e.to_string())?;
        }
        let bundle = indexer.finish().map_err(|e| e.to_string())?;
        Ok(bundle
            .files
            .into_iter()
            .map(|f| (f.path, Arc::new(f.bytes)))
            .collect())
    }

    /// The response body and content type for a request path, or None.
    pub fn respond(&self, url: &str) -> Option<(Vec<u8>, &'static str)> {
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        let path = crate::text::percent_decode(path);
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
        if under_base.starts_with("pagefind/") {
            let bytes = self.search.file(under_base)?;
            return Some((bytes.to_vec(), content_type(under_base)));
        }
        if self.lists_stale.load(Ordering::SeqCst) && lists_items(under_base) {
            let findings = self.refresh_lists();
            if !findings.is_empty() {
                eprint!(
                    "{}",
                    crate::report::render(
                        &findings,
                        &[],
                        crate::report::Format::Human,
                        false,
                        false
                    )
                );
            }
        }
        let candidates = [
            under_base.to_string(),
            format!("{under_base}index.html"),
            format!("{under_base}/index.html"),
        ];
        let (found, bytes) = self.read(|preview| {
            candidates.iter().find_map(|c| {
                preview
                    .files
                    .get(c)
                    .or_else(|| preview.drafts.get(c))
                    .map(|b| (c.clone(), Arc::clone(b)))
            })
        })??;
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

/// The browser search bundle of the preview, one generation per change
/// to the site: requests wait for the bundle of the latest generation.
#[derive(Default)]
struct BrowserSearch {
    state: Mutex<SearchState>,
    ready: Condvar,
}

#[derive(Default)]
struct SearchState {
    /// The generation of the site the bundle must be for.
    wanted: u64,
    /// The generation `files` are for.
    built: u64,
    files: Files,
    /// A thread is building.
    building: bool,
    /// Why the last bundle could not be built.
    failed: Option<String>,
}

impl BrowserSearch {
    /// A new generation is wanted; true when a thread must be started.
    fn want(&self) -> bool {
        let Ok(mut state) = self.state.lock() else {
            return false;
        };
        state.wanted += 1;
        state.files.clear();
        state.failed = None;
        let start = !state.building;
        state.building = true;
        start
    }

    fn wanted(&self) -> u64 {
        self.state.lock().map(|s| s.wanted).unwrap_or(0)
    }

    /// Records the bundle built for `generation`; true when it is the
    /// latest (the builder may stop), false when another is wanted.
    fn built(&self, generation: u64, result: Result<Files, String>) -> bool {
        let Ok(mut state) = self.state.lock() else {
            return true;
        };
        if generation != state.wanted {
            return false;
        }
        match result {
            Ok(files) => state.files = files,
            Err(why) => {
                eprintln!("error: browser search is not available in this preview: {why}");
                state.failed = Some(why);
            }
        }
        state.built = generation;
        state.building = false;
        self.ready.notify_all();
        true
    }

    /// A file of the latest bundle, once it is built.
    fn file(&self, path: &str) -> Option<Arc<Vec<u8>>> {
        let state = self.state.lock().ok()?;
        let state = self
            .ready
            .wait_while(state, |s| s.built != s.wanted && s.failed.is_none())
            .ok()?;
        state.files.get(path).cloned()
    }
}

/// A problem rendering, as a finding the terminal shows.
fn admission_finding(error: &AdmissionError) -> Finding {
    Finding::file(
        "themes",
        1,
        crate::findings::Kind::Schema,
        "render",
        crate::findings::Severity::Error,
        error.to_string(),
    )
}

/// Loads and admits the whole site for the preview, and indexes it.
fn full_admission(options: &SiteOptions) -> Result<(Preview, Option<SearchIndex>), StartError> {
    let loaded = load::load(options).map_err(StartError::Unreadable)?;
    let mut admission = admission::admit(loaded, Mode::Preview).map_err(StartError::Admission)?;
    let site = admission.site();
    let theme =
        Theme::load(&site.root, &site.config.theme).map_err(|e| StartError::Admission(e.into()))?;
    let index = SearchIndex::build(site, &build::index_dir(&options.root)).ok();
    let files = std::mem::take(&mut admission.files)
        .into_iter()
        .map(|f| (f.path, Arc::new(f.bytes)))
        .collect();
    let drafts = std::mem::take(&mut admission.previews)
        .into_iter()
        .map(|f| (f.path, Arc::new(f.bytes)))
        .collect();
    Ok((
        Preview {
            admission,
            theme,
            files,
            drafts,
            cache: ViewCache::default(),
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
    let _watcher = watch(&root, server.register_outside_root(), move |paths| {
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

/// Watches `root` (and the register, when it lives elsewhere), calling
/// `changed` with batches of changed paths (events arriving within 30 ms
/// of each other are batched: editors write a file in several steps).
fn watch(
    root: &Path,
    register: Option<PathBuf>,
    changed: impl Fn(Vec<PathBuf>) + Send + 'static,
) -> Result<notify::RecommendedWatcher, String> {
    use notify::Watcher;
    let (tx, rx) = std::sync::mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher =
        notify::recommended_watcher(tx).map_err(|e| format!("cannot watch the site: {e}"))?;
    watcher
        .watch(root, notify::RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    // Editors replace a file rather than write it in place, so the
    // register's folder is watched, and only the register's events kept.
    let register_dir = register
        .as_ref()
        .and_then(|r| r.parent().map(Path::to_path_buf));
    if let Some(dir) = &register_dir {
        watcher
            .watch(dir, notify::RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
    }
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
                .filter(|p| match p.strip_prefix(&root) {
                    Ok(_) => !ignored(&content::relative(&root, p)),
                    Err(_) => Some(p) == register.as_ref(),
                })
                .collect();
            if !relevant.is_empty() {
                changed(relevant);
            }
        }
    });
    Ok(watcher)
}
