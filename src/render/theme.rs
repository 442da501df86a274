//! The theme: Tera templates and static assets, embedded from
//! `themes/default/` and overridable file by file by the site's
//! `themes/<config.theme>/` folder (same relative paths).
//!
//! A site's theme folder only needs the files it changes; everything else
//! comes from the binary, so an old override keeps working when the
//! default theme gains a template.
//!
//! Assets are written under `assets/`, except `assets/favicon.ico`, which
//! goes to the site's root, where browsers ask for it unprompted.

use std::collections::BTreeMap;
use std::path::Path;

use rust_embed::RustEmbed;
use tera::Tera;

use super::error::{tera_detail, RenderError};

#[derive(RustEmbed)]
#[folder = "themes/default/"]
struct DefaultTheme;

const TEMPLATES: &str = "templates/";
const ASSETS: &str = "assets/";
/// The theme's icon, and where it is written.
const FAVICON: (&str, &str) = ("assets/favicon.ico", "favicon.ico");
const DEFAULT_THEME: &str = "default";

/// Templates ready to render, and the assets to copy to `assets/`.
pub struct Theme {
    pub tera: Tera,
    /// Output path (e.g. `assets/site.css`, `favicon.ico`) → bytes.
    pub assets: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// The embedded default theme with `<root>/themes/<name>/` laid over it.
    /// A theme other than `default` must exist on disk.
    pub fn load(root: &Path, name: &str) -> Result<Theme, RenderError> {
        let mut files: BTreeMap<String, (Vec<u8>, String)> = BTreeMap::new();
        for path in DefaultTheme::iter() {
            if let Some(file) = DefaultTheme::get(&path) {
                let origin = format!("embedded default theme, {path}");
                files.insert(path.to_string(), (file.data.into_owned(), origin));
            }
        }
        // A plain folder name: `theme = "../x"` must not load files from
        // outside themes/.
        let plain = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        let folder = root.join("themes").join(name);
        if !plain {
            return Err(RenderError::ThemeName {
                name: name.to_string(),
            });
        }
        if folder.is_dir() {
            for (relative, bytes) in read_folder(&folder)? {
                let origin = folder.join(&relative).display().to_string();
                files.insert(relative, (bytes, origin));
            }
        } else if name != DEFAULT_THEME {
            return Err(RenderError::ThemeMissing {
                name: name.to_string(),
                path: folder,
            });
        }

        let mut templates = Vec::new();
        let mut assets = BTreeMap::new();
        for (relative, (bytes, origin)) in files {
            if let Some(template) = relative.strip_prefix(TEMPLATES) {
                let text = String::from_utf8(bytes).map_err(|_| RenderError::ThemeNotText {
                    file: origin.clone(),
                })?;
                templates.push((template.to_string(), text, origin));
            } else if relative == FAVICON.0 {
                assets.insert(FAVICON.1.to_string(), bytes);
            } else if relative.starts_with(ASSETS) {
                assets.insert(relative, bytes);
            }
        }
        let mut tera = Tera::default();
        tera.set_escape_fn(crate::text::escape_html);
        tera.add_raw_templates(
            templates
                .iter()
                .map(|(name, text, _)| (name.as_str(), text.as_str())),
        )
        .map_err(|e| RenderError::TemplateSyntax {
            origin: templates
                .iter()
                .filter(|(name, _, _)| tera_detail(&e).contains(name.as_str()))
                .map(|(_, _, origin)| origin.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            detail: tera_detail(&e),
        })?;
        Ok(Theme { tera, assets })
    }
}

/// Every file under `folder`, as `/`-separated relative paths. Symbolic
/// links are not followed, as elsewhere in clearhouse: they could reach
/// outside the site.
fn read_folder(folder: &Path) -> Result<Vec<(String, Vec<u8>)>, RenderError> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(folder)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| RenderError::ThemeRead {
            path: e.path().unwrap_or(folder).to_path_buf(),
            source: e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("filesystem loop")),
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let bytes = std::fs::read(entry.path()).map_err(|source| RenderError::ThemeRead {
            path: entry.path().to_path_buf(),
            source,
        })?;
        files.push((crate::content::relative(folder, entry.path()), bytes));
    }
    Ok(files)
}

#[cfg(test)]
mod name_tests {
    use super::*;

    #[test]
    fn a_theme_name_cannot_leave_the_themes_folder() {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("themes")).unwrap();
        std::fs::create_dir_all(site.path().join("x")).unwrap();
        assert!(matches!(
            Theme::load(site.path(), "../x"),
            Err(RenderError::ThemeName { .. })
        ));
        assert!(Theme::load(site.path(), "default").is_ok());
    }
}
