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
    /// Whether [`ROW_TEMPLATE`] is loaded (see [`Theme::row_template`]).
    rows: bool,
}

/// The templates that are given strategy rows, and the ones they extend
/// and import. While none is overridden, a row is made once and printed
/// as made on every listing (`macros.html`'s `strategy_list` prints
/// `row_h3`); a theme that overrides one is given every field of every row,
/// as before, since its templates may read them.
const ROW_LISTINGS: [&str; 7] = [
    "base.html",
    "macros.html",
    "clear.html",
    "clear_category.html",
    "clear_responsibility.html",
    "clear_review.html",
    "theme.html",
];

/// One strategy's listing row, by the theme's own macro: exactly what
/// `strategy_list` prints for it under an `h3`. Its name ends in `.html` so
/// that Tera escapes it as it escapes the pages. A theme with a file of
/// that name keeps it, and its rows are not made once.
const ROW_TEMPLATE: &str = "clearhouse: strategy row.html";
const ROW_TEMPLATE_TEXT: &str =
    r#"{% import "macros.html" as m %}{{ m::strategy_summary(strategy=strategy, heading="h3") }}"#;

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
        // A link or special file in place of the folder is not followed;
        // the load stage reports it (`files_refused`) and blocks the site.
        let folder_meta = std::fs::symlink_metadata(&folder);
        if folder_meta.as_ref().is_ok_and(|m| m.is_dir()) && !themes_is_link(root) {
            for (relative, bytes) in read_folder(&folder)? {
                let origin = folder.join(&relative).display().to_string();
                files.insert(relative, (bytes, origin));
            }
        } else if name != DEFAULT_THEME && folder_meta.is_err() {
            return Err(RenderError::ThemeMissing {
                name: name.to_string(),
                path: folder,
            });
        }

        let rows = ROW_LISTINGS.iter().all(|name| {
            files
                .get(&format!("{TEMPLATES}{name}"))
                .is_some_and(|(_, origin)| origin.starts_with("embedded default theme"))
        }) && !files.contains_key(&format!("{TEMPLATES}{ROW_TEMPLATE}"));
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
        // Tera's `get_env` reads the build machine's environment (a hosted
        // build's register secret among it): themes get only what the page
        // gives them. `check_overrides` refuses a theme that calls it; this
        // is what it meets if a template slips by.
        tera.register_function("get_env", refused_function("get_env"));
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
        if rows {
            tera.add_raw_template(ROW_TEMPLATE, ROW_TEMPLATE_TEXT)
                .map_err(|e| RenderError::TemplateSyntax {
                    origin: "embedded default theme, templates/macros.html".to_string(),
                    detail: tera_detail(&e),
                })?;
        }
        Ok(Theme { tera, assets, rows })
    }

    /// The template that renders one strategy's listing row, when the
    /// templates that list strategies are the default theme's.
    pub fn row_template(&self) -> Option<&'static str> {
        self.rows.then_some(ROW_TEMPLATE)
    }
}

/// The largest theme file read (a template, a stylesheet, an image).
const MAX_THEME_FILE_BYTES: u64 = 32 * 1024 * 1024;

fn themes_is_link(root: &Path) -> bool {
    std::fs::symlink_metadata(root.join("themes")).is_ok_and(|m| !m.is_dir())
}

/// Findings for what `Theme::load` will not read in the site's theme
/// folder: `themes/`, `themes/<name>` or any file in it that is a symbolic
/// link (wherever it points: a template linked to the register would
/// print it into a page) or a FIFO, socket or device. The load stage adds
/// them to the site's findings, so that such a theme blocks the build with
/// a finding of kind `file` rather than being used without the files.
pub fn files_refused(root: &Path, name: &str) -> Vec<crate::findings::Finding> {
    use crate::content::not_followed;
    let themes = root.join("themes");
    match std::fs::symlink_metadata(&themes) {
        Ok(meta) if !meta.is_dir() => return vec![not_followed("themes", meta.file_type())],
        Ok(_) => {}
        Err(_) => return Vec::new(),
    }
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !plain {
        return Vec::new();
    }
    let folder = themes.join(name);
    match std::fs::symlink_metadata(&folder) {
        Ok(meta) if !meta.is_dir() => {
            return vec![not_followed(format!("themes/{name}"), meta.file_type())]
        }
        Ok(_) => {}
        Err(_) => return Vec::new(),
    }
    walkdir::WalkDir::new(&folder)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| !e.file_type().is_file() && !e.file_type().is_dir())
        .map(|e| not_followed(crate::content::relative(root, e.path()), e.file_type()))
        .collect()
}

