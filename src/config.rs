//! `config.toml`: the site's settings (DESIGN.md, "config.toml").
//!
//! Parsing only. Reading the register or the sources is done by the modules
//! that use them; this module never touches anything but `config.toml`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::findings::{Finding, Kind, Severity};
use crate::source::SourceText;

/// The whole of `config.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Site title, shown in the header and feeds.
    pub title: String,
    /// Absolute URL the site is served from; may carry a sub-path.
    pub base_url: String,
    /// `local` for one CPC area, `national` to aggregate areas' bundles.
    #[serde(default)]
    pub scope: Scope,
    /// Local sites: the CPC area every item belongs to.
    #[serde(default)]
    pub area: Option<String>,
    /// Theme folder name under `themes/`; `default` is embedded.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Internal sites: robots.txt disallows all and pages carry noindex.
    #[serde(default)]
    pub noindex: bool,
    /// Where the "Leave this site quickly" button goes (an https URL);
    /// `DEFAULT_QUICK_EXIT_URL` when not set.
    #[serde(default)]
    pub quick_exit_url: Option<String>,
    /// Anonymisation gate settings.
    #[serde(default)]
    pub gate: GateConfig,
    /// Theme vocabulary additions.
    #[serde(default)]
    pub taxonomy: Taxonomy,
    /// National sites: the bundles to aggregate.
    #[serde(default)]
    pub sources: Vec<SourceBundle>,
    /// National statistics settings.
    #[serde(default)]
    pub national: NationalConfig,
    /// How much the build reads (`[limits]`); far above any real review.
    #[serde(default)]
    pub limits: Limits,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    #[default]
    Local,
    National,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GateConfig {
    /// Path of the register (relative to the site root), or `false` to say
    /// explicitly that this site has none.
    #[serde(default)]
    pub register: Option<RegisterSetting>,
    /// Capitalised terms that may appear (public bodies, acronyms). Never
    /// overrides the register.
    #[serde(default)]
    pub allow: Vec<String>,
    /// What to do with day-precision dates.
    #[serde(default)]
    pub day_dates: DayDates,
}

