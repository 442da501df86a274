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

mod actions;
mod desk;
pub mod http;

pub use desk::DeskOptions;
pub use http::{Listener, Reply, Request};

/// The path prefix of serve's own endpoints (under the site's base path).
const INTERNAL: &str = "__clearhouse/";
/// Where the review desk is (at the root, whatever the base path).
pub const DESK: &str = "/_review/";

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
    /// The review desk's session token: every action must carry it.
    token: String,
    desk: desk::DeskOptions,
    /// The role last chosen on the desk, offered first next time.
    role: Mutex<String>,
    /// Files a desk action wrote and admitted at once, with the time they
    /// were modified: the watcher's event for the same write is not
    /// admitted twice (the desk would reload twice).
    applied: Mutex<HashMap<PathBuf, std::time::SystemTime>>,
    /// `CLEARHOUSE_TEST_PANIC_ROUTE`: `/__clearhouse/panic` panics, so
    /// that tests can show a panic takes nothing else down.
    panic_route: bool,
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
        Server::start_with(options, desk::DeskOptions::default())
    }

    /// [`Server::start`] with the review desk's options.
    pub fn start_with(
        options: SiteOptions,
        desk: desk::DeskOptions,
    ) -> Result<Arc<Server>, StartError> {
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
            token: http::new_token(),
            desk,
            role: Mutex::new(crate::decisions::ROLES[0].0.to_string()),
            applied: Mutex::new(HashMap::new()),
            panic_route: std::env::var_os("CLEARHOUSE_TEST_PANIC_ROUTE").is_some(),
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
        let guard = recover(self.preview.read());
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

    /// What a desk action wrote: admitted now, and remembered so that the
    /// watcher's event for the same write changes nothing.
    fn update_written(self: &Arc<Self>, written: &[PathBuf]) -> Update {
        // Noted before admitting: the watcher's event may arrive while the
        // admission runs.
        {
            let mut applied = recover(self.applied.lock());
            for path in written {
                if let Ok(modified) = std::fs::metadata(path).and_then(|m| m.modified()) {
                    applied.insert(path.clone(), modified);
                }
            }
        }
        self.update(written)
    }

    /// Reacts to changed paths (absolute or root-relative), as the
    /// watcher reports them.
    pub fn on_change(self: &Arc<Self>, changed: &[PathBuf]) -> Update {
        let fresh: Vec<PathBuf> = {
            let mut applied = recover(self.applied.lock());
            changed
                .iter()
                .filter(|path| {
                    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
                    match applied.get(*path) {
                        Some(seen) if Some(*seen) == modified => {
                            applied.remove(*path);
                            false
                        }
                        _ => true,
                    }
                })
                .cloned()
                .collect()
        };
        self.update(&fresh)
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
        *recover(self.preview.write()) = preview;
        self.lists_stale.store(false, Ordering::SeqCst);
        *recover(self.index.lock()) = index;
        findings
    }

    /// Admits the changed items again. `None` when the whole site must be
    /// admitted again (a review id another item shares, or no site).
    fn update_items(&self, changed: &[String]) -> Option<Vec<Finding>> {
        let mut guard = recover(self.preview.write());
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
        {
            if let Some(index) = recover(self.index.lock()).as_mut() {
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
        let mut guard = recover(self.preview.write());
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

    /// Answers a request: any panic while answering is caught and
    /// answered 500, and leaves nothing locked (see [`recover`]).
    pub fn handle(self: &Arc<Self>, request: &http::Request) -> http::Reply {
        let reply = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.route(request)))
            .unwrap_or_else(|_| {
                http::Reply::text(
                    500,
                    "internal error: this request failed; the preview goes on",
                )
            });
        reply
            .header("X-Content-Type-Options", "nosniff")
            .header("Cache-Control", "no-store")
    }

    fn route(self: &Arc<Self>, request: &http::Request) -> http::Reply {
        let host_ok = request
            .host
            .as_deref()
            .is_some_and(|host| http::host_allowed(host, &request.listener));
        if !host_ok {
            return http::Reply::text(
                403,
                format!(
                    "this preview answers only to http://localhost:{port}/ or http://127.0.0.1:{port}/ (the Host header named another site)",
                    port = request.listener.port
                ),
            );
        }
        let path = request.url.split('?').next().unwrap_or("");
        if path == DESK.trim_end_matches('/') || path.starts_with(DESK) {
            if !request.listener.desk {
                return http::Reply::text(404, "the review desk answers on loopback only");
            }
            return desk::route(self, request);
        }
        if self.panic_route && path == "/__clearhouse/panic" {
            let _index = recover(self.index.lock());
            let _preview = recover(self.preview.write());
            panic!("a request panicked on purpose (CLEARHOUSE_TEST_PANIC_ROUTE)");
        }
        match request.method.as_str() {
            "GET" | "HEAD" => self.get(&request.url),
            _ => http::Reply::text(405, "the preview only reads: use GET")
                .header("Allow", "GET, HEAD"),
        }
    }

    /// A page of the preview, the site's 404 page, or the redirect from
    /// `/` to the base path.
    pub fn get(&self, url: &str) -> http::Reply {
        match self.site_get(url) {
            Some(reply) => reply,
            None if url == "/" => http::Reply::redirect(302, self.base_path()),
            None => {
                let page = self
                    .site_get(&format!("{}404.html", self.base_path()))
                    .map(|r| r.body)
                    .unwrap_or_default();
                http::Reply::new(404, "text/html; charset=utf-8", page)
            }
        }
    }

    /// The response body and content type for a request path, or None.
    pub fn respond(&self, url: &str) -> Option<(Vec<u8>, &'static str)> {
        self.site_get(url)
            .filter(|r| r.status == 200)
            .map(|r| (r.body, r.content_type))
    }

    fn site_get(&self, url: &str) -> Option<http::Reply> {
        let ok = |body: Vec<u8>, content_type: &'static str| {
            Some(http::Reply::new(200, content_type, body))
        };
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        let path = crate::text::percent_decode(path);
        let under_base = path
            .strip_prefix(self.base.as_str())
            .or_else(|| (path.as_str() == self.base.trim_end_matches('/')).then_some(""))?;
        if let Some(internal) = under_base.strip_prefix(INTERNAL) {
            return match internal {
                "version" => ok(
                    self.version().to_string().into_bytes(),
                    "text/plain; charset=utf-8",
                ),
                "reload.js" => ok(
                    RELOAD_JS.as_bytes().to_vec(),
                    "text/javascript; charset=utf-8",
                ),
                _ => None,
            };
        }
        if under_base == "api/search" {
            return Some(self.api_search(query));
        }
        if under_base.starts_with("pagefind/") {
            let bytes = self.search.file(under_base)?;
            return ok(bytes.to_vec(), content_type(under_base));
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
            return ok(self.with_reload(&bytes), content_type);
        }
        ok(bytes.to_vec(), content_type)
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

    /// `/api/search`: parameters checked and bounded first (400 with the
    /// reason), then searched.
    fn api_search(&self, query: &str) -> http::Reply {
        let query = match http::check_search_query(query) {
            Ok(query) => query,
            Err(message) => return http::Reply::json_error(400, &message),
        };
        let q = match Query::from_query_string(&query) {
            Ok(q) => q,
            Err(e) => return http::Reply::json_error(400, &e.to_string()),
        };
        let index = recover(self.index.lock());
        let result = match index.as_ref() {
            Some(index) => index.search(&q).map_err(|e| e.to_string()),
            None => Err("the search index is not available".to_string()),
        };
        match result {
            Ok(results) => http::Reply::new(
                200,
                "application/json",
                serde_json::to_vec(&results).unwrap_or_default(),
            ),
            Err(message) => http::Reply::json_error(503, &message),
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
        let mut state = recover(self.state.lock());
        state.wanted += 1;
        state.files.clear();
        state.failed = None;
        let start = !state.building;
        state.building = true;
        start
    }

    fn wanted(&self) -> u64 {
        recover(self.state.lock()).wanted
    }

    /// Records the bundle built for `generation`; true when it is the
    /// latest (the builder may stop), false when another is wanted.
    fn built(&self, generation: u64, result: Result<Files, String>) -> bool {
        let mut state = recover(self.state.lock());
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
        let state = recover(self.state.lock());
        let state = recover(
            self.ready
                .wait_while(state, |s| s.built != s.wanted && s.failed.is_none()),
        );
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
        // The desk's copies of files it changed: never read by a build.
        || rel.starts_with("private/backups/")
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
        "csv" => "text/csv; charset=utf-8",
        "ico" => "image/vnd.microsoft.icon",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Where `serve` listens.
#[derive(Debug, Clone)]
pub struct Listen {
    /// `--interface`: 127.0.0.1 unless the preview is to be shared.
    pub interface: std::net::IpAddr,
    /// 0: any free port.
    pub port: u16,
    /// `--expose-desk-to-network`: serve the review desk (which shows
    /// findings in clear and changes files) on a non-loopback interface
    /// too. Without it the desk has a loopback listener of its own.
    pub expose_desk: bool,
}

/// Serves until the process is stopped, watching the site for changes.
/// `on_listen` gets the site's address and the desk's; `on_update`
/// reports each change.
pub fn run(
    server: Arc<Server>,
    listen: &Listen,
    on_listen: impl FnOnce(String, String),
    on_update: impl Fn(&Update) + Send + 'static,
) -> Result<(), String> {
    let bind = |ip: std::net::IpAddr, port: u16| {
        let listener = std::net::TcpListener::bind((ip, port))
            .map_err(|e| format!("cannot listen on {ip}:{port}: {e}"))?;
        let address = listener.local_addr().map_err(|e| e.to_string())?;
        let http = tiny_http::Server::from_listener(listener, None)
            .map_err(|e| format!("cannot serve on {address}: {e}"))?;
        Ok::<_, String>((Arc::new(http), address))
    };
    let (site_http, site_address) = bind(listen.interface, listen.port)?;
    let desk_here = listen.interface.is_loopback() || listen.expose_desk;
    let mut servers = vec![(
        Arc::clone(&site_http),
        http::Listener {
            ip: listen.interface,
            port: site_address.port(),
            desk: desk_here,
        },
    )];
    let desk_address = if desk_here {
        site_address
    } else {
        // The desk shows findings in clear and changes files: it answers
        // on loopback only, on a port of its own.
        let loopback = std::net::IpAddr::from([127, 0, 0, 1]);
        let (desk_http, desk_address) = bind(loopback, 0)?;
        servers.push((
            desk_http,
            http::Listener {
                ip: loopback,
                port: desk_address.port(),
                desk: true,
            },
        ));
        desk_address
    };
    let watcher_server = Arc::clone(&server);
    let root = server.options.root.clone();
    let _watcher = watch(&root, server.register_outside_root(), move |paths| {
        let update = watcher_server.on_change(&paths);
        on_update(&update);
    })?;
    // Announce only once the watch is in place, so that no edit made after
    // the announcement is missed.
    on_listen(
        format!("http://{site_address}{}", server.base_path()),
        format!("http://{desk_address}{DESK}"),
    );
    let mut workers = Vec::new();
    for (http, listener) in servers {
        for _ in 0..4 {
            let http = Arc::clone(&http);
            let server = Arc::clone(&server);
            workers.push(std::thread::spawn(move || {
                while let Ok(request) = http.recv() {
                    answer(&server, request, listener);
                }
            }));
        }
    }
    for worker in workers {
        let _ = worker.join();
    }
    Ok(())
}

/// The largest request body read (the desk's forms are a few hundred
/// bytes).
const MAX_BODY: u64 = 64 * 1024;

/// Reads one request off the wire, answers it, and never panics.
fn answer(server: &Arc<Server>, mut request: tiny_http::Request, listener: http::Listener) {
    let header = |name: &str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str().to_string())
    };
    let mut parsed = http::Request {
        method: request.method().as_str().to_ascii_uppercase(),
        url: request.url().to_string(),
        host: header("Host"),
        origin: header("Origin"),
        fetch_site: header("Sec-Fetch-Site"),
        body: Vec::new(),
        listener,
    };
    // A body announced too large is refused before any of it is read.
    let announced = request.body_length().unwrap_or(0) as u64;
    let reply = if announced > MAX_BODY {
        Some(http::Reply::text(413, "the request body is too large"))
    } else if parsed.method == "POST" {
        use std::io::Read as _;
        let mut body = Vec::new();
        match request
            .as_reader()
            .take(MAX_BODY + 1)
            .read_to_end(&mut body)
        {
            Ok(_) if body.len() as u64 > MAX_BODY => {
                Some(http::Reply::text(413, "the request body is too large"))
            }
            Ok(_) => {
                parsed.body = body;
                None
            }
            Err(_) => Some(http::Reply::text(400, "the request body could not be read")),
        }
    } else {
        None
    };
    let reply = reply.unwrap_or_else(|| server.handle(&parsed));
    let mut response = tiny_http::Response::from_data(reply.body)
        .with_status_code(reply.status)
        .with_header(header_of("Content-Type", reply.content_type));
    for (name, value) in &reply.headers {
        // A header value with a line break cannot be sent; the reply is
        // still sent without it.
        if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response = response.with_header(h);
        }
    }
    // One request per connection: tiny_http's keep-alive handling was seen
    // to stall a browser's parallel fetches of Pagefind's files; a preview
    // does not need it.
    let response = response.with_header(header_of("Connection", "close"));
    let _ = request.respond(response);
}

fn header_of(name: &str, value: &str) -> tiny_http::Header {
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

/// The guard of a lock whose holder panicked: every lock of the preview
/// guards data that is whole between statements (a map of pages, an
/// index, a generation counter), and a request that panicked answers 500
/// on its own, so the next request goes on with the data as it is rather
/// than answer "not available" for ever.
fn recover<G>(result: Result<G, std::sync::PoisonError<G>>) -> G {
    result.unwrap_or_else(std::sync::PoisonError::into_inner)
}