/// What a template may not use: Tera's `get_env` (the build machine's
/// environment, with a hosted build's register secret) and
/// `__tera_context` (the whole page context, printed unescaped). `now` and
/// `get_random` are not built (Tera's `builtins` feature is off); Tera
/// has no function that reads files.
const REFUSED: [&str; 2] = ["get_env", "__tera_context"];

/// A Tera function that fails whenever it is called.
fn refused_function(name: &'static str) -> impl tera::Function {
    move |_: &std::collections::HashMap<String, tera::Value>| -> tera::Result<tera::Value> {
        Err(tera::Error::msg(format!(
            "{name} is not available to themes: a template gets only what the page gives it"
        )))
    }
}

/// Problems with the files a site's `themes/<name>/` folder lays over the
/// default theme, as findings naming the file and line:
///
/// - a template that uses a refused function ([`REFUSED`]), or includes,
///   imports or extends a template that is not in the theme (a path out
///   of `templates/`, such as `../../../private/register.toml`): rule
///   `theme-refused`, and nothing is rendered with the theme;
/// - personal data the site wrote into its theme, which reaches every
///   page: the lines a file adds to or changes from the default theme's
///   are read by `gate` — a template's text as a reader sees it (Tera
///   tags and HTML tags left out) by every detector, other text files
///   (CSS, JavaScript) for register entries and contact details and
///   numbers, since the names detectors read code as names.
pub fn check_overrides(
    root: &Path,
    name: &str,
    gate: &crate::gate::Gate,
) -> Vec<crate::findings::Finding> {
    use crate::findings::{Finding, Kind, Severity};
    use crate::source::SourceText;
    let folder = root.join("themes").join(name);
    if !folder.is_dir() || name.is_empty() || name.contains(['/', '\\', '.']) {
        return Vec::new();
    }
    let Ok(files) = read_folder(&folder) else {
        return Vec::new();
    };
    let mut known: std::collections::BTreeSet<String> = DefaultTheme::iter()
        .filter_map(|p| p.strip_prefix(TEMPLATES).map(str::to_string))
        .collect();
    known.extend(
        files
            .iter()
            .filter_map(|(rel, _)| rel.strip_prefix(TEMPLATES).map(str::to_string)),
    );
    let mut findings = Vec::new();
    for (relative, bytes) in files {
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        let path = format!("themes/{name}/{relative}");
        let source = SourceText::new(path.clone(), text);
        let template = relative.starts_with(TEMPLATES);
        if template {
            for (start, end, message) in refused_uses(&source.text, &known) {
                findings.push(
                    Finding::at(&source, start, end, Kind::Schema, "theme-refused", Severity::Error, message)
                        .with_help("remove it: a theme shows what the page gives it, and includes only templates of the theme (themes/<name>/templates/ or the default theme's)"),
                );
            }
        }
        let default = DefaultTheme::get(&relative)
            .and_then(|f| String::from_utf8(f.data.into_owned()).ok())
            .unwrap_or_default();
        let unchanged: std::collections::HashSet<&str> = default.lines().collect();
        let readable = if template {
            visible_text(&source.text)
        } else {
            source.text.clone()
        };
        let mut line_start = 0;
        for line in source.text.split_inclusive('\n') {
            let as_read = &readable[line_start..line_start + line.len()];
            if !unchanged.contains(line.trim_end_matches(['\n', '\r'])) {
                for hit in gate.scan_text(as_read) {
                    let code_safe = matches!(
                        hit.kind,
                        Kind::Register
                            | Kind::Phone
                            | Kind::Email
                            | Kind::Postcode
                            | Kind::NhsNumber
                            | Kind::ChiNumber
                            | Kind::NiNumber
                            | Kind::Bidi
                    );
                    if template || code_safe {
                        findings.push(gate.finding_in(
                            &source,
                            line_start + hit.start,
                            line_start + hit.end,
                            &hit,
                        ));
                    }
                }
            }
            line_start += line.len();
        }
    }
    findings
}

