//! One page to render, and the two values every template receives: `site`
//! (`SiteContext`) and `page` (`PageContext`). The page modules (`pages`,
//! `browse_pages`, `clear_pages`, `search_page`) build `Page`s; this module
//! knows none of them.

use serde::Serialize;
use tera::Context;

use super::library::Library;
use crate::config::Scope;

/// `site` in every template.
#[derive(Debug, Clone, Serialize)]
pub struct SiteContext {
    pub title: String,
    /// Prefix of every internal link: `/` or `/sub/`.
    pub base: String,
    /// `base_url` without a trailing slash.
    pub base_url: String,
    pub noindex: bool,
    pub national: bool,
    /// Local sites: the CPC area.
    pub area: Option<String>,
    /// The search page (built by `search`); forms send `q` there.
    pub search_url: String,
    pub feed_url: String,
    pub open_data_url: String,
    /// Where "Leave this site quickly" goes (`quick_exit_url` in config.toml).
    pub leave_url: String,
    /// The build day, `YYYY-MM-DD`.
    pub today: String,
}

/// `page` in every template.
#[derive(Debug, Clone, Serialize)]
pub struct PageContext {
    pub title: String,
    /// Under the site root: `` (home), `learning/`, `404.html`.
    pub path: String,
    /// Absolute URL.
    pub url: String,
    /// For `<meta name="description">`.
    pub description: String,
    /// Main navigation entry to mark as current: `home`, `learning`,
    /// `themes`, `clear`, `effective-practice`, `about` or empty.
    pub section: &'static str,
    /// A feed for this page's subject, besides the site feed.
    pub feed: Option<FeedLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FeedLink {
    pub url: String,
    pub title: String,
}

/// One page to render.
pub struct Page {
    pub template: &'static str,
    pub meta: PageContext,
    pub context: Context,
    /// The source file, for items.
    pub origin: Option<String>,
    /// `YYYY-MM-DD` for the sitemap.
    pub lastmod: Option<String>,
}

impl Page {
    pub fn new(
        lib: &Library,
        path: impl Into<String>,
        template: &'static str,
        title: impl Into<String>,
    ) -> Page {
        let path = path.into();
        Page {
            template,
            meta: PageContext {
                title: title.into(),
                url: lib.absolute(&path),
                path,
                description: String::new(),
                section: "",
                feed: None,
            },
            context: Context::new(),
            origin: None,
            lastmod: None,
        }
    }

    pub fn section(mut self, section: &'static str) -> Page {
        self.meta.section = section;
        self
    }

    pub fn description(mut self, description: impl Into<String>) -> Page {
        self.meta.description = description.into();
        self
    }

    pub fn with(mut self, key: &str, value: &impl Serialize) -> Page {
        self.context.insert(key, value);
        self
    }

    /// The output file: `learning/x/` → `learning/x/index.html`.
    pub fn output_path(&self) -> String {
        if self.meta.path.is_empty() || self.meta.path.ends_with('/') {
            format!("{}index.html", self.meta.path)
        } else {
            self.meta.path.clone()
        }
    }

    /// Whether the page belongs in the sitemap (the 404 page does not).
    pub fn is_indexable(&self) -> bool {
        self.output_path().ends_with("index.html")
    }
}

pub fn site_context(lib: &Library) -> SiteContext {
    let config = &lib.site.config;
    SiteContext {
        title: config.title.clone(),
        base: lib.base.clone(),
        base_url: lib.base_url.clone(),
        noindex: config.noindex,
        national: config.scope == Scope::National,
        area: config.area.clone().filter(|_| config.scope == Scope::Local),
        search_url: format!("{}search/", lib.base),
        feed_url: format!("{}atom.xml", lib.base),
        open_data_url: format!("{}learning.json", lib.base),
        leave_url: config.quick_exit_url().to_string(),
        today: lib.site.today.to_string(),
    }
}

/// A page made only when it is rendered. A listing page's context is a
/// copy of every card or strategy it lists; made all at once, the theme,
/// area and year pages' contexts alone were about 2 GB of a 20,000-item
/// build's peak. Made as it is rendered, a page's context lives on one
/// thread for that page only.
pub type Deferred<'l> = Box<dyn FnOnce() -> Page + Send + 'l>;
