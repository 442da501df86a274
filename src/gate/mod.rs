//! The anonymisation gate: finds personal data in everything that can reach
//! the output, and fails closed.

pub mod detector;
pub mod names;
pub mod structured;

pub use detector::{Detector, Hit};
