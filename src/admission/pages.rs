//! The decision after rendering: the published site is rendered (within
//! the render time budget), every file goes through the gate's post-render
//! scan, and an item whose page fails it is blocked; in preview mode held
//! items get their draft previews. Also the one-item updates and the
//! refreshed listing pages of `serve`, through the same steps.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use super::decide::{judge_one, Decided};
use super::hold::Hold;
use super::{
    no_sink, render_budget, Admission, AdmissionError, Changed, ItemVerdict, Mode, PageWriter,
    Verdict,
};
use crate::content::Item;
use crate::files::OutputFile;
use crate::findings::Finding;
use crate::gate::{scan_files, Gate};
use crate::national::BUNDLE_FILE;
use crate::render::{Draft, DraftFinding, PageSink, Theme, ViewCache};
use crate::site::Site;

impl Decided {
    /// Renders the published site, sending each page to `sink` as it is
    /// rendered (`build` indexes them for search meanwhile), scans
    /// everything rendered, and completes every verdict. With a `writer`,
    /// each group of pages and data files is scanned as soon as it is
    /// rendered and what passed is given to the writer and dropped (see
    /// [`PageWriter`]). `pool` runs the rendering and the scan.
    pub fn render(
        self,
        sink: Option<PageSink>,
        writer: Option<PageWriter>,
        pool: Option<Arc<rayon::ThreadPool>>,
    ) -> Result<Admission, AdmissionError> {
        let Decided {
            site,
            gate,
            decisions,
            national,
            mode,
            today,
            vocabulary,
            mut items,
            held,
            mut findings,
            statics,
            mut timings,
        } = self;
        let mut site = site;
        let national = Arc::new(national);
        let in_pool = |work: &(dyn Fn() -> Vec<(usize, Finding)> + Sync)| match &pool {
            Some(pool) => pool.install(work),
            None => work(),
        };

        // Static files: the gate has read them; they are scanned with the
        // rendered files below, since images still carry bytes it did not.
        findings.extend(statics.findings);
        let mut static_files = Vec::new();
        for file in statics.files {
            let clean = file.is_clean();
            findings.extend(file.findings);
            if clean {
                static_files.push(file.file);
            }
        }
        let static_leaks = in_pool(&|| scan_files(&static_files, gate.register()));
        let leaking: HashSet<usize> = static_leaks.iter().map(|(i, _)| *i).collect();
        findings.extend(static_leaks.into_iter().map(|(_, f)| f));
        let static_files: Vec<OutputFile> = static_files
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !leaking.contains(i))
            .map(|(_, f)| f)
            .collect();

        // A refused theme (a template that calls get_env, or includes a
        // file outside the theme) renders nothing: the build fails on its
        // findings, and check reports them.
        let theme_refused = findings
            .iter()
            .any(|f| f.rule == "theme-refused" && f.is_error());
        let (mut files, mut written) = if theme_refused {
            (Vec::new(), Vec::new())
        } else {
            let stream = Stream {
                sink: sink.unwrap_or_else(no_sink),
                writer: writer.map(|writer| Arc::new(Mutex::new(writer))),
                gate: Arc::clone(&gate),
            };
            timings.time("render", || {
                render_within_budget(
                    Arc::clone(&site),
                    Arc::clone(&national),
                    stream,
                    pool.clone(),
                )
            })?
        };
        loop {
            let leaks = timings.time("scan of rendered pages", || {
                in_pool(&|| scan_files(&files, gate.register()))
            });
            let blocked = attribute(&site, &gate, &national, &files, &leaks);
            if blocked.is_empty() {
                let leaking: HashSet<usize> = leaks.iter().map(|(i, _)| *i).collect();
                findings.extend(leaks.into_iter().map(|(_, f)| f));
                files = files
                    .into_iter()
                    .enumerate()
                    .filter(|(i, _)| !leaking.contains(i))
                    .map(|(_, f)| f)
                    .collect();
                break;
            }
            // Rare, and then the build fails anyway: the pages that list
            // items must not list the blocked ones, so the site is rendered
            // again without them.
            for (path, finding) in blocked {
                if let Some(verdict) = published_verdict(&mut items, &path) {
                    verdict.verdict = Verdict::Blocked;
                    verdict.findings.push(finding);
                }
                Arc::make_mut(&mut site)
                    .items
                    .retain(|item| item.source.path != path);
            }
            // The files written so far are left unpublished (the build
            // fails on the blocked items) and everything is held again.
            let stream = Stream {
                sink: no_sink(),
                writer: None,
                gate: Arc::clone(&gate),
            };
            (files, written) = timings.time("render", || {
                render_within_budget(
                    Arc::clone(&site),
                    Arc::clone(&national),
                    stream,
                    pool.clone(),
                )
            })?;
        }
        // A static file at the path of a written page or data file is
        // refused as `merge` refuses it (only theme assets, never written
        // early, may be replaced by one).
        let written_paths: HashSet<&str> = written.iter().map(String::as_str).collect();
        let (over_written, static_files): (Vec<OutputFile>, Vec<OutputFile>) = static_files
            .into_iter()
            .partition(|f| written_paths.contains(f.path.as_str()));
        let mut named: Vec<OutputFile> = over_written
            .iter()
            .map(|f| OutputFile::new(f.path.clone(), Vec::new()))
            .collect();
        findings.extend(crate::statics::merge(&mut named, over_written));
        findings.extend(crate::statics::merge(&mut files, static_files));

