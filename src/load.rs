//! Reading a site: its config, its register (and so its gate), and its
//! items — from `content/` for a local site, from the bundles its
//! `[[sources]]` name for a national one.
//!
//! Nothing here decides what is published or looks for personal data:
//! every command hands what this module loaded to `admission`, which does
//! both, once, the same way for every command.

use std::collections::BTreeSet;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::config::{Config, Scope};
use crate::content::{self, Day, Item, Vocabulary};
use crate::decisions::Decisions;
use crate::findings::{Finding, Kind, Severity};
use crate::gate::{Gate, Register};
use crate::national::{ingest, state, BuildTime, Context};
use crate::source::SourceText;
use crate::timings::Timings;

/// What every command that reads a site needs to know.
#[derive(Debug, Clone)]
pub struct SiteOptions {
    /// The site root.
    pub root: PathBuf,
    /// `--register PATH`, overriding config and environment.
    pub register: Option<PathBuf>,
    /// The day to check embargoes and review dates against.
    pub today: Day,
}

/// Where an item came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// `content/` of this site.
    Local,
    /// An area's bundle, as `[[sources]]` names it (national sites).
    Bundle(String),
}

/// An item to be admitted, and where it came from.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub item: Item,
    pub origin: Origin,
}

/// A site as read, before anything is decided about it.
pub struct LoadedSite {
    pub config: Config,
    pub root: PathBuf,
    pub today: Day,
    /// The gate: the site's allow list and register (national sites: no
    /// register, and every source's area allowed).
    pub gate: Gate,
    /// The review desk's decisions (local sites; none nationally, where
    /// an area's decisions come with its bundle).
    pub decisions: Decisions,
    /// Every item that could be read, in the order read (by path locally,
    /// by source and bundle order nationally).
    pub items: Vec<Candidate>,
    /// Files and bundles that could not be read as items, and other
    /// problems that belong to no item.
    pub findings: Vec<Finding>,
    /// The national side of the site: build time, statistics-only records
    /// and decided spans (admission completes it).
    pub national: Context,
    pub timings: Timings,
}

impl LoadedSite {
    /// The site's theme vocabulary (nationally, every source's too).
    pub fn vocabulary(&self) -> Vocabulary {
        Vocabulary::new(&self.config.taxonomy.extra_themes)
    }
}

/// Reads the site at `options.root`. Problems that stop the site being
/// read at all (no config, no register) come back as `Err` with the
/// findings that explain them.
pub fn load(options: &SiteOptions) -> Result<LoadedSite, Vec<Finding>> {
    let config = Config::load(&options.root).map_err(|f| vec![*f])?;
    let built = BuildTime::now().map_err(|message| {
        vec![Finding::file(
            crate::config::CONFIG_FILE,
            1,
            Kind::Schema,
            "build-time",
            Severity::Error,
            message,
        )
        .with_help(format!("unset {} or correct it", BuildTime::ENV))]
    })?;
    match config.scope {
        Scope::Local => load_local(options, config, built),
        Scope::National => Ok(load_national(options, config, built)),
    }
}

/// Reads one item file of the site as `load` would (the path is relative
/// to the site root): what `serve` does when an item changes.
pub fn load_item(config: &Config, root: &std::path::Path, rel: &str) -> Result<Candidate, Finding> {
    let kind = content::item_kind_of(rel).ok_or_else(|| {
        Finding::file(
            rel,
            1,
            Kind::Schema,
            "stray-file",
            Severity::Error,
            "content/ may hold only .md items in content/reports/ and content/summaries/",
        )
    })?;
    let area = config.area.clone().unwrap_or_default();
    let bytes = content::read_item(root, rel, &config.limits)?;
    content::parse_item_within(rel, bytes, kind, &area, &config.limits).map(|item| Candidate {
        item,
        origin: Origin::Local,
    })
}

