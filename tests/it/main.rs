//! Integration tests: the `clearhouse` binary run on copies of sites, as a
//! CPC would run it. One test binary (modules below) keeps linking cheap.

mod browser;
mod common;
mod demo;
mod hostile;
mod interrupted;
mod national;
mod netlify;
mod samples;
mod serve;