        for item in &site.items {
            if let Some(verdict) = published_verdict(&mut items, &item.source.path) {
                verdict.verdict = Verdict::Published {
                    pages: vec![item_page_path(&site, item)],
                };
            }
        }

        let mut previews = Vec::new();
        if mode == Mode::Preview && !held.is_empty() && !theme_refused {
            let theme = Theme::load(&site.root, &site.config.theme)?;
            for item in &held {
                let Some(verdict) = items
                    .iter_mut()
                    .find(|v| v.path == item.source.path && v.hold().is_some())
                else {
                    continue;
                };
                if let Some(preview) = preview(&site, &theme, &gate, item, verdict)? {
                    previews.push(preview);
                }
            }
        }
        Ok(Admission {
            site,
            gate,
            decisions,
            national,
            mode,
            today,
            vocabulary,
            items,
            findings,
            files,
            previews,
            written,
            timings,
        })
    }
}

/// Where a render hands what it renders: every page to the search sink,
/// and, in a build, what passed its scan to the writer.
struct Stream {
    sink: PageSink,
    /// Shared with the job that makes a local site's bundle beside the
    /// pages (see `render_within_budget`).
    writer: Option<Arc<Mutex<PageWriter>>>,
    gate: Arc<Gate>,
}

impl Stream {
    /// Takes one rendered group and returns what the render keeps: all of
    /// it without a writer; with one, only the files that failed their
    /// scan (scanned again with the rest, they block what they must).
    fn take(&mut self, files: Vec<OutputFile>, written: &mut Vec<String>) -> Vec<OutputFile> {
        files.iter().for_each(&mut self.sink);
        match &self.writer {
            Some(writer) => write_passed(files, &self.gate, writer, written),
            None => files,
        }
    }
}

/// Scans `files`, gives those that passed to `writer` (their paths added
/// to `written`) and returns those that did not.
fn write_passed(
    files: Vec<OutputFile>,
    gate: &Gate,
    writer: &Mutex<PageWriter>,
    written: &mut Vec<String>,
) -> Vec<OutputFile> {
    let leaking: HashSet<usize> = scan_files(&files, gate.register())
        .into_iter()
        .map(|(i, _)| i)
        .collect();
    let (kept, passed): (Vec<_>, Vec<_>) = files
        .into_iter()
        .enumerate()
        .partition(|(i, _)| leaking.contains(i));
    let passed: Vec<OutputFile> = passed.into_iter().map(|(_, f)| f).collect();
    (writer.lock().unwrap_or_else(PoisonError::into_inner))(&passed);
    written.extend(passed.into_iter().map(|f| f.path));
    kept.into_iter().map(|(_, f)| f).collect()
}

/// The output path of an item's page.
fn item_page_path(site: &Site, item: &Item) -> String {
    format!("{}index.html", site.item_path(item))
}

/// The verdict of the published (or to be published) item read from `path`.
fn published_verdict<'a>(items: &'a mut [ItemVerdict], path: &str) -> Option<&'a mut ItemVerdict> {
    items
        .iter_mut()
        .find(|v| v.path == path && v.is_published())
}

