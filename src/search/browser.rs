//! The browser search index as a build makes it: on a thread of its own,
//! fed each item page as soon as it is rendered (Pagefind indexes on one
//! thread and takes most of a build, so it starts on the first page and
//! runs beside the rest of rendering, the scan and the writing).
//!
//! From outside: [`BrowserIndex::start`], [`BrowserIndex::sink`] (given to
//! rendering), [`BrowserIndex::pages_rendered`], [`BrowserIndex::finish`].
//! The thread and its channel stay in here.

use std::collections::HashSet;
use std::sync::mpsc::{channel, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use super::pagefind::{ShardedBundle, ShardedIndexer};
use super::SearchError;
use crate::files::OutputFile;
use crate::render::PageSink;
use crate::site::Site;
use crate::timings::{timed, Timed};

/// What the indexing thread is sent.
enum Indexing {
    /// A rendered page: output path and HTML.
    Page(String, String),
    /// An item page: its output path. The indexer indexes the item's
    /// search document in its place, so the page's bytes are not copied.
    Item(String),
    /// Every page has been sent. Without it (rendering failed or was
    /// abandoned) the thread stops without building the index.
    Done,
}

type Indexed = Timed<Result<ShardedBundle, SearchError>>;

/// A browser search index being built on its own thread. Dropped without
/// [`BrowserIndex::finish`], it is abandoned: the thread stops once every
/// sender is gone, and nothing waits for it.
pub struct BrowserIndex {
    pages: Sender<Indexing>,
    thread: JoinHandle<Indexed>,
    item_pages: Arc<HashSet<String>>,
}

impl BrowserIndex {
    /// Starts indexing `site` (the items admission is about to render),
    /// with at most `shard_items` items per bundle.
    pub fn start(site: &Site, shard_items: usize) -> Result<BrowserIndex, SearchError> {
        let mut indexer = ShardedIndexer::new(site, shard_items)?;
        let item_pages = Arc::new(
            site.items
                .iter()
                .map(|item| format!("{}index.html", site.item_path(item)))
                .collect(),
        );
        let (pages, received) = channel::<Indexing>();
        let thread = std::thread::Builder::new()
            .name("pagefind".into())
            .spawn(move || {
                timed(|| {
                    for message in received {
                        match message {
                            Indexing::Page(path, html) => indexer.add_page(&path, html)?,
                            Indexing::Item(path) => indexer.add_page(&path, String::new())?,
                            Indexing::Done => return indexer.finish(),
                        }
                    }
                    Ok(ShardedBundle::default())
                })
            })
            .map_err(|e| SearchError::Pagefind {
                step: "starting the indexing thread".into(),
                message: e.to_string(),
            })?;
        Ok(BrowserIndex {
            pages,
            thread,
            item_pages,
        })
    }

    /// Where rendering sends each page as it is rendered: every item page
    /// (searchable or not: it brings its item's strategies), and the other
    /// pages a theme marked searchable.
    pub fn sink(&self) -> PageSink {
        let pages = self.pages.clone();
        let item_pages = Arc::clone(&self.item_pages);
        Box::new(move |page: &OutputFile| {
            // A closed channel means indexing failed; `finish` says so.
            if item_pages.contains(&page.path) {
                let _ = pages.send(Indexing::Item(page.path.clone()));
            } else if let Some(html) = marked_text(page) {
                let _ = pages.send(Indexing::Page(page.path.clone(), html));
            }
        })
    }

    /// Rendering is done: of the pages rendering kept (not sent to the
    /// sink), those other than item pages that a theme marked searchable
    /// are indexed too, and the index may be built.
    pub fn pages_rendered(&self, files: &[OutputFile]) {
        for file in files.iter().filter(|f| !self.item_pages.contains(&f.path)) {
            if let Some(html) = marked_text(file) {
                let _ = self.pages.send(Indexing::Page(file.path.clone(), html));
            }
        }
        let _ = self.pages.send(Indexing::Done);
    }

    /// Waits for the bundle.
    pub fn finish(self) -> Result<Finished, SearchError> {
        drop(self.pages);
        let indexed = self
            .thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        Ok(Finished {
            bundle: indexed.value?,
            took: indexed.took,
        })
    }
}

/// The browser search bundle, once built.
pub struct Finished {
    pub bundle: ShardedBundle,
    /// How long the indexing thread ran.
    pub took: Duration,
}

/// A page's text, if it is an HTML page a theme marked searchable
/// (`data-pagefind-body`). Pagefind is given only the item pages and these:
/// it would parse and then skip the others. Looked for in place: copying
/// every listing page (100 MB on a large site) to find the few marked ones
/// cost more than the search.
fn marked_text(file: &OutputFile) -> Option<String> {
    if !file.path.ends_with(".html") {
        return None;
    }
    std::str::from_utf8(&file.bytes)
        .ok()
        .filter(|html| html.contains("data-pagefind-body"))
        .map(str::to_string)
}
