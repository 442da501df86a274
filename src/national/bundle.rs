//! `learning-bundle.json`: what a local site hands to national sites
//! (docs/bundle.md; schema/learning-bundle.v2.schema.json).
//!
//! This module writes bundles and reads them back, checking every rule of
//! the schema, every date and every item's checksum (the item's sign-off
//! digest, from `content::signing`, called only through
//! [`sign_off_digest`] and [`front_matter_json`]). It does not decide
//! whether the content may be published (that is admission, which runs
//! the gate again), and it never fetches anything.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::content::{Day, FrontMatter, Item, ItemKind};
pub use crate::decisions::DecidedSpan;
use crate::files::OutputFile;
use crate::findings::{Finding, Kind, Severity};
use crate::site::Site;

/// File name of the bundle in a local site's output.
pub const BUNDLE_FILE: &str = "learning-bundle.json";
/// The `schema` value every bundle carries.
pub const SCHEMA_NAME: &str = "clearhouse-bundle";
/// The one version this clearhouse writes and reads.
pub const VERSION: u64 = 2;

/// The sign-off digest of an item's front matter values and body: the one
/// call national code makes into `content::signing` for it.
pub fn sign_off_digest(front_matter: &Value, body: &str) -> String {
    crate::content::signing::signature_of_values(front_matter, body)
}

/// An item's front matter as the bundle carries it (JSON's data model,
/// dates as strings), as `content::signing` reads the same values.
pub fn front_matter_json(table: toml::Table) -> Value {
    crate::content::signing::toml_to_json(&toml::Value::Table(table))
}

/// When a site was built, to the second, in UTC. Bundles carry it so that
/// a national site can refuse one older than the last it used from that
/// area (a rollback would bring back reviews the area has since withdrawn).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BuildTime(time::OffsetDateTime);

impl BuildTime {
    /// The environment variable that fixes the build time
    /// (`2026-11-26T09:30:00Z`), for reproducible builds and tests.
    pub const ENV: &'static str = "CLEARHOUSE_BUILD_TIME";

    /// Now: `CLEARHOUSE_BUILD_TIME` when set, else the start of
    /// `CLEARHOUSE_TODAY` when that is set (so that a build "as of" a day
    /// is built on it), else the clock.
    pub fn now() -> Result<BuildTime, String> {
        if let Ok(text) = std::env::var(BuildTime::ENV) {
            if !text.trim().is_empty() {
                return BuildTime::parse(&text).ok_or_else(|| {
                    format!(
                        "{} = {text:?} is not a UTC time written like 2026-11-26T09:30:00Z",
                        BuildTime::ENV
                    )
                });
            }
        }
        if let Some(day) = std::env::var("CLEARHOUSE_TODAY")
            .ok()
            .and_then(|t| Day::parse(&t))
        {
            return Ok(BuildTime(day.0.midnight().assume_utc()));
        }
        let now = time::OffsetDateTime::now_utc();
        Ok(BuildTime(now.replace_nanosecond(0).unwrap_or(now)))
    }

    /// Reads `YYYY-MM-DDTHH:MM:SSZ`: UTC, whole seconds.
    pub fn parse(text: &str) -> Option<BuildTime> {
        let format =
            time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
        time::PrimitiveDateTime::parse(text.trim(), &format)
            .ok()
            .map(|t| BuildTime(t.assume_utc()))
    }

    /// The day it falls on (UTC).
    pub fn day(self) -> Day {
        Day(self.0.date())
    }
}

impl std::fmt::Display for BuildTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = self.0;
        write!(
            f,
            "{}T{:02}:{:02}:{:02}Z",
            Day(t.date()),
            t.hour(),
            t.minute(),
            t.second()
        )
    }
}

impl Serialize for BuildTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for BuildTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<BuildTime, D::Error> {
        let text = String::deserialize(d)?;
        BuildTime::parse(&text).ok_or_else(|| {
            serde::de::Error::custom("expected a UTC time written like 2026-11-26T09:30:00Z")
        })
    }
}

/// A whole bundle as written and as read back.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    /// Always `clearhouse-bundle`.
    pub schema: String,
    /// Format version; readers refuse versions they do not know.
    pub version: u64,
    /// `clearhouse <version>` that wrote it, for diagnosing differences.
    pub generator: String,
    /// The CPC area every item belongs to.
    pub area: String,
    /// The local site's `base_url`.
    pub base_url: String,
    /// When the local site was built.
    pub built: BuildTime,
    /// The sha256 of the statistics-only file the same build wrote outside
    /// its output (sent to the national body privately), or `None` when it
    /// wrote none.
    pub statistics_sha256: Option<String>,
    /// The local site's `[taxonomy] extra_themes`.
    pub vocabulary: Vec<String>,
    /// Every published item, in the local site's order (newest first).
    pub items: Vec<BundleItem>,
}