/// The items that scan hits block: an item page's hit is its item's; a hit
/// in the bundle is the item whose entry carries it (the bundle holds
/// bodies as written). Other hits belong to the site.
fn attribute(
    site: &Site,
    gate: &Gate,
    national: &crate::national::Context,
    files: &[OutputFile],
    leaks: &[(usize, Finding)],
) -> Vec<(String, Finding)> {
    let pages: HashMap<String, &str> = site
        .items
        .iter()
        .map(|item| (item_page_path(site, item), item.source.path.as_str()))
        .collect();
    let mut blocked = Vec::new();
    // An item page also shows other items' cards (related learning), and a
    // card shows text that rendering made (a date in words, a summary):
    // a hit there belongs to the item whose card carries it.
    let leaking_cards = if leaks.is_empty() {
        HashSet::new()
    } else {
        leaking_cards(site, gate)
    };
    let related = if leaking_cards.is_empty() {
        Vec::new()
    } else {
        crate::related::related_items(site)
    };
    for (index, finding) in leaks {
        let file = &files[*index];
        match pages.get(&file.path) {
            Some(source) if file.origin.as_deref() == Some(*source) => {
                let at = site.items.iter().position(|i| i.source.path == *source);
                let others: Vec<&Item> = at
                    .and_then(|at| related.get(at))
                    .into_iter()
                    .flatten()
                    .map(|&j| &site.items[j])
                    .filter(|other| leaking_cards.contains(&other.source.path))
                    .collect();
                if others.is_empty() || leaking_cards.contains(*source) {
                    blocked.push((source.to_string(), finding.clone()));
                }
                for other in others {
                    blocked.push((
                        other.source.path.clone(),
                        card_finding(site, other, &file.path),
                    ));
                }
            }
            _ if file.path == BUNDLE_FILE && !site.is_national() => {
                for (source, entry) in
                    crate::national::bundle::entries(site, national.bundle_extras())
                {
                    let entry = OutputFile::new(BUNDLE_FILE, entry).from(source.clone());
                    if let Some(hit) = scan_files(&[entry], gate.register()).pop() {
                        blocked.push((source, hit.1));
                    }
                }
            }
            _ => {}
        }
    }
    blocked
}

/// The items whose card — every text a listing or a related-learning
/// block shows of them — fails the register scan, by source path.
fn leaking_cards(site: &Site, gate: &Gate) -> HashSet<String> {
    let library = crate::render::Library::new(site);
    library
        .items
        .iter()
        .filter_map(|view| {
            let mut text = Vec::new();
            collect_strings(&serde_json::to_value(&view.card).ok()?, &mut text);
            let card =
                OutputFile::new("card.html", text.join(" <br> ")).from(view.source_path.clone());
            (!scan_files(&[card], gate.register()).is_empty()).then(|| view.source_path.clone())
        })
        .collect()
}

/// The finding for an item whose card carries a register entry onto
/// another item's page.
fn card_finding(site: &Site, item: &Item, page: &str) -> Finding {
    Finding::file(
        &item.source.path,
        1,
        crate::findings::Kind::Register,
        "post-build-scan",
        crate::findings::Severity::Error,
        format!(
            "a register entry is in what other pages show of {} (its title, date or summary), e.g. in output file {page}; the previous site was left in place",
            site.item_path(item)
        ),
    )
    .with_help("find the register entry in this item's title, published date or opening paragraph (clearhouse check --reveal shows it) and change it")
}

fn collect_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(values) => values.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

/// Renders `item`'s draft preview and scans it: the verdict gets the
/// preview, or is blocked when the preview fails the scan.
fn preview(
    site: &Site,
    theme: &Theme,
    gate: &Gate,
    item: &Item,
    verdict: &mut ItemVerdict,
) -> Result<Option<OutputFile>, AdmissionError> {
    let Some(hold) = verdict.hold().cloned() else {
        return Ok(None);
    };
    let draft = Draft {
        reasons: hold.reasons.iter().map(|r| r.describe()).collect(),
        findings: verdict
            .findings
            .iter()
            .map(|f| DraftFinding {
                place: format!("{}:{}", f.line, f.column),
                kind: f.kind.to_string(),
                severity: f.severity.as_str().to_string(),
                message: f.message.clone(),
                masked: f.masked.clone(),
            })
            .collect(),
    };
    let page = crate::render::render_draft(site, theme, item, &draft)?;
    if let Some((_, leak)) = scan_files(std::slice::from_ref(&page), gate.register()).pop() {
        verdict.verdict = Verdict::Blocked;
        verdict.findings.push(leak);
        return Ok(None);
    }
    verdict.verdict = Verdict::Held {
        hold,
        preview: Some(page.path.clone()),
    };
    Ok(Some(page))
}