fn load_local(
    options: &SiteOptions,
    config: Config,
    built: BuildTime,
) -> Result<LoadedSite, Vec<Finding>> {
    let register = load_register(options, &config).map_err(|f| vec![*f])?;
    let mut gate = Gate::new(&config.gate, register);
    let mut timings = Timings::default();
    let area = config.area.clone().unwrap_or_default();
    let loaded = timings.time("load", || {
        content::load(&options.root, &area, &config.limits)
    });
    // Review ids are public (every URL holds one): the gate must know them.
    gate.set_review_ids(loaded.items.iter().map(|i| i.meta.review_id.as_str()));
    let decisions = Decisions::load(&options.root);
    let mut findings = loaded.findings;
    findings.extend(crate::render::theme::files_refused(
        &options.root,
        &config.theme,
    ));
    findings.extend(decisions.findings.iter().cloned());
    Ok(LoadedSite {
        config,
        root: options.root.clone(),
        today: options.today,
        gate,
        decisions,
        items: loaded
            .items
            .into_iter()
            .map(|item| Candidate {
                item,
                origin: Origin::Local,
            })
            .collect(),
        findings,
        national: Context::new(built),
        timings,
    })
}

/// Loads every source bundle (and statistics file). Problems with one
/// source do not stop the others being read, so that one run reports
/// everything.
fn load_national(options: &SiteOptions, mut config: Config, built: BuildTime) -> LoadedSite {
    let mut findings = duplicate_sources(&config);
    findings.extend(crate::render::theme::files_refused(
        &options.root,
        &config.theme,
    ));
    let mut national = Context::new(built);
    let mut timings = Timings::default();
    let last_used = match state::LastUsed::load(&options.root) {
        Ok(last) => last,
        Err(finding) => {
            findings.push(*finding);
            state::LastUsed::default()
        }
    };
    // Each area once: a second entry for the same area (as people read
    // its name) is reported above and not read.
    let mut seen = BTreeSet::new();
    let sources: Vec<_> = config
        .sources
        .iter()
        .filter(|s| seen.insert(ingest::area_key(&s.area)))
        .collect();
    let loaded: Vec<_> = timings.time("load bundles", || {
        sources
            .par_iter()
            .map(|source| {
                (
                    *source,
                    ingest::load_source(&options.root, source, &config.limits, options.today),
                )
            })
            .collect()
    });
    let mut bundles = Vec::new();
    for (source, result) in loaded {
        match result {
            Ok(read) => {
                if let Some(refused) =
                    last_used.refuse_older(&source.area, read.bundle.built, &source.bundle)
                {
                    findings.push(refused);
                    continue;
                }
                if read.bundle.statistics_sha256.is_some() && source.statistics.is_none() {
                    findings.push(
                        Finding::file(
                            crate::config::CONFIG_FILE,
                            1,
                            Kind::Schema,
                            "statistics-not-named",
                            Severity::Warning,
                            format!(
                                "{}'s build wrote statistics-only records of its unpublished reviews, which this site does not count: figures of all reviews reported leave them out",
                                source.area
                            ),
                        )
                        .with_help("ask the area for the statistics file of the same build (sent privately) and name it in this [[sources]] entry: statistics = \"path/to/file.json\""),
                    );
                }
                national
                    .sources
                    .push((source.area.clone(), read.bundle.built));
                national.statistics.extend(read.statistics);
                bundles.push((source.bundle.clone(), read.bundle));
            }
            Err(problems) => findings.extend(problems),
        }
    }

    // A national site accepts the union of its sources' vocabularies.
    let mut themes: BTreeSet<String> = config.taxonomy.extra_themes.iter().cloned().collect();
    for (_, bundle) in &bundles {
        themes.extend(bundle.vocabulary.iter().cloned());
    }
    config.taxonomy.extra_themes = themes.into_iter().collect();

    // Area names are public and appear in every national finding path and
    // page; the gate must not read them as people's names or places.
    let mut gate_config = config.gate.clone();
    gate_config
        .allow
        .extend(config.sources.iter().map(|s| s.area.clone()));
    let mut gate = Gate::new(&gate_config, Register::empty());

    let mut items = Vec::new();
    for (path, bundle) in &bundles {
        let (area_items, problems) = ingest::bundle_items(bundle, path);
        findings.extend(problems);
        for entry in &bundle.items {
            if let Some(decided) = &entry.decided {
                national.decided.insert(
                    ingest::item_source_path(&bundle.area, &entry.review_id),
                    decided.clone(),
                );
            }
        }
        items.extend(area_items.into_iter().map(|item| Candidate {
            item,
            origin: Origin::Bundle(path.clone()),
        }));
    }
    gate.set_review_ids(items.iter().map(|c| c.item.meta.review_id.as_str()));
    LoadedSite {
        config,
        root: options.root.clone(),
        today: options.today,
        gate,
        decisions: Decisions::none(),
        items,
        findings,
        national,
        timings,
    }
}

