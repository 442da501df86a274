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

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    /// Themes added to the built-in vocabulary.
    #[serde(default)]
    pub extra_themes: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceBundle {
    /// The area the bundle is from (must match the bundle's own area).
    pub area: String,
    /// Path (relative to the site root) or `https://` URL of the bundle.
    pub bundle: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NationalConfig {
    /// Counts from 1 to `suppress_below - 1` are shown as `c`.
    #[serde(default = "default_suppress_below")]
    pub suppress_below: u64,
}

impl Default for NationalConfig {
    fn default() -> Self {
        NationalConfig {
            suppress_below: default_suppress_below(),
        }
    }
}

fn default_theme() -> String {
    "default".to_string()
}

fn default_suppress_below() -> u64 {
    5
}

pub const CONFIG_FILE: &str = "config.toml";

impl Config {
    /// Reads `config.toml` under `root`. Errors are findings of kind
    /// `schema` pointing at the offending line.
    pub fn load(root: &Path) -> Result<Config, Box<Finding>> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
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
    fn local_site_needs_an_area() {
        assert!(parse("title='t'\nbase_url='https://x.org'\n").is_err());
    }
}
