//! What a national site remembers between builds: the build time of the
//! newest bundle it has used from each area, in its `.clearhouse/`
//! folder. A bundle older than that is refused, because publishing it
//! would silently bring back what the area has since withdrawn or held
//! again (docs/national.md, "No silent rollback").
//!
//! `load` reads and compares; `record` is called by `build` once the new
//! site is in place, so that `check` and a failed build change nothing.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::bundle::BuildTime;
use super::read::area_key;
use crate::findings::{Finding, Kind, Severity};

/// The state file, relative to the national site's root.
pub const STATE_FILE: &str = ".clearhouse/national-sources.toml";

const HEADER: &str =
    "# Written by `clearhouse build` on this national site: the build time of the\n\
# newest bundle used from each area. A bundle built before it is refused.\n\
# To go back to an older bundle on purpose, delete that area's [[area]]\n\
# entry (or this file) and build again.\n\n";

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct State {
    #[serde(default)]
    area: Vec<AreaState>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AreaState {
    name: String,
    built: BuildTime,
}

/// The areas' last bundle times, as read from the state file.
#[derive(Debug, Default)]
pub struct LastUsed {
    areas: Vec<AreaState>,
}

impl LastUsed {
    /// Reads the state of the site at `root`; no file is no state. A file
    /// that cannot be read is an error: going on without it could let a
    /// rollback through.
    pub fn load(root: &Path) -> Result<LastUsed, Box<Finding>> {
        let path = root.join(STATE_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(LastUsed::default()),
            Err(e) => return Err(Box::new(state_problem(format!("cannot read it: {e}")))),
        };
        toml::from_str::<State>(&text)
            .map(|state| LastUsed { areas: state.area })
            .map_err(|e| {
                Box::new(state_problem(format!(
                    "it is not what clearhouse wrote: {}",
                    e.message()
                )))
            })
    }

    /// The refusal of `area`'s bundle built at `built`, when this site has
    /// used a newer one.
    pub fn refuse_older(&self, area: &str, built: BuildTime, bundle: &str) -> Option<Finding> {
        let last = self
            .areas
            .iter()
            .filter(|a| area_key(&a.name) == area_key(area))
            .map(|a| a.built)
            .max()?;
        (built < last).then(|| {
            Finding::file(
                bundle,
                1,
                Kind::Schema,
                "bundle-rollback",
                Severity::Error,
                format!(
                    "bundle refused: the bundle from {area} was built at {built}, before the one this site last used from it (built at {last}); publishing it would bring back what the area has since withdrawn or held"
                ),
            )
            .with_help(format!(
                "use the area's newest bundle (ask the area to rebuild if in doubt); if going back is intended, delete the [[area]] entry for \"{area}\" from {STATE_FILE} and build again"
            ))
        })
    }
}

fn state_problem(message: String) -> Finding {
    Finding::file(
        STATE_FILE,
        1,
        Kind::Schema,
        "national-state",
        Severity::Error,
        format!("the record of the bundles this site last used cannot be read: {message}"),
    )
    .with_help(format!(
        "delete {STATE_FILE} to start the record again; the next build then accepts each area's bundle as it is"
    ))
}

/// Records that the site now publishes each `(area, built)` bundle:
/// called by `build` after the new site is in place. Areas not listed
/// keep their entries, so that a source taken out and put back later is
/// still checked.
pub fn record(root: &Path, used: &[(String, BuildTime)]) -> std::io::Result<()> {
    let mut state = match LastUsed::load(root) {
        Ok(last) => State { area: last.areas },
        // The build read it a moment ago; if it has gone bad since, the
        // new record replaces it.
        Err(_) => State::default(),
    };
    for (area, built) in used {
        state.area.retain(|a| area_key(&a.name) != area_key(area));
        state.area.push(AreaState {
            name: area.clone(),
            built: *built,
        });
    }
    state.area.sort_by_key(|a| area_key(&a.name));
    let text = format!(
        "{HEADER}{}",
        toml::to_string(&state).expect("the state is strings")
    );
    let path = root.join(STATE_FILE);
    let folder = path.parent().expect("the state file is in .clearhouse/");
    std::fs::create_dir_all(folder)?;
    let mut temp = tempfile::NamedTempFile::new_in(folder)?;
    std::io::Write::write_all(&mut temp, text.as_bytes())?;
    temp.persist(&path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> BuildTime {
        BuildTime::parse(text).unwrap()
    }

    #[test]
    fn an_older_bundle_is_refused_naming_the_area_and_both_times() {
        let dir = tempfile::tempdir().unwrap();
        assert!(LastUsed::load(dir.path())
            .unwrap()
            .refuse_older("North CPC", at("2026-01-01T00:00:00Z"), "n.json")
            .is_none());
        record(
            dir.path(),
            &[("North CPC".into(), at("2026-11-25T09:00:00Z"))],
        )
        .unwrap();
        let last = LastUsed::load(dir.path()).unwrap();
        let refused = last
            .refuse_older("north-cpc", at("2026-11-20T10:00:00Z"), "n.json")
            .expect("older is refused, whatever the spelling of the area");
        assert_eq!(refused.rule, "bundle-rollback");
        assert_eq!(refused.path, "n.json");
        assert!(refused.message.contains("north-cpc"));
        assert!(refused.message.contains("2026-11-20T10:00:00Z"));
        assert!(refused.message.contains("2026-11-25T09:00:00Z"));
        assert!(refused.help.unwrap().contains(STATE_FILE));
        for same_or_newer in ["2026-11-25T09:00:00Z", "2026-11-26T00:00:00Z"] {
            assert!(last
                .refuse_older("North CPC", at(same_or_newer), "n.json")
                .is_none());
        }
        let text = std::fs::read_to_string(dir.path().join(STATE_FILE)).unwrap();
        assert!(text.starts_with("# Written by"), "{text}");
    }

    #[test]
    fn a_damaged_record_stops_the_build_rather_than_let_a_rollback_through() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".clearhouse")).unwrap();
        std::fs::write(dir.path().join(STATE_FILE), "[[area]]\nname = 3\n").unwrap();
        let problem = LastUsed::load(dir.path()).unwrap_err();
        assert_eq!(problem.rule, "national-state");
        assert!(problem.help.unwrap().contains("delete"));
    }
}