/// Uses of refused functions, and includes, imports and extends of
/// templates not in `known`, in a template: byte ranges and messages.
fn refused_uses(
    text: &str,
    known: &std::collections::BTreeSet<String>,
) -> Vec<(usize, usize, String)> {
    static USES: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    static NAMES: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let uses = USES.get_or_init(|| {
        regex::Regex::new(
            r#"\b(get_env|__tera_context)\b|\{%-?\s*(?:include|import|extends)\s+(\[[^\]]*\]|"[^"]*"|'[^']*')"#,
        )
        .expect("static regex")
    });
    let names =
        NAMES.get_or_init(|| regex::Regex::new(r#""([^"]*)"|'([^']*)'"#).expect("static regex"));
    let mut out = Vec::new();
    for caps in uses.captures_iter(text) {
        let whole = caps.get(0).expect("match");
        if let Some(function) = caps.get(1) {
            debug_assert!(REFUSED.contains(&function.as_str()));
            out.push((
                function.start(),
                function.end(),
                format!(
                    "this template uses `{}`, which themes may not: it would publish what is not meant for the page (the build machine's environment, the whole page context)",
                    function.as_str()
                ),
            ));
            continue;
        }
        let listed = caps.get(2).map_or("", |m| m.as_str());
        for name in names.captures_iter(listed) {
            let name = name.get(1).or(name.get(2)).map_or("", |m| m.as_str());
            let outside = name.contains("..") || name.starts_with('/') || name.contains('\\');
            if outside || !known.contains(name) {
                out.push((
                    whole.start(),
                    whole.end(),
                    format!(
                        "this template includes, imports or extends a template that is not in the theme{}",
                        if outside { " (a path outside the theme's templates/)" } else { "" }
                    ),
                ));
            }
        }
    }
    out
}

/// A template's text as a reader of the page sees it: Tera's tags and
/// comments and HTML tags blanked out (newlines kept, so offsets and lines
/// stay as written).
fn visible_text(text: &str) -> String {
    let mut out = text.as_bytes().to_vec();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let close: Option<&str> = match (bytes[i], bytes.get(i + 1)) {
            (b'{', Some(b'{')) => Some("}}"),
            (b'{', Some(b'%')) => Some("%}"),
            (b'{', Some(b'#')) => Some("#}"),
            (b'<', Some(c)) if c.is_ascii_alphabetic() || matches!(c, b'/' | b'!') => Some(">"),
            _ => None,
        };
        if let Some(close) = close {
            if let Some(end) = text[i..].find(close) {
                for slot in &mut out[i..i + end + close.len()] {
                    if *slot != b'\n' {
                        *slot = b' ';
                    }
                }
                i += end + close.len();
                continue;
            }
        }
        i += 1;
    }
    // Only ASCII bytes were blanked, whole characters at a time.
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// Every regular file under `folder`, as `/`-separated relative paths.
/// Symbolic links and special files are not followed or opened, as
/// elsewhere in clearhouse (`files_refused` reports them).
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
        let bytes =
            crate::files::read_regular(entry.path(), MAX_THEME_FILE_BYTES).map_err(|refused| {
                RenderError::ThemeRead {
                    path: entry.path().to_path_buf(),
                    source: match refused {
                        crate::files::ReadRefused::Io(e) => e,
                        crate::files::ReadRefused::TooLarge { size } => {
                            std::io::Error::other(format!(
                                "it is {}; theme files are limited to {}",
                                crate::files::megabytes(size),
                                crate::files::megabytes(MAX_THEME_FILE_BYTES)
                            ))
                        }
                        crate::files::ReadRefused::Special(what) => {
                            std::io::Error::other(format!("it is {what}, not a regular file"))
                        }
                        crate::files::ReadRefused::Symlink => {
                            std::io::Error::other("it is a symbolic link")
                        }
                    },
                }
            })?;
        files.push((crate::content::relative(folder, entry.path()), bytes));
    }
    Ok(files)
}

