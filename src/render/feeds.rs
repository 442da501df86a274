//! Atom feeds: one for the whole site (`atom.xml`) and one per theme
//! (`themes/<theme>/atom.xml`), so that practitioners can follow the themes
//! they work on. Entries are items; an item joins a theme's feed when it or
//! one of its strategies is on the theme.

use super::library::{ItemView, Library};
use crate::files::OutputFile;
use crate::text::escape_html as escape;

pub fn feeds(lib: &Library) -> Vec<OutputFile> {
    let mut files = vec![feed(
        lib,
        "atom.xml",
        "",
        &lib.site.config.title,
        &lib.items.iter().collect::<Vec<_>>(),
    )];
    for count in lib.themes_in_use() {
        let theme = &count.theme;
        let title = format!("{}: {}", lib.site.config.title, theme.label);
        let items = lib.items_touching_theme(&theme.slug);
        let page = format!("themes/{}/", theme.slug);
        files.push(feed(lib, &format!("{page}atom.xml"), &page, &title, &items));
    }
    files
}

/// `path` is where the feed is written, `page` the HTML page it mirrors.
fn feed(lib: &Library, path: &str, page: &str, title: &str, items: &[&ItemView]) -> OutputFile {
    let updated = items
        .iter()
        .map(|i| i.card.published.clone())
        .max()
        .unwrap_or_else(|| lib.site.today.to_string());
    let author = lib
        .site
        .config
        .area
        .as_deref()
        .unwrap_or(&lib.site.config.title);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en-GB\">\n");
    xml.push_str(&format!("  <title>{}</title>\n", escape(title)));
    xml.push_str(&format!("  <id>{}</id>\n", escape(&lib.absolute(path))));
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape(&lib.absolute(path))
    ));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&lib.absolute(page))
    ));
    xml.push_str(&format!("  <updated>{}</updated>\n", timestamp(&updated)));
    xml.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        escape(author)
    ));
    xml.push_str("  <generator>clearhouse</generator>\n");
    for item in items {
        entry(lib, item, &mut xml);
    }
    xml.push_str("</feed>\n");
    OutputFile::new(path, xml)
}

fn entry(lib: &Library, item: &ItemView, xml: &mut String) {
    let card = &item.card;
    let url = escape(&lib.absolute(&card.path));
    xml.push_str("  <entry>\n");
    xml.push_str(&format!("    <title>{}</title>\n", escape(&card.title)));
    xml.push_str(&format!("    <id>{url}</id>\n"));
    xml.push_str(&format!(
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n"
    ));
    xml.push_str(&format!(
        "    <published>{}</published>\n",
        timestamp(&card.published)
    ));
    xml.push_str(&format!(
        "    <updated>{}</updated>\n",
        timestamp(&card.published)
    ));
    xml.push_str(&format!(
        "    <author><name>{}</name></author>\n",
        escape(&card.area)
    ));
    for theme in &card.themes {
        xml.push_str(&format!(
            "    <category term=\"{}\" label=\"{}\"/>\n",
            escape(&theme.slug),
            escape(&theme.label)
        ));
    }
    let summary = format!(
        "{} {}. {} {}, {} of them complete against CLEAR.",
        card.summary,
        card.kind_label,
        card.strategy_count,
        if card.strategy_count == 1 {
            "strategy"
        } else {
            "strategies"
        },
        card.complete_strategy_count
    );
    xml.push_str(&format!(
        "    <summary>{}</summary>\n",
        escape(summary.trim())
    ));
    xml.push_str("  </entry>\n");
}

/// Atom needs a date-time; items have a publication day only.
fn timestamp(day: &str) -> String {
    format!("{day}T00:00:00Z")
}