/// One published report or summary.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleItem {
    /// The item's review_id (the same as in its front matter).
    pub review_id: String,
    /// `report` or `summary` (the same as in its front matter).
    pub kind: ItemKind,
    /// Absolute URL of the item on the local site.
    pub url: String,
    /// The item's sign-off digest: what its CPC and COG signed, computed
    /// again from `front_matter` and `body` by readers.
    pub sha256: String,
    /// The item's front matter as written (its values, `[signoff]`
    /// included), in JSON's data model: dates as strings.
    pub front_matter: Value,
    /// The Markdown body, line endings as LF.
    pub body: String,
    /// What the area's review desk decided is not personal data in this
    /// item, for the national gate to honour; absent when nothing was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided: Option<Decided>,
}

/// The spans of one item that a person decided are not personal data,
/// valid only for the item whose checksum is `sha256`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decided {
    /// The item's checksum when the decisions were made; a reader honours
    /// the spans only while the item's own `sha256` equals it.
    pub sha256: String,
    pub spans: Vec<DecidedSpan>,
}

/// The earliest year of a bundle's dates and of a statistics-only record:
/// the national guidance on Learning Reviews is far younger, so an earlier
/// one is a mistake.
pub const FIRST_YEAR: i32 = 1990;

/// What the bundle carries beside the published site: when it was built,
/// the digest of its statistics-only file, and per item (by source path)
/// what the review desk decided.
#[derive(Debug, Clone, Copy)]
pub struct BundleExtras<'a> {
    pub built: BuildTime,
    pub statistics_sha256: Option<&'a str>,
    pub decided: &'a BTreeMap<String, Decided>,
}

/// The bundle of a (local) site's published items.
pub fn write_bundle(site: &Site, extras: BundleExtras) -> OutputFile {
    let bundle = bundle_of(site, extras);
    let mut bytes = serde_json::to_vec_pretty(&bundle)
        .expect("a bundle is strings, booleans and arrays, which always serialise");
    bytes.push(b'\n');
    OutputFile::new(BUNDLE_FILE, bytes)
}

/// The bundle as a value, before it is written.
pub fn bundle_of(site: &Site, extras: BundleExtras) -> Bundle {
    let base_url = site.config.base_url_trimmed();
    let items = site
        .items
        .iter()
        .map(|item| {
            let body = item.body().replace("\r\n", "\n");
            let front_matter = front_matter_values(item);
            let sha256 = item.signature.clone();
            // Decisions made on another version of the item never travel.
            let decided = extras
                .decided
                .get(&item.source.path)
                .filter(|d| d.sha256 == sha256 && !d.spans.is_empty())
                .cloned();
            BundleItem {
                review_id: item.meta.review_id.clone(),
                kind: item.meta.kind,
                url: format!("{base_url}/{}", site.item_path(item)),
                sha256,
                front_matter,
                body,
                decided,
            }
        })
        .collect();
    Bundle {
        schema: SCHEMA_NAME.to_string(),
        version: VERSION,
        generator: format!("clearhouse {}", env!("CARGO_PKG_VERSION")),
        area: site.config.area.clone().unwrap_or_default(),
        base_url: site.config.base_url.clone(),
        built: extras.built,
        statistics_sha256: extras.statistics_sha256.map(str::to_string),
        vocabulary: site.config.taxonomy.extra_themes.clone(),
        items,
    }
}

/// Each published item's entry as the bundle writes it, with the item's
/// source path: what admission scans to find which item a register entry
/// in the bundle came from.
pub fn entries(site: &Site, extras: BundleExtras) -> Vec<(String, Vec<u8>)> {
    let bundle = bundle_of(site, extras);
    site.items
        .iter()
        .zip(&bundle.items)
        .map(|(item, entry)| {
            let bytes = serde_json::to_vec_pretty(entry)
                .expect("a bundle entry is strings, booleans and arrays, which always serialise");
            (item.source.path.clone(), bytes)
        })
        .collect()
}

/// The values of an item's front matter as a bundle carries them.
fn front_matter_values(item: &Item) -> Value {
    let front = &item.source.text[item.split.toml_start..item.split.toml_end];
    // A published item's front matter has parsed already.
    toml::from_str::<toml::Table>(front)
        .map(front_matter_json)
        .unwrap_or(Value::Null)
}

/// The text of a decided span's field in bundle values: the body, or the
/// string at a front matter key path.
pub fn field_text<'a>(front_matter: &'a Value, body: &'a str, field: &str) -> Option<&'a str> {
    if field == "body" {
        return Some(body);
    }
    let mut value = front_matter;
    for part in field.split('.') {
        let (key, indexes) = match part.find('[') {
            Some(at) => (&part[..at], &part[at..]),
            None => (part, ""),
        };
        value = value.get(key)?;
        for index in indexes.split('[').skip(1) {
            let index: usize = index.strip_suffix(']')?.parse().ok()?;
            value = value.get(index)?;
        }
    }
    value.as_str()
}

