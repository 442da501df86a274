//! The unit every stage that makes output hands on: one file of the built
//! site, in memory. Rendering, static files, search and national pages
//! make them; the gate scans them; `output` writes them.

/// One file of the built site.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path under the output folder, `/`-separated, e.g. `learning/ex-2024-01/index.html`.
    pub path: String,
    pub bytes: Vec<u8>,
    /// The source file it was made from, when there is one, so that a
    /// post-render scan hit can name it.
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
