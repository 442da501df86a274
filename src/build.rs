//! `check` and `build` as short sequences of calls into the modules that
//! own each stage:
//!
//! - `check`: load → admit (decide, render, scan), in memory; writes nothing.
//! - `build`: load → decide → render and scan, each item page streamed to
//!   the browser search index as it renders and each group of files
//!   written to the new folder once it has passed its scan → the
//!   command-line index and the rest of the files written beside it → the
//!   search bundle scanned and written → swap.
//!
//! Both go through the same admission, so they cannot disagree; the build
//! only adds what admission does not make (the search indexes) and the
//! writing.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use crate::admission::{self, Admission, AdmissionError, HeldItem, Mode, PageWriter};
use crate::files::OutputFile;
use crate::findings::{sort_findings, Finding};
use crate::load::{self, SiteOptions};
use crate::output::{self, OutputError, Staging};
use crate::search::{BrowserIndex, SearchError, SearchIndex, StagedIndex};
use crate::site::Site;
use crate::timings::{timed, Timed, Timings};

/// Default output folder: `public/` under the site root.
pub fn default_output(root: &Path) -> PathBuf {
    root.join("public")
}

/// Where the tantivy index lives: a cache under the site root, never
/// published (`.clearhouse/` is in the .gitignore `init` writes).
pub fn index_dir(root: &Path) -> PathBuf {
    root.join(".clearhouse").join("index")
}

/// Why `check` could not judge the site.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    /// The site could not be read at all (no config, no register).
    #[error("{} finding(s): the site cannot be read", .0.len())]
    Unreadable(Vec<Finding>),
    #[error(transparent)]
    Admission(#[from] AdmissionError),
}

/// Loads and admits the site as `build` would, in memory: every item's
/// verdict, the held items and every finding; nothing is written.
pub fn check(options: &SiteOptions) -> Result<Admission, CheckError> {
    let loaded = load::load(options).map_err(CheckError::Unreadable)?;
    Ok(admission::admit(loaded, Mode::Publish)?)
}

