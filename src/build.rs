//! The build as a short sequence of calls into the modules that own each
//! stage: config → content → gate → render → search → output.
//!
//! `check` runs everything up to the gate; `build` continues only when
//! `check` found no error.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{Config, Scope};
use crate::content::{self, Day, Status};
use crate::findings::{sort_findings, Finding, Kind, Severity};
use crate::gate::{self, Gate, Register};
use crate::output::OutputFile;
use crate::site::Site;
use crate::source::SourceText;

/// What every command that reads a site needs to know.
#[derive(Debug, Clone)]
pub struct SiteOptions {
    /// The site root.
    pub root: PathBuf,
    /// `--register PATH`, overriding config and environment.
    pub register: Option<PathBuf>,
    /// The day to check embargoes and review dates against.
    pub today: Day,
}

/// Where the register comes from, in order of precedence.
fn load_register(options: &SiteOptions, config: &Config) -> Result<Register, Box<Finding>> {
    let common = &|w: &str| gate::names::is_english_word(w);
    if let Some(path) = &options.register {
        return Register::load(path, &path.display().to_string(), common);
    }
    if let Some(path) = std::env::var_os("CLEARHOUSE_REGISTER").filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        return Register::load(&path, "$CLEARHOUSE_REGISTER", common);
    }
    if let Some(text) = std::env::var("CLEARHOUSE_REGISTER_TOML")
        .ok()
        .filter(|t| !t.trim().is_empty())
    {
        return Register::parse(&SourceText::new("$CLEARHOUSE_REGISTER_TOML", text), common);
    }
    if let Some(path) = config.register_path(&options.root) {
        let display = content::relative(&options.root, &path);
        return Register::load(&path, &display, common);
    }
    if config.register_disabled() || config.scope == Scope::National {
        return Ok(Register::empty());
    }
    Err(Box::new(
        Finding::file("config.toml", 1, Kind::Schema, "no-register", Severity::Error, "this local site has no register of identifiers, so the gate cannot check for them")
            .with_help("add [gate] register = \"private/register.toml\" (clearhouse init makes one), pass --register PATH, or write register = false to say the site has none"),
    ))
}

/// The result of `check`: the site as it would be published, and every
/// finding (errors block publication; warnings are shown).
pub struct Checked {
    /// How long each stage took, in order.
    pub timings: Timings,
    pub site: Site,
    pub gate: Gate,
    pub statics: Vec<OutputFile>,
    pub findings: Vec<Finding>,
}

impl Checked {
    pub fn ok(&self) -> bool {
        !self.findings.iter().any(Finding::is_error)
    }
}

/// Loads, validates and gates a local site. Fatal problems (no config, no
/// register) come back as `Err` with the finding that explains them.
pub fn check(options: &SiteOptions) -> Result<Checked, Vec<Finding>> {
    let config = Config::load(&options.root).map_err(|f| vec![*f])?;
    if config.scope == Scope::National {
        return crate::national::check(options, config);
    }
    let register = load_register(options, &config).map_err(|f| vec![*f])?;
    let mut timings = Timings::default();
    let gate = Gate::new(&config.gate, register);
    let area = config.area.clone().unwrap_or_default();
    let loaded = timings.time("load", || content::load(&options.root, &area));
    let mut findings = loaded.findings;
    let vocabulary = content::Vocabulary::new(&config.taxonomy.extra_themes);

    let validated: Vec<(Status, Vec<Finding>)> = timings.time("validate and gate", || {
        loaded
            .items
            .par_iter()
            .map(|item| {
                let (status, mut found) = content::validate(item, &vocabulary, options.today);
                if status == Status::Published {
                    found.extend(gate.scan_item(item));
                }
                (status, found)
            })
            .collect()
    });
    let mut published = Vec::new();
    let mut warnings = Vec::new();
    let mut seen_ids: Vec<(String, String)> = Vec::new();
    for (item, (status, found)) in loaded.items.into_iter().zip(validated) {
        let id = item.meta.review_id.to_lowercase();
        if let Some((_, first)) = seen_ids.iter().find(|(seen, _)| *seen == id) {
            let offset = item.offset_of("review_id");
            findings.push(
                Finding::at(&item.source, offset, offset + item.meta.review_id.len() + 2, Kind::Schema, "duplicate-review-id", Severity::Error,
                    format!("review_id {} is already used by {first} (review ids are compared ignoring case)", item.meta.review_id))
                .with_help("every item needs its own review_id: its URL is made from it"),
            );
            continue;
        }
        seen_ids.push((id, item.source.path.clone()));
        let blocked = found.iter().any(Finding::is_error);
        warnings.extend(found.iter().filter(|f| !f.is_error()).cloned());
        findings.extend(found);
        if status == Status::Published && !blocked {
            published.push(item);
        }
    }
    let (statics, static_findings) = timings.time("static files", || {
        gate::statics::prepare(&options.root, &gate)
    });
    findings.extend(static_findings);
    sort_findings(&mut findings);
    let site = Site::new(
        config,
        options.root.clone(),
        options.today,
        published,
        warnings,
    );
    Ok(Checked {
        timings,
        site,
        gate,
        statics,
        findings,
    })
}