impl Default for GateConfig {
    fn default() -> Self {
        GateConfig {
            register: None,
            allow: Vec::new(),
            day_dates: DayDates::Block,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum RegisterSetting {
    Path(String),
    Enabled(bool),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DayDates {
    /// Day-precision dates are errors (the default: they are personal data).
    #[default]
    Block,
    /// Day-precision dates are warnings.
    Warn,
}

/// `[limits]`: what the build reads, bounded so that a runaway paste or a
/// hostile file is refused in well under a second with an error naming the
/// limit and the key that raises it (kind `limit`), rather than filling
/// memory or publishing a 100 MB site. A long real report is about 15,000
/// words (100 KB).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// Bytes in one item file (content/…/*.md). Checked before reading.
    #[serde(default = "default_item_bytes")]
    pub item_bytes: u64,
    /// Bytes in one front matter string (a title, a strategy's evidence…).
    #[serde(default = "default_string_bytes")]
    pub string_bytes: u64,
    /// Rows in one Markdown table of an item's body.
    #[serde(default = "default_table_rows")]
    pub table_rows: usize,
    /// Items in content/.
    #[serde(default = "default_items")]
    pub items: usize,
    /// Bytes in one file of static/. Checked before reading.
    #[serde(default = "default_static_bytes")]
    pub static_bytes: u64,
    /// Bytes in one national source bundle (or statistics-only file),
    /// checked before it is read: default 1 GiB.
    #[serde(default = "default_bundle_bytes")]
    pub bundle_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            item_bytes: default_item_bytes(),
            string_bytes: default_string_bytes(),
            table_rows: default_table_rows(),
            items: default_items(),
            static_bytes: default_static_bytes(),
            bundle_bytes: default_bundle_bytes(),
        }
    }
}

fn default_item_bytes() -> u64 {
    2 * 1024 * 1024
}

fn default_string_bytes() -> u64 {
    64 * 1024
}

fn default_table_rows() -> usize {
    1_000
}

fn default_items() -> usize {
    100_000
}

fn default_static_bytes() -> u64 {
    32 * 1024 * 1024
}

/// The largest `config.toml` read: a real one is a few KB.
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    /// Themes added to the built-in vocabulary.
    #[serde(default)]
    pub extra_themes: Vec<String>,
    /// More words practitioners use for a theme, added to the built-in
    /// ones (`content::vocab::SYNONYMS`) for search: `non-engagement =
    /// ["…"]`. Keys are theme slugs, built-in or extra.
    #[serde(default)]
    pub synonyms: std::collections::BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceBundle {
    /// The area the bundle is from (must match the bundle's own area, as
    /// people read names: case, spacing and punctuation aside).
    pub area: String,
    /// Path (relative to the site root) or `https://` URL of the bundle.
    pub bundle: String,
    /// Path (relative to the site root) of the statistics-only records the
    /// area sent privately with this bundle; never an address, since the
    /// file is not public.
    #[serde(default)]
    pub statistics: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NationalConfig {
    /// Counts from 1 to `suppress_below - 1` are shown as `c`; never below
    /// `Threshold::MIN`.
    #[serde(default)]
    pub suppress_below: Threshold,
    /// Local sites: where the build writes the statistics-only records of
    /// held and withheld reviews (relative to the site root), which the
    /// area sends to the national body privately. Never inside the output,
    /// `content/`, `static/` or `themes/`.
    #[serde(default = "default_statistics_file")]
    pub statistics_file: String,
}

impl Default for NationalConfig {
    fn default() -> Self {
        NationalConfig {
            suppress_below: Threshold::default(),
            statistics_file: default_statistics_file(),
        }
    }
}

/// Where a local site's statistics-only records go unless config says
/// otherwise: beside the register in `private/`, which is never published
/// and which the `.gitignore` `init` writes keeps out of the repository.
pub const DEFAULT_STATISTICS_FILE: &str = "private/statistics-only.json";

fn default_statistics_file() -> String {
    DEFAULT_STATISTICS_FILE.to_string()
}

/// The small-number threshold: counts from 1 to this minus 1 are
/// suppressed. It can be raised, never set below `MIN`: figures that
/// count statistics-only records are about reviews that were not
/// published, and a lower threshold would publish small counts of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Threshold(u64);

impl Threshold {
    /// The lowest threshold: counts 1 to 4 are never shown.
    pub const MIN: u64 = 5;

    pub fn new(value: u64) -> Result<Threshold, String> {
        if value < Threshold::MIN {
            Err(format!(
                "suppress_below = {value} is below {}: counts from 1 to {} are never published (they can identify a child); it can be raised, not lowered",
                Threshold::MIN,
                Threshold::MIN - 1
            ))
        } else {
            Ok(Threshold(value))
        }
    }

    pub fn get(self) -> u64 {
        self.0
    }
}

impl Default for Threshold {
    fn default() -> Self {
        Threshold(Threshold::MIN)
    }
}

impl<'de> Deserialize<'de> for Threshold {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Threshold, D::Error> {
        Threshold::new(u64::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

fn default_bundle_bytes() -> u64 {
    1024 * 1024 * 1024
}

fn default_theme() -> String {
    "default".to_string()
}

pub const CONFIG_FILE: &str = "config.toml";

/// Where the "Leave this site quickly" button goes unless `quick_exit_url`
/// says otherwise: a busy, neutral site that gives nothing away on a shared
/// screen.
pub const DEFAULT_QUICK_EXIT_URL: &str = "https://www.bbc.co.uk/weather";

/// What `clearhouse init` writes for `title` and `area` when it was not told
/// them. `check` refuses a site that still holds it, naming the key, so that
/// no site is published as "SET ME".
pub const PLACEHOLDER_TEXT: &str = "SET ME";

/// What `clearhouse init` writes for `base_url` when it was not told it.
/// `.invalid` is reserved never to resolve (RFC 6761), so no real site has
/// it, and `check` refuses any `.invalid` address: a site built with it
/// would have wrong canonical links, feeds and sitemap.
pub const PLACEHOLDER_BASE_URL: &str = "https://set-me.invalid/";

/// Says why `root` cannot be used as a site when `config.toml` is missing
/// or unreadable: the command cannot run at all (exit code 2), which is
/// not the same as a site whose findings block publication (exit code 1).
pub fn unreadable(root: &Path) -> Option<String> {
    let path = root.join(CONFIG_FILE);
    match read_config(&path) {
        Ok(_) => None,
        Err(ConfigUnreadable::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => Some(format!(
            "{} has no {CONFIG_FILE}, so it is not a clearhouse site\n  help: run the command in the site's folder, pass --root DIR (the folder that holds {CONFIG_FILE}), or create a site with `clearhouse init DIR`",
            display_root(root)
        )),
        Err(e) => Some(format!("cannot read {}: {e}", path.display())),
    }
}

/// Why `config.toml` could not be read.
#[derive(Debug)]
enum ConfigUnreadable {
    Io(std::io::Error),
    Refused(String),
}

impl std::fmt::Display for ConfigUnreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigUnreadable::Io(e) => write!(f, "{e}"),
            ConfigUnreadable::Refused(why) => f.write_str(why),
        }
    }
}

/// `config.toml` as text. Like every file of the site it is read only when
/// it is a regular file (a FIFO would hang every command); unlike content
/// it may be a symbolic link, as the file that names the site.
fn read_config(path: &Path) -> Result<String, ConfigUnreadable> {
    use crate::files::{read_regular, ReadRefused};
    let target = std::fs::canonicalize(path).map_err(ConfigUnreadable::Io)?;
    match read_regular(&target, MAX_CONFIG_BYTES) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
            ConfigUnreadable::Refused("it is not UTF-8 text; save it as UTF-8".into())
        }),
        Err(ReadRefused::Io(e)) => Err(ConfigUnreadable::Io(e)),
        Err(ReadRefused::Special(what)) => Err(ConfigUnreadable::Refused(format!(
            "it is {what}, not a regular file"
        ))),
        Err(ReadRefused::Symlink) => Err(ConfigUnreadable::Refused(
            "it changed into a symbolic link while being read".into(),
        )),
        Err(ReadRefused::TooLarge { size }) => Err(ConfigUnreadable::Refused(format!(
            "it is {}; a config.toml is a few KB",
            crate::files::megabytes(size)
        ))),
    }
}