/// `[[sources]]` listing an area twice — as people read names: "North
/// CPC" and "North-CPC" are one area — would count its items twice and
/// put both in one folder.
fn duplicate_sources(config: &Config) -> Vec<Finding> {
    let mut seen: Vec<&str> = Vec::new();
    let mut findings = Vec::new();
    for source in &config.sources {
        match seen
            .iter()
            .find(|first| ingest::areas_match(first, &source.area))
        {
            Some(first) if *first == source.area => findings.push(
                Finding::file(
                    crate::config::CONFIG_FILE,
                    1,
                    Kind::Schema,
                    "duplicate-source",
                    Severity::Error,
                    format!(
                        "the area \"{}\" is listed in [[sources]] more than once",
                        source.area
                    ),
                )
                .with_help("keep one [[sources]] entry per area, or its items would be counted twice"),
            ),
            Some(first) => findings.push(
                Finding::file(
                    crate::config::CONFIG_FILE,
                    1,
                    Kind::Schema,
                    "duplicate-source",
                    Severity::Error,
                    format!(
                        "[[sources]] lists \"{first}\" and \"{}\", which read as the same area (names are compared ignoring case, spacing, punctuation and accents)",
                        source.area
                    ),
                )
                .with_help("keep one [[sources]] entry per area and spell it one way; if they really are two areas, give them names that differ in more than punctuation"),
            ),
            None => seen.push(&source.area),
        }
    }
    findings
}

/// Where the register comes from, in order of precedence: `--register`,
/// `CLEARHOUSE_REGISTER`, `CLEARHOUSE_REGISTER_TOML`, `[gate] register`.
pub fn register_source(options: &SiteOptions, config: &Config) -> RegisterSource {
    if let Some(path) = &options.register {
        return RegisterSource::File(path.clone(), path.display().to_string());
    }
    if let Some(path) = std::env::var_os("CLEARHOUSE_REGISTER").filter(|p| !p.is_empty()) {
        return RegisterSource::File(PathBuf::from(path), "$CLEARHOUSE_REGISTER".into());
    }
    if let Some(text) = std::env::var("CLEARHOUSE_REGISTER_TOML")
        .ok()
        .filter(|t| !t.trim().is_empty())
    {
        return RegisterSource::Text(text);
    }
    if let Some(path) = config.register_path(&options.root) {
        let display = content::relative(&options.root, &path);
        return RegisterSource::File(path, display);
    }
    if config.register_disabled() || config.scope == Scope::National {
        return RegisterSource::None;
    }
    RegisterSource::Missing
}

/// Where a site's register is read from.
pub enum RegisterSource {
    /// A file, and how findings name it.
    File(PathBuf, String),
    /// `CLEARHOUSE_REGISTER_TOML`'s text.
    Text(String),
    /// The site says it has none (or is national).
    None,
    /// A local site that names none: an error.
    Missing,
}

fn load_register(options: &SiteOptions, config: &Config) -> Result<Register, Box<Finding>> {
    let common = &|w: &str| crate::gate::names::is_english_word(w);
    match register_source(options, config) {
        RegisterSource::File(path, display) => Register::load(&path, &display, common),
        RegisterSource::Text(text) => {
            Register::parse(&SourceText::new("$CLEARHOUSE_REGISTER_TOML", text), common)
        }
        RegisterSource::None => Ok(Register::empty()),
        RegisterSource::Missing => Err(Box::new(
            Finding::file("config.toml", 1, Kind::Schema, "no-register", Severity::Error, "this local site has no register of identifiers, so the gate cannot check for them")
                .with_help("add [gate] register = \"private/register.toml\" (clearhouse init makes one), pass --register PATH, or write register = false to say the site has none"),
        )),
    }
}

/// The gate a site would use (config, allow list and register), for
/// commands that scan a single file.
pub fn gate_for(options: &SiteOptions) -> Result<Gate, Vec<Finding>> {
    let config = Config::load(&options.root).map_err(|f| vec![*f])?;
    let register = load_register(options, &config).map_err(|f| vec![*f])?;
    Ok(Gate::new(&config.gate, register))
}
