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
    render_site_cached(site, &mut ViewCache::default())
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
    render_all(site, &mut ViewCache::default(), Some(batch))
}

/// `render_site`, filling `cache` for later `render_update`s.
pub fn render_site_cached(
    site: &Site,
    cache: &mut ViewCache,
) -> Result<Vec<OutputFile>, RenderError> {
    render_all(site, cache, None)
}

/// Item pages are rendered this many at a time when they are streamed: few
/// enough that search starts early, enough to keep every core busy.
const STREAM_CHUNK: usize = 64;

fn render_all(
    site: &Site,
    cache: &mut ViewCache,
    batch: Option<&mut dyn FnMut(Vec<OutputFile>) -> Vec<OutputFile>>,
) -> Result<Vec<OutputFile>, RenderError> {
    let theme = Theme::load(&site.root, &site.config.theme)?;
    let lib = Library::cached(site, cache);
    let mut files = match batch {
        None => {
            let mut pages = pages::all_pages(&lib);
            let mut files = render_pages(&theme, &lib, &mut pages)?;
            files.extend(data_files(&lib, &pages)?);
            files
        }
        Some(batch) => {
            // Item pages first, so that the consumer starts at once, and
            // their template contexts made a chunk at a time: each holds a
            // copy of its item, which adds up on a large site.
            let mut files = Vec::with_capacity(lib.items.len() + 64);
            let mut item_pages = Vec::with_capacity(lib.items.len());
            for chunk in lib.items.chunks(STREAM_CHUNK) {
                let mut chunk: Vec<Page> =
                    chunk.iter().map(|i| pages::item_page(&lib, i)).collect();
                files.extend(batch(render_pages(&theme, &lib, &mut chunk)?));
                // Their contexts are gone; the sitemap needs only the path
                // and date.
                item_pages.extend(chunk);
            }
            // The other pages a group at a time, for the same reason: a
            // listing page's context copies the cards or strategies it
            // lists, and all of them at once added about 0.6 GB to the
            // peak of a 2,900-item site. Same pages, same order as
            // `all_pages`.
            let mut pages = pages::pages_before_items(&lib);
            files.extend(batch(render_pages(&theme, &lib, &mut pages)?));
            pages.extend(item_pages);
            // Two groups at a time, so that both cores render even where a
            // group is one large page (each CLEAR page).
            for groups in pages::AFTER_ITEMS.chunks(2) {
                let mut group: Vec<Page> = groups.iter().flat_map(|group| group(&lib)).collect();
                files.extend(batch(render_pages(&theme, &lib, &mut group)?));
                pages.extend(group);
            }
            files.extend(batch(data_files(&lib, &pages)?));
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
        .map(|page| {
            let mut context = Context::new();
            context.insert("site", &site);
            context.insert("page", &page.meta);
            context.extend(std::mem::take(&mut page.context));
            let html = theme.tera.render(page.template, &context).map_err(|e| {
                RenderError::TemplateRender {
                    template: page.template.to_string(),
                    page: page.output_path(),
                    detail: error::tera_detail(&e),
                }
            })?;
            let file = OutputFile::new(page.output_path(), html);
            Ok(match &page.origin {
                Some(origin) => file.from(origin.clone()),
                None => file,
            })
        })
        .collect()
}
