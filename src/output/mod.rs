//! Writing the site: everything is built in memory, scanned for register
//! entries, written to a temporary folder beside the target and swapped in
//! atomically only when all of it passed. A failed or killed build leaves
//! the previous site byte for byte as it was.

mod scan;
mod write;

pub use scan::scan_output;
pub use write::{check_output_dir, failpoint, write_atomically, OutputError, Staging};

/// One file of the built site.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path under the output folder, `/`-separated, e.g. `learning/ex-2024-01/index.html`.
    pub path: String,
    pub bytes: Vec<u8>,
    /// The source file it was made from, when there is one, so that a
    /// post-build scan hit can name it.
    pub origin: Option<String>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
            origin: None,
        }
    }

    pub fn from(mut self, origin: impl Into<String>) -> OutputFile {
        self.origin = Some(origin.into());
        self
    }
}