#[cfg(test)]
mod name_tests {
    use super::*;

    fn site_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let site = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = site.path().join("themes/default").join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        site
    }

    fn gate() -> crate::gate::Gate {
        let entry = crate::gate::RegisterEntry {
            review_id: None,
            text: "Stacey Corrigan".into(),
            kind: "person-name".into(),
            replacement: None,
        };
        crate::gate::Gate::new(
            &crate::config::GateConfig::default(),
            crate::gate::Register::from_entries(vec![entry], &|_| false),
        )
    }

    #[test]
    fn a_copy_of_the_default_theme_has_no_findings() {
        let mut files = Vec::new();
        for path in DefaultTheme::iter() {
            let data = DefaultTheme::get(&path).unwrap().data.into_owned();
            if let Ok(text) = String::from_utf8(data) {
                files.push((path.to_string(), text));
            }
        }
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        let site = site_with(&files);
        let found = check_overrides(site.path(), "default", &gate());
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn refused_functions_and_includes_outside_the_theme_are_found() {
        let site = site_with(&[
            ("templates/404.html", "{% extends \"base.html\" %}\n{% block main %}\n<pre>{{ get_env(name=\"CLEARHOUSE_REGISTER_TOML\", default=\"\") }}</pre>\n{% endblock main %}\n"),
            ("templates/about.html", "{% extends \"base.html\" %}\n{% block main %}\n{% include \"../../../private/register.toml\" %}{{ __tera_context }}\n{% endblock main %}\n"),
            ("templates/years.html", "{% extends \"base.html\" %}{% import \"macros.html\" as m %}{% include [\"missing.html\", \"404.html\"] ignore missing %}\n"),
        ]);
        let found = check_overrides(site.path(), "default", &gate());
        let places: Vec<(&str, usize)> = found.iter().map(|f| (f.path.as_str(), f.line)).collect();
        assert_eq!(
            places,
            [
                ("themes/default/templates/404.html", 3),
                ("themes/default/templates/about.html", 3),
                ("themes/default/templates/about.html", 3),
                ("themes/default/templates/years.html", 1),
            ],
            "{found:#?}"
        );
        assert!(found.iter().all(|f| f.rule == "theme-refused"));
        let site = site_with(&[("templates/404.html", "{{ get_env(name=\"HOME\") }}")]);
        let theme = Theme::load(site.path(), "default").unwrap();
        let rendered = theme.tera.render("404.html", &tera::Context::new());
        assert!(rendered.is_err(), "get_env must not run");
    }

    #[test]
    fn personal_data_written_into_a_theme_is_found_at_its_line() {
        let site = site_with(&[
            ("templates/404.html", "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ page.title }}</h1>\n<p>If you need help, contact Stacey Corrigan or Dr Lindqvist.</p>\n{% endblock main %}\n"),
            ("assets/site.css", "/* duty desk for this family: 0131 496 0916 */\nbody { font-family: Helvetica, Arial; }\n.item_count { color: #333; }\n"),
        ]);
        let found = check_overrides(site.path(), "default", &gate());
        let kinds: Vec<(&str, usize, &str)> = found
            .iter()
            .map(|f| (f.path.as_str(), f.line, f.kind.as_str()))
            .collect();
        assert!(
            kinds.contains(&("themes/default/templates/404.html", 4, "register")),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&("themes/default/templates/404.html", 4, "person-name")),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&("themes/default/assets/site.css", 1, "phone")),
            "{kinds:?}"
        );
        assert!(
            !kinds
                .iter()
                .any(|(p, l, _)| p.ends_with("site.css") && *l > 1),
            "{kinds:?}"
        );
    }

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
