//! Why rendering failed, phrased so that whoever maintains the theme knows
//! which file to open and what to change.

use std::path::PathBuf;

/// A rendering failure. Every variant names the template or file involved.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("theme {name:?} was not found: there is no folder {}", .path.display())]
    ThemeMissing { name: String, path: PathBuf },

    #[error("theme {name:?} is not a folder name: use letters, digits, '-' and '_' (the folder under themes/)")]
    ThemeName { name: String },

    #[error("cannot read theme file {}: {source}", .path.display())]
    ThemeRead {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("theme file {file} is not UTF-8 text; save it as UTF-8")]
    ThemeNotText { file: String },

    #[error("the theme's templates do not parse ({origin}): {detail}\n  fix the template named above; compare it with the default theme in themes/default/templates/")]
    TemplateSyntax { origin: String, detail: String },

    #[error("template {template} failed while rendering {page}: {detail}\n  if you override {template} in your theme, check the variables it uses against the default theme's")]
    TemplateRender {
        template: String,
        page: String,
        detail: String,
    },

    #[error("cannot write {file} as JSON: {source}")]
    Json {
        file: String,
        #[source]
        source: serde_json::Error,
    },
}

/// Tera hides the useful part of an error in its `source` chain; this
/// flattens the chain into one line.
pub(crate) fn tera_detail(error: &tera::Error) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        parts.push(cause.to_string());
        source = cause.source();
    }
    parts.join(": ")
}
