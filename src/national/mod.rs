//! National aggregation (being written).

use crate::build::{Checked, SiteOptions};
use crate::config::Config;
use crate::findings::{Finding, Kind, Severity};

pub fn check(_options: &SiteOptions, _config: Config) -> Result<Checked, Vec<Finding>> {
    Err(vec![Finding::file(
        "config.toml",
        1,
        Kind::Schema,
        "national",
        Severity::Error,
        "national sites are not built by this version",
    )])
}
