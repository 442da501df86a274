//! Rendering: the validated `Site` to the files of the static site, in
//! memory. Markdown to safe HTML (`markdown`), the theme (`theme`), the
//! pages (`pages`, `browse_pages`, `clear_pages`, `search_page`) and one
//! module per machine-readable file (`feeds`, `sitemap`, `robots`,
//! `learning_json`).
//!
//! This module writes nothing to disk and decides nothing about what may be
//! published: it renders the `Site` admission gives it (and, for `serve`,
//! a held item's draft preview, `draft`). It does not build the search
//! index (`search`), the national pages or the bundle (`national`), and
//! does not copy `static/` (`statics`).

mod browse_pages;
mod clear_pages;
mod draft;
mod error;
mod feeds;
mod learning_json;
mod library;
pub mod markdown;
pub mod page;
pub mod pages;
mod robots;
mod search_page;
mod sitemap;
pub mod theme;

#[cfg(test)]
mod tests;

use rayon::prelude::*;
use tera::Context;

pub use draft::{render_draft, Draft, DraftFinding, DRAFT_MARKER};
pub use error::RenderError;
pub use learning_json::SCHEMA as LEARNING_JSON_SCHEMA;
pub use library::{ItemView, Library, ViewCache};
pub use page::{Page, PageContext, SiteContext};
pub use theme::Theme;

use crate::files::OutputFile;
use crate::site::Site;

/// Where a build sends each item page as soon as it is rendered (the
/// browser search index, on a thread of its own).
pub type PageSink = Box<dyn FnMut(&OutputFile) + Send>;

/// Every page, feed and data file of the site, plus the theme's assets.
pub fn render_site(site: &Site) -> Result<Vec<OutputFile>, RenderError> {
    render_all(site, None, None)
}

/// `render_site`, handing every page and data file to `batch` a group at a
/// time as soon as it is rendered, in the order `render_site` returns them:
/// item pages first (a few dozen at a time, so that the build indexes them
/// for search while the rest of the site renders), then the pages that
/// list items, then the feeds, sitemap and `learning.json`. `batch`
/// returns the files the render is still to return; a build keeps none of
/// those that passed their scan (it has written them). The theme's assets
/// are not handed over: a static file may replace them.
pub fn render_site_streaming(
    site: &Site,
    batch: &mut dyn FnMut(Vec<OutputFile>) -> Vec<OutputFile>,
) -> Result<Vec<OutputFile>, RenderError> {
    render_all(site, None, Some(batch))
}

/// `render_site`, filling `cache` for later `render_update`s.
pub fn render_site_cached(
    site: &Site,
    cache: &mut ViewCache,
) -> Result<Vec<OutputFile>, RenderError> {
    render_all(site, Some(cache), None)
}

/// Item pages are rendered this many at a time when they are streamed: few
/// enough that search starts early, enough to keep every core busy.
const STREAM_CHUNK: usize = 64;

/// `cache`: only `serve` keeps one. Filling a cache nobody keeps would copy
/// every item's view (its body HTML, its strategies' text) for the whole
/// render: at 20,000 items, gigabytes held for nothing.
fn render_all(
    site: &Site,
    cache: Option<&mut ViewCache>,
    batch: Option<&mut dyn FnMut(Vec<OutputFile>) -> Vec<OutputFile>>,
) -> Result<Vec<OutputFile>, RenderError> {
    let theme = Theme::load(&site.root, &site.config.theme)?;
    let lib = match cache {
        Some(cache) => Library::cached(site, cache),
        None => Library::new(site),
    };
    let mut files = match batch {
        None => {
            let (mut files, pages) = render_deferred(&theme, &lib, pages::all_deferred(&lib))?;
            files.extend(data_files(&lib, &pages)?);
            files
        }
        Some(batch) => {
            // The pages that list items (one of them a few hundred
            // megabytes of HTML at 20,000 items, each rendered on one
            // thread) and the open data render beside the item pages,
            // whose chunks keep the other core busy; rendered one after
            // the other, the listings left a core idle for most of their
            // stretch. They are handed on after the item pages, in the
            // order of `pages::all_deferred`, so that the search index and the
            // output see the same sequence as before.
            let (before, after) = pages::deferred_around_items(&lib);
            let mut listings = None;
            let mut files = Vec::with_capacity(lib.items.len() + 64);
            let mut item_pages = Vec::with_capacity(lib.items.len());
            let items = rayon::in_place_scope(|scope| {
                scope.spawn(|_| {
                    listings = Some(render_listings(&theme, &lib, before, after));
                });
                // Item pages first, so that the consumer starts at once,
                // and their template contexts made a chunk at a time: each
                // holds a copy of its item, which adds up on a large site.
                for chunk in lib.items.chunks(STREAM_CHUNK) {
                    let mut chunk: Vec<Page> =
                        chunk.iter().map(|i| pages::item_page(&lib, i)).collect();
                    files.extend(batch(render_pages(&theme, &lib, &mut chunk)?));
                    // Their contexts are gone; the sitemap needs only the
                    // path and date.
                    item_pages.extend(chunk);
                }
                Ok::<_, RenderError>(())
            });
            let listings = listings.expect("the listings' job ends with the scope");
            items?;
            let Listings {
                before: (before_files, mut pages),
                after: (after_files, after_pages),
                feeds,
                learning,
            } = listings?;
            files.extend(batch(before_files));
            pages.extend(item_pages);
            pages.extend(after_pages);
            // A few at a time: the scan of each group runs on every core.
            let mut after_files = after_files.into_iter();
            loop {
                let group: Vec<OutputFile> = after_files.by_ref().take(8).collect();
                if group.is_empty() {
                    break;
                }
                files.extend(batch(group));
            }
            let mut data = feeds;
            data.push(sitemap::sitemap(&lib, &pages));
            data.push(robots::robots(&lib));
            data.push(learning);
            files.extend(batch(data));
            files
        }
    };
    files.extend(
        theme
            .assets
            .into_iter()
            .map(|(path, bytes)| OutputFile::new(path, bytes)),
    );
    Ok(files)
}

