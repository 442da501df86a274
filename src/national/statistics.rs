//! Statistics-only records: what a national body may know of an area's
//! reviews that were **not** published — held for proceedings, embargoed,
//! withheld, awaiting a decision, withdrawn — so that its figures count
//! every review the area held (docs/national.md, "Statistics-only
//! records").
//!
//! A record is the year of the COG's decision, the themes, the age band,
//! the trigger, and for each strategy the CLEAR components it sets out in
//! full and who is responsible. No text, no review id, no date finer than
//! a year: nothing a page could render. Records are record-level data about
//! unpublished reviews, so they never enter any output: a local build
//! writes them to a file of their own outside the output folder
//! ([`StatisticsFile`]), which the area sends the national body privately,
//! and a national site reads that file beside the public bundle.
//!
//! The type that holds them, [`StatisticsOnly`], shows nothing of them to
//! the rest of the program: no accessor, no count, no `Debug` of its
//! contents. The one thing that reads them is `stats`, whose only way out
//! for a figure that includes them is a suppressed table.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::bundle::FIRST_YEAR;
use super::bundle::{is_sha256_hex, BuildTime};
use super::read::{areas_match, read_local, What};
use crate::config::{Config, Limits, SourceBundle};
use crate::content::{AgeBand, Clear, Day, Item, Trigger};
use crate::findings::{Finding, Kind, Severity};

/// The `schema` value every statistics file carries.
pub const SCHEMA_NAME: &str = "clearhouse-statistics";
/// The one version this clearhouse writes and reads.
pub const VERSION: u64 = 1;

/// One review that was not published, as the national body may count it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Record {
    /// The year of the COG's decision (the year of its sign-off); `null`
    /// while the COG has not decided.
    pub(super) year: Option<i32>,
    pub(super) themes: Vec<String>,
    pub(super) age_band: Option<AgeBand>,
    pub(super) trigger: Option<Trigger>,
    pub(super) strategies: Vec<RecordStrategy>,
}

/// What a record says of one strategy.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RecordStrategy {
    /// The CLEAR components set out in full (slugs, in C-L-E-A-R order).
    pub(super) clear: Vec<String>,
    /// The organisations responsible, as the item names them.
    pub(super) responsible: Vec<String>,
}

impl Record {
    fn of(item: &Item) -> Record {
        let meta = &item.meta;
        let mut themes: Vec<String> = meta
            .themes
            .iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        themes.sort();
        let mut strategies: Vec<RecordStrategy> = meta
            .strategies
            .iter()
            .map(|s| RecordStrategy {
                clear: Clear::ALL
                    .into_iter()
                    .filter(|c| s.has(*c))
                    .map(|c| c.slug().to_string())
                    .collect(),
                responsible: s
                    .responsible
                    .iter()
                    .map(|r| r.trim().to_string())
                    .filter(|r| !r.is_empty())
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect(),
            })
            .collect();
        // The order of an item's strategies says nothing a count needs.
        strategies.sort_by_key(canonical);
        Record {
            year: meta
                .signoff
                .as_ref()
                .and_then(|s| s.cog.as_ref())
                .map(|cog| cog.date.year()),
            themes,
            age_band: meta.age_band,
            trigger: meta.trigger,
            strategies,
        }
    }
}

fn canonical<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("records are strings, numbers and arrays")
}

/// Statistics-only records, with the area each belongs to. Opaque on
/// purpose: nothing outside `national` can read, count or print them.
#[derive(Clone, Default)]
pub struct StatisticsOnly {
    pub(super) records: Vec<(String, Record)>,
}

impl std::fmt::Debug for StatisticsOnly {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the records, nor how many there are.
        f.write_str("StatisticsOnly { .. }")
    }
}

impl StatisticsOnly {
    /// Counts `item`, which is not published (held or withheld), if its
    /// `[publication] statistics` says so (by default it does).
    pub fn add_unpublished(&mut self, item: &Item) {
        if item.meta.publication.counts_in_statistics(item.meta.kind) {
            self.records.push((item.area.clone(), Record::of(item)));
        }
    }

    /// Adds another source's records.
    pub fn extend(&mut self, other: StatisticsOnly) {
        self.records.extend(other.records);
    }