fn display_root(root: &Path) -> String {
    if root.as_os_str() == "." {
        "this folder".to_string()
    } else {
        root.display().to_string()
    }
}

/// `path` with `.` and `..` resolved by its components alone (nothing is
/// read from disk), so that `private/../public/x` is seen to be in
/// `public/`.
pub fn lexical(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The host part of an absolute URL, without user info or port.
fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = host.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

/// True for an `https://` URL with a plausible host and nothing that could
/// break out of an HTML attribute.
fn is_https_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_ok = url_host(url).is_some_and(|host| {
        host.contains('.')
            && !host.starts_with('.')
            && !host.ends_with('.')
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
    });
    host_ok
        && !authority.contains('@')
        && url
            .chars()
            .all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\'))
}

impl Config {
    /// Reads `config.toml` under `root`. Errors are findings of kind
    /// `schema` pointing at the offending line.
    pub fn load(root: &Path) -> Result<Config, Box<Finding>> {
        let path = root.join(CONFIG_FILE);
        let text = read_config(&path).map_err(|e| {
            Box::new(
                Finding::file(
                    CONFIG_FILE,
                    1,
                    Kind::Schema,
                    "config-unreadable",
                    Severity::Error,
                    format!("cannot read {}: {e}", path.display()),
                )
                .with_help("run `clearhouse init` to create a site, or pass --root DIR"),
            )
        })?;
        Config::parse(&SourceText::new(CONFIG_FILE, text))
    }

