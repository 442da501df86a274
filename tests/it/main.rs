//! Integration tests: the `clearhouse` binary run on copies of sites, as a
//! CPC would run it. One test binary (modules below) keeps linking cheap.

mod architecture;
mod browser;
mod common;
mod demo;
mod deploy;
mod desk;
mod gate_eval;
mod hostile;
// The fuzz targets judge rendered HTML with the same scanner.
#[path = "../../fuzz/html_check.rs"]
mod html_check;
mod interrupted;
mod links;
mod national;
mod netlify;
mod properties;
mod samples;
mod search_quality;
mod serve;
mod workflow;
mod xss;