/// Whether a decided span lies within its field's text (it may run on
/// past the end of its line, as a name broken over two lines does).
fn span_fits(text: &str, span: &DecidedSpan) -> bool {
    if span.line == 0 || span.column == 0 || span.length == 0 {
        return false;
    }
    let mut rest = text;
    for _ in 1..span.line {
        match rest.find('\n') {
            Some(at) => rest = &rest[at + 1..],
            None => return false,
        }
    }
    let line = rest.split('\n').next().unwrap_or("");
    span.column - 1 < line.chars().count().max(1)
        && span.column - 1 + span.length <= rest.chars().count()
}

/// Reads a bundle, checking it against the schema rules, its dates (as of
/// `today`, the reading site's day) and every item's checksum. `path`
/// names the bundle in findings (as written in `[[sources]]`). Every
/// problem found is returned, not only the first.
pub fn read_bundle(bytes: &[u8], path: &str, today: Day) -> Result<Bundle, Vec<Finding>> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            return Err(vec![refuse(
                path,
                1,
                "bundle-not-utf8",
                format!(
                    "the bundle is not UTF-8 text (bad byte at offset {})",
                    e.valid_up_to()
                ),
                "rebuild the area's site with clearhouse and copy its public/learning-bundle.json unchanged",
            )]);
        }
    };
    let value: Value = serde_json::from_str(text).map_err(|e| {
        vec![refuse(
            path,
            e.line(),
            "bundle-json",
            format!("the bundle is not valid JSON: {e}"),
            "the file is damaged or incomplete; fetch it again from the area's site, or ask the area to rebuild",
        )]
    })?;
    let mut problems = Vec::new();
    let checks = Checks { path, text, today };
    checks.top_level(&value, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    if let Some(items) = value.get("items").and_then(Value::as_array) {
        for (index, item) in items.iter().enumerate() {
            checks.item(index, item, &mut problems);
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    serde_json::from_value(value).map_err(|e| {
        vec![refuse(
            path,
            1,
            "bundle-schema",
            format!("the bundle does not match schema version {VERSION}: {e}"),
            "rebuild the area's site with the same clearhouse version as this national site",
        )]
    })
}

/// The schema's rules, written out in Rust. Kept in step with
/// `schema/learning-bundle.v2.schema.json` by the tests below.
struct Checks<'a> {
    path: &'a str,
    text: &'a str,
    today: Day,
}

const TOP_LEVEL_KEYS: [&str; 9] = [
    "schema",
    "version",
    "generator",
    "area",
    "base_url",
    "built",
    "statistics_sha256",
    "vocabulary",
    "items",
];
const ITEM_KEYS: [&str; 7] = [
    "review_id",
    "kind",
    "url",
    "sha256",
    "front_matter",
    "body",
    "decided",
];

/// Front matter keys whose values are calendar days, and whether the day
/// may be after the build (an embargo or a withdrawal may; a publication
/// or a sign-off may not).
const DAY_FIELDS: [(&str, bool); 5] = [
    ("published", false),
    ("withdraw_after", true),
    ("publication.embargo_until", true),
    ("signoff.cpc.date", false),
    ("signoff.cog.date", false),
];

impl Checks<'_> {
    fn top_level(&self, value: &Value, problems: &mut Vec<Finding>) {
        let Some(object) = value.as_object() else {
            problems.push(self.problem(
                1,
                "bundle-schema",
                "the bundle is not a JSON object".into(),
            ));
            return;
        };
        match object.get("schema") {
            Some(Value::String(s)) if s == SCHEMA_NAME => {}
            other => {
                problems.push(self.problem(
                    self.line_of("\"schema\""),
                    "bundle-schema",
                    format!(
                        "this is not a clearhouse bundle: \"schema\" is {}, expected \"{SCHEMA_NAME}\"",
                        describe(other)
                    ),
                ));
                return;
            }
        }
        match object.get("version") {
            Some(Value::Number(n)) if n.as_u64() == Some(VERSION) => {}
            Some(Value::Number(n)) => {
                let help = if n.as_u64().is_some_and(|v| v < VERSION) {
                    format!("ask the area to rebuild its site with clearhouse {} (the release of this national site) and send the new bundle: version {VERSION} carries what this site needs to check it (the whole-item sign-off digest, the build time, the statistics-only file's digest and the review desk's decisions)", env!("CARGO_PKG_VERSION"))
                } else {
                    "this national site is older than the area's clearhouse: upgrade it to the area's release".to_string()
                };
                problems.push(
                    self.problem(
                        self.line_of("\"version\""),
                        "bundle-version",
                        format!("the bundle is version {n}; this clearhouse reads version {VERSION} only"),
                    )
                    .with_help(help),
                );
                return;
            }
            other => {
                problems.push(self.problem(
                    self.line_of("\"version\""),
                    "bundle-version",
                    format!(
                        "\"version\" is {}, expected the number {VERSION}",
                        describe(other)
                    ),
                ));
                return;
            }
        }
        for key in object.keys() {
            if !TOP_LEVEL_KEYS.contains(&key.as_str()) {
                problems.push(self.problem(
                    self.line_of(&format!("\"{key}\"")),
                    "bundle-schema",
                    format!("unknown key \"{key}\" at the top of the bundle"),
                ));
            }
        }
        for key in ["generator", "area", "base_url"] {
            self.expect_string(object, key, "", problems);
        }
        if let Some(Value::String(built)) = object.get("built") {
            match BuildTime::parse(built) {
                None => problems.push(self.problem(
                    self.line_of("\"built\""),
                    "bundle-schema",
                    format!("\"built\" is {built:?}, expected a UTC time written like 2026-11-26T09:30:00Z"),
                )),
                Some(time) if time.day() > self.today => problems.push(self.problem(
                    self.line_of("\"built\""),
                    "bundle-date",
                    format!("\"built\" is {time}, after today ({}): a bundle cannot come from the future", self.today),
                ).with_help("check the clock of the machine that built the area's site, and ask the area to rebuild")),
                Some(_) => {}
            }
        } else {
            self.expect_string(object, "built", "", problems);
        }
        match object.get("statistics_sha256") {
            Some(Value::Null) => {}
            Some(Value::String(sha)) if is_sha256_hex(sha) => {}
            other => problems.push(self.problem(
                self.line_of("\"statistics_sha256\""),
                "bundle-schema",
                format!(
                    "\"statistics_sha256\" is {}, expected null or 64 lowercase hexadecimal digits",
                    describe(other)
                ),
            )),
        }
        match object.get("vocabulary") {
            Some(Value::Array(themes)) if themes.iter().all(Value::is_string) => {}
            other => problems.push(self.problem(
                self.line_of("\"vocabulary\""),
                "bundle-schema",
                format!(
                    "\"vocabulary\" is {}, expected an array of theme names",
                    describe(other)
                ),
            )),
        }
        if !matches!(object.get("items"), Some(Value::Array(_))) {
            problems.push(self.problem(
                self.line_of("\"items\""),
                "bundle-schema",
                format!(
                    "\"items\" is {}, expected an array",
                    describe(object.get("items"))
                ),
            ));
        }
    }

    fn item(&self, index: usize, item: &Value, problems: &mut Vec<Finding>) {
        let Some(object) = item.as_object() else {
            problems.push(self.problem(
                1,
                "bundle-schema",
                format!("items[{index}] is not an object"),
            ));
            return;
        };
        let review_id = object
            .get("review_id")
            .and_then(Value::as_str)
            .unwrap_or("");
        let here = if review_id.is_empty() {
            format!("items[{index}]")
        } else {
            format!("items[{index}] ({review_id})")
        };
        let line = if review_id.is_empty() {
            1
        } else {
            self.line_of(&format!(
                "\"review_id\": {}",
                Value::String(review_id.into())
            ))
        };
        let before = problems.len();
        for key in object.keys() {
            if !ITEM_KEYS.contains(&key.as_str()) {
                problems.push(self.problem(
                    line,
                    "bundle-schema",
                    format!("{here}: unknown key \"{key}\""),
                ));
            }
        }
        for key in ["review_id", "url", "sha256", "body"] {
            self.expect_string(object, key, &format!("{here}: "), problems);
        }
        match object.get("kind").and_then(Value::as_str) {
            Some("report" | "summary") => {}
            other => problems.push(self.problem(
                line,
                "bundle-schema",
                format!(
                    "{here}: \"kind\" is {}, expected \"report\" or \"summary\"",
                    describe(other.map(|s| Value::String(s.into())).as_ref())
                ),
            )),
        }
        let front_matter = match object.get("front_matter") {
            Some(fm @ Value::Object(_)) => fm,
            other => {
                problems.push(self.problem(
                    line,
                    "bundle-schema",
                    format!(
                        "{here}: \"front_matter\" is {}, expected an object",
                        describe(other)
                    ),
                ));
                return;
            }
        };
        if problems.len() > before {
            return;
        }
        let declared = object["sha256"].as_str().unwrap_or_default();
        let body = object["body"].as_str().unwrap_or_default();
        if !is_sha256_hex(declared) {
            problems.push(self.problem(
                line,
                "bundle-schema",
                format!("{here}: \"sha256\" is not 64 lowercase hexadecimal digits"),
            ));
            return;
        }
        let actual = sign_off_digest(front_matter, body);
        if actual != declared {
            problems.push(
                self.problem(line, "bundle-checksum", format!("{here}: the checksum does not match the item's content: it was changed after the area built it, or damaged in transit"))
                    .with_help("do not edit bundles by hand; fetch the bundle again, or ask the area to rebuild its site"),
            );
            return;
        }
        let parsed: FrontMatter = match serde_json::from_value(front_matter.clone()) {
            Ok(parsed) => parsed,
            Err(e) => {
                problems.push(self.problem(
                    line,
                    "bundle-schema",
                    format!("{here}: the front matter does not match the item schema: {e}"),
                ));
                return;
            }
        };
        if parsed.review_id != review_id {
            problems.push(self.problem(
                line,
                "bundle-schema",
                format!(
                    "{here}: \"review_id\" differs from the front matter's ({:?})",
                    parsed.review_id
                ),
            ));
        }
        if Some(parsed.kind.as_str()) != object["kind"].as_str() {
            problems.push(self.problem(
                line,
                "bundle-schema",
                format!("{here}: \"kind\" differs from the front matter's"),
            ));
        }
        self.dates(&here, line, front_matter, problems);
        if let Some(decided) = object.get("decided") {
            self.decided(&here, line, decided, declared, front_matter, body, problems);
        }
    }

    /// Every day of the front matter is a real day from 1990; a
    /// publication or a sign-off is not after today.
    fn dates(&self, here: &str, line: usize, front_matter: &Value, problems: &mut Vec<Finding>) {
        let first = Day::parse(&format!("{FIRST_YEAR}-01-01")).expect("a valid day");
        for (key, may_be_later) in DAY_FIELDS {
            let mut value = Some(front_matter);
            for part in key.split('.') {
                value = value.and_then(|v| v.get(part));
            }
            let Some(text) = value.and_then(Value::as_str) else {
                continue;
            };
            // The front matter parsed, so the day is a real one; its range
            // is what is left to check.
            let Some(day) = Day::parse(text) else {
                continue;
            };
            if day < first || (!may_be_later && day > self.today) {
                let range = if may_be_later {
                    format!("from {first}")
                } else {
                    format!("from {first} to today ({})", self.today)
                };
                problems.push(self.problem(
                    line,
                    "bundle-date",
                    format!("{here}: \"{key}\" is {day}; it must be a day {range}"),
                ));
            }
        }
    }

    /// The review desk's decisions: made on this very item, each inside
    /// its field.
    #[allow(clippy::too_many_arguments)]
    fn decided(
        &self,
        here: &str,
        line: usize,
        decided: &Value,
        sha256: &str,
        front_matter: &Value,
        body: &str,
        problems: &mut Vec<Finding>,
    ) {
        let decided: Decided = match serde_json::from_value(decided.clone()) {
            Ok(decided) => decided,
            Err(e) => {
                problems.push(self.problem(
                    line,
                    "bundle-schema",
                    format!("{here}: \"decided\" does not match the schema: {e}"),
                ));
                return;
            }
        };
        if decided.sha256 != sha256 {
            problems.push(self.problem(
                line,
                "bundle-decided",
                format!("{here}: its decisions were made on another version of the item (their checksum is not the item's)"),
            ).with_help("a decision holds only while the item is unchanged: ask the area to decide again on the review desk and rebuild"));
            return;
        }
        for (index, span) in decided.spans.iter().enumerate() {
            let fits = Kind::parse(&span.kind).is_some_and(Kind::is_personal_data)
                && field_text(front_matter, body, &span.field).is_some_and(|t| span_fits(t, span));
            if !fits {
                problems.push(self.problem(
                    line,
                    "bundle-decided",
                    format!("{here}: decided span {} is not a place of a personal-data finding in the item", index + 1),
                ));
            }
        }
    }

    fn expect_string(
        &self,
        object: &Map<String, Value>,
        key: &str,
        prefix: &str,
        problems: &mut Vec<Finding>,
    ) {
        let value = object.get(key);
        if !matches!(value, Some(Value::String(_))) {
            problems.push(self.problem(
                self.line_of(&format!("\"{key}\"")),
                "bundle-schema",
                format!(
                    "{prefix}\"{key}\" is {}, expected a string",
                    describe(value)
                ),
            ));
        }
    }

    fn problem(&self, line: usize, rule: &str, message: String) -> Finding {
        refuse(
            self.path,
            line,
            rule,
            message,
            "ask the area to rebuild its site with clearhouse and publish the new learning-bundle.json",
        )
    }

    /// Best-effort 1-based line of the first occurrence of `needle`, so
    /// that a finding points near its cause in a pretty-printed bundle.
    fn line_of(&self, needle: &str) -> usize {
        self.text
            .find(needle)
            .map(|at| self.text[..at].matches('\n').count() + 1)
            .unwrap_or(1)
    }
}