    pub fn parse(source: &SourceText) -> Result<Config, Box<Finding>> {
        let config: Config = toml::from_str(&source.text)
            .map_err(|e| Box::new(crate::findings::toml_error_finding(source, 0, &e, "config")))?;
        config.check(source)?;
        Ok(config)
    }

    fn check(&self, source: &SourceText) -> Result<(), Box<Finding>> {
        let fail = |key: &str, message: String, help: &str| {
            let line = source
                .text
                .lines()
                .position(|l| l.trim_start().starts_with(key))
                .map(|i| i + 1)
                .unwrap_or(1);
            Box::new(
                Finding::file(
                    CONFIG_FILE,
                    line,
                    Kind::Schema,
                    "config",
                    Severity::Error,
                    message,
                )
                .with_help(help.to_string()),
            )
        };
        let placeholders: Vec<&str> = [
            ("title", self.title.as_str()),
            ("area", self.area.as_deref().unwrap_or("")),
        ]
        .into_iter()
        .filter(|(_, value)| value.trim().to_uppercase().starts_with(PLACEHOLDER_TEXT))
        .map(|(key, _)| key)
        .chain(
            url_host(&self.base_url)
                .is_some_and(|host| host.to_ascii_lowercase().ends_with(".invalid"))
                .then_some("base_url"),
        )
        .collect();
        if let Some((last, init)) = placeholders.split_last() {
            let keys = if init.is_empty() {
                format!("`{last}`")
            } else {
                let init: Vec<String> = init.iter().map(|k| format!("`{k}`")).collect();
                format!("{} and `{last}`", init.join(", "))
            };
            return Err(fail(
                placeholders[0],
                format!(
                    "{keys} in {CONFIG_FILE} still {} the placeholder `clearhouse init` wrote",
                    if placeholders.len() == 1 { "holds" } else { "hold" }
                ),
                "set title (the site's name), area (your CPC, e.g. \"Anytown CPC\") and base_url (the address the site is served from, e.g. https://learning.anytown-cpc.org.uk/) in config.toml",
            ));
        }
        let vocabulary = crate::vocab::Vocabulary::new(&self.taxonomy.extra_themes);
        for theme in self.taxonomy.synonyms.keys() {
            if !vocabulary.contains(theme) {
                let hint = vocabulary
                    .suggest(theme)
                    .map(|t| format!(" (did you mean `{t}`?)"))
                    .unwrap_or_default();
                return Err(fail(
                    theme,
                    format!("[taxonomy.synonyms] names the theme `{theme}`, which is not in the vocabulary{hint}"),
                    "use a theme slug from the built-in vocabulary (docs/search-vocabulary.md) or one listed in [taxonomy] extra_themes",
                ));
            }
        }
        if let Some(url) = &self.quick_exit_url {
            if !is_https_url(url) {
                return Err(fail(
                    "quick_exit_url",
                    format!("quick_exit_url {url:?} is not an https:// address"),
                    &format!("give the full https:// address of an everyday site the \"Leave this site quickly\" button opens, e.g. {DEFAULT_QUICK_EXIT_URL}, or remove the key to use that one"),
                ));
            }
        }
        if !(self.base_url.starts_with("https://") || self.base_url.starts_with("http://")) {
            return Err(fail(
                "base_url",
                format!("base_url {:?} is not an absolute http(s) URL", self.base_url),
                "write the full address the site is served from, e.g. https://learning.example.scot",
            ));
        }
        if self.scope == Scope::Local && self.area.as_deref().unwrap_or("").trim().is_empty() {
            return Err(fail(
                "scope",
                "a local site needs `area`: the CPC area every item belongs to".into(),
                "add area = \"Your CPC\" to config.toml",
            ));
        }
        if self.gate.register == Some(RegisterSetting::Enabled(true)) {
            return Err(fail(
                "register",
                "[gate] register = true does not say where the register is".into(),
                "give its path (register = \"private/register.toml\") or write register = false",
            ));
        }
        if self.scope == Scope::Local {
            if let Some(problem) = self.statistics_path_problem(Path::new(""), None) {
                return Err(fail(
                    "statistics_file",
                    problem,
                    &format!("write a path outside the published folders, e.g. statistics_file = \"{DEFAULT_STATISTICS_FILE}\" (the default)"),
                ));
            }
        }
        for source in &self.sources {
            if let Some(path) = &source.statistics {
                if path.contains("://") || path.trim().is_empty() {
                    return Err(fail(
                        "statistics",
                        format!("[[sources]] statistics = {path:?} for {:?} is not a file path", source.area),
                        "statistics-only records are sent privately, never published: give the path (relative to this site's root) of the file the area sent",
                    ));
                }
            }
        }
        if self.scope == Scope::National && self.sources.is_empty() {
            return Err(fail(
                "scope",
                "a national site needs at least one [[sources]] bundle".into(),
                "add [[sources]] with area and bundle for each local site",
            ));
        }
        Ok(())
    }

