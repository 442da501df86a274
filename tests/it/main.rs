//! Integration tests: the `clearhouse` binary run on copies of sites, as a
//! CPC would run it. One test binary (modules below) keeps linking cheap.

mod common;
// The fuzz targets judge rendered HTML with the same scanner.
mod hostile;
#[path = "../../fuzz/html_check.rs"]
mod html_check;
mod interrupted;
mod national;
mod netlify;
mod properties;
mod samples;
mod serve;
mod xss;
