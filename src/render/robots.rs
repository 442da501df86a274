//! `robots.txt`. Internal sites (`noindex = true`) ask every crawler to
//! stay away; public sites point crawlers at the sitemap.

use super::library::Library;
use crate::files::OutputFile;

pub fn robots(lib: &Library) -> OutputFile {
    let text = if lib.site.config.noindex {
        "User-agent: *\nDisallow: /\n".to_string()
    } else {
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            lib.absolute("sitemap.xml")
        )
    };
    OutputFile::new("robots.txt", text)
}