/// A `schema` finding refusing the bundle (or, for a `statistics-` rule,
/// the statistics file) at `path`.
pub fn refuse(path: &str, line: usize, rule: &str, message: String, help: &str) -> Finding {
    let what = if rule.starts_with("statistics") {
        "statistics file"
    } else {
        "bundle"
    };
    Finding::file(
        path,
        line,
        Kind::Schema,
        rule,
        Severity::Error,
        format!("{what} refused: {message}"),
    )
    .with_help(help)
}

pub(super) fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// How a JSON value reads in a message: its type, not its content (which
/// could be personal data).
fn describe(value: Option<&Value>) -> &'static str {
    match value {
        None => "missing",
        Some(Value::Null) => "null",
        Some(Value::Bool(_)) => "a boolean",
        Some(Value::Number(_)) => "a number",
        Some(Value::String(_)) => "a different string",
        Some(Value::Array(_)) => "an array",
        Some(Value::Object(_)) => "an object",
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::national::testing::{extras, local_site, today, ITEM_NEGLECT, ITEM_SUMMARY};

    fn written(items: &[&str]) -> Vec<u8> {
        write_bundle(&local_site("North CPC", items), extras()).bytes
    }

    fn read(bytes: &[u8], path: &str) -> Result<Bundle, Vec<Finding>> {
        read_bundle(bytes, path, today())
    }

    #[test]
    fn a_bundle_reads_back_as_written() {
        let bytes = written(&[ITEM_NEGLECT, ITEM_SUMMARY]);
        let bundle = read(&bytes, "north.json").expect("own bundle reads back");
        assert_eq!(bundle.schema, "clearhouse-bundle");
        assert_eq!(bundle.version, 2);
        assert_eq!(bundle.area, "North CPC");
        assert_eq!(bundle.built.to_string(), "2026-11-26T09:30:00Z");
        assert_eq!(bundle.statistics_sha256, None);
        assert_eq!(bundle.vocabulary, vec!["county-lines".to_string()]);
        assert_eq!(bundle.items.len(), 2);
        let report = bundle
            .items
            .iter()
            .find(|i| i.review_id == "NO-2024-01")
            .unwrap();
        assert_eq!(report.kind, ItemKind::Report);
        assert_eq!(report.url, "https://north.example.org/learning/no-2024-01/");
        assert_eq!(
            report.front_matter["themes"],
            serde_json::json!(["neglect", "information-sharing"])
        );
        assert_eq!(report.front_matter["published"], "2025-03-01");
        assert_eq!(
            report.front_matter["signoff"]["cog"]["sha256"], report.sha256,
            "the checksum is the digest the COG signed"
        );
        assert!(report.body.starts_with("## How the review was conducted"));
        let again = serde_json::to_vec_pretty(&bundle).unwrap();
        assert_eq!(
            read(&again, "again.json").unwrap().items[0].sha256,
            bundle.items[0].sha256
        );
    }

    #[test]
    fn a_bundle_with_one_byte_changed_is_refused() {
        let bytes = written(&[ITEM_NEGLECT]);
        let text = String::from_utf8(bytes).unwrap();
        let at = text.find("were not shared").unwrap();
        let mut tampered = text.into_bytes();
        tampered[at] = b'W';
        let problems = read(&tampered, "sources/north.json").unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(problems[0].rule, "bundle-checksum");
        assert_eq!(problems[0].kind, Kind::Schema);
        assert_eq!(problems[0].path, "sources/north.json");
        assert!(problems[0].message.contains("NO-2024-01"));
        assert!(problems[0].line > 1, "points at the item");
    }

    #[test]
    fn front_matter_changes_break_the_checksum_too() {
        let bytes = written(&[ITEM_NEGLECT]);
        let text =
            String::from_utf8(bytes)
                .unwrap()
                .replacen("\"neglect\"", "\"domestic-abuse\"", 1);
        let problems = read(text.as_bytes(), "b.json").unwrap_err();
        assert_eq!(problems[0].rule, "bundle-checksum");
    }

    #[test]
    fn an_unknown_version_is_refused() {
        let text = String::from_utf8(written(&[ITEM_NEGLECT]))
            .unwrap()
            .replacen("\"version\": 2,", "\"version\": 1,", 1);
        let problems = read(text.as_bytes(), "b.json").unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].rule, "bundle-version");
        assert!(problems[0].message.contains("version 1"));
        let help = problems[0].help.as_deref().unwrap();
        assert!(help.contains("rebuild its site with clearhouse"), "{help}");
    }

    fn with_front_matter(key: &str, value: &str) -> Vec<u8> {
        let mut bundle: Value = serde_json::from_slice(&written(&[ITEM_NEGLECT])).unwrap();
        let item = &mut bundle["items"][0];
        let mut front_matter = item["front_matter"].clone();
        let mut at = &mut front_matter;
        let parts: Vec<&str> = key.split('.').collect();
        for part in &parts[..parts.len() - 1] {
            at = &mut at[*part];
        }
        at[parts[parts.len() - 1]] = Value::String(value.into());
        // The area's build would have signed these values.
        item["sha256"] = Value::String(sign_off_digest(
            &front_matter,
            item["body"].as_str().unwrap(),
        ));
        item["front_matter"] = front_matter;
        serde_json::to_vec(&bundle).unwrap()
    }

    #[test]
    fn days_must_be_real_and_from_1990_and_publication_not_later_than_today() {
        for (key, bad) in [
            ("published", "0000-01-01"),
            ("published", "1989-12-31"),
            ("published", "2026-11-27"),
            ("signoff.cog.date", "2030-01-01"),
            ("withdraw_after", "0001-01-01"),
        ] {
            let problems = read(&with_front_matter(key, bad), "b.json").unwrap_err();
            assert!(
                problems
                    .iter()
                    .any(|p| p.rule == "bundle-date" && p.message.contains(key)),
                "{key} = {bad}: {problems:#?}"
            );
        }
        let problems = read(&with_front_matter("published", "2025-02-30"), "b.json").unwrap_err();
        assert_eq!(problems[0].rule, "bundle-schema", "not a day at all");
        for (key, fine) in [
            ("published", "1990-01-01"),
            ("published", "2026-11-26"),
            ("withdraw_after", "2031-01-01"),
        ] {
            read(&with_front_matter(key, fine), "b.json")
                .unwrap_or_else(|p| panic!("{key} = {fine}: {p:#?}"));
        }
    }

    #[test]
    fn a_bundle_from_the_future_is_refused() {
        let text = String::from_utf8(written(&[ITEM_NEGLECT]))
            .unwrap()
            .replacen("2026-11-26T09:30:00Z", "2026-12-01T00:00:00Z", 1);
        let problems = read(text.as_bytes(), "b.json").unwrap_err();
        assert_eq!(problems[0].rule, "bundle-date");
        let text = String::from_utf8(written(&[ITEM_NEGLECT]))
            .unwrap()
            .replacen("2026-11-26T09:30:00Z", "2026-11-26", 1);
        let problems = read(text.as_bytes(), "b.json").unwrap_err();
        assert!(
            problems[0].message.contains("UTC time"),
            "{}",
            problems[0].message
        );
    }

    fn decided_on(item: &Item, body_text: &str, length: usize) -> DecidedSpan {
        let at = item.source.text.find(body_text).unwrap();
        let (line, column) = item.source.line_col(at);
        let finding = Finding::file(
            &item.source.path,
            line,
            Kind::PersonName,
            "x",
            Severity::Decided,
            "m",
        );
        let finding = Finding {
            column,
            length,
            matched: item.source.text[at..].chars().take(length).collect(),
            ..finding
        };
        crate::decisions::decided_span(&crate::decisions::ItemText::of(item), &finding).unwrap()
    }

    #[test]
    fn decided_spans_are_placed_in_their_field_and_travel_with_their_item() {
        let site = local_site("North CPC", &[ITEM_NEGLECT]);
        let item = &site.items[0];
        let in_body = decided_on(item, "Child A", 7);
        assert_eq!(
            in_body,
            DecidedSpan {
                field: "body".into(),
                line: 3,
                column: 16,
                length: 7,
                kind: "person-name".into()
            }
        );
        let in_string = decided_on(item, "Three agencies", 5);
        assert_eq!(in_string.field, "strategies[0].evidence");
        assert_eq!((in_string.line, in_string.column), (1, 1));
        let decided = BTreeMap::from([(
            item.source.path.clone(),
            Decided {
                sha256: item.signature.clone(),
                spans: vec![in_body.clone(), in_string],
            },
        )]);
        let bytes = write_bundle(
            &site,
            BundleExtras {
                decided: &decided,
                ..extras()
            },
        )
        .bytes;
        let bundle = read(&bytes, "b.json").expect("decided spans read back");
        let carried = bundle.items[0].decided.as_ref().unwrap();
        assert_eq!(carried.sha256, bundle.items[0].sha256);
        assert_eq!(carried.spans.len(), 2);
        assert_eq!(
            field_text(
                &bundle.items[0].front_matter,
                &bundle.items[0].body,
                "strategies[0].evidence"
            ),
            Some("Three agencies each saw part of the pattern.")
        );

        // Decisions made on another version of the item never travel.
        let stale = BTreeMap::from([(
            item.source.path.clone(),
            Decided {
                sha256: "0".repeat(64),
                spans: vec![in_body.clone()],
            },
        )]);
        let bytes = write_bundle(
            &site,
            BundleExtras {
                decided: &stale,
                ..extras()
            },
        )
        .bytes;
        assert!(read(&bytes, "b.json").unwrap().items[0].decided.is_none());

        // And a bundle that carries them anyway, or a span outside its
        // field, is refused.
        let mut value: Value = serde_json::from_slice(&written(&[ITEM_NEGLECT])).unwrap();
        value["items"][0]["decided"] =
            serde_json::json!({"sha256": "0".repeat(64), "spans": [in_body]});
        let problems = read(value.to_string().as_bytes(), "b.json").unwrap_err();
        assert_eq!(problems[0].rule, "bundle-decided");
        let sha = value["items"][0]["sha256"].clone();
        value["items"][0]["decided"] = serde_json::json!({"sha256": sha, "spans": [
            {"field": "body", "line": 40, "column": 1, "length": 3, "kind": "person-name"}
        ]});
        let problems = read(value.to_string().as_bytes(), "b.json").unwrap_err();
        assert_eq!(problems[0].rule, "bundle-decided");
        value["items"][0]["decided"]["spans"][0] = serde_json::json!(
            {"field": "title", "line": 1, "column": 1, "length": 3, "kind": "theme"}
        );
        let problems = read(value.to_string().as_bytes(), "b.json").unwrap_err();
        assert_eq!(
            problems[0].rule, "bundle-decided",
            "only personal-data kinds are decided"
        );
    }

    #[test]
    fn invalid_json_and_other_schemas_are_refused() {
        let problems = read(b"{\"schema\": \"clearhouse-bundle\",\n", "b.json").unwrap_err();
        assert_eq!(problems[0].rule, "bundle-json");
        let problems = read(b"{\"schema\": \"geojson\"}", "b.json").unwrap_err();
        assert_eq!(problems[0].rule, "bundle-schema");
        let problems = read(b"[]", "b.json").unwrap_err();
        assert!(problems[0].message.contains("not a JSON object"));
        let problems = read(&[0xff, 0xfe], "b.json").unwrap_err();
        assert_eq!(problems[0].rule, "bundle-not-utf8");
    }

    #[test]
    fn missing_and_mistyped_fields_are_each_reported() {
        let mut value: Value = serde_json::from_slice(&written(&[ITEM_NEGLECT])).unwrap();
        let object = value.as_object_mut().unwrap();
        object.remove("area");
        object.insert("vocabulary".into(), Value::String("neglect".into()));
        object.insert("extra".into(), Value::Bool(true));
        let problems = read(value.to_string().as_bytes(), "b.json").unwrap_err();
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(problems.len(), 3, "{messages:#?}");
        assert!(messages.iter().any(|m| m.contains("\"area\" is missing")));
        assert!(messages
            .iter()
            .any(|m| m.contains("\"vocabulary\" is a different string")));
        assert!(messages.iter().any(|m| m.contains("unknown key \"extra\"")));
    }

    #[test]
    fn item_fields_must_agree_with_the_front_matter() {
        let mut value: Value = serde_json::from_slice(&written(&[ITEM_NEGLECT])).unwrap();
        value["items"][0]["review_id"] = Value::String("NO-2099-01".into());
        let problems = read(value.to_string().as_bytes(), "b.json").unwrap_err();
        assert!(problems[0]
            .message
            .contains("differs from the front matter"));
        let mut value: Value = serde_json::from_slice(&written(&[ITEM_NEGLECT])).unwrap();
        value["items"][0]["sha256"] = Value::String("ABC".into());
        let problems = read(value.to_string().as_bytes(), "b.json").unwrap_err();
        assert!(problems[0].message.contains("64 lowercase hexadecimal"));
    }

    #[test]
    fn the_checksum_is_the_sign_off_digest_of_the_values_carried() {
        let bundle = read(&written(&[ITEM_NEGLECT]), "b.json").unwrap();
        let item = &bundle.items[0];
        assert_eq!(sign_off_digest(&item.front_matter, &item.body), item.sha256);
    }

    #[test]
    fn the_schema_file_names_the_same_fields() {
        let schema: Value =
            serde_json::from_str(include_str!("../../schema/learning-bundle.v2.schema.json"))
                .expect("the schema file is JSON");
        let keys = |v: &Value| -> Vec<String> {
            let mut k: Vec<String> = v["properties"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect();
            k.sort();
            k
        };
        let mut top: Vec<String> = TOP_LEVEL_KEYS.iter().map(|s| s.to_string()).collect();
        assert_eq!(
            schema["$defs"]["decided"]["properties"]["spans"]["items"]["required"],
            serde_json::json!(["field", "line", "column", "length", "kind"])
        );
        top.sort();
        assert_eq!(keys(&schema), top);
        let mut item: Vec<String> = ITEM_KEYS.iter().map(|s| s.to_string()).collect();
        item.sort();
        assert_eq!(keys(&schema["$defs"]["item"]), item);
        assert_eq!(schema["properties"]["version"]["const"], VERSION);
        assert_eq!(schema["properties"]["schema"]["const"], SCHEMA_NAME);
    }
}