/// Wall-clock time per stage, for `build --timings` and the benchmarks.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    /// Stages one after another, in order.
    pub stages: Vec<(&'static str, std::time::Duration)>,
    /// Work that ran beside the stages (Pagefind, tantivy): not added to
    /// the total.
    pub beside: Vec<(&'static str, std::time::Duration)>,
    /// The whole build, from start to written, when known.
    pub wall: Option<std::time::Duration>,
}

impl Timings {
    pub fn time<T>(&mut self, stage: &'static str, work: impl FnOnce() -> T) -> T {
        let start = std::time::Instant::now();
        let result = work();
        self.stages.push((stage, start.elapsed()));
        result
    }

    /// One line per stage with its share of the wall time (or, when that
    /// is unknown, of the stages' sum), then the work that ran beside them,
    /// whose shares overlap the stages'.
    pub fn report(&self) -> String {
        let sum: f64 = self.stages.iter().map(|(_, d)| d.as_secs_f64()).sum();
        let total = self.wall.map_or(sum, |w| w.as_secs_f64());
        let share = |secs: f64| {
            if total > 0.0 {
                100.0 * secs / total
            } else {
                0.0
            }
        };
        let mut out = String::new();
        for (stage, d) in &self.stages {
            let secs = d.as_secs_f64();
            out.push_str(&format!(
                "{stage:>22}  {secs:8.3} s  {:5.1} %\n",
                share(secs)
            ));
        }
        for (stage, d) in &self.beside {
            let secs = d.as_secs_f64();
            out.push_str(&format!(
                "{:>22}  {secs:8.3} s  {:5.1} %  (beside)\n",
                stage,
                share(secs)
            ));
        }
        out.push_str(&format!("{:>22}  {total:8.3} s\n", "total"));
        out
    }
}

/// Default output folder: `public/` under the site root.
pub fn default_output(root: &Path) -> PathBuf {
    root.join("public")
}

/// Why a build did not replace the output.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// Validation or the gate found errors; nothing was written.
    #[error("{} finding(s) block publication", .0.iter().filter(|f| f.is_error()).count())]
    Blocked(Vec<Finding>),
    #[error(transparent)]
    Render(#[from] crate::render::RenderError),
    #[error(transparent)]
    Search(#[from] crate::search::SearchError),
    #[error("{0}")]
    RenderBudget(String),
    #[error(transparent)]
    Output(#[from] crate::output::OutputError),
}

/// What a successful build did.
pub struct Built {
    pub output: PathBuf,
    pub items: usize,
    pub files: usize,
    pub bytes: u64,
    pub timings: Timings,
    /// Warnings (CLEAR gaps and the like), shown but not blocking.
    pub warnings: Vec<Finding>,
}

/// Checks, renders, scans and atomically writes the site to `output`.
pub fn build(
    options: &SiteOptions,
    output: &Path,
    progress: &dyn Fn(&str),
) -> Result<Built, BuildError> {
    let started = std::time::Instant::now();
    let output = crate::output::check_output_dir(&options.root, output)?;
    let shard_items = crate::search::pagefind::checked_shard_items()?;
    progress("checking content and running the gate");
    let checked = check(options).map_err(BuildError::Blocked)?;
    if !checked.ok() {
        return Err(BuildError::Blocked(checked.findings));
    }
    let Checked {
        mut timings,
        site,
        gate,
        statics,
        findings,
    } = checked;
    crate::output::failpoint("before-render");
    progress("rendering pages and indexing them for search");
    // Pagefind takes most of a build and indexes on one thread: it starts
    // on the first item page and indexes while the rest of the site renders
    // and while tantivy and the register scan of the pages run, and those
    // get the other cores so that they do not slow it down.
    let (pages_tx, pages_rx) = std::sync::mpsc::channel::<Indexing>();
    let others =
        std::thread::available_parallelism().map_or(1, |n| n.get().saturating_sub(1).max(1));
    let workers = rayon::ThreadPoolBuilder::new()
        .num_threads(others)
        .thread_name(|i| format!("build-{i}"))
        .build()
        .map_err(|e| {
            BuildError::RenderBudget(format!("cannot start the rendering threads: {e}"))
        })?;
    let output = &output;
    let (mut files, browser, cli, page_leaks, staged) = std::thread::scope(|scope| {
        // Owned here so that leaving early (rendering failed) closes the
        // channel before the scope waits for the Pagefind thread.
        let pages_tx = pages_tx;
        let site = &site;
        let pagefind = std::thread::Builder::new()
            .name("pagefind".into())
            .spawn_scoped(scope, move || {
                timed(|| browser_search(site, shard_items, pages_rx))
            })
            .map_err(|e| {
                BuildError::Search(crate::search::SearchError::Pagefind {
                    step: "starting the indexing thread".into(),
                    message: e.to_string(),
                })
            })?;
        let rendered = timings.time("render", || {
            render_within_budget(site, &workers, pages_tx.clone())
        });
        let mut files = match rendered {
            Ok(files) => files,
            // Dropping the sender without `Done` tells Pagefind to stop.
            Err(e) => return Err(e),
        };
        // Pages other than item pages that a theme marked searchable.
        let item_pages: std::collections::HashSet<String> = site
            .items
            .iter()
            .map(|item| format!("{}index.html", site.item_path(item)))
            .collect();
        let marked = |file: &&OutputFile| {
            !item_pages.contains(&file.path)
                && std::str::from_utf8(&file.bytes).is_ok_and(|h| h.contains("data-pagefind-body"))
        };
        for file in files.iter().filter(marked) {
            if let Some(html) = html_text(file) {
                let _ = pages_tx.send(Indexing::Page(file.path.clone(), html));
            }
        }
        let _ = pages_tx.send(Indexing::Done);
        crate::output::failpoint("before-search");
        progress("indexing for search and scanning the output");
        let rendered_files = &mut files;
        let (browser, cli, (page_leaks, staged)) = timings.time("search and page scan", || {
            let (cli, scanned) = workers.join(
                || timed(|| crate::search::SearchIndex::build(site, &index_dir(&site.root))),
                || {
                    let files = rendered_files;
                    let page_leaks = timed(|| crate::output::scan_output(files, gate.register()));
                    // Pages that have passed their scan are written to the
                    // temporary folder while Pagefind finishes; the site is
                    // swapped in only once everything has passed.
                    let staged = page_leaks.0.is_empty().then(|| {
                        timed(|| {
                            let mut staging = crate::output::Staging::new(output)?;
                            staging.write(files)?;
                            Ok::<_, crate::output::OutputError>(staging)
                        })
                    });
                    // Written and scanned, the pages' bytes (hundreds of MB
                    // on a large site) are needed no more: free them before
                    // Pagefind builds its files, the build's peak of memory.
                    // Only their paths, origins and sizes are kept; nothing
                    // after this reads them (the post-build scan and the
                    // last write take only the files added after them).
                    let released = matches!(staged, Some((Ok(_), _))).then(|| release_bytes(files));
                    (page_leaks, (staged, released))
                },
            );
            let browser = pagefind
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (browser, cli, scanned)
        });
        Ok((files, browser, cli, page_leaks, staged))
    })?;
    let rendered = files.len();
    let (bundle, pagefind_time) = browser;
    let bundle = bundle?;
    timings.beside.push(("pagefind", pagefind_time));
    timings.beside.push(("pagefind: add pages", bundle.adding));
    timings
        .beside
        .push(("pagefind: build files", bundle.building));
    timings.beside.push(("tantivy", cli.1));
    files.extend(bundle.files);
    cli.0?;
    files.extend(statics);
    crate::output::failpoint("before-scan");
    let (mut leaks, page_scan_time) = page_leaks;
    let (staged, released) = staged;
    timings
        .beside
        .push(("scan of rendered pages", page_scan_time));
    let rest = &files[rendered..];
    // Nothing was staged when the rendered pages failed their scan.
    let (mut staging, pages_written) = match staged {
        Some((Ok(staging), pages_written)) if leaks.is_empty() => (staging, pages_written),
        Some((Err(e), _)) if leaks.is_empty() => return Err(e.into()),
        _ => {
            leaks.extend(timings.time("post-build scan", || {
                crate::output::scan_output(rest, gate.register())
            }));
            return Err(BuildError::Blocked(leaks));
        }
    };
    timings.beside.push(("write rendered pages", pages_written));
    progress("scanning and writing the search index");
    // Pagefind's files are written to the temporary folder while they are
    // scanned (the scan is mostly gunzipping; the write is mostly creating
    // 5 files per item, 0.1-0.4 ms each on these machines' disks); the
    // folder is swapped in only if the scan passes, and dropped with the
    // staging guard otherwise.
    let (more_leaks, written) = timings.time("post-build scan and write", || {
        rayon::join(
            || crate::output::scan_output(rest, gate.register()),
            || staging.write(rest),
        )
    });
    leaks.extend(more_leaks);
    if !leaks.is_empty() {
        return Err(BuildError::Blocked(leaks));
    }
    written?;
    timings.time("swap", || staging.commit())?;
    timings.wall = Some(started.elapsed());
    Ok(Built {
        output: output.clone(),
        items: site.items.len(),
        files: files.len(),
        bytes: released.unwrap_or(0) + files.iter().map(|f| f.bytes.len() as u64).sum::<u64>(),
        timings,
        warnings: findings,
    })
}

/// Empties the files' bytes, returning how many there were.
fn release_bytes(files: &mut [OutputFile]) -> u64 {
    files
        .iter_mut()
        .map(|file| std::mem::take(&mut file.bytes).len() as u64)
        .sum()
}

/// Tera has no loop limit, so a theme template can run for ever; rendering
/// gets a time budget (`CLEARHOUSE_RENDER_BUDGET` seconds, default 600)
/// and the build fails, naming the theme, when it is spent. The stuck render
/// thread is abandoned: the process exits with the error.
///
/// Each item page goes to `search` as soon as it is rendered.
fn render_within_budget(
    site: &Site,
    workers: &rayon::ThreadPool,
    search: std::sync::mpsc::Sender<Indexing>,
) -> Result<Vec<OutputFile>, BuildError> {
    let budget = std::env::var("CLEARHOUSE_RENDER_BUDGET")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(600u64);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("render".into())
            .stack_size(64 * 1024 * 1024)
            .spawn_scoped(scope, move || {
                let result = workers.install(|| -> Result<Vec<OutputFile>, BuildError> {
                    let mut files = crate::render::render_site_streaming(site, &mut |page| {
                        // Every item page, searchable or not: it brings its
                        // item's strategies to the index.
                        if let Some(html) = html_text(page) {
                            // A closed channel means indexing failed; the
                            // build reports that once rendering is done.
                            let _ = search.send(Indexing::Page(page.path.clone(), html));
                        }
                    })?;
                    if site.is_national() {
                        files.extend(crate::national::national_pages(site)?);
                    } else {
                        files.push(crate::national::write_bundle(site));
                    }
                    Ok(files)
                });
                let _ = tx.send(result);
            });
        if let Err(e) = worker {
            return Err(BuildError::RenderBudget(format!(
                "cannot start rendering: {e}"
            )));
        }
        match rx.recv_timeout(std::time::Duration::from_secs(budget)) {
            Ok(result) => result,
            Err(_) => {
                eprintln!(
                    "error: rendering took longer than {budget} s: a template in theme {:?} probably loops for ever; nothing was written",
                    site.config.theme
                );
                // A scoped thread cannot be abandoned, and a looping one
                // never ends: leave now, with the previous site untouched.
                std::process::exit(1);
            }
        }
    })
}

/// Where the tantivy index lives: a cache under the site root, never
/// published (`.clearhouse/` is in the .gitignore `init` writes).
pub fn index_dir(root: &Path) -> PathBuf {
    root.join(".clearhouse").join("index")
}

fn timed<T>(work: impl FnOnce() -> T) -> (T, std::time::Duration) {
    let start = std::time::Instant::now();
    let result = work();
    (result, start.elapsed())
}

/// What the build sends the thread that owns the Pagefind index.
enum Indexing {
    /// A rendered page: output path and HTML.
    Page(String, String),
    /// Every page has been sent. Without it (rendering failed) the thread
    /// stops without building the index.
    Done,
}

/// A page's text, if it is an HTML page. Pagefind is given only the item
/// pages and pages marked `data-pagefind-body`: it would parse and then
/// skip the others.
fn html_text(file: &OutputFile) -> Option<String> {
    if !file.path.ends_with(".html") {
        return None;
    }
    std::str::from_utf8(&file.bytes).ok().map(str::to_string)
}

/// The Pagefind bundle (one or more shards, see
/// `search::pagefind::ShardedIndexer`) for the pages sent by render, and
/// the strategies. Returns an empty bundle at once when rendering failed.
fn browser_search(
    site: &Site,
    shard_items: usize,
    pages: std::sync::mpsc::Receiver<Indexing>,
) -> Result<crate::search::pagefind::ShardedBundle, crate::search::SearchError> {
    let mut indexer = crate::search::pagefind::ShardedIndexer::new(site, shard_items)?;
    for message in pages {
        match message {
            Indexing::Page(path, html) => indexer.add_page(&path, html)?,
            Indexing::Done => return indexer.finish(),
        }
    }
    Ok(crate::search::pagefind::ShardedBundle::default())
}

/// The gate a site would use (config, allow list and register), for
/// commands that scan a single file.
pub fn gate_for(options: &SiteOptions) -> Result<Gate, Vec<Finding>> {
    let config = Config::load(&options.root).map_err(|f| vec![*f])?;
    let register = load_register(options, &config).map_err(|f| vec![*f])?;
    Ok(Gate::new(&config.gate, register))
}

/// Why `search_index` could not provide an index.
pub enum IndexError {
    /// The site does not pass the gate, so it is not indexed.
    Blocked(Vec<Finding>),
    Search(crate::search::SearchError),
}

/// The tantivy index of a site: the one the last build or serve left in
/// `.clearhouse/index`, or a new one (from a site that passes the gate)
/// when there is none or `refresh` is asked for. Opening an existing index
/// reads no content, so a query costs milliseconds even on large sites.
pub fn search_index(
    options: &SiteOptions,
    refresh: bool,
) -> Result<crate::search::SearchIndex, IndexError> {
    let dir = index_dir(&options.root);
    if !refresh {
        if let Ok(index) = crate::search::SearchIndex::open(&dir) {
            return Ok(index);
        }
    }
    let checked = check(options).map_err(IndexError::Blocked)?;
    if !checked.ok() {
        return Err(IndexError::Blocked(checked.findings));
    }
    crate::search::SearchIndex::build(&checked.site, &dir).map_err(IndexError::Search)
}
