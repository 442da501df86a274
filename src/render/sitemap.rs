//! `sitemap.xml`: every page a reader can land on, with absolute URLs.

use super::library::Library;
use super::page::Page;
use crate::files::OutputFile;
use crate::text::escape_html as escape;

pub fn sitemap(lib: &Library, pages: &[Page]) -> OutputFile {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in pages.iter().filter(|p| p.is_indexable()) {
        xml.push_str("  <url>\n    <loc>");
        xml.push_str(&escape(&lib.absolute(&page.meta.path)));
        xml.push_str("</loc>\n");
        if let Some(lastmod) = &page.lastmod {
            xml.push_str(&format!("    <lastmod>{}</lastmod>\n", escape(lastmod)));
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    OutputFile::new("sitemap.xml", xml)
}