/// Renders the site, its national pages or bundle, on a thread of its own
/// with a time budget: a theme template can loop for ever, and a thread
/// that never ends cannot be joined, so it is left behind (detached) and
/// the admission fails with the budget error.
fn render_within_budget(
    site: Arc<Site>,
    national: Arc<crate::national::Context>,
    mut stream: Stream,
    pool: Option<Arc<rayon::ThreadPool>>,
) -> Result<(Vec<OutputFile>, Vec<String>), AdmissionError> {
    let budget = render_budget();
    let theme = site.config.theme.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    let worker = std::thread::Builder::new()
        .name("render".into())
        .stack_size(64 * 1024 * 1024)
        .spawn(move || {
            let mut work = || -> Result<_, crate::render::RenderError> {
                let mut written = Vec::new();
                // A local site's bundle, the largest file a build writes,
                // is made, scanned and written on one core: when a build
                // writes as it goes, that is done beside the pages rather
                // than after them, with the other core idle. It is written
                // once made, as the pages are. It is no page, so the
                // search sink, which indexes pages, is not given it.
                let beside = (!site.is_national())
                    .then(|| stream.writer.clone())
                    .flatten();
                let gate = Arc::clone(&stream.gate);
                let (files, bundle) = rayon::join(
                    || {
                        crate::render::render_site_streaming(&site, &mut |batch| {
                            stream.take(batch, &mut written)
                        })
                    },
                    || {
                        beside.map(|writer| {
                            let bundle =
                                crate::national::write_bundle(&site, national.bundle_extras());
                            let mut written = Vec::new();
                            let kept = write_passed(vec![bundle], &gate, &writer, &mut written);
                            (kept, written)
                        })
                    },
                );
                let mut files = files?;
                if let Some((kept, bundle_written)) = bundle {
                    files.extend(kept);
                    written.extend(bundle_written);
                } else {
                    let national = if site.is_national() {
                        crate::national::national_pages(&site, &national.statistics)?
                    } else {
                        vec![crate::national::write_bundle(
                            &site,
                            national.bundle_extras(),
                        )]
                    };
                    files.extend(stream.take(national, &mut written));
                }
                Ok((files, written))
            };
            let result = match &pool {
                Some(pool) => pool.install(work),
                None => work(),
            };
            let _ = tx.send(result);
        })
        .map_err(AdmissionError::Thread)?;
    match rx.recv_timeout(Duration::from_secs(budget)) {
        Ok(result) => {
            let _ = worker.join();
            Ok(result?)
        }
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Err(AdmissionError::RenderBudget {
            seconds: budget,
            theme,
        }),
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => match worker.join() {
            Err(panic) => std::panic::resume_unwind(panic),
            Ok(()) => unreachable!("the render thread sends its result before it ends"),
        },
    }
}

/// What [`Admission::readmit`] changed, for `serve` to apply to what it
/// serves and indexes.
#[derive(Debug, Default)]
pub struct Readmitted {
    /// Output paths of pages and previews of the items as they were.
    pub removed_pages: Vec<String>,
    /// Items that were published and no longer are: `(area, review_id)`.
    pub unpublished: Vec<(String, String)>,
    /// Source paths of the items now published.
    pub published: Vec<String>,
    /// Their pages.
    pub files: Vec<OutputFile>,
    /// Draft previews of the changed items now held.
    pub previews: Vec<OutputFile>,
    /// What was found in the changed items.
    pub findings: Vec<Finding>,
    /// A changed item's review id is (or was) also another item's: which
    /// of them is the duplicate depends on the whole site, so nothing was
    /// changed and the site must be admitted again whole.
    pub needs_full: bool,
}

/// The pages that list items, rendered again after one-item updates.
#[derive(Debug, Default)]
pub struct Listings {
    /// Those that passed the post-render scan.
    pub files: Vec<OutputFile>,
    /// Those that did not, and must not be served.
    pub refused: Vec<String>,
    pub findings: Vec<Finding>,
}