/// What renders beside the item pages: the pages before and after them
/// (files, and the pages for the sitemap), the feeds and learning.json.
struct Listings {
    before: (Vec<OutputFile>, Vec<Page>),
    after: (Vec<OutputFile>, Vec<Page>),
    feeds: Vec<OutputFile>,
    learning: OutputFile,
}

fn render_listings<'l>(
    theme: &Theme,
    lib: &'l Library,
    before: Vec<page::Deferred<'l>>,
    after: Vec<page::Deferred<'l>>,
) -> Result<Listings, RenderError> {
    Ok(Listings {
        before: render_deferred(theme, lib, before)?,
        after: render_deferred(theme, lib, after)?,
        feeds: feeds::feeds(lib),
        learning: learning_json::learning_json(lib)?,
    })
}

/// Makes and renders each page, on every core: a page's context is made
/// by the thread that renders it and dropped once it is rendered. Returns
/// the files and the pages (for the sitemap), in the order given.
fn render_deferred(
    theme: &Theme,
    lib: &Library,
    pages: Vec<page::Deferred>,
) -> Result<(Vec<OutputFile>, Vec<Page>), RenderError> {
    // Before any page is made: a listing's context takes each row as made.
    lib.make_rows(theme)?;
    let site = page::site_context(lib);
    let rendered = pages
        .into_par_iter()
        .map(|make| {
            let mut page = make();
            let file = render_one(theme, &site, &mut page)?;
            Ok((file, page))
        })
        .collect::<Result<Vec<_>, RenderError>>()?;
    Ok(rendered.into_iter().unzip())
}

/// The feeds, the sitemap of `pages`, robots.txt and learning.json.
fn data_files(lib: &Library, pages: &[Page]) -> Result<Vec<OutputFile>, RenderError> {
    let mut files = feeds::feeds(lib);
    files.push(sitemap::sitemap(lib, pages));
    files.push(robots::robots(lib));
    files.push(learning_json::learning_json(lib)?);
    Ok(files)
}

/// One item's page alone: what `serve` renders at once after an edit (the
/// pages that list items follow when they are next asked for).
pub fn render_item(
    site: &Site,
    theme: &Theme,
    item: &crate::content::Item,
) -> Result<OutputFile, RenderError> {
    let lib = Library::single(site, item);
    let page = pages::item_page(&lib, &lib.items[0]);
    let mut files = render_pages(theme, &lib, &mut [page])?;
    Ok(files.remove(0))
}

/// What `serve` re-renders after an edit: every page except the item pages
/// of items other than `changed` (an item page depends on its item alone),
/// with Markdown re-rendered only for items whose text changed; feeds,
/// learning.json and the sitemap too.
pub fn render_update(
    site: &Site,
    theme: &Theme,
    cache: &mut ViewCache,
    changed: &[String],
) -> Result<Vec<OutputFile>, RenderError> {
    let lib = Library::cached(site, cache);
    lib.make_rows(theme)?;
    let (before, after) = pages::pages_around_items(&lib);
    let is_changed = |item: &ItemView| changed.contains(&item.source_path);
    let mut pages: Vec<Page> = before;
    let listed_before = pages.len();
    pages.extend(
        lib.items
            .iter()
            .filter(|item| is_changed(item))
            .map(|item| pages::item_page(&lib, item)),
    );
    let listed_items = pages.len();
    pages.extend(after);
    let mut files = render_pages(theme, &lib, &mut pages)?;
    files.extend(feeds::feeds(&lib));
    files.push(learning_json::learning_json(&lib)?);
    // The sitemap lists every item page in the order of a full render;
    // those not rendered again are named without being rendered.
    let after = pages.split_off(listed_items);
    let mut rendered_items = pages.split_off(listed_before).into_iter();
    for item in &lib.items {
        match is_changed(item) {
            true => pages.extend(rendered_items.next()),
            false => pages.push(pages::item_page_entry(&lib, item)),
        }
    }
    pages.extend(after);
    files.push(sitemap::sitemap(&lib, &pages));
    Ok(files)
}

/// Renders pages with the theme. Public so that other parts of the site
/// (search, national pages) can add pages that share the layout.
///
/// Each page's own context is moved out as the page is rendered (and so
/// freed then, not copied): a listing page's context can hold thousands of
/// cards. The pages keep everything else, e.g. the path and date the
/// sitemap needs.
pub fn render_pages(
    theme: &Theme,
    lib: &Library,
    pages: &mut [Page],
) -> Result<Vec<OutputFile>, RenderError> {
    let site = page::site_context(lib);
    pages
        .par_iter_mut()
        .map(|page| render_one(theme, &site, page))
        .collect()
}

/// Renders one page, moving its context out (see `render_pages`).
fn render_one(
    theme: &Theme,
    site: &SiteContext,
    page: &mut Page,
) -> Result<OutputFile, RenderError> {
    let mut context = Context::new();
    context.insert("site", site);
    context.insert("page", &page.meta);
    context.extend(std::mem::take(&mut page.context));
    let html =
        theme
            .tera
            .render(page.template, &context)
            .map_err(|e| RenderError::TemplateRender {
                template: page.template.to_string(),
                page: page.output_path(),
                detail: error::tera_detail(&e),
            })?;
    let file = OutputFile::new(page.output_path(), html);
    Ok(match &page.origin {
        Some(origin) => file.from(origin.clone()),
        None => file,
    })
}