    /// The URL path prefix every link starts with, from `base_url`: `/` or
    /// `/sub/path/`.
    pub fn base_path(&self) -> String {
        let after_scheme = self
            .base_url
            .split_once("://")
            .map(|(_, rest)| rest)
            .unwrap_or(&self.base_url);
        let path = after_scheme
            .find('/')
            .map(|i| &after_scheme[i..])
            .unwrap_or("/");
        let trimmed = path.trim_matches('/');
        if trimmed.is_empty() {
            "/".to_string()
        } else {
            format!("/{trimmed}/")
        }
    }

    /// Where the "Leave this site quickly" button goes.
    pub fn quick_exit_url(&self) -> &str {
        self.quick_exit_url
            .as_deref()
            .unwrap_or(DEFAULT_QUICK_EXIT_URL)
    }

    /// `base_url` without a trailing slash.
    pub fn base_url_trimmed(&self) -> &str {
        self.base_url.trim_end_matches('/')
    }

    /// Where the register file is, after `--register` and environment
    /// overrides are applied by the caller; `None` means "no register".
    pub fn register_path(&self, root: &Path) -> Option<PathBuf> {
        match &self.gate.register {
            Some(RegisterSetting::Path(p)) => Some(root.join(p)),
            _ => None,
        }
    }

    /// Where a local build writes its statistics-only records.
    pub fn statistics_path(&self, root: &Path) -> PathBuf {
        lexical(&root.join(&self.national.statistics_file))
    }

    /// Why the statistics file cannot go where config puts it, given the
    /// output folder (`None`: the default, `public/`): the records are
    /// about unpublished reviews, so never inside anything that is
    /// published or read as content.
    pub fn statistics_path_problem(&self, root: &Path, output: Option<&Path>) -> Option<String> {
        if self.national.statistics_file.trim().is_empty() {
            return Some("[national] statistics_file is empty".into());
        }
        let root = lexical(root);
        self.statistics_problem_at(&root, &self.statistics_path(&root), output)
    }

    /// The same, for the file at `path` (as resolved by the caller).
    pub fn statistics_problem_at(
        &self,
        root: &Path,
        path: &Path,
        output: Option<&Path>,
    ) -> Option<String> {
        let written = &self.national.statistics_file;
        let output = output.map(lexical).unwrap_or_else(|| root.join("public"));
        if path.starts_with(&output) {
            return Some(format!(
                "[national] statistics_file = {written:?} is inside the output folder ({}): the statistics-only records of unpublished reviews would be published",
                output.display()
            ));
        }
        for (folder, why) in [
            ("content", "read as content"),
            ("static", "published"),
            ("themes", "read as a theme"),
            (".clearhouse", "kept for the build's own state"),
        ] {
            if path.starts_with(root.join(folder)) {
                return Some(format!(
                    "[national] statistics_file = {written:?} is inside {folder}/, whose files are {why}"
                ));
            }
        }
        if path == root || path == root.join(CONFIG_FILE) || root.starts_with(path) {
            return Some(format!(
                "[national] statistics_file = {written:?} would replace the site's own files"
            ));
        }
        None
    }