    /// The records of one area, in an order that says nothing about the
    /// items they came from.
    fn of_area(&self, area: &str) -> Vec<&Record> {
        let mut records: Vec<&Record> = self
            .records
            .iter()
            .filter(|(a, _)| a == area)
            .map(|(_, r)| r)
            .collect();
        records.sort_by_key(canonical);
        records
    }
}

/// The statistics file as written: the area, the build it belongs to, a
/// random nonce and the records.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileBody {
    schema: String,
    version: u64,
    area: String,
    /// The build that wrote it: the same as its bundle's `built`.
    built: BuildTime,
    /// 32 random bytes (hex): the file's digest is public (in the bundle),
    /// and without the nonce a few records could be guessed from it.
    nonce: String,
    records: Vec<Record>,
}

/// A local site's statistics-only records, ready to be written outside the
/// output folder. The bundle carries only the file's digest.
pub struct StatisticsFile {
    bytes: Vec<u8>,
    sha256: String,
}

impl std::fmt::Debug for StatisticsFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StatisticsFile")
            .field("sha256", &self.sha256)
            .finish_non_exhaustive()
    }
}

impl StatisticsFile {
    /// The file for `area`'s records, from the build at `built`.
    pub fn new(area: &str, built: BuildTime, statistics: &StatisticsOnly) -> StatisticsFile {
        let mut nonce = [0u8; 32];
        // Without randomness the nonce would not hide anything; a build
        // that cannot get any is better stopped than published.
        getrandom::getrandom(&mut nonce).expect("the operating system provides random bytes");
        let body = FileBody {
            schema: SCHEMA_NAME.to_string(),
            version: VERSION,
            area: area.to_string(),
            built,
            nonce: nonce.iter().map(|b| format!("{b:02x}")).collect(),
            records: statistics.of_area(area).into_iter().cloned().collect(),
        };
        let mut bytes = serde_json::to_vec_pretty(&body).expect("records serialise");
        bytes.push(b'\n');
        let sha256 = hex_sha256(&bytes);
        StatisticsFile { bytes, sha256 }
    }

    /// Lowercase hex sha256 of the file: what the bundle carries.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// Writes the file beside `path` (its folder is created), to be put
    /// in place by [`Staged::commit`] once the site it belongs to is.
    pub fn stage(&self, path: &Path) -> std::io::Result<Staged> {
        let folder = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(folder)?;
        let mut temp = tempfile::NamedTempFile::new_in(folder)?;
        std::io::Write::write_all(&mut temp, &self.bytes)?;
        temp.as_file().sync_all()?;
        Ok(Staged {
            temp,
            path: path.to_path_buf(),
        })
    }

    /// Writes the file at `path`, replacing any previous one whole.
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        self.stage(path)?.commit()
    }
}

/// A statistics file written beside its place, not yet in it.
pub struct Staged {
    temp: tempfile::NamedTempFile,
    path: std::path::PathBuf,
}

impl Staged {
    /// Puts the file in place (a rename: never half written).
    pub fn commit(self) -> std::io::Result<()> {
        self.temp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }
}