impl Admission {
    /// `serve`'s one-item update: the items at the changed paths are
    /// judged again as [`super::admit`] judges them, and their page (or
    /// draft preview) rendered and scanned. The pages that list items are
    /// not rendered here (see [`Admission::listings`]).
    pub fn readmit(
        &mut self,
        changed: Vec<Changed>,
        theme: &Theme,
    ) -> Result<Readmitted, AdmissionError> {
        let mut done = Readmitted::default();
        let paths: HashSet<&str> = changed.iter().map(|(p, _)| p.as_str()).collect();
        // Ids of the items not changed, to find duplicates.
        let others: HashSet<(String, String)> = self
            .items
            .iter()
            .filter(|v| !paths.contains(v.path.as_str()))
            .map(|v| (v.area.clone(), v.review_id.to_lowercase()))
            .collect();
        let clashes =
            |area: &str, id: &str| others.contains(&(area.to_string(), id.to_lowercase()));
        for (path, new) in &changed {
            let old_clash = self
                .items
                .iter()
                .any(|v| &v.path == path && clashes(&v.area, &v.review_id));
            let new_clash =
                matches!(new, Some(Ok(c)) if clashes(&c.item.area, &c.item.meta.review_id));
            if old_clash || new_clash {
                done.needs_full = true;
                return Ok(done);
            }
        }
        for (path, new) in changed {
            self.forget(&path, &mut done);
            let candidate = match new {
                None => continue,
                Some(Err(finding)) => {
                    self.findings.push(finding.clone());
                    done.findings.push(finding);
                    continue;
                }
                Some(Ok(candidate)) => candidate,
            };
            let limits = self.site.config.limits.clone();
            let (findings, holds) = judge_one(
                &candidate,
                &self.vocabulary,
                &self.gate,
                &self.decisions,
                &self.national,
                self.today,
                &limits,
            );
            let item = candidate.item;
            let mut verdict = ItemVerdict {
                path: item.source.path.clone(),
                review_id: item.meta.review_id.clone(),
                area: item.area.clone(),
                verdict: Verdict::Blocked,
                findings,
            };
            if !verdict.findings.iter().any(Finding::is_error) {
                if holds.is_empty() {
                    self.publish(item, &mut verdict, theme, &mut done)?;
                } else {
                    verdict.verdict = Verdict::Held {
                        hold: Hold { reasons: holds },
                        preview: None,
                    };
                    if self.mode == Mode::Preview {
                        if let Some(page) =
                            preview(&self.site, theme, &self.gate, &item, &mut verdict)?
                        {
                            done.previews.push(page);
                        }
                    }
                }
            }
            done.findings.extend(verdict.findings.iter().cloned());
            self.items.push(verdict);
        }
        Ok(done)
    }

    /// Takes the item at `path` off the site, noting what it had.
    fn forget(&mut self, path: &str, done: &mut Readmitted) {
        self.findings.retain(|f| f.path != path);
        let mut kept = Vec::with_capacity(self.items.len());
        for verdict in std::mem::take(&mut self.items) {
            if verdict.path != path {
                kept.push(verdict);
                continue;
            }
            done.removed_pages.extend(verdict.pages());
            if verdict.is_published() {
                done.unpublished
                    .push((verdict.area.clone(), verdict.review_id.clone()));
                Arc::make_mut(&mut self.site)
                    .items
                    .retain(|item| item.source.path != path);
            }
        }
        self.items = kept;
    }

    /// Renders and scans the page of an item found due, and publishes it
    /// if the page passes.
    fn publish(
        &mut self,
        item: Item,
        verdict: &mut ItemVerdict,
        theme: &Theme,
        done: &mut Readmitted,
    ) -> Result<(), AdmissionError> {
        let page = crate::render::render_item(&self.site, theme, &item)?;
        if let Some((_, leak)) = scan_files(std::slice::from_ref(&page), self.gate.register()).pop()
        {
            verdict.findings.push(leak);
            verdict.verdict = Verdict::Blocked;
            return Ok(());
        }
        verdict.verdict = Verdict::Published {
            pages: vec![page.path.clone()],
        };
        done.published.push(item.source.path.clone());
        done.files.push(page);
        let site = Arc::make_mut(&mut self.site);
        site.items.push(item);
        crate::site::sort_items(&mut site.items);
        Ok(())
    }

    /// The pages that list items (home, themes, CLEAR, feeds,
    /// learning.json, the bundle), rendered from the published items as
    /// they are now and scanned; what fails the scan is refused.
    pub fn listings(
        &self,
        theme: &Theme,
        cache: &mut ViewCache,
    ) -> Result<Listings, AdmissionError> {
        let mut files = crate::render::render_update(&self.site, theme, cache, &[])?;
        if !self.site.is_national() {
            files.push(crate::national::write_bundle(
                &self.site,
                self.national.bundle_extras(),
            ));
        }
        let leaks = scan_files(&files, self.gate.register());
        let refused: HashSet<usize> = leaks.iter().map(|(i, _)| *i).collect();
        let mut listings = Listings {
            findings: leaks.into_iter().map(|(_, f)| f).collect(),
            ..Listings::default()
        };
        for (i, file) in files.into_iter().enumerate() {
            if refused.contains(&i) {
                listings.refused.push(file.path);
            } else {
                listings.files.push(file);
            }
        }
        Ok(listings)
    }
}