    /// True when the site explicitly opted out of a register.
    pub fn register_disabled(&self) -> bool {
        self.gate.register == Some(RegisterSetting::Enabled(false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Box<Finding>> {
        Config::parse(&SourceText::new(CONFIG_FILE, text))
    }

    #[test]
    fn base_path_follows_base_url() {
        let c = parse("title='t'\nbase_url='https://x.org/cpc/learning/'\narea='A'\n").unwrap();
        assert_eq!(c.base_path(), "/cpc/learning/");
        let c = parse("title='t'\nbase_url='https://x.org'\narea='A'\n").unwrap();
        assert_eq!(c.base_path(), "/");
    }

    #[test]
    fn unknown_keys_are_errors() {
        let err =
            parse("title='t'\nbase_url='https://x.org'\narea='A'\nnoindx=true\n").unwrap_err();
        assert_eq!(err.kind, Kind::Schema);
        assert_eq!(err.line, 4);
    }

    #[test]
    fn init_placeholders_are_errors_naming_each_key() {
        let text = format!(
            "title = '{PLACEHOLDER_TEXT}'\nbase_url = '{PLACEHOLDER_BASE_URL}'\narea = '{PLACEHOLDER_TEXT}'\n"
        );
        let err = parse(&text).unwrap_err();
        assert_eq!(err.kind, Kind::Schema);
        assert_eq!(err.line, 1);
        assert!(
            err.message.contains("`title`, `base_url` and `area`")
                || err.message.contains("`title`, `area` and `base_url`"),
            "{}",
            err.message
        );
        let err = parse(
            "title = 'Learning'\nbase_url = 'https://learning.set-me.INVALID/'\narea = 'A CPC'\n",
        )
        .unwrap_err();
        assert!(err.message.starts_with("`base_url`"), "{}", err.message);
        assert_eq!(err.line, 2);
        let err = parse(&format!(
            "title = 'Learning'\nbase_url = 'https://x.org'\narea = '{PLACEHOLDER_TEXT}: your CPC'\n"
        ))
        .unwrap_err();
        assert!(
            err.message.starts_with("`area` in config.toml still holds"),
            "{}",
            err.message
        );
        assert_eq!(err.line, 3);
        assert!(err.help.as_deref().unwrap_or("").contains("base_url"));
    }

    #[test]
    fn quick_exit_url_defaults_and_must_be_https() {
        let base = "title='t'\nbase_url='https://x.org'\narea='A'\n";
        assert_eq!(
            parse(base).unwrap().quick_exit_url(),
            DEFAULT_QUICK_EXIT_URL
        );
        let c = parse(&format!(
            "{base}quick_exit_url = 'https://www.google.co.uk/search?q=weather'\n"
        ))
        .unwrap();
        assert_eq!(
            c.quick_exit_url(),
            "https://www.google.co.uk/search?q=weather"
        );
        for bad in [
            "http://www.bbc.co.uk/weather",
            "www.bbc.co.uk",
            "javascript:alert(1)",
            "https://",
            "https://localhost/",
            "https://a.org/\\\" onclick=\\\"x",
            "https://user@evil.example/",
            "https://a.org/x y",
        ] {
            let err = parse(&format!("{base}quick_exit_url = \"{bad}\"\n")).unwrap_err();
            assert_eq!(err.line, 4, "{bad}");
            assert!(
                err.message.contains("quick_exit_url"),
                "{bad}: {}",
                err.message
            );
        }
    }

    #[test]
    fn a_missing_config_is_named_and_not_a_finding() {
        let dir = tempfile::tempdir().unwrap();
        let message = unreadable(dir.path()).unwrap();
        assert!(message.contains("has no config.toml") && message.contains("clearhouse init"));
        std::fs::write(dir.path().join(CONFIG_FILE), "title = 't'").unwrap();
        assert_eq!(unreadable(dir.path()), None);
    }

    #[test]
    fn local_site_needs_an_area() {
        assert!(parse("title='t'\nbase_url='https://x.org'\n").is_err());
    }
}