/// Where a local build writes its statistics file, given its (resolved)
/// root and output folder: `[national] statistics_file`, with any symbolic
/// link in its folder followed, refused when it is inside the output
/// folder or a folder that is published or read (`config.toml`'s line).
pub fn target(
    config: &Config,
    root: &Path,
    output: &Path,
) -> Result<std::path::PathBuf, Box<Finding>> {
    let lexical = config.statistics_path(root);
    let resolved = match (lexical.parent(), lexical.file_name()) {
        (Some(parent), Some(name)) if parent.exists() => std::fs::canonicalize(parent)
            .map(|p| p.join(name))
            .unwrap_or_else(|_| lexical.clone()),
        _ => lexical.clone(),
    };
    let problem = config
        .statistics_path_problem(root, Some(output))
        .or_else(|| config.statistics_problem_at(root, &resolved, Some(output)));
    match problem {
        None => Ok(resolved),
        Some(message) => Err(Box::new(
            Finding::file(
                crate::config::CONFIG_FILE,
                1,
                Kind::Schema,
                "statistics-path",
                Severity::Error,
                format!("{message}; nothing was written"),
            )
            .with_help(format!(
                "set [national] statistics_file in config.toml to a path outside the output and the site's published folders (default \"{}\")",
                crate::config::DEFAULT_STATISTICS_FILE
            )),
        )),
    }
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads the statistics file `source` names, checking that it is the one
/// the area's build wrote with the bundle it sent (`bundle_built`,
/// `bundle_sha256`), and every record.
pub fn read_statistics(
    root: &Path,
    source: &SourceBundle,
    path: &str,
    limits: &Limits,
    bundle_built: BuildTime,
    bundle_sha256: Option<&str>,
    today: Day,
) -> Result<StatisticsOnly, Vec<Finding>> {
    let problem =
        |rule: &str, message: String, help: &str| vec![refuse_file(path, rule, message, help)];
    let Some(expected) = bundle_sha256 else {
        return Err(problem(
            "statistics-unexpected",
            format!(
                "config.toml names a statistics file for \"{}\", but the area's bundle says its build wrote none",
                source.area
            ),
            "remove `statistics` from this [[sources]] entry, or ask the area for a bundle and statistics file from the same build",
        ));
    };
    let bytes = read_local(root, path, limits, What::Statistics).map_err(|f| vec![*f])?;
    if hex_sha256(&bytes) != expected {
        return Err(problem(
            "statistics-mismatch",
            format!(
                "this is not the statistics file that {}'s bundle was built with (built {bundle_built}): its digest differs",
                source.area
            ),
            "ask the area for the statistics file written by the same build as the bundle (both are written by one `clearhouse build`), and do not edit it",
        ));
    }
    let body: FileBody = serde_json::from_slice(&bytes).map_err(|e| {
        problem(
            "statistics-schema",
            format!("the file does not match statistics file version {VERSION}: {e}"),
            "ask the area to rebuild its site with the same clearhouse release as this national site",
        )
    })?;
    let mut problems = Vec::new();
    if body.schema != SCHEMA_NAME || body.version != VERSION {
        problems.push(format!(
            "it is not a clearhouse statistics file of version {VERSION}"
        ));
    }
    if !areas_match(&body.area, &source.area) {
        problems.push(format!(
            "it is from the area \"{}\", not \"{}\"",
            body.area, source.area
        ));
    }
    if body.built != bundle_built {
        problems.push(format!(
            "it was built at {}, its bundle at {bundle_built}",
            body.built
        ));
    }
    if !is_sha256_hex(&body.nonce) {
        problems.push("its nonce is not 64 hexadecimal digits".into());
    }
    for (index, record) in body.records.iter().enumerate() {
        if let Some(why) = record_problem(record, today) {
            problems.push(format!("record {}: {why}", index + 1));
        }
    }
    if !problems.is_empty() {
        return Err(problems
            .into_iter()
            .map(|p| {
                refuse_file(
                    path,
                    "statistics-schema",
                    p,
                    "ask the area to rebuild its site and send the statistics file it writes, unchanged",
                )
            })
            .collect());
    }
    Ok(StatisticsOnly {
        records: body
            .records
            .into_iter()
            .map(|r| (source.area.clone(), r))
            .collect(),
    })
}

/// A `schema` finding refusing the statistics file at `path`.
fn refuse_file(path: &str, rule: &str, message: String, help: &str) -> Finding {
    Finding::file(
        path,
        1,
        Kind::Schema,
        rule,
        Severity::Error,
        format!("statistics file refused: {message}"),
    )
    .with_help(help)
}

/// What is wrong with a record read from a file, if anything. The words
/// name the field, never its value.
fn record_problem(record: &Record, today: Day) -> Option<String> {
    const LONGEST: usize = 200;
    if let Some(year) = record.year {
        if !(FIRST_YEAR..=today.year()).contains(&year) {
            return Some(format!(
                "\"year\" must be from {FIRST_YEAR} to {}",
                today.year()
            ));
        }
    }
    let text_ok = |t: &String| !t.trim().is_empty() && t.chars().count() <= LONGEST;
    if !record.themes.iter().all(text_ok) {
        return Some("a theme is empty or too long".into());
    }
    for strategy in &record.strategies {
        if !strategy.clear.iter().all(|c| Clear::from_slug(c).is_some()) {
            return Some(
                "a strategy's \"clear\" names something other than a CLEAR component".into(),
            );
        }
        if !strategy.responsible.iter().all(text_ok) {
            return Some("a strategy's \"responsible\" is empty or too long".into());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::national::testing::{local_site, today, ITEM_NEGLECT};

    fn withheld() -> Item {
        let text = ITEM_NEGLECT.replace("decision = \"publish\"", "decision = \"withheld\"");
        local_site("North CPC", &[&text]).items.remove(0)
    }

    #[test]
    fn a_record_holds_no_text_no_id_and_the_year_of_the_cog_decision() {
        let item = withheld();
        let record = Record::of(&item);
        assert_eq!(record.year, Some(2025), "the COG signed it off in 2025");
        assert_eq!(record.themes, ["information-sharing", "neglect"]);
        assert_eq!(record.age_band, Some(AgeBand::From1To4));
        let json = canonical(&record);
        for absent in [
            "NO-2024-01",
            "Learning from",
            "Missed appointments",
            "2025-02-10",
            "title",
        ] {
            assert!(!json.contains(absent), "{absent} in {json}");
        }
        assert!(json.contains("Health board"), "who is responsible: {json}");
    }

    #[test]
    fn a_record_awaiting_the_cog_has_no_year() {
        let text = ITEM_NEGLECT.replace(
            "cog = { date = 2025-02-10, sha256 = \"BODY_SHA256\" }\n",
            "",
        );
        let item = local_site("North CPC", &[&text]).items.remove(0);
        assert_eq!(Record::of(&item).year, None);
    }

    #[test]
    fn statistics_default_to_counted_but_not_for_a_summary_only_report() {
        let mut statistics = StatisticsOnly::default();
        statistics.add_unpublished(&withheld());
        assert_eq!(statistics.records.len(), 1);
        let summary_only =
            ITEM_NEGLECT.replace("decision = \"publish\"", "decision = \"summary-only\"");
        statistics.add_unpublished(&local_site("North CPC", &[&summary_only]).items[0]);
        assert_eq!(statistics.records.len(), 1, "its summary counts the review");
        let opted_out = ITEM_NEGLECT.replace(
            "decision = \"withheld\"",
            "decision = \"withheld\"\nstatistics = false",
        );
        let opted_out = opted_out.replace(
            "decision = \"publish\"",
            "decision = \"withheld\"\nstatistics = false",
        );
        statistics.add_unpublished(&local_site("North CPC", &[&opted_out]).items[0]);
        assert_eq!(statistics.records.len(), 1);
        assert_eq!(format!("{statistics:?}"), "StatisticsOnly { .. }");
    }

    #[test]
    fn the_file_reads_back_only_with_its_own_bundle() {
        let dir = tempfile::tempdir().unwrap();
        let mut statistics = StatisticsOnly::default();
        statistics.add_unpublished(&withheld());
        let built = BuildTime::parse("2026-11-26T09:30:00Z").unwrap();
        let file = StatisticsFile::new("North CPC", built, &statistics);
        file.write(&dir.path().join("private/stats.json")).unwrap();
        let source = SourceBundle {
            area: "North-CPC".into(),
            bundle: "b.json".into(),
            statistics: Some("private/stats.json".into()),
        };
        let read = |built, sha: Option<&str>| {
            read_statistics(
                dir.path(),
                &source,
                "private/stats.json",
                &Limits::default(),
                built,
                sha,
                today(),
            )
        };
        let ok = read(built, Some(file.sha256())).expect("reads back");
        assert_eq!(ok.records.len(), 1);
        assert_eq!(
            ok.records[0].0, "North-CPC",
            "counted under the name config gives"
        );
        let other = StatisticsFile::new("North CPC", built, &statistics);
        assert_ne!(other.sha256(), file.sha256(), "the nonce differs per build");
        let wrong = read(built, Some(other.sha256())).unwrap_err();
        assert_eq!(wrong[0].rule, "statistics-mismatch");
        let later = BuildTime::parse("2026-11-26T10:00:00Z").unwrap();
        let wrong = read(later, Some(file.sha256())).unwrap_err();
        assert!(
            wrong[0].message.contains("its bundle at"),
            "{}",
            wrong[0].message
        );
        let none = read(built, None).unwrap_err();
        assert_eq!(none[0].rule, "statistics-unexpected");
    }
}