/// Why a build did not replace the output.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The site could not be read at all (no config, no register).
    #[error("{} finding(s): the site cannot be read", .0.len())]
    Unreadable(Vec<Finding>),
    /// Findings block publication (or, with `--strict`, items are held);
    /// nothing was written.
    #[error("{} finding(s) block publication", .findings.iter().filter(|f| f.is_error()).count())]
    Blocked {
        findings: Vec<Finding>,
        held: Vec<HeldItem>,
    },
    #[error(transparent)]
    Admission(#[from] AdmissionError),
    #[error(transparent)]
    Search(#[from] SearchError),
    #[error(transparent)]
    Output(#[from] OutputError),
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
    /// Items not yet due, not published.
    pub held: Vec<HeldItem>,
    /// Local sites: where the statistics-only records of unpublished
    /// reviews were written, to be sent to the national body privately.
    pub statistics: Option<PathBuf>,
}

/// Checks, renders, scans and atomically writes the site to `output`.
/// `strict`: held items fail the build too.
pub fn build(
    options: &SiteOptions,
    output: &Path,
    strict: bool,
    progress: &dyn Fn(&str),
) -> Result<Built, BuildError> {
    let started = std::time::Instant::now();
    let target = output::check_output_dir(&options.root, output, &register_paths(options))?;
    let output = target.path.clone();
    let shard_items = crate::search::pagefind::checked_shard_items()?;
    progress("checking content and running the gate");
    let decided = admission::decide(
        load::load(options).map_err(BuildError::Unreadable)?,
        Mode::Publish,
    );
    // A local site's statistics-only records go outside anything
    // published; where is checked before anything is written.
    let statistics_path = if decided.site().is_national() {
        None
    } else {
        let root = std::fs::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone());
        Some(
            crate::national::statistics::target(&decided.site().config, &root, &output).map_err(
                |finding| BuildError::Blocked {
                    findings: vec![*finding],
                    held: Vec::new(),
                },
            )?,
        )
    };
    output::failpoint("before-render");
    progress("rendering pages and indexing them for search");
    // Whenever nothing was blocked before rendering, the browser index
    // starts and the new site's folder is made, so that rendering can index
    // and write each page as it passes.
    let streaming = match decided.ok() {
        true => Some((
            BrowserIndex::start(decided.site(), shard_items)?,
            Early::start(&target)?,
        )),
        false => None,
    };
    // The command-line index needs the published items only, not their
    // pages: made beside rendering, it no longer holds up the end of the
    // build. Dropped with the build on an error, it stops.
    let indexing = streaming
        .is_some()
        .then(|| EarlyIndex::start(decided.site_arc()))
        .transpose()?;
    let workers = rendering_pool()?;
    let admitted = decided.render(
        streaming.as_ref().map(|(browser, _)| browser.sink()),
        streaming.as_ref().map(|(_, early)| Early::writer(early)),
        Some(Arc::clone(&workers)),
    )?;
    let held = admitted.held();
    let publishable = admitted.ok() && (held.is_empty() || !strict);
    // Dropped here, the browser index is abandoned, the folder removed and
    // the command-line index stopped.
    let (browser, early, indexing) = match (streaming, indexing) {
        (Some((browser, early)), Some(indexing)) if publishable => (browser, early, indexing),
        _ => {
            return Err(BuildError::Blocked {
                findings: admitted.all_findings(),
                held,
            })
        }
    };
    browser.pages_rendered(&admitted.files);
    let site = admitted.site_arc();
    let gate = admitted.gate_arc();
    let national = admitted.national();
    let findings = admitted.all_findings();
    let Admission {
        mut files,
        mut timings,
        written,
        ..
    } = admitted;
    let (staging, early_bytes) = Early::finish(&early)?;
    output::failpoint("before-search");
    progress("indexing for search and writing the pages");
    // The pages' writing (whose bytes are then freed: Pagefind building
    // its files is the peak of a build's memory) runs on the pool, and the
    // command-line index is put in place once made, while this thread
    // waits for Pagefind and scans its files; whichever ends first does
    // not wait for the other.
    let ((tantivy, pages), scanned) = timings.time("index, write and scan", || {
        std::thread::scope(|scope| {
            let writing = scope.spawn(|| {
                let pages = workers.install(|| timed(|| write_pages(staging, &mut files)));
                (indexing.finish(), pages)
            });
            let scanned = browser.finish().map(|browser| {
                output::failpoint("before-scan");
                let leaks = timed(|| {
                    workers.install(|| {
                        crate::gate::scan_output(&browser.bundle.files, gate.register())
                    })
                });
                (browser, leaks)
            });
            let written = writing
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (written, scanned)
        })
    });
    let (browser, leaks) = scanned?;
    let (mut staging, released) = pages.value?;
    tantivy.value?;
    let bundle = browser.bundle;
    timings.beside.extend([
        ("pagefind", browser.took),
        ("pagefind: add pages", bundle.adding),
        ("pagefind: build files", bundle.building),
        ("tantivy", tantivy.took),
        ("write rendered pages", pages.took),
        ("post-build scan", leaks.took),
    ]);
    let leaks = leaks.value;
    if !leaks.is_empty() {
        return Err(BuildError::Blocked {
            findings: leaks,
            held,
        });
    }
    progress("writing the search index");
    timings.time("write search index", || staging.write(&bundle.files))?;
    // Written beside its place first, so that a failure leaves the
    // previous site and file as they were.
    let statistics = match (&statistics_path, &national.statistics_file) {
        (Some(path), Some(file)) => Some(file.stage(path).map_err(|source| OutputError::Io {
            doing: "writing the statistics-only records",
            path: path.clone(),
            source,
        })?),
        _ => None,
    };
    timings.time("swap", || staging.commit())?;
    if let (Some(staged), Some(path)) = (statistics, &statistics_path) {
        staged.commit().map_err(|source| OutputError::Io {
            doing: "putting in place the statistics-only records",
            path: path.clone(),
            source,
        })?;
    }
    if site.is_national() {
        // What this site now publishes, so that a later build refuses an
        // older bundle from any of these areas.
        crate::national::state::record(&site.root, &national.sources).map_err(|source| {
            OutputError::Io {
                doing: "recording the bundles used in",
                path: site.root.join(crate::national::state::STATE_FILE),
                source,
            }
        })?;
    }
    timings.wall = Some(started.elapsed());
    let bytes = early_bytes
        + released
        + bundle
            .files
            .iter()
            .map(|f| f.bytes.len() as u64)
            .sum::<u64>();
    Ok(Built {
        output,
        items: site.items.len(),
        files: written.len() + files.len() + bundle.files.len(),
        bytes,
        timings,
        warnings: findings,
        held,
        statistics: statistics_path,
    })
}

/// The new site's folder while rendering writes each page and data file
/// that has passed its scan, with what was written and the first error.
struct Early {
    staging: Option<Staging>,
    bytes: u64,
    error: Option<OutputError>,
}

impl Early {
    fn start(target: &output::Target) -> Result<Arc<Mutex<Early>>, OutputError> {
        Ok(Arc::new(Mutex::new(Early {
            staging: Some(Staging::for_site(target)?),
            bytes: 0,
            error: None,
        })))
    }

    /// The folder and the bytes written to it, once rendering has ended,
    /// or the first error writing them.
    fn finish(early: &Mutex<Early>) -> Result<(Staging, u64), OutputError> {
        let mut early = early.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(error) = early.error.take() {
            return Err(error);
        }
        match early.staging.take() {
            Some(staging) => Ok((staging, early.bytes)),
            None => Err(OutputError::Io {
                doing: "writing the new site to a temporary folder beside",
                path: PathBuf::new(),
                source: std::io::Error::other("the folder was already used"),
            }),
        }
    }

    /// The writer admission calls as pages pass their scan. After an
    /// error it writes nothing more; the build reports the error once
    /// rendering ends.
    fn writer(early: &Arc<Mutex<Early>>) -> PageWriter {
        let early = Arc::clone(early);
        Box::new(move |files| {
            let mut early = early.lock().unwrap_or_else(PoisonError::into_inner);
            let early = &mut *early;
            let Some(staging) = early.staging.as_mut().filter(|_| early.error.is_none()) else {
                return;
            };
            match staging.write(files) {
                Ok(()) => early.bytes += files.iter().map(|f| f.bytes.len() as u64).sum::<u64>(),
                Err(error) => early.error = Some(error),
            }
        })
    }
}

/// The rest of the site's files (the theme's assets, static files: those
/// rendering did not write as they passed), written to the temporary
/// folder beside the output while Pagefind finishes (the site is swapped
/// in only once everything has passed), a few hundred at a time, each
/// file's bytes freed once written. Returns the folder and the bytes
/// written.
fn write_pages(
    mut staging: Staging,
    files: &mut [OutputFile],
) -> Result<(Staging, u64), OutputError> {
    const AT_A_TIME: usize = 256;
    let mut written = 0;
    for chunk in files.chunks_mut(AT_A_TIME) {
        staging.write(chunk)?;
        written += chunk
            .iter_mut()
            .map(|file| std::mem::take(&mut file.bytes).len() as u64)
            .sum::<u64>();
    }
    Ok((staging, written))
}

/// The command-line index of the published site, made on a thread of its
/// own beside rendering into a folder beside `.clearhouse/index`, and put
/// in place by [`EarlyIndex::finish`]. Dropped unfinished (the build
/// failed), it is stopped between documents and its folder removed, so
/// the last build's index stays.
struct EarlyIndex {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<Timed<Result<StagedIndex, SearchError>>>>,
}

impl EarlyIndex {
    fn start(site: Arc<Site>) -> Result<EarlyIndex, BuildError> {
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("tantivy".to_string())
            .spawn(move || timed(|| SearchIndex::stage(&site, &index_dir(&site.root), &stopped)))
            .map_err(|e| BuildError::Admission(AdmissionError::Thread(e)))?;
        Ok(EarlyIndex {
            stop,
            thread: Some(thread),
        })
    }

    /// Waits for the index and puts it in place; `took` is the time it
    /// took to make (beside rendering) and to put in place.
    fn finish(mut self) -> Timed<Result<SearchIndex, SearchError>> {
        let thread = self.thread.take().expect("an index is finished once");
        let staged = thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let committed = timed(|| staged.value.and_then(StagedIndex::commit));
        Timed {
            value: committed.value,
            took: staged.took + committed.took,
        }
    }
}

impl Drop for EarlyIndex {
    fn drop(&mut self) {
        if let Some(thread) = self.thread.take() {
            self.stop.store(true, Ordering::Relaxed);
            // Its error, if any, is the failed build's no more.
            let _ = thread.join();
        }
    }
}

/// Files the output folder must not hold, beside the site's own: the
/// register, wherever it was named.
fn register_paths(options: &SiteOptions) -> Vec<PathBuf> {
    let Ok(config) = crate::config::Config::load(&options.root) else {
        return Vec::new();
    };
    match load::register_source(options, &config) {
        load::RegisterSource::File(path, _) => vec![path],
        _ => Vec::new(),
    }
}

/// The threads that render, scan and write: one per core. Pagefind's
/// indexing thread shares them: it is fed pages faster than one core
/// renders them, and after rendering it builds its files while these
/// threads write the pages, so keeping a core idle for it only lengthened
/// rendering (measured in BENCHMARKS.md).
fn rendering_pool() -> Result<Arc<rayon::ThreadPool>, BuildError> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    rayon::ThreadPoolBuilder::new()
        .num_threads(cores)
        .thread_name(|i| format!("build-{i}"))
        .build()
        .map(Arc::new)
        .map_err(|e| {
            BuildError::Admission(AdmissionError::Thread(std::io::Error::other(e.to_string())))
        })
}

/// Why `search_index` could not provide an index.
pub enum IndexError {
    /// The site does not pass admission, so it is not indexed.
    Blocked(Vec<Finding>),
    Check(CheckError),
    Search(SearchError),
}

/// The tantivy index of a site: the one the last build or serve left in
/// `.clearhouse/index`, or a new one (of the items admission publishes)
/// when there is none or `refresh` is asked for. Opening an existing index
/// reads no content, so a query costs milliseconds even on large sites.
pub fn search_index(options: &SiteOptions, refresh: bool) -> Result<SearchIndex, IndexError> {
    let dir = index_dir(&options.root);
    if !refresh {
        if let Ok(index) = SearchIndex::open(&dir) {
            return Ok(index);
        }
    }
    let admitted = match check(options) {
        Ok(admitted) => admitted,
        Err(CheckError::Unreadable(findings)) => return Err(IndexError::Blocked(findings)),
        Err(e) => return Err(IndexError::Check(e)),
    };
    if !admitted.ok() {
        let mut findings = admitted.all_findings();
        sort_findings(&mut findings);
        return Err(IndexError::Blocked(findings));
    }
    SearchIndex::build(admitted.site(), &dir).map_err(IndexError::Search)
}
